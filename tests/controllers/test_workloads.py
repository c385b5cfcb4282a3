"""Controllers: deployments, replica sets, scheduler, kubelet and endpoints converge, and stay converged."""

from __future__ import annotations

import copy
import tempfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pykubectl.controllers import reconciler
from pykubectl.apiserver import pipeline
from pykubectl.store.store import Store

from pykubectl.env import Env, parse_time
import random


def open_store(path: str, seed: str = "1") -> Store:
    env = Env(store_url=path, frozen_now=parse_time("2026-11-22T10:00:00Z"), rand=random.Random(seed))
    return Store.open(env)


def deployment(name: str, replicas: int, image: str = "nginx:1.25", cpu: str | None = None,
               surge: object = "25%", unavailable: object = "25%") -> dict:
    c: dict = {"name": "app", "image": image}
    if cpu:
        c["resources"] = {"requests": {"cpu": cpu}}
    return {
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": name, "namespace": "default"},
        "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": name}},
                 "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": surge, "maxUnavailable": unavailable}},
                 "template": {"metadata": {"labels": {"app": name}}, "spec": {"containers": [c]}}},
    }


def create(store: Store, obj: dict) -> None:
    with store.transaction() as tx:
        pipeline.create(tx, copy.deepcopy(obj))
    reconciler.reconcile(store)


def update_spec(store: Store, name: str, fn) -> None:  # type: ignore[no-untyped-def]
    with store.transaction() as tx:
        old = tx.get("apps", "Deployment", "default", name)
        new = copy.deepcopy(old)
        fn(new)
        pipeline.update(tx, new, old)
    reconciler.reconcile(store)


def pods_of(store: Store, app: str) -> list[dict]:
    with store.read() as tx:
        return tx.list("", "Pod", "default", match_labels={"app": app})


def rv(store: Store) -> str:
    with store.read() as tx:
        return tx.meta_get("rv") or ""


def resync_everything(store: Store) -> None:
    """Enqueue every object and reconcile: a settled store must not change."""
    with store.transaction() as tx:
        keys = [tuple(r) for r in tx.db.execute("SELECT grp, kind, namespace, name FROM objects")]
        reconciler.run(tx, keys)  # type: ignore[arg-type]
        tx.clear_work()
        tx.changed = []


def check_invariants(store: Store) -> None:
    with store.read() as tx:
        uids = {r[0] for r in tx.db.execute("SELECT uid FROM objects")}
        for (body,) in tx.db.execute("SELECT body FROM objects WHERE kind = 'Pod'"):
            import json

            pod = json.loads(body)
            for ref in pod["metadata"].get("ownerReferences") or []:
                assert ref["uid"] in uids, f"pod {pod['metadata']['name']} has no live owner"


def test_deployment_runs_replicas_and_names_follow_kubectl(store: Store) -> None:
    create(store, deployment("web", 3))
    pods = pods_of(store, "web")
    assert len(pods) == 3
    with store.read() as tx:
        d = tx.get("apps", "Deployment", "default", "web")
        rss = tx.list("apps", "ReplicaSet", "default")
    assert d["status"]["readyReplicas"] == 3 and d["status"]["availableReplicas"] == 3
    assert [c["reason"] for c in d["status"]["conditions"]] == ["MinimumReplicasAvailable", "NewReplicaSetAvailable"]
    assert len(rss) == 1
    h = rss[0]["metadata"]["labels"]["pod-template-hash"]
    assert rss[0]["metadata"]["name"] == f"web-{h}"
    for p in pods:
        assert p["metadata"]["name"].startswith(f"web-{h}-") and len(p["metadata"]["name"]) == len(f"web-{h}-") + 5
        assert p["status"]["phase"] == "Running"
        assert p["spec"]["nodeName"] != "pykubectl-control-plane"  # tainted
        assert p["status"]["podIP"].startswith("10.244.")


def test_rolling_update_keeps_minimum_available_and_leaves_events(store: Store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from pykubectl.store.store import Tx

    create(store, deployment("web", 4, surge=1, unavailable=1))
    seen: list[int] = []
    real_changed = Tx._changed

    def changed(self, k):  # type: ignore[no-untyped-def]
        real_changed(self, k)
        if k[1] == "ReplicaSet":
            ready = sum(1 for p in self.list("", "Pod", "default", match_labels={"app": "web"})
                        if any(c["type"] == "Ready" and c["status"] == "True" for c in p["status"].get("conditions", [])))
            seen.append(ready)

    monkeypatch.setattr(Tx, "_changed", changed)
    update_spec(store, "web", lambda d: d["spec"]["template"]["spec"]["containers"][0].update(image="nginx:1.26"))
    monkeypatch.setattr(Tx, "_changed", real_changed)
    assert seen and min(seen) >= 3
    pods = pods_of(store, "web")
    assert {p["spec"]["containers"][0]["image"] for p in pods} == {"nginx:1.26"}
    with store.read() as tx:
        d = tx.get("apps", "Deployment", "default", "web")
        msgs = [e["message"] for e in tx.events_for(d["metadata"]["uid"])]
    assert any(m.startswith("Scaled up replica set web-") and m.endswith(" from 0 to 1") for m in msgs)
    assert any(" from 4 to 3" in m and "down" in m for m in msgs)
    assert d["metadata"]["annotations"]["deployment.kubernetes.io/revision"] == "2"


def test_scale_to_zero_and_back(store: Store) -> None:
    create(store, deployment("web", 3))
    update_spec(store, "web", lambda d: d["spec"].update(replicas=0))
    assert pods_of(store, "web") == []
    update_spec(store, "web", lambda d: d["spec"].update(replicas=3))
    assert len(pods_of(store, "web")) == 3
    with store.read() as tx:
        assert len(tx.list("apps", "ReplicaSet", "default")) == 1


def test_unschedulable_pod_reports_the_scheduler_reason(store: Store) -> None:
    create(store, deployment("big", 1, cpu="64"))
    pod = pods_of(store, "big")[0]
    assert pod["status"]["phase"] == "Pending"
    cond = next(c for c in pod["status"]["conditions"] if c["type"] == "PodScheduled")
    assert cond["reason"] == "Unschedulable"
    assert cond["message"] == (
        "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, "
        "2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, "
        "2 No preemption victims found for incoming pod.")


def test_deleting_a_pod_gets_it_replaced_and_deleting_the_deployment_collects_everything(store: Store) -> None:
    create(store, deployment("web", 2))
    victim = pods_of(store, "web")[0]["metadata"]["name"]
    with store.transaction() as tx:
        pipeline.delete(tx, "", "Pod", "default", victim)
    reconciler.reconcile(store)
    names = {p["metadata"]["name"] for p in pods_of(store, "web")}
    assert len(names) == 2 and victim not in names
    with store.transaction() as tx:
        pipeline.delete(tx, "apps", "Deployment", "default", "web")
    reconciler.reconcile(store)
    assert pods_of(store, "web") == []
    with store.read() as tx:
        assert tx.list("apps", "ReplicaSet", "default") == []


def test_service_endpoints_follow_pods(store: Store) -> None:
    create(store, deployment("web", 2))
    create(store, {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "namespace": "default"},
                   "spec": {"selector": {"app": "web"}, "ports": [{"port": 80, "targetPort": 8080}]}})
    with store.read() as tx:
        ep = tx.get("", "Endpoints", "default", "web")
    assert len(ep["subsets"][0]["addresses"]) == 2
    assert ep["subsets"][0]["ports"] == [{"port": 8080, "protocol": "TCP"}]
    update_spec(store, "web", lambda d: d["spec"].update(replicas=3))
    with store.read() as tx:
        ep = tx.get("", "Endpoints", "default", "web")
    assert len(ep["subsets"][0]["addresses"]) == 3


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    replicas=st.integers(0, 8),
    new_replicas=st.integers(0, 8),
    surge=st.one_of(st.integers(0, 3), st.sampled_from(["0%", "25%", "50%"])),
    unavailable=st.one_of(st.integers(0, 3), st.sampled_from(["0%", "25%", "100%"])),
    cpu=st.sampled_from([None, "500m", "1500m", "3"]),
)
def test_random_deployments_converge_and_stay_converged(replicas: int, new_replicas: int, surge: object,
                                                         unavailable: object, cpu: str | None) -> None:
    if surge in (0, "0%") and unavailable in (0, "0%"):
        unavailable = 1  # the API server rejects both zero
    with tempfile.TemporaryDirectory() as d:
        store = open_store(d + "/s.db")
        try:
            create(store, deployment("w", replicas, cpu=cpu, surge=surge, unavailable=unavailable))
            update_spec(store, "w", lambda o: (o["spec"].update(replicas=new_replicas),
                                               o["spec"]["template"]["spec"]["containers"][0].update(image="nginx:2")))
            before = rv(store)
            resync_everything(store)
            assert rv(store) == before, "a second reconcile wrote something"
            check_invariants(store)
            pods = [p for p in pods_of(store, "w")]
            running = [p for p in pods if p["status"].get("phase") == "Running"]
            # Capacity: two workers of 4 CPUs each.
            per_node = {None: 110, "500m": 8, "1500m": 2, "3": 1}[cpu]
            assert len(running) <= 2 * per_node
            with store.read() as tx:
                dep = tx.get("apps", "Deployment", "default", "w")
            # With room for the surge (or leave to go below replicas), the rollout completes; otherwise it
            # stalls exactly as on a real cluster, which the invariants above still hold for.
            if cpu is None:
                assert len(running) == new_replicas
                assert all(p["spec"]["containers"][0]["image"] == "nginx:2" for p in running)
                assert dep["status"].get("readyReplicas", 0) == new_replicas
        finally:
            store.close()


def test_generated_name_collision_is_retried(store: Store) -> None:
    suffixes = iter(["aaaaa", "vvvvv", "aaaaa", "bbbbb", "wwwww"])  # name, token volume, name (taken), retry, volume
    store.env.suffix = lambda n=5: next(suffixes)  # type: ignore[method-assign]
    pod = {"apiVersion": "v1", "kind": "Pod", "metadata": {"generateName": "p-", "namespace": "default"},
           "spec": {"containers": [{"name": "c", "image": "nginx"}]}}
    with store.transaction() as tx:
        a = pipeline.create(tx, copy.deepcopy(pod))
        b = pipeline.create(tx, copy.deepcopy(pod))
    assert a["metadata"]["name"] == "p-aaaaa"
    assert b["metadata"]["name"] == "p-bbbbb"
