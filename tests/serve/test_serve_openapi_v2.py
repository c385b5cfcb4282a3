"""/openapi/v2 through `pykubectl serve`: real kubectl 1.32 reads it (protobuf) for `explain
--output=plaintext-openapiv2`, and pykubectl's own explain prints the same from the same definitions; the
definitions are the real v1.32 server's swagger.json ones (the enum texts the dump lacks aside)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.serve.test_serve_kubectl import Served, needs_kubectl, serving

SWAGGER = Path(__file__).resolve().parents[3] / "shared" / "k8s-openapi" / "v1.32" / "swagger.json"


@pytest.fixture(scope="module")
def served():
    yield from serving("pykubectl-openapi-v2-test-")


EXPLAIN_V2 = [
    "pods", "pods.spec.containers", "deploy.spec.template.metadata.labels", "pods.spec.restartPolicy.foo",
    "pods.spec.foo", "deploy --api-version=apps/v1beta1", "crd.spec.versions.schema.openAPIV3Schema.default",
    "svc.spec.ports.targetPort", "deploy.spec --recursive", "crd.spec --recursive", "configmaps.data",
    "hpa --api-version=autoscaling/v1", "deployments.apps.spec.strategy", "deploy.apps.spec.strategy",
    "deployments.v1.apps.spec.strategy", "events.events.k8s.io", "deploy.spec --api-version=apps/v1",
]


@needs_kubectl
@pytest.mark.parametrize("args", EXPLAIN_V2)
def test_explain_plaintext_openapiv2_is_what_kubectl_prints_through_serve(served: Served, args: str) -> None:
    cmd = ["explain", *args.split(), "--output=plaintext-openapiv2"]
    real = served.kubectl(cmd)
    assert real[0].startswith("KIND:") or real[2] == 1, real
    assert served.pykubectl(cmd) == real


@needs_kubectl
def test_explain_of_a_custom_resource_reads_the_crds_schema(served: Served) -> None:
    crd = {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
           "metadata": {"name": "widgets.example.com"},
           "spec": {"group": "example.com", "scope": "Namespaced",
                    "names": {"plural": "widgets", "singular": "widget", "kind": "Widget"},
                    "versions": [{"name": "v1", "served": True, "storage": True, "schema": {"openAPIV3Schema": {
                        "type": "object", "description": "A widget.", "properties": {"spec": {
                            "type": "object", "required": ["size"], "properties": {
                                "size": {"type": "integer", "description": "How big."},
                                "tags": {"type": "array", "items": {"type": "string"}}}}}}}}]}}
    path = served.tmp / "crd.json"
    path.write_text(json.dumps(crd))
    assert served.kubectl(["apply", "-f", str(path)])[2] == 0
    for args in (["widgets"], ["widgets.spec"], ["widgets.spec.size"], ["widgets", "--recursive"]):
        cmd = ["explain", *args, "-o", "plaintext-openapiv2"]
        real = served.kubectl(cmd)
        assert real[2] == 0 and "KIND:     Widget" in real[0], real
        assert served.pykubectl(cmd) == real


def test_the_protobuf_and_json_forms_are_served(served: Served) -> None:
    auth = {"Authorization": f"Bearer {served.token}"}
    code, body = served.https("GET", "/openapi/v2", {**auth, "Accept": "application/json"})
    doc = json.loads(body)
    assert code == 200 and doc["swagger"] == "2.0" and "io.k8s.api.apps.v1.Deployment" in doc["definitions"]
    code, pb = served.https("GET", "/openapi/v2", {
        **auth, "Accept": "application/com.github.proto-openapi.spec.v2@v1.0+protobuf"})
    assert code == 200 and pb[:5] == b"\n\x032.0"  # field 1 (swagger), 3 bytes
    assert b"io.k8s.api.apps.v1.Deployment" in pb


@pytest.mark.skipif(not SWAGGER.is_file(), reason="the v1.32 OpenAPI dump (../shared/k8s-openapi) is not here")
def test_definitions_are_the_real_servers_but_for_the_enum_texts() -> None:
    from pykubectl.api import openapiv2

    real = json.loads(SWAGGER.read_text())["definitions"]
    ours = openapiv2.document({})["definitions"]
    assert set(ours) == set(real)

    def strip(s: object) -> object:
        if isinstance(s, dict):
            return {k: strip(v) for k, v in s.items() if k not in ("enum", "description")}
        if isinstance(s, list):
            return [strip(v) for v in s]
        return s

    assert {n: strip(d) for n, d in ours.items()} == {n: strip(d) for n, d in real.items()}
    # Descriptions differ only by the "Possible enum values" paragraphs the real server adds.
    pod = ours["io.k8s.api.core.v1.PodSpec"]["properties"]["restartPolicy"]
    assert pod["description"].startswith(real["io.k8s.api.core.v1.PodSpec"]["properties"]["restartPolicy"]
                                         ["description"])


@needs_kubectl
@pytest.mark.parametrize("args", ["deploy.apps.spec.strategy", "deployments.apps.spec.strategy",
                                  "deployments.v1.apps.spec.strategy", "hpa.autoscaling.spec", "pods.spec.nope",
                                  "deploy.spec --api-version=apps/v1"])
def test_explain_reads_type_and_fields_as_kubectl_does(served: Served, args: str) -> None:
    """kubectl's rule for TYPE.group: only the full plural.group prefix names the group; otherwise the words after
    the type are fields (plaintext, the v3 template)."""
    cmd = ["explain", *args.split()]
    assert served.pykubectl(cmd) == served.kubectl(cmd)
