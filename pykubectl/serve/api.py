"""The REST API over the store: one request in (method, path, query, headers, body), one response out.

Every write goes through the server-side code the CLI uses (apiserver/pipeline.py create/update/delete, the schema's
decode checks, defaults, validation, the patch engine) and is followed by the reconciler, so controllers act as in
a cluster. Reads first finish work that came due, as the CLI's reading commands do. Errors are Status objects of
the real server's shape, so kubectl prints the texts pykubectl's own CLI prints.

Not served yet (the client gets a Status saying so): server-side apply, deletecollection, subresources other than
scale and status, other versions than the stored one (no conversion), protobuf bodies. Watch is served by
polling the store (see ``Api.watch_poll``)."""

from __future__ import annotations

import base64
import copy
import json
import re
from typing import Any, Callable
from urllib.parse import parse_qs

from .. import KUBERNETES_VERSION, errors
from . import discovery

JSON = "application/json"
TABLE_V1 = "application/json;as=Table;v=v1;g=meta.k8s.io"


class Response:
    __slots__ = ("code", "content_type", "body", "headers")

    def __init__(self, code: int, body: bytes, content_type: str = JSON, headers: list[tuple[str, str]] | None = None):
        self.code = code
        self.body = body
        self.content_type = content_type
        self.headers = headers or []


def _json(obj: Any, code: int = 200, content_type: str = JSON, warnings: list[str] | None = None) -> Response:
    headers = [("Warning", '299 - "' + w.replace("\\", "\\\\").replace('"', '\\"') + '"') for w in warnings or ()]
    return Response(code, json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode() + b"\n",
                    content_type, headers)


# ---------------------------------------------------------------------------------------------------------------
# Status errors

_CODES = {"NotFound": 404, "AlreadyExists": 409, "Conflict": 409, "BadRequest": 400, "Invalid": 422,
          "Forbidden": 403, "MethodNotAllowed": 405, "NotAcceptable": 406, "UnsupportedMediaType": 415,
          "Unauthorized": 401, "InternalError": 500, "Gone": 410}
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


def _not_found_path() -> Response:
    return _fail(404, "NotFound", "the server could not find the requested resource", {})


# ---------------------------------------------------------------------------------------------------------------
# Requests

class Request:
    __slots__ = ("method", "path", "query", "accept", "content_type", "body")

    def __init__(self, method: str, target: str, headers: Any, body: bytes):
        path, _, qs = target.partition("?")
        self.method = method
        self.path = path.rstrip("/") or "/"
        self.query = {k: v[-1] for k, v in parse_qs(qs, keep_blank_values=True).items()}
        self.accept = headers.get("Accept", "") or ""
        self.content_type = (headers.get("Content-Type", "") or "").split(";")[0].strip()
        self.body = body

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

        self.env = env
        self.store = Store.open(env)

    def close(self) -> None:
        self.store.close()

    # -- entry ------------------------------------------------------------------------------------------------
    def handle(self, req: Request) -> Response:
        try:
            return self._route(req)
        except errors.PykubectlError as e:
            return _error(e)

    def _route(self, req: Request) -> Response:
        p = req.path
        if p in ("/healthz", "/livez", "/readyz") or p.startswith(("/healthz/", "/livez/", "/readyz/")):
            return Response(200, b"ok", "text/plain; charset=utf-8")
        if p == "/version":
            return _json(version_info())
        if p in ("/api", "/apis") or p.startswith(("/api/", "/apis/")):
            found = discovery.document(p, req.accept)
            if found is not None:
                body, ctype = found
                return _json(body, content_type=ctype)
            return self._resource(req)
        if p == "/openapi/v2" or p == "/openapi/v3" or p.startswith("/openapi/v3/"):
            found_doc = discovery.openapi(p)
            if found_doc is not None:
                return _json(found_doc)
        return _not_found_path()

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
            return _not_found_path()
        name = rest[1] if len(rest) > 1 else None
        sub = rest[2] if len(rest) > 2 else None
        if ns is not None and not kind.namespaced:
            return _not_found_path()
        try:
            if req.method == "GET" and sub is None and req.query.get("watch") not in (None, "", "0", "false"):
                return self._watch(req, kind, ns, name)
            if sub is not None:
                return self._subresource(req, kind, ns or "", name or "", sub)
            if name is None:
                if req.method == "GET":
                    return self._list(req, kind, ns)
                if req.method == "POST":
                    return self._create(req, kind, ns or "")
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

    def _get(self, req: Request, kind: Any, ns: str, name: str) -> Response:
        from ..cli.get_core import _get_one
        from ..store.store import group_resource

        self._settled()
        with self.store.read() as tx:
            obj = _get_one(tx, kind, ns, name)
        if obj is None:
            raise errors.NotFound(f'{group_resource(kind.group, kind.kind)} "{name}" not found')
        if req.wants_table():
            return _json(self._table(req, kind, [obj], None, None), content_type=TABLE_V1)
        return _json(obj)

    def _list(self, req: Request, kind: Any, ns: str | None) -> Response:
        from ..cli.get_core import fetch

        label_sel = _label_selector(req.query.get("labelSelector"))
        field_sel = _field_selector(kind, req.query.get("fieldSelector"))
        self._settled()
        with self.store.read() as tx:
            objs = fetch(tx, kind, ns, [], label_sel, field_sel, True, [])
            rv = tx.meta_get("rv") or "1"
        objs, cont = _page(objs, req.query.get("limit"), req.query.get("continue"), rv)
        if req.wants_table():
            return _json(self._table(req, kind, objs, rv, cont), content_type=TABLE_V1)
        meta: dict[str, Any] = {"resourceVersion": rv}
        if cont:
            meta["continue"] = cont
        return _json({"kind": f"{kind.kind}List", "apiVersion": kind.api_version, "metadata": meta, "items": objs})

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

    def watch_poll(self, w: "WatchStream") -> list[bytes]:
        """The events since the last poll, as the lines of the stream. The store keeps no history of changes, so
        a watch compares what matches now with what it sent: changes between the client's list and the first
        poll are sent as MODIFIED (deletions in that window are not seen); after that every create, update and
        delete is seen, a burst of writes between two polls as its end state."""
        from ..cli.get_core import fetch

        kind = w.kind
        self._settled()
        with self.store.read() as tx:
            rv = tx.meta_get("rv") or "1"
            if rv == w.last_rv:
                return []
            objs = fetch(tx, kind, w.ns, [], w.label_sel, w.field_sel, True, [])
        w.last_rv = rv
        current = {_identity(o): o for o in objs}
        events: list[tuple[str, dict]] = []
        if w.seen is None:
            for o in current.values():
                orv = _rv(o)
                if w.since is None:
                    events.append(("ADDED", o))
                elif orv > w.since:
                    events.append(("MODIFIED", o))
        else:
            for key, o in current.items():
                old = w.seen.get(key)
                if old is None:
                    events.append(("ADDED", o))
                elif _rv(old) != _rv(o):
                    events.append(("MODIFIED", o))
            for key, old in w.seen.items():
                if key not in current:
                    gone = copy.deepcopy(old)
                    gone.setdefault("metadata", {})["resourceVersion"] = rv
                    events.append(("DELETED", gone))
        w.seen = current
        events.sort(key=lambda e: _rv(e[1]))
        out = []
        for typ, o in events:
            obj = self._table(w.req, kind, [o], _str_rv(o), None) if w.table else o
            out.append(json.dumps({"type": typ, "object": obj}, separators=(",", ":"), ensure_ascii=False)
                       .encode() + b"\n")
        return out

    def _table(self, req: Request, kind: Any, objs: list[dict], rv: str | None, cont: str | None) -> dict:
        from ..printers.table import table_data

        cols, rows = table_data(objs, kind.kind, now=self.env.now())
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
        if ctype and ctype != JSON and req.method != "PATCH":
            # Typed clients (kubectl create namespace|configmap|secret …, drain's evictions) send protobuf.
            raise UnsupportedMediaType(
                "the body of the request was in an unknown format - accepted media types include: "
                "application/json, application/yaml"
                + (" (pykubectl serve does not decode protobuf request bodies yet)" if "protobuf" in ctype else ""))
        try:
            return json.loads(req.body or b"null")
        except ValueError as e:
            raise errors.BadRequest(f"error decoding request body: {e}") from None

    def _decode(self, req: Request, kind: Any, obj: Any) -> list[str]:
        """The decoder's checks under ?fieldValidation: Strict fails on unknown fields, Warn (the default) returns
        them as warnings, Ignore drops them; wrong types always fail."""
        from ..api import schema

        if not isinstance(obj, dict):
            raise errors.BadRequest("the body of the request was in an unknown format - accepted media types "
                                    "include: application/json, application/yaml")
        mode = req.query.get("fieldValidation") or "Warn"
        if mode not in ("Strict", "Warn", "Ignore"):
            raise errors.BadRequest(f"fieldValidation parameter unsupported: {mode}")
        detail = schema.decode_error(obj, kind, strict=(mode == "Strict"))
        if detail:
            raise errors.BadRequest(detail)
        return schema.unknown_fields(obj, kind) if mode == "Warn" else []

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
        result = self._write(lambda tx: pipeline.create(tx, obj, dry_run=dry), dry)
        return _json(result, 201, warnings=warnings)

    def _replace(self, req: Request, kind: Any, ns: str, name: str) -> Response:
        obj = self._body(req)
        warnings = self._decode(req, kind, obj)
        self._check_identity(obj, kind, ns, name)
        dry = _dry_run(req)

        def fn(tx: Any) -> dict:
            live = tx.must_get(kind.group, kind.kind, ns, name)
            return _update(tx, kind, copy.deepcopy(obj), live, dry)

        return _json(self._write(fn, dry), warnings=warnings)

    def _patch(self, req: Request, kind: Any, ns: str, name: str, sub: str | None = None) -> Response:
        from ..api import patch as P

        ptype = {"application/strategic-merge-patch+json": "strategic", "application/merge-patch+json": "merge",
                 "application/json-patch+json": "json"}.get(req.content_type)
        if ptype is None:
            if req.content_type == "application/apply-patch+yaml":
                return _fail(415, "UnsupportedMediaType", "server-side apply is not served by pykubectl serve yet")
            return _fail(415, "UnsupportedMediaType", f"the body of the request was in an unknown format - "
                                                      f"accepted media types include: application/json-patch+json, "
                                                      f"application/merge-patch+json, "
                                                      f"application/strategic-merge-patch+json")
        body = self._body(req)
        dry = _dry_run(req)
        warnings: list[str] = []

        def fn(tx: Any) -> dict:
            from ..apiserver import pipeline

            live = tx.must_get(kind.group, kind.kind, ns, name)
            if sub == "scale":
                before = pipeline.scale_of(live)
                try:
                    after = P.apply_patch(before, body, ptype)
                except P.PatchError as e:
                    raise pipeline.patch_error(e, ptype) from None
                new = copy.deepcopy(live)
                replicas = (after.get("spec") or {}).get("replicas") if isinstance(after, dict) else None
                if replicas is not None:
                    new.setdefault("spec", {})["replicas"] = replicas
                return pipeline.scale_of(_update(tx, kind, new, live, dry))
            try:
                patched = P.apply_patch(live, body, ptype)
            except P.PatchError as e:
                raise pipeline.patch_error(e, ptype) from None
            if not isinstance(patched, dict):
                raise errors.BadRequest("json: cannot unmarshal into Go value of type map[string]interface {}")
            if sub == "status":
                new = copy.deepcopy(live)
                if "status" in patched:
                    new["status"] = patched["status"]
                return new if dry else pipeline.update(tx, new, live)
            warnings.extend(self._decode(req, kind, patched))
            md = patched.setdefault("metadata", {})
            if md.get("name", "") != name:
                raise errors.BadRequest(f"the name of the object ({md.get('name', '')}) does not match the name on "
                                        f"the URL ({name})")
            if kind.namespaced and md.get("namespace", "") != ns:
                raise errors.BadRequest("the namespace of the provided object does not match the namespace sent "
                                        "on the request")
            patched["apiVersion"], patched["kind"] = live["apiVersion"], live["kind"]
            if warnings:
                from ..api.patch import schema_for

                pruned = pipeline.prune_undeclared(patched, schema_for(patched))
                patched.clear()
                patched.update(pruned)
            return _update(tx, kind, patched, live, dry)

        return _json(self._write(fn, dry), warnings=warnings)

    def _delete(self, req: Request, kind: Any, ns: str, name: str) -> Response:
        from ..apiserver import pipeline

        opts = self._body(req) if req.body else {}
        opts = opts if isinstance(opts, dict) else {}
        policy = req.query.get("propagationPolicy") or opts.get("propagationPolicy") or "Background"
        dry = _dry_run(req) or opts.get("dryRun") == ["All"]
        pre = opts.get("preconditions") or {}

        def fn(tx: Any) -> Any:
            obj = tx.must_get(kind.group, kind.kind, ns, name)
            md = obj.get("metadata") or {}
            for field, have in (("uid", md.get("uid")), ("resourceVersion", md.get("resourceVersion"))):
                want = pre.get(field)
                if want and want != have:
                    from ..store.store import group_resource

                    raise errors.Conflict(f'Operation cannot be fulfilled on {group_resource(kind.group, kind.kind)} '
                                          f'"{name}": Precondition failed: {field.upper() if field == "uid" else "ResourceVersion"} in precondition: '
                                          f'{want}, {field.upper() if field == "uid" else "ResourceVersion"} in object meta: {have}')
            if dry:
                return obj
            if policy == "Orphan":
                pipeline.orphan_dependents(tx, obj)
            if kind.kind == "Namespace" and kind.group == "":
                pipeline.terminate_namespace(tx, obj)
                return tx.get(kind.group, kind.kind, ns, name)
            pipeline.delete(tx, kind.group, kind.kind, ns, name)
            return None

        result = self._write(fn, dry)
        if result is not None:
            return _json(result)
        from ..store.store import group_resource

        return _json({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Success",
                      "details": {"name": name, **({"group": kind.group} if kind.group else {}),
                                  "kind": kind.plural, "uid": ""}})

    def _subresource(self, req: Request, kind: Any, ns: str, name: str, sub: str) -> Response:
        if sub == "scale" and (kind.group, kind.kind) in discovery.SCALE_KINDS:
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
                req.content_type = "application/merge-patch+json"
                return self._patch(req, kind, ns, name, "scale")
        if sub == "status" and req.method == "GET":
            return self._get(req, kind, ns, name)
        if sub == "status" and req.method == "PATCH":
            return self._patch(req, kind, ns, name, "status")
        return _not_found_path()


WATCH_TIMEOUT = 1800.0  # the longest a watch stays open (the real server picks 30 to 60 minutes)


class WatchStream:
    """A watch the HTTP layer streams: it calls ``poll()`` on the store's thread until the timeout or until the
    client goes away, and writes each line it returns as one chunk."""

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
        self.seen: dict[tuple, dict] | None = None
        self.last_rv: str | None = None

    def poll(self) -> list[bytes]:
        return self.api.watch_poll(self)


def _identity(o: dict) -> tuple:
    md = o.get("metadata") or {}
    return (md.get("namespace") or "", md.get("name") or "", md.get("uid") or "")


def _rv(o: dict) -> int:
    try:
        return int((o.get("metadata") or {}).get("resourceVersion") or 0)
    except ValueError:
        return 0


def _str_rv(o: dict) -> str:
    return str((o.get("metadata") or {}).get("resourceVersion") or "")


def _update(tx: Any, kind: Any, new: dict, live: dict, dry: bool) -> dict:
    from ..apiserver import pipeline

    return pipeline.update_object(tx, kind, new, live, "server" if dry else "")


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
    from ..cli.get_core import LabelQuery

    try:
        return LabelQuery(selectors.parse_label_selector(text))
    except selectors.SelectorError as e:
        raise errors.BadRequest(str(e)) from None


def _field_selector(kind: Any, text: str | None) -> Any:
    if not text:
        return None
    from ..api import selectors
    from ..cli.get_core import _DEFAULT_FIELDS, FIELD_LABELS, FieldQuery
    from ..printers.jsonpath import go_quote

    try:
        query = FieldQuery(selectors.parse_field_selector(text), text)
    except selectors.SelectorError as e:
        raise errors.BadRequest(str(e)) from None
    allowed, msg = FIELD_LABELS.get((kind.group, kind.kind), _DEFAULT_FIELDS)
    for f in query.sel.fields():
        if f not in allowed:
            raise errors.BadRequest(msg.format(f=f, q=go_quote(f)))
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


def version_info() -> dict:
    """/version: what `pykubectl version` reports as the server's version."""
    return {"major": "1", "minor": "32", "gitVersion": KUBERNETES_VERSION, "gitCommit": "", "gitTreeState": "clean",
            "buildDate": "", "goVersion": "", "compiler": "", "platform": "simulated"}
