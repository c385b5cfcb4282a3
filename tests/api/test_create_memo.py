"""The API server's create path remembers pure work across pods of one template (defaults by spec content, a spec
that validated, metadata checks but the name's): a remembered result must never stand in for a different object.
Each case compares what the path answers with warm memos to what it answers with empty ones."""

from __future__ import annotations

import copy
import json
import random

import pytest

from pykubectl.api import defaults, validation
from pykubectl.env import Env, parse_time
from pykubectl.errors import Invalid
from pykubectl.apiserver import pipeline
from pykubectl.store.store import Store

POD = {
    "apiVersion": "v1",
    "kind": "Pod",
    "metadata": {"name": "web-1", "namespace": "default", "labels": {"app": "web"}},
    "spec": {
        "containers": [{
            "name": "web", "image": "nginx:1.27",
            "ports": [{"containerPort": 8080}],
            "resources": {"limits": {"cpu": "0.5", "memory": "128Mi"}},
            "volumeMounts": [{"name": "cfg", "mountPath": "/etc/cfg"}],
        }],
        "volumes": [{"name": "cfg", "configMap": {"name": "cfg"}}],
    },
}


def _forget() -> None:
    defaults._POD_MEMO.clear()
    validation._VALID.clear()


@pytest.fixture
def store(tmp_path):  # type: ignore[no-untyped-def]
    env = Env(store_url=str(tmp_path / "s.db"), frozen_now=parse_time("2026-11-22T10:00:00Z"), rand=random.Random("1"))
    s = Store.open(env)
    yield s
    s.close()


def _create(store: Store, pod: dict, suffix: str | None = None) -> str:
    """The created object as JSON text (key order included), or the Invalid error's text."""
    if suffix is not None:
        store.env.suffix = lambda n=5: suffix  # type: ignore[method-assign]
    try:
        with store.transaction() as tx:
            return json.dumps(pipeline.create(tx, copy.deepcopy(pod)))
    except Invalid as e:
        return str(e)
    finally:
        store.env.__dict__.pop("suffix", None)


def _cold(store: Store, pod: dict, suffix: str | None = None) -> str:
    _forget()
    try:
        return _create(store, pod, suffix)
    finally:
        _forget()


def _variant(name: str, fn) -> dict:  # type: ignore[no-untyped-def]
    pod = copy.deepcopy(POD)
    pod["metadata"]["name"] = name
    fn(pod)
    return pod


def test_warm_pods_are_stored_as_cold_ones(tmp_path) -> None:  # type: ignore[no-untyped-def]
    outs = []
    for warm in (True, False):
        env = Env(store_url=str(tmp_path / f"{warm}.db"), frozen_now=parse_time("2026-11-22T10:00:00Z"),
                  rand=random.Random("1"))
        s = Store.open(env)
        try:
            got = []
            for i in range(4):
                pod = copy.deepcopy(POD)
                pod["metadata"] = {"generateName": "web-", "namespace": "default", "labels": {"app": "web"}}
                got.append(_create(s, pod) if warm else _cold(s, pod))
            outs.append(got)
        finally:
            s.close()
    assert outs[0] == outs[1]
    assert '"qosClass": "Guaranteed"' in outs[0][3] and '"cpu": "500m"' in outs[0][3]
    assert len(set(outs[0])) == 4


@pytest.mark.parametrize("case,fn,expected", [
    ("pull", lambda p: p["spec"]["containers"][0].__setitem__("imagePullPolicy", "Sometimes"),
     'spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", '
     '"IfNotPresent", "Never"'),
    ("port", lambda p: p["spec"]["containers"][0]["ports"][0].__setitem__("containerPort", 0),
     "spec.containers[0].ports[0].containerPort: Required value"),
    ("mount", lambda p: p["spec"]["containers"][0]["volumeMounts"][0].__setitem__("name", "cfg2"),
     'spec.containers[0].volumeMounts[0].name: Not found: "cfg2"'),
    # A tuple is not a list to the validators; the memo key must tell them apart.
    ("tuple", lambda p: p["spec"].__setitem__("containers", tuple(p["spec"]["containers"])),
     "spec.containers: Required value"),
    ("name", lambda p: p["metadata"].__setitem__("name", "Web_1"), "metadata.name: Invalid value: \"Web_1\""),
    ("label", lambda p: p["metadata"]["labels"].__setitem__("app", "we b"), 'metadata.labels: Invalid value: "we b"'),
])
def test_invalid_pod_after_valid_one_keeps_its_error(store: Store, case: str, fn,  # type: ignore[no-untyped-def]
                                                     expected: str) -> None:
    bad = _variant(f"bad-{case}", fn)
    cold = _cold(store, bad)
    assert expected in cold and cold.startswith('The Pod "')
    _forget()
    assert _create(store, _variant("ok-1", lambda p: None)).startswith("{")
    assert _create(store, _variant("ok-2", lambda p: None)).startswith("{")  # memos warm
    assert _create(store, bad) == cold


def test_token_volume_colliding_with_a_volume_of_the_spec(store: Store) -> None:
    """A spec that validated stays valid with the token volume added only if its random name is new to the spec."""
    def with_volume(p: dict) -> None:
        p["spec"]["volumes"].append({"name": "kube-api-access-bbbbb", "emptyDir": {}})
        p["spec"]["containers"][0]["volumeMounts"].append({"name": "kube-api-access-bbbbb", "mountPath": "/x"})

    cold = _cold(store, _variant("c-1", with_volume), suffix="bbbbb")
    assert 'spec.volumes[2].name: Duplicate value: "kube-api-access-bbbbb"' in cold
    assert _create(store, _variant("c-2", with_volume), suffix="ccccc").startswith("{")
    assert _create(store, _variant("c-3", with_volume), suffix="ccccc").startswith("{")
    assert _create(store, _variant("c-1", with_volume), suffix="bbbbb") == cold


def test_mount_of_the_token_volume_by_name(store: Store) -> None:
    """A mount naming the volume admission is about to add is invalid before admission and valid after it."""
    def mount(p: dict) -> None:
        p["spec"]["containers"][0]["volumeMounts"].append({"name": "kube-api-access-ddddd", "mountPath": "/t"})

    assert _cold(store, _variant("m-1", mount), suffix="ddddd").startswith("{")
    assert 'volumeMounts[1].name: Not found: "kube-api-access-fffff"' in _create(
        store, _variant("m-2", lambda p: p["spec"]["containers"][0]["volumeMounts"].append(
            {"name": "kube-api-access-fffff", "mountPath": "/t"})), suffix="ddddd")
    assert _create(store, _variant("m-3", mount), suffix="ddddd").startswith("{")
    assert 'volumeMounts[1].name: Not found: "kube-api-access-ddddd"' in _create(
        store, _variant("m-4", mount), suffix="eeeee")
