"""scale: set a new size for Deployments, ReplicaSets, StatefulSets and ReplicationControllers."""

from __future__ import annotations

import copy
from typing import Any

import click

from .. import errors
from . import common
from .objectupdate import SCALABLE, mutate_each

CTX = {"help_option_names": ["-h", "--help"]}


@click.command("scale", context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("--replicas", type=int, default=None, help="The new desired number of replicas. Required.")
@click.option("--current-replicas", type=int, default=-1, help="Precondition for current size.")
@click.option("--resource-version", default="", help="Precondition for resource version.")
@click.option("-f", "--filename", "files", multiple=True, help="Filename, directory, or URL to a file identifying the resource to set a new size")
@click.option("-l", "--selector", default=None, help="Selector (label query) to filter on.")
@click.option("--all", "all_", is_flag=True, help="Select all resources in the namespace of the specified resource types")
@click.option("--timeout", default="0s", help="The length of time to wait before giving up on a scale operation.")
@click.option("--dry-run", "dry_run", default=None, is_flag=False, flag_value="unchanged")
@click.option("-o", "--output", default=None, help=common.OUTPUT_HELP)
def scale_cmd(args: tuple[str, ...], replicas: int | None, current_replicas: int, resource_version: str,
              files: tuple[str, ...], selector: str | None, all_: bool, timeout: str, dry_run: str | None,
              output: str | None) -> None:
    """Set a new size for a deployment, replica set, replication controller, or stateful set.

    Scale also allows users to specify one or more preconditions for the scale action.

    \b
    Examples:
      # Scale a replica set named 'foo' to 3
      pykubectl scale --replicas=3 rs/foo
    \b
      # Scale a resource identified by type and name specified in "foo.yaml" to 3
      pykubectl scale --replicas=3 -f foo.yaml
    \b
      # If the deployment named mysql's current size is 2, scale mysql to 3
      pykubectl scale --current-replicas=2 --replicas=3 deployment/mysql
    """
    env = common.env_of()
    if replicas is None:
        raise errors.UsageError('error: required flag(s) "replicas" not set')
    if replicas < 0:
        raise errors.UsageError("error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0")
    if not args and not files:
        raise errors.UsageError("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'")

    _all_found(env, list(args), files, selector, all_)

    def fn(tx: Any, kind: Any, obj: dict) -> str:
        from ..apiserver import pipeline

        if (kind.group, kind.kind) not in SCALABLE:
            raise errors.NotFound(f'the server could not find the requested resource')
        cur = int(obj.get("spec", {}).get("replicas", 1))
        if current_replicas >= 0 and cur != current_replicas:
            raise errors.ClientError(f"error: Expected replicas to be {current_replicas}, was {cur}")
        if resource_version and obj["metadata"].get("resourceVersion") != resource_version:
            # kubectl checks its preconditions on the object it read (ScalePrecondition.validate): client-side.
            raise errors.ClientError(f"error: Expected resource version to be {resource_version}, was "
                                     f"{obj['metadata'].get('resourceVersion')}")
        new = copy.deepcopy(obj)
        new.setdefault("spec", {})["replicas"] = replicas
        if dry_run in (None, "none"):
            new = pipeline.update(tx, new, obj)
        if output:
            return common.render_objects(env, [new], output, single=True)
        sfx = " (dry run)" if dry_run in ("client", "unchanged") else (" (server dry run)" if dry_run == "server" else "")
        return f"{common.display_kind(kind)}/{obj['metadata']['name']} scaled{sfx}\n"

    mutate_each(env, list(args), files, selector, all_, fn, as_written=True)


def _all_found(env: Any, args: list[str], files: tuple[str, ...], selector: str | None, all_: bool) -> None:
    """kubectl scale reads every object before it scales any: a missing one ends the command with its text."""
    from ..store.store import group_resource
    from .objectupdate import collect

    store = common.open_store(env)
    with store.read() as tx:
        found = collect(env, tx, args, files, selector, all_)
    for kind, obj, name in found:
        if obj is None:
            raise errors.ClientError(f'error: no objects passed to scale {group_resource(kind.group, kind.kind)} '
                                     f'"{name}" not found')


COMMANDS = {"scale": scale_cmd}
