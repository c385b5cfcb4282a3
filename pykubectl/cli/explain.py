"""explain: document a resource type or one of its fields from the OpenAPI v3 schemas in schemas/.

Renders kubectl 1.32's plaintext layout (its explain v2 template): the GROUP/KIND/VERSION header, ``FIELD:`` for a
field path, ``DESCRIPTION:`` wrapped at 76 columns, and ``FIELDS:`` with ``name<TAB><type>`` and ``-required-``.
Checked byte for byte against real kubectl 1.32 run against tools/fake_apiserver.py (tests/golden/explain.txt).
"""

from __future__ import annotations

from typing import Any

import click

from .. import errors
from . import common

CTX = {"help_option_names": ["-h", "--help"]}


class _FieldMissing(Exception):
    pass


def _resolve(schema: dict) -> dict | None:
    from ..api import schema as sch

    ref = schema.get("$ref")
    if not isinstance(ref, str):
        return None
    try:
        return sch.documented_definition(sch.resolve_ref(ref))
    except KeyError:
        return None


def _is_map(s: dict) -> bool:
    return isinstance(s.get("additionalProperties"), dict)


def wrap(text: str, limit: int) -> str:
    """Word wrapping as kubectl's explain does it (go-wordwrap's WrapString): break at whitespace so lines stay
    within ``limit``, never break a word, keep explicit newlines."""
    out: list[str] = []
    current = 0
    word: list[str] = []
    space: list[str] = []
    for ch in text:
        if ch == "\n":
            if not word:
                if current + len(space) > limit:
                    current = 0
                else:
                    out.extend(space)
                space = []
            else:
                out.extend(space)
                out.extend(word)
                space, word = [], []
            out.append(ch)
            current = 0
        elif ch.isspace() and ch != "\u00a0":
            if not space or word:
                current += len(space) + len(word)
                out.extend(space)
                out.extend(word)
                space, word = [], []
            space.append(ch)
        else:
            word.append(ch)
            if current + len(space) + len(word) > limit and len(word) < limit:
                out.append("\n")
                current = 0
                space = []
    if not word:
        if current + len(space) <= limit:
            out.extend(space)
    else:
        out.extend(space)
        out.extend(word)
    return "".join(out)


def indent(n: int, s: str) -> str:
    pad = " " * n
    return pad + s.replace("\n", "\n" + pad)


def type_guess(s: dict) -> str:
    if s.get("items"):
        return "[]" + type_guess(s["items"])
    if _is_map(s):
        return "map[string]" + type_guess(s["additionalProperties"])
    if s.get("allOf") and not s.get("properties") and len(s["allOf"]) == 1:
        return type_guess(s["allOf"][0])
    if s.get("$ref"):
        ref = s["$ref"]
        target = _resolve(s)
        if not target or not target.get("type") or target.get("type") == "object":
            return ref.split("/")[-1].split(".")[-1] or "Object"
        return target["type"]
    t = s.get("type")
    if t == "object":
        return "Object"
    return t or "Object"


def _enum_value(v: Any) -> str:
    if v == "":
        return '""'
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def extract_enum(s: dict, long_view: bool, limit: int, indent_amount: int = 0) -> str:
    values = s.get("enum")
    if not values:
        return ""
    out = "ENUM:" if long_view else "\n" + " " * indent_amount + "enum: "
    for i, v in enumerate(values):
        if limit > -1 and i >= limit:
            out += ", ...."
            break
        if i > 0 and not long_view:
            out += ", "
        elif long_view:
            out += "\n    "
        out += _enum_value(v)
    return out


def description(s: dict) -> str:
    r = _resolve(s) or s
    out = ""
    if r.get("description"):
        out += r["description"] + "\n"
    for sub in r.get("allOf") or []:
        out += description(sub)
    if r.get("items"):
        out += description(r["items"])
    if _is_map(r):
        out += description(r["additionalProperties"])
    return out


def external_docs(s: dict) -> str:
    docs = s.get("externalDocs")
    if not docs:
        return ""
    out = "EXTERNAL DOCS:\n"
    if docs.get("description"):
        out += indent(4, wrap(docs["description"], 76)) + "\n"
    if docs.get("url"):
        out += indent(4, "URL: " + docs["url"]) + "\n"
    return out


def field_detail(name: str, parent: dict, short: bool, level: int) -> str:
    amount = level * 2
    fs = parent["properties"][name]
    out = indent(amount, name) + "\t<" + type_guess(fs) + ">"
    if name in (parent.get("required") or []):
        out += " -required-"
    out += extract_enum(fs, False, 4, amount) + "\n"
    if not short:
        out += indent(amount + 2, wrap(fs.get("description") or "<no description>", 78 - amount)) + "\n"
        docs = fs.get("externalDocs")
        if docs:
            out += "\n" + indent(amount + 2, "EXTERNAL DOCS:") + "\n"
            if docs.get("description"):
                out += indent(amount + 4, wrap(docs["description"], 76 - amount)) + "\n"
            if docs.get("url"):
                out += indent(amount + 4, "URL: " + docs["url"]) + "\n"
        out += "\n"
    return out


def field_list(s: dict, level: int, history: frozenset[str], recursive: bool) -> str:
    ref = s.get("$ref") or ""
    if ref and ref in history:
        return ""
    history = history | {ref}
    r = _resolve(s) or s
    out = ""
    props = r.get("properties") or {}
    for k in sorted(props):
        out += field_detail(k, r, recursive, level)
        if recursive:
            out += field_list(props[k], level + 1, history, recursive)
    for sub in r.get("allOf") or []:
        out += field_list(sub, level, history, recursive)
    if r.get("items"):
        out += field_list(r["items"], level, history, recursive)
    if _is_map(r):
        out += field_list(r["additionalProperties"], level, history, recursive)
    return out


def output(s: dict, path: list[str], history: frozenset[str], recursive: bool) -> str:
    ref = s.get("$ref") or ""
    next_history = history | {ref}
    r = _resolve(s) or s
    if not path:
        out = "DESCRIPTION:\n" + indent(4, wrap(description(r) or "<empty>", 76)) + "\n"
        docs = external_docs(r)
        if docs:
            out += "\n" + docs
        fields = field_list(r, 1, frozenset(), recursive)
        if fields:
            out += "FIELDS:\n" + fields
        return out
    if ref and ref in history:
        return ""
    props = r.get("properties") or {}
    if path[0] in props:
        sub = props[path[0]]
        out = ""
        if len(path) == 1:
            out += f"FIELD: {path[0]} <{type_guess(sub)}>\n" + extract_enum(sub, True, -1) + "\n" + "\n"
        return out + output(sub, path[1:], frozenset(), recursive)
    if r.get("items"):
        return output(r["items"], path, next_history, recursive)
    if _is_map(r):
        return output(r["additionalProperties"], path, next_history, recursive)
    for sub in r.get("allOf") or []:
        got = output(sub, path, next_history, recursive)
        if got:
            return got
    return ""


def explain(kind: Any, version: str, path: list[str], recursive: bool) -> str:
    from ..api import schema as sch

    name = sch.definition_name(kind.group, version, kind.kind)
    gvr = f"{kind.group}/{version}, Resource={kind.plural}"
    if name is None:
        from ..client import discovery

        root = discovery.custom_openapi_schema(kind, version)
        if root is None:
            raise errors.ClientError(f"error: GVR ({gvr}) not found in OpenAPI schema")
    else:
        root = sch.documented_definition(name)
    head = (f"GROUP:      {kind.group}\n" if kind.group else "") + f"KIND:       {kind.kind}\nVERSION:    {version}\n\n"
    body = output(root, path, frozenset(), recursive)
    if not body:
        raise _FieldMissing(head, f'error: field "{path[-1]}" does not exist')
    return head + body + "\n"


@click.command("explain", context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("--recursive", is_flag=True, help="When true, print the name of all the fields recursively. Otherwise, print the available fields with their description.")
@click.option("--api-version", default="", help="Use given api-version (group/version) of the resource.")
@click.option("-o", "--output", "output_fmt", default="plaintext", help="Format in which to render the schema. Valid values are: (plaintext, plaintext-openapiv2).")
def explain_cmd(args: tuple[str, ...], recursive: bool, api_version: str, output_fmt: str) -> None:
    """Describe fields and structure of various resources.

    This command describes the fields associated with each supported API resource. Fields are identified via a
    simple JSONPath identifier:

    \b
            <type>.<fieldName>[.<fieldName>]

    Information about each field is retrieved from the server in OpenAPI format.

    Use "pykubectl api-resources" for a complete list of supported resources.

    \b
    Examples:
      # Get the documentation of the resource and its fields
      pykubectl explain pods
    \b
      # Get all the fields in the resource
      pykubectl explain pods --recursive
    \b
      # Get the explanation for deployment in supported api versions
      pykubectl explain deployments --api-version=apps/v1
    \b
      # Get the documentation of a specific field of a resource
      pykubectl explain pods.spec.containers
    """
    from ..api import registry

    env = common.env_of()
    if not args:
        raise errors.UsageError('error: You must specify the type of resource to explain. Use "kubectl '
                                'api-resources" for a complete list of supported resources.')
    if len(args) > 1:
        raise errors.UsageError("error: We accept only this format: explain RESOURCE")
    if output_fmt not in ("plaintext", "plaintext-openapiv2"):
        raise errors.ClientError(f"error: unrecognized format: {output_fmt}")
    if output_fmt == "plaintext-openapiv2":
        from . import explain_v2

        kind, path = explain_v2.split(args[0], bool(api_version))
        env.stdout.write(explain_v2.explain(kind, kind.version, path, recursive, api_version))
        return
    from .explain_v2 import split

    kind, path = split(args[0], bool(api_version))
    version = kind.version
    if api_version:
        group, _, ver = api_version.rpartition("/")
        if group != kind.group:
            raise errors.ClientError(f"error: GVR ({group}/{ver}, Resource={kind.plural}) not found in OpenAPI schema")
        if ver not in kind.versions:
            raise errors.ClientError(f'error: couldn\'t find resource for "{group}/{ver}, Resource={kind.plural}"')
        version = ver
    try:
        text = explain(kind, version, path, recursive)
    except _FieldMissing as e:
        env.stdout.write(e.args[0])
        raise errors.ClientError(e.args[1]) from None
    env.stdout.write(text)


COMMANDS = {"explain": explain_cmd}
