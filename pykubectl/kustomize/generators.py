"""configMapGenerator and secretGenerator: key/value sources (literals, files, env files), generator options, and
the content hash kustomize appends to generated names (sha256 of a JSON encoding of kind, name, data and type;
its first ten hex digits with 0, 1, 3, a, e swapped for letters that cannot spell words)."""

from __future__ import annotations

import base64
import hashlib
import json
import os
from typing import Any

from .errors import KustomizeError
from .loader import Loader
from .resources import Resource, effective_namespace

_HASH_SWAP = str.maketrans({"0": "g", "1": "h", "3": "k", "a": "m", "e": "t"})


def _go_json(v: Any) -> str:
    s = json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return (s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _encode(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:10].translate(_HASH_SWAP)


def content_hash(obj: dict) -> str:
    kind = obj.get("kind")
    # kustomize v5.5 looks the name up as one field called "metadata/name", finds nothing and hashes "" as the
    # name (recorded: the hashes match only so).
    name = ""
    if kind == "ConfigMap":
        m: dict[str, Any] = {"kind": "ConfigMap", "name": name, "data": obj.get("data") if isinstance(obj.get("data"), dict) else ""}
        if isinstance(obj.get("binaryData"), dict):
            m["binaryData"] = obj["binaryData"]
    elif kind == "Secret":
        m = {"kind": "Secret", "type": obj.get("type") or "", "name": name,
             "data": obj.get("data") if isinstance(obj.get("data"), dict) else ""}
        if isinstance(obj.get("stringData"), dict):
            m["stringData"] = obj["stringData"]
    else:
        m = obj
    return _encode(_go_json(m))


def _strip_quotes(v: str) -> str:
    if len(v) >= 2 and v[0] == v[-1] and v[0] in "\"'":
        return v[1:-1]
    return v


def _literal(src: str) -> tuple[str, str]:
    key, sep, value = src.partition("=")
    if not sep or not key:
        raise KustomizeError(f"invalid literal source {src}, expected key=value")
    return key, _strip_quotes(value)


def _env_pairs(text: str) -> list[tuple[str, str]]:
    out = []
    for raw in text.splitlines():
        line = raw.lstrip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        if not sep:
            value = os.environ.get(key, "")
        out.append((key, value))
    return out


def _kv_pairs(args: dict, ldr: Loader) -> list[tuple[str, bytes | str]]:
    pairs: list[tuple[str, bytes | str]] = []
    for src in args.get("envs") or ([args["env"]] if args.get("env") else []):
        try:
            text = ldr.read_text(str(src))
        except KustomizeError as e:
            raise e.wrap(f"env source files: [{' '.join(str(s) for s in args.get('envs') or [])}]")
        pairs.extend(_env_pairs(text))
    lits = args.get("literals") or []
    for lit in lits:
        try:
            pairs.append(_literal(str(lit)))
        except KustomizeError as e:
            raise e.wrap(f"literal sources [{' '.join(str(x) for x in lits)}]")
    files = args.get("files") or []
    for src in files:
        src = str(src)
        key, sep, path = src.partition("=")
        if not sep:
            key, path = os.path.basename(src), src
        try:
            data = ldr.read_bytes(path)
        except KustomizeError as e:
            raise e.wrap(f"file sources: [{' '.join(str(f) for f in files)}]")
        pairs.append((key, data))
    return pairs


def _text_or_none(v: bytes | str) -> str | None:
    if isinstance(v, str):
        return v
    try:
        return v.decode("utf-8")
    except UnicodeDecodeError:
        return None


def generate(args: dict, kind: str, ldr: Loader, options: dict, source: str) -> Resource:
    name = str(args.get("name") or "")
    try:
        pairs = _kv_pairs(args, ldr)
    except KustomizeError as e:
        raise e.wrap("loading KV pairs")
    obj: dict[str, Any] = {"apiVersion": "v1", "kind": kind, "metadata": {"name": name}}
    if args.get("namespace"):
        obj["metadata"]["namespace"] = args["namespace"]
    data: dict[str, str] = {}
    binary: dict[str, str] = {}
    for key, value in pairs:
        if key in data or key in binary:
            raise KustomizeError(f"{kind.lower()} {name} illegally repeats the key `{key}`")
        text = _text_or_none(value)
        raw = value.encode("utf-8", "surrogateescape") if isinstance(value, str) else value
        if kind == "Secret":
            data[key] = base64.b64encode(raw).decode()
        elif text is None:
            binary[key] = base64.b64encode(raw).decode()
        else:
            data[key] = text
    if data:
        obj["data"] = data
    if binary:
        obj["binaryData"] = binary
    if kind == "Secret":
        obj["type"] = str(args.get("type") or "Opaque")
    own = args.get("options") or {}
    labels = {**(options.get("labels") or {}), **(own.get("labels") or {})}
    annotations = {**(options.get("annotations") or {}), **(own.get("annotations") or {})}
    if labels:
        obj["metadata"]["labels"] = {str(a): str(b) for a, b in labels.items()}
    if annotations:
        obj["metadata"]["annotations"] = {str(a): str(b) for a, b in annotations.items()}
    if own.get("immutable") or options.get("immutable"):
        obj["immutable"] = True
    disable = bool(own.get("disableNameSuffixHash") or options.get("disableNameSuffixHash"))
    return Resource(obj, source=source, needs_hash=not disable, behavior=str(args.get("behavior") or "create"))


def absorb(resmap: Any, res: Resource) -> None:
    """Add a generated resource, honouring its `behavior` against what is there already."""
    # Matched by any name the resource has had (a base's generated ConfigMap is found by its original name after
    # the base's prefix), as kustomize's GetMatchingResourcesByAnyId.
    gvk, name = res.gvk, res.name
    ns = effective_namespace(gvk, res.namespace)
    existing = [r for r in resmap
                if any(g == gvk and n == name and s == ns
                       for g, n, s in [*r.prev, (r.gvk, r.name, effective_namespace(r.gvk, r.namespace))])]
    if res.behavior == "create" or not res.behavior:
        if existing:
            raise KustomizeError(f"id {res.cur_id_string()} exists; behavior must be merge or replace")
        resmap.append(res)
        return
    if res.behavior not in ("merge", "replace"):
        raise KustomizeError(f"unknown generator behavior '{res.behavior}'")
    if len(existing) != 1:
        raise KustomizeError(f"id {res.cur_id_string()} does not exist; cannot merge or replace")
    old = existing[0]
    if res.behavior == "replace":
        new_obj = res.obj
        meta = new_obj["metadata"]
        for key in ("labels", "annotations"):
            merged = {**(old.meta.get(key) or {}), **(meta.get(key) or {})}
            if merged:
                meta[key] = merged
    else:
        new_obj = old.obj
        for key in ("data", "binaryData"):
            if res.obj.get(key):
                new_obj.setdefault(key, {}).update(res.obj[key])
        for key in ("labels", "annotations"):
            if res.obj["metadata"].get(key):
                new_obj["metadata"].setdefault(key, {}).update(res.obj["metadata"][key])
    old.obj = new_obj
    old.needs_hash = old.needs_hash and res.needs_hash
