"""`describe` for the policy, scheduling and storage kinds describe.py does not cover: ResourceQuota, LimitRange,
PodDisruptionBudget, StorageClass, PriorityClass, CSINode — the layouts of kubectl 1.32's describers for them."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Callable

from . import describe as d


def _quota(q: dict[str, Any], events: list[dict[str, Any]], lookup: Any, now: datetime) -> str:
    meta, status = q.get("metadata", {}), q.get("status") or {}
    scopes = (q.get("spec") or {}).get("scopes") or []

    def fill(w: Any) -> None:
        w.write(0, f"Name:\t{meta.get('name', '')}\n")
        w.write(0, f"Namespace:\t{meta.get('namespace', '')}\n")
        if scopes:
            w.write(0, f"Scopes:\t{', '.join(sorted(scopes))}\n")
            for s in sorted(scopes):
                text = d._QUOTA_SCOPE_HELP.get(s, "")
                if text:
                    w.write(0, f" * {text}\n")
        w.write(0, "Resource\tUsed\tHard\n")
        w.write(0, "--------\t----\t----\n")
        hard = status.get("hard") or {}
        used = status.get("used") or {}
        for r in sorted(hard):
            w.write(0, f"{r}\t{d._qty_str(used.get(r, '0'))}\t{d._qty_str(hard[r])}\n")

    return d._tabbed(fill)


def _limitrange(lr: dict[str, Any], events: list[dict[str, Any]], lookup: Any, now: datetime) -> str:
    meta = lr.get("metadata", {})

    def fill(w: Any) -> None:
        w.write(0, f"Name:\t{meta.get('name', '')}\n")
        w.write(0, f"Namespace:\t{meta.get('namespace', '')}\n")
        w.write(0, "Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n")
        w.write(0, "----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n")
        d._limit_range_rows(w, lr, "")

    return d._tabbed(fill)


def _intstr(v: Any) -> str:
    return str(v)


def _pdb(pdb: dict[str, Any], events: list[dict[str, Any]], lookup: Any, now: datetime) -> str:
    meta, spec, status = pdb.get("metadata", {}), pdb.get("spec") or {}, pdb.get("status") or {}

    def fill(w: Any) -> None:
        w.write(0, f"Name:\t{meta.get('name', '')}\n")
        w.write(0, f"Namespace:\t{meta.get('namespace', '')}\n")
        if spec.get("minAvailable") is not None:
            w.write(0, f"Min available:\t{_intstr(spec['minAvailable'])}\n")
        elif spec.get("maxUnavailable") is not None:
            w.write(0, f"Max unavailable:\t{_intstr(spec['maxUnavailable'])}\n")
        if spec.get("selector") is not None:
            w.write(0, f"Selector:\t{d._format_label_selector(spec['selector'])}\n")
        else:
            w.write(0, "Selector:\t<unset>\n")
        w.write(0, "Status:\n")
        w.write(2, f"Allowed disruptions:\t{int(status.get('disruptionsAllowed') or 0)}\n")
        w.write(2, f"Current:\t{int(status.get('currentHealthy') or 0)}\n")
        w.write(2, f"Desired:\t{int(status.get('desiredHealthy') or 0)}\n")
        w.write(2, f"Total:\t{int(status.get('expectedPods') or 0)}\n")
        d.describe_events(events, w, now)

    return d._tabbed(fill)


def _format_map(m: dict[str, Any] | None) -> str:
    if not m:
        return "<none>"
    return ",".join(f"{k}={v}" for k, v in sorted(m.items()))


def _storageclass(sc: dict[str, Any], events: list[dict[str, Any]], lookup: Any, now: datetime) -> str:
    meta = sc.get("metadata", {})
    ann = meta.get("annotations") or {}
    default = ann.get("storageclass.kubernetes.io/is-default-class") == "true" or \
        ann.get("storageclass.beta.kubernetes.io/is-default-class") == "true"

    def fill(w: Any) -> None:
        w.write(0, f"Name:\t{meta.get('name', '')}\n")
        w.write(0, f"IsDefaultClass:\t{'Yes' if default else 'No'}\n")
        w.write(0, f"Annotations:\t{_format_map(ann)}\n")
        w.write(0, f"Provisioner:\t{sc.get('provisioner', '')}\n")
        w.write(0, f"Parameters:\t{_format_map(sc.get('parameters'))}\n")
        ave = sc.get("allowVolumeExpansion")
        w.write(0, f"AllowVolumeExpansion:\t{'<unset>' if ave is None else ('True' if ave else 'False')}\n")
        opts = sc.get("mountOptions") or []
        w.write(0, f"MountOptions:\t{', '.join(opts) if opts else '<none>'}\n")
        if sc.get("reclaimPolicy"):
            w.write(0, f"ReclaimPolicy:\t{sc['reclaimPolicy']}\n")
        if sc.get("volumeBindingMode"):
            w.write(0, f"VolumeBindingMode:\t{sc['volumeBindingMode']}\n")
        d.describe_events(events, w, now)

    return d._tabbed(fill)


def _priority_class(pc: dict[str, Any], events: list[dict[str, Any]], lookup: Any, now: datetime) -> str:
    meta = pc.get("metadata", {})

    def fill(w: Any) -> None:
        w.write(0, f"Name:\t{meta.get('name', '')}\n")
        w.write(0, f"Value:\t{pc.get('value', 0)}\n")
        w.write(0, f"GlobalDefault:\t{'true' if pc.get('globalDefault') else 'false'}\n")
        w.write(0, f"PreemptionPolicy:\t{pc.get('preemptionPolicy', '')}\n")
        w.write(0, f"Description:\t{pc.get('description', '')}\n")
        # labels.FormatLabels of the annotations: key=value joined by commas, <none> when empty.
        w.write(0, f"Annotations:\t{d._format_labels(meta.get('annotations'))}\n")
        d.describe_events(events, w, now)

    return d._tabbed(fill)


def _csinode(csi: dict[str, Any], events: list[dict[str, Any]], lookup: Any, now: datetime) -> str:
    meta, spec = csi.get("metadata", {}), csi.get("spec") or {}

    def fill(w: Any) -> None:
        w.write(0, f"Name:\t{meta.get('name', '')}\n")
        d._labels_multiline(w, "Labels", meta.get("labels"))
        d._annotations_multiline(w, "Annotations", meta.get("annotations"))
        w.write(0, f"CreationTimestamp:\t{d._rfc1123z(meta.get('creationTimestamp'))}\n")
        w.write(0, "Spec:\n")
        drivers = spec.get("drivers")
        if drivers is not None:
            w.write(1, "Drivers:\n")
            for drv in drivers:
                w.write(2, f"{drv.get('name', '')}:\n")
                w.write(3, f"Node ID:\t{drv.get('nodeID', '')}\n")
                count = (drv.get("allocatable") or {}).get("count")
                if count is not None:
                    w.write(3, "Allocatables:\n")
                    w.write(4, f"Count:\t{count}\n")
                keys = drv.get("topologyKeys")
                if keys is not None:
                    w.write(3, f"Topology Keys:\t[{' '.join(keys)}]\n")
        d.describe_events(events, w, now)

    return d._tabbed(fill)


DESCRIBERS: dict[str, Callable[[dict[str, Any], list[dict[str, Any]], Any, datetime], str]] = {
    "PriorityClass": _priority_class,
    "CSINode": _csinode,
    "ResourceQuota": _quota,
    "LimitRange": _limitrange,
    "PodDisruptionBudget": _pdb,
    "StorageClass": _storageclass,
}
