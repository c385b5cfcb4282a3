"""Pod facts shared by controllers and printers: requests, readiness, owner lookup."""

from __future__ import annotations

# What the simulated kubelet answers a streaming request (exec, attach, port-forward) with: it runs no container
# processes. The API server wraps it as a refused connection upgrade (``streaming_refusal``), as the real server
# wraps a kubelet's answer (recorded: k8s-recordings scenario 25-run-and-logs step 15, whose reference cluster has a
# kubelet that runs no containers either).
KUBELET_RUNS_NO_CONTAINERS = "the simulated kubelet of pykubectl does not run containers"


def streaming_refusal(what: str) -> str:
    """The Status message of a refused exec/attach/port-forward (``what``: "exec", "attach", "port-forward")."""
    return f"Internal error occurred: unable to upgrade connection: {KUBELET_RUNS_NO_CONTAINERS}; {what} is not " \
           f"supported"


_Q_CACHE: dict[tuple[str, bool], int] = {}


def _q(v: object, cpu: bool) -> int:
    key = (str(v), cpu)
    hit = _Q_CACHE.get(key)
    if hit is not None:
        return hit
    from .quantity import parse_quantity

    try:
        q = parse_quantity(key[0])
    except Exception:  # noqa: BLE001 - validation rejects bad quantities before they get here
        return 0
    n = _Q_CACHE[key] = int(q * 1000) if cpu else int(q)
    return n


def pod_requests(pod: dict) -> tuple[int, int]:
    """Effective (cpu millis, memory bytes) requests: max(sum of containers, largest init container)."""
    spec = pod.get("spec") or {}
    cpu = mem = 0
    for c in spec.get("containers") or []:
        req = (c.get("resources") or {}).get("requests") or {}
        cpu += _q(req.get("cpu", 0), True)
        mem += _q(req.get("memory", 0), False)
    for c in spec.get("initContainers") or []:
        req = (c.get("resources") or {}).get("requests") or {}
        cpu = max(cpu, _q(req.get("cpu", 0), True))
        mem = max(mem, _q(req.get("memory", 0), False))
    return cpu, mem


def is_ready(pod: dict) -> bool:
    for c in (pod.get("status") or {}).get("conditions") or []:
        if c.get("type") == "Ready":
            return c.get("status") == "True"
    return False


def is_active(pod: dict) -> bool:
    phase = (pod.get("status") or {}).get("phase")
    return phase not in ("Succeeded", "Failed") and not (pod.get("metadata") or {}).get("deletionTimestamp")


def controller_of(obj: dict) -> dict | None:
    for ref in (obj.get("metadata") or {}).get("ownerReferences") or []:
        if ref.get("controller"):
            return ref
    return None


def owner_ref(owner: dict) -> dict:
    md = owner["metadata"]
    return {
        "apiVersion": owner["apiVersion"],
        "blockOwnerDeletion": True,
        "controller": True,
        "kind": owner["kind"],
        "name": md["name"],
        "uid": md["uid"],
    }
