"""create quota: the object kubectl's generator builds from flags."""

from __future__ import annotations

from typing import Any

import click

from ... import errors
from .. import common
from . import CTX, _kv_list, common_options, emit, meta, one_name


def register(create: click.Group) -> None:
    """Add quota to the create group."""
    @create.command("quota", context_settings=CTX)
    @click.argument("names", nargs=-1, metavar="NAME")
    @click.option("--hard", default="", help="A comma-delimited set of resource=quantity pairs that define a hard limit.")
    @click.option("--scopes", default="", help="A comma-delimited set of quota scopes that must all match each object tracked by the quota.")
    @common_options
    def create_quota(names: tuple[str, ...], hard: str, scopes: str, dry_run: str | None, output: str | None,
                     save_config: bool, **_: Any) -> None:
        """Create a resource quota with the specified name, hard limits, and optional scopes.

        \b
        Examples:
          # Create a new resource quota named my-quota
          pykubectl create quota my-quota --hard=cpu=1,memory=1G,pods=2,services=3,replicationcontrollers=2,resourcequotas=1,secrets=5,persistentvolumeclaims=10
        \b
          # Create a new resource quota named best-effort
          pykubectl create quota best-effort --hard=pods=100 --scopes=BestEffort
        """
        from ...api import quantity

        name = one_name(names)
        env = common.env_of()
        hard_map = {}
        for k, v in _kv_list(hard, "resource").items():
            try:
                hard_map[k] = str(quantity.parse(v))
            except ValueError as e:
                raise errors.ClientError(f"error: {e}") from None
        spec: dict = {}
        if hard_map:
            spec["hard"] = dict(sorted(hard_map.items()))
        scope_list = [s.strip() for s in scopes.split(",") if s.strip()] if scopes else []
        if scope_list:
            spec["scopes"] = scope_list
        emit(env, {"kind": "ResourceQuota", "apiVersion": "v1", "metadata": meta(name, env), "spec": spec,
                   "status": {}}, dry_run, output, save_config)
