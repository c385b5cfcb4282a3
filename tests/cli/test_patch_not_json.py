"""A patch text that starts with "{" goes to the server as it is (kubectl's yaml.ToJSON passes such a text on), so a
text that is not JSON — even YAML flow style — is refused by the server with Go's json error: as it is for a
strategic merge patch, behind "error decoding patch: " for a merge or JSON patch, after the object was found
(derived from k8s.io/apiserver's handlers/patch.go; real kubectl 1.32 sent these texts unchanged, observed through
pykubectl serve). --local patches are made by kubectl itself: strategicpatch's "invalid JSON document", json-patch's
"Invalid JSON Patch"."""

from __future__ import annotations

import pytest


@pytest.fixture
def deployed(run):
    assert run(["create", "deployment", "web", "--image=nginx"]).code == 0
    return run


@pytest.mark.parametrize("text, problem", [
    ("{spec:{replicas:2}}", "invalid character 's' looking for beginning of object key string"),
    ("{spec: {replicas: 2}}", "invalid character 's' looking for beginning of object key string"),
    ('{"spec":', "unexpected end of JSON input"),
    ('{"spec":{"replicas":2}}x', "invalid character 'x' after top-level value"),
])
def test_the_server_refuses_a_text_that_is_not_json(deployed, text: str, problem: str) -> None:
    for patch_type, shown in (("strategic", problem), ("merge", f"error decoding patch: {problem}"),
                              ("json", f"error decoding patch: {problem}")):
        res = deployed(["patch", "deployment", "web", f"--type={patch_type}", "-p", text])
        assert (res.code, res.out, res.err) == (1, "", f"Error from server (BadRequest): {shown}\n"), patch_type


def test_a_missing_object_is_reported_first(deployed) -> None:
    res = deployed(["patch", "deployment", "nope", "-p", "{spec"])
    assert (res.code, res.err) == (1, 'Error from server (NotFound): deployments.apps "nope" not found\n')


def test_yaml_without_a_brace_is_still_converted(deployed) -> None:
    assert deployed(["patch", "deployment", "web", "-p", "spec: {replicas: 3}"]).out == "deployment.apps/web patched\n"


def test_local_patches_fail_in_kubectls_words(deployed, tmp_path) -> None:
    manifest = tmp_path / "d.yaml"
    manifest.write_text(deployed(["get", "deployment", "web", "-o", "yaml"]).out)
    for patch_type, shown in (("strategic", "invalid JSON document"), ("merge", "Invalid JSON Patch")):
        res = deployed(["patch", "--local", "-f", str(manifest), f"--type={patch_type}", "-p", "{bad", "-o", "name"])
        assert (res.code, res.err) == (1, f"error: {shown}\n"), patch_type
