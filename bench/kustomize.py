"""Issue 15: `pykubectl kustomize` on an overlay of 200 resources with generators and patches, side by side with
real `kubectl kustomize` (kubectl 1.32), run alternately; medians of wall and CPU time. Both outputs are compared
first (they must be identical).

    bench/setup.sh && /tmp/pykbench-venv/bin/python bench/kustomize.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import PYKUBECTL, WORK, bench_env, check_install, timed  # noqa: E402


def kubectl_132() -> str:
    found = shutil.which("kubectl")
    if not found:
        sys.exit("kubectl is not on PATH")
    return str(Path(os.path.realpath(found)).parent / "kubectl.1.32")


def write_overlay(root: Path) -> Path:
    """base/: 60 Deployments, 60 Services, 40 ConfigMaps, 20 ServiceAccounts, 20 PodDisruptionBudgets (200), and
    10 generated ConfigMaps and 5 generated Secrets the Deployments use; overlay/: namespace, prefix, labels,
    annotations, images, replicas, 10 strategic merge patches and a JSON 6902 patch by label selector."""
    if root.exists():
        shutil.rmtree(root)
    base, overlay = root / "base", root / "overlay"
    base.mkdir(parents=True)
    overlay.mkdir()
    docs = []
    for i in range(60):
        docs.append(f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: app{i}
  labels: {{tier: {"backend" if i % 2 else "frontend"}}}
spec:
  replicas: 1
  selector:
    matchLabels: {{app: app{i}}}
  template:
    metadata:
      labels: {{app: app{i}}}
    spec:
      serviceAccountName: sa{i % 20}
      containers:
      - name: main
        image: registry.example.com/app{i % 7}:1.0
        envFrom:
        - configMapRef: {{name: gen{i % 10}}}
        - secretRef: {{name: sec{i % 5}}}
        env:
        - name: SETTING
          valueFrom:
            configMapKeyRef: {{name: cm{i % 40}, key: k}}
        ports:
        - containerPort: 8080
      volumes:
      - name: cfg
        configMap: {{name: gen{i % 10}}}
""")
        docs.append(f"""apiVersion: v1
kind: Service
metadata:
  name: app{i}
spec:
  selector: {{app: app{i}}}
  ports:
  - port: 80
    targetPort: 8080
""")
    for i in range(40):
        docs.append(f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm{i}\ndata:\n  k: value-{i}\n")
    for i in range(20):
        docs.append(f"apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa{i}\n")
        docs.append(f"apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: pdb{i}\nspec:\n"
                    f"  maxUnavailable: 1\n  selector:\n    matchLabels: {{app: app{i}}}\n")
    (base / "resources.yaml").write_text("---\n".join(docs))
    gens = "".join(f"- name: gen{i}\n  literals: [A=a{i}, B=b{i}]\n" for i in range(10))
    secs = "".join(f"- name: sec{i}\n  literals: [token=t{i}]\n" for i in range(5))
    (base / "kustomization.yaml").write_text(f"resources:\n- resources.yaml\nconfigMapGenerator:\n{gens}"
                                             f"secretGenerator:\n{secs}")
    patches = "".join(f"""- patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: app{i}
    spec:
      template:
        spec:
          containers:
          - name: main
            resources:
              limits: {{memory: 256Mi}}
""" for i in range(10))
    (overlay / "kustomization.yaml").write_text(f"""resources:
- ../base
namespace: prod
namePrefix: prod-
labels:
- pairs: {{env: prod}}
  includeSelectors: true
commonAnnotations:
  owner: platform
images:
- name: registry.example.com/app1
  newTag: "2.0"
replicas:
- name: app0
  count: 3
patches:
{patches}- target:
    kind: Deployment
    labelSelector: tier=backend
  patch: |-
    - op: add
      path: /spec/revisionHistoryLimit
      value: 3
""")
    return overlay


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    check_install()
    overlay = write_overlay(WORK / "kustomize-200")
    kubectl = kubectl_132()
    env = bench_env()
    env["KUBECONFIG"] = "/dev/null"
    ours = subprocess.run([PYKUBECTL, "kustomize", str(overlay)], env=env, capture_output=True, text=True)
    theirs = subprocess.run([kubectl, "kustomize", str(overlay)], env=env, capture_output=True, text=True)
    if (ours.stdout, ours.returncode) != (theirs.stdout, theirs.returncode):
        sys.exit("outputs differ: pykubectl kustomize does not print what kubectl kustomize prints")
    print(f"identical output: {theirs.stdout.count(chr(10) + 'kind: ')} objects, {len(theirs.stdout)} bytes")
    py, kc = [], []
    for _ in range(args.runs):
        py.append(timed([PYKUBECTL, "kustomize", str(overlay)], env))
        kc.append(timed([kubectl, "kustomize", str(overlay)], env))
    pw, kw = statistics.median(py), statistics.median(kc)
    pc, kcpu = statistics.median(s.cpu for s in py), statistics.median(s.cpu for s in kc)
    print(f"pykubectl kustomize: wall {pw * 1000:.0f} ms, cpu {pc * 1000:.0f} ms (median of {args.runs})")
    print(f"kubectl kustomize:   wall {kw * 1000:.0f} ms, cpu {kcpu * 1000:.0f} ms")
    print(f"ratio (wall): {pw / kw:.2f}x   ratio (cpu): {pc / kcpu:.2f}x   target <= 1.0x")


if __name__ == "__main__":
    main()
