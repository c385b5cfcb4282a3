"""The API server's semantic validation of the kinds outside core/apps/batch, one module per API group (as
pkg/apis/<group>/validation splits it); each module's CREATE maps (group, kind) to (namespaced, name check,
spec validator) as validation._CREATE does, and UPDATE maps (group, kind) to an update validator."""

from __future__ import annotations

from typing import Any

_MODULES = ("networking", "rbac", "autoscaling", "policy", "scheduling", "storage", "coordination", "discovery",
            "apiextensions", "admissionregistration")


def tables() -> tuple[dict[tuple[str, str], Any], dict[tuple[str, str], Any]]:
    import importlib

    create: dict[tuple[str, str], Any] = {}
    update: dict[tuple[str, str], Any] = {}
    for name in _MODULES:
        mod = importlib.import_module(f"{__name__}.{name}")
        create.update(mod.CREATE)
        update.update(getattr(mod, "UPDATE", {}))
    return create, update
