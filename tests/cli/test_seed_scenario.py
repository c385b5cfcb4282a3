"""The user's maintenance script runs unchanged with `kubectl` resolving to pykubectl."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = ROOT.parent / "shared" / "scenarios" / "seed-maintenance"


def _pykubectl_cmd() -> list[str]:
    exe = shutil.which("pykubectl", path=str(Path(sys.executable).parent)) or shutil.which("pykubectl")
    return [exe] if exe else [sys.executable, "-m", "pykubectl.cli.main"]


@pytest.fixture
def shim(tmp_path: Path) -> dict[str, str]:
    """A PATH whose `kubectl` is pykubectl, and a throw-away store."""
    bindir = tmp_path / "bin"
    bindir.mkdir()
    kubectl = bindir / "kubectl"
    cmd = " ".join(_pykubectl_cmd())
    kubectl.write_text(f'#!/bin/sh\nexec {cmd} "$@"\n')
    kubectl.chmod(0o755)
    env = dict(os.environ)
    env["PATH"] = f"{bindir}{os.pathsep}{env['PATH']}"
    env["PYKUBECTL_STORE"] = str(tmp_path / "store.db")
    env["PYTHONPATH"] = str(ROOT)
    return env


def kubectl(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["kubectl", *args], env=env, capture_output=True, text=True, timeout=60)


@pytest.mark.skipif(not SCENARIO.is_dir(), reason="../shared/scenarios/seed-maintenance is not beside this checkout")
def test_maintain_script_prints_kubectl_output_and_settles(shim: dict[str, str], tmp_path: Path) -> None:
    work = tmp_path / "scenario"
    shutil.copytree(SCENARIO, work)
    proc = subprocess.run(["bash", "./maintain.sh"], cwd=work, env=shim, capture_output=True, text=True, timeout=120)
    assert proc.stderr == ""
    assert proc.returncode == 0
    assert proc.stdout == (SCENARIO / "expected-output.txt").read_text()

    for dep, image in (("order-deployment", "your-new-order-image:latest"),
                       ("payment-deployment", "your-new-payment-image:latest")):
        d = json.loads(kubectl(shim, "get", "deployment", dep, "-o", "json").stdout)
        assert d["status"]["readyReplicas"] == 3
        assert d["status"]["updatedReplicas"] == 3
        assert d["spec"]["template"]["spec"]["containers"][0]["image"] == image
        app = d["spec"]["selector"]["matchLabels"]["app"]
        pods = json.loads(kubectl(shim, "get", "pods", "-l", f"app={app}", "-o", "json").stdout)["items"]
        assert len(pods) == 3
        assert {p["status"]["phase"] for p in pods} == {"Running"}
        assert {p["spec"]["containers"][0]["image"] for p in pods} == {image}
        rss = json.loads(kubectl(shim, "get", "rs", "-l", f"app={app}", "-o", "json").stdout)["items"]
        assert sorted(r["spec"]["replicas"] for r in rss) == [0, 3]
        hist = kubectl(shim, "rollout", "history", f"deployment/{dep}")
        assert hist.stdout == f"deployment.apps/{dep} \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n"
        svc_name = dep.replace("-deployment", "-service")
        ep = json.loads(kubectl(shim, "get", "endpoints", svc_name, "-o", "json").stdout)
        assert len(ep["subsets"][0]["addresses"]) == 3
        svc = json.loads(kubectl(shim, "get", "svc", svc_name, "-o", "json").stdout)
        assert svc["status"]["loadBalancer"]["ingress"][0]["ip"].startswith("172.18.255.")

    undo = kubectl(shim, "rollout", "undo", "deployment/order-deployment")
    assert undo.stdout == "deployment.apps/order-deployment rolled back\n"
    d = json.loads(kubectl(shim, "get", "deployment", "order-deployment", "-o", "json").stdout)
    assert d["spec"]["template"]["spec"]["containers"][0]["image"] == "your-order-image:latest"
    pods = json.loads(kubectl(shim, "get", "pods", "-l", "app=order-service", "-o", "json").stdout)["items"]
    assert {p["spec"]["containers"][0]["image"] for p in pods} == {"your-order-image:latest"}
    assert len(pods) == 3
