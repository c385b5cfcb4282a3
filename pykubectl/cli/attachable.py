"""The pod a verb that reaches container processes (logs, exec, attach, port-forward, cp) works on, and its
container, found as kubectl finds them (POD, pod/NAME, or TYPE/NAME through the owner's selector).

The simulation has no container processes. Each verb makes the checks kubectl makes before it reaches a
container (arguments, the pod or its owner exists, the container is one of the pod's), then says so plainly and
exits 1 (``no_processes``). ``logs`` asks ``controllers.podlogs.container_log`` first, so simulated logs can be
plugged in there.
"""

from __future__ import annotations

from typing import Any

from .. import errors
from . import common

CTX = {"help_option_names": ["-h", "--help"], "ignore_unknown_options": False}
NO_PROCESSES = "pykubectl simulates the cluster: pod {pod} has no container processes"
OWNER_KINDS = {("apps", "Deployment"), ("apps", "ReplicaSet"), ("apps", "StatefulSet"), ("apps", "DaemonSet"),
               ("batch", "Job"), ("", "ReplicationController"), ("", "Service")}


def pod_for(env: Any, tx: Any, ref: str, logs_style: bool) -> dict:
    """The pod named by POD, pod/NAME or TYPE/NAME (the first pod its selector picks), as kubectl finds it."""
    from ..api import registry, selectors
    from ..client.rest import resource_name as group_resource

    ns = common.namespace(env)
    if "/" not in ref:
        kind_name, name = "pods", ref
        pod = tx.get("", "Pod", ns, name)
        if pod is None:
            if logs_style:
                raise errors.ClientError(
                    f'error: error from server (NotFound): pods "{name}" not found in namespace "{ns}"')
            raise errors.NotFound(f'pods "{name}" not found')
        return pod
    t, name = ref.split("/", 1)
    kind = registry.resolve(t)
    if (kind.group, kind.kind) == ("", "Pod"):
        return pod_for(env, tx, name, logs_style)
    obj = tx.get(kind.group, kind.kind, ns if kind.namespaced else "", name)
    if obj is None:
        if logs_style:  # logs words a missing TYPE/NAME as it does a missing pod (observed with kubectl 1.32)
            raise errors.ClientError(f'error: error from server (NotFound): {group_resource(kind.group, kind.kind)} '
                                     f'"{name}" not found in namespace "{ns}"')
        raise errors.NotFound(f'{group_resource(kind.group, kind.kind)} "{name}" not found')
    if (kind.group, kind.kind) not in OWNER_KINDS:
        # kubectl names the object's Go type (%T): *v1.ConfigMap, *v1.CronJob.
        go_type = f"*{kind.version}.{kind.kind}"
        doing = "get the logs from" if logs_style else "attach to"
        raise errors.ClientError(f"error: cannot {doing} {go_type}: selector for {go_type} not implemented")
    sel = (obj.get("spec") or {}).get("selector")
    if kind.kind in ("Service", "ReplicationController"):
        sel = {"matchLabels": sel} if sel else None
    if not sel:
        raise errors.ClientError("error: cannot attach to a pod that has no selector")
    pods = [p for p in tx.list("", "Pod", ns) if selectors.matches(sel, p["metadata"].get("labels") or {})]
    if not pods:
        raise errors.ClientError("error: timed out waiting for the condition")
    # polymorphichelpers.GetFirstPod: the list (in name order) sorted, pods[0] taken. Go's sort.Sort insertion-sorts
    # up to 12 elements, which keeps ties in list order as Python's sort does.
    import functools

    less = _by_logging if logs_style else _most_active_first
    pods.sort(key=functools.cmp_to_key(lambda a, b: -1 if less(a, b) else (1 if less(b, a) else 0)))
    if logs_style and len(pods) > 1:
        common.err(env, f"Found {len(pods)} pods, using pod/{pods[0]['metadata']['name']}")
    return pods[0]


# kubectl's pod orderings (pkg/util/podutils), read as facts: which pod `logs TYPE/NAME` (ByLogging) and
# exec/attach/port-forward/cp (sort.Reverse(ActivePods)) pick among an owner's pods.
def _ready_since(pod: dict) -> str:
    for c in (pod.get("status") or {}).get("conditions") or []:
        if c.get("type") == "Ready" and c.get("status") == "True":
            return c.get("lastTransitionTime") or ""
    return ""


def _restarts(pod: dict) -> tuple[int, int]:
    status = pod.get("status") or {}
    regular = max((c.get("restartCount") or 0 for c in status.get("containerStatuses") or []), default=0)
    sidecars = {c["name"] for c in (pod.get("spec") or {}).get("initContainers") or []
                if c.get("restartPolicy") == "Always"}
    sidecar = max((c.get("restartCount") or 0 for c in status.get("initContainerStatuses") or []
                   if c.get("name") in sidecars), default=0)
    return regular, sidecar


def _after_or_zero(t1: str, t2: str) -> bool:
    """t1 after t2, a zero time counting as after any other (RFC 3339 texts of one format compare as times)."""
    if not t1 or not t2:
        return not t1
    return t1 > t2


def _node(pod: dict) -> str:
    return (pod.get("spec") or {}).get("nodeName") or ""


def _phase(pod: dict) -> str:
    return (pod.get("status") or {}).get("phase") or ""


def _by_logging(a: dict, b: dict) -> bool:
    if _node(a) != _node(b) and (not _node(a) or not _node(b)):
        return bool(_node(a))
    rank = {"Running": 0, "Unknown": 1, "Pending": 2}
    if rank.get(_phase(a), 0) != rank.get(_phase(b), 0):
        return rank.get(_phase(a), 0) < rank.get(_phase(b), 0)
    ra, rb = _ready_since(a), _ready_since(b)
    if bool(ra) != bool(rb):
        return bool(ra)
    if ra and rb and ra != rb:
        return _after_or_zero(rb, ra)
    if _restarts(a) != _restarts(b):
        return _restarts(a) > _restarts(b)
    ca, cb = a["metadata"].get("creationTimestamp") or "", b["metadata"].get("creationTimestamp") or ""
    if ca != cb:
        return _after_or_zero(cb, ca)
    return False


def _active_less(a: dict, b: dict) -> bool:
    if _node(a) != _node(b) and (not _node(a) or not _node(b)):
        return not _node(a)
    rank = {"Pending": 0, "Unknown": 1, "Running": 2}
    if rank.get(_phase(a), 0) != rank.get(_phase(b), 0):
        return rank.get(_phase(a), 0) < rank.get(_phase(b), 0)
    ra, rb = _ready_since(a), _ready_since(b)
    if bool(ra) != bool(rb):
        return not ra
    da, db = a["metadata"].get("deletionTimestamp") or "", b["metadata"].get("deletionTimestamp") or ""
    if bool(da) != bool(db):
        return bool(da)
    if da and db and da != db:
        return da < db
    if ra and rb and ra != rb:
        return _after_or_zero(ra, rb)
    if _restarts(a) != _restarts(b):
        return _restarts(a) > _restarts(b)
    ca, cb = a["metadata"].get("creationTimestamp") or "", b["metadata"].get("creationTimestamp") or ""
    if ca != cb:
        return _after_or_zero(ca, cb)
    return False


def _most_active_first(a: dict, b: dict) -> bool:
    return _active_less(b, a)


def exec_container(env: Any, pod: dict, name: str | None, quiet: bool = False) -> str:
    """The container exec (and cp, which runs tar through exec) asks for: a named one is not checked by kubectl
    (the server does it: ``check_exec_container``); otherwise the default one, as ``pick_container`` picks it."""
    return name if name else pick_container(env, pod, None, quiet)


def check_exec_container(pod: dict, name: str) -> None:
    """The pod registry's ExecLocation: the container must be one of the pod's (a 400 before any connection;
    kubectl 1.32 printed "Error from server (BadRequest): …" through serve)."""
    spec = pod.get("spec") or {}
    if name not in [c.get("name") for group in ("containers", "initContainers", "ephemeralContainers")
                    for c in spec.get(group) or []]:
        raise errors.BadRequest(f"container {name} is not valid for pod {pod['metadata']['name']}")


def pick_container(env: Any, pod: dict, name: str | None, quiet: bool = False) -> str:
    containers = [c["name"] for c in (pod.get("spec") or {}).get("containers") or []]
    inits = [c["name"] for c in (pod.get("spec") or {}).get("initContainers") or []]
    ephemeral = [c["name"] for c in (pod.get("spec") or {}).get("ephemeralContainers") or []]
    if name:
        # kubectl's FindContainerByName visits every kind of container, ephemeral ones (kubectl debug's) included.
        if name not in containers + inits + ephemeral:
            raise errors.ClientError(f"error: container {name} is not valid for pod {pod['metadata']['name']}")
        return name
    if len(containers) + len(inits) > 1 and not quiet:
        annotated = (pod["metadata"].get("annotations") or {}).get("kubectl.kubernetes.io/default-container")
        if annotated in containers:
            return annotated
        listed = ", ".join(containers + [f"{c} (init)" for c in inits])
        common.err(env, f'Defaulted container "{containers[0]}" out of: {listed}')
    return containers[0]


def waiting_reason(pod: dict, container: str) -> str | None:
    status = pod.get("status") or {}
    for s in (status.get("containerStatuses") or []) + (status.get("ephemeralContainerStatuses") or []):
        if s.get("name") == container and "waiting" in (s.get("state") or {}):
            return (s["state"]["waiting"] or {}).get("reason") or "ContainerCreating"
    if not (pod.get("status") or {}).get("containerStatuses"):
        return "ContainerCreating"
    return None


def no_processes(pod: dict, what: str) -> errors.ClientError:
    ref = f"{pod['metadata']['namespace']}/{pod['metadata']['name']}"
    return errors.ClientError(f"error: {NO_PROCESSES.format(pod=ref)}: {what}")
