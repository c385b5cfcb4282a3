"""Store invariants, checked from the rows themselves: what ``pykubectl store check`` runs, and what the crash and
stress tests assert after every kill.

Each check reads one snapshot (a read transaction), so a check running while other commands write sees one
consistent state. Nothing is repaired here: a problem is reported, with the rows it concerns.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from . import db as dbmod

# Tables every store of the current schema has.
TABLES = ("meta", "objects", "labels", "owners", "events", "work", "tombstones", "pod_resources", "pod_states",
          "pod_rows", "wakeups")


@dataclass
class Report:
    schema_version: int | None = None
    counter: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        parts = ", ".join(f"{n} {t}" for t, n in self.counts.items())
        return f"schema version {self.schema_version}, resourceVersion {self.counter}: {parts}"


def _key(g: str, k: str, ns: str, n: str) -> str:
    kind = f"{k}.{g}" if g else k
    return f"{kind} {ns}/{n}" if ns else f"{kind} {n}"


def check(db: dbmod.Database) -> Report:
    """Every invariant, read in one snapshot of ``db``."""
    rep = Report()
    if hasattr(db, "begin_read"):
        db.begin_read()  # type: ignore[attr-defined]
    try:
        _check(db, rep)
    finally:
        db.rollback()
    return rep


def _check(db: dbmod.Database, rep: Report) -> None:
    p = rep.problems
    try:
        meta = dict(db.execute("SELECT k, v FROM meta"))
    except Exception as e:  # noqa: BLE001 - no meta table: not a store at all
        db.rollback()
        p.append(f"the store has no meta table ({dbmod._first_line(e)}): not a pykubectl store")
        return
    if "schema_version" not in meta:
        p.append("meta: no schema_version (a store older than pykubectl's versioning: run `pykubectl store migrate`)")
    else:
        try:
            rep.schema_version = int(meta["schema_version"])
        except ValueError:
            p.append(f"meta: schema_version {meta['schema_version']!r} is not a number")
        else:
            if rep.schema_version != dbmod.SCHEMA_VERSION:
                p.append(f"meta: schema version {rep.schema_version}, this pykubectl writes {dbmod.SCHEMA_VERSION}"
                         + (" (run `pykubectl store migrate`)" if rep.schema_version < dbmod.SCHEMA_VERSION else ""))
    try:
        rep.counter = int(meta.get("rv", ""))
    except ValueError:
        p.append(f"meta: the resourceVersion counter is missing or not a number ({meta.get('rv')!r})")
    for t in TABLES:
        try:
            rep.counts[t] = int(db.execute(f"SELECT COUNT(*) FROM {t}")[0][0])
        except Exception:  # noqa: BLE001
            db.rollback()
            p.append(f"table {t} is missing (run `pykubectl store migrate`)")
            return

    # ---- objects ---------------------------------------------------------------------------------------------
    rows = db.execute("SELECT id, grp, kind, namespace, name, uid, rv, body FROM objects ORDER BY id")
    objs: dict[int, dict] = {}
    names: dict[int, str] = {}
    uids: dict[str, str] = {}
    rvs: dict[int, str] = {}
    for oid, g, k, ns, n, uid, rv, body in rows:
        name = _key(g, k, ns, n)
        names[oid] = name
        try:
            obj = json.loads(body)
        except ValueError as e:
            p.append(f"{name}: the stored body is not JSON ({e})")
            continue
        if not isinstance(obj, dict):
            p.append(f"{name}: the stored body is not an object")
            continue
        objs[oid] = obj
        md = obj.get("metadata") or {}
        api = obj.get("apiVersion", "")
        bg = api.rsplit("/", 1)[0] if "/" in api else ""
        if (bg, obj.get("kind"), md.get("namespace") or "", md.get("name")) != (g, k, ns, n):
            p.append(f"{name}: the key columns disagree with the body "
                     f"({obj.get('apiVersion')} {obj.get('kind')} {md.get('namespace')}/{md.get('name')})")
        if md.get("uid") != uid:
            p.append(f"{name}: uid column {uid} but metadata.uid {md.get('uid')}")
        if str(md.get("resourceVersion")) != str(rv):
            p.append(f"{name}: rv column {rv} but metadata.resourceVersion {md.get('resourceVersion')}")
        if uid in uids:
            p.append(f"{name}: uid {uid} is also the uid of {uids[uid]}")
        uids[uid] = name
        _rv_seen(p, rvs, int(rv), name, rep.counter)

    # ---- events ---------------------------------------------------------------------------------------------
    from .store import event_of

    for eid, ns, n, uid, rv, body in db.execute(
            "SELECT id, namespace, name, involved_uid, rv, body FROM events ORDER BY id"):
        name = f"Event {ns}/{n}"
        try:
            ev = event_of(ns, n, uid, rv, body)
        except (ValueError, TypeError) as e:
            p.append(f"{name}: the stored body is not JSON ({e})")
            continue
        if str((ev.get("metadata") or {}).get("resourceVersion")) != str(rv):
            p.append(f"{name}: rv column {rv} but metadata.resourceVersion "
                     f"{(ev.get('metadata') or {}).get('resourceVersion')}")
        _rv_seen(p, rvs, int(rv), name, rep.counter)

    # ---- label and owner indexes ----------------------------------------------------------------------------
    want_labels = {(oid, lk, str(lv)) for oid, o in objs.items()
                   for lk, lv in ((o.get("metadata") or {}).get("labels") or {}).items()}
    have_labels = [(int(r[0]), r[1], r[2]) for r in db.execute("SELECT obj, k, v FROM labels")]
    _compare_index(p, "labels", want_labels, have_labels, names, lambda r: f"{r[1]}={r[2]}")
    want_owners = {(oid, ref.get("uid", "")) for oid, o in objs.items()
                   for ref in ((o.get("metadata") or {}).get("ownerReferences") or [])}
    have_owners = [(int(r[0]), r[1]) for r in db.execute("SELECT obj, owner_uid FROM owners")]
    _compare_index(p, "owners", want_owners, have_owners, names, lambda r: f"owner uid {r[1]}")

    # ---- owners exist (or are being collected) -----------------------------------------------------------------
    tombstones = {r[0] for r in db.execute("SELECT uid FROM tombstones")}
    for oid, o in objs.items():
        md = o.get("metadata") or {}
        if md.get("deletionTimestamp"):
            continue  # being collected
        for ref in md.get("ownerReferences") or []:
            u = ref.get("uid", "")
            if u not in uids and u not in tombstones:
                p.append(f"{names[oid]}: its owner {ref.get('kind')} {ref.get('name')} (uid {u}) does not exist "
                         "and is not being collected")

    # ---- pod_resources --------------------------------------------------------------------------------------
    from ..api.podutil import pod_requests

    want_pr: dict[int, tuple[str, int, int]] = {}
    for oid, o in objs.items():
        if o.get("kind") != "Pod" or "/" in (o.get("apiVersion") or ""):
            continue
        node = (o.get("spec") or {}).get("nodeName")
        phase = (o.get("status") or {}).get("phase")
        if node and phase not in ("Succeeded", "Failed"):
            cpu, mem = pod_requests(o)
            want_pr[oid] = (node, int(cpu), int(mem))
    have_pr: dict[int, tuple[str, int, int]] = {}
    for oid, node, cpu, mem in db.execute("SELECT obj, node, cpu_m, mem FROM pod_resources"):
        have_pr[int(oid)] = (node, int(cpu), int(mem))
    for oid in sorted(set(want_pr) | set(have_pr)):
        w, h = want_pr.get(oid), have_pr.get(oid)
        if w != h:
            who = names.get(oid, f"object id {oid} (no such object)")
            p.append(f"pod_resources: {who}: index row {h}, the pod says {w}")

    # ---- pod_states -----------------------------------------------------------------------------------------
    from .store import pod_state

    want_ps = {oid: pod_state(o) for oid, o in objs.items()
               if o.get("kind") == "Pod" and "/" not in (o.get("apiVersion") or "")}
    have_ps: dict[int, tuple] = {}
    for oid, *state in db.execute("SELECT obj, owner_uid, active, scheduled, phase_rank, ready, restarts, created, "
                                  "name, labels FROM pod_states"):
        have_ps[int(oid)] = tuple(state)
    for oid in sorted(set(want_ps) | set(have_ps)):
        ws, hs = want_ps.get(oid), have_ps.get(oid)
        if ws != hs:
            who = names.get(oid, f"object id {oid} (no such object)")
            p.append(f"pod_states: {who}: index row {hs}, the pod says {ws}")

    # ---- pod_rows -------------------------------------------------------------------------------------------
    from .store import pod_row

    want_pt = {oid: pod_row(o) for oid, o in objs.items()
               if o.get("kind") == "Pod" and "/" not in (o.get("apiVersion") or "")}
    have_pt: dict[int, tuple] = {}
    for oid, *prow in db.execute("SELECT obj, ready, status, restarts, last_restart, created, ip, node, nominated, "
                                 "gates, labels FROM pod_rows"):
        prow[2] = int(prow[2])
        have_pt[int(oid)] = tuple(prow)
    for oid in sorted(set(want_pt) | set(have_pt)):
        wt, ht = want_pt.get(oid), have_pt.get(oid)
        if wt != ht:
            who = names.get(oid, f"object id {oid} (no such object)")
            p.append(f"pod_rows: {who}: index row {ht}, the pod says {wt}")

    # ---- work queue and wake-ups ------------------------------------------------------------------------------
    for (k,) in db.execute("SELECT k FROM work"):
        if len(k.split("|", 3)) != 4:
            p.append(f"work: malformed key {k!r}")
    for k, at in db.execute("SELECT k, at FROM wakeups"):
        if len(k.split("|", 3)) != 4:
            p.append(f"wakeups: malformed key {k!r}")


def _rv_seen(p: list[str], rvs: dict[int, str], rv: int, name: str, counter: int | None) -> None:
    if rv in rvs:
        p.append(f"{name}: resourceVersion {rv} is also the resourceVersion of {rvs[rv]}")
    else:
        rvs[rv] = name
    if counter is not None and rv > counter:
        p.append(f"{name}: resourceVersion {rv} is greater than the store's counter {counter}")


def _compare_index(p: list[str], table: str, want: set, have: list, names: dict[int, str], show: Any) -> None:
    seen: set = set()
    for r in have:
        if r in seen:
            p.append(f"{table}: duplicate index row for {names.get(r[0], r[0])}: {show(r)}")
        seen.add(r)
        if r not in want:
            who = names.get(r[0], f"object id {r[0]} (no such object)")
            p.append(f"{table}: index row {show(r)} for {who}, which the object does not have")
    for r in sorted(want - seen, key=str):
        p.append(f"{table}: {names[r[0]]} has {show(r)} but no index row")
