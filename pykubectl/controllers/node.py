"""Node lifecycle: a node that becomes schedulable again lets pending pods be scheduled; a node that is gone or
NotReady takes its pods with it, so their controllers replace them elsewhere."""

from __future__ import annotations

from ..store import apiserver
from ..store.store import Key, Tx


def node_ready(node: dict) -> bool:
    for c in (node.get("status") or {}).get("conditions") or []:
        if c.get("type") == "Ready":
            return c.get("status") == "True"
    return False


def _pods_on(tx: Tx, name: str) -> list[dict]:
    rows = tx.db.execute(
        "SELECT o.body FROM objects o JOIN pod_resources r ON r.obj = o.id WHERE r.node = :n", {"n": name}
    )
    import json

    return [json.loads(r[0]) for r in rows]


def sync(tx: Tx, k: Key) -> None:
    from . import scheduler

    scheduler.invalidate(tx)  # the scheduler's per-transaction view of the nodes is stale
    node = tx.get_key(k)
    if node is None or not node_ready(node):
        for pod in _pods_on(tx, k[3]):
            md = pod["metadata"]
            if md.get("ownerReferences"):
                apiserver.delete(tx, "", "Pod", md["namespace"], md["name"])
    if node is not None and node_ready(node) and not (node.get("spec") or {}).get("unschedulable"):
        from . import scheduler

        scheduler.retry_pending(tx)
