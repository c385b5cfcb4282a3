"""``x-kubernetes-validations``: the CEL rules of a custom resource's schema, evaluated as the API server does.

Each rule runs with ``self`` bound to the value at its schema node (and ``oldSelf`` to the old object's value at
the same place on an update; a rule that reads ``oldSelf`` is a transition rule and runs only when there is one).
A rule that is false gives the rule's ``message`` (or its ``messageExpression``'s value, or ``failed rule: …``)
with its ``reason`` at the node's path (plus ``fieldPath``). The expressions run on cel-python (``celpy``),
imported on the first rule that runs: a cluster without CEL rules never loads it.
"""

from __future__ import annotations

import re
from typing import Any

from ..api.groupvalidation.apiextensions import json_type
from ..errors import FieldError

_PROGRAMS: dict[str, Any] = {}
_REASON_TYPES = {"FieldValueForbidden": "Forbidden", "FieldValueRequired": "Required value",
                 "FieldValueDuplicate": "Duplicate value", "FieldValueInvalid": "Invalid value"}
_MISSING = object()


def _program(expr: str) -> Any:
    prog = _PROGRAMS.get(expr)
    if prog is None:
        import celpy

        env = celpy.Environment()
        prog = _PROGRAMS[expr] = env.program(env.compile(expr))
    return prog


def _run(expr: str, value: Any, old: Any) -> Any:
    import celpy

    activation = {"self": celpy.json_to_cel(value)}
    if old is not _MISSING:
        activation["oldSelf"] = celpy.json_to_cel(old)
    return _program(expr).evaluate(activation)


def compile_error(expr: str, schema: Any) -> str | None:
    """Why a rule on a node with this ``schema`` does not compile, as the server reports it
    (``ERROR: <input>:1:5: undefined field 'b'`` and the expression with a caret under the place), or None.
    Checked: the syntax, and field selections on ``self``/``oldSelf`` against a structural object's properties."""
    try:
        _program(expr)
    except Exception as e:  # noqa: BLE001 - the library's parse errors: reported, never raised
        # cel-python's columns count from 0; its message is the source with a caret, not cel-go's parser
        # expectations: those are given for an operand that is missing (celcost's parser), else only the place.
        line, column = getattr(e, "line", None) or 1, (getattr(e, "column", None) or 0) + 1
        from .celcost import CelSyntaxError, parse

        try:
            parse(expr)
        except CelSyntaxError as syntax:
            if "mismatched input '<EOF>'" in syntax.message:  # the expression ends where an operand is due
                return _located(expr, syntax.line, syntax.column, syntax.message)
        except RecursionError:
            pass
        return _located(expr, line, column, "Syntax error: unexpected input")
    code = re.sub(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", lambda m: " " * len(m.group(0)), expr)
    for m in re.finditer(r"\b(self|oldSelf)((?:\.[A-Za-z_][A-Za-z0-9_]*)+)", code):
        node = schema
        pos = m.start(2)
        for name in m.group(2).split(".")[1:]:
            if not isinstance(node, dict) or node.get("x-kubernetes-preserve-unknown-fields"):
                break
            props = node.get("properties")
            if isinstance(props, dict) and name in props:
                node = props[name]
            elif isinstance(node.get("additionalProperties"), dict):
                node = node["additionalProperties"]
            elif node.get("type") == "object" and not node.get("additionalProperties"):
                line = expr.count("\n", 0, pos) + 1
                column = pos - (expr.rfind("\n", 0, pos) + 1) + 1
                return _located(expr, line, column, f"undefined field '{name}'")
            else:
                break
            pos += len(name) + 1
    return None


def _located(expr: str, line: int, column: int, message: str) -> str:
    """cel-go's error text: the position, the message, the source line and a caret under the column."""
    source = expr.split("\n")[line - 1] if line - 1 < len(expr.split("\n")) else expr
    return f"ERROR: <input>:{line}:{column}: {message}\n | {source}\n | {'.' * (column - 1)}^"


def evaluate(value: Any, schema: Any, old: Any | None) -> list[FieldError]:
    """The errors of every rule under ``schema`` for ``value`` (``old``: the previous object on an update)."""
    errs: list[FieldError] = []
    _walk(value, schema, _MISSING if old is None else old, "", errs)
    return errs


def _walk(v: Any, s: Any, old: Any, path: str, errs: list[FieldError]) -> None:
    if not isinstance(s, dict):
        return
    for rule in s.get("x-kubernetes-validations") or ():
        if not isinstance(rule, dict) or not isinstance(rule.get("rule"), str):
            continue
        expr = rule["rule"]
        if "oldSelf" in expr and old is _MISSING:
            continue  # a transition rule: only on an update that has an old value here
        try:
            ok = _run(expr, v, old)
            if isinstance(ok, Exception):  # celpy returns some evaluation errors as values
                raise ok
        except Exception as e:  # noqa: BLE001 - an evaluation error is the rule's failure, as the server reports it
            errs.append(FieldError(path or "<nil>", "Invalid value", f"{expr}: {e}", json_type(v), True))
            continue
        if bool(ok):
            continue
        errs.append(_failure(rule, expr, v, old, path))
    if isinstance(v, dict):
        props = s.get("properties") if isinstance(s.get("properties"), dict) else {}
        ap = s.get("additionalProperties")
        for k, x in v.items():
            sub = props.get(k) if k in props else (ap if isinstance(ap, dict) else None)
            if sub is None:
                continue
            child_old = old.get(k, _MISSING) if isinstance(old, dict) else _MISSING
            _walk(x, sub, child_old, f"{path}.{k}" if path else k, errs)
    elif isinstance(v, list) and isinstance(s.get("items"), dict):
        for i, x in enumerate(v):
            _walk(x, s["items"], _MISSING, f"{path}[{i}]", errs)


def _failure(rule: dict, expr: str, v: Any, old: Any, path: str) -> FieldError:
    message = rule.get("message")
    if rule.get("messageExpression"):
        try:
            text = _run(rule["messageExpression"], v, old)
            if isinstance(text, str) and text.strip():
                message = str(text)
        except Exception:  # noqa: BLE001 - the server falls back to the message or the rule
            pass
    if not message:
        message = f"failed rule: {expr}"
    field_path = rule.get("fieldPath")
    if isinstance(field_path, str) and field_path:
        path = path + field_path if field_path.startswith((".", "[")) else f"{path}.{field_path}"
    kind = _REASON_TYPES.get(rule.get("reason") or "FieldValueInvalid", "Invalid value")
    if kind in ("Forbidden", "Required value"):
        return FieldError(path or "<nil>", kind, message)
    return FieldError(path or "<nil>", kind, message, json_type(v), True)
