"""kubectl's default tables: per-kind columns and row functions as the API server's printers define them
(kubernetes pkg/printers/internalversion/printers.go, v1.32), laid out as kubectl's tabwriter does."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any

from pykubectl.printers.durations import human_duration, parse_time, translate_timestamp_since

__all__ = ["print_table", "print_events_table", "columns", "format_table", "table_data"]

Obj = dict[str, Any]
RowFn = Callable[[Obj, datetime, bool], list[str]]

NONE = "<none>"
UNKNOWN = "<unknown>"
UNSET = "<unset>"


# ---------------------------------------------------------------------------------------------------------------
# Small accessors: objects are plain dicts and any level may be missing.

def _get(o: Any, *path: str) -> Any:
    # Of the JSON types only dicts have .get(): any other level ends the walk (as an isinstance test per level would,
    # at twice the cost: the row functions walk ~20 paths per pod, and get lists 100,000 pods).
    try:
        for p in path:
            o = o.get(p)
    except AttributeError:
        return None
    return o


def _int(o: Obj, *path: str) -> int:
    v = _get(o, *path)
    return int(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else 0


def _str(o: Obj, *path: str) -> str:
    v = _get(o, *path)
    return v if isinstance(v, str) else ""


def _list(o: Obj, *path: str) -> list[Any]:
    v = _get(o, *path)
    return v if isinstance(v, list) else []


def _dict(o: Obj, *path: str) -> dict[str, Any]:
    v = _get(o, *path)
    return v if isinstance(v, dict) else {}


def _age(o: Obj, now: datetime) -> str:
    return _since(_str(o, "metadata", "creationTimestamp") or None, now)


@lru_cache(maxsize=4096)
def _since(ts: str | None, now: datetime) -> str:
    """translate_timestamp_since, remembered: the objects of a listing share few distinct creation times."""
    return translate_timestamp_since(ts, now)


def _name(o: Obj) -> str:
    return _str(o, "metadata", "name")


def format_labels(labels: dict[str, Any] | None) -> str:
    """labels.FormatLabels: ``k=v`` pairs sorted by key, or ``<none>``."""
    if not labels:
        return NONE
    return ",".join(f"{k}={labels[k]}" for k in sorted(labels))


def format_label_selector(sel: dict[str, Any] | None) -> str:
    """metav1.FormatLabelSelector: matchLabels and matchExpressions as one selector string, sorted by key."""
    if not sel:
        return NONE
    reqs: list[tuple[str, str]] = []
    for k, v in _dict(sel, "matchLabels").items():
        reqs.append((k, f"{k}={v}"))
    for e in _list(sel, "matchExpressions"):
        key, op, vals = e.get("key", ""), e.get("operator", ""), sorted(e.get("values") or [])
        if op == "In":
            reqs.append((key, f"{key} in ({','.join(vals)})"))
        elif op == "NotIn":
            reqs.append((key, f"{key} notin ({','.join(vals)})"))
        elif op == "Exists":
            reqs.append((key, key))
        elif op == "DoesNotExist":
            reqs.append((key, f"!{key}"))
    if not reqs:
        return NONE
    reqs.sort(key=lambda r: r[0])
    return ",".join(r[1] for r in reqs)


def _containers_images(pod_spec: dict[str, Any]) -> list[str]:
    cs = _list(pod_spec, "containers")
    return [",".join(c.get("name", "") for c in cs), ",".join(c.get("image", "") for c in cs)]


def _condition_status(o: Obj, ctype: str) -> str | None:
    for c in _list(o, "status", "conditions"):
        if c.get("type") == ctype:
            return str(c.get("status", ""))
    return None


# ---------------------------------------------------------------------------------------------------------------
# Row functions

def _is_restartable_init(c: dict[str, Any] | None) -> bool:
    return bool(c) and c.get("restartPolicy") == "Always"  # type: ignore[union-attr]


def _later(a: str, b: str) -> str:
    # The later of two RFC 3339 timestamps; "" means "never".
    return b if b and (not a or parse_time(b) > parse_time(a)) else a


def _pod_row(o: Obj, now: datetime, wide: bool) -> list[str]:
    f = _pod_fields_plain(o)
    if f is None or type(f[2]) is not str:
        f = _pod_fields_any(o)
    row = _pod_cells(*f, now)
    if wide:
        row += _pod_wide_cells(o)
    return row


def _pod_cells(name: str, ready: str, reason: Any, restarts: int, last_restart: str, created: str | None,
               now: datetime) -> list[Any]:
    """The pod table's cells from what they are made of: only RESTARTS (the time since the last one) and AGE
    depend on the time."""
    if restarts and last_restart:
        return [name, ready, reason, f"{restarts} ({translate_timestamp_since(last_restart, now)} ago)",
                _since(created or None, now)]
    return [name, ready, reason, str(restarts), _since(created or None, now)]


def pod_table_fields(o: Obj) -> tuple[str, str, int, str, str, str, str, str, str]:
    """What the pod table shows of a pod that does not depend on the time, as text: (READY, STATUS, restart count,
    time of the latest restart or "", creationTimestamp or "", IP, NODE, NOMINATED NODE, READINESS GATES). The
    store keeps these per pod (its pod_rows index), so that `get pods` prints a table without reading bodies;
    _pod_cells makes the cells of them."""
    f = _pod_fields_plain(o)
    if f is not None and type(f[2]) is str:
        spec, status = o["spec"], o["status"]  # dicts: _pod_fields_plain said so
        if not spec.get("readinessGates"):  # _pod_wide_cells inlined (every pod write computes this)
            ips = status.get("podIPs")
            ip = (ips[0].get("ip") if type(ips) is list and ips and isinstance(ips[0], dict) else "") or NONE
            node, nominated = spec.get("nodeName"), status.get("nominatedNodeName")
            return (f[1], f[2], f[3], f[4], f[5] or "", ip if type(ip) is str else str(ip),
                    node if type(node) is str and node else NONE,
                    nominated if type(nominated) is str and nominated else NONE, NONE)
    else:
        f = _pod_fields_any(o)
    ip, node, nominated, gates = _pod_wide_cells(o)
    return (f[1], str(f[2]), f[3], f[4], f[5] or "", str(ip), str(node), str(nominated), str(gates))


def _pod_row_plain(o: Obj, now: datetime) -> list[str] | None:
    """_pod_row_any's cells for the common pod (_pod_fields_plain), None for any other pod."""
    f = _pod_fields_plain(o)
    return None if f is None else _pod_cells(*f, now)


def _pod_fields_plain(o: Obj) -> tuple[str, str, Any, int, str, str | None] | None:
    """_pod_fields_any for the common pod -- no init containers, every container status an object -- with the
    accessors inlined (get lists 100,000 pods); None for any other pod, which _pod_fields_any then reads."""
    spec = o.get("spec")
    status = o.get("status")
    if type(spec) is not dict or type(status) is not dict or spec.get("initContainers") \
            or status.get("initContainerStatuses"):
        return None
    containers = spec.get("containers")
    total = len(containers) if type(containers) is list else 0
    phase = status.get("phase")
    if type(phase) is not str:
        phase = ""
    own_reason = status.get("reason")
    if type(own_reason) is not str:
        own_reason = ""
    reason = own_reason or phase
    conds = status.get("conditions")
    if type(conds) is list:
        for cond in conds:
            if type(cond) is not dict:
                return None
            if cond.get("type") == "PodScheduled" and cond.get("reason") == "SchedulingGated":
                reason = "SchedulingGated"
    ready = restarts = 0
    last_restart = ""
    has_running = False
    statuses = status.get("containerStatuses")
    if type(statuses) is list:
        for cs in reversed(statuses):
            if type(cs) is not dict:
                return None
            count = cs.get("restartCount")
            if type(count) is int:
                restarts += count
            elif type(count) is float:
                restarts += int(count)
            last = cs.get("lastState")
            if type(last) is dict and last:
                last_restart = _later(last_restart, _str(last, "terminated", "finishedAt"))
            state = cs.get("state")
            if type(state) is dict:
                waiting, term = state.get("waiting"), state.get("terminated")
            else:
                waiting = term = None
            if type(waiting) is dict and waiting.get("reason"):
                reason = waiting["reason"]
            elif type(term) is dict and term.get("reason"):
                reason = term["reason"]
            elif type(term) is dict:
                sig = _int(term, "signal")
                reason = f"Signal:{sig}" if sig else f"ExitCode:{_int(term, 'exitCode')}"
            elif cs.get("ready") and type(state) is dict and type(state.get("running")) is dict:
                has_running = True
                ready += 1
    if reason == "Completed" and has_running:
        reason = "Running" if _condition_status(o, "Ready") == "True" else "NotReady"
    md = o.get("metadata")
    if type(md) is not dict:
        return None
    if md.get("deletionTimestamp"):
        if own_reason == "NodeLost":
            reason = "Unknown"
        elif phase not in ("Failed", "Succeeded"):
            reason = "Terminating"
    name = md.get("name")
    created = md.get("creationTimestamp")
    return (name if type(name) is str else "", f"{ready}/{total}", reason, restarts, last_restart,
            created if type(created) is str and created else None)


def _pod_wide_cells(o: Obj) -> list[str]:
    spec, status = _dict(o, "spec"), _dict(o, "status")
    ips = _list(status, "podIPs")
    ip = (ips[0].get("ip") if ips and isinstance(ips[0], dict) else "") or NONE
    gates = _list(spec, "readinessGates")
    gates_s = NONE
    if gates:
        true_count = 0
        for g in gates:
            st = _condition_status(o, g.get("conditionType", ""))
            if st == "True":
                true_count += 1
        gates_s = f"{true_count}/{len(gates)}"
    return [ip, _str(spec, "nodeName") or NONE, _str(status, "nominatedNodeName") or NONE, gates_s]


def _pod_row_any(o: Obj, now: datetime, wide: bool) -> list[str]:
    row = _pod_cells(*_pod_fields_any(o), now)
    if wide:
        row += _pod_wide_cells(o)
    return row


def _pod_fields_any(o: Obj) -> tuple[str, str, Any, int, str, str | None]:
    """Any pod's (NAME, READY, STATUS, restart count, time of the latest restart or "", creationTimestamp or
    None): printers.go printPod, less the time."""
    spec, status = _dict(o, "spec"), _dict(o, "status")
    init_specs = {c.get("name"): c for c in _list(spec, "initContainers")}
    total = len(_list(spec, "containers")) + sum(1 for c in init_specs.values() if _is_restartable_init(c))
    ready = restarts = sidecar_restarts = 0
    last_restart = last_sidecar_restart = ""
    phase = _str(status, "phase")
    reason = _str(status, "reason") or phase
    for cond in _list(status, "conditions"):
        if cond.get("type") == "PodScheduled" and cond.get("reason") == "SchedulingGated":
            reason = "SchedulingGated"

    initializing = False
    init_statuses = _list(status, "initContainerStatuses")
    for i, cs in enumerate(init_statuses):
        restarts += _int(cs, "restartCount")
        finished = _str(cs, "lastState", "terminated", "finishedAt")
        last_restart = _later(last_restart, finished)
        sidecar = _is_restartable_init(init_specs.get(cs.get("name")))
        if sidecar:
            sidecar_restarts += _int(cs, "restartCount")
            last_sidecar_restart = _later(last_sidecar_restart, finished)
        term = _get(cs, "state", "terminated")
        waiting = _get(cs, "state", "waiting")
        if isinstance(term, dict) and _int(term, "exitCode") == 0:
            continue
        if sidecar and cs.get("started") is True:
            if cs.get("ready"):
                ready += 1
            continue
        if isinstance(term, dict):
            if not term.get("reason"):
                if _int(term, "signal"):
                    reason = f"Init:Signal:{_int(term, 'signal')}"
                else:
                    reason = f"Init:ExitCode:{_int(term, 'exitCode')}"
            else:
                reason = "Init:" + term["reason"]
        elif isinstance(waiting, dict) and waiting.get("reason") and waiting.get("reason") != "PodInitializing":
            reason = "Init:" + waiting["reason"]
        else:
            reason = f"Init:{i}/{len(init_specs)}"
        initializing = True
        break

    if not initializing or _condition_status(o, "Initialized") == "True":
        restarts, last_restart = sidecar_restarts, last_sidecar_restart
        has_running = False
        for cs in reversed(_list(status, "containerStatuses")):
            restarts += _int(cs, "restartCount")
            last_restart = _later(last_restart, _str(cs, "lastState", "terminated", "finishedAt"))
            waiting = _get(cs, "state", "waiting")
            term = _get(cs, "state", "terminated")
            if isinstance(waiting, dict) and waiting.get("reason"):
                reason = waiting["reason"]
            elif isinstance(term, dict) and term.get("reason"):
                reason = term["reason"]
            elif isinstance(term, dict):
                sig = _int(term, "signal")
                reason = f"Signal:{sig}" if sig else f"ExitCode:{_int(term, 'exitCode')}"
            elif cs.get("ready") and isinstance(_get(cs, "state", "running"), dict):
                has_running = True
                ready += 1
        # A pod whose last container completed while another still runs is not "Completed".
        if reason == "Completed" and has_running:
            reason = "Running" if _condition_status(o, "Ready") == "True" else "NotReady"

    deleting = bool(_get(o, "metadata", "deletionTimestamp"))
    if deleting and _str(status, "reason") == "NodeLost":
        reason = "Unknown"
    elif deleting and phase not in ("Failed", "Succeeded"):
        reason = "Terminating"

    return _name(o), f"{ready}/{total}", reason, restarts, last_restart, \
        _str(o, "metadata", "creationTimestamp") or None


def _deployment_row(o: Obj, now: datetime, wide: bool) -> list[str]:
    row = [
        _name(o),
        f"{_int(o, 'status', 'readyReplicas')}/{_int(o, 'spec', 'replicas')}",
        str(_int(o, "status", "updatedReplicas")),
        str(_int(o, "status", "availableReplicas")),
        _age(o, now),
    ]
    if wide:
        row += _containers_images(_dict(o, "spec", "template", "spec"))
        row.append(format_label_selector(_get(o, "spec", "selector")))
    return row


def _replicaset_row(o: Obj, now: datetime, wide: bool) -> list[str]:
    row = [
        _name(o),
        str(_int(o, "spec", "replicas")),
        str(_int(o, "status", "replicas")),
        str(_int(o, "status", "readyReplicas")),
        _age(o, now),
    ]
    if wide:
        row += _containers_images(_dict(o, "spec", "template", "spec"))
        sel = _get(o, "spec", "selector")
        # ReplicationControllers carry a plain map selector; ReplicaSets a LabelSelector.
        row.append(format_labels(sel) if o.get("kind") == "ReplicationController" else format_label_selector(sel))
    return row


def _statefulset_row(o: Obj, now: datetime, wide: bool) -> list[str]:
    row = [_name(o), f"{_int(o, 'status', 'readyReplicas')}/{_int(o, 'spec', 'replicas')}", _age(o, now)]
    if wide:
        row += _containers_images(_dict(o, "spec", "template", "spec"))
    return row


def _daemonset_row(o: Obj, now: datetime, wide: bool) -> list[str]:
    s = _dict(o, "status")
    row = [
        _name(o),
        str(_int(s, "desiredNumberScheduled")),
        str(_int(s, "currentNumberScheduled")),
        str(_int(s, "numberReady")),
        str(_int(s, "updatedNumberScheduled")),
        str(_int(s, "numberAvailable")),
        format_labels(_dict(o, "spec", "template", "spec", "nodeSelector")),
        _age(o, now),
    ]
    if wide:
        row += _containers_images(_dict(o, "spec", "template", "spec"))
        row.append(format_label_selector(_get(o, "spec", "selector")))
    return row


def _job_row(o: Obj, now: datetime, wide: bool) -> list[str]:
    spec, st = _dict(o, "spec"), _dict(o, "status")
    succeeded = _int(st, "succeeded")
    if isinstance(spec.get("completions"), int):
        completions = f"{succeeded}/{spec['completions']}"
    elif isinstance(spec.get("parallelism"), int) and spec["parallelism"] > 1:
        completions = f"{succeeded}/1 of {spec['parallelism']}"
    else:
        completions = f"{succeeded}/1"
    start, done = _str(st, "startTime"), _str(st, "completionTime")
    if not start:
        took = ""
    elif not done:
        took = translate_timestamp_since(start, now)
    else:
        took = human_duration((parse_time(done) - parse_time(start)).total_seconds())

    def has(t: str) -> bool:
        return _condition_status(o, t) == "True"

    if has("Complete"):
        status = "Complete"
    elif has("Failed"):
        status = "Failed"
    elif _get(o, "metadata", "deletionTimestamp"):
        status = "Terminating"
    elif has("Suspended"):
        status = "Suspended"
    elif has("FailureTarget"):
        status = "FailureTarget"
    elif has("SuccessCriteriaMet"):
        status = "SuccessCriteriaMet"
    else:
        status = "Running"
    row = [_name(o), status, completions, took, _age(o, now)]
    if wide:
        row += _containers_images(_dict(spec, "template", "spec"))
        row.append(format_label_selector(_get(spec, "selector")))
    return row


def _cronjob_row(o: Obj, now: datetime, wide: bool) -> list[str]:
    spec = _dict(o, "spec")
    last = _str(o, "status", "lastScheduleTime")
    row = [
        _name(o),
        _str(spec, "schedule"),
        _str(spec, "timeZone") or NONE,
        "True" if spec.get("suspend") is True else "False",
        str(len(_list(o, "status", "active"))),
        translate_timestamp_since(last, now) if last else NONE,
        _age(o, now),
    ]
    if wide:
        row += _containers_images(_dict(spec, "jobTemplate", "spec", "template", "spec"))
        row.append(format_label_selector(_get(spec, "jobTemplate", "spec", "selector")))
    return row


def _lb_ingress(o: Obj, wide: bool) -> str:
    parts = []
    for ing in _list(o, "status", "loadBalancer", "ingress"):
        if ing.get("ip"):
            parts.append(ing["ip"])
        elif ing.get("hostname"):
            parts.append(ing["hostname"])
    r = ",".join(parts)
    if not wide and len(r) > 16:
        r = r[:13] + "..."
    return r


def _service_external_ip(o: Obj, wide: bool) -> str:
    t = _str(o, "spec", "type")
    ext = [str(x) for x in _list(o, "spec", "externalIPs")]
    if t in ("ClusterIP", "NodePort"):
        return ",".join(ext) if ext else NONE
    if t == "LoadBalancer":
        lb = _lb_ingress(o, wide)
        if ext:
            return ",".join((lb.split(",") if lb else []) + ext)
        return lb or "<pending>"
    if t == "ExternalName":
        return _str(o, "spec", "externalName")
    return UNKNOWN


def _service_row(o: Obj, now: datetime, wide: bool) -> list[str]:
    spec = _dict(o, "spec")
    ips = _list(spec, "clusterIPs")
    ports = []
    for p in _list(spec, "ports"):
        proto = p.get("protocol", "TCP")
        if p.get("nodePort"):
            ports.append(f"{p.get('port')}:{p['nodePort']}/{proto}")
        else:
            ports.append(f"{p.get('port')}/{proto}")
    row = [
        _name(o),
        _str(spec, "type"),
        ips[0] if ips else NONE,
        _service_external_ip(o, wide),
        ",".join(ports) or NONE,
        _age(o, now),
    ]
    if wide:
        row.append(format_labels(_dict(spec, "selector")))
    return row


def _join_host_port(ip: str, port: Any) -> str:
    return f"[{ip}]:{port}" if ":" in ip else f"{ip}:{port}"


def _endpoints_row(o: Obj, now: datetime, wide: bool) -> list[str]:
    subsets = _list(o, "subsets")
    out: list[str] = []
    limit, more, count = 3, False, 0
    for ss in subsets:
        addrs = _list(ss, "addresses")
        ports = _list(ss, "ports")
        if not ports:
            for a in addrs:
                if len(out) == limit:
                    more = True
                    break
                out.append(a.get("ip", ""))
            count += len(addrs)
            continue
        for p in ports:
            for a in addrs:
                if len(out) == limit:
                    more = True
                    break
                out.append(_join_host_port(a.get("ip", ""), p.get("port")))
            count += len(addrs)
    text = ",".join(out)
    if more:
        text = f"{text} + {count - limit} more..."
    return [_name(o), text or NONE, _age(o, now)]


def _endpointslice_row(o: Obj, now: datetime, wide: bool) -> list[str]:
    ports = _list(o, "ports")
    if not ports:
        ports_s = UNSET
    else:
        pieces = [str(p["port"]) if p.get("port") is not None else UNSET for p in ports]
        ports_s = ",".join(pieces)
    addrs: list[str] = []
    total = 0
    for ep in _list(o, "endpoints"):
        for a in ep.get("addresses") or []:
            total += 1
            if len(addrs) < 3:
                addrs.append(a)
    eps = ",".join(addrs) if addrs else UNSET
    if total > 3:
        eps = f"{eps} + {total - 3} more..."
    return [_name(o), _str(o, "addressType"), ports_s, eps, _age(o, now)]


def _node_row(o: Obj, now: datetime, wide: bool) -> list[str]:
    ready = _condition_status(o, "Ready")
    states = ["Unknown" if ready is None else ("Ready" if ready == "True" else "NotReady")]
    if _get(o, "spec", "unschedulable") is True:
        states.append("SchedulingDisabled")
    roles = set()
    for k, v in _dict(o, "metadata", "labels").items():
        if k.startswith("node-role.kubernetes.io/"):
            role = k[len("node-role.kubernetes.io/"):]
            if role:
                roles.add(role)
        elif k == "kubernetes.io/role" and v:
            roles.add(str(v))
    info = _dict(o, "status", "nodeInfo")
    row = [
        _name(o),
        ",".join(states),
        ",".join(sorted(roles)) or NONE,
        _age(o, now),
        _str(info, "kubeletVersion"),
    ]
    if wide:
        def addr(t: str) -> str:
            for a in _list(o, "status", "addresses"):
                if a.get("type") == t:
                    return str(a.get("address", ""))
            return NONE

        row += [
            addr("InternalIP"),
            addr("ExternalIP"),
            _str(info, "osImage") or UNKNOWN,
            _str(info, "kernelVersion") or UNKNOWN,
            _str(info, "containerRuntimeVersion") or UNKNOWN,
        ]
    return row


def _namespace_row(o: Obj, now: datetime, wide: bool) -> list[str]:
    return [_name(o), _str(o, "status", "phase"), _age(o, now)]


def _configmap_row(o: Obj, now: datetime, wide: bool) -> list[str]:
    return [_name(o), str(len(_dict(o, "data")) + len(_dict(o, "binaryData"))), _age(o, now)]


def _secret_row(o: Obj, now: datetime, wide: bool) -> list[str]:
    return [_name(o), _str(o, "type"), str(len(_dict(o, "data"))), _age(o, now)]


def _serviceaccount_row(o: Obj, now: datetime, wide: bool) -> list[str]:
    return [_name(o), str(len(_list(o, "secrets"))), _age(o, now)]


def _access_modes(modes: Iterable[str]) -> str:
    short = {"ReadWriteOnce": "RWO", "ReadOnlyMany": "ROX", "ReadWriteMany": "RWX", "ReadWriteOncePod": "RWOP"}
    present = set(modes)
    # GetAccessModesAsString lists modes in this fixed order, whatever order the object gives.
    return ",".join(short[m] for m in ("ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod")
                    if m in present)  # fmt: skip


def _storage_class_of(o: Obj) -> str:
    beta = _str(o, "metadata", "annotations", "volume.beta.kubernetes.io/storage-class")
    return beta or _str(o, "spec", "storageClassName")


def _pv_row(o: Obj, now: datetime, wide: bool) -> list[str]:
    spec = _dict(o, "spec")
    claim = ""
    ref = _dict(spec, "claimRef")
    if ref:
        claim = f"{ref.get('namespace', '')}/{ref.get('name', '')}"
    status = _str(o, "status", "phase")
    if _get(o, "metadata", "deletionTimestamp"):
        status = "Terminating"
    row = [
        _name(o),
        str(_get(spec, "capacity", "storage") or ""),
        _access_modes(_list(spec, "accessModes")),
        _str(spec, "persistentVolumeReclaimPolicy"),
        status,
        claim,
        _storage_class_of(o),
        _str(spec, "volumeAttributesClassName") or UNSET,
        _str(o, "status", "reason"),
        _age(o, now),
    ]
    if wide:
        row.append(_str(spec, "volumeMode") or UNSET)
    return row


def _pvc_row(o: Obj, now: datetime, wide: bool) -> list[str]:
    spec = _dict(o, "spec")
    phase = _str(o, "status", "phase")
    if _get(o, "metadata", "deletionTimestamp"):
        phase = "Terminating"
    capacity = modes = ""
    if _str(spec, "volumeName"):
        modes = _access_modes(_list(o, "status", "accessModes"))
        capacity = str(_get(o, "status", "capacity", "storage") or "")
    row = [
        _name(o),
        phase,
        _str(spec, "volumeName"),
        capacity,
        modes,
        _storage_class_of(o),
        _str(spec, "volumeAttributesClassName") or UNSET,
        _age(o, now),
    ]
    if wide:
        row.append(_str(spec, "volumeMode") or UNSET)
    return row


def _storageclass_row(o: Obj, now: datetime, wide: bool) -> list[str]:
    name = _name(o)
    ann = _dict(o, "metadata", "annotations")
    if ann.get("storageclass.kubernetes.io/is-default-class") == "true" or \
            ann.get("storageclass.beta.kubernetes.io/is-default-class") == "true":
        name += " (default)"
    return [
        name,
        _str(o, "provisioner"),
        _str(o, "reclaimPolicy") or "Delete",
        _str(o, "volumeBindingMode") or "Immediate",
        "true" if o.get("allowVolumeExpansion") is True else "false",
        _age(o, now),
    ]


def _ingress_row(o: Obj, now: datetime, wide: bool) -> list[str]:
    rules = _list(o, "spec", "rules")
    hosts: list[str] = []
    more = False
    for r in rules:
        if len(hosts) == 3:
            more = True
        if not more and r.get("host"):
            hosts.append(r["host"])
    hosts_s = ",".join(hosts) if hosts else "*"
    if more:
        hosts_s = f"{hosts_s} + {len(rules) - 3} more..."
    return [
        _name(o),
        _str(o, "spec", "ingressClassName") or NONE,
        hosts_s,
        _lb_ingress(o, wide),
        "80, 443" if _list(o, "spec", "tls") else "80",
        _age(o, now),
    ]


def _ingressclass_row(o: Obj, now: datetime, wide: bool) -> list[str]:
    params = _dict(o, "spec", "parameters")
    p = NONE
    if params:
        group = params.get("apiGroup") or ""
        kind = params.get("kind", "")
        p = f"{kind}.{group}/{params.get('name', '')}" if group else f"{kind}/{params.get('name', '')}"
    return [_name(o), _str(o, "spec", "controller"), p, _age(o, now)]


def _hpa_targets(o: Obj) -> str:
    """The TARGETS cell: formatHPAMetrics of the v1.32 table printer, per metric type; an unset target quantity
    prints as Go's nil Quantity does (``<nil>``)."""
    specs = _list(o, "spec", "metrics")
    if not specs:
        return "<none>"
    current = _list(o, "status", "currentMetrics")

    def qty(v: Any) -> str:
        return "<nil>" if v is None else str(v)

    parts = []
    for i, m in enumerate(specs):
        t = m.get("type")
        cur = current[i] if i < len(current) and isinstance(current[i], dict) else {}
        key = {"Resource": "resource", "ContainerResource": "containerResource", "Pods": "pods",
               "External": "external", "Object": "object"}.get(t or "")
        if key is None:
            parts.append("<unknown type>")
            continue
        src = m.get(key) or {}
        target = src.get("target") or {}
        status = cur.get(key) if isinstance(cur.get(key), dict) else None
        now_v = (status or {}).get("current") or {}
        if key in ("resource", "containerResource"):
            name = src.get("name", "")
            if target.get("averageValue") is not None:
                now_s = qty(now_v.get("averageValue")) if status is not None else UNKNOWN
                parts.append(f"{name}: {now_s}/{target['averageValue']}")
            else:
                now_s = f"{now_v['averageUtilization']}%" if now_v.get("averageUtilization") is not None else UNKNOWN
                goal = f"{target['averageUtilization']}%" if target.get("averageUtilization") is not None else "<auto>"
                parts.append(f"{name}: {now_s}/{goal}")
        elif key == "pods":
            now_s = qty(now_v.get("averageValue")) if status is not None else UNKNOWN
            parts.append(f"{now_s}/{qty(target.get('averageValue'))}")
        elif target.get("averageValue") is not None:  # External and Object, an average target
            now_s = str(now_v["averageValue"]) if now_v.get("averageValue") is not None else UNKNOWN
            parts.append(f"{now_s}/{target['averageValue']} (avg)")
        else:
            now_s = qty(now_v.get("value")) if status is not None else UNKNOWN
            parts.append(f"{now_s}/{qty(target.get('value'))}")
    if len(parts) > 2:
        return ", ".join(parts[:2]) + f" + {len(parts) - 2} more..."
    return ", ".join(parts)


def _hpa_row(o: Obj, now: datetime, wide: bool) -> list[str]:
    ref = _dict(o, "spec", "scaleTargetRef")
    mn = _get(o, "spec", "minReplicas")
    return [
        _name(o),
        f"{ref.get('kind', '')}/{ref.get('name', '')}",
        _hpa_targets(o),
        str(mn) if isinstance(mn, int) else UNSET,
        str(_int(o, "spec", "maxReplicas")),
        str(_int(o, "status", "currentReplicas")),
        _age(o, now),
    ]


def _pdb_row(o: Obj, now: datetime, wide: bool) -> list[str]:
    mn, mx = _get(o, "spec", "minAvailable"), _get(o, "spec", "maxUnavailable")
    return [
        _name(o),
        "N/A" if mn is None else str(mn),
        "N/A" if mx is None else str(mx),
        str(_int(o, "status", "disruptionsAllowed")),
        _age(o, now),
    ]


def _csr_row(o: Obj, now: datetime, wide: bool) -> list[str]:
    """CertificateSigningRequest: the condition column reads Denied before Approved, else Pending, then ",Failed"
    and ",Issued" (kubernetes' printers.go)."""
    from .durations import human_duration

    types = {c.get("type") for c in _list(o, "status", "conditions") if isinstance(c, dict)}
    cond = "Denied" if "Denied" in types else "Approved" if "Approved" in types else "Pending"
    if "Failed" in types:
        cond += ",Failed"
    if _str(o, "status", "certificate"):
        cond += ",Issued"
    secs = _get(o, "spec", "expirationSeconds")
    return [_name(o), _age(o, now), _str(o, "spec", "signerName"), _str(o, "spec", "username"),
            "<none>" if secs is None else human_duration(int(secs)), cond]


def _networkpolicy_row(o: Obj, now: datetime, wide: bool) -> list[str]:
    return [_name(o), format_label_selector(_get(o, "spec", "podSelector")), _age(o, now)]


def _resourcequota_row(o: Obj, now: datetime, wide: bool) -> list[str]:
    hard, used = _dict(o, "status", "hard"), _dict(o, "status", "used")
    req: list[str] = []
    lim: list[str] = []
    for r in sorted(hard):
        piece = f"{r}: {used.get(r, '0')}/{hard[r]}"
        parts = r.split(".")
        (lim if len(parts) > 1 and parts[0] == "limits" else req).append(piece)
    return [_name(o), _age(o, now), ", ".join(req), ", ".join(lim)]


def _created_at_row(o: Obj, now: datetime, wide: bool) -> list[str]:
    return [_name(o), _str(o, "metadata", "creationTimestamp")]


def _priorityclass_row(o: Obj, now: datetime, wide: bool) -> list[str]:
    return [
        _name(o),
        str(_int(o, "value")),
        "true" if o.get("globalDefault") is True else "false",
        _age(o, now),
        _str(o, "preemptionPolicy") or "PreemptLowerPriority",
    ]


def _binding_row(o: Obj, now: datetime, wide: bool) -> list[str]:
    ref = _dict(o, "roleRef")
    row = [_name(o), f"{ref.get('kind', '')}/{ref.get('name', '')}", _age(o, now)]
    if wide:
        users, groups, sas = [], [], []
        for s in _list(o, "subjects"):
            kind = s.get("kind")
            if kind == "User":
                users.append(s.get("name", ""))
            elif kind == "Group":
                groups.append(s.get("name", ""))
            elif kind == "ServiceAccount":
                sas.append(f"{s.get('namespace', '')}/{s.get('name', '')}")
        row += [", ".join(users), ", ".join(groups), ", ".join(sas)]
    return row


def _lease_row(o: Obj, now: datetime, wide: bool) -> list[str]:
    return [_name(o), _str(o, "spec", "holderIdentity"), _age(o, now)]


def _webhook_row(o: Obj, now: datetime, wide: bool) -> list[str]:
    return [_name(o), str(len(_list(o, "webhooks"))), _age(o, now)]


def _event_source(o: Obj) -> str:
    comp = _str(o, "source", "component") or _str(o, "reportingComponent")
    host = _str(o, "source", "host") or _str(o, "reportingInstance")
    return f"{comp}, {host}" if host else comp


def _event_row(o: Obj, now: datetime, wide: bool) -> list[str]:
    first = _str(o, "firstTimestamp")
    first_s = translate_timestamp_since(first, now) if first else translate_timestamp_since(
        _str(o, "eventTime") or None, now)
    last = _str(o, "lastTimestamp")
    last_s = translate_timestamp_since(last, now) if last else first_s
    count = _int(o, "count")
    series = _dict(o, "series")
    if series:
        last_s = translate_timestamp_since(_str(series, "lastObservedTime") or None, now)
        count = _int(series, "count")
    elif count == 0:
        count = 1  # singleton events from the events.k8s.io API carry no count
    inv = _dict(o, "involvedObject")
    kind = str(inv.get("kind", "")).lower()
    target = f"{kind}/{inv['name']}" if inv.get("name") else kind
    msg = _str(o, "message").strip()
    if wide:
        return [last_s, _str(o, "type"), _str(o, "reason"), target, str(inv.get("fieldPath", "")),
                _event_source(o), msg, first_s, str(count), _name(o)]  # fmt: skip
    return [last_s, _str(o, "type"), _str(o, "reason"), target, msg]


def _default_row(o: Obj, now: datetime, wide: bool) -> list[str]:
    return [_name(o), _age(o, now)]


# ---------------------------------------------------------------------------------------------------------------
# Column definitions: (header, wide_only). The first column is the one name prefixes apply to.

_W = True
_N = False
_CIS = [("Containers", _W), ("Images", _W), ("Selector", _W)]

_PRINTERS: dict[str, tuple[list[tuple[str, bool]], RowFn]] = {
    "Pod": ([("Name", _N), ("Ready", _N), ("Status", _N), ("Restarts", _N), ("Age", _N), ("IP", _W),
             ("Node", _W), ("Nominated Node", _W), ("Readiness Gates", _W)], _pod_row),
    "Deployment": ([("Name", _N), ("Ready", _N), ("Up-to-date", _N), ("Available", _N), ("Age", _N)] + _CIS,
                   _deployment_row),
    "ReplicaSet": ([("Name", _N), ("Desired", _N), ("Current", _N), ("Ready", _N), ("Age", _N)] + _CIS,
                   _replicaset_row),
    "ReplicationController": ([("Name", _N), ("Desired", _N), ("Current", _N), ("Ready", _N), ("Age", _N)] + _CIS,
                              _replicaset_row),
    "StatefulSet": ([("Name", _N), ("Ready", _N), ("Age", _N), ("Containers", _W), ("Images", _W)],
                    _statefulset_row),
    "DaemonSet": ([("Name", _N), ("Desired", _N), ("Current", _N), ("Ready", _N), ("Up-to-date", _N),
                   ("Available", _N), ("Node Selector", _N), ("Age", _N)] + _CIS, _daemonset_row),
    "Job": ([("Name", _N), ("Status", _N), ("Completions", _N), ("Duration", _N), ("Age", _N)] + _CIS, _job_row),
    "CronJob": ([("Name", _N), ("Schedule", _N), ("Timezone", _N), ("Suspend", _N), ("Active", _N),
                 ("Last Schedule", _N), ("Age", _N)] + _CIS, _cronjob_row),
    "Service": ([("Name", _N), ("Type", _N), ("Cluster-IP", _N), ("External-IP", _N), ("Port(s)", _N), ("Age", _N),
                 ("Selector", _W)], _service_row),
    "Endpoints": ([("Name", _N), ("Endpoints", _N), ("Age", _N)], _endpoints_row),
    "EndpointSlice": ([("Name", _N), ("AddressType", _N), ("Ports", _N), ("Endpoints", _N), ("Age", _N)],
                      _endpointslice_row),
    "Node": ([("Name", _N), ("Status", _N), ("Roles", _N), ("Age", _N), ("Version", _N), ("Internal-IP", _W),
              ("External-IP", _W), ("OS-Image", _W), ("Kernel-Version", _W), ("Container-Runtime", _W)], _node_row),
    "Namespace": ([("Name", _N), ("Status", _N), ("Age", _N)], _namespace_row),
    "ConfigMap": ([("Name", _N), ("Data", _N), ("Age", _N)], _configmap_row),
    "Secret": ([("Name", _N), ("Type", _N), ("Data", _N), ("Age", _N)], _secret_row),
    "ServiceAccount": ([("Name", _N), ("Secrets", _N), ("Age", _N)], _serviceaccount_row),
    "Event": ([("Last Seen", _N), ("Type", _N), ("Reason", _N), ("Object", _N), ("Subobject", _W), ("Source", _W),
               ("Message", _N), ("First Seen", _W), ("Count", _W), ("Name", _W)], _event_row),
    "PersistentVolume": ([("Name", _N), ("Capacity", _N), ("Access Modes", _N), ("Reclaim Policy", _N),
                          ("Status", _N), ("Claim", _N), ("StorageClass", _N), ("VolumeAttributesClass", _N),
                          ("Reason", _N), ("Age", _N), ("VolumeMode", _W)], _pv_row),
    "PersistentVolumeClaim": ([("Name", _N), ("Status", _N), ("Volume", _N), ("Capacity", _N),
                               ("Access Modes", _N), ("StorageClass", _N), ("VolumeAttributesClass", _N),
                               ("Age", _N), ("VolumeMode", _W)], _pvc_row),
    "StorageClass": ([("Name", _N), ("Provisioner", _N), ("ReclaimPolicy", _N), ("VolumeBindingMode", _N),
                      ("AllowVolumeExpansion", _N), ("Age", _N)], _storageclass_row),
    "Ingress": ([("Name", _N), ("Class", _N), ("Hosts", _N), ("Address", _N), ("Ports", _N), ("Age", _N)],
                _ingress_row),
    "IngressClass": ([("Name", _N), ("Controller", _N), ("Parameters", _N), ("Age", _N)], _ingressclass_row),
    "HorizontalPodAutoscaler": ([("Name", _N), ("Reference", _N), ("Targets", _N), ("MinPods", _N),
                                 ("MaxPods", _N), ("Replicas", _N), ("Age", _N)], _hpa_row),
    "PodDisruptionBudget": ([("Name", _N), ("Min Available", _N), ("Max Unavailable", _N),
                             ("Allowed Disruptions", _N), ("Age", _N)], _pdb_row),
    "CertificateSigningRequest": ([("Name", _N), ("Age", _N), ("SignerName", _N), ("Requestor", _N),
                                   ("RequestedDuration", _N), ("Condition", _N)], _csr_row),
    "NetworkPolicy": ([("Name", _N), ("Pod-Selector", _N), ("Age", _N)], _networkpolicy_row),
    "ResourceQuota": ([("Name", _N), ("Age", _N), ("Request", _N), ("Limit", _N)], _resourcequota_row),
    "LimitRange": ([("Name", _N), ("Created At", _N)], _created_at_row),
    "PriorityClass": ([("Name", _N), ("Value", _N), ("Global-Default", _N), ("Age", _N),
                       ("PreemptionPolicy", _N)], _priorityclass_row),
    "Role": ([("Name", _N), ("Created At", _N)], _created_at_row),
    "ClusterRole": ([("Name", _N), ("Created At", _N)], _created_at_row),
    "RoleBinding": ([("Name", _N), ("Role", _N), ("Age", _N), ("Users", _W), ("Groups", _W),
                     ("ServiceAccounts", _W)], _binding_row),
    "ClusterRoleBinding": ([("Name", _N), ("Role", _N), ("Age", _N), ("Users", _W), ("Groups", _W),
                            ("ServiceAccounts", _W)], _binding_row),
    "Lease": ([("Name", _N), ("Holder", _N), ("Age", _N)], _lease_row),
    # The apiextensions server has no printer for CRDs; its default table convertor shows the creation time.
    "CustomResourceDefinition": ([("Name", _N), ("Created At", _N)], _created_at_row),
    "MutatingWebhookConfiguration": ([("Name", _N), ("Webhooks", _N), ("Age", _N)], _webhook_row),
    "ValidatingWebhookConfiguration": ([("Name", _N), ("Webhooks", _N), ("Age", _N)], _webhook_row),
}  # fmt: skip

_DEFAULT: tuple[list[tuple[str, bool]], RowFn] = ([("Name", _N), ("Age", _N)], _default_row)


def _printer(kind: Any) -> tuple[list[tuple[str, bool]], RowFn]:
    """The printer of a kind name or registry Kind; a custom kind's comes from its CRD's printer columns."""
    name = getattr(kind, "kind", kind)
    hit = _PRINTERS.get(name)
    if hit is not None:
        return hit
    group = getattr(kind, "group", "")
    if group:
        from ..apiserver.customresources import definition_for

        definition = definition_for(group, name)
        if definition is not None:
            return definition.table_printer(kind.version)
    return _DEFAULT


def columns(kind_name: str, wide: bool) -> list[str]:
    """Upper-case headers kubectl prints for ``kind_name`` (e.g. ``Deployment``)."""
    cols, _ = _printer(kind_name)
    return [name.upper() for name, wide_only in cols if wide or not wide_only]


def table_data(objs: Sequence[Obj], kind_name: Any, *, now: datetime) -> tuple[list[tuple[str, int]], list[list[str]]]:
    """The server-side Table (``as=Table``) of objects of one kind: the columns as (name, priority) -- priority 1
    for the ``-o wide`` ones -- and each object's cells. The API server's printers always generate the wide
    cells and kubectl hides the priority columns it does not show, so the rows are computed wide here too."""
    cols, row_fn = _printer(kind_name)
    return ([(name, 1 if wide_only else 0) for name, wide_only in cols],
            [[str(c) for c in row_fn(o, now, True)] for o in objs])


# ---------------------------------------------------------------------------------------------------------------
# Layout

def format_table(rows: Sequence[Sequence[str]], widths_seen: list[int] | None = None) -> str:
    """Go tabwriter as kubectl configures it (minwidth 6, padding 3, spaces): every cell but the last of a row is
    padded to its column's width; the last cell is written as is. ``widths_seen``: the column widths of what the
    same writer printed before (cli-runtime's tabwriter remembers them across flushes, as get -w prints), used as
    minimums and updated."""
    if not rows:
        return ""
    ncols = max(len(r) for r in rows)
    if widths_seen is not None:
        widths = [0] * (ncols - 1)
        for r in rows:
            for i, cell in enumerate(r[:-1]):
                widths[i] = max(widths[i], len(cell) + 3, 6)
        for i, w in enumerate(widths):
            if i < len(widths_seen):
                widths[i] = widths_seen[i] = max(w, widths_seen[i])
            else:
                widths_seen.append(w)
        return "".join("".join(cell.ljust(widths[i]) for i, cell in enumerate(r[:-1])) + (r[-1] if r else "")
                       + "\n" for r in rows)
    if ncols > 1 and all(len(r) == ncols for r in rows):
        # Every row as long as the widest (a table's): one str.format per row pads as ljust does.
        widths = [max(w + 3, 6) for w in (max(map(len, col)) for col in list(zip(*rows))[:-1])]
        line = "".join(f"{{:<{w}}}" for w in widths) + "{}\n"
        return "".join(line.format(*r) for r in rows)
    widths = [0] * ncols
    for r in rows:
        for i, cell in enumerate(r[:-1]):
            if len(cell) > widths[i]:
                widths[i] = len(cell)
    widths = [max(w + 3, 6) for w in widths]
    lines = []
    for r in rows:
        parts = [cell.ljust(widths[i]) for i, cell in enumerate(r[:-1])]
        parts.append(r[-1] if r else "")
        lines.append("".join(parts))
    return "\n".join(lines) + "\n"


def print_table(
    objs: Iterable[Obj],
    kind_name: str,
    *,
    now: datetime,
    wide: bool = False,
    show_kind: bool = False,
    kind_prefix: str = "",
    no_headers: bool = False,
    show_labels: bool = False,
    label_columns: Sequence[str] = (),
    namespace_column: bool = False,
    server_print: bool = True,
    leading: Sequence[str] = (),
    widths_seen: list[int] | None = None,
) -> str:
    """kubectl's table for objects of one kind; "" when there are none (kubectl then reports on stderr).

    ``kind_prefix`` (``deployment.apps``) is put before each name as ``deployment.apps/web`` when kubectl prints
    several types at once (``show_kind``, ``get all``). ``leading``: a cell per printed line (header included) put
    first; ``widths_seen``: see format_table. ``objs`` is read once, in order: an iterator over a store
    cursor is never held whole (only the rows' cells are).
    """
    # Also accept a registry Kind (docs/INTERNALS.md passes one; a custom kind's printer needs its group).
    # --server-print=false: kubectl prints without the server's columns, only NAME and AGE.
    cols, row_fn = _printer(kind_name) if server_print else _DEFAULT
    kind_name = getattr(kind_name, "kind", kind_name)
    headers = [name.upper() for name, wide_only in cols if wide or not wide_only]
    name_idx = next((i for i, (n, w) in enumerate(c for c in cols if wide or not c[1]) if n == "Name"), 0)
    if kind_name == "Event":
        name_idx = -1  # the Event NAME column (wide) is the event's own name, never prefixed
    label_cols = list(label_columns)
    if label_cols:
        headers += [key.split("/")[-1].upper() for key in label_cols]
    if show_labels:
        headers.append("LABELS")
    if namespace_column:
        headers.insert(0, "NAMESPACE")
    rows: list[list[str]] = [] if no_headers else [headers]
    prefix = ""
    if show_kind or kind_prefix:
        prefix = (kind_prefix or kind_name.lower()) + "/"
    if isinstance(objs, PodTableRows):
        _pod_table_rows(rows, objs, now, wide, prefix, label_cols, show_labels, namespace_column)
        objs = ()
    elif row_fn is _pod_row and not wide and not prefix and not label_cols and not show_labels \
            and not namespace_column:
        # `get pods`, the longest listing: the common pod's cells straight from _pod_row_plain (strings already).
        append, plain = rows.append, _pod_row_plain
        for o in objs:
            row = plain(o, now)
            if row is None or type(row[2]) is not str:
                row = [str(c) for c in _pod_row_any(o, now, False)]
            append(row)
        objs = ()
    for o in objs:
        row = [str(c) for c in row_fn(o, now, wide)]
        if prefix and name_idx >= 0:
            row[name_idx] = prefix + row[name_idx]
        labels = _dict(o, "metadata", "labels") if label_cols or show_labels else {}
        for key in label_cols:
            row.append(str(labels.get(key, "")))
        if show_labels:
            row.append(format_labels(labels))
        if namespace_column:
            row.insert(0, _str(o, "metadata", "namespace"))
        rows.append(row)
    if len(rows) == (0 if no_headers else 1):
        return ""
    if leading:  # a first column before the others (get -w --output-watch-events: EVENT)
        rows = [[lead, *r] for lead, r in zip(leading, rows)]
    return format_table(rows, widths_seen)


class PodTableRows:
    """Pods as the store's pod_rows index gives them (store.Tx.iter_pod_rows: namespace, name, the fields of
    pod_table_fields, labels as JSON), for print_table: `get pods` of 100,000 pods prints them without reading
    or parsing a body."""

    __slots__ = ("rows",)

    def __init__(self, rows: Iterable[tuple]):
        self.rows = rows

    def __iter__(self) -> Any:
        return iter(self.rows)


def _pod_table_rows(out: list[list[str]], pods: PodTableRows, now: datetime, wide: bool, prefix: str,
                    label_cols: list[str], show_labels: bool, namespace_column: bool) -> None:
    """print_table's rows (what _pod_row and the label and namespace columns make) from pod_rows index rows."""
    append = out.append
    plain = not (prefix or label_cols or show_labels or namespace_column)
    loads = None
    for ns, name, ready, status, restarts, last, created, ip, node, nominated, gates, labels_json in pods:
        if restarts and last:
            row = [name, ready, status, f"{restarts} ({translate_timestamp_since(last, now)} ago)",
                   _since(created or None, now)]
        else:
            row = [name, ready, status, str(restarts), _since(created or None, now)]
        if wide:
            row += (ip, node, nominated, gates)
        if plain:
            append(row)
            continue
        if prefix:
            row[0] = prefix + name
        if label_cols or show_labels:
            if loads is None:
                import json

                loads = json.loads
            labels = loads(labels_json)
            for key in label_cols:
                row.append(str(labels.get(key, "")))
            if show_labels:
                row.append(format_labels(labels))
        if namespace_column:
            row.insert(0, ns)
        append(row)


def print_events_table(events: Sequence[Obj], *, now: datetime, wide: bool = False, no_headers: bool = False,
                       namespace_column: bool = False) -> str:
    """``kubectl get events``: LAST SEEN TYPE REASON OBJECT MESSAGE (wide adds the rest)."""
    return print_table(events, "Event", now=now, wide=wide, no_headers=no_headers,
                       namespace_column=namespace_column)
