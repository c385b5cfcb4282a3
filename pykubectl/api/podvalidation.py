"""Pod spec rules of pkg/apis/core/validation beyond the basics in validation.py: volume sources, env sources,
mounts and devices, probes and lifecycle handlers, security contexts, affinity, topology spread, DNS config,
host aliases, gates and OS. Each function returns field errors in the order the Go validator appends them."""

from __future__ import annotations

import posixpath
import re
from typing import Any

from pykubectl.api import quantity
from pykubectl.api.validation import (
    GoRepr, Obj, _dict, _int, _list, duplicate, forbidden, go_string_slice, invalid, is_config_map_key,
    is_dns1123_label, is_dns1123_subdomain, is_valid_ip, is_valid_port_name, is_valid_port_num,
    is_valid_label_value, name_is_dns_subdomain, not_found, not_supported, required, too_long,
    validate_label_selector,
)
from pykubectl.api.selectors import is_qualified_name, regex_error
from pykubectl.errors import FieldError

FILE_MODE_MSG = "must be a number between 0 and 0777 (octal), both inclusive"
_ENV_FIELD_PATHS = ["metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName",
                    "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"]
_VOLUME_FIELD_PATHS = ["metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace",
                       "metadata.uid"]
_DOWNWARD_LABELS = {"metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid",
                    "spec.nodeName", "spec.restartPolicy", "spec.serviceAccountName", "spec.schedulerName",
                    "status.phase", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs", "spec.host"}
_RESOURCE_FIELDS = ["limits.cpu", "limits.ephemeral-storage", "limits.memory", "requests.cpu",
                    "requests.ephemeral-storage", "requests.memory"]
_MEMORY_DIVISORS = {"1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei"}
_HTTP_HEADER_FMT = "[-A-Za-z0-9]+"
_SYSCTL_FMT = r"^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$"
_SYSCTL_RE = re.compile(_SYSCTL_FMT)
_ID_RANGE = "must be between 0 and 2147483647, inclusive"


def _ptr(type_name: str, value: Any) -> str:
    return f"(*{type_name})(nil)" if value is None else f"(*{type_name})(0xc000000000)"


# ---- paths ----------------------------------------------------------------------------------------------------


def _no_backsteps(value: str, path: str) -> list[FieldError]:
    if ".." in value.split("/"):
        return [invalid(path, value, "must not contain '..'")]
    return []


def local_descending_path(value: str, path: str) -> list[FieldError]:
    errs = []
    if value.startswith("/"):
        errs.append(invalid(path, value, "must be a relative path"))
    return errs + _no_backsteps(value, path)


def local_non_reserved_path(value: str, path: str) -> list[FieldError]:
    errs = local_descending_path(value, path)
    if value.startswith("..") and not value.startswith("../"):
        errs.append(invalid(path, value, "must not start with '..'"))
    return errs


# ---- downward API and env sources ----------------------------------------------------------------------------


def object_field_selector(fs: Obj, expressions: list[str], path: str) -> list[FieldError]:
    api = fs.get("apiVersion") or ""
    fp = str(fs.get("fieldPath") or "")
    if not api:
        return [required(f"{path}.apiVersion")]
    if not fp:
        return [required(f"{path}.fieldPath")]
    m = re.match(r"^(.*)\['(.*)'\]$", fp)
    err = None
    if api != "v1":
        err = f"unsupported pod version: {api}"
    elif m:
        if m.group(1) not in ("metadata.annotations", "metadata.labels"):
            err = f"field label does not support subscript: {m.group(1)}"
    elif fp not in _DOWNWARD_LABELS:
        err = f"field label not supported: {fp}"
    if err:
        return [invalid(f"{path}.fieldPath", fp, f"error converting fieldPath: {err}")]
    if m:
        key = m.group(2)
        if m.group(1) == "metadata.annotations":
            key = key.lower()
        return [invalid(f"{path}.fieldPath", key, msg) for msg in is_qualified_name(key)]
    if fp == "spec.host":
        fp = "spec.nodeName"
    if fp not in expressions:
        return [not_supported(f"{path}.fieldPath", fp, expressions)]
    return []


def resource_field_selector(fs: Obj, path: str, volume: bool) -> list[FieldError]:
    errs: list[FieldError] = []
    res = str(fs.get("resource") or "")
    if volume and not fs.get("containerName"):
        errs.append(required(f"{path}.containerName"))
    elif not res:
        errs.append(required(f"{path}.resource"))
    elif res not in _RESOURCE_FIELDS and not res.startswith(("requests.hugepages-", "limits.hugepages-")):
        errs.append(not_supported(f"{path}.resource", res, _RESOURCE_FIELDS))
    divisor = fs.get("divisor")
    if divisor is None:
        return errs
    try:
        q = quantity.parse(divisor)
    except quantity.QuantityError:
        return errs
    if q.value == 0:
        return errs
    text = str(q)
    if res in ("limits.cpu", "requests.cpu"):
        if text not in ("1m", "1"):
            errs.append(invalid(f"{path}.divisor", res, "only divisor's values 1m and 1 are supported with the cpu "
                                                         "resource"))
    elif res in ("limits.memory", "requests.memory", "limits.ephemeral-storage", "requests.ephemeral-storage"):
        if text not in _MEMORY_DIVISORS:
            errs.append(invalid(f"{path}.divisor", res, "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, "
                                                         "1Gi, 1Ti, 1Pi, 1Ei are supported with the memory resource"))
    return errs


def _key_selector(sel: Obj, path: str) -> list[FieldError]:
    name = str(sel.get("name") or "")
    errs = [invalid(f"{path}.name", name, m) for m in name_is_dns_subdomain(name, False)]
    key = str(sel.get("key") or "")
    if not key:
        errs.append(required(f"{path}.key"))
    else:
        errs += [invalid(f"{path}.key", key, m) for m in is_config_map_key(key)]
    return errs


def env_value_from(var: Obj, path: str) -> list[FieldError]:
    vf = var.get("valueFrom")
    if vf is None:
        return []
    vf = _dict(vf)
    errs: list[FieldError] = []
    n = 0
    if vf.get("fieldRef") is not None:
        n += 1
        errs += object_field_selector(_dict(vf["fieldRef"]), _ENV_FIELD_PATHS, f"{path}.fieldRef")
    if vf.get("resourceFieldRef") is not None:
        n += 1
        errs += resource_field_selector(_dict(vf["resourceFieldRef"]), f"{path}.resourceFieldRef", False)
    if vf.get("configMapKeyRef") is not None:
        n += 1
        errs += _key_selector(_dict(vf["configMapKeyRef"]), f"{path}.configMapKeyRef")
    if vf.get("secretKeyRef") is not None:
        n += 1
        errs += _key_selector(_dict(vf["secretKeyRef"]), f"{path}.secretKeyRef")
    if n == 0:
        errs.append(invalid(path, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or "
                                      "`secretKeyRef`"))
    elif var.get("value"):
        errs.append(invalid(path, "", "may not be specified when `value` is not empty"))
    elif n > 1:
        errs.append(invalid(path, "", "may not have more than one field specified at a time"))
    return errs


def env_from(sources: list, path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    for i, src in enumerate(sources):
        src = _dict(src)
        p = f"{path}[{i}]"
        prefix = src.get("prefix")
        if prefix and any(ord(ch) > 126 or ord(ch) < 32 or ch == "=" for ch in str(prefix)):
            errs.append(invalid(f"{p}.prefix", prefix, "a valid environment variable name must consist only of "
                                                       "printable ASCII characters other than '='"))
        n = 0
        for field in ("configMapRef", "secretRef"):
            if src.get(field) is not None:
                n += 1
                name = str(_dict(src[field]).get("name") or "")
                if not name:
                    errs.append(required(f"{p}.{field}.name"))
                else:
                    errs += [invalid(f"{p}.{field}.name", name, m) for m in name_is_dns_subdomain(name, False)]
        if n == 0:
            errs.append(invalid(path, "", "must specify one of: `configMapRef` or `secretRef`"))
        elif n > 1:
            errs.append(invalid(path, "", "may not have more than one field specified at a time"))
    return errs


# ---- volumes ---------------------------------------------------------------------------------------------------


def _key_to_path(item: Obj, path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    if not item.get("key"):
        errs.append(required(f"{path}.key"))
    p = str(item.get("path") or "")
    if not p:
        errs.append(required(f"{path}.path"))
    errs += local_non_reserved_path(p, f"{path}.path")
    mode = _int(item.get("mode"))
    if mode is not None and not 0 <= mode <= 0o777:
        errs.append(invalid(f"{path}.mode", mode, FILE_MODE_MSG))
    return errs


def _downward_file(item: Obj, path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    p = str(item.get("path") or "")
    if not p:
        errs.append(required(f"{path}.path"))
    errs += local_non_reserved_path(p, f"{path}.path")
    if item.get("fieldRef") is not None:
        errs += object_field_selector(_dict(item["fieldRef"]), _VOLUME_FIELD_PATHS, f"{path}.fieldRef")
        if item.get("resourceFieldRef") is not None:
            errs.append(invalid(path, "resource", "fieldRef and resourceFieldRef can not be specified simultaneously"))
    elif item.get("resourceFieldRef") is not None:
        errs += resource_field_selector(_dict(item["resourceFieldRef"]), f"{path}.resourceFieldRef", True)
    else:
        errs.append(required(path, "one of fieldRef and resourceFieldRef is required"))
    mode = _int(item.get("mode"))
    if mode is not None and not 0 <= mode <= 0o777:
        errs.append(invalid(f"{path}.mode", mode, FILE_MODE_MSG))
    return errs


def _projected(src: Obj, path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    mode = _int(src.get("defaultMode"))
    if mode is not None and not 0 <= mode <= 0o777:
        errs.append(invalid(f"{path}.defaultMode", mode, FILE_MODE_MSG))
    seen: set[str] = set()

    def claim(p: str, value: Any) -> None:
        if p in seen:
            errs.append(invalid(path, value, "conflicting duplicate paths"))
        seen.add(p)

    for i, source in enumerate(_list(src.get("sources"))):
        source = _dict(source)
        sp = f"{path}.sources[{i}]"
        n = 0
        for field in ("secret", "configMap"):
            if source.get(field) is None:
                continue
            n += 1
            ref = _dict(source[field])
            if not ref.get("name"):
                errs.append(required(f"{sp}.{field}.name"))
            for j, item in enumerate(_list(ref.get("items"))):
                item = _dict(item)
                errs += _key_to_path(item, f"{sp}.{field}.items[{j}]")
                if item.get("path"):
                    claim(str(item["path"]), str(ref.get("name") or ""))
        if source.get("downwardAPI") is not None:
            n += 1
            dapi = _dict(source["downwardAPI"])
            for item in _list(dapi.get("items")):
                errs += _downward_file(_dict(item), f"{sp}.downwardAPI")
            for item in _list(dapi.get("items")):
                if _dict(item).get("path"):
                    claim(str(_dict(item)["path"]), str(_dict(item)["path"]))
        if source.get("serviceAccountToken") is not None:
            n += 1
            tok = _dict(source["serviceAccountToken"])
            tp = f"{sp}.serviceAccountToken"
            exp = _int(tok.get("expirationSeconds"))
            if exp is not None and exp < 600:
                errs.append(invalid(f"{tp}.expirationSeconds", exp, "may not specify a duration less than 10 minutes"))
            if exp is not None and exp > 1 << 32:
                errs.append(invalid(f"{tp}.expirationSeconds", exp, "may not specify a duration larger than 2^32 "
                                                                    "seconds"))
            if not tok.get("path"):
                errs.append(required(f"{path}.path"))  # v1.32 names the projected volume's path, not the token's
            else:
                errs += local_non_reserved_path(str(tok["path"]), f"{path}.path")
        if n > 1:
            errs.append(forbidden(sp, "may not specify more than 1 volume type per source"))
    return errs


def _pvc_spec(spec: Obj, path: str) -> list[FieldError]:
    from pykubectl.api.validation import validate_pvc_spec

    return validate_pvc_spec(spec, path)


_ISCSI_IQN = re.compile(r"iqn\.\d{4}-\d{2}\.([A-Za-z0-9.-]+)(:[^,;*&$|\s]+)$")
_ISCSI_EUI = re.compile(r"^eui.[A-Za-z0-9]{16}$")
_ISCSI_NAA = re.compile(r"^naa.[A-Za-z0-9]{32}$")
_PARTITION_MSG = "must be between 1 and 255, inclusive"
_LUN_MSG = "must be between 0 and 255, inclusive"
_SUPPORTED_HOST_PATH_TYPES = ["", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File",
                              "FileOrCreate", "Socket"]

# Where validateVolumeSource / ValidatePersistentVolumeSpec report a source's own errors when that differs from
# the field's name (derived from v1.32 pkg/apis/core/validation/validation.go).
VOLUME_ERROR_SEGMENT = {"gcePersistentDisk": "persistentDisk"}
# ... and where they report "may not specify more than 1 volume type" for it.
VOLUME_FORBIDDEN_SEGMENT = {"cephfs": "cephFS", "downwardAPI": "downwarAPI"}


def _iscsi_name(value: str, path: str, pv: bool) -> list[FieldError]:
    """validateISCSIVolumeSource's iqn / initiatorName format (the PV variant says less for a bad prefix)."""
    if not value.startswith(("iqn", "eui", "naa")):
        return [invalid(path, value, "must be valid format" if pv else
                        "must be valid format starting with iqn, eui, or naa")]
    if value.startswith("iqn") and not _ISCSI_IQN.search(value):
        return [invalid(path, value, "must be valid format")]
    if value.startswith("eui") and not _ISCSI_EUI.search(value):
        return [invalid(path, value, "must be valid format")]
    if value.startswith("naa") and not _ISCSI_NAA.search(value):
        return [invalid(path, value, "must be valid format")]
    return []


def _iscsi(src: Obj, path: str, pv_name: str | None) -> list[FieldError]:
    errs: list[FieldError] = []
    pv = pv_name is not None
    portal = str(src.get("targetPortal") or "")
    if not portal:
        errs.append(required(f"{path}.targetPortal"))
    if pv and src.get("initiatorName") is not None and len(f"{pv_name}:{portal}") > 64:
        errs.append(invalid(f"{path}.targetportal", portal, "Total length of <volume name>:<iscsi.targetPortal> "
                                                             "must be under 64 characters if iscsi.initiatorName "
                                                             "is specified."))
    iqn = str(src.get("iqn") or "")
    if not iqn:
        errs.append(required(f"{path}.iqn"))
    else:
        errs += _iscsi_name(iqn, f"{path}.iqn", pv)
    lun = _int(src.get("lun")) or 0
    if not 0 <= lun <= 255:
        errs.append(invalid(f"{path}.lun", lun, _LUN_MSG))
    if (src.get("chapAuthDiscovery") or src.get("chapAuthSession")) and src.get("secretRef") is None:
        errs.append(required(f"{path}.secretRef"))
    if pv and src.get("secretRef") is not None and not _dict(src["secretRef"]).get("name"):
        errs.append(required(f"{path}.secretRef.name"))
    initiator = src.get("initiatorName")
    if initiator is not None:
        initiator = str(initiator)
        ip = f"{path}.initiatorname"
        if not initiator.startswith(("iqn", "eui", "naa")):
            errs.append(invalid(ip, initiator, "must be valid format" if pv else
                                "must be valid format starting with iqn, eui, or naa"))
        elif _iscsi_name(initiator, ip, pv):
            errs.append(invalid(ip, initiator, "must be valid format"))
    return errs


def _reserved_option_keys(options: Any, path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    for k in _dict(options):  # a Go map: one error per reserved key, in map order (sorted here)
        ns = k.split("/", 1)[0] if "/" in k else k
        normalized = "." + ns.lower()
        if normalized.endswith(".kubernetes.io") or normalized.endswith(".k8s.io"):
            errs.append(invalid(f"{path}[{k}]", k, "kubernetes.io and k8s.io namespaces are reserved"))
    return errs


def _pv_secret_reference(ref: Obj, path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    name = str(ref.get("name") or "")
    if not name:
        errs.append(required(f"{path}.name"))
    else:
        errs += [invalid(f"{path}.name", name, m) for m in is_dns1123_subdomain(name)]
    ns = str(ref.get("namespace") or "")
    if not ns:
        errs.append(required(f"{path}.namespace"))
    else:
        errs += [invalid(f"{path}.namespace", ns, m) for m in is_dns1123_label(ns)]
    return errs


def _secret_ref_errors(src: dict, path: str, pv: bool) -> list:
    """A volume source's optional secretRef: a name, and in a PersistentVolume a namespace too."""
    if src.get("secretRef") is None:
        return []
    ref = _dict(src["secretRef"])
    errs = []
    if not ref.get("name"):
        errs.append(required(f"{path}.secretRef.name"))
    if pv and not ref.get("namespace"):
        errs.append(required(f"{path}.secretRef.namespace"))
    return errs


def volume_source(kind: str, src: Obj, path: str, pv_name: str | None = None) -> list[FieldError]:
    """Checks of one volume source: validateVolumeSource's per-type validators, or with ``pv_name`` (the
    PersistentVolume's name) ValidatePersistentVolumeSpec's. ``path`` is where the source's errors go."""
    errs: list[FieldError] = []
    pv = pv_name is not None
    if kind == "emptyDir":
        limit = src.get("sizeLimit")
        if limit is not None:
            try:
                negative = quantity.parse(limit).value < 0
            except quantity.QuantityError:
                negative = False
            if negative:
                errs.append(forbidden(f"{path}.sizeLimit", "SizeLimit field must be a valid resource quantity"))
    elif kind == "hostPath":
        p = str(src.get("path") or "")
        if not p:
            return [required(f"{path}.path")]
        errs += _no_backsteps(p, f"{path}.path")
        htype = src.get("type")
        if htype is not None and htype not in _SUPPORTED_HOST_PATH_TYPES:
            errs.append(not_supported(f"{path}.type", htype, _SUPPORTED_HOST_PATH_TYPES))
    elif kind == "gitRepo":
        if not src.get("repository"):
            errs.append(required(f"{path}.repository"))
        errs += local_descending_path(str(src.get("directory") or ""), f"{path}.directory")
    elif kind in ("gcePersistentDisk", "awsElasticBlockStore"):
        key = "pdName" if kind == "gcePersistentDisk" else "volumeID"
        if not src.get(key):
            errs.append(required(f"{path}.{key}"))
        part = _int(src.get("partition")) or 0
        if not 0 <= part <= 255:
            errs.append(invalid(f"{path}.partition", part, _PARTITION_MSG))
    elif kind in ("configMap", "secret"):
        if kind == "configMap" and not src.get("name"):
            errs.append(required(f"{path}.name"))
        if kind == "secret" and not src.get("secretName"):
            errs.append(required(f"{path}.secretName"))
        mode = _int(src.get("defaultMode"))
        if mode is not None and not 0 <= mode <= 0o777:
            errs.append(invalid(f"{path}.defaultMode", mode, FILE_MODE_MSG))
        for j, item in enumerate(_list(src.get("items"))):
            errs += _key_to_path(_dict(item), f"{path}.items[{j}]")
    elif kind == "persistentVolumeClaim":
        if not src.get("claimName"):
            errs.append(required(f"{path}.claimName"))
    elif kind == "nfs":
        if not src.get("server"):
            errs.append(required(f"{path}.server"))
        p = str(src.get("path") or "")
        if not p:
            errs.append(required(f"{path}.path"))
        if not posixpath.isabs(p):
            errs.append(invalid(f"{path}.path", p, "must be an absolute path"))
    elif kind == "iscsi":
        errs += _iscsi(src, path, pv_name)
    elif kind == "glusterfs":
        if not src.get("endpoints"):
            errs.append(required(f"{path}.endpoints"))
        if not src.get("path"):
            errs.append(required(f"{path}.path"))
        if pv and src.get("endpointsNamespace") is not None:
            ens = str(src["endpointsNamespace"])
            if not ens:
                errs.append(invalid(f"{path}.endpointsNamespace", ens,
                                    "if the endpointnamespace is set, it must be a valid namespace name"))
            else:
                errs += [invalid(f"{path}.endpointsNamespace", ens, m) for m in is_dns1123_label(ens)]
    elif kind == "flocker":
        name, uuid = str(src.get("datasetName") or ""), str(src.get("datasetUUID") or "")
        if not name and not uuid:
            errs.append(required(path, "one of datasetName and datasetUUID is required"))
        if name and uuid:
            errs.append(invalid(path, "resource", "datasetName and datasetUUID can not be specified simultaneously"))
        if "/" in name:
            errs.append(invalid(f"{path}.datasetName", name, "must not contain '/'"))
    elif kind in ("rbd", "cephfs"):
        if not _list(src.get("monitors")):
            errs.append(required(f"{path}.monitors"))
        if kind == "rbd" and not src.get("image"):
            errs.append(required(f"{path}.image"))
    elif kind == "cinder":
        if not src.get("volumeID"):
            errs.append(required(f"{path}.volumeID"))
        errs += _secret_ref_errors(src, path, pv)
    elif kind == "quobyte":
        registry = str(src.get("registry") or "")
        if not registry:
            errs.append(required(f"{path}.registry", "must be a host:port pair or multiple pairs separated by commas"))
        elif len(str(src.get("tenant") or "")) >= 65:
            errs.append(required(f"{path}.tenant", "must be a UUID and may not exceed a length of 64 characters"))
        else:
            for pair in registry.split(","):
                if not _split_host_port(pair):
                    errs.append(invalid(f"{path}.registry", registry,
                                        "must be a host:port pair or multiple pairs separated by commas"))
        if not src.get("volume"):
            errs.append(required(f"{path}.volume"))
    elif kind == "downwardAPI":
        mode = _int(src.get("defaultMode"))
        if mode is not None and not 0 <= mode <= 0o777:
            errs.append(invalid(f"{path}.defaultMode", mode, FILE_MODE_MSG))
        for item in _list(src.get("items")):
            errs += _downward_file(_dict(item), path)
    elif kind == "fc":
        wwns, wwids = _list(src.get("targetWWNs")), _list(src.get("wwids"))
        if not wwns and not wwids:
            errs.append(required(f"{path}.targetWWNs", "must specify either targetWWNs or wwids, but not both"))
        if wwns and wwids:
            errs.append(invalid(f"{path}.targetWWNs", GoRepr(go_string_slice(wwns)),
                                "targetWWNs and wwids can not be specified simultaneously"))
        if wwns:
            lun = _int(src.get("lun"))
            if src.get("lun") is None:
                errs.append(required(f"{path}.lun", "lun is required if targetWWNs is specified"))
            elif lun is not None and not 0 <= lun <= 255:
                errs.append(invalid(f"{path}.lun", lun, _LUN_MSG))
    elif kind == "flexVolume":
        if not src.get("driver"):
            errs.append(required(f"{path}.driver"))
        errs += _reserved_option_keys(src.get("options"), f"{path}.options")
    elif kind == "azureFile":
        if not src.get("secretName"):
            errs.append(required(f"{path}.secretName"))
        if not src.get("shareName"):
            errs.append(required(f"{path}.shareName"))
        if pv and src.get("secretNamespace") is not None and not src["secretNamespace"]:
            errs.append(required(f"{path}.secretNamespace"))
    elif kind == "azureDisk":
        if not src.get("diskName"):
            errs.append(required(f"{path}.diskName"))
        uri = str(src.get("diskURI") or "")
        if not uri:
            errs.append(required(f"{path}.diskURI"))
        caching, dkind = src.get("cachingMode"), src.get("kind")
        if caching is not None and caching not in ("None", "ReadOnly", "ReadWrite"):
            errs.append(not_supported(f"{path}.cachingMode", caching, ["None", "ReadOnly", "ReadWrite"]))
        if dkind is not None and dkind not in ("Dedicated", "Managed", "Shared"):
            errs.append(not_supported(f"{path}.kind", dkind, ["Dedicated", "Managed", "Shared"]))
        if dkind == "Managed" and not uri.startswith("/subscriptions/"):
            errs.append(not_supported(f"{path}.diskURI", uri, [
                "/subscriptions/{sub-id}/resourcegroups/{group-name}/providers/microsoft.compute/disks/{disk-id}"]))
        if dkind is not None and dkind != "Managed" and not uri.startswith("https://"):
            errs.append(not_supported(f"{path}.diskURI", uri, [
                "https://{account-name}.blob.core.windows.net/{container-name}/{disk-name}.vhd"]))
    elif kind == "vsphereVolume":
        if not src.get("volumePath"):
            errs.append(required(f"{path}.volumePath"))
    elif kind == "photonPersistentDisk":
        if not src.get("pdID"):
            errs.append(required(f"{path}.pdID"))
    elif kind == "portworxVolume":
        if not src.get("volumeID"):
            errs.append(required(f"{path}.volumeID"))
    elif kind == "scaleIO":
        for key in ("gateway", "system", "volumeName"):
            if not src.get(key):
                errs.append(required(f"{path}.{key}"))
    elif kind == "storageos":
        vname = str(src.get("volumeName") or "")
        if not vname:
            errs.append(required(f"{path}.volumeName"))
        else:
            errs += [invalid(f"{path}.volumeName", vname, m) for m in is_dns1123_label(vname)]
        vns = str(src.get("volumeNamespace") or "")
        if vns:
            errs += [invalid(f"{path}.volumeNamespace", vns, m) for m in is_dns1123_label(vns)]
        errs += _secret_ref_errors(src, path, pv)
    elif kind == "local":
        p = str(src.get("path") or "")
        if not p:
            return [required(f"{path}.path")]
        errs += _no_backsteps(p, f"{path}.path")
    elif kind == "csi":
        driver = str(src.get("driver") or "")
        if not driver:
            errs.append(required(f"{path}.driver"))
        if len(driver) > 63:
            errs.append(FieldError(f"{path}.driver", "Too long", "may not be more than 63 bytes"))
        errs += [invalid(f"{path}.driver", driver, m) for m in is_dns1123_subdomain(driver.lower())]
        if pv:
            if not src.get("volumeHandle"):
                errs.append(required(f"{path}.volumeHandle"))
            for ref in ("controllerPublishSecretRef", "controllerExpandSecretRef", "nodePublishSecretRef",
                        "nodeExpandSecretRef"):
                if src.get(ref) is not None:
                    errs += _pv_secret_reference(_dict(src[ref]), f"{path}.{ref}")
        elif src.get("nodePublishSecretRef") is not None:
            name = str(_dict(src["nodePublishSecretRef"]).get("name") or "")
            if not name:
                errs.append(required(f"{path}.nodePublishSecretRef.name"))
            else:  # v1.32 reports a bad secret name at csi.name
                errs += [invalid(f"{path}.name", name, m) for m in name_is_dns_subdomain(name, False)]
    elif kind == "projected":
        errs += _projected(src, path)
    elif kind == "ephemeral":
        tmpl = src.get("volumeClaimTemplate")
        if tmpl is None:
            return [required(f"{path}.volumeClaimTemplate")]
        tmpl = _dict(tmpl)
        tp = f"{path}.volumeClaimTemplate"
        meta = _dict(tmpl.get("metadata"))
        for field in ("name", "generateName", "namespace", "uid", "resourceVersion", "finalizers",
                      "ownerReferences"):
            if meta.get(field):
                errs.append(forbidden(f"{tp}.metadata.{field}", "cannot be set"))
        errs += _pvc_spec(_dict(tmpl.get("spec")), f"{tp}.spec")
    return errs


def _split_host_port(pair: str) -> bool:
    """Whether Go's net.SplitHostPort accepts ``pair``."""
    if pair.startswith("["):
        end = pair.find("]")
        if end < 0 or pair[end + 1:end + 2] != ":" or "[" in pair[1:end] or "]" in pair[end + 1:]:
            return False
        return True
    i = pair.rfind(":")
    if i < 0:
        return False
    host = pair[:i]
    return ":" not in host and "[" not in pair and "]" not in pair


# ---- containers ------------------------------------------------------------------------------------------------


def volume_mounts_extra(c: Obj, i: int, m: Obj, path: str, devices: list) -> list[FieldError]:
    """The checks of ValidateVolumeMounts after name/mountPath/uniqueness; ``path`` is the volumeMounts path."""
    errs: list[FieldError] = []
    p = f"{path}[{i}]"
    name = m.get("name") or ""
    mp = m.get("mountPath") or ""
    if any(_dict(d).get("name") == name for d in devices):
        errs.append(invalid(f"{p}.name", name, "must not already exist in volumeDevices"))
    if mp and any(_dict(d).get("devicePath") == mp for d in devices):
        errs.append(invalid(f"{p}.mountPath", mp, "must not already exist as a path in volumeDevices"))
    sub = str(m.get("subPath") or "")
    if sub:
        errs += local_descending_path(sub, f"{path}.subPath")
    expr = str(m.get("subPathExpr") or "")
    if expr:
        if sub:
            errs.append(invalid(f"{p}.subPathExpr", expr, "subPathExpr and subPath are mutually exclusive"))
        errs += local_descending_path(expr, f"{path}.subPathExpr")
    prop = m.get("mountPropagation")
    if prop is not None:
        if prop not in ("Bidirectional", "HostToContainer", "None"):
            errs.append(not_supported(f"{path}.mountPropagation", prop, ["Bidirectional", "HostToContainer", "None"]))
        privileged = _dict(c.get("securityContext")).get("privileged") is True
        if prop == "Bidirectional" and not privileged:
            errs.append(forbidden(f"{path}.mountPropagation",
                                  "Bidirectional mount propagation is available only to privileged containers"))
    rro = m.get("recursiveReadOnly")
    if rro is not None:
        if rro in ("Enabled", "IfPossible"):
            if not m.get("readOnly"):
                errs.append(forbidden(f"{path}.recursiveReadOnly", "may only be specified when readOnly is true"))
            if prop is not None and prop != "None":
                errs.append(forbidden(f"{path}.recursiveReadOnly",
                                      "may only be specified when mountPropagation is None or not specified"))
        elif rro != "Disabled":
            errs.append(not_supported(f"{path}.recursiveReadOnly", rro, ["Disabled", "Enabled", "IfPossible"]))
    return errs


def volume_devices(devices: list, mounts: list, volumes: dict[str, str], path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    names: set[str] = set()
    paths: set[str] = set()
    for i, d in enumerate(devices):
        d = _dict(d)
        p = f"{path}[{i}]"
        name, dpath = str(d.get("name") or ""), str(d.get("devicePath") or "")
        if not name:
            errs.append(required(f"{p}.name"))
        if name in names:
            errs.append(invalid(f"{p}.name", name, "must be unique"))
        kind = volumes.get(name)
        if kind is not None and kind not in ("persistentVolumeClaim", "ephemeral"):
            errs.append(invalid(f"{p}.name", name, "can only use volume source type of PersistentVolumeClaim or "
                                                   "Ephemeral for block mode"))
        if kind is None:
            errs.append(not_found(f"{p}.name", name))
        if not dpath:
            errs.append(required(f"{p}.devicePath"))
        if dpath in paths:
            errs.append(invalid(f"{p}.devicePath", dpath, "must be unique"))
        if dpath and ".." in dpath.split("/"):
            errs.append(invalid(f"{p}.devicePath", dpath, "can not contain backsteps ('..')"))
        else:
            paths.add(dpath)
        if any(_dict(m).get("name") == name for m in mounts):
            errs.append(invalid(f"{p}.name", name, "must not already exist in volumeMounts"))
        if any(_dict(m).get("mountPath") == dpath for m in mounts):
            errs.append(invalid(f"{p}.devicePath", dpath, "must not already exist as a path in volumeMounts"))
        if name:
            names.add(name)
    return errs


def _port_num_or_name(port: Any, path: str) -> list[FieldError]:
    if isinstance(port, str):
        return [invalid(path, port, m) for m in is_valid_port_name(port)]
    value = _int(port) or 0
    return [invalid(path, value, m) for m in is_valid_port_num(value)]


def handler(h: Obj, grace: int, path: str, sleep: bool) -> list[FieldError]:
    errs: list[FieldError] = []
    n = 0
    kinds = ["exec", "httpGet", "tcpSocket", "grpc"] + (["sleep"] if sleep else [])
    for kind in kinds:
        if h.get(kind) is None:
            continue
        if n > 0:
            errs.append(forbidden(f"{path}.{kind}", "may not specify more than 1 handler type"))
            continue
        n += 1
        v = _dict(h[kind])
        kp = f"{path}.{kind}"
        if kind == "exec":
            if not _list(v.get("command")):
                errs.append(required(f"{kp}.command"))
        elif kind == "httpGet":
            if not v.get("path"):
                errs.append(required(f"{kp}.path"))
            errs += _port_num_or_name(v.get("port"), f"{kp}.port")
            scheme = v.get("scheme") or ""
            if scheme not in ("HTTP", "HTTPS"):
                errs.append(not_supported(f"{kp}.scheme", scheme, ["HTTP", "HTTPS"]))
            for header in _list(v.get("httpHeaders")):
                hname = str(_dict(header).get("name") or "")
                if not re.match(f"^{_HTTP_HEADER_FMT}$", hname):
                    errs.append(invalid(f"{kp}.httpHeaders", hname, regex_error(
                        "a valid HTTP header must consist of alphanumeric characters or '-'", _HTTP_HEADER_FMT,
                        "X-Header-Name")))
        elif kind == "tcpSocket":
            errs += _port_num_or_name(v.get("port"), f"{kp}.port")
        elif kind == "grpc":
            port = _int(v.get("port")) or 0
            errs += [invalid(f"{kp}.port", port, m) for m in is_valid_port_num(port)]
        elif kind == "sleep":
            seconds = _int(v.get("seconds")) or 0
            if seconds <= 0 or seconds > grace:
                errs.append(invalid(kp, seconds, f"must be greater than 0 and less than terminationGracePeriodSeconds "
                                                 f"({grace}). Enable AllowPodLifecycleSleepActionZeroValue feature "
                                                 "gate for zero sleep."))
    if n == 0:
        errs.append(required(path, "must specify a handler type"))
    return errs


def lifecycle(lc: Any, grace: int, path: str) -> list[FieldError]:
    if not isinstance(lc, dict):
        return []
    errs: list[FieldError] = []
    for hook in ("postStart", "preStop"):
        if lc.get(hook) is not None:
            errs += handler(_dict(lc[hook]), grace, f"{path}.{hook}", True)
    return errs


def probe(p: Any, grace: int, path: str, which: str) -> list[FieldError]:
    if not isinstance(p, dict):
        return []
    errs = handler(p, grace, path, False)
    for field in ("initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"):
        v = _int(p.get(field))
        if v is not None and v < 0:
            errs.append(invalid(f"{path}.{field}", v, "must be greater than or equal to 0"))
    tgp = _int(p.get("terminationGracePeriodSeconds"))
    if tgp is not None and tgp <= 0:
        errs.append(invalid(f"{path}.terminationGracePeriodSeconds", tgp, "must be greater than 0"))
    if which in ("liveness", "startup"):
        st = _int(p.get("successThreshold"))
        if st is not None and st != 1:
            errs.append(invalid(f"{path}.successThreshold", st, "must be 1"))
    elif which == "readiness" and tgp is not None:
        errs.append(invalid(f"{path}.terminationGracePeriodSeconds", tgp, "must not be set for readinessProbes"))
    return errs


def _seccomp(sp: Any, path: str) -> list[FieldError]:
    if not isinstance(sp, dict):
        return []
    t = sp.get("type") or ""
    errs: list[FieldError] = []
    if not t:
        errs.append(required(f"{path}.type", "type is required when seccompProfile is set"))
    elif t not in ("Localhost", "RuntimeDefault", "Unconfined"):
        errs.append(not_supported(f"{path}.type", t, ["Localhost", "RuntimeDefault", "Unconfined"]))
    prof = sp.get("localhostProfile")
    if t == "Localhost":
        if prof is None:
            return errs + [required(f"{path}.localhostProfile", "must be set when seccomp type is Localhost")]
        return errs + local_descending_path(str(prof), f"{path}.localhostProfile")
    if prof is not None:
        errs.append(invalid(f"{path}.localhostProfile",
                            GoRepr(f'core.SeccompProfile{{Type:"{t}", LocalhostProfile:{_ptr("string", prof)}}}'),
                            "can only be set when seccomp type is Localhost"))
    return errs


def _apparmor(ap: Any, path: str) -> list[FieldError]:
    if not isinstance(ap, dict):
        return []
    t = ap.get("type") or ""
    if not t:
        return [required(f"{path}.type", "type is required when appArmorProfile is set")]
    if t not in ("Localhost", "RuntimeDefault", "Unconfined"):
        return [not_supported(f"{path}.type", t, ["Localhost", "RuntimeDefault", "Unconfined"])]
    prof = ap.get("localhostProfile")
    if t == "Localhost":
        errs: list[FieldError] = []
        if prof is None:
            return [required(f"{path}.localhostProfile", "must be set when AppArmor type is Localhost")]
        prof = str(prof)
        if prof.strip() != prof:
            errs.append(invalid(f"{path}.localhostProfile", prof, "must not be padded with whitespace"))
        elif not prof:
            errs.append(required(f"{path}.localhostProfile", "must be set when AppArmor type is Localhost"))
        if len(prof.encode()) > 4095:  # PATH_MAX - 1
            errs.append(too_long(f"{path}.localhostProfile", 4095))
        return errs
    elif prof is not None:
        return [invalid(f"{path}.localhostProfile", prof, "can only be set when AppArmor type is Localhost")]
    return []


def _sysctl_namespace(name: str) -> str:
    """component-helpers' sysctl GetNamespace: "net", "ipc" or "" (a slash-separated name is read as dotted)."""
    if "/" in name and not name.startswith("/"):
        first_slash, first_dot = name.find("/"), name.find(".")
        if first_dot < 0 or first_slash < first_dot:
            name = name.replace(".", "\0").replace("/", ".").replace("\0", "/")
    if name == "kernel.sem" or name.startswith(("kernel.shm", "kernel.msg", "fs.mqueue.")):
        return "ipc"
    if name.startswith("net."):
        return "net"
    return ""


_WIN_CTRL = re.compile(r"[\x00-\x1f\x7f]+")
_WIN_NETBIOS = re.compile(r'^[^\\/:*?"<>|.][^\\/:*?"<>|]{0,14}$')
_WIN_DNS_LABEL = r"[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
_WIN_DOMAIN_DNS = re.compile(rf"^{_WIN_DNS_LABEL}(?:\.{_WIN_DNS_LABEL})*$")
_WIN_USER_BAD_CHARS = re.compile(r'["/\\:;|=,+*?<>@\[\]]')
_WIN_USER_DOTS_SPACES = re.compile(r"^[. ]+$")


def windows_options(wo: Any, path: str) -> list[FieldError]:
    """validateWindowsSecurityContextOptions (pod and container securityContext.windowsOptions)."""
    if not isinstance(wo, dict):
        return []
    errs: list[FieldError] = []
    gname = wo.get("gmsaCredentialSpecName")
    if gname is not None:
        errs += [invalid(f"{path}.gmsaCredentialSpecName", str(gname), m) for m in is_dns1123_subdomain(str(gname))]
    gspec = wo.get("gmsaCredentialSpec")
    if gspec is not None:
        n = len(str(gspec).encode())
        if n == 0:
            errs.append(invalid(f"{path}.gmsaCredentialSpec", "", "gmsaCredentialSpec cannot be an empty string"))
        elif n > 64 * 1024:
            errs.append(invalid(f"{path}.gmsaCredentialSpec", str(gspec), "gmsaCredentialSpec size must be under 64 KiB"))
    user = wo.get("runAsUserName")
    if user is not None:
        user = str(user)
        up = f"{path}.runAsUserName"
        parts = user.split("\\")
        if not user:
            errs.append(invalid(up, user, "runAsUserName cannot be an empty string"))
        elif _WIN_CTRL.search(user):
            errs.append(invalid(up, user, "runAsUserName cannot contain control characters"))
        elif len(parts) > 2:
            errs.append(invalid(up, user, "runAsUserName cannot contain more than one backslash"))
        else:
            domain, name = ("", parts[0]) if len(parts) == 1 else (parts[0], parts[1])
            if len(domain.encode()) >= 256:
                errs.append(invalid(up, user, "runAsUserName's Domain length must be under 256 characters"))
            if len(parts) == 2 and not (_WIN_NETBIOS.search(domain) or _WIN_DOMAIN_DNS.search(domain)):
                errs.append(invalid(up, user, "runAsUserName's Domain doesn't match the NetBios nor the DNS format"))
            if not name:
                errs.append(invalid(up, user, "runAsUserName's User cannot be empty"))
            elif len(name.encode()) > 104:
                errs.append(invalid(up, user, "runAsUserName's User length must not be longer than 104 characters"))
            if _WIN_USER_DOTS_SPACES.search(name):
                errs.append(invalid(up, user, "runAsUserName's User cannot contain only periods or spaces"))
            if _WIN_USER_BAD_CHARS.search(name):
                errs.append(invalid(up, user, 'runAsUserName\'s User cannot contain the following characters: '
                                              '"/\\:;|=,+*?<>@[]'))
    return errs


def _go_security_context(sc: Obj) -> GoRepr:
    fields = [("Capabilities", "core.Capabilities", "capabilities"), ("Privileged", "bool", "privileged"),
              ("SELinuxOptions", "core.SELinuxOptions", "seLinuxOptions"),
              ("WindowsOptions", "core.WindowsSecurityContextOptions", "windowsOptions"),
              ("RunAsUser", "int64", "runAsUser"), ("RunAsGroup", "int64", "runAsGroup"),
              ("RunAsNonRoot", "bool", "runAsNonRoot"), ("ReadOnlyRootFilesystem", "bool", "readOnlyRootFilesystem"),
              ("AllowPrivilegeEscalation", "bool", "allowPrivilegeEscalation"),
              ("ProcMount", "core.ProcMountType", "procMount"), ("SeccompProfile", "core.SeccompProfile", "seccompProfile"),
              ("AppArmorProfile", "core.AppArmorProfile", "appArmorProfile")]
    return GoRepr("core.SecurityContext{" + ", ".join(f"{g}:{_ptr(t, sc.get(j))}" for g, t, j in fields) + "}")


def container_security_context(sc: Any, path: str) -> list[FieldError]:
    if not isinstance(sc, dict):
        return []
    errs: list[FieldError] = []
    for field in ("runAsUser", "runAsGroup"):
        v = _int(sc.get(field))
        if v is not None and not 0 <= v <= 2147483647:
            errs.append(invalid(f"{path}.{field}", v, _ID_RANGE))
    errs += _seccomp(sc.get("seccompProfile"), f"{path}.seccompProfile")
    if sc.get("allowPrivilegeEscalation") is False:
        if sc.get("privileged") is True:
            errs.append(invalid(path, _go_security_context(sc),
                                "cannot set `allowPrivilegeEscalation` to false and `privileged` to true"))
        for cap in _list(_dict(sc.get("capabilities")).get("add")):
            if cap == "CAP_SYS_ADMIN":
                errs.append(invalid(path, _go_security_context(sc), "cannot set `allowPrivilegeEscalation` to false "
                                                                    "and `capabilities.Add` CAP_SYS_ADMIN"))
    errs += windows_options(sc.get("windowsOptions"), f"{path}.windowsOptions")
    errs += _apparmor(sc.get("appArmorProfile"), f"{path}.appArmorProfile")
    return errs


# ---- pod level -------------------------------------------------------------------------------------------------


def pod_security_context(spec: Obj, path: str) -> list[FieldError]:
    sc = spec.get("securityContext")
    p = f"{path}.securityContext"
    errs: list[FieldError] = []
    # (v1 keeps these two on the PodSpec; the server's internal PodSecurityContext holds them.)
    if spec.get("shareProcessNamespace") is True and spec.get("hostPID"):
        errs.append(invalid(f"{p}.shareProcessNamespace", True, "ShareProcessNamespace and HostPID cannot both be "
                                                                "enabled"))
    if not isinstance(sc, dict):
        return errs
    for field in ("fsGroup", "runAsUser", "runAsGroup"):
        v = _int(sc.get(field))
        if v is not None and not 0 <= v <= 2147483647:
            errs.append(invalid(f"{p}.{field}", v, _ID_RANGE))
    for i, g in enumerate(_list(sc.get("supplementalGroups"))):
        if isinstance(g, int) and not 0 <= g <= 2147483647:
            errs.append(invalid(f"{p}.supplementalGroups[{i}]", g, _ID_RANGE))
    names: set[str] = set()
    for i, s in enumerate(_list(sc.get("sysctls"))):
        name = str(_dict(s).get("name") or "")
        np = f"{p}.sysctls[{i}].name"
        if not name:
            errs.append(required(np))
        elif len(name) > 253 or not _SYSCTL_RE.match(name):
            errs.append(invalid(np, name, f"must have at most 253 characters and match regex {_SYSCTL_FMT}"))
        elif name in names:
            errs.append(duplicate(np, name))
        ns = _sysctl_namespace(name)
        if spec.get("hostNetwork") is True and ns == "net":
            errs.append(invalid(np, name, "may not be specified when 'hostNetwork' is true"))
        elif spec.get("hostIPC") is True and ns == "ipc":
            errs.append(invalid(np, name, "may not be specified when 'hostIPC' is true"))
        names.add(name)
    policy = sc.get("fsGroupChangePolicy")
    if policy is not None and policy not in ("Always", "OnRootMismatch"):
        errs.append(not_supported(f"{p}.fsGroupChangePolicy", policy, ["Always", "OnRootMismatch"]))
    errs += _seccomp(sc.get("seccompProfile"), f"{p}.seccompProfile")
    errs += windows_options(sc.get("windowsOptions"), f"{p}.windowsOptions")
    errs += _apparmor(sc.get("appArmorProfile"), f"{p}.appArmorProfile")
    return errs


def _node_selector_term(term: Obj, path: str, check_values: bool = False) -> list[FieldError]:
    """ValidateNodeSelectorTerm; ``check_values``: a required term's values must be label values (v1.32 checks
    them in required node affinity, never in preferred terms)."""
    errs: list[FieldError] = []
    for j, req in enumerate(_list(term.get("matchExpressions"))):
        req = _dict(req)
        rp = f"{path}.matchExpressions[{j}]"
        op = req.get("operator") or ""
        values = _list(req.get("values"))
        if op in ("In", "NotIn"):
            if not values:
                errs.append(required(f"{rp}.values", "must be specified when `operator` is 'In' or 'NotIn'"))
        elif op in ("Exists", "DoesNotExist"):
            if values:
                errs.append(forbidden(f"{rp}.values", "may not be specified when `operator` is 'Exists' or "
                                                      "'DoesNotExist'"))
        elif op in ("Gt", "Lt"):
            if len(values) != 1:
                errs.append(required(f"{rp}.values", "must be specified single value when `operator` is 'Lt' or 'Gt'"))
        else:
            errs.append(invalid(f"{rp}.operator", op, "not a valid selector operator"))
        key = str(req.get("key") or "")
        errs += [invalid(f"{rp}.key", key, m) for m in is_qualified_name(key)]
        if check_values:
            for k, v in enumerate(values):
                errs += [invalid(f"{rp}.values[{k}]", str(v), m) for m in is_valid_label_value(str(v))]
    for j, req in enumerate(_list(term.get("matchFields"))):
        req = _dict(req)
        rp = f"{path}.matchFields[{j}]"
        op = req.get("operator") or ""
        values = _list(req.get("values"))
        if op in ("In", "NotIn"):
            if len(values) != 1:
                errs.append(required(f"{rp}.values", "must be only one value when `operator` is 'In' or 'NotIn' for "
                                                     "node field selector"))
        else:
            errs.append(invalid(f"{rp}.operator", op, "not a valid selector operator"))
        key = req.get("key") or ""
        if key != "metadata.name":
            errs.append(invalid(f"{rp}.key", key, "not a valid field selector key"))
        else:
            for k, v in enumerate(values):
                errs += [invalid(f"{rp}.values[{k}]", v, m) for m in name_is_dns_subdomain(str(v), False)]
    return errs


def _label_keys(keys: list, selector: Any, path: str, check_overlap: bool) -> list[FieldError]:
    if not keys:
        return []
    if selector is None:
        return [forbidden(path, "must not be specified when labelSelector is not set")]
    errs: list[FieldError] = []
    sel_keys = set(_dict(_dict(selector).get("matchLabels")))
    for i, key in enumerate(keys):
        errs += [invalid(f"{path}[{i}]", key, m) for m in is_qualified_name(str(key))]
    if check_overlap:
        for i, key in enumerate(keys):
            if key in sel_keys:
                errs.append(invalid(f"{path}[{i}]", key, "exists in both matchLabelKeys and labelSelector"))
    return errs


def _pod_affinity_term(term: Obj, path: str) -> list[FieldError]:
    errs = validate_label_selector(term.get("labelSelector"), f"{path}.labelSelector")
    errs += validate_label_selector(term.get("namespaceSelector"), f"{path}.namespaceSelector")
    for ns in _list(term.get("namespaces")):
        errs += [invalid(f"{path}.namespace", ns, m) for m in is_dns1123_label(str(ns))]
    match, mismatch = _list(term.get("matchLabelKeys")), _list(term.get("mismatchLabelKeys"))
    # (The server merges matchLabelKeys into the selector before validating, so it never sees an overlap.)
    errs += _label_keys(match, term.get("labelSelector"), f"{path}.matchLabelKeys", False)
    errs += _label_keys(mismatch, term.get("labelSelector"), f"{path}.mismatchLabelKeys", False)
    for i, k in enumerate(mismatch):
        if k in match:
            errs.append(invalid(f"{path}.mismatchLabelKeys[{i}]", k, "exists in both matchLabelKeys and "
                                                                     "mismatchLabelKeys"))
    key = str(term.get("topologyKey") or "")
    if not key:
        errs.append(required(f"{path}.topologyKey", "can not be empty"))
    errs += [invalid(f"{path}.topologyKey", key, m) for m in is_qualified_name(key)]
    return errs


def affinity(spec: Obj, path: str) -> list[FieldError]:
    aff = spec.get("affinity")
    if not isinstance(aff, dict):
        return []
    p = f"{path}.affinity"
    errs: list[FieldError] = []
    na = aff.get("nodeAffinity")
    if isinstance(na, dict):
        req = na.get("requiredDuringSchedulingIgnoredDuringExecution")
        if isinstance(req, dict):
            tp = f"{p}.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms"
            terms = _list(req.get("nodeSelectorTerms"))
            if not terms:
                errs.append(required(tp, "must have at least one node selector term"))
            for i, term in enumerate(terms):
                errs += _node_selector_term(_dict(term), f"{tp}[{i}]", check_values=True)
        for i, pref in enumerate(_list(na.get("preferredDuringSchedulingIgnoredDuringExecution"))):
            pref = _dict(pref)
            pp = f"{p}.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[{i}]"
            w = _int(pref.get("weight")) or 0
            if not 1 <= w <= 100:
                errs.append(invalid(f"{pp}.weight", w, "must be in the range 1-100"))
            errs += _node_selector_term(_dict(pref.get("preference")), f"{pp}.preference")
    for which in ("podAffinity", "podAntiAffinity"):
        pa = aff.get(which)
        if not isinstance(pa, dict):
            continue
        for i, term in enumerate(_list(pa.get("requiredDuringSchedulingIgnoredDuringExecution"))):
            errs += _pod_affinity_term(_dict(term), f"{p}.{which}.requiredDuringSchedulingIgnoredDuringExecution[{i}]")
        for i, wt in enumerate(_list(pa.get("preferredDuringSchedulingIgnoredDuringExecution"))):
            wt = _dict(wt)
            wp = f"{p}.{which}.preferredDuringSchedulingIgnoredDuringExecution[{i}]"
            w = _int(wt.get("weight")) or 0
            if not 1 <= w <= 100:
                errs.append(invalid(f"{wp}.weight", w, "must be in the range 1-100"))
            errs += _pod_affinity_term(_dict(wt.get("podAffinityTerm")), f"{wp}.podAffinityTerm")
    return errs


def dns_config(spec: Obj, path: str) -> list[FieldError]:
    cfg = spec.get("dnsConfig")
    p = f"{path}.dnsConfig"
    if spec.get("dnsPolicy") == "None":
        if not isinstance(cfg, dict):
            return [required(p, "must provide `dnsConfig` when `dnsPolicy` is None")]
        if not _list(cfg.get("nameservers")):
            return [required(f"{p}.nameservers", "must provide at least one DNS nameserver when `dnsPolicy` is None")]
    if not isinstance(cfg, dict):
        return []
    errs: list[FieldError] = []
    ns = _list(cfg.get("nameservers"))
    if len(ns) > 3:
        errs.append(invalid(f"{p}.nameservers", GoRepr(go_string_slice(ns)), "must not have more than 3 nameservers"))
    for i, n in enumerate(ns):
        errs += [invalid(f"{p}.nameservers[{i}]", n, m) for m in is_valid_ip(str(n))]
    searches = _list(cfg.get("searches"))
    if len(searches) > 32:
        errs.append(invalid(f"{p}.searches", GoRepr(go_string_slice(searches)), "must not have more than 32 search "
                                                                                "paths"))
    if len(" ".join(str(s) for s in searches)) > 2048:
        errs.append(invalid(f"{p}.searches", GoRepr(go_string_slice(searches)), "must not have more than 2048 "
                                                                                "characters (including spaces) in the "
                                                                                "search list"))
    for i, s in enumerate(searches):
        s = str(s).removesuffix(".")
        errs += [invalid(f"{p}.searches[{i}]", s, m) for m in is_dns1123_subdomain(s)]
    for i, opt in enumerate(_list(cfg.get("options"))):
        if not _dict(opt).get("name"):
            errs.append(required(f"{p}.options[{i}]", "must not be empty"))
    return errs


def gates(spec: Obj, path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    for i, g in enumerate(_list(spec.get("readinessGates"))):
        ct = str(_dict(g).get("conditionType") or "")
        errs += [invalid(f"{path}.readinessGates[{i}].conditionType", ct, m) for m in is_qualified_name(ct)]
    seen: set[str] = set()
    for i, g in enumerate(_list(spec.get("schedulingGates"))):
        name = str(_dict(g).get("name") or "")
        errs += [invalid(f"{path}.schedulingGates[{i}]", name, m) for m in is_qualified_name(name)]
        if name in seen:
            errs.append(duplicate(f"{path}.schedulingGates[{i}]", name))
        seen.add(name)
    return errs


def topology_spread(spec: Obj, path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    constraints = _list(spec.get("topologySpreadConstraints"))
    for i, c in enumerate(constraints):
        c = _dict(c)
        p = f"{path}.topologySpreadConstraints[{i}]"
        skew = _int(c.get("maxSkew")) or 0
        if skew <= 0:
            errs.append(invalid(f"{p}.maxSkew", skew, "must be greater than zero"))
        key = str(c.get("topologyKey") or "")
        if not key:
            errs.append(required(f"{p}.topologyKey", "can not be empty"))
        action = c.get("whenUnsatisfiable") or ""
        if action not in ("DoNotSchedule", "ScheduleAnyway"):
            errs.append(not_supported(f"{p}.whenUnsatisfiable", action, ["DoNotSchedule", "ScheduleAnyway"]))
        for other in constraints[i + 1:]:
            other = _dict(other)
            if other.get("topologyKey") == c.get("topologyKey") and other.get("whenUnsatisfiable") == action:
                errs.append(duplicate(f"{p}.{{topologyKey, whenUnsatisfiable}}", f"{{{key}, {action}}}"))
                break
        md = _int(c.get("minDomains"))
        if md is not None:
            if md <= 0:
                errs.append(invalid(f"{p}.minDomains", md, "must be greater than zero"))
            if action != "DoNotSchedule":
                errs.append(invalid(f"{p}.minDomains", md, f"can only use minDomains if "
                                                           f"whenUnsatisfiable=DoNotSchedule, not {action}"))
        for field in ("nodeAffinityPolicy", "nodeTaintsPolicy"):
            v = c.get(field)
            if v is not None and v not in ("Honor", "Ignore"):
                errs.append(not_supported(f"{p}.{field}", v, ["Honor", "Ignore"]))
        keys = _list(c.get("matchLabelKeys"))
        if keys:
            sel = c.get("labelSelector")
            if sel is None:
                errs.append(forbidden(f"{p}.matchLabelKeys", "must not be specified when labelSelector is not set"))
            else:
                sel_keys = set(_dict(_dict(sel).get("matchLabels")))
                sel_keys |= {_dict(e).get("key") for e in _list(_dict(sel).get("matchExpressions"))}
                for j, k in enumerate(keys):
                    errs += [invalid(f"{p}.matchLabelKeys[{j}]", k, m) for m in is_qualified_name(str(k))]
                    if k in sel_keys:
                        errs.append(invalid(f"{p}.matchLabelKeys[{j}]", k,
                                            "exists in both matchLabelKeys and labelSelector"))
        errs += validate_label_selector(c.get("labelSelector"), f"{p}.labelSelector")
    return errs


def host_aliases(spec: Obj, path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    for i, ha in enumerate(_list(spec.get("hostAliases"))):
        ha = _dict(ha)
        ip = str(ha.get("ip") or "")
        errs += [invalid(f"{path}.hostAliases[{i}].ip", ip, m) for m in is_valid_ip(ip)]
        for j, h in enumerate(_list(ha.get("hostnames"))):
            errs += [invalid(f"{path}.hostAliases[{i}].hostnames[{j}]", h, m) for m in is_dns1123_subdomain(str(h))]
    return errs


_MIRROR_POD = "kubernetes.io/config.mirror"
_DELETION_COST = "controller.kubernetes.io/pod-deletion-cost"
_SECCOMP_POD = "seccomp.security.alpha.kubernetes.io/pod"
_SECCOMP_CONTAINER = "container.seccomp.security.alpha.kubernetes.io/"
_APPARMOR_CONTAINER = "container.apparmor.security.beta.kubernetes.io/"
_INT32 = re.compile(r"[+-]?[0-9]+")


def _seccomp_annotation(profile: str, path: str) -> list[FieldError]:
    """ValidateSeccompProfile: the profile an old seccomp annotation names."""
    if profile in ("runtime/default", "docker/default", "unconfined"):
        return []
    if profile.startswith("localhost/"):
        return local_descending_path(profile[len("localhost/"):], path)
    return [invalid(path, profile, "must be a valid seccomp profile")]


def pod_specific_annotations(annotations: Obj, spec: Obj, path: str) -> list[FieldError]:
    """ValidatePodSpecificAnnotations (a Pod's metadata.annotations, or a template's annotations): the mirror-pod
    annotation, the deletion cost, seccomp and AppArmor annotations. Annotation maps are Go maps: keys in sorted
    order here."""
    errs: list[FieldError] = []
    if _MIRROR_POD in annotations and not spec.get("nodeName"):
        errs.append(invalid(f"{path}[{_MIRROR_POD}]", str(annotations[_MIRROR_POD]),
                            "must set spec.nodeName if mirror pod annotation is set"))
    if _DELETION_COST in annotations:
        cost = str(annotations[_DELETION_COST])
        if not _INT32.fullmatch(cost) or not -2**31 <= int(cost) < 2**31:
            errs.append(invalid(f"{path}[{_DELETION_COST}]", cost, "must be a 32bit integer"))
    if _SECCOMP_POD in annotations:  # (fldPath.Child: the key joins the path with a dot)
        errs += _seccomp_annotation(str(annotations[_SECCOMP_POD]), f"{path}.{_SECCOMP_POD}")
    for key in sorted(k for k in annotations if k.startswith(_SECCOMP_CONTAINER)):
        errs += _seccomp_annotation(str(annotations[key]), f"{path}.{key}")
    apparmor = sorted(k for k in annotations if k.startswith(_APPARMOR_CONTAINER))
    names = {str(_dict(c).get("name") or "") for _, c in _visit_containers(spec, "")} if apparmor else set()
    for key in apparmor:
        container = key[len(_APPARMOR_CONTAINER):]
        if container not in names:
            errs.append(invalid(f"{path}[{key}]", container, "container not found"))
        profile = str(annotations[key])
        if profile not in ("", "runtime/default", "unconfined") and not profile.startswith("localhost/"):
            errs.append(invalid(f"{path}[{key}]", profile, f"invalid AppArmor profile name: {_go_quote(profile)}"))
    return errs


def _go_quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def pod_os(spec: Obj, path: str) -> list[FieldError]:
    os_ = spec.get("os")
    if not isinstance(os_, dict):
        return []
    name = os_.get("name") or ""
    errs: list[FieldError] = []
    if not name:
        return [required(f"{path}.os.name", "cannot be empty")]
    if name not in ("linux", "windows"):
        errs.append(not_supported(f"{path}.os", name, ["linux", "windows"]))
    if name == "windows":
        sc = _dict(spec.get("securityContext"))
        for field in ("appArmorProfile", "seLinuxOptions"):
            if sc.get(field) is not None:
                errs.append(forbidden(f"{path}.securityContext.{field}", "cannot be set for a windows pod"))
        for field in ("hostPID", "hostIPC"):
            if spec.get(field):
                errs.append(forbidden(f"{path}.{field}", "cannot be set for a windows pod"))
        for field in ("seccompProfile", "fsGroup", "fsGroupChangePolicy"):
            if sc.get(field) is not None:
                errs.append(forbidden(f"{path}.securityContext.{field}", "cannot be set for a windows pod"))
        if _list(sc.get("sysctls")):
            errs.append(forbidden(f"{path}.securityContext.sysctls", "cannot be set for a windows pod"))
        if spec.get("shareProcessNamespace") is not None:
            errs.append(forbidden(f"{path}.securityContext.shareProcessNamespace", "cannot be set for a windows pod"))
        for field in ("runAsUser", "runAsGroup"):
            if sc.get(field) is not None:
                errs.append(forbidden(f"{path}.securityContext.{field}", "cannot be set for a windows pod"))
        if _list(sc.get("supplementalGroups")):
            errs.append(forbidden(f"{path}.securityContext.supplementalGroups", "cannot be set for a windows pod"))
        for cpath, c in _visit_containers(spec, path):
            csc = _dict(c.get("securityContext"))
            for field in ("appArmorProfile", "seLinuxOptions", "seccompProfile", "capabilities",
                          "readOnlyRootFilesystem", "privileged", "allowPrivilegeEscalation", "procMount",
                          "runAsUser", "runAsGroup"):
                if csc.get(field) is not None:
                    errs.append(forbidden(f"{cpath}.securityContext.{field}", "cannot be set for a windows pod"))
    elif name == "linux" and not errs:  # validateLinux
        if _dict(spec.get("securityContext")).get("windowsOptions") is not None:
            errs.append(forbidden(f"{path}.securityContext.windowsOptions",
                                  "windows options cannot be set for a linux pod"))
        for cpath, c in _visit_containers(spec, path):
            if _dict(c.get("securityContext")).get("windowsOptions") is not None:
                errs.append(forbidden(f"{cpath}.securityContext.windowsOptions",
                                      "windows options cannot be set for a linux pod"))
    return errs


def _visit_containers(spec: Obj, path: str) -> list[tuple[str, Obj]]:
    """podshelper.VisitContainersWithPath: init containers, containers, then ephemeral containers."""
    out = []
    for field in ("initContainers", "containers", "ephemeralContainers"):
        for i, c in enumerate(_list(spec.get(field))):
            out.append((f"{path}.{field}[{i}]", _dict(c)))
    return out


def windows_host_process(spec: Obj, path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    pod_hp = _dict(_dict(spec.get("securityContext")).get("windowsOptions")).get("hostProcess")
    groups = ("initContainers", "containers", "ephemeralContainers")
    count = hp_count = 0
    for group in groups:
        for i, c in enumerate(_list(spec.get(group))):
            count += 1
            c_hp = _dict(_dict(_dict(c).get("securityContext")).get("windowsOptions")).get("hostProcess")
            if pod_hp is not None and c_hp is not None and pod_hp != c_hp:
                errs.append(invalid(f"{path}.{group}[{i}].securityContext.windowsOptions.hostProcess", c_hp,
                                    f"pod hostProcess value must be identical if both are specified, was "
                                    f"{str(pod_hp).lower()}"))
            if c_hp is True or (c_hp is None and pod_hp is True):
                hp_count += 1
    if hp_count:
        if hp_count != count:
            errs.append(invalid(path, "", "If pod contains any hostProcess containers then all containers must be "
                                          "HostProcess containers"))
        if not spec.get("hostNetwork"):
            errs.append(invalid(f"{path}.hostNetwork", False, "hostNetwork must be true if pod contains any "
                                                              "hostProcess containers"))
    return errs
