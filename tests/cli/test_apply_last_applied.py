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


# ---- edit-last-applied: the texts real kubectl 1.32 printed through pykubectl serve (2026-12-06; the full
# comparison is tests/serve/test_serve_edit_last_applied.py)
EDIT_HEADER = ("# Please edit the 'last-applied-configuration' annotations below.\n"
               "# Lines beginning with a '#' will be ignored, and an empty file will abort the edit.\n#\n")


def _editor(tmp_path, monkeypatch, steps: list[tuple[str, str]]):
    """An editor script: on its n-th run it saves what it was shown to seen-n and applies steps[n]."""
    import sys
    import textwrap

    log = tmp_path / "edits"
    log.mkdir()
    script = tmp_path / "editor.py"
    script.write_text(textwrap.dedent(f"""\
        #!{sys.executable}
        import re, sys
        from pathlib import Path
        log = Path({str(log)!r})
        n = len(list(log.glob("seen-*")))
        text = Path(sys.argv[1]).read_text()
        (log / f"seen-{{n}}").write_text(text)
        steps = {steps!r}
        if n < len(steps):
            Path(sys.argv[1]).write_text(re.sub(steps[n][0], steps[n][1], text, flags=re.M))
        """))
    script.chmod(0o755)
    monkeypatch.delenv("KUBE_EDITOR", raising=False)
    monkeypatch.setenv("EDITOR", str(script))
    return log


def test_edit_last_applied_sets_the_annotation_only(run, tmp_path, monkeypatch) -> None:
    path = tmp_path / "cfg.yaml"
    path.write_text(APP)
    assert run(["apply", "-f", str(path)]).code == 0
    log = _editor(tmp_path, monkeypatch, [(r'^  a: "1"$', '  a: "2"')])
    res = run(["apply", "edit-last-applied", "cm/cfg"])
    assert (res.out, res.err, res.code) == ("configmap/cfg edited\n", "", 0)
    assert (log / "seen-0").read_text() == EDIT_HEADER + (
        'apiVersion: v1\ndata:\n  a: "1"\nkind: ConfigMap\nmetadata:\n  annotations: {}\n  name: cfg\n'
        "  namespace: default\n")
    annotation = "{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}"
    assert run(["get", "cm", "cfg", "-o", f"jsonpath={annotation}"]).out == (
        '{"apiVersion":"v1","data":{"a":"2"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"cfg",'
        '"namespace":"default"}}\n')
    assert run(["get", "cm", "cfg", "-o", "jsonpath={.data.a}"]).out == "1"  # the object itself is left as it is


def test_edit_last_applied_json_has_no_header_and_unchanged_cancels(run, tmp_path, monkeypatch) -> None:
    path = tmp_path / "cfg.yaml"
    path.write_text(APP)
    assert run(["apply", "-f", str(path)]).code == 0
    log = _editor(tmp_path, monkeypatch, [])
    res = run(["apply", "edit-last-applied", "cm/cfg", "-o", "json"])
    assert (res.out, res.err, res.code) == ("", "Edit cancelled, no changes made.\n", 0)
    assert (log / "seen-0").read_text().startswith('{\n    "apiVersion": "v1",\n')
    res = run(["apply", "edit-last-applied", "cm/cfg", "-o", "name"])
    assert (res.err, res.code) == ('error: unable to match a printer suitable for the output format "name", '
                                   "allowed formats are: json,yaml\n", 1)


def test_edit_last_applied_without_an_annotation(run, tmp_path, monkeypatch) -> None:
    _editor(tmp_path, monkeypatch, [])
    assert run(["create", "configmap", "plain"]).code == 0
    res = run(["apply", "edit-last-applied", "configmap/plain"])
    assert (res.out, res.err, res.code) == ("", "error: no last-applied-configuration annotation found on "
                                                "resources, to create the annotation, use command `kubectl apply "
                                                "set-last-applied --create-annotation`\n", 1)


def test_edit_last_applied_record_annotates_the_configuration_only(run, tmp_path, monkeypatch) -> None:
    """As real kubectl 1.32 did through serve: the change-cause lands in the edited configuration."""
    import json

    path = tmp_path / "cfg.yaml"
    path.write_text(APP)
    assert run(["apply", "-f", str(path)]).code == 0
    _editor(tmp_path, monkeypatch, [(r'^  a: "1"$', '  a: "2"')])
    res = run(["apply", "edit-last-applied", "--record", "cm/cfg"])
    assert (res.out, res.err, res.code) == ("configmap/cfg edited\n", "Flag --record has been deprecated, --record "
                                                                      "will be removed in the future\n", 0)
    annotations = json.loads(run(["get", "cm", "cfg", "-o", "jsonpath={.metadata.annotations}"]).out)
    assert "kubernetes.io/change-cause" not in annotations
    config = json.loads(annotations["kubectl.kubernetes.io/last-applied-configuration"])
    assert config["metadata"]["annotations"]["kubernetes.io/change-cause"].endswith(
        " apply edit-last-applied cm/cfg --record=true")
