"""cp: copy files to and from containers (checked, then answered: no container file system)."""

from __future__ import annotations

import click

from .. import errors
from . import common
from ..api.podutil import streaming_refusal
from .attachable import CTX, check_exec_container, exec_container, pod_for


@click.command("cp", context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("-c", "--container", default=None, help="Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen")
@click.option("--no-preserve", is_flag=True, help="The copied file/directory's ownership and permissions will not be preserved in the container")
@click.option("--retries", type=int, default=0, help="Set number of retries to complete a copy operation from a container. Specify 0 to disable or any negative value for infinite retrying. The default is 0 (no retry).")
def cp_cmd(args: tuple[str, ...], container: str | None, no_preserve: bool, retries: int) -> None:
    """Copy files and directories to and from containers.

    The simulated cluster runs no container processes and has no container file systems: pykubectl checks the
    pod and container, then says so.

    \b
    Examples:
      # Copy /tmp/foo local file to /tmp/bar in a remote pod in namespace <some-namespace>
      pykubectl cp /tmp/foo <some-namespace>/<some-pod>:/tmp/bar
    """
    env = common.env_of()
    if len(args) != 2:
        raise errors.UsageError("error: source and destination are required")
    remote = [a for a in args if ":" in a]
    if not remote:
        raise errors.UsageError("error: one of src or dest must be a remote file specification")
    spec = remote[0].split(":", 1)[0]
    if "/" in spec:
        ns, pod_name = spec.split("/", 1)
        env.namespace = ns
    else:
        pod_name = spec
    store = common.open_store(env)
    with store.read() as tx:
        pod = pod_for(env, tx, pod_name, logs_style=False)
        name = exec_container(env, pod, container)
    check_exec_container(pod, name)
    # kubectl cp runs tar through exec: the node's kubelet refuses the upgrade as it refuses exec.
    raise errors.ClientError(f"error: {streaming_refusal('exec')}")


COMMANDS = {"cp": cp_cmd}
