"""Custom resources as apiextensions-apiserver serves them once their CustomResourceDefinition is established.

A ``Definition`` is one stored CRD seen from the request path: the decoder (strict decoding's unknown fields from
the version's structural schema, honouring ``x-kubernetes-preserve-unknown-fields`` and
``x-kubernetes-embedded-resource``), defaulting (nulls dropped where the schema is not ``nullable``, then the
schema's ``default`` values), pruning of undeclared fields, the strategy (status reset on create and kept on update
when the status subresource is on, generation bumps), and validation: ObjectMeta as for every kind, then the schema
(``jsonschema`` with the OpenAPI v3 extensions translated, errors rendered as the server renders them), then
``x-kubernetes-list-type`` set/map uniqueness, then the ``x-kubernetes-validations`` CEL rules (celrules.py), which
do not run when an earlier error blocks them. Only custom resources pay for this module.
"""

from __future__ import annotations

import copy
import json
import os
import re
from typing import Any

from ..api.groupvalidation.apiextensions import json_type
from ..errors import FieldError

CRD_GROUP = "apiextensions.k8s.io"
CRD_KIND = "CustomResourceDefinition"
_PRESERVE = "x-kubernetes-preserve-unknown-fields"
_EMBEDDED = "x-kubernetes-embedded-resource"
_ANY_OBJECT = {"type": "object", _PRESERVE: True}
# The server's text after the errors that keep the CEL rules from running (validation.hasBlockingErr).
NOT_CHECKED = ("some validation rules were not checked because the object was invalid; correct the existing errors "
               "to complete validation")
_BLOCKING = ("Unsupported value", "Required value", "Too long", "Too many")
_CORE_FINALIZER = "name is neither a standard finalizer name nor is it fully qualified"


def stored_definitions(env: Any) -> list[dict]:
    """The CustomResourceDefinitions of the cluster ``env`` names (none when its store does not exist yet)."""
    from ..store.store import Store

    url = env.resolved_store_url()
    if "://" not in url and not os.path.exists(url):
        return []
    store = Store.open(env)
    try:
        with store.read() as tx:
            return list(tx.list(CRD_GROUP, CRD_KIND))
    finally:
        store.close()


def establish(crd: dict, now: str) -> None:
    """What apiextensions-apiserver's controllers write into a new CRD's status: the stored version, the
    accepted names (NamesAccepted) and Established (the names were free), so its resources are served at once."""
    spec = crd.get("spec") or {}
    names = dict(spec.get("names") or {})
    if names.get("kind"):
        names.setdefault("singular", str(names["kind"]).lower())
        names.setdefault("listKind", f"{names['kind']}List")
    storage = [str(v.get("name")) for v in spec.get("versions") or () if isinstance(v, dict) and v.get("storage")]
    crd["status"] = {
        "acceptedNames": names,
        "conditions": [
            {"lastTransitionTime": now, "message": "no conflicts found", "reason": "NoConflicts",
             "status": "True", "type": "NamesAccepted"},
            {"lastTransitionTime": now, "message": "the initial names have been accepted",
             "reason": "InitialNamesAccepted", "status": "True", "type": "Established"},
        ],
        "storedVersions": storage,
    }


_CACHE: dict[tuple[str, str], tuple[Any, Definition]] = {}


def definition_for(group: str, kind: str) -> Definition | None:
    """The served definition of a custom kind, or None (a built-in kind, or no CRD serves it)."""
    from ..api import registry

    crd = registry.definition_for(group, kind)
    if crd is None:
        return None
    stamp = (crd.get("metadata") or {}).get("resourceVersion"), (crd.get("metadata") or {}).get("uid")
    hit = _CACHE.get((group, kind))
    if hit is None or hit[0] != stamp:
        hit = _CACHE[(group, kind)] = (stamp, Definition(crd))
    return hit[1]


def _path(parts: Any) -> str:
    out = ""
    for p in parts:
        if isinstance(p, int):
            out += f"[{p}]"
        else:
            out += ("." if out else "") + str(p)
    return out


def _go(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if v is None:
        return "null"
    return str(v)


def to_jsonschema(s: Any) -> Any:
    """An OpenAPI v3 (structural) schema as plain JSON Schema (draft 4)."""
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
    if s.get(_EMBEDDED) or s.get(_PRESERVE):
        out.pop("additionalProperties", None)
    return out


# RFC 3339 date-time as the server's strfmt accepts it.
_DATE_TIME = re.compile(r"\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d(:\d\d(\.\d+)?)?([Zz]|[+-]\d\d:\d\d)?")


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
        actual = json_type(v)
        return FieldError(path, "Invalid value", f'{body} in body must be of type {types}: "{actual}"', actual, True)
    if kw == "required":
        missing = e.message.split("'")[1] if "'" in e.message else ""
        return FieldError(f"{path}.{missing}" if path else missing, "Required value")
    if kw == "enum":
        return FieldError(path, "Unsupported value", "supported values: " + ", ".join(_go(x) for x in e.validator_value),
                          v, True)
    if kw == "minimum":
        word = "greater than" if e.schema.get("exclusiveMinimum") is True else "greater than or equal to"
        return FieldError(path, "Invalid value", f"{body} in body should be {word} {_number(e.validator_value)}", v,
                          True)
    if kw == "maximum":
        word = "less than" if e.schema.get("exclusiveMaximum") is True else "less than or equal to"
        return FieldError(path, "Invalid value", f"{body} in body should be {word} {_number(e.validator_value)}", v,
                          True)
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
    if kw in ("maxItems", "maxProperties"):
        return FieldError(path, "Too many", f"must have at most {e.validator_value} items",
                          len(v) if isinstance(v, (list, dict)) else v, True)
    if kw == "minProperties":
        return FieldError(path, "Invalid value", f"{body} in body should have at least {e.validator_value} properties",
                          len(v) if isinstance(v, dict) else v, True)
    if kw == "multipleOf":
        return FieldError(path, "Invalid value", f"{body} in body should be a multiple of {_number(e.validator_value)}",
                          v, True)
    return FieldError(path, "Invalid value", e.message, v, True)


def _number(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


class _Raw:
    """A value a FieldError prints as is (a Go literal)."""

    def __init__(self, text: str):
        self.text = text

    def __str__(self) -> str:
        return self.text


class Definition:
    """One established CustomResourceDefinition as the API server serves its resources."""

    def __init__(self, crd: dict):
        spec = crd.get("spec") or {}
        names = spec.get("names") or {}
        self.crd = crd
        self.group: str = spec.get("group", "")
        self.kind: str = names.get("kind", "")
        self.plural: str = names.get("plural", "")
        self.namespaced = spec.get("scope", "Namespaced") == "Namespaced"
        self.versions: dict[str, dict] = {}
        for v in spec.get("versions") or []:
            if isinstance(v, dict) and v.get("served", True):
                self.versions[str(v.get("name"))] = v
        self._validators: dict[str, Any] = {}

    # ---- per version --------------------------------------------------------------------------------------
    def schema(self, version: str) -> dict:
        v = self.versions.get(version) or {}
        return ((v.get("schema") or {}).get("openAPIV3Schema")) or _ANY_OBJECT

    def subresources(self, version: str) -> dict:
        return (self.versions.get(version) or {}).get("subresources") or {}

    def has_status(self, version: str) -> bool:
        return "status" in self.subresources(version)

    def printer_columns(self, version: str) -> list[dict]:
        return list((self.versions.get(version) or {}).get("additionalPrinterColumns") or [])

    def table_printer(self, version: str) -> tuple[list[tuple[str, bool]], Any]:
        """The server's Table for this kind (its table convertor): Name, then the version's
        additionalPrinterColumns (an Age column when it has none); columns with a priority show with -o wide.
        As printers/table.py's printers: (columns as (name, wide only), row function)."""
        cols = self.printer_columns(version) or [{"name": "Age", "type": "date",
                                                  "jsonPath": ".metadata.creationTimestamp"}]
        specs = []
        for c in cols:
            from ..printers.jsonpath import JSONPath

            try:
                path = JSONPath("{" + str(c.get("jsonPath", "")) + "}", allow_missing_keys=True)
            except Exception:  # noqa: BLE001 - the CRD's validation refuses bad paths; a cell stays empty
                path = None
            specs.append((str(c.get("name", "")), int(c.get("priority") or 0) > 0, str(c.get("type", "string")),
                          path))

        def row(o: dict, now: Any, wide: bool) -> list[str]:
            cells = [str((o.get("metadata") or {}).get("name", ""))]
            for _, wide_only, type_, path in specs:
                if wide_only and not wide:
                    continue
                cells.append(_cell(o, type_, path, now))
            return cells

        return [("Name", False)] + [(name, wide_only) for name, wide_only, _, _ in specs], row

    def openapi_schema(self, version: str) -> dict:
        """The version's schema as the server publishes it in its OpenAPI document: the CRD's, with apiVersion,
        kind and metadata described as for every kind (the built-in Deployment's texts)."""
        from ..api import schema as schemas

        published = copy.deepcopy(self.schema(version))
        props = published.setdefault("properties", {})
        standard = schemas.load_definition(schemas.definition_name("apps", "v1", "Deployment"))["properties"]
        for field in ("apiVersion", "kind", "metadata"):
            props[field] = copy.deepcopy(standard[field])
        return published

    def scale_paths(self, version: str) -> dict | None:
        """The version's scale subresource (specReplicasPath, statusReplicasPath, labelSelectorPath), or None."""
        scale = self.subresources(version).get("scale")
        return scale if isinstance(scale, dict) else None

    def set_replicas(self, obj: dict, replicas: int) -> None:
        paths = self.scale_paths(self.version_of(obj)) or {}
        _set_path(obj, str(paths.get("specReplicasPath", ".spec.replicas")), replicas)

    def scale_of(self, obj: dict) -> dict:
        """The autoscaling/v1 Scale the scale subresource returns."""
        paths = self.scale_paths(self.version_of(obj)) or {}
        md = obj.get("metadata") or {}
        scale: dict[str, Any] = {
            "apiVersion": "autoscaling/v1", "kind": "Scale",
            "metadata": {k: md[k] for k in ("name", "namespace", "uid", "resourceVersion", "creationTimestamp")
                         if k in md},
            "spec": {"replicas": _get_path(obj, str(paths.get("specReplicasPath", ""))) or 0},
            "status": {"replicas": _get_path(obj, str(paths.get("statusReplicasPath", ""))) or 0}}
        selector = _get_path(obj, str(paths.get("labelSelectorPath") or ""))
        if isinstance(selector, str) and selector:
            scale["status"]["selector"] = selector
        return scale

    def deprecation_warning(self, api_version: str) -> str | None:
        version = api_version.rpartition("/")[2]
        v = self.versions.get(version) or {}
        if not v.get("deprecated"):
            return None
        return v.get("deprecationWarning") or f"{self.group}/{version} {self.kind} is deprecated"

    @staticmethod
    def version_of(obj: dict) -> str:
        return str(obj.get("apiVersion", "")).rpartition("/")[2]

    # ---- decoding -----------------------------------------------------------------------------------------
    def unknown_fields(self, obj: dict) -> list[str]:
        """The paths strict decoding refuses (fields the schema neither declares nor preserves)."""
        out: list[str] = []
        _unknown(obj, self.schema(self.version_of(obj)), "", out, top=True)
        return out

    def decode_error(self, obj: dict, strict: bool) -> str | None:
        """The BadRequest detail of strict decoding, or None."""
        if not strict:
            return None
        unknown = self.unknown_fields(obj)
        if not unknown:
            return None
        version = self.version_of(obj)
        return (f'{self.kind} in version "{version}" cannot be handled as a {self.kind}: strict decoding error: '
                + ", ".join(f'unknown field "{u}"' for u in unknown))

    # ---- strategy -----------------------------------------------------------------------------------------
    def prepare_for_create(self, obj: dict) -> None:
        """Defaulting and pruning as the decoder does them, then the strategy: a new object has no status when the
        status subresource is on, and generation 1."""
        self._default_and_prune(obj)
        if self.has_status(self.version_of(obj)):
            obj.pop("status", None)
        obj.setdefault("metadata", {})["generation"] = 1

    def prepare_for_update(self, new: dict, old: dict) -> bool:
        """As prepare_for_create for an update of the main resource: the status is the old one when the status
        subresource is on. Whether the generation goes up."""
        self._default_and_prune(new)
        if self.has_status(self.version_of(new)):
            if "status" in old:
                new["status"] = copy.deepcopy(old["status"])
            else:
                new.pop("status", None)
            return _without(new, "metadata", "status") != _without(old, "metadata", "status")
        return _without(new, "metadata") != _without(old, "metadata")

    def prepare_for_status_update(self, new: dict, old: dict) -> bool:
        """An update of the status subresource: only the status changes (and metadata the server keeps); the
        generation stays."""
        status = new.get("status")
        new.clear()
        new.update(copy.deepcopy(old))
        if status is None:
            new.pop("status", None)
        else:
            new["status"] = status
        self._default_and_prune(new)
        return False

    def _default_and_prune(self, obj: dict) -> None:
        schema = self.schema(self.version_of(obj))
        _drop_nulls_and_default(obj, schema, top=True)
        _prune(obj, schema, top=True)

    # ---- validation ---------------------------------------------------------------------------------------
    def _validator(self, version: str) -> Any:
        val = self._validators.get(version)
        if val is None:
            import jsonschema

            schema = to_jsonschema(copy.deepcopy(self.schema(version)))
            props = schema.get("properties")
            if isinstance(props, dict):
                # metadata is validated as ObjectMeta by the server, not by the CRD's schema
                props.pop("metadata", None)
            val = jsonschema.Draft4Validator(schema)
            self._validators[version] = val
        return val

    def validate(self, obj: dict, old: dict | None = None) -> list[FieldError]:
        """The field errors of a create (``old`` None) or an update, in the server's order."""
        from ..api import validation

        version = self.version_of(obj)
        schema = self.schema(version)
        md = obj.get("metadata") if isinstance(obj.get("metadata"), dict) else {}
        if old is None:
            errs = validation.validate_object_meta(md, self.namespaced, validation.name_is_dns_subdomain)
        else:
            errs = validation.validate_object_meta_update(md, old.get("metadata") or {})
        # A custom resource's ObjectMeta is checked by apimachinery's rules, where a finalizer need only be a
        # qualified name (the core API's "standard or fully qualified" rule is not among them).
        errs = [fe for fe in errs if not (fe.path.startswith("metadata.finalizers[") and fe.detail == _CORE_FINALIZER)]
        body = {k: v for k, v in obj.items() if k != "metadata"}
        # The whole object (a schema may require metadata; its own schema is left out: ObjectMeta rules apply).
        schema_errs = [fe for fe in map(_field_error, self._validator(version).iter_errors(obj)) if fe is not None]
        schema_errs += _format_errors(body, schema, [])
        schema_errs += _list_type_errors(body, schema, [])
        # The server walks the schema's properties in Go map order (no fixed order): by path, here.
        schema_errs.sort(key=lambda fe: fe.path)
        errs += schema_errs
        from ..api.groupvalidation.apiextensions import has_validation_rules

        if has_validation_rules(schema):
            if any(fe.type in _BLOCKING or "in body must be of type" in fe.detail for fe in errs):
                errs.append(FieldError("<nil>", "Invalid value", NOT_CHECKED, "null", True))
            else:
                from . import celrules

                errs += celrules.evaluate(body, schema, None if old is None else
                                          {k: v for k, v in old.items() if k != "metadata"})
        return errs


def _cell(o: dict, type_: str, path: Any, now: Any) -> str:
    """One additionalPrinterColumns cell: the first value the path finds, as its column type prints it."""
    if path is None:
        return "<none>"
    try:
        found = [v for r in path.find_results(o) for v in r]
    except Exception:  # noqa: BLE001 - a path that cannot run on this object leaves the cell empty
        found = []
    if not found or found[0] is None:
        return "<none>"
    v = found[0]
    if type_ == "date" and isinstance(v, str):
        from ..printers.durations import translate_timestamp_since

        return translate_timestamp_since(v, now)
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (dict, list)):
        return json.dumps(v, separators=(",", ":"), sort_keys=True)
    if isinstance(v, float) and type_ == "integer" and v.is_integer():
        return str(int(v))
    return str(v)


def _get_path(obj: Any, path: str) -> Any:
    """The value at a simple JSON path (``.spec.replicas``), or None."""
    cur = obj
    for part in [p for p in path.split(".") if p]:
        if not isinstance(cur, dict):
            return None
        cur = cur.get(part)
    return cur if path.strip(".") else None


def _set_path(obj: dict, path: str, value: Any) -> None:
    parts = [p for p in path.split(".") if p]
    cur = obj
    for part in parts[:-1]:
        nxt = cur.get(part)
        if not isinstance(nxt, dict):
            nxt = cur[part] = {}
        cur = nxt
    if parts:
        cur[parts[-1]] = value


def _without(obj: dict, *keys: str) -> dict:
    return {k: v for k, v in obj.items() if k not in keys}


def _unknown(v: Any, s: Any, path: str, out: list[str], top: bool = False) -> None:
    if not isinstance(s, dict) or s.get(_PRESERVE):
        return
    if s.get(_EMBEDDED) and isinstance(v, dict):
        v = {k: x for k, x in v.items() if k not in ("apiVersion", "kind", "metadata")}
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


def _prune(v: Any, s: Any, top: bool = False) -> None:
    """Drop what the schema does not declare (in place)."""
    if not isinstance(s, dict) or s.get(_PRESERVE):
        return
    if isinstance(v, dict):
        props = s.get("properties") if isinstance(s.get("properties"), dict) else {}
        ap = s.get("additionalProperties")
        keep_meta = top or s.get(_EMBEDDED)
        for k in list(v):
            if keep_meta and k in ("apiVersion", "kind", "metadata"):
                continue
            if k in props:
                _prune(v[k], props[k])
            elif isinstance(ap, dict):
                _prune(v[k], ap)
            elif ap is True:
                continue
            elif props or s.get("type") == "object":
                del v[k]
    elif isinstance(v, list) and isinstance(s.get("items"), dict):
        for x in v:
            _prune(x, s["items"])


def _drop_nulls_and_default(v: Any, s: Any, top: bool = False) -> None:
    """Nulls of fields that are not nullable and have no default are dropped; missing (or null) fields with a
    default get it; then the same below."""
    if not isinstance(s, dict):
        return
    if isinstance(v, dict):
        props = s.get("properties") if isinstance(s.get("properties"), dict) else {}
        for k in list(v):
            if top and k in ("apiVersion", "kind", "metadata"):
                continue
            sub = props.get(k) if k in props else s.get("additionalProperties")
            if isinstance(sub, dict) and v[k] is None and not sub.get("nullable"):
                if "default" in sub:
                    v[k] = copy.deepcopy(sub["default"])
                else:
                    del v[k]
        for k, sub in props.items():
            if isinstance(sub, dict) and k not in v and "default" in sub:
                v[k] = copy.deepcopy(sub["default"])
        for k, x in v.items():
            if top and k in ("apiVersion", "kind", "metadata"):
                continue
            sub = props.get(k) if k in props else s.get("additionalProperties")
            _drop_nulls_and_default(x, sub)
    elif isinstance(v, list) and isinstance(s.get("items"), dict):
        for x in v:
            _drop_nulls_and_default(x, s["items"])


def _go_ip(v: str) -> Any:
    import ipaddress

    try:
        return ipaddress.ip_address(v)
    except ValueError:
        return None


def _is_cidr(v: str) -> bool:
    addr, sep, bits = v.partition("/")
    ip = _go_ip(addr)
    return bool(sep) and ip is not None and bits.isdigit() and int(bits) <= ip.max_prefixlen


def _is_date(v: str) -> bool:
    import datetime

    if not re.fullmatch(r"\d{4}-\d\d-\d\d", v):
        return False
    try:
        datetime.date.fromisoformat(v)
    except ValueError:
        return False
    return True


def _is_base64(v: str) -> bool:
    import base64
    import binascii

    try:
        base64.b64decode(v, validate=True)
    except (binascii.Error, ValueError):
        return False
    return True


# go-openapi strfmt's checkers for the formats a CR's schema may name (strfmt.Default, as the CR validator uses).
_FORMAT_CHECKS = {
    "date-time": lambda v: _DATE_TIME.fullmatch(v) is not None,
    "date": _is_date,
    "ipv4": lambda v: _go_ip(v) is not None and "." in v,
    "ipv6": lambda v: _go_ip(v) is not None and ":" in v,
    "cidr": _is_cidr,
    "byte": _is_base64,
}


def _format_errors(v: Any, s: Any, path: list) -> list[FieldError]:
    """The ``format`` checks the server makes (date-time, date, ipv4, ipv6, cidr, byte)."""
    if not isinstance(s, dict):
        return []
    errs: list[FieldError] = []
    fmt = s.get("format")
    if isinstance(fmt, str) and isinstance(v, str) and fmt in _FORMAT_CHECKS and not _FORMAT_CHECKS[fmt](v):
        p = _path(path)
        errs.append(FieldError(p, "Invalid value", f'{p or "body"} in body must be of type {fmt}: "{v}"', v,
                               True))
    if isinstance(v, dict):
        props = s.get("properties") if isinstance(s.get("properties"), dict) else {}
        for k, x in v.items():
            sub = props.get(k) if k in props else s.get("additionalProperties")
            errs += _format_errors(x, sub, path + [k])
    elif isinstance(v, list) and isinstance(s.get("items"), dict):
        for i, x in enumerate(v):
            errs += _format_errors(x, s["items"], path + [i])
    return errs


def _list_type_errors(v: Any, s: Any, path: list) -> list[FieldError]:
    """``x-kubernetes-list-type: set`` items and ``map`` keys must be unique (the first repeat is named)."""
    from ..printers.jsonpath import go_sharp  # %#v, as field.Duplicate prints a map
    if not isinstance(s, dict):
        return []
    errs: list[FieldError] = []
    if isinstance(v, list):
        lt = s.get("x-kubernetes-list-type")
        if lt == "set":
            seen: list = []
            for i, x in enumerate(v):
                if x in seen:
                    errs.append(FieldError(_path(path + [i]), "Duplicate value", "", x if not isinstance(x, dict)
                                           else _Raw(go_sharp(x)), True))
                else:
                    seen.append(x)
        elif lt == "map":
            keys = list(s.get("x-kubernetes-list-map-keys") or ())
            seen_keys: list = []
            for i, x in enumerate(v):
                if not isinstance(x, dict) or not all(k in x for k in keys):
                    continue
                key = {k: x[k] for k in keys}
                if key in seen_keys:
                    errs.append(FieldError(_path(path + [i]), "Duplicate value", "", _Raw(go_sharp(key)), True))
                else:
                    seen_keys.append(key)
        if isinstance(s.get("items"), dict):
            for i, x in enumerate(v):
                errs += _list_type_errors(x, s["items"], path + [i])
    elif isinstance(v, dict):
        props = s.get("properties") if isinstance(s.get("properties"), dict) else {}
        for k, x in v.items():
            sub = props.get(k) if k in props else s.get("additionalProperties")
            errs += _list_type_errors(x, sub, path + [k])
    return errs
