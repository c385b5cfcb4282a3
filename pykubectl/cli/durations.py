"""Go's time.ParseDuration, for the flags that take a duration (``--timeout``, ``--request-timeout``, ...): here
rather than in cli/wait.py, which imports click, so that the fast path of ``apply`` (cli/fastapply.py) reads its
``--timeout`` without importing click."""

from __future__ import annotations

_UNITS = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "μs": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}


def parse_duration(text: str) -> float:
    """Go's time.ParseDuration (in seconds); raises ValueError with Go's message."""
    quoted = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    invalid = ValueError(f"time: invalid duration {quoted}")
    s = text
    sign = 1.0
    if s[:1] in ("-", "+"):
        sign = -1.0 if s[0] == "-" else 1.0
        s = s[1:]
    if s == "0":
        return 0.0
    if not s:
        raise invalid
    total = 0.0
    while s:
        if not (s[0] == "." or s[0].isdigit()):
            raise invalid
        i = 0
        while i < len(s) and s[i].isdigit():
            i += 1
        whole, s = s[:i], s[i:]
        frac = ""
        if s[:1] == ".":
            j = 1
            while j < len(s) and s[j].isdigit():
                j += 1
            frac, s = s[1:j], s[j:]
        if not whole and not frac:
            raise invalid
        k = 0
        while k < len(s) and s[k] != "." and not s[k].isdigit():
            k += 1
        if k == 0:
            raise ValueError(f"time: missing unit in duration {quoted}")
        unit, s = s[:k], s[k:]
        if unit not in _UNITS:
            raise ValueError(f'time: unknown unit "{unit}" in duration {quoted}')
        total += float(f"{whole or 0}.{frac or 0}") * _UNITS[unit]
    return sign * total


def delete_flags(cascade: str, timeout: str, verb: str) -> float:
    """The deletion flags apply --force and replace --force share, checked in their order: --cascade's value, then
    --timeout as a pflag Duration (seconds)."""
    from .. import errors

    if cascade not in ("background", "orphan", "foreground", "true", "false"):
        raise errors.ClientError(f'error: invalid cascade value ({cascade}). Must be "background", "foreground", or '
                                 '"orphan"')
    try:
        return parse_duration(timeout)
    except ValueError as e:
        raise errors.UsageError(f'error: invalid argument "{timeout}" for "--timeout" flag: {e}\n'
                                f"See 'kubectl {verb} --help' for usage.") from None
