"""The simulated cluster clock: moving it forward replays, in time order, everything that comes due on the way
(containers finishing, back-offs expiring, CronJobs firing, deadlines and TTLs passing), each step with the
clock set to the moment it happens."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from ..env import format_time, parse_time
from ..errors import ClientError
from ..store.store import Store, Tx

# A guard against a controller that keeps scheduling work for "now": far above any real scenario.
MAX_STEPS = 200_000

_PART = re.compile(r"(\d+(?:\.\d+)?)(ms|s|m|h|d)")
_UNIT = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(text: str) -> int:
    """Go-style durations (``90s``, ``1h30m``, ``2h``) plus ``d`` for days; whole seconds."""
    s = text.strip()
    if not s:
        raise ClientError(f'error: invalid duration "{text}"')
    pos = 0
    total = 0.0
    for m in _PART.finditer(s):
        if m.start() != pos:
            break
        total += float(m.group(1)) * _UNIT[m.group(2)]
        pos = m.end()
    if pos != len(s):
        raise ClientError(f'error: invalid duration "{text}": use a number and a unit, e.g. 90s, 10m, 1h30m, 2d')
    return int(total)


def _set_now(tx: Tx, at: datetime) -> None:
    env = tx.env
    env.clock_offset = 0.0
    base = env.now()
    env.clock_offset = (at - base).total_seconds()


def _step_until(tx: Tx, until: datetime) -> None:
    """Run every wake-up due at or before ``until`` in time order, the clock set to each one's time."""
    from . import reconciler

    until_s = format_time(until)
    for _ in range(MAX_STEPS):
        rows = tx.db.execute("SELECT MIN(at) FROM wakeups")
        at = rows[0][0] if rows else None
        if at is None or at > until_s:
            return
        if at > tx.env.now_str():
            _set_now(tx, parse_time(at))
        due = tx.due_wakeups(tx.env.now_str())
        tx.clear_wakeups(due)
        reconciler.run(tx, due)
    raise reconciler.ReconcileError("error: internal error: the clock did not settle")


def next_wakeup(store: Store) -> datetime | None:
    """When the earliest time-driven work is due (None: none is scheduled); one indexed look-up."""
    rows = store.db.execute("SELECT MIN(at) FROM wakeups")
    at = rows[0][0] if rows else None
    return parse_time(at) if at else None


def catch_up(tx: Tx, seeds: list) -> None:
    """What a command's reconcile does: the wake-ups that came due since the last command, replayed at their own
    times (so a read after a wait sees what happened in between), then the work left at the present."""
    from . import reconciler

    env = tx.env
    saved = env.clock_offset
    now = env.now()
    try:
        _step_until(tx, now)
    finally:
        env.clock_offset = saved
    reconciler.run(tx, seeds)


def advance(store: Store, seconds: int) -> datetime:
    """Move the cluster clock ``seconds`` forward in one transaction; returns the new time."""
    from . import reconciler

    env = store.env
    target = env.now() + timedelta(seconds=seconds)
    with store.transaction() as tx:
        # Work left by an interrupted command happens at the present, before time moves.
        catch_up(tx, tx.pending_work())
        _step_until(tx, target)
        _set_now(tx, target)
        tx.meta_set("clock_offset", repr(env.clock_offset))
        tx.clear_work()
        tx.changed = []
    _ = reconciler
    return target
