"""kubectl's ``-o custom-columns=SPEC`` and ``-o custom-columns-file=FILE``."""

from __future__ import annotations

from typing import Any

from pykubectl.errors import ClientError
from pykubectl.printers.jsonpath import JSONPath, go_sprint, relaxed

_FORMAT_HINT = ("Expected format is one line of space separated headers, one line of space separated column "
                "specs.")


def parse_spec(spec: str) -> list[tuple[str, str]]:
    """``NAME:.path,…`` into (header, ``{.path}``) pairs. Commas always split, even inside a path."""
    if not spec:
        raise ClientError("error: custom-columns format specified but no custom columns given")
    cols = []
    for part in spec.split(","):
        header, sep, path = part.partition(":")
        if not sep:
            raise ClientError(f"error: unexpected custom-columns spec: {part}, expected <header>:<json-path-expr>")
        cols.append((header, relaxed(path)))
    return cols


def parse_template_file(text: str) -> list[tuple[str, str]]:
    """A custom-columns file: a line of headers, then a line of paths, both whitespace separated."""
    lines = text.splitlines()
    if not lines:
        raise ClientError(f"error: invalid template, missing header line. {_FORMAT_HINT}")
    headers = lines[0].split()
    if len(lines) < 2:
        raise ClientError(f"error: invalid template, missing spec line. {_FORMAT_HINT}")
    specs = lines[1].split()
    if len(headers) != len(specs):
        raise ClientError(f"error: number of headers ({len(headers)}) and field specifications ({len(specs)}) "
                          "don't match")
    return [(h, relaxed(s)) for h, s in zip(headers, specs)]


def _escape_terminal(s: str) -> str:
    # kubectl neutralises terminal control sequences in cell text (printers.EscapeTerminal).
    return s.replace("\x1b", "^[").replace("\r", "\\r") if ("\x1b" in s or "\r" in s) else s


class ColumnsError(ClientError):
    """A failure while printing rows; ``stdout`` holds the rows kubectl printed before it."""

    def __init__(self, message: str, stdout: str = ""):
        super().__init__(message)
        self.stdout = stdout


def _cell(parser: JSONPath, obj: Any) -> str:
    try:
        results = parser.find_results(obj)
    except ClientError as e:
        raise ClientError(f"error: {e}") from None
    values: list[str] = []
    if not results or not results[0]:
        values.append("<none>")
    for group in results:
        for v in group:
            values.append(_escape_terminal(go_sprint(v)))
    return ",".join(values)


def tabwrite(rows: list[list[str]], padding: int = 3, min_width: int = 6) -> str:
    """Go's tabwriter as kubectl configures it: cells left-aligned, padded to the widest plus 3; the last
    cell of a row is not padded."""
    widths: dict[int, int] = {}
    for row in rows:
        for i, c in enumerate(row[:-1]):
            widths[i] = max(widths.get(i, 0), len(c))
    out = []
    for row in rows:
        line = []
        for i, c in enumerate(row):
            if i < len(row) - 1:
                w = max(widths[i] + padding, min_width)
                line.append(c + " " * (w - len(c)))
            else:
                line.append(c)
        out.append("".join(line) + "\n")
    return "".join(out)


def print_custom_columns(objs: list[dict], spec: str = "", no_headers: bool = False,
                         columns: list[tuple[str, str]] | None = None) -> str:
    """The table kubectl prints for ``objs`` (each item of a list is one row).

    ``columns`` (from ``parse_template_file``) replaces ``spec`` for ``-o custom-columns-file``.
    """
    cols = columns if columns is not None else parse_spec(spec)
    parsers: list[JSONPath] = []
    for _, path in cols:
        try:
            parsers.append(JSONPath(path, allow_missing_keys=True))
        except ClientError as e:
            # kubectl reports the parser's own error here, without the "error parsing jsonpath" prefix.
            raise ClientError("error: " + getattr(e, "reason", str(e))) from None
    rows: list[list[str]] = []
    if not no_headers:
        rows.append([h for h, _ in cols])
    for obj in objs:
        items = obj.get("items") if isinstance(obj, dict) and isinstance(obj.get("items"), list) and \
            str(obj.get("kind", "")).endswith("List") else None
        for o in (items if items is not None else [obj]):
            try:
                rows.append([_cell(p, o) for p in parsers])
            except ClientError as e:
                # The tab writer is flushed on the way out, so the rows before the failure are printed.
                raise ColumnsError(str(e), stdout=tabwrite(rows)) from None
    return tabwrite(rows)
