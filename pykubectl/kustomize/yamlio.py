"""Reading YAML as kustomize does. Resources are read by kyaml (go-yaml v3 rules: only true/false are booleans,
`yes`/`on` stay strings, 0o17 is octal); the kustomization file is read by sigs.k8s.io/yaml (go-yaml v2, YAML 1.1
rules: `on` is a boolean there). Output goes through JSON and go-yaml v2, which printers/output.to_yaml already
reproduces byte for byte."""

from __future__ import annotations

import re
from typing import Any

import yaml

try:  # libyaml's parser (yaml.CParser is not exported by PyYAML's package)
    from yaml.cyaml import CParser as _CParser
except ImportError:  # pragma: no cover - PyYAML without libyaml
    _CParser = None

_INT = re.compile(r"[-+]?(?:0b[01_]+|0o[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*)\Z")
_FLOAT = re.compile(r"[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?\Z")
_FLOAT_SPECIAL = re.compile(r"[-+]?\.(?:inf|Inf|INF)\Z|\.(?:nan|NaN|NAN)\Z")


class _V3Resolver(yaml.resolver.BaseResolver):
    pass


_V3Resolver.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z"),
                                  list("tTfF"))
_V3Resolver.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"(?:~|null|Null|NULL|)\Z"),
                                  ["~", "n", "N", ""])
_V3Resolver.add_implicit_resolver("tag:yaml.org,2002:int", _INT, list("-+0123456789"))
_V3Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"[-+]?(?:[0-9][0-9_]*\.[0-9_]*|\.[0-9_]+|[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)?\Z"
               r"|[-+]?\.(?:inf|Inf|INF)\Z|\.(?:nan|NaN|NAN)\Z"),
    list("-+0123456789."))
_V3Resolver.add_implicit_resolver("tag:yaml.org,2002:merge", re.compile(r"<<\Z"), ["<"])


def _construct_int(loader: Any, node: Any) -> Any:
    text = node.value.replace("_", "")
    sign = -1 if text.startswith("-") else 1
    body = text.lstrip("+-")
    try:
        if body.startswith("0b"):
            return sign * int(body[2:], 2)
        if body.startswith("0o"):
            return sign * int(body[2:], 8)
        if body.startswith("0x"):
            return sign * int(body[2:], 16)
        if len(body) > 1 and body.startswith("0") and body.isdigit() and all(c in "01234567" for c in body):
            return sign * int(body, 8)
        return sign * int(body)
    except ValueError:
        return node.value


def _construct_float(loader: Any, node: Any) -> Any:
    v = float(node.value.replace("_", "").lower().replace(".inf", "inf").replace(".nan", "nan"))
    return int(v) if v.is_integer() and abs(v) < 2**63 else v


def _construct_mapping(loader: Any, node: Any, deep: bool = False) -> dict:
    loader.flatten_mapping(node)
    out: dict = {}
    for knode, vnode in node.value:
        key = loader.construct_object(knode, deep=True)
        if not isinstance(key, str):
            key = "true" if key is True else "false" if key is False else "null" if key is None else str(key)
        out[key] = loader.construct_object(vnode, deep=True)
    return out


def _make_loader(resolver: type) -> type:
    parser = _CParser or yaml.parser.Parser

    if _CParser is not None:
        class Loader(_CParser, yaml.constructor.SafeConstructor, resolver):  # type: ignore[misc, valid-type]
            def __init__(self, stream: Any) -> None:
                _CParser.__init__(self, stream)
                yaml.constructor.SafeConstructor.__init__(self)
                resolver.__init__(self)
    else:  # pragma: no cover - PyYAML without libyaml
        class Loader(yaml.reader.Reader, yaml.scanner.Scanner, parser, yaml.composer.Composer,  # type: ignore
                     yaml.constructor.SafeConstructor, resolver):
            def __init__(self, stream: Any) -> None:
                yaml.reader.Reader.__init__(self, stream)
                yaml.scanner.Scanner.__init__(self)
                parser.__init__(self)
                yaml.composer.Composer.__init__(self)
                yaml.constructor.SafeConstructor.__init__(self)
                resolver.__init__(self)
    Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
    Loader.add_constructor("tag:yaml.org,2002:binary", lambda lo, n: n.value)
    return Loader


ResourceLoader = _make_loader(_V3Resolver)
ResourceLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
ResourceLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)
ResourceLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda lo, n: n.value)


class _V2Resolver(yaml.resolver.Resolver):
    pass


_V2Resolver.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
}
_V2Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)\Z"),
    list("yYnNtTfFoO"))
KustomizationLoader = _make_loader(_V2Resolver)
KustomizationLoader.add_constructor("tag:yaml.org,2002:bool", lambda lo, n: n.value in (
    "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"))


def go_yaml_message(e: yaml.YAMLError) -> str:
    """go-yaml's wording for the commonest syntax errors: ``yaml: line N: <problem>``."""
    mark = getattr(e, "problem_mark", None)
    problem = getattr(e, "problem", None) or str(e)
    problem = {
        "expected the node content, but found '<block end>'": "did not find expected node content",
        "expected <block end>, but found '<block sequence start>'": "did not find expected key",
        "expected <block end>, but found '-'": "did not find expected key",
        "could not find expected ':'": "could not find expected ':'",
    }.get(problem, problem)
    if problem.startswith("expected the node content"):
        problem = "did not find expected node content"
    elif problem.startswith("expected <block end>"):
        problem = "did not find expected key"
    elif problem.startswith("expected ',' or ']'"):
        problem = "did not find expected ',' or ']'"
    elif problem.startswith("expected ',' or '}'"):
        problem = "did not find expected ',' or '}'"
    elif problem.startswith("mapping values are not allowed"):
        problem = "mapping values are not allowed in this context"
    # go-yaml reports these at the line before the one PyYAML marks (recorded for both texts below).
    line = mark.line if mark is not None else 0
    if problem not in ("did not find expected node content", "did not find expected key"):
        line += 1
    return f"yaml: line {line}: {problem}"


def load_documents(text: str) -> list[tuple[Any, int]]:
    """Every document of a resource file with the line it starts on (1-based); empty documents dropped."""
    loader = ResourceLoader(text)
    out: list[tuple[Any, int]] = []
    try:
        while loader.check_node():
            node = loader.get_node()
            if node is None:
                continue
            line = node.start_mark.line + 1
            out.append((loader.construct_document(node), line))
    finally:
        loader.dispose()
    return [(d, ln) for d, ln in out if d is not None]


def load_kustomization(text: str) -> Any:
    loader = KustomizationLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def load_one(text: str) -> Any:
    """One document with resource rules (patches, replacement files)."""
    docs = load_documents(text)
    return docs[0][0] if docs else None
