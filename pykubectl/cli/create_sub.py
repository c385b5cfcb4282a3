"""create -f, and the create subcommands that build an object from flags.

Each subcommand builds the object kubectl's generator builds, with its fields in the order of the Go structs (so
`--dry-run=client -o json`, which kubectl prints from the typed object, comes out in kubectl's order) and with the
empty parts kubectl's typed objects carry (`creationTimestamp: null`, `resources: {}`, `status: {}`). With
`--dry-run=client` that object is printed as is; otherwise those client-side leftovers are stripped and the object
goes through the API server (`client.rest.create`), then the reconciler runs.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import os
import re
from typing import Any, Callable

import click

from .. import errors
from . import common

CTX = {"help_option_names": ["-h", "--help"]}
DRY_RUN_HELP = ('Must be "none", "server", or "client". If client strategy, only print the object that would be '
                "sent, without sending it. If server strategy, submit server-side request without persisting the "
                "resource.")
LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"

# ---------------------------------------------------------------------------------------------------------------
# Shared by the create subcommands and by run/expose/autoscale (run_expose.py).

def common_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """The printing and dry-run flags every generator command has."""
    f = click.option("--dry-run", "dry_run", default=None, is_flag=False, flag_value="unchanged",
                     help=DRY_RUN_HELP)(f)
    f = click.option("-o", "--output", default=None, help=common.OUTPUT_HELP)(f)
    f = click.option("--save-config", is_flag=True,
                     help="If true, the configuration of current object will be saved in its annotation.")(f)
    f = click.option("--validate", default="strict", hidden=True)(f)
    f = click.option("--field-manager", default="kubectl-create", hidden=True)(f)
    f = click.option("--show-managed-fields", is_flag=True, hidden=True)(f)
    f = click.option("--allow-missing-template-keys", default=True, type=bool, hidden=True)(f)
    return f


def one_name(names: tuple[str, ...]) -> str:
    """kubectl's NameFromCommandArgs: exactly one NAME before any ``--``."""
    dash = click.get_current_context().meta.get("pflag.dash")
    count = len(names) if dash is None else dash
    if count != 1:
        raise errors.UsageError(f"error: exactly one NAME is required, got {count}{help_hint()}")
    return names[0]


def help_hint() -> str:
    from .click_grammar import hint_path

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


def emit(env: Any, obj: dict, dry_run: str | None, output: str | None, save_config: bool = False,
         verb: str = "created", dry_verb: str | None = None) -> None:
    """Print (client dry run) or create the object, then report it as kubectl does."""
    from ..api import registry
    from ..client import rest

    mode = common.dry_run_mode(dry_run)
    if mode == "client" and dry_run == "unchanged" and not getattr(env, "_h1_dry_run_warned", False):
        common.klog_warning(env, "helpers.go:702", "--dry-run is deprecated and can be replaced with --dry-run=client.")
        env._h1_dry_run_warned = True
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
    try:
        with store.transaction() as tx:
            res = rest.create(tx, sent, dry_run=(mode == "server"))
            if mode == "server":
                tx.changed = []
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


# ---------------------------------------------------------------------------------------------------------------
# Data sources of configmap / secret.

def _read_file(path: str) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except FileNotFoundError:
        raise errors.ClientError(f"error: error reading {path}: no such file or directory") from None
    except IsADirectoryError:
        raise errors.ClientError(f"error: error reading {path}: is a directory") from None
    except OSError as e:
        raise errors.ClientError(f"error: error reading {path}: {e.strerror.lower() if e.strerror else e}") from None


def _file_sources(sources: tuple[str, ...]) -> list[tuple[str, bytes]]:
    """--from-file=[key=]path; a directory contributes each regular file in it, named by its file name."""
    out: list[tuple[str, bytes]] = []
    for src in sources:
        key, path = "", src
        if "=" in src:
            key, _, path = src.partition("=")
            if not key or not path:
                raise errors.ClientError(f"error: key names or file paths cannot contain '='")
        if not os.path.exists(path):
            raise errors.ClientError(f"error: error reading {path}: no such file or directory")
        if os.path.isdir(path):
            if key:
                raise errors.ClientError("error: cannot give a key name for a directory path")
            for entry in sorted(os.listdir(path)):
                full = os.path.join(path, entry)
                if os.path.isfile(full):
                    out.append((entry, _read_file(full)))
        else:
            out.append((key or os.path.basename(path), _read_file(path)))
    return out


def _literal_sources(sources: tuple[str, ...]) -> list[tuple[str, str]]:
    out = []
    for src in sources:
        k, sep, v = src.partition("=")
        if not sep or not k:
            raise errors.ClientError(f"error: invalid literal source {src}, expected key=value")
        out.append((k, v))
    return out


_ENV_NAME = re.compile(r"[-._a-zA-Z][-._a-zA-Z0-9]*\Z")


def _env_file_sources(paths: tuple[str, ...]) -> list[tuple[str, str]]:
    out = []
    for path in paths:
        data = _read_file(path)
        for i, raw in enumerate(data.split(b"\n")):
            if i == 0 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise errors.ClientError(
                    f"error: env file {path} contains invalid utf8 bytes at line {i + 1}: {list(raw)}") from None
            line = line.rstrip("\r").lstrip()
            if not line or line.startswith("#"):
                continue
            key, sep, value = line.partition("=")
            if not _ENV_NAME.match(key):
                raise errors.ClientError(
                    f'error: "{key}" is not a valid key name: a valid environment variable name must consist of '
                    "alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. "
                    "'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is "
                    "'[-._a-zA-Z][-._a-zA-Z0-9]*')")
            out.append((key, value if sep else os.environ.get(key, "")))
    return out


def _hash_suffix(encoded: str) -> str:
    """kubectl's hash suffix: the first ten hex digits of the SHA-256, with 0,1,3,a,e swapped out."""
    hexd = hashlib.sha256(encoded.encode()).hexdigest()[:10]
    return hexd.translate(str.maketrans({"0": "g", "1": "h", "3": "k", "a": "m", "e": "t"}))


def _go_sorted_json(obj: Any) -> str:
    """json.Marshal of maps: keys sorted, compact, HTML escaped."""
    return go_compact_json(json.loads(json.dumps(obj, sort_keys=True)))


# ---------------------------------------------------------------------------------------------------------------
# Helpers for the other generators.

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


def _int_or_string(v: str) -> int | str:
    try:
        return int(v, 10)
    except ValueError:
        return v


def parse_selector(text: str) -> dict:
    """metav1.ParseToLabelSelector: equality terms go to matchLabels, set terms to matchExpressions."""
    sel: dict = {}
    labels: dict = {}
    exprs: list = []
    for term in _split_selector(text):
        term = term.strip()
        if not term:
            continue
        m = re.match(r"^(!?)([^\s!=<>]+)\s*(?:(==|=|!=)\s*(\S*)|\s+(in|notin)\s*\((.*)\))?$", term)
        if not m:
            raise errors.ClientError(f"error: unable to parse requirement: {term}")
        neg, key, op, val, setop, vals = m.groups()
        if op in ("=", "=="):
            labels[key] = val
        elif op == "!=":
            exprs.append({"key": key, "operator": "NotIn", "values": [val]})
        elif setop:
            exprs.append({"key": key, "operator": "In" if setop == "in" else "NotIn",
                          "values": sorted(v.strip() for v in vals.split(",") if v.strip())})
        else:
            exprs.append({"key": key, "operator": "DoesNotExist" if neg else "Exists"})
    if labels:
        sel["matchLabels"] = labels
    if exprs:
        sel["matchExpressions"] = exprs
    return sel


def _split_selector(text: str) -> list[str]:
    out, depth, cur = [], 0, ""
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return out


def _container(name: str, image: str, command: list[str] | None = None) -> dict:
    c: dict = {"name": name, "image": image}
    if command:
        c["command"] = list(command)
    c["resources"] = {}
    return c


def _parse_port(text: str) -> int:
    """utilnet.ParsePort(text, allowZero=true)."""
    if not re.fullmatch(r"[0-9]+", text or ""):
        raise errors.ClientError(f'error: strconv.ParseUint: parsing "{text}": invalid syntax')
    n = int(text)
    if n > 65535:
        raise errors.ClientError(f'error: strconv.ParseUint: parsing "{text}": value out of range')
    return n


def _service_port(spec: str, node_port: int) -> dict:
    from ..api import validation

    parts = spec.split(":")
    port = _parse_port(parts[0])
    target: int | str
    if len(parts) == 1:
        target = port
    else:
        t = parts[1]
        if re.fullmatch(r"[+-]?[0-9]+", t):
            target = int(t)
            errs = validation.is_valid_port_num(target)
        else:
            target = t
            errs = validation.is_valid_port_name(t)
        if errs:
            raise errors.ClientError("error: " + ",".join(errs))
    p: dict = {"name": spec.replace(":", "-"), "protocol": "TCP", "port": port, "targetPort": target}
    if node_port:
        p["nodePort"] = node_port
    return p


_VALID_VERBS = ("*", "get", "delete", "list", "create", "update", "patch", "watch", "proxy", "deletecollection",
                "use", "bind", "escalate", "impersonate", "approve", "sign")
# Verbs that only make sense on some resources (group, resource), as kubectl's specialVerbs.
_SPECIAL_VERBS = {
    "use": [("policy", "podsecuritypolicies"), ("extensions", "podsecuritypolicies")],
    "bind": [("rbac.authorization.k8s.io", "roles"), ("rbac.authorization.k8s.io", "clusterroles")],
    "escalate": [("rbac.authorization.k8s.io", "roles"), ("rbac.authorization.k8s.io", "clusterroles")],
    "impersonate": [("", "users"), ("", "serviceaccounts"), ("", "groups"), ("authentication.k8s.io", "userextras"),
                    ("authentication.k8s.io", "uids")],
}


def _policy_rules(env: Any, verbs_in: tuple[str, ...], resources_in: tuple[str, ...], names: tuple[str, ...],
                  urls: tuple[str, ...], cluster: bool) -> list[dict]:
    from ..api import registry

    verbs: list[str] = []
    for v in [x for s in verbs_in for x in s.split(",") if x]:
        if v == "*":
            verbs = ["*"]
            break
        if v not in verbs:
            verbs.append(v)
    res_specs = [x for s in resources_in for x in s.split(",") if x]
    names_l = [x for s in names for x in s.split(",") if x]
    urls_l = [x for s in urls for x in s.split(",") if x]
    if not verbs:
        raise errors.ClientError("error: at least one verb must be specified")
    if not cluster and not res_specs:
        raise errors.ClientError("error: at least one resource must be specified")
    if cluster and not res_specs and not urls_l:
        raise errors.ClientError("error: one of resource or nonResourceURL must be specified")
    for v in verbs:
        if v not in _VALID_VERBS:
            common.err(env, f"Warning: '{v}' is not a standard resource verb")
    parsed = []
    for r in res_specs:
        base, _, sub = r.partition("/")
        resource, _, group = base.partition(".")
        if resource == "*":
            parsed.append(("*", group, sub))
            continue
        try:
            k = registry.resolve(base if group else resource)
            if not group or k.group == group:
                resource, group = k.plural, k.group
            else:
                raise errors.ResourceTypeError(base)
        except errors.ResourceTypeError as e:
            raise errors.ClientError(str(e).removeprefix("error: ")) from None
        for v in verbs:
            allowed = _SPECIAL_VERBS.get(v)
            if allowed is not None and (group, resource) not in allowed:
                raise errors.ClientError(f"error: can not perform '{v}' on '{resource}' in group '{group}'")
        parsed.append((resource, group, sub))
    for u in urls_l:
        if not u.startswith("/"):
            raise errors.ClientError("error: nonResourceURL should start with /")
    by_group: dict[str, list[str]] = {}
    for resource, group, sub in parsed:
        name = f"{resource}/{sub}" if sub else resource
        lst = by_group.setdefault(group, [])
        if name not in lst:
            lst.append(name)
    rules = []
    for g in sorted(by_group):
        rule: dict = {"verbs": verbs, "apiGroups": [g], "resources": by_group[g]}
        if names_l:
            rule["resourceNames"] = names_l
        rules.append(rule)
    if urls_l:
        rules.append({"verbs": verbs, "nonResourceURLs": urls_l})
    return rules


def _subjects(users: tuple[str, ...], groups: tuple[str, ...], sas: tuple[str, ...]) -> list[dict]:
    out: list[dict] = []
    for u in [x for s in users for x in s.split(",") if x]:
        out.append({"kind": "User", "apiGroup": "rbac.authorization.k8s.io", "name": u})
    for g in [x for s in groups for x in s.split(",") if x]:
        out.append({"kind": "Group", "apiGroup": "rbac.authorization.k8s.io", "name": g})
    for sa in [x for s in sas for x in s.split(",") if x]:
        ns, sep, name = sa.partition(":")
        if not sep or not ns or not name or ":" in name:
            raise errors.ClientError("error: serviceaccount must be <namespace>:<name>")
        out.append({"kind": "ServiceAccount", "name": name, "namespace": ns})
    return out


_RULE_RE = re.compile(r"^(?P<host>[\w\*\-\.]*)(?P<path>/.*)=(?P<svcname>[\w\-]+):(?P<svcport>[\w\-]+)"
                      r"(,tls[=]?(?P<secret>[\w\-]+)?)?$")
_BACKEND_RE = re.compile(r"^(?P<svcname>[\w\-]+):(?P<svcport>[\w\-]+)$")


def _backend(svc: str, port: str) -> dict:
    p: dict = {"number": int(port)} if port.isdigit() else {"name": port}
    return {"service": {"name": svc, "port": p}}


# ---------------------------------------------------------------------------------------------------------------

class KubectlCommand(click.Command):
    """A subcommand whose flag errors name the whole command path, as cobra's do."""

    def make_context(self, info_name, args, parent=None, **extra):  # type: ignore[no-untyped-def, override]
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except (click.exceptions.NoSuchOption, click.exceptions.BadOptionUsage, click.exceptions.BadParameter) as e:
            from .main import _usage_message

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
    @click.option("-f", "--filename", "files", multiple=True, help="Filename, directory, or URL to files to use to create the resource.")
    @click.option("-k", "--kustomize", "kustomize", default=None, help=common.KUSTOMIZE_HELP)
    @click.option("-R", "--recursive", is_flag=True, help="Process the directory used in -f, --filename recursively.")
    @click.option("--validate", default="strict", help="Must be one of: strict (or true), warn, ignore (or false).")
    @click.option("--dry-run", "dry_run", default=None, is_flag=False, flag_value="unchanged",
                  help='Must be "none", "server", or "client".')
    @click.option("-o", "--output", default=None, help=common.OUTPUT_HELP)
    @click.option("--save-config", is_flag=True, help="Save the configuration in the last-applied annotation.")
    @click.pass_context
    def create(ctx: click.Context, files: tuple[str, ...], kustomize: str | None, recursive: bool, validate: str, dry_run: str | None,
               output: str | None, save_config: bool) -> None:
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
        files = tuple(common.manifest_paths(env, files, kustomize))
        if not files:
            raise errors.UsageError("error: must specify one of -f and -k")
        code = run_apply(env, list(files), recursive, validate_flag(validate), dry_run_flag(dry_run), output, True)
        if code:
            raise errors.PykubectlError("")

    create.aliases = {"ns": "namespace", "deploy": "deployment", "svc": "service", "cm": "configmap",
                      "sa": "serviceaccount", "cj": "cronjob", "resourcequota": "quota",
                      "pdb": "poddisruptionbudget", "ing": "ingress", "pc": "priorityclass"}

    # -- namespace -------------------------------------------------------------------------------------------
    @create.command("namespace", context_settings=CTX)
    @click.argument("names", nargs=-1, metavar="NAME")
    @common_options
    def create_namespace(names: tuple[str, ...], dry_run: str | None, output: str | None, save_config: bool,
                         **_: Any) -> None:
        """Create a namespace with the specified name.

        \b
        Examples:
          # Create a new namespace named my-namespace
          pykubectl create namespace my-namespace
        """
        name = one_name(names)
        env = common.env_of()
        obj = {"kind": "Namespace", "apiVersion": "v1", "metadata": meta(name, env, namespaced=False),
               "spec": {}, "status": {}}
        emit(env, obj, dry_run, output, save_config)

    # -- deployment ------------------------------------------------------------------------------------------
    @create.command("deployment", context_settings=CTX)
    @click.argument("args", nargs=-1, type=click.UNPROCESSED, metavar="NAME [-- COMMAND] [args...]")
    @click.option("--image", "images", multiple=True, help="Image names to run. A deployment can have multiple images set for multi-container pod.")
    @click.option("-r", "--replicas", default="1", help="Number of replicas to create. Default is 1.")
    @click.option("--port", default="-1", help="The containerPort that this deployment exposes.")
    @common_options
    def create_deployment(args: tuple[str, ...], images: tuple[str, ...], replicas: str, port: str,
                          dry_run: str | None, output: str | None, save_config: bool, **_: Any) -> None:
        """Create a deployment with the specified name.

        \b
        Examples:
          # Create a deployment named my-dep that runs the busybox image
          pykubectl create deployment my-dep --image=busybox
        \b
          # Create a deployment with a command
          pykubectl create deployment my-dep --image=busybox -- date
        \b
          # Create a deployment named my-dep that runs the nginx image with 3 replicas
          pykubectl create deployment my-dep --image=nginx --replicas=3
        \b
          # Create a deployment named my-dep that runs the busybox image and expose port 5701
          pykubectl create deployment my-dep --image=busybox --port=5701
        """
        n_replicas = _int_flag(replicas, "-r, --replicas")
        n_port = _int_flag(port, "--port")
        required(images, "image")
        name = one_name(tuple(args))
        command = list(args[1:])
        if len(images) > 1 and command:
            raise errors.ClientError("error: cannot specify multiple --image options and command")
        env = common.env_of()
        containers = []
        for img in images:
            cname = _container_name(img)
            c: dict = {"name": cname, "image": img}
            if command:
                c["command"] = command
            if n_port >= 0 and not containers:
                c["ports"] = [{"containerPort": n_port}]
            c["resources"] = {}
            containers.append(c)
        labels = {"app": name}
        obj = {
            "kind": "Deployment", "apiVersion": "apps/v1", "metadata": meta(name, env, dict(labels)),
            "spec": {"replicas": n_replicas, "selector": {"matchLabels": dict(labels)},
                     "template": {"metadata": {"creationTimestamp": None, "labels": dict(labels)},
                                  "spec": {"containers": containers}},
                     "strategy": {}},
            "status": {},
        }
        emit(env, obj, dry_run, output, save_config)

    # -- service ---------------------------------------------------------------------------------------------
    @create.group("service", cls=_AliasGroup, invoke_without_command=True, context_settings=CTX)
    @click.pass_context
    def create_service(ctx: click.Context) -> None:
        """Create a service using a specified subcommand.

        \b
        Examples:
          # Create a new ClusterIP service named my-cs
          pykubectl create service clusterip my-cs --tcp=5678:8080
        """
        _help_without_subcommand(ctx)

    def _service(names: tuple[str, ...], stype: str, tcp: tuple[str, ...], cluster_ip: str, node_port: int,
                 external_name: str, dry_run: str | None, output: str | None, save_config: bool) -> None:
        name = one_name(names)
        env = common.env_of()
        if not tcp and cluster_ip != "None" and stype != "ExternalName":
            raise errors.ClientError("error: at least one tcp port specifier must be provided")
        if stype == "ExternalName":
            from ..api import selectors

            if selectors.is_dns1123_subdomain(external_name):
                raise errors.ClientError(f"error: invalid service external name {external_name}")
        ports = [_service_port(t, node_port) for t in tcp]
        labels = {"app": name}
        spec: dict = {}
        if ports:
            spec["ports"] = ports
        spec["selector"] = dict(labels)
        if cluster_ip:
            spec["clusterIP"] = cluster_ip
        spec["type"] = stype
        if external_name:
            spec["externalName"] = external_name
        obj = {"kind": "Service", "apiVersion": "v1", "metadata": meta(name, env, dict(labels)), "spec": spec,
               "status": {"loadBalancer": {}}}
        emit(env, obj, dry_run, output, save_config)

    tcp_opt = click.option("--tcp", multiple=True, help="Port pairs can be specified as '<port>:<targetPort>'.")

    @create_service.command("clusterip", context_settings=CTX)
    @click.argument("names", nargs=-1, metavar="NAME")
    @tcp_opt
    @click.option("--clusterip", default="", help="Assign your own ClusterIP or set to 'None' for a 'headless' service (no loadbalancing).")
    @common_options
    def svc_clusterip(names: tuple[str, ...], tcp: tuple[str, ...], clusterip: str, dry_run: str | None,
                      output: str | None, save_config: bool, **_: Any) -> None:
        """Create a ClusterIP service with the specified name.

        \b
        Examples:
          # Create a new ClusterIP service named my-cs
          pykubectl create service clusterip my-cs --tcp=5678:8080
        \b
          # Create a new ClusterIP service named my-cs (in headless mode)
          pykubectl create service clusterip my-cs --clusterip="None"
        """
        _service(names, "ClusterIP", tcp, clusterip, 0, "", dry_run, output, save_config)

    @create_service.command("nodeport", context_settings=CTX)
    @click.argument("names", nargs=-1, metavar="NAME")
    @tcp_opt
    @click.option("--node-port", "node_port", default="0", help="Port used to expose the service on each node in a cluster.")
    @common_options
    def svc_nodeport(names: tuple[str, ...], tcp: tuple[str, ...], node_port: str, dry_run: str | None,
                     output: str | None, save_config: bool, **_: Any) -> None:
        """Create a NodePort service with the specified name.

        \b
        Examples:
          # Create a new NodePort service named my-ns
          pykubectl create service nodeport my-ns --tcp=5678:8080
        """
        _service(names, "NodePort", tcp, "", _int_flag(node_port, "--node-port"), "", dry_run, output, save_config)

    @create_service.command("loadbalancer", context_settings=CTX)
    @click.argument("names", nargs=-1, metavar="NAME")
    @tcp_opt
    @common_options
    def svc_loadbalancer(names: tuple[str, ...], tcp: tuple[str, ...], dry_run: str | None, output: str | None,
                         save_config: bool, **_: Any) -> None:
        """Create a LoadBalancer service with the specified name.

        \b
        Examples:
          # Create a new LoadBalancer service named my-lbs
          pykubectl create service loadbalancer my-lbs --tcp=5678:8080
        """
        _service(names, "LoadBalancer", tcp, "", 0, "", dry_run, output, save_config)

    @create_service.command("externalname", context_settings=CTX)
    @click.argument("names", nargs=-1, metavar="NAME")
    @tcp_opt
    @click.option("--external-name", "external_name", default="", help="External name of service.")
    @common_options
    def svc_externalname(names: tuple[str, ...], tcp: tuple[str, ...], external_name: str, dry_run: str | None,
                         output: str | None, save_config: bool, **_: Any) -> None:
        """Create an ExternalName service with the specified name.

        \b
        Examples:
          # Create a new ExternalName service named my-ns
          pykubectl create service externalname my-ns --external-name bar.com
        """
        required(external_name, "external-name")
        _service(names, "ExternalName", tcp, "", 0, external_name, dry_run, output, save_config)

    # -- configmap -------------------------------------------------------------------------------------------
    @create.command("configmap", context_settings=CTX)
    @click.argument("names", nargs=-1, metavar="NAME")
    @click.option("--from-file", "from_file", multiple=True, help="Key file can be specified using its file path, in which case file basename will be used as configmap key, or optionally with a key and file path, in which case the given key will be used.")
    @click.option("--from-literal", "from_literal", multiple=True, help="Specify a key and literal value to insert in configmap (i.e. mykey=somevalue)")
    @click.option("--from-env-file", "from_env_file", multiple=True, help="Specify the path to a file to read lines of key=val pairs to create a configmap.")
    @click.option("--append-hash", is_flag=True, help="Append a hash of the configmap to its name.")
    @common_options
    def create_configmap(names: tuple[str, ...], from_file: tuple[str, ...], from_literal: tuple[str, ...],
                         from_env_file: tuple[str, ...], append_hash: bool, dry_run: str | None,
                         output: str | None, save_config: bool, **_: Any) -> None:
        """Create a config map based on a file, directory, or specified literal value.

        \b
        Examples:
          # Create a new config map named my-config based on folder bar
          pykubectl create configmap my-config --from-file=path/to/bar
        \b
          # Create a new config map named my-config with specified keys instead of file basenames on disk
          pykubectl create configmap my-config --from-file=key1=/path/to/bar/file1.txt --from-file=key2=/path/to/bar/file2.txt
        \b
          # Create a new config map named my-config with key1=config1 and key2=config2
          pykubectl create configmap my-config --from-literal=key1=config1 --from-literal=key2=config2
        \b
          # Create a new config map named my-config from an env file
          pykubectl create configmap my-config --from-env-file=path/to/foo.env --from-env-file=path/to/bar.env
        """
        name = one_name(names)
        env = common.env_of()
        if from_env_file and (from_file or from_literal):
            raise errors.ClientError("error: from-env-file cannot be combined with from-file or from-literal")
        data: dict = {}
        binary: dict = {}

        def add(k: str, v: str | bytes) -> None:
            if k in data or k in binary:
                raise errors.ClientError(f'error: cannot add key "{k}", another key by that name already exists in '
                                         f'Data for ConfigMap "{name}"')
            if isinstance(v, bytes):
                try:
                    data[k] = v.decode("utf-8")
                except UnicodeDecodeError:
                    binary[k] = base64.b64encode(v).decode()
            else:
                data[k] = v

        for k, b in _file_sources(from_file):
            add(k, b)
        for k, v in _literal_sources(from_literal):
            add(k, v)
        for k, v in _env_file_sources(from_env_file):
            add(k, v)
        if append_hash:
            h = {"kind": "ConfigMap", "name": name, "data": data or None}
            if binary:
                h["binaryData"] = binary
            name = f"{name}-{_hash_suffix(_go_sorted_json(h))}"
        obj: dict = {"kind": "ConfigMap", "apiVersion": "v1", "metadata": meta(name, env)}
        if data:
            obj["data"] = dict(sorted(data.items()))
        if binary:
            obj["binaryData"] = dict(sorted(binary.items()))
        emit(env, obj, dry_run, output, save_config)

    # -- secret ----------------------------------------------------------------------------------------------
    @create.group("secret", cls=_AliasGroup, invoke_without_command=True, context_settings=CTX)
    @click.pass_context
    def create_secret(ctx: click.Context) -> None:
        """Create a secret with specified type.

        \b
        Examples:
          # Create a new secret named my-secret with keys for each file in folder bar
          pykubectl create secret generic my-secret --from-file=path/to/bar
        """
        _help_without_subcommand(ctx)

    def _secret_obj(name: str, env: Any, stype: str, data: dict, append_hash: bool) -> dict:
        if append_hash:
            h = {"kind": "Secret", "type": stype, "name": name, "data": data or None}
            name = f"{name}-{_hash_suffix(_go_sorted_json(h))}"
        obj: dict = {"kind": "Secret", "apiVersion": "v1", "metadata": meta(name, env)}
        if data:
            obj["data"] = dict(sorted(data.items()))
        if stype:
            obj["type"] = stype
        return obj

    def _b64(b: bytes | str) -> str:
        return base64.b64encode(b if isinstance(b, bytes) else b.encode()).decode()

    @create_secret.command("generic", context_settings=CTX)
    @click.argument("names", nargs=-1, metavar="NAME")
    @click.option("--from-file", "from_file", multiple=True, help="Key files can be specified using their file path, in which case a default name will be given to them, or optionally with a name and file path, in which case the given name will be used.")
    @click.option("--from-literal", "from_literal", multiple=True, help="Specify a key and literal value to insert in secret (i.e. mykey=somevalue)")
    @click.option("--from-env-file", "from_env_file", multiple=True, help="Specify the path to a file to read lines of key=val pairs to create a secret.")
    @click.option("--type", "stype", default="", help="The type of secret to create")
    @click.option("--append-hash", is_flag=True, help="Append a hash of the secret to its name.")
    @common_options
    def secret_generic(names: tuple[str, ...], from_file: tuple[str, ...], from_literal: tuple[str, ...],
                       from_env_file: tuple[str, ...], stype: str, append_hash: bool, dry_run: str | None,
                       output: str | None, save_config: bool, **_: Any) -> None:
        """Create a secret based on a file, directory, or specified literal value.

        \b
        Examples:
          # Create a new secret named my-secret with keys for each file in folder bar
          pykubectl create secret generic my-secret --from-file=path/to/bar
        \b
          # Create a new secret named my-secret with key1=supersecret and key2=topsecret
          pykubectl create secret generic my-secret --from-literal=key1=supersecret --from-literal=key2=topsecret
        """
        name = one_name(names)
        env = common.env_of()
        if from_env_file and (from_file or from_literal):
            raise errors.ClientError("error: from-env-file cannot be combined with from-file or from-literal")
        data: dict = {}

        def add(k: str, v: str | bytes) -> None:
            if k in data:
                raise errors.ClientError(f"error: cannot add key {k}, another key by that name already exists")
            data[k] = _b64(v)

        for k, b in _file_sources(from_file):
            add(k, b)
        for k, v in _literal_sources(from_literal):
            add(k, v)
        for k, v in _env_file_sources(from_env_file):
            add(k, v)
        emit(env, _secret_obj(name, env, stype, data, append_hash), dry_run, output, save_config)

    @create_secret.command("tls", context_settings=CTX)
    @click.argument("names", nargs=-1, metavar="NAME")
    @click.option("--cert", default="", help="Path to PEM encoded public key certificate.")
    @click.option("--key", default="", help="Path to private key associated with given certificate.")
    @click.option("--append-hash", is_flag=True, help="Append a hash of the secret to its name.")
    @common_options
    def secret_tls(names: tuple[str, ...], cert: str, key: str, append_hash: bool, dry_run: str | None,
                   output: str | None, save_config: bool, **_: Any) -> None:
        """Create a TLS secret from the given public/private key pair.

        \b
        Examples:
          # Create a new TLS secret named tls-secret with the given key pair
          pykubectl create secret tls tls-secret --cert=path/to/tls.crt --key=path/to/tls.key
        """
        name = one_name(names)
        env = common.env_of()
        if not cert or not key:
            raise errors.ClientError("error: key and cert must be specified")
        c, k = _read_file(cert), _read_file(key)
        if b"-----BEGIN" not in c:
            raise errors.ClientError("error: tls: failed to find any PEM data in certificate input")
        if b"-----BEGIN" not in k:
            raise errors.ClientError("error: tls: failed to find any PEM data in key input")
        data = {"tls.crt": _b64(c), "tls.key": _b64(k)}
        emit(env, _secret_obj(name, env, "kubernetes.io/tls", data, append_hash), dry_run, output, save_config)

    @create_secret.command("docker-registry", context_settings=CTX)
    @click.argument("names", nargs=-1, metavar="NAME")
    @click.option("--docker-username", default="", help="Username for Docker registry authentication")
    @click.option("--docker-password", default="", help="Password for Docker registry authentication")
    @click.option("--docker-email", default="", help="Email for Docker registry")
    @click.option("--docker-server", default="https://index.docker.io/v1/", help="Server location for Docker registry")
    @click.option("--from-file", "from_file", multiple=True, help="Key files can be specified using their file path.")
    @click.option("--append-hash", is_flag=True, help="Append a hash of the secret to its name.")
    @common_options
    def secret_docker(names: tuple[str, ...], docker_username: str, docker_password: str, docker_email: str,
                      docker_server: str, from_file: tuple[str, ...], append_hash: bool, dry_run: str | None,
                      output: str | None, save_config: bool, **_: Any) -> None:
        """Create a new secret for use with Docker registries.

        \b
        Examples:
          # If you do not already have a .dockercfg file, create a dockercfg secret directly
          pykubectl create secret docker-registry my-secret --docker-server=DOCKER_REGISTRY_SERVER --docker-username=DOCKER_USER --docker-password=DOCKER_PASSWORD --docker-email=DOCKER_EMAIL
        """
        name = one_name(names)
        env = common.env_of()
        if not from_file and not (docker_username and docker_password and docker_server):
            raise errors.ClientError("error: either --from-file or the combination of --docker-username, "
                                     "--docker-password and --docker-server is required")
        data: dict = {}
        if from_file:
            for k, b in _file_sources(from_file):
                if k in data:
                    raise errors.ClientError(f"error: cannot add key {k}, another key by that name already exists")
                data[k] = _b64(b)
        else:
            entry: dict = {"username": docker_username, "password": docker_password}
            if docker_email:
                entry["email"] = docker_email
            entry["auth"] = _b64(f"{docker_username}:{docker_password}")
            data[".dockerconfigjson"] = _b64(go_compact_json({"auths": {docker_server: entry}}))
        emit(env, _secret_obj(name, env, "kubernetes.io/dockerconfigjson", data, append_hash), dry_run, output,
             save_config)

    # -- serviceaccount --------------------------------------------------------------------------------------
    @create.command("serviceaccount", context_settings=CTX)
    @click.argument("names", nargs=-1, metavar="NAME")
    @common_options
    def create_sa(names: tuple[str, ...], dry_run: str | None, output: str | None, save_config: bool,
                  **_: Any) -> None:
        """Create a service account with the specified name.

        \b
        Examples:
          # Create a new service account named my-service-account
          pykubectl create serviceaccount my-service-account
        """
        name = one_name(names)
        env = common.env_of()
        emit(env, {"kind": "ServiceAccount", "apiVersion": "v1", "metadata": meta(name, env)}, dry_run, output,
             save_config)

    # -- job, cronjob ----------------------------------------------------------------------------------------
    @create.command("job", context_settings=CTX)
    @click.argument("args", nargs=-1, type=click.UNPROCESSED)
    @click.option("--image", default="", help="Image name to run.")
    @click.option("--from", "from_", default="", help="The name of the resource to create a Job from (only cronjob is supported).")
    @common_options
    def create_job(args: tuple[str, ...], image: str, from_: str, dry_run: str | None, output: str | None,
                   save_config: bool, **_: Any) -> None:
        """Create a job with the specified name.

        \b
        Examples:
          # Create a job
          pykubectl create job my-job --image=busybox
        \b
          # Create a job with a command
          pykubectl create job my-job --image=busybox -- date
        \b
          # Create a job from a cron job named "a-cronjob"
          pykubectl create job test-job --from=cronjob/a-cronjob
        """
        name = one_name(tuple(args))
        command = list(args[1:])
        env = common.env_of()
        if bool(image) == bool(from_):
            raise errors.ClientError("error: either --image or --from must be specified")
        if command and from_:
            raise errors.ClientError("error: cannot specify --from and command")
        if image:
            obj = {"kind": "Job", "apiVersion": "batch/v1", "metadata": meta(name, env),
                   "spec": {"template": {"metadata": {"creationTimestamp": None},
                                         "spec": {"containers": [_container(name, image, command)],
                                                  "restartPolicy": "Never"}}},
                   "status": {}}
            emit(env, obj, dry_run, output, save_config)
            return
        obj = _job_from(env, name, from_)
        emit(env, obj, dry_run, output, save_config)

    @create.command("cronjob", context_settings=CTX)
    @click.argument("args", nargs=-1, type=click.UNPROCESSED)
    @click.option("--image", default="", help="Image name to run.")
    @click.option("--schedule", default="", help="A schedule in the Cron format the job should be run with.")
    @click.option("--restart", default="", help="job's restart policy. supported values: OnFailure, Never")
    @common_options
    def create_cronjob(args: tuple[str, ...], image: str, schedule: str, restart: str, dry_run: str | None,
                       output: str | None, save_config: bool, **_: Any) -> None:
        """Create a cron job with the specified name.

        \b
        Examples:
          # Create a cron job
          pykubectl create cronjob my-job --image=busybox --schedule="*/1 * * * *"
        \b
          # Create a cron job with a command
          pykubectl create cronjob my-job --image=busybox --schedule="*/1 * * * *" -- date
        """
        required(image, "image", (schedule, "schedule"))
        name = one_name(tuple(args))
        command = list(args[1:])
        env = common.env_of()
        obj = {"kind": "CronJob", "apiVersion": "batch/v1", "metadata": meta(name, env),
               "spec": {"schedule": schedule,
                        "jobTemplate": {"metadata": _jt_meta(name, env),
                                        "spec": {"template": {"metadata": {"creationTimestamp": None},
                                                              "spec": {"containers": [_container(name, image, command)],
                                                                       "restartPolicy": restart or "OnFailure"}}}}},
               "status": {}}
        emit(env, obj, dry_run, output, save_config)

    # -- RBAC ------------------------------------------------------------------------------------------------
    role_opts = [
        click.option("--verb", "verbs", multiple=True, help="Verb that applies to the resources contained in the rule"),
        click.option("--resource", "resources", multiple=True, help="Resource that the rule applies to"),
        click.option("--resource-name", "resource_names", multiple=True, help="Resource in the white list that the rule applies to, repeat this flag for multiple items"),
    ]

    def _with(opts: list[Callable[..., Any]]) -> Callable[..., Any]:
        def deco(f: Callable[..., Any]) -> Callable[..., Any]:
            for o in reversed(opts):
                f = o(f)
            return f
        return deco

    @create.command("role", context_settings=CTX)
    @click.argument("names", nargs=-1, metavar="NAME")
    @_with(role_opts)
    @common_options
    def create_role(names: tuple[str, ...], verbs: tuple[str, ...], resources: tuple[str, ...],
                    resource_names: tuple[str, ...], dry_run: str | None, output: str | None, save_config: bool,
                    **_: Any) -> None:
        """Create a role with single rule.

        \b
        Examples:
          # Create a role named "pod-reader" that allows user to perform "get", "watch" and "list" on pods
          pykubectl create role pod-reader --verb=get --verb=list --verb=watch --resource=pods
        \b
          # Create a role named "foo" with API Group specified
          pykubectl create role foo --verb=get,list,watch --resource=rs.apps
        """
        name = one_name(names)
        env = common.env_of()
        rules = _policy_rules(env, verbs, resources, resource_names, (), cluster=False)
        emit(env, {"kind": "Role", "apiVersion": "rbac.authorization.k8s.io/v1", "metadata": meta(name, env),
                   "rules": rules}, dry_run, output, save_config)

    @create.command("clusterrole", context_settings=CTX)
    @click.argument("names", nargs=-1, metavar="NAME")
    @_with(role_opts)
    @click.option("--non-resource-url", "urls", multiple=True, help="A partial url that user should have access to.")
    @click.option("--aggregation-rule", "aggregation", default="", help="An aggregation label selector for combining ClusterRoles.")
    @common_options
    def create_clusterrole(names: tuple[str, ...], verbs: tuple[str, ...], resources: tuple[str, ...],
                           resource_names: tuple[str, ...], urls: tuple[str, ...], aggregation: str,
                           dry_run: str | None, output: str | None, save_config: bool, **_: Any) -> None:
        """Create a cluster role.

        \b
        Examples:
          # Create a cluster role named "pod-reader" that allows user to perform "get", "watch" and "list" on pods
          pykubectl create clusterrole pod-reader --verb=get,list,watch --resource=pods
        \b
          # Create a cluster role named "foo" with NonResourceURL specified
          pykubectl create clusterrole "foo" --verb=get --non-resource-url=/logs/*
        \b
          # Create a cluster role name "monitoring" with AggregationRule specified
          pykubectl create clusterrole monitoring --aggregation-rule="rbac.example.com/aggregate-to-monitoring=true"
        """
        name = one_name(names)
        env = common.env_of()
        md = meta(name, env, namespaced=False)
        if aggregation:
            if verbs or resources or resource_names or urls:
                raise errors.ClientError("error: aggregation rule must be specified without nonResourceURLs, verbs, "
                                         "resources or resourceNames")
            sel = _kv_list(aggregation, "key")
            obj = {"kind": "ClusterRole", "apiVersion": "rbac.authorization.k8s.io/v1", "metadata": md,
                   "rules": None, "aggregationRule": {"clusterRoleSelectors": [{"matchLabels": sel}]}}
        else:
            if urls and resource_names:
                raise errors.ClientError("error: resource-name is not allowed with non-resource-url")
            rules = _policy_rules(env, verbs, resources, resource_names, urls, cluster=True)
            obj = {"kind": "ClusterRole", "apiVersion": "rbac.authorization.k8s.io/v1", "metadata": md,
                   "rules": rules}
        emit(env, obj, dry_run, output, save_config)

    binding_opts = [
        click.option("--clusterrole", default="", help="ClusterRole this binding should reference"),
        click.option("--user", "users", multiple=True, help="Usernames to bind to the role."),
        click.option("--group", "groups", multiple=True, help="Groups to bind to the role."),
        click.option("--serviceaccount", "serviceaccounts", multiple=True, help="Service accounts to bind to the role, in the format <namespace>:<name>."),
    ]

    @create.command("rolebinding", context_settings=CTX)
    @click.argument("names", nargs=-1, metavar="NAME")
    @_with(binding_opts)
    @click.option("--role", default="", help="Role this RoleBinding should reference")
    @common_options
    def create_rolebinding(names: tuple[str, ...], clusterrole: str, users: tuple[str, ...],
                           groups: tuple[str, ...], serviceaccounts: tuple[str, ...], role: str,
                           dry_run: str | None, output: str | None, save_config: bool, **_: Any) -> None:
        """Create a role binding for a particular role or cluster role.

        \b
        Examples:
          # Create a role binding for user1, user2, and group1 using the admin cluster role
          pykubectl create rolebinding admin --clusterrole=admin --user=user1 --user=user2 --group=group1
        \b
          # Create a role binding for service account monitoring:sa-dev using the admin role
          pykubectl create rolebinding admin-binding --role=admin --serviceaccount=monitoring:sa-dev
        """
        name = one_name(names)
        env = common.env_of()
        if bool(role) == bool(clusterrole):
            raise errors.ClientError("error: exactly one of clusterrole or role must be specified")
        subjects = _subjects(users, groups, serviceaccounts)
        obj: dict = {"kind": "RoleBinding", "apiVersion": "rbac.authorization.k8s.io/v1", "metadata": meta(name, env)}
        if subjects:
            obj["subjects"] = subjects
        obj["roleRef"] = {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role" if role else "ClusterRole",
                          "name": role or clusterrole}
        emit(env, obj, dry_run, output, save_config)

    @create.command("clusterrolebinding", context_settings=CTX)
    @click.argument("names", nargs=-1, metavar="NAME")
    @_with(binding_opts)
    @common_options
    def create_clusterrolebinding(names: tuple[str, ...], clusterrole: str, users: tuple[str, ...],
                                  groups: tuple[str, ...], serviceaccounts: tuple[str, ...], dry_run: str | None,
                                  output: str | None, save_config: bool, **_: Any) -> None:
        """Create a cluster role binding for a particular cluster role.

        \b
        Examples:
          # Create a cluster role binding for user1, user2, and group1 using the cluster-admin cluster role
          pykubectl create clusterrolebinding cluster-admin --clusterrole=cluster-admin --user=user1 --user=user2 --group=group1
        """
        required(clusterrole, "clusterrole")
        name = one_name(names)
        env = common.env_of()
        subjects = _subjects(users, groups, serviceaccounts)
        obj: dict = {"kind": "ClusterRoleBinding", "apiVersion": "rbac.authorization.k8s.io/v1",
                     "metadata": meta(name, env, namespaced=False)}
        if subjects:
            obj["subjects"] = subjects
        obj["roleRef"] = {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": clusterrole}
        emit(env, obj, dry_run, output, save_config)

    # -- quota -----------------------------------------------------------------------------------------------
    @create.command("quota", context_settings=CTX)
    @click.argument("names", nargs=-1, metavar="NAME")
    @click.option("--hard", default="", help="A comma-delimited set of resource=quantity pairs that define a hard limit.")
    @click.option("--scopes", default="", help="A comma-delimited set of quota scopes that must all match each object tracked by the quota.")
    @common_options
    def create_quota(names: tuple[str, ...], hard: str, scopes: str, dry_run: str | None, output: str | None,
                     save_config: bool, **_: Any) -> None:
        """Create a resource quota with the specified name, hard limits, and optional scopes.

        \b
        Examples:
          # Create a new resource quota named my-quota
          pykubectl create quota my-quota --hard=cpu=1,memory=1G,pods=2,services=3,replicationcontrollers=2,resourcequotas=1,secrets=5,persistentvolumeclaims=10
        \b
          # Create a new resource quota named best-effort
          pykubectl create quota best-effort --hard=pods=100 --scopes=BestEffort
        """
        from ..api import quantity

        name = one_name(names)
        env = common.env_of()
        hard_map = {}
        for k, v in _kv_list(hard, "resource").items():
            try:
                hard_map[k] = str(quantity.parse(v))
            except ValueError as e:
                raise errors.ClientError(f"error: {e}") from None
        spec: dict = {}
        if hard_map:
            spec["hard"] = dict(sorted(hard_map.items()))
        scope_list = [s.strip() for s in scopes.split(",") if s.strip()] if scopes else []
        if scope_list:
            spec["scopes"] = scope_list
        emit(env, {"kind": "ResourceQuota", "apiVersion": "v1", "metadata": meta(name, env), "spec": spec,
                   "status": {}}, dry_run, output, save_config)

    # -- poddisruptionbudget ---------------------------------------------------------------------------------
    @create.command("poddisruptionbudget", context_settings=CTX)
    @click.argument("names", nargs=-1, metavar="NAME")
    @click.option("--min-available", "min_available", default="", help="The minimum number or percentage of available pods this budget requires.")
    @click.option("--max-unavailable", "max_unavailable", default="", help="The maximum number or percentage of unavailable pods this budget requires.")
    @click.option("--selector", default="", help="A label selector to use for this budget.")
    @common_options
    def create_pdb(names: tuple[str, ...], min_available: str, max_unavailable: str, selector: str,
                   dry_run: str | None, output: str | None, save_config: bool, **_: Any) -> None:
        """Create a pod disruption budget with the specified name, selector, and desired minimum available pods.

        \b
        Examples:
          # Create a pod disruption budget named my-pdb that will select all pods with the app=rails label
          # and require at least one of them being available at any point in time
          pykubectl create poddisruptionbudget my-pdb --selector=app=rails --min-available=1
        \b
          # Create a pod disruption budget named my-pdb that will select all pods with the app=nginx label
          # and require at least half of the pods selected to be available at any point in time
          pykubectl create pdb my-pdb --selector=app=nginx --min-available=50%
        """
        name = one_name(names)
        env = common.env_of()
        if not selector:
            raise errors.ClientError("error: a selector must be specified")
        if not min_available and not max_unavailable:
            raise errors.ClientError("error: one of min-available or max-unavailable must be specified")
        if min_available and max_unavailable:
            raise errors.ClientError("error: min-available and max-unavailable cannot be both specified")
        spec: dict = {}
        if min_available:
            spec["minAvailable"] = _int_or_string(min_available)
        spec["selector"] = parse_selector(selector)
        if max_unavailable:
            spec["maxUnavailable"] = _int_or_string(max_unavailable)
        obj = {"kind": "PodDisruptionBudget", "apiVersion": "policy/v1", "metadata": meta(name, env), "spec": spec,
               "status": {"disruptionsAllowed": 0, "currentHealthy": 0, "desiredHealthy": 0, "expectedPods": 0}}
        emit(env, obj, dry_run, output, save_config)

    # -- ingress ---------------------------------------------------------------------------------------------
    @create.command("ingress", context_settings=CTX)
    @click.argument("names", nargs=-1, metavar="NAME")
    @click.option("--rule", "rules", multiple=True, help="Rule in format host/path=service:port[,tls=secretname].")
    @click.option("--class", "class_", default="", help="Ingress Class to be used")
    @click.option("--default-backend", "default_backend", default="", help="Default service for backend, in format of svcname:port")
    @click.option("--annotation", "annotations", multiple=True, help="Annotation to insert in the ingress object, in the format annotation=value")
    @common_options
    def create_ingress(names: tuple[str, ...], rules: tuple[str, ...], class_: str, default_backend: str,
                       annotations: tuple[str, ...], dry_run: str | None, output: str | None, save_config: bool,
                       **_: Any) -> None:
        """Create an ingress with the specified name.

        \b
        Examples:
          # Create a single ingress called 'simple' that directs requests to foo.com/bar to svc
          # svc1:8080 with a TLS secret "my-cert"
          pykubectl create ingress simple --rule="foo.com/bar=svc1:8080,tls=my-cert"
        \b
          # Create an ingress with a default backend
          pykubectl create ingress ingdefault --class=default --default-backend=defaultsvc:http --rule="foo.com/*=svc:8080,tls=secret1"
        """
        name = one_name(names)
        env = common.env_of()
        ann: dict = {}
        for a in annotations:
            k, sep, v = a.partition("=")
            if not sep:
                raise errors.ClientError(f"error: annotation {a} is invalid and should be in format key=[value]")
            ann[k] = v
        if default_backend and not _BACKEND_RE.match(default_backend):
            raise errors.ClientError("error: default-backend should be in format servicename:serviceport")
        parsed = []
        for r in rules:
            m = _RULE_RE.match(r)
            if not m:
                raise errors.ClientError(f"error: rule {r} is invalid and should be in format "
                                         "host/path=svcname:svcport[,tls[=secret]]")
            parsed.append((r, m))
        spec: dict = {}
        if class_:
            spec["ingressClassName"] = class_
        if default_backend:
            m = _BACKEND_RE.match(default_backend)
            assert m
            spec["defaultBackend"] = _backend(m["svcname"], m["svcport"])
        tls: list[dict] = []
        seen_hosts: set[str] = set()
        for r, m in parsed:
            if ",tls" not in r:
                continue
            host, secret = m["host"], m["secret"] or ""
            if host in seen_hosts:
                # kubectl accepts a host into the TLS section once
                continue
            seen_hosts.add(host)
            same = next((t for t in tls if t.get("secretName", "") == secret), None)
            if same is not None:
                same.setdefault("hosts", []).append(host)
                continue
            entry: dict = {}
            if host:
                entry["hosts"] = [host]
            if secret:
                entry["secretName"] = secret
            if entry:
                tls.append(entry)
        if tls:
            spec["tls"] = tls
        ing_rules: list[dict] = []
        by_host: dict[str, dict] = {}
        for r, m in parsed:
            path = m["path"]
            ptype = "Exact"
            if path.endswith("*"):
                ptype, path = "Prefix", path[:-1]
            p = {"path": path, "pathType": ptype, "backend": _backend(m["svcname"], m["svcport"])}
            rule = by_host.get(m["host"])
            if rule is None:
                rule = {"host": m["host"]} if m["host"] else {}
                rule["http"] = {"paths": []}
                by_host[m["host"]] = rule
                ing_rules.append(rule)
            rule["http"]["paths"].append(p)
        if ing_rules:
            spec["rules"] = ing_rules
        obj = {"kind": "Ingress", "apiVersion": "networking.k8s.io/v1", "metadata": meta(name, env, None, ann),
               "spec": spec, "status": {"loadBalancer": {}}}
        emit(env, obj, dry_run, output, save_config)

    # -- priorityclass ---------------------------------------------------------------------------------------
    @create.command("priorityclass", context_settings=CTX)
    @click.argument("names", nargs=-1, metavar="NAME")
    @click.option("--value", default="0", help="the value of this priority class.")
    @click.option("--global-default", "global_default", default="false", is_flag=False, flag_value="true",
                  help="global-default specifies whether this PriorityClass should be considered as the default priority.")
    @click.option("--description", default="", help="description is an arbitrary string that usually provides guidelines on when this priority class should be used.")
    @click.option("--preemption-policy", "preemption_policy", default="PreemptLowerPriority", help="preemption-policy is the policy for preempting pods with lower priority.")
    @common_options
    def create_priorityclass(names: tuple[str, ...], value: str, global_default: str, description: str,
                             preemption_policy: str, dry_run: str | None, output: str | None, save_config: bool,
                             **_: Any) -> None:
        """Create a priority class with the specified name, value, globalDefault and description.

        \b
        Examples:
          # Create a priority class named high-priority
          pykubectl create priorityclass high-priority --value=1000 --description="high priority"
        \b
          # Create a priority class named default-priority that is considered as the global default priority
          pykubectl create priorityclass default-priority --value=1000 --global-default=true --description="default priority"
        """
        name = one_name(names)
        env = common.env_of()
        n = _int_flag(value, "--value")
        gd = _bool_flag(global_default, "--global-default")
        obj: dict = {"kind": "PriorityClass", "apiVersion": "scheduling.k8s.io/v1",
                     "metadata": meta(name, env, namespaced=False), "value": n}
        if gd:
            obj["globalDefault"] = True
        if description:
            obj["description"] = description
        obj["preemptionPolicy"] = preemption_policy
        emit(env, obj, dry_run, output, save_config)

    return create


def _help_without_subcommand(ctx: click.Context) -> None:
    """cobra's DefaultSubCommandRun: the group's help on stderr, exit 1."""
    if ctx.invoked_subcommand is None:
        raise errors.UsageError(ctx.get_help())


def _jt_meta(name: str, env: Any) -> dict:
    md: dict = {"name": name}
    if env.namespace:
        md["namespace"] = env.namespace
    md["creationTimestamp"] = None
    return md


def _job_from(env: Any, name: str, from_: str) -> dict:
    from ..api import registry

    rtype, sep, src = from_.partition("/")
    if not sep or not src:
        raise errors.ClientError(f"error: from must be of the form <resource>/<name>")
    try:
        kind = registry.resolve(rtype)
    except errors.ResourceTypeError as e:
        raise errors.ClientError(str(e).removeprefix("error: ")) from None
    store = common.open_store(env)
    ns = common.namespace(env)
    with store.transaction() as tx:
        src_obj = tx.get(kind.group, kind.kind, ns if kind.namespaced else "", src)
    if src_obj is None:
        raise errors.NotFound(f'{kind.group_resource} "{src}" not found')
    if (kind.group, kind.kind) != ("batch", "CronJob"):
        raise errors.ClientError(f"error: unknown object type *{kind.version}.{kind.kind}")
    jt = copy.deepcopy((src_obj.get("spec") or {}).get("jobTemplate") or {})
    jt_md = jt.get("metadata") or {}
    ann = {"cronjob.kubernetes.io/instantiate": "manual"}
    ann.update(jt_md.get("annotations") or {})
    md: dict = {"name": name}
    if env.namespace:
        md["namespace"] = env.namespace
    md["creationTimestamp"] = None
    if jt_md.get("labels"):
        md["labels"] = jt_md["labels"]
    md["annotations"] = ann
    md["ownerReferences"] = [{"apiVersion": "batch/v1", "kind": "CronJob", "name": src,
                              "uid": src_obj["metadata"].get("uid", ""), "controller": True}]
    spec = _go_order_job_spec(jt.get("spec") or {})
    return {"kind": "Job", "apiVersion": "batch/v1", "metadata": md, "spec": spec, "status": {}}


# Go struct field orders, for `-o json` of objects copied from the server.
_ORDER = {
    "job": ["parallelism", "completions", "activeDeadlineSeconds", "podFailurePolicy", "successPolicy",
            "backoffLimit", "backoffLimitPerIndex", "maxFailedIndexes", "selector", "manualSelector", "template",
            "ttlSecondsAfterFinished", "completionMode", "suspend", "podReplacementPolicy", "managedBy"],
    "podspec": ["volumes", "initContainers", "containers", "ephemeralContainers", "restartPolicy",
                "terminationGracePeriodSeconds", "activeDeadlineSeconds", "dnsPolicy", "nodeSelector",
                "serviceAccountName", "serviceAccount", "automountServiceAccountToken", "nodeName", "hostNetwork",
                "hostPID", "hostIPC", "shareProcessNamespace", "securityContext", "imagePullSecrets", "hostname",
                "subdomain", "affinity", "schedulerName", "tolerations", "hostAliases", "priorityClassName",
                "priority", "dnsConfig", "readinessGates", "runtimeClassName", "enableServiceLinks",
                "preemptionPolicy", "overhead", "topologySpreadConstraints", "setHostnameAsFQDN", "os", "hostUsers",
                "schedulingGates", "resourceClaims", "resources"],
    "container": ["name", "image", "command", "args", "workingDir", "ports", "envFrom", "env", "resources",
                  "resizePolicy", "restartPolicy", "volumeMounts", "volumeDevices", "livenessProbe",
                  "readinessProbe", "startupProbe", "lifecycle", "terminationMessagePath",
                  "terminationMessagePolicy", "imagePullPolicy", "securityContext", "stdin", "stdinOnce", "tty"],
    "meta": ["name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation",
             "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations",
             "ownerReferences", "finalizers", "managedFields"],
}


def _ordered(d: dict, order: list[str]) -> dict:
    out = {k: d[k] for k in order if k in d}
    out.update({k: v for k, v in d.items() if k not in out})
    return out


def _go_order_job_spec(spec: dict) -> dict:
    spec = _ordered(spec, _ORDER["job"])
    tpl = spec.get("template")
    if isinstance(tpl, dict):
        tmd = _ordered(tpl.get("metadata") or {}, _ORDER["meta"])
        tmd.setdefault("creationTimestamp", None)
        tmd = _ordered(tmd, _ORDER["meta"])
        ps = _ordered(tpl.get("spec") or {}, _ORDER["podspec"])
        for key in ("initContainers", "containers"):
            if isinstance(ps.get(key), list):
                ps[key] = [_ordered(c, _ORDER["container"]) for c in ps[key]]
        spec["template"] = {"metadata": tmd, "spec": ps}
    return spec


def _container_name(image: str) -> str:
    """kubectl's container name for an image: the last path element, without tag or digest."""
    name = image.split("@")[0].split("/")[-1].split(":")[0]
    return name


def _int_flag(value: str, flag: str) -> int:
    try:
        return int(value, 10)
    except ValueError:
        raise errors.UsageError(f'error: invalid argument "{value}" for "{flag}" flag: strconv.ParseInt: parsing '
                                f'"{value}": invalid syntax{_usage_hint()}') from None


def _bool_flag(value: str, flag: str) -> bool:
    v = value.lower()
    if v in ("1", "t", "true"):
        return True
    if v in ("0", "f", "false"):
        return False
    raise errors.UsageError(f'error: invalid argument "{value}" for "{flag}" flag: strconv.ParseBool: parsing '
                            f'"{value}": invalid syntax{_usage_hint()}')


def _usage_hint() -> str:
    from .click_grammar import hint_path

    return f"\nSee '{hint_path(click.get_current_context())} --help' for usage."
