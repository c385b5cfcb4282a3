#!/usr/bin/env python3
"""Record what real kubectl 1.32 prints for the command-line grammar corpus (tests/data/grammar/lines.txt).

Each line of lines.txt is one kubectl command line (shell words; `#` starts a comment). Every line is one kubectl
runs with no cluster: usage errors, `--dry-run=client` generators, `--local` edits of fixtures/grammar/. The
recorder runs each with KUBECONFIG=/dev/null from the repository root and writes stdout, stderr and the exit code
to tests/data/grammar/recorded.json; tests/cli/test_grammar_corpus.py replays every line through pykubectl (the
click path, and the fast path where get/apply take the line) and compares all three exactly.

Usage: python tools/record_grammar_corpus.py [--kubectl PATH] [--check]
  --kubectl  the kubectl 1.32 binary (default: kubectl.1.32 beside the `kubectl` on PATH, else `kubectl`). The gcloud
             `kubectl` dispatcher is not kubectl: it prints its own `Error:` lines, so point at kubectl.1.32 itself.
  --check    also replay each line through pykubectl and list the lines whose output differs (nothing is written).
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINES = ROOT / "tests" / "data" / "grammar" / "lines.txt"
RECORDED = ROOT / "tests" / "data" / "grammar" / "recorded.json"


def read_lines(path: Path = LINES) -> list[str]:
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def default_kubectl() -> str:
    found = shutil.which("kubectl")
    if found:
        beside = Path(os.path.realpath(found)).parent / "kubectl.1.32"
        if beside.exists():
            return str(beside)
    return "kubectl"


def record(kubectl: str, lines: list[str]) -> list[dict]:
    out = []
    with tempfile.TemporaryDirectory() as home:
        env = {"PATH": os.environ.get("PATH", ""), "HOME": home, "KUBECONFIG": "/dev/null", "LANG": "C.UTF-8"}
        for line in lines:
            p = subprocess.run([kubectl, *shlex.split(line)], cwd=ROOT, env=env, capture_output=True, text=True,
                               timeout=60, stdin=subprocess.DEVNULL)
            out.append({"line": line, "stdout": p.stdout, "stderr": p.stderr, "exit": p.returncode})
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kubectl", default=default_kubectl())
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    ver = subprocess.run([a.kubectl, "version", "--client"], capture_output=True, text=True,
                         env={**os.environ, "KUBECONFIG": "/dev/null"}).stdout
    if "v1.32." not in ver or "dispatcher" in ver:
        print(f"need kubectl v1.32 itself, got: {ver.strip()!r}", file=sys.stderr)
        return 2
    cases = record(a.kubectl, read_lines())
    if a.check:
        sys.path.insert(0, str(ROOT))
        from tests.cli.test_grammar_corpus import replay, same

        bad = 0
        for c in cases:
            for path, got in replay(c["line"]).items():
                if not same(got, c):
                    bad += 1
                    print(f"DIFF [{path}] {c['line']}\n  kubectl: {c['stderr'] or c['stdout']!r} exit {c['exit']}\n"
                          f"  pykubectl: {got[1] or got[0]!r} exit {got[2]}")
        print(f"{len(cases)} lines, {bad} differences")
        return 1 if bad else 0
    RECORDED.write_text(json.dumps(cases, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(cases)} cases to {RECORDED.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
