"""exec: run a command in a container (checked, then answered: the simulation has no processes)."""

from __future__ import annotations

import click

from .. import errors
from . import common
from ..api.podutil import streaming_refusal
from .attachable import CTX, check_exec_container, exec_container, pod_for


@click.command("exec", context_settings={**CTX, "allow_interspersed_args": True})
@click.argument("args", nargs=-1)
@click.option("-c", "--container", default=None, help="Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen")
@click.option("-f", "--filename", "files", multiple=True, help="to use to exec into the resource")
@click.option("-i", "--stdin", "stdin_", is_flag=True, help="Pass stdin to the container")
@click.option("-t", "--tty", is_flag=True, help="Stdin is a TTY")
@click.option("-q", "--quiet", is_flag=True, help="Only print output from the remote session")
@click.option("--pod-running-timeout", default="1m0s", help="The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running")
def exec_cmd(args: tuple[str, ...], container: str | None, files: tuple[str, ...], stdin_: bool, tty: bool,
             quiet: bool, pod_running_timeout: str) -> None:
    """Execute a command in a container.

    The simulated cluster runs no container processes: after kubectl's checks (the pod exists and has not
    completed, the container is one of its containers) the node refuses the connection, and pykubectl says so
    and exits 1.

    \b
    Examples:
      # Get output from running the 'date' command from pod mypod, using the first container by default
      pykubectl exec mypod -- date
    \b
      # Get output from running the 'date' command in ruby-container from pod mypod
      pykubectl exec mypod -c ruby-container -- date
    """
    env = common.env_of()
    raw = list(args)
    if not raw and not files:
        raise errors.UsageError("error: pod, type/name or --filename must be specified")
    ref = raw[0] if raw else ""
    command = raw[1:]
    if not command:
        raise errors.UsageError("error: you must specify at least one command for the container")
    store = common.open_store(env)
    with store.read() as tx:
        pod = pod_for(env, tx, ref, logs_style=False)
        phase = (pod.get("status") or {}).get("phase")
        if phase in ("Succeeded", "Failed"):
            raise errors.ClientError(f"error: cannot exec into a container in a completed pod; current phase is "
                                     f"{phase}")
        name = exec_container(env, pod, container, quiet)
    if stdin_ and tty and not quiet and not _stdin_is_terminal():
        # StreamOptions.SetupTTY, before the request
        common.err(env, "Unable to use a TTY - input is not a terminal or the right kind of file")
    check_exec_container(pod, name)
    # The request for the exec subresource: the node refuses the connection upgrade (what serve answers too).
    raise errors.ClientError(f"error: {streaming_refusal('exec')}")


def _stdin_is_terminal() -> bool:
    import sys

    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


COMMANDS = {"exec": exec_cmd}
