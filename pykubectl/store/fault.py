"""Fault points for crash tests: ``PYKUBECTL_FAULT`` makes this process kill itself (SIGKILL: no cleanup, no
rollback, no atexit) at a chosen point of its store traffic.

    PYKUBECTL_FAULT=after-write:N     right after the Nth write statement (INSERT/UPDATE/DELETE) of the process
    PYKUBECTL_FAULT=before-commit:N   just before the Nth commit
    PYKUBECTL_FAULT=after-commit:N    just after the Nth commit

Several points may be given, comma-separated. When the variable is unset, ``db.connect`` never imports this module:
the hook costs one environment look-up per opened store.
"""

from __future__ import annotations

import os
import signal
from typing import Any

from ..errors import StoreError

POINTS = ("after-write", "before-commit", "after-commit")


def parse(spec: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        point, _, n = part.partition(":")
        if point not in POINTS or not n.isdigit() or int(n) < 1:
            raise StoreError(f"error: invalid PYKUBECTL_FAULT {part!r}: want one of {', '.join(POINTS)} and :N (N >= 1)")
        out[point] = int(n)
    return out


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def install(db: Any, spec: str) -> None:
    """Wrap this connection's methods with counters that kill the process at the chosen points."""
    points = parse(spec)
    counts = {p: 0 for p in POINTS}

    def hit(point: str) -> None:
        if point in points:
            counts[point] += 1
            if counts[point] == points[point]:
                _die()

    execute, execute_many, insert_id, commit = db.execute, db.execute_many, db.insert_id, db.commit

    def is_write(sql: str) -> bool:
        return sql.lstrip()[:6].upper() in ("INSERT", "UPDATE", "DELETE")

    def f_execute(sql: str, params: Any = None) -> Any:
        r = execute(sql, params)
        if is_write(sql):
            hit("after-write")
        return r

    def f_execute_many(sql: str, rows: Any) -> None:
        execute_many(sql, rows)
        if is_write(sql):
            hit("after-write")

    execute_rows = db.execute_rows

    def f_execute_rows(sql: str, rows: Any) -> None:
        execute_rows(sql, rows)
        if db.dialect == "sqlite" and is_write(sql):  # SQLAlchemy's goes through execute_many, counted there
            hit("after-write")

    def f_insert_id(sql: str, params: Any) -> int:
        r = insert_id(sql, params)
        if db.dialect == "sqlite":  # SQLAlchemy's insert_id goes through execute, which counted it already
            hit("after-write")
        return r

    def f_commit() -> None:
        hit("before-commit")
        commit()
        hit("after-commit")

    db.execute, db.execute_many, db.insert_id, db.commit = f_execute, f_execute_many, f_insert_id, f_commit
    db.execute_rows = f_execute_rows
