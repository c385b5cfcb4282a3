"""config: view and edit kubeconfig files as kubectl's `config` commands do (see pykubectl/kubeconfig.py for the
file's model and where it is read from).

pykubectl's contexts name a store (the global --store given to set-context) and a default namespace; everything else
is kubectl's: clusters, users, contexts, `set`/`unset` of any field by its dotted path, the files written in
client-go's form. Outputs, messages and the files left behind are real kubectl 1.32's, recorded by
tools/record_config_corpus.py (tests/data/config/).
"""

from __future__ import annotations

import copy
import os
from typing import Any

import click

from .. import errors, kubeconfig
from . import common
from .pflag import Flag

CTX = {"help_option_names": ["-h", "--help"]}


def _command(name: str, short: str, **kw: Any) -> Any:
    """A config subcommand (its help is kubectl's recorded text, which helpfmt finds by the command's path)."""

    def deco(f: Any) -> Any:
        return config_group.command(name, context_settings=CTX, short_help=short, **kw)(f)

    return deco


def _provided(name: str) -> bool:
    src = click.get_current_context().get_parameter_source(name)
    return src is not None and src.name == "COMMANDLINE"


def _help_and_fail(env: Any, text: str) -> None:
    """kubectl's helpErrorf: the command's help on stdout, then the error."""
    env.stdout.write(click.get_current_context().get_help() + "\n")
    raise errors.UsageError(text)


def _go_list(items: tuple[str, ...] | list[str]) -> str:
    return "[" + " ".join(items) + "]"


class _Config:
    """The kubeconfig a command reads and writes: its path, what it held, and the copy the command changes."""

    def __init__(self, env: Any) -> None:
        self.env = env
        self.files = kubeconfig.Files(env.kubeconfig)
        self.path = self.files.default
        self.before = self.files.merged
        self.cfg = copy.deepcopy(self.before)

    def save(self, always: bool = False) -> None:
        self.files.save(self.before, self.cfg, always=always)


def _read(env: Any) -> dict[str, Any]:
    """The merged configuration, for the commands that only read it."""
    return kubeconfig.Files(env.kubeconfig).merged


@click.group("config", context_settings=CTX, invoke_without_command=True)
def config_group() -> None:
    ctx = click.get_current_context()
    if ctx.invoked_subcommand is None:  # kubectl's DefaultSubCommandRun: the help on stderr, exit 1
        raise errors.ClientError(ctx.get_help())


# --- view ------------------------------------------------------------------------------------------------------

_VIEW_FORMATS = ("go-template", "go-template-file", "json", "jsonpath", "jsonpath-as-json", "jsonpath-file", "name",
                 "template", "templatefile", "yaml")


@_command("view", "Display merged kubeconfig settings or a specified kubeconfig file")
@click.argument("args", nargs=-1)
@click.option("--allow-missing-template-keys", type=bool, is_flag=True, default=True,
              help="If true, ignore any errors in templates when a field or map key is missing in the template. "
                   "Only applies to golang and jsonpath output formats.")
@click.option("--flatten", is_flag=True, help="Flatten the resulting kubeconfig file into self-contained output "
                                              "(useful for creating portable kubeconfig files)")
@click.option("--merge", is_flag=True, default=True, help="Merge the full hierarchy of kubeconfig files")
@click.option("--minify", is_flag=True, help="Remove all information not used by current-context from the output")
@click.option("-o", "--output", default="yaml", help="Output format. One of: (json, yaml, name, go-template, "
              "go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).")
@click.option("--raw", is_flag=True, help="Display raw byte data and sensitive data")
@click.option("--show-managed-fields", is_flag=True,
              help="If true, keep the managedFields when printing objects in JSON or YAML format.")
@click.option("--template", default="", help="Template string or path to template file to use when "
              "-o=go-template, -o=go-template-file. The template format is golang templates "
              "[http://golang.org/pkg/text/template/#pkg-overview].")
def view_cmd(args: tuple[str, ...], allow_missing_template_keys: bool, flatten: bool, merge: bool, minify: bool,
             output: str, raw: bool, show_managed_fields: bool, template: str) -> None:
    env = common.env_of()
    if args:
        raise errors.UsageError(f"error: unexpected arguments: {_go_list(args)}\n"
                                "See 'kubectl config view -h' for help and examples")
    fmt = output.partition("=")[0]
    if template and output == "yaml" and not _provided("output"):
        fmt, output = "go-template", f"go-template={template}"
    if fmt not in _VIEW_FORMATS:
        raise errors.ClientError(f'error: unable to match a printer suitable for the output format "{output}", '
                                 f"allowed formats are: {','.join(_VIEW_FORMATS)}")
    if not merge and not env.kubeconfig:
        raise errors.ClientError("error: if merge==false a precise file must be specified")
    files = kubeconfig.Files(env.kubeconfig)
    cfg = files.merged
    if minify:
        if env.context:
            cfg["current-context"] = env.context
        _minify(cfg)
    if flatten:
        _flatten(cfg, files)
    elif not raw:
        _redact(cfg)
    doc = kubeconfig.to_v1(cfg)
    if fmt == "json":
        from ..printers.output import to_json

        env.stdout.write(to_json(doc, keep_order=True))
    elif fmt == "yaml":
        from ..printers.output import to_yaml

        env.stdout.write(to_yaml(doc))
    elif fmt == "name":
        env.stdout.write("config/<unknown>\n")
    elif fmt in ("jsonpath", "jsonpath-file", "jsonpath-as-json", "go-template", "go-template-file", "template",
                 "templatefile"):
        from .get_core import _render

        env.stdout.write(_render(env, [doc], output, True, allow_missing_template_keys, False))
    else:
        env.stdout.write(common.render_data(env, doc, output))


def _minify(cfg: dict[str, Any]) -> None:
    """client-go's MinifyConfig: the current context, its cluster and its user, nothing else."""
    name = cfg["current-context"]
    if not name:
        raise errors.ClientError("error: current-context must exist in order to minify")
    if name not in cfg["contexts"]:
        raise errors.ClientError(f"error: cannot locate context {name}")
    ctx = cfg["contexts"][name]
    clusters, users = {}, {}
    if ctx.get("cluster"):
        if ctx["cluster"] not in cfg["clusters"]:
            raise errors.ClientError(f"error: cannot locate cluster {ctx['cluster']}")
        clusters[ctx["cluster"]] = cfg["clusters"][ctx["cluster"]]
    if ctx.get("user"):
        if ctx["user"] not in cfg["users"]:
            raise errors.ClientError(f"error: cannot locate user {ctx['user']}")
        users[ctx["user"]] = cfg["users"][ctx["user"]]
    cfg["contexts"], cfg["clusters"], cfg["users"] = {name: ctx}, clusters, users


def _flatten(cfg: dict[str, Any], files: kubeconfig.Files) -> None:
    """client-go's FlattenConfig: files named by path (relative to the directory of the kubeconfig the entry came
    from) embedded as data."""
    import base64

    def embed(entry: dict[str, Any], path_field: str, data_field: str, section: str, name: str) -> None:
        base = os.path.dirname(os.path.abspath(files.origin_of(section, name)))
        p = entry.get(path_field)
        if not p:
            return
        if entry.get(data_field):
            raise errors.ClientError("error: cannot have values for both path and contents")
        full = p if os.path.isabs(p) else os.path.join(base, p)
        try:
            with open(full, "rb") as fh:
                entry[data_field] = base64.b64encode(fh.read()).decode()
        except OSError as e:
            raise errors.ClientError(f"error: open {full}: {_go_os_error(e)}") from None
        entry.pop(path_field, None)

    for name, user in cfg["users"].items():
        embed(user, "client-certificate", "client-certificate-data", "users", name)
        embed(user, "client-key", "client-key-data", "users", name)
    for name, cluster in cfg["clusters"].items():
        embed(cluster, "certificate-authority", "certificate-authority-data", "clusters", name)


def _go_os_error(e: OSError) -> str:
    return {2: "no such file or directory", 13: "permission denied", 21: "is a directory",
            20: "not a directory"}.get(e.errno or 0, (e.strerror or str(e)).lower())


_DATA_OMITTED = "DATA+OMITTED"


def _redact(cfg: dict[str, Any]) -> None:
    """client-go's RedactSecrets then ShortenConfig: passwords and tokens REDACTED, embedded data DATA+OMITTED."""
    for user in cfg["users"].values():
        for f in ("password", "token"):
            if user.get(f):
                user[f] = "REDACTED"
        for f in ("client-certificate-data", "client-key-data"):
            if user.get(f):
                user[f] = _DATA_OMITTED
    for cluster in cfg["clusters"].values():
        if cluster.get("certificate-authority-data"):
            cluster["certificate-authority-data"] = _DATA_OMITTED


# --- contexts --------------------------------------------------------------------------------------------------

def _tabwrite(rows: list[list[str]]) -> str:
    """Go's tabwriter as kubectl's printers configure it (minwidth 6, padding 3); the last cell is not padded."""
    if not rows:
        return ""
    n = len(rows[0])
    widths = [max(6, max(len(r[i]) for r in rows) + 3) for i in range(n - 1)]
    return "".join("".join(c.ljust(w) for c, w in zip(r, widths)) + r[-1] + "\n" for r in rows)


@_command("get-contexts", "Describe one or many contexts")
@click.argument("names", nargs=-1)
@click.option("--no-headers", is_flag=True, help="When using the default or custom-column output format, don't "
                                                 "print headers (default print headers).")
@click.option("-o", "--output", default="", help="Output format. One of: (name).")
def get_contexts_cmd(names: tuple[str, ...], no_headers: bool, output: str) -> None:
    env = common.env_of()
    if output not in ("", "name"):
        raise errors.ClientError(f"error: --output {output} is not available in kubectl config get-contexts; "
                                 "resetting to default output format")
    cfg = _read(env)
    ctxs = kubeconfig.contexts(cfg)
    current = cfg["current-context"]
    want = sorted(names) if names else list(ctxs)
    missing = [n for n in names if n not in ctxs]
    found = [n for n in want if n in ctxs]
    if output == "name":
        env.stdout.write("".join(n + "\n" for n in found))
    else:
        rows = [] if no_headers else [["CURRENT", "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE"]]
        for n in found:
            c = ctxs[n]
            rows.append(["*" if n == current else "", n, c.get("cluster") or "", c.get("user") or "",
                         c.get("namespace") or ""])
        env.stdout.write(_tabwrite(rows))
    if missing:
        env.stdout.flush()
        # an aggregate: one error alone is printed "error: …", several one per line without it
        raise errors.ClientError(f"error: context {missing[0]} not found" if len(missing) == 1 else
                                 "\n".join(f"context {n} not found" for n in missing))


@_command("current-context", "Display the current-context")
@click.argument("args", nargs=-1)
def current_context_cmd(args: tuple[str, ...]) -> None:
    env = common.env_of()
    cur = _read(env)["current-context"]
    if not cur:
        raise errors.ClientError("error: current-context is not set")
    common.echo(env, cur)


@_command("use-context", "Set the current-context in a kubeconfig file")
@click.argument("args", nargs=-1)
def use_context_cmd(args: tuple[str, ...]) -> None:
    env = common.env_of()
    if len(args) != 1:
        _help_and_fail(env, f"error: Unexpected args: {_go_list(args)}")
    name = args[0]
    c = _Config(env)
    if name not in c.cfg["contexts"]:
        raise errors.ClientError(f'error: no context exists with the name: "{name}"')
    c.cfg["current-context"] = name
    c.save()
    common.echo(env, f'Switched to context "{name}".')


_use_alias = copy.copy(use_context_cmd)
_use_alias.hidden = True
config_group.add_command(_use_alias, "use")


@_command("set-context", "Set a context entry in kubeconfig")
@click.argument("args", nargs=-1)
@click.option("--cluster", default=None, help="cluster for the context entry in kubeconfig")
@click.option("--current", is_flag=True, help="Modify the current context")
@click.option("--namespace", default=None, help="namespace for the context entry in kubeconfig")
@click.option("--user", default=None, help="user for the context entry in kubeconfig")
def set_context_cmd(args: tuple[str, ...], cluster: str | None, current: bool, namespace: str | None,
                    user: str | None) -> None:
    env = common.env_of()
    if len(args) > 1:
        _help_and_fail(env, f"error: Unexpected args: {_go_list(args)}")
    name = args[0] if args else ""
    if not name and not current:
        raise errors.ClientError("error: you must specify a non-empty context name or --current")
    if name and current:
        raise errors.ClientError("error: you cannot specify both a context name and --current")
    c = _Config(env)
    if current:
        name = c.cfg["current-context"]
        if not name:
            raise errors.ClientError("error: no current context is set")
    exists = name in c.cfg["contexts"]
    ctx = c.cfg["contexts"].get(name) or {"cluster": "", "user": ""}
    if cluster is not None:
        ctx["cluster"] = cluster
    if user is not None:
        ctx["user"] = user
    if namespace is not None:
        ctx["namespace"] = namespace
    if env.store_from_flag and env.store_url:
        kubeconfig.set_context_store(ctx, env.store_url)  # pykubectl: the context names its store
    c.cfg["contexts"][name] = ctx
    c.save()
    common.echo(env, f'Context "{name}" {"modified" if exists else "created"}.')


@_command("rename-context", "Rename a context from the kubeconfig file")
@click.argument("names", nargs=-1)
def rename_context_cmd(names: tuple[str, ...]) -> None:
    env = common.env_of()
    if len(names) != 2:
        _help_and_fail(env, f"error: Unexpected args: {_go_list(names)}")
    old, new = names
    c = _Config(env)
    ctxs = c.cfg["contexts"]
    if old not in ctxs:
        raise errors.ClientError(f'error: cannot rename the context "{old}", it\'s not in {c.path}')
    if new in ctxs:
        raise errors.ClientError(f'error: cannot rename the context "{old}", the context "{new}" already exists in '
                                 f"{c.path}")
    ctxs[new] = ctxs.pop(old)
    if c.cfg["current-context"] == old:
        c.cfg["current-context"] = new
    c.save()
    common.echo(env, f'Context "{old}" renamed to "{new}".')


@_command("delete-context", "Delete the specified context from the kubeconfig")
@click.argument("args", nargs=-1)
def delete_context_cmd(args: tuple[str, ...]) -> None:
    env = common.env_of()
    c = _Config(env)
    if len(args) != 1:
        env.stdout.write(click.get_current_context().get_help() + "\n")
        return
    name = args[0]
    if name not in c.cfg["contexts"]:
        raise errors.ClientError(f"error: cannot delete context {name}, not in {c.path}")
    if c.cfg["current-context"] == name:
        common.err(env, 'warning: this removed your active context, use "kubectl config use-context" to select a '
                        "different one")
    del c.cfg["contexts"][name]
    c.save()
    common.echo(env, f"deleted context {name} from {c.path}")


# --- clusters and users ----------------------------------------------------------------------------------------

@_command("get-clusters", "Display clusters defined in the kubeconfig")
@click.argument("args", nargs=-1)
def get_clusters_cmd(args: tuple[str, ...]) -> None:
    env = common.env_of()
    cfg = _read(env)
    # kubectl walks a Go map (any order); sorted is one of the orders it prints.
    env.stdout.write("NAME\n" + "".join(n + "\n" for n in sorted(cfg["clusters"])))


@_command("get-users", "Display users defined in the kubeconfig")
@click.argument("args", nargs=-1)
def get_users_cmd(args: tuple[str, ...]) -> None:
    env = common.env_of()
    cfg = _read(env)
    env.stdout.write("NAME\n" + "".join(n + "\n" for n in sorted(cfg["users"])))


@_command("delete-cluster", "Delete the specified cluster from the kubeconfig")
@click.argument("args", nargs=-1)
def delete_cluster_cmd(args: tuple[str, ...]) -> None:
    env = common.env_of()
    c = _Config(env)
    if len(args) != 1:
        env.stdout.write(click.get_current_context().get_help() + "\n")
        return
    name = args[0]
    if name not in c.cfg["clusters"]:
        raise errors.ClientError(f"error: cannot delete cluster {name}, not in {c.path}")
    del c.cfg["clusters"][name]
    c.save()
    common.echo(env, f"deleted cluster {name} from {c.path}")


@_command("delete-user", "Delete the specified user from the kubeconfig")
@click.argument("args", nargs=-1)
def delete_user_cmd(args: tuple[str, ...]) -> None:
    env = common.env_of()
    c = _Config(env)
    if len(args) != 1:
        raise errors.UsageError("error: user to delete is required\n"
                                "See 'kubectl config delete-user -h' for help and examples")
    name = args[0]
    if name not in c.cfg["users"]:
        raise errors.ClientError(f"error: cannot delete user {name}, not in {c.path}")
    del c.cfg["users"][name]
    c.save()
    common.echo(env, f"deleted user {name} from {c.path}")


def _read_file_base64(path: str) -> str:
    import base64

    try:
        with open(path, "rb") as fh:
            return base64.b64encode(fh.read()).decode()
    except OSError:
        return ""  # kubectl ignores the read error here (the file was stat'ed first)


def _stat(flag: str, path: str) -> None:
    try:
        os.stat(path)
    except OSError as e:
        raise errors.ClientError(f"error: could not stat {flag} file {path}: stat {path}: {_go_os_error(e)}") from None


SET_CLUSTER_FLAGS = [
    Flag("certificate-authority", usage="Path to certificate-authority file for the cluster entry in kubeconfig"),
    Flag("embed-certs", kind="bool", default=False, usage="embed-certs for the cluster entry in kubeconfig"),
    Flag("insecure-skip-tls-verify", kind="bool", default=False,
         usage="insecure-skip-tls-verify for the cluster entry in kubeconfig"),
    Flag("proxy-url", usage="proxy-url for the cluster entry in kubeconfig"),
    Flag("server", usage="server for the cluster entry in kubeconfig"),
    Flag("tls-server-name", usage="tls-server-name for the cluster entry in kubeconfig"),
]


def _options(flags: list[Flag]) -> Any:
    from .click_grammar import options_from

    return options_from(flags)


@_command("set-cluster", "Set a cluster entry in kubeconfig")
@click.argument("args", nargs=-1)
@_options(SET_CLUSTER_FLAGS)
def set_cluster_cmd(args: tuple[str, ...], certificate_authority: str | None, embed_certs: bool,
                    insecure_skip_tls_verify: bool, proxy_url: str | None, server: str | None,
                    tls_server_name: str | None) -> None:
    env = common.env_of()
    if len(args) != 1:
        _help_and_fail(env, f"error: Unexpected args: {_go_list(args)}")
    name = args[0]
    if not name:
        raise errors.ClientError("error: you must specify a non-empty cluster name")
    if insecure_skip_tls_verify and certificate_authority:
        raise errors.ClientError("error: you cannot specify a certificate authority and insecure mode at the same time")
    if embed_certs:
        if not certificate_authority:
            raise errors.ClientError("error: you must specify a --certificate-authority to embed")
        _stat("certificate-authority", certificate_authority)
    c = _Config(env)
    cluster = c.cfg["clusters"].get(name) or {"server": ""}
    if server is not None:
        cluster["server"] = server
        cluster.pop("tls-server-name", None)
    if tls_server_name is not None:
        cluster["tls-server-name"] = tls_server_name
    # kubectl gives this flag a default that counts as given: every set-cluster sets it (false unless asked).
    cluster["insecure-skip-tls-verify"] = insecure_skip_tls_verify
    if insecure_skip_tls_verify:
        cluster.pop("certificate-authority", None)
        cluster.pop("certificate-authority-data", None)
    if certificate_authority is not None:
        if embed_certs:
            cluster["certificate-authority-data"] = _read_file_base64(certificate_authority)
            cluster["insecure-skip-tls-verify"] = False
            cluster.pop("certificate-authority", None)
        else:
            cluster["certificate-authority"] = os.path.abspath(certificate_authority)
            cluster["insecure-skip-tls-verify"] = False
            cluster.pop("certificate-authority-data", None)
    if proxy_url is not None:
        cluster["proxy-url"] = proxy_url
    c.cfg["clusters"][name] = cluster
    c.save()
    common.echo(env, f'Cluster "{name}" set.')


SET_CREDENTIALS_FLAGS = [
    Flag("auth-provider", usage="Auth provider for the user entry in kubeconfig"),
    Flag("auth-provider-arg", kind="stringSlice", usage="'key=value' arguments for the auth provider"),
    Flag("client-certificate", usage="Path to client-certificate file for the user entry in kubeconfig"),
    Flag("client-key", usage="Path to client-key file for the user entry in kubeconfig"),
    Flag("embed-certs", kind="bool", default=False, usage="Embed client cert/key for the user entry in kubeconfig"),
    Flag("exec-api-version", usage="API version of the exec credential plugin for the user entry in kubeconfig"),
    Flag("exec-arg", kind="stringSlice",
         usage="New arguments for the exec credential plugin command for the user entry in kubeconfig"),
    Flag("exec-command", usage="Command for the exec credential plugin for the user entry in kubeconfig"),
    Flag("exec-env", kind="stringArray", usage="'key=value' environment values for the exec credential plugin"),
    Flag("exec-interactive-mode",
         usage="InteractiveMode of the exec credentials plugin for the user entry in kubeconfig"),
    Flag("exec-provide-cluster-info", kind="bool", default=False,
         usage="ProvideClusterInfo of the exec credentials plugin for the user entry in kubeconfig"),
    Flag("password", usage="password for the user entry in kubeconfig"),
    Flag("token", usage="token for the user entry in kubeconfig"),
    Flag("username", usage="username for the user entry in kubeconfig"),
]


def _parse_pairs(values: list[str], what: str) -> tuple[dict[str, str], list[str]]:
    """kubectl's ParsePairs with removal (`key=value`, `key-`)."""
    new: dict[str, str] = {}
    remove: list[str] = []
    bad: list[str] = []
    for v in values:
        if "=" in v:
            k, _, val = v.partition("=")
            new[k] = val
        elif v.endswith("-"):
            remove.append(v[:-1])
        else:
            bad.append(v)
    if bad:
        raise errors.ClientError(f"error: invalid {what} format: {', '.join(bad)}")
    return new, remove


def _split_slice(values: tuple[str, ...]) -> list[str]:
    import csv

    out: list[str] = []
    for v in values:
        out.extend(next(csv.reader([v])) if v else [""])
    return out


@_command("set-credentials", "Set a user entry in kubeconfig")
@click.argument("args", nargs=-1)
@_options(SET_CREDENTIALS_FLAGS)
def set_credentials_cmd(args: tuple[str, ...], auth_provider: str | None, auth_provider_arg: tuple[str, ...],
                        client_certificate: str | None, client_key: str | None, embed_certs: bool,
                        exec_api_version: str | None, exec_arg: tuple[str, ...], exec_command: str | None,
                        exec_env: tuple[str, ...], exec_interactive_mode: str | None,
                        exec_provide_cluster_info: bool, password: str | None, token: str | None,
                        username: str | None) -> None:
    env = common.env_of()
    try:
        if len(args) != 1:
            raise errors.ClientError(f"error: unexpected args: {_go_list(args)}")
        provider_args, provider_remove = _parse_pairs(_split_slice(auth_provider_arg), "auth-provider-arg")
        env_new, env_remove = _parse_pairs(list(exec_env), "exec-env") if exec_env else ({}, None)
    except errors.ClientError:
        env.stdout.write(click.get_current_context().get_help() + "\n")
        raise
    exec_args = _split_slice(exec_arg) if exec_arg else None
    name = args[0]
    if not name:
        raise errors.ClientError("error: you must specify a non-empty user name")
    methods = []
    if token:
        methods.append("--token")
    if username or password:
        methods.append("--username/--password")
    if len(methods) > 1:
        raise errors.ClientError("error: you cannot specify more than one authentication method at the same time: "
                                 + ", ".join(methods))
    if embed_certs:
        if not client_certificate and not client_key:
            raise errors.ClientError("error: you must specify a --client-certificate or --client-key to embed")
        if client_certificate:
            _stat("client-certificate", client_certificate)
        if client_key:
            _stat("client-key", client_key)
    if exec_interactive_mode is not None and exec_interactive_mode not in ("IfAvailable", "Always", "Never"):
        raise errors.ClientError("error: invalid interactive mode type, can be only IfAvailable, Never, Always")
    c = _Config(env)
    user = c.cfg["users"].get(name) or {}
    for value, path_field, data_field in ((client_certificate, "client-certificate", "client-certificate-data"),
                                          (client_key, "client-key", "client-key-data")):
        if value is None:
            continue
        if embed_certs:
            user[data_field] = _read_file_base64(value)
            user.pop(path_field, None)
        else:
            user[path_field] = os.path.abspath(value)
            user.pop(data_field, None)
    set_token = set_basic = False
    if token is not None:
        user["token"] = token
        set_token = bool(token)
    if username is not None:
        user["username"] = username
        set_basic = set_basic or bool(username)
    if password is not None:
        user["password"] = password
        set_basic = set_basic or bool(password)
    if auth_provider is not None:
        ap = user.get("auth-provider")
        if ap is None or ap.get("name") != auth_provider:
            user["auth-provider"] = {"name": auth_provider, "config": None}
    if user.get("auth-provider") is not None:
        ap = user["auth-provider"]
        conf = dict(ap.get("config") or {})
        for k in provider_remove:
            conf.pop(k, None)
        conf.update(provider_args)
        ap["config"] = conf
    if exec_command is not None:
        if user.get("exec") is None:
            user["exec"] = {"command": exec_command, "args": None, "env": None, "provideClusterInfo": False}
        else:
            user["exec"]["command"] = exec_command
            user["exec"]["args"] = None
    ex = user.get("exec")
    if ex is not None:
        if exec_api_version is not None:
            ex["apiVersion"] = exec_api_version
        if exec_args is not None:
            ex["args"] = exec_args
        if exec_interactive_mode is not None:
            ex["interactiveMode"] = exec_interactive_mode
        if _provided("exec_provide_cluster_info"):
            ex["provideClusterInfo"] = exec_provide_cluster_info
        if env_remove is not None:
            ex["env"] = [e for e in ex.get("env") or [] if e["name"] not in env_remove]
        if env_new:
            cur = list(ex.get("env") or [])
            for k, v in env_new.items():
                for e in cur:
                    if e["name"] == k:
                        e["value"] = v
                        break
                else:
                    cur.append({"name": k, "value": v})
            ex["env"] = cur
    if set_token or set_basic:
        if not set_token:
            user.pop("token", None)
        if not set_basic:
            user.pop("username", None)
            user.pop("password", None)
    c.cfg["users"][name] = user
    c.save()
    common.echo(env, f'User "{name}" set.')


# --- set and unset ---------------------------------------------------------------------------------------------

@_command("set", "Set an individual value in a kubeconfig file")
@click.argument("args", nargs=-1)
@_options([Flag("set-raw-bytes", kind="bool", default=False, usage="When writing a []byte PROPERTY_VALUE, write "
                "the given string directly without base64 decoding.")])
def set_cmd(args: tuple[str, ...], set_raw_bytes: bool) -> None:
    env = common.env_of()
    if len(args) != 2:
        _help_and_fail(env, f"error: Unexpected args: {_go_list(args)}")
    prop, value = args
    if not value:
        raise errors.ClientError("error: you cannot use set to unset a property")
    if not prop:
        raise errors.ClientError("error: you must specify a property")
    c = _Config(env)
    from .config_paths import modify

    c.save(always=modify(c.cfg, prop, value, unset=False, raw_bytes=set_raw_bytes))
    common.echo(env, f'Property "{prop}" set.')


@_command("unset", "Unset an individual value in a kubeconfig file")
@click.argument("args", nargs=-1)
def unset_cmd(args: tuple[str, ...]) -> None:
    env = common.env_of()
    if len(args) != 1:
        _help_and_fail(env, f"error: Unexpected args: {_go_list(args)}")
    prop = args[0]
    if not prop:
        raise errors.ClientError("error: you must specify a property")
    c = _Config(env)
    from .config_paths import modify

    c.save(always=modify(c.cfg, prop, "", unset=True, raw_bytes=True))
    common.echo(env, f'Property "{prop}" unset.')


COMMANDS = {"config": config_group}
