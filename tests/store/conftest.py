"""Store fixtures: every store test runs against SQLite and against PostgreSQL (a fresh schema per test).

The PostgreSQL variant is skipped, with the reason shown by ``pytest -rs``, when nothing answers on
127.0.0.1:5432. Override the server with ``PYKUBECTL_TEST_PG`` (a URL without a path-level schema).
"""

from __future__ import annotations

import os
import random
import socket
import uuid
from typing import Callable, Iterator
from urllib.parse import urlsplit

import pytest

from pykubectl.env import Env, parse_time
from pykubectl.store.store import Store

FROZEN_NOW = "2026-11-22T10:00:00Z"
PG_URL = os.environ.get("PYKUBECTL_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
TABLES = ("meta", "objects", "labels", "owners", "events", "work", "tombstones", "pod_resources", "pod_states",
          "pod_rows", "wakeups")


def pg_unavailable() -> str | None:
    """Why the PostgreSQL tests cannot run, or None."""
    u = urlsplit(PG_URL)
    try:
        with socket.create_connection((u.hostname or "127.0.0.1", u.port or 5432), timeout=1):
            pass
    except OSError as e:
        return f"PostgreSQL does not answer on {u.hostname}:{u.port or 5432} ({e})"
    try:
        import psycopg2  # noqa: F401
    except ImportError:
        return "psycopg2 is not installed"
    return None


class PgSchema:
    """A uniquely named schema; the store URL selects it through libpq's ``options=-csearch_path=``."""

    def __init__(self) -> None:
        import psycopg2

        self.name = "pyk_" + uuid.uuid4().hex[:12]
        u = urlsplit(PG_URL)
        self._dsn = dict(host=u.hostname, port=u.port or 5432, user=u.username or "postgres",
                         dbname=u.path.lstrip("/") or "postgres")
        if u.password:
            self._dsn["password"] = u.password
        conn = psycopg2.connect(**self._dsn)
        conn.autocommit = True
        conn.cursor().execute(f'CREATE SCHEMA "{self.name}"')
        conn.close()
        sep = "&" if "?" in PG_URL else "?"
        self.url = f"{PG_URL}{sep}options=-csearch_path%3D{self.name}"

    def drop(self) -> None:
        import psycopg2

        conn = psycopg2.connect(**self._dsn)
        conn.autocommit = True
        conn.cursor().execute(f'DROP SCHEMA IF EXISTS "{self.name}" CASCADE')
        conn.close()


def new_store_url(kind: str, tmp_path: "os.PathLike[str]", name: str = "store.db") -> Iterator[str]:
    """The URL of a store that does not exist yet: a SQLite file, or an empty PostgreSQL schema dropped afterwards
    (skipped with the reason when PostgreSQL does not answer)."""
    if kind == "sqlite":
        yield os.path.join(str(tmp_path), name)
        return
    why = pg_unavailable()
    if why:
        pytest.skip(why)
    schema = PgSchema()
    try:
        yield schema.url
    finally:
        # Stores opened by the test are closed by open_store's finaliser first (registered later, runs earlier).
        schema.drop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: "os.PathLike[str]") -> Iterator[str]:
    yield from new_store_url(request.param, tmp_path)


@pytest.fixture
def open_store(store_url: str) -> Iterator[Callable[..., Store]]:
    """``open_store(seed=...)`` opens (creating on first use) the store at ``store_url``; all are closed at the end."""
    opened: list[Store] = []

    def _open(seed: str = "1", now: str = FROZEN_NOW) -> Store:
        env = Env(store_url=store_url, frozen_now=parse_time(now), rand=random.Random(seed))
        s = Store.open(env)
        opened.append(s)
        return s

    yield _open
    for s in opened:
        try:
            s.db.rollback()
            s.close()
        except Exception:  # noqa: BLE001 - a test may have closed it already
            pass


@pytest.fixture
def store(open_store: Callable[..., Store]) -> Store:
    return open_store()


def dump_store(store: Store) -> dict[str, list[tuple]]:
    """Every row of every table, order-independent: equal dumps mean an identical store."""
    out = {}
    for t in TABLES:
        rows = store.db.execute(f"SELECT * FROM {t}")
        out[t] = sorted((tuple(str(v) for v in r) for r in rows))
    return out


@pytest.fixture
def dump() -> Callable[[Store], dict[str, list[tuple]]]:
    return dump_store
