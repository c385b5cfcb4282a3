"""go-template printing against cases recorded from real kubectl 1.32 (tools/record_template_cases.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pykubectl.errors import ClientError
from pykubectl.printers.gotemplate import TemplateError, render_go_template, sprintf
from pykubectl.printers.jsonpath import go_json

CASES = json.loads((Path(__file__).parent / "template_cases" / "gotemplate.json").read_text())


def case_object(case: dict) -> tuple[Any, str]:
    """The object kubectl executed the template on (go-template sees int64 numbers) and its raw JSON."""
    if case["source"] == "typed":
        return case["object"], case["raw_json"]
    obj = case["object"]
    if case["source"] == "server-list":
        obj = {"apiVersion": "v1", "items": obj, "kind": "List", "metadata": {"resourceVersion": ""}}
    return obj, go_json(obj)


@pytest.mark.parametrize("case", CASES, ids=[f"{c['name']}:{c['allow_missing']}:{c['template']!r}" for c in CASES])
def test_recorded(case: dict) -> None:
    obj, raw = case_object(case)
    out, err, code = "", "", 0
    try:
        out = render_go_template(case["template"], obj, allow_missing_keys=case["allow_missing"], raw_json=raw)
    except TemplateError as e:
        out, err, code = e.stdout, str(e) + "\n", e.exit_code
    assert (out, err, code) == (case["stdout"], case["stderr"], case["exit"])


def test_enough_cases() -> None:
    assert len(CASES) >= 100


def test_template_error_is_a_client_error() -> None:
    with pytest.raises(ClientError):
        render_go_template("{{.a", {})


def test_missing_key_with_strict_mode_keeps_partial_output() -> None:
    with pytest.raises(TemplateError) as info:
        render_go_template("a{{.x}}b{{.y}}", {"x": 1}, allow_missing_keys=False)
    assert info.value.stdout.startswith("a1bError executing template: ")
    assert str(info.value).endswith('map has no entry for key "y"')


@pytest.mark.parametrize("fmt,args,want", [
    ("%s|%5s|%-5s|", ["a", "b", "c"], "a|    b|c    |"),
    ("%d %03d %+d %x %X %o", [7, 7, 7, 255, 255, 8], "7 007 +7 ff FF 10"),
    ("%v %v %v", [None, True, [1, "a"]], "<nil> true [1 a]"),
    ("%q %q", ["a\"b", 65], "\"a\\\"b\" 'A'"),
    ("%.2f %e %g", [3.14159, 1234.5, 0.5], "3.14 1.234500e+03 0.5"),
    ("%s", [1.5], "%!s(float64=1.5)"),
    ("100%%", [], "100%"),
])
def test_sprintf(fmt: str, args: list, want: str) -> None:
    assert sprintf(fmt, args) == want


def test_variables_scope_ends_with_block() -> None:
    with pytest.raises(TemplateError, match='undefined variable "\\$v"'):
        render_go_template("{{if true}}{{$v := 1}}{{end}}{{$v}}", {})


def test_no_python_evaluation() -> None:
    with pytest.raises(TemplateError, match="not defined"):
        render_go_template('{{__import__ "os"}}', {})


# Recorded from kubectl 1.32 (`get deploy -o go-template=...` through pykubectl serve): text/template's lexer
# refuses a character that does not end an identifier, field or variable with "bad character".
@pytest.mark.parametrize("template, message", [
    ("{{.nope}", "template: output:1: bad character U+007D '}'"),
    ("{{.a=1}}", "template: output:1: bad character U+003D '='"),
    ("{{$x=1}}", "template: output:1: bad character U+003D '='"),
    ("{{.-}}", "template: output:1: bad character U+002D '-'"),
    ("{{$-}}", "template: output:1: bad character U+002D '-'"),
    ("{{.kind\"x\"}}", "template: output:1: bad character U+0022 '\"'"),
])
def test_bad_character_after_a_word(template: str, message: str) -> None:
    with pytest.raises(TemplateError) as e:
        render_go_template(template, {"kind": "List", "items": []})
    assert str(e.value) == f"error: error parsing template {template}, {message}"


@pytest.mark.parametrize("template", ["{{.}}", "{{$}}", "{{ . }}", "{{.items|len}}", "{{(.kind)}}", "{{.kind -}} x",
                                      "{{$x := 1}}{{$x}}"])
def test_words_ended_by_a_terminator(template: str) -> None:
    render_go_template(template, {"kind": "List", "items": []})
