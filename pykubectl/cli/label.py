"""label: add, change or remove labels of objects (annotate shares the metadata-pair machinery)."""

from __future__ import annotations

import copy
from typing import Any, Callable

import click

from .. import errors
from . import common
from .objectupdate import (CTX, DRY_RUN_HELP, Precondition, dry_run_suffix, each_target, go_json, live_targets,
                           write_update)
from .printflags import kustomize_option, printer_options
from .set_cmd import RECURSIVE_HELP, SELECTOR_HELP


def _resources_and_pairs(args: tuple[str, ...], what: str) -> tuple[list[str], list[str]]:
    resources: list[str] = []
    pairs: list[str] = []
    for a in args:
        is_pair = ("=" in a and not a.startswith("=")) or (a.endswith("-") and a != "-")
        if is_pair:
            pairs.append(a)
        elif pairs:
            raise errors.ClientError(f"error: all resources must be specified before {what} changes: {a}")
        else:
            resources.append(a)
    return resources, pairs


_LABEL_VALUE_MSG = ("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', "
                    "and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or "
                    "'12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")


def _parse_labels(pairs: list[str]) -> tuple[dict[str, str], list[str]]:
    import re

    new: dict[str, str] = {}
    remove: list[str] = []
    for p in pairs:
        if "=" in p:
            parts = p.split("=")
            if len(parts) != 2:
                raise errors.ClientError(f"error: invalid label spec: {p}")
            v = parts[1]
            msgs = []
            if len(v) > 63:
                msgs.append("must be no more than 63 characters")
            if v and not re.fullmatch(r"(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?", v):
                msgs.append(_LABEL_VALUE_MSG)
            if msgs:
                raise errors.ClientError(f'error: invalid label value: "{p}": {";".join(msgs)}')
            new[parts[0]] = v
        elif p.endswith("-"):
            remove.append(p[:-1])
        else:
            raise errors.ClientError(f"error: unknown label spec: {p}")
    if any(r in new for r in remove):
        raise errors.ClientError("error: can not both modify and remove a label in the same command")
    return new, remove


def _parse_annotations(pairs: list[str]) -> tuple[dict[str, str], list[str]]:
    new: dict[str, str] = {}
    remove: list[str] = []
    bad: list[str] = []
    for p in pairs:
        if "=" in p and not p.startswith("="):
            k, v = p.split("=", 1)
            new[k] = v
        elif p.endswith("-") and p != "-":
            remove.append(p[:-1])
        else:
            bad.append(p)
    if bad:
        raise errors.ClientError(f"error: invalid annotation format: {', '.join(bad)}")
    both = [r for r in remove if r in new]
    if both:
        raise errors.ClientError("error: can not both modify and remove the following annotation(s) in the same "
                                 f"command: {', '.join(both)}")
    return new, remove


def meta_verb(which: str, args: tuple[str, ...], files: tuple[str, ...], recursive: bool, selector: str | None,
               all_: bool, overwrite: bool, list_: bool, local: bool, resource_version: str, dry_run_flag: str | None,
               output: str | None, all_namespaces: bool = False, field_selector: str | None = None) -> None:
    """label and annotate: one flow, kubectl's two sets of messages."""
    env = common.env_of()
    is_label = which == "labels"
    noun = "label" if is_label else "annotation"
    dry_run = common.dry_run_mode(dry_run_flag)
    resources, pairs = _resources_and_pairs(args, noun)
    new, remove = (_parse_labels if is_label else _parse_annotations)(pairs)
    if list_ and env.__dict__.get("output_flag", output):
        raise errors.ClientError("error: --list and --output may not be specified together")
    if all_ and selector:
        raise errors.ClientError("error: cannot set --all and --selector at the same time")
    if all_ and field_selector:
        raise errors.ClientError("error: cannot set --all and --field-selector at the same time")
    example = "pod.yaml or --filename=pod.json" if is_label else "rsrc.yaml or --filename=rsrc.json"
    if local:
        if dry_run == "server":
            raise errors.ClientError("error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?")
        if resources:
            raise errors.ClientError(f"error: can only use local files by -f {example} when --local=true is set")
        if not files:
            raise errors.ClientError(f"error: one or more files must be specified as -f {example}")
    elif not resources and not files:
        raise errors.ClientError("error: one or more resources must be specified as <resource> <name> or <resource>/<name>")
    if not new and not remove and not list_:
        raise errors.ClientError(f"error: at least one {noun} update is required")

    def change(obj: dict) -> str:
        md = obj.setdefault("metadata", {})
        cur = dict(md.get(which) or {})
        if not overwrite:
            clash = [k for k in sorted(new) if k in cur and cur[k] != new[k]
                     and (is_label or k != "kubernetes.io/change-cause")]
            if clash:
                if is_label:
                    msgs = [f"'{k}' already has a value ({cur[k]}), and --overwrite is false" for k in clash]
                    text = msgs[0] if len(msgs) == 1 else "[" + ", ".join(msgs) + "]"
                else:
                    text = ("--overwrite is false but found the following declared annotation(s): "
                            + "; ".join(f"'{k}' already has a value ({cur[k]})" for k in clash))
                raise errors.bare_client_error(text)
        if resource_version:
            md.pop("resourceVersion", None)
        before = go_json(obj)
        cur.update(new)
        for k in remove:
            cur.pop(k, None)
        md[which] = cur
        if resource_version:
            md["resourceVersion"] = resource_version
        if not is_label:
            return "annotated"
        # kubectl 1.32 compares the serialized objects: equal reads "not labeled", shorter without --overwrite
        # "unlabeled", anything else "labeled" (so an object without labels gains "labels: {}" and is "labeled").
        after = go_json(obj)
        if after == before:
            return "not labeled"
        return "unlabeled" if not overwrite and len(after) < len(before) else "labeled"

    def show(kind: Any, obj: dict, msg: str, single: bool) -> None:
        if list_:
            items = sorted((obj["metadata"].get(which) or {}).items())
            indent = ""
            if not single:
                indent = " "
                title = "Listing labels" if is_label else "Listing annotations"
                env.stdout.write(f"{title} for {kind.kind}.{kind.group}/{obj['metadata']['name']}:\n")
            env.stdout.write("".join(f"{indent}{k}={v}\n" for k, v in items))
        elif output:
            env.stdout.write(common.render_objects(env, [obj], output, single=True))
        else:
            common.echo(env, f"{common.display_kind(kind)}/{obj['metadata']['name']} {msg}"
                             f"{dry_run_suffix(dry_run)}")

    if local:
        from ..api.manifests import iter_documents

        docs = list(iter_documents(list(files), recursive))
        if resource_version and not _single_implied([], files, None, False):
            raise errors.ClientError("error: --resource-version may only be used with a single resource")
        for d in docs:
            obj = d.obj
            msg = change(obj)
            show(common.kind_of_obj(obj), obj, msg, _single_implied([], files, None, False, recursive))
        return

    if (selector or field_selector) and not files and any(t.names for t in common.parse_targets(resources)):
        raise errors.ClientError("error: name cannot be provided when a selector is specified")
    store = common.open_store(env)
    targets = live_targets(env, store, resources, files, selector, all_ or all_namespaces, recursive, all_namespaces,
                           field_selector)
    single = _single_implied(resources, files, selector or field_selector, all_ or all_namespaces, recursive)
    if resource_version and not single:
        raise errors.ClientError("error: --resource-version may only be used with a single resource")

    def fn(tx: Any, kind: Any, live: dict) -> None:
        from ..client.rest import resource_name as group_resource

        obj = copy.deepcopy(live)
        if is_label and not (list_ or dry_run == "client"):
            for k in remove:
                if k not in (live["metadata"].get("labels") or {}):
                    env.stdout.write(f'label "{k}" not found.\n')
        msg = change(obj)
        if list_ or dry_run == "client":
            show(kind, obj, msg, single)
            return
        if resource_version and resource_version != live["metadata"].get("resourceVersion"):
            raise Precondition(
                f'Operation cannot be fulfilled on {group_resource(kind.group, kind.kind)} "{live["metadata"]["name"]}": '
                "the object has been modified; please apply your changes to the latest version and try again")
        # The merge patch kubectl sends touches only this map; an empty map is dropped as the server does.
        if not obj["metadata"].get(which):
            obj["metadata"].pop(which, None)
        result = write_update(tx, kind, obj, live, dry_run)
        show(kind, obj if is_label else result, msg, single)

    failed = each_target(env, store, targets, fn)
    if not dry_run:
        common.settle(store)
    if failed:
        raise errors.PykubectlError("")


def _single_implied(resources: list[str], files: tuple[str, ...], selector: str | None, all_: bool,
                    recursive: bool = False) -> bool:
    """The resource builder's "single item implied": a -f path (file or directory, -R or not; not stdin), or
    one TYPE/NAME (or TYPE NAME) with no selector; what --list indentation and --resource-version go by."""
    if files:
        return any(f != "-" for f in files)
    if selector or all_:
        return False
    if len(resources) == 1:
        return "/" in resources[0]
    return len(resources) == 2 and "," not in resources[0] and "/" not in resources[0]


def meta_options(noun: str) -> Callable[[Callable], Callable]:
    """label's and annotate's flags, with each one's usage texts as kubectl words them (``noun``: label or
    annotation)."""
    plural = noun + "s"
    which = {"label": "labels", "annotation": "annotation"}[noun]

    def deco(f: Callable) -> Callable:
        for opt in reversed([
            click.argument("args", nargs=-1),
            click.option("--overwrite", is_flag=True,
                         help=f"If true, allow {plural} to be overwritten, otherwise reject {noun} updates that "
                              f"overwrite existing {plural}."),
            click.option("--list", "list_", is_flag=True, help=f"If true, display the {plural} for a given resource."),
            click.option("--local", is_flag=True, help=f"If true, {noun} will NOT contact api-server but run locally."),
            click.option("--all", "all_", is_flag=True,
                         help="Select all resources, in the namespace of the specified resource types"
                              + ("." if noun == "annotation" else "")),
            click.option("-A", "--all-namespaces", is_flag=True,
                         help="If true, check the specified action in all namespaces."),
            click.option("-l", "--selector", default=None, help=SELECTOR_HELP),
            click.option("--field-selector", default=None, help="Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type."),
            click.option("--resource-version", default="",
                         help=f"If non-empty, the {which} update will only succeed if this is the current "
                              "resource-version for the object. Only valid when specifying a single resource."),
            click.option("-f", "--filename", "files", multiple=True,
                         help=f"Filename, directory, or URL to files identifying the resource to update the {which}"),
            click.option("-R", "--recursive", is_flag=True, help=RECURSIVE_HELP),
            click.option("--dry-run", "dry_run", default=None, is_flag=False, flag_value="unchanged",
                         show_default="'none'", help=DRY_RUN_HELP),
            click.option("-o", "--output", default=None, help=common.PRINT_OUTPUT_HELP),
            click.option("--field-manager", default=f"kubectl-{'label' if noun == 'label' else 'annotate'}",
                         help=common.FIELD_MANAGER_HELP),
        ]):
            f = opt(f)
        return kustomize_option(printer_options(f))
    return deco


@click.command("label", context_settings=CTX)
@meta_options("label")
def label_cmd(args: tuple[str, ...], overwrite: bool, list_: bool, local: bool, all_: bool, all_namespaces: bool,
              selector: str | None, field_selector: str | None,
              resource_version: str, files: tuple[str, ...], recursive: bool, dry_run: str | None,
              output: str | None, field_manager: str) -> None:
    """Update the labels on a resource.

    \b
      *  A label key and value must begin with a letter or number, and may contain letters, numbers, hyphens,
    dots, and underscores, up to 63 characters each.
      *  If --overwrite is true, then existing labels can be overwritten, otherwise attempting to overwrite a
    label will result in an error.
      *  If --resource-version is specified, then updates will use this resource version, otherwise the existing
    resource-version will be used.

    \b
    Examples:
      # Update pod 'foo' with the label 'unhealthy' and the value 'true'
      pykubectl label pods foo unhealthy=true
    \b
      # Update pod 'foo' with the label 'status' and the value 'unhealthy', overwriting any existing value
      pykubectl label --overwrite pods foo status=unhealthy
    \b
      # Update all pods in the namespace
      pykubectl label pods --all status=unhealthy
    \b
      # Update pod 'foo' by removing a label named 'bar' if it exists
      pykubectl label pods foo bar-
    """
    meta_verb("labels", args, files, recursive, selector, all_, overwrite, list_, local,
               resource_version, dry_run, output, all_namespaces, field_selector)


COMMANDS = {"label": label_cmd}
