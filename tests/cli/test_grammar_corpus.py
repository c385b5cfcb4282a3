"""kubectl's command-line grammar, recorded: every line of tests/data/grammar/recorded.json (written from real
kubectl 1.32 with no cluster by tools/record_grammar_corpus.py: usage errors, `--dry-run=client` generators,
`--local` edits) prints through pykubectl exactly what kubectl printed (stdout, stderr, exit code), on the click
path and, where `get`/`apply` take the line, on the fast path too."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shlex
import tempfile
from pathlib import Path

import pytest

from pykubectl.cli import entry
from pykubectl.cli.main import main as click_main
from pykubectl.env import Env, parse_time

ROOT = Path(__file__).resolve().parents[2]
CASES = json.loads((ROOT / "tests" / "data" / "grammar" / "recorded.json").read_text(encoding="utf-8"))
_STORE: list[str] = []


def _store() -> str:
    # The lines change nothing (errors, client dry runs, local edits): one store serves them all.
    if not _STORE:
        _STORE.append(os.path.join(tempfile.mkdtemp(prefix="grammar-"), "store.db"))
    return _STORE[0]


def replay(line: str) -> dict[str, tuple[str, str, int]]:
    """(stdout, stderr, exit) of the line through the click command tree, and through the console script's entry
    (the fast path when get/apply take the line: "fast", else "entry")."""
    argv = shlex.split(line)
    environ = {"PYKUBECTL_STORE": _store(), "PYKUBECTL_NOW": "2026-11-22T10:00:00Z", "PYKUBECTL_SEED": "1"}
    old = {k: os.environ.get(k) for k in environ}
    old_cwd = os.getcwd()
    os.environ.update(environ)
    os.chdir(ROOT)
    try:
        results = {}
        out, err = io.StringIO(), io.StringIO()
        env = Env(store_url=_store(), frozen_now=parse_time(environ["PYKUBECTL_NOW"]), stdout=out, stderr=err)
        code = click_main(list(argv), env)
        results["click"] = (out.getvalue(), err.getvalue(), code)
        # The console script's own dispatch: the click-free fast path where get/apply take the line, else click.
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            fast = entry._fast(list(argv)) if ("get" in argv or "apply" in argv) else None
            code = entry.main(list(argv)) if fast is None else fast
        results["fast" if fast is not None else "entry"] = (out.getvalue(), err.getvalue(), code)
        return results
    finally:
        os.chdir(old_cwd)
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def mask_klog(text: str) -> str:
    """klog's header carries the wall clock and the process id: masked on both sides."""
    return re.sub(r"^([IWE])\d{4} [0-9:.]+ +\d+ ", r"\1 ", text, flags=re.M)


def same(got: tuple[str, str, int], case: dict) -> bool:
    return (got[0], mask_klog(got[1]), got[2]) == (case["stdout"], mask_klog(case["stderr"]), case["exit"])


def test_corpus_size() -> None:
    assert len(CASES) >= 400
    assert len({c["line"] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["line"] for c in CASES])
def test_line_prints_what_kubectl_printed(case: dict) -> None:
    for path, got in replay(case["line"]).items():
        assert (got[0], mask_klog(got[1]), got[2]) == (case["stdout"], mask_klog(case["stderr"]), case["exit"]), path
