"""Server-side apply's field manager (derived from structured-merge-diff; the ConfigMap conflict texts are recorded
in scenario 20-server-side-apply, replayed by tests/scenarios and tests/serve): field sets of keyed lists, what an
apply removes, conflicts and forcing, and the 409 Status `pykubectl serve` answers an apply patch with."""

from __future__ import annotations

import json

import pytest
import yaml

from pykubectl.apiserver import fieldmanager
from pykubectl.serve import api as apimod
from tests.serve.test_serve_api import api  # noqa: F401 - the fixture
from tests.serve.test_serve_api import _Headers

NOW = "2026-11-22T10:00:00Z"
DEPLOY = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "labels": {"app": "web"}},
          "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "web"}},
                   "template": {"metadata": {"labels": {"app": "web"}},
                                "spec": {"containers": [{"name": "c", "image": "nginx:1",
                                                         "ports": [{"containerPort": 80}]}]}}}}


def test_field_set_of_a_deployment_keys_containers_and_ports() -> None:
    obj = fieldmanager.apply(None, DEPLOY, "kubectl", False, NOW)
    [entry] = obj["metadata"]["managedFields"]
    assert (entry["manager"], entry["operation"], entry["apiVersion"], entry["fieldsType"]) == (
        "kubectl", "Apply", "apps/v1", "FieldsV1")
    containers = entry["fieldsV1"]["f:spec"]["f:template"]["f:spec"]["f:containers"]
    assert containers == {'k:{"name":"c"}': {".": {}, "f:image": {}, "f:name": {},
                                             "f:ports": {'k:{"containerPort":80,"protocol":"TCP"}': {".": {}, "f:containerPort": {}}}}}
    assert entry["fieldsV1"]["f:metadata"] == {"f:labels": {"f:app": {}}}
    assert "f:apiVersion" not in entry["fieldsV1"] and "f:kind" not in entry["fieldsV1"]


def test_a_second_manager_conflicts_on_a_different_value_and_forcing_takes_the_field() -> None:
    live = fieldmanager.apply(None, DEPLOY, "kubectl", False, NOW)
    theirs = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
              "spec": {"template": {"spec": {"containers": [{"name": "c", "image": "nginx:2"}]}}}}
    with pytest.raises(fieldmanager.ApplyConflict) as e:
        fieldmanager.apply(live, theirs, "ci", False, NOW)
    assert e.value.detail == ('Apply failed with 1 conflict: conflict with "kubectl": '
                              '.spec.template.spec.containers[name="c"].image')
    # The same value is no conflict: both manage it.
    same = json.loads(json.dumps(theirs).replace("nginx:2", "nginx:1"))
    shared = fieldmanager.apply(live, same, "ci", False, NOW)
    assert [m["manager"] for m in shared["metadata"]["managedFields"]] == ["kubectl", "ci"]
    forced = fieldmanager.apply(live, theirs, "ci", True, NOW)
    assert forced["spec"]["template"]["spec"]["containers"][0]["image"] == "nginx:2"
    assert forced["spec"]["template"]["spec"]["containers"][0]["ports"] == [{"containerPort": 80}]
    kubectl = forced["metadata"]["managedFields"][0]["fieldsV1"]
    assert "f:image" not in kubectl["f:spec"]["f:template"]["f:spec"]["f:containers"]['k:{"name":"c"}']


def test_an_apply_removes_what_its_manager_no_longer_sets_unless_another_manages_it() -> None:
    live = fieldmanager.apply(None, DEPLOY, "kubectl", False, NOW)
    labels = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "labels": {"team": "a"}}}
    live = fieldmanager.apply(live, labels, "labeller", False, NOW)
    smaller = json.loads(json.dumps(DEPLOY))
    del smaller["spec"]["replicas"]
    smaller["metadata"]["labels"] = {"team": "a"}
    after = fieldmanager.apply(live, smaller, "kubectl", False, NOW)
    assert "replicas" not in after["spec"]
    assert after["metadata"]["labels"] == {"team": "a"}  # app went with kubectl's claim; team stays


def _apply(api: apimod.Api, path: str, obj: dict, **query: str) -> tuple[int, dict]:
    qs = "&".join(f"{k}={v}" for k, v in query.items())
    resp = api.handle(apimod.Request("PATCH", f"{path}?{qs}", _Headers({"Content-Type": "application/apply-patch+yaml"}),
                                     yaml.safe_dump(obj).encode()))
    return resp.code, json.loads(resp.body)


def test_apply_patches_through_the_api(api: apimod.Api) -> None:
    path = "/apis/apps/v1/namespaces/default/deployments/web"
    code, obj = _apply(api, path, DEPLOY, fieldManager="kubectl")
    assert code == 201 and obj["metadata"]["managedFields"][0]["manager"] == "kubectl"
    assert obj["spec"]["strategy"]["type"] == "RollingUpdate"  # defaulted as any create
    bump = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"}, "spec": {"replicas": 5}}
    code, st = _apply(api, path, bump, fieldManager="autoscaler")
    assert (code, st["reason"], st["details"]) == (409, "Conflict", {"causes": [
        {"reason": "FieldManagerConflict", "message": 'conflict with "kubectl"', "field": ".spec.replicas"}]})
    code, obj = _apply(api, path, bump, fieldManager="autoscaler", force="true")
    assert (code, obj["spec"]["replicas"]) == (200, 5)
    code, st = _apply(api, path, bump)
    assert (code, st["reason"]) == (422, "Invalid") and "fieldManager: Required value" in st["message"]
