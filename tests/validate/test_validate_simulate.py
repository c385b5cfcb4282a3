"""validate --simulate: each kind of finding, node flags, and that the user's store is not touched; and
apply/create --dry-run=server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP = "fixtures/validate/simulate/app.yaml"


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def _findings(out: str) -> list[tuple[int, str, str]]:
    rep = json.loads(out)
    return [(d["document"], e["path"], e["message"]) for d in rep["documents"] for e in d["errors"]]


def test_simulate_reports_each_kind_of_finding(run, at_root) -> None:
    r = run(f"validate --simulate -o json {APP}")
    assert r.code == 1
    got = _findings(r.out)
    web = 'Deployment "web" would not become ready: '
    assert (2, "spec.template.spec.serviceAccountName", web + 'serviceaccount "web-robot" not found') in got
    assert (2, "spec.template.spec.volumes[1].persistentVolumeClaim.claimName",
            web + 'persistentvolumeclaim "web-data" not found') in got
    assert (2, "spec.template.spec.containers[0].envFrom[0].secretRef.name", web + 'secret "web-secrets" not found') in got
    assert (2, "spec.template.spec.containers[0].readinessProbe.httpGet.port",
            web + 'readinessProbe port "health" names no port of container "web"') in got
    # the ConfigMap it mounts is declared in the same file: no finding for it
    assert not any("web-config" in m for _, _, m in got)
    assert (3, "spec.template.spec.containers[0].env[0].valueFrom.configMapKeyRef.name",
            'Deployment "huge" would not become ready: configmap "feature-flags" not found') in got
    assert (3, "", 'Deployment "huge" would not become ready: pod unschedulable: 0/3 nodes are available: 1 node(s) '
                   "had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: "
                   "0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims "
                   "found for incoming pod.") in got
    assert (4, "spec.ports[1].targetPort", 'Service "web" has no endpoints for port 8081: targetPort "admin" names '
                                           "no container port of the selected pod templates") in got
    assert (5, "spec.selector", 'Service "orphan" has no endpoints: selector app=nothing matches no pod template') in got
    assert (6, "spec.rules[0].http.paths[1].backend.service.name",
            'Ingress "site" points at a missing backend: service "api" not found') in got
    assert (7, "spec.scaleTargetRef.name",
            'HorizontalPodAutoscaler "api" cannot scale: deployments.apps "api" not found') in got
    # (No pod of "web" is created at all: ServiceAccount admission refuses them, its account does not exist.)
    assert len(got) == 10


def test_simulate_positions_and_node_flags(run, at_root) -> None:
    r = run(f"validate --simulate {APP}")
    assert f"{APP}:121:13: document 6: spec.rules[0].http.paths[1].backend.service.name: " in r.out
    big = run(f"validate --simulate --nodes 2 --node-cpu 80 --node-memory 64Gi -o json {APP}")
    huge_unschedulable = 'Deployment "huge" would not become ready: pod unschedulable'
    assert not any(m.startswith(huge_unschedulable) for _, _, m in _findings(big.out))
    small = run(f"validate --simulate --nodes 1 --node-cpu 2 -o json {APP}")
    assert any(m.startswith('Deployment "huge" would not become ready: pod unschedulable: 0/2 nodes are available')
               for _, _, m in _findings(small.out))


def test_simulate_clean_app_and_store_untouched(run, tmp_path: Path) -> None:
    app = tmp_path / "ok.yaml"
    app.write_text("""apiVersion: apps/v1
kind: Deployment
metadata:
  name: ok
spec:
  replicas: 1
  selector:
    matchLabels: {app: ok}
  template:
    metadata:
      labels: {app: ok}
    spec:
      containers:
      - name: ok
        image: nginx
        ports:
        - {name: http, containerPort: 80}
---
apiVersion: v1
kind: Service
metadata:
  name: ok
spec:
  selector: {app: ok}
  ports:
  - {port: 80, targetPort: http}
""")
    r = run(["validate", "--simulate", "--summary", str(app)])
    assert (r.code, r.out) == (0, "Summary: 2 documents, 2 valid, 0 invalid, 0 errors, 0 skipped\n")
    assert run("get deployments").err == "No resources found in default namespace.\n"


def test_simulate_from_the_current_store(run, at_root, tmp_path) -> None:
    """--from-store starts from a copy of the user's cluster: what already exists there satisfies references,
    capacity already used there counts, and the user's store is left as it was."""
    app = tmp_path / "app.yaml"
    app.write_text("""apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx:1.25
        env:
        - name: MODE
          valueFrom: {configMapKeyRef: {name: settings, key: mode}}
""")
    missing = 'Deployment "web" would not become ready: configmap "settings" not found'
    r = run(["validate", "--simulate", "-o", "json", str(app)])
    assert r.code == 1 and any(m == missing for _, _, m in _findings(r.out))
    assert run("create configmap settings --from-literal=mode=fast").code == 0
    before = run("get all,cm -o yaml").out
    r = run(["validate", "--simulate", "--from-store", "-o", "json", str(app)])
    assert (r.code, _findings(r.out)) == (0, [])
    assert run("get all,cm -o yaml").out == before


def test_node_flags_need_simulate(run, at_root) -> None:
    r = run(f"validate --nodes 2 {APP}")
    assert r.code == 1 and r.err == "error: --from-store, --nodes, --node-cpu and --node-memory only apply with --simulate\n"


# ------------------------------------------------------------------------------------------------ dry-run=server

DEPLOY = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: {replicas}
  selector:
    matchLabels: {{app: web}}
  template:
    metadata:
      labels: {{app: web}}
    spec:
      containers:
      - {{name: web, image: nginx}}
"""


def test_apply_and_create_dry_run_server(run, tmp_path: Path) -> None:
    f = tmp_path / "web.yaml"
    f.write_text(DEPLOY.format(replicas=2))
    r = run(["apply", "-f", str(f), "--dry-run=server"])
    assert (r.code, r.out) == (0, "deployment.apps/web created (server dry run)\n")
    r = run(["create", "-f", str(f), "--dry-run=server"])
    assert (r.code, r.out) == (0, "deployment.apps/web created (server dry run)\n")
    assert run("get deployments").err == "No resources found in default namespace.\n"
    bad = tmp_path / "bad.yaml"
    bad.write_text(DEPLOY.format(replicas=-1))
    r = run(["apply", "-f", str(bad), "--dry-run=server"])
    assert r.code == 1
    assert r.err == 'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n'
    assert run(["apply", "-f", str(f)]).code == 0
    r = run(["create", "-f", str(f), "--dry-run=server"])
    assert (r.code, r.err) == (1, 'Error from server (AlreadyExists): error when creating "' + str(f)
                               + '": deployments.apps "web" already exists\n')
    f.write_text(DEPLOY.format(replicas=5))
    r = run(["apply", "-f", str(f), "--dry-run=server"])
    assert (r.code, r.out) == (0, "deployment.apps/web configured (server dry run)\n")
    assert "2/2" in run("get deployment web").out
