"""Real kubectl 1.32 replays the recorded scenarios (tests/golden/k8s-scenarios) against `pykubectl serve`: every
step's output, normalised as tests/scenarios normalises pykubectl's own, equals what a real v1.32 cluster printed,
but for the steps known-failing.txt lists for pykubectl's own CLI (the server-side differences they stand for hold
through serve too). The store is made in the reference cluster's shape (fixtures/clusters/k8s-reference.yaml)
before serve opens it; what an earlier recording left (transcripts.leftovers_script) is then made with pykubectl's
CLI on the served store. The server runs on the wall clock, as pykubectl's own replay does: time passes in the
served cluster between requests (a Job's pod finishing while `kubectl wait` watches it)."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.scenarios import transcripts
from tests.serve.test_serve_kubectl import KUBECTL, Served, needs_kubectl

# All 30 recorded scenarios pass through serve; the suite replays a few (typed clients, patches, auth, server-side
# apply, scale, autoscale, custom resources), CI all of them once (SERVE_ALL_SCENARIOS=1, .ci/run).
SCENARIOS = [p.name for p in sorted(transcripts.SCENARIOS.iterdir()) if (p / "steps").is_file()] \
    if os.environ.get("SERVE_ALL_SCENARIOS") else ["05-scale", "07-label-annotate", "08-patch-types",
                                                   "17-auth-and-discovery", "20-server-side-apply",
                                                   "23-configmaps-secrets", "27-hpa-pdb-quota",
                                                   "30-custom-resources"]


# Steps whose output order real kubectl takes from a Go map's iteration, which is random on every run: `label --list`
# ranges over the labels map (pkg/cmd/label), `set env --from=configmap/…` over the ConfigMap's data (pkg/cmd/set,
# so the order of the env entries it writes, listed by later steps, varies too). Their lines are compared as sets.
GO_MAP_ORDER = {"06-set-commands step 6", "06-set-commands step 8", "07-label-annotate step 20"}


def lines_in_any_order(step: transcripts.Step) -> transcripts.Step:
    return dataclasses.replace(step, stdout="\n".join(sorted(step.stdout.split("\n"))))


@needs_kubectl
@pytest.mark.parametrize("name", SCENARIOS)
def test_real_kubectl_through_serve_prints_what_the_reference_cluster_printed(name: str) -> None:
    folder = transcripts.SCENARIOS / name
    tmp = Path(tempfile.mkdtemp(prefix="pykubectl-serve-scenario-"))
    pk = tmp / "pkbin"
    transcripts.kubectl_shim(pk)
    base = dict(os.environ, PYKUBECTL_STORE=str(tmp / "store.db"), PYTHONPATH=str(transcripts.ROOT), HOME=str(tmp))
    for var in ("PYKUBECTL_NOW", "PYKUBECTL_SEED"):
        base.pop(var, None)
    with_pykubectl = dict(base, PATH=f"{pk}{os.pathsep}{os.environ['PATH']}", KUBECONFIG=str(tmp / "unused"))
    # The store is made in the reference cluster's shape before serve opens it (with serve's seed).
    subprocess.run(["bash", "-c", transcripts.SHAPE_CLUSTER], cwd=tmp, check=True, capture_output=True, timeout=120,
                   env=dict(with_pykubectl, PYKUBECTL_SEED="7"))
    served = Served(tmp, frozen=False)
    try:
        assert served.store == base["PYKUBECTL_STORE"]
        work = tmp / "scenario"
        shutil.copytree(folder, work, ignore=shutil.ignore_patterns("expected.json", "steps"))
        bindir = tmp / "bin"
        bindir.mkdir()
        shim = bindir / "kubectl"
        shim.write_text(f'#!/bin/sh\nexec {KUBECTL} "$@"\n')
        shim.chmod(0o755)
        subprocess.run(["bash", "-c", transcripts.leftovers_script(folder)], cwd=work, check=True,
                       capture_output=True, timeout=120, env=with_pykubectl)
        env = dict(base, PATH=f"{bindir}{os.pathsep}{os.environ['PATH']}", KUBECONFIG=served.kubeconfig)
        got = []
        for cmd, compare in transcripts.read_steps(folder):
            p = subprocess.run(["bash", "-c", cmd], cwd=work, env=env, capture_output=True, text=True, timeout=120)
            got.append(transcripts.Step(cmd, compare, p.stdout, p.stderr, p.returncode))
        expected = transcripts.normalise(transcripts.recorded(folder))
        known = transcripts.load_known_failing()
        pairs = [(n, e, g) if f"{name} step {n}" not in GO_MAP_ORDER else (n, lines_in_any_order(e), lines_in_any_order(g))
                 for n, (e, g) in enumerate(zip(expected, transcripts.normalise(got)), 1)]
        differing = [transcripts.describe(n, e, g, transcripts.differences(e, g)) for n, e, g in pairs
                     if transcripts.differences(e, g) and f"{name} step {n}" not in known]
        assert not differing, "\n".join(differing)
    finally:
        served.stop()
        shutil.rmtree(tmp, ignore_errors=True)
