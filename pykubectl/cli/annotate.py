"""annotate: add, change or remove annotations of objects."""

from __future__ import annotations

import click

from .label import meta_options, meta_verb
from .objectupdate import CTX


@click.command("annotate", context_settings=CTX)
@meta_options("annotation")
def annotate_cmd(args: tuple[str, ...], overwrite: bool, list_: bool, local: bool, all_: bool, all_namespaces: bool,
                 selector: str | None, field_selector: str | None,
                 resource_version: str, files: tuple[str, ...], recursive: bool, dry_run: str | None,
                 output: str | None, field_manager: str) -> None:
    """Update the annotations on one or more resources.

    All Kubernetes objects support the ability to store additional data with the object as annotations.
    If --overwrite is true, then existing annotations can be overwritten, otherwise attempting to overwrite an
    annotation will result in an error.

    \b
    Examples:
      # Update pod 'foo' with the annotation 'description' and the value 'my frontend'
      pykubectl annotate pods foo description='my frontend'
    \b
      # Update all pods in the namespace
      pykubectl annotate pods --all description='my frontend running nginx'
    \b
      # Update pod 'foo' by removing an annotation named 'description' if it exists
      pykubectl annotate pods foo description-
    """
    meta_verb("annotations", args, files, recursive, selector, all_, overwrite, list_, local,
               resource_version, dry_run, output, all_namespaces, field_selector)


COMMANDS = {"annotate": annotate_cmd}
