"""kubectl's ``-o go-template``: the part of Go's text/template that scripts use, with kubectl's extra
functions (``exists``, ``base64decode``) and its error texts. Templates are interpreted; nothing is eval'd.

Values follow ``jsonpath``'s conventions: ``int`` is int64, ``float`` is float64, ``None`` a nil interface.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field
from typing import Any

from pykubectl.errors import ClientError
from pykubectl.printers import gostrconv
from pykubectl.printers.jsonpath import go_float, go_json, go_quote, go_sprint, go_type_name


class _Missing:
    """Go's invalid reflect.Value: what a missing map key yields; prints as ``<no value>``."""

    def __repr__(self) -> str:
        return "<no value>"


MISSING = _Missing()


class TemplateError(ClientError):
    """A go-template failure. ``stdout`` is what kubectl writes to stdout before failing (the partial
    output and, for execution errors, its debugging dump)."""

    def __init__(self, message: str, stdout: str = ""):
        super().__init__(message)
        self.stdout = stdout


class _ParseErr(Exception):
    pass


class _ExecErr(Exception):
    pass


class _Break(Exception):
    pass


class _Continue(Exception):
    pass


# ---- lexer ----------------------------------------------------------------------------------------

@dataclass
class _Item:
    typ: str
    val: str
    pos: int


_KEYWORDS = {"if", "else", "end", "range", "with", "break", "continue", "define", "template", "block"}
_TRIM_CHARS = " \t\r\n"


def _line_of(text: str, pos: int) -> int:
    return 1 + text.count("\n", 0, pos)


def _lex(text: str) -> list[_Item]:
    items: list[_Item] = []
    pos = 0
    n = len(text)
    trim_next = False
    while pos < n or not items or items[-1].typ != "EOF":
        j = text.find("{{", pos)
        if j < 0:
            chunk = text[pos:]
            if trim_next:
                chunk = chunk.lstrip(_TRIM_CHARS)
            if chunk:
                items.append(_Item("TEXT", chunk, pos))
            items.append(_Item("EOF", "", n))
            break
        left_trim = text.startswith("{{- ", j) or text.startswith("{{-\t", j) or \
            text.startswith("{{-\n", j) or text.startswith("{{-\r", j)
        chunk = text[pos:j]
        if trim_next:
            chunk = chunk.lstrip(_TRIM_CHARS)
        if left_trim:
            chunk = chunk.rstrip(_TRIM_CHARS)
        if chunk:
            items.append(_Item("TEXT", chunk, pos))
        p = j + 2 + (2 if left_trim else 0)
        # Comments must follow the delimiter directly and end right before the closing one.
        if text.startswith("/*", p):
            end = text.find("*/", p + 2)
            if end < 0:
                raise _ParseErr(f"{_line_of(text, j)}: unclosed comment")
            q = end + 2
            right_trim = False
            if text.startswith(" -}}", q) or text.startswith("\t-}}", q) or text.startswith("\n-}}", q):
                right_trim = True
                q += 4
            elif text.startswith("}}", q):
                q += 2
            else:
                raise _ParseErr(f"{_line_of(text, j)}: comment ends before closing delimiter")
            trim_next = right_trim
            pos = q
            continue
        items.append(_Item("LEFT", "{{", j))
        pos, trim_next = _lex_action(text, p, items)
    return items


def _lex_action(text: str, pos: int, items: list[_Item]) -> tuple[int, bool]:
    n = len(text)
    paren = 0
    while True:
        if text.startswith("-}}", pos) and pos > 0 and text[pos - 1] in _TRIM_CHARS:
            if paren:
                raise _ParseErr(f"{_line_of(text, pos)}: unclosed left paren")
            items.append(_Item("RIGHT", "}}", pos))
            return pos + 3, True
        if text.startswith("}}", pos):
            if paren:
                raise _ParseErr(f"{_line_of(text, pos)}: unclosed left paren")
            items.append(_Item("RIGHT", "}}", pos))
            return pos + 2, False
        if pos >= n:
            raise _ParseErr(f"{_line_of(text, pos)}: unclosed action")
        c = text[pos]
        if c in " \t\r\n":
            start = pos
            while pos < n and text[pos] in " \t\r\n" and not (
                    text.startswith(" -}}", pos) or text.startswith("\t-}}", pos) or text.startswith("\n-}}", pos)):
                pos += 1
            if text.startswith(" -}}", pos) or text.startswith("\t-}}", pos) or text.startswith("\n-}}", pos):
                pos += 1
            items.append(_Item("SPACE", text[start:pos], start))
            continue
        if text.startswith(":=", pos):
            items.append(_Item("DECLARE", ":=", pos))
            pos += 2
            continue
        if c == "=":
            items.append(_Item("ASSIGN", "=", pos))
            pos += 1
            continue
        if c == "|":
            items.append(_Item("PIPE", "|", pos))
            pos += 1
            continue
        if c == ",":
            items.append(_Item("COMMA", ",", pos))
            pos += 1
            continue
        if c == "(":
            paren += 1
            items.append(_Item("LPAREN", "(", pos))
            pos += 1
            continue
        if c == ")":
            paren -= 1
            if paren < 0:
                raise _ParseErr(f"{_line_of(text, pos)}: unexpected right paren")
            items.append(_Item("RPAREN", ")", pos))
            pos += 1
            continue
        if c == '"':
            q = pos + 1
            while True:
                if q >= n or text[q] == "\n":
                    raise _ParseErr(f"{_line_of(text, pos)}: unterminated quoted string")
                if text[q] == "\\":
                    q += 2
                    continue
                if text[q] == '"':
                    break
                q += 1
            items.append(_Item("STRING", text[pos:q + 1], pos))
            pos = q + 1
            continue
        if c == "`":
            q = text.find("`", pos + 1)
            if q < 0:
                raise _ParseErr(f"{_line_of(text, pos)}: unterminated raw quoted string")
            items.append(_Item("RAWSTRING", text[pos:q + 1], pos))
            pos = q + 1
            continue
        if c == "'":
            q = pos + 1
            while q < n and text[q] != "'":
                q += 2 if text[q] == "\\" else 1
            if q >= n:
                raise _ParseErr(f"{_line_of(text, pos)}: unterminated character constant")
            items.append(_Item("CHAR", text[pos:q + 1], pos))
            pos = q + 1
            continue
        if c == "$" or c == ".":
            q = pos + 1
            if c == "." and q < n and text[q].isdigit():
                m = _NUM_RE.match(text, pos)
                assert m
                items.append(_Item("NUMBER", m.group(0), pos))
                pos = m.end()
                continue
            while q < n and (text[q].isalnum() or text[q] == "_"):
                q += 1
            word = text[pos:q]
            _check_terminator(text, q)
            if c == "$":
                items.append(_Item("VARIABLE", word, pos))
            elif word == ".":
                items.append(_Item("DOT", ".", pos))
            else:
                items.append(_Item("FIELD", word, pos))
            pos = q
            continue
        if c.isdigit() or (c in "+-" and pos + 1 < n and (text[pos + 1].isdigit() or text[pos + 1] == ".")):
            m = _NUM_RE.match(text, pos)
            if not m:
                raise _ParseErr(f"{_line_of(text, pos)}: bad number syntax: {text[pos:pos + 1]!r}")
            items.append(_Item("NUMBER", m.group(0), pos))
            pos = m.end()
            continue
        if c.isalpha() or c == "_":
            q = pos
            while q < n and (text[q].isalnum() or text[q] == "_"):
                q += 1
            word = text[pos:q]
            _check_terminator(text, q)
            if word in ("true", "false"):
                items.append(_Item("BOOL", word, pos))
            elif word == "nil":
                items.append(_Item("NIL", word, pos))
            elif word in _KEYWORDS:
                items.append(_Item(word.upper(), word, pos))
            else:
                items.append(_Item("IDENT", word, pos))
            pos = q
            continue
        raise _ParseErr(f"{_line_of(text, pos)}: unrecognized character in action: U+{ord(c):04X} {c!r}")


def _check_terminator(text: str, pos: int) -> None:
    """text/template's lexer after an identifier, field or variable: what follows must end the word (space, end,
    one of ``.,|:)(`` or the closing delimiter), else "bad character"."""
    if pos >= len(text):
        return
    c = text[pos]
    if c in " \t\r\n.,|:)(" or text.startswith("}}", pos):
        return
    raise _ParseErr(f"{_line_of(text, pos)}: bad character U+{ord(c):04X} {c!r}")


_NUM_RE = re.compile(r"[+-]?(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|(\d[\d_]*)?\.?\d*([eE][+-]?\d+)?)")


# ---- nodes ----------------------------------------------------------------------------------------

@dataclass
class _Node:
    pos: int


@dataclass
class _TextN(_Node):
    text: str


@dataclass
class _FieldN(_Node):
    idents: list[str]

    def __str__(self) -> str:
        return "".join("." + i for i in self.idents)


@dataclass
class _VarN(_Node):
    idents: list[str]

    def __str__(self) -> str:
        return ".".join(self.idents)


@dataclass
class _IdentN(_Node):
    name: str

    def __str__(self) -> str:
        return self.name


@dataclass
class _DotN(_Node):
    def __str__(self) -> str:
        return "."


@dataclass
class _NilN(_Node):
    def __str__(self) -> str:
        return "nil"


@dataclass
class _ConstN(_Node):
    value: Any
    text: str

    def __str__(self) -> str:
        return self.text


@dataclass
class _ChainN(_Node):
    node: Any
    fields: list[str]

    def __str__(self) -> str:
        inner = f"({self.node})" if isinstance(self.node, _PipeN) else str(self.node)
        return inner + "".join("." + f for f in self.fields)


@dataclass
class _CmdN(_Node):
    args: list = field(default_factory=list)

    def __str__(self) -> str:
        return " ".join(f"({a})" if isinstance(a, _PipeN) else str(a) for a in self.args)


@dataclass
class _PipeN(_Node):
    decl: list = field(default_factory=list)
    cmds: list = field(default_factory=list)
    is_assign: bool = False

    def __str__(self) -> str:
        s = ""
        if self.decl:
            s = ", ".join(str(d) for d in self.decl) + (" = " if self.is_assign else " := ")
        return s + " | ".join(str(c) for c in self.cmds)


@dataclass
class _ActionN(_Node):
    pipe: _PipeN

    def __str__(self) -> str:
        return "{{" + str(self.pipe) + "}}"


@dataclass
class _BranchN(_Node):
    kind: str  # if / range / with
    pipe: _PipeN
    body: list
    else_body: list | None


@dataclass
class _TemplateCallN(_Node):
    name: str
    text: str

    def __str__(self) -> str:
        return "{{template " + self.text + "}}"


@dataclass
class _LoopCtlN(_Node):
    kind: str  # break / continue


def _unquote_go(s: str) -> str:
    try:
        return gostrconv.unquote(s)
    except ValueError as e:
        raise _ParseErr(str(e)) from None


# ---- parser ---------------------------------------------------------------------------------------

_BUILTINS = {"and", "or", "not", "len", "index", "slice", "print", "printf", "println", "eq", "ne", "lt", "le",
             "gt", "ge", "html", "js", "urlquery", "call", "exists", "base64decode"}


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.items = _lex(text)
        self.i = 0
        self.vars: list[str] = ["$"]
        self.range_depth = 0

    def _err(self, msg: str, item: _Item | None = None) -> _ParseErr:
        it = item or self.items[max(self.i - 1, 0)]
        return _ParseErr(f"{_line_of(self.text, it.pos)}: {msg}")

    def next(self) -> _Item:
        it = self.items[self.i]
        self.i += 1
        return it

    def backup(self) -> None:
        self.i -= 1

    def peek(self) -> _Item:
        return self.items[self.i]

    def next_ns(self) -> _Item:
        while True:
            it = self.next()
            if it.typ != "SPACE":
                return it

    def peek_ns(self) -> _Item:
        it = self.next_ns()
        self.backup()
        return it

    def expect(self, typ: str, context: str) -> _Item:
        it = self.next_ns()
        if it.typ != typ:
            raise self._err(f"unexpected {_describe(it)} in {context}", it)
        return it

    def parse(self) -> list:
        body, end = self.item_list(top=True)
        return body

    def item_list(self, top: bool = False) -> tuple[list, str]:
        nodes: list = []
        while True:
            it = self.next()
            if it.typ == "EOF":
                if top:
                    return nodes, "EOF"
                raise self._err("unexpected EOF", it)
            if it.typ == "TEXT":
                nodes.append(_TextN(it.pos, it.val))
                continue
            # LEFT
            kw = self.peek_ns()
            if kw.typ in ("END", "ELSE"):
                if top:
                    self.next_ns()
                    raise self._err(f"unexpected {{{{{kw.val}}}}}", kw)
                self.next_ns()
                if kw.typ == "END":
                    self.expect("RIGHT", "end")
                    return nodes, "END"
                return nodes, "ELSE"
            nodes.append(self.action())

    def action(self) -> Any:
        it = self.next_ns()
        if it.typ in ("IF", "RANGE", "WITH"):
            return self.branch(it)
        if it.typ in ("BREAK", "CONTINUE"):
            if self.range_depth == 0:
                raise self._err(f"{{{{{it.val}}}}} outside {{{{range}}}}", it)
            self.expect("RIGHT", it.val)
            return _LoopCtlN(it.pos, it.val)
        if it.typ == "TEMPLATE":
            name = self.next_ns()
            if name.typ not in ("STRING", "RAWSTRING"):
                raise self._err(f"unexpected {_describe(name)} in template clause", name)
            if self.peek_ns().typ != "RIGHT":
                self.pipeline("template clause", "RIGHT")
            else:
                self.next_ns()
            # Only one template exists, so any named one is undefined when executed.
            return _TemplateCallN(name.pos, _unquote_go(name.val), name.val)
        if it.typ in ("DEFINE", "BLOCK"):
            raise self._err(f"{{{{{it.val}}}}} is not supported by pykubectl", it)
        self.backup()
        pipe = self.pipeline("command", "RIGHT")
        return _ActionN(it.pos, pipe)

    def branch(self, kw: _Item) -> _BranchN:
        mark = len(self.vars)
        pipe = self.pipeline(kw.val, "RIGHT")
        if kw.typ == "RANGE":
            self.range_depth += 1
        body, end = self.item_list()
        if kw.typ == "RANGE":
            self.range_depth -= 1
        else_body = None
        if end == "ELSE":
            nxt = self.peek_ns()
            # ``{{else if …}}`` / ``{{else with …}}`` nest a branch that shares our {{end}}.
            if (kw.typ == "IF" and nxt.typ == "IF") or (kw.typ == "WITH" and nxt.typ == "WITH"):
                inner_kw = self.next_ns()
                else_body = [self.branch(inner_kw)]
            else:
                self.expect("RIGHT", "else")
                else_body, end2 = self.item_list()
                if end2 != "END":
                    raise self._err("expected end; found {{else}}")
        del self.vars[mark:]
        return _BranchN(kw.pos, kw.val, pipe, body, else_body)

    def pipeline(self, context: str, end: str) -> _PipeN:
        tok = self.peek_ns()
        pipe = _PipeN(tok.pos)
        # Declarations: $x := …, $x = …, and in range $i, $e := …
        if tok.typ == "VARIABLE":
            save = self.i
            v = self.next_ns()
            nxt = self.peek_ns()
            if nxt.typ in ("DECLARE", "ASSIGN"):
                self.next_ns()
                pipe.is_assign = nxt.typ == "ASSIGN"
                pipe.decl.append(_VarN(v.pos, [v.val]))
                if nxt.typ == "DECLARE":
                    self.vars.append(v.val)
                elif v.val not in self.vars:
                    raise self._err(f"undefined variable {go_quote(v.val)}", v)
            elif nxt.typ == "COMMA" and context == "range":
                self.next_ns()
                pipe.decl.append(_VarN(v.pos, [v.val]))
                self.vars.append(v.val)
                v2 = self.expect("VARIABLE", "range")
                d = self.next_ns()
                if d.typ not in ("DECLARE", "ASSIGN"):
                    raise self._err("range can only initialize variables", d)
                pipe.decl.append(_VarN(v2.pos, [v2.val]))
                self.vars.append(v2.val)
            else:
                self.i = save
        while True:
            it = self.next_ns()
            if it.typ == end:
                if not pipe.cmds:
                    raise self._err(f"missing value for {context}", it)
                return pipe
            if it.typ in ("EOF",):
                raise self._err("unclosed action", it)
            if it.typ in ("RIGHT", "RPAREN"):
                raise self._err(f"unexpected {_describe(it)} in {context}" if it.typ == "RPAREN"
                                else f"unclosed left paren", it)
            self.backup()
            pipe.cmds.append(self.command())

    def command(self) -> _CmdN:
        cmd = _CmdN(self.peek_ns().pos)
        while True:
            self.peek_ns()
            cmd.args.append(self.operand())
            it = self.next()
            if it.typ == "SPACE":
                nxt = self.peek()
                if nxt.typ in ("RIGHT", "RPAREN", "EOF"):
                    break
                if nxt.typ == "PIPE":
                    self.next()
                    break
                continue
            if it.typ in ("RIGHT", "RPAREN"):
                self.backup()
                break
            if it.typ == "PIPE":
                break
            raise self._err(f"unexpected {_describe(it)} in operand", it)
        return cmd

    def operand(self) -> Any:
        node = self.term()
        if node is None:
            it = self.next_ns()
            raise self._err(f"unexpected {_describe(it)} in operand", it)
        if self.peek().typ == "FIELD":
            first = self.peek()
            fields: list[str] = []
            while self.peek().typ == "FIELD":
                fields.append(self.next().val[1:])
            if isinstance(node, _FieldN):
                return _FieldN(first.pos, node.idents + fields)
            if isinstance(node, _VarN):
                return _VarN(first.pos, node.idents + fields)
            if isinstance(node, (_ConstN, _NilN, _DotN)):
                raise self._err(f"unexpected . after term {go_quote(str(node))}", first)
            return _ChainN(first.pos, node, fields)
        return node

    def term(self) -> Any:
        it = self.next_ns()
        t = it.typ
        if t == "IDENT":
            if it.val not in _BUILTINS:
                raise self._err(f"function {go_quote(it.val)} not defined", it)
            return _IdentN(it.pos, it.val)
        if t == "DOT":
            return _DotN(it.pos)
        if t == "NIL":
            return _NilN(it.pos)
        if t == "VARIABLE":
            if it.val not in self.vars:
                raise self._err(f"undefined variable {go_quote(it.val)}", it)
            return _VarN(it.pos, [it.val])
        if t == "FIELD":
            return _FieldN(it.pos, [it.val[1:]])
        if t == "TEMPLATE":
            raise self._err("unexpected <template> in operand", it)
        if t == "BOOL":
            return _ConstN(it.pos, it.val == "true", it.val)
        if t == "NUMBER":
            return _ConstN(it.pos, _number(it.val, self, it), it.val)
        if t == "CHAR":
            s = _unquote_go('"' + it.val[1:-1].replace('"', '\\"') + '"')
            return _ConstN(it.pos, ord(s[0]) if s else 0, it.val)
        if t in ("STRING", "RAWSTRING"):
            return _ConstN(it.pos, _unquote_go(it.val), it.val)
        if t == "LPAREN":
            pipe = self.pipeline("parenthesized pipeline", "RPAREN")
            pipe.pos = it.pos
            return pipe
        self.backup()
        return None


def _number(text: str, p: _Parser, it: _Item) -> Any:
    t = text.replace("_", "")
    try:
        low = t.lower().lstrip("+-")
        if low.startswith(("0x", "0b", "0o")):
            return int(t, 0)
        if any(ch in t for ch in ".eE"):
            return float(t)
        if len(low) > 1 and low.startswith("0"):
            return int(t, 8)
        return int(t)
    except ValueError:
        raise p._err(f"illegal number syntax: {go_quote(text)}", it) from None


def _describe(it: _Item) -> str:
    if it.typ == "EOF":
        return "EOF"
    if it.typ == "RIGHT":
        return '"}}"'
    if it.typ in ("IF", "ELSE", "END", "RANGE", "WITH", "BREAK", "CONTINUE", "DEFINE", "TEMPLATE", "BLOCK"):
        return f"<{it.val}>"
    return go_quote(it.val)


# ---- evaluation -----------------------------------------------------------------------------------

def _is_true(v: Any) -> bool:
    if v is MISSING or v is None:
        return False
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)):
        return v != 0
    if isinstance(v, (str, dict, list)):
        return len(v) > 0
    return True


def _basic(v: Any) -> str:
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float"
    if isinstance(v, str):
        return "string"
    return ""


def _eq2(a: Any, b: Any) -> bool:
    ka, kb = _basic(a), _basic(b)
    if (a is None or a is MISSING) != (b is None or b is MISSING):
        return False
    if not ka or not kb:
        if a is None or b is None or a is MISSING or b is MISSING:
            if (a is None or a is MISSING) and (b is None or b is MISSING):
                return True
            if isinstance(a, (dict, list)) or isinstance(b, (dict, list)):
                return False
            raise _ExecErr("incompatible types for comparison")
        if isinstance(a, (dict, list)) or isinstance(b, (dict, list)):
            raise _ExecErr(f"non-comparable type {go_sprint(a if isinstance(a, (dict, list)) else b)}: "
                           f"{go_type_name(a if isinstance(a, (dict, list)) else b)}")
        raise _ExecErr("invalid type for comparison")
    if ka != kb:
        raise _ExecErr("incompatible types for comparison")
    return a == b


def _lt(a: Any, b: Any) -> bool:
    ka, kb = _basic(a), _basic(b)
    if not ka or not kb or ka == "bool" or kb == "bool":
        raise _ExecErr("invalid type for comparison")
    if ka != kb:
        raise _ExecErr("incompatible types for comparison")
    return a < b


def _length(v: Any) -> int:
    if v is MISSING:
        raise _ExecErr("reflect: call of reflect.Value.Type on zero Value")
    if isinstance(v, str):
        return len(v.encode())
    if isinstance(v, (dict, list)):
        return len(v)
    raise _ExecErr(f"len of type {_type_name(v)}")


def _type_name(v: Any) -> str:
    if isinstance(v, int) and not isinstance(v, bool) and getattr(v, "_go_int", False):
        return "int"
    return go_type_name(v)


class _Int(int):
    """An untyped integer constant from the template: Go types it ``int``, not ``int64``."""
    _go_int = True


def _index(item: Any, *keys: Any) -> Any:
    if item is MISSING or item is None:
        raise _ExecErr("index of untyped nil")
    for k in keys:
        if isinstance(item, dict):
            if not isinstance(k, str) or isinstance(k, bool):
                raise _ExecErr(f"value has type {_type_name(k)}; should be string")
            item = item.get(k, MISSING)
        elif isinstance(item, (list, str)):
            if isinstance(k, bool) or not isinstance(k, int):
                raise _ExecErr(f"cannot index slice/array with type {_type_name(k)}")
            if k < 0 or k >= len(item):
                raise _ExecErr(f"index out of range: {k}")
            item = item[k] if isinstance(item, list) else item.encode()[k]
        elif item is MISSING or item is None:
            raise _ExecErr("index of untyped nil")
        else:
            raise _ExecErr(f"can't index item of type {_type_name(item)}")
    return item


def _base64decode(v: Any) -> str:
    if not isinstance(v, str):
        raise _ExecErr(f"wrong type for value; expected string; got {_type_name(v)}")
    try:
        return base64.b64decode(v, validate=True).decode("utf-8", "replace")
    except (binascii.Error, ValueError) as e:
        raise _ExecErr(f"base64 decode failed: {e}") from None


def _exists(item: Any, *indices: Any) -> bool:
    if item is None or item is MISSING or not indices:
        return False
    for i, idx in enumerate(indices):
        if isinstance(item, dict):
            if not isinstance(idx, str) or idx not in item:
                return False
            item = item[idx]
        elif isinstance(item, list):
            if isinstance(idx, bool) or not isinstance(idx, int) or not 0 <= idx < len(item):
                return False
            item = item[idx]
        else:
            return False
        if item is None and i < len(indices) - 1:
            return False
    return True


class _Exec:
    def __init__(self, text: str, data: Any, missing_error: bool):
        self.text = text
        self.data = data
        self.missing_error = missing_error
        self.out: list[str] = []
        self.vars: list[tuple[str, Any]] = [("$", data)]
        self.node: Any = None

    def fail(self, msg: str) -> _ExecErr:
        node = self.node
        pos = getattr(node, "pos", 0)
        line_start = self.text.rfind("\n", 0, pos) + 1
        col = pos - line_start
        ctx = str(node) if node is not None else ""
        return _ExecErr(f'template: output:{_line_of(self.text, pos)}:{col}: executing "output" at <{ctx}>: {msg}')

    def run(self, nodes: list) -> None:
        try:
            self.walk(self.data, nodes)
        except _ExecErr as e:
            if str(e).startswith("template: "):
                raise
            raise self.fail(str(e)) from None

    def walk(self, dot: Any, nodes: list) -> None:
        for n in nodes:
            if isinstance(n, _TextN):
                self.out.append(n.text)
            elif isinstance(n, _ActionN):
                self.node = n
                v = self.eval_pipe(dot, n.pipe)
                if not n.pipe.decl:
                    self.out.append(_print(v))
            elif isinstance(n, _BranchN):
                self.branch(dot, n)
            elif isinstance(n, _TemplateCallN):
                self.node = n
                raise self.fail(f"template {go_quote(n.name)} not defined")
            elif isinstance(n, _LoopCtlN):
                raise _Break() if n.kind == "break" else _Continue()

    def branch(self, dot: Any, n: _BranchN) -> None:
        mark = len(self.vars)
        self.node = n
        if n.kind == "range":
            self.range(dot, n)
        else:
            v = self.eval_pipe(dot, n.pipe)
            if _is_true(v):
                self.walk(v if n.kind == "with" else dot, n.body)
            elif n.else_body is not None:
                self.walk(dot, n.else_body)
        del self.vars[mark:]

    def range(self, dot: Any, n: _BranchN) -> None:
        mark = len(self.vars)
        v = self.eval_pipe(dot, n.pipe, declare=False)
        pairs: list[tuple[Any, Any]]
        if isinstance(v, dict):
            pairs = [(k, v[k]) for k in sorted(v)]
        elif isinstance(v, list):
            pairs = list(enumerate(v))
        elif v is None or v is MISSING:
            pairs = []
        else:
            # kubectl 1.32's Go cannot range over integers; the error names the pipeline's last node.
            raise self.fail(f"range can't iterate over {go_sprint(v)}")
        for k, elem in pairs:
            del self.vars[mark:]
            if len(n.pipe.decl) == 1:
                self.vars.append((n.pipe.decl[0].idents[0], elem))
            elif len(n.pipe.decl) == 2:
                self.vars.append((n.pipe.decl[0].idents[0], k))
                self.vars.append((n.pipe.decl[1].idents[0], elem))
            try:
                self.walk(elem, n.body)
            except _Break:
                break
            except _Continue:
                continue
        del self.vars[mark:]
        if not pairs and n.else_body is not None:
            self.walk(dot, n.else_body)

    def eval_pipe(self, dot: Any, pipe: _PipeN, declare: bool = True) -> Any:
        val: Any = _NOFINAL
        for cmd in pipe.cmds:
            val = self.eval_cmd(dot, cmd, val)
        if declare:
            for d in pipe.decl:
                name = d.idents[0]
                if pipe.is_assign:
                    for i in range(len(self.vars) - 1, -1, -1):
                        if self.vars[i][0] == name:
                            self.vars[i] = (name, val)
                            break
                else:
                    self.vars.append((name, val))
        return val

    def eval_cmd(self, dot: Any, cmd: _CmdN, final: Any) -> Any:
        first = cmd.args[0]
        if isinstance(first, _FieldN):
            return self.eval_field_chain(dot, dot, first, first.idents, cmd.args, final)
        if isinstance(first, _ChainN):
            self.node = first
            recv = self.eval_arg(dot, first.node)
            return self.eval_field_chain(dot, recv, first, first.fields, cmd.args, final)
        if isinstance(first, _IdentN):
            return self.eval_func(dot, first, cmd, cmd.args, final)
        if isinstance(first, _PipeN):
            self.not_a_function(cmd.args, final)
            return self.eval_pipe(dot, first)
        if isinstance(first, _VarN):
            return self.eval_var(dot, first, cmd.args, final)
        self.node = first
        self.not_a_function(cmd.args, final)
        if isinstance(first, _NilN):
            self.node = cmd
            raise self.fail("nil is not a command")
        if isinstance(first, _DotN):
            return dot
        return first.value

    def not_a_function(self, args: list, final: Any) -> None:
        if len(args) > 1 or final is not _NOFINAL:
            raise self.fail(f"can't give argument to non-function {args[0]}")

    def lookup_var(self, name: str) -> Any:
        for n, v in reversed(self.vars):
            if n == name:
                return v
        raise self.fail(f"undefined variable: {name}")

    def eval_var(self, dot: Any, node: _VarN, args: list, final: Any) -> Any:
        self.node = node
        v = self.lookup_var(node.idents[0])
        if len(node.idents) == 1:
            self.not_a_function(args, final)
            return v
        return self.eval_field_chain(dot, v, node, node.idents[1:], args, final)

    def eval_field_chain(self, dot: Any, recv: Any, node: Any, idents: list[str], args: list, final: Any) -> Any:
        self.node = node
        n = len(idents)
        for i in range(n - 1):
            recv = self.eval_field(recv, idents[i])
        has_args = len(args) > 1 or final is not _NOFINAL
        return self.eval_field(recv, idents[n - 1], has_args)

    def eval_field(self, recv: Any, name: str, has_args: bool = False) -> Any:
        if recv is MISSING:
            if self.missing_error:
                raise self.fail(f"nil data; no entry for key {go_quote(name)}")
            return MISSING
        if recv is None:
            raise self.fail(f"nil pointer evaluating interface {{}}.{name}")
        if isinstance(recv, dict):
            if has_args:
                raise self.fail(f"{name} is not a method but has arguments")
            if name in recv:
                return recv[name]
            if self.missing_error:
                raise self.fail(f"map has no entry for key {go_quote(name)}")
            return MISSING
        raise self.fail(f"can't evaluate field {name} in type interface {{}}")

    def eval_arg(self, dot: Any, node: Any) -> Any:
        self.node = node
        if isinstance(node, _DotN):
            return dot
        if isinstance(node, _NilN):
            return None
        if isinstance(node, _FieldN):
            return self.eval_field_chain(dot, dot, node, node.idents, [node], _NOFINAL)
        if isinstance(node, _VarN):
            return self.eval_var(dot, node, [node], _NOFINAL)
        if isinstance(node, _PipeN):
            return self.eval_pipe(dot, node)
        if isinstance(node, _IdentN):
            return self.eval_func(dot, node, node, [node], _NOFINAL)
        if isinstance(node, _ChainN):
            recv = self.eval_arg(dot, node.node)
            return self.eval_field_chain(dot, recv, node, node.fields, [node], _NOFINAL)
        if isinstance(node, _ConstN):
            v = node.value
            if isinstance(v, int) and not isinstance(v, bool):
                return _Int(v)
            return v
        raise self.fail(f"can't handle {node}")

    def eval_func(self, dot: Any, ident: _IdentN, cmd: Any, args: list, final: Any) -> Any:
        self.node = ident
        name = ident.name
        argn = args[1:]
        if name in ("and", "or"):
            # Short-circuit, as Go 1.18+: later operands are not evaluated.
            vals_nodes = list(argn)
            if not vals_nodes and final is _NOFINAL:
                self.node = cmd
                raise self.fail(f"wrong number of args for {name}: want at least 1 got 0")
            v: Any = None
            for a in vals_nodes:
                v = self.eval_arg(dot, a)
                if (name == "and") != _is_true(v):
                    return v
            if final is not _NOFINAL:
                v = final
            return v
        vals = []
        for k, a in enumerate(argn):
            v = self.eval_arg(dot, a)
            if k in _STRING_PARAMS.get(name, ()) and not isinstance(v, str):
                self.node = a
                if isinstance(a, _ConstN):
                    raise self.fail(f"expected string; found {a}")
                if v is MISSING:
                    raise self.fail("invalid value; expected string")
                raise self.fail(f"wrong type for value; expected string; got {_type_name(v)}")
            vals.append(v)
        if final is not _NOFINAL:
            if len(vals) in _STRING_PARAMS.get(name, ()) and not isinstance(final, str):
                self.node = ident
                if final is MISSING:
                    raise self.fail("invalid value; expected string")
                raise self.fail(f"wrong type for value; expected string; got {_type_name(final)}")
            vals.append(final)
        self.node = cmd
        try:
            return self.call(name, vals)
        except _ExecErr as e:
            raise self.fail(f"error calling {name}: {e}") from None
        except _ArgCountErr as e:
            raise self.fail(str(e)) from None

    def call(self, name: str, vals: list) -> Any:
        def want(n: int) -> None:
            if len(vals) != n:
                raise _ArgCountErr(f"wrong number of args for {name}: want {n} got {len(vals)}")

        def at_least(n: int) -> None:
            if len(vals) < n:
                raise _ArgCountErr(f"wrong number of args for {name}: want at least {n} got {len(vals)}")

        if name == "not":
            want(1)
            return not _is_true(vals[0])
        if name == "len":
            want(1)
            return _Int(_length(vals[0]))
        if name == "index":
            at_least(1)
            return _index(vals[0], *vals[1:])
        if name == "printf":
            at_least(1)
            if not isinstance(vals[0], str):
                raise _ExecErr(f"wrong type for value; expected string; got {_type_name(vals[0])}")
            return sprintf(vals[0], vals[1:])
        if name == "print":
            return _sprint(vals)
        if name == "println":
            return " ".join(_fmt_v(v) for v in vals) + "\n"
        if name == "eq":
            at_least(1)
            if len(vals) < 2:
                raise _ExecErr("missing argument for comparison")
            return any(_eq2(vals[0], b) for b in vals[1:])
        if name == "ne":
            want(2)
            return not _eq2(vals[0], vals[1])
        if name == "lt":
            want(2)
            return _lt(vals[0], vals[1])
        if name == "le":
            want(2)
            return _lt(vals[0], vals[1]) or _eq2(vals[0], vals[1])
        if name == "gt":
            want(2)
            return not (_lt(vals[0], vals[1]) or _eq2(vals[0], vals[1]))
        if name == "ge":
            want(2)
            return not _lt(vals[0], vals[1])
        if name == "exists":
            at_least(1)
            return _exists(vals[0], *vals[1:])
        if name == "base64decode":
            want(1)
            return _base64decode(vals[0])
        if name == "html":
            s = _sprint(vals)
            return (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                    .replace('"', "&#34;").replace("'", "&#39;").replace("\x00", "\ufffd"))
        if name == "urlquery":
            from urllib.parse import quote_plus
            return quote_plus(_sprint(vals), safe="")
        if name == "js":
            s = _sprint(vals)
            rep = {"\\": "\\\\", "'": "\\'", '"': '\\"', "<": "\\u003C", ">": "\\u003E", "&": "\\u0026",
                   "=": "\\u003D", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
            return "".join(rep.get(c, c) for c in s)
        if name == "slice":
            at_least(1)
            item = vals[0]
            idx = [int(x) for x in vals[1:]]
            if isinstance(item, (str, list)):
                if len(idx) > 3 or (len(idx) == 3 and isinstance(item, str)):
                    raise _ExecErr("too many slice indexes: " + str(len(idx)))
                lo = idx[0] if idx else 0
                hi = idx[1] if len(idx) > 1 else len(item)
                if not 0 <= lo <= hi <= len(item):
                    raise _ExecErr(f"index out of range: {hi if hi > len(item) else lo}")
                return item[lo:hi]
            raise _ExecErr(f"can't slice item of type {_type_name(item)}")
        raise _ExecErr(f"{name} is not supported by pykubectl")


# Parameters Go declares as ``string`` (by position): arguments of another type fail before the call.
_STRING_PARAMS: dict[str, tuple[int, ...]] = {"printf": (0,), "base64decode": (0,)}


class _ArgCountErr(Exception):
    pass


_NOFINAL = object()


def _print(v: Any) -> str:
    # A nil interface{} (JSON null) prints as "<no value>" at the top level, as Go unwraps it first.
    if v is MISSING or v is None:
        return "<no value>"
    return _fmt_v(v)


def _fmt_v(v: Any) -> str:
    if v is MISSING:
        return "<invalid reflect.Value>"
    return go_sprint(v)


def _sprint(vals: list) -> str:
    # fmt.Sprint puts spaces between operands when neither side is a string.
    out = []
    for i, v in enumerate(vals):
        if i > 0 and not isinstance(v, str) and not isinstance(vals[i - 1], str):
            out.append(" ")
        out.append(_fmt_v(v))
    return "".join(out)


# ---- fmt.Sprintf ----------------------------------------------------------------------------------

_VERB_RE = re.compile(r"%([-+# 0]*)(\*|\d+)?(?:\.(\*|\d*))?(.)?", re.S)


def _pad(s: str, width: int | None, minus: bool, zero: bool = False) -> str:
    if width is None or len(s) >= width:
        return s
    if minus:
        return s + " " * (width - len(s))
    if zero:
        sign = s[0] if s and s[0] in "+-" else ""
        return sign + "0" * (width - len(s)) + s[len(sign):]
    return " " * (width - len(s)) + s


def _bad_verb(verb: str, v: Any, flags: str, width: int | None, prec: int | None) -> str:
    if v is None:
        return f"%!{verb}(<nil>)"
    inner = _fmt_one("v", v, flags, width, prec)
    return f"%!{verb}({_type_name(v)}={inner})"


def _fmt_one(verb: str, v: Any, flags: str, width: int | None, prec: int | None) -> str:
    minus = "-" in flags
    zero = "0" in flags and not minus
    plus = "+" in flags
    space = " " in flags
    sharp = "#" in flags
    if v is MISSING:
        v = None  # an invalid reflect.Value reaches fmt as a nil interface
    if verb == "T":
        return _pad(_type_name(v) if v is not None else "<nil>", width, minus)
    if isinstance(v, dict) or isinstance(v, list):
        if verb == "v" or verb in "sdqxX":
            if isinstance(v, dict):
                body = " ".join(f"{_fmt_one(verb, k, flags, None, prec)}:{_fmt_one(verb, v[k], flags, None, prec)}"
                                for k in sorted(v))
                s = "map[" + body + "]"
            else:
                s = "[" + " ".join(_fmt_one(verb, x, flags, None, prec) for x in v) + "]"
            if sharp and verb == "v":
                from pykubectl.printers.jsonpath import go_sharp
                s = go_sharp(v)
            return _pad(s, width, minus)
        return _bad_verb(verb, v, flags, width, prec)
    if v is None:
        if verb == "v":
            return _pad("<nil>", width, minus)
        return f"%!{verb}(<nil>)"
    if isinstance(v, bool):
        if verb in "vt":
            return _pad("true" if v else "false", width, minus)
        return _bad_verb(verb, v, flags, width, prec)
    if isinstance(v, int):
        iv = int(v)
        if verb in "vd":
            s = str(abs(iv))
            if prec is not None:
                s = s.rjust(prec, "0")
            sign = "-" if iv < 0 else ("+" if plus else (" " if space else ""))
            return _pad(sign + s, width, minus, zero and prec is None)
        if verb in "xXob":
            s = format(abs(iv), {"x": "x", "X": "X", "o": "o", "b": "b"}[verb])
            if sharp:
                s = {"x": "0x", "X": "0X", "o": "0", "b": "0b"}[verb] + s
            sign = "-" if iv < 0 else ("+" if plus else "")
            return _pad(sign + s, width, minus, zero)
        if verb == "c":
            return _pad(chr(iv), width, minus)
        if verb == "q":
            return _pad("'" + chr(iv) + "'", width, minus)
        if verb == "U":
            return _pad(f"U+{iv:04X}", width, minus)
        return _bad_verb(verb, v, flags, width, prec)
    if isinstance(v, float):
        if verb == "v":
            s = go_float(v)
            if plus and v >= 0:
                s = "+" + s
            return _pad(s, width, minus, zero)
        if verb in "feEgG":
            p = 6 if prec is None else prec
            if verb in "gG":
                s = go_float(v) if prec is None else format(v, f".{p}g")
            else:
                s = format(v, f".{p}{verb}")
                if verb in "eE":
                    s = re.sub(r"([eE][+-])(\d)$", r"\g<1>0\2", s)
            if plus and v >= 0:
                s = "+" + s
            elif space and v >= 0:
                s = " " + s
            return _pad(s, width, minus, zero)
        return _bad_verb(verb, v, flags, width, prec)
    if isinstance(v, str):
        if verb in "vs":
            s = v if prec is None else v[:prec]
            return _pad(s, width, minus)
        if verb == "q":
            s = go_quote(v) if not sharp or "`" in v else "`" + v + "`"
            return _pad(s, width, minus)
        if verb in "xX":
            h = v.encode().hex()
            return _pad(h.upper() if verb == "X" else h, width, minus)
        return _bad_verb(verb, v, flags, width, prec)
    return _pad(str(v), width, minus)


def sprintf(fmt: str, args: list) -> str:
    """Go's fmt.Sprintf for the verbs templates use, including its ``%!verb(type=value)`` complaints."""
    out: list[str] = []
    i = 0
    argi = 0
    n = len(fmt)
    while i < n:
        j = fmt.find("%", i)
        if j < 0:
            out.append(fmt[i:])
            break
        out.append(fmt[i:j])
        m = _VERB_RE.match(fmt, j)
        assert m
        flags, w, p, verb = m.group(1), m.group(2), m.group(3), m.group(4)
        i = m.end()
        width: int | None = None
        prec: int | None = None
        if w == "*":
            if argi < len(args) and isinstance(args[argi], int):
                width = int(args[argi])
                if width < 0:
                    flags += "-"
                    width = -width
            argi += 1
        elif w:
            width = int(w)
        if p is not None:
            if p == "*":
                if argi < len(args) and isinstance(args[argi], int):
                    prec = int(args[argi])
                argi += 1
            else:
                prec = int(p) if p else 0
        if verb is None:
            out.append("%!(NOVERB)")
            break
        if verb == "%":
            out.append("%")
            continue
        if argi >= len(args):
            out.append(f"%!{verb}(MISSING)")
            continue
        out.append(_fmt_one(verb, args[argi], flags, width, prec))
        argi += 1
    if argi < len(args):
        extra = ", ".join(
            (f"{_type_name(a)}={_fmt_one('v', a, '', None, None)}" if a is not None else "<nil>")
            for a in args[argi:])
        out.append(f"%!(EXTRA {extra})")
    return "".join(out)


# ---- public API -----------------------------------------------------------------------------------

def parse_go_template(template: str) -> list:
    """Parse ``template``; raises ``TemplateError`` with kubectl's ``error parsing template`` text."""
    try:
        return _Parser(template).parse()
    except _ParseErr as e:
        raise TemplateError(f"error: error parsing template {template}, template: output:{e}") from None


def render_go_template(template: str, data: Any, allow_missing_keys: bool = True,
                       raw_json: str | None = None) -> str:
    """What ``kubectl -o go-template=TEMPLATE`` prints for ``data``.

    On an execution error raises ``TemplateError`` whose ``stdout`` holds the partial output followed by
    kubectl's debugging dump (``raw_json`` is the "raw data" line; by default ``data`` in its dict order).
    """
    nodes = parse_go_template(template)
    ex = _Exec(template, data, missing_error=not allow_missing_keys)
    try:
        ex.run(nodes)
    except _ExecErr as e:
        raw = raw_json if raw_json is not None else go_json(data, sort_keys=False)
        dump = (f"Error executing template: {e}. Printing more information for debugging the template:\n"
                f"\ttemplate was:\n\t\t{template}\n"
                f"\traw data was:\n\t\t{raw}\n"
                f"\tobject given to template engine was:\n\t\t{go_sprint(data)}\n\n")
        raise TemplateError(f"error: error executing template {go_quote(template)}: {e}",
                            stdout="".join(ex.out) + dump) from None
    except (_Break, _Continue):
        pass
    return "".join(ex.out)
