"""rollout on kinds it does not handle, and with -f, as real kubectl 1.32 answered through pykubectl serve
(2026-12-06): pause/resume only Deployments, restart/undo/history/status Deployments, StatefulSets and DaemonSets;
the others' refusals in kubectl's words (status, history and undo gather them after the rest: one reads "error: …",
several take a line each; pause, resume and restart print each as it comes)."""

from __future__ import annotations

MANIFEST = """apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: web}}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: nginx}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg}
"""


def test_one_object_of_another_kind(run) -> None:
    assert run(["create", "service", "clusterip", "web", "--tcp=80:80"]).code == 0
    cases = {
        "undo": 'error: error retrieving rollbacker for "Service", no visitor method exists for { Service}',
        "history": 'error: error retrieving history for "Service", no visitor method exists for { Service}',
        "status": "error: no status viewer has been implemented for Service",
        "pause": 'error: services "web" pausing is not supported',
        "resume": 'error: services "web" resuming is not supported',
        "restart": 'error: services "web" restarting is not supported',
    }
    for verb, err in cases.items():
        res = run(["rollout", verb, "svc/web"])
        assert (res.code, res.out, res.err) == (1, "", err + "\n"), verb


def test_files_mix_kinds(run, tmp_path) -> None:
    path = tmp_path / "app.yaml"
    path.write_text(MANIFEST)
    assert run(["apply", "-f", str(path)]).code == 0
    res = run(["rollout", "status", "-f", str(path)])
    assert (res.code, res.out) == (1, 'deployment "web" successfully rolled out\n')
    assert res.err == ("no status viewer has been implemented for Service\n"
                       "no status viewer has been implemented for ConfigMap\n")
    res = run(["rollout", "restart", "-f", str(path)])
    assert (res.code, res.out) == (1, "deployment.apps/web restarted\n")
    assert res.err == ('error: services "web" restarting is not supported\n'
                       'error: configmaps "cfg" restarting is not supported\n')
    res = run(["rollout", "history", "-f", str(path)])
    assert res.code == 1 and res.out.startswith("deployment.apps/web \nREVISION  CHANGE-CAUSE\n")
    assert res.err.splitlines()[0] == ('error retrieving history for "Service", no visitor method exists for '
                                       "{ Service}")
    res = run(["rollout", "pause", "deploy/web"])
    assert res.out == "deployment.apps/web paused\n"

