"""Issue 7 stress benchmark: W processes x N mixed commands (apply, scale, delete, label, get) on one store at once,
on SQLite and on PostgreSQL, then the same verification as tests/robustness/test_stress.py (every acknowledged write
present, resourceVersions unique and increasing per writer, final state = serial replay / last acknowledged write).

    python bench/stress.py                          # 8 x 500 on SQLite and PostgreSQL (127.0.0.1:5432, db test)
    python bench/stress.py --workers 8 --commands 100 --backends sqlite

Run from the repository root with the development venv (the workers import this checkout). Prints a Markdown table
row per backend: wall time, commands per second, the latency percentiles per operation, and the verdict.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from tests.robustness import stress  # noqa: E402


def pg_url() -> tuple[str, object]:
    from tests.store.conftest import PgSchema, pg_unavailable

    why = pg_unavailable()
    if why:
        raise SystemExit(f"PostgreSQL: {why}")
    schema = PgSchema()
    return schema.url, schema


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))] if xs else 0.0


def run(backend: str, workers: int, n: int, seed: int) -> str:
    from pykubectl.cli import main as climain

    tmp = tempfile.mkdtemp(prefix=f"pyk-stress-{backend}-")
    schema = None
    url = os.path.join(tmp, "store.db") if backend == "sqlite" else None
    if url is None:
        url, schema = pg_url()
    try:
        load0 = os.getloadavg()[0]
        wall = stress.run_workers(url, workers, n, seed, tmp, have_label="label" in climain.VERBS)
        load1 = os.getloadavg()[0]
        logs = stress.read_logs(tmp, workers)
        problems = stress.verify(url, logs)
    finally:
        if schema is not None:
            schema.drop()  # type: ignore[attr-defined]
    entries = [e for log in logs for e in log]
    by_op: dict[str, list[float]] = {}
    for e in entries:
        by_op.setdefault(e["op"], []).append(e["s"])
    lat = ", ".join(f"{op} {statistics.median(v) * 1000:.0f}/{pct(v, 0.95) * 1000:.0f}"
                    for op, v in sorted(by_op.items()))
    ok = sum(e["code"] == 0 for e in entries)
    verdict = "OK" if not problems else f"{len(problems)} PROBLEMS: " + "; ".join(problems[:5])
    return (f"| {backend} | {workers} x {n} | {wall:.1f} s | {len(entries) / wall:.1f} | {ok}/{len(entries)} | "
            f"{lat} | load {load0:.1f}->{load1:.1f} | {verdict} |")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--workers", type=int, default=8)
    ap.add_argument("--commands", type=int, default=500)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--backends", default="sqlite,postgresql")
    a = ap.parse_args()
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {platform.platform()}, {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}")
    print("| backend | workers x commands | wall | commands/s | exit 0 | latency median/p95 ms per op | load | "
          "verification |")
    print("|---|---|---|---|---|---|---|---|")
    for b in a.backends.split(","):
        print(run(b.strip(), a.workers, a.commands, a.seed), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
