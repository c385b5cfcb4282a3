"""How a run of the console script ends.

A command that reconciles 10,000 pods holds hundreds of thousands of small objects when it is done; freeing them one
by one, when the reconcile's transaction goes out of scope and again at interpreter shutdown, took about 6% of such
a command. The console script (cli/entry.run) therefore keeps the big objects alive to the end, closes the
databases it opened, flushes its output, and leaves with os._exit, unless something registered work for the exit
(an atexit callback, such as a temporary directory's clean-up), in which case it exits normally.

Called as a library (tests, main() in-process), nothing is kept and nothing changes: begin() is never called.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Any, Iterator

_kept: list[Any] | None = None  # None: not a console-script run
_dbs: list[Any] = []


def begin() -> None:
    global _kept
    _kept = []
    _dbs.clear()


def serving() -> None:
    """A long-running server (``pykubectl dashboard``) from here on: nothing is kept, as for a library, or every
    request's reconcile would stay in memory until the server stops."""
    global _kept
    _kept = None


def keep(obj: Any) -> None:
    """Free ``obj`` only with the process (when the run ends through end())."""
    if _kept is not None:
        _kept.append(obj)


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """In a console-script run, run the block without the cyclic garbage collector. A reconcile builds hundreds of
    thousands of objects that live to its end, nearly none of them in cycles: each collection walked them for
    nothing (about 6% of a 10,000-pod scale, and no smaller peak memory). After the block what exists is frozen
    (gc.freeze: the reconcile's objects are kept to the end anyway, and otherwise the first allocation after it
    would walk them all once more) and the collector runs again. In-process, nothing changes."""
    import gc

    if _kept is None or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def opened(db: Any) -> None:
    """A database connection that end() closes before the process leaves."""
    if _kept is not None:
        _dbs.append(db)


def end(code: int) -> None:
    """Leave with ``code`` without tearing the interpreter down, when that is safe; else return (the caller exits
    normally)."""
    import atexit
    import os

    for db in _dbs:
        try:
            db.close()  # a SQLite store's last connection folds the WAL back and removes it
        except Exception:  # noqa: BLE001 - a normal exit would try again and report nothing either
            pass
    _dbs.clear()
    if atexit._ncallbacks():  # type: ignore[attr-defined]
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:  # noqa: BLE001 - a closed pipe: let the normal exit deal with it as it always has
        return
    os._exit(code)
