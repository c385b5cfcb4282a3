"""Garbage collector: dependents of a deleted owner are deleted (background cascade); a dependent's change
wakes its controller."""

from __future__ import annotations

from ..apiserver import pipeline
from ..store.store import Key, Tx, group_of


def collect(tx: Tx) -> None:
    for owner in tx.pop_tombstones():
        uid = owner["metadata"]["uid"]
        for dep in tx.list_owned(uid):
            refs = [r for r in dep["metadata"].get("ownerReferences") or [] if r.get("uid") != uid]
            md = dep["metadata"]
            if refs:
                md["ownerReferences"] = refs
                tx.update(dep)
                continue
            pipeline.delete(tx, group_of(dep["apiVersion"]), dep["kind"], md.get("namespace", ""), md["name"])


def notify_owner(tx: Tx, k: Key) -> None:
    """A pod or replica set changed: its controller must look again (an informer's owner resolution)."""
    obj = tx.peek(k)
    if obj is None:
        return
    for ref in obj["metadata"].get("ownerReferences") or []:
        if ref.get("controller"):
            tx.on_change and tx.on_change((group_of(ref["apiVersion"]), ref["kind"], k[2], ref["name"]))
