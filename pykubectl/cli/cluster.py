"""pykubectl-only commands that shape the simulated cluster (real kubectl verbs never change meaning)."""

from __future__ import annotations

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
    from ..controllers import bootstrap

    env = common.env_of()
    store = common.open_store(env)
    with store.transaction() as tx:
        existing = {n["metadata"]["name"] for n in tx.list("", "Node")}
        used = {int(n["spec"]["podCIDR"].split(".")[2]) for n in tx.list("", "Node") if n.get("spec", {}).get("podCIDR")}
        added = []
        for _ in range(count):
            idx = next(i for i in range(1, 256) if i not in used)
            used.add(idx)
            nname = name if name and count == 1 else None
            if nname is None:
                i = 2
                while f"{bootstrap.NODE_PREFIX}-worker{i}" in existing:
                    i += 1
                nname = f"{bootstrap.NODE_PREFIX}-worker{i}"
            if nname in existing:
                raise errors.AlreadyExists(f'nodes "{nname}" already exists')
            existing.add(nname)
            tx.create(bootstrap.make_node(tx, nname, idx, cpu=cpu, memory=memory, pods=pods))
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
    """Make a node NotReady: its pods are evicted and replaced on other nodes.

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


@cluster_group.command("reset", context_settings=CTX)
def reset() -> None:
    """Throw the whole simulated cluster away and start a fresh one.

    \b
    Examples:
      pykubectl cluster reset
    """
    env = common.env_of()
    store = common.open_store(env, settle=False)
    with store.transaction() as tx:
        for table in ("objects", "labels", "owners", "events", "work", "wakeups", "tombstones", "pod_resources", "meta"):
            tx.db.execute(f"DELETE FROM {table}")
        tx.db.execute("INSERT INTO meta (k, v) VALUES ('rv', '1')")
        from ..store.db import SCHEMA_VERSION

        tx.db.execute("INSERT INTO meta (k, v) VALUES ('schema_version', :v)", {"v": str(SCHEMA_VERSION)})
        from ..controllers import bootstrap

        bootstrap.seed_cluster(tx)
    common.settle(store)
    common.echo(env, "cluster reset")


# -- cluster advance (helper H4) --

# -- cluster load (helper H5) --


COMMANDS = {"cluster": cluster_group}
