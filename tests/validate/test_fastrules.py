"""The yes/no check of common specs (pykubectl/validate/fastrules.py) against the exact rules: wherever it says
"certainly valid", the exact rules find nothing, so `validate` reports the same with and without it.

Each test perturbs every field of pod templates (one at a time: another value, removed, an extra field the rules
read, a list item repeated or dropped), keeps what the decoder accepts (validate judges nothing else by the
rules), and compares the API server's create errors with and without the fast check, and the fast check's "yes"
with the exact spec rules."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, Iterator

import pytest

from pykubectl.api import registry, schema, validation
from pykubectl.apiserver import pipeline
from pykubectl.validate import fastcheck, fastrules, loader

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"

RICH = """
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 3
  minReadySeconds: 5
  progressDeadlineSeconds: 600
  revisionHistoryLimit: 4
  selector:
    matchLabels: {app: web, tier: front}
  strategy:
    type: RollingUpdate
    rollingUpdate: {maxSurge: 1, maxUnavailable: 25%}
  template:
    metadata:
      labels: {app: web, tier: front}
      annotations: {example.com/owner: team}
    spec:
      serviceAccountName: web
      terminationGracePeriodSeconds: 20
      nodeSelector: {kubernetes.io/os: linux}
      securityContext: {runAsNonRoot: true, runAsUser: 1000, fsGroup: 2000}
      tolerations:
      - {key: dedicated, operator: Equal, value: web, effect: NoSchedule}
      - {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 30}
      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 50
            podAffinityTerm:
              topologyKey: kubernetes.io/hostname
              labelSelector: {matchLabels: {app: web}}
      imagePullSecrets: [{name: regcred}]
      containers:
      - name: web
        image: nginx:1.27
        imagePullPolicy: IfNotPresent
        command: [nginx]
        args: [-g, daemon off;]
        ports:
        - {name: http, containerPort: 8080, protocol: TCP}
        - {name: metrics, containerPort: 9090}
        env:
        - {name: MODE, value: prod}
        - name: POD_NAME
          valueFrom: {fieldRef: {fieldPath: metadata.name}}
        - name: LEVEL
          valueFrom: {configMapKeyRef: {name: web-config, key: level}}
        - name: TOKEN
          valueFrom: {secretKeyRef: {name: web-secret, key: token}}
        envFrom:
        - configMapRef: {name: web-env}
        resources:
          requests: {cpu: 100m, memory: 128Mi}
          limits: {cpu: 500m, memory: 512Mi}
        livenessProbe:
          httpGet: {path: /healthz, port: http}
          initialDelaySeconds: 10
          periodSeconds: 10
        readinessProbe:
          tcpSocket: {port: 8080}
          successThreshold: 2
        startupProbe:
          exec: {command: [cat, /tmp/ready]}
          failureThreshold: 30
        volumeMounts:
        - {name: config, mountPath: /etc/config, readOnly: true}
        - {name: cache, mountPath: /cache}
        - {name: data, mountPath: /data}
        securityContext:
          allowPrivilegeEscalation: false
          readOnlyRootFilesystem: true
          capabilities: {drop: [ALL]}
      - name: sidecar
        image: busybox
        args: [sleep, infinity]
      volumes:
      - name: config
        configMap: {name: web-config, items: [{key: a, path: a.txt}]}
      - name: cache
        emptyDir: {}
      - name: data
        persistentVolumeClaim: {claimName: web-data}
      - name: secret
        secret: {secretName: web-secret, defaultMode: 0400}
      - name: host
        hostPath: {path: /var/log}
      - name: info
        downwardAPI: {items: [{path: labels, fieldRef: {fieldPath: metadata.labels}}]}
      - name: token
        projected: {sources: [{serviceAccountToken: {path: token}}]}
"""

SERVICES = [
    """
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web, tier: front}
  ports:
  - {name: http, port: 80, targetPort: http}
  - {name: metrics, port: 9090, targetPort: 9090, protocol: TCP}
  - {name: dns, port: 53, protocol: UDP}
""",
    """
apiVersion: v1
kind: Service
metadata: {name: web-np}
spec:
  type: NodePort
  externalTrafficPolicy: Local
  internalTrafficPolicy: Local
  ipFamilyPolicy: PreferDualStack
  selector: {app: web}
  publishNotReadyAddresses: true
  ports:
  - {port: 8080}
""",
    """
apiVersion: v1
kind: Service
metadata: {name: web-lb}
spec:
  type: LoadBalancer
  allocateLoadBalancerNodePorts: false
  ipFamilies: [IPv4]
  ports:
  - {name: https, port: 443, targetPort: 8443}
  - {name: kubelet-like, port: 10255, targetPort: 10250, protocol: SCTP}
""",
]
SERVICE_EXTRA = {
    "spec": {"clusterIP": "None", "clusterIPs": ["10.96.0.10"], "externalIPs": ["1.2.3.4"], "externalName": "x",
             "sessionAffinityConfig": {"clientIP": {"timeoutSeconds": 0}}, "loadBalancerClass": "a/b",
             "healthCheckNodePort": 30000, "trafficDistribution": "Other", "loadBalancerSourceRanges": ["x"],
             "ipFamilies": ["IPv6"], "allocateLoadBalancerNodePorts": True, "externalTrafficPolicy": "Local",
             "sessionAffinity": "ClientIP"},
    "ports": {"nodePort": 30080, "appProtocol": "bad proto", "name": "", "port": 10250},
}

# Values a field is set to: valid and invalid strings, numbers at and past the rules' bounds, other shapes.
VALUES: list[Any] = [
    "", "x", "web", "Bad_Name", "-web", "a" * 64, "a" * 16, "http", "80", "8080", "TCP", "tcp", "UDP", "SCTP",
    "Always", "Never", "OnFailure", "None", "Default", "Recreate", "RollingUpdate", "File", "HTTP", "HTTPS", "25%",
    "101%", "0%", "1.5", "100m", "1Gi", "-1", "a=b", "metadata.name", "spec.nodeName", "v2", "NoExecute", "Exists",
    "CAP_SYS_ADMIN", "/", "..", 0, 1, -1, 2, 5, 600, 65535, 65536, 2**31, True, False, None, [], {}, ["x"], {"a": "b"},
]
# Fields some rule reads that the fast check does not reason about, added where they may go.
EXTRA = {
    "spec": {"paused": True, "minReadySeconds": 700},
    "template.spec": {"initContainers": [{"name": "init", "image": "busybox"}], "hostNetwork": True,
                      "dnsConfig": {"nameservers": ["1.1.1.1"]}, "activeDeadlineSeconds": 5, "hostname": "Bad_Host",
                      "os": {"name": "windows"}, "ephemeralContainers": [{"name": "e", "image": "x"}],
                      "hostPID": True, "shareProcessNamespace": True, "topologySpreadConstraints": [{}],
                      "readinessGates": [{"conditionType": "bad type"}], "nodeName": "Bad_Node",
                      "hostAliases": [{"ip": "x"}], "schedulingGates": [{"name": "a"}, {"name": "a"}]},
    "container": {"lifecycle": {"preStop": {"sleep": {"seconds": 0}}}, "restartPolicy": "Always",
                  "volumeDevices": [{"name": "data", "devicePath": "/dev/x"}], "stdin": True,
                  "resizePolicy": [{"resourceName": "cpu", "restartPolicy": "NotRequired"}]},
    "port": {"hostPort": 80, "hostIP": "10.0.0.1"},
    "toleration": {"value": "Bad Value!", "tolerationSeconds": 10, "key": "", "operator": "Exists"},
    "env": {"value": "x", "valueFrom": {"resourceFieldRef": {"resource": "limits.cpu"}}},
    "mount": {"subPath": "../x", "mountPropagation": "Bidirectional", "recursiveReadOnly": "Enabled"},
    "probe": {"grpc": {"port": 9000}, "terminationGracePeriodSeconds": 0, "successThreshold": 2,
              "timeoutSeconds": -1, "httpGet": {"path": "/", "port": 80}},
    "securityContext": {"privileged": True, "windowsOptions": {"hostProcess": True},
                        "seccompProfile": {"type": "Bad"}, "capabilities": {"add": ["CAP_SYS_ADMIN"]}},
    "podSecurityContext": {"sysctls": [{"name": "bad"}], "supplementalGroups": [-1],
                           "fsGroupChangePolicy": "Sometimes"},
}


def _examples(api_version: str, kind: str, rich: str) -> list[dict]:
    """The rich example first, then every such object of the fixtures, a few of the benchmark corpus and the
    real-world manifests."""
    docs = [d.obj for d in loader.load(rich, "rich.yaml")[0]]
    sources = sorted((ROOT / "fixtures").rglob("*.yaml"))
    corpus = SHARED / "bench-corpus" / "validate-2000"
    if corpus.is_dir():
        sources += sorted(corpus.glob(f"*-{kind.lower()}.yaml"))[:12]
    real = SHARED / "realworld-manifests"
    if real.is_dir():
        sources += sorted(real.rglob("*.yaml"))
    for path in sources:
        try:
            found = loader.load(path.read_text(encoding="utf-8"), str(path))[0]
        except (OSError, UnicodeDecodeError):
            continue
        docs += [d.obj for d in found if isinstance(d.obj, dict) and d.obj.get("kind") == kind
                 and d.obj.get("apiVersion") == api_version]
    return docs


def _kind(obj: dict | None = None) -> Any:
    obj = obj or {"apiVersion": "apps/v1", "kind": "Deployment"}
    return registry.by_api_version_kind(obj["apiVersion"], obj["kind"], custom=False)


def _spec_errors(obj: dict) -> list[str]:
    rules = validation._validate_deployment if obj["kind"] == "Deployment" else validation._validate_service
    return [str(e) for e in rules(obj)]


def _judge(obj: dict) -> tuple[list[str], list[str], bool, list[str]]:
    """(errors without the fast check, errors with it, its answer, the exact spec rules' errors), as validate
    runs them: the object is defaulted on the way, in place of a copy."""
    slow, fast = copy.deepcopy(obj), copy.deepcopy(obj)
    kind = _kind(obj)
    expected = [str(e) for e in pipeline.create_errors_offline(slow, kind)]
    answers: list[bool] = []

    def spy(o: dict) -> bool:
        answers.append(fastrules.spec_certainly_valid(o))
        return answers[-1]

    null_free = fastcheck.decodes_cleanly(fast, kind, True) == fastcheck.CLEAN_NULL_FREE
    if null_free:
        assert not _holds_none(fast)
    got = [str(e) for e in pipeline.create_errors_offline(fast, kind, spy, null_free)]
    spec_errors = _spec_errors(fast) if answers and answers[0] else []
    return expected, got, bool(answers and answers[0]), spec_errors


def _holds_none(obj: Any) -> bool:
    if obj is None:
        return True
    items = obj.values() if isinstance(obj, dict) else obj if isinstance(obj, list) else ()
    return any(_holds_none(v) for v in items)


def _places(obj: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """(path, value) of every field and list item below ``obj``."""
    items = obj.items() if isinstance(obj, dict) else enumerate(obj) if isinstance(obj, list) else ()
    for k, v in items:
        yield path + (k,), v
        yield from _places(v, path + (k,))


def _at(obj: Any, path: tuple) -> Any:
    for k in path:
        obj = obj[k]
    return obj


def _service_mutants(obj: dict) -> Iterator[dict]:
    for m in _mutants(obj, every_value=True):
        yield m
    for where, fields in SERVICE_EXTRA.items():
        targets = [("spec",)] if where == "spec" else [("spec", "ports", i) for i in range(len(obj["spec"]["ports"]))]
        for path in targets:
            for field, extra in fields.items():
                m = copy.deepcopy(obj)
                _at(m, path)[field] = copy.deepcopy(extra)
                yield m
    m = copy.deepcopy(obj)
    m["spec"]["ports"].append(copy.deepcopy(m["spec"]["ports"][0]) | {"name": "other"})  # same protocol and port
    yield m


def _mutants(obj: dict, every_value: bool) -> Iterator[dict]:
    spec_places = [(("spec",) + p, v) for p, v in _places(obj.get("spec"))]
    for n, (path, value) in enumerate(spec_places):
        parent_path, key = path[:-1], path[-1]
        # every value for the rich template; for the others a few per field, a different few for each field
        for i in range(len(VALUES) if every_value else 2):
            m = copy.deepcopy(obj)
            _at(m, parent_path)[key] = VALUES[i if every_value else (n * 7 + i * 13) % len(VALUES)]
            yield m
        m = copy.deepcopy(obj)
        parent = _at(m, parent_path)
        if isinstance(parent, dict):
            del parent[key]
        else:
            parent.pop(key)
        yield m
        if isinstance(value, list) and value:
            m = copy.deepcopy(obj)
            _at(m, path).append(copy.deepcopy(value[0]))  # duplicates: names, ports, mount paths
            yield m
        if isinstance(value, dict):
            for group, fields in EXTRA.items():
                if _fits(group, path, value):
                    for field, extra in fields.items():
                        m = copy.deepcopy(obj)
                        _at(m, path)[field] = copy.deepcopy(extra)
                        yield m


def _fits(group: str, path: tuple, value: dict) -> bool:
    tail = [p for p in path if isinstance(p, str)]
    if group == "spec":
        return path == ("spec",)
    if group == "template.spec":
        return tail[-2:] == ["template", "spec"]
    if group == "container":
        return len(tail) >= 1 and tail[-1] == "containers"
    if group == "toleration":
        return tail[-1:] == ["tolerations"]
    if group == "env":
        return tail[-1:] == ["env"]
    if group == "port":
        return tail[-1:] == ["ports"]
    if group == "mount":
        return tail[-1:] == ["volumeMounts"]
    if group == "probe":
        return tail[-1:] in (["livenessProbe"], ["readinessProbe"], ["startupProbe"])
    if group == "securityContext":
        return tail[-1:] == ["securityContext"] and "containers" in tail
    if group == "podSecurityContext":
        return tail[-1:] == ["securityContext"] and "containers" not in tail
    return False


def _decodes(obj: dict) -> bool:
    return schema.check(obj, _kind(obj), True) == []


def test_rich_template_takes_the_fast_path() -> None:
    """Every field the fast check reasons about, valid: it answers yes, and the exact rules agree."""
    obj = loader.load(RICH, "rich.yaml")[0][0].obj
    assert _decodes(obj)
    expected, got, answer, spec_errors = _judge(obj)
    assert answer and expected == got == [] and spec_errors == []


def test_fast_check_agrees_with_the_exact_rules_under_mutation() -> None:
    yes = no = invalid_seen = 0
    for n, obj in enumerate(_examples("apps/v1", "Deployment", RICH)):
        if not _decodes(obj):
            continue
        for m in [obj, *_mutants(obj, every_value=n == 0)]:
            if not _decodes(m):
                continue  # the decoder reports it before any rule runs
            expected, got, answer, spec_errors = _judge(m)
            assert got == expected, (m.get("metadata"), expected, got)
            if answer:
                assert spec_errors == [], spec_errors
                yes += 1
            else:
                no += 1
            invalid_seen += bool(expected)
    # The check is exercised both ways: most mutants of valid templates are refused by the rules (and by it), and
    # many are still valid and answered on the fast path.
    assert yes > 500 and no > 500 and invalid_seen > 300, (yes, no, invalid_seen)


@pytest.mark.parametrize("field,value", [
    ("replicas", -1), ("minReadySeconds", 700), ("progressDeadlineSeconds", 0), ("revisionHistoryLimit", -1),
])
def test_deployment_numbers(field: str, value: int) -> None:
    obj = loader.load(RICH, "rich.yaml")[0][0].obj
    obj["spec"][field] = value
    expected, got, answer, _ = _judge(obj)
    assert expected and got == expected and not answer


@pytest.mark.parametrize("strategy", [
    {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 0, "maxUnavailable": 0}},
    {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "0%", "maxUnavailable": 0}},
    {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1, "maxUnavailable": "150%"}},
    {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "1.5%", "maxUnavailable": 1}},
    {"type": "Recreate", "rollingUpdate": {"maxSurge": 1}},
    {"type": "Other"},
])
def test_deployment_strategies(strategy: dict) -> None:
    obj = loader.load(RICH, "rich.yaml")[0][0].obj
    obj["spec"]["strategy"] = strategy
    expected, got, answer, _ = _judge(obj)
    assert expected and got == expected and not answer


def test_null_free_answer() -> None:
    """The schema check says "null-free" only when no value anywhere is None (validate then skips decoding nulls)."""
    obj = loader.load(RICH, "rich.yaml")[0][0].obj
    kind = _kind(obj)
    assert fastcheck.decodes_cleanly(obj, kind, True) == fastcheck.CLEAN_NULL_FREE
    for path, _ in list(_places(obj)):
        m = copy.deepcopy(obj)
        _at(m, path[:-1])[path[-1]] = None
        assert fastcheck.decodes_cleanly(m, kind, True) != fastcheck.CLEAN_NULL_FREE, path
    m = copy.deepcopy(obj)
    m["metadata"]["annotations"] = {"a": "b"}
    m["spec"]["template"]["metadata"]["creationTimestamp"] = None
    assert fastcheck.decodes_cleanly(m, kind, True) == fastcheck.CLEAN


def test_service_check_agrees_with_the_exact_rules_under_mutation() -> None:
    rich = [loader.load(text, "svc.yaml")[0][0].obj for text in SERVICES]
    yes = no = 0
    for n, obj in enumerate(rich + _examples("v1", "Service", "")):
        if not _decodes(obj):
            continue
        for m in [obj, *(_service_mutants(obj) if n < len(rich) else _mutants(obj, every_value=False))]:
            if not _decodes(m):
                continue
            expected, got, answer, spec_errors = _judge(m)
            assert got == expected, (m, expected, got)
            if answer:
                assert spec_errors == [], spec_errors
                yes += 1
            else:
                no += 1
            if n < len(rich) and m is obj:
                assert answer, obj["metadata"]["name"]
    assert yes > 300 and no > 300, (yes, no)


def test_other_kinds_are_left_to_the_exact_rules() -> None:
    pod = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
           "spec": {"containers": [{"name": "c", "image": "x"}]}}
    assert not fastrules.spec_certainly_valid(pod)
    rs = loader.load(RICH, "rich.yaml")[0][0].obj
    assert fastrules.spec_certainly_valid(rs | {"spec": copy.deepcopy(rs["spec"])}) is False  # not defaulted
    rs["kind"] = "ReplicaSet"
    assert not fastrules.spec_certainly_valid(rs)


# ------------------------------------------------------------------------------------------------ raw Deployments

def _raw_judge(obj: dict) -> tuple[bool, int, list[str], list[str]]:
    """(the raw check's answer on the object as written, the schema check's answer, the create errors of the exact
    path without any fast check, those of the path the raw check's yes takes), each on its own copy."""
    answer = fastrules.raw_certainly_valid(copy.deepcopy(obj))
    try:
        kind = _kind(obj)
    except (registry.NoKindMatchError, TypeError, AttributeError, KeyError):  # not a kind this check knows
        assert not answer
        return answer, 0, [], []
    clean = fastcheck.decodes_cleanly(copy.deepcopy(obj), kind, True)
    exact = copy.deepcopy(obj)
    errors = [str(e) for e in pipeline.create_errors_offline(exact, kind)] if schema.check(exact, kind, True) == [] \
        else ["decode"]
    got = [str(e) for e in pipeline.create_errors_offline(copy.deepcopy(obj), kind, None, True, True)] if answer \
        else []
    if answer and fastrules.metadata_certainly_valid(copy.deepcopy(obj), kind.namespaced):
        assert errors == [], (obj, errors)  # the metadata check's yes: validate reports the document valid
        _META_YES[0] += 1
    return answer, clean, errors, got


_META_YES = [0]  # how many times the metadata check said yes


def _raw_mutants(obj: dict, every_value: bool) -> Iterator[dict]:
    yield from _mutants(obj, every_value)
    for path, _ in list(_places(obj.get("metadata"), ("metadata",))) + [(("status",), None)]:
        for i in range(len(VALUES) if every_value else 3):
            m = copy.deepcopy(obj)
            _at(m, path[:-1])[path[-1]] = VALUES[i if every_value else (len(path) * 11 + i * 17) % len(VALUES)]
            yield m
    long_value = "v" * (256 * 1024 - 40)
    for meta in ({"name": "a.b"}, {"name": "A"}, {"name": "a" * 63}, {"name": "a" * 64}, {"name": "a" * 254},
                 {"name": "-a"}, {"name": ""}, {"namespace": ""}, {"namespace": "a.b"}, {"namespace": "a" * 64},
                 {"labels": {}}, {"labels": {"a/b/c": "x"}}, {"labels": {"app": "x" * 64}}, {"annotations": {}},
                 {"annotations": {"Example.COM/Owner": "x"}}, {"annotations": {"bad key": "x"}},
                 {"annotations": {"a": long_value}}, {"annotations": {"a": long_value, "b": "v" * 64}},
                 {"generateName": "web-"}, {"finalizers": ["example.com/f"]}, {"generation": 1},
                 {"uid": "x"}, {"resourceVersion": "1"}):
        m = copy.deepcopy(obj)
        if isinstance(m.get("metadata"), dict):
            m["metadata"].update(meta)
            yield m
    for field, value in (("creationTimestamp", None), ("creationTimestamp", "2024-01-01T00:00:00Z"),
                         ("name", 5), ("namespace", "Bad_NS")):
        m = copy.deepcopy(obj)
        template = m.get("spec", {}).get("template") if isinstance(m.get("spec"), dict) else None
        if isinstance(template, dict) and isinstance(template.get("metadata", {}), dict):
            template.setdefault("metadata", {})[field] = value
            yield m


def _raw_rich() -> dict:
    """The rich template without the fields the raw check leaves to the usual path (affinity; downwardAPI,
    projected and hostPath volumes)."""
    obj = loader.load(RICH, "rich.yaml")[0][0].obj
    spec = obj["spec"]["template"]["spec"]
    del spec["affinity"]
    spec["volumes"] = [v for v in spec["volumes"] if v["name"] not in ("host", "info", "token")]
    return obj


def _assert_raw_sound(objects: list[tuple[dict, Iterator[dict]]]) -> tuple[int, int]:
    """Wherever the raw check says yes (before decoding nulls and defaults), the schema check finds the object
    clean with no null, and the exact create path finds what the metadata rules alone find: validate reports the
    same either way. Mutants the decoder refuses are kept (the raw check runs before the decoder)."""
    yes = no = 0
    for obj, mutants in objects:
        for m in [obj, *mutants]:
            answer, clean, errors, got = _raw_judge(m)
            if answer:
                assert clean == fastcheck.CLEAN_NULL_FREE and got == errors, (m, clean, errors, got)
                assert all(e.startswith("metadata") for e in errors), errors
                yes += 1
            else:
                no += 1
    return yes, no


def test_raw_deployment_check_is_sound_under_mutation() -> None:
    rich = _raw_rich()
    examples = [(rich, _raw_mutants(rich, every_value=True))]
    examples += [(obj, _raw_mutants(obj, every_value=False)) for obj in _examples("apps/v1", "Deployment", RICH)]
    before = _META_YES[0]
    yes, no = _assert_raw_sound(examples)
    assert yes > 1000 and no > 2000, (yes, no)
    assert _META_YES[0] - before > 500, _META_YES[0] - before


def test_raw_service_check_is_sound_under_mutation() -> None:
    rich = [loader.load(text, "svc.yaml")[0][0].obj for text in SERVICES]
    for obj in rich:
        assert fastrules.raw_certainly_valid(copy.deepcopy(obj)), obj
    examples = [(obj, _raw_service_mutants(obj)) for obj in rich]
    examples += [(obj, _raw_mutants(obj, every_value=False)) for obj in _examples("v1", "Service", "")]
    yes, no = _assert_raw_sound(examples)
    assert yes > 300 and no > 300, (yes, no)


def _raw_service_mutants(obj: dict) -> Iterator[dict]:
    yield from _service_mutants(obj)
    yield from _raw_mutants(obj, every_value=True)
    for port in range(len(obj["spec"]["ports"])):
        for target in (0, "", False, True, "0", None, 65536, -1, 1.0):
            m = copy.deepcopy(obj)
            m["spec"]["ports"][port]["targetPort"] = target
            yield m
        for protocol in ("", False, 0, None, "tcp"):
            m = copy.deepcopy(obj)
            m["spec"]["ports"][port]["protocol"] = protocol
            yield m


CONFIGMAP = """
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: team-a, labels: {app: web}, annotations: {example.com/note: x}}
immutable: false
data:
  app.properties: "a=1\\nb=2"
  LOG_LEVEL: info
  .hidden: "yes"
  unicode: "caf\\u00e9"
"""


def test_raw_configmap_check_is_sound_under_mutation() -> None:
    obj = loader.load(CONFIGMAP, "cm.yaml")[0][0].obj
    assert fastrules.raw_certainly_valid(copy.deepcopy(obj))

    def mutants(o: dict) -> Iterator[dict]:
        for path, _ in list(_places(o)):
            for value in VALUES:
                m = copy.deepcopy(o)
                _at(m, path[:-1])[path[-1]] = value
                yield m
        for key in ("", ".", "..", "a/b", "a" * 254, "a b", "ok-key_1.txt"):
            m = copy.deepcopy(o)
            m["data"][key] = "v"
            yield m
        for extra in ({"binaryData": {"b": "YQ=="}}, {"binaryData": {"LOG_LEVEL": "YQ=="}},
                      {"binaryData": {"a b": "YQ=="}}, {"binaryData": {"b": "Y"}}, {"data": None}, {"data": {}}, {"status": {}},
                      {"data": {"big": "x" * (1024 * 1024 + 1)}}, {"data": {"big": "\u00e9" * (512 * 1024 + 1)}},
                      {"data": {"big": "\u00e9" * (512 * 1024)}}):
            yield {**copy.deepcopy(o), **extra}

    examples = [(obj, mutants(obj))]
    for path in sorted((ROOT / "fixtures").rglob("*.yaml")):
        try:
            found = loader.load(path.read_text(encoding="utf-8"), str(path))[0]
        except (OSError, UnicodeDecodeError):
            continue
        examples += [(d.obj, iter(())) for d in found if isinstance(d.obj, dict) and d.obj.get("kind") == "ConfigMap"]
    yes, no = _assert_raw_sound(examples)
    assert yes > 20 and no > 100, (yes, no)


def test_raw_check_answers_yes_for_the_usual_shapes() -> None:
    """The rich template without the fields the raw check leaves to the usual path, every benchmark corpus
    Deployment that the spec check accepts, and the same with the fields the defaults fill written out or left
    empty."""
    assert not fastrules.raw_certainly_valid(loader.load(RICH, "rich.yaml")[0][0].obj)  # affinity
    obj = _raw_rich()
    spec = obj["spec"]["template"]["spec"]
    assert fastrules.raw_certainly_valid(copy.deepcopy(obj))
    c = spec["containers"][0]
    for written in ({"imagePullPolicy": ""}, {"terminationMessagePolicy": ""}, {"terminationMessagePath": "/x"},
                    {"resources": {}}):
        m = copy.deepcopy(obj)
        m["spec"]["template"]["spec"]["containers"][0].update(written)
        assert fastrules.raw_certainly_valid(m), written
    for written in ({"restartPolicy": "Always", "dnsPolicy": "ClusterFirst", "schedulerName": "default-scheduler",
                     "terminationGracePeriodSeconds": 30, "securityContext": {}},
                    {"restartPolicy": "", "dnsPolicy": ""}):
        m = copy.deepcopy(obj)
        m["spec"]["template"]["spec"].update(written)
        assert fastrules.raw_certainly_valid(m), written
    for strategy in ({}, {"type": ""}, {"type": "Recreate"}, {"type": "RollingUpdate"},
                     {"rollingUpdate": {"maxSurge": 0, "maxUnavailable": 1}}):
        m = copy.deepcopy(obj)
        m["spec"]["strategy"] = strategy
        assert fastrules.raw_certainly_valid(m), strategy
    del c["livenessProbe"]["httpGet"]["path"]
    assert fastrules.raw_certainly_valid(copy.deepcopy(obj))
    corpus = SHARED / "bench-corpus" / "validate-2000"
    if corpus.is_dir():
        for path in sorted(corpus.glob("*-deployment.yaml"))[:40]:
            for d in loader.load(path.read_text(encoding="utf-8"), str(path))[0]:
                expected, _, answer, _ = _judge(copy.deepcopy(d.obj)) if _decodes(d.obj) else ([1], [], False, [])
                assert fastrules.raw_certainly_valid(copy.deepcopy(d.obj)) == (answer and not expected), path


@pytest.mark.parametrize("change", [
    {"replicas": -1}, {"replicas": 2**31}, {"replicas": True}, {"minReadySeconds": 600},
    {"progressDeadlineSeconds": 0}, {"revisionHistoryLimit": "10"}, {"paused": "yes"},
    {"strategy": {"type": "Recreate", "rollingUpdate": {}}}, {"strategy": {"rollingUpdate": {"maxSurge": 0,
                                                                                             "maxUnavailable": 0}}},
    {"strategy": {"rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "101%"}}}, {"strategy": None},
    {"selector": {"matchLabels": {"app": "other"}}},
])
def test_raw_check_refuses(change: dict) -> None:
    obj = _raw_rich()
    assert fastrules.raw_certainly_valid(copy.deepcopy(obj))
    obj["spec"].update(change)
    assert not fastrules.raw_certainly_valid(obj)


def test_raw_check_follows_the_schema_version() -> None:
    """The raw check asks the schema in use whether it has every field it accepts, with the types it checks."""
    fastrules._raw_state.clear()
    original = fastrules._RAW_SCHEMA
    try:
        fastrules._RAW_SCHEMA = original + (("io.k8s.api.core.v1.Container", {"noSuchField": fastrules._STR}),)
        obj = _raw_rich()
        assert not fastrules.raw_certainly_valid(copy.deepcopy(obj))
        fastrules._raw_state.clear()
        fastrules._RAW_SCHEMA = original
        assert fastrules.raw_certainly_valid(obj)
    finally:
        fastrules._RAW_SCHEMA = original
        fastrules._raw_state.clear()
