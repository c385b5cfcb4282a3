"""A container's simulated output: what its command says it prints (controllers/podlogs.py)."""

from __future__ import annotations

import pytest

from pykubectl.controllers.podlogs import container_log, output_of


@pytest.mark.parametrize("container, lines", [
    ({"command": ["sh", "-c", "echo hello world"]}, ["hello world"]),
    ({"command": ["echo", "tick"]}, ["tick"]),
    ({"command": ["sh", "-c", "echo started; echo finished"]}, ["started", "finished"]),
    ({"command": ["/bin/sh"], "args": ["-c", "echo -n a; echo b && echo 'c  d' || true"]}, ["ab", "c  d"]),
    ({"command": ["sh", "-c", 'printf "%s=%d\\n" x 1 y 2']}, ["x=1", "y=2"]),
    ({"command": ["sh", "-c", "echo $MODE ${LEVEL}"], "env": [{"name": "MODE", "value": "prod"},
                                                              {"name": "LEVEL", "value": "3"}]}, ["prod 3"]),
    ({"command": ["python3", "-c", "print('hi')"]}, ["hi"]),
    ({"command": ["sh", "-c", "while true; do echo beat; sleep 5; done"]}, ["beat"]),
    ({"image": "nginx"}, []),
    ({"command": ["sh", "-c", "echo 'unterminated"]}, []),
])
def test_output_of_a_command(container: dict, lines: list[str]) -> None:
    assert output_of(container) == lines


def test_a_container_that_has_not_run_has_no_log() -> None:
    pod = {"spec": {"containers": [{"name": "a", "command": ["echo", "x"]}]},
           "status": {"containerStatuses": [{"name": "a", "state": {"waiting": {"reason": "ContainerCreating"}},
                                             "lastState": {}}]}}
    assert container_log(None, pod, "a") is None
    assert container_log(None, pod, "a", previous=True) is None
    pod["status"]["containerStatuses"][0]["state"] = {"terminated": {"exitCode": 0}}
    assert container_log(None, pod, "a") == ["x"]
    assert container_log(None, pod, "nope") is None
