"""StatefulSet, DaemonSet, storage, HPA, quota/limit admission, PDB: controller inputs and the state they settle to,
plus property tests (StatefulSet ordinals contiguous and claims kept; HPA replicas within min/max and steady under a
steady load)."""

from __future__ import annotations

import copy
import random
import tempfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pykubectl.controllers import clock, hpa, reconciler
from pykubectl.env import Env, parse_time
from pykubectl.errors import Forbidden
from pykubectl.apiserver import pipeline
from pykubectl.store.store import Store


def open_store(path: str, seed: str = "1") -> Store:
    env = Env(store_url=path, frozen_now=parse_time("2026-11-22T10:00:00Z"), rand=random.Random(seed))
    return Store.open(env)


def create(store: Store, obj: dict) -> dict:
    with store.transaction() as tx:
        out = pipeline.create(tx, copy.deepcopy(obj))
    reconciler.reconcile(store)
    return out


def update(store: Store, group: str, kind: str, name: str, fn, ns: str = "default") -> None:  # type: ignore[no-untyped-def]
    with store.transaction() as tx:
        old = tx.get(group, kind, ns, name)
        new = copy.deepcopy(old)
        fn(new)
        pipeline.update(tx, new, old)
    reconciler.reconcile(store)


def delete(store: Store, group: str, kind: str, name: str, ns: str = "default") -> None:
    with store.transaction() as tx:
        pipeline.delete(tx, group, kind, ns, name)
    reconciler.reconcile(store)


def listing(store: Store, group: str, kind: str, ns: str | None = "default", labels: dict | None = None) -> list[dict]:
    with store.read() as tx:
        return tx.list(group, kind, ns, match_labels=labels)


def get(store: Store, group: str, kind: str, name: str, ns: str = "default") -> dict | None:
    with store.read() as tx:
        return tx.get(group, kind, ns, name)


def rv(store: Store) -> str:
    with store.read() as tx:
        return tx.meta_get("rv") or ""


def resync_writes_nothing(store: Store) -> None:
    before = rv(store)
    with store.transaction() as tx:
        keys = [tuple(r) for r in tx.db.execute("SELECT grp, kind, namespace, name FROM objects")]
        reconciler.run(tx, keys)  # type: ignore[arg-type]
        tx.clear_work()
        tx.changed = []
    assert rv(store) == before, "a second reconcile wrote something"


def statefulset(name: str, replicas: int, cpu: str | None = None, policy: str = "OrderedReady",
                claims: bool = True, image: str = "nginx:1.27", when_scaled: str = "Retain") -> dict:
    c: dict = {"name": "app", "image": image, "volumeMounts": [{"name": "data", "mountPath": "/data"}] if claims else []}
    if cpu:
        c["resources"] = {"requests": {"cpu": cpu}}
    spec: dict = {"replicas": replicas, "serviceName": name, "podManagementPolicy": policy,
                  "selector": {"matchLabels": {"app": name}},
                  "persistentVolumeClaimRetentionPolicy": {"whenScaled": when_scaled, "whenDeleted": "Retain"},
                  "template": {"metadata": {"labels": {"app": name}}, "spec": {"containers": [c]}}}
    if claims:
        spec["volumeClaimTemplates"] = [{"metadata": {"name": "data"}, "spec": {
            "accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}]
    return {"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": name, "namespace": "default"},
            "spec": spec}


@pytest.fixture
def store(tmp_path) -> Store:  # type: ignore[no-untyped-def]
    s = open_store(str(tmp_path / "store.db"))
    yield s
    s.close()


# ---- StatefulSet ---------------------------------------------------------------------------------------------------

def test_statefulset_pods_claims_labels_and_event_order(store: Store) -> None:
    create(store, statefulset("db", 3))
    pods = listing(store, "", "Pod", labels={"app": "db"})
    assert [p["metadata"]["name"] for p in pods] == ["db-0", "db-1", "db-2"]
    for i, p in enumerate(pods):
        labels = p["metadata"]["labels"]
        assert labels["apps.kubernetes.io/pod-index"] == str(i)
        assert labels["statefulset.kubernetes.io/pod-name"] == f"db-{i}"
        assert labels["controller-revision-hash"].startswith("db-")
        assert p["spec"]["hostname"] == f"db-{i}" and p["spec"]["subdomain"] == "db"
        assert p["spec"]["volumes"][0] == {"name": "data", "persistentVolumeClaim": {"claimName": f"data-db-{i}"}}
        assert p["status"]["phase"] == "Running"
    claims = listing(store, "", "PersistentVolumeClaim")
    assert [(c["metadata"]["name"], c["status"]["phase"], c["metadata"]["labels"]) for c in claims] == [
        (f"data-db-{i}", "Bound", {"app": "db"}) for i in range(3)]
    sts = get(store, "apps", "StatefulSet", "db")
    assert sts is not None
    st_ = sts["status"]
    assert (st_["replicas"], st_["readyReplicas"], st_["currentReplicas"], st_["updatedReplicas"]) == (3, 3, 3, 3)
    assert st_["currentRevision"] == st_["updateRevision"] == pods[0]["metadata"]["labels"]["controller-revision-hash"]
    with store.read() as tx:
        msgs = [e["message"] for e in tx.events_for(sts["metadata"]["uid"])]
    assert msgs == [m for i in range(3) for m in (f"create Claim data-db-{i} Pod db-{i} in StatefulSet db success",
                                                   f"create Pod db-{i} in StatefulSet db successful")]
    resync_writes_nothing(store)


def test_ordered_ready_waits_for_each_pod_but_parallel_does_not(store: Store) -> None:
    # Pods that cannot be scheduled never become Ready: OrderedReady stops at the first one.
    create(store, statefulset("ordered", 3, cpu="64", claims=False))
    assert [p["metadata"]["name"] for p in listing(store, "", "Pod", labels={"app": "ordered"})] == ["ordered-0"]
    create(store, statefulset("par", 3, cpu="64", claims=False, policy="Parallel"))
    assert [p["metadata"]["name"] for p in listing(store, "", "Pod", labels={"app": "par"})] == [
        "par-0", "par-1", "par-2"]
    resync_writes_nothing(store)


def test_rolling_update_respects_partition_and_when_scaled_delete(store: Store) -> None:
    create(store, statefulset("db", 3, when_scaled="Delete"))

    def new_image(o: dict) -> None:
        o["spec"]["template"]["spec"]["containers"][0]["image"] = "nginx:1.28"
        o["spec"]["updateStrategy"] = {"type": "RollingUpdate", "rollingUpdate": {"partition": 1}}

    update(store, "apps", "StatefulSet", "db", new_image)
    images = {p["metadata"]["name"]: p["spec"]["containers"][0]["image"] for p in listing(store, "", "Pod")}
    assert images == {"db-0": "nginx:1.27", "db-1": "nginx:1.28", "db-2": "nginx:1.28"}
    update(store, "apps", "StatefulSet", "db", lambda o: o["spec"].update(replicas=1))
    assert [c["metadata"]["name"] for c in listing(store, "", "PersistentVolumeClaim")] == ["data-db-0"]
    resync_writes_nothing(store)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.integers(0, 5), min_size=1, max_size=4), parallel=st.booleans())
def test_statefulset_ordinals_stay_contiguous_and_claims_are_kept(steps: list[int], parallel: bool) -> None:
    with tempfile.TemporaryDirectory() as d:
        store = open_store(d + "/s.db")
        try:
            create(store, statefulset("w", steps[0], policy="Parallel" if parallel else "OrderedReady"))
            most = steps[0]
            for n in steps[1:]:
                update(store, "apps", "StatefulSet", "w", lambda o, n=n: o["spec"].update(replicas=n))
                most = max(most, n)
            n = steps[-1]
            names = [p["metadata"]["name"] for p in listing(store, "", "Pod", labels={"app": "w"})]
            assert sorted(names, key=lambda s: int(s.rsplit("-", 1)[1])) == [f"w-{i}" for i in range(n)]
            claims = [c["metadata"]["name"] for c in listing(store, "", "PersistentVolumeClaim")]
            assert sorted(claims) == sorted(f"data-w-{i}" for i in range(most))
            sts = get(store, "apps", "StatefulSet", "w")
            assert sts is not None and sts["status"]["replicas"] == n
            assert sts["status"].get("readyReplicas", 0) == n
            resync_writes_nothing(store)
        finally:
            store.close()


# ---- DaemonSet -----------------------------------------------------------------------------------------------------

def daemonset(name: str, tolerate_cp: bool = False, selector: dict | None = None) -> dict:
    spec: dict = {"containers": [{"name": "agent", "image": "busybox:1.36"}]}
    if tolerate_cp:
        spec["tolerations"] = [{"key": "node-role.kubernetes.io/control-plane", "operator": "Exists",
                                "effect": "NoSchedule"}]
    if selector:
        spec["nodeSelector"] = selector
    return {"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": name, "namespace": "default"},
            "spec": {"selector": {"matchLabels": {"app": name}},
                     "template": {"metadata": {"labels": {"app": name}}, "spec": spec}}}


def nodes_of(store: Store, app: str) -> list[str]:
    return sorted(p["spec"].get("nodeName", "") for p in listing(store, "", "Pod", labels={"app": app}))


def test_daemonset_follows_eligible_nodes(store: Store) -> None:
    from pykubectl.controllers import bootstrap

    create(store, daemonset("agent"))
    create(store, daemonset("all", tolerate_cp=True))
    create(store, daemonset("ssd", selector={"disk": "ssd"}))
    assert nodes_of(store, "agent") == ["pykubectl-worker", "pykubectl-worker2"]
    assert nodes_of(store, "all") == ["pykubectl-control-plane", "pykubectl-worker", "pykubectl-worker2"]
    assert nodes_of(store, "ssd") == []
    with store.transaction() as tx:
        node = bootstrap.make_node(tx, "pykubectl-worker3", 3)
        node["metadata"]["labels"]["disk"] = "ssd"
        tx.create(node)
    reconciler.reconcile(store)
    assert nodes_of(store, "agent") == ["pykubectl-worker", "pykubectl-worker2", "pykubectl-worker3"]
    assert nodes_of(store, "ssd") == ["pykubectl-worker3"]
    delete(store, "", "Node", "pykubectl-worker2", ns="")
    assert nodes_of(store, "agent") == ["pykubectl-worker", "pykubectl-worker3"]
    ds = get(store, "apps", "DaemonSet", "agent")
    assert ds is not None
    assert {k: ds["status"][k] for k in ("desiredNumberScheduled", "currentNumberScheduled", "numberReady",
                                         "updatedNumberScheduled", "numberAvailable")} == {
        "desiredNumberScheduled": 2, "currentNumberScheduled": 2, "numberReady": 2, "updatedNumberScheduled": 2,
        "numberAvailable": 2}
    pod = listing(store, "", "Pod", labels={"app": "agent"})[0]
    terms = pod["spec"]["affinity"]["nodeAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"]
    assert terms == {"nodeSelectorTerms": [{"matchFields": [
        {"key": "metadata.name", "operator": "In", "values": [pod["spec"]["nodeName"]]}]}]}
    resync_writes_nothing(store)


def test_daemonset_rolling_update_replaces_every_pod(store: Store) -> None:
    create(store, daemonset("agent", tolerate_cp=True))
    update(store, "apps", "DaemonSet", "agent",
           lambda o: o["spec"]["template"]["spec"]["containers"][0].update(image="busybox:1.37"))
    pods = listing(store, "", "Pod", labels={"app": "agent"})
    assert len(pods) == 3
    assert {p["spec"]["containers"][0]["image"] for p in pods} == {"busybox:1.37"}
    assert {p["metadata"]["labels"]["pod-template-generation"] for p in pods} == {"2"}
    resync_writes_nothing(store)


# ---- storage -------------------------------------------------------------------------------------------------------

def pv(name: str, size: str, modes: list[str], cls: str = "manual", policy: str = "Retain") -> dict:
    return {"apiVersion": "v1", "kind": "PersistentVolume", "metadata": {"name": name},
            "spec": {"storageClassName": cls, "capacity": {"storage": size}, "accessModes": modes,
                     "persistentVolumeReclaimPolicy": policy, "hostPath": {"path": "/mnt/" + name}}}


def pvc(name: str, size: str, modes: list[str], cls: str | None = "manual") -> dict:
    spec: dict = {"accessModes": modes, "resources": {"requests": {"storage": size}}}
    if cls is not None:
        spec["storageClassName"] = cls
    return {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": name, "namespace": "default"},
            "spec": spec}


def test_static_binding_picks_the_smallest_fit_and_reclaim_policies(store: Store) -> None:
    for v in (pv("small", "1Gi", ["ReadWriteOnce"]), pv("big", "20Gi", ["ReadWriteOnce"]),
              pv("mid", "5Gi", ["ReadWriteOnce"], policy="Delete"), pv("rwx", "4Gi", ["ReadWriteMany"])):
        create(store, v)
    create(store, pvc("a", "3Gi", ["ReadWriteOnce"]))
    create(store, pvc("b", "3Gi", ["ReadWriteOnce"]))
    a, b = get(store, "", "PersistentVolumeClaim", "a"), get(store, "", "PersistentVolumeClaim", "b")
    assert a and b and a["spec"]["volumeName"] == "mid" and b["spec"]["volumeName"] == "big"
    assert a["status"] == {"accessModes": ["ReadWriteOnce"], "capacity": {"storage": "5Gi"}, "phase": "Bound"}
    delete(store, "", "PersistentVolumeClaim", "a")
    delete(store, "", "PersistentVolumeClaim", "b")
    phases = {v["metadata"]["name"]: v["status"]["phase"] for v in listing(store, "", "PersistentVolume", None)}
    assert phases == {"big": "Released", "rwx": "Available", "small": "Available"}
    resync_writes_nothing(store)


def test_default_class_waits_for_a_consumer_then_provisions_on_its_node(store: Store) -> None:
    claim = create(store, pvc("data", "2Gi", ["ReadWriteOnce"], cls=None))
    assert claim["spec"]["storageClassName"] == "standard"
    assert claim["metadata"]["finalizers"] == ["kubernetes.io/pvc-protection"]
    assert get(store, "", "PersistentVolumeClaim", "data")["status"]["phase"] == "Pending"  # type: ignore[index]
    create(store, {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "default"},
                   "spec": {"containers": [{"name": "c", "image": "busybox"}],
                            "volumes": [{"name": "d", "persistentVolumeClaim": {"claimName": "data"}}]}})
    pod = get(store, "", "Pod", "p")
    claim = get(store, "", "PersistentVolumeClaim", "data")
    assert pod and claim and claim["status"]["phase"] == "Bound"
    vol = get(store, "", "PersistentVolume", claim["spec"]["volumeName"], ns="")
    assert vol is not None and vol["metadata"]["name"] == "pvc-" + claim["metadata"]["uid"]
    assert vol["spec"]["nodeAffinity"]["required"]["nodeSelectorTerms"][0]["matchExpressions"][0]["values"] == [
        pod["spec"]["nodeName"]]
    assert claim["metadata"]["annotations"]["volume.kubernetes.io/selected-node"] == pod["spec"]["nodeName"]
    delete(store, "", "Pod", "p")
    delete(store, "", "PersistentVolumeClaim", "data")
    assert listing(store, "", "PersistentVolume", None) == []


def test_pod_with_unbound_immediate_claim_waits_then_schedules(store: Store) -> None:
    create(store, pvc("m", "1Gi", ["ReadWriteOnce"]))
    create(store, {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "default"},
                   "spec": {"containers": [{"name": "c", "image": "busybox"}],
                            "volumes": [{"name": "d", "persistentVolumeClaim": {"claimName": "m"}}]}})
    pod = get(store, "", "Pod", "p")
    assert pod and not pod["spec"].get("nodeName")
    assert pod["status"]["conditions"][0]["message"] == (
        "0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are "
        "available: 3 Preemption is not helpful for scheduling.")
    create(store, pv("fits", "1Gi", ["ReadWriteOnce"]))
    pod = get(store, "", "Pod", "p")
    assert pod and pod["spec"].get("nodeName") and pod["status"]["phase"] == "Running"


# ---- HPA -----------------------------------------------------------------------------------------------------------

def web(replicas: int = 1, cpu: str = "200m") -> dict:
    return {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "default"},
            "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": "web"}},
                     "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [
                         {"name": "c", "image": "nginx", "resources": {"requests": {"cpu": cpu}}}]}}}}


def autoscaler(mn: int, mx: int, target: int = 50, behavior: dict | None = None) -> dict:
    spec: dict = {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
                  "minReplicas": mn, "maxReplicas": mx, "metrics": [{"type": "Resource", "resource": {
                      "name": "cpu", "target": {"type": "Utilization", "averageUtilization": target}}}]}
    if behavior is not None:
        spec["behavior"] = behavior
    return {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
            "metadata": {"name": "web", "namespace": "default"}, "spec": spec}


def set_load(store: Store, cpu_m: int) -> None:
    with store.transaction() as tx:
        hpa.set_load(tx, "default", "Deployment", "web", {"cpu_m": cpu_m})
        hpa.notify_load(tx, "default")
    reconciler.reconcile(store)


def replicas(store: Store) -> int:
    d = get(store, "apps", "Deployment", "web")
    assert d is not None
    return int(d["spec"]["replicas"])


def test_hpa_algorithm_tolerance_and_stabilization(store: Store) -> None:
    create(store, web(2))
    create(store, autoscaler(1, 10))
    clock.advance(store, 15)  # a new autoscaler's first evaluation comes a sync period after its creation
    # 2 pods x 200m requested; 210m used in all: 52% of request is inside the 10% tolerance of 50%.
    set_load(store, 210)
    assert replicas(store) == 2
    # 1200m in all needs 12 pods at 50% of 200m: 300% -> ceil(2 * 3.0) = 6, but at most max(2x, 4) = 4 at once
    set_load(store, 1200)
    assert replicas(store) == 4
    h = get(store, "autoscaling", "HorizontalPodAutoscaler", "web")
    assert h is not None
    assert [(c["type"], c["reason"]) for c in h["status"]["conditions"]] == [
        ("AbleToScale", "SucceededRescale"), ("ScalingActive", "ValidMetricFound"), ("ScalingLimited", "ScaleUpLimit")]
    clock.advance(store, 15)
    assert replicas(store) == 8  # 150% of 4 pods -> 12, at most 2x
    clock.advance(store, 15)
    assert replicas(store) == 10  # maxReplicas
    h = get(store, "autoscaling", "HorizontalPodAutoscaler", "web")
    assert h is not None and h["status"]["conditions"][2]["reason"] == "TooManyReplicas"
    set_load(store, 0)
    clock.advance(store, 240)
    assert replicas(store) == 10  # the 300s scale-down window holds the highest recent recommendation
    clock.advance(store, 90)
    assert replicas(store) == 1
    # Once nothing in the windows can change the decision, the autoscaler stops waking up every 15s; a manual
    # scale of its target wakes it at once.
    clock.advance(store, 400)
    with store.read() as tx:
        assert tx.db.execute("SELECT k FROM wakeups WHERE k LIKE '%HorizontalPodAutoscaler%'") == []
    update(store, "apps", "Deployment", "web", lambda o: o["spec"].update(replicas=3))
    # Every recommendation of the window was 0 (idle): the manual scale is undone at once, as on a real cluster.
    assert replicas(store) == 1


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mn=st.integers(1, 3), extra=st.integers(0, 5), start=st.integers(1, 8), load=st.integers(0, 4000),
       behavior=st.booleans())
def test_hpa_stays_within_bounds_and_a_steady_load_gives_a_steady_count(mn: int, extra: int, start: int, load: int,
                                                                       behavior: bool) -> None:
    mx = mn + extra
    with tempfile.TemporaryDirectory() as d:
        store = open_store(d + "/s.db")
        try:
            create(store, web(start))
            create(store, autoscaler(mn, mx, behavior={"scaleDown": {"stabilizationWindowSeconds": 30}}
                                     if behavior else None))
            clock.advance(store, 15)  # the first evaluation
            set_load(store, load)
            seen = [replicas(store)]
            for _ in range(8):
                clock.advance(store, 60)
                seen.append(replicas(store))
            assert all(mn <= r <= mx for r in seen), seen
            # After the windows have passed, a steady load keeps the count.
            clock.advance(store, 360)
            settled = replicas(store)
            clock.advance(store, 120)
            assert replicas(store) == settled
            resync_writes_nothing(store)
        finally:
            store.close()


# ---- quota, limits, PDB --------------------------------------------------------------------------------------------

def test_quota_denies_and_counts(store: Store) -> None:
    create(store, {"apiVersion": "v1", "kind": "ResourceQuota", "metadata": {"name": "q", "namespace": "default"},
                   "spec": {"hard": {"requests.cpu": "1", "pods": "2"}}})
    pod = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a", "namespace": "default"},
           "spec": {"containers": [{"name": "c", "image": "nginx", "resources": {"requests": {"cpu": "600m"}}}]}}
    create(store, pod)
    q = get(store, "", "ResourceQuota", "q")
    assert q and q["status"] == {"hard": {"pods": "2", "requests.cpu": "1"},
                                 "used": {"pods": "1", "requests.cpu": "600m"}}
    b = copy.deepcopy(pod)
    b["metadata"]["name"] = "b"
    with pytest.raises(Forbidden) as e:
        create(store, b)
    assert e.value.detail == ('pods "b" is forbidden: exceeded quota: q, requested: requests.cpu=600m, '
                              "used: requests.cpu=600m, limited: requests.cpu=1")
    assert get(store, "", "Pod", "b") is None


def test_pdb_status(store: Store) -> None:
    create(store, web(3))
    create(store, {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget",
                   "metadata": {"name": "p", "namespace": "default"},
                   "spec": {"maxUnavailable": "34%", "selector": {"matchLabels": {"app": "web"}}}})
    p = get(store, "policy", "PodDisruptionBudget", "p")
    assert p is not None
    assert {k: p["status"][k] for k in ("currentHealthy", "desiredHealthy", "disruptionsAllowed", "expectedPods")} == {
        "currentHealthy": 3, "desiredHealthy": 1, "disruptionsAllowed": 2, "expectedPods": 3}
    resync_writes_nothing(store)


def test_a_new_autoscaler_is_first_evaluated_a_sync_period_after_its_creation(store: Store) -> None:
    """Recorded (22-describe-kinds step 11): right after `autoscale`, describe shows 0 current / 0 desired and no
    conditions; the controller's queue hands a new autoscaler over through a fixed 15 s rate limiter."""
    create(store, web(2))
    create(store, autoscaler(3, 10))
    h = get(store, "autoscaling", "HorizontalPodAutoscaler", "web")
    assert h is not None and not (h.get("status") or {}).get("conditions") and replicas(store) == 2
    clock.advance(store, 14)
    assert replicas(store) == 2
    clock.advance(store, 1)
    h = get(store, "autoscaling", "HorizontalPodAutoscaler", "web")
    assert h is not None and h["status"]["conditions"] and replicas(store) == 3  # below minReplicas: scaled up
