"""The fast path of `apply -f FILE…` (optionally `-R`): the commonest mutating command runs without importing
click, as `get` does (cli/fastget.py). Any other flag, help or a malformed line returns None and the command goes
through click as usual; both paths call ``apply_core.run_apply``."""

from __future__ import annotations

from typing import Any


def parse(args: list[str]) -> dict[str, Any] | None:
    """Keyword arguments for run_apply, or None when this is not a plain apply (global flags already removed)."""
    if not args or args[0] != "apply":
        return None
    files: list[str] = []
    recursive = False
    i = 1
    while i < len(args):
        a = args[i]
        if a in ("-R", "--recursive"):
            recursive = True
            i += 1
            continue
        if a in ("-f", "--filename"):
            if i + 1 >= len(args):
                return None
            files.append(args[i + 1])
            i += 2
            continue
        if a.startswith("--filename="):
            files.append(a.split("=", 1)[1])
        elif a.startswith("-f") and len(a) > 2:
            files.append(a[2:].removeprefix("="))
        else:
            return None
        i += 1
    if not files or any(f == "" for f in files):
        return None
    return {"files": files, "recursive": recursive}
