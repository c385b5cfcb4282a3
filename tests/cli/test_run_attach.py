"""kubectl run with -i/--stdin, -t/--tty, --attach and --rm, as real kubectl 1.32 printed it through `pykubectl
serve` (stdout, stderr and exit code of each command below were recorded that way, on a fresh store): the pod is
created, kubectl waits until it runs, tries to attach, and the simulated kubelet refuses; kubectl warns and prints
the container's log instead, then (--restart=Never/OnFailure) waits until the pod completes and exits with its
container's exit code; --rm deletes what run created at the end. Run()'s checks come in kubectl's order.

The CLI runs on a frozen clock here: the waits move the cluster's clock to its next wake-up (no real sleep), where
kubectl through serve waited the ~5 s the simulated containers run."""

from __future__ import annotations

PROMPT = "If you don't see a command prompt, try pressing enter.\n"
TTY = "Unable to use a TTY - input is not a terminal or the right kind of file\n"
SEE = "See 'kubectl run -h' for help and examples\n"


def _warning(name: str) -> str:
    return (f"warning: couldn't attach to pod/{name}, falling back to streaming logs: Internal error occurred: "
            "unable to upgrade connection: the simulated kubelet of pykubectl does not run containers; attach is not "
            "supported\n")


def _outcome(res) -> tuple[str, str, int]:
    return res.out, res.err, res.code


def test_rm_with_never_prints_the_log_then_deletes_the_pod(run) -> None:
    res = run(["run", "e1", "--image=busybox", "-i", "--rm", "--restart=Never", "--", "echo", "hi"])
    assert _outcome(res) == ('hi\npod "e1" deleted\n', PROMPT + _warning("e1"), 0)
    assert run("get pod e1").err == 'Error from server (NotFound): pods "e1" not found\n'


def test_a_command_that_prints_nothing(run) -> None:
    res = run(["run", "r4", "--image=nginx", "-i", "--rm", "--restart=Never", "--", "true"])
    assert _outcome(res) == ('pod "r4" deleted\n', PROMPT + _warning("r4"), 0)
    res = run(["run", "f11", "--image=busybox", "-i", "--rm", "--restart=Never"])
    assert _outcome(res) == ('pod "f11" deleted\n', PROMPT + _warning("f11"), 0)


def test_the_container_exit_code_is_run_exit_code(run) -> None:
    res = run(["run", "e2", "--image=busybox", "-i", "--rm", "--restart=Never", "--", "sh", "-c", "exit 3"])
    assert _outcome(res) == ('pod "e2" deleted\n', PROMPT + _warning("e2") + "pod default/e2 terminated (Error)\n", 3)
    res = run(["run", "f2", "--image=busybox", "-i", "--restart=Never", "--", "sh", "-c", "echo out; exit 2"])
    assert _outcome(res) == ("out\n", PROMPT + _warning("f2") + "pod default/f2 terminated (Error)\n", 2)


def test_on_failure_and_the_default_restart_policy(run) -> None:
    res = run(["run", "e3", "--image=busybox", "-i", "--rm", "--restart=OnFailure", "--", "echo", "hi"])
    assert _outcome(res) == ('hi\npod "e3" deleted\n', PROMPT + _warning("e3"), 0)
    res = run(["run", "e4", "--image=busybox", "-i", "--rm", "--", "echo", "hi"])
    assert _outcome(res) == ('hi\npod "e4" deleted\n', PROMPT + _warning("e4"), 0)


def test_on_failure_that_keeps_failing_times_out(run) -> None:
    res = run(["run", "f1", "--image=busybox", "-i", "--rm", "--restart=OnFailure", "--pod-running-timeout=4s", "--",
               "sh", "-c", "exit 3"])
    assert _outcome(res) == ('pod "f1" deleted\n',
                             PROMPT + _warning("f1") + "error: timed out waiting for the condition\n", 1)


def test_expose_reports_the_service_and_rm_deletes_both(run) -> None:
    res = run(["run", "e6", "--image=busybox", "-i", "--rm", "--expose", "--port=80", "--restart=Never", "--",
               "echo", "hi"])
    assert _outcome(res) == ('service/e6 created\nhi\npod "e6" deleted\nservice "e6" deleted\n',
                             PROMPT + _warning("e6"), 0)
    assert run("get svc e6").code == 1


def test_attach_without_stdin_quiet_and_tty(run) -> None:
    res = run(["run", "e8", "--image=busybox", "--attach", "--restart=Never", "--", "echo", "hi"])
    assert _outcome(res) == ("hi\n", PROMPT + _warning("e8"), 0)
    res = run(["run", "e8", "--image=busybox", "-i", "--rm", "--restart=Never", "--", "echo", "hi"])
    assert _outcome(res) == ("", 'Error from server (AlreadyExists): pods "e8" already exists\n', 1)
    res = run(["run", "e9", "--image=busybox", "-i", "-q", "--rm", "--restart=Never", "--", "echo", "hi"])
    assert _outcome(res) == ("hi\n", _warning("e9"), 0)
    res = run(["run", "e10", "--image=busybox", "-it", "--rm", "--restart=Never", "--", "echo", "hi"])
    assert _outcome(res) == ('hi\npod "e10" deleted\n', TTY + PROMPT + _warning("e10"), 0)


def test_leave_stdin_open_namespace_and_output(run) -> None:
    res = run(["run", "f3", "--image=busybox", "-i", "--rm", "--restart=Never", "--leave-stdin-open", "--", "echo",
               "hi"])
    assert _outcome(res) == ('hi\npod "f3" deleted\n', PROMPT + _warning("f3"), 0)
    res = run(["run", "f10", "--image=busybox", "-i", "--rm", "-n", "kube-public", "--restart=Never", "--", "echo",
               "hi"])
    assert _outcome(res) == ('hi\npod "f10" deleted\n', PROMPT + _warning("f10"), 0)
    res = run(["run", "f12", "--image=busybox", "-i", "--rm", "--restart=Never", "-o", "yaml", "--", "echo", "hi"])
    assert _outcome(res) == ('hi\npod "f12" deleted\n', PROMPT + _warning("f12"), 0)


def test_checks_in_kubectl_order(run) -> None:
    cases = [
        (["r3", "--image=nginx", "--rm"], "error: --rm should only be used for attached containers\n" + SEE),
        (["f4", "--image=busybox", "--rm", "--restart=Never"],
         "error: --rm should only be used for attached containers\n" + SEE),
        (["f5", "--image=busybox", "-i", "--attach=false", "--rm"],
         "error: --rm should only be used for attached containers\n" + SEE),
        (["e5", "--image=busybox", "-t"], "error: -i/--stdin is required for containers with -t/--tty=true\n" + SEE),
        (["e7", "--image=busybox", "-i", "--dry-run=client"],
         "error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or "
         "--tty)\n" + SEE),
        (["f6", "--image=busybox", "-i", "--rm", "--restart=Bogus"], "error: invalid restart policy: Bogus\n" + SEE),
        (["f7", "--image=busybox", "-i", "--rm", "--image-pull-policy=Sometimes"],
         "error: invalid image pull policy: Sometimes\n" + SEE),
        (["f8", "--image=Bad_Image", "-i", "--rm"],
         'error: Invalid image name "Bad_Image": invalid reference format\n'),
        (["f9", "--image=busybox", "-i", "--rm", "--pod-running-timeout=0s"],
         "error: --pod-running-timeout must be higher than zero\n" + SEE),
    ]
    for args, err in cases:
        res = run(["run", *args, "--", "echo", "hi"])
        assert _outcome(res) == ("", err, 1), args
    assert run("get pods").err == "No resources found in default namespace.\n"


def test_more_checks_in_kubectl_order(run) -> None:
    cases = [
        (["o1", "--image=Bad_Image", "-t", "--rm", "--restart=Bogus"],
         'error: Invalid image name "Bad_Image": invalid reference format\n'),
        (["o2", "--image=busybox", "-t", "--expose", "--restart=Bogus"],
         "error: -i/--stdin is required for containers with -t/--tty=true\n" + SEE),
        (["o3", "--image=busybox", "--expose", "--restart=Bogus", "--rm"],
         "error: --port must be set when exposing a service\n" + SEE),
        (["o4", "--image=busybox", "--restart=Bogus", "--rm", "--dry-run=client"],
         "error: invalid restart policy: Bogus\n" + SEE),
        (["o5", "--image=busybox", "--rm", "--dry-run=client", "--image-pull-policy=X"],
         "error: --rm should only be used for attached containers\n" + SEE),
        (["o6", "--image=busybox", "-i", "--dry-run=client", "--image-pull-policy=X"],
         "error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or "
         "--tty)\n" + SEE),
        (["--image=busybox", "-i", "--pod-running-timeout=0s"], "error: NAME is required for run\n" + SEE),
        (["o7", "--image=", "-i"], "error: --image is required\n"),
        (["o8", "--image=busybox", "--pod-running-timeout=0s", "--rm", "-t"],
         "error: --pod-running-timeout must be higher than zero\n" + SEE),
        (["o11", "--image=busybox", "-i", "--rm", "--cascade=bogus"],
         'error: invalid cascade value (bogus). Must be "background", "foreground", or "orphan"\n'),
        (["--image=busybox", "--cascade=bogus"],
         'error: invalid cascade value (bogus). Must be "background", "foreground", or "orphan"\n'),
    ]
    for args, err in cases:
        res = run(["run", *args])
        assert _outcome(res) == ("", err, 1), args


def test_command_overrides_and_an_unused_override_type(run) -> None:
    res = run(["run", "o9", "--image=busybox", "-i", "--rm", "--restart=Never", "--command", "--", "sh", "-c",
               "echo a; echo b"])
    assert _outcome(res) == ('a\nb\npod "o9" deleted\n', PROMPT + _warning("o9"), 0)
    overrides = '{"spec":{"containers":[{"name":"o12","image":"busybox","args":["echo","ov"]}]}}'
    res = run(["run", "o12", "--image=busybox", "-i", "--rm", "--restart=Never", f"--overrides={overrides}"])
    assert _outcome(res) == ('ov\npod "o12" deleted\n', PROMPT + _warning("o12"), 0)
    res = run(["run", "o13", "--image=busybox", "-i", "--rm", "--restart=Never", "--override-type=bogus", "--",
               "echo", "hi"])
    assert _outcome(res) == ('hi\npod "o13" deleted\n', PROMPT + _warning("o13"), 0)


def test_pods_left_by_attached_runs(run) -> None:
    run(["run", "f2", "--image=busybox", "-i", "--restart=Never", "--", "sh", "-c", "echo out; exit 2"])
    run(["run", "e8", "--image=busybox", "--attach", "--restart=Never", "--", "echo", "hi"])
    res = run(["get", "pod", "f2", "e8", "--no-headers", "-o", "custom-columns=N:.metadata.name,P:.status.phase"])
    assert res.out == "f2    Failed\ne8    Succeeded\n"


def _never_ready(name: str, args: list[str]) -> str:
    import json

    container = {"name": name, "image": "busybox", "args": args, "readinessProbe": {"exec": {"command": ["false"]}}}
    return "--overrides=" + json.dumps({"spec": {"containers": [container]}}, separators=(",", ":"))


def test_a_pod_that_completes_before_it_is_ready_gets_its_log_without_an_attach(run) -> None:
    res = run(["run", "q1", "--image=busybox", "-i", "--rm", "--restart=Never", _never_ready("q1", ["echo", "done"])])
    assert _outcome(res) == ('done\npod "q1" deleted\n', "", 0)


def test_the_waits_end_at_the_pod_running_timeout(run) -> None:
    res = run(["run", "q2", "--image=busybox", "-i", "--rm", "--pod-running-timeout=3s",
               _never_ready("q2", ["sleep", "3600"])])
    assert _outcome(res) == ('pod "q2" deleted\n', "error: timed out waiting for the condition\n", 1)
    res = run(["run", "q3", "--image=busybox", "-i", "--rm", "--restart=Never", "--pod-running-timeout=3s", "--",
               "sleep", "10"])
    assert _outcome(res) == ('pod "q3" deleted\n',
                             PROMPT + _warning("q3") + "error: timed out waiting for the condition\n", 1)
