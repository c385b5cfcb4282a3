"""Discovery: what the cluster serves beyond the built-in kinds (the kinds of its CustomResourceDefinitions)."""

from __future__ import annotations

from typing import Any


def custom_resource_definitions(env: Any) -> list[dict]:
    """The cluster's CustomResourceDefinitions (none when its store does not exist yet)."""
    from ..apiserver.customresources import stored_definitions

    return stored_definitions(env)
