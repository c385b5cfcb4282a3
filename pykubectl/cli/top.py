"""top pod|node: resource usage from the simulated metrics server (see controllers/hpa.py for the usage model),
printed as kubectl's metrics printer does (its tab writer pads every cell, the last one too)."""

from __future__ import annotations

import click

from .. import errors
from . import common

CTX = {"help_option_names": ["-h", "--help"]}


def _tabwrite(rows: list[list[str]]) -> str:
    """printers.GetNewTabWriter (minwidth 6, padding 3) over tab-terminated cells."""
    if not rows:
        return ""
    # Every cell ends with a tab, so a column's width is the widest cell of the lines that have it (top pod
    # --sum's lines may have fewer cells than the others, and come last).
    widths = [max(6, max(len(r[i]) for r in rows if len(r) > i) + 3) for i in range(max(len(r) for r in rows))]
    return "".join("".join(c.ljust(w) for c, w in zip(r, widths)) + "\n" for r in rows)


def _cpu(m: int) -> str:
    return f"{m}m"


def _mem(b: int) -> str:
    return f"{b // (1024 * 1024)}Mi"


def _sort_key(sort_by: str | None):  # type: ignore[no-untyped-def]
    if sort_by == "cpu":
        return lambda r: -r[1]
    if sort_by == "memory":
        return lambda r: -r[2]
    return None


def _require_metrics_api(tx: object) -> None:
    """kubectl top asks discovery for metrics.k8s.io first (a cluster without a metrics server has none)."""
    from ..client import discovery

    if not discovery.metrics_api_available(tx):
        raise errors.ClientError("error: Metrics API not available")


def _one_name(names: tuple[str, ...], what: str) -> str | None:
    """Complete's argument check: one NAME at most, else the usage error naming the command's Use line."""
    if len(names) > 1:
        raise errors.UsageError(f"error: {what} [NAME | -l label]\nSee 'kubectl top {what} -h' for help and examples")
    return names[0] if names else None


def _check_sort(sort_by: str | None) -> None:
    if sort_by not in (None, "", "cpu", "memory"):
        raise errors.ClientError("error: --sort-by accepts only cpu or memory")


class _Aliased(click.Group):
    """kubectl's aliases: pods/po, nodes/no."""

    ALIASES = {"pods": "pod", "po": "pod", "nodes": "node", "no": "node"}

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        return super().get_command(ctx, self.ALIASES.get(name, name))

    def resolve_command(self, ctx: click.Context, args: list[str]):  # type: ignore[override]
        if args and args[0] in self.ALIASES:
            args = [self.ALIASES[args[0]]] + args[1:]
        return super().resolve_command(ctx, args)


@click.group("top", cls=_Aliased, context_settings=CTX, invoke_without_command=True)
@click.pass_context
def top_group(ctx: click.Context) -> None:
    """Display resource (CPU/memory) usage.

    The top command allows you to see the resource consumption for nodes or pods. In pykubectl the usage comes
    from the simulated load set with `pykubectl cluster load`.

    \b
    Examples:
      # Show metrics for all pods in the default namespace
      pykubectl top pod
    \b
      # Show metrics for all nodes
      pykubectl top node
    """
    common.help_without_subcommand(ctx)


@top_group.command("pod", context_settings=CTX)
@click.argument("names", nargs=-1)
@click.option("-A", "--all-namespaces", "all_ns", is_flag=True,
              help="If present, list the requested object(s) across all namespaces. Namespace in current context is "
                   "ignored even if specified with --namespace.")
@click.option("--containers", is_flag=True, help="If present, print usage of containers within a pod.")
@click.option("--no-headers", is_flag=True, help="If present, print output without headers.")
@click.option("-l", "--selector", default="", help="Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.")
@click.option("--field-selector", default="", help="Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.")
@click.option("--sort-by", default=None, help="If non-empty, sort pods list using specified field. The field can be either 'cpu' or 'memory'.")
@click.option("--use-protocol-buffers", default=True, type=bool, help="Enables using protocol-buffers to access Metrics API.")
@click.option("--sum", "sum_", is_flag=True, help="Print the sum of the resource usage")
def top_pod(names: tuple[str, ...], all_ns: bool, containers: bool, no_headers: bool, selector: str, field_selector: str,
            sort_by: str | None, use_protocol_buffers: bool, sum_: bool = False) -> None:
    """Display resource (CPU/memory) usage of pods.

    \b
    Examples:
      # Show metrics for all pods in the default namespace
      pykubectl top pod
    \b
      # Show metrics for all pods in the given namespace
      pykubectl top pod --namespace=NAMESPACE
    \b
      # Show metrics for a given pod and its containers
      pykubectl top pod POD_NAME --containers
    \b
      # Show metrics for the pods defined by label name=myLabel
      pykubectl top pod -l name=myLabel
    """
    from ..api.selectors import SelectorError, parse_field_selector, parse_label_selector
    from ..controllers import hpa

    env = common.env_of()
    name = _one_name(names, "pod")
    _check_sort(sort_by)
    if name and selector:
        raise errors.ClientError("error: only one of NAME or selector can be provided")
    ns = None if all_ns else common.namespace(env)
    try:
        lsel = parse_label_selector(selector) if selector else None
        fsel = parse_field_selector(field_selector) if field_selector else None
    except SelectorError as e:
        raise errors.ClientError(f"error: {e}") from None
    store = common.open_store(env)
    with store.read() as tx:
        _require_metrics_api(tx)
        if name:
            pod = tx.get("", "Pod", ns or "default", name)
            if pod is None or not hpa._running(pod):
                raise errors.NotFound(f'podmetrics.metrics.k8s.io "{ns or "default"}/{name}" not found')
            pods = [pod]
        else:
            pods = tx.list("", "Pod", ns)
            if lsel is not None:
                pods = [p for p in pods if lsel.matches(p["metadata"].get("labels") or {})]
            if fsel is not None:
                pods = [p for p in pods if fsel.matches(p)]
        running = [p for p in pods if hpa._running(p)]
        cache: dict = {}
        rows: list[tuple[dict, int, int]] = []
        for p in running:
            cpu, mem = hpa.pod_usage(tx, p, cache)
            rows.append((p, cpu, mem))
    if not rows:
        if pods:
            raise errors.ClientError("error: metrics not available yet")
        common.err(env, "No resources found" if all_ns else f"No resources found in {ns} namespace.")
        return
    key = _sort_key(sort_by)
    rows.sort(key=lambda r: (r[0]["metadata"]["namespace"] if all_ns else "", r[0]["metadata"]["name"]))
    if key:
        rows.sort(key=key)
    out: list[list[str]] = []
    if not no_headers:
        out.append((["NAMESPACE"] if all_ns else []) + (["POD"] if containers else [])
                   + ["NAME", "CPU(cores)", "MEMORY(bytes)"])
    for p, cpu, mem in rows:
        lead = [p["metadata"]["namespace"]] if all_ns else []
        if containers:
            cs = (p.get("spec") or {}).get("containers") or []
            n = len(cs) or 1
            for c in sorted(cs, key=lambda c: c["name"]):
                out.append(lead + [p["metadata"]["name"], c["name"], _cpu(cpu // n), _mem(mem // n)])
        else:
            out.append(lead + [p["metadata"]["name"], _cpu(cpu), _mem(mem)])
    if sum_:
        # metricsutil's printPodResourcesSum: its column count grows with NAMESPACE and POD only when the headers
        # are printed (derived from kubectl's source; no recording of a cluster with metrics).
        width = 3 + (0 if no_headers else int(all_ns) + int(containers))
        out.append([""] * (width - 2) + ["________", "________"])
        out.append([""] * (width - 3) + ["", _cpu(sum(r[1] for r in rows)), _mem(sum(r[2] for r in rows))])
    env.stdout.write(_tabwrite(out))


@top_group.command("node", context_settings=CTX)
@click.argument("names", nargs=-1)
@click.option("--no-headers", is_flag=True, help="If present, print output without headers")
@click.option("-l", "--selector", default="", help="Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.")
@click.option("--show-capacity", is_flag=True, help="Print node resources based on Capacity instead of Allocatable(default) of the nodes.")
@click.option("--sort-by", default=None, help="If non-empty, sort nodes list using specified field. The field can be either 'cpu' or 'memory'.")
@click.option("--use-protocol-buffers", default=True, type=bool, help="Enables using protocol-buffers to access Metrics API.")
def top_node(names: tuple[str, ...], no_headers: bool, selector: str, show_capacity: bool, sort_by: str | None,
             use_protocol_buffers: bool) -> None:
    """Display resource (CPU/memory) usage of nodes.

    \b
    Examples:
      # Show metrics for all nodes
      pykubectl top node
    \b
      # Show metrics for a given node
      pykubectl top node NODE_NAME
    """
    import json

    from ..api.quantity import parse_quantity
    from ..api.selectors import SelectorError, parse_label_selector
    from ..controllers import hpa
    from ..controllers.node import node_ready

    env = common.env_of()
    name = _one_name(names, "node")
    _check_sort(sort_by)
    if name and selector:
        raise errors.ClientError("error: only one of NAME or --selector can be provided")
    try:
        lsel = parse_label_selector(selector) if selector else None
    except SelectorError as e:
        raise errors.ClientError(f"error: {e}") from None
    store = common.open_store(env)
    with store.read() as tx:
        _require_metrics_api(tx)
        if name:
            node = tx.get("", "Node", "", name)
            if node is None:
                raise errors.NotFound(f'nodemetrics.metrics.k8s.io "{name}" not found')
            nodes = [node]
        else:
            nodes = tx.list("", "Node")
            if lsel is not None:
                nodes = [n for n in nodes if lsel.matches(n["metadata"].get("labels") or {})]
        cache: dict = {}
        rows: list[tuple[str, int, int, int, int, bool]] = []
        for n in nodes:
            nname = n["metadata"]["name"]
            pods = [json.loads(r[0]) for r in tx.db.execute(
                "SELECT o.body FROM objects o JOIN pod_resources r ON r.obj = o.id WHERE r.node = :n", {"n": nname})]
            pods = [p for p in pods if hpa._running(p)]
            cpu, mem = hpa.node_usage(tx, n, pods, cache)
            res = (n.get("status") or {}).get("capacity" if show_capacity else "allocatable") or {}
            acpu = int(parse_quantity(str(res.get("cpu", "0"))) * 1000)
            amem = int(parse_quantity(str(res.get("memory", "0"))))
            rows.append((nname, cpu, mem, acpu, amem, node_ready(n)))
    if not rows:
        common.err(env, "No resources found")
        return
    rows.sort(key=lambda r: r[0])
    key = _sort_key(sort_by)
    if key:
        rows.sort(key=key)
    live = [r for r in rows if r[5]]
    out: list[list[str]] = []
    if not no_headers:
        out.append(["NAME", "CPU(cores)", "CPU(%)", "MEMORY(bytes)", "MEMORY(%)"])
    for nname, cpu, mem, acpu, amem, _ in live:
        out.append([nname, _cpu(cpu), f"{int(cpu / acpu * 100) if acpu else 0}%", _mem(mem),
                    f"{int(mem / amem * 100) if amem else 0}%"])
    # Nodes whose kubelet does not report are listed last, with unknown usage.
    for r in rows:
        if not r[5]:
            out.append([r[0], "<unknown>", "<unknown>", "<unknown>", "<unknown>"])
    env.stdout.write(_tabwrite(out))


COMMANDS = {"top": top_group}
