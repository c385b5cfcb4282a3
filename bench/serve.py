"""`pykubectl serve` against the reference figures of ../shared/k8s-recordings/bench.md: real kubectl 1.32 through
serve, each timed alternately with kubectl's client-only dry run (`create deployment --dry-run=client -o yaml`) so
that the figures compare as ratios with the reference cluster's:

- `kubectl get pods` with 1,000 pods (10 Deployments x 100 replicas)     reference 0.252 s = 5.7x the dry run
- `kubectl apply -f DIR` with 100 ConfigMaps (all created)               reference 3.37 s  = 77x
- 1,000 ConfigMap creates through the official Python client             (no reference figure)
- watch delivery of 10,000 pod events (a 3,600-replica Deployment made through serve, 35 nodes added), events/s
- serve's memory (VmRSS) at rest on a new store and with the 1,000 pods  reference control plane 699 / 921 MiB

    bench/setup.sh && /tmp/pykbench-venv/bin/pip install kubernetes   # once (the Python client part is skipped
    /tmp/pykbench-venv/bin/python bench/serve.py [--runs 7]            # when the client is not installed)
"""

from __future__ import annotations

import argparse
import base64
import http.client
import json
import os
import shutil
import ssl
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import PYKUBECTL, WORK, bench_env, check_install, pk  # noqa: E402

KUBECTL = str(Path(os.path.realpath(shutil.which("kubectl") or "kubectl")).parent / "kubectl.1.32")
REF = [KUBECTL, "create", "deployment", "x", "--image=nginx", "--dry-run=client", "-o", "yaml"]


class Serve:
    def __init__(self, store: Path):
        self.kubeconfig = WORK / "serve.kubeconfig"
        self.proc = subprocess.Popen([PYKUBECTL, "serve", "--port", "0", "--write-kubeconfig", str(self.kubeconfig)],
                                     env=bench_env(store), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.proc.stdout.readline()
        if not line.startswith("Serving"):
            sys.exit(f"serve did not start: {line!r}")
        self.port = int(line.rsplit(":", 1)[1])
        cfg = self._read_kubeconfig()
        self.ca = base64.b64decode(cfg["ca"]).decode()
        self.token = cfg["token"]

    def _read_kubeconfig(self) -> dict:
        text = self.kubeconfig.read_text()
        ca = text.split("certificate-authority-data: ", 1)[1].split()[0]
        token = text.split("token: ", 1)[1].split()[0]
        return {"ca": ca, "token": token}

    def rss_mib(self) -> float:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def env(self) -> dict[str, str]:
        return dict(bench_env(), KUBECONFIG=str(self.kubeconfig))

    def stop(self) -> None:
        self.proc.send_signal(2)
        self.proc.wait(timeout=30)


def timed(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    p = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if p.returncode:
        sys.exit(f"{' '.join(cmd)} failed: {p.stderr.decode()[-500:]}")
    return time.perf_counter() - t0


def alternate(runs: int, measured: list[str], env: dict[str, str], before: object = None) -> tuple[float, float]:
    ours, ref = [], []
    for i in range(runs + 1):
        if before:
            before()  # type: ignore[operator]
        t = timed(measured, env)
        r = timed(REF, env)
        if i:  # the first pair warms caches
            ours.append(t)
            ref.append(r)
    return statistics.median(ours), statistics.median(ref)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    check_install()
    WORK.mkdir(parents=True, exist_ok=True)
    store = WORK / "serve.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(store) + suffix).unlink(missing_ok=True)
    pk(["get", "ns"], store)
    s = Serve(store)
    try:
        time.sleep(1)
        rest = s.rss_mib()
        env = s.env()
        for i in range(10):
            subprocess.run([KUBECTL, "create", "deployment", f"d{i}", "--image=nginx:1.27", "--replicas=100"],
                           env=env, check=True, capture_output=True)
        n = len(subprocess.run([KUBECTL, "get", "pods", "--no-headers"], env=env, check=True, capture_output=True,
                               text=True).stdout.splitlines())
        ours, ref = alternate(args.runs, [KUBECTL, "get", "pods"], env)
        loaded = s.rss_mib()
        print(f"get pods ({n} pods): {ours:.3f} s, dry run {ref:.3f} s, ratio {ours / ref:.1f}x "
              f"(reference 0.252 s, 5.7x)")
        cms = WORK / "serve-cms"
        shutil.rmtree(cms, ignore_errors=True)
        cms.mkdir()
        for i in range(100):
            (cms / f"cm{i:03d}.yaml").write_text(f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bench-{i:03d}\n"
                                                 f"  labels:\n    bench: dir\ndata:\n  k: v{i}\n")

        def clean() -> None:
            subprocess.run([KUBECTL, "delete", "cm", "-l", "bench=dir"], env=env, capture_output=True)

        ours, ref = alternate(args.runs, [KUBECTL, "apply", "-f", str(cms)], env, clean)
        print(f"apply -f DIR (100 ConfigMaps): {ours:.3f} s, dry run {ref:.3f} s, ratio {ours / ref:.1f}x "
              f"(reference 3.37 s, 77x)")
        try:
            from kubernetes import client, config

            cfg = client.Configuration()
            config.load_kube_config(config_file=str(s.kubeconfig), client_configuration=cfg)
            with client.ApiClient(cfg) as c:
                core = client.CoreV1Api(c)
                t0 = time.perf_counter()
                for i in range(1000):
                    core.create_namespaced_config_map("default", client.V1ConfigMap(
                        metadata=client.V1ObjectMeta(name=f"py-{i:04d}"), data={"k": "v"}))
                dt = time.perf_counter() - t0
            print(f"1,000 creates through the Python client: {dt:.2f} s ({1000 / dt:.0f}/s)")
        except ImportError:
            print("1,000 creates through the Python client: skipped (pip install kubernetes into this venv)")
        # Room for the 3,600 pods (the reference's three nodes hold 330): 35 more nodes, added by the CLI.
        pk(["cluster", "nodes", "add", "--count", "35"], store)
        ctx = ssl.create_default_context(cadata=s.ca)
        conn = http.client.HTTPSConnection("127.0.0.1", s.port, context=ctx, timeout=600)
        headers = {"Authorization": f"Bearer {s.token}"}
        conn.request("GET", "/api/v1/namespaces/default/pods?limit=1", headers=headers)
        rv = json.loads(conn.getresponse().read())["metadata"]["resourceVersion"]
        conn.request("GET", f"/api/v1/namespaces/default/pods?watch=true&resourceVersion={rv}"
                            f"&labelSelector=app%3Dwatched", headers=headers)
        resp = conn.getresponse()
        t0 = time.perf_counter()
        subprocess.Popen([KUBECTL, "create", "deployment", "watched", "--image=nginx:1.27", "--replicas=3600"],
                         env=env, stdout=subprocess.DEVNULL)
        got = 0
        conn.sock.settimeout(20)
        last = t0
        try:
            while got < 10000:
                line = resp.fp.readline()
                if not line:
                    break
                if line.startswith(b"{"):
                    got += 1
                    last = time.perf_counter()
        except TimeoutError:
            pass  # fewer than 10,000 events: the rate is of those that came
        dt = last - t0
        print(f"watch: {got} pod events in {dt:.2f} s ({got / dt:.0f} events/s, from the create request on)")
        conn.close()
        print(f"serve's memory (VmRSS): {rest:.0f} MiB at rest on a new store, {loaded:.0f} MiB with 1,000 pods "
              f"(reference control plane 699 / 921 MiB)")
    finally:
        s.stop()


if __name__ == "__main__":
    main()
