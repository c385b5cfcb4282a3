"""The store writes recorded events with a hand-written serialiser (store._event_body); it must give exactly the
bytes the generic serialiser gives for the same Event, for any field values."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pykubectl.store.store import _dumps, _event_body


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


text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
maybe = st.one_of(st.none(), text)


@settings(max_examples=400, deadline=None)
@given(ns=text, name=text, uid=text, rv=st.integers(1, 2**62), count=st.integers(1, 10**6), first=text, last=text,
       api=maybe, kind=maybe, oname=maybe, orv=maybe, fp=text, message=text, reason=text, comp=text, host=text,
       type_=text, euid=text, rcomp=text, rhost=text)
def test_event_body_is_the_generic_serialisation(**f: object) -> None:
    p = [f["ns"], f["name"], f["uid"], "dedup", f["rv"], f["count"], f["first"], f["last"], f["api"], f["kind"],
         f["oname"], f["orv"], f["fp"], f["message"], f["reason"], f["comp"], f["host"], f["type_"], f["euid"],
         f["rcomp"], f["rhost"]]
    assert _event_body(p) == _dumps(_event_dict(p))


def test_event_body_escapes_quotes_and_control_characters() -> None:
    p = ["default", "web.1", "u-1", "d", 7, 2, "2026-11-22T10:00:00Z", "2026-11-22T10:00:05Z", "v1", "Pod", "web",
         "5", "spec.containers{web}", 'say "hi"\n\ttab \x01 ü', "Started", "kubelet", "", "Normal", "e-1", "kubelet", ""]
    body = _event_body(p)
    assert body == _dumps(_event_dict(p))
    assert '"message":"say \\"hi\\"\\n\\ttab \\u0001 ü"' in body
    assert '"source":{"component":"kubelet"}' in body and '"fieldPath":"spec.containers{web}"' in body
