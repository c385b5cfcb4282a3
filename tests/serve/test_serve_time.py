"""Time passes in a served cluster between requests: on the wall clock, `pykubectl serve` runs the cluster's
time-driven work when it comes due (a container exiting after its run time), with no request to prompt it, and its
writes reach an open watch and later lists; work that another process (pykubectl's CLI on the same store)
scheduled is run too. With a frozen clock nothing comes due by itself."""

from __future__ import annotations

import http.client
import json
import os
import ssl
import subprocess
import sys
import time

import pytest

from tests.serve.test_serve_kubectl import ROOT, Served, serving

PODS = "/api/v1/namespaces/default/pods"


@pytest.fixture
def served_live():
    yield from serving("pykubectl-serve-time-", frozen=False)


@pytest.fixture
def served_frozen():
    yield from serving("pykubectl-serve-time-")


def _pod(name: str, seconds: int) -> bytes:
    return json.dumps({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": name}, "spec": {
        "restartPolicy": "Never",
        "containers": [{"name": "c", "image": "busybox:1.36", "command": ["sh", "-c", f"sleep {seconds}"]}]}}).encode()


class _Watch:
    """One watch request over HTTPS, its events read line by line as the server streams them."""

    def __init__(self, served: Served, path: str):
        ctx = ssl.create_default_context(cadata=served.ca.decode())
        self.conn = http.client.HTTPSConnection("127.0.0.1", served.port, context=ctx, timeout=30)
        self.conn.request("GET", path, headers={"Authorization": f"Bearer {served.token}"})
        self.resp = self.conn.getresponse()
        assert self.resp.status == 200

    def next(self) -> dict:
        line = self.resp.readline()
        assert line, "the watch ended"
        return json.loads(line)

    def close(self) -> None:
        self.conn.close()


def _phase_events(w: _Watch, until: str) -> list[tuple[str, str, float, str]]:
    """(type, phase, when it arrived, resourceVersion) of each event, up to the first in phase ``until``."""
    got = []
    while True:
        e = w.next()
        o = e["object"]
        got.append((e["type"], o["status"].get("phase", ""), time.monotonic(), o["metadata"]["resourceVersion"]))
        if got[-1][1] == until:
            return got


def test_a_watch_sees_a_pod_finish_with_no_other_request(served_live: Served) -> None:
    code, body = served_live.https("POST", PODS, {"Authorization": f"Bearer {served_live.token}",
                                                  "Content-Type": "application/json"}, _pod("short", 2))
    assert code == 201, body
    code, body = served_live.https("GET", f"{PODS}/short", {"Authorization": f"Bearer {served_live.token}"})
    pod = json.loads(body)
    assert pod["status"]["phase"] == "Running"
    opened = time.monotonic()
    w = _Watch(served_live, f"{PODS}?watch=1&fieldSelector=metadata.name%3Dshort&resourceVersion="
                            f"{pod['metadata']['resourceVersion']}&timeoutSeconds=20")
    try:
        got = _phase_events(w, "Succeeded")  # no request is made while it waits
    finally:
        w.close()
    assert [(t, p) for t, p, _, _ in got] == [("MODIFIED", "Succeeded")]
    # It came as the container's 2 s ended (whole seconds of the cluster clock), not at the watch's timeout.
    assert got[-1][2] - opened < 5
    code, body = served_live.https("GET", PODS, {"Authorization": f"Bearer {served_live.token}"})
    listed = json.loads(body)
    assert [(p["metadata"]["name"], p["status"]["phase"], p["metadata"]["resourceVersion"])
            for p in listed["items"]] == [("short", "Succeeded", got[-1][3])]


def test_work_the_cli_scheduled_on_the_same_store_comes_due_in_the_server(served_live: Served) -> None:
    # The pod runs some seconds, so the CLI has returned (and the server's watch cache has seen its writes) well
    # before the exit comes due, even on a loaded machine.
    w = _Watch(served_live, f"{PODS}?watch=1&timeoutSeconds=30")
    try:
        env = dict(os.environ, PYKUBECTL_STORE=served_live.store)
        for var in ("PYKUBECTL_NOW", "PYKUBECTL_SEED", "KUBECONFIG"):
            env.pop(var, None)
        p = subprocess.run([sys.executable, "-c", "from pykubectl.cli.entry import run; run()", "run", "once",
                            "--image=busybox:1.36", "--restart=Never", "--", "sh", "-c", "sleep 4"],
                           capture_output=True, text=True, env=env, cwd=str(ROOT), timeout=60)
        assert (p.stdout, p.stderr, p.returncode) == ("pod/once created\n", "", 0)
        got = _phase_events(w, "Succeeded")
    finally:
        w.close()
    phases = [(t, ph) for t, ph, _, _ in got]
    # The CLI's writes are seen as committed (the pod, then its reconcile: Pending or already Running, as the
    # server's look falls), then the server's own run of the exit when it came due.
    assert phases[0] in (("ADDED", "Pending"), ("ADDED", "Running")), phases
    assert phases[-1] == ("MODIFIED", "Succeeded") and ("MODIFIED", "Succeeded") not in phases[:-1], phases
    # The CLI on the same store reads what the server wrote, consistent with the watch.
    r = served_live.cli.__class__(served_live.store)  # a frozen-clock CLI: reads only, nothing comes due for it
    out = r(["get", "pod", "once", "-o", "jsonpath={.status.phase}"])
    assert (out.out, out.code) == ("Succeeded", 0)


def test_with_a_frozen_clock_nothing_comes_due_by_itself(served_frozen: Served) -> None:
    code, body = served_frozen.https("POST", PODS, {"Authorization": f"Bearer {served_frozen.token}",
                                                    "Content-Type": "application/json"}, _pod("still", 1))
    assert code == 201, body
    time.sleep(2.5)  # what would be the pod's run time on the wall clock, and more
    code, body = served_frozen.https("GET", f"{PODS}/still", {"Authorization": f"Bearer {served_frozen.token}"})
    assert json.loads(body)["status"]["phase"] == "Running"
    # `cluster advance` moves the frozen clock; the server reads it, and so does its next answer.
    assert served_frozen.pykubectl(["cluster", "advance", "5s"])[2] == 0
    code, body = served_frozen.https("GET", f"{PODS}/still", {"Authorization": f"Bearer {served_frozen.token}"})
    assert json.loads(body)["status"]["phase"] == "Succeeded"
