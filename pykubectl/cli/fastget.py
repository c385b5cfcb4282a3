"""The fast path of the commonest reading command: ``get …`` runs without importing click (≈ 50 ms of a ≈ 90 ms
command: see bench/README.md).

It reads the line with get's flag table (get_core.FLAGS) and the parser every command uses (cli/pflag.py), so it
accepts exactly what the click command accepts. Help, and any line the parser rejects, return None: the command
then goes through click, which reports the error with the same parser and table. Both paths call
``get_core.run_get``.
"""

from __future__ import annotations

from typing import Any


def parse(args: list[str]) -> dict[str, Any] | None:
    """Keyword arguments for run_get, or None when click should run the line (global flags already removed)."""
    if not args or args[0] != "get":
        return None
    from .get_core import FLAGS
    from .pflag import fast_path_values

    return fast_path_values(FLAGS, args[1:])
