"""The cluster's shape as data: kind's ``Cluster`` config (kind.x-k8s.io/v1alpha4) read into a ``ClusterShape``,
plus pykubectl's extension per node entry (``pykubectl:``: count, name, capacity, taints, zone, node info strings)
and for the cluster (``pykubectl:``: controlPlaneNodes, defaultStorageClass, ingressController, metricsServer).

Field names, defaults and checks follow kind's v1alpha4 types and its config validation: nodes default to one
control-plane node, a node's role defaults to control-plane, the cluster name must match ``^[a-z0-9.-]+$``, at least
one control-plane node; podSubnet defaults to 10.244.0.0/16 and serviceSubnet to 10.96.0.0/16. Node names are kind's:
``<name>-control-plane``, ``<name>-control-plane2``, ..., ``<name>-worker``, ``<name>-worker2``, .... A cluster
without workers leaves its control plane untainted, as kind does. Each node gets the next /24 of the pod subnet
(kube-controller-manager's default node CIDR mask size for IPv4). Fields that only concern kind's node containers
are accepted and ignored (``ClusterShape.ignored`` lists them for a note)."""

from __future__ import annotations

import ipaddress
from typing import Any

from .. import errors
from ..errors import FieldError
from ..records import FrozenRecord

API_VERSION = "kind.x-k8s.io/v1alpha4"
KIND_POD_SUBNET = "10.244.0.0/16"
KIND_SERVICE_SUBNET = "10.96.0.0/16"
NODE_CIDR_MASK = 24  # kube-controller-manager --node-cidr-mask-size-ipv4 default
MAX_NODES = 5000  # Kubernetes' documented limit for one cluster ("considerations for large clusters")
ROLES = ("control-plane", "worker")
TAINT_EFFECTS = ("NoSchedule", "PreferNoSchedule", "NoExecute")
ZONE_LABEL = "topology.kubernetes.io/zone"
EXTENSION = "pykubectl"

# Fields kind reads that only shape its node containers or the real control plane's flags: accepted, ignored.
_IGNORED_CLUSTER = {"featureGates": dict, "runtimeConfig": dict, "kubeadmConfigPatches": list,
                    "kubeadmConfigPatchesJSON6902": list, "containerdConfigPatches": list,
                    "containerdConfigPatchesJSON6902": list}
_IGNORED_NODE = {"image": str, "extraMounts": list, "extraPortMappings": list, "gpus": str,
                 "kubeadmConfigPatches": list, "kubeadmConfigPatchesJSON6902": list}
_IGNORED_NETWORKING = {"apiServerAddress": str, "apiServerPort": int, "disableDefaultCNI": bool,
                       "kubeProxyMode": str, "dnsSearch": list}
_CLUSTER_FIELDS = {"kind", "apiVersion", "name", "nodes", "networking", EXTENSION, *_IGNORED_CLUSTER}
_NODE_FIELDS = {"role", "labels", EXTENSION, *_IGNORED_NODE}
_NETWORKING_FIELDS = {"ipFamily", "podSubnet", "serviceSubnet", *_IGNORED_NETWORKING}
_EXTENSION_FIELDS = ("count", "name", "capacity", "taints", "zone", "osImage", "kernelVersion",
                     "containerRuntimeVersion")
# The cluster-level extension: which of kind's (and pykubectl's default cluster's) parts the cluster has.
_CLUSTER_EXTENSION_FIELDS = ("controlPlaneNodes", "defaultStorageClass", "ingressController", "metricsServer")
_TAINT_FIELDS = ("key", "value", "effect")
_TYPE_NAMES = {dict: "a map", list: "a list", str: "a string", int: "an integer", bool: "a boolean"}


def _set_fields(record: FrozenRecord, values: tuple) -> None:
    for name, value in zip(record._fields, values):
        object.__setattr__(record, name, value)


class NodeGroup(FrozenRecord):
    """One node entry of the config: ``count`` nodes of one role with the same labels, capacity and taints."""

    __slots__ = _fields = ("role", "labels", "count", "capacity", "taints", "zone", "name", "os_image",
                           "kernel_version", "container_runtime_version")
    role: str
    labels: dict[str, str]
    count: int
    capacity: dict[str, str]  # resource name -> quantity, over the default node's
    taints: tuple[dict[str, str], ...]
    zone: str | None
    name: str | None  # the node's own name instead of kind's (an entry of one node)
    os_image: str | None
    kernel_version: str | None
    container_runtime_version: str | None

    def __init__(self, role: str = "worker", labels: dict[str, str] | None = None, count: int = 1,
                 capacity: dict[str, str] | None = None, taints: tuple[dict[str, str], ...] = (),
                 zone: str | None = None, name: str | None = None, os_image: str | None = None,
                 kernel_version: str | None = None, container_runtime_version: str | None = None):
        _set_fields(self, (role, {} if labels is None else labels, count, {} if capacity is None else capacity,
                           taints, zone, name, os_image, kernel_version, container_runtime_version))


class PlannedNode(FrozenRecord):
    __slots__ = _fields = ("name", "index", "control_plane", "tainted", "group")
    name: str
    index: int  # the node's /24 of the pod subnet and its address
    control_plane: bool
    tainted: bool  # the control-plane taint (kind removes it when the cluster has no workers)
    group: NodeGroup

    def __init__(self, name: str, index: int, control_plane: bool, tainted: bool, group: NodeGroup):
        _set_fields(self, (name, index, control_plane, tainted, group))


_DEFAULT_GROUPS = (NodeGroup("control-plane"), NodeGroup("worker", count=2))


class ClusterShape(FrozenRecord):
    __slots__ = _fields = ("name", "pod_subnet", "service_subnet", "groups", "ignored", "control_plane_nodes",
                           "default_storage_class", "ingress_controller", "metrics_server")
    name: str
    pod_subnet: str
    service_subnet: str  # pykubectl's default cluster keeps kubeadm's service range (10.96.0.0/12)
    groups: tuple[NodeGroup, ...]
    ignored: tuple[str, ...]
    # The cluster-level extension: control-plane nodes (false: the control plane runs off the nodes, as on a
    # managed cluster, and every node is a worker), kind's default StorageClass `standard`, the simulated ingress
    # controller that gives Ingresses an address, the simulated metrics server behind `top` and autoscalers.
    control_plane_nodes: bool
    default_storage_class: bool
    ingress_controller: bool
    metrics_server: bool

    def __init__(self, name: str = "pykubectl", pod_subnet: str = KIND_POD_SUBNET,
                 service_subnet: str = "10.96.0.0/12", groups: tuple[NodeGroup, ...] = _DEFAULT_GROUPS,
                 ignored: tuple[str, ...] = (), control_plane_nodes: bool = True, default_storage_class: bool = True,
                 ingress_controller: bool = True, metrics_server: bool = True):
        _set_fields(self, (name, pod_subnet, service_subnet, groups, ignored, control_plane_nodes,
                           default_storage_class, ingress_controller, metrics_server))

    def plan(self) -> list[PlannedNode]:
        """The nodes in creation order (control planes first, as kind starts them), with kind's names."""
        has_workers = any(g.role == "worker" for g in self.groups)
        out: list[PlannedNode] = []
        for role in ROLES:
            n = 0
            for g in self.groups:
                if g.role != role:
                    continue
                for _ in range(g.count):
                    if g.name is not None:
                        name = g.name
                    else:
                        n += 1
                        name = f"{self.name}-{role}" + (str(n) if n > 1 else "")
                    cp = role == "control-plane"
                    out.append(PlannedNode(name, len(out), cp, cp and has_workers, g))
        return out

    @property
    def node_count(self) -> int:
        return sum(g.count for g in self.groups)


DEFAULT = ClusterShape()


def node_pod_cidr(pod_subnet: str, index: int) -> str:
    """The index-th /24 of the pod subnet (raises IndexError when the subnet has no such block)."""
    net = ipaddress.ip_network(pod_subnet)
    blocks = 1 << (NODE_CIDR_MASK - net.prefixlen)
    if not 0 <= index < blocks:
        raise IndexError(index)
    return f"{ipaddress.ip_address(int(net.network_address) + (index << (32 - NODE_CIDR_MASK)))}/{NODE_CIDR_MASK}"


def pod_cidr_blocks(pod_subnet: str) -> int:
    return 1 << (NODE_CIDR_MASK - ipaddress.ip_network(pod_subnet).prefixlen)


def pod_cidr_index(pod_subnet: str, cidr: str) -> int | None:
    """Which /24 of the pod subnet ``cidr`` is (None when it is not one of them)."""
    try:
        net = ipaddress.ip_network(pod_subnet)
        block = ipaddress.ip_network(cidr)
    except ValueError:
        return None
    if block.prefixlen != NODE_CIDR_MASK or not block.subnet_of(net):  # type: ignore[arg-type]
        return None
    return (int(block.network_address) - int(net.network_address)) >> (32 - NODE_CIDR_MASK)


# ---- the cluster's network in the store ---------------------------------------------------------------------
# A cluster made from a config records its name and subnets in meta; a store without them is the default cluster.
META_NAME = "cluster/name"
META_POD_SUBNET = "cluster/podSubnet"
META_SERVICE_SUBNET = "cluster/serviceSubnet"
META_WITHOUT = "cluster/without/"  # + ingressController / metricsServer: a part the cluster does not run


def record(tx: Any, shape: ClusterShape) -> None:
    if shape == DEFAULT:
        return
    tx.meta_set(META_NAME, shape.name)
    tx.meta_set(META_POD_SUBNET, shape.pod_subnet)
    tx.meta_set(META_SERVICE_SUBNET, shape.service_subnet)
    for part, present in (("ingressController", shape.ingress_controller), ("metricsServer", shape.metrics_server)):
        if not present:
            tx.meta_set(META_WITHOUT + part, "true")


def runs(tx: Any, part: str) -> bool:
    """Whether the cluster runs ``part`` (ingressController, metricsServer): every cluster does unless its config
    left it out."""
    return not tx.meta_get(META_WITHOUT + part)


def cluster_name(tx: Any) -> str:
    return tx.meta_get(META_NAME) or DEFAULT.name


def pod_subnet(tx: Any) -> str:
    return tx.meta_get(META_POD_SUBNET) or DEFAULT.pod_subnet


def service_subnet(tx: Any) -> str:
    return tx.meta_get(META_SERVICE_SUBNET) or DEFAULT.service_subnet


# ---- reading a config file ------------------------------------------------------------------------------------


class ConfigError(errors.ClientError):
    """A config kubectl-style: ``error: cluster config "FILE" is invalid: path: Invalid value: ...``."""

    def __init__(self, source: str, errs: list[FieldError | str] | str):
        if isinstance(errs, str):
            super().__init__(f'error: cluster config "{source}": {errs}')
            return
        body = str(errs[0]) if len(errs) == 1 else "[" + ", ".join(str(e) for e in errs) + "]"
        super().__init__(f'error: cluster config "{source}" is invalid: {body}')
        self.errors = errs


def load(path: str) -> ClusterShape:
    """Read and check a config file; raises ConfigError naming the file and the fields."""
    import os

    import yaml

    if path != "-" and not os.path.exists(path):
        raise errors.ClientError(f'error: the path "{path}" does not exist')
    try:
        if path == "-":
            import sys

            text = sys.stdin.read()
        else:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        doc = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise ConfigError(path, f"error parsing YAML: {str(e).splitlines()[0]}") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(path, f"cannot read it: {e}") from None
    return parse(doc, path)


def parse(doc: Any, source: str = "<config>") -> ClusterShape:
    from ..api.validation import invalid, not_supported, required

    errs: list[Any] = []
    ignored: list[str] = []
    if not isinstance(doc, dict):
        raise ConfigError(source, [invalid("<root>", _shown(doc), "must be a map (a kind Cluster config)")])
    _unknown(doc, _CLUSTER_FIELDS, "", errs)
    if doc.get("kind") != "Cluster":
        errs.append(required("kind", 'must be "Cluster"') if doc.get("kind") in (None, "")
                    else not_supported("kind", _shown(doc.get("kind")), ["Cluster"]))
    if doc.get("apiVersion") != API_VERSION:
        errs.append(required("apiVersion", f'must be "{API_VERSION}"') if doc.get("apiVersion") in (None, "")
                    else not_supported("apiVersion", _shown(doc.get("apiVersion")), [API_VERSION]))
    name = doc.get("name")
    if name is None:
        name = DEFAULT.name
    elif not isinstance(name, str) or not _valid_name(name):
        errs.append(invalid("name", _shown(name), "a cluster name must match `^[a-z0-9.-]+$`"))
        name = DEFAULT.name
    _ignore(doc, _IGNORED_CLUSTER, "", ignored, errs)
    parts = doc.get(EXTENSION)
    if parts is None:
        parts = {}
    if not isinstance(parts, dict):
        errs.append(invalid(EXTENSION, _shown(parts), "must be a map"))
        parts = {}
    _unknown(parts, set(_CLUSTER_EXTENSION_FIELDS), EXTENSION + ".", errs)
    present: dict[str, bool] = {}
    for f in _CLUSTER_EXTENSION_FIELDS:
        v = parts.get(f, True)
        if not isinstance(v, bool):
            errs.append(invalid(f"{EXTENSION}.{f}", _shown(v), "must be a boolean"))
            v = True
        present[f] = v

    net = doc.get("networking")
    if net is None:
        net = {}
    if not isinstance(net, dict):
        errs.append(invalid("networking", _shown(net), "must be a map"))
        net = {}
    _unknown(net, _NETWORKING_FIELDS, "networking.", errs)
    family = net.get("ipFamily", "ipv4")
    if family != "ipv4":
        errs.append(not_supported("networking.ipFamily", _shown(family), ["ipv4"]))
    _ignore(net, _IGNORED_NETWORKING, "networking.", ignored, errs)
    pods = _subnet(net, "podSubnet", KIND_POD_SUBNET, errs)
    services = _subnet(net, "serviceSubnet", KIND_SERVICE_SUBNET, errs)
    if pods is not None and pods.prefixlen > NODE_CIDR_MASK:
        errs.append(invalid("networking.podSubnet", net["podSubnet"],
                            f"must be at least a /{NODE_CIDR_MASK} (each node takes a /{NODE_CIDR_MASK} of it)"))
        pods = None
    if services is not None and not 12 <= services.prefixlen <= 30:
        # kube-apiserver refuses a service range larger than /12; a /31 or /32 leaves no address to allocate.
        errs.append(invalid("networking.serviceSubnet", net["serviceSubnet"],
                            "the mask must be between /12 and /30"))
        services = None
    if pods is not None and services is not None and pods.overlaps(services):
        errs.append(invalid("networking.serviceSubnet", str(net.get("serviceSubnet", KIND_SERVICE_SUBNET)),
                            f'overlaps networking.podSubnet "{net.get("podSubnet", KIND_POD_SUBNET)}"'))

    raw_nodes = doc.get("nodes")
    groups: list[NodeGroup] = []
    if raw_nodes is None and not present["controlPlaneNodes"]:
        errs.append(required("nodes", f"must list the nodes when {EXTENSION}.controlPlaneNodes is false"))
    elif raw_nodes is None:
        groups = [NodeGroup("control-plane")]
    elif not isinstance(raw_nodes, list):
        errs.append(invalid("nodes", _shown(raw_nodes), "must be a list"))
    else:
        for i, n in enumerate(raw_nodes):
            g = _node(n, f"nodes[{i}]", ignored, errs)
            if g is not None:
                groups.append(g)
        if present["controlPlaneNodes"]:
            if not any(g.role == "control-plane" for g in groups):
                errs.append(required("nodes", "must have at least one control-plane node"))
        else:
            if not groups and not errs:
                errs.append(required("nodes", "must have at least one node"))
            for i, n in enumerate(raw_nodes):
                if isinstance(n, dict) and n.get("role", "control-plane") == "control-plane":
                    errs.append(invalid(f"nodes[{i}].role", "control-plane",
                                        f"the cluster has no control-plane nodes ({EXTENSION}.controlPlaneNodes: "
                                        "false): every node is a worker"))
    names = [g.name for g in groups if g.name is not None]
    for dup in sorted({x for x in names if names.count(x) > 1}):
        errs.append(f'duplicate node name "{dup}"')
    if errs:
        raise ConfigError(source, errs)
    shape = ClusterShape(name=name, pod_subnet=str(pods), service_subnet=str(services), groups=tuple(groups),
                         ignored=tuple(ignored), control_plane_nodes=present["controlPlaneNodes"],
                         default_storage_class=present["defaultStorageClass"],
                         ingress_controller=present["ingressController"], metrics_server=present["metricsServer"])
    generated = {p.name for p in shape.plan() if p.group.name is None}
    for taken in sorted(generated & set(names)):
        raise ConfigError(source, [f'duplicate node name "{taken}"'])
    total = shape.node_count
    if total > MAX_NODES:
        raise ConfigError(source, [invalid("nodes", total, f"a cluster holds at most {MAX_NODES} nodes")])
    assert pods is not None
    blocks = pod_cidr_blocks(str(pods))
    if total > blocks:
        raise ConfigError(source, [invalid(
            "networking.podSubnet", str(pods),
            f"{total} nodes need {total} /{NODE_CIDR_MASK} pod CIDRs; it holds {blocks}")])
    return shape


def _node(n: Any, path: str, ignored: list[str], errs: list[Any]) -> NodeGroup | None:
    from ..api.quantity import QuantityError, parse
    from ..api.selectors import is_qualified_name, is_valid_label_value
    from ..api.validation import invalid, not_supported, required, validate_labels

    if not isinstance(n, dict):
        errs.append(invalid(path, _shown(n), "must be a map"))
        return None
    _unknown(n, _NODE_FIELDS, path + ".", errs)
    _ignore(n, _IGNORED_NODE, path + ".", ignored, errs)
    role = n.get("role", "control-plane")
    if role not in ROLES:
        errs.append(not_supported(path + ".role", _shown(role), ROLES))
    labels = n.get("labels") or {}
    if not isinstance(labels, dict) or not all(isinstance(v, str) for v in labels.values()):
        errs.append(invalid(path + ".labels", _shown(labels), "must be a map of strings"))
        labels = {}
    labels = {str(k): v for k, v in labels.items()}
    errs += validate_labels(labels, path + ".labels")
    ext = n.get(EXTENSION)
    if ext is None:
        ext = {}
    if not isinstance(ext, dict):
        errs.append(invalid(f"{path}.{EXTENSION}", _shown(ext), "must be a map"))
        ext = {}
    xp = f"{path}.{EXTENSION}."
    _unknown(ext, set(_EXTENSION_FIELDS), xp, errs)
    count = ext.get("count", 1)
    if not isinstance(count, int) or isinstance(count, bool):
        errs.append(invalid(xp + "count", _shown(count), "must be an integer"))
        count = 1
    elif count < 1:
        errs.append(invalid(xp + "count", count, "must be greater than or equal to 1"))
    capacity: dict[str, str] = {}
    cap = ext.get("capacity") or {}
    if not isinstance(cap, dict):
        errs.append(invalid(xp + "capacity", _shown(cap), "must be a map"))
        cap = {}
    for res, q in cap.items():
        res = str(res)
        rp = f"{xp}capacity.{res}"
        if "/" not in res and res not in ("cpu", "memory", "pods", "ephemeral-storage") \
                and not res.startswith("hugepages-"):
            errs.append(invalid(rp, res, "must be cpu, memory, pods, ephemeral-storage, hugepages-<size> or a "
                                         "domain-qualified extended resource (example.com/gpu)"))
            continue
        if "/" in res:
            msgs = is_qualified_name(res)
            if msgs:
                errs += [invalid(rp, res, m) for m in msgs]
                continue
        if isinstance(q, bool) or not isinstance(q, (str, int, float)):
            errs.append(invalid(rp, _shown(q), "must be a quantity"))
            continue
        try:
            quantity = parse(str(q))
        except (QuantityError, ValueError) as e:
            errs.append(invalid(rp, str(q), str(e)))
            continue
        if quantity.value < 0:
            errs.append(invalid(rp, str(q), "must be greater than or equal to 0"))
            continue
        capacity[res] = str(q)
    taints: list[dict[str, str]] = []
    raw_taints = ext.get("taints") or []
    if not isinstance(raw_taints, list):
        errs.append(invalid(xp + "taints", _shown(raw_taints), "must be a list"))
        raw_taints = []
    seen: set[tuple[str, str]] = set()
    for j, t in enumerate(raw_taints):
        tp = f"{xp}taints[{j}]"
        if not isinstance(t, dict):
            errs.append(invalid(tp, _shown(t), "must be a map"))
            continue
        _unknown(t, set(_TAINT_FIELDS), tp + ".", errs)
        key, value, effect = t.get("key", ""), t.get("value", ""), t.get("effect", "")
        if not all(isinstance(v, str) for v in (key, value, effect)):
            errs.append(invalid(tp, _shown(t), "key, value and effect must be strings"))
            continue
        errs += [invalid(tp + ".key", key, m) for m in is_qualified_name(key)]
        if value:
            errs += [invalid(tp + ".value", value, m) for m in is_valid_label_value(value)]
        if not effect:
            errs.append(required(tp + ".effect"))
        elif effect not in TAINT_EFFECTS:
            errs.append(not_supported(tp + ".effect", effect, TAINT_EFFECTS))
        if (key, effect) in seen:
            errs.append(invalid(tp, _shown(t), "taints must be unique by key and effect pair"))
        seen.add((key, effect))
        taint = {"effect": effect, "key": key}
        if value:
            taint["value"] = value
        taints.append(taint)
    strings: dict[str, str | None] = {}
    for f in ("name", "zone", "osImage", "kernelVersion", "containerRuntimeVersion"):
        v = ext.get(f)
        if v is not None and not isinstance(v, str):
            errs.append(invalid(xp + f, _shown(v), "must be a string"))
            v = None
        strings[f] = v
    if strings["zone"] is not None:
        errs += [invalid(xp + "zone", strings["zone"], m) for m in is_valid_label_value(strings["zone"])]
    if strings["name"] is not None:
        from ..api.selectors import is_dns1123_subdomain

        errs += [invalid(xp + "name", strings["name"], m) for m in is_dns1123_subdomain(strings["name"])]
        if count != 1:
            errs.append(invalid(xp + "name", strings["name"], "names one node: count must be 1"))
    return NodeGroup(role=role if role in ROLES else "worker", labels=labels, count=count, capacity=capacity,
                     taints=tuple(taints), zone=strings["zone"], name=strings["name"], os_image=strings["osImage"],
                     kernel_version=strings["kernelVersion"],
                     container_runtime_version=strings["containerRuntimeVersion"])


def _valid_name(name: str) -> bool:
    import re

    return re.fullmatch(r"[a-z0-9.-]+", name) is not None


def _shown(v: Any) -> Any:
    """A value as an error shows it: scalars as they are, structures as their YAML flow text."""
    if isinstance(v, (dict, list)):
        import json

        return json.dumps(v, sort_keys=True, default=str)
    return v


def _unknown(obj: dict, known: set[str], prefix: str, errs: list[Any]) -> None:
    for k in obj:
        if k not in known:
            errs.append(f'unknown field "{prefix}{k}"')  # the strict decoder's words


def _ignore(obj: dict, fields: dict[str, type], prefix: str, ignored: list[str], errs: list[Any]) -> None:
    from ..api.validation import invalid

    for f, typ in fields.items():
        if f not in obj or obj[f] is None:
            continue
        v = obj[f]
        if not isinstance(v, typ) or (typ is int and isinstance(v, bool)):
            errs.append(invalid(prefix + f, _shown(v), f"must be {_TYPE_NAMES[typ]}"))
            continue
        ignored.append(prefix + f)


def _subnet(net: dict, f: str, default: str, errs: list[Any]) -> Any:
    from ..api.validation import invalid, parse_cidr

    raw = net.get(f)
    if raw is None or raw == "":
        return ipaddress.ip_network(default)
    if not isinstance(raw, str):
        errs.append(invalid(f"networking.{f}", _shown(raw), "must be a string"))
        return None
    if "," in raw:
        errs.append(invalid(f"networking.{f}", raw, "only one CIDR allowed for single-stack networking"))
        return None
    cidr = parse_cidr(raw.strip())
    if cidr is None:
        errs.append(invalid(f"networking.{f}", raw, "must be a CIDR (e.g. 10.244.0.0/16)"))
        return None
    if cidr.version != 4:
        errs.append(invalid(f"networking.{f}", raw, "expected IPv4 CIDR for IPv4 family"))
        return None
    return cidr
