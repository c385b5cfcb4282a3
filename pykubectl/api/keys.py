"""Object keys: the (group, kind, namespace, name) a manifest names. Pure functions, here so that the API server's
pipeline (and `validate`, which runs it without a cluster) can use them without importing the store."""

from __future__ import annotations

Key = tuple[str, str, str, str]  # (group, kind, namespace, name)


def group_of(api_version: str) -> str:
    return api_version.rsplit("/", 1)[0] if "/" in api_version else ""


def key_of(obj: dict) -> Key:
    md = obj.get("metadata") or {}
    return (group_of(obj.get("apiVersion", "")), obj.get("kind", ""), md.get("namespace") or "", md.get("name", ""))
