"""Discovery and OpenAPI documents, built from the kinds registry and the schemas pykubectl ships.

Discovery is served both as the aggregated documents kubectl 1.32 asks for first (apidiscovery.k8s.io/v2
APIGroupDiscoveryList on /api and /apis) and in the legacy form (/api/v1, /apis/<group>/<version> resource lists)
that older clients walk. /openapi/v3 serves, per group-version, the component schemas of schemas/ and one PATCH
path per resource declaring the query parameters clients look for (kubectl checks fieldValidation there before
it leaves validation to the server)."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

AGGREGATED_V2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"
AGGREGATED_V2BETA1 = "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList"
JSON = "application/json"

# Subresources with a response kind of their own (the others answer with the resource's kind).
SCALE_KINDS = {("apps", "Deployment"), ("apps", "ReplicaSet"), ("apps", "StatefulSet"), ("", "ReplicationController")}
_SCALE = {"group": "autoscaling", "version": "v1", "kind": "Scale"}
_SUB_VERBS = ["get", "patch", "update"]


def _kinds() -> list[Any]:
    from ..api import registry

    return registry.all_kinds(custom=True)


def groups() -> list[tuple[str, list[str]]]:
    """(group, versions with the preferred first) in discovery order; the core group first."""
    out: dict[str, list[str]] = {}
    for k in _kinds():
        vs = out.setdefault(k.group, [])
        for v in k.versions:
            if v not in vs:
                vs.append(v)
    order = sorted(out, key=lambda g: g != "")
    return [(g, out[g]) for g in order]


def resources(group: str, version: str) -> list[Any]:
    return [k for k in _kinds() if k.group == group and version in k.versions]


def kind_of(group: str, version: str, plural: str) -> Any:
    for k in resources(group, version):
        if k.plural == plural:
            return k._replace(version=version) if k.version != version else k
    return None


def custom_subresources(k: Any) -> dict | None:
    """A custom resource's subresources at this version (the CRD's versions[].subresources), or None for a
    built-in kind."""
    from ..apiserver.customresources import definition_for

    d = definition_for(k.group, k.kind) if k.group else None
    if d is None:
        return None
    return d.subresources(k.version) or {}


def _subresources(k: Any) -> list[tuple[str, dict, list[str]]]:
    out = []
    custom = custom_subresources(k)
    if custom is not None:
        # A custom resource serves status and scale only where its definition enables them.
        if "scale" in custom:
            out.append(("scale", _SCALE, _SUB_VERBS))
        if "status" in custom:
            out.append(("status", {"group": k.group, "version": k.version, "kind": k.kind}, _SUB_VERBS))
        return sorted(out, key=lambda s: s[0])
    if (k.group, k.kind) in SCALE_KINDS:
        out.append(("scale", _SCALE, _SUB_VERBS))
    if "update" in k.verbs and k.kind not in ("ConfigMap", "Secret", "ServiceAccount", "Endpoints", "Event",
                                              "LimitRange", "PodTemplate", "Role", "ClusterRole", "RoleBinding",
                                              "ClusterRoleBinding"):
        out.append(("status", {"group": k.group, "version": k.version, "kind": k.kind}, _SUB_VERBS))
    for sub, rk, verbs in _EXTRA_SUBRESOURCES.get((k.group, k.kind), ()):
        out.append((sub, rk, verbs))
    return sorted(out, key=lambda s: s[0])


def _core(kind: str) -> dict:
    return {"group": "", "version": "v1", "kind": kind}


_CONNECT = ["create", "get"]
# The subresources of pods and service accounts the API serves (discovery of a v1.32 server; derived from its
# registry, recordings wanted): eviction (policy/v1), log, binding, ephemeralcontainers, and the streaming ones.
_EXTRA_SUBRESOURCES: dict[tuple[str, str], list[tuple[str, dict, list[str]]]] = {
    ("", "Pod"): [("attach", _core("PodAttachOptions"), _CONNECT), ("binding", _core("Binding"), ["create"]),
                  ("ephemeralcontainers", _core("Pod"), ["get", "patch", "update"]),
                  ("eviction", {"group": "policy", "version": "v1", "kind": "Eviction"}, ["create"]),
                  ("exec", _core("PodExecOptions"), _CONNECT), ("log", _core("Pod"), ["get"]),
                  ("portforward", _core("PodPortForwardOptions"), _CONNECT),
                  ("proxy", _core("PodProxyOptions"), ["create", "delete", "get", "head", "patch", "put"])],
    ("certificates.k8s.io", "CertificateSigningRequest"): [
        ("approval", {"group": "certificates.k8s.io", "version": "v1", "kind": "CertificateSigningRequest"},
         ["get", "patch", "update"])],
    ("", "ServiceAccount"): [("token", {"group": "authentication.k8s.io", "version": "v1", "kind": "TokenRequest"},
                              ["create"])],
}


def _resource_list(group: str, version: str) -> dict:
    gv = f"{group}/{version}" if group else version
    items: list[dict] = []
    for k in resources(group, version):
        entry: dict[str, Any] = {"name": k.plural, "singularName": k.singular, "namespaced": k.namespaced,
                                 "kind": k.kind, "verbs": list(k.verbs)}
        if k.short_names:
            entry["shortNames"] = list(k.short_names)
        if k.categories:
            entry["categories"] = list(k.categories)
        items.append(entry)
        for sub, rk, verbs in _subresources(k):
            s: dict[str, Any] = {"name": f"{k.plural}/{sub}", "singularName": "", "namespaced": k.namespaced,
                                 "kind": rk["kind"], "verbs": verbs}
            if rk["group"] != k.group or rk["version"] != version:
                s["group"], s["version"] = rk["group"], rk["version"]
            items.append(s)
    return {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": gv, "resources": items}


def _group(group: str, versions: list[str]) -> dict:
    vs = [{"groupVersion": f"{group}/{v}", "version": v} for v in versions]
    return {"name": group, "versions": vs, "preferredVersion": vs[0]}


def _aggregated(core: bool) -> dict:
    items = []
    for g, versions in groups():
        if (g == "") != core:
            continue
        vlist = []
        for v in versions:
            res = []
            for k in resources(g, v):
                r: dict[str, Any] = {"resource": k.plural,
                                     "responseKind": {"group": g, "version": v, "kind": k.kind},
                                     "scope": "Namespaced" if k.namespaced else "Cluster",
                                     "singularResource": k.singular, "verbs": list(k.verbs)}
                if k.short_names:
                    r["shortNames"] = list(k.short_names)
                if k.categories:
                    r["categories"] = list(k.categories)
                subs = [{"subresource": sub, "responseKind": rk if rk["kind"] == "Scale" or rk["group"] != g else {**rk, "version": v},
                         "verbs": verbs} for sub, rk, verbs in _subresources(k)]
                if subs:
                    r["subresources"] = subs
                res.append(r)
            vlist.append({"version": v, "resources": res, "freshness": "Current"})
        items.append({"metadata": {"name": g, "creationTimestamp": None}, "versions": vlist})
    return {"kind": "APIGroupDiscoveryList", "apiVersion": "apidiscovery.k8s.io/v2", "metadata": {}, "items": items}


def _wants_aggregated(accept: str) -> str | None:
    for part in accept.split(","):
        p = part.replace(" ", "")
        if "as=APIGroupDiscoveryList" in p and "g=apidiscovery.k8s.io" in p:
            if "v=v2beta1" in p:
                return AGGREGATED_V2BETA1
            if "v=v2" in p:
                return AGGREGATED_V2
    return None


def document(path: str, accept: str) -> tuple[dict, str] | None:
    """The discovery document at ``path`` and its content type, or None when the path is not discovery."""
    parts = path.strip("/").split("/")
    if path in ("/api", "/apis"):
        agg = _wants_aggregated(accept)
        if agg is not None:
            doc = _aggregated(core=(path == "/api"))
            if agg == AGGREGATED_V2BETA1:
                doc["apiVersion"] = "apidiscovery.k8s.io/v2beta1"
            return doc, agg
        if path == "/api":
            return {"kind": "APIVersions", "versions": ["v1"],
                    "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": ""}]}, JSON
        return {"kind": "APIGroupList", "apiVersion": "v1",
                "groups": [_group(g, vs) for g, vs in groups() if g]}, JSON
    known = dict(groups())
    if parts[0] == "api" and len(parts) == 2:
        return (_resource_list("", parts[1]), JSON) if parts[1] in known.get("", []) else None
    if parts[0] == "apis" and len(parts) == 2 and parts[1] in known and parts[1]:
        g = _group(parts[1], known[parts[1]])
        return {"kind": "APIGroup", "apiVersion": "v1", **g}, JSON
    if parts[0] == "apis" and len(parts) == 3 and parts[2] in known.get(parts[1], []) and parts[1]:
        return _resource_list(parts[1], parts[2]), JSON
    return None


# ---------------------------------------------------------------------------------------------------------------
# OpenAPI v3

_V3_CACHE: dict[str, dict] = {}
_COMMON_PARAMS = ("dryRun", "fieldManager", "fieldValidation", "force", "pretty")


def _gv_path(group: str, version: str) -> str:
    return f"api/{version}" if not group else f"apis/{group}/{version}"


def _custom_schemas(group: str, version: str) -> dict[str, dict]:
    """The schemas the CRDs serving this group-version publish, named as the API server names them
    (``com.example.rec.v1.RecWidget``) and tagged with their group-version-kind (what `kubectl explain` looks up)."""
    from ..apiserver.customresources import definition_for

    out: dict[str, dict] = {}
    for k in resources(group, version):
        definition = definition_for(k.group, k.kind)
        if definition is None or version not in definition.versions:
            continue
        published = definition.openapi_schema(version)
        published["x-kubernetes-group-version-kind"] = [{"group": group, "kind": k.kind, "version": version}]
        out[".".join(reversed(group.split("."))) + f".{version}.{k.kind}"] = published
    return out


def _schemas_for(group: str, version: str, custom: dict[str, dict] | None = None) -> dict:
    """The component schemas a group-version's kinds reach through $ref, from the shipped schema files (and the
    ``custom`` ones a CRD publishes)."""
    from ..api import schema

    index = schema._load_index()["gvk"]
    todo = [name for key, name in index.items() if key.startswith(f"{group}/{version}/")]
    todo += ["io.k8s.apimachinery.pkg.apis.meta.v1.Status", "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions"]
    seen: dict[str, dict] = dict(custom or {})
    for d in (custom or {}).values():
        todo += re.findall(r'"#/components/schemas/([^"]+)"', json.dumps(d))
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        try:
            d = schema.documented_definition(name)  # with the enum values the real server publishes
        except (KeyError, FileNotFoundError, OSError):
            continue
        seen[name] = d
        text = json.dumps(d)
        pos = 0
        while True:
            i = text.find('"#/components/schemas/', pos)
            if i < 0:
                break
            j = text.index('"', i + 1)
            todo.append(text[i + len('"#/components/schemas/'):j])
            pos = j
    return dict(sorted(seen.items()))


def _v3_doc(group: str, version: str) -> dict:
    key = _gv_path(group, version)
    custom = _custom_schemas(group, version)
    doc = None if custom else _V3_CACHE.get(key)  # a CRD's schema may change: not kept
    if doc is not None:
        return doc
    from .. import KUBERNETES_VERSION

    paths: dict[str, Any] = {}
    prefix = "/" + key
    params = [{"name": p, "in": "query", "schema": {"type": "string"}, "uniqueItems": True} for p in _COMMON_PARAMS]
    for k in resources(group, version):
        gvk = {"group": group, "kind": k.kind, "version": version}
        base = f"{prefix}/namespaces/{{namespace}}/{k.plural}" if k.namespaced else f"{prefix}/{k.plural}"
        op = {"operationId": f"patch{k.kind}", "parameters": params,
              "x-kubernetes-action": "patch", "x-kubernetes-group-version-kind": gvk,
              "responses": {"200": {"description": "OK"}}}
        paths[base + "/{name}"] = {"patch": op}
    doc = {"openapi": "3.0.0", "info": {"title": "Kubernetes", "version": KUBERNETES_VERSION},
           "paths": paths, "components": {"schemas": _schemas_for(group, version, custom)}}
    if not custom:
        _V3_CACHE[key] = doc
    return doc


def openapi(path: str) -> dict | None:
    if path == "/openapi/v3":
        out = {}
        for g, versions in groups():
            for v in versions:
                key = _gv_path(g, v)
                # kubectl keeps each document under its hash: a custom group-version's changes with its schemas.
                custom = _custom_schemas(g, v)
                text = key + (json.dumps(custom, sort_keys=True) if custom else "")
                digest = hashlib.sha512(text.encode()).hexdigest().upper()[:128]
                out[key] = {"serverRelativeURL": f"/openapi/v3/{key}?hash={digest}"}
        return {"paths": out}
    if path.startswith("/openapi/v3/"):
        rest = path[len("/openapi/v3/"):].split("/")
        known = dict(groups())
        if rest[0] == "api" and len(rest) == 2 and rest[1] in known.get("", []):
            return _v3_doc("", rest[1])
        if rest[0] == "apis" and len(rest) == 3 and rest[1] and rest[2] in known.get(rest[1], []):
            return _v3_doc(rest[1], rest[2])
    return None
