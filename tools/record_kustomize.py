#!/usr/bin/env python3
"""Record what real `kubectl kustomize` (kubectl 1.32, kustomize v5.5) prints for every case of
tools/kustomize_cases.py.

Usage: python tools/record_kustomize.py [NAME-SUBSTRING...]   (rewrites fixtures/kustomize/<NNN-name>/)

Each case becomes fixtures/kustomize/<NNN-name>/tree/ (fixtures/kustomize/pending/... for recordings pykubectl
does not reproduce yet, each with the reason) (the kustomization's files) and golden.json: the directory
built (relative to tree/), stdout, stderr and the exit code. kubectl runs with KUBECONFIG=/dev/null in tree/; the
absolute path of tree/ is stored as `$CASE` so the goldens replay from any checkout.
tests/kustomize/test_kustomize_recorded.py replays them against `pykubectl kustomize`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from kustomize_cases import CASES  # noqa: E402

OUT = ROOT / "fixtures" / "kustomize"


def kubectl() -> str:
    found = shutil.which("kubectl")
    if not found:
        raise SystemExit("kubectl is not on PATH")
    return str(Path(os.path.realpath(found)).parent / "kubectl.1.32")


def write_tree(tree: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        p = tree / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(text.encode("utf-8", "surrogateescape"))


def record(index: int, name: str, target: str, files: dict[str, str], exe: str, pending: str) -> dict:
    case_dir = (OUT / "pending" if pending else OUT) / f"{index:03d}-{name}"
    if case_dir.exists():
        shutil.rmtree(case_dir)
    tree = case_dir / "tree"
    tree.mkdir(parents=True)
    write_tree(tree, files)
    env = dict(os.environ, KUBECONFIG="/dev/null")
    p = subprocess.run([exe, "kustomize", target], cwd=tree, env=env, capture_output=True)
    base = str(tree.resolve())
    golden = {"target": target, **({"pending": pending} if pending else {}), "stdout": p.stdout.decode("utf-8", "surrogateescape").replace(base, "$CASE"),
              "stderr": p.stderr.decode("utf-8", "surrogateescape").replace(base, "$CASE"), "exit": p.returncode}
    (case_dir / "golden.json").write_text(json.dumps(golden, indent=1, ensure_ascii=False) + "\n")
    return golden


def main(argv: list[str]) -> None:
    exe = kubectl()
    if not argv:
        shutil.rmtree(OUT, ignore_errors=True)
    for i, (name, target, files, pending) in enumerate(CASES, 1):
        if argv and not any(a in name for a in argv):
            continue
        g = record(i, name, target, files, exe, pending)
        print(f"{i:03d}-{name}: exit {g['exit']}")


if __name__ == "__main__":
    main(sys.argv[1:])
