"""Client-side apply's create as kubectl 1.32 sends it (seen with -v=8 through pykubectl serve): nulls pruned from
the object after the last-applied annotation was made from it (which keeps them); kubectl create sends them as
written. A List document is validated whole before any of its items is sent."""

from __future__ import annotations

import json

CM = """apiVersion: v1
kind: ConfigMap
metadata:
  name: n2
  labels: null
data:
  a: null
  b: ""
"""
LIST = """apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: n4}
- null
"""


def test_apply_create_prunes_nulls(run) -> None:
    assert run(["apply", "-f", "-"], stdin=CM).code == 0
    obj = json.loads(run(["get", "cm", "n2", "-o", "json"]).out)
    assert obj["data"] == {"b": ""} and "labels" not in obj["metadata"]
    last = json.loads(obj["metadata"]["annotations"]["kubectl.kubernetes.io/last-applied-configuration"])
    assert last["data"] == {"a": None, "b": ""} and last["metadata"]["labels"] is None


def test_apply_client_dry_run_shows_the_pruned_object(run) -> None:
    out = run(["apply", "-f", "-", "--dry-run=client", "-o", "json"], stdin=CM).out
    assert json.loads(out)["data"] == {"b": ""}


def test_list_with_an_invalid_item_creates_nothing(run) -> None:
    res = run(["apply", "-f", "-"], stdin=LIST)
    assert (res.code, res.out) == (1, "")
    assert "invalid object to validate" in res.err
    assert run(["get", "cm", "n4", "--ignore-not-found", "-o", "name"]).out == ""
