"""The synchronous control loop: after every mutating command, drain a de-duplicated work queue of object keys
until nothing changes.

The queue is seeded from the ``work`` table (keys written by the command, or left by a command that died) and
from wake-ups that have come due. Each controller's ``sync(tx, key)`` is level-triggered and idempotent: it reads
the object as it is and writes only differences; every write enqueues the written key again. Keys are taken
lowest tier first (pods before replica sets before deployments before services), so a thousand pod changes settle
before their owner looks at them once. The whole drain is one transaction: a crash leaves the work rows in place
and the next command finishes it.
"""

from __future__ import annotations

import heapq
from typing import Callable

from ..errors import PykubectlError
from ..store.store import Key, Store, Tx

# A replica set creates at most BURST_REPLICAS pods a sync (replicaset.py), so one of 100,000 syncs 200 times.
MAX_SYNCS_PER_KEY = 1000
# Past this many cached rows, the transaction writes what it holds and forgets it before an owner's next sync (the
# pods below it have settled): memory follows a batch of pods, not the whole workload.
RELEASE_AFTER = 20_000

Sync = Callable[[Tx, Key], None]


def _handlers() -> dict[tuple[str, str], list[tuple[int, Sync]]]:
    from . import deployment, endpoints, gc, kubelet, namespace, node, replicaset, scheduler, service

    table: dict[tuple[str, str], list[tuple[int, Sync]]] = {}

    def on(group: str, kind: str, tier: int, fn: Sync) -> None:
        table.setdefault((group, kind), []).append((tier, fn))

    on("", "Node", 0, node.sync)
    on("", "Pod", 1, scheduler.sync)
    on("", "Pod", 1, kubelet.sync)
    on("", "Pod", 1, gc.notify_owner)
    on("", "Pod", 1, endpoints.notify_services)
    on("apps", "ReplicaSet", 2, replicaset.sync)
    on("apps", "ReplicaSet", 2, gc.notify_owner)
    on("apps", "Deployment", 3, deployment.sync)
    on("", "Service", 4, service.sync)
    on("", "Service", 4, endpoints.sync)
    on("", "Namespace", 5, namespace.sync)
    # -- Job, CronJob, clock-driven work --
    from . import cronjob, job

    on("", "ConfigMap", 0, kubelet.config_changed)
    on("", "Secret", 0, kubelet.config_changed)
    on("batch", "Job", 2, job.sync)
    on("batch", "Job", 2, gc.notify_owner)
    on("batch", "CronJob", 3, cronjob.sync)
    # -- StatefulSet, DaemonSet, PV/PVC, HPA --
    from . import daemonset, hpa, policy, statefulset, storage

    on("", "PersistentVolume", 0, storage.sync_pv)
    on("", "PersistentVolumeClaim", 1, storage.sync_pvc)
    on("apps", "StatefulSet", 3, statefulset.sync)
    on("apps", "DaemonSet", 3, daemonset.sync)
    on("", "Node", 0, daemonset.notify_node)
    on("autoscaling", "HorizontalPodAutoscaler", 4, hpa.sync)
    for scalable in ("Deployment", "StatefulSet", "ReplicaSet"):
        on("apps", scalable, 3, hpa.notify_target)
    on("", "ResourceQuota", 5, policy.sync_quota)
    on("policy", "PodDisruptionBudget", 5, policy.sync_pdb)
    on("networking.k8s.io", "Ingress", 4, policy.sync_ingress)
    from . import csrsigning

    on("certificates.k8s.io", "CertificateSigningRequest", 5, csrsigning.sync)
    on("", "Pod", 1, policy.notify_quotas)
    on("", "Pod", 1, policy.notify_pdbs)
    for counted in ("Service", "ConfigMap", "Secret", "PersistentVolumeClaim", "ReplicationController"):
        on("", counted, 4, policy.notify_quotas)
    # An admission denial (quota, LimitRange) of an object a controller creates is that controller's FailedCreate
    # event, not a failed command: every handler is guarded.
    for key, hs in table.items():
        table[key] = [(tier, policy.admission_guard(fn)) for tier, fn in hs]
    return table


_HANDLERS: dict[tuple[str, str], list[tuple[int, Sync]]] | None = None


def handlers() -> dict[tuple[str, str], list[tuple[int, Sync]]]:
    global _HANDLERS
    if _HANDLERS is None:
        _HANDLERS = _handlers()
    return _HANDLERS


class ReconcileError(PykubectlError):
    pass


def run(tx: Tx, seeds: list[Key]) -> None:
    """Drain the queue inside ``tx``."""
    table = handlers()
    heap: list[tuple[int, int, Key]] = []
    queued: set[Key] = set()
    counts: dict[Key, int] = {}
    # How many of a queued key's handlers its next sync must run. A write to the key while its own i-th handler
    # runs is seen by the handlers after i in the same sync, so only the first i+1 need another look; any other
    # write needs them all.
    prefix: dict[Key, int] = {}
    current: Key | None = None
    position = 0
    seq = 0

    def push(k: Key) -> None:
        nonlocal seq
        hs = table.get((k[0], k[1]))
        if not hs:
            return
        if k == current and k == tx.settled:
            # Written by its own handler, which says neither it nor the handlers before it would do anything more
            # (Tx.settled); the handlers after it see the write in this sync.
            return
        n = position + 1 if k == current else len(hs)
        if k in queued:
            if prefix.get(k, 0) < n:
                prefix[k] = n
            return
        prefix[k] = n
        queued.add(k)
        seq += 1
        heapq.heappush(heap, (hs[0][0], seq, k))

    tx.on_change = push
    from . import gc

    for k in seeds:
        push(k)
    gc.collect(tx)
    while heap:
        tier, _, k = heapq.heappop(heap)
        if tier > 1 and tx.cached_rows > RELEASE_AFTER:
            tx.release()
        queued.discard(k)
        n = counts.get(k, 0) + 1
        counts[k] = n
        if n > MAX_SYNCS_PER_KEY:
            raise ReconcileError(f"error: internal error: the reconciler did not settle ({'/'.join(k)} synced {n} times)")
        n = prefix.pop(k)
        current = k
        for position, (_, fn) in enumerate(table[(k[0], k[1])][:n]):
            fn(tx, k)
        current = None
        position = 0
        if not heap:
            gc.collect(tx)
    tx.on_change = None


def reconcile(store: Store) -> None:
    """Finish all pending work (this command's and any left by an interrupted one) and due wake-ups."""
    from .. import lifetime

    with lifetime.no_cycle_collection():
        _reconcile(store)


def _reconcile(store: Store) -> None:
    now = store.env.now_str()
    with store.transaction() as tx:
        seeds = tx.pending_work()
        due = tx.due_wakeups(now)
        if not seeds and not due and not tx.db.execute("SELECT 1 FROM tombstones LIMIT 1"):
            return
        from . import clock  # wake-ups that came due run in time order, each at its own time

        clock.catch_up(tx, seeds)
        tx.clear_work()
        tx.changed = []
        from .. import lifetime

        lifetime.keep(tx)  # its caches hold every object the reconcile touched: freed with the process


def needs_reconcile(store: Store) -> bool:
    """One indexed look-up each: what a reading command checks before it reads."""
    db = store.db
    if db.execute("SELECT 1 FROM work LIMIT 1"):
        return True
    if db.execute("SELECT 1 FROM tombstones LIMIT 1"):
        return True
    return bool(db.execute("SELECT 1 FROM wakeups WHERE at <= :n LIMIT 1", {"n": store.env.now_str()}))
