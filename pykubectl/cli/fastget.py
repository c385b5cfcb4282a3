"""The fast path of the commonest reading command: ``get TYPE[,TYPE] [NAME…]`` with the everyday flags runs
without importing click (≈ 50 ms of a ≈ 90 ms command: see bench/README.md).

It accepts only a fixed set of flags, each with a value kubectl would accept; anything else (help, a flag it does
not know, a malformed value) returns None and the command goes through click as usual, so errors and help always
come from one place. Both paths call ``get_core.run_get``.
"""

from __future__ import annotations

from typing import Any

_BOOL = {"-A": "all_namespaces", "--all-namespaces": "all_namespaces", "--no-headers": "no_headers",
         "--show-labels": "show_labels", "--show-kind": "show_kind", "--ignore-not-found": "ignore_not_found"}
_VALUE = {"-o": "output", "--output": "output", "-l": "selector", "--selector": "selector",
          "--field-selector": "field_selector"}
_OUTPUTS = ("wide", "yaml", "json", "name")


def parse(args: list[str]) -> dict[str, Any] | None:
    """Keyword arguments for run_get, or None when this is not a plain get (global flags already removed)."""
    if not args or args[0] != "get":
        return None
    kw: dict[str, Any] = {}
    names: list[str] = []
    i = 1
    while i < len(args):
        a = args[i]
        if not a.startswith("-") or a == "-":
            if a == "-":
                return None
            names.append(a)
            i += 1
            continue
        if a in _BOOL:
            kw[_BOOL[a]] = True
            i += 1
            continue
        name, value = a, None
        if a.startswith("--") and "=" in a:
            name, value = a.split("=", 1)
        elif len(a) > 2 and a[:2] in ("-o", "-l") and not a.startswith("--"):
            name, value = a[:2], a[2:].removeprefix("=")
        if name not in _VALUE:
            return None
        if value is None:
            if i + 1 >= len(args):
                return None
            value = args[i + 1]
            i += 1
        i += 1
        if _VALUE[name] in kw or (name in ("-o", "--output") and value not in _OUTPUTS):
            return None
        kw[_VALUE[name]] = value
    if not names:
        return None
    return {"args": tuple(names), "output": kw.get("output"), "all_namespaces": kw.get("all_namespaces", False),
            "selector": kw.get("selector"), "field_selector": kw.get("field_selector"),
            "show_labels": kw.get("show_labels", False), "show_kind": kw.get("show_kind", False),
            "no_headers": kw.get("no_headers", False), "label_columns": (),
            "ignore_not_found": kw.get("ignore_not_found", False), "sort_by": None, "watch": False, "chunk_size": 500,
            "files": (), "recursive": False, "allow_missing_template_keys": True, "template_flag": "",
            "watch_only": False, "output_watch_events": False, "show_managed_fields": False, "server_print": True}
