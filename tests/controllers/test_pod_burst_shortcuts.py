"""The shortcuts of a replica set's burst of pods, each checked against the path it shortcuts.

pipeline.TemplatePods: the pods after the first are made from it instead of going
through admission and validation again, and must be exactly what create() makes of each: same names, token volume
names, uids, resourceVersions, events, in the same order from the same seeded generator. Each case runs the same
commands in two stores of one seed, with and without the shortcut, and compares everything stored. Tx.settled (the
scheduler's bind and the kubelet's start not queueing the pod again) is checked the same way."""

from __future__ import annotations

import copy
import random

import pytest

from pykubectl.apiserver import pipeline
from pykubectl.controllers import reconciler
from pykubectl.env import Env, parse_time
from pykubectl.errors import Invalid
from pykubectl.store.store import Store


def _open(path: str) -> Store:
    env = Env(store_url=path, frozen_now=parse_time("2026-11-22T10:00:00Z"), rand=random.Random("burst"))
    return Store.open(env)


def _deployment(name: str, replicas: int, pod_spec: dict, ns: str = "default") -> dict:
    return {
        "apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": name, "namespace": ns},
        "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": name}},
                 "template": {"metadata": {"labels": {"app": name}}, "spec": pod_spec}},
    }


def _apply(store: Store, objs: list[dict]) -> None:
    for obj in objs:
        with store.transaction() as tx:
            pipeline.create(tx, copy.deepcopy(obj))
        reconciler.reconcile(store)


def _everything(store: Store) -> tuple:
    with store.transaction() as tx:
        pods = sorted(tx.list("", "Pod"), key=lambda p: (p["metadata"]["namespace"], p["metadata"]["name"]))
        events = tx.list_events()
        rss = tx.list("apps", "ReplicaSet")
        return pods, events, rss, tx.next_rv()


PLAIN = {"containers": [{"name": "app", "image": "nginx:1.25"}]}
OWN_VOLUME = {"containers": [{"name": "app", "image": "nginx", "volumeMounts": [{"name": "data", "mountPath": "/d"}]},
                             {"name": "side", "image": "busybox", "command": ["sleep", "1d"]}],
              "initContainers": [{"name": "init", "image": "busybox", "command": ["true"]}],
              "volumes": [{"name": "data", "emptyDir": {}}]}
NO_TOKEN = {"automountServiceAccountToken": False, "containers": [{"name": "app", "image": "nginx"}]}
OWN_TOKEN_MOUNT = {"containers": [{"name": "app", "image": "nginx", "volumeMounts": [
    {"name": "tok", "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount"}]}],
    "volumes": [{"name": "tok", "emptyDir": {}}]}
WITH_REQUESTS = {"containers": [{"name": "app", "image": "nginx", "env": [{"name": "A", "value": "b"}],
                                 "resources": {"requests": {"cpu": "10m", "memory": "16Mi"}}}],
                 "tolerations": [{"key": "k", "operator": "Exists"}]}


@pytest.mark.parametrize("spec", [PLAIN, OWN_VOLUME, NO_TOKEN, OWN_TOKEN_MOUNT, WITH_REQUESTS],
                         ids=["plain", "own-volume-init-containers", "no-token", "own-token-mount", "requests-env"])
def test_burst_pods_are_what_create_makes_of_each(tmp_path, monkeypatch, spec) -> None:  # type: ignore[no-untyped-def]
    objs = [_deployment("web", 23, spec), _deployment("api", 7, PLAIN)]
    used: list[object] = []
    of = pipeline.TemplatePods.of

    def spy(tx, first):  # type: ignore[no-untyped-def]
        got = of(tx, first)
        used.append(got)
        return got

    monkeypatch.setattr(pipeline.TemplatePods, "of", spy)
    fast = _open(str(tmp_path / "fast.db"))
    _apply(fast, objs)
    assert used and all(u is not None for u in used)  # the shortcut was taken
    monkeypatch.setattr(pipeline.TemplatePods, "of", lambda tx, first: None)
    slow = _open(str(tmp_path / "slow.db"))
    _apply(slow, objs)
    a, b = _everything(fast), _everything(slow)
    assert len(a[0]) == 30
    assert a == b
    names = [v["name"] for p in a[0] for v in p["spec"].get("volumes") or () if v["name"].startswith("kube-api")]
    assert len(names) == len(set(names))  # each pod its own token volume name


def test_a_namespace_with_a_quota_or_limit_range_takes_create_for_each_pod(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    quota = {"apiVersion": "v1", "kind": "ResourceQuota", "metadata": {"name": "q", "namespace": "default"},
             "spec": {"hard": {"pods": "5"}}}
    limits = {"apiVersion": "v1", "kind": "LimitRange", "metadata": {"name": "l", "namespace": "other"},
              "spec": {"limits": [{"type": "Container", "default": {"cpu": "50m"}}]}}
    other = {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "other"}}
    objs = [quota, other, limits, _deployment("web", 8, PLAIN), _deployment("api", 4, PLAIN, ns="other")]
    seen: list[object] = []
    of = pipeline.TemplatePods.of
    monkeypatch.setattr(pipeline.TemplatePods, "of", lambda tx, first: seen.append(of(tx, first)) or seen[-1])
    fast = _open(str(tmp_path / "fast.db"))
    _apply(fast, objs)
    assert seen and all(s is None for s in seen)
    monkeypatch.setattr(pipeline.TemplatePods, "of", lambda tx, first: None)
    slow = _open(str(tmp_path / "slow.db"))
    _apply(slow, objs)
    a, b = _everything(fast), _everything(slow)
    assert a == b
    assert sum(1 for p in a[0] if p["metadata"]["namespace"] == "default") == 5  # the quota held
    assert all(p["spec"]["containers"][0]["resources"]["limits"]["cpu"] == "50m"
               for p in a[0] if p["metadata"]["namespace"] == "other")  # LimitRanger defaulted each pod


def test_a_token_volume_name_the_template_already_uses_is_refused_as_create_refuses_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = _open(str(tmp_path / "s.db"))
    _apply(store, [_deployment("web", 1, PLAIN)])
    with store.transaction() as tx:
        first = copy.deepcopy(tx.list("", "Pod")[0])
        first["status"] = {"phase": "Pending", "qosClass": "BestEffort"}  # as create() left it, before the kubelet
        del first["spec"]["nodeName"]
        state = tx.env.rand.getstate()
        tx.env.suffix(5)  # the next pod's name
        clash = "kube-api-access-" + tx.env.suffix(5)  # and its token volume's
        tx.env.rand.setstate(state)
        # A pod whose own spec has a volume of that name (besides the token volume admission added).
        first["spec"]["volumes"].insert(0, {"name": clash, "emptyDir": {}})
        burst = pipeline.TemplatePods.of(tx, first)
        assert burst is not None and clash in burst.others
        with pytest.raises(Invalid) as e:
            burst.create(tx)
        assert "Duplicate value" in str(e.value.errors if hasattr(e.value, "errors") else e.value) or \
            "Duplicate value" in str(e.value)


CRASHING = {"containers": [{"name": "app", "image": "busybox", "command": ["sh", "-c", "exit 1"]}]}
BAD_IMAGE = {"containers": [{"name": "app", "image": "nginx:does-not-exist-tag"}]}
UNREADY = {"containers": [{"name": "app", "image": "nginx", "readinessProbe": {"exec": {"command": ["false"]}}}]}


def test_writes_that_settle_a_pod_only_skip_syncs_that_would_do_nothing(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Tx.settled: the scheduler's bind and the kubelet's start of a steadily running pod do not queue the pod again.
    The same commands with the mark ignored store exactly the same."""
    from pykubectl.store.store import Tx

    objs = [_deployment("web", 12, PLAIN), _deployment("crash", 3, CRASHING), _deployment("bad", 2, BAD_IMAGE),
            _deployment("unready", 2, UNREADY), _deployment("tok", 2, OWN_TOKEN_MOUNT)]
    settled = _open(str(tmp_path / "settled.db"))
    _apply(settled, objs)
    monkeypatch.setattr(Tx, "settled", property(lambda self: None, lambda self, v: None), raising=False)
    plain = _open(str(tmp_path / "plain.db"))
    _apply(plain, objs)
    a, b = _everything(settled), _everything(plain)
    assert len(a[0]) == 21
    assert a == b
