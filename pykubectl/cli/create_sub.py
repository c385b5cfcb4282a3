"""create -f, and the create subcommands that build an object from flags."""

from __future__ import annotations

from typing import Any, Callable

import click

from .. import errors
from . import common

CTX = {"help_option_names": ["-h", "--help"]}


def _create_objects(env: Any, objs: list[dict], dry_run: str, output: str | None) -> None:
    from ..api import registry
    from ..store import apiserver

    if dry_run == "client":
        if output:
            env.stdout.write(common.render_objects(env, objs, output, single=True))
        else:
            for o in objs:
                k = registry.by_api_version_kind(o["apiVersion"], o["kind"])
                common.echo(env, f"{common.display_kind(k)}/{o['metadata']['name']} created (dry run)")
        return
    store = common.open_store(env)
    done = []
    try:
        for o in objs:
            k = registry.by_api_version_kind(o["apiVersion"], o["kind"])
            if k.namespaced:
                o["metadata"].setdefault("namespace", common.namespace(env))
            with store.transaction() as tx:
                res = apiserver.create(tx, o, dry_run=(dry_run == "server"))
            done.append(res)
            if not output:
                sfx = " (server dry run)" if dry_run == "server" else ""
                common.echo(env, f"{common.display_kind(k)}/{res['metadata']['name']} created{sfx}")
    finally:
        if dry_run != "server":
            common.settle(store)
    if output and done:
        env.stdout.write(common.render_objects(env, done, output, single=True))


def build(run_apply: Callable[..., int], validate_flag: Callable[[str], str],
          dry_run_flag: Callable[[str | None], str]) -> click.Group:
    @click.group("create", invoke_without_command=True, context_settings=CTX)
    @click.option("-f", "--filename", "files", multiple=True, help="Filename, directory, or URL to files to use to create the resource.")
    @click.option("-R", "--recursive", is_flag=True, help="Process the directory used in -f, --filename recursively.")
    @click.option("--validate", default="strict", help="Must be one of: strict (or true), warn, ignore (or false).")
    @click.option("--dry-run", "dry_run", default=None, is_flag=False, flag_value="unchanged",
                  help='Must be "none", "server", or "client".')
    @click.option("-o", "--output", default=None, help=common.OUTPUT_HELP)
    @click.option("--save-config", is_flag=True, help="Save the configuration in the last-applied annotation.")
    @click.pass_context
    def create(ctx: click.Context, files: tuple[str, ...], recursive: bool, validate: str, dry_run: str | None,
               output: str | None, save_config: bool) -> None:
        """Create a resource from a file or from stdin.

        JSON and YAML formats are accepted.

        \b
        Examples:
          # Create a pod using the data in pod.json
          pykubectl create -f ./pod.json
        \b
          # Create a deployment named my-dep that runs the nginx image
          pykubectl create deployment my-dep --image=nginx
        """
        if ctx.invoked_subcommand is not None:
            return
        env = common.env_of()
        if not files:
            raise errors.UsageError("error: must specify one of -f and -k")
        code = run_apply(env, list(files), recursive, validate_flag(validate), dry_run_flag(dry_run), output, True)
        if code:
            raise errors.PykubectlError("")

    @create.command("namespace", context_settings=CTX)
    @click.argument("name")
    @click.option("--dry-run", "dry_run", default=None, is_flag=False, flag_value="unchanged")
    @click.option("-o", "--output", default=None, help=common.OUTPUT_HELP)
    def create_namespace(name: str, dry_run: str | None, output: str | None) -> None:
        """Create a namespace with the specified name.

        \b
        Examples:
          # Create a new namespace named my-namespace
          pykubectl create namespace my-namespace
        """
        obj: dict = {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}}
        if dry_run_flag(dry_run) == "client":
            # What the client-side object looks like before the server fills it in (kubectl create namespace
            # --dry-run=client -o yaml).
            obj["metadata"] = {"creationTimestamp": None, "name": name}
            obj["spec"] = {}
            obj["status"] = {}
        _create_objects(common.env_of(), [obj], dry_run_flag(dry_run), output)

    @create.command("deployment", context_settings=CTX)
    @click.argument("name")
    @click.option("--image", "images", multiple=True, help="Image names to run.")
    @click.option("-r", "--replicas", default=1, type=int, help="Number of replicas to create. Default is 1.")
    @click.option("--port", default=-1, type=int, help="The containerPort that this deployment exposes.")
    @click.option("--dry-run", "dry_run", default=None, is_flag=False, flag_value="unchanged")
    @click.option("-o", "--output", default=None, help=common.OUTPUT_HELP)
    def create_deployment(name: str, images: tuple[str, ...], replicas: int, port: int, dry_run: str | None,
                          output: str | None) -> None:
        """Create a deployment with the specified name.

        \b
        Examples:
          # Create a deployment named my-dep that runs the busybox image
          pykubectl create deployment my-dep --image=busybox
        """
        if not images:
            raise errors.UsageError("error: required flag(s) \"image\" not set")
        containers = []
        for img in images:
            cname = img.split("@")[0].split("/")[-1].split(":")[0]
            c: dict = {"image": img, "name": cname, "resources": {}}
            if port >= 0 and len(images) == 1:
                c["ports"] = [{"containerPort": port}]
            containers.append(c)
        obj = {
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"labels": {"app": name}, "name": name},
            "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": name}}, "strategy": {},
                     "template": {"metadata": {"labels": {"app": name}}, "spec": {"containers": containers}}},
        }
        if dry_run_flag(dry_run) == "client":
            obj["metadata"]["creationTimestamp"] = None
            obj["spec"]["template"]["metadata"]["creationTimestamp"] = None
            obj["status"] = {}
        _create_objects(common.env_of(), [obj], dry_run_flag(dry_run), output)

    return create
