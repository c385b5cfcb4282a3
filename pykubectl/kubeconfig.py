"""kubeconfig: the config file whose contexts name a store and a default namespace, read and written as kubectl's
client-go reads and writes kubeconfig files.

Where it is read from, as kubectl's loading rules but never touching a real cluster's kubeconfig unasked:
``--kubeconfig PATH`` (any kubeconfig file); else the first path in ``KUBECONFIG`` that is a pykubectl config (a
file whose first line is ``# pykubectl config``); else ``~/.pykubectl/config``. A context's store is kept in a
context extension named ``pykubectl`` (``extension: {store: URL}``), so real kubectl can read the file too.

The model is client-go's (``clientcmd/api``): clusters, users and contexts are maps by name, each entry holds the
fields of its v1 type and nothing else (unknown fields are dropped when the file is read, as client-go drops them),
and a write prints the v1 form: every list sorted by name, keys sorted, empty optional fields left out
(sigs.k8s.io/yaml over the v1 structs). A file is written only when a command changed what it holds (client-go's
``ModifyConfig``), and a pykubectl config keeps its first line.
"""

from __future__ import annotations

import os
from typing import Any

MARKER = "# pykubectl config"
DEFAULT_PATH = "~/.pykubectl/config"
EXTENSION = "pykubectl"

# The v1 types' fields in Go's order: (json name, kind, omitempty). Kinds: str, bool, bytes (base64 in the file),
# strs ([]string), strsmap (map[string][]string), ext (named extensions), auth-provider, exec.
CLUSTER_FIELDS = (("server", "str", False), ("tls-server-name", "str", True),
                  ("insecure-skip-tls-verify", "bool", True), ("certificate-authority", "str", True),
                  ("certificate-authority-data", "bytes", True), ("proxy-url", "str", True),
                  ("disable-compression", "bool", True), ("extensions", "ext", True))
USER_FIELDS = (("client-certificate", "str", True), ("client-certificate-data", "bytes", True),
               ("client-key", "str", True), ("client-key-data", "bytes", True), ("token", "str", True),
               ("tokenFile", "str", True), ("as", "str", True), ("as-uid", "str", True),
               ("as-groups", "strs", True), ("as-user-extra", "strsmap", True), ("username", "str", True),
               ("password", "str", True), ("auth-provider", "auth-provider", True), ("exec", "exec", True),
               ("extensions", "ext", True))
CONTEXT_FIELDS = (("cluster", "str", False), ("user", "str", False), ("namespace", "str", True),
                  ("extensions", "ext", True))
PREFERENCES_FIELDS = (("colors", "bool", True), ("extensions", "ext", True))
EXEC_FIELDS = (("command", "str", False), ("args", "strs", False), ("env", "env", False),
               ("apiVersion", "str", True), ("installHint", "str", True), ("provideClusterInfo", "bool", False),
               ("interactiveMode", "str", True))
# The internal type's json names where they differ from v1's (`config set users.NAME.act-as …`).
INTERNAL_USER_NAMES = {"as": "act-as", "as-uid": "act-as-uid", "as-groups": "act-as-groups",
                       "as-user-extra": "act-as-user-extra"}
# The key under which a merged entry keeps the file it came from (never written: only the type's fields are).
ORIGIN = "\x00origin"
SECTIONS = (("clusters", "cluster", CLUSTER_FIELDS), ("users", "user", USER_FIELDS),
            ("contexts", "context", CONTEXT_FIELDS))


class ConfigError(Exception):
    """A kubeconfig that client-go would refuse to load (the message is client-go's)."""


def paths_for(explicit: str | None) -> list[str]:
    """The files a command reads, in kubectl's precedence: ``--kubeconfig``; else every pykubectl config named in
    ``KUBECONFIG`` (merged as kubectl merges that list); else ``~/.pykubectl/config``."""
    if explicit:
        return [explicit]
    found = [p for p in (os.environ.get("KUBECONFIG") or "").split(os.pathsep) if p and is_pykubectl_config(p)]
    return list(dict.fromkeys(found)) or [os.path.expanduser(DEFAULT_PATH)]


def path_for(explicit: str | None) -> str:
    """The file kubectl names in its messages and writes new entries to (clientcmd's GetDefaultFilename)."""
    return paths_for(explicit)[0]


def is_pykubectl_config(path: str) -> bool:
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.readline().rstrip("\n") == MARKER
    except OSError:
        return False


def empty() -> dict[str, Any]:
    return {"preferences": {}, "clusters": {}, "users": {}, "contexts": {}, "current-context": "", "extensions": {}}


def load(path: str) -> dict[str, Any]:
    """The file as client-go's Config (maps by name, each entry normalised to its type); an absent or empty file is
    an empty config."""
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return empty()
    import yaml

    from . import errors

    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as e:
        raise errors.ClientError(f'error: error loading config file "{path}": {_go_yaml_text(text, e)}') from None
    if not isinstance(data, dict):
        data = {}
    problem = _decode_problem(data)
    if problem:
        raise errors.ClientError(f'error: error loading config file "{path}": {problem}')
    return from_v1(data)


def _go_yaml_text(text: str, e: Exception) -> str:
    """go-yaml's words for a syntax error, as the manifest reader gives them."""
    from .api import manifests
    from .errors import ClientError

    try:
        for _ in manifests.yaml_documents(text, ""):
            pass
    except ClientError as err:
        return str(err).split("error converting YAML to JSON: ", 1)[-1]
    return manifests._yaml_message(e)


_GO_JSON_TYPES = {bool: "bool", int: "number", float: "number", str: "string", list: "array", dict: "object"}
_TOP_FIELDS = {"clusters": "[]v1.NamedCluster", "users": "[]v1.NamedAuthInfo", "contexts": "[]v1.NamedContext",
               "current-context": "string", "preferences": "v1.Preferences", "kind": "string", "apiVersion": "string"}


def _decode_problem(data: dict[str, Any]) -> str:
    """What client-go's decoder says of a document that is no v1 Config: a field of the wrong JSON type, or another
    kind or version."""
    for field, go_type in _TOP_FIELDS.items():
        v = data.get(field)
        if v is None:
            continue
        want = list if go_type.startswith("[]") else (dict if go_type.startswith("v1.") else str)
        if not isinstance(v, want) or isinstance(v, bool) and want is not bool:
            got = _GO_JSON_TYPES.get(type(v), "object")
            return f"json: cannot unmarshal {got} into Go struct field Config.{field} of type {go_type}"
    kind, version = data.get("kind") or "", data.get("apiVersion") or ""
    if (kind and kind != "Config") or (version and version != "v1"):
        return (f'no kind "{kind or "Config"}" is registered for version "{version}" in scheme '
                '"k8s.io/client-go/tools/clientcmd/api/latest/latest.go:50"')
    return ""


def from_v1(data: dict[str, Any]) -> dict[str, Any]:
    cfg = empty()
    cfg["preferences"] = _normalise(data.get("preferences"), PREFERENCES_FIELDS)
    for section, key, fields in SECTIONS:
        for item in data.get(section) or []:
            if isinstance(item, dict):
                # client-go converts the list into a map: a later entry of the same name replaces an earlier one.
                cfg[section][str(item.get("name") or "")] = _normalise(item.get(key), fields)
    cfg["current-context"] = _str(data.get("current-context"))
    cfg["extensions"] = _extensions(data.get("extensions"))
    return cfg


def _str(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def _extensions(v: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for e in v or []:
        if isinstance(e, dict):
            out[_str(e.get("name"))] = e.get("extension")
    return out


def _normalise(v: Any, fields: tuple[tuple[str, str, bool], ...]) -> dict[str, Any]:
    """One entry with only its type's fields, values as client-go holds them (bytes as canonical base64)."""
    src = v if isinstance(v, dict) else {}
    out: dict[str, Any] = {}
    for name, kind, _ in fields:
        if name not in src or src[name] is None:
            continue
        x = src[name]
        if kind == "str":
            out[name] = _str(x)
        elif kind == "bool":
            out[name] = x is True or (isinstance(x, str) and x == "true")
        elif kind == "bytes":
            out[name] = canonical_base64(_str(x))
        elif kind == "strs":
            out[name] = [_str(a) for a in x] if isinstance(x, list) else []
        elif kind == "strsmap":
            out[name] = {str(k): [_str(a) for a in (vv or [])] for k, vv in x.items()} if isinstance(x, dict) else {}
        elif kind == "ext":
            out[name] = _extensions(x)
        elif kind == "env":
            out[name] = [{"name": _str(e.get("name")), "value": _str(e.get("value"))}
                         for e in x if isinstance(e, dict)] if isinstance(x, list) else []
        elif kind == "auth-provider" and isinstance(x, dict):
            cfgmap = x.get("config")
            out[name] = {"name": _str(x.get("name")),
                         "config": {str(k): _str(vv) for k, vv in cfgmap.items()} if isinstance(cfgmap, dict)
                         else None}
        elif kind == "exec" and isinstance(x, dict):
            ex = _normalise(x, EXEC_FIELDS)
            ex.setdefault("command", "")
            ex.setdefault("args", None)
            ex.setdefault("env", None)
            ex.setdefault("provideClusterInfo", False)
            # client-go's v1 defaulting: plugins of the beta and alpha APIs are interactive if they can be.
            if not ex.get("interactiveMode") and ex.get("apiVersion") in (
                    "client.authentication.k8s.io/v1beta1", "client.authentication.k8s.io/v1alpha1"):
                ex["interactiveMode"] = "IfAvailable"
            out[name] = ex
    for name, kind, omit in fields:
        if not omit and name not in out:
            out[name] = "" if kind == "str" else None
    return out


def canonical_base64(text: str) -> str:
    import base64
    import binascii

    try:
        return base64.b64encode(base64.b64decode(text.encode(), validate=True)).decode()
    except (binascii.Error, ValueError):
        return text


def go_base64_decode(text: str) -> bytes:
    """Go's base64.StdEncoding.DecodeString; ValueError with Go's message on bad input."""
    import base64
    import binascii

    alphabet = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
    stripped = text.replace("\r", "").replace("\n", "")
    for i, ch in enumerate(stripped):
        if ch == "=":
            break
        if ch not in alphabet:
            raise ValueError(f"illegal base64 data at input byte {i}")
    try:
        return base64.b64decode(stripped.encode(), validate=True)
    except (binascii.Error, ValueError):
        body = stripped.rstrip("=")
        raise ValueError(f"illegal base64 data at input byte {len(body) - len(body) % 4}") from None


def _emit(entry: dict[str, Any], fields: tuple[tuple[str, str, bool], ...]) -> dict[str, Any]:
    """An entry in the v1 type's field order, empty optional fields left out (Go's omitempty)."""
    out: dict[str, Any] = {}
    for name, kind, omit in fields:
        v = entry.get(name)
        if kind == "ext":
            if v:
                out[name] = [{"name": n, "extension": v[n]} for n in sorted(v)]
            continue
        if kind == "exec":
            if v is not None:
                out[name] = _emit(v, EXEC_FIELDS)
            continue
        if kind == "auth-provider":
            if v is not None:
                out[name] = {"name": v.get("name", ""), "config": v.get("config")}
            continue
        if omit and not v:
            continue
        if v is None and kind == "str":
            v = ""
        if v is None and kind == "bool":
            v = False
        out[name] = v
    return out


def to_v1(cfg: dict[str, Any]) -> dict[str, Any]:
    """The v1 Config in Go's field order (kubectl's JSON); YAML sorts the keys."""
    out: dict[str, Any] = {"kind": "Config", "apiVersion": "v1",
                           "preferences": _emit(cfg.get("preferences") or {}, PREFERENCES_FIELDS)}
    for section, key, fields in (SECTIONS[0], SECTIONS[1], SECTIONS[2]):
        entries = cfg.get(section) or {}
        out[section] = [{"name": n, key: _emit(entries[n], fields)} for n in sorted(entries)] or None
    out["current-context"] = cfg.get("current-context") or ""
    if cfg.get("extensions"):
        out["extensions"] = [{"name": n, "extension": cfg["extensions"][n]} for n in sorted(cfg["extensions"])]
    return out


def render(cfg: dict[str, Any]) -> str:
    from .printers.output import to_yaml

    return to_yaml(to_v1(cfg))


def _changed(before: dict[str, Any], after: dict[str, Any]) -> bool:
    """What client-go's ModifyConfig compares: current-context, preferences, and each cluster, user and context."""
    a, b = to_v1(before), to_v1(after)  # as written: an empty optional field is no field
    return any(a.get(k) != b.get(k) for k in ("current-context", "preferences", "clusters", "users", "contexts"))


def _relativize(cfg: dict[str, Any], before: dict[str, Any], path: str) -> None:
    """Paths in the entries a command changed are written relative to the file's directory when they need no
    "../" (client-go's RelativizeClusterLocalPaths / RelativizeAuthInfoLocalPaths)."""
    base = os.path.dirname(os.path.abspath(path))
    for section, names, fields in (("clusters", ("certificate-authority",), CLUSTER_FIELDS),
                                   ("users", ("client-certificate", "client-key", "tokenFile"), USER_FIELDS)):
        for n, entry in cfg[section].items():
            if n in before[section] and _emit(before[section][n], fields) == _emit(entry, fields):
                continue
            for f in names:
                p = entry.get(f)
                if not p:
                    continue
                absolute = p if os.path.isabs(p) else os.path.normpath(os.path.join(base, p))
                rel = os.path.relpath(absolute, base)
                entry[f] = absolute if rel == ".." or rel.startswith("../") else rel


def save(path: str, cfg: dict[str, Any], before: dict[str, Any] | None = None, always: bool = False) -> None:
    """Write ``cfg`` to ``path`` as client-go writes it, if it differs from ``before`` (what was read) or ``always``;
    a pykubectl config (or a new file at pykubectl's default place) keeps its first line."""
    if before is not None:
        if not always and not _changed(before, cfg):
            return
        _relativize(cfg, before, path)
    marked = is_pykubectl_config(path) or (not os.path.exists(path)
                                           and os.path.abspath(path) == os.path.expanduser(DEFAULT_PATH))
    d = os.path.dirname(path)
    if d:
        os.makedirs(d, exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write((MARKER + "\n" if marked else "") + render(cfg))
    os.replace(tmp, path)


class Files:
    """The kubeconfig files a command reads, merged as client-go's loading rules merge them (the first file to name
    a cluster, user or context wins; the first non-empty current-context wins), and written back as ModifyConfig
    writes: each changed entry to the file it came from (a new one to the first file), current-context to the first
    file that has one (else the first), a deleted entry removed from its file."""

    def __init__(self, explicit: str | None) -> None:
        self.paths = paths_for(explicit)
        self.loaded = {p: load(p) for p in self.paths}
        self.origin: dict[tuple[str, str], str] = {}
        merged = empty()
        for p in self.paths:
            cfg = self.loaded[p]
            for section, _, _ in SECTIONS:
                for name, entry in cfg[section].items():
                    if name not in merged[section]:
                        # The entry remembers its file, as client-go's LocationOfOrigin (a renamed context is
                        # written back to the file it came from).
                        merged[section][name] = {**entry, ORIGIN: p}
                        self.origin[(section, name)] = p
            if not merged["current-context"]:
                merged["current-context"] = cfg["current-context"]
            if not merged["preferences"]:
                merged["preferences"] = cfg["preferences"]
        self.merged = merged

    @property
    def default(self) -> str:
        return self.paths[0]

    def origin_of(self, section: str, name: str) -> str:
        """The file an entry came from (for paths relative to it)."""
        return self.origin.get((section, name), self.default)

    def save(self, before: dict[str, Any], after: dict[str, Any], always: bool = False) -> None:
        if len(self.paths) == 1:
            save(self.paths[0], after, before, always=always)
            return
        import copy

        files = {p: copy.deepcopy(cfg) for p, cfg in self.loaded.items()}
        touched: set[str] = set()
        if before["current-context"] != after["current-context"]:
            dest = next((p for p in self.paths if files[p]["current-context"] and os.path.exists(p)), None)
            dest = dest or next((p for p in self.paths if os.path.exists(p)), self.paths[-1])
            files[dest]["current-context"] = after["current-context"]
            touched.add(dest)
        if always or _emit(before["preferences"], PREFERENCES_FIELDS) != _emit(after["preferences"],
                                                                               PREFERENCES_FIELDS):
            files[self.default]["preferences"] = after["preferences"]
            touched.add(self.default)
        for section, _, fields in SECTIONS:
            for name, entry in after[section].items():
                old = before[section].get(name)
                if old is not None and _emit(old, fields) == _emit(entry, fields):
                    continue
                dest = entry.get(ORIGIN) or self.default
                files[dest][section][name] = {k: v for k, v in entry.items() if k != ORIGIN}
                touched.add(dest)
            for name in before[section]:
                if name not in after[section]:
                    dest = self.origin_of(section, name)
                    files[dest][section].pop(name, None)
                    touched.add(dest)
        for p in self.paths:
            if p in touched:
                save(p, files[p], self.loaded[p], always=True)


def contexts(cfg: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """name -> context body, sorted by name (kubectl keeps contexts in a map)."""
    return dict(sorted((cfg.get("contexts") or {}).items()))


def context_store(ctx: dict[str, Any]) -> str | None:
    ext = (ctx.get("extensions") or {}).get(EXTENSION)
    if isinstance(ext, dict) and ext.get("store"):
        return str(ext["store"])
    return None


def set_context_store(ctx: dict[str, Any], store: str) -> None:
    ctx["extensions"] = {**(ctx.get("extensions") or {}), EXTENSION: {"store": store}}


class ContextNotFound(Exception):
    pass


def resolve(explicit_path: str | None, context: str | None) -> tuple[str | None, str | None]:
    """(namespace, store) of the context in use: ``--context`` or the current one. Costs one failed open when
    there is no config file."""
    paths = paths_for(explicit_path)
    cfg = load(paths[0]) if len(paths) == 1 else Files(explicit_path).merged
    name = context or cfg.get("current-context") or ""
    if not name:
        return None, None
    ctxs = cfg["contexts"]
    if name not in ctxs:
        if context:
            raise ContextNotFound(name)
        return None, None
    ctx = ctxs[name]
    return (ctx.get("namespace") or None), context_store(ctx)
