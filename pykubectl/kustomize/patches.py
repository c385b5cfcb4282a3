"""patches, patchesStrategicMerge and patchesJson6902: strategic merge and RFC 6902 patches, inline or from files,
applied to the resources their target selects (or, without a target, to the resource a strategic merge patch
names). The patch arithmetic is pykubectl.api.patch's."""

from __future__ import annotations

import re
from typing import Any

import yaml

from ..api import patch as patchlib
from .errors import KustomizeError
from .loader import Loader
from .resources import Gvk, ResMap, Resource, effective_namespace, id_string, split_api_version
from .yamlio import load_documents, load_kustomization


def _match_selector(expr: str, values: dict) -> bool:
    """A label selector in kubectl's string form (equality, inequality, set-based, existence)."""
    from ..api import selectors

    try:
        return selectors.parse_label_selector(expr).matches(values)
    except Exception as e:  # noqa: BLE001 - an unparsable selector matches nothing, as kustomize reports it
        raise KustomizeError(f"unable to parse requirement: {e}") from None


def _anchored(pattern: str, value: str) -> bool:
    try:
        return re.fullmatch(pattern, value) is not None
    except re.error:
        return pattern == value


def selects(target: dict, r: Resource) -> bool:
    ids = [*r.prev, r.cur_id()]
    group, version, kind = target.get("group") or "", target.get("version") or "", target.get("kind") or ""
    name, ns = target.get("name") or "", target.get("namespace") or ""

    def one(gvk: Gvk, nm: str, namespace: str) -> bool:
        if not gvk.selected_by(group, version, kind):
            return False
        if name and not _anchored(name, nm):
            return False
        if ns and not _anchored(ns, namespace if namespace not in ("", "_non_namespaceable_") else "default"
                                if namespace == "" else namespace):
            return False
        return True

    if not any(one(*i) for i in ids):
        return False
    if target.get("labelSelector") and not _match_selector(str(target["labelSelector"]), r.labels()):
        return False
    if target.get("annotationSelector") and not _match_selector(str(target["annotationSelector"]),
                                                                r.annotations()):
        return False
    return True


def _inline_line(ldr: Loader, text: str) -> int:
    """The line of the kustomization file an inline patch starts on (its first line, found in the file)."""
    first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    try:
        with open(ldr.kustomization, encoding="utf-8", errors="replace") as f:
            for n, line in enumerate(f, 1):
                if first and line.strip().endswith(first):
                    return n
    except OSError:
        pass
    return 1


def _where(entry: dict, ldr: Loader, source: str, line: int, text: str) -> tuple[str, int, str]:
    """Where a patch is written: (file, line, the patch text when it is inline in the kustomization)."""
    return (source, line, "") if entry.get("path") else (source, _inline_line(ldr, text), text)


def _load_patch(entry: dict, ldr: Loader) -> tuple[str, list[tuple[Any, int]], str]:
    """(text source for errors, documents, patch text)."""
    if entry.get("path"):
        rel = str(entry["path"])
        try:
            text = ldr.read_text(rel)
        except KustomizeError as e:
            raise KustomizeError(f"trouble configuring builtin PatchTransformer with config: `\npath: {rel}\n`: "
                                 f"failed to get the patch file from path({rel}): {e}", ldr.abspath(rel)) from None
        source = ldr.abspath(rel)
    else:
        text = str(entry.get("patch") or "")
        source = ldr.kustomization or "<inline patch>"
    try:
        docs = load_documents(text)
    except yaml.YAMLError:
        from ..printers.output import to_yaml

        key = "path" if entry.get("path") else "patch"
        raise KustomizeError(f"trouble configuring builtin PatchTransformer with config: `\n"
                             f"{to_yaml({key: entry.get(key)})}`: unable to parse SM or JSON patch from "
                             f"[{key}: {_go_quote(str(entry.get(key)))}]", source) from None
    return source, docs, text


def _go_quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def load_json_patch(text: str) -> Any:
    """JSON 6902 patches go through sigs.k8s.io/yaml (YAML 1.1: `y` and `on` are booleans there)."""
    return load_kustomization(text)


def _patch_id(p: dict) -> tuple[Gvk, str, str]:
    g, v = split_api_version(str(p.get("apiVersion") or ""))
    meta = p.get("metadata") or {}
    return Gvk(g, v, str(p.get("kind") or "")), str(meta.get("name") or ""), str(meta.get("namespace") or "")


def _by_id(resmap: ResMap, pid: tuple[Gvk, str, str]) -> list[Resource]:
    gvk, name, ns = pid
    out = []
    for r in resmap:
        for g, nm, rns in [*r.prev, r.cur_id()]:
            if g.selected_by(gvk.group, gvk.version, gvk.kind) and nm == name and (
                    effective_namespace(g, rns) == effective_namespace(g, ns)):
                out.append(r)
                break
    return out


def _apply_smp(r: Resource, p: dict, resmap: ResMap, options: dict | None = None) -> None:
    if p.get("$patch") == "delete":
        resmap.items.remove(r)
        return
    p = dict(p)
    meta = dict(p.get("metadata") or {})
    new_name = meta.get("name")
    if (options or {}).get("allowNameChange") and new_name and new_name != r.name:
        r.store_previous_id()
    else:
        meta["name"] = r.name  # the target's own name: a patch with a target may name anything
    if "namespace" in meta or r.namespace:
        meta["namespace"] = r.namespace or meta.get("namespace")
        if not meta["namespace"]:
            meta.pop("namespace")
    p["metadata"] = meta
    p = _drop_element_replace(p)
    try:
        merged = patchlib.apply_patch(r.obj, p, "strategic")
    except patchlib.PatchError as e:
        raise KustomizeError(str(e)) from None
    r.obj = _kyaml_order(merged, p, patchlib.schema_for(merged))


def _drop_element_replace(v: Any, in_list: bool = False) -> Any:
    """kyaml ignores `$patch: replace` on an item of a list merged by key: the item merges like any other
    (recorded: ports [{$patch: replace, containerPort: 8080}] over [80] gives [8080, 80])."""
    if isinstance(v, dict):
        return {k: _drop_element_replace(x) for k, x in v.items()
                if not (in_list and k == "$patch" and x == "replace")}
    if isinstance(v, list):
        return [_drop_element_replace(x, True) for x in v]
    return v


def _kyaml_order(result: Any, patch: Any, node: Any) -> Any:
    """kustomize merges with kyaml, which prepends: in a list merged by key, the patch's items come first (in the
    patch's order), then the other items as they were (recorded: env NEW, MODE before PASSWORD)."""
    if isinstance(patch, dict) and isinstance(result, dict):
        for k, pv in patch.items():
            if not k.startswith("$") and k in result:
                result[k] = _kyaml_order(result[k], pv, node.prop(k))
        return result
    key = node.merge_key if "merge" in node.strategies else None
    if key and isinstance(patch, list) and isinstance(result, list):
        item = node.items()
        first: list = []
        taken: set[int] = set()
        for pv in patch:
            if not isinstance(pv, dict) or key not in pv or pv.get("$patch") == "delete":
                continue
            for i, rv in enumerate(result):
                if i not in taken and isinstance(rv, dict) and rv.get(key) == pv[key]:
                    first.append(_kyaml_order(rv, pv, item))
                    taken.add(i)
                    break
        return first + [rv for i, rv in enumerate(result) if i not in taken]
    return result


def _apply_json(r: Resource, ops: list, source: str) -> None:
    try:
        r.obj = patchlib.apply_patch(r.obj, ops, "json")
    except patchlib.PatchError as e:
        raise KustomizeError(str(e), source) from None
    # The patched object is read back with ObjectMeta's types: label and annotation values become strings
    # (recorded: a `y` patched into an annotation prints as "true").
    meta = r.obj.get("metadata")
    if isinstance(meta, dict):
        for key in ("labels", "annotations"):
            m = meta.get(key)
            if isinstance(m, dict):
                for k, v in m.items():
                    if isinstance(v, bool):
                        m[k] = "true" if v else "false"
                    elif isinstance(v, (int, float)):
                        m[k] = str(v)


def apply_patches(resmap: ResMap, entries: list, ldr: Loader, legacy_smp: bool = False) -> None:
    for entry in entries:
        if isinstance(entry, str):  # patchesStrategicMerge: a file path or an inline patch
            entry = {"path": entry} if not ("\n" in entry or ":" in entry) else {"patch": entry}
        if not isinstance(entry, dict):
            continue
        source, docs, _text = _load_patch(entry, ldr)
        target = entry.get("target")
        if len(docs) == 1 and isinstance(docs[0][0], list):
            docs = [(load_json_patch(_text), docs[0][1])]
            if not target:
                raise KustomizeError("unable to apply JSON patch without a target", source)
            for r in [r for r in resmap if selects(target, r)]:
                _apply_json(r, docs[0][0], source)
                r.patched.append(_where(entry, ldr, source, docs[0][1], _text))
            continue
        for p, line in docs:
            if not isinstance(p, dict):
                raise KustomizeError("unable to parse SM or JSON patch", source, line)
            if target:
                for r in [r for r in resmap if selects(target, r)]:
                    _apply_smp(r, p, resmap, entry.get("options"))
                    r.patched.append(_where(entry, ldr, source, line, _text))
                continue
            pid = _patch_id(p)
            matches = _by_id(resmap, pid)
            ids = id_string(*pid)
            if len(matches) != 1:
                detail = (f"no matches for Id {ids}; failed to find unique target for patch {ids}" if not matches
                          else f"multiple matches for Id {ids}; failed to find unique target for patch {ids}")
                if legacy_smp:
                    raise KustomizeError(detail, source, line)
                raise KustomizeError(f'no resource matches strategic merge patch "{ids}": {detail}', source, line)
            _apply_smp(matches[0], p, resmap, entry.get("options"))
            matches[0].patched.append(_where(entry, ldr, source, line, _text))


def apply_json6902(resmap: ResMap, entries: list, ldr: Loader) -> None:
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        source, docs, _text = _load_patch(entry, ldr)
        target = entry.get("target") or {}
        ops = load_json_patch(_text) if docs else []
        for r in [r for r in resmap if selects(target, r)]:
            _apply_json(r, ops if isinstance(ops, list) else [], source)
            r.patched.append(_where(entry, ldr, source, docs[0][1] if docs else 1, _text))
