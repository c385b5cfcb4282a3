"""autoscaling: HorizontalPodAutoscaler, v1 and v2 (pkg/apis/autoscaling/validation)."""

from __future__ import annotations

from typing import Any

from pykubectl.api import quantity
from pykubectl.api.validation import (
    FieldError, Obj, _dict, _int, _list, forbidden, invalid, is_dns1123_label, is_valid_path_segment_name,
    name_is_dns_subdomain, not_supported, required,
)

_SOURCES = {"Object": "object", "Pods": "pods", "Resource": "resource", "External": "external",
            "ContainerResource": "containerResource"}
_SOURCE_LIST = sorted(_SOURCES)


def _cross_version_ref(ref: Obj, path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    for field in ("kind", "name"):
        value = str(ref.get(field) or "")
        if not value:
            errs.append(required(f"{path}.{field}"))
        else:
            errs += [invalid(f"{path}.{field}", value, m) for m in is_valid_path_segment_name(value)]
    return errs


def _metric_identifier(ident: Obj, path: str) -> list[FieldError]:
    name = str(ident.get("name") or "")
    if not name:
        return [required(f"{path}.name", "must specify a metric name")]
    return [invalid(f"{path}.name", name, m) for m in is_valid_path_segment_name(name)]


def _positive(v: Any) -> bool:
    try:
        return quantity.parse(v).value > 0
    except quantity.QuantityError:
        return True


def _metric_target(t: Obj, path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    ttype = t.get("type") or ""
    if not ttype:
        errs.append(required(f"{path}.type", "must specify a metric target type"))
    if ttype not in ("Utilization", "Value", "AverageValue"):
        errs.append(invalid(f"{path}.type", ttype, "must be either Utilization, Value, or AverageValue"))
    for field in ("value", "averageValue"):
        if t.get(field) is not None and not _positive(t.get(field)):
            errs.append(invalid(f"{path}.{field}", str(t.get(field)), "must be positive"))
    util = _int(t.get("averageUtilization"))
    if util is not None and util < 1:
        errs.append(invalid(f"{path}.averageUtilization", util, "must be greater than 0"))
    return errs


def _source(kind: str, src: Obj, path: str) -> list[FieldError]:
    target = _dict(src.get("target"))
    tp = f"{path}.target"
    errs: list[FieldError] = []
    if kind == "object":
        errs += _cross_version_ref(_dict(src.get("describedObject")), f"{path}.describedObject")
        errs += _metric_identifier(_dict(src.get("metric")), f"{path}.metric")
        errs += _metric_target(target, tp)
        if target.get("value") is None and target.get("averageValue") is None:
            errs.append(required(f"{tp}.averageValue", "must set either a target value or averageValue"))
    elif kind == "external":
        errs += _metric_identifier(_dict(src.get("metric")), f"{path}.metric")
        errs += _metric_target(target, tp)
        if target.get("value") is None and target.get("averageValue") is None:
            errs.append(required(f"{tp}.averageValue", "must set either a target value for metric or a per-pod target"))
        if target.get("value") is not None and target.get("averageValue") is not None:
            errs.append(forbidden(f"{tp}.value", "may not set both a target value for metric and a per-pod target"))
    elif kind == "pods":
        errs += _metric_identifier(_dict(src.get("metric")), f"{path}.metric")
        errs += _metric_target(target, tp)
        if target.get("averageValue") is None:
            errs.append(required(f"{tp}.averageValue", "must specify a positive target averageValue"))
    else:
        if not src.get("name"):
            errs.append(required(f"{path}.name", "must specify a resource name"))
        if kind == "containerResource":
            container = str(src.get("container") or "")
            if not container:
                errs.append(required(f"{path}.container", "must specify a container"))
            else:
                errs += [invalid(f"{path}.container", container, m) for m in is_dns1123_label(container)]
        errs += _metric_target(target, tp)
        if target.get("averageUtilization") is None and target.get("averageValue") is None:
            errs.append(required(f"{tp}.averageUtilization", "must set either a target raw value or a target utilization"))
        if target.get("averageUtilization") is not None and target.get("averageValue") is not None:
            errs.append(forbidden(f"{tp}.averageValue", "may not set both a target raw value and a target utilization"))
    return errs


def _metric_spec(m: Obj, path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    mtype = m.get("type") or ""
    if not mtype:
        errs.append(required(f"{path}.type", "must specify a metric source type"))
    if mtype not in _SOURCES:
        errs.append(not_supported(f"{path}.type", mtype, _SOURCE_LIST))
    present: list[str] = []
    for field in ("object", "external", "pods", "resource", "containerResource"):
        if m.get(field) is not None:
            present.append(field)
            if len(present) == 1:
                errs += _source(field, _dict(m.get(field)), f"{path}.{field}")
    expected = _SOURCES.get(mtype)
    if expected is None:
        errs.append(not_supported(f"{path}.type", mtype, _SOURCE_LIST))
    elif m.get(expected) is None:
        errs.append(required(f"{path}.{expected}", "must populate information for the given metric source"))
    if len(present) != 1:
        for field in sorted(set(present) - {expected}):
            errs.append(forbidden(f"{path}.{field}", "must populate the given metric source only"))
    return errs


def _scaling_rules(rules: Any, path: str) -> list[FieldError]:
    if not isinstance(rules, dict):
        return []
    errs: list[FieldError] = []
    window = _int(rules.get("stabilizationWindowSeconds"))
    if window is not None and window < 0:
        errs.append(invalid(f"{path}.stabilizationWindowSeconds", window, "must be greater than or equal to zero"))
    if window is not None and window > 3600:
        errs.append(invalid(f"{path}.stabilizationWindowSeconds", window, "must be less than or equal to 3600"))
    select = rules.get("selectPolicy")
    if select is not None and select not in ("Disabled", "Max", "Min"):
        errs.append(not_supported(f"{path}.selectPolicy", select, ["Disabled", "Max", "Min"]))
    policies = rules.get("policies")
    if policies is not None and not _list(policies):
        errs.append(required(f"{path}.policies", "must specify at least one Policy"))
    for i, pol in enumerate(_list(policies)):
        pol = _dict(pol)
        p = f"{path}.policies[{i}]"
        if pol.get("type") not in ("Pods", "Percent"):
            errs.append(not_supported(f"{p}.type", pol.get("type") or "", ["Percent", "Pods"]))
        value = _int(pol.get("value")) or 0
        if value <= 0:
            errs.append(invalid(f"{p}.value", value, "must be greater than zero"))
        period = _int(pol.get("periodSeconds")) or 0
        if period <= 0:
            errs.append(invalid(f"{p}.periodSeconds", period, "must be greater than zero"))
        if period > 1800:
            errs.append(invalid(f"{p}.periodSeconds", period, "must be less than or equal to 1800"))
    return errs


def _validate_hpa(obj: Obj) -> list[FieldError]:
    spec = _dict(obj.get("spec"))
    errs: list[FieldError] = []
    lo = _int(spec.get("minReplicas"))
    hi = _int(spec.get("maxReplicas")) or 0
    if lo is not None and lo < 1:
        errs.append(invalid("spec.minReplicas", lo, "must be greater than or equal to 1"))
    if hi < 1:
        errs.append(invalid("spec.maxReplicas", hi, "must be greater than 0"))
    if lo is not None and hi < lo:
        errs.append(invalid("spec.maxReplicas", hi, "must be greater than or equal to `minReplicas`"))
    errs += _cross_version_ref(_dict(spec.get("scaleTargetRef")), "spec.scaleTargetRef")
    metrics = _list(spec.get("metrics"))
    if str(obj.get("apiVersion")) == "autoscaling/v1" and spec.get("targetCPUUtilizationPercentage") is not None:
        # v1 is served by conversion: the percentage becomes a Resource metric of the internal object.
        metrics = [{"type": "Resource", "resource": {"name": "cpu", "target": {
            "type": "Utilization", "averageUtilization": spec.get("targetCPUUtilizationPercentage")}}}]
    has_object = False
    for i, m in enumerate(metrics):
        m = _dict(m)
        errs += _metric_spec(m, f"spec.metrics[{i}]")
        has_object = has_object or m.get("type") in ("Object", "External")
    if lo == 0 and not has_object:
        errs.append(forbidden("spec.metrics", "must specify at least one Object or External metric to support "
                                              "scaling to zero replicas"))
    behavior = spec.get("behavior")
    if isinstance(behavior, dict):
        errs += _scaling_rules(behavior.get("scaleUp"), "spec.behavior.scaleUp")
        errs += _scaling_rules(behavior.get("scaleDown"), "spec.behavior.scaleDown")
    return errs


CREATE = {("autoscaling", "HorizontalPodAutoscaler"): (True, name_is_dns_subdomain, _validate_hpa)}
