"""What the page needs besides REST: the kinds it may address, an object as kubectl's YAML, and the line of a
YAML text that a validation cause's field path names."""

from __future__ import annotations

import json
import re
from typing import Any

from .. import errors
from ..serve import api as apimod


def kinds() -> list[dict]:
    """The kinds registry as the page uses it to build REST paths for pasted manifests (what discovery says)."""
    from ..api import registry

    return [{"group": k.group, "version": k.version, "kind": k.kind, "plural": k.plural, "namespaced": k.namespaced,
             "apiVersions": list(k.api_versions()), "shortNames": list(k.short_names)} for k in registry.all_kinds()]


def node_usage(api: Any) -> dict[str, tuple[int, int, int]]:
    """What the scheduler counts as requested on each node: (CPU millicores, memory bytes, pods)."""
    with api.store.read() as tx:
        return tx.node_usage()


def yaml_of(api: Any, path: str, headers: Any) -> apimod.Response:
    """GET ``path`` through the REST handler and answer the object as ``kubectl get -o yaml`` prints it, or the
    server's Status when the read fails."""
    from ..printers.output import to_yaml

    if not path.startswith(("/api/", "/apis/")):
        return apimod._not_found_path()
    resp = api.handle(apimod.Request("GET", path, {"Accept": apimod.JSON}, b""))
    if resp.code != 200:
        return resp
    return apimod.Response(200, to_yaml(json.loads(resp.body)).encode(), "text/plain; charset=utf-8")


_SEGMENT = re.compile(r"([^.\[\]]+)|\[([^\]]*)\]")


def field_segments(field: str) -> list[str | int]:
    """``spec.template.spec.containers[0].image`` -> ["spec", "template", "spec", "containers", 0, "image"];
    a bracketed key that is not a number (``metadata.labels[app.kubernetes.io/name]``) stays a key."""
    out: list[str | int] = []
    for name, index in _SEGMENT.findall(field):
        if name:
            out.append(name)
        elif index.isdigit():
            out.append(int(index))
        else:
            out.append(index)
    return out


def locate(req: Any) -> dict:
    """{"yaml": text, "document": n, "fields": [path…]} -> {"lines": [line or null…]}: for each field path of a
    Status's causes, the 1-based line of the deepest node of document n that the path reaches."""
    import yaml

    if not isinstance(req, dict) or not isinstance(req.get("yaml"), str):
        raise errors.BadRequest("locate needs a yaml text and field paths")
    try:
        docs = [d for d in yaml.compose_all(req["yaml"]) if d is not None]
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        return {"lines": [], "syntax": {"line": mark.line + 1 if mark else None, "message": str(e)}}
    n = req.get("document") or 0
    root = docs[n] if isinstance(n, int) and 0 <= n < len(docs) else None
    lines: list[int | None] = []
    for field in req.get("fields") or []:
        node = root
        found = None if root is None else root.start_mark.line + 1
        for seg in field_segments(str(field)):
            step = _child(node, seg)
            if step is None:
                break
            line, node = step
            found = line
        lines.append(found)
    return {"lines": lines}


def _child(node: Any, seg: str | int) -> tuple[int, Any] | None:
    """The line that names ``seg`` under ``node`` (a mapping's key, a sequence's item) and the node below it."""
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if str(key.value) == str(seg):
                return key.start_mark.line + 1, value
        return None
    if isinstance(node, yaml.SequenceNode) and isinstance(seg, int) and seg < len(node.value):
        item = node.value[seg]
        return item.start_mark.line + 1, item
    return None
