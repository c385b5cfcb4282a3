"""Warnings the API server returns with a successful create (the strategies' WarningsOnCreate: pkg/api/pod
warnings for pods and pod templates, deprecated annotations and fields); kubectl prints each as ``Warning: ...``."""

from __future__ import annotations

from typing import Any

from pykubectl.api import quantity

Obj = dict[str, Any]

_DEPRECATED_NODE_LABELS = {
    "beta.kubernetes.io/arch": 'deprecated since v1.14; use "kubernetes.io/arch" instead',
    "beta.kubernetes.io/os": 'deprecated since v1.14; use "kubernetes.io/os" instead',
    "failure-domain.beta.kubernetes.io/region": 'deprecated since v1.17; use "topology.kubernetes.io/region" instead',
    "failure-domain.beta.kubernetes.io/zone": 'deprecated since v1.17; use "topology.kubernetes.io/zone" instead',
    "beta.kubernetes.io/instance-type": 'deprecated since v1.17; use "node.kubernetes.io/instance-type" instead',
}
_DEPRECATED_VOLUMES = (
    ("photonPersistentDisk", "deprecated in v1.11, non-functional in v1.16+"),
    ("gitRepo", "deprecated in v1.11"),
    ("scaleIO", "deprecated in v1.16, non-functional in v1.22+"),
    ("flocker", "deprecated in v1.22, non-functional in v1.25+"),
    ("storageos", "deprecated in v1.22, non-functional in v1.25+", "storageOS"),
    ("quobyte", "deprecated in v1.22, non-functional in v1.25+"),
    ("glusterfs", "deprecated in v1.25, non-functional in v1.26+"),
    ("cephfs", "deprecated in v1.28, non-functional in v1.31+"),
    ("rbd", "deprecated in v1.28, non-functional in v1.31+"),
)
_DEPRECATED_ANNOTATIONS = (
    ("scheduler.alpha.kubernetes.io/critical-pod", 'non-functional in v1.16+; use the "priorityClassName" field instead'),
    ("security.alpha.kubernetes.io/sysctls", 'non-functional in v1.11+; use the "sysctls" field instead'),
    ("security.alpha.kubernetes.io/unsafe-sysctls", 'non-functional in v1.11+; use the "sysctls" field instead'),
)
_SECCOMP_POD = "seccomp.security.alpha.kubernetes.io/pod"
_SECCOMP_CONTAINER = "container.seccomp.security.alpha.kubernetes.io/"
_APPARMOR_CONTAINER = "container.apparmor.security.beta.kubernetes.io/"
_SECCOMP_MSG = 'non-functional in v1.27+; use the "seccompProfile" field instead'
_APPARMOR_MSG = 'deprecated since v1.30; use the "appArmorProfile" field instead'


def _d(v: Any) -> Obj:
    return v if isinstance(v, dict) else {}


def _l(v: Any) -> list:
    return v if isinstance(v, list) else []


def _join(prefix: str, path: str) -> str:
    return f"{prefix}.{path}" if prefix else path


def _requirement_keys(exprs: list, path: str) -> list[str]:
    out = []
    for i, e in enumerate(exprs):
        key = str(_d(e).get("key") or "")
        if key in _DEPRECATED_NODE_LABELS:
            out.append(f"{path}[{i}].key: {key} is {_DEPRECATED_NODE_LABELS[key]}")
    return out


def pod_spec_warnings(prefix: str, spec: Obj, meta: Obj) -> list[str]:
    """pkg/api/pod warningsForPodSpecAndMeta; ``prefix`` is the template's path ("" for a Pod)."""
    out: list[str] = []
    sp = _join(prefix, "spec")
    for k in _d(spec.get("nodeSelector")):
        if k in _DEPRECATED_NODE_LABELS:
            out.append(f"{sp}.nodeSelector[{k}]: {_DEPRECATED_NODE_LABELS[k]}")
    node_aff = _d(_d(spec.get("affinity")).get("nodeAffinity"))
    req = node_aff.get("requiredDuringSchedulingIgnoredDuringExecution")
    if isinstance(req, dict):
        tp = f"{sp}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms"
        for i, term in enumerate(_l(req.get("nodeSelectorTerms"))):
            out += _requirement_keys(_l(_d(term).get("matchExpressions")), f"{tp}[{i}].matchExpressions")
            out += _requirement_keys(_l(_d(term).get("matchFields")), f"{tp}[{i}].matchFields")
    for i, pref in enumerate(_l(node_aff.get("preferredDuringSchedulingIgnoredDuringExecution"))):
        pp = f"{sp}.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[{i}].preference"
        term = _d(_d(pref).get("preference"))
        out += _requirement_keys(_l(term.get("matchExpressions")), f"{pp}.matchExpressions")
        out += _requirement_keys(_l(term.get("matchFields")), f"{pp}.matchFields")
    for i, tsc in enumerate(_l(spec.get("topologySpreadConstraints"))):
        tsc = _d(tsc)
        key = str(tsc.get("topologyKey") or "")
        if key in _DEPRECATED_NODE_LABELS:
            out.append(f"{sp}.topologySpreadConstraints[{i}].topologyKey: {key} is {_DEPRECATED_NODE_LABELS[key]}")
        if tsc.get("labelSelector") is None:
            out.append(f"{sp}.topologySpreadConstraints[{i}].labelSelector: a null labelSelector results in "
                       "matching no pod")
    annotations = _d(meta.get("annotations"))
    ap = _join(prefix, "metadata.annotations")
    for key, msg in _DEPRECATED_ANNOTATIONS:
        if key in annotations:
            out.append(f"{ap}[{key}]: {msg}")
    for i, vol in enumerate(_l(spec.get("volumes"))):
        vol = _d(vol)
        for field, msg, *shown in _DEPRECATED_VOLUMES:
            if vol.get(field) is not None:
                out.append(f"{sp}.volumes[{i}].{shown[0] if shown else field}: {msg}")
    out += _overlapping_virtual_paths(_l(spec.get("volumes")))
    out += _duplicates(_l(spec.get("hostAliases")), "ip", f"{sp}.hostAliases", "ip")
    out += _duplicates(_l(spec.get("imagePullSecrets")), "name", f"{sp}.imagePullSecrets", "name")
    for i, s in enumerate(_l(spec.get("imagePullSecrets"))):
        if not _d(s).get("name"):
            out.append(f'{sp}.imagePullSecrets[{i}].name: invalid empty name ""')
    for res_name in ("memory", "ephemeral-storage"):
        out += _fractional_bytes(_d(spec.get("overhead")).get(res_name), f"{sp}.overhead[{res_name}]")
    pod_sc = _d(spec.get("securityContext"))
    if pod_sc.get("seccompProfile") is None and _SECCOMP_POD in annotations:
        out.append(f"{ap}[{_SECCOMP_POD}]: {_SECCOMP_MSG}")
    containers = [(f"{sp}.initContainers[{i}]", _d(c)) for i, c in enumerate(_l(spec.get("initContainers")))]
    containers += [(f"{sp}.containers[{i}]", _d(c)) for i, c in enumerate(_l(spec.get("containers")))]
    for cp, c in containers:
        name = str(c.get("name") or "")
        csc = _d(c.get("securityContext"))
        if csc.get("seccompProfile") is None and _SECCOMP_CONTAINER + name in annotations:
            out.append(f"{ap}[{_SECCOMP_CONTAINER}{name}]: {_SECCOMP_MSG}")
        if (pod_sc.get("appArmorProfile") is None and csc.get("appArmorProfile") is None
                and _APPARMOR_CONTAINER + name in annotations):
            out.append(f"{ap}[{_APPARMOR_CONTAINER}{name}]: {_APPARMOR_MSG}")
        res = _d(c.get("resources"))
        for res_name in ("memory", "ephemeral-storage"):
            for section in ("limits", "requests"):
                out += _fractional_bytes(_d(res.get(section)).get(res_name), f"{cp}.resources.{section}[{res_name}]")
        seen: set[str] = set()
        env = _l(c.get("env"))
        for i, var in enumerate(env):
            var = _d(var)
            vname = str(var.get("name") or "")
            if vname in seen:
                # a redefinition is fine when it builds on the previous value ("$(X)suffix")
                ref = f"$({vname})"
                value = str(var.get("value") or "")
                if var.get("valueFrom") is not None or value == ref or ref not in value:
                    out.append(f'{cp}.env[{i}]: hides previous definition of "{vname}", which may be dropped when '
                               "using apply")
            seen.add(vname)
    ports: dict[str, list[tuple[str, Obj]]] = {}
    for cp, c in containers:
        for i, port in enumerate(_l(c.get("ports"))):
            port = _d(port)
            pp = f"{cp}.ports[{i}]"
            key = f"{port.get('containerPort')}/{port.get('protocol') or 'TCP'}"
            hip, hport = port.get("hostIP") or "", port.get("hostPort") or 0
            if hip and not hport:
                shown = (f"{{Name:{port.get('name') or ''} HostPort:0 ContainerPort:{port.get('containerPort') or 0} "
                         f"Protocol:{port.get('protocol') or 'TCP'} HostIP:{hip}}}")
                out.append(f"{pp}: hostIP set without hostPort: {shown}")
            for other_path, other in ports.get(key, []):
                ohip, ohport = other.get("hostIP") or "", other.get("hostPort") or 0
                if hip == ohip and hport == ohport:
                    out.append(f"{pp}: duplicate port definition with {other_path}")
                elif not hport or not ohport:
                    out.append(f"{pp}: overlapping port definition with {other_path}")
                elif hport == ohport and (not hip) != (not ohip):
                    out.append(f"{pp}: dangerously ambiguous port definition with {other_path}")
            ports.setdefault(key, []).append((pp, port))
    grace = spec.get("terminationGracePeriodSeconds")
    if prefix and isinstance(grace, int) and grace < 0:
        # (A Pod's own negative period is set to 1 before its warnings are computed.)
        out.append(f"{sp}.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be "
                   "treated as 1")
    affinity = _d(spec.get("affinity"))
    for kind in ("podAffinity", "podAntiAffinity"):
        terms = _d(affinity.get(kind))
        rp = f"{sp}.affinity.{kind}.requiredDuringSchedulingIgnoredDuringExecution"
        for i, term in enumerate(_l(terms.get("requiredDuringSchedulingIgnoredDuringExecution"))):
            if _d(term).get("labelSelector") is None:
                out.append(f"{rp}[{i}].labelSelector: a null labelSelector results in matching no pod")
        pp = f"{sp}.affinity.{kind}.preferredDuringSchedulingIgnoredDuringExecution"
        for i, term in enumerate(_l(terms.get("preferredDuringSchedulingIgnoredDuringExecution"))):
            if _d(_d(term).get("podAffinityTerm")).get("labelSelector") is None:
                out.append(f"{pp}[{i}].podAffinityTerm.labelSelector: a null labelSelector results in matching no pod")
    return out


def _duplicates(items: list, key: str, path: str, child: str) -> list[str]:
    """The duplicate hostAliases IPs / imagePullSecrets names warnings (only for lists of two or more)."""
    out: list[str] = []
    if len(items) < 2:
        return out
    seen: set[str] = set()
    for i, item in enumerate(items):
        value = str(_d(item).get(key) or "")
        if value in seen:
            out.append(f"{path}[{i}].{child}: duplicate {key} {_go_quote(value)}")
        seen.add(value)
    return out


def _fractional_bytes(value: Any, path: str) -> list[str]:
    if value is None:
        return []
    try:
        q = quantity.parse(value)
    except quantity.QuantityError:
        return []
    if q.milli_value % 1000:
        return [f'{path}: fractional byte value "{q}" is invalid, must be an integer']
    return []


# The projected sources a v1.32 server keeps: clusterTrustBundle is behind the ClusterTrustBundleProjection gate
# (alpha, off), so the server drops it before the warnings run and a source holding only it is empty.
_PROJECTION_SOURCES = ("secret", "downwardAPI", "configMap", "serviceAccountToken")


def _go_quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _overlapping_virtual_paths(volumes: list) -> list[str]:
    """pkg/api/pod warningsForOverlappingVirtualPaths: keys mapped to the same (or a nested) path inside one
    configMap, secret, downwardAPI or projected volume, and projected sources that are empty."""
    out: list[str] = []
    for vol in volumes:
        vol = _d(vol)
        name = _go_quote(str(vol.get("name") or ""))
        cm, sec, dapi = vol.get("configMap"), vol.get("secret"), vol.get("downwardAPI")
        if isinstance(cm, dict) and cm.get("items") is not None:
            cm_name = _go_quote(str(cm.get("name") or ""))
            out += _mapping_overlaps(_item_paths(cm), f"volume {name} (ConfigMap {cm_name}): overlapping paths")
        if isinstance(sec, dict) and sec.get("items") is not None:
            sec_name = _go_quote(str(sec.get("secretName") or ""))
            out += _mapping_overlaps(_item_paths(sec), f"volume {name} (Secret {sec_name}): overlapping paths")
        if isinstance(dapi, dict) and dapi.get("items") is not None:
            out += _mapping_overlaps(_item_paths(dapi), f"volume {name} (DownwardAPI): overlapping paths")
        projected = vol.get("projected")
        if not isinstance(projected, dict):
            continue
        # As the server's loop: the paths and the message of the last source that had some carry over to a
        # source that names none of its own (a configMap without items, say).
        source_paths: list[str] = []
        message = ""
        all_paths: set[str] = set()
        for source in _l(projected.get("sources")):
            source = _d(source)
            if not any(source.get(k) is not None for k in _PROJECTION_SOURCES):
                out.append(f"volume {name} (Projected) has no sources provided")
                continue
            cm, sec, dapi = source.get("configMap"), source.get("secret"), source.get("downwardAPI")
            sat = source.get("serviceAccountToken")
            if isinstance(cm, dict) and cm.get("items") is not None:
                source_paths = _item_paths(cm)
                cm_name = _go_quote(str(cm.get("name") or ""))
                message = f"volume {name} (Projected ConfigMap {cm_name}): overlapping paths"
            elif isinstance(sec, dict) and sec.get("items") is not None:
                source_paths = _item_paths(sec)
                sec_name = _go_quote(str(sec.get("name") or ""))
                message = f"volume {name} (Projected Secret {sec_name}): overlapping paths"
            elif isinstance(dapi, dict) and dapi.get("items") is not None:
                source_paths = _item_paths(dapi)
                message = f"volume {name} (Projected DownwardAPI): overlapping paths"
            elif isinstance(sat, dict):
                source_paths = [str(sat.get("path") or "")]
                message = f"volume {name} (Projected ServiceAccountToken): overlapping paths"
            if not source_paths:
                continue
            out += _mapping_overlaps(source_paths, message)
            unique = list(dict.fromkeys(source_paths))
            out += _mapping_overlaps(sorted(unique + list(all_paths)), message)
            all_paths.update(unique)
    return out


def _item_paths(src: Obj) -> list[str]:
    return [str(_d(item).get("path") or "") for item in _l(src.get("items"))]


def _mapping_overlaps(paths: list[str], message: str) -> list[str]:
    out: list[str] = []
    seen: dict[str, None] = {}
    for path in paths:
        path = path.rstrip("/")
        collision = ""
        for item in seen:
            if item == "" or path == "":
                break
            if item == path or (item + "/").startswith(path) or (path + "/").startswith(item):
                collision = item
                break
        if collision:
            out.append(f"{message}: {_go_quote(path)} with {_go_quote(collision)}")
        seen[path] = None
    return out


def _template(obj: Obj) -> tuple[str, Obj] | None:
    kind = obj.get("kind")
    spec = _d(obj.get("spec"))
    if kind in ("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "ReplicationController"):
        return "spec.template", _d(spec.get("template"))
    if kind == "CronJob":
        return "spec.jobTemplate.spec.template", _d(_d(_d(spec.get("jobTemplate")).get("spec")).get("template"))
    if kind == "PodTemplate":
        return "template", _d(obj.get("template"))
    return None


_TOPOLOGY_HINTS = "service.kubernetes.io/topology-aware-hints"


def _ip_warning(path: str, address: str) -> list[str]:
    """pkg/api/service getWarningsForIP: what netip.ParseAddr refuses (leading zeros) or would print otherwise."""
    import ipaddress

    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        parts = address.split(".")
        if len(parts) == 4 and all(p.isdigit() and len(p) <= 3 for p in parts) and any(
                len(p) > 1 and p.startswith("0") for p in parts):
            return [f"{path}: IP address was accepted, but will be invalid in a future Kubernetes release: "
                    f"ParseAddr({_go_quote(address)}): IPv4 field has octet with leading zero"]
        return []
    canonical = str(ip)
    if address != canonical:
        return [f"{path}: IPv6 address {_go_quote(address)} is not in RFC 5952 canonical format "
                f"({_go_quote(canonical)}), which may cause controller apply-loops"]
    return []


def _cidr_warning(path: str, cidr: str) -> list[str]:
    """pkg/api/service getWarningsForCIDR (netip.ParsePrefix)."""
    import ipaddress

    addr, sep, bits = cidr.partition("/")
    try:
        ip = ipaddress.ip_address(addr)
    except ValueError:
        parts = addr.split(".")
        if sep and len(parts) == 4 and all(p.isdigit() and len(p) <= 3 for p in parts) and any(
                len(p) > 1 and p.startswith("0") for p in parts):
            return [f"{path}: IP prefix was accepted, but will be invalid in a future Kubernetes release: "
                    f"netip.ParsePrefix({_go_quote(cidr)}): ParseAddr({_go_quote(addr)}): IPv4 field has octet "
                    "with leading zero"]
        return []
    if not sep or not bits.isdigit():
        return []
    canonical = f"{ip}/{int(bits)}"
    if cidr != canonical:
        return [f"{path}: IPv6 prefix {_go_quote(cidr)} is not in RFC 5952 canonical format ({_go_quote(canonical)}), "
                "which may cause controller apply-loops"]
    return []


def service_warnings(obj: Obj) -> list[str]:
    """pkg/api/service GetWarningsForService."""
    spec = _d(obj.get("spec"))
    out: list[str] = []
    if _TOPOLOGY_HINTS in _d(_d(obj.get("metadata")).get("annotations")):
        out.append(f"annotation {_TOPOLOGY_HINTS} is deprecated, please use service.kubernetes.io/topology-mode "
                   "instead")
    stype = spec.get("type") or "ClusterIP"
    ips = [str(x) for x in _l(spec.get("clusterIPs"))]
    if ips and ips[0] not in ("", "None"):
        for i, ip in enumerate(ips):
            out += _ip_warning(f"spec.clusterIPs[{i}]", ip)
    for i, ip in enumerate(_l(spec.get("externalIPs"))):
        out += _ip_warning(f"spec.externalIPs[{i}]", str(ip))
    if spec.get("loadBalancerIP"):
        out += _ip_warning("spec.loadBalancerIP", str(spec["loadBalancerIP"]))
    for i, cidr in enumerate(_l(spec.get("loadBalancerSourceRanges"))):
        out += _cidr_warning(f"spec.loadBalancerSourceRanges[{i}]", str(cidr))
    if stype == "ExternalName" and _l(spec.get("externalIPs")):
        out.append('spec.externalIPs is ignored when spec.type is "ExternalName"')
    if stype != "ExternalName" and spec.get("externalName"):
        out.append('spec.externalName is ignored when spec.type is not "ExternalName"')
    return out


def on_create(obj: Obj) -> list[str]:
    """The warnings of creating ``obj`` (defaulted and valid)."""
    kind = obj.get("kind")
    api_version = str(obj.get("apiVersion") or "")
    meta = _d(obj.get("metadata"))
    if kind == "Pod" and api_version == "v1":
        return pod_spec_warnings("", _d(obj.get("spec")), meta)
    tmpl = _template(obj)
    if tmpl is not None:
        return pod_spec_warnings(tmpl[0], _d(tmpl[1].get("spec")), _d(tmpl[1].get("metadata")))
    if kind == "Ingress" and api_version.startswith("networking.k8s.io/"):
        spec = _d(obj.get("spec"))
        if "kubernetes.io/ingress.class" in _d(meta.get("annotations")) and spec.get("ingressClassName") is None:
            return ['annotation "kubernetes.io/ingress.class" is deprecated, please use \'spec.ingressClassName\' '
                    "instead"]
    if kind == "Service" and api_version == "v1":
        return service_warnings(obj)
    if kind == "EndpointSlice" and obj.get("addressType") == "FQDN":
        return ["spec.addressType: FQDN endpoints are deprecated"]
    if kind == "Secret" and obj.get("type") == "kubernetes.io/tls":
        import base64

        try:
            cert = base64.b64decode(str(_d(obj.get("data")).get("tls.crt") or ""))
        except ValueError:
            cert = b""
        if b"-----BEGIN" not in cert:
            return ["tls: failed to find any PEM data in certificate input"]
    return []
