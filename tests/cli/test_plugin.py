"""plugin list: texts and order as real kubectl 1.32 printed them for the same PATH layout (a/kubectl-foo,
a/kubectl-get, b/kubectl-bar not executable, b/kubectl-foo)."""

from __future__ import annotations

import os

import pytest

from tests.conftest import Runner


def _plugin(path: str, executable: bool = True) -> None:
    with open(path, "w") as fh:
        fh.write("#!/bin/sh\necho hi\n")
    os.chmod(path, 0o755 if executable else 0o644)


def test_plugin_list_names_each_plugin_and_warns_as_kubectl(run: Runner, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    _plugin(str(a / "kubectl-foo"))
    _plugin(str(a / "kubectl-get"))
    _plugin(str(b / "kubectl-bar"), executable=False)
    _plugin(str(b / "kubectl-foo"))
    monkeypatch.setenv("PATH", f"{a}:{b}:{a}")
    r = run("plugin list")
    assert r.out == (f"The following compatible plugins are available:\n\n{a}/kubectl-foo\n{a}/kubectl-get\n"
                     f"{b}/kubectl-bar\n{b}/kubectl-foo\n")
    assert r.err == ('  - warning: kubectl-get overwrites existing command: "kubectl get"\n'
                     f"  - warning: {b}/kubectl-bar identified as a kubectl plugin, but it is not executable\n"
                     f"  - warning: {b}/kubectl-foo is overshadowed by a similarly named plugin: {a}/kubectl-foo\n"
                     "error: 3 plugin warnings were found\n")
    assert r.code == 1
    names = run("plugin list --name-only")
    assert names.out == ("The following compatible plugins are available:\n\n"
                         "kubectl-foo\nkubectl-get\nkubectl-bar\nkubectl-foo\n")


def test_plugin_list_without_plugins(run: Runner, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PATH", str(tmp_path))
    r = run("plugin list")
    assert (r.out, r.err, r.code) == ("", "error: unable to find any kubectl plugins in your PATH\n", 1)


def test_a_clean_plugin_list_exits_0(run: Runner, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    _plugin(str(tmp_path / "kubectl-hello"))
    monkeypatch.setenv("PATH", str(tmp_path))
    r = run("plugin list")
    assert (r.out, r.err, r.code) == (
        f"The following compatible plugins are available:\n\n{tmp_path}/kubectl-hello\n", "", 0)


def test_one_warning_is_worded_in_the_singular(run: Runner, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    _plugin(str(tmp_path / "kubectl-x"), executable=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    r = run("plugin list")
    assert r.err == (f"  - warning: {tmp_path}/kubectl-x identified as a kubectl plugin, but it is not executable\n"
                     "error: one plugin warning was found\n")
    assert r.code == 1
