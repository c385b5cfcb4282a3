"""The pod_rows index (store schema 5): what the pod table shows of each pod less the time, written with every pod
write, so that `get pods` of 100,000 pods prints its table without reading or parsing their bodies.

Each test compares the index with what the bodies say (store.pod_row of the stored pod) or get's output from the
index with the output from the bodies (printers.table.print_table of the objects)."""

from __future__ import annotations

import json
import os
import random
import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

from pykubectl.env import Env, parse_time
from pykubectl.printers.table import PodTableRows, print_table
from pykubectl.store.store import Store, pod_row
from tests.conftest import Runner
from tests.robustness.test_storecmd import migrated_from, populated

NOW = parse_time("2026-11-22T10:00:00Z")


def _index_and_bodies(store: Store) -> tuple[dict[str, tuple], dict[str, tuple]]:
    """Per pod name: its pod_rows row, and the row its stored body gives."""
    have = {r[0]: tuple(r[1:]) for r in store.db.execute(
        "SELECT o.name, r.ready, r.status, r.restarts, r.last_restart, r.created, r.ip, r.node, r.nominated, r.gates, "
        "r.labels FROM pod_rows r JOIN objects o ON o.id = r.obj")}
    want = {n: pod_row(json.loads(b)) for n, b in store.db.execute(
        "SELECT name, body FROM objects WHERE grp = '' AND kind = 'Pod'")}
    return have, want


def _tables_agree(store: Store, **flags: object) -> str:
    """get's pod table from the index and from the bodies: asserted equal; returned."""
    with store.read() as tx:
        from_index = print_table(PodTableRows(tx.iter_pod_rows(None)), "Pod", now=NOW, **flags)  # type: ignore[arg-type]
        from_bodies = print_table(tx.iter_list("", "Pod"), "Pod", now=NOW, **flags)  # type: ignore[arg-type]
    assert from_index == from_bodies
    return from_index


def _pod(name: str, phase: str, ready: bool, restarts: int, labels: dict) -> dict:
    cs: dict = {"name": "c", "ready": ready, "restartCount": restarts,
                "state": {"running": {}} if phase == "Running" else {"waiting": {"reason": "ContainerCreating"}}}
    if restarts:
        cs["lastState"] = {"terminated": {"exitCode": 1, "finishedAt": "2026-11-22T09:58:00Z"}}
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name, "namespace": "default", "labels": labels},
            "spec": {"containers": [{"name": "c", "image": "nginx"}]},
            "status": {"phase": phase, "containerStatuses": [cs]}}


STEP = st.tuples(st.sampled_from(["create", "update", "take", "delete", "read"]), st.integers(0, 5),
                 st.sampled_from(["Pending", "Running", "Failed"]), st.booleans(), st.integers(0, 2),
                 st.sampled_from([{"app": "web"}, {"app": "web", "tier": "x"}]), st.booleans())


@settings(max_examples=40, deadline=None)
@given(before=st.lists(st.integers(0, 5), max_size=4, unique=True), steps=st.lists(STEP, min_size=1, max_size=25))
def test_index_follows_every_kind_of_pod_write(tmp_path_factory, before: list[int], steps: list) -> None:
    """Creates and updates with and without handoff (the body kept as the writer's object, or serialised), objects
    taken and written back, deletes, and reads between them (which write the buffered pods out): after each
    transaction, and at each read within one, every pod's index row is what its body says."""
    env = Env(store_url=str(tmp_path_factory.mktemp("s") / "store.db"), frozen_now=NOW, rand=random.Random(1))
    store = Store.open(env)
    try:
        with store.transaction() as tx:
            for i in before:
                tx.create(_pod(f"p{i}", "Running", True, 0, {"app": "web"}))
        with store.transaction() as tx:
            for op, i, phase, ready, restarts, labels, handoff in steps:
                name = f"p{i}"
                k = ("", "Pod", "default", name)
                if op == "create" and not tx.exists(k):
                    tx.create(_pod(name, phase, ready, restarts, labels), handoff=handoff)
                elif op in ("update", "take") and tx.exists(k):
                    cur = tx.take(k) if op == "take" else tx.get("", "Pod", "default", name)
                    assert cur is not None
                    cur["status"] = _pod(name, phase, ready, restarts, labels)["status"]
                    cur["metadata"]["labels"] = labels
                    tx.update(cur, handoff=handoff, changed=handoff)
                elif op == "delete" and tx.exists(k):
                    tx.delete("", "Pod", "default", name)
                elif op == "read":
                    rows = list(tx.iter_pod_rows(None))
                    bodies = list(tx.iter_list("", "Pod"))
                    assert [r[2:] for r in rows] == [pod_row(o) for o in bodies]
        have, want = _index_and_bodies(store)
        assert have == want
        _tables_agree(store, wide=True, show_labels=True, namespace_column=True)
    finally:
        store.close()


def test_get_pods_prints_what_the_bodies_give(run: Runner) -> None:
    """Pods made by the CLI: each table flag of get from the index against print_table of the bodies; set-based
    selectors (checked on the index row's labels) select what they select of the bodies."""
    assert run("create deployment web --image=nginx --replicas=3").code == 0
    assert run("run solo --image=busybox --labels=app=solo,tier=x").code == 0
    assert run("label pod solo extra=yes").code == 0
    store = Store.open(Env(store_url=run.store, frozen_now=NOW))
    try:
        for flags in ({}, {"wide": True}, {"show_labels": True, "namespace_column": True},
                      {"label_columns": ("app", "tier")}, {"no_headers": True, "wide": True},
                      {"show_kind": True, "kind_prefix": "pod"}):
            assert _tables_agree(store, **flags)
        with store.read() as tx:
            bodies = list(tx.iter_list("", "Pod"))
    finally:
        store.close()
    for sel, want in (("!tier", [o for o in bodies if "tier" not in o["metadata"]["labels"]]),
                      ("tier in (x)", [o for o in bodies if o["metadata"]["labels"].get("tier") == "x"]),
                      ("app=web", [o for o in bodies if o["metadata"]["labels"]["app"] == "web"])):
        got = run(["get", "pods", "-l", sel, "--no-headers"])
        assert got.code == 0, got.err
        assert [line.split()[0] for line in got.out.splitlines()] == [o["metadata"]["name"] for o in want]
        assert want


def test_a_pod_without_its_row_is_printed_from_its_body(run: Runner) -> None:
    assert run("create deployment web --image=nginx --replicas=2").code == 0
    before = run("get pods -o wide --show-labels").out
    conn = sqlite3.connect(run.store)
    conn.execute("DELETE FROM pod_rows WHERE obj = (SELECT MIN(obj) FROM pod_rows)")
    conn.commit()
    conn.close()
    assert run("get pods -o wide --show-labels").out == before
    r = run("store check")
    assert r.code == 1 and "pod_rows: Pod default/web-" in r.out and "index row None, the pod says" in r.out


def test_check_finds_a_stale_row(run: Runner) -> None:
    assert run("create deployment web --image=nginx --replicas=2").code == 0
    assert run("store check").code == 0
    conn = sqlite3.connect(run.store)
    conn.execute("UPDATE pod_rows SET status = 'Stale' WHERE rowid = (SELECT MIN(rowid) FROM pod_rows)")
    conn.commit()
    conn.close()
    r = run("store check")
    assert r.code == 1 and "pod_rows: Pod default/web-" in r.out and "the pod says" in r.out


def test_rows_follow_the_pods_lifecycle(run: Runner) -> None:
    """Scale up and down, a delete, a label change, a node's pods evicted: `store check` compares every row."""
    assert run("create deployment web --image=nginx --replicas=4").code == 0
    assert run("scale deployment web --replicas=2").code == 0
    pod = run("get pods -o name").out.split()[0]
    assert run(f"label {pod} extra=yes").code == 0
    assert run(f"delete {pod}").code == 0
    assert run("scale deployment web --replicas=5").code == 0
    r = run("store check")
    assert r.code == 0, r.out
    assert len(run("get pods --no-headers").out.splitlines()) == 5


def test_migrate_4_to_5_builds_the_index(tmp_path: "os.PathLike[str]") -> None:
    url = os.path.join(str(tmp_path), "v4.db")
    run = Runner(url)
    populated(run)
    conn = sqlite3.connect(url)
    want = sorted(conn.execute("SELECT * FROM pod_rows").fetchall())
    conn.close()
    assert len(want) == 2
    before = run("get pods -A -o wide --show-labels").out
    out = migrated_from(run, url, 4, "DROP TABLE pod_rows")
    assert out.splitlines()[0].startswith("migrated store schema version 4 -> 5: ")
    conn = sqlite3.connect(url)
    assert sorted(conn.execute("SELECT * FROM pod_rows").fetchall()) == want
    conn.close()
    assert run("store check").code == 0
    assert run("get pods -A -o wide --show-labels").out == before


def test_index_on_each_backend(store: Store) -> None:
    """SQLite and PostgreSQL: the rows written, the index read in list order, and the tables it prints."""
    with store.transaction() as tx:
        for i, (phase, restarts) in enumerate([("Running", 0), ("Pending", 0), ("Running", 2), ("Failed", 1)]):
            tx.create(_pod(f"p{3 - i}", phase, phase == "Running", restarts, {"app": "web", "n": str(i)}),
                      handoff=bool(i % 2))
    have, want = _index_and_bodies(store)
    assert have == want and len(have) == 4
    with store.read() as tx:
        assert [r[1] for r in tx.iter_pod_rows("default", {"app": "web"})] == ["p0", "p1", "p2", "p3"]
        assert list(tx.iter_pod_rows("other")) == []
    assert "2 (2m ago)" in _tables_agree(store, wide=True, show_labels=True, namespace_column=True)
    _tables_agree(store, label_columns=("n",))
