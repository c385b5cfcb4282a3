"""Go's strconv.Unquote for the quoted strings of templates and JSONPath expressions."""

from __future__ import annotations

_SIMPLE = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\\": "\\", "'": "'",
           '"': '"'}
_HEX = frozenset("0123456789abcdefABCDEF")
_OCT = frozenset("01234567")


def unquote(s: str) -> str:
    """The value of a Go string literal (back-quoted raw or double-/single-quoted with Go's escapes); ValueError
    "invalid syntax" as strconv.Unquote's ErrSyntax."""
    if len(s) < 2 or s[0] != s[-1] or s[0] not in "\"'`":
        raise ValueError("invalid syntax")
    body = s[1:-1]
    if s[0] == "`":
        return body
    out: list[str] = []
    i = 0
    while i < len(body):
        c = body[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        if i + 1 >= len(body):
            raise ValueError("invalid syntax")
        e = body[i + 1]
        if e in _SIMPLE:
            out.append(_SIMPLE[e])
            i += 2
        elif e in "xuU":
            n = {"x": 2, "u": 4, "U": 8}[e]
            digits = body[i + 2:i + 2 + n]
            if len(digits) != n or not _HEX.issuperset(digits):
                raise ValueError("invalid syntax")
            out.append(chr(int(digits, 16)))
            i += 2 + n
        elif e in _OCT:
            digits = body[i + 1:i + 4]
            if len(digits) != 3 or not _OCT.issuperset(digits):
                raise ValueError("invalid syntax")
            out.append(chr(int(digits, 8)))
            i += 4
        else:
            raise ValueError("invalid syntax")
    return "".join(out)
