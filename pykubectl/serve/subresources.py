"""The subresources beyond status and scale: CertificateSigningRequests' approval and pods' ephemeralcontainers
(PUT or PATCH, through the strategies pykubectl's own `certificate` and `debug` use: apiserver/certificates.py,
apiserver/ephemeral.py, with the resourceVersion precondition of an update first), and the pod ones: eviction (apiserver/eviction.py, honouring PodDisruptionBudgets), log (the
simulated container output of controllers/podlogs.py, with the API server's errors for a container that is not
there or has not started), and exec, attach, port-forward and proxy, which need container processes the simulation
does not run: they fail as a connection upgrade the node refuses (the real server's 500 "unable to upgrade
connection: …", with the simulated kubelet's reason, api/podutil.py)."""

from __future__ import annotations

from typing import Any

from .. import errors

STREAMING = ("exec", "attach", "portforward", "proxy")


def eviction(api: Any, req: Any, ns: str, name: str) -> Any:
    from ..apiserver import eviction as ev
    from .api import _json

    body = api._body(req) if req.body else {}
    body = body if isinstance(body, dict) else {}
    md = body.get("metadata") or {}
    if md.get("name") and md["name"] != name:
        raise errors.BadRequest(f"name in URL does not match name in Eviction object")  # derived; recordings wanted
    opts = body.get("deleteOptions") or {}
    dry = req.query.get("dryRun") == "All" or opts.get("dryRun") == ["All"]
    api._write(lambda tx: ev.evict(tx, ns, name, opts), dry)
    return _json({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Success", "code": 201}, 201)


def log(api: Any, req: Any, ns: str, name: str) -> Any:
    from ..controllers import podlogs
    from .api import Response

    api._settled()
    with api.store.read() as tx:
        pod = tx.must_get("", "Pod", ns, name)
        containers = [c["name"] for c in (pod.get("spec") or {}).get("containers") or []]
        inits = [c["name"] for c in (pod.get("spec") or {}).get("initContainers") or []]
        ephemeral = [c["name"] for c in (pod.get("spec") or {}).get("ephemeralContainers") or []]
        container = req.query.get("container") or ""
        if not container:
            # The pod registry's LogLocation: the one (non-init) container, else the names to choose from.
            if len(containers) != 1:
                raise errors.BadRequest(f"a container name must be specified for pod {name}, choose one of: "
                                        f"[{' '.join(containers)}] or one of the init containers: "
                                        f"[{' '.join(inits)}]" if inits else
                                        f"a container name must be specified for pod {name}, choose one of: "
                                        f"[{' '.join(containers)}]")
            container = containers[0]
        if container not in containers + inits + ephemeral:
            raise errors.BadRequest(f"container {container} is not valid for pod {name}")
        previous = req.query.get("previous") in ("true", "1")
        lines = podlogs.container_log(tx, pod, container, previous)
    if lines is None:
        if previous:
            raise errors.BadRequest(f'previous terminated container "{container}" in pod "{name}" not found')
        reason = _waiting(pod, container)
        raise errors.BadRequest(f'container "{container}" in pod "{name}" is waiting to start: {reason}')
    tail = req.query.get("tailLines")
    if tail not in (None, ""):
        try:
            n = int(tail)
        except ValueError:
            n = -1
        if n >= 0:
            lines = lines[len(lines) - n:] if n else []
    return Response(200, "".join(ln + "\n" for ln in lines).encode(), "text/plain")


def _waiting(pod: dict, container: str) -> str:
    for group in ("containerStatuses", "initContainerStatuses", "ephemeralContainerStatuses"):
        for s in (pod.get("status") or {}).get(group) or []:
            if s.get("name") == container and "waiting" in (s.get("state") or {}):
                return (s["state"]["waiting"] or {}).get("reason") or "ContainerCreating"
    return "ContainerCreating"


def streaming(api: Any, req: Any, ns: str, name: str, sub: str) -> Any:
    """The pod must exist (a 404 otherwise, before any upgrade). Over a WebSocket (kubectl 1.32's exec and attach
    try one first), the connection is accepted and the refusal comes as a Status on the error channel, which
    kubectl prints as ``error: <message>`` (recorded: 25-run-and-logs step 15); otherwise the 500 Status, which
    kubectl prints as ``Error from server (InternalError): …``."""
    from ..api.podutil import streaming_refusal
    from .api import WebSocketStatus, status

    with api.store.read() as tx:
        pod = tx.must_get("", "Pod", ns, name)
    container = req.query.get("container") or ""
    if container and sub in ("exec", "attach"):
        # The pod registry's ExecLocation/AttachLocation check the container before any connection.
        spec = pod.get("spec") or {}
        names = [c.get("name") for group in ("containers", "initContainers", "ephemeralContainers")
                 for c in spec.get(group) or []]
        if container not in names:
            raise errors.BadRequest(f"container {container} is not valid for pod {name}")
    message = streaming_refusal({"portforward": "port-forward"}.get(sub, sub))
    if req.websocket is not None and sub in ("exec", "attach"):
        ws = WebSocketStatus(*req.websocket, status(500, "InternalError", message, {
            "causes": [{"message": message[len("Internal error occurred: "):]}]}))
        if ws.protocol is not None:
            return ws
    raise errors.ServerError(message)


def _precondition(kind: Any, body: dict, live: dict) -> None:
    """An update's resourceVersion precondition (the registry's optimistic concurrency)."""
    from ..store.store import group_resource

    want = (body.get("metadata") or {}).get("resourceVersion")
    have = (live.get("metadata") or {}).get("resourceVersion")
    if want not in (None, "") and have not in (None, "") and str(want) != str(have):
        raise errors.Conflict(f'Operation cannot be fulfilled on {group_resource(kind.group, kind.kind)} '
                              f'"{(live.get("metadata") or {}).get("name", "")}": the object has been modified; '
                              "please apply your changes to the latest version and try again")


def strategy_update(api: Any, req: Any, kind: Any, ns: str, name: str, sub: str) -> Any:
    """PUT (the object as the client wants it) or PATCH (a patch of the stored one) of a subresource whose
    strategy takes only its own fields from the request: the CSR's status.conditions (approval), the pod's
    spec.ephemeralContainers (ephemeralcontainers). GET answers the object."""
    import copy

    from ..apiserver import certificates, ephemeral, pipeline
    from .api import _dry_run, _fail, _json

    update = certificates.update_approval if sub == "approval" else ephemeral.update
    if req.method == "GET":
        return api._get(req, kind, ns, name)
    if req.method not in ("PUT", "PATCH"):
        return _fail(405, "MethodNotAllowed", "the server does not allow this method on the requested resource")
    dry = _dry_run(req)
    if req.method == "PUT":
        body = api._body(req)
        api._decode(req, kind, body)
        api._check_identity(body, kind, ns, name)

        def put(tx: Any) -> dict:
            live = tx.must_get(kind.group, kind.kind, ns, name)
            _precondition(kind, body, live)
            return update(tx, copy.deepcopy(body), live, dry)

        return _json(api._write(put, dry))
    ptype = {"application/strategic-merge-patch+json": "strategic", "application/merge-patch+json": "merge",
             "application/json-patch+json": "json"}.get(req.content_type)
    if ptype is None:
        return _fail(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted "
                                                  "media types include: application/json-patch+json, "
                                                  "application/merge-patch+json, "
                                                  "application/strategic-merge-patch+json")
    patch = api._body(req)
    validation = req.query.get("fieldValidation") or "Warn"

    def patch_fn(tx: Any) -> dict:
        live = tx.must_get(kind.group, kind.kind, ns, name)
        patched = pipeline.apply_patch(live, patch, ptype, validation)
        if not isinstance(patched, dict):
            raise errors.BadRequest("json: cannot unmarshal into Go value of type map[string]interface {}")
        _precondition(kind, patched, live)
        return update(tx, patched, live, dry)

    return _json(api._write(patch_fn, dry))
