"""The page's actions that are not one REST request (and `rollout status`, kubectl's reading of a rollout): each is
the pykubectl command a user would type, run
in-process through the CLI's own entry (``cli.main.main``, which the dashboard verb hands to the server), so it obeys the same rules, prints the same messages
and changes the store the same way. The page shows the command with its output, so people learn the CLI too.

Only the commands listed here can be run, with arguments the page cannot turn into flags: names and durations are
checked against the shapes Kubernetes allows before they are put on the command line."""

from __future__ import annotations

import io
import re
import shlex
import sys
from typing import Any, Callable

from .. import errors

_NAME = re.compile(r"^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")  # DNS subdomain / label characters: never a flag
_DURATION = re.compile(r"^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h|d))+$")
ROLLOUT_KINDS = {"deployment", "daemonset", "statefulset"}


def _name(req: dict, key: str = "name") -> str:
    v = req.get(key)
    if not isinstance(v, str) or not _NAME.match(v):
        raise errors.BadRequest(f"{key}: a lowercase RFC 1123 name is required, not {v!r}")
    return v


def _rollout(verb: str) -> Callable[[dict], list[str]]:
    def argv(req: dict) -> list[str]:
        kind = str(req.get("kind") or "").lower()
        if kind not in ROLLOUT_KINDS:
            raise errors.BadRequest(f"rollout {verb}: kind must be one of {', '.join(sorted(ROLLOUT_KINDS))}")
        out = ["rollout", verb, f"{kind}/{_name(req)}", "-n", _name(req, "namespace")]
        if verb == "status":
            out.append("--watch=false")  # the state now, once: the page asks again when the store changes
        rev = req.get("toRevision")
        if verb == "undo" and rev not in (None, "", 0):
            if not isinstance(rev, int) or rev < 0:
                raise errors.BadRequest("toRevision must be a whole number")
            out.append(f"--to-revision={rev}")
        return out

    return argv


def _drain(req: dict) -> list[str]:
    out = ["drain", _name(req)]
    for flag, key in (("--ignore-daemonsets", "ignoreDaemonSets"), ("--delete-emptydir-data", "deleteEmptyDirData"),
                      ("--force", "force")):
        if req.get(key):
            out.append(flag)
    return out


def _apply(req: dict) -> list[str]:
    if not isinstance(req.get("manifest"), str):
        raise errors.BadRequest("apply: the manifest text is required")
    out = ["apply", "-f", "-"]
    if req.get("namespace"):
        out += ["-n", _name(req, "namespace")]
    return out


def _advance(req: dict) -> list[str]:
    d = req.get("duration")
    if not isinstance(d, str) or not _DURATION.match(d):
        raise errors.BadRequest(f"duration: a duration like 90s, 10m or 1h30m is required, not {d!r}")
    return ["cluster", "advance", d]


ACTIONS: dict[str, Callable[[dict], list[str]]] = {
    "rollout-status": _rollout("status"),
    "rollout-restart": _rollout("restart"),
    "rollout-undo": _rollout("undo"),
    "rollout-pause": _rollout("pause"),
    "rollout-resume": _rollout("resume"),
    "cordon": lambda req: ["cordon", _name(req)],
    "uncordon": lambda req: ["uncordon", _name(req)],
    "drain": _drain,
    "node-fail": lambda req: ["cluster", "nodes", "fail", _name(req)],
    "node-recover": lambda req: ["cluster", "nodes", "recover", _name(req)],
    "advance": _advance,
    "apply": _apply,  # the manifest is the command's standard input, as for `pykubectl apply -f -`
}


def command_line(req: Any) -> list[str]:
    if not isinstance(req, dict) or req.get("action") not in ACTIONS:
        raise errors.BadRequest(f"unknown action; one of: {', '.join(ACTIONS)}")
    return ACTIONS[req["action"]](req)


def run(env: Any, req: Any, run_command: Callable[[list[str], Any], int]) -> dict:
    """Run one action against the dashboard's store; the command, its exit code, stdout and stderr.
    ``run_command(argv, env) -> exit code`` is the CLI's entry (``cli.main.main``), handed down by the dashboard
    verb: imports point from the CLI down to the dashboard, never back."""
    from ..env import Env

    argv = command_line(req)
    out, err = io.StringIO(), io.StringIO()
    cmd_env = Env(store_url=env.resolved_store_url(), frozen_now=env.frozen_now, rand=env.rand, stdout=out,
                  stderr=err, store_from_flag=True)
    stdin = req.get("manifest") if "-" in argv else None  # `-f -`: the manifest is the standard input
    old_stdin = sys.stdin
    if stdin is not None:
        # The CLI reads `-f -` from sys.stdin; the server's own stdin is never read, and commands run one at a
        # time on the store's worker thread.
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8")
    try:
        code = run_command(argv, cmd_env)
    finally:
        sys.stdin = old_stdin
    shown = "pykubectl " + shlex.join(argv) + (" < manifest" if stdin is not None else "")
    return {"command": shown, "exitCode": code, "stdout": out.getvalue(),
            "stderr": err.getvalue()}
