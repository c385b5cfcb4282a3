"""attach: attach to a running container's process (checked, then answered: there is none)."""

from __future__ import annotations

import click

from .. import errors
from . import common
from ..api.podutil import streaming_refusal
from .attachable import CTX, pick_container, pod_for


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

    The simulated cluster runs no container processes: after kubectl's checks (the pod exists and has not
    completed, the container is one of its containers) the node refuses the connection, and pykubectl says so.

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
        phase = (pod.get("status") or {}).get("phase")
        if phase in ("Succeeded", "Failed"):
            raise errors.ClientError(f"error: cannot attach a container in a completed pod; current phase is "
                                     f"{phase}")
        name = container or pick_container(env, pod, None, quiet)
        spec = pod.get("spec") or {}
        found = next((c for group in ("containers", "initContainers", "ephemeralContainers")
                      for c in spec.get(group) or [] if c.get("name") == name), None)
        if found is None:
            raise errors.ClientError(f"error: cannot attach to the container: container {name} not found in pod "
                                     f"{pod['metadata']['name']}")
    if tty and not found.get("tty") and not quiet:
        common.err(env, f"error: Unable to use a TTY - container {name} did not allocate one")
    if not quiet:
        common.err(env, "If you don't see a command prompt, try pressing enter.")
    # The request for the attach subresource: the node refuses the connection upgrade (what serve answers too).
    raise errors.ClientError(f"error: {streaming_refusal('attach')}")


COMMANDS = {"attach": attach_cmd}
