"""patch: strategic merge, JSON merge and JSON patches of live objects or local files."""

from __future__ import annotations

import copy
import json
import os
from typing import Any

import click

from .. import errors
from ..api.gojson import syntax_error
from . import common
from .printflags import kustomize_option, printer_options
from .set_cmd import RECURSIVE_HELP
from .objectupdate import CTX, DRY_RUN_HELP, each_target, live_targets, same_object, write_update


class UndecodedPatch:
    """A patch text that starts with "{" but is not JSON: kubectl sends it as it is, and whoever decodes it fails
    with Go's json error (``problem``)."""

    def __init__(self, text: str, problem: str) -> None:
        self.text = text
        self.problem = problem

    def server_error(self, patch_type: str) -> errors.PykubectlError:
        """The API server's answer (handlers/patch.go): a strategic merge patch's decode error as it is, a merge
        or JSON patch's behind "error decoding patch: "."""
        return errors.BadRequest(self.problem if patch_type == "strategic" else f"error decoding patch: {self.problem}")

    def local_error(self, patch_type: str) -> errors.PykubectlError:
        """kubectl's own patching (--local): strategicpatch's ErrBadJSONDoc, json-patch's merge ErrBadJSONPatch,
        or json.Unmarshal's error decoding a JSON patch."""
        text = {"strategic": "invalid JSON document", "merge": "Invalid JSON Patch"}.get(patch_type, self.problem)
        return errors.ClientError(f"error: {text}")


def _read_patch(patch: str | None, patch_file: str | None) -> Any:
    """The patch as kubectl reads it (YAML or JSON, converted to JSON), through the manifest reader's limits
    (request size, nesting depth, alias expansion)."""
    from ..api.manifests import read_source, yaml_documents

    text = patch or ""
    if patch_file:
        if not os.path.isfile(patch_file):
            raise errors.ClientError(f"error: unable to read patch file: open {patch_file}: no such file or directory")
        text = read_source(patch_file)
    if not text.strip():
        raise errors.ClientError("error: must specify --patch or --patch-file containing the contents of the patch")
    if text.lstrip().startswith("{"):
        # kubectl's yaml.ToJSON passes a text that starts with "{" on as it is: the server decodes it as JSON.
        problem = syntax_error(text)
        if problem is not None:
            return UndecodedPatch(text, problem)
    try:  # JSON is read by the manifest reader too: its depth and size limits hold
        for _, doc in yaml_documents(text, "patch"):
            return doc
    except errors.ClientError as e:
        msg = str(e)
        msg = msg[msg.index("yaml: "):] if "yaml: " in msg else msg.removeprefix("error: ")
        shown = text if len(text) <= 200 else text[:200] + "…"
        raise errors.ClientError(f"error: unable to parse {json.dumps(shown, ensure_ascii=False)}: {msg}") from None
    raise errors.ClientError("error: invalid JSON document")


class _DeepRecursion:
    """Documents may nest as deep as the manifest reader allows (manifests.MAX_BUILD_DEPTH); merging and
    checking them recurses a few frames per level."""

    def __enter__(self) -> None:
        import sys

        self.old = sys.getrecursionlimit()
        sys.setrecursionlimit(max(self.old, 20000))

    def __exit__(self, *exc: object) -> None:
        import sys

        sys.setrecursionlimit(self.old)


def _scale_of(obj: dict, kind: Any) -> dict:
    from ..client import rest

    return rest.get_scale(obj)


@click.command("patch", context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("-p", "--patch", default=None, help="The patch to be applied to the resource JSON file.")
@click.option("--patch-file", default=None, help="A file containing a patch to be applied to the resource.")
@click.option("--type", "patch_type", default="strategic", help="The type of patch being provided; one of [json merge strategic]")
@click.option("--subresource", default="", help="If specified, patch will operate on the subresource of the requested object. This flag is beta and may change in the future.")
@click.option("--local", is_flag=True, help="If true, patch will operate on the content of the file, not the server-side resource.")
@click.option("-f", "--filename", "files", multiple=True, help="Filename, directory, or URL to files identifying the resource to update")
@click.option("-R", "--recursive", is_flag=True, help=RECURSIVE_HELP)
@click.option("--dry-run", "dry_run", default=None, is_flag=False, flag_value="unchanged", show_default="'none'",
              help=DRY_RUN_HELP)
@click.option("-o", "--output", default=None, help=common.PRINT_OUTPUT_HELP)
@click.option("--field-manager", default="kubectl-patch", help=common.FIELD_MANAGER_HELP)
@printer_options
@kustomize_option
def patch_cmd(args: tuple[str, ...], patch: str | None, patch_file: str | None, patch_type: str, subresource: str,
              local: bool, files: tuple[str, ...], recursive: bool, dry_run: str | None, output: str | None,
              field_manager: str) -> None:
    """Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch.

    JSON and YAML formats are accepted.

    \b
    Examples:
      # Partially update a node using a strategic merge patch, specifying the patch as JSON
      pykubectl patch node k8s-node-1 -p '{"spec":{"unschedulable":true}}'
    \b
      # Update a container's image; spec.containers[*].name is required because it's a merge key
      pykubectl patch pod valid-pod -p '{"spec":{"containers":[{"name":"kubernetes-serve-hostname","image":"new image"}]}}'
    \b
      # Update a container's image using a JSON patch with positional arrays
      pykubectl patch pod valid-pod --type='json' -p='[{"op": "replace", "path": "/spec/containers/0/image", "value":"new image"}]'
    \b
      # Update a deployment's replicas through the 'scale' subresource using a merge patch
      pykubectl patch deployment nginx-deployment --subresource='scale' --type='merge' -p '{"spec":{"replicas":2}}'
    """
    from ..api import patch as P

    env = common.env_of()
    dry = common.dry_run_mode(dry_run)
    if patch and patch_file:
        raise errors.ClientError("error: cannot specify --patch and --patch-file together")
    if not patch and not patch_file:
        raise errors.ClientError("error: must specify --patch or --patch-file containing the contents of the patch")
    if local and args:
        raise errors.ClientError("error: cannot specify --local and server resources")
    if local and dry == "server":
        raise errors.ClientError("error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?")
    if patch_type not in ("json", "merge", "strategic"):
        raise errors.ClientError(f'error: --type must be one of [json merge strategic], not "{patch_type}"')
    body = _read_patch(patch, patch_file)
    if local:
        if not files:
            raise errors.ClientError("error: must specify filename when --local is set")
    elif not args and not files:
        raise errors.UsageError("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'")
    if subresource and subresource not in ("status", "scale"):
        if not local:
            raise errors.NotFound("the server could not find the requested resource")

    if local:
        from ..api.manifests import iter_documents

        for d in iter_documents(list(files), recursive):
            if isinstance(body, UndecodedPatch):
                raise body.local_error(patch_type)
            try:
                with _DeepRecursion():
                    result = P.apply_patch(d.obj, body, patch_type)
            except P.PatchError as e:
                raise errors.ClientError(f"error: {e}") from None
            except RecursionError:
                raise errors.ClientError("error: json: exceeded max depth") from None
            kind = common.kind_of_obj(d.obj)
            if output:
                env.stdout.write(common.render_objects(env, [result], output, single=True))
            else:
                what = "patched" if not same_object(result, d.obj) else "patched (no change)"
                common.echo(env, f"{common.display_kind(kind)}/{d.obj['metadata']['name']} {what}")
        return

    store = common.open_store(env)
    targets = live_targets(env, store, list(args), files, None, False, recursive)

    def do(tx: Any, kind: Any, live: dict) -> None:
        from ..client import rest

        name = live["metadata"]["name"]
        if isinstance(body, UndecodedPatch):
            raise body.server_error(patch_type)
        if subresource == "scale":
            before = _scale_of(live, kind)
            after = rest.patch(before, body, patch_type)
            new = copy.deepcopy(live)
            replicas = (after.get("spec") or {}).get("replicas")
            if replicas is not None:
                rest.set_replicas(new, replicas)
            result = write_update(tx, kind, new, live, dry)
            shown = _scale_of(result, kind)
            changed = not same_object(result, live)
        else:
            patched = rest.patch(live, body, patch_type)
            if not isinstance(patched, dict):
                raise errors.BadRequest("json: cannot unmarshal into Go value of type map[string]interface {}")
            rest.decode(patched, kind, "ignore")
            if subresource == "status":
                new = copy.deepcopy(live)
                if "status" in patched:
                    new["status"] = patched["status"]
                else:
                    new.pop("status", None)
                changed = not same_object(new, live)
                if changed and dry != "client":
                    result = rest.update(tx, new, live, dry_run=(dry == "server"), subresource="status")
                else:
                    result = new
            else:
                # Identity and server-owned fields cannot be patched away.
                md = patched.setdefault("metadata", {})
                lmd = live["metadata"]
                if md.get("name", "") != lmd.get("name"):
                    raise errors.BadRequest(f"the name of the object ({md.get('name', '')}) does not match the "
                                            f"name on the URL ({lmd.get('name')})")
                if lmd.get("namespace") and md.get("namespace", "") != lmd["namespace"]:
                    raise errors.BadRequest("the namespace of the provided object does not match the namespace "
                                            "sent on the request")
                for k in ("apiVersion", "kind"):
                    patched[k] = live[k]
                status_before = copy.deepcopy(live.get("status"))
                result = write_update(tx, kind, patched, live, dry, warn_unknown=True)
                if status_before is not None:
                    result["status"] = status_before
                changed = not same_object(result, live)
            shown = result
        if output:
            env.stdout.write(common.render_objects(env, [shown], output, single=True))
        else:
            what = "patched" if changed else "patched (no change)"
            # kubectl prints the object the server answered with: through the scale subresource, a Scale. Its
            # ToPrinter sets the operation after the dry-run suffix was added, so no "(dry run)" is ever shown
            # (patch.go; seen with real kubectl 1.32 through serve).
            shown_kind = "scale.autoscaling" if subresource == "scale" else common.display_kind(kind)
            common.echo(env, f"{shown_kind}/{name} {what}")

    def do_deep(tx: Any, kind: Any, live: dict) -> None:
        try:
            with _DeepRecursion():
                do(tx, kind, live)
        except RecursionError:
            raise errors.BadRequest("json: exceeded max depth") from None

    failed = each_target(env, store, targets, do_deep)
    if not dry:
        common.settle(store)
    if failed:
        raise errors.PykubectlError("")


COMMANDS = {"patch": patch_cmd}
