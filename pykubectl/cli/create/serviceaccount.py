"""create serviceaccount: the object kubectl's generator builds from flags."""

from __future__ import annotations

from typing import Any

import click

from .. import common
from . import CTX, common_options, emit, meta, one_name


def register(create: click.Group) -> None:
    """Add serviceaccount to the create group."""
    @create.command("serviceaccount", context_settings=CTX)
    @click.argument("names", nargs=-1, metavar="NAME")
    @common_options
    def create_sa(names: tuple[str, ...], dry_run: str | None, output: str | None, save_config: bool,
                  **_: Any) -> None:
        """Create a service account with the specified name.

        \b
        Examples:
          # Create a new service account named my-service-account
          pykubectl create serviceaccount my-service-account
        """
        name = one_name(names)
        env = common.env_of()
        emit(env, {"kind": "ServiceAccount", "apiVersion": "v1", "metadata": meta(name, env)}, dry_run, output,
             save_config)
