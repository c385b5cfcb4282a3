"""replacements (copy a field of one resource into fields of others) and the deprecated vars ($(NAME) in the
fields kustomize's varReference configuration lists)."""

from __future__ import annotations

import re
from typing import Any

from . import fieldspecs as F
from ..textsplit import split_outside
from .errors import KustomizeError
from .resources import Gvk, ResMap, Resource, id_string, split_api_version

_MISSING = object()


def _split_field_path(path: str) -> list[str]:
    out = split_outside(path, ".", "[", "]")
    parts: list[str] = []
    for p in out:  # "ports[0]" is "ports" then "[0]"
        m = re.fullmatch(r"([^\[]+)(\[.*\])", p)
        if m:
            parts.extend([m.group(1), m.group(2)])
        else:
            parts.append(p)
    return parts


def _step(node: Any, part: str, create: bool) -> Any:
    if part.startswith("[") and part.endswith("]"):
        inner = part[1:-1]
        if not isinstance(node, list):
            return _MISSING
        if "=" in inner:
            k, _, v = inner.partition("=")
            for item in node:
                if isinstance(item, dict) and str(item.get(k)) == v:
                    return item
            return _MISSING
        try:
            i = int(inner)
        except ValueError:
            return _MISSING
        return node[i] if 0 <= i < len(node) else _MISSING
    if isinstance(node, list):
        try:
            i = int(part)
            return node[i] if 0 <= i < len(node) else _MISSING
        except ValueError:
            return _MISSING
    if not isinstance(node, dict):
        return _MISSING
    if part not in node:
        if create:
            node[part] = {}
        else:
            return _MISSING
    return node[part]


def get_field(obj: Any, path: str) -> Any:
    node = obj
    for part in _split_field_path(path):
        node = _step(node, part, False)
        if node is _MISSING:
            return _MISSING
    return node


def set_field(obj: Any, path: str, value: Any, create: bool, options: dict) -> bool:
    parts = _split_field_path(path)
    node = obj
    for part in parts[:-1]:
        node = _step(node, part, create)
        if node is _MISSING:
            return False
    last = parts[-1]
    if not isinstance(node, dict):
        return False
    if last not in node and not create:
        return False
    delim = options.get("delimiter")
    if delim is not None and isinstance(node.get(last), str):
        pieces = node[last].split(str(delim))
        idx = int(options.get("index") or 0)
        if idx >= len(pieces):
            pieces.append(str(value))
        elif idx < 0:
            pieces.insert(0, str(value))
        else:
            pieces[idx] = str(value)
        value = str(delim).join(pieces)
    node[last] = value
    return True


def _selects(sel: dict, r: Resource) -> bool:
    g, v, k = sel.get("group") or "", sel.get("version") or "", sel.get("kind") or ""
    name, ns = sel.get("name") or "", sel.get("namespace") or ""
    for gvk, nm, rns in (r.cur_id(), r.org_id()):
        if gvk.selected_by(g, v, k) and (not name or name == nm) and (not ns or ns == rns):
            return True
    return False


def _sel_string(sel: dict) -> str:
    return id_string(Gvk(sel.get("group") or "", sel.get("version") or "", sel.get("kind") or ""),
                     sel.get("name") or "", sel.get("namespace") or "")


def apply_replacements(resmap: ResMap, entries: list) -> None:
    for rep in entries:
        if not isinstance(rep, dict):
            continue
        src = rep.get("source") or {}
        found = [r for r in resmap if _selects(src, r)]
        if not found:
            raise KustomizeError(f"nothing selected by {_sel_string(src)}")
        if len(found) > 1:
            raise KustomizeError(f"multiple matches for selector {_sel_string(src)}")
        path = src.get("fieldPath") or "metadata.name"
        value = get_field(found[0].obj, path)
        if value is _MISSING:
            raise KustomizeError(f"fieldPath `{path}` is missing for replacement source {found[0].cur_id_string()}")
        sopts = src.get("options") or {}
        if sopts.get("delimiter") is not None and isinstance(value, str):
            pieces = value.split(str(sopts["delimiter"]))
            idx = int(sopts.get("index") or 0)
            value = pieces[idx] if 0 <= idx < len(pieces) else ""
        for tgt in rep.get("targets") or []:
            sel = tgt.get("select") or {}
            rejects = tgt.get("reject") or []
            opts = tgt.get("options") or {}
            for r in resmap:
                if not _selects(sel, r) or any(_selects(rj, r) for rj in rejects):
                    continue
                for fp in tgt.get("fieldPaths") or ["metadata.name"]:
                    if not set_field(r.obj, fp, value, bool(opts.get("create")), opts):
                        raise KustomizeError(f'unable to find field "{fp}" in replacement target')


_VAR = re.compile(r"\$\(([A-Za-z_][A-Za-z0-9_.\-]*)\)")


def resolve_vars(resmap: ResMap, var_defs: list[dict], extra_specs: list | None = None) -> list[str]:
    """Substitute $(VAR) references; returns the names of vars that no field used (kustomize logs them)."""
    if not var_defs:
        return []
    values: dict[str, Any] = {}
    for v in var_defs:
        ref = v.get("objref") or {}
        g, ver = split_api_version(str(ref.get("apiVersion") or ""))
        sel = {"group": g, "version": ver, "kind": ref.get("kind"), "name": ref.get("name"),
               "namespace": ref.get("namespace")}
        found = [r for r in resmap if _selects(sel, r)]
        path = ((v.get("fieldref") or {}).get("fieldpath")) or "metadata.name"
        if len(found) != 1:
            shown = f"{{{v.get('name')} {Gvk(g, ver, str(ref.get('kind') or ''))} {{{path}}}}}"
            raise KustomizeError(f"var '{shown}' cannot be mapped to a field in the set of known resources")
        val = get_field(found[0].obj, path)
        if val is _MISSING:
            raise KustomizeError(f"field specified in var '{v.get('name')}' not found in corresponding resource")
        values[str(v.get("name"))] = val

    used: set[str] = set()

    def sub(mm: re.Match) -> str:
        if mm.group(1) in values:
            used.add(mm.group(1))
            return str(values[mm.group(1)])
        return mm.group(0)

    def expand(s: Any) -> Any:
        if not isinstance(s, str):
            return s
        m = _VAR.fullmatch(s)
        if m and m.group(1) in values:
            used.add(m.group(1))
            return values[m.group(1)]
        return _VAR.sub(sub, s)

    def visit(parent: dict, key: str) -> None:
        v = parent.get(key)
        if isinstance(v, list):
            parent[key] = [expand(x) for x in v]
        elif isinstance(v, dict):
            for k2 in list(v):
                v[k2] = expand(v[k2])
        else:
            parent[key] = expand(v)

    for r in resmap:
        for spec in [*F.VAR_REFERENCES, *(extra_specs or [])]:
            if spec.selects(r.gvk):
                F.walk(r.obj, spec.path, False, visit)
    return sorted(name for name in values if name not in used)
