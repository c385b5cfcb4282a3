"""A reconcile that releases its caches (the reconciler does past RELEASE_AFTER cached rows: Tx.release writes
everything out and forgets the pods, keeping nodes, workloads, their events, meta rows, names and owners' counts)
must leave the store it leaves without releasing: the same deployment is scaled in stores of one seed, with and
without releases, and every row is compared."""

from __future__ import annotations

import contextlib
import copy
import random
from typing import Any, Iterator

import pytest

from pykubectl.apiserver import pipeline
from pykubectl.controllers import reconciler
from pykubectl.controllers.clusterconfig import ClusterShape, NodeGroup
from pykubectl.env import Env, parse_time
from pykubectl.store.check import check
from pykubectl.store.store import Store, Tx
from tests.store.conftest import FROZEN_NOW, dump_store, new_store_url

SHAPE = ClusterShape(groups=(NodeGroup("control-plane"), NodeGroup("worker", count=4)))


def _deployment(replicas: int) -> dict:
    return {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "default"},
            "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": "web"}},
                     "template": {"metadata": {"labels": {"app": "web"}},
                                  "spec": {"containers": [{"name": "app", "image": "nginx:1.27"}]}}}}


@contextlib.contextmanager
def _stores(kind: str, tmp_path: Any, n: int) -> Iterator[list[Store]]:
    with contextlib.ExitStack() as stack:
        out = []
        for i in range(n):
            url = stack.enter_context(contextlib.contextmanager(new_store_url)(kind, tmp_path, f"s{i}.db"))
            s = Store.open(Env(store_url=url, frozen_now=parse_time(FROZEN_NOW), rand=random.Random("release")),
                           SHAPE)
            stack.callback(s.close)
            out.append(s)
        yield out


def _scale(store: Store, replicas: int) -> None:
    with store.transaction() as tx:
        if tx.get("apps", "Deployment", "default", "web") is None:
            pipeline.create(tx, copy.deepcopy(_deployment(replicas)))
        else:
            d = tx.get("apps", "Deployment", "default", "web")
            d["spec"]["replicas"] = replicas
            tx.update(d)
    reconciler.reconcile(store)


def _run(store: Store, monkeypatch: pytest.MonkeyPatch, release_after: int) -> int:
    """Scale 0 -> 450 (pods on four nodes, the rest pending) -> 120 -> 300; the number of releases."""
    monkeypatch.setattr(reconciler, "RELEASE_AFTER", release_after)
    released = []
    real = Tx.release

    def counted(tx: Tx, *a: Any) -> None:
        released.append(tx.cached_rows)
        real(tx, *a)

    monkeypatch.setattr(Tx, "release", counted)
    for n in (450, 120, 300):
        _scale(store, n)
    monkeypatch.undo()
    return len(released)


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_releases_leave_the_store_a_single_batch_leaves(kind: str, tmp_path: Any,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    with _stores(kind, tmp_path, 3) as (whole, released, forgetting_all):
        assert _run(whole, monkeypatch, 10**9) == 0
        assert _run(released, monkeypatch, 150) >= 3
        # keep=0: past any row of other objects, a release forgets everything (the path before pods alone were)
        monkeypatch.setattr(Tx.release, "__defaults__", (0,))
        assert _run(forgetting_all, monkeypatch, 150) >= 3
        expected = dump_store(whole)
        assert len(expected["objects"]) > 300 and len(expected["events"]) > 1000
        assert dump_store(released) == expected
        assert dump_store(forgetting_all) == expected
        for s in (released, forgetting_all):
            report = check(s.db)
            assert report.ok, report.problems


def _pod(name: str) -> dict:
    return {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name, "namespace": "default"},
            "spec": {"containers": [{"name": "c", "image": "nginx"}]}}


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_after_a_release_names_and_events_of_the_forgotten_pods_are_still_right(kind: str, tmp_path: Any) -> None:
    """What a release keeps must stay true of the pods it forgets: the names read of their scope learn the pods
    created and deleted since (the row cache answered for them until then), and a pod created in the transaction
    is no longer taken for one without stored events (its events were written: counting one again updates it)."""
    with _stores(kind, tmp_path, 1) as (store,):
        with store.transaction() as tx:
            for i in range(3):
                tx.create(_pod(f"stored-{i}"))
        with store.transaction() as tx:
            for i in range(70):  # past 64 misses of a scope, exists() reads the scope's names once
                assert not tx.exists(("", "Pod", "default", f"absent-{i}"))
            assert ("", "Pod", "default") in tx._names
            created = tx.create(_pod("created"))
            tx.delete("", "Pod", "default", "stored-0")
            tx.record_event(created, "Normal", "Pulled", "pulled", "kubelet", "n1")
            tx.release()
            assert ("", "Pod", "default") in tx._names  # kept, and told:
            assert tx.exists(("", "Pod", "default", "created"))
            assert not tx.exists(("", "Pod", "default", "stored-0"))
            assert tx.exists(("", "Pod", "default", "stored-1"))
            tx.record_event(tx.get("", "Pod", "default", "created"), "Normal", "Pulled", "pulled", "kubelet", "n1")
            assert [e["count"] for e in tx.events_for(created["metadata"]["uid"])] == [2]
