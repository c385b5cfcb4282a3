"""A second user script (fixtures/scripts/rollout-check/check.sh), written for kubectl, runs unchanged with
`kubectl` resolving to pykubectl and prints what kubectl prints against the same settled cluster."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.cli.test_seed_scenario import kubectl, shim  # noqa: F401 - the fixture is shared

ROOT = Path(__file__).resolve().parents[2]
SCRIPT_DIR = ROOT / "fixtures" / "scripts" / "rollout-check"


def test_rollout_check_script_output_and_exit_code(shim: dict[str, str], tmp_path: Path) -> None:  # noqa: F811
    work = tmp_path / "rollout-check"
    shutil.copytree(SCRIPT_DIR, work)
    proc = subprocess.run(["bash", "./check.sh"], cwd=work, env=shim, capture_output=True, text=True, timeout=180)
    assert proc.stderr == ""
    # The script exits 2 when a deployment is not available ("reports" cannot be scheduled).
    assert proc.returncode == 2
    assert proc.stdout == (SCRIPT_DIR / "expected-output.txt").read_text()

    # What the script reported is what the store holds.
    res = kubectl(shim, "get", "pods", "-l", "app=reports", "-o", "jsonpath={.items[*].status.phase}")
    assert res.stdout == "Pending"
    res = kubectl(shim, "wait", "--for=condition=Available", "deployment/backend", "deployment/frontend")
    assert res.stdout == "deployment.apps/backend condition met\ndeployment.apps/frontend condition met\n"
