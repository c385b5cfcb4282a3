"""The pod subresources beyond status: eviction (apiserver/eviction.py, honouring PodDisruptionBudgets), log (the
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
        container = req.query.get("container") or ""
        if not container:
            if len(containers) + len(inits) != 1:
                raise errors.BadRequest(f"a container name must be specified for pod {name}, choose one of: "
                                        f"[{' '.join(containers)}] or one of the init containers: "
                                        f"[{' '.join(inits)}]" if inits else
                                        f"a container name must be specified for pod {name}, choose one of: "
                                        f"[{' '.join(containers)}]")
            container = (containers + inits)[0]
        if container not in containers + inits:
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
    for group in ("containerStatuses", "initContainerStatuses"):
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
        tx.must_get("", "Pod", ns, name)
    message = streaming_refusal({"portforward": "port-forward"}.get(sub, sub))
    if req.websocket is not None and sub in ("exec", "attach"):
        ws = WebSocketStatus(*req.websocket, status(500, "InternalError", message, {
            "causes": [{"message": message[len("Internal error occurred: "):]}]}))
        if ws.protocol is not None:
            return ws
    raise errors.ServerError(message)
