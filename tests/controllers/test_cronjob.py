"""CronJob controller: the cron parser (fields, names, steps, macros, day-of-month/day-of-week semantics, time
zones) and the controller's scheduling, concurrency policies, history limits and deadlines."""

from __future__ import annotations

import copy
import random
from datetime import datetime, timezone

import pytest

from pykubectl.controllers import clock, cronjob, reconciler
from pykubectl.env import Env, parse_time
from pykubectl.apiserver import pipeline
from pykubectl.store.store import Store

UTC = timezone.utc


def nxt(expr: str, after: str, tz: str | None = None) -> str:
    t = cronjob.next_after(cronjob.parse_schedule(expr), parse_time(after), cronjob._zone(tz))
    assert t is not None
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.mark.parametrize("expr,after,expected", [
    ("*/1 * * * *", "2026-11-22T10:00:00Z", "2026-11-22T10:01:00Z"),
    ("*/15 * * * *", "2026-11-22T10:07:30Z", "2026-11-22T10:15:00Z"),
    ("5-10/2 * * * *", "2026-11-22T10:07:00Z", "2026-11-22T10:09:00Z"),
    ("0 9 * * mon-fri", "2026-11-21T10:00:00Z", "2026-11-23T09:00:00Z"),  # Saturday -> Monday
    ("0 0 1 jan,jul *", "2026-02-01T00:00:00Z", "2026-07-01T00:00:00Z"),
    ("@hourly", "2026-11-22T10:00:00Z", "2026-11-22T11:00:00Z"),
    ("@daily", "2026-11-22T10:00:00Z", "2026-11-23T00:00:00Z"),
    ("@weekly", "2026-11-22T10:00:00Z", "2026-11-29T00:00:00Z"),  # Sundays
    ("@monthly", "2026-11-22T10:00:00Z", "2026-12-01T00:00:00Z"),
    ("@yearly", "2026-11-22T10:00:00Z", "2027-01-01T00:00:00Z"),
    ("0 0 * * 7", "2026-11-22T10:00:00Z", "2026-11-29T00:00:00Z"),  # 7 is Sunday too
    # Both day fields restricted: either matches (13th, or a Friday).
    ("0 0 13 * 5", "2026-11-22T10:00:00Z", "2026-11-27T00:00:00Z"),
    # One of them a star: both must match.
    ("0 0 13 * *", "2026-11-22T10:00:00Z", "2026-12-13T00:00:00Z"),
    ("0 0 29 2 *", "2026-11-22T10:00:00Z", "2028-02-29T00:00:00Z"),
])
def test_next_after(expr: str, after: str, expected: str) -> None:
    assert nxt(expr, after) == expected


def test_time_zone() -> None:
    assert nxt("30 2 * * *", "2026-11-22T10:00:00Z", "Asia/Seoul") == "2026-11-22T17:30:00Z"
    # New York in winter is UTC-5, in summer UTC-4.
    assert nxt("0 9 * * *", "2026-01-10T00:00:00Z", "America/New_York") == "2026-01-10T14:00:00Z"
    assert nxt("0 9 * * *", "2026-07-10T00:00:00Z", "America/New_York") == "2026-07-10T13:00:00Z"


@pytest.mark.parametrize("expr", ["* * * *", "61 * * * *", "* 24 * * *", "*/0 * * * *", "a * * * *", "5-2 * * * *"])
def test_bad_schedules(expr: str) -> None:
    with pytest.raises(cronjob.CronError):
        cronjob.parse_schedule(expr)


# ---- the controller ------------------------------------------------------------------------------------------

def open_store(path: str) -> Store:
    env = Env(store_url=path, frozen_now=parse_time("2026-11-22T10:00:00Z"), rand=random.Random("c"))
    return Store.open(env)


def cron(name: str, schedule: str, command: list[str], **spec: object) -> dict:
    return {
        "apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": name, "namespace": "default"},
        "spec": {"schedule": schedule, **spec, "jobTemplate": {"spec": {"template": {"spec": {
            "restartPolicy": "Never", "containers": [{"name": "c", "image": "busybox:1.36", "command": command}]}}}}},
    }


def create(store: Store, obj: dict) -> None:
    with store.transaction() as tx:
        pipeline.create(tx, copy.deepcopy(obj))
    reconciler.reconcile(store)


def jobs(store: Store) -> list[str]:
    with store.read() as tx:
        return [j["metadata"]["name"] for j in tx.list("batch", "Job", "default")]


def get_cj(store: Store, name: str) -> dict:
    with store.read() as tx:
        cj = tx.get("batch", "CronJob", "default", name)
    assert cj is not None
    return cj


def minutes(ts: str) -> int:
    return int(datetime.strptime(ts, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).timestamp()) // 60


def test_fires_names_jobs_and_keeps_history(tmp_path) -> None:  # type: ignore[no-untyped-def]
    s = open_store(str(tmp_path / "s.db"))
    create(s, cron("hello", "*/1 * * * *", ["true"], successfulJobsHistoryLimit=2))
    assert jobs(s) == [] and get_cj(s, "hello")["status"] == {}
    clock.advance(s, 60)
    assert jobs(s) == [f"hello-{minutes('2026-11-22T10:01:00Z')}"]
    first = jobs(s)[0]
    with s.read() as tx:
        j = tx.get("batch", "Job", "default", first)
    assert j["metadata"]["ownerReferences"][0]["kind"] == "CronJob"
    assert j["metadata"]["annotations"] == {"batch.kubernetes.io/cronjob-scheduled-timestamp": "2026-11-22T10:01:00Z"}
    st = get_cj(s, "hello")["status"]
    assert st["lastScheduleTime"] == "2026-11-22T10:01:00Z" and [a["name"] for a in st["active"]] == jobs(s)
    clock.advance(s, 5 * 60 + 30)
    names = jobs(s)
    assert names == [f"hello-{minutes(t)}" for t in ("2026-11-22T10:05:00Z", "2026-11-22T10:06:00Z")]
    st = get_cj(s, "hello")["status"]
    assert st["lastSuccessfulTime"] == "2026-11-22T10:06:05Z" and "active" not in st


def test_forbid_skips_and_replace_replaces(tmp_path) -> None:  # type: ignore[no-untyped-def]
    s = open_store(str(tmp_path / "s.db"))
    create(s, cron("f", "*/5 * * * *", ["sleep", "420"], concurrencyPolicy="Forbid"))
    create(s, cron("r", "*/5 * * * *", ["sleep", "420"], concurrencyPolicy="Replace"))
    clock.advance(s, 15 * 60)
    got = jobs(s)
    # Forbid: 10:05 runs until 10:12, the skipped 10:10 run starts when it ends, 10:15 is skipped again.
    assert [n for n in got if n.startswith("f-")] == [f"f-{minutes('2026-11-22T10:05:00Z')}",
                                                      f"f-{minutes('2026-11-22T10:10:00Z')}"]
    # Replace: only the newest run remains.
    assert [n for n in got if n.startswith("r-")] == [f"r-{minutes('2026-11-22T10:15:00Z')}"]


def test_suspend_and_starting_deadline(tmp_path) -> None:  # type: ignore[no-untyped-def]
    s = open_store(str(tmp_path / "s.db"))
    create(s, cron("late", "0 * * * *", ["true"], suspend=True, startingDeadlineSeconds=60))
    create(s, cron("eager", "0 * * * *", ["true"], suspend=True))
    clock.advance(s, 2 * 3600 + 600)
    assert jobs(s) == []
    for name in ("late", "eager"):
        with s.transaction() as tx:
            old = tx.get("batch", "CronJob", "default", name)
            new = copy.deepcopy(old)
            new["spec"]["suspend"] = False
            pipeline.update(tx, new, old)
        reconciler.reconcile(s)
    # Without a deadline the most recent missed run (12:00) starts at once; with 60s it is too late.
    assert jobs(s) == [f"eager-{minutes('2026-11-22T12:00:00Z')}"]
    clock.advance(s, 3600)
    assert sorted(jobs(s)) == sorted([f"eager-{minutes('2026-11-22T12:00:00Z')}",
                                      f"eager-{minutes('2026-11-22T13:00:00Z')}",
                                      f"late-{minutes('2026-11-22T13:00:00Z')}"])


def test_deleting_cronjob_deletes_its_jobs_and_pods(tmp_path) -> None:  # type: ignore[no-untyped-def]
    s = open_store(str(tmp_path / "s.db"))
    create(s, cron("x", "*/1 * * * *", ["sleep", "300"]))
    clock.advance(s, 180)
    assert len(jobs(s)) == 3
    with s.transaction() as tx:
        pipeline.delete(tx, "batch", "CronJob", "default", "x")
    reconciler.reconcile(s)
    with s.read() as tx:
        assert tx.list("batch", "Job") == [] and tx.list("", "Pod", "default") == []
