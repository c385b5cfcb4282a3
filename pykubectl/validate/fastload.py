"""A compiled YAML fast path for validation: yaml-rs, used only where it provably reads what ``loader`` reads.

``loader.load`` (libyaml's composer, a go-yaml v2 resolver, a Python builder) is the definition of what a file
means. yaml-rs (Rust) parses and builds Python objects about five times faster, but it follows YAML 1.2's core
schema, not go-yaml v2's YAML 1.1 rules, and has no node tree for error positions. So this module only answers
"these are the documents, exactly as ``loader.load`` would build them" or ``None`` ("ask the exact loader"), and
``core.validate_text`` keeps its answer only when every document is valid (any finding is recomputed on the exact
path, so messages and positions are the exact path's by construction).

A text qualifies only if a few regular-expression searches find nothing doubtful in it (``doubtful``):

- no construct where the two parsers' rules differ or which this module does not reproduce: tags (``!``), merge
  keys (``<<``), complex keys (``?``), directives and document markers inside a chunk, tabs, carriage returns and
  other control characters, the YAML 1.1-only line breaks (NEL, LS, PS), a byte-order mark, reserved indicators
  (``@``, `````, ``%``) at the start of a scalar, block scalar headers in flow collections, at a line's start or
  with no content, anchor or alias names with more than letters, digits, ``-`` and ``_``
  (escapes in double-quoted scalars are read alike: tested one by one and in random texts);
- no plain scalar that the two schemas resolve differently: the YAML 1.1 booleans (``yes``, ``no``, ``on``,
  ``off``, ``y``, ``n`` in their spellings), ``=``, and every number-like scalar except plain decimal integers (up
  to 100 digits) and decimals (``8080``, ``-1``, ``0.5``), which both read alike (octal, hexadecimal, binary,
  underscores anywhere, sexagesimal, exponents, ``.inf``/``.nan``, signs: the exact loader decides);
- no plain key that is not a string (``1:``, ``true:``, ``null:``, an empty key): the exact loader turns those into
  strings as kubectl does.

Token boundaries are over-approximated (a scalar starts after whitespace or ``[{,`` and ends before whitespace,
``,]}``, ``: `` or the end; comments are skipped when no quote follows on their line), so a doubtful form inside
a longer string or a quoted one only costs the slower path. Those searches look at one line at a time, and a
line found clean is remembered, so a text costs about one ``set(text.split("\\n"))`` plus the searches over the
lines not seen before.

Each chunk then also needs (``_aliases_safe``) at most one anchor, and aliases only in the one form whose
equality is proven from the text (a label map repeated under ``labels``/``matchLabels``; yaml-rs reads an alias
inside its own anchor's node as null where the exact loader refuses it), and a nesting bound far below the depth
at which yaml-rs would overflow the C stack. A parse error of either kind, a duplicate key (yaml-rs refuses them,
the exact loader words it), or anything yaml-rs refuses also goes to the exact loader, which produces the message.
``tests/validate/test_fastload.py`` checks the equality on generated scalars, keys and structures, on every
manifest of the project and the corpora with random one-line edits, on anchors and aliases, and on random texts
over YAML fragments.
"""

from __future__ import annotations

import re
from math import isqrt
from typing import Any

from ..api.manifests import MAX_BUILD_DEPTH, _check_flow_depth
from .stream import chunks

# Plain decimals both read alike; integers of at most 100 digits (the exact loader keeps one longer than Python's
# int-to-string limit, 4300 digits by default and at least 640, a string; yaml-rs reads any length as an int).
_SAFE_NUM = r"-?(?:0|[1-9][0-9]{0,99}+)(?:\.[0-9]++)?"
# YAML separates tokens with spaces, tabs and line breaks only (tabs and carriage returns are refused below).
_END = r"(?=[ \n,\]}]|\Z|:(?:[ \n,\]}]|\Z))"
# Number-like plain scalars of either schema (YAML 1.1 as PyYAML's resolvers, YAML 1.2 core, and the hexadecimal
# and octal prefixes in capitals and ".inf"/".nan" in any case that yaml-rs also reads), over-approximated.
_NUMERIC = (r"[-+]?(?:0[bB][0-1_]+|0[oO]?[0-7_]+|0[xX][0-9a-fA-F_]+"
            r"|[0-9][0-9_]*(?::[0-5]?[0-9])*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?"
            r"|\.[0-9][0-9_]*(?:[eE][-+]?[0-9]+)?|\.(?:[iI][nN][fF]|[nN][aA][nN]))")
# Constructs the two parsers may treat differently, or that this module does not reproduce.
_DOUBTFUL_CHARS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_DOUBTFUL_LINES = re.compile(r"\n(?:%|---(?![ ]*(?:\n|\Z))|\.\.\.)")
# A block scalar header inside a flow collection (libyaml refuses it; so does a colon right before a flow indicator,
# found with ``in``).
_DOUBTFUL_FLOW = re.compile(r"[\[{,][ ]*+[|>]")
# A flow collection as a key (before a colon, or an entry of a flow mapping, over-approximated as any collection
# right after "{" or "," on a line with a "{"): yaml-rs makes it a tuple or a frozenset, the exact loader refuses it.
_FLOW_KEY = re.compile(r"[\]}][ ]*+:")
_FLOW_ENTRY_KEY = re.compile(r"[{,][ ]*+[\[{]")
# Anchor and alias names with more than letters, digits, '-' and '_'.
_DOUBTFUL_ANCHOR = re.compile(r"&(?![\w-]+(?:[ \n]|\Z))")  # (at the end of a text: see ``doubtful``)
_DOUBTFUL_ALIAS = re.compile(r"\*[\w-]+(?![ \n,\]}\w-]|\Z)")  # ('*' alone: both parsers refuse it)
# Block scalars: a header where a line's content starts (a document's root scalar, or a value on a line of its
# own), and an empty block scalar (the next line that is not blank is not indented deeper than the header's line):
# libyaml and the compiled parsers read those differently.
_DOUBTFUL_BLOCK = re.compile(r"\n *+[|>]|^( *+)[^\n]*?[|>][-+1-9]{0,2} *+(?:#[^\n]*)?\n(?: *+\n)*+(?!\1 )", re.M)
# Comments: a '#' at the start of a line or after a space, to the end of the line, when no quote follows on that
# line. Such a text holds no plain scalar: a comment, the inside of a block scalar, or the inside of a quoted
# scalar that does not end on that line. The token search skips them.
_COMMENTS = re.compile(r"(?<![^ \n])#[^\n'\"]*+(?=\n|\Z)")
# Plain scalars the two schemas may resolve differently, and plain keys that are not strings. A candidate starts
# after a space, a line break or ``[{,`` (the text is searched with a line break in front).
_DOUBTFUL_TOKENS = re.compile(
    r"[ \n\[{,]"
    r"(?=[?@`%!,\]}|>yYnNoO=0-9+\-.tTfF~:_])"
    r"(?=[yYnN](?:[ \n,\]}:]|\Z)|[yY]es|YES|[nN]o|NO|[oO][nf]|O[NF]|[tT]r|TR|[fF]a|FA|[nN]u|NU"
    r"|[?@`%!,\]}|>=~:0-9+._]|-[0-9._])(?:"
    r"[?@`%!,:]|(?<!\[)\]|(?<!{)}"  # indicators that cannot start a plain scalar, tags, complex and empty keys
    r"|[|>](?![-+1-9]{0,2} *+(?:\n|\Z))"  # a block scalar header with more than the usual indicators
    r"|(?:[yYnN]|[yY]es|YES|[nN]o|NO|[oO]n|ON|[oO]ff|OFF|=)" + _END
    + r"|(?:" + _SAFE_NUM + r"|true|True|TRUE|false|False|FALSE|null|Null|NULL|~)[ ]*(?::(?:[ \n,\]}]|\Z)|[,}])"
    r"|(?!" + _SAFE_NUM + _END + r")" + _NUMERIC + _END
    # yaml-rs drops underscores anywhere in a number ("_1", "1e1_", "._5" are numbers there, strings here)
    + r"|[-+]?(?:_|[0-9.][^ \n,\]}]*_)"
    + r")")


_NOT_BRACKETS = re.compile(r"[^\[\]{}]++")


def _flow_within_line(line: str) -> bool:
    """Whether every flow collection this line opens certainly closes on it (yaml-rs reads implicit keys that span
    lines in a flow mapping, libyaml refuses them, so flow collections that span lines go to the exact loader).
    Yes when the line has no quote and no ``#`` and its brackets nest properly: a bracket that is not an indicator
    can only sit in a plain scalar before the first real one (after it, in flow context, every bracket is real), so
    a collection left open would leave an opening bracket unmatched at the end."""
    if '"' in line or "'" in line or "#" in line:
        return False
    brackets = _NOT_BRACKETS.sub("", line)
    while "[]" in brackets or "{}" in brackets:
        brackets = brackets.replace("[]", "").replace("{}", "")
    return not brackets


def _line_doubtful(lines: str) -> bool:
    """The checks that look at one line at a time, over ``lines`` (line breaks in front of and between them)."""
    if _DOUBTFUL_CHARS.search(lines) is not None or _DOUBTFUL_LINES.search(lines) is not None:
        return True
    if _DOUBTFUL_TOKENS.search(_COMMENTS.sub("", lines) if "#" in lines else lines) is not None:
        return True
    if ":," in lines or ":]" in lines or ":}" in lines:
        return True
    if ("[" in lines or "{" in lines or "," in lines) and _DOUBTFUL_FLOW.search(lines) is not None:
        return True
    if "[" in lines or "{" in lines or "]" in lines or "}" in lines:
        if _FLOW_KEY.search(lines) is not None:
            return True
        for line in lines.split("\n"):
            if "[" in line or "{" in line or "]" in line or "}" in line:
                if not _flow_within_line(line) or ("{" in line and _FLOW_ENTRY_KEY.search(line) is not None):
                    return True
    if "&" in lines and _DOUBTFUL_ANCHOR.search(lines) is not None:
        return True
    return "*" in lines and _DOUBTFUL_ALIAS.search(lines) is not None


# Lines found free of doubtful characters, tokens, markers, flow forms, anchor and alias names, remembered across
# texts: a line's verdict does not depend on the lines around it (no pattern of ``_line_doubtful`` spans a line
# break, and each reads the end of a line and the end of the text alike; the one that would not, a block scalar
# header or an anchor at the very end of a text, is refused first), and manifests repeat most of their lines (in
# the bench corpus, 94% of the distinct lines of a file were seen in an earlier file).
_CLEAN_LINES: set[str] = set()
_CLEAN_LINES_MAX = 100_000


def doubtful(text: str) -> bool:
    """Whether the text has anything the fast path cannot prove it reads as the exact loader does."""
    if "<<" in text:
        return True
    block = "|" in text or ">" in text
    if not text.endswith("\n") and (block or "&" in text):
        return True  # a block scalar or an anchor at the very end: libyaml adds no line break there
    lines = set(text.split("\n")).difference(_CLEAN_LINES)  # ("-=" would build an intersection first)
    if lines:
        if _line_doubtful("\n" + "\n".join(lines)):
            return True
        if len(_CLEAN_LINES) < _CLEAN_LINES_MAX:
            _CLEAN_LINES.update(lines)
    return block and _DOUBTFUL_BLOCK.search("\n" + text) is not None


_loads: Any = None


def _parser() -> Any:
    """yaml-rs's parse function, or False when it is not installed (then the exact loader does everything).

    The compiled module is loaded by itself: the package's ``__init__`` adds only keyword-argument wrappers and
    costs about 14 million instructions more (pathlib, enum classes)."""
    global _loads
    if _loads is None:
        try:
            from importlib.machinery import PathFinder

            package = PathFinder.find_spec("yaml_rs")
            spec = PathFinder.find_spec("yaml_rs._yaml_rs", package.submodule_search_locations) if package else None
            if spec is None or spec.loader is None:
                raise ImportError("yaml_rs._yaml_rs")
            module = spec.loader.create_module(spec)
            spec.loader.exec_module(module)  # type: ignore[arg-type]
            loads = module._loads
        except Exception:  # noqa: BLE001 - not installed, or laid out differently: the usual import
            try:
                from yaml_rs._yaml_rs import _loads as loads
            except ImportError:
                loads = False
        _loads = loads
    return _loads


class _Root:
    """What ``core.validate_object`` reads of a document's root node when the document is valid: its line."""

    __slots__ = ("start_mark", "line", "column")

    def __init__(self, line: int):
        self.start_mark = self
        self.line = line
        self.column = 0


# The one use of an anchor with aliases that the fast path reads (the bench corpus' Deployments write it): a label
# map, written once in block style as ``labels: &name`` (a key per line, plain or simply quoted scalar values, every
# line deeper than the anchor's), repeated after it as ``labels: *name`` or ``matchLabels: *name``.
_ENTRY = r"[\w][\w./-]*+:[ ]++(?:[\w./-][^\n#'\"\[\]{}&*|>:]*+|'[^'\n]*+'[ ]*+|\"[^\"\\\n]*+\"[ ]*+)\n"
_LABEL_ANCHOR = re.compile(r"( *)labels:[ ]+&([\w-]+)[ ]*\n( +)" + _ENTRY + r"(?:\3" + _ENTRY + r")*+")
_LABEL_ALIAS = re.compile(r" *(?:labels|matchLabels):[ ]+\*([\w-]+)[ ]*(?:\n|\Z)")
_INDENT = re.compile(r" *")


def _aliases_safe(chunk: str) -> bool:
    """Whether this chunk's anchors and aliases are certainly read alike by yaml-rs and the exact loader, and left
    alone by go-yaml's limits:

    - at most one anchor (libyaml refuses some placements of a second one);
    - aliases with no anchor: none is defined, so both refuse any real one (a ``*`` in a string is no alias);
    - an anchor with aliases: only the label map above. The map ends at the first line after it that is not deeper
      than the anchor's line, and every alias comes on such a line after it, so no alias lies inside its anchor's
      node: yaml-rs reads an alias inside its own node as null where the exact loader refuses it. No ``[`` or
      ``{`` before the anchor: a real anchor there is in block context, and one in a scalar or comment is none at
      all (any alias is then undefined). yaml-rs copies an aliased node where the exact loader shares one object;
      that matters only when validation changes the map in place, and the create path changes label maps only to
      add a Job's generated labels to its pod template's (the Job's own labels, equal before, end up equal) and a
      Namespace's name label (a Namespace has no other label map);
    - at most 8 aliases in at most 32 KiB: go-yaml refuses "excessive aliasing" only when more than 0.99 of the
      nodes it decodes come from aliases (below 400,000 nodes), and 8 copies of the map next to the map itself
      are at most 8/9 of them."""
    amp = chunk.find("&")
    if amp >= 0 and chunk.find("&", amp + 1) >= 0:
        return False
    star = chunk.find("*")
    if star < 0 or amp < 0:
        return True
    if len(chunk) > 32_768:
        return False
    start = chunk.rfind("\n", 0, amp) + 1
    m = _LABEL_ANCHOR.match(chunk, start)
    if m is None or len(m.group(3)) <= len(m.group(1)):
        return False
    if chunk.find("[", 0, start) >= 0 or chunk.find("{", 0, start) >= 0:
        return False
    end = m.end()
    if end < len(chunk):  # the line after the map: not deeper than the anchor's, not an entry of a sequence
        content = _INDENT.match(chunk, end).end()
        if content - end > len(m.group(1)) or content == len(chunk) or chunk[content] in " \n#-":
            return False
    if star < end:
        return False
    name = m.group(2)
    aliases = 0
    while star >= 0:  # each alias (every "*", all after the map) on a line of its own, naming the anchor
        alias = _LABEL_ALIAS.match(chunk, chunk.rfind("\n", 0, star) + 1)
        aliases += 1
        if alias is None or alias.group(1) != name or aliases > 8:
            return False
        star = chunk.find("*", alias.end())
    return True


# yaml-rs recurses once per nested node and overflows the C stack (the process dies) some 10,000 levels down. It
# refuses flow collections nested deeper than about 256 itself; in block style, a sequence level needs a "-" and a
# mapping level either follows a "-" or is indented deeper than its parent, on a line of its own (k such levels
# take k * k / 2 characters). So a chunk nests at most 2 * count("-") + isqrt(2 * len) + 512 deep: above
# _NESTING_BOUND (1000 characters can nest at most 2556 deep), the exact loader reads it (it refuses nesting beyond
# api.manifests.MAX_BUILD_DEPTH, 1000, anyway).
_NESTING_BOUND = 3000


def load(text: str) -> list[tuple[int, int, Any]] | None:
    """``[(chunk index, line of the document's root (0-based in the file), object)]`` for the non-empty documents,
    exactly as ``loader.load`` builds them, or ``None`` when that is not certain (then use ``loader.load``)."""
    loads = _loads if _loads is not None else _parser()
    if not loads or doubtful(text):
        return None
    out: list[tuple[int, int, Any]] = []
    for ci, (line0, chunk) in enumerate(chunks(text) if "---" in text else ((0, text),)):
        if ("*" in chunk or "&" in chunk) and not _aliases_safe(chunk):
            return None
        try:
            if len(chunk) > MAX_BUILD_DEPTH:  # shorter, nothing reaches either bound
                dashes = chunk.count("-")
                if 2 * dashes + isqrt(2 * len(chunk)) + 512 > _NESTING_BOUND:
                    return None
                if dashes > MAX_BUILD_DEPTH or "[" in chunk or "{" in chunk:
                    _check_flow_depth(chunk)  # the exact loader's depth refusals (kubectl's), found by counting
            # one document (no markers inside a chunk); timestamps stay strings, duplicate keys are refused
            obj = loads(chunk, parse_datetime=False)
        except Exception:  # noqa: BLE001 - any refusal (syntax, limits, keys): the exact loader words it
            return None
        if obj is None:
            if chunk.strip() and not _only_comments(chunk):
                return None  # a null document: counted as the exact loader counts it
            continue
        out.append((ci, line0 + _first_content_line(chunk), obj))
    return out


def _only_comments(chunk: str) -> bool:
    return all(not ln.strip() or ln.lstrip().startswith("#") for ln in chunk.splitlines())


def _first_content_line(chunk: str) -> int:
    """0-based line of the root node: the first line that is not blank and not a comment."""
    pos = 0
    n = len(chunk)
    line = 0
    while pos < n:
        end = chunk.find("\n", pos)
        if end < 0:
            end = n
        stripped = chunk[pos:end].lstrip(" ")
        if stripped and not stripped.startswith("#"):
            return line
        pos = end + 1
        line += 1
    return line
