"""Decode-time checks: what the API server's strict JSON decoder says about a manifest."""

from __future__ import annotations

import copy
import time

import pytest

from pykubectl.api import registry, schema

DEPLOY = registry.resolve("deploy")

# `kubectl create deployment web --image=nginx --replicas=3 --dry-run=client -o yaml`
DEPLOYMENT = {
    "apiVersion": "apps/v1",
    "kind": "Deployment",
    "metadata": {"creationTimestamp": None, "labels": {"app": "web"}, "name": "web"},
    "spec": {
        "replicas": 3,
        "selector": {"matchLabels": {"app": "web"}},
        "strategy": {},
        "template": {
            "metadata": {"creationTimestamp": None, "labels": {"app": "web"}},
            "spec": {"containers": [{"image": "nginx", "name": "nginx", "resources": {}}]},
        },
    },
    "status": {},
}


def deployment(**changes: object) -> dict:
    """A copy of DEPLOYMENT with dotted paths set (``containers.0.x`` indexes lists)."""
    obj = copy.deepcopy(DEPLOYMENT)
    for path, value in changes.items():
        node: object = obj
        parts = path.split("__")
        for p in parts[:-1]:
            node = node[int(p)] if isinstance(node, list) else node[p]  # type: ignore[index]
        node[int(parts[-1]) if isinstance(node, list) else parts[-1]] = value  # type: ignore[index]
    return obj


C0 = "spec__template__spec__containers__0"


def test_valid_deployment() -> None:
    assert schema.check(DEPLOYMENT, DEPLOY) == []
    assert schema.decode_error(DEPLOYMENT, DEPLOY) is None


def test_unknown_field_message() -> None:
    obj = deployment(spec__replica=2)
    assert schema.check(obj, DEPLOY) == ['unknown field "spec.replica"']
    assert schema.decode_error(obj, DEPLOY) == (
        'Deployment in version "v1" cannot be handled as a Deployment: '
        'strict decoding error: unknown field "spec.replica"'
    )


def test_unknown_fields_joined_in_sorted_key_order_with_list_indexes() -> None:
    obj = deployment(**{"zzz": 1, "spec__replica": 2, C0 + "__imagePullPolcy": "Always", "metadata__labelz": {}})
    obj["spec"]["template"]["spec"]["containers"].append({"name": "b", "image": "b", "port": 80})
    assert schema.decode_error(obj, DEPLOY) == (
        'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: '
        'unknown field "metadata.labelz", unknown field "spec.replica", '
        'unknown field "spec.template.spec.containers[0].imagePullPolcy", '
        'unknown field "spec.template.spec.containers[1].port", unknown field "zzz"'
    )


def test_field_names_are_case_sensitive() -> None:
    assert schema.check(deployment(spec__Replicas=1), DEPLOY) == ['unknown field "spec.Replicas"']


def test_unknown_field_under_map_value_path() -> None:
    svc = {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"},
           "spec": {"ports": [{"port": 80, "targetPort": "http", "nodeport": 1}]}}
    assert schema.check(svc, registry.resolve("svc")) == ['unknown field "spec.ports[0].nodeport"']


def test_non_strict_ignores_unknown_fields() -> None:
    obj = deployment(spec__replica=2)
    assert schema.check(obj, DEPLOY, strict=False) == []
    assert schema.decode_error(obj, DEPLOY, strict=False) is None
    assert schema.unknown_fields(obj, DEPLOY) == ['unknown field "spec.replica"']


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"spec__replicas": "3"},
         "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32"),
        ({"spec__replicas": True},
         "json: cannot unmarshal bool into Go struct field DeploymentSpec.spec.replicas of type int32"),
        ({"spec__replicas": 1.5},
         "json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32"),
        ({"spec__replicas": 2**31},
         "json: cannot unmarshal number 2147483648 into Go struct field DeploymentSpec.spec.replicas of type int32"),
        ({"spec__replicas": [1]},
         "json: cannot unmarshal array into Go struct field DeploymentSpec.spec.replicas of type int32"),
        ({"metadata__labels": {"app": 1}},
         "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string"),
        ({"metadata__labels": "app=web"},
         "json: cannot unmarshal string into Go struct field ObjectMeta.metadata.labels of type map[string]string"),
        ({"spec": "x"},
         "json: cannot unmarshal string into Go struct field Deployment.spec of type v1.DeploymentSpec"),
        ({"spec__template__spec__containers": {"name": "x"}},
         "json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers "
         "of type []v1.Container"),
        ({C0 + "__args": ["a", 1]},
         "json: cannot unmarshal number into Go struct field Container.spec.template.spec.containers.args "
         "of type string"),
        ({C0 + "__ports": [{"containerPort": "80"}]},
         "json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports."
         "containerPort of type int32"),
        ({C0 + "__imagePullPolicy": 1},
         "json: cannot unmarshal number into Go struct field Container.spec.template.spec.containers."
         "imagePullPolicy of type v1.PullPolicy"),
        ({C0 + "__stdin": "yes"},
         "json: cannot unmarshal string into Go struct field Container.spec.template.spec.containers.stdin "
         "of type bool"),
    ],
)
def test_wrong_type(changes: dict, message: str) -> None:
    obj = deployment(**changes)
    assert schema.check(obj, DEPLOY) == [message]
    assert schema.decode_error(obj, DEPLOY) == (
        f'Deployment in version "v1" cannot be handled as a Deployment: {message}')


def test_integral_float_is_an_int() -> None:
    # kubectl re-marshals YAML's 3.0 as the JSON number 3
    assert schema.check(deployment(spec__replicas=3.0), DEPLOY) == []


def test_first_type_error_wins_and_hides_unknown_fields() -> None:
    obj = deployment(spec__replicas="3", spec__paused="no", metadata__bogus=1)
    assert schema.check(obj, DEPLOY) == [
        "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.paused of type bool"]


@pytest.mark.parametrize("value", ["25%", 1, 0, "1", None])
def test_int_or_string_accepts(value: object) -> None:
    obj = deployment(spec__strategy={"type": "RollingUpdate", "rollingUpdate": {"maxSurge": value}})
    assert schema.check(obj, DEPLOY) == []


@pytest.mark.parametrize(
    ("value", "desc"), [(True, "bool"), (1.5, "number 1.5"), ({"a": 1}, "object"), ([1], "array")])
def test_int_or_string_rejects(value: object, desc: str) -> None:
    obj = deployment(spec__strategy={"rollingUpdate": {"maxUnavailable": value}}, spec__replica=1)
    assert schema.check(obj, DEPLOY) == [
        f"json: cannot unmarshal {desc} into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate."
        "maxUnavailable of type int32"]


@pytest.mark.parametrize("value", ["100m", "1Gi", 1, 0.5, "1e3", "+1.5k", " 2 ", "1E"])
def test_quantity_accepts(value: object) -> None:
    obj = deployment(**{C0 + "__resources": {"limits": {"cpu": value}, "requests": {"memory": value}}})
    assert schema.check(obj, DEPLOY) == []


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("abc", "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"),
        ("1Mb", "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"),
        ("", "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"),
        (True, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"),
        ("1ki", "unable to parse quantity's suffix"),
        ("1e", "unable to parse quantity's suffix"),
    ],
)
def test_quantity_rejects(value: object, message: str) -> None:
    obj = deployment(**{C0 + "__resources": {"limits": {"cpu": value}}})
    assert schema.check(obj, DEPLOY) == [message]


def test_unmarshaler_error_beats_earlier_type_error() -> None:
    # "metadata" sorts before "spec", but a Quantity's UnmarshalJSON error aborts decoding and wins
    obj = deployment(metadata__labels={"app": 1}, **{C0 + "__resources": {"limits": {"cpu": "x"}}})
    assert schema.check(obj, DEPLOY)[0].startswith("quantities must match")


def test_times() -> None:
    assert schema.check(deployment(metadata__creationTimestamp="2024-01-02T03:04:05Z"), DEPLOY) == []
    assert schema.check(deployment(metadata__creationTimestamp="2024-01-02T03:04:05.5+02:00"), DEPLOY) == []
    assert schema.check(deployment(metadata__creationTimestamp="abc"), DEPLOY) == [
        'parsing time "abc" as "2006-01-02T15:04:05Z07:00": cannot parse "abc" as "2006"']
    assert schema.check(deployment(metadata__creationTimestamp="2024-13-01T00:00:00Z"), DEPLOY) == [
        'parsing time "2024-13-01T00:00:00Z": month out of range']
    assert schema.check(deployment(metadata__creationTimestamp="2024-01-02"), DEPLOY) == [
        'parsing time "2024-01-02" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T"']
    assert schema.check(deployment(metadata__creationTimestamp=5), DEPLOY) == [
        "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.creationTimestamp of type string"]


def test_secret_data_is_base64() -> None:
    secret = registry.resolve("secret")
    ok = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"}, "data": {"k": "aGVsbG8="}}
    assert schema.check(ok, secret) == []
    bad = copy.deepcopy(ok)
    bad["data"]["k"] = "abc$"
    assert schema.check(bad, secret) == ["illegal base64 data at input byte 3"]
    bad["data"]["k"] = "aGVsbG8"  # unpadded: the last quantum is incomplete
    assert schema.check(bad, secret) == ["illegal base64 data at input byte 4"]
    bad["data"]["k"] = 12
    assert schema.check(bad, secret) == [
        "json: cannot unmarshal number into Go struct field Secret.data of type []uint8"]


def test_preserve_unknown_fields_and_raw_extension() -> None:
    crd_kind = registry.resolve("crd")
    crd = {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
           "metadata": {"name": "foos.example.com"},
           "spec": {"group": "example.com", "names": {"kind": "Foo", "plural": "foos"}, "scope": "Namespaced",
                    "versions": [{"name": "v1", "served": True, "storage": True,
                                  "schema": {"openAPIV3Schema": {"type": "object",
                                                                 "x-kubernetes-preserve-unknown-fields": True,
                                                                 "default": {"anything": [1, "x"]}}}}]}}
    assert schema.check(crd, crd_kind) == []


def test_version_from_api_version() -> None:
    hpa = registry.resolve("hpa")
    v1 = {"apiVersion": "autoscaling/v1", "kind": "HorizontalPodAutoscaler", "metadata": {"name": "h"},
          "spec": {"maxReplicas": 3, "targetCPUUtilizationPercentage": 50,
                   "scaleTargetRef": {"kind": "Deployment", "name": "web", "apiVersion": "apps/v1"}}}
    assert schema.check(v1, hpa) == []
    v2 = dict(v1, apiVersion="autoscaling/v2")
    assert schema.decode_error(v2, hpa) == (
        'HorizontalPodAutoscaler in version "v2" cannot be handled as a HorizontalPodAutoscaler: '
        'strict decoding error: unknown field "spec.targetCPUUtilizationPercentage"')


def test_service_port_types() -> None:
    svc = {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"},
           "spec": {"ports": [{"port": "80", "targetPort": 8080}]}}
    assert schema.check(svc, registry.resolve("svc")) == [
        "json: cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32"]


def test_every_kind_has_a_schema_for_every_served_version() -> None:
    for k in registry.all_kinds():
        for v in k.versions:
            d = schema.kind_schema(k, v)
            assert {"group": k.group, "version": v, "kind": k.kind} in d["x-kubernetes-group-version-kind"]


def test_schema_keeps_markers_and_descriptions() -> None:
    spec = schema.load_definition("io.k8s.api.core.v1.PodSpec")
    containers = spec["properties"]["containers"]
    assert containers["x-kubernetes-patch-merge-key"] == "name"
    assert containers["x-kubernetes-patch-strategy"] == "merge"
    assert containers["x-kubernetes-list-type"] == "map"
    assert containers["x-kubernetes-list-map-keys"] == ["name"]
    assert "description" in spec["properties"]["restartPolicy"]
    ios = schema.load_definition("io.k8s.apimachinery.pkg.util.intstr.IntOrString")
    assert ios["format"] == "int-or-string"
    ref = containers["items"]["allOf"][0]["$ref"]
    assert schema.load_definition(schema.resolve_ref(ref))["properties"]["name"]["type"] == "string"


def test_check_is_fast() -> None:
    schema.check(DEPLOYMENT, DEPLOY)  # compile once
    n = 300
    start = time.perf_counter()
    for _ in range(n):
        schema.check(DEPLOYMENT, DEPLOY)
    assert (time.perf_counter() - start) / n < 0.001


@pytest.mark.parametrize(("value", "text"), [(3, "3"), (3.0, "3"), (1.5, "1.5"), (1e21, "1e+21"), (-2.5e-7, "-2.5e-7"), (1e-7, "1e-7"), (1e22, "1e+22"), (1e-6, "0.000001"), (123.25, "123.25")])
def test_go_number_literal(value: float, text: str) -> None:
    assert schema.go_number_literal(value) == text


def test_go_quote() -> None:
    assert schema.go_quote('a"b\\c\n\x01é') == '"a\\"b\\\\c\\n\\x01é"'
