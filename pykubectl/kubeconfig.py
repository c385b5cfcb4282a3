"""kubeconfig: the pykubectl config file (kubeconfig-shaped) whose contexts name a store and a default namespace.

Where it is read from, as kubectl's loading rules but never touching a real cluster's kubeconfig:
``--kubeconfig PATH``; else the first path in ``KUBECONFIG`` that is a pykubectl config (a file whose first line is
``# pykubectl config``); else ``~/.pykubectl/config``. A context's store is kept in a context extension named
``pykubectl`` (``extension: {store: URL}``), so real kubectl can read the file too.
"""

from __future__ import annotations

import os
from typing import Any

MARKER = "# pykubectl config"
DEFAULT_PATH = "~/.pykubectl/config"
EXTENSION = "pykubectl"


def path_for(explicit: str | None) -> str:
    if explicit:
        return explicit
    for p in (os.environ.get("KUBECONFIG") or "").split(os.pathsep):
        if p and is_pykubectl_config(p):
            return p
    return os.path.expanduser(DEFAULT_PATH)


def is_pykubectl_config(path: str) -> bool:
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.readline().rstrip("\n") == MARKER
    except OSError:
        return False


def load(path: str) -> dict[str, Any]:
    """The file as a dict; an absent file is an empty config."""
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except FileNotFoundError:
        return {}
    import yaml

    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as e:
        from . import errors

        raise errors.ClientError(f'error: error loading config file "{path}": {e}') from None
    return data if isinstance(data, dict) else {}


def save(path: str, cfg: dict[str, Any]) -> None:
    import yaml

    d = os.path.dirname(path)
    if d:
        os.makedirs(d, exist_ok=True)
    body = {"apiVersion": "v1", "kind": "Config", **{k: v for k, v in cfg.items() if k not in ("apiVersion", "kind")}}
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(MARKER + "\n" + yaml.safe_dump(body, default_flow_style=False, sort_keys=True))
    os.replace(tmp, path)


def contexts(cfg: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """name -> context body, sorted by name (kubectl keeps contexts in a map)."""
    out: dict[str, dict[str, Any]] = {}
    for c in cfg.get("contexts") or []:
        if isinstance(c, dict) and c.get("name") is not None:
            out[str(c["name"])] = dict(c.get("context") or {})
    return dict(sorted(out.items()))


def set_contexts(cfg: dict[str, Any], ctxs: dict[str, dict[str, Any]]) -> None:
    cfg["contexts"] = [{"name": n, "context": c} for n, c in sorted(ctxs.items())] or None


def context_store(ctx: dict[str, Any]) -> str | None:
    for e in ctx.get("extensions") or []:
        if isinstance(e, dict) and e.get("name") == EXTENSION:
            store = (e.get("extension") or {}).get("store")
            return str(store) if store else None
    return None


def set_context_store(ctx: dict[str, Any], store: str) -> None:
    exts = [e for e in ctx.get("extensions") or [] if not (isinstance(e, dict) and e.get("name") == EXTENSION)]
    exts.append({"name": EXTENSION, "extension": {"store": store}})
    ctx["extensions"] = exts


class ContextNotFound(Exception):
    pass


def resolve(explicit_path: str | None, context: str | None) -> tuple[str | None, str | None]:
    """(namespace, store) of the context in use: ``--context`` or the current one. Costs one failed open when
    there is no config file."""
    cfg = load(path_for(explicit_path))
    name = context or cfg.get("current-context") or ""
    if not name:
        return None, None
    ctxs = contexts(cfg)
    if name not in ctxs:
        if context:
            raise ContextNotFound(name)
        return None, None
    ctx = ctxs[name]
    return (ctx.get("namespace") or None), context_store(ctx)
