"""kubectl 1.32's deprecated --record, as real kubectl answered through pykubectl serve (2026-12-06): cobra's
deprecation line on stderr, and each object the command writes gets kubernetes.io/change-cause = the program's
name, the words that are not flags, then every flag as --name=value in order (-n as --namespace=…, --record as
--record=true); `rollout history` shows it. Commands without the flag (replace, set env, create's subcommands,
rollout) refuse it as an unknown flag."""

from __future__ import annotations

import os
import sys

DEPRECATED = "Flag --record has been deprecated, --record will be removed in the future\n"


def _cause(run, *what: str) -> str:
    return run(["get", *what, "-o", "jsonpath={.metadata.annotations.kubernetes\\.io/change-cause}"]).out


def test_record_writes_the_command_line(run) -> None:
    base = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else "kubectl"
    assert run(["create", "namespace", "team"]).code == 0
    assert run(["create", "deployment", "web", "--image=nginx", "-n", "team"]).code == 0
    res = run(["set", "image", "deploy/web", "nginx=nginx:1.28", "-n", "team", "--record"])
    assert (res.code, res.out, res.err) == (0, "deployment.apps/web image updated\n", DEPRECATED)
    want = f"{base} set image deploy/web nginx=nginx:1.28 --namespace=team --record=true"
    assert _cause(run, "deploy", "web", "-n", "team") == want
    history = run(["rollout", "history", "deploy/web", "-n", "team"]).out
    assert history.splitlines()[2:4] == ["1         <none>", f"2         {want}"]
    res = run(["scale", "deploy", "web", "--replicas=2", "--record", "-n", "team"])
    assert (res.code, res.err) == (0, DEPRECATED)
    assert _cause(run, "deploy", "web", "-n", "team") == f"{base} scale deploy web --replicas=2 --record=true --namespace=team"
    res = run(["label", "deploy", "web", "x=1", "--record=false", "-n", "team"])
    assert (res.code, res.err) == (0, DEPRECATED)
    assert _cause(run, "deploy", "web", "-n", "team").startswith(f"{base} scale ")  # --record=false records nothing


def test_commands_without_the_flag_refuse_it(run) -> None:
    assert run(["create", "deployment", "web", "--image=nginx"]).code == 0
    res = run(["set", "env", "deploy/web", "A=1", "--record"])
    assert (res.code, res.err) == (1, "error: unknown flag: --record\nSee 'kubectl set env --help' for usage.\n")
    res = run(["create", "configmap", "c", "--record"])
    assert res.code == 1 and res.err.startswith("error: unknown flag: --record")
