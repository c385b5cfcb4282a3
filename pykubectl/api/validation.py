"""The API server's semantic validation (pkg/apis/*/validation), run on defaulted objects.

Errors come out in the order the Go validators append them (metadata first, then spec in the order the
validator walks it), with the same paths, types and detail texts, because kubectl prints them verbatim.
Go ranges over maps in random order; where a real server would be nondeterministic we use sorted keys.
"""

from __future__ import annotations


import marshal
import re
from typing import Any, Iterable, Mapping

from pykubectl.api import quantity, selectors
from pykubectl.api.selectors import is_dns1123_subdomain, is_qualified_name, is_valid_label_value, regex_error
from pykubectl.errors import FieldError

Obj = dict[str, Any]

REQUIRED = "Required value"
INVALID = "Invalid value"
UNSUPPORTED = "Unsupported value"
DUPLICATE = "Duplicate value"
FORBIDDEN = "Forbidden"
TOO_LONG = "Too long"
NOT_FOUND = "Not found"

IMMUTABLE = "field is immutable"
NEGATIVE = "must be greater than or equal to 0"
MAX_SECRET_SIZE = 1024 * 1024
TOTAL_ANNOTATION_SIZE = 256 * 1024

_DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
_DNS1123_LABEL_RE = re.compile(f"^{_DNS1123_LABEL_FMT}$")
_DNS1123_LABEL_MSG = (
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
    "and must start and end with an alphanumeric character"
)
_DNS1035_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?"
_DNS1035_RE = re.compile(f"^{_DNS1035_FMT}$")
_DNS1035_MSG = (
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', "
    "start with an alphabetic character, and end with an alphanumeric character"
)
_CONFIG_KEY_FMT = "[-._a-zA-Z0-9]+"
_CONFIG_KEY_RE = re.compile(f"^{_CONFIG_KEY_FMT}$")
_PERCENT_FMT = "[0-9]+%"


class GoRepr:
    """A value that field.Error renders with %#v (maps, structs, slices): ``str()`` is that rendering."""

    def __init__(self, text: str):
        self.text = text

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"GoRepr({self.text!r})"


# ---- error constructors (field.Required, field.Invalid, ...) ------------------------------------------------


def required(path: str, detail: str = "") -> FieldError:
    return FieldError(path, REQUIRED, detail)


def forbidden(path: str, detail: str) -> FieldError:
    return FieldError(path, FORBIDDEN, detail)


def invalid(path: str, value: object, detail: str) -> FieldError:
    return FieldError(path, INVALID, detail, value, True)


def duplicate(path: str, value: object) -> FieldError:
    return FieldError(path, DUPLICATE, "", value, True)


def not_found(path: str, value: object) -> FieldError:
    return FieldError(path, NOT_FOUND, "", value, True)


def not_supported(path: str, value: object, valid: Iterable[str]) -> FieldError:
    detail = "supported values: " + ", ".join(_q(v) for v in valid)
    return FieldError(path, UNSUPPORTED, detail, value, True)


def too_long(path: str, max_len: int) -> FieldError:
    # field.TooLong in v1.32 (the recorded server's text).
    return FieldError(path, TOO_LONG, f"may not be more than {max_len} bytes")


def _q(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


# ---- Go %#v renderings of the few structured values the validators print -------------------------------------


def go_string_map(m: Mapping[str, Any] | None) -> str:
    if m is None:
        return "map[string]string(nil)"
    return "map[string]string{" + ", ".join(f"{_q(str(k))}:{_q(str(m[k]))}" for k in sorted(m)) + "}"


def go_string_slice(values: list[Any] | None) -> str:
    if values is None:
        return "[]string(nil)"
    return "[]string{" + ", ".join(_q(str(v)) for v in values) + "}"


def go_label_selector(sel: Mapping[str, Any] | None) -> str:
    sel = sel or {}
    exprs = sel.get("matchExpressions")
    if exprs is None:
        exprs_s = "[]v1.LabelSelectorRequirement(nil)"
    else:
        items = [
            "v1.LabelSelectorRequirement{"
            f"Key:{_q(str(e.get('key', '')))}, Operator:{_q(str(e.get('operator', '')))}, "
            f"Values:{go_string_slice(e.get('values'))}}}"
            for e in exprs
        ]
        exprs_s = "[]v1.LabelSelectorRequirement{" + ", ".join(items) + "}"
    return f"v1.LabelSelector{{MatchLabels:{go_string_map(sel.get('matchLabels'))}, MatchExpressions:{exprs_s}}}"


def go_int_or_string(v: Any) -> str:
    if isinstance(v, str):
        return f"intstr.IntOrString{{Type:1, IntVal:0, StrVal:{_q(v)}}}"
    return f"intstr.IntOrString{{Type:0, IntVal:{int(v or 0)}, StrVal:\"\"}}"


def go_service_port_key(protocol: str, port: int) -> str:
    return (
        f"core.ServicePort{{Name:\"\", Protocol:{_q(protocol)}, AppProtocol:(*string)(nil), Port:{port}, "
        'TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}'
    )


# ---- apimachinery string checks ------------------------------------------------------------------------------


def is_dns1123_label(value: str) -> list[str]:
    errs = []
    if len(value) > 63:
        errs.append("must be no more than 63 characters")
    if not _DNS1123_LABEL_RE.match(value):
        if re.match(f"^{_DNS1123_LABEL_FMT}(\\.{_DNS1123_LABEL_FMT})*$", value):
            errs.append("must not contain dots")
        else:
            errs.append(regex_error(_DNS1123_LABEL_MSG, _DNS1123_LABEL_FMT, "my-name", "123-abc"))
    return errs


def is_dns1035_label(value: str) -> list[str]:
    errs = []
    if len(value) > 63:
        errs.append("must be no more than 63 characters")
    if not _DNS1035_RE.match(value):
        errs.append(regex_error(_DNS1035_MSG, _DNS1035_FMT, "my-name", "abc-123"))
    return errs


def _mask_trailing_dash(name: str) -> str:
    # generateName may end in '-': the server appends a suffix before the name is used.
    if len(name) > 1 and name.endswith("-"):
        return name[:-2] + "a"
    return name


def name_is_dns_subdomain(name: str, prefix: bool) -> list[str]:
    return is_dns1123_subdomain(_mask_trailing_dash(name) if prefix else name)


def name_is_dns_label(name: str, prefix: bool) -> list[str]:
    return is_dns1123_label(_mask_trailing_dash(name) if prefix else name)


def name_is_dns1035_label(name: str, prefix: bool) -> list[str]:
    return is_dns1035_label(_mask_trailing_dash(name) if prefix else name)


def is_valid_port_num(port: int) -> list[str]:
    return [] if 1 <= port <= 65535 else ["must be between 1 and 65535, inclusive"]


def is_valid_port_name(port: str) -> list[str]:
    errs = []
    if len(port) > 15:
        errs.append("must be no more than 15 characters")
    if not re.match(r"^[-a-z0-9]+$", port):
        errs.append("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")
    if not re.search(r"[a-z]", port):
        errs.append("must contain at least one letter (a-z)")
    if "--" in port:
        errs.append("must not contain consecutive hyphens")
    if port and (port[0] == "-" or port[-1] == "-"):
        errs.append("must not begin or end with a hyphen")
    return errs


def is_config_map_key(key: str) -> list[str]:
    errs = []
    if len(key) > 253:
        errs.append("must be no more than 253 characters")
    if not _CONFIG_KEY_RE.match(key):
        errs.append(
            regex_error(
                "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
                _CONFIG_KEY_FMT,
                "key.name",
                "KEY_NAME",
                "key-name",
            )
        )
    if key == ".":
        errs.append("must not be '.'")
    elif key == "..":
        errs.append("must not be '..'")
    elif key.startswith(".."):
        errs.append("must not start with '..'")
    return errs


def is_valid_percent(value: str) -> list[str]:
    if re.match(f"^{_PERCENT_FMT}$", value):
        return []
    return [
        regex_error(
            "a valid percent string must be a numeric string followed by an ending '%'", _PERCENT_FMT, "1%", "93%"
        )
    ]


_WILDCARD_DNS1123_FMT = "\\*\\." + "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*"
_WILDCARD_DNS1123_RE = re.compile("^" + _WILDCARD_DNS1123_FMT + "$")
_HTTP_PATH_FMT = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+"
_HTTP_PATH_RE = re.compile("^" + _HTTP_PATH_FMT + "$")
IP_EXAMPLES = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"
CIDR_EXAMPLES = "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"


def is_wildcard_dns1123_subdomain(value: str) -> list[str]:
    errs = []
    if len(value) > 253:
        errs.append("must be no more than 253 characters")
    if not _WILDCARD_DNS1123_RE.match(value):
        errs.append(regex_error(
            "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must "
            "consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character",
            _WILDCARD_DNS1123_FMT, "*.example.com"))
    return errs


def parse_ip(value: str) -> Any:
    """net.ParseIP's view of ``value`` (None when it is not an address); IPv4 parts may carry leading zeros
    (ParseIPSloppy)."""
    import ipaddress

    try:
        return ipaddress.ip_address(value)
    except ValueError:
        pass
    parts = value.split(".")
    if len(parts) == 4 and all(p.isdigit() and len(p) <= 3 and int(p) < 256 for p in parts):
        return ipaddress.ip_address(".".join(str(int(p)) for p in parts))
    return None


def is_valid_ip(value: str) -> list[str]:
    return [] if parse_ip(value) is not None else [IP_EXAMPLES]


def validate_non_special_ip(value: str, path: str) -> list[FieldError]:
    """ValidateNonSpecialIP: an address endpoints may point at (Endpoints, EndpointSlices, externalIPs)."""
    ip = parse_ip(value)
    if ip is None:
        return [invalid(path, value, "must be a valid IP address")]
    if ip.is_unspecified:
        return [invalid(path, value, f"may not be unspecified ({ip})")]
    if ip.is_loopback:
        return [invalid(path, value, "may not be in the loopback range (127.0.0.0/8, ::1/128)")]
    if ip.is_link_local:
        return [invalid(path, value, "may not be in the link-local range (169.254.0.0/16, fe80::/10)")]
    if ip.is_multicast and (str(ip).startswith("224.0.0.") or str(ip).startswith("ff02:")):
        return [invalid(path, value, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)")]
    return []


def parse_cidr(value: str) -> Any:
    import ipaddress

    addr, sep, bits = value.partition("/")
    ip = parse_ip(addr)
    if not sep or ip is None or not bits.isdigit() or int(bits) > ip.max_prefixlen:
        return None
    return ipaddress.ip_network(f"{ip}/{int(bits)}", strict=False)


def is_valid_cidr(value: str) -> list[str]:
    return [] if parse_cidr(value) is not None else [CIDR_EXAMPLES]


def is_valid_path_segment_name(name: str) -> list[str]:
    """apimachinery path.IsValidPathSegmentName."""
    if name in (".", ".."):
        return [f"may not be '{name}'"]
    return [f"may not contain '{c}'" for c in "/%" if c in name]


def validate_domain_prefixed_path(value: str, path: str) -> list[FieldError]:
    """apimachinery IsDomainPrefixedPath (IngressClass controllers, Job managedBy ...)."""
    if not value:
        return [required(path)]
    host, sep, rest = value.partition("/")
    if not sep or not host or not rest:
        return [invalid(path, value, 'must be a domain-prefixed path (such as "acme.io/foo")')]
    errs = [invalid(path, host, m) for m in is_dns1123_subdomain(host)]
    if not _HTTP_PATH_RE.match(rest):
        errs.append(invalid(path, rest, regex_error("Invalid path", _HTTP_PATH_FMT)))
    return errs


def port_and_protocol_errors(port: Obj, path: str) -> list[FieldError]:
    """A Service or Endpoints port's number (1-65535) and protocol (required; SCTP, TCP or UDP)."""
    errs: list[FieldError] = []
    num = _int(port.get("port")) or 0
    errs += [invalid(f"{path}.port", num, m) for m in is_valid_port_num(num)]
    proto = port.get("protocol") or ""
    if not proto:
        errs.append(required(f"{path}.protocol"))
    elif proto not in ("SCTP", "TCP", "UDP"):
        errs.append(not_supported(f"{path}.protocol", proto, ["SCTP", "TCP", "UDP"]))
    return errs


def _int(v: Any) -> int | None:
    if v.__class__ is int:
        return v
    return v if isinstance(v, int) and not isinstance(v, bool) else None


def _nonneg(value: Any, path: str) -> list[FieldError]:
    v = _int(value)
    if v is not None and v < 0:
        return [invalid(path, v, NEGATIVE)]
    return []


def _dict(v: Any) -> Obj:
    return v if isinstance(v, dict) else {}


def _list(v: Any) -> list[Any]:
    return v if isinstance(v, list) else []


# ---- metadata ------------------------------------------------------------------------------------------------


# Label pairs and annotation keys already found valid (the checks are pure functions of the strings; errors are
# always recomputed). Bounded: cleared when full.
_LABELS_OK: set[tuple[str, str]] = set()
_ANNOTATION_KEYS_OK: set[str] = set()
_OK_MAX = 4096


def validate_labels(labels: Mapping[str, Any] | None, path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    for k in sorted(labels or {}):
        v = str(labels[k])  # type: ignore[index]
        if (k, v) in _LABELS_OK:
            continue
        found = [invalid(path, k, m) for m in is_qualified_name(k)]
        found += [invalid(path, v, m) for m in is_valid_label_value(v)]
        if found:
            errs += found
        else:
            if len(_LABELS_OK) >= _OK_MAX:
                _LABELS_OK.clear()
            _LABELS_OK.add((k, v))
    return errs


def validate_annotations(annotations: Mapping[str, Any] | None, path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    total = 0
    for k in sorted(annotations or {}):
        if k not in _ANNOTATION_KEYS_OK:
            found = [invalid(path, k, m) for m in is_qualified_name(k.lower())]
            if found:
                errs += found
            else:
                if len(_ANNOTATION_KEYS_OK) >= _OK_MAX:
                    _ANNOTATION_KEYS_OK.clear()
                _ANNOTATION_KEYS_OK.add(k)
        total += len(k) + len(str(annotations[k]))  # type: ignore[index]
    if total > TOTAL_ANNOTATION_SIZE:
        errs.append(too_long(path, TOTAL_ANNOTATION_SIZE))
    return errs


# ---- memo of pure checks that passed ------------------------------------------------------------------------
# Controllers create many objects of one template, so the same labels and pod specs are validated over and over.
# Only a check that found nothing is remembered (an error list is always recomputed, so its messages and values
# come from the object itself), keyed by the value's marshal image: an exact key (it distinguishes list/tuple,
# int/bool/float and keeps key order and shared objects), and values it cannot encode are simply not memoized.

_VALID: dict[tuple, Any] = {}
_VALID_MAX = 512


def _remember(key: tuple, value: Any) -> None:
    if len(_VALID) >= _VALID_MAX:
        _VALID.clear()
    _VALID[key] = value


def pod_spec_names_if_valid(image: bytes, spec: Obj) -> frozenset[str] | None:
    """Whether ``validate_pod_spec(spec, "spec")`` finds nothing, for a ``spec`` whose marshal image is ``image``
    (from ``defaults.apply_pod_defaults``): None if it finds errors, else the volume names and the volume mount
    names the spec uses (what a volume added later must not collide with). Remembered by ``image``."""
    key = (pod_spec_names_if_valid, image)
    hit = _VALID.get(key, False)
    if hit is not False:
        return hit
    names: frozenset[str] | None = None
    if not validate_pod_spec(spec, "spec") and not _pod_only_checks(spec):
        found = {str(_dict(v).get("name") or "") for v in _list(spec.get("volumes"))}
        for group in ("initContainers", "containers", "ephemeralContainers"):
            for c in _list(spec.get(group)):
                found.update(str(_dict(m).get("name") or "") for m in _list(_dict(c).get("volumeMounts")))
        names = frozenset(found)
    _remember(key, names)
    return names


def validate_object_meta(meta: Obj, namespaced: bool, name_fn: Any, path: str = "metadata") -> list[FieldError]:
    # Every check but the name's depends on fields that objects made from one template share (generateName,
    # namespace, labels, ...): when those passed before, only the name is checked.
    name = meta.get("name")
    key = None
    if name and type(name) is str:
        try:
            key = (validate_object_meta, name_fn, bool(namespaced), path, marshal.dumps(
                (meta.get("generateName"), meta.get("namespace"), meta.get("generation"), meta.get("labels"),
                 meta.get("annotations"), meta.get("finalizers"), meta.get("ownerReferences"))))
        except ValueError:
            key = None
        else:
            if key in _VALID:
                return [invalid(f"{path}.name", name, m) for m in name_fn(name, False)]
    errs = _validate_object_meta(meta, namespaced, name_fn, path)
    if key is not None and not errs:
        _remember(key, True)
    return errs


def _validate_object_meta(meta: Obj, namespaced: bool, name_fn: Any, path: str) -> list[FieldError]:
    # (Parts a manifest leaves out or empty are skipped: each of their checks finds nothing there.)
    errs: list[FieldError] = []
    gen = meta.get("generateName")
    if gen:
        errs += [invalid(f"{path}.generateName", gen, m) for m in name_fn(gen, True)]
    name = meta.get("name")
    if not name:
        errs.append(required(f"{path}.name", "name or generateName is required"))
    else:
        found = name_fn(name, False)
        if found:
            errs += [invalid(f"{path}.name", name, m) for m in found]
    ns = meta.get("namespace")
    if namespaced:
        if not ns:
            errs.append(required(f"{path}.namespace"))
        else:
            found = name_is_dns_label(ns, False)
            if found:
                errs += [invalid(f"{path}.namespace", ns, m) for m in found]
    elif ns:
        errs.append(forbidden(f"{path}.namespace", "not allowed on this type"))
    generation = meta.get("generation")
    if generation is not None:
        errs += _nonneg(generation, f"{path}.generation")
    labels = meta.get("labels")
    if labels:
        errs += validate_labels(_dict(labels), f"{path}.labels")
    annotations = meta.get("annotations")
    if annotations:
        errs += validate_annotations(_dict(annotations), f"{path}.annotations")
    refs = meta.get("ownerReferences")
    if refs:
        errs += _validate_owner_references(_list(refs), f"{path}.ownerReferences")
    finalizers = _list(meta.get("finalizers"))
    for f in finalizers:
        errs += [invalid(f"{path}.finalizers", str(f), m) for m in is_qualified_name(str(f))]
    for i, f in enumerate(finalizers):
        errs += _kube_finalizer(str(f), f"{path}.finalizers[{i}]")
    return errs


_STANDARD_FINALIZERS = {"kubernetes", "orphan", "foregroundDeletion"}


def _kube_finalizer(name: str, path: str) -> list[FieldError]:
    if "/" not in name and name not in _STANDARD_FINALIZERS:
        return [invalid(path, name, "name is neither a standard finalizer name nor is it fully qualified")]
    return []


def _validate_owner_references(refs: list, path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    controllers = 0
    for ref in refs:
        ref = _dict(ref)
        for field, what in (("apiVersion", "version"), ("kind", "kind"), ("name", "name"), ("uid", "uid")):
            if not ref.get(field):
                errs.append(invalid(f"{path}.{field}", str(ref.get(field) or ""), f"{what} must not be empty"))
        if ref.get("controller") is True:
            controllers += 1
    if controllers > 1:
        errs.append(invalid(path, GoRepr("[]v1.OwnerReference{...}"), "Only one reference can have Controller set "
                                                                     "to true"))
    return errs


def validate_object_meta_update(new: Obj, old: Obj, path: str = "metadata") -> list[FieldError]:
    errs: list[FieldError] = []
    for field in ("name", "namespace", "uid", "creationTimestamp"):
        nv, ov = new.get(field), old.get(field)
        if ov is not None and nv is not None and nv != ov:
            errs.append(invalid(f"{path}.{field}", nv, IMMUTABLE))
    errs += _nonneg(new.get("generation"), f"{path}.generation")
    errs += validate_labels(_dict(new.get("labels")), f"{path}.labels")
    errs += validate_annotations(_dict(new.get("annotations")), f"{path}.annotations")
    return errs


# ---- label selectors -----------------------------------------------------------------------------------------


def validate_label_selector(sel: Any, path: str) -> list[FieldError]:
    if not isinstance(sel, dict):
        return []
    errs = validate_labels(_dict(sel.get("matchLabels")), f"{path}.matchLabels")
    for i, expr in enumerate(_list(sel.get("matchExpressions"))):
        expr = _dict(expr)
        p = f"{path}.matchExpressions[{i}]"
        op = expr.get("operator", "")
        values = _list(expr.get("values"))
        if op in ("In", "NotIn"):
            if not values:
                errs.append(required(f"{p}.values", "must be specified when `operator` is 'In' or 'NotIn'"))
        elif op in ("Exists", "DoesNotExist"):
            if values:
                errs.append(forbidden(f"{p}.values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"))
        else:
            errs.append(invalid(f"{p}.operator", op, "not a valid selector operator"))
        errs += [invalid(f"{p}.key", expr.get("key", ""), m) for m in is_qualified_name(str(expr.get("key", "")))]
        for j, v in enumerate(values):
            errs += [invalid(f"{p}.values[{j}]", str(v), m) for m in is_valid_label_value(str(v))]
    return errs


def _as_selector(sel: Any) -> selectors.Selector | None:
    try:
        return selectors.from_label_selector(sel if isinstance(sel, dict) or sel is None else {})
    except selectors.SelectorError:
        return None


# ---- pod spec ------------------------------------------------------------------------------------------------

# In the order validateVolumeSource looks at them (the second one found is the one reported).
_VOLUME_SOURCES = (
    "emptyDir", "hostPath", "gitRepo", "gcePersistentDisk", "awsElasticBlockStore", "secret", "nfs", "iscsi",
    "glusterfs", "flexVolume", "persistentVolumeClaim", "rbd", "quobyte", "cinder", "cephfs", "flocker",
    "downwardAPI", "fc", "azureFile", "vsphereVolume", "photonPersistentDisk", "portworxVolume", "azureDisk",
    "storageos", "projected", "scaleIO", "configMap", "csi", "ephemeral", "image",
)  # fmt: skip

_STANDARD_CONTAINER_RESOURCES = {"cpu", "memory", "ephemeral-storage"}


def _validate_volumes(volumes: list[Any], path: str) -> tuple[dict[str, str], list[FieldError]]:
    """The valid volumes' names (with their source type) and the errors."""
    names: dict[str, str] = {}
    errs: list[FieldError] = []
    for i, vol in enumerate(volumes):
        vol = _dict(vol)
        p = f"{path}[{i}]"
        el: list[FieldError] = []
        sources = [s for s in _VOLUME_SOURCES if vol.get(s) is not None]
        for k, src in enumerate(sources):  # validateVolumeSource: the first is checked, each further one forbidden
            if k:
                el.append(forbidden(f"{p}.{_podv().VOLUME_FORBIDDEN_SEGMENT.get(src, src)}",
                                    "may not specify more than 1 volume type"))
            elif src != "image":  # ImageVolume is off in v1.32: such a volume never reaches validation
                seg = "persistentDisk" if src == "gcePersistentDisk" else src  # podvalidation.VOLUME_ERROR_SEGMENT
                el += _validate_volume_source(src, _dict(vol.get(src)), f"{p}.{seg}")
            if src == "iscsi":
                iscsi = _dict(vol.get(src))
                vname = str(vol.get("name") or "")
                if iscsi.get("initiatorName") is not None and len(f"{vname}:{iscsi.get('targetPortal') or ''}") > 64:
                    el.append(invalid(f"{p}.name", vname, "Total length of <volume name>:<iscsi.targetPortal> must "
                                                          "be under 64 characters if iscsi.initiatorName is "
                                                          "specified."))
        if not sources:
            el.append(required(p, "must specify a volume type"))
        name = vol.get("name") or ""
        if not name:
            el.append(required(f"{p}.name"))
        else:
            el += [invalid(f"{p}.name", name, m) for m in is_dns1123_label(name)]
        if name in names:
            el.append(duplicate(f"{p}.name", name))
        if el:
            errs += el
        else:
            names[name] = sources[0]
    return names, errs


def _validate_volume_source(kind: str, src: Obj, path: str) -> list[FieldError]:
    return _podv().volume_source(kind, src, path)


def _validate_volume_source_basic(kind: str, src: Obj, path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    if kind == "persistentVolumeClaim" and not src.get("claimName"):
        errs.append(required(f"{path}.claimName"))
    if kind == "hostPath" and not src.get("path"):
        errs.append(required(f"{path}.path"))
    if kind in ("configMap", "secret"):
        mode = src.get("defaultMode")
        if isinstance(mode, int) and not 0 <= mode <= 0o777:
            errs.append(invalid(f"{path}.defaultMode", mode, "must be a number between 0 and 0777 (octal), both inclusive"))
        for j, item in enumerate(_list(src.get("items"))):
            item = _dict(item)
            if not item.get("key"):
                errs.append(required(f"{path}.items[{j}].key"))
            if not item.get("path"):
                errs.append(required(f"{path}.items[{j}].path"))
    return errs


def _validate_ports(ports: list[Any], path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    names: set[str] = set()
    for i, port in enumerate(ports):
        port = _dict(port)
        p = f"{path}[{i}]"
        name = port.get("name") or ""
        if name:
            msgs = is_valid_port_name(name)
            if msgs:
                errs += [invalid(f"{p}.name", name, m) for m in msgs]
            elif name in names:
                errs.append(duplicate(f"{p}.name", name))
            else:
                names.add(name)
        cport = _int(port.get("containerPort")) or 0
        if cport == 0:
            errs.append(required(f"{p}.containerPort"))
        else:
            errs += [invalid(f"{p}.containerPort", cport, m) for m in is_valid_port_num(cport)]
        hport = _int(port.get("hostPort")) or 0
        if hport:
            errs += [invalid(f"{p}.hostPort", hport, m) for m in is_valid_port_num(hport)]
        proto = port.get("protocol") or ""
        if not proto:
            errs.append(required(f"{p}.protocol"))
        elif proto not in ("SCTP", "TCP", "UDP"):
            errs.append(not_supported(f"{p}.protocol", proto, ["SCTP", "TCP", "UDP"]))
    return errs


_ENV_NAME_BAD = re.compile(r"[^\x20-\x7e]|=")  # a character outside printable ASCII, or '='


def _validate_env(env: list[Any], path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    for i, var in enumerate(env):
        var = _dict(var)
        p = f"{path}[{i}]"
        name = var.get("name") or ""
        if not name:
            errs.append(required(f"{p}.name"))
        elif _ENV_NAME_BAD.search(name) is not None:
            # RelaxedEnvironmentVariableValidation is on by default in v1.32.
            errs.append(
                invalid(
                    f"{p}.name",
                    name,
                    "a valid environment variable name must consist only of printable ASCII characters other than '='",
                )
            )
        errs += _podv().env_value_from(var, f"{p}.valueFrom")
    return errs


def _validate_volume_mounts(mounts: list[Any], volumes: Any, path: str, container: Obj | None = None
                            ) -> list[FieldError]:
    errs: list[FieldError] = []
    seen: set[str] = set()
    for i, m in enumerate(mounts):
        m = _dict(m)
        p = f"{path}[{i}]"
        name = m.get("name") or ""
        if not name:
            errs.append(required(f"{p}.name"))
        if name not in volumes:
            errs.append(not_found(f"{p}.name", name))
        mp = m.get("mountPath") or ""
        if not mp:
            errs.append(required(f"{p}.mountPath"))
        if mp in seen:
            errs.append(invalid(f"{p}.mountPath", mp, "must be unique"))
        seen.add(mp)
        if container is not None:
            errs += _podv().volume_mounts_extra(container, i, m, path, _list(container.get("volumeDevices")))
    return errs


def _resources_key(limits: Obj, requests: Obj) -> tuple:
    """An exact key for the content of a resources block (each value with its type; unhashable if a value is)."""
    return (tuple((k, v.__class__, v) for k, v in limits.items()),
            tuple((k, v.__class__, v) for k, v in requests.items()))


_RESOURCES_OK: set[tuple] = set()  # resources blocks found valid (the check depends on nothing else)


def _validate_resources(res: Obj, path: str) -> list[FieldError]:
    limits = _dict(res.get("limits"))
    requests = _dict(res.get("requests"))
    key: tuple | None = _resources_key(limits, requests)
    try:
        if key in _RESOURCES_OK:
            return []
    except TypeError:  # a value that is not a plain scalar: not remembered
        key = None
    errs = _resources_errors(limits, requests, path)
    if not errs and key is not None:
        if len(_RESOURCES_OK) >= _OK_MAX:
            _RESOURCES_OK.clear()
        _RESOURCES_OK.add(key)
    return errs


def _resources_errors(limits: Obj, requests: Obj, path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    parsed_limits: dict[str, Any] = {}
    for section, values in (("limits", limits), ("requests", requests)):
        for name in sorted(values):
            p = f"{path}.{section}[{name}]"
            msgs = is_qualified_name(name)
            if msgs:
                errs += [invalid(p, GoRepr(name), m) for m in msgs]
            elif "/" not in name:
                if name not in _STANDARD_RESOURCE_NAMES and not name.startswith("hugepages-"):
                    errs.append(invalid(p, GoRepr(name), "must be a standard resource type or fully qualified"))
                if name not in _STANDARD_CONTAINER_RESOURCES and not name.startswith("hugepages-"):
                    errs.append(invalid(p, GoRepr(name), "must be a standard resource for containers"))
            try:
                q = quantity.parse(values[name])
            except quantity.QuantityError:
                continue
            if q.value < 0:
                errs.append(invalid(p, str(q), NEGATIVE))
            elif "/" in name and not name.startswith(("kubernetes.io/", "requests.")) and q.value.denominator != 1:
                # Extended resources are counted in whole units.
                errs.append(invalid(p, GoRepr(_corev().go_quantity(values[name])), "must be an integer"))
            if name.startswith("hugepages-") and not _hugepages_divisible(name, q):
                errs.append(invalid(p, str(q), f"{q} is not positive integer multiple of {name}"))
            overcommit = not name.startswith("hugepages-") and ("/" not in name or "kubernetes.io/" in name)
            if section == "limits":
                parsed_limits[name] = q
            elif name not in limits and not overcommit:
                errs.append(required(f"{path}.limits", "Limit must be set for non overcommitable resources"))
            elif name in parsed_limits:
                lim = parsed_limits[name]
                if not overcommit and q.value != lim.value:
                    errs.append(invalid(f"{path}.requests", str(q), f"must be equal to {name} limit of {lim}"))
                elif q.value > lim.value:
                    errs.append(
                        invalid(f"{path}.requests", str(q), f"must be less than or equal to {name} limit of {lim}")
                    )
    return errs


def _hugepages_divisible(name: str, q: Any) -> bool:
    """helper.IsHugePageResourceValueDivisible: a hugepages amount is a whole number of pages."""
    try:
        page = quantity.parse(name[len("hugepages-"):]).value
    except quantity.QuantityError:
        return False
    if page <= 0 or page.denominator != 1:
        return False
    return int(q.value) % int(page) == 0


_STANDARD_RESOURCE_NAMES = {
    "cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory", "requests.ephemeral-storage",
    "limits.cpu", "limits.memory", "limits.ephemeral-storage", "pods", "services", "replicationcontrollers",
    "resourcequotas", "secrets", "configmaps", "persistentvolumeclaims", "requests.storage", "services.nodeports",
    "services.loadbalancers", "storage",
}


def _hugepages_need_cpu_or_memory(res: Obj, path: str) -> list[FieldError]:
    names = set(_dict(res.get("limits"))) | set(_dict(res.get("requests")))
    if any(n.startswith("hugepages-") for n in names) and not names & {"cpu", "memory"}:
        return [forbidden(path, "HugePages require cpu or memory")]
    return []


def _validate_probe(probe: Any, path: str) -> list[FieldError]:
    if not isinstance(probe, dict):
        return []
    errs: list[FieldError] = []
    handlers = [h for h in ("exec", "httpGet", "tcpSocket", "grpc") if probe.get(h) is not None]
    if not handlers:
        errs.append(required(path, "must specify a handler type"))
    elif len(handlers) > 1:
        errs.append(forbidden(f"{path}.{handlers[1]}", "may not specify more than 1 handler type"))
    for field in ("initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"):
        errs += _nonneg(probe.get(field), f"{path}.{field}")
    return errs


def _validate_container(c: Obj, volumes: Any, path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    name = c.get("name") or ""
    if not name:
        errs.append(required(f"{path}.name"))
    else:
        errs += [invalid(f"{path}.name", name, m) for m in is_dns1123_label(name)]
    if not c.get("image"):
        errs.append(required(f"{path}.image"))
    policy = c.get("terminationMessagePolicy") or ""
    if not policy:
        errs.append(required(f"{path}.terminationMessagePolicy"))
    elif policy not in ("File", "FallbackToLogsOnError"):
        errs.append(not_supported(f"{path}.terminationMessagePolicy", policy, ["File", "FallbackToLogsOnError"]))
    errs += _validate_ports(_list(c.get("ports")), f"{path}.ports")
    errs += _validate_env(_list(c.get("env")), f"{path}.env")
    errs += _podv().env_from(_list(c.get("envFrom")), f"{path}.envFrom")
    errs += _validate_volume_mounts(_list(c.get("volumeMounts")), volumes, f"{path}.volumeMounts", c)
    errs += _podv().volume_devices(_list(c.get("volumeDevices")), _list(c.get("volumeMounts")), volumes,
                                   f"{path}.volumeDevices")
    pull = c.get("imagePullPolicy") or ""
    if not pull:
        errs.append(required(f"{path}.imagePullPolicy"))
    elif pull not in ("Always", "IfNotPresent", "Never"):
        errs.append(not_supported(f"{path}.imagePullPolicy", pull, ["Always", "IfNotPresent", "Never"]))
    errs += _validate_resources(_dict(c.get("resources")), f"{path}.resources")
    errs += _hugepages_need_cpu_or_memory(_dict(c.get("resources")), f"{path}.resources")
    errs += _podv().container_security_context(c.get("securityContext"), f"{path}.securityContext")
    return errs


def _host_port_conflicts(containers: list[Any], path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    seen: set[str] = set()
    for i, c in enumerate(containers):
        for j, port in enumerate(_list(_dict(c).get("ports"))):
            port = _dict(port)
            hp = _int(port.get("hostPort")) or 0
            if not hp:
                continue
            key = f"{port.get('protocol') or 'TCP'}/{port.get('hostIP') or ''}/{hp}"
            if key in seen:
                errs.append(duplicate(f"{path}[{i}].ports[{j}].hostPort", GoRepr(_q(key))))
            seen.add(key)
    return errs


def validate_pod_spec(spec: Obj, path: str) -> list[FieldError]:
    podv = _podv()
    grace = _int(spec.get("terminationGracePeriodSeconds"))
    grace = 30 if grace is None else grace
    volumes, errs = _validate_volumes(_list(spec.get("volumes")), f"{path}.volumes")
    containers = _list(spec.get("containers"))
    cpath = f"{path}.containers"
    if not containers:
        errs.append(required(cpath))
    else:
        names: set[str] = set()
        for i, c in enumerate(containers):
            c = _dict(c)
            p = f"{cpath}[{i}]"
            errs += _validate_container(c, volumes, p)
            name = c.get("name") or ""
            if name in names:
                errs.append(duplicate(f"{p}.name", name))
            else:
                names.add(name)
            errs += podv.lifecycle(c.get("lifecycle"), grace, f"{p}.lifecycle")
            for which in ("liveness", "readiness", "startup"):
                errs += podv.probe(c.get(f"{which}Probe"), grace, f"{p}.{which}Probe", which)
            if c.get("restartPolicy") is not None:
                errs.append(forbidden(f"{p}.restartPolicy", "may not be set for non-init containers"))
        errs += _host_port_conflicts(containers, cpath)
    init_names = {str(_dict(c).get("name") or "") for c in containers}
    for i, c in enumerate(_list(spec.get("initContainers"))):
        c = _dict(c)
        p = f"{path}.initContainers[{i}]"
        errs += _validate_container(c, volumes, p)
        restart_always = False
        if c.get("restartPolicy") is not None:
            if c["restartPolicy"] != "Always":
                errs.append(not_supported(f"{p}.restartPolicy", c["restartPolicy"], ["Always"]))
            restart_always = c["restartPolicy"] == "Always"
        name = c.get("name") or ""
        if name in init_names:
            errs.append(duplicate(f"{p}.name", name))
        else:
            init_names.add(name)
        if restart_always:
            errs += podv.lifecycle(c.get("lifecycle"), grace, f"{p}.lifecycle")
            for which in ("liveness", "readiness", "startup"):
                errs += podv.probe(c.get(f"{which}Probe"), grace, f"{p}.{which}Probe", which)
        else:
            for field in ("lifecycle", "livenessProbe", "readinessProbe", "startupProbe"):
                if c.get(field) is not None:
                    errs.append(forbidden(f"{p}.{field}", "may not be set for init containers without "
                                                          "restartPolicy=Always"))
    restart = spec.get("restartPolicy") or ""
    if not restart:
        errs.append(required(f"{path}.restartPolicy"))
    elif restart not in ("Always", "OnFailure", "Never"):
        errs.append(not_supported(f"{path}.restartPolicy", restart, ["Always", "OnFailure", "Never"]))
    dns = spec.get("dnsPolicy") or ""
    if not dns:
        errs.append(required(f"{path}.dnsPolicy"))
    elif dns not in ("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"):
        errs.append(
            not_supported(f"{path}.dnsPolicy", dns, ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"])
        )
    errs += validate_labels(_dict(spec.get("nodeSelector")), f"{path}.nodeSelector")
    errs += podv.pod_security_context(spec, path)
    errs += podv.affinity(spec, path)
    errs += podv.dns_config(spec, path)
    errs += podv.gates(spec, path)
    errs += podv.topology_spread(spec, path)
    errs += podv.windows_host_process(spec, path)
    sa = spec.get("serviceAccountName")
    if sa:
        errs += [invalid(f"{path}.serviceAccountName", sa, m) for m in name_is_dns_subdomain(sa, False)]
    node = spec.get("nodeName")
    if node:
        errs += [invalid(f"{path}.nodeName", node, m) for m in name_is_dns_subdomain(node, False)]
    ads = _int(spec.get("activeDeadlineSeconds"))
    if ads is not None and not 1 <= ads <= 2147483647:
        errs.append(invalid(f"{path}.activeDeadlineSeconds", ads, "must be between 1 and 2147483647, inclusive"))
    hostname = spec.get("hostname")
    if hostname:
        errs += [invalid(f"{path}.hostname", hostname, m) for m in is_dns1123_label(hostname)]
    subdomain = spec.get("subdomain")
    if subdomain:
        errs += [invalid(f"{path}.subdomain", subdomain, m) for m in is_dns1123_label(subdomain)]
    errs += _validate_tolerations(_list(spec.get("tolerations")), f"{path}.tolerations")
    errs += podv.host_aliases(spec, path)
    errs += podv.pod_os(spec, path)
    return errs


def _podv() -> Any:
    global _PODV
    if _PODV is None:
        from pykubectl.api import podvalidation

        _PODV = podvalidation
    return _PODV


_PODV: Any = None


def _validate_tolerations(tolerations: list[Any], path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    for i, t in enumerate(tolerations):
        t = _dict(t)
        p = f"{path}[{i}]"
        key = t.get("key") or ""
        if key:
            errs += [invalid(f"{p}.key", key, m) for m in is_qualified_name(key)]
        op = t.get("operator") or ""
        if not key and op != "Exists":
            errs.append(invalid(f"{p}.operator", op, "operator must be Exists when `key` is empty, which means \"match all values and all keys\""))
        if t.get("tolerationSeconds") is not None and t.get("effect") != "NoExecute":
            errs.append(invalid(f"{p}.effect", t.get("effect") or "", "effect must be 'NoExecute' when `tolerationSeconds` is set"))
        if op in ("", "Equal"):
            msgs = is_valid_label_value(str(t.get("value") or ""))
            if msgs:  # ValidateTolerations reports an Equal toleration's bad value at operator, messages joined
                errs.append(invalid(f"{p}.operator", str(t.get("value") or ""), ";".join(msgs)))
        elif op == "Exists" and t.get("value"):
            errs.append(invalid(f"{p}.operator", t.get("value"), "value must be empty when `operator` is 'Exists'"))
        elif op != "Exists":
            errs.append(not_supported(f"{p}.operator", op, ["Equal", "Exists"]))
        effect = t.get("effect") or ""
        if effect and effect not in ("NoSchedule", "PreferNoSchedule", "NoExecute"):
            errs.append(not_supported(f"{p}.effect", effect, ["NoSchedule", "PreferNoSchedule", "NoExecute"]))
    return errs


def validate_pod_template_spec(template: Obj, path: str, pod_spec: bool = True) -> list[FieldError]:
    """ValidatePodTemplateSpec; without ``pod_spec`` the part ValidatePodTemplateSpecForStatefulSet keeps (v1.32
    does not run ValidatePodSpec on a StatefulSet's template: its pods are refused when the controller creates
    them)."""
    meta = _dict(template.get("metadata"))
    # The Go validator hands the template's ObjectMeta fields to the checks with the template's own path,
    # hence "spec.template.labels" rather than "spec.template.metadata.labels".
    errs = validate_labels(_dict(meta.get("labels")), f"{path}.labels")
    annotations = _dict(meta.get("annotations"))
    errs += validate_annotations(annotations, f"{path}.annotations")
    tspec = _dict(template.get("spec"))
    if annotations:
        errs += _podv().pod_specific_annotations(annotations, tspec, f"{path}.annotations")
    if pod_spec:
        errs += validate_pod_spec(tspec, f"{path}.spec")
        if _list(tspec.get("ephemeralContainers")):
            errs.append(forbidden(f"{path}.spec.ephemeralContainers", "ephemeral containers not allowed in pod "
                                                                      "template"))
    return errs


def _template_for_controller(spec: Obj, path: str, kind_word: str) -> list[FieldError]:
    """ValidatePodTemplateSpecForReplicaSet / ForStatefulSet: selector match, template, restartPolicy."""
    errs: list[FieldError] = []
    sel = _as_selector(spec.get("selector"))
    template = spec.get("template")
    if sel is None:
        return [invalid(f"{path[:-len('.template')]}.selector", GoRepr(go_label_selector(spec.get("selector"))),
                        "invalid label selector")]
    if not isinstance(template, dict):
        return [required(path)]
    tlabels = _dict(template.get("metadata")).get("labels")
    if not sel.empty() and not sel.matches(tlabels or {}):
        errs.append(
            invalid(f"{path}.metadata.labels", GoRepr(go_string_map(tlabels)), "`selector` does not match template `labels`")
        )
    errs += validate_pod_template_spec(template, path)
    tspec = _dict(template.get("spec"))
    if kind_word == "replicaset":
        restart = tspec.get("restartPolicy") or ""
        if restart != "Always":
            errs.append(not_supported(f"{path}.spec.restartPolicy", restart, ["Always"]))
        if tspec.get("activeDeadlineSeconds") is not None:
            errs.append(forbidden(f"{path}.spec.activeDeadlineSeconds", "activeDeadlineSeconds in ReplicaSet is not Supported"))
    return errs


def _validate_selector_required(spec: Obj, path: str, kind_word: str) -> list[FieldError]:
    sel = spec.get("selector")
    if sel is None:
        return [required(f"{path}.selector")]
    errs = validate_label_selector(sel, f"{path}.selector")
    sel = _dict(sel)
    if not sel.get("matchLabels") and not sel.get("matchExpressions"):
        errs.append(invalid(f"{path}.selector", GoRepr(go_label_selector(sel)), f"empty selector is invalid for {kind_word}"))
    return errs


def _positive_int_or_percent(v: Any, path: str) -> list[FieldError]:
    if isinstance(v, str):
        return [invalid(path, GoRepr(go_int_or_string(v)), m) for m in is_valid_percent(v)]
    return _nonneg(v, path)


def _int_or_percent_value(v: Any) -> int:
    if isinstance(v, str):
        m = re.match(r"^([0-9]+)%$", v)
        return int(m.group(1)) if m else 0
    return _int(v) or 0


def _not_more_than_100_percent(v: Any, path: str) -> list[FieldError]:
    if isinstance(v, str) and is_valid_percent(v) == [] and _int_or_percent_value(v) > 100:
        return [invalid(path, GoRepr(go_int_or_string(v)), "must not be greater than 100%")]
    return []


def _validate_deployment(obj: Obj) -> list[FieldError]:
    spec = _dict(obj.get("spec"))
    errs = _nonneg(spec.get("replicas"), "spec.replicas")
    errs += _validate_selector_required(spec, "spec", "deployment")
    errs += _template_for_controller(spec, "spec.template", "replicaset")
    strategy = _dict(spec.get("strategy"))
    stype = strategy.get("type") or ""
    if stype == "Recreate":
        if strategy.get("rollingUpdate") is not None:
            errs.append(forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'"))
    elif stype == "RollingUpdate":
        ru = strategy.get("rollingUpdate")
        if not isinstance(ru, dict):
            errs.append(required("spec.strategy.rollingUpdate", "this should be defaulted and never be nil"))
        else:
            p = "spec.strategy.rollingUpdate"
            errs += _positive_int_or_percent(ru.get("maxUnavailable"), f"{p}.maxUnavailable")
            errs += _positive_int_or_percent(ru.get("maxSurge"), f"{p}.maxSurge")
            if _int_or_percent_value(ru.get("maxUnavailable")) == 0 and _int_or_percent_value(ru.get("maxSurge")) == 0:
                errs.append(
                    invalid(f"{p}.maxUnavailable", GoRepr(go_int_or_string(ru.get("maxUnavailable"))),
                            "may not be 0 when `maxSurge` is 0")
                )
            errs += _not_more_than_100_percent(ru.get("maxUnavailable"), f"{p}.maxUnavailable")
    else:
        errs.append(
            not_supported(
                "spec.strategy",
                GoRepr(f"apps.DeploymentStrategy{{Type:{_q(stype)}, RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}}"),
                ["Recreate", "RollingUpdate"],
            )
        )
    errs += _nonneg(spec.get("minReadySeconds"), "spec.minReadySeconds")
    errs += _nonneg(spec.get("revisionHistoryLimit"), "spec.revisionHistoryLimit")
    pds = _int(spec.get("progressDeadlineSeconds"))
    if pds is not None:
        errs += _nonneg(pds, "spec.progressDeadlineSeconds")
        if pds <= (_int(spec.get("minReadySeconds")) or 0):
            errs.append(invalid("spec.progressDeadlineSeconds", pds, "must be greater than minReadySeconds"))
    return errs


def _validate_replicaset(obj: Obj) -> list[FieldError]:
    spec = _dict(obj.get("spec"))
    errs = _nonneg(spec.get("replicas"), "spec.replicas")
    errs += _nonneg(spec.get("minReadySeconds"), "spec.minReadySeconds")
    # The Go source reuses the Deployment wording here.
    errs += _validate_selector_required(spec, "spec", "deployment")
    errs += _template_for_controller(spec, "spec.template", "replicaset")
    return errs


def _validate_replication_controller(obj: Obj) -> list[FieldError]:
    """ValidateReplicationControllerSpec (v1.32 pkg/apis/core/validation): a map selector, which must not be empty
    and must match the template's labels; the template is a full pod template that must restart Always."""
    spec = _dict(obj.get("spec"))
    errs = _nonneg(spec.get("minReadySeconds"), "spec.minReadySeconds")
    selector = _dict(spec.get("selector"))
    if not selector:
        errs.append(required("spec.selector"))
    errs += _nonneg(spec.get("replicas"), "spec.replicas")
    template = spec.get("template")
    if not isinstance(template, dict):
        return errs + [required("spec.template")]
    tlabels = _dict(template.get("metadata")).get("labels")
    if selector and any(_dict(tlabels).get(k) != v for k, v in selector.items()):
        errs.append(invalid("spec.template.metadata.labels", GoRepr(go_string_map(tlabels)),
                            "`selector` does not match template `labels`"))
    errs += validate_pod_template_spec(template, "spec.template")
    tspec = _dict(template.get("spec"))
    restart = tspec.get("restartPolicy") or ""
    if restart != "Always":
        errs.append(not_supported("spec.template.spec.restartPolicy", restart, ["Always"]))
    if tspec.get("activeDeadlineSeconds") is not None:
        errs.append(forbidden("spec.template.spec.activeDeadlineSeconds",
                              "activeDeadlineSeconds in ReplicationController is not Supported"))
    return errs


def _validate_pod_template(obj: Obj) -> list[FieldError]:
    """ValidatePodTemplate: the template of a PodTemplate object."""
    return validate_pod_template_spec(_dict(obj.get("template")), "template")


def _validate_statefulset(obj: Obj) -> list[FieldError]:
    spec = _dict(obj.get("spec"))
    errs: list[FieldError] = []
    pmp = spec.get("podManagementPolicy") or ""
    if not pmp:
        errs.append(required("spec.podManagementPolicy"))
    elif pmp not in ("OrderedReady", "Parallel"):
        errs.append(invalid("spec.podManagementPolicy", pmp, "must be 'OrderedReady' or 'Parallel'"))
    strategy = _dict(spec.get("updateStrategy"))
    stype = strategy.get("type") or ""
    if not stype:
        errs.append(required("spec.updateStrategy"))
    elif stype == "OnDelete":
        ru = strategy.get("rollingUpdate")
        if ru is not None:
            ru = _dict(ru)
            mu = "(*intstr.IntOrString)(nil)" if ru.get("maxUnavailable") is None else "(*intstr.IntOrString)(0xc000000000)"
            errs.append(invalid("spec.updateStrategy.rollingUpdate", GoRepr(
                f"apps.RollingUpdateStatefulSetStrategy{{Partition:{_int(ru.get('partition')) or 0}, MaxUnavailable:{mu}}}"),
                "only allowed for updateStrategy 'RollingUpdate'"))
    elif stype == "RollingUpdate":
        # (maxUnavailable is dropped: the MaxUnavailableStatefulSet feature is off in v1.32.)
        ru = _dict(strategy.get("rollingUpdate"))
        errs += _nonneg(ru.get("partition"), "spec.updateStrategy.rollingUpdate.partition")
    else:
        ru_ptr = ("(*apps.RollingUpdateStatefulSetStrategy)(nil)" if strategy.get("rollingUpdate") is None
                  else "(*apps.RollingUpdateStatefulSetStrategy)(0xc000000000)")
        errs.append(invalid("spec.updateStrategy", GoRepr(
            f"apps.StatefulSetUpdateStrategy{{Type:{_q(stype)}, RollingUpdate:{ru_ptr}}}"),
            "must be 'RollingUpdate' or 'OnDelete'"))
    policy = _dict(spec.get("persistentVolumeClaimRetentionPolicy"))
    for field in ("whenDeleted", "whenScaled"):
        val = policy.get(field) or ""
        if val not in ("Retain", "Delete"):
            errs.append(not_supported(f"spec.persistentVolumeClaimRetentionPolicy.{field}", val, ["Retain", "Delete"]))
    errs += _nonneg(spec.get("replicas"), "spec.replicas")
    errs += _nonneg(spec.get("minReadySeconds"), "spec.minReadySeconds")
    ordinals = spec.get("ordinals")
    if isinstance(ordinals, dict):
        errs += _nonneg(ordinals.get("start"), "spec.ordinals.start")
    errs += _validate_selector_required(spec, "spec", "statefulset")
    sel = _as_selector(spec.get("selector"))
    template = _dict(spec.get("template"))
    if sel is None:
        errs.append(invalid("spec.selector", GoRepr(go_label_selector(spec.get("selector"))), ""))
    else:
        tlabels = _dict(template.get("metadata")).get("labels")
        if not sel.empty() and not sel.matches(tlabels or {}):
            errs.append(invalid("spec.template.metadata.labels", GoRepr(go_string_map(tlabels)),
                                "`selector` does not match template `labels`"))
        errs += validate_pod_template_spec(template, "spec.template", pod_spec=False)
    tspec = _dict(template.get("spec"))
    restart = tspec.get("restartPolicy") or ""
    if restart != "Always":
        errs.append(not_supported("spec.template.spec.restartPolicy", restart, ["Always"]))
    if tspec.get("activeDeadlineSeconds") is not None:
        errs.append(forbidden("spec.template.spec.activeDeadlineSeconds", "activeDeadlineSeconds in StatefulSet is not Supported"))
    return errs


def _validate_daemonset(obj: Obj) -> list[FieldError]:
    spec = _dict(obj.get("spec"))
    errs = validate_label_selector(spec.get("selector"), "spec.selector")
    template = _dict(spec.get("template"))
    tlabels = _dict(template.get("metadata")).get("labels")
    sel = _as_selector(spec.get("selector"))
    if sel is not None and not sel.matches(tlabels or {}):
        errs.append(invalid("spec.template.metadata.labels", GoRepr(go_string_map(tlabels)),
                            "`selector` does not match template `labels`"))
    raw_sel = spec.get("selector")
    if isinstance(raw_sel, dict) and not raw_sel.get("matchLabels") and not raw_sel.get("matchExpressions"):
        errs.append(invalid("spec.selector", GoRepr(go_label_selector(raw_sel)), "empty selector is invalid for daemonset"))
    errs += validate_pod_template_spec(template, "spec.template")
    tspec = _dict(template.get("spec"))
    restart = tspec.get("restartPolicy") or ""
    if restart != "Always":
        errs.append(not_supported("spec.template.spec.restartPolicy", restart, ["Always"]))
    ads = _int(tspec.get("activeDeadlineSeconds"))
    if ads is not None:
        errs.append(invalid("spec.template.spec.activeDeadlineSeconds", ads, "activeDeadlineSeconds in DaemonSet is not Supported"))
    errs += _nonneg(spec.get("minReadySeconds"), "spec.minReadySeconds")
    strategy = _dict(spec.get("updateStrategy"))
    stype = strategy.get("type") or ""
    if stype == "RollingUpdate":
        ru = _dict(strategy.get("rollingUpdate"))
        p = "spec.updateStrategy.rollingUpdate"
        mu, ms = ru.get("maxUnavailable"), ru.get("maxSurge")
        errs += _positive_int_or_percent(mu, f"{p}.maxUnavailable")
        errs += _positive_int_or_percent(ms, f"{p}.maxSurge")
        if _int_or_percent_value(mu) == 0 and _int_or_percent_value(ms) == 0:
            errs.append(required(f"{p}.maxUnavailable", "cannot be 0 when maxSurge is 0"))
        elif _int_or_percent_value(mu) != 0 and _int_or_percent_value(ms) != 0:
            errs.append(invalid(f"{p}.maxSurge", GoRepr(go_int_or_string(ms)), "may not be set when maxUnavailable is non-zero"))
        errs += _not_more_than_100_percent(mu, f"{p}.maxUnavailable")
        errs += _not_more_than_100_percent(ms, f"{p}.maxSurge")
    elif stype != "OnDelete":
        ru_ptr = ("(*apps.RollingUpdateDaemonSet)(nil)" if strategy.get("rollingUpdate") is None
                  else "(*apps.RollingUpdateDaemonSet)(0xc000000000)")
        errs.append(not_supported("spec.updateStrategy", GoRepr(
            f"apps.DaemonSetUpdateStrategy{{Type:{_q(stype)}, RollingUpdate:{ru_ptr}}}"), ["RollingUpdate", "OnDelete"]))
    errs += _nonneg(spec.get("revisionHistoryLimit"), "spec.revisionHistoryLimit")
    return errs


def _validate_job_spec(spec: Obj, path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    for field in ("parallelism", "completions", "activeDeadlineSeconds", "backoffLimit", "ttlSecondsAfterFinished"):
        errs += _nonneg(spec.get(field), f"{path}.{field}")
    from pykubectl.api.groupvalidation import batch

    errs += batch.job_spec_policies(spec, path)
    template = _dict(spec.get("template"))
    errs += validate_pod_template_spec(template, f"{path}.template")
    restart = _dict(template.get("spec")).get("restartPolicy") or ""
    if restart in ("Always", ""):
        errs.append(required(f"{path}.template.spec.restartPolicy", 'valid values: "OnFailure", "Never"'))
    elif restart not in ("OnFailure", "Never"):
        errs.append(not_supported(f"{path}.template.spec.restartPolicy", restart, ["OnFailure", "Never"]))
    else:
        errs += batch.pod_failure_policy_restart(spec, path)
    return errs


def _validate_job(obj: Obj) -> list[FieldError]:
    spec = _dict(obj.get("spec"))
    errs: list[FieldError] = []
    if spec.get("manualSelector") is not True:
        uid = str(_dict(obj.get("metadata")).get("uid") or "")
        tlabels = _dict(_dict(_dict(spec.get("template")).get("metadata")).get("labels"))
        if uid:
            for label in ("batch.kubernetes.io/controller-uid", "controller-uid"):
                if label in tlabels and tlabels[label] != uid:
                    errs.append(invalid(f"spec.template.metadata.labels", GoRepr(go_string_map(tlabels)),
                                        f"`selector` not auto-generated"))
                    break
    errs += _validate_job_spec(spec, "spec")
    if spec.get("selector") is None:
        errs.append(required("spec.selector"))
    else:
        errs += validate_label_selector(spec.get("selector"), "spec.selector")
    sel = _as_selector(spec.get("selector"))
    tlabels_raw = _dict(_dict(spec.get("template")).get("metadata")).get("labels")
    if sel is not None and not sel.matches(tlabels_raw or {}):
        errs.append(invalid("spec.template.metadata.labels", GoRepr(go_string_map(tlabels_raw)),
                            "`selector` does not match template `labels`"))
    completions = _int(spec.get("completions"))
    name = str(_dict(obj.get("metadata")).get("name") or "")
    if spec.get("completionMode") == "Indexed" and completions and completions > 0 and name:
        host = f"{name}-{completions - 1}"
        if is_dns1123_label(host):
            errs.append(invalid("metadata.name", name, f"will not able to create pod with invalid DNS label: {host}"))
    return errs


def _validate_cronjob(obj: Obj) -> list[FieldError]:
    spec = _dict(obj.get("spec"))
    errs: list[FieldError] = []
    name = str(_dict(obj.get("metadata")).get("name") or "")
    if len(name) > 52:
        errs.append(invalid("metadata.name", name, "must be no more than 52 characters"))
    from pykubectl.api.groupvalidation import batch

    schedule_errs, zone_errs = batch.cron_schedule_and_zone(spec, "spec")
    errs += schedule_errs
    errs += _nonneg(spec.get("startingDeadlineSeconds"), "spec.startingDeadlineSeconds")
    policy = spec.get("concurrencyPolicy") or ""
    if not policy:
        errs.append(required("spec.concurrencyPolicy"))
    elif policy not in ("Allow", "Forbid", "Replace"):
        errs.append(not_supported("spec.concurrencyPolicy", policy, ["Allow", "Forbid", "Replace"]))
    jt = _dict(spec.get("jobTemplate"))
    jspec = _dict(jt.get("spec"))
    errs += _validate_job_spec(jspec, "spec.jobTemplate.spec")
    if jspec.get("selector") is not None:  # ValidateJobTemplateSpec
        errs.append(invalid("spec.jobTemplate.spec.selector", GoRepr(go_label_selector(_dict(jspec["selector"]))),
                            "`selector` will be auto-generated"))
    if jspec.get("manualSelector") is True:
        errs.append(not_supported("spec.jobTemplate.spec.manualSelector", True, ["nil", "false"]))
    errs += _nonneg(spec.get("successfulJobsHistoryLimit"), "spec.successfulJobsHistoryLimit")
    errs += _nonneg(spec.get("failedJobsHistoryLimit"), "spec.failedJobsHistoryLimit")
    return errs + zone_errs


def _validate_pod(obj: Obj) -> list[FieldError]:
    spec = _dict(obj.get("spec"))
    return validate_pod_spec(spec, "spec") + _pod_only_checks(spec)


def _pod_only_checks(spec: Obj) -> list[FieldError]:
    """What ValidatePodCreate checks of a Pod's own spec beyond ValidatePodSpec (templates skip these)."""
    errs: list[FieldError] = []
    if spec.get("hostNetwork"):
        # Only a Pod's own spec: templates are checked once their pods exist.
        for i, c in enumerate(_list(spec.get("containers"))):
            for j, port in enumerate(_list(_dict(c).get("ports"))):
                port = _dict(port)
                hp, cp = _int(port.get("hostPort")) or 0, _int(port.get("containerPort")) or 0
                if hp != cp:
                    errs.append(invalid(f"spec.containers[{i}].ports[{j}].hostPort", hp,
                                        "must match `containerPort` when `hostNetwork` is true"))
    if _list(spec.get("ephemeralContainers")):
        errs.append(forbidden("spec.ephemeralContainers", "cannot be set on create"))
    for i, c in enumerate(_list(spec.get("containers"))):
        image = str(_dict(c).get("image") or "")
        if image != image.strip():
            errs.append(invalid(f"spec.containers[{i}].image", image, "must not have leading or trailing whitespace"))
    return errs


def _is_headless(spec: Obj) -> bool:
    return spec.get("clusterIP") == "None"


def _validate_service(obj: Obj, update: bool = False) -> list[FieldError]:
    spec = _dict(obj.get("spec"))
    errs: list[FieldError] = []
    ports = _list(spec.get("ports"))
    stype = spec.get("type") or ""
    if not ports and not _is_headless(spec) and stype != "ExternalName":
        errs.append(required("spec.ports"))
    if stype == "LoadBalancer":
        if _is_headless(spec):
            errs.append(invalid("spec.clusterIPs[0]", "None", "may not be set to 'None' for LoadBalancer services"))
        for i, port in enumerate(ports):
            if _dict(port).get("port") == 10250:
                errs.append(invalid(f"spec.ports[{i}]", 10250, "may not expose port 10250 externally since it is used by kubelet"))
    elif stype == "NodePort":
        if _is_headless(spec):
            errs.append(invalid("spec.clusterIPs[0]", "None", "may not be set to 'None' for NodePort services"))
    elif stype == "ExternalName":
        if spec.get("clusterIPs") or spec.get("clusterIP"):
            errs.append(forbidden("spec.clusterIPs", "may not be set for ExternalName services"))
        if spec.get("ipFamilies"):
            errs.append(forbidden("spec.ipFamilies", "may not be set for ExternalName services"))
        if spec.get("ipFamilyPolicy") is not None:
            errs.append(forbidden("spec.ipFamilyPolicy", "may not be set for ExternalName services"))
        cname = str(spec.get("externalName") or "").removesuffix(".")
        if cname:
            errs += [invalid("spec.externalName", cname, m) for m in is_dns1123_subdomain(cname)]
        else:
            errs.append(required("spec.externalName"))
    names: set[str] = set()
    for i, port in enumerate(ports):
        port = _dict(port)
        p = f"spec.ports[{i}]"
        name = port.get("name") or ""
        if len(ports) > 1 and not name:
            errs.append(required(f"{p}.name"))
        elif name:
            errs += [invalid(f"{p}.name", name, m) for m in is_dns1123_label(name)]
            if name in names:
                errs.append(duplicate(f"{p}.name", name))
            else:
                names.add(name)
        errs += port_and_protocol_errors(port, p)
        target = port.get("targetPort")
        if isinstance(target, str):
            errs += [invalid(f"{p}.targetPort", target, m) for m in is_valid_port_name(target)]
        else:
            t = _int(target) or 0
            errs += [invalid(f"{p}.targetPort", t, m) for m in is_valid_port_num(t)]
    if spec.get("selector") is not None:
        errs += validate_labels(_dict(spec.get("selector")), "spec.selector")
    affinity = spec.get("sessionAffinity") or ""
    if not affinity:
        errs.append(required("spec.sessionAffinity"))
    elif affinity not in ("ClientIP", "None"):
        errs.append(not_supported("spec.sessionAffinity", affinity, ["ClientIP", "None"]))
    if affinity == "ClientIP":
        timeout = _dict(_dict(spec.get("sessionAffinityConfig")).get("clientIP")).get("timeoutSeconds")
        t = _int(timeout)
        if t is not None and not 0 < t <= 86400:
            errs.append(invalid("spec.sessionAffinityConfig.clientIP.timeoutSeconds", t,
                                "must be greater than 0 and less than 86400"))
    if not stype:
        errs.append(required("spec.type"))
    elif stype not in ("ClusterIP", "ExternalName", "LoadBalancer", "NodePort"):
        errs.append(not_supported("spec.type", stype, ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]))
    if stype == "ClusterIP":
        for i, port in enumerate(ports):
            if _dict(port).get("nodePort"):
                errs.append(forbidden(f"spec.ports[{i}].nodePort", "may not be used when `type` is 'ClusterIP'"))
    seen_node: set[tuple[str, int]] = set()
    for i, port in enumerate(ports):
        port = _dict(port)
        np = _int(port.get("nodePort")) or 0
        if not np:
            continue
        key = (str(port.get("protocol") or ""), np)
        if key in seen_node:
            errs.append(duplicate(f"spec.ports[{i}].nodePort", np))
        seen_node.add(key)
    seen: set[tuple[str, int]] = set()
    for i, port in enumerate(ports):
        port = _dict(port)
        key = (str(port.get("protocol") or ""), _int(port.get("port")) or 0)
        if key in seen:
            errs.append(duplicate(f"spec.ports[{i}]", GoRepr(go_service_port_key(*key))))
        seen.add(key)
    etp = spec.get("externalTrafficPolicy")
    if stype in ("ClusterIP", "ExternalName") and etp:
        errs.append(invalid("spec.externalTrafficPolicy", etp, "may only be set for externally-accessible services"))
    elif etp and etp not in ("Cluster", "Local"):
        errs.append(not_supported("spec.externalTrafficPolicy", etp, ["Cluster", "Local"]))
    itp = spec.get("internalTrafficPolicy")
    if itp is not None and itp not in ("Cluster", "Local"):
        errs.append(not_supported("spec.internalTrafficPolicy", itp, ["Cluster", "Local"]))
    return errs + _corev().service_extra(spec, update)


def _corev() -> Any:
    global _COREV
    if _COREV is None:
        from pykubectl.api import corevalidation

        _COREV = corevalidation
    return _COREV


_COREV: Any = None


def validate_node_ports(obj: Obj, low: int = 30000, high: int = 32767) -> list[FieldError]:
    """The allocator's check when a user asks for a specific nodePort (run by the store before allocating)."""
    errs = []
    for i, port in enumerate(_list(_dict(obj.get("spec")).get("ports"))):
        np = _int(_dict(port).get("nodePort")) or 0
        if np and not low <= np <= high:
            errs.append(invalid(f"spec.ports[{i}].nodePort", np,
                                f"provided port is not in the valid range. The range of valid ports is {low}-{high}"))
    return errs


def _validate_data_keys(data: Mapping[str, Any], field: str, other: Mapping[str, Any] | None,
                        other_name: str) -> tuple[list[FieldError], int]:
    errs: list[FieldError] = []
    size = 0
    for key in sorted(data):
        errs += [invalid(f"{field}[{key}]", key, m) for m in is_config_map_key(key)]
        if other is not None and key in other:
            errs.append(invalid(f"{field}[{key}]", key, f"duplicate of key present in {other_name}"))
        size += len(str(data[key]).encode())
    return errs, size


def _b64_len(text: str) -> int:
    return len(text) * 3 // 4 - text[-2:].count("=")


def _validate_configmap(obj: Obj) -> list[FieldError]:
    data = _dict(obj.get("data"))
    binary = _dict(obj.get("binaryData"))
    errs, size = _validate_data_keys(data, "data", binary, "binaryData")
    errs2, _ = _validate_data_keys(binary, "binaryData", None, "")
    errs += errs2
    # binaryData travels base64-encoded; the limit counts decoded bytes.
    size += sum(_b64_len(str(v)) for v in binary.values())
    if size > MAX_SECRET_SIZE:
        errs.append(too_long("[]", MAX_SECRET_SIZE))
    return errs


def _validate_secret(obj: Obj) -> list[FieldError]:
    data = _dict(obj.get("data"))
    errs: list[FieldError] = []
    size = 0
    for key in sorted(data):
        errs += [invalid(f"data[{key}]", key, m) for m in is_config_map_key(key)]
        size += _b64_len(str(data[key]))
    if size > MAX_SECRET_SIZE:
        errs.append(too_long("data", MAX_SECRET_SIZE))
    stype = obj.get("type") or ""
    annotations = _dict(_dict(obj.get("metadata")).get("annotations"))
    if stype == "kubernetes.io/service-account-token":
        if not annotations.get("kubernetes.io/service-account.name"):
            errs.append(required("metadata.annotations[kubernetes.io/service-account.name]"))
    elif stype == "kubernetes.io/dockercfg":
        if ".dockercfg" not in data:
            errs.append(required("data[.dockercfg]"))
    elif stype == "kubernetes.io/dockerconfigjson":
        if ".dockerconfigjson" not in data:
            errs.append(required("data[.dockerconfigjson]"))
    elif stype == "kubernetes.io/basic-auth":
        if "username" not in data and "password" not in data:
            errs.append(required("data[username]"))
            errs.append(required("data[password]"))
    elif stype == "kubernetes.io/ssh-auth":
        if "ssh-privatekey" not in data:
            errs.append(required("data[ssh-privatekey]"))
    elif stype == "kubernetes.io/tls":
        for key in ("tls.crt", "tls.key"):
            if key not in data:
                errs.append(required(f"data[{key}]"))
    errs += _corev().secret_contents(obj, data)
    return errs


def _validate_namespace(obj: Obj) -> list[FieldError]:
    errs: list[FieldError] = []
    # (PodSecurity admission checks its labels on every namespace write.)
    from pykubectl.api import podsecurity

    for key, value, detail in podsecurity.label_errors(_dict(_dict(obj.get("metadata")).get("labels"))):
        errs.append(invalid(f"metadata.labels[{key}]", value, detail))
    for fin in _list(_dict(obj.get("spec")).get("finalizers")):
        fin = str(fin)
        errs += [invalid("spec.finalizers", fin, m) for m in is_qualified_name(fin)]
        errs += _kube_finalizer(fin, "spec.finalizers")
    return errs


def _validate_pvc(obj: Obj) -> list[FieldError]:
    return validate_pvc_spec(_dict(obj.get("spec")), "spec")


def _data_source_key(ref: Any) -> tuple:
    ref = _dict(ref)
    return (ref.get("apiGroup") or "", ref.get("kind") or "", ref.get("name") or "")


def validate_pvc_spec(spec: Obj, path: str) -> list[FieldError]:
    """ValidatePersistentVolumeClaimSpec (claims and ephemeral volume claim templates)."""
    errs: list[FieldError] = []
    modes = _list(spec.get("accessModes"))
    if not modes:
        errs.append(required(f"{path}.accessModes", "at least 1 access mode is required"))
    if spec.get("selector") is not None:
        errs += validate_label_selector(spec.get("selector"), f"{path}.selector")
    valid = ["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"]
    rwop = other = False
    for mode in modes:
        if mode not in valid:
            errs.append(not_supported(f"{path}.accessModes", mode, valid))
        if mode == "ReadWriteOncePod":
            rwop = True
        elif mode in valid:
            other = True
    if rwop and other:
        errs.append(forbidden(f"{path}.accessModes", "may not use ReadWriteOncePod with other access modes"))
    storage = _dict(_dict(spec.get("resources")).get("requests")).get("storage")
    if storage is None:
        errs.append(required(f"{path}.resources[storage]"))
    else:
        try:
            if quantity.parse_quantity(storage) <= 0:
                errs.append(invalid(f"{path}.resources[storage]", str(storage), "must be greater than zero"))
        except quantity.QuantityError:
            pass
    scn = spec.get("storageClassName")
    if scn:
        errs += [invalid(f"{path}.storageClassName", scn, m) for m in name_is_dns_subdomain(str(scn), False)]
    vm = spec.get("volumeMode")
    if vm is not None and vm not in ("Block", "Filesystem"):
        errs.append(not_supported(f"{path}.volumeMode", vm, ["Block", "Filesystem"]))
    ds, dsr = spec.get("dataSource"), spec.get("dataSourceRef")
    if ds is not None and dsr is not None and _data_source_key(ds) != _data_source_key(dsr):
        errs.append(invalid(path, GoRepr('field.Path{name:"dataSource", index:"", parent:(*field.Path)(0xc000000000)}'),
                            "must match dataSourceRef"))
    for field, ref in (("dataSource", ds), ("dataSourceRef", dsr)):
        if ref is None:
            continue
        ref = _dict(ref)
        if not ref.get("name"):
            errs.append(required(f"{path}.{field}.name"))
        if not ref.get("kind"):
            errs.append(required(f"{path}.{field}.kind"))
        group = ref.get("apiGroup") or ""
        if not group and ref.get("kind") and ref.get("kind") != "PersistentVolumeClaim":
            errs.append(invalid(f"{path}.{field}.kind", ref.get("kind"), "must be 'PersistentVolumeClaim' when "
                                                                          "referencing the default apiGroup"))
    return errs


_CREATE = {
    ("apps", "Deployment"): (True, name_is_dns_subdomain, _validate_deployment),
    ("apps", "ReplicaSet"): (True, name_is_dns_subdomain, _validate_replicaset),
    ("apps", "StatefulSet"): (True, name_is_dns_label, _validate_statefulset),
    ("apps", "DaemonSet"): (True, name_is_dns_subdomain, _validate_daemonset),
    ("batch", "Job"): (True, name_is_dns_subdomain, _validate_job),
    ("batch", "CronJob"): (True, name_is_dns_subdomain, _validate_cronjob),
    ("", "Pod"): (True, name_is_dns_subdomain, _validate_pod),
    ("", "Service"): (True, name_is_dns1035_label, _validate_service),
    ("", "ConfigMap"): (True, name_is_dns_subdomain, _validate_configmap),
    ("", "Secret"): (True, name_is_dns_subdomain, _validate_secret),
    ("", "Namespace"): (False, name_is_dns_label, _validate_namespace),
    ("", "PersistentVolumeClaim"): (True, name_is_dns_subdomain, _validate_pvc),
    ("", "ServiceAccount"): (True, name_is_dns_subdomain, None),
    ("", "ReplicationController"): (True, name_is_dns_subdomain, _validate_replication_controller),
    ("", "PodTemplate"): (True, name_is_dns_subdomain, _validate_pod_template),
    ("", "Node"): (False, name_is_dns_subdomain, None),
    ("", "PersistentVolume"): (False, name_is_dns_subdomain, lambda o: _corev().validate_pv(o)),
    ("", "LimitRange"): (True, name_is_dns_subdomain, lambda o: _corev().validate_limit_range(o)),
    ("", "ResourceQuota"): (True, name_is_dns_subdomain, lambda o: _corev().validate_resource_quota(o)),
    ("", "Endpoints"): (True, name_is_dns_subdomain, lambda o: _corev().validate_endpoints(o)),
}


def _kind_key(obj: Obj) -> tuple[str, str]:
    return str(obj.get("apiVersion") or "").rpartition("/")[0], str(obj.get("kind") or "")


_GROUP_TABLES: tuple[dict, dict] | None = None


def _group_tables() -> tuple[dict, dict]:
    """The validators of the other API groups (pykubectl/api/groupvalidation), loaded on first use."""
    global _GROUP_TABLES
    if _GROUP_TABLES is None:
        from pykubectl.api import groupvalidation

        _GROUP_TABLES = groupvalidation.tables()
    return _GROUP_TABLES


def _create_entry(key: tuple[str, str]) -> Any:
    entry = _CREATE.get(key)
    if entry is None and key[0] not in ("", "apps", "batch"):
        entry = _group_tables()[0].get(key)
    return entry


def _group_name_fn(obj: Obj) -> Any:
    from pykubectl.api.groupvalidation import apiextensions

    return apiextensions._crd_name(obj)


def validate_create(obj: Obj, namespaced: bool | None = None, spec_valid: bool = False) -> list[FieldError]:
    """Field errors the API server returns for creating ``obj`` (already defaulted), in its order.

    ``spec_valid``: the caller knows the kind's own (spec) validation finds nothing, so only metadata is checked."""
    entry = _create_entry(_kind_key(obj))
    meta = _dict(obj.get("metadata"))
    if entry is None:
        return validate_object_meta(meta, namespaced if namespaced is not None else bool(meta.get("namespace")),
                                    name_is_dns_subdomain)
    ns_required, name_fn, spec_fn = entry
    if name_fn is None:  # a name rule that depends on the object (a CRD's is its plural and group)
        name_fn = getattr(spec_fn, "__module__", None) and _group_name_fn(obj)
    errs = validate_object_meta(meta, ns_required if namespaced is None else namespaced, name_fn)
    if spec_fn is _validate_pod and meta.get("annotations"):  # validatePodMetadataAndSpec: before the spec
        errs += _podv().pod_specific_annotations(_dict(meta["annotations"]), _dict(obj.get("spec")),
                                                 "metadata.annotations")
    if spec_fn is not None and not spec_valid:
        errs += spec_fn(obj)
    return errs


def _immutable(new: Any, old: Any, path: str, render: Any = None) -> list[FieldError]:
    if new == old:
        return []
    value = render(new) if render else new
    return [invalid(path, value, IMMUTABLE)]


def validate_update(new: Obj, old: Obj) -> list[FieldError]:
    """Field errors for replacing ``old`` by ``new`` (both defaulted): spec validation plus immutability."""
    key = _kind_key(new)
    kind = key[1]
    nmeta, ometa = _dict(new.get("metadata")), _dict(old.get("metadata"))
    errs = validate_object_meta_update(nmeta, ometa)
    nspec, ospec = _dict(new.get("spec")), _dict(old.get("spec"))
    if key == ("apps", "Deployment"):
        errs += _validate_deployment(new)
        errs += _immutable(nspec.get("selector"), ospec.get("selector"), "spec.selector",
                           lambda s: GoRepr(go_label_selector(s)))
    elif key == ("apps", "ReplicaSet"):
        errs += _validate_replicaset(new)
        errs += _immutable(nspec.get("selector"), ospec.get("selector"), "spec.selector",
                           lambda s: GoRepr(go_label_selector(s)))
    elif key == ("apps", "DaemonSet"):
        errs += _validate_daemonset(new)
        errs += _immutable(nspec.get("selector"), ospec.get("selector"), "spec.selector",
                           lambda s: GoRepr(go_label_selector(s)))
    elif key == ("apps", "StatefulSet"):
        errs += _validate_statefulset(new)
        mutable = {"replicas", "template", "updateStrategy", "minReadySeconds", "ordinals",
                   "persistentVolumeClaimRetentionPolicy"}
        if {k: v for k, v in nspec.items() if k not in mutable} != {k: v for k, v in ospec.items() if k not in mutable}:
            errs.append(forbidden("spec", "updates to statefulset spec for fields other than 'replicas', 'ordinals', "
                                          "'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and "
                                          "'minReadySeconds' are forbidden"))
    elif key == ("batch", "Job"):
        from pykubectl.api.groupvalidation import batch

        errs += _validate_job(new)
        errs += batch.completions_update(nspec, ospec)
        errs += _immutable(nspec.get("selector"), ospec.get("selector"), "spec.selector",
                           lambda s: GoRepr(go_label_selector(s)))
        errs += _job_template_update(nspec, ospec, old)
        errs += _immutable(nspec.get("completionMode"), ospec.get("completionMode"), "spec.completionMode")
        errs += batch.policies_update(nspec, ospec)
    elif key == ("", "Service"):
        old_ips = ospec.get("clusterIPs") or ([ospec["clusterIP"]] if ospec.get("clusterIP") else [])
        new_ips = nspec.get("clusterIPs") or ([nspec["clusterIP"]] if nspec.get("clusterIP") else [])
        changing_external = "ExternalName" in (nspec.get("type"), ospec.get("type"))
        if old_ips and new_ips and old_ips[0] != new_ips[0] and not changing_external:
            errs.append(invalid("spec.clusterIPs[0]", GoRepr(go_string_slice(new_ips)), "may not change once set"))
        if nspec.get("type") == "LoadBalancer" and ospec.get("type") == "LoadBalancer" and \
                nspec.get("loadBalancerClass") != ospec.get("loadBalancerClass"):  # validateLoadBalancerClassField
            lbc = nspec.get("loadBalancerClass")
            errs.append(invalid("spec.loadBalancerClass", GoRepr("null") if lbc is None else lbc,
                                "may not change once set"))
        errs += _validate_service(new, update=True)
    elif key in (("", "ConfigMap"), ("", "Secret")):
        if old.get("immutable") is True:
            if new.get("immutable") is not True:
                errs.append(forbidden("immutable", "field is immutable when `immutable` is set"))
            fields = ("data",) if kind == "Secret" else ("data", "binaryData")
            for f in fields:
                if (new.get(f) or None) != (old.get(f) or None):
                    errs.append(forbidden(f, "field is immutable when `immutable` is set"))
        if kind == "Secret":
            errs += _immutable(new.get("type"), old.get("type"), "type")
            errs += _validate_secret(new)
        else:
            errs += _validate_configmap(new)
    elif key == ("", "Pod"):
        errs += _validate_pod_update(nspec, ospec)
    elif key == ("", "PersistentVolumeClaim"):
        errs += _validate_pvc(new)
        errs += _pvc_update(new, old)
    elif key == ("", "PersistentVolume"):
        errs += _corev().validate_pv(new)
        errs += _pv_update(new, old)
    elif key == ("", "ResourceQuota"):
        errs += _corev().validate_resource_quota(new)
        nscopes, oscopes = _list(nspec.get("scopes")), _list(ospec.get("scopes"))
        if set(map(str, nscopes)) != set(map(str, oscopes)):  # ValidateResourceQuotaUpdate: scopes are immutable
            shown = "[]core.ResourceQuotaScope(nil)" if nspec.get("scopes") is None else \
                "[]core.ResourceQuotaScope{" + ", ".join(_q(str(x)) for x in nscopes) + "}"
            errs.append(invalid("spec.scopes", GoRepr(shown), IMMUTABLE))
    elif key[0] not in ("", "apps", "batch") and key in _group_tables()[1]:
        errs += _group_tables()[1][key](new, old)
    else:
        entry = _create_entry(key)
        if entry and entry[2]:
            errs += entry[2](new)
    return errs


_BETA_STORAGE_CLASS = "volume.beta.kubernetes.io/storage-class"


def _pvc_update(new: Obj, old: Obj) -> list[FieldError]:
    """ValidatePersistentVolumeClaimUpdate: a claim's spec is immutable, except that a volumeName may be set once,
    a storage class may replace the beta annotation or be set where none was, and a bound claim may change its
    storage request and volumeAttributesClassName; the error carries go-cmp's diff of the two specs."""
    import copy  # here, not at import: only updates need it

    from pykubectl.api import gocmp

    errs: list[FieldError] = []
    nspec, ospec = _dict(new.get("spec")), _dict(old.get("spec"))
    new_clone, old_clone = copy.deepcopy(nspec), copy.deepcopy(ospec)
    if not ospec.get("volumeName"):
        _copy_key(nspec, old_clone, "volumeName")
    nann, oann = _dict(_dict(new.get("metadata")).get("annotations")), \
        _dict(_dict(old.get("metadata")).get("annotations"))
    if (_BETA_STORAGE_CLASS in oann and _BETA_STORAGE_CLASS not in nann and ospec.get("storageClassName") is None
            and nspec.get("storageClassName") is not None
            and nspec.get("storageClassName") == oann[_BETA_STORAGE_CLASS]):
        new_clone.pop("storageClassName", None)
    else:
        if nann.get(_BETA_STORAGE_CLASS, "") != oann.get(_BETA_STORAGE_CLASS, ""):
            errs.append(invalid(f"metadata.annotations.{_BETA_STORAGE_CLASS}", nann.get(_BETA_STORAGE_CLASS, ""),
                                IMMUTABLE))
        if _BETA_STORAGE_CLASS not in oann and ospec.get("storageClassName") is None \
                and nspec.get("storageClassName"):
            new_clone.pop("storageClassName", None)
    bound = _dict(new.get("status")).get("phase") == "Bound"
    new_requests = _dict(new_clone.get("resources")).get("requests")
    if bound and isinstance(new_requests, dict):
        old_storage = _dict(_dict(ospec.get("resources")).get("requests")).get("storage")
        new_requests = dict(new_requests)
        if old_storage is None:
            new_requests.pop("storage", None)
        else:
            new_requests["storage"] = old_storage
        new_clone["resources"] = dict(_dict(new_clone.get("resources")), requests=new_requests)
    if bound and new_clone.get("volumeAttributesClassName") is not None:
        _copy_key(old_clone, new_clone, "volumeAttributesClassName")
    if not _semantic_equal(new_clone, old_clone):
        diff = gocmp.diff(gocmp.PVC_SPEC, old_clone, new_clone)
        errs.append(forbidden("spec", "spec is immutable after creation except resources.requests and "
                                      f"volumeAttributesClassName for bound claims\n{diff}"))
    old_size = _quantity_of(_dict(_dict(ospec.get("resources")).get("requests")).get("storage"))
    new_size = _quantity_of(_dict(_dict(nspec.get("resources")).get("requests")).get("storage"))
    status_size = _quantity_of(_dict(_dict(old.get("status")).get("capacity")).get("storage"))
    if new_size < old_size and new_size <= status_size:
        errs.append(forbidden("spec.resources.requests.storage", "field can not be less than status.capacity"))
    errs += _immutable_pointer(nspec.get("volumeMode"), ospec.get("volumeMode"), "volumeMode")
    return errs


def _pv_update(new: Obj, old: Obj) -> list[FieldError]:
    """ValidatePersistentVolumeUpdate: the volume source is immutable (go-cmp's diff in the error; a CSI source may
    gain a controllerExpandSecretRef), and so is volumeMode."""
    import copy  # here, not at import: only updates need it

    from pykubectl.api import gocmp

    errs: list[FieldError] = []
    nspec, ospec = _dict(new.get("spec")), _dict(old.get("spec"))
    sources = [json_name for _, json_name, _ in gocmp.PV_SOURCE.fields or []]
    new_source = {k: copy.deepcopy(nspec[k]) for k in sources if k in nspec}
    old_source = {k: ospec[k] for k in sources if k in ospec}
    ncsi, ocsi = new_source.get("csi"), old_source.get("csi")
    if isinstance(ocsi, dict) and ocsi.get("controllerExpandSecretRef") is None and isinstance(ncsi, dict):
        ncsi.pop("controllerExpandSecretRef", None)
    if not _semantic_equal(new_source, old_source):
        diff = gocmp.diff(gocmp.PV_SOURCE, old_source, new_source)
        errs.append(forbidden("spec.persistentvolumesource",
                              f"spec.persistentvolumesource is immutable after creation\n{diff}"))
    errs += _immutable_pointer(nspec.get("volumeMode"), ospec.get("volumeMode"), "volumeMode")
    onaff, nnaff = ospec.get("nodeAffinity"), nspec.get("nodeAffinity")
    if onaff is not None and not _semantic_equal(nnaff, onaff) and not _beta_to_ga_affinity(nnaff, onaff):
        # validatePvNodeAffinity: a node affinity once set may only move from beta to GA node labels
        shown = "null" if nnaff is None else ("core.VolumeNodeAffinity{Required:(*core.NodeSelector)(" +
                                               ("nil" if _dict(nnaff).get("required") is None else "0xc000000000") +
                                               ")}")
        errs.append(invalid("nodeAffinity", GoRepr(shown), f"{IMMUTABLE}, except for updating from beta label to GA"))
    return errs


_BETA_TO_GA_LABELS = {
    "beta.kubernetes.io/arch": "kubernetes.io/arch", "beta.kubernetes.io/os": "kubernetes.io/os",
    "failure-domain.beta.kubernetes.io/region": "topology.kubernetes.io/region",
    "failure-domain.beta.kubernetes.io/zone": "topology.kubernetes.io/zone",
    "beta.kubernetes.io/instance-type": "node.kubernetes.io/instance-type",
}


def _beta_to_ga_affinity(new: Any, old: Any) -> bool:
    """Whether ``new`` is ``old`` with (some) beta node-label keys replaced by their GA names."""
    import copy  # here, not at import: only updates need it

    def upgraded(aff: Any) -> Any:
        aff = copy.deepcopy(aff)
        for term in _list(_dict(_dict(aff).get("required")).get("nodeSelectorTerms")):
            for expr in _list(_dict(term).get("matchExpressions")):
                if isinstance(expr, dict) and expr.get("key") in _BETA_TO_GA_LABELS:
                    expr["key"] = _BETA_TO_GA_LABELS[expr["key"]]
        return aff
    return new is not None and _semantic_equal(upgraded(new), upgraded(old))


def _immutable_pointer(new: Any, old: Any, path: str) -> list[FieldError]:
    if new == old:
        return []
    return [invalid(path, GoRepr("null") if new is None else new, IMMUTABLE)]


def _quantity_of(v: Any) -> Any:
    try:
        return quantity.parse(v).value if v is not None else 0
    except quantity.QuantityError:
        return 0


def _semantic_equal(a: Any, b: Any) -> bool:
    """apimachinery's Semantic.DeepEqual over JSON values: quantities by amount, nil and empty alike."""
    a, b = _strip_empty(a), _strip_empty(b)
    if isinstance(a, dict) and isinstance(b, dict):
        if set(a) != set(b):
            return False
        return all(_semantic_equal(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_semantic_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, str) and isinstance(b, str) and a != b:
        try:
            return quantity.parse(a).value == quantity.parse(b).value and a[:1].isdigit() and b[:1].isdigit()
        except quantity.QuantityError:
            return False
    return a == b


def _job_template_update(nspec: Obj, ospec: Obj, old: Obj) -> list[FieldError]:
    """batch validatePodTemplateUpdate: a Job's pod template is immutable, except that a Job suspended before it
    ever started may change its scheduling directives (node selector, node affinity, tolerations, labels,
    annotations, scheduling gates). The error prints the new template with Go's %#v."""
    import copy  # here, not at import: only updates need it

    template, old_template = _dict(nspec.get("template")), copy.deepcopy(_dict(ospec.get("template")))
    started = _dict(old.get("status")).get("startTime") is not None
    if ospec.get("suspend") is True and not started:
        tspec, ospec_t = _dict(template.get("spec")), old_template.setdefault("spec", {})
        new_aff, old_aff = tspec.get("affinity"), ospec_t.get("affinity")
        if new_aff is None and isinstance(old_aff, dict):
            rest = {k: v for k, v in old_aff.items() if k != "nodeAffinity"}
            if rest:
                ospec_t["affinity"] = rest
            else:
                ospec_t.pop("affinity", None)
        elif isinstance(new_aff, dict):
            merged = dict(old_aff) if isinstance(old_aff, dict) else {}
            merged.pop("nodeAffinity", None)
            if new_aff.get("nodeAffinity") is not None:
                merged["nodeAffinity"] = new_aff["nodeAffinity"]
            ospec_t["affinity"] = merged
        for key in ("nodeSelector", "tolerations", "schedulingGates"):
            _copy_key(tspec, ospec_t, key)
        tmeta, ometa = _dict(template.get("metadata")), old_template.setdefault("metadata", {})
        for key in ("annotations", "labels"):
            _copy_key(tmeta, ometa, key)
    if _strip_empty(template) == _strip_empty(old_template):
        return []
    from pykubectl.api.godump import go_pod_template_spec

    return [invalid("spec.template", GoRepr(go_pod_template_spec(template)), IMMUTABLE)]


def _copy_key(src: Obj, dst: Obj, key: str) -> None:
    if key in src:
        dst[key] = src[key]
    else:
        dst.pop(key, None)


def _strip_empty(v: Any) -> Any:
    """A value as the internal Go type holds it for a DeepEqual: empty maps and lists are nil there."""
    if isinstance(v, dict):
        return {k: _strip_empty(x) for k, x in v.items() if x is not None and x != {} and x != []}
    if isinstance(v, list):
        return [_strip_empty(x) for x in v]
    return v


def _only_added_tolerations(new: list, old: list) -> list[FieldError]:
    """validateOnlyAddedTolerations: every old toleration is still there (its tolerationSeconds may change)."""
    def key(t: Any) -> tuple:
        t = _dict(t)
        return tuple(str(t.get(f) or "") for f in ("key", "operator", "value", "effect"))

    new_keys = {key(t) for t in new}
    for t in old:
        if key(t) not in new_keys:
            return [forbidden("spec.tolerations", "existing toleration can not be modified except its "
                                                  "tolerationSeconds")]
    return []


def _validate_pod_update(nspec: Obj, ospec: Obj) -> list[FieldError]:
    """Pod spec updates may only touch images, activeDeadlineSeconds, tolerations (additions) and gates (in
    ValidatePodUpdate's order: a changed number of containers stops the checks)."""
    errs = validate_pod_spec(nspec, "spec")
    for field in ("containers", "initContainers"):  # ValidateContainerUpdates
        if len(_list(nspec.get(field))) != len(_list(ospec.get(field))):
            return errs + [forbidden(f"spec.{field}", "pod updates may not add or remove containers")]
    nads, oads = _int(nspec.get("activeDeadlineSeconds")), _int(ospec.get("activeDeadlineSeconds"))
    if nads is not None:
        if oads is not None and oads < nads:
            errs.append(invalid("spec.activeDeadlineSeconds", nads, "must be less than or equal to previous value"))
    elif oads is not None:
        errs.append(invalid("spec.activeDeadlineSeconds", None, "must not update from a positive integer to nil "
                                                               "value"))
    errs += _only_added_tolerations(_list(nspec.get("tolerations")), _list(ospec.get("tolerations")))
    new_gates = {str(_dict(g).get("name") or ""): i for i, g in enumerate(_list(nspec.get("schedulingGates")))}
    for g in _list(ospec.get("schedulingGates")):
        new_gates.pop(str(_dict(g).get("name") or ""), None)
    for gate, i in new_gates.items():
        errs.append(forbidden(f"spec.schedulingGates[{i}].name",
                              f"only deletion is allowed, but found new scheduling gate '{gate}'"))

    def strip(spec: Obj) -> Obj:
        out = {k: v for k, v in spec.items() if k not in ("activeDeadlineSeconds", "tolerations", "schedulingGates")}
        out["containers"] = [{k: v for k, v in _dict(c).items() if k != "image"} for c in _list(spec.get("containers"))]
        out["initContainers"] = [
            {k: v for k, v in _dict(c).items() if k != "image"} for c in _list(spec.get("initContainers"))
        ]
        return out

    if strip(nspec) != strip(ospec):
        errs.append(
            forbidden(
                "spec",
                "pod updates may not change fields other than `spec.containers[*].image`,"
                "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` "
                "(only additions to existing tolerations),`spec.terminationGracePeriodSeconds` "
                "(allow it to be set to 1 if it was previously negative)",
            )
        )
    return errs
