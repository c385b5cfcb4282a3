"""CronJob controller (the v2 controller's behaviour): at each scheduled time (standard 5-field cron or
``@hourly``-style macros, in ``spec.timeZone`` or UTC) it creates a Job ``<cronjob>-<scheduled minutes since the
epoch>`` from the job template, honouring suspend, concurrencyPolicy (Allow/Forbid/Replace) and
startingDeadlineSeconds; it tracks active Jobs, lastScheduleTime and lastSuccessfulTime, and deletes finished Jobs
beyond the history limits. The next scheduled time is a wake-up of the CronJob's key."""

from __future__ import annotations

import copy
from datetime import date, datetime, timedelta, timezone, tzinfo

from ..env import format_time, parse_time
from ..errors import AlreadyExists
from ..records import FrozenRecord
from ..apiserver import pipeline
from ..store.store import Key, Tx

COMPONENT = "cronjob-controller"
SCHEDULED_ANNOTATION = "batch.kubernetes.io/cronjob-scheduled-timestamp"
MAX_MISSED = 100

# ---- cron schedules ----------------------------------------------------------------------------------------------

MACROS = {
    "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *", "@weekly": "0 0 * * 0",
    "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
}
_MONTHS = {m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())}
_DAYS = {d: i for i, d in enumerate("sun mon tue wed thu fri sat".split())}


class CronError(ValueError):
    pass


class Schedule(FrozenRecord):
    __slots__ = _fields = ("minutes", "hours", "doms", "months", "dows", "dom_star", "dow_star")
    minutes: frozenset[int]
    hours: frozenset[int]
    doms: frozenset[int]
    months: frozenset[int]
    dows: frozenset[int]
    dom_star: bool
    dow_star: bool

    def __init__(self, minutes: frozenset[int], hours: frozenset[int], doms: frozenset[int], months: frozenset[int],
                 dows: frozenset[int], dom_star: bool, dow_star: bool):
        for name, value in zip(self._fields, (minutes, hours, doms, months, dows, dom_star, dow_star)):
            object.__setattr__(self, name, value)

    def day_matches(self, d: date) -> bool:
        if d.month not in self.months:
            return False
        dom = d.day in self.doms
        dow = (d.isoweekday() % 7) in self.dows
        # As robfig/cron: a star in either day field means both must match, otherwise either may.
        if self.dom_star or self.dow_star:
            return dom and dow
        return dom or dow


def _field(expr: str, lo: int, hi: int, names: dict[str, int] | None) -> tuple[set[int], bool]:
    out: set[int] = set()
    star = False
    for part in expr.split(","):
        if not part:
            raise CronError(f"failed to parse int from {expr}")
        rng, _, step_s = part.partition("/")
        step = 1
        if step_s:
            if not step_s.isdigit() or int(step_s) == 0:
                raise CronError(f"failed to parse int from {step_s}")
            step = int(step_s)

        def num(s: str) -> int:
            if names and s.lower() in names:
                return names[s.lower()]
            if not s.isdigit():
                raise CronError(f"failed to parse int from {s}")
            return int(s)

        if rng in ("*", "?"):
            a, b = lo, hi
            star = star or step == 1
        elif "-" in rng:
            x, y = rng.split("-", 1)
            a, b = num(x), num(y)
        else:
            a = num(rng)
            b = hi if step_s else a
        if names is _DAYS and b == 7:
            b = 6 if a <= 6 else 7
            if a == 7:
                a = b = 0
        if a < lo or b > hi:
            raise CronError(f"end of range ({b}) above maximum ({hi}): {part}" if b > hi
                            else f"beginning of range ({a}) below minimum ({lo}): {part}")
        if a > b:
            raise CronError(f"beginning of range ({a}) beyond end of range ({b}): {part}")
        out.update(range(a, b + 1, step))
    return out, star


def parse_schedule(text: str) -> Schedule:
    s = text.strip()
    s = MACROS.get(s.lower(), s)
    fields = s.split()
    if len(fields) != 5:
        raise CronError(f"expected exactly 5 fields, found {len(fields)}: {text}")
    minutes, _ = _field(fields[0], 0, 59, None)
    hours, _ = _field(fields[1], 0, 23, None)
    doms, dom_star = _field(fields[2], 1, 31, None)
    months, _ = _field(fields[3], 1, 12, _MONTHS)
    dows, dow_star = _field(fields[4], 0, 7, _DAYS)
    if 7 in dows:
        dows = (dows - {7}) | {0}
    return Schedule(frozenset(minutes), frozenset(hours), frozenset(doms), frozenset(months), frozenset(dows),
                    dom_star, dow_star)


def _zone(name: str | None) -> tzinfo:
    if not name:
        return timezone.utc
    from zoneinfo import ZoneInfo

    try:
        return ZoneInfo(name)
    except Exception:  # noqa: BLE001 - validation rejects unknown zones; be safe with stored ones
        return timezone.utc


def next_after(sched: Schedule, t: datetime, tz: tzinfo) -> datetime | None:
    """The first scheduled time strictly after ``t`` (UTC in, UTC out); None if none within five years."""
    local = t.astimezone(tz)
    day = local.date()
    hours = sorted(sched.hours)
    minutes = sorted(sched.minutes)
    for _ in range(366 * 5):
        if sched.day_matches(day):
            for h in hours:
                for m in minutes:
                    cand = datetime(day.year, day.month, day.day, h, m, tzinfo=tz).astimezone(timezone.utc)
                    if cand > t:
                        return cand
        day += timedelta(days=1)
    return None


# ---- the controller ----------------------------------------------------------------------------------------------

def _job_finished_type(job: dict) -> str | None:
    for c in (job.get("status") or {}).get("conditions") or []:
        if c.get("type") in ("Complete", "Failed") and c.get("status") == "True":
            return c["type"]
    return None


def _ref(job: dict) -> dict:
    md = job["metadata"]
    return {"apiVersion": "batch/v1", "kind": "Job", "name": md["name"], "namespace": md["namespace"],
            "resourceVersion": md.get("resourceVersion"), "uid": md["uid"]}


def sync(tx: Tx, k: Key) -> None:
    cj = tx.get_key(k)
    if cj is None:
        return
    now = tx.env.now()
    spec = cj.get("spec") or {}
    # The API server always returns a status (a struct, not a pointer): `status: {}` before the first run.
    before = copy.deepcopy(cj.get("status"))
    st = cj.setdefault("status", {})
    jobs = [j for j in tx.list_owned(cj["metadata"]["uid"]) if j.get("kind") == "Job"]
    by_uid = {j["metadata"]["uid"]: j for j in jobs}

    # Active list: drop Jobs that finished or went away; note the completions.
    active = []
    for ref in st.get("active") or []:
        j = by_uid.get(ref.get("uid"))
        if j is None:
            continue
        done = _job_finished_type(j)
        if done is None:
            active.append(ref)
            continue
        tx.record_event(cj, "Normal", "SawCompletedJob", f"Saw completed job: {j['metadata']['name']}, condition: {done}",
                        COMPONENT)
        if done == "Complete":
            ct = (j.get("status") or {}).get("completionTime")
            if ct and (not st.get("lastSuccessfulTime") or ct > st["lastSuccessfulTime"]):
                st["lastSuccessfulTime"] = ct
    # A running Job it owns but did not start (`create job --from=cronjob/x`) is not adopted into the active list,
    # as the controller leaves it (it only warns "UnexpectedJob").

    next_wake: datetime | None = None
    try:
        sched = parse_schedule(str(spec.get("schedule") or ""))
    except CronError as e:
        sched = None
        tx.record_event(cj, "Warning", "UnparseableSchedule", f"unparseable schedule: {spec.get('schedule')!r} : {e}",
                        COMPONENT)
    tz = _zone(spec.get("timeZone"))
    if sched is not None and not cj["metadata"].get("deletionTimestamp"):
        nxt = next_after(sched, now, tz)
        next_wake = nxt
        if not spec.get("suspend"):
            active = _schedule(tx, cj, sched, tz, now, active, jobs)

    st["active"] = active
    if not st["active"]:
        del st["active"]
    cj = _cleanup(tx, cj, jobs, by_uid)
    cur = tx.get_key(k) or cj
    cur["status"] = st
    if st != before:
        tx.update(cur)
    if next_wake is not None:
        tx.wake_at(k, format_time(next_wake))


def _schedule(tx: Tx, cj: dict, sched: Schedule, tz: tzinfo, now: datetime, active: list[dict],
              jobs: list[dict]) -> list[dict]:
    spec = cj["spec"]
    st = cj["status"]
    last = st.get("lastScheduleTime") or cj["metadata"].get("creationTimestamp")
    earliest = parse_time(last) if last else now
    sds = spec.get("startingDeadlineSeconds")
    if sds is not None:
        earliest = max(earliest, now - timedelta(seconds=int(sds)))
    # The most recent scheduled time not yet run (only the latest missed one starts, as the controller does).
    t = earliest
    scheduled: datetime | None = None
    missed = 0
    while True:
        n = next_after(sched, t, tz)
        if n is None or n > now:
            break
        scheduled = n
        missed += 1
        t = n
        if missed > 100_000:
            break
    if scheduled is None:
        return active
    if missed > MAX_MISSED:
        tx.record_event(cj, "Warning", "TooManyMissedTimes",
                        "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew",
                        COMPONENT)
    if sds is not None and scheduled + timedelta(seconds=int(sds)) < now:
        tx.record_event(cj, "Warning", "MissSchedule",
                        f"Missed scheduled time to start a job: {scheduled.strftime('%a, %d %b %Y %H:%M:%S +0000')}",
                        COMPONENT)
        return active
    policy = spec.get("concurrencyPolicy") or "Allow"
    if active and policy == "Forbid":
        tx.record_event(cj, "Normal", "JobAlreadyActive",
                        "Not starting job because prior execution is running and concurrency policy is Forbid",
                        COMPONENT)
        return active
    if active and policy == "Replace":
        for ref in active:
            j = tx.get("batch", "Job", ref["namespace"], ref["name"])
            if j is None:
                continue
            pipeline.delete(tx, "batch", "Job", ref["namespace"], ref["name"])
            tx.record_event(cj, "Normal", "SuccessfulDelete", f"Deleted job {ref['name']}", COMPONENT)
        active = []
    name = f"{cj['metadata']['name']}-{int(scheduled.timestamp()) // 60}"
    jt = copy.deepcopy(spec.get("jobTemplate") or {})
    jmd = jt.get("metadata") or {}
    jmd.pop("creationTimestamp", None)
    labels = dict(jmd.get("labels") or {})
    annotations = dict(jmd.get("annotations") or {})
    annotations[SCHEDULED_ANNOTATION] = scheduled.astimezone(tz).isoformat().replace("+00:00", "Z")
    job = {
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": {
            "annotations": annotations,
            **({"labels": labels} if labels else {}),
            "name": name,
            "namespace": cj["metadata"]["namespace"],
            "ownerReferences": [{"apiVersion": "batch/v1", "blockOwnerDeletion": True, "controller": True,
                                 "kind": "CronJob", "name": cj["metadata"]["name"], "uid": cj["metadata"]["uid"]}],
        },
        "spec": jt.get("spec") or {},
    }
    st["lastScheduleTime"] = format_time(scheduled)
    try:
        created = pipeline.create(tx, job)
    except AlreadyExists:
        return active
    tx.record_event(cj, "Normal", "SuccessfulCreate", f"Created job {name}", COMPONENT)
    created = tx.get("batch", "Job", created["metadata"]["namespace"], name) or created
    return active + [_ref(created)]


def _cleanup(tx: Tx, cj: dict, jobs: list[dict], by_uid: dict[str, dict]) -> dict:
    spec = cj.get("spec") or {}
    for kind, limit_key in (("Complete", "successfulJobsHistoryLimit"), ("Failed", "failedJobsHistoryLimit")):
        limit = spec.get(limit_key)
        if limit is None:
            continue
        done = [j for j in jobs if _job_finished_type(j) == kind and tx.get("batch", "Job", j["metadata"]["namespace"],
                                                                           j["metadata"]["name"]) is not None]
        if len(done) <= int(limit):
            continue
        done.sort(key=lambda j: ((j.get("status") or {}).get("startTime") or j["metadata"].get("creationTimestamp", ""),
                                 j["metadata"]["name"]))
        for j in done[: len(done) - int(limit)]:
            pipeline.delete(tx, "batch", "Job", j["metadata"]["namespace"], j["metadata"]["name"])
            tx.record_event(cj, "Normal", "SuccessfulDelete", f"Deleted job {j['metadata']['name']}", COMPONENT)
    return cj

