"""CertificateSigningRequests' approval subresource (PUT .../certificatesigningrequests/NAME/approval), as the API
server's approval strategy handles it: only status.conditions is taken from the request (spec, metadata and the
rest of status stay as stored), the server stamps condition times the request left empty, and the conditions are
validated (one of each type; Approved and Denied exclusive; Approved, Denied and Failed conditions are True and
cannot be removed once added).

Derived from Kubernetes v1.32 (pkg/registry/certificates/certificates/strategy.go, the CertificateSigningRequest
API documentation and pkg/apis/certificates/validation); recordings of the error texts are wanted."""

from __future__ import annotations

import copy
from typing import Any

from ..errors import FieldError, Invalid

_FINAL = ("Approved", "Denied", "Failed")


def update_approval(tx: Any, new: dict, old: dict, dry_run: bool = False) -> dict:
    """The stored CSR with the request's conditions (the approval strategy), or ``Invalid``."""
    conditions = copy.deepcopy(((new.get("status") or {}).get("conditions")) or [])
    out = copy.deepcopy(old)
    now = tx.env.now_str()
    before = {c.get("type"): c for c in ((old.get("status") or {}).get("conditions") or [])}
    for c in conditions:
        if not c.get("lastUpdateTime"):
            c["lastUpdateTime"] = now
        if not c.get("lastTransitionTime"):
            prev = before.get(c.get("type"))
            same = prev is not None and prev.get("status") == c.get("status") and prev.get("lastTransitionTime")
            c["lastTransitionTime"] = prev["lastTransitionTime"] if same else now
    out.setdefault("status", {})["conditions"] = conditions
    errs = _validate(conditions, list(before.values()))
    if errs:
        raise Invalid("CertificateSigningRequest", (old.get("metadata") or {}).get("name", ""), errs)
    if dry_run or out == old:
        return out
    return tx.update(out)


def _validate(conditions: list[dict], old: list[dict]) -> list[FieldError]:
    errs: list[FieldError] = []
    seen: set[str] = set()
    for i, c in enumerate(conditions):
        path = f"status.conditions[{i}]"
        ctype = c.get("type") or ""
        if not ctype:
            errs.append(FieldError(f"{path}.type", "Required value"))
        elif ctype in seen:
            errs.append(FieldError(f"{path}.type", "Duplicate value", value=ctype, has_value=True))
        seen.add(ctype)
        status = c.get("status") or ""
        if not status:
            errs.append(FieldError(f"{path}.status", "Required value"))
        elif ctype in _FINAL and status != "True":
            errs.append(FieldError(f"{path}.status", "Invalid value", f'{ctype} conditions must have status "True"',
                                   value=status, has_value=True))
    if "Approved" in seen and "Denied" in seen:
        errs.append(FieldError("status.conditions", "Invalid value",
                               "Approved and Denied conditions are mutually exclusive"))
    for c in old:
        if c.get("type") in _FINAL and c.get("type") not in seen:
            errs.append(FieldError("status.conditions", "Forbidden",
                                   f'updates may not remove a condition of type "{c.get("type")}"'))
    return errs
