"""custom-columns printing against cases recorded from real kubectl 1.32 (tools/record_template_cases.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pykubectl.errors import ClientError
from pykubectl.printers.custom_columns import parse_template_file, print_custom_columns

CASES = json.loads((Path(__file__).parent / "template_cases" / "custom_columns.json").read_text())


@pytest.mark.parametrize("case", CASES, ids=[f"{c['name']}:{c['printer']}:{c['template']!r}" for c in CASES])
def test_recorded(case: dict) -> None:
    objs = case["object"] if case["source"] == "server-list" else [case["object"]]
    out, err, code = "", "", 0
    try:
        if case["printer"] == "custom-columns-file":
            out = print_custom_columns(objs, columns=parse_template_file(case["input_file"]))
        else:
            out = print_custom_columns(objs, case["template"],
                                       no_headers=case["printer"] == "custom-columns-no-headers")
    except ClientError as e:
        out = getattr(e, "stdout", "")
        msg = str(e)
        err, code = (msg if msg.endswith("\n") else msg + "\n"), e.exit_code
    assert (out, err, code) == (case["stdout"], case["stderr"], case["exit"])


def test_list_object_expands_to_rows() -> None:
    lst = {"kind": "List", "apiVersion": "v1", "items": [{"metadata": {"name": "a"}}, {"metadata": {"name": "bb"}}]}
    assert print_custom_columns([lst], "NAME:.metadata.name,X:.x") == "NAME   X\na      <none>\nbb     <none>\n"


def test_bad_spec() -> None:
    with pytest.raises(ClientError, match="expected <header>:<json-path-expr>"):
        print_custom_columns([], "NAME")
