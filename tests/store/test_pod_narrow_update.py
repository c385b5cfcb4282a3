"""Tx.update of a pod its writer hands over as changed (the scheduler's bind, the kubelet's status write) takes a
narrow path (Tx._update_pod) when this transaction wrote the pod's last version: it takes over what is provably
unchanged of that version (its summary, the owner, name and creation time of its pod_states row) instead of working
it out again. The store it leaves must be the one the full update leaves: each test writes the same changes to two
stores of the same seed, once handed over (narrow) and once as copies (the full path), and compares every row, the
kept census counts and the keys reported changed."""

from __future__ import annotations

import copy
from typing import Callable

import pytest

from pykubectl.store.store import Store

OWNER = {"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-1", "uid": "rs-uid", "controller": True,
         "blockOwnerDeletion": True}
OTHER = {**OWNER, "name": "web-2", "uid": "rs-other"}


def _pod(name: str, labels: dict | None, owners: list | None) -> dict:
    md: dict = {"name": name, "namespace": "default"}
    if labels is not None:
        md["labels"] = labels
    if owners is not None:
        md["ownerReferences"] = owners
    return {"apiVersion": "v1", "kind": "Pod", "metadata": md,
            "spec": {"containers": [{"name": "c", "image": "nginx",
                                     "resources": {"requests": {"cpu": "100m", "memory": "64Mi"}}}]},
            "status": {"phase": "Pending"}}


def bind(p: dict) -> None:
    p["spec"]["nodeName"] = "n1"


def start(p: dict) -> None:
    p["status"] = {"phase": "Running", "podIP": "10.0.0.5",
                   "conditions": [{"type": "Initialized", "status": "True"}, {"type": "Ready", "status": "True"}],
                   "containerStatuses": [{"name": "c", "restartCount": 0, "ready": True}]}


def restart(p: dict) -> None:
    p["status"]["conditions"][1]["status"] = "False"
    p["status"]["containerStatuses"][0]["restartCount"] = 2


def relabel(p: dict) -> None:
    p["metadata"]["labels"] = {**(p["metadata"].get("labels") or {}), "tier": "front"}


def unlabel(p: dict) -> None:
    p["metadata"].pop("labels", None)


def reown(p: dict) -> None:
    p["metadata"]["ownerReferences"] = [OTHER]


def orphan(p: dict) -> None:
    p["metadata"].pop("ownerReferences", None)


def adopt(p: dict) -> None:
    p["metadata"]["ownerReferences"] = [OWNER]


def finish(p: dict) -> None:
    p["status"]["phase"] = "Succeeded"


def deleting(p: dict) -> None:
    p["metadata"]["deletionTimestamp"] = "2026-11-22T10:00:00Z"


def string_label(p: dict) -> None:
    # The version before had the label's value as a number: equal as strings (the summary keeps strings), yet the
    # pod_states row's labels JSON must now hold the string.
    p["metadata"]["labels"]["n"] = "1"
    p["status"]["phase"] = "Running"


CASES = {
    "bind-start-restart": (_pod("a", {"app": "web"}, [OWNER]), [bind, start, restart]),
    "labels-change": (_pod("b", {"app": "web"}, [OWNER]), [bind, relabel, start, unlabel, restart]),
    "owner-change": (_pod("c", {"app": "web"}, [OWNER]), [bind, reown, start, orphan, restart, adopt]),
    "no-owner": (_pod("d", {"app": "web"}, None), [bind, start, adopt]),
    "no-labels": (_pod("e", None, [OWNER]), [bind, start, relabel]),
    "finished-and-deleting": (_pod("f", {"app": "web"}, [OWNER]), [bind, start, finish, deleting]),
    "label-value-type": (_pod("g", {"app": "web", "n": 1}, [OWNER]), [bind, string_label, start]),
}


def _write(store: Store, pod: dict, steps: list[Callable[[dict], None]], narrow: bool, split: int | None) -> tuple:
    key = ("", "Pod", "default", pod["metadata"]["name"])
    with store.transaction() as tx:
        tx.owned_pod_census("rs-uid")  # kept up to date from here on (Tx._census_move)
        tx.owned_pod_census("rs-other")
        tx.create(copy.deepcopy(pod), handoff=True)
        for i, step in enumerate(steps):
            if i == split:
                tx.release()  # the pod's last version is now the stored one: the full path again
            if narrow:  # as the scheduler and the kubelet write a pod
                cur = tx.take(key)
                assert cur is not None
                step(cur)
                tx.update(cur, handoff=True, changed=True)
            else:
                cur = copy.deepcopy(tx.get(*key))
                step(cur)
                tx.update(cur)
        changed = list(tx.changed)
        census = (tx.owned_pod_census("rs-uid"), tx.owned_pod_census("rs-other"))
    with store.transaction() as tx:
        counted = (tx.owned_pod_census("rs-uid"), tx.owned_pod_census("rs-other"))
    return changed, census, counted


@pytest.mark.parametrize("split", [None, 2])
@pytest.mark.parametrize("case", sorted(CASES))
def test_narrow_pod_update_leaves_the_store_the_full_update_leaves(open_store, store_url, tmp_path, dump, monkeypatch,
                                                                   case: str, split: int | None) -> None:
    from pykubectl.store.store import Tx
    from tests.store.conftest import new_store_url

    pod, steps = CASES[case]
    narrow_store = open_store(seed="7")
    narrow_calls = []
    real = Tx._update_pod

    def counted(self, *a, **kw):
        narrow_calls.append(a[0])
        return real(self, *a, **kw)

    monkeypatch.setattr(Tx, "_update_pod", counted)
    got = _write(narrow_store, pod, steps, narrow=True, split=split)
    # the narrow path ran for every write of a version this transaction wrote: all but the first after release()
    assert len(narrow_calls) == len(steps) - (split is not None)
    other = new_store_url("sqlite" if "://" not in store_url else "postgresql", tmp_path, "full.db")
    url = next(other)
    try:
        import random

        from pykubectl.env import Env, parse_time
        from tests.store.conftest import FROZEN_NOW

        full_store = Store.open(Env(store_url=url, frozen_now=parse_time(FROZEN_NOW), rand=random.Random("7")))
        try:
            want = _write(full_store, pod, steps, narrow=False, split=split)
            assert dump(narrow_store) == dump(full_store)
        finally:
            full_store.close()
    finally:
        next(other, None)
    assert got == want
    # the kept census counts are what counting the stored rows gives
    assert got[1] == got[2]
