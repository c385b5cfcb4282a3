"""cluster-info: where the control plane runs (here: the store)."""

from __future__ import annotations

import os
from typing import Any

import click

from .. import errors
from . import common
from .printflags import printer_options

CTX = {"help_option_names": ["-h", "--help"]}


@click.group("cluster-info", context_settings=CTX, invoke_without_command=True)
@click.pass_context
def cluster_info_cmd(ctx: click.Context) -> None:
    """Display addresses of the control plane and services with label kubernetes.io/cluster-service=true.

    \b
    Examples:
      # Print the address of the control plane and cluster services
      pykubectl cluster-info
    """
    if ctx.invoked_subcommand is not None:
        return
    env = common.env_of()
    store = common.open_store(env)
    # kubectl 1.32 prints plain text (no colours): the control plane, then each service labelled
    # kubernetes.io/cluster-service=true in the namespace (kube-system unless -n says otherwise).
    ns = env.namespace or "kube-system"
    lines = [f"Kubernetes control plane is running at {store.url}"]
    with store.transaction() as tx:
        services = [s for s in tx.list("", "Service", ns)
                    if (s["metadata"].get("labels") or {}).get("kubernetes.io/cluster-service") == "true"]
    for svc in sorted(services, key=lambda s: s["metadata"]["name"]):
        lines.append(f"{_service_title(svc)} is running at {_service_link(store.url, svc)}")
    env.stdout.write("\n".join(lines) + "\n\nTo further debug and diagnose cluster problems, use "
                     "'kubectl cluster-info dump'.\n")


# What cluster-info dump lists in each namespace, in its order: (file name, API path under the namespace).
_NAMESPACED_LISTS = (("events", "/api/v1/namespaces/{ns}/events"),
                     ("replication-controllers", "/api/v1/namespaces/{ns}/replicationcontrollers"),
                     ("services", "/api/v1/namespaces/{ns}/services"),
                     ("daemonsets", "/apis/apps/v1/namespaces/{ns}/daemonsets"),
                     ("deployments", "/apis/apps/v1/namespaces/{ns}/deployments"),
                     ("replicasets", "/apis/apps/v1/namespaces/{ns}/replicasets"),
                     ("pods", "/api/v1/namespaces/{ns}/pods"))


@cluster_info_cmd.command("dump", context_settings=CTX)
@click.option("-A", "--all-namespaces", is_flag=True,
              help="If true, dump all namespaces.  If true, --namespaces is ignored.")
@click.option("--namespaces", multiple=True, help="A comma separated list of namespaces to dump.")
# -o shows 'json' but a --template alone still means a Go template (real kubectl 1.32 printed it).
@click.option("-o", "--output", default=None, show_default="'json'", help=common.PRINT_OUTPUT_HELP)
@click.option("--output-directory", default="",
              help="Where to output the files.  If empty or '-' uses stdout, otherwise creates a directory hierarchy "
                   "in that directory")
@click.option("--pod-running-timeout", default="20s", show_default="20s",
              help="The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is "
                   "running")
@printer_options
@click.argument("ignored_args", nargs=-1)
def dump_cmd(all_namespaces: bool, ignored_args: tuple[str, ...] = (), *, namespaces: tuple[str, ...], output: str | None, output_directory: str,
             pod_running_timeout: str) -> None:
    """Dump cluster information out suitable for debugging and diagnosing cluster problems.  By default, dumps
    everything to stdout. You can optionally specify a directory with --output-directory.  If you specify a
    directory, Kubernetes will build a set of files in that directory.  By default, only dumps things in the current
    namespace and 'kube-system' namespace, but you can switch to a different namespace with the --namespaces flag,
    or specify --all-namespaces to dump all namespaces.

     The command also dumps the logs of all of the pods in the cluster; these logs are dumped into different
    directories based on namespace and pod name.

    \b
    Examples:
      # Dump current cluster state to stdout
      pykubectl cluster-info dump
    \b
      # Dump current cluster state to /path/to/cluster-state
      pykubectl cluster-info dump --output-directory=/path/to/cluster-state
    \b
      # Dump all namespaces to stdout
      pykubectl cluster-info dump --all-namespaces
    \b
      # Dump a set of namespaces to /path/to/cluster-state
      pykubectl cluster-info dump --namespaces default,kube-system --output-directory=/path/to/cluster-state
    """
    import json

    from .get_core import api_request
    from .wait import parse_duration

    env = common.env_of()
    try:
        parse_duration(pod_running_timeout)
    except ValueError as e:
        raise errors.UsageError(f'error: invalid argument "{pod_running_timeout}" for "--pod-running-timeout" flag: '
                                f"{e}\nSee 'kubectl cluster-info dump --help' for usage.") from None
    output = output or "json"
    fmt = output.partition("=")[0]
    ext = {"json": ".json", "yaml": ".yaml"}.get(fmt, ".txt")
    printed = [0]

    def get(path: str) -> Any:
        return json.loads(api_request(env, "GET", path))

    def write(name: str, suffix: str, text: str) -> None:
        """cluster-info dump's setupOutputWriter: stdout, or DIR/NAME+SUFFIX (its directories made)."""
        if not output_directory or output_directory == "-":
            env.stdout.write(text)
            return
        path = os.path.join(output_directory, name + suffix)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)

    def print_list(name: str, data: Any) -> None:
        from ..printers import output as out

        if fmt == "json":
            text = out.to_json(data, keep_order=True)
        elif fmt == "yaml":
            text = out.to_yaml(data)
            if printed[0]:  # one YAML printer for the whole dump: every object after the first opens with ---
                text = "---\n" + text
        elif fmt == "name":
            text = "".join(f"{str(i.get('kind', '')).lower()}/{i['metadata']['name']}\n"
                           for i in data.get("items") or [])
        else:
            text = common.render_data(env, data, output)
        printed[0] += 1
        write(name, ext, text)

    nodes = get("/api/v1/nodes")
    for node in nodes.get("items") or []:
        # kubectl decodes the list into typed Nodes: an empty status.images (omitempty) is dropped.
        if (node.get("status") or {}).get("images") == []:
            del node["status"]["images"]
    print_list("nodes", nodes)
    if all_namespaces:
        names = [n["metadata"]["name"] for n in get("/api/v1/namespaces").get("items") or []]
    else:
        names = [n for ns in namespaces for n in ns.split(",") if n] or ["kube-system", common.namespace(env)]
    for ns in names:
        pods: Any = None
        for name, path in _NAMESPACED_LISTS:
            data = get(path.format(ns=ns))
            print_list(f"{ns}/{name}", data)
            pods = data
        for pod in (pods or {}).get("items") or []:
            spec = pod.get("spec") or {}
            text = []
            for c in (spec.get("initContainers") or []) + (spec.get("containers") or []):
                where = f"container {c['name']} of pod {ns}/{pod['metadata']['name']}"
                text.append(f"==== START logs for {where} ====\n")
                try:
                    text.append(api_request(env, "GET", f"/api/v1/namespaces/{ns}/pods/{pod['metadata']['name']}"
                                                        f"/log?container={c['name']}").decode("utf-8", "replace"))
                except errors.ServerError as e:
                    text.append(f"Request log error: {e.detail}\n")
                text.append(f"==== END logs for {where} ====\n")
            write(f"{ns}/{pod['metadata']['name']}/logs", ".txt", "".join(text))
    if output_directory and output_directory != "-":
        common.echo(env, f"Cluster info dumped to {output_directory}")


def _service_title(svc: dict) -> str:
    return (svc["metadata"].get("labels") or {}).get("kubernetes.io/name") or svc["metadata"]["name"]


def _service_link(host: str, svc: dict) -> str:
    """kubectl's link: the load balancer's first ingress per port, else the API server's service proxy path
    (<scheme>:<name>:<port name>, https guessed from the port's name or 443)."""
    ingress = ((svc.get("status") or {}).get("loadBalancer") or {}).get("ingress") or []
    ports = (svc.get("spec") or {}).get("ports") or []
    if ingress:
        ip = ingress[0].get("ip") or ingress[0].get("hostname") or ""
        return "".join(f"http://{ip}:{p.get('port')} " for p in ports)
    name = svc["metadata"]["name"]
    if ports:
        port = ports[0]
        scheme = "https" if port.get("name") == "https" or port.get("port") == 443 else ""
        port_name = port.get("name") or ""
        # JoinSchemeNamePort: a scheme takes all three segments; else name:port, else the name alone.
        if scheme:
            name = f"{scheme}:{name}:{port_name}"
        elif port_name:
            name = f"{name}:{port_name}"
    return f"{host}/api/v1/namespaces/{svc['metadata']['namespace']}/services/{name}/proxy"

COMMANDS = {"cluster-info": cluster_info_cmd}
