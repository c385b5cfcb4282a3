"""coordination.k8s.io: Lease (pkg/apis/coordination/validation)."""

from __future__ import annotations

from pykubectl.api.validation import NEGATIVE, FieldError, Obj, _dict, _int, invalid, name_is_dns_subdomain


def _validate_lease(obj: Obj) -> list[FieldError]:
    spec = _dict(obj.get("spec"))
    errs: list[FieldError] = []
    duration = _int(spec.get("leaseDurationSeconds"))
    if duration is not None and duration <= 0:
        errs.append(invalid("spec.leaseDurationSeconds", duration, "must be greater than 0"))
    transitions = _int(spec.get("leaseTransitions"))
    if transitions is not None and transitions < 0:
        errs.append(invalid("spec.leaseTransitions", transitions, NEGATIVE))
    return errs


CREATE = {("coordination.k8s.io", "Lease"): (True, name_is_dns_subdomain, _validate_lease)}
