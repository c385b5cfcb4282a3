"""plugin list: the kubectl-* executables on PATH, as kubectl's plugin command lists them (kubectl/pkg/cmd/plugin):
each PATH directory once, in PATH order, its files by name; warnings for a plugin that is not executable, one
hidden by an earlier one of the same name, or one named after a kubectl command."""

from __future__ import annotations

import os

import click

from .. import errors
from . import common

CTX = {"help_option_names": ["-h", "--help"]}


@click.group("plugin", context_settings=CTX, invoke_without_command=True)
@click.pass_context
def plugin_group(ctx: click.Context) -> None:
    """Provides utilities for interacting with plugins.

    Plugins provide extended functionality that is not part of the major command-line distribution. Please refer
    to the documentation and examples for more information about how write your own plugins.

    The easiest way to discover and install plugins is via the kubernetes sub-project krew: [krew.sigs.k8s.io]. To
    install krew, visit https://krew.sigs.k8s.io/docs/user-guide/setup/install

    \b
    Examples:
      # List all available plugins
      pykubectl plugin list
    \b
      # List only binary names of available plugins without paths
      pykubectl plugin list --name-only
    """
    common.help_without_subcommand(ctx)


@plugin_group.command("list", context_settings=CTX)
@click.option("--name-only", is_flag=True, help="If true, display only the binary name of each plugin, rather than its full path")
@click.argument("ignored_args", nargs=-1)
def plugin_list_cmd(name_only: bool, ignored_args: tuple[str, ...] = ()) -> None:
    """List all available plugin files on a user's PATH.

    Available plugin files are those that are: - executable - anywhere on the user's PATH - begin with "kubectl-"

    \b
    Examples:
      # List all available plugins
      pykubectl plugin list
    \b
      # List only binary names of available plugins without paths
      pykubectl plugin list --name-only
    """
    from .main import SUGGESTED

    env = common.env_of()
    found: list[str] = []
    seen_dirs: set[str] = set()
    for d in os.environ.get("PATH", "").split(os.pathsep):
        if not d or d in seen_dirs:
            continue
        seen_dirs.add(d)
        try:
            names = sorted(os.listdir(d))
        except OSError:
            continue
        found.extend(os.path.join(d, n) for n in names
                     if n.startswith("kubectl-") and not os.path.isdir(os.path.join(d, n)))
    if not found:
        raise errors.ClientError("error: unable to find any kubectl plugins in your PATH")
    env.stdout.write("The following compatible plugins are available:\n\n")
    warnings = 0
    first: dict[str, str] = {}
    for path in found:
        name = os.path.basename(path)
        env.stdout.write((name if name_only else path) + "\n")
        env.stdout.flush()
        lines = []
        if not os.access(path, os.X_OK):
            lines.append(f"{path} identified as a kubectl plugin, but it is not executable")
        if name in first:
            lines.append(f"{path} is overshadowed by a similarly named plugin: {first[name]}")
        else:
            first[name] = path
        command = name.removeprefix("kubectl-").split("-")[0]
        if command in SUGGESTED:  # derived: kubectl names the deepest matching subcommand; here the verb
            lines.append(f'{name} overwrites existing command: "kubectl {command}"')
        for text in lines:
            common.err(env, f"  - warning: {text}")
        warnings += len(lines)
    if warnings == 1:
        raise errors.ClientError("error: one plugin warning was found")
    if warnings:
        raise errors.ClientError(f"error: {warnings} plugin warnings were found")


COMMANDS = {"plugin": plugin_group}
