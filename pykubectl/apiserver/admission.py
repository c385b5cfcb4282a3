"""Admission plugins the API server runs on create beyond defaulting: DefaultStorageClass (a claim with no class
gets the default one), LimitRanger (container defaults and min/max) and ResourceQuota (usage checked against each
quota of the namespace, with the API server's `exceeded quota` and `failed quota` messages).

Quota usage is computed from the store when checked, so it is always exact; the ResourceQuota controller writes
the same numbers into `status.used`."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..errors import Forbidden
from ..store.store import Tx, group_of

class Denied(Forbidden):
    """An admission plugin refused the object (quota, limits): controllers report it as FailedCreate and retry."""


COMPUTE = ("requests.cpu", "requests.memory", "limits.cpu", "limits.memory", "cpu", "memory")


def mutate(tx: Tx, obj: dict) -> None:
    """Mutating admission for a create (after defaulting, before validation)."""
    kind, group = obj.get("kind"), group_of(obj.get("apiVersion", ""))
    if group == "" and kind == "PersistentVolumeClaim":
        _default_storage_class(tx, obj)
        _protect(obj, "kubernetes.io/pvc-protection")
    if group == "" and kind == "PersistentVolume":
        _protect(obj, "kubernetes.io/pv-protection")
    if group == "" and kind == "Pod":
        _limit_ranger(tx, obj)


def validate(tx: Tx, obj: dict) -> None:
    """Validating admission for a create (after validation): LimitRange min/max, then quota."""
    kind, group = obj.get("kind"), group_of(obj.get("apiVersion", ""))
    ns = (obj.get("metadata") or {}).get("namespace")
    if not ns:
        return
    if group == "" and kind in ("Pod", "PersistentVolumeClaim"):
        ranges = tx.list_cached("", "LimitRange", ns)  # shared: read only
        if ranges:
            if kind == "Pod":
                _limit_ranger_validate(tx, obj, ranges)
            else:
                _limit_ranger_validate_claim(obj, ranges)
    check_quota(tx, obj)


# ---- Priority, ServiceAccount (pods) and PriorityClass admission ----------------------------------------------

_SYSTEM_PRIORITY = {"system-node-critical": 2000001000, "system-cluster-critical": 2000000000}


def admit_pod(tx: Tx, pod: dict) -> None:
    """The Priority and ServiceAccount plugins on a Pod's create (before validation): the priority comes from its
    PriorityClass (or the global default, else 0) and may not be given differently; the ServiceAccount it runs
    as must exist."""
    spec = pod.get("spec")
    if not isinstance(spec, dict):
        return
    md = pod.get("metadata") or {}
    name = md.get("name") or md.get("generateName", "")
    what = f'pods "{name}" is forbidden: '
    rc = spec.get("runtimeClassName")
    if rc is None and spec.get("overhead") is not None:
        raise Denied(what + "pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead")
    if rc is not None and tx.peek(("node.k8s.io", "RuntimeClass", "", rc)) is None:
        raise Denied(what + f'pod rejected: RuntimeClass "{rc}" not found')
    cls = spec.get("priorityClassName")
    policy = "PreemptLowerPriority"
    if cls:
        pc = tx.peek(("scheduling.k8s.io", "PriorityClass", "", cls))
        if pc is None and cls not in _SYSTEM_PRIORITY:
            raise Denied(what + f"no PriorityClass with name {cls} was found")
        priority = int(pc.get("value") or 0) if pc is not None else _SYSTEM_PRIORITY[cls]
        policy = (pc or {}).get("preemptionPolicy") or policy
    else:
        default = [c for c in tx.list_cached("scheduling.k8s.io", "PriorityClass", None) if c.get("globalDefault")]
        priority = int(default[0].get("value") or 0) if default else 0
        if default:
            policy = default[0].get("preemptionPolicy") or policy
    given = spec.get("priority")
    if given is not None and given != priority and not (given == 0 and not cls):
        raise Denied(what + f"the integer value of priority ({given}) must not be provided in pod spec; priority "
                            f"admission controller computed {priority} from the given PriorityClass name")
    spec["priority"] = priority
    # (Defaulting fills in PreemptLowerPriority, so only another value can be the client's own.)
    given_policy = spec.get("preemptionPolicy")
    if given_policy not in (None, "PreemptLowerPriority", policy):
        raise Denied(what + f"the string value of PreemptionPolicy ({given_policy}) must not be provided in pod "
                            f"spec; priority admission controller computed {policy} from the given PriorityClass "
                            "name")
    spec["preemptionPolicy"] = policy
    sa = spec.get("serviceAccountName")
    ns = md.get("namespace") or "default"
    if sa and tx.peek(("", "ServiceAccount", ns, sa)) is None:
        raise Denied(what + f'error looking up service account {ns}/{sa}: serviceaccount "{sa}" not found')


def admit_priority_class(tx: Tx, pc: dict) -> None:
    if not pc.get("globalDefault"):
        return
    name = (pc.get("metadata") or {}).get("name") or ""
    for other in tx.list_cached("scheduling.k8s.io", "PriorityClass", None):
        if other.get("globalDefault") and (other.get("metadata") or {}).get("name") != name:
            raise Denied(f'priorityclasses.scheduling.k8s.io "{name}" is forbidden: PriorityClass '
                         f'{other["metadata"]["name"]} is already marked as default. Only one default can exist')


def _protect(obj: dict, finalizer: str) -> None:
    """StorageObjectInUseProtection: claims and volumes carry their protection finalizer from creation."""
    fins = obj["metadata"].setdefault("finalizers", [])
    if finalizer not in fins:
        fins.append(finalizer)


# ---- DefaultStorageClass -----------------------------------------------------------------------------------------

def _default_storage_class(tx: Tx, pvc: dict) -> None:
    spec = pvc.setdefault("spec", {})
    if "storageClassName" in spec and spec["storageClassName"] is not None:
        return
    if (pvc["metadata"].get("annotations") or {}).get("volume.beta.kubernetes.io/storage-class") is not None:
        return
    from ..controllers.storage import default_class

    sc = default_class(tx)
    if sc is not None:
        spec["storageClassName"] = sc["metadata"]["name"]


# ---- LimitRanger -------------------------------------------------------------------------------------------------

def _limit_ranger(tx: Tx, pod: dict) -> None:
    ns = pod["metadata"].get("namespace") or "default"
    ranges = tx.list_cached("", "LimitRange", ns)  # shared: read only (values are copied into the pod as strings)
    if not ranges:
        return
    set_req: dict[str, list[str]] = {}
    set_lim: dict[str, list[str]] = {}
    for lr in ranges:
        for item in (lr.get("spec") or {}).get("limits") or []:
            if item.get("type") != "Container":
                continue
            for c in (pod.get("spec") or {}).get("containers") or []:
                res = c.setdefault("resources", {})
                for rname, v in (item.get("default") or {}).items():
                    lim = res.setdefault("limits", {})
                    if rname not in lim:
                        lim[rname] = v
                        set_lim.setdefault(c.get("name") or "", []).append(rname)
                for rname, v in (item.get("defaultRequest") or {}).items():
                    req = res.setdefault("requests", {})
                    if rname not in req:
                        req[rname] = v
                        set_req.setdefault(c.get("name") or "", []).append(rname)
                for key in ("limits", "requests"):
                    if key in res and not res[key]:
                        del res[key]
    parts = []
    for c in (pod.get("spec") or {}).get("containers") or []:
        cname = c.get("name") or ""  # validation, after admission, refuses a container without one
        if cname in set_req:
            parts.append(f"{', '.join(sorted(set_req[cname]))} request for container {cname}")
        if cname in set_lim:
            parts.append(f"{', '.join(sorted(set_lim[cname]))} limit for container {cname}")
    if parts:
        pod["metadata"].setdefault("annotations", {})["kubernetes.io/limit-ranger"] = (
            "LimitRanger plugin set: " + "; ".join(parts))


def _q(v: Any) -> Fraction:
    from ..api.quantity import parse_quantity

    try:
        return parse_quantity(str(v))
    except Exception:  # noqa: BLE001 - validation reports bad quantities
        return Fraction(0)


def _limit_ranger_validate(tx: Tx, pod: dict, ranges: list[dict]) -> None:
    errs: list[str] = []
    for lr in ranges:
        for item in (lr.get("spec") or {}).get("limits") or []:
            if item.get("type") != "Container":
                continue
            for c in pod["spec"].get("containers") or []:
                res = c.get("resources") or {}
                for rname, mx in sorted((item.get("max") or {}).items()):
                    lim = (res.get("limits") or {}).get(rname)
                    if lim is None:
                        errs.append(f"maximum {rname} usage per Container is {mx}.  No limit is specified")
                    elif _q(lim) > _q(mx):
                        errs.append(f"maximum {rname} usage per Container is {mx}, but limit is {lim}")
                for rname, mn in sorted((item.get("min") or {}).items()):
                    req = (res.get("requests") or {}).get(rname)
                    if req is None:
                        errs.append(f"minimum {rname} usage per Container is {mn}.  No request is specified")
                    elif _q(req) < _q(mn):
                        errs.append(f"minimum {rname} usage per Container is {mn}, but request is {req}")
                for rname, ratio in sorted((item.get("maxLimitRequestRatio") or {}).items()):
                    lim = (res.get("limits") or {}).get(rname)
                    req = (res.get("requests") or {}).get(rname)
                    if lim is None:
                        errs.append(f"{rname} max limit to request ratio per Container is {ratio}, but no limit is "
                                    "specified")
                    elif req is None or _q(req) == 0:
                        errs.append(f"{rname} max limit to request ratio per Container is {ratio}, but no request "
                                    "is specified or request is 0")
                    elif _q(lim) / _q(req) > _q(ratio):
                        errs.append(f"{rname} max limit to request ratio per Container is {ratio}, but provided "
                                    f"ratio is {float(_q(lim) / _q(req)):f}")
        for item in (lr.get("spec") or {}).get("limits") or []:
            if item.get("type") != "Pod":
                continue
            containers = pod["spec"].get("containers") or []
            for rname, mx in sorted((item.get("max") or {}).items()):
                lims = [((c.get("resources") or {}).get("limits") or {}).get(rname) for c in containers]
                if any(v is None for v in lims):
                    errs.append(f"maximum {rname} usage per Pod is {mx}.  No limit is specified")
                elif sum(_q(v) for v in lims) > _q(mx):
                    errs.append(f"maximum {rname} usage per Pod is {mx}, but limit is "
                                f"{fmt(sum(_q(v) for v in lims), str(mx))}")
            for rname, mn in sorted((item.get("min") or {}).items()):
                reqs = [((c.get("resources") or {}).get("requests") or {}).get(rname) for c in containers]
                if any(v is None for v in reqs):
                    errs.append(f"minimum {rname} usage per Pod is {mn}.  No request is specified")
                elif sum(_q(v) for v in reqs) < _q(mn):
                    errs.append(f"minimum {rname} usage per Pod is {mn}, but request is "
                                f"{fmt(sum(_q(v) for v in reqs), str(mn))}")
    if errs:
        name = pod["metadata"].get("name") or pod["metadata"].get("generateName", "")
        raise Denied(f'pods "{name}" is forbidden: [' + ", ".join(errs) + "]" if len(errs) > 1
                        else f'pods "{name}" is forbidden: {errs[0]}')


def _limit_ranger_validate_claim(pvc: dict, ranges: list[dict]) -> None:
    errs: list[str] = []
    req = (((pvc.get("spec") or {}).get("resources") or {}).get("requests") or {}).get("storage")
    for lr in ranges:
        for item in (lr.get("spec") or {}).get("limits") or []:
            if item.get("type") != "PersistentVolumeClaim":
                continue
            mn, mx = (item.get("min") or {}).get("storage"), (item.get("max") or {}).get("storage")
            if mn is not None and (req is None or _q(req) < _q(mn)):
                errs.append(f"minimum storage usage per PersistentVolumeClaim is {mn}, but request is {req}")
            if mx is not None and req is not None and _q(req) > _q(mx):
                errs.append(f"maximum storage usage per PersistentVolumeClaim is {mx}, but request is {req}")
    if errs:
        name = pvc["metadata"].get("name") or pvc["metadata"].get("generateName", "")
        raise Denied(f'persistentvolumeclaims "{name}" is forbidden: ' + (
            "[" + ", ".join(errs) + "]" if len(errs) > 1 else errs[0]))


# ---- ResourceQuota -----------------------------------------------------------------------------------------------

def _pod_terminal(pod: dict) -> bool:
    return (pod.get("status") or {}).get("phase") in ("Succeeded", "Failed")


def _pod_compute(pod: dict) -> dict[str, Fraction]:
    """requests.* and limits.* of a pod as the quota evaluator counts them: sum of containers, at least the
    largest init container."""
    out: dict[str, Fraction] = {}
    spec = pod.get("spec") or {}
    for key in ("requests", "limits"):
        for rname in ("cpu", "memory", "ephemeral-storage"):
            total = sum((_q(((c.get("resources") or {}).get(key) or {}).get(rname, 0))
                         for c in spec.get("containers") or []), Fraction(0))
            for c in spec.get("initContainers") or []:
                total = max(total, _q(((c.get("resources") or {}).get(key) or {}).get(rname, 0)))
            out[f"{key}.{rname}"] = total
    out["cpu"] = out["requests.cpu"]
    out["memory"] = out["requests.memory"]
    return out


def _best_effort(pod: dict) -> bool:
    spec = pod.get("spec") or {}
    return not any((c.get("resources") or {}).get(k) for c in (spec.get("containers") or [])
                   + (spec.get("initContainers") or []) for k in ("requests", "limits"))


def _pod_in_scopes(pod: dict, scopes: list) -> bool:
    """Whether a quota with these scopes tracks the pod (Terminating: it has an activeDeadlineSeconds)."""
    spec = pod.get("spec") or {}
    for scope in scopes:
        if scope == "BestEffort" and not _best_effort(pod):
            return False
        if scope == "NotBestEffort" and _best_effort(pod):
            return False
        if scope == "Terminating" and spec.get("activeDeadlineSeconds") is None:
            return False
        if scope == "NotTerminating" and spec.get("activeDeadlineSeconds") is not None:
            return False
    return True


def _has(pod: dict, key: str, rname: str) -> bool:
    return all(rname in (((c.get("resources") or {}).get(key)) or {}) for c in (pod.get("spec") or {}).get("containers") or [])


_COUNT_KINDS = {
    "pods": ("", "Pod"), "services": ("", "Service"), "configmaps": ("", "ConfigMap"), "secrets": ("", "Secret"),
    "persistentvolumeclaims": ("", "PersistentVolumeClaim"),
    "replicationcontrollers": ("", "ReplicationController"), "resourcequotas": ("", "ResourceQuota"),
}


def _count_key(rname: str) -> tuple[str, str] | None:
    if rname in _COUNT_KINDS:
        return _COUNT_KINDS[rname]
    if rname.startswith("count/"):
        res = rname[len("count/"):]
        plural, _, group = res.partition(".")
        from ..api import registry

        for k in registry.all_kinds():
            if k.plural == plural and k.group == group:
                return (k.group, k.kind)
    return None


def usage_of(obj: dict, rname: str) -> Fraction:
    """What one object adds to resource ``rname`` of a quota."""
    g, kind = group_of(obj.get("apiVersion", "")), obj.get("kind")
    ck = _count_key(rname)
    if ck is not None:
        if ck != (g, kind):
            return Fraction(0)
        if kind == "Pod" and _pod_terminal(obj):
            return Fraction(0)
        return Fraction(1)
    if (g, kind) == ("", "Pod"):
        if _pod_terminal(obj):
            return Fraction(0)
        if rname.startswith("requests.") and "/" in rname:
            # An extended resource is quota'd by its requests (sum of containers, at least the largest init one).
            ext = rname[len("requests."):]
            spec = obj.get("spec") or {}
            total = sum((_q(((c.get("resources") or {}).get("requests") or {}).get(ext, 0))
                         for c in spec.get("containers") or []), Fraction(0))
            for c in spec.get("initContainers") or []:
                total = max(total, _q(((c.get("resources") or {}).get("requests") or {}).get(ext, 0)))
            return total
        return _pod_compute(obj).get(rname, Fraction(0))
    if (g, kind) == ("", "Service"):
        stype = (obj.get("spec") or {}).get("type", "ClusterIP")
        if rname == "services.loadbalancers":
            return Fraction(1 if stype == "LoadBalancer" else 0)
        if rname == "services.nodeports":
            return Fraction(len((obj.get("spec") or {}).get("ports") or []) if stype in ("NodePort", "LoadBalancer") else 0)
    if (g, kind) == ("", "PersistentVolumeClaim"):
        req = _q((((obj.get("spec") or {}).get("resources") or {}).get("requests") or {}).get("storage", 0))
        cls = (obj.get("spec") or {}).get("storageClassName") or ""
        if rname == "requests.storage" or rname == f"{cls}.storageclass.storage.k8s.io/requests.storage":
            return req
        if rname == f"{cls}.storageclass.storage.k8s.io/persistentvolumeclaims":
            return Fraction(1)
    return Fraction(0)


_TRACKED = {("", "Pod"), ("", "Service"), ("", "ConfigMap"), ("", "Secret"), ("", "PersistentVolumeClaim"),
            ("", "ReplicationController"), ("", "ResourceQuota")}


def used(tx: Tx, ns: str, hard: dict, scopes: list | tuple = ()) -> dict[str, Fraction]:
    out = {r: Fraction(0) for r in hard}
    kinds: set[tuple[str, str]] = set()
    for r in hard:
        ck = _count_key(r)
        if ck:
            kinds.add(ck)
        elif r in COMPUTE or r.startswith(("requests.", "limits.")) and "storage" not in r:
            kinds.add(("", "Pod"))
        elif r.startswith("services."):
            kinds.add(("", "Service"))
        elif "storage" in r or "persistentvolumeclaims" in r:
            kinds.add(("", "PersistentVolumeClaim"))
    for g, k in kinds:
        for o in tx.list(g, k, ns):
            if scopes and (g, k) == ("", "Pod") and not _pod_in_scopes(o, list(scopes)):
                continue
            for r in hard:
                out[r] += usage_of(o, r)
    return out


def fmt(v: Fraction, like: str) -> str:
    """A usage figure in the quantity format of the hard limit (as resource.Quantity keeps its format)."""
    from ..api.quantity import BINARY_SI, DECIMAL_SI, format_quantity

    binary = any(like.endswith(s) for s in ("Ki", "Mi", "Gi", "Ti", "Pi", "Ei"))
    if v == 0:
        return "0"
    return format_quantity(v, BINARY_SI if binary else DECIMAL_SI)


def check_quota(tx: Tx, obj: dict) -> None:
    g, kind = group_of(obj.get("apiVersion", "")), obj.get("kind")
    if kind == "ResourceQuota" and g == "":
        return
    ns = obj["metadata"]["namespace"]
    quotas = tx.list_cached("", "ResourceQuota", ns)  # shared: read only
    if not quotas:
        return
    name = obj["metadata"].get("name") or obj["metadata"].get("generateName", "")
    from ..store.store import group_resource

    what = f'{group_resource(g, kind or "")} "{name}" is forbidden: '
    for q in quotas:
        hard = (q.get("spec") or {}).get("hard") or {}
        if (g, kind) == ("", "Pod") and not _pod_in_scopes(obj, (q.get("spec") or {}).get("scopes") or []):
            continue
        if (g, kind) == ("", "Pod"):
            spec = obj.get("spec") or {}
            containers = [c for c in (spec.get("containers") or []) + (spec.get("initContainers") or [])
                          if isinstance(c, dict)]
            missing = {}
            for r in sorted(r for r in hard if r in COMPUTE):
                key = "limits" if r.startswith("limits.") else "requests"
                names = sorted(str(c.get("name") or "") for c in containers
                               if r.split(".")[-1] not in (((c.get("resources") or {}).get(key)) or {}))
                if names:
                    missing[r] = names
            if missing:
                detail = "; ".join(f"{r} for: {','.join(n)}" for r, n in missing.items())
                raise Denied(what + f"failed quota: {q['metadata']['name']}: must specify {detail}")
        requested = {r: usage_of(obj, r) for r in hard}
        requested = {r: v for r, v in requested.items() if v}
        if not requested:
            continue
        now = used(tx, ns, hard, (q.get("spec") or {}).get("scopes") or ())
        exceeded = sorted(r for r, v in requested.items() if now[r] + v > _q(hard[r]))
        if exceeded:
            def pp(vals: dict[str, str]) -> str:
                return ",".join(f"{r}={vals[r]}" for r in exceeded)

            raise Denied(
                what + f"exceeded quota: {q['metadata']['name']}, "
                f"requested: {pp({r: fmt(requested[r], str(hard[r])) for r in exceeded})}, "
                f"used: {pp({r: fmt(now[r], str(hard[r])) for r in exceeded})}, "
                f"limited: {pp({r: str(hard[r]) for r in exceeded})}")
