"""kubectl's generic describer, for every kind without a describer of its own (custom resources among them): name,
namespace, labels and annotations, then the object's fields in sorted order with labels made from their names
(``creationTimestamp`` -> ``Creation Timestamp``, ``apiVersion`` -> ``API Version``), then its events."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from typing import Any

from . import describe as d

_SKIP = (".metadata.managedFields", ".metadata.name", ".metadata.namespace", ".metadata.labels",
         ".metadata.annotations")
_ACRONYMS = {"API", "URL", "UID", "OSB", "GUID"}
_RUNS = re.compile(r"[a-z]+|[A-Z]+|[0-9]+|[^a-zA-Z0-9]+")


def _split_camel_case(word: str) -> list[str]:
    """Runs of lower case, upper case, digits and other characters; an upper-case run gives its last letter to
    a lower-case run that follows (``APIVersion`` -> ``API``, ``Version``)."""
    runs = _RUNS.findall(word)
    for i in range(len(runs) - 1):
        if runs[i].isupper() and runs[i + 1].islower():
            runs[i + 1] = runs[i][-1] + runs[i + 1]
            runs[i] = runs[i][:-1]
    return [r for r in runs if r]


def smart_label(field: str) -> str:
    if any(not (c.isalpha() or c == "-") for c in field):
        return field
    parts = []
    for part in _split_camel_case(field):
        if part == "_":
            continue
        parts.append(part.upper() if part.upper() in _ACRONYMS else part[:1].upper() + part[1:])
    return " ".join(parts)


def _go_value(value: Any) -> str:
    if value is None:
        return "<nil>"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return _go_float(value)
    return str(value)


def _go_float(value: float) -> str:
    """Go's %v of a float64: the shortest digits that read back, in %e form below 1e-4 and from 1e21 on."""
    if value != value or value in (float("inf"), float("-inf")):
        return {"nan": "NaN", "inf": "+Inf", "-inf": "-Inf"}[repr(value)]
    number = Decimal(repr(value))
    exponent = number.adjusted()
    if -4 <= exponent < 21:
        text = format(number, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    mantissa = format(number.scaleb(-exponent).normalize(), "f")
    return f"{mantissa}e{'+' if exponent >= 0 else '-'}{abs(exponent):02d}"


def _content(w: Any, level: int, content: dict[str, Any], prefix: str) -> None:
    for field in sorted(content):
        value = content[field]
        path = f"{prefix}.{field}"
        if path in _SKIP:
            continue
        if isinstance(value, dict):
            w.write(level, f"{smart_label(field)}:\n")
            _content(w, level + 1, value, path)
        elif isinstance(value, list):
            w.write(level, f"{smart_label(field)}:\n")
            for child in value:
                if isinstance(child, dict):
                    _content(w, level + 1, child, path)
                else:
                    w.write(level + 1, f"{_go_value(child)}\n")
        else:
            w.write(level, f"{smart_label(field)}:\t{_go_value(value)}\n")


def describe_generic(obj: dict[str, Any], events: list[dict[str, Any]], lookup: Any, now: datetime) -> str:
    meta = obj.get("metadata") or {}

    def fill(w: Any) -> None:
        w.write(0, f"Name:\t{meta.get('name', '')}\n")
        w.write(0, f"Namespace:\t{meta.get('namespace', '')}\n")
        d._labels_multiline(w, "Labels", meta.get("labels"))
        d._annotations_multiline(w, "Annotations", meta.get("annotations"))
        _content(w, 0, obj, "")
        d.describe_events(events, w, now)

    return d._tabbed(fill)
