"""Semantic validation: exact texts as `kubectl apply` prints them from a v1.32 API server."""

import copy

from pykubectl.api.defaults import apply_defaults, job_defaults
from pykubectl.api.validation import validate_create, validate_node_ports, validate_update
from pykubectl.errors import Invalid


def _deploy() -> dict:
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "web", "namespace": "default"},
        "spec": {
            "selector": {"matchLabels": {"app": "web"}},
            "template": {
                "metadata": {"labels": {"app": "web"}},
                "spec": {"containers": [{"name": "c", "image": "nginx", "ports": [{"containerPort": 80}]}]},
            },
        },
    }


def _msg(obj: dict) -> str:
    apply_defaults(obj)
    errs = validate_create(obj)
    # the Status message (the causes joined as "[a, b]"), not CheckErr's multi-line printing
    return "The " + Invalid(obj["kind"], obj["metadata"].get("name", ""), errs).detail


def test_valid_deployment_has_no_errors() -> None:
    d = _deploy()
    apply_defaults(d)
    assert validate_create(d) == []


def test_negative_replicas() -> None:
    d = _deploy()
    d["spec"]["replicas"] = -1
    assert _msg(d) == 'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0'


def test_missing_selector_also_reports_template_mismatch() -> None:
    d = _deploy()
    del d["spec"]["selector"]
    assert _msg(d) == (
        'The Deployment "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: '
        'Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`]'
    )


def test_empty_selector() -> None:
    d = _deploy()
    d["spec"]["selector"] = {}
    assert _msg(d) == (
        'The Deployment "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:'
        "map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: "
        "empty selector is invalid for deployment"
    )


def test_restart_policy_and_ports() -> None:
    d = _deploy()
    pod = d["spec"]["template"]["spec"]
    pod["restartPolicy"] = "Never"
    pod["containers"][0]["ports"][0].update(containerPort=70000, protocol="XX")
    assert _msg(d) == (
        'The Deployment "web" is invalid: ['
        "spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: "
        "must be between 1 and 65535, inclusive, "
        'spec.template.spec.containers[0].ports[0].protocol: Unsupported value: "XX": '
        'supported values: "SCTP", "TCP", "UDP", '
        'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"]'
    )


def test_max_surge_and_unavailable_zero() -> None:
    d = _deploy()
    d["spec"]["strategy"] = {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 0, "maxUnavailable": 0}}
    assert _msg(d) == (
        'The Deployment "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: '
        'intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0'
    )


def test_metadata_name_and_labels() -> None:
    d = _deploy()
    d["metadata"]["name"] = "Bad_Name"
    d["metadata"]["labels"] = {"a": "bad value!"}
    assert _msg(d) == (
        'The Deployment "Bad_Name" is invalid: [metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 '
        "subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an "
        "alphanumeric character (e.g. 'example.com', regex used for validation is "
        "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*'), "
        'metadata.labels: Invalid value: "bad value!": a valid label must be an empty string or consist of '
        "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character "
        "(e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is "
        "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')]"
    )


def test_missing_name() -> None:
    d = _deploy()
    del d["metadata"]["name"]
    apply_defaults(d)
    assert str(validate_create(d)[0]) == "metadata.name: Required value: name or generateName is required"


def test_containers_required_and_duplicates() -> None:
    d = _deploy()
    d["spec"]["template"]["spec"]["containers"].append({"name": "c", "image": ""})
    assert _msg(d) == (
        'The Deployment "web" is invalid: [spec.template.spec.containers[1].image: Required value, '
        'spec.template.spec.containers[1].name: Duplicate value: "c"]'
    )
    d = _deploy()
    d["spec"]["template"]["spec"]["containers"] = []
    assert _msg(d) == 'The Deployment "web" is invalid: spec.template.spec.containers: Required value'


def test_requests_above_limits_and_unknown_volume() -> None:
    d = _deploy()
    c = d["spec"]["template"]["spec"]["containers"][0]
    c["resources"] = {"limits": {"cpu": "1"}, "requests": {"cpu": "2"}}
    c["volumeMounts"] = [{"name": "data", "mountPath": "/data"}]
    assert _msg(d) == (
        'The Deployment "web" is invalid: [spec.template.spec.containers[0].volumeMounts[0].name: '
        'Not found: "data", spec.template.spec.containers[0].resources.requests: Invalid value: "2": '
        "must be less than or equal to cpu limit of 1]"
    )


def test_selector_is_immutable() -> None:
    old = _deploy()
    apply_defaults(old)
    new = copy.deepcopy(old)
    new["spec"]["selector"]["matchLabels"] = {"app": "v2"}
    new["spec"]["template"]["metadata"]["labels"] = {"app": "v2"}
    assert str(Invalid("Deployment", "web", validate_update(new, old))) == (
        'The Deployment "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:'
        'map[string]string{"app":"v2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable'
    )


def test_statefulset_forbidden_update() -> None:
    old = {
        "apiVersion": "apps/v1",
        "kind": "StatefulSet",
        "metadata": {"name": "db", "namespace": "default"},
        "spec": {
            "serviceName": "db",
            "selector": {"matchLabels": {"app": "db"}},
            "template": {"metadata": {"labels": {"app": "db"}}, "spec": {"containers": [{"name": "c", "image": "x"}]}},
        },
    }
    apply_defaults(old)
    assert validate_create(old) == []
    new = copy.deepcopy(old)
    new["spec"]["replicas"] = 3
    assert validate_update(new, old) == []
    new["spec"]["serviceName"] = "other"
    assert [str(e) for e in validate_update(new, old)] == [
        "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', "
        "'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"
    ]


def test_job_restart_policy() -> None:
    j = {
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": {"name": "j", "namespace": "default"},
        "spec": {"template": {"spec": {"containers": [{"name": "c", "image": "x"}]}}},
    }
    apply_defaults(j)
    job_defaults(j, "u1")
    assert [str(e) for e in validate_create(j)] == [
        'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'
    ]


def test_service() -> None:
    s = {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": "s", "namespace": "default"},
        "spec": {"ports": [{"port": 80}, {"port": 80, "name": "b"}], "type": "Foo"},
    }
    assert _msg(s) == (
        'The Service "s" is invalid: [spec.ports[0].name: Required value, spec.type: Unsupported value: "Foo": '
        'supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort", spec.ports[1]: Duplicate '
        'value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, '
        'TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}]'
    )
    bad_name = {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "1web", "namespace": "default"},
                "spec": {"ports": [{"port": 80}]}}
    assert _msg(bad_name).startswith(
        'The Service "1web" is invalid: metadata.name: Invalid value: "1web": a DNS-1035 label must consist of '
        "lower case alphanumeric characters or '-', start with an alphabetic character, and end with an "
        "alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is "
        "'[a-z]([-a-z0-9]*[a-z0-9])?')"
    )
    np = {"apiVersion": "v1", "kind": "Service", "spec": {"type": "NodePort", "ports": [{"port": 80, "nodePort": 80}]}}
    assert [str(e) for e in validate_node_ports(np)] == [
        "spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. "
        "The range of valid ports is 30000-32767"
    ]


def test_service_cluster_ip_immutable() -> None:
    old = {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s", "namespace": "default"},
           "spec": {"ports": [{"port": 80}], "clusterIP": "10.96.0.10", "clusterIPs": ["10.96.0.10"]}}
    apply_defaults(old)
    new = copy.deepcopy(old)
    new["spec"]["clusterIP"] = "10.96.0.11"
    new["spec"]["clusterIPs"] = ["10.96.0.11"]
    assert [str(e) for e in validate_update(new, old)] == [
        'spec.clusterIPs[0]: Invalid value: []string{"10.96.0.11"}: may not change once set'
    ]


def test_configmap_keys_size_and_immutable() -> None:
    cm = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", "namespace": "default"},
          "data": {"bad key": "x", "ok": "y" * 1048577}}
    assert _msg(cm) == (
        'The ConfigMap "c" is invalid: [data[bad key]: Invalid value: "bad key": a valid config key must consist '
        "of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex "
        "used for validation is '[-._a-zA-Z0-9]+'), []: Too long: may not be more than 1048576 bytes]"
    )
    old = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", "namespace": "default"},
           "data": {"a": "1"}, "immutable": True}
    new = copy.deepcopy(old)
    new["data"]["a"] = "2"
    assert [str(e) for e in validate_update(new, old)] == [
        "data: Forbidden: field is immutable when `immutable` is set"
    ]


def test_namespace_name_is_a_dns_label() -> None:
    ns = {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a.b"}}
    apply_defaults(ns)
    assert [str(e) for e in validate_create(ns)] == ['metadata.name: Invalid value: "a.b": must not contain dots']
