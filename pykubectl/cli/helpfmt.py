"""kubectl's help layout for every click command: description, ``Examples:``, ``Options:`` (or, for a group,
``Available Commands:``), ``Usage:``, and the closing hint — in that order, as cobra prints it.

Commands keep writing plain click docstrings (a description, then a ``\\b``-protected ``Examples:`` block);
``install()`` swaps click's ``Command.format_help`` for one that lays them out like kubectl.
"""

from __future__ import annotations

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


def _options(cmd: click.Command) -> str:
    opts = [p for p in cmd.params if isinstance(p, click.Option) and not p.hidden
            and not set(p.opts) & {"-h", "--help"}]

    def long_name(p: click.Option) -> str:
        return next((o for o in p.opts if o.startswith("--")), p.opts[0]).lstrip("-")

    out = []
    for p in sorted(opts, key=long_name):
        short = next((o for o in p.opts if not o.startswith("--")), None)
        name = "--" + long_name(p)
        head = f"    {short + ', ' if short else ''}{name}={_default(p)}:"
        out.append(f"{head}\n\t{p.help or ''}\n")
    return "\n".join(out)


def _pykubectl_examples(text: str) -> str:
    """kubectl's examples with each command line naming pykubectl (comment lines are kept as kubectl wrote them)."""
    return "\n".join(ln.replace("kubectl ", "pykubectl ", 1) if ln.lstrip().startswith("kubectl ") else ln
                     for ln in text.split("\n"))


def format_help(self: click.Command, ctx: click.Context, formatter: Any) -> None:
    # A command may carry kubectl's recorded help verbatim (``kubectl_help``: long, example, use, aliases).
    verbatim: dict[str, str] | None = getattr(self, "kubectl_help", None)
    if verbatim is not None:
        desc, examples = verbatim["long"], _pykubectl_examples(verbatim.get("example", ""))
    else:
        desc, examples = split_help(self.help or "")
    parts: list[str] = []
    if desc:
        parts.append(desc + "\n")
    if verbatim is not None and verbatim.get("aliases"):
        parts.append("Aliases:\n" + verbatim["aliases"] + "\n")
    if examples:
        parts.append("Examples:\n" + examples + "\n")
    path = ctx.command_path.replace("pykubectl", "pykubectl", 1)
    if verbatim is not None and ctx.parent is not None:
        path = f"{ctx.parent.command_path} {self.name}"  # kubectl names the command, not the alias typed
    if isinstance(self, click.Group):
        names = [n for n in self.list_commands(ctx)]
        rows = []
        for n in names:
            sub = self.get_command(ctx, n)
            if sub is None or sub.hidden:
                continue
            rows.append((n, sub.get_short_help_str(limit=80).rstrip(".")))
        if rows:
            width = max(len(n) for n, _ in rows) + 3
            parts.append("Available Commands:\n" + "".join(f"  {n.ljust(width)}{h}\n" for n, h in rows))
        opts = _options(self)
        if opts:
            parts.append("Options:\n" + opts)
        parts.append(f"Usage:\n  {path} SUBCOMMAND [options]\n")
        tail = f'Use "{path} <command> --help" for more information about a given command.\n' + OPTIONS_HINT
    else:
        opts = _options(self)
        if opts:
            parts.append("Options:\n" + opts)
        if verbatim is not None:
            parts.append(f"Usage:\n  {path} {verbatim['use']}\n")
        else:
            pieces = " ".join(x for x in self.collect_usage_pieces(ctx) if x != self.options_metavar)
            parts.append(f"Usage:\n  {path} {pieces + ' ' if pieces else ''}[options]\n")
        tail = OPTIONS_HINT
    formatter.write("\n".join(parts) + "\n" + tail + "\n")


_installed = False


def install() -> None:
    global _installed
    if not _installed:
        click.Command.format_help = format_help  # type: ignore[method-assign]
        _installed = True
