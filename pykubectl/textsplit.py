"""Splitting text on a separator that stands outside brackets: a label selector's commas outside ``in (a,b)``, a
kustomize field path's dots outside ``[name=a.b]``."""

from __future__ import annotations


def split_outside(text: str, sep: str, opening: str, closing: str) -> list[str]:
    """``text`` split on each ``sep`` not inside an ``opening``…``closing`` pair (pairs may nest)."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == opening:
            depth += 1
        elif ch == closing:
            depth -= 1
        elif ch == sep and depth == 0:
            out.append(text[start:i])
            start = i + 1
    out.append(text[start:])
    return out
