"""Which side checks the container, as real kubectl 1.32 printed it through pykubectl serve: exec and cp send any
named container and the server refuses it ("Error from server (BadRequest): …"), after exec's TTY warning; attach
checks it itself ("cannot attach to the container: …") and warns when the container allocated no TTY."""

from __future__ import annotations

POD = """apiVersion: v1
kind: Pod
metadata:
  name: srv
spec:
  containers:
  - name: c
    image: nginx
"""


def _pod(run) -> None:
    assert run(["apply", "-f", "-"], stdin=POD).code == 0


def test_exec_named_container_is_checked_by_the_server(run) -> None:
    _pod(run)
    res = run(["exec", "srv", "-c", "nope", "--", "ls"])
    assert (res.code, res.err) == (1, "Error from server (BadRequest): container nope is not valid for pod srv\n")
    res = run(["exec", "-it", "srv", "-c", "nope", "--", "ls"])
    assert (res.code, res.err) == (1, "Unable to use a TTY - input is not a terminal or the right kind of file\n"
                                      "Error from server (BadRequest): container nope is not valid for pod srv\n")
    res = run(["exec", "-q", "-it", "srv", "-c", "nope", "--", "ls"])
    assert res.err == "Error from server (BadRequest): container nope is not valid for pod srv\n"


def test_exec_tty_warning_comes_before_the_refusal(run) -> None:
    _pod(run)
    res = run(["exec", "-it", "srv", "--", "ls"])
    lines = res.err.splitlines()
    assert res.code == 1 and lines[0] == "Unable to use a TTY - input is not a terminal or the right kind of file"
    assert "exec is not supported" in lines[1]
    assert "Unable to use a TTY" not in run(["exec", "-t", "srv", "--", "ls"]).err


def test_cp_container_is_checked_by_the_server(run) -> None:
    _pod(run)
    res = run(["cp", "srv:/etc/hosts", "/tmp/hosts-copy", "-c", "nope"])
    assert (res.code, res.err) == (1, "Error from server (BadRequest): container nope is not valid for pod srv\n")


def test_attach_checks_the_container_itself(run) -> None:
    _pod(run)
    res = run(["attach", "srv", "-c", "nope"])
    assert (res.code, res.err) == (1, "error: cannot attach to the container: container nope not found in pod srv\n")
    res = run(["attach", "-it", "srv"])
    assert res.code == 1
    assert res.err.splitlines()[0] == "error: Unable to use a TTY - container c did not allocate one"
