"""JSONPath printing against cases recorded from real kubectl 1.32 (tools/record_template_cases.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pykubectl.errors import ClientError
from pykubectl.printers.jsonpath import JSONPath, relaxed

CASES = json.loads((Path(__file__).parent / "template_cases" / "jsonpath.json").read_text())


def as_float64(v: Any) -> Any:
    """kubectl's printers see a typed object through json.Unmarshal into interface{}: numbers are float64."""
    if isinstance(v, dict):
        return {k: as_float64(x) for k, x in v.items()}
    if isinstance(v, list):
        return [as_float64(x) for x in v]
    if isinstance(v, int) and not isinstance(v, bool):
        return float(v)
    return v


def case_object(case: dict) -> Any:
    if case["source"] == "typed":
        return as_float64(case["object"])
    if case["source"] == "server-list":
        return {"apiVersion": "v1", "items": case["object"], "kind": "List", "metadata": {"resourceVersion": ""}}
    return case["object"]


def stderr_of(err: ClientError) -> str:
    # kubectl appends a newline to an error message unless it already ends with one.
    msg = str(err)
    return msg if msg.endswith("\n") else msg + "\n"


@pytest.mark.parametrize("case", CASES, ids=[f"{c['name']}:{c['printer']}:{c['template']!r}" for c in CASES])
def test_recorded(case: dict) -> None:
    obj = case_object(case)
    out, err, code = "", "", 0
    try:
        jp = JSONPath(case["template"], allow_missing_keys=case["allow_missing"])
        out = jp.execute_as_json(obj) if case["printer"] == "jsonpath-as-json" else jp.execute(obj)
    except ClientError as e:
        err, code = stderr_of(e), e.exit_code
    assert (out, err, code) == (case["stdout"], case["stderr"], case["exit"])


def test_enough_cases() -> None:
    assert len(CASES) >= 100


@pytest.mark.parametrize("expr,want", [
    (".metadata.name", "{.metadata.name}"), ("metadata.name", "{.metadata.name}"),
    ("{.metadata.name}", "{.metadata.name}"), ("{metadata.name}", "{.metadata.name}"), ("", ""),
    (".spec.containers[*].image", "{.spec.containers[*].image}"),
])
def test_relaxed(expr: str, want: str) -> None:
    assert relaxed(expr) == want


def test_relaxed_rejects_nested_braces() -> None:
    with pytest.raises(ClientError, match="unexpected path string"):
        relaxed("{.a}{.b}")


def test_find_results_groups_per_action() -> None:
    obj = {"items": [{"n": 1}, {"n": 2}], "k": "L"}
    assert JSONPath("{.items[*].n} x {.k}").find_results(obj) == [[1, 2], [" x "], ["L"]]


def test_server_numbers_are_int64_and_compare_with_int_literals() -> None:
    obj = {"items": [{"port": 80}, {"port": 443}]}
    assert JSONPath("{.items[?(@.port>100)].port}").execute(obj) == "443"


def test_float_formatting_matches_go() -> None:
    obj = {"a": 1e6, "b": 0.5, "c": 1e-5, "d": [1e21, 2.0]}
    assert JSONPath("{.a} {.b} {.c} {.d}").execute(obj) == "1e+06 0.5 1e-05 [1e+21,2]"


def test_json_output_escapes_html_like_go() -> None:
    assert JSONPath("{.a}").execute({"a": {"x": "<&>"}}) == '{"x":"\\u003c\\u0026\\u003e"}'


def test_nested_ranges() -> None:
    obj = {"a": [{"b": [1, 2]}, {"b": [3]}]}
    assert JSONPath("{range .a[*]}[{range .b[*]}{@},{end}]{end}").execute(obj) == "[1,2,][3,]"
