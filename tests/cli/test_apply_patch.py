"""The patch kubectl apply would send (pykubectl/cli/apply_patch.py), as strategicpatch's
CreateThreeWayMergePatch builds it (derived from its source, except the resourceVersion case, which recorded
validation case 922 shows byte for byte)."""

from __future__ import annotations

from pykubectl.api.patch import schema_for
from pykubectl.cli.apply_patch import go_json, three_way_patch


def _deploy(containers: list, **meta: object) -> dict:
    return {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d", **meta},
            "spec": {"template": {"spec": {"containers": containers}}}}


def _patch(original: dict, modified: dict, current: dict) -> dict:
    return three_way_patch(original, modified, current, schema_for(modified))


def test_unchanged_configuration_needs_no_patch_whatever_the_server_added() -> None:
    cfg = _deploy([{"name": "c", "image": "a"}])
    live = _deploy([{"name": "c", "image": "a", "imagePullPolicy": "IfNotPresent"}], uid="u", resourceVersion="9")
    assert _patch(cfg, cfg, live) == {}


def test_a_stale_resource_version_is_sent_with_the_changed_annotation() -> None:
    cfg = _deploy([{"name": "c", "image": "a"}], resourceVersion="1", annotations={"k": "v"})
    live = _deploy([{"name": "c", "image": "a"}], resourceVersion="7", annotations={"k": "old"})
    assert _patch({}, cfg, live) == {"metadata": {"annotations": {"k": "v"}, "resourceVersion": "1"}}


def test_merged_lists_send_changed_items_with_their_order_and_deletions() -> None:
    last = _deploy([{"name": "a", "image": "x"}, {"name": "b", "image": "y"}])
    cfg = _deploy([{"name": "a", "image": "x2"}])
    live = _deploy([{"name": "a", "image": "x"}, {"name": "b", "image": "y"}])
    assert _patch(last, cfg, live) == {"spec": {"template": {"spec": {
        "$setElementOrder/containers": [{"name": "a"}],
        "containers": [{"image": "x2", "name": "a"}, {"$patch": "delete", "name": "b"}]}}}}


def test_fields_dropped_from_the_configuration_become_nulls() -> None:
    last = _deploy([{"name": "c", "image": "a"}], labels={"app": "x", "tier": "y"})
    cfg = _deploy([{"name": "c", "image": "a"}], labels={"app": "x"})
    live = _deploy([{"name": "c", "image": "a"}], labels={"app": "x", "tier": "y", "other": "z"})
    assert _patch(last, cfg, live) == {"metadata": {"labels": {"tier": None}}}


def test_marshalled_as_go_does() -> None:
    assert go_json({"b": "<&>", "a": [1, None]}) == '{"a":[1,null],"b":"\\u003c\\u0026\\u003e"}'
