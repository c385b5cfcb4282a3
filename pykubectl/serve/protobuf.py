"""Request bodies in the API's protobuf encoding (application/vnd.kubernetes.protobuf), as kubectl's typed clients
send them (`create namespace|configmap|secret|deployment …`, `auth can-i`, `create token`, drain's evictions),
read into the JSON form the rest of the server works on.

The envelope is the 4 bytes "k8s\\0" and a runtime.Unknown (typeMeta, raw, contentEncoding, contentType); raw is
the object's message, laid out as api/protobuf_fields.json says (field numbers, types, and the Go struct tags'
pointer, omitempty and inline: a zero value the Go server would drop from its JSON is dropped, an inlined struct's
fields join its parent's). The few types with their own JSON form (Time, MicroTime, Duration, Quantity,
IntOrString, RawExtension, FieldsV1, ExtraValue) are converted as their MarshalJSON writes them."""

from __future__ import annotations

import base64
import datetime
import json
import os
import struct
from typing import Any

from .. import errors

MAGIC = b"k8s\x00"
_SCHEMA: dict | None = None
_META = "k8s.io.apimachinery.pkg.apis.meta.v1."
_INTS = {"int32", "int64", "uint32", "uint64", "sint32", "sint64", "fixed32", "fixed64", "sfixed32", "sfixed64"}


def schema() -> dict:
    """api/protobuf_fields.json, read once (goorder.py reads the struct orders from it too)."""
    return _schema()


def _schema() -> dict:
    global _SCHEMA
    if _SCHEMA is None:
        path = os.path.join(os.path.dirname(os.path.dirname(__file__)), "api", "protobuf_fields.json")
        with open(path, encoding="utf-8") as fh:
            _SCHEMA = json.load(fh)
    return _SCHEMA


def _bad(detail: str) -> errors.BadRequest:
    return errors.BadRequest(f"the body of the request was in an unknown format - {detail}")


def _varint(data: bytes, i: int) -> tuple[int, int]:
    shift = value = 0
    while True:
        if i >= len(data):
            raise _bad("truncated varint")
        b = data[i]
        i += 1
        value |= (b & 0x7F) << shift
        if not b & 0x80:
            return value, i
        shift += 7
        if shift > 63:
            raise _bad("varint too long")


def _fields(data: bytes) -> list[tuple[int, int, Any]]:
    """The (field number, wire type, value) of a message, in order."""
    out = []
    i = 0
    while i < len(data):
        key, i = _varint(data, i)
        num, wire = key >> 3, key & 7
        if wire == 0:
            value, i = _varint(data, i)
        elif wire == 1:
            value, i = data[i:i + 8], i + 8
        elif wire == 2:
            n, i = _varint(data, i)
            value, i = data[i:i + n], i + n
        elif wire == 5:
            value, i = data[i:i + 4], i + 4
        else:
            raise _bad(f"unsupported wire type {wire}")
        if i > len(data):
            raise _bad("truncated field")
        out.append((num, wire, value))
    return out


def _scalar(typ: str, wire: int, value: Any) -> Any:
    if typ == "string":
        return bytes(value).decode("utf-8", "replace")
    if typ == "bytes":
        return base64.b64encode(bytes(value)).decode("ascii")
    if typ == "bool":
        return bool(value)
    if typ == "double":
        return struct.unpack("<d", value)[0]
    if typ == "float":
        return struct.unpack("<f", value)[0]
    if wire == 1:
        value = struct.unpack("<q" if typ.startswith(("s", "int")) else "<Q", value)[0]
    elif wire == 5:
        value = struct.unpack("<i" if typ.startswith(("s", "int")) else "<I", value)[0]
    elif typ in ("sint32", "sint64"):
        value = (value >> 1) ^ -(value & 1)
    elif typ in ("int32", "int64") and value >= 1 << 63:
        value -= 1 << 64
    return value


def _packed(typ: str, data: bytes) -> list:
    out, i = [], 0
    while i < len(data):
        if typ in ("double", "fixed64", "sfixed64"):
            out.append(_scalar(typ, 1, data[i:i + 8]))
            i += 8
        elif typ in ("float", "fixed32", "sfixed32"):
            out.append(_scalar(typ, 5, data[i:i + 4]))
            i += 4
        else:
            v, i = _varint(data, i)
            out.append(_scalar(typ, 0, v))
    return out


def _time(msg: dict, micro: bool) -> str | None:
    seconds, nanos = msg.get("seconds", 0), msg.get("nanos", 0)
    if (seconds == 0 or seconds == -62135596800) and nanos == 0:
        return None
    t = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc) + datetime.timedelta(seconds=seconds)
    if micro:
        return t.strftime("%Y-%m-%dT%H:%M:%S") + f".{nanos // 1000:06d}Z"
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def _duration(ns: int) -> str:
    """Go's time.Duration.String for the common cases (whole units down to nanoseconds)."""
    if ns == 0:
        return "0s"
    sign = "-" if ns < 0 else ""
    ns = abs(ns)
    if ns < 1_000_000_000:
        for unit, size in (("ms", 1_000_000), ("µs", 1000), ("ns", 1)):
            if ns >= size:
                text = f"{ns / size:.9f}".rstrip("0").rstrip(".")
                return f"{sign}{text}{unit}"
    h, rest = divmod(ns, 3_600_000_000_000)
    m, rest = divmod(rest, 60_000_000_000)
    s = f"{rest / 1_000_000_000:.9f}".rstrip("0").rstrip(".")
    out = (f"{h}h" if h else "") + (f"{m}m" if h or m else "") + f"{s}s"
    return sign + out


def _special(typ: str, data: bytes) -> tuple[bool, Any]:
    if typ in (_META + "Time", _META + "MicroTime"):
        return True, _time(decode_message(data, typ), typ.endswith("MicroTime"))
    if typ == _META + "Duration":
        return True, _duration(decode_message(data, typ).get("duration", 0))
    if typ == "k8s.io.apimachinery.pkg.api.resource.Quantity":
        return True, decode_message(data, typ).get("string", "")
    if typ == "k8s.io.apimachinery.pkg.util.intstr.IntOrString":
        m = decode_message(data, typ, keep_zero=True)
        return True, m.get("strVal", "") if m.get("type") == 1 else m.get("intVal", 0)
    if typ in ("k8s.io.apimachinery.pkg.runtime.RawExtension", _META + "FieldsV1"):
        raw = next((bytes(v) for n, w, v in _fields(data) if n == 1), b"")
        try:
            return True, json.loads(raw) if raw else None
        except ValueError:
            return True, None
    if typ.endswith(".ExtraValue") or typ == _META + "Verbs":
        return True, [bytes(v).decode("utf-8", "replace") for n, w, v in _fields(data) if n == 1]
    return False, None


def _value(typ: str, wire: int, value: Any) -> Any:
    if "." in typ:
        done, converted = _special(typ, bytes(value))
        return converted if done else decode_message(bytes(value), typ)
    return _scalar(typ, wire, value)


def decode_message(data: bytes, typ: str, keep_zero: bool = False) -> dict:
    fields = _schema()["messages"].get(typ)
    if fields is None:
        raise _bad(f"no protobuf layout is known for {typ}")
    out: dict[str, Any] = {}
    for num, wire, value in _fields(data):
        spec = fields.get(str(num))
        if spec is None:
            continue  # a field this layout does not know (a newer client): ignored, as an unknown JSON field
        name, ftyp, label, flags = spec
        if label.startswith("m:"):
            entry = {n: (w, v) for n, w, v in _fields(bytes(value))}
            k = _scalar(label[2:], *entry[1]) if 1 in entry else ""
            if 2 in entry:
                w, v = entry[2]
                val = _value(ftyp, w, v)
            else:
                val = "" if ftyp in ("string", "bytes") else None
            out.setdefault(name, {})[k] = val
            continue
        if wire == 2 and label == "r" and "." not in ftyp and ftyp not in ("string", "bytes"):
            out.setdefault(name, []).extend(_packed(ftyp, bytes(value)))
            continue
        item = _value(ftyp, wire, value)
        if label == "r":
            out.setdefault(name, []).append(item)
        elif "i" in flags and isinstance(item, dict):
            out.update(item)
        else:
            out[name] = item
    if not keep_zero:
        for spec in fields.values():
            name, ftyp, label, flags = spec
            if "o" in flags and "p" not in flags and not label and name in out and \
                    out[name] in ("", 0, False) and out[name] is not None and type(out[name]) in (str, int, bool):
                del out[name]
    return out


def decode(body: bytes) -> dict:
    """A protobuf request body as the JSON object it stands for."""
    if not body.startswith(MAGIC):
        raise _bad("the protobuf envelope (k8s\\0) is missing")
    type_meta: dict = {}
    raw = b""
    for num, wire, value in _fields(body[len(MAGIC):]):
        if num == 1 and wire == 2:
            type_meta = {n: bytes(v).decode("utf-8", "replace") for n, w, v in _fields(bytes(value))}
        elif num == 2 and wire == 2:
            raw = bytes(value)
    api_version, kind = type_meta.get(1, ""), type_meta.get(2, "")
    typ = _schema()["kinds"].get(f"{api_version}/{kind}")
    # metav1.AddToGroupVersion registers DeleteOptions in every group version: a typed client of any group (rbac's,
    # when auth reconcile re-creates a binding) sends it under its own apiVersion.
    if typ is None and (api_version == "meta.k8s.io/v1" or kind == "DeleteOptions"):
        typ = _META + kind
    if typ is None:
        raise _bad(f"no protobuf layout is known for {api_version}, Kind={kind}")
    obj = {"kind": kind, "apiVersion": api_version}
    obj.update(decode_message(raw, typ))
    return obj
