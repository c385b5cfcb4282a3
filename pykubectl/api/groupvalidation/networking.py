"""networking.k8s.io: Ingress, IngressClass, NetworkPolicy (pkg/apis/networking/validation)."""

from __future__ import annotations

import ipaddress
from pykubectl.api.validation import (
    FieldError, GoRepr, Obj, _dict, _int, _list, forbidden, invalid, is_dns1035_label, is_dns1123_label,
    is_dns1123_subdomain, is_valid_cidr, is_valid_path_segment_name, is_valid_port_name, is_valid_port_num,
    is_wildcard_dns1123_subdomain, name_is_dns_subdomain, not_supported, parse_cidr, required, validate_domain_prefixed_path, validate_label_selector,
)

_PATH_TYPES = ["Exact", "ImplementationSpecific", "Prefix"]


def _is_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def _validate_host(host: str, path: str) -> list[FieldError]:
    if "*" in host:
        return [invalid(path, host, m) for m in is_wildcard_dns1123_subdomain(host)]
    return [invalid(path, host, m) for m in is_dns1123_subdomain(host)]


def _typed_local_object_reference(ref: Obj, path: str) -> list[FieldError]:
    """validateIngressTypedLocalObjectReference (a resource backend, an IngressClass's parameters)."""
    errs: list[FieldError] = []
    group = ref.get("apiGroup")
    if group is not None:
        errs += [invalid(f"{path}.apiGroup", str(group), m) for m in is_dns1123_subdomain(str(group))]
    for key in ("kind", "name"):
        value = str(ref.get(key) or "")
        if not value:
            errs.append(required(f"{path}.{key}", f"{key} is required"))
        else:
            errs += [invalid(f"{path}.{key}", value, m) for m in is_valid_path_segment_name(value)]
    return errs


def _validate_backend(backend: Obj, path: str) -> list[FieldError]:
    resource, service = backend.get("resource"), backend.get("service")
    if resource is not None and service is not None:
        return [invalid(path, "", "cannot set both resource and service backends")]
    if resource is not None:
        return _typed_local_object_reference(_dict(resource), f"{path}.resource")
    if service is None:
        return [invalid(path, "", "resource or service backend is required")]
    service = _dict(service)
    errs: list[FieldError] = []
    name = str(service.get("name") or "")
    if not name:
        errs.append(required(f"{path}.service.name"))
    else:
        errs += [invalid(f"{path}.service.name", name, m) for m in is_dns1035_label(name)]
    port = _dict(service.get("port"))
    pname = str(port.get("name") or "")
    pnum = _int(port.get("number")) or 0
    if pname and pnum:
        errs.append(invalid(path, "", "cannot set both port name & port number"))
    elif pname:
        errs += [invalid(f"{path}.service.port.name", pname, m) for m in is_valid_port_name(pname)]
    elif pnum:
        errs += [invalid(f"{path}.service.port.number", pnum, m) for m in is_valid_port_num(pnum)]
    else:
        errs.append(required(path, "port name or number is required"))
    return errs


def _validate_http_path(p: Obj, path: str) -> list[FieldError]:
    ptype = p.get("pathType")
    if ptype is None:
        return [required(f"{path}.pathType", "pathType must be specified")]
    value = str(p.get("path") or "")
    errs: list[FieldError] = []
    if ptype in ("Exact", "Prefix"):
        if not value.startswith("/"):
            errs.append(invalid(f"{path}.path", value, "must be an absolute path"))
        if value:
            for seq in ("//", "/./", "/../", "%2f", "%2F"):
                if seq in value:
                    errs.append(invalid(f"{path}.path", value, f"must not contain '{seq}'"))
            for seg in ("/..", "/."):
                if value.endswith(seg):
                    errs.append(invalid(f"{path}.path", value, f"cannot end with '{seg}'"))
    elif ptype == "ImplementationSpecific":
        if value and not value.startswith("/"):
            errs.append(invalid(f"{path}.path", value, "must be an absolute path"))
    else:
        errs.append(not_supported(f"{path}.pathType", ptype, _PATH_TYPES))
    errs += _validate_backend(_dict(p.get("backend")), f"{path}.backend")
    return errs


def _validate_ingress(obj: Obj) -> list[FieldError]:
    spec = _dict(obj.get("spec"))
    errs: list[FieldError] = []
    rules = _list(spec.get("rules"))
    if not rules and spec.get("defaultBackend") is None:
        errs.append(invalid("spec", GoRepr("[]networking.IngressRule(nil)"), "either `defaultBackend` or `rules` must be specified"))
    if spec.get("defaultBackend") is not None:
        errs += _validate_backend(_dict(spec.get("defaultBackend")), "spec.defaultBackend")
    for i, rule in enumerate(rules):
        rule = _dict(rule)
        p = f"spec.rules[{i}]"
        host = str(rule.get("host") or "")
        if host:
            if _is_ip(host):
                errs.append(invalid(f"{p}.host", host, "must be a DNS name, not an IP address"))
            errs += _validate_host(host, f"{p}.host")
        http = rule.get("http")
        if http is not None:
            paths = _list(_dict(http).get("paths"))
            if not paths:
                errs.append(required(f"{p}.http.paths"))
            for j, hp in enumerate(paths):
                errs += _validate_http_path(_dict(hp), f"{p}.http.paths[{j}]")
    for i, tls in enumerate(_list(spec.get("tls"))):
        for j, host in enumerate(_list(_dict(tls).get("hosts"))):
            errs += _validate_host(str(host), f"spec.tls[{i}].hosts[{j}]")
        secret = str(_dict(tls).get("secretName") or "")
        if secret:  # validateTLSSecretName
            errs += [invalid(f"spec.tls[{i}].secretName", secret, m) for m in name_is_dns_subdomain(secret, False)]
    cls = spec.get("ingressClassName")
    if cls is not None:
        errs += [invalid("spec.ingressClassName", cls, m) for m in name_is_dns_subdomain(str(cls), False)]
    return errs


def _validate_ingress_class(obj: Obj) -> list[FieldError]:
    spec = _dict(obj.get("spec"))
    errs: list[FieldError] = []
    controller = str(spec.get("controller") or "")
    if len(controller) > 250:
        errs.append(FieldError("spec.controller", "Too long", "may not be more than 250 bytes"))
    errs += validate_domain_prefixed_path(controller, "spec.controller")
    params = spec.get("parameters")
    if isinstance(params, dict):
        p = "spec.parameters"
        errs += _typed_local_object_reference(params, p)
        scope = params.get("scope")
        if scope is None:
            errs.append(required(f"{p}.scope"))
        elif scope not in ("Cluster", "Namespace"):
            errs.append(not_supported(f"{p}.scope", scope, ["Cluster", "Namespace"]))
        elif scope == "Namespace":
            if params.get("namespace") is None:
                errs.append(required(f"{p}.namespace", "`parameters.scope` is set to 'Namespace'"))
            else:
                ns = str(params["namespace"])
                errs += [invalid(f"{p}.namespace", ns, m) for m in is_dns1123_label(ns)]
        elif params.get("namespace") is not None:
            errs.append(forbidden(f"{p}.namespace", "`parameters.scope` is set to 'Cluster'"))
    return errs


def _validate_np_port(port: Obj, path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    proto = port.get("protocol")
    if proto is not None and proto not in ("TCP", "UDP", "SCTP"):
        errs.append(not_supported(f"{path}.protocol", proto, ["TCP", "UDP", "SCTP"]))
    value, end = port.get("port"), port.get("endPort")
    if value is not None:
        if isinstance(value, int):
            errs += [invalid(f"{path}.port", value, m) for m in is_valid_port_num(value)]
            if end is not None:
                if end < value:
                    errs.append(invalid(f"{path}.endPort", value, "must be greater than or equal to `port`"))
                errs += [invalid(f"{path}.endPort", end, m) for m in is_valid_port_num(end)]
        else:
            if end is not None:
                errs.append(invalid(f"{path}.endPort", end, "may not be specified when `port` is non-numeric"))
            errs += [invalid(f"{path}.port", str(value), m) for m in is_valid_port_name(str(value))]
    elif end is not None:
        errs.append(invalid(f"{path}.endPort", end, "may not be specified when `port` is not specified"))
    return errs


def _validate_ip_block(block: Obj, path: str) -> list[FieldError]:
    cidr = str(block.get("cidr") or "")
    if not cidr:
        return [required(f"{path}.cidr")]
    errs = [invalid(f"{path}.cidr", cidr, m) for m in is_valid_cidr(cidr)]
    if errs:
        return errs
    net = parse_cidr(cidr)  # ParseCIDRSloppy: IPv4 parts may carry leading zeros
    for i, exc in enumerate(_list(block.get("except"))):
        p = f"{path}.except[{i}]"
        msgs = is_valid_cidr(str(exc))
        if msgs:
            errs += [invalid(p, exc, m) for m in msgs]
            continue
        enet = parse_cidr(str(exc))
        if enet.version != net.version or enet.network_address not in net or net.prefixlen >= enet.prefixlen:
            errs.append(invalid(p, exc, "must be a strict subset of `cidr`"))
    return errs


def _validate_peer(peer: Obj, path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    n = 0
    if peer.get("podSelector") is not None:
        n += 1
        errs += validate_label_selector(peer.get("podSelector"), f"{path}.podSelector")
    if peer.get("namespaceSelector") is not None:
        n += 1
        errs += validate_label_selector(peer.get("namespaceSelector"), f"{path}.namespaceSelector")
    if peer.get("ipBlock") is not None:
        n += 1
        errs += _validate_ip_block(_dict(peer.get("ipBlock")), f"{path}.ipBlock")
    if n == 0:
        errs.append(required(path, "must specify a peer"))
    elif n > 1 and peer.get("ipBlock") is not None:
        errs.append(forbidden(path, "may not specify both ipBlock and another peer"))
    return errs


def _validate_network_policy(obj: Obj) -> list[FieldError]:
    spec = _dict(obj.get("spec"))
    errs = validate_label_selector(spec.get("podSelector"), "spec.podSelector")
    for what, peers in (("ingress", "from"), ("egress", "to")):
        for i, rule in enumerate(_list(spec.get(what))):
            rule = _dict(rule)
            p = f"spec.{what}[{i}]"
            for j, port in enumerate(_list(rule.get("ports"))):
                errs += _validate_np_port(_dict(port), f"{p}.ports[{j}]")
            for k, peer in enumerate(_list(rule.get(peers))):
                errs += _validate_peer(_dict(peer), f"{p}.{peers}[{k}]")
    types = _list(spec.get("policyTypes"))
    if len(types) > 2:
        errs.append(invalid("spec.policyTypes", GoRepr("[]networking.PolicyType{" + ", ".join(f'"{t}"' for t in types) + "}"),
                            "may not specify more than two policyTypes"))
    for i, t in enumerate(types):
        if t not in ("Ingress", "Egress"):
            errs.append(not_supported(f"spec.policyTypes[{i}]", t, ["Ingress", "Egress"]))
    return errs


def _validate_ingress_class_update(new: Obj, old: Obj) -> list[FieldError]:
    errs = _validate_ingress_class(new)
    nc, oc = _dict(new.get("spec")).get("controller"), _dict(old.get("spec")).get("controller")
    if nc != oc:
        errs.append(invalid("spec.controller", nc, "field is immutable"))
    return errs


CREATE = {
    ("networking.k8s.io", "Ingress"): (True, name_is_dns_subdomain, _validate_ingress),
    ("networking.k8s.io", "IngressClass"): (False, name_is_dns_subdomain, _validate_ingress_class),
    ("networking.k8s.io", "NetworkPolicy"): (True, name_is_dns_subdomain, _validate_network_policy),
}
UPDATE = {("networking.k8s.io", "IngressClass"): _validate_ingress_class_update}
