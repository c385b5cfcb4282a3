"""Which of an owner's pods `logs TYPE/NAME` and exec/attach/port-forward/cp pick: kubectl's orderings
(pkg/util/podutils ByLogging and sort.Reverse(ActivePods)), derived from its source; recordings wanted."""

from __future__ import annotations

from tests.conftest import Runner


def pod(name: str, node: str = "node-1", phase: str = "Running", ready_since: str = "", restarts: int = 0,
        created: str = "2026-01-01T00:00:00Z") -> dict:
    conditions = [{"type": "Ready", "status": "True", "lastTransitionTime": ready_since}] if ready_since else []
    return {"metadata": {"name": name, "creationTimestamp": created}, "spec": {"nodeName": node},
            "status": {"phase": phase, "conditions": conditions,
                       "containerStatuses": [{"name": "c", "restartCount": restarts}]}}


def chosen(less, pods: list[dict]) -> str:
    import functools

    ordered = sorted(pods, key=functools.cmp_to_key(lambda a, b: -1 if less(a, b) else (1 if less(b, a) else 0)))
    return ordered[0]["metadata"]["name"]


def test_logs_prefers_a_scheduled_running_pod_ready_longest() -> None:
    from pykubectl.cli.attachable import _by_logging

    assert chosen(_by_logging, [pod("a", node=""), pod("b")]) == "b"
    assert chosen(_by_logging, [pod("a", phase="Pending"), pod("b")]) == "b"
    assert chosen(_by_logging, [pod("a"), pod("b", ready_since="2026-01-01T00:00:05Z")]) == "b"
    assert chosen(_by_logging, [pod("a", ready_since="2026-01-01T00:00:09Z"),
                                pod("b", ready_since="2026-01-01T00:00:05Z")]) == "b"
    assert chosen(_by_logging, [pod("a"), pod("b", restarts=2)]) == "b"
    assert chosen(_by_logging, [pod("a", created="2026-01-01T00:00:09Z"), pod("b")]) == "b"
    assert chosen(_by_logging, [pod("a"), pod("b")]) == "a"  # ties keep the list's name order


def test_exec_prefers_a_pod_ready_longest_with_fewest_restarts() -> None:
    from pykubectl.cli.attachable import _most_active_first

    assert chosen(_most_active_first, [pod("a", node=""), pod("b")]) == "b"
    assert chosen(_most_active_first, [pod("a", ready_since="2026-01-01T00:00:05Z"),
                                       pod("b", ready_since="2026-01-01T00:00:09Z")]) == "a"
    assert chosen(_most_active_first, [pod("a", restarts=3), pod("b")]) == "b"


def test_logs_of_a_deployment_says_which_pod_it_reads(run: Runner) -> None:
    assert run("create deployment web --image=busybox --replicas=2 -- sh -c 'echo hi; sleep 3600'").code == 0
    r = run("logs deploy/web")
    assert r.out == "hi\n" and r.err.startswith("Found 2 pods, using pod/web-") and r.code == 0
