"""--kubernetes-version picks the schema set and served kinds of that version; a version is a data drop: a folder
schemas/<version>/ as tools/gen_schemas.py writes it (index.json, one file per package, kinds.json)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pykubectl.api import registry, schema

DEPLOY = """apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  minReadySeconds: 5
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx}]
"""


@pytest.fixture
def older_version(tmp_path, monkeypatch):
    """A made-up v1.31 drop: v1.32's data with DeploymentSpec.minReadySeconds removed and CronJob not served."""
    root = tmp_path / "schemas"
    src = Path(schema.schema_dir())
    dst = root / "v1.31"
    shutil.copytree(src, dst)
    apps = json.loads((dst / "io.k8s.api.apps.v1.json").read_text())
    del apps["definitions"]["io.k8s.api.apps.v1.DeploymentSpec"]["properties"]["minReadySeconds"]
    (dst / "io.k8s.api.apps.v1.json").write_text(json.dumps(apps))
    kinds = [k for k in json.loads((dst / "kinds.json").read_text()) if k[2] != "CronJob"]
    (dst / "kinds.json").write_text(json.dumps(kinds))
    real_roots = schema.schemas_roots
    monkeypatch.setattr(schema, "schemas_roots", lambda: [str(root)] + real_roots())
    yield
    schema.use_version(schema.EMULATED_VERSION)
    registry.use_version(schema.EMULATED_VERSION)


def test_versions_listed_from_the_data(older_version, run, tmp_path) -> None:
    f = tmp_path / "d.yaml"
    f.write_text(DEPLOY)
    r = run(["validate", "--kubernetes-version", "1.29", str(f)])
    assert (r.code, r.err) == (1, 'error: no schemas for Kubernetes version "1.29"; available: v1.31, v1.32\n')


def test_another_versions_schema_and_kinds(older_version, run, tmp_path) -> None:
    f = tmp_path / "d.yaml"
    f.write_text(DEPLOY)
    assert run(["validate", str(f)]).code == 0
    r = run(["validate", "--kubernetes-version", "v1.31.4", "-o", "json", str(f)])
    assert r.code == 1 and 'unknown field \\"spec.minReadySeconds\\"' in r.out
    cj = tmp_path / "cj.yaml"
    cj.write_text("apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: '@hourly'\n"
                  "  jobTemplate: {spec: {template: {spec: {restartPolicy: Never, containers: [{name: c, image: x}]}}}}\n")
    r = run(["validate", "--kubernetes-version", "1.31", "-o", "json", str(cj)])
    assert r.code == 1 and 'no matches for kind \\"CronJob\\" in version \\"batch/v1\\"' in r.out
    # Back on the emulated version, everything is as before.
    schema.use_version(schema.EMULATED_VERSION)
    registry.use_version(schema.EMULATED_VERSION)
    assert run(["validate", str(f), str(cj)]).code == 0
