"""Job controller: runs pods of the template to completion (completions, parallelism, Indexed mode), counts
finished pods through the ``batch.kubernetes.io/job-tracking`` finalizer, retries failures with the controller's
back-off (10s doubling, up to 10m) until backoffLimit, enforces activeDeadlineSeconds, suspends and resumes, and
sets the conditions and events of a v1.32 controller (SuccessCriteriaMet then Complete; FailureTarget then
Failed). Finished Jobs with ttlSecondsAfterFinished are deleted when it expires (the TTL-after-finished
controller)."""

from __future__ import annotations

import copy
from datetime import datetime, timedelta

from ..api.podutil import is_active, is_ready, owner_ref
from ..env import format_time, parse_time
from ..apiserver import pipeline
from ..store.store import Key, Tx

COMPONENT = "job-controller"
TRACKING = "batch.kubernetes.io/job-tracking"
INDEX = "batch.kubernetes.io/job-completion-index"
POD_BACKOFF = 10
POD_BACKOFF_MAX = 600
DONE_MESSAGE = "Reached expected number of succeeded pods"


def _cond(job: dict, type_: str) -> dict | None:
    for c in (job.get("status") or {}).get("conditions") or []:
        if c.get("type") == type_:
            return c
    return None


def is_finished(job: dict) -> bool:
    return any(c.get("type") in ("Complete", "Failed") and c.get("status") == "True"
               for c in (job.get("status") or {}).get("conditions") or [])


def finish_time(job: dict) -> str | None:
    st = job.get("status") or {}
    if st.get("completionTime"):
        return st["completionTime"]
    c = _cond(job, "Failed")
    return c.get("lastTransitionTime") if c else None


def _new_cond(type_: str, reason: str, message: str, now: str, status: str = "True") -> dict:
    return {"lastProbeTime": now, "lastTransitionTime": now, "message": message, "reason": reason,
            "status": status, "type": type_}


def _set_cond(st: dict, cond: dict) -> bool:
    conds = st.setdefault("conditions", [])
    for i, c in enumerate(conds):
        if c["type"] == cond["type"]:
            if c.get("status") == cond["status"] and c.get("reason") == cond["reason"]:
                return False
            conds[i] = cond
            return True
    conds.append(cond)
    return True


def parse_indexes(s: str | None) -> set[int]:
    out: set[int] = set()
    for part in (s or "").split(","):
        if not part:
            continue
        if "-" in part:
            a, b = part.split("-", 1)
            out.update(range(int(a), int(b) + 1))
        else:
            out.add(int(part))
    return out


def format_indexes(idx: set[int]) -> str:
    parts: list[str] = []
    xs = sorted(idx)
    i = 0
    while i < len(xs):
        j = i
        while j + 1 < len(xs) and xs[j + 1] == xs[j] + 1:
            j += 1
        parts.append(str(xs[i]) if i == j else f"{xs[i]}-{xs[j]}")
        i = j + 1
    return ",".join(parts)


def _index_of(pod: dict) -> int | None:
    v = ((pod.get("metadata") or {}).get("annotations") or {}).get(INDEX)
    try:
        return int(v) if v is not None else None
    except ValueError:
        return None


def _finished_at(pod: dict) -> str:
    times = [((cs.get("state") or {}).get("terminated") or {}).get("finishedAt") or ""
             for cs in (pod.get("status") or {}).get("containerStatuses") or []]
    return max([t for t in times if t] or [pod["metadata"].get("creationTimestamp", "")])


def owned_pods(tx: Tx, job: dict) -> list[dict]:
    return [p for p in tx.list_owned(job["metadata"]["uid"]) if p.get("kind") == "Pod"]


def _delete_pods(tx: Tx, job: dict, pods: list[dict]) -> None:
    for p in pods:
        md = p["metadata"]
        if md.get("finalizers"):
            md["finalizers"] = [f for f in md["finalizers"] if f != TRACKING] or None
            if md["finalizers"] is None:
                del md["finalizers"]
        pipeline.delete(tx, "", "Pod", md["namespace"], md["name"])
        tx.record_event(job, "Normal", "SuccessfulDelete", f"Deleted pod: {md['name']}", COMPONENT)


def sync(tx: Tx, k: Key) -> None:
    job = tx.get_key(k)
    if job is None:
        return
    now_dt = tx.env.now()
    now = format_time(now_dt)
    if is_finished(job):
        _ttl(tx, job, now_dt)
        return
    spec = job.get("spec") or {}
    st = job.setdefault("status", {})
    before = copy.deepcopy(st)
    indexed = spec.get("completionMode") == "Indexed"
    completions = spec.get("completions")
    parallelism = int(spec.get("parallelism", 1) if spec.get("parallelism") is not None else 1)
    backoff_limit = int(spec.get("backoffLimit", 6) if spec.get("backoffLimit") is not None else 6)
    restart_policy = ((spec.get("template") or {}).get("spec") or {}).get("restartPolicy")
    suspended = bool(spec.get("suspend"))
    wakes: list[datetime] = []

    pods = owned_pods(tx, job)
    # Count pods that finished since the last sync, and release them (the tracking finalizer).
    succeeded = int(st.get("succeeded", 0))
    failed = int(st.get("failed", 0))
    done_idx = parse_indexes(st.get("completedIndexes"))
    for p in pods:
        phase = (p.get("status") or {}).get("phase")
        if phase not in ("Succeeded", "Failed") or TRACKING not in (p["metadata"].get("finalizers") or []):
            continue
        if phase == "Succeeded":
            if indexed:
                ix = _index_of(p)
                if ix is not None and completions is not None and ix < int(completions):
                    done_idx.add(ix)
            else:
                succeeded += 1
        else:
            failed += 1
        p["metadata"]["finalizers"] = [f for f in p["metadata"]["finalizers"] if f != TRACKING]
        if not p["metadata"]["finalizers"]:
            del p["metadata"]["finalizers"]
        tx.update(p)
    if indexed:
        succeeded = len(done_idx)
    active = [p for p in pods if is_active(p)]

    if st.get("startTime") is None and not suspended:
        st["startTime"] = now

    failure: tuple[str, str] | None = None
    if failed > backoff_limit or _past_backoff_on_failure(restart_policy, backoff_limit, active):
        failure = ("BackoffLimitExceeded", "Job has reached the specified backoff limit")
    elif spec.get("activeDeadlineSeconds") is not None and st.get("startTime") and not suspended:
        deadline = parse_time(st["startTime"]) + timedelta(seconds=int(spec["activeDeadlineSeconds"]))
        if now_dt >= deadline:
            failure = ("DeadlineExceeded", "Job was active longer than specified deadline")
        else:
            wakes.append(deadline)

    complete = False
    if failure is not None:
        _delete_pods(tx, job, active)
        failed += len(active)
        active = []
    elif suspended:
        _delete_pods(tx, job, active)
        active = []
        if _set_cond(st, _new_cond("Suspended", "JobSuspended", "Job suspended", now)):
            tx.record_event(job, "Normal", "Suspended", "Job suspended", COMPONENT)
    else:
        susp = _cond(job, "Suspended")
        if susp is not None and susp.get("status") == "True":
            _set_cond(st, _new_cond("Suspended", "JobResumed", "Job resumed", now, status="False"))
            tx.record_event(job, "Normal", "Resumed", "Job resumed", COMPONENT)
            st["startTime"] = now
            if spec.get("activeDeadlineSeconds") is not None:
                wakes.append(now_dt + timedelta(seconds=int(spec["activeDeadlineSeconds"])))
        if completions is None:
            want = 0 if succeeded > 0 else parallelism
        else:
            want = max(0, min(parallelism, int(completions) - succeeded))
        missing = want - len(active)
        if missing > 0:
            delay_until = _backoff_until(pods)
            if delay_until is not None and delay_until > now_dt:
                wakes.append(delay_until)
            else:
                if indexed:
                    busy = {_index_of(p) for p in active}
                    todo = [i for i in range(int(completions or 0)) if i not in done_idx and i not in busy]
                    for i in todo[:missing]:
                        active.append(_create_pod(tx, job, i))
                else:
                    for _ in range(missing):
                        active.append(_create_pod(tx, job, None))
        elif missing < 0 and not indexed:
            victims = sorted(active, key=lambda p: (is_ready(p), p["metadata"].get("creationTimestamp", "")))[:-missing]
            _delete_pods(tx, job, victims)
            names = {v["metadata"]["name"] for v in victims}
            active = [p for p in active if p["metadata"]["name"] not in names]
        if completions is None:
            complete = succeeded > 0 and not active
        else:
            complete = succeeded >= int(completions) and not active

    job = tx.get_key(k) or job
    job["status"] = st
    for key, val in (("succeeded", succeeded), ("failed", failed), ("active", len(active))):
        if val:
            st[key] = val
        else:
            st.pop(key, None)
    if indexed and done_idx:
        st["completedIndexes"] = format_indexes(done_idx)
    st["ready"] = sum(1 for p in active if is_ready(p))
    st["terminating"] = 0
    st["uncountedTerminatedPods"] = {}
    if failure is not None:
        reason, message = failure
        _set_cond(st, _new_cond("FailureTarget", reason, message, now))
        _set_cond(st, _new_cond("Failed", reason, message, now))
        tx.record_event(job, "Warning", reason, message, COMPONENT)
    elif complete:
        _set_cond(st, _new_cond("SuccessCriteriaMet", "CompletionsReached", DONE_MESSAGE, now))
        _set_cond(st, _new_cond("Complete", "CompletionsReached", DONE_MESSAGE, now))
        st["completionTime"] = now
        tx.record_event(job, "Normal", "Completed", "Job completed", COMPONENT)
    if st != before:
        tx.update(job)
    if is_finished(job):
        _ttl(tx, job, now_dt)
        return
    if wakes:
        tx.wake_at(k, format_time(min(wakes)))


def _past_backoff_on_failure(policy: str | None, limit: int, active: list[dict]) -> bool:
    if policy != "OnFailure":
        return False
    restarts = sum(int(cs.get("restartCount", 0))
                   for p in active for cs in ((p.get("status") or {}).get("containerStatuses") or [])
                   + ((p.get("status") or {}).get("initContainerStatuses") or []))
    return restarts > 0 if limit == 0 else restarts >= limit


def _backoff_until(pods: list[dict]) -> datetime | None:
    """When the controller may replace failed pods: 10s after the last failure, doubling per failure since the
    last success, at most 10 minutes."""
    last_success = max([_finished_at(p) for p in pods if (p.get("status") or {}).get("phase") == "Succeeded"] or [""])
    failures = sorted(_finished_at(p) for p in pods
                      if (p.get("status") or {}).get("phase") == "Failed" and _finished_at(p) > last_success)
    if not failures:
        return None
    delay = min(POD_BACKOFF * 2 ** (len(failures) - 1), POD_BACKOFF_MAX)
    return parse_time(failures[-1]) + timedelta(seconds=delay)


def _create_pod(tx: Tx, job: dict, index: int | None) -> dict:
    tmpl = copy.deepcopy((job.get("spec") or {}).get("template") or {})
    pmd = tmpl.get("metadata") or {}
    pmd.pop("creationTimestamp", None)
    name = job["metadata"]["name"]
    pmd["generateName"] = f"{name}-" if index is None else f"{name}-{index}-"
    pmd.pop("name", None)
    pmd["namespace"] = job["metadata"]["namespace"]
    pmd["ownerReferences"] = [owner_ref(job)]
    pmd["finalizers"] = [TRACKING]
    pspec = tmpl.get("spec") or {}
    if index is not None:
        pmd.setdefault("annotations", {})[INDEX] = str(index)
        pmd.setdefault("labels", {})[INDEX] = str(index)
        pspec.setdefault("hostname", f"{name}-{index}")
        for c in (pspec.get("initContainers") or []) + (pspec.get("containers") or []):
            env = c.setdefault("env", [])
            if not any(e.get("name") == "JOB_COMPLETION_INDEX" for e in env):
                env.append({"name": "JOB_COMPLETION_INDEX", "valueFrom": {"fieldRef": {
                    "apiVersion": "v1", "fieldPath": f"metadata.annotations['{INDEX}']"}}})
    pod = pipeline.create(tx, {"apiVersion": "v1", "kind": "Pod", "metadata": pmd, "spec": pspec})
    tx.record_event(job, "Normal", "SuccessfulCreate", f"Created pod: {pod['metadata']['name']}", COMPONENT)
    return pod


def _ttl(tx: Tx, job: dict, now: datetime) -> None:
    """The TTL-after-finished controller: a finished Job with ttlSecondsAfterFinished goes when it expires."""
    ttl = (job.get("spec") or {}).get("ttlSecondsAfterFinished")
    done = finish_time(job)
    if ttl is None or not done:
        return
    expire = parse_time(done) + timedelta(seconds=int(ttl))
    md = job["metadata"]
    if now >= expire:
        pipeline.delete(tx, "batch", "Job", md["namespace"], md["name"])
    else:
        tx.wake_at(("batch", "Job", md["namespace"], md["name"]), format_time(expire))
