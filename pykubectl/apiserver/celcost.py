"""The static cost of ``x-kubernetes-validations`` rules, as a v1.32 API server estimates it when a CRD is written.

The server type-checks each rule against the CEL type of its schema node and asks cel-go's cost estimator for the
rule's worst case (checker.Cost with Kubernetes' library.CostEstimator and the schema's size estimator: strings,
lists and maps are as long as their maxLength/maxItems/maxProperties, or as many as fit in a 3 MiB request).
A rule's cost times the number of times its node can occur (the product of the maxItems/maxProperties above it, or
what fits in a request) may not exceed 10,000,000 (``StaticEstimatedCostLimit``), a messageExpression's cost alone
may not either, and all of them together may not exceed 100,000,000 per schema (``StaticEstimatedCRDCostLimit``).

This module holds a small CEL parser (the syntax, macros expanded as cel-go expands them), the schema's CEL types
with their size bounds (apiserver/pkg/cel/common SchemaDeclType), a type inference good enough to pick the
overloads the cost model distinguishes, and the cost model itself (cel-go checker/cost.go, Kubernetes'
library/cost.go EstimateCallCost). The parser also gives the parser's "expecting" text for an expression that
ends where an operand is due.
"""

from __future__ import annotations

import math
import re
from typing import Any

from ..errors import FieldError

MAX_UINT64 = (1 << 64) - 1
MAX_REQUEST_SIZE = 3 * 1024 * 1024
STATIC_EXPRESSION_LIMIT = 10_000_000
STATIC_CRD_LIMIT = 100_000_000
_STRING_TRAVERSAL = 0.1
_REGEX_LENGTH = 0.25
_ACCU = "__result__"

# ---- syntax ----------------------------------------------------------------------------------------------------

_TOKEN = re.compile(r"""
    (?P<ws>[ \t\r\n\f]+|//[^\n]*)
  | (?P<float>(?:\d+\.\d+(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+|\.\d+(?:[eE][+-]?\d+)?))
  | (?P<uint>(?:0x[0-9a-fA-F]+|\d+)[uU])
  | (?P<int>0x[0-9a-fA-F]+|\d+)
  | (?P<string>[rR]?[bB]?[rR]?(?:'''(?:[^\\]|\\.)*?'''|\"\"\"(?:[^\\]|\\.)*?\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"))
  | (?P<ident>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>==|!=|<=|>=|&&|\|\||[-+*/%!<>?:.,\[\]{}()])
""", re.X)
_RESERVED_LITERALS = {"true", "false", "null"}
# What the grammar accepts where an operand starts (cel-go's parser lists these when it finds something else).
_OPERAND_START = ("'['", "'{'", "'('", "'.'", "'-'", "'!'", "'true'", "'false'", "'null'", "NUM_FLOAT", "NUM_INT",
                  "NUM_UINT", "STRING", "BYTES", "IDENTIFIER")


class CelSyntaxError(Exception):
    def __init__(self, line: int, column: int, message: str):
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


class Node:
    """One expression of the parsed (macro-expanded) tree, as cel-go's ast.Expr kinds."""

    __slots__ = ("kind", "value", "name", "operand", "test_only", "target", "args", "elems", "iter_var",
                 "iter_range", "accu_init", "cond", "step", "result")

    def __init__(self, kind: str, **kw: Any):
        self.kind = kind
        for k in self.__slots__[1:]:
            setattr(self, k, kw.get(k))


def _lit(kind: str, value: Any) -> Node:
    return Node("lit", name=kind, value=value)


def _call(fn: str, *args: Node, target: Node | None = None) -> Node:
    return Node("call", name=fn, target=target, args=list(args))


def _ident(name: str) -> Node:
    return Node("ident", name=name)


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.toks: list[tuple[str, str, int]] = []
        pos = 0
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            if not m:
                raise self._error_at(pos, f"Syntax error: token recognition error at: '{text[pos]}'")
            if m.lastgroup != "ws":
                self.toks.append((m.lastgroup or "", m.group(0), pos))
            pos = m.end()
        self.toks.append(("eof", "<EOF>", len(text)))
        self.i = 0

    def _error_at(self, pos: int, message: str) -> CelSyntaxError:
        line = self.text.count("\n", 0, pos) + 1
        column = pos - (self.text.rfind("\n", 0, pos) + 1) + 1
        return CelSyntaxError(line, column, message)

    def peek(self, k: int = 0) -> tuple[str, str, int]:
        return self.toks[min(self.i + k, len(self.toks) - 1)]

    def take(self, text: str | None = None) -> tuple[str, str, int]:
        tok = self.peek()
        if text is not None and not (tok[0] == "op" and tok[1] == text):
            raise self._error_at(tok[2], "Syntax error: unexpected input")
        self.i += 1
        return tok

    def at(self, *texts: str) -> bool:
        tok = self.peek()
        return tok[0] == "op" and tok[1] in texts

    def parse(self) -> Node:
        e = self.expr()
        if self.peek()[0] != "eof":
            raise self._error_at(self.peek()[2], "Syntax error: unexpected input")
        return e

    def expr(self) -> Node:
        c = self.binary(0)
        if self.at("?"):
            self.take()
            t = self.binary(0)
            self.take(":")
            f = self.expr()
            return _call("_?_:_", c, t, f)
        return c

    _LEVELS: tuple[tuple[str, ...], ...] = (("||",), ("&&",), ("<", "<=", ">=", ">", "==", "!=", "in"),
                                            ("+", "-"), ("*", "/", "%"))

    def binary(self, level: int) -> Node:
        if level == len(self._LEVELS):
            return self.unary()
        left = self.binary(level + 1)
        ops = self._LEVELS[level]
        while True:
            tok = self.peek()
            op = tok[1] if (tok[0] == "op" or (tok[0] == "ident" and tok[1] == "in")) else None
            if op not in ops:
                return left
            self.take()
            right = self.binary(level + 1)
            fn = "@in" if op == "in" else f"_{op}_"
            left = _call(fn, left, right)

    def unary(self) -> Node:
        if self.at("!"):
            n = 0
            while self.at("!"):
                self.take()
                n += 1
            e = self.member()
            for _ in range(n):
                e = _call("!_", e)
            return e
        if self.at("-"):
            nxt = self.peek(1)
            if nxt[0] in ("int", "float") and self.peek(2)[1] not in (".", "["):
                self.take()
                tok = self.take()
                return self._number(tok, negative=True)
            n = 0
            while self.at("-"):
                self.take()
                n += 1
            e = self.member()
            for _ in range(n):
                e = _call("-_", e)
            return e
        return self.member()

    def member(self) -> Node:
        e = self.primary()
        while True:
            if self.at("."):
                self.take()
                optional = False
                if self.at("?"):
                    self.take()
                    optional = True
                tok = self.peek()
                if tok[0] != "ident":
                    raise self._error_at(tok[2], "Syntax error: unexpected input")
                self.take()
                if self.at("(") and not optional:
                    self.take()
                    args = self.args(")")
                    e = self._member_call(tok[1], e, args)
                elif optional:
                    e = _call("_?._", e, _lit("string", tok[1]))
                else:
                    e = Node("select", operand=e, name=tok[1], test_only=False)
            elif self.at("["):
                self.take()
                optional = False
                if self.at("?"):
                    self.take()
                    optional = True
                idx = self.expr()
                self.take("]")
                e = _call("_[?_]" if optional else "_[_]", e, idx)
            else:
                return e

    def args(self, close: str) -> list[Node]:
        out: list[Node] = []
        if self.at(close):
            self.take()
            return out
        while True:
            out.append(self.expr())
            if self.at(","):
                self.take()
                if self.at(close):
                    self.take()
                    return out
                continue
            self.take(close)
            return out

    def _member_call(self, fn: str, target: Node, args: list[Node]) -> Node:
        macro = _expand_macro(fn, target, args)
        return macro if macro is not None else _call(fn, *args, target=target)

    def primary(self) -> Node:
        tok = self.peek()
        kind, text, pos = tok
        if kind == "eof" or (kind == "op" and text not in ("[", "{", "(", ".", "-", "!")):
            shown = "<EOF>" if kind == "eof" else text
            raise self._error_at(pos, f"Syntax error: mismatched input '{shown}' expecting "
                                      "{" + ", ".join(_OPERAND_START) + "}")
        if kind == "op" and text == "(":
            self.take()
            e = self.expr()
            self.take(")")
            return e
        if kind == "op" and text == "[":
            self.take()
            return Node("list", elems=self.args("]"))
        if kind == "op" and text == "{":
            self.take()
            entries: list[Node] = []
            if self.at("}"):
                self.take()
                return Node("map", elems=entries)
            while True:
                k = self.expr()
                self.take(":")
                v = self.expr()
                entries.extend((k, v))
                if self.at(","):
                    self.take()
                    if self.at("}"):
                        self.take()
                        break
                    continue
                self.take("}")
                break
            return Node("map", elems=entries)
        if kind == "op" and text == ".":
            self.take()
            tok = self.peek()
            if tok[0] != "ident":
                raise self._error_at(tok[2], "Syntax error: unexpected input")
            kind, text, pos = tok
        if kind == "ident":
            self.take()
            if text in _RESERVED_LITERALS:
                return _lit("null" if text == "null" else "bool", None if text == "null" else text == "true")
            if self.at("("):
                self.take()
                args = self.args(")")
                if text == "has" and len(args) == 1 and args[0].kind == "select":
                    return Node("select", operand=args[0].operand, name=args[0].name, test_only=True)
                return _call(text, *args)
            if self.at("{") and text[:1].isupper():
                self.take()
                fields: list[Node] = []
                while not self.at("}"):
                    self.take()
                    self.take(":")
                    fields.append(self.expr())
                    if self.at(","):
                        self.take()
                self.take("}")
                return Node("struct", elems=fields, name=text)
            return _ident(text)
        if kind in ("int", "uint", "float"):
            self.take()
            return self._number(tok)
        if kind == "string":
            self.take()
            return _string_literal(text)
        raise self._error_at(pos, "Syntax error: unexpected input")

    @staticmethod
    def _number(tok: tuple[str, str, int], negative: bool = False) -> Node:
        kind, text, _ = tok
        if kind == "float":
            return _lit("double", -float(text) if negative else float(text))
        base = 16 if text.lower().lstrip("-").startswith("0x") else 10
        value = int(text.rstrip("uU"), base)
        return _lit(kind, -value if negative else value)


def _string_literal(text: str) -> Node:
    m = re.match(r"([rRbB]*)", text)
    prefix = (m.group(1) if m else "").lower()
    body = text[len(prefix):]
    quote = body[:3] if body[:3] in ("'''", '"""') else body[:1]
    raw = body[len(quote):len(body) - len(quote)]
    if "r" not in prefix:
        try:
            raw = raw.encode("latin-1", "backslashreplace").decode("unicode_escape")
        except UnicodeDecodeError:
            pass
    if "b" in prefix:
        return _lit("bytes", raw.encode("utf-8", "surrogatepass"))
    return _lit("string", raw)


def _expand_macro(fn: str, target: Node, args: list[Node]) -> Node | None:
    """cel-go's macros (parser/macro.go): all, exists, exists_one, map, filter over a comprehension."""
    if fn not in ("all", "exists", "exists_one", "map", "filter") or not args or args[0].kind != "ident":
        return None
    var = args[0].name
    accu = _ident(_ACCU)
    if fn == "all" and len(args) == 2:
        return Node("comp", iter_var=var, iter_range=target, accu_init=_lit("bool", True),
                    cond=_call("@not_strictly_false", _ident(_ACCU)), step=_call("_&&_", _ident(_ACCU), args[1]),
                    result=accu)
    if fn == "exists" and len(args) == 2:
        return Node("comp", iter_var=var, iter_range=target, accu_init=_lit("bool", False),
                    cond=_call("@not_strictly_false", _call("!_", _ident(_ACCU))),
                    step=_call("_||_", _ident(_ACCU), args[1]), result=accu)
    if fn == "exists_one" and len(args) == 2:
        return Node("comp", iter_var=var, iter_range=target, accu_init=_lit("int", 0), cond=_lit("bool", True),
                    step=_call("_?_:_", args[1], _call("_+_", _ident(_ACCU), _lit("int", 1)), _ident(_ACCU)),
                    result=_call("_==_", accu, _lit("int", 1)))
    if fn == "map" and len(args) in (2, 3):
        step = _call("_+_", _ident(_ACCU), Node("list", elems=[args[-1]]))
        if len(args) == 3:
            step = _call("_?_:_", args[1], step, _ident(_ACCU))
        return Node("comp", iter_var=var, iter_range=target, accu_init=Node("list", elems=[]),
                    cond=_lit("bool", True), step=step, result=accu)
    if fn == "filter" and len(args) == 2:
        step = _call("_+_", _ident(_ACCU), Node("list", elems=[_ident(var)]))
        return Node("comp", iter_var=var, iter_range=target, accu_init=Node("list", elems=[]),
                    cond=_lit("bool", True), step=_call("_?_:_", args[1], step, _ident(_ACCU)), result=accu)
    return None


def parse(expr: str) -> Node:
    """The expression's tree; CelSyntaxError (with cel-go's position) when it does not parse."""
    return _Parser(expr).parse()


# ---- the schema's CEL types ------------------------------------------------------------------------------------

class DeclType:
    __slots__ = ("kind", "fields", "elem", "key", "max_elements", "min_size")

    def __init__(self, kind: str, min_size: int, max_elements: int = 0, fields: dict | None = None,
                 elem: DeclType | None = None, key: DeclType | None = None):
        self.kind, self.min_size, self.max_elements = kind, min_size, max_elements
        self.fields, self.elem, self.key = fields, elem, key


_RESERVED = {"true", "false", "null", "in", "as", "break", "const", "continue", "else", "for", "function", "if",
             "import", "let", "loop", "package", "namespace", "return", "var", "void", "while"}


def escape(name: str) -> str | None:
    """apiserver/pkg/cel Escape: a property name as CEL sees it, or None for a name CEL cannot spell."""
    if name in _RESERVED:
        return f"__{name}__"
    if not name or not re.fullmatch(r"[A-Za-z0-9_./-]+", name) or name[0].isdigit():
        return None
    return re.sub(r"__|[-./]", lambda m: {"__": "__underscores__", ".": "__dot__", "-": "__dash__",
                                         "/": "__slash__"}[m.group(0)], name)


def _string_max(s: dict) -> int:
    fmt = s.get("format")
    return {"duration": 32, "date": 12, "date-time": 32}.get(fmt, MAX_REQUEST_SIZE - 2)


def decl_type(s: Any, resource_root: bool) -> DeclType | None:
    """SchemaDeclType: the CEL type of a structural schema node with its size bounds."""
    if not isinstance(s, dict):
        return None
    if s.get("x-kubernetes-int-or-string") is True:
        return DeclType("dyn", 1, MAX_REQUEST_SIZE - 2)
    t = s.get("type")
    if resource_root and t == "object":
        s = _with_type_and_object_meta(s)
    if t == "array":
        items = s.get("items")
        if not isinstance(items, dict):
            return None
        item_type = decl_type(items, items.get("x-kubernetes-embedded-resource") is True)
        if item_type is None:
            return None
        max_items = s.get("maxItems")
        n = max(int(max_items), 0) if isinstance(max_items, int) else (MAX_REQUEST_SIZE - 2) // (item_type.min_size + 1)
        return DeclType("list", 2, n, elem=item_type)
    if t == "object":
        ap = s.get("additionalProperties")
        if isinstance(ap, dict):
            prop_type = decl_type(ap, ap.get("x-kubernetes-embedded-resource") is True)
            if prop_type is None:
                return None
            max_props = s.get("maxProperties")
            n = max(int(max_props), 0) if isinstance(max_props, int) else \
                (MAX_REQUEST_SIZE - 2) // (prop_type.min_size + 6)
            return DeclType("map", 2, n, elem=prop_type, key=DeclType("string", 2))
        fields: dict[str, DeclType] = {}
        required = set(s.get("required") or []) if isinstance(s.get("required"), list) else set()
        min_size = 2
        for name, prop in (s.get("properties") or {}).items() if isinstance(s.get("properties"), dict) else ():
            ft = decl_type(prop, isinstance(prop, dict) and prop.get("x-kubernetes-embedded-resource") is True)
            if ft is None:
                continue
            escaped = escape(name)
            if escaped is not None:
                fields[escaped] = ft
            if name in required and (not isinstance(prop, dict) or prop.get("default") is None):
                min_size += len(name) + ft.min_size + 4
        return DeclType("object", min_size, 0, fields=fields)
    if t == "string":
        fmt = s.get("format")
        if fmt == "byte":
            ml = s.get("maxLength")
            return DeclType("bytes", 2, max(int(ml), 0) if isinstance(ml, int) else _string_max(s))
        if fmt == "duration":
            return DeclType("duration", 3, _string_max(s))
        if fmt == "date":
            return DeclType("timestamp", 12, _string_max(s))
        if fmt == "date-time":
            return DeclType("timestamp", 21, _string_max(s))
        ml = s.get("maxLength")
        if isinstance(ml, int):
            return DeclType("string", 2, max(ml, 0) * 4)
        enum = s.get("enum")
        if isinstance(enum, list) and enum:
            return DeclType("string", 2, max((len(v.encode()) for v in enum if isinstance(v, str)), default=0))
        return DeclType("string", 2, _string_max(s))
    if t == "boolean":
        return DeclType("bool", 4)
    if t == "number":
        return DeclType("double", 1)
    if t == "integer":
        return DeclType("int", 1)
    return None


def _with_type_and_object_meta(s: dict) -> dict:
    props = s.get("properties") if isinstance(s.get("properties"), dict) else {}
    meta = props.get("metadata") if isinstance(props.get("metadata"), dict) else {}
    mprops = meta.get("properties") if isinstance(meta.get("properties"), dict) else None

    def is_type(v: Any, t: str) -> bool:
        return isinstance(v, dict) and v.get("type") == t

    if (is_type(props.get("kind"), "string") and is_type(props.get("apiVersion"), "string")
            and is_type(meta, "object") and mprops is not None and is_type(mprops.get("name"), "string")
            and is_type(mprops.get("generateName"), "string")):
        return s
    out = dict(s)
    new_props = dict(props)
    new_props["kind"] = {"type": "string"}
    new_props["apiVersion"] = {"type": "string"}
    new_props["metadata"] = {"type": "object", "properties": {"name": {"type": "string"},
                                                                "generateName": {"type": "string"}}}
    out["properties"] = new_props
    return out


# ---- types of expressions -------------------------------------------------------------------------------------

class T:
    """An expression's CEL type, as far as the cost model needs it."""

    __slots__ = ("kind", "elem", "key", "decl")

    def __init__(self, kind: str, elem: T | None = None, key: T | None = None, decl: DeclType | None = None):
        self.kind, self.elem, self.key, self.decl = kind, elem, key, decl


_DYN = T("dyn")
_SCALARS = {"bool", "double", "duration", "int", "timestamp", "uint"}


def _from_decl(d: DeclType | None) -> T:
    if d is None:
        return _DYN
    if d.kind == "object":
        return T("struct", decl=d)
    if d.kind == "list":
        return T("list", elem=_from_decl(d.elem), decl=d)
    if d.kind == "map":
        return T("map", elem=_from_decl(d.elem), key=T("string"), decl=d)
    return T(d.kind, decl=d)


# ---- the cost model --------------------------------------------------------------------------------------------

def _add(a: int, b: int) -> int:
    return min(a + b, MAX_UINT64)


def _mul(a: int, b: int) -> int:
    return min(a * b, MAX_UINT64)


def _factor(x: int, f: float) -> int:
    xf = float(x)
    if xf > 0 and f > 0 and xf > MAX_UINT64 / f:
        return MAX_UINT64
    c = math.ceil(xf * f)
    return MAX_UINT64 if c >= 2.0 ** 64 else int(c)


class Est:
    """A (min, max) pair: cel-go's CostEstimate and SizeEstimate alike."""

    __slots__ = ("lo", "hi")

    def __init__(self, lo: int, hi: int):
        self.lo, self.hi = lo, hi

    def add(self, o: Est) -> Est:
        return Est(_add(self.lo, o.lo), _add(self.hi, o.hi))

    def mul(self, o: Est) -> Est:
        return Est(_mul(self.lo, o.lo), _mul(self.hi, o.hi))

    def factor(self, f: float) -> Est:
        return Est(_factor(self.lo, f), _factor(self.hi, f))

    def union(self, o: Est) -> Est:
        return Est(min(self.lo, o.lo), max(self.hi, o.hi))


_ZERO = Est(0, 0)
_ONE = Est(1, 1)
_UNKNOWN = Est(0, MAX_UINT64)


class _Coster:
    def __init__(self, root: DeclType):
        self.root = root
        self.types: dict[int, T] = {}
        self.paths: dict[int, list[str] | None] = {}
        self.sizes: dict[int, Est] = {}
        self.scopes: dict[str, list[Node]] = {}

    # -- node facts
    def type_of(self, e: Node) -> T:
        return self.types.get(id(e), _DYN)

    def path_of(self, e: Node) -> list[str] | None:
        p = self.paths.get(id(e))
        if p and p[0] == _ACCU:
            return None
        return p

    def computed_size(self, e: Node | None) -> Est | None:
        if e is None:
            return None
        if id(e) in self.sizes:
            return self.sizes[id(e)]
        if e.kind == "lit":
            if e.name == "string":
                return Est(len(e.value), len(e.value))
            if e.name == "bytes":
                return Est(len(e.value), len(e.value))
            return _ONE
        if e.kind == "list":
            return Est(len(e.elems), len(e.elems))
        if e.kind == "map":
            return Est(len(e.elems) // 2, len(e.elems) // 2)
        return None

    def estimate_size_by_path(self, path: list[str] | None) -> Est | None:
        """The schema's size estimator: walk the declared types along the path (its first step is self)."""
        if not path:
            return None
        node: DeclType | None = self.root
        for name in path[1:]:
            if node is None:
                return None
            if name in ("@items", "@values"):
                node = node.elem
            elif name == "@keys":
                node = node.key
            else:
                node = (node.fields or {}).get(name)
        if node is None:
            return None
        return Est(0, node.max_elements)

    def size(self, e: Node | None, path: list[str] | None = None, t: T | None = None, scalar_fallback: bool = True,
             ) -> Est:
        cs = self.computed_size(e)
        if cs is not None:
            return cs
        est = self.estimate_size_by_path(self.path_of(e) if e is not None else path)
        if est is not None:
            return est
        if scalar_fallback and (t or (self.type_of(e) if e is not None else _DYN)).kind in _SCALARS:
            return _ONE
        return _UNKNOWN

    # -- the walk
    def cost(self, e: Node | None) -> Est:
        if e is None:
            return _ZERO
        k = e.kind
        if k == "lit":
            self.types[id(e)] = T(e.name if e.name != "null" else "null")
            return _ZERO
        if k == "ident":
            return self.cost_ident(e)
        if k == "select":
            return self.cost_select(e)
        if k == "call":
            return self.cost_call(e)
        if k == "list":
            s = _ZERO
            elem_t: T | None = None
            for x in e.elems:
                s = s.add(self.cost(x))
                elem_t = elem_t or self.type_of(x)
            self.types[id(e)] = T("list", elem=elem_t or _DYN)
            return s.add(Est(10, 10))
        if k == "map":
            s = _ZERO
            for x in e.elems:
                s = s.add(self.cost(x))
            vt = self.type_of(e.elems[1]) if e.elems else _DYN
            self.types[id(e)] = T("map", elem=vt, key=self.type_of(e.elems[0]) if e.elems else _DYN)
            return s.add(Est(30, 30))
        if k == "struct":
            s = _ZERO
            for x in e.elems:
                s = s.add(self.cost(x))
            self.types[id(e)] = _DYN
            return s.add(Est(40, 40))
        if k == "comp":
            return self.cost_comprehension(e)
        return _ZERO

    def cost_ident(self, e: Node) -> Est:
        stack = self.scopes.get(e.name)
        if stack:
            rng = stack[-1]
            rt = self.type_of(rng)
            base = self.paths.get(id(rng)) or []
            if rt.kind == "list":
                self.paths[id(e)] = [*base, "@items"]
                self.types[id(e)] = rt.elem or _DYN
            elif rt.kind == "map":
                self.paths[id(e)] = [*base, "@keys"]
                self.types[id(e)] = rt.key or _DYN
            else:
                self.types[id(e)] = _DYN
        else:
            self.paths[id(e)] = [e.name]
            if e.name in ("self", "oldSelf"):
                self.types[id(e)] = _from_decl(self.root)
            elif e.name == _ACCU:
                self.types[id(e)] = self.accu_types[-1] if self.accu_types else _DYN
            else:
                self.types[id(e)] = _DYN
        return _ONE

    accu_types: list[T] = []

    def cost_select(self, e: Node) -> Est:
        if e.test_only:
            s = self.cost(e.operand)  # PresenceTestHasCost(false): has() itself costs nothing
            self.types[id(e)] = T("bool")
            return s
        s = self.cost(e.operand)
        ot = self.type_of(e.operand)
        if ot.kind in ("map", "struct"):
            s = s.add(_ONE)
        base = self.paths.get(id(e.operand)) or []
        self.paths[id(e)] = [*base, e.name]
        if ot.kind == "struct" and ot.decl is not None:
            self.types[id(e)] = _from_decl((ot.decl.fields or {}).get(e.name))
        elif ot.kind == "map":
            self.types[id(e)] = ot.elem or _DYN
        else:
            self.types[id(e)] = _DYN
        return s

    def cost_comprehension(self, e: Node) -> Est:
        s = self.cost(e.iter_range)
        s = s.add(self.cost(e.accu_init))
        self.accu_types = [*self.accu_types, self.type_of(e.accu_init)]
        self.scopes.setdefault(e.iter_var, []).append(e.iter_range)
        loop = self.cost(e.cond)
        step = self.cost(e.step)
        self.scopes[e.iter_var].pop()
        if self.type_of(e.accu_init).kind == "list":
            self.accu_types[-1] = self.type_of(e.step) if self.type_of(e.step).kind == "list" else \
                self.accu_types[-1]
        s = s.add(self.cost(e.result))
        self.types[id(e)] = self.type_of(e.result)
        self.accu_types = self.accu_types[:-1]
        rng = self.size(e.iter_range)
        self.sizes[id(e)] = rng
        return s.add(rng.mul(step.add(loop)))

    def cost_call(self, e: Node) -> Est:
        arg_costs = [self.cost(a) for a in e.args]
        s = _ZERO
        if e.target is not None:
            s = s.add(self.cost(e.target))
        fn_cost, result_size, result_type = self.function_cost(e, arg_costs)
        self.types[id(e)] = result_type
        if result_size is not None:
            self.sizes[id(e)] = result_size
        return s.add(fn_cost)

    def function_cost(self, e: Node, arg_costs: list[Est]) -> tuple[Est, Est | None, T]:
        fn, args, target = e.name, e.args, e.target
        arg_sum = _ZERO
        for c in arg_costs:
            arg_sum = arg_sum.add(c)
        at = [self.type_of(a) for a in args]
        tt = self.type_of(target) if target is not None else None
        default = _ONE.add(arg_sum)
        boolean, integer, string = T("bool"), T("int"), T("string")

        # Kubernetes' library estimator (by function name) comes before cel-go's own cases.
        k8s = self.library_cost(fn, target, tt, args)
        if k8s is not None:
            est, size, rtype = k8s
            return est.add(arg_sum), size, rtype

        if fn in ("_&&_", "_||_"):
            return Est(arg_costs[0].lo, _add(arg_costs[0].hi, arg_costs[1].hi)), None, boolean
        if fn == "_?_:_":
            size = self.size(args[1]).union(self.size(args[2]))
            return arg_costs[0].add(arg_costs[1].union(arg_costs[2])), size, at[1] if at[1].kind != "dyn" else at[2]
        if fn in ("_==_", "_!=_") or (fn in ("_<_", "_<=_", "_>_", "_>=_") and at and at[0].kind in ("string",
                                                                                                     "bytes")):
            lhs, rhs = self.size(args[0]), self.size(args[1])
            smallest = min(lhs.hi, rhs.hi)
            return Est(1 if smallest > 0 else 0, smallest).factor(_STRING_TRAVERSAL).add(arg_sum), None, boolean
        if fn in ("_<_", "_<=_", "_>_", "_>=_", "!_", "@not_strictly_false"):
            return default, None, boolean
        if fn == "_+_" and len(args) == 2:
            kind = at[0].kind if at[0].kind != "dyn" else at[1].kind
            if kind in ("string", "bytes", "list"):
                result = self.size(args[0]).add(self.size(args[1]))
                rtype = at[0] if at[0].kind != "dyn" else at[1]
                if kind == "list":
                    if at[0].kind == "list" and (at[0].elem is None or at[0].elem.kind == "dyn") and \
                            at[1].kind == "list":
                        rtype = at[1]
                    return _ONE.add(arg_sum), result, rtype
                return result.factor(_STRING_TRAVERSAL).add(arg_sum), result, rtype
            return default, None, at[0] if at[0].kind != "dyn" else at[1]
        if fn in ("_-_", "_*_", "_/_", "_%_", "-_"):
            if fn == "_-_" and at[0].kind == "timestamp" and at[1].kind == "timestamp":
                return default, None, T("duration")
            return default, None, at[0]
        if fn in ("_[_]", "_[?_]"):
            base = self.paths.get(id(args[0])) or []
            if at[0].kind == "list":
                self.paths[id(e)] = [*base, "@items"]
                return default, None, at[0].elem or _DYN
            if at[0].kind == "map":
                self.paths[id(e)] = [*base, "@values"]
                return default, None, at[0].elem or _DYN
            self.paths[id(e)] = [*base, "@values"]
            return default, None, _DYN
        if fn == "@in" and len(args) == 2:
            if at[1].kind == "list":
                return self.size(args[1]).factor(1).add(arg_sum), None, boolean
            return default, None, boolean
        if fn == "size":
            return default, None, integer
        if fn in ("contains", "startsWith", "endsWith", "matches") and target is not None and len(args) == 1 \
                and tt is not None and tt.kind in ("string", "dyn"):
            if fn == "contains":
                str_cost = self.size(target).factor(_STRING_TRAVERSAL)
                sub_cost = self.size(args[0]).factor(_STRING_TRAVERSAL)
                return str_cost.mul(sub_cost).add(arg_sum), None, boolean
            if fn == "matches":
                str_cost = self.size(target).add(_ONE).factor(_STRING_TRAVERSAL)
                regex_cost = self.size(args[0]).factor(_REGEX_LENGTH)
                return str_cost.mul(regex_cost).add(arg_sum), None, boolean
            return self.size(args[0]).factor(_STRING_TRAVERSAL).add(arg_sum), None, boolean
        if fn == "bytes" and len(args) == 1 and at[0].kind == "string":
            sz = self.size(args[0])
            return sz.factor(_STRING_TRAVERSAL).add(arg_sum), Est(sz.lo, _mul(sz.hi, 4)), T("bytes")
        if fn == "string" and len(args) == 1 and at[0].kind == "bytes":
            sz = self.size(args[0])
            return sz.factor(_STRING_TRAVERSAL).add(arg_sum), Est(sz.lo // 4, sz.hi), string
        conversions = {"int": integer, "uint": T("uint"), "double": T("double"), "string": string,
                       "bytes": T("bytes"), "bool": boolean, "timestamp": T("timestamp"),
                       "duration": T("duration"), "dyn": _DYN, "type": T("type")}
        if fn in conversions and target is None:
            return default, None, conversions[fn]
        if fn == "format" and target is not None:
            return self.size(target).factor(_STRING_TRAVERSAL).add(arg_sum), None, string
        if fn == "strings.quote" and len(args) == 1:
            sz = self.size(args[0])
            return sz.factor(_STRING_TRAVERSAL).add(arg_sum), Est(_add(sz.lo, 2), _add(_mul(sz.hi, 2), 2)), string
        if fn in ("has",):
            return default, None, boolean
        if fn == "charAt":
            return default, None, string
        return default, None, _DYN

    def _list_element(self, target: Node, tt: T) -> tuple[list[str] | None, T] | None:
        if tt.kind != "list":
            return None
        base = self.path_of(target)
        return ([*base, "@items"] if base is not None else None), tt.elem or _DYN

    def _library_size(self, e: Node | None, path: list[str] | None = None) -> Est:
        """library.CostEstimator's sizeEstimate: computed sizes, then the schema's, else unbounded."""
        cs = self.computed_size(e)
        if cs is not None:
            return cs
        est = self.estimate_size_by_path(self.path_of(e) if e is not None else path)
        return est if est is not None else _UNKNOWN

    def library_cost(self, fn: str, target: Node | None, tt: T | None, args: list[Node],
                     ) -> tuple[Est, Est | None, T] | None:
        string = T("string")
        # (The library's checks of a target hold for global calls too: it is handed a pointer to the target.)
        if fn == "url" and len(args) == 1:
            sz = self._library_size(args[0])
            return sz.factor(_STRING_TRAVERSAL), sz, _DYN
        if fn in ("cidr", "isIP", "isCIDR", "quantity", "isQuantity", "ip") and len(args) >= 1:
            return self._library_size(args[0]).factor(_STRING_TRAVERSAL), None, \
                T("bool") if fn.startswith("is") else _DYN
        if target is None or tt is None:
            return None
        if fn in ("isSorted", "sum", "max", "min", "indexOf", "lastIndexOf"):
            el = self._list_element(target, tt)
            if el is not None:
                path, et = el
                el_cost = _ONE
                if et.kind in ("string", "bytes"):
                    el_cost = el_cost.add(self._library_size(None, path).factor(_STRING_TRAVERSAL))
                rtype = {"isSorted": T("bool"), "indexOf": T("int"), "lastIndexOf": T("int")}.get(fn, et)
                return self._library_size(target).mul(el_cost), None, rtype
            return self._library_size(target).factor(_STRING_TRAVERSAL), None, \
                T("int") if fn in ("indexOf", "lastIndexOf") else _DYN
        if fn in ("lowerAscii", "upperAscii", "substring", "trim"):
            sz = self._library_size(target)
            return sz.factor(_STRING_TRAVERSAL), sz, string
        if fn == "replace" and len(args) >= 2:
            sz = self._library_size(target)
            to_replace, replace_with = self._library_size(args[0]), self._library_size(args[1])
            count, retained = Est(0, 0), Est(0, 0)
            if to_replace.lo == 0:
                count.hi = sz.hi + 1 if sz.hi < MAX_UINT64 else sz.hi
                retained.hi = sz.hi
            elif replace_with.hi <= to_replace.lo:
                count.hi, retained.hi = 0, sz.hi
            else:
                count.hi = int(math.ceil(float(sz.hi) / float(to_replace.lo)))
            if to_replace.hi == 0:
                count.lo = sz.lo + 1 if sz.lo < MAX_UINT64 else sz.lo
                retained.lo = sz.lo
            elif to_replace.hi <= replace_with.lo:
                count.lo, retained.lo = 0, sz.lo
            else:
                count.lo = int(math.ceil(float(sz.lo) / float(to_replace.hi)))
            return sz.factor(2 * _STRING_TRAVERSAL), count.mul(replace_with).add(retained), string
        if fn == "split":
            sz = self._library_size(target)
            hi = sz.hi
            if len(args) > 1 and args[1].kind == "lit" and args[1].name == "int":
                hi = args[1].value % (1 << 64)
            return sz.factor(2 * _STRING_TRAVERSAL), Est(0, hi), T("list", elem=string)
        if fn == "join":
            sz = _ZERO
            list_size = self._library_size(target)
            el = self._list_element(target, tt)
            if el is not None:
                sz = list_size.mul(self._library_size(None, el[0]))
            if args:
                sep = self._library_size(args[0])
                seps = Est(list_size.lo - 1 if list_size.lo > 0 else 0, list_size.hi - 1 if list_size.hi > 0 else 0)
                sz = sz.add(sep.mul(seps))
            return sz.factor(_STRING_TRAVERSAL), sz, string
        if fn in ("find", "findAll") and args:
            sz = self._library_size(target)
            str_cost = sz.add(_ONE).factor(_STRING_TRAVERSAL)
            regex_cost = self._library_size(args[0]).factor(_REGEX_LENGTH)
            rtype = string if fn == "find" else T("list", elem=string)
            return str_cost.mul(regex_cost), Est(0, sz.hi), rtype
        return None


def expression_cost(expr: str, root: DeclType) -> int | None:
    """The estimated worst-case cost of one expression with ``self`` of type ``root``; None when it does not
    parse (its compile error is reported instead)."""
    try:
        tree = parse(expr)
        return _Coster(root).cost(tree).hi
    except (CelSyntaxError, RecursionError):
        return None


# ---- the CRD's limits ------------------------------------------------------------------------------------------

def _cost_message(name: str, cost: int, limit: int) -> str:
    factor = float(cost) / float(limit)
    if factor > 100.0:
        text = "more than 100x"
    elif factor < 1.5:
        text = f"{factor:f}x"
    else:
        text = f"{factor:.1f}x"
    return (f"{name} exceeds budget by factor of {text} (try simplifying the rule, or adding maxItems, "
            "maxProperties, and maxLength where arrays, maps, and strings are declared)")


def _guarded(base: int, cardinality: int) -> int:
    if base == 0:
        return 0
    if MAX_UINT64 // base < cardinality:
        return MAX_UINT64
    return base * cardinality


def _child_cardinality(parent: dict, cardinality: int | None) -> int | None:
    if cardinality is None:
        return None
    t = parent.get("type")
    if t == "object":
        if "additionalProperties" in parent and parent["additionalProperties"] is not None:
            mp = parent.get("maxProperties")
            return _guarded(cardinality, max(mp, 0)) if isinstance(mp, int) else None
        return cardinality
    if t == "array":
        mi = parent.get("maxItems")
        return _guarded(cardinality, max(mi, 0)) if isinstance(mi, int) else None
    return cardinality


def cost_errors(schema: Any, path: str, compiles: Any) -> list[FieldError]:
    """The Forbidden errors a v1.32 server gives a CRD schema whose rules cost too much: per rule and per
    messageExpression, then the whole schema's total. ``compiles(rule, node)`` says whether a rule compiles (one
    that does not costs nothing: its compile error is reported instead)."""
    from ..api.validation import forbidden

    errs: list[FieldError] = []
    total = [0]
    expensive: list[tuple[int, str]] = []

    def observe(where: str, cost: int) -> None:
        total[0] = _add(total[0], cost)
        if cost < STATIC_CRD_LIMIT // 100:
            return
        expensive.append((cost, where))
        expensive.sort(key=lambda x: -x[0])
        del expensive[4:]

    def walk(s: Any, p: str, decl: DeclType | None, cardinality: int | None) -> None:
        if not isinstance(s, dict):
            return
        props = s.get("properties") if isinstance(s.get("properties"), dict) else {}
        for name, child in props.items():
            child_decl = (decl.fields or {}).get(escape(name) or "") if decl is not None and decl.kind == "object" \
                else None
            if child_decl is None and isinstance(child, dict) and child.get("x-kubernetes-validations"):
                child_decl = decl_type(child, child.get("x-kubernetes-embedded-resource") is True)
            walk(child, f"{p}.properties[{name}]", child_decl, _child_cardinality(s, cardinality))
        for key, container in (("items", "list"), ("additionalProperties", "map")):
            sub = s.get(key)
            if isinstance(sub, dict):
                child_decl = decl.elem if decl is not None and decl.kind == container else None
                if child_decl is None and sub.get("x-kubernetes-validations"):
                    child_decl = decl_type(sub, sub.get("x-kubernetes-embedded-resource") is True)
                walk(sub, f"{p}.{key}", child_decl, _child_cardinality(s, cardinality))
        rules = s.get("x-kubernetes-validations")
        if not isinstance(rules, list) or not rules or decl is None:
            return
        max_cardinality = (MAX_REQUEST_SIZE) // (decl.min_size + 1)
        for i, rule in enumerate(rules):
            if not isinstance(rule, dict) or not isinstance(rule.get("rule"), str) or not rule["rule"].strip():
                continue
            if not compiles(rule["rule"], s):
                continue
            cost = expression_cost(rule["rule"], decl)
            if cost is None:
                continue
            rp = f"{p}.x-kubernetes-validations[{i}]"
            total_cost = _guarded(cost, cardinality if cardinality is not None else max_cardinality)
            if total_cost > STATIC_EXPRESSION_LIMIT:
                errs.append(forbidden(f"{rp}.rule", _cost_message("estimated rule cost", total_cost,
                                                                  STATIC_EXPRESSION_LIMIT)))
            observe(f"{rp}.rule", total_cost)
            message = rule.get("messageExpression")
            if isinstance(message, str) and message:
                mcost = expression_cost(message, decl)
                if mcost is None:
                    continue
                if mcost > STATIC_EXPRESSION_LIMIT:
                    errs.append(forbidden(f"{rp}.messageExpression", _cost_message(
                        "estimated messageExpression cost", mcost, STATIC_EXPRESSION_LIMIT)))
                observe(f"{rp}.messageExpression", mcost)

    if not isinstance(schema, dict):
        return []
    walk(schema, path, decl_type(schema, True), 1)
    if total[0] > STATIC_CRD_LIMIT:
        for _, where in expensive:
            errs.append(forbidden(where, "contributed to estimated rule cost total exceeding cost limit for entire "
                                         "OpenAPIv3 schema"))
        errs.append(forbidden(path, _cost_message("x-kubernetes-validations estimated rule cost total for entire "
                                                  "OpenAPIv3 schema", total[0], STATIC_CRD_LIMIT)))
    return errs
