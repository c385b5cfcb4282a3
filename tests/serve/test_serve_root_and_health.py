"""The root's path list, /version, the health endpoints and a raw watch through `pykubectl serve`, as real kubectl
1.32's `get --raw` shows them, and pykubectl's own `get --raw` and `version` print the same (derived from kube-apiserver
v1.32's healthz package and raw JSON writer; the recorded scenario 17 holds `get --raw /readyz` = "ok")."""

from __future__ import annotations

import json

import pytest

from tests.serve.test_serve_kubectl import Served, needs_kubectl, serving


@pytest.fixture(scope="module")
def served():
    yield from serving("pykubectl-root-health-test-")


RAW = ["/", "/version", "/healthz", "/livez", "/readyz", "/readyz?verbose", "/healthz?verbose",
       "/livez?verbose&exclude=etcd&exclude=nope", "/readyz/shutdown", "/healthz/etcd", "/readyz/nope", "/nope",
       "/api/v1/namespaces?watch=1&timeoutSeconds=1",
       "/api/v1/namespaces?watch=true&timeoutSeconds=1&fieldSelector=metadata.name%3Ddefault"]


@needs_kubectl
@pytest.mark.parametrize("path", RAW)
def test_get_raw_prints_what_kubectl_prints_through_serve(served: Served, path: str) -> None:
    cmd = ["get", "--raw", path]
    assert served.pykubectl(cmd) == served.kubectl(cmd)


@needs_kubectl
def test_version_prints_the_servers_version_info_as_kubectl_does(served: Served) -> None:
    real = json.loads(served.kubectl(["version", "-o", "json"])[0])["serverVersion"]
    ours = json.loads(served.pykubectl(["version", "-o", "json"])[0])["serverVersion"]
    assert ours == real and list(ours) == list(real)


def test_root_lists_the_served_paths_sorted(served: Served) -> None:
    code, body = served.https("GET", "/", {"Authorization": f"Bearer {served.token}"})
    paths = json.loads(body)["paths"]
    assert code == 200 and body.startswith(b'{\n  "paths": [\n    "/.well-known/openid-configuration",\n')
    assert paths == sorted(paths)
    for p in ("/api", "/api/v1", "/apis", "/apis/", "/apis/apps", "/apis/apps/v1", "/healthz", "/livez/ping",
              "/readyz/informer-sync", "/openapi/v2", "/openapi/v3", "/version"):
        assert p in paths


def test_verbose_health_lists_each_check_then_passes(served: Served) -> None:
    auth = {"Authorization": f"Bearer {served.token}"}
    code, body = served.https("GET", "/readyz?verbose", auth)
    lines = body.decode().splitlines()
    assert code == 200 and lines[:5] == ["[+]ping ok", "[+]log ok", "[+]etcd ok", "[+]etcd-readiness ok",
                                         "[+]informer-sync ok"]
    assert lines[-2:] == ["[+]shutdown ok", "readyz check passed"]
    assert served.https("GET", "/livez?exclude=etcd", auth) == (200, b"ok")
    _, body = served.https("GET", "/livez?verbose&exclude=etcd&exclude=ping&exclude=log,nope", auth)
    assert b"[+]etcd excluded: ok\n" in body and b"[+]ping excluded: ok\n" in body and b"[+]log ok\n" in body
    assert b"[+]informer-sync" not in body
    assert body.endswith(b'\nwarn: some health checks cannot be excluded: no matches for "log,nope"\n'
                         b"livez check passed\n")
