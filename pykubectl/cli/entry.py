"""The console script: `get`, `apply` and `validate` run on their fast paths without importing click
(cli/fastget.py, cli/fastapply.py, cli/fastvalidate.py); everything else goes through the click command tree
(cli/main.py)."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["kustomize"] and len(argv) <= 2 and not any(a.startswith("-") for a in argv[1:]):
        return _kustomize(argv[1] if len(argv) == 2 else ".")
    if "get" in argv or "apply" in argv or "validate" in argv:
        code = _fast(argv)
        if code is not None:
            return code
    from .main import main as click_main

    return click_main(argv)


def _kustomize(directory: str) -> int:
    """`kustomize [DIR]` without click: it needs no store, and kubectl's own takes a few tens of milliseconds."""
    from ..env import Env
    from .boundary import guarded
    from .kustomize_cmd import run as run_kustomize

    env = Env.from_environ()
    return guarded(env, lambda: run_kustomize(directory, env.stdout, env.stderr))


def _fast(argv: list[str]) -> int | None:
    from ..env import Env
    from .boundary import guarded, split_globals

    env = Env.from_environ()
    try:
        args = split_globals(list(argv), env)
    except Exception:  # noqa: BLE001 - whatever is wrong, the full path reports it
        return None
    if args[:1] == ["validate"]:
        from .fastvalidate import parse

        validate_kw = parse(args)
        if validate_kw is None:
            return None
        from .validate_run import run_validate

        return guarded(env, lambda: run_validate(env, **validate_kw) or 0)
    from . import fastapply, fastget

    get_kw = fastget.parse(args)
    apply_kw = fastapply.parse(args) if get_kw is None else None
    if get_kw is None and apply_kw is None:
        return None

    def go() -> int:
        if get_kw is not None:
            from .get_core import run_get

            run_get(env, **get_kw)
            return 0
        from .. import errors
        from .apply_core import apply_command

        if apply_command(env, **apply_kw):
            raise errors.PykubectlError("")
        return 0

    return guarded(env, go)


def run() -> None:
    # A command is a short-lived process that builds many objects and frees few, most of them without cycles: the
    # collector's default thresholds made it walk the growing heap again and again (about a fifth of a 10,000-pod
    # reconcile). Collections still happen, 140 times less often.
    import gc

    gc.set_threshold(100_000, 50, 100)
    from .. import lifetime

    lifetime.begin()
    code = main()
    if isinstance(code, int):
        lifetime.end(code)
    sys.exit(code)
