"""Patches as the API server applies them: strategic merge (driven by the x-kubernetes-patch-merge-key /
x-kubernetes-patch-strategy markers of the OpenAPI schemas), JSON merge patch (RFC 7386) and JSON patch
(RFC 6902, with evanphx/json-patch's error texts).

Every function takes and returns plain JSON-shaped values and never mutates its arguments.
"""

from __future__ import annotations

import copy
import json
from typing import Any

DIRECTIVE = "$patch"
RETAIN_KEYS = "$retainKeys"
SET_ORDER = "$setElementOrder/"
DELETE_PRIMITIVE = "$deleteFromPrimitiveList/"


class PatchError(Exception):
    """A patch that cannot be applied; ``str()`` is the library's message (kubectl prints it after
    ``error: `` locally; the API server returns it as a BadRequest)."""


# ------------------------------------------------------------------------------------------------ schema walk
class SchemaNode:
    """A position in a kind's OpenAPI schema: what the strategic merge needs to know about a field."""

    def __init__(self, schema: dict | None, field: dict | None = None):
        self.schema = _resolve(schema) if schema else None
        f = field or {}
        self.merge_key: str | None = f.get("x-kubernetes-patch-merge-key")
        self.strategies = set(filter(None, str(f.get("x-kubernetes-patch-strategy", "")).split(",")))

    def prop(self, key: str) -> "SchemaNode":
        s = self.schema
        if not s:
            return SchemaNode(None)
        props = s.get("properties")
        if props and key in props:
            return SchemaNode(props[key], props[key])
        extra = s.get("additionalProperties")
        if isinstance(extra, dict):
            return SchemaNode(extra, extra)
        return SchemaNode(None)

    def items(self) -> "SchemaNode":
        s = self.schema
        if not s or not isinstance(s.get("items"), dict):
            return SchemaNode(None)
        return SchemaNode(s["items"])


def _resolve(s: dict) -> dict:
    from . import schema as schemamod

    for _ in range(8):
        ref = s.get("$ref")
        if ref is None and len(s.get("allOf") or []) == 1:
            ref = s["allOf"][0].get("$ref")
        if ref is None:
            return s
        try:
            s = schemamod.load_definition(schemamod.resolve_ref(ref))
        except KeyError:
            return {}
    return s


def schema_for(obj: dict) -> SchemaNode:
    """The root schema node of an object (by apiVersion/kind), or an empty node for unknown kinds (which then
    merge as a JSON merge patch would, as the API server does for custom resources)."""
    from . import registry
    from . import schema as schemamod

    try:
        kind = registry.by_api_version_kind(obj.get("apiVersion", ""), obj.get("kind", ""))
        version = str(obj.get("apiVersion", "")).rpartition("/")[2]
        name = schemamod.definition_name(kind.group, version if version in kind.versions else kind.version,
                                         kind.kind)
        return SchemaNode(schemamod.load_definition(name) if name else None)
    except Exception:  # noqa: BLE001 - unknown kinds have no schema
        return SchemaNode(None)


# ------------------------------------------------------------------------------------------------ strategic
def strategic_merge(original: Any, patch: Any, node: SchemaNode | None = None) -> Any:
    """Apply a strategic merge patch to ``original`` (a whole object) and return the result."""
    if not isinstance(patch, dict):
        raise PatchError("invalid JSON document")
    if node is None:
        node = schema_for(original if isinstance(original, dict) else {})
    return _merge_map(copy.deepcopy(original) if isinstance(original, dict) else {}, copy.deepcopy(patch), node)


def _merge_map(original: dict, patch: dict, node: SchemaNode) -> dict:
    if DIRECTIVE in patch:
        d = patch[DIRECTIVE]
        if d == "replace":
            out = dict(patch)
            del out[DIRECTIVE]
            return _strip(out, node)
        if d == "delete":
            return {}
        if d == "merge":
            patch = {k: v for k, v in patch.items() if k != DIRECTIVE}
            return _merge_map(original, patch, node)
        raise PatchError(f"Unknown patch type: {d} in map: {_go_map(patch)}")
    if RETAIN_KEYS in patch:
        keep = patch.pop(RETAIN_KEYS)
        if not isinstance(keep, list):
            raise PatchError("invalid patch format for $retainKeys")
        for k in list(original):
            if k not in keep:
                del original[k]
    # Ordering directives and primitive-list deletions are applied after the lists they refer to are merged.
    orders: dict[str, list] = {}
    deletions: dict[str, list] = {}
    for k in list(patch):
        if k.startswith(SET_ORDER):
            orders[k[len(SET_ORDER):]] = patch.pop(k) or []
        elif k.startswith(DELETE_PRIMITIVE):
            deletions[k[len(DELETE_PRIMITIVE):]] = patch.pop(k) or []
    for k, v in deletions.items():
        cur = original.get(k)
        if isinstance(cur, list):
            original[k] = [x for x in cur if x not in v]
    for k, pv in patch.items():
        child = node.prop(k)
        if pv is None:
            original.pop(k, None)
            continue
        ov = original.get(k)
        if k not in original or ov is None:
            original[k] = _strip(pv, child)
        elif isinstance(ov, dict) and isinstance(pv, dict) and "replace" not in child.strategies:
            original[k] = _merge_map(ov, pv, child)
        elif isinstance(ov, list) and isinstance(pv, list) and "merge" in child.strategies:
            original[k] = _merge_list(ov, pv, child)
        else:
            original[k] = _strip(pv, child)
    for k, order in orders.items():
        if isinstance(original.get(k), list):
            original[k] = _apply_order(original[k], order, node.prop(k).merge_key)
    return original


def _strip(value: Any, node: SchemaNode) -> Any:
    """A patch value with no original: its directives are applied against nothing and its nulls dropped."""
    if isinstance(value, dict):
        return _merge_map({}, value, node)
    if isinstance(value, list) and "merge" in node.strategies:
        return _merge_list([], value, node)
    return value


def _merge_list(original: list, patch: list, node: SchemaNode) -> list:
    key = node.merge_key
    item = node.items()
    if not any(isinstance(x, dict) for x in original + patch):
        # Lists of scalars with the merge strategy: a de-duplicated union, the patch's items first.
        merged = []
        for x in original + patch:
            if x not in merged:
                merged.append(x)
        return _order(merged, patch, original, None)
    if not key:
        raise PatchError("cannot merge lists without merge key")
    for x in patch:
        if isinstance(x, dict) and x.get(DIRECTIVE) == "replace":
            return [_strip({k: v for k, v in y.items()}, item) for y in patch
                    if isinstance(y, dict) and y.get(DIRECTIVE) != "replace"]
    merged = [copy.deepcopy(x) for x in original]
    patch_items: list = []
    for x in patch:
        if not isinstance(x, dict):
            raise PatchError(f"unable to find api field in struct {key} for the extracted value")
        if DIRECTIVE in x:
            if x[DIRECTIVE] == "delete":
                if key not in x:
                    raise PatchError(f"map: {_go_map(x)} does not contain declared merge key: {key}")
                merged = [m for m in merged if not (isinstance(m, dict) and m.get(key) == x[key])]
                continue
            if x[DIRECTIVE] != "merge":
                raise PatchError(f"Unknown patch type: {x[DIRECTIVE]} in map: {_go_map(x)}")
        if key not in x:
            raise PatchError(f"map: {_go_map(x)} does not contain declared merge key: {key}")
        for i, m in enumerate(merged):
            if isinstance(m, dict) and m.get(key) == x[key]:
                merged[i] = _merge_map(m, x, item)
                break
        else:
            merged.append(_merge_map({}, x, item))
        patch_items.append(x)
    return _order(merged, patch_items, original, key)


def _order(merged: list, patch: list, original: list, key: str | None) -> list:
    """The API server's element order: patch items in patch order, server-only items in server order, a
    server-only item placed before a patch item only when both are in the original and it came first there."""
    def ident(x: Any) -> Any:
        return json.dumps(x.get(key) if key and isinstance(x, dict) else x, sort_keys=True)

    patch_ids = [ident(x) for x in patch]
    server_ids = [ident(x) for x in original]
    in_patch = [x for x in merged if ident(x) in patch_ids]
    in_patch.sort(key=lambda x: patch_ids.index(ident(x)))
    server_only = [x for x in merged if ident(x) not in patch_ids]
    server_only.sort(key=lambda x: server_ids.index(ident(x)) if ident(x) in server_ids else len(server_ids))
    out: list = []
    i = j = 0
    while i < len(server_only) or j < len(in_patch):
        if i >= len(server_only):
            out.append(in_patch[j])
            j += 1
        elif j >= len(in_patch):
            out.append(server_only[i])
            i += 1
        else:
            li, ri = ident(server_only[i]), ident(in_patch[j])
            if li in server_ids and ri in server_ids and server_ids.index(li) < server_ids.index(ri):
                out.append(server_only[i])
                i += 1
            else:
                out.append(in_patch[j])
                j += 1
    return out


def _apply_order(items: list, order: list, key: str | None) -> list:
    def ident(x: Any) -> Any:
        return json.dumps(x.get(key) if key and isinstance(x, dict) else x, sort_keys=True)

    ids = [ident(x) for x in order]
    listed = sorted((x for x in items if ident(x) in ids), key=lambda x: ids.index(ident(x)))
    rest = [x for x in items if ident(x) not in ids]
    return listed + rest


# ------------------------------------------------------------------------------------------------ creating
def two_way_strategic(original: dict, modified: dict, node: SchemaNode | None = None) -> dict:
    """The strategic merge patch that turns ``original`` into ``modified`` (apimachinery's
    CreateTwoWayMergePatch with $setElementOrder directives, as kubectl edit sends it): added and changed keys,
    removed keys as null; lists with the merge strategy by merge key (removed items as ``$patch: delete``, removed
    scalars in ``$deleteFromPrimitiveList/``), with the modified order in ``$setElementOrder/``; ``$retainKeys`` for
    retainKeys fields; other lists replaced whole."""
    if node is None:
        node = schema_for(modified)
    return _diff_maps(original, modified, node, False)


def json_merge_diff(original: Any, modified: Any) -> Any:
    """The JSON merge patch (RFC 7386) from ``original`` to ``modified`` (evanphx/json-patch CreateMergePatch)."""
    if not (isinstance(original, dict) and isinstance(modified, dict)):
        return modified
    out: dict = {}
    for k, v in modified.items():
        if k not in original:
            out[k] = v
        elif isinstance(v, dict) and isinstance(original[k], dict):
            sub = json_merge_diff(original[k], v)
            if sub:
                out[k] = sub
        elif not _same(original[k], v):
            out[k] = v
    for k in original:
        if k not in modified:
            out[k] = None
    return out


def _same(a: Any, b: Any) -> bool:
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def _go_type(v: Any) -> str:
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, (int, float)):
        return "number"
    return type(v).__name__


def _diff_maps(original: dict, modified: dict, node: SchemaNode, retain_keys: bool) -> dict:
    patch: dict = {}
    retained: list = []
    for k, mv in modified.items():
        if retain_keys and mv is not None:
            retained.append(k)
        if k not in original:
            patch[k] = mv
            continue
        ov = original[k]
        if _go_type(ov) != _go_type(mv):
            patch[k] = mv
        elif isinstance(ov, dict):
            child = node.prop(k)
            if "replace" in child.strategies:
                if not _same(ov, mv):
                    patch[k] = mv
            else:
                sub = _diff_maps(ov, mv, child, "retainKeys" in child.strategies)
                if sub:
                    patch[k] = sub
        elif isinstance(ov, list):
            _diff_lists(k, ov, mv, node.prop(k), patch)
        elif not _same(ov, mv):
            patch[k] = mv
    for k in original:
        if k not in modified:
            patch[k] = None
    if retained and (patch or any(k not in modified for k in original)):
        patch[RETAIN_KEYS] = sorted(retained)
    return patch


def _diff_lists(key: str, original: list, modified: list, node: SchemaNode, patch: dict) -> None:
    if "merge" not in node.strategies:
        if not _same(original, modified):
            patch[key] = modified
        return
    retain = "retainKeys" in node.strategies
    merge_key = node.merge_key
    if any(isinstance(x, dict) for x in original + modified):
        if not merge_key:
            raise PatchError("cannot merge lists without merge key")
        item = node.items()
        changes: list = []
        deletes: list = []
        by_key = {str(o.get(merge_key)): o for o in original if isinstance(o, dict)}
        new_keys = {str(m.get(merge_key)) for m in modified if isinstance(m, dict)}
        for m in modified:
            o = by_key.get(str(m.get(merge_key)))
            if o is None:
                changes.append(m)
                continue
            sub = _diff_maps(o, m, item, retain)
            if sub:
                sub[merge_key] = m.get(merge_key)
                changes.append(sub)
        for o in sorted((o for o in original if isinstance(o, dict)), key=lambda o: str(o.get(merge_key))):
            if str(o.get(merge_key)) not in new_keys:
                deletes.append({merge_key: o.get(merge_key), DIRECTIVE: "delete"})
        listed = changes + deletes
        same_order = ([str(o.get(merge_key)) for o in original if str(o.get(merge_key)) in new_keys]
                      == [str(m.get(merge_key)) for m in modified if str(m.get(merge_key)) in by_key])
        if listed:
            patch[key] = listed
        if listed or not same_order:
            patch[SET_ORDER + key] = [{merge_key: m.get(merge_key)} for m in modified]
        return
    added = [m for m in modified if not any(_same(m, o) for o in original)]
    removed = sorted((o for o in original if not any(_same(o, m) for m in modified)), key=lambda v: str(v))
    if added:
        patch[key] = added
    if removed:
        patch[DELETE_PRIMITIVE + key] = removed
    if removed or not _same(original, modified):
        patch[SET_ORDER + key] = modified


def _go_map(m: dict) -> str:
    """Go's %v of a map[string]interface{}: keys sorted."""
    def v(x: Any) -> str:
        if isinstance(x, dict):
            return _go_map(x)
        if isinstance(x, list):
            return "[" + " ".join(v(y) for y in x) + "]"
        if x is None:
            return "<nil>"
        if isinstance(x, bool):
            return "true" if x else "false"
        return str(x)

    return "map[" + " ".join(f"{k}:{v(m[k])}" for k in sorted(m)) + "]"


# ------------------------------------------------------------------------------------------------ merge patch
def json_merge(original: Any, patch: Any) -> Any:
    """RFC 7386: objects merge key by key, null deletes, everything else replaces."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    out = copy.deepcopy(original) if isinstance(original, dict) else {}
    for k, v in patch.items():
        if v is None:
            out.pop(k, None)
        else:
            out[k] = json_merge(out.get(k), v)
    return out


# ------------------------------------------------------------------------------------------------ JSON patch
_MISSING = object()


def _unescape(tok: str) -> str:
    return tok.replace("~1", "/").replace("~0", "~")


def _split(path: str) -> list[str]:
    if path == "":
        return []
    if not path.startswith("/"):
        return [_unescape(path)]  # evanphx treats a path without "/" as one key, then fails to find it
    return [_unescape(p) for p in path[1:].split("/")]


def _container(doc: Any, parts: list[str]) -> Any:
    cur = doc
    for p in parts:
        if isinstance(cur, dict):
            if p not in cur:
                return _MISSING
            cur = cur[p]
        elif isinstance(cur, list):
            try:
                i = int(p)
            except ValueError:
                return _MISSING
            if i < 0 or i >= len(cur):
                return _MISSING
            cur = cur[i]
        else:
            return _MISSING
    return cur


def _index(tok: str, op: str, path: str, size: int, allow_end: bool) -> int:
    try:
        i = int(tok)
    except ValueError:
        raise PatchError(f"error in {op} for path: '{path}': strconv.Atoi: parsing {json.dumps(tok)}: invalid syntax") from None
    if i < 0 or i > size or (i == size and not allow_end):
        raise PatchError(f"error in {op} for path: '{path}': Unable to access invalid index: {i}: invalid index referenced")
    return i


def json_patch(doc: Any, ops: Any) -> Any:
    """RFC 6902 with evanphx/json-patch's messages (what kubectl prints)."""
    if not isinstance(ops, list):
        raise PatchError(f"json: cannot unmarshal {json_kind(ops)} into Go value of type jsonpatch.Patch")
    doc = copy.deepcopy(doc)
    for op in ops:
        if not isinstance(op, dict):
            raise PatchError(f"json: cannot unmarshal {json_kind(op)} into Go value of type jsonpatch.Operation")
        kind = op.get("op", "unknown")
        if kind not in ("add", "remove", "replace", "move", "copy", "test"):
            raise PatchError(f"Unexpected kind: {kind}")
        path = op.get("path")
        if not isinstance(path, str):
            raise PatchError(f"{kind} operation failed to decode path: missing value")
        parts = _split(path)
        if kind == "add":
            doc = _add(doc, parts, path, copy.deepcopy(op.get("value")), "add")
        elif kind == "remove":
            doc, _ = _remove(doc, parts, path, "remove")
        elif kind == "replace":
            parent = _container(doc, parts[:-1]) if parts else _MISSING
            if parent is _MISSING or not isinstance(parent, (dict, list)):
                raise PatchError(f"replace operation does not apply: doc is missing path: {path}: missing value")
            if isinstance(parent, list):
                try:
                    i = int(parts[-1])
                except ValueError:
                    i = -1
                if i < 0 or i >= len(parent):
                    raise PatchError(f"Object to be patched is missing field ({path}: missing value)")
                parent[i] = copy.deepcopy(op.get("value"))
            else:
                parent[parts[-1]] = copy.deepcopy(op.get("value"))
        elif kind in ("move", "copy"):
            frm = op.get("from")
            if not isinstance(frm, str):
                raise PatchError(f"{kind} operation failed to decode from: missing value")
            fparts = _split(frm)
            if kind == "move":
                if not fparts:
                    raise PatchError(f"error in move for path: '': Unable to remove nonexistent key: : missing value")
                doc, value = _remove(doc, fparts, fparts[-1], "move")
            else:
                value = _container(doc, fparts)
                value = None if value is _MISSING else copy.deepcopy(value)
            doc = _add(doc, parts, path, value, kind)
        else:  # test
            cur = _container(doc, parts)
            want = op.get("value")
            if (None if cur is _MISSING else cur) != want or (cur is not _MISSING and type(cur) is bool) != (type(want) is bool):
                raise PatchError(f"testing value {path} failed: test failed")
    return doc


def _add(doc: Any, parts: list[str], path: str, value: Any, op: str) -> Any:
    if not parts:
        return value
    parent = _container(doc, parts[:-1])
    if parent is _MISSING or not isinstance(parent, (dict, list)):
        raise PatchError(f"{op} operation does not apply: doc is missing path: {json.dumps(path)}: missing value")
    last = parts[-1]
    if isinstance(parent, dict):
        parent[last] = value
    elif last == "-":
        parent.append(value)
    else:
        parent.insert(_index(last, op, path, len(parent), True), value)
    return doc


def _remove(doc: Any, parts: list[str], path: str, op: str) -> tuple[Any, Any]:
    parent = _container(doc, parts[:-1]) if parts else _MISSING
    if parent is _MISSING or not isinstance(parent, (dict, list)):
        raise PatchError(f"{op} operation does not apply: doc is missing path: {json.dumps(path)}: missing value")
    last = parts[-1]
    if isinstance(parent, dict):
        if last not in parent:
            raise PatchError(f"error in {op} for path: '{path}': Unable to remove nonexistent key: {last}: missing value")
        return doc, parent.pop(last)
    i = _index(last, op, path, len(parent), False)
    return doc, parent.pop(i)


def json_kind(v: Any) -> str:
    """The JSON type name Go's decoder names in "cannot unmarshal X into ..."."""
    if isinstance(v, dict):
        return "object"
    if isinstance(v, list):
        return "array"
    if isinstance(v, str):
        return "string"
    if isinstance(v, bool):
        return "bool"
    if v is None:
        return "null"
    return "number"


# ------------------------------------------------------------------------------------------------ entry point
def apply_patch(obj: dict, patch: Any, patch_type: str) -> Any:
    if patch_type == "json":
        return json_patch(obj, patch)
    if patch_type == "merge":
        if not isinstance(patch, dict):
            raise PatchError(f"json: cannot unmarshal {json_kind(patch)} into Go value of type map[string]interface {{}}")
        return json_merge(obj, patch)
    if not isinstance(patch, dict):
        raise PatchError("invalid JSON document")
    return strategic_merge(obj, patch)
