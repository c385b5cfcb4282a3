"""HorizontalPodAutoscaler controller (autoscaling/v2) and the simulated metrics server behind it and `top`.

Usage model: `pykubectl cluster load KIND/NAME --cpu 80%` records the workload's total demand — 80% of the
requests of the pods it runs at that moment — and that demand stays constant while the workload scales, so each
ready pod uses `demand / ready pods` (never less than an idle baseline). A steady load therefore gives a steady
replica count, as a steady request rate does on a real cluster. Demands are kept in the store's meta table under
`load/<namespace>/<kind>/<name>`; nothing the user declared changes.

The algorithm is the controller's: per metric `ceil(ready pods * utilization / target)` unless the ratio is within
the 10% tolerance, the highest metric wins, stabilization windows over the recommendations of the window (scale-up
0s, scale-down 300s by default), scaling policies limiting the rate per period, then min/max. It re-evaluates every
15s of cluster time (a wake-up), so `pykubectl cluster advance` drives it."""

from __future__ import annotations

import json
import math
from datetime import datetime, timedelta

from ..api.podutil import is_ready
from ..api.quantity import parse_quantity
from ..env import format_time, parse_time
from ..apiserver import pipeline
from ..store.store import Key, Tx

COMPONENT = "horizontal-pod-autoscaler"
SYNC_PERIOD = 15
TOLERANCE = 0.1
IDLE_CPU_M = 1          # per container: what an idle container shows in `top`
IDLE_MEM = 4 * 1024 * 1024
NODE_SYSTEM = {"control-plane": (115, 640 * 1024 * 1024), "worker": (22, 190 * 1024 * 1024)}

DEFAULT_UP = {"stabilizationWindowSeconds": 0, "selectPolicy": "Max",
              "policies": [{"type": "Pods", "value": 4, "periodSeconds": 15},
                           {"type": "Percent", "value": 100, "periodSeconds": 15}]}
DEFAULT_DOWN = {"stabilizationWindowSeconds": 300, "selectPolicy": "Max",
                "policies": [{"type": "Percent", "value": 100, "periodSeconds": 15}]}


# ---- simulated metrics ---------------------------------------------------------------------------------------------

def load_key(ns: str, kind: str, name: str) -> str:
    return f"load/{ns}/{kind}/{name}"


def get_load(tx: Tx, ns: str, kind: str, name: str) -> dict | None:
    v = tx.meta_get(load_key(ns, kind, name))
    return json.loads(v) if v else None


def set_load(tx: Tx, ns: str, kind: str, name: str, load: dict) -> None:
    tx.meta_set(load_key(ns, kind, name), json.dumps(load, sort_keys=True))


def _requests(pod: dict, res: str) -> list[int | None]:
    out: list[int | None] = []
    for c in (pod.get("spec") or {}).get("containers") or []:
        v = ((c.get("resources") or {}).get("requests") or {}).get(res)
        if v is None:
            out.append(None)
        else:
            q = parse_quantity(str(v))
            out.append(math.ceil(q * 1000) if res == "cpu" else math.ceil(q))
    return out


def workload_of(tx: Tx, pod: dict) -> tuple[str, str] | None:
    """(kind, name) of the top-level workload running the pod."""
    refs = [r for r in pod["metadata"].get("ownerReferences") or [] if r.get("controller")]
    if not refs:
        return None
    ref = refs[0]
    if ref.get("kind") == "ReplicaSet":
        rs = tx.get("apps", "ReplicaSet", pod["metadata"]["namespace"], ref["name"])
        up = [r for r in ((rs or {}).get("metadata") or {}).get("ownerReferences") or [] if r.get("controller")]
        if up and up[0].get("kind") == "Deployment":
            return ("Deployment", up[0]["name"])
    return (ref.get("kind", ""), ref.get("name", ""))


def _running(pod: dict) -> bool:
    return (pod.get("status") or {}).get("phase") == "Running" and not pod["metadata"].get("deletionTimestamp")


def _serving(pod: dict) -> bool:
    return (pod.get("status") or {}).get("phase") == "Running" and is_ready(pod)


def workload_pods(tx: Tx, ns: str, kind: str, name: str) -> list[dict]:
    obj = tx.get("apps", kind, ns, name)
    if obj is None:
        return []
    sel = ((obj.get("spec") or {}).get("selector") or {}).get("matchLabels") or None
    pods = tx.list("", "Pod", ns, match_labels=sel)
    return [p for p in pods if workload_of(tx, p) == (kind, name)]


def pod_usage(tx: Tx, pod: dict, cache: dict | None = None) -> tuple[int, int]:
    """(cpu millicores, memory bytes) the simulated metrics server reports for a running pod."""
    n = len((pod.get("spec") or {}).get("containers") or []) or 1
    cpu, mem = IDLE_CPU_M * n, IDLE_MEM * n
    wl = workload_of(tx, pod)
    if wl is None:
        return cpu, mem
    ns = pod["metadata"]["namespace"]
    load = get_load(tx, ns, *wl)
    if not load:
        return cpu, mem
    key = (ns, *wl)
    if cache is not None and key in cache:
        ready = cache[key]
    else:
        ready = max(1, sum(1 for p in workload_pods(tx, ns, *wl) if _serving(p)))
        if cache is not None:
            cache[key] = ready
    if load.get("cpu_m") is not None:
        cpu = max(cpu, int(load["cpu_m"] / ready))
    if load.get("mem") is not None:
        mem = max(mem, int(load["mem"] / ready))
    return cpu, mem


def node_usage(tx: Tx, node: dict, pods: list[dict], cache: dict | None = None) -> tuple[int, int]:
    role = "control-plane" if "node-role.kubernetes.io/control-plane" in (node["metadata"].get("labels") or {}) \
        else "worker"
    cpu, mem = NODE_SYSTEM[role]
    for p in pods:
        c, m = pod_usage(tx, p, cache)
        cpu += c
        mem += m
    return cpu, mem


# ---- the controller ------------------------------------------------------------------------------------------------

def _cond(type_: str, status: str, reason: str, message: str, now: str, old: list[dict]) -> dict:
    prev = next((c for c in old if c.get("type") == type_), None)
    t = prev["lastTransitionTime"] if prev and prev.get("status") == status else now
    return {"lastTransitionTime": t, "message": message, "reason": reason, "status": status, "type": type_}


def _state(tx: Tx, ns: str, name: str) -> dict:
    v = tx.meta_get(f"hpa/{ns}/{name}")
    return json.loads(v) if v else {"recs": [], "up": [], "down": []}


def _metrics(spec: dict) -> list[dict]:
    """spec.metrics, or what an autoscaling/v1 object means: CPU utilization at targetCPUUtilizationPercentage."""
    if spec.get("metrics"):
        return list(spec["metrics"])
    return [{"type": "Resource", "resource": {"name": "cpu", "target": {
        "type": "Utilization", "averageUtilization": int(spec.get("targetCPUUtilizationPercentage") or 80)}}}]


def _metric_desc(m: dict) -> str:
    r = m.get("resource") or m.get("containerResource") or {}
    t = (r.get("target") or {}).get("type")
    return f"{r.get('name', '')} resource utilization (percentage of request)" if t == "Utilization" \
        else f"{r.get('name', '')} resource"


def compute(pods: list[dict], metric: dict, usage: dict[str, tuple[int, int]], current: int
            ) -> tuple[int, dict, str | None]:
    """One Resource metric: (proposed replicas, its currentMetrics entry, an error)."""
    r = metric.get("resource") or {}
    res = r.get("name", "cpu")
    target = r.get("target") or {}
    ready = [p for p in pods if _serving(p)]
    if not ready:
        return current, {}, f"failed to get {res} utilization: did not receive metrics for targeted pods (pods might be unready)"
    idx = 0 if res == "cpu" else 1
    total = sum(usage[p["metadata"]["name"]][idx] for p in ready)
    avg = total // len(ready)
    avg_value = f"{avg}m" if res == "cpu" else _bytes(avg)
    if target.get("type") == "Utilization":
        reqs = 0
        for p in ready:
            for c, v in zip((p.get("spec") or {}).get("containers") or [], _requests(p, res)):
                if v is None:
                    return current, {}, (f"failed to get {res} utilization: missing request for {res} in container "
                                         f"{c['name']} of Pod {p['metadata']['name']}")
                reqs += v
        util = int(total * 100 / reqs) if reqs else 0
        ratio = util / int(target.get("averageUtilization") or 1)
        entry = {"type": "Resource", "resource": {"name": res, "current": {
            "averageUtilization": util, "averageValue": avg_value}}}
    else:
        want = parse_quantity(str(target.get("averageValue", "0")))
        want_units = float(want * 1000) if res == "cpu" else float(want)
        ratio = avg / want_units if want_units else 0
        entry = {"type": "Resource", "resource": {"name": res, "current": {"averageValue": avg_value}}}
    if abs(1.0 - ratio) <= TOLERANCE:
        return current, entry, None
    return math.ceil(ratio * len(ready)), entry, None


def _bytes(n: int) -> str:
    from ..api.quantity import BINARY_SI, format_quantity

    if n % 1024 == 0:
        return format_quantity(n, BINARY_SI)
    return str(n)


def _rules(spec: dict, key: str) -> dict:
    default = DEFAULT_UP if key == "scaleUp" else DEFAULT_DOWN
    rules = dict(default)
    rules.update({k: v for k, v in ((spec.get("behavior") or {}).get(key) or {}).items() if v is not None})
    return rules


def _limit(current: int, events: list[list], now: datetime, rules: dict, up: bool) -> int:
    """calculateScaleUpLimitWithScalingRules / calculateScaleDownLimitWithBehaviors."""
    limits = []
    for p in rules.get("policies") or []:
        cutoff = now - timedelta(seconds=int(p.get("periodSeconds", 15)))
        changed = sum(e[1] for e in events if parse_time(e[0]) > cutoff)
        start = current - changed if up else current + changed
        if p.get("type") == "Pods":
            limits.append(start + int(p["value"]) if up else start - int(p["value"]))
        else:
            limits.append(math.ceil(start * (1 + int(p["value"]) / 100)) if up
                          else math.floor(start * (1 - int(p["value"]) / 100)))
    if not limits:
        return current
    select = rules.get("selectPolicy") or "Max"
    if select == "Disabled":
        return current
    if up:
        return max(limits) if select == "Max" else min(limits)
    return min(limits) if select == "Max" else max(limits)


def sync(tx: Tx, k: Key) -> None:
    hpa = tx.get_key(k)
    ns, name = k[2], k[3]
    if hpa is None:
        tx.meta_delete(f"hpa/{ns}/{name}")
        return
    now_dt = tx.env.now()
    now = format_time(now_dt)
    state = _state(tx, ns, name)
    if "last" not in state:
        # A new autoscaler reaches the controller through its queue's fixed 15 s rate limiter (enqueueHPA,
        # NewDefaultHPARateLimiter): its first evaluation comes a sync period after its creation, and until then
        # its status is the one it was created with (recorded: describe shows 0 current / 0 desired, no conditions).
        created = hpa["metadata"].get("creationTimestamp")
        first = parse_time(created) + timedelta(seconds=SYNC_PERIOD) if created else now_dt
        if now_dt < first:
            tx.wake_at(k, format_time(first))
            return
    # The controller evaluates on its period, on a spec change or on a load change — not on its own status write.
    if state.get("last") == now and state.get("rv") == hpa["metadata"].get("resourceVersion") \
            and not state.get("force"):
        return
    state.pop("force", None)
    spec = hpa.get("spec") or {}
    status = hpa.get("status") or {}
    old_conds = status.get("conditions") or []
    ref = spec.get("scaleTargetRef") or {}
    kind, tname = ref.get("kind", ""), ref.get("name", "")
    group = ref.get("apiVersion", "").rsplit("/", 1)[0] if "/" in ref.get("apiVersion", "") else ""
    target = tx.get(group, kind, ns, tname) if kind in ("Deployment", "StatefulSet", "ReplicaSet") else None
    min_r, max_r = int(spec.get("minReplicas") or 1), int(spec.get("maxReplicas") or 1)
    new_status: dict = {"currentReplicas": int(status.get("currentReplicas") or 0),
                        "desiredReplicas": int(status.get("desiredReplicas") or 0)}
    if status.get("lastScaleTime"):
        new_status["lastScaleTime"] = status["lastScaleTime"]
    if target is None:
        from ..store.store import group_resource

        msg = f'{group_resource(group, kind) if kind else "unknown"} "{tname}" not found'
        new_status["conditions"] = [_cond("AbleToScale", "False", "FailedGetScale",
                                          f"the HPA controller was unable to get the target's current scale: {msg}",
                                          now, old_conds)]
        tx.record_event(hpa, "Warning", "FailedGetScale", msg, COMPONENT)
        _write(tx, hpa, new_status, state, now)
        return
    current = int((target.get("spec") or {}).get("replicas", 1))
    new_status["currentReplicas"] = current
    conds: list[dict] = [_cond("AbleToScale", "True", "SucceededGetScale",
                               "the HPA controller was able to get the target's current scale", now, old_conds)]
    rescale_reason = ""
    metrics_entries: list[dict] = []
    if not state["recs"]:
        state["recs"] = [[now, current]]  # recordInitialRecommendation
    behavior = spec.get("behavior")
    limited: tuple[str, str] | None = None
    rescale = True
    if current == 0 and min_r != 0:
        desired, rescale = 0, False
        conds.append(_cond("ScalingActive", "False", "ScalingDisabled",
                           "scaling is disabled since the replica count of the target is zero", now, old_conds))
    elif current > max_r:
        rescale_reason, desired = "Current number of replicas above Spec.MaxReplicas", max_r
    elif current < min_r:
        rescale_reason, desired = "Current number of replicas below Spec.MinReplicas", min_r
    else:
        sel = ((target.get("spec") or {}).get("selector") or {}).get("matchLabels") or None
        pods = [p for p in tx.list("", "Pod", ns, match_labels=sel)
                if not p["metadata"].get("deletionTimestamp")]
        cache: dict = {}
        usage = {p["metadata"]["name"]: pod_usage(tx, p, cache) for p in pods if _serving(p)}
        proposals: list[tuple[int, str]] = []
        errors: list[str] = []
        from .clusterconfig import runs

        metrics_server = runs(tx, "metricsServer")
        for m in _metrics(spec):
            if m.get("type") != "Resource":
                errors.append(f'unsupported metric source type "{m.get("type")}" in the simulated cluster')
                metrics_entries.append({"type": ""})
                continue
            if metrics_server:
                n, entry, err = compute(pods, m, usage, current)
            else:
                # No metrics server: the resource metrics API is not served (derived from the HPA controller's
                # resource metrics client and replica calculator messages).
                res = (m.get("resource") or {}).get("name", "cpu")
                n, entry, err = current, {}, (
                    f"failed to get {res} utilization: unable to get metrics for resource {res}: unable to fetch "
                    "metrics from resource metrics API: the server could not find the requested resource "
                    "(get pods.metrics.k8s.io)")
            if err:
                conds.append(_cond("ScalingActive", "False", "FailedGetResourceMetric",
                                   f"the HPA was unable to compute the replica count: {err}", now, old_conds))
                tx.record_event(hpa, "Warning", "FailedGetResourceMetric", err, COMPONENT)
                errors.append(f"failed to get {(m.get('resource') or {}).get('name')} resource metric value: {err}")
                metrics_entries.append({"type": ""})
                continue
            metrics_entries.append(entry)
            proposals.append((n, _metric_desc(m)))
        if errors:
            err_text = (f"invalid metrics ({len(errors)} invalid out of {len(_metrics(spec))}), "
                        f"first error is: {errors[0]}")
            if not proposals:
                tx.record_event(hpa, "Warning", "FailedComputeMetricsReplicas", err_text, COMPONENT)
                new_status["currentReplicas"] = current
                if any(e.get("type") for e in metrics_entries):
                    new_status["currentMetrics"] = metrics_entries
                new_status["conditions"] = _merge_conds(old_conds, conds)
                _write(tx, hpa, new_status, state, now)
                return
        raw, metric_name = max(proposals, key=lambda x: x[0]) if proposals else (current, "")
        if not errors:
            conds.append(_cond("ScalingActive", "True", "ValidMetricFound",
                               f"the HPA was able to successfully calculate a replica count from {metric_name}",
                               now, old_conds))
        if raw > current:
            rescale_reason = f"{metric_name} above target"
        elif raw < current:
            rescale_reason = "All metrics below target"
        if behavior is None:
            desired, limited = _normalize(state, conds, now, now_dt, current, raw, min_r, max_r, old_conds)
        else:
            desired, limited = _normalize_behaviors(spec, state, conds, now, now_dt, current, raw, min_r, max_r,
                                                    old_conds)
        rescale = desired != current
    if limited is not None:
        conds.append(_cond("ScalingLimited", "True" if limited[2] else "False", limited[0], limited[1], now,
                           old_conds))
    if rescale:
        target["spec"]["replicas"] = desired
        pipeline.update(tx, target, tx.get(group, kind, ns, tname) or target)
        tx.record_event(hpa, "Normal", "SuccessfulRescale", f"New size: {desired}; reason: {rescale_reason}",
                        COMPONENT)
        conds[0] = _cond("AbleToScale", "True", "SucceededRescale",
                         f"the HPA controller was able to update the target scale to {desired}", now, old_conds)
        new_status["lastScaleTime"] = now
        if behavior is not None:
            (state["up"] if desired > current else state["down"]).append([now, abs(desired - current)])
    else:
        desired = current
    new_status["currentReplicas"] = current
    new_status["desiredReplicas"] = desired
    if metrics_entries:
        new_status["currentMetrics"] = metrics_entries
    up_rules, down_rules = _rules(spec, "scaleUp"), _rules(spec, "scaleDown")
    longest = max(int(p.get("periodSeconds", 15)) for r in (up_rules, down_rules) for p in r.get("policies") or [{}])
    for key in ("up", "down"):
        state[key] = [e for e in state[key] if parse_time(e[0]) > now_dt - timedelta(seconds=longest)]
    new_status["conditions"] = _merge_conds(old_conds, conds)
    # Steady: nothing in the windows could make a later evaluation differ, so the next one waits for a change of
    # load, spec or target instead of running every 15s (a cluster left alone for days replays nothing).
    steady = not rescale and len({r[1] for r in state["recs"]}) <= 1 and not state["up"] and not state["down"]
    _write(tx, hpa, new_status, state, now, steady)


def _merge_conds(old: list[dict], new: list[dict]) -> list[dict]:
    """setCondition: existing conditions keep their place, new ones are appended."""
    out = [dict(c) for c in old]
    for c in new:
        i = next((j for j, o in enumerate(out) if o.get("type") == c["type"]), None)
        if i is None:
            out.append(c)
        else:
            out[i] = c
    return out


def _normalize(state: dict, conds: list[dict], now: str, now_dt: datetime, current: int, raw: int, min_r: int,
               max_r: int, old_conds: list[dict]) -> tuple[int, tuple[str, str, bool]]:
    """normalizeDesiredReplicas (no behavior): the highest recommendation of the last 5 minutes, then at most
    max(2x, 4) replicas up, within min/max."""
    cutoff = now_dt - timedelta(seconds=300)
    recent = [r for r in state["recs"] if parse_time(r[0]) >= cutoff]
    stabilized = max([raw] + [r[1] for r in recent])
    state["recs"] = recent + [[now, raw]]
    if stabilized != raw:
        conds[0] = _cond("AbleToScale", "True", "ScaleDownStabilized",
                         "recent recommendations were higher than current one, applying the highest recent "
                         "recommendation", now, old_conds)
    else:
        conds[0] = _cond("AbleToScale", "True", "ReadyForNewScale", "recommended size matches current size", now,
                         old_conds)
    up_limit = max(2 * current, 4)
    if max_r > up_limit:
        allowed, reason, msg = up_limit, "ScaleUpLimit", "the desired replica count is increasing faster than the maximum scale rate"
    else:
        allowed, reason, msg = max_r, "TooManyReplicas", "the desired replica count is more than the maximum replica count"
    if stabilized < min_r:
        return min_r, ("TooFewReplicas", "the desired replica count is less than the minimum replica count", True)
    if stabilized > allowed:
        return allowed, (reason, msg, True)
    return stabilized, ("DesiredWithinRange", "the desired count is within the acceptable range", False)


def _normalize_behaviors(spec: dict, state: dict, conds: list[dict], now: str, now_dt: datetime, current: int,
                         raw: int, min_r: int, max_r: int, old_conds: list[dict]) -> tuple[int, tuple[str, str, bool]]:
    up_rules, down_rules = _rules(spec, "scaleUp"), _rules(spec, "scaleDown")
    up_cut = now_dt - timedelta(seconds=int(up_rules.get("stabilizationWindowSeconds") or 0))
    down_cut = now_dt - timedelta(seconds=int(down_rules.get("stabilizationWindowSeconds") or 0))
    up_rec = down_rec = raw
    for t, r in state["recs"]:
        ts = parse_time(t)
        if ts > up_cut:
            up_rec = min(up_rec, r)
        if ts > down_cut:
            down_rec = max(down_rec, r)
    stabilized = min(max(current, up_rec), down_rec)
    keep = max(int(up_rules.get("stabilizationWindowSeconds") or 0),
               int(down_rules.get("stabilizationWindowSeconds") or 0))
    state["recs"] = [x for x in state["recs"] if parse_time(x[0]) > now_dt - timedelta(seconds=keep)]
    state["recs"].append([now, raw])
    if stabilized != raw:
        if stabilized < raw:
            conds[0] = _cond("AbleToScale", "True", "ScaleUpStabilized",
                             "recent recommendations were lower than current one, applying the lowest recent "
                             "recommendation", now, old_conds)
        else:
            conds[0] = _cond("AbleToScale", "True", "ScaleDownStabilized",
                             "recent recommendations were higher than current one, applying the highest recent "
                             "recommendation", now, old_conds)
    else:
        conds[0] = _cond("AbleToScale", "True", "ReadyForNewScale", "recommended size matches current size", now,
                         old_conds)
    desired = stabilized
    if desired > current:
        up_limit = _limit(current, state["up"], now_dt, up_rules, True)
        if up_limit < max_r:
            allowed, reason, msg = up_limit, "ScaleUpLimit", "the desired replica count is increasing faster than the maximum scale rate"
        else:
            allowed, reason, msg = max_r, "TooManyReplicas", "the desired replica count is more than the maximum replica count"
        if desired > allowed:
            return allowed, (reason, msg, True)
    elif desired < current:
        down_limit = _limit(current, state["down"], now_dt, down_rules, False)
        if down_limit > min_r:
            allowed, reason, msg = down_limit, "ScaleDownLimit", "the desired replica count is decreasing faster than the maximum scale rate"
        else:
            allowed, reason, msg = min_r, "TooFewReplicas", "the desired replica count is less than the minimum replica count"
        if desired < allowed:
            return allowed, (reason, msg, True)
    else:
        if desired > max_r:
            return max_r, ("TooManyReplicas", "the desired replica count is more than the maximum replica count", True)
        if desired < min_r:
            return min_r, ("TooFewReplicas", "the desired replica count is less than the minimum replica count", True)
    return desired, ("DesiredWithinRange", "the desired count is within the acceptable range", False)


def _write(tx: Tx, hpa: dict, status: dict, state: dict, now: str, steady: bool = False) -> None:
    k = ("autoscaling", "HorizontalPodAutoscaler", hpa["metadata"]["namespace"], hpa["metadata"]["name"])
    if not steady:
        tx.wake_at(k, format_time(parse_time(now) + timedelta(seconds=SYNC_PERIOD)))
    if hpa.get("metadata", {}).get("generation") is not None:
        status["observedGeneration"] = hpa["metadata"]["generation"]
    ordered = {k: status[k] for k in sorted(status)}
    if hpa.get("status") != ordered:
        hpa["status"] = ordered
        tx.update(hpa)
    state["last"] = now
    state["rv"] = hpa["metadata"].get("resourceVersion")
    key = f"hpa/{hpa['metadata']['namespace']}/{hpa['metadata']['name']}"
    text = json.dumps(state, sort_keys=True)
    if tx.meta_get(key) != text:
        tx.meta_set(key, text)


def notify_target(tx: Tx, k: Key) -> None:
    """A scale target changed: an autoscaler whose last decision it no longer matches (someone else scaled it)
    looks again now."""
    from .policy import _any

    if tx.on_change is None or not _any(tx, "autoscaling", "HorizontalPodAutoscaler", k[2]):
        return
    obj = tx.get_key(k)
    if obj is None:
        return
    want = (obj.get("spec") or {}).get("replicas")
    for h in tx.list("autoscaling", "HorizontalPodAutoscaler", k[2]):
        ref = (h.get("spec") or {}).get("scaleTargetRef") or {}
        if ref.get("kind") != k[1] or ref.get("name") != k[3]:
            continue
        if (h.get("status") or {}).get("desiredReplicas") == want:
            continue
        st = _state(tx, k[2], h["metadata"]["name"])
        if not st.get("force"):
            st["force"] = True
            tx.meta_set(f"hpa/{k[2]}/{h['metadata']['name']}", json.dumps(st, sort_keys=True))
        tx.on_change(("autoscaling", "HorizontalPodAutoscaler", k[2], h["metadata"]["name"]))


def notify_load(tx: Tx, ns: str) -> None:
    """A workload's load changed: the namespace's autoscalers look now instead of at their next period."""
    now = tx.env.now_str()
    for h in tx.list("autoscaling", "HorizontalPodAutoscaler", ns):
        st = _state(tx, ns, h["metadata"]["name"])
        st["force"] = True
        tx.meta_set(f"hpa/{ns}/{h['metadata']['name']}", json.dumps(st, sort_keys=True))
        tx.wake_at(("autoscaling", "HorizontalPodAutoscaler", ns, h["metadata"]["name"]), now)
