"""Scheduler: binds each pending pod to the feasible node with the least allocated resources, or leaves it
Pending with the FailedScheduling event and message the real scheduler gives."""

from __future__ import annotations

import json

from ..api.podutil import pod_requests
from ..api.quantity import parse_quantity
from ..store.store import Key, Tx

SCHEDULER = "default-scheduler"


def _tolerates(tols: list[dict], taint: dict) -> bool:
    for t in tols:
        if t.get("effect") and t.get("effect") != taint.get("effect"):
            continue
        op = t.get("operator", "Equal")
        if op == "Exists":
            if not t.get("key") or t.get("key") == taint.get("key"):
                return True
        elif t.get("key") == taint.get("key") and (t.get("value") or "") == (taint.get("value") or ""):
            return True
    return False


def _match_expr(labels: dict, e: dict) -> bool:
    key, op, vals = e.get("key"), e.get("operator"), e.get("values") or []
    has = key in labels
    v = labels.get(key)
    if op == "In":
        return has and v in vals
    if op == "NotIn":
        return not has or v not in vals
    if op == "Exists":
        return has
    if op == "DoesNotExist":
        return not has
    if op in ("Gt", "Lt") and has and vals:
        try:
            a, b = int(v), int(vals[0])
        except (TypeError, ValueError):
            return False
        return a > b if op == "Gt" else a < b
    return False


def _affinity_ok(pod: dict, node: dict) -> bool:
    req = (((pod["spec"].get("affinity") or {}).get("nodeAffinity") or {})
           .get("requiredDuringSchedulingIgnoredDuringExecution") or {})
    terms = req.get("nodeSelectorTerms") or []
    if not terms:
        return True
    labels = node["metadata"].get("labels") or {}
    for term in terms:
        exprs = term.get("matchExpressions") or []
        fields = term.get("matchFields") or []
        if all(_match_expr(labels, e) for e in exprs) and all(
            _match_expr({"metadata.name": node["metadata"]["name"]}, f) for f in fields
        ) and (exprs or fields):
            return True
    return False


_ALLOC_CACHE: dict[str, tuple[int, int, int]] = {}


def _alloc(node: dict) -> tuple[int, int, int]:
    # Parsed once per node version: quantities are slow to parse and nodes are read for every pod.
    key = node["metadata"].get("uid", "") + "/" + str(node["metadata"].get("resourceVersion", ""))
    hit = _ALLOC_CACHE.get(key)
    if hit is None:
        hit = _ALLOC_CACHE[key] = _parse_alloc(node)
    return hit


def _parse_alloc(node: dict) -> tuple[int, int, int]:
    a = (node.get("status") or {}).get("allocatable") or {}
    return (int(parse_quantity(str(a.get("cpu", "0"))) * 1000), int(parse_quantity(str(a.get("memory", "0")))),
            int(parse_quantity(str(a.get("pods", "110")))))


def _usage(tx: Tx) -> dict[str, list[int]]:
    cache = getattr(tx, "_sched_usage", None)
    if cache is None:
        cache = {n: list(v) for n, v in tx.node_usage().items()}
        tx._sched_usage = cache  # type: ignore[attr-defined]
    return cache


def _nodes(tx: Tx) -> list[dict]:
    cache = getattr(tx, "_sched_nodes", None)
    if cache is None:
        cache = tx.list("", "Node")
        tx._sched_nodes = cache  # type: ignore[attr-defined]
    return cache


def invalidate(tx: Tx) -> None:
    for attr in ("_sched_usage", "_sched_nodes"):
        if hasattr(tx, attr):
            delattr(tx, attr)


def sync(tx: Tx, k: Key) -> None:
    pod = tx.get_key(k)
    if pod is None:
        # A deleted pod frees its requests: pods left unschedulable get another try, as the scheduler's
        # queue moves them back to active on such cluster events.
        invalidate_usage_for_delete(tx)
        if tx.db.execute("SELECT 1 FROM meta WHERE k LIKE 'pending-pods/%' LIMIT 1"):
            retry_pending(tx)
        return
    spec = pod.get("spec") or {}
    if spec.get("nodeName") or (pod["metadata"].get("deletionTimestamp")):
        return
    if (spec.get("schedulerName") or SCHEDULER) != SCHEDULER:
        return
    schedule(tx, pod)


def invalidate_usage_for_delete(tx: Tx) -> None:
    # A deleted pod frees its requests; the per-transaction cache is rebuilt from the counters on next use.
    if hasattr(tx, "_sched_usage"):
        delattr(tx, "_sched_usage")


def schedule(tx: Tx, pod: dict) -> None:
    from ..controllers.node import node_ready

    nodes = _nodes(tx)
    usage = _usage(tx)
    cpu, mem = pod_requests(pod)
    spec = pod["spec"]
    tols = spec.get("tolerations") or []
    selector = spec.get("nodeSelector") or {}
    reasons: dict[str, int] = {}
    best: tuple[float, int, str] | None = None
    best_node: dict | None = None

    def fail(reason: str) -> None:
        reasons[reason] = reasons.get(reason, 0) + 1

    for node in nodes:
        name = node["metadata"]["name"]
        nspec = node.get("spec") or {}
        if not node_ready(node):
            taint = "{node.kubernetes.io/not-ready: }"
            fail(f"node(s) had untolerated taint {taint}")
            continue
        if nspec.get("unschedulable"):
            fail("node(s) were unschedulable")
            continue
        untolerated = [t for t in nspec.get("taints") or []
                       if t.get("effect") in ("NoSchedule", "NoExecute") and not _tolerates(tols, t)]
        if untolerated:
            t = untolerated[0]
            fail(f"node(s) had untolerated taint {{{t.get('key')}: {t.get('value') or ''}}}")
            continue
        labels = node["metadata"].get("labels") or {}
        if any(labels.get(a) != b for a, b in selector.items()) or not _affinity_ok(pod, node):
            fail("node(s) didn't match Pod's node affinity/selector")
            continue
        acpu, amem, apods = _alloc(node)
        ucpu, umem, upods = usage.get(name, [0, 0, 0])
        short = False
        if upods + 1 > apods:
            fail("Too many pods")
            short = True
        if cpu and ucpu + cpu > acpu:
            fail("Insufficient cpu")
            short = True
        if mem and umem + mem > amem:
            fail("Insufficient memory")
            short = True
        if short:
            continue
        # Least allocated, as NodeResourcesFit's default scoring: the free fraction of cpu and memory.
        free_cpu = (acpu - ucpu - cpu) / acpu if acpu else 0
        free_mem = (amem - umem - mem) / amem if amem else 0
        score = (-(free_cpu + free_mem) / 2, upods, name)
        if best is None or score < best:
            best = score
            best_node = node
    if best_node is None:
        _unschedulable(tx, pod, len(nodes), reasons)
        return
    name = best_node["metadata"]["name"]
    u = usage.setdefault(name, [0, 0, 0])
    u[0] += cpu
    u[1] += mem
    u[2] += 1
    now = tx.env.now_str()
    spec["nodeName"] = name
    status = pod.setdefault("status", {})
    status["phase"] = "Pending"
    status["conditions"] = [c for c in status.get("conditions") or [] if c.get("type") != "PodScheduled"] + [
        {"lastProbeTime": None, "lastTransitionTime": now, "status": "True", "type": "PodScheduled"}
    ]
    status.pop("message", None)
    status.pop("reason", None)
    tx.update(pod)
    md = pod["metadata"]
    tx.record_event(pod, "Normal", "Scheduled", f"Successfully assigned {md['namespace']}/{md['name']} to {name}",
                    SCHEDULER)


def _unschedulable(tx: Tx, pod: dict, total: int, reasons: dict[str, int]) -> None:
    parts = sorted(f"{n} {r}" for r, n in reasons.items())
    msg = f"0/{total} nodes are available: " + ", ".join(parts) + "."
    preempt = _preemption_message(total, reasons)
    if preempt:
        msg += " " + preempt
    now = tx.env.now_str()
    # Remember the pod as unschedulable, so that freed capacity or a new node gives it another try.
    tx.meta_set("pending-pods/" + pod["metadata"]["namespace"] + "/" + pod["metadata"]["name"], "1")
    status = pod.setdefault("status", {})
    conds = [c for c in status.get("conditions") or [] if c.get("type") != "PodScheduled"]
    old = next((c for c in status.get("conditions") or [] if c.get("type") == "PodScheduled"), None)
    if old and old.get("message") == msg:
        return
    conds.append({"lastProbeTime": None, "lastTransitionTime": now, "message": msg, "reason": "Unschedulable",
                  "status": "False", "type": "PodScheduled"})
    status["conditions"] = conds
    status["phase"] = "Pending"
    status.setdefault("qosClass", _qos(pod))
    tx.update(pod)
    tx.record_event(pod, "Warning", "FailedScheduling", msg, SCHEDULER)


def _preemption_message(total: int, reasons: dict[str, int]) -> str:
    # Preemption cannot help where a node fails for a reason other than resources.
    not_helpful = sum(n for r, n in reasons.items() if not r.startswith("Insufficient") and r != "Too many pods")
    helpful = total - not_helpful
    parts = []
    if not_helpful:
        parts.append(f"{not_helpful} Preemption is not helpful for scheduling")
    if helpful > 0:
        parts.append(f"{helpful} No preemption victims found for incoming pod")
    return f"preemption: 0/{total} nodes are available: " + ", ".join(sorted(parts)) + "."


def _qos(pod: dict) -> str:
    from .kubelet import qos_class

    return qos_class(pod)


def retry_pending(tx: Tx) -> None:
    """Nodes changed: pods left Pending get another try."""
    invalidate(tx)
    rows = tx.db.execute("SELECT k FROM meta WHERE k LIKE 'pending-pods/%'")
    for (key,) in rows:
        ns, name = key[len("pending-pods/"):].split("/", 1)
        tx.db.execute("DELETE FROM meta WHERE k = :k", {"k": key})
        pod = tx.get("", "Pod", ns, name)
        if pod is not None and not pod["spec"].get("nodeName"):
            schedule(tx, pod)


__all__ = ["sync", "schedule", "retry_pending", "json"]
