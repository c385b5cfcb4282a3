"""completions/ holds exactly what `pykubectl completion SHELL` prints, and bash completes verbs with it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pykubectl.cli.completion import SHELLS, script

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("shell", SHELLS)
def test_committed_scripts_match_the_generator(shell: str) -> None:
    assert (ROOT / "completions" / f"pykubectl.{shell}").read_text() == script(shell)


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_bash_completes_verbs(tmp_path: Path) -> None:
    exe = shutil.which("pykubectl", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("the pykubectl script is not installed in this environment")
    probe = f"""
source {ROOT / 'completions' / 'pykubectl.bash'}
COMP_WORDS=(pykubectl ro)
COMP_CWORD=1
_pykubectl_completion pykubectl
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    env = dict(os.environ, PATH=f"{Path(exe).parent}{os.pathsep}{os.environ['PATH']}",
               PYKUBECTL_STORE=str(tmp_path / "s.db"))
    out = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, env=env, timeout=60).stdout
    assert "rollout" in out.split()
