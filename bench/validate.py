"""Issue 5: `pykubectl validate` throughput on ../shared/bench-corpus/validate-2000 (2,000 manifests, 40 invalid).

    python3 -m venv /tmp/h6venv && /tmp/h6venv/bin/pip install /work/main   # NON-editable, byte-compiled
    /tmp/h6venv/bin/python bench/validate.py [--runs 7] [--pykubectl PATH]

Whole-process wall time, medians, commands run alternately in one loop: pykubectl strict in one process, with
`--jobs 2`, kubeconform `-strict -summary` (-n 1 / -n 2) when it is on PATH, and a calibration process that only
parses the corpus with PyYAML's CSafeLoader. Reports docs/s (wall and CPU: the children's user+sys), the ratio to
the reference figures of the corpus README (kubeconform v0.6.7: 1,780 docs/s at -n 1, 2,212 at -n 2, measured on
the project's development machine) and to the targets (1,800 / 3,300 docs/s), and the same figures scaled by the
calibration (the README's 2,300 docs/s for CSafeLoader parsing on that machine / the rate measured here), which
makes numbers taken on a loaded or slower machine comparable. Checks that every run reports exactly the 40.
`--baseline OTHER/bin/pykubectl` alternates another build's one-process run with these (before/after).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "bench-corpus" / "validate-2000"
INVALID = REPO.parent / "shared" / "bench-corpus" / "validate-2000-invalid.json"
REF_KUBECONFORM = {1: 1780.0, 2: 2212.0}
TARGET = {1: 1800.0, 2: 3300.0}
REF_PARSE = 2300.0  # CSafeLoader docs/s on the reference machine (corpus README)

CALIBRATE = r"""
import os, sys, time, yaml
d = sys.argv[1]
t, c = time.perf_counter(), time.process_time()
n = 0
for f in sorted(os.listdir(d)):
    with open(os.path.join(d, f)) as fh:
        n += sum(1 for _ in yaml.load_all(fh.read(), Loader=yaml.CSafeLoader))
print(n, time.perf_counter() - t, time.process_time() - c)
"""


def child_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, subprocess.CompletedProcess]:
    c0, t0 = child_cpu(), time.perf_counter()
    p = subprocess.run(cmd, env=env, capture_output=True, text=True)
    return time.perf_counter() - t0, child_cpu() - c0, p


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--pykubectl", default=str(Path(sys.executable).parent / "pykubectl"))
    ap.add_argument("--baseline", default=None,
                    help="another build's pykubectl (e.g. main's, installed in its own venv): its one-process run "
                         "is alternated with the others and reported alike, for a before/after side by side")
    args = ap.parse_args()
    if not Path(args.pykubectl).exists():
        sys.exit(f"{args.pykubectl} not found: install pykubectl non-editable into a venv and run its python")
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    docs = len(os.listdir(CORPUS))
    expected_invalid = sum(1 for x in json.loads(INVALID.read_text()) if x)
    cmds: dict[str, list[str]] = {
        "pykubectl -j1": [args.pykubectl, "validate", "--summary", str(CORPUS)],
        "pykubectl -j2": [args.pykubectl, "validate", "--summary", "--jobs", "2", str(CORPUS)],
        "parse only": [sys.executable, "-c", CALIBRATE, str(CORPUS)],
    }
    if args.baseline:
        cmds["baseline -j1"] = [args.baseline, "validate", "--summary", str(CORPUS)]
    kc = shutil.which("kubeconform")
    if kc:
        cmds["kubeconform -n1"] = [kc, "-strict", "-summary", "-n", "1", str(CORPUS)]
        cmds["kubeconform -n2"] = [kc, "-strict", "-summary", "-n", "2", str(CORPUS)]
    wall: dict[str, list[float]] = {k: [] for k in cmds}
    cpu: dict[str, list[float]] = {k: [] for k in cmds}
    parse_rate: list[float] = []  # in-process (no start-up), wall
    parse_cpu_rate: list[float] = []  # in-process, CPU
    for _ in range(args.runs):
        for name, cmd in cmds.items():
            w, c, p = timed(cmd, env)
            wall[name].append(w)
            cpu[name].append(c)
            if name.startswith(("pykubectl", "baseline")):
                want = f"{docs} documents, {docs - expected_invalid} valid, {expected_invalid} invalid"
                if want not in p.stdout:
                    sys.exit(f"{name}: unexpected report: {p.stdout[-300:]}{p.stderr[-300:]}")
            elif name == "parse only":
                n, secs, csecs = p.stdout.split()
                parse_rate.append(int(n) / float(secs))
                parse_cpu_rate.append(int(n) / float(csecs))
    load = os.getloadavg()[0]
    calib = REF_PARSE / statistics.median(parse_rate)
    calib_cpu = REF_PARSE / statistics.median(parse_cpu_rate)
    print(f"corpus: {docs} documents ({expected_invalid} invalid); {args.runs} alternated runs; load average {load:.1f}")
    print(f"calibration: CSafeLoader parses {statistics.median(parse_rate):.0f} docs/s here (reference machine "
          f"{REF_PARSE:.0f}): scale factor {calib:.2f}; on CPU time {statistics.median(parse_cpu_rate):.0f} docs/s, "
          f"factor {calib_cpu:.2f}")
    print(f"{'command':18} {'wall s':>7} {'docs/s':>7} {'CPU s':>6} {'docs/s':>7}  {'scaled':>7}  vs kubeconform ref"
          f"  vs target  (scaled by CPU calibration: docs/s, vs ref, vs target)")
    for name in cmds:
        w, c = statistics.median(wall[name]), statistics.median(cpu[name])
        line = f"{name:18} {w:7.2f} {docs / w:7.0f} {c:6.2f} {docs / c:7.0f}"
        if name.startswith(("pykubectl", "baseline")):
            jobs = 2 if name.endswith("2") else 1
            scaled = docs / w * calib
            line += (f"  {scaled:7.0f}  {scaled / REF_KUBECONFORM[jobs]:.2f}x (raw {docs / w / REF_KUBECONFORM[jobs]:.2f}x)"
                     f"  {scaled / TARGET[jobs]:.2f}x")
            # CPU: one process's CPU time is its wall time on an idle core; with --jobs 2 the work is spread over
            # two cores, so the wall-equivalent is CPU / 2 at best.
            cs = docs / (c / jobs) * calib_cpu
            line += f"  ({cs:.0f}, {cs / REF_KUBECONFORM[jobs]:.2f}x, {cs / TARGET[jobs]:.2f}x)"
        print(line)


if __name__ == "__main__":
    main()
