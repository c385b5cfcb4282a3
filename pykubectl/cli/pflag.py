"""kubectl's command-line grammar, spf13/pflag's rules, with no click: the one parser every command goes through.

A command's flags are a list of ``Flag`` (name, shorthand, type, default, the value a bare flag means, usage,
deprecation). ``parse`` reads a command line against them exactly as pflag does:

- ``--name``, ``--name=value``, ``--name value``; a flag that has a value for its bare form (every boolean: "true";
  ``--dry-run``: "unchanged") never takes the next word, only ``--name=value``;
- shorthands: ``-o yaml``, ``-oyaml``, ``-o=yaml``, combined booleans ``-Aw``, ``-R=false``;
- booleans read values as Go's strconv.ParseBool does (1 t T TRUE true True / 0 f F FALSE false False);
- ``_`` in a long name reads as ``-`` (kubectl's word-separator normalisation);
- ``--`` ends the flags; flags and arguments mix freely (a group stops at its first argument: its subcommand);
- a list flag appends (a comma-separated ``stringSlice`` splits its values as CSV), anything else keeps the last.

Errors are raised as ``FlagError`` with pflag's text (the caller adds kubectl's ``error: `` and hint lines).
cli/main.py reads click commands through this parser (``click_flags`` makes their Flag lists); the fast paths
(cli/fastget.py, cli/fastapply.py) use it with the same tables, without importing click.
"""

from __future__ import annotations

from typing import Any, Iterable

BOOL_TRUE = frozenset(("1", "t", "T", "TRUE", "true", "True"))
BOOL_FALSE = frozenset(("0", "f", "F", "FALSE", "false", "False"))
LIST_KINDS = ("stringSlice", "stringArray")


class FlagError(Exception):
    """A usage error in pflag's words (``unknown flag: --x``)."""


class Flag:
    """One flag of a command. ``kind``: bool, string, int, stringSlice (comma-separated, repeatable), stringArray
    (repeatable), stringToString (``k=v`` pairs, comma-separated, repeatable: a dict). ``bare``: the value the flag has when given without one (pflag's NoOptDefVal; "true" for bools)."""

    __slots__ = ("name", "shorthand", "kind", "dest", "default", "bare", "usage", "deprecated", "hidden", "shown")

    def __init__(self, name: str, shorthand: str = "", kind: str = "string", dest: str = "", default: Any = None,
                 bare: str | None = None, usage: str = "", deprecated: str = "", hidden: bool = False,
                 shown: str | None = None):
        self.name = name
        self.shorthand = shorthand
        self.kind = kind
        self.dest = dest or name.replace("-", "_")
        self.default = default
        self.bare = "true" if bare is None and kind == "bool" else bare
        self.usage = usage
        self.deprecated = deprecated
        self.hidden = hidden
        self.shown = shown  # the default help shows, where ``default`` is a "not given" marker (--dry-run: 'none')

    def __repr__(self) -> str:
        return f"Flag({self.name!r}, {self.shorthand!r}, {self.kind!r})"

    def label(self) -> str:
        """How pflag names the flag in an invalid-value error: ``-R, --recursive`` or ``--wait``."""
        return f"-{self.shorthand}, --{self.name}" if self.shorthand else f"--{self.name}"


def parse_bool(text: str) -> bool:
    if text in BOOL_TRUE:
        return True
    if text in BOOL_FALSE:
        return False
    raise ValueError(f'strconv.ParseBool: parsing "{text}": invalid syntax')


def parse_int(text: str) -> int:
    """Go's strconv.ParseInt(text, 0, 64): an optional sign, then decimal, 0x/0o/0b or 0-prefixed octal; ``_``
    only between digits after a base prefix."""
    s = text[1:] if text[:1] in "+-" else text
    base, digits, prefixed = 10, s, True
    low = s.lower()
    if low.startswith(("0x", "0o", "0b")):
        base, digits = {"x": 16, "o": 8, "b": 2}[low[1]], s[2:]
    elif len(s) > 1 and s[0] == "0":
        base, digits = 8, s[1:]
    else:
        prefixed = False
    if "_" in digits:
        # Go's literal syntax: "_" only between digits, or between a base prefix and a digit.
        if (digits.startswith("_") and not prefixed) or digits.endswith("_") or "__" in digits:
            raise ValueError(f'strconv.ParseInt: parsing "{text}": invalid syntax')
        digits = digits.replace("_", "")
    try:
        if not digits or not all(c.isascii() and c.isalnum() for c in digits):
            raise ValueError
        value = int(digits, base)
    except ValueError:
        raise ValueError(f'strconv.ParseInt: parsing "{text}": invalid syntax') from None
    value = -value if text[:1] == "-" else value
    if not -(2**63) <= value < 2**63:
        raise ValueError(f'strconv.ParseInt: parsing "{text}": value out of range')
    return value


def _csv_fields(text: str) -> list[str]:
    """pflag's stringSlice reads a value as one CSV record (so quotes may protect commas)."""
    if text == "":
        return []
    if '"' not in text:
        return text.split(",")
    import csv

    return next(csv.reader([text]))


class Parsed:
    """What a command line held: ``values`` by dest (only flags that were given), ``order`` (the flags in the order
    first given), ``args`` (the positional words), ``dash`` (how many of them stood before ``--``, None without
    one: cobra's ArgsLenAtDash), ``deprecations`` (pflag's warning lines, in order)."""

    __slots__ = ("values", "order", "args", "dash", "deprecations")

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.order: list[Flag] = []
        self.args: list[str] = []
        self.dash: int | None = None
        self.deprecations: list[str] = []


class FlagSet:
    """A command's flags, looked up as pflag does."""

    __slots__ = ("flags", "long", "short")

    def __init__(self, flags: Iterable[Flag]):
        self.flags = list(flags)
        self.long = {f.name: f for f in self.flags}
        self.short = {f.shorthand: f for f in self.flags if f.shorthand}

    def parse(self, args: list[str], interspersed: bool = True) -> Parsed:
        out = Parsed()
        i = 0
        n = len(args)
        while i < n:
            a = args[i]
            i += 1
            if len(a) < 2 or a[0] != "-":
                out.args.append(a)
                if not interspersed:
                    out.args.extend(args[i:])
                    return out
                continue
            if a == "--":
                out.dash = len(out.args)
                out.args.extend(args[i:])
                return out
            if a[1] == "-":
                i = self._long(a, args, i, out)
            else:
                i = self._short(a, args, i, out)
        return out

    def _long(self, a: str, args: list[str], i: int, out: Parsed) -> int:
        name = a[2:]
        if not name or name[0] in "-=":
            raise FlagError(f"bad flag syntax: {a}")
        name, eq, value = name.partition("=")
        flag = self.long.get(name.replace("_", "-"))
        if flag is None:
            raise FlagError(f"unknown flag: --{name}")
        if not eq:
            if flag.bare is not None:
                value = flag.bare
            elif i < len(args):
                value = args[i]
                i += 1
            else:
                raise FlagError(f"flag needs an argument: {a}")
        self._set(flag, value, out)
        return i

    def _short(self, a: str, args: list[str], i: int, out: Parsed) -> int:
        shorts = a[1:]
        while shorts:
            c = shorts[0]
            flag = self.short.get(c)
            if flag is None:
                raise FlagError(f"unknown shorthand flag: {_go_quote_rune(c)} in -{shorts}")
            if len(shorts) > 2 and shorts[1] == "=":
                value, rest = shorts[2:], ""
            elif flag.bare is not None:
                value, rest = flag.bare, shorts[1:]
            elif len(shorts) > 1:
                value, rest = shorts[1:], ""
            elif i < len(args):
                value, rest = args[i], ""
                i += 1
            else:
                raise FlagError(f"flag needs an argument: {_go_quote_rune(c)} in -{shorts}")
            self._set(flag, value, out)
            shorts = rest
        return i

    @staticmethod
    def _set(flag: Flag, value: str, out: Parsed) -> None:
        try:
            if flag.kind == "bool":
                v: Any = parse_bool(value)
            elif flag.kind == "int":
                v = parse_int(value)
            else:
                v = value
        except ValueError as e:
            raise FlagError(f'invalid argument "{value}" for "{flag.label()}" flag: {e}') from None
        if flag.deprecated:
            out.deprecations.append(f"Flag --{flag.name} has been deprecated, {flag.deprecated}")
        first = flag.dest not in out.values
        if first:
            out.order.append(flag)
        if flag.kind == "stringSlice":
            out.values.setdefault(flag.dest, []).extend(_csv_fields(v))
        elif flag.kind == "stringArray":
            out.values.setdefault(flag.dest, []).append(v)
        elif flag.kind == "stringToString":
            out.values.setdefault(flag.dest, {}).update(_string_to_string(flag, v))
        else:
            out.values[flag.dest] = v


def _string_to_string(flag: Flag, text: str) -> dict[str, str]:
    """pflag's stringToString value: one ``k=v``, or several as one CSV record."""
    n = text.count("=")
    if n == 0:
        raise FlagError(f'invalid argument "{text}" for "{flag.label()}" flag: {text} must be formatted as key=value')
    pairs = [text.strip('"')] if n == 1 else _csv_fields(text)
    out: dict[str, str] = {}
    for pair in pairs:
        k, eq, v = pair.partition("=")
        if not eq:
            raise FlagError(f'invalid argument "{text}" for "{flag.label()}" flag: {pair} must be formatted as '
                            "key=value")
        out[k] = v
    return out


def _go_quote_rune(c: str) -> str:
    """Go's %q of a rune: 'x', with a quote or backslash escaped."""
    return "'" + {"'": "\\'", "\\": "\\\\"}.get(c, c) + "'"


def values_with_defaults(flags: Iterable[Flag], parsed: Parsed) -> dict[str, Any]:
    """Every flag's value by dest: what the line gave, else the default (lists as tuples)."""
    out: dict[str, Any] = {}
    for f in flags:
        v = parsed.values.get(f.dest, f.default)
        if f.kind in LIST_KINDS:
            v = tuple(v or ())
        out[f.dest] = v
    return out


def fast_path_values(flags: list[Flag], args: list[str]) -> dict[str, Any] | None:
    """The keyword arguments a fast path (cli/fastget.py, cli/fastapply.py) runs a command with: every flag's value
    and ``args``, the words that are not flags. None when the full path must run the line: a usage error to report,
    --help, a deprecated flag to warn about, or -k (a kustomization to build)."""
    try:
        parsed = FlagSet(flags).parse(args)
    except FlagError:
        return None
    if parsed.values.get("help") or parsed.deprecations:
        return None
    kw = values_with_defaults(flags, parsed)
    del kw["help"]
    if kw.pop("kustomize") is not None:
        return None
    kw["args"] = tuple(parsed.args)
    return kw


# ---------------------------------------------------------------------------------------------------------------
# Unknown commands: cobra's suggestions.

def levenshtein(s: str, t: str) -> int:
    s, t = s.lower(), t.lower()
    prev = list(range(len(t) + 1))
    for i, cs in enumerate(s, 1):
        cur = [i] + [0] * len(t)
        for j, ct in enumerate(t, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (cs != ct))
        prev = cur
    return prev[-1]


def suggestions(typed: str, commands: Iterable[str], distance: int = 2) -> list[str]:
    """cobra's SuggestionsFor: commands within edit distance 2 (case-insensitive) or starting with what was typed,
    in the order the commands were registered."""
    low = typed.lower()
    return [c for c in commands if levenshtein(typed, c) <= distance or c.lower().startswith(low)]
