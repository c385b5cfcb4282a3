"""Click commands read their command lines through pflag's grammar (cli/pflag.py), not click's own parser.

``install()`` swaps ``click.Command.parse_args`` for one that parses the options with the command's pflag
``FlagSet`` and hands click only the values, so every command (and group) of the tree gets kubectl's grammar and
error texts from the one parser that the fast paths use. A command's FlagSet is its table when it was declared from
one (``options_from``), else it is read from its click options: booleans (any option of type bool) take a value only
as ``--flag=value``; an option with a value for its bare form (``--dry-run``) never takes the next word; repeatable
options append.

``find_command`` finds the command a line names as cobra does (the first words that are not flags, each a
subcommand of the last), so flags may stand before the verb or between a verb and its subcommand.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

import click

from .. import errors
from .pflag import Flag, FlagError, FlagSet

_OptionParser = getattr(click.parser, "_OptionParser", None) or getattr(click.parser, "OptionParser")
try:  # click >= 8.3 keeps UNSET in ctx.params until the parse ends
    from click._utils import UNSET as _UNSET
except ImportError:  # pragma: no cover - older click
    _UNSET = None

# kubectl's comma-separated repeatable flags (pflag StringSlice); other repeatable options are StringArray.
SLICE_FLAGS = frozenset(("filename", "label-columns", "image"))


def flag_of(p: click.Option) -> Flag:
    declared = getattr(p, "pflag", None)
    if declared is not None:
        return declared
    long = next((o[2:] for o in p.opts if o.startswith("--")), "")
    short = next((o[1:] for o in p.opts if not o.startswith("--")), "")
    if isinstance(p.type, click.types.BoolParamType):
        kind, bare = "bool", None
    elif p.multiple:
        kind, bare = ("stringSlice" if long in SLICE_FLAGS else "stringArray"), None
    else:
        kind = "int" if isinstance(p.type, click.types.IntParamType) else "string"
        bare = str(p.flag_value) if p._flag_needs_value and not p.is_flag else None
        if long == "validate":
            bare = "strict"  # kubectl's --validate alone means strict
    return Flag(long or short, short if long else "", kind, dest=p.name or "", bare=bare, hidden=p.hidden,
                usage=p.help or "")


def flagset_of(cmd: click.Command, ctx: click.Context | None = None) -> FlagSet:
    fs = cmd.__dict__.get("_pflag_set")
    if fs is None:
        flags = []
        help_opt = cmd.get_help_option(ctx or click.Context(cmd))
        for p in cmd.params + ([help_opt] if help_opt is not None else []):
            if isinstance(p, click.Option):
                f = flag_of(p)
                if p is help_opt:
                    f.shorthand = "h"  # cobra gives every command -h, --help
                flags.append(f)
        fs = FlagSet(flags)
        cmd.__dict__["_pflag_set"] = fs
    return fs


def hint_path(ctx: click.Context) -> str:
    """The command path as kubectl names it in a hint: ``kubectl create namespace`` (the command's own name, not the
    alias typed)."""
    names = []
    c: click.Context | None = ctx
    while c is not None and c.parent is not None:
        names.append(c.command.name or c.info_name or "")
        c = c.parent
    return " ".join(["kubectl"] + names[::-1])


def parse_args(self: click.Command, ctx: click.Context, args: list[str]) -> list[str]:
    if ctx.ignore_unknown_options:
        return _click_parse_args(self, ctx, args)  # `__complete`: the words being completed, read as typed
    fs = flagset_of(self, ctx)
    try:
        parsed = fs.parse(args, interspersed=ctx.allow_interspersed_args)
    except FlagError as e:
        if getattr(self, "usage_error_exit", None):
            # kubectl diff reports flag errors as its own usage errors (exit 2, the -h hint).
            err = errors.UsageError(f"error: {e}\nSee '{hint_path(ctx)} -h' for help and examples")
            err.exit_code = self.usage_error_exit  # type: ignore[attr-defined]
            raise err from None
        hint = getattr(self, "flag_error_hint", None) or f"See '{hint_path(ctx)} --help' for usage."
        raise errors.UsageError(f"error: {e}\n{hint}") from None
    ctx.meta["pflag.dash"] = parsed.dash
    env = ctx.find_root().obj
    for line in parsed.deprecations:
        if env is not None:
            env.stderr.write(line + "\n")
    by_dest = {p.name: p for p in self.get_params(ctx) if isinstance(p, click.Option)}
    opts: dict[str, Any] = dict(parsed.values)
    order: list[click.Parameter] = [by_dest[f.dest] for f in parsed.order if f.dest in by_dest]
    # Arguments: click's own parser distributes the positional words (after "--", so none reads as an option).
    arg_params = [p for p in self.params if isinstance(p, click.Argument)]
    rest = parsed.args
    if arg_params:
        parser = _OptionParser(ctx)
        for p in arg_params:
            parser.add_argument(p, dest=p.name, nargs=p.nargs)
        arg_opts, rest, arg_order = parser.parse_args(args=["--"] + parsed.args)
        opts.update(arg_opts)
        order.extend(arg_order)
    if not rest and self.no_args_is_help and not args and not ctx.resilient_parsing:
        raise click.exceptions.NoArgsIsHelpError(ctx)
    for param in click.core.iter_params_for_processing(order, self.get_params(ctx)):
        _, rest = param.handle_parse_result(ctx, opts, rest)
    if _UNSET is not None:
        for name, value in ctx.params.items():
            if value is _UNSET:
                ctx.params[name] = None
    if rest and not ctx.allow_extra_args and not ctx.resilient_parsing:
        ctx.fail(f"Got unexpected extra argument{'s' if len(rest) > 1 else ''} ({' '.join(rest)})")
    ctx.args = rest
    return rest


def options_from(flags: Iterable[Flag]) -> Callable[[Any], Any]:
    """Declare a command's click options from its pflag table (the fast paths parse with the same table)."""
    flags = list(flags)

    def deco(f: Any) -> Any:
        for fl in reversed(flags):
            if fl.name == "help":
                continue  # click's own help option (help_option_names) reads as this flag
            names = ([f"-{fl.shorthand}"] if fl.shorthand else []) + [f"--{fl.name}", fl.dest]
            kw: dict[str, Any] = {"help": fl.usage, "hidden": fl.hidden}
            if fl.shown is not None:
                kw["show_default"] = fl.shown
            if fl.kind == "bool":
                kw.update(type=click.BOOL, default=bool(fl.default))
            elif fl.kind in ("stringSlice", "stringArray"):
                kw.update(multiple=True)
            elif fl.kind == "stringToString":
                kw.update(type=click.UNPROCESSED, default=None)  # the parsed dict, as it is
            elif fl.kind == "int":
                kw.update(type=int, default=fl.default)
            else:
                kw.update(default=fl.default)
                if fl.bare is not None:
                    kw.update(is_flag=False, flag_value=fl.bare)
            f = click.option(*names, **kw)(f)
            f.__click_params__[-1].pflag = fl
        return f

    return deco


def find_command(root: click.Group, args: list[str]) -> tuple[list[str], list[str]]:
    """(the command path's words, the other words in order), as cobra's Command.Find splits a line."""
    path: list[str] = []
    cmd: click.Command = root
    ctx = click.Context(root)
    while isinstance(cmd, click.Group):
        fs = flagset_of(cmd)
        words = _strip_flags(args, fs)
        if not words:
            break
        try:
            sub = cmd.get_command(ctx, words[0])
        except Exception:  # noqa: BLE001 - an unloadable name is an unknown command: the group reports it
            sub = None
        if sub is None:
            break
        path.append(words[0])
        args = _minus_first(args, words[0], fs)
        cmd = sub
    return path, args


def _takes_next(a: str, fs: FlagSet) -> bool:
    """cobra's guess, before the command is known, that a flag word is followed by its value."""
    if a.startswith("--") and "=" not in a:
        f = fs.long.get(a[2:].replace("_", "-"))
        return f is None or f.bare is None
    if a.startswith("-") and "=" not in a and len(a) == 2:
        f = fs.short.get(a[1])
        return f is None or f.bare is None
    return False


def _strip_flags(args: list[str], fs: FlagSet) -> list[str]:
    words: list[str] = []
    i = 0
    while i < len(args):
        a = args[i]
        i += 1
        if a == "--":
            break
        if _takes_next(a, fs):
            if len(args) - i < 1:
                break
            i += 1
        elif a and not a.startswith("-"):
            words.append(a)
    return words


def _minus_first(args: list[str], word: str, fs: FlagSet) -> list[str]:
    pos = 0
    while pos < len(args):
        a = args[pos]
        if a == "--":
            break
        if _takes_next(a, fs):
            pos += 2
            continue
        if not a.startswith("-") and a == word:
            return args[:pos] + args[pos + 1:]
        pos += 1
    return args


_installed = False
_click_parse_args = click.Command.parse_args


def install() -> None:
    global _installed
    if not _installed:
        click.Command.parse_args = parse_args  # type: ignore[method-assign]
        _installed = True
