"""config: view and edit the contexts of the pykubectl config file (kubeconfig-shaped; see pykubectl/kubeconfig.py).

Each context names a store (the global --store given to set-context) and a default namespace. Outputs and
messages are real kubectl 1.32's, recorded with `kubectl config …` on a temporary KUBECONFIG.
"""

from __future__ import annotations

import json
from typing import Any

import click

from .. import errors, kubeconfig
from . import common
from .printflags import printer_options

CTX = {"help_option_names": ["-h", "--help"]}


def _path(env: Any) -> str:
    return kubeconfig.path_for(env.kubeconfig)


def _tabwrite(rows: list[list[str]]) -> str:
    """Go's tabwriter as kubectl's printers configure it (minwidth 6, padding 3); the last cell is not padded."""
    if not rows:
        return ""
    n = len(rows[0])
    widths = [max(6, max(len(r[i]) for r in rows) + 3) for i in range(n - 1)]
    return "".join("".join(c.ljust(w) for c, w in zip(r, widths)) + r[-1] + "\n" for r in rows)


@click.group("config", context_settings=CTX)
def config_group() -> None:
    """Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".

    pykubectl reads its contexts from --kubeconfig, else from the first file in $KUBECONFIG that is a pykubectl
    config (its first line is "# pykubectl config"), else from ~/.pykubectl/config. Each context names a store
    (recorded from --store given to set-context) and a default namespace.

    \b
    Examples:
      # Create a context for the staging store with namespace web, and switch to it
      pykubectl --store ~/staging.db config set-context staging --namespace=web
      pykubectl config use-context staging
    \b
      # Show the contexts
      pykubectl config get-contexts
    """


@config_group.command("view", context_settings=CTX)
@click.option("--minify", is_flag=True, help="Remove all information not used by current-context from the output")
@click.option("--raw", is_flag=True, help="Display raw byte data and sensitive data")
@click.option("--flatten", is_flag=True, help="Flatten the resulting kubeconfig file into self-contained output (useful for creating portable kubeconfig files)")
@click.option("--merge", type=click.BOOL, default=None, show_default="true",
              help="Merge the full hierarchy of kubeconfig files")
# -o shows 'yaml' but a --template alone still means a Go template (real kubectl 1.32 printed it).
@click.option("-o", "--output", default=None, show_default="'yaml'", help="Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).")
@printer_options
def view_cmd(minify: bool, raw: bool, flatten: bool, output: str | None, merge: bool | None = None) -> None:
    """Display merged kubeconfig settings or a specified kubeconfig file.

    You can use --output jsonpath={...} to extract specific values using a jsonpath expression.

    \b
    Examples:
      # Show merged kubeconfig settings
      pykubectl config view
    \b
      # Get the namespace of the current context
      pykubectl config view --minify -o jsonpath='{..namespace}'
    """
    env = common.env_of()
    output = output or "yaml"
    # view.go: --merge is false by default with an explicit --kubeconfig, and false needs one. The configuration
    # here is one file either way, so merging changes nothing else.
    if merge is False and not env.kubeconfig:
        raise errors.ClientError("error: if merge==false a precise file must be specified")
    cfg = kubeconfig.load(_path(env))
    ctxs = kubeconfig.contexts(cfg)
    current = str(cfg.get("current-context") or "")
    if minify:
        name = env.context or current
        if not name:
            raise errors.ClientError("error: current-context must exist in order to minify")
        if name not in ctxs:
            raise errors.ClientError(f"error: cannot locate context {name}")
        ctxs = {name: ctxs[name]}
        current = name
    contexts = [{"name": n, "context": _context_body(c)} for n, c in ctxs.items()] or None
    doc: dict[str, Any] = {"kind": "Config", "apiVersion": "v1", "preferences": cfg.get("preferences") or {},
                           "clusters": cfg.get("clusters") or None, "users": cfg.get("users") or None,
                           "contexts": contexts, "current-context": current}
    if output == "json":
        common.env_of().stdout.write(json.dumps(doc, indent=4, ensure_ascii=False) + "\n")
        return
    if output == "yaml":
        from ..printers.output import to_yaml

        env.stdout.write(to_yaml(doc))
        return
    env.stdout.write(common.render_objects(env, [doc], output, single=True))


def _context_body(c: dict[str, Any]) -> dict[str, Any]:
    """Field order of kubectl's Context (cluster, user, namespace, extensions; the last two omitted if empty)."""
    out: dict[str, Any] = {"cluster": str(c.get("cluster") or ""), "user": str(c.get("user") or "")}
    if c.get("namespace"):
        out["namespace"] = str(c["namespace"])
    if c.get("extensions"):
        out["extensions"] = [{"name": e.get("name", ""), "extension": e.get("extension")} if isinstance(e, dict) else e
                             for e in c["extensions"]]
    return out


@config_group.command("get-contexts", context_settings=CTX)
@click.argument("names", nargs=-1)
@click.option("--no-headers", is_flag=True, help="When using the default or custom-column output format, don't print headers (default print headers).")
@click.option("-o", "--output", default="", help="Output format. One of: (name).")
def get_contexts_cmd(names: tuple[str, ...], no_headers: bool, output: str) -> None:
    """Display one or many contexts from the kubeconfig file.

    \b
    Examples:
      # List all the contexts in your kubeconfig file
      pykubectl config get-contexts
    \b
      # Describe one context in your kubeconfig file
      pykubectl config get-contexts my-context
    """
    env = common.env_of()
    if output not in ("", "name"):
        raise errors.ClientError(f"error: output must be one of '' or 'name': {output}")
    cfg = kubeconfig.load(_path(env))
    ctxs = kubeconfig.contexts(cfg)
    current = str(cfg.get("current-context") or "")
    want = list(names) if names else list(ctxs)
    missing = [n for n in want if n not in ctxs]
    found = [n for n in want if n in ctxs]
    if output == "name":
        env.stdout.write("".join(n + "\n" for n in found))
    else:
        rows = [] if no_headers else [["CURRENT", "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE"]]
        for n in found:
            c = ctxs[n]
            rows.append(["*" if n == current else "", n, str(c.get("cluster") or ""), str(c.get("user") or ""),
                         str(c.get("namespace") or "")])
        env.stdout.write(_tabwrite(rows))
    if missing:
        env.stdout.flush()
        raise errors.ClientError("".join(f"error: context {n} not found\n" for n in missing).rstrip("\n"))


@config_group.command("current-context", context_settings=CTX)
def current_context_cmd() -> None:
    """Display the current-context.

    \b
    Examples:
      # Display the current-context
      pykubectl config current-context
    """
    env = common.env_of()
    cur = kubeconfig.load(_path(env)).get("current-context")
    if not cur:
        raise errors.ClientError("error: current-context is not set")
    common.echo(env, str(cur))


@config_group.command("use-context", context_settings=CTX)
@click.argument("name", required=False)
def use_context_cmd(name: str | None) -> None:
    """Set the current-context in a kubeconfig file.

    \b
    Examples:
      # Use the context for the staging store
      pykubectl config use-context staging
    """
    env = common.env_of()
    if not name:
        env.stdout.write(click.get_current_context().get_help() + "\n")
        raise errors.UsageError("error: Unexpected args: []")
    path = _path(env)
    cfg = kubeconfig.load(path)
    if name not in kubeconfig.contexts(cfg):
        raise errors.ClientError(f'error: no context exists with the name: "{name}"')
    cfg["current-context"] = name
    kubeconfig.save(path, cfg)
    common.echo(env, f'Switched to context "{name}".')


config_group.add_command(use_context_cmd, "use")


@config_group.command("set-context", context_settings=CTX)
@click.argument("name", required=False)
@click.option("--current", is_flag=True, help="Modify the current context")
@click.option("--cluster", default=None, help="cluster for the context entry in kubeconfig")
@click.option("--user", default=None, help="user for the context entry in kubeconfig")
def set_context_cmd(name: str | None, current: bool, cluster: str | None, user: str | None) -> None:
    """Set a context entry in kubeconfig.

    Specifying a name that already exists will merge new fields on top of existing values for those fields.
    --namespace sets the context's default namespace; the global --store, given on the same line, sets the
    store the context uses (pykubectl).

    \b
    Examples:
      # Set the namespace of the current context
      pykubectl config set-context --current --namespace=web
    \b
      # Create a context "staging" on the store ~/staging.db
      pykubectl --store ~/staging.db config set-context staging --namespace=default
    """
    env = common.env_of()
    path = _path(env)
    cfg = kubeconfig.load(path)
    if current:
        if name:
            raise errors.UsageError("error: you cannot specify both a context name and --current")
        name = str(cfg.get("current-context") or "")
        if not name:
            raise errors.ClientError("error: no current context is set")
    if not name:
        raise errors.UsageError("error: you must specify a non-empty context name or --current")
    ctxs = kubeconfig.contexts(cfg)
    exists = name in ctxs
    ctx = ctxs.get(name, {})
    if env.namespace is not None:
        ctx["namespace"] = env.namespace
    if cluster is not None:
        ctx["cluster"] = cluster
    if user is not None:
        ctx["user"] = user
    if env.store_from_flag and env.store_url:
        kubeconfig.set_context_store(ctx, env.store_url)
    ctxs[name] = ctx
    kubeconfig.set_contexts(cfg, ctxs)
    kubeconfig.save(path, cfg)
    common.echo(env, f'Context "{name}" {"modified" if exists else "created"}.')


@config_group.command("rename-context", context_settings=CTX)
@click.argument("names", nargs=-1)
def rename_context_cmd(names: tuple[str, ...]) -> None:
    """Renames a context from the kubeconfig file.

    CONTEXT_NAME is the context name that you want to change. NEW_NAME is the new name you want to set. If the
    context being renamed is the 'current-context', this field will also be updated.

    \b
    Examples:
      # Rename the context 'old-name' to 'new-name' in your kubeconfig file
      pykubectl config rename-context old-name new-name
    """
    env = common.env_of()
    if len(names) != 2:
        env.stdout.write(click.get_current_context().get_help() + "\n")
        raise errors.UsageError(f"error: Unexpected args: [{' '.join(names)}]")
    old, new = names
    path = _path(env)
    cfg = kubeconfig.load(path)
    ctxs = kubeconfig.contexts(cfg)
    if old not in ctxs:
        raise errors.ClientError(f'error: cannot rename the context "{old}", it\'s not in {path}')
    if new in ctxs:
        raise errors.ClientError(f'error: cannot rename the context "{old}", the context "{new}" already exists in {path}')
    ctxs[new] = ctxs.pop(old)
    kubeconfig.set_contexts(cfg, ctxs)
    if cfg.get("current-context") == old:
        cfg["current-context"] = new
    kubeconfig.save(path, cfg)
    common.echo(env, f'Context "{old}" renamed to "{new}".')


@config_group.command("delete-context", context_settings=CTX)
@click.argument("name", required=False)
def delete_context_cmd(name: str | None) -> None:
    """Delete the specified context from the kubeconfig.

    \b
    Examples:
      # Delete the context for the staging store
      pykubectl config delete-context staging
    """
    env = common.env_of()
    if not name:
        click.echo(click.get_current_context().get_help(), file=env.stdout)
        return
    path = _path(env)
    cfg = kubeconfig.load(path)
    ctxs = kubeconfig.contexts(cfg)
    if name not in ctxs:
        raise errors.ClientError(f"error: cannot delete context {name}, not in {path}")
    if cfg.get("current-context") == name:
        common.err(env, 'warning: this removed your active context, use "kubectl config use-context" to select a '
                        "different one")
    del ctxs[name]
    kubeconfig.set_contexts(cfg, ctxs)
    kubeconfig.save(path, cfg)
    common.echo(env, f"deleted context {name} from {path}")


COMMANDS = {"config": config_group}
