"""The small controllers of namespace policy objects: the ResourceQuota controller (`status.hard` and `status.used`),
the disruption controller (PodDisruptionBudget status), and the simulated ingress controller that gives each Ingress
an address from the load balancer pool."""

from __future__ import annotations

import ipaddress
import math

from ..api.podutil import is_ready
from ..apiserver import pipeline
from ..store.store import Key, Tx

def _any(tx: Tx, group: str, kind: str, ns: str) -> bool:
    """Whether the namespace holds any object of the kind: one query per namespace and transaction until an object
    of the kind is written (Tx.list_cached), as pods change often and quotas or budgets seldom."""
    return bool(tx.list_cached(group, kind, ns))


_CONTROLLER = {"ReplicaSet": "replicaset-controller", "Job": "job-controller", "DaemonSet": "daemonset-controller",
               "Deployment": "deployment-controller", "CronJob": "cronjob-controller",
               "StatefulSet": "statefulset-controller", "ReplicationController": "replication-controller"}


def admission_guard(fn):  # type: ignore[no-untyped-def]
    """Run a controller's sync; an admission denial of what it creates becomes a FailedCreate event on the object
    being synced (as the controllers record `Error creating: …`), and the sync stops there."""
    from ..apiserver.admission import Denied

    def guarded(tx: Tx, k: Key) -> None:
        try:
            fn(tx, k)
        except Denied as e:
            obj = tx.get_key(k)
            if obj is not None:
                tx.record_event(obj, "Warning", "FailedCreate", f"Error creating: {e.detail}",
                                _CONTROLLER.get(k[1], k[1].lower() + "-controller"))

    guarded.__name__ = getattr(fn, "__name__", "sync")
    return guarded


# ---- ResourceQuota ---------------------------------------------------------------------------------------------


def sync_quota(tx: Tx, k: Key) -> None:
    q = tx.get_key(k)
    if q is None:
        return
    from ..apiserver.admission import fmt, used

    hard = dict((q.get("spec") or {}).get("hard") or {})
    now = used(tx, k[2], hard, (q.get("spec") or {}).get("scopes") or ())
    status = {"hard": hard, "used": {r: fmt(v, str(hard[r])) for r, v in sorted(now.items())}}
    if not hard:
        status = {}
    if (q.get("status") or {}) != status:
        q["status"] = status
        tx.update(q)


def notify_quotas(tx: Tx, k: Key) -> None:
    """An object that quotas count changed: the namespace's quotas recompute their usage."""
    if tx.on_change is None or not k[2] or not _any(tx, "", "ResourceQuota", k[2]):
        return
    for q in tx.list_cached("", "ResourceQuota", k[2]):
        tx.on_change(("", "ResourceQuota", k[2], q["metadata"]["name"]))


# ---- PodDisruptionBudget ---------------------------------------------------------------------------------------


def _scaled(v: object, total: int, round_up: bool) -> int:
    if isinstance(v, str) and v.endswith("%"):
        x = int(v[:-1]) * total / 100
        return math.ceil(x) if round_up else math.floor(x)
    return int(v)  # type: ignore[call-overload]


def sync_pdb(tx: Tx, k: Key) -> None:
    pdb = tx.get_key(k)
    if pdb is None:
        return
    from ..api.selectors import from_label_selector

    spec = pdb.get("spec") or {}
    sel = spec.get("selector")
    pods = []
    if sel is not None:
        s = from_label_selector(sel)
        pods = [p for p in tx.list("", "Pod", k[2], match_labels=(sel.get("matchLabels") or None))
                if s.matches(p["metadata"].get("labels") or {}) and not p["metadata"].get("deletionTimestamp")
                and (p.get("status") or {}).get("phase") not in ("Succeeded", "Failed")]
    healthy = sum(1 for p in pods if is_ready(p))
    expected = len(pods)
    now = tx.env.now_str()
    gen = pdb["metadata"].get("generation", 1)
    old = pdb.get("status") or {}
    try:
        if spec.get("maxUnavailable") is not None:
            expected = _controllers_scale(tx, pods) or expected
            desired = max(0, expected - _scaled(spec["maxUnavailable"], expected, True))
        elif isinstance(spec.get("minAvailable"), str):
            expected = _controllers_scale(tx, pods) or expected
            desired = _scaled(spec["minAvailable"], expected, True)
        else:
            desired = int(spec.get("minAvailable") or 0)
    except (ValueError, TypeError):
        _fail_safe(tx, pdb, old, now, "invalid value for IntOrString: the budget's minAvailable or maxUnavailable "
                                      "is neither an integer nor a percentage")
        return
    allowed = max(0, healthy - desired)
    ok = allowed > 0
    reason = "SufficientPods" if ok else "InsufficientPods"
    prev = next((c for c in old.get("conditions") or [] if c.get("type") == "DisruptionAllowed"), None)
    cond = {"lastTransitionTime": prev["lastTransitionTime"] if prev and prev.get("reason") == reason else now,
            "message": "", "observedGeneration": gen, "reason": reason, "status": "True" if ok else "False",
            "type": "DisruptionAllowed"}
    status = {"conditions": [cond], "currentHealthy": healthy, "desiredHealthy": desired,
              "disruptionsAllowed": allowed, "expectedPods": expected, "observedGeneration": gen}
    if old != status:
        pdb["status"] = status
        tx.update(pdb)


def _fail_safe(tx: Tx, pdb: dict, old: dict, now: str, message: str) -> None:
    """As the disruption controller's fail-safe when it cannot compute a budget: no disruption allowed, and the
    DisruptionAllowed condition False with reason SyncFailed."""
    status = dict(old)
    prev = next((c for c in old.get("conditions") or [] if c.get("type") == "DisruptionAllowed"), None)
    cond = {"lastTransitionTime": prev["lastTransitionTime"] if prev and prev.get("status") == "False" else now,
            "message": message, "observedGeneration": old.get("observedGeneration", 0), "reason": "SyncFailed",
            "status": "False", "type": "DisruptionAllowed"}
    status["conditions"] = [c for c in old.get("conditions") or [] if c.get("type") != "DisruptionAllowed"] + [cond]
    status["disruptionsAllowed"] = 0
    if old != status:
        pdb["status"] = status
        tx.update(pdb)


def _controllers_scale(tx: Tx, pods: list[dict]) -> int:
    """The sum of the scales of the pods' controllers (what the disruption controller expects)."""
    seen: dict[tuple[str, str], int] = {}
    for p in pods:
        ref = next((r for r in p["metadata"].get("ownerReferences") or [] if r.get("controller")), None)
        if ref is None:
            return 0
        key = (ref.get("kind", ""), ref.get("name", ""))
        if key in seen:
            continue
        if key[0] == "ReplicaSet":
            rs = tx.get("apps", "ReplicaSet", p["metadata"]["namespace"], key[1])
            seen[key] = int(((rs or {}).get("spec") or {}).get("replicas", 0))
        elif key[0] == "StatefulSet":
            ss = tx.get("apps", "StatefulSet", p["metadata"]["namespace"], key[1])
            seen[key] = int(((ss or {}).get("spec") or {}).get("replicas", 0))
        else:
            return 0
    return sum(seen.values())


def notify_pdbs(tx: Tx, k: Key) -> None:
    if tx.on_change is None or not k[2] or not _any(tx, "policy", "PodDisruptionBudget", k[2]):
        return
    for pdb in tx.list_cached("policy", "PodDisruptionBudget", k[2]):
        tx.on_change(("policy", "PodDisruptionBudget", k[2], pdb["metadata"]["name"]))


# ---- Ingress ---------------------------------------------------------------------------------------------------


def _owner(ns: str, name: str) -> str:
    return f"ingress/{ns}/{name}"


def sync_ingress(tx: Tx, k: Key) -> None:
    ing = tx.get_key(k)
    owner = _owner(k[2], k[3])
    if ing is None:
        for key, v in tx.meta_prefixed("alloc/lbip/"):
            if v == owner:
                tx.meta_delete(key)
        return
    lb = (ing.get("status") or {}).get("loadBalancer") or {}
    if lb.get("ingress"):
        return
    from .clusterconfig import runs

    if not runs(tx, "ingressController"):
        return  # no ingress controller: nothing gives the Ingress an address (Address: empty in describe)
    rows = [key for key, v in tx.meta_prefixed("alloc/lbip/") if v == owner]
    if rows:
        ip = rows[0].rsplit("/", 1)[1]
    else:
        base = int(pipeline.LB_POOL.network_address)
        cands = (str(ipaddress.ip_address(base + i)) for i in range(pipeline.LB_FIRST, 251))
        try:
            ip = pipeline._allocate(tx, "lbip", cands, owner)
        except pipeline.RangeFull:
            return  # no address left: the Ingress stays without one, as with a controller whose pool is used up
    ing.setdefault("status", {})["loadBalancer"] = {"ingress": [{"ip": ip}]}
    tx.update(ing)
