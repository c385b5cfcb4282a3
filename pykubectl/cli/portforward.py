"""port-forward: forward local ports to a pod (checked, then answered: nothing listens)."""

from __future__ import annotations

import click

from .. import errors
from . import common
from ..api.podutil import streaming_refusal
from .attachable import CTX, pod_for


@click.command("port-forward", context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("--address", default="localhost", help="Addresses to listen on (comma separated). Only accepts IP addresses or localhost as a value. When localhost is supplied, kubectl will try to bind on both 127.0.0.1 and ::1 and will fail if neither of these addresses are available to bind.")
@click.option("--pod-running-timeout", default="1m0s", help="The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running")
def port_forward_cmd(args: tuple[str, ...], address: str, pod_running_timeout: str) -> None:
    """Forward one or more local ports to a pod.

    The simulated cluster runs no container processes, so nothing listens on the pod's ports: pykubectl checks
    the pod, then says so.

    \b
    Examples:
      # Listen on ports 5000 and 6000 locally, forwarding data to/from ports 5000 and 6000 in the pod
      pykubectl port-forward pod/mypod 5000 6000
    \b
      # Listen on port 8888 locally, forwarding to 5000 in the pod
      pykubectl port-forward pod/mypod 8888:5000
    """
    env = common.env_of()
    if len(args) < 2:
        raise errors.UsageError("error: TYPE/NAME and list of ports are required for port-forward\n"
                                "See 'kubectl port-forward -h' for help and examples")
    store = common.open_store(env)
    with store.read() as tx:
        pod = pod_for(env, tx, args[0], logs_style=False)
    raise errors.ClientError(f"error: error upgrading connection: {streaming_refusal('port-forward')}")


COMMANDS = {"port-forward": port_forward_cmd}
