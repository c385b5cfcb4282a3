"""`config set` and `config unset`: a dotted PROPERTY_NAME walked through client-go's Config type as kubectl walks
it (pkg/cmd/config/navigation_step_parser.go and set.go, read as facts), over pykubectl's kubeconfig model.

A name is split at the dots; under a map (clusters, users, contexts) the key runs up to the next word that names a
field of the entry's type, so keys may hold dots (``clusters.my.cluster.server``). Errors carry kubectl's texts,
which print Go's type names.
"""

from __future__ import annotations

from typing import Any

from .. import errors, kubeconfig

# Go types as kubectl's reflection sees them: ("struct", name, fields) | ("map", name, value type) | (kind, name).
_STR = ("string", "string")
_BOOL = ("bool", "bool")
_BYTES = ("bytes", "[]uint8")
_OBJECT_MAP = ("objmap", "map[string]runtime.Object")


def _struct(name: str, fields: list[tuple[str, Any]]) -> tuple[str, str, list[tuple[str, Any]]]:
    return ("struct", name, fields)


_CLUSTER = _struct("api.Cluster", [
    ("-", _STR), ("server", _STR), ("tls-server-name", _STR), ("insecure-skip-tls-verify", _BOOL),
    ("certificate-authority", _STR), ("certificate-authority-data", _BYTES), ("proxy-url", _STR),
    ("disable-compression", _BOOL), ("extensions", _OBJECT_MAP)])
_AUTH_INFO = _struct("api.AuthInfo", [
    ("-", _STR), ("client-certificate", _STR), ("client-certificate-data", _BYTES), ("client-key", _STR),
    ("client-key-data", _BYTES), ("token", _STR), ("tokenFile", _STR), ("act-as", _STR), ("act-as-uid", _STR),
    ("act-as-groups", ("strings", "[]string")), ("act-as-user-extra", ("strmap", "map[string][]string")),
    ("username", _STR), ("password", _STR), ("auth-provider", ("ptr", "*api.AuthProviderConfig")),
    ("exec", ("ptr", "*api.ExecConfig")), ("extensions", _OBJECT_MAP)])
_CONTEXT = _struct("api.Context", [("-", _STR), ("cluster", _STR), ("user", _STR), ("namespace", _STR),
                                   ("extensions", _OBJECT_MAP)])
_PREFERENCES = _struct("api.Preferences", [("colors", _BOOL), ("extensions", _OBJECT_MAP)])
_CONFIG = _struct("api.Config", [
    ("kind", _STR), ("apiVersion", _STR), ("preferences", _PREFERENCES),
    ("clusters", ("map", "map[string]*api.Cluster", _CLUSTER)), ("users", ("map", "map[string]*api.AuthInfo",
                                                                          _AUTH_INFO)),
    ("contexts", ("map", "map[string]*api.Context", _CONTEXT)), ("current-context", _STR),
    ("extensions", _OBJECT_MAP)])
# pykubectl's model keeps users' fields under their v1 names.
_V1_NAME = {v: k for k, v in kubeconfig.INTERNAL_USER_NAMES.items()}


def _fail(text: str) -> errors.ClientError:
    return errors.ClientError("error: " + text)


def _steps(path: str) -> list[tuple[str, Any]]:
    """newNavigationSteps: (step text, Go type) for each step of ``path``."""
    parts = path.split(".")
    steps: list[tuple[str, Any]] = []
    typ: Any = _CONFIG
    i = 0
    while i < len(parts):
        if typ[0] == "map":
            value = typ[2]
            names = {f for f, _ in value[2]}
            rest = parts[i:]
            n = next((k + 1 for k, p in enumerate(rest[1:]) if p in names), len(rest))
            step = ".".join(rest[:n])
            steps.append((step, value))
            i += n
            typ = value
        elif typ[0] == "struct":
            fields = dict(typ[2])
            if parts[i] not in fields:
                shown = "[" + " ".join("{" + s + " " + t[1] + "}" for s, t in steps) + "]"
                raise _fail(f"unable to parse {path} after {shown} at {typ[1]}")
            steps.append((parts[i], fields[parts[i]]))
            typ = fields[parts[i]]
            i += 1
        elif typ[0] == "strmap":
            raise _fail("string is not of type struct")
        else:
            raise _fail(f"unable to parse one or more field values of {path}")
    return steps


def _go_map(d: dict[str, Any]) -> str:
    """Go's %v of a map of pointers: the keys sorted, each with an address."""
    return "map[" + " ".join(f"{k}:0xc{0x000100000 + 0x50 * i:09x}" for i, k in enumerate(sorted(d))) + "]"


def _to_bool(text: str) -> bool:
    from .pflag import BOOL_FALSE, BOOL_TRUE

    if not text:
        return False
    if text in BOOL_TRUE:
        return True
    if text in BOOL_FALSE:
        return False
    raise _fail(f'strconv.ParseBool: parsing "{text}": invalid syntax')


def modify(cfg: dict[str, Any], path: str, value: str, unset: bool, raw_bytes: bool) -> bool:
    """Set (or unset) the field ``path`` names in ``cfg`` (pykubectl's kubeconfig model), as kubectl's
    modifyConfig does; raises kubectl's errors. True when kubectl writes the file whatever the values: an unset map
    or struct field becomes nil where the loaded one was an empty map, which client-go's ModifyConfig sees as a
    change."""
    steps = _steps(path)
    return _modify_struct(cfg, _CONFIG, steps, 0, value, unset, raw_bytes)


def _modify_struct(obj: dict[str, Any], typ: Any, steps: list[tuple[str, Any]], i: int, value: str, unset: bool,
                   raw: bool) -> bool:
    if i >= len(steps):
        raise _fail(f'unable to locate path config.navigationStep{{stepValue:"", stepType:reflect.Type(nil)}} '
                    f"under {{}}")
    name, ftype = steps[i]
    key = _V1_NAME.get(name, name) if typ is _AUTH_INFO else name
    more = i + 1 < len(steps)
    kind = ftype[0]
    if kind in ("map", "objmap", "strmap"):
        if obj.get(key) is None:
            obj[key] = {}
            if not more and unset:
                return False
        if not more and unset:
            obj[key] = {}
            return True
        if kind != "map":
            raise _fail(f"unable to parse one or more field values of {'.'.join(s for s, _ in steps)}")
        return _modify_map(obj[key], ftype, steps, i + 1, value, unset, raw)
    if not more and unset:
        if kind == "struct":
            obj[key] = {}
            return True
        if key in ("current-context", "kind", "apiVersion"):
            obj[key] = ""
        else:
            obj.pop(key, None)
        return False
    if kind == "struct":
        obj.setdefault(key, {})
        return _modify_struct(obj[key], ftype, steps, i + 1, value, unset, raw)
    elif kind == "string":
        obj[key] = value
    elif kind == "bool":
        obj[key] = _to_bool(value)
    elif kind == "bytes":
        import base64

        if raw:
            obj[key] = base64.b64encode(value.encode()).decode()
        else:
            try:
                obj[key] = base64.b64encode(kubeconfig.go_base64_decode(value)).decode()
            except ValueError as e:
                raise _fail(f"error decoding input value: {e}") from None
    elif kind == "strings":
        raise _fail("unrecognized slice type. string")
    else:
        raise _fail(f"unrecognized type: {ftype[1]}")
    return False


def _modify_map(m: dict[str, Any], typ: Any, steps: list[tuple[str, Any]], i: int, value: str, unset: bool,
                raw: bool) -> bool:
    more = i + 1 < len(steps)
    if not more and not unset:
        raise _fail(f"can't set a map to a value: {_go_map(m)}")
    key = steps[i][0] if i < len(steps) else ""
    if not more and unset:
        m.pop(key, None)
        return False
    if key not in m:
        if unset:
            raise _fail(f"current map key `{key}` is invalid")
        m[key] = {"server": ""} if typ[2] is _CLUSTER else ({"cluster": "", "user": ""} if typ[2] is _CONTEXT else {})
    return _modify_struct(m[key], typ[2], steps, i + 1, value, unset, raw)
