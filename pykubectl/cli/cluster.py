"""pykubectl-only commands that shape the simulated cluster (real kubectl verbs never change meaning)."""

from __future__ import annotations

from typing import Any

import click

from .. import errors
from . import common

CTX = {"help_option_names": ["-h", "--help"]}


@click.group("cluster", context_settings=CTX)
def cluster_group() -> None:
    """Shape the simulated cluster: nodes, failures, reset (pykubectl only).

    \b
    Examples:
      # Add a worker node with 8 CPUs
      pykubectl cluster nodes add --cpu 8
    \b
      # Make a node fail; its pods are replaced elsewhere
      pykubectl cluster nodes fail pykubectl-worker
    """


@cluster_group.group("nodes", context_settings=CTX)
def nodes_group() -> None:
    """Add, remove, fail and recover nodes.

    \b
    Examples:
      pykubectl cluster nodes add
    """


@nodes_group.command("add", context_settings=CTX)
@click.argument("name", required=False)
@click.option("--cpu", default="4", help="Allocatable CPU of the node.")
@click.option("--memory", default="8148552Ki", help="Allocatable memory of the node.")
@click.option("--pods", default="110", help="Pods the node can run.")
@click.option("--count", default=1, type=int, help="How many nodes to add.")
def nodes_add(name: str | None, cpu: str, memory: str, pods: str, count: int) -> None:
    """Add worker nodes.

    \b
    Examples:
      pykubectl cluster nodes add --cpu 8 --memory 16Gi
    """
    from ..controllers import bootstrap, clusterconfig

    if count < 1:
        raise errors.ClientError(f"error: --count must be at least 1, got {count}")
    env = common.env_of()
    store = common.open_store(env)
    with store.transaction() as tx:
        cluster = clusterconfig.cluster_name(tx)
        subnet = clusterconfig.pod_subnet(tx)
        nodes = tx.list("", "Node")
        existing = {n["metadata"]["name"] for n in nodes}
        used = {clusterconfig.pod_cidr_index(subnet, (n.get("spec") or {}).get("podCIDR") or "") for n in nodes}
        addresses = {a.get("address") for n in nodes for a in (n.get("status") or {}).get("addresses") or []}
        # One /24 of the pod network per node; a block is also skipped while its node address is someone's.
        pod_blocks = clusterconfig.pod_cidr_blocks(subnet)
        free = (i for i in range(pod_blocks)
                if i not in used and bootstrap.node_address(i) not in addresses)
        chosen = [i for _, i in zip(range(count), free)]
        if len(chosen) < count:
            left = len(chosen)
            raise errors.ClientError(
                f"error: cannot add {count} node{'s' if count != 1 else ''}: the pod network {subnet} "
                f"has {left} free /{clusterconfig.NODE_CIDR_MASK} pod CIDR{'s' if left != 1 else ''} left "
                "(one per node)")
        added = []
        for idx in chosen:
            nname = name if name and count == 1 else None
            if nname is None:
                i = 2
                while f"{cluster}-worker{i}" in existing:
                    i += 1
                nname = f"{cluster}-worker{i}"
            if nname in existing:
                raise errors.AlreadyExists(f'nodes "{nname}" already exists')
            existing.add(nname)
            tx.create(bootstrap.make_node(tx, nname, idx, cpu=cpu, memory=memory, pods=pods,
                                          pod_cidr=clusterconfig.node_pod_cidr(subnet, idx), cluster=cluster))
            added.append(nname)
    common.settle(store)
    for n in added:
        common.echo(env, f"node/{n} added")


def _set_ready(name: str, ready: bool) -> None:
    env = common.env_of()
    store = common.open_store(env)
    with store.transaction() as tx:
        node = tx.must_get("", "Node", "", name)
        now = tx.env.now_str()
        for c in node["status"]["conditions"]:
            if c["type"] == "Ready":
                c.update(status="True" if ready else "Unknown", lastTransitionTime=now, lastHeartbeatTime=now,
                         reason="KubeletReady" if ready else "NodeStatusUnknown",
                         message="kubelet is posting ready status" if ready else "Kubelet stopped posting node status.")
        taints = [t for t in node["spec"].get("taints") or [] if not t["key"].startswith("node.kubernetes.io/unreachable")]
        if not ready:
            taints += [{"effect": "NoSchedule", "key": "node.kubernetes.io/unreachable", "timeAdded": now},
                       {"effect": "NoExecute", "key": "node.kubernetes.io/unreachable", "timeAdded": now}]
        if taints:
            node["spec"]["taints"] = taints
        else:
            node["spec"].pop("taints", None)
        tx.update(node)
    common.settle(store)
    common.echo(env, f"node/{name} {'recovered' if ready else 'failed'}")


@nodes_group.command("fail", context_settings=CTX)
@click.argument("name")
def nodes_fail(name: str) -> None:
    """Make a node NotReady: its pods stop being Ready at once and, 300s later (their default toleration of the
    node.kubernetes.io/unreachable taint; advance the clock with `cluster advance`), are evicted and replaced on
    other nodes. DaemonSet pods stay.

    \b
    Examples:
      pykubectl cluster nodes fail pykubectl-worker
    """
    _set_ready(name, False)


@nodes_group.command("recover", context_settings=CTX)
@click.argument("name")
def nodes_recover(name: str) -> None:
    """Make a failed node Ready again.

    \b
    Examples:
      pykubectl cluster nodes recover pykubectl-worker
    """
    _set_ready(name, True)


@nodes_group.command("remove", context_settings=CTX)
@click.argument("name")
def nodes_remove(name: str) -> None:
    """Remove a node; its pods are replaced on other nodes.

    \b
    Examples:
      pykubectl cluster nodes remove pykubectl-worker2
    """
    env = common.env_of()
    store = common.open_store(env)
    with store.transaction() as tx:
        tx.must_get("", "Node", "", name)
        tx.delete("", "Node", "", name)
    common.settle(store)
    common.echo(env, f"node/{name} removed")


CONFIG_HELP = ("A kind Cluster config (kind.x-k8s.io/v1alpha4) with pykubectl's per-node extension; "
               "see docs/CLUSTERS.md.")


def _read_config(env: Any, path: str | None) -> Any:
    """The shape a config file describes (None without --config); fields only kind's containers use are noted."""
    if path is None:
        return None
    from ..controllers import clusterconfig

    shape = clusterconfig.load(path)
    if shape.ignored:
        common.err(env, f'note: cluster config "{path}": ignoring fields that only concern kind\'s node containers: '
                        + ", ".join(shape.ignored))
    return shape


@cluster_group.command("create", context_settings=CTX)
@click.option("--config", "config", default=None, metavar="FILE", help=CONFIG_HELP)
def create(config: str | None) -> None:
    """Create the simulated cluster in a new store, of the shape a kind Cluster config describes.

    Without --config the cluster is pykubectl's default (one control plane, two workers), which any command makes
    on a new store. A store that already holds a cluster is left as it is: use `cluster reset --config`.

    \b
    Examples:
      # Three zones of workers, as kind's config plus pykubectl's extension describe them
      pykubectl cluster create --config fixtures/clusters/three-zones.yaml
    """
    from ..store.store import Store

    env = common.env_of()
    shape = _read_config(env, config)
    store = Store.open(env, shape)
    if not store.created:
        from ..store.db import _redact

        raise errors.ClientError(f"error: the store {_redact(store.url)} already holds a cluster: use "
                                 "`pykubectl cluster reset --config FILE` to replace it")
    common.settle(store)
    _report_created(env, store, "created")


def _report_created(env: Any, store: Any, verb: str) -> None:
    from ..controllers import clusterconfig

    with store.read() as tx:
        name = clusterconfig.cluster_name(tx)
        nodes = tx.count("", "Node")
    common.echo(env, f'cluster "{name}" {verb} with {nodes} node{"s" if nodes != 1 else ""}')


@cluster_group.command("reset", context_settings=CTX)
@click.option("--config", "config", default=None, metavar="FILE", help=CONFIG_HELP)
def reset(config: str | None) -> None:
    """Throw the whole simulated cluster away and start a fresh one (of the shape a kind Cluster config describes).

    \b
    Examples:
      pykubectl cluster reset
    \b
      # A fresh cluster with a GPU node pool
      pykubectl cluster reset --config fixtures/clusters/gpu-pool.yaml
    """
    env = common.env_of()
    shape = _read_config(env, config)  # a bad config is refused before anything is thrown away
    store = common.open_store(env, settle=False)
    with store.transaction() as tx:
        for table in ("objects", "labels", "owners", "events", "work", "wakeups", "tombstones", "pod_resources",
                      "pod_states", "pod_rows", "meta"):
            tx.db.execute(f"DELETE FROM {table}")
        tx.invalidate_cache()
        env.clock_offset = 0.0  # the simulated clock starts again with the new cluster (its meta row is gone)
        tx.db.execute("INSERT INTO meta (k, v) VALUES ('rv', '1')")
        from ..store.db import SCHEMA_VERSION

        tx.db.execute("INSERT INTO meta (k, v) VALUES ('schema_version', :v)", {"v": str(SCHEMA_VERSION)})
        from ..controllers import bootstrap

        if shape is None:
            bootstrap.seed_cluster(tx)
        else:
            bootstrap.seed_cluster(tx, shape)
    common.settle(store)
    if shape is None:
        common.echo(env, "cluster reset")
    else:
        _report_created(env, store, "reset")


# -- cluster advance --
@cluster_group.command("advance", context_settings=CTX)
@click.argument("duration")
def advance_cmd(duration: str) -> None:
    """Move the cluster clock forward (pykubectl only).

    What would happen in that time happens, in order: containers finish and restart, back-offs expire, Jobs
    complete or hit their deadlines, CronJobs fire, TTLs pass. DURATION: 90s, 10m, 1h30m, 2h, 2d.

    \b
    Examples:
      # Let two hours pass
      pykubectl cluster advance 2h
    \b
      # Ninety seconds, or an hour and a half
      pykubectl cluster advance 90s
      pykubectl cluster advance 1h30m
    """
    from ..controllers import clock
    from ..env import format_time

    env = common.env_of()
    seconds = clock.parse_duration(duration)
    store = common.open_store(env)
    now = clock.advance(store, seconds)
    common.echo(env, f"cluster clock advanced {duration} to {format_time(now)}")


@cluster_group.group("images", context_settings=CTX)
def images_group() -> None:
    """Deny or allow image pulls in the simulated registry (pykubectl only).

    Every image can be pulled except those matching a deny pattern.

    \b
    Examples:
      # Make every tag of myapp unpullable (ErrImagePull, then ImagePullBackOff)
      pykubectl cluster images deny 'myapp:*'
    """


def _change_denied(patterns: tuple[str, ...], deny: bool) -> None:
    from ..controllers import kubelet

    env = common.env_of()
    store = common.open_store(env)
    with store.transaction() as tx:
        current = kubelet.deny_list(tx)
        new = sorted(set(current) | set(patterns)) if deny else [p for p in current if p not in patterns]
        kubelet.set_deny_list(tx, new)
    common.settle(store)
    for p in patterns:
        common.echo(env, f'image pattern "{p}" {"denied" if deny else "allowed"}')


@images_group.command("deny", context_settings=CTX)
@click.argument("patterns", nargs=-1, required=True)
def images_deny(patterns: tuple[str, ...]) -> None:
    """Make images matching PATTERN (shell glob on the reference as written or as docker.io/library/…:tag)
    fail to pull.

    \b
    Examples:
      pykubectl cluster images deny 'nginx:1.99' 'registry.example.com/*'
    """
    _change_denied(patterns, True)


@images_group.command("allow", context_settings=CTX)
@click.argument("patterns", nargs=-1, required=True)
def images_allow(patterns: tuple[str, ...]) -> None:
    """Remove deny patterns: pods waiting on those images pull them at their next retry.

    \b
    Examples:
      pykubectl cluster images allow 'nginx:1.99'
    """
    _change_denied(patterns, False)


@images_group.command("list", context_settings=CTX)
def images_list() -> None:
    """List the deny patterns.

    \b
    Examples:
      pykubectl cluster images list
    """
    from ..controllers import kubelet

    env = common.env_of()
    store = common.open_store(env)
    with store.read() as tx:
        for p in kubelet.deny_list(tx):
            common.echo(env, p)


# -- cluster load --


def _parse_load(value: str | None, what: str, requests: list[int | None], ready: int) -> int | None:
    """``80%``: that share of the ready pods' requests; a quantity (``200m``, ``300Mi``): that much per ready pod.
    Either way the result is the workload's total demand, which stays constant while it scales."""
    from ..api.quantity import parse_quantity

    if value is None:
        return None
    if value.endswith("%"):
        try:
            pct = float(value[:-1])
        except ValueError:
            raise errors.UsageError(f'error: invalid --{what} value "{value}": expected a percentage or a quantity') from None
        if not requests:
            raise errors.ClientError(
                f"error: the workload has no ready pods to take a percentage of: give --{what} as a quantity "
                f"(for example {'200m' if what == 'cpu' else '256Mi'})")
        if any(r is None for r in requests):
            raise errors.ClientError(
                f"error: some pods of the workload have no {what} request: give --{what} as a quantity "
                f"(for example {'200m' if what == 'cpu' else '256Mi'})")
        return int(sum(r or 0 for r in requests) * pct / 100)
    try:
        q = parse_quantity(value)
    except Exception:  # noqa: BLE001 - the quantity parser's own errors
        raise errors.UsageError(f'error: invalid --{what} value "{value}": expected a percentage or a quantity') from None
    per_pod = int(q * 1000) if what == "cpu" else int(q)
    return per_pod * max(ready, 1)


@cluster_group.command("load", context_settings=CTX)
@click.argument("target")
@click.option("--cpu", default=None, help="CPU use: a percentage of the pods' requests (80%) or a quantity per pod (200m).")
@click.option("--memory", default=None, help="Memory use: a percentage of the pods' requests (50%) or a quantity per pod (256Mi).")
@click.option("--clear", is_flag=True, help="Remove the simulated load: pods go back to idle.")
def load(target: str, cpu: str | None, memory: str | None, clear: bool) -> None:
    """Set the simulated CPU and memory use of a workload (pykubectl only).

    The load is the workload's total demand, measured against the pods it runs now; when it scales, the demand is
    shared by its ready pods, as a steady request rate would be. HorizontalPodAutoscalers and `top` read it.

    \b
    Examples:
      # Make the pods of deployment web use 80% of their CPU requests
      pykubectl cluster load deployment/web --cpu 80%
    \b
      # CPU and memory at once, on a StatefulSet
      pykubectl cluster load statefulset/db --cpu 300m --memory 60%
    \b
      # Back to idle
      pykubectl cluster load deployment/web --clear
    """
    from ..api import registry
    from ..controllers import hpa

    env = common.env_of()
    if "/" not in target:
        raise errors.UsageError("error: TARGET must be KIND/NAME, for example deployment/web")
    tstr, name = target.split("/", 1)
    kind = registry.resolve(tstr)
    if (kind.group, kind.kind) not in (("apps", "Deployment"), ("apps", "StatefulSet"), ("apps", "ReplicaSet"),
                                       ("apps", "DaemonSet")):
        raise errors.ClientError(f"error: cannot set a load on {kind.plural}: use a deployment, statefulset, "
                                 "replicaset or daemonset")
    if not clear and cpu is None and memory is None:
        raise errors.UsageError("error: give --cpu, --memory or --clear")
    ns = common.namespace(env)
    store = common.open_store(env)
    with store.transaction() as tx:
        tx.must_get(kind.group, kind.kind, ns, name)
        if clear:
            tx.meta_delete(hpa.load_key(ns, kind.kind, name))
            text = "cleared"
        else:
            pods = [p for p in hpa.workload_pods(tx, ns, kind.kind, name) if hpa._serving(p)]
            old = hpa.get_load(tx, ns, kind.kind, name) or {}
            new = dict(old)
            cpu_total = _parse_load(cpu, "cpu", [r for p in pods for r in hpa._requests(p, "cpu")], len(pods))
            mem_total = _parse_load(memory, "memory", [r for p in pods for r in hpa._requests(p, "memory")], len(pods))
            if cpu_total is not None:
                new["cpu_m"] = cpu_total
            if mem_total is not None:
                new["mem"] = mem_total
            hpa.set_load(tx, ns, kind.kind, name, new)
            parts = []
            if "cpu_m" in new:
                parts.append(f"cpu={new['cpu_m']}m")
            if "mem" in new:
                parts.append(f"memory={hpa._bytes(new['mem'])}")
            text = "set: " + ", ".join(parts)
        hpa.notify_load(tx, ns)
    common.settle(store)
    common.echo(env, f"{common.display_kind(kind)}/{name} load {text}")


COMMANDS = {"cluster": cluster_group}
