"""`pykubectl kustomize` usage errors, as kubectl 1.32 prints them (recorded by hand: `kubectl kustomize . ..` and
`kubectl kustomize --bogus`, exit 1 both)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pykubectl.cli.entry import main as entry_main


def test_two_directories(run) -> None:
    got = run(["kustomize", ".", ".."])
    assert (got.out, got.err, got.code) == ("", "error: specify one path to kustomization.yaml\n", 1)


def test_unknown_flag_is_lower_case_as_kustomizes_command_words_it(run) -> None:
    got = run(["kustomize", "--bogus"])
    assert (got.out, got.err, got.code) == ("", "error: unknown flag: --bogus\nSee 'kubectl kustomize --help' for "
                                                "usage.\n", 1)


def test_console_script_path_without_click_builds_the_current_directory(tmp_path: Path, capsys,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "kustomization.yaml").write_text("configMapGenerator:\n- name: g\n  literals: [a=b]\n")
    monkeypatch.chdir(tmp_path)
    assert entry_main(["kustomize"]) == 0
    out = capsys.readouterr().out
    assert out == "apiVersion: v1\ndata:\n  a: b\nkind: ConfigMap\nmetadata:\n  name: g-4h2mbtbbt6\n"


def test_unused_vars_are_logged_as_kubectls_klog_line(run, tmp_path: Path) -> None:
    # kubectl 1.32 on a kustomization whose var no field uses printed (stderr, exit 0):
    # "I1206 01:45:28.888883    8880 log.go:245] well-defined vars that were never replaced: BEE_ACTION"
    import re

    (tmp_path / "kustomization.yaml").write_text(
        "resources:\n- cm.yaml\nvars:\n- name: UNUSED\n  objref:\n    kind: ConfigMap\n    name: c\n"
        "    apiVersion: v1\n")
    (tmp_path / "cm.yaml").write_text("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n")
    got = run(["kustomize", str(tmp_path)])
    assert got.code == 0
    warning, log = got.err.splitlines()
    assert warning.startswith("# Warning: 'vars' is deprecated.")
    assert re.fullmatch(r"I\d{4} \d\d:\d\d:\d\d\.\d{6} [ \d]{7} log\.go:245\] well-defined vars that were never "
                        r"replaced: UNUSED", log)
