"""The object store: objects keyed by (group, kind, namespace, name), one store-wide resourceVersion counter,
label and owner indexes, events, and the reconcile work queue.

Every mutating API request runs in one ``Tx``: the object, its indexes, its events and the work it leaves for the
controllers commit together or not at all.
"""

from __future__ import annotations

import json
import re
from contextlib import contextmanager
from json.encoder import encode_basestring as _jstr  # the C function: a str as JSON, ensure_ascii off
from typing import Any, Callable, Iterator

from ..api.keys import Key, group_of, key_of  # noqa: F401 - defined there, used here and by callers
from ..env import Env, format_time, parse_time
from ..errors import AlreadyExists, Conflict, NotFound, StoreError
from . import db as dbmod


# Kinds whose metadata.generation the API server tracks (the strategies that bump it on spec changes).
GENERATION_KINDS = {
    ("apps", "Deployment"), ("apps", "ReplicaSet"), ("apps", "StatefulSet"), ("apps", "DaemonSet"),
    ("batch", "Job"), ("batch", "CronJob"), ("networking.k8s.io", "Ingress"),
    ("networking.k8s.io", "NetworkPolicy"), ("policy", "PodDisruptionBudget"),
    ("autoscaling", "HorizontalPodAutoscaler"), ("apiextensions.k8s.io", "CustomResourceDefinition"),
    ("", "ReplicationController"),
}

_dumps = json.JSONEncoder(separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode

# JSON for bulk work. A transaction that parses or serialises more than BULK_AFTER bodies (a scale to thousands of
# pods, an apply of a directory) switches to orjson, which serialises a pod ~10x and parses it ~1.6x faster than
# the json module; below that, its import (~20 ms: it loads dataclasses, uuid, enum) would cost more than it saves,
# so small commands never load it. orjson writes the same bytes as _dumps for everything but floats in exponent
# form and NaN, which Pods and Events cannot hold (quantities are stored as strings, every number field is an
# integer), so only their bodies are serialised with it (FAST_KINDS); anything orjson refuses (integers beyond 64
# bits, lone surrogates, NaN when parsing) falls back to the json module.
BULK_AFTER = 300
FAST_KINDS = frozenset({"Pod", "Event"})
# Tx.release() keeps what is cached of other objects than pods up to this many rows.
RELEASE_KEEP = 5_000
_ORJSON: Any = None  # the module once loaded; False when it is not installed


_FEW_PREFIXES = 8
_SEPARATOR = re.compile(r"[/.]")


def _orjson() -> Any:
    global _ORJSON
    if _ORJSON is None:
        try:
            import orjson

            _ORJSON = orjson
        except ImportError:  # pragma: no cover - an install without it: the json module does everything
            _ORJSON = False
    return _ORJSON


def key_str(k: Key) -> str:
    return "|".join(k)


def key_parse(s: str) -> Key:
    g, k, ns, n = s.split("|", 3)
    return (g, k, ns, n)


def group_resource(group: str, kind: str) -> str:
    from ..api import registry

    try:
        return registry.kind_for(group, kind).group_resource
    except Exception:  # noqa: BLE001 - unknown custom kinds fall back to kubectl's lowercase plural guess
        plural = kind.lower() + "s"
        return f"{plural}.{group}" if group else plural


class _FlushingDb:
    """What ``Tx.db`` is: the connection, for code that runs its own SQL inside a transaction. The transaction's
    buffered writes (objects, indexes, meta rows, events) are written before each such statement, so raw SQL sees
    everything the transaction did; the meta cache is dropped after it, as the statement may have changed meta."""

    def __init__(self, tx: "Tx"):
        self._tx = tx
        self._raw = tx._db
        self.dialect = self._raw.dialect

    def _around(self, method: Callable[[str, Any], Any], sql: str, arg: Any) -> Any:
        self._tx.flush_writes()
        try:
            return method(sql, arg)
        finally:
            self._tx._after_raw_sql()

    def execute(self, sql: str, params: dict[str, Any] | None = None) -> list[tuple]:
        return self._around(self._raw.execute, sql, params)

    def execute_many(self, sql: str, rows: Any) -> None:
        self._around(self._raw.execute_many, sql, rows)

    def execute_rows(self, sql: str, rows: Any) -> None:
        self._around(self._raw.execute_rows, sql, rows)

    def insert_id(self, sql: str, params: dict[str, Any]) -> int:
        self._tx.flush_writes()
        return self._raw.insert_id(sql, params)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)


_MISSING: Any = object()


class _Unencoded:
    """A buffered body not serialised yet: the object its writer handed over (create() / update() with
    ``handoff``, of a kind in FAST_KINDS), serialised when the text is first needed (Tx._text), at the latest when
    it is written out. A pod created, bound and started in one reconcile was serialised at each of the three writes,
    twice for nothing. It stands for the text in the row cache, the parsed cache and the summary, and is replaced
    there by the text once serialised."""

    __slots__ = ("obj",)

    def __init__(self, obj: dict):
        self.obj = obj



def _scope_filter(alias: str, namespace: str | None, match_labels: dict[str, str] | None,
                  params: dict[str, Any]) -> str:
    """The WHERE conditions of a listing by namespace (None: all) and label equalities (the labels index), on the
    objects table under ``alias`` ("" or "o."); their values are added to ``params``."""
    sql = ""
    if namespace is not None:
        sql += f" AND {alias}namespace = :ns"
        params["ns"] = namespace
    for i, (lk, lv) in enumerate(sorted((match_labels or {}).items())):
        sql += f" AND {alias}id IN (SELECT obj FROM labels WHERE k = :lk{i} AND v = :lv{i})"
        params[f"lk{i}"] = lk
        params[f"lv{i}"] = lv
    return sql

class Tx:
    """One transaction. Reads see this transaction's own writes.

    Writes are buffered: create() and update() keep the new body in the row cache and write rows (with their label,
    owner and pod-resource index rows) in batches when the transaction commits or before any SQL that reads them
    (flush_writes). A pod that is created, bound and started within one reconcile is thus written once. Meta rows
    are cached and buffered the same way."""

    def __init__(self, store: "Store"):
        self.store = store
        self._db = store.db
        self.env = store.env
        self.changed: list[Key] = []
        self.on_change: Callable[[Key], None] | None = None
        # The key a controller is writing as its own sync of that key settles it: the handlers before the writer
        # and the writer itself would find nothing more to do after this write (a pod the scheduler has just bound,
        # one the kubelet has just started and that now runs steadily), so the reconciler need not queue the key
        # again for it (controllers/reconciler.run). Set just around such a write.
        self.settled: Key | None = None
        self._rv: int | None = None
        # Per-transaction caches (the transaction holds the write lock, so only its own writes change rows):
        # key -> (id, rv, body) of rows read or written, or None for a key known to be absent;
        # key -> (body, parsed object) for peek(); uids created in this transaction (they have no stored events);
        # obj id -> (node, cpu, mem) last written to pod_resources.
        self._rows: dict[Key, tuple[int, int, str] | None] = {}
        self._parsed: dict[Key, tuple[str, dict]] = {}
        self._fresh_uids: set[str] = set()
        self._ev_pending: dict[tuple[str, str], dict] = {}  # (dedup, uid) -> event recorded, not yet written
        # (dedup, uid) -> [row id, rv, its body: fields list or whole Event, whether fields, the whole Event's
        # text, whether not written yet] of a stored event counted again in this transaction: an event counted once
        # a pod (a replica set's combined SuccessfulCreate, stored at a release) is read once and written once per
        # flush, not read and updated once per pod. Kept after it is written (it is then what the row holds).
        self._ev_updates: dict[tuple[str, str], list] = {}
        # uid -> {dedup key: row id, or None when written by flush_events (id not fetched)} of the events stored
        # for that object, loaded once per object: recording many events for one object (a replica set creating
        # thousands of pods) looks each up in memory, not in the table.
        self._ev_known: dict[str, dict[str, int | None]] = {}
        # The recorder's aggregation records (client-go's EventAggregator), per involved uid: (type, reason,
        # component, host) -> [messages recorded on their own lately (an ordered set), time of the latest event of
        # the group]; rebuilt from the object's stored events when first needed (_ev_groups_for).
        self._ev_groups: dict[str, dict[tuple[str, str, str, str], list]] = {}
        self._meta: dict[Key, tuple] = {}  # key -> _summary() of the body last written in this transaction
        # Buffered writes: keys whose cached row is newer than the database's (id None: not inserted yet); for
        # updated rows, the (labels, owners) their index rows were built from; the pod_resources entry wanted and
        # the one written (key -> (node, cpu, mem) or None).
        self._dirty: dict[Key, None] = {}
        # What the buffered rows could change in SQL reads: their kinds, and the owners their owner index rows
        # name (before and after), so that a read of other kinds or owners need not write them out first.
        self._dirty_kinds: set[tuple[str, str]] = set()
        self._dirty_owners: set[str] = set()
        self._base_idx: dict[Key, tuple] = {}
        self._podres_want: dict[Key, tuple[str, int, int] | None] = {}
        self._podres_db: dict[Key, tuple[str, int, int] | None] = {}
        self._state_want: dict[Key, tuple | None] = {}  # key -> pod_state() to write at the flush
        # owned_pod_census() answers kept up to date as pods change (owner uid -> labels JSON -> [pods, ready]),
        # and the pod_state() each pod written in this transaction has now, which those counts hold.
        self._census: dict[str, dict[str, list[int]]] = {}
        self._cur_state: dict[Key, tuple | None] = {}
        # Meta rows read or written (None: absent) and those not written yet (None: to delete).
        self._metac: dict[str, str | None] = {}
        self._metad: dict[str, str | None] = {}
        self._meta_loaded: set[str] = set()  # prefixes whose rows are all in _metac (meta_preload)
        self._meta_loaded_t: tuple[str, ...] = ()  # the same, for str.startswith (kept with the set)
        self._names: dict[tuple[str, str, str], set[str]] = {}  # exists(): stored names per (group, kind, ns)
        self._name_misses: dict[tuple[str, str, str], int] = {}
        self._handed: set[Key] = set()  # keys whose _parsed object was handed over by its writer (take())
        self._lists: dict[tuple, list[dict]] = {}  # list_cached()
        self._list_kinds: dict[tuple[str, str], set[tuple]] = {}
        self._json_ops = 0
        self._pod_reqs: dict[str, tuple[int, int]] = {}  # pod uid -> its requests (pod_requests)
        self._ev_clock: tuple | None = None  # (env.now(), as text, as a timestamp) for record_event
        self._fj: Any = None  # orjson once this transaction has turned bulk (False: stay with json)

    @property
    def db(self) -> Any:
        """The connection, for code that runs its own SQL: see _FlushingDb. Made on each use rather than kept, so
        that no reference cycle keeps the transaction (and with it the connection) alive after the command."""
        return _FlushingDb(self)

    # ---- JSON ------------------------------------------------------------------------------------------------
    def _bulk(self) -> Any:
        self._json_ops += 1
        if self._json_ops > BULK_AFTER:
            self._fj = _orjson()
        return self._fj

    def loads(self, text: str) -> Any:
        """json.loads, with orjson once the transaction has turned bulk (for controllers copying a template)."""
        return self._loads(text)

    def _loads(self, text: str) -> Any:
        f = self._fj if self._fj is not None else self._bulk()
        if f:
            try:
                return f.loads(text)
            except ValueError:
                pass
        return json.loads(text)

    def _encode(self, obj: dict, kind: str) -> str:
        f = self._fj if self._fj is not None else self._bulk()
        if f and kind in FAST_KINDS:
            try:
                return f.dumps(obj, option=f.OPT_SORT_KEYS).decode()
            except TypeError:
                pass
        return _dumps(obj)

    def _after_raw_sql(self) -> None:
        """Someone ran their own SQL: what it may have changed besides objects (meta rows, events) is read again."""
        self._census.clear()
        self._cur_state.clear()
        self._metac.clear()
        self._meta_loaded.clear()
        self._meta_loaded_t = ()
        self._ev_known.clear()
        self._ev_groups.clear()
        self._ev_updates.clear()  # written before the statement ran (flush_writes); it may have changed them

    def release(self, keep: int = RELEASE_KEEP) -> None:
        """Write everything buffered and forget the pods the transaction caches (their rows, parsed objects,
        states, requests, event records): what is needed again is read again. A reconcile of 100,000 pods keeps a
        batch, not all of them. The rest stays known (nodes, the workloads and their events, meta rows, the names
        of each scope, the owners' pod counts): everything is written out, so it is what the database holds, and
        the reconcile goes on without reading it all again (1,000 nodes, their IP allocations, the replica set's
        events). Past ``keep`` other rows, everything is forgotten."""
        self.flush_writes()
        self._forget_pods(keep)

    def _forget_pods(self, keep: int) -> None:
        rows = {k: r for k, r in self._rows.items() if k[1] != "Pod" or k[0] != ""}
        if len(rows) > keep:
            self.invalidate_cache()
            self._fresh_uids.clear()  # their events are stored now: found in the table like any other's
            return
        if self._names:  # the names read of a scope stay right: the pods written since are told to them
            for k, r in self._rows.items():
                if k[1] == "Pod" and k[0] == "":
                    names = self._names.get((k[0], k[1], k[2]))
                    if names is not None:
                        if r is None:
                            names.discard(k[3])
                        else:
                            names.add(k[3])
        self._rows = rows
        self._parsed = {k: v for k, v in self._parsed.items() if k in rows}
        self._meta = {k: v for k, v in self._meta.items() if k in rows}
        self._handed = {k for k in self._handed if k in rows}
        self._base_idx = {k: v for k, v in self._base_idx.items() if k in rows}
        self._podres_want.clear()
        self._podres_db.clear()
        self._state_want.clear()
        self._cur_state.clear()  # the census stays right: a pod's state is read again with the pod (_stored_state)
        self._pod_reqs.clear()
        lists = [lk for lk in self._lists if lk[0] == "" and lk[1] == "Pod"]
        for lk in lists:
            del self._lists[lk]
        self._list_kinds.pop(("", "Pod"), None)
        # Event records stay for the objects kept (a uid created here stays fresh: its records are all it has).
        uids = {s[1] for s in self._meta.values()}
        uids.update((o.get("metadata") or {}).get("uid") for _, o in self._parsed.values())
        self._ev_known = {u: v for u, v in self._ev_known.items() if u in uids}
        self._ev_groups = {u: v for u, v in self._ev_groups.items() if u in uids}
        self._ev_updates = {k: u for k, u in self._ev_updates.items() if k[1] in uids}
        self._fresh_uids = {u for u in self._fresh_uids if u in self._ev_known and u in self._ev_groups}

    @property
    def cached_rows(self) -> int:
        return len(self._rows)

    def invalidate_cache(self) -> None:
        """Forget cached rows: for code that writes the objects table with raw SQL inside a transaction."""
        self._rows.clear()
        self._parsed.clear()
        self._names.clear()
        self._dirty_kinds.clear()
        self._dirty_owners.clear()
        self._handed.clear()
        self._meta.clear()
        self._dirty.clear()
        self._base_idx.clear()
        self._podres_want.clear()
        self._podres_db.clear()
        self._state_want.clear()
        self._census.clear()
        self._cur_state.clear()
        self._pod_reqs.clear()
        self._metac.clear()
        self._metad.clear()
        self._meta_loaded.clear()
        self._meta_loaded_t = ()
        self._ev_known.clear()
        self._ev_groups.clear()
        self._ev_updates = {k: u for k, u in self._ev_updates.items() if u[5]}  # not written yet: kept
        self._lists.clear()
        self._list_kinds.clear()

    # ---- counters -------------------------------------------------------------------------------------------
    def _peek_rv(self) -> int:
        """The resourceVersion the next write will get, without taking it."""
        if self._rv is None:
            rows = self._db.execute("SELECT v FROM meta WHERE k = 'rv'")
            self._rv = int(rows[0][0]) if rows else 1
        return self._rv + 1

    def next_rv(self) -> int:
        if self._rv is None:
            rows = self._db.execute("SELECT v FROM meta WHERE k = 'rv'")
            self._rv = int(rows[0][0]) if rows else 1
        self._rv += 1
        return self._rv

    def _flush_rv(self) -> None:
        if self._rv is not None:
            self._db.execute("UPDATE meta SET v = :v WHERE k = 'rv'", {"v": str(self._rv)})

    def meta_get(self, k: str, default: str | None = None) -> str | None:
        v = self._metac.get(k, _MISSING)  # (not try/except: most pods ask for keys not cached yet, and raising costs)
        if v is _MISSING:
            if self._meta_loaded and self._under_loaded(k):
                v = None
            else:
                rows = self._db.execute("SELECT v FROM meta WHERE k = :k", {"k": k})
                v = rows[0][0] if rows else None
            self._metac[k] = v
        return default if v is None else v

    def _under_loaded(self, k: str) -> bool:
        """Whether ``k`` is under a prefix meta_preload() read: one str.startswith of the few prefixes read (walking
        the key's characters, then its separators, had been 1.5-3% of a 10,000-pod reconcile). Past a few prefixes
        (one per node's pod IP range: a thousand on a 1,000-node cluster, which made that test cost a thousand
        comparisons), a prefix ends at one of the key's separators: one set look-up at each."""
        if len(self._meta_loaded_t) <= _FEW_PREFIXES:
            return k.startswith(self._meta_loaded_t)
        loaded = self._meta_loaded
        # Most keys asked about sit right under a prefix read (a pod IP under its node's range, a pod's kubelet
        # record under its namespace's): the key up to its last separator, first.
        if k[:max(k.rfind("/"), k.rfind(".")) + 1] in loaded:
            return True
        for m in _SEPARATOR.finditer(k):
            if k[:m.end()] in loaded:
                return True
        return False

    def meta_preload(self, prefix: str) -> None:
        """Read all meta rows under ``prefix`` (ending in "/" or ".") at once: meta_get() of any key under it then
        needs no query, even for a key that is absent (per-pod records: IP allocations, kubelet state)."""
        if prefix in self._meta_loaded:
            return
        if not prefix.endswith(("/", ".")):
            raise ValueError(f"meta_preload: {prefix!r} does not end in a separator")
        for k, v in self.meta_prefixed(prefix):
            self._metac.setdefault(k, v)
        self._meta_loaded.add(prefix)
        self._meta_loaded_t = tuple(self._meta_loaded)

    def meta_set(self, k: str, v: str) -> None:
        self._metac[k] = v
        self._metad[k] = v

    def meta_delete(self, k: str) -> None:
        self._metac[k] = None
        self._metad[k] = None

    def _flush_meta(self) -> None:
        if not self._metad:
            return
        sets = [{"k": k, "v": v} for k, v in self._metad.items() if v is not None]
        dels = [{"k": k} for k, v in self._metad.items() if v is None]
        self._metad.clear()
        if sets:
            # One statement (SQLite >= 3.24 and PostgreSQL both have the upsert).
            self._db.execute_many(
                "INSERT INTO meta (k, v) VALUES (:k, :v) ON CONFLICT (k) DO UPDATE SET v = excluded.v", sets)
        if dels:
            self._db.execute_many("DELETE FROM meta WHERE k = :k", dels)

    def meta_prefixed(self, prefix: str) -> list[tuple[str, str]]:
        """(key, value) of the meta rows whose key starts with ``prefix``, in key order."""
        self._flush_meta()
        rows = self._db.execute("SELECT k, v FROM meta WHERE k >= :lo AND k < :hi ORDER BY k",
                               {"lo": prefix, "hi": prefix + "\U0010ffff"})
        return [(r[0], r[1]) for r in rows if r[0].startswith(prefix)]

    # ---- reads ----------------------------------------------------------------------------------------------
    def get(self, group: str, kind: str, namespace: str, name: str) -> dict | None:
        k = (group, kind, namespace or "", name)
        row = self._row(k)
        return self._loads(self._text(k, row)) if row is not None else None

    def get_key(self, k: Key) -> dict | None:
        row = self._row(k)
        return self._loads(self._text(k, row)) if row is not None else None

    def peek(self, k: Key) -> dict | None:
        """The object for reading only, shared: callers must not change it, nor keep it beyond the handler (or
        command step) that asked for it, as take() may later give it to a writer."""
        row = self._row(k)
        return None if row is None else self._shared(k, row[2])

    def exists(self, k: Key) -> bool:
        """Whether the object exists. A command that asks about many absent names of one kind and namespace (a
        replica set generating pod names) reads that scope's names once instead of querying each."""
        row = self._rows.get(k, _MISSING)
        if row is not _MISSING:
            return row is not None  # read or written in this transaction (deletes are written at once)
        scope = (k[0], k[1], k[2])
        names = self._names.get(scope)
        if names is None:
            misses = self._name_misses[scope] = self._name_misses.get(scope, 0) + 1
            if misses <= 64:
                return self._row(k) is not None
            names = self._names[scope] = {r[0] for r in self._db.execute(
                "SELECT name FROM objects WHERE grp = :g AND kind = :k AND namespace = :ns",
                {"g": k[0], "k": k[1], "ns": k[2]})}
        if k[3] in names:
            return True
        self._rows[k] = None  # known absent: the create that usually follows need not look it up again
        return False

    def take(self, k: Key) -> dict | None:
        """The object to change and write back, as get_key() gives it; but when it was last written with
        ``handoff`` (its writer gave it to the store), that very object, without parsing its body. Objects from
        peek() are only read within the handler that asked for them, so none holds it any more."""
        row = self._row(k)
        if row is None:
            return None
        text = self._text(k, row)  # before the object is changed by its taker
        if k in self._handed:
            self._handed.discard(k)
            hit = self._parsed.pop(k, None)
            if hit is not None and hit[0] is text:
                return hit[1]
        return self._loads(text)

    def must_get(self, group: str, kind: str, namespace: str, name: str) -> dict:
        obj = self.get(group, kind, namespace, name)
        if obj is None:
            raise NotFound(f'{group_resource(group, kind)} "{name}" not found')
        return obj

    def list(
        self,
        group: str,
        kind: str,
        namespace: str | None = None,
        match_labels: dict[str, str] | None = None,
        selector: Callable[[dict], bool] | None = None,
    ) -> list[dict]:
        """Objects of one kind, by namespace (None = all), label equality (indexed) and any further predicate on
        the labels. Sorted by namespace then name, as the API server lists them."""
        out = list(self.iter_list(group, kind, namespace, match_labels))
        if selector is not None:
            out = [o for o in out if selector((o.get("metadata") or {}).get("labels") or {})]
        return out

    def iter_list(self, group: str, kind: str, namespace: str | None = None,
                  match_labels: dict[str, str] | None = None) -> Iterator[dict]:
        """list() one object at a time, read from the database as they are taken: a reader of 100,000 pods
        (get) holds one body at a time, not all of them. Each object is a fresh parse, the caller's to keep."""
        params: dict[str, Any] = {"g": group, "k": kind}
        sql = ("SELECT body FROM objects WHERE grp = :g AND kind = :k"
               + _scope_filter("", namespace, match_labels, params) + " ORDER BY namespace, name")
        if (group, kind) in self._dirty_kinds:  # the query reads rows (and their labels) of this kind only
            self._flush_objects()
        loads = self._loads
        for r in self._db.iterate(sql, params):
            yield loads(r[0])

    def iter_pod_rows(self, namespace: str | None = None,
                      match_labels: dict[str, str] | None = None) -> Iterator[tuple]:
        """The pods iter_list("", "Pod", ...) would give, as their pod_rows index rows: (namespace, name, the fields
        of printers.table.pod_table_fields, labels as sorted JSON), read without their bodies. A pod without an
        index row (none is expected: `store check` reports one) is read from its body."""
        sql = ("SELECT o.namespace, o.name, r.ready, r.status, r.restarts, r.last_restart, r.created, r.ip, r.node, "
               "r.nominated, r.gates, r.labels, CASE WHEN r.obj IS NULL THEN o.body END "
               "FROM objects o LEFT JOIN pod_rows r ON r.obj = o.id WHERE o.grp = '' AND o.kind = 'Pod'")
        params: dict[str, Any] = {}
        sql += _scope_filter("o.", namespace, match_labels, params) + " ORDER BY o.namespace, o.name"
        if ("", "Pod") in self._dirty_kinds:
            self._flush_objects()
        for r in self._db.iterate(sql, params, 2000):
            if r[12] is None:
                yield r[:12]
            else:
                yield (r[0], r[1], *pod_row(self._loads(r[12])))

    def list_cached(self, group: str, kind: str, namespace: str | None = None) -> list[dict]:
        """list() for reading only, remembered until an object of that kind is written in this transaction: for
        per-pod look-ups of rarely written kinds (LimitRanges, quotas). Callers must not change the objects."""
        key = (group, kind, namespace)
        hit = self._lists.get(key)
        if hit is None:
            hit = self._lists[key] = self.list(group, kind, namespace)
            self._list_kinds.setdefault((group, kind), set()).add(key)
        return hit

    def list_owned(self, owner_uid: str) -> list[dict]:
        if owner_uid in self._dirty_owners:
            self._flush_objects()
        rows = self._db.execute(
            "SELECT o.body FROM objects o JOIN owners w ON w.obj = o.id WHERE w.owner_uid = :u "
            "ORDER BY o.namespace, o.name",
            {"u": owner_uid},
        )
        return [self._loads(r[0]) for r in rows]

    def peek_owned(self, owner_uid: str) -> list[dict]:
        """list_owned() for reading only: objects already parsed in this transaction are shared, not re-parsed;
        callers must not change them. Rows this transaction holds at their stored resourceVersion are not read
        again: a replica set of 10,000 pods written a moment ago would read back 30 MB of bodies it has."""
        if owner_uid in self._dirty_owners:
            self._flush_objects()
        rows = self._db.execute(
            "SELECT o.id, o.grp, o.kind, o.namespace, o.name, o.rv FROM objects o JOIN owners w ON w.obj = o.id "
            "WHERE w.owner_uid = :u ORDER BY o.namespace, o.name",
            {"u": owner_uid},
        )
        out: list = []
        known = self._rows
        unread: dict[int, tuple[int, int]] = {}  # row id -> (its place in out, its resourceVersion)
        for oid, g, kd, ns, n, rv in rows:
            k = (g, kd, ns, n)
            row = known.get(k)
            if row is None or row[1] != rv:
                unread[oid] = (len(out), rv)
                out.append(k)
                continue
            out.append(self._shared(k, row[2]))
        if unread:
            ids = list(unread)
            for i in range(0, len(ids), 500):
                chunk = ids[i:i + 500]
                marks = ", ".join(f":i{j}" for j in range(len(chunk)))
                for oid, body in self._db.execute(f"SELECT id, body FROM objects WHERE id IN ({marks})",
                                                  {f"i{j}": v for j, v in enumerate(chunk)}):
                    at, rv = unread[oid]
                    k = out[at]
                    known[k] = (oid, rv, body)
                    out[at] = self._shared(k, body)
        return out

    def _text(self, k: Key, row: tuple) -> str:
        """The body of the cached row ``row`` of ``k`` as text: serialised now if it was not yet (_Unencoded)."""
        body = row[2]
        if type(body) is str:
            return body
        text = self._encode(body.obj, k[1])
        self._rows[k] = (row[0], row[1], text)
        hit = self._parsed.get(k)
        if hit is not None and hit[0] is body:
            self._parsed[k] = (text, hit[1])
        summary = self._meta.get(k)
        if summary is not None and summary[0] is body:
            self._meta[k] = (text, *summary[1:])
        return text

    def _shared(self, k: Key, body: Any) -> dict:
        """The parsed object of ``body`` shared by peek readers: the one parsed before if it was of this body."""
        hit = self._parsed.get(k)
        if hit is not None and hit[0] == body:  # a text, or the very _Unencoded (compared by identity)
            return hit[1]
        if type(body) is not str:
            body = self._text(k, self._rows[k])
        obj = self._loads(body)
        self._parsed[k] = (body, obj)
        return obj

    def get_by_uid(self, uid: str) -> dict | None:
        self._flush_objects()
        rows = self._db.execute("SELECT body FROM objects WHERE uid = :u", {"u": uid})
        return self._loads(rows[0][0]) if rows else None

    def count(self, group: str | None = None, kind: str | None = None) -> int:
        if group is None or (group, kind) in self._dirty_kinds:
            self._flush_objects()
        if group is None:
            return int(self._db.execute("SELECT COUNT(*) FROM objects")[0][0])
        return int(
            self._db.execute("SELECT COUNT(*) FROM objects WHERE grp = :g AND kind = :k", {"g": group, "k": kind})[0][0]
        )

    def note_pod_requests(self, uid: str, requests: tuple[int, int]) -> None:
        """Remember a new pod's requests (pod_requests) that the caller knows: those of another pod of the very same
        spec (pipeline.TemplatePods)."""
        self._pod_reqs[uid] = requests

    def pod_requests(self, pod: dict) -> tuple[int, int]:
        """podutil.pod_requests, remembered by the pod's uid: a pod's requests cannot change (the API server
        refuses updates of them), and a bound pod's are needed at each write of it (its pod_resources row)."""
        uid = (pod.get("metadata") or {}).get("uid")
        hit = self._pod_reqs.get(uid) if uid else None
        if hit is None:
            from ..api.podutil import pod_requests

            hit = pod_requests(pod)
            if uid:
                self._pod_reqs[uid] = hit
        return hit

    # ---- writes ---------------------------------------------------------------------------------------------
    def _row(self, k: Key) -> tuple[int, int, str] | None:
        try:
            return self._rows[k]
        except KeyError:
            pass
        rows = self._db.execute(
            "SELECT id, rv, body FROM objects WHERE grp = :g AND kind = :k AND namespace = :ns AND name = :n",
            {"g": k[0], "k": k[1], "ns": k[2], "n": k[3]},
        )
        row = (int(rows[0][0]), int(rows[0][1]), rows[0][2]) if rows else None
        self._rows[k] = row
        return row

    def _index(self, obj_id: int, obj: dict, replace: bool) -> None:
        md = obj.get("metadata") or {}
        if replace:
            self._db.execute("DELETE FROM labels WHERE obj = :i", {"i": obj_id})
            self._db.execute("DELETE FROM owners WHERE obj = :i", {"i": obj_id})
        labels = md.get("labels") or {}
        if labels:
            self._db.execute_many(
                "INSERT INTO labels (obj, k, v) VALUES (:i, :k, :v)",
                [{"i": obj_id, "k": k, "v": str(v)} for k, v in labels.items()],
            )
        owners = md.get("ownerReferences") or []
        if owners:
            self._db.execute_many(
                "INSERT INTO owners (obj, owner_uid) VALUES (:i, :u)",
                [{"i": obj_id, "u": o.get("uid", "")} for o in owners],
            )

    def _changed(self, k: Key) -> None:
        self.changed.append(k)
        if self._list_kinds:
            for lk in self._list_kinds.pop((k[0], k[1]), ()):
                self._lists.pop(lk, None)
        if self.on_change is not None:
            self.on_change(k)
        if self.store.recorder is not None:
            self.store.recorder.changed(self, k)

    def written(self, k: Key) -> tuple[int, str] | None:
        """The resourceVersion and body text of ``k`` as this transaction has it, None when it has no row of it
        (for a recorder: see Store.recorder)."""
        row = self._rows.get(k)
        return None if row is None else (row[1], self._text(k, row))

    def last_rv(self) -> int | None:
        """The last resourceVersion this transaction took (None: it took none)."""
        return self._rv

    def create(self, obj: dict, handoff: bool = False) -> dict:
        """Insert a new object (buffered: see the class). ``handoff``: the caller gives ``obj`` to the store and
        will not change it again, so peek() can return it without parsing the body it was written as."""
        k = key_of(obj)
        if self._row(k) is not None:
            raise AlreadyExists(f'{group_resource(k[0], k[1])} "{k[3]}" already exists')
        md = obj.setdefault("metadata", {})
        # The API server fills these on every create (rest.FillObjectMetaSystemFields), whatever the manifest says:
        # `create --dry-run=client -o yaml` writes `creationTimestamp: null`, `get -o yaml` an old object's uid.
        md["uid"] = self.env.uid()
        md["creationTimestamp"] = self.env.now_str()
        if (k[0], k[1]) in GENERATION_KINDS:
            md["generation"] = 1
        rv = self.next_rv()
        md["resourceVersion"] = str(rv)
        body: Any = _Unencoded(obj) if handoff and k[1] in FAST_KINDS else self._encode(obj, k[1])
        # Inserted by _flush_objects, with its index rows, in the state it has then.
        self._rows[k] = (None, rv, body)  # type: ignore[assignment]
        self._dirty[k] = None
        self._meta[k] = summary = _summary(body, md)
        self._dirty_kinds.add((k[0], k[1]))
        self._dirty_owners.update(summary[6])
        self._fresh_uids.add(md["uid"])
        if handoff:
            self._parsed[k] = (body, obj)
            self._handed.add(k)
        if k[1] == "Pod" and k[0] == "":
            self._podres_db[k] = None
            self._podres_want[k] = _pod_entry(obj, self)
            self._state_want[k] = state = pod_state(obj)
            if self._census:
                self._census_move(None, state)
            self._cur_state[k] = state
        self._changed(k)
        return obj

    def update(self, obj: dict, expect_rv: str | None = None, bump_generation: bool | None = None,
               handoff: bool = False, changed: bool = False) -> dict:
        """Write a new version. ``expect_rv`` (or the object's own resourceVersion when given) must be the stored
        one, else the API server's conflict error. A write that changes nothing is not a write. ``handoff`` as for
        create(). ``changed``: the caller knows ``obj`` differs from the stored version (a pod it bound, say), so
        that need not be found out by serialising it; with ``handoff``, it is serialised only when needed."""
        k = key_of(obj)
        row = self._row(k)
        if row is None:
            raise NotFound(f'{group_resource(k[0], k[1])} "{k[3]}" not found')
        obj_id, rv, old_body = row
        md = obj.setdefault("metadata", {})
        want = expect_rv if expect_rv is not None else md.get("resourceVersion")
        if want not in (None, "") and str(want) != str(rv):
            raise Conflict(
                f'Operation cannot be fulfilled on {group_resource(k[0], k[1])} "{k[3]}": the object has been '
                "modified; please apply your changes to the latest version and try again"
            )
        if changed and handoff and bump_generation is None and k[1] == "Pod" and k[0] == "":
            summary = self._meta.get(k)
            if summary is not None and summary[0] is old_body:
                return self._update_pod(k, obj, md, obj_id, summary)
        # bump_generation given: the caller's strategy decides (a custom resource's), for any kind.
        gen_kind = (k[0], k[1]) in GENERATION_KINDS or bump_generation is not None
        summary = self._meta.get(k)
        old: dict | None = None
        if summary is None or summary[0] is not old_body or gen_kind:
            old_body = self._text(k, row)
            old = self._loads(old_body)
            summary = _summary(old_body, old.get("metadata") or {})
        _, o_uid, o_ct, o_gen, o_labels, o_owners, _ = summary
        # Server-owned metadata cannot be changed by an update.
        md["uid"] = o_uid
        md["creationTimestamp"] = o_ct
        if o_gen is not None:
            md["generation"] = o_gen
        # One serialisation serves both the no-op test and the write: the body is written with the next
        # resourceVersion, which no stored object can contain yet, so putting the old one back in its place gives
        # exactly what the unchanged object would serialise to.
        cand = self._peek_rv()
        md["resourceVersion"] = str(cand)
        body: Any
        if changed and handoff and not gen_kind and k[1] in FAST_KINDS:
            body = _Unencoded(obj)
        else:
            body = self._encode(obj, k[1])
            if not changed and body.replace(f'"resourceVersion":"{cand}"', f'"resourceVersion":"{rv}"') == \
                    self._text(k, row):
                md["resourceVersion"] = str(rv)
                return obj
        if gen_kind and old is not None:
            spec_changed = _spec_part(obj) != _spec_part(old)
            if bump_generation if bump_generation is not None else spec_changed:
                md["generation"] = int(o_gen or 1) + 1
                body = self._encode(obj, k[1])
        new_rv = self.next_rv()
        assert new_rv == cand
        if k not in self._dirty:
            self._dirty[k] = None
            if obj_id is not None:  # the index rows in the database are those of the version replaced now
                self._base_idx[k] = (o_labels, o_owners)
        self._rows[k] = (obj_id, new_rv, body)
        self._meta[k] = new = _summary(body, md, summary)
        self._dirty_kinds.add((k[0], k[1]))
        self._dirty_owners.update(new[6])  # reads by owner join the stored rows: this one's body is stale
        if new[6] is not summary[6]:
            self._dirty_owners.update(summary[6])  # and its stored owner index rows may name the old owners
        if handoff:
            self._parsed[k] = (body, obj)
            self._handed.add(k)
        else:
            self._handed.discard(k)
        if k[1] == "Pod" and k[0] == "":
            self._podres_want[k] = _pod_entry(obj, self)
            self._state_want[k] = state = pod_state(obj)
            if self._census:
                self._census_move(self._cur_state[k] if k in self._cur_state else self._stored_state(obj_id), state)
            self._cur_state[k] = state
        self._changed(k)
        return obj

    def _update_pod(self, k: Key, obj: dict, md: dict, obj_id: int | None, summary: tuple) -> dict:
        """update() of a pod its caller has changed and hands over (a bind, a kubelet's status), whose last version
        this transaction wrote: what update() does, with the parts of that version's summary and pod_states row
        that are provably the same taken over rather than worked out again. The labels and owner references are
        compared with the summary's (as _summary does); when both are equal, so are the index rows, the owner, the
        labels' JSON, the name and the creation time (server-owned, put back below) of its pod_states row, and
        only the fields that follow the spec and status are computed (_pod_state_moved)."""
        _, o_uid, o_ct, o_gen, o_labels, o_owners, o_uids = summary
        md["uid"] = o_uid
        md["creationTimestamp"] = o_ct
        if o_gen is not None:
            md["generation"] = o_gen
        new_rv = self.next_rv()
        md["resourceVersion"] = str(new_rv)
        body = _Unencoded(obj)
        if k not in self._dirty:
            self._dirty[k] = None
            if obj_id is not None:  # the index rows in the database are those of the version replaced now
                self._base_idx[k] = (o_labels, o_owners)
        self._rows[k] = (obj_id, new_rv, body)  # type: ignore[assignment]
        labels = md.get("labels")
        owners = md.get("ownerReferences")
        same = labels == o_labels and ((not owners and o_owners is None) or owners == o_owners)
        if same:
            self._meta[k] = (body, o_uid, o_ct, md.get("generation"), o_labels, o_owners, o_uids)
            self._dirty_owners.update(o_uids)  # reads by owner join the stored rows: this one's body is stale
        else:
            self._meta[k] = new = _summary(body, md, summary)
            self._dirty_owners.update(new[6])
            if new[6] is not o_uids:
                self._dirty_owners.update(o_uids)  # and its stored owner index rows may name the old owners
        self._dirty_kinds.add((k[0], k[1]))
        self._parsed[k] = (body, obj)
        self._handed.add(k)
        self._podres_want[k] = _pod_entry(obj, self)
        cur = self._cur_state.get(k, _MISSING)
        if same and cur is not _MISSING:
            state = _pod_state_moved(obj, md, cur)
        else:
            state = pod_state(obj)
        self._state_want[k] = state
        if self._census:
            self._census_move(cur if cur is not _MISSING else self._stored_state(obj_id), state)
        self._cur_state[k] = state
        self._changed(k)
        return obj

    def flush_writes(self) -> None:
        """Write everything buffered: objects and their index rows, meta rows, events."""
        self._flush_objects()
        self._flush_meta()
        self.flush_events()

    def _flush_objects(self) -> None:
        if not self._dirty:
            return
        db = self._db
        updates: list[dict] = []
        labels: list[tuple] = []
        owners: list[tuple] = []
        reindexed: list[dict] = []
        podres_del: list[dict] = []
        podres_ins: list[tuple] = []
        states_del: list[dict] = []
        states_ins: list[tuple] = []
        prows_del: list[dict] = []
        prows_ins: list[tuple] = []
        states = self._state_want
        parsed = self._parsed
        rows, metas = self._rows, self._meta
        for k in self._dirty:
            row = rows.get(k)
            if row is not None and type(row[2]) is not str:
                self._text(k, row)
        new = [k for k, r in ((k, rows.get(k)) for k in self._dirty) if r is not None and r[0] is None]
        inserted = set(self._insert_new(new))
        for k in self._dirty:
            row = rows.get(k)
            if row is None:
                continue
            obj_id, rv, body = row
            summary = metas[k]
            if k in inserted:
                index = True
            else:
                updates.append({"rv": rv, "b": body, "i": obj_id})
                base = self._base_idx.pop(k, None)
                index = base is not None and (base[0] != summary[4] or base[1] != summary[5])
                if index:
                    reindexed.append({"i": obj_id})
            if index:
                for lk, lv in (summary[4] or {}).items():
                    labels.append((obj_id, lk, lv))
                for uid in summary[6]:
                    owners.append((obj_id, uid))
            want = self._podres_want.pop(k, _MISSING)
            if want is not _MISSING and self._podres_db.get(k, _MISSING) != want:
                if self._podres_db.get(k, _MISSING) is not None:
                    podres_del.append({"i": obj_id})
                if want is not None:
                    podres_ins.append((obj_id, want[0], want[1], want[2]))
                self._podres_db[k] = want
            if states and k in states:
                state = states.pop(k)
                if k not in inserted:
                    states_del.append({"i": obj_id})
                if state is not None:
                    states_ins.append((obj_id, *state))
                # Its pod_rows row, of the object its writer handed over when that is this body, else parsed.
                if k not in inserted:
                    prows_del.append({"i": obj_id})
                hit = parsed.get(k)
                prows_ins.append((obj_id, *pod_row(hit[1] if hit is not None and hit[0] is body else
                                                   self._loads(body))))
        self._dirty.clear()
        self._dirty_kinds.clear()
        self._dirty_owners.clear()
        if updates:
            db.execute_many("UPDATE objects SET rv = :rv, body = :b WHERE id = :i", updates)
        if reindexed:
            db.execute_many("DELETE FROM labels WHERE obj = :i", reindexed)
            db.execute_many("DELETE FROM owners WHERE obj = :i", reindexed)
        if labels:
            db.execute_rows("INSERT INTO labels (obj, k, v) VALUES (:i, :k, :v)", labels)
        if owners:
            db.execute_rows("INSERT INTO owners (obj, owner_uid) VALUES (:i, :u)", owners)
        if podres_del:
            db.execute_many("DELETE FROM pod_resources WHERE obj = :i", podres_del)
        if podres_ins:
            db.execute_rows("INSERT INTO pod_resources (obj, node, cpu_m, mem) VALUES (:i, :n, :c, :m)", podres_ins)
        if states_del:
            db.execute_many("DELETE FROM pod_states WHERE obj = :i", states_del)
        if states_ins:
            db.execute_rows(_STATE_INSERT, states_ins)
        if prows_del:
            db.execute_many("DELETE FROM pod_rows WHERE obj = :i", prows_del)
        if prows_ins:
            db.execute_rows(_POD_ROW_INSERT, prows_ins)

    def _insert_new(self, keys: list[Key]) -> list[Key]:
        """Insert the buffered new rows and learn their ids: one statement for all of them, then one query for the
        ids (this transaction holds the write lock, so every id above the highest before is one of them)."""
        if not keys:
            return keys
        db, rows, metas = self._db, self._rows, self._meta
        sql = ("INSERT INTO objects (grp, kind, namespace, name, uid, rv, body) "
               "VALUES (:g, :k, :ns, :n, :u, :rv, :b)")
        if len(keys) == 1:
            k = keys[0]
            _, rv, body = rows[k]  # type: ignore[misc]
            obj_id = db.insert_id(sql, {"g": k[0], "k": k[1], "ns": k[2], "n": k[3], "u": metas[k][1], "rv": rv,
                                        "b": body})
            rows[k] = (obj_id, rv, body)
            return keys
        top = int(db.execute("SELECT COALESCE(MAX(id), 0) FROM objects")[0][0])
        db.execute_rows(sql, [(k[0], k[1], k[2], k[3], metas[k][1], rows[k][1], rows[k][2])  # type: ignore[index]
                              for k in keys])
        ids = {(g, kd, ns, n): int(i) for i, g, kd, ns, n in db.execute(
            "SELECT id, grp, kind, namespace, name FROM objects WHERE id > :t", {"t": top})}
        for k in keys:
            _, rv, body = rows[k]  # type: ignore[misc]
            rows[k] = (ids[k], rv, body)
        return keys

    def _pod_resources(self, obj_id: int, pod: dict) -> None:
        """Write the pod's per-node request counters and its pod_states and pod_rows rows now (store import and
        migration; transactions buffer them)."""
        self._census.clear()
        self._cur_state.pop(key_of(pod), None)
        entry = _pod_entry(pod, self)
        self._db.execute("DELETE FROM pod_resources WHERE obj = :i", {"i": obj_id})
        if entry is not None:
            self._db.execute(
                "INSERT INTO pod_resources (obj, node, cpu_m, mem) VALUES (:i, :n, :c, :m)",
                {"i": obj_id, "n": entry[0], "c": entry[1], "m": entry[2]},
            )
        self._db.execute("DELETE FROM pod_states WHERE obj = :i", {"i": obj_id})
        state = pod_state(pod)
        if state is not None:
            self._db.execute_rows(_STATE_INSERT, [(obj_id, *state)])
        self._db.execute("DELETE FROM pod_rows WHERE obj = :i", {"i": obj_id})
        self._db.execute_rows(_POD_ROW_INSERT, [(obj_id, *pod_row(pod))])

    def _flush_pods(self) -> None:
        """Write buffered pods out before reading pod_states (a read sees this transaction's writes)."""
        if self._state_want:
            self._flush_objects()

    def owned_pod_census(self, owner_uid: str) -> list[tuple[str, int, int]]:
        """The active pods ``owner_uid`` controls, counted without reading them: (labels as sorted JSON, pods, ready
        pods) per distinct label set. Counted in SQL once per transaction, then kept up to date as pods are
        written (_census_move): a replica set scaling to 100,000 pods 500 at a time would otherwise count its
        pods 200 times."""
        counts = self._census.get(owner_uid)
        if counts is None:
            self._flush_pods()
            rows = self._db.execute(
                "SELECT labels, COUNT(*), SUM(ready) FROM pod_states WHERE owner_uid = :u AND active = 1 "
                "GROUP BY labels", {"u": owner_uid})
            counts = self._census[owner_uid] = {r[0]: [int(r[1]), int(r[2] or 0)] for r in rows}
        return [(labels, c[0], c[1]) for labels, c in sorted(counts.items()) if c[0]]

    def _census_move(self, old: tuple | None, new: tuple | None) -> None:
        """A pod's pod_states row goes from ``old`` to ``new`` (None: none): the kept counts follow."""
        if old == new:
            return
        census = self._census
        if old is not None and old[1] and old[0] in census:
            c = census[old[0]].get(old[8])  # counted when it was stored
            if c is None or not c[0]:
                del census[old[0]]  # not what was counted: counted again in SQL when next asked
            else:
                c[0] -= 1
                c[1] -= old[4]
        if new is not None and new[1] and new[0] in census:
            c = census[new[0]].setdefault(new[8], [0, 0])
            c[0] += 1
            c[1] += new[4]

    def _stored_state(self, obj_id: int | None) -> tuple | None:
        """The pod_states row stored for an object (None: none, or an object not inserted yet)."""
        if obj_id is None:
            return None
        rows = self._db.execute(
            "SELECT owner_uid, active, scheduled, phase_rank, ready, restarts, created, name, labels FROM pod_states "
            "WHERE obj = :i", {"i": obj_id})
        return tuple(rows[0]) if rows else None

    def owned_pods_to_delete(self, owner_uid: str, count: int) -> list[tuple[str, str, int, str]]:
        """The first ``count`` active pods ``owner_uid`` controls in the ReplicaSet controller's deletion order
        (store.pod_state): (namespace, name, ready, labels JSON) each, read from the index alone."""
        self._flush_pods()
        rows = self._db.execute(
            "SELECT o.namespace, o.name, p.ready, p.labels FROM pod_states p JOIN objects o ON o.id = p.obj "
            "WHERE p.owner_uid = :u AND p.active = 1 ORDER BY p.scheduled, p.phase_rank, p.ready, p.restarts DESC, "
            "p.created DESC, p.name DESC LIMIT :n", {"u": owner_uid, "n": int(count)})
        return [(r[0], r[1], int(r[2]), r[3]) for r in rows]

    def node_usage(self) -> dict[str, tuple[int, int, int]]:
        """(cpu millis, memory bytes, pod count) requested on each node."""
        # The stored counters plus the buffered pods' changes, so that asking does not write out pods that are
        # about to change again (a replica set's new pods, before the scheduler binds them).
        pending = [(self._podres_db[k], w) for k, w in self._podres_want.items()
                   if k in self._podres_db and self._podres_db[k] != w]
        if any(k not in self._podres_db for k in self._podres_want):
            self._flush_objects()  # a buffered pod whose stored counters are not known
            pending = []
        rows = self._db.execute("SELECT node, SUM(cpu_m), SUM(mem), COUNT(*) FROM pod_resources GROUP BY node")
        usage = {r[0]: [int(r[1] or 0), int(r[2] or 0), int(r[3])] for r in rows}
        for old, new in pending:
            for entry, sign in ((old, -1), (new, 1)):
                if entry is not None:
                    u = usage.setdefault(entry[0], [0, 0, 0])
                    u[0] += sign * entry[1]
                    u[1] += sign * entry[2]
                    u[2] += sign
        return {n: (u[0], u[1], u[2]) for n, u in usage.items() if u[2] or u[0] or u[1]}

    def pop_tombstones(self) -> list[dict]:
        rows = self._db.execute("SELECT uid, body FROM tombstones")
        if rows:
            self._db.execute("DELETE FROM tombstones")
        return [self._loads(r[1]) for r in rows]

    def delete(self, group: str, kind: str, namespace: str, name: str) -> dict:
        k = (group, kind, namespace or "", name)
        row = self._row(k)
        if row is None:
            raise NotFound(f'{group_resource(group, kind)} "{name}" not found')
        self._flush_objects()
        row = self._rows[k]
        obj_id = row[0]
        self._rows[k] = None
        self._parsed.pop(k, None)
        self._handed.discard(k)
        self._meta.pop(k, None)
        self._podres_db.pop(k, None)
        self._db.execute("DELETE FROM objects WHERE id = :i", {"i": obj_id})
        self._db.execute("DELETE FROM labels WHERE obj = :i", {"i": obj_id})
        self._db.execute("DELETE FROM owners WHERE obj = :i", {"i": obj_id})
        self._db.execute("DELETE FROM wakeups WHERE k = :k", {"k": key_str(k)})
        self._db.execute("DELETE FROM pod_resources WHERE obj = :i", {"i": obj_id})
        if k[1] == "Pod":
            self._state_want.pop(k, None)
            if self._census:
                self._census_move(self._stored_state(obj_id), None)  # flushed above: the row is the current state
            self._cur_state[k] = None
            self._db.execute("DELETE FROM pod_states WHERE obj = :i", {"i": obj_id})
            self._db.execute("DELETE FROM pod_rows WHERE obj = :i", {"i": obj_id})
        uid = self._loads(row[2]).get("metadata", {}).get("uid", "")
        if uid and self._db.execute("SELECT 1 FROM owners WHERE owner_uid = :u LIMIT 1", {"u": uid}):
            self._db.execute(
                "INSERT INTO tombstones (uid, k, body) VALUES (:u, :k, :b)", {"u": uid, "k": key_str(k), "b": row[2]}
            )
        self.next_rv()
        body = self._loads(row[2])
        if self.store.recorder is not None:
            self.store.recorder.deleted(self, k, body)
        self._changed(k)
        # The owner's controller must see its dependent go (the informer's delete notification).
        for ref in (body.get("metadata") or {}).get("ownerReferences") or []:
            if ref.get("controller"):
                self._changed((group_of(ref.get("apiVersion", "")), ref.get("kind", ""), k[2], ref.get("name", "")))
        return body

    # ---- events ---------------------------------------------------------------------------------------------
    def record_event(
        self,
        obj: dict,
        type_: str,
        reason: str,
        message: str,
        component: str,
        host: str = "",
        field_path: str = "",
    ) -> None:
        """Record an Event as client-go's recorder (its EventCorrelator) does: an identical event (same object,
        reason, message, source) bumps count and lastTimestamp instead of adding a row; and once an object has had
        ten different messages for one reason from one source, each 10 minutes or less after the last, further
        new messages go to one event, "(combined from similar events): <latest message>", that counts them. The
        scheduler records through the events.k8s.io recorder, which does not combine."""
        md = obj.get("metadata") or {}
        uid = md.get("uid", "")
        at = self.env.now()
        clock = self._ev_clock
        if clock is None or clock[0] is not at:
            clock = self._ev_clock = (at, format_time(at), at.timestamp())
        now, t = clock[1], clock[2]
        combined = False
        if component != "default-scheduler":
            groups = self._ev_groups.get(uid)
            if groups is None:
                groups = self._ev_groups_for(uid)
            gk = (type_, reason, component, host)
            g = groups.get(gk)
            if g is None:
                groups[gk] = [{message: None}, t]
            else:
                if t - g[1] > AGGREGATE_WINDOW_S:
                    g[0].clear()  # the aggregation record is too old: start again
                g[1] = t
                seen = g[0]
                if message not in seen:
                    seen[message] = None
                    if len(seen) >= AGGREGATE_MAX_EVENTS:
                        # client-go drops an arbitrary message of the set to keep it below the limit; the oldest.
                        del seen[next(iter(seen))]
                        combined = True
        self._record(md, obj, uid, now, t, type_, reason, COMBINED_PREFIX + message if combined else message,
                     component, host, field_path, combined)

    def record_events(self, obj: dict, type_: str, events: Any, component: str, host: str = "",
                      field_path: str = "") -> None:
        """record_event() of each (reason, message) of ``events`` in turn, for one object, type, source and field
        path: the same events, with what they share looked up once (a kubelet's Pulling, Pulled, Created and
        Started of a new pod's container). An event that is not the first of its group for the object, or that
        counts again an event recorded before, takes record_event()'s general path."""
        md = obj.get("metadata") or {}
        uid = md.get("uid", "")
        if component == "default-scheduler" or uid not in self._fresh_uids:
            for reason, message in events:
                self.record_event(obj, type_, reason, message, component, host, field_path)
            return
        groups = self._ev_groups.get(uid)
        if groups is None:
            groups = self._ev_groups_for(uid)
        known = self._ev_known.get(uid)
        if known is None:
            known = self._ev_known[uid] = {}  # created in this transaction: only the events recorded here (_record)
        pending = self._ev_pending
        ns = md.get("namespace") or "default"
        oname = md.get("name")
        api, kind, orv = obj.get("apiVersion"), obj.get("kind"), md.get("resourceVersion")
        now_of, new_uid = self.env.now, self.env.uid
        for reason, message in events:
            gk = (type_, reason, component, host)
            if gk in groups:
                self.record_event(obj, type_, reason, message, component, host, field_path)
                continue
            at = now_of()
            clock = self._ev_clock
            if clock is None or clock[0] is not at:
                clock = self._ev_clock = (at, format_time(at), at.timestamp())
            now, t = clock[1], clock[2]
            groups[gk] = [{message: None}, t]
            dedup = event_dedup_key(uid, type_, reason, component, host, field_path, message)
            if (dedup, uid) in pending or dedup in known:
                self._record(md, obj, uid, now, t, type_, reason, message, component, host, field_path, False)
                continue
            rv = self.next_rv()
            pending[(dedup, uid)] = [
                ns, "%s.%x" % (oname, int(t) * 1_000_000_000 + rv % 1_000_000_000), uid, dedup, rv, 1, now, now,
                api, kind, oname, orv, field_path, message, reason, component, host, type_, new_uid(), component,
                host]

    def _ev_groups_for(self, uid: str) -> dict[tuple[str, str, str, str], list]:
        """The aggregation records of an object's events, rebuilt from those stored: per group, the messages of the
        events recorded on their own whose last time falls in the group's latest run of events each at most 10
        minutes apart (at most 9 of them, the latest), and the time of its latest event."""
        groups: dict[tuple[str, str, str, str], list] = {}
        self._ev_groups[uid] = groups
        if uid in self._fresh_uids:
            return groups
        self.flush_events()
        found: dict[tuple[str, str, str, str], list] = {}
        for ns, name, rv, body in self._db.execute(
                "SELECT namespace, name, rv, body FROM events WHERE involved_uid = :u", {"u": uid}):
            ev = event_of(ns, name, uid, rv, body, self._loads)
            src = ev.get("source") or {}
            gk = (ev.get("type") or "", ev.get("reason") or "", src.get("component") or "", src.get("host") or "")
            try:
                first = parse_time(ev.get("firstTimestamp") or "").timestamp()
                last = parse_time(ev.get("lastTimestamp") or "").timestamp()
            except (TypeError, ValueError):
                continue
            msg = ev.get("message") or ""
            found.setdefault(gk, []).append((last, first, None if msg.startswith(COMBINED_PREFIX) else msg))
        for gk, evs in found.items():
            times = sorted({x for last, first, _ in evs for x in (last, first)}, reverse=True)
            start = times[0]
            for x in times[1:]:
                if start - x > AGGREGATE_WINDOW_S:
                    break
                start = x
            recent = sorted((last, msg) for last, _, msg in evs if msg is not None and last >= start)
            groups[gk] = [dict.fromkeys(m for _, m in recent[-(AGGREGATE_MAX_EVENTS - 1):]), times[0]]
        return groups

    def _record(self, md: dict, obj: dict, uid: str, now: str, t: float, type_: str, reason: str, message: str,
                component: str, host: str, field_path: str, combined: bool) -> None:
        ns = md.get("namespace") or "default"
        # A combined event is counted under its group, whatever its message and field path.
        dedup = event_dedup_key(uid, type_, reason, component, host, "" if combined else field_path,
                                COMBINED_PREFIX if combined else message)
        pending = self._ev_pending.get((dedup, uid))
        if pending is not None:
            # Recorded earlier in this transaction and not written yet: count it again in place.
            pending[5] += 1
            pending[7] = now
            pending[4] = self.next_rv()
            pending[13] = message
            return
        upd = self._ev_updates.get((dedup, uid))
        if upd is not None:
            self._count_again(upd, now, message)
            return
        known = self._ev_known.get(uid)
        if known is None:
            if uid in self._fresh_uids:
                known = {}  # created in this transaction: its only events are the ones recorded here
            else:
                known = {d: i for i, d in self._db.execute(
                    "SELECT id, dedup FROM events WHERE involved_uid = :u", {"u": uid})}
            self._ev_known[uid] = known
        rows = []
        if dedup in known:
            rows = self._db.execute(
                "SELECT id, body FROM events WHERE involved_uid = :u AND dedup = :d", {"d": dedup, "u": uid}
            )
        if rows:
            eid, body = rows[0]
            fields = body[:1] == "["  # recorded here: its fields; else imported: the whole Event
            upd = self._ev_updates[(dedup, uid)] = [eid, 0, self._loads(body), fields, None, True]
            self._count_again(upd, now, message)
            return
        rv = self.next_rv()
        # As the recorder names events: the object's name and a nanosecond clock, so names sort in time order.
        oname = md.get("name")
        name = "%s.%x" % (oname, int(t) * 1_000_000_000 + rv % 1_000_000_000)
        # Written in one batch when the transaction ends or events are next read (flush_events): the row's columns
        # and the rest of these fields (_event_fields). The aggregator's combined event names no reporting
        # controller.
        self._ev_pending[(dedup, uid)] = [
            ns, name, uid, dedup, rv, 1, now, now, obj.get("apiVersion"), obj.get("kind"), oname,
            md.get("resourceVersion"), field_path, message, reason, component, host, type_, self.env.uid(),
            "" if combined else component, "" if combined else host]

    def _count_again(self, upd: list, now: str, message: str) -> None:
        """Count a stored event again (see _ev_updates): what an UPDATE of its row would have written, kept."""
        rv = upd[1] = self.next_rv()
        upd[5] = True
        body = upd[2]
        if upd[3]:
            body[0] = int(body[0] or 1) + 1
            body[2] = now
            body[8] = message
        else:
            body["count"] = int(body.get("count") or 1) + 1
            body["lastTimestamp"] = now
            body["message"] = message
            body["metadata"]["resourceVersion"] = str(rv)
            # Serialised now, as each update did: how depends on whether the transaction has turned bulk yet.
            upd[4] = self._encode(body, "Event")

    def flush_events(self) -> None:
        """Write the events recorded since the last flush. Anything that reads or changes the events table with
        its own SQL inside a transaction calls this first."""
        if self._ev_updates:
            updates = []
            for upd in self._ev_updates.values():
                if upd[5]:
                    eid, rv, body, fields, text, _ = upd
                    updates.append({"rv": rv, "b": _event_fields(body) if fields else text, "i": eid})
                    upd[5] = False
            if updates:
                self._db.execute_many("UPDATE events SET rv = :rv, body = :b WHERE id = :i", updates)
        if not self._ev_pending:
            return
        rows = []
        fj = self._fj if self._fj is not None else self._bulk()
        for (dedup, uid), r in self._ev_pending.items():
            rows.append((r[0], r[1], uid, dedup, r[4], _event_fields(r[5:], fj)))
            known = self._ev_known.get(uid)
            if known is not None:
                known[dedup] = None
        self._ev_pending.clear()
        self._db.execute_rows(
            "INSERT INTO events (namespace, name, involved_uid, dedup, rv, body) VALUES (:ns, :n, :u, :d, :rv, :b)",
            rows,
        )

    def events_for(self, uid: str) -> list[dict]:
        self.flush_events()
        rows = self._db.execute(
            "SELECT namespace, name, involved_uid, rv, body FROM events WHERE involved_uid = :u ORDER BY id",
            {"u": uid})
        return [event_of(*r, self._loads) for r in rows]

    def list_events(self, namespace: str | None = None) -> list[dict]:
        self.flush_events()
        if namespace is None:
            rows = self._db.execute(
                "SELECT namespace, name, involved_uid, rv, body FROM events ORDER BY namespace, name")
        else:
            rows = self._db.execute(
                "SELECT namespace, name, involved_uid, rv, body FROM events WHERE namespace = :ns ORDER BY name",
                {"ns": namespace})
        return [event_of(*r, self._loads) for r in rows]

    def delete_events_for(self, uid: str) -> None:
        self.flush_events()
        self._db.execute("DELETE FROM events WHERE involved_uid = :u", {"u": uid})
        self._ev_known.pop(uid, None)
        self._ev_groups.pop(uid, None)
        self._ev_updates = {k: u for k, u in self._ev_updates.items() if k[1] != uid}

    # ---- work queue -----------------------------------------------------------------------------------------
    def pending_work(self) -> list[Key]:
        return [key_parse(r[0]) for r in self._db.execute("SELECT k FROM work ORDER BY k")]

    def has_pending_work(self) -> bool:
        return bool(self._db.execute("SELECT 1 FROM work LIMIT 1"))

    def clear_work(self) -> None:
        self._db.execute("DELETE FROM work")

    def wake_at(self, k: Key, at: str) -> None:
        ks = key_str(k)
        rows = self._db.execute("SELECT at FROM wakeups WHERE k = :k", {"k": ks})
        if rows:
            if rows[0][0] > at:
                self._db.execute("UPDATE wakeups SET at = :a WHERE k = :k", {"k": ks, "a": at})
        else:
            self._db.execute("INSERT INTO wakeups (k, at) VALUES (:k, :a)", {"k": ks, "a": at})

    def due_wakeups(self, now: str) -> list[Key]:
        return [key_parse(r[0]) for r in self._db.execute("SELECT k FROM wakeups WHERE at <= :n", {"n": now})]

    def clear_wakeups(self, keys: list[Key]) -> None:
        for k in keys:
            self._db.execute("DELETE FROM wakeups WHERE k = :k", {"k": key_str(k)})

    def has_due_wakeup(self, now: str) -> bool:
        return bool(self._db.execute("SELECT 1 FROM wakeups WHERE at <= :n LIMIT 1", {"n": now}))

    def _persist_work(self) -> None:
        if not self.changed:
            return
        seen = set()
        rows = []
        for k in self.changed:
            s = key_str(k)
            if s not in seen:
                seen.add(s)
                rows.append({"k": s})
        if self._db.dialect == "sqlite":
            self._db.execute_many("INSERT OR IGNORE INTO work (k) VALUES (:k)", rows)
        else:
            self._db.execute_many("INSERT INTO work (k) VALUES (:k) ON CONFLICT (k) DO NOTHING", rows)


def _js(v: Any) -> str:
    return _jstr(v) if type(v) is str else _dumps(v)


def _event_fields(f: list, fj: Any = None) -> str:
    """How a recorded event is stored: the fields of its body that the row's columns do not hold, as a JSON array
    (count, firstTimestamp, lastTimestamp, the involved object's apiVersion, kind, name, resourceVersion and
    fieldPath, message, reason, source component and host, type, uid, reportingComponent, reportingInstance).
    A third of the bytes of the whole Event, which event_of() makes again when it is read: a 10,000-pod reconcile
    records 40,000 events, and their bodies were half of what it wrote."""
    if fj:  # orjson, in a bulk transaction: ten times faster, and the same values (escaped alike but for non-ASCII)
        try:
            return fj.dumps(f).decode()
        except TypeError:
            pass
    try:
        return "[%d,%s]" % (f[0], ",".join(map(_jstr, f[1:])))  # every field a string, as the recorder's callers give
    except TypeError:
        return "[%d,%s]" % (f[0], ",".join(map(_js, f[1:])))  # a None or other value somewhere


def event_body(ev: dict) -> str:
    """How a row stores the Event ``ev`` (one read back by event_of, say an import's): as its fields when event_of
    makes exactly this Event of them again, else whole."""
    md, inv, src = ev.get("metadata"), ev.get("involvedObject"), ev.get("source")
    if isinstance(md, dict) and isinstance(inv, dict) and isinstance(src, dict) and type(ev.get("count")) is int:
        g = ev.get
        f = [g("count"), g("firstTimestamp"), g("lastTimestamp"), inv.get("apiVersion"), inv.get("kind"),
             inv.get("name"), inv.get("resourceVersion"), inv.get("fieldPath") or "", g("message"), g("reason"),
             src.get("component"), src.get("host") or "", g("type"), md.get("uid"), g("reportingComponent"),
             g("reportingInstance")]
        body = _event_fields(f)
        try:
            same = event_of(md.get("namespace"), md.get("name"), inv.get("uid"), int(md.get("resourceVersion")),
                            body) == ev
        except (TypeError, ValueError):
            same = False
        if same:
            return body
    return _dumps(ev)


def event_of(ns: str, name: str, uid: str, rv: Any, body: str, loads: Callable[[str], Any] = json.loads) -> dict:
    """The Event of a row of the events table: a recorded event's fields (_event_fields) made into the Event the
    API server returns, keys in its order; an imported one is stored whole."""
    if body[:1] != "[":
        return loads(body)
    (count, first, last, api, kind, oname, orv, fp, message, reason, comp, host, type_, euid, rcomp, rhost) = \
        loads(body)
    involved: dict[str, Any] = {"apiVersion": api}
    if fp:
        involved["fieldPath"] = fp
    involved["kind"] = kind
    involved["name"] = oname
    involved["namespace"] = ns
    involved["resourceVersion"] = orv
    involved["uid"] = uid
    source = {"component": comp, "host": host} if host else {"component": comp}
    return {
        "apiVersion": "v1", "count": count, "eventTime": None, "firstTimestamp": first, "involvedObject": involved,
        "kind": "Event", "lastTimestamp": last, "message": message,
        "metadata": {"creationTimestamp": first, "name": name, "namespace": ns, "resourceVersion": str(rv),
                     "uid": euid},
        "reason": reason, "reportingComponent": rcomp, "reportingInstance": rhost, "source": source, "type": type_,
    }


def _older_store(url: str, version: int) -> str:
    return (f"error: the store {dbmod._redact(url)} was written by an older pykubectl (store schema version "
            f"{version}; this pykubectl uses {dbmod.SCHEMA_VERSION}): run `pykubectl store migrate` to upgrade it")


try:
    from _blake2 import blake2b as _blake2b  # hashlib would also load OpenSSL's module (~3 ms) for nothing
except ImportError:  # pragma: no cover - interpreters without the builtin module
    from hashlib import blake2b as _blake2b


# client-go's EventCorrelator defaults (tools/record/events_cache.go).
AGGREGATE_MAX_EVENTS = 10
AGGREGATE_WINDOW_S = 600
COMBINED_PREFIX = "(combined from similar events): "


def event_dedup_key(uid: str, type_: str, reason: str, component: str, host: str, field_path: str,
                    message: str) -> str:
    """What makes two events the same event (client-go's aggregation key), hashed to a short index key."""
    text = "\x00".join((uid, type_, reason, component, host, field_path, message))
    return _blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _summary(body: str, md: dict, prev: tuple | None = None) -> tuple:
    """What update() needs of the stored version: the body it belongs to, the server-owned fields, and the label
    and owner sets that the indexes were built from (labels as strings, a copy of the owner references, their
    uids). ``prev``: the previous version's summary, whose label and owner parts are reused when equal."""
    labels = md.get("labels")
    owners = md.get("ownerReferences")
    if prev is not None and labels == prev[4]:
        lab = prev[4]
    else:
        lab = {a: str(b) for a, b in labels.items()} if isinstance(labels, dict) else None
    if not owners:
        own, uids = None, ()
    elif prev is not None and owners == prev[5]:
        own, uids = prev[5], prev[6]
    else:
        try:
            own = [{**o} for o in owners]
        except TypeError:
            own = repr(owners)
        uids = tuple(o.get("uid", "") for o in owners)
    return (body, md.get("uid"), md.get("creationTimestamp"), md.get("generation"), lab, own, uids)


def _pod_entry(pod: dict, tx: "Tx") -> tuple[str, int, int] | None:
    """What pod_resources holds for a pod: (node, cpu millis, memory bytes) while bound and not finished."""
    node = (pod.get("spec") or {}).get("nodeName")
    if not node or (pod.get("status") or {}).get("phase") in ("Succeeded", "Failed"):
        return None
    return (node, *tx.pod_requests(pod))


_STATE_INSERT = ("INSERT INTO pod_states (obj, owner_uid, active, scheduled, phase_rank, ready, restarts, created, "
                 "name, labels) VALUES (:i, :u, :a, :s, :p, :r, :x, :c, :n, :l)")
_POD_ROW_INSERT = ("INSERT INTO pod_rows (obj, ready, status, restarts, last_restart, created, ip, node, nominated, "
                   "gates, labels) VALUES (:i, :r, :s, :n, :l, :c, :ip, :nd, :nn, :g, :lb)")
_pod_table_fields: Any = None


def pod_row(pod: dict) -> tuple:
    """The pod_rows row of a pod, less its object id: what the pod table shows of it less the time
    (printers.table.pod_table_fields) and its labels as sorted JSON (for --show-labels, -L and set selectors)."""
    global _pod_table_fields
    if _pod_table_fields is None:
        from ..printers.table import pod_table_fields

        _pod_table_fields = pod_table_fields
    labels = (pod.get("metadata") or {}).get("labels")
    return (*_pod_table_fields(pod), _labels_json(labels) if type(labels) is dict and labels else "{}")


_PHASE_RANK = {"Pending": 0, "Unknown": 1, "Running": 2}


def pod_state(pod: dict) -> tuple | None:
    """The pod_states row of a pod with a controller owner (None without one): (owner uid, active, scheduled, phase
    rank, ready, restarts, created, name, labels as sorted JSON). Active: not Succeeded or Failed and not being
    deleted. The ranks are the ReplicaSet controller's deletion order (controller.ActivePods): unscheduled before
    scheduled, Pending < Unknown < Running, not ready before ready, then more restarts, then the youngest."""
    md = pod.get("metadata") or {}
    owner = None
    for ref in md.get("ownerReferences") or ():
        if ref.get("controller"):
            owner = ref.get("uid")
            break
    if not owner:
        return None
    status = pod.get("status") or {}
    phase = status.get("phase") or "Pending"
    ready = 0
    for c in status.get("conditions") or ():
        if c.get("type") == "Ready":
            ready = 1 if c.get("status") == "True" else 0
            break
    restarts = 0  # (a plain loop: a generator costs more for the usual one container)
    for c in status.get("containerStatuses") or ():
        restarts += c.get("restartCount", 0)
    labels = md.get("labels")
    return (owner, 0 if phase in ("Succeeded", "Failed") or md.get("deletionTimestamp") else 1,
            1 if (pod.get("spec") or {}).get("nodeName") else 0, _PHASE_RANK.get(phase, 0), ready, restarts,
            md.get("creationTimestamp") or "", md.get("name") or "", _labels_json(labels) if labels else "{}")


def _pod_state_moved(pod: dict, md: dict, prev: tuple | None) -> tuple | None:
    """pod_state() of a new version of a pod whose previous version had pod_states row ``prev`` and the same owner
    references, creation time and name: those fields of the row are the previous ones. (The labels' JSON is made
    again, from the memo: labels equal as strings may have been written as other JSON values before.)"""
    if prev is None:
        return None  # no controller owner then, nor now
    status = pod.get("status") or {}
    phase = status.get("phase") or "Pending"
    ready = 0
    for c in status.get("conditions") or ():
        if c.get("type") == "Ready":
            ready = 1 if c.get("status") == "True" else 0
            break
    restarts = 0
    for c in status.get("containerStatuses") or ():
        restarts += c.get("restartCount", 0)
    return (prev[0], 0 if phase in ("Succeeded", "Failed") or md.get("deletionTimestamp") else 1,
            1 if (pod.get("spec") or {}).get("nodeName") else 0, _PHASE_RANK.get(phase, 0), ready, restarts,
            prev[6], prev[7], _labels_json(labels) if (labels := md.get("labels")) else "{}")


_LABELS_JSON: dict[tuple, str] = {}  # a pod's labels, as their items in order -> sorted JSON: a workload's pods share few


def _labels_json(labels: Any) -> str:
    try:
        key = tuple(labels.items())
        hit = _LABELS_JSON.get(key)
    except (AttributeError, TypeError):  # not a mapping of hashable values: as it is
        return json.dumps(labels, sort_keys=True, separators=(",", ":"))
    if hit is None:
        hit = json.dumps(labels, sort_keys=True, separators=(",", ":"))
        if len(_LABELS_JSON) >= 4096:
            _LABELS_JSON.clear()
        _LABELS_JSON[key] = hit
    return hit


def _spec_part(obj: dict) -> dict:
    """What a generation counts: everything but metadata and status (compared as values, not serialised)."""
    return {k: v for k, v in obj.items() if k not in ("metadata", "status")}


class Store:
    def __init__(self, db: dbmod.Database, env: Env, url: str):
        self.db = db
        self.env = env
        self.url = url
        # Told of every object write (changed(tx, key); deleted(tx, key, last body)) and of each transaction's end
        # (committed(tx), rolled_back(tx)): the API server's watch cache (serve/watchcache.py); None elsewhere.
        self.recorder: Any = None

    created = False  # whether open() made this store (and its cluster)

    @classmethod
    def open(cls, env: Env, shape: Any = None) -> "Store":
        """Open the store at the environment's URL; a new store gets a fresh cluster of ``shape``
        (a controllers.clusterconfig.ClusterShape; None: the default cluster)."""
        url = env.resolved_store_url()
        db = dbmod.connect(url)
        store = cls(db, env, url)
        store._ensure_schema(shape)
        return store

    def _ensure_schema(self, shape: Any = None) -> None:
        try:
            rows = self.db.execute("SELECT v FROM meta WHERE k = 'schema_version'")
        except Exception:  # noqa: BLE001 - no meta table yet: a new store
            rows = None
            self.db.rollback()
        if rows:
            version = int(rows[0][0])
            if version > dbmod.SCHEMA_VERSION:
                raise StoreError(
                    f"error: the store {dbmod._redact(self.url)} was written by a newer pykubectl "
                    f"(store schema version {version}; "
                    f"this pykubectl understands up to {dbmod.SCHEMA_VERSION}): upgrade pykubectl to use it"
                )
            if version < dbmod.SCHEMA_VERSION:
                raise StoreError(_older_store(self.url, version))
            off = self.db.execute("SELECT v FROM meta WHERE k = 'clock_offset'")
            if off:
                self.env.clock_offset = float(off[0][0])
            if self.env.seed is not None:  # a seeded run: this process draws from the seed and the store's state
                self.env.reseed(self.db.execute("SELECT v FROM meta WHERE k = 'rv'")[0][0])
            return
        self.db.begin()
        try:
            # Another process may have created it while we waited for the write lock.
            dbmod.create_schema(self.db)
            if not self.db.execute("SELECT v FROM meta WHERE k = 'schema_version'"):
                if self.db.execute("SELECT 1 FROM meta WHERE k = 'rv'"):  # an unversioned store: not new
                    raise StoreError(_older_store(self.url, 0))
                self.db.execute("INSERT INTO meta (k, v) VALUES ('rv', '1')")
                self.db.execute(
                    "INSERT INTO meta (k, v) VALUES ('schema_version', :v)", {"v": str(dbmod.SCHEMA_VERSION)}
                )
                from ..controllers import bootstrap

                tx = Tx(self)
                if shape is None:
                    bootstrap.seed_cluster(tx)
                else:
                    bootstrap.seed_cluster(tx, shape)
                tx.flush_writes()
                tx._flush_rv()
                tx._persist_work()
                self.created = True
            self.db.commit()
        except BaseException:
            self.db.rollback()
            raise

    @contextmanager
    def transaction(self) -> Iterator[Tx]:
        self.db.begin()
        tx = Tx(self)
        try:
            yield tx
            tx.flush_writes()
            tx._flush_rv()
            tx._persist_work()
            self.db.commit()
        except BaseException:
            self.db.rollback()
            if self.recorder is not None:
                self.recorder.rolled_back(tx)
            raise
        if self.recorder is not None:
            self.recorder.committed(tx)

    @contextmanager
    def read(self) -> Iterator[Tx]:
        """A read-only snapshot (readers never see half a command)."""
        if hasattr(self.db, "begin_read"):
            self.db.begin_read()  # type: ignore[attr-defined]
        tx = Tx(self)
        try:
            yield tx
        finally:
            self.db.rollback()

    def close(self) -> None:
        self.db.close()
