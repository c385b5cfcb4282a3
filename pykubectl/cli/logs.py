"""logs: the containers' logs of a pod (simulated logs from controllers.podlogs), else the reason there are none."""

from __future__ import annotations

import click

from .. import errors
from . import common
from .attachable import CTX, no_processes, pick_container, pod_for, waiting_reason


@click.command("logs", context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("-c", "--container", default=None, help="Print the logs of this container")
@click.option("-f", "--follow", is_flag=True, help="Specify if the logs should be streamed.")
@click.option("-p", "--previous", is_flag=True, help="If true, print the logs for the previous instance of the container in a pod if it exists.")
@click.option("-l", "--selector", default=None, help="Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.")
@click.option("--all-containers", is_flag=True, help="Get all containers' logs in the pod(s).")
@click.option("--all-pods", is_flag=True, help="Get logs from all pod(s). Sets prefix to true.")
@click.option("--prefix", is_flag=True, help="Prefix each log line with the log source (pod name and container name)")
@click.option("--tail", type=int, default=-1, help="Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided.")
@click.option("--since", default=None, show_default="0s", help="Only return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all logs. Only one of since-time / since may be used.")
@click.option("--since-time", default=None, help="Only return logs after a specific date (RFC3339). Defaults to all logs. Only one of since-time / since may be used.")
@click.option("--timestamps", is_flag=True, help="Include timestamps on each line in the log output")
@click.option("--limit-bytes", type=int, default=0, help="Maximum bytes of logs to return. Defaults to no limit.")
@click.option("--ignore-errors", is_flag=True, help="If watching / following pod logs, allow for any errors that occur to be non-fatal")
@click.option("--max-log-requests", type=int, default=5, help="Specify maximum number of concurrent logs to follow when using by a selector. Defaults to 5.")
@click.option("--pod-running-timeout", default="20s", show_default="20s", help="The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running")
# The simulated kubelets serve no certificate to verify: the flag changes nothing.
@click.option("--insecure-skip-tls-verify-backend", is_flag=True, help="Skip verifying the identity of the kubelet that logs are requested from.  In theory, an attacker could provide invalid log content back. You might want to use this if your kubelet serving certificates have expired.")
def logs_cmd(args: tuple[str, ...], container: str | None, follow: bool, previous: bool, selector: str | None,
             all_containers: bool, all_pods: bool, prefix: bool, tail: int, since: str | None,
             since_time: str | None, timestamps: bool, limit_bytes: int, ignore_errors: bool,
             max_log_requests: int, pod_running_timeout: str, insecure_skip_tls_verify_backend: bool = False) -> None:
    """Print the logs for a container in a pod or specified resource. If the pod has only one container, the
    container name is optional.

    The simulated cluster runs no container processes: a container's log is what its command echoes
    (controllers/podlogs.py); a container that has not started has none yet, as on a cluster.

    \b
    Examples:
      # Return snapshot logs from pod nginx with only one container
      pykubectl logs nginx
    \b
      # Return snapshot logs from container nginx-1 of a deployment named nginx
      pykubectl logs deployment/nginx -c nginx-1
    """
    from ..client import rest as client_rest
    from .get import parse_selector

    env = common.env_of()
    usage = ("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required "
             "argument for the logs command\nSee 'kubectl logs -h' for help and examples")
    if selector:
        if args:
            raise errors.UsageError("error: only a selector (-l) or a POD name is allowed\n"
                                    "See 'kubectl logs -h' for help and examples")
    elif not args or len(args) > 2:
        raise errors.UsageError(usage)
    if since_time:
        _check_rfc3339(since_time)  # Complete parses --since-time before Validate
    since_seconds = _duration_seconds(since) if since else 0.0
    # Validate, in its order
    if since_time and since_seconds:
        raise errors.ClientError("error: at most one of `sinceTime` or `sinceSeconds` may be specified")
    inline = args[1] if len(args) == 2 else None
    if all_containers and (container or inline):
        raise errors.ClientError(f"error: --all-containers=true should not be specified with container name "
                                 f"{container or inline}")
    if len(args) == 2:
        if container:
            raise errors.ClientError("error: only one of -c or an inline [CONTAINER] arg is allowed")
        container = args[1]
    if limit_bytes < 0:
        raise errors.ClientError("error: --limit-bytes must be greater than 0")
    if since_seconds < 0:
        raise errors.ClientError("error: --since must be greater than 0")
    if tail < -1:
        raise errors.ClientError("error: --tail must be greater than or equal to -1")
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
            pods = [pod_for(env, tx, args[0], logs_style=True)]
        out: list[str] = []
        for pod in pods:
            names = ([c["name"] for c in pod["spec"].get("containers") or []] if all_containers
                     else [pick_container(env, pod, container)])
            for name in names:
                lines = client_rest.container_log(tx, pod, name, previous)
                if lines is None:
                    reason = waiting_reason(pod, name)
                    if reason and not previous:
                        raise errors.BadRequest(f'container "{name}" in pod "{pod["metadata"]["name"]}" is '
                                                f"waiting to start: {reason}")
                    if previous:  # the kubelet's answer when the container has not ended before
                        raise errors.BadRequest(f'previous terminated container "{name}" in pod '
                                                f'"{pod["metadata"]["name"]}" not found')
                    raise no_processes(pod, f'there are no logs for container "{name}"')
                tag = f"[pod/{pod['metadata']['name']}/{name}] " if prefix or all_pods else ""
                out.extend(tag + ln for ln in lines)
    if tail >= 0:
        out = out[len(out) - tail:] if tail else []
    env.stdout.write("".join(ln + "\n" for ln in out))


COMMANDS = {"logs": logs_cmd}


def _duration_seconds(text: str) -> float:
    """--since as Go's time.ParseDuration reads it (a pflag Duration): seconds, negative allowed."""
    from .wait import parse_duration

    try:
        return parse_duration(text)
    except ValueError as e:
        raise errors.UsageError(f'error: invalid argument "{text}" for "--since" flag: {e}\n'
                                "See 'kubectl logs --help' for usage.") from None


_RFC3339_LAYOUT = (("2006", 4), ("-", 0), ("01", 2), ("-", 0), ("02", 2), ("T", 0), ("15", 2), (":", 0), ("04", 2),
                   (":", 0), ("05", 2))


def _check_rfc3339(text: str) -> None:
    """Go's time.Parse(time.RFC3339, text) errors, worded as Go words them: the element of the layout that the
    rest of the text does not match, or the field out of range."""
    layout = "2006-01-02T15:04:05Z07:00"

    def cannot(rest: str, element: str) -> errors.ClientError:
        return errors.ClientError(f'error: parsing time "{text}" as "{layout}": cannot parse "{rest}" as '
                                  f'"{element}"')

    rest = text
    values = []
    for element, width in _RFC3339_LAYOUT:
        if width == 0:
            if not rest.startswith(element):
                raise cannot(rest, element)
            rest = rest[len(element):]
            continue
        digits = rest[:width]
        if len(digits) < width or not digits.isdigit():
            raise cannot(rest, element)
        values.append(int(digits))
        rest = rest[width:]
    if rest.startswith("."):
        i = 1
        while i < len(rest) and rest[i].isdigit():
            i += 1
        rest = rest[i:]
    if rest != "Z" and not (len(rest) == 6 and rest[0] in "+-" and rest[1:3].isdigit() and rest[3] == ":"
                            and rest[4:].isdigit()):
        raise cannot(rest, "Z07:00")
    year, month, day, hour, minute, second = values
    import calendar

    for what, ok in (("month", 1 <= month <= 12),
                     ("day", 1 <= day <= (calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 31)),
                     ("hour", hour < 24), ("minute", minute < 60), ("second", second < 60)):
        if not ok:
            raise errors.ClientError(f'error: parsing time "{text}": {what} out of range')
