"""Resources as kustomize tracks them: the object, where it came from, the names it had (for name references),
the prefixes and suffixes added to it, and whether it was generated (and so gets a content-hash suffix)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .errors import KustomizeError

NO_GROUP, NO_VERSION, NO_KIND, NO_NS, NO_NAME = "[noGrp]", "[noVer]", "[noKind]", "[noNs]", "[noName]"


def split_api_version(api_version: str) -> tuple[str, str]:
    if "/" in api_version:
        g, _, v = api_version.partition("/")
        return g, v
    return "", api_version


@dataclass(frozen=True)
class Gvk:
    group: str
    version: str
    kind: str

    def __str__(self) -> str:
        return f"{self.kind or NO_KIND}.{self.version or NO_VERSION}.{self.group or NO_GROUP}"

    def selected_by(self, group: str | None, version: str | None, kind: str | None) -> bool:
        return ((not group or group == self.group) and (not version or version == self.version)
                and (not kind or kind == self.kind))

    @property
    def cluster_scoped(self) -> bool:
        got = _CLUSTER_CACHE.get((self.group, self.kind))
        return got if got is not None else is_cluster_scoped(self.group, self.kind)


_CLUSTER_CACHE: dict[tuple[str, str], bool] = {}


def is_cluster_scoped(group: str, kind: str) -> bool:
    key = (group, kind)
    got = _CLUSTER_CACHE.get(key)
    if got is None:
        from ..api import registry

        got = False
        for k in registry.all_kinds():
            if k.kind == kind and k.group == group:
                got = not k.namespaced
                break
        _CLUSTER_CACHE[key] = got
    return got


def id_string(gvk: Gvk, name: str, namespace: str) -> str:
    return f"{gvk}/{name or NO_NAME}.{namespace or NO_NS}"


def effective_namespace(gvk: Gvk, namespace: str) -> str:
    if gvk.cluster_scoped:
        return "_non_namespaceable_"
    return namespace or "default"


_GVKS: dict[tuple, Gvk] = {}


@dataclass
class Resource:
    obj: dict
    source: str = ""  # the file it was read from (for errors), or the kustomization that generated it
    line: int = 0
    prev: list[tuple[Gvk, str, str]] = field(default_factory=list)  # (gvk, name, effective namespace), oldest first
    prefixes: list[str] = field(default_factory=list)
    suffixes: list[str] = field(default_factory=list)
    needs_hash: bool = False
    behavior: str = ""
    origin: dict | None = None
    refby: list[str] = field(default_factory=list)
    patched: list[tuple[str, int, str]] = field(default_factory=list)  # each patch applied: (file, line, inline text)
    shared_values: dict = field(default_factory=dict)  # (id(map), key) -> transformers._SharedValue

    # --- identity
    @property
    def gvk(self) -> Gvk:
        obj = self.obj
        key = (obj.get("apiVersion"), obj.get("kind"))
        got = _GVKS.get(key)
        if got is None:
            g, v = split_api_version(str(key[0] or ""))
            got = _GVKS[key] = Gvk(g, v, str(key[1] or ""))
        return got

    @property
    def kind(self) -> str:
        return str(self.obj.get("kind") or "")

    @property
    def meta(self) -> dict:
        m = self.obj.get("metadata")
        if not isinstance(m, dict):
            m = self.obj["metadata"] = {}
        return m

    @property
    def name(self) -> str:
        m = self.obj.get("metadata")
        return str(m.get("name") or "") if isinstance(m, dict) else ""

    @name.setter
    def name(self, v: str) -> None:
        self.meta["name"] = v

    @property
    def namespace(self) -> str:
        m = self.obj.get("metadata")
        return str(m.get("namespace") or "") if isinstance(m, dict) else ""

    def cur_id(self) -> tuple[Gvk, str, str]:
        return self.gvk, self.name, self.namespace

    def cur_id_string(self) -> str:
        return id_string(self.gvk, self.name, self.namespace)

    def org_id(self) -> tuple[Gvk, str, str]:
        return self.prev[0] if self.prev else self.cur_id()

    def store_previous_id(self) -> None:
        gvk = self.gvk
        self.prev.append((gvk, self.name, effective_namespace(gvk, self.namespace)))

    def id_key(self) -> tuple[Gvk, str, str]:
        gvk = self.gvk
        return gvk, self.name, effective_namespace(gvk, self.namespace)

    def same_id(self, other: "Resource") -> bool:
        g1, g2 = self.gvk, other.gvk
        return (g1 == g2 and self.name == other.name
                and effective_namespace(g1, self.namespace) == effective_namespace(g2, other.namespace))

    def labels(self) -> dict:
        v = self.meta.get("labels")
        return v if isinstance(v, dict) else {}

    def annotations(self) -> dict:
        v = self.meta.get("annotations")
        return v if isinstance(v, dict) else {}



class ResMap:
    """The resources of a build, in the order they were added (kustomize's resWrangler)."""

    def __init__(self, items: list[Resource] | None = None):
        self.items: list[Resource] = list(items or [])

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def append(self, r: Resource, ids: set | None = None) -> None:
        """Add a resource; an id already present is kustomize's error. ``ids``: the current ids of the map, when
        the caller adds several in a row (kept up to date here)."""
        key = r.id_key()
        if ids is None:
            ids = {o.id_key() for o in self.items}
        if key in ids:
            raise KustomizeError("may not add resource with an already registered id: " + r.cur_id_string())
        ids.add(key)
        self.items.append(r)

    def ids(self) -> set:
        return {o.id_key() for o in self.items}

    def append_all(self, other: "ResMap | list[Resource]") -> None:
        for r in other:
            self.append(r)


def obj_from_doc(doc: Any, source: str) -> list[dict]:
    """The objects a YAML document holds (a List's items), or kustomize's error for a document that is no object."""
    if not isinstance(doc, dict):
        raise KustomizeError("missing Resource metadata")
    if doc.get("kind") == "List" and isinstance(doc.get("items"), list):
        out: list[dict] = []
        for item in doc["items"]:
            out.extend(obj_from_doc(item, source))
        return out
    return [doc]
