"""Strategic merge, JSON merge and JSON patch against what real kubectl 1.32 computes for the same patches
(fixtures/patch/cases.json, recorded by tools/record_patch_cases.py with `kubectl patch --local -o json`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from pykubectl.api import patch as P

ROOT = Path(__file__).resolve().parents[2]
BASE = yaml.safe_load((ROOT / "fixtures" / "patch" / "deploy.yaml").read_text())
CASES = json.loads((ROOT / "fixtures" / "patch" / "cases.json").read_text())


@pytest.mark.parametrize("case", CASES, ids=[f"{i}-{c['type']}" for i, c in enumerate(CASES)])
def test_patch_matches_kubectl(case: dict) -> None:
    want = case["want"]
    if "error" in want:
        with pytest.raises(P.PatchError) as ei:
            P.apply_patch(BASE, case["patch"], case["type"])
        assert str(ei.value) == want["error"]
    else:
        got = P.apply_patch(BASE, case["patch"], case["type"])
        # Same content and the same list orders (json.dumps keeps list order; dict order is not significant).
        assert json.dumps(got, sort_keys=True) == json.dumps(want, sort_keys=True)


def test_merge_keys_come_from_the_schema() -> None:
    node = P.schema_for(BASE).prop("spec").prop("template").prop("spec")
    assert node.prop("containers").merge_key == "name"
    assert node.prop("containers").items().prop("ports").merge_key == "containerPort"
    assert node.prop("volumes").strategies == {"merge", "retainKeys"}
    assert node.prop("tolerations").strategies == set()


def test_ports_merge_by_container_port_and_env_by_name() -> None:
    pod = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [
        {"name": "c", "ports": [{"containerPort": 80, "name": "http"}], "env": [{"name": "A", "value": "1"}]}]}}
    got = P.strategic_merge(pod, {"spec": {"containers": [{"name": "c", "ports": [{"containerPort": 80, "protocol": "TCP"}],
                                                            "env": [{"name": "A", "value": "2"}]}]}})
    c = got["spec"]["containers"][0]
    assert c["ports"] == [{"containerPort": 80, "name": "http", "protocol": "TCP"}]
    assert c["env"] == [{"name": "A", "value": "2"}]
    assert pod["spec"]["containers"][0]["env"] == [{"name": "A", "value": "1"}], "the original is not mutated"


def test_unknown_kinds_merge_like_a_merge_patch() -> None:
    obj = {"apiVersion": "example.com/v1", "kind": "Widget", "spec": {"items": [{"name": "a", "x": 1}]}}
    got = P.strategic_merge(obj, {"spec": {"items": [{"name": "b"}]}})
    assert got["spec"]["items"] == [{"name": "b"}]


@pytest.mark.parametrize("body,patch_type,text", [
    # recorded: k8s-recordings 08-patch-types steps 10-12
    ([{"op": "remove", "path": "/spec/nothing"}], "json",
     "The request is invalid: the server rejected our request due to an error in our request"),
    ({"op": "add"}, "json", "Error from server (BadRequest): error decoding patch: json: cannot unmarshal object into "
                            "Go value of type []handlers.jsonPatchOp"),
    ("not json", "merge", "Error from server (BadRequest): error decoding patch: json: cannot unmarshal string into "
                          "Go value of type map[string]interface {}"),
    # derived from the same handler: the op's fields are strings, a failed test does not apply, a strategic merge
    # patch's decode error has no prefix
    ([{"op": 5, "path": "/a"}], "json", "Error from server (BadRequest): error decoding patch: json: cannot unmarshal "
                                        "number into Go struct field jsonPatchOp.op of type string"),
    (["x"], "json", "Error from server (BadRequest): error decoding patch: json: cannot unmarshal string into Go value "
                    "of type handlers.jsonPatchOp"),
    ([{"op": "test", "path": "/spec/replicas", "value": 9}], "json",
     "The request is invalid: the server rejected our request due to an error in our request"),
    ([1], "strategic", "Error from server (BadRequest): json: cannot unmarshal array into Go value of type "
                       "map[string]interface {}"),
])
def test_the_server_answers_patches_that_do_not_decode_or_apply(body: object, patch_type: str, text: str) -> None:
    from pykubectl import errors
    from pykubectl.apiserver import pipeline

    live = {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "default"},
            "spec": {"replicas": 1}}
    with pytest.raises(errors.ServerError) as e:
        pipeline.apply_patch(live, body, patch_type)
    assert str(e.value) == text
