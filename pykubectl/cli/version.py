"""version: the client's and the simulated server's versions."""

from __future__ import annotations

import json

import click

from .. import __version__, errors, server_version_info
from . import common

CTX = {"help_option_names": ["-h", "--help"]}


def _version_info() -> dict:
    return {
        "clientVersion": {"major": "1", "minor": "32", "gitVersion": f"v1.32.6+pykubectl.{__version__}",
                          "platform": "python"},
        "kustomizeVersion": "v5.5.0",
        "serverVersion": server_version_info(),
    }


@click.command("version", context_settings=CTX)
@click.option("--client", is_flag=True, help="If true, shows client version only (no server required).")
@click.option("-o", "--output", default=None, help="One of 'yaml' or 'json'.")
@click.argument("args", nargs=-1)
def version_cmd(args: tuple[str, ...], client: bool, output: str | None) -> None:
    """Print the client and server version information for the current context.

    \b
    Examples:
      # Print the client and server versions for the current context
      pykubectl version
    """
    env = common.env_of()
    if args and not client:  # only asking the server checks them (seen with kubectl 1.32)
        raise errors.ClientError(f"error: extra arguments: [{' '.join(args)}]")
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


COMMANDS = {"version": version_cmd}
