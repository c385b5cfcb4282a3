"""cluster-info: where the control plane runs (here: the store)."""

from __future__ import annotations

import click

from . import common

CTX = {"help_option_names": ["-h", "--help"]}


@click.command("cluster-info", context_settings=CTX)
def cluster_info_cmd() -> None:
    """Display addresses of the control plane and services with label kubernetes.io/cluster-service=true.

    \b
    Examples:
      # Print the address of the control plane and cluster services
      pykubectl cluster-info
    """
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
