"""edit: live objects through $KUBE_EDITOR, written back as updates."""

from __future__ import annotations

import copy
import os
from typing import Any

import click

from .. import errors
from . import common
from .objectupdate import CTX, live_targets, not_found, same_object, write_update

EDIT_HEADER = ("# Please edit the object below. Lines beginning with a '#' will be ignored,\n"
               "# and an empty file will abort the edit. If an error occurs while saving this file will be\n"
               "# reopened with the relevant failures.\n"
               "#\n")


def _strip_comments(text: str) -> str:
    return "".join(ln for ln in text.splitlines(keepends=True) if not ln.lstrip().startswith("#"))


def _run_editor(path: str) -> None:
    import shlex
    import subprocess

    editor = os.environ.get("KUBE_EDITOR") or os.environ.get("EDITOR") or "vi"
    try:
        rc = subprocess.call([*shlex.split(editor), path])
    except FileNotFoundError:
        raise errors.ClientError(f'error: unable to launch the editor "{editor}"') from None
    if rc != 0:
        raise errors.ClientError(f'error: there was a problem with the editor "{editor}"')


@click.command("edit", context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("-f", "--filename", "files", multiple=True, help="Filename, directory, or URL to files to use to edit the resource")
@click.option("-R", "--recursive", is_flag=True, help="Process the directory used in -f, --filename recursively.")
@click.option("-o", "--output", default=None, help=common.OUTPUT_HELP)
@click.option("--output-patch", is_flag=True, help="Output the patch if the resource is edited.")
@click.option("--validate", default="strict", help="Must be one of: strict (or true), warn, ignore (or false).")
@click.option("--subresource", default="", help="If specified, edit will operate on the subresource of the requested object.")
def edit_cmd(args: tuple[str, ...], files: tuple[str, ...], recursive: bool, output: str | None, output_patch: bool,
             validate: str, subresource: str) -> None:
    """Edit a resource from the default editor.

    The edit command allows you to directly edit any API resource you can retrieve via the command-line tools. It
    will open the editor defined by your KUBE_EDITOR, or EDITOR environment variables, or fall back to 'vi'. The
    default format is YAML.

    If an error occurs while updating, a temporary file will be created on disk that contains your unapplied
    changes.

    \b
    Examples:
      # Edit the service named 'registry'
      pykubectl edit svc/registry
    \b
      # Use an alternative editor
      KUBE_EDITOR="nano" pykubectl edit svc/registry
    \b
      # Edit the deployment 'mydeployment' in YAML and save the modified config in its annotation
      pykubectl edit deployment/mydeployment
    """
    import tempfile

    from ..api.manifests import yaml_documents
    from ..printers.output import list_wrapper, to_yaml
    from ..client.rest import resource_name as group_resource

    env = common.env_of()
    if not args and not files:
        raise errors.UsageError("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'")
    store = common.open_store(env)
    # A bare TYPE edits every object of it, as one List.
    targets = live_targets(env, store, list(args), files, None, True, recursive)
    for kind, obj, _ns, name in targets:
        if obj is None:
            raise not_found(kind, name)
    if not targets:
        raise errors.ClientError("error: edit cancelled, no objects found")
    originals = [t[1] for t in targets]
    doc: Any = originals[0] if len(originals) == 1 else list_wrapper(originals)
    body = original_body = to_yaml(doc)
    fd, path = tempfile.mkstemp(prefix="kubectl-edit-", suffix=".yaml")
    os.close(fd)
    reasons: list[str] = []
    previous: str | None = None
    remaining = list(targets)
    while True:
        text = EDIT_HEADER + "".join(reasons) + body
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        _run_editor(path)
        with open(path, encoding="utf-8") as fh:
            edited = fh.read()
        stripped = _strip_comments(edited)
        if previous is not None and stripped == _strip_comments(previous):
            env.stdout.flush()
            common.err(env, f'A copy of your changes has been stored to "{path}"')
            raise errors.ClientError("error: Edit cancelled, no valid changes were saved.")
        if stripped == _strip_comments(original_body):
            os.unlink(path)
            common.err(env, "Edit cancelled, no changes made.")
            return
        if not stripped.strip():
            os.unlink(path)
            common.err(env, "Edit cancelled, saved file was empty.")
            return
        reasons = []
        try:
            docs = [d for _, d in yaml_documents(stripped, path)]
        except errors.ClientError as e:
            msg = str(e).removeprefix("error: ")
            msg = msg.replace(f"error parsing {path}: ", "")
            reasons.append(f"# The edited file had a syntax error: {msg}\n#\n")
            previous, body = edited, stripped
            continue
        objs: list[dict] = []
        for d in docs:
            if isinstance(d, dict) and str(d.get("kind", "")).endswith("List") and isinstance(d.get("items"), list):
                objs.extend(x for x in d["items"] if isinstance(x, dict))
            elif isinstance(d, dict):
                objs.append(d)
        still: list = []
        retryable = False
        for kind, live0, ns, name in remaining:
            mine = next((o for o in objs if (o.get("metadata") or {}).get("name") == name
                         and o.get("kind") == kind.kind), None)
            gr = group_resource(kind.group, kind.kind)
            if mine is None or same_object(mine, live0):
                continue
            try:
                with store.transaction() as tx:
                    live = tx.get(kind.group, kind.kind, ns, name)
                    if live is None:
                        raise not_found(kind, name)
                    new = copy.deepcopy(mine)
                    new.setdefault("metadata", {})["namespace"] = live["metadata"].get("namespace")
                    if not new["metadata"].get("namespace"):
                        new["metadata"].pop("namespace", None)
                    write_update(tx, kind, new, live, "")
                common.echo(env, f"{common.display_kind(kind)}/{name} edited")
            except errors.Invalid as e:
                common.err(env, f'error: {gr} "{name}" is invalid')
                head = f"# {gr} \"{name}\" was not valid:\n"
                reasons.append(head + "".join(f"# * {fe}\n" for fe in e.errors) + "#\n")
                still.append((kind, live0, ns, name))
            except errors.NotFound:
                common.err(env, f'error: {gr} "{name}" could not be found on the server')
            except errors.ServerError as e:
                common.err(env, f'error: {gr} "{name}" could not be patched: {e.detail}')
                retryable = True
        if retryable:
            common.err(env, f"You can run `kubectl replace -f {path}` to try this update again.")
            raise errors.PykubectlError("")
        if not still:
            os.unlink(path)
            common.settle(store)
            return
        remaining = still
        previous, body = edited, stripped


COMMANDS = {"edit": edit_cmd}
