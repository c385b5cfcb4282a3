"""Time passing for the commands that wait (wait, rollout status, delete --wait), as kubectl's watches wait on a
cluster that keeps running.

Between two looks at the objects a Waiter lets time pass and has the cluster do the work that came due meanwhile
(a Job's pods finishing, a back-off expiring, a grace period ending: the reconciler's wake-ups), and re-reads, so
it also sees what another process did. On the wall clock it sleeps in short steps until the timeout. With a frozen
clock (PYKUBECTL_NOW, tests) nothing moves by itself: the Waiter moves the cluster clock to the next wake-up within
the timeout instead (as ``pykubectl cluster advance`` does, so later commands see the same time), and when no
wake-up is left before the timeout, nothing more can change and the wait ends at once."""

from __future__ import annotations

import math
import time
from typing import Any

# How long a wall-clock wait sleeps between two looks: short enough that a change made by another process is seen
# about as soon as a watch would deliver it, long enough to cost nothing while waiting.
POLL_SECONDS = 0.25
# kubectl turns a negative --timeout (wait) or a zero one (delete) into a week.
WEEK = 7 * 24 * 3600.0


class Waiter:
    """``pause()`` lets time pass until something may have changed; False once the timeout has passed."""

    def __init__(self, env: Any, store: Any, timeout: float):
        self.env = env
        self.store = store
        self.timeout = WEEK if timeout < 0 else timeout
        self.frozen = env.frozen_now is not None
        self.started = time.monotonic()
        self.cluster_deadline = env.now().timestamp() + self.timeout

    def pause(self) -> bool:
        if self.frozen:
            return self._advance_to_next_wakeup()
        remaining = self.timeout - (time.monotonic() - self.started)
        if remaining <= 0:
            return False
        time.sleep(min(remaining, POLL_SECONDS))
        from ..client import inprocess

        inprocess.catch_up(self.store)
        return True

    def _advance_to_next_wakeup(self) -> bool:
        from ..client import inprocess

        at = inprocess.next_wakeup(self.store)
        if at is None or at.timestamp() > self.cluster_deadline:
            return False
        seconds = max(1, math.ceil(at.timestamp() - self.env.now().timestamp()))
        inprocess.advance(self.store, seconds)
        return True
