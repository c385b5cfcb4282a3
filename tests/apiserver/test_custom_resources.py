"""Custom resources served like built-in kinds once their CustomResourceDefinition is stored.

The recorded corpus (test_recorded_validation.py) covers creating, updating and validating them. What it does not
record -- discovery (api-resources, short names, categories), printer columns, the scale and status subresources,
scope, pruning, a CRD's deletion -- is checked here with texts derived from Kubernetes' source (apiextensions-
apiserver's table convertor, scale and status strategies, discovery; kubectl's printers), marked "derived".
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

CRD = """
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wd], categories: [all]}
  versions:
  - name: v1
    served: true
    storage: true
    subresources:
      status: {}
      scale: {specReplicasPath: .spec.replicas, statusReplicasPath: .status.replicas}
    additionalPrinterColumns:
    - {name: Replicas, type: integer, jsonPath: .spec.replicas}
    - {name: Color, type: string, jsonPath: .spec.color, priority: 1}
    - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              replicas: {type: integer, minimum: 0}
              color: {type: string, default: blue}
              port: {x-kubernetes-int-or-string: true}
              extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
              template: {type: object, x-kubernetes-embedded-resource: true, x-kubernetes-preserve-unknown-fields: true}
          status:
            type: object
            properties:
              replicas: {type: integer}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: things.example.com
spec:
  group: example.com
  scope: Cluster
  names: {plural: things, singular: thing, kind: Thing}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
"""

WIDGET = """
apiVersion: example.com/v1
kind: Widget
metadata: {name: w1}
spec:
  replicas: 2
  port: http
  extra: {anything: [1, {x: y}]}
  template: {apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {free: form}}
"""


def _write(tmp_path: Path, name: str, text: str) -> str:
    p = tmp_path / name
    p.write_text(textwrap.dedent(text).lstrip())
    return str(p)


@pytest.fixture
def served(run, tmp_path: Path):
    res = run(["apply", "-f", _write(tmp_path, "crd.yaml", CRD)])
    assert res.code == 0, res.err
    res = run(["apply", "-f", _write(tmp_path, "w.yaml", WIDGET)])
    assert (res.code, res.out) == (0, "widget.example.com/w1 created\n"), res.err
    return run


def test_discovery_lists_the_custom_kinds(served) -> None:
    # derived: discovery of a CRD's resource (verbs as apiextensions-apiserver lists them).
    res = served("api-resources --api-group=example.com -o wide")
    assert res.out.splitlines() == [
        "NAME      SHORTNAMES   APIVERSION       NAMESPACED   KIND     VERBS                                                        CATEGORIES",
        "things                 example.com/v1   false        Thing    delete,deletecollection,get,list,patch,create,update,watch   ",
        "widgets   wd           example.com/v1   true         Widget   delete,deletecollection,get,list,patch,create,update,watch   all",
    ]
    assert served("get wd").code == 0
    assert "widget.example.com/w1" in served("get all").out


def test_get_prints_the_additional_printer_columns(served) -> None:
    # derived: the table convertor shows Name then the columns; priority > 0 only with -o wide.
    assert served("get widgets").out == "NAME   REPLICAS   AGE\nw1     2          0s\n"
    assert served("get widget w1 -o wide").out == "NAME   REPLICAS   COLOR   AGE\nw1     2          blue    0s\n"


def test_defaulting_int_or_string_preserved_and_embedded_fields_are_stored(served) -> None:
    res = served("get widget w1 -o jsonpath={.spec}")
    # `{x: y}`: kubectl's YAML reader (go-yaml v2) reads the plain scalar y as the boolean true
    assert res.out == ('{"color":"blue","extra":{"anything":[1,{"x":true}]},"port":"http","replicas":2,'
                       '"template":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"free":"form"}}}')
    assert served("get widget w1 -o jsonpath={.metadata.generation}").out == "1"


def test_unknown_fields_are_refused_strictly_and_pruned_otherwise(served, tmp_path: Path) -> None:
    f = _write(tmp_path, "u.yaml", WIDGET.replace("replicas: 2", "replicas: 2\n  bogus: 1").replace("w1", "w2"))
    res = served(["apply", "-f", f])
    assert res.code == 1
    assert res.err == (f'Error from server (BadRequest): error when creating "{f}": Widget in version "v1" cannot be '
                       'handled as a Widget: strict decoding error: unknown field "spec.bogus"\n')
    res = served(["apply", "--validate=ignore", "-f", f])
    assert res.code == 0, res.err
    assert served("get widget w2 -o jsonpath={.spec}").out.startswith('{"color":"blue","extra"')


def test_scale_subresource(served) -> None:
    res = served("scale widget w1 --replicas=5")
    assert (res.code, res.out) == (0, "widget.example.com/w1 scaled\n"), res.err
    assert served("get widget w1 -o jsonpath={.spec.replicas}").out == "5"
    assert served("get widget w1 -o jsonpath={.metadata.generation}").out == "2"
    res = served(["patch", "widget", "w1", "--subresource=scale", "--type=merge", "-p", '{"spec":{"replicas":1}}'])
    assert res.code == 0, res.err
    assert served("get widget w1 -o jsonpath={.spec.replicas}").out == "1"
    res = served("scale widget w1 --replicas=-1")
    assert res.code == 1


def test_scale_of_a_kind_without_the_subresource_is_not_found(served, tmp_path: Path) -> None:
    f = _write(tmp_path, "t.yaml", "apiVersion: example.com/v1\nkind: Thing\nmetadata: {name: t1}\nspec: {a: 1}\n")
    assert served(["apply", "-f", f]).code == 0
    res = served("scale thing t1 --replicas=2")
    assert (res.code, res.err) == (1, "Error from server (NotFound): the server could not find the requested "
                                      "resource\n")


def test_status_subresource(served) -> None:
    # The main resource ignores status; the status subresource changes only status (and no generation).
    res = served(["patch", "widget", "w1", "--type=merge", "-p", '{"status":{"replicas":9}}'])
    assert res.code == 0, res.err
    assert served("get widget w1 -o jsonpath={.status}").out == ""
    res = served(["patch", "widget", "w1", "--subresource=status", "--type=merge", "-p",
                  '{"status":{"replicas":3},"spec":{"replicas":7}}'])
    assert res.code == 0, res.err
    assert served("get widget w1 -o jsonpath={.status.replicas}/{.spec.replicas}/{.metadata.generation}").out == \
        "3/2/1"


def test_schema_validation_on_patch(served) -> None:
    res = served(["patch", "widget", "w1", "--type=merge", "-p", '{"spec":{"replicas":-1}}'])
    assert (res.code, res.err) == (1, 'The Widget "w1" is invalid: spec.replicas: Invalid value: -1: spec.replicas '
                                      'in body should be greater than or equal to 0\n')


def test_strategic_merge_patch_is_refused_for_custom_resources(served) -> None:
    # derived: the patch handler accepts only JSON and merge patches for custom resources.
    res = served(["patch", "widget", "w1", "-p", '{"spec":{"replicas":1}}'])
    assert res.code == 1
    assert res.err.startswith("Error from server (UnsupportedMediaType): the body of the request was in an unknown "
                              "format - accepted media types include: application/json-patch+json")


def test_cluster_scoped_kind_ignores_a_namespace(served, tmp_path: Path) -> None:
    f = _write(tmp_path, "t.yaml", "apiVersion: example.com/v1\nkind: Thing\nmetadata: {name: t1, namespace: "
                                   "default}\nspec: {a: 1}\n")
    assert served(["apply", "-f", f]).out == "thing.example.com/t1 created\n"
    assert served("get things -o jsonpath={.items[0].metadata.namespace}").out == ""
    res = served(["replace", "-f", f])
    assert (res.code, res.out) == (0, "thing.example.com/t1 replaced\n"), res.err


def test_deleting_the_crd_deletes_its_resources(served) -> None:
    assert served("delete crd widgets.example.com").code == 0
    res = served("get widgets")
    assert (res.code, res.err) == (1, 'error: the server doesn\'t have a resource type "widgets"\n')
    # The kind comes back empty when its CRD does.
    assert served("get crd -o name").out == "customresourcedefinition.apiextensions.k8s.io/things.example.com\n"


def test_describe_uses_the_generic_describer(served) -> None:
    # derived: kubectl's GenericDescriber (fields sorted, labels via smartLabelFor).
    assert served("label widget w1 tier=gold").code == 0
    out = served("describe widget w1").out
    assert out.startswith("Name:         w1\nNamespace:    default\nLabels:       tier=gold\nAnnotations:  <none>\n"
                          "API Version:  example.com/v1\nKind:         Widget\nMetadata:\n  Creation Timestamp:  ")
    # a list's map items print one level below the list's label, as its scalars do
    assert "\nSpec:\n  Color:  blue\n  Extra:\n    Anything:\n      1\n      X:     true\n  Port:      http\n" in out


def test_explain_reads_the_published_schema(served) -> None:
    out = served("explain widget.spec.replicas").out
    assert out.startswith("GROUP:      example.com\nKIND:       Widget\nVERSION:    v1\n\nFIELD: replicas <integer>\n")
    assert served("explain widgets.spec.nothing").code == 1


def test_a_stored_crd_is_established(served) -> None:
    res = served("wait --for=condition=Established crd/widgets.example.com --timeout=1s")
    assert (res.code, res.out) == (0, "customresourcedefinition.apiextensions.k8s.io/widgets.example.com "
                                      "condition met\n")


def test_a_schema_that_requires_metadata_accepts_any_object_with_it(run, tmp_path: Path) -> None:
    crd = CRD.split("---")[1].replace("things", "needs").replace("Thing", "Need").replace("thing", "need").replace(
        "openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}",
        "openAPIV3Schema: {type: object, required: [metadata, spec], properties: {metadata: {type: object}, "
        "spec: {type: object, x-kubernetes-preserve-unknown-fields: true}}}")
    assert run(["apply", "-f", _write(tmp_path, "crd.yaml", crd)]).code == 0
    f = _write(tmp_path, "n.yaml", "apiVersion: example.com/v1\nkind: Need\nmetadata: {name: n1}\nspec: {a: 1}\n")
    res = run(["apply", "-f", f])
    assert (res.code, res.out) == (0, "need.example.com/n1 created\n"), res.err
    res = run(["apply", "-f", _write(tmp_path, "n2.yaml", "apiVersion: example.com/v1\nkind: Need\nmetadata: "
                                                          "{name: n2}\n")])
    assert (res.code, res.err) == (1, 'The Need "n2" is invalid: spec: Required value\n')


def test_a_custom_resource_may_have_an_unqualified_finalizer(served, tmp_path: Path) -> None:
    # derived: custom resources' ObjectMeta is validated by apimachinery's rules (finalizers: qualified names);
    # real clusters accept Argo CD's resources-finalizer.argocd.argoproj.io on its Applications.
    f = _write(tmp_path, "f.yaml", WIDGET.replace("metadata: {name: w1}", "metadata: {name: w9, finalizers: "
                                                   "[resources-finalizer.example.com]}"))
    res = served(["apply", "-f", f])
    assert (res.code, res.out) == (0, "widget.example.com/w9 created\n"), res.err
    bad = _write(tmp_path, "g.yaml", WIDGET.replace("metadata: {name: w1}", "metadata: {name: w8, finalizers: "
                                                     "['not ok']}"))
    res = served(["apply", "-f", bad])
    assert res.code == 1 and "metadata.finalizers: Invalid value: \"not ok\"" in res.err, res.err
