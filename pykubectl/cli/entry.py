"""The console script: a plain `get` runs on the fast path without importing click (cli/fastget.py); everything
else goes through the click command tree (cli/main.py)."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "get" in argv:
        code = _fast_get(argv)
        if code is not None:
            return code
    from .main import main as click_main

    return click_main(argv)


def _fast_get(argv: list[str]) -> int | None:
    from ..env import Env
    from . import fastget
    from .boundary import guarded, split_globals

    env = Env.from_environ()
    try:
        args = split_globals(list(argv), env)
    except Exception:  # noqa: BLE001 - whatever is wrong, the full path reports it
        return None
    kw = fastget.parse(args)
    if kw is None:
        return None

    def go() -> int:
        from .get_core import run_get

        run_get(env, **kw)
        return 0

    return guarded(env, go)


def run() -> None:
    sys.exit(main())
