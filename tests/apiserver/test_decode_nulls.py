"""The request body's nulls (pipeline.decode_nulls): the first objects of a process are screened for None with the
json module, later ones with orjson; either way an object holding a None is walked, and the decoded body is the
same."""

from __future__ import annotations

import copy
import types

import pytest

from pykubectl.apiserver import pipeline

POD = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "labels": {"a": "b"}},
       "spec": {"containers": [{"name": "c", "image": "nginx", "args": ["null", "x"]}]}}


def _with(path: tuple, value: object) -> dict:
    obj = copy.deepcopy(POD)
    cur: object = obj
    for step in path[:-1]:
        cur = cur[step]  # type: ignore[index]
    cur[path[-1]] = value  # type: ignore[index]
    return obj


CASES = [
    POD,
    _with(("spec", "nodeName"), None),
    _with(("metadata", "labels", "a"), None),
    _with(("spec", "containers", 0, "args", 1), None),
    _with(("spec", "containers", 0, "image"), "null"),  # the text, not a null
    _with(("metadata", "annotations"), {None: "x"}),  # a None key
    _with(("metadata", "annotations"), {1: "x"}),  # a key orjson refuses
    _with(("spec", "priority"), 2**70),  # an integer orjson refuses
    _with(("spec", "priority"), 2**70) | {"status": None},
    _with(("spec", "overhead"), {"cpu": float("nan")}),
    {"apiVersion": "example.com/v1", "kind": "Widget", "spec": {"x": None}},  # no built-in schema: kept
    {"kind": "Pod"},
]


def _decoded(obj: dict, by_json: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[bool, dict]:
    monkeypatch.setattr(pipeline, "sys", types.SimpleNamespace(modules={} if by_json else {"orjson": True}))
    monkeypatch.setattr(pipeline, "_NULL_CHECKS", [0])
    body = copy.deepcopy(obj)
    may = pipeline._may_hold_null(body)
    assert pipeline._NULL_CHECKS[0] == (1 if by_json else 0)  # the branch asked for was taken
    return may, pipeline.decode_nulls(body)


def _holds_none(v: object) -> bool:
    if v is None:
        return True
    if isinstance(v, dict):
        return any(_holds_none(k) or _holds_none(x) for k, x in v.items())
    if isinstance(v, list):
        return any(_holds_none(x) for x in v)
    return False


@pytest.mark.parametrize("obj", CASES, ids=range(len(CASES)))
def test_json_and_orjson_screens_decode_alike(obj: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    may_json, by_json = _decoded(obj, True, monkeypatch)
    may_orjson, by_orjson = _decoded(obj, False, monkeypatch)
    assert by_json == by_orjson
    if _holds_none(obj):
        assert may_json and may_orjson


def test_nulls_are_left_out() -> None:
    body = pipeline.decode_nulls(_with(("spec", "nodeName"), None))
    assert "nodeName" not in body["spec"]


def test_orjson_after_the_first_objects(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "sys", types.SimpleNamespace(modules={}))
    monkeypatch.setattr(pipeline, "_NULL_CHECKS", [0])
    clean = _with(("spec", "containers", 0, "args"), ["x"])
    for _ in range(pipeline._NULL_CHECKS_BEFORE_ORJSON + 5):
        assert not pipeline._may_hold_null(clean)
    assert pipeline._NULL_CHECKS[0] == pipeline._NULL_CHECKS_BEFORE_ORJSON
