"""Label and field selectors: kubectl's ``-l`` / ``--field-selector`` grammar, matching and printing.

The label grammar follows apimachinery's labels.Parse token by token, because its error texts quote the token
it stumbled on (``found '(', expected: in, notin, =, ==, !=, gt, lt``) and users see them verbatim.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterable, Mapping

from ..records import FrozenRecord

# Operators, named as apimachinery's selection.Operator values.
IN, NOT_IN, EQUALS, DOUBLE_EQUALS, NOT_EQUALS = "in", "notin", "=", "==", "!="
EXISTS, DOES_NOT_EXIST, GT, LT = "exists", "!", "gt", "lt"

_QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
_QUALIFIED_NAME_RE = re.compile(f"^{_QUALIFIED_NAME_FMT}$")
_QUALIFIED_NAME_MSG = (
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
)
_LABEL_VALUE_FMT = f"({_QUALIFIED_NAME_FMT})?"
_LABEL_VALUE_RE = re.compile(f"^{_LABEL_VALUE_FMT}$")
_LABEL_VALUE_MSG = (
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', "
    "and must start and end with an alphanumeric character"
)
_DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?"
_DNS1123_SUBDOMAIN_FMT = f"{_DNS1123_LABEL_FMT}(\\.{_DNS1123_LABEL_FMT})*"
_DNS1123_SUBDOMAIN_RE = re.compile(f"^{_DNS1123_SUBDOMAIN_FMT}$")
_DNS1123_SUBDOMAIN_MSG = (
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
    "and must start and end with an alphanumeric character"
)


def regex_error(msg: str, fmt: str, *examples: str) -> str:
    """apimachinery validation.RegexError (note the two spaces in ``,  or``)."""
    if not examples:
        return f"{msg} (regex used for validation is '{fmt}')"
    ex = "',  or '".join(examples)
    return f"{msg} (e.g. '{ex}', regex used for validation is '{fmt}')"


def max_len_error(n: int) -> str:
    return f"must be no more than {n} characters"


def is_dns1123_subdomain(value: str) -> list[str]:
    errs = []
    if len(value) > 253:
        errs.append(max_len_error(253))
    if not _DNS1123_SUBDOMAIN_RE.match(value):
        errs.append(regex_error(_DNS1123_SUBDOMAIN_MSG, _DNS1123_SUBDOMAIN_FMT, "example.com"))
    return errs


def is_qualified_name(value: str) -> list[str]:
    errs: list[str] = []
    parts = value.split("/")
    if len(parts) == 1:
        name = parts[0]
    elif len(parts) == 2:
        prefix, name = parts
        if not prefix:
            errs.append("prefix part must be non-empty")
        else:
            errs.extend("prefix part " + m for m in is_dns1123_subdomain(prefix))
    else:
        return [
            "a qualified name "
            + regex_error(_QUALIFIED_NAME_MSG, _QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")
            + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
        ]
    if not name:
        errs.append("name part must be non-empty")
    elif len(name) > 63:
        errs.append("name part " + max_len_error(63))
    if not _QUALIFIED_NAME_RE.match(name):
        errs.append("name part " + regex_error(_QUALIFIED_NAME_MSG, _QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc"))
    return errs


def is_valid_label_value(value: str) -> list[str]:
    errs = []
    if len(value) > 63:
        errs.append(max_len_error(63))
    if not _LABEL_VALUE_RE.match(value):
        errs.append(regex_error(_LABEL_VALUE_MSG, _LABEL_VALUE_FMT, "MyValue", "my_value", "12345"))
    return errs


def _go_quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


class SelectorError(ValueError):
    """``str()`` is apimachinery's bare parse error; kubectl adds its own prefix per command
    (e.g. ``the provided selector "x" is not valid: `` for ``apply --prune``)."""


class Requirement(FrozenRecord):
    __slots__ = _fields = ("key", "operator", "values")
    key: str
    operator: str
    values: tuple[str, ...]

    def __init__(self, key: str, operator: str, values: tuple[str, ...] = ()):
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "operator", operator)
        object.__setattr__(self, "values", values)

    def matches(self, labels: Mapping[str, str]) -> bool:
        op = self.operator
        if op in (IN, EQUALS, DOUBLE_EQUALS):
            return self.key in labels and labels[self.key] in self.values
        if op in (NOT_IN, NOT_EQUALS):
            return self.key not in labels or labels[self.key] not in self.values
        if op == EXISTS:
            return self.key in labels
        if op == DOES_NOT_EXIST:
            return self.key not in labels
        if op in (GT, LT):
            if self.key not in labels:
                return False
            try:
                have = _parse_int64(labels[self.key])
                want = _parse_int64(self.values[0])
            except (ValueError, IndexError):
                return False
            return have > want if op == GT else have < want
        return False

    def __str__(self) -> str:
        if self.operator == DOES_NOT_EXIST:
            return "!" + self.key
        if self.operator == EXISTS:
            return self.key
        vals = self.values[0] if len(self.values) == 1 else ",".join(sorted(self.values))
        if self.operator in (IN, NOT_IN):
            return f"{self.key} {self.operator} ({vals})"
        sym = {GT: ">", LT: "<"}.get(self.operator, self.operator)
        return f"{self.key}{sym}{vals}"


def _parse_int64(s: str) -> int:
    if not re.fullmatch(r"[+-]?[0-9]+", s):
        raise ValueError(s)
    v = int(s)
    if not -(2**63) <= v < 2**63:
        raise ValueError(s)
    return v


class Selector(FrozenRecord):
    """A conjunction of requirements. ``nothing`` is LabelSelectorAsSelector(nil): it matches no object."""

    __slots__ = _fields = ("requirements", "nothing")
    requirements: tuple[Requirement, ...]
    nothing: bool

    def __init__(self, requirements: tuple[Requirement, ...] = (), nothing: bool = False):
        object.__setattr__(self, "requirements", requirements)
        object.__setattr__(self, "nothing", nothing)

    def matches(self, labels: Mapping[str, str] | None) -> bool:
        if self.nothing:
            return False
        labels = labels or {}
        return all(r.matches(labels) for r in self.requirements)

    def empty(self) -> bool:
        return not self.nothing and not self.requirements

    def __str__(self) -> str:
        return ",".join(str(r) for r in self.requirements)


EVERYTHING = Selector()
NOTHING = Selector(nothing=True)


def _new_requirement(key: str, op: str, values: list[str]) -> Requirement:
    """labels.NewRequirement's checks, with its field paths (the parser passes no base path)."""
    errs: list[str] = []
    key_msgs = is_qualified_name(key)
    if key_msgs:
        errs.append(f"key: Invalid value: {_go_quote(key)}: {'; '.join(key_msgs)}")
    if op in (IN, NOT_IN) and not values:
        errs.append(f"values: Invalid value: {_go_slice(values)}: for 'in', 'notin' operators, values set can't be empty")
    elif op in (EQUALS, DOUBLE_EQUALS, NOT_EQUALS) and len(values) != 1:
        errs.append(f"values: Invalid value: {_go_slice(values)}: exact-match compatibility requires one single value")
    elif op in (EXISTS, DOES_NOT_EXIST) and values:
        errs.append(
            f"values: Invalid value: {_go_slice(values)}: values set must be empty for exists and does not exist"
        )
    elif op in (GT, LT):
        if len(values) != 1:
            errs.append(
                f"values: Invalid value: {_go_slice(values)}: for 'Gt', 'Lt' operators, exactly one value is required"
            )
        for i, v in enumerate(values):
            try:
                _parse_int64(v)
            except ValueError:
                errs.append(
                    f"values[{i}]: Invalid value: {_go_quote(v)}: for 'Gt', 'Lt' operators, the value must be an integer"
                )
    for i, v in enumerate(values):
        msgs = is_valid_label_value(v)
        if msgs:
            errs.append(f"values[{i}][{key}]: Invalid value: {_go_quote(v)}: {'; '.join(msgs)}")
    if errs:
        raise SelectorError(errs[0] if len(errs) == 1 else "[" + ", ".join(errs) + "]")
    return Requirement(key, op, tuple(values))


def _go_slice(values: list[str]) -> str:
    return "[]string{" + ", ".join(_go_quote(v) for v in values) + "}"


# Lexer tokens.
_END, _IDENT, _OPEN, _CLOSE, _COMMA, _NOT, _EQ, _DEQ, _NEQ, _GT, _LT, _IN, _NOTIN, _ERR = range(14)
_SYMBOLS = {"(": _OPEN, ")": _CLOSE, ",": _COMMA, "!": _NOT, "=": _EQ, "==": _DEQ, "!=": _NEQ, ">": _GT, "<": _LT}
_KEYWORDS = {"in": _IN, "notin": _NOTIN}
_SPECIAL = frozenset("=!(),><")
_SPACE = frozenset(" \t\r\n")


def _lex(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    i, n = 0, len(text)
    while True:
        while i < n and text[i] in _SPACE:
            i += 1
        if i >= n:
            out.append((_END, ""))
            return out
        if text[i] in _SPECIAL:
            # Longest symbol that is a token, as the Go lexer's greedy scan.
            best: tuple[int, str] | None = None
            j = i
            while j < n and text[j] in _SPECIAL:
                buf = text[i : j + 1]
                if buf in _SYMBOLS:
                    best = (_SYMBOLS[buf], buf)
                elif best is not None:
                    break
                j += 1
            if best is None:
                out.append((_ERR, f"error expected: keyword found '{text[i:j]}'"))
                i = j
            else:
                out.append(best)
                i += len(best[1])
            continue
        j = i
        while j < n and text[j] not in _SPACE and text[j] not in _SPECIAL:
            j += 1
        word = text[i:j]
        out.append((_KEYWORDS.get(word, _IDENT), word))
        i = j


class _Parser:
    def __init__(self, text: str):
        self.items = _lex(text)
        self.pos = 0

    def look(self, values: bool = True) -> tuple[int, str]:
        tok, lit = self.items[self.pos]
        if values and tok in (_IN, _NOTIN):
            tok = _IDENT
        return tok, lit

    def take(self, values: bool = True) -> tuple[int, str]:
        item = self.look(values)
        if self.pos < len(self.items) - 1:
            self.pos += 1
        return item

    def parse(self) -> list[Requirement]:
        reqs: list[Requirement] = []
        while True:
            tok, lit = self.look()
            if tok in (_IDENT, _NOT):
                try:
                    reqs.append(self.requirement())
                except SelectorError as e:
                    raise SelectorError(f"unable to parse requirement: {e}") from None
                tok, lit = self.take()
                if tok == _END:
                    return reqs
                if tok == _COMMA:
                    tok2, lit2 = self.look()
                    if tok2 not in (_IDENT, _NOT):
                        raise SelectorError(f"found '{lit2}', expected: identifier after ','")
                else:
                    raise SelectorError(f"found '{lit}', expected: ',' or 'end of string'")
            elif tok == _END:
                return reqs
            else:
                raise SelectorError(f"found '{lit}', expected: !, identifier, or 'end of string'")

    def requirement(self) -> Requirement:
        op = ""
        tok, lit = self.take()
        if tok == _NOT:
            op = DOES_NOT_EXIST
            tok, lit = self.take()
        if tok != _IDENT:
            raise SelectorError(f"found '{lit}', expected: identifier")
        key = lit
        msgs = is_qualified_name(key)
        if msgs:
            raise SelectorError(f"<nil>: Invalid value: {_go_quote(key)}: {'; '.join(msgs)}")
        if self.look()[0] in (_END, _COMMA) and op != DOES_NOT_EXIST:
            op = EXISTS
        if op in (EXISTS, DOES_NOT_EXIST):
            return _new_requirement(key, op, [])
        tok, lit = self.take(values=False)
        ops = {_IN: IN, _EQ: EQUALS, _DEQ: DOUBLE_EQUALS, _GT: GT, _LT: LT, _NOTIN: NOT_IN, _NEQ: NOT_EQUALS}
        if tok not in ops:
            raise SelectorError(f"found '{lit}', expected: in, notin, =, ==, !=, gt, lt")
        op = ops[tok]
        values = self.set_values() if op in (IN, NOT_IN) else self.exact_value()
        return _new_requirement(key, op, sorted(set(values)))

    def set_values(self) -> list[str]:
        tok, lit = self.take()
        if tok != _OPEN:
            raise SelectorError(f"found '{lit}' expected: '('")
        tok, lit = self.look()
        if tok == _CLOSE:
            self.take()
            return [""]
        if tok not in (_IDENT, _COMMA):
            raise SelectorError(f"found '{lit}', expected: ',', ')' or identifier")
        values = self.identifiers()
        if self.take()[0] != _CLOSE:
            raise SelectorError(f"found '{lit}', expected: ')'")
        return values

    def identifiers(self) -> list[str]:
        values: list[str] = []
        while True:
            tok, lit = self.take()
            if tok == _IDENT:
                values.append(lit)
                tok2, lit2 = self.look()
                if tok2 == _COMMA:
                    continue
                if tok2 == _CLOSE:
                    return values
                raise SelectorError(f"found '{lit2}', expected: ',' or ')'")
            if tok == _COMMA:
                # "(,", ",)" and ",," stand for empty values.
                if not values:
                    values.append("")
                tok2, _ = self.look()
                if tok2 == _CLOSE:
                    values.append("")
                    return values
                if tok2 == _COMMA:
                    self.take()
                    values.append("")
                continue
            raise SelectorError(f"found '{lit}', expected: ',', or identifier")

    def exact_value(self) -> list[str]:
        tok, _ = self.look()
        if tok in (_END, _COMMA):
            return [""]
        tok, lit = self.take()
        if tok == _IDENT:
            return [lit]
        raise SelectorError(f"found '{lit}', expected: identifier")


def parse_label_selector(text: str) -> Selector:
    """labels.Parse: the text of ``-l``; raises SelectorError with apimachinery's message."""
    reqs = _Parser(text).parse()
    return Selector(tuple(sorted(reqs, key=lambda r: r.key)))


def from_label_selector(obj: Mapping[str, Any] | None) -> Selector:
    """metav1.LabelSelectorAsSelector: nil selects nothing, ``{}`` selects everything."""
    if obj is None:
        return NOTHING
    match_labels = obj.get("matchLabels") or {}
    exprs = obj.get("matchExpressions") or []
    if not match_labels and not exprs:
        return EVERYTHING
    reqs = [_new_requirement(str(k), EQUALS, [str(v)]) for k, v in match_labels.items()]
    ops = {"In": IN, "NotIn": NOT_IN, "Exists": EXISTS, "DoesNotExist": DOES_NOT_EXIST}
    for expr in exprs:
        operator = expr.get("operator", "")
        if operator not in ops:
            raise SelectorError(f'"{operator}" is not a valid label selector operator')
        reqs.append(_new_requirement(str(expr.get("key", "")), ops[operator], list(expr.get("values") or [])))
    return Selector(tuple(sorted(reqs, key=lambda r: r.key)))


def selector_to_string(obj: Mapping[str, Any] | None) -> str:
    """metav1.FormatLabelSelector, as kubectl prints SELECTOR columns and describe lines."""
    try:
        text = str(from_label_selector(obj))
    except SelectorError:
        return "<error>"
    return text or "<none>"


def matches(obj: Mapping[str, Any] | None, labels: Mapping[str, str] | None) -> bool:
    """Whether a LabelSelector object selects an object with these labels."""
    return from_label_selector(obj).matches(labels)


def selector_from_set(labels: Mapping[str, str]) -> Selector:
    """labels.SelectorFromSet: a plain map, as Service.spec.selector (empty selects everything)."""
    return Selector(tuple(sorted((Requirement(k, EQUALS, (v,)) for k, v in labels.items()), key=lambda r: r.key)))


# ---- field selectors ----------------------------------------------------------------------------------------


class FieldTerm(FrozenRecord):
    __slots__ = _fields = ("field", "value", "negate")
    field: str
    value: str
    negate: bool

    def __init__(self, field: str, value: str, negate: bool = False):
        object.__setattr__(self, "field", field)
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "negate", negate)

    def matches(self, fields: Mapping[str, str]) -> bool:
        have = fields.get(self.field, "")
        return (have != self.value) if self.negate else (have == self.value)


class FieldSelector(FrozenRecord):
    __slots__ = _fields = ("terms",)
    terms: tuple[FieldTerm, ...]

    def __init__(self, terms: tuple[FieldTerm, ...] = ()):
        object.__setattr__(self, "terms", terms)

    def matches(self, fields: Mapping[str, str]) -> bool:
        return all(t.matches(fields) for t in self.terms)

    def fields(self) -> list[str]:
        return [t.field for t in self.terms]

    def __str__(self) -> str:
        return ",".join(f"{t.field}{'!=' if t.negate else '='}{_escape_field(t.value)}" for t in self.terms)


def _escape_field(v: str) -> str:
    return v.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=")


def _split_terms(text: str) -> list[str]:
    terms, cur, i = [], [], 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            cur.append(text[i : i + 2])
            i += 2
            continue
        if c == ",":
            terms.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    terms.append("".join(cur))
    return terms


def _unescape_field(v: str) -> str:
    out, i = [], 0
    while i < len(v):
        c = v[i]
        if c == "\\":
            if i + 1 >= len(v) or v[i + 1] not in "\\,=":
                raise SelectorError(f"invalid field selector: invalid escape sequence: {v[i:i + 2]}")
            out.append(v[i + 1])
            i += 2
            continue
        if c in ",=":
            raise SelectorError(f"invalid field selector: unescaped character: {c}")
        out.append(c)
        i += 1
    return "".join(out)


def parse_field_selector(text: str) -> FieldSelector:
    """fields.ParseSelector: ``a=b``, ``a==b``, ``a!=b`` joined by commas (``\\,`` ``\\=`` ``\\\\`` escape)."""
    terms: list[FieldTerm] = []
    for part in sorted(_split_terms(text)):
        if not part:
            continue
        for i in range(len(part)):
            op = next((o for o in ("!=", "==", "=") if part.startswith(o, i)), None)
            if op:
                terms.append(FieldTerm(part[:i], _unescape_field(part[i + len(op) :]), op == "!="))
                break
        else:
            raise SelectorError(f"invalid selector: '{text}'; can't understand '{part}'")
    return FieldSelector(tuple(terms))


def _get(obj: Mapping[str, Any], path: str) -> Any:
    cur: Any = obj
    for p in path.split("."):
        if not isinstance(cur, Mapping):
            return None
        cur = cur.get(p)
    return cur


def _str(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def _pod_fields(o: Mapping[str, Any]) -> dict[str, str]:
    ips = _get(o, "status.podIPs") or []
    return {
        "spec.nodeName": _str(_get(o, "spec.nodeName")),
        "spec.restartPolicy": _str(_get(o, "spec.restartPolicy")),
        "spec.schedulerName": _str(_get(o, "spec.schedulerName")),
        "spec.serviceAccountName": _str(_get(o, "spec.serviceAccountName")),
        "spec.hostNetwork": "true" if _get(o, "spec.hostNetwork") else "false",
        "status.phase": _str(_get(o, "status.phase")),
        # The server indexes only the first address of podIPs under status.podIP.
        "status.podIP": _str(ips[0].get("ip")) if ips else _str(_get(o, "status.podIP")),
        "status.nominatedNodeName": _str(_get(o, "status.nominatedNodeName")),
    }


def _event_fields(o: Mapping[str, Any]) -> dict[str, str]:
    out = {
        f"involvedObject.{k}": _str(_get(o, f"involvedObject.{k}"))
        for k in ("kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath")
    }
    out.update(
        reason=_str(o.get("reason")),
        reportingComponent=_str(o.get("reportingComponent")),
        source=_str(_get(o, "source.component")),
        type=_str(o.get("type")),
    )
    return out


# Per-kind fields the API server accepts beyond metadata.name and metadata.namespace.
_KIND_FIELDS: dict[str, Callable[[Mapping[str, Any]], dict[str, str]]] = {
    "Pod": _pod_fields,
    "Event": _event_fields,
    "Secret": lambda o: {"type": _str(o.get("type"))},
    "Node": lambda o: {"spec.unschedulable": "true" if _get(o, "spec.unschedulable") else "false"},
    "Namespace": lambda o: {"status.phase": _str(_get(o, "status.phase"))},
    "ReplicaSet": lambda o: {"status.replicas": _str(_get(o, "status.replicas") or 0)},
    "ReplicationController": lambda o: {"status.replicas": _str(_get(o, "status.replicas") or 0)},
    "Job": lambda o: {"status.successful": _str(_get(o, "status.succeeded") or 0)},
    "PersistentVolume": lambda o: {"name": _str(_get(o, "metadata.name"))},
    "CertificateSigningRequest": lambda o: {"spec.signerName": _str(_get(o, "spec.signerName"))},
}


def object_fields(obj: Mapping[str, Any]) -> dict[str, str]:
    """The field set a field selector is matched against for this object's kind."""
    meta = obj.get("metadata") or {}
    fields = {"metadata.name": _str(meta.get("name"))}
    if meta.get("namespace") is not None or obj.get("kind") not in ("Namespace", "Node", "PersistentVolume"):
        fields["metadata.namespace"] = _str(meta.get("namespace"))
    extra = _KIND_FIELDS.get(str(obj.get("kind")))
    if extra:
        fields.update(extra(obj))
    return fields


def supported_fields(kind: str) -> list[str]:
    """Field labels the server accepts for ``kind``; others are rejected with ``field label not supported``."""
    base = ["metadata.name", "metadata.namespace"]
    extra = _KIND_FIELDS.get(kind)
    return base + (sorted(extra({})) if extra else [])


def unsupported_field(selector: FieldSelector, kind: str) -> str | None:
    """The server's rejection text for the first unsupported field in ``selector``, if any."""
    ok = set(supported_fields(kind))
    for f in selector.fields():
        if f not in ok:
            return f'field label not supported: {f}'
    return None


def labels_subset(selector: Mapping[str, str], labels: Iterable[tuple[str, str]]) -> bool:
    """Service/ReplicationController style map selectors: every pair present."""
    have = dict(labels)
    return all(have.get(k) == v for k, v in selector.items())
