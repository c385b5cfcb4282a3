"""pykubectl's own `get -w` keeps watching as kubectl's does: it prints the changes another process makes to the
store, line for line what real kubectl 1.32 prints watching through `pykubectl serve` (tables aligned with the
widths printed so far, the EVENT column, one-line JSON events), and ends quietly (exit 0) at --request-timeout.

Not timed: each change is made once both watchers have printed what the one before produced; waits are bounds
against a hang."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading

import pytest

from tests.conftest import FROZEN_NOW
from tests.serve.test_serve_kubectl import KUBECTL, Served, needs_kubectl, serving


@pytest.fixture(scope="module")
def served():
    yield from serving("pykubectl-get-watch-test-")


class Watcher:
    def __init__(self, argv: list[str], env: dict):
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=lambda: [self.lines.put(x) for x in self.proc.stdout], daemon=True).start()

    def next(self) -> str:
        try:
            line = self.lines.get(timeout=20)  # a bound against a hang, not a timing
        except queue.Empty:
            self.proc.kill()
            raise AssertionError(f"{self.proc.args[:2]}: no line within 60 s after {self.seen}: "
                                 f"{self.proc.stderr.read()}") from None
        self.seen.append(line)
        return line

    def stop(self) -> None:
        self.proc.kill()
        self.proc.communicate()


def _watchers(served: Served, args: list[str]) -> tuple[Watcher, Watcher]:
    real = Watcher([KUBECTL, "get", *args], {"PATH": os.environ.get("PATH", ""), "HOME": str(served.tmp),
                                             "KUBECONFIG": served.kubeconfig})
    ours = Watcher([sys.executable, "-c", "from pykubectl.cli.entry import run; run()", "get", *args],
                   dict(os.environ, PYKUBECTL_STORE=served.store, PYKUBECTL_NOW=FROZEN_NOW))
    return real, ours


def _change(served: Served, *cmd: str) -> None:
    r = served.cli(list(cmd))
    assert r.code == 0, r.err


@needs_kubectl
@pytest.mark.parametrize("flags", [[], ["--output-watch-events"], ["-o", "json", "--output-watch-events"],
                                   ["-o", "name"]])
def test_changes_by_another_process_are_printed_as_kubectl_prints_them(served: Served, flags: list[str]) -> None:
    ns = "watch" + str(abs(hash(tuple(flags))) % 10000)
    _change(served, "create", "namespace", ns)
    real, ours = _watchers(served, ["configmaps", "-w", "-n", ns, *flags, "--request-timeout=120s"])
    try:
        steps = [("create", "configmap", "c1", "-n", ns, "--from-literal=a=b"),
                 ("label", "configmap", "c1", "-n", ns, "x=y"),
                 ("create", "configmap", "a-much-longer-config-map-name", "-n", ns, "--from-literal=a=b"),
                 ("delete", "configmap", "c1", "-n", ns)]
        first = [w.next() for w in (real, ours)]
        if "-o" not in flags:  # the table's header, then the namespace's kube-root-ca.crt
            first += [w.next() for w in (real, ours)]
        for step in steps:
            _change(served, *step)
            assert real.next() == ours.next(), step
        assert real.seen == ours.seen
    finally:
        real.stop()
        ours.stop()


@needs_kubectl
@pytest.mark.parametrize("args", ["namespaces -w", "namespaces default -w --output-watch-events",
                                  "namespaces --watch-only", "namespaces -w -o yaml", "namespaces -w -A",
                                  "namespaces default kube-system -w", "namespaces nope -w --ignore-not-found",
                                  "namespaces -w --sort-by=.metadata.name -o custom-columns=N:.metadata.name"])
def test_the_watch_ends_at_the_request_timeout_as_kubectls_does(served: Served, args: str) -> None:
    cmd = [*args.split(), "--request-timeout=1s"]
    real = served.kubectl(["get", *cmd])
    env = dict(os.environ, PYKUBECTL_STORE=served.store, PYKUBECTL_NOW=FROZEN_NOW)
    p = subprocess.run([sys.executable, "-c", "from pykubectl.cli.entry import run; run()", "get", *cmd],
                       capture_output=True, text=True, env=env, timeout=120)
    assert (p.stdout, p.stderr, p.returncode) == real


@needs_kubectl
def test_ctrl_c_ends_the_watch_with_exit_1_and_no_message(served: Served) -> None:
    import signal

    watchers = _watchers(served, ["configmaps", "-w", "-n", "kube-public"])
    try:
        for w in watchers:
            assert w.next().startswith("NAME ")
            w.next()
        # An event printed: kubectl's interrupt handler is set (it is installed once the watch is open).
        _change(served, "create", "configmap", "interrupted", "-n", "kube-public")
        assert watchers[0].next() == watchers[1].next()
        for w in watchers:
            w.proc.send_signal(signal.SIGINT)
        assert [(w.proc.wait(timeout=60), w.proc.stderr.read()) for w in watchers] == [(1, ""), (1, "")]
    finally:
        for w in watchers:
            w.stop()
