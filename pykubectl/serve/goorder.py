"""The API server's JSON field order. The real server encodes built-in objects with encoding/json, which writes a
Go struct's fields in the struct's order (TypeMeta's ``kind`` then ``apiVersion`` first: it is embedded first in
every kind) and a map's keys sorted. pykubectl keeps objects with sorted keys, so what it serves as the server's
bytes (serve's responses, the CLI's `get --raw`) is put in that order here, by the struct orders of
api/protobuf_fields.json (tools/protobuf_schema.py reads them from the API types' Go sources). Watch events are not
(ordering costs about what encoding does; their readers are programs). About 70 us for a pod.

Kinds it does not know are left as they are: custom resources are unstructured in the real server too, and a map
is written with sorted keys; so are values of a type whose JSON is not an object (times, quantities, int-or-string)
and fields the struct does not declare (kept after the declared ones, in their order)."""

from __future__ import annotations

from typing import Any

# message -> [(JSON name, message type or None, label "", "r" or "m:…", inlined)] in the Go struct's order
_PLANS: dict[str, list[tuple[str, str | None, str, bool]]] = {}
_KINDS: dict[str, str] = {}
_TOP: set[str] = set()


def _load() -> None:
    from .protobuf import schema

    s = schema()
    messages, order = s["messages"], s.get("order") or {}
    for name, fields in messages.items():
        plan = []
        for num in order.get(name) or sorted(int(n) for n in fields):
            jname, typ, label, flags = fields[str(num)]
            plan.append((jname, typ if typ in messages else None, label, "i" in flags))
        _PLANS[name] = plan
    _KINDS.update(s["kinds"])
    _TOP.update(s["kinds"].values())


def message_of(obj: Any) -> str | None:
    """The message of a built-in object by its apiVersion and kind, or None."""
    if not isinstance(obj, dict):
        return None
    if not _PLANS:
        _load()
    return _KINDS.get(f"{obj.get('apiVersion')}/{obj.get('kind')}")


def ordered(obj: Any) -> Any:
    """``obj`` with its keys in the order the real API server writes them (unchanged when its kind is unknown)."""
    message = message_of(obj)
    return obj if message is None else _message(obj, message)


def _message(value: dict, message: str) -> dict:
    out: dict = {}
    if message in _TOP:
        for k in ("kind", "apiVersion"):
            if k in value:
                out[k] = value[k]
    _fill(out, value, message)
    if len(out) != len(value):
        for k, v in value.items():
            if k not in out:
                out[k] = v
    return out


def _fill(out: dict, value: dict, message: str) -> None:
    for name, typ, label, inline in _PLANS.get(message, ()):
        if inline and typ is not None:
            _fill(out, value, typ)
            continue
        if name not in value:
            continue
        v = value[name]
        if typ is None or v is None:
            out[name] = v
        elif label == "r":
            out[name] = [_message(x, typ) if isinstance(x, dict) else x for x in v] if isinstance(v, list) else v
        elif label:  # a map: its keys sorted, as stored
            out[name] = {k: _message(x, typ) if isinstance(x, dict) else x for k, x in v.items()} \
                if isinstance(v, dict) else v
        else:
            out[name] = _message(v, typ) if isinstance(v, dict) else v
