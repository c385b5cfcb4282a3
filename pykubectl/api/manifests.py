"""Manifest loading as kubectl's resource builder does it: files, directories (``-R``), stdin, multi-document
YAML and JSON, ``List`` kinds. Documents come back in order; a document that cannot be read stops the stream at
that point, with the documents before it still usable (kubectl's visitor semantics)."""

from __future__ import annotations

import json
import os
import sys
from typing import Any, Iterator

from ..errors import ClientError
from ..records import Record

EXTENSIONS = (".json", ".yaml", ".yml")
MAX_FILE_BYTES = 3 * 1024 * 1024


class Doc(Record):
    _fields = ("source", "index", "obj")

    def __init__(self, source: str, index: int, obj: dict):
        self.source = source  # the path as the user gave it (or "STDIN")
        self.index = index  # document index within the file
        self.obj = obj


# go-yaml's limits, which kubectl's YAML reader has (sigs.k8s.io/yaml over goyaml.v2).
MAX_DEPTH = 10000
ALIAS_RATIO_LOW, ALIAS_RATIO_HIGH = 400_000, 4_000_000


def _yaml_error_class() -> type:
    import yaml

    class GoYAMLError(yaml.YAMLError):
        """A document go-yaml refuses: ``message`` is go-yaml's text (after "yaml: "), ``line`` 0-based or None."""

        def __init__(self, message: str, line: int | None = None):
            super().__init__(message)
            self.message = message
            self.line = line

    return GoYAMLError


_GO_ERROR: type | None = None


def go_error(message: str, line: int | None = None) -> Exception:
    global _GO_ERROR
    if _GO_ERROR is None:
        _GO_ERROR = _yaml_error_class()
    return _GO_ERROR(message, line)


def _allowed_alias_ratio(decoded: int) -> float:
    if decoded <= ALIAS_RATIO_LOW:
        return 0.99
    if decoded >= ALIAS_RATIO_HIGH:
        return 0.10
    return 0.99 - 0.89 * (decoded - ALIAS_RATIO_LOW) / (ALIAS_RATIO_HIGH - ALIAS_RATIO_LOW)


_FLOW_TOKENS = None


# Nesting pykubectl can build (Python's recursion limit): deeper documents are refused as too deep before libyaml,
# whose parse time grows with the square of the nesting, spends seconds on them.
MAX_BUILD_DEPTH = 1000


def _check_flow_depth(text: str) -> None:
    """go-yaml stops at 10000 nested collections (then its message, with the line); pykubectl at MAX_BUILD_DEPTH.
    Found with cheap scans, only run on texts with that many brackets or dashes."""
    global _FLOW_TOKENS
    if text.count("- ") > MAX_BUILD_DEPTH:
        import re

        m = re.search(r"(?:(?:- +)|(?:\? +)){%d,}" % MAX_BUILD_DEPTH, text)
        if m is not None:
            if len(re.findall(r"[-?] +", m.group())) > MAX_DEPTH:
                raise go_error(f"exceeded max depth of {MAX_DEPTH}", text.count("\n", 0, m.start()))
            raise go_error("exceeded max depth")
    if text.count("[") + text.count("{") <= MAX_BUILD_DEPTH:
        return
    import re

    if _FLOW_TOKENS is None:
        _FLOW_TOKENS = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\n]|\'\')*\'|(?:^|(?<=\s))#[^\n]*|[\[\]{}\n]')
    depth = line = deepest = 0
    for m in _FLOW_TOKENS.finditer(text):
        c = m.group()[0]
        if c in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise go_error(f"exceeded max depth of {MAX_DEPTH}", line)
            deepest = max(deepest, depth)
        elif c in "]}":
            depth = max(0, depth - 1)
        elif c == "\n":
            line += 1
    if deepest > MAX_BUILD_DEPTH:
        raise go_error("exceeded max depth")


def _check_aliases(text: str, loader_base: type) -> None:
    """What go-yaml refuses about aliases, found from the event stream before anything is built: an alias to an
    anchor that contains it, an unknown anchor, and expansion out of proportion to the document (billion laughs):
    go-yaml counts every node it decodes, and those decoded through an alias, and gives up when more than 99% (10%
    for very large documents) come from aliases. The counts are computed, never expanded."""
    import yaml

    sizes: dict[str, int] = {}  # anchor -> nodes decoded by one expansion
    stack: list[list] = []  # [anchor, nodes so far]
    open_: set[str] = set()
    decoded = aliased = 0
    for ev in yaml.parse(text, Loader=loader_base):
        if isinstance(ev, yaml.AliasEvent):
            name = ev.anchor or ""
            if name in open_:
                raise go_error(f"anchor '{name}' value contains itself")
            if name not in sizes:
                raise go_error(f"unknown anchor '{name}' referenced")
            n = sizes[name]
            decoded += 1 + n
            aliased += n
            if stack:
                stack[-1][1] += 1 + n
            if aliased > 100 and decoded > 1000 and aliased / decoded > _allowed_alias_ratio(decoded):
                raise go_error("document contains excessive aliasing")
        elif isinstance(ev, yaml.ScalarEvent):
            decoded += 1
            if ev.anchor:
                sizes[ev.anchor] = 1
            if stack:
                stack[-1][1] += 1
        elif isinstance(ev, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            decoded += 1
            stack.append([ev.anchor, 1])
            if ev.anchor:
                open_.add(ev.anchor)
        elif isinstance(ev, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            anchor, n = stack.pop()
            if anchor:
                open_.discard(anchor)
                sizes[anchor] = n
            if stack:
                stack[-1][1] += n
        elif isinstance(ev, yaml.DocumentStartEvent):
            sizes.clear()


MERGE_TAG = "tag:yaml.org,2002:merge"


def merge_sources(value: Any) -> list[Any]:
    """The mapping nodes a merge key (``<<``) merges, in the order kubectl's decoder applies them.

    kubectl turns YAML into JSON with sigs.k8s.io/yaml, whose decoder is go-yaml v2. It walks a mapping's entries
    in order and applies a merge key where it stands: the merged mapping's entries are set into the map being built,
    replacing keys set before the ``<<`` entry, and entries after it replace them in turn. A sequence of mappings is
    applied from its last element to its first, so the earliest wins. Anything else is refused with go-yaml's
    message. (PyYAML instead lets every explicit key win wherever it stands, and its key order changed in 6.0.4:
    both loaders use this instead.) Key order carries no meaning: kubectl's JSON has its keys sorted."""
    from yaml.nodes import MappingNode, SequenceNode

    if isinstance(value, MappingNode):
        return [value]
    if isinstance(value, SequenceNode):
        subs = list(reversed(value.value))
        if all(isinstance(sub, MappingNode) for sub in subs):
            return subs
    raise go_error("map merge requires map or sequence of maps as the value")


def _go_repr(v: object) -> str:
    """A YAML value as Go's %#v prints it (go-yaml's "invalid map key" message)."""
    if isinstance(v, list):
        return "[]interface {}{" + ", ".join(_go_repr(x) for x in v) + "}"
    if isinstance(v, dict):
        return "map[interface {}]interface {}{" + ", ".join(f"{_go_repr(k)}:{_go_repr(x)}" for k, x in v.items()) + "}"
    if isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, bool):
        return "true" if v else "false"
    if v is None:
        return "interface {}(nil)"
    return str(v)


# go-yaml v2 (what kubectl's sigs.k8s.io/yaml reads with) also takes y, Y, n and N for booleans: PyYAML's YAML 1.1
# set lacks them, so `app: y` would stay a string, where kubectl sends `"app": true` (recorded: k8s-recordings
# 16-errors-common step 11).
GO_YAML_BOOLS = {"yes": True, "no": False, "true": True, "false": False, "on": True, "off": False,
                 "y": True, "n": False}


def go_yaml_resolvers(base: dict) -> dict:
    """PyYAML's implicit resolvers (first character -> [(tag, regex)]) as go-yaml v2 resolves plain scalars:
    timestamps and the other YAML 1.1 types stay strings, as sigs.k8s.io/yaml keeps them; y/Y/n/N are booleans."""
    import re

    out = {k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"] for k, v in base.items()}
    short_bool = re.compile(r"^(?:y|Y|n|N)$")
    for first in "yYnN":
        out[first] = [("tag:yaml.org,2002:bool", short_bool), *out.get(first, [])]
    return out


def _loader() -> type:
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    parser_base = getattr(yaml, "CBaseLoader", yaml.BaseLoader)

    class Loader(base):  # type: ignore[misc, valid-type]
        def __init__(self, stream: object) -> None:
            # go-yaml's limits first, so nothing is built from a document it would refuse.
            if isinstance(stream, bytes):
                stream = stream.decode("utf-8", "replace")
            if isinstance(stream, str):
                _check_flow_depth(stream)
                if "*" in stream:
                    _check_aliases(stream, parser_base)
            super().__init__(stream)

    Loader.yaml_implicit_resolvers = go_yaml_resolvers(base.yaml_implicit_resolvers)
    Loader.bool_values = GO_YAML_BOOLS

    def construct_mapping(loader: object, node: object, deep: bool = False) -> dict:
        # Duplicate keys: last wins; non-string keys become strings (as kubectl does). Merge keys (<<) are
        # applied where they stand, as kubectl's decoder (go-yaml v2) applies them: see merge_entries.
        out: dict = {}
        for knode, vnode in node.value:  # type: ignore[attr-defined]
            if knode.tag == MERGE_TAG:
                for sub in merge_sources(vnode):
                    out.update(loader.construct_object(sub, deep=True))  # type: ignore[attr-defined]
                continue
            key = loader.construct_object(knode, deep=True)  # type: ignore[attr-defined]
            if isinstance(key, (list, dict)):
                raise go_error(f"invalid map key: {_go_repr(key)}")
            if not isinstance(key, str):
                key = _key_str(key)
            out[key] = loader.construct_object(vnode, deep=True)  # type: ignore[attr-defined]
        return out

    def construct_int(loader: object, node: object) -> object:
        try:
            return base.construct_yaml_int(loader, node)
        except ValueError:  # more digits than Python converts: go-yaml cannot parse it either and keeps the text
            return node.value  # type: ignore[attr-defined]

    def construct_binary(loader: object, node: object) -> str:
        # go-yaml decodes !!binary into a string.
        return base.construct_yaml_binary(loader, node).decode("utf-8", "replace")

    def construct_set(loader: object, node: object) -> dict:
        # go-yaml has no sets: a !!set is the mapping it is written as, values null.
        return construct_mapping(loader, node)

    Loader.add_constructor("tag:yaml.org,2002:map", construct_mapping)
    Loader.add_constructor("tag:yaml.org,2002:int", construct_int)
    Loader.add_constructor("tag:yaml.org,2002:binary", construct_binary)
    Loader.add_constructor("tag:yaml.org,2002:set", construct_set)
    return Loader


def _key_str(k: object) -> str:
    if isinstance(k, bool):
        return "true" if k else "false"
    if k is None:
        return "null"
    return str(k)


_LOADER = None


def split_documents(text: str) -> list[str]:
    """Split a stream on ``---`` lines as kubectl's YAML reader does: each document is then parsed on its own,
    so an error's line number counts from the start of its document."""
    docs: list[str] = []
    cur: list[str] = []
    for line in text.splitlines(keepends=True):
        if line.startswith("---") and line[3:].strip() == "":
            docs.append("".join(cur))
            cur = []
        else:
            cur.append(line)
    docs.append("".join(cur))
    return docs


def yaml_documents(text: str, source: str) -> Iterator[tuple[int, object]]:
    """Yield (index, document) pairs; raise ClientError in kubectl's words at the first unparsable document."""
    import yaml

    global _LOADER
    if _LOADER is None:
        _LOADER = _loader()
    for idx, chunk in enumerate(split_documents(text)):
        if not chunk.strip():
            continue
        loader = None
        try:
            loader = _LOADER(chunk)
            while loader.check_data():
                doc = loader.get_data()
                if doc is not None:
                    yield idx, doc
        except yaml.YAMLError as e:
            raise ClientError(f"error: error parsing {source}: error converting YAML to JSON: {_yaml_message(e)}") from None
        except RecursionError:
            # Nesting deeper than Python's recursion limit but within go-yaml's: refused all the same.
            raise ClientError(f"error: error parsing {source}: error converting YAML to JSON: yaml: exceeded max depth") from None
        finally:
            if loader is not None:
                loader.dispose()


def _yaml_message(e: Exception) -> str:
    """The line as go-yaml reports it: a parser error names the problem mark's 0-based line (a scanner error
    the 1-based one), falling back to the context mark; line 0 is not printed."""
    import yaml

    if _GO_ERROR is not None and isinstance(e, _GO_ERROR):
        ln = e.line  # type: ignore[attr-defined]
        return f"yaml: line {ln + 1}: {e.message}" if ln else f"yaml: {e.message}"  # type: ignore[attr-defined]
    if isinstance(e, yaml.reader.ReaderError):
        return "yaml: control characters are not allowed"
    mark = getattr(e, "problem_mark", None)
    ctx = getattr(e, "context_mark", None)
    problem = getattr(e, "problem", None) or str(e)
    line = 0
    if mark is not None and mark.line != 0:
        line = mark.line + (1 if isinstance(e, yaml.scanner.ScannerError) else 0)
    elif ctx is not None and ctx.line != 0:
        line = ctx.line
    return f"yaml: line {line}: {problem}" if line else f"yaml: {problem}"


class KustomizeDir(str):
    """A `-k DIR` argument among the `-f` paths: its documents are what `kubectl kustomize DIR` builds."""


def kustomize_documents(directory: "KustomizeDir") -> Iterator[Doc]:
    from ..kustomize import KustomizeError, build

    warn = getattr(directory, "warn", sys.stderr.write)
    try:
        result = build(str(directory))
    except KustomizeError as e:
        warn("".join(f"# Warning: {w}\n" for w in getattr(e, "warnings", [])))
        raise ClientError(f"error: {e}") from None
    warn("".join(f"# Warning: {w}\n" for w in result.warnings))
    for i, obj in enumerate(result.objects):
        yield from _objects(obj, str(directory), i)


def expand_paths(paths: list[str], recursive: bool) -> list[str]:
    out: list[str] = []
    for p in paths:
        if isinstance(p, KustomizeDir):
            out.append(p)
            continue
        if p == "-":
            out.append(p)
            continue
        if p.startswith(("http://", "https://")):
            raise ClientError(f'error: unable to read URL "{p}": this simulated cluster has no network access')
        if not os.path.exists(p):
            raise ClientError(f'error: the path "{p}" does not exist')
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for f in sorted(files):
                    if f.endswith(EXTENSIONS):
                        out.append(os.path.join(root, f))
                if not recursive:
                    break
        else:
            out.append(p)
    return out


def read_source(path: str) -> str:
    if path == "-":
        data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    else:
        with open(path, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ClientError(f"error: error reading {'STDIN' if path == '-' else path}: the file is larger than the "
                          f"API server's request limit of {MAX_FILE_BYTES} bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ClientError(f"error: error parsing {path}: error converting YAML to JSON: yaml: invalid leading UTF-8 "
                          f"octet at byte {e.start}") from None


def iter_documents(paths: list[str], recursive: bool = False) -> Iterator[Doc]:
    """Every object, in order, with List kinds flattened. Client-side checks (apiVersion/kind set) happen here."""
    for path in expand_paths(paths, recursive):
        if isinstance(path, KustomizeDir):
            yield from kustomize_documents(path)
            continue
        source = "STDIN" if path == "-" else path
        text = read_source(path)
        stripped = text.lstrip()
        docs: Iterator[tuple[int, object]] | None = None
        if stripped.startswith("{"):
            _check_json_depth(text, source)
            try:
                docs = iter([(0, json.loads(text))])
            except (ValueError, RecursionError):
                docs = None
        elif stripped.startswith("["):
            try:
                docs = iter([(0, json.loads(text))])
            except (ValueError, RecursionError):
                docs = None
        if docs is None:
            # Streamed: a document that does not parse stops here, after the ones before it were handled.
            docs = yaml_documents(text, source)
        for idx, doc in docs:
            yield from _objects(doc, source, idx)


def _check_json_depth(text: str, source: str) -> None:
    """encoding/json's limit, which kubectl's JSON reader has: 10000 nested values."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return
    import re

    depth = 0
    for m in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', text):
        c = m.group()[0]
        if c in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise ClientError(f"error: error parsing {source}: json: offset {m.start() + 1}: invalid character "
                                  f"'{c}' exceeded max depth")
        elif c in "]}":
            depth -= 1


def _objects(doc: object, source: str, idx: int) -> Iterator[Doc]:
    if not isinstance(doc, dict):
        raise ClientError(f"error: error validating \"{source}\": error validating data: invalid object to validate; "
                          "if you choose to ignore these errors, turn validation off with --validate=false")
    # As kubectl's getObjectKind: each of apiVersion and kind is "not set" or "isn't string type".
    problems = []
    for f in ("apiVersion", "kind"):
        v = doc.get(f)
        if v is None or v == "":
            problems.append(f"{f} not set")
        elif not isinstance(v, str):
            problems.append(f"{f} isn't string type")
    if problems:
        what = problems[0] if len(problems) == 1 else "[" + ", ".join(problems) + "]"
        raise ClientError(f'error: error validating "{source}": error validating data: {what}; if you choose to '
                          "ignore these errors, turn validation off with --validate=false")
    if doc["kind"].endswith("List") and isinstance(doc.get("items"), list):
        # The validator checks the whole List document before the builder hands out any of its items.
        items = [o for item in doc["items"] for o in _objects(item, source, idx)]
        yield from items
        return
    yield Doc(source, idx, doc)
