"""Several pykubectl processes on one store at once (SQLite file, and PostgreSQL in a fresh schema): every command
succeeds or fails with a kubectl-style message, and the store is consistent afterwards.

The store does not exist when the processes start, so the first use (creating the schema and seeding the cluster)
is raced too.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import textwrap
import threading
from typing import Callable

import pytest

from pykubectl.env import Env
from pykubectl.store.store import Store

PYKUBECTL = os.path.join(os.path.dirname(sys.executable), "pykubectl")
WORKERS = 8
OK_ERROR_PREFIXES = ("Error from server (NotFound)", "Error from server (Conflict)",
                     "Error from server (AlreadyExists)")


def deployment(name: str, replicas: int, app: str) -> str:
    return textwrap.dedent(f"""\
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
          labels: {{app: {app}}}
        spec:
          replicas: {replicas}
          selector: {{matchLabels: {{app: {app}}}}}
          template:
            metadata: {{labels: {{app: {app}}}}}
            spec:
              containers: [{{name: c, image: "nginx:1.27"}}]
        """)


def service(name: str, app: str) -> str:
    return textwrap.dedent(f"""\
        apiVersion: v1
        kind: Service
        metadata: {{name: {name}}}
        spec:
          selector: {{app: {app}}}
          ports: [{{port: 80}}]
        """)


def write_manifests(d: str) -> None:
    with open(os.path.join(d, "shared.yaml"), "w") as f:
        f.write(deployment("shared", 2, "shared") + "---\n" + service("shared", "shared"))
    with open(os.path.join(d, "shared3.yaml"), "w") as f:
        f.write(deployment("shared", 3, "shared"))
    for i in range(WORKERS):
        with open(os.path.join(d, f"own{i}.yaml"), "w") as f:
            f.write(deployment(f"own{i}", 1, f"own{i}") + "---\n" + service(f"own{i}", f"own{i}"))
        with open(os.path.join(d, f"own{i}b.yaml"), "w") as f:
            f.write(deployment(f"own{i}", 2, f"own{i}"))


def script(i: int, d: str, short: bool = False) -> list[list[str]]:
    """Worker i's commands: its own objects, and the shared ones every worker applies and deletes. ``short``: the
    five that contend most, for PostgreSQL, where each command pays ~0.5 s of CPU importing SQLAlchemy."""
    f = lambda n: os.path.join(d, n)  # noqa: E731
    cmds = [
        ["apply", "-f", f(f"own{i}.yaml")],
        ["apply", "-f", f("shared.yaml")],
        ["apply", "-f", f(f"own{i}b.yaml")],
        ["delete", "-f", f("shared.yaml")],
        ["get", "all", "-A"],
        ["apply", "-f", f("shared3.yaml")],
        ["delete", "-f", f(f"own{i}.yaml")],
        ["apply", "-f", f(f"own{i}.yaml")],
        ["get", "pods", "-l", f"app=own{i}"],
        ["apply", "-f", f("shared.yaml")],
    ]
    if i % 2:
        cmds[5], cmds[6] = cmds[6], cmds[5]
    if short:
        return [cmds[0], cmds[1], cmds[3], cmds[2], cmds[5] if i % 2 == 0 else cmds[9]]
    return cmds


def run_cmd(url: str, args: list[str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYKUBECTL_")}
    env["PYKUBECTL_STORE"] = url
    return subprocess.run([PYKUBECTL, *args], env=env, capture_output=True, text=True, timeout=120)


def check_clean(args: list[str], r: subprocess.CompletedProcess) -> None:
    what = f"pykubectl {' '.join(args)} -> exit {r.returncode}\nstdout:\n{r.stdout}\nstderr:\n{r.stderr}"
    assert r.returncode in (0, 1), what
    assert "Traceback" not in r.stderr and "database is locked" not in r.stderr, what
    assert "internal error" not in r.stderr, what
    if r.returncode == 1:
        lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
        assert lines and all(ln.startswith(OK_ERROR_PREFIXES) for ln in lines), what
    else:
        assert r.stderr == "" or r.stderr.startswith("No resources found"), what


def run_parallel(url: str, jobs: list[list[list[str]]]) -> list[tuple[list[str], subprocess.CompletedProcess]]:
    results: list[tuple[list[str], subprocess.CompletedProcess]] = []
    lock = threading.Lock()
    start = threading.Barrier(len(jobs))

    def worker(cmds: list[list[str]]) -> None:
        start.wait()
        for args in cmds:
            r = run_cmd(url, args)
            with lock:
                results.append((args, r))

    threads = [threading.Thread(target=worker, args=(j,)) for j in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def check_consistent(url: str) -> None:
    store = Store.open(Env(store_url=url))
    try:
        bodies = {}
        for oid, rv, uid, body in store.db.execute("SELECT id, rv, uid, body FROM objects"):
            obj = json.loads(body)
            assert str(rv) == obj["metadata"]["resourceVersion"] and uid == obj["metadata"]["uid"]
            bodies[int(oid)] = obj
        want = sorted((oid, k, str(v)) for oid, o in bodies.items()
                      for k, v in (o["metadata"].get("labels") or {}).items())
        got = sorted((int(o), k, v) for o, k, v in store.db.execute("SELECT obj, k, v FROM labels"))
        assert got == want, "label index differs from the bodies"
        want_owners = sorted((oid, r["uid"]) for oid, o in bodies.items()
                             for r in o["metadata"].get("ownerReferences") or [])
        got_owners = sorted((int(o), u) for o, u in store.db.execute("SELECT obj, owner_uid FROM owners"))
        assert got_owners == want_owners, "owner index differs from the bodies"
        rvs = [int(o["metadata"]["resourceVersion"]) for o in bodies.values()]
        assert len(rvs) == len(set(rvs)), "resourceVersions are not unique"
        uids = {o["metadata"]["uid"] for o in bodies.values()}
        assert len(uids) == len(bodies), "uids are not unique"
        for o in bodies.values():
            if o["kind"] == "Pod":
                refs = o["metadata"].get("ownerReferences") or []
                assert refs and all(r["uid"] in uids for r in refs), f"orphan pod {o['metadata']['name']}"
        assert not store.db.execute("SELECT 1 FROM work"), "reconcile work left behind"
        names = sorted(o["metadata"]["name"] for o in bodies.values() if o["kind"] == "Namespace")
        assert names == ["default", "kube-node-lease", "kube-public", "kube-system"]
    finally:
        store.close()


def test_concurrent_first_use(store_url: str) -> None:
    # A race: SQLite rounds are cheap, so run a few (the WAL-switch bug failed about one round in ten).
    urls = [store_url] if "://" in store_url else [f"{store_url}.{n}" for n in range(3)]
    for url in urls:
        results = run_parallel(url, [[["get", "namespaces", "-o", "name"]]] * WORKERS)
        for args, r in results:
            check_clean(args, r)
            assert r.returncode == 0 and r.stdout.split() == [
                "namespace/default", "namespace/kube-node-lease", "namespace/kube-public", "namespace/kube-system"]
        check_consistent(url)


def test_parallel_apply_and_delete(store_url: str, tmp_path: "os.PathLike[str]") -> None:
    d = str(tmp_path)
    write_manifests(d)
    short = "://" in store_url
    jobs = [script(i, d, short) for i in range(WORKERS)]
    results = run_parallel(store_url, jobs)
    assert len(results) == sum(len(j) for j in jobs)
    for args, r in results:
        check_clean(args, r)
    # Each worker's own objects were last applied by that worker alone: they must be there.
    r = run_cmd(store_url, ["get", "all", "-A"])
    check_clean(["get", "all", "-A"], r)
    assert r.returncode == 0
    for i in range(WORKERS):
        assert f"deployment.apps/own{i} " in r.stdout and f"service/own{i} " in r.stdout
    check_consistent(store_url)
