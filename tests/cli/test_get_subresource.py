"""get --subresource status|scale, as real kubectl 1.32 printed it through pykubectl serve."""

from __future__ import annotations


def test_scale_and_status_of_a_named_object(run) -> None:
    assert run(["create", "deployment", "web", "--image=nginx"]).code == 0
    res = run(["get", "deploy", "web", "--subresource=scale"])
    assert res.code == 0 and res.out.splitlines()[0].split() == ["NAME", "AGE"]
    assert res.out.splitlines()[1].split()[0] == "web"
    res = run(["get", "deploy", "web", "--subresource=status"])
    assert res.out.splitlines()[0].split() == ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"]
    out = run(["get", "deploy", "web", "--subresource=scale", "-o", "yaml"]).out
    assert out.startswith("apiVersion: autoscaling/v1\nkind: Scale\nmetadata:\n")
    assert out.endswith("spec:\n  replicas: 1\nstatus:\n  replicas: 1\n  selector: app=web\n")


def test_subresource_errors(run) -> None:
    assert run(["create", "deployment", "web", "--image=nginx"]).code == 0
    res = run(["get", "deploy", "--subresource=scale"])
    assert (res.code, res.out, res.err) == (1, "", "error: subresource cannot be used when bulk resources are "
                                                   "specified\n")
    res = run(["get", "deploy", "web", "--subresource=foo"])
    assert (res.code, res.err) == (1, "Error from server (NotFound): the server could not find the requested "
                                      "resource\n")
    res = run(["get", "cm", "gone", "--subresource=status"])
    assert (res.code, res.err) == (1, 'Error from server (NotFound): configmaps "gone" not found\n')
    res = run(["get", "deploy", "web", "zz", "--subresource=scale"])
    assert res.code == 1 and res.out.split()[2] == "web"
    assert res.err == 'Error from server (NotFound): deployments.apps "zz" not found\n'
    res = run(["get", "deploy", "web", "zz", "--subresource=scale", "--ignore-not-found"])
    assert (res.code, res.err) == (0, "")
