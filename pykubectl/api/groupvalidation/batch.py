"""batch: the Job and CronJob rules of pkg/apis/batch/validation beyond the basics in validation.py (backoff per
index, pod failure and success policies, pod replacement, managedBy, cron schedule syntax, time zones)."""

from __future__ import annotations

import re
from typing import Any

from pykubectl.api.validation import (
    FieldError, GoRepr, Obj, _dict, _int, _list, duplicate, invalid, is_qualified_name, not_supported, required,
    validate_domain_prefixed_path,
)

NEGATIVE = "must be greater than or equal to 0"


def _nonneg(spec: Obj, field: str, path: str) -> list[FieldError]:
    v = _int(spec.get(field))
    return [invalid(f"{path}.{field}", v, NEGATIVE)] if v is not None and v < 0 else []


def too_many(path: str, actual: int, limit: int) -> FieldError:
    """field.TooMany (v1.32 text)."""
    return FieldError(path, "Too many", f"must have at most {limit} items", actual, True)


_INDEXED_LIMIT = 100000            # maxParallelismForIndexedJob, maxFailedIndexesForIndexedJob, completionsSoftLimit
_HIGH_COMPLETIONS_LIMIT = 10000    # parallelismLimitForHighCompletions, maxFailedIndexesLimitForHighCompletions


def job_spec_policies(spec: Obj, path: str) -> list[FieldError]:
    """validateJobSpec between the nonnegative counters and the pod template, in its order (derived from v1.32
    pkg/apis/batch/validation/validation.go, validateJobSpec)."""
    errs: list[FieldError] = []
    mode = spec.get("completionMode")
    indexed = mode == "Indexed"
    bpi = _int(spec.get("backoffLimitPerIndex"))
    if bpi is not None:
        errs += _nonneg(spec, "backoffLimitPerIndex", path)
    mfi = _int(spec.get("maxFailedIndexes"))
    if mfi is not None:
        errs += _nonneg(spec, "maxFailedIndexes", path)
        if bpi is None:
            errs.append(required(f"{path}.backoffLimitPerIndex", "when maxFailedIndexes is specified"))
    managed = spec.get("managedBy")
    if managed is not None:
        errs += validate_domain_prefixed_path(str(managed), f"{path}.managedBy")
        if len(str(managed).encode()) > 63:
            errs.append(FieldError(f"{path}.managedBy", "Too long", "may not be more than 63 bytes"))
    completions = _int(spec.get("completions"))
    parallelism = _int(spec.get("parallelism"))
    if mode is not None:
        if mode not in ("NonIndexed", "Indexed"):
            errs.append(not_supported(f"{path}.completionMode", mode, ["NonIndexed", "Indexed"]))
        if indexed:
            if spec.get("completions") is None:
                errs.append(required(f"{path}.completions", "when completion mode is Indexed"))
            if parallelism is not None and parallelism > _INDEXED_LIMIT:
                errs.append(invalid(f"{path}.parallelism", parallelism,
                                    f"must be less than or equal to {_INDEXED_LIMIT} when completion mode is Indexed"))
            if completions is not None and mfi is not None and mfi > completions:
                errs.append(invalid(f"{path}.maxFailedIndexes", mfi, "must be less than or equal to completions"))
            if mfi is not None and mfi > _INDEXED_LIMIT:
                errs.append(invalid(f"{path}.maxFailedIndexes", mfi, f"must be less than or equal to {_INDEXED_LIMIT}"))
            if completions is not None and completions > _INDEXED_LIMIT and bpi is not None:
                if mfi is None:
                    errs.append(required(f"{path}.maxFailedIndexes",
                                         f"must be specified when completions is above {_INDEXED_LIMIT}"))
                tail = f"when completions are above {_INDEXED_LIMIT} and used with backoff limit per index"
                if parallelism is not None and parallelism > _HIGH_COMPLETIONS_LIMIT:
                    errs.append(invalid(f"{path}.parallelism", parallelism,
                                        f"must be less than or equal to {_HIGH_COMPLETIONS_LIMIT} {tail}"))
                if mfi is not None and mfi > _HIGH_COMPLETIONS_LIMIT:
                    errs.append(invalid(f"{path}.maxFailedIndexes", mfi,
                                        f"must be less than or equal to {_HIGH_COMPLETIONS_LIMIT} {tail}"))
    if mode is None or mode == "NonIndexed":
        if bpi is not None:
            errs.append(invalid(f"{path}.backoffLimitPerIndex", bpi, "requires indexed completion mode"))
        if mfi is not None:
            errs.append(invalid(f"{path}.maxFailedIndexes", mfi, "requires indexed completion mode"))
    if isinstance(spec.get("podFailurePolicy"), dict):
        errs += _pod_failure_policy(spec, f"{path}.podFailurePolicy")
    errs += _success_policy(spec, f"{path}.successPolicy")
    rp = spec.get("podReplacementPolicy")
    if rp is not None:
        if spec.get("podFailurePolicy") is not None:
            if rp != "Failed":
                errs.append(not_supported(f"{path}.podReplacementPolicy", rp, ["Failed"]))
        elif rp not in ("Failed", "TerminatingOrFailed"):
            errs.append(not_supported(f"{path}.podReplacementPolicy", rp, ["Failed", "TerminatingOrFailed"]))
    return errs


def completions_update(nspec: Obj, ospec: Obj) -> list[FieldError]:
    """validateCompletions (ElasticIndexedJob on): completions are immutable, except that an Indexed Job may change
    them together with parallelism."""
    new, old = nspec.get("completions"), ospec.get("completions")
    if new == old:
        return []
    if nspec.get("completionMode") != "Indexed":
        return [invalid("spec.completions", GoRepr("null") if new is None else new, "field is immutable")]
    if new is None:
        return []
    if new != nspec.get("parallelism"):
        return [invalid("spec.completions", new, "can only be modified in tandem with spec.parallelism")]
    return []


def _go_ptr(type_name: str, value: Any) -> str:
    return f"(*{type_name})(nil)" if value is None else f"(*{type_name})(0xc000000000)"


def _go_pod_failure_policy(pfp: Obj) -> str:
    rules = []
    for rule in _list(pfp.get("rules")):
        rule = _dict(rule)
        conds = rule.get("onPodConditions")
        if conds is None:
            shown = "[]batch.PodFailurePolicyOnPodConditionsPattern(nil)"
        else:
            shown = "[]batch.PodFailurePolicyOnPodConditionsPattern{" + ", ".join(
                f'batch.PodFailurePolicyOnPodConditionsPattern{{Type:"{_dict(c).get("type") or ""}", '
                f'Status:"{_dict(c).get("status") or ""}"}}' for c in _list(conds)) + "}"
        rules.append(f'batch.PodFailurePolicyRule{{Action:"{rule.get("action") or ""}", OnExitCodes:'
                     f'{_go_ptr("batch.PodFailurePolicyOnExitCodesRequirement", rule.get("onExitCodes"))}, '
                     f"OnPodConditions:{shown}}}")
    inner = "[]batch.PodFailurePolicyRule(nil)" if pfp.get("rules") is None else \
        "[]batch.PodFailurePolicyRule{" + ", ".join(rules) + "}"
    return f"batch.PodFailurePolicy{{Rules:{inner}}}"


def _go_success_policy(policy: Obj) -> str:
    items = []
    for r in _list(policy.get("rules")):
        r = _dict(r)
        items.append(f"batch.SuccessPolicyRule{{SucceededIndexes:{_go_ptr('string', r.get('succeededIndexes'))}, "
                     f"SucceededCount:{_go_ptr('int32', r.get('succeededCount'))}}}")
    inner = "[]batch.SuccessPolicyRule(nil)" if policy.get("rules") is None else \
        "[]batch.SuccessPolicyRule{" + ", ".join(items) + "}"
    return f"batch.SuccessPolicy{{Rules:{inner}}}"


def policies_update(nspec: Obj, ospec: Obj) -> list[FieldError]:
    """ValidateJobSpecUpdate's immutable podFailurePolicy, backoffLimitPerIndex, managedBy and successPolicy."""
    errs: list[FieldError] = []
    for field, shown in (("podFailurePolicy", _go_pod_failure_policy), ("backoffLimitPerIndex", None),
                         ("managedBy", None), ("successPolicy", _go_success_policy)):
        new, old = nspec.get(field), ospec.get(field)
        if new == old:
            continue
        if new is None:
            value: Any = GoRepr("null")
        elif shown is not None:
            value = GoRepr(shown(_dict(new)))
        else:
            value = new
        errs.append(invalid(f"spec.{field}", value, "field is immutable"))
    return errs


def pod_failure_policy_restart(spec: Obj, path: str) -> list[FieldError]:
    restart = _dict(_dict(spec.get("template")).get("spec")).get("restartPolicy")
    if spec.get("podFailurePolicy") is not None and restart == "OnFailure":
        return [invalid(f"{path}.template.spec.restartPolicy", restart,
                        'only "Never" is supported when podFailurePolicy is specified')]
    return []


def _pod_failure_policy(spec: Obj, path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    tspec = _dict(_dict(spec.get("template")).get("spec"))
    names = {_dict(c).get("name") for c in _list(tspec.get("containers")) + _list(tspec.get("initContainers"))}
    rules = _list(_dict(spec.get("podFailurePolicy")).get("rules"))
    if len(rules) > 20:
        errs.append(too_many(f"{path}.rules", len(rules), 20))
    for i, rule in enumerate(rules):
        rule = _dict(rule)
        rp = f"{path}.rules[{i}]"
        action = rule.get("action") or ""
        if action == "FailIndex":
            if spec.get("backoffLimitPerIndex") is None:
                errs.append(invalid(f"{rp}.action", action, "requires the backoffLimitPerIndex to be set"))
        elif action not in ("Count", "FailJob", "Ignore"):
            errs.append(not_supported(f"{rp}.action", action, ["Count", "FailIndex", "FailJob", "Ignore"]))
        codes = rule.get("onExitCodes")
        if isinstance(codes, dict):
            cp = f"{rp}.onExitCodes"
            op = codes.get("operator") or ""
            if op not in ("In", "NotIn"):
                errs.append(not_supported(f"{cp}.operator", op, ["In", "NotIn"]))
            cname = codes.get("containerName")
            if cname is not None and cname not in names:
                errs.append(invalid(f"{cp}.containerName", cname, "must be one of the container or initContainer "
                                                                  "names in the pod template"))
            values = [v for v in _list(codes.get("values"))]
            shown = GoRepr("[]int32{" + ", ".join(str(v) for v in values) + "}")
            if not values:
                errs.append(invalid(f"{cp}.values", GoRepr("[]int32(nil)" if codes.get("values") is None else
                                                           "[]int32{}"), "at least one value is required"))
            elif len(values) > 255:
                errs.append(too_many(f"{cp}.values", len(values), 255))
            if values:
                seen: set[Any] = set()
                ordered = True
                for j, v in enumerate(values):
                    if op == "In" and v == 0:
                        errs.append(invalid(f"{cp}.values[{j}]", v, "must not be 0 for the In operator"))
                    if v in seen:
                        errs.append(duplicate(f"{cp}.values[{j}]", v))
                    seen.add(v)
                    if j > 0 and values[j - 1] > v:
                        ordered = False
                if not ordered:
                    errs.append(invalid(f"{cp}.values", shown, "must be ordered"))
        conds = _list(rule.get("onPodConditions"))
        if len(conds) > 20:
            errs.append(too_many(f"{rp}.onPodConditions", len(conds), 20))
        for j, cond in enumerate(conds):
            cond = _dict(cond)
            pp = f"{rp}.onPodConditions[{j}]"
            ctype = str(cond.get("type") or "")
            errs += [invalid(f"{pp}.type", ctype, m) for m in is_qualified_name(ctype)]
            status = cond.get("status") or ""
            if status not in ("False", "True", "Unknown"):
                errs.append(not_supported(f"{pp}.status", status, ["False", "True", "Unknown"]))
        if codes is not None and conds:
            errs.append(FieldError(rp, "Invalid value", "specifying both OnExitCodes and OnPodConditions is not "
                                                        "supported"))
        if codes is None and not conds:
            errs.append(FieldError(rp, "Invalid value", "specifying one of OnExitCodes and OnPodConditions is "
                                                        "required"))
    return errs


def _indexes_total(text: str, completions: int) -> tuple[int, str | None]:
    if not text:
        return 0, None
    last: int | None = None
    total = 0
    for interval in text.split(","):
        limits = interval.split("-")
        if len(limits) > 2:
            return 0, (f'the fragment "{interval}" violates the requirement that an index interval can have at most '
                       "two parts separated by '-'")
        bounds = []
        for part in limits:
            if not re.fullmatch(r"[+-]?\d+", part):
                return 0, f'cannot convert string to integer for index: "{part}"'
            bounds.append(int(part))
        x = bounds[0]
        if x >= completions:
            return 0, f'too large index: "{limits[0]}"'
        if last is not None and last >= x:
            return 0, f"non-increasing order, previous: {last}, current: {x}"
        total += 1
        last = x
        if len(bounds) > 1:
            y = bounds[1]
            if y >= completions:
                return 0, f'too large index: "{limits[1]}"'
            if last >= y:
                return 0, f"non-increasing order, previous: {last}, current: {y}"
            total += y - x
            last = y
    return total, None


def _success_policy(spec: Obj, path: str) -> list[FieldError]:
    policy = spec.get("successPolicy")
    if not isinstance(policy, dict):
        return []
    rules = _list(policy.get("rules"))
    if spec.get("completionMode") != "Indexed":
        return [invalid(path, GoRepr(_go_success_policy(policy)), "requires indexed completion mode")]
    errs: list[FieldError] = []
    if not rules:
        errs.append(required(f"{path}.rules", "at least one rules must be specified when the successPolicy is "
                                              "specified"))
    if len(rules) > 20:
        errs.append(too_many(f"{path}.rules", len(rules), 20))
    completions = _int(spec.get("completions")) or 0
    for i, rule in enumerate(rules):
        rule = _dict(rule)
        rp = f"{path}.rules[{i}]"
        total = 0
        indexes = rule.get("succeededIndexes")
        if rule.get("succeededCount") is None and indexes is None:
            errs.append(required(rp, "at least one of succeededCount or succeededIndexes must be specified"))
        if indexes is not None:
            if len(str(indexes).encode()) > 64 * 1024:
                errs.append(FieldError(f"{rp}.succeededIndexes", "Too long", f"may not be more than {64 * 1024} bytes"))
            total, err = _indexes_total(str(indexes), completions)
            if err:
                errs.append(invalid(f"{rp}.succeededIndexes", indexes, f"error parsing succeededIndexes: {err}"))
        count = _int(rule.get("succeededCount"))
        if count is not None:
            if count < 0:
                errs.append(invalid(f"{rp}.succeededCount", count, NEGATIVE))
            if count > completions:
                errs.append(invalid(f"{rp}.succeededCount", count, f"must be less than or equal to {completions} "
                                                                   "(the number of specified completions)"))
            if indexes is not None and count > total:
                errs.append(invalid(f"{rp}.succeededCount", count, f"must be less than or equal to {total} (the "
                                                                   "number of indexes in the specified "
                                                                   "succeededIndexes field)"))
    return errs


# ---- cron schedules (robfig/cron's standard parser, as the server uses it) --------------------------------------

_BOUNDS = (("minute", 0, 59, None), ("hour", 0, 23, None), ("dom", 1, 31, None),
           ("month", 1, 12, ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]),
           ("dow", 0, 6, ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]))
_DESCRIPTORS = {"@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly"}


class _CronError(Exception):
    pass


def _must_int(expr: str) -> int:
    if not re.fullmatch(r"[+-]?\d+", expr):
        raise _CronError(f'failed to parse int from {expr}: strconv.Atoi: parsing "{expr}": invalid syntax')
    n = int(expr)
    if n < 0:
        raise _CronError(f"negative number ({n}) not allowed: {expr}")
    return n


def _int_or_name(expr: str, names: list[str] | None) -> int:
    if names is not None and expr.lower() in names:
        return names.index(expr.lower()) + (1 if names[0] == "jan" else 0)
    return _must_int(expr)


def _range(expr: str, lo: int, hi: int, names: list[str] | None) -> None:
    range_step = expr.split("/")
    low_high = range_step[0].split("-")
    if low_high[0] in ("*", "?"):
        start, end = lo, hi
    else:
        start = _int_or_name(low_high[0], names)
        if len(low_high) == 1:
            end = start
        elif len(low_high) == 2:
            end = _int_or_name(low_high[1], names)
        else:
            raise _CronError(f"too many hyphens: {expr}")
    if len(range_step) == 1:
        step = 1
    elif len(range_step) == 2:
        step = _must_int(range_step[1])
        if len(low_high) == 1:
            end = hi
    else:
        raise _CronError(f"too many slashes: {expr}")
    if start < lo:
        raise _CronError(f"beginning of range ({start}) below minimum ({lo}): {expr}")
    if end > hi:
        raise _CronError(f"end of range ({end}) above maximum ({hi}): {expr}")
    if start > end:
        raise _CronError(f"beginning of range ({start}) beyond end of range ({end}): {expr}")
    if step == 0:
        raise _CronError(f"step of range should be a positive number: {expr}")


def cron_parse_error(spec: str) -> str | None:
    if not spec:
        return "empty spec string"
    if spec.startswith(("TZ=", "CRON_TZ=")):
        i, eq = spec.find(" "), spec.find("=")
        name = spec[eq + 1:i] if i >= 0 else spec[eq + 1:]
        if _unknown_zone(name):
            return f"provided bad location {name}: unknown time zone {name}"
        spec = spec[i:].strip() if i >= 0 else ""
    if spec.startswith("@"):
        if spec in _DESCRIPTORS:
            return None
        if spec.startswith("@every "):
            err = go_duration_error(spec[len("@every "):])
            return f"failed to parse duration {spec}: {err}" if err else None
        return f"unrecognized descriptor: {spec}"
    fields = spec.split()
    if len(fields) != 5:
        return f"expected exactly 5 fields, found {len(fields)}: [{' '.join(fields)}]"
    try:
        for field, (_, lo, hi, names) in zip(fields, _BOUNDS):
            for expr in [e for e in field.split(",") if e]:
                _range(expr, lo, hi, names)
    except _CronError as e:
        return str(e)
    return None


_DURATION_UNITS = {"ns": 1, "us": 10**3, "\u00b5s": 10**3, "\u03bcs": 10**3, "ms": 10**6, "s": 10**9,
                   "m": 60 * 10**9, "h": 3600 * 10**9}


def _go_quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def go_duration_error(text: str) -> str | None:
    """The error Go's time.ParseDuration gives for ``text`` (None when it parses)."""
    orig, s = text, text
    bad = f"time: invalid duration {_go_quote(orig)}"
    if s[:1] in ("-", "+"):
        s = s[1:]
    if s == "0":
        return None
    if not s:
        return bad
    total = 0
    while s:
        m = re.match(r"(\d*)(?:\.(\d*))?", s)
        whole, frac = m.group(1), m.group(2)
        if not whole and not frac:
            return bad  # no digits at all (".s" included)
        s = s[m.end():]
        u = re.match(r"[^0-9.]*", s).group(0)
        if not u:
            return f"time: missing unit in duration {_go_quote(orig)}"
        if u not in _DURATION_UNITS:
            return f"time: unknown unit {_go_quote(u)} in duration {_go_quote(orig)}"
        s = s[len(u):]
        total += int(whole or 0) * _DURATION_UNITS[u]
        if total > (1 << 63) - 1:
            return bad
    return None


def _unknown_zone(name: str) -> bool:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    if name in ("", "UTC", "Local"):
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return True
    return False


def cron_schedule_and_zone(spec: Obj, path: str) -> tuple[list[FieldError], list[FieldError]]:
    """(schedule errors, time zone errors): the schedule's go where the schedule is checked, the zone's last."""
    errs: list[FieldError] = []
    schedule = spec.get("schedule") or ""
    if not schedule:
        errs.append(required(f"{path}.schedule"))
    else:
        err = cron_parse_error(str(schedule))
        if err:
            errs.append(invalid(f"{path}.schedule", schedule, err))
        if "TZ" in str(schedule):
            errs.append(invalid(f"{path}.schedule", schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone "
                                                              "field instead"))
    zerrs: list[FieldError] = []
    tz = spec.get("timeZone")
    if tz is not None:
        tz = str(tz)
        zp = f"{path}.timeZone"
        if not tz:
            zerrs.append(invalid(zp, tz, "timeZone must be nil or non-empty string"))
        elif any(p in (".", "..") or p.startswith("-") or not re.fullmatch(r"[A-Za-z.\-_0-9+]{1,14}", p)
                 for p in tz.split("/")):
            zerrs.append(invalid(zp, tz, f"unknown time zone {tz}"))
        elif tz.lower() == "local":
            zerrs.append(invalid(zp, tz, "timeZone must be an explicit time zone as defined in "
                                         "https://www.iana.org/time-zones"))
        elif _unknown_zone(tz):
            zerrs.append(invalid(zp, tz, f"unknown time zone {tz}"))
    return errs, zerrs
