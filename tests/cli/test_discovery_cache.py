"""kubectl's disk discovery cache for custom resources (client/discoverycache.py): a custom kind kubectl mapped
stays mapped after its CustomResourceDefinition is deleted, so the request reaches the server and gets its 404
(recorded: 30-custom-resources step 16); the cache lasts 6 hours and belongs to one cluster."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.conftest import Runner

CRD = """\
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: gadgets.example.com}
spec:
  group: example.com
  names: {kind: Gadget, plural: gadgets, singular: gadget, shortNames: [gd]}
  scope: Namespaced
  versions:
  - {name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}
"""
LIST_404 = ('Error from server (NotFound): Unable to list "example.com/v1, Resource=gadgets": the server could not '
            "find the requested resource (get gadgets.example.com)\n")


def cache_files() -> list[Path]:
    return list((Path(os.environ["HOME"]) / ".kube" / "cache" / "discovery" / "pykubectl").glob("*.json"))


def test_a_deleted_definitions_kind_still_maps_and_the_server_answers_404(run: Runner, tmp_path: Path) -> None:
    crd = tmp_path / "crd.yaml"
    crd.write_text(CRD)
    assert run(f"apply -f {crd}").code == 0
    assert run("get gadgets").err == "No resources found in default namespace.\n"
    assert len(cache_files()) == 1
    assert run("delete crd gadgets.example.com").code == 0
    r = run("get gadgets")
    assert (r.out, r.err, r.code) == ("", LIST_404, 1)
    r = run("get gd one")
    assert r.err == ("Error from server (NotFound): the server could not find the requested resource "
                     "(get gadgets.example.com one)\n") and r.code == 1
    # Six hours on, kubectl discovers again and no longer knows the type.
    (path,) = cache_files()
    cached = json.loads(path.read_text())
    cached["written"] -= 6 * 3600
    path.write_text(json.dumps(cached))
    r = run("get gadgets")
    assert (r.err, r.code) == ('error: the server doesn\'t have a resource type "gadgets"\n', 1)


def test_the_cache_belongs_to_one_cluster(run: Runner, tmp_path: Path) -> None:
    crd = tmp_path / "crd.yaml"
    crd.write_text(CRD)
    assert run(f"apply -f {crd}").code == 0 and run("get gadgets").code == 0
    other = Runner(str(tmp_path / "other.db"))
    r = other("get gadgets")
    assert (r.err, r.code) == ('error: the server doesn\'t have a resource type "gadgets"\n', 1)
