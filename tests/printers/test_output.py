"""YAML/JSON printers against goldens recorded from real kubectl 1.32 (see output_cases/COMMANDS.txt)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pykubectl.printers.output import list_wrapper, to_json, to_yaml, to_yaml_stream

CASES = Path(__file__).parent / "output_cases"
NAMES = sorted(p.name[: -len(".input.json")] for p in CASES.glob("*.input.json"))


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _input(name: str) -> dict:
    return json.loads(_read(CASES / f"{name}.input.json"))


@pytest.mark.parametrize("name", NAMES)
def test_yaml_matches_kubectl(name: str) -> None:
    assert to_yaml(_input(name)) == (CASES / f"{name}.yaml").read_bytes().decode("utf-8")


@pytest.mark.parametrize("name", NAMES)
def test_json_matches_kubectl(name: str) -> None:
    assert to_json(_input(name)) == (CASES / f"{name}.json").read_bytes().decode("utf-8")


def test_stream_separates_documents() -> None:
    # kubectl's YAML printer writes "---" before every document after the first one it prints.
    a, b = {"kind": "A"}, {"kind": "B"}
    assert to_yaml_stream([a, b]) == "kind: A\n---\nkind: B\n"
    assert to_yaml_stream([a]) == "kind: A\n"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("80", '"80"'), ("true", '"true"'), ("", '""'), ("0755", '"0755"'), ("1.0", '"1.0"'), ("null", '"null"'),
        ("~", '"~"'), ("y", '"y"'), ("Off", '"Off"'), ("2024-01-01T00:00:00Z", '"2024-01-01T00:00:00Z"'),
        ("1:20", '"1:20"'), ("0x1F", '"0x1F"'), ("1e400", "1e400"), ("a: b", "'a: b'"), ("a:b", "a:b"),
        (" lead", "' lead'"), ("*x", "'*x'"), ("it's", "it's"), ("'q", "'''q'"), ("-", "'-'"), ("-a", "-a"),
        ("a #b", "'a #b'"), ("a#b", "a#b"), ("tab\t", '"tab\\t"'), ("x<y>&z", "x<y>&z"), ("\U0001F600", '"\\U0001F600"'),
        ("nginx:1.25", "nginx:1.25"), ("25%", "25%"), ("%x", "'%x'"), ("@x", "'@x'"), ("`x", "'`x'"),
    ],
)  # fmt: skip
def test_string_quoting(value: str, expected: str) -> None:
    assert to_yaml({"k": value}) == f"k: {expected}\n"


def test_block_literals_and_chomping() -> None:
    assert to_yaml({"k": "a\nb"}) == "k: |-\n  a\n  b\n"
    assert to_yaml({"k": "a\nb\n"}) == "k: |\n  a\n  b\n"
    assert to_yaml({"k": "a\n\n"}) == "k: |+\n  a\n\n"
    assert to_yaml({"k": " a\nb"}) == "k: |2-\n   a\n  b\n"
    assert to_yaml({"k": "a \nb"}) == 'k: "a \\nb"\n'  # a space before a break rules out a block


def test_long_plain_string_folds_after_column_80() -> None:
    text = " ".join(["word"] * 30)
    out = to_yaml({"description": text})
    lines = out.splitlines()
    assert lines[0] == "description: " + " ".join(["word"] * 14)
    assert all(line.startswith("  word") for line in lines[1:])
    assert " ".join(line.strip() for line in lines).replace("description: ", "") == text


def test_layout_of_collections_and_scalars() -> None:
    obj = {"b": [], "a": {}, "c": [{"x": 1, "y": [1, 2]}, [3], None], "d": {"e": False, "f": 0.5, "g": 1.0}}
    assert to_yaml(obj) == (
        "a: {}\nb: []\nc:\n- x: 1\n  \"y\":\n  - 1\n  - 2\n- - 3\n- null\nd:\n  e: false\n  f: 0.5\n  g: 1\n"
    )


def test_go_yaml_key_order() -> None:
    keys = ["a_b", "aZ", "a-b", "item10", "item9", "item09", "Ab", "a1", "a/b"]
    out = to_yaml(dict.fromkeys(keys, 1))
    assert [line.split(":")[0] for line in out.splitlines()] == [
        "Ab", "a-b", "a/b", "a_b", "a1", "aZ", "item9", "item09", "item10",
    ]  # fmt: skip


def test_numbers() -> None:
    assert to_yaml({"a": 1234567.5, "b": 1e-7, "c": 10**20, "d": -3}) == "a: 1.2345675e+06\nb: 1e-07\nc: 1e+20\nd: -3\n"
    assert to_json({"a": 1.0, "b": 1e-7, "c": 0.00001, "d": 1e21}) == (
        '{\n    "a": 1,\n    "b": 1e-7,\n    "c": 0.00001,\n    "d": 1e+21\n}\n'
    )


def test_json_escaping_and_empty_collections() -> None:
    assert to_json({"s": "<a&b>\u2028é\x07", "m": {}, "l": []}) == (
        '{\n    "l": [],\n    "m": {},\n    "s": "\\u003ca\\u0026b\\u003e\\u2028é\\u0007"\n}\n'
    )


def test_list_wrapper() -> None:
    pod = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}}
    assert to_yaml(list_wrapper([pod])) == (
        "apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: p\n"
        'kind: List\nmetadata:\n  resourceVersion: ""\n'
    )
