"""Creating patches (api/patch.py two_way_strategic, json_merge_diff): the shapes apimachinery's
CreateTwoWayMergePatch and CreateMergePatch give (read as facts), and that applying a created patch to the
original gives the modified object back."""

from __future__ import annotations

import copy

import pytest

from pykubectl.api.patch import json_merge_diff, strategic_merge, two_way_strategic


def _deploy() -> dict:
    return {"apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": "web", "finalizers": ["a", "b"], "labels": {"app": "web"}},
            "spec": {"replicas": 2, "strategy": {"type": "RollingUpdate",
                                                 "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}},
                     "template": {"spec": {"containers": [
                         {"name": "web", "image": "nginx:1", "ports": [{"containerPort": 80, "protocol": "TCP"}]},
                         {"name": "side", "image": "busybox"}]}}}}


def _containers(o: dict) -> list:
    return o["spec"]["template"]["spec"]["containers"]


def test_a_changed_item_of_a_merge_list_is_sent_by_key_with_the_order() -> None:
    a = _deploy()
    b = copy.deepcopy(a)
    _containers(b)[0]["image"] = "nginx:2"
    assert two_way_strategic(a, b) == {"spec": {"template": {"spec": {
        "$setElementOrder/containers": [{"name": "web"}, {"name": "side"}],
        "containers": [{"image": "nginx:2", "name": "web"}]}}}}


def test_a_removed_item_is_a_delete_directive_and_removed_scalars_a_parallel_list() -> None:
    a = _deploy()
    b = copy.deepcopy(a)
    del _containers(b)[1]
    b["metadata"]["finalizers"] = ["b", "c"]
    assert two_way_strategic(a, b) == {
        "metadata": {"$setElementOrder/finalizers": ["b", "c"], "$deleteFromPrimitiveList/finalizers": ["a"],
                     "finalizers": ["c"]},
        "spec": {"template": {"spec": {"$setElementOrder/containers": [{"name": "web"}],
                                       "containers": [{"$patch": "delete", "name": "side"}]}}}}


def test_retain_keys_and_removed_keys() -> None:
    a = _deploy()
    b = copy.deepcopy(a)
    b["spec"]["strategy"] = {"type": "Recreate"}
    del b["metadata"]["labels"]
    assert two_way_strategic(a, b) == {"metadata": {"labels": None},
                                       "spec": {"strategy": {"$retainKeys": ["type"], "rollingUpdate": None,
                                                             "type": "Recreate"}}}


def test_reordering_alone_sends_only_the_order() -> None:
    a = _deploy()
    b = copy.deepcopy(a)
    _containers(b).reverse()
    assert two_way_strategic(a, b) == {"spec": {"template": {"spec": {
        "$setElementOrder/containers": [{"name": "side"}, {"name": "web"}]}}}}


@pytest.mark.parametrize("change", [
    lambda o: _containers(o).append({"name": "third", "image": "x"}),
    lambda o: _containers(o)[0]["ports"].append({"containerPort": 443, "protocol": "TCP"}),
    lambda o: _containers(o)[0].pop("ports"),
    lambda o: o["metadata"].update(finalizers=["z"]),
    lambda o: o["spec"].update(replicas=5, paused=True),
    lambda o: _containers(o).insert(0, _containers(o).pop()),
])
def test_applying_the_created_patch_gives_the_modified_object(change) -> None:
    a = _deploy()
    b = copy.deepcopy(a)
    change(b)
    assert strategic_merge(a, two_way_strategic(a, b)) == b


def test_json_merge_diff() -> None:
    a = {"a": 1, "b": {"c": 2, "d": 3}, "l": [1, 2]}
    b = {"a": 1, "b": {"c": 4}, "l": [2], "n": "x"}
    assert json_merge_diff(a, b) == {"b": {"c": 4, "d": None}, "l": [2], "n": "x"}
    assert json_merge_diff(a, a) == {}
