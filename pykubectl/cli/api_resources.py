"""api-resources and api-versions: what the API server serves (kubectl's apiresources package)."""

from __future__ import annotations

import click

from .. import errors
from . import common

CTX = {"help_option_names": ["-h", "--help"]}


@click.command("api-resources", context_settings=CTX)
@click.option("--namespaced", type=click.BOOL, default=None, is_flag=False, flag_value=True, show_default="true", help="If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.")
@click.option("--api-group", default=None, help="Limit to resources in the specified API group.")
@click.option("--no-headers", is_flag=True, help="When using the default or custom-column output format, don't print headers.")
@click.option("-o", "--output", default=None, help="Output format. One of: (wide, name).")
@click.option("--verbs", default=None, help="Limit to resources that support the specified verbs.")
@click.option("--sort-by", default=None, help="If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'.")
@click.option("--categories", default=None, help="Limit to resources that belong to the specified categories.")
@click.option("--cached", is_flag=True, help="Use the cached list of resources if available.")
@click.argument("args", nargs=-1)
def api_resources_cmd(args: tuple[str, ...], namespaced: bool | None, api_group: str | None, no_headers: bool, output: str | None,
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
    if args:  # Complete, before Validate
        raise errors.UsageError(f"error: unexpected arguments: [{' '.join(args)}]\n"
                                "See 'kubectl api-resources -h' for help and examples")
    if output not in (None, "wide", "name"):
        raise errors.ClientError(f'error: --output {output} is not available')
    if sort_by not in (None, "name", "kind"):
        raise errors.ClientError(f'error: --sort-by accepts only name or kind')
    ns = namespaced  # None: not given (every resource), as kubectl's Changed("namespaced")
    text = registry.api_resources_table(
        wide=output == "wide", namespaced=ns, api_group=api_group, no_headers=no_headers,
        output=output if output == "name" else None, verbs=verbs.split(",") if verbs else None, sort_by=sort_by,
        categories=categories.split(",") if categories else None,
    )
    env.stdout.write(text)


@click.command("api-versions", context_settings=CTX)
@click.argument("args", nargs=-1)
def api_versions_cmd(args: tuple[str, ...]) -> None:
    """Print the supported API versions on the server, in the form of "group/version".

    \b
    Examples:
      # Print the supported API versions
      pykubectl api-versions
    """
    from ..api import registry

    env = common.env_of()
    if args:
        raise errors.UsageError(f"error: unexpected arguments: [{' '.join(args)}]\n"
                                "See 'kubectl api-versions -h' for help and examples")
    versions = set()
    for k in registry.all_kinds(custom=True):  # the cluster's CustomResourceDefinitions' served versions too
        for v in k.versions:
            versions.add(f"{k.group}/{v}" if k.group else v)
    env.stdout.write("".join(v + "\n" for v in sorted(versions)))


COMMANDS = {"api-resources": api_resources_cmd, "api-versions": api_versions_cmd}
