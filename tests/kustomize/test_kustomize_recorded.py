"""`pykubectl kustomize` against what real kubectl 1.32 (kustomize v5.5) printed for every kustomization of the
corpus in fixtures/kustomize/ (recorded by tools/record_kustomize.py): stdout, stderr and the exit code, exactly."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "fixtures" / "kustomize"
CASES = sorted(p for p in ROOT.iterdir() if (p / "golden.json").is_file())


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 100


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_recorded_case(case: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    golden = json.loads((case / "golden.json").read_text())
    tree = case / "tree"
    monkeypatch.chdir(tree)
    got = run(["kustomize", golden["target"]])
    base = os.path.realpath(tree)
    assert got.out.replace(base, "$CASE") == golden["stdout"]
    assert got.err.replace(base, "$CASE") == golden["stderr"]
    assert got.code == golden["exit"]
