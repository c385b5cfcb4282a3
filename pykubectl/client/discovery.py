"""Discovery: what the cluster serves beyond the built-in kinds (the kinds of its CustomResourceDefinitions)."""

from __future__ import annotations

from typing import Any


def custom_resource_definitions(env: Any) -> list[dict]:
    """The cluster's CustomResourceDefinitions (none when its store does not exist yet)."""
    from ..apiserver.customresources import stored_definitions

    return stored_definitions(env)


def custom_openapi_schema(kind: Any, version: str) -> dict | None:
    """The OpenAPI schema the server publishes for a custom kind's version, or None (not a custom kind)."""
    from ..apiserver.customresources import definition_for

    definition = definition_for(kind.group, kind.kind)
    if definition is None or version not in definition.versions:
        return None
    return definition.openapi_schema(version)


def metrics_api_available(tx: Any) -> bool:
    """Whether the server's groups include metrics.k8s.io (a metrics server is running), as `kubectl top` asks
    before reading metrics."""
    from ..controllers.clusterconfig import runs

    return runs(tx, "metricsServer")
