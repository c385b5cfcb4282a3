"""Scheduler: binds each pending pod to the feasible node with the least allocated resources, or leaves it
Pending with the FailedScheduling event and message the real scheduler gives."""

from __future__ import annotations

import heapq

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


_ALLOC_CACHE: dict[tuple[str, str, str], tuple[int, int, int]] = {}


def _alloc(node: dict) -> tuple[int, int, int]:
    # Parsed once per distinct allocatable: quantities are slow to parse and nodes are read for every pod.
    a = (node.get("status") or {}).get("allocatable") or {}
    key = (str(a.get("cpu", "0")), str(a.get("memory", "0")), str(a.get("pods", "110")))
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
    for attr in ("_sched_usage", "_sched_nodes", "_sched_static", "_sched_heaps"):
        if hasattr(tx, attr):
            delattr(tx, attr)


def _static_fit(tx: Tx, pod: dict) -> tuple[list[tuple[str, int, int, int]], dict[str, int]]:
    """The nodes that pass the filters that do not depend on usage (readiness, cordon, taints, selector and
    affinity), as (name, cpu, memory, pods allocatable), and the failure reasons of the others. Pods of one template
    share the answer, so it is computed once per transaction for each distinct set of constraints."""
    from ..controllers.node import node_ready

    spec = pod["spec"]
    tols = spec.get("tolerations") or []
    selector = spec.get("nodeSelector") or {}
    affinity = (spec.get("affinity") or {}).get("nodeAffinity")
    # repr, not a sorted JSON dump (~10x slower): a key order that differs only costs a second computation.
    sig = repr((tols, selector, affinity))
    cache = getattr(tx, "_sched_static", None)
    if cache is None:
        cache = tx._sched_static = {}  # type: ignore[attr-defined]
    hit = cache.get(sig)
    if hit is not None:
        return hit
    feasible: list[tuple[str, int, int, int]] = []
    reasons: dict[str, int] = {}

    def fail(reason: str) -> None:
        reasons[reason] = reasons.get(reason, 0) + 1

    for node in _nodes(tx):
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
        feasible.append((node["metadata"]["name"], *_alloc(node)))
    cache[sig] = (feasible, reasons)
    return feasible, reasons


def sync(tx: Tx, k: Key) -> None:
    pod = tx.peek(k)  # read only: most pods are bound already; a copy is taken when there is work
    if pod is None:
        # A deleted pod frees its requests: pods left unschedulable get another try, as the scheduler's
        # queue moves them back to active on such cluster events.
        invalidate_usage_for_delete(tx)
        if tx.meta_prefixed("pending-pods/"):
            retry_pending(tx)
        return
    spec = pod.get("spec") or {}
    if spec.get("nodeName") or (pod["metadata"].get("deletionTimestamp")):
        return
    if (spec.get("schedulerName") or SCHEDULER) != SCHEDULER:
        return
    # A copy to change: schedule() only assigns top-level fields of the pod's metadata (Tx.update), spec and status,
    # so the rest stays shared with the stored version, which stays as it was.
    mine = {**pod}
    mine["metadata"] = {**pod["metadata"]}
    mine["spec"] = {**spec}
    status = pod.get("status")
    if isinstance(status, dict):
        mine["status"] = {**status}
    schedule(tx, mine)


def invalidate_usage_for_delete(tx: Tx) -> None:
    # A deleted pod frees its requests; the per-transaction cache is rebuilt from the counters on next use.
    for attr in ("_sched_usage", "_sched_heaps"):
        if hasattr(tx, attr):
            delattr(tx, attr)


def _entry(node: tuple[str, int, int, int], usage: dict[str, list[int]], cpu: int, mem: int,
           ver: int) -> tuple[float, int, str, int] | None:
    """The node's place in the ranking for a pod of these requests (None when it does not fit)."""
    name, acpu, amem, apods = node
    ucpu, umem, upods = usage.get(name, (0, 0, 0))
    if upods + 1 > apods or (cpu and ucpu + cpu > acpu) or (mem and umem + mem > amem):
        return None
    # Least allocated, as NodeResourcesFit's default scoring: the free fraction of cpu and memory.
    free_cpu = (acpu - ucpu - cpu) / acpu if acpu else 0
    free_mem = (amem - umem - mem) / amem if amem else 0
    return (-(free_cpu + free_mem) / 2, upods, name, ver)


def _pick(tx: Tx, feasible: list[tuple[str, int, int, int]], usage: dict[str, list[int]], cpu: int,
          mem: int) -> str | None:
    """The best node for a pod, as the full scan would choose it, from a heap kept per (constraints, requests).

    Binding a pod only ever adds usage to one node, which can only move that node down the ranking; so entries
    are re-ranked lazily: a popped entry whose node changed since it was pushed is recomputed and pushed again.
    A node that no longer fits leaves this heap (usage only grows while the heap lives: a pod deletion drops
    all heaps). None when nothing fits: the caller's full scan then collects the reasons."""
    heaps = tx.__dict__.setdefault("_sched_heaps", {})
    versions = tx.__dict__.setdefault("_sched_versions", {})
    key = (id(feasible), cpu, mem)
    entry = heaps.get(key)
    if entry is None or entry[0] is not feasible:
        nodes = {n[0]: n for n in feasible}
        heap = [e for e in (_entry(n, usage, cpu, mem, versions.get(n[0], 0)) for n in feasible) if e is not None]
        heapq.heapify(heap)
        entry = heaps[key] = (feasible, nodes, heap)
    _, nodes, heap = entry
    while heap:
        top = heap[0]
        ver = versions.get(top[2], 0)
        if top[3] == ver:
            fresh = _entry(nodes[top[2]], usage, cpu, mem, ver)
            if fresh is not None and fresh[:3] == top[:3]:
                return top[2]
        heapq.heappop(heap)
        fresh = _entry(nodes[top[2]], usage, cpu, mem, ver)
        if fresh is not None:
            heapq.heappush(heap, fresh)
    return None


def _touched(tx: Tx, name: str) -> None:
    versions = tx.__dict__.setdefault("_sched_versions", {})
    versions[name] = versions.get(name, 0) + 1


_storage = None


def _load_storage():  # type: ignore[no-untyped-def]
    global _storage
    from . import storage

    _storage = storage
    return storage


def schedule(tx: Tx, pod: dict) -> None:
    usage = _usage(tx)
    cpu, mem = tx.pod_requests(pod)
    spec = pod["spec"]
    # -- volumes: the VolumeBinding plugin's PreFilter, then its Filter on bound volumes' nodes --
    storage = _storage or _load_storage()

    claims = storage.pod_claims(pod)
    vol_error, vol_nodes = storage.check_pod(tx, pod) if claims else (None, None)  # (no claims: nothing to check)
    if vol_error:
        storage.unschedulable(tx, pod, len(_nodes(tx)), vol_error)
        return
    feasible, static_reasons = _static_fit(tx, pod)
    reasons = dict(static_reasons)
    if vol_nodes is not None:
        conflict = sum(1 for f in feasible if f[0] not in vol_nodes)
        if conflict:
            reasons["node(s) had volume node affinity conflict"] = conflict
        feasible = [f for f in feasible if f[0] in vol_nodes]
    best: tuple[float, int, str] | None = None
    best_node: str | None = _pick(tx, feasible, usage, cpu, mem) if vol_nodes is None else None
    zero = (0, 0, 0)
    for name, acpu, amem, apods in (feasible if best_node is None else ()):
        ucpu, umem, upods = usage.get(name, zero)
        if upods + 1 > apods or (cpu and ucpu + cpu > acpu) or (mem and umem + mem > amem):
            if upods + 1 > apods:
                reasons["Too many pods"] = reasons.get("Too many pods", 0) + 1
            if cpu and ucpu + cpu > acpu:
                reasons["Insufficient cpu"] = reasons.get("Insufficient cpu", 0) + 1
            if mem and umem + mem > amem:
                reasons["Insufficient memory"] = reasons.get("Insufficient memory", 0) + 1
            continue
        # Least allocated, as NodeResourcesFit's default scoring: the free fraction of cpu and memory.
        free_cpu = (acpu - ucpu - cpu) / acpu if acpu else 0
        free_mem = (amem - umem - mem) / amem if amem else 0
        score = (-(free_cpu + free_mem) / 2, upods, name)
        if best is None or score < best:
            best = score
            best_node = name
    if best_node is None:
        _unschedulable(tx, pod, len(_nodes(tx)), reasons)
        return
    name = best_node
    if claims:  # delayed-binding claims follow the chosen node (PreBind)
        storage.bind_for_pod(tx, pod, name)
        pod = tx.get("", "Pod", pod["metadata"]["namespace"], pod["metadata"]["name"]) or pod
        spec = pod["spec"]
    u = usage.setdefault(name, [0, 0, 0])
    u[0] += cpu
    u[1] += mem
    u[2] += 1
    _touched(tx, name)
    now = tx.env.now_str()
    spec["nodeName"] = name
    status = pod.setdefault("status", {})
    status["phase"] = "Pending"
    status["conditions"] = [c for c in status.get("conditions") or [] if c.get("type") != "PodScheduled"] + [
        {"lastProbeTime": None, "lastTransitionTime": now, "status": "True", "type": "PodScheduled"}
    ]
    status.pop("message", None)
    status.pop("reason", None)
    md = pod["metadata"]
    # only read from here on; bound to a node it did not have, so certainly a change. Bound, the pod is nothing
    # more to the scheduler: its own sync of the pod need not run again for this write (Tx.settled).
    tx.settled = ("", "Pod", md["namespace"], md["name"])
    try:
        tx.update(pod, handoff=True, changed=True)
    finally:
        tx.settled = None
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
    for key, _ in tx.meta_prefixed("pending-pods/"):
        ns, name = key[len("pending-pods/"):].split("/", 1)
        tx.meta_delete(key)
        pod = tx.get("", "Pod", ns, name)
        if pod is not None and not pod["spec"].get("nodeName"):
            schedule(tx, pod)


__all__ = ["sync", "schedule", "retry_pending"]
