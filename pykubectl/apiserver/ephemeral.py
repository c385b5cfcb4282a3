"""Pods' ephemeralcontainers subresource (PATCH/PUT .../pods/NAME/ephemeralcontainers), as the API server's
strategy for it handles a request: only spec.ephemeralContainers is taken from the request (the rest of the pod
stays as stored), the new containers get the container defaults, and existing ones may be neither removed nor
changed; names are unique among all the pod's containers and an image is required.

Derived from Kubernetes v1.32 (pkg/registry/core/pod/strategy.go podEphemeralContainersStrategy and
pkg/apis/core/validation ValidatePodEphemeralContainersUpdate), read as facts; recordings of the texts wanted."""

from __future__ import annotations

import copy
import json
from typing import Any

from ..errors import FieldError, Invalid


def update(tx: Any, new: dict, old: dict, dry_run: bool = False) -> dict:
    from ..api import defaults

    wanted = copy.deepcopy(((new.get("spec") or {}).get("ephemeralContainers")) or [])
    out = copy.deepcopy(old)
    spec = out.setdefault("spec", {})
    before = spec.get("ephemeralContainers") or []
    for c in wanted:
        defaults.container_defaults(c)
    errs = _validate(wanted, before, spec)
    if errs:
        raise Invalid("Pod", (old.get("metadata") or {}).get("name", ""), errs)
    if wanted:
        spec["ephemeralContainers"] = wanted
    else:
        spec.pop("ephemeralContainers", None)
    if dry_run or out == old:
        return out
    return tx.update(out)


def _validate(wanted: list[dict], before: list[dict], spec: dict) -> list[FieldError]:
    """The pod spec's checks of the ephemeral containers first, then that existing ones are kept as they were (the
    server's message adds a diff of the two, left out here)."""
    errs: list[FieldError] = []
    names = {c.get("name") for g in ("containers", "initContainers") for c in (spec.get(g) or [])}
    seen: set = set()
    for i, c in enumerate(wanted):
        path = f"spec.ephemeralContainers[{i}]"
        name = c.get("name") or ""
        if not name:
            errs.append(FieldError(f"{path}.name", "Required value"))
        elif name in names or name in seen:
            errs.append(FieldError(f"{path}.name", "Duplicate value", value=name, has_value=True))
        seen.add(name)
        if not c.get("image"):
            errs.append(FieldError(f"{path}.image", "Required value"))
    by_name = {c.get("name"): c for c in wanted}
    for c in before:
        mine = by_name.get(c.get("name"))
        if mine is None:
            errs.append(FieldError("spec.ephemeralContainers", "Forbidden",
                                   f'existing ephemeral containers "{c.get("name")}" may not be removed'))
        elif json.dumps(mine, sort_keys=True) != json.dumps(c, sort_keys=True):
            errs.append(FieldError("spec.ephemeralContainers", "Forbidden",
                                   f'existing ephemeral containers "{c.get("name")}" may not be changed'))
    return errs
