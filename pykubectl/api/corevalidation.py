"""Core (v1) kinds' rules of pkg/apis/core/validation beyond validation.py: Service fields (IP families,
external IPs, load-balancer-only fields), PersistentVolume, LimitRange, ResourceQuota, Endpoints and the
well-formedness of typed Secrets."""

from __future__ import annotations

import json
import posixpath
import re
from typing import Any

from pykubectl.api import quantity
from pykubectl.api.selectors import is_qualified_name
from pykubectl.api.validation import (
    GoRepr, Obj, _dict, _int, _list, duplicate, forbidden, go_string_slice, invalid, is_dns1123_label, is_valid_cidr, is_valid_ip,
    name_is_dns_subdomain, not_supported, port_and_protocol_errors, required,
    validate_non_special_ip,
)
from pykubectl.errors import FieldError

_STANDARD_RESOURCES = {
    "cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory", "requests.ephemeral-storage",
    "limits.cpu", "limits.memory", "limits.ephemeral-storage", "pods", "services", "replicationcontrollers",
    "resourcequotas", "secrets", "configmaps", "persistentvolumeclaims", "requests.storage", "services.nodeports",
    "services.loadbalancers", "storage",
}
_STANDARD_QUOTA = {
    "cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory", "requests.storage",
    "requests.ephemeral-storage", "limits.cpu", "limits.memory", "limits.ephemeral-storage",
    "persistentvolumeclaims", "pods", "services", "services.loadbalancers", "services.nodeports", "secrets",
    "configmaps", "replicationcontrollers", "resourcequotas",
}
_INTEGER_RESOURCES = {"pods", "services", "replicationcontrollers", "resourcequotas", "secrets", "configmaps",
                      "persistentvolumeclaims", "services.nodeports", "services.loadbalancers"}
_SCOPES = ("Terminating", "NotTerminating", "BestEffort", "NotBestEffort", "PriorityClass",
           "CrossNamespacePodAffinity")
_POD_COMPUTE = {"cpu", "memory", "limits.cpu", "limits.memory", "requests.cpu", "requests.memory"}


# ---- Go renderings ---------------------------------------------------------------------------------------------


_DECIMAL_EXP = {"n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18}


def _amount(text: str, q: quantity.Quantity) -> tuple[int, int]:
    """The int64Amount (value, scale) that resource.ParseQuantity keeps for ``text``: the digits as written
    (zeros stripped around the point) and the decimal suffix's exponent; binary suffixes are whole numbers."""
    m = re.match(r"^[+-]?(\d*)(?:\.(\d*))?([a-zA-Z]*)$", text.strip())
    if q.format == "BinarySI" or m is None or m.group(3) not in _DECIMAL_EXP:
        return int(q.value), 0
    whole, frac = m.group(1).lstrip("0"), (m.group(2) or "").rstrip("0")
    digits = int(whole + frac or "0")
    if q.value < 0:
        digits = -digits
    return digits, _DECIMAL_EXP[m.group(3)] - len(frac)


def go_quantity(v: Any) -> str:
    text = str(v)
    q = quantity.parse(v)
    value, scale = _amount(text, q)
    return (f"resource.Quantity{{i:resource.int64Amount{{value:{value}, scale:{scale}}}, "
            f'd:resource.infDecAmount{{Dec:(*inf.Dec)(nil)}}, s:"{q}", Format:"{q.format}"}}')


def _go_resource_list(res: Any) -> GoRepr:
    if not isinstance(res, dict) or not res:
        return GoRepr("core.ResourceList(nil)")
    return GoRepr("core.ResourceList{" + ", ".join(f'"{k}":{go_quantity(res[k])}' for k in sorted(res)) + "}")


def _parse(v: Any) -> quantity.Quantity | None:
    try:
        return quantity.parse(v)
    except quantity.QuantityError:
        return None


def _resource_name(name: str, path: str) -> list[FieldError]:
    errs = [invalid(path, GoRepr(name), m) for m in is_qualified_name(name)]
    if not errs and "/" not in name and name not in _STANDARD_RESOURCES and not name.startswith(
            ("hugepages-", "requests.hugepages-", "limits.hugepages-")):
        errs.append(invalid(path, GoRepr(name), "must be a standard resource type or fully qualified"))
    return errs


# ---- Service ---------------------------------------------------------------------------------------------------


def _family_mismatch(spec: Obj, ips: list) -> list[FieldError]:
    """validateServiceClusterIPsRelatedFields' last check: each cluster IP of a non-headless Service is of the
    family at the same index of ipFamilies."""
    families = _list(spec.get("ipFamilies"))
    if not families or not ips or ips[0] == "None":
        return []
    errs = []
    for i, ip in enumerate(ips[:len(families)]):
        v6 = ":" in str(ip)
        if families[i] == "IPv4" and v6:
            errs.append(invalid(f"spec.clusterIPs[{i}]", ip,
                                f"expected an IPv4 value as indicated by `ipFamilies[{i}]`"))
        elif families[i] == "IPv6" and not v6:
            errs.append(invalid(f"spec.clusterIPs[{i}]", ip,
                                f"expected an IPv6 value as indicated by `ipFamilies[{i}]`"))
    return errs


def service_extra(spec: Obj, update: bool = False) -> list[FieldError]:
    """``update``: the Service is being updated, whose IP allocation runs after validation (on create it runs
    before, so its refusal of a family this cluster lacks comes first and alone)."""
    errs: list[FieldError] = []
    stype = spec.get("type") or "ClusterIP"
    ips = _list(spec.get("clusterIPs")) or ([spec["clusterIP"]] if spec.get("clusterIP") else [])
    if stype != "ExternalName" and spec.get("clusterIPs"):
        # ValidateServiceClusterIPsRelatedFields: clusterIP and clusterIPs in sync (a create that names only
        # clusterIP had clusterIPs filled from it by normalizeClusterIPs)
        shown = GoRepr(go_string_slice([str(x) for x in spec["clusterIPs"]]))
        if spec.get("clusterIP") and spec["clusterIPs"][0] != spec["clusterIP"]:
            errs.append(invalid("spec.clusterIPs", shown, "first value must match `clusterIP`"))
        elif not spec.get("clusterIP"):
            errs.append(invalid("spec.clusterIPs", shown, "must be empty when `clusterIP` is not specified"))
    for i, ip in enumerate(ips if stype != "ExternalName" else []):
        if i == 0 and ip == "None":
            if len(ips) > 1:
                errs.append(invalid("spec.clusterIPs", GoRepr(go_string_slice([str(x) for x in ips])),
                                    "'None' must be the first and only value"))
            continue
        errs += [invalid(f"spec.clusterIPs[{i}]", ip, m) for m in is_valid_ip(str(ip))]
    if stype != "ExternalName" and len(ips) > 2:
        errs.append(invalid("spec.clusterIPs", GoRepr(go_string_slice([str(x) for x in ips])),
                            "may only hold up to 2 values"))
    policy = spec.get("ipFamilyPolicy")
    if policy is not None and policy not in ("PreferDualStack", "RequireDualStack", "SingleStack"):
        errs.append(not_supported("spec.ipFamilyPolicy", policy, ["PreferDualStack", "RequireDualStack",
                                                                  "SingleStack"]))
    seen: set[str] = set()
    families = _list(spec.get("ipFamilies"))
    for i, fam in enumerate(families):
        if fam not in ("IPv4", "IPv6"):
            errs.append(not_supported(f"spec.ipFamilies[{i}]", fam, ["IPv4", "IPv6"]))
        elif fam in seen:
            errs.append(duplicate(f"spec.ipFamilies[{i}]", fam))
        seen.add(fam)
    if not errs and update and stype != "ExternalName":
        errs += _family_mismatch(spec, ips)
    if not errs and stype != "ExternalName":
        # The cluster is single-stack IPv4 (what the allocator checks when the service asks for families).
        if policy == "RequireDualStack":
            errs.append(invalid("spec.ipFamilyPolicy", policy, "this cluster is not configured for dual-stack "
                                                               "services"))
        for i, fam in enumerate(families):
            if fam == "IPv6":
                errs.append(invalid(f"spec.ipFamilies[{i}]", fam, "not configured on this cluster"))
    for i, ip in enumerate(_list(spec.get("externalIPs"))):
        p = f"spec.externalIPs[{i}]"
        msgs = is_valid_ip(str(ip))
        errs += [invalid(p, ip, m) for m in msgs] if msgs else validate_non_special_ip(str(ip), p)
    for i, port in enumerate(_list(spec.get("ports"))):
        app = _dict(port).get("appProtocol")
        if app is not None:
            errs += [invalid(f"spec.ports[{i}].appProtocol", app, m) for m in is_qualified_name(str(app))]
    ranges = _list(spec.get("loadBalancerSourceRanges"))
    if ranges:
        if stype != "LoadBalancer":
            errs.append(forbidden("spec.loadBalancerSourceRanges", "may only be used when `type` is 'LoadBalancer'"))
        for i, r in enumerate(ranges):
            value = str(r).strip()
            errs += [invalid(f"spec.LoadBalancerSourceRanges[{i}]", value, m) for m in is_valid_cidr(value)]
    if stype != "LoadBalancer":
        if spec.get("allocateLoadBalancerNodePorts") is not None:
            errs.append(forbidden("spec.allocateLoadBalancerNodePorts", "may only be used when `type` is "
                                                                        "'LoadBalancer'"))
        if spec.get("loadBalancerClass") is not None:
            errs.append(forbidden("spec.loadBalancerClass", "may only be used when `type` is 'LoadBalancer'"))
    elif spec.get("loadBalancerClass") is not None:  # validateLoadBalancerClassField
        lbc = str(spec["loadBalancerClass"])
        errs += [invalid("spec.loadBalancerClass", lbc, m) for m in is_qualified_name(lbc)]
    hc = _int(spec.get("healthCheckNodePort")) or 0
    if hc and not (stype == "LoadBalancer" and spec.get("externalTrafficPolicy") == "Local"):
        errs.append(invalid("spec.healthCheckNodePort", hc, "may only be set when `type` is 'LoadBalancer' and "
                                                            "`externalTrafficPolicy` is 'Local'"))
    td = spec.get("trafficDistribution")
    if td is not None and td != "PreferClose":
        errs.append(not_supported("spec.trafficDistribution", td, ["PreferClose"]))
    return errs


# ---- PersistentVolume ------------------------------------------------------------------------------------------

# In the order ValidatePersistentVolumeSpec looks at them (v1.32).
_PV_SOURCES = ("hostPath", "gcePersistentDisk", "awsElasticBlockStore", "glusterfs", "flocker", "nfs", "rbd",
               "quobyte", "cephfs", "iscsi", "cinder", "fc", "flexVolume", "azureFile", "vsphereVolume",
               "photonPersistentDisk", "portworxVolume", "azureDisk", "scaleIO", "local", "storageos", "csi")


def validate_pv(obj: Obj) -> list[FieldError]:
    from pykubectl.api import podvalidation

    spec = _dict(obj.get("spec"))
    errs: list[FieldError] = []
    modes = _list(spec.get("accessModes"))
    if not modes:
        errs.append(required("spec.accessModes"))
    valid = ["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"]
    for mode in modes:
        if mode not in valid:
            errs.append(not_supported("spec.accessModes", mode, valid))
    if "ReadWriteOncePod" in modes and any(m in valid and m != "ReadWriteOncePod" for m in modes):
        errs.append(forbidden("spec.accessModes", "may not use ReadWriteOncePod with other access modes"))
    capacity = spec.get("capacity")
    if not _dict(capacity):
        errs.append(required("spec.capacity"))
    if "storage" not in _dict(capacity) or len(_dict(capacity)) > 1:
        errs.append(not_supported("spec.capacity", _go_resource_list(capacity), ["storage"]))
    for k in sorted(_dict(capacity)):
        q = _parse(capacity[k])
        if q is not None and q.value <= 0:
            errs.append(invalid(f"spec.capacity[{k}]", str(capacity[k]), "must be greater than zero"))
    policy = spec.get("persistentVolumeReclaimPolicy") or ""
    if policy and policy not in ("Delete", "Recycle", "Retain"):
        errs.append(not_supported("spec.persistentVolumeReclaimPolicy", policy, ["Delete", "Recycle", "Retain"]))
    affinity = spec.get("nodeAffinity")
    has_affinity = False
    if isinstance(affinity, dict):
        has_affinity = True  # validateVolumeNodeAffinity: a nodeAffinity counts even when it is refused
        req = affinity.get("required")
        if not isinstance(req, dict):
            errs.append(required("spec.nodeAffinity.required", "must specify required node constraints"))
        else:
            terms = _list(req.get("nodeSelectorTerms"))
            if not terms:
                errs.append(required("spec.nodeAffinity.required.nodeSelectorTerms",
                                     "must have at least one node selector term"))
            for i, term in enumerate(terms):
                errs += podvalidation._node_selector_term(_dict(term), f"spec.nodeAffinity.required.nodeSelectorTerms[{i}]",
                                                          check_values=True)
    n = 0
    pv_name = str(_dict(obj.get("metadata")).get("name") or "")
    for src in _PV_SOURCES:
        if spec.get(src) is None:
            continue
        if n and src != "flexVolume":  # v1.32 counts a flexVolume without the more-than-one check
            errs.append(forbidden(f"spec.{podvalidation.VOLUME_FORBIDDEN_SEGMENT.get(src, src)}",
                                  "may not specify more than 1 volume type"))
            continue
        n += 1
        value = _dict(spec[src])
        errs += podvalidation.volume_source(src, value, f"spec.{podvalidation.VOLUME_ERROR_SEGMENT.get(src, src)}",
                                            pv_name=pv_name)
        if src == "local" and not has_affinity:
            errs.append(required("spec.nodeAffinity", "Local volume requires node affinity"))
    if n == 0:
        errs.append(required("spec", "must specify a volume type"))
    host = spec.get("hostPath")
    if isinstance(host, dict) and posixpath.normpath(str(host.get("path") or "")) == "/" and policy == "Recycle":
        errs.append(forbidden("spec.persistentVolumeReclaimPolicy", "may not be 'recycle' for a hostPath mount of '/'"))
    scn = spec.get("storageClassName")
    if scn:
        errs += [invalid("spec.storageClassName", scn, m) for m in name_is_dns_subdomain(str(scn), False)]
    vm = spec.get("volumeMode")
    if vm is not None and vm not in ("Block", "Filesystem"):
        errs.append(not_supported("spec.volumeMode", vm, ["Block", "Filesystem"]))
    return errs


# ---- LimitRange ------------------------------------------------------------------------------------------------


def validate_limit_range(obj: Obj) -> list[FieldError]:
    errs: list[FieldError] = []
    types: set[str] = set()
    for i, item in enumerate(_list(_dict(obj.get("spec")).get("limits"))):
        item = _dict(item)
        p = f"spec.limits[{i}]"
        ltype = str(item.get("type") or "")
        msgs = is_qualified_name(ltype)
        errs += [invalid(f"{p}.type", ltype, m) for m in msgs]
        if not msgs and "/" not in ltype and ltype not in ("Pod", "Container", "PersistentVolumeClaim"):
            errs.append(invalid(f"{p}.type", ltype, "must be a standard limit type or fully qualified"))
        if ltype in types:
            errs.append(duplicate(f"{p}.type", ltype))
        types.add(ltype)
        sections: dict[str, dict[str, Any]] = {}
        keys: list[str] = []
        order = ["max", "min"] + ([] if ltype == "Pod" else ["default", "defaultRequest"]) + ["maxLimitRequestRatio"]
        if ltype == "Pod":
            for field in ("default", "defaultRequest"):
                if _dict(item.get(field)):
                    errs.append(forbidden(f"{p}.{field}", "may not be specified when `type` is 'Pod'"))
        for field in order:
            values = _dict(item.get(field))
            sections[field] = {}
            for k in sorted(values):
                errs += _resource_name(k, f"{p}.{field}[{k}]")
                q = _parse(values[k])
                if q is not None:
                    sections[field][k] = (values[k], q)
                if k not in keys:
                    keys.append(k)
            if field == "min" and ltype == "PersistentVolumeClaim":
                if "storage" not in _dict(item.get("min")) and "storage" not in _dict(item.get("max")):
                    errs.append(required(f"{p}.limits", "either minimum or maximum storage value is required, but "
                                                        "neither was provided"))
        for k in keys:
            mn, mx = sections["min"].get(k), sections["max"].get(k)
            df, dr = sections.get("default", {}).get(k), sections.get("defaultRequest", {}).get(k)
            ratio = sections["maxLimitRequestRatio"].get(k)

            def bad(field: str, shown: Any, msg: str) -> None:
                errs.append(invalid(f"{p}.{field}[{k}]", GoRepr(go_quantity(shown[0])), msg))

            if mn and mx and mn[1].value > mx[1].value:
                bad("min", mn, f"min value {mn[1]} is greater than max value {mx[1]}")
            if dr and mn and mn[1].value > dr[1].value:
                bad("defaultRequest", dr, f"min value {mn[1]} is greater than default request value {dr[1]}")
            if dr and mx and dr[1].value > mx[1].value:
                bad("defaultRequest", dr, f"default request value {dr[1]} is greater than max value {mx[1]}")
            if dr and df and dr[1].value > df[1].value:
                bad("defaultRequest", dr, f"default request value {dr[1]} is greater than default limit value {df[1]}")
            if df and mn and mn[1].value > df[1].value:
                bad("default", mn, f"min value {mn[1]} is greater than default value {df[1]}")
            if df and mx and df[1].value > mx[1].value:
                bad("default", mx, f"default value {df[1]} is greater than max value {mx[1]}")
            if ratio and ratio[1].value < 1:
                bad("maxLimitRequestRatio", ratio, f"ratio {ratio[1]} is less than 1")
            if ratio and mn and mx and mn[1].value > 0:
                limit = mx[1].value / mn[1].value
                if ratio[1].value > limit:
                    bad("maxLimitRequestRatio", ratio, f"ratio {ratio[1]} is greater than max/min = "
                                                       f"{float(limit):f}")
    return errs


# ---- ResourceQuota ---------------------------------------------------------------------------------------------


def _scope_valid_for(scope: str, resource: str) -> bool:
    if scope in ("Terminating", "NotTerminating", "NotBestEffort", "PriorityClass", "CrossNamespacePodAffinity"):
        return resource == "pods" or resource in _POD_COMPUTE
    if scope == "BestEffort":
        return resource == "pods"
    return True


def validate_resource_quota(obj: Obj) -> list[FieldError]:
    spec = _dict(obj.get("spec"))
    errs: list[FieldError] = []
    hard = _dict(spec.get("hard"))
    for k in sorted(hard):
        p = f"spec.hard[{k}]"
        errs += _resource_name(k, p)
        if "/" not in k and k not in _STANDARD_QUOTA and not k.startswith("requests.hugepages-"):
            errs.append(invalid(p, GoRepr(k), "must be a standard resource for quota"))
        q = _parse(hard[k])
        if q is not None:
            if q.value < 0:
                errs.append(invalid(p, str(q), "must be greater than or equal to 0"))
            if k in _INTEGER_RESOURCES and q.value.denominator != 1:
                errs.append(invalid(p, GoRepr(go_quantity(hard[k])), "must be an integer"))
    scopes = _list(spec.get("scopes"))
    if scopes:
        shown = GoRepr("[]core.ResourceQuotaScope{" + ", ".join(f'"{s}"' for s in scopes) + "}")
        for scope in scopes:
            if scope not in _SCOPES:
                errs.append(invalid("spec.scopes", shown, "unsupported scope"))
            for k in sorted(hard):
                if k in _STANDARD_QUOTA and not _scope_valid_for(str(scope), k):
                    errs.append(invalid("spec.scopes", shown, "unsupported scope applied to resource"))
        for a, b in (("BestEffort", "NotBestEffort"), ("Terminating", "NotTerminating")):
            if a in scopes and b in scopes:
                errs.append(invalid("spec.scopes", shown, "conflicting scopes"))
    selector = spec.get("scopeSelector")
    if isinstance(selector, dict):
        p = "spec.scopeSelector.matchExpressions"
        names = []
        for req in _list(selector.get("matchExpressions")):
            req = _dict(req)
            name = str(req.get("scopeName") or "")
            if name not in _SCOPES:
                errs.append(invalid(f"{p}.scopeName", name, "unsupported scope"))
            op = req.get("operator") or ""
            if name in ("BestEffort", "NotBestEffort", "Terminating", "NotTerminating", "CrossNamespacePodAffinity") \
                    and op != "Exists":
                errs.append(invalid(f"{p}.operator", op, "must be 'Exist' when scope is any of "
                                    "ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, "
                                    "ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or "
                                    "ResourceQuotaScopeCrossNamespacePodAffinity"))
            values = _list(req.get("values"))
            if op in ("In", "NotIn"):
                if not values:
                    errs.append(required(f"{p}.values", "must be at least one value when `operator` is 'In' or "
                                                        "'NotIn' for scope selector"))
            elif op in ("Exists", "DoesNotExist"):
                if values:
                    errs.append(invalid(f"{p}.values", GoRepr("[]string{" + ", ".join(f'"{v}"' for v in values) + "}"),
                                        "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope "
                                        "selector"))
            else:
                errs.append(invalid(f"{p}.operator", op, "not a valid selector operator"))
            names.append(name)
    return errs


# ---- Endpoints -------------------------------------------------------------------------------------------------


def validate_endpoints(obj: Obj) -> list[FieldError]:
    errs: list[FieldError] = []
    for i, ss in enumerate(_list(obj.get("subsets"))):
        ss = _dict(ss)
        p = f"subsets[{i}]"
        if not _list(ss.get("addresses")) and not _list(ss.get("notReadyAddresses")):
            errs.append(required(p, "must specify `addresses` or `notReadyAddresses`"))
        for field in ("addresses", "notReadyAddresses"):
            for j, addr in enumerate(_list(ss.get(field))):
                addr = _dict(addr)
                ap = f"{p}.{field}[{j}]"
                ip = str(addr.get("ip") or "")
                errs += [invalid(f"{ap}.ip", ip, m) for m in is_valid_ip(ip)]
                host = addr.get("hostname")
                if host:
                    errs += [invalid(f"{ap}.hostname", host, m) for m in is_dns1123_label(str(host))]
                node = addr.get("nodeName")
                if node is not None:
                    errs += [invalid(f"{ap}.nodeName", node, m) for m in name_is_dns_subdomain(str(node), False)]
                errs += validate_non_special_ip(ip, f"{ap}.ip")
        ports = _list(ss.get("ports"))
        for j, port in enumerate(ports):
            port = _dict(port)
            pp = f"{p}.ports[{j}]"
            name = str(port.get("name") or "")
            if len(ports) > 1 and not name:
                errs.append(required(f"{pp}.name"))
            elif name:
                errs += [invalid(f"{pp}.name", name, m) for m in is_dns1123_label(name)]
            errs += port_and_protocol_errors(port, pp)
            app = port.get("appProtocol")
            if app is not None:
                errs += [invalid(f"{pp}.appProtocol", app, m) for m in is_qualified_name(str(app))]
    return errs


# ---- Secrets ---------------------------------------------------------------------------------------------------


def go_json_object_error(raw: bytes) -> str | None:
    """What encoding/json says when unmarshalling ``raw`` into a map (None when it works)."""
    text = raw.decode("utf-8", "replace")
    stripped = text.lstrip(" \t\r\n")
    if not stripped:
        return "unexpected end of JSON input"
    c = stripped[0]
    for lit in ("true", "false", "null"):
        if c == lit[0]:
            for k, ch in enumerate(stripped[: len(lit)]):
                if ch != lit[k]:
                    return f"invalid character '{ch}' in literal {lit} (expecting '{lit[k]}')"
            if len(stripped) < len(lit):
                return "unexpected end of JSON input"
    if c not in '{["-0123456789tfn':
        return f"invalid character '{c}' looking for beginning of value"
    try:
        value = json.loads(text)
    except ValueError as e:
        return f"invalid character near offset {getattr(e, 'pos', 0)}"
    if value is None or isinstance(value, dict):
        return None
    kind = {bool: "bool", str: "string", list: "array", int: "number", float: "number"}.get(type(value), "value")
    return f"json: cannot unmarshal {kind} into Go value of type map[string]interface {{}}"


def secret_contents(obj: Obj, data: dict) -> list[FieldError]:
    import base64

    stype = obj.get("type") or ""
    key = {"kubernetes.io/dockerconfigjson": ".dockerconfigjson", "kubernetes.io/dockercfg": ".dockercfg"}.get(stype)
    if key is None or key not in data:
        return []
    try:
        raw = base64.b64decode(str(data[key]))
    except ValueError:
        return []
    err = go_json_object_error(raw)
    if err:
        return [invalid(f"data[{key}]", "<secret contents redacted>", err)]
    return []


