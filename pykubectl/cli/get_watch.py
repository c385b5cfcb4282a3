"""get -w / --watch-only / --output-watch-events: what kubectl 1.32's get prints while it watches (get.go watch()),
over the API server's watch (serve/api.py WatchStream, in this process: changes other processes make to the
store are read from its watch log as they come).

kubectl prints the objects first (a list one by one, a named object as itself; none with --watch-only), then every
event of a watch that starts at the list's resourceVersion, or for a named object at "0" whose first event (the
object as it is) it drops. Each print is flushed alone, so a table row printed for an event is aligned on its own
and the header comes only before the first row printed. With --output-watch-events an EVENT column leads the
table, and other printers print the watch event ``{type, object}`` itself (JSON on one line, managed fields kept).
A table gets a NAMESPACE column with --all-namespaces even for cluster-scoped kinds (the watch's printer is made
with the flag). The watch ends, exit 0 and nothing said, when --request-timeout passes (client-go's client
timeout ends the stream, a timeout the watch does not report) or the server closes it; Ctrl-C exits 1, as
kubectl's interrupt handler does. All as real kubectl 1.32 printed through `pykubectl serve`."""

from __future__ import annotations

import json
import time
from typing import Any
from urllib.parse import urlencode

from .. import errors

POLL = 0.25  # seconds between two looks at the store's changes


class Printer:
    def __init__(self, env: Any, kind: Any, output: str | None, events: bool, all_namespaces: bool,
                 no_headers: bool, show_kind: bool, show_labels: bool, label_columns: list[str],
                 allow_missing: bool, show_managed_fields: bool, server_print: bool):
        self.env = env
        self.kind = kind
        self.output = output or ""
        self.fmt = self.output.split("=", 1)[0]
        self.human = self.fmt in ("", "wide")
        self.events = events
        self.all_namespaces = all_namespaces
        self.no_headers = no_headers
        self.show_kind = show_kind
        self.show_labels = show_labels
        self.label_columns = label_columns
        self.allow_missing = allow_missing
        self.show_managed_fields = show_managed_fields
        self.server_print = server_print
        self.header_done = no_headers
        self.printed = 0
        self.widths: list[int] = []  # the tabwriter's column widths so far (it remembers them across flushes)

    def print(self, items: list[tuple[str, dict]]) -> None:
        """Print (event type, object) pairs as one flush."""
        if not items:
            return
        out = self.env.stdout
        if self.human:
            out.write(self._table(items))
        else:
            for typ, obj in items:
                out.write(self._one(typ, obj))
                self.printed += 1
        out.flush()

    def _table(self, items: list[tuple[str, dict]]) -> str:
        from ..printers.table import print_table

        from . import common

        prefix = common.display_kind(self.kind) if self.show_kind else ""
        # The table printer writes the event type padded to 8 ("%-8s"), the header as it is.
        leading = (([] if self.header_done else ["EVENT"]) + [t.ljust(8) for t, _ in items]) if self.events else ()
        text = print_table([o for _, o in items], self.kind, now=self.env.now(), wide=(self.fmt == "wide"),
                           show_kind=bool(prefix), kind_prefix=prefix, no_headers=self.header_done,
                           show_labels=self.show_labels, label_columns=self.label_columns,
                           namespace_column=self.all_namespaces, server_print=self.server_print, leading=leading,
                           widths_seen=self.widths)
        self.header_done = True
        return text

    def _one(self, typ: str, obj: dict) -> str:
        from .get_core import _render

        if self.events:
            event = {"type": typ, "object": obj}
            if self.fmt == "json":  # metav1.WatchEvent's fields in struct order, the object's keys sorted
                return '{"type":' + _go_json(typ) + ',"object":' + _go_json(obj) + "}\n"
            if self.fmt == "yaml":
                from ..printers.output import to_yaml

                return ("---\n" if self.printed else "") + to_yaml({"object": obj, "type": typ})
            if self.fmt != "name":
                return _render(self.env, [event], self.output, True, self.allow_missing, True, True)
        # Custom columns print their header before the first object only.
        text = _render(self.env, [obj], self.output, True, self.allow_missing, self.no_headers or self.printed > 0,
                       self.show_managed_fields)
        if self.fmt == "yaml" and self.printed:
            text = "---\n" + text
        return text


def _go_json(value: Any) -> str:
    """Go's json.Marshal of a map: keys sorted, no spaces, <, > and & escaped."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def open_api(env: Any) -> Any:
    """The API server over the store, its watch cache started (before the objects are listed)."""
    from ..serve.api import Api

    return Api(env)


def watch(env: Any, api: Any, printer: Printer, objs: list[dict], named: bool, ns: str | None, list_rv: str,
          label_selector: str, field_selector: str, watch_only: bool) -> None:
    """Print ``objs`` (unless --watch-only), then the watch's events until it ends."""
    from ..serve.api import Request, WatchStream

    try:
        if not watch_only:
            printer.print([("ADDED", o) for o in objs])
        if not objs and named:
            return
        kind = printer.kind
        path = "/api/" + kind.version if not kind.group else f"/apis/{kind.group}/{kind.version}"
        if kind.namespaced and ns is not None:
            path += f"/namespaces/{ns}"
        path += "/" + kind.plural
        query = {"watch": "true", "resourceVersion": "0" if named else list_rv}
        fields = field_selector
        if named:
            fields = f"metadata.name={objs[0]['metadata']['name']}"
        if label_selector:
            query["labelSelector"] = label_selector
        if fields:
            query["fieldSelector"] = fields
        timeout = env.request_timeout if isinstance(env.request_timeout, (int, float)) else None
        deadline = time.monotonic() + timeout if timeout else None
        skip_first = named
        started = time.monotonic()
        stream = api.handle(Request("GET", f"{path}?{urlencode(query)}", {}, b""))
        if not isinstance(stream, WatchStream):
            return
        lines = stream.start()
        while True:
            items = []
            for line in lines:
                event = json.loads(line)
                if event["type"] not in ("ADDED", "MODIFIED", "DELETED"):
                    continue
                if skip_first:
                    skip_first = False
                    continue
                items.append((event["type"], event["object"]))
            for item in items:  # each event is printed and flushed alone
                printer.print([item])
            if stream.done or time.monotonic() - started >= stream.timeout:
                return
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                return
            time.sleep(POLL if left is None else max(0.0, min(POLL, left)))
            api.run_due_work()
            lines = stream.poll()
    except KeyboardInterrupt:
        env.stdout.flush()
        raise errors.PykubectlError("") from None


def stream_raw(env: Any, api: Any, stream: Any) -> None:
    """get --raw of a watch: the event lines as they come, until the watch's timeout, --request-timeout (then
    quietly, as client-go's timeout ends the body) or Ctrl-C."""
    timeout = env.request_timeout if isinstance(env.request_timeout, (int, float)) and env.request_timeout else None
    started = time.monotonic()
    ends = started + min(stream.timeout, timeout) if timeout else started + stream.timeout
    try:
        lines = stream.start()
        while True:
            if lines:
                env.stdout.write(b"".join(lines).decode("utf-8", "replace"))
                env.stdout.flush()
            left = ends - time.monotonic()
            if stream.done or left <= 0:
                return
            time.sleep(max(0.0, min(POLL, left)))
            api.run_due_work()
            lines = stream.poll()
    except KeyboardInterrupt:
        env.stdout.flush()
        raise errors.PykubectlError("") from None
