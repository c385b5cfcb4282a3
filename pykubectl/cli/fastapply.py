"""The fast path of `apply`: the commonest mutating command runs without importing click, as `get` does
(cli/fastget.py). It reads the line with apply's flag table (apply_core.FLAGS) and the parser every command uses;
help and any line the parser rejects return None and go through click, which reports them. Both paths call
``apply_core.apply_command``."""

from __future__ import annotations

from typing import Any


def parse(args: list[str]) -> dict[str, Any] | None:
    """Keyword arguments for apply_command, or None when click should run the line (global flags already
    removed)."""
    if not args or args[0] != "apply":
        return None
    from .apply_core import FLAGS
    from .pflag import fast_path_values

    kw = fast_path_values(FLAGS, args[1:])
    if kw is not None and (kw.get("args") or ())[:1] in (("view-last-applied",), ("set-last-applied",),
                                                                   ("edit-last-applied",)):
        return None  # apply's subcommands go through the command tree (main._apply_subcommand)
    return kw
