"""Contexts: which store and namespace a command uses, and the config messages that name the file's path."""

from __future__ import annotations

import io
import os
import random
from pathlib import Path

import pytest

from pykubectl.cli.main import main
from pykubectl.env import Env, parse_time


def _run(args: list[str], store: str | None = None, env_store: str | None = None) -> tuple[str, str, int]:
    out, err = io.StringIO(), io.StringIO()
    env = Env(store_url=env_store, frozen_now=parse_time("2026-11-22T10:00:00Z"), rand=random.Random(1),
              stdout=out, stderr=err)
    argv = (["--store", store] if store else []) + args
    code = main(argv, env)
    return out.getvalue(), err.getvalue(), code


def test_context_names_the_store_and_flags_win(tmp_path: Path) -> None:
    a, b = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    assert _run(["config", "set-context", "alpha", "--namespace=team"], store=a)[0] == 'Context "alpha" created.\n'
    assert _run(["config", "set-context", "beta"], store=b)[2] == 0
    assert _run(["config", "use-context", "alpha"])[0] == 'Switched to context "alpha".\n'
    # No --store and no PYKUBECTL_STORE: the context's store and namespace.
    assert _run(["create", "namespace", "team"])[2] == 0
    assert _run(["create", "configmap", "cfg", "--from-literal=k=v"])[0] == "configmap/cfg created\n"
    assert "cfg" in _run(["get", "configmap", "-n", "team"], store=a)[0]
    # --context switches store (and namespace: beta has none, so default).
    out, err, code = _run(["--context", "beta", "get", "configmap", "cfg"])
    assert code == 1 and err == 'Error from server (NotFound): configmaps "cfg" not found\n'
    # PYKUBECTL_STORE (env_store) beats the context's store; --store beats both.
    assert _run(["get", "namespace", "team"], env_store=b)[2] == 1
    assert _run(["get", "namespace", "team"], store=a, env_store=b)[2] == 0
    # -n beats the context's namespace.
    out, err, code = _run(["get", "configmap", "cfg", "-n", "default"])
    assert code == 1 and "not found" in err


def test_kubeconfig_env_is_used_only_for_a_pykubectl_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = tmp_path / "kubeconfig"
    real.write_text("apiVersion: v1\nkind: Config\ncurrent-context: prod\ncontexts:\n- name: prod\n  context:\n"
                    "    namespace: prod\n")
    monkeypatch.setenv("KUBECONFIG", str(real))
    assert _run(["config", "current-context"])[1] == "error: current-context is not set\n"
    assert _run(["config", "set-context", "mine", "--namespace=a"])[2] == 0
    assert "mine" not in real.read_text()
    ours = Path(os.environ["HOME"]) / ".pykubectl" / "config"
    assert ours.read_text().startswith("# pykubectl config\n")
    monkeypatch.setenv("KUBECONFIG", f"{real}{os.pathsep}{ours}")
    assert _run(["config", "get-contexts", "-o", "name"])[0] == "mine\n"


def test_rename_and_delete_messages_name_the_file(tmp_path: Path) -> None:
    cfg = str(tmp_path / "cfg")
    for name in ("a", "b"):
        assert _run(["--kubeconfig", cfg, "config", "set-context", name])[2] == 0
    assert _run(["--kubeconfig", cfg, "config", "use-context", "a"])[2] == 0
    out, err, code = _run(["--kubeconfig", cfg, "config", "rename-context", "nope", "z"])
    assert (out, err, code) == ("", f'error: cannot rename the context "nope", it\'s not in {cfg}\n', 1)
    out, err, code = _run(["--kubeconfig", cfg, "config", "rename-context", "a", "b"])
    assert err == f'error: cannot rename the context "a", the context "b" already exists in {cfg}\n' and code == 1
    out, err, code = _run(["--kubeconfig", cfg, "config", "delete-context", "nope"])
    assert (out, err, code) == ("", f"error: cannot delete context nope, not in {cfg}\n", 1)
    out, err, code = _run(["--kubeconfig", cfg, "config", "delete-context", "b"])
    assert (out, err, code) == (f"deleted context b from {cfg}\n", "", 0)
    # Deleting the current context warns (stderr) and still succeeds; renaming it moves current-context along.
    assert _run(["--kubeconfig", cfg, "config", "rename-context", "a", "c"])[0] == 'Context "a" renamed to "c".\n'
    assert _run(["--kubeconfig", cfg, "config", "current-context"])[0] == "c\n"
    out, err, code = _run(["--kubeconfig", cfg, "config", "delete-context", "c"])
    assert out == f"deleted context c from {cfg}\n" and code == 0
    assert err == ('warning: this removed your active context, use "kubectl config use-context" to select a '
                   "different one\n")
