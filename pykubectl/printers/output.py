"""YAML and JSON output byte for byte as kubectl prints objects it reads from the API server.

kubectl's YAML goes through sigs.k8s.io/yaml: the object is marshalled to JSON, decoded into generic maps and
re-encoded by go-yaml v2. So map keys come out in go-yaml's "natural" order, integral floats have already become
ints (JSON has one number type), and each string's style is whatever go-yaml's emitter (a port of libyaml) picks.
The emitter below reproduces that decision procedure and its 80-column line folding; the goldens in
tests/printers/output_cases/ were recorded from real kubectl 1.32.

kubectl's JSON is encoding/json's MarshalIndent with four spaces over unstructured maps: keys sorted by bytes,
HTML-sensitive characters escaped, non-ASCII kept.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from functools import cmp_to_key, lru_cache
from json.encoder import encode_basestring as _json_quote  # type: ignore[attr-defined]
from typing import Any

__all__ = ["to_yaml", "to_json", "to_yaml_stream", "list_wrapper"]

_BEST_WIDTH = 80  # go-yaml v2's default line width
_MAX_SIMPLE_KEY = 128  # longer keys are written in the explicit "? key" form

# Scalar styles, named as in libyaml.
_PLAIN, _SINGLE, _DOUBLE, _LITERAL = 1, 2, 3, 4


# ---------------------------------------------------------------------------------------------------------------
# go-yaml's implicit typing: a string that would read back as something else must be double-quoted.

_YAML_KEYWORDS = frozenset(
    "y Y yes Yes YES true True TRUE on On ON n N no No NO false False FALSE off Off OFF "
    "~ null Null NULL .nan .NaN .NAN .inf .Inf .INF +.inf +.Inf +.INF -.inf -.Inf -.INF".split()
)
_FLOAT_STYLE = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_BASE60 = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?\Z")
_GO_INT = re.compile(
    r"[-+]?(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|0(?:_?[0-7])*|[1-9](?:_?[0-9])*)\Z"
)
_GO_FLOAT = re.compile(
    r"[-+]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|inf|infinity|nan)\Z", re.IGNORECASE
)
_TS_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})\Z")
_TS_FULL = re.compile(
    r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})[Tt]([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(\.[0-9]+)?"
    r"(Z|[-+][0-9]{2}:[0-9]{2})\Z"
)
_TS_SPACE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2}) ([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(\.[0-9]+)?\Z")
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _valid_date(y: str, m: str, d: str) -> bool:
    year, month, day = int(y), int(m), int(d)
    if not 1 <= month <= 12 or day < 1:
        return False
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return day <= (_DAYS[month - 1] if month != 2 else (29 if leap else 28))


def _is_timestamp(s: str) -> bool:
    # Go's time.Parse with go-yaml's layouts: 4-digit year, short month/day/hour/minute/second allowed.
    m = _TS_DATE.match(s)
    if m:
        return _valid_date(*m.groups())
    m = _TS_FULL.match(s) or _TS_SPACE.match(s)
    if m:
        g = m.groups()
        if not _valid_date(g[0], g[1], g[2]):
            return False
        if int(g[3]) > 23 or int(g[4]) > 59 or int(g[5]) > 59:
            return False
        if len(g) > 7 and g[7] not in (None, "Z"):
            if int(g[7][1:3]) > 23 or int(g[7][4:6]) > 59:
                return False
        return True
    return False


def _go_parse_float_ok(s: str) -> bool:
    # strconv.ParseFloat fails on overflow (1e400), which leaves the string a plain string.
    if not _GO_FLOAT.match(s):
        return False
    try:
        v = float(s)
    except ValueError:
        return False
    return not math.isinf(v) or "inf" in s.lower()


def _resolves_to_non_string(s: str) -> bool:
    """True when go-yaml would read the plain scalar ``s`` back as null, bool, number or timestamp."""
    if s == "":
        return True
    c = s[0]
    if c in "yYnNtTfFoO~":
        return s in _YAML_KEYWORDS
    if c == ".":
        return s in _YAML_KEYWORDS or _go_parse_float_ok(s)
    if c in "+-" or "0" <= c <= "9":
        if s in _YAML_KEYWORDS:
            return True
        if "0" <= c <= "9" and _is_timestamp(s):
            return True
        plain = s.replace("_", "")
        if _GO_INT.match(plain):
            return True
        if _FLOAT_STYLE.match(plain) and _go_parse_float_ok(plain):
            return True
        if plain.startswith(("0b", "-0b")):
            digits = plain[2:] if plain[0] == "0" else plain[3:]
            return bool(digits) and all(ch in "01" for ch in digits)
        return False
    return False


# ---------------------------------------------------------------------------------------------------------------
# libyaml's scalar analysis and style selection.

_BREAKS = frozenset("\n\r\x85\u2028\u2029")


def _printable(cp: int) -> bool:
    # NEL is accepted here because go-yaml 2 does: kubectl prints "\x85" single-quoted, not escaped.
    return (
        cp == 0x0A
        or 0x20 <= cp <= 0x7E
        or cp == 0x85
        or 0xA0 <= cp <= 0xD7FF
        or (0xE000 <= cp <= 0xFFFD and cp != 0xFEFF)
    )


@lru_cache(maxsize=4096)
def _choose_style(s: str, simple_key: bool) -> int:
    requested = _LITERAL if "\n" in s else (_DOUBLE if _resolves_to_non_string(s) or _BASE60.match(s) else _PLAIN)
    if requested == _DOUBLE:
        return _DOUBLE
    n = len(s)
    block_ind = flow_ind = False
    if s.startswith(("---", "...")):
        block_ind = True
    leading_space = leading_break = trailing_space = trailing_break = False
    break_space = space_break = special = line_breaks = False
    prev_space = prev_break = False
    preceded_by_ws = True
    for i, ch in enumerate(s):
        followed_by_ws = i + 1 >= n or s[i + 1] in " \t"
        if i == 0:
            if ch in "#,[]{}&*!|>'\"%@`":
                block_ind = True
            elif ch in "?:":
                if followed_by_ws:
                    block_ind = True
            elif ch == "-":
                if followed_by_ws:
                    block_ind = True
        else:
            if ch == ":":
                if followed_by_ws:
                    block_ind = True
            elif ch == "#":
                if preceded_by_ws:
                    block_ind = True
        if not _printable(ord(ch)):
            special = True
        if ch == " ":
            if i == 0:
                leading_space = True
            if i == n - 1:
                trailing_space = True
            if prev_break:
                break_space = True
            prev_space, prev_break = True, False
        elif ch in _BREAKS:
            line_breaks = True
            if i == 0:
                leading_break = True
            if i == n - 1:
                trailing_break = True
            if prev_space:
                space_break = True
            prev_space, prev_break = False, True
        else:
            prev_space = prev_break = False
        preceded_by_ws = ch in " \t" or ch in _BREAKS
    del flow_ind  # only matters inside flow collections, which kubectl never emits with content
    plain_ok = single_ok = block_ok = True
    if leading_space or leading_break or trailing_space or trailing_break:
        plain_ok = False
    if trailing_space:
        block_ok = False
    if break_space:
        plain_ok = single_ok = False
    if space_break or special:
        plain_ok = single_ok = block_ok = False
    if line_breaks:
        plain_ok = False
    if block_ind:
        plain_ok = False

    style = requested
    if simple_key and line_breaks:
        return _DOUBLE
    if style == _PLAIN and not plain_ok:
        style = _SINGLE
    if style == _SINGLE and not single_ok:
        style = _DOUBLE
    if style == _LITERAL and (not block_ok or simple_key):
        style = _DOUBLE
    return style


# ---------------------------------------------------------------------------------------------------------------
# Scalar writers. Each returns the text that follows "key: " (or "- ") given the column where the scalar starts
# and the indentation continuation lines get; folding at spaces past column 80 mirrors the emitter.

_DQ_ESCAPES = {
    0x00: "\\0", 0x07: "\\a", 0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0B: "\\v", 0x0C: "\\f", 0x0D: "\\r",
    0x1B: "\\e", 0x22: '\\"', 0x5C: "\\\\", 0x85: "\\N", 0xA0: "\\_", 0x2028: "\\L", 0x2029: "\\P",
}  # fmt: skip


def _dq_escape(ch: str, bom: bool) -> str | None:
    cp = ord(ch)
    # go-yaml's BOM test looks at the start of the string, not the current character, so once a string starts
    # with U+FEFF every character after it is escaped too.
    if bom or not _printable(cp) or cp == 0x85 or ch in _BREAKS or ch == '"' or ch == "\\":
        esc = _DQ_ESCAPES.get(cp)
        if esc is not None:
            return esc
        if cp <= 0xFF:
            return f"\\x{cp:02X}"
        if cp <= 0xFFFF:
            return f"\\u{cp:04X}"
        return f"\\U{cp:08X}"
    return None


def _write_double(s: str, column: int, indent: int, allow_breaks: bool) -> str:
    bom = s.startswith("\ufeff")
    out = ['"']
    col = column + 1
    spaces = False
    n = len(s)
    pad = "\n" + " " * indent
    for i, ch in enumerate(s):
        if ch == " ":
            if allow_breaks and not spaces and col > _BEST_WIDTH and 0 < i < n - 1:
                out.append(pad)
                col = indent
                if s[i + 1] == " ":
                    out.append("\\")
                    col += 1
            else:
                out.append(" ")
                col += 1
            spaces = True
            continue
        esc = _dq_escape(ch, bom)
        if esc is not None:
            out.append(esc)
            col += len(esc)
        else:
            out.append(ch)
            col += 1
        spaces = False
    out.append('"')
    return "".join(out)


def _write_single(s: str, column: int, indent: int, allow_breaks: bool) -> str:
    out = ["'"]
    col = column + 1
    spaces = False
    n = len(s)
    pad = "\n" + " " * indent
    for i, ch in enumerate(s):
        if ch == " ":
            if allow_breaks and not spaces and col > _BEST_WIDTH and 0 < i < n - 1 and s[i + 1] != " ":
                out.append(pad)
                col = indent
            else:
                out.append(" ")
                col += 1
            spaces = True
            continue
        if ch == "\x85":
            out.append(" ")  # observed from kubectl 1.32
        elif ch == "'":
            out.append("''")
            col += 1
        else:
            out.append(ch)
        col += 1
        spaces = False
    out.append("'")
    return "".join(out)


def _write_plain(s: str, column: int, indent: int, allow_breaks: bool) -> str:
    if not allow_breaks or column + len(s) <= _BEST_WIDTH or " " not in s:
        return s
    out = []
    col = column
    spaces = False
    n = len(s)
    pad = "\n" + " " * indent
    for i, ch in enumerate(s):
        if ch == " ":
            if not spaces and col > _BEST_WIDTH and not (i + 1 < n and s[i + 1] == " "):
                out.append(pad)
                col = indent
            else:
                out.append(" ")
                col += 1
            spaces = True
        else:
            out.append(ch)
            col += 1
            spaces = False
    return "".join(out)


def _write_literal(s: str, indent: int) -> str:
    hints = "|"
    if s[0] == " " or s[0] in _BREAKS:
        hints += "2"  # best_indent
    if s[-1] not in _BREAKS:
        hints += "-"
    elif len(s) == 1 or s[-2] in _BREAKS:
        hints += "+"
    pad = " " * indent
    out = [hints, "\n"]
    at_line_start = True
    # Every break character ends a line; the emitter re-indents before the next non-break character, so
    # empty lines carry no trailing spaces.
    for piece in _LITERAL_SPLIT.split(s):
        if not piece:
            continue
        if piece in _BREAKS:
            out.append(piece)
            at_line_start = True
        else:
            if at_line_start:
                out.append(pad)
            out.append(piece)
            at_line_start = False
    text = "".join(out)
    # The caller writes the final line terminator.
    return text[:-1] if text.endswith("\n") else text


_LITERAL_SPLIT = re.compile("(\n|\r|\x85|\u2028|\u2029)")


def _scalar(s: str, column: int, indent: int) -> str:
    style = _choose_style(s, False)
    if style == _PLAIN:
        return _write_plain(s, column, indent, True)
    if style == _SINGLE:
        if column + len(s) + 2 <= _BEST_WIDTH:
            return "'" + s.replace("'", "''").replace("\x85", " ") + "'"
        return _write_single(s, column, indent, True)
    if style == _DOUBLE:
        return _write_double(s, column, indent, True)
    return _write_literal(s, indent)


@lru_cache(maxsize=8192)
def _key(s: str) -> str:
    style = _choose_style(s, True)
    if style == _PLAIN:
        return s
    if style == _SINGLE:
        return "'" + s.replace("'", "''").replace("\x85", " ") + "'"
    return _write_double(s, 0, 0, False)


# ---------------------------------------------------------------------------------------------------------------
# go-yaml's map key order: letters compare by code point, any non-letter sorts before a letter, and runs of
# digits compare by numeric value ("item9" < "item10").

def _go_yaml_key_cmp(a: str, b: str) -> int:
    for i in range(min(len(a), len(b))):
        ca, cb = a[i], b[i]
        if ca == cb:
            continue
        al, bl = ca.isalpha(), cb.isalpha()
        if al and bl:
            return -1 if ca < cb else 1
        if al or bl:
            return -1 if bl else 1
        an = bn = 0
        if ca == "0" or cb == "0":
            j = i - 1
            while j >= 0 and a[j].isdecimal():
                if a[j] != "0":
                    an = bn = 1
                    break
                j -= 1
        ai = i
        while ai < len(a) and a[ai].isdecimal():
            an = an * 10 + ord(a[ai]) - 48
            ai += 1
        bi = i
        while bi < len(b) and b[bi].isdecimal():
            bn = bn * 10 + ord(b[bi]) - 48
            bi += 1
        if an != bn:
            return -1 if an < bn else 1
        if ai != bi:
            return -1 if ai < bi else 1
        return -1 if ca < cb else 1
    if len(a) == len(b):
        return 0
    return -1 if len(a) < len(b) else 1


_go_yaml_sort_key = cmp_to_key(_go_yaml_key_cmp)
# Keys made only of these characters sort the same by code point as by go-yaml's rules.
_SIMPLE_KEYS = re.compile(r"[A-Za-z./\-]*\Z")


def _sorted_keys(d: dict[str, Any]) -> list[str]:
    keys = list(d)
    if all(_SIMPLE_KEYS.match(k) for k in keys):
        keys.sort()
    else:
        keys.sort(key=_go_yaml_sort_key)
    return keys


# ---------------------------------------------------------------------------------------------------------------
# Numbers. JSON has one number type, so by the time go-yaml sees a value an integral float is an int.

def _go_format_float(f: float, fmt: str) -> str:
    """strconv.FormatFloat(f, fmt, -1, 64) for fmt in 'e', 'f', 'g' (shortest representation)."""
    if math.isnan(f):
        return "NaN"
    if math.isinf(f):
        return "+Inf" if f > 0 else "-Inf"
    r = repr(f)  # shortest round-trip digits, like Go's
    sign = "-" if r.startswith("-") else ""
    r = r.lstrip("-")
    mant, _, exp_s = r.partition("e")
    exp = int(exp_s) if exp_s else 0
    ip, _, fp = mant.partition(".")
    digits = (ip + fp).lstrip("0")
    if not digits:
        digits, dp = "0", 1
    else:
        # Decimal point position relative to the start of the significant digits.
        lead_zeros = len(ip + fp) - len((ip + fp).lstrip("0"))
        dp = len(ip) - lead_zeros + exp
        digits = digits.rstrip("0") or "0"
    if fmt == "g":
        # With the shortest precision Go switches to %e when the exponent is < -4 or >= 6.
        x = dp - 1
        fmt = "e" if x < -4 or x >= 6 else "f"
    if fmt == "e":
        m = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        x = dp - 1
        return f"{sign}{m}e{'-' if x < 0 else '+'}{abs(x):02d}"
    if dp <= 0:
        return f"{sign}0.{'0' * -dp}{digits}"
    if dp >= len(digits):
        return f"{sign}{digits}{'0' * (dp - len(digits))}"
    return f"{sign}{digits[:dp]}.{digits[dp:]}"


def _json_float(f: float) -> str:
    # encoding/json: 'f' format except for very small or very large magnitudes, and e-07 cleaned to e-7.
    a = abs(f)
    if a != 0 and (a < 1e-6 or a >= 1e21):
        s = _go_format_float(f, "e")
        if len(s) >= 4 and s[-4] == "e" and s[-3] == "-" and s[-2] == "0":
            s = s[:-2] + s[-1]
        return s
    return _go_format_float(f, "f")


def _yaml_number(v: int | float) -> str:
    if isinstance(v, float):
        if math.isnan(v) or math.isinf(v):
            return ".nan" if math.isnan(v) else (".inf" if v > 0 else "-.inf")
        js = _json_float(v)
    else:
        js = str(v)
    # sigs.k8s.io/yaml goes through JSON text; go-yaml reads integers that fit int64/uint64 back as integers and
    # anything else as a float64, which it prints with strconv's 'g' format.
    if "." not in js and "e" not in js and -(2**63) <= int(js) < 2**64:
        return js
    return _go_format_float(float(js), "g")


# ---------------------------------------------------------------------------------------------------------------
# YAML

def _emit_value_after_key(v: Any, indent: int, column: int, out: list[str]) -> None:
    """Write a mapping value; the caller has written "key:" and ``column`` is the column after the colon."""
    if isinstance(v, dict):
        if not v:
            out.append(" {}\n")
        else:
            out.append("\n")
            _emit_mapping(v, indent + 2, out, first_prefix=None)
    elif isinstance(v, list):
        if not v:
            out.append(" []\n")
        else:
            out.append("\n")
            _emit_sequence(v, indent, out)
    else:
        out.append(" ")
        out.append(_scalar_any(v, column + 1, indent + 2))
        out.append("\n")


def _scalar_any(v: Any, column: int, indent: int) -> str:
    if isinstance(v, str):
        return _scalar(v, column, indent)
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, (int, float)):
        return _yaml_number(v)
    return _scalar(str(v), column, indent)


def _has_break(s: str) -> bool:
    return any(ch in _BREAKS for ch in s)


def _emit_value_after_explicit_key(v: Any, indent: int, out: list[str]) -> None:
    """Write the value after a ":" indicator at column ``indent``; collections start on the same line."""
    if isinstance(v, dict) and v:
        _emit_mapping(v, indent + 2, out, first_prefix=" ")
    elif isinstance(v, list) and v:
        _emit_sequence(v, indent + 2, out, first_prefix=" ")
    else:
        _emit_value_after_key(v, indent, indent + 1, out)


def _emit_mapping(d: dict[str, Any], indent: int, out: list[str], first_prefix: str | None) -> None:
    pad = " " * indent
    first = True
    for k in _sorted_keys(d):
        ks = k if isinstance(k, str) else str(k)
        prefix = first_prefix if first and first_prefix is not None else pad
        first = False
        if len(ks.encode()) > _MAX_SIMPLE_KEY or _has_break(ks):
            # Not usable as an implicit key: libyaml falls back to the explicit "? key" / ": value" form, where
            # the key is an ordinary scalar (it may fold or be a literal block).
            out.append(prefix + "? " + _scalar(ks, indent + 2, indent + 2) + "\n" + pad + ":")
            _emit_value_after_explicit_key(d[k], indent, out)
            continue
        kt = _key(ks)
        out.append(prefix)
        out.append(kt)
        out.append(":")
        _emit_value_after_key(d[k], indent, indent + len(kt) + 1, out)


def _emit_sequence(items: list[Any], indent: int, out: list[str], first_prefix: str | None = None) -> None:
    pad = " " * indent
    for n, item in enumerate(items):
        prefix = first_prefix if n == 0 and first_prefix is not None else pad
        if isinstance(item, dict):
            if not item:
                out.append(prefix + "- {}\n")
            else:
                _emit_mapping(item, indent + 2, out, first_prefix=prefix + "- ")
        elif isinstance(item, list):
            if not item:
                out.append(prefix + "- []\n")
            else:
                _emit_sequence(item, indent + 2, out, first_prefix=prefix + "- ")
        else:
            out.append(prefix + "- ")
            out.append(_scalar_any(item, indent + 2, indent + 2))
            out.append("\n")


def to_yaml(obj: Any) -> str:
    """One object as ``kubectl get -o yaml`` prints it (always ends with a newline)."""
    out: list[str] = []
    if isinstance(obj, dict):
        if not obj:
            return "{}\n"
        _emit_mapping(obj, 0, out, None)
    elif isinstance(obj, list):
        if not obj:
            return "[]\n"
        _emit_sequence(obj, 0, out)
    else:
        out.append(_scalar_any(obj, 0, 0) + "\n")
    return "".join(out)


def to_yaml_stream(objs: Iterable[Any]) -> str:
    """Several documents separated by ``---`` lines, as kubectl joins YAML output of several objects."""
    return "---\n".join(to_yaml(o) for o in objs)


def list_wrapper(items: list[dict[str, Any]]) -> dict[str, Any]:
    """The v1 List kubectl wraps around several objects for ``get -o yaml|json``."""
    return {"apiVersion": "v1", "items": list(items), "kind": "List", "metadata": {"resourceVersion": ""}}


# ---------------------------------------------------------------------------------------------------------------
# JSON

_HTML_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028",
                               "\u2029": "\\u2029"})  # fmt: skip


def _json_str(s: str) -> str:
    q: str = _json_quote(s)
    if "<" in q or ">" in q or "&" in q or "\u2028" in q or "\u2029" in q:
        q = q.translate(_HTML_ESCAPES)
    return q


def _json_emit(v: Any, indent: str, out: list[str], keep_order: bool = False) -> None:
    if isinstance(v, str):
        out.append(_json_str(v))
    elif v is None:
        out.append("null")
    elif v is True:
        out.append("true")
    elif v is False:
        out.append("false")
    elif isinstance(v, int):
        out.append(str(v))
    elif isinstance(v, float):
        out.append(_json_float(v))
    elif isinstance(v, dict):
        if not v:
            out.append("{}")
            return
        inner = indent + "    "
        out.append("{\n")
        first = True
        for k in (v if keep_order else sorted(v, key=str)):
            if not first:
                out.append(",\n")
            first = False
            out.append(inner)
            out.append(_json_str(str(k)))
            out.append(": ")
            _json_emit(v[k], inner, out, keep_order)
        out.append("\n" + indent + "}")
    elif isinstance(v, (list, tuple)):
        if not v:
            out.append("[]")
            return
        inner = indent + "    "
        out.append("[\n")
        for n, item in enumerate(v):
            if n:
                out.append(",\n")
            out.append(inner)
            _json_emit(item, inner, out, keep_order)
        out.append("\n" + indent + "]")
    else:
        out.append(_json_str(str(v)))


def to_json(obj: Any, keep_order: bool = False) -> str:
    """One object as ``kubectl get -o json`` prints it (four-space indent, trailing newline). ``keep_order``: keys in
    the dicts' own order (a typed object kubectl marshals in Go's field order) instead of sorted (unstructured)."""
    out: list[str] = []
    _json_emit(obj, "", out, keep_order)
    out.append("\n")
    return "".join(out)
