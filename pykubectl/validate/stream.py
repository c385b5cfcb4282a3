"""How kubectl's YAML reader splits a stream into documents: shared by the exact loader (``loader``) and the
compiled fast path (``fastload``), which must not import PyYAML (it is loaded only when a file needs the exact
path)."""

from __future__ import annotations


def chunks(text: str) -> list[tuple[int, str]]:
    """``(first line, text)`` for each ``---``-separated chunk, as kubectl's YAML reader splits a stream."""
    if "---" not in text:
        return [(0, text)]
    out: list[tuple[int, str]] = []
    cur: list[str] = []
    start = 0
    for i, line in enumerate(text.splitlines(keepends=True)):
        if line.startswith("---") and line[3:].strip() == "":
            out.append((start, "".join(cur)))
            cur = []
            start = i + 1
        else:
            cur.append(line)
    out.append((start, "".join(cur)))
    return out
