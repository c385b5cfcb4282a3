"""validate: check manifests as the API server would, with every error placed in its file; --simulate also
applies them to a throw-away simulated cluster and reports what would not become ready."""

from __future__ import annotations

import click

from . import common
from .validate_run import run_validate


class _ValidateCommand(click.Command):
    """``--strict`` is a boolean flag that takes its value only as ``--strict=false`` (cobra's rule), so that
    ``validate --strict file.yaml`` never reads the file name as the flag's value."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        out = []
        for i, a in enumerate(args):
            if a == "--":
                out.extend(args[i:])
                break
            out.append("--strict-value=" + a.split("=", 1)[1] if a.startswith("--strict=") else a)
        return super().parse_args(ctx, out)


@click.command("validate", cls=_ValidateCommand, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1)
@click.option("-f", "--filename", "files", multiple=True, help="Files or directories to validate ('-' for stdin).")
@click.option("-k", "--kustomize", "kustomize", default=None,
              help="Validate what the kustomization in this directory builds (errors name the source file).")
@click.option("-R", "--recursive", is_flag=True, help="Process the directories given recursively.")
@click.option("--strict", "strict_flag", is_flag=True,
              help="Reject fields the schema does not declare (the default; --strict=false allows them).")
@click.option("--strict-value", "strict", default="true", hidden=True)
@click.option("-o", "--output", default="text", help="Report format. One of: text, json, junit, tap, sarif, github.")
@click.option("--summary", is_flag=True, help="Print a summary: documents, valid, invalid, errors, skipped.")
@click.option("--kubernetes-version", "kube_version", default="1.32", help="Kubernetes version whose schemas to use.")
@click.option("--skip", multiple=True, help="Kinds to skip (comma-separated).")
@click.option("--reject", multiple=True, help="Kinds to reject (comma-separated).")
@click.option("--ignore-missing-schemas", is_flag=True, help="Skip documents of kinds with no schema or CRD.")
@click.option("--crd", "crd_files", multiple=True, help="Files or directories with CustomResourceDefinitions.")
@click.option("-j", "--jobs", default=1, type=int, help="Worker processes (files are split between them).")
@click.option("--simulate", is_flag=True, help="Apply everything to a throw-away simulated cluster and report "
                                                 "what would not become ready.")
@click.option("--from-store", "from_store", is_flag=True,
              help="With --simulate: start from a copy of the current store's cluster instead of a fresh one.")
@click.option("--nodes", default=None, type=int, help="With --simulate: the number of worker nodes.")
@click.option("--node-cpu", default=None, help="With --simulate: each node's CPU capacity (e.g. 4).")
@click.option("--node-memory", default=None, help="With --simulate: each node's memory capacity (e.g. 8Gi).")
def validate_cmd(paths: tuple[str, ...], files: tuple[str, ...], kustomize: str | None, recursive: bool, strict_flag: bool, strict: str,
                 output: str,
                 summary: bool, kube_version: str, skip: tuple[str, ...], reject: tuple[str, ...],
                 ignore_missing_schemas: bool, crd_files: tuple[str, ...], jobs: int, simulate: bool, from_store: bool,
                 nodes: int | None, node_cpu: str | None, node_memory: str | None) -> None:
    """Validate manifests as the API server would: schemas (strict by default), its semantic rules, CRDs.

    Every error names the file, the document, the line and column of the offending field and its path. Exits 0
    when every document is valid, 1 otherwise.

    \b
    Examples:
      # Validate every manifest in a directory tree
      pykubectl validate -R ./manifests/
    \b
      # Validate a rendered Helm chart, with GitHub Actions annotations
      helm template ./chart | pykubectl validate -o github -
    \b
      # Check that the manifests would come up on a three-node cluster
      pykubectl validate --simulate --nodes 3 --node-cpu 2 --node-memory 4Gi ./manifests/
    """
    run_validate(common.env_of(), paths, files, kustomize, recursive, strict, output, summary, kube_version, skip,
                 reject, ignore_missing_schemas, crd_files, jobs, simulate, from_store, nodes, node_cpu, node_memory)


COMMANDS = {"validate": validate_cmd}
