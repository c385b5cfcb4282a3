"""kubectl JSONPath templates (client-go util/jsonpath), plus the Go value formatting (fmt, encoding/json)
the template printers share.

Objects are JSON-shaped Python values. A Python ``int`` stands for Go's int64 (what the API server's
unstructured decoding yields) and a ``float`` for float64 (what ``json.Unmarshal`` into ``interface{}``
yields); ``GoByte`` is a uint8 (what indexing a Go string yields).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pykubectl.errors import ClientError
from pykubectl.printers import gostrconv


class GoByte(int):
    """A uint8: JSONPath's ``*`` over a string walks its bytes, and Go prints them as numbers."""


def _float_digits(f: float) -> tuple[str, int]:
    """Shortest round-trip digits and the decimal point position (strconv's ``digs.d``/``digs.dp``)."""
    t = Decimal(repr(abs(f))).normalize().as_tuple()
    digs = "".join(str(d) for d in t.digits)
    if digs == "0":
        return "0", 1
    return digs, len(digs) + int(t.exponent)


def go_float(f: float, json_style: bool = False) -> str:
    """``%v`` of a float64 (strconv 'g', shortest) or, with ``json_style``, encoding/json's form."""
    if f != f:
        return "NaN"
    if f in (float("inf"), float("-inf")):
        return "+Inf" if f > 0 else "-Inf"
    neg = f < 0 or (f == 0 and str(f).startswith("-"))
    digs, dp = _float_digits(f)
    if digs == "0":
        return "-0" if neg and not json_style else "0"
    exp = dp - 1
    if json_style:
        a = abs(f)
        use_e = a < 1e-6 or a >= 1e21
    else:
        # fmt's %v is strconv's shortest 'g': exponent form below 1e-4 and from 1e6 (not JSON's 1e21).
        use_e = exp < -4 or exp >= 6
    sign = "-" if neg else ""
    if use_e:
        mant = digs[0] + ("." + digs[1:] if len(digs) > 1 else "")
        es = "-" if exp < 0 else "+"
        ev = abs(exp)
        if json_style:
            return f"{sign}{mant}e{es}{ev}"
        return f"{sign}{mant}e{es}{ev:02d}"
    if dp <= 0:
        return f"{sign}0." + "0" * (-dp) + digs
    if dp >= len(digs):
        return sign + digs + "0" * (dp - len(digs))
    return sign + digs[:dp] + "." + digs[dp:]


def go_quote(s: str) -> str:
    """strconv.Quote: Go-syntax double-quoted string."""
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\a":
            out.append("\\a")
        elif ch == "\b":
            out.append("\\b")
        elif ch == "\f":
            out.append("\\f")
        elif ch == "\v":
            out.append("\\v")
        elif o < 0x20 or o == 0x7F:
            out.append(f"\\x{o:02x}")
        elif not ch.isprintable() and ch != " ":
            out.append(f"\\u{o:04x}" if o <= 0xFFFF else f"\\U{o:08x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def go_sprint(v: Any, plus: bool = False) -> str:
    """``fmt.Sprint`` (%v) of a JSON-shaped value as it sits in an ``interface{}``."""
    if v is None:
        return "<nil>"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, float):
        return go_float(v)
    if isinstance(v, int):
        return str(int(v))
    if isinstance(v, str):
        return v
    if isinstance(v, dict):
        return "map[" + " ".join(f"{k}:{go_sprint(v[k], plus)}" for k in sorted(v)) + "]"
    if isinstance(v, (list, tuple)):
        return "[" + " ".join(go_sprint(x, plus) for x in v) + "]"
    return str(v)


def go_sharp(v: Any, top: bool = True) -> str:
    """``%#v`` of a ``map[string]interface{}`` tree; ``top`` is False for values boxed in interface{}."""
    if v is None:
        return "interface {}(nil)"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, GoByte):
        return f"0x{int(v):x}"
    if isinstance(v, float):
        return go_float(v)
    if isinstance(v, int):
        return str(int(v))
    if isinstance(v, str):
        return go_quote(v)
    if isinstance(v, dict):
        body = ", ".join(f"{go_quote(k)}:{go_sharp(v[k], False)}" for k in sorted(v))
        return "map[string]interface {}{" + body + "}"
    if isinstance(v, (list, tuple)):
        return "[]interface {}{" + ", ".join(go_sharp(x, False) for x in v) + "}"
    return str(v)


_JSON_ESC = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t",
             "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _json_str(s: str) -> str:
    out = ['"']
    for ch in s:
        e = _JSON_ESC.get(ch)
        if e is not None:
            out.append(e)
        elif ord(ch) < 0x20:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def go_json(v: Any, sort_keys: bool = True, indent: str | None = None, _level: int = 0) -> str:
    """encoding/json Marshal (compact) or MarshalIndent(v, "", indent).

    Maps from ``map[string]interface{}`` come out with sorted keys; ``sort_keys=False`` keeps the dict's
    order, which stands for a typed object's field order.
    """
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, float):
        return go_float(v, json_style=True)
    if isinstance(v, int):
        return str(int(v))
    if isinstance(v, str):
        return _json_str(v)
    if isinstance(v, dict):
        if not v:
            return "{}"
        keys = sorted(v) if sort_keys else list(v)
        if indent is None:
            return "{" + ",".join(f"{_json_str(k)}:{go_json(v[k], sort_keys)}" for k in keys) + "}"
        pad = "\n" + indent * (_level + 1)
        items = [f"{pad}{_json_str(k)}: {go_json(v[k], sort_keys, indent, _level + 1)}" for k in keys]
        return "{" + ",".join(items) + "\n" + indent * _level + "}"
    if isinstance(v, (list, tuple)):
        if not v:
            return "[]"
        if indent is None:
            return "[" + ",".join(go_json(x, sort_keys) for x in v) + "]"
        pad = "\n" + indent * (_level + 1)
        items = [f"{pad}{go_json(x, sort_keys, indent, _level + 1)}" for x in v]
        return "[" + ",".join(items) + "\n" + indent * _level + "]"
    return _json_str(str(v))


def go_type_name(v: Any) -> str:
    """The dynamic Go type of a value, as ``%v`` of ``reflect.Type`` prints it."""
    if v is None:
        return "<nil>"
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, GoByte):
        return "uint8"
    if isinstance(v, float):
        return "float64"
    if isinstance(v, int):
        return "int64"
    if isinstance(v, str):
        return "string"
    if isinstance(v, dict):
        return "map[string]interface {}"
    if isinstance(v, (list, tuple)):
        return "[]interface {}"
    return type(v).__name__


# --------------------------------------------------------------------------------------------------
# The JSONPath dialect of k8s.io/client-go/util/jsonpath. The parser and evaluator follow client-go's
# algorithm step by step (including its quirks: a range without end re-runs the following nodes on the
# outer data, a zero-length slice drops the remaining inputs), because scripts depend on the output.
# --------------------------------------------------------------------------------------------------

_EOF = ""


@dataclass
class _List:
    nodes: list = field(default_factory=list)


@dataclass
class _Text:
    text: str


@dataclass
class _Field:
    name: str


@dataclass
class _Identifier:
    name: str


@dataclass
class _Int:
    value: int


@dataclass
class _Float:
    value: float


@dataclass
class _Bool:
    value: bool


@dataclass
class _Wildcard:
    pass


@dataclass
class _Recursive:
    pass


@dataclass
class _Param:
    value: int = 0
    known: bool = False
    derived: bool = False


@dataclass
class _Array:
    params: list


@dataclass
class _Union:
    lists: list


@dataclass
class _Filter:
    left: _List
    right: _List
    op: str


class _ParseError(Exception):
    pass


_DICT_KEY_RE = re.compile(r"^'([^']*)'$")
_SLICE_RE = re.compile(r"^(-?\d*)(:-?\d*)?(:-?\d*)?$")
_FILTER_RE = re.compile(r"^([^!<>=]+)([!<>=]+)(.+?)$", re.S)


def _is_space(r: str) -> bool:
    return r in (" ", "\t")


def _is_eol(r: str) -> bool:
    return r in ("\r", "\n")


def _is_terminator(r: str) -> bool:
    return r == _EOF or _is_space(r) or _is_eol(r) or r in ".,[]$@{}"


def _is_alnum(r: str) -> bool:
    return r == "_" or (r != _EOF and (r.isalpha() or r.isdigit()))


def _go_unquote(s: str) -> str:
    """strconv.Unquote after client-go's UnquoteExtend turned a single-quoted string into a double-quoted one."""
    if s[:1] == "`":
        raise _ParseError("invalid syntax")
    try:
        return gostrconv.unquote(s)
    except ValueError as e:
        raise _ParseError(str(e)) from None


class _Parser:
    def __init__(self, text: str):
        self.input = text
        self.pos = 0
        self.start = 0
        self.width = 0
        self.root = _List()

    def parse(self) -> _List:
        self._parse_text(self.root)
        return self.root

    # Lexing helpers mirror client-go's so positions (and thus errors) agree.
    def _next(self) -> str:
        if self.pos >= len(self.input):
            self.width = 0
            return _EOF
        r = self.input[self.pos]
        self.width = 1
        self.pos += 1
        return r

    def _peek(self) -> str:
        r = self._next()
        self._backup()
        return r

    def _backup(self) -> None:
        self.pos -= self.width

    def _consume(self) -> str:
        v = self.input[self.start:self.pos]
        self.start = self.pos
        return v

    def _advance(self) -> bool:
        r = self._next()
        if r == "\\":
            self._next()
        elif _is_terminator(r):
            self._backup()
            return False
        return True

    def _parse_text(self, cur: _List) -> None:
        while True:
            if self.input.startswith("{", self.pos):
                if self.pos > self.start:
                    cur.nodes.append(_Text(self._consume()))
                self._parse_left_delim(cur)
                return
            if self._next() == _EOF:
                break
        if self.pos > self.start:
            cur.nodes.append(_Text(self._consume()))

    def _parse_left_delim(self, cur: _List) -> None:
        self.pos += 1
        self._consume()
        node = _List()
        cur.nodes.append(node)
        self._parse_inside(node)

    def _parse_inside(self, cur: _List) -> None:
        # client-go recurses once per token; a loop keeps long templates off Python's recursion limit.
        while True:
            rest = self.input[self.pos:]
            if rest.startswith("}"):
                self.pos += 1
                self._consume()
                self._parse_text(self.root)
                return
            if rest.startswith("[?("):
                self._parse_filter(cur)
                continue
            if rest.startswith(".."):
                self._parse_recursive(cur)
                continue
            r = self._next()
            if r == _EOF or _is_eol(r):
                raise _ParseError("unclosed action")
            if r == " " or r in "@$":
                self._consume()
            elif r == "[":
                self._parse_array(cur)
            elif r in "\"'":
                self._parse_quote(cur, r)
            elif r == ".":
                self._parse_field(cur)
            elif r in "+-" or r.isdigit():
                self._backup()
                self._parse_number(cur)
            elif _is_alnum(r):
                self._backup()
                self._parse_identifier(cur)
            else:
                raise _ParseError(f"unrecognized character in action: U+{ord(r):04X} {_go_quote_rune(r)}")

    def _parse_identifier(self, cur: _List) -> None:
        while True:
            r = self._next()
            if _is_terminator(r):
                self._backup()
                break
        value = self._consume()
        if value in ("true", "false"):
            cur.nodes.append(_Bool(value == "true"))
        else:
            cur.nodes.append(_Identifier(value))

    def _parse_recursive(self, cur: _List) -> None:
        if cur.nodes and isinstance(cur.nodes[-1], _Recursive):
            raise _ParseError("invalid multiple recursive descent")
        self.pos += 2
        self._consume()
        cur.nodes.append(_Recursive())
        if _is_alnum(self._peek()):
            self._parse_field(cur)

    def _parse_number(self, cur: _List) -> None:
        r = self._peek()
        if r in "+-" and r != _EOF:
            self._next()
        while True:
            r = self._next()
            if r != "." and not (r != _EOF and r.isdigit()):
                self._backup()
                break
        value = self._consume()
        if re.fullmatch(r"[+-]?\d+", value):
            cur.nodes.append(_Int(int(value)))
            return
        if re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)", value):
            cur.nodes.append(_Float(float(value)))
            return
        raise _ParseError(f"cannot parse number {value}")

    def _parse_array(self, cur: _List) -> None:
        while True:
            r = self._next()
            if r == _EOF or r == "\n":
                raise _ParseError("unterminated array")
            if r == "]":
                break
        text = self._consume()[1:-1]
        if text == "*":
            text = ":"
        parts = text.split(",")
        if len(parts) > 1:
            cur.nodes.append(_Union([_parse_action(f"[{p.strip(' ')}]") for p in parts]))
            return
        m = _DICT_KEY_RE.match(text)
        if m:
            # client-go re-parses ['k'] as .k, so dots inside the quotes still split the key.
            cur.nodes.extend(_parse_action("." + m.group(1)).nodes)
            return
        m = _SLICE_RE.match(text)
        if not m:
            raise _ParseError(f"invalid array index {text}")
        groups = [m.group(1) or "", m.group(2) or "", m.group(3) or ""]
        params = [_Param(), _Param(), _Param()]
        for i in range(3):
            v = groups[i]
            if v != "":
                if i > 0:
                    v = v[1:]
                if i > 0 and v == "":
                    params[i].known = False
                else:
                    try:
                        params[i].value = int(v)
                    except ValueError:
                        raise _ParseError(f"array index {v} is not a number") from None
                    params[i].known = True
            elif i == 1:
                params[i] = _Param(params[0].value + 1, True, True)
        cur.nodes.append(_Array(params))

    def _parse_filter(self, cur: _List) -> None:
        self.pos += 3
        self._consume()
        begin = end = False
        pair = ""
        while True:
            r = self._next()
            if r == _EOF or r == "\n":
                raise _ParseError("unterminated filter")
            if r in "\"'":
                if not begin:
                    begin = True
                    pair = r
                    continue
                if self.input[self.pos - 2] != "\\" and r == pair:
                    end = True
            elif r == ")":
                if begin == end:
                    break
        if self._next() != "]":
            raise _ParseError("unclosed array expect ]")
        text = self._consume()[:-2]
        m = _FILTER_RE.match(text)
        if m is None:
            cur.nodes.append(_Filter(_parse_action(text), _List(), "exists"))
        else:
            cur.nodes.append(_Filter(_parse_action(m.group(1)), _parse_action(m.group(3)), m.group(2)))

    def _parse_quote(self, cur: _List, end: str) -> None:
        while True:
            r = self._next()
            if r == _EOF or r == "\n":
                raise _ParseError("unterminated quoted string")
            if r == "\\":
                r2 = self._next()
                if r2 == _EOF or r2 == "\n":
                    raise _ParseError("unterminated quoted string")
            elif r == end:
                break
        value = self._consume()
        try:
            s = _go_unquote(value)
        except _ParseError as e:
            raise _ParseError(f"unquote string {value} error {e}") from None
        cur.nodes.append(_Text(s))

    def _parse_field(self, cur: _List) -> None:
        self._consume()
        while self._advance():
            pass
        value = self._consume()
        if value == "*":
            cur.nodes.append(_Wildcard())
        else:
            cur.nodes.append(_Field(value.replace("\\", "")))


def _go_quote_rune(r: str) -> str:
    return "'" + r + "'" if r.isprintable() else go_quote(r).replace('"', "'")


def _parse_action(text: str) -> _List:
    root = _Parser("{" + text + "}").parse()
    first = root.nodes[0] if root.nodes else _List()
    return first if isinstance(first, _List) else _List()


# ---- evaluation -----------------------------------------------------------------------------------

class _ExecError(Exception):
    pass


def _basic_kind(v: Any) -> str:
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, GoByte):
        return "uint"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float"
    if isinstance(v, str):
        return "string"
    raise _ExecError("invalid type for comparison")


def _go_eq(a: Any, b: Any) -> bool:
    ka, kb = _basic_kind(a), _basic_kind(b)
    if ka != kb:
        if {ka, kb} == {"int", "uint"}:
            return int(a) == int(b)
        raise _ExecError("incompatible types for comparison")
    return a == b


def _go_lt(a: Any, b: Any) -> bool:
    ka, kb = _basic_kind(a), _basic_kind(b)
    if ka != kb:
        if {ka, kb} == {"int", "uint"}:
            return int(a) < int(b)
        raise _ExecError("incompatible types for comparison")
    if ka == "bool":
        raise _ExecError("invalid type for comparison")
    return a < b


class _Missing:
    """No value (Go's invalid reflect.Value)."""


class JSONPath:
    """A parsed kubectl JSONPath template. Parse errors raise ``ClientError`` at construction."""

    def __init__(self, template: str, allow_missing_keys: bool = True):
        self.template = template
        self.allow_missing_keys = allow_missing_keys
        try:
            self._root = _Parser(template).parse()
        except _ParseError as e:
            err = ClientError(f"error: error parsing jsonpath {template}, {e}")
            err.reason = str(e)  # type: ignore[attr-defined]  # custom-columns reports it bare
            raise err from None

    # ---- public API ----
    def find_results(self, data: Any) -> list[list]:
        """The values of each top-level node (text or ``{…}``), as client-go's FindResults."""
        self._stack: list = []
        self._begin_range = self._end_range = self._in_range = 0
        self._last_end: int | None = None
        try:
            return self._find(data, self._root.nodes, 0)
        except _ExecError as e:
            raise _JSONPathExecError(str(e)) from None

    def execute(self, data: Any) -> str:
        """What ``-o jsonpath=TEMPLATE`` prints for ``data`` (one object, or the List of several)."""
        return self._run(data, as_json=False)

    def execute_as_json(self, data: Any) -> str:
        """What ``-o jsonpath-as-json=TEMPLATE`` prints."""
        return self._run(data, as_json=True)

    # ---- internals ----
    def _run(self, data: Any, as_json: bool) -> str:
        try:
            full = self.find_results(data)
            return "".join(_print_results(r, as_json) for r in full)
        except (_JSONPathExecError, _ExecError) as e:
            raise ClientError(
                f'error: error executing jsonpath {go_quote(self.template)}: Error executing template: {e}. '
                "Printing more information for debugging the template:\n"
                f"\ttemplate was:\n\t\t{self.template}\n"
                f"\tobject given to jsonpath engine was:\n\t\t{go_sharp(data)}\n\n\n"
            ) from None

    def _find(self, data: Any, nodes: list, base: int) -> list[list]:
        # ``base`` gives each node a stable identity across the nested calls, standing in for client-go's
        # pointer comparison with lastEndNode.
        full: list[list] = []
        cur = [data]
        i = 0
        while i < len(nodes):
            node = nodes[i]
            results = self._walk(cur, node)
            if self._end_range > 0 and self._end_range <= self._in_range:
                self._end_range -= 1
                self._last_end = base + i
                break
            if self._begin_range > 0:
                self._begin_range -= 1
                self._in_range += 1
                rest = nodes[i + 1:]
                if results:
                    for value in results:
                        full.extend(self._find(value, rest, base + i + 1))
                else:
                    self._find(None, rest, base + i + 1)
                self._in_range -= 1
                for k in range(i + 1, len(nodes)):
                    if base + k == self._last_end:
                        i = k
                        break
                i += 1
                continue
            full.append(results)
            i += 1
        return full

    def _walk(self, values: list, node: Any) -> list:
        if isinstance(node, _List):
            return self._eval_list(values, node)
        if isinstance(node, _Text):
            return [node.text]
        if isinstance(node, _Field):
            return self._eval_field(values, node)
        if isinstance(node, _Array):
            return self._eval_array(values, node)
        if isinstance(node, _Filter):
            return self._eval_filter(values, node)
        if isinstance(node, (_Int, _Float, _Bool)):
            return [node.value]
        if isinstance(node, _Wildcard):
            return self._eval_wildcard(values)
        if isinstance(node, _Recursive):
            return self._eval_recursive(values)
        if isinstance(node, _Union):
            out: list = []
            for lst in node.lists:
                out.extend(self._eval_list(values, lst))
            return out
        if isinstance(node, _Identifier):
            return self._eval_identifier(values, node)
        raise _ExecError(f"unexpected Node {node}")

    def _eval_list(self, values: list, node: _List) -> list:
        cur = values
        for n in node.nodes:
            cur = self._walk(cur, n)
        return cur

    def _eval_identifier(self, values: list, node: _Identifier) -> list:
        if node.name == "range":
            self._stack.append(values)
            self._begin_range += 1
            return values
        if node.name == "end":
            if self._end_range < self._in_range:
                self._end_range += 1
                return []
            if self._stack:
                return self._stack.pop()
            raise _ExecError("not in range, nothing to end")
        raise _ExecError(f"unrecognized identifier {node.name}")

    def _eval_field(self, values: list, node: _Field) -> list:
        results = []
        if not values:
            return results
        for v in values:
            if v is None:
                continue
            if isinstance(v, dict) and node.name in v:
                results.append(v[node.name])
        if not results and not self.allow_missing_keys:
            raise _ExecError(f"{node.name} is not found")
        return results

    def _eval_array(self, values: list, node: _Array) -> list:
        result: list = []
        for v in values:
            if v is None:
                continue
            if not isinstance(v, list):
                raise _ExecError(f"{go_type_name(v)} is not array or slice")
            n = len(v)
            p0 = node.params[0].value if node.params[0].known else 0
            if p0 < 0:
                p0 += n
            p1 = node.params[1].value if node.params[1].known else n
            if p1 < 0 or (p1 == 0 and node.params[1].derived):
                p1 += n
            if p1 != p0:
                if p0 >= n or p0 < 0:
                    raise _ExecError(f"array index out of bounds: index {p0}, length {n}")
                if p1 > n or p1 < 0:
                    raise _ExecError(f"array index out of bounds: index {p1 - 1}, length {n}")
                if p0 > p1:
                    raise _ExecError(f"starting index {p0} is greater than ending index {p1}")
            else:
                return result
            part = v[p0:p1]
            step = 1
            if node.params[2].known:
                if node.params[2].value <= 0:
                    raise _ExecError("step must be > 0")
                step = node.params[2].value
            result.extend(part[::step])
        return result

    @staticmethod
    def _children(v: Any) -> list:
        if isinstance(v, dict):
            # Go walks map keys in random order; sorted is one of its orders and is reproducible.
            return [v[k] for k in sorted(v)]
        if isinstance(v, list):
            return list(v)
        if isinstance(v, str):
            return [GoByte(b) for b in v.encode()]
        return []

    def _eval_wildcard(self, values: list) -> list:
        out: list = []
        for v in values:
            if v is None:
                continue
            out.extend(self._children(v))
        return out

    def _eval_recursive(self, values: list) -> list:
        out: list = []
        for v in values:
            if v is None:
                continue
            kids = self._children(v)
            if kids:
                out.append(v)
                out.extend(self._eval_recursive(kids))
        return out

    def _eval_filter(self, values: list, node: _Filter) -> list:
        results: list = []
        for v in values:
            if not isinstance(v, list):
                raise _ExecError(f"{go_sprint(v) if v is not None else '<invalid reflect.Value>'} "
                                 "is not array or slice and cannot be filtered")
            for item in v:
                if node.op == "exists":
                    try:
                        lefts = self._eval_list([item], node.left)
                    except _ExecError:
                        lefts = []
                    if lefts:
                        results.append(item)
                    continue
                lefts = self._eval_list([item], node.left)
                if not lefts:
                    continue
                if len(lefts) > 1:
                    raise _ExecError("can only compare one element at a time")
                rights = self._eval_list([item], node.right)
                if not rights:
                    continue
                if len(rights) > 1:
                    raise _ExecError("can only compare one element at a time")
                a, b = lefts[0], rights[0]
                op = node.op
                if op == "<":
                    ok = _go_lt(a, b)
                elif op == ">":
                    ok = _go_lt(b, a)
                elif op == "==":
                    ok = _go_eq(a, b)
                elif op == "!=":
                    ok = not _go_eq(a, b)
                elif op == "<=":
                    ok = _go_lt(a, b) or _go_eq(a, b)
                elif op == ">=":
                    ok = _go_lt(b, a) or _go_eq(a, b)
                else:
                    raise _ExecError(f"unrecognized filter operator {op}")
                if ok:
                    results.append(item)
        return results


class _JSONPathExecError(ClientError):
    """An evaluation failure from ``find_results``; its text is client-go's bare message."""

    def __str__(self) -> str:
        return self.message


def _to_text(v: Any) -> str:
    if v is None:
        return "null"
    return go_sprint(v)


def _print_results(results: list, as_json: bool) -> str:
    if as_json:
        return go_json(list(results), indent="    ") + "\n"
    parts = []
    for v in results:
        if isinstance(v, (dict, list)):
            parts.append(go_json(v))
        else:
            parts.append(_to_text(v))
    return " ".join(parts)


_RELAXED_RE = re.compile(r"^\{\.?([^{}]+)\}$|^\.?([^{}]+)$", re.S)


def relaxed(expr: str) -> str:
    """kubectl's RelaxedJSONPathExpression: ``a.b``, ``.a.b``, ``{a.b}`` and ``{.a.b}`` all mean ``{.a.b}``."""
    if not expr:
        return expr
    m = _RELAXED_RE.match(expr)
    if m is None:
        raise ClientError("error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or "
                          "'{name1.name2}' or '{.name1.name2}'")
    return "{." + (m.group(1) or m.group(2)) + "}"
