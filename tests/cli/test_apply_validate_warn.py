"""apply --validate=warn on the command's fast path (cli/fastapply.py, no click): the server's unknown-field
warnings are printed and the object is applied, as real kubectl 1.32 printed them through serve; the path used to
fail with an internal error looking for click's context."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FROZEN_NOW

MANIFEST = """apiVersion: v1
kind: ConfigMap
metadata:
  name: bad
  namez: x
data:
  a: "1"
extra: 1
"""
WARNINGS = 'Warning: unknown field "extra"\nWarning: unknown field "metadata.namez"\n'


def _pykubectl(tmp: Path, *args: str) -> tuple[str, str, int]:
    env = dict(os.environ, PYKUBECTL_STORE=str(tmp / "store.db"), PYKUBECTL_NOW=FROZEN_NOW, PYKUBECTL_SEED="1")
    p = subprocess.run([sys.executable, "-c", "from pykubectl.cli.entry import run; run()", *args],
                       capture_output=True, text=True, env=env, cwd=str(tmp), timeout=120)
    return p.stdout, p.stderr, p.returncode


@pytest.mark.parametrize("flags, first, second", [
    ([], "configmap/bad created\n", "configmap/bad unchanged\n"),
    (["--dry-run=server"], "configmap/bad created (server dry run)\n", "configmap/bad created (server dry run)\n"),
    (["--server-side"], "configmap/bad serverside-applied\n", "configmap/bad serverside-applied\n"),
])
def test_warnings_are_printed_and_the_object_applied(tmp_path: Path, flags: list[str], first: str,
                                                     second: str) -> None:
    (tmp_path / "bad.yaml").write_text(MANIFEST)
    cmd = ["apply", "--validate=warn", "-f", "bad.yaml", *flags]
    assert _pykubectl(tmp_path, *cmd) == (first, WARNINGS, 0)
    assert _pykubectl(tmp_path, *cmd) == (second, WARNINGS, 0)
