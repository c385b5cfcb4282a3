"""The record classes that replaced dataclasses (pykubectl/records.py) behave as the dataclasses did: the same
``repr``, equality, hashing, immutability, defaults, pickling and copying. Each is compared with the dataclass it
was, declared here again."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from fractions import Fraction
from typing import Any

import pytest

from pykubectl.api.manifests import Doc
from pykubectl.api.quantity import Quantity
from pykubectl.api.selectors import FieldSelector, FieldTerm, Requirement, Selector
from pykubectl.controllers.clusterconfig import ClusterShape, NodeGroup, PlannedNode
from pykubectl.controllers.cronjob import Schedule
from pykubectl.validate.core import DocResult, Finding, Options
from pykubectl.validate.loader import Document


def _was(name: str, fields: list[tuple[str, Any]], frozen: bool = False) -> type:
    """The dataclass as it was declared: (field, default or dataclasses.MISSING); a default {} was a
    default_factory=dict."""
    spec = [(n, Any) if d is dataclasses.MISSING
            else (n, Any, dataclasses.field(default_factory=dict) if d == {} else dataclasses.field(default=d))
            for n, d in fields]
    return dataclasses.make_dataclass(name, spec, frozen=frozen)


M = dataclasses.MISSING
FROZEN = [
    (Requirement, [("key", M), ("operator", M), ("values", ())], [("app", "in", ("a", "b")), ("app", "exists")]),
    (Selector, [("requirements", ()), ("nothing", False)], [(), ((Requirement("a", "=", ("b",)),),), ((), True)]),
    (FieldTerm, [("field", M), ("value", M), ("negate", False)], [("metadata.name", "x"), ("a", "b", True)]),
    (FieldSelector, [("terms", ())], [(), ((FieldTerm("a", "b"),),)]),
    (Quantity, [("value", M), ("format", "DecimalSI"), ("original", None)],
     [(Fraction(1, 2),), (Fraction(1024), "BinarySI", "1Ki"), (Fraction(3), "DecimalExponent")]),
    (Schedule, [(n, M) for n in ("minutes", "hours", "doms", "months", "dows", "dom_star", "dow_star")],
     [(frozenset({0, 30}), frozenset({1}), frozenset(range(1, 32)), frozenset(range(1, 13)), frozenset({1}), True,
       False)]),
    (NodeGroup, [("role", "worker"), ("labels", {}), ("count", 1), ("capacity", {}), ("taints", ()), ("zone", None),
                 ("name", None), ("os_image", None), ("kernel_version", None), ("container_runtime_version", None)],
     [(), ("control-plane",), ("worker", {"a": "b"}, 3, {"cpu": "2"}, ({"key": "k", "effect": "NoSchedule"},), "z",
                               "n", "os", "k", "cr")]),
    (PlannedNode, [("name", M), ("index", M), ("control_plane", M), ("tainted", M), ("group", M)],
     [("kind-worker", 1, False, False, NodeGroup())]),
    (ClusterShape, [("name", "pykubectl"), ("pod_subnet", "10.244.0.0/16"), ("service_subnet", "10.96.0.0/12"),
                    ("groups", (NodeGroup("control-plane"), NodeGroup("worker", count=2))), ("ignored", ()),
                    ("control_plane_nodes", True), ("default_storage_class", True), ("ingress_controller", True),
                    ("metrics_server", True)],
     [(), ("c", "10.0.0.0/12", "10.96.0.0/16", (NodeGroup("control-plane"),), ("x",), False, False, False, False)]),
]
MUTABLE = [
    (Finding, [("file", M), ("document", M), ("line", M), ("column", M), ("path", M), ("message", M), ("rule", M),
               ("kind", ""), ("name", "")],
     [("f.yaml", 1, 2, 3, "spec", "bad", "invalid"), ("f.yaml", 1, 2, 3, "", "m", "parse", "Pod", "p")]),
    (Options, [("strict", True), ("skip", frozenset()), ("reject", frozenset()), ("ignore_missing_schemas", False),
               ("kubernetes_version", "v1.32"), ("crds", None)],
     [(), (False, frozenset({"Pod"})), (True, frozenset(), frozenset(), True, "v1.31", {"x": 1})]),
    (Doc, [("source", M), ("index", M), ("obj", M)], [("a.yaml", 0, {"kind": "Pod"})]),
    (Document, [("number", M), ("chunk", M), ("line0", M), ("obj", M), ("node", M)], [(1, 0, 4, {"a": 1}, None)]),
]


def _cases(table: list, frozen: bool) -> list:
    return [pytest.param(cls, _was(cls.__name__, fields, frozen), args, id=f"{cls.__name__}{args!r}"[:60])
            for cls, fields, examples in table for args in examples]


@pytest.mark.parametrize("cls,was,args", _cases(FROZEN, True) + _cases(MUTABLE, False))
def test_repr_fields_and_equality_as_the_dataclass(cls: type, was: type, args: tuple) -> None:
    new, old = cls(*args), was(*args)
    assert repr(new) == repr(old)
    assert new == cls(*args) and not new != cls(*args)
    assert new != old and new != args  # another class is never equal, as with a dataclass
    for name in cls._fields:
        assert getattr(new, name) == getattr(old, name)
    assert cls(**{f.name: getattr(old, f.name) for f in dataclasses.fields(was)}) == new
    changed = list(args) + [None] * (len(cls._fields) - len(args))
    changed[0] = "other"
    assert cls(*changed) != new


@pytest.mark.parametrize("cls,was,args", _cases(FROZEN, True))
def test_frozen_records_hash_and_refuse_changes(cls: type, was: type, args: tuple) -> None:
    new = cls(*args)
    try:
        expected = hash(was(*args))
    except TypeError:  # a field holds a dict: neither hashes
        with pytest.raises(TypeError):
            hash(new)
    else:
        assert hash(new) == expected == hash(cls(*args))
    with pytest.raises(AttributeError, match="cannot assign to field"):
        setattr(new, cls._fields[0], "x")
    with pytest.raises(AttributeError):
        new.not_a_field = 1  # type: ignore[attr-defined]
    with pytest.raises(AttributeError, match="cannot delete field"):
        delattr(new, cls._fields[0])
    for twin in (pickle.loads(pickle.dumps(new)), copy.copy(new), copy.deepcopy(new)):
        assert twin == new and twin.__class__ is cls


@pytest.mark.parametrize("cls,was,args", _cases(MUTABLE, False))
def test_mutable_records_unhashable_settable_and_picklable(cls: type, was: type, args: tuple) -> None:
    new = cls(*args)
    with pytest.raises(TypeError):
        hash(new)
    setattr(new, cls._fields[0], "changed")
    assert getattr(new, cls._fields[0]) == "changed"
    twin = pickle.loads(pickle.dumps(new))  # validate --jobs N sends results from its workers this way
    assert twin == new and twin.__class__ is cls


def test_doc_result_findings_default_is_a_new_list_each_time() -> None:
    a, b = DocResult("f", 1, "Pod", "p", "v1", "valid"), DocResult("f", 1, "Pod", "p", "v1", "valid")
    assert a.findings == [] and a.findings is not b.findings and a.line == 1
    a.findings.append(Finding("f", 1, 1, 1, "", "m", "parse"))
    assert b.findings == [] and a != b
    assert repr(b) == ("DocResult(file='f', document=1, kind='Pod', name='p', api_version='v1', status='valid', "
                       "findings=[], line=1)")


def test_defaults_as_the_dataclasses_had_them() -> None:
    assert ClusterShape().groups == (NodeGroup("control-plane"), NodeGroup("worker", count=2))
    a, b = NodeGroup(), NodeGroup()
    assert a.labels == {} and a.labels is not b.labels and a.capacity is not b.capacity
