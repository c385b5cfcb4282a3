"""ReplicaSet controller: keeps ``spec.replicas`` pods of the template, named ``<rs>-<5 chars>`` and owned by the
replica set, deleting the least valuable pods first on scale-down, and keeps the status counters."""

from __future__ import annotations

import json

from ..api.podutil import is_active, is_ready, owner_ref
from ..apiserver import pipeline
from ..store.store import Key, Tx

COMPONENT = "replicaset-controller"


def _rank(pod: dict) -> tuple:
    """Deletion order as the controller ranks pods: unscheduled, pending, not ready, then the youngest first."""
    spec, status = pod.get("spec") or {}, pod.get("status") or {}
    phase_rank = {"Pending": 0, "Unknown": 1, "Running": 2}.get(status.get("phase", "Pending"), 0)
    restarts = sum(c.get("restartCount", 0) for c in status.get("containerStatuses") or [])
    created = pod["metadata"].get("creationTimestamp", "")
    return (1 if spec.get("nodeName") else 0, phase_rank, 1 if is_ready(pod) else 0, -restarts,
            _neg(created), _neg(pod["metadata"]["name"]))


def _neg(s: str) -> tuple:
    return tuple(-ord(ch) for ch in s)


def owned_pods(tx: Tx, rs: dict) -> list[dict]:
    return [p for p in tx.list_owned(rs["metadata"]["uid"]) if p.get("kind") == "Pod"]


def _pods_read_only(tx: Tx, rs: dict) -> list[dict]:
    """The replica set's pods as shared parsed objects (Tx.peek_owned): sync only reads them."""
    return [p for p in tx.peek_owned(rs["metadata"]["uid"]) if p.get("kind") == "Pod"]


def sync(tx: Tx, k: Key) -> None:
    tx.__dict__.pop("_tmpl_json", None)
    rs = tx.get_key(k)
    if rs is None:
        return
    md = rs["metadata"]
    pods = [p for p in _pods_read_only(tx, rs) if is_active(p)]
    want = int(rs["spec"].get("replicas", 1))
    diff = want - len(pods)
    if diff > 0:
        from ..apiserver.admission import Denied  # (helper H5) quota / LimitRange denials

        created = []
        for _ in range(diff):
            pod = new_pod(tx, rs)
            try:
                pipeline.create(tx, pod, handoff=True)  # only read from here on
            except Denied as e:
                tx.record_event(rs, "Warning", "FailedCreate", f"Error creating: {e.detail}", COMPONENT)
                break
            tx.record_event(rs, "Normal", "SuccessfulCreate", f"Created pod: {pod['metadata']['name']}", COMPONENT)
            created.append(pod)
        rs = tx.get_key(k) or rs
        # Its pods now are those it had and those it created: no need to list them again (which would also write
        # the new pods out before the scheduler and kubelet have had them, and then a second time).
        pods = pods + created
    elif diff < 0:
        victims = sorted(pods, key=_rank)[: -diff]
        for pod in victims:
            pipeline.delete(tx, "", "Pod", pod["metadata"]["namespace"], pod["metadata"]["name"])
            tx.record_event(rs, "Normal", "SuccessfulDelete", f"Deleted pod: {pod['metadata']['name']}", COMPONENT)
        names = {p["metadata"]["name"] for p in victims}
        pods = [p for p in pods if p["metadata"]["name"] not in names]
        rs = tx.get_key(k) or rs
    update_status(tx, rs, pods)


def update_status(tx: Tx, rs: dict, pods: list[dict]) -> None:
    want = ((rs["spec"].get("template") or {}).get("metadata", {}).get("labels") or {}).items()
    ready = sum(1 for p in pods if is_ready(p))
    status: dict = {
        "availableReplicas": ready,
        # every label of the template, with its value (a subset test of the items, done in C)
        "fullyLabeledReplicas": sum(1 for p in pods if want <= (p["metadata"].get("labels") or {}).items()),
        "observedGeneration": rs["metadata"].get("generation", 1),
        "readyReplicas": ready,
        "replicas": len(pods),
    }
    # The API server omits zero counters (omitempty), except replicas.
    status = {a: b for a, b in status.items() if b or a in ("replicas", "observedGeneration")}
    if rs.get("status") != status:
        rs["status"] = status
        tx.update(rs)


def new_pod(tx: Tx, owner: dict) -> dict:
    # A JSON round trip copies the template faster than deepcopy; the text is kept for the owner's next pod.
    src = owner["spec"].get("template") or {}
    memo = tx.__dict__.setdefault("_tmpl_json", {})  # emptied at each sync: the owner dict is not changed within one
    text = memo.get(id(src))
    if text is None or text[0] is not src:
        text = memo[id(src)] = (src, json.dumps(src))
    tmpl = tx.loads(text[1])
    pmd = tmpl.get("metadata") or {}
    pmd.pop("creationTimestamp", None)
    pmd["generateName"] = owner["metadata"]["name"] + "-"
    pmd.pop("name", None)
    pmd["namespace"] = owner["metadata"]["namespace"]
    pmd["ownerReferences"] = [owner_ref(owner)]
    return {"apiVersion": "v1", "kind": "Pod", "metadata": pmd, "spec": tmpl.get("spec") or {}}
