"""Go's encoding/json error for a text that is not JSON (api/gojson.py), against go_json_errors.json: texts and the
error Go's json.Unmarshal gave for each (null: valid), produced on this machine by a Go program (Go 1.19; the
scanner's texts are the same in the Go that builds Kubernetes 1.32)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pykubectl.api.gojson import quote_char, syntax_error

CASES = json.loads((Path(__file__).parent / "go_json_errors.json").read_text())


@pytest.mark.parametrize("case", CASES, ids=[str(i) for i in range(len(CASES))])
def test_the_error_is_gos(case: dict) -> None:
    assert syntax_error(case["text"]) == case["go_error"]


def test_quote_char() -> None:
    assert [quote_char(c) for c in ("a", "'", '"', "\n", "\x01")] == ["'a'", "'\\''", "'\"'", "'\\n'", "'\\x01'"]
