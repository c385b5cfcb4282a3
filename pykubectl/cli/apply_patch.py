"""The strategic merge patch kubectl apply sends for an object that exists (strategicpatch
CreateThreeWayMergePatch): what the new configuration adds or changes against the live object, plus what it
dropped from the last-applied configuration (as nulls, ``$patch: delete`` items and
``$deleteFromPrimitiveList``), with ``$setElementOrder`` lists where a merged list changed and ``$retainKeys``
where the schema asks for them. kubectl prints this patch in the error of a patch the server refused (apply's
"error when applying patch:" text), marshalled as Go's encoding/json does.

pykubectl applies the configuration with its own three-way merge (apply_core._merge); this module only renders
the patch kubectl would have sent.
"""

from __future__ import annotations

import json
from typing import Any

from ..api.patch import SchemaNode

_SET_ORDER = "$setElementOrder"
_DELETE_PRIMITIVE = "$deleteFromPrimitiveList"
_RETAIN_KEYS = "$retainKeys"


def _kind(v: Any) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, (int, float)):
        return "number"
    return type(v).__name__


def _strategy(node: SchemaNode | None) -> tuple[bool, str]:
    if node is None or not node.schema:
        return False, ""
    s = node.strategies
    return "retainKeys" in s, "merge" if "merge" in s else "replace" if "replace" in s else ""


def _diff_maps(original: dict, modified: dict, node: SchemaNode | None, ignore_deletions: bool,
               ignore_changes: bool, retain_keys: bool = False) -> dict:
    patch: dict[str, Any] = {}
    retain: list[str] = []
    for key, mv in modified.items():
        if retain_keys and mv is not None:
            retain.append(key)
        if key not in original:
            if not ignore_changes:
                patch[key] = mv
            continue
        ov = original[key]
        if _kind(ov) != _kind(mv):
            if not ignore_changes:
                patch[key] = mv
            continue
        child = node.prop(key) if node is not None else None
        if isinstance(ov, dict):
            keep, strategy = _strategy(child)
            if strategy == "replace":
                if not ignore_changes:
                    patch[key] = mv
                continue
            sub = _diff_maps(ov, mv, child, ignore_deletions, ignore_changes, keep)
            if sub:
                patch[key] = sub
        elif isinstance(ov, list):
            _slice_diff(key, ov, mv, patch, child, ignore_deletions, ignore_changes)
        elif ov != mv and not ignore_changes:
            patch[key] = mv
    if not ignore_deletions:
        for key in original:
            if key not in modified:
                patch[key] = None
    if retain and (patch or any(k not in original for k in modified)):
        patch[_RETAIN_KEYS] = sorted(retain)
    return patch


def _slice_diff(key: str, original: list, modified: list, patch: dict, node: SchemaNode | None,
                ignore_deletions: bool, ignore_changes: bool) -> None:
    keep, strategy = _strategy(node)
    if strategy != "merge":
        if original != modified and not ignore_changes:
            patch[key] = modified
        return
    merge_key = node.merge_key if node is not None else None
    add, delete, order = _diff_lists(original, modified, node.items() if node is not None else None, merge_key or "",
                                     ignore_deletions, ignore_changes, keep)
    if add:
        patch[key] = add
    if delete:
        patch[f"{_DELETE_PRIMITIVE}/{key}"] = delete
    if order:
        patch[f"{_SET_ORDER}/{key}"] = order


def _scalar_text(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _diff_lists(original: list, modified: list, item_node: SchemaNode | None, merge_key: str,
                ignore_deletions: bool, ignore_changes: bool, retain_keys: bool) -> tuple[list, list, list]:
    if not original:
        if not modified or ignore_changes:
            return [], [], []
        return list(modified), [], []
    if all(isinstance(x, dict) for x in original + modified):
        patch, deletions = _diff_lists_of_maps(original, modified, item_node, merge_key, ignore_deletions,
                                               ignore_changes, retain_keys)
        order_of = {_scalar_text(x.get(merge_key)): i for i, x in enumerate(modified)}
        patch.sort(key=lambda x: order_of.get(_scalar_text(x.get(merge_key)), len(modified)))
        same_order = [_scalar_text(x.get(merge_key)) for x in original] == \
            [_scalar_text(x.get(merge_key)) for x in modified]
        patch += deletions
        order: list = []
        if (not ignore_changes and (patch or not same_order)) or (not ignore_deletions and patch):
            order = [{merge_key: x.get(merge_key)} for x in modified]
        return patch, [], order
    adds, deletions = _diff_lists_of_scalars(original, modified, ignore_deletions, ignore_changes)
    order_of = {_scalar_text(x): i for i, x in enumerate(modified)}
    adds.sort(key=lambda x: order_of.get(_scalar_text(x), len(modified)))
    order = []
    if (not ignore_deletions and deletions) or (not ignore_changes and original != modified):
        order = list(modified)
    return adds, deletions, order


def _diff_lists_of_maps(original: list, modified: list, item_node: SchemaNode | None, merge_key: str,
                        ignore_deletions: bool, ignore_changes: bool, retain_keys: bool) -> tuple[list, list]:
    def sort_key(x: dict) -> str:
        return _scalar_text(x.get(merge_key))

    o_sorted, m_sorted = sorted(original, key=sort_key), sorted(modified, key=sort_key)
    patch: list = []
    deletions: list = []
    i = j = 0
    while i < len(o_sorted) or j < len(m_sorted):
        o_in, m_in = i < len(o_sorted), j < len(m_sorted)
        ok = sort_key(o_sorted[i]) if o_in else ""
        mk = sort_key(m_sorted[j]) if m_in else ""
        if o_in and m_in and ok == mk:
            sub = _diff_maps(o_sorted[i], m_sorted[j], item_node, ignore_deletions, ignore_changes, retain_keys)
            if sub:
                sub[merge_key] = m_sorted[j].get(merge_key)
                patch.append(sub)
            i += 1
            j += 1
        elif not o_in or (m_in and ok > mk):
            if not ignore_changes:
                patch.append(m_sorted[j])
            j += 1
        else:
            if not ignore_deletions:
                deletions.append({"$patch": "delete", merge_key: o_sorted[i].get(merge_key)})
            i += 1
    return patch, deletions


def _diff_lists_of_scalars(original: list, modified: list, ignore_deletions: bool,
                           ignore_changes: bool) -> tuple[list, list]:
    o_sorted = sorted(original, key=_scalar_text)
    m_sorted = sorted(modified, key=_scalar_text)
    adds: list = []
    deletions: list = []
    i = j = 0
    while i < len(o_sorted) or j < len(m_sorted):
        o_in, m_in = i < len(o_sorted), j < len(m_sorted)
        os_, ms = (_scalar_text(o_sorted[i]) if o_in else ""), (_scalar_text(m_sorted[j]) if m_in else "")
        if o_in and m_in and os_ == ms:
            i += 1
            j += 1
        elif o_in and (not m_in or os_ < ms):
            if not ignore_deletions:
                deletions.append(o_sorted[i])
            i += 1
        else:
            if not ignore_changes:
                adds.append(m_sorted[j])
            j += 1
    seen: list = []
    for d in deletions:
        if d not in seen:
            seen.append(d)
    return adds, seen


def _merge_patches(deletions: Any, delta: Any) -> Any:
    """mergeMap(deletions, delta): the additions and changes laid over the deletions."""
    if not isinstance(deletions, dict) or not isinstance(delta, dict):
        return delta
    out = dict(deletions)
    for k, v in delta.items():
        if k in out and isinstance(out[k], dict) and isinstance(v, dict):
            out[k] = _merge_patches(out[k], v)
        elif k in out and isinstance(out[k], list) and isinstance(v, list) and not k.startswith("$"):
            # A merged list in both: the changed items (in the configuration's order), then the deletions.
            out[k] = v + [x for x in out[k] if x not in v]
        else:
            out[k] = v
    return out


def three_way_patch(original: dict, modified: dict, current: dict, node: SchemaNode | None) -> dict:
    delta = _diff_maps(current, modified, node, ignore_deletions=True, ignore_changes=False)
    deletions = _diff_maps(original, modified, node, ignore_deletions=False, ignore_changes=True)
    return _merge_patches(deletions, delta)


def go_json(value: Any) -> str:
    """encoding/json's Marshal: keys sorted, no spaces, HTML characters and line separators escaped."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                    ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text
