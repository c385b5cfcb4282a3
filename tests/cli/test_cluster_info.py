"""cluster-info as kubectl 1.32 prints it (seen through `pykubectl serve` with real kubectl): plain text, the
control plane first, then every service labelled kubernetes.io/cluster-service=true in kube-system (or -n),
titled by its kubernetes.io/name label, linked through the API server's service proxy path."""

from __future__ import annotations

TAIL = "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n"


def test_plain_text_without_cluster_services(run) -> None:  # type: ignore[no-untyped-def]
    res = run("cluster-info")
    assert res.code == 0
    first, rest = res.out.split("\n", 1)
    assert first.startswith("Kubernetes control plane is running at ") and "\x1b" not in res.out
    assert rest == TAIL


def test_cluster_services_are_listed_with_their_proxy_links(run) -> None:  # type: ignore[no-untyped-def]
    for cmd in ("create service clusterip kube-dns --tcp=53:53 -n kube-system",
                "label svc kube-dns -n kube-system kubernetes.io/cluster-service=true kubernetes.io/name=CoreDNS",
                "create service clusterip metrics --tcp=443:443 -n kube-system",
                "label svc metrics -n kube-system kubernetes.io/cluster-service=true",
                "create service clusterip plain --tcp=80:80 -n kube-system"):
        assert run(cmd).code == 0, cmd
    lines = run("cluster-info").out.split("\n")
    host = lines[0].removeprefix("Kubernetes control plane is running at ")
    assert lines[1:3] == [
        f"CoreDNS is running at {host}/api/v1/namespaces/kube-system/services/kube-dns:53-53/proxy",
        f"metrics is running at {host}/api/v1/namespaces/kube-system/services/https:metrics:443-443/proxy"]
    assert "\n".join(lines[3:]) == TAIL
    # -n looks elsewhere
    assert run("cluster-info -n default").out.count(" is running at ") == 1
