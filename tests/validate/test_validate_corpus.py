"""The annotated corpus fixtures/validate/corpus-*.yaml: every document's errors are exactly its ``# expect:``
lines (none for a valid document), checked through the real command with ``-o json``."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pykubectl.validate.loader import chunks

ROOT = Path(__file__).resolve().parents[2]
CORPUS = sorted((ROOT / "fixtures" / "validate").glob("corpus-*.yaml"))


def _expectations(text: str) -> list[list[str]]:
    out = []
    for _, chunk in chunks(text):
        if chunk.strip():
            out.append([line[len("# expect: "):] for line in chunk.splitlines() if line.startswith("# expect: ")])
    return out


def test_corpus_size() -> None:
    docs = sum(len(_expectations(p.read_text())) for p in CORPUS)
    invalid = sum(1 for p in CORPUS for e in _expectations(p.read_text()) if e)
    assert docs >= 200 and invalid >= 60


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_corpus_file(run, path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    rel = path.relative_to(ROOT).as_posix()
    expected = _expectations(path.read_text())
    r = run(["validate", "-o", "json", rel])
    report = json.loads(r.out)
    got = [[e["message"] for e in d["errors"]] for d in report["documents"]]
    assert len(got) == len(expected)
    for i, (g, e) in enumerate(zip(got, expected)):
        assert g == e, f"{rel} document {i + 1}"
    assert r.code == (1 if any(expected) else 0)
