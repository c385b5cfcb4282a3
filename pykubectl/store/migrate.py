"""Schema migrations: ``pykubectl store migrate`` upgrades a store written by an older pykubectl.

Each step takes the store from one schema version to the next; ``migrate`` runs the missing steps in order, all in
one transaction, so a migration killed half-way leaves the store at its old version (PostgreSQL and SQLite both
roll DDL back with the transaction). A new schema version adds one step here and bumps ``db.SCHEMA_VERSION``.

Version 0 is a store from before the schema was versioned: a ``meta`` table with the resourceVersion counter but
no ``schema_version`` row, possibly without the tables added since (tombstones, pod_resources, wakeups) and with
indexes that were kept differently. Step 0 -> 1 creates what is missing and rebuilds every derived row (label,
owner and pod-resource indexes) from the objects themselves, which are the truth.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable

from ..env import Env
from ..errors import StoreError
from . import db as dbmod


@dataclass(frozen=True)
class Step:
    source: int
    target: int
    description: str
    run: Callable[[dbmod.Database], None]


def _to_1(db: dbmod.Database) -> None:
    from .store import Store, Tx

    dbmod.create_schema(db)
    if not db.execute("SELECT 1 FROM meta WHERE k = 'rv'"):
        top = db.execute("SELECT MAX(rv) FROM objects")[0][0]
        ev = db.execute("SELECT MAX(rv) FROM events")[0][0]
        db.execute("INSERT INTO meta (k, v) VALUES ('rv', :v)", {"v": str(max(int(top or 1), int(ev or 1)))})
    tx = Tx(Store(db, Env(), ""))
    db.execute("DELETE FROM labels")
    db.execute("DELETE FROM owners")
    db.execute("DELETE FROM pod_resources")
    for oid, body in db.execute("SELECT id, body FROM objects ORDER BY id"):
        obj = json.loads(body)
        tx._index(int(oid), obj, replace=False)
        if obj.get("kind") == "Pod" and "/" not in (obj.get("apiVersion") or ""):
            tx._pod_resources(int(oid), obj)


def _to_2(db: dbmod.Database) -> None:
    from .store import event_dedup_key, event_of

    for eid, ns, name, uid, rv, body in db.execute(
            "SELECT id, namespace, name, involved_uid, rv, body FROM events ORDER BY id"):
        ev = event_of(ns, name, uid, rv, body)
        inv, src = ev.get("involvedObject") or {}, ev.get("source") or {}
        key = event_dedup_key(inv.get("uid", ""), ev.get("type", ""), ev.get("reason", ""), src.get("component", ""),
                              src.get("host", ""), inv.get("fieldPath", ""), ev.get("message", ""))
        db.execute("UPDATE events SET dedup = :d WHERE id = :i", {"d": key, "i": eid})


def _to_3(db: dbmod.Database) -> None:
    # Events stored whole stay readable as they are (store.event_of); new ones are stored compactly.
    db.execute("DROP INDEX IF EXISTS events_ns")
    dbmod.create_schema(db)


def _to_4(db: dbmod.Database) -> None:
    from .store import Store, Tx, pod_state

    dbmod.create_schema(db)
    db.execute("DELETE FROM pod_states")
    tx = Tx(Store(db, Env(), ""))
    rows = []
    for oid, body in db.execute("SELECT id, body FROM objects WHERE grp = '' AND kind = 'Pod' ORDER BY id"):
        state = pod_state(json.loads(body))
        if state is not None:
            rows.append((int(oid), *state))
    if rows:
        from .store import _STATE_INSERT

        tx.db.execute_rows(_STATE_INSERT, rows)


def _to_5(db: dbmod.Database) -> None:
    from .store import _POD_ROW_INSERT, pod_row

    dbmod.create_schema(db)
    db.execute("DELETE FROM pod_rows")
    rows = [(int(oid), *pod_row(json.loads(body)))
            for oid, body in db.execute("SELECT id, body FROM objects WHERE grp = '' AND kind = 'Pod' ORDER BY id")]
    if rows:
        db.execute_rows(_POD_ROW_INSERT, rows)


STEPS: list[Step] = [
    Step(0, 1, "version the schema; add the tombstones, pod_resources and wakeups tables; rebuild the label, owner "
               "and pod-resource indexes from the objects", _to_1),
    Step(1, 2, "events are aggregated on a hash of their identity (short index keys): recompute it for every "
               "stored event", _to_2),
    Step(2, 3, "recorded events are stored as their fields, not their whole JSON (a store written from now on cannot "
               "be read by an older pykubectl); events are indexed by namespace alone", _to_3),
    Step(3, 4, "controllers count and rank the pods they own from an index (pod_states): build it from the pods",
         _to_4),
    Step(4, 5, "get prints the pod table from an index of each pod's cells (pod_rows): build it from the pods",
         _to_5),
]


def current_version(db: dbmod.Database) -> int | None:
    """The store's schema version; 0 for an unversioned (pre-1) store; None when there is no store here yet."""
    try:
        meta = dict(db.execute("SELECT k, v FROM meta"))
    except Exception:  # noqa: BLE001 - no meta table
        db.rollback()
        return None
    if "schema_version" in meta:
        try:
            return int(meta["schema_version"])
        except ValueError:
            raise StoreError(f"error: the store's schema version {meta['schema_version']!r} is not a number") from None
    return 0


def pending(version: int) -> list[Step]:
    steps = []
    v = version
    for s in STEPS:
        if s.source == v:
            steps.append(s)
            v = s.target
    if v != dbmod.SCHEMA_VERSION:  # pragma: no cover - a gap in STEPS is a programming error
        raise StoreError(f"error: no migration path from store schema version {version} to {dbmod.SCHEMA_VERSION}")
    return steps


def migrate(db: dbmod.Database) -> tuple[int, list[Step]]:
    """Run the missing steps in one transaction. Returns (the version found, the steps run)."""
    db.begin()
    try:
        version = current_version(db)
        if version is None:
            raise StoreError("error: there is no pykubectl store here to migrate")
        if version > dbmod.SCHEMA_VERSION:
            raise StoreError(f"error: the store was written by a newer pykubectl (store schema version {version}; "
                             f"this pykubectl understands up to {dbmod.SCHEMA_VERSION}): upgrade pykubectl to use it")
        steps = pending(version) if version < dbmod.SCHEMA_VERSION else []
        for s in steps:
            s.run(db)
            key_rows = db.execute("SELECT 1 FROM meta WHERE k = 'schema_version'")
            if key_rows:
                db.execute("UPDATE meta SET v = :v WHERE k = 'schema_version'", {"v": str(s.target)})
            else:
                db.execute("INSERT INTO meta (k, v) VALUES ('schema_version', :v)", {"v": str(s.target)})
        db.commit()
    except BaseException:
        db.rollback()
        raise
    return version, steps
