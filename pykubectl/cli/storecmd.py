"""pykubectl store check|migrate|export|import: look after the store itself (pykubectl only)."""

from __future__ import annotations

import json
import os
import sys
from typing import Any, Iterator

import click

from .. import errors
from . import common

CTX = {"help_option_names": ["-h", "--help"]}
EXPORT_API_VERSION = "pykubectl/v1"
EXPORT_KIND = "StoreExport"


def _url(env: Any) -> str:
    return env.resolved_store_url()


def _connect_existing(env: Any) -> Any:
    """The store's database as it is: no schema created, no cluster seeded, no reconcile run."""
    from ..store import db as dbmod

    url = _url(env)
    if dbmod.is_sqlite_path(url):
        path = os.path.expanduser(url[len("sqlite:///"):] if url.startswith("sqlite:///") else url)
        if not os.path.exists(path):
            raise errors.StoreError(f"error: there is no store at {path}")
    return dbmod.connect(url)


@click.group("store", context_settings=CTX)
def store_group() -> None:
    """Check, migrate, export and import the store (pykubectl only).

    \b
    Examples:
      # Verify the store's invariants (exit 1 if anything is wrong)
      pykubectl store check
    \b
      # Move a cluster from the default SQLite store to PostgreSQL
      pykubectl store export -o cluster.yaml
      pykubectl --store postgresql://me@db/k8s store import cluster.yaml
    """


@store_group.command("check", context_settings=CTX)
def check_cmd() -> None:
    """Verify the store's invariants and say what was found.

    Every owned object has its owner or is being collected; the label, owner and pod-resource indexes agree with
    the objects; resourceVersions are unique and not above the store's counter; the schema version is current.
    Exits 1 when anything is wrong. Nothing is changed.

    \b
    Examples:
      pykubectl store check
      pykubectl --store postgresql://me@db/k8s store check
    """
    from ..store import check as checkmod
    from ..store import db as dbmod

    env = common.env_of()
    db = _connect_existing(env)
    try:
        rep = checkmod.check(db)
    finally:
        db.close()
    common.echo(env, f"store {dbmod._redact(_url(env))} ({db.dialect})")
    common.echo(env, rep.summary())
    for prob in rep.problems:
        common.echo(env, f"problem: {prob}")
    if rep.problems:
        n = len(rep.problems)
        raise errors.StoreError(f"error: {n} problem{'s' if n != 1 else ''} found in the store")
    common.echo(env, "ok: no problems found")


@store_group.command("migrate", context_settings=CTX)
def migrate_cmd() -> None:
    """Upgrade a store written by an older pykubectl to this pykubectl's schema.

    All steps run in one transaction: an interrupted migration leaves the store as it was.

    \b
    Examples:
      pykubectl store migrate
    """
    from ..store import db as dbmod
    from ..store import migrate as migmod

    env = common.env_of()
    db = _connect_existing(env)
    try:
        version, steps = migmod.migrate(db)
    finally:
        db.close()
    if not steps:
        common.echo(env, f"store schema version {version} is current: nothing to do")
        return
    for s in steps:
        common.echo(env, f"migrated store schema version {s.source} -> {s.target}: {s.description}")
    common.echo(env, f"store schema version {dbmod.SCHEMA_VERSION}")


# ---- export / import ---------------------------------------------------------------------------------------------
def export_documents(db: Any) -> Iterator[dict]:
    """The header (counter, clock, allocations, pending work), then every object, then every event, all read in
    one snapshot."""
    from ..store import db as dbmod
    from ..store.store import event_of

    if hasattr(db, "begin_read"):
        db.begin_read()
    try:
        meta = {k: v for k, v in db.execute("SELECT k, v FROM meta ORDER BY k")}
        if meta.get("schema_version") != str(dbmod.SCHEMA_VERSION):
            raise errors.StoreError(f"error: the store's schema version is {meta.get('schema_version', 0)}, not "
                                    f"{dbmod.SCHEMA_VERSION}: run `pykubectl store migrate` first")
        objects = [r[0] for r in db.execute("SELECT body FROM objects ORDER BY id")]
        events = db.execute("SELECT namespace, name, involved_uid, rv, body FROM events ORDER BY id")
        header = {
            "apiVersion": EXPORT_API_VERSION,
            "kind": EXPORT_KIND,
            "schemaVersion": dbmod.SCHEMA_VERSION,
            "objects": len(objects),
            "events": len(events),
            "meta": meta,
            "work": [r[0] for r in db.execute("SELECT k FROM work ORDER BY k")],
            "wakeups": [{"key": k, "at": at} for k, at in db.execute("SELECT k, at FROM wakeups ORDER BY k")],
            "tombstones": [{"uid": u, "key": k, "object": json.loads(b)}
                           for u, k, b in db.execute("SELECT uid, k, body FROM tombstones ORDER BY uid")],
        }
    finally:
        db.rollback()
    yield header
    for b in objects:
        yield json.loads(b)
    for r in events:
        yield event_of(*r)


def _dumper() -> Any:
    import yaml

    return getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@store_group.command("export", context_settings=CTX)
@click.option("-o", "--output", "output", default="-", help="Write the stream to this file instead of stdout.")
def export_cmd(output: str) -> None:
    """Write the whole cluster as a YAML stream.

    A header with the store's counters, clock and pending work, then every object and every event, as stored (uids
    and resourceVersions included).

    \b
    Examples:
      pykubectl store export -o cluster.yaml
      pykubectl store export | gzip > cluster.yaml.gz
    """
    import yaml

    env = common.env_of()
    db = _connect_existing(env)
    try:
        docs = list(export_documents(db))
    finally:
        db.close()
    text = yaml.dump_all(docs, Dumper=_dumper(), explicit_start=True, sort_keys=False, allow_unicode=True,
                         default_flow_style=False, width=1 << 30)
    if output == "-":
        env.stdout.write(text)
        return
    fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # it holds Secrets
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    common.echo(env, f"exported {docs[0]['objects']} objects and {docs[0]['events']} events to {output}")


def _bad_export(source: str, why: str) -> errors.ClientError:
    return errors.ClientError(f"error: {source} is not a pykubectl store export: {why}")


def parse_export(text: str, source: str) -> tuple[dict, list[dict], list[dict]]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        docs = [d for d in yaml.load_all(text, Loader=loader) if d is not None]
    except yaml.YAMLError as e:
        raise errors.ClientError(f"error: error parsing {source}: {str(e).splitlines()[0]}") from None
    if not docs or not isinstance(docs[0], dict) or docs[0].get("kind") != EXPORT_KIND \
            or docs[0].get("apiVersion") != EXPORT_API_VERSION:
        raise _bad_export(source, f"the first document must be a {EXPORT_API_VERSION} {EXPORT_KIND}")
    header = docs[0]
    n_obj, n_ev = header.get("objects"), header.get("events")
    if not isinstance(n_obj, int) or not isinstance(n_ev, int) or len(docs) - 1 != n_obj + n_ev:
        raise _bad_export(source, f"the header announces {n_obj} objects and {n_ev} events but {len(docs) - 1} "
                                  "documents follow (a truncated file?)")
    body = docs[1:]
    for i, d in enumerate(body):
        md = d.get("metadata") if isinstance(d, dict) else None
        if not isinstance(md, dict) or not md.get("uid") or not str(md.get("resourceVersion", "")).isdigit():
            raise _bad_export(source, f"document {i + 2} is not a stored object (no metadata.uid/resourceVersion)")
    return header, body[:n_obj], body[n_obj:]


def import_into(db: Any, header: dict, objects: list[dict], events: list[dict], overwrite: bool, target: str) -> None:
    """Replace the store's contents with the export's, in one transaction."""
    from ..env import Env
    from ..store import db as dbmod
    from ..store import migrate as migmod
    from ..store.store import Store, Tx, _dumps, event_body, event_dedup_key, key_of

    # An export holds whole objects and Events: its documents are the same for store schema versions 2 to 4 (3
    # stores recorded events more compactly, 4 added an index); the imported store is at this pykubectl's version.
    if header.get("schemaVersion") not in (2, 3, dbmod.SCHEMA_VERSION):
        raise errors.StoreError(f"error: the export has store schema version {header.get('schemaVersion')}; this "
                                f"pykubectl imports version {dbmod.SCHEMA_VERSION}")
    db.begin()
    try:
        version = migmod.current_version(db)
        if version is None:
            db.rollback()
            db.begin()
        elif version != dbmod.SCHEMA_VERSION:
            raise errors.StoreError(f"error: the store {target} has schema version {version}: run `pykubectl store "
                                    "migrate` on it first")
        dbmod.create_schema(db)
        if not overwrite and db.execute("SELECT 1 FROM objects LIMIT 1"):
            raise errors.StoreError(f"error: the store {target} is not empty: pass --overwrite to replace the "
                                    "cluster it holds")
        for t in ("labels", "owners", "pod_resources", "pod_states", "pod_rows", "objects", "events", "work", "tombstones",
                  "wakeups", "meta"):
            db.execute(f"DELETE FROM {t}")
        meta = {str(k): str(v) for k, v in (header.get("meta") or {}).items()}
        meta["schema_version"] = str(dbmod.SCHEMA_VERSION)
        db.execute_many("INSERT INTO meta (k, v) VALUES (:k, :v)", [{"k": k, "v": v} for k, v in meta.items()])
        tx = Tx(Store(db, Env(), target))
        for obj in objects:
            g, k, ns, n = key_of(obj)
            md = obj["metadata"]
            oid = db.insert_id(
                "INSERT INTO objects (grp, kind, namespace, name, uid, rv, body) VALUES (:g, :k, :ns, :n, :u, :rv, :b)",
                {"g": g, "k": k, "ns": ns, "n": n, "u": md["uid"], "rv": int(md["resourceVersion"]), "b": _dumps(obj)})
            tx._index(oid, obj, replace=False)
            if k == "Pod" and g == "":
                tx._pod_resources(oid, obj)
        for ev in events:
            md, inv, src = ev["metadata"], ev.get("involvedObject") or {}, ev.get("source") or {}
            dedup = event_dedup_key(inv.get("uid", ""), ev.get("type", ""), ev.get("reason", ""),
                                    src.get("component", ""), src.get("host", ""), inv.get("fieldPath", ""),
                                    ev.get("message", ""))
            db.execute("INSERT INTO events (namespace, name, involved_uid, dedup, rv, body) "
                       "VALUES (:ns, :n, :u, :d, :rv, :b)",
                       {"ns": md.get("namespace", ""), "n": md.get("name", ""), "u": inv.get("uid", ""), "d": dedup,
                        "rv": int(md["resourceVersion"]), "b": event_body(ev)})
        db.execute_many("INSERT INTO work (k) VALUES (:k)", [{"k": str(k)} for k in header.get("work") or []])
        db.execute_many("INSERT INTO wakeups (k, at) VALUES (:k, :a)",
                        [{"k": w["key"], "a": w["at"]} for w in header.get("wakeups") or []])
        db.execute_many("INSERT INTO tombstones (uid, k, body) VALUES (:u, :k, :b)",
                        [{"u": t["uid"], "k": t["key"], "b": _dumps(t["object"])}
                         for t in header.get("tombstones") or []])
        db.commit()
    except BaseException:
        db.rollback()
        raise


@store_group.command("import", context_settings=CTX)
@click.argument("filename")
@click.option("--overwrite", is_flag=True, help="Replace the cluster the store already holds.")
def import_cmd(filename: str, overwrite: bool) -> None:
    """Load a stream written by `store export` into the store.

    The store must be new or empty, or --overwrite given. Everything is replaced in one transaction; afterwards the store holds exactly the exported cluster, with the
    same uids, resourceVersions, events, clock and pending work.

    \b
    Examples:
      pykubectl --store postgresql://me@db/k8s store import cluster.yaml
      pykubectl store export | pykubectl --store other.db store import -
    """
    from ..store import db as dbmod

    env = common.env_of()
    if filename == "-":
        text = sys.stdin.read()
        source = "STDIN"
    else:
        try:
            with open(filename, encoding="utf-8") as fh:
                text = fh.read()
        except FileNotFoundError:
            raise errors.ClientError(f'error: the path "{filename}" does not exist') from None
        except (OSError, UnicodeDecodeError) as e:
            raise errors.ClientError(f"error: cannot read {filename}: {e}") from None
        source = filename
    header, objects, events = parse_export(text, source)
    db = dbmod.connect(_url(env))
    try:
        import_into(db, header, objects, events, overwrite, dbmod._redact(_url(env)))
    finally:
        db.close()
    common.echo(env, f"imported {len(objects)} objects and {len(events)} events")


COMMANDS = {"store": store_group}
