"""The in-process transport: the client's connection is the store itself, a request runs the API server's pipeline
(apiserver/) in the caller's transaction, and after a command's writes the controllers run (``settle``) as a
cluster's would in the background."""

from __future__ import annotations

from typing import Any


def connect(env: Any, settle: bool = True) -> Any:
    """Open the cluster ``env`` names; finish work a killed command left and time-driven work that came due."""
    from ..controllers import reconciler
    from ..store.store import Store

    store = Store.open(env)
    if settle and reconciler.needs_reconcile(store):
        reconciler.reconcile(store)
    return store


def settle(store: Any) -> None:
    """Let the controllers act on what the command wrote."""
    from ..controllers import reconciler

    reconciler.reconcile(store)
