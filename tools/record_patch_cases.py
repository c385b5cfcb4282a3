#!/usr/bin/env python3
"""Record what real kubectl 1.32 makes of each patch in fixtures/patch/cases.json (offline: patch --local).

Usage: python tools/record_patch_cases.py     (needs `kubectl` on PATH; rewrites the "want" of every case)

Each case: {"type": "strategic|merge|json", "patch": <patch>, "want": <resulting object> | {"error": <text>}}.
tests/api/test_patch.py replays them against pykubectl.api.patch.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "fixtures" / "patch" / "cases.json"
BASE = ROOT / "fixtures" / "patch" / "deploy.yaml"


def main() -> None:
    cases = json.loads(CASES.read_text())
    for c in cases:
        p = subprocess.run(["kubectl", "patch", "--local", "-f", str(BASE), "--type", c["type"], "-p",
                            json.dumps(c["patch"]), "-o", "json"], capture_output=True, text=True)
        if p.returncode == 0:
            c["want"] = json.loads(p.stdout)
        else:
            c["want"] = {"error": p.stderr.strip().removeprefix("error: ")}
    CASES.write_text(json.dumps(cases, indent=1) + "\n")


if __name__ == "__main__":
    main()
