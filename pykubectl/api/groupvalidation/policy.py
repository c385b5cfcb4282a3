"""policy: PodDisruptionBudget (pkg/apis/policy/validation)."""

from __future__ import annotations

from typing import Any

from pykubectl.api.validation import (
    FieldError, GoRepr, Obj, _dict, _not_more_than_100_percent, _positive_int_or_percent, invalid,
    name_is_dns_subdomain, not_supported, validate_label_selector,
)


def _ptr(type_name: str, value: Any) -> str:
    # %#v of a pointer field prints an address (masked when recordings are compared), nil when unset.
    return f"(*{type_name})(nil)" if value is None else f"(*{type_name})(0xc000000000)"


def _validate_pdb(obj: Obj) -> list[FieldError]:
    spec = _dict(obj.get("spec"))
    errs: list[FieldError] = []
    lo, hi = spec.get("minAvailable"), spec.get("maxUnavailable")
    if lo is not None and hi is not None:
        text = ("policy.PodDisruptionBudgetSpec{"
                f"MinAvailable:{_ptr('intstr.IntOrString', lo)}, Selector:{_ptr('v1.LabelSelector', spec.get('selector'))}, "
                f"MaxUnavailable:{_ptr('intstr.IntOrString', hi)}, "
                f"UnhealthyPodEvictionPolicy:{_ptr('policy.UnhealthyPodEvictionPolicyType', spec.get('unhealthyPodEvictionPolicy'))}}}")
        errs.append(invalid("spec", GoRepr(text), "minAvailable and maxUnavailable cannot be both set"))
    for field, value in (("minAvailable", lo), ("maxUnavailable", hi)):
        if value is not None:
            errs += _positive_int_or_percent(value, f"spec.{field}")
            errs += _not_more_than_100_percent(value, f"spec.{field}")
    errs += validate_label_selector(spec.get("selector"), "spec.selector")
    policy = spec.get("unhealthyPodEvictionPolicy")
    if policy is not None and policy not in ("AlwaysAllow", "IfHealthyBudget"):
        errs.append(not_supported("spec.unhealthyPodEvictionPolicy", policy, ["AlwaysAllow", "IfHealthyBudget"]))
    return errs


CREATE = {("policy", "PodDisruptionBudget"): (True, name_is_dns_subdomain, _validate_pdb)}
