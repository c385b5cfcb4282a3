"""diff: the live objects against what apply would make of the files, through diff(1)."""

from __future__ import annotations

import copy
import json
import os
from typing import Any

import click

from .. import errors
from . import common
from .set_cmd import RECURSIVE_HELP, SELECTOR_HELP
from .objectupdate import CTX, invalid_text, same_object


def _diff_name(kind: Any, obj: dict) -> str:
    group = kind.group
    version = str(obj.get("apiVersion", "")).rpartition("/")[2] or kind.version
    ns = obj["metadata"].get("namespace", "")
    head = f"{group}.{version}.{kind.kind}" if group else f"{version}.{kind.kind}"
    return f"{head}.{ns}.{obj['metadata']['name']}" if ns else f"{head}.{obj['metadata']['name']}"


def _would_apply(tx: Any, kind: Any, obj: dict, live: dict | None) -> dict:
    """What kubectl diff asks the server for (client-side): a dry-run create of the manifest as it is when the
    object does not exist, else a dry-run patch of the three-way merge whose configuration has no last-applied
    annotation (kubectl builds it with GetModifiedConfiguration(annotate=false)), so the annotation stays as the
    last apply left it."""
    from ..api import defaults
    from ..client import rest
    from .apply import LAST_APPLIED, _merge

    if live is None:
        return rest.create(tx, copy.deepcopy(obj), dry_run=True)
    cfg = copy.deepcopy(obj)
    ann = cfg["metadata"].get("annotations")
    cfg["metadata"]["annotations"] = {k: v for k, v in (ann if isinstance(ann, dict) else {}).items()
                                      if k != LAST_APPLIED}
    try:
        last = json.loads((live["metadata"].get("annotations") or {}).get(LAST_APPLIED) or "{}")
    except ValueError:
        last = {}
    merged = _merge(live, last, cfg)
    rest.decode_nulls(merged)  # the server applies kubectl's patch, in which a null deletes the field
    defaults.apply_defaults(merged)
    if "status" in live:
        merged["status"] = copy.deepcopy(live["status"])
    else:
        merged.pop("status", None)
    if same_object(merged, live):
        return live
    return rest.update(tx, merged, live, dry_run=True)


def _temp_dir(prefix: str) -> str:
    """A directory as Go's os.MkdirTemp("", prefix+"-") makes it: $TMPDIR (else /tmp), the prefix, a dash and a
    random unsigned 32-bit number in decimal (/tmp/LIVE-2529226337)."""
    import random

    base = os.environ.get("TMPDIR") or "/tmp"
    for _ in range(10000):
        path = os.path.join(base, f"{prefix}-{random.getrandbits(32)}")
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:
            continue
        return path
    raise errors.ClientError(f"error: mkdirtemp {base}/{prefix}-*: file exists")


def _without_managed_fields(obj: dict | None) -> dict | None:
    if obj is not None and "managedFields" in (obj.get("metadata") or {}):
        obj = copy.deepcopy(obj)
        del obj["metadata"]["managedFields"]
    return obj


@click.command("diff", context_settings=CTX)
@click.option("-f", "--filename", "files", multiple=True, help="Filename, directory, or URL to files contains the configuration to diff")
@click.option("-k", "--kustomize", "kustomize", default=None, help=common.KUSTOMIZE_HELP)
@click.option("-R", "--recursive", is_flag=True, help=RECURSIVE_HELP)
@click.option("--server-side", is_flag=True, help="If true, apply runs in the server instead of the client.")
@click.option("--force-conflicts", is_flag=True,
              help="If true, server-side apply will force the changes against conflicts.")
@click.option("--field-manager", default=None, show_default="'kubectl-client-side-apply'",
              help=common.FIELD_MANAGER_HELP)
@click.option("--prune", is_flag=True,
              help="Include resources that would be deleted by pruning. Can be used with -l and default shows all "
                   "resources would be pruned")
@click.option("--prune-allowlist", multiple=True,
              help="Overwrite the default allowlist with <group/version/kind> for --prune")
@click.option("-l", "--selector", default=None, help=SELECTOR_HELP)
@click.option("--concurrency", default=1, type=int,
              help="Number of objects to process in parallel when diffing against the live version. Larger number = "
                   "faster, but more memory, I/O and CPU over that shorter period of time.")
@click.option("--show-managed-fields", is_flag=True, help="If true, include managed fields in the diff.")
@click.argument("unexpected_args", nargs=-1)
def diff_cmd(files: tuple[str, ...], unexpected_args: tuple[str, ...] = (), *, kustomize: str | None, recursive: bool, server_side: bool,
             force_conflicts: bool, field_manager: str | None, prune: bool, concurrency: int,
             show_managed_fields: bool, prune_allowlist: tuple[str, ...] = (), selector: str | None = None) -> None:
    """Diff configurations specified by file name or stdin between the current online configuration, and the
    configuration as it would be if applied.

    The output is always YAML.

    KUBECTL_EXTERNAL_DIFF environment variable can be used to select your own diff command. Users can use
    external commands with params too.

    Exit status: 0 No differences were found. 1 Differences were found. >1 Kubectl or diff failed with an error.

    \b
    Examples:
      # Diff resources included in pod.json
      pykubectl diff -f pod.json
    \b
      # Diff file read from stdin
      cat service.yaml | pykubectl diff -f -
    """
    import shlex
    import shutil
    import subprocess

    from ..api.manifests import iter_documents
    from ..printers.output import to_yaml
    from .apply import _prepare

    env = common.env_of()
    if unexpected_args:  # Complete, first
        raise _DiffError(f"error: Unexpected args: [{' '.join(unexpected_args)}]\n"
                         "See 'kubectl diff -h' for help and examples")
    try:
        files = tuple(common.manifest_paths(env, files, kustomize))
    except errors.ClientError as e:
        raise _DiffError(str(e)) from None
    if not files:
        raise _DiffError("error: must specify one of -f and -k")
    if force_conflicts and not server_side:
        raise _DiffError("error: --force-conflicts only works with --server-side")
    pruning = None
    if prune:
        from . import prune as pruning_module

        try:
            pruning = pruning_module.allowlist(prune_allowlist)
        except errors.ClientError as e:
            raise _DiffError(str(e)) from None
    from .get import parse_selector

    try:
        label_query = parse_selector(selector)
    except errors.ClientError as e:
        raise _DiffError(str(e)) from None
    # kubectl's apply field managers: "kubectl" for a server-side apply unless --field-manager names another.
    manager = field_manager if field_manager is not None else "kubectl" if server_side else "kubectl-client-side-apply"
    store = common.open_store(env)
    try:  # diff visits the objects one by one: the first mismatch stops it
        common.check_file_namespaces(env, files, recursive, first_only=True)
    except errors.ClientError as e:
        raise _DiffError(str(e)) from None
    live_dir = _temp_dir("LIVE")
    try:
        merged_dir = _temp_dir("MERGED")
    except BaseException:
        shutil.rmtree(live_dir, ignore_errors=True)
        raise
    applied: set[tuple[str, str, str, str]] = set()
    namespaces: set[str] = set()
    try:
        try:
            for doc in iter_documents(list(files), recursive):
                if label_query is not None and not label_query.matches(
                        ((doc.obj.get("metadata") or {}).get("labels")) or {}):
                    continue  # the builder's label filter over the files' objects
                kind, obj = _prepare(env, doc, env.namespace)
                md = obj["metadata"]
                applied.add((kind.group, kind.kind, md.get("namespace", ""), md.get("name", "")))
                if kind.namespaced:
                    namespaces.add(md.get("namespace", "") or common.namespace(env))
                if server_side:
                    # A dry-run apply patch of the manifest as it is (the server's field manager merges it).
                    from ..client import rest

                    try:
                        with store.transaction() as tx:
                            live = tx.get(kind.group, kind.kind, md.get("namespace", ""), md.get("name", ""))
                            live = copy.deepcopy(live) if live else None
                            merged = rest.server_side_apply(tx, kind, copy.deepcopy(obj), manager, force_conflicts,
                                                            True)
                            raise _DryRun()  # nothing of a dry run is kept
                    except _DryRun:
                        pass
                    except errors.ServerError as e:
                        raise _DiffError(invalid_text(e) if isinstance(e, errors.Invalid) else str(e)) from None
                else:
                    with store.read() as tx:
                        live = tx.get(kind.group, kind.kind, md.get("namespace", ""), md.get("name", ""))
                        try:
                            merged = _would_apply(tx, kind, copy.deepcopy(obj), copy.deepcopy(live) if live else None)
                        except errors.ServerError as e:
                            raise _DiffError(str(e.with_context(f'error when applying patch "{doc.source}"'))
                                             if not isinstance(e, errors.Invalid) else invalid_text(e)) from None
                if not show_managed_fields:
                    live, merged = _without_managed_fields(live), _without_managed_fields(merged)
                if kind.group == "" and kind.kind == "Secret":
                    live, merged = _mask_secrets(copy.deepcopy(live) if live else None, merged)
                fname = _diff_name(kind, obj)
                if live is not None:
                    with open(os.path.join(live_dir, fname), "w", encoding="utf-8") as fh:
                        fh.write(to_yaml(live))
                with open(os.path.join(merged_dir, fname), "w", encoding="utf-8") as fh:
                    fh.write(to_yaml(merged))
            if pruning is not None:
                # What a prune would delete: in the live directory only, so the diff shows it gone.
                for kind, live in pruning_module.candidates(env, store, pruning, selector, applied, namespaces,
                                                             warn=not prune_allowlist):
                    if not show_managed_fields:
                        live = _without_managed_fields(live)
                    with open(os.path.join(live_dir, _diff_name(kind, live)), "w", encoding="utf-8") as fh:
                        fh.write(to_yaml(live))
        except errors.ClientError as e:
            raise _DiffError(str(e)) from None
        external = os.environ.get("KUBECTL_EXTERNAL_DIFF", "").strip()
        cmd = shlex.split(external) if external else ["diff", "-u", "-N"]
        env.stdout.flush()
        try:
            proc = subprocess.run([*cmd, live_dir, merged_dir], capture_output=True, text=True)
        except FileNotFoundError:
            raise _DiffError(f'error: failed to run "{cmd[0]}": executable file not found in $PATH') from None
        env.stdout.write(proc.stdout)
        if proc.stderr:
            env.stderr.write(proc.stderr)
        if proc.returncode:
            raise _DiffExit(proc.returncode)
    finally:
        shutil.rmtree(live_dir, ignore_errors=True)
        shutil.rmtree(merged_dir, ignore_errors=True)


def _mask_secrets(live: dict | None, merged: dict) -> tuple[dict | None, dict]:
    """kubectl diff never prints secret values: equal ones read ``***``, changed ones ``*** (before)`` and
    ``*** (after)``."""
    merged = copy.deepcopy(merged)
    before = (live or {}).get("data") or {}
    after = merged.get("data") or {}
    for k in list(before):
        if k in after and before[k] != after[k]:
            before[k], after[k] = "*** (before)", "*** (after)"
        else:
            before[k] = "***"
            if k in after:
                after[k] = "***"
    for k in after:
        if k not in before:
            after[k] = "***"
    return live, merged


class _DryRun(Exception):
    """Rolls a dry run's transaction back."""


class _DiffError(errors.ClientError):
    """kubectl diff exits 2 on its own errors (1 means "differences found")."""

    exit_code = 2


class _DiffExit(errors.PykubectlError):
    def __init__(self, code: int):
        super().__init__("")
        self.exit_code = code


diff_cmd.usage_error_exit = 2  # type: ignore[attr-defined]


COMMANDS = {"diff": diff_cmd}
