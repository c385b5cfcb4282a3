"""The kustomization file: finding it in a directory, decoding it as kustomize's Kustomization type does (unknown
fields and wrong types are errors with encoding/json's words), its deprecation warnings and the legacy fields
folded into their successors."""

from __future__ import annotations

import os
from typing import Any

import yaml

from .errors import KustomizeError
from .yamlio import go_yaml_message, load_kustomization

FILE_NAMES = ("kustomization.yaml", "kustomization.yml", "Kustomization")

# Field -> Go type of the Kustomization struct (only the shapes that are checked in depth).
_S, _LS, _MS, _ANY = "string", "[]string", "map[string]string", None
FIELDS: dict[str, str | None] = {
    "apiVersion": _S, "kind": _S, "metadata": _ANY, "openapi": _MS, "namePrefix": _S, "nameSuffix": _S,
    "namespace": _S, "commonLabels": _MS, "labels": _ANY, "commonAnnotations": _MS, "patchesStrategicMerge": _LS,
    "patchesJson6902": _ANY, "patches": _ANY, "images": _ANY, "imageTags": _ANY, "replacements": _ANY,
    "replicas": _ANY, "vars": _ANY, "sortOptions": _ANY, "resources": _LS, "components": _LS, "crds": _LS,
    "bases": _LS, "configMapGenerator": _ANY, "secretGenerator": _ANY, "helmGlobals": _ANY, "helmCharts": _ANY,
    "helmChartInflationGenerator": _ANY, "generatorOptions": _ANY, "configurations": _LS, "generators": _LS,
    "transformers": _LS, "validators": _LS, "buildMetadata": _LS,
}

_GEN_OPTS = ("GeneratorOptions", {"labels": _MS, "annotations": _MS, "disableNameSuffixHash": "bool",
                                   "immutable": "bool"})
_TARGET = ("Selector", {k: None for k in ("group", "version", "kind", "name", "namespace", "labelSelector",
                                          "annotationSelector")})
_PATCH = ("Patch", {"path": _S, "patch": _S, "target": _TARGET, "options": "map[string]bool"})
_GEN_FIELDS = {"namespace": _S, "name": _S, "behavior": _S, "literals": _LS, "files": _LS, "envs": _LS, "env": _S,
               "options": _GEN_OPTS}
# Fields holding structs: (the struct: its Go name and its fields' types, nested structs as tuples; is a list).
_STRUCTS: dict[str, tuple[tuple[str, dict], bool]] = {
    "images": (("Image", {"name": _S, "newName": _S, "tagSuffix": _S, "newTag": _S, "digest": _S}), True),
    "replicas": (("Replica", {"name": _S, "count": "int64"}), True),
    "patches": (_PATCH, True),
    "patchesJson6902": (_PATCH, True),
    "configMapGenerator": (("ConfigMapArgs", _GEN_FIELDS), True),
    "secretGenerator": (("SecretArgs", {**_GEN_FIELDS, "type": _S}), True),
    "labels": (("Label", {"pairs": _MS, "includeSelectors": "bool", "includeTemplates": "bool", "fields": None}),
               True),
    "vars": (("Var", {}), True),
    "replacements": (("ReplacementField", {}), True),
    "helmCharts": (("HelmChart", {}), True),
    "sortOptions": (("SortOptions", {"order": _S, "legacySortOptions": None}), False),
    "generatorOptions": (_GEN_OPTS, False),
}


def _field_type_error(v: Any, struct: str, path: str, gotype: str) -> KustomizeError:
    return KustomizeError(f"invalid Kustomization: json: cannot unmarshal {json_kind(v)} into Go struct field "
                          f"{struct}.{path} of type {gotype}")


def _check_value(v: Any, struct: str, path: str, t: Any) -> None:
    if v is None or t is None:
        return
    if isinstance(t, tuple):
        _check_struct(path, v, t)
        return
    if t == _S:
        ok = isinstance(v, str)
    elif t == "bool":
        ok = isinstance(v, bool)
    elif t == "int64":
        ok = isinstance(v, int) and not isinstance(v, bool)
    elif t == _LS:
        if not isinstance(v, list):
            raise _field_type_error(v, struct, path, t)
        for item in v:
            _check_value(item, struct, path, _S)
        return
    elif t.startswith("map[string]"):
        if not isinstance(v, dict):
            raise _field_type_error(v, struct, path, t)
        for item in v.values():
            _check_value(item, struct, path, t[len("map[string]"):])
        return
    else:
        return
    if not ok:
        raise _field_type_error(v, struct, path, t)


def _check_struct(path: str, v: Any, struct: tuple[str, dict]) -> None:
    name, fields = struct
    if not isinstance(v, dict):
        raise _type_error(v, path, "types." + name) if "." not in path else _field_type_error(
            v, name, path, "types." + name)
    if not fields:
        return
    for key, sub in v.items():
        if key not in fields:
            raise KustomizeError(f'invalid Kustomization: json: unknown field "{key}"')
        _check_value(sub, name, f"{path}.{key}", fields[key])


_DEPRECATED = (
    ("bases", "'bases' is deprecated. Please use 'resources' instead."),
    ("commonLabels", "'commonLabels' is deprecated. Please use 'labels' instead."),
    ("imageTags", "'imageTags' is deprecated. Please use 'images' instead."),
    ("patchesJson6902", "'patchesJson6902' is deprecated. Please use 'patches' instead."),
    ("patchesStrategicMerge", "'patchesStrategicMerge' is deprecated. Please use 'patches' instead."),
    ("vars", "'vars' is deprecated. Please use 'replacements' instead. [EXPERIMENTAL]"),
)
_FIX = " Run 'kustomize edit fix' to update your Kustomization automatically."


def json_kind(v: Any) -> str:
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, (int, float)):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "array"
    if isinstance(v, dict):
        return "object"
    return "null"


def _type_error(v: Any, field: str, gotype: str) -> KustomizeError:
    return KustomizeError(f"invalid Kustomization: json: cannot unmarshal {json_kind(v)} into Go struct field "
                          f"Kustomization.{field} of type {gotype}")


def _check_type(field: str, v: Any, gotype: str | None) -> None:
    if v is None or gotype is None:
        return
    if gotype == _S:
        if not isinstance(v, str):
            raise _type_error(v, field, "string")
    elif gotype == _LS:
        if not isinstance(v, list):
            raise _type_error(v, field, "[]string")
        for item in v:
            if item is not None and not isinstance(item, str):
                raise _type_error(item, field, "string")
    elif gotype == _MS:
        if not isinstance(v, dict):
            raise _type_error(v, field, "map[string]string")
        for item in v.values():
            if item is not None and not isinstance(item, str):
                raise _type_error(item, field, "string")


def find(directory: str) -> str | None:
    found = [p for p in (os.path.join(directory, n) for n in FILE_NAMES) if os.path.isfile(p)]
    if len(found) > 1:
        raise KustomizeError(f"Found multiple kustomization files under: {directory}")
    return found[0] if found else None


class Kustomization:
    def __init__(self, data: dict, path: str):
        self.data = data
        self.path = path
        self.dir = os.path.dirname(path)
        self.kind = data.get("kind") or "Kustomization"
        self.warnings = [w + _FIX for f, w in _DEPRECATED if data.get(f) is not None]

    def get(self, key: str, default: Any = None) -> Any:
        v = self.data.get(key)
        return default if v is None else v

    def list(self, key: str) -> list:
        v = self.data.get(key)
        return list(v) if isinstance(v, list) else []


def load(directory: str) -> Kustomization:
    path = find(directory)
    if path is None:
        raise KustomizeError("unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' "
                             f"in directory '{directory}'")
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        text = f.read()
    try:
        data = load_kustomization(text)
    except yaml.YAMLError as e:
        raise KustomizeError("invalid Kustomization: " + go_yaml_message(e), path) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise KustomizeError("invalid Kustomization: json: cannot unmarshal "
                             f"{json_kind(data)} into Go value of type types.Kustomization", path)
    for key, v in data.items():
        if key not in FIELDS:
            raise KustomizeError(f'invalid Kustomization: json: unknown field "{key}"', path)
        _check_type(key, v, FIELDS[key])
        struct = _STRUCTS.get(key)
        if struct is not None and v is not None:
            shape, is_list = struct
            try:
                if is_list:
                    if not isinstance(v, list):
                        raise _type_error(v, key, "[]types." + shape[0])
                    for item in v:
                        if item is not None:
                            _check_struct(key, item, shape)
                else:
                    _check_struct(key, v, shape)
            except KustomizeError as e:
                raise KustomizeError(str(e), path) from None
    if not any(v is not None for k, v in data.items() if k not in ("apiVersion", "kind")):
        raise KustomizeError("kustomization.yaml is empty", path)
    return Kustomization(data, path)
