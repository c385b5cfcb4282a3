"""create, apply and replace over several objects, as real kubectl 1.32 printed them through `pykubectl serve`:
apply prints one typed v1 List (`metadata: {}`; in JSON kind, apiVersion, metadata, items), create and replace
print each object with one printer (YAML: "---" between); replace --force deletes every object before creating
any; create -f --save-config writes the last-applied annotation; apply -l that keeps no object is an error; a
server-side apply by "kubectl" of an object carrying the last-applied annotation adds the "kubectl-last-applied"
manager that owns it; server-side apply conflicts are listed in the field set's iteration order."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

TWO = """apiVersion: v1
kind: ConfigMap
metadata:
  name: two-a
data:
  a: "1"
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: two-b
  labels: {tier: cfg}
data:
  a: "1"
"""

DEPLOY = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 2
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
      - name: api
        image: %s
        env: [{name: A, value: "%s"}]
        ports: [{containerPort: 80}]
"""


def _file(tmp_path: Path, name: str, text: str) -> str:
    p = tmp_path / name
    p.write_text(text)
    return str(p)


def test_apply_prints_a_typed_list(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    f = _file(tmp_path, "two.yaml", TWO)
    out = run(["apply", "-f", f, "-o", "json", "--dry-run=client"]).out
    assert out.startswith('{\n    "kind": "List",\n    "apiVersion": "v1",\n    "metadata": {},\n    "items": [\n')
    assert [i["metadata"]["name"] for i in json.loads(out)["items"]] == ["two-a", "two-b"]
    out = run(["apply", "-f", f, "-o", "yaml"]).out
    assert out.endswith("kind: List\nmetadata: {}\n") and "---" not in out


def test_create_and_replace_print_each_object(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    f = _file(tmp_path, "two.yaml", TWO)
    out = run(["create", "-f", f, "-o", "yaml", "--dry-run=client"]).out
    docs = out.split("---\n")
    assert len(docs) == 2 and [yaml.safe_load(d)["metadata"]["name"] for d in docs] == ["two-a", "two-b"]
    out = run(["create", "-f", f, "-o", "json"]).out
    assert out.count('\n{\n') == 1 and out.startswith('{\n    "apiVersion": "v1"') and "List" not in out
    out = run(["replace", "-f", f, "-o", "yaml"]).out
    assert [yaml.safe_load(d)["kind"] for d in out.split("---\n")] == ["ConfigMap", "ConfigMap"]


def test_replace_force_deletes_all_then_creates_all(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    f = _file(tmp_path, "two.yaml", TWO)
    assert run(["create", "-f", f]).code == 0
    res = run(["replace", "-f", f, "--force"])
    assert res.out == ('configmap "two-a" deleted\nconfigmap "two-b" deleted\n'
                       "configmap/two-a replaced\nconfigmap/two-b replaced\n")


def test_create_file_save_config_and_apply_selector_that_keeps_nothing(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    f = _file(tmp_path, "two.yaml", TWO)
    assert run(["create", "-f", f, "--save-config"]).code == 0
    ann = json.loads(run("get cm two-a -o json").out)["metadata"]["annotations"]
    assert json.loads(ann["kubectl.kubernetes.io/last-applied-configuration"])["metadata"]["name"] == "two-a"
    res = run(["apply", "-f", f, "-l", "tier=none", "--prune", "--prune-allowlist=core/v1/ConfigMap"])
    assert (res.out, res.err, res.code) == ("", "error: no objects passed to apply\n", 1)
    assert run("get cm two-b").code == 0  # nothing pruned


def test_server_side_apply_keeps_the_last_applied_annotation_managed(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    f = _file(tmp_path, "d1.yaml", DEPLOY % ("httpd:2.4", "1"))
    assert run(["apply", "-f", f]).code == 0
    assert run(["apply", "-f", f, "--server-side"]).code == 0
    fields = json.loads(run("get deploy api -o json --show-managed-fields").out)["metadata"]["managedFields"]
    entry = next(e for e in fields if e["manager"] == "kubectl-last-applied")
    assert entry["operation"] == "Apply"
    assert entry["fieldsV1"] == {"f:metadata": {"f:annotations": {
        "f:kubectl.kubernetes.io/last-applied-configuration": {}}}}


def test_server_side_apply_conflicts_in_field_set_order(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run(["apply", "-f", _file(tmp_path, "d1.yaml", DEPLOY % ("httpd:2.4", "1")), "--server-side"]).code == 0
    res = run(["apply", "-f", _file(tmp_path, "d2.yaml", DEPLOY % ("httpd:2.5", "2")), "--server-side",
               "--field-manager=other"])
    assert res.code == 1
    # Members of a node before its children: the container's image before its env entry's value.
    assert res.err.startswith(
        'error: Apply failed with 3 conflicts: conflict with "kubectl": '
        '.spec.template.spec.containers[name="api"].image\n'
        'conflict with "kubectl": .spec.template.spec.containers[name="api"].env[name="A"].value\n'
        'conflict with "kubectl": .spec.template.spec.containers[name="api"].ports[containerPort=80,protocol="TCP"]'
        '.containerPort\n')
