"""Database access: one small DB-API-shaped adapter over ``sqlite3`` (the embedded default) or SQLAlchemy.

All SQL in the store is written once with named parameters (``:name``), which both ``sqlite3`` and SQLAlchemy's
``text()`` accept. SQLAlchemy is imported only when the URL names another database, so commands on the default
store never pay for it.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from typing import Any, Iterable, Iterator, Sequence

from ..errors import StoreError

SCHEMA_VERSION = 5
BUSY_TIMEOUT_S = 60.0
PAGE_SIZE = 16384  # a new SQLite store's
BEGIN_SLICE_MS = 100

# Strings are {txt}: unbounded, because the store keeps whatever the API server's validation let through on every
# backend alike (a VARCHAR(253) event name overflowed on PostgreSQL only: the recorder appends ".<hex>" to a name
# that may itself be 253 long); and on PostgreSQL in the "C" collation, so lists come back in the byte order the
# API server lists in (etcd key order) and timestamps compare as strings, whatever the database's default
# collation (en_US ignores punctuation: "web1" would sort before "web-2").
_DDL_COMMON = [
    "CREATE TABLE IF NOT EXISTS meta (k {txt} PRIMARY KEY, v {txt} NOT NULL)",
    # One row an object; body is the whole object as JSON.
    """CREATE TABLE IF NOT EXISTS objects (
        id {pk},
        grp {txt} NOT NULL, kind {txt} NOT NULL, namespace {txt} NOT NULL,
        name {txt} NOT NULL, uid {txt} NOT NULL, rv BIGINT NOT NULL, body {txt} NOT NULL)""",
    "CREATE UNIQUE INDEX IF NOT EXISTS objects_key ON objects (grp, kind, namespace, name)",
    "CREATE INDEX IF NOT EXISTS objects_uid ON objects (uid)",
    # Label index: makes -l selection a lookup instead of a scan of every body.
    "CREATE TABLE IF NOT EXISTS labels (obj BIGINT NOT NULL, k {txt} NOT NULL, v {txt} NOT NULL)",
    "CREATE INDEX IF NOT EXISTS labels_kv ON labels (k, v)",
    "CREATE INDEX IF NOT EXISTS labels_obj ON labels (obj)",
    # Owner index: the garbage collector and controllers find dependents by owner uid.
    "CREATE TABLE IF NOT EXISTS owners (obj BIGINT NOT NULL, owner_uid {txt} NOT NULL)",
    "CREATE INDEX IF NOT EXISTS owners_uid ON owners (owner_uid)",
    "CREATE INDEX IF NOT EXISTS owners_obj ON owners (obj)",
    # One row an event; body is the Event as JSON, or for an event recorded here (Tx.record_event) the fields of
    # it that the columns do not hold, as a JSON array (store._event_fields, store.event_of).
    """CREATE TABLE IF NOT EXISTS events (
        id {pk},
        namespace {txt} NOT NULL, name {txt} NOT NULL, involved_uid {txt} NOT NULL,
        dedup {txt} NOT NULL, rv BIGINT NOT NULL, body {txt} NOT NULL)""",
    # By namespace alone: (namespace, rowid) entries are appended as events are recorded, where (namespace, name)
    # put each one at a random place (names begin with the object's); a namespace's events are few to sort.
    "CREATE INDEX IF NOT EXISTS events_namespace ON events (namespace)",
    # One index serves both look-ups (an object's events; one event by its aggregation key): a second index of
    # random hashes cost ~13 us of every event written, half of the insert. Stores made before have the two
    # separate indexes events_involved and events_dedup instead, which serve the same queries.
    "CREATE INDEX IF NOT EXISTS events_involved_dedup ON events (involved_uid, dedup)",
    # Reconcile work not yet done: written in the same transaction as the change that caused it, removed in the
    # same transaction as the reconcile that finished it, so a crash between the two is finished next time.
    "CREATE TABLE IF NOT EXISTS work (k {txt} PRIMARY KEY)",
    # What a deleted object owned is found by its uid: the garbage collector reads these.
    "CREATE TABLE IF NOT EXISTS tombstones (uid {txt} PRIMARY KEY, k {txt} NOT NULL, body {txt} NOT NULL)",
    # Requests and allocations of the pods bound to each node: the scheduler sums these per node.
    "CREATE TABLE IF NOT EXISTS pod_resources (obj BIGINT PRIMARY KEY, node {txt} NOT NULL, cpu_m BIGINT NOT NULL, mem BIGINT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS pod_resources_node ON pod_resources (node)",
    # What a controller counts and ranks of the pods it owns (store.pod_state): a one-pod change of a workload of
    # 100,000 pods reads an index, not the pods. One row per pod with a controller owner; the index is the
    # ReplicaSet controller's deletion order (unscheduled, pending, not ready, most restarts, youngest first).
    "CREATE TABLE IF NOT EXISTS pod_states (obj BIGINT PRIMARY KEY, owner_uid {txt} NOT NULL, active INTEGER NOT NULL, "
    "scheduled INTEGER NOT NULL, phase_rank INTEGER NOT NULL, ready INTEGER NOT NULL, restarts INTEGER NOT NULL, "
    "created {txt} NOT NULL, name {txt} NOT NULL, labels {txt} NOT NULL)",
    "CREATE INDEX IF NOT EXISTS pod_states_rank ON pod_states (owner_uid, active, scheduled, phase_rank, ready, "
    "restarts DESC, created DESC, name DESC, labels)",
    # What the pod table shows of each pod, less the time (printers.table.pod_table_fields), and its labels as
    # sorted JSON: `get pods` of 100,000 pods prints them from here without reading 300 MB of bodies. Keyed by the
    # object id itself ({idkey}: SQLite's rowid), so that the join with the objects key index is one b-tree search a
    # pod, not two (an index of ids, then the table): -0.06 s of that `get pods`.
    "CREATE TABLE IF NOT EXISTS pod_rows (obj {idkey}, ready {txt} NOT NULL, status {txt} NOT NULL, "
    "restarts BIGINT NOT NULL, last_restart {txt} NOT NULL, created {txt} NOT NULL, ip {txt} NOT NULL, "
    "node {txt} NOT NULL, nominated {txt} NOT NULL, gates {txt} NOT NULL, labels {txt} NOT NULL)",
    # Time-driven work: when an object must be looked at again (a Job pod finishing, a back-off expiring).
    "CREATE TABLE IF NOT EXISTS wakeups (k {txt} PRIMARY KEY, at {txt} NOT NULL)",
    "CREATE INDEX IF NOT EXISTS wakeups_at ON wakeups (at)",
]


_PARAM = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")
_NAMES: dict[str, tuple[str, ...]] = {}
_POSITIONAL: dict[str, str] = {}


def _param_names(sql: str) -> tuple[str, ...]:
    """The named parameters of a statement, in order of appearance (each once)."""
    hit = _NAMES.get(sql)
    if hit is None:
        hit = _NAMES[sql] = tuple(dict.fromkeys(_PARAM.findall(sql)))
    return hit


def _positional(sql: str) -> str:
    """The statement with its named parameters as numbered ones (?1 ...), in the order _param_names gives."""
    hit = _POSITIONAL.get(sql)
    if hit is None:
        index = {n: i + 1 for i, n in enumerate(_param_names(sql))}
        hit = _POSITIONAL[sql] = _PARAM.sub(lambda m: f"?{index[m.group(1)]}", sql)
    return hit


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

    def iterate(self, sql: str, params: dict[str, Any] | None = None, size: int = 500) -> Iterator[tuple]:
        """The rows of a query as they come, ``size`` at a time (a long listing is not held whole)."""
        yield from self.execute(sql, params)

    def execute_rows(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """execute_many with each row's values as a tuple, in the order the statement names them (for bulk writes:
        SQLite binds a tuple faster than it looks a dict's values up)."""
        names = _param_names(sql)
        self.execute_many(sql, [dict(zip(names, r)) for r in rows])

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


def _make_private_dirs(folder: str) -> None:
    """Create the missing folders 0700, each of them: os.makedirs gives intermediate ones the umask's mode."""
    if os.path.isdir(folder):
        return
    _make_private_dirs(os.path.dirname(folder))
    try:
        os.mkdir(folder, 0o700)
    except FileExistsError:  # another process made it first
        pass


def _create_in_wal_mode(path: str) -> bool:
    """Make a new store file appear at ``path`` already in WAL mode, mode 0600 (a store may hold Secrets).

    Switching an existing file to WAL needs an exclusive lock that the busy timeout does not wait for: when several
    commands use a new store at once, the one switching failed with "database is locked" while another was
    already creating the tables. So the file is prepared under a private name and hard-linked into place, which
    either wins atomically or finds another process's file there (then that one is used). False when hard links
    are not available: the caller then creates the file in place and switches it itself.
    """
    import secrets

    tmp = f"{path}.{os.getpid()}.{secrets.token_hex(4)}.new"
    fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600)
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            # 16 KiB pages rather than 4: a large reconcile writes (and spills, and checkpoints) a quarter as many
            # pages through as many system calls. Only a new store's: the size is fixed when the file is made.
            conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
            conn.execute("PRAGMA journal_mode = WAL")
        finally:
            conn.close()
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        except OSError:
            fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
            os.close(fd)
            return False
        return True
    finally:
        for f in (tmp, tmp + "-wal", tmp + "-shm"):
            try:
                os.unlink(f)
            except FileNotFoundError:
                pass


class SqliteDatabase(Database):
    dialect = "sqlite"

    def __init__(self, path: str):
        path = os.path.expanduser(path[len("sqlite:///"):] if path.startswith("sqlite:///") else path)
        self.path = path
        set_wal = False
        if path != ":memory:" and not os.path.exists(path):
            _make_private_dirs(os.path.dirname(os.path.abspath(path)))
            set_wal = not _create_in_wal_mode(path)
        try:
            self.conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
            self.conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            if set_wal:
                self.conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
                self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            # 64 MiB of page cache rather than the default 2 MiB (allocated only as it is used): a reconcile that
            # writes thousands of pods and events inserts into indexes of random keys (uids, names), which without
            # it spill and re-read pages; this halves the cost of each such insert.
            self.conn.execute("PRAGMA cache_size = -65536")
        except sqlite3.Error as e:
            raise StoreError(f"error: cannot open the store {path}: {e}") from None
        self._in_tx = False

    def execute(self, sql: str, params: dict[str, Any] | None = None) -> list[tuple]:
        return self.conn.execute(sql, params or {}).fetchall()

    def iterate(self, sql: str, params: dict[str, Any] | None = None, size: int = 500) -> Iterator[tuple]:
        cur = self.conn.execute(sql, params or {})
        while True:
            rows = cur.fetchmany(size)
            if not rows:
                return
            yield from rows

    def execute_many(self, sql: str, rows: Sequence[dict[str, Any]]) -> None:
        self.conn.executemany(sql, rows)

    def execute_rows(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.conn.executemany(_positional(sql), rows)

    def insert_id(self, sql: str, params: dict[str, Any]) -> int:
        cur = self.conn.execute(sql, params)
        return int(cur.lastrowid or 0)

    def begin(self) -> None:
        # IMMEDIATE takes the write lock up front, so two writers queue on busy_timeout instead of one of them
        # failing with SQLITE_BUSY half-way through a command.
        # The wait is taken in short slices: sqlite3's busy wait holds Python's signal handlers off until it gives
        # up, so Ctrl-C on a command queued behind another would otherwise do nothing for BUSY_TIMEOUT_S.
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        self.conn.execute(f"PRAGMA busy_timeout = {BEGIN_SLICE_MS}")
        try:
            while True:
                try:
                    self.conn.execute("BEGIN IMMEDIATE")
                    break
                except sqlite3.OperationalError as e:
                    if "locked" not in str(e):
                        raise
                    if time.monotonic() >= deadline:
                        raise StoreError(f"error: the store {self.path} stayed locked by another command for "
                                         f"{BUSY_TIMEOUT_S:g}s") from None
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
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


def _with_driver(url: str) -> str:
    """``postgresql://`` names no driver and SQLAlchemy 2.1 then wants psycopg 3; use whichever driver is installed
    (psycopg2-binary is the one we ship with), and accept the ``postgres://`` spelling libpq accepts."""
    scheme, sep, rest = url.partition("://")
    if scheme not in ("postgresql", "postgres"):
        return url
    import importlib.util

    for driver in ("psycopg", "psycopg2"):
        if importlib.util.find_spec(driver) is not None:
            return f"postgresql+{driver}{sep}{rest}"
    return f"postgresql{sep}{rest}"


class SqlAlchemyDatabase(Database):
    def __init__(self, url: str):
        try:
            import sqlalchemy
        except ImportError:  # pragma: no cover
            raise StoreError("error: SQLAlchemy is required for store URLs other than SQLite") from None
        self._sa = sqlalchemy
        try:
            self.engine = sqlalchemy.create_engine(_with_driver(url), future=True)
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
        return self._run(sql, params or {})

    def execute_many(self, sql: str, rows: Sequence[dict[str, Any]]) -> None:
        if rows:
            self._run(sql, list(rows))

    def _run(self, sql: str, params: Any) -> list[tuple]:
        # Outside begin()/commit() a statement stands alone, as on sqlite3 with isolation_level=None. SQLAlchemy
        # would otherwise autobegin a transaction that stays open (idle in transaction, holding locks), makes the
        # next begin() fail, and on PostgreSQL is aborted for good by one failed statement.
        try:
            res = self.conn.execute(self._text(sql), params)
            rows = [tuple(r) for r in res.fetchall()] if res.returns_rows else []
        except BaseException:
            if self._tx is None and self.conn.in_transaction():
                self.conn.rollback()
            raise
        if self._tx is None and self.conn.in_transaction():
            self.conn.commit()
        return rows

    def insert_id(self, sql: str, params: dict[str, Any]) -> int:
        rows = self.execute(sql + " RETURNING id", params)
        return int(rows[0][0])

    def _begin(self) -> None:
        if self.conn.in_transaction():
            self.conn.rollback()
        self._tx = self.conn.begin()

    def begin(self) -> None:
        self._begin()
        if self.dialect == "postgresql":
            # Writers serialise, as on SQLite's IMMEDIATE lock: every write reads the store-wide counter and most
            # read-then-write. A transaction-scoped advisory lock rather than FOR UPDATE on the counter row, because
            # the first writer of a new store creates the tables (concurrent CREATE TABLE IF NOT EXISTS of the same
            # table fails on PostgreSQL) and there is no row to lock yet. Keyed by schema: stores in different
            # schemas of one database do not wait for each other.
            self.execute("SELECT pg_advisory_xact_lock(hashtext(current_schema()))")

    def begin_read(self) -> None:
        self._begin()
        if self.dialect == "postgresql":
            # One snapshot for the whole read, as SQLite's read transaction: a reader never sees half a command.
            self.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")

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
    db: Database = SqliteDatabase(url) if is_sqlite_path(url) else SqlAlchemyDatabase(url)
    fault = os.environ.get("PYKUBECTL_FAULT")
    if fault:  # crash tests only (see fault.py); unset, this is the whole cost
        from . import fault as faultmod

        faultmod.install(db, fault)
    from .. import lifetime

    lifetime.opened(db)
    return db


def create_schema(db: Database) -> None:
    for stmt in schema_statements(db.dialect):
        db.execute(stmt)


def schema_statements(dialect: str) -> Iterable[str]:
    if dialect == "sqlite":
        pk, idkey, txt = "INTEGER PRIMARY KEY AUTOINCREMENT", "INTEGER PRIMARY KEY", "TEXT"
    else:
        pk, idkey, txt = "BIGSERIAL PRIMARY KEY", "BIGINT PRIMARY KEY", 'TEXT COLLATE "C"'
    return [s.format(pk=pk, idkey=idkey, txt=txt) for s in _DDL_COMMON]
