"""The Swagger 2.0 (OpenAPI v2) form of the shipped schemas: what a v1.32 server publishes at /openapi/v2 and what
``kubectl explain --output=plaintext-openapiv2`` reads.

The definitions are the v3 component schemas pykubectl ships (schemas/, with the enum texts the real server
documents) and those the CRDs publish, written as v2 writes them: a reference wrapped in ``allOf`` becomes a plain
``$ref`` beside its description, ``default`` is dropped (the v2 document carries none), and a ``oneOf`` of int and
string (IntOrString, Quantity) is ``type: string`` with its format. Compared with the real server's swagger.json
(k8s-openapi/v1.32), the 638 definitions differ only by those enum texts, which the dump lacks."""

from __future__ import annotations

import json
import os
from typing import Any

_V3_REF = "#/components/schemas/"
_V2_REF = "#/definitions/"

_cache: dict[str, tuple[str, dict]] = {}


def document(custom: dict[str, dict]) -> dict:
    """The Swagger document: every shipped definition plus ``custom`` (name -> v3 schema, the CRDs')."""
    key = json.dumps(custom, sort_keys=True) if custom else ""
    got = _cache.get("doc")
    if got is not None and got[0] == key:
        return got[1]
    from .. import KUBERNETES_VERSION

    definitions = dict(builtin_definitions())
    for name, d in custom.items():
        definitions[name] = to_v2(d)
    doc = {"swagger": "2.0", "info": {"title": "Kubernetes", "version": KUBERNETES_VERSION}, "paths": {},
           "definitions": dict(sorted(definitions.items())),
           "securityDefinitions": {"BearerToken": {"description": "Bearer Token authentication", "type": "apiKey",
                                                   "name": "authorization", "in": "header"}},
           "security": [{"BearerToken": []}]}
    _cache["doc"] = (key, doc)
    return doc


_builtin: dict[str, dict] = {}


def builtin_definitions() -> dict[str, dict]:
    if not _builtin:
        from . import schema

        folder = schema.schema_dir()
        for pkg in schema._load_index().get("packages") or ():
            try:
                with open(os.path.join(folder, f"{pkg}.json"), encoding="utf-8") as fh:
                    names = list(json.load(fh)["definitions"])
            except OSError:
                continue
            for name in names:
                try:
                    _builtin[name] = to_v2(schema.documented_definition(name))
                except KeyError:
                    continue
    return _builtin


def definition(name: str) -> dict | None:
    """One built-in definition in its v2 form."""
    return builtin_definitions().get(name)


def to_v2(s: Any) -> Any:
    """One v3 schema written as the v2 document writes it."""
    if isinstance(s, list):
        return [to_v2(x) for x in s]
    if not isinstance(s, dict):
        return s
    out: dict[str, Any] = {}
    all_of = s.get("allOf")
    if isinstance(all_of, list) and len(all_of) == 1 and isinstance(all_of[0], dict) and "$ref" in all_of[0]:
        out["$ref"] = all_of[0]["$ref"]
    for k, v in s.items():
        if k in ("default", "nullable", "oneOf", "anyOf") or (k == "allOf" and "$ref" in out):
            continue
        if k == "$ref" and isinstance(v, str):
            out[k] = _V2_REF + v[len(_V3_REF):] if v.startswith(_V3_REF) else v
        elif k == "properties" and isinstance(v, dict):
            out[k] = {name: to_v2(p) for name, p in v.items()}
        elif k in ("items", "additionalProperties", "allOf", "not"):
            out[k] = to_v2(v)
        else:
            out[k] = v
    if "$ref" in out and out["$ref"].startswith(_V3_REF):
        out["$ref"] = _V2_REF + out["$ref"][len(_V3_REF):]
    if "oneOf" in s and "type" not in out and "$ref" not in out:
        out["type"] = "string"
    return out
