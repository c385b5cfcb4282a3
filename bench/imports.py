"""What each library costs to import on this machine, and what `pykubectl get pods` imports.

    bench/setup.sh && /tmp/pykbench-venv/bin/python bench/imports.py [--runs 20] [--store PATH]

1. Wall time of `python -c "import X"` minus `python -c pass`, medians of alternating runs, in the benchmark venv
   (installed, byte-compiled: what a user pays).
2. `python -X importtime` of `pykubectl get pods`: every third-party top-level package it loads (cumulative), and
   pykubectl's own modules (cumulative and self), so a heavy import on the read path is visible at once.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import PYTHON, Series, alternate, bench_env, check_install, fresh_dir, header, pk, timed  # noqa: E402

LIBS = {
    "click": "import click",
    "yaml": "import yaml",
    "yaml (C loader)": "import yaml; yaml.CSafeLoader",
    "jsonschema": "import jsonschema",
    "tabulate": "import tabulate",
    "sqlalchemy": "import sqlalchemy",
    "sqlalchemy + orm": "import sqlalchemy.orm",
    "sqlite3 (stdlib)": "import sqlite3",
    "json (stdlib)": "import json",
    "pykubectl.cli.main": "import pykubectl.cli.main",
}

RUN_GET = "import sys; sys.argv = ['pykubectl', 'get', 'pods']; from pykubectl.cli.entry import run; run()"


def importtime(code: str, env: dict[str, str]) -> list[tuple[int, int, str]]:
    p = subprocess.run([PYTHON, "-X", "importtime", "-c", code], env=env, capture_output=True, text=True)
    rows = []
    for line in p.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if m:
            rows.append((int(m.group(1)), int(m.group(2)), m.group(4)))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--store", help="store for the get pods trace (default: a fresh one)")
    args = ap.parse_args()
    check_install()
    header("import costs")
    env = bench_env()

    base = Series("python -c pass")
    series = {name: Series(name) for name in LIBS}
    steps = [(base, lambda: timed([PYTHON, "-c", "pass"], env))]
    for name, code in LIBS.items():
        steps.append((series[name], lambda code=code: timed([PYTHON, "-c", code], env)))
    alternate(args.runs, steps)
    print(f"\ninterpreter start-up (python -c pass): {base.median * 1000:.0f} ms")
    print(f"{'library':<22} {'median wall':>12} {'over start-up':>14}")
    for name, s in series.items():
        print(f"{name:<22} {s.median * 1000:>9.0f} ms {1000 * (s.median - base.median):>+11.0f} ms")

    # -X importtime of the get path
    store = args.store
    if not store:
        store = str(fresh_dir("imports") / "s.db")
        pk(["get", "ns"], store)
    genv = bench_env(store)
    # warm once, then take the median trace by total time of 5
    traces = []
    for _ in range(6):
        rows = importtime(RUN_GET, genv)
        traces.append((sum(r[0] for r in rows), rows))
    traces = sorted(traces[1:], key=lambda t: t[0])
    total, rows = traces[len(traces) // 2]
    print(f"\n-X importtime of `pykubectl get pods` (median of 5 traces): {len(rows)} modules, "
          f"{total / 1000:.0f} ms self time in imports")
    tops: dict[str, int] = {}
    for self_us, cum_us, mod in rows:
        top = mod.split(".")[0]
        if "." not in mod:
            tops[top] = max(tops.get(top, 0), cum_us)
    heavy = {"click", "yaml", "jsonschema", "tabulate", "sqlalchemy", "referencing", "rpds", "attrs", "sqlite3",
             "json", "importlib_metadata", "typing_extensions"}
    print("top-level packages loaded (cumulative ms), largest first:")
    for top, cum in sorted(tops.items(), key=lambda kv: -kv[1])[:25]:
        mark = "  <- third-party" if top in heavy - {"sqlite3", "json"} else ""
        print(f"  {top:<28} {cum / 1000:7.1f}{mark}")
    loaded = {r[2].split(".")[0] for r in rows}
    for lib in ("sqlalchemy", "jsonschema", "tabulate", "yaml"):
        print(f"  {lib} imported by get pods: {'YES' if lib in loaded else 'no'}")
    print("pykubectl modules on the get path (cumulative / self ms):")
    for self_us, cum_us, mod in rows:
        if mod.startswith("pykubectl"):
            print(f"  {mod:<40} {cum_us / 1000:7.1f} {self_us / 1000:7.1f}")


if __name__ == "__main__":
    main()
