"""Ages as kubectl prints them (k8s.io/apimachinery/pkg/util/duration)."""

from __future__ import annotations

import math
from datetime import datetime, timezone


def _trunc(x: float) -> int:
    # Go's int(float) and integer division of durations both truncate toward zero.
    return int(math.trunc(x))


def human_duration(seconds: float) -> str:
    """HumanDuration: two units of precision while the larger unit is small (``3m2s``, ``2d3h``)."""
    s = _trunc(seconds)
    # Up to one second in the future counts as "now": clocks between machines drift.
    if s < -1:
        return "<invalid>"
    if s < 0:
        return "0s"
    if s < 60 * 2:
        return f"{s}s"
    minutes = s // 60
    if minutes < 10:
        rem = s % 60
        return f"{minutes}m" if rem == 0 else f"{minutes}m{rem}s"
    if minutes < 60 * 3:
        return f"{minutes}m"
    hours = minutes // 60
    if hours < 8:
        rem = minutes % 60
        return f"{hours}h" if rem == 0 else f"{hours}h{rem}m"
    if hours < 48:
        return f"{hours}h"
    if hours < 24 * 8:
        rem = hours % 24
        return f"{hours // 24}d" if rem == 0 else f"{hours // 24}d{rem}h"
    if hours < 24 * 365 * 2:
        return f"{hours // 24}d"
    if hours < 24 * 365 * 8:
        rem = (hours // 24) % 365
        years = hours // 24 // 365
        return f"{years}y" if rem == 0 else f"{years}y{rem}d"
    return f"{hours // 24 // 365}y"


def short_human_duration(seconds: float) -> str:
    """ShortHumanDuration: a single unit (``59s``, ``3m``, ``4h``, ``45d``, ``2y``)."""
    s = _trunc(seconds)
    if s < -1:
        return "<invalid>"
    if s < 0:
        return "0s"
    if s < 60:
        return f"{s}s"
    minutes = s // 60
    if minutes < 60:
        return f"{minutes}m"
    hours = minutes // 60
    if hours < 24:
        return f"{hours}h"
    if hours < 24 * 365:
        return f"{hours // 24}d"
    return f"{hours // 24 // 365}y"


def parse_time(ts: str) -> datetime:
    """Parse an RFC 3339 timestamp as the API server writes it (``2024-05-01T10:00:00Z``)."""
    if ts.endswith("Z"):
        ts = ts[:-1] + "+00:00"
    dt = datetime.fromisoformat(ts)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt


def translate_timestamp_since(ts: str | None, now: datetime) -> str:
    """The AGE cell: ``<unknown>`` for a missing timestamp, else HumanDuration of the elapsed time."""
    if not ts:
        return "<unknown>"
    try:
        then = parse_time(ts)
    except ValueError:
        return "<unknown>"
    return human_duration((now - then).total_seconds())
