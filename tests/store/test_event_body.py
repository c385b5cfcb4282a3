"""The store keeps a recorded event as the fields of its body that the row's columns do not hold
(store._event_fields) and makes the Event again when it is read (store.event_of): for any field values, what comes
back must be the Event the recorder records, with the keys in the order the API server's JSON has them (sorted)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pykubectl.store.store import _dumps, _event_fields, event_of


def _event_dict(p: list) -> dict[str, Any]:
    """The Event that Tx.record_event records, as the API server's Event object."""
    (ns, name, uid, _, rv, count, first, last, api, kind, oname, orv, fp, message, reason, comp, host, type_, euid,
     rcomp, rhost) = p
    involved: dict[str, Any] = {"apiVersion": api, "kind": kind, "name": oname, "namespace": ns,
                                "resourceVersion": orv, "uid": uid}
    if fp:
        involved["fieldPath"] = fp
    return {
        "apiVersion": "v1", "kind": "Event", "count": count, "eventTime": None, "firstTimestamp": first,
        "involvedObject": involved, "lastTimestamp": last, "message": message,
        "metadata": {"creationTimestamp": first, "name": name, "namespace": ns, "resourceVersion": str(rv),
                     "uid": euid},
        "reason": reason, "reportingComponent": rcomp, "reportingInstance": rhost,
        "source": {"component": comp, **({"host": host} if host else {})}, "type": type_,
    }


def stored_and_read(p: list) -> dict:
    """What a row holds for the pending event ``p`` (Tx._record's field list), read back."""
    body = _event_fields(p[5:])
    assert body.startswith("[") and isinstance(json.loads(body), list)
    return event_of(p[0], p[1], p[2], p[4], body)


def same_with_order(a: Any, b: Any) -> bool:
    return json.dumps(a) == json.dumps(b)


text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
maybe = st.one_of(st.none(), text)


@settings(max_examples=400, deadline=None)
@given(ns=text, name=text, uid=text, rv=st.integers(1, 2**62), count=st.integers(1, 10**6), first=text, last=text,
       api=maybe, kind=maybe, oname=maybe, orv=maybe, fp=text, message=text, reason=text, comp=text, host=text,
       type_=text, euid=text, rcomp=text, rhost=text)
def test_a_stored_event_reads_back_as_the_recorded_event(**f: object) -> None:
    p = [f["ns"], f["name"], f["uid"], "dedup", f["rv"], f["count"], f["first"], f["last"], f["api"], f["kind"],
         f["oname"], f["orv"], f["fp"], f["message"], f["reason"], f["comp"], f["host"], f["type_"], f["euid"],
         f["rcomp"], f["rhost"]]
    ev = stored_and_read(p)
    # the same Event, keys in the order of the whole Event's stored JSON (sorted, as _dumps writes it)
    assert same_with_order(ev, json.loads(_dumps(_event_dict(p))))


def test_quotes_control_characters_and_absent_fields() -> None:
    p = ["default", "web.1", "u-1", "d", 7, 2, "2026-11-22T10:00:00Z", "2026-11-22T10:00:05Z", "v1", "Pod", "web",
         "5", "spec.containers{web}", 'say "hi"\n\ttab \x01 ü', "Started", "kubelet", "", "Normal", "e-1", "kubelet", ""]
    body = _event_fields(p[5:])
    assert '"say \\"hi\\"\\n\\ttab \\u0001 ü"' in body
    ev = stored_and_read(p)
    assert ev["message"] == 'say "hi"\n\ttab \x01 ü'
    assert ev["source"] == {"component": "kubelet"} and ev["involvedObject"]["fieldPath"] == "spec.containers{web}"
    assert ev["metadata"]["resourceVersion"] == "7" and ev["count"] == 2
    p[12] = ""
    assert "fieldPath" not in stored_and_read(p)["involvedObject"]


def test_a_row_with_a_whole_event_reads_as_it_is() -> None:
    # store import writes the Events it is given whole
    ev = {"apiVersion": "v1", "kind": "Event", "metadata": {"name": "x.1", "namespace": "default",
                                                            "resourceVersion": "9"}, "reason": "Custom"}
    assert event_of("default", "x.1", "u", 9, _dumps(ev)) == ev


def test_event_body_stores_a_recorded_event_as_its_fields_and_anything_else_whole() -> None:
    from pykubectl.store.store import event_body

    p = ["default", "web.1", "u-1", "d", 7, 2, "2026-11-22T10:00:00Z", "2026-11-22T10:00:05Z", "v1", "Pod", "web",
         "5", "", "Started container web", "Started", "kubelet", "node-1", "Normal", "e-1", "kubelet", "node-1"]
    ev = stored_and_read(p)
    body = event_body(ev)
    assert body == _event_fields(p[5:])
    assert event_of("default", "web.1", "u-1", 7, body) == ev
    for change in (lambda e: e.update(note="x"), lambda e: e["involvedObject"].update(namespace="other"),
                   lambda e: e.update(count="2"), lambda e: e["source"].update(extra=1),
                   lambda e: e.pop("eventTime"), lambda e: e.update(related={"kind": "Node"})):
        other = json.loads(json.dumps(ev))
        change(other)
        body = event_body(other)
        assert body.startswith("{") and json.loads(body) == other


def test_the_bulk_serialiser_stores_the_same_values() -> None:
    import orjson

    p = ["default", "web.1", "u-1", "d", 7, 3, "2026-11-22T10:00:00Z", "2026-11-22T10:00:05Z", "v1", "Pod", "web",
         None, "spec.containers{web}", 'say "hi"\n\ttab \x01 ü \u2028', "Started", "kubelet", "n", "Normal", "e-1",
         "kubelet", "n"]
    fast, plain = _event_fields(p[5:], orjson), _event_fields(p[5:])
    assert json.loads(fast) == json.loads(plain) == p[5:]
    assert event_of("default", "web.1", "u-1", 7, fast) == event_of("default", "web.1", "u-1", 7, plain)
    big = p[5:]
    big[0] = 2**70  # beyond what orjson serialises: the plain serialiser takes it
    assert json.loads(_event_fields(big, orjson))[0] == 2**70
