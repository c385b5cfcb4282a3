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
    env.stdout.write(
        f"\x1b[0;32mKubernetes control plane\x1b[0m is running at \x1b[0;33m{store.url}\x1b[0m\n\n"
        "To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n"
    )


COMMANDS = {"cluster-info": cluster_info_cmd}
