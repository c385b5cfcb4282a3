"""apply view-last-applied / set-last-applied, as real kubectl 1.32 printed them through pykubectl serve
(2026-12-06): the annotation as YAML (default) or as Go's json.Indent of its text; objects named on the command
line without it skipped, one from a file an error in kubectl's odd words; set-last-applied reports unchanged
objects first, then patches the others ("configured")."""

from __future__ import annotations

APP = """apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
data:
  a: "1"
"""


def test_view_prints_the_annotation(run, tmp_path) -> None:
    path = tmp_path / "cfg.yaml"
    path.write_text(APP)
    assert run(["apply", "-f", str(path)]).code == 0
    want_yaml = ("apiVersion: v1\ndata:\n  a: \"1\"\nkind: ConfigMap\nmetadata:\n  annotations: {}\n  name: cfg\n"
                 "  namespace: default\n")
    assert run(["apply", "view-last-applied", "cm/cfg"]).out == want_yaml
    assert run(["apply", "view-last-applied", "-f", str(path)]).out == want_yaml
    assert run(["apply", "-n", "default", "view-last-applied", "configmap", "cfg"]).out == want_yaml
    want_json = ('{\n  "apiVersion": "v1",\n  "data": {\n    "a": "1"\n  },\n  "kind": "ConfigMap",\n  "metadata": {\n'
                 '    "annotations": {},\n    "name": "cfg",\n    "namespace": "default"\n  }\n}\n')
    assert run(["apply", "view-last-applied", "cm/cfg", "-o", "json"]).out == want_json
    res = run(["apply", "view-last-applied", "cm/cfg", "-o", "wide"])
    assert (res.code, res.err) == (1, "error: Unexpected -o output mode: wide, the flag 'output' must be one of "
                                      "yaml|json\nSee 'kubectl apply view-last-applied -h' for help and examples\n")


def test_view_without_an_annotation(run, tmp_path) -> None:
    assert run(["create", "configmap", "plain"]).code == 0
    assert run(["apply", "view-last-applied", "cm/plain"]).out == ""
    path = tmp_path / "plain.yaml"
    path.write_text("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: plain}\n")
    res = run(["apply", "view-last-applied", "-f", str(path)])
    assert (res.code, res.err) == (1, "error: error when no last-applied-configuration annotation found on "
                                      f'resource: plain\n "{path}": <nil>\n')
    res = run(["apply", "view-last-applied"])
    assert res.code == 1 and res.err.startswith("error: You must provide one or more resources by argument")


def test_set_last_applied(run, tmp_path) -> None:
    path = tmp_path / "cfg.yaml"
    path.write_text(APP)
    assert run(["create", "configmap", "cfg", "--from-literal=a=1"]).code == 0
    res = run(["apply", "set-last-applied", "-f", str(path)])
    assert (res.code, res.err) == (1, "error: no last-applied-configuration annotation found on resource: cfg, to "
                                      "create the annotation, run the command with --create-annotation\n")
    res = run(["apply", "set-last-applied", "-f", str(path), "--create-annotation", "--dry-run=client"])
    assert res.out == "configmap/cfg configured (dry run)\n"
    assert run(["apply", "view-last-applied", "cm/cfg"]).out == ""
    assert run(["apply", "set-last-applied", "-f", str(path), "--create-annotation"]).out == "configmap/cfg configured\n"
    assert run(["apply", "set-last-applied", "-f", str(path)]).out == "set-last-applied cfg: no changes required.\n"
    assert run(["apply", "view-last-applied", "cm/cfg"]).out == (
        'apiVersion: v1\ndata:\n  a: "1"\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: default\n')


def test_view_last_applied_kustomize(run, kz) -> None:
    """-k reads the kustomization's objects as -f reads files (real kubectl 1.32 through serve printed the same)."""
    assert run(["apply", "-k", str(kz)]).code == 0
    out = run(["apply", "view-last-applied", "-k", str(kz)]).out
    assert out.count("apiVersion:") == 2 and "name: kz-websvc" in out and "name: kz-web\n" in out
    res = run(["apply", "view-last-applied", "-k", str(kz), "deploy/kz-web"])
    assert (res.code, res.err) == (1, "error: resource/name arguments cannot be provided when a path is specified\n")
