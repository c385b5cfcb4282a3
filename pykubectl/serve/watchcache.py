"""The API server's watch cache: the changes of every object in resourceVersion order, kept in a bounded ring,
and the current version of every object, so that a watch resumes from a resourceVersion and sees every state a
write or the controllers produced (a Deployment, its ReplicaSet, the pods, then their status), as kube-apiserver's
cacher serves watches from its ring of events.

Writes made through this process are recorded one by one as the store makes them (the store tells its
``recorder`` of each write and of each transaction's end; a transaction's changes join the ring when it commits,
and are dropped when it rolls back, as a dry run does). Writes by another process on the same store (pykubectl's
CLI, a second server) are found by their resourceVersions: when the store's resourceVersion is ahead of the
cache's, the objects written since are read (one query on the ``rv`` column) and the keys gone are found by
comparing the stored keys with the cache's; such a write is seen in its end state only (a CLI `scale` as one
MODIFIED of the Deployment, then of each pod it touched).

A watch from a resourceVersion older than the ring holds gets the real cacher's answer: an ERROR event with the
410 Status "too old resource version: X (Y)" (reason Expired), Y the newest version the ring no longer holds."""

from __future__ import annotations

import json
import threading
from collections import deque
from typing import Any, Iterator

Key = tuple[str, str, str, str]

CAPACITY = 20000  # events kept (the real cacher sizes its ring per resource, 100 to 102400)


class Event:
    """One change: ADDED, MODIFIED or DELETED of ``key`` at ``rv``; ``text`` is the object's body after it (for a
    deletion, the last body with the deletion's resourceVersion) and ``prev`` the body before it (None for an
    addition), so that a watch with a selector sees an object entering or leaving it as the real server sends it."""

    __slots__ = ("rv", "type", "key", "text", "prev", "_obj", "_prev_obj")

    def __init__(self, rv: int, type_: str, key: Key, text: str, prev: str | None):
        self.rv = rv
        self.type = type_
        self.key = key
        self.text = text
        self.prev = prev
        self._obj: dict | None = None
        self._prev_obj: dict | None = None

    def obj(self) -> dict:
        if self._obj is None:
            self._obj = json.loads(self.text)
        return self._obj

    def prev_obj(self) -> dict | None:
        if self.prev is None:
            return None
        if self._prev_obj is None:
            self._prev_obj = json.loads(self.prev)
        return self._prev_obj


class TooOld(Exception):
    def __init__(self, since: int, floor: int):
        super().__init__(f"too old resource version: {since} ({floor})")


class WatchCache:
    """Used from the thread that owns the store's connection; ``seq`` and ``cond`` let other threads wait for new
    events (the HTTP layer's watch streams)."""

    def __init__(self, store: Any, capacity: int = CAPACITY):
        self.store = store
        self.capacity = capacity
        self.ring: deque[Event] = deque()
        self.objects: dict[Key, tuple[int, str]] = {}
        self.rv = 0  # the store's resourceVersion the cache has caught up with
        self.floor = 0  # every event after this resourceVersion is in the ring
        self.seq = 0  # bumped at each publication
        self.cond = threading.Condition()
        self._pending: dict[Any, list[tuple[str, Key, int, str]]] = {}
        db = store.db
        with store.read():
            self.rv = self.floor = _store_rv(db)
            for g, k, ns, n, rv, body in db.execute("SELECT grp, kind, namespace, name, rv, body FROM objects"):
                self.objects[(g, k, ns, n)] = (int(rv), body)
        store.recorder = self

    def close(self) -> None:
        if self.store.recorder is self:
            self.store.recorder = None

    # -- the store's recorder protocol --------------------------------------------------------------------------
    def _pending_of(self, tx: Any, key: Key) -> list[tuple[str, Key, int, str]]:
        pend = self._pending.get(tx)
        if pend is None:
            pend = self._pending[tx] = []
            # The transaction holds the write lock: what another process committed before it is read now, so
            # that its changes come before this transaction's in the ring.
            self._catch_up(exclude=key)
        return pend

    def deleted(self, tx: Any, key: Key, gone: dict) -> None:
        pend = self._pending_of(tx, key)
        rv = tx.last_rv()
        gone = dict(gone, metadata=dict(gone.get("metadata") or {}, resourceVersion=str(rv)))
        pend.append(("DELETED", key, rv, json.dumps(gone, separators=(",", ":"), ensure_ascii=False)))

    def changed(self, tx: Any, key: Key) -> None:
        written = tx.written(key)
        if written is None:  # gone: told by deleted()
            return
        pend = self._pending_of(tx, key)
        rv, text = written
        last = next((p[2] for p in reversed(pend) if p[1] == key), None)
        if last is None:
            have = self.objects.get(key)
            last = have[0] if have is not None else None
        if last == rv:  # told of a key it did not write (an owner told of its dependent's deletion)
            return
        pend.append(("", key, rv, text))

    def committed(self, tx: Any) -> None:
        pend = self._pending.pop(tx, None)
        if not pend:
            return
        events = []
        for typ, key, rv, text in pend:
            prev = self.objects.get(key)
            if typ == "DELETED":
                if prev is None:
                    continue
                self.objects.pop(key, None)
                events.append(Event(rv, "DELETED", key, text, prev[1]))
            else:
                self.objects[key] = (rv, text)
                events.append(Event(rv, "MODIFIED" if prev is not None else "ADDED", key, text,
                                    prev[1] if prev is not None else None))
        last = tx.last_rv()
        self._publish(events, max(self.rv, last if last is not None else 0))

    def rolled_back(self, tx: Any) -> None:
        self._pending.pop(tx, None)

    # -- other writers ------------------------------------------------------------------------------------------
    def sync(self) -> None:
        """Catch up with what other processes wrote (one query when they wrote nothing)."""
        with self.store.read():
            self._catch_up()

    def _catch_up(self, exclude: Key | None = None) -> None:
        db = self.store.db
        now = _store_rv(db)
        if now <= self.rv:
            return
        events = []
        for g, k, ns, n, rv, body in db.execute(
                "SELECT grp, kind, namespace, name, rv, body FROM objects WHERE rv > :since AND rv <= :now",
                {"since": self.rv, "now": now}):
            key = (g, k, ns, n)
            prev = self.objects.get(key)
            if prev is not None and prev[0] == int(rv):
                continue
            self.objects[key] = (int(rv), body)
            events.append(Event(int(rv), "MODIFIED" if prev is not None else "ADDED", key, body,
                                prev[1] if prev is not None else None))
        stored = {(g, k, ns, n) for g, k, ns, n in db.execute("SELECT grp, kind, namespace, name FROM objects")}
        for key in [k for k in self.objects if k not in stored and k != exclude]:
            _, body = self.objects.pop(key)
            gone = json.loads(body)
            gone.setdefault("metadata", {})["resourceVersion"] = str(now)
            events.append(Event(now, "DELETED", key, json.dumps(gone, separators=(",", ":"), ensure_ascii=False),
                                body))
        events.sort(key=lambda e: e.rv)
        self._publish(events, now)

    # -- the ring ------------------------------------------------------------------------------------------------
    def _publish(self, events: list[Event], rv: int) -> None:
        ring = self.ring
        ring.extend(events)
        while len(ring) > self.capacity:
            self.floor = ring.popleft().rv
        with self.cond:
            self.rv = max(self.rv, rv)
            self.seq += 1
            self.cond.notify_all()

    def since(self, rv: int) -> Iterator[Event]:
        """The events after ``rv``, oldest first; TooOld when the ring no longer holds all of them."""
        if rv < self.floor:
            raise TooOld(rv, self.floor)
        ring = self.ring
        i = len(ring)
        while i > 0 and ring[i - 1].rv > rv:
            i -= 1
        for j in range(i, len(ring)):
            yield ring[j]

    def wait(self, seen: int, timeout: float) -> int:
        """Block until an event is published after publication ``seen`` (or the timeout); the current one."""
        with self.cond:
            self.cond.wait_for(lambda: self.seq != seen, timeout)
            return self.seq


def _store_rv(db: Any) -> int:
    rows = db.execute("SELECT v FROM meta WHERE k = 'rv'")
    return int(rows[0][0]) if rows else 1
