"""Job controller: input objects -> reconcile (and simulated time) -> asserted output objects; and a Hypothesis
property over random Jobs: counters stay within what completions, parallelism and backoffLimit allow, and a
finished Job carries exactly one terminal condition."""

from __future__ import annotations

import copy
import random
import tempfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pykubectl.controllers import clock, reconciler
from pykubectl.env import Env, parse_time
from pykubectl.apiserver import pipeline
from pykubectl.store.store import Store

NOW = "2026-11-22T10:00:00Z"


def open_store(path: str, seed: str = "1") -> Store:
    env = Env(store_url=path, frozen_now=parse_time(NOW), rand=random.Random(seed))
    return Store.open(env)


def job(name: str = "work", command: list[str] | None = None, policy: str = "Never", **spec: object) -> dict:
    c: dict = {"name": "main", "image": "busybox:1.36"}
    if command is not None:
        c["command"] = command
    return {
        "apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": name, "namespace": "default"},
        "spec": {**spec, "template": {"spec": {"restartPolicy": policy, "containers": [c]}}},
    }


def create(store: Store, obj: dict) -> None:
    with store.transaction() as tx:
        pipeline.create(tx, copy.deepcopy(obj))
    reconciler.reconcile(store)


def patch_spec(store: Store, name: str, **changes: object) -> None:
    with store.transaction() as tx:
        old = tx.get("batch", "Job", "default", name)
        assert old is not None
        new = copy.deepcopy(old)
        new["spec"].update(changes)
        pipeline.update(tx, new, old)
    reconciler.reconcile(store)


def get_job(store: Store, name: str = "work") -> dict | None:
    with store.read() as tx:
        return tx.get("batch", "Job", "default", name)


def pods(store: Store, name: str = "work") -> list[dict]:
    with store.read() as tx:
        return tx.list("", "Pod", "default", match_labels={"batch.kubernetes.io/job-name": name})


def cond_types(j: dict) -> list[tuple[str, str, str]]:
    return [(c["type"], c["status"], c.get("reason", "")) for c in j["status"].get("conditions") or []]


def rv(store: Store) -> str:
    with store.read() as tx:
        return tx.meta_get("rv") or ""


def test_defaults_selector_and_pod_shape(tmp_path) -> None:  # type: ignore[no-untyped-def]
    s = open_store(str(tmp_path / "s.db"))
    create(s, job())
    j = get_job(s)
    assert j is not None
    uid = j["metadata"]["uid"]
    assert j["spec"]["selector"] == {"matchLabels": {"batch.kubernetes.io/controller-uid": uid}}
    assert j["spec"]["template"]["metadata"]["labels"]["job-name"] == "work"
    assert (j["spec"]["completions"], j["spec"]["parallelism"], j["spec"]["backoffLimit"]) == (1, 1, 6)
    assert j["status"] == {"active": 1, "ready": 1, "startTime": NOW, "terminating": 0,
                           "uncountedTerminatedPods": {}}
    [p] = pods(s)
    md = p["metadata"]
    assert md["name"].startswith("work-") and len(md["name"]) == len("work-") + 5
    assert md["finalizers"] == ["batch.kubernetes.io/job-tracking"]
    assert md["ownerReferences"][0]["kind"] == "Job" and md["ownerReferences"][0]["uid"] == uid
    assert md["labels"]["batch.kubernetes.io/controller-uid"] == uid
    assert p["status"]["phase"] == "Running"


def test_completes_after_run_time_and_second_reconcile_writes_nothing(tmp_path) -> None:  # type: ignore[no-untyped-def]
    s = open_store(str(tmp_path / "s.db"))
    create(s, job(command=["sh", "-c", "sleep 30"]))
    clock.advance(s, 29)
    assert get_job(s)["status"].get("succeeded") is None  # type: ignore[index]
    clock.advance(s, 1)
    j = get_job(s)
    assert j is not None
    assert j["status"]["succeeded"] == 1 and "active" not in j["status"]
    assert j["status"]["completionTime"] == "2026-11-22T10:00:30Z"
    assert cond_types(j) == [("SuccessCriteriaMet", "True", "CompletionsReached"),
                             ("Complete", "True", "CompletionsReached")]
    [p] = pods(s)
    assert p["status"]["phase"] == "Succeeded"
    assert "finalizers" not in p["metadata"]
    term = p["status"]["containerStatuses"][0]["state"]["terminated"]
    assert (term["exitCode"], term["reason"]) == (0, "Completed")
    before = rv(s)
    reconciler.reconcile(s)
    clock.advance(s, 3600)
    assert rv(s) == before


def test_failures_retry_with_backoff_until_limit(tmp_path) -> None:  # type: ignore[no-untyped-def]
    s = open_store(str(tmp_path / "s.db"))
    create(s, job(command=["sh", "-c", "exit 3"], backoffLimit=2))
    clock.advance(s, 5)  # first pod fails at 5s
    assert len(pods(s)) == 1 and get_job(s)["status"]["failed"] == 1  # type: ignore[index]
    clock.advance(s, 9)  # the replacement waits 10s
    assert len(pods(s)) == 1
    clock.advance(s, 1)
    assert len(pods(s)) == 2
    clock.advance(s, 5 + 19)  # second failure at 20s, next pod only after 20s more
    assert len(pods(s)) == 2
    clock.advance(s, 1)
    assert len(pods(s)) == 3
    clock.advance(s, 5)
    j = get_job(s)
    assert j is not None
    assert j["status"]["failed"] == 3 and "completionTime" not in j["status"]
    assert cond_types(j) == [("FailureTarget", "True", "BackoffLimitExceeded"), ("Failed", "True", "BackoffLimitExceeded")]
    assert all(p["status"]["phase"] == "Failed" for p in pods(s))
    clock.advance(s, 600)
    assert len(pods(s)) == 3


def test_on_failure_counts_restarts_and_deletes_the_pod(tmp_path) -> None:  # type: ignore[no-untyped-def]
    s = open_store(str(tmp_path / "s.db"))
    create(s, job(command=["false"], policy="OnFailure", backoffLimit=2))
    clock.advance(s, 10)  # exit at 5s -> restart at once (1); exit at 10s -> back-off
    [p] = pods(s)
    assert p["status"]["containerStatuses"][0]["restartCount"] == 1
    assert p["status"]["containerStatuses"][0]["state"]["waiting"]["reason"] == "CrashLoopBackOff"
    clock.advance(s, 10)  # restarted at 20s: two restarts reach backoffLimit 2
    assert pods(s) == []
    j = get_job(s)
    assert j is not None and j["status"]["failed"] == 1
    assert ("Failed", "True", "BackoffLimitExceeded") in cond_types(j)


def test_parallelism_and_completions(tmp_path) -> None:  # type: ignore[no-untyped-def]
    s = open_store(str(tmp_path / "s.db"))
    create(s, job(completions=5, parallelism=2))
    assert len(pods(s)) == 2
    clock.advance(s, 5)
    assert get_job(s)["status"]["succeeded"] == 2 and len(pods(s)) == 4  # type: ignore[index]
    clock.advance(s, 5)
    assert get_job(s)["status"]["succeeded"] == 4 and len(pods(s)) == 5  # type: ignore[index]
    clock.advance(s, 5)
    j = get_job(s)
    assert j is not None and j["status"]["succeeded"] == 5 and len(pods(s)) == 5
    assert ("Complete", "True", "CompletionsReached") in cond_types(j)


def test_work_queue_job_without_completions(tmp_path) -> None:  # type: ignore[no-untyped-def]
    s = open_store(str(tmp_path / "s.db"))
    create(s, job(parallelism=3))
    j = get_job(s)
    assert j is not None and "completions" not in j["spec"] and len(pods(s)) == 3
    clock.advance(s, 5)
    j = get_job(s)
    assert j is not None and j["status"]["succeeded"] == 3 and len(pods(s)) == 3
    assert ("Complete", "True", "CompletionsReached") in cond_types(j)


def test_indexed_pods(tmp_path) -> None:  # type: ignore[no-untyped-def]
    s = open_store(str(tmp_path / "s.db"))
    create(s, job(completions=3, parallelism=2, completionMode="Indexed"))
    ps = sorted(pods(s), key=lambda p: p["metadata"]["name"])
    assert [p["metadata"]["annotations"]["batch.kubernetes.io/job-completion-index"] for p in ps] == ["0", "1"]
    assert [p["metadata"]["labels"]["batch.kubernetes.io/job-completion-index"] for p in ps] == ["0", "1"]
    assert [p["metadata"]["name"][: len("work-0-")] for p in ps] == ["work-0-", "work-1-"]
    assert [p["spec"]["hostname"] for p in ps] == ["work-0", "work-1"]
    assert ps[0]["spec"]["containers"][0]["env"] == [{"name": "JOB_COMPLETION_INDEX", "valueFrom": {"fieldRef": {
        "apiVersion": "v1", "fieldPath": "metadata.annotations['batch.kubernetes.io/job-completion-index']"}}}]
    clock.advance(s, 5)
    j = get_job(s)
    assert j is not None and j["status"]["completedIndexes"] == "0-1" and j["status"]["succeeded"] == 2
    clock.advance(s, 5)
    j = get_job(s)
    assert j is not None and j["status"]["completedIndexes"] == "0-2"
    assert ("Complete", "True", "CompletionsReached") in cond_types(j)


def test_active_deadline(tmp_path) -> None:  # type: ignore[no-untyped-def]
    s = open_store(str(tmp_path / "s.db"))
    create(s, job(command=["sleep", "100"], activeDeadlineSeconds=20))
    clock.advance(s, 19)
    assert len(pods(s)) == 1
    clock.advance(s, 1)
    j = get_job(s)
    assert j is not None and pods(s) == []
    assert cond_types(j) == [("FailureTarget", "True", "DeadlineExceeded"), ("Failed", "True", "DeadlineExceeded")]
    assert j["status"]["conditions"][1]["message"] == "Job was active longer than specified deadline"


def test_suspend_and_resume(tmp_path) -> None:  # type: ignore[no-untyped-def]
    s = open_store(str(tmp_path / "s.db"))
    create(s, job(command=["sleep", "10"], suspend=True))
    j = get_job(s)
    assert j is not None and pods(s) == [] and "startTime" not in j["status"]
    assert cond_types(j) == [("Suspended", "True", "JobSuspended")]
    clock.advance(s, 60)
    assert pods(s) == []
    patch_spec(s, "work", suspend=False)
    j = get_job(s)
    assert j is not None and len(pods(s)) == 1
    assert cond_types(j) == [("Suspended", "False", "JobResumed")]
    assert j["status"]["startTime"] == "2026-11-22T10:01:00Z"
    patch_spec(s, "work", suspend=True)
    assert pods(s) == []
    assert cond_types(get_job(s)) == [("Suspended", "True", "JobSuspended")]  # type: ignore[arg-type]


def test_ttl_after_finished_deletes_job_and_pods(tmp_path) -> None:  # type: ignore[no-untyped-def]
    s = open_store(str(tmp_path / "s.db"))
    create(s, job(ttlSecondsAfterFinished=30))
    clock.advance(s, 34)
    assert get_job(s) is not None and len(pods(s)) == 1
    clock.advance(s, 1)
    assert get_job(s) is None and pods(s) == []


def test_events(tmp_path) -> None:  # type: ignore[no-untyped-def]
    s = open_store(str(tmp_path / "s.db"))
    create(s, job(command=["false"], backoffLimit=0))
    clock.advance(s, 5)
    j = get_job(s)
    assert j is not None
    with s.read() as tx:
        evs = [(e["type"], e["reason"], e["message"]) for e in tx.events_for(j["metadata"]["uid"])]
    name = pods(s)[0]["metadata"]["name"]
    assert evs == [("Normal", "SuccessfulCreate", f"Created pod: {name}"),
                   ("Warning", "BackoffLimitExceeded", "Job has reached the specified backoff limit")]


# ---- property ------------------------------------------------------------------------------------------------

actions = st.lists(
    st.one_of(
        st.tuples(st.just("advance"), st.integers(1, 90)),
        st.tuples(st.just("suspend"), st.booleans()),
        st.tuples(st.just("delete-pod"), st.integers(0, 5)),
    ),
    min_size=1, max_size=8,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    completions=st.one_of(st.none(), st.integers(1, 4)),
    parallelism=st.integers(1, 3),
    backoff=st.integers(0, 3),
    policy=st.sampled_from(["Never", "OnFailure"]),
    code=st.sampled_from([0, 0, 1]),
    run=st.integers(1, 20),
    indexed=st.booleans(),
    steps=actions,
)
def test_property_counters_within_limits(completions, parallelism, backoff, policy, code, run, indexed,  # type: ignore[no-untyped-def]
                                         steps) -> None:
    spec: dict = {"parallelism": parallelism, "backoffLimit": backoff}
    if completions is not None:
        spec["completions"] = completions
        if indexed:
            spec["completionMode"] = "Indexed"
    with tempfile.TemporaryDirectory() as d:
        s = open_store(d + "/s.db")
        create(s, job(command=["sh", "-c", f"sleep {run}; exit {code}"], policy=policy, **spec))
        for kind, arg in steps + [("suspend", False), ("advance", 3600)]:
            if kind == "advance":
                clock.advance(s, int(arg))
            elif kind == "suspend":
                j = get_job(s)
                if j is not None and not any(c["type"] in ("Complete", "Failed") for c in j["status"].get("conditions") or []):
                    patch_spec(s, "work", suspend=bool(arg))
            else:
                ps = pods(s)
                if ps:
                    victim = ps[int(arg) % len(ps)]["metadata"]["name"]
                    with s.transaction() as tx:
                        pipeline.delete(tx, "", "Pod", "default", victim)
                    reconciler.reconcile(s)
            _check(s, completions, parallelism, backoff, policy)
        j = get_job(s)
        assert j is not None
        terminal = [c["type"] for c in j["status"].get("conditions") or []
                    if c["type"] in ("Complete", "Failed") and c["status"] == "True"]
        # After an hour with nothing suspended, every such Job has finished, one way only.
        assert len(terminal) == 1
        if terminal == ["Complete"]:
            assert code == 0
        s.close()


def _check(s: Store, completions: int | None, parallelism: int, backoff: int, policy: str) -> None:
    j = get_job(s)
    assert j is not None
    stt = j["status"]
    succeeded, failed = stt.get("succeeded", 0), stt.get("failed", 0)
    active = [p for p in pods(s) if p["status"].get("phase") not in ("Succeeded", "Failed")]
    assert stt.get("active", 0) == len(active) <= parallelism
    assert succeeded <= (completions if completions is not None else parallelism)
    # Failures stop the Job once past backoffLimit; pods running at that moment may fail with it.
    assert failed <= backoff + parallelism
    terminal = [c["type"] for c in stt.get("conditions") or [] if c["type"] in ("Complete", "Failed")]
    assert len(terminal) <= 1
    if terminal:
        assert not active
    if terminal == ["Complete"]:
        assert succeeded == (completions if completions is not None else succeeded) and succeeded >= 1
        assert stt["completionTime"] >= stt["startTime"]
    if terminal == ["Failed"]:
        assert "completionTime" not in stt
