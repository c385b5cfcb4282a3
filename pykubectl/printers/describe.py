"""`kubectl describe` output, kind by kind, as k8s.io/kubectl/pkg/describe (release-1.32) prints it.

Every describer writes lines through a prefix writer (two spaces per level) into a Go ``text/tabwriter``
(minwidth 0, tabwidth 8, padding 2, padchar ' ', no flags); the alignment of ``Label:<TAB>value`` columns is
therefore decided per block of consecutive tab-bearing lines, which is why a blank line or a title line without a
tab restarts the alignment.  ``_TabWriter`` reproduces that algorithm; the describers only emit tab-separated text.

Where kubectl iterates a Go map (ConfigMap/Secret data, LimitRange resources) its order is random; we sort, which
is one of the orders kubectl may print.
"""

from __future__ import annotations

import base64
import copy
import math
from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from fractions import Fraction
from typing import Any

from pykubectl.api import quantity as q
from pykubectl.printers.durations import human_duration, parse_time
from pykubectl.printers.gosort import go_sorted

Lookup = Callable[[str, "str | None", "dict[str, str] | None"], list[dict[str, Any]]]

# kubectl's describeCmd writes "\n\n" before every described object but the first.
SEPARATOR = "\n\n"

_LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"
_MAX_ANNOTATION_LEN = 140
_NODE_ROLE_PREFIX = "node-role.kubernetes.io/"
_NODE_ROLE_LABEL = "kubernetes.io/role"
_ZERO_TIME = "Mon, 01 Jan 0001 00:00:00 +0000"
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# --------------------------------------------------------------------------------------------------------------
# Go text/tabwriter and kubectl's PrefixWriter


class _TabWriter:
    """Go's text/tabwriter with kubectl's settings: cells end at '\\t', column width = widest cell + 2."""

    padding = 2

    def __init__(self) -> None:
        self._parts: list[str] = []

    def write(self, text: str) -> None:
        self._parts.append(text)

    def render(self) -> str:
        text = "".join(self._parts)
        self._lines = [line.split("\t") for line in text.split("\n")]
        self._out: list[str] = []
        self._format(0, len(self._lines), [])
        return "".join(self._out)

    def _format(self, line0: int, line1: int, widths: list[int]) -> None:
        # A column block is a run of consecutive lines that all have a tab-terminated cell in this column; the
        # text after a line's last tab is not a cell and never widens a column.
        column = len(widths)
        this = line0
        while this < line1:
            if column >= len(self._lines[this]) - 1:
                this += 1
                continue
            self._write_lines(line0, this, widths)
            line0 = this
            width = 0
            while this < line1:
                line = self._lines[this]
                if column >= len(line) - 1:
                    break
                width = max(width, len(line[column]) + self.padding)
                this += 1
            widths.append(width)
            self._format(line0, this, widths)
            widths.pop()
            line0 = this
            this += 1
        self._write_lines(line0, line1, widths)

    def _write_lines(self, line0: int, line1: int, widths: list[int]) -> None:
        for i in range(line0, line1):
            for j, cell in enumerate(self._lines[i]):
                self._out.append(cell)
                if j < len(widths) and j < len(self._lines[i]) - 1:
                    self._out.append(" " * (widths[j] - len(cell)))
            if i + 1 < len(self._lines):
                self._out.append("\n")


def _escape(text: str) -> str:
    # cli-runtime's printers.WriteEscaped: terminal control characters are made visible.
    return text.replace("\x1b", "^[").replace("\r", "\\r")


class _Writer:
    """kubectl's prefixWriter: ``write(level, text)`` indents by two spaces per level."""

    def __init__(self, tw: _TabWriter, indent: int = 0) -> None:
        self._tw = tw
        self._indent = indent

    def write(self, level: int, text: str) -> None:
        self._tw.write(_escape("  " * (level + self._indent) + text))

    def line(self, text: str = "") -> None:
        if self._indent:
            self._tw.write(_escape("  " * self._indent + text + "\n"))
        else:
            self._tw.write(_escape(text + "\n"))


def _tabbed(fill: Callable[[_Writer], None]) -> str:
    tw = _TabWriter()
    fill(_Writer(tw))
    return tw.render()


# --------------------------------------------------------------------------------------------------------------
# small formatting helpers


def _get(obj: Any, path: str, default: Any = None) -> Any:
    cur = obj
    for key in path.split("."):
        if not isinstance(cur, dict) or key not in cur or cur[key] is None:
            return default
        cur = cur[key]
    return cur


def _rfc1123z(ts: str | None) -> str:
    """Go's time.RFC1123Z of a metav1.Time; an unset time prints as Go's zero time."""
    if not ts:
        return _ZERO_TIME
    dt = parse_time(ts).astimezone(timezone.utc)
    return (
        f"{_DAYS[dt.weekday()]}, {dt.day:02d} {_MONTHS[dt.month - 1]} {dt.year:04d} "
        f"{dt.hour:02d}:{dt.minute:02d}:{dt.second:02d} +0000"
    )


def _since(ts: str | None, now: datetime) -> str:
    if not ts:
        return "<unknown>"
    return human_duration((now - parse_time(ts)).total_seconds())


def _gobool(v: Any) -> str:
    return "true" if v else "false"


def _print_bool(v: Any) -> str:
    return "True" if v else "False"


def _print_bool_ptr(v: Any) -> str:
    return "<unset>" if v is None else _print_bool(v)


def _or_none(s: str) -> str:
    return s if s else "<none>"


def _intstr(v: Any) -> str:
    return "" if v is None else str(v)


def _go_list(items: Iterable[Any]) -> str:
    """fmt's %v of a []string: ``[a b]``."""
    return "[" + " ".join(str(i) for i in items) + "]"


def _format_labels(labels: dict[str, str] | None) -> str:
    """labels.FormatLabels: sorted ``k=v`` joined by commas, ``<none>`` when empty."""
    if not labels:
        return "<none>"
    return ",".join(f"{k}={labels[k]}" for k in sorted(labels))


def _selector_string(sel: dict[str, Any] | None) -> str:
    """labels.Selector.String() of metav1.LabelSelectorAsSelector(sel)."""
    if not sel:
        return ""
    reqs: list[tuple[str, str]] = []
    for k, v in (sel.get("matchLabels") or {}).items():
        reqs.append((k, f"{k}={v}"))
    for e in sel.get("matchExpressions") or []:
        key, op, values = e.get("key", ""), e.get("operator", ""), sorted(e.get("values") or [])
        if op == "In":
            reqs.append((key, f"{key} in ({','.join(values)})"))
        elif op == "NotIn":
            reqs.append((key, f"{key} notin ({','.join(values)})"))
        elif op == "Exists":
            reqs.append((key, key))
        elif op == "DoesNotExist":
            reqs.append((key, "!" + key))
    reqs.sort(key=lambda r: r[0])
    return ",".join(r[1] for r in reqs)


def _format_label_selector(sel: dict[str, Any] | None) -> str:
    """metav1.FormatLabelSelector: as above but ``<none>`` when it selects everything."""
    return _selector_string(sel) or "<none>"


def _selector_matches(sel: dict[str, Any] | None, labels: dict[str, str]) -> bool:
    if sel is None:
        return False
    for k, v in (sel.get("matchLabels") or {}).items():
        if labels.get(k) != v:
            return False
    for e in sel.get("matchExpressions") or []:
        key, op, values = e.get("key", ""), e.get("operator"), e.get("values") or []
        if op == "In" and labels.get(key) not in values:
            return False
        if op == "NotIn" and key in labels and labels[key] in values:
            return False
        if op == "Exists" and key not in labels:
            return False
        if op == "DoesNotExist" and key in labels:
            return False
    return True


def _controller_of(obj: dict[str, Any]) -> dict[str, Any] | None:
    for ref in _get(obj, "metadata.ownerReferences", []) or []:
        if ref.get("controller"):
            return ref
    return None


def _print_controller(obj: dict[str, Any]) -> str:
    ref = _controller_of(obj)
    return f"{ref.get('kind', '')}/{ref.get('name', '')}" if ref else ""


def _qty(value: Any) -> q.Quantity:
    try:
        return q.parse(value)
    except (q.QuantityError, ValueError, TypeError):
        return q.Quantity(Fraction(0))


def _qty_str(value: Any) -> str:
    return str(_qty(value))


class _Sum:
    """A running resource.Quantity sum; like Quantity.Add it keeps the format of the first term."""

    def __init__(self) -> None:
        self.value = Fraction(0)
        self.fmt: str | None = None

    def add(self, value: Any) -> None:
        parsed = _qty(value)
        if self.fmt is None:
            self.fmt = parsed.format
        self.value += parsed.value

    def __str__(self) -> str:
        if self.fmt is None:
            return "0"
        return q.format_quantity(self.value, self.fmt)


def _b64len(v: Any) -> int:
    try:
        return len(base64.b64decode(v or ""))
    except (ValueError, TypeError):
        return len(str(v))


# --------------------------------------------------------------------------------------------------------------
# shared blocks


def _labels_multiline(
    w: _Writer, title: str, labels: dict[str, str] | None, initial: str = "", inner: str = "\t"
) -> None:
    w.write(0, f"{initial}{title}:{inner}")
    if not labels:
        w.line("<none>")
        return
    for i, key in enumerate(sorted(labels)):
        if i:
            w.write(0, initial)
            w.write(0, inner)
        w.write(0, f"{key}={labels[key]}\n")


def _shorten(s: bytes, n: int) -> bytes:
    return s[:n] + b"..." if len(s) > n else s


def _annotations_multiline(w: _Writer, title: str, annotations: dict[str, str] | None) -> None:
    w.write(0, f"{title}:\t")
    keys = sorted(k for k in (annotations or {}) if k != _LAST_APPLIED)
    if not keys:
        w.line("<none>")
        return
    assert annotations is not None
    for i, key in enumerate(keys):
        if i:
            w.write(0, "\t")
        value = str(annotations[key])
        if value.endswith("\n"):
            value = value[:-1]
        # Go measures (and cuts) bytes, not characters.
        if len(value.encode()) + len(key.encode()) + 2 > _MAX_ANNOTATION_LEN or "\n" in value:
            w.write(0, f"{key}:\n")
            for s in value.split("\n"):
                cut = _shorten(s.encode(), _MAX_ANNOTATION_LEN - 2).decode(errors="replace")
                w.write(0, f"\t  {cut}\n")
        else:
            w.write(0, f"{key}: {value}\n")


def _taint_string(t: dict[str, Any]) -> str:
    key, value, effect = t.get("key", ""), t.get("value", ""), t.get("effect", "")
    if not effect:
        return f"{key}={value}:" if value else key
    return f"{key}={value}:{effect}" if value else f"{key}:{effect}"


def _taints_multiline(w: _Writer, title: str, taints: list[dict[str, Any]] | None) -> None:
    w.write(0, f"{title}:\t")
    if not taints:
        w.line("<none>")
        return
    ordered = sorted(taints, key=lambda t: f"{t.get('effect', '')},{t.get('key', '')}")
    for i, t in enumerate(ordered):
        if i:
            w.write(0, "\t")
        w.write(0, _taint_string(t) + "\n")


def _tolerations_multiline(w: _Writer, title: str, tolerations: list[dict[str, Any]] | None) -> None:
    w.write(0, f"{title}:\t")
    if not tolerations:
        w.line("<none>")
        return
    for i, t in enumerate(sorted(tolerations, key=lambda t: t.get("key", ""))):
        if i:
            w.write(0, "\t")
        key, value, effect = t.get("key", ""), t.get("value", ""), t.get("effect", "")
        text = key
        if value:
            text += f"={value}"
        if effect:
            text += f":{effect}"
        if t.get("operator") == "Exists" and not value:
            # A bare `operator: Exists` tolerates everything and prints without the separating space.
            text += " op=Exists" if (key or effect) else "op=Exists"
        if t.get("tolerationSeconds") is not None:
            text += f" for {t['tolerationSeconds']}s"
        w.write(0, text + "\n")


def describe_events(events: list[dict[str, Any]] | None, w: _Writer, now: datetime) -> None:
    if not events:
        w.write(0, "Events:\t<none>\n")
        return

    def last_ts(e: dict[str, Any]) -> datetime:
        ts = e.get("lastTimestamp")
        return parse_time(ts) if ts else datetime.min.replace(tzinfo=timezone.utc)

    # kubectl lists the object's events (the server's order: by name) and sorts them with sort.Sort on
    # LastTimestamp alone (event.SortableEvents): not stable, so events of the same second end in the order
    # Go's algorithm leaves them.
    listed = sorted(events, key=lambda e: (e.get("metadata") or {}).get("name") or "")
    stamps = {id(e): last_ts(e) for e in listed}
    w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n")
    w.write(1, "----\t------\t----\t----\t-------\n")
    for e in go_sorted(listed, lambda a, b: stamps[id(a)] < stamps[id(b)]):
        first = _since(e.get("eventTime"), now) if e.get("eventTime") else _since(e.get("firstTimestamp"), now)
        series = e.get("series")
        count = e.get("count") or 0
        if series:
            age = f"{_since(series.get('lastObservedTime'), now)} (x{series.get('count', 0)} over {first})"
        elif count > 1:
            age = f"{_since(e.get('lastTimestamp'), now)} (x{count} over {first})"
        else:
            age = first
        source = _get(e, "source.component", "") or e.get("reportingComponent", "") or ""
        w.write(
            1,
            f"{e.get('type', '')}\t{e.get('reason', '')}\t{age}\t{source}\t{str(e.get('message', '')).strip()}\n",
        )


# --- containers -----------------------------------------------------------------------------------------------


def _describe_probe(p: dict[str, Any]) -> str:
    attrs = (
        f"delay={p.get('initialDelaySeconds', 0)}s timeout={p.get('timeoutSeconds', 0)}s "
        f"period={p.get('periodSeconds', 0)}s #success={p.get('successThreshold', 0)} "
        f"#failure={p.get('failureThreshold', 0)}"
    )
    if "exec" in p:
        return f"exec {_go_list(_get(p, 'exec.command', []))} {attrs}"
    if "httpGet" in p:
        h = p["httpGet"]
        host, port = h.get("host", ""), _intstr(h.get("port"))
        if port:
            hostport = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        else:
            hostport = host
        scheme = str(h.get("scheme", "")).lower()
        path = h.get("path", "")
        if path and not path.startswith("/") and hostport:
            path = "/" + path
        url = (f"{scheme}:" if scheme else "") + (f"//{hostport}" if hostport or scheme else "") + path
        return f"http-get {url} {attrs}"
    if "tcpSocket" in p:
        t = p["tcpSocket"]
        return f"tcp-socket {t.get('host', '')}:{_intstr(t.get('port'))} {attrs}"
    if "grpc" in p:
        g = p["grpc"]
        return f"grpc <pod>:{g.get('port', 0)} {g.get('service', '')} {attrs}"
    return f"unknown {attrs}"


def _field_value(pod: dict[str, Any], path: str) -> str:
    """kubectl's EnvValueRetriever: the field path goes through client-go's scheme.ConvertFieldLabel first, and that
    scheme registers no field-label conversion for Pods, so the default (metadata.name and metadata.namespace only)
    refuses every other path and kubectl prints an empty value for it (observed with real kubectl 1.32: status.podIP,
    spec.nodeName, metadata.uid and metadata.labels['a'] all describe as empty)."""
    if path in ("metadata.name", "metadata.namespace"):
        return str(_get(pod, path, ""))
    return ""


def _resource_field_value(ref: dict[str, Any], container: dict[str, Any]) -> str:
    """resourcehelper.ExtractContainerResourceValue: the value divided by the divisor, rounded up."""
    res = ref.get("resource", "")
    kind, _, name = res.partition(".")
    raw = _get(container, f"resources.{kind}", {}).get(name) if kind in ("limits", "requests") else None
    value = _qty(raw).value if raw is not None else Fraction(0)
    divisor = _qty(ref.get("divisor") or "1").value or Fraction(1)
    if name in ("cpu", "memory", "ephemeral-storage") or name.startswith("hugepages-"):
        return str(math.ceil(value / divisor))
    return ""


def _describe_containers(
    w: _Writer,
    label: str,
    containers: list[dict[str, Any]],
    statuses: list[dict[str, Any]] | None,
    pod: dict[str, Any] | None,
    space: str,
) -> None:
    by_name = {s.get("name"): s for s in statuses or []}
    w.write(0, f"{space}{label}:{'' if containers else ' <none>'}\n")
    name_indent = " " if space else ""
    for c in containers:
        status = by_name.get(c.get("name"))
        ok = statuses is not None and status is not None
        w.write(1, f"{name_indent}{c.get('name', '')}:\n")
        if ok:
            assert status is not None
            w.write(2, f"Container ID:\t{status.get('containerID', '')}\n")
        w.write(2, f"Image:\t{c.get('image', '')}\n")
        if ok:
            assert status is not None
            w.write(2, f"Image ID:\t{status.get('imageID', '')}\n")
        ports = c.get("ports") or []
        port_s = ", ".join(f"{p.get('containerPort', 0)}/{p.get('protocol', '')}" for p in ports)
        w.write(2, f"Ports:\t{port_s}\n" if "," in port_s else f"Port:\t{_or_none(port_s)}\n")
        host_s = ", ".join(f"{p.get('hostPort', 0)}/{p.get('protocol', '')}" for p in ports)
        w.write(2, f"Host Ports:\t{host_s}\n" if "," in host_s else f"Host Port:\t{_or_none(host_s)}\n")
        seccomp = _get(c, "securityContext.seccompProfile")
        if seccomp:
            w.write(2, f"SeccompProfile:\t{seccomp.get('type', '')}\n")
            if seccomp.get("type") == "Localhost":
                w.write(3, f"LocalhostProfile:\t{seccomp.get('localhostProfile', '')}\n")
        for title, key in (("Command", "command"), ("Args", "args")):
            if c.get(key):
                w.write(2, f"{title}:\n")
                for item in c[key]:
                    for s in str(item).split("\n"):
                        w.write(3, f"{s}\n")
        if ok:
            assert status is not None
            _describe_state(w, "State", status.get("state") or {})
            if _get(status, "lastState.terminated"):
                _describe_state(w, "Last State", status["lastState"])
            w.write(2, f"Ready:\t{_print_bool(status.get('ready'))}\n")
            w.write(2, f"Restart Count:\t{status.get('restartCount', 0)}\n")
        _describe_resources(w, c.get("resources") or {}, 2)
        for title, key in (("Liveness", "livenessProbe"), ("Readiness", "readinessProbe"), ("Startup", "startupProbe")):
            if c.get(key):
                w.write(2, f"{title}:\t{_describe_probe(c[key])}\n")
        if c.get("envFrom"):
            _describe_env_from(w, c["envFrom"])
        _describe_env(w, c, pod)
        _describe_mounts(w, c)


def _describe_state(w: _Writer, name: str, state: dict[str, Any]) -> None:
    if state.get("running") is not None:
        w.write(2, f"{name}:\tRunning\n")
        w.write(3, f"Started:\t{_rfc1123z(state['running'].get('startedAt'))}\n")
    elif state.get("waiting") is not None:
        w.write(2, f"{name}:\tWaiting\n")
        if state["waiting"].get("reason"):
            w.write(3, f"Reason:\t{state['waiting']['reason']}\n")
    elif state.get("terminated") is not None:
        t = state["terminated"]
        w.write(2, f"{name}:\tTerminated\n")
        if t.get("reason"):
            w.write(3, f"Reason:\t{t['reason']}\n")
        if t.get("message"):
            w.write(3, f"Message:\t{t['message']}\n")
        w.write(3, f"Exit Code:\t{t.get('exitCode', 0)}\n")
        if (t.get("signal") or 0) > 0:
            w.write(3, f"Signal:\t{t['signal']}\n")
        w.write(3, f"Started:\t{_rfc1123z(t.get('startedAt'))}\n")
        w.write(3, f"Finished:\t{_rfc1123z(t.get('finishedAt'))}\n")
    else:
        w.write(2, f"{name}:\tWaiting\n")


def _describe_resources(w: _Writer, resources: dict[str, Any], level: int) -> None:
    for title, key in (("Limits", "limits"), ("Requests", "requests")):
        rl = resources.get(key) or {}
        if rl:
            w.write(level, f"{title}:\n")
        for name in sorted(rl):
            w.write(level + 1, f"{name}:\t{_qty_str(rl[name])}\n")


def _describe_env_from(w: _Writer, env_from: list[dict[str, Any]]) -> None:
    w.write(2, "Environment Variables from:\n")
    for e in env_from:
        src, name, optional = "", "", False
        if e.get("configMapRef") is not None:
            src, name, optional = "ConfigMap", e["configMapRef"].get("name", ""), e["configMapRef"].get("optional")
        elif e.get("secretRef") is not None:
            src, name, optional = "Secret", e["secretRef"].get("name", ""), e["secretRef"].get("optional")
        if e.get("prefix"):
            w.write(3, f"{name}\t{src} with prefix '{e['prefix']}'\tOptional: {_gobool(optional)}\n")
        else:
            w.write(3, f"{name}\t{src}\tOptional: {_gobool(optional)}\n")


def _describe_env(w: _Writer, c: dict[str, Any], pod: dict[str, Any] | None) -> None:
    env = c.get("env") or []
    w.write(2, f"Environment:{'' if env else chr(9) + '<none>'}\n")
    for e in env:
        name = e.get("name", "")
        vf = e.get("valueFrom")
        if vf is None:
            for i, s in enumerate(str(e.get("value", "")).split("\n")):
                w.write(3, f"{name}:\t{s}\n" if i == 0 else f"\t{s}\n")
            continue
        if vf.get("fieldRef") is not None:
            fr = vf["fieldRef"]
            # A pod template has no object to resolve the field against: kubectl prints an empty value.
            value = _field_value(pod, fr.get("fieldPath", "")) if pod is not None else ""
            w.write(3, f"{name}:\t{value} ({fr.get('apiVersion', '')}:{fr.get('fieldPath', '')})\n")
        elif vf.get("resourceFieldRef") is not None:
            rf = vf["resourceFieldRef"]
            value = _resource_field_value(rf, c)
            res = rf.get("resource", "")
            if value == "0" and res in ("limits.cpu", "limits.memory"):
                value = "node allocatable"
            w.write(3, f"{name}:\t{value} ({res})\n")
        elif vf.get("secretKeyRef") is not None:
            r = vf["secretKeyRef"]
            w.write(
                3,
                f"{name}:\t<set to the key '{r.get('key', '')}' in secret '{r.get('name', '')}'>\t"
                f"Optional: {_gobool(r.get('optional'))}\n",
            )
        elif vf.get("configMapKeyRef") is not None:
            r = vf["configMapKeyRef"]
            w.write(
                3,
                f"{name}:\t<set to the key '{r.get('key', '')}' of config map '{r.get('name', '')}'>\t"
                f"Optional: {_gobool(r.get('optional'))}\n",
            )


def _go_quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _describe_mounts(w: _Writer, c: dict[str, Any]) -> None:
    mounts = c.get("volumeMounts") or []
    none = "" if mounts else "\t<none>"
    w.write(2, f"Mounts:{none}\n")
    for m in sorted(mounts, key=lambda m: m.get("mountPath", "")):
        flags = ["ro" if m.get("readOnly") else "rw"]
        if m.get("subPath"):
            flags.append(f"path={_go_quote(m['subPath'])}")
        w.write(3, f"{m.get('mountPath', '')} from {m.get('name', '')} ({','.join(flags)})\n")
    devices = c.get("volumeDevices") or []
    if devices:
        w.write(2, f"Devices:{none}\n")
        for d in sorted(devices, key=lambda d: d.get("devicePath", "")):
            w.write(3, f"{d.get('devicePath', '')} from {d.get('name', '')}\n")


# --- volumes --------------------------------------------------------------------------------------------------

# kubectl 1.32 prints the *bool itself: "<nil>" when unset, else a pointer address (fixed in 1.33). An address
# can never be reproduced, so a set flag prints as a plausible Go heap address.
def _go_bool_ptr(v: Any) -> str:
    return "<nil>" if v is None else "0xc000a1b2c8"


def _describe_volumes(w: _Writer, volumes: list[dict[str, Any]] | None, space: str) -> None:
    if not volumes:
        w.write(0, f"{space}Volumes:\t<none>\n")
        return
    w.write(0, f"{space}Volumes:\n")
    for v in volumes:
        w.write(1, f"{' ' if space else ''}{v.get('name', '')}:\n")
        _describe_volume_source(w, v)


def _describe_volume_source(w: _Writer, v: dict[str, Any]) -> None:
    if "hostPath" in v:
        hp = v["hostPath"]
        w.write(
            2,
            "Type:\tHostPath (bare host directory volume)\n"
            f"    Path:\t{hp.get('path', '')}\n"
            f"    HostPathType:\t{hp.get('type') if hp.get('type') is not None else '<none>'}\n",
        )
    elif "emptyDir" in v:
        ed = v["emptyDir"] or {}
        size = ed.get("sizeLimit")
        size_s = _qty_str(size) if size is not None and _qty(size).value > 0 else "<unset>"
        w.write(
            2,
            "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n"
            f"    Medium:\t{ed.get('medium', '')}\n"
            f"    SizeLimit:\t{size_s}\n",
        )
    elif "secret" in v:
        s = v["secret"]
        w.write(
            2,
            "Type:\tSecret (a volume populated by a Secret)\n"
            f"    SecretName:\t{s.get('secretName', '')}\n"
            f"    Optional:\t{_gobool(s.get('optional'))}\n",
        )
    elif "configMap" in v:
        cm = v["configMap"]
        w.write(
            2,
            "Type:\tConfigMap (a volume populated by a ConfigMap)\n"
            f"    Name:\t{cm.get('name', '')}\n"
            f"    Optional:\t{_gobool(cm.get('optional'))}\n",
        )
    elif "nfs" in v:
        n = v["nfs"]
        w.write(
            2,
            "Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n"
            f"    Server:\t{n.get('server', '')}\n"
            f"    Path:\t{n.get('path', '')}\n"
            f"    ReadOnly:\t{_gobool(n.get('readOnly'))}\n",
        )
    elif "persistentVolumeClaim" in v:
        c = v["persistentVolumeClaim"]
        w.write(
            2,
            "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n"
            f"    ClaimName:\t{c.get('claimName', '')}\n"
            f"    ReadOnly:\t{_gobool(c.get('readOnly'))}\n",
        )
    elif "downwardAPI" in v:
        w.write(2, "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n")
        for item in _get(v, "downwardAPI.items", []):
            if item.get("fieldRef"):
                w.write(3, f"{item['fieldRef'].get('fieldPath', '')} -> {item.get('path', '')}\n")
            if item.get("resourceFieldRef"):
                w.write(3, f"{item['resourceFieldRef'].get('resource', '')} -> {item.get('path', '')}\n")
    elif "projected" in v:
        w.write(2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n")
        for src in _get(v, "projected.sources", []):
            if src.get("secret") is not None:
                w.write(
                    2,
                    f"SecretName:\t{src['secret'].get('name', '')}\n"
                    f"    SecretOptionalName:\t{_go_bool_ptr(src['secret'].get('optional'))}\n",
                )
            elif src.get("downwardAPI") is not None:
                w.write(2, "DownwardAPI:\ttrue\n")
            elif src.get("configMap") is not None:
                w.write(
                    2,
                    f"ConfigMapName:\t{src['configMap'].get('name', '')}\n"
                    f"    ConfigMapOptional:\t{_go_bool_ptr(src['configMap'].get('optional'))}\n",
                )
            elif src.get("serviceAccountToken") is not None:
                w.write(2, f"TokenExpirationSeconds:\t{src['serviceAccountToken'].get('expirationSeconds', 0)}\n")
    elif "csi" in v:
        c = v["csi"]
        w.write(
            2,
            "Type:\tCSI (a Container Storage Interface (CSI) volume source)\n"
            f"    Driver:\t{c.get('driver', '')}\n"
            f"    FSType:\t{c.get('fsType', '')}\n"
            f"    ReadOnly:\t{_gobool(c.get('readOnly'))}\n",
        )
        attrs = c.get("volumeAttributes") or {}
        w.write(2, "VolumeAttributes:\t")
        if not attrs:
            w.line("<none>")
        for i, k in enumerate(sorted(attrs)):
            if i:
                w.write(2, "")
                w.write(2, "\t")
            line = f"{k}={attrs[k]}"
            w.write(2, (line[:_MAX_ANNOTATION_LEN] + "...\n") if len(line) > _MAX_ANNOTATION_LEN else line + "\n")
    elif "ephemeral" in v:
        w.write(
            2,
            "Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n",
        )
        tmpl = _get(v, "ephemeral.volumeClaimTemplate")
        if tmpl is not None:
            _print_pvc(_Writer(w._tw, w._indent + 2), {"metadata": tmpl.get("metadata") or {}, "spec": tmpl.get("spec") or {}}, False)
    elif "local" in v:
        w.write(
            2,
            "Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n"
            f"    Path:\t{v['local'].get('path', '')}\n",
        )
    elif "image" in v:
        im = v["image"]
        w.write(
            2,
            "Type:\tImage (a container image or OCI artifact)\n"
            f"    Reference:\t{im.get('reference', '')}\n"
            f"    PullPolicy:\t{im.get('pullPolicy', '')}\n",
        )
    else:
        w.write(1, "<unknown>\n")


def _describe_topology_spread(w: _Writer, tscs: list[dict[str, Any]] | None, space: str) -> None:
    if not tscs:
        return
    w.write(0, f"{space}Topology Spread Constraints:\t")
    for i, t in enumerate(sorted(tscs, key=lambda t: t.get("topologyKey", ""))):
        if i:
            w.write(0, space)
            w.write(0, "\t")
        text = f"{t.get('topologyKey', '')}:{t.get('whenUnsatisfiable', '')} when max skew {t.get('maxSkew', 0)} is exceeded"
        if t.get("labelSelector") is not None:
            text += f" for selector {_format_label_selector(t['labelSelector'])}"
        w.write(0, text + "\n")


def _describe_pod_template(w: _Writer, template: dict[str, Any] | None) -> None:
    w.write(0, "Pod Template:\n")
    if template is None:
        w.write(1, "<unset>")
        return
    meta, spec = template.get("metadata") or {}, template.get("spec") or {}
    _labels_multiline(w, "  Labels", meta.get("labels"))
    if meta.get("annotations"):
        _annotations_multiline(w, "  Annotations", meta["annotations"])
    if spec.get("serviceAccountName"):
        w.write(1, f"Service Account:\t{spec['serviceAccountName']}\n")
    if spec.get("initContainers"):
        _describe_containers(w, "Init Containers", spec["initContainers"], None, None, "  ")
    _describe_containers(w, "Containers", spec.get("containers") or [], None, None, "  ")
    _describe_volumes(w, spec.get("volumes"), "  ")
    _describe_topology_spread(w, spec.get("topologySpreadConstraints"), "  ")
    if spec.get("priorityClassName"):
        w.write(1, f"Priority Class Name:\t{spec['priorityClassName']}\n")
    _labels_multiline(w, "  Node-Selectors", spec.get("nodeSelector"))
    _tolerations_multiline(w, "  Tolerations", spec.get("tolerations"))


def _pod_status_counts(pods: list[dict[str, Any]], uid: str | None) -> tuple[int, int, int, int]:
    running = waiting = succeeded = failed = 0
    for p in pods:
        ref = _controller_of(p)
        # Orphans and pods of other controllers that happen to match the selector are not counted.
        if ref is None or ref.get("uid") != uid:
            continue
        phase = _get(p, "status.phase", "")
        if phase == "Running":
            running += 1
        elif phase == "Pending":
            waiting += 1
        elif phase == "Succeeded":
            succeeded += 1
        elif phase == "Failed":
            failed += 1
    return running, waiting, succeeded, failed


def _controlled_pods(obj: dict[str, Any], lookup: Lookup) -> tuple[int, int, int, int]:
    ns = _get(obj, "metadata.namespace")
    sel = _get(obj, "spec.selector")
    pods = [p for p in _safe_lookup(lookup, "Pod", ns, (sel or {}).get("matchLabels")) if _selector_matches(sel, _get(p, "metadata.labels", {}) or {})]
    return _pod_status_counts(pods, _get(obj, "metadata.uid"))


def _safe_lookup(lookup: Lookup, kind: str, ns: str | None, sel: dict[str, str] | None) -> list[dict[str, Any]]:
    try:
        return list(lookup(kind, ns, sel) or [])
    except Exception:  # noqa: BLE001 - kubectl shows what it could fetch; a missing kind is not fatal here
        return []


# --------------------------------------------------------------------------------------------------------------
# describers


def _describe_pod(pod: dict[str, Any], events: list[dict[str, Any]], lookup: Lookup, now: datetime) -> str:
    meta, spec, status = pod.get("metadata", {}), pod.get("spec", {}), pod.get("status", {}) or {}

    def fill(w: _Writer) -> None:
        w.write(0, f"Name:\t{meta.get('name', '')}\n")
        w.write(0, f"Namespace:\t{meta.get('namespace', '')}\n")
        if spec.get("priority") is not None:
            w.write(0, f"Priority:\t{spec['priority']}\n")
        if spec.get("priorityClassName"):
            w.write(0, f"Priority Class Name:\t{spec['priorityClassName']}\n")
        if spec.get("runtimeClassName"):
            w.write(0, f"Runtime Class Name:\t{spec['runtimeClassName']}\n")
        if spec.get("serviceAccountName"):
            w.write(0, f"Service Account:\t{spec['serviceAccountName']}\n")
        if not spec.get("nodeName"):
            w.write(0, "Node:\t<none>\n")
        else:
            w.write(0, f"Node:\t{spec['nodeName']}/{status.get('hostIP', '')}\n")
        if status.get("startTime"):
            w.write(0, f"Start Time:\t{_rfc1123z(status['startTime'])}\n")
        _labels_multiline(w, "Labels", meta.get("labels"))
        _annotations_multiline(w, "Annotations", meta.get("annotations"))
        phase = status.get("phase", "")
        if meta.get("deletionTimestamp") and phase not in ("Failed", "Succeeded"):
            w.write(0, f"Status:\tTerminating (lasts {_since(meta['deletionTimestamp'], now)})\n")
            w.write(0, f"Termination Grace Period:\t{meta.get('deletionGracePeriodSeconds', 0)}s\n")
        else:
            w.write(0, f"Status:\t{phase}\n")
        if status.get("reason"):
            w.write(0, f"Reason:\t{status['reason']}\n")
        if status.get("message"):
            w.write(0, f"Message:\t{status['message']}\n")
        seccomp = _get(spec, "securityContext.seccompProfile")
        if seccomp:
            w.write(0, f"SeccompProfile:\t{seccomp.get('type', '')}\n")
            if seccomp.get("type") == "Localhost":
                w.write(0, f"LocalhostProfile:\t{seccomp.get('localhostProfile', '')}\n")
        w.write(0, f"IP:\t{status.get('podIP', '')}\n")
        ips = status.get("podIPs") or []
        if not ips:
            w.write(0, "IPs:\t<none>\n")
        else:
            w.write(0, "IPs:\n")
            for ip in ips:
                w.write(1, f"IP:\t{ip.get('ip', '')}\n")
        controlled = _print_controller(pod)
        if controlled:
            w.write(0, f"Controlled By:\t{controlled}\n")
        if status.get("nominatedNodeName"):
            w.write(0, f"NominatedNodeName:\t{status['nominatedNodeName']}\n")
        if spec.get("resources") is not None:
            w.write(0, "Resources:\n")
            _describe_resources(w, spec["resources"], 1)
        if spec.get("initContainers"):
            _describe_containers(
                w, "Init Containers", spec["initContainers"], status.get("initContainerStatuses") or [], pod, ""
            )
        _describe_containers(w, "Containers", spec.get("containers") or [], status.get("containerStatuses") or [], pod, "")
        if spec.get("ephemeralContainers"):
            _describe_containers(
                w,
                "Ephemeral Containers",
                spec["ephemeralContainers"],
                status.get("ephemeralContainerStatuses") or [],
                pod,
                "",
            )
        conditions = status.get("conditions") or []
        if spec.get("readinessGates"):
            w.write(0, "Readiness Gates:\n  Type\tStatus\n")
            for g in spec["readinessGates"]:
                st = next((c.get("status", "") for c in conditions if c.get("type") == g.get("conditionType")), "<none>")
                w.write(1, f"{g.get('conditionType', '')} \t{st} \n")
        if conditions:
            w.write(0, "Conditions:\n  Type\tStatus\n")
            for c in conditions:
                w.write(1, f"{c.get('type', '')} \t{c.get('status', '')} \n")
        _describe_volumes(w, spec.get("volumes"), "")
        w.write(0, f"QoS Class:\t{_qos_class(pod)}\n")
        _labels_multiline(w, "Node-Selectors", spec.get("nodeSelector"))
        _tolerations_multiline(w, "Tolerations", spec.get("tolerations"))
        _describe_topology_spread(w, spec.get("topologySpreadConstraints"), "")
        describe_events(events, w, now)

    return _tabbed(fill)


def _qos_class(pod: dict[str, Any]) -> str:
    recorded = _get(pod, "status.qosClass")
    if recorded:
        return str(recorded)
    containers = (_get(pod, "spec.containers", []) or []) + (_get(pod, "spec.initContainers", []) or [])
    requests: dict[str, Fraction] = {}
    limits: dict[str, Fraction] = {}
    guaranteed = True
    for c in containers:
        req = {k: _qty(v).value for k, v in (_get(c, "resources.requests", {}) or {}).items() if k in ("cpu", "memory")}
        lim = {k: _qty(v).value for k, v in (_get(c, "resources.limits", {}) or {}).items() if k in ("cpu", "memory")}
        for k, v in req.items():
            if v != 0:
                requests[k] = requests.get(k, Fraction(0)) + v
        for k, v in lim.items():
            if v != 0:
                limits[k] = limits.get(k, Fraction(0)) + v
        if set(lim) != {"cpu", "memory"} or any(req.get(k, lim[k]) != lim[k] for k in lim):
            guaranteed = False
    if not requests and not limits:
        return "BestEffort"
    return "Guaranteed" if guaranteed else "Burstable"


def _template_equal_ignoring_hash(rs_template: dict[str, Any], d_template: dict[str, Any]) -> bool:
    a, b = copy.deepcopy(rs_template or {}), copy.deepcopy(d_template or {})
    for t in (a, b):
        labels = _get(t, "metadata.labels")
        if isinstance(labels, dict):
            labels.pop("pod-template-hash", None)
            if not labels:
                t["metadata"].pop("labels")
        if isinstance(t.get("metadata"), dict) and not t["metadata"]:
            t.pop("metadata")
    return a == b


def _deployment_replicasets(d: dict[str, Any], lookup: Lookup) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """deploymentutil.GetAllReplicaSets: (all old ReplicaSets, [the new one]) owned by this Deployment."""
    ns = _get(d, "metadata.namespace")
    sel = _get(d, "spec.selector")
    uid = _get(d, "metadata.uid")
    owned = [
        rs
        for rs in _safe_lookup(lookup, "ReplicaSet", ns, (sel or {}).get("matchLabels"))
        if (_controller_of(rs) or {}).get("uid") == uid and _selector_matches(sel, _get(rs, "metadata.labels", {}) or {})
    ]
    # FindNewReplicaSet sorts the listed ReplicaSets in place by creation time, then name
    # (ReplicaSetsByCreationTimestamp); FindOldReplicaSets then walks that sorted list.
    by_age = sorted(owned, key=lambda rs: (_get(rs, "metadata.creationTimestamp", ""), _get(rs, "metadata.name", "")))
    new = next((rs for rs in by_age if _template_equal_ignoring_hash(_get(rs, "spec.template", {}), _get(d, "spec.template", {}))), None)
    old = [rs for rs in by_age if rs is not new]
    return old, ([new] if new is not None else [])


def _rs_list(rss: list[dict[str, Any]]) -> str:
    text = ", ".join(
        f"{_get(rs, 'metadata.name', '')} ({_get(rs, 'status.replicas', 0)}/{_get(rs, 'spec.replicas', 0)} replicas created)"
        for rs in rss
    )
    return text or "<none>"


def _describe_deployment(d: dict[str, Any], events: list[dict[str, Any]], lookup: Lookup, now: datetime) -> str:
    meta, spec, status = d.get("metadata", {}), d.get("spec", {}), d.get("status", {}) or {}
    old, new = _deployment_replicasets(d, lookup)

    def fill(w: _Writer) -> None:
        w.write(0, f"Name:\t{meta.get('name', '')}\n")
        w.write(0, f"Namespace:\t{meta.get('namespace', '')}\n")
        w.write(0, f"CreationTimestamp:\t{_rfc1123z(meta.get('creationTimestamp'))}\n")
        _labels_multiline(w, "Labels", meta.get("labels"))
        _annotations_multiline(w, "Annotations", meta.get("annotations"))
        w.write(0, f"Selector:\t{_selector_string(spec.get('selector'))}\n")
        w.write(
            0,
            f"Replicas:\t{spec.get('replicas', 0)} desired | {status.get('updatedReplicas', 0)} updated | "
            f"{status.get('replicas', 0)} total | {status.get('availableReplicas', 0)} available | "
            f"{status.get('unavailableReplicas', 0)} unavailable\n",
        )
        strategy = spec.get("strategy") or {}
        w.write(0, f"StrategyType:\t{strategy.get('type', '')}\n")
        w.write(0, f"MinReadySeconds:\t{spec.get('minReadySeconds', 0)}\n")
        ru = strategy.get("rollingUpdate")
        if ru is not None:
            w.write(
                0,
                f"RollingUpdateStrategy:\t{_intstr(ru.get('maxUnavailable'))} max unavailable, "
                f"{_intstr(ru.get('maxSurge'))} max surge\n",
            )
        _describe_pod_template(w, spec.get("template"))
        conditions = status.get("conditions") or []
        if conditions:
            w.write(0, "Conditions:\n  Type\tStatus\tReason\n")
            w.write(1, "----\t------\t------\n")
            for c in conditions:
                w.write(1, f"{c.get('type', '')} \t{c.get('status', '')}\t{c.get('reason', '')}\n")
        if old or new:
            w.write(0, f"OldReplicaSets:\t{_rs_list(old)}\n")
            w.write(0, f"NewReplicaSet:\t{_rs_list(new)}\n")
        describe_events(events, w, now)

    return _tabbed(fill)


def _describe_replicaset(rs: dict[str, Any], events: list[dict[str, Any]], lookup: Lookup, now: datetime) -> str:
    meta, spec, status = rs.get("metadata", {}), rs.get("spec", {}), rs.get("status", {}) or {}
    running, waiting, succeeded, failed = _controlled_pods(rs, lookup)

    def fill(w: _Writer) -> None:
        w.write(0, f"Name:\t{meta.get('name', '')}\n")
        w.write(0, f"Namespace:\t{meta.get('namespace', '')}\n")
        w.write(0, f"Selector:\t{_format_label_selector(spec.get('selector'))}\n")
        _labels_multiline(w, "Labels", meta.get("labels"))
        _annotations_multiline(w, "Annotations", meta.get("annotations"))
        controlled = _print_controller(rs)
        if controlled:
            w.write(0, f"Controlled By:\t{controlled}\n")
        w.write(0, f"Replicas:\t{status.get('replicas', 0)} current / {spec.get('replicas', 0)} desired\n")
        w.write(0, "Pods Status:\t")
        w.write(0, f"{running} Running / {waiting} Waiting / {succeeded} Succeeded / {failed} Failed\n")
        _describe_pod_template(w, spec.get("template"))
        conditions = status.get("conditions") or []
        if conditions:
            w.write(0, "Conditions:\n  Type\tStatus\tReason\n")
            w.write(1, "----\t------\t------\n")
            for c in conditions:
                w.write(1, f"{c.get('type', '')} \t{c.get('status', '')}\t{c.get('reason', '')}\n")
        describe_events(events, w, now)

    return _tabbed(fill)


def _format_endpoint_slices(slices: list[dict[str, Any]], port_name: str) -> str:
    """formatEndpointSlices (kubectl 1.32 reads a Service's EndpointSlices, by the kubernetes.io/service-name label):
    ``<none>`` when there is no slice; else the ready endpoints' first address (with the port of the slice port named
    like the Service port, when the slice has ports), the first three, then ``+ N more...``. A slice without ready
    endpoints gives an empty text."""
    if not slices:
        return "<none>"
    shown: list[str] = []
    more = False
    count = 0

    def ready(ep: dict[str, Any]) -> bool:
        return (ep.get("conditions") or {}).get("ready") is not False

    for sl in slices:
        endpoints = [ep for ep in sl.get("endpoints") or [] if ready(ep)]
        ports = sl.get("ports") or []
        if not ports:
            # Headless services may have no ports: only the addresses are listed.
            for ep in endpoints:
                if len(shown) == 3:
                    more = True
                if not more:
                    shown.append((ep.get("addresses") or [""])[0])
                count += 1
            continue
        for p in ports:
            if (p.get("name") or "") != port_name:
                continue
            for ep in endpoints:
                if len(shown) == 3:
                    more = True
                if not more:
                    ip = (ep.get("addresses") or [""])[0]
                    host = f"[{ip}]" if ":" in ip else ip
                    shown.append(f"{host}:{p.get('port', 0)}")
                count += 1
    text = ",".join(shown)
    return f"{text} + {count - 3} more..." if more else text


def _service_slices(lookup: Lookup, ns: str | None, service: str) -> list[dict[str, Any]]:
    return _safe_lookup(lookup, "EndpointSlice", ns, {"kubernetes.io/service-name": service})


def _describe_service(svc: dict[str, Any], events: list[dict[str, Any]], lookup: Lookup, now: datetime) -> str:
    meta, spec = svc.get("metadata", {}), svc.get("spec", {})
    status = svc.get("status", {}) or {}
    name, ns = meta.get("name", ""), meta.get("namespace")
    slices = _service_slices(lookup, ns, name)

    def fill(w: _Writer) -> None:
        w.write(0, f"Name:\t{name}\n")
        w.write(0, f"Namespace:\t{meta.get('namespace', '')}\n")
        _labels_multiline(w, "Labels", meta.get("labels"))
        _annotations_multiline(w, "Annotations", meta.get("annotations"))
        w.write(0, f"Selector:\t{_format_labels(spec.get('selector'))}\n")
        w.write(0, f"Type:\t{spec.get('type', '')}\n")
        if spec.get("ipFamilyPolicy") is not None:
            w.write(0, f"IP Family Policy:\t{spec['ipFamilyPolicy']}\n")
        families = spec.get("ipFamilies") or []
        w.write(0, f"IP Families:\t{','.join(families) if families else '<none>'}\n")
        w.write(0, f"IP:\t{spec.get('clusterIP', '')}\n")
        ips = spec.get("clusterIPs") or []
        w.write(0, f"IPs:\t{','.join(ips) if ips else '<none>'}\n")
        if spec.get("externalIPs"):
            w.write(0, f"External IPs:\t{','.join(spec['externalIPs'])}\n")
        if spec.get("loadBalancerIP"):
            w.write(0, f"Desired LoadBalancer IP:\t{spec['loadBalancerIP']}\n")
        if spec.get("externalName"):
            w.write(0, f"External Name:\t{spec['externalName']}\n")
        ingress = _get(status, "loadBalancer.ingress", []) or []
        if ingress:
            parts = []
            for ing in ingress:
                if ing.get("ip"):
                    parts.append(ing["ip"] + (f" ({ing['ipMode']})" if ing.get("ipMode") else ""))
                else:
                    parts.append(ing.get("hostname", ""))
            w.write(0, f"LoadBalancer Ingress:\t{', '.join(parts)}\n")
        for sp in spec.get("ports") or []:
            pname = sp.get("name") or "<unset>"
            proto = sp.get("protocol", "")
            w.write(0, f"Port:\t{pname}\t{sp.get('port', 0)}/{proto}\n")
            w.write(0, f"TargetPort:\t{_intstr(sp.get('targetPort', 0))}/{proto}\n")
            if sp.get("nodePort"):
                w.write(0, f"NodePort:\t{pname}\t{sp['nodePort']}/{proto}\n")
            w.write(0, f"Endpoints:\t{_format_endpoint_slices(slices, sp.get('name', ''))}\n")
        w.write(0, f"Session Affinity:\t{spec.get('sessionAffinity', '')}\n")
        if spec.get("externalTrafficPolicy"):
            w.write(0, f"External Traffic Policy:\t{spec['externalTrafficPolicy']}\n")
        if spec.get("internalTrafficPolicy") is not None:
            w.write(0, f"Internal Traffic Policy:\t{spec['internalTrafficPolicy']}\n")
        if spec.get("healthCheckNodePort"):
            w.write(0, f"HealthCheck NodePort:\t{spec['healthCheckNodePort']}\n")
        if spec.get("loadBalancerSourceRanges"):
            w.write(0, f"LoadBalancer Source Ranges:\t{','.join(spec['loadBalancerSourceRanges'])}\n")
        if spec.get("trafficDistribution"):
            w.write(0, f"Traffic Distribution:\t{spec['trafficDistribution']}\n")
        describe_events(events, w, now)

    return _tabbed(fill)


def _node_roles(labels: dict[str, str]) -> list[str]:
    roles: set[str] = set()
    for k, v in labels.items():
        if k.startswith(_NODE_ROLE_PREFIX):
            role = k[len(_NODE_ROLE_PREFIX) :]
            if role:
                roles.add(role)
        elif k == _NODE_ROLE_LABEL and v:
            roles.add(v)
    return sorted(roles)


def _pod_requests_limits(pod: dict[str, Any]) -> tuple[dict[str, _Sum], dict[str, _Sum]]:
    """resourcehelper.PodRequestsAndLimits: containers add up, each init container sets a floor, overhead adds."""
    reqs: dict[str, _Sum] = {}
    limits: dict[str, _Sum] = {}
    for c in _get(pod, "spec.containers", []) or []:
        for target, key in ((reqs, "requests"), (limits, "limits")):
            for name, value in (_get(c, f"resources.{key}", {}) or {}).items():
                target.setdefault(name, _Sum()).add(value)
    for c in _get(pod, "spec.initContainers", []) or []:
        for target, key in ((reqs, "requests"), (limits, "limits")):
            for name, value in (_get(c, f"resources.{key}", {}) or {}).items():
                parsed = _qty(value)
                cur = target.get(name)
                if cur is None or parsed.value > cur.value:
                    s = _Sum()
                    s.add(value)
                    target[name] = s
    for name, value in (_get(pod, "spec.overhead", {}) or {}).items():
        reqs.setdefault(name, _Sum()).add(value)
        if name in limits:
            limits[name].add(value)
    return reqs, limits


def _pct(part: _Sum | None, whole: int, milli: bool) -> int:
    if not whole:
        return 0
    if part is None:
        return 0
    amount = math.ceil(part.value * 1000) if milli else math.ceil(part.value)
    return math.trunc(amount / whole * 100)


def _describe_node_resources(w: _Writer, pods: list[dict[str, Any]], node: dict[str, Any], now: datetime) -> None:
    w.write(0, f"Non-terminated Pods:\t({len(pods)} in total)\n")
    w.write(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n")
    w.write(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n")
    allocatable = _get(node, "status.allocatable") or _get(node, "status.capacity") or {}
    cpu_alloc = _qty(allocatable.get("cpu", "0")).milli_value
    mem_alloc = _qty(allocatable.get("memory", "0")).int_value
    eph_alloc = _qty(allocatable.get("ephemeral-storage", "0")).int_value

    def cell(s: dict[str, _Sum], name: str, whole: int, milli: bool) -> str:
        part = s.get(name)
        return f"{part if part is not None else '0'} ({_pct(part, whole, milli)}%)"

    for p in pods:
        req, lim = _pod_requests_limits(p)
        w.write(
            1,
            f"{_get(p, 'metadata.namespace', '')}\t{_get(p, 'metadata.name', '')}\t\t"
            f"{cell(req, 'cpu', cpu_alloc, True)}\t{cell(lim, 'cpu', cpu_alloc, True)}\t"
            f"{cell(req, 'memory', mem_alloc, False)}\t{cell(lim, 'memory', mem_alloc, False)}\t"
            f"{_since(_get(p, 'metadata.creationTimestamp'), now)}\n",
        )
    w.write(0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n")
    w.write(1, "Resource\tRequests\tLimits\n")
    w.write(1, "--------\t--------\t------\n")
    reqs: dict[str, _Sum] = {}
    limits: dict[str, _Sum] = {}
    for p in pods:
        pr, pl = _pod_requests_limits(p)
        for total, part in ((reqs, pr), (limits, pl)):
            for name, s in part.items():
                if name not in total:
                    total[name] = _Sum()
                    total[name].fmt = s.fmt
                total[name].value += s.value
    for name, whole, milli in (("cpu", cpu_alloc, True), ("memory", mem_alloc, False), ("ephemeral-storage", eph_alloc, False)):
        w.write(1, f"{name}\t{cell(reqs, name, whole, milli)}\t{cell(limits, name, whole, milli)}\n")
    huge = sorted(r for r in allocatable if r.startswith("hugepages-"))
    ext = sorted(
        r
        for r in allocatable
        if not r.startswith("hugepages-")
        and r not in ("cpu", "memory", "ephemeral-storage", "pods")
        and not r.startswith("requests.hugepages-")
    )
    for r in huge:
        whole = _qty(allocatable[r]).int_value
        w.write(1, f"{r}\t{cell(reqs, r, whole, False)}\t{cell(limits, r, whole, False)}\n")
    for r in ext:
        w.write(1, f"{r}\t{reqs.get(r, '0')}\t{limits.get(r, '0')}\n")


def _describe_node(node: dict[str, Any], events: list[dict[str, Any]], lookup: Lookup, now: datetime) -> str:
    meta, spec, status = node.get("metadata", {}), node.get("spec", {}) or {}, node.get("status", {}) or {}
    name = meta.get("name", "")
    pods = [
        p
        for p in _safe_lookup(lookup, "Pod", None, None)
        if _get(p, "spec.nodeName") == name and _get(p, "status.phase") not in ("Succeeded", "Failed")
    ]
    pods.sort(key=lambda p: (_get(p, "metadata.namespace", ""), _get(p, "metadata.name", "")))
    lease = next(
        (le for le in _safe_lookup(lookup, "Lease", "kube-node-lease", None) if _get(le, "metadata.name") == name), None
    )

    def fill(w: _Writer) -> None:
        w.write(0, f"Name:\t{name}\n")
        roles = _node_roles(meta.get("labels") or {})
        w.write(0, f"Roles:\t{','.join(roles) if roles else '<none>'}\n")
        _labels_multiline(w, "Labels", meta.get("labels"))
        _annotations_multiline(w, "Annotations", meta.get("annotations"))
        w.write(0, f"CreationTimestamp:\t{_rfc1123z(meta.get('creationTimestamp'))}\n")
        _taints_multiline(w, "Taints", spec.get("taints"))
        w.write(0, f"Unschedulable:\t{_gobool(spec.get('unschedulable'))}\n")
        if lease is None:
            w.write(0, f'Lease:\tFailed to get lease: leases.coordination.k8s.io "{name}" not found\n')
        else:
            ls = lease.get("spec") or {}
            w.write(0, "Lease:\n")
            w.write(1, f"HolderIdentity:\t{ls.get('holderIdentity') or '<unset>'}\n")
            w.write(1, f"AcquireTime:\t{_rfc1123z(ls['acquireTime']) if ls.get('acquireTime') else '<unset>'}\n")
            w.write(1, f"RenewTime:\t{_rfc1123z(ls['renewTime']) if ls.get('renewTime') else '<unset>'}\n")
        conditions = status.get("conditions") or []
        if conditions:
            w.write(0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n")
            w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n")
            for c in conditions:
                w.write(
                    1,
                    f"{c.get('type', '')} \t{c.get('status', '')} \t{_rfc1123z(c.get('lastHeartbeatTime'))} \t"
                    f"{_rfc1123z(c.get('lastTransitionTime'))} \t{c.get('reason', '')} \t{c.get('message', '')}\n",
                )
        w.write(0, "Addresses:\n")
        for a in status.get("addresses") or []:
            w.write(1, f"{a.get('type', '')}:\t{a.get('address', '')}\n")
        for title, key in (("Capacity", "capacity"), ("Allocatable", "allocatable")):
            rl = status.get(key) or {}
            if rl:
                w.write(0, f"{title}:\n")
                for r in sorted(rl):
                    w.write(0, f"  {r}:\t{_qty_str(rl[r])}\n")
        info = status.get("nodeInfo") or {}
        w.write(0, "System Info:\n")
        for label, key in (
            ("Machine ID", "machineID"),
            ("System UUID", "systemUUID"),
            ("Boot ID", "bootID"),
            ("Kernel Version", "kernelVersion"),
            ("OS Image", "osImage"),
            ("Operating System", "operatingSystem"),
            ("Architecture", "architecture"),
            ("Container Runtime Version", "containerRuntimeVersion"),
            ("Kubelet Version", "kubeletVersion"),
            ("Kube-Proxy Version", "kubeProxyVersion"),
        ):
            w.write(0, f"  {label}:\t{info.get(key, '')}\n")
        if spec.get("podCIDR"):
            w.write(0, f"PodCIDR:\t{spec['podCIDR']}\n")
        if spec.get("podCIDRs"):
            w.write(0, f"PodCIDRs:\t{','.join(spec['podCIDRs'])}\n")
        if spec.get("providerID"):
            w.write(0, f"ProviderID:\t{spec['providerID']}\n")
        _describe_node_resources(w, pods, node, now)
        describe_events(events, w, now)

    return _tabbed(fill)


def _describe_namespace(ns: dict[str, Any], events: list[dict[str, Any]], lookup: Lookup, now: datetime) -> str:
    meta, status = ns.get("metadata", {}), ns.get("status", {}) or {}
    name = meta.get("name", "")
    quotas = sorted(_safe_lookup(lookup, "ResourceQuota", name, None), key=lambda o: _get(o, "metadata.name", ""))
    limit_ranges = _safe_lookup(lookup, "LimitRange", name, None)

    def fill(w: _Writer) -> None:
        w.write(0, f"Name:\t{name}\n")
        _labels_multiline(w, "Labels", meta.get("labels"))
        _annotations_multiline(w, "Annotations", meta.get("annotations"))
        w.write(0, f"Status:\t{status.get('phase', '')}\n")
        conditions = status.get("conditions") or []
        if conditions:
            w.write(0, "Conditions:\n")
            w.write(1, "Type\tStatus\tLastTransitionTime\tReason\tMessage\n")
            w.write(1, "----\t------\t------------------\t------\t-------\n")
            for c in conditions:
                w.write(
                    1,
                    f"{c.get('type', '')}\t{c.get('status', '')}\t{_rfc1123z(c.get('lastTransitionTime'))}\t"
                    f"{c.get('reason', '')}\t{c.get('message', '')}\n",
                )
        w.write(0, "\n")
        if not quotas:
            w.write(0, "No resource quota.\n")
        else:
            w.write(0, "Resource Quotas\n")
            for rq in quotas:
                w.write(1, f"Name:\t{_get(rq, 'metadata.name', '')}\n")
                scopes = sorted(_get(rq, "spec.scopes", []) or [])
                if scopes:
                    w.write(1, f"Scopes:\t{', '.join(scopes)}\n")
                    for s in scopes:
                        text = _QUOTA_SCOPE_HELP.get(s, "")
                        if text:
                            w.write(1, f"* {text}\n")
                w.write(1, "Resource\tUsed\tHard\n")
                w.write(1, "--------\t---\t---\n")
                hard = _get(rq, "status.hard", {}) or {}
                used = _get(rq, "status.used", {}) or {}
                for r in sorted(hard):
                    w.write(1, f"{r}\t{_qty_str(used.get(r, '0'))}\t{_qty_str(hard[r])}\n")
        w.write(0, "\n")
        if not limit_ranges:
            w.write(0, "No LimitRange resource.\n")
        else:
            w.write(
                0,
                "Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n",
            )
            w.write(0, " ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n")
            for lr in limit_ranges:
                _limit_range_rows(w, lr, " ")

    return _tabbed(fill)


_QUOTA_SCOPE_HELP = {
    "Terminating": "Matches all pods that have an active deadline. These pods have a limited lifespan on a node "
    "before being actively terminated by the system.",
    "NotTerminating": "Matches all pods that do not have an active deadline. These pods usually include long "
    "running pods whose container command is not expected to terminate.",
    "BestEffort": "Matches all pods that do not have resource requirements set. These pods have a best effort "
    "quality of service.",
    "NotBestEffort": "Matches all pods that have at least one resource requirement set. These pods have a "
    "burstable or guaranteed quality of service.",
}


def _limit_range_rows(w: _Writer, lr: dict[str, Any], prefix: str) -> None:
    for item in _get(lr, "spec.limits", []) or []:
        cols = ("min", "max", "defaultRequest", "default", "maxLimitRequestRatio")
        names: set[str] = set()
        for c in cols:
            names.update((item.get(c) or {}).keys())
        for r in sorted(names):
            vals = [_qty_str(item[c][r]) if r in (item.get(c) or {}) else "-" for c in cols]
            w.write(0, f"{prefix}{item.get('type', '')}\t{r}\t" + "\t".join(vals) + "\n")


def _describe_configmap(cm: dict[str, Any], events: list[dict[str, Any]], lookup: Lookup, now: datetime) -> str:
    meta = cm.get("metadata", {})

    def fill(w: _Writer) -> None:
        w.write(0, f"Name:\t{meta.get('name', '')}\n")
        w.write(0, f"Namespace:\t{meta.get('namespace', '')}\n")
        _labels_multiline(w, "Labels", meta.get("labels"))
        _annotations_multiline(w, "Annotations", meta.get("annotations"))
        w.write(0, "\nData\n====\n")
        data = cm.get("data") or {}
        for k in sorted(data):
            w.write(0, f"{k}:\n----\n")
            w.write(0, f"{data[k]}\n")
            w.write(0, "\n")
        w.write(0, "\nBinaryData\n====\n")
        binary = cm.get("binaryData") or {}
        for k in sorted(binary):
            w.write(0, f"{k}: {_b64len(binary[k])} bytes\n")
        w.write(0, "\n")
        describe_events(events, w, now)

    return _tabbed(fill)


def _describe_secret(secret: dict[str, Any], events: list[dict[str, Any]], lookup: Lookup, now: datetime) -> str:
    meta = secret.get("metadata", {})
    stype = secret.get("type", "")

    def fill(w: _Writer) -> None:
        w.write(0, f"Name:\t{meta.get('name', '')}\n")
        w.write(0, f"Namespace:\t{meta.get('namespace', '')}\n")
        _labels_multiline(w, "Labels", meta.get("labels"))
        _annotations_multiline(w, "Annotations", meta.get("annotations"))
        w.write(0, f"\nType:\t{stype}\n")
        w.write(0, "\nData\n====\n")
        data = secret.get("data") or {}
        for k in sorted(data):
            if k == "token" and stype == "kubernetes.io/service-account-token":
                # The one value kubectl shows: a service account token is meant to be copied from here.
                w.write(0, f"{k}:\t{base64.b64decode(data[k] or '').decode(errors='replace')}\n")
            else:
                w.write(0, f"{k}:\t{_b64len(data[k])} bytes\n")

    return _tabbed(fill)


def _describe_service_account(
    sa: dict[str, Any], events: list[dict[str, Any]], lookup: Lookup, now: datetime
) -> str:
    meta = sa.get("metadata", {})
    secrets = _safe_lookup(lookup, "Secret", meta.get("namespace"), None)
    existing = {_get(s, "metadata.name") for s in secrets}
    tokens = [
        s
        for s in secrets
        if s.get("type") == "kubernetes.io/service-account-token"
        and _get(s, "metadata.annotations", {}).get("kubernetes.io/service-account.name") == meta.get("name")
        and _get(s, "metadata.annotations", {}).get("kubernetes.io/service-account.uid") == meta.get("uid")
    ]
    pull = [s.get("name", "") for s in sa.get("imagePullSecrets") or []]
    mount = [s.get("name", "") for s in sa.get("secrets") or []]
    missing = {n for n in pull + mount if n not in existing}

    def fill(w: _Writer) -> None:
        w.write(0, f"Name:\t{meta.get('name', '')}\n")
        w.write(0, f"Namespace:\t{meta.get('namespace', '')}\n")
        _labels_multiline(w, "Labels", meta.get("labels"))
        _annotations_multiline(w, "Annotations", meta.get("annotations"))
        empty = " " * 19
        for header, names in (
            ("Image pull secrets:", pull),
            ("Mountable secrets: ", mount),
            ("Tokens:            ", [_get(t, "metadata.name", "") for t in tokens]),
        ):
            if not names:
                w.write(0, f"{header}\t<none>\n")
                continue
            prefix = header
            for n in names:
                w.write(0, f"{prefix}\t{n} (not found)\n" if n in missing else f"{prefix}\t{n}\n")
                prefix = empty
        describe_events(events, w, now)

    return _tabbed(fill)


def _describe_endpoints(ep: dict[str, Any], events: list[dict[str, Any]], lookup: Lookup, now: datetime) -> str:
    meta = ep.get("metadata", {})

    def fill(w: _Writer) -> None:
        w.write(0, f"Name:\t{meta.get('name', '')}\n")
        w.write(0, f"Namespace:\t{meta.get('namespace', '')}\n")
        _labels_multiline(w, "Labels", meta.get("labels"))
        _annotations_multiline(w, "Annotations", meta.get("annotations"))
        w.write(0, "Subsets:\n")
        for ss in ep.get("subsets") or []:
            ready = ",".join(a.get("ip", "") for a in ss.get("addresses") or [])
            w.write(1, f"Addresses:\t{ready or '<none>'}\n")
            not_ready = ",".join(a.get("ip", "") for a in ss.get("notReadyAddresses") or [])
            w.write(1, f"NotReadyAddresses:\t{not_ready or '<none>'}\n")
            if ss.get("ports"):
                w.write(1, "Ports:\n")
                w.write(2, "Name\tPort\tProtocol\n")
                w.write(2, "----\t----\t--------\n")
                for p in ss["ports"]:
                    w.write(2, f"{p.get('name') or '<unset>'}\t{p.get('port', 0)}\t{p.get('protocol', '')}\n")
            w.write(0, "\n")
        describe_events(events, w, now)

    return _tabbed(fill)


def _describe_job(job: dict[str, Any], events: list[dict[str, Any]], lookup: Lookup, now: datetime) -> str:
    meta, spec, status = job.get("metadata", {}), job.get("spec", {}), job.get("status", {}) or {}

    def fill(w: _Writer) -> None:
        w.write(0, f"Name:\t{meta.get('name', '')}\n")
        w.write(0, f"Namespace:\t{meta.get('namespace', '')}\n")
        w.write(0, f"Selector:\t{_selector_string(spec.get('selector'))}\n")
        _labels_multiline(w, "Labels", meta.get("labels"))
        _annotations_multiline(w, "Annotations", meta.get("annotations"))
        controlled = _print_controller(job)
        if controlled:
            w.write(0, f"Controlled By:\t{controlled}\n")
        if spec.get("parallelism") is not None:
            w.write(0, f"Parallelism:\t{spec['parallelism']}\n")
        if spec.get("completions") is not None:
            w.write(0, f"Completions:\t{spec['completions']}\n")
        else:
            w.write(0, "Completions:\t<unset>\n")
        if spec.get("completionMode") is not None:
            w.write(0, f"Completion Mode:\t{spec['completionMode']}\n")
        if spec.get("suspend") is not None:
            w.write(0, f"Suspend:\t{_gobool(spec['suspend'])}\n")
        if spec.get("backoffLimit") is not None:
            w.write(0, f"Backoff Limit:\t{spec['backoffLimit']}\n")
        if spec.get("ttlSecondsAfterFinished") is not None:
            w.write(0, f"TTL Seconds After Finished:\t{spec['ttlSecondsAfterFinished']}\n")
        if status.get("startTime"):
            w.write(0, f"Start Time:\t{_rfc1123z(status['startTime'])}\n")
        if status.get("completionTime"):
            w.write(0, f"Completed At:\t{_rfc1123z(status['completionTime'])}\n")
        if status.get("startTime") and status.get("completionTime"):
            took = (parse_time(status["completionTime"]) - parse_time(status["startTime"])).total_seconds()
            w.write(0, f"Duration:\t{human_duration(took)}\n")
        if spec.get("activeDeadlineSeconds") is not None:
            w.write(0, f"Active Deadline Seconds:\t{spec['activeDeadlineSeconds']}s\n")
        active, succeeded, failed = status.get("active", 0), status.get("succeeded", 0), status.get("failed", 0)
        if status.get("ready") is None:
            w.write(0, f"Pods Statuses:\t{active} Active / {succeeded} Succeeded / {failed} Failed\n")
        else:
            w.write(
                0, f"Pods Statuses:\t{active} Active ({status['ready']} Ready) / {succeeded} Succeeded / {failed} Failed\n"
            )
        if spec.get("completionMode") == "Indexed":
            w.write(0, f"Completed Indexes:\t{_cap_indexes(status.get('completedIndexes', ''), 50)}\n")
        _describe_pod_template(w, spec.get("template"))
        describe_events(events, w, now)

    return _tabbed(fill)


def _cap_indexes(indexes: str, soft_limit: int) -> str:
    if not indexes:
        return "<none>"
    ix = soft_limit
    while ix < len(indexes) and indexes[ix] != ",":
        ix += 1
    return indexes if ix >= len(indexes) else indexes[: ix + 1] + "..."


def _describe_cronjob(cj: dict[str, Any], events: list[dict[str, Any]], lookup: Lookup, now: datetime) -> str:
    meta, spec, status = cj.get("metadata", {}), cj.get("spec", {}), cj.get("status", {}) or {}

    def fill(w: _Writer) -> None:
        w.write(0, f"Name:\t{meta.get('name', '')}\n")
        w.write(0, f"Namespace:\t{meta.get('namespace', '')}\n")
        _labels_multiline(w, "Labels", meta.get("labels"))
        _annotations_multiline(w, "Annotations", meta.get("annotations"))
        w.write(0, f"Schedule:\t{spec.get('schedule', '')}\n")
        w.write(0, f"Concurrency Policy:\t{spec.get('concurrencyPolicy', '')}\n")
        w.write(0, f"Suspend:\t{_print_bool_ptr(spec.get('suspend'))}\n")
        for label, key in (
            ("Successful Job History Limit", "successfulJobsHistoryLimit"),
            ("Failed Job History Limit", "failedJobsHistoryLimit"),
        ):
            value = spec.get(key)
            w.write(0, f"{label}:\t{value if value is not None else '<unset>'}\n")
        sds = spec.get("startingDeadlineSeconds")
        w.write(0, f"Starting Deadline Seconds:\t{f'{sds}s' if sds is not None else '<unset>'}\n")
        jt = _get(spec, "jobTemplate.spec", {}) or {}
        if jt.get("selector") is not None:
            w.write(0, f"Selector:\t{_selector_string(jt['selector'])}\n")
        else:
            w.write(0, "Selector:\t<unset>\n")
        for label, key in (("Parallelism", "parallelism"), ("Completions", "completions")):
            value = jt.get(key)
            w.write(0, f"{label}:\t{value if value is not None else '<unset>'}\n")
        if jt.get("activeDeadlineSeconds") is not None:
            w.write(0, f"Active Deadline Seconds:\t{jt['activeDeadlineSeconds']}s\n")
        _describe_pod_template(w, jt.get("template"))
        if status.get("lastScheduleTime"):
            w.write(0, f"Last Schedule Time:\t{_rfc1123z(status['lastScheduleTime'])}\n")
        else:
            w.write(0, "Last Schedule Time:\t<unset>\n")
        w.write(0, "Active Jobs:\t")
        active = status.get("active") or []
        if not active:
            w.line("<none>")
        else:
            w.write(0, ", ".join(a.get("name", "") for a in active))
            w.line("")
        describe_events(events, w, now)

    return _tabbed(fill)


def _describe_daemonset(ds: dict[str, Any], events: list[dict[str, Any]], lookup: Lookup, now: datetime) -> str:
    meta, spec, status = ds.get("metadata", {}), ds.get("spec", {}), ds.get("status", {}) or {}
    running, waiting, succeeded, failed = _controlled_pods(ds, lookup)

    def fill(w: _Writer) -> None:
        w.write(0, f"Name:\t{meta.get('name', '')}\n")  # describeDaemonSet prints no Namespace line
        w.write(0, f"Selector:\t{_selector_string(spec.get('selector'))}\n")
        w.write(0, f"Node-Selector:\t{_format_labels(_get(spec, 'template.spec.nodeSelector'))}\n")
        _labels_multiline(w, "Labels", meta.get("labels"))
        _annotations_multiline(w, "Annotations", meta.get("annotations"))
        w.write(0, f"Desired Number of Nodes Scheduled: {status.get('desiredNumberScheduled', 0)}\n")
        w.write(0, f"Current Number of Nodes Scheduled: {status.get('currentNumberScheduled', 0)}\n")
        w.write(0, f"Number of Nodes Scheduled with Up-to-date Pods: {status.get('updatedNumberScheduled', 0)}\n")
        w.write(0, f"Number of Nodes Scheduled with Available Pods: {status.get('numberAvailable', 0)}\n")
        w.write(0, f"Number of Nodes Misscheduled: {status.get('numberMisscheduled', 0)}\n")
        w.write(0, f"Pods Status:\t{running} Running / {waiting} Waiting / {succeeded} Succeeded / {failed} Failed\n")
        _describe_pod_template(w, spec.get("template"))
        describe_events(events, w, now)

    return _tabbed(fill)


def _describe_statefulset(ss: dict[str, Any], events: list[dict[str, Any]], lookup: Lookup, now: datetime) -> str:
    meta, spec, status = ss.get("metadata", {}), ss.get("spec", {}), ss.get("status", {}) or {}
    running, waiting, succeeded, failed = _controlled_pods(ss, lookup)

    def fill(w: _Writer) -> None:
        w.write(0, f"Name:\t{meta.get('name', '')}\n")
        w.write(0, f"Namespace:\t{meta.get('namespace', '')}\n")
        w.write(0, f"CreationTimestamp:\t{_rfc1123z(meta.get('creationTimestamp'))}\n")
        w.write(0, f"Selector:\t{_selector_string(spec.get('selector'))}\n")
        _labels_multiline(w, "Labels", meta.get("labels"))
        _annotations_multiline(w, "Annotations", meta.get("annotations"))
        w.write(0, f"Replicas:\t{spec.get('replicas', 0)} desired | {status.get('replicas', 0)} total\n")
        strategy = spec.get("updateStrategy") or {}
        w.write(0, f"Update Strategy:\t{strategy.get('type', '')}\n")
        ru = strategy.get("rollingUpdate")
        if ru is not None and ru.get("partition") is not None:
            w.write(1, f"Partition:\t{ru['partition']}\n")
            if ru.get("maxUnavailable") is not None:
                w.write(1, f"MaxUnavailable:\t{_intstr(ru['maxUnavailable'])}\n")
        w.write(0, f"Pods Status:\t{running} Running / {waiting} Waiting / {succeeded} Succeeded / {failed} Failed\n")
        _describe_pod_template(w, spec.get("template"))
        templates = spec.get("volumeClaimTemplates") or []
        if not templates:
            w.write(0, "Volume Claims:\t<none>\n")
        else:
            w.write(0, "Volume Claims:\n")
            for pvc in templates:
                w.write(1, f"Name:\t{_get(pvc, 'metadata.name', '')}\n")
                w.write(1, f"StorageClass:\t{_pvc_class(pvc)}\n")
                _labels_multiline(w, "Labels", _get(pvc, "metadata.labels"), initial="  ")
                _labels_multiline(w, "Annotations", _get(pvc, "metadata.annotations"), initial="  ")
                cap = _get(pvc, "spec.resources.requests.storage")
                w.write(1, f"Capacity:\t{_qty_str(cap) if cap is not None else '<default>'}\n")
                w.write(1, f"Access Modes:\t{_go_list(_get(pvc, 'spec.accessModes', []) or [])}\n")
        describe_events(events, w, now)

    return _tabbed(fill)


# --- storage ----------------------------------------------------------------------------------------------------

_ACCESS_MODES = (("ReadWriteOnce", "RWO"), ("ReadOnlyMany", "ROX"), ("ReadWriteMany", "RWX"), ("ReadWriteOncePod", "RWOP"))


def _access_modes(modes: list[str] | None) -> str:
    """storageutil.GetAccessModesAsString: short names in a fixed order, each once."""
    modes = modes or []
    return ",".join(short for long, short in _ACCESS_MODES if long in modes)


def _pvc_class(pvc: dict[str, Any]) -> str:
    cls = _get(pvc, "spec.storageClassName")
    if cls is None:
        cls = _get(pvc, "metadata.annotations", {}).get("volume.beta.kubernetes.io/storage-class", "")
    return str(cls)


def _print_pvc(w: _Writer, pvc: dict[str, Any], full: bool) -> None:
    meta, spec, status = pvc.get("metadata", {}) or {}, pvc.get("spec", {}) or {}, pvc.get("status", {}) or {}
    if full:
        w.write(0, f"Name:\t{meta.get('name', '')}\n")
        w.write(0, f"Namespace:\t{meta.get('namespace', '')}\n")
    w.write(0, f"StorageClass:\t{_pvc_class(pvc)}\n")
    if full:
        if meta.get("deletionTimestamp"):
            w.write(0, "Status:\tTerminating (lasts <invalid>)\n")
        else:
            w.write(0, f"Status:\t{status.get('phase', '')}\n")
    w.write(0, f"Volume:\t{spec.get('volumeName', '')}\n")
    _labels_multiline(w, "Labels", meta.get("labels"))
    _annotations_multiline(w, "Annotations", meta.get("annotations"))
    if full:
        w.write(0, f"Finalizers:\t{_go_list(meta.get('finalizers') or [])}\n")
    capacity = access = ""
    if spec.get("volumeName"):
        access = _access_modes(status.get("accessModes"))
        cap = _get(status, "capacity.storage")
        capacity = _qty_str(cap) if cap is not None else "0"
    w.write(0, f"Capacity:\t{capacity}\n")
    w.write(0, f"Access Modes:\t{access}\n")
    if spec.get("volumeMode") is not None:
        w.write(0, f"VolumeMode:\t{spec['volumeMode']}\n")
    ds = spec.get("dataSource")
    if ds is not None:
        w.write(0, "DataSource:\n")
        if ds.get("apiGroup") is not None:
            w.write(1, f"APIGroup:\t{ds['apiGroup']}\n")
        w.write(1, f"Kind:\t{ds.get('kind', '')}\n")
        w.write(1, f"Name:\t{ds.get('name', '')}\n")


def _describe_pvc(pvc: dict[str, Any], events: list[dict[str, Any]], lookup: Lookup, now: datetime) -> str:
    meta = pvc.get("metadata", {})
    name = meta.get("name")
    pods: list[dict[str, Any]] = []
    ns_pods = _safe_lookup(lookup, "Pod", meta.get("namespace"), None)
    for p in ns_pods:
        for v in _get(p, "spec.volumes", []) or []:
            if _get(v, "persistentVolumeClaim.claimName") == name:
                pods.append(p)
    for ref in meta.get("ownerReferences") or []:
        if ref.get("kind") != "Pod":
            continue
        owner = next((p for p in ns_pods if _get(p, "metadata.uid") == ref.get("uid")), None)
        if owner is not None and all(_get(p, "metadata.uid") != ref.get("uid") for p in pods):
            pods.append(owner)

    def fill(w: _Writer) -> None:
        _print_pvc(w, pvc, True)
        w.write(0, "Used By:\t")
        if not pods:
            w.line("<none>")
        for i, p in enumerate(sorted(pods, key=lambda p: _get(p, "metadata.name", ""))):
            if i:
                w.write(0, "\t")
            w.write(0, f"{_get(p, 'metadata.name', '')}\n")
        conditions = _get(pvc, "status.conditions", []) or []
        if conditions:
            w.write(0, "Conditions:\n")
            w.write(1, "Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n")
            w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n")
            for c in conditions:
                w.write(
                    1,
                    f"{c.get('type', '')} \t{c.get('status', '')} \t{_rfc1123z(c.get('lastProbeTime'))} \t"
                    f"{_rfc1123z(c.get('lastTransitionTime'))} \t{c.get('reason', '')} \t{c.get('message', '')}\n",
                )
        describe_events(events, w, now)

    return _tabbed(fill)


def _describe_pv(pv: dict[str, Any], events: list[dict[str, Any]], lookup: Lookup, now: datetime) -> str:
    meta, spec, status = pv.get("metadata", {}), pv.get("spec", {}) or {}, pv.get("status", {}) or {}

    def fill(w: _Writer) -> None:
        w.write(0, f"Name:\t{meta.get('name', '')}\n")
        _labels_multiline(w, "Labels", meta.get("labels"))
        _annotations_multiline(w, "Annotations", meta.get("annotations"))
        w.write(0, f"Finalizers:\t{_go_list(meta.get('finalizers') or [])}\n")
        cls = spec.get("storageClassName")
        if cls is None:
            cls = (meta.get("annotations") or {}).get("volume.beta.kubernetes.io/storage-class", "")
        w.write(0, f"StorageClass:\t{cls}\n")
        if meta.get("deletionTimestamp"):
            w.write(0, f"Status:\tTerminating (lasts {_since(meta['deletionTimestamp'], now)})\n")
        else:
            w.write(0, f"Status:\t{status.get('phase', '')}\n")
        claim = spec.get("claimRef")
        w.write(0, f"Claim:\t{claim.get('namespace', '') + '/' + claim.get('name', '') if claim else ''}\n")
        w.write(0, f"Reclaim Policy:\t{spec.get('persistentVolumeReclaimPolicy', '')}\n")
        w.write(0, f"Access Modes:\t{_access_modes(spec.get('accessModes'))}\n")
        if spec.get("volumeMode") is not None:
            w.write(0, f"VolumeMode:\t{spec['volumeMode']}\n")
        cap = _get(spec, "capacity.storage")
        w.write(0, f"Capacity:\t{_qty_str(cap) if cap is not None else '0'}\n")
        w.write(0, "Node Affinity:\t")
        required = _get(spec, "nodeAffinity.required")
        if required is None:
            w.line("<none>")
        else:
            w.line("")
            terms = required.get("nodeSelectorTerms") or []
            w.write(1, "Required Terms:\t")
            if not terms:
                w.line("<none>")
            else:
                w.line("")
                for i, term in enumerate(terms):
                    exprs = term.get("matchExpressions") or []
                    w.write(2, f"Term {i}:\t")
                    if not exprs:
                        w.line("<none>")
                    for j, e in enumerate(exprs):
                        if j:
                            w.write(2, "\t")
                        text = f"{e.get('key', '')} {str(e.get('operator', '')).lower()}"
                        if e.get("values"):
                            text += f" [{', '.join(e['values'])}]"
                        w.write(0, text + "\n")
        w.write(0, f"Message:\t{status.get('message', '')}\n")
        w.write(0, "Source:\n")
        _describe_volume_source(w, spec)
        describe_events(events, w, now)

    return _tabbed(fill)


def _describe_ingress(ing: dict[str, Any], events: list[dict[str, Any]], lookup: Lookup, now: datetime) -> str:
    meta, spec, status = ing.get("metadata", {}), ing.get("spec", {}) or {}, ing.get("status", {}) or {}
    ns = meta.get("namespace")
    services = {_get(s, "metadata.name"): s for s in _safe_lookup(lookup, "Service", ns, None)}

    def backend(b: dict[str, Any]) -> str:
        svc = b.get("service")
        if svc is not None:
            port = svc.get("port") or {}
            sb = f"{svc.get('name', '')}:{port.get('number') or port.get('name', '')}"
            service = services.get(svc.get("name"))
            if service is None:
                return f'{sb} (<error: services "{svc.get("name", "")}" not found>)'
            sp_name = ""
            for sp in _get(service, "spec.ports", []) or []:
                if port.get("number") and port["number"] == sp.get("port"):
                    sp_name = sp.get("name", "")
                elif port.get("name") and port["name"] == sp.get("name"):
                    sp_name = sp.get("name", "")
            return f"{sb} ({_format_endpoint_slices(_service_slices(lookup, ns, svc.get('name', '')), sp_name)})"
        res = b.get("resource")
        if res is not None:
            return f"APIGroup: {res.get('apiGroup') or '<none>'}, Kind: {res.get('kind', '')}, Name: {res.get('name', '')}"
        return ""

    def fill(w: _Writer) -> None:
        w.write(0, f"Name:\t{meta.get('name', '')}\n")
        _labels_multiline(w, "Labels", meta.get("labels"))
        w.write(0, f"Namespace:\t{ns or ''}\n")
        addrs = sorted({i.get("ip") or i.get("hostname") for i in _get(status, "loadBalancer.ingress", []) or [] if i.get("ip") or i.get("hostname")})
        w.write(0, f"Address:\t{','.join(addrs)}\n")
        w.write(0, f"Ingress Class:\t{spec.get('ingressClassName') or '<none>'}\n")
        default = backend(spec["defaultBackend"]) if spec.get("defaultBackend") else "<default>"
        w.write(0, f"Default backend:\t{default}\n")
        if spec.get("tls"):
            w.write(0, "TLS:\n")
            for t in spec["tls"]:
                hosts = ",".join(t.get("hosts") or [])
                if not t.get("secretName"):
                    w.write(1, f"SNI routes {hosts}\n")
                else:
                    w.write(1, f"{t['secretName']} terminates {hosts}\n")
        w.write(0, "Rules:\n  Host\tPath\tBackends\n")
        w.write(1, "----\t----\t--------\n")
        count = 0
        for rule in spec.get("rules") or []:
            if rule.get("http") is None:
                continue
            count += 1
            w.write(1, f"{rule.get('host') or '*'}\t\n")
            for path in _get(rule, "http.paths", []) or []:
                w.write(2, f"\t{path.get('path', '')} \t{backend(path.get('backend') or {})}\n")
        if count == 0:
            w.write(1, f"*\t*\t{default}\n")
        _annotations_multiline(w, "Annotations", meta.get("annotations"))
        describe_events(events, w, now)

    return _tabbed(fill)


def _nil_qty(q: Any) -> str:
    """A *resource.Quantity printed with String(): ``<nil>`` when unset."""
    return "<nil>" if q is None else _qty_str(q)


def _metric_value(current: dict[str, Any], source: str, field: str) -> str:
    """The HPA status's current value of a metric (``<unknown>`` until the status has that source): kubectl 1.32
    prints current.<field> of status.currentMetrics[i].<source>."""
    src = current.get(source)
    if not src:
        return "<unknown>"
    return _nil_qty((src.get("current") or {}).get(field))


def _describe_hpa(hpa: dict[str, Any], events: list[dict[str, Any]], lookup: Lookup, now: datetime) -> str:
    meta, spec, status = hpa.get("metadata", {}), hpa.get("spec", {}) or {}, hpa.get("status", {}) or {}
    ref = spec.get("scaleTargetRef") or {}
    current = status.get("currentMetrics") or []

    def fill(w: _Writer) -> None:
        w.write(0, f"Name:\t{meta.get('name', '')}\n")
        w.write(0, f"Namespace:\t{meta.get('namespace', '')}\n")
        _labels_multiline(w, "Labels", meta.get("labels"))
        _annotations_multiline(w, "Annotations", meta.get("annotations"))
        w.write(0, f"CreationTimestamp:\t{_rfc1123z(meta.get('creationTimestamp'))}\n")
        w.write(0, f"Reference:\t{ref.get('kind', '')}/{ref.get('name', '')}\n")
        w.write(0, "Metrics:\t( current / target )\n")
        for i, m in enumerate(spec.get("metrics") or []):
            cur = current[i] if i < len(current) else {}
            if m.get("type") in ("Resource", "ContainerResource"):
                key = "resource" if m["type"] == "Resource" else "containerResource"
                r = m.get(key) or {}
                target = r.get("target") or {}
                of = f' of container "{r.get("container", "")}"' if key == "containerResource" else ""
                w.write(1, f"resource {r.get('name', '')}{of} on pods")
                cr = _get(cur, f"{key}.current") if cur.get(key) else None
                if target.get("averageValue") is not None:
                    cv = _qty_str(cr["averageValue"]) if cr and cr.get("averageValue") is not None else "<unknown>"
                    w.write(0, f":\t{cv} / {_qty_str(target['averageValue'])}\n")
                else:
                    cv = "<unknown>"
                    if cr and cr.get("averageUtilization") is not None:
                        cv = f"{cr['averageUtilization']}% ({_qty_str(cr.get('averageValue', '0'))})"
                    tv = f"{target['averageUtilization']}%" if target.get("averageUtilization") is not None else "<auto>"
                    w.write(1, f"(as a percentage of request):\t{cv} / {tv}\n")
            elif m.get("type") == "Pods":
                src = m.get("pods") or {}
                cv = _metric_value(cur, "pods", "averageValue")
                w.write(1, f"{_go_quote(_get(src, 'metric.name', ''))} on pods:\t{cv} / "
                           f"{_nil_qty(_get(src, 'target.averageValue'))}\n")
            elif m.get("type") == "External":
                src = m.get("external") or {}
                name = _go_quote(_get(src, "metric.name", ""))
                if _get(src, "target.averageValue") is not None:
                    cv = _metric_value(cur, "external", "averageValue")
                    cv = "<unknown>" if cv == "<nil>" else cv  # kubectl asks for a current averageValue here
                    w.write(1, f"{name} (target average value):\t{cv} / {_qty_str(_get(src, 'target.averageValue'))}\n")
                else:
                    cv = _metric_value(cur, "external", "value")
                    w.write(1, f"{name} (target value):\t{cv} / {_nil_qty(_get(src, 'target.value'))}\n")
            elif m.get("type") == "Object":
                src = m.get("object") or {}
                w.write(1, f'"{_get(src, "metric.name", "")}" on {_get(src, "describedObject.kind", "")}/'
                           f'{_get(src, "describedObject.name", "")} ')
                if _get(src, "target.type") == "AverageValue":
                    cv = _metric_value(cur, "object", "averageValue")
                    w.write(0, f"(target average value):\t{cv} / {_nil_qty(_get(src, 'target.averageValue'))}\n")
                else:
                    cv = _metric_value(cur, "object", "value")
                    w.write(0, f"(target value):\t{cv} / {_nil_qty(_get(src, 'target.value'))}\n")
            else:
                w.write(1, f'<unknown metric type "{m.get("type", "")}">\n')
        min_r = spec.get("minReplicas")
        w.write(0, f"Min replicas:\t{min_r if min_r is not None else '<unset>'}\n")
        w.write(0, f"Max replicas:\t{spec.get('maxReplicas', 0)}\n")
        behavior = spec.get("behavior")
        if behavior is not None:
            w.write(0, "Behavior:\n")
            for title, key in (("Scale Up", "scaleUp"), ("Scale Down", "scaleDown")):
                rules = behavior.get(key)
                if rules is None:
                    continue
                w.write(1, f"{title}:\n")
                if rules.get("stabilizationWindowSeconds") is not None:
                    w.write(2, f"Stabilization Window: {rules['stabilizationWindowSeconds']} seconds\n")
                if rules.get("policies"):
                    w.write(2, f"Select Policy: {rules.get('selectPolicy') or 'Max'}\n")
                    w.write(2, "Policies:\n")
                    for p in rules["policies"]:
                        w.write(3, f"- Type: {p.get('type', '')}\tValue: {p.get('value', 0)}\tPeriod: {p.get('periodSeconds', 0)} seconds\n")
        w.write(0, f"{ref.get('kind', '')} pods:\t")
        w.write(0, f"{status.get('currentReplicas', 0)} current / {status.get('desiredReplicas', 0)} desired\n")
        conditions = status.get("conditions") or []
        if conditions:
            w.write(0, "Conditions:\n")
            w.write(1, "Type\tStatus\tReason\tMessage\n")
            w.write(1, "----\t------\t------\t-------\n")
            for c in conditions:
                w.write(1, f"{c.get('type', '')}\t{c.get('status', '')}\t{c.get('reason', '')}\t{c.get('message', '')}\n")
        describe_events(events, w, now)

    return _tabbed(fill)


_DESCRIBERS: dict[str, Callable[[dict[str, Any], list[dict[str, Any]], Lookup, datetime], str]] = {
    "Pod": _describe_pod,
    "Deployment": _describe_deployment,
    "ReplicaSet": _describe_replicaset,
    "Service": _describe_service,
    "Node": _describe_node,
    "Namespace": _describe_namespace,
    "ConfigMap": _describe_configmap,
    "Secret": _describe_secret,
    "ServiceAccount": _describe_service_account,
    "Endpoints": _describe_endpoints,
    "Job": _describe_job,
    "CronJob": _describe_cronjob,
    "DaemonSet": _describe_daemonset,
    "StatefulSet": _describe_statefulset,
    "PersistentVolumeClaim": _describe_pvc,
    "PersistentVolume": _describe_pv,
    "Ingress": _describe_ingress,
    "HorizontalPodAutoscaler": _describe_hpa,
}

from .describe_apps import DESCRIBERS as _APPS_DESCRIBERS  # noqa: E402 quota, limits, PDB, class
from .describe_generic import describe_generic  # noqa: E402
from .describe_networking import DESCRIBERS as _NETWORKING_DESCRIBERS  # noqa: E402
from .describe_rbac import DESCRIBERS as _RBAC_DESCRIBERS  # noqa: E402

for _more in (_APPS_DESCRIBERS, _NETWORKING_DESCRIBERS, _RBAC_DESCRIBERS):
    _DESCRIBERS.update({k: v for k, v in _more.items() if k not in _DESCRIBERS})


def supported_kinds() -> list[str]:
    return sorted(_DESCRIBERS)


def describe(obj: dict[str, Any], *, now: datetime, events: list[dict[str, Any]], lookup: Lookup) -> str:
    """The text `kubectl describe` prints for one object (ends with a newline)."""
    fn = _DESCRIBERS.get(obj.get("kind", ""), describe_generic)
    return fn(obj, events, lookup, now)


def describe_many(
    objs: Iterable[dict[str, Any]],
    *,
    now: datetime,
    events_for: Callable[[dict[str, Any]], list[dict[str, Any]]],
    lookup: Lookup,
) -> str:
    """Several objects as one `kubectl describe` prints them: ``"\\n\\n"`` before each but the first."""
    return SEPARATOR.join(describe(o, now=now, events=events_for(o), lookup=lookup) for o in objs)


class _Untabbed:
    """What kubectl's prefix writer gives when no tabwriter is behind it: the text as written, tabs and all."""

    def __init__(self) -> None:
        self._parts: list[str] = []

    def write(self, text: str) -> None:
        self._parts.append(text)

    def render(self) -> str:
        return "".join(self._parts)


def describe_pod_template(template: dict[str, Any] | None) -> str:
    """The ``Pod Template:`` block alone, as ``rollout history --revision=N`` and ``rollout undo --dry-run=client``
    print it (kubectl's printTemplate: a prefix writer straight onto a buffer, so the tabs stay)."""
    out = _Untabbed()
    _describe_pod_template(_Writer(out), template)  # type: ignore[arg-type]
    return out.render()
