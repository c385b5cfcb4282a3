"""The REST API over the store: one request in (method, path, query, headers, body), one response out.

Every write goes through the server-side code the CLI uses (apiserver/pipeline.py create/update/delete, the schema's
decode checks, defaults, validation, the patch engine) and is followed by the reconciler, so controllers act as in
a cluster. Reads first finish work that came due, as the CLI's reading commands do. Errors are Status objects of
the real server's shape, so kubectl prints the texts pykubectl's own CLI prints.

Who may do what is decided first (access.py: RBAC, impersonation, the review resources); protobuf bodies are read
by protobuf.py; watches are served from the watch cache (watchcache.py); the pod subresources beyond status by
subresources.py. Not served yet: other versions than the stored one (no conversion; autoscaling/v1
HorizontalPodAutoscalers excepted)."""

from __future__ import annotations

import base64
import copy
import json
import re
from typing import Any, Callable
from urllib.parse import parse_qs

from .. import errors
from ..apiserver.conversion import served_version
from . import access, discovery, goorder, health

JSON = "application/json"
PROTOBUF = "application/vnd.kubernetes.protobuf"
TABLE_V1 = "application/json;as=Table;v=v1;g=meta.k8s.io"


class Response:
    __slots__ = ("code", "content_type", "body", "headers")

    def __init__(self, code: int, body: bytes, content_type: str = JSON, headers: list[tuple[str, str]] | None = None):
        self.code = code
        self.body = body
        self.content_type = content_type
        self.headers = headers or []


def _json(obj: Any, code: int = 200, content_type: str = JSON, warnings: list[str] | None = None) -> Response:
    """``obj`` as the server writes it: a built-in object (or list of them) with its fields in Go struct order."""
    headers = [("Warning", '299 - "' + w.replace("\\", "\\\\").replace('"', '\\"') + '"') for w in warnings or ()]
    return Response(code, json.dumps(goorder.ordered(obj), separators=(",", ":"), ensure_ascii=False).encode()
                    + b"\n", content_type, headers)


# ---------------------------------------------------------------------------------------------------------------
# Status errors

_CODES = {"NotFound": 404, "AlreadyExists": 409, "Conflict": 409, "BadRequest": 400, "Invalid": 422,
          "Forbidden": 403, "MethodNotAllowed": 405, "NotAcceptable": 406, "UnsupportedMediaType": 415,
          "Unauthorized": 401, "InternalError": 500, "Gone": 410, "TooManyRequests": 429}
# field.ErrorType -> metav1.CauseType, as the API server fills a Status's causes.
_CAUSES = {"Invalid value": "FieldValueInvalid", "Required value": "FieldValueRequired",
           "Unsupported value": "FieldValueNotSupported", "Duplicate value": "FieldValueDuplicate",
           "Forbidden": "FieldValueForbidden", "Too long": "FieldValueTooLong", "Too many": "FieldValueTooMany",
           "Not found": "FieldValueNotFound", "Internal error": "InternalError"}
_NAMED = re.compile(r'^(?P<resource>[a-z0-9.-]+) "(?P<name>[^"]*)" (?:not found|already exists)$')


def status(code: int, reason: str, message: str, details: dict | None = None) -> dict:
    out: dict[str, Any] = {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                           "message": message}
    if reason:
        out["reason"] = reason
    if details:
        out["details"] = details
    out["code"] = code
    return out


def status_of(err: errors.PykubectlError, kind: Any = None) -> dict:
    """The Status the real API server returns for what pykubectl's server-side code raised."""
    if isinstance(err, errors.Invalid):
        qualified = f"{err.kind}.{kind.group}" if kind is not None and kind.group else err.kind
        body = str(err.errors[0]) if len(err.errors) == 1 else "[" + ", ".join(str(e) for e in err.errors) + "]"
        causes = []
        for fe in err.errors:
            text = str(fe)
            prefix = f"{fe.path}: "
            causes.append({"reason": _CAUSES.get(fe.type, "FieldValueInvalid"),
                           "message": text[len(prefix):] if text.startswith(prefix) else text, "field": fe.path})
        details: dict[str, Any] = {"name": err.name}
        if kind is not None and kind.group:
            details["group"] = kind.group
        details["kind"] = err.kind
        details["causes"] = causes
        return status(422, "Invalid", f'{qualified} "{err.name}" is invalid: {body}', details)
    if isinstance(err, errors.ServerError):
        from ..apiserver.pipeline import ServerMessage

        # A ServerMessage is an error the real server returns without a reason ("Error from server: …").
        reason = "" if isinstance(err, ServerMessage) else err.reason
        code = _CODES.get(reason, 500)
        details = None
        if isinstance(err, access.Forbidden):
            out = status(403, reason, err.detail)
            out["details"] = err.details
            out["code"] = out.pop("code")
            return out
        causes = getattr(err, "causes", None)
        if causes:
            return status(code, reason, err.detail, {"causes": causes})
        m = _NAMED.match(err.detail)
        if m and reason in ("NotFound", "AlreadyExists"):
            resource, _, group = m.group("resource").partition(".")
            details = {"name": m.group("name")}
            if group:
                details["group"] = group
            details["kind"] = resource
        return status(code, reason, err.detail, details)
    return status(500, "InternalError", str(err))


def _error(err: errors.PykubectlError, kind: Any = None) -> Response:
    st = status_of(err, kind)
    return _json(st, st["code"])


def _fail(code: int, reason: str, message: str, details: dict | None = None) -> Response:
    return _json(status(code, reason, message, details), code)


def _page_not_found() -> Response:
    """A path no API group serves: kube-apiserver's last handler answers it with Go's http.NotFound, in plain text
    (client-go then words it as "the server could not find the requested resource (get RESOURCE.GROUP)")."""
    return Response(404, b"404 page not found\n", "text/plain; charset=utf-8",
                    [("X-Content-Type-Options", "nosniff")])


def _not_found_path() -> Response:
    return _fail(404, "NotFound", "the server could not find the requested resource", {})


# ---------------------------------------------------------------------------------------------------------------
# Requests

class Request:
    """``user``: who sent it, as the transport authenticated them (None: a caller inside this process, such as the
    dashboard, acting as the cluster's admin); ``impersonate``: the Impersonate-* headers (user, groups, uid)."""

    __slots__ = ("method", "path", "query", "raw_query", "accept", "content_type", "body", "user", "impersonate",
                 "websocket")

    def __init__(self, method: str, target: str, headers: Any, body: bytes, user: Any = None):
        path, _, qs = target.partition("?")
        self.method = method
        self.path = path.rstrip("/") or "/"
        self.query = {k: v[-1] for k, v in parse_qs(qs, keep_blank_values=True).items()}
        self.raw_query = qs
        self.accept = headers.get("Accept", "") or ""
        self.content_type = (headers.get("Content-Type", "") or "").split(";")[0].strip()
        self.body = body
        self.user = user
        as_user = headers.get("Impersonate-User", "") or ""
        get_all = getattr(headers, "get_all", None)
        groups = (get_all("Impersonate-Group") or []) if get_all else (
            [headers.get("Impersonate-Group")] if headers.get("Impersonate-Group") else [])
        self.impersonate = (as_user, tuple(groups), headers.get("Impersonate-Uid", "") or "") \
            if as_user or groups else None
        # A WebSocket upgrade (kubectl's exec and attach try it first): its key and the subprotocols offered.
        self.websocket: tuple[str, tuple[str, ...]] | None = None
        if "websocket" in (headers.get("Upgrade", "") or "").lower() and headers.get("Sec-WebSocket-Key"):
            offered = ",".join(get_all("Sec-WebSocket-Protocol") or []) if get_all else \
                (headers.get("Sec-WebSocket-Protocol", "") or "")
            self.websocket = (headers.get("Sec-WebSocket-Key", ""),
                              tuple(p.strip() for p in offered.split(",") if p.strip()))

    def wants_table(self) -> bool:
        return any("as=Table" in part and "g=meta.k8s.io" in part for part in self.accept.split(","))


class UnsupportedMediaType(errors.ServerError):
    reason = "UnsupportedMediaType"


class _Abort(Exception):
    """Leaves a transaction without committing it (dry runs)."""

    def __init__(self, result: Any):
        super().__init__("dry run")
        self.result = result


class Api:
    """The API server's request handling over one store. Not thread-safe: the HTTP layer calls it from one
    thread (the store's connection belongs to it)."""

    def __init__(self, env: Any):
        from ..store.store import Store

        from .watchcache import WatchCache

        self.env = env
        self.store = Store.open(env)
        self.cache = WatchCache(self.store)
        # The kinds registry learns the cluster's custom kinds from its CRDs (read when a lookup misses the
        # built-ins, again after a CRD changes), so custom resources are served and discovered like built-ins.
        from ..api import registry

        registry.serve_custom_resources(self._custom_resource_definitions)

    def _custom_resource_definitions(self) -> list[dict]:
        from ..apiserver.customresources import CRD_GROUP, CRD_KIND

        with self.store.read() as tx:
            return list(tx.list(CRD_GROUP, CRD_KIND))

    def token_user(self, token: str) -> Any:
        """The ServiceAccount user of a bearer token, or None."""
        from ..apiserver import authn

        with self.store.read() as tx:
            return authn.user_of_token(tx, token)

    def close(self) -> None:
        from ..api import registry

        registry.serve_custom_resources(None)
        self.cache.close()
        self.store.close()

    # -- entry ------------------------------------------------------------------------------------------------
    def handle(self, req: Request) -> Response:
        try:
            if req.user is not None and req.impersonate is not None:
                req.user = access.impersonate(self, req.user, req.impersonate)
            return self._route(req)
        except errors.PykubectlError as e:
            return _error(e)

    def authorize(self, req: Request, attrs: Any) -> None:
        """The RBAC authorizer's verdict on the request: Forbidden (403, the API server's text) when denied."""
        if req.user is None:
            return
        access.authorize(self, req.user, attrs)

    def _route(self, req: Request) -> Response:
        p = req.path
        if not (p.startswith(("/api/", "/apis/")) and p.count("/") > 2 and discovery.document(p, "") is None):
            from ..apiserver import rbac

            self.authorize(req, rbac.Request(req.method.lower(), path=p))
        if health.is_health_path(p):
            return Response(200, health.answer(p, req.query, req.raw_query), health.TEXT,
                            [("X-Content-Type-Options", "nosniff")])
        if p == "/version":
            # The server's raw JSON writer: indented, no final newline.
            return Response(200, json.dumps(version_info(), indent=2).encode())
        if p == "/" and req.method in ("GET", "HEAD"):
            return Response(200, health.root_paths(discovery.groups()))
        if p in ("/api", "/apis") or p.startswith(("/api/", "/apis/")):
            found = discovery.document(p, req.accept)
            if found is not None:
                body, ctype = found
                return _json(body, content_type=ctype)
            return self._resource(req)
        if p == "/openapi/v2":
            return self._openapi_v2(req)
        if p == "/openapi/v3" or p.startswith("/openapi/v3/"):
            found_doc = discovery.openapi(p)
            if found_doc is not None:
                return _json(found_doc)
        return _not_found_path()

    def _openapi_v2(self, req: Request) -> Response:
        from ..api.openapiv2 import document
        from . import openapiv2

        custom: dict[str, dict] = {}
        for g, versions in discovery.groups():
            for v in versions:
                custom.update(discovery._custom_schemas(g, v))
        doc = document(custom)
        if openapiv2.wants_protobuf(req.accept):
            return Response(200, openapiv2.protobuf(doc), openapiv2.PROTOBUF)
        return _json(doc)

    # -- resources --------------------------------------------------------------------------------------------
    def _resource(self, req: Request) -> Response:
        parts = req.path.strip("/").split("/")
        if parts[0] == "api":
            group, version, rest = "", parts[1], parts[2:]
        else:
            if len(parts) < 3:
                return _not_found_path()
            group, version, rest = parts[1], parts[2], parts[3:]
        ns: str | None = None
        if len(rest) >= 3 and rest[0] == "namespaces":
            ns, rest = rest[1], rest[2:]
        if not rest or len(rest) > 3:
            return _not_found_path()
        kind = discovery.kind_of(group, version, rest[0])
        if kind is None:
            if not discovery.resources(group, version):
                return _page_not_found()  # a group/version no one serves (say, a deleted CRD's)
            return _not_found_path()
        name = rest[1] if len(rest) > 1 else None
        sub = rest[2] if len(rest) > 2 else None
        if ns is not None and not kind.namespaced:
            return _not_found_path()
        self.authorize(req, access.attributes(req, kind, ns, name, sub))
        try:
            if (kind.group, kind.kind) in access.REVIEWS and req.method == "POST" and name is None:
                return access.REVIEWS[(kind.group, kind.kind)](self, req, kind)
            if req.method == "GET" and sub is None and req.query.get("watch") not in (None, "", "0", "false"):
                return self._watch(req, kind, ns, name)
            if sub is not None:
                return self._subresource(req, kind, ns or "", name or "", sub)
            if name is None:
                if req.method == "GET":
                    return self._list(req, kind, ns)
                if req.method == "POST":
                    return self._create(req, kind, ns or "")
                if req.method == "DELETE":
                    return self._delete_collection(req, kind, ns)
                return _fail(405, "MethodNotAllowed", f"the server does not allow this method on the requested "
                                                      f"resource")
            if req.method == "GET":
                return self._get(req, kind, ns or "", name)
            if req.method == "PUT":
                return self._replace(req, kind, ns or "", name)
            if req.method == "PATCH":
                return self._patch(req, kind, ns or "", name)
            if req.method == "DELETE":
                return self._delete(req, kind, ns or "", name)
            return _fail(405, "MethodNotAllowed", "the server does not allow this method on the requested resource")
        except errors.PykubectlError as e:
            return _error(e, kind)

    # -- reads ------------------------------------------------------------------------------------------------
    def _settled(self) -> None:
        """What a reading command does first: finish work left over and time-driven work that came due. Another
        process (the CLI, `cluster advance`) may have moved the cluster clock, so it is read again."""
        from ..controllers import reconciler

        with self.store.read() as tx:
            off = tx.meta_get("clock_offset")
        self.env.clock_offset = float(off) if off else 0.0
        if reconciler.needs_reconcile(self.store):
            reconciler.reconcile(self.store)

    def run_due_work(self) -> float | None:
        """What a cluster does between requests, its controllers and kubelets running on: the work that has come
        due (a container's run time over, a back-off or a grace period ended, a CronJob's schedule) and the work
        another process left unfinished are done now, through this API's connection, so the watch cache records
        each state they write and watchers get it at once. Returns the wall-clock seconds until the next wake-up
        comes due, or None when nothing can come due by itself: none is scheduled, or the clock is frozen
        (PYKUBECTL_NOW: it moves only when `pykubectl cluster advance` moves it)."""
        import time

        from ..controllers import clock

        self._settled()
        if self.env.frozen_now is not None:
            return None
        at = clock.next_wakeup(self.store)
        if at is None:
            return None
        # env.now() is the wall clock's whole second plus the cluster clock's whole-second offset; a wake-up is due
        # once that reaches its time.
        return at.timestamp() - int(self.env.clock_offset) - time.time()

    def _get(self, req: Request, kind: Any, ns: str, name: str) -> Response:
        from ..apiserver.listing import get_one
        from ..store.store import group_resource

        self._settled()
        with self.store.read() as tx:
            obj = get_one(tx, kind, ns, name)
        if obj is None:
            raise errors.NotFound(f'{group_resource(kind.group, kind.kind)} "{name}" not found')
        if req.wants_table():
            return _json(self._table(req, kind, [obj], _str_rv(obj), None), content_type=TABLE_V1)
        return _json(served_version(kind, obj))

    def _list(self, req: Request, kind: Any, ns: str | None) -> Response:
        from ..apiserver.listing import list_matching

        label_sel = _label_selector(req.query.get("labelSelector"))
        field_sel = _field_selector(kind, req.query.get("fieldSelector"))
        self._settled()
        with self.store.read() as tx:
            objs = list_matching(tx, kind, ns, label_sel, field_sel)
            rv = tx.meta_get("rv") or "1"
        objs, cont = _page(objs, req.query.get("limit"), req.query.get("continue"), rv)
        if req.wants_table():
            return _json(self._table(req, kind, objs, rv, cont), content_type=TABLE_V1)
        meta: dict[str, Any] = {"resourceVersion": rv}
        if cont:
            meta["continue"] = cont
        return _json({"kind": f"{kind.kind}List", "apiVersion": kind.api_version, "metadata": meta,
                      "items": [served_version(kind, o) for o in objs]})

    def _watch(self, req: Request, kind: Any, ns: str | None, name: str | None) -> "WatchStream":
        label_sel = _label_selector(req.query.get("labelSelector"))
        text = req.query.get("fieldSelector") or ""
        if name is not None:  # GET …/NAME?watch=1: the deprecated form, a field selector on the name
            text = ",".join(t for t in (text, f"metadata.name={name}") if t)
        field_sel = _field_selector(kind, text or None)
        since = req.query.get("resourceVersion") or ""
        try:
            start = int(since) if since not in ("", "0") else None
        except ValueError:
            raise errors.BadRequest(f'invalid resource version: strconv.ParseUint: parsing "{since}": invalid '
                                    f"syntax") from None
        try:
            timeout = float(req.query.get("timeoutSeconds") or WATCH_TIMEOUT)
        except ValueError:
            timeout = WATCH_TIMEOUT
        return WatchStream(self, req, kind, ns, label_sel, field_sel, start, min(max(timeout, 0.0), WATCH_TIMEOUT))

    def _table(self, req: Request, kind: Any, objs: list[dict], rv: str | None, cont: str | None) -> dict:
        from ..printers.table import table_data

        cols, rows = table_data(objs, kind, now=self.env.now())
        include = req.query.get("includeObject") or "Metadata"
        out_rows = []
        for obj, cells in zip(objs, rows):
            row: dict[str, Any] = {"cells": cells}
            if include == "Object":
                row["object"] = obj
            elif include == "Metadata":
                row["object"] = {"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
                                 "metadata": obj.get("metadata") or {}}
            out_rows.append(row)
        meta: dict[str, Any] = {}
        if rv is not None:
            meta["resourceVersion"] = rv
        if cont:
            meta["continue"] = cont
        return {"kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": meta,
                "columnDefinitions": [{"name": name, "type": "string", "format": "name" if name == "Name" else "",
                                       "description": "", "priority": prio} for name, prio in cols],
                "rows": out_rows}

    # -- writes -----------------------------------------------------------------------------------------------
    def _write(self, fn: Callable[[Any], Any], dry_run: bool) -> Any:
        """Run one atomic request; a dry run's transaction is rolled back. Then the controllers settle."""
        from ..controllers import reconciler

        self._settled()
        try:
            with self.store.transaction() as tx:
                result = fn(tx)
                if dry_run:
                    tx.changed = []
                    raise _Abort(result)
        except _Abort as a:
            return a.result
        reconciler.reconcile(self.store)
        return result

    def _body(self, req: Request) -> Any:
        ctype = req.content_type
        if ctype in ("application/yaml", "application/yml") and req.method != "PATCH":
            import yaml

            try:
                return yaml.safe_load(req.body.decode("utf-8")) if req.body else None
            except (yaml.YAMLError, UnicodeDecodeError) as e:
                raise errors.BadRequest(f"error converting YAML to JSON: {e}") from None
        if ctype == PROTOBUF and req.method != "PATCH":
            # Typed clients (kubectl create namespace|configmap|secret …, auth can-i, drain's evictions) send it.
            from . import protobuf

            return protobuf.decode(req.body)
        if ctype and ctype != JSON and req.method != "PATCH":
            raise UnsupportedMediaType(
                "the body of the request was in an unknown format - accepted media types include: "
                "application/json, application/yaml, application/vnd.kubernetes.protobuf")
        try:
            return json.loads(req.body or b"null")
        except ValueError as e:
            raise errors.BadRequest(f"error decoding request body: {e}") from None

    def _decode(self, req: Request, kind: Any, obj: Any) -> list[str]:
        """The decoder's checks under ?fieldValidation: Strict fails on unknown fields, Warn (the default) returns
        them as warnings, Ignore drops them; wrong types always fail (the pipeline's decoder: built-in kinds by
        their OpenAPI schema, custom resources by their CRD's)."""
        from ..apiserver import pipeline

        if not isinstance(obj, dict):
            raise errors.BadRequest("the body of the request was in an unknown format - accepted media types "
                                    "include: application/json, application/yaml")
        mode = req.query.get("fieldValidation") or "Warn"
        if mode not in ("Strict", "Warn", "Ignore"):
            raise errors.BadRequest(f"fieldValidation parameter unsupported: {mode}")
        return pipeline.decode(obj, kind, mode.lower())

    def _check_identity(self, obj: dict, kind: Any, ns: str, name: str | None) -> None:
        av, k = obj.get("apiVersion"), obj.get("kind")
        if av and av not in kind.api_versions() or (k and k != kind.kind):
            raise errors.BadRequest(f"the API version in the data ({av}) does not match the expected API version "
                                    f"({kind.api_version})")
        obj["apiVersion"], obj["kind"] = av or kind.api_version, kind.kind
        md = obj.get("metadata")
        if md is None:
            md = obj["metadata"] = {}
        if not isinstance(md, dict):
            raise errors.BadRequest("metadata must be an object")
        for field in ("creationTimestamp", "deletionTimestamp"):
            if isinstance(md.get(field), str):
                md[field] = _rfc3339(md[field])
        if kind.namespaced:
            if md.get("namespace") and md["namespace"] != ns:
                raise errors.BadRequest("the namespace of the provided object does not match the namespace sent "
                                        "on the request")
            md["namespace"] = ns
        if name is not None and md.get("name", "") != name:
            raise errors.BadRequest(f"the name of the object ({md.get('name', '')}) does not match the name on "
                                    f"the URL ({name})")

    def _create(self, req: Request, kind: Any, ns: str) -> Response:
        from ..apiserver import pipeline

        obj = self._body(req)
        warnings = self._decode(req, kind, obj)
        self._check_identity(obj, kind, ns, None)
        dry = _dry_run(req)
        # the server's own warnings (duplicate ports, env names hidden by a later one, …) follow the decoder's
        result = self._write(lambda tx: pipeline.create(tx, obj, dry_run=dry, warnings=warnings), dry)
        return _json(served_version(kind, result), 201, warnings=warnings)

    def _replace(self, req: Request, kind: Any, ns: str, name: str) -> Response:
        obj = self._body(req)
        warnings = self._decode(req, kind, obj)
        self._check_identity(obj, kind, ns, name)
        dry = _dry_run(req)

        def fn(tx: Any) -> dict:
            live = tx.must_get(kind.group, kind.kind, ns, name)
            return _update(tx, kind, copy.deepcopy(obj), live, dry)

        return _json(served_version(kind, self._write(fn, dry)), warnings=warnings)

    def _patch(self, req: Request, kind: Any, ns: str, name: str, sub: str | None = None) -> Response:
        ptype = {"application/strategic-merge-patch+json": "strategic", "application/merge-patch+json": "merge",
                 "application/json-patch+json": "json"}.get(req.content_type)
        if ptype is None:
            if req.content_type == "application/apply-patch+yaml" and sub is None:
                return self._apply(req, kind, ns, name)
            return _fail(415, "UnsupportedMediaType", f"the body of the request was in an unknown format - "
                                                      f"accepted media types include: application/json-patch+json, "
                                                      f"application/merge-patch+json, "
                                                      f"application/strategic-merge-patch+json")
        from ..api.gojson import syntax_error

        problem = syntax_error(req.body.decode("utf-8", "replace")) if req.body else None
        body = None if problem is not None else self._body(req)
        dry = _dry_run(req)
        warnings: list[str] = []
        # The patch handler decodes the body strictly first (apiserver pipeline.apply_patch).
        validation = req.query.get("fieldValidation") or "Warn"

        def fn(tx: Any) -> dict:
            from ..apiserver import pipeline

            live = tx.must_get(kind.group, kind.kind, ns, name)
            if problem is not None:
                # handlers/patch.go: the object is read first, then the patch decoded; a strategic merge patch's
                # decode error is answered as it is, a merge or JSON patch's behind "error decoding patch: ".
                raise errors.BadRequest(problem if ptype == "strategic" else f"error decoding patch: {problem}")
            if sub == "scale":
                before = pipeline.scale_of(live)
                after = pipeline.apply_patch(before, body, ptype, validation)
                new = copy.deepcopy(live)
                replicas = (after.get("spec") or {}).get("replicas") if isinstance(after, dict) else None
                if replicas is not None:
                    pipeline.set_replicas(new, replicas)  # where the kind keeps it (a CRD's specReplicasPath)
                return pipeline.scale_of(_update(tx, kind, new, live, dry))
            patched = pipeline.apply_patch(live, body, ptype, validation)
            if not isinstance(patched, dict):
                raise errors.BadRequest("json: cannot unmarshal into Go value of type map[string]interface {}")
            if sub == "status":
                new = copy.deepcopy(live)
                if "status" in patched:
                    new["status"] = patched["status"]
                else:
                    new.pop("status", None)
                return pipeline.update(tx, new, live, dry_run=dry, subresource="status")
            warnings.extend(self._decode(req, kind, patched))
            md = patched.setdefault("metadata", {})
            if md.get("name", "") != name:
                raise errors.BadRequest(f"the name of the object ({md.get('name', '')}) does not match the name on "
                                        f"the URL ({name})")
            if kind.namespaced and md.get("namespace", "") != ns:
                raise errors.BadRequest("the namespace of the provided object does not match the namespace sent "
                                        "on the request")
            patched["apiVersion"], patched["kind"] = live["apiVersion"], live["kind"]
            if warnings or pipeline.custom_definition(patched) is None:
                # A built-in kind goes through Go's types: unknown fields and emptied omitempty maps (labels: {}
                # after a patch removed the last label) are gone, as `label x-` through the CLI leaves them.
                from ..api.patch import schema_for

                pruned = pipeline.prune_undeclared(patched, schema_for(patched))
                patched.clear()
                patched.update(pruned)
            return _update(tx, kind, patched, live, dry)

        return _json(served_version(kind, self._write(fn, dry)), warnings=warnings)

    def _apply(self, req: Request, kind: Any, ns: str, name: str) -> Response:
        """Server-side apply (apiserver/fieldmanager.py): creates the object, or merges the manager's fields."""
        import yaml

        from ..apiserver import fieldmanager

        manager = req.query.get("fieldManager") or ""
        if not manager:
            # Derived from the API server's PatchOptions validation; recordings wanted.
            raise errors.Invalid("PatchOptions.meta.k8s.io", "", [errors.FieldError(
                "fieldManager", "Required value", "is required for apply patch")])
        try:
            cfg = yaml.safe_load(req.body.decode("utf-8")) if req.body else None
        except (yaml.YAMLError, UnicodeDecodeError) as e:
            raise errors.BadRequest(f"error decoding YAML: {e}") from None
        if not isinstance(cfg, dict):
            raise errors.BadRequest("error decoding YAML: the body is not an object")
        warnings = self._decode(req, kind, cfg)
        self._check_identity(cfg, kind, ns, name)
        force = req.query.get("force") in ("true", "1")
        dry = _dry_run(req)
        created: list[bool] = []

        def fn(tx: Any) -> dict:
            obj, made = fieldmanager.apply_request(tx, kind, cfg, manager, force, dry)
            if made:
                created.append(True)
            return obj

        result = self._write(fn, dry)
        return _json(served_version(kind, result), 201 if created else 200, warnings=warnings)

    def _delete_options(self, req: Request) -> tuple[str, bool, dict]:
        opts = self._body(req) if req.body else {}
        opts = opts if isinstance(opts, dict) else {}
        policy = req.query.get("propagationPolicy") or opts.get("propagationPolicy") or "Background"
        return policy, _dry_run(req) or opts.get("dryRun") == ["All"], opts.get("preconditions") or {}

    def _delete(self, req: Request, kind: Any, ns: str, name: str) -> Response:
        policy, dry, pre = self._delete_options(req)
        result = self._write(lambda tx: _delete_one(tx, kind, ns, name, policy, pre, dry), dry)
        if result is not None:
            return _json(result)
        return _json({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Success",
                      "details": {"name": name, **({"group": kind.group} if kind.group else {}),
                                  "kind": kind.plural, "uid": ""}})

    def _delete_collection(self, req: Request, kind: Any, ns: str | None) -> Response:
        """DELETE on a collection: every object the selectors select, in one request (the list of what was
        deleted, as the objects were; derived from the registry's DeleteCollection, recordings wanted)."""
        from ..apiserver.listing import list_matching

        policy, dry, pre = self._delete_options(req)
        label_sel = _label_selector(req.query.get("labelSelector"))
        field_sel = _field_selector(kind, req.query.get("fieldSelector"))

        def fn(tx: Any) -> list[dict]:
            objs = list_matching(tx, kind, ns, label_sel, field_sel)
            for o in objs:
                md = o["metadata"]
                _delete_one(tx, kind, md.get("namespace", ""), md["name"], policy, pre, dry)
            return objs

        objs = self._write(fn, dry)
        with self.store.read() as tx:
            rv = tx.meta_get("rv") or "1"
        return _json({"kind": f"{kind.kind}List", "apiVersion": kind.api_version,
                      "metadata": {"resourceVersion": rv}, "items": [served_version(kind, o) for o in objs]})

    def _subresource(self, req: Request, kind: Any, ns: str, name: str, sub: str) -> Response:
        if (kind.group, kind.kind, sub, req.method) == ("", "ServiceAccount", "token", "POST"):
            return access.token_request(self, req, ns, name)
        if (kind.group, kind.kind) == ("", "Pod"):
            from . import subresources

            if sub == "eviction" and req.method == "POST":
                return subresources.eviction(self, req, ns, name)
            if sub == "log" and req.method == "GET":
                return subresources.log(self, req, ns, name)
            if sub in subresources.STREAMING:
                return subresources.streaming(self, req, ns, name, sub)
            if sub == "ephemeralcontainers":
                return subresources.strategy_update(self, req, kind, ns, name, sub)
        if (kind.group, kind.kind, sub) == ("certificates.k8s.io", "CertificateSigningRequest", "approval"):
            from . import subresources

            return subresources.strategy_update(self, req, kind, ns, name, sub)
        custom = discovery.custom_subresources(kind)
        if custom is not None and sub not in custom:
            return _not_found_path()  # a custom resource serves only the subresources its definition enables
        if sub == "scale" and ((kind.group, kind.kind) in discovery.SCALE_KINDS or custom is not None):
            if req.method == "GET":
                from ..apiserver.pipeline import scale_of

                self._settled()
                with self.store.read() as tx:
                    obj = tx.must_get(kind.group, kind.kind, ns, name)
                return _json(scale_of(obj))
            if req.method == "PATCH":
                return self._patch(req, kind, ns, name, "scale")
            if req.method == "PUT":
                body = self._body(req)
                replicas = ((body or {}).get("spec") or {}).get("replicas", 0) if isinstance(body, dict) else 0
                req.body = json.dumps({"spec": {"replicas": replicas}}).encode()
                req.content_type, req.method = "application/merge-patch+json", "PATCH"
                return self._patch(req, kind, ns, name, "scale")
        if sub == "status" and req.method == "GET":
            return self._get(req, kind, ns, name)
        if sub == "status" and req.method == "PATCH":
            return self._patch(req, kind, ns, name, "status")
        return _not_found_path()


WATCH_TIMEOUT = 1800.0  # the longest a watch stays open (the real server picks 30 to 60 minutes)
BOOKMARK_INTERVAL = 60.0  # seconds between two bookmarks of a watch that asked for them (the cacher's minute)


class WatchStream:
    """A watch the HTTP layer streams. ``start()`` gives the first lines (the objects as ADDED events for a watch
    from no resourceVersion, else the changes since the one given, or the 410 ERROR event when the watch cache no
    longer holds them); then ``poll()`` gives the changes since the last call. Both run on the thread that owns
    the store; another thread waits for news with ``api.cache.wait(stream.seq, timeout)`` in between. ``done``:
    nothing more will come (the stream is to be closed)."""

    content_type = JSON

    def __init__(self, api: Api, req: Request, kind: Any, ns: str | None, label_sel: Any, field_sel: Any,
                 since: int | None, timeout: float):
        self.api = api
        self.req = req
        self.kind = kind
        self.ns = ns
        self.label_sel = label_sel
        self.field_sel = field_sel
        self.since = since
        self.timeout = timeout
        self.table = req.wants_table()
        self.bookmarks = req.query.get("allowWatchBookmarks") in ("true", "1")
        self.initial_events = req.query.get("sendInitialEvents") in ("true", "1")
        self.bookmark_interval = BOOKMARK_INTERVAL
        self.pos = since or 0  # the resourceVersion up to which changes were looked at
        self.sent_rv = self.pos
        self.seq = 0
        self.done = False
        self._next_bookmark = 0.0

    def start(self) -> list[bytes]:
        import time

        cache = self.api.cache
        self.api._settled()
        cache.sync()
        self.seq = cache.seq
        self._next_bookmark = time.monotonic() + self.bookmark_interval
        lines: list[bytes] = []
        if self.since is None or self.initial_events:
            # No resourceVersion (or 0): the current state as ADDED events, then the changes after it.
            from ..apiserver.listing import list_matching

            with self.api.store.read() as tx:
                objs = list_matching(tx, self.kind, self.ns, self.label_sel, self.field_sel)
            self.pos = self.sent_rv = cache.rv
            lines = [self._line("ADDED", o) for o in objs]
            if self.initial_events and self.bookmarks:
                lines.append(self._bookmark({"k8s.io/initial-events-end": "true"}))
            return lines
        return self._changes()

    def poll(self) -> list[bytes]:
        """The changes since the last call. Due work is not run here: the server runs it when it comes due
        (``Api.run_due_work``), and its writes reach the cache as they are made; writes by another process are
        read from the store (one query when there are none)."""
        import time

        self.api.cache.sync()
        lines = self._changes()
        if self.bookmarks and not self.done and time.monotonic() >= self._next_bookmark:
            self._next_bookmark = time.monotonic() + self.bookmark_interval
            if self.pos > self.sent_rv:
                lines.append(self._bookmark(None))
        return lines

    def _changes(self) -> list[bytes]:
        from .watchcache import TooOld

        cache = self.api.cache
        self.seq = cache.seq
        try:
            events = list(cache.since(self.pos))
        except TooOld as e:
            self.done = True
            return [self._event("ERROR", status(410, "Expired", str(e)))]
        group, kind_name, ns = self.kind.group, self.kind.kind, self.ns
        out = []
        for e in events:
            g, k, ens, _ = e.key
            if k != kind_name or g != group or (ns is not None and ens != ns):
                continue
            typ, obj = self._visible(e)
            if typ:
                out.append(self._line(typ, obj))
                self.sent_rv = e.rv
        self.pos = max(self.pos, cache.rv)
        return out

    def _visible(self, e: Any) -> tuple[str, dict | None]:
        """How the event looks through this watch's selectors: an object that starts matching is ADDED, one
        that stops matching is DELETED (its last matching state at the event's resourceVersion)."""
        if self.label_sel is None and self.field_sel is None:
            return e.type, e.obj()
        now = e.type != "DELETED" and self._matches(e.obj())
        prev = e.prev_obj()
        before = prev is not None and self._matches(prev)
        if now and before:
            return "MODIFIED", e.obj()
        if now:
            return "ADDED", e.obj()
        if before:
            if e.type == "DELETED":
                return "DELETED", e.obj()
            gone = copy.deepcopy(prev)
            gone.setdefault("metadata", {})["resourceVersion"] = str(e.rv)
            return "DELETED", gone
        return "", None

    def _matches(self, obj: dict) -> bool:
        if self.label_sel is not None and not self.label_sel.matches((obj.get("metadata") or {}).get("labels") or {}):
            return False
        return self.field_sel is None or self.field_sel.matches(obj)

    def _line(self, typ: str, o: dict) -> bytes:
        obj = self.api._table(self.req, self.kind, [o], _str_rv(o), None) if self.table else o
        return self._event(typ, obj)

    def _bookmark(self, annotations: dict | None) -> bytes:
        # A bookmark carries an object of the watched kind with only its resourceVersion (derived from the
        # cacher: an empty object of the type, its metadata.resourceVersion set).
        md: dict[str, Any] = {"resourceVersion": str(self.pos), "creationTimestamp": None}
        if annotations:
            md["annotations"] = annotations
        self.sent_rv = self.pos
        return self._event("BOOKMARK", {"kind": self.kind.kind, "apiVersion": self.kind.api_version, "metadata": md})

    @staticmethod
    def _event(typ: str, obj: dict) -> bytes:
        # Keys as stored (sorted), not in Go struct order: watchers are programs, and ordering costs as much as
        # encoding (a 10,000-event watch would take a tenth longer).
        return json.dumps({"type": typ, "object": obj}, separators=(",", ":"), ensure_ascii=False).encode() + b"\n"


class WebSocketStatus:
    """A streaming request (exec, attach) over a WebSocket that the API server accepts and then ends with a Status
    on the stream protocol's error channel, as kube-apiserver's stream translator does when the node refuses the
    connection: the HTTP layer answers the upgrade (``accept``, the subprotocol chosen), sends ``status`` as one
    message on channel 3 and closes."""

    ERROR_CHANNEL = 3
    # The channel protocols the API server's translator speaks, preferred first (remotecommand v5, v4).
    PROTOCOLS = ("v5.channel.k8s.io", "v4.channel.k8s.io")

    def __init__(self, key: str, offered: tuple[str, ...], status: dict):
        import hashlib

        self.accept = base64.b64encode(hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode())
                                       .digest()).decode()
        self.protocol = next((p for p in self.PROTOCOLS if p in offered), None)
        self.status = status

    def message(self) -> bytes:
        return bytes([self.ERROR_CHANNEL]) + json.dumps(self.status, separators=(",", ":")).encode()


def _str_rv(o: dict) -> str:
    return str((o.get("metadata") or {}).get("resourceVersion") or "")


def _update(tx: Any, kind: Any, new: dict, live: dict, dry: bool) -> dict:
    from ..apiserver import pipeline

    return pipeline.update_object(tx, kind, new, live, "server" if dry else "")


def _delete_one(tx: Any, kind: Any, ns: str, name: str, policy: str, pre: dict, dry: bool) -> dict | None:
    """One deletion with its preconditions and propagation policy: the object when it stays (a dry run, a
    namespace that starts terminating), None when it is gone."""
    from ..apiserver import pipeline
    from ..store.store import group_resource

    obj = tx.must_get(kind.group, kind.kind, ns, name)
    md = obj.get("metadata") or {}
    for field, have in (("uid", md.get("uid")), ("resourceVersion", md.get("resourceVersion"))):
        want = pre.get(field)
        if want and want != have:
            what = "UID" if field == "uid" else "ResourceVersion"
            raise errors.Conflict(f'Operation cannot be fulfilled on {group_resource(kind.group, kind.kind)} "{name}": '
                                  f"Precondition failed: {what} in precondition: {want}, {what} in object meta: {have}")
    if dry:
        return obj
    if policy == "Orphan":
        pipeline.orphan_dependents(tx, obj)
    if kind.kind == "Namespace" and kind.group == "":
        pipeline.terminate_namespace(tx, obj)
        return tx.get(kind.group, kind.kind, ns, name)
    pipeline.delete(tx, kind.group, kind.kind, ns, name)
    return None


def _dry_run(req: Request) -> bool:
    v = req.query.get("dryRun")
    if v in (None, ""):
        return False
    if v != "All":
        raise errors.BadRequest(f"Invalid dry run value: {v}")
    return True


def _label_selector(text: str | None) -> Any:
    if not text:
        return None
    from ..api import selectors
    from ..apiserver.listing import LabelQuery

    try:
        return LabelQuery(selectors.parse_label_selector(text))
    except selectors.SelectorError as e:
        raise errors.BadRequest(str(e)) from None


def _field_selector(kind: Any, text: str | None) -> Any:
    if not text:
        return None
    from ..api import selectors
    from ..apiserver.listing import FieldQuery

    try:
        query = FieldQuery(selectors.parse_field_selector(text), text)
    except selectors.SelectorError as e:
        raise errors.BadRequest(str(e)) from None
    detail = query.unsupported(kind)
    if detail is not None:
        raise errors.BadRequest(detail)
    return query


def _page(objs: list[dict], limit: str | None, cont: str | None, rv: str) -> tuple[list[dict], str | None]:
    """limit + continue: the token carries the offset and the resourceVersion the first page was read at."""
    start = 0
    if cont:
        try:
            start = int(json.loads(base64.urlsafe_b64decode(cont.encode()))["start"])
        except (ValueError, KeyError, TypeError):
            raise errors.BadRequest("continue key is not valid: incorrect encoded start resourceVersion "
                                    "(version meta.k8s.io/v1)") from None
    try:
        n = int(limit) if limit else 0
    except ValueError:
        n = 0
    if n <= 0:
        return objs[start:], None
    end = start + n
    if end >= len(objs):
        return objs[start:], None
    token = base64.urlsafe_b64encode(json.dumps({"v": "meta.k8s.io/v1", "rv": int(rv), "start": end})
                                     .encode()).decode()
    return objs[start:end], token


def _rfc3339(text: str) -> str:
    """A metav1.Time as the server writes it back: UTC, whole seconds, "Z" (clients such as the Python one send
    "+00:00" and fractions)."""
    import datetime

    try:
        t = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text
    if t.tzinfo is None:
        return text
    return t.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def version_info() -> dict:
    """/version: what `pykubectl version` reports as the server's version."""
    from .. import server_version_info

    return server_version_info()
