"""The event recorder combines similar events as client-go's EventCorrelator does (tools/record/events_cache.go):
per object, source, type and reason, the first nine different messages are events of their own and every further
new message within 10 minutes of the group's last event counts on one event "(combined from similar events): <the
latest message>", which names no reporting controller. Identical events still only count. Runs on SQLite and
PostgreSQL (conftest.py)."""

from __future__ import annotations

import contextlib
import random
from typing import Any

import pytest

from pykubectl.env import Env, parse_time
from pykubectl.store.store import Store

from tests.store.conftest import FROZEN_NOW, dump_store, new_store_url

RS = {"apiVersion": "apps/v1", "kind": "ReplicaSet",
      "metadata": {"name": "web-5d4f", "namespace": "default", "uid": "rs-uid", "resourceVersion": "7"}}
COMBINED = "(combined from similar events): "


def created(tx: Any, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        tx.record_event(RS, "Normal", "SuccessfulCreate", f"Created pod: web-5d4f-{i:05d}", "replicaset-controller")


def events(store: Store) -> list[dict]:
    with store.read() as tx:
        return tx.events_for("rs-uid")


def test_the_tenth_new_message_starts_a_combined_event_that_counts_the_rest(store: Store) -> None:
    with store.transaction() as tx:
        created(tx, 12)
    evs = events(store)
    assert [e["message"] for e in evs[:9]] == [f"Created pod: web-5d4f-{i:05d}" for i in range(9)]
    assert all(e["count"] == 1 and e["reportingComponent"] == "replicaset-controller" for e in evs[:9])
    assert len(evs) == 10
    last = evs[9]
    assert last["message"] == COMBINED + "Created pod: web-5d4f-00011"
    assert last["count"] == 3 and last["reason"] == "SuccessfulCreate" and last["type"] == "Normal"
    assert last["source"] == {"component": "replicaset-controller"}
    assert last["reportingComponent"] == "" and last["reportingInstance"] == ""
    assert last["involvedObject"]["uid"] == "rs-uid" and last["metadata"]["name"].startswith("web-5d4f.")


def test_the_records_carry_over_between_commands(open_store: Any) -> None:
    s = open_store()
    with s.transaction() as tx:
        created(tx, 5)
    with s.transaction() as tx:
        created(tx, 4, start=5)  # nine on their own so far
    with s.transaction() as tx:
        created(tx, 3, start=9)
    evs = events(s)
    assert len(evs) == 10 and evs[9]["count"] == 3
    assert evs[9]["message"] == COMBINED + "Created pod: web-5d4f-00011"
    with s.transaction() as tx:
        created(tx, 2, start=12)
    evs = events(s)
    assert len(evs) == 10 and evs[9]["count"] == 5 and evs[9]["message"].endswith("web-5d4f-00013")


def test_a_group_quiet_for_more_than_ten_minutes_starts_afresh(open_store: Any) -> None:
    s = open_store(now="2026-11-22T10:00:00Z")
    with s.transaction() as tx:
        created(tx, 9)
    s2 = open_store(now="2026-11-22T10:10:01Z")
    with s2.transaction() as tx:
        created(tx, 9, start=9)
    evs = events(s2)
    assert len(evs) == 18 and not any(e["message"].startswith(COMBINED) for e in evs)
    # Within ten minutes of the last one the group is still the same: the tenth new message is combined.
    s3 = open_store(now="2026-11-22T10:20:00Z")
    with s3.transaction() as tx:
        created(tx, 1, start=18)
    evs = events(s3)
    assert len(evs) == 19 and evs[-1]["message"] == COMBINED + "Created pod: web-5d4f-00018"


def test_repeats_of_a_message_only_count_and_groups_are_per_reason_and_source(store: Store) -> None:
    with store.transaction() as tx:
        for _ in range(30):
            tx.record_event(RS, "Warning", "FailedCreate", "Error creating: quota", "replicaset-controller")
        for i in range(9):
            tx.record_event(RS, "Normal", "SuccessfulDelete", f"Deleted pod: p{i}", "replicaset-controller")
        created(tx, 9)
        for i in range(9):
            tx.record_event(RS, "Normal", "SuccessfulCreate", f"Created pod: q{i}", "other-controller")
        # Repeating one of the nine recent messages of a full group counts on that event, not the combined one.
        created(tx, 1, start=4)
    evs = events(store)
    assert len(evs) == 1 + 9 + 9 + 9
    by_msg = {e["message"]: e for e in evs}
    assert by_msg["Error creating: quota"]["count"] == 30
    assert by_msg["Created pod: web-5d4f-00004"]["count"] == 2
    assert not any(e["message"].startswith(COMBINED) for e in evs)


def test_the_scheduler_does_not_combine(store: Store) -> None:
    pod = {"apiVersion": "v1", "kind": "Pod",
           "metadata": {"name": "p", "namespace": "default", "uid": "pod-uid", "resourceVersion": "3"}}
    with store.transaction() as tx:
        for i in range(12):
            tx.record_event(pod, "Warning", "FailedScheduling", f"0/{i} nodes are available", "default-scheduler")
    with store.read() as tx:
        evs = tx.events_for("pod-uid")
    assert len(evs) == 12 and not any(e["message"].startswith(COMBINED) for e in evs)


def _count_in_one_transaction(s: Store) -> list[int]:
    """Count the combined event again across two releases (each writes it out), reading it in between; the counts
    read back."""
    seen = []
    with s.transaction() as tx:
        created(tx, 12)
        tx.release()
        created(tx, 5, start=12)
        seen += [e["count"] for e in tx.events_for("rs-uid") if e["message"].startswith(COMBINED)]
        created(tx, 2, start=17)
        tx.release()
        created(tx, 3, start=19)
        tx.record_event(RS, "Warning", "Imported", "counted again", "kubelet", "node-1")
        tx.record_event(RS, "Warning", "Imported", "counted again", "kubelet", "node-1")
    return seen


def _count_one_transaction_each(s: Store) -> None:
    with s.transaction() as tx:
        created(tx, 12)
    for i in range(12, 22):
        with s.transaction() as tx:
            created(tx, 1, start=i)
    for _ in range(2):
        with s.transaction() as tx:
            tx.record_event(RS, "Warning", "Imported", "counted again", "kubelet", "node-1")


def _import_whole_event(s: Store) -> None:
    """A stored event that is a whole Event (as `store import` writes one), for the recorder to count again."""
    from pykubectl.store.store import event_dedup_key

    body = ('{"apiVersion":"v1","count":4,"firstTimestamp":"2026-11-22T09:00:00Z","involvedObject":{"kind":'
            '"ReplicaSet","name":"web-5d4f","namespace":"default","uid":"rs-uid"},"kind":"Event","lastTimestamp":'
            '"2026-11-22T09:00:00Z","message":"counted again","metadata":{"name":"web-5d4f.imported","namespace":'
            '"default","resourceVersion":"5","note":"\u00e9t\u00e9"},"reason":"Imported","source":{"component":'
            '"kubelet","host":"node-1"},"type":"Warning"}')
    with s.transaction() as tx:
        tx.db.execute("INSERT INTO events (namespace, name, involved_uid, dedup, rv, body) VALUES "
                      "('default', 'web-5d4f.imported', 'rs-uid', :d, 5, :b)",
                      {"d": event_dedup_key("rs-uid", "Warning", "Imported", "kubelet", "node-1", "",
                                            "counted again"), "b": body})


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_a_stored_event_counted_again_is_kept_and_written_as_each_count_was(kind: str, tmp_path: Any) -> None:
    """Counting an event stored earlier in the transaction (the combined event, after a release wrote it) keeps
    the count in memory until the next flush: reads see every count, and the rows end as one transaction a count
    leaves them (the same ids, resourceVersions and bodies), for fields rows and whole imported Events alike."""
    with contextlib.ExitStack() as stack:
        stores = []
        for name in ("one.db", "each.db"):
            url = stack.enter_context(contextlib.contextmanager(new_store_url)(kind, tmp_path, name))
            s = Store.open(Env(store_url=url, frozen_now=parse_time(FROZEN_NOW), rand=random.Random("1")))
            stack.callback(s.close)
            stores.append(s)
        one, each = stores
        _import_whole_event(one)
        _import_whole_event(each)
        assert _count_in_one_transaction(one) == [8]
        _count_one_transaction_each(each)
        evs = events(one)
        combined = [e for e in evs if e["message"].startswith(COMBINED)]
        assert len(combined) == 1 and combined[0]["count"] == 13
        assert combined[0]["message"] == COMBINED + "Created pod: web-5d4f-00021"
        imported = [e for e in evs if e["reason"] == "Imported"]
        assert len(imported) == 1 and imported[0]["count"] == 6
        # Each count took the next resourceVersion: the imported event's two counts came last.
        with one.read() as tx:
            last = int(tx.meta_get("rv") or 0)
        assert imported[0]["metadata"]["resourceVersion"] == str(last)
        assert combined[0]["metadata"]["resourceVersion"] == str(last - 2)
        assert imported[0]["metadata"]["note"] == "\u00e9t\u00e9"
        assert dump_store(one)["events"] == dump_store(each)["events"]
