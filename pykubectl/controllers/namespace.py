"""Namespace controller: a new namespace gets its default ServiceAccount and root CA ConfigMap; a terminating
namespace has its content deleted and is then removed."""

from __future__ import annotations

import json

from ..apiserver import pipeline
from ..store.store import Key, Tx


def sync(tx: Tx, k: Key) -> None:
    ns = tx.get_key(k)
    if ns is None:
        return
    name = ns["metadata"]["name"]
    if ns["metadata"].get("deletionTimestamp"):
        rows = tx.db.execute("SELECT grp, kind, name, body FROM objects WHERE namespace = :ns", {"ns": name})
        for grp, kind, oname, body in rows:
            if tx.get(grp, kind, name, oname) is not None:
                pipeline.delete(tx, grp, kind, name, oname)
        tx.flush_events()
        tx.db.execute("DELETE FROM events WHERE namespace = :ns", {"ns": name})
        tx.delete("", "Namespace", "", name)
        return
    from .bootstrap import namespace_content

    namespace_content(tx, name)


__all__ = ["sync", "json"]
