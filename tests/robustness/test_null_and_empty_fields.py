"""Valid input that is merely unusual is taken as the API server takes it, never as an internal error.

The API server decodes a JSON ``null`` in a typed field as the field left out (Go decodes null into a nil pointer,
slice or map, or leaves the zero value), and a null element of a list or value of a map as that type's zero value.
Helm and other generators emit such forms (``resources: null``, ``labels: ~``, ``env: null``, ``replicas: null``).

- Regression tests: each internal error the property test below found, with what the server does instead.
- A Hypothesis property test: every valid manifest of the corpora, one document at a time, with random fields set to
  ``null``, ``{}``, ``[]``, ``""`` or ``0``, through ``validate``, ``apply --dry-run=server``, ``create
  --dry-run=server`` and ``apply``: never an internal error or a traceback; accepted, or refused with a kubectl-
  or API-server-style message, and the store still answers afterwards.
- The 198 real-world files of ``../shared/realworld-manifests`` through ``validate`` and ``apply --dry-run=server``.

The recorded verdicts of a real v1.32 server on null and empty forms (cases 316, 317, 739, 740, 797-800, 823 and
852 of the recorded validation corpus) are replayed with the rest of that corpus.
"""

from __future__ import annotations

import copy
import json
import os
import random
import re
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pykubectl.env import Env, parse_time
from pykubectl.store.store import Store
from tests.conftest import FROZEN_NOW, Runner

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
REALWORLD = SHARED / "realworld-manifests" / "manifests"

# What a refusal may start with: kubectl's client-side errors and the API server's Status texts.
REFUSAL = re.compile(r'^(error: |Error from server \(\w+\): |The \w+ "[^"]*" is invalid: |Warning: )')


def _write(tmp_path: Path, name: str, text: str) -> str:
    p = tmp_path / name
    p.write_text(text)
    return str(p)


def _no_internal_error(r: Any, what: str) -> None:
    assert "internal error" not in r.err and "Traceback" not in r.err, f"{what}\n{r.err}"
    assert r.code in (0, 1), f"{what}: exit {r.code}\n{r.err}"


# ------------------------------------------------------------------------------------------------ regressions

def test_null_annotations_and_labels_are_absent(run: Runner, tmp_path: Path) -> None:
    """``metadata.annotations: null`` ended in a TypeError: kubectl's apply starts the annotations afresh, and the
    last-applied configuration keeps the manifest as written (``"labels":null``)."""
    f = _write(tmp_path, "cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c1, annotations: null, "
                                    "labels: ~}\ndata: {a: b}\n")
    assert run(f"validate {f}").code == 0
    r = run(f"apply --dry-run=server -f {f}")
    assert (r.code, r.out, r.err) == (0, "configmap/c1 created (server dry run)\n", "")
    r = run(f"apply -f {f}")
    assert (r.code, r.out, r.err) == (0, "configmap/c1 created\n", "")
    md = json.loads(run("get configmap c1 -o json").out)["metadata"]
    assert "labels" not in md
    assert md["annotations"] == {"kubectl.kubernetes.io/last-applied-configuration":
                                 '{"apiVersion":"v1","data":{"a":"b"},"kind":"ConfigMap","metadata":{"annotations":{},'
                                 '"labels":null,"name":"c1","namespace":"default"}}\n'}
    r = run(f"apply -f {f}")
    assert (r.code, r.out, r.err) == (0, "configmap/c1 unchanged\n", "")


def test_null_lists_and_structs_of_a_pod_are_absent(run: Runner, tmp_path: Path) -> None:
    """``volumes: null`` / ``volumeMounts: null`` ended in an AttributeError in admission."""
    f = _write(tmp_path, "pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p1}\nspec:\n  volumes: null\n"
                                     "  containers:\n  - {name: c, image: nginx, volumeMounts: null, env: null, "
                                     "resources: null, ports: null}\n")
    assert run(f"validate {f}").code == 0
    assert run(f"apply --dry-run=server -f {f}").out == "pod/p1 created (server dry run)\n"
    assert run(f"create --dry-run=server -f {f}").out == "pod/p1 created (server dry run)\n"
    r = run(f"apply -f {f}")
    assert (r.code, r.out, r.err) == (0, "pod/p1 created\n", "")
    c = json.loads(run("get pod p1 -o json").out)["spec"]["containers"][0]
    assert "env" not in c and "ports" not in c and c["resources"] == {}
    # the admission plugins gave the pod its token volume as usual
    assert [m["mountPath"] for m in c["volumeMounts"]] == ["/var/run/secrets/kubernetes.io/serviceaccount"]


def test_null_quantity_in_a_resource_map_is_zero(run: Runner, tmp_path: Path) -> None:
    """``requests: {cpu: null}`` ended in a TypeError. A null map value decodes as its type's zero value: a
    Quantity's UnmarshalJSON takes null as zero, which the server writes as "0" (derived from apimachinery's
    resource.Quantity, not recorded)."""
    f = _write(tmp_path, "pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p2}\nspec:\n  containers:\n"
                                     "  - {name: c, image: nginx, resources: {requests: {cpu: null, memory: 64Mi}}}\n")
    r = run(f"create -f {f}")  # kubectl create sends the null as written
    assert (r.code, r.err) == (0, "")
    assert run("get pod p2 -o jsonpath={.spec.containers[0].resources}").out == \
        '{"requests":{"cpu":"0","memory":"64Mi"}}'
    assert run(f"replace --dry-run=server -f {f}").code == 1  # a pod's spec is immutable: refused, not a crash
    # client-side apply prunes nulls from what it creates (apply.go's pruneNullsFromMap, seen with -v=8)
    run("delete pod p2 --wait=false")
    assert run(f"apply -f {f}").code == 0
    assert run("get pod p2 -o jsonpath={.spec.containers[0].resources}").out == '{"requests":{"memory":"64Mi"}}'


def test_null_list_elements_are_zero_values(run: Runner, tmp_path: Path) -> None:
    """``ports: [null]`` (AttributeError) and ``matchExpressions: [null]`` (AttributeError in validate) are an
    empty ServicePort and an empty requirement, which validation then refuses with its usual texts."""
    f = _write(tmp_path, "svc.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: s1}\n"
                                     "spec: {selector: {app: x}, ports: [null]}\n")
    r = run(f"apply -f {f}")
    assert (r.code, r.out) == (1, "")
    assert r.err == ('The Service "s1" is invalid: \n'
                     "* spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive\n"
                     "* spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive\n")
    f = _write(tmp_path, "deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d1}\nspec:\n"
                                        "  selector:\n    matchLabels: {app: d1}\n    matchExpressions: [null]\n"
                                        "  template:\n    metadata: {labels: {app: d1}}\n"
                                        "    spec: {containers: [{name: c, image: nginx}]}\n")
    for cmd in (f"validate {f}", f"apply --dry-run=server -f {f}"):
        r = run(cmd)
        _no_internal_error(r, cmd)
        assert r.code == 1 and "spec.selector.matchExpressions[0].operator: Invalid value: \"\": not a valid " \
                               "selector operator" in r.out + r.err
    f = _write(tmp_path, "values.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d2}\nspec:\n"
                                        "  selector:\n    matchLabels: {app: d2}\n"
                                        "    matchExpressions: [{key: tier, operator: In, values: [null]}]\n"
                                        "  template:\n    metadata: {labels: {app: d2, tier: ''}}\n"
                                        "    spec: {containers: [{name: c, image: nginx}]}\n")
    assert run(f"validate {f}").code == 0  # values: [""] selects tier="" (TypeError in validate before)
    assert run(f"apply -f {f}").out == "deployment.apps/d2 created\n"


def test_null_replicas_is_the_default(run: Runner, tmp_path: Path) -> None:
    f = _write(tmp_path, "deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d3}\nspec:\n"
                                        "  replicas: null\n  strategy: null\n  selector: {matchLabels: {app: d3}}\n"
                                        "  template:\n    metadata: {labels: {app: d3}}\n"
                                        "    spec: {containers: [{name: c, image: nginx}]}\n")
    assert run(f"apply -f {f}").out == "deployment.apps/d3 created\n"
    assert run(["get", "deploy", "d3", "-o", "jsonpath={.spec.replicas} {.spec.strategy.type}"]).out == \
        "1 RollingUpdate"


def test_a_budget_the_controller_cannot_compute_does_not_stop_the_cluster(run: Runner, tmp_path: Path) -> None:
    """A stored PodDisruptionBudget whose minAvailable is no integer or percentage made every later command end
    in an internal error (the disruption controller raised). The controller's fail-safe instead: no disruption
    allowed, DisruptionAllowed False with reason SyncFailed (derived from the disruption controller's failSafe)."""
    assert run("get ns").code == 0
    env = Env(store_url=run.store, frozen_now=parse_time(FROZEN_NOW), rand=random.Random(1))
    store = Store.open(env)
    with store.transaction() as tx:
        tx.create({"apiVersion": "policy/v1", "kind": "PodDisruptionBudget",
                   "metadata": {"name": "b1", "namespace": "default"},
                   "spec": {"minAvailable": "half", "selector": {"matchLabels": {"app": "x"}}}})
    f = _write(tmp_path, "cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: after}\n")
    r = run(f"apply -f {f}")
    assert (r.code, r.err) == (0, "")
    cond = json.loads(run("get pdb b1 -o json").out)["status"]["conditions"][0]
    assert (cond["type"], cond["status"], cond["reason"]) == ("DisruptionAllowed", "False", "SyncFailed")
    assert run("get pdb b1 -o jsonpath={.status.disruptionsAllowed}").out == "0"


def test_validate_with_a_mistyped_crd_among_the_inputs(run: Runner, tmp_path: Path) -> None:
    """A CRD whose spec.group is a map (TypeError: unhashable type) is refused for its decode error."""
    f = _write(tmp_path, "crd.yaml", "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
                                     "metadata: {name: widgets.example.com}\nspec:\n  group: {}\n  scope: Namespaced\n"
                                     "  names: {plural: widgets, singular: widget, kind: Widget}\n"
                                     "  versions: [{name: v1, served: true, storage: true, schema: "
                                     "{openAPIV3Schema: {type: object}}}]\n")
    r = run(f"validate {f}")
    _no_internal_error(r, "validate")
    assert r.code == 1 and "json: cannot unmarshal object into Go struct field CustomResourceDefinitionSpec" \
                           ".spec.group of type string" in r.out


# ------------------------------------------------------------------------------------------------ the property

def _documents(paths: list[Path]) -> list[dict]:
    out = []
    for p in paths:
        try:
            docs = list(yaml.safe_load_all(p.read_text()))
        except (yaml.YAMLError, UnicodeDecodeError):
            continue
        out += [d for d in docs if isinstance(d, dict) and isinstance(d.get("kind"), str)
                and isinstance(d.get("apiVersion"), str) and not d["kind"].endswith("List")]
    return out


def _corpus() -> list[dict]:
    """Valid manifests: the project's fixtures that `validate` accepts, the valid cases recorded from a real
    server (when ../shared is beside the checkout), and the real-world files."""
    paths = [p for p in sorted((ROOT / "fixtures").rglob("*.yaml")) if "hostile" not in p.parts]
    order = SHARED / "k8s-recordings" / "validation" / "order.json"
    if order.is_file():
        cases = json.loads(order.read_text())["cases"]
        paths += [order.parent / "cases" / c["case"] for c in cases if c["valid"] and not c["setup"]]
    if REALWORLD.is_dir():
        paths += sorted(REALWORLD.glob("*.y*ml"))
    return _documents(paths)


CORPUS = _corpus()
EMPTIES = [None, {}, [], "", 0]


def _paths(obj: Any, prefix: tuple = ()) -> Iterator[tuple]:
    if isinstance(obj, dict):
        for k, v in obj.items():
            if prefix or k not in ("apiVersion", "kind"):
                yield prefix + (k,)
                yield from _paths(v, prefix + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield prefix + (i,)
            yield from _paths(v, prefix + (i,))


def _set(obj: Any, path: tuple, value: Any) -> None:
    for k in path[:-1]:
        obj = obj[k]
    obj[path[-1]] = value


@st.composite
def unusual_documents(draw: Any) -> tuple[dict, list]:
    doc = copy.deepcopy(draw(st.sampled_from(CORPUS)))
    paths = list(_paths(doc))
    changes = []
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        value = draw(st.sampled_from(EMPTIES))
        _set(doc, path, copy.deepcopy(value))
        changes.append((".".join(map(str, path)), value))
        paths = list(_paths(doc))
    return doc, changes


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory: pytest.TempPathFactory) -> Runner:
    run = Runner(str(tmp_path_factory.mktemp("unusual") / "store.db"))
    assert run("create namespace unusual").code == 0
    return run


def test_the_corpus_covers_the_groups() -> None:
    groups = {d["apiVersion"].rpartition("/")[0] for d in CORPUS}
    assert len(CORPUS) >= 100 and {"", "apps", "batch"} <= groups


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(case=unusual_documents())
def test_null_and_empty_fields_never_end_in_an_internal_error(shared_store: Runner, tmp_path_factory: Any,
                                                              case: tuple[dict, list]) -> None:
    doc, changes = case
    path = tmp_path_factory.mktemp("doc") / "m.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    for cmd in (f"validate {path}", f"apply --dry-run=server -n unusual -f {path}",
                f"create --dry-run=server -n unusual -f {path}", f"apply -n unusual -f {path}"):
        r = shared_store(cmd)
        what = f"{cmd} with {changes} on {doc.get('kind')} {json.dumps(doc)[:300]}"
        _no_internal_error(r, what)
        if r.code == 1 and not cmd.startswith("validate"):
            lines = [ln for ln in r.err.splitlines() if ln.strip()]
            assert lines and REFUSAL.match(lines[0]), what + "\n" + r.err
    r = shared_store("get all -n unusual")  # the cluster still reconciles and answers
    _no_internal_error(r, "get all")


# ------------------------------------------------------------------------------------------------ real-world files

REALWORLD_FILES = sorted(REALWORLD.glob("*.y*ml")) if REALWORLD.is_dir() else []


@pytest.mark.skipif(not REALWORLD_FILES, reason="../shared/realworld-manifests is not beside this checkout")
def test_real_world_files_never_end_in_an_internal_error(tmp_path: Path) -> None:
    run = Runner(str(tmp_path / "store.db"))
    verdicts = {"validate": [0, 0], "apply --dry-run=server": [0, 0]}
    for f in REALWORLD_FILES:
        for verb in verdicts:
            cmd = f"validate {f}" if verb == "validate" else f"apply --dry-run=server -f {f}"
            r = run(cmd)
            _no_internal_error(r, cmd)
            verdicts[verb][r.code] += 1
    assert len(REALWORLD_FILES) == 198
    # Most files are accepted; the refusals are custom resources whose CRDs are in other files, and the like.
    assert all(accepted > rejected for accepted, rejected in verdicts.values()), verdicts
