"""create -f's flags kubectl 1.32 has: --edit (each object through the editor before it is created),
--windows-line-endings, --raw (POST of the file), -l/--selector, --field-manager and the printer flags. Texts as real
kubectl 1.32 printed them through pykubectl serve."""

from __future__ import annotations

import json
import os
import stat

import pytest

CM = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: edc\ndata:\n  a: b\n"


@pytest.fixture
def editor(tmp_path, monkeypatch):
    """An editor that records what it was given and changes `a: b` to `a: edited`."""
    script = tmp_path / "editor.sh"
    seen = tmp_path / "seen.txt"
    script.write_text(f"#!/bin/sh\ncat \"$1\" >> {seen}\nsed -i 's/a: b/a: edited/' \"$1\"\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("KUBE_EDITOR", str(script))
    return seen


def test_edit_before_create(run, tmp_path, editor) -> None:
    (tmp_path / "cm.yaml").write_text(CM)
    res = run(["create", "-f", str(tmp_path / "cm.yaml"), "--edit"])
    assert (res.code, res.out) == (0, "configmap/edc created\n")
    assert editor.read_text() == (
        "# Please edit the object below. Lines beginning with a '#' will be ignored,\n"
        "# and an empty file will abort the edit. If an error occurs while saving this file will be\n"
        "# reopened with the relevant failures.\n#\n"
        "apiVersion: v1\ndata:\n  a: b\nkind: ConfigMap\nmetadata:\n  name: edc\n  namespace: default\n")
    assert run(["get", "cm", "edc", "-o", "jsonpath={.data.a}"]).out == "edited"


def test_edit_unchanged_and_line_endings(run, tmp_path, editor, monkeypatch) -> None:
    (tmp_path / "two.yaml").write_text("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ed1\n---\n"
                                       "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ed2\n")
    res = run(["create", "-f", str(tmp_path / "two.yaml"), "--edit", "--windows-line-endings"])
    assert (res.code, res.out, res.err) == (0, "", "Edit cancelled, no changes made.\n" * 2)
    assert editor.read_bytes().count(b"\r\n") == 2 * 9  # each object opened on its own, CRLF lines
    res = run(["create", "-f", str(tmp_path / "two.yaml"), "--edit", "-o", "name"])
    assert (res.code, res.err) == (1, 'error: unable to match a printer suitable for the output format "name", '
                                      "allowed formats are: json,yaml\n")


def test_raw_and_selector(run, tmp_path) -> None:
    body = tmp_path / "cm.json"
    body.write_text('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"rawc"},"data":{"a":"b"}}\n')
    res = run(["create", "--raw", "/api/v1/namespaces/default/configmaps", "-f", str(body)])
    assert res.code == 0 and json.loads(res.out)["metadata"]["name"] == "rawc"
    res = run(["create", "--raw", "/api/v1/namespaces/default/configmaps", "-f", str(body)])
    assert (res.code, res.err) == (1, 'Error from server (AlreadyExists): configmaps "rawc" already exists\n')
    for flags, err in ((["-l", "a=b"], "error: --raw and --selector (-l) are mutually exclusive\n"),
                       (["--edit"], "error: --raw and --edit are mutually exclusive\n")):
        res = run(["create", "--raw", "/x", "-f", "a", *flags])
        assert (res.code, res.err) == (1, err)
    (tmp_path / "p.yaml").write_text("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: pp\n  labels: {grp: p}\n")
    (tmp_path / "q.yaml").write_text("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: pq\n  labels: {grp: q}\n")
    res = run(["create", "-f", str(tmp_path / "p.yaml"), "-f", str(tmp_path / "q.yaml"), "-l", "grp=q", "-o", "name"])
    assert (res.code, res.out) == (0, "configmap/pq\n")
    assert run(["create", "-f", str(tmp_path / "p.yaml"), "--template={{.metadata.name}}"]).out == "pp"
    assert os.path.exists(body)
