"""Database access: one small DB-API-shaped adapter over ``sqlite3`` (the embedded default) or SQLAlchemy.

All SQL in the store is written once with named parameters (``:name``), which both ``sqlite3`` and SQLAlchemy's
``text()`` accept. SQLAlchemy is imported only when the URL names another database, so commands on the default
store never pay for it.
"""

from __future__ import annotations

import os
import sqlite3
from typing import Any, Iterable, Sequence

from ..errors import StoreError

SCHEMA_VERSION = 1
BUSY_TIMEOUT_S = 60.0

_DDL_COMMON = [
    "CREATE TABLE IF NOT EXISTS meta (k VARCHAR(64) PRIMARY KEY, v TEXT NOT NULL)",
    # One row an object; body is the whole object as JSON.
    """CREATE TABLE IF NOT EXISTS objects (
        id {pk},
        grp VARCHAR(253) NOT NULL, kind VARCHAR(253) NOT NULL, namespace VARCHAR(253) NOT NULL,
        name VARCHAR(253) NOT NULL, uid VARCHAR(64) NOT NULL, rv BIGINT NOT NULL, body TEXT NOT NULL)""",
    "CREATE UNIQUE INDEX IF NOT EXISTS objects_key ON objects (grp, kind, namespace, name)",
    "CREATE INDEX IF NOT EXISTS objects_uid ON objects (uid)",
    # Label index: makes -l selection a lookup instead of a scan of every body.
    "CREATE TABLE IF NOT EXISTS labels (obj BIGINT NOT NULL, k VARCHAR(317) NOT NULL, v VARCHAR(63) NOT NULL)",
    "CREATE INDEX IF NOT EXISTS labels_kv ON labels (k, v)",
    "CREATE INDEX IF NOT EXISTS labels_obj ON labels (obj)",
    # Owner index: the garbage collector and controllers find dependents by owner uid.
    "CREATE TABLE IF NOT EXISTS owners (obj BIGINT NOT NULL, owner_uid VARCHAR(64) NOT NULL)",
    "CREATE INDEX IF NOT EXISTS owners_uid ON owners (owner_uid)",
    "CREATE INDEX IF NOT EXISTS owners_obj ON owners (obj)",
    """CREATE TABLE IF NOT EXISTS events (
        id {pk},
        namespace VARCHAR(253) NOT NULL, name VARCHAR(253) NOT NULL, involved_uid VARCHAR(64) NOT NULL,
        dedup VARCHAR(1024) NOT NULL, rv BIGINT NOT NULL, body TEXT NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS events_ns ON events (namespace, name)",
    "CREATE INDEX IF NOT EXISTS events_involved ON events (involved_uid)",
    "CREATE INDEX IF NOT EXISTS events_dedup ON events (dedup)",
    # Reconcile work not yet done: written in the same transaction as the change that caused it, removed in the
    # same transaction as the reconcile that finished it, so a crash between the two is finished next time.
    "CREATE TABLE IF NOT EXISTS work (k VARCHAR(1100) PRIMARY KEY)",
    # What a deleted object owned is found by its uid: the garbage collector reads these.
    "CREATE TABLE IF NOT EXISTS tombstones (uid VARCHAR(64) PRIMARY KEY, k VARCHAR(1100) NOT NULL, body TEXT NOT NULL)",
    # Requests and allocations of the pods bound to each node: the scheduler sums these per node.
    "CREATE TABLE IF NOT EXISTS pod_resources (obj BIGINT PRIMARY KEY, node VARCHAR(253) NOT NULL, cpu_m BIGINT NOT NULL, mem BIGINT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS pod_resources_node ON pod_resources (node)",
    # Time-driven work: when an object must be looked at again (a Job pod finishing, a back-off expiring).
    "CREATE TABLE IF NOT EXISTS wakeups (k VARCHAR(1100) PRIMARY KEY, at VARCHAR(32) NOT NULL)",
    "CREATE INDEX IF NOT EXISTS wakeups_at ON wakeups (at)",
]


def is_sqlite_path(url: str) -> bool:
    return "://" not in url or url.startswith("sqlite:///")


class Database:
    """A connection with ``execute``, ``begin``, ``commit``, ``rollback``; rows come back as tuples."""

    dialect = "sqlite"

    def execute(self, sql: str, params: dict[str, Any] | None = None) -> list[tuple]:
        raise NotImplementedError

    def execute_many(self, sql: str, rows: Sequence[dict[str, Any]]) -> None:
        for r in rows:
            self.execute(sql, r)

    def insert_id(self, sql: str, params: dict[str, Any]) -> int:
        raise NotImplementedError

    def begin(self) -> None:
        raise NotImplementedError

    def commit(self) -> None:
        raise NotImplementedError

    def rollback(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


class SqliteDatabase(Database):
    dialect = "sqlite"

    def __init__(self, path: str):
        path = os.path.expanduser(path[len("sqlite:///"):] if path.startswith("sqlite:///") else path)
        self.path = path
        new = path != ":memory:" and not os.path.exists(path)
        if new:
            folder = os.path.dirname(os.path.abspath(path))
            if not os.path.isdir(folder):
                os.makedirs(folder, mode=0o700, exist_ok=True)
            # Create the file 0600 before SQLite opens it: a store may hold Secrets.
            fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
            os.close(fd)
        try:
            self.conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
            self.conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            if new:
                self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.Error as e:
            raise StoreError(f"error: cannot open the store {path}: {e}") from None
        self._in_tx = False

    def execute(self, sql: str, params: dict[str, Any] | None = None) -> list[tuple]:
        return self.conn.execute(sql, params or {}).fetchall()

    def execute_many(self, sql: str, rows: Sequence[dict[str, Any]]) -> None:
        self.conn.executemany(sql, rows)

    def insert_id(self, sql: str, params: dict[str, Any]) -> int:
        cur = self.conn.execute(sql, params)
        return int(cur.lastrowid or 0)

    def begin(self) -> None:
        # IMMEDIATE takes the write lock up front, so two writers queue on busy_timeout instead of one of them
        # failing with SQLITE_BUSY half-way through a command.
        self.conn.execute("BEGIN IMMEDIATE")
        self._in_tx = True

    def begin_read(self) -> None:
        self.conn.execute("BEGIN")
        self._in_tx = True

    def commit(self) -> None:
        if self._in_tx:
            self.conn.execute("COMMIT")
            self._in_tx = False

    def rollback(self) -> None:
        if self._in_tx:
            try:
                self.conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            self._in_tx = False

    def close(self) -> None:
        self.conn.close()


class SqlAlchemyDatabase(Database):
    def __init__(self, url: str):
        try:
            import sqlalchemy
        except ImportError:  # pragma: no cover
            raise StoreError("error: SQLAlchemy is required for store URLs other than SQLite") from None
        self._sa = sqlalchemy
        try:
            self.engine = sqlalchemy.create_engine(url, future=True)
            self.conn = self.engine.connect()
        except Exception as e:  # noqa: BLE001 - driver errors differ by backend
            raise StoreError(f"error: cannot open the store {_redact(url)}: {_first_line(e)}") from None
        self.dialect = self.engine.dialect.name
        self._tx = None
        self._text_cache: dict[str, Any] = {}

    def _text(self, sql: str) -> Any:
        t = self._text_cache.get(sql)
        if t is None:
            t = self._text_cache[sql] = self._sa.text(sql)
        return t

    def execute(self, sql: str, params: dict[str, Any] | None = None) -> list[tuple]:
        res = self.conn.execute(self._text(sql), params or {})
        if res.returns_rows:
            return [tuple(r) for r in res.fetchall()]
        return []

    def execute_many(self, sql: str, rows: Sequence[dict[str, Any]]) -> None:
        if rows:
            self.conn.execute(self._text(sql), list(rows))

    def insert_id(self, sql: str, params: dict[str, Any]) -> int:
        rows = self.execute(sql + " RETURNING id", params)
        return int(rows[0][0])

    def begin(self) -> None:
        self._tx = self.conn.begin()
        if self.dialect == "postgresql":
            # Writers serialise on the counter row, as SQLite's IMMEDIATE lock does.
            self.execute("SELECT v FROM meta WHERE k = 'rv' FOR UPDATE")

    def begin_read(self) -> None:
        self._tx = self.conn.begin()

    def commit(self) -> None:
        if self._tx is not None:
            self._tx.commit()
            self._tx = None

    def rollback(self) -> None:
        if self._tx is not None:
            self._tx.rollback()
            self._tx = None

    def close(self) -> None:
        self.conn.close()
        self.engine.dispose()


def _first_line(e: BaseException) -> str:
    return str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__


def _redact(url: str) -> str:
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return scheme + "://***@" + rest.split("@", 1)[1]
    return url


def connect(url: str) -> Database:
    if is_sqlite_path(url):
        return SqliteDatabase(url)
    return SqlAlchemyDatabase(url)


def create_schema(db: Database) -> None:
    pk = "INTEGER PRIMARY KEY AUTOINCREMENT" if db.dialect == "sqlite" else "BIGSERIAL PRIMARY KEY"
    for stmt in _DDL_COMMON:
        db.execute(stmt.format(pk=pk))


def schema_statements(dialect: str) -> Iterable[str]:
    pk = "INTEGER PRIMARY KEY AUTOINCREMENT" if dialect == "sqlite" else "BIGSERIAL PRIMARY KEY"
    return [s.format(pk=pk) for s in _DDL_COMMON]
