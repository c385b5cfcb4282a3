"""A custom resource through `pykubectl serve` with real kubectl 1.32, beside pykubectl's own CLI on the same store:
the scale and status subresources its CRD enables (and only those, in discovery and routing), reading it under
another served version (conversion None: apiVersion only), and a category the CRD declares expanding in `get`."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from tests.serve.test_serve_kubectl import Served, needs_kubectl, serving

CRD = """apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: gizmos.demo.io
spec:
  group: demo.io
  scope: Cluster
  names: {plural: gizmos, singular: gizmo, kind: Gizmo, shortNames: [gz], categories: [demo]}
  versions:
  - name: v1alpha1
    served: true
    storage: false
    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
  - name: v1
    served: true
    storage: true
    subresources:
      status: {}
      scale: {specReplicasPath: .spec.replicas, statusReplicasPath: .status.replicas}
    additionalPrinterColumns:
    - {name: Replicas, type: integer, jsonPath: .spec.replicas}
    - {name: Ready, type: boolean, jsonPath: .status.ready}
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec: {type: object, properties: {replicas: {type: integer, minimum: 0}}}
          status: {type: object, properties: {replicas: {type: integer}, ready: {type: boolean}}}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: plains.demo.io
spec:
  group: demo.io
  scope: Namespaced
  names: {plural: plains, singular: plain, kind: Plain}
  versions:
  - name: v1
    served: true
    storage: true
    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
---
apiVersion: demo.io/v1
kind: Gizmo
metadata: {name: g1}
spec: {replicas: 2}
---
apiVersion: demo.io/v1
kind: Plain
metadata: {name: p1}
spec: {replicas: 2}
"""


@pytest.fixture(scope="module")
def with_gizmos() -> Iterator[Served]:
    for s in serving("pykubectl-serve-cr-"):
        path = Path(s.tmp) / "gizmos.yaml"
        path.write_text(CRD)
        assert s.pykubectl(["apply", "-f", str(path)])[2] == 0
        yield s


@needs_kubectl
def test_scale_and_status_through_serve(with_gizmos: Served) -> None:
    s = with_gizmos
    assert s.kubectl(["scale", "gizmo", "g1", "--replicas=5"]) == ("gizmo.demo.io/g1 scaled\n", "", 0)
    out, err, code = s.kubectl(["patch", "gz", "g1", "--subresource=status", "--type=merge",
                                "-p", '{"status":{"ready":true,"replicas":5}}'])
    assert (out, code) == ("gizmo.demo.io/g1 patched\n", 0)
    table = "NAME   REPLICAS   READY\ng1     5          true\n"
    assert s.kubectl(["get", "gz"])[0] == table
    assert s.pykubectl(["get", "gz"])[0] == table
    # A CRD without subresources serves neither.
    out, err, code = s.kubectl(["scale", "plain", "p1", "--replicas=3"])
    assert code == 1 and "the server could not find the requested resource" in err


@needs_kubectl
def test_another_served_version_and_a_category(with_gizmos: Served) -> None:
    s = with_gizmos
    for run in (s.kubectl, s.pykubectl):
        out, _, code = run(["get", "gizmos.v1alpha1.demo.io", "g1", "-o", "jsonpath={.apiVersion}"])
        assert (out, code) == ("demo.io/v1alpha1", 0)
        out, _, code = run(["get", "demo", "-o", "name"])
        assert (out, code) == ("gizmo.demo.io/g1\n", 0)
