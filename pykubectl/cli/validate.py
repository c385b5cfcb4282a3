"""validate: check manifests as the API server would, with every error placed in its file; --simulate also
applies them to a throw-away simulated cluster and reports what would not become ready."""

from __future__ import annotations

import os
from typing import Any

import click

from .. import errors
from . import common


def _bool_flag(name: str, v: str) -> bool:
    lv = v.lower()
    if lv in ("true", "1", "t", "yes"):
        return True
    if lv in ("false", "0", "f", "no"):
        return False
    raise errors.UsageError(f'error: invalid argument "{v}" for "--{name}" flag: strconv.ParseBool: parsing '
                            f'"{v}": invalid syntax')


def _kinds(values: tuple[str, ...]) -> frozenset[str]:
    return frozenset(k.strip() for v in values for k in v.split(",") if k.strip())


def _store_crds(env: Any) -> Any:
    def load() -> list[dict]:
        url = env.resolved_store_url()
        if "://" not in url and not os.path.exists(url):
            return []
        try:
            store = common.open_store(env, settle=False)
            with store.transaction() as tx:
                return list(tx.list("apiextensions.k8s.io", "CustomResourceDefinition"))
        except Exception:  # noqa: BLE001 - the store is an optional source of CRDs: unusable means none
            return []

    return load


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
    from ..validate import core, report

    env = common.env_of()
    if output not in report.FORMATS:
        raise errors.UsageError(f'error: unable to match a printer suitable for the output format "{output}", '
                                f"allowed formats are: {','.join(report.FORMATS)}")
    if jobs < 1:
        raise errors.UsageError("error: --jobs must be at least 1")
    all_paths = list(paths) + list(files)
    if kustomize is not None and all_paths:
        raise errors.UsageError("error: only one of -f or -k can be specified")
    if kustomize is not None and simulate:
        raise errors.UsageError("error: --simulate does not take -k; build with `pykubectl kustomize` first")
    if kustomize is not None:
        opts = core.Options(strict=_bool_flag("strict", strict), skip=_kinds(skip), reject=_kinds(reject),
                            ignore_missing_schemas=ignore_missing_schemas,
                            kubernetes_version=core.normalize_version(kube_version))
        core.use_version(opts.kubernetes_version)
        results = _kustomize_results(env, kustomize, opts, list(crd_files), recursive)
        env.stdout.write(report.render(output, results, summary))
        if any(r.status in ("invalid", "error") for r in results):
            env.stdout.flush()
            raise errors.PykubectlError("")
        return
    if not all_paths:
        raise errors.UsageError("error: must specify at least one file, directory or '-' to validate")
    if not simulate and (nodes is not None or node_cpu or node_memory or from_store):
        raise errors.UsageError("error: --from-store, --nodes, --node-cpu and --node-memory only apply with --simulate")
    opts = core.Options(strict=_bool_flag("strict", strict), skip=_kinds(skip), reject=_kinds(reject),
                        ignore_missing_schemas=ignore_missing_schemas,
                        kubernetes_version=core.normalize_version(kube_version))
    core.use_version(opts.kubernetes_version)
    file_list = core.expand(all_paths, recursive)
    texts: dict[str, str] = {}  # each file is read once, here; workers forked later share the texts
    for p in file_list:
        if p not in texts:
            _, text, _ = core.read_file(p)
            if text is not None:
                texts[p] = text
    opts.crds = _collect_crds(env, file_list, texts, list(crd_files), recursive)
    import gc

    # Parsed documents hold no reference cycles: reference counting frees them, and the collector's passes over
    # thousands of short-lived containers would only cost time.
    gc.disable()
    try:
        results = core.validate_parallel(file_list, opts, jobs, texts or None)
    finally:
        gc.enable()
    if simulate:
        from ..validate import simulate as sim

        results = results + sim.simulate(file_list, texts, results, nodes=nodes, node_cpu=node_cpu,
                                         node_memory=node_memory, now=env.frozen_now,
                                         base_store=env.resolved_store_url() if from_store else None)
    env.stdout.write(report.render(output, results, summary))
    if any(r.status in ("invalid", "error") for r in results):
        env.stdout.flush()
        raise errors.PykubectlError("")


def _kustomize_results(env: Any, directory: str, opts: Any, crd_paths: list[str], recursive: bool) -> list[Any]:
    """Validate what a kustomization builds. Each object is checked against the document it was read from, so
    findings name that file and the line of the field there (the document's line when a transformer or patch
    added the field); a build error is one finding at the file and line it came from."""
    import os

    from ..kustomize import KustomizeError, build
    from ..validate import core, crd, loader

    try:
        result = build(directory)
    except KustomizeError as e:
        env.stderr.write("".join(f"# Warning: {w}\n" for w in getattr(e, "warnings", [])))
        where = os.path.relpath(e.file) if e.file else directory
        return [core.DocResult(where, 0, "", "", "", "error",
                               [core.Finding(where, 0, e.line or 1, 1, "", str(e), "parse")], e.line or 1)]
    env.stderr.write("".join(f"# Warning: {w}\n" for w in result.warnings))
    crds = crd.CRDSet(store_loader=_store_crds(env))
    for obj in result.objects:
        crds.add(obj)
    for p in core.expand(crd_paths, recursive):
        _, text, _ = core.read_file(p)
        for d in (loader.load(text, p)[0] if text else []):
            crds.add(d.obj)
    opts.crds = crds
    sources: dict[str, dict[int, Any]] = {}
    out: list[Any] = []
    patched = result.patched
    for number, (obj, (path, line)) in enumerate(zip(result.objects, result.sources), 1):
        if path not in sources:
            sources[path] = {}
            if path.endswith(("kustomization.yaml", "kustomization.yml", "Kustomization")) or not line:
                pass
            else:
                _, text, _ = core.read_file(path)
                for d in (loader.load(text, path)[0] if text else []):
                    sources[path][d.line0 + d.node.start_mark.line + 1] = d
        doc = sources[path].get(line)
        shown = os.path.relpath(path)
        node, line0 = (doc.node, doc.line0) if doc is not None else (None, max(line - 1, 0))
        results = core.validate_object(obj, node, line0, shown, doc.number if doc is not None else number, opts)
        for res in results:
            for f in res.findings:
                if f.path and patched[number - 1]:
                    _at_patch(f, patched[number - 1], node, line0, core, loader)
        out.extend(results)
    return out


def _at_patch(finding: Any, patches: list[tuple[str, int, str]], node: Any, line0: int, core: Any,
              loader: Any) -> None:
    """Point a finding at the patch that wrote its field: the last patch applied that has the field (its file, line
    and column; inline patches are located in the kustomization), else the source document if it has the field,
    else the last patch applied."""
    import os

    for path, line, inline in reversed(patches):
        if inline:
            docs = loader.load(inline, path)[0]
            found = [(d, line - 1) for d in docs[:1]]
        else:
            _, text, _ = core.read_file(path)
            found = [(d, d.line0) for d in (loader.load(text, path)[0] if text else [])
                     if d.line0 + d.node.start_mark.line + 1 == line]
        for d, offset in found:
            fl, fc, got = loader.position(d.node, finding.path, offset)
            if got == finding.path:
                if inline:  # the column in the kustomization: where the field's line starts there
                    with open(path, encoding="utf-8", errors="replace") as fh:
                        text_lines = fh.read().splitlines()
                    if 0 < fl <= len(text_lines):
                        row = text_lines[fl - 1]
                        fc = len(row) - len(row.lstrip(" ")) + 1
                finding.file, finding.line, finding.column = os.path.relpath(path), fl, fc
                return
    if node is not None and loader.position(node, finding.path, line0)[2] == finding.path:
        return
    path, line, _ = patches[-1]
    finding.file, finding.line, finding.column = os.path.relpath(path), line, 1


def _collect_crds(env: Any, files: list[str], texts: dict[str, str], crd_paths: list[str], recursive: bool) -> Any:
    """CRDs in the inputs (files mentioning the kind are parsed once more), in --crd files, and in the store
    (read only if a custom kind is not found otherwise)."""
    from ..validate import core, crd, loader

    crds = crd.CRDSet(store_loader=_store_crds(env))
    sources = [(p, False) for p in files] + [(p, True) for p in core.expand(crd_paths, recursive)]
    for p, explicit in sources:
        if p in texts:
            text = texts[p]
        else:
            _, got, _ = core.read_file(p)
            if got is None:
                continue
            text = got
        if "CustomResourceDefinition" not in text:
            continue
        docs, _ = loader.load(text, p)
        for d in docs:
            obj = d.obj
            items = obj.get("items") if isinstance(obj, dict) and str(obj.get("kind", "")).endswith("List") else None
            for o in (items if isinstance(items, list) else [obj]):
                crds.add(o)
    return crds


COMMANDS = {"validate": validate_cmd}
