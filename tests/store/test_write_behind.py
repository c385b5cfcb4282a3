"""The writes of a release on a thread of their own (SQLite: Database.write_behind), and the release that forgets
only the pods (Tx.release).

A reconcile that releases its caches (the reconciler does past RELEASE_AFTER cached rows) must leave the store it
leaves without releasing, and the writes behind must leave what the plain writes leave: each test scales the same
deployment in stores of one seed and compares every row. A write behind that fails fails the command with nothing
of it written; a rollback while writes are behind stops them, and nothing is written outside the transaction."""

from __future__ import annotations

import contextlib
import copy
import random
import sqlite3
import threading
import time
from typing import Any, Iterator

import pytest

from pykubectl.apiserver import pipeline
from pykubectl.controllers import reconciler
from pykubectl.controllers.clusterconfig import ClusterShape, NodeGroup
from pykubectl.env import Env, parse_time
from pykubectl.store import db as dbmod
from pykubectl.store import store as storemod
from pykubectl.store.check import check
from pykubectl.store.store import Store
from tests.store.conftest import FROZEN_NOW, dump_store, new_store_url

SHAPE = ClusterShape(groups=(NodeGroup("control-plane"), NodeGroup("worker", count=4)))


def _deployment(replicas: int) -> dict:
    return {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "default"},
            "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": "web"}},
                     "template": {"metadata": {"labels": {"app": "web"}},
                                  "spec": {"containers": [{"name": "app", "image": "nginx:1.27"}]}}}}


@contextlib.contextmanager
def _stores(kind: str, tmp_path: Any, n: int) -> Iterator[list[Store]]:
    with contextlib.ExitStack() as stack:
        out = []
        for i in range(n):
            url = stack.enter_context(contextlib.contextmanager(new_store_url)(kind, tmp_path, f"s{i}.db"))
            s = Store.open(Env(store_url=url, frozen_now=parse_time(FROZEN_NOW), rand=random.Random("behind")),
                           SHAPE)
            stack.callback(s.close)
            out.append(s)
        yield out


def _scale(store: Store, replicas: int) -> None:
    with store.transaction() as tx:
        if tx.get("apps", "Deployment", "default", "web") is None:
            pipeline.create(tx, copy.deepcopy(_deployment(replicas)))
        else:
            d = tx.get("apps", "Deployment", "default", "web")
            d["spec"]["replicas"] = replicas
            tx.update(d)
    reconciler.reconcile(store)


def _run(store: Store, monkeypatch: pytest.MonkeyPatch, release_after: int, behind: bool) -> int:
    """Scale 0 -> 450 (pods on four nodes, the rest pending) -> 120 -> 300; the number of writes behind."""
    monkeypatch.setattr(reconciler, "RELEASE_AFTER", release_after)
    if not behind:
        monkeypatch.setattr(store.db, "writes_behind", False, raising=False)
    handed = []
    write_behind = getattr(store.db, "write_behind", None)
    if write_behind is not None:
        def counted(writes: list) -> None:
            handed.append(len(writes))
            write_behind(writes)

        monkeypatch.setattr(store.db, "write_behind", counted)
    for n in (450, 120, 300):
        _scale(store, n)
    monkeypatch.undo()
    return len(handed)


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_releases_and_writes_behind_leave_the_store_a_single_batch_leaves(kind: str, tmp_path: Any,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    with _stores(kind, tmp_path, 3) as (whole, released, behind):
        assert _run(whole, monkeypatch, 10**9, behind=True) == 0
        assert _run(released, monkeypatch, 150, behind=False) == 0
        n = _run(behind, monkeypatch, 150, behind=True)
        if kind == "sqlite":
            assert n >= 3  # the writes did go behind, several times
        else:
            assert n == 0  # PostgreSQL writes in place
        expected = dump_store(whole)
        assert len(expected["objects"]) > 300 and len(expected["events"]) > 1000
        assert dump_store(released) == expected
        assert dump_store(behind) == expected
        for s in (released, behind):
            report = check(s.db)
            assert report.ok, report.problems


class _Fails:
    """execute_bulk that raises after ``after`` statements went through (on the thread of the writes behind)."""

    def __init__(self, db: Any, after: int):
        self.db, self.after, self.real = db, after, db.execute_bulk
        self.threads: set[int] = set()

    def __call__(self, sql: str, rows: Any) -> None:
        self.threads.add(threading.get_ident())
        if self.after == 0:
            raise sqlite3.OperationalError("database or disk is full")
        self.after -= 1
        self.real(sql, rows)


def test_a_failed_write_behind_fails_the_command_and_writes_nothing(tmp_path: Any,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    with _stores("sqlite", tmp_path, 1) as (store,):
        _scale(store, 10)
        with store.transaction() as tx:  # the command's own write; its reconcile is the next transaction
            d = tx.get("apps", "Deployment", "default", "web")
            d["spec"]["replicas"] = 400
            tx.update(d)
        before = dump_store(store)
        monkeypatch.setattr(reconciler, "RELEASE_AFTER", 150)
        fails = _Fails(store.db, after=2)
        monkeypatch.setattr(store.db, "execute_bulk", fails)
        with pytest.raises(sqlite3.OperationalError, match="disk is full"):
            reconciler.reconcile(store)
        assert fails.threads and threading.get_ident() not in fails.threads  # it failed behind, not in place
        monkeypatch.undo()
        assert dump_store(store) == before  # the reconcile, with the statements written before the failure: undone
        assert check(store.db).ok
        reconciler.reconcile(store)  # the connection works again, and the work left is finished
        with store.read() as tx:
            assert len(tx.list("", "Pod")) == 400


def test_after_a_failed_write_behind_every_use_fails_until_rollback(tmp_path: Any) -> None:
    with _stores("sqlite", tmp_path, 1) as (store,):
        db = store.db
        db.begin()
        db.write_behind([("INSERT INTO meta (k, v) VALUES (:k, :v)", [("a", "1"), ("b", "2")]),
                         ("INSERT INTO meta (k, v) VALUES (:k, :v)", [("a", "again"), ("c", "3")])])  # a key twice
        for _ in range(2):
            with pytest.raises(sqlite3.IntegrityError):
                db.execute("SELECT v FROM meta WHERE k = 'c'")
        with pytest.raises(sqlite3.IntegrityError):
            db.commit()
        db.rollback()
        assert db.execute("SELECT COUNT(*) FROM meta WHERE k IN ('a', 'b', 'c')") == [(0,)]


def test_a_rollback_stops_the_writes_behind_and_none_lands_outside_the_transaction(
        tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    with _stores("sqlite", tmp_path, 1) as (store,):
        db = store.db
        started = threading.Event()
        real = db.execute_bulk

        def slow(sql: str, rows: Any) -> None:
            started.set()
            time.sleep(0.3)
            real(sql, rows)

        monkeypatch.setattr(db, "execute_bulk", slow)
        db.begin()
        db.write_behind([("INSERT INTO meta (k, v) VALUES (:k, :v)", [(f"k{i}", "v") for i in range(50)])] * 1 +
                        [("INSERT INTO meta (k, v) VALUES (:k, :v)", [(f"j{i}", "v") for i in range(50)])])
        assert started.wait(5)
        db.rollback()  # while the first statement is under way
        time.sleep(0.5)  # had the second run after the rollback, it would be in autocommit: written for good
        monkeypatch.undo()
        assert db.execute("SELECT COUNT(*) FROM meta WHERE k LIKE 'k%' OR k LIKE 'j%'") == [(0,)]


ROWS: list[tuple] = [
    (1, "plain", None), (2, "ünïcödé ✓ \U0001f600", 7), (3, "nul\x00inside", 1), (4, "quote \" and \\ back", -5),
    (5, "five", 5), (11, "big", 2**62 + 1), (12, "past 53 bits", 2**53 + 1), (6, "bool", True), (7, "", False), (8, "float", 1.5), (9, "bytes", b"\x00\x01"),
]


def _fresh(tmp_path: Any, name: str) -> dbmod.SqliteDatabase:
    db = dbmod.SqliteDatabase(str(tmp_path / name))
    db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT, n)")
    db.begin()
    return db


@pytest.mark.parametrize("chunk", [2, 5000])
def test_bulk_statements_write_what_executemany_writes(tmp_path: Any, monkeypatch: pytest.MonkeyPatch,
                                                       chunk: int) -> None:
    """Every value type the store writes (and some it does not), a NUL, non-ASCII text, integers past 53 bits;
    INSERT, upsert, UPDATE and DELETE, with a key twice (executemany's last-one-wins order)."""
    monkeypatch.setattr(dbmod, "BULK_CHUNK", chunk)
    statements = [
        ("INSERT INTO t (id, s, n) VALUES (:i, :s, :n)", ROWS),
        ("INSERT INTO t (id, s, n) VALUES (:i, :s, :n) ON CONFLICT (id) DO UPDATE SET s = excluded.s",
         [(1, "upserted", None), (10, "new", 3)]),
        ("UPDATE t SET s = :s, n = :n WHERE id = :i", [("u2", 20, 2), ("u4", None, 4), ("u2 again", 21, 2)]),
        ("UPDATE t SET s = :s, n = :n WHERE id = :i", [("u5", 50, 5), ("u6", 60, 6)]),
        ("DELETE FROM t WHERE id = :i", [(7,), (8,)]),
    ]
    bulk, plain = _fresh(tmp_path, "bulk.db"), _fresh(tmp_path, "plain.db")
    for sql, rows in statements:
        bulk.execute_bulk(sql, rows)
        plain.execute_rows(sql, rows)
    got = bulk.execute("SELECT id, s, n, typeof(s), typeof(n) FROM t ORDER BY id")
    assert got == plain.execute("SELECT id, s, n, typeof(s), typeof(n) FROM t ORDER BY id")
    assert (3, "nul\x00inside", 1, "text", "integer") in got and (11, "big", 2**62 + 1, "text", "integer") in got
    assert dbmod._bulk_statement(statements[0][0]) is not None and dbmod._bulk_statement(statements[3][0]) is not None
