"""Screenshots of the dashboard's main views, written to docs/ (PNG) for the README and docs/LEARN.md.

    python tools/screenshot_dashboard.py [--out docs]

Builds a small demo cluster in a temporary store (frozen clock and seed, so the pictures only change when the page
does): two Deployments behind Services, one of them rolled out twice, a crash-looping pod, a denied image, a Job, a
CronJob, a ConfigMap, a Secret and a PersistentVolumeClaim, and a failed node. Then it starts `pykubectl dashboard`
on a free port and photographs each view with headless Chromium (Debian's `chromium` and `chromium-driver`, through
Selenium from the test extra)."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOW = "2026-11-22T10:00:00Z"
DEMO = """\
apiVersion: batch/v1
kind: Job
metadata:
  name: report
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: report
        image: busybox:1.36
        command: ["sh", "-c", "sleep 30"]
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 2 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: backup
            image: busybox:1.36
            command: ["true"]
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: ["ReadWriteOnce"]
  resources:
    requests:
      storage: 1Gi
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
spec:
  replicas: 2
  selector:
    matchLabels:
      app: worker
  template:
    metadata:
      labels:
        app: worker
    spec:
      containers:
      - name: worker
        image: busybox:1.36
        command: ["sh", "-c", "sleep 20; exit 1"]
"""
SETUP = [
    "create deployment web --image=nginx:1.27 --replicas=4",
    "set resources deployment web --requests=cpu=250m,memory=256Mi",
    "expose deployment web --port=80",
    "cluster images deny registry.example.com/*",
    "create deployment api --image=registry.example.com/api:2.0 --replicas=2",
    "expose deployment api --port=8080",
    "create configmap settings --from-literal=mode=fast",
    "create secret generic db --from-literal=password=s3cret",
    "apply -f -",
    "cluster advance 2m",
    "cluster nodes fail pykubectl-worker2",
]
VIEWS = [("cluster", "dashboard-cluster.png"), ("workloads", "dashboard-workloads.png"),
         ("pods", "dashboard-pods.png"), ("events", "dashboard-events.png")]


def pykubectl(store: str, args: list[str], stdin: str | None = None) -> None:
    env = dict(os.environ, PYKUBECTL_STORE=store, PYKUBECTL_NOW=NOW, PYKUBECTL_SEED="dashboard-demo")
    p = subprocess.run([sys.executable, "-c", "from pykubectl.cli.entry import run; run()", *args], input=stdin,
                       capture_output=True, text=True, env=env, cwd=str(ROOT))
    if p.returncode != 0:
        raise SystemExit(f"pykubectl {' '.join(args)} failed: {p.stderr}")


def main() -> None:
    import shlex

    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "docs"))
    args = ap.parse_args()
    out = Path(args.out)
    with tempfile.TemporaryDirectory(prefix="pykubectl-screens-") as tmp:
        store = str(Path(tmp) / "demo.db")
        for cmd in SETUP:
            pykubectl(store, shlex.split(cmd), DEMO if cmd == "apply -f -" else None)
        env = dict(os.environ, PYKUBECTL_STORE=store, PYKUBECTL_NOW=NOW, PYKUBECTL_SEED="dashboard-demo")
        proc = subprocess.Popen([sys.executable, "-c", "from pykubectl.cli.entry import run; run()", "dashboard",
                                 "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                                cwd=str(ROOT))
        url = proc.stdout.readline().split(" at ", 1)[1].split()[0]
        opts = Options()
        for a in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                  "--window-size=1280,800", "--hide-scrollbars"):
            opts.add_argument(a)
        opts.binary_location = "/usr/bin/chromium"
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
        try:
            def shoot(view: str, name: str, prepare=None) -> None:
                driver.get(url + "#/" + view)
                WebDriverWait(driver, 30).until(
                    lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-view") == "#/" + view)
                if prepare:
                    prepare()
                time.sleep(0.3)
                driver.save_screenshot(str(out / name))
                print(f"wrote {out / name}")

            def light_web_service() -> None:
                next(b for b in driver.find_elements(By.CSS_SELECTOR, ".services button")
                     if "default/web" in b.text).click()

            shoot("cluster", "dashboard-cluster.png", light_web_service)
            for view, name in VIEWS[1:]:
                shoot(view, name)

            def invalid_edit() -> None:
                driver.find_element(By.ID, "edit").click()
                area = WebDriverWait(driver, 30).until(lambda d: d.find_element(By.ID, "yaml-editor"))
                text = area.get_attribute("value").replace("  replicas: 4\n", "  replicas: -1\n", 1)
                driver.execute_script("arguments[0].value = arguments[1];"
                                      "arguments[0].dispatchEvent(new Event('input'));", area, text)
                driver.find_element(By.ID, "save").click()
                WebDriverWait(driver, 30).until(lambda d: d.find_element(By.ID, "problems").text)
                driver.execute_script("document.querySelector('.editor .gutter .err').scrollIntoView({block: 'center'})")

            from urllib.parse import quote

            web = "object?path=" + quote("/apis/apps/v1/namespaces/default/deployments/web", safe="")
            shoot(web, "dashboard-deployment.png")
            shoot(web, "dashboard-invalid-edit.png", invalid_edit)
        finally:
            driver.quit()
            proc.send_signal(signal.SIGINT)
            proc.wait(timeout=10)


if __name__ == "__main__":
    main()
