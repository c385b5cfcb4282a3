"""api-resources, api-versions, version, cluster-info."""

from __future__ import annotations

import json

import click

from .. import KUBERNETES_VERSION, __version__, errors
from . import common

CTX = {"help_option_names": ["-h", "--help"]}


@click.command("api-resources", context_settings=CTX)
@click.option("--namespaced", default=None, help="If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.")
@click.option("--api-group", default=None, help="Limit to resources in the specified API group.")
@click.option("--no-headers", is_flag=True, help="When using the default or custom-column output format, don't print headers.")
@click.option("-o", "--output", default=None, help="Output format. One of: (wide, name).")
@click.option("--verbs", default=None, help="Limit to resources that support the specified verbs.")
@click.option("--sort-by", default=None, help="If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'.")
@click.option("--categories", default=None, help="Limit to resources that belong to the specified categories.")
@click.option("--cached", is_flag=True, help="Use the cached list of resources if available.")
def api_resources_cmd(namespaced: str | None, api_group: str | None, no_headers: bool, output: str | None,
                      verbs: str | None, sort_by: str | None, categories: str | None, cached: bool) -> None:
    """Print the supported API resources on the server.

    \b
    Examples:
      # Print the supported API resources
      pykubectl api-resources
    \b
      # Print the supported API resources with more information
      pykubectl api-resources -o wide
    \b
      # Print the supported non-namespaced resources
      pykubectl api-resources --namespaced=false
    """
    from ..api import registry

    env = common.env_of()
    if output not in (None, "wide", "name"):
        raise errors.ClientError(f'error: --output {output} is not available')
    if sort_by not in (None, "name", "kind"):
        raise errors.ClientError(f'error: --sort-by accepts only name or kind')
    ns = None if namespaced is None else namespaced.lower() in ("true", "1", "t")
    text = registry.api_resources_table(
        wide=output == "wide", namespaced=ns, api_group=api_group, no_headers=no_headers,
        output=output if output == "name" else None, verbs=verbs.split(",") if verbs else None, sort_by=sort_by,
        categories=categories.split(",") if categories else None,
    )
    env.stdout.write(text)


@click.command("api-versions", context_settings=CTX)
def api_versions_cmd() -> None:
    """Print the supported API versions on the server, in the form of "group/version".

    \b
    Examples:
      # Print the supported API versions
      pykubectl api-versions
    """
    from ..api import registry

    env = common.env_of()
    versions = set()
    for k in registry.all_kinds():
        for v in k.versions:
            versions.add(f"{k.group}/{v}" if k.group else v)
    env.stdout.write("".join(v + "\n" for v in sorted(versions)))


def _version_info() -> dict:
    return {
        "clientVersion": {"major": "1", "minor": "32", "gitVersion": f"v1.32.6+pykubectl.{__version__}",
                          "platform": "python"},
        "kustomizeVersion": "v5.5.0",
        "serverVersion": {"major": "1", "minor": "32", "gitVersion": KUBERNETES_VERSION, "platform": "simulated"},
    }


@click.command("version", context_settings=CTX)
@click.option("--client", is_flag=True, help="If true, shows client version only (no server required).")
@click.option("-o", "--output", default=None, help="One of 'yaml' or 'json'.")
def version_cmd(client: bool, output: str | None) -> None:
    """Print the client and server version information for the current context.

    \b
    Examples:
      # Print the client and server versions for the current context
      pykubectl version
    """
    env = common.env_of()
    info = _version_info()
    if client:
        info.pop("serverVersion")
    if output == "json":
        env.stdout.write(json.dumps(info, indent=2) + "\n")
        return
    if output == "yaml":
        from ..printers.output import to_yaml

        env.stdout.write(to_yaml(info))
        return
    if output:
        raise errors.ClientError("error: --output must be 'yaml' or 'json'")
    # kubectl 1.32 always names the kustomize built into it (v5.5.0), between the client and server lines.
    lines = [f"Client Version: {info['clientVersion']['gitVersion']}", f"Kustomize Version: {info['kustomizeVersion']}"]
    if not client:
        lines.append(f"Server Version: {info['serverVersion']['gitVersion']}")
    env.stdout.write("\n".join(lines) + "\n")


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
    env.stdout.write(
        f"\x1b[0;32mKubernetes control plane\x1b[0m is running at \x1b[0;33m{store.url}\x1b[0m\n\n"
        "To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n"
    )


COMMANDS = {"api-resources": api_resources_cmd, "api-versions": api_versions_cmd, "version": version_cmd,
            "cluster-info": cluster_info_cmd}
