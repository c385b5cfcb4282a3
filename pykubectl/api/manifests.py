"""Manifest loading as kubectl's resource builder does it: files, directories (``-R``), stdin, multi-document
YAML and JSON, ``List`` kinds. Documents come back in order; a document that cannot be read stops the stream at
that point, with the documents before it still usable (kubectl's visitor semantics)."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from typing import Iterator

from ..errors import ClientError

EXTENSIONS = (".json", ".yaml", ".yml")
MAX_FILE_BYTES = 3 * 1024 * 1024


@dataclass
class Doc:
    source: str  # the path as the user gave it (or "STDIN")
    index: int  # document index within the file
    obj: dict


def _loader() -> type:
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc, valid-type]
        pass

    # Timestamps and other YAML 1.1 scalar types stay strings, as sigs.k8s.io/yaml keeps them.
    Loader.yaml_implicit_resolvers = {
        k: [(tag, rx) for tag, rx in v if tag not in ("tag:yaml.org,2002:timestamp",)]
        for k, v in base.yaml_implicit_resolvers.items()
    }

    def construct_mapping(loader: object, node: object, deep: bool = False) -> dict:
        # Duplicate keys: last wins; non-string keys become strings (as kubectl does).
        out: dict = {}
        for knode, vnode in node.value:  # type: ignore[attr-defined]
            key = loader.construct_object(knode, deep=True)  # type: ignore[attr-defined]
            if not isinstance(key, str):
                key = _key_str(key)
            out[key] = loader.construct_object(vnode, deep=True)  # type: ignore[attr-defined]
        return out

    Loader.add_constructor("tag:yaml.org,2002:map", construct_mapping)
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
        loader = _LOADER(chunk)
        try:
            while loader.check_data():
                doc = loader.get_data()
                if doc is not None:
                    yield idx, doc
        except yaml.YAMLError as e:
            raise ClientError(f"error: error parsing {source}: error converting YAML to JSON: {_yaml_message(e)}") from None
        except RecursionError:
            raise ClientError(f"error: error parsing {source}: error converting YAML to JSON: yaml: exceeded max depth") from None
        finally:
            loader.dispose()


def _yaml_message(e: Exception) -> str:
    """The line as go-yaml reports it: a parser error names the problem mark's 0-based line (a scanner error
    the 1-based one), falling back to the context mark; line 0 is not printed."""
    import yaml

    mark = getattr(e, "problem_mark", None)
    ctx = getattr(e, "context_mark", None)
    problem = getattr(e, "problem", None) or str(e)
    line = 0
    if mark is not None and mark.line != 0:
        line = mark.line + (1 if isinstance(e, yaml.scanner.ScannerError) else 0)
    elif ctx is not None and ctx.line != 0:
        line = ctx.line
    return f"yaml: line {line}: {problem}" if line else f"yaml: {problem}"


def expand_paths(paths: list[str], recursive: bool) -> list[str]:
    out: list[str] = []
    for p in paths:
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
        source = "STDIN" if path == "-" else path
        text = read_source(path)
        stripped = text.lstrip()
        docs: Iterator[tuple[int, object]] | None = None
        if stripped.startswith("{") or stripped.startswith("["):
            try:
                docs = iter([(0, json.loads(text))])
            except ValueError:
                docs = None
        if docs is None:
            # Streamed: a document that does not parse stops here, after the ones before it were handled.
            docs = yaml_documents(text, source)
        for idx, doc in docs:
            yield from _objects(doc, source, idx)


def _objects(doc: object, source: str, idx: int) -> Iterator[Doc]:
    if not isinstance(doc, dict):
        raise ClientError(f"error: error validating \"{source}\": error validating data: invalid object to validate; "
                          "if you choose to ignore these errors, turn validation off with --validate=false")
    missing = [f for f in ("apiVersion", "kind") if not doc.get(f)]
    if missing:
        what = missing[0] + " not set" if len(missing) == 1 else "[" + ", ".join(m + " not set" for m in missing) + "]"
        raise ClientError(f'error: error validating "{source}": error validating data: {what}; if you choose to '
                          "ignore these errors, turn validation off with --validate=false")
    if not isinstance(doc.get("apiVersion"), str) or not isinstance(doc.get("kind"), str):
        raise ClientError(f'error: error validating "{source}": error validating data: invalid object to validate; '
                          "if you choose to ignore these errors, turn validation off with --validate=false")
    if doc["kind"].endswith("List") and isinstance(doc.get("items"), list):
        for item in doc["items"]:
            yield from _objects(item, source, idx)
        return
    yield Doc(source, idx, doc)
