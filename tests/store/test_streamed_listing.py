"""Listing one object at a time (Tx.iter_list) gives what list() gives, sees the transaction's own buffered writes,
and the table printer builds the same table from it as from a list: `get` of 100,000 pods holds rows, not pods."""

from __future__ import annotations

import types

from pykubectl.env import parse_time
from pykubectl.printers.table import print_table
from pykubectl.store.store import Store
from tests.conftest import Runner


def _cm(name: str, ns: str = "default", labels: dict | None = None) -> dict:
    return {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name, "namespace": ns,
                                                                  "labels": labels or {}}, "data": {"k": name}}


def test_iter_list_is_list_one_at_a_time(store: Store) -> None:
    with store.transaction() as tx:
        for i in range(1200):  # more than one fetch of 500 rows
            tx.create(_cm(f"cm-{i:04d}", labels={"half": str(i % 2)}))
    with store.transaction() as tx:
        tx.create(_cm("zz-buffered"))  # not written yet: the listing writes it out first
        it = tx.iter_list("", "ConfigMap", "default")
        assert isinstance(it, types.GeneratorType)
        streamed = list(it)
        assert streamed == tx.list("", "ConfigMap", "default")
        assert streamed[-1]["metadata"]["name"] == "zz-buffered"
        assert [o["metadata"]["name"] for o in tx.iter_list("", "ConfigMap", "default", match_labels={"half": "1"})] \
            == [f"cm-{i:04d}" for i in range(1, 1200, 2)]


def test_table_from_an_iterator_is_the_table_from_a_list(run: Runner) -> None:
    assert run("create deployment web --image=nginx --replicas=3").code == 0
    from pykubectl.env import Env

    env = Env(store_url=run.store, frozen_now=parse_time("2026-11-22T10:05:00Z"))
    store = Store.open(env)
    try:
        with store.read() as tx:
            pods = tx.list("", "Pod", "default")
            now = env.now()
            for wide in (False, True):
                assert print_table(iter(pods), "Pod", now=now, wide=wide) == print_table(pods, "Pod", now=now,
                                                                                           wide=wide)
            assert print_table(iter([]), "Pod", now=now) == ""
            assert print_table(iter([]), "Pod", now=now, no_headers=True) == ""
    finally:
        store.close()
    # get prints the streamed table, and nothing for an empty listing
    assert run("get pods --no-headers").out.count("Running") == 3
    r = run("get pods -n kube-public")
    assert (r.out, r.err) == ("", "No resources found in kube-public namespace.\n")
    r = run("get deploy,pods -n kube-public")
    assert (r.out, r.err) == ("", "No resources found in kube-public namespace.\n")
