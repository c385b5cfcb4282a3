"""Server-side apply: the fields each manager set with an apply (metadata.managedFields, FieldsV1), and an apply
that merges a manager's configuration into the live object, removes what the manager no longer sets (when no one
else manages it), and stops at a field another manager set to another value unless forced (then the field changes
hands). Derived from structured-merge-diff as the API server uses it, for apply managers: lists with keys
(x-kubernetes-list-map-keys, or the strategic merge key) are merged item by item, sets of scalars by value, other
lists are atomic. Writes other than applies (updates by kubectl's client-side apply, edit, controllers) record no
ownership here.

The conflict text is the API server's (recorded: k8s-recordings scenario 20-server-side-apply)."""

from __future__ import annotations

import copy
import json
from typing import Any, Iterator

from .. import errors

APPLY = "Apply"
IGNORED_TOP = ("apiVersion", "kind", "status")
IGNORED_META = ("name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields",
                "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds")


class ApplyConflict(errors.Conflict):
    def __init__(self, conflicts: list[tuple[str, str]]):
        n = len(conflicts)
        lines = [f'conflict with "{m}": {p}' for m, p in conflicts]
        if n == 1:
            msg = f"Apply failed with 1 conflict: {lines[0]}"
        else:
            msg = f"Apply failed with {n} conflicts: " + "\n".join(lines)
        super().__init__(msg)
        self.causes = [{"reason": "FieldManagerConflict", "message": f'conflict with "{m}"', "field": p}
                       for m, p in conflicts]


# ---------------------------------------------------------------------------------------------------------------
# Field sets: FieldsV1 trees ({"f:data": {"f:color": {}}}); "." marks a list item (or map) itself

def _keys_of(node: Any) -> list[str]:
    s = (node.schema or {}) if node is not None else {}
    keys = s.get("x-kubernetes-list-map-keys")
    if keys:
        return list(keys)
    return [node.merge_key] if node is not None and node.merge_key else []


def _is_set(node: Any) -> bool:
    s = (node.schema or {}) if node is not None else {}
    return s.get("x-kubernetes-list-type") == "set"


def _item_key(item: Any, keys: list[str], items: Any = None) -> str | None:
    """An associative list item's key; a key field left out takes its schema default (a port's protocol)."""
    if not isinstance(item, dict):
        return None
    props = ((items.schema or {}).get("properties") or {}) if items is not None else {}
    key = {}
    for k in keys:
        if k in item:
            key[k] = item[k]
        elif "default" in (props.get(k) or {}):
            key[k] = props[k]["default"]
        else:
            return None
    return "k:" + json.dumps(key, separators=(",", ":"), sort_keys=True)


def field_set(value: Any, node: Any, top: bool = True) -> dict:
    out: dict = {}
    if isinstance(value, dict):
        for k, v in value.items():
            if top and k in IGNORED_TOP:
                continue
            child = node.prop(k) if node is not None else None
            if top and k == "metadata" and isinstance(v, dict):
                sub = {f"f:{mk}": _sub(mv, child.prop(mk) if child is not None else None)
                       for mk, mv in v.items() if mk not in IGNORED_META}
                if sub:
                    out["f:metadata"] = sub
                continue
            out[f"f:{k}"] = _sub(v, child)
    return out


def _sub(v: Any, node: Any) -> dict:
    if isinstance(v, dict):
        return field_set(v, node, top=False)
    if isinstance(v, list):
        keys = _keys_of(node)
        items = node.items() if node is not None else None
        if keys:
            out = {}
            for item in v:
                key = _item_key(item, keys, items)
                if key is None:
                    return {}
                out[key] = {".": {}, **field_set(item, items, top=False)}
            return out
        if _is_set(node):
            return {"v:" + json.dumps(item, separators=(",", ":")): {} for item in v}
    return {}


def leaves(fs: dict, prefix: tuple = ()) -> Iterator[tuple]:
    """Each path of a field set that has nothing under it (the fields a manager set a value of)."""
    for k, v in fs.items():
        if k == ".":
            continue
        if v:
            yield from leaves(v, prefix + (k,))
        else:
            yield prefix + (k,)


def _has(fs: dict, path: tuple) -> bool:
    for p in path:
        if p not in fs:
            return False
        fs = fs[p]
    return True


def _remove(fs: dict, path: tuple) -> None:
    """Drop a path from a field set, and the maps it leaves empty."""
    chain = [fs]
    for p in path[:-1]:
        if p not in chain[-1]:
            return
        chain.append(chain[-1][p])
    chain[-1].pop(path[-1], None)
    for i in range(len(path) - 2, -1, -1):
        if chain[i + 1]:
            break
        chain[i].pop(path[i], None)


def _element_key(element: str) -> tuple:
    """structured-merge-diff's PathElement.Compare: field names, then keys (their fields by name, then value),
    then values, then indexes."""
    kind, _, rest = element.partition(":")
    if kind == "f":
        return (0, rest)
    if kind == "k":
        fields = json.loads(rest)
        return (1, [(name, _value_key(fields[name])) for name in sorted(fields)])
    if kind == "v":
        return (2, _value_key(json.loads(rest)))
    return (3, int(rest) if rest.lstrip("-").isdigit() else 0)


def _value_key(v: Any) -> tuple:
    if isinstance(v, bool):
        return (1, int(v), "")
    if isinstance(v, (int, float)):
        return (2, v, "")
    if isinstance(v, str):
        return (3, 0, v)
    return (4, 0, json.dumps(v, sort_keys=True))


def set_iteration_key(path: tuple) -> list:
    """The order fieldpath.Set.Iterate yields paths in (the order of the server's conflict causes): at each node its
    members (paths ending there) first, sorted, then its children, sorted."""
    last = len(path) - 1
    return [(0 if i == last else 1, _element_key(p)) for i, p in enumerate(path)]


def path_text(path: tuple) -> str:
    """The path as the conflict message writes it: .data.color, .spec.containers[name="c"].image."""
    out = ""
    for p in path:
        kind, _, rest = p.partition(":")
        if kind == "f":
            out += f".{rest}"
        elif kind == "k":
            out += "[" + ",".join(f"{k}={json.dumps(v)}" for k, v in json.loads(rest).items()) + "]"
        elif kind == "v":
            out += f"[={rest}]"
    return out


def _get(obj: Any, path: tuple) -> tuple[bool, Any]:
    for p in path:
        kind, _, rest = p.partition(":")
        if kind == "f" and isinstance(obj, dict) and rest in obj:
            obj = obj[rest]
        elif kind == "k" and isinstance(obj, list):
            want = json.loads(rest)
            found = [i for i in obj if isinstance(i, dict) and all(i.get(k) == v for k, v in want.items())]
            if not found:
                return False, None
            obj = found[0]
        elif kind == "v" and isinstance(obj, list):
            v = json.loads(rest)
            if v not in obj:
                return False, None
            obj = v
        else:
            return False, None
    return True, obj


def _delete(obj: Any, path: tuple) -> None:
    parent_path, last = path[:-1], path[-1]
    ok, parent = _get(obj, parent_path)
    if not ok:
        return
    kind, _, rest = last.partition(":")
    if kind == "f" and isinstance(parent, dict):
        parent.pop(rest, None)
    elif kind == "k" and isinstance(parent, list):
        want = json.loads(rest)
        parent[:] = [i for i in parent if not (isinstance(i, dict) and all(i.get(k) == v for k, v in want.items()))]
    elif kind == "v" and isinstance(parent, list):
        v = json.loads(rest)
        parent[:] = [i for i in parent if i != v]


# ---------------------------------------------------------------------------------------------------------------
# Merging an applied configuration

def _merge(live: Any, cfg: Any, node: Any) -> Any:
    if isinstance(live, dict) and isinstance(cfg, dict):
        out = dict(live)
        for k, v in cfg.items():
            out[k] = _merge(live.get(k), v, node.prop(k) if node is not None else None)
        return out
    if isinstance(live, list) and isinstance(cfg, list):
        keys = _keys_of(node)
        if keys:
            items = node.items() if node is not None else None
            out_list = list(live)
            for item in cfg:
                key = _item_key(item, keys, items)
                at = next((i for i, x in enumerate(out_list)
                           if key is not None and _item_key(x, keys, items) == key), None)
                if at is None:
                    out_list.append(copy.deepcopy(item))
                else:
                    out_list[at] = _merge(out_list[at], item, items)
            return out_list
        if _is_set(node):
            return list(live) + [x for x in cfg if x not in live]
    return copy.deepcopy(cfg)


def apply(live: dict | None, cfg: dict, manager: str, force: bool, now: str) -> dict:
    """The object after ``manager`` applies ``cfg`` (``live`` None: a create), with its managedFields."""
    from ..api.patch import schema_for

    node = schema_for(cfg)
    applied = field_set(cfg, node)
    api_version = cfg.get("apiVersion", "")
    entries = copy.deepcopy(((live or {}).get("metadata") or {}).get("managedFields") or [])
    mine = next((e for e in entries if e.get("manager") == manager and e.get("operation") == APPLY), None)
    before = (mine or {}).get("fieldsV1") or {}
    if live is None:
        result = copy.deepcopy(cfg)
    else:
        conflicts: list[tuple[str, str]] = []
        for e in entries:
            if e is mine or e.get("manager") == manager:
                continue
            theirs = e.get("fieldsV1") or {}
            for path in sorted(leaves(applied), key=set_iteration_key):
                if not _has(theirs, path):
                    continue
                have_live, live_v = _get(live, path)
                _, new_v = _get(cfg, path)
                if have_live and live_v == new_v:
                    continue  # the same value: co-owned
                if force:
                    _remove(theirs, path)
                else:
                    conflicts.append((e.get("manager", ""), path_text(path)))
        if conflicts:
            raise ApplyConflict(conflicts)
        result = _merge(copy.deepcopy(live), {k: v for k, v in cfg.items() if k != "status"}, node)
        for path in leaves(before):
            if _has(applied, path):
                continue
            if any(_has(e.get("fieldsV1") or {}, path) for e in entries if e is not mine):
                continue
            _delete(result, path)
    entry = {"manager": manager, "operation": APPLY, "apiVersion": api_version, "time": now,
             "fieldsType": "FieldsV1", "fieldsV1": applied}
    out = [entry if e is mine else e for e in entries]
    if mine is None:
        out.append(entry)
    result.setdefault("metadata", {})["managedFields"] = [e for e in out if e.get("fieldsV1")]
    if manager == "kubectl":
        _sync_last_applied(result, cfg)
    return result


LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"


def _sync_last_applied(result: dict, cfg: dict) -> None:
    """The API server keeps client-side apply's annotation up to date when kubectl applies server-side (manager
    "kubectl"): an object that has a non-empty last-applied-configuration gets the applied configuration, without
    that annotation, as compact JSON with sorted keys and a newline (Kubernetes' lastAppliedUpdater)."""
    ann = (result.get("metadata") or {}).get("annotations")
    if not isinstance(ann, dict) or not ann.get(LAST_APPLIED):
        return
    body = dict(cfg)
    md = body.get("metadata")
    if isinstance(md, dict) and isinstance(md.get("annotations"), dict):
        body["metadata"] = dict(md)
        body["metadata"]["annotations"] = {k: v for k, v in md["annotations"].items() if k != LAST_APPLIED}
    result["metadata"]["annotations"] = {**ann, LAST_APPLIED: json.dumps(
        body, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"}


def apply_request(tx: Any, kind: Any, cfg: dict, manager: str, force: bool, dry_run: bool) -> tuple[dict, bool]:
    """An apply patch as the server runs it: (the object, whether it was created)."""
    from . import pipeline

    md = cfg.get("metadata") or {}
    live = tx.get(kind.group, kind.kind, md.get("namespace", "") if kind.namespaced else "", md.get("name", ""))
    new = apply(live, cfg, manager, force, tx.env.now_str())
    if live is None:
        return pipeline.create(tx, new, dry_run=dry_run), True
    return pipeline.update_object(tx, kind, new, live, "server" if dry_run else ""), False

