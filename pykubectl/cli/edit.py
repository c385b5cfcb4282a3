"""edit: live objects through $KUBE_EDITOR (else $EDITOR, else vi), sent back as patches.

kubectl's editor loop (pkg/cmd/util/editor/editoptions.go, v0.32.0, read as facts): the objects (one, or several as
a List) are written as YAML under a comment header, or as JSON with no header when -o json; no change cancels; an
invalid object or a syntax error reopens the editor with the reasons in the header. Each edited object is matched
to its original by uid and sent as a strategic merge patch (a JSON merge patch for custom kinds) -- to the status
or scale subresource with --subresource -- which --output-patch prints first (`Patch: {...}`); unchanged objects
of a list print "skipped", changed ones "edited", or the patched object in the -o format (json or yaml: the
editor's own printer knows no other, so another -o fails before the editor opens)."""

from __future__ import annotations

import copy
import os
from typing import Any

import click

from .. import errors
from . import common
from .click_grammar import options_from
from .objectupdate import CTX, go_json, live_targets, not_found, same_object, write_update
from .pflag import Flag

FLAGS = (
    Flag("allow-missing-template-keys", kind="bool", default=True,
         usage="If true, ignore any errors in templates when a field or map key is missing in the template. Only "
               "applies to golang and jsonpath output formats."),
    Flag("field-manager", default="kubectl-edit", usage="Name of the manager used to track field ownership."),
    Flag("filename", "f", "stringSlice", dest="files",
         usage="Filename, directory, or URL to files to use to edit the resource"),
    Flag("kustomize", "k", usage=common.KUSTOMIZE_HELP),
    Flag("output", "o", usage="Output format. One of: (json, yaml, name, go-template, go-template-file, template, "
                              "templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    Flag("output-patch", kind="bool", default=False, usage="Output the patch if the resource is edited."),
    Flag("recursive", "R", "bool", default=False,
         usage="Process the directory used in -f, --filename recursively. Useful when you want to manage related "
               "manifests organized within the same directory."),
    Flag("save-config", kind="bool", default=False,
         usage="If true, the configuration of current object will be saved in its annotation. Otherwise, the "
               "annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this "
               "object in the future."),
    Flag("show-managed-fields", kind="bool", default=False,
         usage="If true, keep the managedFields when printing objects in JSON or YAML format."),
    Flag("subresource", default="",
         usage="If specified, edit will operate on the subresource of the requested object. This flag is beta and "
               "may change in the future."),
    Flag("template", dest="template_flag", default="",
         usage="Template string or path to template file to use when -o=go-template, -o=go-template-file. The "
               "template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
    Flag("validate", default="strict", bare="strict",
         usage="Must be one of: strict (or true), warn, ignore (or false)."),
    Flag("windows-line-endings", kind="bool", default=False,
         usage="Defaults to the line ending native to your platform."),
)

EDIT_HEADER = ("# Please edit the object below. Lines beginning with a '#' will be ignored,\n"
               "# and an empty file will abort the edit. If an error occurs while saving this file will be\n"
               "# reopened with the relevant failures.\n"
               "#\n")


def validation_reason(env: Any, validate: str, kind: Any, name: str, text: str) -> str | None:
    """The schema validation kubectl runs on the edited text (comments stripped) before anything else, unless
    --validate=false: the text must read as one YAML object with apiVersion and kind (kubectl's validation.parse
    and getObjectKind). A failure is reported against the first object (``kind``, ``name``): its line on stderr,
    and the reason the reopened editor shows (returned); None when it passes."""
    from ..api.manifests import yaml_documents
    from ..client.rest import resource_name

    if validate.lower() in ("false", "ignore"):
        return None
    problem = ""
    if not text.strip():
        problem = "invalid object to validate"
    else:
        try:
            docs = [d for _, d in yaml_documents(text, "edited-file")]
        except errors.ClientError as e:
            problem = str(e).removeprefix("error: ").removeprefix("error parsing edited-file: ") \
                .removeprefix("error converting YAML to JSON: ")
        else:
            first = docs[0] if docs else None
            if not isinstance(first, dict):
                problem = "invalid object to validate"
            else:
                missing = [f"{f} not set" for f in ("apiVersion", "kind") if first.get(f) is None]
                problem = missing[0] if len(missing) == 1 else ("[" + ", ".join(missing) + "]" if missing else "")
    if not problem:
        return None
    gr = resource_name(kind.group, kind.kind)
    common.err(env, f'error: {gr} "{name}" is invalid')
    return (f'# {gr} "{name}" was not valid:\n'
            f'# * <nil>: Invalid value: "The edited file failed validation": {problem}\n#\n')


def syntax_reason(edited: str) -> tuple[list, str | None]:
    """The builder reading the edited file as it was saved (comments included): its documents, or the reason a
    syntax error gives."""
    from ..api.manifests import yaml_documents

    try:
        return [d for _, d in yaml_documents(edited, "edited-file")], None
    except errors.ClientError as e:
        return [], f"# The edited file had a syntax error: {str(e).removeprefix('error: ')}\n#\n"


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


def _without_managed_fields(obj: dict) -> dict:
    md = obj.get("metadata")
    if isinstance(md, dict) and "managedFields" in md:
        return {**obj, "metadata": {k: v for k, v in md.items() if k != "managedFields"}}
    return obj


def _subresource_view(kind: Any, obj: dict, subresource: str) -> tuple[Any, dict]:
    """What a GET of the subresource returns: the object itself for status, the Scale for scale; a kind without
    that subresource (or another name) is the API server's 404."""
    from types import SimpleNamespace

    from ..client import rest

    if subresource == "status" and (kind.kind in _STATUS_KINDS if not _custom(kind) else "status" in obj):
        return kind, obj
    if subresource == "scale" and rest.has_scale(obj):
        return SimpleNamespace(group="autoscaling", kind="Scale", version="v1"), rest.get_scale(obj)
    raise errors.NotFound("the server could not find the requested resource")


def _custom(kind: Any) -> bool:
    from ..api import schema as sch

    return sch.definition_name(kind.group, kind.version, kind.kind) is None


# Kinds served with a status subresource even while their status is empty.
_STATUS_KINDS = {"Pod", "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "CronJob", "Service", "Node",
                 "Namespace", "PersistentVolume", "PersistentVolumeClaim", "ReplicationController",
                 "HorizontalPodAutoscaler", "PodDisruptionBudget", "Ingress", "ResourceQuota",
                 "CertificateSigningRequest", "NetworkPolicy"}


def _patch_for(kind: Any, original: dict, edited: dict) -> tuple[Any, str]:
    """(patch, type) kubectl computes: strategic for the kinds it knows, JSON merge for custom ones; a patch that
    changes apiVersion, kind, name or managedFields is refused."""
    from ..api import patch as patches

    if not _custom(kind):
        body = patches.two_way_strategic(original, edited)
        ptype = "strategic"
    else:
        body = patches.json_merge_diff(original, edited)
        ptype = "merge"
    md = body.get("metadata") if isinstance(body.get("metadata"), dict) else {}
    if "apiVersion" in body or "kind" in body or "name" in md or "managedFields" in body:
        raise errors.ClientError("error: At least one of apiVersion, kind and name was changed")
    return body, ptype


@click.command("edit", context_settings=CTX)
@click.argument("args", nargs=-1)
@options_from(FLAGS)
def edit_cmd(args: tuple[str, ...], files: tuple[str, ...], kustomize: str | None, recursive: bool,
             output: str | None, output_patch: bool, validate: str, subresource: str, save_config: bool,
             show_managed_fields: bool, windows_line_endings: bool, field_manager: str, template_flag: str,
             allow_missing_template_keys: bool) -> None:
    """Edit a resource from the default editor.

    The edit command allows you to directly edit any API resource you can retrieve via the command-line tools. It
    will open the editor defined by your KUBE_EDITOR, or EDITOR environment variables, or fall back to 'vi'. The
    default format is YAML. To edit in JSON, specify "-o json".

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
      # Edit the job 'myjob' in JSON using the v1 API format
      pykubectl edit job.v1.batch/myjob -o json
    \b
      # Edit the deployment 'mydeployment' in YAML and save the modified config in its annotation
      pykubectl edit deployment/mydeployment -o yaml --save-config
    \b
      # Edit the 'status' subresource for the 'mydeployment' deployment
      pykubectl edit deployment mydeployment --subresource='status'
    """

    from ..client import rest
    from ..client.rest import resource_name as group_resource
    from ..printers.output import list_wrapper, to_json, to_yaml
    from .apply_core import LAST_APPLIED, _validate_flag, last_applied_text

    env = common.env_of()
    paths = common.manifest_paths(env, files, kustomize)
    if not args and not paths:
        raise errors.UsageError("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'")
    store = common.open_store(env)
    # A bare TYPE edits every object of it, as one List.
    targets = live_targets(env, store, list(args), tuple(paths), None, True, recursive)
    for kind, obj, _ns, name in targets:
        if obj is None:
            raise not_found(kind, name)
    views: list[tuple[Any, dict, Any, str, str]] = []  # (kind shown, object shown, stored kind, namespace, name)
    for kind, obj, ns, name in targets:
        shown_kind, shown = (_subresource_view(kind, obj, subresource) if subresource else (kind, obj))
        views.append((shown_kind, shown, kind, ns, name))
    _validate_flag(validate)
    fmt = output or ""
    if fmt not in ("", "json", "yaml"):
        raise errors.ClientError(f'error: unable to match a printer suitable for the output format "{fmt}", '
                                 "allowed formats are: json,yaml")
    if not views:
        raise errors.ClientError("error: edit cancelled, no objects found")
    originals = [_without_managed_fields(v[1]) for v in views]
    doc: Any = originals[0] if len(originals) == 1 else {"apiVersion": "v1", "items": originals, "kind": "List",
                                                         "metadata": {}}
    as_json = fmt == "json"
    body = original_body = to_json(doc) if as_json else to_yaml(doc)
    fd, path = common.go_temp_file("kubectl-edit-", ".json" if as_json else ".yaml")
    os.close(fd)
    reasons: list[str] = []
    previous: str | None = None
    remaining = list(views)
    while True:
        text = ("" if as_json else EDIT_HEADER + "".join(reasons)) + body
        if windows_line_endings:
            text = text.replace("\n", "\r\n")
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        _run_editor(path)
        with open(path, encoding="utf-8") as fh:
            edited = fh.read()
        stripped = _strip_comments(edited)
        if previous is not None and stripped == _strip_comments(previous):
            env.stdout.flush()
            common.err(env, f'A copy of your changes has been stored to "{path}"')
            raise errors.ClientError("error: Edit cancelled, no valid changes were saved.")
        invalid = validation_reason(env, validate, views[0][2], views[0][4], stripped)
        if invalid is not None:
            reasons = [invalid]
            previous, body = edited, stripped
            continue
        if stripped == _strip_comments(original_body):
            os.unlink(path)
            common.err(env, "Edit cancelled, no changes made.")
            return
        if not stripped.strip():
            os.unlink(path)
            common.err(env, "Edit cancelled, saved file was empty.")
            return
        reasons = []
        docs, syntax = syntax_reason(edited)
        if syntax is not None:
            reasons.append(syntax)
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
        notfound = False
        for mine in objs:
            mmd = mine.get("metadata") if isinstance(mine.get("metadata"), dict) else {}
            match = next((v for v in remaining if mmd.get("uid") and
                          (v[1].get("metadata") or {}).get("uid") == mmd.get("uid")), None)
            if match is None:
                match = next((v for v in remaining if (v[1].get("metadata") or {}).get("name") == mmd.get("name")
                              and v[1].get("kind") == mine.get("kind")), None)
            if match is None:
                continue
            shown_kind, shown, kind, ns, name = match
            original = _without_managed_fields(shown)
            if save_config:
                mine.setdefault("metadata", {}).setdefault("annotations", {})[LAST_APPLIED] = last_applied_text(mine)
            if same_object(mine, original):
                common.echo(env, f"{common.display_kind(shown_kind)}/{name} skipped")
                continue
            try:
                patch, ptype = _patch_for(shown_kind, original, mine)
            except errors.ClientError:
                env.stdout.flush()
                common.err(env, f'A copy of your changes has been stored to "{path}"')
                raise
            if output_patch:
                env.stdout.write("Patch: " + go_json(patch).decode() + "\n")
            gr = group_resource(kind.group, kind.kind)
            try:
                with store.transaction() as tx:
                    live = rest.get_object(tx, kind, ns, name)
                    if live is None:
                        raise not_found(kind, name)
                    result = _send(tx, kind, live, subresource, patch, ptype)
            except errors.Invalid as e:
                common.err(env, f'error: {gr} "{name}" is invalid')
                head = f"# {gr} \"{name}\" was not valid:\n"
                reasons.append(head + "".join(f"# * {fe}\n" for fe in e.errors) + "#\n")
                still.append(match)
                continue
            except errors.NotFound:
                common.err(env, f'error: {gr} "{name}" could not be found on the server')
                notfound = True
                continue
            except errors.ServerError as e:
                common.err(env, f'error: {gr} "{name}" could not be patched: {e.detail}')
                retryable = True
                continue
            if fmt:
                env.stdout.write(common.render_objects(env, [result], fmt, single=True,
                                                       show_managed_fields=show_managed_fields))
            else:
                common.echo(env, f"{common.display_kind(shown_kind)}/{name} edited")
        if retryable:
            common.err(env, f"You can run `kubectl replace -f {path}` to try this update again.")
            raise errors.PykubectlError("")
        if notfound:
            common.err(env, f'The edits you made on deleted resources have been saved to "{path}"')
            raise errors.PykubectlError("")
        if not still:
            os.unlink(path)
            common.settle(store)
            return
        remaining = still
        previous, body = edited, stripped


def _send(tx: Any, kind: Any, live: dict, subresource: str, patch: Any, ptype: str) -> dict:
    """The PATCH request: to the object, its status (only status changes) or its scale (only replicas)."""
    from ..client import rest

    try:
        if subresource == "scale":
            scale = rest.patch(rest.get_scale(live), patch, ptype)
            replicas = ((scale or {}).get("spec") or {}).get("replicas", 0)
            updated = rest.update_scale(tx, live, int(replicas))
            return rest.get_scale(updated)
        new = rest.patch(live, patch, ptype)
    except errors.PykubectlError:
        raise
    except Exception as e:  # noqa: BLE001 - a patch that does not apply is the server's error
        raise rest.patch_error(e, ptype) from None
    if subresource == "status":
        body = copy.deepcopy(live)
        if "status" in new:
            body["status"] = new["status"]
        else:
            body.pop("status", None)
        return rest.update(tx, body, live, subresource="status")
    return write_update(tx, kind, new, live, "")


COMMANDS = {"edit": edit_cmd}
