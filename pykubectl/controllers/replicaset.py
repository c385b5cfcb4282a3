"""ReplicaSet controller: keeps ``spec.replicas`` pods of the template, named ``<rs>-<5 chars>`` and owned by the
replica set, deleting the least valuable pods first on scale-down, and keeps the status counters."""

from __future__ import annotations

import json

from ..api.podutil import owner_ref
from ..apiserver import pipeline
from ..store.store import Key, Tx

COMPONENT = "replicaset-controller"
# kube-controller-manager's burstReplicas: a sync creates or deletes at most this many pods; the status it writes
# brings it back for the rest.
BURST_REPLICAS = 500


def owned_pods(tx: Tx, rs: dict) -> list[dict]:
    return [p for p in tx.list_owned(rs["metadata"]["uid"]) if p.get("kind") == "Pod"]


class Census:
    """The replica set's active pods as counts (Tx.owned_pod_census): how many, how many ready, how many carry every
    label of the template. Its cost follows the number of distinct label sets, not of pods."""

    def __init__(self, want: dict) -> None:
        self.want = want.items()
        self.replicas = self.ready = self.labeled = 0

    def add(self, labels: dict, pods: int, ready: int) -> None:
        self.replicas += pods
        self.ready += ready
        if self.want <= labels.items():
            self.labeled += pods


def _template_labels(rs: dict) -> dict:
    return {a: str(b) for a, b in ((rs["spec"].get("template") or {}).get("metadata", {}).get("labels") or {}).items()}


def sync(tx: Tx, k: Key) -> None:
    tx.__dict__.pop("_tmpl_json", None)
    rs = tx.get_key(k)
    if rs is None:
        return
    uid = rs["metadata"]["uid"]
    census = Census(_template_labels(rs))
    for labels, pods, ready in tx.owned_pod_census(uid):
        census.add(json.loads(labels), pods, ready)
    want = int(rs["spec"].get("replicas", 1))
    diff = want - census.replicas
    if diff > 0:
        from ..apiserver.admission import Denied  # quota / LimitRange denials

        # The first pod of the burst goes through the API server's create in full; the others are made from it
        # (pipeline.TemplatePods), when nothing in the namespace counts or limits each pod.
        rest: pipeline.TemplatePods | None = None
        for i in range(min(diff, BURST_REPLICAS)):
            if rest is not None:
                pod = rest.create(tx)
            else:
                pod = new_pod(tx, rs)
                try:
                    # only read from here on; a template whose text has no null gives a pod with none (new_pod)
                    pipeline.create(tx, pod, handoff=True, null_free=_template_text(tx, rs)[2])
                except Denied as e:
                    tx.record_event(rs, "Warning", "FailedCreate", f"Error creating: {e.detail}", COMPONENT)
                    break
                if i == 0 and diff > 1:
                    rest = pipeline.TemplatePods.of(tx, pod)
            tx.record_event(rs, "Normal", "SuccessfulCreate", f"Created pod: {pod['metadata']['name']}", COMPONENT)
            # Counted as created (not ready), not read back: a count would write the new pods out before the
            # scheduler and kubelet have had them, and then a second time.
            census.add(pod["metadata"].get("labels") or {}, 1, 0)
        rs = tx.get_key(k) or rs
    elif diff < 0:
        # The least valuable pods, in the controller's deletion order, from the pod_states index.
        for ns, name, ready, labels in tx.owned_pods_to_delete(uid, min(-diff, BURST_REPLICAS)):
            pipeline.delete(tx, "", "Pod", ns, name)
            tx.record_event(rs, "Normal", "SuccessfulDelete", f"Deleted pod: {name}", COMPONENT)
            census.add(json.loads(labels), -1, -ready)
        rs = tx.get_key(k) or rs
    update_status(tx, rs, census)


def update_status(tx: Tx, rs: dict, census: Census) -> None:
    status: dict = {
        "availableReplicas": census.ready,
        "fullyLabeledReplicas": census.labeled,
        "observedGeneration": rs["metadata"].get("generation", 1),
        "readyReplicas": census.ready,
        "replicas": census.replicas,
    }
    # The API server omits zero counters (omitempty), except replicas.
    status = {a: b for a, b in status.items() if b or a in ("replicas", "observedGeneration")}
    if rs.get("status") != status:
        rs["status"] = status
        tx.update(rs)


def _template_text(tx: Tx, owner: dict) -> tuple[dict, str, bool]:
    """(template, its JSON text, whether the text has no null) of the owner's pod template."""
    src = owner["spec"].get("template") or {}
    memo = tx.__dict__.setdefault("_tmpl_json", {})  # emptied at each sync: the owner dict is not changed within one
    text = memo.get(id(src))
    if text is None or text[0] is not src:
        dumped = json.dumps(src)
        # What new_pod keeps of the template has no null; "null" anywhere (even inside a string) counts as one,
        # and then the pod is decoded as any request is.
        md = src.get("metadata")
        kept = {**src, "metadata": {a: b for a, b in md.items() if a != "creationTimestamp"}} \
            if isinstance(md, dict) and "creationTimestamp" in md else src
        text = memo[id(src)] = (src, dumped, "null" not in (dumped if kept is src else json.dumps(kept)))
    return text


def new_pod(tx: Tx, owner: dict) -> dict:
    # A JSON round trip copies the template faster than deepcopy; the text is kept for the owner's next pod.
    tmpl = tx.loads(_template_text(tx, owner)[1])
    pmd = tmpl.get("metadata") or {}
    pmd.pop("creationTimestamp", None)
    pmd["generateName"] = owner["metadata"]["name"] + "-"
    pmd.pop("name", None)
    pmd["namespace"] = owner["metadata"]["namespace"]
    pmd["ownerReferences"] = [owner_ref(owner)]
    return {"apiVersion": "v1", "kind": "Pod", "metadata": pmd, "spec": tmpl.get("spec") or {}}
