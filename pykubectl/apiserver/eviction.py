"""pods/eviction: a pod is deleted unless a PodDisruptionBudget covering it allows no more disruptions, as the
eviction subresource decides (pkg/registry/core/pod/storage/eviction.go, derived from its source): pods that are
terminal or pending, or already being deleted, need no budget; a pod covered by more than one budget cannot be
evicted; a budget whose status the disruption controller has not caught up with answers 429 "still being
processed"; one with no disruption left answers 429 with the healthy counts. An allowed eviction takes one
disruption from the budget (status.disruptionsAllowed, status.disruptedPods) in the same transaction."""

from __future__ import annotations

from typing import Any

from .. import errors

PDB_MESSAGE = "Cannot evict pod as it would violate the pod's disruption budget."


class TooManyRequests(errors.ServerError):
    reason = "TooManyRequests"

    def __init__(self, detail: str, causes: list[dict]):
        super().__init__(detail)
        self.causes = causes


def evict(tx: Any, namespace: str, name: str, delete_options: dict | None = None) -> None:
    from ..api import podutil, selectors
    from . import pipeline

    pod = tx.must_get("", "Pod", namespace, name)
    md = pod["metadata"]
    pre = (delete_options or {}).get("preconditions") or {}
    if pre.get("uid") and pre["uid"] != md.get("uid"):
        raise errors.Conflict(f'Operation cannot be fulfilled on pods "{name}": Precondition failed: UID in '
                              f"precondition: {pre['uid']}, UID in object meta: {md.get('uid')}")
    phase = (pod.get("status") or {}).get("phase")
    if phase not in ("Succeeded", "Failed", "Pending") and not md.get("deletionTimestamp"):
        labels = md.get("labels") or {}
        pdbs = [b for b in tx.list("policy", "PodDisruptionBudget", namespace)
                if (b.get("spec") or {}).get("selector") is not None
                and selectors.matches(b["spec"]["selector"], labels)]
        if len(pdbs) > 1:
            raise errors.ServerError("Internal error occurred: This pod has more than one PodDisruptionBudget, "
                                     "which the eviction subresource does not support.")
        if pdbs:
            _take_disruption(tx, pdbs[0], pod, podutil.is_ready(pod))
    pipeline.delete(tx, "", "Pod", namespace, name)


def _take_disruption(tx: Any, pdb: dict, pod: dict, ready: bool) -> None:
    status = pdb.get("status") or {}
    name = pdb["metadata"]["name"]
    if int(status.get("observedGeneration") or 0) < int(pdb["metadata"].get("generation") or 0):
        raise TooManyRequests(PDB_MESSAGE, [{"reason": "DisruptionBudget", "message": f"The disruption budget "
                                             f"{name} is still being processed by the server."}])
    healthy, desired = int(status.get("currentHealthy") or 0), int(status.get("desiredHealthy") or 0)
    if not ready and healthy >= desired:
        return  # an unhealthy pod of a budget that is met: evicted without taking a disruption
    allowed = int(status.get("disruptionsAllowed") or 0)
    if allowed <= 0:
        raise TooManyRequests(PDB_MESSAGE, [{"reason": "DisruptionBudget", "message": f"The disruption budget "
                                             f"{name} needs {desired} healthy pods and has {healthy} currently"}])
    new = dict(pdb, status=dict(status, disruptionsAllowed=allowed - 1))
    new["status"]["disruptedPods"] = dict(status.get("disruptedPods") or {},
                                          **{pod["metadata"]["name"]: tx.env.now_str()})
    tx.update(new)
