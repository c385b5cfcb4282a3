"""describe: kubectl's detailed views with related objects and events."""

from __future__ import annotations

from typing import Any

import click

from .. import errors
from . import common
from .printflags import kustomize_option
from .set_cmd import RECURSIVE_HELP, SELECTOR_HELP

CTX = {"help_option_names": ["-h", "--help"]}


@click.command("describe", context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("-l", "--selector", default=None, help=SELECTOR_HELP)
@click.option("-A", "--all-namespaces", is_flag=True, help="If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.")
@click.option("--show-events", type=click.BOOL, default=True, help="If true, display events related to the described object.")
@click.option("-f", "--filename", "files", multiple=True, help="Filename, directory, or URL to files containing the resource to describe")
@click.option("-R", "--recursive", is_flag=True, help=RECURSIVE_HELP)
@click.option("--chunk-size", type=int, default=500, help="Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.")
@kustomize_option
def describe_cmd(args: tuple[str, ...], selector: str | None, all_namespaces: bool, show_events: bool,
                 files: tuple[str, ...], recursive: bool = False, chunk_size: int = 500) -> None:
    """Show details of a specific resource or group of resources.

    Print a detailed description of the selected resources, including related resources such as events or
    controllers. You may select a single object by name, all objects of that type, provide a name prefix, or label
    selector.

    \b
    Examples:
      # Describe a node
      pykubectl describe nodes kubernetes-node-emt8.c.myproject.internal
    \b
      # Describe a pod
      pykubectl describe pods/nginx
    \b
      # Describe all pods managed by the 'frontend' replication controller
      pykubectl describe pods frontend
    """
    from ..printers.describe import describe
    from ..client.rest import resource_name as group_resource
    from ..client.rest import get_object, list_objects
    from .get import parse_selector

    env = common.env_of()
    if files:
        common.check_file_namespaces(env, files, recursive)
    file_targets = common.file_targets(files, recursive) if files else []
    if not args and not file_targets:
        raise errors.UsageError("error: You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.")
    targets = file_targets or common.parse_targets(args)
    ns = None if all_namespaces else common.namespace(env)
    sel = parse_selector(selector)
    store = common.open_store(env)
    out: list[str] = []
    errs: list[str] = []
    with store.read() as tx:
        def lookup(kind_name: str, lns: str | None, label_selector: dict | None) -> list[dict]:
            from ..api import registry

            k = registry.resolve(kind_name)
            if k.kind == "Event":
                return tx.list_events(lns)
            objs = tx.list(k.group, k.kind, lns if k.namespaced else None, match_labels=label_selector or None)
            return objs

        for t in targets:
            use_ns = (t.namespace or ns) if t.kind.namespaced else ""
            if t.names:
                objs = []
                for n in t.names:
                    o = get_object(tx, t.kind, use_ns or "", n)
                    if o is None:
                        # describe falls back to a name prefix, as kubectl does
                        cands = [c for c in list_objects(tx, t.kind, use_ns, None, None)
                                 if c["metadata"]["name"].startswith(n)]
                        if not cands:
                            errs.append(f'Error from server (NotFound): {group_resource(t.kind.group, t.kind.kind)} "{n}" not found')
                        objs.extend(cands)
                    else:
                        objs.append(o)
            else:
                objs = list_objects(tx, t.kind, use_ns if t.kind.namespaced else None, None, None)
                if sel is not None:
                    objs = [o for o in objs if sel.matches(o["metadata"].get("labels") or {})]
            for o in objs:
                events = tx.events_for(o["metadata"]["uid"]) if show_events else []
                events.sort(key=lambda e: (e.get("lastTimestamp") or "", int(e["metadata"].get("resourceVersion") or 0)))
                text = (describe(o, now=env.now(), events=events, lookup=lookup, show_events=show_events)
                        if _accepts_show_events() else describe(o, now=env.now(), events=events, lookup=lookup))
                if not show_events:
                    text = _without_events_section(text)
                out.append(text)
    if out:
        # describe.go writes each description after the first behind "\n\n": two blank lines between objects.
        env.stdout.write("\n\n".join(x.rstrip("\n") + "\n" for x in out))
    elif not errs:
        common.err(env, f"No resources found in {ns} namespace." if ns else "No resources found")
    for e in errs:
        env.stdout.flush()
        common.err(env, e)
    if errs:
        raise errors.PykubectlError("")


def _without_events_section(text: str) -> str:
    """--show-events=false: kubectl's describers write no Events section at all (not "Events: <none>")."""
    lines = text.rstrip("\n").split("\n")
    if lines and lines[-1].startswith("Events:"):
        lines.pop()
    return "\n".join(lines) + "\n"


def _accepts_show_events() -> bool:
    import inspect

    from ..printers.describe import describe

    return "show_events" in inspect.signature(describe).parameters


COMMANDS = {"describe": describe_cmd}
