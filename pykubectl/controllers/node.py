"""Node lifecycle: a node that becomes schedulable again lets pending pods be scheduled; a node that is gone takes
its pods with it; a NotReady node's pods are marked not Ready at once and evicted when their NoExecute toleration
runs out (taint-based eviction), so their controllers replace them elsewhere."""

from __future__ import annotations

from datetime import datetime, timedelta

from ..env import format_time, parse_time
from ..apiserver import pipeline
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


TAINT_EVICTION = "taint-eviction-controller"


def _eviction_time(pod: dict, taints: list[dict]) -> datetime | None | bool:
    """When the NoExecute taints evict this pod: True for now (a taint it does not tolerate), a time (the
    toleration's tolerationSeconds after the taint was added), or None (tolerated for ever, as DaemonSet pods)."""
    from .scheduler import _tolerates

    tols = (pod.get("spec") or {}).get("tolerations") or []
    due: datetime | None = None
    for t in taints:
        matching = [tol for tol in tols if _tolerates([tol], t)]
        if not matching:
            return True
        secs = [tol.get("tolerationSeconds") for tol in matching]
        if any(s is None for s in secs):
            continue  # tolerated without a limit
        added = parse_time(t["timeAdded"]) if t.get("timeAdded") else None
        if added is None:
            return True
        at = added + timedelta(seconds=max(0, min(int(s) for s in secs)))
        due = at if due is None or at < due else due
    return due


def _set_pod_ready(tx: Tx, pod: dict, ready: bool) -> None:
    """The node lifecycle controller marks a lost node's pods not Ready (endpoints drop them); when the node is
    back, its kubelet reports them Ready again."""
    status = pod.get("status") or {}
    if ready and not all(c.get("ready") for c in status.get("containerStatuses") or []):
        return
    want = "True" if ready else "False"
    changed = False
    for c in status.get("conditions") or []:
        if c.get("type") == "Ready" and c.get("status") != want:
            c["status"] = want
            c["lastTransitionTime"] = tx.env.now_str()
            changed = True
    if changed:
        tx.update(pod)
        if not ready:
            tx.record_event(pod, "Warning", "NodeNotReady", "Node is not ready", "node-controller")


UNSCHEDULABLE_TAINT = "node.kubernetes.io/unschedulable"


def _taint_unschedulable(tx: Tx, node: dict) -> None:
    """The node lifecycle controller's NoSchedule taint follows spec.unschedulable (a cordon)."""
    spec = node.get("spec") or {}
    taints = spec.get("taints") or []
    has = any(t.get("key") == UNSCHEDULABLE_TAINT and t.get("effect") == "NoSchedule" for t in taints)
    if bool(spec.get("unschedulable")) == has:
        return
    if has:
        rest = [t for t in taints if not (t.get("key") == UNSCHEDULABLE_TAINT and t.get("effect") == "NoSchedule")]
        if rest:
            node["spec"]["taints"] = rest
        else:
            node["spec"].pop("taints")
    else:
        node.setdefault("spec", {})["taints"] = taints + [
            {"effect": "NoSchedule", "key": UNSCHEDULABLE_TAINT, "timeAdded": tx.env.now_str()}]
    tx.update(node)


def sync(tx: Tx, k: Key) -> None:
    from . import scheduler

    scheduler.invalidate(tx)  # the scheduler's per-transaction view of the nodes is stale
    node = tx.get_key(k)
    if node is None:
        # A node that is gone takes its pods with it (the pod garbage collector): controllers replace them.
        for pod in _pods_on(tx, k[3]):
            md = pod["metadata"]
            if md.get("ownerReferences"):
                pipeline.delete(tx, "", "Pod", md["namespace"], md["name"])
        return
    _taint_unschedulable(tx, node)
    # NoExecute taints (node.kubernetes.io/unreachable on a lost node, or one a user adds with `taint`) evict each
    # pod when its toleration runs out: at once without one, after tolerationSeconds (300 s for ordinary pods on a
    # lost node, from the DefaultTolerationSeconds admission), never when tolerated without a limit (DaemonSets).
    ready = node_ready(node)
    taints = [t for t in (node.get("spec") or {}).get("taints") or [] if t.get("effect") == "NoExecute"]
    if taints or not ready:
        now = tx.env.now()
        wake: datetime | None = None
        for pod in _pods_on(tx, k[3]):
            md = pod["metadata"]
            due = _eviction_time(pod, taints) if taints else None
            if due is True or (isinstance(due, datetime) and due <= now):
                tx.record_event(pod, "Normal", "TaintManagerEviction",
                                f"Marking for deletion Pod {md['namespace']}/{md['name']}", TAINT_EVICTION)
                pipeline.delete(tx, "", "Pod", md["namespace"], md["name"])
                continue
            if not ready:
                _set_pod_ready(tx, pod, False)
            if isinstance(due, datetime) and (wake is None or due < wake):
                wake = due
        if wake is not None:
            tx.wake_at(k, format_time(wake))
    if not ready:
        return
    for pod in _pods_on(tx, k[3]):
        _set_pod_ready(tx, pod, True)
    if not (node.get("spec") or {}).get("unschedulable"):
        scheduler.retry_pending(tx)
