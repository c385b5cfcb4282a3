"""create -f, and the create subcommands that build an object from flags.

Each subcommand builds the object kubectl's generator builds, with its fields in the order of the Go structs (so
`--dry-run=client -o json`, which kubectl prints from the typed object, comes out in kubectl's order) and with the
empty parts kubectl's typed objects carry (`creationTimestamp: null`, `resources: {}`, `status: {}`). With
`--dry-run=client` that object is printed as is; otherwise those client-side leftovers are stripped and the object
goes through the API server (`client.rest.create`), then the reconciler runs.
"""

from __future__ import annotations

import copy
import functools
import io
import json
from typing import Any, Callable

import click

from ... import errors
from .. import common
from ..printflags import printer_options

CTX = {"help_option_names": ["-h", "--help"]}
DRY_RUN_HELP = ('Must be "none", "server", or "client". If client strategy, only print the object that would be '
                "sent, without sending it. If server strategy, submit server-side request without persisting the "
                "resource.")
LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"


def common_options(f: Callable[..., Any] | None = None, *, field_manager: str = "kubectl-create",
                   validate: bool = True) -> Any:
    """The printing and dry-run flags every generator command has (autoscale: its own field manager, and no
    --validate)."""
    if f is None:
        return functools.partial(common_options, field_manager=field_manager, validate=validate)
    f = click.option("--dry-run", "dry_run", default=None, is_flag=False, flag_value="unchanged",
                     show_default="'none'", help=DRY_RUN_HELP)(f)
    f = click.option("-o", "--output", default=None, help=common.PRINT_OUTPUT_HELP)(f)
    f = click.option("--save-config", is_flag=True,
                     help="If true, the configuration of current object will be saved in its annotation. Otherwise, "
                          "the annotation will be unchanged. This flag is useful when you want to perform kubectl "
                          "apply on this object in the future.")(f)
    if validate:
        f = click.option("--validate", default="strict", help=common.VALIDATE_HELP)(f)
    f = click.option("--field-manager", default=field_manager, help=common.FIELD_MANAGER_HELP)(f)
    return printer_options(f)


def one_name(names: tuple[str, ...]) -> str:
    """kubectl's NameFromCommandArgs: exactly one NAME before any ``--``."""
    dash = click.get_current_context().meta.get("pflag.dash")
    count = len(names) if dash is None else dash
    if count != 1:
        raise errors.UsageError(f"error: exactly one NAME is required, got {count}{help_hint()}")
    return names[0]


def help_hint() -> str:
    from ..click_grammar import hint_path

    return f"\nSee '{hint_path(click.get_current_context())} -h' for help and examples"


def required(value: Any, flag: str, *more: tuple[Any, str]) -> None:
    """cobra's MarkFlagRequired: every required flag missing is named in one message."""
    missing = [f for v, f in ((value, flag), *more) if v in (None, "", ())]
    if missing:
        raise errors.UsageError(f'error: required flag(s) {", ".join(chr(34) + f + chr(34) for f in missing)} not set')


def meta(name: str, env: Any, labels: dict | None = None, annotations: dict | None = None,
         namespaced: bool = True) -> dict:
    """ObjectMeta in Go field order; the namespace only when given on the command line (as kubectl's
    EnforceNamespace)."""
    md: dict = {"name": name}
    if namespaced and env.namespace:
        md["namespace"] = env.namespace
    md["creationTimestamp"] = None
    if labels:
        md["labels"] = labels
    if annotations:
        md["annotations"] = annotations
    return md


def go_json(obj: Any) -> str:
    """encoding/json MarshalIndent of a typed object: fields in struct order (dict insertion order here)."""
    text = json.dumps(obj, indent=4, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"


def go_compact_json(obj: Any) -> str:
    text = json.dumps(obj, separators=(",", ":"), ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def for_server(obj: dict) -> dict:
    """What the API server receives: no null fields, no status."""
    def strip(v: Any) -> Any:
        if isinstance(v, dict):
            return {k: strip(x) for k, x in v.items() if x is not None}
        if isinstance(v, list):
            return [strip(x) for x in v]
        return v

    out = strip(copy.deepcopy(obj))
    out.pop("status", None)
    return out


# How each `kubectl create <generator>` reports a create the server refused (pkg/cmd/create): the bare Status
# message after this prefix, printed as "error: ...". Kinds not listed (Namespace, Role, ClusterRole, and the
# objects of run/expose/autoscale) print the server's error as any request does.
FAILED_TO_CREATE = {
    "ClusterRoleBinding": "failed to create clusterrolebinding: ", "ConfigMap": "failed to create configmap: ",
    "CronJob": "failed to create cronjob: ", "Deployment": "failed to create deployment: ",
    "Ingress": "failed to create ingress: ", "Job": "failed to create job: ",
    "PodDisruptionBudget": "failed to create poddisruptionbudgets: ",
    "PriorityClass": "failed to create priorityclass: ", "ResourceQuota": "failed to create quota: ",
    "RoleBinding": "failed to create rolebinding: ", "Secret": "failed to create secret ",
    "ServiceAccount": "failed to create serviceaccount: ",
}


def _creation_failed(obj: dict, kind: Any, err: errors.ServerError) -> errors.ClientError:
    if obj["kind"] == "Service":
        prefix = f"failed to create {(obj.get('spec') or {}).get('type') or 'ClusterIP'} service: "
    else:
        prefix = FAILED_TO_CREATE[obj["kind"]]
    message = err.detail
    if isinstance(err, errors.Invalid):  # the Status message names the kind with its group: Deployment.apps
        qualified = kind.kind + (f".{kind.group}" if kind.group else "")
        message = f'{qualified} "{err.name}" is invalid: ' + err.detail.split(" is invalid: ", 1)[1]
    return errors.ClientError(f"error: {prefix}{message}")


def emit(env: Any, obj: dict, dry_run: str | None, output: str | None, save_config: bool = False,
         verb: str = "created", dry_verb: str | None = None, generator: bool = True,
         report_later: bool = False) -> Any:
    """Print (client dry run) or create the object, then report it as kubectl does. `generator`: a `create`
    subcommand, whose refused creates read "error: failed to create <what>: <the server's message>".
    `report_later`: create it now and return the function that prints the report (kubectl's `run --expose`
    creates the pod, then creates and reports the service, then reports the pod)."""
    if report_later:
        out = env.stdout
        env.stdout = io.StringIO()
        try:
            emit(env, obj, dry_run, output, save_config, verb, dry_verb, generator)
            held = env.stdout.getvalue()
        finally:
            env.stdout = out
        return lambda: env.stdout.write(held)
    from ...api import registry
    from ...client import rest

    mode = common.dry_run_mode(dry_run)
    if mode == "client" and dry_run == "unchanged" and not getattr(env, "_dry_run_deprecation_warned", False):
        common.klog_warning(env, "helpers.go:702", "--dry-run is deprecated and can be replaced with --dry-run=client.")
        env._dry_run_deprecation_warned = True
    if save_config:
        # kubectl's annotation: the object it sends, as compact JSON in field order, without the annotation.
        md = obj["metadata"]
        text = go_compact_json(obj) + "\n"
        kept = {k: md.pop(k) for k in ("ownerReferences",) if k in md}
        md.setdefault("annotations", {})[LAST_APPLIED] = text
        md.update(kept)
    kind = registry.by_api_version_kind(obj["apiVersion"], obj["kind"])
    if mode == "client":
        if output:
            fmt = output.partition("=")[0]
            if fmt == "json":
                env.stdout.write(go_json(obj))
            else:
                env.stdout.write(render(env, [obj], output))
        else:
            common.echo(env, f"{common.display_kind(kind)}/{obj['metadata']['name']} {dry_verb or verb} (dry run)")
        return
    if output:
        check_output_format(output)
    store = common.open_store(env)
    sent = for_server(obj)
    if kind.namespaced:
        sent["metadata"]["namespace"] = common.namespace(env)
    warned: list[str] = []
    try:
        with store.transaction() as tx:
            res = rest.create(tx, sent, dry_run=(mode == "server"), warnings=warned)
            if mode == "server":
                tx.changed = []
        for w in warned:  # kubectl's warning handler prints them as the response comes
            common.server_warning(env, w)
    except errors.ServerError as err:
        if generator and (obj["kind"] in FAILED_TO_CREATE or obj["kind"] == "Service"):
            raise _creation_failed(obj, kind, err) from None
        raise
    finally:
        if mode != "server":
            common.settle(store)
    if output:
        env.stdout.write(render(env, [res], output))
    else:
        sfx = " (server dry run)" if mode == "server" else ""
        common.echo(env, f"{common.display_kind(kind)}/{res['metadata']['name']} {verb}{sfx}")


_PRINTERS = ("go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,"
             "templatefile,yaml")


def check_output_format(output: str) -> None:
    fmt = output.partition("=")[0]
    if fmt not in _PRINTERS.split(","):
        raise errors.ClientError(f'error: unable to match a printer suitable for the output format "{output}", '
                                 f"allowed formats are: {_PRINTERS}")


def render(env: Any, objs: list[dict], output: str) -> str:
    check_output_format(output)
    return common.render_objects(env, objs, output, single=True)


def _kv_list(text: str, what: str) -> dict:
    out: dict = {}
    if not text:
        return out
    for item in text.split(","):
        k, sep, v = item.partition("=")
        if not sep:
            raise errors.ClientError(f"error: Invalid argument syntax {item}, expected <{what}>=<value>")
        out[k] = v
    return out


class KubectlCommand(click.Command):
    """A subcommand whose flag errors name the whole command path, as cobra's do."""

    def make_context(self, info_name, args, parent=None, **extra):  # type: ignore[no-untyped-def, override]
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except (click.exceptions.NoSuchOption, click.exceptions.BadOptionUsage, click.exceptions.BadParameter) as e:
            from ..main import _usage_message

            path = " ".join(([parent.command_path.split(" ", 1)[1]] if parent and " " in parent.command_path
                             else []) + [info_name or self.name or ""])
            raise errors.UsageError(f"{_usage_message(e)}\nSee 'kubectl {path} --help' for usage.") from None


class _AliasGroup(click.Group):
    """Subcommands with kubectl's aliases (`create cm`, `create svc`, …)."""

    command_class = KubectlCommand
    aliases: dict[str, str] = {}

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        return super().get_command(ctx, self.aliases.get(name, name))

    def resolve_command(self, ctx: click.Context, args: list[str]):  # type: ignore[override]
        if args and args[0] not in self.commands and args[0] not in self.aliases and not args[0].startswith("-"):
            path = ctx.command_path.split(" ", 1)[1] if " " in ctx.command_path else ""
            flag = next((a.split("=")[0] for a in args if a.startswith("-")), None)
            if flag is not None:
                # cobra parses the group's own flags first; a group has none but --help.
                raise errors.UsageError(f"error: unknown flag: {flag}\nSee 'kubectl {path} --help' for usage.")
            if path == "create":
                raise errors.UsageError(f"error: Unexpected args: [{' '.join(args)}]\n"
                                        "See 'kubectl create -h' for help and examples")
            raise errors.UsageError(f'error: unknown command "{args[0]}"\n'
                                    f"See 'kubectl {path} -h' for help and examples")
        return super().resolve_command(ctx, args)


def build(run_apply: Callable[..., int], validate_flag: Callable[[str], str],
          dry_run_flag: Callable[[str | None], str]) -> click.Group:
    @click.group("create", cls=_AliasGroup, invoke_without_command=True, context_settings=CTX)
    @click.option("-f", "--filename", "files", multiple=True,
                  help="Filename, directory, or URL to files to use to create the resource")
    @click.option("-k", "--kustomize", "kustomize", default=None, help=common.KUSTOMIZE_HELP)
    @click.option("-R", "--recursive", is_flag=True,
                  help="Process the directory used in -f, --filename recursively. Useful when you want to manage "
                       "related manifests organized within the same directory.")
    @click.option("--validate", default="strict", help=common.VALIDATE_HELP)
    @click.option("--dry-run", "dry_run", default=None, is_flag=False, flag_value="unchanged", show_default="'none'",
                  help=DRY_RUN_HELP)
    @click.option("-o", "--output", default=None, help=common.PRINT_OUTPUT_HELP)
    @click.option("--save-config", is_flag=True,
                  help="If true, the configuration of current object will be saved in its annotation. Otherwise, the "
                       "annotation will be unchanged. This flag is useful when you want to perform kubectl apply on "
                       "this object in the future.")
    @click.option("--edit", is_flag=True, help="Edit the API resource before creating")
    @click.option("--windows-line-endings", is_flag=True,
                  help="Only relevant if --edit=true. Defaults to the line ending native to your platform.")
    @click.option("--field-manager", default="kubectl-create", help=common.FIELD_MANAGER_HELP)
    @click.option("--raw", default="",
                  help="Raw URI to POST to the server.  Uses the transport specified by the kubeconfig file.")
    @click.option("-l", "--selector", default=None,
                  help="Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l "
                       "key1=value1,key2=value2). Matching objects must satisfy all of the specified label "
                       "constraints.")
    @printer_options
    @click.pass_context
    def create(ctx: click.Context, files: tuple[str, ...], kustomize: str | None, recursive: bool, validate: str, dry_run: str | None,
               output: str | None, save_config: bool, edit: bool = False, windows_line_endings: bool = False,
               field_manager: str = "kubectl-create", raw: str = "", selector: str | None = None) -> None:
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
        if not files and kustomize is None:
            raise errors.UsageError("error: must specify one of -f and -k")
        if raw:
            common.check_raw_flag(raw, files, recursive, env.__dict__.get("output_flag"), edit=edit, selector=selector)
            import sys

            from ..get_core import raw_request
            from ..replace import _read

            raw_request(env, "POST", raw, sys.stdin.buffer.read() if files[0] == "-" else _read(files[0]))
            return
        files = tuple(common.manifest_paths(env, files, kustomize))
        if edit:
            _create_with_editor(env, files, recursive, output, windows_line_endings)
            return
        code = run_apply(env, list(files), recursive, validate_flag(validate), dry_run_flag(dry_run), output, True,
                         selector=selector, save_config=save_config)
        if code:
            raise errors.PykubectlError("")

    create.aliases = {"ns": "namespace", "deploy": "deployment", "svc": "service", "cm": "configmap",
                      "sa": "serviceaccount", "cj": "cronjob", "resourcequota": "quota",
                      "pdb": "poddisruptionbudget", "ing": "ingress", "pc": "priorityclass"}

    import importlib

    for sub in ("namespace", "deployment", "service", "configmap", "secret", "serviceaccount", "job", "rbac", "quota", "poddisruptionbudget", "ingress", "priorityclass", "token"):
        importlib.import_module(f"{__name__}.{sub}").register(create)
    return create


def _create_with_editor(env: Any, files: tuple[str, ...], recursive: bool, output: str | None,
                        windows_line_endings: bool) -> None:
    """create --edit (kubectl's edit-before-create mode): each object of the files in the editor in turn (YAML
    under the edit header, in the namespace it will be created in); an unchanged one is not created ("Edit
    cancelled, no changes made."), an edited one is created as edited. As in kubectl, --dry-run plays no part and
    the editor's printer knows only json and yaml."""
    import os

    from ...api import registry
    from ...api.manifests import iter_documents, yaml_documents
    from ...client import rest
    from ...printers.output import to_yaml
    from ..edit import EDIT_HEADER, _run_editor, _strip_comments

    fmt = (output or "").partition("=")[0]
    if fmt not in ("", "json", "yaml"):
        raise errors.ClientError(f'error: unable to match a printer suitable for the output format "{output}", '
                                 "allowed formats are: json,yaml")
    store = common.open_store(env)
    for doc in iter_documents(list(files), recursive):
        obj = copy.deepcopy(doc.obj)
        kind = registry.by_api_version_kind(obj.get("apiVersion", ""), obj.get("kind", ""))
        md = obj.setdefault("metadata", {})
        if kind.namespaced and not md.get("namespace"):
            md["namespace"] = common.namespace(env)
        body = to_yaml(obj)
        text = EDIT_HEADER + body
        if windows_line_endings:
            text = text.replace("\n", "\r\n")
        fd, path = common.go_temp_file("kubectl-edit-", ".yaml")
        os.close(fd)
        try:
            with open(path, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
            _run_editor(path)
            with open(path, encoding="utf-8") as fh:
                edited = _strip_comments(fh.read()).replace("\r\n", "\n")
        finally:
            os.unlink(path)
        if edited == _strip_comments(body):
            common.err(env, "Edit cancelled, no changes made.")
            continue
        for _, new in yaml_documents(edited, doc.source):
            if not isinstance(new, dict):
                continue
            warned = []
            with store.transaction() as tx:
                result = rest.create(tx, new, warnings=warned)
            for w in warned:
                common.server_warning(env, w)
            common.settle(store)
            if output:
                env.stdout.write(common.render_objects(env, [result], output, single=True))
            else:
                common.echo(env, f"{common.display_kind(common.kind_of_obj(result))}/{result['metadata']['name']} "
                                 "created")


def _help_without_subcommand(ctx: click.Context) -> None:
    """cobra's DefaultSubCommandRun: the group's help on stderr, exit 1."""
    if ctx.invoked_subcommand is None:
        raise errors.UsageError(ctx.get_help())


def _int_flag(value: str, flag: str) -> int:
    try:
        return int(value, 10)
    except ValueError:
        raise errors.UsageError(f'error: invalid argument "{value}" for "{flag}" flag: strconv.ParseInt: parsing '
                                f'"{value}": invalid syntax{_usage_hint()}') from None


def _usage_hint() -> str:
    from ..click_grammar import hint_path

    return f"\nSee '{hint_path(click.get_current_context())} --help' for usage."


OVERRIDES_HELP = ("An inline JSON override for the generated object. If this is non-empty, it is used to override the "
                  "generated object. Requires that the object supply a valid apiVersion field.")
OVERRIDE_TYPE_HELP = "The method used to override the generated object: json, merge, or strategic."


def check_override_type(override_type: str) -> None:
    if override_type not in ("json", "merge", "strategic"):
        raise errors.ClientError(f"error: invalid override type: {override_type}")


def apply_overrides(obj: dict, overrides: str, override_type: str) -> dict:
    """run's and expose's --overrides (kubectl's Overrider): the generated object as JSON, patched by the override
    (a JSON patch, a JSON merge patch, or a strategic merge patch for the object's type), then decoded into the
    typed object again — so its fields come in the Go structs' order, and an apiVersion with no such kind is
    refused."""
    if not overrides:
        return obj
    from ...api import patch as P
    from ...api import registry
    from ..typed import typed

    from ...api.gojson import syntax_error

    try:
        doc = json.loads(overrides)
    except ValueError:
        # What each patch library says of a body that is no JSON (kubectl 1.32 with a client dry run).
        if override_type == "merge":
            raise errors.ClientError("error: Invalid JSON Patch") from None
        if override_type == "strategic":
            raise errors.ClientError("error: invalid JSON document") from None
        raise errors.ClientError(f"error: {syntax_error(overrides) or 'invalid JSON'}") from None
    try:
        out = P.apply_patch(copy.deepcopy(obj), doc, override_type)
    except P.PatchError as e:
        raise errors.ClientError(f"error: {e}") from None
    if not isinstance(out, dict):
        raise errors.ClientError("error: the override does not make an object")
    try:
        registry.by_api_version_kind(str(out.get("apiVersion", "")), str(out.get("kind", "")))
    except (KeyError, registry.NoKindMatchError):
        group, _, version = str(out.get("apiVersion", "")).rpartition("/")
        raise errors.ClientError(f'error: no kind "{out.get("kind", "")}" is registered for version '
                                 f'"{out.get("apiVersion", "")}" in scheme "pkg/scheme/scheme.go:28"') from None
    return _sorted_maps(typed(out))


_STRING_MAPS = frozenset(("labels", "annotations", "selector", "matchLabels", "nodeSelector", "data"))


def _sorted_maps(v: Any, key: str = "") -> Any:
    """Go's encoding/json writes a map's keys sorted: the string maps of a decoded object come out that way."""
    if isinstance(v, dict):
        if key in _STRING_MAPS and all(isinstance(x, str) for x in v.values()):
            return dict(sorted(v.items()))
        return {k: _sorted_maps(x, k) for k, x in v.items()}
    if isinstance(v, list):
        return [_sorted_maps(x) for x in v]
    return v
