"""get: tables, names, YAML/JSON and templates for one or several types (no click here: see cli/fastget.py)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .. import errors
from ..api import listquery
from ..api.listquery import FIELD_LABELS, LabelQuery  # noqa: F401 - re-exported
from . import common
from .pflag import Flag

# get's flags: the click command (get.py) is declared from this table and the fast path (fastget.py) parses with it.
FLAGS = (
    Flag("output", "o", usage=common.OUTPUT_HELP),
    Flag("all-namespaces", "A", "bool", default=False,
         usage="If present, list the requested object(s) across all namespaces. Namespace in current context is "
               "ignored even if specified with --namespace."),
    Flag("selector", "l", usage="Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'."
                                "(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy "
                                "all of the specified label constraints."),
    Flag("field-selector", usage="Selector (field query) to filter on, supports '=', '==', and '!='."
                                 "(e.g. --field-selector key1=value1,key2=value2). The server only supports a "
                                 "limited number of field queries per type."),
    Flag("show-labels", kind="bool", default=False,
         usage="When printing, show all labels as the last column (default hide labels column)"),
    Flag("show-kind", kind="bool", default=False,
         usage="If present, list the resource type for the requested object(s)."),
    Flag("no-headers", kind="bool", default=False,
         usage="When using the default or custom-column output format, don't print headers (default print headers)."),
    Flag("label-columns", "L", "stringSlice",
         usage="Accepts a comma separated list of labels that are going to be presented as columns. Names are "
               "case-sensitive. You can also use multiple flag options like -L label1 -L label2..."),
    Flag("ignore-not-found", kind="bool", default=False,
         usage="If set to true, suppresses NotFound error for specific objects that do not exist. Using this flag "
               "with commands that query for collections of resources has no effect when no resources are found."),
    Flag("sort-by", usage="If non-empty, sort list types using this field specification.  The field specification "
                          "is expressed as a JSONPath expression (e.g. '{.metadata.name}'). The field in the API "
                          "resource specified by this JSONPath expression must be an integer or a string."),
    Flag("watch", "w", "bool", default=False,
         usage="After listing/getting the requested object, watch for changes."),
    Flag("chunk-size", kind="int", default=500,
         usage="Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may "
               "change in the future."),
    Flag("filename", "f", "stringSlice", dest="files",
         usage="Filename, directory, or URL to files identifying the resource to get from a server."),
    Flag("kustomize", "k", usage=common.KUSTOMIZE_HELP),
    Flag("recursive", "R", "bool", default=False,
         usage="Process the directory used in -f, --filename recursively. Useful when you want to manage related "
               "manifests organized within the same directory."),
    Flag("allow-missing-template-keys", kind="bool", default=True,
         usage="If true, ignore any errors in templates when a field or map key is missing in the template. Only "
               "applies to golang and jsonpath output formats."),
    Flag("template", dest="template_flag", default="",
         usage="Template string or path to template file to use when -o=go-template, -o=go-template-file. The "
               "template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
    Flag("watch-only", kind="bool", default=False,
         usage="Watch for changes to the requested object(s), without listing/getting first."),
    Flag("output-watch-events", kind="bool", default=False,
         usage="Output watch event objects when --watch or --watch-only is used. Existing objects are output as "
               "initial ADDED events."),
    Flag("show-managed-fields", kind="bool", default=False,
         usage="If true, keep the managedFields when printing objects in JSON or YAML format."),
    Flag("server-print", kind="bool", default=True,
         usage="If true, have the server return the appropriate table output. Supports extension APIs and CRDs."),
    Flag("raw", default="",
         usage="Raw URI to request from the server.  Uses the transport specified by the kubeconfig file."),
    Flag("subresource", default="",
         usage="If specified, gets the subresource of the requested object. This flag is beta and may change in "
               "the future."),
    Flag("help", "h", "bool", default=False, usage="help for get"),
)


def fetch(tx: Any, kind: Any, ns: str | None, names: list[str], selector: Any, field_selector: Any,
          ignore_not_found: bool, errs: list[str], lazy: bool = False, table: bool = False) -> Iterable[Any]:
    """Objects of one kind: named ones in argument order (NotFound collected), or all matching. ``lazy``: a listing
    comes as an iterator over the store's cursor (a table of 100,000 pods never holds them all). ``table``: only
    print_table will read them, so a listing of pods comes as the store's pod table rows (printers.table.
    PodTableRows), not as objects."""
    from ..client import rest

    use_ns = ns if kind.namespaced else ""
    if names:
        out = []
        for n in names:
            o = rest.get_object(tx, kind, use_ns or "", n)
            if o is None:
                if not ignore_not_found:
                    from .common import not_found

                    errs.append(str(not_found(tx, kind, use_ns or "", n)))
                continue
            out.append(o)
        return out
    if table and lazy and field_selector is None and kind.kind == "Pod" and kind.group == "":
        return rest.list_pod_table_rows(tx, kind, ns, selector)
    return rest.list_objects(tx, kind, ns, selector, field_selector, lazy=lazy)


def unable_to_find(kind: Any, label_text: str, field_text: str, detail: str) -> errors.BadRequest:
    """The BadRequest kubectl's builder reports for a rejected list (resource/visitor.go wraps the server's text)."""
    from ..printers.jsonpath import go_quote

    gv = f"{kind.group}/{kind.version}" if kind.group else f"/{kind.version}"
    return errors.BadRequest(f'Unable to find "{gv}, Resource={kind.plural}" that match label selector '
                             f'{go_quote(label_text)}, field selector {go_quote(field_text)}: {detail}')


class FieldQuery(listquery.FieldQuery):
    def check(self, kind: Any, label_text: str) -> None:
        detail = self.unsupported(kind)
        if detail is not None:
            raise unable_to_find(kind, label_text, self.text, detail)


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


def run_get(env: Any, args: tuple[str, ...], output: str | None, all_namespaces: bool, selector: str | None,
            field_selector: str | None, show_labels: bool, show_kind: bool, no_headers: bool,
            label_columns: tuple[str, ...], ignore_not_found: bool, sort_by: str | None, watch: bool,
            chunk_size: int, files: tuple[str, ...], recursive: bool, allow_missing_template_keys: bool,
            template_flag: str, watch_only: bool, output_watch_events: bool, show_managed_fields: bool,
            server_print: bool, raw: str = "", subresource: str = "") -> None:
    """get on an Env: the click command and the fast path (cli/fastget.py) both end here."""
    if raw:
        if args:
            raise errors.ClientError("error: arguments may not be passed when --raw is specified")
        if watch or watch_only or selector:
            raise errors.ClientError("error: --raw may not be specified with other flags that filter the server "
                                     "request or alter the output")
        if output:
            raise errors.ClientError("error: --raw and --output are mutually exclusive")
        get_raw(env, raw)
        return
    if output and "=" not in output and template_flag and output in TEMPLATE_FORMATS:
        output = f"{output}={template_flag}"
    elif not output and template_flag:
        output = f"go-template={template_flag}"  # kubectl's printer flags: a template alone means a Go template
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
        common.check_file_namespaces(env, files, recursive)
    targets = common.file_targets(files, recursive) if files else []
    if not args and not targets:
        raise errors.UsageError(
            "You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of "
            "supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" "
            "for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for "
            "help and examples"
        )
    # get's Validate, after Complete found the resources.
    if show_labels and output and output not in ("wide",):
        raise errors.ClientError(f"error: --show-labels option cannot be used with {output} printer")
    if output_watch_events and not (watch or watch_only):
        raise errors.ClientError("error: --output-watch-events option can only be used with --watch or --watch-only")
    targets = targets or common.parse_targets(args)
    if all_namespaces and not files and any(t.names and t.kind.namespaced for t in targets):
        # The resource builder refuses names with --all-namespaces (ResourceTypeOrNameArgs).
        raise errors.ClientError("error: a resource cannot be retrieved by name across all namespaces")
    if ((selector or "").strip() or (field_selector or "").strip()) and any(t.names for t in targets):
        raise errors.ClientError("error: name cannot be provided when a selector is specified")
    if (watch or watch_only) and len({(t.kind.group, t.kind.kind) for t in targets}) > 1:
        # The watch builder asks for SingleResourceType (k8s.io/cli-runtime resource builder).
        raise errors.ClientError("error: you may only specify a single resource type")
    try:
        sel = parse_selector(selector)
        fsel = parse_field_selector(field_selector)
    except errors.ClientError as e:
        # kubectl sends selectors as they are; the API server rejects them and the builder names the list.
        raise unable_to_find(targets[0].kind, selector or "", field_selector or "",
                             str(e).removeprefix("error: ")) from None
    ns = None if all_namespaces else common.namespace(env)
    fmt = (output or "").split("=", 1)[0]
    human = fmt in ("", "wide")
    if subresource:
        _get_subresource(env, targets, ns, subresource, output, fmt, human, ignore_not_found,
                         allow_missing_template_keys, no_headers, show_kind, show_labels, label_columns,
                         show_managed_fields, server_print)
        return
    store = common.open_store(env)
    errs: list[str] = []
    if watch or watch_only:
        _watch(env, store, targets[0], ns, sel, fsel, selector or "", field_selector or "", output, all_namespaces,
               no_headers, show_kind, show_labels, label_columns, ignore_not_found, allow_missing_template_keys,
               watch_only, output_watch_events, show_managed_fields, server_print, sort_by)
        return
    results: list[tuple[Any, Iterable[dict]]] = []
    # A table without --sort-by is built from the store's cursor as it reads: the read lasts until it is printed.
    with store.read() as tx:
        for t in targets:
            if fsel is not None and not t.names:
                fsel.check(t.kind, selector or "")
            objs = fetch(tx, t.kind, t.namespace or ns, t.names, sel, fsel if not t.names else None, ignore_not_found, errs,
                         lazy=human and not sort_by, table=human and not sort_by and server_print)
            results.append((t.kind, objs))
        text = _output(env, results, targets, output, fmt, human, ns, sort_by, watch_only, ignore_not_found,
                       allow_missing_template_keys, no_headers, show_kind, show_labels, label_columns,
                       show_managed_fields, server_print=server_print)
    env.stdout.write(text)
    for e in errs:
        env.stdout.flush()
        common.err(env, e)
    # get.go: only the human-readable printers say so, and not with --ignore-not-found or a watch.
    if human and not text and not errs and not ignore_not_found and not (watch or watch_only):
        if ns is None:
            common.err(env, "No resources found")
        elif all(not t.kind.namespaced for t in targets):
            common.err(env, "No resources found")
        else:
            common.err(env, f"No resources found in {ns} namespace.")
    if errs:
        raise errors.PykubectlError("")


def _get_subresource(env: Any, targets: list[Any], ns: str | None, subresource: str, output: str | None,
                     fmt: str, human: bool, ignore_not_found: bool, allow_missing: bool, no_headers: bool,
                     show_kind: bool, show_labels: bool, label_columns: tuple[str, ...], show_managed_fields: bool,
                     server_print: bool) -> None:
    """get --subresource: only named objects (the builder refuses a listing); each object's subresource as the
    API server answers it. A Scale has no columns of its own: its table is NAME and AGE."""
    if any(not t.names for t in targets):
        raise errors.ClientError("error: subresource cannot be used when bulk resources are specified")
    results: list[tuple[Any, list[dict]]] = []
    errs: list[str] = []
    for t in targets:
        objs = []
        for n in t.names:
            try:
                objs.append(fetch_subresource(env, t.kind, (t.namespace or ns or "default") if t.kind.namespaced
                                              else "", n, subresource))
            except errors.ServerError as e:
                if not (ignore_not_found and e.reason == "NotFound"):
                    errs.append(str(e))
        results.append((t.kind, objs))
    scale = subresource == "scale"
    text = _output(env, results, targets, output, fmt, human, ns, None, False, ignore_not_found, allow_missing,
                   no_headers, show_kind, show_labels, label_columns, show_managed_fields,
                   server_print=server_print and not scale)
    env.stdout.write(text)
    for e in errs:
        env.stdout.flush()
        common.err(env, e)
    if errs:
        raise errors.PykubectlError("")


def _watch(env: Any, store: Any, target: Any, ns: str | None, sel: Any, fsel: Any, selector: str, field_selector: str,
           output: str | None, all_namespaces: bool, no_headers: bool, show_kind: bool, show_labels: bool,
           label_columns: tuple[str, ...], ignore_not_found: bool, allow_missing: bool, watch_only: bool,
           output_watch_events: bool, show_managed_fields: bool, server_print: bool, sort_by: str | None) -> None:
    """get -w / --watch-only (cli/get_watch.py): the objects as they are, then the changes."""
    from . import get_watch

    if sort_by:
        common.err(env, "warning: --watch requested, --sort-by will be ignored for watch events received" if not
                   watch_only else "warning: --watch-only requested, --sort-by will be ignored")
    errs: list[str] = []
    # The watch cache starts before the list is read, so that it holds every change after the list's version.
    api = get_watch.open_api(env)
    try:
        _watch_listed(env, api, store, target, ns, sel, fsel, selector, field_selector, output, all_namespaces,
                      no_headers, show_kind, show_labels, label_columns, allow_missing, watch_only,
                      output_watch_events, show_managed_fields, server_print, errs)
    finally:
        api.close()


def _watch_listed(env: Any, api: Any, store: Any, target: Any, ns: str | None, sel: Any, fsel: Any, selector: str,
                  field_selector: str, output: str | None, all_namespaces: bool, no_headers: bool, show_kind: bool,
                  show_labels: bool, label_columns: tuple[str, ...], allow_missing: bool, watch_only: bool,
                  output_watch_events: bool, show_managed_fields: bool, server_print: bool, errs: list[str]) -> None:
    from . import get_watch

    with store.read() as tx:
        if fsel is not None and not target.names:
            fsel.check(target.kind, selector)
        objs = list(fetch(tx, target.kind, target.namespace or ns, target.names, sel,
                          fsel if not target.names else None, False, errs))  # kubectl's watch reports it all the same
        rv = tx.meta_get("rv") or "1"
    store.close()
    if errs:
        for e in errs:
            common.err(env, e)
        raise errors.PykubectlError("")
    printer = get_watch.Printer(env, target.kind, output, output_watch_events, all_namespaces, no_headers, show_kind,
                                show_labels, _label_cols(label_columns), allow_missing, show_managed_fields,
                                server_print)
    if len(target.names) > 1:
        # The list is printed, then the builder refuses to watch it.
        if not watch_only:
            printer.print([("ADDED", o) for o in objs])
        raise errors.ClientError("error: you may only watch a single resource or type of resource at a time")
    named = len(target.names) == 1
    get_watch.watch(env, api, printer, objs, named, target.namespace or ns, rv, selector, field_selector, watch_only)


def _output(env: Any, results: list[tuple[Any, Iterable[dict]]], targets: list[Any], output: str | None, fmt: str,
            human: bool, ns: str | None, sort_by: str | None, watch_only: bool, ignore_not_found: bool,
            allow_missing_template_keys: bool, no_headers: bool, show_kind: bool, show_labels: bool,
            label_columns: tuple[str, ...], show_managed_fields: bool, server_print: bool = True) -> str:
    """What get prints on stdout for the objects fetched (sorted first with --sort-by)."""
    multi = show_kind
    if human and not multi and len(targets) > 1 and len(results) == len(targets):
        # get.go's multipleGVKsRequested looks at what the builder returned: a list (even empty) is one info,
        # a named object only when it was found.
        results = [(k, list(objs) if t.names else objs) for t, (k, objs) in zip(targets, results)]
        kinds = {(k.group, k.version, k.kind) for t, (k, objs) in zip(targets, results) if not t.names or objs}
        multi = len(kinds) > 1
    if sort_by:
        from ..printers.sorting import sort_objects

        fmt0 = (output or "").split("=", 1)[0]
        if fmt0 in ("", "wide") and server_print:
            results = _sort_tables(targets, results, sort_by)
        elif fmt0 in ("", "wide"):
            # Without server tables the builder's infos are the objects: the RuntimeSorter orders all of them
            # together (one alone stays as it is), and a new table starts wherever the kind changes.
            flat = [(k, o) for k, objs in results for o in objs]
            if len(flat) > 1:
                order = sort_objects([o for _, o in flat], sort_by, table=False)
                kind_of = {id(o): k for k, o in flat}
                flat = [(kind_of[id(o)], o) for o in order]
            results = []
            for k, o in flat:
                if results and results[-1][0] is k:
                    results[-1][1].append(o)
                else:
                    results.append((k, [o]))
        else:
            # Other printers sort all the objects together (RuntimeSorter).
            flat = [(k, o) for k, objs in results for o in objs]
            order = sort_objects([o for _, o in flat], sort_by, table=False)
            pos = {id(o): k for k, o in flat}
            results = [(pos[id(o)], [o]) for o in order]
    single = len(targets) == 1 and len(targets[0].names) == 1
    text = ""
    if watch_only:
        pass  # kubectl would now wait for changes; the cluster is at rest, so there are none to print
    elif not human:
        all_objs = [o for _, objs in results for o in objs]
        # printGeneric: one object as itself when a single one was named, else all of them in a List (even an
        # empty one, unless --ignore-not-found).
        if single:
            text = _render(env, all_objs, output or "", True, allow_missing_template_keys, no_headers,
                           show_managed_fields) if all_objs else ""
        elif all_objs or not ignore_not_found:
            text = _render(env, all_objs, output or "", False, allow_missing_template_keys, no_headers,
                           show_managed_fields)
    else:
        from ..printers.table import print_table

        now = env.now()
        blocks = []
        for kind, objs in results:
            prefix = common.display_kind(kind) if multi else ""
            block = print_table(objs, kind, now=now, wide=(fmt == "wide"), show_kind=bool(prefix),
                                kind_prefix=prefix, no_headers=no_headers, show_labels=show_labels,
                                label_columns=_label_cols(label_columns),
                                namespace_column=ns is None and kind.namespaced, server_print=server_print)
            if block:
                blocks.append(block)
        # get.go separates kinds with a blank line only when it prints headers.
        text = ("" if no_headers else "\n").join(blocks)
    return text


def _sort_tables(targets: list[Any], results: list[tuple[Any, Any]], sort_by: str) -> list[tuple[Any, Any]]:
    """--sort-by over the server's tables, as get.go does it (read from kubectl 1.32's get.go and sorter.go, seen
    through serve): with more than one info (a list is one, each named object one) the RuntimeSorter sorts the
    Table objects themselves, so a field no Table has is an error; then each table of more than one row is sorted
    by the SortingPrinter, whose error (no row has the field) get ignores: that table prints nothing."""
    from ..printers.jsonpath import JSONPath, relaxed
    from ..printers.sorting import SortError, sort_objects

    infos = sum(len(objs) if t.names else 1 for t, (_, objs) in zip(targets, results))
    if infos > 1:
        field = relaxed(sort_by)
        table = {"kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": {"resourceVersion": "1"}}
        found = JSONPath(field, allow_missing_keys=True).find_results(table)
        if not (found and found[0]):
            raise SortError(f'error: couldn\'t find any field with path "{field}" in the list of objects')
    out = []
    for t, (k, objs) in zip(targets, results):
        objs = list(objs)
        if not t.names and len(objs) > 1:
            try:
                objs = sort_objects(objs, sort_by, table=True)
            except errors.ClientError as e:
                if "unsortable type" in str(e):
                    raise  # the comparer exits the process (klog.Exitf)
                objs = []  # NewTableSorter's error (a bad path, or no row has the field): PrintObj's, ignored
        out.append((k, objs))
    return out


TEMPLATE_FORMATS = ("jsonpath", "jsonpath-file", "jsonpath-as-json", "go-template", "go-template-file", "template",
                    "templatefile")


def get_raw(env: Any, uri: str) -> None:
    """get --raw URI: the API server's answer to GET URI, body as it comes (the HTTP adapter's routing,
    serve/api.py, so the answer is what `pykubectl serve` gives kubectl); an error Status as kubectl prints it."""
    import re

    if not uri.startswith("/") and not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", uri):
        raise errors.ClientError(f'error: --raw must be a valid URL path: parse "{uri}": invalid URI for request')
    from ..serve.api import Api, Request, WatchStream

    common.open_store(env).close()  # settle first, as every reading command does
    api = Api(env)
    try:
        resp = api.handle(Request("GET", re.sub(r"^[A-Za-z][A-Za-z0-9+.-]*://[^/]*", "", uri) or "/", {}, b""))
        if isinstance(resp, WatchStream):
            # A watch (?watch=1): its events as the server streams them, until its timeoutSeconds (or
            # --request-timeout) ends it.
            from .get_watch import stream_raw

            stream_raw(env, api, resp)
            return
    finally:
        api.close()
    if resp.code < 400:
        env.stdout.write(resp.body.decode("utf-8", "replace"))
        return
    raise _status_error(resp.body)


def _status_error(body: bytes) -> errors.ServerError:
    """The error an API server's Status body stands for, as kubectl prints it."""
    import json

    try:
        st = json.loads(body)
    except ValueError:
        st = {}
    err = errors.ServerError(str(st.get("message") or "the server could not find the requested resource"))
    err.reason = str(st.get("reason") or "NotFound")
    return err


def raw_request(env: Any, method: str, uri: str, body: bytes = b"") -> None:
    """--raw URI of delete, create and replace: the API server's answer to METHOD URI, printed as it comes."""
    import re

    if not uri.startswith("/") and not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", uri):
        raise errors.ClientError(f'error: --raw must be a valid URL path: parse "{uri}": invalid URI for request')
    env.stdout.write(api_request(env, method, re.sub(r"^[A-Za-z][A-Za-z0-9+.-]*://[^/]*", "", uri) or "/",
                                 body).decode("utf-8", "replace"))


def api_request(env: Any, method: str, path: str, body: bytes = b"") -> bytes:
    """The body of the API server's answer to METHOD PATH (the HTTP adapter's routing, serve/api.py, so the answer
    is what `pykubectl serve` gives kubectl); an error Status raised as kubectl prints it."""
    from ..serve.api import Api, Request

    common.open_store(env).close()  # settle first, as every reading command does
    api = Api(env)
    try:
        resp = api.handle(Request(method, path, {}, body))
    finally:
        api.close()
    if resp.code < 400:
        return bytes(resp.body)
    raise _status_error(resp.body)


def fetch_subresource(env: Any, kind: Any, ns: str, name: str, subresource: str) -> dict:
    """GET of one object's subresource (get --subresource status|scale) as the API server answers it."""
    import json
    from urllib.parse import quote

    base = f"/apis/{kind.group}/{kind.version}" if kind.group else f"/api/{kind.version}"
    where = f"/namespaces/{quote(ns)}" if kind.namespaced else ""
    return json.loads(api_request(env, "GET", f"{base}{where}/{kind.plural}/{quote(name)}/{quote(subresource)}"))


def _read_file(path: str, what: str) -> str:
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.read()
    except FileNotFoundError:
        raise errors.ClientError(f"error: error reading {what} {path}, open {path}: no such file or directory") \
            from None
    except OSError as e:
        raise errors.ClientError(f"error: error reading {what} {path}, open {path}: {e.strerror.lower()}") from None


def _render(env: Any, objs: list[dict], output: str, single: bool, allow_missing: bool, no_headers: bool,
            show_managed_fields: bool = False) -> str:
    """-o for get: templates (with --allow-missing-template-keys and kubectl's file errors) and custom columns
    (with --no-headers) here, the rest through common.render_objects."""
    fmt, _, arg = output.partition("=")
    if fmt in ("custom-columns", "custom-columns-file"):
        from ..printers import custom_columns as cc

        if not arg:
            raise errors.ClientError("error: custom-columns format specified but no custom columns given")
        if fmt == "custom-columns-file":
            return cc.print_custom_columns(objs, no_headers=no_headers,
                                           columns=cc.parse_template_file(_read_file(arg, "template")))
        return cc.print_custom_columns(objs, arg, no_headers=no_headers)
    if fmt not in TEMPLATE_FORMATS:
        return common.render_objects(env, objs, output, single=single, show_managed_fields=show_managed_fields)
    if not arg:
        raise errors.ClientError("error: template format specified but no template given")
    from ..printers import output as out

    data: Any = objs[0] if single and len(objs) == 1 else out.list_wrapper(objs)
    if fmt.endswith("file"):
        arg = _read_file(arg, "--template")
    if fmt.startswith("jsonpath"):
        from ..printers.jsonpath import JSONPath

        jp = JSONPath(arg, allow_missing_keys=allow_missing)
        return jp.execute_as_json(data) if fmt == "jsonpath-as-json" else jp.execute(data)
    from ..printers.gotemplate import render_go_template

    return render_go_template(arg, data, allow_missing_keys=allow_missing)


def _label_cols(cols: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for c in cols:
        out.extend(x for x in c.split(",") if x)
    return out

