"""expose --overrides/--override-type/-k and autoscale -f/-k/-R, as real kubectl 1.32 printed them through pykubectl
serve (client dry runs)."""

from __future__ import annotations

import json


def _deploy(run, kz) -> None:
    assert run(["apply", "-k", str(kz)]).code == 0
    assert run(["label", "deploy", "kz-web", "x=y"]).code == 0


def test_expose_merge_override_decodes_into_the_typed_object(run, kz) -> None:
    _deploy(run, kz)
    res = run(["expose", "deploy", "kz-web", "--port=80", "--dry-run=client", "-o", "json",
               '--overrides={"metadata":{"labels":{"o":"v"}},"spec":{"type":"NodePort"}}'])
    assert res.code == 0
    # Go writes map keys sorted: o before x.
    assert '"labels": {\n            "o": "v",\n            "x": "y"\n        }' in res.out
    assert json.loads(res.out)["spec"]["type"] == "NodePort"
    assert list(json.loads(res.out)["spec"]) == ["ports", "selector", "type"]


def test_expose_strategic_and_json_overrides(run, kz) -> None:
    _deploy(run, kz)
    res = run(["expose", "deploy", "kz-web", "--port=80", "--dry-run=client", "-o", "yaml",
               '--overrides={"spec":{"ports":[{"port":81}]}}', "--override-type=strategic"])
    assert "spec:\n  ports:\n  - port: 81\n    targetPort: 0\n  - port: 80\n    protocol: TCP\n    targetPort: 80\n" \
        in res.out
    res = run(["expose", "deploy", "kz-web", "--port=80", "--dry-run=client", "-o", "jsonpath={.spec.type}",
               '--overrides=[{"op":"add","path":"/spec/type","value":"NodePort"}]', "--override-type=json"])
    assert res.out == "NodePort"


def test_expose_override_errors(run, kz) -> None:
    _deploy(run, kz)
    base = ["expose", "deploy", "kz-web", "--port=80", "--dry-run=client", "-o", "yaml"]
    cases = [
        (["--overrides={bad"], "error: Invalid JSON Patch\n"),
        (["--overrides={bad", "--override-type=json"],
         "error: invalid character 'b' looking for beginning of object key string\n"),
        (["--overrides={bad", "--override-type=strategic"], "error: invalid JSON document\n"),
        (["--overrides={}", "--override-type=foo"], "error: invalid override type: foo\n"),
        (['--overrides={"apiVersion":"v2"}'],
         'error: no kind "Service" is registered for version "v2" in scheme "pkg/scheme/scheme.go:28"\n'),
    ]
    for flags, err in cases:
        res = run(base + flags)
        assert (res.code, res.out, res.err) == (1, "", err), flags


def test_expose_override_creates_the_overridden_object_and_kustomize(run, kz) -> None:
    _deploy(run, kz)
    assert run(["expose", "deploy", "kz-web", "--port=80", '--overrides={"metadata":{"name":"ov"}}']).out == \
        "service/ov exposed\n"
    assert run(["get", "svc", "ov", "-o", "name"]).out == "service/ov\n"
    res = run(["expose", "-k", str(kz), "--port=80", "--dry-run=client", "-o", "name", "--name=zz"])
    assert (res.code, res.out) == (0, "service/zz\nservice/zz\n")


def test_autoscale_from_files(run, kz) -> None:
    _deploy(run, kz)
    res = run(["autoscale", "-f", str(kz / "dep.yaml"), "--max=3", "--dry-run=client", "-o", "yaml"])
    assert res.out == ("apiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\nmetadata:\n  creationTimestamp: "
                       "null\n  name: web\nspec:\n  maxReplicas: 3\n  scaleTargetRef:\n    apiVersion: apps/v1\n"
                       "    kind: Deployment\n    name: web\nstatus:\n  currentReplicas: 0\n  desiredReplicas: 0\n")
    res = run(["autoscale", "-k", str(kz), "--max=3", "--dry-run=client", "-o", "name"])
    assert (res.code, res.out, res.err) == (
        1, "horizontalpodautoscaler.autoscaling/kz-web\n",
        "error: cannot autoscale a Service: could not find scale subresource for /v1, Resource=services in discovery "
        "information\n")
    res = run(["autoscale", "deploy", "kz-web", "-f", str(kz / "dep.yaml"), "--max=3"])
    assert (res.code, res.err) == (1, "error: when paths, URLs, or stdin is provided as input, you may not specify "
                                      "resource arguments as well\n")
    res = run(["autoscale", "-f", str(kz / "dep.yaml"), "--max=3", "--dry-run=server", "--name=foo"])
    assert (res.code, res.out) == (0, "horizontalpodautoscaler.autoscaling/foo autoscaled (server dry run)\n")
    res = run(["autoscale", "deploy", "kz-web", "--max=2", "--validate=false"])
    assert (res.code, res.err) == (1, "error: unknown flag: --validate\nSee 'kubectl autoscale --help' for usage.\n")
