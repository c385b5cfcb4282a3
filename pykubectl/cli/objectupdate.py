"""Live objects for the verbs that change them in place (label, annotate, patch, replace, edit, scale, set,
rollout; diff compares): finding the targets, one transaction per object with conflict retries, the API server's
update path."""

from __future__ import annotations

import json
from typing import Any, Callable

from .. import errors
from . import common

CTX = {"help_option_names": ["-h", "--help"]}
DRY_RUN_HELP = 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.'
POD_TEMPLATE_KINDS = {("apps", "Deployment"), ("apps", "ReplicaSet"), ("apps", "StatefulSet"), ("apps", "DaemonSet"),
                      ("batch", "Job"), ("", "Pod"), ("", "ReplicationController"), ("batch", "CronJob")}


def collect(env: Any, tx: Any, args: list[str], files: tuple[str, ...], selector: str | None, all_: bool,
            recursive: bool = False, field_selector: str | None = None) -> list[tuple[Any, dict | None, str]]:
    """(kind, object or None, name) for TYPE NAME…, TYPE/NAME…, -f, -l, --field-selector, --all."""
    from ..api import registry
    from .get import parse_selector

    ns = common.namespace(env)
    out: list[tuple[Any, dict | None, str]] = []
    if files:
        from ..api.manifests import iter_documents

        common.check_file_namespaces(env, files, recursive)
        for doc in iter_documents(list(files), recursive):
            k = registry.by_api_version_kind(doc.obj["apiVersion"], doc.obj["kind"])
            md = doc.obj.get("metadata") or {}
            name = md.get("name", "")
            out.append((k, tx.get(k.group, k.kind, (md.get("namespace") or ns) if k.namespaced else "", name), name))
        return out
    targets = common.parse_targets(args)
    sel = parse_selector(selector)
    fsel = field_query(targets, selector, field_selector)
    for t in targets:
        use_ns = ns if t.kind.namespaced else ""
        if t.names:
            for n in t.names:
                out.append((t.kind, tx.get(t.kind.group, t.kind.kind, use_ns, n), n))
        elif sel is not None or fsel is not None or all_:
            if fsel is not None:
                fsel.check(t.kind, selector or "")
            for o in tx.list(t.kind.group, t.kind.kind, use_ns):
                if ((sel is None or sel.matches(o["metadata"].get("labels") or {}))
                        and (fsel is None or fsel.matches(o))):
                    out.append((t.kind, o, o["metadata"]["name"]))
        else:
            raise errors.UsageError("error: resource(s) were provided, but no name was specified")
    return out


def mutate_each(env: Any, args: list[str], files: tuple[str, ...], selector: str | None, all_: bool,
                fn: Callable[[Any, Any, dict], str | None], settle: bool = True, as_written: bool = False,
                recursive: bool = False, all_or_nothing: bool = False) -> None:
    """Apply fn to each object in its own transaction (kubectl sends one request per object). fn returns the
    message to print (a line, or with ``as_written`` the exact text), or raises. Errors are reported after the
    last object, as kubectl's ContinueOnError visit does. ``all_or_nothing``: kubectl's builder `Infos()` before
    any change (set image/env/resources/serviceaccount/subject): an object that is not found stops the command
    before anything is changed, with every such error."""
    from ..client.rest import resource_name as group_resource

    store = common.open_store(env)
    with store.read() as tx:
        found = collect(env, tx, args, files, selector, all_, recursive)
    errs: list[Exception] = []
    if all_or_nothing:
        errs = [errors.NotFound(f'{group_resource(kind.group, kind.kind)} "{name}" not found')
                for kind, obj, name in found if obj is None]
        if errs:
            report_errors(env, errs)
            raise errors.PykubectlError("")
    for kind, obj, name in found:
        try:
            if obj is None:
                raise errors.NotFound(f'{group_resource(kind.group, kind.kind)} "{name}" not found')
            msg = update_with_retries(store, kind, obj["metadata"].get("namespace", ""), name, fn)
            if msg:
                env.stdout.write(msg) if as_written else common.echo(env, msg)
        except (errors.ServerError, errors.ClientError) as e:
            errs.append(e)
    if settle:
        common.settle(store)
    report_errors(env, errs)
    if errs:
        raise errors.PykubectlError("")


# How often a read-modify-write is retried on a resourceVersion conflict, as client-go's retry.RetryOnConflict
# (DefaultRetry: 5 steps) around kubectl's scale, set, label, annotate and rollout updates.
CONFLICT_RETRIES = 5


def update_with_retries(store: Any, kind: Any, ns: str, name: str, fn: Callable[[Any, Any, dict], str | None]) -> str | None:
    """Read the live object and apply fn to it in one transaction; on a resourceVersion conflict (another writer
    got in between the read and the write) read again and re-apply, as kubectl does. The transaction holds the
    store's write lock from its first statement, so on this store the retry is a safety net, not the usual path."""
    from ..client.rest import resource_name as group_resource

    for attempt in range(CONFLICT_RETRIES):
        try:
            with store.transaction() as tx:
                cur = tx.get(kind.group, kind.kind, ns, name)
                if cur is None:
                    raise errors.NotFound(f'{group_resource(kind.group, kind.kind)} "{name}" not found')
                return fn(tx, kind, cur)
        except errors.Conflict:
            if attempt == CONFLICT_RETRIES - 1:
                raise
    return None  # pragma: no cover



def dry_run_suffix(dry_run: str) -> str:
    return {"client": " (dry run)", "server": " (server dry run)"}.get(dry_run, "")


def same_object(a: Any, b: Any) -> bool:
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def go_json(obj: Any) -> bytes:
    """Go's json.Marshal of an unstructured object: compact, map keys sorted."""
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False, sort_keys=True).encode()


def pruned_to_schema(v: Any, node: Any) -> Any:
    from ..client import rest

    return rest.round_trip(v, node)


def write_update(tx: Any, kind: Any, new: dict, live: dict, dry_run: str, warn_unknown: bool = False) -> dict:
    """Write ``new`` over ``live`` as the API server's update path does (decode check, defaults, validation);
    status is the status subresource's, so the main resource keeps the live one. With ``warn_unknown`` (a patch:
    kubectl sends no field validation, so the server warns), unknown fields are reported and dropped."""
    from ..api.patch import schema_for
    from ..client import rest

    for msg in rest.decode(new, kind, "warn" if warn_unknown else "ignore"):
        common.server_warning(common.env_of(), msg)
    if warn_unknown:
        pruned = pruned_to_schema(new, schema_for(new))  # a custom kind has no built-in schema: its server prunes it
        if pruned is not new:
            new.clear()
            new.update(pruned)
    return rest.replace(tx, kind, new, live, dry_run, decoded=True)


def field_query(targets: list, selector: str | None, field_selector: str | None) -> Any:
    """The --field-selector of a TYPE listing, or None. kubectl sends it as typed and the API server rejects a
    malformed one; the resource builder names the list in that error as get's does."""
    from .get_core import parse_field_selector, unable_to_find

    if not field_selector:
        return None
    try:
        return parse_field_selector(field_selector)
    except errors.ClientError as e:
        raise unable_to_find(targets[0].kind, selector or "", field_selector,
                             str(e).removeprefix("error: ")) from None


def live_targets(env: Any, store: Any, args: list[str], files: tuple[str, ...], selector: str | None, all_: bool,
                 recursive: bool = False, all_namespaces: bool = False,
                 field_selector: str | None = None) -> list[tuple[Any, dict | None, str, str]]:
    """(kind, live object or None, namespace, name) in kubectl's order."""
    if all_namespaces and not files:
        from .get import parse_selector

        sel = parse_selector(selector)
        targets = common.parse_targets(args)
        fsel = field_query(targets, selector, field_selector)
        out_all = []
        with store.read() as tx:
            for t in targets:
                if fsel is not None and not t.names:
                    fsel.check(t.kind, selector or "")
                for o in tx.list(t.kind.group, t.kind.kind, None):
                    md = o["metadata"]
                    if t.names and md["name"] not in t.names:
                        continue
                    if ((sel is None or sel.matches(md.get("labels") or {}))
                            and (fsel is None or fsel.matches(o))):
                        out_all.append((t.kind, o, md.get("namespace", ""), md["name"]))
        return out_all
    with store.read() as tx:
        found = collect(env, tx, args, files, selector, all_, recursive, field_selector)
    out = []
    for kind, obj, name in found:
        ns = common.namespace(env) if kind.namespaced else ""
        if obj is not None:
            ns = obj["metadata"].get("namespace", "")
        out.append((kind, obj, ns, name))
    return out


def not_found(kind: Any, name: str) -> errors.NotFound:
    from ..client.rest import resource_name as group_resource

    return errors.NotFound(f'{group_resource(kind.group, kind.kind)} "{name}" not found')


def each_target(env: Any, store: Any, targets: list, fn: Callable[[Any, Any, dict], None]) -> bool:
    """Run fn(tx, kind, live) for each target in its own transaction. As kubectl's ContinueOnError visitor,
    errors are collected and reported after the last target: one as kubectl's CheckErr prints a single error,
    several as an aggregate (kubectl's MultipleErrors: each error's own text, a server error as "Error from server
    (Reason): ..."). True if any failed."""
    errs: list[Exception] = []
    for kind, obj, ns, name in targets:
        try:
            if obj is None:
                raise not_found(kind, name)
            with_retries(store, kind, ns, name, fn)
        except (errors.ServerError, errors.ClientError) as e:
            errs.append(e)
    report_errors(env, errs)
    return bool(errs)


def report_errors(env: Any, errs: list[Exception]) -> None:
    """kubectl's CheckErr of the errors a ContinueOnError visit collected (an aggregate of one is unwrapped)."""
    if not errs:
        return
    env.stdout.flush()
    if len(errs) == 1:
        e = errs[0]
        common.err(env, invalid_text(e) if isinstance(e, errors.Invalid) and not e.context else str(e))
        return
    for e in errs:
        if isinstance(e, errors.ServerError):
            common.err(env, server_error_text(e))
        else:
            # A client error prints its Go error text: kubectl's own "error: " is part of some (set's
            # fmt.Errorf("error: %v")) and not of others (label's and annotate's: `bare`).
            common.err(env, getattr(e, "bare", None) or str(e))


def go_error_text(e: errors.ServerError, kind: Any = None) -> str:
    """A Status error's Error() text, as a command that wraps it with fmt.Errorf prints it: the message, an
    Invalid one naming the kind with its group (``Deployment.apps "web" is invalid: …``, several causes as
    ``[a, b]``)."""
    if isinstance(e, errors.Invalid):
        qualified = f"{kind.kind}.{kind.group}" if kind is not None and kind.group else e.kind
        body = str(e.errors[0]) if len(e.errors) == 1 else "[" + ", ".join(str(x) for x in e.errors) + "]"
        return f'{qualified} "{e.name}" is invalid: {body}'
    return e.detail


def server_error_text(e: errors.ServerError) -> str:
    """kubectl's StandardErrorMessage of a Status error: "Error from server (Reason): message"."""
    prefix = f"{e.context}: " if e.context else ""
    return f"Error from server ({e.reason}): {prefix}{e.detail}"


class Precondition(errors.Conflict):
    """A conflict with the caller's own --resource-version: never retried."""


def with_retries(store: Any, kind: Any, ns: str, name: str, fn: Callable[[Any, Any, dict], None]) -> None:
    """One transaction: read the live object, apply fn. The API server applies a patch to the latest version,
    retrying internally when another writer got in between, so a conflict here is re-read and re-applied
    (bounded as CONFLICT_RETRIES)."""
    for attempt in range(CONFLICT_RETRIES):
        try:
            with store.transaction() as tx:
                live = tx.get(kind.group, kind.kind, ns, name)
                if live is None:
                    raise not_found(kind, name)
                fn(tx, kind, live)
                return
        except Precondition:
            raise
        except errors.Conflict:
            if attempt == CONFLICT_RETRIES - 1:
                raise



def invalid_text(e: errors.Invalid) -> str:
    head = f'The {e.kind} "{e.name}" is invalid: '
    if len(e.errors) == 1:
        return head + str(e.errors[0]) + "\n"  # kubectl ends the line itself, whatever the text
    return head + "\n" + "".join(f"* {fe}\n" for fe in e.errors)


