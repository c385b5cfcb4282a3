"""wait's pieces that need no store: Go durations, --for parsing, condition checks."""

from __future__ import annotations

import pytest

from pykubectl import errors
from pykubectl.cli.wait import _condition_met, _split_jsonpath_input, condition_func, parse_duration


@pytest.mark.parametrize("text,want", [
    ("30s", 30.0), ("0", 0.0), ("1m30s", 90.0), ("1h", 3600.0), ("500ms", 0.5), ("-1s", -1.0), ("1.5m", 90.0),
    ("+2s", 2.0),
])
def test_parse_duration(text: str, want: float) -> None:
    assert parse_duration(text) == pytest.approx(want)


@pytest.mark.parametrize("text,msg", [
    ("5", 'time: missing unit in duration "5"'), ("abc", 'time: invalid duration "abc"'),
    ("", 'time: invalid duration ""'), ("1x", 'time: unknown unit "x" in duration "1x"'),
    ("1.5.5s", 'time: missing unit in duration "1.5.5s"'), (".s", 'time: invalid duration ".s"'), ("1h2", 'time: missing unit in duration "1h2"'),
    ("-", 'time: invalid duration "-"'),
])
def test_parse_duration_errors(text: str, msg: str) -> None:
    with pytest.raises(ValueError) as e:
        parse_duration(text)
    assert str(e.value) == msg


def test_split_keeps_double_equals() -> None:
    assert _split_jsonpath_input("a.b.c====d.e.f===g.h.i===") == ["a.b.c====d.e.f==", "g.h.i==", ""]
    assert _split_jsonpath_input('{.items[?(@.a=="x")].b}=3') == ['{.items[?(@.a=="x")].b}', "3"]


def _dep(status: str, gen: int = 1, observed: int = 1) -> dict:
    return {"metadata": {"generation": gen},
            "status": {"observedGeneration": observed, "conditions": [{"type": "Available", "status": status}]}}


def test_condition_met_case_folds_and_checks_generation() -> None:
    assert _condition_met(_dep("True"), "available", "true")
    assert not _condition_met(_dep("False"), "Available", "true")
    assert _condition_met(_dep("False"), "Available", "FALSE")
    assert not _condition_met(_dep("True", gen=2, observed=1), "Available", "true")
    assert not _condition_met(_dep("True"), "Ready", "true")


def test_condition_func_jsonpath_compares_text() -> None:
    mode, check = condition_func("jsonpath={.status.readyReplicas}=3")
    assert mode == "check" and check is not None
    assert check({"status": {"readyReplicas": 3}})
    assert not check({"status": {"readyReplicas": 2}})
    assert not check({"status": {}})
    with pytest.raises(errors.ClientError, match="matches more than one value"):
        condition_func("jsonpath={.items[*].a}=1")[1]({"items": [{"a": 1}, {"a": 2}]})  # type: ignore[misc]
