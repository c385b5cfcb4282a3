"""set image|env|resources|selector|serviceaccount|subject: change one part of existing objects, in the store or,
with --local, in the files given (printed, nothing sent).

Each subcommand is a change function applied to each object kubectl's builder visits; objects are printed as
kubectl prints them after its typed decode (cli/typed.py). Texts follow kubectl/pkg/cmd/set (v1.32)."""

from __future__ import annotations

import copy
import re
from typing import Any, Callable

import click

from .. import errors
from . import common
from .objectupdate import POD_TEMPLATE_KINDS, go_error_text, mutate_each
from .printflags import kustomize_option, printer_options

CTX = {"help_option_names": ["-h", "--help"]}
NEED_RESOURCES = ("error: You must provide one or more resources by argument or filename.\nExample resource "
                  "specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n"
                  "   '<resource>'")


@click.group("set", context_settings=CTX, invoke_without_command=True)
@click.pass_context
def set_group(ctx: click.Context) -> None:
    """Configure application resources.

    These commands help you make changes to existing application resources.

    \b
    Examples:
      pykubectl set image deployment/nginx nginx=nginx:1.9.1
    """
    common.help_without_subcommand(ctx)


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


SELECTOR_HELP = ("Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). "
                 "Matching objects must satisfy all of the specified label constraints.")
RECURSIVE_HELP = ("Process the directory used in -f, --filename recursively. Useful when you want to manage related "
                  "manifests organized within the same directory.")


def _common_options(what: str, files_help: str, all_help: str = "Select all resources, in the namespace of the "
                    "specified resource types", local_help: str = "", selector: bool = True, kustomize: bool = True,
                    recursive: bool = False) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The builder and printer flags of the set subcommands, with each one's usage texts as kubectl words them (set
    selector has no -l and no -k and recurses by default; set serviceaccount has no -l)."""
    def deco(f: Callable[..., Any]) -> Callable[..., Any]:
        opts = [
            click.option("-f", "--filename", "files", multiple=True, help=files_help),
            click.option("-R", "--recursive", type=click.BOOL, default=recursive, help=RECURSIVE_HELP),
            click.option("--all", "all_", is_flag=True, help=all_help),
            click.option("--local", is_flag=True,
                         help=local_help or f"If true, set {what} will NOT contact api-server but run locally."),
            click.option("--dry-run", "dry_run", default=None, is_flag=False, flag_value="unchanged",
                         show_default="'none'", help=common.DRY_RUN_HELP),
            click.option("-o", "--output", default=None, help=common.PRINT_OUTPUT_HELP),
            click.option("--field-manager", default="kubectl-set", help=common.FIELD_MANAGER_HELP),
        ]
        if selector:
            opts.insert(2, click.option("-l", "--selector", default=None, help=SELECTOR_HELP))
        for opt in reversed(opts):
            f = opt(f)
        f = printer_options(f)
        return kustomize_option(f) if kustomize else f
    return deco


class _Unchanged(Exception):
    """The change left the object as it was: kubectl sends and prints nothing for it."""


def _run(env: Any, resources: list[str], files: tuple[str, ...], recursive: bool, selector: str | None,
         all_: bool, local: bool, dry_run: str | None, output: str | None, done: str,
         change: Callable[[Any, dict], None], all_or_nothing: bool = True, patch_failure: str = "") -> None:
    """Apply ``change(kind, obj)`` to each object (the files' with --local, else the store's) and print the
    result: ``TYPE/NAME <done>`` or the object in the -o format. A ClientError for one object is printed and the
    others go on (exit 1 at the end), as kubectl's set commands aggregate their errors."""
    mode = common.dry_run_mode(dry_run)
    printed = [0]

    def show(kind: Any, obj: dict, suffix: str) -> str:
        if not output:
            return f"{common.display_kind(kind)}/{obj['metadata']['name']} {done}{suffix}\n"
        return _render(env, obj, output, printed)

    if local:
        if not files:
            raise errors.ClientError(NEED_RESOURCES)
        from ..api import registry
        from ..api.manifests import iter_documents

        failures: list[str] = []  # kubectl returns them together after the objects it could change
        for doc in iter_documents(list(files), recursive):
            kind = registry.by_api_version_kind(doc.obj.get("apiVersion", ""), doc.obj.get("kind", ""))
            obj = copy.deepcopy(doc.obj)
            try:
                change(kind, obj)
            except _Unchanged:
                continue
            except errors.ClientError as e:
                failures.append(str(e))
                continue
            if obj == doc.obj:  # no change: kubectl prints nothing for it, --local too
                continue
            env.stdout.write(show(kind, obj, " (dry run)" if mode == "client" else ""))
        if failures:
            env.stdout.flush()
            for text in failures:
                common.err(env, text)
            raise errors.PykubectlError("")
        return
    if not resources and not files:
        raise errors.ClientError(NEED_RESOURCES)

    def fn(tx: Any, kind: Any, live: dict) -> str | None:
        from ..client import rest

        new = copy.deepcopy(live)
        try:
            change(kind, new)
        except _Unchanged:
            return None
        if new == live:  # kubectl's patch is "{}": it says nothing about that object
            return None
        if mode == "client":
            return show(kind, new, " (dry run)")
        try:
            result = rest.update(tx, new, live, dry_run=mode == "server")
        except errors.ServerError as e:
            if not patch_failure:
                raise
            # the command wraps the server's error in its own words (fmt.Errorf(patch_failure, err))
            raise errors.bare_client_error(patch_failure.format(go_error_text(e, kind))) from None
        return show(kind, result, " (server dry run)" if mode == "server" else "")

    # kubectl's set commands read every object first (the builder's Infos()); set selector visits them.
    mutate_each(env, resources, files, selector, all_, fn, as_written=True, all_or_nothing=all_or_nothing)


def _render(env: Any, obj: dict, output: str, printed: list[int]) -> str:
    from .create import go_json, render
    from .typed import typed

    fmt = output.split("=", 1)[0]
    obj = typed(obj)
    printed[0] += 1
    if fmt == "json":
        return go_json(obj)
    text = render(env, [obj], output)
    return ("---\n" + text) if fmt == "yaml" and printed[0] > 1 else text


def _needs_template(kind: Any, obj: dict) -> None:
    if (kind.group, kind.kind) not in POD_TEMPLATE_KINDS:
        raise errors.ClientError(f"error: {common.display_kind(kind)}/{obj['metadata']['name']} the object is not a "
                                 f"pod or does not have a pod template: *{kind.version}.{kind.kind}")


def _containers(kind: Any, obj: dict, selector: str, init: bool = True) -> list[dict]:
    """The containers of obj's pod template whose names match -c (a shell glob; '*' all), init containers first."""
    import fnmatch

    spec = _pod_spec(obj)
    found = (spec.get("initContainers") or [] if init else []) + (spec.get("containers") or [])
    return [c for c in found if fnmatch.fnmatchcase(c.get("name", ""), selector)]


# ---- image --------------------------------------------------------------------------------------------------
@set_group.command("image", context_settings=CTX)
@click.argument("args", nargs=-1)
@_common_options("image", "Filename, directory, or URL to files identifying the resource to get from a server.")
def set_image_cmd(args: tuple[str, ...], files: tuple[str, ...], recursive: bool, selector: str | None, all_: bool,
                  local: bool, dry_run: str | None, output: str | None, **_: Any) -> None:
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
    if res and not local:
        common.parse_targets(res)  # the resource builder (Complete) reads the resources before Validate
    elif not local and not files:
        raise errors.ClientError(NEED_RESOURCES)  # the builder, in Complete, has nothing to visit
    if not pairs:
        raise errors.UsageError("error: at least one image update is required")

    def change(kind: Any, obj: dict) -> None:
        _needs_template(kind, obj)
        before = copy.deepcopy(obj)
        spec = _pod_spec(obj)
        for cname, image in pairs.items():
            found = False
            for c in (spec.get("initContainers") or []) + (spec.get("containers") or []):
                if cname == "*" or c.get("name") == cname:
                    c["image"] = image
                    found = True
            if not found:
                raise errors.ClientError(f'error: unable to find container named "{cname}"')
        if obj == before:
            raise _Unchanged()

    _run(env, res, files, recursive, selector, all_, local, dry_run, output, "image updated", change,
         patch_failure="failed to patch image update to pod template: {}")


# ---- env ----------------------------------------------------------------------------------------------------
_ENV_NAME = re.compile(r"[-._a-zA-Z][-._a-zA-Z0-9]*\Z")
_ENV_NAME_MSG = ("a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', "
                 "and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used "
                 "for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')")


def _env_args(args: list[str], env_flags: tuple[str, ...]) -> tuple[list[str], list[tuple[str, str]], list[str]]:
    """(resources, NAME=value pairs, NAME- removals) as kubectl's SplitEnvironmentFromResources and ParseEnv read
    them; ``-e -`` reads KEY=VALUE lines from stdin."""
    import sys

    resources: list[str] = []
    changes: list[str] = []
    for a in args:
        if "=" in a or a.endswith("-"):
            changes.append(a)
        elif changes:
            raise errors.UsageError(f"error: all resources must be specified before environment changes: "
                                    f"{' '.join(args)}\nSee 'kubectl set env -h' for help and examples")
        else:
            resources.append(a)
    for e in env_flags:
        if e == "-":
            changes.extend(ln.strip() for ln in sys.stdin.read().splitlines() if ln.strip() and "=" in ln)
        else:
            changes.append(e)
    pairs: list[tuple[str, str]] = []
    removals: list[str] = []
    for c in changes:
        if "=" in c:
            k, v = c.split("=", 1)
            if not _ENV_NAME.match(k):
                raise errors.ClientError(f'error: "{k}" is not a valid key name: {_ENV_NAME_MSG}')
            pairs.append((k, v))
        elif c.endswith("-"):
            removals.append(c[:-1])
        else:
            raise errors.ClientError(f'error: invalid environment variable: "{c}"')
    return resources, pairs, removals


def _env_line(e: dict) -> str:
    src = e.get("valueFrom")
    if not src:
        return f"{e['name']}={e.get('value', '')}"
    if src.get("fieldRef"):
        return f"# {e['name']} from field path {src['fieldRef'].get('fieldPath', '')}"
    if src.get("resourceFieldRef"):
        return f"# {e['name']} from resource field {src['resourceFieldRef'].get('resource', '')}"
    for key, word in (("configMapKeyRef", "configmap"), ("secretKeyRef", "secret")):
        if src.get(key):
            return f"# {e['name']} from {word} {src[key].get('name', '')}, key {src[key].get('key', '')}"
    return f"# {e['name']} from unknown source"  # derived: kubectl prints nothing better


def _env_from(env: Any, source: str, keys: tuple[str, ...], prefix: str, local: bool) -> list[dict]:
    """The EnvVars --from=configmap/NAME or secret/NAME adds: one per key (sorted), named PREFIX + the key in
    upper case with characters an env name cannot hold turned to '_', each a reference to its key."""
    from ..api import registry

    t, _, name = source.partition("/")
    try:
        kind = registry.resolve(t) if name else None
    except errors.PykubectlError:
        kind = None
    if local or kind is None or (kind.group, kind.kind) not in (("", "ConfigMap"), ("", "Secret")):
        raise errors.ClientError("error: unsupported resource specified in --from")
    store = common.open_store(env)
    with store.read() as tx:
        obj = tx.get("", kind.kind, common.namespace(env), name)
    if obj is None:
        raise errors.NotFound(f'{kind.plural} "{name}" not found')
    data = sorted(set(obj.get("data") or {}) | set(obj.get("binaryData") or {}))
    if keys:
        data = [k for k in keys if k in data]
    ref = "configMapKeyRef" if kind.kind == "ConfigMap" else "secretKeyRef"
    return [{"name": prefix + re.sub(r"[^A-Za-z0-9_]", "_", k).upper(), "valueFrom": {ref: {"name": name, "key": k}}}
            for k in data]


@set_group.command("env", context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("-c", "--containers", default="*",
              help="The names of containers in the selected pod templates to change - may use wildcards")
@click.option("-e", "--env", "env_flags", multiple=True,
              help="Specify a key-value pair for an environment variable to set into each container.")
@click.option("--from", "from_", default="", help="The name of a resource from which to inject environment variables")
@click.option("--keys", multiple=True, help="Comma-separated list of keys to import from specified resource")
@click.option("--list", "list_", is_flag=True, help="If true, display the environment and any changes in the standard format. this flag will removed when we have kubectl view env.")
@click.option("--overwrite", type=click.BOOL, default=True, is_flag=False, flag_value=True,
              help="If true, allow environment to be overwritten, otherwise reject updates that overwrite existing environment.")
@click.option("--prefix", default="", help="Prefix to append to variable names")
@click.option("--resolve", is_flag=True, help="If true, show secret or configmap references when listing variables")
@_common_options("env", "Filename, directory, or URL to files the resource to update the env",
                 all_help="If true, select all resources in the namespace of the specified resource types")
def set_env_cmd(args: tuple[str, ...], containers: str, env_flags: tuple[str, ...], from_: str, keys: tuple[str, ...],
                list_: bool, overwrite: bool, prefix: str, resolve: bool, files: tuple[str, ...], recursive: bool,
                selector: str | None, all_: bool, local: bool, dry_run: str | None, output: str | None,
                **_: Any) -> None:
    """Update environment variables on a pod template.

    List environment variable definitions in one or more pods, pod templates. Add, update, or remove container
    environment variable definitions in one or more pod templates (within replication controllers or deployment
    configurations). View or modify the environment variable definitions on all containers in the specified pods
    or pod templates, or just those that match a wildcard.

    \b
    Examples:
      # Update deployment 'registry' with a new environment variable
      pykubectl set env deployment/registry STORAGE_DIR=/local
    \b
      # List the environment variables defined on a deployments 'sample-build'
      pykubectl set env deployment/sample-build --list
    \b
      # Import environment from a config map with a prefix
      pykubectl set env --from=configmap/myconfigmap --prefix=MYSQL_ deployment/myapp
    \b
      # Remove the environment variable ENV from container 'c1' in all deployment configs
      pykubectl set env deployments --all --containers="c1" ENV-
    """
    env = common.env_of()
    resources, pairs, removals = _env_args(list(args), env_flags)
    # Validate, in its order
    if not files and not resources:
        raise errors.ClientError("error: one or more resources must be specified as <resource> <name> or "
                                 "<resource>/<name>")
    if list_ and output:
        raise errors.ClientError("error: --list and --output may not be specified together")
    if keys and not from_:
        raise errors.ClientError("error: when specifying --keys, a configmap or secret must be provided with --from")
    keys = tuple(k for ks in keys for k in ks.split(",") if k)
    added = _env_from(env, from_, keys, prefix, local) if from_ else []

    if list_:
        _list_env(env, resources, files, recursive, selector, all_, local, containers, resolve)
        return

    def change(kind: Any, obj: dict) -> None:
        _needs_template(kind, obj)
        if not (pairs or removals or added):
            raise _Unchanged()
        found = _containers(kind, obj, containers)
        if not found:
            common.err(env, f'Warning: {obj["kind"]}/{obj["metadata"]["name"]} does not have any containers '
                            f'matching "{containers}"')
            raise _Unchanged()
        for c in found:
            envs = [e for e in c.get("env") or [] if e.get("name") not in removals]
            for new in [{"name": k, "value": v} for k, v in pairs] + added:
                old = next((e for e in envs if e.get("name") == new["name"]), None)
                if old is None:
                    envs.append(copy.deepcopy(new))
                    continue
                if not overwrite:
                    shown = old.get("value", "")
                    raise errors.ClientError(f"error: {common.display_kind(kind)}/{obj['metadata']['name']}\n "
                                             f"'{new['name']}' already has a value ({shown}), and --overwrite is false")
                old.clear()
                old.update(copy.deepcopy(new))
            if envs:
                c["env"] = envs
            else:
                c.pop("env", None)

    _run(env, resources, files, recursive, selector, all_, local, dry_run, output, "env updated", change,
         patch_failure="failed to patch env update to pod template: {}")


def _list_env(env: Any, resources: list[str], files: tuple[str, ...], recursive: bool, selector: str | None,
              all_: bool, local: bool, containers: str, resolve: bool) -> None:
    """--list: each container's variables as KEY=value lines, references as comments (kubectl's format)."""
    from ..api import registry

    if local:
        if not files:
            raise errors.ClientError(NEED_RESOURCES)
        from ..api.manifests import iter_documents

        found = [(registry.by_api_version_kind(d.obj.get("apiVersion", ""), d.obj.get("kind", "")), d.obj)
                 for d in iter_documents(list(files), recursive)]
        store = None
    else:
        if not resources and not files:
            raise errors.ClientError(NEED_RESOURCES)
        from .objectupdate import collect, not_found

        store = common.open_store(env)
        with store.read() as tx:
            found = []
            for kind, obj, name in collect(env, tx, resources, files, selector, all_, recursive):
                if obj is None:
                    raise not_found(kind, name)
                found.append((kind, obj))
    out: list[str] = []
    for kind, obj in found:
        _needs_template(kind, obj)
        for c in _containers(kind, obj, containers):
            out.append(f"# {obj['kind']} {obj['metadata']['name']}, container {c.get('name', '')}")
            for e in c.get("env") or []:
                out.append(_resolved(store, obj, e) if resolve and store is not None else _env_line(e))
    env.stdout.write("".join(ln + "\n" for ln in out))


def _resolved(store: Any, obj: dict, e: dict) -> str:
    """--resolve: a configmap or secret key reference as the value it names (derived from kubectl's
    set env --resolve; other references stay comments)."""
    import base64

    src = e.get("valueFrom") or {}
    for key, kind in (("configMapKeyRef", "ConfigMap"), ("secretKeyRef", "Secret")):
        ref = src.get(key)
        if ref:
            with store.read() as tx:
                o = tx.get("", kind, obj["metadata"].get("namespace", ""), ref.get("name", ""))
            value = ((o or {}).get("data") or {}).get(ref.get("key", ""))
            if value is not None:
                if kind == "Secret":
                    value = base64.b64decode(value).decode("utf-8", "replace")
                return f"{e['name']}={value}"
    return _env_line(e)


# ---- resources ----------------------------------------------------------------------------------------------
def _resource_list(text: str) -> dict[str, str]:
    """--limits / --requests: NAME=QUANTITY,… with each quantity in its canonical form, as kubectl parses them."""
    from ..api import quantity
    from .create import _kv_list

    out = {}
    for k, v in _kv_list(text, "resource").items():
        try:
            out[k] = quantity.canonicalize(v)
        except quantity.QuantityError:
            raise errors.ClientError(f"error: {quantity.ERR_FORMAT_WRONG}") from None
    return out


@set_group.command("resources", context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("-c", "--containers", default="*",
              help="The names of containers in the selected pod templates to change, all containers are selected by default - may use wildcards")
@click.option("--limits", default="", help="The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'.  Note that server side components may assign requests depending on the server configuration, such as limit ranges.")
@click.option("--requests", default="", help="The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'.  Note that server side components may assign requests depending on the server configuration, such as limit ranges.")
@_common_options("resources", "Filename, directory, or URL to files identifying the resource to get from a server.")
def set_resources_cmd(args: tuple[str, ...], containers: str, limits: str, requests: str, files: tuple[str, ...],
                      recursive: bool, selector: str | None, all_: bool, local: bool, dry_run: str | None,
                      output: str | None, **_: Any) -> None:
    """Specify compute resource requirements (CPU, memory) for any resource that defines a pod template.

    If a pod is successfully scheduled, it is guaranteed the amount of resource requested, but may burst up to
    its specified limits.

    \b
    Examples:
      # Set the deployment nginx container cpu limits to "200m" and memory to "512Mi"
      pykubectl set resources deployment nginx -c=nginx --limits=cpu=200m,memory=512Mi
    \b
      # Print the result (in yaml format) of updating nginx container limits from a local, without hitting the server
      pykubectl set resources -f path/to/file.yaml --limits=cpu=200m,memory=512Mi --local -o yaml
    """
    env = common.env_of()
    if not args and not files and not local:
        raise errors.ClientError(NEED_RESOURCES)  # the builder runs in Complete, before Validate
    if not limits and not requests:
        raise errors.UsageError("error: you must specify an update to requests or limits (in the form of --requests/--limits)")
    lim, req = _resource_list(limits), _resource_list(requests)

    def change(kind: Any, obj: dict) -> None:
        _needs_template(kind, obj)
        before = copy.deepcopy(obj)
        found = _containers(kind, obj, containers)
        if not found:
            raise errors.ClientError(f"error: unable to find container named {containers}")
        for c in found:
            r = c.setdefault("resources", {})
            for field, values in (("limits", lim), ("requests", req)):
                if values:
                    current = r.setdefault(field, {})
                    current.update(values)
        if _canonical(obj) == _canonical(before):
            raise _Unchanged()

    _run(env, list(args), files, recursive, selector, all_, local, dry_run, output,
         "resource requirements updated", change,
         patch_failure="failed to patch resources update to pod template {}")


def _canonical(obj: dict) -> Any:
    """The object with its container resources in canonical quantities, to tell whether a change changed it."""
    from ..api import quantity

    obj = copy.deepcopy(obj)
    for c in (_pod_spec(obj).get("initContainers") or []) + (_pod_spec(obj).get("containers") or []):
        for field in ("limits", "requests"):
            values = (c.get("resources") or {}).get(field) or {}
            for k, v in values.items():
                try:
                    values[k] = quantity.canonicalize(v)
                except quantity.QuantityError:
                    pass
    return obj


# ---- selector -----------------------------------------------------------------------------------------------
@set_group.command("selector", context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("--resource-version", default="", help="If non-empty, the selectors update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource.")
@_common_options("selector", "identifying the resource.",
                 all_help="Select all resources in the namespace of the specified resource types",
                 local_help="If true, annotation will NOT contact api-server but run locally.", selector=False,
                 kustomize=False, recursive=True)
def set_selector_cmd(args: tuple[str, ...], resource_version: str, files: tuple[str, ...], recursive: bool,
                     all_: bool, local: bool, dry_run: str | None, output: str | None,
                     **_: Any) -> None:
    """Set the selector on a resource. Note that the new selector will overwrite the old selector if the resource
    had one prior to the invocation of 'set selector'.

    A selector must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and
    underscores, up to 63 characters. If --resource-version is specified, then updates will use this resource
    version, otherwise the existing resource-version will be used. Note: currently selectors can only be set on
    Service objects.

    \b
    Examples:
      # Set the labels and selector before creating a deployment/service pair
      pykubectl create service clusterip my-svc --clusterip="None" -o yaml --dry-run=client | pykubectl set selector --local -f - 'environment=qa' -o yaml | pykubectl create -f -
    """
    from ..api import selectors

    env = common.env_of()
    words = list(args)
    if not words:
        raise errors.ClientError("error: one selector is required")
    text = words[-1] if (files or local) or len(words) > 1 else ""
    resources = words[:-1] if text else words
    if not text:
        raise errors.ClientError("error: one selector is required")
    try:
        sel = selectors.parse_label_selector(text)
    except selectors.SelectorError as e:
        raise errors.ClientError(f'error: couldn\'t parse the selector string "{text}": {e}') from None
    wanted = _equality_map(sel)

    def change(kind: Any, obj: dict) -> None:
        if (kind.group, kind.kind) != ("", "Service"):
            raise errors.ClientError("error: setting a selector is only supported for Services")
        if resource_version:
            obj["metadata"]["resourceVersion"] = resource_version
        obj.setdefault("spec", {})["selector"] = dict(wanted)

    _run(env, resources, files, recursive, None, all_, local, dry_run, output, "selector updated", change,
         all_or_nothing=False)


def _equality_map(sel: Any) -> dict[str, str]:
    """A Service selector is a map: only KEY=VALUE requirements fit it (kubectl's text for the others, Go's %v of
    the LabelSelectorRequirements)."""
    out: dict[str, str] = {}
    others = []
    for r in sel.requirements:
        if r.operator not in _OPS and r.operator not in ("=", "=="):
            raise errors.ClientError(f'error: "{r.operator}" is not a valid label selector operator')
        if r.operator in ("=", "==") and len(r.values) == 1:
            out[r.key] = r.values[0]
        else:
            others.append(f"{{{r.key} {_OPS.get(r.operator, r.operator)} [{' '.join(r.values)}]}}")
    if others:
        raise errors.ClientError(f"error: match expression [{' '.join(others)}] not supported on this object")
    return out


_OPS = {"in": "In", "notin": "NotIn", "exists": "Exists", "!": "DoesNotExist"}


# ---- serviceaccount -----------------------------------------------------------------------------------------
@set_group.command("serviceaccount", context_settings=CTX)
@click.argument("args", nargs=-1)
@_common_options("serviceaccount", "Filename, directory, or URL to files identifying the resource to get from a server.",
                 selector=False)
def set_serviceaccount_cmd(args: tuple[str, ...], files: tuple[str, ...], recursive: bool,
                           all_: bool, local: bool, dry_run: str | None, output: str | None, **_: Any) -> None:
    """Update the service account of pod template resources.

    Possible resources (case insensitive) can be:

    replicationcontroller (rc), deployment (deploy), daemonset (ds), job, replicaset (rs), statefulset

    \b
    Examples:
      # Set deployment nginx-deployment's service account to serviceaccount1
      pykubectl set serviceaccount deployment nginx-deployment serviceaccount1
    \b
      # Print the result (in YAML format) of updated nginx deployment with the service account from local file, without hitting the API server
      pykubectl set sa -f nginx-deployment.yaml serviceaccount1 --local --dry-run=client -o yaml
    """
    env = common.env_of()
    if not args:
        raise errors.ClientError("error: serviceaccount is required")
    account = args[-1]
    resources = list(args[:-1])

    def change(kind: Any, obj: dict) -> None:
        _needs_template(kind, obj)
        spec = _pod_spec(obj)
        if spec.get("serviceAccountName") == account:
            raise _Unchanged()
        spec["serviceAccountName"] = account
        spec.pop("serviceAccount", None)

    _run(env, resources, files, recursive, None, all_, local, dry_run, output, "serviceaccount updated", change,
         patch_failure="failed to patch ServiceAccountName {}")


# ---- subject ------------------------------------------------------------------------------------------------
@set_group.command("subject", context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("--user", "users", multiple=True, help="Usernames to bind to the role")
@click.option("--group", "groups", multiple=True, help="Groups to bind to the role")
@click.option("--serviceaccount", "serviceaccounts", multiple=True, help="Service accounts to bind to the role")
@_common_options("subject", "Filename, directory, or URL to files the resource to update the subjects")
def set_subject_cmd(args: tuple[str, ...], users: tuple[str, ...], groups: tuple[str, ...],
                    serviceaccounts: tuple[str, ...], files: tuple[str, ...], recursive: bool, selector: str | None,
                    all_: bool, local: bool, dry_run: str | None, output: str | None, **_: Any) -> None:
    """Update the user, group, or service account in a role binding or cluster role binding.

    \b
    Examples:
      # Update a cluster role binding for serviceaccount1
      pykubectl set subject clusterrolebinding admin --serviceaccount=namespace:serviceaccount1
    \b
      # Update a role binding for user1, user2, and group1
      pykubectl set subject rolebinding admin --user=user1 --user=user2 --group=group1
    """
    env = common.env_of()
    if not args and not files and not local:
        raise errors.ClientError(NEED_RESOURCES)  # the builder runs in Complete, before Validate
    if not (users or groups or serviceaccounts):
        raise errors.ClientError("error: you must specify at least one value of user, group or serviceaccount")
    wanted: list[dict] = []
    for sa in serviceaccounts:
        ns, sep, name = sa.partition(":")
        if not sep or not name:
            raise errors.ClientError("error: serviceaccount must be <namespace>:<name>")
        wanted.append({"kind": "ServiceAccount", "name": name, "namespace": ns or common.namespace(env)})
    wanted = ([{"kind": "User", "apiGroup": "rbac.authorization.k8s.io", "name": u} for u in users]
              + [{"kind": "Group", "apiGroup": "rbac.authorization.k8s.io", "name": g} for g in groups] + wanted)

    def change(kind: Any, obj: dict) -> None:
        if (kind.group, kind.kind) not in (("rbac.authorization.k8s.io", "RoleBinding"),
                                           ("rbac.authorization.k8s.io", "ClusterRoleBinding")):
            raise errors.ClientError(f"error: {common.display_kind(kind)}/{obj['metadata']['name']}\n setting "
                                     "subjects is only supported for RoleBinding/ClusterRoleBinding")
        subjects = obj.setdefault("subjects", [])
        added = False
        for s in wanted:
            if not any(all(x.get(k, "") == v for k, v in s.items()) for x in subjects):
                subjects.append(dict(s))
                added = True
        if not added:
            raise _Unchanged()

    _run(env, list(args), files, recursive, selector, all_, local, dry_run, output, "subjects updated", change,
         patch_failure="failed to patch subjects to rolebinding: {}")


set_group.add_command(set_serviceaccount_cmd, "sa")

COMMANDS = {"set": set_group}
