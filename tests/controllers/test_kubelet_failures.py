"""Kubelet simulation: what a container declares (exit, sleep, failing readiness probe), the registry deny list,
and config references, as input pods -> reconcile/advance -> asserted pod status and events."""

from __future__ import annotations

import copy
import random

import pytest

from pykubectl.controllers import clock, kubelet, reconciler
from pykubectl.env import Env, parse_time
from pykubectl.errors import ClientError
from pykubectl.apiserver import pipeline
from pykubectl.store.store import Store


def open_store(path: str) -> Store:
    env = Env(store_url=path, frozen_now=parse_time("2026-11-22T10:00:00Z"), rand=random.Random("k"))
    return Store.open(env)


def pod(name: str, restart: str = "Always", **container: object) -> dict:
    c = {"name": "app", "image": "busybox:1.36", **container}
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name, "namespace": "default"},
            "spec": {"restartPolicy": restart, "containers": [c]}}


def create(store: Store, obj: dict) -> None:
    with store.transaction() as tx:
        pipeline.create(tx, copy.deepcopy(obj))
    reconciler.reconcile(store)


def get(store: Store, name: str) -> dict:
    with store.read() as tx:
        p = tx.get("", "Pod", "default", name)
    assert p is not None
    return p


def cstatus(store: Store, name: str) -> dict:
    return get(store, name)["status"]["containerStatuses"][0]


def events(store: Store, name: str) -> list[tuple[str, str, int]]:
    p = get(store, name)
    with store.read() as tx:
        return [(e["reason"], e["message"], e["count"]) for e in tx.events_for(p["metadata"]["uid"])]


@pytest.mark.parametrize("words,expected", [
    ([], None), (["nginx"], None), (["false"], 1), (["/bin/true"], 0), (["sh", "-c", "sleep 3; exit 4"], 4),
    (["sh", "-c", "exit"], 0), (["sleep", "infinity"], None),
])
def test_declared_exit(words: list[str], expected: int | None) -> None:
    assert kubelet.declared_exit(words) == expected


def test_behaviour_and_run_time() -> None:
    assert kubelet.behaviour({"command": ["sleep", "90"]}, "Always") == (False, 90, 0)
    assert kubelet.behaviour({"command": ["sleep", "2m"]}, "Never") == (True, 120, 0)
    assert kubelet.behaviour({"args": ["sleep 1h; exit 2"], "command": ["sh", "-c"]}, "Always") == (True, 3600, 2)
    assert kubelet.behaviour({}, "OnFailure") == (True, kubelet.DEFAULT_RUN_SECONDS, 0)


def test_image_denied_matches_written_and_normalized_reference() -> None:
    assert kubelet.image_denied("nginx:1.99", ["nginx:1.99"])
    assert kubelet.image_denied("nginx:1.99", ["docker.io/library/nginx:*"])
    assert kubelet.image_denied("example.com/a/b:v1", ["example.com/*"])
    assert not kubelet.image_denied("nginx:1.25", ["nginx:1.99"])


def test_duration_parse() -> None:
    assert clock.parse_duration("90s") == 90
    assert clock.parse_duration("1h30m") == 5400
    assert clock.parse_duration("2d") == 172800
    with pytest.raises(ClientError):
        clock.parse_duration("2 hours")


def test_go_duration() -> None:
    assert [kubelet.go_duration(s) for s in (10, 80, 300, 3600)] == ["10s", "1m20s", "5m0s", "1h0m0s"]


def test_crash_loop_back_off_doubles_to_five_minutes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    s = open_store(str(tmp_path / "s.db"))
    create(s, pod("c", command=["sh", "-c", "exit 1"]))
    assert get(s, "c")["status"]["phase"] == "Running"
    clock.advance(s, 5)  # first exit: restarted at once
    cs = cstatus(s, "c")
    assert cs["restartCount"] == 1 and "running" in cs["state"]
    assert cs["lastState"]["terminated"]["exitCode"] == 1 and cs["lastState"]["terminated"]["reason"] == "Error"
    clock.advance(s, 5)  # second exit: back-off 10s
    cs = cstatus(s, "c")
    assert cs["state"]["waiting"]["reason"] == "CrashLoopBackOff" and not cs["ready"]
    assert cs["state"]["waiting"]["message"].startswith("back-off 10s restarting failed container=app pod=c_default(")
    # Restarts at 20, 45, 90, 175, 340, then every 305s (5s run + 5m back-off).
    expected = {19: 1, 20: 2, 44: 2, 45: 3, 90: 4, 175: 5, 340: 6, 644: 6, 645: 7, 950: 8}
    now = 10
    for t, restarts in sorted(expected.items()):
        clock.advance(s, t - now)
        now = t
        assert cstatus(s, "c")["restartCount"] == restarts, t
    clock.advance(s, 5)
    assert "5m0s" in cstatus(s, "c")["state"]["waiting"]["message"]
    evs = {r: n for r, _, n in events(s, "c")}
    assert evs["Started"] == 9 and evs["BackOff"] == 8


def test_image_pull_back_off_and_recovery(tmp_path) -> None:  # type: ignore[no-untyped-def]
    s = open_store(str(tmp_path / "s.db"))
    with s.transaction() as tx:
        kubelet.set_deny_list(tx, ["nginx:9.9"])
    create(s, pod("p", image="nginx:9.9"))
    p = get(s, "p")
    assert p["status"]["phase"] == "Pending" and p["status"]["podIP"]
    cs = p["status"]["containerStatuses"][0]
    # At rest a failed pull shows the back-off at once (as the reference cluster's settled pods do); the pull's
    # error is in the events.
    assert cs["state"]["waiting"] == {"message": 'Back-off pulling image "nginx:9.9"', "reason": "ImagePullBackOff"}
    assert cs["imageID"] == ""
    failed = [m for r, m, _ in events(s, "p") if r == "Failed"]
    assert any("docker.io/library/nginx:9.9: not found" in m for m in failed), failed
    assert "Error: ErrImagePull" in failed and "Error: ImagePullBackOff" in failed
    clock.advance(s, 1)
    # Pull attempts at 0, 10, 30, 70, 150s.
    clock.advance(s, 150 - 1)
    pulls = [n for r, m, n in events(s, "p") if r == "Pulling"]
    assert pulls == [5]
    with s.transaction() as tx:
        kubelet.set_deny_list(tx, [])
    clock.advance(s, 1)
    assert cstatus(s, "p")["state"]["waiting"]["reason"] == "ImagePullBackOff"  # the next retry is at 310s
    clock.advance(s, 160)
    cs = cstatus(s, "p")
    assert "running" in cs["state"] and cs["ready"] and get(s, "p")["status"]["phase"] == "Running"


def test_job_style_pod_terminates(tmp_path) -> None:  # type: ignore[no-untyped-def]
    s = open_store(str(tmp_path / "s.db"))
    create(s, pod("ok", restart="Never", command=["sleep", "7"]))
    create(s, pod("bad", restart="Never", command=["sh", "-c", "sleep 7; exit 5"]))
    clock.advance(s, 7)
    ok, bad = get(s, "ok"), get(s, "bad")
    assert ok["status"]["phase"] == "Succeeded" and bad["status"]["phase"] == "Failed"
    assert bad["status"]["containerStatuses"][0]["state"]["terminated"]["exitCode"] == 5
    ready = next(c for c in ok["status"]["conditions"] if c["type"] == "Ready")
    assert (ready["status"], ready["reason"]) == ("False", "PodCompleted")
    ready = next(c for c in bad["status"]["conditions"] if c["type"] == "Ready")
    assert (ready["status"], ready["reason"]) == ("False", "PodFailed")


def test_failing_readiness_probe(tmp_path) -> None:  # type: ignore[no-untyped-def]
    s = open_store(str(tmp_path / "s.db"))
    create(s, pod("r", readinessProbe={"exec": {"command": ["false"]}}))
    p = get(s, "r")
    assert p["status"]["phase"] == "Running"
    assert not p["status"]["containerStatuses"][0]["ready"]
    ready = next(c for c in p["status"]["conditions"] if c["type"] == "Ready")
    assert (ready["status"], ready["reason"], ready["message"]) == ("False", "ContainersNotReady",
                                                                     "containers with unready status: [app]")


def test_config_reference_waits_and_recovers(tmp_path) -> None:  # type: ignore[no-untyped-def]
    s = open_store(str(tmp_path / "s.db"))
    env = [{"name": "A", "valueFrom": {"configMapKeyRef": {"name": "cfg", "key": "a"}}},
           {"name": "B", "valueFrom": {"secretKeyRef": {"name": "nope", "key": "b", "optional": True}}}]
    create(s, pod("w", env=env))
    cs = cstatus(s, "w")
    assert cs["state"]["waiting"] == {"message": 'configmap "cfg" not found', "reason": "CreateContainerConfigError"}
    create(s, {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cfg", "namespace": "default"},
               "data": {"z": "1"}})
    assert cstatus(s, "w")["state"]["waiting"]["message"] == "couldn't find key a in ConfigMap default/cfg"
    with s.transaction() as tx:
        cm = tx.get("", "ConfigMap", "default", "cfg")
        cm["data"]["a"] = "1"
        tx.update(cm)
    reconciler.reconcile(s)
    cs = cstatus(s, "w")
    assert "running" in cs["state"] and cs["ready"]
    fails = [m for r, m, _ in events(s, "w") if r == "Failed"]
    assert fails == ['Error: configmap "cfg" not found', "Error: couldn't find key a in ConfigMap default/cfg"]


def test_missing_volume_source_keeps_container_creating(tmp_path) -> None:  # type: ignore[no-untyped-def]
    s = open_store(str(tmp_path / "s.db"))
    p = pod("v", volumeMounts=[{"name": "s", "mountPath": "/s"}])
    p["spec"]["volumes"] = [{"name": "s", "secret": {"secretName": "tls"}}]
    create(s, p)
    got = get(s, "v")
    assert got["status"]["phase"] == "Pending" and "podIP" not in got["status"]
    assert got["status"]["containerStatuses"][0]["state"]["waiting"] == {"reason": "ContainerCreating"}
    assert events(s, "v")[-1][:2] == ("FailedMount", 'MountVolume.SetUp failed for volume "s" : secret "tls" not found')
    create(s, {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "tls", "namespace": "default"},
               "data": {"k": "dg=="}})
    assert get(s, "v")["status"]["phase"] == "Running"


def test_failing_liveness_probe_restarts_the_container(tmp_path) -> None:  # type: ignore[no-untyped-def]
    s = open_store(str(tmp_path / "s.db"))
    create(s, pod("l", livenessProbe={"exec": {"command": ["sh", "-c", "exit 1"]}, "periodSeconds": 5}))
    clock.advance(s, 14)
    assert cstatus(s, "l")["restartCount"] == 0
    clock.advance(s, 1)  # killed after 3 failed probes 5s apart, restarted at once the first time
    cs = cstatus(s, "l")
    assert cs["restartCount"] == 1 and cs["lastState"]["terminated"]["exitCode"] == 137
    reasons = [r for r, _, _ in events(s, "l")]
    assert "Killing" in reasons and "Unhealthy" in reasons
    clock.advance(s, 15)
    assert cstatus(s, "l")["state"]["waiting"]["reason"] == "CrashLoopBackOff"


def test_rollout_to_unpullable_image_stalls_then_exceeds_its_deadline(tmp_path) -> None:  # type: ignore[no-untyped-def]
    s = open_store(str(tmp_path / "s.db"))
    d = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "default"},
         "spec": {"replicas": 4, "selector": {"matchLabels": {"app": "web"}},
                  "template": {"metadata": {"labels": {"app": "web"}},
                               "spec": {"containers": [{"name": "c", "image": "nginx:1.25"}]}}}}
    create(s, d)
    with s.transaction() as tx:
        kubelet.set_deny_list(tx, ["nginx:1.99"])
        old = tx.get("apps", "Deployment", "default", "web")
        new = copy.deepcopy(old)
        new["spec"]["template"]["spec"]["containers"][0]["image"] = "nginx:1.99"
        pipeline.update(tx, new, old)
    reconciler.reconcile(s)

    def status() -> dict:
        with s.read() as tx:
            return tx.get("apps", "Deployment", "default", "web")["status"]

    def progressing() -> tuple[str, str]:
        c = next(c for c in status()["conditions"] if c["type"] == "Progressing")
        return c["status"], c["reason"]

    # maxSurge 1, maxUnavailable 1: one old pod goes, two new ones wait for their image; three keep serving.
    assert (status()["updatedReplicas"], status()["availableReplicas"], status()["replicas"]) == (2, 3, 5)
    clock.advance(s, 599)
    assert progressing() == ("True", "ReplicaSetUpdated")
    assert (status()["updatedReplicas"], status()["availableReplicas"]) == (2, 3)
    clock.advance(s, 1)
    assert progressing() == ("False", "ProgressDeadlineExceeded")
    with s.transaction() as tx:
        kubelet.set_deny_list(tx, [])
    clock.advance(s, 300)  # the next pull retry succeeds: the rollout finishes
    assert progressing() == ("True", "NewReplicaSetAvailable")
    assert (status()["updatedReplicas"], status()["availableReplicas"]) == (4, 4)
