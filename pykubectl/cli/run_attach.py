"""kubectl run's attached mode (--attach, which -i/--stdin turns on, with -t/--tty and --rm), as kubectl 1.32's
run.go Run() goes through it once the pod (and the --expose Service) is created: wait until the pod runs and is
ready, attach to it (the simulated node refuses, so: the warning and the container's log, ``attach_or_logs``),
then for --restart=Never/OnFailure wait until it completes and answer with its outcome; --rm deletes what was
created at the end, whatever the outcome.

The waits let the simulated cluster's time pass as ``kubectl wait`` does here (cli/waiting.py): a frozen clock is
moved to the next wake-up of the reconciler, the wall clock is waited on in short steps."""

from __future__ import annotations

from typing import Any, Callable

from .. import errors
from . import common
from .attachable import attach_or_logs, pick_container, write_log

_DONE = ("Succeeded", "Failed")


def _running_and_ready(pod: dict) -> bool:
    status = pod.get("status") or {}
    if status.get("phase") in _DONE:
        return True  # kubectl's ErrPodCompleted: the caller prints the log without attaching
    return status.get("phase") == "Running" and any(
        c.get("type") == "Ready" and c.get("status") == "True" for c in status.get("conditions") or [])


def _completed(pod: dict) -> bool:
    return (pod.get("status") or {}).get("phase") in _DONE


def _succeeded(pod: dict) -> bool:
    return (pod.get("status") or {}).get("phase") == "Succeeded"


def _wait_for_pod(env: Any, store: Any, ns: str, name: str, timeout: float, condition: Callable[[dict], bool]) -> dict:
    """run.go's waitForPod: the pod once ``condition`` holds, or kubectl's timeout error."""
    from .waiting import Waiter

    waiter = Waiter(env, store, timeout)
    while True:
        with store.read() as tx:
            pod = tx.get("", "Pod", ns, name)
        if pod is None:
            # A watch's Deleted event: the conditions answer NotFound with an empty name (derived from run.go).
            raise errors.NotFound('pods "" not found')
        if condition(pod):
            return pod
        if not waiter.pause():
            raise errors.ClientError("error: timed out waiting for the condition")


def attach_to_pod(env: Any, store: Any, ns: str, name: str, *, restart: str, timeout: float, tty: bool, quiet: bool,
                  leave_stdin_open: bool) -> None:
    """handleAttachPod, then the wait for the exit code and its mapping to kubectl's errors and exit status."""
    pod = _wait_for_pod(env, store, ns, name, timeout, _running_and_ready)
    container = pick_container(env, pod, None, quiet)
    if _completed(pod):
        write_log(env, store, pod, container)
    else:
        attach_or_logs(env, store, pod, container, tty=tty, quiet=quiet)
    if leave_stdin_open or restart not in ("Never", "OnFailure"):
        return
    pod = _wait_for_pod(env, store, ns, name, timeout, _completed if restart == "Never" else _succeeded)
    phase = (pod.get("status") or {}).get("phase")
    if phase == "Succeeded":
        return
    if phase == "Failed":
        statuses = (pod.get("status") or {}).get("containerStatuses") or []
        terminated = ((statuses[0].get("state") or {}).get("terminated") if statuses else None)
        code = (terminated or {}).get("exitCode") or 0
        if not code:
            raise errors.ClientError(f"error: pod {ns}/{name} failed with unknown exit code")
        # uexec.CodeExitError: printed as it is (no "error: "), the container's exit code as kubectl's own.
        failure = errors.PykubectlError(f"pod {ns}/{name} terminated ({terminated.get('reason', '')})\n"
                                        f"{terminated.get('message', '')}")
        failure.exit_code = code
        raise failure
    raise errors.ClientError(f"error: pod {ns}/{name} left in phase {phase}")


def remove_created(env: Any, store: Any, created: list[tuple[Any, str, str]], quiet: bool, cascade: str) -> None:
    """removeCreatedObjects: each object run created deleted as `kubectl delete` does (a missing one ignored; its
    DeleteOptions are quiet with -q)."""
    from ..client import rest

    propagation = {"orphan": "Orphan", "false": "Orphan", "foreground": "Foreground"}.get(cascade, "Background")
    for kind, ns, name in created:
        try:
            with store.transaction() as tx:
                obj = tx.get(kind.group, kind.kind, ns, name)
                if obj is None:
                    continue
                rest.delete(tx, obj, propagation)
        except errors.ServerError:
            break  # kubectl stops at the first failure, and its deferred call's error is not printed
        if not quiet:
            common.echo(env, f'{common.display_kind(kind)} "{name}" deleted')
    common.settle(store)
