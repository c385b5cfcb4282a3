#!/usr/bin/env python3
"""Record what real kubectl 1.32 prints for `auth reconcile` (tests/data/auth_reconcile/steps.txt) against a served
pykubectl store.

A fresh store is served by `pykubectl serve --port 0` (frozen clock); the steps run in order with real kubectl from
tests/data/auth_reconcile (so `-f role.yaml` names the fixtures there), each seeing what the ones before it did.
auth reconcile's client side (reading the files, computing missing and extra rules and subjects, what it prints) is
kubectl's; the server is pykubectl's. stdout, stderr and the exit code of each step are written to
tests/data/auth_reconcile/recorded.json; tests/cli/test_auth_reconcile.py replays the steps through pykubectl.

Usage: python tools/record_auth_reconcile.py [--kubectl PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "auth_reconcile"
FROZEN_NOW = "2026-11-22T10:00:00Z"


def read_steps() -> list[str]:
    return [ln.strip() for ln in (DATA / "steps.txt").read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.strip().startswith("#")]


def main() -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    from record_config_corpus import default_kubectl

    ap = argparse.ArgumentParser()
    ap.add_argument("--kubectl", default=default_kubectl())
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        kubeconfig = os.path.join(tmp, "kubeconfig")
        env = dict(os.environ, PYKUBECTL_SEED="7", PYKUBECTL_STORE=os.path.join(tmp, "store.db"),
                   PYKUBECTL_NOW=FROZEN_NOW)
        env.pop("KUBECONFIG", None)
        proc = subprocess.Popen([sys.executable, "-c", "from pykubectl.cli.entry import run; run()", "serve", "--port",
                                 "0", "--write-kubeconfig", kubeconfig], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=env, cwd=str(ROOT))
        try:
            line = proc.stdout.readline() if proc.stdout else ""
            if not line.startswith("Serving the cluster of "):
                raise SystemExit(f"serve did not start: {line!r}")
            out = []
            kenv = {"PATH": os.environ.get("PATH", ""), "HOME": tmp, "KUBECONFIG": kubeconfig}
            for step in read_steps():
                p = subprocess.run([a.kubectl, *shlex.split(step)], capture_output=True, text=True, env=kenv,
                                   cwd=DATA, timeout=120, stdin=subprocess.DEVNULL)
                out.append({"line": step, "stdout": p.stdout, "stderr": p.stderr, "exit": p.returncode})
        finally:
            proc.send_signal(signal.SIGINT)
            proc.wait(timeout=30)
    (DATA / "recorded.json").write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(out)} steps recorded")


if __name__ == "__main__":
    main()
