"""replace: put whole objects from files over the live ones (--force deletes and re-creates)."""

from __future__ import annotations

import copy
from typing import Any

import click

from .. import errors
from . import common
from .apply_core import _DELETE_FLAG_USAGE
from .printflags import printer_options
from .set_cmd import RECURSIVE_HELP
from .objectupdate import CTX, DRY_RUN_HELP, dry_run_suffix, invalid_text, not_found, write_update


@click.command("replace", context_settings=CTX)
@click.option("-f", "--filename", "files", multiple=True, help="The files that contain the configurations to replace.")
@click.option("-k", "--kustomize", "kustomize", default=None,
              help="Process a kustomization directory. This flag can't be used together with -f or -R.")
@click.option("-R", "--recursive", is_flag=True, help=RECURSIVE_HELP)
@click.option("--force", is_flag=True, help=_DELETE_FLAG_USAGE["force"])
@click.option("--validate", default="strict", help=common.VALIDATE_HELP)
@click.option("--save-config", is_flag=True,
              help="If true, the configuration of current object will be saved in its annotation. Otherwise, the "
                   "annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this "
                   "object in the future.")
@click.option("--dry-run", "dry_run", default=None, is_flag=False, flag_value="unchanged", show_default="'none'",
              help=DRY_RUN_HELP)
@click.option("-o", "--output", default=None, help=common.PRINT_OUTPUT_HELP)
@click.option("--grace-period", default=-1, type=int, help=_DELETE_FLAG_USAGE["grace-period"])
@click.option("--cascade", default="background", help=_DELETE_FLAG_USAGE["cascade"])
@click.option("--wait", type=click.BOOL, default=False, help=_DELETE_FLAG_USAGE["wait"])
@click.option("--timeout", default="0s", show_default="0s", help=_DELETE_FLAG_USAGE["timeout"])
@click.option("--field-manager", default="kubectl-replace", help=common.FIELD_MANAGER_HELP)
@click.option("--raw", default="",
              help="Raw URI to PUT to the server.  Uses the transport specified by the kubeconfig file.")
@click.option("--subresource", default="",
              help="If specified, replace will operate on the subresource of the requested object. This flag is beta "
                   "and may change in the future.")
@printer_options
@click.argument("ignored_args", nargs=-1)
def replace_cmd(files: tuple[str, ...], ignored_args: tuple[str, ...] = (), *, kustomize: str | None, recursive: bool, force: bool, validate: str, save_config: bool,
                dry_run: str | None, output: str | None, grace_period: int, cascade: str, wait: bool,
                timeout: str = "0s", field_manager: str = "kubectl-replace", raw: str = "",
                subresource: str = "") -> None:
    """Replace a resource by file name or stdin.

    JSON and YAML formats are accepted. If replacing an existing resource, the complete resource spec must be
    provided.

    \b
    Examples:
      # Replace a pod using the data in pod.json
      pykubectl replace -f ./pod.json
    \b
      # Replace a pod based on the JSON passed into stdin
      cat pod.json | pykubectl replace -f -
    \b
      # Force replace, delete and then re-create the resource
      pykubectl replace --force -f ./pod.json
    """
    from ..api.manifests import iter_documents
    from ..client import rest
    from .apply import _decode_check, _prepare, _validate_flag, last_applied_text

    from .durations import delete_flags

    env = common.env_of()
    wait_seconds = delete_flags(cascade, timeout, "replace")
    if not files and kustomize is None:
        raise errors.UsageError("error: must specify one of -f and -k")
    dry = common.dry_run_mode(dry_run)
    # replace.go's Validate, in its order.
    if grace_period >= 0 and not force:
        raise errors.ClientError("error: --grace-period must have --force specified")
    if wait_seconds and not force:
        raise errors.ClientError("error: --timeout must have --force specified")
    if force and dry:
        raise errors.ClientError("error: --dry-run can not be used when --force is set")
    if raw:
        common.check_raw_flag(raw, files, recursive, env.__dict__.get("output_flag"))
        import sys

        from .get_core import raw_request

        body = sys.stdin.buffer.read() if files[0] == "-" else _read(files[0])
        raw_request(env, "PUT", raw, body)
        return
    files = tuple(common.manifest_paths(env, files, kustomize))
    validate = _validate_flag(validate)
    store = common.open_store(env)
    failed = False
    printed: list[dict] = []
    common.check_file_namespaces(env, files, recursive)
    if force:
        # kubectl's forceReplace: every object is deleted first (and gone), then every one is created.
        docs = list(iter_documents(list(files), recursive))
        for doc in docs:
            kind, obj = _prepare(env, doc, env.namespace)
            md = obj["metadata"]
            name = md.get("name", "")
            try:
                with store.transaction() as tx:
                    live = tx.get(kind.group, kind.kind, md.get("namespace", "") if kind.namespaced else "", name)
                    if live is not None:
                        rest.delete(tx, live, {"orphan": "Orphan", "false": "Orphan",
                                               "foreground": "Foreground"}.get(cascade, "Background"))
                        common.echo(env, f'{common.display_kind(kind)} "{name}" deleted')
            except errors.ServerError as e:
                env.stdout.flush()
                common.err(env, str(e))
                raise errors.PykubectlError("") from None
        common.settle(store)
    try:
        for doc in iter_documents(list(files), recursive):
            kind, obj = _prepare(env, doc, env.namespace)
            md = obj["metadata"]
            name = md.get("name", "")
            ctx = f'error when replacing "{doc.source}"'
            try:
                _decode_check(kind, obj, validate, "replacing", doc.source, env)
                if save_config:
                    from .apply_core import _annotate

                    _annotate(obj, last_applied_text(obj))
                    md = obj["metadata"]
                if subresource:
                    result = _replace_subresource(env, kind, obj, subresource, dry)
                    if output:
                        printed.append(result)
                    else:
                        common.echo(env, f"{_display(result)}/{result['metadata']['name']} replaced"
                                         f"{dry_run_suffix(dry)}")
                    continue
                with store.transaction() as tx:
                    live = tx.get(kind.group, kind.kind, md.get("namespace", "") if kind.namespaced else "", name)
                    if force:
                        new = copy.deepcopy(obj)
                        for k in ("resourceVersion", "uid"):
                            new["metadata"].pop(k, None)
                        result = rest.create(tx, new)
                    else:
                        if live is None:
                            raise not_found(kind, name)
                        new = copy.deepcopy(obj)
                        rv = new["metadata"].get("resourceVersion")
                        if rv not in (None, "") and str(rv) != live["metadata"].get("resourceVersion"):
                            raise errors.Conflict(
                                f'Operation cannot be fulfilled on {rest.resource_name(kind.group, kind.kind)} "{name}": '
                                "the object has been modified; please apply your changes to the latest version and try again")
                        result = write_update(tx, kind, new, live, dry)
                        if dry:
                            tx.changed = []
            except errors.ServerError as e:
                env.stdout.flush()
                common.err(env, str(e.with_context(ctx)) if not isinstance(e, errors.Invalid) else invalid_text(e))
                failed = True
                continue
            if output:
                printed.append(result)
            else:
                common.echo(env, f"{common.display_kind(kind)}/{result['metadata']['name']} replaced{dry_run_suffix(dry)}")
    except errors.ClientError as e:
        env.stdout.flush()
        common.err(env, str(e))
        failed = True
    finally:
        if not dry:
            common.settle(store)
    if printed:  # kubectl prints each object with one printer (YAML: "---" between them)
        env.stdout.write(common.render_each(env, printed, output or "yaml"))
    if failed:
        raise errors.PykubectlError("")


def _read(path: str) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as e:
        raise errors.ClientError(f"error: open {path}: {(e.strerror or '').lower()}") from None


def _replace_subresource(env: Any, kind: Any, obj: dict, subresource: str, dry: str | None) -> dict:
    """PUT of the object to its subresource, answered as the API server answers it."""
    import json
    from urllib.parse import quote

    from .get_core import api_request

    md = obj["metadata"]
    base = f"/apis/{kind.group}/{kind.version}" if kind.group else f"/api/{kind.version}"
    where = f"/namespaces/{quote(md.get('namespace') or common.namespace(env))}" if kind.namespaced else ""
    query = "?dryRun=All" if dry == "server" else ""
    path = f"{base}{where}/{kind.plural}/{quote(md.get('name', ''))}/{quote(subresource)}{query}"
    if dry == "client":
        return obj
    return json.loads(api_request(env, "PUT", path, json.dumps(obj).encode()))


def _display(obj: dict) -> str:
    """kind.group of what the server answered (a Scale for the scale subresource: scale.autoscaling)."""
    group = str(obj.get("apiVersion", "")).rpartition("/")[0]
    kind = str(obj.get("kind", "")).lower()
    return f"{kind}.{group}" if group else kind


COMMANDS = {"replace": replace_cmd}
