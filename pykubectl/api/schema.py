"""OpenAPI schemas of the served kinds, and the API server's decode-time checks against them.

Schemas live in ``schemas/v1.32/`` (one JSON file per Go package, see ``tools/gen_schemas.py``); an installed
pykubectl carries them as ``pykubectl/schemas/v1.32/``. A kind's schema is compiled on first use into small
tuples and cached, so ``check`` on a typical Deployment costs well under a millisecond.

``check`` reproduces what the server's JSON decoder (sigs.k8s.io/json over Go's encoding/json) reports when
kubectl sends an object: the object arrives as JSON with keys sorted (kubectl marshals a map), so the walk
visits keys in sorted order; the first type mismatch is kept and decoding goes on; an error from a type's own
UnmarshalJSON (Quantity, IntOrString, Time) stops decoding at once and wins; unknown fields are only reported
(strict mode) when there is no other error.
"""

from __future__ import annotations

import json
import re
import os
from typing import Any

SCHEMA_VERSION_DIR = "v1.32"
EMULATED_VERSION = "v1.32"  # the version every command emulates; validate may pick another (use_version)
_REF_PREFIX = "#/components/schemas/"

# ------------------------------------------------------------------------------------------------ loading

_schema_dir: str | None = None  # os.path, not pathlib: pathlib's import is ~7 ms of every apply
_packages: dict[str, dict[str, dict]] = {}
_index: dict[str, Any] | None = None


def schemas_roots() -> list[str]:
    """The folders holding one sub-folder per Kubernetes version: the installed package data, else the source
    checkout's ``schemas/``."""
    here = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))  # the pykubectl package
    return [os.path.join(here, "schemas"), os.path.join(os.path.dirname(here), "schemas")]


def available_versions() -> list[str]:
    """The versions whose schemas are present (``v1.32``, ...): adding one is a data drop by tools/gen_schemas.py."""
    found: set[str] = set()
    for root in schemas_roots():
        if os.path.isdir(root):
            found.update(d for d in os.listdir(root) if os.path.isfile(os.path.join(root, d, "index.json")))
    return sorted(found, key=lambda v: tuple(int(x) for x in re.findall(r"\d+", v)))


def use_version(version: str) -> None:
    """Validate against another version's schemas from now on (``pykubectl validate --kubernetes-version``)."""
    global SCHEMA_VERSION_DIR, _schema_dir, _index, _enums
    if version == SCHEMA_VERSION_DIR:
        return
    SCHEMA_VERSION_DIR = version
    _schema_dir = None
    _index = None
    _packages.clear()
    _documented.clear()
    _enums = None
    _structs.clear()
    for hook in _RESET_HOOKS:
        hook()


_RESET_HOOKS: list = []  # caches elsewhere built from the schemas (validate.fastcheck) register here


def schema_dir() -> str:
    """Where the current version's schema files are."""
    global _schema_dir
    if _schema_dir is None:
        for root in schemas_roots():
            candidate = os.path.join(root, SCHEMA_VERSION_DIR)
            if os.path.isfile(os.path.join(candidate, "index.json")):
                _schema_dir = candidate
                break
        else:
            raise FileNotFoundError(f"no schemas/{SCHEMA_VERSION_DIR}/index.json next to the pykubectl package")
    return _schema_dir


def _load_index() -> dict[str, Any]:
    global _index
    if _index is None:
        with open(os.path.join(schema_dir(), "index.json"), encoding="utf-8") as fh:
            _index = json.load(fh)
    return _index


def load_definition(name: str) -> dict:
    """The OpenAPI v3 schema of one definition (``io.k8s.api.apps.v1.Deployment``); loads only its package's
    file. ``KeyError`` if unknown."""
    pkg = name.rsplit(".", 1)[0]
    defs = _packages.get(pkg)
    if defs is None:
        path = os.path.join(schema_dir(), f"{pkg}.json")
        if not os.path.isfile(path):
            raise KeyError(name)
        with open(path, encoding="utf-8") as fh:
            defs = json.load(fh)["definitions"]
        _packages[pkg] = defs
    return defs[name]


_enums: dict[str, dict] | None = None
_documented: dict[str, dict] = {}


def documented_definition(name: str) -> dict:
    """A definition as the API server documents it for ``explain``: the shared spec plus the enum values and
    "Possible enum values" paragraphs that the real v1.32 server publishes but the dump lacks, overlaid from
    schemas/<version>/enums.json (derived from the Go API types by tools/gen_enums.py). ``KeyError`` if unknown."""
    global _enums
    got = _documented.get(name)
    if got is not None:
        return got
    base = load_definition(name)
    if _enums is None:
        path = os.path.join(schema_dir(), "enums.json")
        _enums = {}
        if os.path.isfile(path):
            with open(path, encoding="utf-8") as fh:
                _enums = json.load(fh)["definitions"]
    extra = _enums.get(name)
    if extra:
        props = dict(base.get("properties") or {})
        for prop, add in extra.items():
            if prop not in props:
                continue
            p = dict(props[prop])
            if "enum" in add:
                p["enum"] = add["enum"]
            if "description" in add:
                p["description"] = add["description"]
            if "items_enum" in add and isinstance(p.get("items"), dict):
                p["items"] = {**p["items"], "enum": add["items_enum"]}
            if "additional_enum" in add and isinstance(p.get("additionalProperties"), dict):
                p["additionalProperties"] = {**p["additionalProperties"], "enum": add["additional_enum"]}
            props[prop] = p
        base = {**base, "properties": props}
    _documented[name] = base
    return base


def resolve_ref(ref: str) -> str:
    """``#/components/schemas/X`` -> ``X``."""
    return ref[len(_REF_PREFIX):] if ref.startswith(_REF_PREFIX) else ref.rsplit("/", 1)[-1]


def definition_name(group: str, version: str, kind: str) -> str | None:
    """The definition holding a kind's schema at one version, or ``None``."""
    return _load_index()["gvk"].get(f"{group}/{version}/{kind}")


def kind_schema(kind: Any, version: str | None = None) -> dict:
    """The top-level schema of a registry ``Kind`` (at ``version``, default the kind's own)."""
    name = definition_name(kind.group, version or kind.version, kind.kind)
    if name is None:
        raise KeyError(f"{kind.group}/{version or kind.version}/{kind.kind}")
    return load_definition(name)


# ------------------------------------------------------------------------------------------------ compiling

# Node tags. A node is a tuple (tag, arg, go_type_string).
_STRUCT, _INT, _FLOAT, _STR, _BOOL, _BYTES, _ARRAY, _MAP, _ANY, _IOS, _QTY, _TIME = range(12)

_SPECIAL = {
    "io.k8s.apimachinery.pkg.util.intstr.IntOrString": (_IOS, None, "intstr.IntOrString"),
    "io.k8s.apimachinery.pkg.api.resource.Quantity": (_QTY, None, "resource.Quantity"),
    "io.k8s.apimachinery.pkg.apis.meta.v1.Time": (_TIME, False, "v1.Time"),
    "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime": (_TIME, True, "v1.MicroTime"),
    "io.k8s.apimachinery.pkg.runtime.RawExtension": (_ANY, None, "runtime.RawExtension"),
    "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1": (_ANY, None, "v1.FieldsV1"),
}

# Go named types the OpenAPI schema does not name but UnmarshalTypeError prints (type.String()).
# Keyed by (definition short name, field); the most common fields users get wrong.
_GO_TYPE_OVERRIDES = {
    ("Container", "imagePullPolicy"): "v1.PullPolicy",
    ("EphemeralContainer", "imagePullPolicy"): "v1.PullPolicy",
    ("Container", "terminationMessagePolicy"): "v1.TerminationMessagePolicy",
    ("ContainerPort", "protocol"): "v1.Protocol",
    ("ServicePort", "protocol"): "v1.Protocol",
    ("EndpointPort", "protocol"): "v1.Protocol",
    ("PodSpec", "restartPolicy"): "v1.RestartPolicy",
    ("PodSpec", "dnsPolicy"): "v1.DNSPolicy",
    ("PodSpec", "preemptionPolicy"): "v1.PreemptionPolicy",
    ("ServiceSpec", "type"): "v1.ServiceType",
    ("ServiceSpec", "sessionAffinity"): "v1.ServiceAffinity",
    ("ServiceSpec", "externalTrafficPolicy"): "v1.ServiceExternalTrafficPolicy",
    ("ServiceSpec", "internalTrafficPolicy"): "v1.ServiceInternalTrafficPolicy",
    ("DeploymentStrategy", "type"): "v1.DeploymentStrategyType",
    ("DaemonSetUpdateStrategy", "type"): "v1.DaemonSetUpdateStrategyType",
    ("StatefulSetUpdateStrategy", "type"): "v1.StatefulSetUpdateStrategyType",
    ("StatefulSetSpec", "podManagementPolicy"): "v1.PodManagementPolicyType",
    ("CronJobSpec", "concurrencyPolicy"): "v1.ConcurrencyPolicy",
    ("Toleration", "operator"): "v1.TolerationOperator",
    ("Toleration", "effect"): "v1.TaintEffect",
    ("Taint", "effect"): "v1.TaintEffect",
    ("Secret", "type"): "v1.SecretType",
    ("PersistentVolumeClaimSpec", "volumeMode"): "v1.PersistentVolumeMode",
    ("HTTPIngressPath", "pathType"): "v1.PathType",
}
_MAP_TYPE_OVERRIDES = {
    ("ResourceRequirements", "limits"): "v1.ResourceList",
    ("ResourceRequirements", "requests"): "v1.ResourceList",
    ("ResourceQuotaSpec", "hard"): "v1.ResourceList",
    ("PodSpec", "overhead"): "v1.ResourceList",
    ("NodeStatus", "capacity"): "v1.ResourceList",
    ("NodeStatus", "allocatable"): "v1.ResourceList",
    ("PersistentVolumeSpec", "capacity"): "v1.ResourceList",
}

_structs: dict[str, tuple[str, dict[str, tuple]]] = {}  # definition -> (Go struct name, fields)
_ANY_NODE = (_ANY, None, "interface {}")


def _go_pkg(defname: str) -> str:
    return defname.rsplit(".", 2)[-2]


def _ref_node(defname: str) -> tuple:
    special = _SPECIAL.get(defname)
    if special is not None:
        return special
    d = load_definition(defname)
    if d.get("x-kubernetes-preserve-unknown-fields") or d.get("x-kubernetes-int-or-string"):
        return _SPECIAL["io.k8s.apimachinery.pkg.util.intstr.IntOrString"] if d.get(
            "x-kubernetes-int-or-string") else _ANY_NODE
    if "properties" in d:
        return (_STRUCT, defname, f"{_go_pkg(defname)}.{defname.rsplit('.', 1)[1]}")
    if "type" not in d or (d.get("type") == "object" and "additionalProperties" not in d):
        return (_ANY, None, f"{_go_pkg(defname)}.{defname.rsplit('.', 1)[1]}")
    return _node(d, None, None)


def _node(s: dict, owner: str | None, field: str | None) -> tuple:
    all_of = s.get("allOf")
    if all_of and len(all_of) == 1 and "$ref" in all_of[0]:
        return _ref_node(resolve_ref(all_of[0]["$ref"]))
    if "$ref" in s:
        return _ref_node(resolve_ref(s["$ref"]))
    if s.get("x-kubernetes-preserve-unknown-fields"):
        return _ANY_NODE
    if s.get("x-kubernetes-int-or-string") or s.get("format") == "int-or-string":
        return _SPECIAL["io.k8s.apimachinery.pkg.util.intstr.IntOrString"]
    t = s.get("type")
    override = _GO_TYPE_OVERRIDES.get((owner, field)) if owner else None
    if t == "integer":
        bits = 32 if s.get("format") == "int32" else 64
        return (_INT, bits, override or f"int{bits}")
    if t == "number":
        return (_FLOAT, None, override or "float64")
    if t == "boolean":
        return (_BOOL, None, override or "bool")
    if t == "string":
        fmt = s.get("format")
        if fmt == "byte":
            return (_BYTES, None, "[]uint8")
        if fmt == "date-time":
            return _SPECIAL["io.k8s.apimachinery.pkg.apis.meta.v1.Time"]
        return (_STR, None, override or "string")
    if t == "array":
        item = _node(s.get("items", {}), owner, field)
        return (_ARRAY, item, override or f"[]{item[2]}")
    if t == "object":
        ap = s.get("additionalProperties")
        if isinstance(ap, dict):
            val = _node(ap, None, None)
            return (_MAP, val, _MAP_TYPE_OVERRIDES.get((owner, field)) or f"map[string]{val[2]}")
        return _ANY_NODE
    return _ANY_NODE


def _struct(defname: str) -> tuple[str, dict[str, tuple]]:
    compiled = _structs.get(defname)
    if compiled is None:
        short = defname.rsplit(".", 1)[1]
        props = load_definition(defname).get("properties", {})
        compiled = (short, {name: _node(s, short, name) for name, s in props.items()})
        _structs[defname] = compiled
    return compiled


# ------------------------------------------------------------------------------------------------ go texts

def go_quote(s: str) -> str:
    """Go's strconv.Quote (%q): printable Unicode kept, the rest escaped."""
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == '"' or ch == "\\":
            out.append("\\" + ch)
        elif ch in "\a\b\f\n\r\t\v":
            out.append({"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t",
                        "\v": "\\v"}[ch])
        elif o < 0x20 or o == 0x7F:
            out.append(f"\\x{o:02x}")
        elif not ch.isprintable() and o > 0x7F:
            out.append(f"\\u{o:04x}" if o <= 0xFFFF else f"\\U{o:08x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def go_number_literal(v: int | float) -> str:
    """The JSON text Go's encoder writes for a number kubectl decoded from YAML."""
    if isinstance(v, int):
        return str(v)
    if v != v or v in (float("inf"), float("-inf")):
        return str(v)
    a = abs(v)
    if a != 0 and (a < 1e-6 or a >= 1e21):
        mant, exp = repr(v).split("e") if "e" in repr(v) else (f"{v:e}".split("e"))
        mant = mant.rstrip("0").rstrip(".") if "." in mant else mant
        sign = "-" if exp.startswith("-") else "+"
        digits = exp.lstrip("+-").lstrip("0") or "0"
        if len(digits) < 2 and sign == "+":
            digits = "0" + digits  # strconv keeps two exponent digits; encoding/json trims "e-07" to "e-7"
        return f"{mant}e{sign}{digits}"
    if v == int(v):
        return str(int(v))
    from decimal import Decimal  # shortest round-trip digits, written without an exponent as Go's 'f'

    return format(Decimal(repr(v)), "f")


def _json_kind(v: Any) -> str:
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, str):
        return "string"
    if isinstance(v, (int, float)):
        return "number"
    if isinstance(v, dict):
        return "object"
    if isinstance(v, list):
        return "array"
    return "null"


_QTY_ERR_FORMAT = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
_QTY_ERR_SUFFIX = "unable to parse quantity's suffix"
_QTY_RE = re.compile(r"([+-]?)0*([0-9]*)(?:\.([0-9]*))?([eEinumkKMGTP]*[-+]?[0-9]*)")
_QTY_SUFFIXES = frozenset(["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "n", "u", "m", "k", "M", "G", "T", "P", "E"])
_EXP_SUFFIX = re.compile(r"[eE][-+]?[0-9]+")


def quantity_error(text: str) -> str | None:
    """resource.ParseQuantity's error for the (unquoted, trimmed) text, or None if it parses."""
    s = text.strip()
    if not s:
        return _QTY_ERR_FORMAT
    m = _QTY_RE.fullmatch(s)
    if m is None:
        return _QTY_ERR_FORMAT
    suffix = m.group(4)
    if suffix not in _QTY_SUFFIXES and not _EXP_SUFFIX.fullmatch(suffix):
        return _QTY_ERR_SUFFIX
    return None


def _days_in(month: int, year: int) -> int:
    if month == 2:
        return 29 if (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def time_error(value: str) -> str | None:
    """time.Parse(time.RFC3339, value)'s error text, or None. Follows Go's element-by-element parser."""
    layout = "2006-01-02T15:04:05Z07:00"

    def bad(layout_elem: str, value_elem: str) -> str:
        return (f"parsing time {go_quote(value)} as {go_quote(layout)}: cannot parse {go_quote(value_elem)} "
                f"as {go_quote(layout_elem)}")

    def out_of_range(what: str) -> str:
        return f"parsing time {go_quote(value)}: {what} out of range"

    rest = value

    def num(fixed: bool) -> int | None:
        nonlocal rest
        if not rest[:1].isdigit():
            return None
        if len(rest) < 2 or not rest[1].isdigit():
            if fixed:
                return None
            n, rest = int(rest[0]), rest[1:]
            return n
        n, rest = int(rest[:2]), rest[2:]
        return n

    # year
    if len(rest) < 4 or not rest[:4].isdigit():
        return bad("2006", rest)
    year, rest = int(rest[:4]), rest[4:]
    fields = {}
    for prefix, elem, fixed, name, hi in (("-", "01", True, "month", 12), ("-", "02", True, "day", 31),
                                          ("T", "15", False, "hour", 23), (":", "04", True, "minute", 59),
                                          (":", "05", True, "second", 59)):
        if not rest.startswith(prefix):
            return bad(prefix, rest)
        rest = rest[len(prefix):]
        hold = rest
        n = num(fixed)
        if n is None:
            return bad(elem, hold)
        lo = 1 if name in ("month", "day") else 0
        if name != "day" and not lo <= n <= hi:
            return out_of_range(name)
        if name == "day" and not 1 <= n <= 31:
            return out_of_range("day")
        fields[name] = n
    if len(rest) >= 2 and rest[0] in ".," and rest[1].isdigit():
        i = 1
        while i < len(rest) and rest[i].isdigit():
            i += 1
        rest = rest[i:]
    hold = rest
    if rest.startswith("Z"):
        rest = rest[1:]
    else:
        if len(rest) < 6 or rest[3] != ":" or rest[0] not in "+-" or not (
                rest[1:3].isdigit() and rest[4:6].isdigit()):
            return bad("Z07:00", hold)
        rest = rest[6:]
    if rest:
        return f"parsing time {go_quote(value)}: extra text: {go_quote(rest)}"
    if fields["day"] > _days_in(fields["month"], year):
        return f"parsing time {go_quote(value)}: day out of range"
    return None


def _base64_error(s: str) -> str | None:
    """encoding/base64.StdEncoding.Decode's error for s (newlines are skipped, as Go does)."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    n = len(s)
    i = 0
    while i < n:
        quantum: list[str] = []
        while len(quantum) < 4:
            if i >= n:
                if not quantum:
                    return None
                # Go reports a truncated quantum at the input length less the characters it holds
                return f"illegal base64 data at input byte {n - len(quantum)}"
            c = s[i]
            if c in "\r\n":
                i += 1
                continue
            if c == "=":
                if len(quantum) < 2:
                    return f"illegal base64 data at input byte {i}"
                # padding must complete the quantum and end the input (allowing trailing newlines)
                pads_needed = 4 - len(quantum)
                j = i
                for _ in range(pads_needed):
                    while j < n and s[j] in "\r\n":
                        j += 1
                    if j >= n:
                        return f"illegal base64 data at input byte {n}"
                    if s[j] != "=":
                        return f"illegal base64 data at input byte {j}"
                    j += 1
                while j < n and s[j] in "\r\n":
                    j += 1
                if j < n:
                    return f"illegal base64 data at input byte {j}"
                return None
            if c not in alphabet:
                return f"illegal base64 data at input byte {i}"
            quantum.append(c)
            i += 1
    return None


# ------------------------------------------------------------------------------------------------ decoding

class _Abort(Exception):
    """An error returned by a type's UnmarshalJSON: decoding stops and this error wins."""


class _Decoder:
    __slots__ = ("strict", "type_error", "unknown", "seen")

    def __init__(self, strict: bool):
        self.strict = strict
        self.type_error: str | None = None
        self.unknown: list[str] = []
        self.seen: set[str] = set()

    def type_err(self, value_desc: str, go_type: str, struct: str, stack: list[str]) -> None:
        if self.type_error is None:
            self.type_error = _unmarshal_type_error(value_desc, go_type, struct, stack)

    def walk(self, v: Any, node: tuple, struct: str, stack: list[str], spath: str) -> None:
        if v is None:
            return
        tag = node[0]
        if tag == _STRUCT:
            if not isinstance(v, dict):
                self.type_err(_json_kind(v), node[2], struct, stack)
                return
            self.walk_struct(v, node[1], stack, spath)
        elif tag == _STR:
            if not isinstance(v, str):
                self.type_err(_json_kind(v), node[2], struct, stack)
        elif tag == _INT:
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                self.type_err(_json_kind(v), node[2], struct, stack)
                return
            lit = go_number_literal(v)
            limit = 1 << (node[1] - 1)
            if not re.fullmatch(r"-?[0-9]+", lit) or not -limit <= int(lit) < limit:
                self.type_err("number " + lit, node[2], struct, stack)
        elif tag == _BOOL:
            if not isinstance(v, bool):
                self.type_err(_json_kind(v), node[2], struct, stack)
        elif tag == _ARRAY:
            if not isinstance(v, list):
                self.type_err(_json_kind(v), node[2], struct, stack)
                return
            item = node[1]
            for i, x in enumerate(v):
                self.walk(x, item, struct, stack, f"{spath}[{i}]")
        elif tag == _MAP:
            if not isinstance(v, dict):
                self.type_err(_json_kind(v), node[2], struct, stack)
                return
            val = node[1]
            for k in sorted(v):
                self.walk(v[k], val, struct, stack, f"{spath}.{k}" if spath else k)
        elif tag == _ANY:
            return
        elif tag == _QTY:
            if isinstance(v, str):
                err = quantity_error(v)
            elif isinstance(v, bool) or not isinstance(v, (int, float)):
                err = _QTY_ERR_FORMAT
            else:
                err = quantity_error(go_number_literal(v))
            if err:
                raise _Abort(err)
        elif tag == _IOS:
            if isinstance(v, str):
                return
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                raise _Abort(_unmarshal_type_error(_json_kind(v), "int32", struct, stack))
            lit = go_number_literal(v)
            if not re.fullmatch(r"-?[0-9]+", lit) or not -(1 << 31) <= int(lit) < (1 << 31):
                raise _Abort(_unmarshal_type_error("number " + lit, "int32", struct, stack))
        elif tag == _TIME:
            if not isinstance(v, str):
                raise _Abort(_unmarshal_type_error(_json_kind(v), "string", struct, stack))
            err = time_error(v)
            if err:
                raise _Abort(err)
        elif tag == _FLOAT:
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                self.type_err(_json_kind(v), node[2], struct, stack)
        elif tag == _BYTES:
            if isinstance(v, str):
                err = _base64_error(v)
                if err and self.type_error is None:
                    self.type_error = err  # saved without field context, as encoding/json does
            elif isinstance(v, list):
                for x in v:
                    if x is not None and (isinstance(x, bool) or not isinstance(x, int) or not 0 <= x < 256):
                        self.type_err(_json_kind(x) if not isinstance(x, (int, float)) or isinstance(x, bool)
                                      else "number " + go_number_literal(x), "uint8", struct, stack)
            else:
                self.type_err(_json_kind(v), node[2], struct, stack)

    def walk_struct(self, obj: dict, defname: str, stack: list[str], spath: str) -> None:
        short, fields = _struct(defname)
        for key in sorted(obj):
            node = fields.get(key)
            if node is None:
                if self.strict:
                    msg = "unknown field " + go_quote(f"{spath}.{key}" if spath else key)
                    if msg not in self.seen and len(self.unknown) < 100:
                        self.seen.add(msg)
                        self.unknown.append(msg)
                continue
            stack.append(key)
            self.walk(obj[key], node, short, stack, f"{spath}.{key}" if spath else key)
            stack.pop()


def _unmarshal_type_error(value_desc: str, go_type: str, struct: str, stack: list[str]) -> str:
    if struct or stack:
        return f"json: cannot unmarshal {value_desc} into Go struct field {struct}.{'.'.join(stack)} of type {go_type}"
    return f"json: cannot unmarshal {value_desc} into Go value of type {go_type}"


def _definition_for(obj: dict, kind: Any) -> tuple[str, str]:
    """(definition name, version) for the object's apiVersion if served, else the kind's preferred."""
    api_version = obj.get("apiVersion") if isinstance(obj, dict) else None
    version = kind.version
    if isinstance(api_version, str):
        v = api_version.rpartition("/")[2]
        if v in kind.versions:
            version = v
    name = definition_name(kind.group, version, kind.kind)
    if name is None:
        raise KeyError(f"{kind.group}/{version}/{kind.kind}")
    return name, version


def _decode(obj: dict, kind: Any, strict: bool) -> tuple[str | None, list[str], str]:
    defname, version = _definition_for(obj, kind)
    d = _Decoder(strict)
    try:
        if not isinstance(obj, dict):
            d.type_err(_json_kind(obj), f"{_go_pkg(defname)}.{kind.kind}", "", [])
        else:
            d.walk_struct(obj, defname, [], "")
    except _Abort as abort:
        return str(abort), [], version
    return d.type_error, d.unknown, version


def check(obj: dict, kind: Any, strict: bool = True) -> list[str]:
    """The decoder's complaints about ``obj`` as a ``kind`` (a registry ``Kind``).

    Either ``[one type error]`` (``json: cannot unmarshal string into Go struct field
    DeploymentSpec.spec.replicas of type int32``; the first one wins and hides unknown fields, as on the
    server), or, when ``strict``, the unknown fields in the decoder's order (``unknown field
    "spec.template.spec.containers[0].imagePullPolcy"``), or ``[]``. See ``decode_error`` for the full text.
    """
    type_error, unknown, _ = _decode(obj, kind, strict)
    if type_error is not None:
        return [type_error]
    return unknown


def decode_error(obj: dict, kind: Any, strict: bool = True) -> str | None:
    """The API server's BadRequest detail for this object, or ``None``: ``Deployment in version "v1" cannot
    be handled as a Deployment: strict decoding error: unknown field "spec.replica"`` (callers prefix
    ``Error from server (BadRequest): error when creating "f.yaml": ``)."""
    type_error, unknown, version = _decode(obj, kind, strict)
    if type_error is not None:
        reason = type_error
    elif unknown:
        reason = "strict decoding error: " + ", ".join(unknown)
    else:
        return None
    return f"{kind.kind} in version {go_quote(version)} cannot be handled as a {kind.kind}: {reason}"


# What Go's decoder leaves in an element of a list or a map when the JSON says null there: the type's zero value
# (a struct, string, number or bool element cannot be nil). Quantity and IntOrString decode null as zero too.
_ZERO_ELEMENT = {_STRUCT: dict, _STR: str, _INT: int, _FLOAT: int, _BOOL: bool, _QTY: lambda: "0", _IOS: int}


def omit_nulls(obj: dict, kind: Any) -> dict:
    """The object as the API server holds it after decoding: a JSON ``null`` in a field means the field is absent
    (Go decodes null into a nil pointer, slice or map, or leaves the zero value, which the server writes back as
    omitted; a zero Time is written back as null, so a Time stays null), and a null element of a list or value of a map becomes its type's zero value (``{}``, ``""``,
    ``0``). Fields the schema does not type (``x-kubernetes-preserve-unknown-fields``, raw extensions) keep their
    nulls. Changes ``obj`` in place and returns it; objects with no null are walked without a copy."""
    try:
        defname, _ = _definition_for(obj, kind)
    except KeyError:
        return obj
    _omit_struct(obj, defname)
    return obj


def _omit_struct(obj: dict, defname: str) -> None:
    fields = _struct(defname)[1]
    drop = None
    for key, v in obj.items():
        if v is None:
            node = fields.get(key)
            if node is not None and node[0] == _TIME:
                continue  # a zero metav1.Time is written back as null (creationTimestamp: null)
            drop = drop or []
            drop.append(key)
        elif v.__class__ is dict or v.__class__ is list:
            node = fields.get(key)
            if node is not None:
                _omit(v, node)
    if drop:
        for key in drop:
            del obj[key]


def _omit(v: Any, node: tuple) -> None:
    tag = node[0]
    if tag == _STRUCT:
        if v.__class__ is dict:
            _omit_struct(v, node[1])
    elif tag == _ARRAY:
        if v.__class__ is list:
            item = node[1]
            zero = _ZERO_ELEMENT.get(item[0])
            for i, x in enumerate(v):
                if x is None:
                    if zero is not None:
                        v[i] = zero()
                elif x.__class__ is dict or x.__class__ is list:
                    _omit(x, item)
    elif tag == _MAP:
        if v.__class__ is dict:
            val = node[1]
            zero = _ZERO_ELEMENT.get(val[0])
            for k, x in v.items():
                if x is None:
                    if zero is not None:
                        v[k] = zero()
                elif x.__class__ is dict or x.__class__ is list:
                    _omit(x, val)


def unknown_fields(obj: dict, kind: Any) -> list[str]:
    """``unknown field "x"`` texts for ``--validate=warn`` (kubectl prints each as ``Warning: ...``)."""
    _, unknown, _ = _decode(obj, kind, True)
    return unknown


validate_schema_fast = check
