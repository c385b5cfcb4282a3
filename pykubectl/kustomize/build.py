"""Building a kustomization: accumulate resources (files, directories, components), run the generators and the
built-in transformers in kustomize's order, then (at the top only) hash suffixes, name references, vars, and the
output order."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import yaml

from . import fieldspecs, generators, kustfile, plugins, namerefs, patches, replacements, transformers
from .errors import KustomizeError
from .loader import Loader, evalsymlink_error, is_remote
from .resources import ResMap, Resource, obj_from_doc
from .yamlio import go_yaml_message, load_documents

ORDER_FIRST = ("Namespace", "ResourceQuota", "StorageClass", "CustomResourceDefinition", "ServiceAccount",
               "PodSecurityPolicy", "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ConfigMap", "Secret",
               "Endpoints", "Service", "LimitRange", "PriorityClass", "PersistentVolume", "PersistentVolumeClaim",
               "Deployment", "StatefulSet", "CronJob", "PodDisruptionBudget")
ORDER_LAST = ("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration")
MANAGED_BY = "kustomize-(devel)"  # what kubectl 1.32's built-in kustomize writes (recorded)


@dataclass
class Build:
    objects: list[dict]
    warnings: list[str] = field(default_factory=list)
    sources: list[tuple[str, int]] = field(default_factory=list)  # (file, line) each object came from
    patched: list[list[tuple[str, int, str]]] = field(default_factory=list)  # the patches applied to each
    unused_vars: list[str] = field(default_factory=list)  # vars no field used (kustomize logs them)


def _go_quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def _missing_kind(doc: dict) -> str:
    meta = doc.get("metadata") if isinstance(doc.get("metadata"), dict) else {}

    def gomap(m: object) -> str:
        if not isinstance(m, dict):
            return "map[]"
        return "map[" + " ".join(f"{k}:{m[k]}" for k in sorted(m)) + "]"

    return (f"missing kind in object {{{{{doc.get('apiVersion') or ''} }} {{{{{meta.get('name') or ''} "
            f"{meta.get('namespace') or ''}}} {gomap(meta.get('labels'))} {gomap(meta.get('annotations'))}}}}}")


class _Builder:
    def __init__(self, top: str, origin: bool):
        self.top = top
        self.warnings: list[str] = []
        self.origin = origin
        self.vars: list[dict] = []
        self.config = fieldspecs.Config()

    # ------------------------------------------------------------------ resources
    def read_file(self, ldr: Loader, rel: str) -> list[Resource]:
        path = ldr.abspath(rel)
        text = ldr.read_text(rel)
        try:
            docs = load_documents(text)
        except yaml.YAMLError as e:
            raise KustomizeError(f"MalformedYAMLError: {go_yaml_message(e)} in File: {rel}", path) from None
        out = []
        for doc, line in docs:
            if not isinstance(doc, dict) or not any(doc.get(k) for k in ("apiVersion", "kind", "metadata")):
                raise KustomizeError("missing Resource metadata", path, line)
            for obj in obj_from_doc(doc, path):
                if not obj.get("kind"):
                    raise KustomizeError(_missing_kind(obj), path, line)
                r = Resource(obj, source=path, line=line)
                if self.origin:
                    r.origin = {"path": os.path.relpath(path, self.top)}
                out.append(r)
        return out

    def accumulate_resources(self, ra: ResMap, ldr: Loader, paths: list, visited: list[str]) -> None:
        for rel in paths:
            rel = str(rel)
            if is_remote(rel):
                raise KustomizeError(f"accumulation err='accumulating resources from '{rel}': remote resources are "
                                     "not supported: pykubectl builds kustomizations without network access'")
            path = ldr.abspath(rel)
            if os.path.isdir(path):
                err_f = f"accumulating resources from '{rel}': '{path}' must resolve to a file"
                try:
                    sub = self.accumulate_dir(path, visited, component=False)
                except KustomizeError as e:
                    raise e.wrap(f"accumulation err='{err_f}'")
                self._merge(ra, sub, path, err_f)
                continue
            if not os.path.lexists(path):
                inner = evalsymlink_error(path, path)
                raise KustomizeError(f"accumulation err='accumulating resources from '{rel}': {inner}': "
                                     f"must build at directory: not a valid directory: {inner}", path)
            try:
                resources = self.read_file(ldr, rel)
            except KustomizeError as e:
                if str(e).startswith("MalformedYAMLError"):
                    raise e.wrap(f"accumulating resources from '{rel}'")
                raise KustomizeError(f"accumulation err='accumulating resources from '{rel}': {e}': must build at "
                                     f"directory: '{path}': file is not directory", e.file, e.line) from None
            ids = ra.ids()
            for r in resources:
                try:
                    ra.append(r, ids)
                except KustomizeError as e:
                    raise KustomizeError(f"accumulation err='merging resources from '{rel}': {e}': must build at "
                                         f"directory: '{path}': file is not directory", r.source, r.line) from None

    def _merge(self, ra: ResMap, sub: ResMap, path: str, err_f: str) -> None:
        ids = ra.ids()
        for r in sub:
            try:
                ra.append(r, ids)
            except KustomizeError as e:
                raise KustomizeError(f"accumulation err='{err_f}': recursed merging from path '{path}': {e}",
                                     r.source, r.line) from None

    def accumulate_dir(self, path: str, visited: list[str], component: bool, ra: ResMap | None = None) -> ResMap:
        for v in visited:
            if v == path or v.startswith(path.rstrip("/") + "/"):
                raise KustomizeError(f"cycle detected: candidate root '{path}' contains visited root '{v}'")
        try:
            k = kustfile.load(path)
        except KustomizeError as e:
            raise e.wrap(f"couldn't make target for path '{path}'")
        self.warnings.extend(k.warnings)
        if component and k.kind != "Component":
            raise KustomizeError(f"expected kind 'Component' for path '{path}' but got '{k.kind}'")
        if not component and k.kind == "Component":
            raise KustomizeError(f"expected kind != 'Component' for path '{path}'")
        try:
            return self.accumulate_target(k, [*visited, path], ra)
        except KustomizeError as e:
            raise e.wrap(f"recursed accumulation of path '{path}'")

    # ------------------------------------------------------------------ one kustomization
    def accumulate_target(self, k: kustfile.Kustomization, visited: list[str], ra: ResMap | None = None) -> ResMap:
        ldr = Loader(k.dir, k.path)
        openapi = k.get("openapi") or {}
        if openapi.get("path"):
            # Read only: kustomize merges patches of custom kinds by the schema in it; pykubectl does not (yet).
            ldr.read_bytes(str(openapi["path"]))
        ra = ra if ra is not None else ResMap()
        try:
            self.accumulate_resources(ra, ldr, k.list("resources") + k.list("bases"), visited)
        except KustomizeError as e:
            raise e.wrap("accumulating resources")
        for rel in k.list("configurations"):
            for doc, _ in load_documents(ldr.read_text(str(rel))):
                self.config.add(doc)
        crds = k.list("crds")
        for rel in crds:
            # Only read: kustomize takes name-reference field specs from the OpenAPI definitions in these files;
            # pykubectl does not derive them (yet).
            try:
                ldr.read_bytes(str(rel))
            except KustomizeError as e:
                raise e.wrap(f"loading CRDs [{' '.join(str(c) for c in crds)}]")
        if k.get("helmCharts") or k.get("helmChartInflationGenerator"):
            chart = (k.list("helmCharts") or k.list("helmChartInflationGenerator"))[0]
            cfg = "".join(f"{a}: {b}\n" for a, b in chart.items()) if isinstance(chart, dict) else ""
            raise KustomizeError("trouble configuring builtin HelmChartInflationGenerator with config: "
                                 f"`\n{cfg}`: must specify --enable-helm")
        for entry in k.list("validators"):
            kind = self._plugin_kind(ldr, str(entry))
            raise KustomizeError(f"external plugins disabled; unable to load external plugin '{kind}'")
        try:
            generator_cfgs = plugins.configs(k.list("generators"), ldr)
        except KustomizeError as e:
            raise e.wrap("loading generator plugins: failed to load generator")
        transformer_cfgs = plugins.configs(k.list("transformers"), ldr)
        options = k.get("generatorOptions") or {}
        for field_name, kind in (("configMapGenerator", "ConfigMap"), ("secretGenerator", "Secret")):
            for args in k.list(field_name):
                if not isinstance(args, dict):
                    continue
                res = generators.generate(args, kind, ldr, options, k.path)
                if self.origin:
                    res.origin = {"configuredIn": os.path.relpath(k.path, self.top),
                                  "configuredBy": {"apiVersion": "builtin", "kind": kind + "Generator"}}
                try:
                    generators.absorb(ra, res)
                except KustomizeError as e:
                    raise e.wrap("merging from generator")
        plugins.run_generators(generator_cfgs, ra, ldr, k.path)
        for comp in k.list("components"):
            cpath = ldr.abspath(str(comp))
            try:
                if not os.path.isdir(cpath):
                    raise KustomizeError("loader.New " + _go_quote("must build at directory: not a valid directory: "
                                                                   + str(evalsymlink_error(cpath, cpath))))
                try:
                    ra = self.accumulate_dir(cpath, visited, component=True, ra=ra)
                except KustomizeError as e:
                    raise KustomizeError("accumulateDirectory: " + _go_quote(str(e)), e.file, e.line) from None
            except KustomizeError as e:
                raise e.wrap("accumulating components")
        self.transform(k, ra, ldr)
        plugins.run_transformers(transformer_cfgs, ra, ldr)
        self.vars.extend(v for v in k.list("vars") if isinstance(v, dict))
        return ra

    def _plugin_kind(self, ldr: Loader, entry: str) -> str:
        try:
            docs = load_documents(ldr.read_text(entry)) if "\n" not in entry else load_documents(entry)
        except (KustomizeError, yaml.YAMLError):
            return entry
        return str(docs[0][0].get("kind")) if docs and isinstance(docs[0][0], dict) else entry

    def transform(self, k: kustfile.Kustomization, ra: ResMap, ldr: Loader) -> None:
        patches.apply_patches(ra, k.list("patchesStrategicMerge"), ldr, legacy_smp=True)
        patches.apply_patches(ra, k.list("patches"), ldr)
        transformers.namespace(ra, str(k.get("namespace") or ""))
        transformers.prefix_suffix(ra, str(k.get("namePrefix") or ""), str(k.get("nameSuffix") or ""))
        transformers.labels(ra, transformers.label_entries(k), self.config.common_labels)
        transformers.annotations(ra, k.get("commonAnnotations"), self.config.common_annotations)
        patches.apply_json6902(ra, k.list("patchesJson6902"), ldr)
        transformers.replicas(ra, k.list("replicas"))
        transformers.images(ra, k.list("images") + k.list("imageTags"))
        replacements.apply_replacements(ra, self._replacement_entries(k, ldr))

    def _replacement_entries(self, k: kustfile.Kustomization, ldr: Loader) -> list:
        out = []
        for entry in k.list("replacements"):
            if isinstance(entry, dict) and entry.get("path"):
                for doc, _ in load_documents(ldr.read_text(str(entry["path"]))):
                    out.extend(doc if isinstance(doc, list) else [doc])
            else:
                out.append(entry)
        return out


def _sort_key(order: dict[str, int]):
    def key(r: Resource):
        gvk = r.gvk
        gs = "_".join((gvk.group or "~G", gvk.version or "~V", gvk.kind or "~K"))
        return (order.get(gvk.kind, 0), gs, "|".join((str(gvk), r.namespace or "~X", r.name or "~N")))
    return key


def _legacy_sort(items: list[Resource], first: tuple, last: tuple) -> list[Resource]:
    order = {n: -len(first) + i for i, n in enumerate(first)}
    order.update({n: 1 + i for i, n in enumerate(last)})
    # Namespaces of the core group come after those of other groups (kustomize's comparison reverses there).
    key = _sort_key(order)
    import functools

    def cmp(a: Resource, b: Resource) -> int:
        ka, kb = key(a), key(b)
        ga, gb = a.gvk, b.gvk
        if ga != gb:
            if ka[0] != kb[0]:
                return -1 if ka[0] < kb[0] else 1
            if ga.kind == "Namespace" and gb.kind == "Namespace" and (not ga.group or not gb.group):
                return -1 if ka[1] > kb[1] else (1 if ka[1] < kb[1] else 0)
            return -1 if ka[1] < kb[1] else (1 if ka[1] > kb[1] else 0)
        return -1 if ka[2] < kb[2] else (1 if ka[2] > kb[2] else 0)

    return sorted(items, key=functools.cmp_to_key(cmp))


def build(directory: str) -> Build:
    """Build the kustomization in ``directory`` as `kubectl kustomize DIR` does."""
    top = os.path.abspath(directory)
    if os.path.exists(top) and not os.path.isdir(top):
        raise KustomizeError(f"must build at directory: '{directory}': file is not directory")
    if not os.path.isdir(top):
        raise KustomizeError("must build at directory: not a valid directory: "
                             + str(evalsymlink_error(directory, top)))
    k = kustfile.load(top)
    meta = k.list("buildMetadata")
    b = _Builder(top, "originAnnotations" in meta)
    b.warnings.extend(k.warnings)
    try:
        ra = b.accumulate_target(k, [top])
        sort = k.get("sortOptions") or {}
        order = sort.get("order") or "legacy"
        if order not in ("fifo", "legacy"):
            raise KustomizeError("the field 'sortOptions.order' must be one of [fifo, legacy]")
        if order == "fifo" and sort.get("legacySortOptions") is not None:
            raise KustomizeError("the field 'sortOptions.legacySortOptions' is set but the selected sort order is "
                                 "'fifo', not 'legacy'")
        for r in ra:
            if r.needs_hash:
                h = generators.content_hash(r.obj)
                r.store_previous_id()
                r.name = f"{r.name}-{h}"
        namerefs.fix_back_references(ra, b.config.name_references)
        unused_vars = replacements.resolve_vars(ra, b.vars, b.config.var_references)
    except KustomizeError as e:
        e.warnings = b.warnings  # type: ignore[attr-defined]
        raise
    items = [r for r in ra if r.annotations().get("config.kubernetes.io/local-config") != "true"]
    if order == "legacy":
        lso = sort.get("legacySortOptions") or {}
        items = _legacy_sort(items, tuple(lso.get("orderFirst") or ORDER_FIRST),
                             tuple(lso.get("orderLast") or ORDER_LAST))
    for r in items:
        if r.origin is not None:
            text = yaml.safe_dump(r.origin, sort_keys=False, default_flow_style=False)
            r.meta.setdefault("annotations", {})["config.kubernetes.io/origin"] = text
        if "managedByLabel" in meta:
            r.meta.setdefault("labels", {})["app.kubernetes.io/managed-by"] = MANAGED_BY
    return Build([r.obj for r in items], b.warnings, [(r.source, r.line) for r in items],
                 [list(r.patched) for r in items], unused_vars)


def render(result: Build) -> str:
    from ..printers.output import to_yaml

    return "---\n".join(to_yaml(o) for o in result.objects)
