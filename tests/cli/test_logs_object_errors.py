"""logs and exec on objects that are missing or have no pods (real kubectl 1.32 through pykubectl serve)."""

from __future__ import annotations


def test_logs_and_exec_of_objects_that_are_missing_or_have_no_pods(run) -> None:
    """Observed with real kubectl 1.32 through serve: logs words a missing TYPE/NAME as it does a missing pod; a kind
    without a selector is named by its Go type; --previous of a container that never ended is the kubelet's 400."""
    assert run(["create", "configmap", "cfg"]).code == 0
    assert run(["run", "alpha", "--image=nginx"]).code == 0
    res = run(["logs", "deploy/missing"])
    assert (res.code, res.err) == (1, 'error: error from server (NotFound): deployments.apps "missing" not found in '
                                      'namespace "default"\n')
    res = run(["exec", "deploy/missing", "--", "ls"])
    assert (res.code, res.err) == (1, 'Error from server (NotFound): deployments.apps "missing" not found\n')
    res = run(["logs", "cm/cfg"])
    assert res.err == "error: cannot get the logs from *v1.ConfigMap: selector for *v1.ConfigMap not implemented\n"
    res = run(["exec", "cm/cfg", "--", "ls"])
    assert res.err == "error: cannot attach to *v1.ConfigMap: selector for *v1.ConfigMap not implemented\n"
    res = run(["logs", "alpha", "--previous"])
    assert (res.code, res.err) == (1, 'Error from server (BadRequest): previous terminated container "alpha" in pod '
                                      '"alpha" not found\n')
