"""kubectl events' output formats, as real kubectl 1.32 printed them through `pykubectl serve` (2026-12-06): a typed
v1 EventList (kind EventList, empty metadata, each Event in Go's field order for -o json), nothing at all for
-o name, "No events found" whatever the format, and the format checked before anything is listed."""

from __future__ import annotations

import json


def test_json_is_a_typed_event_list_in_go_field_order(run) -> None:
    assert run(["create", "deployment", "web", "--image=nginx"]).code == 0
    res = run(["events", "-o", "json"])
    assert res.code == 0, res.err
    assert res.out.startswith('{\n    "kind": "EventList",\n    "apiVersion": "v1",\n    "metadata": {},\n    "items": [\n')
    first = json.loads(res.out)["items"][0]
    assert list(first)[:4] == ["kind", "apiVersion", "metadata", "involvedObject"]
    assert run(["events", "-o", "jsonpath={.kind}"]).out == "EventList"
    assert run(["events", "-o", "yaml"]).out.endswith("kind: EventList\nmetadata: {}\n")


def test_name_output_prints_nothing(run) -> None:
    assert run(["create", "deployment", "web", "--image=nginx"]).code == 0
    res = run(["events", "-o", "name"])
    assert (res.code, res.out, res.err) == (0, "", "")


def test_no_events_is_said_for_every_format_and_a_bad_format_fails_first(run) -> None:
    assert run(["create", "namespace", "quiet"]).code == 0
    for fmt in ("yaml", "json", "name"):
        res = run(["events", "-n", "quiet", "-o", fmt])
        assert (res.code, res.out, res.err) == (0, "", "No events found in quiet namespace.\n"), fmt
    res = run(["events", "-n", "quiet", "-o", "wide"])
    assert res.code == 1 and res.err.startswith('error: unable to match a printer suitable for the output format '
                                                '"wide", allowed formats are: go-template,go-template-file,json,')
