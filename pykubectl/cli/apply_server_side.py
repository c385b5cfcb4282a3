"""apply --server-side: each document applied by the API server's field manager (apiserver/fieldmanager.py, the
code `pykubectl serve` runs for an apply patch), as the manager --field-manager names ("kubectl" unless given);
conflicts with other managers fail with kubectl's text unless --force-conflicts."""

from __future__ import annotations

import sys
from typing import Any

from .. import errors
from . import common

CONFLICT_HELP = """
Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the `--force-conflicts` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts"""


def run(env: Any, files: list[str], recursive: bool, validate: str, dry_run: str, output: str | None,
        server_side: bool, field_manager: str, force: bool) -> int:
    from ..api.manifests import iter_documents
    from ..client import rest
    from .apply_core import _decode_check, _prepare, finish

    if not server_side:
        raise errors.ClientError("error: --force-conflicts only works with --server-side")  # derived
    if dry_run == "client":
        raise errors.ClientError("error: --dry-run=client doesn't work with --server-side (did you mean "
                                 "--dry-run=server instead?)")
    manager = "kubectl" if field_manager == "kubectl-client-side-apply" else field_manager
    store = common.open_store(env)
    errs: list[tuple[errors.PykubectlError, Any]] = []
    printed: list[dict] = []
    suffix = " (server dry run)" if dry_run == "server" else ""
    common.check_file_namespaces(env, files, recursive)
    try:
        for doc in iter_documents(files, recursive):
            kind, obj = _prepare(env, doc, env.namespace)
            try:
                _decode_check(kind, obj, validate, "patching", doc.source, env)
                with store.transaction() as tx:
                    result = rest.server_side_apply(tx, kind, obj, manager, force, bool(dry_run))
                    if manager == "kubectl":
                        result = _keep_last_applied(tx, kind, result, bool(dry_run))
                    if dry_run:
                        tx.changed = []
                        raise _Discard(result)
            except _Discard as d:
                result = d.result
            except errors.Conflict as e:
                if getattr(e, "causes", None):  # a field manager conflict (apply's own message follows)
                    errs.append((errors.ClientError(f"error: {e.detail}{CONFLICT_HELP}"), kind))
                else:
                    errs.append((e, kind))
                continue
            except errors.ServerError as e:
                # apply.go returns the server-side apply patch's error as it is: no "error when patching" context
                # (observed with real kubectl 1.32 through serve).
                errs.append((e, kind))
                continue
            if output:
                printed.append(result)
            else:
                common.echo(env, f"{common.display_kind(kind)}/{result['metadata']['name']} serverside-applied"
                                 f"{suffix}")
    except errors.ClientError as e:
        errs.append((e, None))
    finally:
        if not dry_run and not isinstance(sys.exc_info()[1], KeyboardInterrupt):
            common.settle(store)
        store.close()
    return finish(env, printed, output, errs)


class _Discard(Exception):
    def __init__(self, result: dict):
        super().__init__("dry run")
        self.result = result


LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"
LAST_APPLIED_MANAGER = "kubectl-last-applied"


def _keep_last_applied(tx: Any, kind: Any, result: dict, dry_run: bool) -> dict:
    """kubectl's saveLastApplyAnnotationIfNecessary: after a server-side apply by the default manager, an object
    that carries the client-side last-applied annotation, and whose annotation no Apply manager owns yet, gets a
    second apply patch holding just that annotation, by the manager "kubectl-last-applied", so that later
    server-side applies do not drop it."""
    from ..client import rest

    md = result.get("metadata") or {}
    text = (md.get("annotations") or {}).get(LAST_APPLIED)
    if text is None:
        return result
    for entry in md.get("managedFields") or []:
        owned = (((entry.get("fieldsV1") or {}).get("f:metadata") or {}).get("f:annotations") or {})
        if entry.get("operation") == "Apply" and f"f:{LAST_APPLIED}" in owned:
            return result
    just: dict = {"apiVersion": result.get("apiVersion"), "kind": result.get("kind"),
                  "metadata": {"name": md.get("name"), "annotations": {LAST_APPLIED: text}}}
    if md.get("namespace"):
        just["metadata"]["namespace"] = md["namespace"]
    return rest.server_side_apply(tx, kind, just, LAST_APPLIED_MANAGER, False, dry_run)
