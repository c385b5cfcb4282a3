"""kubectl's disk discovery cache (cli-runtime's ConfigFlags.ToDiscoveryClient: ~/.kube/cache/discovery, or
--cache-dir, kept 6 hours), for the custom resources: kubectl maps a resource type from what it discovered last and
discovers again only when a type is not in the cache. So a CustomResourceDefinition deleted since still maps, and
the request reaches the server, which answers 404 (recorded: 30-custom-resources step 16).

The cache file is per cluster: the store's URL and, for a SQLite file, its inode (a store made anew at the same
path is another cluster). It holds the custom kinds of the last discovery and when it was made."""

from __future__ import annotations

import hashlib
import json
import os
import time
from typing import Any

TTL_SECONDS = 6 * 3600
_ENV: Any = None


def use(env: Any) -> None:
    """The command that runs now (None once it is over): its store and --cache-dir name the cache file."""
    global _ENV
    _ENV = env


def _path() -> str | None:
    if _ENV is None:
        return None
    url = _ENV.resolved_store_url()
    ident = url
    if "://" not in url:
        try:
            ident = f"{os.path.abspath(url)}#{os.stat(url).st_ino}"
        except OSError:
            return None
    base = getattr(_ENV, "cache_dir", "") or os.path.join(os.path.expanduser("~"), ".kube", "cache")
    return os.path.join(base, "discovery", "pykubectl", hashlib.sha256(ident.encode()).hexdigest()[:24] + ".json")


def record(kinds: list[Any]) -> None:
    """A discovery was made: these are the cluster's custom kinds now."""
    path = _path()
    if path is None:
        return
    body = json.dumps({"written": time.time(), "kinds": [k._asdict() for k in kinds]}, sort_keys=True)
    try:
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                old = json.load(f)
            if old.get("kinds") == json.loads(body)["kinds"] and time.time() - old.get("written", 0) < TTL_SECONDS:
                return  # still fresh and the same: kubectl keeps the cache it has
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = f"{path}.{os.getpid()}.tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(body)
        os.replace(tmp, path)
    except (OSError, ValueError):
        pass  # a cache that cannot be written is no cache, as for kubectl


def lookup(type_str: str) -> Any:
    """The custom kind the cache maps ``type_str`` (plural, singular, short name or kind, optionally .group) to,
    or None."""
    path = _path()
    if path is None:
        return None
    try:
        with open(path, encoding="utf-8") as f:
            cached = json.load(f)
    except (OSError, ValueError):
        return None
    if time.time() - cached.get("written", 0) >= TTL_SECONDS:
        return None
    from ..api.registry import CUSTOM_VERBS, Kind

    resource, _, group = type_str.partition(".")
    for fields in cached.get("kinds") or []:
        try:
            kind = Kind(**{k: tuple(v) if isinstance(v, list) else v for k, v in fields.items()})._replace(
                verbs=CUSTOM_VERBS)  # the registry tells custom kinds by this very tuple
        except TypeError:
            return None
        names = {kind.plural, kind.singular, kind.kind.lower(), *kind.short_names}
        if resource.lower() in names and (not group or group in (kind.group, f"{kind.version}.{kind.group}")):
            return kind
    return None
