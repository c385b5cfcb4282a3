"""8 processes x 100 mixed commands (apply, scale, delete, label, get) on one store at once; then every acknowledged
write is present, no resourceVersion was handed out twice or went backwards, and the final state equals the serial
replay of each worker's own commands (which commute with the other workers'), and, for the shared object whose
writes do not commute, equals its acknowledged write with the highest resourceVersion. See stress.py."""

from __future__ import annotations

import os

from pykubectl.cli import main as climain
from tests.robustness import stress

WORKERS = 8


def test_stress(any_url: str, tmp_path: "os.PathLike[str]") -> None:
    # PostgreSQL pays a network round trip per statement: 8 commands each there (bench/stress.py runs
    # the full 8 x 500 on both).
    n = 100 if "://" not in any_url else 8
    logdir = str(tmp_path)
    stress.run_workers(any_url, WORKERS, n, seed=7, logdir=logdir, have_label="label" in climain.VERBS)
    logs = stress.read_logs(logdir, WORKERS)
    assert sum(len(log) for log in logs) == WORKERS * n
    assert sum(e["code"] == 0 for log in logs for e in log) > WORKERS * n // 2
    problems = stress.verify(any_url, logs)
    assert not problems, "\n".join(problems[:40])
