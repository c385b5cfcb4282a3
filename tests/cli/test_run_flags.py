"""run's flags kubectl 1.32 has beyond the generator's: --overrides/--override-type, --quiet, --leave-stdin-open,
--pod-running-timeout, and the deletion flags --rm uses (-f, -k, -R, --cascade, --force, --grace-period, --timeout,
--wait: accepted, checked as kubectl checks them, otherwise without effect). Expected texts: real kubectl 1.32
through pykubectl serve (it reads discovery even for a client dry run)."""

from __future__ import annotations


def test_deletion_flags_are_accepted(run) -> None:
    res = run(["run", "x", "--image=nginx", "-f", "/nonexist.yaml", "--dry-run=client", "-o", "name"])
    assert (res.code, res.out) == (0, "pod/x\n")
    res = run(["run", "x", "--image=nginx", "-k", "/nonexist", "-R", "--force", "--grace-period=3", "--cascade=orphan",
               "--timeout=5s", "--wait", "--quiet", "--pod-running-timeout=2s", "--leave-stdin-open",
               "--dry-run=client", "-o", "name"])
    assert (res.code, res.out, res.err) == (0, "pod/x\n", "")


def test_flag_value_errors(run) -> None:
    res = run(["run", "x", "--image=nginx", "--cascade=bogus", "--dry-run=client"])
    assert (res.code, res.err) == (1, 'error: invalid cascade value (bogus). Must be "background", "foreground", or '
                                      '"orphan"\n')
    for flag in ("--pod-running-timeout", "--timeout"):
        res = run(["run", "x", "--image=nginx", f"{flag}=bogus", "--dry-run=client"])
        assert (res.code, res.err) == (1, f'error: invalid argument "bogus" for "{flag}" flag: time: invalid duration '
                                          "\"bogus\"\nSee 'kubectl run --help' for usage.\n")


def test_overrides(run) -> None:
    res = run(["run", "x", "--image=nginx", '--overrides={"spec":{"nodeName":"n1"}}', "--dry-run=client", "-o", "yaml"])
    assert res.out == ("apiVersion: v1\nkind: Pod\nmetadata:\n  creationTimestamp: null\n  labels:\n    run: x\n"
                       "  name: x\nspec:\n  containers:\n  - image: nginx\n    name: x\n    resources: {}\n"
                       "  dnsPolicy: ClusterFirst\n  nodeName: n1\n  restartPolicy: Always\nstatus: {}\n")
    res = run(["run", "x", "--image=nginx", '--overrides={"spec":{"containers":[{"name":"x","image":"busybox"}]}}',
               "--override-type=strategic", "--dry-run=client", "-o", "jsonpath={.spec.containers[*].image}"])
    assert res.out == "busybox"
    # With --expose the generated Service keeps the labels run gave the pod; only the Pod is overridden.
    res = run(["run", "x", "--image=nginx", "--expose", "--port=80", '--overrides={"metadata":{"labels":{"z":"1"}}}',
               "--dry-run=client", "-o", "yaml"])
    assert "  selector:\n    run: x\nstatus:" in res.out and "  labels:\n    run: x\n    z: \"1\"\n" in res.out
    res = run(["run", "x", "--image=nginx", '--overrides={"apiVersion":"v9"}', "--dry-run=client"])
    assert (res.code, res.err) == (1, 'error: no kind "Pod" is registered for version "v9" in scheme '
                                      '"pkg/scheme/scheme.go:28"\n')


def test_override_reaches_the_cluster(run) -> None:
    assert run(["run", "ovr", "--image=nginx", '--overrides={"spec":{"nodeName":"pykubectl-worker2"}}']).out == \
        "pod/ovr created\n"
    assert run(["get", "pod", "ovr", "-o", "jsonpath={.spec.nodeName}"]).out == "pykubectl-worker2"
    assert run(["run", "x", "--image=nginx", "--template={{.metadata.name}}", "--dry-run=client"]).out == "x"
