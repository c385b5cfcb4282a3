"""get: the click command; the work is in get_core (which the fast path in cli/fastget.py calls without click)."""

from __future__ import annotations

import click

from . import common
from .get_core import *  # noqa: F401,F403 - other verbs import the selector helpers from here
from .click_grammar import options_from
from .get_core import FLAGS, run_get

CTX = {"help_option_names": ["-h", "--help"]}


@click.command("get", context_settings=CTX)
@click.argument("args", nargs=-1)
@options_from(FLAGS)
def get_cmd(args: tuple[str, ...], output: str | None, all_namespaces: bool, selector: str | None,
            field_selector: str | None, show_labels: bool, show_kind: bool, no_headers: bool,
            label_columns: tuple[str, ...], ignore_not_found: bool, sort_by: str | None, watch: bool,
            chunk_size: int, files: tuple[str, ...], kustomize: str | None, recursive: bool, allow_missing_template_keys: bool,
            template_flag: str, watch_only: bool, output_watch_events: bool, show_managed_fields: bool,
            server_print: bool, raw: str, subresource: str) -> None:
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
            server_print=server_print, raw=raw, subresource=subresource)


COMMANDS = {"get": get_cmd}
