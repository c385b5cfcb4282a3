"""events: the events of a namespace (or all), oldest first, optionally only those of one object (--for) or of some
types (--types), as kubectl's events command lists them (kubectl/pkg/cmd/events, v1.32).

The table is kubectl's own event printer, not `get events`' columns: LAST SEEN (with `(xN over AGE)` for repeated
events), TYPE, REASON, OBJECT as `Kind/name`, MESSAGE; -A puts NAMESPACE first."""

from __future__ import annotations

from typing import Any

import click

from .. import errors
from . import common

CTX = {"help_option_names": ["-h", "--help"]}


@click.command("events", context_settings=CTX)
@click.option("-A", "--all-namespaces", is_flag=True, help="If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.")
@click.option("--allow-missing-template-keys", type=click.BOOL, default=True, is_flag=False, flag_value=True, help="If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.")
@click.option("--chunk-size", type=int, default=500, help="Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.")
@click.option("--for", "for_", default="", help="Filter events to only those pertaining to the specified resource.")
@click.option("--no-headers", is_flag=True, help="When using the default output format, don't print headers.")
@click.option("-o", "--output", default=None, help="Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).")
@click.option("--show-managed-fields", is_flag=True, help="If true, keep the managedFields when printing objects in JSON or YAML format.")
@click.option("--template", "template_flag", default="", help="Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].")
@click.option("--types", multiple=True, help="Output only events of given types.")
@click.option("-w", "--watch", is_flag=True, help="After listing the requested events, watch for more events.")
@click.argument("ignored_args", nargs=-1)
def events_cmd(all_namespaces: bool, ignored_args: tuple[str, ...] = (), *, allow_missing_template_keys: bool, chunk_size: int, for_: str, no_headers: bool,
               output: str | None, show_managed_fields: bool, template_flag: str, types: tuple[str, ...],
               watch: bool = False) -> None:
    """Display events.

    Prints a table of the most important information about events. You can request events for a namespace, for
    all namespace, or filtered to only those pertaining to a specified resource.

    \b
    Examples:
      # List recent events in the default namespace
      pykubectl events
    \b
      # List recent events in all namespaces
      pykubectl events --all-namespaces
    \b
      # List recent events for the specified pod, then wait for more events and list them as they arrive
      pykubectl events --for pod/web-pod-13je7
    \b
      # List recent events in YAML format
      pykubectl events -oyaml
    \b
      # List recent only events of type 'Warning' or 'Normal'
      pykubectl events --types=Warning,Normal
    """
    env = common.env_of()
    wanted = [t for ts in types for t in ts.split(",") if t]
    for t in wanted:
        if t.lower() not in ("normal", "warning"):
            raise errors.ClientError("error: valid --types are Normal or Warning")
    if output:
        _check_format(output)
    involved = _for(for_) if for_ else None
    ns = None if all_namespaces else common.namespace(env)
    store = common.open_store(env)
    with store.read() as tx:
        events = tx.list_events(ns)
    if involved is not None:
        events = [e for e in events if _involves(e, *involved)]
    if wanted:
        events = [e for e in events if str(e.get("type", "")).lower() in {t.lower() for t in wanted}]
    if watch:
        if output and "=" not in output and template_flag:
            output = f"{output}={template_flag}"
        env.stdout.write(_watched(env, events, output, all_namespaces, no_headers))
        return
    # kubectl sorts the list by each event's last time with sort.Sort, which is not stable: events of the same
    # instant end in the order Go's algorithm leaves them (printers/gosort.py).
    from ..printers.gosort import go_sorted

    times = [_instant(_last_time(e)) for e in events]
    events = [events[i] for i in go_sorted(list(range(len(events))), lambda i, j: times[i] < times[j])]
    if not events:  # kubectl says so whatever the output format
        common.err(env, "No events found." if all_namespaces else f"No events found in {ns} namespace.")
        return
    if output:
        if "=" not in output and template_flag:
            output = f"{output}={template_flag}"
        env.stdout.write(_render(env, events, output))
        return
    env.stdout.write(_table(events, env.now(), all_namespaces, no_headers))


_FORMATS = ("json", "yaml", "name", "jsonpath", "jsonpath-as-json", "jsonpath-file", "go-template", "go-template-file",
            "template", "templatefile")


def _check_format(output: str) -> None:
    """kubectl events makes its printer before it lists anything: an unknown format fails first."""
    if output.partition("=")[0] not in _FORMATS:
        raise errors.ClientError(
            f'error: unable to match a printer suitable for the output format "{output}", allowed formats are: '
            "go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,"
            "yaml")


def _render(env: Any, events: list[dict], output: str) -> str:
    """kubectl events prints a typed v1 EventList: kind EventList, empty metadata, each Event in Go's field order
    (-o json); the name printer prints nothing for it (observed with real kubectl 1.32)."""
    from ..printers import output as out
    from ..serve.goorder import ordered

    fmt = output.partition("=")[0]
    if fmt == "name":
        return ""
    event_list = {"kind": "EventList", "apiVersion": "v1", "metadata": {}, "items": [ordered(e) for e in events]}
    if fmt == "json":
        return out.to_json(event_list, keep_order=True)
    if fmt == "yaml":
        return out.to_yaml(event_list)
    return common.render_data(env, event_list, output)


def _watched(env: Any, events: list[dict], output: str | None, all_namespaces: bool, no_headers: bool) -> str:
    """events --watch: a watch from now, whose first events are the ones that exist (in the API server's list
    order, by namespace and name; unsorted by time, and no "No events found"), each printed as it comes: the
    table's headers once, columns that only widen (real kubectl 1.32 through serve), -o formats one Event at a
    time. The cluster is at rest after them, so the command ends there (as get --watch does here)."""
    from ..serve.goorder import ordered

    events = sorted(events, key=lambda e: (e["metadata"].get("namespace", ""), e["metadata"]["name"]))
    if not output:
        rows = _rows(events, env.now(), all_namespaces, no_headers)
        return _remembered_widths_table(rows, 1 if no_headers else 2) if events else ""
    out: list[str] = []
    for i, e in enumerate(events):
        fmt = output.partition("=")[0]
        if fmt == "name":
            out.append(f"event/{e['metadata']['name']}\n")
        elif fmt == "json":
            from ..printers import output as printed

            out.append(printed.to_json(ordered(e), keep_order=True))
        else:
            text = common.render_objects(env, [ordered(e)], output, single=True)
            out.append(("---\n" + text) if fmt == "yaml" and i > 0 else text)
    return "".join(out)


def _for(text: str) -> tuple[str, str, str]:
    """--for TYPE/NAME: (apiVersion, kind, name) of the involved object."""
    from ..api import registry

    t, sep, name = text.partition("/")
    if not sep or not t or not name:
        raise errors.ClientError("error: --for must be in resource/name form")
    kind = registry.resolve(t)
    return kind.api_version, kind.kind, name


def _involves(e: dict, api_version: str, kind: str, name: str) -> bool:
    inv = e.get("involvedObject") or {}
    return inv.get("kind") == kind and inv.get("name") == name and inv.get("apiVersion", api_version) == api_version


def _instant(text: str) -> float:
    """A metav1.Time or MicroTime as seconds since the epoch; the zero time (unset) before every other."""
    from datetime import datetime

    if not text:
        return float("-inf")
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return float("-inf")


def _last_time(e: dict) -> str:
    series = e.get("series") or {}
    return str(series.get("lastObservedTime") or e.get("lastTimestamp") or e.get("eventTime") or "")


def _interval(e: dict, now: Any) -> str:
    """kubectl events' LAST SEEN: the age, or `LAST (xCOUNT over FIRST)` for an event seen more than once."""
    from ..printers.durations import translate_timestamp_since

    first = translate_timestamp_since(e.get("eventTime") or e.get("firstTimestamp") or None, now)
    series = e.get("series") or {}
    if series:
        last = translate_timestamp_since(series.get("lastObservedTime") or None, now)
        return f"{last} (x{series.get('count', 0)} over {first})"
    if int(e.get("count") or 0) > 1:
        return f"{translate_timestamp_since(e.get('lastTimestamp') or None, now)} (x{e['count']} over {first})"
    return first


def _table(events: list[dict], now: Any, all_namespaces: bool, no_headers: bool) -> str:
    from ..printers.table import format_table

    return format_table(_rows(events, now, all_namespaces, no_headers))


def _remembered_widths_table(rows: list[list[str]], first_block: int) -> str:
    """kubectl's tab writer with RememberWidths (cli-runtime's fork of text/tabwriter), flushed after each event
    of a watch: a column is as wide as its widest cell so far (minwidth 6, padding 3), never narrower; the first
    flush holds the headers with the first event."""
    widths: list[int] = []
    out = []

    def grow(row: list[str]) -> None:
        for i, cell in enumerate(row[:-1]):
            w = max(len(cell) + 3, 6)
            if i == len(widths):
                widths.append(w)
            elif w > widths[i]:
                widths[i] = w

    for r in rows[:first_block]:
        grow(r)
    for n, r in enumerate(rows):
        if n >= first_block:
            grow(r)
        out.append("".join(c.ljust(widths[i]) for i, c in enumerate(r[:-1])) + (r[-1] if r else "") + "\n")
    return "".join(out)


def _rows(events: list[dict], now: Any, all_namespaces: bool, no_headers: bool) -> list[list[str]]:
    rows: list[list[str]] = []
    if not no_headers:
        rows.append((["NAMESPACE"] if all_namespaces else []) + ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"])
    for e in events:
        inv = e.get("involvedObject") or {}
        row = [_interval(e, now), str(e.get("type", "")), str(e.get("reason", "")),
               f"{inv.get('kind', '')}/{inv.get('name', '')}", str(e.get("message", "")).strip()]
        rows.append(([str((e.get("metadata") or {}).get("namespace", ""))] if all_namespaces else []) + row)
    return rows


COMMANDS = {"events": events_cmd}
