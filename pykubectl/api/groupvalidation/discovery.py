"""discovery.k8s.io: EndpointSlice (pkg/apis/discovery/validation)."""

from __future__ import annotations

from pykubectl.api.validation import (
    FieldError, Obj, _dict, _list, duplicate, invalid, is_dns1123_label, is_qualified_name,
    name_is_dns_subdomain, not_supported, parse_ip, required, validate_non_special_ip,
)

_ADDRESS_TYPES = ["FQDN", "IPv4", "IPv6"]


def _validate_endpoint_slice(obj: Obj) -> list[FieldError]:
    errs: list[FieldError] = []
    atype = obj.get("addressType") or ""
    for i, ep in enumerate(_list(obj.get("endpoints"))):
        ep = _dict(ep)
        p = f"endpoints[{i}]"
        addrs = _list(ep.get("addresses"))
        if not addrs:
            errs.append(required(f"{p}.addresses", "must contain at least 1 address"))
        elif len(addrs) > 100:
            errs.append(FieldError(f"{p}.addresses", "Too many", "must have at most 100 items", len(addrs), True))
        for j, addr in enumerate(addrs):
            ap = f"{p}.addresses[{j}]"
            addr = str(addr)
            if atype in ("IPv4", "IPv6"):
                ip = parse_ip(addr)
                if ip is None or ip.version != (4 if atype == "IPv4" else 6):
                    errs.append(invalid(ap, addr, f"must be a valid {atype} address"))
                errs += validate_non_special_ip(addr, ap)
        node = ep.get("nodeName")
        if node is not None:
            errs += [invalid(f"{p}.nodeName", node, m) for m in name_is_dns_subdomain(str(node), False)]
        host = ep.get("hostname")
        if host is not None:
            errs += [invalid(f"{p}.hostname", host, m) for m in is_dns1123_label(str(host))]
    names: set[str] = set()
    for i, port in enumerate(_list(obj.get("ports"))):
        port = _dict(port)
        p = f"ports[{i}]"
        name = str(port.get("name") or "")
        if name:
            errs += [invalid(f"{p}.name", name, m) for m in is_dns1123_label(name)]
        if name in names:
            errs.append(duplicate(f"{p}.name", name))
        names.add(name)
        proto = port.get("protocol")
        if proto is None:
            errs.append(required(f"{p}.protocol"))
        elif proto not in ("SCTP", "TCP", "UDP"):
            errs.append(not_supported(f"{p}.protocol", proto, ["SCTP", "TCP", "UDP"]))
        app = port.get("appProtocol")
        if app is not None:
            errs += [invalid(f"{p}.appProtocol", app, m) for m in is_qualified_name(str(app))]
    if not atype:
        errs.append(required("addressType"))
    elif atype not in _ADDRESS_TYPES:
        errs.append(not_supported("addressType", atype, _ADDRESS_TYPES))
    return errs


def _validate_endpoint_slice_update(new: Obj, old: Obj) -> list[FieldError]:
    errs = _validate_endpoint_slice(new)
    if new.get("addressType") != old.get("addressType"):
        errs.append(invalid("addressType", new.get("addressType") or "", "field is immutable"))
    return errs


CREATE = {("discovery.k8s.io", "EndpointSlice"): (True, name_is_dns_subdomain, _validate_endpoint_slice)}
UPDATE = {("discovery.k8s.io", "EndpointSlice"): _validate_endpoint_slice_update}
