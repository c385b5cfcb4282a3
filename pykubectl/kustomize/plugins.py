"""The `generators:` and `transformers:` fields: configurations of kustomize's built-in plugins (apiVersion
`builtin`), run after the kustomization's own generators or transformers. Anything else is an external (exec or
Go) plugin, which kubectl's kustomize runs only with plugins enabled: its error, as kubectl prints it."""

from __future__ import annotations

from typing import Any

import yaml

from . import fieldspecs as F
from . import generators, patches, replacements, transformers
from .errors import KustomizeError
from .loader import Loader
from .resources import ResMap
from .yamlio import go_yaml_message, load_documents


def configs(entries: list, ldr: Loader) -> list[dict]:
    out: list[dict] = []
    for entry in entries:
        entry = str(entry)
        try:
            text = entry if "\n" in entry else ldr.read_text(entry)
            docs = load_documents(text)
        except yaml.YAMLError as e:
            raise KustomizeError(go_yaml_message(e)) from None
        for doc, _ in docs:
            if not isinstance(doc, dict):
                continue
            if doc.get("apiVersion") != "builtin":
                raise KustomizeError(f"external plugins disabled; unable to load external plugin '{doc.get('kind')}'")
            out.append(doc)
    return out


def _specs(cfg: dict, default: list[F.FieldSpec]) -> list[F.FieldSpec]:
    given = cfg.get("fieldSpecs")
    if not given:
        return list(default)
    return [F.fs(str(e["path"]), str(e.get("kind") or ""), str(e.get("group") or ""), str(e.get("version") or ""),
                 bool(e.get("create"))) for e in given if isinstance(e, dict) and e.get("path")]


def run_generators(cfgs: list[dict], resmap: ResMap, ldr: Loader, source: str) -> None:
    for cfg in cfgs:
        kind = cfg.get("kind")
        if kind not in ("ConfigMapGenerator", "SecretGenerator"):
            raise KustomizeError(f"unable to load builtin generator {kind}")
        args = dict(cfg)
        meta = cfg.get("metadata") or {}
        args.setdefault("name", meta.get("name"))
        if meta.get("namespace"):
            args.setdefault("namespace", meta.get("namespace"))
        res = generators.generate(args, "ConfigMap" if kind == "ConfigMapGenerator" else "Secret", ldr, {}, source)
        generators.absorb(resmap, res)


def run_transformers(cfgs: list[dict], resmap: ResMap, ldr: Loader) -> None:
    for cfg in cfgs:
        kind = cfg.get("kind")
        if kind == "PrefixSuffixTransformer":
            transformers.prefix_suffix(resmap, str(cfg.get("prefix") or ""), str(cfg.get("suffix") or ""))
        elif kind == "LabelTransformer":
            transformers.apply_map_fields(resmap, _specs(cfg, F.COMMON_LABELS),
                                          {str(a): str(b) for a, b in (cfg.get("labels") or {}).items()})
        elif kind == "AnnotationsTransformer":
            transformers.apply_map_fields(resmap, _specs(cfg, F.COMMON_ANNOTATIONS),
                                          {str(a): str(b) for a, b in (cfg.get("annotations") or {}).items()})
        elif kind == "NamespaceTransformer":
            ns = str((cfg.get("metadata") or {}).get("namespace") or "")
            transformers.namespace(resmap, ns, unset_only=bool(cfg.get("unsetOnly")))
        elif kind == "ImageTagTransformer":
            transformers.images(resmap, [cfg.get("imageTag") or {}])
        elif kind == "ReplicaCountTransformer":
            transformers.replicas(resmap, [cfg.get("replica") or {}])
        elif kind == "PatchTransformer":
            patches.apply_patches(resmap, [{k: cfg[k] for k in ("path", "patch", "target") if k in cfg}], ldr)
        elif kind == "PatchStrategicMergeTransformer":
            entries: list[Any] = list(cfg.get("paths") or [])
            if cfg.get("patches"):
                entries.append({"patch": cfg["patches"]})
            patches.apply_patches(resmap, entries, ldr, legacy_smp=True)
        elif kind == "PatchJson6902Transformer":
            entry = {"target": cfg.get("target") or {}}
            if cfg.get("path"):
                entry["path"] = cfg["path"]
            else:
                entry["patch"] = cfg.get("jsonOp") or ""
            patches.apply_json6902(resmap, [entry], ldr)
        elif kind == "ReplacementTransformer":
            replacements.apply_replacements(resmap, list(cfg.get("replacements") or []))
        else:
            raise KustomizeError(f"unable to load builtin transformer {kind}")
