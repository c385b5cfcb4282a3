"""The static cost of CRD validation rules (pykubectl/apiserver/celcost.py) against the figures Kubernetes v1.32
itself expects (apiextensions-apiserver's TestCostEstimation: the schema, the rule, the estimated maximum cost),
and the CRD-level limits as the recorded cases 674 and 926 show them (tests/golden/k8s-validation)."""

from __future__ import annotations

from typing import Any

import pytest

from pykubectl.apiserver import celcost


def _array(item: dict, max_items: int | None = None) -> dict:
    s: dict[str, Any] = {"type": "array", "items": item}
    if max_items is not None:
        s["maxItems"] = max_items
    return s


def _map(value: dict, max_props: int | None = None) -> dict:
    s: dict[str, Any] = {"type": "object", "additionalProperties": value}
    if max_props is not None:
        s["maxProperties"] = max_props
    return s


def _string(max_length: int | None = None, **extra: Any) -> dict:
    s: dict[str, Any] = {"type": "string", **extra}
    if max_length is not None:
        s["maxLength"] = max_length
    return s


_OBJECTS = {"type": "object", "required": ["required"],
            "properties": {"required": {"type": "string"}, "optional": {"type": "string"}}}

# (schema of the rule's node, rule, the cost Kubernetes v1.32 estimates)
FACTS = [
    (_array({"type": "number"}), "self.all(x, true)", 4718591),
    (_array({"type": "number"}, 10), "self.all(x, true)", 32),
    (_array({"type": "string"}), "self.all(x, true)", 3145727),
    (_array({"type": "boolean"}), "self.all(x, true)", 1887437),
    (_array(_OBJECTS), "self.all(x, true)", 555128),
    (_array(_OBJECTS, 50), "self.all(x, true)", 152),
    (_map({"type": "number"}), "self.all(x, true)", 1348169),
    (_map({"type": "string"}), "self.all(x, true)", 1179647),
    (_string(), "self.contains('test')", 314574),
    (_string(10), "self.contains('test')", 5),
    (_string(), "self.startsWith('test')", 2),
    (_string(), 'size(self + "hello") > size("hello")', 314578),
    (_array({"type": "string"}), "self[1] == self[1]", 314577),
    (_array({"type": "number"}, 10), "self.all(x, self.all(y, self.all(z, true)))", 3552),
    (_string(), 'self.matches("x")', 314574),
    (_string(), '"".matches("(((((((((())))))))))[0-9]")', 7),
    (_string(0), 'self == "x"', 1),
    (_array({"type": "number"}), "self.all(x, x == 0.0)", 6291454),
    (_array({"x-kubernetes-int-or-string": True}), "self[0] == 5", 3),
    (_array({"type": "string", "format": "duration"}), "self[0].getHours() == 2", 4),
    (_map({"type": "string", "format": "date-time"}), "self.all(x, true)", 349526),
    (_string(), "self.find('[0-9]+') == ''", 629147),
    (_array(_string(), None), "self.join(' ') == 'aa bb'", 329853068905),
    (_array(_string(10), 10), "self.isSorted() == true", 52),
    ({"type": "object", "properties": {"str": _string(), "before": _string(2), "after": _string(4)}},
     "self.str.replace(self.before, self.after) == 'does not matter'", 629154),
    ({"type": "object", "properties": {"str": _string(10), "separator": _string(10)}},
     "self.str.split(self.separator) == []", 22),
    (_string(10), "self.lowerAscii() == 'lower!'", 6),
    (_map({"type": "integer"}), "oldSelf.size() == self.size()", 5),
    (_map({"type": "string", "format": "duration"}), 'self["c"] == self["d"]', 8),
    (_string(1000, enum=["A", "B", "C", "LongValue"]), "self.contains('A')", 401),
    (_string(enum=["A", "B", "C", "LongValue"]), "self.contains('A')", 2),
]


@pytest.mark.parametrize(("schema", "rule", "cost"), FACTS, ids=[f"{i}-{r}" for i, (_, r, _) in enumerate(FACTS)])
def test_cost_matches_kubernetes(schema: dict, rule: str, cost: int) -> None:
    assert celcost.expression_cost(rule, celcost.decl_type(schema, False)) == cost


def test_nested_loops_over_unbounded_lists_exceed_the_limit() -> None:
    cost = celcost.expression_cost("self.all(x, self.all(y, true))", celcost.decl_type(_array({"type": "number"}),
                                                                                         False))
    assert cost is not None and cost > celcost.STATIC_EXPRESSION_LIMIT


def test_budget_factor_is_formatted_as_the_server_does() -> None:
    msg = celcost._cost_message("estimated rule cost", 12_000_000, 10_000_000)
    assert msg.startswith("estimated rule cost exceeds budget by factor of 1.200000x (try simplifying")
    assert "factor of 2.5x " in celcost._cost_message("x", 25_000_000, 10_000_000)
    assert "factor of more than 100x " in celcost._cost_message("x", 10_000_000_000, 10_000_000)


def _crd_schema(rule: dict, items: dict) -> dict:
    return {"type": "object", "properties": {"spec": {"type": "object", "properties": {"items": items},
                                                      "x-kubernetes-validations": [rule]}}}


def test_cheap_rules_pass_and_bounded_lists_keep_a_rule_under_budget() -> None:
    bounded = _array(_array(_string(8), 4), 4)
    rule = {"rule": "self.items.all(x, x.all(y, self.items.all(z, z.exists(w, w == y))))"}
    assert celcost.cost_errors(_crd_schema(rule, bounded), "p", lambda r, s: True) == []
    unbounded = _array(_array({"type": "string"}))
    errs = celcost.cost_errors(_crd_schema(rule, unbounded), "p", lambda r, s: True)
    assert [(e.path, e.type) for e in errs] == [
        ("p.properties[spec].x-kubernetes-validations[0].rule", "Forbidden"),
        ("p.properties[spec].x-kubernetes-validations[0].rule", "Forbidden"),
        ("p", "Forbidden")]
    # A rule that does not compile is reported by its compile error alone.
    assert celcost.cost_errors(_crd_schema(rule, unbounded), "p", lambda r, s: False) == []


def test_syntax_error_at_the_end_names_what_the_parser_expected() -> None:
    with pytest.raises(celcost.CelSyntaxError) as e:
        celcost.parse("self.a >")
    assert (e.value.line, e.value.column) == (1, 9)
    assert e.value.message.startswith("Syntax error: mismatched input '<EOF>' expecting {'[', '{', '(', '.', '-'")
