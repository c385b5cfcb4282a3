"""logs, exec, attach, port-forward, cp: the verbs that talk to container processes.

The simulation has no container processes. Each verb makes the checks kubectl makes before it reaches a
container (arguments, the pod or its owner exists, the container is one of the pod's), then says so plainly and
exits 1. ``logs`` asks ``controllers.podlogs.container_log`` first, so simulated logs can be plugged in there.
"""

from __future__ import annotations

from typing import Any

import click

from .. import errors
from . import common

CTX = {"help_option_names": ["-h", "--help"], "ignore_unknown_options": False}
NO_PROCESSES = "pykubectl simulates the cluster: pod {pod} has no container processes"
OWNER_KINDS = {("apps", "Deployment"), ("apps", "ReplicaSet"), ("apps", "StatefulSet"), ("apps", "DaemonSet"),
               ("batch", "Job"), ("", "ReplicationController"), ("", "Service")}


def _pod_for(env: Any, tx: Any, ref: str, logs_style: bool) -> dict:
    """The pod named by POD, pod/NAME or TYPE/NAME (the first pod its selector picks), as kubectl finds it."""
    from ..api import registry, selectors
    from ..store.store import group_resource

    ns = common.namespace(env)
    if "/" not in ref:
        kind_name, name = "pods", ref
        pod = tx.get("", "Pod", ns, name)
        if pod is None:
            if logs_style:
                raise errors.ClientError(
                    f'error: error from server (NotFound): pods "{name}" not found in namespace "{ns}"')
            raise errors.NotFound(f'pods "{name}" not found')
        return pod
    t, name = ref.split("/", 1)
    kind = registry.resolve(t)
    if (kind.group, kind.kind) == ("", "Pod"):
        return _pod_for(env, tx, name, logs_style)
    obj = tx.get(kind.group, kind.kind, ns if kind.namespaced else "", name)
    if obj is None:
        raise errors.NotFound(f'{group_resource(kind.group, kind.kind)} "{name}" not found')
    if (kind.group, kind.kind) not in OWNER_KINDS:
        raise errors.ClientError(f"error: cannot attach to {kind.kind}: not implemented")
    sel = (obj.get("spec") or {}).get("selector")
    if kind.kind in ("Service", "ReplicationController"):
        sel = {"matchLabels": sel} if sel else None
    if not sel:
        raise errors.ClientError("error: cannot attach to a pod that has no selector")
    pods = sorted((p for p in tx.list("", "Pod", ns) if selectors.matches(sel, p["metadata"].get("labels") or {})),
                  key=lambda p: (p["metadata"].get("creationTimestamp", ""), p["metadata"]["name"]))
    if not pods:
        raise errors.ClientError("error: timed out waiting for the condition")
    return pods[0]


def _container(env: Any, pod: dict, name: str | None, quiet: bool = False) -> str:
    containers = [c["name"] for c in (pod.get("spec") or {}).get("containers") or []]
    inits = [c["name"] for c in (pod.get("spec") or {}).get("initContainers") or []]
    if name:
        if name not in containers + inits:
            raise errors.ClientError(f"error: container {name} is not valid for pod {pod['metadata']['name']}")
        return name
    if len(containers) + len(inits) > 1 and not quiet:
        annotated = (pod["metadata"].get("annotations") or {}).get("kubectl.kubernetes.io/default-container")
        if annotated in containers:
            return annotated
        listed = ", ".join(containers + [f"{c} (init)" for c in inits])
        common.err(env, f'Defaulted container "{containers[0]}" out of: {listed}')
    return containers[0]


def _waiting(pod: dict, container: str) -> str | None:
    for s in (pod.get("status") or {}).get("containerStatuses") or []:
        if s.get("name") == container and "waiting" in (s.get("state") or {}):
            return (s["state"]["waiting"] or {}).get("reason") or "ContainerCreating"
    if not (pod.get("status") or {}).get("containerStatuses"):
        return "ContainerCreating"
    return None


def _no_processes(pod: dict, what: str) -> errors.ClientError:
    ref = f"{pod['metadata']['namespace']}/{pod['metadata']['name']}"
    return errors.ClientError(f"error: {NO_PROCESSES.format(pod=ref)}: {what}")


@click.command("logs", context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("-c", "--container", default=None, help="Print the logs of this container")
@click.option("-f", "--follow", is_flag=True, help="Specify if the logs should be streamed.")
@click.option("-p", "--previous", is_flag=True, help="If true, print the logs for the previous instance of the container in a pod if it exists.")
@click.option("-l", "--selector", default=None, help="Selector (label query) to filter on.")
@click.option("--all-containers", is_flag=True, help="Get all containers' logs in the pod(s).")
@click.option("--all-pods", is_flag=True, help="Get logs from all pod(s). Sets prefix to true.")
@click.option("--prefix", is_flag=True, help="Prefix each log line with the log source (pod name and container name)")
@click.option("--tail", type=int, default=-1, help="Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided.")
@click.option("--since", default=None, help="Only return logs newer than a relative duration like 5s, 2m, or 3h.")
@click.option("--since-time", default=None, help="Only return logs after a specific date (RFC3339).")
@click.option("--timestamps", is_flag=True, help="Include timestamps on each line in the log output")
@click.option("--limit-bytes", type=int, default=0, help="Maximum bytes of logs to return. Defaults to no limit.")
@click.option("--ignore-errors", is_flag=True, help="If watching / following pod logs, allow for any errors that occur to be non-fatal")
@click.option("--max-log-requests", type=int, default=5, help="Specify maximum number of concurrent logs to follow when using by a selector.")
@click.option("--pod-running-timeout", default="20s", help="The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running")
def logs_cmd(args: tuple[str, ...], container: str | None, follow: bool, previous: bool, selector: str | None,
             all_containers: bool, all_pods: bool, prefix: bool, tail: int, since: str | None,
             since_time: str | None, timestamps: bool, limit_bytes: int, ignore_errors: bool,
             max_log_requests: int, pod_running_timeout: str) -> None:
    """Print the logs for a container in a pod or specified resource. If the pod has only one container, the
    container name is optional.

    The simulated cluster runs no container processes, so there are no logs: after kubectl's checks (the pod
    exists, the container is one of its containers) pykubectl says so and exits 1.

    \b
    Examples:
      # Return snapshot logs from pod nginx with only one container
      pykubectl logs nginx
    \b
      # Return snapshot logs from container nginx-1 of a deployment named nginx
      pykubectl logs deployment/nginx -c nginx-1
    """
    from ..controllers import podlogs
    from .get import parse_selector

    env = common.env_of()
    usage = ("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required "
             "argument for the logs command\nSee 'kubectl logs -h' for help and examples")
    if selector:
        if args:
            raise errors.ClientError("error: only one of a selector or a resource name is allowed")
    elif not args or len(args) > 2:
        raise errors.UsageError(usage)
    if len(args) == 2:
        if container:
            raise errors.ClientError("error: only one of -c or an inline [CONTAINER] arg is allowed")
        container = args[1]
    store = common.open_store(env)
    with store.read() as tx:
        if selector:
            sel = parse_selector(selector)
            pods = [p for p in tx.list("", "Pod", common.namespace(env))
                    if sel.matches(p["metadata"].get("labels") or {})]
            if not pods:
                common.err(env, f"No resources found in {common.namespace(env)} namespace.")
                return
        else:
            pods = [_pod_for(env, tx, args[0], logs_style=True)]
        out: list[str] = []
        for pod in pods:
            names = ([c["name"] for c in pod["spec"].get("containers") or []] if all_containers
                     else [_container(env, pod, container)])
            for name in names:
                lines = podlogs.container_log(tx, pod, name, previous)
                if lines is None:
                    reason = _waiting(pod, name)
                    if reason and not previous:
                        raise errors.BadRequest(f'container "{name}" in pod "{pod["metadata"]["name"]}" is '
                                                f"waiting to start: {reason}")
                    raise _no_processes(pod, f'there are no logs for container "{name}"')
                tag = f"[pod/{pod['metadata']['name']}/{name}] " if prefix or all_pods else ""
                out.extend(tag + ln for ln in lines)
    if tail >= 0:
        out = out[len(out) - tail:] if tail else []
    env.stdout.write("".join(ln + "\n" for ln in out))


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

    The simulated cluster runs no container processes: after kubectl's checks (the pod exists, the container is
    one of its containers) pykubectl says so and exits 1.

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
        pod = _pod_for(env, tx, ref, logs_style=False)
        name = _container(env, pod, container, quiet)
    shown = " ".join(command)
    raise _no_processes(pod, f'cannot run "{shown}" in container "{name}"')


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
        pod = _pod_for(env, tx, args[0], logs_style=False)
        name = _container(env, pod, container, quiet)
    raise _no_processes(pod, f'there is no process to attach to in container "{name}"')


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
        pod = _pod_for(env, tx, args[0], logs_style=False)
    raise _no_processes(pod, f"nothing listens on port(s) {', '.join(args[1:])}")


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
        pod = _pod_for(env, tx, pod_name, logs_style=False)
        name = _container(env, pod, container)
    raise _no_processes(pod, f'container "{name}" has no file system to copy from or to')


COMMANDS = {"logs": logs_cmd, "exec": exec_cmd, "attach": attach_cmd, "port-forward": port_forward_cmd,
            "cp": cp_cmd}
