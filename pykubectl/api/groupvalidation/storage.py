"""storage.k8s.io: StorageClass, CSIDriver, VolumeAttachment (pkg/apis/storage/validation)."""

from __future__ import annotations

from pykubectl.api.validation import (
    IMMUTABLE, FieldError, GoRepr, Obj, _dict, _int, _list, duplicate, forbidden, invalid, is_dns1123_subdomain,
    is_qualified_name, name_is_dns_subdomain, not_supported, required,
)

GROUP = "storage.k8s.io"


def _validate_topologies(terms: list, path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    for i, term in enumerate(terms):
        seen: set[str] = set()
        for j, req in enumerate(_list(_dict(term).get("matchLabelExpressions"))):
            req = _dict(req)
            p = f"{path}[{i}].matchLabelExpressions[{j}]"
            values = _list(req.get("values"))
            if not values:
                errs.append(required(f"{p}.values"))
            have: set[str] = set()
            for k, v in enumerate(values):
                if v in have:
                    errs.append(duplicate(f"{p}.values[{k}]", v))
                have.add(v)
            key = str(req.get("key") or "")
            errs += [invalid(f"{p}.key", key, m) for m in is_qualified_name(key)]
            if key in seen:
                errs.append(duplicate(f"{p}.key", key))
            seen.add(key)
    return errs


def _validate_storage_class(obj: Obj) -> list[FieldError]:
    errs: list[FieldError] = []
    prov = str(obj.get("provisioner") or "")
    if not prov:
        errs.append(required("provisioner"))
    else:
        errs += [invalid("provisioner", prov.lower(), m) for m in is_qualified_name(prov.lower())]
    params = _dict(obj.get("parameters"))
    if len(params) > 512:
        errs.append(FieldError("parameters", "Too long", "may not be more than 512 bytes"))
    else:
        for k in params:
            if not k:
                errs.append(invalid("parameters", k, "field can not be empty."))
        if sum(len(k) + len(str(v)) for k, v in params.items()) > 256 * 1024:
            errs.append(FieldError("parameters", "Too long", f"may not be more than {256 * 1024} bytes"))
    reclaim = obj.get("reclaimPolicy")
    if reclaim and reclaim not in ("Delete", "Retain"):
        errs.append(not_supported("reclaimPolicy", reclaim, ["Delete", "Retain"]))
    mode = obj.get("volumeBindingMode")
    if mode is None:
        errs.append(required("volumeBindingMode"))
    elif mode not in ("Immediate", "WaitForFirstConsumer"):
        errs.append(not_supported("volumeBindingMode", mode, ["Immediate", "WaitForFirstConsumer"]))
    errs += _validate_topologies(_list(obj.get("allowedTopologies")), "allowedTopologies")
    return errs


def _validate_storage_class_update(new: Obj, old: Obj) -> list[FieldError]:
    errs = _validate_storage_class(new)
    if (new.get("parameters") or {}) != (old.get("parameters") or {}):
        errs.append(forbidden("parameters", "updates to parameters are forbidden."))
    if new.get("provisioner") != old.get("provisioner"):
        errs.append(forbidden("provisioner", "updates to provisioner are forbidden."))
    if new.get("reclaimPolicy") != old.get("reclaimPolicy"):
        errs.append(forbidden("reclaimPolicy", "updates to reclaimPolicy are forbidden."))
    if new.get("volumeBindingMode") != old.get("volumeBindingMode"):
        errs.append(invalid("volumeBindingMode", new.get("volumeBindingMode") or "", IMMUTABLE))
    return errs


def _csi_driver_name(name: str, prefix: bool) -> list[str]:
    msgs = []
    if len(name) > 63:
        msgs.append("must be no more than 63 characters")
    return msgs + is_dns1123_subdomain(name.lower())


def _validate_csi_driver(obj: Obj) -> list[FieldError]:
    spec = _dict(obj.get("spec"))
    errs: list[FieldError] = []
    for field, path in (("attachRequired", "attachRequired"), ("podInfoOnMount", "podInfoOnMount"),
                        ("storageCapacity", "storageCapacity")):
        if spec.get(field) is None:
            errs.append(required(f"spec.{path}"))
    policy = spec.get("fsGroupPolicy")
    if policy is not None and policy not in ("File", "None", "ReadWriteOnceWithFSType"):
        errs.append(not_supported("spec.fsGroupPolicy", policy, ["File", "None", "ReadWriteOnceWithFSType"]))
    audiences: set[str] = set()
    for i, tr in enumerate(_list(spec.get("tokenRequests"))):
        tr = _dict(tr)
        p = f"spec.tokenRequests[{i}]"
        aud = str(tr.get("audience") or "")
        if aud in audiences:
            errs.append(duplicate(f"{p}.audience", aud))
            continue
        audiences.add(aud)
        exp = _int(tr.get("expirationSeconds"))
        if exp is None:
            continue
        if exp < 600:
            errs.append(invalid(f"{p}.expirationSeconds", exp, "may not specify a duration less than 10 minutes"))
        if exp > 1 << 32:
            errs.append(invalid(f"{p}.expirationSeconds", exp, "may not specify a duration larger than 2^32 seconds"))
    for mode in _list(spec.get("volumeLifecycleModes")):
        if mode not in ("Persistent", "Ephemeral"):
            errs.append(not_supported("spec.volumeLifecycleModes", mode, ["Persistent", "Ephemeral"]))
    return errs


def _validate_csi_driver_update(new: Obj, old: Obj) -> list[FieldError]:
    errs = _validate_csi_driver(new)
    nspec, ospec = _dict(new.get("spec")), _dict(old.get("spec"))
    if nspec.get("attachRequired") != ospec.get("attachRequired"):
        # The server's path says "attachedRequired".
        errs.append(invalid("spec.attachedRequired", nspec.get("attachRequired"), IMMUTABLE))
    nmodes, omodes = nspec.get("volumeLifecycleModes"), ospec.get("volumeLifecycleModes")
    if (nmodes or None) != (omodes or None):  # ValidateCSIDriverUpdate: volumeLifecycleModes are immutable
        shown = "[]storage.VolumeLifecycleMode(nil)" if nmodes is None else \
            "[]storage.VolumeLifecycleMode{" + ", ".join(f'"{m}"' for m in nmodes) + "}"
        errs.append(invalid("spec.volumeLifecycleModes", GoRepr(shown), IMMUTABLE))
    return errs


def _validate_volume_attachment(obj: Obj) -> list[FieldError]:
    spec = _dict(obj.get("spec"))
    errs: list[FieldError] = []
    attacher = str(spec.get("attacher") or "")
    if not attacher:
        errs.append(required("spec.attacher"))
    errs += [invalid("spec.attacher", attacher, m) for m in is_dns1123_subdomain(attacher.lower())]
    source = _dict(spec.get("source"))
    pv, inline = source.get("persistentVolumeName"), source.get("inlineVolumeSpec")
    if pv is None and inline is None:
        errs.append(required("spec.source", "must specify exactly one of inlineVolumeSpec and persistentVolumeName"))
    elif pv is not None and inline is not None:
        errs.append(forbidden("spec.source", "must specify exactly one of inlineVolumeSpec and persistentVolumeName"))
    elif pv is not None and not pv:
        errs.append(required("spec.source.persistentVolumeName", "must specify non empty persistentVolumeName"))
    node = str(spec.get("nodeName") or "")
    errs += [invalid("spec.nodeName", node, m) for m in name_is_dns_subdomain(node, False)]
    return errs


def _go_va_spec(spec: Obj) -> GoRepr:
    source = _dict(spec.get("source"))
    pv = "(*string)(nil)" if source.get("persistentVolumeName") is None else "(*string)(0xc000000000)"
    inline = ("(*core.PersistentVolumeSpec)(nil)" if source.get("inlineVolumeSpec") is None
              else "(*core.PersistentVolumeSpec)(0xc000000000)")
    return GoRepr(f'storage.VolumeAttachmentSpec{{Attacher:"{spec.get("attacher") or ""}", '
                  f'Source:storage.VolumeAttachmentSource{{PersistentVolumeName:{pv}, InlineVolumeSpec:{inline}}}, '
                  f'NodeName:"{spec.get("nodeName") or ""}"}}')


def _validate_volume_attachment_update(new: Obj, old: Obj) -> list[FieldError]:
    errs = _validate_volume_attachment(new)
    if _dict(new.get("spec")) != _dict(old.get("spec")):
        errs.append(invalid("spec", _go_va_spec(_dict(new.get("spec"))), IMMUTABLE))
    return errs


CREATE = {
    (GROUP, "StorageClass"): (False, name_is_dns_subdomain, _validate_storage_class),
    (GROUP, "CSIDriver"): (False, _csi_driver_name, _validate_csi_driver),
    (GROUP, "VolumeAttachment"): (False, name_is_dns_subdomain, _validate_volume_attachment),
}
UPDATE = {
    (GROUP, "StorageClass"): _validate_storage_class_update,
    (GROUP, "CSIDriver"): _validate_csi_driver_update,
    (GROUP, "VolumeAttachment"): _validate_volume_attachment_update,
}
