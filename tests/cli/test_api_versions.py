"""api-versions lists every group/version the server serves, the CustomResourceDefinitions' served versions
included (real kubectl 1.32 through serve listed each CRD group/version of the store, 2026-12-06)."""

from __future__ import annotations

CRD = """apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {kind: Widget, plural: widgets, singular: widget}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
  - name: v1beta1
    served: true
    storage: false
    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
"""


def test_custom_group_versions_are_listed_in_order(run) -> None:
    before = run(["api-versions"]).out.splitlines()
    assert "apps/v1" in before and "v1" in before and "example.com/v1" not in before
    assert run(["apply", "-f", "-"], stdin=CRD).code == 0
    after = run(["api-versions"]).out.splitlines()
    assert after == sorted(before + ["example.com/v1", "example.com/v1beta1"])
