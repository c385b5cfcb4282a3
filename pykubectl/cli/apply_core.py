"""apply -f and create -f: documents in order, each object one atomic request, then one reconcile. No click here:
the fast path of a plain `apply -f` (cli/fastapply.py) runs without it; the click commands are in apply.py."""

from __future__ import annotations

import copy
import json
import sys
from typing import Any

from .. import errors
from . import common, printflags
from .pflag import Flag

LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"

FILE_HELP = "The files that contain the configurations to apply."
VALIDATE_HELP = common.VALIDATE_HELP
_DELETE_FLAG_USAGE = {
    "cascade": 'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the '
               "dependents (e.g. Pods created by a ReplicationController). Defaults to background.",
    "force": "If true, immediately remove resources from API and bypass graceful deletion. Note that immediate "
             "deletion of some resources may result in inconsistency or data loss and requires confirmation.",
    "grace-period": "Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. "
                    "Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).",
    "timeout": "The length of time to wait before giving up on a delete, zero means determine a timeout from the "
               "size of the object",
    "wait": "If true, wait for resources to be gone before returning. This waits for finalizers.",
}

# apply's flags: the click command (apply.py) is declared from this table and the fast path (fastapply.py) parses
# with it.
FLAGS = (
    Flag("filename", "f", "stringSlice", dest="files", usage=FILE_HELP),
    Flag("kustomize", "k",
         usage="Process a kustomization directory. This flag can't be used together with -f or -R."),
    Flag("recursive", "R", "bool", default=False,
         usage="Process the directory used in -f, --filename recursively. Useful when you want to manage related "
               "manifests organized within the same directory."),
    Flag("validate", default="strict", bare="strict", usage=VALIDATE_HELP),
    Flag("dry-run", dest="dry_run", bare="unchanged", shown="'none'", usage=common.DRY_RUN_HELP),
    Flag("output", "o", usage=common.PRINT_OUTPUT_HELP),
    Flag("server-side", kind="bool", default=False,
         usage="If true, apply runs in the server instead of the client."),
    Flag("field-manager", dest="field_manager", default="kubectl-client-side-apply",
         usage="Name of the manager used to track field ownership."),
    Flag("force-conflicts", dest="force_conflicts", kind="bool", default=False,
         usage="If true, server-side apply will force the changes against conflicts."),
    Flag("selector", "l", usage="Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l "
         "key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints."),
    Flag("prune", kind="bool", default=False,
         usage="Automatically delete resource objects, that do not appear in the configs and are created by either "
               "apply or create --save-config. Should be used with either -l or --all."),
    Flag("all", kind="bool", default=False, dest="all_",
         usage="Select all resources in the namespace of the specified resource types."),
    Flag("prune-allowlist", kind="stringArray", default=(),
         usage="Overwrite the default allowlist with <group/version/kind> for --prune"),
    Flag("template", dest="template_flag", default="", usage=printflags.TEMPLATE_HELP),
    Flag("allow-missing-template-keys", kind="bool", default=True, usage=printflags.ALLOW_MISSING_HELP),
    Flag("show-managed-fields", kind="bool", default=False, usage=printflags.SHOW_MANAGED_HELP),
    Flag("overwrite", kind="bool", default=True,
         usage="Automatically resolve conflicts between the modified and live configuration by using values from "
               "the modified configuration"),
    Flag("openapi-patch", kind="bool", default=True,
         usage="If true, use openapi to calculate diff when the openapi presents and the resource can be found in "
               "the openapi spec. Otherwise, fall back to use baked-in types."),
    Flag("subresource", default="",
         usage="If specified, apply will operate on the subresource of the requested object.  Only allowed when "
               "using --server-side. This flag is beta and may change in the future."),
    Flag("cascade", default="background", usage=_DELETE_FLAG_USAGE["cascade"]),
    Flag("force", kind="bool", default=False, usage=_DELETE_FLAG_USAGE["force"]),
    Flag("grace-period", kind="int", default=-1, usage=_DELETE_FLAG_USAGE["grace-period"]),
    Flag("timeout", default="0s", shown="0s", usage=_DELETE_FLAG_USAGE["timeout"]),
    Flag("wait", kind="bool", default=False, usage=_DELETE_FLAG_USAGE["wait"]),
    Flag("help", "h", "bool", default=False, usage="help for apply"),
)


def apply_command(env: Any, files: tuple[str, ...] | list[str], recursive: bool, validate: str,
                  dry_run: str | None, output: str | None, args: tuple[str, ...] = (),
                  kustomize: str | None = None, server_side: bool = False,
                  field_manager: str = "kubectl-client-side-apply", force_conflicts: bool = False,
                  selector: str | None = None, prune: bool = False, all_: bool = False,
                  prune_allowlist: tuple[str, ...] = (), template_flag: str = "",
                  allow_missing_template_keys: bool = True, show_managed_fields: bool = False,
                  overwrite: bool = True, openapi_patch: bool = True, subresource: str = "",
                  cascade: str = "background", force: bool = False, grace_period: int = -1, timeout: str = "0s",
                  wait: bool = False) -> int:
    """`apply` once its flags are read (the click command and the fast path both end here): the exit code.
    --openapi-patch changes nothing here (the built-in kinds' patch strategies are the OpenAPI ones);
    --overwrite=false is accepted but conflicts are not looked for (see the report of the flag's commit)."""
    from .durations import delete_flags

    wait_seconds = delete_flags(cascade, timeout, "apply")
    if args:
        raise errors.UsageError(f"error: Unexpected args: [{' '.join(args)}]\n"
                                "See 'kubectl apply -h' for help and examples")
    output = printflags.fold_template(output, template_flag)
    printflags.check_output(output)
    printflags.set_printing(env, allow_missing_template_keys, show_managed_fields)
    files = common.manifest_paths(env, files, kustomize)
    if not files:
        raise errors.UsageError("error: must specify one of -f and -k")
    mode = common.dry_run_mode(dry_run)
    # apply.go's Validate, in its order (the --force-conflicts and client dry-run checks are apply_server_side's).
    if not force_conflicts and not (mode == "client" and server_side):
        if server_side and force:
            raise errors.ClientError("error: --force cannot be used with --server-side")
        if mode == "server" and force:
            raise errors.ClientError("error: --dry-run=server cannot be used with --force")
        if all_ and selector:
            raise errors.ClientError("error: cannot set --all and --selector at the same time")
        if prune and force:
            raise errors.ClientError("error: --force cannot be used with --prune")
        if subresource and not server_side:
            raise errors.ClientError("error: --subresource can only be specified for --server-side")
    if server_side or force_conflicts:
        from . import apply_server_side

        return apply_server_side.run(env, list(files), recursive, _validate_flag(validate),
                                     common.dry_run_mode(dry_run), output, server_side, field_manager,
                                     force_conflicts)
    pruning = None
    if prune or all_ or selector:
        from . import prune as pruner

        pruner.check_flags(prune, all_, selector)
        if prune:
            pruning = pruner.allowlist(tuple(prune_allowlist))
    propagation = {"orphan": "Orphan", "false": "Orphan", "foreground": "Foreground"}.get(cascade, "Background")
    return run_apply(env, list(files), recursive, _validate_flag(validate), mode, output,
                     False, selector=selector, prune_kinds=pruning, prune_warn=not prune_allowlist,
                     replace_on_conflict=(propagation, wait_seconds) if force else None, propagation=propagation)


def last_applied_text(obj: dict) -> str:
    """The annotation kubectl writes: the configuration as compact JSON, keys sorted, with a newline."""
    # Only the path to the annotation is copied: the rest is serialised, never changed.
    cfg = dict(obj)
    md = cfg["metadata"] = dict(cfg.get("metadata") or {})
    ann = md["annotations"] = dict(md.get("annotations") or {})
    ann.pop(LAST_APPLIED, None)
    return json.dumps(cfg, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"


def _annotate(obj: dict, last_applied: str) -> None:
    """Set the last-applied annotation as kubectl does: ``annotations: null`` (or none) is an empty map first."""
    md = obj["metadata"]
    ann = md.get("annotations")
    md["annotations"] = ann = dict(ann) if isinstance(ann, dict) else {}
    ann[LAST_APPLIED] = last_applied


def _merge(live: Any, last: Any, cfg: Any, node: Any = None) -> Any:
    """Three-way merge: set what the configuration says, delete what it said last time and no longer says, keep
    what others (controllers, defaults, the API server's allocations) wrote. Lists of objects merge item by item
    on the schema's patch merge key (containers by name, Service ports by port, container ports by containerPort),
    as kubectl's strategic merge does."""
    if isinstance(cfg, dict) and isinstance(live, dict):
        out = dict(live)
        last_d = last if isinstance(last, dict) else {}
        for k in last_d:
            if k not in cfg:
                out.pop(k, None)
        for k, v in cfg.items():
            out[k] = _merge(live.get(k), last_d.get(k), v, node.prop(k) if node is not None else None)
        if node is not None and node.schema and "retainKeys" in node.strategies:
            # kubectl sends $retainKeys for these fields (a Deployment's strategy, a volume's source): the keys
            # the configuration does not name are cleared, whoever set them.
            out = {k: v for k, v in out.items() if k in cfg}
        return out
    if isinstance(cfg, list) and isinstance(live, list) and cfg and all(isinstance(x, dict) for x in cfg):
        key = None
        if node is not None and node.schema:
            key = node.merge_key if "merge" in node.strategies else None
        elif all("name" in x for x in cfg):
            key = "name"  # no schema (custom kinds): named items are the usual shape
        if key and all(key in x for x in cfg):
            by_key = {x.get(key): x for x in live if isinstance(x, dict)}
            last_l = {x.get(key): x for x in last if isinstance(x, dict)} if isinstance(last, list) else {}
            item = node.items() if node is not None else None
            return [_merge(by_key[x[key]], last_l.get(x[key]), x, item) if x[key] in by_key else copy.deepcopy(x)
                    for x in cfg]
    return copy.deepcopy(cfg)


def _prepare(env: Any, doc: Any, ns_flag: str | None) -> tuple[Any, dict]:
    from ..api import registry

    obj = doc.obj
    try:
        kind = registry.by_api_version_kind(obj["apiVersion"], obj["kind"])
    except registry.NoKindMatchError as e:
        md = obj.get("metadata")
        md = md if isinstance(md, dict) else {}  # a mangled manifest's metadata may be anything
        raise e.for_object(str(md.get("name", "")), str(md.get("namespace") or ""), doc.source) from None
    md = obj.setdefault("metadata", {})
    if not isinstance(md, dict):
        md = obj["metadata"] = {}
    if kind.namespaced:
        ns = md.get("namespace")
        if ns and ns_flag and ns != ns_flag:
            raise errors.ClientError(
                f'error: the namespace from the provided object "{ns}" does not match the namespace "{ns_flag}". '
                f"You must pass '--namespace={ns}' to perform this operation."
            )
        md["namespace"] = ns or ns_flag or "default"
    return kind, obj


def _decode_check(kind: Any, obj: dict, validate: str, verb: str, source: str, env: Any = None) -> None:
    from ..client import rest

    mode = {"true": "strict", "false": "ignore"}.get(validate, validate)
    try:
        warned = rest.decode(obj, kind, mode)
    except errors.BadRequest as e:
        raise e.with_context(f'error when {verb} "{source}"') from None
    for msg in warned:
        # apply's fast path (cli/fastapply.py) runs without click: its env is passed in.
        common.server_warning(env if env is not None else common.env_of(), msg)


def _patch_context(kind: Any, md: dict, parts: tuple, source: str) -> str:
    """kubectl apply's wrapping of an error the server gave its patch: the patch it sent, the resource (the
    resource builder's Info) and the file, around the patcher's own "error when patching"."""
    from .apply_patch import go_json, three_way_patch

    last, cfg, live, schema = parts
    patch = go_json(three_way_patch(last if isinstance(last, dict) else {}, cfg, live, schema))
    gv = f"{kind.group}/{kind.version}" if kind.group else f"/{kind.version}"
    info = (f'Resource: "{gv}, Resource={kind.plural}", GroupVersionKind: "{gv}, Kind={kind.kind}"\n'
            f'Name: "{md.get("name", "")}", Namespace: "{md.get("namespace", "") if kind.namespaced else ""}"')
    return f'error when applying patch:\n{patch}\nto:\n{info}\nfor: "{source}": error when patching "{source}"'


def _with_context(e: errors.ServerError, verb: str, source: str) -> errors.ServerError:
    return e.with_context(f'error when {verb} "{source}"')


def run_apply(env: Any, files: list[str], recursive: bool, validate: str, dry_run: str, output: str | None,
              create: bool, selector: str | None = None, prune_kinds: list[Any] | None = None,
              prune_warn: bool = False, replace_on_conflict: tuple[str, float] | None = None,
              propagation: str = "Background", save_config: bool = False) -> int:
    """Apply (or, with ``create``, create) each document; with ``selector`` only the objects whose labels match it;
    with ``prune_kinds``, then prune those kinds (cli/prune.py) with ``propagation``. ``replace_on_conflict``
    (apply --force: the deletion's propagation and how long to wait for it): a patch the server refuses as
    invalid or conflicting is replaced by deleting the object and creating the configuration. ``save_config``:
    create --save-config writes the last-applied annotation as apply does."""
    from ..api.manifests import iter_documents
    from ..client import rest

    store = common.open_store(env)
    wanted = None
    if selector:
        from .get import parse_selector

        wanted = parse_selector(selector)
    applied: set[tuple[str, str, str, str]] = set()  # (group, kind, namespace, name) sent, for --prune
    errs: list[tuple[errors.PykubectlError, Any]] = []  # (error, kind or None), printed at the end as kubectl does
    seen = 0
    printed: list[dict] = []
    suffix = {"client": " (dry run)", "server": " (server dry run)"}.get(dry_run, "")

    def record(kind: Any, result: dict, what: str) -> None:
        """An object sent: kept for --prune, then printed (with -o, collected for the list printed at the end)."""
        rmd = result["metadata"]
        applied.add((kind.group, kind.kind, rmd.get("namespace", ""), rmd["name"]))
        if output:
            printed.append(result)
        else:
            common.echo(env, f"{common.display_kind(kind)}/{rmd['name']} {what}{suffix}")

    try:
        try:
            common.check_file_namespaces(env, files, recursive)
        except errors.ClientError as e:
            if "\n" not in str(e):
                raise
            env.stderr.write(str(e) + "\n")  # several objects: each on its line, as kubectl prints an aggregate
            raise errors.PykubectlError("") from None
        docs = iter_documents(files, recursive)
        while True:
            try:
                doc = next(docs)
            except StopIteration:
                break
            except errors.ClientError as e:
                # A document that does not parse (or lacks apiVersion/kind) stops the stream; the ones before it
                # were applied.
                errs.append((e, None))
                break
            try:
                kind, obj = _prepare(env, doc, env.namespace)
            except errors.ClientError as e:
                errs.append((e, None))
                if "no matches for kind" in str(e):
                    continue
                break
            md = obj["metadata"]
            name = md.get("name", "")
            if wanted is not None and not wanted.matches(md.get("labels") or {}):
                continue
            seen += 1  # the builder's objects: those the selector keeps
            verb_ctx = "creating"
            patch_parts: tuple | None = None  # (last-applied, configuration, live object, schema) of a patch
            if not create and not name and md.get("generateName"):
                # kubectl's apply needs a name to look the object up.
                errs.append((errors.ClientError(f"error: from {md['generateName']}: cannot use generate name with "
                                                "apply"), None))
                continue
            try:
                _decode_check(kind, obj, validate, "creating", doc.source, env)
                with store.transaction() as tx:
                    live = tx.get(kind.group, kind.kind, md.get("namespace", "") if kind.namespaced else "", name) if name else None
                    if create or live is None:
                        new = copy.deepcopy(obj)
                        if not create or save_config:
                            _annotate(new, last_applied_text(obj))
                        if not create:
                            # apply.go prunes nulls from what it creates, after the annotation (which keeps them),
                            # to match what an update's patch would leave
                            _prune_nulls(new)
                        if dry_run == "client":
                            result, what = new, "created"
                        else:
                            warned: list[str] = []
                            result = rest.create(tx, new, dry_run=(dry_run == "server"), warnings=warned)
                            for w in warned:
                                common.server_warning(env, w)
                            what = "created"
                    else:
                        verb_ctx = "applying patch"
                        lmd = live["metadata"]
                        last_txt = (lmd.get("annotations") or {}).get(LAST_APPLIED)
                        if last_txt is None and dry_run != "client":
                            common.err(env, f"Warning: resource {kind.plural} /{name} is missing the {LAST_APPLIED} "
                                            "annotation which is required by kubectl apply. kubectl apply should only be used on "
                                            "resources created declaratively by either kubectl create --save-config or kubectl "
                                            "apply. The missing annotation will be patched automatically.".replace(" /", "/"))
                        try:
                            last = json.loads(last_txt) if last_txt else {}
                        except ValueError:
                            last = {}
                        # As kubectl: the annotation is part of the configuration being applied, so the merge
                        # never deletes annotations that others (controllers) wrote.
                        cfg = copy.deepcopy(obj)
                        _annotate(cfg, last_applied_text(obj))
                        from ..api.patch import schema_for

                        schema = schema_for(cfg)
                        patch_parts = (last, cfg, live, schema)
                        merged = _merge(live, last, cfg, schema)
                        from ..api import defaults

                        # The server applies kubectl's patch, in which a null deletes the field.
                        rest.decode_nulls(merged)
                        defaults.apply_defaults(merged)
                        merged["status"] = live.get("status")
                        if merged.get("status") is None:
                            merged.pop("status", None)
                        if dry_run == "client":
                            # kubectl computes no patch in a client dry run: an existing object is "configured".
                            result, what = merged, "configured"
                        elif _same(merged, live):
                            result, what = live, "unchanged"
                        else:
                            result = rest.update(tx, merged, live, dry_run=(dry_run == "server"))
                            what = "configured"
                    if dry_run:
                        tx.changed = []
                        raise _DryRun(result, what)
            except _DryRun as d:
                result, what = d.result, d.what
            except errors.ServerError as e:
                if (replace_on_conflict is not None and patch_parts is not None and dry_run != "client"
                        and isinstance(e, (errors.Invalid, errors.Conflict))):
                    try:
                        result, what = _delete_and_create(env, store, kind, md, patch_parts[1],
                                                          *replace_on_conflict), "configured"
                    except errors.ServerError as e2:
                        errs.append((_with_context(e2, "creating", doc.source), kind))
                        continue
                    record(kind, result, what)
                    continue
                if patch_parts is not None and not isinstance(e, errors.Invalid):
                    e = e.with_context(_patch_context(kind, md, patch_parts, doc.source))
                else:
                    e = _with_context(e, verb_ctx, doc.source)
                errs.append((e, kind))
                continue
            record(kind, result, what)
    finally:
        # Not after Ctrl-C: the user asked to stop (the next command finishes the work left).
        if not dry_run and not isinstance(sys.exc_info()[1], KeyboardInterrupt):
            common.settle(store)
    if seen == 0 and not errs:
        raise errors.ClientError(f"error: no objects passed to {'create' if create else 'apply'}")
    def prune_after() -> None:
        from . import prune

        namespaces = {ns for _, _, ns, _ in applied if ns} or {common.namespace(env)}
        prune.prune(env, store, prune_kinds, selector, applied, namespaces, dry_run, prune_warn, propagation)
        if not dry_run:
            common.settle(store)

    return finish(env, printed, output, errs, prune_after if prune_kinds is not None else None, each=create)


def _delete_and_create(env: Any, store: Any, kind: Any, md: dict, configuration: dict, propagation: str,
                       wait_seconds: float) -> dict:
    """apply --force (the patcher's deleteAndCreate): delete the live object, wait until it is gone (--timeout,
    letting cluster time pass), then create the configuration; if that is refused, the original is created again
    and the refusal reported."""
    from ..client import rest

    ns = md.get("namespace", "") if kind.namespaced else ""
    name = md.get("name", "")
    with store.transaction() as tx:
        original = tx.get(kind.group, kind.kind, ns, name)
        if original is not None:
            rest.delete(tx, original, propagation)
    common.settle(store)
    with store.read() as tx:
        gone = tx.get(kind.group, kind.kind, ns, name) is None
    if not gone:
        from .waiting import Waiter

        waiter = Waiter(env, store, wait_seconds if wait_seconds > 0 else -1)
        while not gone:
            if not waiter.pause():
                raise errors.ClientError("error: timed out waiting for the condition")
            with store.read() as tx:
                gone = tx.get(kind.group, kind.kind, ns, name) is None
    try:
        with store.transaction() as tx:
            return rest.create(tx, for_create(configuration))
    except errors.ServerError:
        if original is not None:
            with store.transaction() as tx:
                rest.create(tx, for_create(original))
        raise


def for_create(obj: dict) -> dict:
    """An object as a create request carries it: no resourceVersion, uid, creation time or status."""
    obj = copy.deepcopy(obj)
    md = obj.setdefault("metadata", {})
    for k in ("resourceVersion", "uid", "creationTimestamp", "generation", "managedFields", "deletionTimestamp",
              "deletionGracePeriodSeconds"):
        md.pop(k, None)
    obj.pop("status", None)
    return obj


def _prune_nulls(v: Any) -> None:
    """Every map entry whose value is null removed, at any depth (lists are walked, their items kept)."""
    if v.__class__ is dict:
        for k in [k for k, x in v.items() if x is None]:
            del v[k]
        for x in v.values():
            _prune_nulls(x)
    elif v.__class__ is list:
        for x in v:
            _prune_nulls(x)


def finish(env: Any, printed: list[dict], output: str | None, errs: list[tuple[errors.PykubectlError, Any]],
           then: Any = None, each: bool = False) -> int:
    """After the documents: the objects for -o, then (``then``) the pruning when nothing failed, or else the
    errors as kubectl reports them; the exit code. apply prints several objects as one v1 List; create (``each``) prints each object."""
    if output and printed:
        fmt = output.partition("=")[0]
        if each:
            env.stdout.write(common.render_each(env, printed, output))
        elif len(printed) == 1 or fmt == "name":
            env.stdout.write(common.render_objects(env, printed, output, single=len(printed) == 1))
        elif fmt == "json":
            from ..printers.output import to_json

            env.stdout.write(to_json(common.apply_list(printed), keep_order=True))
        else:
            env.stdout.write(common.render_data(env, common.apply_list(printed), output))
    if then is not None and not errs:
        then()  # apply.go returns any error before its post-processor (the pruning) runs
    if errs:
        env.stdout.flush()
        common.err(env, report_errors(errs))
    return 1 if errs else 0


def report_errors(errs: list[tuple[errors.PykubectlError, Any]]) -> str:
    """kubectl returns the one error as itself (an Invalid one as "The Kind "name" is invalid: …") and several as
    an aggregate, one "Error from server (Reason): error when …: message" line each (cmdutil.CheckErr)."""
    if len(errs) == 1:
        e, _ = errs[0]
        if isinstance(e, errors.Invalid):
            head = f'The {e.kind} "{e.name}" is invalid: '
            if len(e.errors) == 1:
                return head + str(e.errors[0]) + "\n"  # kubectl ends the line itself, whatever the text
            return head + "\n" + "".join(f"* {fe}\n" for fe in e.errors)
        return str(e)
    lines = []
    for e, kind in errs:
        if isinstance(e, errors.Invalid):
            qualified = f"{kind.kind}.{kind.group}" if kind is not None and kind.group else e.kind
            body = str(e.errors[0]) if len(e.errors) == 1 else "[" + ", ".join(str(x) for x in e.errors) + "]"
            ctx = f"{e.context}: " if e.context else ""
            lines.append(f'Error from server (Invalid): {ctx}{qualified} "{e.name}" is invalid: {body}')
        elif isinstance(e, errors.ServerError):
            lines.append(str(e))
        else:
            msg = str(e)
            lines.append(msg[len("error: "):] if msg.startswith("error: ") else msg)
    return "\n".join(lines)


def _same(a: dict, b: dict) -> bool:
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


class _DryRun(Exception):
    def __init__(self, result: dict, what: str):
        super().__init__(what)
        self.result = result
        self.what = what


def _validate_flag(v: str) -> str:
    v = v.lower()
    if v not in ("strict", "warn", "ignore", "true", "false"):
        raise errors.UsageError(f'error: invalid - validate option "{v}"; must be one of: strict (or true), warn, ignore (or false)')
    return v

