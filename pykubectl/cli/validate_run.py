"""validate's work once its line is read, without click: the click command (cli/validate.py) and the fast path
(cli/fastvalidate.py) both call ``run_validate``."""

from __future__ import annotations

import os
from typing import Any

from .. import errors

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
            from . import common  # here, not at import: only a run that needs the store's CRDs opens it

            store = common.open_store(env, settle=False)
            with store.transaction() as tx:
                return list(tx.list("apiextensions.k8s.io", "CustomResourceDefinition"))
        except Exception:  # noqa: BLE001 - the store is an optional source of CRDs: unusable means none
            return []

    return load


def run_validate(env: Any, paths: tuple[str, ...], files: tuple[str, ...], kustomize: str | None, recursive: bool,
                 strict: str, output: str, summary: bool, kube_version: str, skip: tuple[str, ...],
                 reject: tuple[str, ...], ignore_missing_schemas: bool, crd_files: tuple[str, ...], jobs: int,
                 simulate: bool, from_store: bool, nodes: int | None, node_cpu: str | None,
                 node_memory: str | None) -> None:
    """The validate command once its line is read (by click in cli/validate.py, or by cli/fastvalidate.py)."""
    from ..validate import core, report

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
    from ..validate import core, crd

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
        from ..validate import loader  # PyYAML, only for files that hold CRDs

        docs, _ = loader.load(text, p)
        for d in docs:
            obj = d.obj
            items = obj.get("items") if isinstance(obj, dict) and str(obj.get("kind", "")).endswith("List") else None
            for o in (items if isinstance(items, list) else [obj]):
                crds.add(o)
    return crds
