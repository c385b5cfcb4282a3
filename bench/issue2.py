"""Issue 2's speed targets, each timed alternately with kubectl's client-side reference command.

    bench/setup.sh && /tmp/pykbench-venv/bin/python bench/issue2.py [--runs 30] [--dir-runs 5]

(a) `pykubectl get pods` on a store of 1,000 objects          target <= 1.3x kubectl
(b) `pykubectl apply -f` of one Deployment into that store     target <= 3x kubectl
(c) `pykubectl apply -f dir/` of 1,000 manifests               target <= 1.5 s
The reference is `kubectl create deployment x --image=nginx --dry-run=client -o yaml` (no server needed).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (KUBECTL_REF, PYKUBECTL, Series, alternate, bench_env, check_install, checkpoint,  # noqa: E402
                    configmap, copy_store, count_objects, deployment, fmt, fresh_dir, header, pk, secret, service,
                    timed, write_dir)


def build_1000(work: Path) -> Path:
    """A store of 1,000 objects: a 10-replica Deployment (its ReplicaSet and pods), ConfigMaps and Secrets."""
    store = work / "s1000.db"
    pk(["get", "ns"], store)  # bootstrap a fresh cluster
    pk(["apply", "-f", str(write_dir(work / "dep10", [("web.yaml", deployment("web", 10))]))], store)
    have = count_objects(store)
    n = 1000 - have
    docs = [configmap(f"cm-{i:04d}") if i % 3 else secret(f"sec-{i:04d}") for i in range(n)]
    (work / "fill.yaml").write_text("---\n".join(docs))
    pk(["apply", "-f", str(work / "fill.yaml")], store)
    checkpoint(store)
    return store


def dir_1000(work: Path) -> Path:
    docs: list[tuple[str, str]] = []
    for i in range(1000):
        if i % 5 == 0:
            docs.append((f"svc-{i:04d}.yaml", service(f"svc-{i:04d}", f"app-{i:04d}")))
        elif i % 5 == 1:
            docs.append((f"sec-{i:04d}.yaml", secret(f"sec-{i:04d}")))
        else:
            docs.append((f"cm-{i:04d}.yaml", configmap(f"cm-{i:04d}")))
    return write_dir(work / "dir1000", docs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--dir-runs", type=int, default=5)
    args = ap.parse_args()
    check_install()
    header("issue 2: foundation speed")
    work = fresh_dir("issue2")

    ref = Series("kubectl create deployment --dry-run=client -o yaml")
    ref_env = bench_env()

    def kubectl() -> float:
        return timed(KUBECTL_REF, ref_env)

    # (a) get pods on 1,000 objects
    store = build_1000(work)
    n_obj = count_objects(store)
    get = Series(f"pykubectl get pods ({n_obj} objects, 10 pods listed)")
    genv = bench_env(store)
    alternate(args.runs, [(ref, kubectl), (get, lambda: timed([PYKUBECTL, "get", "pods"], genv))])

    # (b) apply -f one Deployment (3 replicas, reconciled) into a copy of that store, fresh copy for each run
    one = write_dir(work / "one", [("api.yaml", deployment("api", 3))]) / "api.yaml"
    scratch = work / "scratch.db"
    senv = bench_env(scratch)
    apply1 = Series("pykubectl apply -f deployment.yaml (created, 3 pods reconciled)")
    ref_b = Series("kubectl reference (interleaved with b)")

    def apply_one() -> float:
        copy_store(store, scratch)
        return timed([PYKUBECTL, "apply", "-f", str(one)], senv)

    alternate(args.runs, [(ref_b, kubectl), (apply1, apply_one)])
    # the same file again: "unchanged" (no copy, the store keeps its state between runs)
    copy_store(store, scratch)
    timed([PYKUBECTL, "apply", "-f", str(one)], senv)
    unchanged = Series("pykubectl apply -f deployment.yaml (unchanged)")
    alternate(args.runs, [(ref_b, kubectl), (unchanged, lambda: timed([PYKUBECTL, "apply", "-f", str(one)], senv))])

    # (c) apply -f dir/ of 1,000 manifests into a fresh (bootstrapped) store
    d = dir_1000(work)
    empty = work / "empty.db"
    pk(["get", "ns"], empty)
    checkpoint(empty)
    dirs = Series("pykubectl apply -f dir/ (1,000 files: 600 ConfigMaps, 200 Secrets, 200 Services)")
    ref_c = Series("kubectl reference (interleaved with c)")

    def apply_dir() -> float:
        copy_store(empty, scratch)
        return timed([PYKUBECTL, "apply", "-f", str(d)], senv)

    alternate(args.runs if args.dir_runs <= 0 else args.dir_runs, [(ref_c, kubectl), (dirs, apply_dir)], warmup=1)
    print(f"objects after (c): {count_objects(scratch)}")

    print()
    for s in (ref, get, ref_b, apply1, unchanged, ref_c, dirs):
        print(s.line())
    print()
    ra = get.median / ref.median
    rb = apply1.median / ref_b.median
    ru = unchanged.median / ref_b.median
    print(f"(a) get pods / kubectl      = {ra:.2f}x   target <= 1.3x   {'MET' if ra <= 1.3 else 'NOT MET'}"
          f"   (cpu-time ratio {get.cpu_median / ref.cpu_median:.2f}x)")
    print(f"(b) apply one / kubectl     = {rb:.2f}x   target <= 3x     {'MET' if rb <= 3 else 'NOT MET'}"
          f"   (cpu-time ratio {apply1.cpu_median / ref_b.cpu_median:.2f}x; unchanged re-apply: {ru:.2f}x)")
    print(f"(c) apply dir of 1,000      = {fmt(dirs.median)} ({dirs.median / ref_c.median:.1f}x kubectl)"
          f"   target <= 1.5 s   {'MET' if dirs.median <= 1.5 else 'NOT MET'}")


if __name__ == "__main__":
    main()
