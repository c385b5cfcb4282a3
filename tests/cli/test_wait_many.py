"""wait over several objects shares one deadline and reports every object that did not make it, as real kubectl 1.32
did through pykubectl serve (2026-12-06): once the deadline has passed, each later object times out at once, even
one whose condition holds; one failure reads "error: …", several take a line each."""

from __future__ import annotations

NOT_READY = """apiVersion: v1
kind: Pod
metadata: {name: notready}
spec:
  containers:
  - name: c
    image: nginx
    readinessProbe: {exec: {command: ["false"]}}
"""


def test_after_the_deadline_every_object_times_out(run) -> None:
    assert run(["apply", "-f", "-"], stdin=NOT_READY).code == 0
    assert run(["run", "alpha", "--image=nginx"]).code == 0
    res = run(["wait", "--for=condition=Ready", "pod/notready", "pod/alpha", "--timeout=1s"])
    assert (res.code, res.out) == (1, "")
    assert res.err == ("timed out waiting for the condition on pods/notready\n"
                       "timed out waiting for the condition on pods/alpha\n")
    res = run(["wait", "--for=condition=Ready", "pod/alpha", "pod/notready", "--timeout=1s"])
    assert (res.code, res.out, res.err) == (1, "pod/alpha condition met\n",
                                            "error: timed out waiting for the condition on pods/notready\n")
