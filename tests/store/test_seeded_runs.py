"""PYKUBECTL_SEED makes names and UIDs reproducible, yet every process on a store draws new ones: the seed is mixed
with the store's resourceVersion when the store opens. Before, every command drew the same UIDs, so a second
`create deployment` got the first one's UID and the two Deployments fought over one ReplicaSet until the reconciler
gave up ("did not settle")."""

from __future__ import annotations

import json
import os
import subprocess
import sys

PYKUBECTL = os.path.join(os.path.dirname(sys.executable), "pykubectl")

def pykubectl(store: str, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYKUBECTL_STORE=store, PYKUBECTL_SEED="1")
    env.pop("PYKUBECTL_NOW", None)
    return subprocess.run([PYKUBECTL, *args], env=env, capture_output=True, text=True,
                          timeout=120)


def test_each_command_of_a_seeded_run_draws_new_uids(tmp_path):
    store = str(tmp_path / "s.db")
    for name in ("a", "b", "c"):
        p = pykubectl(store, "create", "deployment", name, "--image=nginx", "--replicas=2")
        assert (p.returncode, p.stderr) == (0, ""), p.stderr
    listed = pykubectl(store, "get", "deploy,rs,pods", "-o", "json")
    assert listed.returncode == 0, listed.stderr
    items = json.loads(listed.stdout)["items"]
    assert len(items) == 3 + 3 + 6
    uids = [i["metadata"]["uid"] for i in items]
    assert len(set(uids)) == len(uids)
    ready = {i["metadata"]["name"]: i["status"].get("readyReplicas") for i in items if i["kind"] == "Deployment"}
    assert ready == {"a": 2, "b": 2, "c": 2}


def test_a_seeded_run_is_reproducible(tmp_path):
    runs = []
    for n in (1, 2):
        store = str(tmp_path / f"s{n}.db")
        for name in ("a", "b"):
            assert pykubectl(store, "create", "deployment", name, "--image=nginx").returncode == 0
        got = pykubectl(store, "get", "pods", "-o", "jsonpath={.items[*].metadata.name}")
        runs.append(got.stdout)
    assert runs[0] == runs[1] and runs[0].count(" ") == 1
