"""`pykubectl serve` driven by REAL kubectl 1.32 over HTTPS: what it prints equals what pykubectl's own CLI prints
for the same store, writes go through the API server's checks and the controllers, errors carry the same texts,
and the transport refuses clients without credentials and plain HTTP.

The server runs as a subprocess on a free loopback port with a throw-away store and a frozen clock (so ages
agree without masking); it is stopped with SIGINT (Ctrl-C) in the fixture's teardown whatever the test did."""

from __future__ import annotations

import base64
import http.client
import json
import os
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Iterator

import pytest
import yaml

from tests.conftest import FROZEN_NOW, Runner

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "fixtures" / "seed" / "order-deployment.yaml"


def _kubectl_132() -> str | None:
    found = shutil.which("kubectl")
    if not found:
        return None
    candidate = Path(os.path.realpath(found)).parent / "kubectl.1.32"
    return str(candidate) if candidate.is_file() and os.access(candidate, os.X_OK) else None


KUBECTL = _kubectl_132()
needs_kubectl = pytest.mark.skipif(KUBECTL is None, reason="real kubectl 1.32 (kubectl.1.32 beside the kubectl on "
                                                          "PATH) is not installed")


class Served:
    """``frozen``: the server's clock stands at FROZEN_NOW (time moves only by `cluster advance`), else it is the
    wall clock and the served cluster's time-driven work runs as it comes due."""

    def __init__(self, tmp: Path, frozen: bool = True):
        self.tmp = tmp
        self.store = str(tmp / "store.db")
        self.kubeconfig = str(tmp / "kubeconfig")
        env = dict(os.environ, PYKUBECTL_SEED="7", PYKUBECTL_STORE=self.store)
        if frozen:
            env["PYKUBECTL_NOW"] = FROZEN_NOW
        else:
            env.pop("PYKUBECTL_NOW", None)
        env.pop("KUBECONFIG", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-c", "from pykubectl.cli.entry import run; run()", "serve", "--port", "0",
             "--write-kubeconfig", self.kubeconfig],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=str(ROOT))
        line = self.proc.stdout.readline()  # printed once the port is bound and the kubeconfig written
        if not line.startswith("Serving the cluster of "):
            self.stop()
            raise AssertionError(f"serve did not start: {line!r} {self.proc.stderr.read()!r}")
        self.url = line.rsplit(" at ", 1)[1].strip()
        self.port = int(self.url.rsplit(":", 1)[1])
        self.cli = Runner(self.store)
        cfg = yaml.safe_load(Path(self.kubeconfig).read_text())
        self.ca = base64.b64decode(cfg["clusters"][0]["cluster"]["certificate-authority-data"])
        self.token = next(u["user"]["token"] for u in cfg["users"] if "token" in u["user"])

    def kubectl(self, cmd: list[str], kubeconfig: str | None = None) -> tuple[str, str, int]:
        env = {"PATH": os.environ.get("PATH", ""), "HOME": str(self.tmp), "KUBECONFIG": kubeconfig or self.kubeconfig}
        p = subprocess.run([KUBECTL, *cmd], capture_output=True, text=True, env=env, cwd=str(self.tmp), timeout=120)
        return p.stdout, p.stderr, p.returncode

    def pykubectl(self, cmd: list[str]) -> tuple[str, str, int]:
        r = self.cli(cmd)
        return r.out, r.err, r.code

    def https(self, method: str, path: str, headers: dict | None = None, body: bytes | None = None) -> tuple[int, bytes]:
        ctx = ssl.create_default_context(cadata=self.ca.decode())
        conn = http.client.HTTPSConnection("127.0.0.1", self.port, context=ctx, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            resp = conn.getresponse()
            return resp.status, resp.read()
        finally:
            conn.close()

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for f in (self.proc.stdout, self.proc.stderr):
            f.close()
        return self.proc.returncode


def serving(prefix: str, frozen: bool = True) -> Iterator[Served]:
    """A `pykubectl serve` on a store of its own in a fresh directory, stopped and removed afterwards."""
    tmp = Path(tempfile.mkdtemp(prefix=prefix))
    s = Served(tmp, frozen=frozen)
    try:
        yield s
    finally:
        s.stop()
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="module")
def served():
    yield from serving("pykubectl-serve-test-")


@pytest.fixture(scope="module")
def applied(served: Served) -> Served:
    """The seed's Deployment and Service, applied by real kubectl (client-side apply: GET, then POST)."""
    out, err, code = served.kubectl(["apply", "-f", str(SEED)])
    assert (out, err, code) == ("deployment.apps/order-deployment created\nservice/order-service created\n", "", 0)
    return served


def _mask_event_ages(text: str) -> str:
    """describe's events show ages kubectl computes from the wall clock (the server's clock is frozen): the
    Events table is compared cell by cell without its Age column."""
    head, sep, events = text.partition("\nEvents:\n")
    if not sep:
        return text
    rows = [line.split() for line in events.splitlines()]
    return head + sep + "\n".join(" ".join(r[:2] + r[3:]) if len(r) > 3 else " ".join(r) for r in rows)


def _same(served: Served, cmd: list[str]) -> tuple[str, str, int]:
    real = served.kubectl(cmd)
    ours = served.pykubectl(cmd)
    if cmd[0] == "describe":
        real = (_mask_event_ages(real[0]), *real[1:])
        ours = (_mask_event_ages(ours[0]), *ours[1:])
    assert real == ours, f"kubectl {' '.join(cmd)}"
    return real


@needs_kubectl
@pytest.mark.parametrize("cmd", [
    "get pods", "get deploy,svc", "get all -A", "get pods -o wide", "get deploy order-deployment -o yaml",
    "get svc -o json", "get pods -o name", "get pods -l app=order --show-labels", "get rs -L app",
    "get pods --field-selector=status.phase=Running", "get nodes", "get ns default", "get deploy nope",
    "api-resources", "api-versions", "describe deploy order-deployment",
])
def test_reads_print_what_pykubectl_prints(applied: Served, cmd: str) -> None:
    _same(applied, cmd.split())


@needs_kubectl
def test_apply_ran_the_controllers_and_a_second_apply_is_unchanged(applied: Served) -> None:
    out, err, code = applied.kubectl(["get", "pods", "-o", "name"])
    assert code == 0 and len(out.splitlines()) == 3 and all(n.startswith("pod/order-deployment-") for n in out.split())
    out, err, code = applied.kubectl(["get", "deploy", "order-deployment", "-o", "jsonpath={.status.readyReplicas}"])
    assert (out, code) == ("3", 0)
    assert applied.kubectl(["apply", "-f", str(SEED)]) == (
        "deployment.apps/order-deployment unchanged\nservice/order-service unchanged\n", "", 0)


@needs_kubectl
def test_invalid_manifest_and_unknown_field_errors_are_the_clis(applied: Served) -> None:
    bad = applied.tmp / "bad.yaml"
    bad.write_text("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: bad}\nspec:\n  replicas: -1\n"
                   "  selector: {matchLabels: {app: bad}}\n  template:\n    metadata: {labels: {app: bad}}\n"
                   "    spec: {containers: [{name: c, image: nginx}]}\n")
    unknown = applied.tmp / "unknown.yaml"
    unknown.write_text("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: unknown}\ndata: {a: b}\nfoo: bar\n")
    for verb in ("apply", "create"):
        for f in (bad, unknown):
            out, err, code = _same(applied, [verb, "-f", str(f)])
            assert code == 1 and out == ""
    out, err, code = applied.kubectl(["apply", "-f", str(bad)])
    assert err == ('The Deployment "bad" is invalid: spec.replicas: Invalid value: -1: must be greater than or '
                   'equal to 0\n')
    assert "strict decoding error: unknown field \"foo\"" in applied.kubectl(["create", "-f", str(unknown)])[1]
    assert applied.pykubectl(["get", "deploy", "bad"])[2] == 1  # nothing was written


@needs_kubectl
def test_not_found_texts_are_the_clis(applied: Served) -> None:
    for cmd in (["get", "deploy", "nope"], ["delete", "deploy", "nope"], ["describe", "svc", "nope"],
                ["patch", "deploy", "nope", "-p", '{"spec":{"replicas":1}}']):
        out, err, code = _same(applied, cmd)
        assert code == 1
    assert applied.kubectl(["get", "deploy", "nope"])[1] == 'Error from server (NotFound): deployments.apps "nope" not found\n'


@needs_kubectl
def test_scale_patch_and_delete_write_through_the_api_server(applied: Served) -> None:
    assert applied.kubectl(["scale", "deploy", "order-deployment", "--replicas=5"]) == (
        "deployment.apps/order-deployment scaled\n", "", 0)
    out, _, _ = applied.pykubectl(["get", "pods", "-o", "name"])
    assert len(out.splitlines()) == 5  # the ReplicaSet controller ran after the PATCH of the scale subresource
    _same(applied, ["get", "deploy", "order-deployment"])
    # A dry run writes nothing; a patch the validation rejects neither.
    assert applied.kubectl(["scale", "deploy", "order-deployment", "--replicas=1", "--dry-run=server"])[2] == 0
    out, err, code = _same(applied, ["patch", "deploy", "order-deployment", "--type=merge", "-p",
                                     '{"spec":{"replicas":-2}}'])
    assert code == 1 and "Invalid value: -2" in err
    assert applied.pykubectl(["get", "deploy", "order-deployment", "-o", "jsonpath={.spec.replicas}"])[0] == "5"
    assert applied.kubectl(["patch", "deploy", "order-deployment", "--type=json", "-p",
                            '[{"op":"replace","path":"/spec/replicas","value":2}]'])[2] == 0
    assert len(applied.pykubectl(["get", "pods", "-o", "name"])[0].splitlines()) == 2
    assert applied.kubectl(["delete", "svc", "order-service"]) == ('service "order-service" deleted\n', "", 0)
    assert applied.pykubectl(["get", "svc", "order-service"])[1] == \
        'Error from server (NotFound): services "order-service" not found\n'
    # What the CLI writes meanwhile, kubectl sees.
    assert applied.pykubectl(["create", "deployment", "other", "--image=nginx"])[2] == 0
    _same(applied, ["get", "deploy"])


@needs_kubectl
def test_typed_client_bodies_in_protobuf_are_read(served: Served) -> None:
    """kubectl's typed clients send protobuf: what they create equals what pykubectl's CLI creates."""
    for cmd in (["create", "namespace", "typed"], ["create", "configmap", "typed", "--from-literal=a=b", "-n", "typed"],
                ["create", "secret", "generic", "typed", "--from-literal=p=q", "-n", "typed"],
                ["create", "deployment", "typed", "--image=nginx", "--replicas=2", "--port=80", "-n", "typed"],
                ["create", "service", "clusterip", "typed", "--tcp=80:8080", "-n", "typed"]):
        out, err, code = served.kubectl(cmd)
        assert (err, code) == ("", 0) and out.endswith(" created\n"), cmd
    names = ["namespace/typed", "configmap/typed", "secret/typed", "deployment/typed", "service/typed"]
    for name in names:
        mine = served.pykubectl(["get", name, "-n", "typed", "-o", "yaml"])
        theirs = served.kubectl(["get", name, "-n", "typed", "-o", "yaml"])
        assert theirs == mine and mine[2] == 0, name
    assert "hostPort" not in served.pykubectl(["get", "deploy/typed", "-n", "typed", "-o", "yaml"])[0]
    served.pykubectl(["delete", "namespace", "typed"])


# kubectl auth can-i and whoami against the admin's credentials, as recorded on a real v1.32 cluster
# (k8s-recordings scenario 17-auth-and-discovery).
AUTH_RECORDED = [
    ('auth can-i create pods', 'yes\n', '', 0),
    ('auth can-i delete nodes', 'yes\n', "Warning: resource 'nodes' is not namespace scoped\n\n", 0),
    ("auth can-i '*' '*'", 'yes\n', '', 0),
    ('auth can-i create pods --as=system:serviceaccount:default:default', 'no\n', '', 1),
    ('auth can-i list secrets -n kube-system --as=system:serviceaccount:default:default', 'no\n', '', 1),
    ('auth can-i get pods --subresource=log --as=jane', 'no\n', '', 1),
    ('auth can-i get /healthz --as=jane', 'yes\n', '', 0),
    ('auth can-i frobnicate pods', 'yes\n', "Warning: verb 'frobnicate' is not a known verb\n\n", 0),
    ('auth whoami | grep -v credential-id', 'ATTRIBUTE                                           VALUE\nUsername                                            kubernetes-admin\nGroups                                              [system:masters system:authenticated]\n', '', 0),
]


@needs_kubectl
@pytest.mark.parametrize("cmd,stdout,stderr,code", AUTH_RECORDED, ids=[c[0] for c in AUTH_RECORDED])
def test_auth_can_i_and_whoami_print_what_a_real_cluster_prints(served: Served, cmd: str, stdout: str, stderr: str,
                                                                code: int) -> None:
    import shlex

    args = shlex.split(cmd.split(" | ")[0])
    out, err, rc = served.kubectl(args)
    if " | grep -v credential-id" in cmd:
        credential = [line for line in out.splitlines(True) if "credential-id" in line]
        assert len(credential) == 1 and "[X509SHA256=" in credential[0]
        out = "".join(line for line in out.splitlines(True) if "credential-id" not in line)
    assert (out, err, rc) == (stdout, stderr, code)


@needs_kubectl
def test_a_service_account_bound_to_view_reads_but_cannot_create(served: Served) -> None:
    """RBAC on the ServiceAccount's token from `kubectl create token`: view lets it read, not create; secrets are
    not in view. (The 403 texts are derived from the API server's responsewriters.forbiddenMessage; recordings
    wanted.)"""
    assert served.kubectl(["create", "serviceaccount", "viewer"])[2] == 0
    assert served.kubectl(["create", "rolebinding", "viewer-view", "--clusterrole=view",
                           "--serviceaccount=default:viewer"])[2] == 0
    token, err, code = served.kubectl(["create", "token", "viewer"])
    assert code == 0 and token.count(".") == 2
    kc = str(served.tmp / "viewer.kubeconfig")
    cfg = yaml.safe_load(Path(served.kubeconfig).read_text())
    cfg["users"] = [{"name": "viewer", "user": {"token": token.strip()}}]
    cfg["contexts"][0]["context"]["user"] = "viewer"
    Path(kc).write_text(yaml.safe_dump(cfg))
    out, err, code = served.kubectl(["auth", "whoami", "-o", "jsonpath={.status.userInfo.username}"], kc)
    assert (out, err, code) == ("system:serviceaccount:default:viewer", "", 0)
    assert served.kubectl(["get", "configmaps"], kc)[2] == 0
    assert served.kubectl(["create", "configmap", "nope"], kc) == (
        "", 'error: failed to create configmap: configmaps is forbidden: User "system:serviceaccount:default:viewer" '
            'cannot create resource "configmaps" in API group "" in the namespace "default"\n', 1)
    assert served.kubectl(["get", "secrets"], kc) == (
        "", 'Error from server (Forbidden): secrets is forbidden: User "system:serviceaccount:default:viewer" cannot '
            'list resource "secrets" in API group "" in the namespace "default"\n', 1)
    assert served.kubectl(["get", "nodes"], kc)[1] == (
        'Error from server (Forbidden): nodes is forbidden: User "system:serviceaccount:default:viewer" cannot list '
        'resource "nodes" in API group "" at the cluster scope\n')
    assert served.kubectl(["auth", "can-i", "create", "pods"], kc) == ("no\n", "", 1)
    assert served.kubectl(["auth", "can-i", "list", "pods", "--as=system:serviceaccount:default:viewer"]) == (
        "yes\n", "", 0)
    # Impersonating needs the impersonate verb, which view does not give.
    assert served.kubectl(["get", "pods", "--as=jane"], kc)[1] == (
        'Error from server (Forbidden): users "jane" is forbidden: User "system:serviceaccount:default:viewer" '
        'cannot impersonate resource "users" in API group "" at the cluster scope\n')
    # A token is no longer accepted once its ServiceAccount is gone.
    assert served.kubectl(["delete", "serviceaccount", "viewer"])[2] == 0
    assert served.kubectl(["get", "pods"], kc) == (
        "", "error: You must be logged in to the server (Unauthorized)\n", 1)


@needs_kubectl
def test_kubectl_without_credentials_is_unauthorized(served: Served) -> None:
    cfg = yaml.safe_load(Path(served.kubeconfig).read_text())
    cfg["users"] = [{"name": cfg["contexts"][0]["context"]["user"], "user": {"token": "not-the-token"}}]
    wrong = served.tmp / "wrong-kubeconfig"
    wrong.write_text(yaml.safe_dump(cfg))
    out, err, code = served.kubectl(["get", "--raw", "/api/v1/namespaces"], kubeconfig=str(wrong))
    assert code == 1 and err.endswith("error: You must be logged in to the server (Unauthorized)\n")


def test_no_credentials_401_and_bearer_token_200(served: Served) -> None:
    code, body = served.https("GET", "/api/v1/namespaces/default/pods")
    assert code == 401
    assert json.loads(body) == {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                                "message": "Unauthorized", "reason": "Unauthorized", "code": 401}
    code, body = served.https("GET", "/api/v1/namespaces", {"Authorization": f"Bearer {served.token}"})
    assert code == 200
    assert [n["metadata"]["name"] for n in json.loads(body)["items"]] == [
        "default", "kube-node-lease", "kube-public", "kube-system"]


def test_plain_http_is_refused_as_gos_tls_server_refuses_it(served: Served) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", served.port, timeout=30)
    try:
        conn.request("GET", "/api")
        resp = conn.getresponse()
        assert (resp.status, resp.read()) == (400, b"Client sent an HTTP request to an HTTPS server.\n")
    finally:
        conn.close()


def test_health_version_and_aggregated_discovery(served: Served) -> None:
    auth = {"Authorization": f"Bearer {served.token}"}
    assert served.https("GET", "/readyz", auth) == (200, b"ok")
    code, body = served.https("GET", "/version", auth)
    assert code == 200 and json.loads(body)["gitVersion"] == "v1.32.6"
    code, body = served.https("GET", "/apis", {**auth, "Accept": "application/json;g=apidiscovery.k8s.io;v=v2;"
                                                              "as=APIGroupDiscoveryList,application/json"})
    doc = json.loads(body)
    assert doc["kind"] == "APIGroupDiscoveryList"
    apps = next(i for i in doc["items"] if i["metadata"]["name"] == "apps")
    deploy = next(r for r in apps["versions"][0]["resources"] if r["resource"] == "deployments")
    assert deploy["responseKind"] == {"group": "apps", "version": "v1", "kind": "Deployment"}
    assert {"subresource": "scale", "responseKind": {"group": "autoscaling", "version": "v1", "kind": "Scale"},
            "verbs": ["get", "patch", "update"]} in deploy["subresources"]


def test_ctrl_c_stops_the_server_cleanly(tmp_path: Path) -> None:
    s = Served(tmp_path)
    assert s.stop() == 0
    with pytest.raises(OSError):
        http.client.HTTPConnection("127.0.0.1", s.port, timeout=5).connect()


@needs_kubectl
def test_apply_of_a_changed_manifest_patches_three_way(served: Served) -> None:
    cm = served.tmp / "cm.yaml"
    cm.write_text("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: '1', b: '2'}\n")
    assert served.kubectl(["apply", "-f", str(cm)]) == ("configmap/settings created\n", "", 0)
    cm.write_text("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: '3'}\n")
    assert served.kubectl(["apply", "-f", str(cm)]) == ("configmap/settings configured\n", "", 0)
    out, _, _ = served.pykubectl(["get", "cm", "settings", "-o", "jsonpath={.data}"])
    assert out == '{"a":"3"}'  # b, applied before and no longer, was deleted by the patch
    _same(served, ["get", "cm", "settings", "-o", "yaml"])


def _raw_request(served: Served, method: str, path: str, headers: dict, body: object) -> tuple[int, dict]:
    ctx = ssl.create_default_context(cadata=served.ca.decode())
    conn = http.client.HTTPSConnection("127.0.0.1", served.port, context=ctx, timeout=30)
    try:
        conn.request(method, path, body=body, headers={"Authorization": f"Bearer {served.token}", **headers},
                     encode_chunked=not isinstance(body, bytes))
        resp = conn.getresponse()
        return resp.status, json.loads(resp.read())
    finally:
        conn.close()


def test_chunked_bodies_are_read_and_oversized_ones_refused(served: Served) -> None:
    cm = json.dumps({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "chunked"}, "data": {"k": "v"}})
    code, obj = _raw_request(served, "POST", "/api/v1/namespaces/default/configmaps",
                             {"Content-Type": "application/json"}, iter([cm[:10].encode(), cm[10:].encode()]))
    assert (code, obj["data"]) == (201, {"k": "v"})
    big = json.dumps({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "big"},
                      "data": {"k": "x" * (3 * 1024 * 1024)}}).encode()
    code, st = _raw_request(served, "POST", "/api/v1/namespaces/default/configmaps",
                            {"Content-Type": "application/json"}, big)
    assert (code, st["reason"]) == (413, "RequestEntityTooLarge")
    assert served.pykubectl(["get", "cm", "big"])[2] == 1


@needs_kubectl
def test_rollout_status_and_wait_end_cleanly(applied: Served) -> None:
    assert applied.kubectl(["rollout", "status", "deploy/order-deployment"]) == (
        'deployment "order-deployment" successfully rolled out\n', "", 0)
    assert applied.kubectl(["wait", "--for=condition=Available", "deploy/order-deployment", "--timeout=60s"]) == (
        "deployment.apps/order-deployment condition met\n", "", 0)


@needs_kubectl
def test_exec_and_attach_are_refused_as_the_cli_refuses_them(applied: Served) -> None:
    """kubectl 1.32 tries a WebSocket first: serve accepts it and sends the refusal on the error channel, which
    kubectl prints as pykubectl's own exec does; without WebSockets (SPDY), the 500 Status."""
    pod = applied.pykubectl(["get", "pods", "-o", "jsonpath={.items[0].metadata.name}"])[0]
    refusal = ("error: Internal error occurred: unable to upgrade connection: the simulated kubelet of pykubectl does "
               "not run containers; {} is not supported\n")
    assert applied.kubectl(["exec", pod, "--", "ls"]) == ("", refusal.format("exec"), 1)
    assert applied.pykubectl(["exec", pod, "--", "ls"]) == ("", refusal.format("exec"), 1)
    prompt = "If you don't see a command prompt, try pressing enter.\n"
    assert applied.kubectl(["attach", pod]) == ("", prompt + refusal.format("attach"), 1)
    assert applied.pykubectl(["attach", pod]) == ("", prompt + refusal.format("attach"), 1)
    assert applied.kubectl(["attach", "-q", pod]) == applied.pykubectl(["attach", "-q", pod]) == (
        "", refusal.format("attach"), 1)
    assert applied.kubectl(["exec", "nope", "--", "ls"]) == ("", 'Error from server (NotFound): pods "nope" not '
                                                                 'found\n', 1)
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(applied.tmp), "KUBECONFIG": applied.kubeconfig,
           "KUBECTL_REMOTE_COMMAND_WEBSOCKETS": "false"}
    p = subprocess.run([KUBECTL, "exec", pod, "--", "ls"], capture_output=True, text=True, env=env, timeout=60)
    assert (p.stdout, p.stderr, p.returncode) == (
        "", "Error from server (InternalError): " + refusal.format("exec")[len("error: "):], 1)


@needs_kubectl
def test_get_watch_streams_what_the_cli_changes(applied: Served) -> None:
    import queue
    import threading

    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(applied.tmp), "KUBECONFIG": applied.kubeconfig}
    assert applied.pykubectl(["create", "deployment", "watched", "--image=nginx"])[2] == 0
    # -v=6 logs each response on stderr: the watch's "200 OK" says it is open. kubectl watches a named object
    # from resourceVersion 0 and drops the watch's first event (the object as it is then), so a change made
    # before the watch is open would never be printed (get.go; a real cluster behaves the same).
    proc = subprocess.Popen([KUBECTL, "get", "deploy", "watched", "-w", "--output-watch-events", "-v=6"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    lines: queue.Queue[str] = queue.Queue()
    watching = threading.Event()
    log: list[str] = []

    def read_log() -> None:
        for x in proc.stderr:
            log.append(x)
            if "watch=true" in x and "200 OK" in x:
                watching.set()

    threading.Thread(target=lambda: [lines.put(x) for x in proc.stdout], daemon=True).start()
    threading.Thread(target=read_log, daemon=True).start()

    def line() -> list[str]:
        try:
            return lines.get(timeout=60).split()  # a bound against a hang, not a timing
        except queue.Empty:
            proc.kill()
            raise AssertionError(f"no watch event within 60 s; kubectl said: {''.join(log)}") from None

    def until(event: list[str]) -> None:
        """Intermediate states a watcher may see first (the spec, then the status, as in a cluster) are skipped."""
        seen = []
        while (got := line()[:3]) != event:
            seen.append(got)
            assert got[:2] == ["MODIFIED", event[1]], (seen, event)

    try:
        assert line() == ["EVENT", "NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"]
        assert line()[:3] == ["ADDED", "watched", "1/1"]
        assert watching.wait(60), "".join(log)  # a bound against a hang, not a timing
        assert applied.pykubectl(["scale", "deploy", "watched", "--replicas=2"])[2] == 0
        until(["MODIFIED", "watched", "2/2"])
        assert applied.pykubectl(["delete", "deploy", "watched"])[2] == 0
        until(["DELETED", "watched", "2/2"])
    finally:
        proc.kill()
        proc.communicate()


@needs_kubectl
@pytest.mark.parametrize("cmd", [
    "auth can-i --list", "auth can-i --list -n kube-system --as=system:serviceaccount:default:lister",
    "auth can-i --list --no-headers --as=system:serviceaccount:default:lister",
    "auth can-i list pods --as=system:serviceaccount:default:lister",
    "auth can-i get pods/log --as=system:serviceaccount:default:lister",
    "auth can-i get deploy.apps --subresource=scale --as=system:serviceaccount:default:lister",
    "auth can-i create deployments --as=system:serviceaccount:default:lister",
    "auth can-i get pods --as=jane --as-group=readers", "auth can-i list pods -A --as=jane --as-group=readers",
    "auth can-i get widgets --as=jane", "auth can-i list nodes -n default --as=jane --as-group=readers",
    "auth can-i get pods -q --as=jane", "auth whoami --as=system:serviceaccount:default:lister -o json",
    "create token nope", "auth can-i delete roles.rbac.authorization.k8s.io --as=system:serviceaccount:default:lister",
])
def test_auth_commands_print_what_kubectl_prints_through_serve(served: Served, cmd: str) -> None:
    """pykubectl's own auth commands evaluate the store's RBAC as serve does: real kubectl through serve and
    pykubectl print the same, roles and bindings included."""
    import shlex

    if served.pykubectl(["get", "sa", "lister"])[2] != 0:
        for setup in (["create", "serviceaccount", "lister"],
                      ["create", "role", "pod-reader", "--verb=get,list", "--resource=pods,pods/log"],
                      ["create", "rolebinding", "lister-read", "--role=pod-reader",
                       "--serviceaccount=default:lister"],
                      ["create", "clusterrole", "readers", "--verb=get,list,watch", "--resource=pods,nodes"],
                      ["create", "clusterrolebinding", "readers", "--clusterrole=readers", "--group=readers"],
                      ["create", "clusterrole", "extra-view", "--verb=get", "--resource=deployments/scale"],
                      ["label", "clusterrole", "extra-view", "rbac.authorization.k8s.io/aggregate-to-view=true"],
                      ["create", "rolebinding", "lister-view", "--clusterrole=view",
                       "--serviceaccount=default:lister"]):
            assert served.pykubectl(setup)[2] == 0, setup
    args = shlex.split(cmd)
    assert served.pykubectl(args) == served.kubectl(args)


def test_a_patch_that_empties_labels_leaves_no_empty_map(served: Served) -> None:
    """Through Go's types an emptied omitempty map is gone: after real kubectl removes the last label the object has
    no labels key, as pykubectl's own `label x-` leaves it (serve used to keep `labels: {}`)."""
    assert served.kubectl(["create", "configmap", "emptied"])[2] == 0
    assert served.kubectl(["label", "configmap", "emptied", "q=1"])[:2] == ("configmap/emptied labeled\n", "")
    assert served.kubectl(["label", "configmap", "emptied", "q-"])[:2] == ("configmap/emptied unlabeled\n", "")
    out, err, code = served.kubectl(["get", "configmap", "emptied", "-o", "jsonpath={.metadata}"])
    assert code == 0 and '"labels"' not in out, out


def test_names_with_all_namespaces_are_refused(served: Served) -> None:
    """Real kubectl's builder refuses a name with -A for a namespaced kind; pykubectl's get says the same."""
    out, err, code = served.kubectl(["get", "pods", "nope", "-A"])
    assert (out, err, code) == ("", "error: a resource cannot be retrieved by name across all namespaces\n", 1)
    res = subprocess.run([sys.executable, "-c", "from pykubectl.cli.entry import run; run()", "get", "pods", "nope",
                          "-A"], capture_output=True, text=True, env={**os.environ, "PYKUBECTL_STORE":
                                                                         str(served.tmp / "cli.db")}, timeout=60)
    assert (res.stdout, res.stderr, res.returncode) == ("", err, 1)
