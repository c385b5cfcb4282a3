"""The click command tree: lazy verb loading and cobra-worded usage errors. Global flags and the error boundary
are in boundary.py, the console-script entry (with the fast path of get) in entry.py."""

from __future__ import annotations

import sys

import click

from .. import errors
from ..env import Env

# Verb -> module in pykubectl.cli: imported only when that verb runs, so each command pays for its own imports.
VERBS = {
    "apply": "apply",
    "apply view-last-applied": "apply_last_applied",  # apply's subcommands (found by _dispatch)
    "apply set-last-applied": "apply_last_applied",
    "apply edit-last-applied": "apply_last_applied",
    "create": "apply",
    "get": "get",
    "describe": "describe",
    "delete": "delete",
    "scale": "scale",
    "set": "set_cmd",
    "rollout": "rollout",
    "api-resources": "api_resources",
    "api-versions": "api_resources",
    "version": "version",
    "cluster": "cluster",
    "cluster-info": "cluster_info",
    "completion": "completion",
    "run": "run_expose",
    "expose": "run_expose",
    "autoscale": "run_expose",
    "label": "label",
    "annotate": "annotate",
    "patch": "patch",
    "replace": "replace",
    "edit": "edit",
    "diff": "diff",
    "config": "config",
    "cordon": "nodeops",
    "uncordon": "nodeops",
    "drain": "nodeops",
    "taint": "nodeops",
    "logs": "logs",
    "exec": "exec",
    "attach": "attach",
    "port-forward": "portforward",
    "proxy": "proxy",
    "cp": "cp",
    "explain": "explain",
    "__complete": "completion",
    "top": "top",
    "validate": "validate",
    "store": "storecmd",
    "wait": "wait",
    "events": "events",
    "plugin": "plugin",
    "serve": "serve",
    "dashboard": "dashboard",
    "auth": "auth",
    "certificate": "certificate",
    "debug": "debug",
    "kustomize": "kustomize_cmd",
    "options": "options",
    "help": "help_cmd",
}

from .boundary import GLOBAL_WITH_VALUE, guarded, split_globals  # noqa: E402,F401 - re-exported


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(VERBS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        mod = VERBS.get(name)
        if mod is None:
            return None
        import importlib

        m = importlib.import_module(f"pykubectl.cli.{mod}")
        return getattr(m, "COMMANDS")[name]

    def resolve_command(self, ctx: click.Context, args: list[str]):  # type: ignore[override]
        name = args[0] if args else ""
        if name and name not in VERBS and not name.startswith("-"):
            raise errors.UsageError(unknown_command(name))
        return super().resolve_command(ctx, args)


# kubectl's commands in the order it registers them (cobra suggests in this order), then pykubectl's own.
SUGGESTED = ("create expose run set explain get edit delete rollout scale autoscale certificate cluster-info top "
             "cordon uncordon drain taint describe logs attach exec port-forward proxy cp auth debug events diff "
             "apply patch replace wait kustomize label annotate completion config plugin version api-versions "
             "api-resources options cluster validate store").split()


def unknown_command(name: str) -> str:
    """cobra's text for an unknown command, with its "Did you mean this?" list."""
    from .pflag import suggestions

    found = suggestions(name, SUGGESTED)
    more = "\n\nDid you mean this?\n" + "".join(f"\t{c}\n" for c in found) if found else "\n"
    return f'error: unknown command "{name}" for "kubectl"{more}'


CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 120}


@click.group(cls=LazyGroup, context_settings=CONTEXT_SETTINGS, invoke_without_command=True)
@click.pass_context
def cli(ctx: click.Context) -> None:
    """pykubectl controls a simulated Kubernetes cluster kept in one SQLite file.

    Find more information at: https://kubernetes.io/docs/reference/kubectl/
    """
    if ctx.invoked_subcommand is None:
        # kubectl's root runs its help: on stdout, exit 0 (whatever click version decides for a bare group).
        from . import common

        common.echo(common.env_of(ctx), ctx.get_help())


from .click_grammar import find_command  # noqa: E402
from .click_grammar import install as _install_grammar  # noqa: E402 - pflag's grammar for every command
from .helpfmt import install as _install_help  # noqa: E402 - kubectl's help layout for every command

_install_help()
_install_grammar()


def _usage_message(e: click.exceptions.UsageError) -> str:
    """Usage errors in cobra's words, with kubectl's 'error: ' prefix."""
    if isinstance(e, click.exceptions.NoSuchOption):
        opt = e.option_name
        if opt.startswith("--"):
            return f"error: unknown flag: {opt.split('=', 1)[0]}"
        return f"error: unknown shorthand flag: '{opt.lstrip('-')[:1]}' in {opt}"
    msg = e.format_message()
    if isinstance(e, click.exceptions.BadOptionUsage) and "requires an argument" in msg:
        return f"error: flag needs an argument: {e.option_name}"
    if isinstance(e, click.exceptions.BadParameter) and e.param is not None and e.param.opts:
        import re

        m = re.search(r"'([^']*)' is not a valid (integer|float)", msg)
        flag = e.param.opts[-1]
        if m:
            parse = "ParseInt" if m.group(2) == "integer" else "ParseFloat"
            return (f'error: invalid argument "{m.group(1)}" for "{flag}" flag: strconv.{parse}: parsing '
                    f'"{m.group(1)}": invalid syntax')
        return f'error: invalid argument for "{flag}" flag: {msg}'

    return "error: " + msg[0].lower() + msg[1:] if msg else "error: invalid arguments"


def main(argv: list[str] | None = None, env: Env | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    env = env or Env.from_environ()
    return guarded(env, lambda: _dispatch(argv, env))


def _dispatch(argv: list[str], env: Env) -> int:
    path, rest = find_command(cli, split_globals(argv, env))
    if path == ["apply"]:
        path, rest = _apply_subcommand(rest)
    if any(a == "--record" or a.startswith("--record=") for a in rest):
        rest = _record_flag(path, rest, argv, env)
    if not path and rest and rest[0].startswith("-") and any(not a.startswith("-") for a in rest):
        # kubectl found no command (a flag before it took the verb as its value) and looks for a plugin instead.
        raise errors.UsageError(f"Error: flags cannot be placed before plugin name: {rest[0]}")
    args = path + rest
    try:
        cli.main(args=args, prog_name="pykubectl", standalone_mode=False, obj=env)
    except click.exceptions.NoSuchOption as e:
        msg = _usage_message(e)
        if _verb(args) == "kustomize":  # kustomize's own command words its flag errors in lower case
            msg = msg.replace("Error: ", "error: ", 1)
        raise errors.UsageError(msg + _see_help(args)) from None
    except click.exceptions.UsageError as e:
        if type(e).__name__ == "NoArgsIsHelpError" and e.ctx is not None:
            # A group run without a subcommand that has no run of its own (the root, certificate): cobra prints
            # its help on stdout and exits 0, as click before 8.2 did.
            env.stdout.write(e.ctx.get_help() + "\n")
            return 0
        unknown = _unknown_subcommand(e, rest)
        if unknown:
            raise errors.UsageError(unknown) from None
        raise errors.UsageError(_usage_message(e) + _see_help(args)) from None
    except click.exceptions.Abort:
        raise errors.Interrupted("") from None
    except click.exceptions.Exit as e:
        return e.exit_code
    return 0


# The commands that accept kubectl 1.32's deprecated --record (cli-runtime's RecordFlags), by their names: as
# real kubectl 1.32 answered (replace, set env, create's subcommands and rollout refuse it).
RECORD_COMMANDS = frozenset({("annotate",), ("apply",), ("apply edit-last-applied",), ("autoscale",), ("create",), ("edit",), ("expose",),
                             ("label",), ("patch",), ("run",), ("scale",), ("set", "image"),
                             ("set", "resources"), ("set", "selector"), ("set", "serviceaccount")})
_BOOLS = {"true": True, "1": True, "t": True, "T": True, "TRUE": True, "True": True,
          "false": False, "0": False, "f": False, "F": False, "FALSE": False, "False": False}


def _record_flag(path: list[str], rest: list[str], argv: list[str], env: Env) -> list[str]:
    """--record on a command that has it: cobra's deprecation line, then (when true) the command line kept for the
    client to write as each changed object's kubernetes.io/change-cause. Other commands keep the word, and their
    parser refuses it as kubectl's does."""
    ctx = click.Context(cli)
    cmd: click.Command | None = cli
    names: list[str] = []
    for word in path:
        cmd = cmd.get_command(ctx, word) if isinstance(cmd, click.Group) else None
        if cmd is None:
            return rest
        names.append(cmd.name or word)
    if tuple(names) not in RECORD_COMMANDS:
        return rest
    record = True
    kept = []
    for a in rest:
        if a == "--record":
            record = True
        elif a.startswith("--record=") and a[len("--record="):] in _BOOLS:
            record = _BOOLS[a[len("--record="):]]
        else:
            kept.append(a)
            continue
    env.stderr.write("Flag --record has been deprecated, --record will be removed in the future\n")
    if record and cmd is not None:
        env.change_cause = _change_cause(argv, cmd)
    return kept


def _change_cause(argv: list[str], cmd: click.Command) -> str:
    """cli-runtime's parseCommandArguments: the program's name, the words that are not flags, then every flag given
    as ``--name=value`` in the order it stands (globals included, short forms under their long names)."""
    import os

    from .boundary import GLOBAL_FLAGS
    from .click_grammar import flagset_of

    fs = flagset_of(cmd)
    short_globals = {v[0]: k for k, v in GLOBAL_FLAGS.items() if v[0]}

    def lookup(name: str, short: bool) -> tuple[str, bool]:
        f = fs.short.get(name) if short else fs.long.get(name)
        if f is not None:
            return f.name, f.kind == "bool"
        long = short_globals.get(name, "") if short else name
        spec = GLOBAL_FLAGS.get(long)
        return (long or name), (spec is not None and spec[1] == "bool") or (long or name) == "record"

    words: list[str] = []
    flags = ""
    i = 0
    while i < len(argv):
        a = argv[i]
        i += 1
        if a == "--":
            words.extend(argv[i:])
            break
        if a.startswith("--") and len(a) > 2:
            name, eq, value = a[2:].partition("=")
            long, is_bool = lookup(name, False)
        elif a.startswith("-") and len(a) > 1:
            long, is_bool = lookup(a[1], True)
            eq, value = ("=", a[2:].removeprefix("=")) if len(a) > 2 else ("", "")
        else:
            words.append(a)
            continue
        if not eq:
            if is_bool:
                value = "true"
            elif i < len(argv):
                value = argv[i]
                i += 1
        flags += f" --{long}={value}"
    base = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else "kubectl"
    return base + ("".join(" " + w for w in words)) + flags


APPLY_SUBCOMMANDS = ("view-last-applied", "set-last-applied", "edit-last-applied")


def _apply_subcommand(rest: list[str]) -> tuple[list[str], list[str]]:
    """apply is a command with subcommands (cobra finds them as its first words that are not flags): route
    ``apply view-last-applied …`` to the command registered as "apply view-last-applied"."""
    from .click_grammar import _minus_first, _strip_flags, flagset_of

    apply_cmd = cli.get_command(click.Context(cli), "apply")
    fs = flagset_of(apply_cmd)
    words = _strip_flags(rest, fs)
    if words and words[0] in APPLY_SUBCOMMANDS:
        return [f"apply {words[0]}"], _minus_first(rest, words[0], fs)
    return ["apply"], rest


def _verb(args: list[str]) -> str:
    return next((a for a in args if not a.startswith("-")), "")
def _unknown_subcommand(e: click.exceptions.UsageError, rest: list[str]) -> str:
    """kubectl's text for an unknown subcommand of a command group (DefaultSubCommandRun), or ''."""
    import re

    m = re.match(r"No such command '(.*?)'", e.format_message())
    if not m or e.ctx is None or e.ctx.parent is None:
        return ""
    from .click_grammar import hint_path

    words = " ".join(w for w in rest if not w.startswith("-")) or m.group(1)
    return f'error: unknown command "{words}"\nSee \'{hint_path(e.ctx)} -h\' for help and examples'


def _see_help(args: list[str]) -> str:
    verb = _verb(args)
    return f"\nSee 'kubectl {verb} --help' for usage." if verb else ""


def run() -> None:
    from .entry import run as entry_run

    entry_run()


if __name__ == "__main__":  # pragma: no cover
    run()
