"""create priorityclass: the object kubectl's generator builds from flags."""

from __future__ import annotations

from typing import Any

import click

from ... import errors
from .. import common
from . import CTX, _int_flag, _usage_hint, common_options, emit, meta, one_name


def _bool_flag(value: str, flag: str) -> bool:
    v = value.lower()
    if v in ("1", "t", "true"):
        return True
    if v in ("0", "f", "false"):
        return False
    raise errors.UsageError(f'error: invalid argument "{value}" for "{flag}" flag: strconv.ParseBool: parsing '
                            f'"{value}": invalid syntax{_usage_hint()}')


def register(create: click.Group) -> None:
    """Add priorityclass to the create group."""
    @create.command("priorityclass", context_settings=CTX)
    @click.argument("names", nargs=-1, metavar="NAME")
    @click.option("--value", default="0", help="the value of this priority class.")
    @click.option("--global-default", "global_default", default="false", is_flag=False, flag_value="true",
                  help="global-default specifies whether this PriorityClass should be considered as the default priority.")
    @click.option("--description", default="", help="description is an arbitrary string that usually provides guidelines on when this priority class should be used.")
    @click.option("--preemption-policy", "preemption_policy", default="PreemptLowerPriority", help="preemption-policy is the policy for preempting pods with lower priority.")
    @common_options
    def create_priorityclass(names: tuple[str, ...], value: str, global_default: str, description: str,
                             preemption_policy: str, dry_run: str | None, output: str | None, save_config: bool,
                             **_: Any) -> None:
        """Create a priority class with the specified name, value, globalDefault and description.

        \b
        Examples:
          # Create a priority class named high-priority
          pykubectl create priorityclass high-priority --value=1000 --description="high priority"
        \b
          # Create a priority class named default-priority that is considered as the global default priority
          pykubectl create priorityclass default-priority --value=1000 --global-default=true --description="default priority"
        """
        name = one_name(names)
        env = common.env_of()
        n = _int_flag(value, "--value")
        gd = _bool_flag(global_default, "--global-default")
        obj: dict = {"kind": "PriorityClass", "apiVersion": "scheduling.k8s.io/v1",
                     "metadata": meta(name, env, namespaced=False), "value": n}
        if gd:
            obj["globalDefault"] = True
        if description:
            obj["description"] = description
        obj["preemptionPolicy"] = preemption_policy
        emit(env, obj, dry_run, output, save_config)
