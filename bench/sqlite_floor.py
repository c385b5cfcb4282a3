"""What SQLite alone costs to write a store's rows: every row of the given tables of a built store (by default the
100,000-pod store of bench/cluster_scale.py), inserted into a fresh store of the same schema in one transaction
from Python lists, with the store's pragmas. The CPU time it prints is a floor for a command that writes those rows.

    /tmp/pykbench-venv/bin/python bench/sqlite_floor.py [STORE] [--tables objects,events,...]
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import tempfile
import time

TABLES = ["objects", "labels", "owners", "events", "pod_resources", "pod_states", "meta"]


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("store", nargs="?", default=os.path.join(os.environ.get("PYKBENCH_WORK", "/tmp/pykbench-work"),
                                                             "cluster-scale", "pods100k.db"))
    ap.add_argument("--tables", default=",".join(TABLES))
    a = ap.parse_args()
    src = sqlite3.connect(f"file:{a.store}?mode=ro", uri=True)
    schema = [r[0] for r in src.execute(
        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'")]
    tables = a.tables.split(",")
    data = {t: src.execute(f"SELECT * FROM {t}").fetchall() for t in tables}
    with tempfile.TemporaryDirectory() as d:
        c = sqlite3.connect(os.path.join(d, "floor.db"), isolation_level=None)
        c.execute("PRAGMA journal_mode = WAL")
        c.execute("PRAGMA synchronous = NORMAL")
        c.execute("PRAGMA cache_size = -65536")  # as store/db.py
        for sql in schema:
            c.execute(sql)
        t0, w0 = cpu(), time.perf_counter()
        c.execute("BEGIN")
        for t in tables:
            rows = data[t]
            if rows:
                t1 = cpu()
                c.executemany(f"INSERT INTO {t} VALUES ({','.join('?' * len(rows[0]))})", rows)
                print(f"{t}: {len(rows):,} rows, {cpu() - t1:.2f} s CPU")
        t1 = cpu()
        c.execute("COMMIT")
        print(f"commit: {cpu() - t1:.2f} s CPU")
        t1 = cpu()
        c.close()
        print(f"close (checkpoint): {cpu() - t1:.2f} s CPU")
        print(f"total: {cpu() - t0:.2f} s CPU, {time.perf_counter() - w0:.2f} s wall")


if __name__ == "__main__":
    main()
