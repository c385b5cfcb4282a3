"""Write the validation corpus fixtures/validate/*.yaml: valid documents across the common kinds and invalid ones
for each error class, every invalid document preceded by ``# expect: <exact message>`` lines (one per error, in
the order ``pykubectl validate`` reports them). The expected texts are written here by hand, from the API
server's messages (k8s 1.32), not taken from pykubectl's output; tests/validate/test_corpus.py checks them.

    python tools/gen_validate_corpus.py   # rewrites fixtures/validate/corpus-*.yaml
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, Callable

import yaml

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "validate"

DNS1123_SUBDOMAIN = ("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
                     "and must start and end with an alphanumeric character (e.g. 'example.com', regex used for "
                     "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")
PORT_RANGE = "must be between 1 and 65535, inclusive"
NONNEG = "must be greater than or equal to 0"
CONFIG_KEY = ("a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or "
              "'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')")
QTY_RE = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"


def deployment(i: int) -> dict:
    app = ["web", "api", "worker", "cache", "auth"][i % 5]
    return {
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": f"{app}-{i}", "labels": {"app": app}},
        "spec": {
            "replicas": 1 + i % 4,
            "selector": {"matchLabels": {"app": app}},
            "template": {
                "metadata": {"labels": {"app": app}},
                "spec": {"containers": [{
                    "name": app, "image": f"registry.example.com/{app}:1.{i}",
                    "ports": [{"name": "http", "containerPort": 8080}],
                    "resources": {"requests": {"cpu": "100m", "memory": "64Mi"},
                                  "limits": {"cpu": "500m", "memory": "256Mi"}},
                }]},
            },
        },
    }


def service(i: int) -> dict:
    app = ["web", "api", "worker", "cache", "auth"][i % 5]
    return {"apiVersion": "v1", "kind": "Service", "metadata": {"name": f"{app}-svc-{i}"},
            "spec": {"selector": {"app": app}, "ports": [{"name": "http", "port": 80, "targetPort": "http"}]}}


def configmap(i: int) -> dict:
    return {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": f"settings-{i}"},
            "data": {"LOG_LEVEL": "info", "app.properties": f"threads={i}\n"}}


def secret(i: int) -> dict:
    return {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": f"creds-{i}"}, "type": "Opaque",
            "stringData": {"user": f"u{i}"}, "data": {"token": "c2VjcmV0"}}


def pod(i: int) -> dict:
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": f"tool-{i}", "labels": {"run": "tool"}},
            "spec": {"containers": [{"name": "tool", "image": "busybox:1.36", "command": ["sleep", "3600"]}],
                     "restartPolicy": "Never"}}


def statefulset(i: int) -> dict:
    return {"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": f"db-{i}"},
            "spec": {"serviceName": f"db-{i}", "replicas": 3, "selector": {"matchLabels": {"app": f"db-{i}"}},
                     "template": {"metadata": {"labels": {"app": f"db-{i}"}},
                                  "spec": {"containers": [{"name": "db", "image": "postgres:16"}]}}}}


def daemonset(i: int) -> dict:
    return {"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": f"agent-{i}"},
            "spec": {"selector": {"matchLabels": {"app": f"agent-{i}"}},
                     "template": {"metadata": {"labels": {"app": f"agent-{i}"}},
                                  "spec": {"containers": [{"name": "agent", "image": "agent:2"}]}}}}


def job(i: int) -> dict:
    return {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": f"migrate-{i}"},
            "spec": {"backoffLimit": 2, "template": {"spec": {
                "containers": [{"name": "migrate", "image": "migrate:1"}], "restartPolicy": "Never"}}}}


def cronjob(i: int) -> dict:
    return {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": f"report-{i}"},
            "spec": {"schedule": f"{i % 60} * * * *", "jobTemplate": {"spec": {"template": {"spec": {
                "containers": [{"name": "report", "image": "report:1"}], "restartPolicy": "OnFailure"}}}}}}


def namespace(i: int) -> dict:
    return {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": f"team-{i}"}}


def pvc(i: int) -> dict:
    return {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"name": f"data-{i}"},
            "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": f"{i + 1}Gi"}}}}


def serviceaccount(i: int) -> dict:
    return {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": f"robot-{i}"}}


def ingress(i: int) -> dict:
    return {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": f"site-{i}"},
            "spec": {"rules": [{"host": f"site{i}.example.com", "http": {"paths": [{
                "path": "/", "pathType": "Prefix",
                "backend": {"service": {"name": f"web-svc-{i}", "port": {"number": 80}}}}]}}]}}


def hpa(i: int) -> dict:
    return {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "metadata": {"name": f"web-{i}"},
            "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": f"web-{i}"},
                     "minReplicas": 1, "maxReplicas": 5}}


VALID: list[tuple[str, Callable[[int], dict], int]] = [
    ("deployments", deployment, 35), ("services", service, 25), ("configmaps", configmap, 15),
    ("secrets", secret, 8), ("pods", pod, 8), ("statefulsets", statefulset, 6), ("daemonsets", daemonset, 6),
    ("jobs", job, 6), ("cronjobs", cronjob, 6), ("namespaces", namespace, 6), ("pvcs", pvc, 6),
    ("serviceaccounts", serviceaccount, 4), ("ingresses", ingress, 4), ("hpas", hpa, 4),
]


def _set(obj: dict, path: str, value: Any) -> dict:
    """Set a dotted path (``spec.template.spec.containers.0.image``); ``value`` DELETE removes the key."""
    cur: Any = obj
    parts = path.split(".")
    for p in parts[:-1]:
        cur = cur[int(p)] if isinstance(cur, list) else cur.setdefault(p, {})
    last = parts[-1]
    if value is DELETE:
        del cur[last]
    elif isinstance(cur, list):
        cur[int(last)] = value
    else:
        cur[last] = value
    return obj


DELETE = object()
C0 = "spec.template.spec.containers.0"
CP = "spec.template.spec.containers[0]"


def _bad(base: Callable[[int], dict], i: int, changes: list[tuple[str, Any]], *expect: str) -> tuple[dict, list[str]]:
    obj = base(i)
    for path, value in changes:
        _set(obj, path, value)
    return obj, list(expect)


def invalid_cases() -> list[tuple[dict, list[str]]]:
    dec = 'Deployment in version "v1" cannot be handled as a Deployment: '
    svc = 'Service in version "v1" cannot be handled as a Service: '
    cm = 'ConfigMap in version "v1" cannot be handled as a ConfigMap: '
    po = 'Pod in version "v1" cannot be handled as a Pod: '
    cases: list[tuple[dict, list[str]]] = []
    n = 100
    for j in range(6):  # decoder: wrong types (several instances of each, as CI corpora have)
        n += 1
        cases.append(_bad(deployment, n, [("spec.replicas", str(j + 2))],
                          dec + "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32"))
        cases.append(_bad(service, n, [("spec.ports.0.port", f"p{j}")],
                          svc + "json: cannot unmarshal string into Go struct field ServicePort.spec.ports.port of type int32"))
        cases.append(_bad(configmap, n, [("data.MAX", j + 1)],
                          cm + "json: cannot unmarshal number into Go struct field ConfigMap.data of type string"))
    cases += [
        _bad(deployment, 120, [(f"{C0}.imagePullPolicy", True)],
             dec + "json: cannot unmarshal bool into Go struct field Container.spec.template.spec.containers.imagePullPolicy of type v1.PullPolicy"),
        _bad(deployment, 121, [(f"{C0}.ports.0.containerPort", "8080")],
             dec + "json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32"),
        _bad(deployment, 122, [("spec.template.spec.containers", {"name": "x"})],
             dec + "json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container"),
        _bad(deployment, 123, [("metadata.labels.tier", 3)],
             dec + "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string"),
        _bad(deployment, 124, [(f"{C0}.resources.limits.cpu", "lots")], dec + QTY_RE),
        _bad(pod, 125, [("spec.containers.0.command", "sleep 10")],
             po + "json: cannot unmarshal string into Go struct field Container.spec.containers.command of type []string"),
        _bad(service, 126, [("spec.ports.0.targetPort", True)],
             svc + "json: cannot unmarshal bool into Go struct field ServicePort.spec.ports.targetPort of type int32"),
        _bad(deployment, 127, [("spec.paused", "yes please")],
             dec + "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.paused of type bool"),
    ]
    for j, (path, field) in enumerate([("spec.replica", "spec.replica"), (f"{C0}.imagePullPolcy", f"{CP}.imagePullPolcy"),
                                       ("spec.template.spec.container", "spec.template.spec.container"),
                                       ("metadata.label", "metadata.label")]):
        cases.append(_bad(deployment, 130 + j, [(path, "x")], dec + f'strict decoding error: unknown field "{field}"'))
    cases.append(_bad(service, 135, [("spec.port", 80)], svc + 'strict decoding error: unknown field "spec.port"'))
    cases.append(_bad(configmap, 136, [("metadata.nmae", "x")], cm + 'strict decoding error: unknown field "metadata.nmae"'))
    # semantic rules
    inv = 'The Deployment "{}" is invalid: '
    d = lambda i: inv.format(deployment(i)["metadata"]["name"])  # noqa: E731
    cases += [
        _bad(deployment, 140, [("spec.replicas", -1)], d(140) + f"spec.replicas: Invalid value: -1: {NONNEG}"),
        _bad(deployment, 141, [("spec.replicas", -3)], d(141) + f"spec.replicas: Invalid value: -3: {NONNEG}"),
        _bad(deployment, 142, [(f"{C0}.image", DELETE)], d(142) + f"{CP}.image: Required value"),
        _bad(deployment, 143, [(f"{C0}.image", "")], d(143) + f"{CP}.image: Required value"),
        _bad(deployment, 144, [(f"{C0}.ports.0.containerPort", 70000)],
             d(144) + f"{CP}.ports[0].containerPort: Invalid value: 70000: {PORT_RANGE}"),
        _bad(deployment, 145, [(f"{C0}.imagePullPolicy", "Sometimes")],
             d(145) + f'{CP}.imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"'),
        _bad(deployment, 146, [("spec.template.spec.restartPolicy", "Never")],
             d(146) + 'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'),
        _bad(deployment, 147, [("metadata.name", "Web_App")],
             'The Deployment "Web_App" is invalid: metadata.name: Invalid value: "Web_App": ' + DNS1123_SUBDOMAIN),
        _bad(deployment, 148, [("spec.minReadySeconds", -5)], d(148) + f"spec.minReadySeconds: Invalid value: -5: {NONNEG}"),
        _bad(deployment, 149, [(f"{C0}.resources.requests.cpu", "2")],
             d(149) + f'{CP}.resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 500m'),
        _bad(deployment, 150, [("metadata.name", DELETE)],
             'The Deployment "" is invalid: metadata.name: Required value: name or generateName is required'),
    ]
    s = lambda i: f'The Service "{service(i)["metadata"]["name"]}" is invalid: '  # noqa: E731
    cases += [
        _bad(service, 160, [("spec.ports.0.port", 0)], s(160) + f"spec.ports[0].port: Invalid value: 0: {PORT_RANGE}"),
        _bad(service, 161, [("spec.ports.0.port", 65536)], s(161) + f"spec.ports[0].port: Invalid value: 65536: {PORT_RANGE}"),
        _bad(service, 162, [("spec.ports", DELETE)], s(162) + "spec.ports: Required value"),
        _bad(service, 163, [("spec.type", "Bogus")],
             s(163) + 'spec.type: Unsupported value: "Bogus": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"'),
        _bad(service, 164, [("spec.ports.0.protocol", "HTTP")],
             s(164) + 'spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"'),
    ]
    c = lambda i: f'The ConfigMap "{configmap(i)["metadata"]["name"]}" is invalid: '  # noqa: E731
    cases += [
        _bad(configmap, 170, [("data.bad key", "v")], c(170) + f'data[bad key]: Invalid value: "bad key": {CONFIG_KEY}'),
        _bad(configmap, 171, [("data.a/b", "v")], c(171) + f'data[a/b]: Invalid value: "a/b": {CONFIG_KEY}'),
    ]
    p = lambda i: f'The Pod "{pod(i)["metadata"]["name"]}" is invalid: '  # noqa: E731
    cases += [
        _bad(pod, 180, [("spec.containers", [])], p(180) + "spec.containers: Required value"),
        _bad(pod, 181, [("spec.restartPolicy", "Sometimes")],
             p(181) + 'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'),
        _bad(pod, 182, [("spec.containers.0.name", "Tool")],
             p(182) + 'spec.containers[0].name: Invalid value: "Tool": a lowercase RFC 1123 label must consist of lower '
                      "case alphanumeric characters or '-', and must start and end with an alphanumeric character "
                      "(e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"),
    ]
    cases += [
        _bad(statefulset, 190, [("spec.replicas", -2)],
             f'The StatefulSet "db-190" is invalid: spec.replicas: Invalid value: -2: {NONNEG}'),
        _bad(job, 191, [("spec.template.spec.restartPolicy", "Always")],
             'The Job "migrate-191" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'),
        _bad(namespace, 192, [("metadata.name", "Team-A")],
             'The Namespace "Team-A" is invalid: metadata.name: Invalid value: "Team-A": a lowercase RFC 1123 label must '
             "consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric "
             "character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"),
        _bad(pvc, 193, [("spec.accessModes", DELETE)],
             'The PersistentVolumeClaim "data-193" is invalid: spec.accessModes: Required value: at least 1 access mode is required'),
    ]
    # client-side checks and unserved kinds
    cases += [
        _bad(configmap, 195, [("kind", DELETE)],
             'error validating "{file}": error validating data: kind not set; if you choose to ignore these errors, '
             "turn validation off with --validate=false"),
        _bad(configmap, 196, [("apiVersion", DELETE)],
             'error validating "{file}": error validating data: apiVersion not set; if you choose to ignore these '
             "errors, turn validation off with --validate=false"),
        _bad(deployment, 197, [("apiVersion", "extensions/v1beta1")],
             'no matches for kind "Deployment" in version "extensions/v1beta1"; the served version is "apps/v1"'),
        _bad(deployment, 198, [("apiVersion", "apps/v1beta2")],
             'no matches for kind "Deployment" in version "apps/v1beta2"; the served version is "apps/v1"'),
        _bad(ingress, 199, [("apiVersion", "extensions/v1beta1")],
             'no matches for kind "Ingress" in version "extensions/v1beta1"; the served version is "networking.k8s.io/v1"'),
        _bad(configmap, 200, [("kind", "Widget"), ("apiVersion", "example.com/v1")],
             'no matches for kind "Widget" in version "example.com/v1"; ensure CRDs are installed first'),
    ]
    return cases


def dump(docs: list[tuple[dict, list[str]]], path: Path) -> None:
    parts = []
    for obj, expect in docs:
        head = "".join(f"# expect: {e.replace('{file}', path.relative_to(OUT.parent.parent).as_posix())}\n"
                       for e in expect)
        parts.append(head + yaml.safe_dump(obj, sort_keys=False, default_flow_style=False))
    path.write_text("---\n".join(parts))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("corpus-*.yaml"):
        old.unlink()
    for name, fn, count in VALID:
        dump([(fn(i), []) for i in range(count)], OUT / f"corpus-valid-{name}.yaml")
    cases = invalid_cases()
    per = 20
    for k in range(0, len(cases), per):
        dump(cases[k:k + per], OUT / f"corpus-invalid-{k // per + 1:02d}.yaml")
    print(f"{sum(c for _, _, c in VALID)} valid and {len(cases)} invalid documents in {OUT}")


if __name__ == "__main__":
    main()
