"""/openapi/v2 as the protobuf kubectl asks for (the document itself: api/openapiv2.py).

kubectl reads the v2 document for ``explain --output=plaintext-openapiv2`` (and falls back to it where the v3
document is missing): client-go asks for the protobuf form (``Accept: ACCEPTED[0]``) and decodes gnostic's
``openapi.v2.Document`` message; any other Accept gets the JSON document. The encoding follows gnostic's
OpenAPIv2.proto field numbers; values of ``enum``, ``default`` and vendor extensions are carried as YAML text (JSON
is YAML), as gnostic's compiler carries them."""

from __future__ import annotations

import json
import struct
from typing import Any

# What clients ask for (client-go's discovery) and the dotted form kube-openapi's handler answers with ("@" is no
# token character: Go's mime.ParseMediaType, which client-go runs on the response, rejects the first).
ACCEPTED = ("application/com.github.proto-openapi.spec.v2@v1.0+protobuf",
            "application/com.github.proto-openapi.spec.v2.v1.0+protobuf")
PROTOBUF = ACCEPTED[1]

_encoded: dict[int, tuple[dict, bytes]] = {}


def wants_protobuf(accept: str) -> bool:
    return any(part.split(";")[0].strip() in ACCEPTED for part in accept.split(","))


def protobuf(doc: dict) -> bytes:
    got = _encoded.get(0)
    if got is not None and got[0] is doc:
        return got[1]
    data = encode_document(doc)
    _encoded[0] = (doc, data)
    return data


# ---------------------------------------------------------------------------------------------------------------
# gnostic's openapi.v2 messages

def _varint(n: int) -> bytes:
    n &= (1 << 64) - 1
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def _bytes_field(num: int, data: bytes) -> bytes:
    return _varint(num << 3 | 2) + _varint(len(data)) + data


def _str(num: int, text: Any) -> bytes:
    return _bytes_field(num, str(text).encode()) if text not in (None, "") else b""


def _bool(num: int, value: Any) -> bytes:
    return _varint(num << 3) + b"\x01" if value is True else b""


def _int(num: int, value: Any) -> bytes:
    return _varint(num << 3) + _varint(int(value)) if isinstance(value, int) and not isinstance(value, bool) \
        and value else b""


def _double(num: int, value: Any) -> bytes:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value == 0:
        return b""
    return _varint(num << 3 | 1) + struct.pack("<d", float(value))


def _any(value: Any) -> bytes:
    """gnostic's Any: the value as YAML text (field 2)."""
    return _str(2, json.dumps(value, ensure_ascii=False) + "\n")


def _named_any(num: int, name: str, value: Any) -> bytes:
    return _bytes_field(num, _str(1, name) + _bytes_field(2, _any(value)))


# Schema's scalar fields: (JSON name, field number, encoder).
_SCHEMA_FIELDS = (("format", 2, _str), ("title", 3, _str), ("description", 4, _str),
                  ("multipleOf", 6, _double), ("maximum", 7, _double), ("exclusiveMaximum", 8, _bool),
                  ("minimum", 9, _double), ("exclusiveMinimum", 10, _bool), ("maxLength", 11, _int),
                  ("minLength", 12, _int), ("pattern", 13, _str), ("maxItems", 14, _int), ("minItems", 15, _int),
                  ("uniqueItems", 16, _bool), ("maxProperties", 17, _int), ("minProperties", 18, _int))


def encode_schema(s: dict) -> bytes:
    out = bytearray(_str(1, s.get("$ref")))
    for name, num, enc in _SCHEMA_FIELDS:
        if name in s:
            out += enc(num, s[name])
    if "default" in s:
        out += _bytes_field(5, _any(s["default"]))
    for r in s.get("required") or ():
        out += _bytes_field(19, str(r).encode())
    for v in s.get("enum") or ():
        out += _bytes_field(20, _any(v))
    ap = s.get("additionalProperties")
    if isinstance(ap, dict):
        out += _bytes_field(21, _bytes_field(1, encode_schema(ap)))
    elif isinstance(ap, bool):
        out += _bytes_field(21, _varint(2 << 3) + (b"\x01" if ap else b"\x00"))
    typ = s.get("type")
    if typ:
        out += _bytes_field(22, b"".join(_bytes_field(1, str(t).encode())
                                         for t in (typ if isinstance(typ, list) else [typ])))
    items = s.get("items")
    if isinstance(items, (dict, list)):
        out += _bytes_field(23, b"".join(_bytes_field(1, encode_schema(i))
                                         for i in (items if isinstance(items, list) else [items])
                                         if isinstance(i, dict)))
    for sub in s.get("allOf") or ():
        if isinstance(sub, dict):
            out += _bytes_field(24, encode_schema(sub))
    props = s.get("properties")
    if isinstance(props, dict):
        out += _bytes_field(25, b"".join(_bytes_field(1, _str(1, n) + _bytes_field(2, encode_schema(p)))
                                         for n, p in props.items() if isinstance(p, dict)))
    out += _str(26, s.get("discriminator"))
    out += _bool(27, s.get("readOnly"))
    for k, v in s.items():
        if k.startswith("x-"):
            out += _named_any(31, k, v)
    return bytes(out)


def encode_document(doc: dict) -> bytes:
    info = doc.get("info") or {}
    out = bytearray(_str(1, doc.get("swagger")))
    out += _bytes_field(2, _str(1, info.get("title")) + _str(2, info.get("version")))
    out += _bytes_field(8, b"")  # paths: the definitions are what clients read
    out += _bytes_field(9, b"".join(_bytes_field(1, _str(1, n) + _bytes_field(2, encode_schema(d)))
                                    for n, d in (doc.get("definitions") or {}).items()))
    for req in doc.get("security") or ():
        out += _bytes_field(12, b"".join(
            _bytes_field(1, _str(1, n) + _bytes_field(2, b"".join(_bytes_field(1, str(x).encode()) for x in v)))
            for n, v in req.items()))
    sec = doc.get("securityDefinitions") or {}
    if sec:
        items = b""
        for n, d in sec.items():
            api_key = _str(1, d.get("type")) + _str(2, d.get("name")) + _str(3, d.get("in")) + \
                _str(4, d.get("description"))
            items += _bytes_field(1, _str(1, n) + _bytes_field(2, _bytes_field(2, api_key)))
        out += _bytes_field(13, items)
    return bytes(out)
