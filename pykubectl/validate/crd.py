"""Custom resources validated against their CustomResourceDefinition's ``openAPIV3Schema``.

Values are checked with ``jsonschema`` (OpenAPI v3 schemas are JSON Schema draft 4 plus ``nullable`` and the
``x-kubernetes-*`` extensions, translated here) and its errors are rendered as the apiextensions API server renders
them (``spec.size: Invalid value: "string": spec.size in body must be of type integer: "string"``). Unknown fields
(strict decoding) come from a walk that honours ``x-kubernetes-preserve-unknown-fields`` and
``additionalProperties``. Only custom resources pay for this module.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from ..api.groupvalidation.apiextensions import json_type as _json_type
from ..errors import FieldError


def _go(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if v is None:
        return "null"
    return str(v)


def to_jsonschema(s: Any) -> Any:
    """An OpenAPI v3 (structural) schema as plain JSON Schema."""
    if not isinstance(s, dict):
        return s
    out: dict[str, Any] = {}
    for k, v in s.items():
        if k in ("properties", "patternProperties", "definitions"):
            out[k] = {name: to_jsonschema(sub) for name, sub in v.items()} if isinstance(v, dict) else v
        elif k in ("items", "additionalProperties", "not"):
            out[k] = to_jsonschema(v)
        elif k in ("allOf", "anyOf", "oneOf"):
            out[k] = [to_jsonschema(x) for x in v] if isinstance(v, list) else v
        elif k.startswith("x-kubernetes-") or k in ("nullable", "default", "example", "externalDocs",
                                                     "description", "format"):
            continue
        else:
            out[k] = v
    if s.get("x-kubernetes-int-or-string"):
        out.pop("type", None)
        out.setdefault("anyOf", [{"type": "integer"}, {"type": "string"}])
    if s.get("nullable") and "type" in out:
        out["type"] = [out["type"], "null"]
    if s.get("x-kubernetes-embedded-resource") or s.get("x-kubernetes-preserve-unknown-fields"):
        out.pop("additionalProperties", None)
    return out


def _path(parts: Any) -> str:
    out = ""
    for p in parts:
        if isinstance(p, int):
            out += f"[{p}]"
        else:
            out += ("." if out else "") + str(p)
    return out


class CRD:
    def __init__(self, obj: dict):
        spec = obj.get("spec") or {}
        self.group: str = spec.get("group", "")
        names = spec.get("names") or {}
        self.kind: str = names.get("kind", "")
        self.namespaced = spec.get("scope", "Namespaced") == "Namespaced"
        self.versions: dict[str, dict] = {}
        for v in spec.get("versions") or []:
            if isinstance(v, dict) and v.get("served", True):
                schema = ((v.get("schema") or {}).get("openAPIV3Schema")) or {"type": "object",
                                                                             "x-kubernetes-preserve-unknown-fields": True}
                self.versions[str(v.get("name"))] = schema
        self._validators: dict[str, Any] = {}

    def _validator(self, version: str) -> Any:
        val = self._validators.get(version)
        if val is None:
            import jsonschema

            schema = to_jsonschema(copy.deepcopy(self.versions[version]))
            props = schema.get("properties")
            if isinstance(props, dict):
                # metadata is validated as ObjectMeta by the server, not by the CRD's schema
                props.pop("metadata", None)
            val = jsonschema.Draft4Validator(schema)
            self._validators[version] = val
        return val

    def validate(self, obj: dict, strict: bool) -> list[tuple[str, str]]:
        version = obj.get("apiVersion", "").rpartition("/")[2]
        schema = self.versions[version]
        name = str((obj.get("metadata") or {}).get("name", ""))
        unknown: list[str] = []
        if strict:
            _unknown(obj, schema, "", unknown, top=True)
        if unknown:
            head = f'{self.kind} in version "{version}" cannot be handled as a {self.kind}: strict decoding error: '
            return [(u, head + f'unknown field "{u}"') for u in unknown]
        from ..api import validation

        md = dict(obj.get("metadata") or {}) if isinstance(obj.get("metadata"), dict) else {}
        if self.namespaced:
            md["namespace"] = md.get("namespace") or "default"
        else:
            md.pop("namespace", None)
        # ObjectMeta as for every kind (custom resource names are DNS subdomains), then the schema
        errs: list[tuple[str, FieldError]] = [
            (fe.path, fe) for fe in validation.validate_object_meta(md, self.namespaced, validation.name_is_dns_subdomain)]
        for e in self._validator(version).iter_errors(obj):
            fe = _field_error(e)
            if fe is not None:
                errs.append((fe.path, fe))
        errs.sort(key=lambda x: x[0])
        head = f'The {self.kind} "{name}" is invalid: '
        return [(path, head + str(fe)) for path, fe in errs]


def _unknown(v: Any, s: dict, path: str, out: list[str], top: bool = False) -> None:
    if not isinstance(s, dict) or s.get("x-kubernetes-preserve-unknown-fields") or s.get("x-kubernetes-embedded-resource"):
        return
    if isinstance(v, dict):
        props = s.get("properties")
        ap = s.get("additionalProperties")
        for k, sub in v.items():
            child = f"{path}.{k}" if path else k
            if top and k in ("apiVersion", "kind", "metadata"):
                continue
            if isinstance(props, dict) and k in props:
                _unknown(sub, props[k], child, out)
            elif isinstance(ap, dict):
                _unknown(sub, ap, child, out)
            elif ap is True:
                continue
            elif props is not None or s.get("type") == "object":
                out.append(child)
    elif isinstance(v, list) and isinstance(s.get("items"), dict):
        for i, x in enumerate(v):
            _unknown(x, s["items"], f"{path}[{i}]", out)


def _field_error(e: Any) -> FieldError | None:
    parts = list(e.absolute_path)
    path = _path(parts)
    v = e.instance
    kw = e.validator
    body = path or "body"
    if kw == "type" or (kw == "anyOf" and any("type" in sub for sub in e.validator_value)):
        types = e.validator_value if kw == "type" else [sub.get("type") for sub in e.validator_value]
        if isinstance(types, list):
            types = ",".join(t for t in types if t != "null")
        actual = _json_type(v)
        return FieldError(path, "Invalid value", f'{body} in body must be of type {types}: "{actual}"', actual, True)
    if kw == "required":
        missing = e.message.split("'")[1] if "'" in e.message else ""
        return FieldError(f"{path}.{missing}" if path else missing, "Required value")
    if kw == "enum":
        return FieldError(path, "Unsupported value", "supported values: " + ", ".join(_go(x) for x in e.validator_value),
                          v, True)
    if kw == "minimum":
        return FieldError(path, "Invalid value", f"{body} in body should be greater than or equal to {e.validator_value}",
                          v, True)
    if kw == "maximum":
        return FieldError(path, "Invalid value", f"{body} in body should be less than or equal to {e.validator_value}",
                          v, True)
    if kw == "minLength":
        return FieldError(path, "Invalid value", f"{body} in body should be at least {e.validator_value} chars long",
                          v, True)
    if kw == "maxLength":
        return FieldError(path, "Too long", f"may not be more than {e.validator_value} bytes")
    if kw == "pattern":
        return FieldError(path, "Invalid value", f"{body} in body should match '{e.validator_value}'", v, True)
    if kw == "minItems":
        return FieldError(path, "Invalid value", f"{body} in body should have at least {e.validator_value} items",
                          len(v) if isinstance(v, list) else v, True)
    if kw == "maxItems":
        return FieldError(path, "Too many", f"must have at most {e.validator_value} items",
                          len(v) if isinstance(v, list) else v, True)
    return FieldError(path, "Invalid value", e.message, v, True)


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
