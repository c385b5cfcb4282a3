"""StatefulSet controller: ordinal pods `<set>-0 … <set>-(n-1)` with stable hostnames, one PersistentVolumeClaim
per volumeClaimTemplate and pod (`<template>-<set>-<ordinal>`, kept after scale-down by default), ControllerRevisions
for the template, OrderedReady (one pod at a time, the next only when the previous is Running and Ready; scale-down
from the highest ordinal) or Parallel management, and RollingUpdate (highest ordinal first, down to the partition)
or OnDelete updates."""

from __future__ import annotations

import copy
import re

from ..api.podutil import is_ready, owner_ref
from ..apiserver import pipeline
from ..store.store import Key, Tx
from .deployment import template_hash

COMPONENT = "statefulset-controller"
REVISION_LABEL = "controller-revision-hash"
POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name"
POD_INDEX_LABEL = "apps.kubernetes.io/pod-index"


# ---- ControllerRevisions (shared with the DaemonSet controller) ---------------------------------------------------

def revisions_of(tx: Tx, owner: dict) -> list[dict]:
    revs = [o for o in tx.list_owned(owner["metadata"]["uid"]) if o.get("kind") == "ControllerRevision"]
    return sorted(revs, key=lambda r: int(r.get("revision") or 0))


def ensure_revision(tx: Tx, owner: dict, data: dict, labels: dict) -> tuple[dict, list[dict]]:
    """The revision holding ``data`` (created, or re-numbered as the newest when an old one comes back) and the
    owner's revisions. Names are `<owner>-<hash>`, as ControllerRevisionName builds them."""
    revs = revisions_of(tx, owner)
    collision = int((owner.get("status") or {}).get("collisionCount") or 0)
    h = template_hash(data, collision)
    name = f"{owner['metadata']['name']}-{h}"
    top = max((int(r.get("revision") or 0) for r in revs), default=0)
    for r in revs:
        if r["data"] == data:
            if int(r.get("revision") or 0) != top:
                r["revision"] = top + 1
                tx.update(r)
            return r, revisions_of(tx, owner)
    rev = {
        "apiVersion": "apps/v1", "kind": "ControllerRevision",
        "metadata": {"labels": {**labels, "controller.kubernetes.io/hash": h}, "name": name,
                     **({"annotations": dict(owner["metadata"]["annotations"])}
                        if owner["metadata"].get("annotations") else {}),
                     "namespace": owner["metadata"]["namespace"], "ownerReferences": [owner_ref(owner)]},
        "data": data, "revision": top + 1,
    }
    rev = pipeline.create(tx, rev)
    return rev, revisions_of(tx, owner)


def trim_history(tx: Tx, owner: dict, revs: list[dict], live: set[str]) -> None:
    limit = int(owner["spec"].get("revisionHistoryLimit", 10))
    old = [r for r in revs if r["metadata"]["name"] not in live]
    for r in old[: max(0, len(old) - limit)]:
        pipeline.delete(tx, "apps", "ControllerRevision", r["metadata"]["namespace"], r["metadata"]["name"])


def _patch(sts: dict) -> dict:
    """What the StatefulSet controller stores in a revision: the template, as a replace patch."""
    tmpl = copy.deepcopy(sts["spec"].get("template") or {})
    tmpl["$patch"] = "replace"
    return {"spec": {"template": tmpl}}


# ---- pods and claims -----------------------------------------------------------------------------------------------

def ordinal(sts_name: str, pod_name: str) -> int | None:
    m = re.fullmatch(re.escape(sts_name) + r"-(\d+)", pod_name)
    return int(m.group(1)) if m else None


def claim_name(tmpl: dict, sts: dict, i: int) -> str:
    return f"{(tmpl.get('metadata') or {}).get('name') or ''}-{sts['metadata']['name']}-{i}"


def _new_pod(sts: dict, rev: dict, i: int) -> dict:
    tmpl = copy.deepcopy(rev["data"]["spec"]["template"])
    tmpl.pop("$patch", None)
    name = f"{sts['metadata']['name']}-{i}"
    md = tmpl.get("metadata") or {}
    md.pop("creationTimestamp", None)
    labels = dict(md.get("labels") or {})
    labels[POD_INDEX_LABEL] = str(i)
    labels[REVISION_LABEL] = rev["metadata"]["name"]
    labels[POD_NAME_LABEL] = name
    md["labels"] = labels
    md["name"] = name
    md["namespace"] = sts["metadata"]["namespace"]
    md["ownerReferences"] = [owner_ref(sts)]
    spec = tmpl.get("spec") or {}
    spec["hostname"] = name
    if sts["spec"].get("serviceName"):
        spec["subdomain"] = sts["spec"]["serviceName"]
    claims = sts["spec"].get("volumeClaimTemplates") or []
    if claims:
        names = {(c.get("metadata") or {}).get("name") or "" for c in claims}
        vols = [v for v in spec.get("volumes") or [] if v.get("name") not in names]
        spec["volumes"] = [{"name": (c.get("metadata") or {}).get("name") or "",
                            "persistentVolumeClaim": {"claimName": claim_name(c, sts, i)}} for c in claims] + vols
    return {"apiVersion": "v1", "kind": "Pod", "metadata": md, "spec": spec}


def _ensure_claims(tx: Tx, sts: dict, pod_name: str, i: int) -> None:
    ns = sts["metadata"]["namespace"]
    policy = sts["spec"].get("persistentVolumeClaimRetentionPolicy") or {}
    for t in sts["spec"].get("volumeClaimTemplates") or []:
        name = claim_name(t, sts, i)
        if tx.get("", "PersistentVolumeClaim", ns, name) is not None:
            continue
        pvc = copy.deepcopy(t)
        pvc.pop("status", None)
        md = pvc.setdefault("metadata", {})
        md.pop("creationTimestamp", None)
        md["name"] = name
        md["namespace"] = ns
        md["labels"] = {**(md.get("labels") or {}), **((sts["spec"].get("selector") or {}).get("matchLabels") or {})}
        if policy.get("whenDeleted") == "Delete":
            ref = owner_ref(sts)
            ref.pop("controller", None)
            md["ownerReferences"] = [ref]
        pvc["apiVersion"], pvc["kind"] = "v1", "PersistentVolumeClaim"
        pipeline.create(tx, pvc)
        tx.record_event(sts, "Normal", "SuccessfulCreate",
                        f"create Claim {name} Pod {pod_name} in StatefulSet {sts['metadata']['name']} success",
                        COMPONENT)


def _create(tx: Tx, sts: dict, rev: dict, i: int) -> bool:
    from ..errors import Invalid
    from ..apiserver.admission import Denied

    pod = _new_pod(sts, rev, i)
    try:
        _ensure_claims(tx, sts, pod["metadata"]["name"], i)
        pipeline.create(tx, pod)
    except (Denied, Invalid) as e:
        # A claim or pod the API server refuses (a template it cannot check before) is an event, as the
        # controller reports it, never the error of the command that created the StatefulSet.
        tx.record_event(sts, "Warning", "FailedCreate",
                        f"create Pod {pod['metadata']['name']} in StatefulSet {sts['metadata']['name']} failed "
                        f"error: {e.detail}", COMPONENT)
        return False
    tx.record_event(sts, "Normal", "SuccessfulCreate",
                    f"create Pod {pod['metadata']['name']} in StatefulSet {sts['metadata']['name']} successful",
                    COMPONENT)
    return True


def _delete(tx: Tx, sts: dict, pod: dict) -> None:
    pipeline.delete(tx, "", "Pod", pod["metadata"]["namespace"], pod["metadata"]["name"])
    tx.record_event(sts, "Normal", "SuccessfulDelete",
                    f"delete Pod {pod['metadata']['name']} in StatefulSet {sts['metadata']['name']} successful",
                    COMPONENT)


def _running_ready(pod: dict) -> bool:
    return (pod.get("status") or {}).get("phase") == "Running" and is_ready(pod)


def _rev_of(pod: dict) -> str:
    return (pod["metadata"].get("labels") or {}).get(REVISION_LABEL, "")


# ---- the sync ------------------------------------------------------------------------------------------------------

def sync(tx: Tx, k: Key) -> None:
    sts = tx.get_key(k)
    if sts is None or sts["metadata"].get("deletionTimestamp"):
        return
    spec = sts["spec"]
    name = sts["metadata"]["name"]
    sel_labels = (spec.get("selector") or {}).get("matchLabels") or {}
    update_rev, revs = ensure_revision(tx, sts, _patch(sts), dict(sel_labels))
    by_name = {r["metadata"]["name"]: r for r in revs}
    status = sts.get("status") or {}
    current_rev = by_name.get(status.get("currentRevision") or "") or update_rev
    replicas = int(spec.get("replicas", 1))
    strategy = spec.get("updateStrategy") or {}
    rolling = (strategy.get("type") or "RollingUpdate") == "RollingUpdate"
    partition = int(((strategy.get("rollingUpdate") or {}).get("partition")) or 0) if rolling else 0
    parallel = spec.get("podManagementPolicy") == "Parallel"

    pods: dict[int, dict] = {}
    for p in tx.list_owned(sts["metadata"]["uid"]):
        if p.get("kind") != "Pod":
            continue
        i = ordinal(name, p["metadata"]["name"])
        if i is not None:
            pods[i] = p

    busy = False  # OrderedReady: a pod of the set is not yet Running and Ready
    # Failed pods are recreated.
    for i, p in sorted(pods.items()):
        if (p.get("status") or {}).get("phase") in ("Failed", "Succeeded"):
            _delete(tx, sts, p)
            del pods[i]
            if not parallel:
                busy = True
                break
    # Scale up: missing ordinals in order.
    if not busy:
        for i in range(replicas):
            if i in pods:
                if not parallel and not _running_ready(pods[i]):
                    busy = True
                    break
                continue
            rev = current_rev if rolling and i < partition else update_rev
            if not _create(tx, sts, rev, i):
                busy = True
                break
            pods[i] = tx.get("", "Pod", k[2], f"{name}-{i}") or {}
            if not parallel and not _running_ready(pods[i]):
                busy = True
                break
    # Scale down: the highest ordinals first, one at a time when ordered.
    condemned = sorted((i for i in pods if i >= replicas), reverse=True)
    policy = spec.get("persistentVolumeClaimRetentionPolicy") or {}
    if condemned and not busy:
        for i in condemned:
            if not parallel and any(not _running_ready(pods[j]) for j in pods if j != i):
                break
            _delete(tx, sts, pods.pop(i))
            if policy.get("whenScaled") == "Delete":
                for t in spec.get("volumeClaimTemplates") or []:
                    cn = claim_name(t, sts, i)
                    if tx.get("", "PersistentVolumeClaim", k[2], cn) is not None:
                        pipeline.delete(tx, "", "PersistentVolumeClaim", k[2], cn)
            if not parallel:
                busy = True
                break
    # Rolling update: the highest ordinal not at the update revision, down to the partition; one at a time, only
    # when every pod is Running and Ready.
    if rolling and not busy and all(_running_ready(p) for p in pods.values()) and len(pods) == replicas:
        for i in sorted(pods, reverse=True):
            if i < partition:
                break
            if _rev_of(pods[i]) != update_rev["metadata"]["name"]:
                _delete(tx, sts, pods.pop(i))
                break

    sts = tx.get_key(k) or sts
    _update_status(tx, sts, list(pods.values()), current_rev, update_rev, replicas, rolling)
    live = {_rev_of(p) for p in pods.values()} | {current_rev["metadata"]["name"], update_rev["metadata"]["name"]}
    trim_history(tx, sts, revisions_of(tx, sts), live)


def _update_status(tx: Tx, sts: dict, pods: list[dict], current_rev: dict, update_rev: dict, replicas: int,
                   rolling: bool) -> None:
    pods = [p for p in pods if p]
    cur, upd = current_rev["metadata"]["name"], update_rev["metadata"]["name"]
    ready = sum(1 for p in pods if is_ready(p))
    current = sum(1 for p in pods if _rev_of(p) == cur)
    updated = sum(1 for p in pods if _rev_of(p) == upd)
    if rolling and updated == replicas and ready == replicas and len(pods) == replicas:
        cur, current = upd, updated
    old = sts.get("status") or {}
    status: dict = {
        "availableReplicas": ready,
        "collisionCount": int(old.get("collisionCount") or 0),
        "currentReplicas": current,
        "currentRevision": cur,
        "observedGeneration": sts["metadata"].get("generation", 1),
        "readyReplicas": ready,
        "replicas": len(pods),
        "updateRevision": upd,
        "updatedReplicas": updated,
    }
    # omitempty fields of StatefulSetStatus
    for f in ("currentReplicas", "readyReplicas", "updatedReplicas"):
        if not status[f]:
            del status[f]
    if old != status:
        sts["status"] = status
        tx.update(sts)
