"""apply view-last-applied, set-last-applied and edit-last-applied: read, set from files, or edit in $KUBE_EDITOR
(else $EDITOR, else vi) the last-applied-configuration annotation that client-side apply keeps (kubectl's apply
subcommands; their texts as real kubectl 1.32 printed them through pykubectl serve)."""

from __future__ import annotations

import json
from typing import Any

import click

from .. import errors
from . import common
from .printflags import kustomize_option

CTX = {"help_option_names": ["-h", "--help"]}
LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"
NO_RESOURCES = ("error: You must provide one or more resources by argument or filename.\n"
                "Example resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n"
                "   '<resource> <name>'\n   '<resource>'")


def _annotation(obj: dict) -> str | None:
    return ((obj.get("metadata") or {}).get("annotations") or {}).get(LAST_APPLIED)


@click.command("apply view-last-applied", context_settings=CTX, hidden=True)
@click.argument("args", nargs=-1)
@click.option("--all", "all_", is_flag=True, help="Select all resources in the namespace of the specified resource types")
@click.option("-f", "--filename", "files", multiple=True,
              help="Filename, directory, or URL to files that contains the last-applied-configuration annotations")
@click.option("-o", "--output", default="yaml", help="Output format. Must be one of (yaml, json)")
@click.option("-R", "--recursive", is_flag=True,
              help="Process the directory used in -f, --filename recursively. Useful when you want to manage related "
                   "manifests organized within the same directory.")
@click.option("-l", "--selector", default=None,
              help="Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2)."
                   " Matching objects must satisfy all of the specified label constraints.")
@kustomize_option
def view_cmd(args: tuple[str, ...], all_: bool, files: tuple[str, ...], output: str, recursive: bool,
             selector: str | None) -> None:
    """View the latest last-applied-configuration annotations by type/name or file.

    The default output will be printed to stdout in YAML format. You can use the -o option to change the output
    format.

    \b
    Examples:
      # View the last-applied-configuration annotations by type/name in YAML
      pykubectl apply view-last-applied deployment/nginx
    \b
      # View the last-applied-configuration annotations by file in JSON
      pykubectl apply view-last-applied -f deploy.yaml -o json
    """
    from ..printers.output import to_yaml
    from .objectupdate import collect, not_found

    env = common.env_of()
    if files and args:
        raise errors.ClientError("error: resource/name arguments cannot be provided when a path is specified")
    if not files and not args:
        raise errors.ClientError(NO_RESOURCES)
    store = common.open_store(env)
    configs: list[str] = []
    with store.read() as tx:
        found = collect(env, tx, list(args), files, selector, all_, recursive)
        for kind, obj, name in found:
            if obj is None:
                raise not_found(kind, name)
            text = _annotation(obj)
            if text is None:
                if files:  # AddSourceToErr of a nil error: kubectl's odd wording, as printed
                    source = files[0]
                    raise errors.ClientError(f"error: error when no last-applied-configuration annotation found on "
                                             f'resource: {name}\n "{source}": <nil>')
                continue  # an object named on the command line without the annotation is skipped
            configs.append(text)
    for text in configs:
        if output == "json":
            env.stdout.write(_indent_json(text))
        elif output == "yaml":
            env.stdout.write(to_yaml(json.loads(text)))
        else:
            raise errors.UsageError(f"error: Unexpected -o output mode: {output}, the flag 'output' must be one of "
                                    "yaml|json\nSee 'kubectl apply view-last-applied -h' for help and examples")


def _indent_json(text: str) -> str:
    """Go's json.Indent with two spaces: the text re-spaced as it is (its key order, numbers and escapes kept), a
    value's trailing newline kept, an empty object or array left as ``{}`` / ``[]``."""
    body = text.rstrip(" \t\r\n")
    out: list[str] = []
    depth = 0
    in_string = escaped = False
    pending_open = False  # an opening bracket whose first element has not come yet
    for c in body:
        if in_string:
            out.append(c)
            if escaped:
                escaped = False
            elif c == "\\":
                escaped = True
            elif c == '"':
                in_string = False
            continue
        if c in " \t\r\n":
            continue
        if pending_open and c not in "}]":
            out.append("\n" + "  " * depth)
        pending_open = False
        if c in "{[":
            out.append(c)
            depth += 1
            pending_open = True
        elif c in "}]":
            depth -= 1
            if out and out[-1] in "{[":
                out.append(c)
            else:
                out.append("\n" + "  " * depth + c)
        elif c == ",":
            out.append(",\n" + "  " * depth)
        elif c == ":":
            out.append(": ")
        else:
            if c == '"':
                in_string = True
            out.append(c)
    return "".join(out) + text[len(body):]


@click.command("apply set-last-applied", context_settings=CTX, hidden=True)
@click.argument("args", nargs=-1)
@click.option("--allow-missing-template-keys", type=bool, default=True,
              help="If true, ignore any errors in templates when a field or map key is missing in the template. Only "
                   "applies to golang and jsonpath output formats.")
@click.option("--create-annotation", type=bool, default=False,
              help="Will create 'last-applied-configuration' annotations if current objects doesn't have one")
@click.option("--dry-run", "dry_run", default=None, is_flag=False, flag_value="unchanged",
              help='Must be "none", "server", or "client". If client strategy, only print the object that would be '
                   "sent, without sending it. If server strategy, submit server-side request without persisting the "
                   "resource.")
@click.option("-f", "--filename", "files", multiple=True,
              help="Filename, directory, or URL to files that contains the last-applied-configuration annotations")
@click.option("-o", "--output", default=None, help=common.OUTPUT_HELP)
@click.option("--show-managed-fields", type=bool, default=False,
              help="If true, keep the managedFields when printing objects in JSON or YAML format.")
@click.option("--template", "template_flag", default="",
              help="Template string or path to template file to use when -o=go-template, -o=go-template-file.")
def set_cmd(args: tuple[str, ...], allow_missing_template_keys: bool, create_annotation: bool, dry_run: str | None,
            files: tuple[str, ...], output: str | None, show_managed_fields: bool, template_flag: str) -> None:
    """Set the latest last-applied-configuration annotations by setting it to match the contents of a file.

    This results in the last-applied-configuration being updated as though 'kubectl apply -f<file> ' was run,
    without updating any other parts of the object.

    \b
    Examples:
      # Set the last-applied-configuration of a resource to match the contents of a file
      pykubectl apply set-last-applied -f deploy.yaml
    \b
      # Execute set-last-applied against each configuration file in a directory
      pykubectl apply set-last-applied -f path/
    \b
      # Set the last-applied-configuration of a resource to match the contents of a file; will create the annotation if it does not already exist
      pykubectl apply set-last-applied -f deploy.yaml --create-annotation=true
    """
    from ..api import registry
    from ..api.manifests import iter_documents
    from .objectupdate import not_found, write_update

    env = common.env_of()
    mode = common.dry_run_mode(dry_run)
    if not files:
        raise errors.ClientError(NO_RESOURCES)
    common.check_file_namespaces(env, files)
    ns = common.namespace(env)
    store = common.open_store(env)
    changes: list[tuple[Any, str, str, str]] = []  # (kind, namespace, name, annotation)
    with store.read() as tx:
        for doc in iter_documents(list(files)):
            obj = doc.obj
            kind = registry.by_api_version_kind(obj["apiVersion"], obj["kind"])
            md = obj.setdefault("metadata", {})
            if kind.namespaced and not md.get("namespace"):
                md["namespace"] = ns  # the builder's DefaultNamespace sets it in the object
            name = md.get("name", "")
            obj_ns = md.get("namespace", "") if kind.namespaced else ""
            wanted = json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"
            live = tx.get(kind.group, kind.kind, obj_ns, name)
            if live is None:
                raise not_found(kind, name)
            current = _annotation(live)
            if current is None and not create_annotation:
                raise errors.ClientError(f"error: no last-applied-configuration annotation found on resource: {name}, "
                                         "to create the annotation, run the command with --create-annotation")
            if current is not None and current == wanted:
                common.echo(env, f"set-last-applied {name}: no changes required.")
            else:
                changes.append((kind, obj_ns, name, wanted))
    if output and "=" not in output and template_flag:
        output = f"{output}={template_flag}"
    suffix = {"client": " (dry run)", "server": " (server dry run)"}.get(mode, "")
    for kind, obj_ns, name, wanted in changes:
        with store.transaction() as tx:
            live = tx.get(kind.group, kind.kind, obj_ns, name)
            if live is None:
                raise not_found(kind, name)
            new = json.loads(json.dumps(live))
            md = new.setdefault("metadata", {})
            md["annotations"] = dict(md.get("annotations") or {})
            md["annotations"][LAST_APPLIED] = wanted
            result = new if mode == "client" else write_update(tx, kind, new, live, mode)
        if output:
            env.stdout.write(common.render_objects(env, [result], output, single=True,
                                                   show_managed_fields=show_managed_fields))
        else:
            common.echo(env, f"{common.display_kind(kind)}/{name} configured{suffix}")


EDIT_HEADER = ("# Please edit the 'last-applied-configuration' annotations below.\n"
               "# Lines beginning with a '#' will be ignored, and an empty file will abort the edit.\n"
               "#\n")


def _edit_flags() -> tuple:
    from .edit import FLAGS

    keep = ("allow-missing-template-keys", "filename", "kustomize", "output", "recursive", "show-managed-fields",
            "template", "validate", "windows-line-endings")
    from .pflag import Flag

    return tuple(f for f in FLAGS if f.name in keep) + (
        Flag("field-manager", default="kubectl-client-side-apply",
             usage="Name of the manager used to track field ownership."),)


def _edit_command() -> Any:
    from .click_grammar import options_from

    @click.command("apply edit-last-applied", context_settings=CTX, hidden=True)
    @click.argument("args", nargs=-1)
    @options_from(_edit_flags())
    def edit_last_applied_cmd(args: tuple[str, ...], files: tuple[str, ...], kustomize: str | None,
                              recursive: bool, output: str | None, validate: str, show_managed_fields: bool,
                              windows_line_endings: bool, field_manager: str, template_flag: str,
                              allow_missing_template_keys: bool) -> None:
        """Edit the latest last-applied-configuration annotations of resources from the default editor.

        The edit-last-applied command allows you to directly edit any API resource you can retrieve via the
        command-line tools. It will open the editor defined by your KUBE_EDITOR, or EDITOR environment variables,
        or fall back to 'vi' for Linux or 'notepad' for Windows. You can edit multiple objects, although changes
        are applied one at a time. The command accepts file names as well as command-line arguments, although the
        files you point to must be previously saved versions of resources.

        The default format is YAML. To edit in JSON, specify "-o json".

        The flag --windows-line-endings can be used to force Windows line endings, otherwise the default for your
        operating system will be used.

        In the event an error occurs while updating, a temporary file will be created on disk that contains your
        unapplied changes. The most common error when updating a resource is another editor changing the resource
        on the server. When this occurs, you will have to apply your changes to the newer version of the resource,
        or update your temporary saved copy to include the latest resource version.

        \b
        Examples:
          # Edit the last-applied-configuration annotations by type/name in YAML
          pykubectl apply edit-last-applied deployment/nginx
        \b
          # Edit the last-applied-configuration annotations by file in JSON
          pykubectl apply edit-last-applied -f deploy.yaml -o json
        """
        edit_last_applied(args, files, kustomize, recursive, output, validate, show_managed_fields,
                          windows_line_endings, template_flag)

    return edit_last_applied_cmd


def edit_last_applied(args: tuple[str, ...], files: tuple[str, ...], kustomize: str | None, recursive: bool,
                      output: str | None, validate: str, show_managed_fields: bool, windows_line_endings: bool,
                      template_flag: str) -> None:
    """kubectl's editor loop in its ApplyEditMode (pkg/cmd/util/editor/editoptions.go, v0.32.6, read as facts;
    checked against real kubectl 1.32 through serve): the objects are the annotations' configurations (one, or a
    List), under the mode's header; an unchanged file cancels; each edited object is matched to an original by
    uid (a configuration usually has none, so the first), compared as JSON ("skipped" when equal), else the
    object's annotation is set to the edited configuration (compact JSON, keys sorted) by a JSON merge patch."""
    import os

    from ..api import registry
    from ..printers.output import to_json, to_yaml
    from .apply_core import _validate_flag
    from .edit import _run_editor, _strip_comments, syntax_reason, validation_reason
    from .objectupdate import go_json, live_targets, not_found, write_update

    env = common.env_of()
    # --record goes into the edited configurations, never onto the objects themselves (the client's writes).
    cause, env.change_cause = env.change_cause, ""
    paths = common.manifest_paths(env, files, kustomize)
    if not args and not paths:
        raise errors.UsageError(NO_RESOURCES)
    _validate_flag(validate)
    fmt = output or ""
    if fmt not in ("", "json", "yaml"):
        # The editor's printer (shared with edit) knows only these.
        raise errors.ClientError(f'error: unable to match a printer suitable for the output format "{fmt}", '
                                 "allowed formats are: json,yaml")
    store = common.open_store(env)
    targets = live_targets(env, store, list(args), tuple(paths), None, True, recursive)
    for kind, obj, _ns, name in targets:
        if obj is None:
            raise not_found(kind, name)
    configs: list[dict] = []
    first: tuple[Any, str] | None = None  # the first object with a configuration (kubectl reports against it)
    for kind, obj, _ns, name in targets:
        text = _annotation(obj or {})
        if text is None:
            continue
        first = first or (kind, name)
        try:
            parsed = json.loads(text)
        except ValueError as e:
            raise errors.ClientError(f"error: error parsing edited-file: {e}") from None
        if isinstance(parsed, dict):
            configs.append(parsed)
    if not configs:
        raise errors.ClientError("error: no last-applied-configuration annotation found on resources, to create "
                                 "the annotation, use command `kubectl apply set-last-applied --create-annotation`")
    doc: Any = configs[0] if len(configs) == 1 else {"apiVersion": "v1", "items": configs, "kind": "List",
                                                     "metadata": {}}
    as_json = fmt == "json"
    original_body = body = to_json(doc) if as_json else to_yaml(doc)
    fd, path = common.go_temp_file("kubectl-edit-", ".json" if as_json else ".yaml")
    os.close(fd)
    reasons: list[str] = []
    previous: str | None = None
    ns = common.namespace(env)
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
        assert first is not None
        invalid = validation_reason(env, validate, *first, stripped)
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
        docs, syntax = syntax_reason(edited)
        if syntax is not None:
            reasons = [syntax]
            previous, body = edited, stripped
            continue
        break
    objs: list[dict] = []
    for d in docs:
        if isinstance(d, dict) and str(d.get("kind", "")).endswith("List") and isinstance(d.get("items"), list):
            objs.extend(x for x in d["items"] if isinstance(x, dict))
        elif isinstance(d, dict):
            objs.append(d)
    try:
        for mine in objs:
            md = mine.get("metadata") if isinstance(mine.get("metadata"), dict) else {}
            if md.get("namespace") and md["namespace"] != ns:
                raise errors.ClientError(
                    f'error: the namespace from the provided object "{md["namespace"]}" does not match the '
                    f"namespace \"{ns}\". You must pass '--namespace={md['namespace']}' to perform this operation.")
            if cause:
                # --record: the recorder annotates the edited configuration before it is compared and sent.
                mine.setdefault("metadata", {})
                md = mine["metadata"]
                md["annotations"] = {**(md.get("annotations") or {}), "kubernetes.io/change-cause": cause}
            uid = md.get("uid") or ""
            original = next((c for c in configs if ((c.get("metadata") or {}).get("uid") or "") == uid), None)
            if original is None:
                raise errors.ClientError("error: no original object found for the edited object")
            kind = registry.by_api_version_kind(str(mine.get("apiVersion", "")), str(mine.get("kind", "")))
            name = str(md.get("name", ""))
            if go_json(mine) == go_json(original):
                _print_edited(env, kind, mine, name, "skipped", fmt, show_managed_fields)
                continue
            wanted = go_json(mine).decode() + "\n"
            with store.transaction() as tx:
                live = tx.get(kind.group, kind.kind, ns if kind.namespaced else "", name)
                if live is None:
                    raise not_found(kind, name)
                new = json.loads(json.dumps(live))
                lmd = new.setdefault("metadata", {})
                lmd["annotations"] = dict(lmd.get("annotations") or {})
                lmd["annotations"][LAST_APPLIED] = wanted
                write_update(tx, kind, new, live, "")
            _print_edited(env, kind, mine, name, "edited", fmt, show_managed_fields)
    except errors.PykubectlError:
        env.stdout.flush()
        common.err(env, f'A copy of your changes has been stored to "{path}"')
        raise
    os.unlink(path)
    common.settle(store)


def _print_edited(env: Any, kind: Any, obj: dict, name: str, operation: str, fmt: str,
                  show_managed_fields: bool) -> None:
    """The edited configuration as the command's printer prints it: "TYPE/NAME edited|skipped", or in -o's
    format."""
    if fmt:
        env.stdout.write(common.render_objects(env, [obj], fmt, single=True, show_managed_fields=show_managed_fields))
    else:
        common.echo(env, f"{common.display_kind(kind)}/{name} {operation}")


edit_last_applied_cmd = _edit_command()

COMMANDS = {"apply view-last-applied": view_cmd, "apply set-last-applied": set_cmd,
            "apply edit-last-applied": edit_last_applied_cmd}
