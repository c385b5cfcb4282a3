"""apply.go returns any error (a path that does not exist, a document that does not decode, an object the server
refuses) before its post-processor runs, so --prune deletes nothing then (kubectl 1.32 through serve kept the
labelled objects; pykubectl used to prune them when the file was missing)."""

from __future__ import annotations

GOOD = """apiVersion: v1
kind: ConfigMap
metadata:
  name: keep
  labels: {app: demo}
data: {a: "1"}
"""
OTHER = """apiVersion: v1
kind: ConfigMap
metadata:
  name: other
  labels: {app: demo}
data: {a: "1"}
"""
INVALID = """apiVersion: v1
kind: ConfigMap
metadata:
  name: Bad_Name
  labels: {app: demo}
"""


def test_missing_file_prunes_nothing(run, tmp_path) -> None:
    (tmp_path / "keep.yaml").write_text(GOOD)
    assert run(["apply", "-f", str(tmp_path / "keep.yaml")]).code == 0
    res = run(["apply", "-f", str(tmp_path / "nope.yaml"), "--prune", "-l", "app=demo"])
    assert res.code == 1 and res.out == "" and "pruned" not in res.out
    assert res.err.endswith(f'error: the path "{tmp_path / "nope.yaml"}" does not exist\n')
    assert run(["get", "cm", "keep", "-o", "name"]).out == "configmap/keep\n"


def test_an_object_refused_prunes_nothing(run, tmp_path) -> None:
    (tmp_path / "keep.yaml").write_text(GOOD)
    (tmp_path / "other.yaml").write_text(OTHER + "---\n" + INVALID)
    assert run(["apply", "-f", str(tmp_path / "keep.yaml")]).code == 0
    res = run(["apply", "-f", str(tmp_path / "other.yaml"), "--prune", "-l", "app=demo"])
    assert res.code == 1 and "configmap/other created" in res.out and "pruned" not in res.out
    assert run(["get", "cm", "keep", "-o", "name"]).out == "configmap/keep\n"
    # without the error the same prune removes what this apply did not send
    (tmp_path / "other.yaml").write_text(OTHER)
    res = run(["apply", "-f", str(tmp_path / "other.yaml"), "--prune", "-l", "app=demo"])
    assert res.code == 0 and "configmap/keep pruned\n" in res.out
