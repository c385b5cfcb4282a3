"""kustomize's built-in transformers that need no patch machinery: namespace, name prefix and suffix, labels,
annotations, images and replica counts."""

from __future__ import annotations

import re
from typing import Any

from . import fieldspecs as F
from .errors import KustomizeError
from .resources import ResMap, Resource


class _SharedValue:
    """One YAML node kustomize's label and annotation setters put in several places of a resource: the places a
    single run created the key in share it, so setting the key again later in one of them (the setter copies the
    new value into the existing node) changes all of them (recorded: a selector label added with
    includeSelectors follows a later includeTemplates label of the same key)."""

    __slots__ = ("places",)

    def __init__(self) -> None:
        self.places: list[dict] = []


def _set_entry(r: Resource, key: str, value: str):
    created = _SharedValue()
    shared = r.shared_values

    def visit(parent: dict, field: str) -> None:
        cur = parent.get(field)
        if not isinstance(cur, dict):
            if cur is not None and field in parent:
                raise KustomizeError(f"wrong node kind: expected MappingNode but got {_node_kind(cur)}: node "
                                     f"contents:\n{cur}\n")
            cur = parent[field] = {}
        if key in cur:
            group = shared.get((id(cur), key))
            if group is not None and any(place is cur for place in group.places):
                for place in group.places:
                    if key in place:
                        place[key] = value
            cur[key] = value
            return
        cur[key] = value
        created.places.append(cur)
        shared[(id(cur), key)] = created
    return visit


def _node_kind(v: Any) -> str:
    return "SequenceNode" if isinstance(v, list) else "ScalarNode"


def apply_map_fields(resmap: ResMap, specs: list[F.FieldSpec], values: dict[str, str]) -> None:
    if not values:
        return
    for r in resmap:
        gvk = r.gvk
        chosen = [spec for spec in specs if spec.selects(gvk)]
        for key in sorted(values):
            visit = _set_entry(r, key, values[key])
            for spec in chosen:
                F.walk(r.obj, spec.path, spec.create, visit)


def namespace(resmap: ResMap, ns: str, unset_only: bool = False) -> None:
    if not ns:
        return
    for r in resmap:
        if not r.obj:
            continue
        r.store_previous_id()
        gvk = r.gvk
        if not gvk.cluster_scoped and not (unset_only and r.namespace):
            r.meta["namespace"] = ns
        if gvk.kind == "Namespace" and r.obj.get("apiVersion") == "v1":
            r.meta["name"] = ns
        if gvk.kind in ("RoleBinding", "ClusterRoleBinding"):
            for subject in r.obj.get("subjects") or []:
                if isinstance(subject, dict) and subject.get("name") == "default":
                    subject["namespace"] = ns
        for spec in F.NAMESPACE_EXTRA:
            if spec.selects(gvk):
                F.walk(r.obj, spec.path, spec.create, lambda p, k: p.__setitem__(k, ns))
    ids = [r.id_key() for r in resmap]
    if len(set(ids)) != len(ids):
        raise KustomizeError("namespace transformation produces ID conflict")


def _skip_rename(r: Resource) -> bool:
    gvk = r.org_id()[0]
    return any(gvk.selected_by(g, "", k) for g, k in F.PREFIX_SKIP)


def prefix_suffix(resmap: ResMap, prefix: str, suffix: str) -> None:
    for r in resmap:
        if _skip_rename(r):
            continue
        if prefix:
            r.prefixes.append(prefix)
            r.store_previous_id()
            r.name = prefix + r.name
    for r in resmap:
        if _skip_rename(r):
            continue
        if suffix:
            r.suffixes.append(suffix)
            r.store_previous_id()
            r.name = r.name + suffix


def label_entries(k: Any) -> list[dict]:
    """The `labels` entries of a kustomization with `commonLabels` folded in (as kustomize does, last, with its
    selectors)."""
    entries = [e for e in k.list("labels") if isinstance(e, dict)]
    common = k.get("commonLabels")
    if common:
        # (`kustomize edit fix` refuses a label in both; a build applies commonLabels last: recorded.)
        entries.append({"pairs": dict(common), "includeSelectors": True})
    return entries


def labels(resmap: ResMap, entries: list[dict], extra_label_specs: list[F.FieldSpec]) -> None:
    for e in entries:
        pairs = {str(a): "" if b is None else str(b) for a, b in (e.get("pairs") or {}).items()}
        if e.get("includeSelectors"):
            specs = F.COMMON_LABELS + extra_label_specs
        elif e.get("includeTemplates"):
            specs = list(F.METADATA_LABELS)
        else:
            specs = [F.fs("metadata/labels", create=True)]
        for f in e.get("fields") or []:
            if isinstance(f, dict) and f.get("path"):
                specs.append(F.fs(f["path"], f.get("kind", ""), f.get("group", ""), f.get("version", ""),
                                  bool(f.get("create"))))
        apply_map_fields(resmap, specs, pairs)


def annotations(resmap: ResMap, values: dict | None, extra_specs: list | None = None) -> None:
    if values:
        apply_map_fields(resmap, F.COMMON_ANNOTATIONS + (extra_specs or []), {str(a): "" if b is None else str(b)
                                                         for a, b in values.items()})


# --- images
def split_image(image: str) -> tuple[str, str, str]:
    search, slash = image, 0
    i = image.find("/")
    if i > 0:
        search, slash = image[i:], i
    at, colon = search.find("@"), search.find(":")
    if colon < 0 and at < 0:
        return image, "", ""
    if at >= 0 and (at < colon or colon < 0):
        at += slash
        return image[:at], "", image[at + 1:]
    if at >= 0 and colon >= 0:
        at += slash
        colon += slash
        return image[:colon], image[colon + 1:at], image[at + 1:]
    colon += slash
    return image[:colon], image[colon + 1:], ""


def _update_image(value: str, img: dict, pattern: re.Pattern) -> str:
    if not pattern.match(value):
        return value
    name, tag, digest = split_image(value)
    if img.get("newName"):
        name = str(img["newName"])
    new_tag, new_digest, tag_suffix = str(img.get("newTag") or ""), str(img.get("digest") or ""), \
        str(img.get("tagSuffix") or "")
    if new_tag and new_digest:
        tag, digest = new_tag, new_digest
    elif new_tag:
        tag, digest = new_tag, ""
    elif new_digest:
        tag, digest = "", new_digest
    elif tag_suffix:
        tag, digest = tag + tag_suffix, ""
    if tag:
        name += ":" + tag
    if digest:
        name += "@" + digest
    return name


def _walk_containers(node: Any, fn) -> None:
    if isinstance(node, dict):
        for key, v in node.items():
            _walk_containers(v, fn)
            if key in ("containers", "initContainers") and isinstance(v, list):
                for c in v:
                    if isinstance(c, dict) and isinstance(c.get("image"), str):
                        c["image"] = fn(c["image"])
    elif isinstance(node, list):
        for v in node:
            _walk_containers(v, fn)


def images(resmap: ResMap, entries: list) -> None:
    for img in entries:
        if not isinstance(img, dict):
            continue
        pattern = re.compile("^" + str(img.get("name") or "")
                             + r"(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$")
        for r in resmap:
            if r.kind == "CustomResourceDefinition":
                continue
            _walk_containers(r.obj, lambda v: _update_image(v, img, pattern))


def replicas(resmap: ResMap, entries: list) -> None:
    for rep in entries:
        if not isinstance(rep, dict):
            continue
        name, count = rep.get("name"), rep.get("count")
        found = False
        for spec in F.REPLICAS:
            for r in resmap:
                ids = [*r.prev, r.cur_id()]
                if not any(i[1] == name and spec.selects(i[0]) for i in ids):
                    continue
                found = True
                F.walk(r.obj, spec.path, spec.create, lambda p, k: p.__setitem__(k, count))
        if not found:
            gvks = " ".join(f"{k}.[noVer].[noGrp]" for k in F.REPLICA_KINDS_IN_ERROR)
            raise KustomizeError(f"resource with name {name} does not match a config with the following GVK [{gvks}]")
