"""pykubectl store check | migrate | export | import, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import sqlite3

import pytest

from pykubectl.env import Env
from pykubectl.store import db as dbmod
from pykubectl.store.store import Store
from tests.conftest import Runner
from tests.store.conftest import new_store_url
from tests.store.conftest import dump_store

SEED = "fixtures/seed/order-deployment.yaml"


def populated(run: Runner) -> None:
    r = run(f"apply -f {SEED}")
    assert r.code == 0, r.err
    assert run("scale deployment/order-deployment --replicas=2").code == 0
    assert run("create namespace team-a").code == 0
    cm = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg, namespace: team-a}\ndata: {a: b}\n"
    assert run("apply -f -", stdin=cm).code == 0


def raw(url: str) -> dbmod.Database:
    return dbmod.connect(url)


def test_check_ok_on_a_populated_store(krun: Runner) -> None:
    populated(krun)
    r = krun("store check")
    assert r.code == 0, r.out + r.err
    assert r.err == ""
    lines = r.out.splitlines()
    assert lines[1].startswith(f"schema version {dbmod.SCHEMA_VERSION}, resourceVersion ")
    assert lines[-1] == "ok: no problems found"


@pytest.mark.parametrize("sql, problem", [
    ("DELETE FROM labels WHERE id IN (SELECT MIN(rowid) FROM labels)", "labels: "),
    ("UPDATE objects SET rv = rv + 100000 WHERE name = 'order-deployment'", "is greater than the store's counter"),
    ("UPDATE objects SET body = REPLACE(body, '\"resourceVersion\":\"', '\"resourceVersion\":\"9') "
     "WHERE kind = 'Service' AND name = 'kubernetes'", "rv column"),
    ("DELETE FROM objects WHERE kind = 'ReplicaSet'", "does not exist and is not being collected"),
    ("DELETE FROM pod_resources", "pod_resources: "),
    ("UPDATE meta SET v = '0' WHERE k = 'schema_version'", "run `pykubectl store migrate`"),
    ("INSERT INTO owners (obj, owner_uid) VALUES (999999, 'x')", "object id 999999 (no such object)"),
])
def test_check_finds_each_broken_invariant(tmp_path: "os.PathLike[str]", sql: str, problem: str) -> None:
    url = os.path.join(str(tmp_path), "store.db")
    run = Runner(url)
    populated(run)
    conn = sqlite3.connect(url)
    if "labels WHERE id" in sql:
        sql = "DELETE FROM labels WHERE rowid = (SELECT MIN(rowid) FROM labels)"
    conn.execute(sql)
    conn.commit()
    # Everything into the database file first: a later connection's close may checkpoint what the write-ahead log
    # still holds, which moves bytes without changing anything.
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = open(url, "rb").read()
    r = run("store check")
    assert r.code == 1
    assert any(ln.startswith("problem: ") and problem in ln for ln in r.out.splitlines()), r.out
    assert r.err.startswith("error: ") and "problem" in r.err and "found in the store" in r.err
    assert open(url, "rb").read() == before  # check changes nothing
    wal = url + "-wal"
    assert not os.path.exists(wal) or os.path.getsize(wal) == 0  # nor writes anything to the log


def test_check_duplicate_resource_versions(tmp_path: "os.PathLike[str]") -> None:
    url = os.path.join(str(tmp_path), "store.db")
    run = Runner(url)
    populated(run)
    conn = sqlite3.connect(url)
    rv, body = conn.execute("SELECT rv, body FROM objects WHERE kind = 'Namespace' AND name = 'default'").fetchone()
    obj = json.loads(body)
    ns = conn.execute("SELECT body FROM objects WHERE kind = 'Namespace' AND name = 'team-a'").fetchone()[0]
    other = json.loads(ns)
    other["metadata"]["resourceVersion"] = str(rv)
    conn.execute("UPDATE objects SET rv = ?, body = ? WHERE kind = 'Namespace' AND name = 'team-a'",
                 (rv, json.dumps(other)))
    conn.commit()
    conn.close()
    r = run("store check")
    assert r.code == 1
    assert f"problem: Namespace team-a: resourceVersion {rv} is also the resourceVersion of Namespace default" \
        in r.out.splitlines()
    assert obj["metadata"]["name"] == "default"


def test_check_of_a_missing_store(tmp_path: "os.PathLike[str]") -> None:
    path = os.path.join(str(tmp_path), "nope.db")
    r = Runner(path)("store check")
    assert (r.out, r.err, r.code) == ("", f"error: there is no store at {path}\n", 1)
    assert not os.path.exists(path)


# ---- migrate -------------------------------------------------------------------------------------------------------
V0_DDL = [  # the schema before versioning: no schema_version row, no tombstones / pod_resources / wakeups
    "CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL)",
    "CREATE TABLE objects (id INTEGER PRIMARY KEY AUTOINCREMENT, grp TEXT NOT NULL, kind TEXT NOT NULL, "
    "namespace TEXT NOT NULL, name TEXT NOT NULL, uid TEXT NOT NULL, rv BIGINT NOT NULL, body TEXT NOT NULL)",
    "CREATE TABLE labels (obj BIGINT NOT NULL, k TEXT NOT NULL, v TEXT NOT NULL)",
    "CREATE TABLE owners (obj BIGINT NOT NULL, owner_uid TEXT NOT NULL)",
    "CREATE TABLE events (id INTEGER PRIMARY KEY AUTOINCREMENT, namespace TEXT NOT NULL, name TEXT NOT NULL, "
    "involved_uid TEXT NOT NULL, dedup TEXT NOT NULL, rv BIGINT NOT NULL, body TEXT NOT NULL)",
    "CREATE TABLE work (k TEXT PRIMARY KEY)",
]


def make_v0_store(src: str, dst: str) -> None:
    """A store as an older pykubectl wrote it, built by hand from the objects and events of ``src``: old tables
    only, the rv counter in meta but no schema version, and no label/owner index rows (the old index was kept in
    the bodies only)."""
    s = sqlite3.connect(src)
    d = sqlite3.connect(dst)
    for stmt in V0_DDL:
        d.execute(stmt)
    d.execute("INSERT INTO meta (k, v) SELECT 'rv', v FROM (SELECT ? AS v)",
              (s.execute("SELECT v FROM meta WHERE k = 'rv'").fetchone()[0],))
    for row in s.execute("SELECT k, v FROM meta WHERE k LIKE 'alloc/%' OR k LIKE 'podip-next/%'"):
        d.execute("INSERT INTO meta (k, v) VALUES (?, ?)", row)
    d.executemany("INSERT INTO objects VALUES (?, ?, ?, ?, ?, ?, ?, ?)", s.execute("SELECT * FROM objects"))
    d.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)", s.execute("SELECT * FROM events"))
    d.commit()
    d.close()
    s.close()


def test_migrate_an_old_store(tmp_path: "os.PathLike[str]") -> None:
    src = os.path.join(str(tmp_path), "new.db")
    old = os.path.join(str(tmp_path), "old.db")
    populated(Runner(src))
    make_v0_store(src, old)
    run = Runner(old)

    r = run("get pods")
    assert r.code == 1 and r.out == ""
    assert r.err == (f"error: the store {old} was written by an older pykubectl (store schema version 0; this "
                     f"pykubectl uses {dbmod.SCHEMA_VERSION}): run `pykubectl store migrate` to upgrade it\n")
    r = run("store check")
    assert r.code == 1 and "problem: meta: no schema_version" in r.out

    r = run("store migrate")
    assert r.code == 0, r.err
    assert r.out.splitlines()[0].startswith("migrated store schema version 0 -> 1: ")
    assert r.out.splitlines()[-1] == f"store schema version {dbmod.SCHEMA_VERSION}"
    assert run("store check").code == 0

    # The migrated store holds what the original does: same objects, events, and rebuilt indexes.
    a, b = (Store.open(Env(store_url=u)) for u in (src, old))
    try:
        da, db_ = dump_store(a), dump_store(b)
    finally:
        a.close()
        b.close()
    for t in ("objects", "events", "labels", "owners", "pod_resources"):
        assert da[t] == db_[t], t
    assert run("get pods -o name").out == Runner(src)("get pods -o name").out

    r = run("store migrate")
    assert (r.code, r.out) == (0, f"store schema version {dbmod.SCHEMA_VERSION} is current: nothing to do\n")


def test_migrate_refuses_a_newer_store(tmp_path: "os.PathLike[str]") -> None:
    url = os.path.join(str(tmp_path), "store.db")
    run = Runner(url)
    assert run("get ns").code == 0
    conn = sqlite3.connect(url)
    conn.execute("UPDATE meta SET v = '99' WHERE k = 'schema_version'")
    conn.commit()
    conn.close()
    r = run("store migrate")
    assert r.code == 1 and "written by a newer pykubectl (store schema version 99" in r.err


# ---- export / import -------------------------------------------------------------------------------------------
def _tables_without_ids(url: str) -> dict[str, list]:
    s = Store.open(Env(store_url=url))
    try:
        out = {}
        for t, cols in {"objects": "grp, kind, namespace, name, uid, rv, body", "events": "namespace, name, "
                        "involved_uid, dedup, rv, body", "meta": "k, v", "work": "k", "tombstones": "uid, k, body",
                        "wakeups": "k, at"}.items():
            out[t] = sorted(tuple(str(v) for v in r) for r in s.db.execute(f"SELECT {cols} FROM {t}"))
        out["labels"] = sorted(s.db.execute("SELECT o.uid, l.k, l.v FROM labels l JOIN objects o ON o.id = l.obj"))
        out["owners"] = sorted(s.db.execute("SELECT o.uid, w.owner_uid FROM owners w JOIN objects o ON o.id = w.obj"))
        out["pod_resources"] = sorted(tuple(str(v) for v in r) for r in s.db.execute(
            "SELECT o.uid, p.node, p.cpu_m, p.mem FROM pod_resources p JOIN objects o ON o.id = p.obj"))
        return out
    finally:
        s.close()


@pytest.mark.parametrize("src_kind, dst_kind", [("sqlite", "postgresql"), ("postgresql", "sqlite"),
                                                ("sqlite", "sqlite")])
def test_export_import_round_trip(tmp_path: "os.PathLike[str]", src_kind: str, dst_kind: str) -> None:
    src_gen = new_store_url(src_kind, tmp_path, "src.db")
    dst_gen = new_store_url(dst_kind, tmp_path, "dst.db")
    src, dst = next(src_gen), next(dst_gen)
    try:
        a = Runner(src)
        populated(a)
        assert a("delete deployment order-deployment").code == 0  # leaves events and allocations behind
        assert a(f"apply -f {SEED}").code == 0
        path = os.path.join(str(tmp_path), "cluster.yaml")
        r = a(f"store export -o {path}")
        assert r.code == 0 and r.out.startswith("exported ")
        assert os.stat(path).st_mode & 0o777 == 0o600
        b = Runner(dst)
        r = b(f"store import {path}")
        assert r.code == 0, r.err
        assert b("store check").code == 0
        assert _tables_without_ids(src) == _tables_without_ids(dst)
        assert b("store export").out == a("store export").out
        # The moved cluster carries on identically (same seed for name generation on both sides).
        for cmd in ("scale deployment order-deployment --replicas=4", "get pods -o wide", "get events -A"):
            ra, rb = Runner(src, seed="same")(cmd), Runner(dst, seed="same")(cmd)
            assert (ra.out, ra.err, ra.code) == (rb.out, rb.err, rb.code), cmd
    finally:
        for g in (src_gen, dst_gen):
            for _ in g:
                pass


def test_import_refuses_to_overwrite_unless_asked(tmp_path: "os.PathLike[str]") -> None:
    src, dst = (os.path.join(str(tmp_path), n) for n in ("src.db", "dst.db"))
    a, b = Runner(src), Runner(dst)
    populated(a)
    assert b("create namespace mine").code == 0
    path = os.path.join(str(tmp_path), "c.yaml")
    assert a(f"store export -o {path}").code == 0
    before = _tables_without_ids(dst)
    r = b(f"store import {path}")
    assert (r.code, r.err) == (1, f"error: the store {dst} is not empty: pass --overwrite to replace the cluster it "
                                  "holds\n")
    assert _tables_without_ids(dst) == before
    assert b(f"store import --overwrite {path}").code == 0
    assert _tables_without_ids(dst) == _tables_without_ids(src)


def test_import_rejects_a_truncated_or_foreign_file(tmp_path: "os.PathLike[str]") -> None:
    src, dst = (os.path.join(str(tmp_path), n) for n in ("src.db", "dst.db"))
    a = Runner(src)
    populated(a)
    text = a("store export").out
    cut = text[: text.rfind("\n---\n")]
    p1 = os.path.join(str(tmp_path), "cut.yaml")
    with open(p1, "w") as f:
        f.write(cut)
    r = Runner(dst)(f"store import {p1}")
    assert r.code == 1 and r.err.startswith(f"error: {p1} is not a pykubectl store export: the header announces ")
    r = Runner(dst)(f"store import {SEED}")
    assert r.code == 1 and r.err == (f"error: {SEED} is not a pykubectl store export: the first document must be a "
                                     "pykubectl/v1 StoreExport\n")
    assert not os.path.exists(dst)


def migrated_from(run: Runner, url: str, version: int, *sql: str) -> str:
    """Make the SQLite store at ``url`` look as a store of schema ``version`` (``sql`` undoes what came after it),
    check that commands refuse it, migrate it, and return what migrate printed."""
    conn = sqlite3.connect(url)
    for stmt in sql:
        conn.execute(stmt)
    conn.execute("UPDATE meta SET v = ? WHERE k = 'schema_version'", (str(version),))
    conn.commit()
    conn.close()
    assert run("get pods").code == 1
    r = run("store migrate")
    assert r.code == 0, r.err
    return r.out


def test_migrate_1_to_2_rehashes_event_keys(tmp_path: "os.PathLike[str]") -> None:
    """Version 1 kept the event aggregation key as text; after the migration the stored keys are the ones new
    events are looked up by, so an old event still aggregates with a new identical one."""
    url = os.path.join(str(tmp_path), "v1.db")
    run = Runner(url)
    populated(run)
    conn = sqlite3.connect(url)
    want = dict(conn.execute("SELECT id, dedup FROM events"))
    conn.close()
    out = migrated_from(run, url, 1, "UPDATE events SET dedup = 'old-text-key|' || id")
    assert out.splitlines()[0].startswith("migrated store schema version 1 -> 2: ")
    conn = sqlite3.connect(url)
    assert dict(conn.execute("SELECT id, dedup FROM events")) == want
    conn.close()
    assert run("store check").code == 0


def test_migrate_2_to_3_keeps_whole_events_readable(tmp_path: "os.PathLike[str]") -> None:
    """Version 2 stored every event whole and indexed events by (namespace, name). After the migration the old
    events read and count as before, and new ones are stored as their fields."""
    from pykubectl.store.store import _dumps, event_of

    url = os.path.join(str(tmp_path), "v2.db")
    run = Runner(url)
    populated(run)
    events_before = run("get events -A").out
    conn = sqlite3.connect(url)
    rows = conn.execute("SELECT id, namespace, name, involved_uid, rv, body FROM events").fetchall()
    conn.close()
    assert rows and all(r[5].startswith("[") for r in rows)
    whole = [f"UPDATE events SET body = '{_dumps(event_of(ns, n, u, rv, body)).replace(chr(39), chr(39) * 2)}' "
             f"WHERE id = {eid}" for eid, ns, n, u, rv, body in rows]
    out = migrated_from(run, url, 2, *whole, "DROP INDEX events_namespace",
                        "CREATE INDEX events_ns ON events (namespace, name)")
    assert "2 -> 3" in out
    conn = sqlite3.connect(url)
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'")}
    assert "events_namespace" in indexes and "events_ns" not in indexes
    assert all(r[0].startswith("{") for r in conn.execute("SELECT body FROM events"))
    conn.close()
    assert run("get events -A").out == events_before
    assert run("store check").code == 0
    # an old (whole) event counts again; a new one is stored as its fields
    scaled_down = [ln for ln in events_before.splitlines() if "Scaled down replica set" in ln]
    assert len(scaled_down) == 1
    assert run("scale deployment/order-deployment --replicas=3").code == 0
    assert run("scale deployment/order-deployment --replicas=2").code == 0
    conn = sqlite3.connect(url)
    bodies = [r[0] for r in conn.execute("SELECT body FROM events WHERE body LIKE '%Scaled down replica set%'")]
    assert len(bodies) == 1 and bodies[0].startswith("{") and json.loads(bodies[0])["count"] == 2
    new = conn.execute("SELECT body FROM events WHERE body LIKE '%Scaled up replica set%from 2 to 3%'").fetchall()
    assert len(new) == 1 and new[0][0].startswith("[")
    conn.close()
    assert run("store check").code == 0
