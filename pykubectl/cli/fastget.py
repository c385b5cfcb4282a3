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
    from .pflag import FlagError, FlagSet, values_with_defaults

    try:
        parsed = FlagSet(FLAGS).parse(args[1:])
    except FlagError:
        return None
    if parsed.values.get("help") or parsed.deprecations:
        return None
    kw = values_with_defaults(FLAGS, parsed)
    del kw["help"]
    if kw.pop("kustomize") is not None:
        return None  # -k builds a kustomization: the full path reads it (cli/get.py)
    kw["args"] = tuple(parsed.args)
    return kw
