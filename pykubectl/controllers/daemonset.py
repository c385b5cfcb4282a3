"""DaemonSet controller: one pod per eligible node (nodeSelector, required node affinity, taints the pod does not
tolerate), each pinned to its node by a `metadata.name` matchFields node affinity and given the tolerations the
real controller adds; follows nodes as they come and go; RollingUpdate replaces old pods at most maxUnavailable at a
time, OnDelete only when a pod is deleted."""

from __future__ import annotations

import copy
import math

from ..api.podutil import is_ready, owner_ref
from ..apiserver import pipeline
from ..store.store import Key, Tx
from .scheduler import _affinity_ok, _tolerates
from .statefulset import ensure_revision, trim_history

COMPONENT = "daemonset-controller"
HASH_LABEL = "controller-revision-hash"
GENERATION_LABEL = "pod-template-generation"


def daemon_tolerations(host_network: bool) -> list[dict]:
    """AddOrUpdateDaemonPodTolerations: what every daemon pod tolerates, in the controller's order."""
    tols = [{"effect": "NoExecute", "key": "node.kubernetes.io/not-ready", "operator": "Exists"},
            {"effect": "NoExecute", "key": "node.kubernetes.io/unreachable", "operator": "Exists"},
            {"effect": "NoSchedule", "key": "node.kubernetes.io/disk-pressure", "operator": "Exists"},
            {"effect": "NoSchedule", "key": "node.kubernetes.io/memory-pressure", "operator": "Exists"},
            {"effect": "NoSchedule", "key": "node.kubernetes.io/pid-pressure", "operator": "Exists"},
            {"effect": "NoSchedule", "key": "node.kubernetes.io/unschedulable", "operator": "Exists"}]
    if host_network:
        tols.append({"effect": "NoSchedule", "key": "node.kubernetes.io/network-unavailable", "operator": "Exists"})
    return tols


def _add_tolerations(spec: dict) -> None:
    tols = list(spec.get("tolerations") or [])
    for t in daemon_tolerations(bool(spec.get("hostNetwork"))):
        tols = [x for x in tols if not (x.get("key") == t["key"] and x.get("effect") == t["effect"])] + [t]
    spec["tolerations"] = tols


def should_run(ds: dict, node: dict) -> tuple[bool, bool]:
    """(should run a pod there, may keep one running there), as nodeShouldRunDaemonPod decides."""
    tmpl_spec = copy.deepcopy((ds["spec"].get("template") or {}).get("spec") or {})
    _add_tolerations(tmpl_spec)
    labels = node["metadata"].get("labels") or {}
    if any(labels.get(a) != b for a, b in (tmpl_spec.get("nodeSelector") or {}).items()):
        return False, False
    if not _affinity_ok({"spec": tmpl_spec}, node):
        return False, False
    tols = tmpl_spec.get("tolerations") or []
    taints = (node.get("spec") or {}).get("taints") or []
    fits = all(_tolerates(tols, t) for t in taints if t.get("effect") in ("NoSchedule", "NoExecute"))
    keep = all(_tolerates(tols, t) for t in taints if t.get("effect") == "NoExecute")
    return fits, keep


def _patch(ds: dict) -> dict:
    tmpl = copy.deepcopy(ds["spec"].get("template") or {})
    tmpl["$patch"] = "replace"
    return {"spec": {"template": tmpl}}


def _new_pod(ds: dict, hash_: str, node: str) -> dict:
    tmpl = copy.deepcopy(ds["spec"].get("template") or {})
    md = tmpl.get("metadata") or {}
    md.pop("creationTimestamp", None)
    md["labels"] = {**(md.get("labels") or {}), HASH_LABEL: hash_,
                    GENERATION_LABEL: str(ds["metadata"].get("generation", 1))}
    md["generateName"] = ds["metadata"]["name"] + "-"
    md.pop("name", None)
    md["namespace"] = ds["metadata"]["namespace"]
    md["ownerReferences"] = [owner_ref(ds)]
    spec = tmpl.get("spec") or {}
    # ReplaceDaemonSetPodNodeNameNodeAffinity: the pod may only go to its node.
    aff = spec.setdefault("affinity", {})
    na = aff.setdefault("nodeAffinity", {})
    na["requiredDuringSchedulingIgnoredDuringExecution"] = {"nodeSelectorTerms": [{"matchFields": [
        {"key": "metadata.name", "operator": "In", "values": [node]}]}]}
    _add_tolerations(spec)
    return {"apiVersion": "v1", "kind": "Pod", "metadata": md, "spec": spec}


def _node_of(pod: dict) -> str:
    n = (pod.get("spec") or {}).get("nodeName")
    if n:
        return n
    for term in ((((pod.get("spec") or {}).get("affinity") or {}).get("nodeAffinity") or {})
                 .get("requiredDuringSchedulingIgnoredDuringExecution") or {}).get("nodeSelectorTerms") or []:
        for f in term.get("matchFields") or []:
            if f.get("key") == "metadata.name" and f.get("values"):
                return f["values"][0]
    return ""


def _max_unavailable(ds: dict, desired: int) -> int:
    ru = ((ds["spec"].get("updateStrategy") or {}).get("rollingUpdate") or {})
    v = ru.get("maxUnavailable", 1)
    if isinstance(v, str) and v.endswith("%"):
        n = math.ceil(int(v[:-1]) * desired / 100)
    else:
        n = int(v)
    return max(n, 1) if desired else n


def sync(tx: Tx, k: Key) -> None:
    ds = tx.get_key(k)
    if ds is None or ds["metadata"].get("deletionTimestamp"):
        return
    sel = (ds["spec"].get("selector") or {}).get("matchLabels") or {}
    rev, revs = ensure_revision(tx, ds, _patch(ds), dict(sel))
    hash_ = rev["metadata"]["labels"]["controller.kubernetes.io/hash"]
    name = ds["metadata"]["name"]
    nodes = {n["metadata"]["name"]: n for n in tx.list("", "Node")}
    by_node: dict[str, list[dict]] = {}
    for p in tx.list_owned(ds["metadata"]["uid"]):
        if p.get("kind") == "Pod":
            by_node.setdefault(_node_of(p), []).append(p)

    def delete(pod: dict) -> None:
        pipeline.delete(tx, "", "Pod", pod["metadata"]["namespace"], pod["metadata"]["name"])
        tx.record_event(ds, "Normal", "SuccessfulDelete", f"Deleted pod: {pod['metadata']['name']}", COMPONENT)

    desired_nodes = []
    for nname, node in nodes.items():
        run, keep = should_run(ds, node)
        pods = by_node.get(nname, [])
        failed = [p for p in pods if (p.get("status") or {}).get("phase") == "Failed"]
        for p in failed:
            delete(p)
        pods = [p for p in pods if p not in failed]
        if run:
            desired_nodes.append(nname)
        if run and not pods:
            pod = pipeline.create(tx, _new_pod(ds, hash_, nname))
            tx.record_event(ds, "Normal", "SuccessfulCreate", f"Created pod: {pod['metadata']['name']}", COMPONENT)
        elif not keep:
            for p in pods:
                delete(p)
        elif len(pods) > 1:
            for p in sorted(pods, key=lambda p: p["metadata"].get("creationTimestamp", ""))[1:]:
                delete(p)
    for nname, pods in by_node.items():
        if nname not in nodes:
            for p in pods:
                if tx.get("", "Pod", p["metadata"]["namespace"], p["metadata"]["name"]) is not None:
                    delete(p)

    pods = [p for p in tx.list_owned(ds["metadata"]["uid"]) if p.get("kind") == "Pod"]
    if (ds["spec"].get("updateStrategy") or {}).get("type", "RollingUpdate") == "RollingUpdate":
        desired = len(desired_nodes)
        unavailable = sum(1 for n in desired_nodes
                          if not any(is_ready(p) for p in pods if _node_of(p) == n))
        budget = _max_unavailable(ds, desired) - unavailable
        old = sorted((p for p in pods if (p["metadata"].get("labels") or {}).get(HASH_LABEL) != hash_),
                     key=lambda p: (0 if not is_ready(p) else 1, _node_of(p)))
        for p in old:
            if is_ready(p):
                if budget <= 0:
                    break
                budget -= 1
            delete(p)
        if old:
            pods = [p for p in tx.list_owned(ds["metadata"]["uid"]) if p.get("kind") == "Pod"]
    ds = tx.get_key(k) or ds
    _update_status(tx, ds, pods, desired_nodes, hash_)
    live = {(p["metadata"].get("labels") or {}).get(HASH_LABEL, "") for p in pods}
    trim_history(tx, ds, [r for r in revs if r["metadata"]["name"] != rev["metadata"]["name"]],
                 {f"{name}-{h}" for h in live})


def _update_status(tx: Tx, ds: dict, pods: list[dict], desired_nodes: list[str], hash_: str) -> None:
    want = set(desired_nodes)
    on = {}
    for p in pods:
        on.setdefault(_node_of(p), []).append(p)
    scheduled = [n for n in want if n in on]
    ready = sum(1 for n in scheduled if any(is_ready(p) for p in on[n]))
    updated = sum(1 for n in scheduled
                  if any((p["metadata"].get("labels") or {}).get(HASH_LABEL) == hash_ for p in on[n]))
    status: dict = {
        "currentNumberScheduled": len(scheduled),
        "desiredNumberScheduled": len(want),
        "numberAvailable": ready,
        "numberMisscheduled": sum(1 for n in on if n not in want),
        "numberReady": ready,
        "numberUnavailable": len(want) - ready,
        "observedGeneration": ds["metadata"].get("generation", 1),
        "updatedNumberScheduled": updated,
    }
    for f in ("numberAvailable", "numberUnavailable", "updatedNumberScheduled"):
        if not status[f]:
            del status[f]
    if (ds.get("status") or {}) != status:
        ds["status"] = status
        tx.update(ds)


def notify_node(tx: Tx, k: Key) -> None:
    """A node came, went or changed: every DaemonSet looks again (the controller's node event handlers)."""
    if tx.on_change is None:
        return
    for ds in tx.list("apps", "DaemonSet"):
        tx.on_change(("apps", "DaemonSet", ds["metadata"]["namespace"], ds["metadata"]["name"]))
