"""set image|env|resources|selector|serviceaccount|subject: change one part of existing objects."""

from __future__ import annotations

import copy
from typing import Any

import click

from .. import errors
from . import common
from .objectupdate import POD_TEMPLATE_KINDS, mutate_each

CTX = {"help_option_names": ["-h", "--help"]}


@click.group("set", context_settings=CTX)
def set_group() -> None:
    """Configure application resources.

    These commands help you make changes to existing application resources.

    \b
    Examples:
      pykubectl set image deployment/nginx nginx=nginx:1.9.1
    """


def _pod_spec(obj: dict) -> dict:
    if obj["kind"] == "Pod":
        return obj.setdefault("spec", {})
    if obj["kind"] == "CronJob":
        return obj["spec"]["jobTemplate"]["spec"]["template"].setdefault("spec", {})
    return obj["spec"]["template"].setdefault("spec", {})


def _split_pairs(args: list[str]) -> tuple[list[str], dict[str, str]]:
    res, pairs = [], {}
    for a in args:
        if "=" in a:
            k, v = a.split("=", 1)
            pairs[k] = v
        else:
            res.append(a)
    return res, pairs


@set_group.command("image", context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("-f", "--filename", "files", multiple=True, help="Filename, directory, or URL to files identifying the resource to get from a server.")
@click.option("-l", "--selector", default=None, help="Selector (label query) to filter on.")
@click.option("--all", "all_", is_flag=True, help="Select all resources, in the namespace of the specified resource types")
@click.option("--local", is_flag=True, help="If true, set image will NOT contact api-server but run locally.")
@click.option("--dry-run", "dry_run", default=None, is_flag=False, flag_value="unchanged")
@click.option("-o", "--output", default=None, help=common.OUTPUT_HELP)
def set_image_cmd(args: tuple[str, ...], files: tuple[str, ...], selector: str | None, all_: bool, local: bool,
                  dry_run: str | None, output: str | None) -> None:
    """Update existing container image(s) of resources.

    Possible resources include (case insensitive): pod (po), replicationcontroller (rc), deployment (deploy),
    daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)

    \b
    Examples:
      # Set a deployment's nginx container image to 'nginx:1.9.1', and its busybox container image to 'busybox'
      pykubectl set image deployment/nginx busybox=busybox nginx=nginx:1.9.1
    \b
      # Update all deployments' and rc's nginx container's image to 'nginx:1.9.1'
      pykubectl set image deployments,rc nginx=nginx:1.9.1 --all
    \b
      # Update image of all containers of daemonset abc to 'nginx:1.9.1'
      pykubectl set image daemonset abc *=nginx:1.9.1
    """
    env = common.env_of()
    res, pairs = _split_pairs(list(args))
    if not pairs:
        raise errors.UsageError("error: at least one image update is required")

    def change(obj: dict) -> None:
        spec = _pod_spec(obj)
        for cname, image in pairs.items():
            found = False
            for c in (spec.get("initContainers") or []) + (spec.get("containers") or []):
                if cname == "*" or c.get("name") == cname:
                    c["image"] = image
                    found = True
            if not found:
                raise errors.ClientError(f'error: unable to find container named "{cname}"')

    if local:
        from ..api.manifests import iter_documents

        objs = []
        for doc in iter_documents(list(files)):
            change(doc.obj)
            objs.append(doc.obj)
        env.stdout.write(common.render_objects(env, objs, output or "yaml", single=len(objs) == 1))
        return

    def fn(tx: Any, kind: Any, obj: dict) -> str:
        from ..client import rest

        if (kind.group, kind.kind) not in POD_TEMPLATE_KINDS:
            raise errors.ClientError(f"error: {common.display_kind(kind)}/{obj['metadata']['name']} the object does not contain a pod template")
        new = copy.deepcopy(obj)
        change(new)
        if dry_run in (None, "none"):
            rest.update(tx, new, obj)
        return f"{common.display_kind(kind)}/{obj['metadata']['name']} image updated"

    mutate_each(env, res, files, selector, all_, fn)


@set_group.command("env", context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("-c", "--containers", default="*", help="The names of containers in the selected pod templates to change")
@click.option("-l", "--selector", default=None)
@click.option("--all", "all_", is_flag=True)
def set_env_cmd(args: tuple[str, ...], containers: str, selector: str | None, all_: bool) -> None:
    """Update environment variables on a pod template.

    \b
    Examples:
      # Update deployment 'registry' with a new environment variable
      pykubectl set env deployment/registry STORAGE_DIR=/local
    """
    env = common.env_of()
    res, pairs = [], {}
    removals = []
    for a in args:
        if "=" in a:
            k, v = a.split("=", 1)
            pairs[k] = v
        elif a.endswith("-") and "/" not in a and res:
            removals.append(a[:-1])
        else:
            res.append(a)

    def fn(tx: Any, kind: Any, obj: dict) -> str:
        from ..client import rest

        new = copy.deepcopy(obj)
        for c in _pod_spec(new).get("containers") or []:
            if containers != "*" and c.get("name") != containers:
                continue
            envs = [e for e in c.get("env") or [] if e.get("name") not in removals]
            for k, v in pairs.items():
                for e in envs:
                    if e.get("name") == k:
                        e.clear()
                        e.update({"name": k, "value": v})
                        break
                else:
                    envs.append({"name": k, "value": v})
            if envs:
                c["env"] = envs
            else:
                c.pop("env", None)
        rest.update(tx, new, obj)
        return f"{common.display_kind(kind)}/{obj['metadata']['name']} env updated"

    mutate_each(env, res, (), selector, all_, fn)


@set_group.command("resources", context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("-c", "--containers", default="*")
@click.option("--limits", default="")
@click.option("--requests", default="")
def set_resources_cmd(args: tuple[str, ...], containers: str, limits: str, requests: str) -> None:
    """Specify compute resource requirements (CPU, memory) for any resource that defines a pod template.

    \b
    Examples:
      # Set the deployment nginx container cpu limits to "200m" and memory to "512Mi"
      pykubectl set resources deployment nginx -c=nginx --limits=cpu=200m,memory=512Mi
    """
    env = common.env_of()
    if not limits and not requests:
        raise errors.UsageError("error: you must specify an update to requests or limits (in the form of --requests/--limits)")

    def parse(s: str) -> dict[str, str]:
        """kubectl's resource list: name=quantity pairs, each quantity parsed (and written in canonical form)."""
        from ..api import quantity

        out = {}
        for statement in s.split(","):
            name, sep, value = statement.partition("=")
            if not sep or not name or not value:
                raise errors.ClientError(f"error: invalid argument syntax {statement}, expected <resource>=<value>")
            try:
                out[name] = quantity.canonicalize(value)
            except quantity.QuantityError as e:
                raise errors.ClientError(f"error: {e}") from None
        return out

    parsed_limits, parsed_requests = parse(limits) if limits else {}, parse(requests) if requests else {}

    def fn(tx: Any, kind: Any, obj: dict) -> str:
        from ..client import rest

        new = copy.deepcopy(obj)
        for c in _pod_spec(new).get("containers") or []:
            if containers != "*" and c.get("name") != containers:
                continue
            r = c.setdefault("resources", {})
            if parsed_limits:
                r.setdefault("limits", {}).update(parsed_limits)
            if parsed_requests:
                r.setdefault("requests", {}).update(parsed_requests)
        rest.update(tx, new, obj)
        return f"{common.display_kind(kind)}/{obj['metadata']['name']} resource requirements updated"

    mutate_each(env, list(args), (), None, False, fn)


COMMANDS = {"set": set_group}
