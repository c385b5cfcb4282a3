"""rollout pause/resume/restart/undo -o and the printer flags, history's -o and --template, -k on every rollout
verb: as real kubectl 1.32 printed them through pykubectl serve."""

from __future__ import annotations


def _two_revisions(run) -> None:
    assert run(["create", "deploy", "rw", "--image=nginx"]).code == 0
    assert run(["set", "image", "deploy/rw", "nginx=nginx:2"]).code == 0


def test_pause_resume_restart_print_the_written_object(run) -> None:
    _two_revisions(run)
    res = run(["rollout", "pause", "deploy/rw", "-o", "jsonpath={.spec.paused} {.metadata.generation}"])
    assert (res.code, res.out) == (0, "true 3")
    res = run(["rollout", "pause", "deploy/rw", "-o", "name"])
    assert (res.code, res.out, res.err) == (1, "", 'error: deployments.apps "rw" is already paused\n')
    assert run(["rollout", "resume", "deploy/rw", "-o", "name"]).out == "deployment.apps/rw\n"
    res = run(["rollout", "restart", "deploy/rw", "-o", "jsonpath={.spec.template.metadata.annotations}"])
    assert res.out.startswith('{"kubectl.kubernetes.io/restartedAt":"')
    assert run(["rollout", "pause", "deploy/rw", "--template={{.spec.paused}}"]).out == "true"
    assert run(["rollout", "resume", "deploy/rw", "--template={{.spec.paused}}"]).out == "<no value>"


def test_undo_prints_the_object_as_read(run) -> None:
    _two_revisions(run)
    res = run(["rollout", "undo", "deploy/rw", "-o", "jsonpath={.spec.template.spec.containers[0].image} "
                                                   "{.metadata.generation}"])
    assert (res.code, res.out) == (0, "nginx:2 2")
    assert run(["get", "deploy", "rw", "-o", "jsonpath={.spec.template.spec.containers[0].image}"]).out == "nginx"
    assert run(["rollout", "undo", "deploy/rw", "-o", "name"]).out == "deployment.apps/rw\n"
    assert run(["rollout", "undo", "deploy/rw", "--dry-run=client", "-o", "name"]).out == "deployment.apps/rw\n"


def test_history_output_and_template(run) -> None:
    _two_revisions(run)
    res = run(["rollout", "history", "deploy/rw", "-o", "name"])
    assert res.code == 0 and len(res.out.splitlines()) == 2
    assert all(line.startswith("replicaset.apps/rw-") for line in res.out.splitlines())
    # A template alone is printed over the Deployment itself.
    assert run(["rollout", "history", "deploy/rw", "--template={{.kind}}"]).out == "Deployment"
    res = run(["rollout", "history", "deploy/rw", "--revision=7", "--template={{.kind}}"])
    assert (res.code, res.err) == (1, "error: unable to find the specified revision\n")


def test_kustomize_on_rollout(run, kz) -> None:
    assert run(["apply", "-k", str(kz)]).code == 0
    res = run(["rollout", "restart", "-k", str(kz)])
    assert (res.code, res.out, res.err) == (1, "deployment.apps/kz-web restarted\n",
                                            'error: services "kz-websvc" restarting is not supported\n')
    res = run(["rollout", "status", "-k", str(kz), "--watch=false"])
    assert res.out == 'deployment "kz-web" successfully rolled out\n'
    assert res.err == "error: no status viewer has been implemented for Service\n"
