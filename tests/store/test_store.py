"""The store against a dict model, on SQLite and PostgreSQL (see conftest.py): reads see writes, lists are filters,
resourceVersions only grow, namespaces are isolated, failed transactions leave no trace, and the indexes agree
with the bodies."""

from __future__ import annotations

import copy
import json
import os
import stat
import uuid
from typing import Any, Callable
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test

from pykubectl.errors import AlreadyExists, Conflict, NotFound, StoreError
from pykubectl.store import db as dbmod
from pykubectl.store.store import Store, key_of, key_str

from tests.store.conftest import PG_URL, pg_unavailable

CONFLICT = ('Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply '
            "your changes to the latest version and try again")


def deploy(name: str = "web", ns: str = "default", labels: dict | None = None, replicas: int = 1) -> dict:
    md: dict[str, Any] = {"name": name, "namespace": ns}
    if labels:
        md["labels"] = dict(labels)
    return {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": md, "spec": {"replicas": replicas}}


def configmap(name: str, ns: str = "default", labels: dict | None = None, data: dict | None = None) -> dict:
    md: dict[str, Any] = {"name": name, "namespace": ns}
    if labels:
        md["labels"] = dict(labels)
    return {"apiVersion": "v1", "kind": "ConfigMap", "metadata": md, "data": dict(data or {})}


def create(store: Store, obj: dict) -> dict:
    with store.transaction() as tx:
        return tx.create(copy.deepcopy(obj))


def get(store: Store, group: str, kind: str, ns: str, name: str) -> dict | None:
    with store.read() as tx:
        return tx.get(group, kind, ns, name)


def all_objects(store: Store) -> dict[str, dict]:
    return {key_str(key_of(b)): b for b in (json.loads(r[0]) for r in store.db.execute("SELECT body FROM objects"))}


def check_indexes(store: Store) -> None:
    """Label and owner index rows are exactly the bodies' labels and owner uids; column rv/uid match the body."""
    rows = store.db.execute("SELECT id, rv, uid, body FROM objects")
    want_labels = set()
    want_owners = set()
    for oid, rv, uid, body in rows:
        md = json.loads(body)["metadata"]
        assert str(rv) == md["resourceVersion"]
        assert uid == md["uid"]
        want_labels |= {(int(oid), k, str(v)) for k, v in (md.get("labels") or {}).items()}
        want_owners |= {(int(oid), o["uid"]) for o in md.get("ownerReferences") or []}
    got_labels = store.db.execute("SELECT obj, k, v FROM labels")
    assert sorted((int(o), k, v) for o, k, v in got_labels) == sorted(want_labels)
    got_owners = store.db.execute("SELECT obj, owner_uid FROM owners")
    assert sorted((int(o), u) for o, u in got_owners) == sorted(want_owners)


def all_rvs(store: Store) -> list[int]:
    return [int(r[0]) for r in store.db.execute("SELECT rv FROM objects")]


# ---- examples -------------------------------------------------------------------------------------------------

def test_new_store_is_a_fresh_cluster(store: Store) -> None:
    with store.read() as tx:
        names = [n["metadata"]["name"] for n in tx.list("", "Namespace")]
        svc = tx.get("", "Service", "default", "kubernetes")
    assert names == ["default", "kube-node-lease", "kube-public", "kube-system"]
    assert svc is not None and svc["spec"]["clusterIP"] == "10.96.0.1"
    check_indexes(store)


def test_get_after_create(store: Store) -> None:
    made = create(store, deploy(labels={"app": "web"}))
    got = get(store, "apps", "Deployment", "default", "web")
    assert got == made
    md = got["metadata"]
    assert md["generation"] == 1 and md["uid"] and md["creationTimestamp"] == "2026-11-22T10:00:00Z"
    assert md["labels"] == {"app": "web"} and got["spec"] == {"replicas": 1}


def test_create_sets_server_fields_even_when_the_manifest_has_them(store: Store) -> None:
    # `kubectl create deploy --dry-run=client -o yaml` writes `creationTimestamp: null`; `get -o yaml` writes the
    # old uid. The API server fills both on every create (rest.FillObjectMetaSystemFields); a kept null printed
    # AGE <unknown>, a kept uid could collide with a live object's.
    first = create(store, deploy("a"))
    obj = deploy("b")
    obj["metadata"].update(creationTimestamp=None, uid=first["metadata"]["uid"], resourceVersion="1", generation=7)
    made = create(store, obj)
    assert made["metadata"]["creationTimestamp"] == "2026-11-22T10:00:00Z"
    assert made["metadata"]["uid"] != first["metadata"]["uid"]
    assert made["metadata"]["generation"] == 1
    assert int(made["metadata"]["resourceVersion"]) > int(first["metadata"]["resourceVersion"])
    with store.read() as tx:
        assert tx.get_by_uid(first["metadata"]["uid"])["metadata"]["name"] == "a"


def test_already_exists(store: Store, dump: Callable) -> None:
    create(store, deploy())
    before = dump(store)
    with pytest.raises(AlreadyExists) as ei:
        create(store, deploy(replicas=3))
    assert ei.value.detail == 'deployments.apps "web" already exists'
    assert str(ei.value) == 'Error from server (AlreadyExists): deployments.apps "web" already exists'
    assert dump(store) == before


def test_update_with_stale_resource_version_conflicts(store: Store, dump: Callable) -> None:
    old = create(store, deploy())
    with store.transaction() as tx:
        cur = tx.get("apps", "Deployment", "default", "web")
        cur["spec"]["replicas"] = 2
        tx.update(cur)
    before = dump(store)
    stale = copy.deepcopy(old)
    stale["spec"]["replicas"] = 5
    with pytest.raises(Conflict) as ei:
        with store.transaction() as tx:
            tx.update(stale)
    assert ei.value.detail == CONFLICT
    assert str(ei.value) == "Error from server (Conflict): " + CONFLICT
    # expect_rv wins over the body's resourceVersion.
    with pytest.raises(Conflict):
        with store.transaction() as tx:
            tx.update(copy.deepcopy(cur), expect_rv=old["metadata"]["resourceVersion"])
    assert dump(store) == before


def test_update_bumps_resource_version_and_generation(store: Store) -> None:
    made = create(store, deploy())
    with store.transaction() as tx:
        obj = tx.get("apps", "Deployment", "default", "web")
        obj["spec"]["replicas"] = 3
        upd = tx.update(obj)
    assert int(upd["metadata"]["resourceVersion"]) > int(made["metadata"]["resourceVersion"])
    assert upd["metadata"]["generation"] == 2
    with store.transaction() as tx:
        obj = tx.get("apps", "Deployment", "default", "web")
        obj.setdefault("status", {})["replicas"] = 3  # status is not spec: generation stays
        upd2 = tx.update(obj)
    assert upd2["metadata"]["generation"] == 2
    assert int(upd2["metadata"]["resourceVersion"]) > int(upd["metadata"]["resourceVersion"])
    assert get(store, "apps", "Deployment", "default", "web") == upd2


def test_noop_update_writes_nothing(store: Store, dump: Callable) -> None:
    made = create(store, deploy(labels={"app": "web"}))
    before = dump(store)
    with store.transaction() as tx:
        res = tx.update(copy.deepcopy(made))
        assert tx.changed == []
    assert res["metadata"]["resourceVersion"] == made["metadata"]["resourceVersion"]
    # Without a resourceVersion in the body (an unconditional update) it is still no write.
    body = copy.deepcopy(made)
    del body["metadata"]["resourceVersion"]
    with store.transaction() as tx:
        tx.update(body)
    assert dump(store) == before


def test_delete_then_get_is_none(store: Store) -> None:
    create(store, deploy(labels={"app": "web"}))
    with store.transaction() as tx:
        gone = tx.delete("apps", "Deployment", "default", "web")
    assert gone["metadata"]["name"] == "web"
    assert get(store, "apps", "Deployment", "default", "web") is None
    with store.read() as tx:
        assert tx.list("apps", "Deployment", match_labels={"app": "web"}) == []
    with pytest.raises(NotFound) as ei:
        with store.transaction() as tx:
            tx.delete("apps", "Deployment", "default", "web")
    assert str(ei.value) == 'Error from server (NotFound): deployments.apps "web" not found'
    check_indexes(store)


def test_namespaces_are_isolated(store: Store) -> None:
    a = create(store, deploy("web", "a", {"app": "web"}, replicas=1))
    b = create(store, deploy("web", "b", {"app": "web"}, replicas=2))
    assert a["metadata"]["uid"] != b["metadata"]["uid"]
    with store.transaction() as tx:
        obj = tx.get("apps", "Deployment", "a", "web")
        obj["spec"]["replicas"] = 9
        tx.update(obj)
        tx.delete("apps", "Deployment", "b", "web")
    assert get(store, "apps", "Deployment", "a", "web")["spec"]["replicas"] == 9
    assert get(store, "apps", "Deployment", "b", "web") is None
    create(store, deploy("web", "b"))
    with store.read() as tx:
        assert [o["metadata"]["namespace"] for o in tx.list("apps", "Deployment")] == ["a", "b"]
        assert [o["metadata"]["namespace"] for o in tx.list("apps", "Deployment", match_labels={"app": "web"})] == ["a"]
        assert [o["spec"]["replicas"] for o in tx.list("apps", "Deployment", "a")] == [9]


def test_label_index_follows_label_changes(store: Store) -> None:
    create(store, deploy("x", labels={"app": "web", "tier": "fe"}))
    create(store, deploy("y", labels={"app": "web"}))

    def names(**sel: str) -> list[str]:
        with store.read() as tx:
            return [o["metadata"]["name"] for o in tx.list("apps", "Deployment", "default", match_labels=sel)]

    assert names(app="web") == ["x", "y"] and names(app="web", tier="fe") == ["x"]
    with store.transaction() as tx:
        x = tx.get("apps", "Deployment", "default", "x")
        x["metadata"]["labels"] = {"app": "db", "tier": "fe"}
        tx.update(x)
        y = tx.get("apps", "Deployment", "default", "y")
        y["metadata"]["labels"]["tier"] = "be"
        tx.update(y)
        assert [o["metadata"]["name"] for o in tx.list("apps", "Deployment", match_labels={"app": "web"})] == ["y"]
    assert names(app="web") == ["y"] and names(app="db") == ["x"] and names(tier="be") == ["y"]
    with store.transaction() as tx:
        x = tx.get("apps", "Deployment", "default", "x")
        del x["metadata"]["labels"]
        tx.update(x)
    assert names(app="db") == [] and names(tier="fe") == []
    check_indexes(store)


def test_resource_versions_increase_and_are_unique(store: Store) -> None:
    seen = all_rvs(store)
    last = max(seen)
    for i in range(5):
        o = create(store, configmap(f"c{i}", data={"i": str(i)}))
        rv = int(o["metadata"]["resourceVersion"])
        assert rv > last
        last = rv
    with store.transaction() as tx:  # several writes in one transaction: each gets its own
        rvs = []
        for i in range(5):
            o = tx.get("", "ConfigMap", "default", f"c{i}")
            o["data"]["i"] = "x"
            rvs.append(int(tx.update(o)["metadata"]["resourceVersion"]))
    assert rvs == sorted(set(rvs)) and rvs[0] > last
    assert len(set(all_rvs(store))) == len(all_rvs(store))


def test_failed_transaction_leaves_the_store_exactly_as_before(store: Store, dump: Callable) -> None:
    create(store, deploy("keep", labels={"app": "keep"}))
    create(store, deploy("gone", labels={"app": "gone"}))
    with store.transaction() as tx:
        tx.clear_work()
    before = dump(store)

    class Boom(Exception):
        pass

    with pytest.raises(Boom):
        with store.transaction() as tx:
            new = tx.create(deploy("new", labels={"app": "new"}))
            keep = tx.get("apps", "Deployment", "default", "keep")
            keep["metadata"]["labels"] = {"app": "changed"}
            keep["spec"]["replicas"] = 4
            tx.update(keep)
            tx.delete("apps", "Deployment", "default", "gone")
            tx.record_event(new, "Normal", "ScalingReplicaSet", "Scaled up", "deployment-controller")
            tx.wake_at(key_of(new), "2026-11-22T11:00:00Z")
            tx.meta_set("alloc/test/1", "x")
            raise Boom()
    assert dump(store) == before
    # The connection is usable afterwards and the counter did not move.
    made = create(store, deploy("after"))
    assert int(made["metadata"]["resourceVersion"]) == int(dict(before["meta"])["rv"]) + 1
    check_indexes(store)


def test_failed_statement_rolls_back_the_transaction(store: Store, dump: Callable) -> None:
    # A database error half-way (here: a duplicate primary key) must leave nothing behind either, and the
    # connection must stay usable (on PostgreSQL a failed statement aborts the transaction).
    before = dump(store)
    with pytest.raises(Exception):
        with store.transaction() as tx:
            tx.create(deploy("x"))
            tx.db.execute("INSERT INTO work (k) VALUES ('a')")
            tx.db.execute("INSERT INTO work (k) VALUES ('a')")
    assert dump(store) == before
    create(store, deploy("x"))


def test_work_queue_records_changes_once(store: Store) -> None:
    with store.transaction() as tx:
        tx.clear_work()
    with store.transaction() as tx:
        o = tx.create(deploy())
        o["spec"]["replicas"] = 2
        tx.update(o)
    with store.transaction() as tx:
        o = tx.get("apps", "Deployment", "default", "web")
        o["spec"]["replicas"] = 3
        tx.update(o)  # already queued: the insert must be ignored, not fail
        assert tx.pending_work() == [("apps", "Deployment", "default", "web")]


def test_read_is_a_snapshot(open_store: Callable[..., Store]) -> None:
    reader, writer = open_store("r"), open_store("w")
    create(writer, configmap("c", data={"v": "1"}))
    with reader.read() as tx:
        assert tx.get("", "ConfigMap", "default", "c")["data"] == {"v": "1"}
        with writer.transaction() as wtx:
            o = wtx.get("", "ConfigMap", "default", "c")
            o["data"]["v"] = "2"
            wtx.update(o)
            wtx.create(configmap("d"))
        # Readers never see half a command, nor a command that finished during the read.
        assert tx.get("", "ConfigMap", "default", "c")["data"] == {"v": "1"}
        assert tx.get("", "ConfigMap", "default", "d") is None
    assert get(reader, "", "ConfigMap", "default", "c")["data"] == {"v": "2"}


def test_statements_outside_a_transaction_leave_none_open(store: Store) -> None:
    # needs_reconcile() reads outside any transaction before the command's first write transaction.
    assert store.db.execute("SELECT 1") == [(1,)]
    with store.transaction() as tx:
        tx.create(deploy())
    with pytest.raises(Exception):
        store.db.execute("SELECT * FROM no_such_table")
    with store.transaction() as tx:
        assert tx.get("apps", "Deployment", "default", "web") is not None


def test_reopen_keeps_contents(open_store: Callable[..., Store]) -> None:
    a = open_store("a")
    made = create(a, deploy())
    b = open_store("b")
    assert get(b, "apps", "Deployment", "default", "web") == made
    assert len(all_objects(b)) == len(all_objects(a))


def test_newer_schema_version_is_refused(open_store: Callable[..., Store], store_url: str) -> None:
    s = open_store()
    with s.transaction() as tx:
        tx.meta_set("schema_version", str(dbmod.SCHEMA_VERSION + 1))
    s.close()
    with pytest.raises(StoreError) as ei:
        open_store()
    msg = str(ei.value)
    assert msg.startswith("error: the store ")
    assert msg.endswith(f"was written by a newer pykubectl (store schema version {dbmod.SCHEMA_VERSION + 1}; "
                        f"this pykubectl understands up to {dbmod.SCHEMA_VERSION}): upgrade pykubectl to use it")
    if "://" in store_url:
        # The message must not print the password of the URL (trust auth accepts any password).
        from pykubectl.env import Env

        url = store_url.replace("postgres@", "postgres:s3cret@")
        with pytest.raises(StoreError) as ei:
            Store.open(Env(store_url=url))
        assert "s3cret" not in str(ei.value) and "://***@" in str(ei.value)


def test_newer_schema_version_on_the_command_line(open_store: Callable[..., Store], store_url: str) -> None:
    from tests.conftest import Runner

    s = open_store()
    with s.transaction() as tx:
        tx.meta_set("schema_version", "99")
    s.close()
    r = Runner(store_url)("get pods")
    assert r.code == 1 and r.out == ""
    assert "Traceback" not in r.err and len(r.err.splitlines()) == 1
    assert r.err.startswith("error: the store ") and "store schema version 99" in r.err


def test_new_store_file_and_folder_modes(tmp_path: "os.PathLike[str]") -> None:
    """SQLite only: a store may hold Secrets, so a new one is private to its user."""
    from pykubectl.env import Env

    old = os.umask(0o022)
    try:
        path = os.path.join(str(tmp_path), "new", "deeper", "store.db")
        s = Store.open(Env(store_url=path))
        with s.transaction() as tx:
            tx.create(configmap("c"))
        for f in os.listdir(os.path.dirname(path)):  # the database and its -wal/-shm files
            assert stat.S_IMODE(os.stat(os.path.join(os.path.dirname(path), f)).st_mode) == 0o600, f
        s.close()
        assert stat.S_IMODE(os.stat(os.path.dirname(path)).st_mode) == 0o700
        assert stat.S_IMODE(os.stat(os.path.dirname(os.path.dirname(path))).st_mode) == 0o700
    finally:
        os.umask(old)


def test_a_new_store_file_appears_already_in_wal_mode(tmp_path: "os.PathLike[str]",
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Switching a file to WAL takes an exclusive lock the busy timeout does not wait for: when it happened after
    the file appeared, a second command using the new store at the same moment made the first one fail with
    "cannot open the store ...: database is locked" (about one race in ten in test_parallel's first use). So no
    one may open the file before it is in WAL mode."""
    import sqlite3

    from pykubectl.env import Env

    path = os.path.join(str(tmp_path), "store.db")
    headers: list[bytes] = []
    real = sqlite3.connect

    def spy(p: str, *a: Any, **k: Any) -> sqlite3.Connection:
        if p == path:
            with open(path, "rb") as f:
                headers.append(f.read(20))
        return real(p, *a, **k)

    monkeypatch.setattr(sqlite3, "connect", spy)
    Store.open(Env(store_url=path)).close()
    assert headers, "the store was not opened at its path"
    # Bytes 18 and 19 of the header are 2 for WAL (1 for a rollback journal); an empty file has no header yet.
    assert headers[0][:16] == b"SQLite format 3\x00" and headers[0][18:20] == b"\x02\x02"
    assert [f for f in os.listdir(str(tmp_path)) if f.endswith(".new")] == []


def test_long_names_and_label_values_fit_on_every_backend(store: Store) -> None:
    # The store keeps what validation let through, alike on SQLite (which ignores VARCHAR lengths) and PostgreSQL:
    # an event name is the object's name (up to 253) plus ".<16 hex digits>".
    name = "n" * 253
    with store.transaction() as tx:
        o = tx.create(configmap(name, labels={"k": "v" * 100}))
        tx.record_event(o, "Normal", "Reason", "message " * 200, "component")
    with store.read() as tx:
        assert tx.get("", "ConfigMap", "default", name)["metadata"]["labels"] == {"k": "v" * 100}
        assert len(tx.events_for(o["metadata"]["uid"])[0]["metadata"]["name"]) > 253
        assert [c["metadata"]["name"] for c in tx.list("", "ConfigMap", match_labels={"k": "v" * 100})] == [name]


def test_lists_sort_in_byte_order_whatever_the_database_collation() -> None:
    """On PostgreSQL the database's default collation may ignore punctuation (glibc's en_US does; here an ICU
    collation with alternate=shifted stands in for it), which sorted web1 before web-2. The API server lists in
    etcd key order, which is byte order, as SQLite compares."""
    why = pg_unavailable()
    if why:
        pytest.skip(why)
    import psycopg2

    from pykubectl.env import Env

    base = urlsplit(PG_URL)
    dbname = "pyk_coll_" + uuid.uuid4().hex[:10]
    admin = psycopg2.connect(host=base.hostname, port=base.port or 5432, user=base.username or "postgres",
                             dbname=base.path.lstrip("/") or "postgres", password=base.password)
    admin.autocommit = True
    try:
        admin.cursor().execute(f"CREATE DATABASE {dbname} TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu "
                               "ICU_LOCALE 'en-US-u-ka-shifted' LOCALE 'C.utf8'")
    except psycopg2.Error as e:
        admin.close()
        pytest.skip(f"cannot create a database with an ICU collation: {e}")
    try:
        s = Store.open(Env(store_url=PG_URL.rsplit("/", 1)[0] + "/" + dbname))
        try:
            names = ["weba", "web1", "web.a", "web-2"]
            for n in names:
                create(s, configmap(n, labels={"app": "x"}))
            with s.read() as tx:
                got = [c["metadata"]["name"] for c in tx.list("", "ConfigMap", "default", {"app": "x"})]
            assert got == sorted(names) == ["web-2", "web.a", "web1", "weba"]
        finally:
            s.close()
    finally:
        admin.cursor().execute(f"DROP DATABASE IF EXISTS {dbname} WITH (FORCE)")
        admin.close()


def test_postgresql_url_without_driver_uses_an_installed_one() -> None:
    pytest.importorskip("psycopg2")
    import importlib.util

    url = dbmod._with_driver("postgresql://u@h:5432/db?options=x")
    driver = "psycopg" if importlib.util.find_spec("psycopg") else "psycopg2"
    assert url == f"postgresql+{driver}://u@h:5432/db?options=x"
    assert dbmod._with_driver("postgres://u@h/db") == f"postgresql+{driver}://u@h/db"
    assert dbmod._with_driver("postgresql+psycopg2://u@h/db") == "postgresql+psycopg2://u@h/db"
    assert dbmod._with_driver("mysql://u@h/db") == "mysql://u@h/db"


# ---- the state machine ----------------------------------------------------------------------------------------

KINDS = [("apps", "Deployment"), ("", "ConfigMap")]
NAMESPACES = ["default", "a", "b"]
NAMES = ["web", "db", "x"]
label_dicts = st.dictionaries(st.sampled_from(["app", "tier"]), st.sampled_from(["web", "db"]), max_size=2)
payloads = st.integers(min_value=0, max_value=3)


def build(kind: tuple[str, str], ns: str, name: str, labels: dict, payload: int) -> dict:
    if kind == ("apps", "Deployment"):
        return deploy(name, ns, labels, replicas=payload)
    return configmap(name, ns, labels, {"v": str(payload)})


def user_part(obj: dict) -> tuple:
    return ((obj["metadata"].get("labels") or {}), obj.get("spec"), obj.get("data"))


class StoreMachine(RuleBasedStateMachine):
    """The store's objects against a dict keyed by (group, kind, namespace, name)."""

    def __init__(self, store: Store, dump: Callable) -> None:
        super().__init__()
        self.store = store
        self.dump = dump
        self.model: dict[tuple, dict] = {key_of(o): o for o in all_objects(store).values()}
        self.max_rv = max(all_rvs(store))
        self.old_rvs: dict[tuple, str] = {}  # a resourceVersion each key had before its latest write

    def _note_rv(self, rv: str) -> None:
        assert int(rv) > self.max_rv
        self.max_rv = int(rv)

    @rule(kind=st.sampled_from(KINDS), ns=st.sampled_from(NAMESPACES), name=st.sampled_from(NAMES),
          labels=label_dicts, payload=payloads)
    def create(self, kind: tuple, ns: str, name: str, labels: dict, payload: int) -> None:
        k = (kind[0], kind[1], ns, name)
        obj = build(kind, ns, name, labels, payload)
        if k in self.model:
            with pytest.raises(AlreadyExists):
                create(self.store, obj)
            return
        made = create(self.store, obj)
        self._note_rv(made["metadata"]["resourceVersion"])
        assert user_part(made) == user_part(obj)
        if kind == ("apps", "Deployment"):
            assert made["metadata"]["generation"] == 1
        self.model[k] = made

    @rule(kind=st.sampled_from(KINDS), ns=st.sampled_from(NAMESPACES), name=st.sampled_from(NAMES),
          labels=label_dicts, payload=payloads, stale=st.booleans())
    def update(self, kind: tuple, ns: str, name: str, labels: dict, payload: int, stale: bool) -> None:
        k = (kind[0], kind[1], ns, name)
        if k not in self.model:
            with pytest.raises(NotFound):
                with self.store.transaction() as tx:
                    tx.update(build(kind, ns, name, labels, payload))
            return
        cur = self.model[k]
        new = copy.deepcopy(cur)
        new["metadata"]["labels"] = dict(labels)
        if not labels:
            del new["metadata"]["labels"]
        fresh = build(kind, ns, name, labels, payload)
        for f in ("spec", "data"):
            if f in fresh:
                new[f] = fresh[f]
        if stale and k in self.old_rvs:
            new["metadata"]["resourceVersion"] = self.old_rvs[k]
            before = self.dump(self.store)
            with pytest.raises(Conflict):
                with self.store.transaction() as tx:
                    tx.update(new)
            assert self.dump(self.store) == before
            return
        with self.store.transaction() as tx:
            res = tx.update(new)
        if user_part(new) == user_part(cur):
            assert res["metadata"]["resourceVersion"] == cur["metadata"]["resourceVersion"]
            assert res == cur
            return
        self._note_rv(res["metadata"]["resourceVersion"])
        assert res["metadata"]["uid"] == cur["metadata"]["uid"]
        assert res["metadata"]["creationTimestamp"] == cur["metadata"]["creationTimestamp"]
        if kind == ("apps", "Deployment"):
            bump = new["spec"] != cur["spec"]
            assert res["metadata"]["generation"] == cur["metadata"]["generation"] + bump
        self.old_rvs[k] = cur["metadata"]["resourceVersion"]
        self.model[k] = res

    @rule(kind=st.sampled_from(KINDS), ns=st.sampled_from(NAMESPACES), name=st.sampled_from(NAMES))
    def delete(self, kind: tuple, ns: str, name: str) -> None:
        k = (kind[0], kind[1], ns, name)
        if k not in self.model:
            with pytest.raises(NotFound):
                with self.store.transaction() as tx:
                    tx.delete(*k)
            return
        with self.store.transaction() as tx:
            tx.delete(*k)
        del self.model[k]
        self.old_rvs.pop(k, None)

    @precondition(lambda self: bool(self.model))
    @rule(kind=st.sampled_from(KINDS), ns=st.sampled_from(NAMESPACES), name=st.sampled_from(NAMES),
          labels=label_dicts)
    def failed_transaction(self, kind: tuple, ns: str, name: str, labels: dict) -> None:
        before = self.dump(self.store)
        with pytest.raises(ZeroDivisionError):
            with self.store.transaction() as tx:
                k = (kind[0], kind[1], ns, name)
                if k in self.model:
                    tx.delete(*k)
                else:
                    tx.create(build(kind, ns, name, labels, 1))
                tx.record_event(next(iter(self.model.values())), "Normal", "Test", "m", "test")
                1 / 0
        assert self.dump(self.store) == before

    @invariant()
    def gets_match(self) -> None:
        with self.store.read() as tx:
            for kind in KINDS:
                for ns in NAMESPACES:
                    for name in NAMES:
                        assert tx.get(kind[0], kind[1], ns, name) == self.model.get((kind[0], kind[1], ns, name))

    @invariant()
    def lists_are_filters(self) -> None:
        def want(kind: tuple, ns: str | None, sel: dict | None) -> list[dict]:
            out = [o for k, o in self.model.items() if (k[0], k[1]) == kind and (ns is None or k[2] == ns)
                   and all((o["metadata"].get("labels") or {}).get(lk) == lv for lk, lv in (sel or {}).items())]
            return sorted(out, key=lambda o: (o["metadata"].get("namespace", ""), o["metadata"]["name"]))

        with self.store.read() as tx:
            for kind in KINDS:
                for ns in [None, *NAMESPACES]:
                    for sel in [None, {"app": "web"}, {"app": "web", "tier": "db"}, {"tier": "web"}]:
                        assert tx.list(kind[0], kind[1], ns, match_labels=sel) == want(kind, ns, sel)

    @invariant()
    def indexes_and_versions(self) -> None:
        check_indexes(self.store)
        rvs = all_rvs(self.store)
        assert len(rvs) == len(set(rvs))
        assert max(rvs) <= self.max_rv


def test_store_state_machine(store: Store, dump: Callable, store_url: str) -> None:
    # Bounded so the suite stays fast: every step also checks all invariants against the whole store. Each example
    # continues on the same store (the model starts from what is there), which also exercises a non-empty store.
    examples = 20 if "://" not in store_url else 10
    run_state_machine_as_test(
        lambda: StoreMachine(store, dump),
        settings=settings(max_examples=examples, stateful_step_count=15, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow]),
    )
