"""replace: put whole objects from files over the live ones (--force deletes and re-creates)."""

from __future__ import annotations

import copy

import click

from .. import errors
from . import common
from .objectupdate import CTX, DRY_RUN_HELP, dry_run_suffix, invalid_text, not_found, write_update


@click.command("replace", context_settings=CTX)
@click.option("-f", "--filename", "files", multiple=True, help="The files that contain the configurations to replace.")
@click.option("-k", "--kustomize", "kustomize", default=None, help=common.KUSTOMIZE_HELP)
@click.option("-R", "--recursive", is_flag=True, help="Process the directory used in -f, --filename recursively.")
@click.option("--force", is_flag=True, help="If true, immediately remove resources from API and bypass graceful deletion.")
@click.option("--validate", default="strict", help="Must be one of: strict (or true), warn, ignore (or false).")
@click.option("--save-config", is_flag=True, help="If true, the configuration of current object will be saved in its annotation.")
@click.option("--dry-run", "dry_run", default=None, is_flag=False, flag_value="unchanged", help=DRY_RUN_HELP)
@click.option("-o", "--output", default=None, help=common.OUTPUT_HELP)
@click.option("--grace-period", default=-1, type=int, hidden=True)
@click.option("--cascade", default="background", hidden=True)
@click.option("--wait", is_flag=True, hidden=True)
def replace_cmd(files: tuple[str, ...], kustomize: str | None, recursive: bool, force: bool, validate: str, save_config: bool,
                dry_run: str | None, output: str | None, grace_period: int, cascade: str, wait: bool) -> None:
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

    env = common.env_of()
    files = tuple(common.manifest_paths(env, files, kustomize))
    if not files:
        raise errors.UsageError("error: must specify one of -f and -k")
    dry = common.dry_run_mode(dry_run)
    if force and dry:
        raise errors.ClientError("error: --dry-run can not be used when --force is set")
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
                        rest.delete(tx, live)
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


COMMANDS = {"replace": replace_cmd}
