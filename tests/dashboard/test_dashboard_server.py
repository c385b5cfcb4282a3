"""The dashboard's HTTP server without a browser: REST requests reach serve's handler unchanged, writes need the
page's header and every request a Host the server answers for, the static files stay inside the package, the
long poll answers when another process changes the store, and actions run the CLI's command with its output."""

from __future__ import annotations

import http.client
import json
import threading
from pathlib import Path
from typing import Any, Iterator

import pytest

from pykubectl.env import Env, parse_time
from tests.conftest import FROZEN_NOW, Runner
from tests.dashboard.conftest import seed_store


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Any]:
    from pykubectl.dashboard.server import DashboardServer
    from pykubectl.serve.api import Api

    store = str(tmp_path / "store.db")
    run = Runner(store)
    seed_store(run)
    env = Env(store_url=store, frozen_now=parse_time(FROZEN_NOW))
    from pykubectl.cli.main import main

    server = DashboardServer(("127.0.0.1", 0), lambda: Api(env), main)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    server.cli = run  # type: ignore[attr-defined]
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def request(server: Any, method: str, path: str, body: Any = None, headers: dict | None = None) -> tuple[int, Any]:
    conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=30)
    data = body if isinstance(body, (bytes, str)) or body is None else json.dumps(body)
    try:
        conn.request(method, path, body=data, headers=headers or {})
        resp = conn.getresponse()
        raw = resp.read()
    finally:
        conn.close()
    ctype = resp.getheader("Content-Type") or ""
    return resp.status, json.loads(raw) if ctype.startswith("application/json") else raw.decode()


WRITE = {"X-Pykubectl-Dashboard": "1", "Content-Type": "application/json"}


def test_rest_reads_are_serves_answers(served):
    code, body = request(served, "GET", "/apis/apps/v1/namespaces/default/deployments/web")
    assert code == 200 and body["spec"]["replicas"] == 3
    code, body = request(served, "GET", "/apis/apps/v1/namespaces/default/deployments/nope")
    assert code == 404 and body["message"] == 'deployments.apps "nope" not found'


def test_writes_need_the_pages_header_and_a_host_it_serves(served):
    patch = {"spec": {"replicas": 4}}
    path = "/apis/apps/v1/namespaces/default/deployments/web/scale"
    code, body = request(served, "PATCH", path, patch, {"Content-Type": "application/merge-patch+json"})
    assert code == 401
    code, body = request(served, "PATCH", path, patch,
                         {**WRITE, "Content-Type": "application/merge-patch+json", "Host": "attacker.example"})
    assert code == 401
    code, body = request(served, "GET", "/", headers={"Host": "attacker.example:80"})
    assert code == 403
    assert served.cli("get deploy web -o jsonpath={.spec.replicas}").out == "3"
    code, body = request(served, "PATCH", path, patch, {**WRITE, "Content-Type": "application/merge-patch+json"})
    assert code == 200 and body["spec"]["replicas"] == 4
    assert served.cli("get deploy web -o jsonpath={.spec.replicas}").out == "4"


def test_static_files_come_from_the_package_only(served):
    code, text = request(served, "GET", "/")
    assert code == 200 and "<title>pykubectl dashboard</title>" in text
    conn = http.client.HTTPConnection("127.0.0.1", served.server_address[1], timeout=30)
    conn.request("GET", "/")
    resp = conn.getresponse()
    resp.read()
    conn.close()
    assert "frame-ancestors 'none'" in resp.getheader("Content-Security-Policy")
    code, text = request(served, "GET", "/static/app.js")
    assert code == 200 and "/dashboard/v1/changes" in text
    code, _ = request(served, "GET", "/static/../server.py")
    assert code == 404
    code, _ = request(served, "GET", "/static/%2e%2e/server.py")
    assert code == 404


def test_the_long_poll_answers_when_another_command_changes_the_store(served):
    code, first = request(served, "GET", "/dashboard/v1/changes?timeout=0")
    assert code == 200
    code, same = request(served, "GET", "/dashboard/v1/changes?timeout=0.3&since=" + first["version"])
    assert same["version"] == first["version"]  # nothing changed: the poll timed out
    result: dict = {}
    waiter = threading.Thread(target=lambda: result.update(request(
        served, "GET", "/dashboard/v1/changes?timeout=20&since=" + first["version"])[1]))
    waiter.start()
    assert served.cli("scale deployment web --replicas=1").code == 0
    waiter.join(30)
    assert result["version"] != first["version"]


def test_an_action_runs_the_clis_command_and_answers_its_output(served):
    code, body = request(served, "POST", "/dashboard/v1/actions",
                         {"action": "rollout-pause", "kind": "Deployment", "namespace": "default", "name": "web"}, WRITE)
    assert code == 200
    assert body == {"command": "pykubectl rollout pause deployment/web -n default", "exitCode": 0,
                    "stdout": "deployment.apps/web paused\n", "stderr": ""}
    code, body = request(served, "POST", "/dashboard/v1/actions",
                         {"action": "rollout-pause", "kind": "Deployment", "namespace": "default", "name": "web"}, WRITE)
    cli = served.cli("rollout pause deployment/web")
    assert (body["exitCode"], body["stdout"], body["stderr"]) == (cli.code, cli.out, cli.err)
    code, body = request(served, "POST", "/dashboard/v1/actions", {"action": "cordon", "name": "--all"}, WRITE)
    assert code == 400  # a name that would be a flag never reaches the command line
    code, body = request(served, "POST", "/dashboard/v1/actions", {"action": "cluster-reset"}, WRITE)
    assert code == 400 and body["message"].startswith("unknown action")


def test_yaml_is_kubectls_and_locate_finds_a_causes_line(served):
    code, text = request(served, "GET", "/dashboard/v1/yaml?path=/apis/apps/v1/namespaces/default/deployments/web")
    assert code == 200
    assert text == served.cli("get deployment web -o yaml").out
    doc = "kind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - name: c\n    image: ''\n"
    code, body = request(served, "POST", "/dashboard/v1/locate",
                         {"yaml": doc, "fields": ["spec.containers[0].image", "metadata.name", "spec.nodeName"]}, WRITE)
    assert body == {"lines": [7, 3, 4]}  # a field the text lacks: the deepest line the path reaches


def test_node_usage_counts_the_pods_get_places_on_each_node(served):
    served.cli("set resources deployment web --requests=cpu=100m,memory=64Mi")
    code, usage = request(served, "GET", "/dashboard/v1/usage")
    assert code == 200
    per_node: dict[str, list[str]] = {}
    for line in served.cli("get pods -o wide --no-headers").out.splitlines():
        per_node.setdefault(line.split()[6], []).append(line.split()[0])
    assert {n: u[2] for n, u in usage.items()} == {n: len(p) for n, p in per_node.items()}
    for node, names in per_node.items():  # web's pods request 100m and 64Mi each, api's nothing
        web = sum(1 for n in names if n.startswith("web-"))
        assert usage[node][:2] == [100 * web, 64 * 1024 * 1024 * web]


def test_the_dashboard_command_refuses_a_bad_port_and_a_busy_one(tmp_path, capsys):
    import socket

    run = Runner(str(tmp_path / "store.db"))
    r = run("dashboard --port 70000")
    assert (r.code, r.err) == (1, "error: invalid port 70000: must be between 0 and 65535\n")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        r = run(f"dashboard --port {port}")
    assert r.code == 1 and r.err.startswith(f"error: cannot listen on 127.0.0.1:{port}: ")
    capsys.readouterr()
    assert "pykubectl dashboard --open" in run("dashboard --help").out + capsys.readouterr().out  # click: sys.stdout


def test_advance_runs_cluster_advance_and_the_long_poll_sees_the_clock_move(served, tmp_path):
    code, before = request(served, "GET", "/dashboard/v1/changes?timeout=0")
    code, body = request(served, "POST", "/dashboard/v1/actions", {"action": "advance", "duration": "90s"}, WRITE)
    assert code == 200 and body["command"] == "pykubectl cluster advance 90s" and body["exitCode"] == 0
    twin = Runner(str(tmp_path / "twin.db"))
    seed_store(twin)
    assert body["stdout"] == twin("cluster advance 90s").out
    code, after = request(served, "GET", "/dashboard/v1/changes?timeout=0")
    assert after["version"] != before["version"] and after["now"] > before["now"]
    code, body = request(served, "POST", "/dashboard/v1/actions", {"action": "advance", "duration": "90s; reset"}, WRITE)
    assert code == 400


def test_a_serving_process_keeps_nothing_per_request():
    import gc
    import weakref

    from pykubectl import lifetime

    class Body(dict):
        pass

    lifetime.begin()  # the console script's run
    try:
        lifetime.serving()  # what the dashboard verb says before it serves
        obj = Body()
        gone = weakref.ref(obj)
        lifetime.keep(obj)  # what each reconcile does with its transaction
        del obj
        gc.collect()
        assert gone() is None
    finally:
        lifetime.serving()  # back to library mode for the other tests
