"""label, annotate, patch, replace, edit, diff: the verbs that change (or compare) objects in place."""

from __future__ import annotations

import copy
import json
import os
from typing import Any, Callable

import click

from .. import errors
from . import common

CTX = {"help_option_names": ["-h", "--help"]}
DRY_RUN_HELP = 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.'


def _suffix(dry_run: str) -> str:
    return {"client": " (dry run)", "server": " (server dry run)"}.get(dry_run, "")


def _same(a: Any, b: Any) -> bool:
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def _go_json(obj: Any) -> bytes:
    """Go's json.Marshal of an unstructured object: compact, map keys sorted."""
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False, sort_keys=True).encode()


def _prune(v: Any, node: Any) -> Any:
    from ..client import rest

    return rest.round_trip(v, node)


def _update(tx: Any, kind: Any, new: dict, live: dict, dry_run: str, warn_unknown: bool = False) -> dict:
    """Write ``new`` over ``live`` as the API server's update path does (decode check, defaults, validation);
    status is the status subresource's, so the main resource keeps the live one. With ``warn_unknown`` (a patch:
    kubectl sends no field validation, so the server warns), unknown fields are reported and dropped."""
    from ..api.patch import schema_for
    from ..client import rest

    for msg in rest.decode(new, kind, "warn" if warn_unknown else "ignore"):
        common.err(common.env_of(), f"Warning: {msg}")
    if warn_unknown:
        pruned = _prune(new, schema_for(new))  # a custom kind has no built-in schema: its server prunes it
        if pruned is not new:
            new.clear()
            new.update(pruned)
    return rest.replace(tx, kind, new, live, dry_run, decoded=True)


def _targets(env: Any, store: Any, args: list[str], files: tuple[str, ...], selector: str | None, all_: bool,
             recursive: bool = False, all_namespaces: bool = False) -> list[tuple[Any, dict | None, str, str]]:
    """(kind, live object or None, namespace, name) in kubectl's order."""
    from .workload import collect

    if all_namespaces and not files:
        from .get import parse_selector

        sel = parse_selector(selector)
        out_all = []
        with store.read() as tx:
            for t in common.parse_targets(args):
                for o in tx.list(t.kind.group, t.kind.kind, None):
                    md = o["metadata"]
                    if t.names and md["name"] not in t.names:
                        continue
                    if sel is None or sel.matches(md.get("labels") or {}):
                        out_all.append((t.kind, o, md.get("namespace", ""), md["name"]))
        return out_all
    with store.read() as tx:
        found = collect(env, tx, args, files, selector, all_, recursive)
    out = []
    for kind, obj, name in found:
        ns = common.namespace(env) if kind.namespaced else ""
        if obj is not None:
            ns = obj["metadata"].get("namespace", "")
        out.append((kind, obj, ns, name))
    return out


def _not_found(kind: Any, name: str) -> errors.NotFound:
    from ..client.rest import resource_name

    return errors.NotFound(f'{resource_name(kind.group, kind.kind)} "{name}" not found')


def _each(env: Any, store: Any, targets: list, fn: Callable[[Any, Any, dict], None]) -> bool:
    """Run fn(tx, kind, live) for each target in its own transaction; print errors as they come, as kubectl's
    ContinueOnError visitor does. True if any failed."""
    failed = False
    for kind, obj, ns, name in targets:
        try:
            if obj is None:
                raise _not_found(kind, name)
            _with_retries(store, kind, ns, name, fn)
        except (errors.ServerError, errors.ClientError) as e:
            env.stdout.flush()
            common.err(env, _invalid_text(e) if isinstance(e, errors.Invalid) and not e.context else str(e))
            failed = True
    return failed


class _Precondition(errors.Conflict):
    """A conflict with the caller's own --resource-version: never retried."""


def _with_retries(store: Any, kind: Any, ns: str, name: str, fn: Callable[[Any, Any, dict], None]) -> None:
    """One transaction: read the live object, apply fn. The API server applies a patch to the latest version,
    retrying internally when another writer got in between, so a conflict here is re-read and re-applied
    (bounded as workload.CONFLICT_RETRIES)."""
    from .workload import CONFLICT_RETRIES

    for attempt in range(CONFLICT_RETRIES):
        try:
            with store.transaction() as tx:
                live = tx.get(kind.group, kind.kind, ns, name)
                if live is None:
                    raise _not_found(kind, name)
                fn(tx, kind, live)
                return
        except _Precondition:
            raise
        except errors.Conflict:
            if attempt == CONFLICT_RETRIES - 1:
                raise


# ---- label / annotate ---------------------------------------------------------------------------------------
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


def _meta_verb(which: str, args: tuple[str, ...], files: tuple[str, ...], recursive: bool, selector: str | None,
               all_: bool, overwrite: bool, list_: bool, local: bool, resource_version: str, dry_run_flag: str | None,
               output: str | None, all_namespaces: bool = False) -> None:
    """label and annotate: one flow, kubectl's two sets of messages."""
    env = common.env_of()
    is_label = which == "labels"
    noun = "label" if is_label else "annotation"
    dry_run = common.dry_run_mode(dry_run_flag)
    resources, pairs = _resources_and_pairs(args, noun)
    new, remove = (_parse_labels if is_label else _parse_annotations)(pairs)
    if list_ and output:
        raise errors.ClientError("error: --list and --output may not be specified together")
    if all_ and selector:
        raise errors.ClientError("error: cannot set --all and --selector at the same time")
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
                    raise errors.ClientError("error: " + (msgs[0] if len(msgs) == 1 else "[" + ", ".join(msgs) + "]"))
                raise errors.ClientError("error: --overwrite is false but found the following declared annotation(s): "
                                         + "; ".join(f"'{k}' already has a value ({cur[k]})" for k in clash))
        if resource_version:
            md.pop("resourceVersion", None)
        before = _go_json(obj)
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
        after = _go_json(obj)
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
                             f"{_suffix(dry_run)}")

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

    store = common.open_store(env)
    targets = _targets(env, store, resources, files, selector, all_ or all_namespaces, recursive, all_namespaces)
    single = _single_implied(resources, files, selector, all_ or all_namespaces, recursive)
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
            raise _Precondition(
                f'Operation cannot be fulfilled on {group_resource(kind.group, kind.kind)} "{live["metadata"]["name"]}": '
                "the object has been modified; please apply your changes to the latest version and try again")
        # The merge patch kubectl sends touches only this map; an empty map is dropped as the server does.
        if not obj["metadata"].get(which):
            obj["metadata"].pop(which, None)
        result = _update(tx, kind, obj, live, dry_run)
        show(kind, obj if is_label else result, msg, single)

    failed = _each(env, store, targets, fn)
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


def _meta_options(f: Callable) -> Callable:
    for opt in reversed([
        click.argument("args", nargs=-1),
        click.option("--overwrite", is_flag=True, help="If true, allow the values to be overwritten, otherwise reject updates that overwrite existing values."),
        click.option("--list", "list_", is_flag=True, help="If true, display the values for a given resource."),
        click.option("--local", is_flag=True, help="If true, will NOT contact api-server but run locally."),
        click.option("--all", "all_", is_flag=True, help="Select all resources, in the namespace of the specified resource types"),
        click.option("-A", "--all-namespaces", is_flag=True, help="If true, check the specified action in all namespaces."),
        click.option("-l", "--selector", default=None, help="Selector (label query) to filter on."),
        click.option("--resource-version", default="", help="If non-empty, the update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource."),
        click.option("-f", "--filename", "files", multiple=True, help="Filename, directory, or URL to files identifying the resource to update"),
        click.option("-R", "--recursive", is_flag=True, help="Process the directory used in -f, --filename recursively."),
        click.option("--dry-run", "dry_run", default=None, is_flag=False, flag_value="unchanged", help=DRY_RUN_HELP),
        click.option("-o", "--output", default=None, help=common.OUTPUT_HELP),
        click.option("--field-manager", default="", hidden=True),
    ]):
        f = opt(f)
    return f


@click.command("label", context_settings=CTX)
@_meta_options
def label_cmd(args: tuple[str, ...], overwrite: bool, list_: bool, local: bool, all_: bool, all_namespaces: bool,
              selector: str | None,
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
    _meta_verb("labels", args, files, recursive, selector, all_, overwrite, list_, local,
               resource_version, dry_run, output, all_namespaces)


@click.command("annotate", context_settings=CTX)
@_meta_options
def annotate_cmd(args: tuple[str, ...], overwrite: bool, list_: bool, local: bool, all_: bool, all_namespaces: bool,
                 selector: str | None,
                 resource_version: str, files: tuple[str, ...], recursive: bool, dry_run: str | None,
                 output: str | None, field_manager: str) -> None:
    """Update the annotations on one or more resources.

    All Kubernetes objects support the ability to store additional data with the object as annotations.
    If --overwrite is true, then existing annotations can be overwritten, otherwise attempting to overwrite an
    annotation will result in an error.

    \b
    Examples:
      # Update pod 'foo' with the annotation 'description' and the value 'my frontend'
      pykubectl annotate pods foo description='my frontend'
    \b
      # Update all pods in the namespace
      pykubectl annotate pods --all description='my frontend running nginx'
    \b
      # Update pod 'foo' by removing an annotation named 'description' if it exists
      pykubectl annotate pods foo description-
    """
    _meta_verb("annotations", args, files, recursive, selector, all_, overwrite, list_, local,
               resource_version, dry_run, output, all_namespaces)


# ---- patch --------------------------------------------------------------------------------------------------
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
    try:
        for _, doc in yaml_documents(text, "patch"):
            return doc
    except errors.ClientError as e:
        if text.lstrip().startswith(("{", "[")):
            raise errors.ClientError("error: invalid JSON document") from None
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
@click.option("--subresource", default="", help="If specified, patch will operate on the subresource of the requested object.")
@click.option("--local", is_flag=True, help="If true, patch will operate on the content of the file, not the server-side resource.")
@click.option("-f", "--filename", "files", multiple=True, help="Filename, directory, or URL to files identifying the resource to update")
@click.option("-R", "--recursive", is_flag=True, help="Process the directory used in -f, --filename recursively.")
@click.option("--dry-run", "dry_run", default=None, is_flag=False, flag_value="unchanged", help=DRY_RUN_HELP)
@click.option("-o", "--output", default=None, help=common.OUTPUT_HELP)
@click.option("--field-manager", default="kubectl-patch", hidden=True)
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
                what = "patched" if not _same(result, d.obj) else "patched (no change)"
                common.echo(env, f"{common.display_kind(kind)}/{d.obj['metadata']['name']} {what}")
        return

    store = common.open_store(env)
    targets = _targets(env, store, list(args), files, None, False, recursive)

    def do(tx: Any, kind: Any, live: dict) -> None:
        from ..client import rest

        name = live["metadata"]["name"]
        if subresource == "scale":
            before = _scale_of(live, kind)
            after = rest.patch(before, body, patch_type)
            new = copy.deepcopy(live)
            replicas = (after.get("spec") or {}).get("replicas")
            if replicas is not None:
                rest.set_replicas(new, replicas)
            result = _update(tx, kind, new, live, dry)
            shown = _scale_of(result, kind)
            changed = not _same(result, live)
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
                changed = not _same(new, live)
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
                result = _update(tx, kind, patched, live, dry, warn_unknown=True)
                if status_before is not None:
                    result["status"] = status_before
                changed = not _same(result, live)
            shown = result
        if output:
            env.stdout.write(common.render_objects(env, [shown], output, single=True))
        else:
            what = "patched" if changed else "patched (no change)"
            common.echo(env, f"{common.display_kind(kind)}/{name} {what}{_suffix(dry) if changed else ''}")

    def do_deep(tx: Any, kind: Any, live: dict) -> None:
        try:
            with _DeepRecursion():
                do(tx, kind, live)
        except RecursionError:
            raise errors.BadRequest("json: exceeded max depth") from None

    failed = _each(env, store, targets, do_deep)
    if not dry:
        common.settle(store)
    if failed:
        raise errors.PykubectlError("")


# ---- replace ------------------------------------------------------------------------------------------------
@click.command("replace", context_settings=CTX)
@click.option("-f", "--filename", "files", multiple=True, help="The files that contain the configurations to replace.")
@click.option("-k", "--kustomize", "kustomize", default=None, help=common.KUSTOMIZE_HELP)
@click.option("-R", "--recursive", is_flag=True, help="Process the directory used in -f, --filename recursively.")
@click.option("--force", is_flag=True, help="If true, immediately remove resources from API and bypass graceful deletion.")
@click.option("--validate", default="strict", help="Must be one of: strict (or true), warn, ignore (or false).")
@click.option("--save-config", is_flag=True, help="If true, the configuration of current object will be saved in its annotation.")
@click.option("--dry-run", "dry_run", default=None, is_flag=False, flag_value="unchanged", help=DRY_RUN_HELP)
@click.option("-o", "--output", default=None, help=common.OUTPUT_HELP)
@click.option("--grace-period", default=-1, type=int, hidden=True)
@click.option("--cascade", default="background", hidden=True)
@click.option("--wait", is_flag=True, hidden=True)
def replace_cmd(files: tuple[str, ...], kustomize: str | None, recursive: bool, force: bool, validate: str, save_config: bool,
                dry_run: str | None, output: str | None, grace_period: int, cascade: str, wait: bool) -> None:
    """Replace a resource by file name or stdin.

    JSON and YAML formats are accepted. If replacing an existing resource, the complete resource spec must be
    provided.

    \b
    Examples:
      # Replace a pod using the data in pod.json
      pykubectl replace -f ./pod.json
    \b
      # Replace a pod based on the JSON passed into stdin
      cat pod.json | pykubectl replace -f -
    \b
      # Force replace, delete and then re-create the resource
      pykubectl replace --force -f ./pod.json
    """
    from ..api.manifests import iter_documents
    from ..client import rest
    from .apply import LAST_APPLIED, _decode_check, _prepare, _validate_flag, last_applied_text

    env = common.env_of()
    files = tuple(common.manifest_paths(env, files, kustomize))
    if not files:
        raise errors.UsageError("error: must specify one of -f and -k")
    dry = common.dry_run_mode(dry_run)
    if force and dry:
        raise errors.ClientError("error: --dry-run can not be used when --force is set")
    validate = _validate_flag(validate)
    store = common.open_store(env)
    failed = False
    printed: list[dict] = []
    try:
        for doc in iter_documents(list(files), recursive):
            kind, obj = _prepare(env, doc, env.namespace)
            md = obj["metadata"]
            name = md.get("name", "")
            ctx = f'error when replacing "{doc.source}"'
            try:
                _decode_check(kind, obj, validate, "replacing", doc.source)
                if save_config:
                    from .apply_core import _annotate

                    _annotate(obj, last_applied_text(obj))
                    md = obj["metadata"]
                with store.transaction() as tx:
                    live = tx.get(kind.group, kind.kind, md.get("namespace", "") if kind.namespaced else "", name)
                    if force:
                        if live is not None:
                            rest.delete(tx, live)
                            common.echo(env, f'{common.display_kind(kind)} "{name}" deleted')
                        new = copy.deepcopy(obj)
                        for k in ("resourceVersion", "uid"):
                            new["metadata"].pop(k, None)
                        result = rest.create(tx, new)
                    else:
                        if live is None:
                            raise _not_found(kind, name)
                        new = copy.deepcopy(obj)
                        rv = new["metadata"].get("resourceVersion")
                        if rv not in (None, "") and str(rv) != live["metadata"].get("resourceVersion"):
                            raise errors.Conflict(
                                f'Operation cannot be fulfilled on {rest.resource_name(kind.group, kind.kind)} "{name}": '
                                "the object has been modified; please apply your changes to the latest version and try again")
                        result = _update(tx, kind, new, live, dry)
                        if dry:
                            tx.changed = []
            except errors.ServerError as e:
                env.stdout.flush()
                common.err(env, str(e.with_context(ctx)) if not isinstance(e, errors.Invalid) else _invalid_text(e))
                failed = True
                continue
            if output:
                printed.append(result)
            else:
                common.echo(env, f"{common.display_kind(kind)}/{result['metadata']['name']} replaced{_suffix(dry)}")
    except errors.ClientError as e:
        env.stdout.flush()
        common.err(env, str(e))
        failed = True
    finally:
        if not dry:
            common.settle(store)
    if printed:
        env.stdout.write(common.render_objects(env, printed, output or "yaml", single=len(printed) == 1))
    if failed:
        raise errors.PykubectlError("")


def _invalid_text(e: errors.Invalid) -> str:
    head = f'The {e.kind} "{e.name}" is invalid: '
    if len(e.errors) == 1:
        return head + str(e.errors[0])
    return head + "\n" + "".join(f"* {fe}\n" for fe in e.errors)


# ---- diff ---------------------------------------------------------------------------------------------------
def _diff_name(kind: Any, obj: dict) -> str:
    group = kind.group
    version = str(obj.get("apiVersion", "")).rpartition("/")[2] or kind.version
    ns = obj["metadata"].get("namespace", "")
    head = f"{group}.{version}.{kind.kind}" if group else f"{version}.{kind.kind}"
    return f"{head}.{ns}.{obj['metadata']['name']}" if ns else f"{head}.{obj['metadata']['name']}"


def _would_apply(tx: Any, kind: Any, obj: dict, live: dict | None) -> dict:
    """What `apply --dry-run=server` returns for obj: the created object, or the three-way merge."""
    from ..api import defaults
    from ..client import rest
    from .apply import LAST_APPLIED, _merge, last_applied_text

    from .apply_core import _annotate

    cfg = copy.deepcopy(obj)
    _annotate(cfg, last_applied_text(obj))
    if live is None:
        result = rest.create(tx, cfg, dry_run=True)
        # A dry-run create fills what a create fills, without a resourceVersion.
        md = result["metadata"]
        md.setdefault("creationTimestamp", tx.env.now_str())
        if rest.tracks_generation(kind.group, kind.kind):
            md.setdefault("generation", 1)
        md.setdefault("uid", tx.env.uid())
        return result
    try:
        last = json.loads((live["metadata"].get("annotations") or {}).get(LAST_APPLIED) or "{}")
    except ValueError:
        last = {}
    merged = _merge(live, last, cfg)
    rest.decode_nulls(merged)  # the server applies kubectl's patch, in which a null deletes the field
    defaults.apply_defaults(merged)
    if "status" in live:
        merged["status"] = copy.deepcopy(live["status"])
    else:
        merged.pop("status", None)
    if _same(merged, live):
        return live
    result = rest.update(tx, merged, live, dry_run=True)
    if "generation" in live["metadata"] and json.dumps(result.get("spec"), sort_keys=True) != json.dumps(
            live.get("spec"), sort_keys=True):
        result["metadata"]["generation"] = int(live["metadata"]["generation"]) + 1
    return result


@click.command("diff", context_settings=CTX)
@click.option("-f", "--filename", "files", multiple=True, help="Filename, directory, or URL to files contains the configuration to diff")
@click.option("-k", "--kustomize", "kustomize", default=None, help=common.KUSTOMIZE_HELP)
@click.option("-R", "--recursive", is_flag=True, help="Process the directory used in -f, --filename recursively.")
@click.option("--server-side", is_flag=True, hidden=True)
@click.option("--prune", is_flag=True, hidden=True)
@click.option("--concurrency", default=1, type=int, hidden=True)
@click.option("--show-managed-fields", is_flag=True, hidden=True)
def diff_cmd(files: tuple[str, ...], kustomize: str | None, recursive: bool, server_side: bool, prune: bool, concurrency: int,
             show_managed_fields: bool) -> None:
    """Diff configurations specified by file name or stdin between the current online configuration, and the
    configuration as it would be if applied.

    The output is always YAML.

    KUBECTL_EXTERNAL_DIFF environment variable can be used to select your own diff command. Users can use
    external commands with params too.

    Exit status: 0 No differences were found. 1 Differences were found. >1 Kubectl or diff failed with an error.

    \b
    Examples:
      # Diff resources included in pod.json
      pykubectl diff -f pod.json
    \b
      # Diff file read from stdin
      cat service.yaml | pykubectl diff -f -
    """
    import shlex
    import shutil
    import subprocess
    import tempfile

    from ..api.manifests import iter_documents
    from ..printers.output import to_yaml
    from .apply import _prepare

    env = common.env_of()
    try:
        files = tuple(common.manifest_paths(env, files, kustomize))
    except errors.ClientError as e:
        raise _DiffError(str(e)) from None
    if not files:
        raise _DiffError("error: must specify one of -f and -k")
    store = common.open_store(env)
    live_dir = tempfile.mkdtemp(prefix="LIVE-")
    merged_dir = tempfile.mkdtemp(prefix="MERGED-")
    try:
        try:
            for doc in iter_documents(list(files), recursive):
                kind, obj = _prepare(env, doc, env.namespace)
                md = obj["metadata"]
                with store.read() as tx:
                    live = tx.get(kind.group, kind.kind, md.get("namespace", ""), md.get("name", ""))
                    try:
                        merged = _would_apply(tx, kind, copy.deepcopy(obj), copy.deepcopy(live) if live else None)
                    except errors.ServerError as e:
                        raise _DiffError(str(e.with_context(f'error when applying patch "{doc.source}"'))
                                         if not isinstance(e, errors.Invalid) else _invalid_text(e)) from None
                if kind.group == "" and kind.kind == "Secret":
                    live, merged = _mask_secrets(copy.deepcopy(live) if live else None, merged)
                fname = _diff_name(kind, obj)
                if live is not None:
                    with open(os.path.join(live_dir, fname), "w", encoding="utf-8") as fh:
                        fh.write(to_yaml(live))
                with open(os.path.join(merged_dir, fname), "w", encoding="utf-8") as fh:
                    fh.write(to_yaml(merged))
        except errors.ClientError as e:
            raise _DiffError(str(e)) from None
        external = os.environ.get("KUBECTL_EXTERNAL_DIFF", "").strip()
        cmd = shlex.split(external) if external else ["diff", "-u", "-N"]
        env.stdout.flush()
        try:
            proc = subprocess.run([*cmd, live_dir, merged_dir], capture_output=True, text=True)
        except FileNotFoundError:
            raise _DiffError(f'error: failed to run "{cmd[0]}": executable file not found in $PATH') from None
        env.stdout.write(proc.stdout)
        if proc.stderr:
            env.stderr.write(proc.stderr)
        if proc.returncode:
            raise _DiffExit(proc.returncode)
    finally:
        shutil.rmtree(live_dir, ignore_errors=True)
        shutil.rmtree(merged_dir, ignore_errors=True)


def _mask_secrets(live: dict | None, merged: dict) -> tuple[dict | None, dict]:
    """kubectl diff never prints secret values: equal ones read ``***``, changed ones ``*** (before)`` and
    ``*** (after)``."""
    merged = copy.deepcopy(merged)
    before = (live or {}).get("data") or {}
    after = merged.get("data") or {}
    for k in list(before):
        if k in after and before[k] != after[k]:
            before[k], after[k] = "*** (before)", "*** (after)"
        else:
            before[k] = "***"
            if k in after:
                after[k] = "***"
    for k in after:
        if k not in before:
            after[k] = "***"
    return live, merged


class _DiffError(errors.ClientError):
    """kubectl diff exits 2 on its own errors (1 means "differences found")."""

    exit_code = 2


class _DiffExit(errors.PykubectlError):
    def __init__(self, code: int):
        super().__init__("")
        self.exit_code = code


diff_cmd.usage_error_exit = 2  # type: ignore[attr-defined]


# ---- edit ---------------------------------------------------------------------------------------------------
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
    from ..client.rest import resource_name as group_resource
    from ..printers.output import list_wrapper, to_yaml

    env = common.env_of()
    if not args and not files:
        raise errors.UsageError("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'")
    store = common.open_store(env)
    # A bare TYPE edits every object of it, as one List.
    targets = _targets(env, store, list(args), files, None, True, recursive)
    for kind, obj, _ns, name in targets:
        if obj is None:
            raise _not_found(kind, name)
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
            if mine is None or _same(mine, live0):
                continue
            try:
                with store.transaction() as tx:
                    live = tx.get(kind.group, kind.kind, ns, name)
                    if live is None:
                        raise _not_found(kind, name)
                    new = copy.deepcopy(mine)
                    new.setdefault("metadata", {})["namespace"] = live["metadata"].get("namespace")
                    if not new["metadata"].get("namespace"):
                        new["metadata"].pop("namespace", None)
                    _update(tx, kind, new, live, "")
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


COMMANDS = {
    "label": label_cmd,
    "annotate": annotate_cmd,
    "patch": patch_cmd,
    "replace": replace_cmd,
    "diff": diff_cmd,
    "edit": edit_cmd,
}
