"""Served JSON in the real API server's field order (Go struct order: TypeMeta's kind and apiVersion, then the
struct's fields; map keys sorted): the recorded Namespace byte for byte (17-auth-and-discovery step 16), a pod's
container as the Container struct orders it, a list's items, and custom resources left as the server's unstructured
encoding writes them (sorted)."""

from __future__ import annotations

import json

from pykubectl.serve import api as apimod
from pykubectl.serve import goorder
from tests.serve.test_serve_api import api  # noqa: F401 - the fixture
from tests.serve.test_serve_api import _Headers


def raw(api: apimod.Api, path: str) -> str:
    resp = api.handle(apimod.Request("GET", path, _Headers(), b""))
    assert resp.code == 200, resp.body
    return resp.body.decode()


def test_the_default_namespace_as_recorded(api: apimod.Api) -> None:
    ns = json.loads(raw(api, "/api/v1/namespaces/default"))
    md = ns["metadata"]
    # The recording's bytes with its uid, resourceVersion and times (tests/golden/k8s-scenarios/17-auth-and-discovery)
    recorded = (
        '{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"default","uid":"%s","resourceVersion":"%s",'
        '"creationTimestamp":"%s","labels":{"kubernetes.io/metadata.name":"default"},"managedFields":[{"manager":'
        '"kube-apiserver","operation":"Update","apiVersion":"v1","time":"%s","fieldsType":"FieldsV1","fieldsV1":'
        '{"f:metadata":{"f:labels":{".":{},"f:kubernetes.io/metadata.name":{}}}}}]},"spec":{"finalizers":'
        '["kubernetes"]},"status":{"phase":"Active"}}\n') % (md["uid"], md["resourceVersion"],
                                                           md["creationTimestamp"], md["creationTimestamp"])
    assert raw(api, "/api/v1/namespaces/default") == recorded


def test_a_container_in_struct_order_and_inlined_volume_sources() -> None:
    pod = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "labels": {"b": "1", "a": "2"}},
           "spec": {"containers": [{"env": [{"name": "X", "value": "1"}], "envFrom": [{"configMapRef": {"name": "c"}}],
                                    "image": "nginx", "name": "c"}],
                    "volumes": [{"configMap": {"name": "c"}, "name": "v"}]},
           "status": {"phase": "Pending"}}
    out = goorder.ordered(pod)
    assert list(out) == ["kind", "apiVersion", "metadata", "spec", "status"]
    assert list(out["spec"]) == ["volumes", "containers"]
    assert list(out["spec"]["containers"][0]) == ["name", "image", "envFrom", "env"]
    assert list(out["spec"]["volumes"][0]) == ["name", "configMap"]  # VolumeSource is inlined after name
    assert out["metadata"]["labels"] == {"b": "1", "a": "2"}  # a map: kept as given (stored sorted)
    assert out == pod


def test_lists_order_their_items_and_unknown_kinds_stay_as_they_are(api: apimod.Api) -> None:
    listed = raw(api, "/api/v1/namespaces")
    assert listed.startswith('{"kind":"NamespaceList","apiVersion":"v1","metadata":{"resourceVersion":')
    assert '"items":[{' in listed and '"metadata":{"name":"default","uid":' in listed
    custom = {"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "w"}, "spec": {"z": 1, "a": 2}}
    assert goorder.ordered(custom) is custom
    extra = {"kind": "ConfigMap", "apiVersion": "v1", "zzz": 1, "data": {"k": "v"}, "metadata": {"name": "c"}}
    assert list(goorder.ordered(extra)) == ["kind", "apiVersion", "metadata", "data", "zzz"]
