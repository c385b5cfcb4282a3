"""`rollout status` for StatefulSets and DaemonSets: kubectl's StatefulSetStatusViewer and DaemonSetStatusViewer."""

from __future__ import annotations

from typing import Any

from .. import errors


def statefulset_status(sts: dict) -> tuple[str, bool, bool]:
    spec, st = sts.get("spec") or {}, sts.get("status") or {}
    strategy = spec.get("updateStrategy") or {}
    if (strategy.get("type") or "RollingUpdate") != "RollingUpdate":
        raise errors.ClientError("error: rollout status is only available for RollingUpdate strategy type")
    gen = sts["metadata"].get("generation", 0)
    observed = st.get("observedGeneration", 0)
    if not observed or gen > observed:
        return "Waiting for statefulset spec update to be observed...", False, False
    replicas = spec.get("replicas")
    ready = st.get("readyReplicas", 0)
    if replicas is not None and ready < replicas:
        return f"Waiting for {replicas - ready} pods to be ready...", False, False
    updated = st.get("updatedReplicas", 0)
    ru = strategy.get("rollingUpdate")
    if ru is not None:
        partition = ru.get("partition")
        if replicas is not None and partition is not None and updated < replicas - partition:
            return (f"Waiting for partitioned roll out to finish: {updated} out of {replicas - partition} new pods "
                    "have been updated..."), False, False
        return f"partitioned roll out complete: {updated} new pods have been updated...", True, False
    if st.get("updateRevision") != st.get("currentRevision"):
        return (f"waiting for statefulset rolling update to complete {updated} pods at revision "
                f"{st.get('updateRevision', '')}..."), False, False
    return (f"statefulset rolling update complete {st.get('currentReplicas', 0)} pods at revision "
            f"{st.get('currentRevision', '')}..."), True, False


def daemonset_status(ds: dict) -> tuple[str, bool, bool]:
    spec, st = ds.get("spec") or {}, ds.get("status") or {}
    if ((spec.get("updateStrategy") or {}).get("type") or "RollingUpdate") != "RollingUpdate":
        raise errors.ClientError("error: rollout status is only available for RollingUpdate strategy type")
    name = ds["metadata"]["name"]
    if ds["metadata"].get("generation", 0) <= st.get("observedGeneration", 0):
        desired = st.get("desiredNumberScheduled", 0)
        updated = st.get("updatedNumberScheduled", 0)
        available = st.get("numberAvailable", 0)
        if updated < desired:
            return (f'Waiting for daemon set "{name}" rollout to finish: {updated} out of {desired} new pods have '
                    "been updated..."), False, False
        if available < desired:
            return (f'Waiting for daemon set "{name}" rollout to finish: {available} of {desired} updated pods are '
                    "available..."), False, False
        return f'daemon set "{name}" successfully rolled out', True, False
    return "Waiting for daemon set spec update to be observed...", False, False


def status_of(kind: Any, obj: dict) -> tuple[str, bool, bool] | None:
    """The viewer for StatefulSets and DaemonSets; None for the kinds rollout.py handles."""
    if (kind.group, kind.kind) == ("apps", "StatefulSet"):
        return statefulset_status(obj)
    if (kind.group, kind.kind) == ("apps", "DaemonSet"):
        return daemonset_status(obj)
    return None


# ---- history and undo from ControllerRevisions -----------------------------------------------------------------------

def _revisions(tx: Any, obj: dict) -> dict[int, dict]:
    return {int(r.get("revision") or 0): r for r in tx.list_owned(obj["metadata"]["uid"])
            if r.get("kind") == "ControllerRevision"}


def _template(rev: dict) -> dict:
    import copy

    t = copy.deepcopy(((rev.get("data") or {}).get("spec") or {}).get("template") or {})
    t.pop("$patch", None)
    return t


def history(env: Any, tx: Any, kind: Any, obj: dict, revision: int, output: str | None) -> None:
    """`rollout history` of a StatefulSet or DaemonSet: its ControllerRevisions."""
    from . import common

    revs = _revisions(tx, obj)
    prefix = f"{common.display_kind(kind)}/{obj['metadata']['name']}"
    if revision:
        rev = revs.get(revision)
        if rev is None:
            raise errors.bare_client_error("unable to find the specified revision")
        if output:
            env.stdout.write(common.render_objects(env, [_template(rev)], output, single=True))
            return
        from ..printers.describe import describe_pod_template

        common.echo(env, f"{prefix} with revision #{revision}")
        env.stdout.write(describe_pod_template(_template(rev)) + "\n")
        return
    env.stdout.write(history_table(prefix, revs))


def history_table(prefix: str, revisions: dict[int, dict]) -> str:
    """`rollout history`'s table: each revision (a ReplicaSet or ControllerRevision) with its change-cause."""
    lines = [f"{prefix} ", "REVISION  CHANGE-CAUSE"]
    for r in sorted(revisions):
        cause = (revisions[r]["metadata"].get("annotations") or {}).get("kubernetes.io/change-cause", "<none>")
        lines.append(f"{str(r):<8}  {cause}")
    return "\n".join(lines) + "\n\n"


def revision_to_restore(revisions: dict[int, dict], to_revision: int, no_history: str) -> dict:
    """What `rollout undo` restores: the revision asked for, else the one before the newest (``no_history``: the
    error when there is none)."""
    if to_revision:
        found = revisions.get(to_revision)
        if found is None:
            raise errors.ClientError(f"error: unable to find specified revision {to_revision} in history")
        return found
    numbers = sorted(revisions)
    if len(numbers) < 2:
        raise errors.ClientError(no_history)
    return revisions[numbers[-2]]


def undo(tx: Any, kind: Any, obj: dict, to_revision: int, dry_run: str | None) -> str:
    """`rollout undo` of a StatefulSet or DaemonSet: the template of a revision (the previous one by default)."""
    import copy

    from ..client import rest
    from . import common

    rev = revision_to_restore(_revisions(tx, obj), to_revision, "error: no last revision to roll back to")
    name = obj["metadata"]["name"]
    tmpl = _template(rev)
    cur = copy.deepcopy(obj["spec"].get("template") or {})
    if tmpl == cur:
        return (f"{common.display_kind(kind)}/{name} skipped rollback (current template already matches revision "
                f"{rev.get('revision')})")
    new = copy.deepcopy(obj)
    new["spec"]["template"] = tmpl
    if dry_run in (None, "none"):
        rest.update(tx, new, obj)
    return f"{common.display_kind(kind)}/{name} rolled back"
