"""`pykubectl dashboard` in headless Chromium: how soon the first view is drawn, how soon a CLI change shows.

    bench/setup.sh      # the installed, byte-compiled copy the dashboard server runs from
    /tmp/venv-dashboard/bin/python bench/dashboard.py [--runs 7] [--only first,live,10k]

Needs Selenium (the test extra) in the interpreter that runs this script, and Debian's chromium + chromium-driver.
The dashboard server runs from the benchmark venv's pykubectl (PYKBENCH_VENV).

- first: a store of about 1,000 objects (100 Deployments x 3 replicas with their ReplicaSets and pods, 100
  Services and their Endpoints, 100 ConfigMaps, 100 Secrets); each run loads the page afresh in a new tab and reads
  the `drawn #/VIEW` performance mark the page sets when the view is in the document (ms since navigation start).
  Target: <= 300 ms for the first view (#/cluster).
- live: `pykubectl scale` in another process, then the time until the page shows the new pod (measured from the end
  of the command, polled every 10 ms in the page). Target: <= 1 s.
- 10k: 10,000 pods over 100 nodes: the first view of #/pods and #/cluster, and the time to redraw the pod list
  after a jump of its scroll position (the list is virtualised: only the rows in view are in the document).
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (PYKUBECTL, bench_env, check_install, configmap, deployment, fresh_dir, header,  # noqa: E402
                    pk, secret, service, write_dir)


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    opts = Options()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,1000"):
        opts.add_argument(arg)
    opts.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)


def start_dashboard(store: Path) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([PYKUBECTL, "dashboard", "--port", "0"], env=bench_env(store), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    if not line.startswith("Dashboard of "):
        proc.kill()
        raise SystemExit(f"dashboard did not start: {line!r} {proc.stderr.read()!r}")
    return proc, line.split(" at ", 1)[1].split()[0]


def stop(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def first_view(driver, url: str, view: str, timeout: float = 60.0) -> float:
    """ms from navigation start to the page's `drawn #/VIEW` mark, in a freshly loaded page."""
    driver.get("about:blank")
    driver.get(url + "#/" + view)
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        t = driver.execute_script("const m = performance.getEntriesByName(arguments[0]); "
                                  "return m.length ? m[0].startTime : null;", "drawn #/" + view)
        if t is not None:
            return float(t)
        time.sleep(0.01)
    raise SystemExit(f"#/{view} was not drawn within {timeout} s")


def line(name: str, samples: list[float], unit: str = "ms") -> str:
    s = sorted(samples)
    return f"{name}: median {statistics.median(s):.0f} {unit}  min {s[0]:.0f}  max {s[-1]:.0f}  (n={len(s)})"


def store_1000(work: Path) -> Path:
    store = work / "objects1000.db"
    docs = []
    for i in range(100):
        docs.append((f"d{i:03}.yaml", deployment(f"app{i:03}", 3) + "---\n" + service(f"app{i:03}", f"app{i:03}")
                     + "---\n" + configmap(f"cfg{i:03}") + "---\n" + secret(f"sec{i:03}")))
    pk(["apply", "-f", str(write_dir(work / "objects1000", docs))], store)
    return store


def bench_first(work: Path, driver, runs: int) -> list[str]:
    store = store_1000(work)
    import sqlite3

    n = sqlite3.connect(store).execute("select count(*) from objects").fetchone()[0]
    proc, url = start_dashboard(store)
    out = [f"store: {n} objects"]
    try:
        for view in ("cluster", "workloads", "pods", "events"):
            first_view(driver, url, view)  # warm-up: the server's first request imports the REST layer
            out.append(line(f"first view #/{view}", [first_view(driver, url, view) for _ in range(runs)]))
    finally:
        stop(proc)
    return out


def bench_live(work: Path, driver, runs: int) -> list[str]:
    store = work / "live.db"
    pk(["create", "deployment", "web", "--image=nginx", "--replicas=1"], store)
    proc, url = start_dashboard(store)
    samples = []
    try:
        first_view(driver, url, "cluster")
        for i in range(runs + 1):
            want = 2 + i
            pk(["scale", "deployment", "web", f"--replicas={want}"], store)
            t0 = time.monotonic()
            while driver.execute_script("return [...document.querySelectorAll('a.pod')].filter(a => "
                                        "a.getAttribute('aria-label').startsWith('pod default/web-')).length") != want:
                if time.monotonic() - t0 > 30:
                    raise SystemExit("the scale never showed")
                time.sleep(0.01)
            if i:  # the first is a warm-up
                samples.append((time.monotonic() - t0) * 1000)
    finally:
        stop(proc)
    return [line("CLI scale in another process -> shown on the page", samples)]


def bench_10k(work: Path, driver, runs: int) -> list[str]:
    store = work / "pods10k.db"
    pk(["cluster", "nodes", "add", "--count", "97"], store)
    pk(["apply", "-f", str(write_dir(work / "big", [("big.yaml", deployment("big", 10000))]))], store)
    proc, url = start_dashboard(store)
    out = []
    try:
        for view in ("pods", "cluster"):
            first_view(driver, url, view)
            out.append(line(f"10,000 pods: first view #/{view}", [first_view(driver, url, view) for _ in range(runs)]))
        first_view(driver, url, "pods")
        rows = driver.execute_script("return document.querySelectorAll('table.grid tbody tr').length")
        jumps = []
        for i in range(runs):
            jumps.append(driver.execute_async_script(
                "const done = arguments[arguments.length - 1]; const s = document.querySelector('.vscroll');"
                "const t = performance.now(); s.scrollTop = arguments[0];"
                "requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t)));",
                (i + 1) * 25000))
        out.append(line(f"10,000 pods: redraw after a scroll jump ({rows} rows in the document)", jumps))
    finally:
        stop(proc)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--only", default="first,live,10k")
    args = ap.parse_args()
    check_install()
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    header("pykubectl dashboard")
    work = fresh_dir("dashboard")
    driver = browser()
    try:
        for name, fn in (("first", bench_first), ("live", bench_live), ("10k", bench_10k)):
            if name in args.only.split(","):
                for text in fn(work, driver, args.runs):
                    print(text, flush=True)
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
