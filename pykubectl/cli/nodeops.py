"""cordon, uncordon, drain, taint: node maintenance with kubectl's messages (kubectl/pkg/cmd/drain, pkg/drain,
pkg/cmd/taint).

Eviction is a pod delete that honours PodDisruptionBudgets; after each eviction the reconciler runs, so the
owner's replacement is scheduled on a node that fits (the drained node is cordoned) before the next eviction is
judged against the budget — as a real drain waits and retries. The simulation has no clock running while a
command waits: a budget that blocks an eviction can never unblock during the drain, so drain reports kubectl's
retry message once and then its global-timeout error instead of waiting.
"""

from __future__ import annotations

import copy
import math
from typing import Any

import click

from .. import errors
from . import common
from .printflags import printer_options

CTX = {"help_option_names": ["-h", "--help"]}

DAEMONSET_FATAL = "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)"
DAEMONSET_WARNING = "ignoring DaemonSet-managed Pods"
LOCAL_STORAGE_FATAL = "Pods with local storage (use --delete-emptydir-data to override)"
LOCAL_STORAGE_WARNING = "deleting Pods with local storage"
UNMANAGED_FATAL = "cannot delete Pods that declare no controller (use --force to override)"
UNMANAGED_WARNING = "deleting Pods that declare no controller"
PDB_MESSAGE = "Cannot evict pod as it would violate the pod's disruption budget."
# What Go prints for time.Duration(math.MaxInt64): kubectl's "no timeout".
FOREVER = "2562047h47m16.854775807s"


def _nodes(env: Any, tx: Any, args: tuple[str, ...], selector: str | None) -> list[dict]:
    """The nodes named on the command line (NAME or node/NAME), or those matching -l."""
    from .get import parse_selector

    if selector:
        if args:
            raise errors.UsageError("error: cannot specify both a node name and a --selector option")
        sel = parse_selector(selector)
        return [n for n in tx.list("", "Node") if sel.matches(n["metadata"].get("labels") or {})]
    out = []
    for a in args:
        name = a
        if "/" in a:
            t, name = a.split("/", 1)
            from ..api import registry

            if registry.resolve(t).kind != "Node":
                raise errors.ClientError(f'error: expected resource of type node, got "{t}"')
        node = tx.get("", "Node", "", name)
        if node is None:
            raise errors.NotFound(f'nodes "{name}" not found')
        out.append(node)
    return out


def _set_unschedulable(env: Any, args: tuple[str, ...], selector: str | None, desired: bool, dry_run: str,
                       store: Any = None) -> tuple[Any, list[str]]:
    """Cordon or uncordon; prints kubectl's lines, returns the store and the node names."""
    from ..client import rest

    if not args and not selector:
        verb = "cordon" if desired else "uncordon"
        raise errors.UsageError(f"error: USAGE: {verb} NODE [flags]\nSee 'kubectl {verb} -h' for help and examples")
    store = store or common.open_store(env)
    names: list[str] = []
    with store.transaction() as tx:
        nodes = _nodes(env, tx, args, selector)
        for node in nodes:
            name = node["metadata"]["name"]
            names.append(name)
            suffix = {"client": " (dry run)", "server": " (server dry run)"}.get(dry_run, "")
            if bool((node.get("spec") or {}).get("unschedulable")) == desired:
                common.echo(env, f"node/{name} already {'cordoned' if desired else 'uncordoned'}{suffix}")
                continue
            if dry_run == "none":
                new = copy.deepcopy(node)
                if desired:
                    new.setdefault("spec", {})["unschedulable"] = True
                else:
                    new.setdefault("spec", {}).pop("unschedulable", None)
                rest.update(tx, new, node)
            common.echo(env, f"node/{name} {'cordoned' if desired else 'uncordoned'}{suffix}")
    common.settle(store)
    return store, names


NODE_SELECTOR_HELP = "Selector (label query) to filter on"


@click.command("cordon", context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("-l", "--selector", default=None, help=NODE_SELECTOR_HELP)
@click.option("--dry-run", "dry_run", default=None, is_flag=False, flag_value="unchanged",
              help='Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.')
def cordon_cmd(args: tuple[str, ...], selector: str | None, dry_run: str | None) -> None:
    """Mark node as unschedulable.

    \b
    Examples:
      # Mark node "foo" as unschedulable
      pykubectl cordon foo
    """
    _set_unschedulable(common.env_of(), args, selector, True, (common.dry_run_mode(dry_run) or "none"))


@click.command("uncordon", context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("-l", "--selector", default=None, help=NODE_SELECTOR_HELP)
@click.option("--dry-run", "dry_run", default=None, is_flag=False, flag_value="unchanged",
              help='Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.')
def uncordon_cmd(args: tuple[str, ...], selector: str | None, dry_run: str | None) -> None:
    """Mark node as schedulable.

    \b
    Examples:
      # Mark node "foo" as schedulable
      pykubectl uncordon foo
    """
    _set_unschedulable(common.env_of(), args, selector, False, (common.dry_run_mode(dry_run) or "none"))


# ---- drain --------------------------------------------------------------------------------------------------------
def _controller(pod: dict) -> dict | None:
    for ref in pod["metadata"].get("ownerReferences") or []:
        if ref.get("controller"):
            return ref
    return None


def _finished(pod: dict) -> bool:
    return (pod.get("status") or {}).get("phase") in ("Succeeded", "Failed")


def _filter(tx: Any, pod: dict, force: bool, ignore_ds: bool, emptydir: bool) -> tuple[bool, str, str]:
    """(delete, reason, message) after kubectl's filters in order, stopping at the first that keeps the pod."""
    status = (True, "Okay", "")
    md = pod["metadata"]
    # DaemonSet-managed pods
    ref = _controller(pod)
    if ref and ref.get("kind") == "DaemonSet" and not _finished(pod):
        if tx.get("apps", "DaemonSet", md["namespace"], ref.get("name", "")) is None:
            msg = f'daemonsets.apps "{ref.get("name", "")}" not found'
            status = (True, "Warning", msg) if force else (False, "Error", msg)
        elif not ignore_ds:
            status = (False, "Error", DAEMONSET_FATAL)
        else:
            status = (False, "Warning", DAEMONSET_WARNING)
        if not status[0]:
            return status
    # mirror pods are skipped
    if "kubernetes.io/config.mirror" in (md.get("annotations") or {}):
        return (False, "Skip", "")
    # local storage
    if any("emptyDir" in v for v in (pod.get("spec") or {}).get("volumes") or []) and not _finished(pod):
        if not emptydir:
            return (False, "Error", LOCAL_STORAGE_FATAL)
        status = (True, "Warning", LOCAL_STORAGE_WARNING)
    # unreplicated
    if not _finished(pod) and ref is None:
        if force:
            status = (True, "Warning", UNMANAGED_WARNING)
        else:
            return (False, "Error", UNMANAGED_FATAL)
    return status


def _pods_for_deletion(tx: Any, node: str, pod_selector: Any, force: bool, ignore_ds: bool,
                       emptydir: bool) -> tuple[list[dict], list[str], str]:
    """(pods to evict, error messages, warnings line) for the pods on a node."""
    pods = [p for p in tx.list("", "Pod") if (p.get("spec") or {}).get("nodeName") == node
            and (pod_selector is None or pod_selector.matches(p["metadata"].get("labels") or {}))]
    pods.sort(key=lambda p: (p["metadata"]["namespace"], p["metadata"]["name"]))
    delete: list[dict] = []
    warn: dict[str, list[str]] = {}
    fail: dict[str, list[str]] = {}
    for p in pods:
        ok, reason, msg = _filter(tx, p, force, ignore_ds, emptydir)
        ref = f"{p['metadata']['namespace']}/{p['metadata']['name']}"
        if ok:
            delete.append(p)
        if reason == "Warning":
            warn.setdefault(msg, []).append(ref)
        elif reason == "Error":
            fail.setdefault(msg or "unexpected error", []).append(ref)
    errs = []
    for msg, refs in sorted(fail.items()):
        prefix = msg if msg.lower().startswith("cannot delete") else f"cannot delete {msg}"
        errs.append(f"{prefix}: {', '.join(refs)}")
    warnings = "; ".join(f"{m}: {', '.join(r)}" for m, r in sorted(warn.items()))
    return delete, errs, warnings


def _aggregate(errs: list[str]) -> str:
    return errs[0] if len(errs) == 1 else "[" + ", ".join(errs) + "]"


def _int_or_percent(v: Any, total: int, round_up: bool) -> int:
    if isinstance(v, str) and v.endswith("%"):
        try:
            pct = int(v[:-1])
        except ValueError:
            return 0
        x = pct * total / 100
        return math.ceil(x) if round_up else math.floor(x)
    try:
        return int(v)
    except (TypeError, ValueError):
        return 0


def _pdb_blocks(tx: Any, pod: dict) -> str | None:
    """The eviction subresource's refusal for this pod, or None when its disruption budget allows it."""
    from ..api import podutil, selectors

    md = pod["metadata"]
    labels = md.get("labels") or {}
    pdbs = [b for b in tx.list("policy", "PodDisruptionBudget", md["namespace"])
            if (b.get("spec") or {}).get("selector") is not None
            and selectors.matches((b.get("spec") or {}).get("selector"), labels)]
    if not pdbs:
        return None
    if len(pdbs) > 1:
        return "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support."
    if not podutil.is_ready(pod):
        return None
    status = pdbs[0].get("status") or {}
    if "disruptionsAllowed" in status:
        # The disruption controller keeps the budget's status current (the reconciler runs between evictions).
        return PDB_MESSAGE if int(status.get("disruptionsAllowed") or 0) <= 0 else None
    spec = pdbs[0].get("spec") or {}
    sel = spec.get("selector")
    covered = [p for p in tx.list("", "Pod", md["namespace"])
               if podutil.is_active(p) and selectors.matches(sel, p["metadata"].get("labels") or {})]
    expected = len(covered)
    healthy = sum(1 for p in covered if podutil.is_ready(p))
    if spec.get("maxUnavailable") is not None:
        desired = expected - _int_or_percent(spec["maxUnavailable"], expected, True)
    elif spec.get("minAvailable") is not None:
        desired = _int_or_percent(spec["minAvailable"], expected, True)
    else:
        desired = expected
    return PDB_MESSAGE if healthy - desired <= 0 else None


@click.command("drain", context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("--force", is_flag=True, help="Continue even if there are pods that do not declare a controller.")
@click.option("--ignore-daemonsets", is_flag=True, help="Ignore DaemonSet-managed pods.")
@click.option("--delete-emptydir-data", "delete_emptydir_data", is_flag=True, help="Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained).")
@click.option("--delete-local-data", "delete_local_data", is_flag=True, hidden=True)
@click.option("--grace-period", type=int, default=-1, help="Period of time in seconds given to each pod to terminate gracefully. If negative, the default value specified in the pod will be used.")
@click.option("--timeout", default="0s", help="The length of time to wait before giving up, zero means infinite")
@click.option("-l", "--selector", default=None, help=NODE_SELECTOR_HELP)
@click.option("--pod-selector", default=None, help="Label selector to filter pods on the node")
@click.option("--disable-eviction", is_flag=True, help="Force drain to use delete, even if eviction is supported. This will bypass checking PodDisruptionBudgets, use with caution.")
@click.option("--skip-wait-for-delete-timeout", type=int, default=0, help="If pod DeletionTimestamp older than N seconds, skip waiting for the pod.  Seconds must be greater than 0 to skip.")
@click.option("--chunk-size", type=int, default=500, help="Return large lists in chunks rather than all at once. Pass 0 to disable.")
@click.option("--dry-run", "dry_run", default=None, is_flag=False, flag_value="unchanged",
              help='Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.')
def drain_cmd(args: tuple[str, ...], force: bool, ignore_daemonsets: bool, delete_emptydir_data: bool,
              delete_local_data: bool, grace_period: int, timeout: str, selector: str | None,
              pod_selector: str | None, disable_eviction: bool, skip_wait_for_delete_timeout: int,
              chunk_size: int, dry_run: str | None) -> None:
    """Drain node in preparation for maintenance.

    The given node will be marked unschedulable to prevent new pods from arriving. 'drain' evicts the pods if the
    API server supports eviction. Otherwise, it will use normal DELETE to delete the pods. The 'drain' evicts or
    deletes all pods except mirror pods (which cannot be deleted through the API server). If there are daemon
    set-managed pods, drain will not proceed without --ignore-daemonsets, and regardless it will not delete any
    daemon set-managed pods. If there are any pods that are neither mirror pods nor managed by a replication
    controller, replica set, daemon set, stateful set, or job, then drain will not delete any pods unless you use
    --force. --force will also allow deletion to proceed if the managing resource of one or more pods is missing.
    Evictions honour PodDisruptionBudgets. Once it returns (without giving an error), the node can be taken down;
    use 'uncordon' to make it schedulable again.

    \b
    Examples:
      # Drain node "foo", even if there are pods not managed by a replication controller, replica set, job, daemon set, or stateful set on it
      pykubectl drain foo --force
    \b
      # As above, but abort if there are pods not managed by a replication controller, replica set, job, daemon set, or stateful set, and use a grace period of 15 minutes
      pykubectl drain foo --grace-period=900
    """
    from .get import parse_selector

    env = common.env_of()
    if timeout.strip() != "0" and _seconds(timeout) is None:
        raise errors.UsageError(f'error: invalid argument "{timeout}" for "--timeout" flag: time: invalid duration '
                                f'"{timeout}"\nSee \'kubectl drain --help\' for usage.')
    mode = (common.dry_run_mode(dry_run) or "none")
    if not args and not selector:
        raise errors.UsageError("error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples")
    psel = None
    if pod_selector:
        try:
            psel = parse_selector(pod_selector)
        except errors.PykubectlError:
            raise errors.ClientError("error: --pod-selector=<pod_selector> must be a valid label selector") from None
    emptydir = delete_emptydir_data or delete_local_data
    store, names = _set_unschedulable(env, args, selector, True, mode)
    # kubectl 1.32's RunDrain: a node that fails is reported and the others are drained; then the nodes left, then
    # the errors (each node's error is an aggregate: alone, its errors print a line each without "error: ").
    fatal: list[list[str]] = []
    remaining: list[str] = []
    for node in names:
        errs = _drain_one(env, store, node, psel, force, ignore_daemonsets, emptydir, timeout, mode,
                          disable_eviction)
        if errs is None:
            suffix = {"client": " (dry run)", "server": " (server dry run)"}.get(mode, "")
            common.echo(env, f"node/{node} drained{suffix}")
            continue
        env.stdout.flush()
        common.err(env, f'error: unable to drain node "{node}" due to error: {_aggregate(errs)}, continuing '
                        "command...")
        fatal.append(errs)
        remaining.append(node)
    if remaining:
        common.err(env, "There are pending nodes to be drained:")
        for n in remaining:
            common.err(env, f" {n}")
        lines = fatal[0] if len(fatal) == 1 else [_aggregate(e) for e in fatal]
        raise errors.ClientError("\n".join(lines))


def _drain_one(env: Any, store: Any, node: str, psel: Any, force: bool, ignore_ds: bool, emptydir: bool,
               timeout: str, mode: str, disable_eviction: bool) -> list[str] | None:
    """Evict the node's pods; returns the errors (kubectl's aggregate) when the drain fails."""
    from ..client import rest

    with store.read() as tx:
        pods, errs, warnings = _pods_for_deletion(tx, node, psel, force, ignore_ds, emptydir)
    if errs:
        return errs
    if warnings:
        common.err(env, f"Warning: {warnings}")
    if mode == "client":
        for p in pods:
            common.echo(env, f"evicting pod {p['metadata']['namespace']}/{p['metadata']['name']} (dry run)")
        return None
    if mode == "server":
        # The eviction requests are dry runs: each says so, and no pod is waited for.
        for p in pods:
            common.echo(env, f"evicting pod {p['metadata']['namespace']}/{p['metadata']['name']} (server dry run)")
        return None
    verb = "deleted" if disable_eviction else "evicted"
    if not disable_eviction:
        for p in pods:
            common.echo(env, f"evicting pod {p['metadata']['namespace']}/{p['metadata']['name']}")
    failures: list[str] = []
    for p in pods:
        md = p["metadata"]
        with store.transaction() as tx:
            cur = tx.get("", "Pod", md["namespace"], md["name"])
            if cur is None or cur["metadata"].get("uid") != md.get("uid"):
                refused = None
            else:
                refused = None if disable_eviction else _pdb_blocks(tx, cur)
                if refused is None and mode == "none":
                    rest.delete(tx, cur)
        if refused is not None:
            if refused == PDB_MESSAGE:
                common.err(env, f'error when evicting pods/"{md["name"]}" -n "{md["namespace"]}" '
                                f"(will retry after 5s): {refused}")
                limit = FOREVER if _zero(timeout) else _go_duration(timeout)
                failures.append(f'error when evicting pods/"{md["name"]}" -n "{md["namespace"]}": '
                                f"global timeout reached: {limit}")
            else:
                failures.append(f'error when evicting pods/"{md["name"]}" -n "{md["namespace"]}": {refused}')
            continue
        # The owner replaces the pod elsewhere before the next eviction is judged against its budget.
        common.settle(store)
        common.echo(env, f"pod/{md['name']} {verb}")
    if failures:
        err = _aggregate(failures)
        with store.read() as tx:
            pending, _, _ = _pods_for_deletion(tx, node, psel, force, ignore_ds, emptydir)
        if pending:
            env.stdout.flush()
            common.err(env, f'There are pending pods in node "{node}" when an error occurred: {err}')
            for p in pending:
                common.err(env, f"pod/{p['metadata']['name']}")
        return failures
    return None


def _seconds(text: str) -> float | None:
    import re

    parts = re.findall(r"(\d+(?:\.\d+)?)(h|ms|m|s)", text.strip())
    if not parts or "".join(n + u for n, u in parts) != text.strip():
        return None
    scale = {"h": 3600, "m": 60, "s": 1, "ms": 0.001}
    return sum(float(n) * scale[u] for n, u in parts)


def _zero(timeout: str) -> bool:
    return timeout.strip() in ("0", "") or _seconds(timeout) == 0


def _go_duration(text: str) -> str:
    """A duration as Go's time.Duration prints it (90s -> 1m30s)."""
    secs = _seconds(text)
    if secs is None:
        return text
    h, rest = divmod(secs, 3600)
    m, s = divmod(rest, 60)
    s_txt = f"{s:g}s"
    if h:
        return f"{int(h)}h{int(m)}m{s_txt}"
    if m:
        return f"{int(m)}m{s_txt}"
    return s_txt


# ---- taint --------------------------------------------------------------------------------------------------------
EFFECTS = ("NoSchedule", "PreferNoSchedule", "NoExecute")


def _taint_str(t: dict) -> str:
    s = t.get("key", "")
    if t.get("value"):
        s += "=" + t["value"]
    if t.get("effect"):
        s += ":" + t["effect"]
    return s


def _parse_taint(spec: str) -> dict:
    from ..api.selectors import is_qualified_name, is_valid_label_value

    parts = spec.split(":")
    value = ""
    effect = ""
    if len(parts) == 1:
        key = parts[0]
    elif len(parts) == 2:
        effect = parts[1]
        if effect not in EFFECTS:
            raise ValueError(f"invalid taint effect: {effect}, unsupported taint effect")
        kv = parts[0].split("=")
        if len(kv) > 2:
            raise ValueError(f"invalid taint spec: {spec}")
        key = kv[0]
        if len(kv) == 2:
            value = kv[1]
            errs = is_valid_label_value(value)
            if errs:
                raise ValueError(f"invalid taint spec: {spec}, {'; '.join(errs)}")
    else:
        raise ValueError(f"invalid taint spec: {spec}")
    errs = is_qualified_name(key)
    if errs:
        raise ValueError(f"invalid taint spec: {spec}, {'; '.join(errs)}")
    t = {"key": key}
    if value:
        t["value"] = value
    if effect:
        t["effect"] = effect
    return t


def _parse_taints(specs: list[str]) -> tuple[list[dict], list[dict]]:
    add: list[dict] = []
    remove: list[dict] = []
    seen: set[tuple[str, str]] = set()
    for s in specs:
        if s.endswith("-"):
            t = _parse_taint(s[:-1])
            remove.append({k: v for k, v in t.items() if k != "value"})
            continue
        t = _parse_taint(s)
        if not t.get("effect"):
            raise ValueError(f"invalid taint spec: {s}")
        if (t["key"], t["effect"]) in seen:
            v = t.get("value", "")
            raise ValueError(f"duplicated taints with the same key and effect: {{{t['key']} {v} {t['effect']} <nil>}}")
        seen.add((t["key"], t["effect"]))
        add.append(t)
    return add, remove


def _match(a: dict, b: dict) -> bool:
    return a.get("key") == b.get("key") and a.get("effect") == b.get("effect")


def _reorganize(old: list[dict], overwrite: bool, add: list[dict], remove: list[dict]) -> tuple[str, list[dict], list[str]]:
    new = [dict(t) for t in add]
    for o in old:
        if not any(_match(t, o) for t in new):
            new.append(o)
    added = len(old) != len(new)
    errs: list[str] = []
    deleted = False
    for r in remove:
        before = len(new)
        if r.get("effect"):
            new = [t for t in new if not _match(r, t)]
        else:
            new = [t for t in new if t.get("key") != r.get("key")]
        deleted = len(new) != before
        if not deleted:
            errs.append(f'taint "{_taint_str(r)}" not found')
    if (added and deleted) or overwrite:
        op = "modified"
    elif added:
        op = "tainted"
    else:
        op = "untainted"
    return op, new, errs


@click.command("taint", context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("--overwrite", is_flag=True, help="If true, allow taints to be overwritten, otherwise reject taint updates that overwrite existing taints.")
@click.option("-l", "--selector", default="", help="Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.")
@click.option("--all", "all_", is_flag=True, help="Select all nodes in the cluster")
@click.option("-o", "--output", default=None, help="Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).")
@click.option("--dry-run", "dry_run", default=None, is_flag=False, flag_value="unchanged", show_default="'none'",
              help='Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.')
@click.option("--field-manager", default="kubectl-taint", help="Name of the manager used to track field ownership.")
@click.option("--validate", default="strict", help=common.VALIDATE_HELP)
@printer_options
def taint_cmd(args: tuple[str, ...], overwrite: bool, selector: str, all_: bool, output: str | None,
              dry_run: str | None, field_manager: str, validate: str) -> None:
    """Update the taints on one or more nodes.

    A taint consists of a key, value, and effect. As an argument here, it is expressed as key=value:effect. The
    key must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up
    to 253 characters. The value is optional; if given, it must begin with a letter or number, up to 63
    characters. The effect must be NoSchedule, PreferNoSchedule or NoExecute. Currently taint can only apply to
    node.

    \b
    Examples:
      # Update node 'foo' with a taint with key 'dedicated' and value 'special-user' and effect 'NoSchedule'
      # If a taint with that key and effect already exists, its value is replaced as specified
      pykubectl taint nodes foo dedicated=special-user:NoSchedule
    \b
      # Remove from node 'foo' the taint with key 'dedicated' and effect 'NoSchedule' if one exists
      pykubectl taint nodes foo dedicated:NoSchedule-
    \b
      # Remove from node 'foo' all the taints with key 'dedicated'
      pykubectl taint nodes foo dedicated-
    \b
      # Add a taint with key 'dedicated' on nodes having label myLabel=X
      pykubectl taint node -l myLabel=X  dedicated=foo:PreferNoSchedule
    """
    from ..api import registry
    from ..client import rest
    from .get import parse_selector

    env = common.env_of()
    mode = (common.dry_run_mode(dry_run) or "none")
    resources: list[str] = []
    specs: list[str] = []
    for s in args:
        is_taint = "=" in s or ":" in s or s.endswith("-")
        if is_taint:
            specs.append(s)
        elif specs:
            raise errors.ClientError(f"error: all resources must be specified before taint changes: {s}")
        else:
            resources.append(s)
    if not resources:
        raise errors.ClientError("error: one or more resources must be specified as <resource> <name>")
    if not specs:
        raise errors.ClientError("error: at least one taint update is required")
    try:
        add, remove = _parse_taints(specs)
    except ValueError as e:
        raise errors.UsageError(f"error: {e}\nSee 'kubectl taint -h' for help and examples") from None
    rtype = resources[0].lower()
    if registry.resolve(rtype).kind != "Node":
        raise errors.ClientError(f"error: invalid resource type {rtype}, only node types are supported")
    conflicts = [f'{{"{r["key"]}":"{r.get("effect", "")}"}}' for a in add for r in remove
                 if a["key"] == r["key"] and (not r.get("effect") or a["effect"] == r.get("effect"))]
    if conflicts:
        raise errors.ClientError("error: can not both modify and remove the following taint(s) in the same command: "
                                 + ", ".join(conflicts))
    if all_ and selector:
        raise errors.ClientError("error: setting 'all' parameter with a non empty selector is prohibited")
    if not all_ and not selector and len(resources) < 2:
        raise errors.ClientError("error: at least one resource name must be specified since 'all' parameter is not set")
    store = common.open_store(env)
    sel = parse_selector(selector) if selector else None
    with store.read() as tx:
        if all_ or sel is not None:
            names = [n["metadata"]["name"] for n in tx.list("", "Node")
                     if sel is None or sel.matches(n["metadata"].get("labels") or {})]
        else:
            names = resources[1:]
    failed: list[Exception] = []
    for name in names:
        try:
            with store.transaction() as tx:
                node = tx.get("", "Node", "", name)
                if node is None:
                    raise errors.NotFound(f'nodes "{name}" not found')
                old = list((node.get("spec") or {}).get("taints") or [])
                if not overwrite:
                    exists = ",".join(a["key"] for a in add for o in old if _match(a, o))
                    if exists:
                        raise errors.bare_client_error(f"node {name} already has {exists} taint(s) with same "
                                                       "effect(s) and --overwrite is false")
                op, new_taints, errs = _reorganize(old, overwrite, add, remove)
                if errs:
                    raise errors.bare_client_error(_aggregate(errs))
                new = copy.deepcopy(node)
                if new_taints:
                    new.setdefault("spec", {})["taints"] = new_taints
                else:
                    new.setdefault("spec", {}).pop("taints", None)
                if mode == "none":
                    new = rest.update(tx, new, node)
            if output:
                env.stdout.write(common.render_objects(env, [new], output, single=True))
            else:
                # taint.go sets its printer's operation after the dry-run suffix was added, which drops the suffix:
                # kubectl prints "node/x tainted" for a dry run too (observed with kubectl 1.32).
                common.echo(env, f"node/{name} {op}")
        except (errors.ServerError, errors.ClientError) as e:
            failed.append(e)
    common.settle(store)
    if failed:
        # The builder visits with ContinueOnError: every node's error, reported together after the last node
        # (one alone as "error: …", several one per line without it; seen with kubectl 1.32 through serve).
        from .objectupdate import report_errors

        report_errors(env, failed)
        raise errors.PykubectlError("")


COMMANDS = {"cordon": cordon_cmd, "uncordon": uncordon_cmd, "drain": drain_cmd, "taint": taint_cmd}
