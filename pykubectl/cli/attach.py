"""attach: attach to a running container's process (checked, then answered: there is none)."""

from __future__ import annotations

import click

from .. import errors
from . import common
from .attachable import CTX, no_processes, pick_container, pod_for


@click.command("attach", context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("-c", "--container", default=None, help="Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen")
@click.option("-i", "--stdin", "stdin_", is_flag=True, help="Pass stdin to the container")
@click.option("-t", "--tty", is_flag=True, help="Stdin is a TTY")
@click.option("-q", "--quiet", is_flag=True, help="Only print output from the remote session")
@click.option("--pod-running-timeout", default="1m0s", help="The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running")
def attach_cmd(args: tuple[str, ...], container: str | None, stdin_: bool, tty: bool, quiet: bool,
               pod_running_timeout: str) -> None:
    """Attach to a process that is already running inside an existing container.

    The simulated cluster runs no container processes: pykubectl checks the pod and container, then says so.

    \b
    Examples:
      # Get output from running pod mypod; use the 'kubectl.kubernetes.io/default-container' annotation
      # for selecting the container to be attached or the first container in the pod will be chosen
      pykubectl attach mypod
    """
    env = common.env_of()
    if not args:
        raise errors.UsageError("error: at least 1 argument is required for attach")
    if len(args) > 1:
        raise errors.UsageError("error: expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw 2: "
                                f"{list(args)}")
    store = common.open_store(env)
    with store.read() as tx:
        pod = pod_for(env, tx, args[0], logs_style=False)
        name = pick_container(env, pod, container, quiet)
    raise no_processes(pod, f'there is no process to attach to in container "{name}"')


COMMANDS = {"attach": attach_cmd}
