"""get: the click command; the work is in get_core (which the fast path in cli/fastget.py calls without click)."""

from __future__ import annotations

import click

from . import common
from .get_core import *  # noqa: F401,F403 - other verbs import the selector helpers from here
from .get_core import run_get

CTX = {"help_option_names": ["-h", "--help"]}


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
@click.option("-k", "--kustomize", "kustomize", default=None, help=common.KUSTOMIZE_HELP)
@click.option("-R", "--recursive", is_flag=True, help="Process the directory used in -f, --filename recursively.")
@click.option("--allow-missing-template-keys", type=click.BOOL, default=True, is_flag=False, flag_value=True,
              help="If true, ignore any errors in templates when a field or map key is missing in the template.")
@click.option("--template", "template_flag", default="", help="Template string or path to template file to use when -o=go-template, -o=go-template-file.")
@click.option("--watch-only", is_flag=True, help="Watch for changes to the requested object(s), without listing/getting first.")
@click.option("--output-watch-events", is_flag=True, help="Output watch event objects when --watch or --watch-only is used.")
@click.option("--show-managed-fields", is_flag=True, help="If true, keep the managedFields when printing objects in JSON or YAML format.")
@click.option("--server-print", type=click.BOOL, default=True, is_flag=False, flag_value=True, help="If true, have the server return the appropriate table output.")
def get_cmd(args: tuple[str, ...], output: str | None, all_namespaces: bool, selector: str | None,
            field_selector: str | None, show_labels: bool, show_kind: bool, no_headers: bool,
            label_columns: tuple[str, ...], ignore_not_found: bool, sort_by: str | None, watch: bool,
            chunk_size: int, files: tuple[str, ...], kustomize: str | None, recursive: bool, allow_missing_template_keys: bool,
            template_flag: str, watch_only: bool, output_watch_events: bool, show_managed_fields: bool,
            server_print: bool) -> None:
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
    files = tuple(common.manifest_paths(env, files, kustomize))
    run_get(env, args=args, output=output, all_namespaces=all_namespaces, selector=selector,
            field_selector=field_selector, show_labels=show_labels, show_kind=show_kind, no_headers=no_headers,
            label_columns=label_columns, ignore_not_found=ignore_not_found, sort_by=sort_by, watch=watch,
            chunk_size=chunk_size, files=files, recursive=recursive,
            allow_missing_template_keys=allow_missing_template_keys, template_flag=template_flag,
            watch_only=watch_only, output_watch_events=output_watch_events, show_managed_fields=show_managed_fields,
            server_print=server_print)


COMMANDS = {"get": get_cmd}
