"""The API server's request path over the store: admission (defaults, allocation, service-account wiring),
validation, and the write itself. Both the CLI and the controllers create and update objects through here, so a
pod made by a ReplicaSet gets exactly the defaults a pod applied by hand gets.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from ..api.keys import group_of, key_of
from ..api.validation import GoRepr, go_string_slice
from ..errors import BadRequest, FieldError, Forbidden, Invalid, NotFound, ServerError

if TYPE_CHECKING:
    from ..store.store import Tx

KUBERNETES_SERVICE_IP = "10.96.0.1"
NODE_PORT_RANGE = (30000, 32767)
LB_FIRST = 200
# The ipaddress networks SERVICE_CIDR and LB_POOL (the simulated load balancer pool, as MetalLB on a kind network
# would hand out: documented in README) are made on first use, by _network or as module attributes: validate
# imports this module and never needs ipaddress (about 1 ms of its start-up).
_NETWORKS = {"SERVICE_CIDR": "10.96.0.0/12", "LB_POOL": "172.18.255.0/24"}


def _network(name: str) -> Any:
    net = globals().get(name)
    if net is None:
        if name not in _NETWORKS:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        import ipaddress

        net = globals()[name] = ipaddress.ip_network(_NETWORKS[name])
    return net


__getattr__ = _network


_NAMESPACED: dict[tuple[str, str], bool] = {}


def namespaced(group: str, kind: str) -> bool:
    hit = _NAMESPACED.get((group, kind))
    if hit is not None:
        return hit
    from ..api import registry

    try:
        k = registry.kind_for(group, kind)
    except Exception:  # noqa: BLE001 - unknown kinds: assume namespaced, as most are
        return True
    if k.verbs is registry.CUSTOM_VERBS:
        return k.namespaced  # a custom kind: its CRD may change, so it is not remembered
    if len(_NAMESPACED) < 1024:
        _NAMESPACED[(group, kind)] = k.namespaced
    return k.namespaced


def _ensure_namespace(tx: Tx, obj: dict) -> None:
    md = obj["metadata"]
    g, k = group_of(obj.get("apiVersion", "")), obj.get("kind", "")
    if not namespaced(g, k):
        md.pop("namespace", None)
        return
    ns = md.get("namespace") or "default"
    md["namespace"] = ns
    nsobj = tx.peek(("", "Namespace", "", ns))  # read only
    if nsobj is None:
        raise NotFound(f'namespaces "{ns}" not found')
    if (nsobj.get("metadata") or {}).get("deletionTimestamp"):
        from ..errors import Forbidden

        raise Forbidden(
            f'{k.lower()}s "{md.get("name", "")}" is forbidden: unable to create new content in namespace {ns} '
            "because it is being terminated"
        )


def _generate_name(tx: Tx, obj: dict) -> None:
    md = obj["metadata"]
    if not md.get("name") and md.get("generateName"):
        # The API server retries a generated name that is taken, so collisions never reach the caller.
        for _ in range(16):
            md["name"] = md["generateName"] + tx.env.suffix(5)
            if not tx.exists(key_of(obj)):
                break


def _secret_string_data(obj: dict) -> None:
    """stringData is write-only: the API server's conversion merges it into data (base64), overriding, so its keys
    are validated as data keys and its values are never stored or printed in clear."""
    if obj.get("kind") != "Secret" or group_of(obj.get("apiVersion", "")) or "stringData" not in obj:
        return
    import base64

    sd = obj.pop("stringData")
    if isinstance(sd, dict) and sd:
        # A new map: on update the body may share its data map with the stored object (a merge keeps what the
        # client left out), which must not change under the validation that compares them.
        data = obj["data"] = dict(obj["data"]) if isinstance(obj.get("data"), dict) else {}
        for k, v in sd.items():
            data[k] = base64.b64encode(str(v).encode("utf-8")).decode("ascii")


def admit(tx: Tx, obj: dict) -> None:
    """Mutating admission and defaulting for a create."""
    from ..api import defaults

    kind = obj.get("kind")
    _secret_string_data(obj)
    defaults.apply_defaults(obj)
    from . import admission  # DefaultStorageClass, LimitRanger

    admission.mutate(tx, obj)
    if kind == "Pod":
        if obj.get("apiVersion") == "v1":
            admission.admit_pod(tx, obj)
        _admit_pod(tx, obj)
    elif kind == "PriorityClass":
        admission.admit_priority_class(tx, obj)
    elif kind == "Service":
        _allocate_service(tx, obj)
    elif kind == "Job" and group_of(obj.get("apiVersion", "")) == "batch":
        _admit_job(tx, obj)
    elif kind == "CertificateSigningRequest" and group_of(obj.get("apiVersion", "")) == "certificates.k8s.io":
        # The CSR strategy's PrepareForCreate: the requester is who sent it (the CLI is the cluster's admin), and
        # no request is created pre-approved.
        from .authn import ADMIN

        spec = obj.setdefault("spec", {})
        for key in ("uid", "extra"):
            spec.pop(key, None)
        spec["username"], spec["groups"] = ADMIN.name, list(ADMIN.groups)
        obj["status"] = {}
    elif kind == "Namespace":
        md = obj["metadata"]
        md.setdefault("labels", {})["kubernetes.io/metadata.name"] = md.get("name", "")
        obj.setdefault("spec", {}).setdefault("finalizers", ["kubernetes"])
        obj["status"] = {"phase": "Active"}


def _admit_validate_pod(tx: Tx, pod: dict) -> None:
    """admit() then validate_new() for a v1 Pod, with the pure parts remembered across pods of one template.

    Defaulting is memoized by the spec's content (defaults.apply_pod_defaults). The spec's validation is keyed on
    the defaulted spec before ServiceAccount admission adds its token volume (whose name has a random suffix, so
    the final spec differs per pod): a defaulted spec that validates stays valid with that volume and its mounts
    added, as long as the volume's name is a DNS label no volume or mount of the spec already uses (admission adds
    nothing when a container already mounts the token path). LimitRanger defaults (a LimitRange in the namespace)
    or an invalid spec take the full validation of the final spec, as before."""
    defaults, validation, admission = _api()
    image = defaults.apply_pod_defaults(pod)
    names = None
    if tx.list_cached("", "LimitRange", pod["metadata"].get("namespace") or "default"):
        admission.mutate(tx, pod)  # LimitRanger
    elif image is not None:
        names = validation.pod_spec_names_if_valid(image, pod["spec"])
    admission.admit_pod(tx, pod)  # Priority, ServiceAccount
    added = defaults.pod_admission(pod, tx.env.suffix(5))
    spec_valid = names is not None and (
        added is None or (added not in names and not validation.is_dns1123_label(added)))
    errs = validation.validate_create(pod, spec_valid=spec_valid)
    if errs:
        raise Invalid(pod.get("kind", ""), pod["metadata"].get("name", ""), errs)


_API: tuple = ()


def _api() -> tuple:
    """(defaults, validation, admission), imported on first use (commands that create nothing do without)."""
    global _API
    if not _API:
        from ..api import defaults, validation
        from . import admission

        _API = (defaults, validation, admission)
    return _API


def _admit_pod(tx: Tx, pod: dict) -> None:
    """What admission plugins add to a pod: the service account token volume, the not-ready/unreachable
    tolerations, priority."""
    from ..api import defaults

    defaults.pod_admission(pod, tx.env.suffix(5))


def _admit_job(tx: Tx, job: dict) -> None:
    """Job PrepareForCreate: the selector and pod labels carry the uid the store is about to assign (the store
    draws it next from the same generator, so peek at it without consuming it)."""
    from ..api import defaults

    state = tx.env.rand.getstate()
    uid = tx.env.uid()
    tx.env.rand.setstate(state)
    defaults.job_defaults(job, uid)


def _alloc_key(kind: str, value: str) -> str:
    return f"alloc/{kind}/{value}"


# What the API server answers when a range has nothing left (its allocators' ErrFull, wrapped as an internal error).
_FULL = {"clusterip": "failed to allocate a serviceIP: range is full",
         "nodeport": "failed to allocate a nodePort: range is full"}


class RangeFull(ServerError):
    """A pool with nothing left: the API server's InternalError for Service IPs and node ports; the simulated
    load-balancer pool's callers catch it and leave the object pending, as a load-balancer controller does."""

    def __init__(self, pool: str):
        super().__init__("Internal error occurred: " + _FULL.get(pool, f"no {pool} available: range is full"))
        self.pool = pool


def _allocate(tx: Tx, kind: str, candidates: Any, owner: str) -> str:
    for value in candidates:
        if tx.meta_get(_alloc_key(kind, value)) is None:
            tx.meta_set(_alloc_key(kind, value), owner)
            return value
    raise RangeFull(kind)


def release(tx: Tx, kind: str, value: str) -> None:
    tx.meta_delete(_alloc_key(kind, value))


def kubernetes_service_ip(service_subnet: str) -> str:
    """The ``kubernetes`` Service's ClusterIP: the first address of the service range."""
    import ipaddress

    return str(ipaddress.ip_network(service_subnet).network_address + 1)


def _service_cidr(tx: Tx) -> Any:
    """The cluster's service range: from its config (meta ``cluster/serviceSubnet``), else SERVICE_CIDR."""
    import ipaddress

    configured = tx.meta_get("cluster/serviceSubnet")
    return ipaddress.ip_network(configured) if configured else _network("SERVICE_CIDR")


def _static_band(size: int, step: int, most: int) -> int:
    """The allocators' static band (ServiceIPStaticSubrange / ServiceNodePortStaticSubrange): the first
    min(max(16, size/step), most) values of a range of ``size`` are left to values users ask for; values drawn
    for them come from the rest first, and from the band only when the rest is full."""
    if size < 16:
        return 0
    return min(max(16, size // step), most)


def _random_cluster_ips(tx: Tx) -> Any:
    import ipaddress

    cidr = _service_cidr(tx)
    n = cidr.num_addresses
    base = int(cidr.network_address)
    if n <= 18:  # a small range: no random tries past its end
        for off in range(2, n - 1):
            yield str(ipaddress.ip_address(base + off))
        return
    # Offsets from the first usable address (network + 1); the static band is the range's first ones.
    band = _static_band(n, 16, 256)
    for _ in range(64):
        off = 1 + tx.env.rand.randrange(band, n - 2)
        yield str(ipaddress.ip_address(base + off))
    for off in list(range(1 + band, n - 1)) + list(range(2, 1 + band)):
        yield str(ipaddress.ip_address(base + off))


def _random_node_ports(tx: Tx) -> Any:
    lo, hi = NODE_PORT_RANGE
    band = _static_band(hi - lo + 1, 32, 128)  # 86 of 30000-32767: 30000-30085 stay for ports users name
    for _ in range(64):
        yield str(tx.env.rand.randint(lo + band, hi))
    for p in list(range(lo + band, hi + 1)) + list(range(lo, lo + band)):
        yield str(p)


def _allocate_service(tx: Tx, svc: dict) -> None:
    spec = svc.setdefault("spec", {})
    owner = f"{svc['metadata'].get('namespace')}/{svc['metadata'].get('name')}"
    stype = spec.get("type", "ClusterIP")
    if stype == "ExternalName":
        return
    from ..api import corevalidation

    pre = [e for e in corevalidation.service_extra(spec) if e.path == "spec.clusterIPs"]
    if pre:  # the allocator's pre-validation (ValidateServiceClusterIPsRelatedFields) refuses alone
        raise Invalid("Service", svc["metadata"].get("name", ""), pre)
    ip = spec.get("clusterIP")
    if ip in (None, ""):
        ip = _allocate(tx, "clusterip", _random_cluster_ips(tx), owner)
        spec["clusterIP"] = ip
    elif ip != "None":
        if tx.meta_get(_alloc_key("clusterip", ip)) is not None:
            raise Invalid(
                "Service",
                svc["metadata"].get("name", ""),
                [FieldError("spec.clusterIPs", "Invalid value", f"failed to allocate IP {ip}: provided IP is already allocated",
                            GoRepr(go_string_slice([ip])), True)],
            )
        tx.meta_set(_alloc_key("clusterip", ip), owner)
    spec["clusterIPs"] = [ip]
    if stype in ("NodePort", "LoadBalancer"):
        _init_node_ports(tx, svc, owner, _needs_node_ports(spec))
    svc.setdefault("status", {}).setdefault("loadBalancer", {})


def _init_node_ports(tx: Tx, svc: dict, owner: str, allocate: bool) -> None:
    """The Service registry's node-port allocation on create, which runs before validation: ports with the same
    port number share one node port (the first one asked for among them, else a new one); a node port asked for
    that is taken (by another Service, or by an earlier port of this one) is refused with the allocator's text."""
    ports = (svc.get("spec") or {}).get("ports") or []
    by_port: dict[Any, int] = {}
    taken: set[int] = set()

    def take(i: int, np: int) -> None:
        lo, hi = NODE_PORT_RANGE
        if not lo <= np <= hi:  # the port allocator's range check (v1.32 portallocator ErrNotInRange)
            raise Invalid("Service", svc["metadata"].get("name", ""), [FieldError(
                f"spec.ports[{i}].nodePort", "Invalid value",
                f"provided port is not in the valid range. The range of valid ports is {lo}-{hi}", np, True)])
        holder = tx.meta_get(_alloc_key("nodeport", str(np)))
        if np in taken or (holder is not None and holder != owner):
            raise Invalid("Service", svc["metadata"].get("name", ""), [FieldError(
                f"spec.ports[{i}].nodePort", "Invalid value", "provided port is already allocated", np, True)])
        taken.add(np)
        tx.meta_set(_alloc_key("nodeport", str(np)), owner)

    for i, p in enumerate(ports):
        if not isinstance(p, dict) or (not p.get("nodePort") and not allocate):
            continue
        have = by_port.get(p.get("port"), 0)
        if not have:
            asked = next((q.get("nodePort") for q in ports
                          if isinstance(q, dict) and q.get("port") == p.get("port") and q.get("nodePort")), 0)
            if asked:
                take(i, asked)
                p["nodePort"] = asked
            else:
                p["nodePort"] = int(_allocate(tx, "nodeport", _random_node_ports(tx), owner))
                taken.add(p["nodePort"])
            by_port[p.get("port")] = p["nodePort"]
        elif p.get("nodePort") != have:
            if not p.get("nodePort"):
                p["nodePort"] = have
            else:
                take(i, p["nodePort"])


def _check_node_ports(tx: Tx, svc: dict, owner: str) -> None:
    """An explicit node port another Service holds is refused, as the port allocator does."""
    errs = []
    for i, p in enumerate((svc.get("spec") or {}).get("ports") or []):
        np = p.get("nodePort")
        if np:
            holder = tx.meta_get(_alloc_key("nodeport", str(np)))
            if holder is not None and holder != owner:
                errs.append(FieldError(f"spec.ports[{i}].nodePort", "Invalid value", "provided port is already allocated",
                                       np, True))
    if errs:
        raise Invalid("Service", svc["metadata"].get("name", ""), errs)


def release_service(tx: Tx, svc: dict) -> None:
    spec = svc.get("spec") or {}
    ip = spec.get("clusterIP")
    if ip and ip != "None":
        release(tx, "clusterip", ip)
    for p in spec.get("ports") or []:
        if p.get("nodePort"):
            release(tx, "nodeport", str(p["nodePort"]))
    for ing in ((svc.get("status") or {}).get("loadBalancer") or {}).get("ingress") or []:
        if ing.get("ip"):
            release(tx, "lbip", ing["ip"])


def _needs_node_ports(spec: dict) -> bool:
    t = spec.get("type", "ClusterIP")
    return t == "NodePort" or (t == "LoadBalancer" and spec.get("allocateLoadBalancerNodePorts") is not False)


def _normalize_cluster_ips(new: dict, old: dict) -> None:
    """The Service strategy's normalizeClusterIPs on update: a clusterIP changed while clusterIPs was left as it
    was becomes the first of clusterIPs (so validation sees the change); cleared, it clears clusterIPs."""
    spec, ospec = new.get("spec") or {}, old.get("spec") or {}
    ip = spec.get("clusterIP")
    if ip and ip != ospec.get("clusterIP") and spec.get("clusterIPs") == ospec.get("clusterIPs"):
        spec["clusterIPs"] = [ip]
    elif not ip and ospec.get("clusterIP") and spec.get("clusterIPs") == ospec.get("clusterIPs"):
        spec.pop("clusterIPs", None)  # the client cleared clusterIP (going ExternalName): clusterIPs goes with it


def _drop_type_dependent_fields(new: dict, old: dict) -> None:
    """The Service strategy's PrepareForUpdate when the type changes: values only the old type needed (node ports,
    health check port, external traffic policy, load-balancer fields) are dropped when the client left them as they
    were; a change to ExternalName drops the cluster IPs, IP families and family policy left as they were."""
    spec, ospec = new.get("spec") or {}, old.get("spec") or {}
    ntype, otype = spec.get("type", "ClusterIP"), ospec.get("type", "ClusterIP")
    if ntype == otype:
        return
    if ntype == "ExternalName" and otype != "ExternalName":
        if spec.get("clusterIP") == ospec.get("clusterIP") and spec.get("clusterIPs") == ospec.get("clusterIPs"):
            spec.pop("clusterIP", None)
            spec.pop("clusterIPs", None)
        for field in ("ipFamilies", "ipFamilyPolicy"):
            if spec.get(field) == ospec.get(field):
                spec.pop(field, None)
    external = ("NodePort", "LoadBalancer")
    if otype in external and ntype not in external:
        nports = [p.get("nodePort") for p in spec.get("ports") or [] if isinstance(p, dict)]
        oports = [p.get("nodePort") for p in ospec.get("ports") or [] if isinstance(p, dict)]
        if nports == oports:
            for p in spec.get("ports") or []:
                if isinstance(p, dict):
                    p.pop("nodePort", None)
        if spec.get("externalTrafficPolicy") == ospec.get("externalTrafficPolicy"):
            spec.pop("externalTrafficPolicy", None)
    if otype == "LoadBalancer" and ntype != "LoadBalancer":
        if spec.get("healthCheckNodePort") == ospec.get("healthCheckNodePort"):
            spec.pop("healthCheckNodePort", None)
        spec.pop("allocateLoadBalancerNodePorts", None)
        if spec.get("loadBalancerClass") == ospec.get("loadBalancerClass"):
            spec.pop("loadBalancerClass", None)


def _update_service(tx: Tx, new: dict, old: dict, dry_run: bool) -> None:
    """What the Service registry does on update: values the client left out that were allocated before are kept
    (clusterIP, node ports matched by port name, healthCheckNodePort); ports that need a node port and have none get
    one; node ports no longer used are released."""
    spec = new.setdefault("spec", {})
    ospec = old.get("spec") or {}
    owner = f"{new['metadata'].get('namespace')}/{new['metadata'].get('name')}"
    if spec.get("type", "ClusterIP") != "ExternalName" and ospec.get("type", "ClusterIP") != "ExternalName":
        if not spec.get("clusterIP") and ospec.get("clusterIP"):
            spec["clusterIP"] = ospec["clusterIP"]
        if not spec.get("clusterIPs") and ospec.get("clusterIPs"):
            spec["clusterIPs"] = list(ospec["clusterIPs"])
    old_ports = [p for p in ospec.get("ports") or [] if p.get("nodePort")]
    if _needs_node_ports(ospec) and _needs_node_ports(spec):
        used = {p["nodePort"] for p in old_ports} & {p.get("nodePort") for p in spec.get("ports") or []}
        by_name = {p.get("name", ""): p["nodePort"] for p in old_ports}
        for p in spec.get("ports") or []:
            if not p.get("nodePort"):
                v = by_name.get(p.get("name", ""))
                if v and v not in used:
                    p["nodePort"] = v
                    used.add(v)
        if not spec.get("healthCheckNodePort") and ospec.get("healthCheckNodePort"):
            spec["healthCheckNodePort"] = ospec["healthCheckNodePort"]
    if _needs_node_ports(spec):
        _check_node_ports(tx, new, owner)
    if dry_run:
        return
    if _needs_node_ports(spec):
        for p in spec.get("ports") or []:
            if not p.get("nodePort"):
                p["nodePort"] = int(_allocate(tx, "nodeport", _random_node_ports(tx), owner))
            else:
                tx.meta_set(_alloc_key("nodeport", str(p["nodePort"])), owner)
    kept = {p.get("nodePort") for p in spec.get("ports") or []}
    for p in old_ports:
        if p["nodePort"] not in kept:
            release(tx, "nodeport", str(p["nodePort"]))
    old_ip = ospec.get("clusterIP")
    if old_ip and old_ip != "None" and not spec.get("clusterIP"):
        release(tx, "clusterip", old_ip)  # the cluster IP an ExternalName service no longer has


def lb_pool_text() -> str:
    import ipaddress

    base = int(_network("LB_POOL").network_address)
    return f"{ipaddress.ip_address(base + LB_FIRST)}-{ipaddress.ip_address(base + 250)}"


def allocate_lb_ip(tx: Tx, svc: dict) -> str:
    owner = f"{svc['metadata'].get('namespace')}/{svc['metadata'].get('name')}"
    import ipaddress

    base = int(_network("LB_POOL").network_address)
    cands = (str(ipaddress.ip_address(base + i)) for i in range(LB_FIRST, 251))
    return _allocate(tx, "lbip", cands, owner)


def validate_new(obj: dict) -> list[FieldError]:
    from ..api import validation

    return validation.validate_create(obj)


def decode(obj: dict, kind: Any, field_validation: str = "strict") -> list[str]:
    """The request body through the server's decoder with ``fieldValidation`` "strict", "warn" or "ignore": a body
    that does not decode raises BadRequest (under "strict", unknown fields too); under "warn" the unknown fields
    are returned as the warning texts the server sends."""
    from ..api import schema

    strict = field_validation == "strict"
    custom = custom_definition(obj)
    if custom is not None:
        detail = custom.decode_error(obj, strict)
        if detail:
            raise BadRequest(detail)
        return [f'unknown field "{u}"' for u in custom.unknown_fields(obj)] if field_validation == "warn" else []
    detail = schema.decode_error(obj, kind, strict=strict)
    if detail:
        raise BadRequest(detail)
    return schema.unknown_fields(obj, kind) if field_validation == "warn" else []


_NULL_CHECKS = [0]  # objects _may_hold_null has encoded with the json module in this process
_NULL_CHECKS_BEFORE_ORJSON = 20


def _may_hold_null(obj: dict) -> bool:
    """False only if no value in ``obj`` is None: its JSON text has no ``null`` at all (a None key or value is
    written ``null``). Anything the encoder refuses (orjson: non-string keys, huge integers) answers True, which
    only costs the walk. The first objects of a process are encoded with the json module: importing orjson (it
    imports dataclasses, inspect and uuid) costs about 6 ms, more than `apply -f` of one object spends encoding."""
    if obj.__class__ is not dict:
        return True
    if _NULL_CHECKS[0] < _NULL_CHECKS_BEFORE_ORJSON and "orjson" not in sys.modules:
        _NULL_CHECKS[0] += 1
        import json

        try:
            return "null" in json.dumps(obj)
        except Exception:  # noqa: BLE001 - not JSON (a cycle, a type json does not write): walk it
            return True
    import orjson

    try:
        return b"null" in orjson.dumps(obj)
    except TypeError:
        return True


def decode_nulls(obj: dict) -> dict:
    """The request body as the API server decodes it: a JSON null in a typed field is the field left out (see
    ``api.schema.omit_nulls``). Kinds without a built-in schema keep their nulls."""
    if not _may_hold_null(obj):
        return obj  # nothing to leave out (the usual case): no walk
    from ..api import registry, schema

    try:
        kind = registry.by_api_version_kind(obj.get("apiVersion", ""), obj.get("kind", ""))
    except Exception:  # noqa: BLE001 - custom resources: their CRD's schema decides
        return obj
    return schema.omit_nulls(obj, kind)


# Kinds whose Go status struct has only omitempty fields: the server stores and returns a new object with
# `status: {}` (a struct is never omitted) until a controller writes one, as a dry-run create shows (recorded:
# k8s-recordings scenario 21-diff step 1 for a Deployment; Job and CronJob from their types, derived).
EMPTY_STATUS_KINDS = {("apps", "Deployment"), ("batch", "Job"), ("batch", "CronJob")}


def create(tx: Tx, obj: dict, dry_run: bool = False, handoff: bool = False,
           warnings: list[str] | None = None, null_free: bool = False) -> dict:
    """Create as the API server does: decode, namespace check, admission, validation, write. ``warnings`` (when
    given) receives the texts the server returns with a successful create, for the client to print. ``null_free``:
    the caller knows ``obj`` holds no JSON null (a controller's pod from a template without one), so decoding
    would leave it as it is."""
    if not null_free:
        decode_nulls(obj)
    obj.setdefault("metadata", {})
    _ensure_namespace(tx, obj)
    _generate_name(tx, obj)
    pre = validate_new_pre(obj)
    if pre:
        raise Invalid(obj.get("kind", ""), obj["metadata"].get("name") or "", pre)
    custom = custom_definition(obj)
    if custom is not None:
        custom.prepare_for_create(obj)
        errs = custom.validate(obj)
        if errs:
            raise Invalid(obj.get("kind", ""), obj["metadata"].get("name", ""), errs)
    elif obj.get("kind") == "Pod" and obj.get("apiVersion") == "v1":
        _admit_validate_pod(tx, obj)
    else:
        admit(tx, obj)
        errs = validate_new(obj)
        if errs:
            raise Invalid(obj.get("kind", ""), obj["metadata"].get("name", ""), errs)
        if obj.get("kind") == "Job" and group_of(obj.get("apiVersion", "")) == "batch":
            from ..api import defaults

            defaults.job_labels_from_template(obj)
    _api()[2].validate(tx, obj)  # validating admission: LimitRanger min/max, ResourceQuota
    psa_warnings = _pod_security(tx, obj)
    if warnings is not None:
        from ..api import warnings as server_warnings

        if custom is not None:
            deprecated = custom.deprecation_warning(obj.get("apiVersion", ""))
            if deprecated:
                warnings.append(deprecated)
        else:
            warnings.extend(server_warnings.on_create(obj))
        warnings.extend(psa_warnings)
    if custom is None and "status" not in obj and (group_of(obj.get("apiVersion", "")), obj.get("kind")) in \
            EMPTY_STATUS_KINDS:
        obj["status"] = {}
    if obj.get("kind") == "CustomResourceDefinition" and group_of(obj.get("apiVersion", "")) == CRD_GROUP:
        from .customresources import establish

        establish(obj, tx.env.now_str())
        _crds_changed(tx)
    if dry_run:
        existing = tx.peek(key_of(obj))
        if existing is not None:
            from ..errors import AlreadyExists
            from ..store.store import group_resource

            k = key_of(obj)
            raise AlreadyExists(f'{group_resource(k[0], k[1])} "{k[3]}" already exists')
        # A dry-run create answers the object as created (the system fields filled), without a resourceVersion:
        # nothing was stored (recorded: k8s-recordings 21-diff step 1, kubectl diff's dry-run create).
        from ..store.store import GENERATION_KINDS

        md = obj["metadata"]
        md["uid"] = tx.env.uid()
        md["creationTimestamp"] = tx.env.now_str()
        if (group_of(obj.get("apiVersion", "")), obj.get("kind")) in GENERATION_KINDS:
            md["generation"] = 1
        return obj
    return tx.create(obj, handoff=handoff)  # handoff: the caller will not change obj again (Tx.create)


class TemplatePods:
    """The rest of a controller's burst of pods from one template (a replica set's sync), made from the first one
    as create() admitted, validated and stored it instead of going through admission and validation again.

    What create() does differs between such pods only in what is drawn for each: the generated name, the suffix
    of the service account token volume, and the store's uid, creation time and resourceVersion (Tx.create). So a
    pod is the first one's text parsed again with those put in place, drawn in create()'s order (name, volume
    suffix, uid) from the same generator. The rest of admission reads what cannot change within the burst (the
    namespace, its PodSecurity labels, the service account, priority classes), or what a burst with none of them
    has no part of: a namespace with a LimitRange or a ResourceQuota (which count every pod) is not eligible
    (``of`` answers None) and each pod takes create(). A generated name is valid exactly when the first one was
    (same length, and the suffix is alphanumeric); a volume name that collides with one of the template's own
    volumes or mounts takes the full validation, which refuses it as create() would."""

    def __init__(self, text: str, volume: bool, others: frozenset[str], requests: tuple[int, int]) -> None:
        self.text = text  # the first pod as stored, its name, token volume name and system fields to be replaced
        self.volume = volume  # whether admission added the token volume (and a mount of it to every container)
        self.others = others  # the other volume and mount names of the spec
        self.requests = requests  # the pods' requests (of the spec, the same for all: Tx.pod_requests)

    @classmethod
    def of(cls, tx: Tx, first: dict) -> "TemplatePods | None":
        """From a pod create() has just stored (not changed since); None when the rest must take create()."""
        import json

        from ..api.defaults import SERVICE_ACCOUNT_MOUNT_PATH

        md, spec = first.get("metadata"), first.get("spec")
        if first.get("kind") != "Pod" or first.get("apiVersion") != "v1" or not isinstance(md, dict) or \
                not isinstance(spec, dict) or not md.get("generateName"):
            return None
        ns = md.get("namespace") or ""
        if tx.list_cached("", "LimitRange", ns) or tx.list_cached("", "ResourceQuota", ns):
            return None
        containers = [c for g in ("initContainers", "containers") for c in spec.get(g) or ()]
        volumes = spec.get("volumes") or []
        others: set[str] = set()
        added = None
        last = volumes[-1] if volumes else None
        if isinstance(last, dict) and str(last.get("name", "")).startswith("kube-api-access-") and containers and all(
                isinstance(c, dict) and c.get("volumeMounts") and isinstance(c["volumeMounts"][-1], dict)
                and c["volumeMounts"][-1].get("name") == last["name"]
                and c["volumeMounts"][-1].get("mountPath") == SERVICE_ACCOUNT_MOUNT_PATH for c in containers):
            added = last["name"]
            others.update(str(v.get("name")) for v in volumes[:-1] if isinstance(v, dict))
            others.update(str(m.get("name")) for c in containers for m in c["volumeMounts"][:-1]
                          if isinstance(m, dict))
        elif any(isinstance(c, dict) and any(isinstance(m, dict) and m.get("mountPath") == SERVICE_ACCOUNT_MOUNT_PATH
                                             for m in c.get("volumeMounts") or ()) for c in containers) or \
                spec.get("automountServiceAccountToken") is False:
            added = None  # admission added nothing, and adds nothing to the next pod either
        else:
            return None
        text = json.dumps(first)
        # Each value drawn for the first pod appears where it was put and nowhere else (a sanity check: the copies
        # replace them by position, not by text).
        for value, times in ((md.get("name"), 1), (md.get("uid"), 1), (added, 1 + len(containers))):
            if value is not None and text.count(f'"{value}"') != times:
                return None
        return cls(text, added is not None, frozenset(others), tx.pod_requests(first))

    def create(self, tx: Tx) -> dict:
        """The next pod, stored (Tx.create with handoff: the caller does not change it)."""
        pod = tx.loads(self.text)
        md = pod["metadata"]
        k = ("", "Pod", md["namespace"], "")
        gen = md["generateName"]
        suffix = tx.env.suffix
        for _ in range(16):  # as _generate_name
            md["name"] = name = gen + suffix(5)
            if not tx.exists(("", "Pod", k[2], name)):
                break
        vsuffix = suffix(5)  # drawn as _admit_validate_pod draws it, whether or not admission adds the volume
        if self.volume:
            vname = "kube-api-access-" + vsuffix
            spec = pod["spec"]
            spec["volumes"][-1]["name"] = vname
            for g in ("initContainers", "containers"):
                if g in spec:
                    for c in spec[g]:
                        c["volumeMounts"][-1]["name"] = vname
            if vname in self.others:
                from ..api import validation

                errs = validation.validate_create(pod, spec_valid=False)
                if errs:
                    raise Invalid("Pod", name, errs)
        tx.create(pod, handoff=True)
        tx.note_pod_requests(md["uid"], self.requests)
        return pod


def create_errors_offline(obj: dict, kind: Any, spec_certainly_valid: Any = None,
                          null_free: bool = False, spec_prechecked: bool = False) -> list[FieldError]:
    """The field errors ``create`` answers for ``obj`` with no cluster to read (what `pykubectl validate` reports):
    the same decoding of nulls, namespace defaulting, name check, conversion, defaulting (a Job's selector with a
    placeholder uid, which validates as any uid does) and validation, without the admission plugins that read the
    cluster and without the write. Changes ``obj`` in place. ``spec_certainly_valid(obj)`` (optional), asked after
    defaulting: ``True`` only where the kind's spec rules would find nothing, so only the metadata is checked.
    ``null_free``: the caller knows no value in ``obj`` is None, so decoding nulls would leave it as it is.
    ``spec_prechecked``: the caller knows more (``validate.fastrules.raw_certainly_valid``: a built-in kind, no
    None anywhere, and once defaulted the kind's spec rules find nothing), so neither the defaults, which change
    nothing the metadata rules read, nor the spec rules are run: only the metadata is checked."""
    if not null_free and not spec_prechecked:
        decode_nulls(obj)
    md = obj.get("metadata")
    if not isinstance(md, dict):
        md = obj["metadata"] = {}
    if kind.namespaced and not md.get("namespace"):
        md["namespace"] = "default"
    elif not kind.namespaced:
        md.pop("namespace", None)
    pre = validate_new_pre(obj)
    if pre:
        return pre
    if spec_prechecked:
        return (_validation or _load_validation()).validate_create(obj, spec_valid=True)
    custom = custom_definition(obj)
    if custom is not None:
        custom.prepare_for_create(obj)
        return custom.validate(obj)
    from ..api import defaults

    _secret_string_data(obj)
    defaults.apply_defaults(obj)
    if kind.kind == "Job" and kind.group == "batch":
        defaults.job_defaults(obj, "00000000-0000-0000-0000-000000000000")
    if spec_certainly_valid is not None and spec_certainly_valid(obj):
        return (_validation or _load_validation()).validate_create(obj, spec_valid=True)
    return validate_new(obj)


_validation: Any = None  # pykubectl.api.validation once create_errors_offline has run (an import costs ~1 us)


def _load_validation() -> Any:
    global _validation
    from ..api import validation

    _validation = validation
    return validation


def _pod_security(tx: Tx, obj: dict) -> list[str]:
    """PodSecurity admission: refuses a Pod that breaks its namespace's enforce level; returns the warnings."""
    if obj.get("kind") not in ("Pod", "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "CronJob",
                               "ReplicationController", "PodTemplate"):
        return []
    from ..api import podsecurity
    from .admission import Denied

    refusal, found = podsecurity.check(tx, obj)
    if refusal:
        md = obj.get("metadata") or {}
        raise Denied(f'pods "{md.get("name") or md.get("generateName", "")}" is forbidden: {refusal}')
    return found


def validate_new_pre(obj: dict) -> list[FieldError]:
    md = obj.get("metadata") or {}
    if not md.get("name"):
        return [FieldError("metadata.name", "Required value", "name or generateName is required")]
    return []


def update(tx: Tx, new: dict, old: dict, dry_run: bool = False, expect_rv: str | None = None,
           subresource: str = "") -> dict:
    from ..api import validation

    decode_nulls(new)
    md = new.setdefault("metadata", {})
    omd = old.get("metadata") or {}
    _secret_string_data(new)
    if omd.get("namespace"):
        md["namespace"] = omd["namespace"]
    else:
        md.pop("namespace", None)  # a cluster-scoped object: the server ignores a namespace in the body
    # The resourceVersion precondition comes before anything else the update does, a dry run's included.
    want = expect_rv if expect_rv is not None else md.get("resourceVersion")
    if want not in (None, "") and omd.get("resourceVersion") not in (None, "") \
            and str(want) != str(omd.get("resourceVersion")):
        from ..errors import Conflict
        from ..store.store import group_resource

        raise Conflict(f'Operation cannot be fulfilled on {group_resource(*key_of(old)[:2])} "{omd.get("name", "")}": '
                       "the object has been modified; please apply your changes to the latest version and try again")
    if new.get("kind") == "Service" and not new.get("apiVersion", "v1").count("/"):
        _normalize_cluster_ips(new, old)
        _drop_type_dependent_fields(new, old)
        _update_service(tx, new, old, dry_run)
    custom = custom_definition(new)
    bump = None
    if custom is not None:
        if subresource == "status":
            bump = custom.prepare_for_status_update(new, old)
        else:
            bump = custom.prepare_for_update(new, old)
        errs = custom.validate(new, old)
    else:
        errs = validation.validate_update(new, old)
    if errs:
        raise Invalid(new.get("kind", ""), md.get("name", ""), errs)
    if new.get("kind") == "CustomResourceDefinition" and group_of(new.get("apiVersion", "")) == CRD_GROUP:
        _crds_changed(tx)
    if dry_run:
        _dry_run_generation(new, old, bump)
        return new
    return tx.update(new, expect_rv=expect_rv, bump_generation=bump)


def _dry_run_generation(new: dict, old: dict, bump: bool | None) -> None:
    """A dry-run update answers what the write would store: the server-owned metadata kept, and the generation of
    a kind that tracks it one higher when the spec (everything but metadata and status) changed, or when the
    custom resource's strategy says so (``bump``)."""
    from ..store.store import GENERATION_KINDS, _spec_part

    md, omd = new.setdefault("metadata", {}), old.get("metadata") or {}
    for key in ("uid", "creationTimestamp"):
        if key in omd:
            md[key] = omd[key]
    gen = omd.get("generation")
    if gen is None:
        return
    k = key_of(new)
    tracked = (k[0], k[1]) in GENERATION_KINDS or bump is not None
    changed = bump if bump is not None else _spec_part(new) != _spec_part(old)
    md["generation"] = int(gen) + 1 if tracked and changed else gen


CRD_GROUP = "apiextensions.k8s.io"


def custom_definition(obj: dict) -> Any:
    """The served definition (apiserver.customresources.Definition) of a custom resource, or None."""
    from ..api import registry

    api_version, kind = obj.get("apiVersion"), obj.get("kind")
    if not isinstance(api_version, str) or not isinstance(kind, str):
        return None
    group = group_of(api_version)
    if not group or registry.definition_for(group, kind) is None:
        return None
    from .customresources import definition_for

    return definition_for(group, obj.get("kind", ""))


def _crds_changed(tx: Tx) -> None:
    """A CustomResourceDefinition is written or deleted: the kinds served change once the transaction commits."""
    from ..api import registry

    registry.forget_custom_kinds()


def delete(tx: Tx, group: str, kind: str, namespace: str, name: str) -> dict:
    obj = tx.delete(group, kind, namespace, name)
    if group == CRD_GROUP and kind == "CustomResourceDefinition":
        _delete_custom_resources(tx, obj)
        _crds_changed(tx)
    if kind == "Service" and group == "":
        release_service(tx, obj)
    elif kind == "Pod" and group == "":
        ip = (obj.get("status") or {}).get("podIP")
        if ip and ip != (obj.get("status") or {}).get("hostIP"):
            release(tx, "podip", ip)
    return obj


def _delete_custom_resources(tx: Tx, crd: dict) -> None:
    """Deleting a CustomResourceDefinition deletes every resource of its kind."""
    spec = crd.get("spec") or {}
    kind = (spec.get("names") or {}).get("kind")
    group = spec.get("group")
    if not kind or not group:
        return
    for obj in list(tx.list(group, kind)):
        md = obj.get("metadata") or {}
        tx.delete(group, kind, md.get("namespace") or "", md.get("name", ""))


def delete_object(tx: Tx, obj: dict, propagation: str = "Background") -> None:
    """DELETE of a stored object: with propagationPolicy Orphan its dependents lose their owner reference; a
    namespace is marked Terminating (the namespace controller empties and removes it)."""
    md = obj["metadata"]
    if propagation == "Orphan":
        orphan_dependents(tx, obj)
    group, kind = group_of(obj.get("apiVersion", "")), obj.get("kind", "")
    if kind == "Namespace" and group == "":
        terminate_namespace(tx, obj)
    else:
        delete(tx, group, kind, md.get("namespace") or "", md.get("name", ""))


def orphan_dependents(tx: Tx, owner: dict) -> None:
    """propagationPolicy=Orphan (`delete --cascade=orphan`): the dependents lose their reference to the owner."""
    uid = owner["metadata"]["uid"]
    for dep in tx.list_owned(uid):
        dep["metadata"]["ownerReferences"] = [r for r in dep["metadata"].get("ownerReferences") or [] if r.get("uid") != uid]
        if not dep["metadata"]["ownerReferences"]:
            del dep["metadata"]["ownerReferences"]
        tx.update(dep)


def terminate_namespace(tx: Tx, ns: dict) -> None:
    """Deleting a namespace marks it Terminating; the namespace controller empties and then removes it."""
    name = ns["metadata"]["name"]
    if name in ("default", "kube-system", "kube-public", "kube-node-lease"):
        raise Forbidden(f'namespaces "{name}" is forbidden: this namespace may not be deleted')
    if not ns["metadata"].get("deletionTimestamp"):
        ns["metadata"]["deletionTimestamp"] = tx.env.now_str()
        ns["status"] = {"phase": "Terminating"}
        tx.update(ns)


# Shared with the CLI's patch and replace (cli/mutate.py) and pykubectl serve's PATCH/PUT.

class ServerMessage(ServerError):
    """A server error without a Status reason: kubectl prints ``Error from server: <message>``."""

    def __str__(self) -> str:
        prefix = f"{self.context}: " if self.context else ""
        return f"Error from server: {prefix}{self.detail}"


class RequestInvalid(ServerError):
    """A 422 without kind or name (a JSON patch ``test`` that failed): ``The request is invalid: <message>``."""

    reason = "Invalid"

    def __str__(self) -> str:
        return f"The request is invalid: {self.detail}"


def update_object(tx: Tx, kind: Any, new: dict, live: dict, dry_run: str = "", decoded: bool = False) -> dict:
    """An update of a whole object as the API server's update path makes it: the decoder's type checks (unless the
    caller made them), nulls as absent fields, defaults, the live status kept (status is the status subresource's),
    no write when nothing changed; ``dry_run`` "server" validates without writing, "client" only returns the
    result."""
    import copy
    import json

    from ..api import defaults

    if not decoded:
        decode(new, kind, "ignore")
    decode_nulls(new)  # a null field is an absent one, as the server decodes the body
    defaults.apply_defaults(new)
    custom = custom_definition(new)
    if custom is not None:
        custom.prepare_for_update(new, live)  # its status is the main resource's unless a subresource holds it
    elif "status" in live:
        new["status"] = copy.deepcopy(live["status"])
    else:
        new.pop("status", None)
    if json.dumps(new, sort_keys=True) == json.dumps(live, sort_keys=True):
        return live
    if dry_run == "client":
        return new
    return update(tx, new, live, dry_run=(dry_run == "server"))


def prune_undeclared(v: Any, node: Any) -> Any:
    """Drop what a round trip through the API server's Go types drops: fields the schema does not declare, and
    optional (omitempty) lists and maps left empty (a patch that deleted a list's last element)."""
    s = node.schema
    if isinstance(v, dict) and s and "properties" in s and not isinstance(s.get("additionalProperties"), dict):
        required = set(s.get("required") or ())
        out = {}
        for k, x in v.items():
            if k not in s["properties"]:
                continue
            child = node.prop(k)
            if k not in required and (x == [] or (x == {} and child.schema and "properties" not in child.schema
                                                   and isinstance(child.schema.get("additionalProperties"), dict))):
                continue
            out[k] = prune_undeclared(x, child)
        return out
    if isinstance(v, dict) and s and isinstance(s.get("additionalProperties"), dict):
        return {k: prune_undeclared(x, node.prop(k)) for k, x in v.items()}
    if isinstance(v, list) and s and isinstance(s.get("items"), dict):
        return [prune_undeclared(x, node.items()) for x in v]
    return v


# The built-in kinds with a scale subresource; a custom kind has one when its CRD version declares it.
SCALE_KINDS = frozenset({("apps", "Deployment"), ("apps", "ReplicaSet"), ("apps", "StatefulSet"),
                         ("", "ReplicationController")})


def has_scale(obj: dict) -> bool:
    """Whether the object's kind serves the scale subresource."""
    if (group_of(obj.get("apiVersion", "")), obj.get("kind", "")) in SCALE_KINDS:
        return True
    custom = custom_definition(obj)
    return custom is not None and custom.scale_paths(custom.version_of(obj)) is not None


def update_scale(tx: Tx, obj: dict, replicas: int, dry_run: bool = False) -> dict:
    """An update of the scale subresource: the object with its replicas set (NotFound without the
    subresource)."""
    import copy

    if not has_scale(obj):
        raise NotFound("the server could not find the requested resource")
    new = copy.deepcopy(obj)
    set_replicas(new, replicas)
    return update(tx, new, obj, dry_run=dry_run)


def set_replicas(obj: dict, replicas: int) -> None:
    """Where the scale subresource writes the replica count of the object's kind."""
    custom = custom_definition(obj)
    if custom is not None:
        custom.set_replicas(obj, replicas)
    else:
        obj.setdefault("spec", {})["replicas"] = replicas


def scale_of(obj: dict) -> dict:
    """The autoscaling/v1 Scale of a Deployment, ReplicaSet, StatefulSet, ReplicationController or custom resource
    with the subresource (the scale subresource)."""
    from ..api import selectors

    custom = custom_definition(obj)
    if custom is not None:
        return custom.scale_of(obj)

    spec = obj.get("spec") or {}
    sel = spec.get("selector") or {}
    md = obj["metadata"]
    scale = {"apiVersion": "autoscaling/v1", "kind": "Scale",
             "metadata": {k: md[k] for k in ("name", "namespace", "uid", "resourceVersion", "creationTimestamp") if k in md},
             "spec": {"replicas": spec.get("replicas", 1)},
             "status": {"replicas": (obj.get("status") or {}).get("replicas", 0)}}
    # A ReplicationController's selector is a plain map; the others are LabelSelectors.
    text = selectors.selector_to_string(sel if "matchLabels" in sel or "matchExpressions" in sel
                                        else {"matchLabels": sel})
    if text and text not in ("<none>", "<error>"):
        scale["status"]["selector"] = text
    return scale


class UnsupportedMediaType(ServerError):
    reason = "UnsupportedMediaType"


def apply_patch(live: dict, body: Any, patch_type: str, field_validation: str = "Warn") -> Any:
    """The server applying a patch (``patch_type`` json, merge or strategic) to the stored object; a custom
    resource takes no strategic merge patch. Under fieldValidation Strict or Warn (Warn is the server's default:
    kubectl patch sends none) the body is first decoded strictly, as the patch handler does."""
    from ..api import patch as patches

    if patch_type == "strategic" and custom_definition(live) is not None:
        raise UnsupportedMediaType("the body of the request was in an unknown format - accepted media types "
                                   "include: application/json-patch+json, application/merge-patch+json, "
                                   "application/apply-patch+yaml")
    if field_validation in ("Strict", "Warn"):
        _decode_patch_strictly(body, patch_type)
    try:
        return patches.apply_patch(live, body, patch_type)
    except patches.PatchError as e:
        raise patch_error(e, patch_type) from None


def _decode_patch_strictly(body: Any, patch_type: str) -> None:
    """The patch handler's strict decode: a JSON patch into []handlers.jsonPatchOp and a merge patch into a map,
    failing with ``error decoding patch: <Go's decode error>``; a strategic merge patch into a map, failing with
    the decode error alone (k8s.io/apiserver/pkg/endpoints/handlers/patch.go). A JSON null decodes into anything."""
    from ..api.patch import json_kind

    if patch_type == "json":
        if body is None:
            return
        if not isinstance(body, list):
            raise BadRequest(f"error decoding patch: json: cannot unmarshal {json_kind(body)} into Go value of "
                             "type []handlers.jsonPatchOp")
        for op in body:
            if op is None:
                continue
            if not isinstance(op, dict):
                raise BadRequest(f"error decoding patch: json: cannot unmarshal {json_kind(op)} into Go value of "
                                 "type handlers.jsonPatchOp")
            for name in ("op", "path", "from"):
                if op.get(name) is not None and not isinstance(op[name], str):
                    raise BadRequest(f"error decoding patch: json: cannot unmarshal {json_kind(op[name])} into Go "
                                     f"struct field jsonPatchOp.{name} of type string")
    elif body is not None and not isinstance(body, dict):
        text = f"json: cannot unmarshal {json_kind(body)} into Go value of type map[string]interface {{}}"
        raise BadRequest(f"error decoding patch: {text}" if patch_type == "merge" else text)


def patch_error(e: Exception, patch_type: str) -> ServerError:
    """What the API server answers when a patch cannot be applied (the patch engine's PatchError). A JSON patch
    that decodes but does not apply (a missing path, a failed test, an unknown op) is a 422 without details, which
    kubectl prints as ``The request is invalid: the server rejected our request due to an error in our request``
    (recorded: k8s-recordings 08-patch-types step 10); one that does not decode as a patch is a BadRequest."""
    msg = str(e)
    if patch_type == "json":
        if msg.startswith("json: cannot unmarshal"):
            return BadRequest(msg)
        return RequestInvalid("the server rejected our request due to an error in our request")
    if msg == "invalid JSON document":
        # The server unmarshals the patch into a map before merging.
        return BadRequest("json: cannot unmarshal string into Go value of type map[string]interface {}")
    if msg.startswith("json: cannot unmarshal"):
        return BadRequest(msg)
    return ServerMessage(msg)
