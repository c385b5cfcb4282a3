"""scale: set a new size for Deployments, ReplicaSets, StatefulSets, ReplicationControllers and custom resources
with a scale subresource (through the scale subresource: client.rest.get_scale / update_scale)."""

from __future__ import annotations

from typing import Any

import click

from .. import errors
from . import common
from .printflags import kustomize_option, printer_options
from .set_cmd import RECURSIVE_HELP, SELECTOR_HELP

CTX = {"help_option_names": ["-h", "--help"]}


@click.command("scale", context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("--replicas", type=int, default=None, show_default="0",
              help="The new desired number of replicas. Required.")
@click.option("--current-replicas", type=int, default=-1,
              help="Precondition for current size. Requires that the current size of the resource match this value "
                   "in order to scale. -1 (default) for no condition.")
@click.option("--resource-version", default="",
              help="Precondition for resource version. Requires that the current resource version match this value "
                   "in order to scale.")
@click.option("-f", "--filename", "files", multiple=True,
              help="Filename, directory, or URL to files identifying the resource to set a new size")
@click.option("-R", "--recursive", is_flag=True, help=RECURSIVE_HELP)
@click.option("-l", "--selector", default=None, help=SELECTOR_HELP)
@click.option("--all", "all_", is_flag=True, help="Select all resources in the namespace of the specified resource types")
@click.option("--timeout", default="0s", show_default="0s",
              help="The length of time to wait before giving up on a scale operation, zero means don't wait. Any "
                   "other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).")
@click.option("--dry-run", "dry_run", default=None, is_flag=False, flag_value="unchanged", show_default="'none'",
              help=common.DRY_RUN_HELP)
@click.option("-o", "--output", default=None, help=common.PRINT_OUTPUT_HELP)
@printer_options
@kustomize_option
def scale_cmd(args: tuple[str, ...], replicas: int | None, current_replicas: int, resource_version: str,
              files: tuple[str, ...], selector: str | None, all_: bool, timeout: str, dry_run: str | None,
              output: str | None, recursive: bool = False) -> None:
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

    mode = "client" if dry_run in ("client", "unchanged") else dry_run

    def fn(tx: Any, kind: Any, obj: dict) -> str:
        from ..client import rest

        cur = int(rest.get_scale(obj)["spec"]["replicas"])
        if current_replicas >= 0 and cur != current_replicas:
            raise errors.ClientError(f"error: Expected replicas to be {current_replicas}, was {cur}")
        if resource_version and obj["metadata"].get("resourceVersion") != resource_version:
            # kubectl checks its preconditions on the object it read (ScalePrecondition.validate): client-side.
            raise errors.ClientError(f"error: Expected resource version to be {resource_version}, was "
                                     f"{obj['metadata'].get('resourceVersion')}")
        if mode in (None, "none"):
            rest.update_scale(tx, obj, replicas)
        return ""

    _scale_each(env, list(args), files, selector, all_, fn, mode, output, recursive)


def _scale_each(env: Any, args: list[str], files: tuple[str, ...], selector: str | None, all_: bool, fn: Any,
                mode: str | None, output: str | None, recursive: bool = False) -> None:
    """kubectl scale's order: the objects found are scaled (a client dry run only prints them) and printed as they
    were read; when none is found the first error reads "no objects passed to scale …"; an object missing among
    others is reported after the rest."""
    from ..client.rest import resource_name as group_resource
    from .objectupdate import collect, update_with_retries

    store = common.open_store(env)
    try:
        with store.read() as tx:
            found = collect(env, tx, args, files, selector, all_, recursive)
    except errors.ClientError as e:
        if "does not match the namespace" not in str(e):
            raise
        # scale's builder stops at the first object in another namespace and words it like a missing one.
        first = str(e).removeprefix("error: ").split("\n")[0]
        raise errors.ClientError(f"error: no objects passed to scale {first}") from None
    missing = [errors.NotFound(f'{group_resource(kind.group, kind.kind)} "{name}" not found')
               for kind, obj, name in found if obj is None]
    present = [(kind, obj) for kind, obj, _ in found if obj is not None]
    if not present:
        if missing:
            detail = missing[0].detail if len(missing) == 1 else "[" + ", ".join(e.detail for e in missing) + "]"
            raise errors.ClientError(f"error: no objects passed to scale {detail}")
        raise errors.ClientError("error: no objects passed to scale")
    suffix = {"client": " (dry run)", "server": " (server dry run)"}.get(mode or "", "")
    try:
        for kind, obj in present:
            if mode != "client":
                update_with_retries(store, kind, obj["metadata"].get("namespace", ""), obj["metadata"]["name"], fn)
            if output:
                env.stdout.write(common.render_objects(env, [obj], output, single=True))
            else:
                common.echo(env, f"{common.display_kind(kind)}/{obj['metadata']['name']} scaled{suffix}")
    except errors.PykubectlError:
        common.settle(store)  # what was scaled before the error still reconciles (not on Ctrl-C: it just stops)
        raise
    common.settle(store)
    if missing:
        for e in missing:
            common.err(env, str(e))
        raise errors.PykubectlError("")


COMMANDS = {"scale": scale_cmd}
