"""explain --output=plaintext-openapiv2: kubectl's older explain printer over the OpenAPI v2 definitions
(api/openapiv2.py), as kubectl 1.32 prints it from a server's /openapi/v2 (its pkg/explain: the ``KIND:``/``VERSION:``
header, ``RESOURCE:`` or ``FIELD:`` for a field path, descriptions wrapped at 80 columns less the indent, fields
sorted with ``<type>`` and ``-required-``).

The definitions are read as kube-openapi's proto models read them: a ``$ref`` is a reference (its own description,
then the target's), ``type: object`` with properties (or properties alone) a kind, ``type: object`` without them a
map, ``type: array`` an array of its one item, another type a primitive, and no type nor properties an arbitrary
value (typed ``<>``)."""

from __future__ import annotations

import re
from typing import Any, Callable

from .. import errors

_BULLET = re.compile(r"^(\d+\.?|-|\*)\s")
_REF = "#/definitions/"


def wrap_lines(text: str, width: int) -> list[str]:
    """kubectl's explain formatter: words joined up to ``width``, keeping indented (code) lines, empty lines after
    the first, and starting a new line after a word ending in ':' and before a list item."""
    wrapped: list[str] = []
    words: list[str] = []
    last = ""

    def flush() -> None:
        nonlocal words, last
        if words:
            last = ""
            wrapped.append(" ".join(words))
            words = []

    for line in text.split("\n"):
        if line.startswith("    "):
            flush()
            wrapped.append(line)
            continue
        if wrapped and not line.strip():
            flush()
            wrapped.append("")
            continue
        stripped = line.strip()
        if last.endswith(":") or not stripped or _BULLET.match(stripped):
            flush()
        for word in line.split():
            last = word
            if words and len(" ".join(words + [word])) > width:
                flush()
            words.append(word)
    flush()
    return wrapped


class _Out:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, indent: int, text: str) -> None:
        self.parts.append("\n" if text == "" else " " * indent + text + "\n")

    def wrapped(self, indent: int, text: str) -> None:
        for line in wrap_lines(text, 80 - indent):
            self.write(indent, line)


class Models:
    """The definitions by name, and how a schema reads: ``kind`` of it and the schema it stands for."""

    def __init__(self, lookup: Callable[[str], dict | None]):
        self.lookup = lookup

    @staticmethod
    def kind(s: dict) -> str:
        if s.get("$ref"):
            return "reference"
        t = s.get("type")
        if not t:
            return "kind" if "properties" in s else "arbitrary"
        if t == "object":
            return "kind" if "properties" in s else "map"
        if t == "array":
            return "array"
        return "primitive"

    def target(self, s: dict) -> dict:
        ref = str(s["$ref"])
        found = self.lookup(ref[len(_REF):] if ref.startswith(_REF) else ref)
        return found if found is not None else {}

    @staticmethod
    def sub(s: dict) -> dict:
        """The element schema of an array or a map (a map without one holds arbitrary values)."""
        if s.get("type") == "array":
            items = s.get("items")
            return items if isinstance(items, dict) else {}
        ap = s.get("additionalProperties")
        return ap if isinstance(ap, dict) else {}

    def type_name(self, s: dict) -> str:
        k = self.kind(s)
        if k == "reference":
            return self.type_name(self.target(s))
        if k == "array":
            return "[]" + self.type_name(self.sub(s))
        if k == "map":
            return "map[string]" + self.type_name(self.sub(s))
        if k == "kind":
            return "Object"
        if k == "primitive":
            return str(s.get("type"))
        return ""


def render(models: Models, root: dict, path: list[str], gvk: tuple[str, str, str], recursive: bool) -> str:
    """What kubectl prints for the kind ``root`` (group, version, kind ``gvk``) and the field ``path``."""
    schema = _lookup(models, root, list(path))
    out = _Out()
    group, version, kind = gvk
    name = path[-1] if path else ""
    descriptions: list[str] = []
    typ = ""

    def header() -> None:
        out.write(0, f"KIND:     {kind}")
        out.write(0, f"VERSION:  {group + '/' + version if group else version}\n")

    def description(s: dict) -> None:
        out.write(0, "DESCRIPTION:")
        empty = True
        for i, d in enumerate(descriptions + [s.get("description") or ""]):
            if not d:
                continue
            empty = False
            if i:
                out.write(0, "")
            out.wrapped(5, d)
        if empty:
            out.wrapped(5, "<empty>")

    s = schema
    while True:
        k = models.kind(s)
        if k in ("array", "map"):
            descriptions.append(s.get("description") or "")
            typ = typ or models.type_name(s)
            s = models.sub(s)
        elif k == "reference":
            descriptions.append(s.get("description") or "")
            s = models.target(s)
        else:
            break
    header()
    if k == "kind":
        typ = typ or models.type_name(s)
        if name:
            out.write(0, f"RESOURCE: {name} <{typ}>\n")
        description(s)
        out.write(0, "\nFIELDS:")
        if recursive:
            _recursive_fields(models, s, 3, out, set())
        else:
            _fields(models, s, out)
    elif k == "primitive":
        typ = typ or models.type_name(s)
        out.write(0, f"FIELD:    {name} <{typ}>\n")
        description(s)
    else:
        description(s)
    return "".join(out.parts)


def _lookup(models: Models, s: dict, path: list[str]) -> dict:
    """kubectl's field lookup: arrays, maps and references pass through; a primitive ends the walk wherever it is;
    a kind without the field is an error."""
    while True:
        k = models.kind(s)
        if k in ("primitive", "arbitrary"):
            return s
        if not path:
            return s
        if k in ("array", "map"):
            s = models.sub(s)
        elif k == "reference":
            s = models.target(s)
        else:
            props = s.get("properties") or {}
            if path[0] not in props:
                raise errors.ClientError(f'error: field "{path[0]}" does not exist')
            s = props[path[0]]
            path = path[1:]


def _fields(models: Models, s: dict, out: _Out) -> None:
    required = set(s.get("required") or ())
    props = s.get("properties") or {}
    for key in sorted(props):
        v = props[key]
        out.write(3, f"{key}\t<{models.type_name(v)}>{' -required-' if key in required else ''}")
        out.wrapped(5, v.get("description") or "")
        out.write(3, "")


def _recursive_fields(models: Models, s: dict, indent: int, out: _Out, visiting: set[str]) -> None:
    k = models.kind(s)
    if k in ("array", "map"):
        _recursive_fields(models, models.sub(s), indent, out, visiting)
    elif k == "reference":
        ref = str(s["$ref"])
        if ref in visiting:
            return
        visiting.add(ref)
        _recursive_fields(models, models.target(s), indent, out, visiting)
        visiting.discard(ref)
    elif k == "kind":
        props = s.get("properties") or {}
        for key in sorted(props):
            out.write(indent, f"{key}\t<{models.type_name(props[key])}>")
            _recursive_fields(models, props[key], indent + 3, out, visiting)


def split(arg: str, exact: bool) -> tuple[Any, list[str]]:
    """The kind and field path kubectl's explain reads from TYPE[.field…]: the first dotted word names the resource;
    a group qualifies it only when the argument starts with the full ``plural.group`` (otherwise the rest are all
    fields, so ``deploy.apps.spec`` asks for a field "apps"). With --api-version (``exact``) no group is read."""
    from ..api import registry

    parts = arg.split(".")
    try:
        first = registry.resolve(parts[0])
    except errors.ResourceTypeError:
        raise errors.ClientError(f'the server doesn\'t have a resource type "{parts[0]}"') from None
    if not exact:
        for k in [first] + [k for k in registry.all_kinds(custom=True) if k.plural == first.plural and k != first]:
            prefix = f"{k.plural}.{k.group}" if k.group else k.plural
            if arg.startswith(prefix):
                return k, [p for p in arg[len(prefix):].split(".")[1:]]
    return first, parts[1:]


def explain(kind: Any, version: str, path: list[str], recursive: bool, api_version: str) -> str:
    """``kubectl explain … --output=plaintext-openapiv2`` for a resolved kind; ``api_version`` (--api-version) may
    name a version the schemas lack: kubectl's "couldn't find resource" error."""
    from ..api import openapiv2
    from ..api import schema as sch

    group = kind.group
    if api_version:
        group, _, version = api_version.rpartition("/")
    name = sch.definition_name(group, version, kind.kind) if group == kind.group else None
    custom: dict | None = None
    if name is None and group == kind.group and version in kind.versions:
        from ..client import discovery

        custom = discovery.custom_openapi_schema(kind, version)
    if name is None and custom is None:
        raise errors.ClientError(f'error: couldn\'t find resource for "{group}/{version}, Kind={kind.kind}"')
    root = openapiv2.to_v2(custom) if custom is not None else openapiv2.definition(str(name)) or {}
    models = Models(openapiv2.definition)
    return render(models, root, path, (group, version, kind.kind), recursive)
