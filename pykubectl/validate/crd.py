"""Custom resources validated offline against their CustomResourceDefinition, by the API server's own code for
them (apiserver/customresources.py: strict decoding, defaulting and pruning, ObjectMeta, the schema, list types and
CEL rules), so `validate` and `apply --dry-run=server` give the same verdict and texts. Only custom resources pay
for this module.
"""

from __future__ import annotations

from typing import Any


class CRD:
    """One CustomResourceDefinition from the inputs, ``--crd`` files or the store."""

    def __init__(self, obj: dict):
        from ..apiserver.customresources import Definition

        self.definition = Definition(obj)
        self.group = self.definition.group
        self.kind = self.definition.kind
        self.namespaced = self.definition.namespaced
        self.versions = self.definition.versions

    def validate(self, obj: dict, strict: bool) -> list[tuple[str, str]]:
        """(path, message) of each error the server would answer a create of ``obj`` with."""
        import copy  # here, not at import: only custom resources need it

        d = self.definition
        name = str((obj.get("metadata") or {}).get("name", "")) if isinstance(obj.get("metadata"), dict) else ""
        detail = d.decode_error(obj, strict)
        if detail:
            head = detail[:detail.index("unknown field")]
            return [(u, head + f'unknown field "{u}"') for u in d.unknown_fields(obj)]
        obj = copy.deepcopy(obj)
        md = obj.get("metadata")
        md = obj["metadata"] = dict(md) if isinstance(md, dict) else {}
        if d.namespaced:
            md["namespace"] = md.get("namespace") or "default"
        else:
            md.pop("namespace", None)
        d.prepare_for_create(obj)
        head = f'The {self.kind} "{name}" is invalid: '
        return [(fe.path, head + str(fe)) for fe in d.validate(obj)]


class CRDSet:
    """CRDs from the inputs, ``--crd`` files and (on the first miss) the store."""

    def __init__(self, store_loader: Any = None):
        self.by_key: dict[tuple[str, str], CRD] = {}
        self._store_loader = store_loader

    def add(self, obj: Any) -> None:
        if isinstance(obj, dict) and obj.get("kind") == "CustomResourceDefinition":
            from ..api import registry, schema

            try:
                kind = registry.by_api_version_kind(obj.get("apiVersion", ""), "CustomResourceDefinition")
            except registry.NoKindMatchError:
                return
            if schema.check(obj, kind, strict=False):
                return  # the server refuses a CRD that does not decode: it never serves its kind
            c = CRD(obj)
            if c.kind:
                self.by_key[(c.group, c.kind)] = c

    def __bool__(self) -> bool:
        return True

    def lookup(self, api_version: str, kind: str) -> CRD | None:
        group, _, version = api_version.rpartition("/")
        c = self.by_key.get((group, kind))
        if c is None and self._store_loader is not None:
            loader, self._store_loader = self._store_loader, None
            for obj in loader():
                self.add(obj)
            c = self.by_key.get((group, kind))
        if c is None or version not in c.versions:
            return None
        return c
