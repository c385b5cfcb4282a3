"""The fast event serialiser writes exactly what the generic one writes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pykubectl.store.store import _dumps, _event_json

text = st.text(max_size=20)
maybe = st.one_of(st.none(), text)


@settings(max_examples=200, deadline=None)
@given(text, maybe, st.integers(1, 10**6), text, text, st.booleans())
def test_event_json_equals_dumps(name, rv, count, message, host, with_path) -> None:
    involved = {"apiVersion": "v1", "kind": "Pod", "name": name, "namespace": "default", "resourceVersion": rv,
                "uid": "u-1"}
    if with_path:
        involved["fieldPath"] = "spec.containers{" + name + "}"
    ev = {"apiVersion": "v1", "kind": "Event", "count": count, "eventTime": None, "firstTimestamp": "2026-11-22T10:00:00Z",
          "involvedObject": involved, "lastTimestamp": "2026-11-22T10:00:00Z", "message": message,
          "metadata": {"creationTimestamp": "2026-11-22T10:00:00Z", "name": name + ".1", "namespace": "default",
                       "resourceVersion": "7", "uid": "e-1"},
          "reason": "Started", "reportingComponent": "kubelet", "reportingInstance": host,
          "source": {"component": "kubelet", **({"host": host} if host else {})}, "type": "Normal"}
    assert _event_json(ev) == _dumps(ev)
    ev["extra"] = {"nested": [1]}
    assert _event_json(ev) == _dumps(ev)
