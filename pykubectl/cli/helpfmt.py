"""kubectl's help layout for every click command: description, ``Aliases:``, ``Examples:``, ``Available Commands:``,
``Options:``, ``Usage:``, and the closing hints — in that order, as cobra prints it.

A command kubectl has prints kubectl 1.32's own texts, recorded by tools/record_help.py into
pykubectl/data/help-1.32.json (read the first time help is printed, never on a command's way): its description,
aliases, examples, list of subcommands (the root's in kubectl's groups), usage line and each flag's Options entry.
The Options section lists the command's click options, each worded as kubectl's entry for that flag (one kubectl
lacks keeps its click help). The usage line and the example commands name the program as it was run: pykubectl, or
kubectl under that name. pykubectl's own commands write plain click docstrings (a description, then a
``\\b``-protected ``Examples:`` block). ``install()`` swaps click's ``Command.format_help`` for this one.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from typing import Any

import click

OPTIONS_HINT = 'Use "kubectl options" for a list of global command-line options (applies to all commands).'


def split_help(text: str) -> tuple[str, str]:
    """(description, examples) of a command's docstring; lines are kept as written, ``\\b`` markers dropped."""
    import inspect

    lines = inspect.cleandoc(text or "").split("\n")
    for i, ln in enumerate(lines):
        if ln.strip() == "Examples:":
            desc = "\n".join(x for x in lines[:i] if x.strip() != "\b").strip("\n")
            # A \b line between examples is where kubectl's examples have a separating "  " line.
            examples = "\n".join("  " if x.strip() == "\b" else x for x in lines[i + 1:]).strip("\n")
            return desc, examples
    return "\n".join(x for x in lines if x.strip() != "\b").strip("\n"), ""


def _default(p: click.Option) -> str:
    if isinstance(p.show_default, str):
        return p.show_default  # the default kubectl shows where the option's own is a "not given" marker
    d = p.default
    if callable(d) or not isinstance(d, (str, int, float, bool, list, tuple, type(None))):
        d = None  # click's UNSET sentinel and computed defaults
    if p.is_flag and not isinstance(p.flag_value, str):
        return "true" if d else "false"
    if p.multiple:
        return "[]" if not d else "[" + ",".join(str(x) for x in d) + "]"
    if isinstance(d, bool):
        return "true" if d else "false"
    if isinstance(d, (int, float)):
        return str(d)
    return f"'{d if d is not None else ''}'"


def _generated_entry(p: click.Option, name: str) -> str:
    short = next((o for o in p.opts if not o.startswith("--")), None)
    return f"    {short + ', ' if short else ''}--{name}={_default(p)}:\n\t{p.help or ''}"


def _options(cmd: click.Command, recorded: dict[str, str] | None = None) -> str:
    """The Options section: one entry per visible click option in kubectl's (pflag's) order, by long name; an
    option kubectl also has is worded as kubectl's recorded entry, one of pykubectl's own from its click help."""
    opts = [p for p in cmd.params if isinstance(p, click.Option) and not p.hidden
            and not set(p.opts) & {"-h", "--help"}]

    def long_name(p: click.Option) -> str:
        return next((o for o in p.opts if o.startswith("--")), p.opts[0]).lstrip("-")

    out = []
    for p in sorted(opts, key=long_name):
        name = long_name(p)
        entry = (recorded or {}).get(name)
        out.append((entry if entry is not None else _generated_entry(p, name)) + "\n")
    return "\n".join(out)


# kubectl's name where it starts a command in an example: at the line's start, after a pipe, in a process
# substitution, or after an environment assignment (`KUBE_EDITOR="nano" kubectl edit ...`).
_EXAMPLE_COMMAND = re.compile(r'(^\s*(?:[A-Z_]+="[^"]*" )?|\| |<\()kubectl(?= )', re.M)


def _named_examples(text: str, program: str) -> str:
    """kubectl's examples with each command naming the program that runs (comments are kept as kubectl wrote)."""
    if program == "kubectl":
        return text
    return _EXAMPLE_COMMAND.sub(lambda m: m.group(1) + program, text)


@functools.cache
def _recorded_texts() -> dict[str, dict[str, Any]]:
    """kubectl 1.32's help texts by command path, as tools/record_help.py recorded them (read on first help)."""
    import json

    data = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "help-1.32.json")
    with open(data, encoding="utf-8") as f:
        return json.load(f)["commands"]


def recorded_help(path: str) -> dict[str, Any] | None:
    """kubectl's recorded help for a command path ("" for the root, "create secret generic"), or None."""
    return _recorded_texts().get(path)


def program_name() -> str:
    """The name examples and usage lines give the program: kubectl when it runs under that name (a symlink or a
    copy called kubectl), pykubectl otherwise."""
    return "kubectl" if sys.argv and os.path.basename(sys.argv[0]) == "kubectl" else "pykubectl"


def command_key(ctx: click.Context) -> str:
    """The command path without the program, by the commands' own names (not the alias typed)."""
    names = []
    c: click.Context | None = ctx
    while c is not None and c.parent is not None:
        names.append(c.command.name or c.info_name or "")
        c = c.parent
    return " ".join(names[::-1])


def _rows(rows: list[tuple[str, str]], pad: int) -> str:
    return "".join(f"  {n.ljust(pad)} {h}\n" for n, h in rows)


def _subcommand_exists(cmd: click.Command, ctx: click.Context, key: str, name: str) -> bool:
    if isinstance(cmd, click.Group):
        return cmd.get_command(ctx, name) is not None
    from .main import VERBS  # apply's subcommands are verbs of their own ("apply view-last-applied")

    return f"{key} {name}".strip() in VERBS


def _command_list(cmd: click.Command, ctx: click.Context, key: str, rec: dict[str, Any] | None) -> str:
    if rec is not None and "groups" in rec:  # the root: kubectl's groups of commands
        blocks = []
        for title, rows in rec["groups"]:
            kept = [(n, h) for n, h in rows if _subcommand_exists(cmd, ctx, key, n)]
            blocks.append(title + "\n" + _rows(kept, rec["pad"]))
        return "\n".join(blocks)
    if rec is not None and "commands" in rec:
        kept = [(n, h) for n, h in rec["commands"] if _subcommand_exists(cmd, ctx, key, n)]
        return "Available Commands:\n" + _rows(kept, rec["pad"]) if kept else ""
    if not isinstance(cmd, click.Group):
        return ""
    rows = []
    for n in cmd.list_commands(ctx):
        sub = cmd.get_command(ctx, n)
        if sub is not None and not sub.hidden:
            rows.append((n, sub.get_short_help_str(limit=80).rstrip(".")))
    if not rows:
        return ""
    return "Available Commands:\n" + _rows(rows, max(len(n) for n, _ in rows) + 2)


def format_help(self: click.Command, ctx: click.Context, formatter: Any) -> None:
    key = command_key(ctx)
    program = program_name()
    path = f"{program} {key}" if key else program
    # A command kubectl has prints kubectl's recorded texts; pykubectl's own keep their click docstrings.
    rec = recorded_help(key)
    if rec is not None:
        desc, examples = rec["long"], _named_examples(rec.get("example", ""), program)
    else:
        desc, examples = split_help(self.help or "")
    parts: list[str] = []
    if desc:
        parts.append(desc + "\n")
    if rec is not None and rec.get("aliases"):
        parts.append("Aliases:\n" + rec["aliases"] + "\n")
    if examples:
        parts.append("Examples:\n" + examples + "\n")
    commands = _command_list(self, ctx, key, rec)
    if commands:
        parts.append(commands)
    opts = _options(self, rec.get("options") if rec is not None else None)
    if opts:
        parts.append("Options:\n" + opts)
    if rec is not None:
        parts.append(f"Usage:\n  {path} {rec['use']}\n")
        more = rec["more"]
    elif isinstance(self, click.Group):
        parts.append(f"Usage:\n  {path} SUBCOMMAND [options]\n")
        more = True
    else:
        pieces = " ".join(x for x in self.collect_usage_pieces(ctx) if x != self.options_metavar)
        parts.append(f"Usage:\n  {path} {pieces + ' ' if pieces else ''}[options]\n")
        more = False
    tail = (f'Use "{path} <command> --help" for more information about a given command.\n' if more else "")
    formatter.write("\n".join(parts) + "\n" + tail + OPTIONS_HINT + "\n")


def root_usage() -> str:
    """The root's usage as cobra prints it after "Unknown help topic": its help without the description."""
    from .main import cli

    text = click.Context(cli, info_name=program_name()).get_help() + "\n"
    return "\n\n" + text[len(_recorded_texts()[""]["long"]) + 2:]


_installed = False


def install() -> None:
    global _installed
    if not _installed:
        click.Command.format_help = format_help  # type: ignore[method-assign]
        _installed = True
