"""delete: by TYPE NAME…, TYPE/NAME, -f, -l, --all; dependents go with the owner (background cascade) unless
--cascade=orphan."""

from __future__ import annotations

from typing import Any

import click

from .. import errors
from . import common

CTX = {"help_option_names": ["-h", "--help"]}


@click.command("delete", context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("--all", "all_", is_flag=True,
              help="Delete all resources, in the namespace of the specified resource types.")
@click.option("-A", "--all-namespaces", is_flag=True,
              help="If present, list the requested object(s) across all namespaces. Namespace in current context is "
                   "ignored even if specified with --namespace.")
@click.option("--cascade", default="background",
              help='Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the '
                   "dependents (e.g. Pods created by a ReplicationController). Defaults to background.")
@click.option("--dry-run", "dry_run", default=None, is_flag=False, flag_value="unchanged", show_default="'none'",
              help=common.DRY_RUN_HELP)
@click.option("--field-selector", default="",
              help="Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector "
                   "key1=value1,key2=value2). The server only supports a limited number of field queries per type.")
@click.option("-f", "--filename", "files", multiple=True, help="containing the resource to delete.")
@click.option("--force", is_flag=True,
              help="If true, immediately remove resources from API and bypass graceful deletion. Note that immediate "
                   "deletion of some resources may result in inconsistency or data loss and requires confirmation.")
@click.option("--grace-period", default=-1, type=int,
              help="Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set "
                   "to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).")
@click.option("--ignore-not-found", type=click.BOOL, default=None, show_default="false",
              help='Treat "resource not found" as a successful delete. Defaults to "true" when --all is specified.')
@click.option("-i", "--interactive", is_flag=True, help="If true, delete resource only when user confirms.")
@click.option("-k", "--kustomize", "kustomize", default=None,
              help="Process a kustomization directory. This flag can't be used together with -f or -R.")
@click.option("--now", is_flag=True,
              help="If true, resources are signaled for immediate shutdown (same as --grace-period=1).")
@click.option("-o", "--output", default=None, help='Output mode. Use "-o name" for shorter output (resource/name).')
@click.option("--raw", default="",
              help="Raw URI to DELETE to the server.  Uses the transport specified by the kubeconfig file.")
@click.option("-R", "--recursive", is_flag=True,
              help="Process the directory used in -f, --filename recursively. Useful when you want to manage "
                   "related manifests organized within the same directory.")
@click.option("-l", "--selector", default=None,
              help="Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l "
                   "key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.")
@click.option("--timeout", default="0s", show_default="0s",
              help="The length of time to wait before giving up on a delete, zero means determine a timeout from the "
                   "size of the object")
@click.option("--wait", type=click.BOOL, default=True,
              help="If true, wait for resources to be gone before returning. This waits for finalizers.")
def delete_cmd(args: tuple[str, ...], files: tuple[str, ...], kustomize: str | None, recursive: bool,
               selector: str | None, all_: bool, all_namespaces: bool, ignore_not_found: bool | None, cascade: str,
               wait: bool, timeout: str, now: bool, force: bool, grace_period: int, dry_run: str | None,
               output: str | None, field_selector: str, interactive: bool, raw: str) -> None:
    """Delete resources by file names, stdin, resources and names, or by resources and label selector.

    \b
    Examples:
      # Delete a pod using the type and name specified in pod.json
      pykubectl delete -f ./pod.json
    \b
      # Delete pods and services with same names "baz" and "foo"
      pykubectl delete pod,service baz foo
    \b
      # Delete pods and services with label name=myLabel
      pykubectl delete pods,services -l name=myLabel
    \b
      # Delete all pods
      pykubectl delete pods --all
    """
    from ..api import registry
    from ..client import rest

    from .wait import timeout_flag

    env = common.env_of()
    wait_seconds = timeout_flag(timeout, "delete")
    if output and output != "name":
        raise errors.ClientError(f"error: unexpected -o output mode: {output}. We only support '-o name'")
    if raw:
        _check_raw(raw, files, recursive, interactive, output)
    files = tuple(common.manifest_paths(env, files, kustomize))
    if cascade not in ("background", "orphan", "foreground", "true", "false"):
        raise errors.UsageError(f'error: invalid cascade value ({cascade}). Must be "background", "foreground", or "orphan"')
    if all_ and (selector or field_selector):
        # The resource builder's SelectAllParam (its text ends with a space).
        raise errors.ClientError("error: setting 'all' parameter but found a non empty selector. ")
    if all_ and not files and any(t.names for t in common.parse_targets(args)):
        raise errors.ClientError("error: name cannot be provided when a selector is specified")
    suffix = " (dry run)" if dry_run in ("client", "unchanged") else (" (server dry run)" if dry_run == "server" else "")
    # delete.go's Complete/Validate: --now is a grace period of 1; a bare --grace-period=0 becomes 1 unless forced;
    # --force alone is 0, which deletes at once with a warning and prints "force deleted".
    if now:
        if grace_period != -1:
            raise errors.ClientError("error: --now and --grace-period cannot be specified together")
        grace_period = 1
    if grace_period == 0 and not force:
        grace_period = 1
    if force and grace_period < 0:
        grace_period = 0
    if force and grace_period > 0:
        raise errors.ClientError("error: --force and --grace-period greater than 0 cannot be specified together")
    if force and grace_period == 0:
        env.stderr.write("Warning: Immediate deletion does not wait for confirmation that the running resource has "
                         "been terminated. The resource may continue to run on the cluster indefinitely.\n")
    operation = "force deleted" if grace_period == 0 else "deleted"
    if raw:
        _delete_raw(env, raw, files[0] if files else "")
        return
    ns = common.namespace(env)
    items: list[tuple[Any, str, str]] = []  # (kind, namespace, name)
    sources: dict[int, str] = {}  # item index -> the file it came from (kubectl names it in the item's errors)
    if files:
        from ..api.manifests import iter_documents

        common.check_file_namespaces(env, files, recursive)
        for doc in iter_documents(list(files), recursive):
            k = registry.by_api_version_kind(doc.obj["apiVersion"], doc.obj["kind"])
            md = doc.obj.get("metadata") or {}
            sources[len(items)] = doc.source
            items.append((k, (md.get("namespace") or ns) if k.namespaced else "", md.get("name", "")))
        targets = []
    else:
        if not args:
            raise errors.UsageError("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'")
        targets = common.parse_targets(args)
        if ((selector or "").strip() or field_selector.strip()) and any(t.names for t in targets):
            raise errors.ClientError("error: name cannot be provided when a selector is specified")
        if not any(t.names for t in targets) and not (selector or field_selector or all_):
            raise errors.UsageError("error: resource(s) were provided, but no name was specified")
    store = common.open_store(env)
    failed = 0
    deleted_any = False
    with store.transaction() as tx:
        from .get import fetch, parse_selector
        from .get_core import parse_field_selector, unable_to_find

        try:
            sel = parse_selector(selector)
            fsel = parse_field_selector(field_selector)
        except errors.ClientError as e:
            # kubectl sends selectors as they are; the API server rejects them and the builder names the list.
            raise unable_to_find(targets[0].kind, selector or "", field_selector,
                                 str(e).removeprefix("error: ")) from None
        for t in targets:
            if t.names:
                for n in t.names:
                    items.append((t.kind, ns if t.kind.namespaced else "", n))
            else:
                if fsel is not None:
                    fsel.check(t.kind, selector or "")
                errs: list[str] = []
                for o in fetch(tx, t.kind, None if all_namespaces else ns, [], sel, fsel, True, errs):
                    items.append((t.kind, o["metadata"].get("namespace", ""), o["metadata"]["name"]))
    if interactive:
        if not items:
            common.echo(env, "No resources found")
            return
        if not _confirmed(env, items):
            common.echo(env, "deletion is cancelled")
            return
    gone: list[tuple[Any, str, str, str]] = []  # (kind, namespace, name, uid) of what this command deleted
    for index, (kind, ons, name) in enumerate(items):
        try:
            with store.transaction() as tx:
                obj = tx.get(kind.group, kind.kind, ons, name)
                if obj is None:
                    if ignore_not_found:
                        continue
                    raise common.not_found(tx, kind, ons, name)
                if not suffix:
                    rest.delete(tx, obj, "Orphan" if cascade in ("orphan", "false") else "Background")
            deleted_any = True
            gone.append((kind, ons, name, obj["metadata"].get("uid", "")))
            if output == "name":
                common.echo(env, f"{common.display_kind(kind)}/{name}")
            else:
                common.echo(env, f'{common.display_kind(kind)} "{name}" {operation}{suffix}')
        except errors.ServerError as e:
            env.stdout.flush()
            if sources.get(index):
                e = e.with_context(f'error when deleting "{sources[index]}"')
            common.err(env, str(e))
            failed = 1
    if not suffix:
        common.settle(store)
        if wait:
            _wait_until_gone(env, store, gone, wait_seconds)
    if not items and not failed and not files:
        common.echo(env, "No resources found")
    if failed:
        raise errors.PykubectlError("")
    del deleted_any


def _check_raw(raw: str, files: tuple[str, ...], recursive: bool, interactive: bool, output: str | None) -> None:
    """delete.go's Validate for --raw, in its order."""
    import re

    if interactive:
        raise errors.ClientError("error: --interactive can not be used with --raw")
    if len(files) > 1:
        raise errors.ClientError("error: --raw can only use a single local file or stdin")
    if files and files[0].startswith(("http://", "https://")):
        raise errors.ClientError("error: --raw cannot read from a url")
    if recursive:
        raise errors.ClientError("error: --raw and --recursive are mutually exclusive")
    if output:
        raise errors.ClientError("error: --raw and --output are mutually exclusive")
    if not raw.startswith("/") and not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", raw):
        raise errors.ClientError(f'error: --raw must be a valid URL path: parse "{raw}": invalid URI for request')


def _delete_raw(env: Any, raw: str, file: str) -> None:
    """delete --raw URI [-f FILE]: DELETE to the API server with the file (or stdin, for "-") as the body; the
    answer is printed as it comes, an error Status as kubectl prints it. Arguments and selectors play no part."""
    import sys

    body = b""
    if file == "-":
        body = sys.stdin.buffer.read()
    elif file:
        try:
            with open(file, "rb") as fh:
                body = fh.read()
        except OSError as e:
            raise errors.ClientError(f"error: open {file}: {(e.strerror or '').lower()}") from None
    from .get_core import raw_request

    raw_request(env, "DELETE", raw, body)


def _confirmed(env: Any, items: list[tuple[Any, str, str]]) -> bool:
    """-i: the objects found, then one word read from stdin; only "y" (any case) goes on."""
    import sys

    lines = [f"You are about to delete the following {len(items)} resource(s):"]
    lines += [f"{common.display_kind(kind)}/{name}" for kind, _, name in items]
    env.stdout.write("\n".join(lines) + "\nDo you want to continue? (y/n): ")
    env.stdout.flush()
    try:
        words = sys.stdin.readline().split()
    except (OSError, ValueError):
        return False
    return bool(words) and words[0].lower() == "y"


def _wait_until_gone(env: Any, store: Any, gone: list[tuple[Any, str, str, str]], seconds: float) -> None:
    """--wait: kubectl waits until each deleted object is gone (finalizers done, a namespace emptied, a grace period
    over), letting cluster time pass meanwhile; --timeout=0 waits as long as it takes (kubectl: a week)."""
    def still_there(items: list[tuple[Any, str, str, str]]) -> list[tuple[Any, str, str, str]]:
        with store.read() as tx:
            return [(kind, ns, name, uid) for kind, ns, name, uid in items
                    if (tx.get(kind.group, kind.kind, ns, name) or {}).get("metadata", {}).get("uid") == uid]

    left = still_there(gone)
    if not left:
        return
    from .waiting import Waiter

    waiter = Waiter(env, store, seconds if seconds > 0 else -1)
    while left:
        if not waiter.pause():
            kind, _, name, _ = left[0]
            raise errors.ClientError(f"error: timed out waiting for the condition on {kind.plural}/{name}")
        left = still_there(left)


COMMANDS = {"delete": delete_cmd}
