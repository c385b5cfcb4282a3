"""Name references: once names have changed (prefix, suffix, namespace, content hash), every field that refers
to a renamed object by its old name gets the new one (kustomize's FixBackReferences), choosing among candidates
with kustomize's sieve: previous name, kind, roleRef kind, namespace, then prefix/suffix history."""

from __future__ import annotations

from typing import Any

from . import fieldspecs as F
from .errors import KustomizeError
from .resources import Gvk, ResMap, Resource, effective_namespace


def _same_ending(a: list[str], b: list[str]) -> bool:
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    diff = len(long_) - len(short)
    if not short:
        return diff == 0
    return all(long_[i + diff] == short[i] for i in range(len(short)))


def _ps_equals(r: Resource, other: Resource, allow_empty: bool) -> bool:
    if allow_empty:
        pe = not r.prefixes or not other.prefixes
        se = not r.suffixes or not other.suffixes
        return (pe or _same_ending(r.prefixes, other.prefixes)) and (se or _same_ending(r.suffixes, other.suffixes))
    return _same_ending(r.prefixes, other.prefixes) and _same_ending(r.suffixes, other.suffixes)


def _ns_equal(a: Resource, b: Resource) -> bool:
    return effective_namespace(a.gvk, a.namespace) == effective_namespace(b.gvk, b.namespace)


def _rolebinding_namespaces(referrer: Resource) -> set[str]:
    out: set[str] = set()
    if referrer.kind in ("RoleBinding", "ClusterRoleBinding"):
        for s in referrer.obj.get("subjects") or []:
            if isinstance(s, dict) and s.get("kind") == "ServiceAccount" and s.get("namespace"):
                out.add(str(s["namespace"]))
    return out


def _could_reference(referrer: Resource, rb_ns: set[str], t: Resource) -> bool:
    """kustomize's subset of a map a referrer may refer into: anything from a cluster-scoped referrer,
    cluster-scoped targets, the same namespace, and a (Cluster)RoleBinding's subjects' namespaces."""
    return (referrer.gvk.cluster_scoped or t.gvk.cluster_scoped or _ns_equal(t, referrer)
            or t.namespace in rb_ns)


class _Fixer:
    def __init__(self, referrer: Resource, target: Gvk, spec: F.FieldSpec, renamed: list[Resource],
                 by_name: dict[str, list[Resource]]):
        self.referrer, self.target, self.spec = referrer, target, spec
        self.renamed, self.by_name = renamed, by_name
        self.rb_ns = _rolebinding_namespaces(referrer)

    def in_scope(self, cands: list[Resource]) -> list[Resource]:
        return [t for t in cands if _could_reference(self.referrer, self.rb_ns, t)]

    def select(self, old: str, cands: list[Resource], identical) -> Resource | None:
        c = [r for r in cands if any(i[1] == old for i in r.prev)]
        tg = self.target
        c = [r for r in c if any(i[0].selected_by(tg.group, tg.version, tg.kind) for i in r.prev)]
        if self.spec.path[-2:] == ("roleRef", "name"):
            rr = self.referrer.obj.get("roleRef")
            if isinstance(rr, dict) and rr.get("apiGroup") is not None and rr.get("kind") is not None:
                c = [r for r in c if any(i[0].selected_by(str(rr["apiGroup"]), "", str(rr["kind"]))
                                         for i in r.prev)]
        if not self.referrer.gvk.cluster_scoped:
            c = [r for r in c if r.gvk.cluster_scoped or r.kind == "ServiceAccount" or _ns_equal(self.referrer, r)]
        if len(c) == 1:
            return c[0]
        c = [r for r in c if _ps_equals(r, self.referrer, True)]
        if len(c) > 1:
            c = [r for r in c if _ps_equals(r, self.referrer, False)]
        if len(c) == 1:
            return c[0]
        if not c:
            return None
        if identical(c):
            return c[0]
        ids = ", ".join(r.cur_id_string() for r in c)
        raise KustomizeError(f"found multiple possible referrals: {ids}")

    def scalar(self, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        ref = self.select(value, self.in_scope(self.by_name.get(value, [])), lambda rs: len({r.name for r in rs}) == 1)
        if ref is None:
            return value
        ref.refby.append(self.referrer.cur_id_string())
        return ref.name

    def mapping(self, node: dict) -> None:
        if "name" not in node:
            raise KustomizeError("path config error; no 'name' field in node")
        cands = self.in_scope(self.renamed)
        if "namespace" in node:
            ns = str(node.get("namespace") or "")
            by_org = [r for r in cands if (r.prev[0][2] if r.prev else r.namespace) == ns]
            cands = by_org or [r for r in cands if r.namespace == ns]
        old = node.get("name")
        ref = self.select(str(old), cands, lambda rs: len({(r.name, r.namespace) for r in rs}) == 1)
        if ref is None:
            return
        ref.refby.append(self.referrer.cur_id_string())
        if ref.name == old and not ref.namespace:
            return
        node["name"] = ref.name
        if ref.namespace:
            node["namespace"] = ref.namespace

    def visit(self, parent: dict, key: str) -> None:
        v = parent.get(key)
        if v is None:
            return
        if isinstance(v, dict):
            self.mapping(v)
        elif isinstance(v, list):
            for i, item in enumerate(v):
                if isinstance(item, dict):
                    self.mapping(item)
                else:
                    v[i] = self.scalar(item)
        else:
            parent[key] = self.scalar(v)


_BY_KIND: dict[str, list] | None = None


def _specs_by_kind(extra: list) -> dict[str, list]:
    """(referenced kind, field spec) pairs by the referrer kind they apply to ("" for specs of any kind)."""
    global _BY_KIND
    if _BY_KIND is None:
        _BY_KIND = {}
        for target, specs in F.NAME_REFERENCES:
            for spec in specs:
                _BY_KIND.setdefault(spec.kind, []).append((target, spec))
    if not extra:
        return _BY_KIND
    out = {k: list(v) for k, v in _BY_KIND.items()}
    for target, specs in extra:
        for spec in specs:
            out.setdefault(spec.kind, []).append((target, spec))
    return out


def fix_back_references(resmap: ResMap, extra: list | None = None) -> None:
    renamed = [r for r in resmap if r.prev]
    if not renamed:
        return
    by_name: dict[str, list[Resource]] = {}
    for r in renamed:
        for name in dict.fromkeys(i[1] for i in r.prev):
            by_name.setdefault(name, []).append(r)
    by_kind = _specs_by_kind(extra or [])
    for referrer in resmap:
        gvk = referrer.gvk
        for target, spec in [*by_kind.get(gvk.kind, ()), *by_kind.get("", ())]:
            if spec.selects(gvk):
                fixer = _Fixer(referrer, target, spec, renamed, by_name)
                try:
                    F.walk(referrer.obj, spec.path, False, fixer.visit)
                except KustomizeError as e:
                    path = "/".join(spec.path)
                    raise e.wrap(f"updating name reference in '{path}' field of '{referrer.cur_id_string()}'")
