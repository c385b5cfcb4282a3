#!/usr/bin/env python3
"""Generate pykubectl's kinds registry data and OpenAPI schema files from a dump of a real API server.

Usage: python tools/gen_schemas.py [SPEC_DIR]    (default: ../shared/k8s-openapi/v1.32, relative to the repo)

Adding a Kubernetes version is a data drop: run this on that version's dump (a folder named after the version,
e.g. .../k8s-openapi/v1.33); `pykubectl validate --kubernetes-version 1.33` then finds schemas/v1.33/.

SPEC_DIR holds what a real v1.32 server published:
  api-resources-wide.txt   `kubectl api-resources -o wide`   -> the kinds, in discovery order
  api-versions.txt         `kubectl api-versions`            -> which group/versions are served
  v3/*.json                /openapi/v3/<group-version>       -> the schemas (what `kubectl explain` reads)

Outputs (all rewritten on every run, so the generator is the single source of truth):
  pykubectl/api/_kinds.py        a literal tuple of every resource `api-resources` lists, in its order (only for
                                 the emulated version, v1.32: the registry every command uses)
  schemas/<version>/kinds.json   the same rows, for `validate --kubernetes-version` (any version)
  schemas/v1.32/index.json       {"gvk": {"<group>/<version>/<Kind>": "<definition name>"}, "packages": [...]}
  schemas/v1.32/<package>.json   {"definitions": {<name>: <schema>}} for every definition whose name starts
                                 with <package> (the Go package: "io.k8s.api.apps.v1",
                                 "io.k8s.apimachinery.pkg.apis.meta.v1", ...). Schemas are the OpenAPI v3
                                 component schemas verbatim (descriptions, defaults, x-kubernetes-* markers);
                                 "$ref": "#/components/schemas/<name>" is resolved by loading the file of
                                 <name>'s package. One file per package keeps a kind's load small (a Deployment
                                 needs apps.v1, core.v1, meta.v1, ...) without duplicating PodSpec per kind.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCHEMA_VERSION_DIR = "v1.32"


def parse_wide_table(text: str) -> list[dict]:
    """Split kubectl's tabwriter output into cells using the header's column starts."""
    lines = text.splitlines()
    header = lines[0]
    names = header.split()
    starts = [header.index(n) for n in names]
    rows = []
    for line in lines[1:]:
        if not line.strip():
            continue
        cells = []
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(line)
            cells.append(line[start:end].strip())
        rows.append(dict(zip(names, cells)))
    return rows


def split_api_version(api_version: str) -> tuple[str, str]:
    if "/" in api_version:
        group, version = api_version.split("/", 1)
        return group, version
    return "", api_version


def load_v3_schemas(spec_dir: Path) -> dict[str, dict]:
    schemas: dict[str, dict] = {}
    for path in sorted((spec_dir / "v3").glob("*.json")):
        doc = json.loads(path.read_text())
        for name, schema in doc.get("components", {}).get("schemas", {}).items():
            schemas.setdefault(name, schema)
    return schemas


def package_of(definition: str) -> str:
    return definition.rsplit(".", 1)[0]


def gvk_index(schemas: dict[str, dict]) -> dict[str, str]:
    index: dict[str, str] = {}
    # Shared types (DeleteOptions, WatchEvent) carry a GVK for every group; a kind's own definition has one,
    # so single-GVK definitions win.
    for name, schema in sorted(schemas.items(), key=lambda kv: len(kv[1].get("x-kubernetes-group-version-kind", []))):
        for gvk in schema.get("x-kubernetes-group-version-kind", []):
            key = f'{gvk["group"]}/{gvk["version"]}/{gvk["kind"]}'
            index.setdefault(key, name)
    return index


def build_kinds(spec_dir: Path, index: dict[str, str]) -> list[tuple]:
    rows = parse_wide_table((spec_dir / "api-resources-wide.txt").read_text())
    served: dict[str, list[str]] = {}
    for line in (spec_dir / "api-versions.txt").read_text().split():
        group, version = split_api_version(line)
        served.setdefault(group, []).append(version)
    kinds = []
    for row in rows:
        group, version = split_api_version(row["APIVERSION"])
        kind = row["KIND"]
        versions = [version] + [
            v for v in served.get(group, []) if v != version and f"{group}/{v}/{kind}" in index
        ]
        kinds.append((
            group,
            version,
            kind,
            row["NAME"],
            kind.lower(),
            tuple(s for s in row["SHORTNAMES"].split(",") if s),
            row["NAMESPACED"] == "true",
            tuple(v for v in row["VERBS"].split(",") if v),
            tuple(c for c in row["CATEGORIES"].split(",") if c),
            tuple(versions),
        ))
    return kinds


def write_kinds_module(kinds: list[tuple], out: Path) -> None:
    lines = [
        '"""Generated by tools/gen_schemas.py from api-resources-wide.txt and api-versions.txt: do not edit.',
        "",
        "One row per resource `kubectl api-resources` lists, in its order:",
        "(group, preferred version, kind, plural, singular, short names, namespaced, verbs, categories,",
        " served versions with the preferred first).",
        '"""',
        "",
        "KINDS = (",
    ]
    for k in kinds:
        lines.append(f"    {k!r},")
    lines.append(")")
    out.write_text("\n".join(lines) + "\n")


def write_schemas(schemas: dict[str, dict], index: dict[str, str], out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("*.json"):
        old.unlink()
    packages: dict[str, dict[str, dict]] = {}
    for name, schema in schemas.items():
        packages.setdefault(package_of(name), {})[name] = schema
    for pkg, defs in sorted(packages.items()):
        body = {"definitions": dict(sorted(defs.items()))}
        (out_dir / f"{pkg}.json").write_text(json.dumps(body, separators=(",", ":"), sort_keys=False) + "\n")
    (out_dir / "index.json").write_text(
        json.dumps({"gvk": dict(sorted(index.items())), "packages": sorted(packages)}, indent=0) + "\n"
    )


def main(argv: list[str]) -> int:
    spec_dir = Path(argv[1]) if len(argv) > 1 else (REPO.parent / "shared" / "k8s-openapi" / "v1.32")
    schemas = load_v3_schemas(spec_dir)
    index = gvk_index(schemas)
    kinds = build_kinds(spec_dir, index)
    missing = [f"{g}/{v}/{k}" for g, v, k, *_ in kinds if f"{g}/{v}/{k}" not in index]
    version = spec_dir.resolve().name  # the dump's folder is named after its version: v1.32
    if version == SCHEMA_VERSION_DIR:
        write_kinds_module(kinds, REPO / "pykubectl" / "api" / "_kinds.py")
    write_schemas(schemas, index, REPO / "schemas" / version)
    (REPO / "schemas" / version / "kinds.json").write_text(json.dumps([list(k) for k in kinds]) + "\n")
    print(f"{len(kinds)} kinds, {len(schemas)} definitions; kinds without a schema: {missing or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
