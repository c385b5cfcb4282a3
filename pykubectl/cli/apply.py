"""apply -f and create -f: the click commands; the work is in apply_core (which the fast path in cli/fastapply.py
calls without click)."""

from __future__ import annotations

from typing import Any

import click

from .. import errors
from . import common
from .click_grammar import options_from
from .apply_core import (  # noqa: F401 - re-exported: other verbs (mutate) import these from here
    FILE_HELP,
    FLAGS,
    LAST_APPLIED,
    _DryRun,
    _decode_check,
    _merge,
    _prepare,
    _same,
    _validate_flag,
    _with_context,
    apply_command,
    last_applied_text,
    report_errors,
    run_apply,
)


@click.command("apply", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("args", nargs=-1)
@options_from(FLAGS)
def apply_cmd(args: tuple[str, ...], files: tuple[str, ...], kustomize: str | None, recursive: bool, validate: str,
              dry_run: str | None, output: str | None, server_side: bool, field_manager: str,
              force_conflicts: bool, selector: str | None, prune: bool, all_: bool,
              prune_allowlist: tuple[str, ...], **more: Any) -> None:
    """Apply a configuration to a resource by file name or stdin.

    The resource name must be specified. This resource will be created if it doesn't exist yet. To use 'apply',
    always create the resource initially with either 'apply' or 'create --save-config'.

    \b
    Examples:
      # Apply the configuration in pod.json to a pod
      pykubectl apply -f ./pod.json
    \b
      # Apply the JSON passed into stdin to a pod
      cat pod.json | pykubectl apply -f -
    \b
      # Apply every manifest in a directory tree
      pykubectl apply -R -f ./manifests/
    """
    if apply_command(common.env_of(), files, recursive, validate, dry_run, output, args, kustomize, server_side,
                     field_manager, force_conflicts, selector=selector, prune=prune, all_=all_,
                     prune_allowlist=prune_allowlist, **more):
        raise errors.PykubectlError("")


def _create_group() -> click.Group:
    from . import create

    return create.build(run_apply, _validate_flag, common.dry_run_mode)


COMMANDS = {"apply": apply_cmd}


class _LazyCreate(dict):
    def __missing__(self, key: str) -> Any:
        if key == "create":
            self[key] = _create_group()
            return self[key]
        raise KeyError(key)


COMMANDS = _LazyCreate(COMMANDS)
