"""apply --prune: after applying, delete the objects a previous apply made that the files no longer hold, as
kubectl's prune.go does (the label-selector pruning of v1.32, not ApplySets).

Candidates are the objects of the allow-listed kinds (--prune-allowlist, else kubectl's default list) in the
namespaces the applied objects went to (cluster-scoped kinds: everywhere) that match -l, carry the last-applied
annotation (only apply made them) and are not among the objects just applied."""

from __future__ import annotations

from typing import Any

from .. import errors
from . import common

# kubectl's default prune list (prune.go's getRESTMappings, v1.32): (group, kind) of the kinds it prunes when
# --prune-allowlist is not given. Derived from kubectl's source.
DEFAULT_ALLOWLIST = (("", "ConfigMap"), ("", "Endpoints"), ("", "Namespace"), ("", "PersistentVolumeClaim"),
                     ("", "PersistentVolume"), ("", "Pod"), ("", "ReplicationController"), ("", "Secret"),
                     ("", "Service"), ("batch", "Job"), ("batch", "CronJob"), ("networking.k8s.io", "Ingress"),
                     ("apps", "DaemonSet"), ("apps", "Deployment"), ("apps", "ReplicaSet"), ("apps", "StatefulSet"))

_NAMESPACE_WARNING = ("Deprecated: kubectl apply will no longer prune non-namespaced resources by default when used "
                      "with the --namespace flag in a future release. To preserve the current behaviour, list the "
                      "resources you want to target explicitly in the --prune-allowlist flag.")


def check_flags(prune: bool, all_: bool, selector: str | None) -> None:
    """kubectl apply's own checks of the pruning flags, in its order."""
    if all_ and selector:
        raise errors.ClientError("error: cannot set --all and --selector at the same time")
    if prune and not all_ and not selector:
        raise errors.ClientError("error: all resources selected for prune without explicitly passing --all. To prune "
                                 "all resources, pass the --all flag. If you did not mean to prune all resources, "
                                 "specify a label selector")


def allowlist(entries: tuple[str, ...]) -> list[Any]:
    """--prune-allowlist group/version/kind entries (`core` for the core group) as registry kinds."""
    from ..api import registry

    if not entries:
        return [registry.by_api_version_kind(f"{g}/v1" if g else "v1", k) for g, k in DEFAULT_ALLOWLIST]
    kinds = []
    for e in entries:
        parts = e.split("/")
        if len(parts) != 3:
            # derived: kubectl's parsePruneResources text
            raise errors.ClientError(f"error: invalid GroupVersionKind format: {e}, please follow <group/version/kind>")
        group, version, kind = parts
        kinds.append(registry.by_api_version_kind(version if group in ("", "core") else f"{group}/{version}", kind))
    return kinds


def prune(env: Any, store: Any, kinds: list[Any], selector: str | None, applied: set[tuple[str, str, str, str]],
          namespaces: set[str], dry_run: str, warn: bool, propagation: str = "Background") -> None:
    """Delete (or, in a dry run, only report) what the last apply made and this one did not: ``KIND/NAME
    pruned``. ``applied`` holds (group, kind, namespace, name) of every object this apply sent."""
    from ..client import rest

    suffix = {"client": " (dry run)", "server": " (server dry run)"}.get(dry_run, "")
    for kind, o in candidates(env, store, kinds, selector, applied, namespaces, warn):
        if dry_run != "client":
            with store.transaction() as tx:
                if dry_run != "server":
                    rest.delete(tx, o, propagation)
        common.echo(env, f"{common.display_kind(kind)}/{o['metadata']['name']} pruned{suffix}")


def candidates(env: Any, store: Any, kinds: list[Any], selector: str | None,
               applied: set[tuple[str, str, str, str]], namespaces: set[str], warn: bool) -> Any:
    """(kind, object) of what a prune would delete (apply --prune deletes them, diff --prune shows them gone)."""
    from .get import parse_selector

    if warn and any(not k.namespaced for k in kinds):
        common.klog_warning(env, "prune.go:71", _NAMESPACE_WARNING)
    sel = parse_selector(selector)
    for kind in kinds:
        for ns in sorted(namespaces) if kind.namespaced else [""]:
            with store.read() as tx:
                objs = tx.list(kind.group, kind.kind, ns if kind.namespaced else None)
            for o in objs:
                md = o["metadata"]
                if (kind.group, kind.kind, md.get("namespace", ""), md["name"]) in applied:
                    continue
                if LAST_APPLIED not in (md.get("annotations") or {}):
                    continue
                if sel is not None and not sel.matches(md.get("labels") or {}):
                    continue
                yield kind, o


LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"
