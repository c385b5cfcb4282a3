"""get: tables, names, YAML/JSON and templates for one or several types."""

from __future__ import annotations

from typing import Any

import click

from .. import errors
from . import common

CTX = {"help_option_names": ["-h", "--help"]}


def fetch(tx: Any, kind: Any, ns: str | None, names: list[str], selector: Any, field_selector: Any,
          ignore_not_found: bool, errs: list[str]) -> list[dict]:
    """Objects of one kind: named ones in argument order (NotFound collected), or all matching."""
    from ..store.store import group_resource

    use_ns = ns if kind.namespaced else ""
    if names:
        out = []
        for n in names:
            o = _get_one(tx, kind, use_ns or "", n)
            if o is None:
                if not ignore_not_found:
                    errs.append(f'Error from server (NotFound): {group_resource(kind.group, kind.kind)} "{n}" not found')
                continue
            out.append(o)
        return out
    if kind.kind == "Event" and kind.group in ("", "events.k8s.io"):
        objs = tx.list_events(use_ns if kind.namespaced else None)
    else:
        objs = tx.list(kind.group, kind.kind, use_ns if kind.namespaced else ("" if use_ns == "" else None),
                       match_labels=selector.equalities() if selector is not None else None)
    if selector is not None:
        objs = [o for o in objs if selector.matches((o.get("metadata") or {}).get("labels") or {})]
    if field_selector is not None:
        objs = [o for o in objs if field_selector.matches(o)]
    return objs


def _get_one(tx: Any, kind: Any, ns: str, name: str) -> dict | None:
    if kind.kind == "Event" and kind.group == "":
        for e in tx.list_events(ns):
            if e["metadata"]["name"] == name:
                return e
        return None
    return tx.get(kind.group, kind.kind, ns, name)


class LabelQuery:
    """A parsed -l selector: its equality terms go to the store's label index, the rest is checked here."""

    def __init__(self, sel: Any):
        self.sel = sel

    def equalities(self) -> dict[str, str]:
        return {r.key: r.values[0] for r in self.sel.requirements
                if r.operator in ("=", "==", "in") and len(r.values) == 1}

    def matches(self, labels: dict) -> bool:
        return bool(self.sel.matches(labels))


class FieldQuery:
    def __init__(self, sel: Any, text: str):
        self.sel = sel
        self.text = text

    def check(self, kind: Any, label_text: str) -> None:
        from ..api import selectors

        allowed = set(selectors.supported_fields(kind.kind))
        for f in self.sel.fields():
            if f not in allowed:
                gv = f"{kind.group}/{kind.version}" if kind.group else f"/{kind.version}"
                raise errors.BadRequest(
                    f'Unable to find "{gv}, Resource={kind.plural}" that match label selector "{label_text}", '
                    f'field selector "{self.text}": field label not supported: {f}')

    def matches(self, obj: dict) -> bool:
        from ..api import selectors

        return bool(self.sel.matches(selectors.object_fields(obj)))


def parse_selector(sel: str | None) -> Any:
    if not sel:
        return None
    from ..api import selectors

    try:
        return LabelQuery(selectors.parse_label_selector(sel))
    except selectors.SelectorError as e:
        raise errors.ClientError(f"error: {e}") from None


def parse_field_selector(sel: str | None) -> Any:
    if not sel:
        return None
    from ..api import selectors

    try:
        return FieldQuery(selectors.parse_field_selector(sel), sel)
    except selectors.SelectorError as e:
        raise errors.ClientError(f"error: {e}") from None


@click.command("get", context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("-o", "--output", default=None, help=common.OUTPUT_HELP)
@click.option("-A", "--all-namespaces", is_flag=True, help="List the requested object(s) across all namespaces.")
@click.option("-l", "--selector", default=None, help="Selector (label query) to filter on.")
@click.option("--field-selector", default=None, help="Selector (field query) to filter on.")
@click.option("--show-labels", is_flag=True, help="When printing, show all labels as the last column.")
@click.option("--show-kind", is_flag=True, help="If present, list the resource type for the requested object(s).")
@click.option("--no-headers", is_flag=True, help="When using the default or custom-column output format, don't print headers.")
@click.option("-L", "--label-columns", multiple=True, help="Accepts a comma separated list of labels.")
@click.option("--ignore-not-found", is_flag=True, help="If the requested object does not exist the command will return exit code 0.")
@click.option("--sort-by", default=None, help="If non-empty, sort list types using this field specification.")
@click.option("-w", "--watch", is_flag=True, help="After listing/getting the requested object, watch for changes.")
@click.option("--chunk-size", default=500, type=int, help="Return large lists in chunks rather than all at once.")
@click.option("-f", "--filename", "files", multiple=True, help="Filename, directory, or URL to files identifying the resource to get.")
@click.option("-R", "--recursive", is_flag=True, help="Process the directory used in -f, --filename recursively.")
def get_cmd(args: tuple[str, ...], output: str | None, all_namespaces: bool, selector: str | None,
            field_selector: str | None, show_labels: bool, show_kind: bool, no_headers: bool,
            label_columns: tuple[str, ...], ignore_not_found: bool, sort_by: str | None, watch: bool,
            chunk_size: int, files: tuple[str, ...], recursive: bool) -> None:
    """Display one or many resources.

    Prints a table of the most important information about the specified resources. You can filter the list using
    a label selector and the --selector flag.

    \b
    Examples:
      # List all pods in ps output format
      pykubectl get pods
    \b
      # List all pods in ps output format with more information (such as node name)
      pykubectl get pods -o wide
    \b
      # List deployments and services together
      pykubectl get deployments,services
    \b
      # List a single pod in JSON output format
      pykubectl get -o json pod web-pod-13je7
    """
    env = common.env_of()
    if output and output.split("=", 1)[0] not in ("wide", "yaml", "json", "name", "jsonpath", "jsonpath-file",
                                                   "jsonpath-as-json", "go-template", "go-template-file",
                                                   "template", "templatefile", "custom-columns",
                                                   "custom-columns-file"):
        # get's printer flags include the human-readable "wide" in the list (checked against real kubectl output).
        raise errors.ClientError(
            f'error: unable to match a printer suitable for the output format "{output}", allowed formats are: '
            "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,"
            "jsonpath-file,name,template,templatefile,wide,yaml")
    if files:
        from ..api.manifests import iter_documents

        pairs = []
        for doc in iter_documents(list(files), recursive):
            pairs.append(f"{doc.obj['kind']}/{(doc.obj.get('metadata') or {}).get('name', '')}")
        args = tuple(pairs)
    if not args:
        raise errors.UsageError(
            "You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of "
            "supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" "
            "for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for "
            "help and examples"
        )
    targets = common.parse_targets(args)
    sel = parse_selector(selector)
    fsel = parse_field_selector(field_selector)
    ns = None if all_namespaces else common.namespace(env)
    store = common.open_store(env)
    errs: list[str] = []
    results: list[tuple[Any, list[dict]]] = []
    with store.read() as tx:
        for t in targets:
            if ns is not None and t.kind.namespaced and t.kind.kind != "Namespace":
                if tx.get("", "Namespace", "", ns) is None and not t.names:
                    pass
            if fsel is not None:
                fsel.check(t.kind, selector or "")
            objs = fetch(tx, t.kind, ns, t.names, sel, fsel, ignore_not_found, errs)
            results.append((t.kind, objs))
    if sort_by:
        from ..printers.sorting import sort_objects

        results = [(k, sort_objects(objs, sort_by)) for k, objs in results]
    named = any(t.names for t in targets)
    single = len(targets) == 1 and len(targets[0].names) == 1
    text = ""
    fmt = (output or "").split("=", 1)[0]
    all_objs = [o for _, objs in results for o in objs]
    if fmt and fmt != "wide":
        if single:
            text = common.render_objects(env, all_objs, output or "", single=True) if all_objs else ""
        elif all_objs or (not named and fmt in ("yaml", "json", "jsonpath", "go-template", "jsonpath-as-json")):
            text = common.render_objects(env, all_objs, output or "", single=False)
    else:
        from ..printers.table import print_table

        now = env.now()
        multi = len(targets) > 1 or show_kind
        blocks = []
        for kind, objs in results:
            if not objs:
                continue
            prefix = common.display_kind(kind) if multi else ""
            blocks.append(print_table(objs, kind.kind, now=now, wide=(fmt == "wide"), show_kind=bool(prefix),
                                      kind_prefix=prefix, no_headers=no_headers, show_labels=show_labels,
                                      label_columns=_label_cols(label_columns),
                                      namespace_column=ns is None and kind.namespaced))
        text = "\n".join(blocks)
    env.stdout.write(text)
    for e in errs:
        env.stdout.flush()
        common.err(env, e)
    if not all_objs and not errs and not named and (not fmt or fmt == "wide" or fmt == "name" or fmt.startswith("custom")):
        if ns is None:
            common.err(env, "No resources found")
        elif all(not t.kind.namespaced for t in targets):
            common.err(env, "No resources found")
        else:
            common.err(env, f"No resources found in {ns} namespace.")
    if errs:
        raise errors.PykubectlError("")


def _label_cols(cols: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for c in cols:
        out.extend(x for x in c.split(",") if x)
    return out


COMMANDS = {"get": get_cmd}
