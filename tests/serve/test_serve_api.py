"""The REST layer of `pykubectl serve` in-process (no TLS): Status shapes, server-side Tables built from the
printers' column data, dry runs, paging, and what is not served yet."""

from __future__ import annotations

import json
import random

import pytest

from pykubectl import errors
from pykubectl.env import Env, parse_time
from pykubectl.errors import FieldError
from pykubectl.printers.table import format_table, print_table, table_data
from pykubectl.serve import api as apimod
from tests.conftest import FROZEN_NOW

DEPLOY = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "labels": {"app": "web"}},
          "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "web"}},
                   "template": {"metadata": {"labels": {"app": "web"}},
                                "spec": {"containers": [{"name": "c", "image": "nginx"}]}}}}
TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"


class _Headers(dict):
    def get(self, k: str, default: str = "") -> str:  # type: ignore[override]
        return super().get(k, default)


@pytest.fixture
def api(tmp_path):
    env = Env(store_url=str(tmp_path / "s.db"), frozen_now=parse_time(FROZEN_NOW), rand=random.Random(3))
    a = apimod.Api(env)
    yield a
    a.close()


def call(api: apimod.Api, method: str, target: str, body: object = None, **headers: str) -> tuple[int, dict]:
    h = _Headers({"Content-Type": "application/json", **{k.replace("_", "-"): v for k, v in headers.items()}})
    raw = json.dumps(body).encode() if body is not None and not isinstance(body, bytes) else (body or b"")
    resp = api.handle(apimod.Request(method, target, h, raw))
    return resp.code, json.loads(resp.body)


def test_invalid_is_a_422_status_with_causes_kubectl_prints() -> None:
    kind = type("K", (), {"group": "apps"})()
    err = errors.Invalid("Deployment", "web", [
        FieldError("spec.replicas", "Invalid value", "must be greater than or equal to 0", -1, True),
        FieldError("spec.template.spec.containers", "Required value")])
    assert apimod.status_of(err, kind) == {
        "kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
        "message": 'Deployment.apps "web" is invalid: [spec.replicas: Invalid value: -1: must be greater than or '
                   'equal to 0, spec.template.spec.containers: Required value]',
        "reason": "Invalid",
        "details": {"name": "web", "group": "apps", "kind": "Deployment", "causes": [
            {"reason": "FieldValueInvalid", "message": "Invalid value: -1: must be greater than or equal to 0",
             "field": "spec.replicas"},
            {"reason": "FieldValueRequired", "message": "Required value", "field": "spec.template.spec.containers"}]},
        "code": 422}


def test_not_found_and_already_exists_name_the_resource() -> None:
    st = apimod.status_of(errors.NotFound('deployments.apps "web" not found'))
    assert (st["code"], st["reason"], st["details"]) == (404, "NotFound",
                                                         {"name": "web", "group": "apps", "kind": "deployments"})
    st = apimod.status_of(errors.AlreadyExists('pods "p" already exists'))
    assert (st["code"], st["details"]) == (409, {"name": "p", "kind": "pods"})


def test_table_cells_are_the_printers_rows(api: apimod.Api) -> None:
    assert call(api, "POST", "/apis/apps/v1/namespaces/default/deployments", DEPLOY)[0] == 201
    code, table = call(api, "GET", "/apis/apps/v1/namespaces/default/deployments?limit=500", Accept=TABLE)
    assert code == 200 and table["kind"] == "Table"
    assert [(c["name"], c["priority"]) for c in table["columnDefinitions"]] == [
        ("Name", 0), ("Ready", 0), ("Up-to-date", 0), ("Available", 0), ("Age", 0), ("Containers", 1),
        ("Images", 1), ("Selector", 1)]
    assert table["rows"][0]["object"]["kind"] == "PartialObjectMetadata"
    with api.store.read() as tx:
        objs = tx.list("apps", "Deployment", "default")
    headers = [c["name"].upper() for c in table["columnDefinitions"]]
    assert format_table([headers] + [r["cells"] for r in table["rows"]]) == print_table(
        objs, "Deployment", now=api.env.now(), wide=True)
    cols, rows = table_data(objs, "Deployment", now=api.env.now())
    assert rows == [["web", "2/2", "2", "2", "0s", "c", "nginx", "app=web"]]


def test_create_ran_the_controllers_and_dry_run_writes_nothing(api: apimod.Api) -> None:
    dry = dict(DEPLOY, metadata={"name": "dry"})
    assert call(api, "POST", "/apis/apps/v1/namespaces/default/deployments?dryRun=All", dry)[0] == 201
    assert call(api, "GET", "/apis/apps/v1/namespaces/default/deployments/dry")[0] == 404
    call(api, "POST", "/apis/apps/v1/namespaces/default/deployments", DEPLOY)
    code, pods = call(api, "GET", "/api/v1/namespaces/default/pods?labelSelector=app%3Dweb")
    assert code == 200 and len(pods["items"]) == 2 and all(p["status"]["phase"] == "Running" for p in pods["items"])
    code, st = call(api, "POST", "/apis/apps/v1/namespaces/default/deployments", DEPLOY)
    assert (code, st["reason"], st["message"]) == (409, "AlreadyExists", 'deployments.apps "web" already exists')


def test_list_pages_with_limit_and_continue(api: apimod.Api) -> None:
    code, first = call(api, "GET", "/api/v1/namespaces?limit=3")
    assert [n["metadata"]["name"] for n in first["items"]] == ["default", "kube-node-lease", "kube-public"]
    token = first["metadata"]["continue"]
    code, rest = call(api, "GET", f"/api/v1/namespaces?limit=3&continue={token}")
    assert [n["metadata"]["name"] for n in rest["items"]] == ["kube-system"] and "continue" not in rest["metadata"]


def test_field_selector_the_server_does_not_know_is_its_bad_request(api: apimod.Api) -> None:
    code, st = call(api, "GET", "/api/v1/namespaces/default/pods?fieldSelector=foo%3Dbar")
    assert (code, st["reason"], st["message"]) == (400, "BadRequest", "field label not supported: foo")


def test_unknown_fields_strict_fails_warn_warns(api: apimod.Api) -> None:
    cm = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": {"a": "b"}, "foo": 1}
    code, st = call(api, "POST", "/api/v1/namespaces/default/configmaps?fieldValidation=Strict", cm)
    assert (code, st["reason"]) == (400, "BadRequest") and 'unknown field "foo"' in st["message"]
    h = _Headers({"Content-Type": "application/json"})
    resp = api.handle(apimod.Request("POST", "/api/v1/namespaces/default/configmaps", h, json.dumps(cm).encode()))
    assert resp.code == 201 and resp.headers == [("Warning", '299 - "unknown field \\"foo\\""')]


def test_not_served_yet_says_so(api: apimod.Api) -> None:
    code, st = call(api, "POST", "/api/v1/namespaces", b"k8s\x00\x0a\x07", Content_Type="application/vnd.kubernetes.protobuf")
    assert (code, st["reason"]) == (400, "BadRequest")
    code, st = call(api, "PATCH", "/apis/apps/v1/namespaces/default/deployments/web", b"{}",
                    Content_Type="application/x-unknown-patch")
    assert (code, st["reason"]) == (415, "UnsupportedMediaType")
    # A group/version no one serves: Go's plain-text 404 from the server's last handler; a served one: a Status.
    resp = api.handle(apimod.Request("GET", "/apis/nope.example.com/v1/things", _Headers({}), b""))
    assert (resp.code, resp.body, resp.content_type) == (404, b"404 page not found\n", "text/plain; charset=utf-8")
    code, st = call(api, "GET", "/apis/apps/v1/things")
    assert (code, st["reason"], st["message"]) == (404, "NotFound", "the server could not find the requested resource")


def test_delete_collection_deletes_what_the_selectors_select(api: apimod.Api) -> None:
    path = "/api/v1/namespaces/default/configmaps"
    for name, tier in (("a", "web"), ("b", "web"), ("c", "db")):
        call(api, "POST", path, {"metadata": {"name": name, "labels": {"tier": tier}}})
    code, listed = call(api, "DELETE", f"{path}?labelSelector=tier%3Dweb&dryRun=All")
    assert code == 200 and [o["metadata"]["name"] for o in listed["items"]] == ["a", "b"]
    assert call(api, "GET", f"{path}/a")[0] == 200  # the dry run deleted nothing
    code, listed = call(api, "DELETE", f"{path}?labelSelector=tier%3Dweb")
    assert (code, listed["kind"]) == (200, "ConfigMapList")
    names = [o["metadata"]["name"] for o in call(api, "GET", f"{path}?labelSelector=tier")[1]["items"]]
    assert names == ["c"]
