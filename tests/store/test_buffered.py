"""Buffered writes (Tx keeps created and updated rows, their index rows and meta rows in memory until commit or
until SQL reads them): every way of reading inside the transaction sees them, a rollback leaves nothing, and what
is committed is what an unbuffered store would hold. Runs on SQLite and PostgreSQL (conftest.py)."""

from __future__ import annotations

import json

import pytest

from pykubectl.store.store import Store
from tests.store.test_store import check_indexes, configmap


def pod(name: str, node: str | None = None, labels: dict | None = None, owner: str | None = None) -> dict:
    md: dict = {"name": name, "namespace": "default", "labels": dict(labels or {"app": "web"})}
    if owner:
        md["ownerReferences"] = [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "rs", "uid": owner,
                                  "controller": True}]
    spec: dict = {"containers": [{"name": "c", "image": "nginx",
                                  "resources": {"requests": {"cpu": "100m", "memory": "64Mi"}}}]}
    if node:
        spec["nodeName"] = node
    return {"apiVersion": "v1", "kind": "Pod", "metadata": md, "spec": spec, "status": {"phase": "Pending"}}


def test_reads_inside_the_transaction_see_buffered_writes(store: Store) -> None:
    with store.transaction() as tx:
        tx.create(pod("a", owner="rs-uid"))
        p = tx.get_key(("", "Pod", "default", "a"))
        p["spec"]["nodeName"] = "node-1"
        p["metadata"]["labels"]["tier"] = "front"
        tx.update(p)
        # SQL-backed reads: lists by label, owner look-ups, uid look-ups, counts, per-node usage, raw SQL.
        assert [o["metadata"]["name"] for o in tx.list("", "Pod", "default", match_labels={"tier": "front"})] == ["a"]
        assert [o["metadata"]["name"] for o in tx.list_owned("rs-uid")] == ["a"]
        assert [o["metadata"]["name"] for o in tx.peek_owned("rs-uid")] == ["a"]
        assert tx.get_by_uid(p["metadata"]["uid"])["spec"]["nodeName"] == "node-1"
        assert tx.count("", "Pod") == 1
        assert tx.node_usage()["node-1"] == (100, 64 * 2**20, 1)
        body = tx.db.execute("SELECT body FROM objects WHERE kind = 'Pod' AND name = 'a'")[0][0]
        assert json.loads(body)["metadata"]["labels"] == {"app": "web", "tier": "front"}
        # Written now; a later update is buffered again and must replace the index rows written.
        p = tx.get_key(("", "Pod", "default", "a"))
        p["metadata"]["labels"] = {"app": "db"}
        p["spec"]["nodeName"] = "node-2"
        tx.update(p)
    check_indexes(store)
    with store.read() as tx:
        assert tx.list("", "Pod", "default", match_labels={"tier": "front"}) == []
        assert tx.node_usage() == {"node-2": (100, 64 * 2**20, 1)}


def test_a_row_created_and_deleted_in_one_transaction_leaves_nothing(store: Store) -> None:
    with store.transaction() as tx:
        tx.create(pod("gone", node="node-1", owner="rs-uid"))
        tx.delete("", "Pod", "default", "gone")
        tx.create(configmap("kept"))
    with store.read() as tx:
        assert tx.get("", "Pod", "default", "gone") is None
        assert tx.node_usage() == {}
        assert tx.get("", "ConfigMap", "default", "kept") is not None
    assert store.db.execute("SELECT COUNT(*) FROM owners")[0][0] == 0
    check_indexes(store)


def test_rollback_drops_buffered_writes(store: Store) -> None:
    before = store.db.execute("SELECT COUNT(*) FROM objects")[0][0]
    with pytest.raises(RuntimeError):
        with store.transaction() as tx:
            tx.create(configmap("x"))
            tx.meta_set("test/k", "v")
            raise RuntimeError("boom")
    assert store.db.execute("SELECT COUNT(*) FROM objects")[0][0] == before
    assert store.db.execute("SELECT v FROM meta WHERE k = 'test/k'") == []


def test_meta_rows_are_cached_buffered_and_preloaded(store: Store) -> None:
    with store.transaction() as tx:
        tx.meta_set("alloc/x/1", "a")
        tx.meta_set("alloc/x/2", "b")
    with store.transaction() as tx:
        tx.meta_preload("alloc/x/")
        assert tx.meta_get("alloc/x/1") == "a"
        assert tx.meta_get("alloc/x/3", "none") == "none"  # absent under a preloaded prefix
        tx.meta_delete("alloc/x/1")
        tx.meta_set("alloc/x/3", "c")
        assert tx.meta_get("alloc/x/1") is None
        assert tx.meta_prefixed("alloc/x/") == [("alloc/x/2", "b"), ("alloc/x/3", "c")]
        # Raw SQL sees the buffered rows, and the cache forgets what raw SQL may have changed.
        assert tx.db.execute("SELECT v FROM meta WHERE k = 'alloc/x/3'") == [("c",)]
        tx.db.execute("UPDATE meta SET v = 'z' WHERE k = 'alloc/x/3'")
        assert tx.meta_get("alloc/x/3") == "z"
    rows = store.db.execute("SELECT k, v FROM meta WHERE k LIKE 'alloc/x/%' ORDER BY k")
    assert [tuple(r) for r in rows] == [("alloc/x/2", "b"), ("alloc/x/3", "z")]


def test_a_preloaded_prefix_covers_its_keys_only_until_raw_sql(store: Store) -> None:
    with store.transaction() as tx:
        tx.meta_set("kubelet/ns/a", "1")
        tx.meta_set("pulled/n1/img", "1")
        tx.meta_set("pulledx", "other")
    with store.transaction() as tx:
        tx.meta_preload("kubelet/")
        tx.meta_preload("pulled/n1/")
        queries: list[str] = []
        real = tx._db.execute
        tx._db.execute = lambda sql, params=None: queries.append(sql) or real(sql, params)  # type: ignore[method-assign]
        assert tx.meta_get("kubelet/ns/a") == "1" and tx.meta_get("kubelet/other/b") is None
        assert tx.meta_get("pulled/n1/nope") is None
        assert queries == []  # all under a preloaded prefix
        assert tx.meta_get("pulledx") == "other" and tx.meta_get("pulled/n2/img") is None
        assert len(queries) == 2  # not under one: looked up
        del tx._db.execute
        # raw SQL makes the preloaded prefixes unknown again, though as many others are preloaded after it
        tx.db.execute("INSERT INTO meta (k, v) VALUES ('kubelet/ns/new', 'raw')")
        tx.meta_preload("alloc/a/")
        tx.meta_preload("alloc/b/")
        assert tx.meta_get("kubelet/ns/new") == "raw"


def test_take_returns_a_handed_over_object_once_and_copies_otherwise(store: Store) -> None:
    k = ("", "ConfigMap", "default", "c")
    with store.transaction() as tx:
        obj = tx.create(configmap("c", data={"a": "1"}), handoff=True)
        assert tx.peek(k) is obj  # shared for reading
        taken = tx.take(k)
        assert taken is obj  # handed over: no copy
        taken["data"]["a"] = "2"  # changed but not written: readers must see the stored version
        assert tx.peek(k)["data"] == {"a": "1"} and tx.peek(k) is not obj
        again = tx.take(k)
        assert again is not obj and again["data"] == {"a": "1"}
        again["data"]["a"] = "3"
        tx.update(again)  # not handed over: the next take parses a copy
        assert tx.take(k) is not again
    with store.read() as tx:
        assert tx.get(*k)["data"] == {"a": "3"}


def test_reads_by_owner_and_kind_see_a_buffered_update_of_a_stored_row(store: Store) -> None:
    with store.transaction() as tx:
        tx.create(pod("a", owner="rs-uid"))
        tx.create(configmap("other"))
    with store.transaction() as tx:
        p = tx.get_key(("", "Pod", "default", "a"))
        p["metadata"]["labels"]["v"] = "2"  # same owner: its owner index row does not change
        tx.update(p)
        tx.list("", "ConfigMap", "default")  # another kind: need not write the pod out
        assert [o["metadata"]["labels"].get("v") for o in tx.list_owned("rs-uid")] == ["2"]
        q = tx.get_key(("", "Pod", "default", "a"))
        q["metadata"]["ownerReferences"][0]["uid"] = "rs-2"
        tx.update(q)
        assert tx.peek_owned("rs-uid") == []
        assert [o["metadata"]["name"] for o in tx.peek_owned("rs-2")] == ["a"]
        assert [o["metadata"]["labels"]["v"] for o in tx.list("", "Pod", "default", {"v": "2"})] == ["2"]
    check_indexes(store)


def test_exists_after_many_misses_reads_the_scope_once_and_stays_right(store: Store) -> None:
    with store.transaction() as tx:
        tx.create(configmap("stored"))
        tx.create(configmap("doomed"))
    with store.transaction() as tx:
        tx.delete("", "ConfigMap", "default", "doomed")
        for i in range(100):  # past the point where the namespace's names are read at once
            assert not tx.exists(("", "ConfigMap", "default", f"absent-{i}"))
        tx.create(configmap("new"))
        assert tx.exists(("", "ConfigMap", "default", "stored"))
        assert tx.exists(("", "ConfigMap", "default", "new"))
        assert not tx.exists(("", "ConfigMap", "default", "doomed"))
        assert not tx.exists(("", "ConfigMap", "other", "stored"))


def test_peek_owned_reads_only_the_rows_it_does_not_hold_at_their_stored_version(store: Store) -> None:
    # 1,203 pods from an earlier transaction: more than one chunk of the by-id read, in name order.
    names = [f"p{i:04d}" for i in range(1203)]
    with store.transaction() as tx:
        for n in names:
            tx.create(pod(n, owner="rs-uid"))
        tx.create(pod("other", owner="rs-2"))
    with store.transaction() as tx:
        first = tx.peek_owned("rs-uid")
        assert [o["metadata"]["name"] for o in first] == names
        assert all(o["metadata"]["ownerReferences"][0]["uid"] == "rs-uid" for o in first)
        # Unchanged since: the very same parsed objects, not re-read.
        again = tx.peek_owned("rs-uid")
        assert all(a is b for a, b in zip(first, again)) and len(again) == len(first)
        # One changed by this transaction, one changed behind the cache's back with raw SQL: both seen anew.
        p = tx.get_key(("", "Pod", "default", "p0005"))
        p["spec"]["nodeName"] = "node-1"
        tx.update(p)
        raw = json.loads(tx.db.execute("SELECT body FROM objects WHERE name = 'p0007'")[0][0])
        raw["metadata"]["labels"]["raw"] = "yes"
        raw["metadata"]["resourceVersion"] = "999999"
        tx.db.execute("UPDATE objects SET body = :b, rv = 999999 WHERE name = 'p0007'", {"b": json.dumps(raw)})
        third = tx.peek_owned("rs-uid")
        by = {o["metadata"]["name"]: o for o in third}
        assert by["p0005"]["spec"]["nodeName"] == "node-1"
        assert by["p0007"]["metadata"]["labels"]["raw"] == "yes"
        assert by["p0006"] is first[6]
        # A row read this way is known to later writes: updating it needs no second look-up and conflicts as usual.
        q = json.loads(json.dumps(by["p0009"]))
        q["metadata"]["labels"]["x"] = "1"
        tx.update(q)
    with store.read() as tx:
        assert tx.get("", "Pod", "default", "p0009")["metadata"]["labels"]["x"] == "1"
        assert tx.get("", "Pod", "default", "p0007")["metadata"]["labels"]["raw"] == "yes"


def _stored(store: Store, name: str) -> tuple[int, str]:
    with store.read() as tx:
        rv, body = tx.db.execute("SELECT rv, body FROM objects WHERE kind = 'Pod' AND name = :n", {"n": name})[0]
    return int(rv), body


def test_handed_over_bodies_are_serialised_once_when_needed_and_as_the_object_is(store: Store) -> None:
    from pykubectl.store import store as stmod

    encoded: list[str] = []
    real = stmod.Tx._encode

    def counting(self, obj, kind):  # type: ignore[no-untyped-def]
        encoded.append(obj["metadata"]["name"])
        return real(self, obj, kind)

    stmod.Tx._encode = counting  # type: ignore[method-assign]
    try:
        with store.transaction() as tx:
            k = ("", "Pod", "default", "a")
            created = tx.create(pod("a", owner="rs-uid"), handoff=True)
            assert encoded == []  # not serialised: nobody needed the text yet
            shared = tx.peek(k)
            assert shared is created
            bound = {**shared, "metadata": {**shared["metadata"]}, "spec": {**shared["spec"], "nodeName": "n1"}}
            tx.update(bound, handoff=True, changed=True)
            assert encoded == [] and tx.peek(k) is bound
            started = {**bound, "metadata": {**bound["metadata"]}, "status": {"phase": "Running"}}
            tx.update(started, handoff=True, changed=True)
            rv_started = started["metadata"]["resourceVersion"]
            # the same content again, not marked changed: compared with the version not serialised yet, a no-op
            again = json.loads(json.dumps(started))
            tx.update(again)
            assert again["metadata"]["resourceVersion"] == rv_started
            assert encoded == ["a", "a"]  # the stored version (to compare with) and the candidate
            # a copy read now is the latest version
            assert tx.get_key(k)["status"] == {"phase": "Running"} and tx.get_key(k)["spec"]["nodeName"] == "n1"
    finally:
        stmod.Tx._encode = real  # type: ignore[method-assign]
    rv, body = _stored(store, "a")
    assert str(rv) == rv_started
    assert body == stmod._dumps(started)  # the bytes an eager serialisation writes: sorted keys, compact


def test_take_of_a_body_not_serialised_yet_keeps_the_stored_version(store: Store) -> None:
    # A taker may change the object it takes and then not write it: the stored version must stay as it was.
    with store.transaction() as tx:
        k = ("", "Pod", "default", "b")
        tx.create(pod("b", owner="rs-uid"), handoff=True)
        taken = tx.take(k)
        taken["spec"]["nodeName"] = "never-written"
        taken["metadata"]["labels"]["x"] = "y"
        assert "nodeName" not in tx.get_key(k)["spec"]
        assert [p["metadata"]["labels"] for p in tx.list_owned("rs-uid")] == [{"app": "web"}]
    rv, body = _stored(store, "b")
    assert "never-written" not in body
    check_indexes(store)


def test_a_change_marked_changed_is_written_with_its_indexes(store: Store) -> None:
    with store.transaction() as tx:
        k = ("", "Pod", "default", "c")
        tx.create(pod("c", owner="rs-uid"))
    with store.transaction() as tx:
        p = tx.take(k)
        p["spec"]["nodeName"] = "node-1"
        p["metadata"]["labels"] = {"app": "db"}
        tx.update(p, handoff=True, changed=True)
        assert tx.node_usage()["node-1"] == (100, 64 * 2**20, 1)
        assert [o["metadata"]["name"] for o in tx.list("", "Pod", "default", match_labels={"app": "db"})] == ["c"]
    check_indexes(store)
    with store.read() as tx:
        assert tx.get_key(k)["spec"]["nodeName"] == "node-1"


def test_execute_rows_binds_tuples_by_the_order_of_the_named_parameters(store: Store) -> None:
    from pykubectl.store import db as dbmod

    sql = "INSERT INTO meta (k, v) VALUES (:k, :v)"
    assert dbmod._param_names("UPDATE x SET a = :b, c = :a WHERE d = :b AND e = '::x'") == ("b", "a")
    assert dbmod._positional(sql) == "INSERT INTO meta (k, v) VALUES (?1, ?2)"
    with store.transaction() as tx:
        tx.db.execute_rows(sql, [("rows/1", "one"), ("rows/2", "two")])
        tx.db.execute_rows("UPDATE meta SET v = :v WHERE k = :k", [("uno", "rows/1")])
    with store.read() as tx:
        assert tx.meta_prefixed("rows/") == [("rows/1", "uno"), ("rows/2", "two")]
