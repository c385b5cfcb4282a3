"""What the verbs share: opening the store, resolving TYPE/NAME arguments, output formats, and the file-context
wrapping of server errors."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

from .. import errors
from ..env import Env


if TYPE_CHECKING:
    import click


def env_of(ctx: "click.Context | None" = None) -> Env:
    import click  # not at import: the fast path of get (cli/fastget.py) runs without click

    ctx = ctx or click.get_current_context()
    return ctx.find_root().obj


def namespace(env: Env) -> str:
    return env.namespace or "default"


def open_store(env: Env, settle: bool = True) -> Any:
    """Connect to the cluster (the client's in-process transport): finish work a killed command left and
    time-driven work that came due."""
    from ..client import inprocess

    return inprocess.connect(env, settle=settle)


def settle(store: Any) -> None:
    from ..client import inprocess

    inprocess.settle(store)


def kind_of_obj(obj: dict) -> Any:
    from ..api import registry

    return registry.by_api_version_kind(obj.get("apiVersion", ""), obj.get("kind", ""))


def display_kind(kind: Any) -> str:
    """``deployment.apps`` / ``pod``: what kubectl prints before ``/name``."""
    return f"{kind.kind.lower()}.{kind.group}" if kind.group else kind.kind.lower()


class Target:
    """One TYPE of the command line and the names given for it (none: all of the kind)."""

    __slots__ = ("kind", "names", "namespace")

    def __init__(self, kind: Any, names: list[str], namespace: str | None = None):
        self.kind = kind
        self.names = names
        self.namespace = namespace  # the namespace a file's object names (None: the command's)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Target) and (self.kind, self.names) == (other.kind, other.names)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Target(kind={self.kind!r}, names={self.names!r})"


def resolve_type(type_str: str) -> Any:
    """A resource type as kubectl maps it: the cluster's kinds, else a custom kind kubectl's discovery cache still
    holds (client/discoverycache.py); mapping a custom kind from the cluster is a discovery, which the cache
    records."""
    from ..api import registry
    from ..client import discoverycache

    try:
        kind = registry.resolve(type_str)
    except errors.ResourceTypeError:
        cached = discoverycache.lookup(type_str)
        if cached is None:
            raise
        return cached
    if kind.verbs is registry.CUSTOM_VERBS:
        discoverycache.record([k for k in registry.all_kinds(custom=True) if k.verbs is registry.CUSTOM_VERBS])
    _warn_ambiguous_short_name(type_str, kind)
    return kind


_WARNED_SHORT_NAMES: set[tuple[str, str, str]] = set()


def _warn_ambiguous_short_name(type_str: str, kind: Any) -> None:
    """The shortcut expander's warning when a short name also belongs to resources of lower priority in discovery
    (core `ev` is also events.events.k8s.io's): once per such resource and command."""
    from ..api import registry

    name, _, group = type_str.partition(".")
    if name not in kind.short_names:
        return
    others = [o for o in registry.all_kinds(custom=registry.custom_loaded())
              if (o.group, o.plural) != (kind.group, kind.plural) and name in o.short_names
              and (not group or o.group == group)]
    if not others:
        return
    import sys

    import click

    ctx = click.get_current_context(silent=True)
    env = env_of(ctx) if ctx is not None else None  # the fast path of get runs without click
    warned = getattr(env, "warned_short_names", None) if env is not None else _WARNED_SHORT_NAMES
    if warned is None:
        warned = env.warned_short_names = set()  # type: ignore[union-attr]
    for other in others:
        key = (name, other.plural, other.group)
        if key in warned:
            continue
        warned.add(key)
        long_form = f"{other.plural}.{other.group}" if other.group else other.plural
        (env.stderr if env is not None else sys.stderr).write(
            f'Warning: short name "{name}" could also match lower priority resource {long_form}\n')


def check_file_namespaces(env: Env, files: Iterable[str], recursive: bool = False, first_only: bool = False) -> None:
    """The resource builder's RequireNamespace: with an explicit --namespace, every namespaced object of the files
    that names another namespace is an error, all of them reported before anything is done (one: ``error: …``;
    several: one line each, as kubectl prints an aggregate)."""
    if not env.namespace:
        return
    from ..api import registry
    from ..api.manifests import iter_documents

    problems = []
    for doc in iter_documents(list(files), recursive):
        md = doc.obj.get("metadata")
        ns = md.get("namespace") if isinstance(md, dict) else None
        if not ns or ns == env.namespace:
            continue
        try:
            namespaced = registry.by_api_version_kind(doc.obj["apiVersion"], doc.obj["kind"]).namespaced
        except (KeyError, registry.NoKindMatchError):
            continue
        if namespaced:
            problems.append(f'the namespace from the provided object "{ns}" does not match the namespace '
                            f'"{env.namespace}". You must pass \'--namespace={ns}\' to perform this operation.')
    if len(problems) == 1 or problems and first_only:
        raise errors.ClientError(f"error: {problems[0]}")
    if problems:
        raise errors.ClientError("\n".join(problems))


def file_targets(files: Iterable[str], recursive: bool = False) -> list[Target]:
    """The objects of manifest files as targets, each in the namespace its manifest names (the resource builder's
    FilenameParam): consecutive objects of one kind and namespace share a target."""
    from ..api.manifests import iter_documents

    out: list[Target] = []
    for doc in iter_documents(list(files), recursive):
        md = doc.obj.get("metadata") or {}
        k = resolve_type(doc.obj["kind"])
        ns = (md.get("namespace") or None) if k.namespaced else None
        if out and out[-1].kind == k and out[-1].namespace == ns:
            out[-1].names.append(md.get("name", ""))
        else:
            out.append(Target(k, [md.get("name", "")], ns))
    return out


def parse_targets(args: Iterable[str], allow_all_names: bool = True) -> list[Target]:
    """kubectl's argument forms: ``TYPE[,TYPE…] [NAME…]`` or ``TYPE/NAME …``."""
    from ..api import registry

    args = list(args)
    if not args:
        return []
    if any("/" in a for a in args):
        if not all("/" in a for a in args):
            raise errors.UsageError(
                "error: there is no need to specify a resource type as a separate argument when passing arguments "
                "in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get "
                "resource resource/<resource_name>'"
            )
        out: list[Target] = []
        for a in args:
            if a.count("/") > 1:
                raise errors.UsageError("error: arguments in resource/name form may not have more than one slash")
            t, n = a.split("/", 1)
            if not n or not t or len(set(t.split(","))) != 1:
                raise errors.UsageError("error: arguments in resource/name form must have a single resource and name")
            k = resolve_type(t)
            if out and out[-1].kind == k:
                out[-1].names.append(n)
            else:
                out.append(Target(k, [n]))
        return out
    # SplitResourceArgument keeps each type word once.
    types = list(dict.fromkeys(t for t in args[0].split(",") if t))
    names = args[1:]
    kinds: list[Any] = []
    for t in types:
        # The resource builder expands a category ("all", or one a CRD declares) before it maps resource names.
        # The custom kinds are read for a built-in category or a word no built-in resource has (so that `get pods`
        # does not read them).
        builtin = any(t in k.categories for k in registry.all_kinds())
        in_category = ([k for k in registry.all_kinds(custom=True) if t in k.categories]
                       if builtin or not registry.builtin_resource(t) else [])
        if in_category:
            kinds.extend(in_category)
        else:
            kinds.append(resolve_type(t))
    if not names:
        # Without names the builder visits each mapping once (resourceMappings: unique by group, version and kind),
        # so `deploy,deployments.apps` or `all,deploy` list deployments once; names keep one visit per type word.
        unique: dict[tuple[str, str, str], Any] = {}
        for k in kinds:
            unique.setdefault((k.group, k.version, k.kind), k)
        kinds = list(unique.values())
    return [Target(k, list(names)) for k in kinds]


def help_without_subcommand(ctx: Any, to_stdout: bool = False) -> None:
    """cobra's DefaultSubCommandRun for a command group run without a subcommand: its help, exit 1 (on stderr,
    or on stdout for the groups kubectl gives its Out: rollout)."""
    if ctx.invoked_subcommand is not None:
        return
    text = ctx.get_help()
    if to_stdout:
        env = env_of()
        env.stdout.write(text if text.endswith("\n") else text + "\n")
        raise errors.PykubectlError("")
    raise errors.UsageError(text)


def check_raw_flag(raw: str, files: Any, recursive: bool, output: str | None, edit: bool = False,
                   selector: str | None = None) -> None:
    """create.go's and replace.go's Validate for --raw, in their order (replace has no --edit or -l)."""
    import re

    if edit:
        raise errors.ClientError("error: --raw and --edit are mutually exclusive")
    if len(files) != 1:
        raise errors.ClientError("error: --raw can only use a single local file or stdin")
    if files[0].startswith(("http://", "https://")):
        raise errors.ClientError("error: --raw cannot read from a url")
    if recursive:
        raise errors.ClientError("error: --raw and --recursive are mutually exclusive")
    if selector:
        raise errors.ClientError("error: --raw and --selector (-l) are mutually exclusive")
    if output:
        raise errors.ClientError("error: --raw and --output are mutually exclusive")
    if not raw.startswith("/") and not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", raw):
        raise errors.ClientError(f'error: --raw must be a valid URL path: parse "{raw}": invalid URI for request')


def dry_run_mode(v: str | None) -> str:
    """--dry-run as kubectl reads it: '' (none), 'client' or 'server'; a bare flag ("unchanged") and the
    deprecated booleans as kubectl maps them; kubectl's message for anything else."""
    if v in (None, "none", "false", ""):
        return ""
    if v in ("true", "unchanged", "client"):
        return "client"
    if v == "server":
        return "server"
    raise errors.UsageError(f'error: Invalid dry-run value ({v}). Must be "none", "server", or "client".')


def go_temp_file(prefix: str, suffix: str) -> tuple[int, str]:
    """(fd, path) of a new file named as Go's os.CreateTemp("", prefix+"*"+suffix) names it: $TMPDIR (else /tmp),
    the prefix, a random unsigned 32-bit number in decimal, the suffix (/tmp/kubectl-edit-3821555986.yaml)."""
    import os
    import random

    base = os.environ.get("TMPDIR") or "/tmp"
    for _ in range(10000):
        path = os.path.join(base, f"{prefix}{random.getrandbits(32)}{suffix}")
        try:
            return os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600), path
        except FileExistsError:
            continue
    raise errors.ClientError(f"error: open {base}/{prefix}*{suffix}: file exists")


def klog_warning(env: Env, source: str, text: str) -> None:
    """A warning line as kubectl logs it through klog: ``W1122 10:00:00.000000   12345 helpers.go:702] text``
    (month and day, the time with microseconds, the process id in 7 columns, the Go source line). The time is
    the simulated clock's."""
    import os

    now = env.now()
    env.stderr.write(f"W{now:%m%d %H:%M:%S}.{now.microsecond:06d} {os.getpid():7d} {source}] {text}\n")


def echo(env: Env, text: str) -> None:
    env.stdout.write(text if text.endswith("\n") or not text else text + "\n")


def err(env: Env, text: str) -> None:
    env.stderr.write(text if text.endswith("\n") else text + "\n")


def server_warning(env: Env, text: str) -> None:
    """A warning the API server returned, as kubectl's warning writer prints it: each text once per command (the
    global --warnings-as-errors then fails the command, cli/boundary.py)."""
    shown = env.__dict__.setdefault("server_warnings", [])
    if text not in shown:
        shown.append(text)
        err(env, f"Warning: {text}")


PRINT_OUTPUT_HELP = ("Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, "
                     "jsonpath, jsonpath-as-json, jsonpath-file).")
DRY_RUN_HELP = ('Must be "none", "server", or "client". If client strategy, only print the object that would be '
                "sent, without sending it. If server strategy, submit server-side request without persisting the "
                "resource.")
VALIDATE_HELP = ('Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to '
                 "validate the input and fail the request if invalid. It will perform server side validation if "
                 "ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable "
                 'client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking '
                 "the request if server-side field validation is enabled on the API server, and behave as "
                 '"ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping '
                 "any unknown or duplicate fields.")
FIELD_MANAGER_HELP = "Name of the manager used to track field ownership."
OUTPUT_HELP = "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide)."


def render_objects(env: Env, objs: list[dict], output: str, single: bool,
                   show_managed_fields: bool | None = None) -> str:
    """-o yaml|json|name|jsonpath=…|go-template=…|custom-columns=…: one object as itself, several as a List. YAML
    and JSON leave metadata.managedFields out unless asked (kubectl's --show-managed-fields: the argument, else
    the command's printer flags, cli/printflags.py)."""
    from ..printers import output as out

    fmt, _, arg = output.partition("=")
    if show_managed_fields is None:
        show_managed_fields = bool(env.__dict__.get("print_show_managed_fields", False))
    if fmt in ("yaml", "json") and not show_managed_fields:
        objs = [_without_managed_fields(o) for o in objs]
    data: Any = objs[0] if single and len(objs) == 1 else out.list_wrapper(objs)
    if fmt == "name":
        return "".join(f"{display_kind(kind_of_obj(o))}/{o['metadata']['name']}\n" for o in objs)
    if fmt in ("custom-columns", "custom-columns-file"):
        from ..printers.custom_columns import print_custom_columns

        if fmt == "custom-columns-file":
            return print_custom_columns(objs, "", file_text=_read_template(arg))  # type: ignore[call-arg]
        return print_custom_columns(objs, arg)
    return render_data(env, data, output)


def render_each(env: Env, objs: list[dict], output: str) -> str:
    """Each object printed alone by one kubectl printer, as create, replace and the set commands do: the YAML
    printer starts every object after the first with "---"; the others print them one after another."""
    texts = [render_objects(env, [o], output, single=True) for o in objs]
    if output.partition("=")[0] == "yaml":
        return "---\n".join(texts)
    return "".join(texts)


def apply_list(objs: list[dict]) -> dict:
    """The typed v1 List apply prints several objects in: ListMeta empty (`metadata: {}`), and in JSON its fields
    in Go's order (kind, apiVersion, metadata, items) around the objects' own sorted keys."""
    import json as _json

    items = [_json.loads(_json.dumps(_without_managed_fields(o), sort_keys=True)) for o in objs]
    return {"kind": "List", "apiVersion": "v1", "metadata": {}, "items": items}


def render_data(env: Env, data: Any, output: str) -> str:
    """One object or list (already built) in a -o yaml|json|jsonpath=…|go-template=… format."""
    from ..printers import output as out

    fmt, _, arg = output.partition("=")
    if fmt == "yaml":
        return out.to_yaml(data)
    if fmt == "json":
        return out.to_json(data)
    allow_missing = bool(env.__dict__.get("print_allow_missing_keys", True))
    if fmt in ("jsonpath", "jsonpath-file", "jsonpath-as-json"):
        from ..printers.jsonpath import JSONPath
        from .printflags import read_template_file

        if fmt == "jsonpath-file":
            arg = read_template_file(arg)
        if not arg:
            raise errors.ClientError("error: template format specified but no template given")
        jp = JSONPath(arg, allow_missing_keys=allow_missing)
        return jp.execute_as_json(data) if fmt == "jsonpath-as-json" else jp.execute(data)
    if fmt in ("go-template", "go-template-file", "template", "templatefile"):
        from ..printers.gotemplate import render_go_template
        from .printflags import read_template_file

        if fmt.endswith("file"):
            arg = read_template_file(arg)
        if not arg:
            raise errors.ClientError("error: template format specified but no template given")
        return render_go_template(arg, data, allow_missing_keys=allow_missing)
    raise errors.ClientError(
        f'error: unable to match a printer suitable for the output format "{output}", allowed formats are: '
        "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,"
        "jsonpath-file,name,template,templatefile,yaml"
    )


def _without_managed_fields(obj: dict) -> dict:
    md = obj.get("metadata")
    if not isinstance(md, dict) or "managedFields" not in md:
        return obj
    return {**obj, "metadata": {k: v for k, v in md.items() if k != "managedFields"}}


def _read_template(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.read()
    except OSError:
        raise errors.ClientError(f"error: open {path}: no such file or directory") from None


KUSTOMIZE_HELP = "Process the kustomization directory. This flag can't be used together with -f or -R."


def manifest_paths(env: Env, files: Iterable[str], kustomize: str | None) -> list[str]:
    """The -f paths, or the -k directory as one KustomizeDir (built when the documents are read; its warnings go
    to this command's stderr)."""
    files = list(files)
    if kustomize is None:
        return files
    if files:
        raise errors.ClientError("error: only one of -f or -k can be specified")
    from ..api.manifests import KustomizeDir

    d = KustomizeDir(kustomize)
    d.warn = env.stderr.write  # type: ignore[attr-defined]
    return [d]


def not_found(tx: Any, kind: Any, namespace: str, name: str) -> errors.NotFound:
    """The error kubectl's resource builder reports for a named object the server did not find (Info.Get in
    cli-runtime): in a namespace other than ``default`` it asks for the namespace too, and a missing namespace is
    what it reports (recorded: k8s-recordings 16-errors-common step 3)."""
    from ..api import registry
    from ..client import rest

    if kind.namespaced and namespace and namespace != "default":
        ns_kind = registry.kind_for("", "Namespace")
        if rest.get_object(tx, ns_kind, "", namespace) is None:
            return errors.NotFound(f'namespaces "{namespace}" not found')
    return errors.NotFound(f'{rest.resource_name(kind.group, kind.kind)} "{name}" not found')
