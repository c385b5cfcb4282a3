"""scheduling.k8s.io: PriorityClass (pkg/apis/scheduling/validation)."""

from __future__ import annotations

from pykubectl.api.validation import FieldError, GoRepr, Obj, forbidden, invalid, name_is_dns_subdomain, not_supported

HIGHEST_USER_PRIORITY = 1000000000
_SYSTEM = {"system-node-critical": 2000001000, "system-cluster-critical": 2000000000}


def _validate_priority_class(obj: Obj) -> list[FieldError]:
    errs: list[FieldError] = []
    name = str((obj.get("metadata") or {}).get("name") or "")
    value = obj.get("value") or 0
    if name.startswith("system-"):
        problem = None
        if name not in _SYSTEM:
            problem = f"{name} is not a known system priority class"
        elif value != _SYSTEM[name]:
            problem = f"value of {name} PriorityClass must be {_SYSTEM[name]}"
        elif obj.get("globalDefault"):
            problem = f"globalDefault of {name} PriorityClass must be false"
        if problem:
            errs.append(forbidden("metadata.name", "priority class names with 'system-' prefix are reserved for "
                                                   f"system use only. error: {problem}"))
    elif isinstance(value, int) and value > HIGHEST_USER_PRIORITY:
        errs.append(forbidden("value", f"maximum allowed value of a user defined priority is {HIGHEST_USER_PRIORITY}"))
    policy = obj.get("preemptionPolicy")
    if policy is not None and policy not in ("PreemptLowerPriority", "Never"):
        errs.append(not_supported("preemptionPolicy", policy, ["PreemptLowerPriority", "Never"]))
    return errs


def _validate_priority_class_update(new: Obj, old: Obj) -> list[FieldError]:
    errs = _validate_priority_class(new)
    if (new.get("value") or 0) != (old.get("value") or 0):
        errs.append(forbidden("value", "may not be changed in an update."))
    npol, opol = new.get("preemptionPolicy"), old.get("preemptionPolicy")
    if npol != opol:  # ValidatePriorityClassUpdate: preemptionPolicy is immutable
        errs.append(invalid("preemptionPolicy", GoRepr("null") if npol is None else npol, "field is immutable"))
    return errs


CREATE = {("scheduling.k8s.io", "PriorityClass"): (False, name_is_dns_subdomain, _validate_priority_class)}
UPDATE = {("scheduling.k8s.io", "PriorityClass"): _validate_priority_class_update}
