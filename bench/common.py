"""Shared helpers for the benchmarks: locating the installed pykubectl, timing commands alternately, building stores.

Stdlib only, so the scripts run under the benchmark venv's interpreter (bench/setup.sh) with nothing else installed.
"""

from __future__ import annotations

import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

VENV = Path(os.environ.get("PYKBENCH_VENV", "/tmp/pykbench-venv"))
PYKUBECTL = str(VENV / "bin" / "pykubectl")
PYTHON = str(VENV / "bin" / "python")
WORK = Path(os.environ.get("PYKBENCH_WORK", "/tmp/pykbench-work"))
KUBECTL_REF = ["kubectl", "create", "deployment", "x", "--image=nginx", "--dry-run=client", "-o", "yaml"]


def bench_env(store: Path | str | None = None, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # the installed copy is byte-compiled; keep it that way
    env.pop("PYKUBECTL_NOW", None)
    env.pop("PYKUBECTL_SEED", None)
    if store is not None:
        env["PYKUBECTL_STORE"] = str(store)
    env.update(extra)
    return env


def check_install() -> None:
    if not Path(PYKUBECTL).exists():
        sys.exit(f"{PYKUBECTL} not found: run bench/setup.sh first")


def pk(args: list[str], store: Path | str, check: bool = True, quiet: bool = True) -> subprocess.CompletedProcess:
    """Run the installed pykubectl (untimed set-up work)."""
    p = subprocess.run([PYKUBECTL, *args], env=bench_env(store), capture_output=True, text=True)
    if check and p.returncode != 0:
        raise SystemExit(f"pykubectl {' '.join(args)} failed ({p.returncode}):\n{p.stderr[-2000:]}")
    if not quiet:
        print(p.stdout, end="")
    return p


class Sample(float):
    """A wall-clock duration in seconds that also carries the child's CPU time (user + sys).

    CPU time is reported beside wall time because this machine is shared: when other processes load it, wall time
    inflates with queueing while CPU time mostly does not."""

    cpu: float | None = None


def child_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(cmd: list[str], env: dict[str, str], expect_rc: int = 0, timeout: float | None = None) -> Sample:
    c0 = child_cpu()
    t0 = time.perf_counter()
    p = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=timeout)
    dt = Sample(time.perf_counter() - t0)
    dt.cpu = child_cpu() - c0
    if p.returncode != expect_rc:
        raise SystemExit(f"{' '.join(cmd)} exited {p.returncode}:\n{p.stderr.decode()[-2000:]}")
    return dt


def copy_store(src: Path, dst: Path) -> None:
    """Copy a store with its WAL/SHM files (a WAL-mode SQLite file alone may miss committed pages).

    The copy is fsynced before the timed command runs: otherwise SQLite's first fdatasync (at the WAL checkpoint)
    writes back every dirty page of the fresh copy, and a 100 MB store measures the disk, not pykubectl."""
    for suffix in ("", "-wal", "-shm"):
        d = Path(str(dst) + suffix)
        if d.exists():
            d.unlink()
        s = Path(str(src) + suffix)
        if s.exists():
            shutil.copyfile(s, d)
            fd = os.open(d, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


def checkpoint(store: Path) -> None:
    """Fold the WAL into the main file so a store can be copied as one file."""
    import sqlite3

    c = sqlite3.connect(store)
    c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    c.close()


def count_objects(store: Path) -> int:
    import sqlite3

    c = sqlite3.connect(store)
    n = c.execute("select count(*) from objects").fetchone()[0]
    c.close()
    return int(n)


class Series:
    def __init__(self, name: str) -> None:
        self.name = name
        self.samples: list[float] = []
        self.cpu: list[float] = []

    def add(self, dt: float) -> None:
        self.samples.append(float(dt))
        c = getattr(dt, "cpu", None)
        if c is not None:
            self.cpu.append(c)

    @property
    def cpu_median(self) -> float | None:
        return statistics.median(self.cpu) if self.cpu else None

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    def line(self) -> str:
        s = sorted(self.samples)
        cpu = f"  cpu {fmt(self.cpu_median)}" if self.cpu else ""
        return (f"{self.name}: median {fmt(self.median)}  min {fmt(s[0])}  max {fmt(s[-1])}{cpu}  "
                f"(n={len(s)})")


def fmt(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def alternate(runs: int, steps: list[tuple[Series, callable]], warmup: int = 2) -> None:
    """Run each step in turn, `runs` times: A B A B … so drift (CPU frequency, cache, neighbours) hits both alike."""
    for i in range(warmup + runs):
        for series, fn in steps:
            dt = fn()
            if i >= warmup:
                series.add(dt)


def machine() -> str:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    kv = subprocess.run(["kubectl", "version", "--client"], capture_output=True, text=True).stdout.split("\n")[0]
    return (f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} CPUs, {mem} RAM, "
            f"Python {platform.python_version()}, {kv.strip()}")


def header(title: str) -> None:
    print(f"\n== {title} ==  ({time.strftime('%Y-%m-%d %H:%M %Z')})")
    print(machine())
    print(f"load average at start: {' '.join(f'{x:.1f}' for x in os.getloadavg())}  "
          "(other work on this machine inflates wall times; ratios come from interleaved runs)")
    rate = calib()
    if rate:
        print(f"calib: CSafeLoader parses bench-corpus/validate-2000 at {rate:,.0f} docs/s with /usr/bin/python3 "
              "(the issue texts' reference machine: ~2,300; scale absolute times by rate/2,300)")


REF_RATE = 2300  # docs/s: calib() on the machine the issue texts' targets were set on


def calib() -> float | None:
    """How fast this machine is right now: the reference the issue texts quote (CSafeLoader, Debian's Python)."""
    corpus = Path(__file__).resolve().parent.parent.parent / "shared" / "bench-corpus" / "validate-2000"
    if not corpus.is_dir() or not os.path.exists("/usr/bin/python3"):
        return None
    code = ("import glob,time,yaml\n"
            f"t=[open(f).read() for f in sorted(glob.glob({str(corpus)!r}+'/**/*.y*ml',recursive=True))]\n"
            "s=time.perf_counter();n=sum(1 for x in t for _ in yaml.load_all(x,Loader=yaml.CSafeLoader))\n"
            "print(n/(time.perf_counter()-s))")
    try:
        out = subprocess.run(["/usr/bin/python3", "-c", code], capture_output=True, text=True, timeout=120)
        return float(out.stdout.strip())
    except (OSError, ValueError, subprocess.SubprocessError):
        return None


def fresh_dir(name: str) -> Path:
    d = WORK / name
    if d.exists():
        shutil.rmtree(d)
    d.mkdir(parents=True)
    return d


# --- manifests -------------------------------------------------------------------------------------------------

def configmap(name: str, ns: str = "default") -> str:
    return (f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n  namespace: {ns}\n"
            f"  labels:\n    app: bench\n    shard: s{hash(name) % 10}\n"
            f"data:\n  key: value-{name}\n  config.yaml: |\n    a: 1\n    b: two\n")


def secret(name: str, ns: str = "default") -> str:
    return (f"apiVersion: v1\nkind: Secret\nmetadata:\n  name: {name}\n  namespace: {ns}\n"
            f"type: Opaque\nstringData:\n  password: pw-{name}\n")


def service(name: str, app: str, ns: str = "default") -> str:
    return (f"apiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\n  namespace: {ns}\n"
            f"spec:\n  selector:\n    app: {app}\n  ports:\n  - port: 80\n    targetPort: 8080\n")


def deployment(name: str, replicas: int, ns: str = "default", cpu: str | None = None) -> str:
    res = f"        resources:\n          requests:\n            cpu: {cpu}\n" if cpu else ""
    return (f"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\n  namespace: {ns}\n"
            f"  labels:\n    app: {name}\n"
            f"spec:\n  replicas: {replicas}\n  selector:\n    matchLabels:\n      app: {name}\n"
            f"  template:\n    metadata:\n      labels:\n        app: {name}\n"
            f"    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n"
            f"        ports:\n        - containerPort: 8080\n{res}")


def write_dir(d: Path, docs: list[tuple[str, str]]) -> Path:
    d.mkdir(parents=True, exist_ok=True)
    for fname, text in docs:
        (d / fname).write_text(text)
    return d
