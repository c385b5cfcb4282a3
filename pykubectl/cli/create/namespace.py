"""create namespace: the object kubectl's generator builds from flags."""

from __future__ import annotations

from typing import Any

import click

from .. import common
from . import CTX, common_options, emit, meta, one_name


def register(create: click.Group) -> None:
    """Add namespace to the create group."""
    @create.command("namespace", context_settings=CTX)
    @click.argument("names", nargs=-1, metavar="NAME")
    @common_options
    def create_namespace(names: tuple[str, ...], dry_run: str | None, output: str | None, save_config: bool,
                         **_: Any) -> None:
        """Create a namespace with the specified name.

        \b
        Examples:
          # Create a new namespace named my-namespace
          pykubectl create namespace my-namespace
        """
        name = one_name(names)
        env = common.env_of()
        obj = {"kind": "Namespace", "apiVersion": "v1", "metadata": meta(name, env, namespaced=False),
               "spec": {}, "status": {}}
        emit(env, obj, dry_run, output, save_config)
