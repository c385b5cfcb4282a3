"""Fast YAML loading for validation: libyaml's composer, a trimmed resolver and a direct node-to-object builder.

PyYAML's ``CSafeLoader`` parses in C but resolves and constructs in Python through generic machinery (path
resolvers, state generators, per-node method dispatch). Validation reads thousands of small files, so this module
keeps the C composer and replaces the rest with two tight functions. Semantics follow
``pykubectl.api.manifests``: YAML 1.1 scalars except timestamps (they stay strings, as sigs.k8s.io/yaml keeps
them), duplicate keys last-wins, non-string keys turned into strings, merge keys (``<<``), anchors and aliases.

The composed node tree is kept with each document so that a failing document's field paths can be mapped back to
line and column without parsing again (``position``).
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from ..api.manifests import _key_str  # how apply turns non-string keys into strings
from ..api.manifests import GO_YAML_BOOLS, go_yaml_resolvers, merge_sources
from ..records import Record
from .stream import chunks  # noqa: F401 - where the loaders split a stream (also imported from here)

_BaseLoader: Any = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader

STR = "tag:yaml.org,2002:str"
MAP = "tag:yaml.org,2002:map"
SEQ = "tag:yaml.org,2002:seq"
MERGE = "tag:yaml.org,2002:merge"
_BOOL_VALUES = GO_YAML_BOOLS

# First character -> [(tag, regex)], as go-yaml v2 resolves them (no timestamps; y/n are booleans).
_RESOLVERS: dict[str, list[tuple[str, Any]]] = go_yaml_resolvers(yaml.resolver.Resolver.yaml_implicit_resolvers)
_RESOLVERS_NONE = _RESOLVERS.get(None, [])  # type: ignore[call-overload]


_CACHE: dict[str, str] = {}


def _resolve(self: Any, kind: Any, value: Any, implicit: Any) -> str:
    if kind is ScalarNode:
        if implicit[0]:
            tag = _CACHE.get(value)
            if tag is not None:
                return tag
            tag = STR
            rs = _RESOLVERS.get(value[:1]) if value else _RESOLVERS.get("")
            if rs:
                for t, rx in rs:
                    if rx.match(value):
                        tag = t
                        break
            if len(_CACHE) < 100_000:
                _CACHE[value] = tag
            return tag
        return STR
    return SEQ if kind is SequenceNode else MAP


class _Composer(_BaseLoader):  # type: ignore[misc, valid-type]
    resolve = _resolve
    # Path resolvers are not used; builtins make the composer's two calls per node nearly free.
    descend_resolver = {}.get
    ascend_resolver = tuple


class _Fallback(yaml.constructor.SafeConstructor):
    """For the rare explicitly tagged scalar (``!!binary``, ``!!float "1"``) and to raise PyYAML's errors."""


_FALLBACK = _Fallback()


def _scalar(node: Any) -> Any:
    tag = node.tag
    if tag == STR:
        return node.value
    if tag == "tag:yaml.org,2002:int":
        try:
            return _FALLBACK.construct_yaml_int(node)
        except ValueError:  # more digits than Python converts: go-yaml keeps the text too
            return node.value
    if tag == "tag:yaml.org,2002:bool":
        return _BOOL_VALUES[node.value.lower()]
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:float":
        return _FALLBACK.construct_yaml_float(node)
    if tag == "tag:yaml.org,2002:binary":
        return _FALLBACK.construct_yaml_binary(node).decode("utf-8", "replace")  # go-yaml decodes into a string
    if tag == "tag:yaml.org,2002:timestamp":
        return node.value
    raise yaml.constructor.ConstructorError(None, None, f"could not determine a constructor for the tag {tag!r}",
                                            node.start_mark)


def build(node: Any, memo: dict[int, Any]) -> Any:
    """The Python object of a composed node (aliases share the object, as PyYAML does)."""
    cls = node.__class__
    if cls is ScalarNode:
        if node.tag == STR:
            return node.value
        return _scalar(node)
    nid = id(node)
    got = memo.get(nid)
    if got is not None:
        return got
    tag = node.tag
    if tag != MAP and tag != SEQ and tag != "tag:yaml.org,2002:set":
        if tag in ("tag:yaml.org,2002:omap", "tag:yaml.org,2002:pairs"):
            return _FALLBACK.construct_document(node)
        raise yaml.constructor.ConstructorError(None, None, f"could not determine a constructor for the tag {tag!r}",
                                                node.start_mark)
    if cls is MappingNode:
        out: dict[str, Any] = {}
        memo[nid] = out
        for knode, vnode in node.value:
            if knode.tag == MERGE:
                for sub in merge_sources(vnode):  # applied where it stands, as kubectl's decoder applies it
                    out.update(build(sub, memo))
                continue
            kc = knode.__class__
            key = knode.value if kc is ScalarNode and knode.tag == STR else build(knode, memo)
            if not isinstance(key, str):
                if isinstance(key, (list, dict)):
                    from ..api.manifests import _go_repr, go_error

                    raise go_error(f"invalid map key: {_go_repr(key)}")
                key = _key_str(key)
            vc = vnode.__class__
            out[key] = vnode.value if vc is ScalarNode and vnode.tag == STR else build(vnode, memo)
        return out
    if cls is SequenceNode:
        lst: list[Any] = []
        memo[nid] = lst
        for item in node.value:
            lst.append(item.value if item.__class__ is ScalarNode and item.tag == STR else build(item, memo))
        return lst
    raise yaml.constructor.ConstructorError(None, None, "unexpected node", node.start_mark)


class Document(Record):
    """One YAML document of a file: its number (1-based, among the file's non-empty documents), the line its
    text starts on (0-based), the object and its node tree."""

    _fields = ("number", "chunk", "line0", "obj", "node")

    def __init__(self, number: int, chunk: int, line0: int, obj: Any, node: Any):
        self.number = number
        self.chunk = chunk  # 0-based index among the ``---`` chunks, as kubectl's reader counts them
        self.line0 = line0
        self.obj = obj
        self.node = node


class LoadError(Exception):
    """A YAML syntax or construction error: kubectl's message, and the 1-based line/column in the file."""

    def __init__(self, message: str, line: int, column: int):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def load(text: str, source: str) -> tuple[list[Document], LoadError | None]:
    """The documents of one file, and the error that stopped reading it (documents after it are not read)."""
    from ..api.manifests import _yaml_message

    from ..api.manifests import _check_aliases, _check_flow_depth

    docs: list[Document] = []
    number = 0
    for ci, (line0, chunk) in enumerate(chunks(text)):
        if not chunk.strip():
            continue
        loader = None
        try:
            _check_flow_depth(chunk)  # go-yaml's depth limits, as kubectl's loader (two str.count for most texts)
            aliases = "*" in chunk
            if aliases and (len(chunk) > 32_768 or chunk.count("*") > 64):
                # big or alias-heavy: go-yaml's exact check first, before composing what it may refuse
                _check_aliases(chunk, _PARSER_BASE)
                aliases = False
            loader = _Composer(chunk)
            while loader.check_node():
                node = loader.get_node()
                if node is None:
                    continue
                if aliases and _excessive_aliasing(node):
                    _check_aliases(chunk, _PARSER_BASE)  # go-yaml's exact refusal (names the anchor)
                obj = build(node, {})
                if obj is None:
                    continue
                number += 1
                docs.append(Document(number, ci, line0, obj, node))
        except yaml.YAMLError as e:
            if "*" in chunk and not hasattr(e, "message"):
                try:  # an alias libyaml refuses: go-yaml's words for it
                    _check_aliases(chunk, _PARSER_BASE)
                except yaml.YAMLError as go:
                    e = go
            mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
            text_msg = _yaml_message(e)
            m = re.match(r"yaml: line (\d+):", text_msg)
            # the position agrees with the line go-yaml names (counted from the document's first line)
            line = line0 + (int(m.group(1)) if m else (mark.line + 1 if mark is not None else 1))
            col = (mark.column + 1) if mark is not None and not m else 1
            return docs, LoadError(f"error parsing {source}: error converting YAML to JSON: {text_msg}", line, col)
        except RecursionError:
            return docs, LoadError(f"error parsing {source}: error converting YAML to JSON: yaml: exceeded max depth",
                                   line0 + 1, 1)
        finally:
            if loader is not None:
                loader.dispose()
    return docs, None


_PARSER_BASE: Any = getattr(yaml, "CBaseLoader", None) or yaml.BaseLoader


def _excessive_aliasing(root: Any) -> bool:
    """Whether go-yaml might refuse this tree for its aliases (an anchor that contains itself, or a billion-laughs
    expansion), in which case ``api.manifests._check_aliases`` decides, with go-yaml's exact counts and message.

    A cheap necessary condition, counted on the composed tree (an alias is the same node object met again), with
    collections memoised and scalars counted once each: go-yaml refuses only documents that decode more than 1,000
    nodes, and its count is at most twice this one (an alias to a scalar counts 2 there, 1 here)."""
    sizes: dict[int, int] = {}
    open_: set[int] = set()

    def walk(node: Any) -> int:
        nid = id(node)
        n = sizes.get(nid)
        if n is not None:
            return n
        if nid in open_:
            raise _Refused
        open_.add(nid)
        total = 1
        if node.__class__ is MappingNode:
            for k, v in node.value:
                total += (1 if k.__class__ is ScalarNode else walk(k)) + (1 if v.__class__ is ScalarNode else walk(v))
        else:
            for item in node.value:
                total += 1 if item.__class__ is ScalarNode else walk(item)
        open_.discard(nid)
        sizes[nid] = total
        return total

    if root.__class__ is ScalarNode:
        return False
    try:
        return walk(root) > 500
    except (_Refused, RecursionError):
        return True


class _Refused(Exception):
    pass


# ------------------------------------------------------------------------------------------------ positions

_TOKEN = re.compile(r"\[([^\]]*)\]|([^.\[\]]+)")


def split_path(path: str) -> list[str | int]:
    """``spec.containers[0].ports[1]`` -> ``['spec', 'containers', 0, 'ports', 1]``; ``metadata.labels[a.b]``
    -> ``['metadata', 'labels', 'a.b']``."""
    out: list[str | int] = []
    for m in _TOKEN.finditer(path):
        if m.group(1) is not None:
            tok = m.group(1)
            out.append(int(tok) if tok.isdigit() else tok)
        else:
            out.append(m.group(2))
    return out


def position(node: Any, path: str | list[str | int], line0: int = 0) -> tuple[int, int, str]:
    """1-based (line, column) of the deepest node ``path`` reaches in the tree (the key for a mapping entry), and
    the part of the path that was found. Merge keys are followed."""
    parts = split_path(path) if isinstance(path, str) else list(path)
    mark = node.start_mark
    found: list[str] = []
    cur = node
    for p in parts:
        nxt = None
        if isinstance(cur, MappingNode):
            key = str(p)
            for k, v in _pairs(cur):
                if isinstance(k, ScalarNode) and k.value == key:
                    nxt, kmark = v, k.start_mark
                    break
            if nxt is None and isinstance(p, str) and "." in p:
                break
            if nxt is not None:
                mark = kmark
        elif isinstance(cur, SequenceNode) and isinstance(p, int) and 0 <= p < len(cur.value):
            nxt = cur.value[p]
            mark = nxt.start_mark
        if nxt is None:
            break
        found.append(f"[{p}]" if isinstance(p, int) else ("." + str(p) if found else str(p)))
        cur = nxt
    return line0 + mark.line + 1, mark.column + 1, "".join(found)


def _pairs(node: Any) -> list[tuple[Any, Any]]:
    """A mapping node's entries, the one that decides each key first: entries are applied in order, a merge key's
    mappings where it stands (``merge_sources``), and the last one applied wins."""
    applied: list[tuple[Any, Any]] = []
    for k, v in node.value:
        if k.tag == MERGE:
            try:
                subs = merge_sources(v)
            except yaml.YAMLError:
                continue
            for sub in subs:
                applied.extend(reversed(_pairs(sub)))
        else:
            applied.append((k, v))
    applied.reverse()
    return applied
