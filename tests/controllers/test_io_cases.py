"""Controller tests in the input/output style: each folder under ``cases/`` holds ``input.yaml`` (applied to a fresh
simulated cluster), optionally ``step2.yaml`` (applied next), and ``output.yaml``: every object of the ``default``
namespace once the reconciler has settled, as ``get -o yaml`` would show it, minus the fields that only identify a
version (uid, resourceVersion, the last-applied annotation).

The clock is frozen and the name generator seeded, so generated names, IPs and node choices are reproducible.
``pytest --update-golden`` rewrites the ``output.yaml`` files; a human reads the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import Runner

CASES = Path(__file__).parent / "cases"
# What the bootstrap puts in every namespace or cluster: not what a case is about.
BOOTSTRAP = {("ConfigMap", "kube-root-ca.crt"), ("ServiceAccount", "default"), ("Service", "kubernetes"),
             ("Endpoints", "kubernetes"), ("EndpointSlice", "kubernetes")}
KINDS = "deployments,replicasets,pods,services,endpoints,endpointslices,configmaps,serviceaccounts"


def _scrub(obj: object) -> object:
    if isinstance(obj, dict):
        out = {}
        for k, v in obj.items():
            if k in ("uid", "resourceVersion"):
                continue
            if k == "annotations" and isinstance(v, dict):
                v = {a: b for a, b in v.items() if a != "kubectl.kubernetes.io/last-applied-configuration"}
                if not v:
                    continue
            out[k] = _scrub(v)
        return out
    if isinstance(obj, list):
        return [_scrub(x) for x in obj]
    return obj


def settled_state(run: Runner) -> str:
    r = run(f"get {KINDS} -o yaml")
    assert r.code == 0, r.err
    items = [o for o in yaml.safe_load(r.out)["items"]
             if (o["kind"], o["metadata"]["name"]) not in BOOTSTRAP]
    items.sort(key=lambda o: (o["kind"], o["metadata"]["name"]))
    return yaml.safe_dump([_scrub(o) for o in items], sort_keys=True, default_flow_style=False)


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if (p / "input.yaml").exists()))
def test_controller_case(case: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    folder = CASES / case
    run = Runner(str(tmp_path / "store.db"))
    for step in ("input.yaml", "step2.yaml"):
        if (folder / step).exists():
            r = run(f"apply -f {folder / step}")
            assert r.code == 0, r.err
    got = settled_state(run)
    expected_file = folder / "output.yaml"
    if request.config.getoption("--update-golden") or not expected_file.exists():
        expected_file.write_text(got)
        if not request.config.getoption("--update-golden"):
            pytest.fail(f"{expected_file} did not exist: written, check it and commit it")
    assert got == expected_file.read_text()


def test_a_second_reconcile_writes_nothing(tmp_path: Path) -> None:
    """Every case, once settled, stays settled: a command that changes nothing leaves every object as it was."""
    for folder in sorted(p for p in CASES.iterdir() if (p / "input.yaml").exists()):
        run = Runner(str(tmp_path / f"{folder.name}.db"))
        assert run(f"apply -f {folder / 'input.yaml'}").code == 0
        before = run(f"get {KINDS} -o yaml").out
        assert run(f"apply -f {folder / 'input.yaml'}").code == 0
        assert run(f"get {KINDS} -o yaml").out == before, folder.name
