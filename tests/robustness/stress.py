"""The stress workload shared by tests/robustness/test_stress.py (8 processes x 100 commands) and bench/stress.py
(8 x 500): several processes run mixed commands on one store at once, each logging what it ran and what it was
told; ``verify`` then checks the store against the logs.

Each worker owns some objects (ConfigMaps ``w<i>-<k>``, a Deployment ``w<i>``) that only it touches, so a serial
replay of its own log predicts exactly what each of its commands answers and what the store holds at the end;
and all workers write one shared ConfigMap, whose commands do not commute: there the acknowledged write with the
highest resourceVersion must be the one that is stored.

Run as a worker: ``python -m tests.robustness.stress URL WORKER COMMANDS SEED LOG``.
"""

from __future__ import annotations

import gc
import io
import json
import os
import random
import subprocess
import sys
import time

CONFIGMAPS = 4


def cm(name: str, value: str) -> str:
    return f"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: {name}}}\ndata: {{v: \"{value}\"}}\n"


def deploy(name: str, replicas: int) -> str:
    return (f"apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: {name}}}\nspec:\n  replicas: {replicas}\n"
            f"  selector: {{matchLabels: {{app: {name}}}}}\n  template:\n    metadata: {{labels: {{app: {name}}}}}\n"
            f"    spec: {{containers: [{{name: c, image: nginx}}]}}\n")


def plan(worker: int, n: int, seed: int, have_label: bool) -> list[dict]:
    rng = random.Random(f"{seed}/{worker}")
    out = []
    for j in range(n):
        k = rng.randrange(CONFIGMAPS)
        name = f"w{worker}-{k}"
        roll = rng.random()
        if roll < 0.25:
            out.append({"op": "apply-cm", "name": name, "value": f"{worker}.{j}"})
        elif roll < 0.35:
            out.append({"op": "delete-cm", "name": name})
        elif roll < 0.45 and have_label:
            out.append({"op": "label-cm", "name": name, "value": f"l{j}"})
        elif roll < 0.55:
            out.append({"op": "apply-deploy", "name": f"w{worker}", "replicas": rng.randint(0, 2)})
        elif roll < 0.65:
            out.append({"op": "scale", "name": f"w{worker}", "replicas": rng.randint(0, 2)})
        elif roll < 0.70:
            out.append({"op": "delete-deploy", "name": f"w{worker}"})
        elif roll < 0.92:
            out.append({"op": "apply-shared", "value": f"{worker}.{j}"})
        else:
            out.append({"op": "get"})
    return out


def args_of(step: dict) -> tuple[list[str], str | None]:
    op = step["op"]
    rv = "--output=jsonpath={.metadata.resourceVersion}"
    if op == "apply-cm":
        return ["apply", "-f", "-", rv], cm(step["name"], step["value"])
    if op == "delete-cm":
        return ["delete", "configmap", step["name"]], None
    if op == "label-cm":
        return ["label", "--overwrite", "configmap", step["name"], f"l={step['value']}"], None
    if op == "apply-deploy":
        return ["apply", "-f", "-", rv], deploy(step["name"], step["replicas"])
    if op == "scale":
        return ["scale", f"deployment/{step['name']}", f"--replicas={step['replicas']}"], None
    if op == "delete-deploy":
        return ["delete", "deployment", step["name"]], None
    if op == "apply-shared":
        return ["apply", "-f", "-", rv], cm("shared", step["value"])
    return ["get", "configmaps", "-o", "name"], None


def worker_main(url: str, worker: int, n: int, seed: int, log: str) -> int:
    """Run the plan in this process, one command after the other, each a full pykubectl invocation."""
    from pykubectl.cli.main import main
    from pykubectl.env import Env

    have_label = os.environ.get("STRESS_LABEL") == "1"
    steps = plan(worker, n, seed, have_label)
    with open(log, "w") as fh:
        for step in steps:
            args, stdin = args_of(step)
            out, err = io.StringIO(), io.StringIO()
            env = Env(store_url=url, rand=random.Random(f"{seed}/{worker}/{len(args)}/{time.time_ns()}"),
                      stdout=out, stderr=err)
            old = sys.stdin
            if stdin is not None:
                sys.stdin = _Stdin(stdin)
            t0 = time.monotonic()
            try:
                code = main(args, env)
            finally:
                sys.stdin = old
            if "://" in url:
                # A pykubectl process ends after one command, closing its connection; this one runs many, so drop
                # the connections of finished commands now (PostgreSQL's max_connections is shared).
                gc.collect()
            fh.write(json.dumps({**step, "code": code, "out": out.getvalue(), "err": err.getvalue(),
                                 "s": time.monotonic() - t0}) + "\n")
    return 0


class _Stdin(io.StringIO):
    def __init__(self, text: str):
        super().__init__(text)
        self.buffer = io.BytesIO(text.encode())


def run_workers(url: str, workers: int, n: int, seed: int, logdir: str, have_label: bool) -> float:
    """Start the workers at once; return the wall time they took."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYKUBECTL_")}
    env["STRESS_LABEL"] = "1" if have_label else "0"
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env["PYTHONPATH"] = root + os.pathsep + env.get("PYTHONPATH", "")
    t0 = time.monotonic()
    procs = [subprocess.Popen([sys.executable, "-m", "tests.robustness.stress", url, str(w), str(n), str(seed),
                               os.path.join(logdir, f"w{w}.jsonl")], env=env, cwd=root)
             for w in range(workers)]
    for p in procs:
        assert p.wait(timeout=1800) == 0
    return time.monotonic() - t0


def read_logs(logdir: str, workers: int) -> list[list[dict]]:
    logs = []
    for w in range(workers):
        with open(os.path.join(logdir, f"w{w}.jsonl")) as fh:
            logs.append([json.loads(line) for line in fh])
    return logs


# The errors of commands whose object another worker deleted (kubectl scale says so in its own words).
CONFLICT_FREE_ERRORS = ("Error from server (NotFound)", "error: no objects passed to scale ")


def verify(url: str, logs: list[list[dict]]) -> list[str]:
    """What went wrong, checked against the logs; empty when all is well."""
    from pykubectl.env import Env
    from pykubectl.store import check as checkmod
    from pykubectl.store.store import Store

    problems: list[str] = []
    acked_rvs: dict[int, str] = {}
    shared: list[tuple[int, str]] = []
    expected_cms: dict[str, dict] = {}
    expected_deploys: dict[str, int] = {}
    for w, log in enumerate(logs):
        cms: dict[str, dict | None] = {f"w{w}-{k}": None for k in range(CONFIGMAPS)}
        dep: int | None = None
        last_rv = 0
        for i, e in enumerate(log):
            where = f"worker {w} command {i} ({e['op']} {e.get('name', '')})"
            if "Traceback" in e["err"] or "internal error" in e["err"] or "locked" in e["err"]:
                problems.append(f"{where}: {e['err'].strip()}")
                continue
            op, code = e["op"], e["code"]
            # The serial replay of this worker's own commands predicts each answer.
            if op == "apply-cm":
                want = 0
                cms[e["name"]] = {"v": e["value"], "labels": (cms[e["name"]] or {}).get("labels", {})}
            elif op == "delete-cm":
                want = 0 if cms[e["name"]] is not None else 1
                cms[e["name"]] = None
            elif op == "label-cm":
                want = 0 if cms[e["name"]] is not None else 1
                if cms[e["name"]] is not None:
                    cms[e["name"]]["labels"] = {"l": e["value"]}  # type: ignore[index]
            elif op == "apply-deploy":
                want, dep = 0, e["replicas"]
            elif op == "scale":
                want = 0 if dep is not None else 1
                if dep is not None:
                    dep = e["replicas"]
            elif op == "delete-deploy":
                want = 0 if dep is not None else 1
                dep = None
            else:
                want = 0
            if code != want:
                problems.append(f"{where}: exit {code}, the replay says {want}: {e['err'].strip()}")
                continue
            if code == 1 and not e["err"].startswith(CONFLICT_FREE_ERRORS):
                problems.append(f"{where}: unexpected error {e['err'].strip()}")
            # Every ConfigMap apply changes its object (values are unique), so it is a new version.
            if op in ("apply-cm", "apply-shared") and code == 0:
                rv = int(e["out"])
                if rv in acked_rvs:
                    problems.append(f"{where}: resourceVersion {rv} was also acknowledged to {acked_rvs[rv]}")
                acked_rvs[rv] = where
                if rv <= last_rv:
                    problems.append(f"{where}: resourceVersion {rv} not after this worker's previous {last_rv}")
                last_rv = max(last_rv, rv)
                if op == "apply-shared":
                    shared.append((rv, e["value"]))
        expected_cms.update({k: v for k, v in cms.items() if v is not None})
        if dep is not None:
            expected_deploys[f"w{w}"] = dep

    store = Store.open(Env(store_url=url))
    try:
        rep = checkmod.check(store.db)
        problems += [f"store check: {p}" for p in rep.problems]
        with store.read() as tx:
            cms_now = {o["metadata"]["name"]: o for o in tx.list("", "ConfigMap", "default")}
            deps_now = {o["metadata"]["name"]: o for o in tx.list("apps", "Deployment", "default")}
            pods = tx.list("", "Pod", "default")
            counter = int(tx.meta_get("rv") or 0)
            pending = tx.has_pending_work()
    finally:
        store.close()
    if pending:
        problems.append("reconcile work was left pending")
    for name, want in expected_cms.items():
        got = cms_now.get(name)
        if got is None:
            problems.append(f"configmap {name}: missing, its last acknowledged write set v={want['v']}")
        elif got.get("data", {}).get("v") != want["v"]:
            problems.append(f"configmap {name}: v={got.get('data', {}).get('v')}, last acknowledged {want['v']}")
        elif want["labels"] and (got["metadata"].get("labels") or {}).get("l") != want["labels"]["l"]:
            problems.append(f"configmap {name}: label {got['metadata'].get('labels')}, acknowledged {want['labels']}")
    for name in cms_now:
        if name.startswith("w") and name not in expected_cms:
            problems.append(f"configmap {name}: present, but its last acknowledged command deleted it")
    for name, replicas in expected_deploys.items():
        got = deps_now.get(name)
        if got is None:
            problems.append(f"deployment {name}: missing")
            continue
        if got["spec"]["replicas"] != replicas:
            problems.append(f"deployment {name}: replicas {got['spec']['replicas']}, acknowledged {replicas}")
        n = sum(1 for p in pods if p["metadata"]["name"].startswith(f"{name}-")
                and not p["metadata"].get("deletionTimestamp"))
        if n != replicas:
            problems.append(f"deployment {name}: {n} pods for {replicas} replicas")
    for name in deps_now:
        if name not in expected_deploys:
            problems.append(f"deployment {name}: present, but its last acknowledged command deleted it")
    if shared:
        rv, value = max(shared)
        got = (cms_now.get("shared") or {}).get("data", {}).get("v")
        if got != value:
            problems.append(f"configmap shared: v={got}, but the acknowledged write with the highest resourceVersion "
                            f"({rv}) set {value}")
    if acked_rvs and max(acked_rvs) > counter:
        problems.append(f"an acknowledged resourceVersion {max(acked_rvs)} is above the store's counter {counter}")
    return problems


if __name__ == "__main__":
    sys.exit(worker_main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]))
