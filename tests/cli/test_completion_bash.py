"""Completion through real bash: source the generated script, fill COMP_WORDS/COMP_CWORD as bash does when <TAB>
is pressed, call the completion function and read COMPREPLY. The script calls `pykubectl __complete`, which
reads the store for object names and namespaces and the config file for contexts."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pykubectl.cli.completion import script
from tests.conftest import Runner

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")


@pytest.fixture(scope="module")
def probe(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    exe = shutil.which("pykubectl", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("the pykubectl script is not installed in this environment")
    tmp = tmp_path_factory.mktemp("completion")
    store = str(tmp / "store.db")
    home = tmp / "home"
    home.mkdir()
    run = Runner(store)
    old_home = os.environ.get("HOME")
    os.environ["HOME"] = str(home)
    try:
        for cmd in ("apply -f fixtures/nodeops/web.yaml", "create namespace team-a",
                    "config set-context staging --namespace=team-a", "config set-context prod"):
            assert run(cmd).code == 0, cmd
    finally:
        if old_home is not None:
            os.environ["HOME"] = old_home
    (tmp / "pykubectl.bash").write_text(script("bash"))
    env = dict(os.environ, PATH=f"{Path(exe).parent}{os.pathsep}{os.environ['PATH']}", PYKUBECTL_STORE=store,
               HOME=str(home))
    env.pop("KUBECONFIG", None)

    def complete(*words: str) -> list[str]:
        quoted = " ".join("'" + w.replace("'", "'\\''") + "'" for w in ("pykubectl", *words))
        prog = f"""
source {tmp / 'pykubectl.bash'}
COMP_WORDS=({quoted})
COMP_CWORD={len(words)}
_pykubectl_completion pykubectl
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
        res = subprocess.run(["bash", "-c", prog], capture_output=True, text=True, env=env, timeout=60,
                             cwd=str(Path(__file__).resolve().parents[2]))
        assert res.returncode == 0, res.stderr
        return [x for x in res.stdout.split("\n") if x]

    return complete


def test_verbs(probe) -> None:  # type: ignore[no-untyped-def]
    assert probe("ro") == ["rollout"]
    got = probe("c")
    assert {"cordon", "config", "create", "completion"} <= set(got)
    assert "__complete" not in probe("")


def test_subcommands_and_flags(probe) -> None:  # type: ignore[no-untyped-def]
    assert probe("rollout", "st") == ["status"]
    assert probe("get", "pods", "--all-n") == ["--all-namespaces"]


def test_resource_types(probe) -> None:  # type: ignore[no-untyped-def]
    assert probe("get", "deploy") == ["deployments"]
    assert {"pods", "podtemplates", "poddisruptionbudgets"} <= set(probe("get", "po"))


def test_object_names_from_the_store(probe) -> None:  # type: ignore[no-untyped-def]
    assert probe("get", "deploy", "") == ["web"]
    assert probe("describe", "deployments/w") == ["deployments/web"]
    pods = probe("logs", "web-")
    assert len(pods) == 4 and all(p.startswith("web-") for p in pods)
    assert probe("cordon", "pykubectl-w") == ["pykubectl-worker", "pykubectl-worker2"]


def test_namespaces_and_contexts(probe) -> None:  # type: ignore[no-untyped-def]
    assert probe("get", "pods", "-n", "") == ["default", "kube-node-lease", "kube-public", "kube-system",
                                              "team-a"]
    assert probe("-n", "t") == ["team-a"]
    assert probe("--context", "") == ["prod", "staging"]
    assert probe("config", "use-context", "s") == ["staging"]
    # Names come from the namespace given on the line: none in team-a.
    assert probe("get", "deploy", "-n", "team-a", "") == []
