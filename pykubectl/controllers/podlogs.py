"""Container output: the one place a later version plugs simulated logs in.

The simulation runs no container processes, so today there is no output to return. ``container_log`` is what
``pykubectl logs`` asks; returning a list of lines (even an empty one) makes ``logs`` print them.
"""

from __future__ import annotations

from typing import Any


def container_log(tx: Any, pod: dict, container: str, previous: bool = False) -> list[str] | None:
    """The log lines of ``container`` in ``pod``, or None when the simulation has no output for it."""
    return None
