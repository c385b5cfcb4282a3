"""logs asks controllers.podlogs for a container's output: today there is none (a clear error), and a simulated
log source plugs in there without touching the verb."""

from __future__ import annotations

import pytest

from pykubectl.controllers import podlogs


def test_logs_print_what_the_command_echoes_and_nothing_for_a_silent_process(run) -> None:  # type: ignore[no-untyped-def]
    assert run("apply -f fixtures/nodeops/bare-pod.yaml").code == 0
    res = run("logs lonely")
    assert (res.out, res.err, res.code) == ("", "", 0)
    assert run(["run", "once", "--image=busybox:1.36", "--restart=Never", "--", "sh", "-c",
                "echo started; echo finished"]).code == 0
    # Recorded from the reference cluster (tests/golden/k8s-scenarios/25-run-and-logs, steps 3 and 4).
    assert run("logs once").out == "started\nfinished\n"
    assert run("logs once --tail=1").out == "finished\n"


def test_a_plugged_in_log_source_is_printed(run, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    seen: list[tuple[str, str, bool]] = []

    def fake(tx, pod, container, previous=False):  # type: ignore[no-untyped-def]
        seen.append((pod["metadata"]["name"], container, previous))
        return [f"line {i} from {container}" for i in range(3)]

    monkeypatch.setattr(podlogs, "container_log", fake)
    assert run("apply -f fixtures/nodeops/bare-pod.yaml").code == 0
    res = run("logs lonely --tail=2")
    assert (res.out, res.err, res.code) == ("line 1 from app\nline 2 from app\n", "", 0)
    res = run("logs lonely -p --prefix")
    assert res.out.splitlines()[0] == "[pod/lonely/app] line 0 from app"
    assert seen == [("lonely", "app", False), ("lonely", "app", True)]
