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
        raise errors.NotFound(f'{group_resource(kind.group, kind.kind)} "{name}" not found')
    if (kind.group, kind.kind) not in OWNER_KINDS:
        raise errors.ClientError(f"error: cannot attach to {kind.kind}: not implemented")
    sel = (obj.get("spec") or {}).get("selector")
    if kind.kind in ("Service", "ReplicationController"):
        sel = {"matchLabels": sel} if sel else None
    if not sel:
        raise errors.ClientError("error: cannot attach to a pod that has no selector")
    pods = sorted((p for p in tx.list("", "Pod", ns) if selectors.matches(sel, p["metadata"].get("labels") or {})),
                  key=lambda p: (p["metadata"].get("creationTimestamp", ""), p["metadata"]["name"]))
    if not pods:
        raise errors.ClientError("error: timed out waiting for the condition")
    return pods[0]


def pick_container(env: Any, pod: dict, name: str | None, quiet: bool = False) -> str:
    containers = [c["name"] for c in (pod.get("spec") or {}).get("containers") or []]
    inits = [c["name"] for c in (pod.get("spec") or {}).get("initContainers") or []]
    if name:
        if name not in containers + inits:
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
    for s in (pod.get("status") or {}).get("containerStatuses") or []:
        if s.get("name") == container and "waiting" in (s.get("state") or {}):
            return (s["state"]["waiting"] or {}).get("reason") or "ContainerCreating"
    if not (pod.get("status") or {}).get("containerStatuses"):
        return "ContainerCreating"
    return None


def no_processes(pod: dict, what: str) -> errors.ClientError:
    ref = f"{pod['metadata']['namespace']}/{pod['metadata']['name']}"
    return errors.ClientError(f"error: {NO_PROCESSES.format(pod=ref)}: {what}")
