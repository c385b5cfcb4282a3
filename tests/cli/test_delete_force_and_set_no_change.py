"""delete's grace-period rules (kubectl 1.32's delete.go, checked against real kubectl through pykubectl serve):
--force alone deletes at once with a warning and prints "force deleted"; --force with a positive grace period and
--now with --grace-period are refused; a bare --grace-period=0 is 1 (plain "deleted")."""

from __future__ import annotations

WARNING = ("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated."
           " The resource may continue to run on the cluster indefinitely.\n")


def test_force(run) -> None:
    assert run(["create", "configmap", "a"]).code == 0
    res = run(["delete", "configmap", "a", "--force"])
    assert (res.code, res.out, res.err) == (0, 'configmap "a" force deleted\n', WARNING)
    assert run(["create", "configmap", "b"]).code == 0
    res = run(["delete", "configmap", "b", "--force", "--dry-run=client"])
    assert (res.out, res.err) == ('configmap "b" force deleted (dry run)\n', WARNING)
    assert run(["delete", "configmap", "b", "--grace-period=0"]).out == 'configmap "b" deleted\n'


def test_refused_combinations(run) -> None:
    res = run(["delete", "configmap", "x", "--force", "--grace-period=5"])
    assert (res.code, res.err) == (1, "error: --force and --grace-period greater than 0 cannot be specified together\n")
    res = run(["delete", "configmap", "x", "--now", "--grace-period=5"])
    assert (res.code, res.err) == (1, "error: --now and --grace-period cannot be specified together\n")


def test_set_says_nothing_about_an_object_it_does_not_change(run) -> None:
    """kubectl set skips an object whose patch is "{}" (set_env.go and its siblings), as real kubectl did through
    serve: removing a variable that is not there prints nothing."""
    assert run(["create", "deployment", "web", "--image=nginx"]).code == 0
    res = run(["set", "env", "deployment/web", "NOPE-"])
    assert (res.code, res.out, res.err) == (0, "", "")
    assert run(["set", "env", "deployment/web", "A=1"]).out == "deployment.apps/web env updated\n"
    assert run(["set", "env", "deployment/web", "A=1"]).out == ""
