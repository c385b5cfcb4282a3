"""Waiting on the wall clock: a wait sees what another process does meanwhile, and gives up when --timeout has
passed (the frozen-clock cases, where the wait moves the cluster clock, are in tests/golden/waiting.txt)."""

from __future__ import annotations

import io
import threading
import time

from pykubectl.cli.main import main
from pykubectl.env import Env


def _run(store: str, *args: str) -> tuple[str, str, int]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), Env(store_url=store, stdout=out, stderr=err))
    return out.getvalue(), err.getvalue(), code


def test_wait_for_delete_sees_a_delete_made_meanwhile(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = str(tmp_path / "store.db")
    assert _run(store, "create", "configmap", "gone", "--from-literal=a=b")[2] == 0
    deleter = threading.Timer(0.3, _run, args=(store, "delete", "configmap", "gone"))
    deleter.start()
    try:
        out, err, code = _run(store, "wait", "--for=delete", "configmap/gone", "--timeout=10s")
    finally:
        deleter.join()
    assert (out, err, code) == ("", "", 0)


def test_wait_for_create_sees_an_object_made_meanwhile(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = str(tmp_path / "store.db")
    assert _run(store, "get", "configmaps")[2] == 0
    maker = threading.Timer(0.3, _run, args=(store, "create", "configmap", "later", "--from-literal=a=b"))
    maker.start()
    try:
        out, err, code = _run(store, "wait", "--for=create", "configmap/later", "--timeout=10s")
    finally:
        maker.join()
    assert (out, err, code) == ("configmap/later condition met\n", "", 0)


def test_a_wall_clock_wait_gives_up_after_its_timeout(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = str(tmp_path / "store.db")
    assert _run(store, "create", "configmap", "stays", "--from-literal=a=b")[2] == 0
    started = time.monotonic()
    out, err, code = _run(store, "wait", "--for=delete", "configmap/stays", "--timeout=1s")
    assert (out, err, code) == ("", "error: timed out waiting for the condition on configmaps/stays\n", 1)
    assert time.monotonic() - started >= 1.0
