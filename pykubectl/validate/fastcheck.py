"""The hot path of schema validation: a yes/no check specialised from the schema data.

``pykubectl.api.schema``'s decoder reproduces the API server's error texts, which costs it path strings, sorted
keys and a Go-type description per field. Most documents are valid, so validation first asks this module, which
only answers "certainly decodes cleanly" (``True``) or "look closer" (``False``): per definition, one dict from
field name to a checker, where a checker is a Python class for scalar fields (compared with ``is``), ``None`` for
free-form fields, or a small function. Anything unusual (a float where an integer is expected, a quantity in an
unusual notation, timestamps, base64) answers ``False`` and the exact decoder decides, so the verdicts and texts
are the decoder's by construction. Tables are built from the schema's compiled nodes on first use of each
definition (a few microseconds each), so no kind pays for definitions it does not reach.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from ..api import schema as S

_MISSING = object()
# Set when a checked object may hold a None somewhere: a null value or item, or content the check does not walk
# (free-form fields, unknown fields when not strict). Reset by each decodes_cleanly.
_may_hold_null = [False]
_tables: dict[str, dict[str, Any]] = {}
S._RESET_HOOKS.append(_tables.clear)  # another --kubernetes-version: other schemas, other tables

# A conservative subset of what resource.ParseQuantity accepts unchanged: digits, optional fraction, one suffix.
_QTY_OK = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:[numkMGTPE]|[KMGTPE]i)?")


def _ok(o: dict, t: dict[str, Any], strict: bool) -> bool:
    get = t.get
    for k, v in o.items():
        c = get(k, _MISSING)
        if c is None or v is None:
            if c is _MISSING and strict:
                return False  # an unknown field is reported even when its value is null
            _may_hold_null[0] = True
            continue
        if c is _MISSING:
            if strict:
                return False
            _may_hold_null[0] = True
            continue
        if c.__class__ is type:
            if v.__class__ is not c:
                return False
        elif not c(v, strict):
            return False
    return True


def table(defname: str) -> dict[str, Any]:
    t = _tables.get(defname)
    if t is None:
        t = {}
        _tables[defname] = t  # registered first: definitions may be recursive
        _, fields = S._struct(defname)
        for name, node in fields.items():
            t[name] = _checker(node)
    return t


def _int_checker(bits: int) -> Callable[[Any, bool], bool]:
    lo, hi = -(1 << (bits - 1)), 1 << (bits - 1)

    def check(v: Any, strict: bool) -> bool:
        return v.__class__ is int and lo <= v < hi

    return check


_INT32 = _int_checker(32)
_INT64 = _int_checker(64)


def _float(v: Any, strict: bool) -> bool:
    return v.__class__ is int or v.__class__ is float


def _qty(v: Any, strict: bool) -> bool:
    return v.__class__ is str and _QTY_OK.fullmatch(v) is not None


def _ios(v: Any, strict: bool) -> bool:
    return v.__class__ is str or (v.__class__ is int and -(1 << 31) <= v < (1 << 31))


_B64_OK = re.compile(r"[A-Za-z0-9+/]*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?")


def _bytes(v: Any, strict: bool) -> bool:
    return v.__class__ is str and len(v) % 4 == 0 and _B64_OK.fullmatch(v) is not None


def _free_form_list(v: Any, strict: bool) -> bool:
    _may_hold_null[0] = True  # items not walked
    return v.__class__ is list


def _free_form_map(v: Any, strict: bool) -> bool:
    _may_hold_null[0] = True  # values not walked
    return v.__class__ is dict


def _never(v: Any, strict: bool) -> bool:
    return False


def _checker(node: tuple) -> Any:
    tag = node[0]
    if tag == S._STR:
        return str
    if tag == S._BOOL:
        return bool
    if tag == S._ANY:
        return None
    if tag == S._INT:
        return _INT32 if node[1] == 32 else _INT64
    if tag == S._FLOAT:
        return _float
    if tag == S._QTY:
        return _qty
    if tag == S._IOS:
        return _ios
    if tag == S._BYTES:
        return _bytes
    if tag == S._STRUCT:
        defname = node[1]
        holder: list[dict[str, Any]] = []

        def struct(v: Any, strict: bool) -> bool:
            if v.__class__ is not dict:
                return False
            if not holder:
                holder.append(table(defname))
            return _ok(v, holder[0], strict)

        return struct
    if tag == S._ARRAY:
        item = _checker(node[1])
        if item is None:
            return _free_form_list
        if item.__class__ is type:
            def scalar_array(v: Any, strict: bool) -> bool:
                if v.__class__ is not list:
                    return False
                for x in v:
                    if x.__class__ is not item:
                        if x is not None:
                            return False
                        _may_hold_null[0] = True
                return True

            return scalar_array

        def array(v: Any, strict: bool) -> bool:
            if v.__class__ is not list:
                return False
            for x in v:
                if x is None:
                    _may_hold_null[0] = True
                elif not item(x, strict):
                    return False
            return True

        return array
    if tag == S._MAP:
        val = _checker(node[1])
        if val is None:
            return _free_form_map
        if val.__class__ is type:
            def scalar_map(v: Any, strict: bool) -> bool:
                if v.__class__ is not dict:
                    return False
                for x in v.values():
                    if x.__class__ is not val:
                        if x is not None:
                            return False
                        _may_hold_null[0] = True
                return True

            return scalar_map

        def mapping(v: Any, strict: bool) -> bool:
            if v.__class__ is not dict:
                return False
            for x in v.values():
                if x is None:
                    _may_hold_null[0] = True
                elif not val(x, strict):
                    return False
            return True

        return mapping
    return _never  # times: the exact decoder checks them


CLEAN = 1  # decodes cleanly
CLEAN_NULL_FREE = 2  # decodes cleanly, and no value anywhere in the object is None


def decodes_cleanly(obj: dict, kind: Any, strict: bool) -> int:
    """Non-zero only if ``schema.check(obj, kind, strict)`` would return ``[]``: ``CLEAN_NULL_FREE`` when every
    value was walked and none is None (decoding nulls then has nothing to leave out), else ``CLEAN``."""
    if obj.__class__ is not dict:
        return 0
    try:
        defname, _ = S._definition_for(obj, kind)
    except KeyError:
        return 0
    _may_hold_null[0] = False
    if not _ok(obj, table(defname), strict):
        return 0
    return CLEAN if _may_hold_null[0] else CLEAN_NULL_FREE
