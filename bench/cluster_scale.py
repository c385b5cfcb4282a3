"""The scale a simulated cluster claims: 1,000 nodes from a config, 100,000 pods, and small changes in that store.

    PYKBENCH_VENV=/tmp/pykbench-X PYKBENCH_BASE_PYTHON=/usr/bin/python3 bench/setup.sh
    PYKBENCH_VENV=/tmp/pykbench-X /tmp/pykbench-X/bin/python bench/cluster_scale.py [--only nodes,small,get] [--runs N]

(1) `cluster create --config` of 1 control plane + 999 workers                                  <= 3 s
(2) `scale deployment web --replicas=100000` (from 0) over those 1,000 nodes                     <= 20 s, <= 1 GB
(3) then `scale deployment web --replicas=99999`                                                 <= 0.3 s, <= 200 MB
(4) `get pods` of the 100,000 (output to a pipe that is read and dropped)                        <= 1.5 s, <= 300 MB
(5) `get deploy` in that store / in a fresh store                                                 <= 1.3x

Peak memory is the OS's figure for each timed process (ru_maxrss from wait4), CPU time its user+sys. The store of
100,000 pods is made once by (2) and cached in $PYKBENCH_WORK/cluster-scale/ (--rebuild after a store change);
(3)-(5) start every run from a copy of it (the copy is not timed).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from common import PYKUBECTL, WORK, bench_env, check_install, checkpoint, copy_store, fmt, header, pk  # noqa: E402

CONFIG = """\
kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
name: big
networking:
  podSubnet: 10.0.0.0/12
nodes:
- role: control-plane
- role: worker
  pykubectl:
    count: 999
"""


class Run:
    def __init__(self, wall: float, cpu: float, rss_mb: float):
        self.wall, self.cpu, self.rss_mb = wall, cpu, rss_mb


def measured(args: list[str], store: Path, stdout: int | None = subprocess.DEVNULL) -> Run:
    """Run the installed pykubectl once: wall time, its own CPU time and peak RSS (from wait4, not a sum)."""
    t0 = time.perf_counter()
    p = subprocess.Popen([PYKUBECTL, *args], env=bench_env(store), stdout=subprocess.PIPE if stdout is None else
                         stdout, stderr=subprocess.PIPE)
    if stdout is None:
        assert p.stdout is not None
        while p.stdout.read(1 << 20):
            pass
    assert p.stderr is not None
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        raise SystemExit(f"pykubectl {' '.join(args)} exited {p.returncode}:\n{err.decode()[-2000:]}")
    return Run(wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024)


def report(name: str, runs: list[Run], target_s: float | None = None, target_mb: float | None = None) -> None:
    wall = statistics.median(r.wall for r in runs)
    cpu = statistics.median(r.cpu for r in runs)
    rss = max(r.rss_mb for r in runs)
    verdict = []
    if target_s is not None:
        verdict.append(f"time {'met' if wall <= target_s else 'NOT met'} (<= {fmt(target_s)}; cpu "
                       f"{'met' if cpu <= target_s else 'NOT met'})")
    if target_mb is not None:
        verdict.append(f"memory {'met' if rss <= target_mb else 'NOT met'} (<= {target_mb:.0f} MB)")
    print(f"{name}: wall median {fmt(wall)} (min {fmt(min(r.wall for r in runs))}), cpu {fmt(cpu)}, "
          f"peak RSS {rss:.0f} MB (n={len(runs)})  " + "; ".join(verdict))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", default="nodes,scale,small,get")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--rebuild", action="store_true")
    a = ap.parse_args()
    only = set(a.only.split(","))
    check_install()
    work = WORK / "cluster-scale"
    work.mkdir(parents=True, exist_ok=True)
    cfg = work / "big.yaml"
    cfg.write_text(CONFIG)
    header("cluster scale: 1,000 nodes, 100,000 pods")
    run_store = work / "run.db"

    def fresh(dst: Path) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(str(dst) + suffix).unlink(missing_ok=True)

    if "nodes" in only:
        runs = []
        for _ in range(a.runs):
            fresh(run_store)
            runs.append(measured(["cluster", "create", "--config", str(cfg)], run_store))
        report("(1) cluster create --config, 1,000 nodes", runs, 3.0)

    big = work / "pods100k.db"
    base = work / "nodes1k.db"
    if "scale" in only or not big.exists() or a.rebuild:
        fresh(base)
        pk(["cluster", "create", "--config", str(cfg)], base)
        pk(["create", "deployment", "web", "--image=nginx", "--replicas=0"], base)
        checkpoint(base)
        copy_store(base, run_store)
        r = measured(["scale", "deployment", "web", "--replicas=100000"], run_store)
        report("(2) scale 0 -> 100,000 over 1,000 nodes", [r], 20.0, 1024)
        checkpoint(run_store)
        copy_store(run_store, big)
    if "small" in only:
        runs = []
        for _ in range(a.runs):
            copy_store(big, run_store)
            runs.append(measured(["scale", "deployment", "web", "--replicas=99999"], run_store))
        report("(3) scale 100,000 -> 99,999", runs, 0.3, 200)
    if "get" in only:
        copy_store(big, run_store)
        runs = [measured(["get", "pods"], run_store, stdout=None) for _ in range(a.runs)]
        report("(4) get pods, 100,000", runs, 1.5, 300)
        empty = work / "empty.db"
        fresh(empty)
        pk(["create", "deployment", "web", "--image=nginx", "--replicas=0"], empty)
        big_runs, empty_runs = [], []
        for _ in range(a.runs + 2):  # alternating
            big_runs.append(measured(["get", "deploy"], run_store))
            empty_runs.append(measured(["get", "deploy"], empty))
        report("(5a) get deploy, store of 100,000 pods", big_runs[2:])
        report("(5b) get deploy, fresh store", empty_runs[2:])
        ratio = statistics.median(r.wall for r in big_runs[2:]) / statistics.median(r.wall for r in empty_runs[2:])
        cpu_ratio = statistics.median(r.cpu for r in big_runs[2:]) / statistics.median(r.cpu for r in empty_runs[2:])
        print(f"(5) ratio {ratio:.2f} (cpu {cpu_ratio:.2f}) {'met' if ratio <= 1.3 else 'NOT met'} (<= 1.3)")


if __name__ == "__main__":
    main()
