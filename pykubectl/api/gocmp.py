"""go-cmp's ``cmp.Diff`` of two internal API values, as the API server puts it in a few messages (a bound
PersistentVolumeClaim's spec, a PersistentVolume's source: ``... is immutable after creation\\n<diff>``).

A port of the parts of go-cmp v0.6.0 those values reach: the comparison that builds the tree of compared values
(structs field by field, pointers through, maps over the union of their keys, slices element by element, types
with an Equal method such as resource.Quantity as leaves), and the reporter (which records to show, with two
records of context around a difference and ``... // N identical fields`` for the rest; the type names it prints
or leaves out; the verbosity limits that turn deep values into ``{...}``; the compact or expanded layout with
aligned keys). go-cmp randomly writes a non-breaking space after a line's ``-``/``+``/`` `` marker; this writes a
plain space.

Values come in as JSON (the v1 fields the internal types mirror) with a Go type from the tables below.
"""

from __future__ import annotations

from typing import Any

from . import quantity
from .schema import go_quote


# ---- Go types --------------------------------------------------------------------------------------------------

class GoType:
    __slots__ = ("kind", "name", "elem", "key", "fields", "stringer", "equal")

    def __init__(self, kind: str, name: str = "", elem: GoType | None = None, key: GoType | None = None,
                 fields: list[tuple[str, str, GoType]] | None = None, stringer: bool = False, equal: bool = False):
        self.kind, self.name, self.elem, self.key = kind, name, elem, key
        self.fields, self.stringer, self.equal = fields, stringer, equal

    def type_string(self) -> str:
        if self.name:
            return self.name
        if self.kind == "ptr":
            return "*" + self.elem.type_string()  # type: ignore[union-attr]
        if self.kind == "slice":
            return "[]" + self.elem.type_string()  # type: ignore[union-attr]
        if self.kind == "map":
            return f"map[{self.key.type_string()}]{self.elem.type_string()}"  # type: ignore[union-attr]
        return self.kind


STRING, INT64, INT32, BOOL = GoType("string"), GoType("int64"), GoType("int32"), GoType("bool")


def _named_string(name: str, stringer: bool = False) -> GoType:
    return GoType("string", name, stringer=stringer)


def _ptr(t: GoType) -> GoType:
    return GoType("ptr", elem=t)


def _slice(t: GoType) -> GoType:
    return GoType("slice", elem=t)


def _struct(name: str, *fields: tuple[str, str, GoType]) -> GoType:
    return GoType("struct", name, fields=list(fields))


_INT64_AMOUNT = _struct("resource.int64Amount", ("value", "", INT64), ("scale", "", GoType("int32", "resource.Scale")))
_INF_DEC = _struct("resource.infDecAmount", ("Dec", "", _ptr(GoType("struct", "inf.Dec", fields=[]))))
QUANTITY = GoType("struct", "resource.Quantity", fields=[("i", "", _INT64_AMOUNT), ("d", "", _INF_DEC),
                                                         ("s", "", STRING),
                                                         ("Format", "", _named_string("resource.Format"))],
                  equal=True)
RESOURCE_LIST = GoType("map", "core.ResourceList", elem=QUANTITY,
                       key=_named_string("core.ResourceName", stringer=True))
_LABEL_SELECTOR = _struct(
    "v1.LabelSelector", ("MatchLabels", "matchLabels", GoType("map", key=STRING, elem=STRING)),
    ("MatchExpressions", "matchExpressions", _slice(_struct(
        "v1.LabelSelectorRequirement", ("Key", "key", STRING),
        ("Operator", "operator", _named_string("v1.LabelSelectorOperator")), ("Values", "values", _slice(STRING))))))
PVC_SPEC = _struct(
    "core.PersistentVolumeClaimSpec",
    ("AccessModes", "accessModes", _slice(_named_string("core.PersistentVolumeAccessMode"))),
    ("Selector", "selector", _ptr(_LABEL_SELECTOR)),
    ("Resources", "resources", _struct("core.VolumeResourceRequirements", ("Limits", "limits", RESOURCE_LIST),
                                       ("Requests", "requests", RESOURCE_LIST))),
    ("VolumeName", "volumeName", STRING),
    ("StorageClassName", "storageClassName", _ptr(STRING)),
    ("VolumeMode", "volumeMode", _ptr(_named_string("core.PersistentVolumeMode"))),
    ("DataSource", "dataSource", _ptr(_struct("core.TypedLocalObjectReference", ("APIGroup", "apiGroup", _ptr(STRING)),
                                              ("Kind", "kind", STRING), ("Name", "name", STRING)))),
    ("DataSourceRef", "dataSourceRef", _ptr(_struct(
        "core.TypedObjectReference", ("APIGroup", "apiGroup", _ptr(STRING)), ("Kind", "kind", STRING),
        ("Name", "name", STRING), ("Namespace", "namespace", _ptr(STRING))))),
    ("VolumeAttributesClassName", "volumeAttributesClassName", _ptr(STRING)))
_SECRET_REF = _ptr(_struct("core.SecretReference", ("Name", "name", STRING), ("Namespace", "namespace", STRING)))
_PV_SOURCE_TYPES: dict[str, GoType] = {
    "hostPath": _struct("core.HostPathVolumeSource", ("Path", "path", STRING),
                        ("Type", "type", _ptr(_named_string("core.HostPathType")))),
    "nfs": _struct("core.NFSVolumeSource", ("Server", "server", STRING), ("Path", "path", STRING),
                   ("ReadOnly", "readOnly", BOOL)),
    "local": _struct("core.LocalVolumeSource", ("Path", "path", STRING), ("FSType", "fsType", _ptr(STRING))),
    "csi": _struct("core.CSIPersistentVolumeSource", ("Driver", "driver", STRING),
                   ("VolumeHandle", "volumeHandle", STRING), ("ReadOnly", "readOnly", BOOL),
                   ("FSType", "fsType", STRING),
                   ("VolumeAttributes", "volumeAttributes", GoType("map", key=STRING, elem=STRING)),
                   ("ControllerPublishSecretRef", "controllerPublishSecretRef", _SECRET_REF),
                   ("NodeStageSecretRef", "nodeStageSecretRef", _SECRET_REF),
                   ("NodePublishSecretRef", "nodePublishSecretRef", _SECRET_REF),
                   ("ControllerExpandSecretRef", "controllerExpandSecretRef", _SECRET_REF),
                   ("NodeExpandSecretRef", "nodeExpandSecretRef", _SECRET_REF)),
}
# (Go field, JSON field, Go type name of the source) in the internal PersistentVolumeSource's order.
_PV_SOURCES = (
    ("GCEPersistentDisk", "gcePersistentDisk", "GCEPersistentDiskVolumeSource"),
    ("AWSElasticBlockStore", "awsElasticBlockStore", "AWSElasticBlockStoreVolumeSource"),
    ("HostPath", "hostPath", "HostPathVolumeSource"), ("Glusterfs", "glusterfs", "GlusterfsPersistentVolumeSource"),
    ("NFS", "nfs", "NFSVolumeSource"), ("RBD", "rbd", "RBDPersistentVolumeSource"),
    ("Quobyte", "quobyte", "QuobyteVolumeSource"), ("ISCSI", "iscsi", "ISCSIPersistentVolumeSource"),
    ("FlexVolume", "flexVolume", "FlexPersistentVolumeSource"), ("Cinder", "cinder", "CinderPersistentVolumeSource"),
    ("CephFS", "cephfs", "CephFSPersistentVolumeSource"), ("FC", "fc", "FCVolumeSource"),
    ("Flocker", "flocker", "FlockerVolumeSource"), ("AzureFile", "azureFile", "AzureFilePersistentVolumeSource"),
    ("VsphereVolume", "vsphereVolume", "VsphereVirtualDiskVolumeSource"),
    ("AzureDisk", "azureDisk", "AzureDiskVolumeSource"),
    ("PhotonPersistentDisk", "photonPersistentDisk", "PhotonPersistentDiskVolumeSource"),
    ("PortworxVolume", "portworxVolume", "PortworxVolumeSource"), ("ScaleIO", "scaleIO", "ScaleIOPersistentVolumeSource"),
    ("Local", "local", "LocalVolumeSource"), ("StorageOS", "storageos", "StorageOSPersistentVolumeSource"),
    ("CSI", "csi", "CSIPersistentVolumeSource"))
PV_SOURCE = _struct("core.PersistentVolumeSource", *[
    (g, j, _ptr(_PV_SOURCE_TYPES.get(j) or GoType("opaque", f"core.{t}"))) for g, j, t in _PV_SOURCES])


# ---- values ----------------------------------------------------------------------------------------------------

_MISSING = object()  # a map entry only one side has (go-cmp's invalid reflect.Value)


def _quantity_fields(v: Any) -> dict:
    from .corevalidation import _amount

    q = quantity.parse(v)
    value, scale = _amount(str(v), q)
    return {"i": {"value": value, "scale": scale}, "d": {"Dec": None}, "s": str(q), "Format": q.format}


def _is_nil(t: GoType, v: Any) -> bool:
    return t.kind in ("ptr", "slice", "map") and v is None


def _is_zero(t: GoType, v: Any) -> bool:
    if v is _MISSING:
        return True
    if t.kind in ("ptr", "slice", "map", "opaque") or t is QUANTITY:
        return v is None
    if t.kind == "string":
        return v in (None, "")
    if t.kind in ("int64", "int32"):
        return not v
    if t.kind == "bool":
        return not v
    if t.kind == "struct":
        return all(_is_zero(ft, _field(t, v, fn, jn, ft)) for fn, jn, ft in t.fields or [])
    return v is None


def _field(t: GoType, v: Any, go_name: str, json_name: str, ft: GoType) -> Any:
    if not isinstance(v, dict):
        return None
    if t is QUANTITY or t.name in ("resource.int64Amount", "resource.infDecAmount"):
        return v.get(go_name)
    return v.get(json_name)


def _equal_leaf(t: GoType, x: Any, y: Any) -> bool:
    if t is QUANTITY:
        try:
            return quantity.parse(x).value == quantity.parse(y).value
        except quantity.QuantityError:
            return x == y
    if t.kind == "string":
        return (x or "") == (y or "")
    if t.kind in ("int64", "int32"):
        return (x or 0) == (y or 0)
    if t.kind == "bool":
        return bool(x) == bool(y)
    return x == y


class Node:
    """go-cmp's valueNode: what was compared below one value, and how it came out."""

    __slots__ = ("type", "x", "y", "same", "diff", "children", "depth", "records", "value", "parent")

    def __init__(self, t: GoType, x: Any, y: Any, parent: Node | None = None):
        self.type, self.x, self.y, self.parent = t, x, y, parent
        self.same = self.diff = self.children = self.depth = 0
        self.records: list[tuple[Any, Node]] | None = None
        self.value: Node | None = None


def _child(parent: Node, key: Any, t: GoType, x: Any, y: Any, record: bool = True) -> Node:
    node = Node(t, x, y, parent)
    _compare(node)
    if record:
        if parent.records is None:
            parent.records = []
        parent.records.append((key, node))
    else:
        parent.value = node
    parent.same += node.same
    parent.diff += node.diff
    parent.children += node.children + 1
    parent.depth = max(parent.depth, node.depth + 1)
    return node


def _report(node: Node, equal: bool) -> None:
    if equal:
        node.same += 1
    else:
        node.diff += 1


def _compare(node: Node) -> None:
    t, x, y = node.type, node.x, node.y
    if x is _MISSING or y is _MISSING:
        _report(node, x is y)
        return
    if t.equal or t.kind in ("string", "int64", "int32", "bool"):
        _report(node, _equal_leaf(t, x, y))
        return
    if t.kind == "opaque":
        _report(node, x == y)
        return
    if t.kind == "ptr":
        if x is None or y is None:
            _report(node, x is None and y is None)
            return
        _child(node, None, t.elem, x, y, record=False)  # type: ignore[arg-type]
        return
    if t.kind == "struct":
        for go_name, json_name, ft in t.fields or []:
            _child(node, go_name, ft, _field(t, x, go_name, json_name, ft), _field(t, y, go_name, json_name, ft))
        return
    if t.kind == "map":
        if x is None or y is None:
            _report(node, x is None and y is None)
            return
        for k in sorted(set(x) | set(y)):
            _child(node, k, t.elem, x.get(k, _MISSING), y.get(k, _MISSING))  # type: ignore[arg-type]
        return
    if t.kind == "slice":
        if x is None or y is None:
            _report(node, x is None and y is None)
            return
        elem: GoType = t.elem  # type: ignore[assignment]
        lo = 0
        while lo < min(len(x), len(y)) and _equal_value(elem, x[lo], y[lo]):
            lo += 1
        hi = 0
        while hi < min(len(x), len(y)) - lo and _equal_value(elem, x[len(x) - 1 - hi], y[len(y) - 1 - hi]):
            hi += 1
        for i in range(lo):
            _child(node, None, elem, x[i], y[i])
        mid_x, mid_y = x[lo:len(x) - hi], y[lo:len(y) - hi]
        pairs = min(len(mid_x), len(mid_y)) if len(mid_x) == len(mid_y) else 0
        for i in range(pairs):
            _child(node, None, elem, mid_x[i], mid_y[i])
        for v in mid_x[pairs:]:
            _child(node, None, elem, v, _MISSING)
        for v in mid_y[pairs:]:
            _child(node, None, elem, _MISSING, v)
        for i in range(hi):
            _child(node, None, elem, x[len(x) - hi + i], y[len(y) - hi + i])
        return
    _report(node, x == y)


def _equal_value(t: GoType, x: Any, y: Any) -> bool:
    probe = Node(t, x, y)
    _compare(probe)
    return probe.diff == 0


# ---- text ------------------------------------------------------------------------------------------------------

class Line:
    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text

    def length(self) -> int:
        return len(self.text)

    def equal(self, o: Any) -> bool:
        return isinstance(o, Line) and o.text == self.text

    def compact(self, d: str) -> Any:
        return self.text, self

    def expanded(self, d: str, n: int) -> str:
        return self.text


NIL, ELLIPSIS = Line("nil"), Line("...")


class Wrap:
    __slots__ = ("prefix", "value", "suffix")

    def __init__(self, prefix: str, value: Any, suffix: str = ""):
        self.prefix, self.value, self.suffix = prefix, value, suffix

    def length(self) -> int:
        return len(self.prefix) + self.value.length() + len(self.suffix)

    def equal(self, o: Any) -> bool:
        return isinstance(o, Wrap) and o.prefix == self.prefix and o.suffix == self.suffix and \
            self.value.equal(o.value)

    def compact(self, d: str) -> Any:
        inner, self.value = self.value.compact(d)
        text = self.prefix + inner + self.suffix
        if isinstance(self.value, Line):
            return text, Line(text)
        return text, self

    def expanded(self, d: str, n: int) -> str:
        return self.prefix + self.value.expanded(d, n) + self.suffix


class Record:
    __slots__ = ("diff", "key", "value", "elide_comma", "comment")

    def __init__(self, value: Any, key: str = "", diff: str = "", elide_comma: bool = False, comment: Any = None):
        self.diff, self.key, self.value, self.elide_comma, self.comment = diff, key, value, elide_comma, comment


class Stats:
    __slots__ = ("name", "ignored", "identical", "removed", "inserted", "modified")

    def __init__(self, name: str):
        self.name = name
        self.ignored = self.identical = self.removed = self.inserted = self.modified = 0

    def num_diff(self) -> int:
        return self.removed + self.inserted + self.modified

    def text(self) -> str:
        labels = (("ignored", self.ignored), ("identical", self.identical), ("removed", self.removed),
                  ("inserted", self.inserted), ("modified", self.modified))
        parts = [f"{n} {label}" for label, n in labels if n > 0]
        total = sum(n for _, n in labels)
        name = self.name
        if total > 1:
            name += "s"
            if name.endswith("ys"):
                name = name[:-2] + "ies"
        if not parts:
            return ""
        if len(parts) <= 2:
            return " and ".join(parts) + " " + name
        return ", ".join(parts[:-1]) + ", and " + parts[-1] + " " + name


class TextList:
    def __init__(self) -> None:
        self.records: list[Record] = []

    def append(self, r: Record) -> None:
        self.records.append(r)

    def append_ellipsis(self, stats: Stats | None) -> None:
        if not self.records or not self.records[-1].value.equal(ELLIPSIS):
            self.records.append(Record(ELLIPSIS, elide_comma=True, comment=stats))
        elif stats is not None and self.records[-1].comment is not None:
            last = self.records[-1].comment
            for f in ("ignored", "identical", "removed", "inserted", "modified"):
                setattr(last, f, getattr(last, f) + getattr(stats, f))

    def length(self) -> int:
        n = 0
        for i, r in enumerate(self.records):
            n += len(r.key) + (2 if r.key else 0) + r.value.length() + (2 if i < len(self.records) - 1 else 0)
        return n

    def equal(self, o: Any) -> bool:
        if not isinstance(o, TextList) or len(o.records) != len(self.records):
            return False
        return all(a.diff == b.diff and a.key == b.key and a.value.equal(b.value) and
                   (a.comment.text() if a.comment else None) == (b.comment.text() if b.comment else None)
                   for a, b in zip(self.records, o.records))

    def compact(self, d: str) -> Any:
        out = TextList()
        parts: list[str] = []
        multi = False
        for i, r in enumerate(self.records):
            if r.diff in ("-", "+"):
                multi = True
            text = r.key + (": " if r.key else "")
            inner, value = r.value.compact(r.diff or d)
            text += inner
            if not isinstance(value, Line) or r.comment is not None:
                multi = True
            out.records.append(Record(value, r.key, r.diff, r.elide_comma, r.comment))
            parts.append(text)
        joined = ", ".join(parts)
        if d in ("-", "+") and len(joined) > 80:
            multi = True
        if not multi:
            return joined, Line(joined)
        return joined, out

    def _align(self, skip: Any, length: Any) -> list[int]:
        lens = [0] * len(self.records)
        start = end = best = 0
        for i, r in enumerate(self.records):
            if skip(r):
                for j in range(start, end):
                    lens[j] = best - length(self.records[j])
                start, end, best = i + 1, i + 1, 0
            else:
                best = max(best, length(r))
                end = i + 1
        for j in range(start, end):
            lens[j] = best - length(self.records[j])
        return lens

    def expanded(self, d: str, n: int) -> str:
        key_pad = self._align(lambda r: r.key == "" or not isinstance(r.value, Line), lambda r: len(r.key))
        value_pad = self._align(lambda r: not isinstance(r.value, Line) or r.value.equal(ELLIPSIS) or r.comment is None,
                                lambda r: len(r.value.text))
        simple = all(r.diff == "" and r.key == "" and isinstance(r.value, Line) and r.comment is None
                     for r in self.records) and bool(self.records)
        out = []
        if simple:
            batch = ""
            lines: list[str] = []
            for r in self.records:
                if len(batch) + len(r.value.text) + 2 > 80:
                    if batch:
                        lines.append(batch.rstrip(" "))
                    batch = ""
                batch += r.value.text + ", "
            if batch:
                lines.append(batch.rstrip(" "))
            for line in lines:
                out.append("\n" + _indent(d, n + 1) + line)
            return "".join(out) + "\n" + _indent(d, n)
        for i, r in enumerate(self.records):
            out.append("\n" + _indent(r.diff or d, n + 1))
            if r.key:
                out.append(r.key + ": ")
            out.append(" " * key_pad[i])
            out.append(r.value.expanded(r.diff or d, n + 1))
            if not r.elide_comma:
                out.append(",")
            out.append(" " * value_pad[i])
            if r.comment is not None:
                out.append(" // " + r.comment.text())
        return "".join(out) + "\n" + _indent(d, n)


def _indent(d: str, n: int) -> str:
    return {"-": "- ", "+": "+ "}.get(d, "  ") + "\t" * n


# ---- the reporter ----------------------------------------------------------------------------------------------

class Opts:
    __slots__ = ("diff_mode", "type_mode", "verbosity", "limit", "avoid_stringer")

    def __init__(self, diff_mode: str = "", type_mode: str = "emit", verbosity: int = 0, limit: bool = False,
                 avoid_stringer: bool = False):
        self.diff_mode, self.type_mode, self.verbosity, self.limit = diff_mode, type_mode, verbosity, limit
        self.avoid_stringer = avoid_stringer

    def copy(self, **kw: Any) -> Opts:
        o = Opts(self.diff_mode, self.type_mode, self.verbosity, self.limit, self.avoid_stringer)
        for k, v in kw.items():
            setattr(o, k, v)
        return o

    def level(self) -> int:
        return max(0, min(self.verbosity, 16))


def _format_type(opts: Opts, t: GoType, s: Any) -> Any:
    if opts.type_mode == "auto":
        if t.kind in ("struct", "slice", "map"):
            if s.equal(NIL):
                return s
        else:
            return s
        if opts.diff_mode == " ":
            return s
    elif opts.type_mode == "elide":
        return s
    name = t.type_string()
    if t.kind == "ptr" and not t.name:
        name = f"({name})"
    if isinstance(s, Wrap) and ((s.prefix.startswith("(") and s.suffix.endswith(")")) or
                                (s.prefix.startswith("{") and s.suffix.endswith("}"))):
        return Wrap(name, s)
    return Wrap(name, Wrap("(", s, ")"))


def _format_string(prefix: str, s: str) -> Line:
    q = go_quote(s)
    if len(q) != len(s) + 2 and "`" not in s and "\n" not in s and all(c.isprintable() or c == "\t" for c in s):
        return Line(prefix + "`" + s + "`")
    return Line(prefix + q)


def format_value(opts: Opts, t: GoType, v: Any, parent_kind: str = "") -> Any:
    if v is _MISSING:
        return None
    if not opts.avoid_stringer and t.stringer and v is not None:
        return _format_string("s", str(v))
    if t.kind == "ptr":
        if v is None:
            return _format_type(opts, t, NIL)
        inner = format_value(opts, t.elem, v, "ptr")  # type: ignore[arg-type]
        return Wrap("&", inner)
    out: Any
    if t.kind == "bool":
        out = Line("true" if v else "false")
    elif t.kind in ("int64", "int32"):
        out = Line(str(int(v or 0)))
    elif t.kind == "string":
        text = "" if v is None else str(v)
        if opts.limit and len(text) > ((1 << opts.level()) << 5) + 3:
            out = Line(_format_string("", text[:(1 << opts.level()) << 5]).text + "...")
        else:
            out = _format_string("", text)
    elif t.kind == "opaque":
        out = Line("{...}" if v is not None else "nil")
    elif t.kind == "struct":
        lst = TextList()
        max_len = len(t.fields or [])
        if opts.limit:
            max_len = ((1 << opts.level()) >> 1) << 2
            opts = opts.copy(verbosity=opts.verbosity - 1)
        src = v
        if t is QUANTITY and v is not None and not isinstance(v, dict):
            try:
                src = _quantity_fields(v)
            except quantity.QuantityError:  # (decoding refuses such a value before any update is validated)
                src = {"s": str(v)}
        for go_name, json_name, ft in t.fields or []:
            fv = _field(t, src, go_name, json_name, ft)
            if _is_zero(ft, fv):
                continue
            if len(lst.records) == max_len:
                lst.append_ellipsis(None)
                break
            lst.append(Record(format_value(opts.copy(type_mode="auto"), ft, fv, "struct"), go_name))
        out = Wrap("{", lst, "}")
    elif t.kind in ("slice", "map"):
        if v is None:
            return _format_type(opts, t, NIL)
        lst = TextList()
        max_len = len(v)
        if opts.limit:
            max_len = ((1 << opts.level()) >> 1) << 2
            opts = opts.copy(verbosity=opts.verbosity - 1)
        # A slice's elements in order; a map's values by sorted key, each record named by its key.
        entries = [("", x) for x in v] if t.kind == "slice" else [(_map_key(t, k), v[k]) for k in sorted(v)]
        for key, x in entries:
            if len(lst.records) == max_len:
                lst.append_ellipsis(None)
                break
            text = format_value(opts.copy(type_mode="elide"), t.elem, x, t.kind)  # type: ignore[arg-type]
            lst.append(Record(text, key))
        out = Wrap("{", lst, "}")
    else:
        out = Line(str(v))
    return _format_type(opts, t, out)


def _map_key(t: GoType, k: Any) -> str:
    kt: GoType = t.key  # type: ignore[assignment]
    if kt.stringer:
        return _format_string("s", str(k)).text
    return _format_string("", str(k)).text


def _verbosity_preset(opts: Opts, i: int) -> Opts:
    o = opts.copy(verbosity=opts.level() + 2 * i)
    if i > 0:
        o.avoid_stringer = True
    return o


def format_diff(opts: Opts, v: Node) -> Any:
    if opts.diff_mode == " ":
        opts = opts.copy(verbosity=1, limit=True)
    elif opts.level() < 3:
        opts = opts.copy(verbosity=3, limit=True)
    parent_kind = v.parent.type.kind if v.parent is not None else ""
    if v.depth == 0:
        if opts.diff_mode in ("", " "):
            if v.diff == 0:
                outx = format_value(opts, v.type, v.x, parent_kind)
                outy = format_value(opts, v.type, v.y, parent_kind)
                return outx if outx.length() < outy.length() else outy
            e = opts.copy(type_mode="elide")
            outx = format_value(e, v.type, v.x, parent_kind)
            outy = format_value(e, v.type, v.y, parent_kind)
            for i in range(7):
                if outx is None or outy is None or not outx.equal(outy):
                    break
                o2 = _verbosity_preset(opts, i).copy(type_mode="elide")
                outx = format_value(o2, v.type, v.x, parent_kind)
                outy = format_value(o2, v.type, v.y, parent_kind)
            lst = TextList()
            if outx is not None:
                lst.append(Record(outx, diff="-"))
            if outy is not None:
                lst.append(Record(outy, diff="+"))
            return _format_type(opts.copy(type_mode="emit"), v.type, lst)
        if opts.diff_mode == "-":
            return format_value(opts, v.type, v.x, parent_kind)
        return format_value(opts, v.type, v.y, parent_kind)
    k = v.type.kind
    if k in ("struct", "slice"):
        return _format_type(opts, v.type, _format_diff_list(opts, v.records or [], k))
    if k == "map":
        return _format_type(opts, v.type, _format_diff_list(opts, v.records or [], k))
    if k == "ptr":
        return Wrap("&", format_diff(opts, v.value))  # type: ignore[arg-type]
    raise ValueError(k)


def _format_diff_list(opts: Opts, recs: list[tuple[Any, Node]], k: str) -> Any:
    if k == "struct":
        name, opts = "field", opts.copy(type_mode="auto")

        def fkey(key: Any) -> str:
            return str(key)
    elif k == "slice":
        name, opts = "element", opts.copy(type_mode="elide")

        def fkey(key: Any) -> str:
            return ""
    else:
        name, opts = "entry", opts.copy(type_mode="elide")
        parent_type = recs[0][1].parent.type if recs else None

        def fkey(key: Any) -> str:
            return _map_key(parent_type, key) if parent_type is not None else str(key)
    max_len = -1
    if opts.limit:
        if opts.diff_mode == " ":
            max_len = ((1 << opts.level()) >> 1) << 2
        else:
            max_len = (1 << opts.level()) << 1
        opts = opts.copy(verbosity=opts.verbosity - 1)
    lst = TextList()
    if opts.diff_mode in (" ", "-", "+"):
        deferred = False
        for key, node in recs:
            if len(lst.records) == max_len:
                deferred = True
                break
            if k == "struct":
                zx, zy = _is_zero(node.type, node.x), _is_zero(node.type, node.y)
                if (zx or zy) if opts.diff_mode == " " else (zx if opts.diff_mode == "-" else zy):
                    continue
            out = format_diff(opts, node)
            if out is not None:
                lst.append(Record(out, fkey(key)))
        if deferred:
            lst.append_ellipsis(None)
        return Wrap("{", lst, "}")
    groups: list[Stats] = []
    prev = 0
    for _, node in recs:
        case = 1 if node.diff == 0 else 2
        if case != prev or not groups:
            groups.append(Stats(name))
            prev = case
        g = groups[-1]
        if node.diff == 0:
            g.identical += 1
        elif node.y is _MISSING:
            g.removed += 1
        elif node.x is _MISSING:
            g.inserted += 1
        else:
            g.modified += 1
    num_diffs = 0
    rest = list(recs)
    over = Stats(name)
    for i, ds in enumerate(groups):
        if 0 <= max_len <= num_diffs:
            for f in ("identical", "removed", "inserted", "modified"):
                setattr(over, f, getattr(over, f) + getattr(ds, f))
            continue
        if ds.num_diff() == 0:
            num_equal = ds.identical
            lo = hi = 0
            while lo < 2 and lo + hi < num_equal and i != 0:
                lo += 1
            while hi < 2 and lo + hi < num_equal and i != len(groups) - 1:
                hi += 1
            if num_equal - (lo + hi) == 1:
                hi += 1
            ident = opts.copy(diff_mode=" ")
            for key, node in rest[:lo]:
                lst.append(Record(format_diff(ident, node), fkey(key)))
            if num_equal > lo + hi:
                ds.identical -= lo + hi
                lst.append_ellipsis(ds)
            for key, node in rest[num_equal - hi:num_equal]:
                lst.append(Record(format_diff(ident, node), fkey(key)))
            rest = rest[num_equal:]
            continue
        for key, node in rest[:ds.num_diff()]:
            if node.children == node.depth:
                outx = format_diff(opts.copy(diff_mode="-"), node)
                outy = format_diff(opts.copy(diff_mode="+"), node)
                for j in range(7):
                    if outx is None or outy is None or not outx.equal(outy):
                        break
                    o2 = _verbosity_preset(opts, j)
                    outx = format_diff(o2.copy(diff_mode="-"), node)
                    outy = format_diff(o2.copy(diff_mode="+"), node)
                if outx is not None:
                    lst.append(Record(outx, fkey(key), "-"))
                if outy is not None:
                    lst.append(Record(outy, fkey(key), "+"))
            else:
                lst.append(Record(format_diff(opts, node), fkey(key)))
        rest = rest[ds.num_diff():]
        num_diffs += ds.num_diff()
    if over.identical or over.num_diff():
        lst.append_ellipsis(over)
    return Wrap("{", lst, "}")


def diff(t: GoType, x: Any, y: Any) -> str:
    """cmp.Diff(x, y) of two values of Go type ``t`` given as JSON: "" when they are equal."""
    root = Node(t, x, y)
    _compare(root)
    if root.diff == 0:
        return ""
    text = format_diff(Opts(), root)
    _, text = text.compact("")
    return _indent("", 0) + text.expanded("", 0) + "\n"
