"""Deployment controller: one ReplicaSet per pod template (``<deployment>-<pod-template-hash>``), rolling
updates within maxSurge/maxUnavailable step by step, Recreate, proportional scaling, rollbacks by template,
revision history, pause, and the status and conditions kubectl shows."""

from __future__ import annotations

import copy
import json
import math

from ..api.podutil import owner_ref
from ..env import SAFE_ALPHABET
from ..apiserver import pipeline
from ..store.store import Key, Tx

COMPONENT = "deployment-controller"
REVISION = "deployment.kubernetes.io/revision"
DESIRED = "deployment.kubernetes.io/desired-replicas"
MAX_REPLICAS = "deployment.kubernetes.io/max-replicas"
HASH_LABEL = "pod-template-hash"


def template_hash(template: dict, collision_count: int = 0) -> str:
    """FNV-1a over the template, written as kubectl-shaped safe characters (as ComputeHash + SafeEncodeString)."""
    data = json.dumps(template, sort_keys=True, separators=(",", ":")).encode()
    if collision_count:
        data += str(collision_count).encode()
    h = 0x811C9DC5
    for b in data:
        h ^= b
        h = (h * 0x01000193) & 0xFFFFFFFF
    return "".join(SAFE_ALPHABET[ord(ch) % len(SAFE_ALPHABET)] for ch in str(h))


def _template_without_hash(tmpl: dict) -> dict:
    """The template as compared and hashed: without the pod-template-hash label and creationTimestamp. Only the
    metadata level is copied (the rest is shared with ``tmpl``, and callers only read it)."""
    t = dict(tmpl)
    md = t.get("metadata")
    if md is not None:
        md = dict(md)
        md.pop("creationTimestamp", None)
        if isinstance(md.get("labels"), dict) and HASH_LABEL in md["labels"]:
            md["labels"] = {k: v for k, v in md["labels"].items() if k != HASH_LABEL}
        t["metadata"] = md
    return t


def resolve_fenceposts(strategy: dict, replicas: int) -> tuple[int, int]:
    ru = (strategy or {}).get("rollingUpdate") or {}
    surge = _scaled(ru.get("maxSurge", "25%"), replicas, True)
    unavail = _scaled(ru.get("maxUnavailable", "25%"), replicas, False)
    if surge == 0 and unavail == 0:
        unavail = 1
    return surge, unavail


def _scaled(v: object, total: int, round_up: bool) -> int:
    if isinstance(v, str) and v.endswith("%"):
        pct = int(v[:-1])
        x = pct * total / 100
        return math.ceil(x) if round_up else math.floor(x)
    return int(v)  # type: ignore[arg-type]


def _rs_replicas(rs: dict) -> int:
    return int(rs["spec"].get("replicas", 0))


def _available(rs: dict) -> int:
    return int((rs.get("status") or {}).get("availableReplicas", 0))


def _revision(rs: dict) -> int:
    try:
        return int((rs["metadata"].get("annotations") or {}).get(REVISION, "0"))
    except ValueError:
        return 0


def owned_replicasets(tx: Tx, d: dict) -> list[dict]:
    return [r for r in tx.list_owned(d["metadata"]["uid"]) if r.get("kind") == "ReplicaSet"]


def _scale(tx: Tx, d: dict, rs: dict, n: int) -> dict:
    old = _rs_replicas(rs)
    if old == n and _annotations_current(rs, d):
        return rs
    rs["spec"]["replicas"] = n
    _set_annotations(rs, d)
    rs = tx.update(rs)
    if old != n:
        op = "up" if n > old else "down"
        tx.record_event(d, "Normal", "ScalingReplicaSet", f"Scaled {op} replica set {rs['metadata']['name']} from {old} to {n}",
                        COMPONENT)
    return rs


def _max_replicas(d: dict) -> int:
    replicas = int(d["spec"].get("replicas", 1))
    if (d["spec"].get("strategy") or {}).get("type") == "Recreate":
        return replicas
    surge, _ = resolve_fenceposts(d["spec"].get("strategy") or {}, replicas)
    return replicas + surge


def _annotations_current(rs: dict, d: dict) -> bool:
    ann = rs["metadata"].get("annotations") or {}
    return ann.get(DESIRED) == str(d["spec"].get("replicas", 1)) and ann.get(MAX_REPLICAS) == str(_max_replicas(d))


_NOT_COPIED = {"kubectl.kubernetes.io/last-applied-configuration", "deployment.kubernetes.io/revision",
               "deployment.kubernetes.io/revision-history", "deployment.kubernetes.io/desired-replicas",
               "deployment.kubernetes.io/max-replicas", "deprecated.deployment.rollback.to"}


def _copy_annotations(d: dict, rs: dict) -> bool:
    """The controller copies the Deployment's own annotations (kubernetes.io/change-cause above all, which
    `rollout history` shows) onto its newest replica set; True when that changed the replica set."""
    src = d["metadata"].get("annotations") or {}
    ann = rs["metadata"].get("annotations") or {}
    changed = False
    for k, v in src.items():
        if k not in _NOT_COPIED and ann.get(k) != v:
            rs["metadata"].setdefault("annotations", {})[k] = v
            changed = True
    return changed


def _set_annotations(rs: dict, d: dict) -> None:
    ann = rs["metadata"].setdefault("annotations", {})
    ann[DESIRED] = str(d["spec"].get("replicas", 1))
    ann[MAX_REPLICAS] = str(_max_replicas(d))


def sync(tx: Tx, k: Key) -> None:
    d = tx.get_key(k)
    if d is None:
        return
    spec = d["spec"]
    replicas = int(spec.get("replicas", 1))
    rss = owned_replicasets(tx, d)
    tmpl = _template_without_hash(spec.get("template") or {})
    new_rs = None
    for rs in rss:
        if _template_without_hash(rs["spec"].get("template") or {}) == tmpl:
            new_rs = rs
            break
    olds = [r for r in rss if r is not new_rs]
    max_old_rev = max([_revision(r) for r in olds] or [0])
    paused = bool(spec.get("paused"))

    # As the real controller: a replica-count change is handled as a scaling event first (across the sets
    # that exist), and only a later pass starts a rollout for a changed template.
    if new_rs is not None and _copy_annotations(d, new_rs):
        new_rs = tx.update(new_rs)
    if paused or _is_scaling_event(d, new_rs, olds):
        _proportional_scale(tx, d, new_rs, olds)
    else:
        if new_rs is None:
            new_rs = _create_rs(tx, d, tmpl, max_old_rev + 1, olds, replicas)
        elif _revision(new_rs) <= max_old_rev:
            # A template seen before (a rollback): that replica set becomes the newest revision again.
            ann = new_rs["metadata"].setdefault("annotations", {})
            ann[REVISION] = str(max_old_rev + 1)
            new_rs = tx.update(new_rs)
        if (spec.get("strategy") or {}).get("type") == "Recreate":
            _recreate(tx, d, new_rs, olds)
        else:
            _rolling(tx, d, new_rs, olds)
    rss = owned_replicasets(tx, d)
    new_name = new_rs["metadata"]["name"] if new_rs else None
    new_rs = next((r for r in rss if r["metadata"]["name"] == new_name), None)
    olds = [r for r in rss if r["metadata"]["name"] != new_name]
    _cleanup(tx, d, olds)
    d = tx.get_key(k) or d
    _update_status(tx, d, new_rs, [r for r in olds if tx.peek(_key(r)) is not None])
    if new_rs is not None:
        _sync_revision(tx, k, new_rs)


def _key(obj: dict) -> Key:
    g = obj["apiVersion"].rsplit("/", 1)[0] if "/" in obj["apiVersion"] else ""
    return (g, obj["kind"], obj["metadata"].get("namespace", ""), obj["metadata"]["name"])


def _sync_revision(tx: Tx, k: Key, new_rs: dict) -> None:
    d = tx.get_key(k)
    if d is None:
        return
    rev = (new_rs["metadata"].get("annotations") or {}).get(REVISION)
    ann = d["metadata"].setdefault("annotations", {})
    if rev and ann.get(REVISION) != rev:
        ann[REVISION] = rev
        tx.update(d)


def _create_rs(tx: Tx, d: dict, tmpl: dict, revision: int, olds: list[dict], replicas: int) -> dict:
    h = template_hash(tmpl, int((d.get("status") or {}).get("collisionCount", 0)))
    md = d["metadata"]
    name = f"{md['name']}-{h}"
    rs_tmpl = json.loads(json.dumps(d["spec"].get("template") or {}))  # a JSON copy: faster than deepcopy
    rs_tmpl.setdefault("metadata", {}).setdefault("labels", {})[HASH_LABEL] = h
    selector = copy.deepcopy(d["spec"].get("selector") or {})
    selector.setdefault("matchLabels", {})[HASH_LABEL] = h
    labels = dict((rs_tmpl["metadata"].get("labels") or {}))
    if (d["spec"].get("strategy") or {}).get("type") == "Recreate" or not olds or all(_rs_replicas(o) == 0 for o in olds):
        if (d["spec"].get("strategy") or {}).get("type") == "Recreate" and any(_rs_replicas(o) > 0 for o in olds):
            start = 0
        else:
            start = replicas
    else:
        surge, _ = resolve_fenceposts(d["spec"].get("strategy") or {}, replicas)
        total = sum(_rs_replicas(o) for o in olds)
        start = max(0, min(replicas + surge - total, replicas))
    rs = {
        "apiVersion": "apps/v1",
        "kind": "ReplicaSet",
        "metadata": {
            "annotations": {**{k: v for k, v in (md.get("annotations") or {}).items() if k not in _NOT_COPIED},
                            DESIRED: str(replicas), MAX_REPLICAS: str(_max_replicas(d)), REVISION: str(revision)},
            "labels": labels,
            "name": name,
            "namespace": md["namespace"],
            "ownerReferences": [owner_ref(d)],
        },
        "spec": {
            "minReadySeconds": d["spec"].get("minReadySeconds", 0) or None,
            "replicas": start,
            "selector": selector,
            "template": rs_tmpl,
        },
    }
    if rs["spec"]["minReadySeconds"] is None:
        del rs["spec"]["minReadySeconds"]
    rs = pipeline.create(tx, rs)
    if start > 0:
        tx.record_event(d, "Normal", "ScalingReplicaSet", f"Scaled up replica set {name} from 0 to {start}", COMPONENT)
    d2 = tx.get("apps", "Deployment", md["namespace"], md["name"])
    if d2 is not None:
        _set_progressing(d2, tx, "True", "NewReplicaSetCreated", f'Created new replica set "{name}"')
        tx.update(d2)
    return rs


def _is_scaling_event(d: dict, new_rs: dict | None, olds: list[dict]) -> bool:
    """Replica count changed while no template change is in flight: every active set carries a stale desired
    count annotation."""
    active = [r for r in ([new_rs] if new_rs else []) + olds if _rs_replicas(r) > 0]
    want = str(d["spec"].get("replicas", 1))
    for rs in active:
        if (rs["metadata"].get("annotations") or {}).get(DESIRED) != want:
            return True
    return False


def _proportional_scale(tx: Tx, d: dict, new_rs: dict | None, olds: list[dict]) -> None:
    replicas = int(d["spec"].get("replicas", 1))
    active = [r for r in ([new_rs] if new_rs else []) + olds if _rs_replicas(r) > 0]
    if new_rs is not None and (len(active) == 0 or (len(active) == 1 and active[0] is new_rs)):
        _scale(tx, d, new_rs, replicas)
        return
    if len(active) == 1:
        _scale(tx, d, active[0], replicas)
        return
    if not active:
        latest = new_rs or max(olds, key=lambda r: (r["metadata"].get("creationTimestamp", ""), _revision(r)), default=None)
        if latest is not None:
            _scale(tx, d, latest, replicas)
        return
    allowed = replicas + (resolve_fenceposts(d["spec"].get("strategy") or {}, replicas)[0]
                          if (d["spec"].get("strategy") or {}).get("type") != "Recreate" else 0)
    current = sum(_rs_replicas(r) for r in active)
    to_add = allowed - current
    if to_add == 0:
        for r in active:
            _scale(tx, d, r, _rs_replicas(r))
        return
    # Larger sets first, as the controller sorts them, each gets its proportion; leftovers go to the largest.
    active.sort(key=lambda r: (-_rs_replicas(r), r["metadata"]["name"]))
    added = 0
    new_sizes = {}
    for r in active:
        share = int(to_add * _rs_replicas(r) / current) if current else 0
        if to_add < 0:
            share = max(share, to_add - added)
        else:
            share = min(share, to_add - added)
        new_sizes[r["metadata"]["name"]] = _rs_replicas(r) + share
        added += share
    first = active[0]["metadata"]["name"]
    new_sizes[first] = max(0, new_sizes[first] + (to_add - added))
    for r in active:
        _scale(tx, d, r, max(0, new_sizes[r["metadata"]["name"]]))


def _recreate(tx: Tx, d: dict, new_rs: dict, olds: list[dict]) -> None:
    replicas = int(d["spec"].get("replicas", 1))
    for r in olds:
        if _rs_replicas(r) > 0:
            _scale(tx, d, r, 0)
    if any(int((r.get("status") or {}).get("replicas", 0)) > 0 for r in (tx.peek(_key(o)) or o for o in olds)):
        return
    _scale(tx, d, new_rs, replicas)


def _rolling(tx: Tx, d: dict, new_rs: dict, olds: list[dict]) -> None:
    replicas = int(d["spec"].get("replicas", 1))
    surge, unavail = resolve_fenceposts(d["spec"].get("strategy") or {}, replicas)
    new_rs = tx.get_key(_key(new_rs)) or new_rs
    olds = [tx.get_key(_key(o)) or o for o in olds]
    # Scale the new set up within the surge.
    new_n = _rs_replicas(new_rs)
    if new_n < replicas:
        total = new_n + sum(_rs_replicas(o) for o in olds)
        room = replicas + surge - total
        if room > 0:
            new_rs = _scale(tx, d, new_rs, new_n + min(room, replicas - new_n))
    elif new_n > replicas:
        new_rs = _scale(tx, d, new_rs, replicas)
    elif not _annotations_current(new_rs, d):
        new_rs = _scale(tx, d, new_rs, new_n)
    # Scale old sets down while keeping the minimum available.
    olds = [o for o in olds if _rs_replicas(o) > 0]
    if not olds:
        return
    all_rs = [new_rs] + olds
    min_available = replicas - unavail
    available = sum(_available(tx.peek(_key(r)) or r) for r in all_rs)
    # Old pods that are not available can go first: they serve nobody.
    budget = max(0, available - min_available)
    olds.sort(key=lambda r: (r["metadata"].get("creationTimestamp", ""), r["metadata"]["name"]))
    for o in olds:
        cur = tx.get_key(_key(o)) or o
        unhealthy = _rs_replicas(cur) - _available(cur)
        cut = min(_rs_replicas(cur), unhealthy + budget)
        if cut <= 0:
            continue
        budget -= max(0, cut - unhealthy)
        _scale(tx, d, cur, _rs_replicas(cur) - cut)


def _cleanup(tx: Tx, d: dict, olds: list[dict]) -> None:
    limit = d["spec"].get("revisionHistoryLimit", 10)
    if limit is None:
        return
    dead = [o for o in olds if _rs_replicas(o) == 0 and int((o.get("status") or {}).get("replicas", 0)) == 0]
    if len(dead) <= limit:
        return
    dead.sort(key=_revision)
    for o in dead[: len(dead) - int(limit)]:
        pipeline.delete(tx, "apps", "ReplicaSet", o["metadata"]["namespace"], o["metadata"]["name"])


def _set_progressing(d: dict, tx: Tx, status: str, reason: str, message: str) -> None:
    _set_condition(d, tx, "Progressing", status, reason, message)


def _set_condition(d: dict, tx: Tx, type_: str, status: str, reason: str, message: str) -> None:
    now = tx.env.now_str()
    st = d.setdefault("status", {})
    conds = st.setdefault("conditions", [])
    for c in conds:
        if c["type"] == type_:
            if c["status"] != status:
                c["lastTransitionTime"] = now
            if c["status"] != status or c["reason"] != reason or c["message"] != message:
                c["lastUpdateTime"] = now
            c.update(status=status, reason=reason, message=message)
            return
    conds.append({"lastTransitionTime": now, "lastUpdateTime": now, "message": message, "reason": reason,
                  "status": status, "type": type_})


def _progress_deadline(tx: Tx, d: dict, rs_name: str) -> None:
    """progressDeadlineSeconds without progress: Progressing=False ProgressDeadlineExceeded, as the
    controller sets it; a wake-up brings the Deployment back when the deadline passes."""
    from datetime import timedelta

    from ..env import format_time, parse_time

    pds = d["spec"].get("progressDeadlineSeconds")
    cur = next((c for c in (d.get("status") or {}).get("conditions") or [] if c["type"] == "Progressing"), None)
    if pds is None or cur is None or cur["reason"] not in ("NewReplicaSetCreated", "ReplicaSetUpdated"):
        return
    deadline = parse_time(cur["lastUpdateTime"]) + timedelta(seconds=int(pds))
    if tx.env.now() >= deadline:
        _set_progressing(d, tx, "False", "ProgressDeadlineExceeded", f'ReplicaSet "{rs_name}" has timed out progressing.')
    else:
        md = d["metadata"]
        tx.wake_at(("apps", "Deployment", md["namespace"], md["name"]), format_time(deadline))


def _update_status(tx: Tx, d: dict, new_rs: dict | None, olds: list[dict]) -> None:
    replicas = int(d["spec"].get("replicas", 1))
    all_rs = ([new_rs] if new_rs else []) + olds
    total = sum(int((r.get("status") or {}).get("replicas", 0)) for r in all_rs)
    ready = sum(int((r.get("status") or {}).get("readyReplicas", 0)) for r in all_rs)
    available = sum(_available(r) for r in all_rs)
    updated = int((new_rs.get("status") or {}).get("replicas", 0)) if new_rs else 0
    _, unavail = resolve_fenceposts(d["spec"].get("strategy") or {}, replicas)
    if (d["spec"].get("strategy") or {}).get("type") == "Recreate":
        unavail = 0
    before = json.dumps(d.get("status"), sort_keys=True)
    st = d.setdefault("status", {})
    st["observedGeneration"] = d["metadata"].get("generation", 1)
    for key, val in (("replicas", total), ("updatedReplicas", updated), ("readyReplicas", ready),
                     ("availableReplicas", available), ("unavailableReplicas", max(0, total - available))):
        if val:
            st[key] = val
        else:
            st.pop(key, None)
    if available >= replicas - unavail:
        _set_condition(d, tx, "Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.")
    else:
        _set_condition(d, tx, "Available", "False", "MinimumReplicasUnavailable",
                       "Deployment does not have minimum availability.")
    if new_rs is not None and not d["spec"].get("paused"):
        name = new_rs["metadata"]["name"]
        complete = (updated == replicas and available >= replicas and total == replicas
                    and int((new_rs.get("status") or {}).get("availableReplicas", 0)) >= replicas)
        if complete:
            _set_progressing(d, tx, "True", "NewReplicaSetAvailable", f'ReplicaSet "{name}" has successfully progressed.')
        else:
            cur = next((c for c in st.get("conditions") or [] if c["type"] == "Progressing"), None)
            progressed = before != json.dumps(st, sort_keys=True)
            if cur is not None and cur["reason"] == "ProgressDeadlineExceeded" and not progressed:
                pass  # still stalled: the condition stays until the rollout moves again
            elif cur is None or cur["reason"] not in ("NewReplicaSetCreated", "ReplicaSetUpdated"):
                _set_progressing(d, tx, "True", "ReplicaSetUpdated", f'ReplicaSet "{name}" is progressing.')
            elif cur["reason"] == "NewReplicaSetCreated" and progressed:
                _set_progressing(d, tx, "True", "ReplicaSetUpdated", f'ReplicaSet "{name}" is progressing.')
            elif progressed:
                cur["lastUpdateTime"] = tx.env.now_str()  # progress restarts the deadline
            _progress_deadline(tx, d, name)
    elif d["spec"].get("paused"):
        _set_progressing(d, tx, "Unknown", "DeploymentPaused", "Deployment is paused")
    # Available first, then Progressing, as the controller orders them.
    st["conditions"] = sorted(st.get("conditions") or [], key=lambda c: {"Available": 0, "Progressing": 1}.get(c["type"], 2))
    if json.dumps(d.get("status"), sort_keys=True) != before:
        tx.update(d)
