"""wait: wait until a condition holds on one or many objects, as time passes in the cluster.

kubectl wait watches each object in turn until its condition holds or --timeout passes. Here each object is read,
and while its condition does not hold a Waiter (cli/waiting.py) lets time pass and has the cluster do the work that
comes due (a Job's pods finishing after 5 s of cluster time complete the Job within --timeout=30s), then reads it
again, so a change or a delete made by another process is seen too.

Messages follow kubectl/pkg/cmd/wait (v1.32): ``deployment.apps/web condition met`` on stdout,
``error: timed out waiting for the condition on deployments/web``, with --timeout=0
``error: condition not met for deployments/web``, ``error: no matching resources found``.
"""

from __future__ import annotations

from typing import Any, Callable

import click

from .. import errors
from . import common
from .durations import parse_duration
from .objectupdate import report_errors

CTX = {"help_option_names": ["-h", "--help"]}

def timeout_flag(value: str, command: str) -> float:
    """A --timeout flag's duration in seconds, or pflag's invalid-argument error for ``kubectl COMMAND``."""
    try:
        return parse_duration(value)
    except ValueError as e:
        raise errors.UsageError(f'error: invalid argument "{value}" for "--timeout" flag: {e}\n'
                                f"See 'kubectl {command} --help' for usage.") from None


class _Timeout(click.ParamType):
    name = "duration"

    def convert(self, value: Any, param: Any, ctx: Any) -> float:
        if isinstance(value, float):
            return value
        return timeout_flag(str(value), "wait")


def _split_jsonpath_input(text: str) -> list[str]:
    """kubectl splits on a single '='; '==' stays inside the expression."""
    out: list[str] = []
    cur: list[str] = []
    i = 0
    while i < len(text):
        if text[i] == "=":
            if i < len(text) - 1 and text[i + 1] == "=":
                cur.append("==")
                i += 2
                continue
            out.append("".join(cur))
            cur = []
            i += 1
            continue
        cur.append(text[i])
        i += 1
    out.append("".join(cur))
    return out


Check = Callable[[dict], bool]


def condition_func(for_: str) -> tuple[str, Check | None]:
    """(mode, check): mode is "delete", "create" or "check"; raises kubectl's errors for a bad --for."""
    low = for_.lower()
    if low == "delete":
        return "delete", None
    if low == "create":
        return "create", None
    if for_.startswith("condition="):
        name = for_[len("condition="):]
        value = "true"
        if "=" in name:
            name, value = name.split("=", 1)
        return "check", lambda obj: _condition_met(obj, name, value)
    if for_.startswith("jsonpath="):
        from ..printers.jsonpath import JSONPath, relaxed

        parts = _split_jsonpath_input(for_[len("jsonpath="):])
        if len(parts) > 2:
            raise errors.ClientError("error: jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 "
                                     "or --for=jsonpath='{.status.readyReplicas}'")
        expr = relaxed(parts[0])
        value = None
        if len(parts) == 2:
            value = parts[1].strip("'\"")
            if value == "":
                raise errors.ClientError("error: jsonpath wait has to have a value after equal sign, like "
                                         "--for=jsonpath='{.status.readyReplicas}'=3")
        if expr == "":
            raise errors.ClientError("error: jsonpath expression cannot be empty")
        jp = JSONPath(expr, allow_missing_keys=True)
        return "check", lambda obj: _jsonpath_met(jp, obj, value)
    raise errors.ClientError(f'error: unrecognized condition: "{for_}"')


def _fold(s: str) -> str:
    return s.casefold()


def _condition_met(obj: dict, name: str, value: str) -> bool:
    status = obj.get("status") or {}
    conds = status.get("conditions")
    if not isinstance(conds, list):
        return False
    gen = (obj.get("metadata") or {}).get("generation")
    for c in conds:
        if not isinstance(c, dict) or not isinstance(c.get("type"), str) or _fold(c["type"]) != _fold(name):
            continue
        if not isinstance(c.get("status"), str):
            continue
        if isinstance(gen, int):
            observed = c.get("observedGeneration", status.get("observedGeneration"))
            if isinstance(observed, int) and observed < gen:
                return False
        return _fold(c["status"]) == _fold(value)
    return False


def _jsonpath_met(jp: Any, obj: dict, value: str | None) -> bool:
    from ..printers.jsonpath import go_sprint

    results = jp.find_results(obj)
    if not results or not results[0]:
        return False
    if len(results) > 1:
        raise errors.ClientError("error: given jsonpath expression returns more than one result")
    if len(results[0]) > 1:
        raise errors.ClientError("error: given jsonpath expression matches more than one value")
    if value is None:
        return True
    got = results[0][0]
    if isinstance(got, (dict, list)):
        raise errors.ClientError("error: jsonpath leads to a nested object or list which is not supported")
    return go_sprint(got).strip() == value.strip()


@click.command("wait", context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("--for", "for_", default="", help="The condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]].")
@click.option("--timeout", type=_Timeout(), default="30s", help="The length of time to wait before giving up. Zero means check once and don't wait, negative means wait for a week.")
@click.option("-f", "--filename", "files", multiple=True, help="identifying the resource.")
@click.option("-R", "--recursive", type=click.BOOL, default=True, is_flag=False, flag_value=True, help="Process the directory used in -f, --filename recursively.")
@click.option("-l", "--selector", default=None, help="Selector (label query) to filter on.")
@click.option("--field-selector", default=None, help="Selector (field query) to filter on.")
@click.option("--all", "all_", is_flag=True, help="Select all resources in the namespace of the specified resource types")
@click.option("-A", "--all-namespaces", is_flag=True, help="If present, list the requested object(s) across all namespaces.")
@click.option("--local", is_flag=True, help="If true, annotation will NOT contact api-server but run locally.")
@click.option("-o", "--output", default=None, help="Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).")
@click.option("--allow-missing-template-keys", type=click.BOOL, default=True, is_flag=False, flag_value=True, help="If true, ignore any errors in templates when a field or map key is missing in the template.")
@click.option("--template", "template_flag", default="", help="Template string or path to template file to use when -o=go-template, -o=go-template-file.")
@click.option("--show-managed-fields", is_flag=True, help="If true, keep the managedFields when printing objects in JSON or YAML format.")
def wait_cmd(args: tuple[str, ...], for_: str, timeout: float, files: tuple[str, ...], recursive: bool,
             selector: str | None, field_selector: str | None, all_: bool, all_namespaces: bool, local: bool,
             output: str | None, allow_missing_template_keys: bool, template_flag: str,
             show_managed_fields: bool) -> None:
    """Experimental: Wait for a specific condition on one or many resources.

    The command takes multiple resources and waits until the specified condition is seen in the Status field of
    every given resource.

    \b
    Examples:
      # Wait for the deployment "web" to be Available
      pykubectl wait --for=condition=Available deployment/web
    \b
      # Wait for the pod "busybox1" to contain the status phase to be "Running"
      pykubectl wait --for=jsonpath='{.status.phase}'=Running pod/busybox1
    \b
      # Wait for the pod "busybox1" to be deleted, with a timeout of 60s
      pykubectl wait --for=delete pod/busybox1 --timeout=60s
    """
    env = common.env_of()
    if isinstance(timeout, str):
        timeout = _Timeout().convert(timeout, None, None)
    mode, check = condition_func(for_)
    if not args and not files:
        raise errors.ClientError(
            "error: You must provide one or more resources by argument or filename.\nExample resource "
            "specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n"
            "   '<resource>'")
    if output and "=" not in output and template_flag:
        output = f"{output}={template_flag}"
    store = common.open_store(env)
    found = _collect(env, store, args, files, recursive, selector, field_selector, all_, all_namespaces, mode)
    from ..client.rest import resource_name as group_resource
    from .waiting import Waiter

    waiter = Waiter(env, store, timeout)
    if mode == "create":
        # kubectl polls until every object exists, then prints them all.
        while any(obj is None for _, obj, _, _ in found):
            if not waiter.pause():
                raise errors.ClientError("error: timed out waiting for the condition")
            found = [(kind, _read(store, kind, ns, name), name, ns) for kind, _, name, ns in found]
    problems: list[Exception] = []  # kubectl visits every object, sharing one deadline, and reports them all at the end
    expired = False
    for kind, obj, name, ns in found:
        where = f"{kind.plural}/{name}"
        if obj is None and mode != "delete":
            problems.append(errors.NotFound(f'{group_resource(kind.group, kind.kind)} "{name}" not found'))
            continue
        uid = (obj or {}).get("metadata", {}).get("uid")
        if expired and timeout != 0:
            # The shared deadline has passed: kubectl's watch of every later object ends at once, met or not
            # (observed with real kubectl 1.32: a ready pod after a timed-out one timed out too).
            problems.append(errors.bare_client_error(f"timed out waiting for the condition on {where}"))
            continue
        while True:
            if mode == "delete":
                # kubectl ignores NotFound for --for=delete (already gone: nothing printed); an object made again
                # under the same name (another uid) counts as deleted.
                if obj is None or obj["metadata"].get("uid") != uid:
                    break
            elif obj is not None and (mode != "check" or check is None or check(obj)):
                _print(env, kind, obj, output)
                break
            if not waiter.pause():
                if mode == "check" and timeout == 0:
                    problems.append(errors.bare_client_error(f"condition not met for {where}"))
                else:
                    problems.append(errors.bare_client_error(f"timed out waiting for the condition on {where}"))
                expired = True
                break
            obj = _read(store, kind, ns, name)
    report_errors(env, problems)
    if problems:
        raise errors.PykubectlError("")


def _read(store: Any, kind: Any, ns: str, name: str) -> dict | None:
    with store.read() as tx:
        return tx.get(kind.group, kind.kind, ns, name)


def _print(env: Any, kind: Any, obj: dict, output: str | None) -> None:
    fmt = (output or "").split("=", 1)[0]
    if fmt in ("", "name"):
        common.echo(env, f"{common.display_kind(kind)}/{obj['metadata']['name']} condition met")
        return
    env.stdout.write(common.render_objects(env, [obj], output or "", single=True))
    env.stdout.flush()


def _collect(env: Any, store: Any, args: tuple[str, ...], files: tuple[str, ...], recursive: bool,
             selector: str | None,
             field_selector: str | None, all_: bool, all_namespaces: bool,
             mode: str) -> list[tuple[Any, dict | None, str, str]]:
    """(kind, object or None, name, namespace) in kubectl's visiting order."""
    from .get import parse_field_selector, parse_selector

    has_sel = bool((selector or "").strip() or (field_selector or "").strip())
    targets = common.parse_targets(args) if args else []
    if has_sel and any(t.names for t in targets):
        raise errors.ClientError("error: name cannot be provided when a selector is specified")
    ns = common.namespace(env)
    out: list[tuple[Any, dict | None, str, str]] = []
    with store.read() as tx:
        if files:
            from ..api import registry
            from ..api.manifests import iter_documents

            common.check_file_namespaces(env, files, recursive)
            for doc in iter_documents(list(files), recursive):
                k = registry.by_api_version_kind(doc.obj["apiVersion"], doc.obj["kind"])
                md = doc.obj.get("metadata") or {}
                name = md.get("name", "")
                use_ns = (md.get("namespace") or ns) if k.namespaced else ""
                out.append((k, tx.get(k.group, k.kind, use_ns, name), name, use_ns))
            return out
        sel = parse_selector(selector)
        fsel = parse_field_selector(field_selector)
        for t in targets:
            use_ns = ns if t.kind.namespaced else ""
            if t.names:
                for n in t.names:
                    out.append((t.kind, tx.get(t.kind.group, t.kind.kind, use_ns, n), n, use_ns))
                continue
            if not (has_sel or all_ or all_namespaces):
                raise errors.ClientError("error: resource(s) were provided, but no name was specified")
            if fsel is not None:
                fsel.check(t.kind, selector or "")
            objs = tx.list(t.kind.group, t.kind.kind, None if (all_namespaces or not t.kind.namespaced) else use_ns)
            for o in objs:
                if sel is not None and not sel.matches((o.get("metadata") or {}).get("labels") or {}):
                    continue
                if fsel is not None and not fsel.matches(o):
                    continue
                out.append((t.kind, o, o["metadata"]["name"], o["metadata"].get("namespace", "")))
    if not out and mode != "delete":
        raise errors.ClientError("error: no matching resources found")
    return out


COMMANDS = {"wait": wait_cmd}
