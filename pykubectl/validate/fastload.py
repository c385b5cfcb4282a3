"""A compiled YAML fast path for validation: fastyaml-rs, used only where it provably reads what ``loader`` reads.

``loader.load`` (libyaml's composer, a go-yaml v2 resolver, a Python builder) is the definition of what a file
means. fastyaml-rs parses and builds Python objects in Rust, about three times faster, but it follows YAML 1.2's core
schema, not go-yaml v2's YAML 1.1 rules, and has no node tree for error positions. So this module only answers
"these are the documents, exactly as ``loader.load`` would build them" or ``None`` ("ask the exact loader"), and
``core.validate_text`` keeps its answer only when every document is valid (any finding is recomputed on the exact
path, so messages and positions are the exact path's by construction).

A text qualifies only if a few regular-expression searches find nothing doubtful in it (``doubtful``):

- no construct where the two parsers' rules differ or which this module does not reproduce: tags (``!``), merge
  keys (``<<``), complex keys (``?``), directives and document markers inside a chunk, tabs, carriage returns and
  other control characters, the YAML 1.1-only line breaks (NEL, LS, PS), a byte-order mark, reserved indicators
  (``@``, `````, ``%``) at the start of a scalar, block scalar headers in flow collections, at a line's start or
  with no content, anchor or alias names with more than letters, digits, ``-`` and ``_``, a second anchor
  (escapes in double-quoted scalars are read alike: tested one by one and in random texts);
- no plain scalar that the two schemas resolve differently: the YAML 1.1 booleans (``yes``, ``no``, ``on``,
  ``off``, ``y``, ``n`` in their spellings), ``=``, and every number-like scalar except plain decimal integers and
  decimals (``8080``, ``-1``, ``0.5``), which both read alike (octal, hexadecimal, binary, underscores,
  sexagesimal, exponents, ``.inf``/``.nan``, signs: the exact loader decides);
- no plain key that is not a string (``1:``, ``true:``, ``null:``, an empty key): the exact loader turns those into
  strings as kubectl does.

Token boundaries are over-approximated (a scalar starts after whitespace or ``[{,`` and ends before whitespace,
``,]}``, ``: `` or the end; comments are skipped when no quote follows on their line), so a doubtful form inside
a longer string or a quoted one only costs the slower path.
Aliases keep go-yaml's limits: with one anchor and a few aliases, a bound computed from the text proves the
expansion far below the size at which the exact loader looks closer; anything else goes to the exact loader. A
parse error of either kind, or anything fastyaml-rs refuses, also goes to the exact loader, which produces the
message. ``tests/validate/test_fastload.py`` checks the equality on generated scalars, keys and structures, on
every manifest of the project and the corpora with random one-line edits, and on random texts over YAML fragments.
Scanning costs about 17 microseconds a manifest, fastyaml-rs 37 (the exact loader about 120).
"""

from __future__ import annotations

import re
from typing import Any

from ..api.manifests import _check_flow_depth
from .stream import chunks

_SAFE_NUM = r"-?(?:0|[1-9][0-9]*+)(?:\.[0-9]++)?"
# YAML separates tokens with spaces, tabs and line breaks only (tabs and carriage returns are refused below).
_END = r"(?=[ \n,\]}]|\Z|:(?:[ \n,\]}]|\Z))"
# Number-like plain scalars of either schema (YAML 1.1 as PyYAML's resolvers, YAML 1.2 core, and the hexadecimal
# and octal prefixes in capitals that fastyaml-rs also reads), over-approximated.
_NUMERIC = (r"[-+]?(?:0[bB][0-1_]+|0[oO]?[0-7_]+|0[xX][0-9a-fA-F_]+"
            r"|[0-9][0-9_]*(?::[0-5]?[0-9])*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?"
            r"|\.[0-9][0-9_]*(?:[eE][-+]?[0-9]+)?|\.(?:inf|Inf|INF|nan|NaN|NAN))")
# Constructs the two parsers may treat differently, or that this module does not reproduce.
_DOUBTFUL_CHARS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_DOUBTFUL_LINES = re.compile(r"\n(?:%|---(?![ ]*(?:\n|\Z))|\.\.\.)")
# A block scalar header inside a flow collection, a colon right before a flow indicator (libyaml refuses both).
_DOUBTFUL_FLOW = re.compile(r"[\[{,][ ]*[|>]|:[,\]}]")
# Anchor and alias names with more than letters, digits, '-' and '_'.
_DOUBTFUL_ANCHOR = re.compile(r"&(?![\w-]+[ \n])")
_DOUBTFUL_ALIAS = re.compile(r"\*[\w-]+(?![ \n,\]}\w-]|\Z)")  # ('*' alone: both parsers refuse it)
# Block scalars: a header where a line's content starts (a document's root scalar, or a value on a line of its
# own), and an empty block scalar (the next line that is not blank is not indented deeper than the header's line):
# libyaml and fastyaml-rs read those differently.
_DOUBTFUL_BLOCK = re.compile(r"\n *+[|>]|^( *+)[^\n]*?[|>][-+1-9]{0,2} *+(?:#[^\n]*)?\n(?: *+\n)*+(?!\1 )", re.M)
# Comments: a '#' at the start of a line or after a space, to the end of the line, when no quote follows on that
# line. Such a text holds no plain scalar: a comment, the inside of a block scalar, or the inside of a quoted
# scalar that does not end on that line. The token search skips them.
_COMMENTS = re.compile(r"(?<![^ \n])#[^\n'\"]*+(?=\n|\Z)")
# Plain scalars the two schemas may resolve differently, and plain keys that are not strings. A candidate starts
# after a space, a line break or ``[{,`` (the text is searched with a line break in front).
_DOUBTFUL_TOKENS = re.compile(
    r"[ \n\[{,]"
    r"(?=[?@`%!,\]}|>yYnNoO=0-9+\-.tTfF~:])"
    r"(?=[yYnN](?:[ \n,\]}:]|\Z)|[yY]es|YES|[nN]o|NO|[oO][nf]|O[NF]|[tT]r|TR|[fF]a|FA|[nN]u|NU"
    r"|[?@`%!,\]}|>=~:0-9+.]|-[0-9.])(?:"
    r"[?@`%!,:]|(?<!\[)\]|(?<!{)}"  # indicators that cannot start a plain scalar, tags, complex and empty keys
    r"|[|>](?![-+1-9]{0,2} *+\n)"  # a block scalar header with more than the usual indicators
    r"|(?:[yYnN]|[yY]es|YES|[nN]o|NO|[oO]n|ON|[oO]ff|OFF|=)" + _END
    + r"|(?:" + _SAFE_NUM + r"|true|True|TRUE|false|False|FALSE|null|Null|NULL|~)[ ]*(?::(?:[ \n,\]}]|\Z)|[,}])"
    r"|(?!" + _SAFE_NUM + _END + r")" + _NUMERIC + _END
    + r")")


def doubtful(text: str) -> bool:
    """Whether the text has anything the fast path cannot prove it reads as the exact loader does."""
    if "<<" in text:
        return True
    if text.isascii():
        # Within ASCII, _DOUBTFUL_CHARS is every character str.isprintable refuses but the line feed: one C pass.
        if not text.replace("\n", "").isprintable():
            return True
    elif _DOUBTFUL_CHARS.search(text) is not None:
        return True
    text = "\n" + text
    if _DOUBTFUL_LINES.search(text) is not None:
        return True
    if _DOUBTFUL_TOKENS.search(_COMMENTS.sub("", text) if "#" in text else text) is not None:
        return True
    if ("[" in text or "{" in text) and _DOUBTFUL_FLOW.search(text) is not None:
        return True
    if ("|" in text or ">" in text) and _DOUBTFUL_BLOCK.search(text) is not None:
        return True
    if "&" in text and _DOUBTFUL_ANCHOR.search(text) is not None:
        return True
    return "*" in text and _DOUBTFUL_ALIAS.search(text) is not None


_lib: Any = None


def _safe_load() -> Any:
    global _lib
    if _lib is None:
        try:
            from fast_yaml import _core

            _lib = _core.safe_load
        except ImportError:  # not installed: the exact loader does everything
            _lib = False
    return _lib


class _Root:
    """What ``core.validate_object`` reads of a document's root node when the document is valid: its line."""

    __slots__ = ("start_mark", "line", "column")

    def __init__(self, line: int):
        self.start_mark = self
        self.line = line
        self.column = 0


def _aliases_bounded(chunk: str) -> bool:
    """Whether the anchors and aliases of this text are certainly read alike and left alone by go-yaml's limits:
    at most one anchor (libyaml refuses some placements of a second one that fastyaml-rs reads), and with aliases,
    a few of them and (nodes written) x (1 + aliases) within the size below which ``loader`` does not count (an
    alias expands to at most the whole text's nodes)."""
    if chunk.count("&") > 1:
        return False
    aliases = chunk.count("*")
    if not aliases:
        return True
    if aliases > 8 or len(chunk) > 32_768:
        return False
    nodes = 2 * chunk.count(":") + chunk.count("-") + chunk.count(",") + chunk.count("[") + chunk.count("{") + 1
    return nodes * (1 + aliases) <= 500


def load(text: str) -> list[tuple[int, int, Any]] | None:
    """``[(chunk index, line of the document's root (0-based in the file), object)]`` for the non-empty documents,
    exactly as ``loader.load`` builds them, or ``None`` when that is not certain (then use ``loader.load``)."""
    safe_load = _lib if _lib is not None else _safe_load()
    if not safe_load or doubtful(text):
        return None
    if not text.endswith("\n") and ("|" in text or ">" in text):
        return None  # a block scalar at the end of the text: libyaml adds no line break there
    out: list[tuple[int, int, Any]] = []
    for ci, (line0, chunk) in enumerate(chunks(text) if "---" in text else ((0, text),)):
        if ("*" in chunk or "&" in chunk) and not _aliases_bounded(chunk):
            return None
        try:
            _check_flow_depth(chunk)
            obj = safe_load(chunk)
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
