"""apiextensions.k8s.io: CustomResourceDefinition (apiextensions-apiserver's validation). The server validates
its internal form, where fields every version shares (schema, subresources, printer columns, selectable fields)
are hoisted to the top of the spec: errors then name spec.validation / spec.additionalPrinterColumns ...; when
versions differ they keep their spec.versions[i] paths. CEL rules are not compiled here (no CEL engine)."""

from __future__ import annotations

import re
from typing import Any

from pykubectl.api.validation import (
    IMMUTABLE, FieldError, GoRepr, Obj, _dict, _list, forbidden, go_string_slice, invalid, is_dns1035_label,
    is_dns1123_subdomain,
    not_supported, required,
)

GROUP = "apiextensions.k8s.io"
_COLUMN_TYPES = "boolean,date,integer,number,string"
_REASONS = ["FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid", "FieldValueRequired"]
_JSON_TYPES = {"string": str, "boolean": bool, "object": dict, "array": list}


def _shared(versions: list[Obj], field: str) -> bool:
    """Whether the internal form hoists ``field``: every version has the same value (and there is one)."""
    values = [v.get(field) for v in versions]
    return bool(versions) and values[0] is not None and all(v == values[0] for v in values)


def _crd_name(obj: Obj) -> Any:
    spec = _dict(obj.get("spec"))
    required_name = f"{_dict(spec.get('names')).get('plural') or ''}.{spec.get('group') or ''}"

    def check(name: str, prefix: bool) -> list[str]:
        msgs = is_dns1123_subdomain(name)
        if name != required_name:
            msgs.append('must be spec.names.plural+"."+spec.group')
        return msgs

    return check


def json_type(v: Any) -> str:
    """The OpenAPI type name of a decoded JSON value (as the CRD schema validator names it in its messages)."""
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, int):
        return "integer"
    if isinstance(v, float):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "array"
    if isinstance(v, dict):
        return "object"
    return "null"


def _go_regexp_error(pattern: str) -> str | None:
    """Go's RE2 error for the mistakes both dialects agree on; anything else Python refuses (flags in the middle,
    look-arounds ...) is left alone, since Go's rules differ there."""
    try:
        re.compile(pattern)
    except re.error as e:
        if "unterminated character set" in str(e):
            return f"error parsing regexp: missing closing ]: `{pattern[e.pos or 0:]}`"
        if "missing ), unterminated subpattern" in str(e):
            return f"error parsing regexp: missing closing ): `{pattern}`"
    return None


def _validation_rule(rule: Obj) -> str:
    """%#v of the internal apiextensions.ValidationRule (pointers printed as addresses)."""
    from pykubectl.api.schema import go_quote

    def text(key: str) -> str:
        v = rule.get(key)
        return go_quote(v if isinstance(v, str) else "")

    reason = ("(*apiextensions.FieldValueErrorReason)(nil)" if rule.get("reason") is None
              else "(*apiextensions.FieldValueErrorReason)(0xc000000000)")
    optional = "(*bool)(nil)" if rule.get("optionalOldSelf") is None else "(*bool)(0xc000000000)"
    return (f"apiextensions.ValidationRule{{Rule:{text('rule')}, Message:{text('message')}, "
            f"MessageExpression:{text('messageExpression')}, Reason:{reason}, FieldPath:{text('fieldPath')}, "
            f"OptionalOldSelf:{optional}}}")


def check_schema(s: Any, path: str) -> list[FieldError]:
    """An openAPIV3Schema's errors; the structural ones (types missing or inside anyOf/allOf/oneOf/not) only count
    when the schema is otherwise valid, as the server checks structure on a schema it could read."""
    errs: list[FieldError] = []
    structural: list[FieldError] = []
    _schema(s, path, errs, structural, root=True)
    # The rules' costs are estimated on a schema without other errors (a rule that does not compile costs nothing).
    # ValidateStructuralWithOptions sorts its errors by their text
    structural.sort(key=lambda e: (e.path, e.type, e.detail))
    if structural or any(not e.detail.startswith("compilation failed: ") for e in errs):
        return errs or structural
    from pykubectl.apiserver import celcost, celrules

    if has_validation_rules(s):
        errs += celcost.cost_errors(s, path, lambda rule, node: celrules.compile_error(rule, node) is None)
    return errs


def has_validation_rules(s: Any) -> bool:
    """Whether a structural schema or any schema below it carries x-kubernetes-validations (CEL) rules."""
    if not isinstance(s, dict):
        return False
    if s.get("x-kubernetes-validations"):
        return True
    children = list(_dict(s.get("properties")).values()) + [s.get("items"), s.get("additionalProperties")]
    return any(has_validation_rules(c) for c in children)


_OPENAPI_TYPES = ["array", "boolean", "integer", "number", "object", "string"]
_META_FIELDS = ("metadata", "kind", "apiVersion")


_OPENAPI_TYPE_SET = frozenset(_OPENAPI_TYPES)
_NOT_SUPPORTED_KEYS = frozenset(("default", "id", "additionalItems", "patternProperties", "definitions",
                                 "dependencies", "$ref"))
_LIST_MAP_KEYS = frozenset(("x-kubernetes-preserve-unknown-fields", "x-kubernetes-map-type", "x-kubernetes-list-type",
                            "x-kubernetes-list-map-keys"))


def _standard_validator(s: Obj, path: str, errs: list[FieldError], no_defaults: str | None) -> None:
    """specStandardValidatorV3.validate (v1.32 apiextensions validation): what OpenAPI v3 allows but CRDs do not."""
    t = s.get("type")
    if isinstance(t, str) and t and t not in _OPENAPI_TYPE_SET:
        errs.append(not_supported(f"{path}.type", t, _OPENAPI_TYPES))
    if _NOT_SUPPORTED_KEYS.isdisjoint(s) and t != "null" and not isinstance(s.get("items"), list):
        return  # the common case: nothing below applies
    if no_defaults is not None and "default" in s:
        errs.append(forbidden(f"{path}.default", f"must not be set {no_defaults}"))
    if s.get("id"):
        errs.append(forbidden(f"{path}.id", "id is not supported"))
    if s.get("additionalItems") is not None:
        errs.append(forbidden(f"{path}.additionalItems", "additionalItems is not supported"))
    for key in ("patternProperties", "definitions"):
        if s.get(key):
            errs.append(forbidden(f"{path}.{key}", f"{key} is not supported"))
    if s.get("dependencies") is not None:
        errs.append(forbidden(f"{path}.dependencies", "dependencies is not supported"))
    if "$ref" in s:
        errs.append(forbidden(f"{path}.$ref", "$ref is not supported"))
    if t == "null":
        errs.append(forbidden(f"{path}.type", "type cannot be set to null, use nullable as an alternative"))
    if isinstance(s.get("items"), list) and s["items"]:
        errs.append(forbidden(f"{path}.items", "items must be a schema object and not an array"))


def _list_and_map_types(s: Obj, path: str, errs: list[FieldError]) -> None:
    """The x-kubernetes-preserve-unknown-fields, -map-type, -list-type and -list-map-keys rules of
    ValidateCustomResourceDefinitionOpenAPISchema and validateMapListKeysMapSet."""
    if _LIST_MAP_KEYS.isdisjoint(s):
        return
    t = s.get("type") or ""
    if s.get("x-kubernetes-preserve-unknown-fields") is False:
        errs.append(invalid(f"{path}.x-kubernetes-preserve-unknown-fields", False, "must be true or undefined"))
    map_type = s.get("x-kubernetes-map-type")
    if map_type is not None:
        if t != "object":
            msg = "must be object if x-kubernetes-map-type is specified"
            errs.append(required(f"{path}.type", msg) if not t else invalid(f"{path}.type", t, msg))
        if map_type not in ("atomic", "granular"):
            errs.append(not_supported(f"{path}.x-kubernetes-map-type", map_type, ["atomic", "granular"]))
    list_type = s.get("x-kubernetes-list-type")
    if list_type is not None and t != "array":
        msg = "must be array if x-kubernetes-list-type is specified"
        errs.append(required(f"{path}.type", msg) if not t else invalid(f"{path}.type", t, msg))
    keys = _list(s.get("x-kubernetes-list-map-keys"))
    if keys:
        if list_type is None:
            errs.append(required(f"{path}.x-kubernetes-list-type", "must be map if x-kubernetes-list-map-keys is "
                                                                   "non-empty"))
        elif list_type != "map":
            errs.append(invalid(f"{path}.x-kubernetes-list-type", list_type, "must be map if "
                                                                              "x-kubernetes-list-map-keys is non-empty"))
    items = s.get("items")
    if list_type == "map":
        if items is None:
            errs.append(required(f"{path}.items", "must have a schema if x-kubernetes-list-type is map"))
        elif isinstance(items, dict):
            itype = items.get("type") or ""
            if itype != "object":
                errs.append(invalid(f"{path}.items.type", itype, "must be object if parent array's "
                                                                 "x-kubernetes-list-type is map"))
            else:
                props, seen = _dict(items.get("properties")), set()
                shown = GoRepr(go_string_slice([str(k) for k in keys]))
                for k in keys:
                    if k in props:
                        if _dict(props[k]).get("type") in ("array", "object"):
                            errs.append(invalid(f"{path}.items.properties[{k}].type", itype, "must be a scalar type "
                                                "if parent array's x-kubernetes-list-type is map"))
                    else:
                        errs.append(invalid(f"{path}.x-kubernetes-list-map-keys", shown,
                                            "entries must all be names of item properties"))
                    if k in seen:
                        errs.append(invalid(f"{path}.x-kubernetes-list-map-keys", shown,
                                            "must not contain duplicate entries"))
                    seen.add(k)
    if list_type in ("set", "map") and isinstance(items, dict):  # validateMapListKeysMapSet
        if items.get("nullable") is True:
            errs.append(forbidden(f"{path}.items.nullable", f"cannot be nullable when x-kubernetes-list-type is "
                                                            f"{list_type}"))
        if list_type == "map":
            req = set(_list(items.get("required")))
            for k in keys:
                prop = _dict(items.get("properties")).get(k)
                if not isinstance(prop, dict):
                    continue
                if k not in req and "default" not in prop:
                    errs.append(required(f"{path}.items.properties[{k}].default", "this property is in "
                                         "x-kubernetes-list-map-keys, so it must have a default or be a required "
                                         "property"))
                if prop.get("nullable") is True:
                    errs.append(forbidden(f"{path}.items.properties[{k}].nullable", "this property is in "
                                          "x-kubernetes-list-map-keys, so it cannot be nullable"))


_NEWLINE = re.compile(r"[\n\r]+")


def _rule_shape(rule: Obj, path: str) -> list[FieldError]:
    """The x-kubernetes-validations checks before compilation (rule, message, messageExpression, fieldPath)."""
    errs: list[FieldError] = []
    text, msg = str(rule.get("rule") or ""), str(rule.get("message") or "")
    expr = str(rule.get("messageExpression") or "")
    if not text.strip():
        errs.append(required(f"{path}.rule", "rule is not specified"))
    elif msg and not msg.strip():
        errs.append(invalid(f"{path}.message", msg, "message must be non-empty if specified"))
    elif _NEWLINE.search(msg.strip()):
        errs.append(invalid(f"{path}.message", msg, "message must not contain line breaks"))
    elif _NEWLINE.search(text.strip()) and not msg.strip():
        errs.append(required(f"{path}.message", "message must be specified if rule contains line breaks"))
    if expr and not expr.strip():
        errs.append(required(f"{path}.messageExpression", "messageExpression must be non-empty if specified"))
    return errs


_STRUCTURAL_KEYS = frozenset(("x-kubernetes-embedded-resource", "x-kubernetes-int-or-string", "additionalProperties"))


def _structural_invariants(s: Obj, path: str, t: Any, root: bool, structural: list[FieldError]) -> None:
    """validateStructuralInvariants' checks beyond the types (embedded resources, int-or-string extensions, items,
    additionalProperties at the root, kind and apiVersion of a resource)."""
    embedded = s.get("x-kubernetes-embedded-resource") is True
    if embedded and t != "object":
        msg = "must be object if x-kubernetes-embedded-resource is true"
        structural.append(required(f"{path}.type", msg) if not t else invalid(f"{path}.type", t, msg))
    if s.get("x-kubernetes-int-or-string") is True:  # validateExtensions
        for ext in ("x-kubernetes-preserve-unknown-fields", "x-kubernetes-embedded-resource"):
            if s.get(ext) is True:
                structural.append(invalid(f"{path}.{ext}", True, "must be false if x-kubernetes-int-or-string is true"))
    if t == "array" and s.get("items") is None:
        structural.append(required(f"{path}.items", "must be specified"))
    if s.get("additionalProperties") not in (None, False):
        if root:
            structural.append(forbidden(f"{path}.additionalProperties", "must not be used at the root"))
        if embedded:
            structural.append(forbidden(f"{path}.additionalProperties", "must not be used if "
                                                                        "x-kubernetes-embedded-resource is set"))
    if root or embedded:
        for meta_field in ("kind", "apiVersion"):
            child = _dict(s.get("properties")).get(meta_field)
            if isinstance(child, dict) and child.get("type") != "string":
                structural.append(invalid(f"{path}.properties[{meta_field}].type", child.get("type") or "",
                                          "must be string"))


def _go_v(v: Any) -> str:
    """fmt's %v of a JSON value (an enum's allowed value as the schema validator lists it)."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if v is None:
        return "<nil>"
    return str(v)


def _schema(s: Any, path: str, errs: list[FieldError], structural: list[FieldError], root: bool = False,
            in_junctor: bool = False, set_item: bool = False, int_or_string: bool = False,
            no_defaults: str | None = None) -> None:
    if not isinstance(s, dict):
        return
    t0 = s.get("type")
    if not _NOT_SUPPORTED_KEYS.isdisjoint(s) or not (t0 is None or t0.__class__ is str and t0 in _OPENAPI_TYPE_SET) \
            or isinstance(s.get("items"), list):
        _standard_validator(s, path, errs, no_defaults)
    if root and s.get("nullable") is True:
        errs.append(forbidden(f"{path}.nullable", "nullable cannot be true at the root"))
    t = s.get("type")
    # x-kubernetes-int-or-string may spell its two types out: anyOf [{type: integer}, {type: string}].
    if in_junctor and t and not (int_or_string and t in ("integer", "string")):
        structural.append(forbidden(f"{path}.type", "must be empty to be structural"))
    if root and t != "object":
        if t:
            errs.append(invalid(f"{path}.type", t, "must be object at the root"))
        else:
            structural.append(required(f"{path}.type", "must not be empty at the root"))
    if not in_junctor and (root or t == "array" or not _STRUCTURAL_KEYS.isdisjoint(s)):
        _structural_invariants(s, path, t, root, structural)
    props = s.get("properties")
    if isinstance(props, dict) and s.get("additionalProperties") not in (None, False) and props:
        errs.append(forbidden(f"{path}.additionalProperties", "additionalProperties and properties are mutual "
                                                              "exclusive"))
    if s.get("uniqueItems") is True:
        errs.append(forbidden(f"{path}.uniqueItems", "uniqueItems cannot be set to true since the runtime complexity "
                                                     "becomes quadratic"))
    pattern = s.get("pattern")
    if isinstance(pattern, str):
        err = _go_regexp_error(pattern)
        if err:
            errs.append(invalid(f"{path}.pattern", pattern, f"must be a valid regular expression, but isn't: {err}"))
    if "default" in s and t and s["default"] is not None:
        d = s["default"]
        ok = (isinstance(d, (int, float)) and not isinstance(d, bool)) if t == "number" else (
            isinstance(d, int) and not isinstance(d, bool)) if t == "integer" else isinstance(d, _JSON_TYPES.get(t, object))
        if not ok:
            errs.append(invalid(f"{path}.default", json_type(d), f' in body must be of type {t}: "{json_type(d)}"'))
        elif isinstance(s.get("enum"), list) and d not in s["enum"]:
            errs.append(not_supported(f"{path}.default", d, [_go_v(v) for v in s["enum"]]))
    list_type = s.get("x-kubernetes-list-type")
    if list_type is not None:
        if list_type not in ("atomic", "set", "map"):
            errs.append(not_supported(f"{path}.x-kubernetes-list-type", list_type, ["atomic", "set", "map"]))
        elif list_type == "map" and not _list(s.get("x-kubernetes-list-map-keys")):
            errs.append(required(f"{path}.x-kubernetes-list-map-keys", "must not be empty if x-kubernetes-list-type "
                                                                       "is map"))
    if not _LIST_MAP_KEYS.isdisjoint(s):
        _list_and_map_types(s, path, errs)
    if set_item and s.get("type") == "object" and s.get("x-kubernetes-map-type") != "atomic":
        errs.append(invalid(f"{path}.x-kubernetes-map-type", GoRepr('"null"') if s.get("x-kubernetes-map-type") is None
                            else s.get("x-kubernetes-map-type"),
                            "must be atomic as item of a list with x-kubernetes-list-type=set"))
    if s.get("x-kubernetes-embedded-resource") is True and not s.get("x-kubernetes-preserve-unknown-fields") \
            and not props:
        errs.append(required(f"{path}.properties", "must not be empty if x-kubernetes-embedded-resource is true "
                                                   "without x-kubernetes-preserve-unknown-fields"))
    for i, rule in enumerate(_list(s.get("x-kubernetes-validations"))):
        reason = _dict(rule).get("reason")
        shape = _rule_shape(_dict(rule), f"{path}.x-kubernetes-validations[{i}]")
        errs += shape
        if reason is not None and reason not in _REASONS:
            errs.append(not_supported(f"{path}.x-kubernetes-validations[{i}].reason", reason, _REASONS))
        elif shape:
            continue
        elif isinstance(_dict(rule).get("rule"), str):
            from pykubectl.apiserver import celrules

            detail = celrules.compile_error(rule["rule"], s)
            if detail:
                errs.append(invalid(f"{path}.x-kubernetes-validations[{i}].rule", GoRepr(_validation_rule(rule)),
                                    f"compilation failed: {detail}"))
    if isinstance(props, dict):
        for name in props:
            child = props[name]
            cp = f"{path}.properties[{name}]"
            if root and name == "metadata" and isinstance(child, dict):
                extra = set(child) - {"type", "properties"} or set(_dict(child.get("properties"))) - {"name",
                                                                                                      "generateName"}
                if extra:
                    errs.append(forbidden(cp, "must not specify anything other than name and generateName, but "
                                              "metadata is implicitly specified"))
                    continue
            child_no_defaults = no_defaults
            if root and name in _META_FIELDS:
                child_no_defaults = f"in top-level {name}"
            if isinstance(child, dict) and not child.get("type") and not in_junctor and not child.get(
                    "x-kubernetes-int-or-string") and not child.get("x-kubernetes-preserve-unknown-fields"):
                structural.append(required(f"{cp}.type", "must not be empty for specified object fields"))
            _schema(child, cp, errs, structural, in_junctor=in_junctor, no_defaults=child_no_defaults)
    items = s.get("items")
    if isinstance(items, dict):
        if not items.get("type") and not in_junctor and not items.get("x-kubernetes-int-or-string") and not \
                items.get("x-kubernetes-preserve-unknown-fields"):
            structural.append(required(f"{path}.items.type", "must not be empty for specified array items"))
        _schema(items, f"{path}.items", errs, structural, in_junctor=in_junctor, set_item=list_type == "set")
    if isinstance(s.get("additionalProperties"), dict):
        _schema(s["additionalProperties"], f"{path}.additionalProperties", errs, structural, in_junctor=in_junctor)
    ios = s.get("x-kubernetes-int-or-string") is True
    for junctor in ("anyOf", "allOf", "oneOf"):
        for i, sub in enumerate(_list(s.get(junctor))):
            _schema(sub, f"{path}.{junctor}[{i}]", errs, structural, in_junctor=True, int_or_string=ios)
    if isinstance(s.get("not"), dict):
        _schema(s["not"], f"{path}.not", errs, structural, in_junctor=True)


def _simple_json_path(value: str, path: str) -> list[FieldError]:
    if not value:
        return [required(path)]
    if not value.startswith(".") or re.search(r"[\[\]*]", value):
        return [invalid(path, value, "must be a simple json path starting with .")]
    return []


def _field_exists(schema: Any, json_path: str) -> bool:
    node = schema
    for part in json_path.strip(".").split("."):
        props = _dict(_dict(node).get("properties"))
        if part not in props:
            return False
        node = props[part]
    return True


def _go_version(v: Obj, hoisted: dict[str, bool]) -> str:
    def ptr(t: str, field: str) -> str:
        return f"(*{t})(nil)" if hoisted.get(field) or v.get(field) is None else f"(*{t})(0xc000000000)"

    cols = ("[]apiextensions.CustomResourceColumnDefinition(nil)" if hoisted.get("additionalPrinterColumns")
            or v.get("additionalPrinterColumns") is None else "[]apiextensions.CustomResourceColumnDefinition{...}")
    sel = ("[]apiextensions.SelectableField(nil)" if hoisted.get("selectableFields") or v.get("selectableFields")
           is None else "[]apiextensions.SelectableField{...}")
    dw = "(*string)(nil)" if v.get("deprecationWarning") is None else "(*string)(0xc000000000)"
    return (f'apiextensions.CustomResourceDefinitionVersion{{Name:"{v.get("name") or ""}", '
            f'Served:{str(bool(v.get("served"))).lower()}, Storage:{str(bool(v.get("storage"))).lower()}, '
            f'Deprecated:{str(bool(v.get("deprecated"))).lower()}, DeprecationWarning:{dw}, '
            f'Schema:{ptr("apiextensions.CustomResourceValidation", "schema")}, '
            f'Subresources:{ptr("apiextensions.CustomResourceSubresources", "subresources")}, '
            f"AdditionalPrinterColumns:{cols}, SelectableFields:{sel}}}")


def _validate_crd(obj: Obj) -> list[FieldError]:
    spec = _dict(obj.get("spec"))
    errs: list[FieldError] = []
    group = str(spec.get("group") or "")
    if not group:
        errs.append(required("spec.group"))
    elif is_dns1123_subdomain(group):
        errs.append(invalid("spec.group", group, ",".join(is_dns1123_subdomain(group))))
    elif len(group.split(".")) < 2:
        errs.append(invalid("spec.group", group, "should be a domain with at least one dot"))
    scope = spec.get("scope") or ""
    if not scope:
        errs.append(required("spec.scope"))
    elif scope not in ("Cluster", "Namespaced"):
        errs.append(not_supported("spec.scope", scope, ["Cluster", "Namespaced"]))
    versions = [_dict(v) for v in _list(spec.get("versions"))]
    hoisted = {f: _shared(versions, f) for f in ("schema", "subresources", "additionalPrinterColumns",
                                                  "selectableFields")}
    storage = 0
    names_seen: set[str] = set()
    unique = True
    for i, v in enumerate(versions):
        vp = f"spec.versions[{i}]"
        if v.get("storage"):
            storage += 1
        name = str(v.get("name") or "")
        if name in names_seen:
            unique = False
        names_seen.add(name)
        msgs = is_dns1035_label(name)
        if msgs:
            errs.append(invalid(f"{vp}.name", name, ",".join(msgs)))
        if not hoisted["schema"]:
            schema = v.get("schema")
            if not isinstance(schema, dict) or not isinstance(schema.get("openAPIV3Schema"), dict):
                errs.append(required(f"{vp}.schema.openAPIV3Schema", "schemas are required"))
            else:
                errs += check_schema(schema["openAPIV3Schema"], f"{vp}.schema.openAPIV3Schema")
        if not hoisted["additionalPrinterColumns"]:
            errs += _columns(_list(v.get("additionalPrinterColumns")), f"{vp}.additionalPrinterColumns")
        if not hoisted["subresources"]:
            errs += _subresources(v.get("subresources"), f"{vp}.subresources")
        if not hoisted["selectableFields"]:
            errs += _selectable(_list(v.get("selectableFields")), _dict(v.get("schema")).get("openAPIV3Schema"),
                                f"{vp}.selectableFields")
    shown = GoRepr("[]apiextensions.CustomResourceDefinitionVersion{" + ", ".join(_go_version(v, hoisted)
                                                                                   for v in versions) + "}")
    if not unique:
        errs.append(invalid("spec.versions", shown, "must contain unique version names"))
    if storage != 1:
        errs.append(invalid("spec.versions", shown, "must have exactly one version marked as storage version"))
    if versions:
        first = str(versions[0].get("name") or "")
        msgs = is_dns1035_label(first)
        if msgs:
            errs.append(invalid("spec.version", first, ",".join(msgs)))
    names = _dict(spec.get("names"))
    for field in ("plural", "singular"):
        value = str(names.get(field) or "")
        if value and is_dns1035_label(value):
            errs.append(invalid(f"spec.names.{field}", value, ",".join(is_dns1035_label(value))))
    for field in ("kind", "listKind"):
        value = str(names.get(field) or "")
        if value and is_dns1035_label(value.lower()):
            errs.append(invalid(f"spec.names.{field}", value, "may have mixed case, but should otherwise match: "
                                + ",".join(is_dns1035_label(value.lower()))))
    for i, short in enumerate(_list(names.get("shortNames"))):
        msgs = is_dns1035_label(str(short))
        if msgs:
            errs.append(invalid(f"spec.names.shortNames[{i}]", short, ",".join(msgs)))
    if names.get("kind") and names.get("kind") == names.get("listKind"):
        errs.append(invalid("spec.names.listKind", names.get("listKind"), "kind and listKind may not be the same"))
    for field in ("plural", "singular", "kind", "listKind"):
        if not names.get(field) and not (field == "singular" and names.get("kind")) and not (
                field == "listKind" and names.get("kind")):
            errs.append(required(f"spec.names.{field}"))
    if hoisted["schema"]:
        errs += check_schema(_dict(versions[0].get("schema")).get("openAPIV3Schema"), "spec.validation.openAPIV3Schema")
    if hoisted["subresources"]:
        errs += _subresources(versions[0].get("subresources"), "spec.subresources")
    if hoisted["additionalPrinterColumns"]:
        errs += _columns(_list(versions[0].get("additionalPrinterColumns")), "spec.additionalPrinterColumns")
    if hoisted["selectableFields"]:
        errs += _selectable(_list(versions[0].get("selectableFields")),
                            _dict(versions[0].get("schema")).get("openAPIV3Schema"), "spec.selectableFields")
    conversion = spec.get("conversion")
    if isinstance(conversion, dict):
        strategy = conversion.get("strategy") or ""
        webhook = _dict(conversion.get("webhook"))
        if not strategy:
            errs.append(required("spec.conversion.strategy"))
        elif strategy not in ("None", "Webhook"):
            errs.append(not_supported("spec.conversion.strategy", strategy, ["None", "Webhook"]))
        if strategy == "Webhook":
            if webhook.get("clientConfig") is None:
                errs.append(required("spec.conversion.webhookClientConfig", "required when strategy is set to "
                                                                             "Webhook"))
            else:
                errs += webhook_client_config(_dict(webhook["clientConfig"]), "spec.conversion.webhookClientConfig")
            errs += review_versions(webhook.get("conversionReviewVersions"),
                                                "spec.conversion.conversionReviewVersions")
        else:  # validateCustomResourceConversion: webhook settings only with the Webhook strategy
            if webhook.get("clientConfig") is not None:
                errs.append(forbidden("spec.conversion.webhookClientConfig", "should not be set when strategy is not "
                                                                              "set to Webhook"))
            if _list(webhook.get("conversionReviewVersions")):
                errs.append(forbidden("spec.conversion.conversionReviewVersions", "should not be set when strategy "
                                                                                   "is not set to Webhook"))
    stored = [str(v.get("name")) for v in versions if v.get("storage")][:1]
    if not stored:
        errs.append(invalid("status.storedVersions", GoRepr("[]string(nil)"), "must have at least one stored version"))
    elif storage > 1:
        last = [str(v.get("name")) for v in versions if v.get("storage")][-1]
        errs.append(invalid("status.storedVersions", GoRepr(f'[]string{{"{stored[0]}"}}'),
                            f"must have the storage version {last}"))
    return errs


_URL_FORM = "; desired format: https://host[/path]"


def webhook_client_config(cc: Obj, path: str) -> list[FieldError]:
    """A webhook's clientConfig (conversion or admission): exactly one of url and service (ValidateWebhookURL with
    https forced, ValidateWebhookService)."""
    from urllib.parse import urlsplit

    url, service = cc.get("url"), cc.get("service")
    if (url is None) == (service is None):
        return [required(path, "exactly one of url or service is required")]
    errs: list[FieldError] = []
    if url is not None:
        up = f"{path}.url"
        try:
            u = urlsplit(str(url))
        except ValueError as e:
            return [required(up, f"url must be a valid URL: {e}{_URL_FORM}")]
        if u.scheme != "https":
            errs.append(invalid(up, u.scheme, "'https' is the only allowed URL scheme" + _URL_FORM))
        if not u.netloc:
            errs.append(invalid(up, "", "host must be specified" + _URL_FORM))
        if "@" in u.netloc:
            errs.append(invalid(up, u.netloc.rsplit("@", 1)[0], "user information is not permitted in the URL"))
        if u.fragment:
            errs.append(invalid(up, u.fragment, "fragments are not permitted in the URL"))
        if u.query:
            errs.append(invalid(up, u.query, "query parameters are not permitted in the URL"))
        return errs
    svc = _dict(service)
    sp = f"{path}.service"
    if not svc.get("name"):
        errs.append(required(f"{sp}.name", "service name is required"))
    if not svc.get("namespace"):
        errs.append(required(f"{sp}.namespace", "service namespace is required"))
    port = svc.get("port", 443)
    if isinstance(port, int) and not 1 <= port <= 65535:
        errs.append(invalid(f"{sp}.port", port, "port is not valid: must be between 1 and 65535, inclusive"))
    spath = svc.get("path")
    if isinstance(spath, str) and spath not in ("", "/"):
        if spath == "//":
            errs.append(invalid(f"{sp}.path", spath, "segment[0] may not be empty"))
        elif not spath.startswith("/"):
            errs.append(invalid(f"{sp}.path", spath, "must start with a '/'"))
    return errs


def review_versions(versions: Any, path: str, required_detail: str = "") -> list[FieldError]:
    """validateConversionReviewVersions, and validateAdmissionReviewVersions (its near copy for webhooks, whose
    empty list also says which versions it may hold): no duplicates, DNS-1035 names, a recognized version."""
    versions = _list(versions)
    if not versions:
        return [required(path, required_detail) if required_detail else required(path)]
    errs: list[FieldError] = []
    seen: set[str] = set()
    accepted = False
    for i, v in enumerate(versions):
        v = str(v)
        if v in seen:
            errs.append(invalid(f"{path}[{i}]", v, "duplicate version"))
            continue
        seen.add(v)
        errs += [invalid(f"{path}[{i}]", v, m) for m in is_dns1035_label(v)]
        accepted = accepted or v in ("v1", "v1beta1")
    if not accepted:
        errs.append(invalid(path, GoRepr(go_string_slice([str(v) for v in versions])),
                            "must include at least one of v1, v1beta1"))
    return errs


_COLUMN_FORMATS = "byte,date,date-time,double,float,int32,int64,password"


def _columns(cols: list, path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    for i, col in enumerate(cols):
        col = _dict(col)
        p = f"{path}[{i}]"
        if not col.get("name"):
            errs.append(required(f"{p}.name"))
        t = col.get("type") or ""
        if not t:
            errs.append(required(f"{p}.type", f"must be one of {_COLUMN_TYPES}"))
        elif t not in _COLUMN_TYPES.split(","):
            errs.append(invalid(f"{p}.type", t, f"must be one of {_COLUMN_TYPES}"))
        fmt = col.get("format") or ""
        if fmt and fmt not in _COLUMN_FORMATS.split(","):
            errs.append(invalid(f"{p}.format", fmt, f"must be one of {_COLUMN_FORMATS}"))
        jp = str(col.get("jsonPath") or "")
        if not jp:
            errs.append(required(f"{p}.JSONPath"))
        elif not jp.startswith("."):
            errs.append(invalid(f"{p}.JSONPath", jp, "must be a simple json path starting with ."))
    return errs


def _subresources(sub: Any, path: str) -> list[FieldError]:
    scale = _dict(sub).get("scale")
    if not isinstance(scale, dict):
        return []
    errs: list[FieldError] = []
    spec_path = str(scale.get("specReplicasPath") or "")
    e = _simple_json_path(spec_path, f"{path}.scale.specReplicasPath")
    if e:
        errs += e
    elif not spec_path.startswith(".spec."):
        errs.append(invalid(f"{path}.scale.specReplicasPath", spec_path, "should be a json path under .spec"))
    status_path = str(scale.get("statusReplicasPath") or "")
    e = _simple_json_path(status_path, f"{path}.scale.statusReplicasPath")
    if e:
        errs += e
    elif not status_path.startswith(".status."):
        errs.append(invalid(f"{path}.scale.statusReplicasPath", status_path, "should be a json path under .status"))
    selector_path = scale.get("labelSelectorPath")
    if selector_path:  # ValidateCustomResourceDefinitionSubresources
        selector_path = str(selector_path)
        e = _simple_json_path(selector_path, f"{path}.scale.labelSelectorPath")
        if e:
            errs += e
        elif not selector_path.startswith((".spec.", ".status.")):
            errs.append(invalid(f"{path}.scale.labelSelectorPath", selector_path,
                                "should be a json path under either .spec or .status"))
    return errs


def _selectable(fields: list, schema: Any, path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    for i, f in enumerate(fields):
        jp = str(_dict(f).get("jsonPath") or "")
        p = f"{path}[{i}].jsonPath"
        if not jp:
            errs.append(required(p))
        elif not _field_exists(schema, jp):
            errs.append(invalid(p, jp, "is an invalid path: does not refer to a valid field"))
    return errs


def _validate_crd_update(new: Obj, old: Obj) -> list[FieldError]:
    errs = _validate_crd(new)
    nspec, ospec = _dict(new.get("spec")), _dict(old.get("spec"))
    if nspec.get("scope") != ospec.get("scope"):
        errs.append(invalid("spec.scope", nspec.get("scope") or "", IMMUTABLE))
    if nspec.get("group") != ospec.get("group"):
        errs.append(invalid("spec.group", nspec.get("group") or "", IMMUTABLE))
    nn, on = _dict(nspec.get("names")), _dict(ospec.get("names"))
    for field in ("plural", "kind", "listKind"):
        if field != "plural" and nn.get(field) != on.get(field):
            errs.append(invalid(f"spec.names.{field}", nn.get(field) or "", IMMUTABLE))
    return errs


CREATE = {(GROUP, "CustomResourceDefinition"): (False, None, _validate_crd)}
UPDATE = {(GROUP, "CustomResourceDefinition"): _validate_crd_update}
