"""The pod_states index (store schema 4): what a controller counts and ranks of the pods it owns, kept with every
pod write, so that a one-pod change of a workload of 100,000 pods reads an index instead of the pods.

The deletion order is the ReplicaSet controller's (controller.ActivePods as pykubectl ranks pods): unscheduled
before scheduled, Pending < Unknown < Running, not ready before ready, more restarts first, then the youngest."""

from __future__ import annotations

import json
import os
import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

from pykubectl.store.store import Store, pod_state
from tests.conftest import Runner
from tests.robustness.test_storecmd import migrated_from, populated

OWNER = {"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-1", "uid": "rs-uid", "controller": True,
         "blockOwnerDeletion": True}


def _pod(name: str, created: str, node: str | None, phase: str, ready: bool, restarts: int,
         labels: dict | None = None, deleting: bool = False) -> dict:
    """A pod of the replica set; ``created``: when the store should say it was created."""
    md: dict = {"name": name, "namespace": "default", "ownerReferences": [OWNER], "labels": labels or {"app": "web"}}
    if deleting:
        md["deletionTimestamp"] = "2026-11-22T10:00:00Z"
    if created:
        md["annotations"] = {"created": created}
    spec: dict = {"containers": [{"name": "c", "image": "nginx"}]}
    if node:
        spec["nodeName"] = node
    return {"apiVersion": "v1", "kind": "Pod", "metadata": md, "spec": spec,
            "status": {"phase": phase, "conditions": [{"type": "Ready", "status": "True" if ready else "False"}],
                       "containerStatuses": [{"name": "c", "restartCount": restarts}]}}


def _full_scan_order(pods: list[dict]) -> list[str]:
    """The order a scan of every pod gives (what the controller did before the index)."""
    def rank(p: dict) -> tuple:
        s = pod_state(p)
        assert s is not None
        _, _, scheduled, phase, ready, restarts, created, name, _ = s
        return (scheduled, phase, ready, -restarts, [-ord(c) for c in created], [-ord(c) for c in name])
    return [p["metadata"]["name"] for p in sorted((p for p in pods if pod_state(p)[1]), key=rank)]  # type: ignore[index]


POD = st.builds(
    lambda i, sec, node, phase, ready, restarts, deleting: _pod(
        f"web-1-{i:05d}", f"2026-11-22T09:{sec // 60:02d}:{sec % 60:02d}Z", node, phase, ready, restarts,
        deleting=deleting),
    st.integers(0, 99999), st.integers(0, 3599), st.sampled_from([None, "n1", "n2"]),
    st.sampled_from(["Pending", "Running", "Unknown", "Succeeded", "Failed"]), st.booleans(), st.integers(0, 3),
    st.booleans())


@settings(max_examples=25, deadline=None)
@given(pods=st.lists(POD, min_size=1, max_size=30, unique_by=lambda p: p["metadata"]["name"]), take=st.integers(1, 30))
def test_deletion_order_from_the_index_is_the_full_scan_order(tmp_path_factory, pods: list[dict], take: int) -> None:
    import random

    from pykubectl.env import Env, parse_time

    env = Env(store_url=str(tmp_path_factory.mktemp("s") / "store.db"), frozen_now=parse_time("2026-11-22T10:00:00Z"),
              rand=random.Random(1))
    store = Store.open(env)
    try:
        for p in pods:  # each created at its own time (the store sets creationTimestamp from the clock)
            env.frozen_now = parse_time(p["metadata"]["annotations"]["created"])
            with store.transaction() as tx:
                tx.create(json.loads(json.dumps(p)))
        with store.transaction() as tx:
            stored = [tx.get("", "Pod", "default", p["metadata"]["name"]) for p in pods]
            got = [n for _, n, _, _ in tx.owned_pods_to_delete("rs-uid", take)]
            census = tx.owned_pod_census("rs-uid")
        assert got == _full_scan_order(stored)[:take]  # type: ignore[arg-type]
        active = [p for p in stored if pod_state(p)[1]]  # type: ignore[arg-type,index]
        assert sum(n for _, n, _ in census) == len(active)
        assert sum(r for _, _, r in census) == sum(pod_state(p)[4] for p in active)  # type: ignore[arg-type,index]
    finally:
        store.close()


def test_rows_follow_pod_writes_and_deletes(store: Store) -> None:
    with store.transaction() as tx:
        tx.create(_pod("a", "", None, "Pending", False, 0))
        tx.create(_pod("b", "", "n1", "Running", True, 0))
        tx.create({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "bare", "namespace": "default"},
                   "spec": {"containers": []}})  # no controller: no row
    with store.transaction() as tx:
        assert sorted(tx.owned_pod_census("rs-uid")) == [('{"app":"web"}', 2, 1)]
        a = tx.get("", "Pod", "default", "a")
        assert a is not None
        a["status"]["phase"] = "Succeeded"
        tx.update(a)
        # a buffered write is seen by the next count (the count writes it out first)
        assert tx.owned_pod_census("rs-uid") == [('{"app":"web"}', 1, 1)]
    with store.transaction() as tx:
        tx.delete("", "Pod", "default", "b")
        assert tx.owned_pod_census("rs-uid") == []
    rows = store.db.execute("SELECT name, active FROM pod_states")
    assert [(n, int(a)) for n, a in rows] == [("a", 0)]


def test_check_finds_a_stale_row(run: Runner) -> None:
    assert run("create deployment web --image=nginx --replicas=2").code == 0
    assert run("store check").code == 0
    conn = sqlite3.connect(run.store)
    conn.execute("UPDATE pod_states SET ready = 1 - ready WHERE rowid = (SELECT MIN(rowid) FROM pod_states)")
    conn.commit()
    conn.close()
    r = run("store check")
    assert r.code == 1 and "pod_states: Pod default/web-" in r.out and "the pod says" in r.out


def test_migrate_3_to_4_builds_the_index(tmp_path: "os.PathLike[str]") -> None:
    url = os.path.join(str(tmp_path), "v3.db")
    run = Runner(url)
    populated(run)
    conn = sqlite3.connect(url)
    want = sorted(conn.execute("SELECT * FROM pod_states").fetchall())
    conn.close()
    assert len(want) == 2
    out = migrated_from(run, url, 3, "DROP TABLE pod_states")
    assert out.splitlines()[0].startswith("migrated store schema version 3 -> 4: ")
    conn = sqlite3.connect(url)
    assert sorted(conn.execute("SELECT * FROM pod_states").fetchall()) == want
    conn.close()
    assert run("store check").code == 0
    assert run("scale deployment/order-deployment --replicas=1").code == 0
    assert len(run("get pods -o name").out.split()) == 1


def test_scale_down_takes_the_least_valuable_pods(run: Runner) -> None:
    """A pod that cannot be scheduled goes first when the replica set shrinks; the running ones stay."""
    rs = ("apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: big}\nspec:\n  replicas: 3\n"
          "  selector: {matchLabels: {app: big}}\n  template:\n    metadata: {labels: {app: big}}\n    spec:\n"
          "      containers: [{name: c, image: nginx, resources: {requests: {cpu: '3'}}}]\n")
    assert run("apply -f -", stdin=rs).code == 0
    phases = dict(line.split() for line in run(["get", "pods", "--no-headers", "-o",
                                                "custom-columns=N:.metadata.name,P:.status.phase"]).out.splitlines())
    assert sorted(phases.values()) == ["Pending", "Running", "Running"]  # two 4-CPU workers: one pod each
    assert run("scale replicaset big --replicas=2").code == 0
    left = run("get pods -o name").out.split()
    assert sorted(p.removeprefix("pod/") for p in left) == sorted(n for n, ph in phases.items() if ph == "Running")
    assert run("get rs big --no-headers").out.split()[1:4] == ["2", "2", "2"]
    assert run("store check").code == 0


def _sql_census(tx, owner_uid: str) -> list[tuple[str, int, int]]:
    tx.flush_writes()
    rows = tx._db.execute("SELECT labels, COUNT(*), SUM(ready) FROM pod_states WHERE owner_uid = :u AND active = 1 "
                          "GROUP BY labels ORDER BY labels", {"u": owner_uid})
    return [(r[0], int(r[1]), int(r[2] or 0)) for r in rows]


OTHER = {**OWNER, "name": "web-2", "uid": "rs-uid-2"}
STEP = st.tuples(st.sampled_from(["create", "update", "delete", "count"]), st.integers(0, 7),
                 st.sampled_from(["Pending", "Running", "Succeeded"]), st.booleans(),
                 st.sampled_from([{"app": "web"}, {"app": "web", "tier": "x"}]), st.booleans(), st.booleans())


@settings(max_examples=40, deadline=None)
@given(before=st.lists(st.integers(0, 7), max_size=5, unique=True), steps=st.lists(STEP, min_size=1, max_size=30))
def test_census_kept_in_the_transaction_equals_a_count(tmp_path_factory, before: list[int], steps: list) -> None:
    """Tx.owned_pod_census counts in SQL once, then follows the transaction's pod writes (creates, updates of
    phase, readiness, labels and owner, deletes, of pods stored before it or created in it): at every step it
    answers what counting the stored rows answers."""
    import random

    from pykubectl.env import Env, parse_time

    env = Env(store_url=str(tmp_path_factory.mktemp("s") / "store.db"), frozen_now=parse_time("2026-11-22T10:00:00Z"),
              rand=random.Random(1))
    store = Store.open(env)
    try:
        with store.transaction() as tx:
            for i in before:
                tx.create(_pod(f"p{i}", "", "n1", "Running", True, 0))
        with store.transaction() as tx:
            for op, i, phase, ready, labels, other_owner, deleting in steps:
                name = f"p{i}"
                cur = tx.get("", "Pod", "default", name)
                if op == "create" and cur is None:
                    tx.create(_pod(name, "", None, phase, ready, 0, labels, deleting))
                elif op == "update" and cur is not None:
                    cur["status"]["phase"] = phase
                    cur["status"]["conditions"] = [{"type": "Ready", "status": "True" if ready else "False"}]
                    cur["metadata"]["labels"] = labels
                    cur["metadata"]["ownerReferences"] = [OTHER if other_owner else OWNER]
                    tx.update(cur)
                elif op == "delete" and cur is not None:
                    tx.delete("", "Pod", "default", name)
                for owner in ("rs-uid", "rs-uid-2"):
                    if op == "count" or i % 2:
                        assert tx.owned_pod_census(owner) == _sql_census(tx, owner)
            for owner in ("rs-uid", "rs-uid-2"):
                assert tx.owned_pod_census(owner) == _sql_census(tx, owner)
    finally:
        store.close()
