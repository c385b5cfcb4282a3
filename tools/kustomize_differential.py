#!/usr/bin/env python3
"""Differential check of `pykubectl kustomize` against real `kubectl kustomize` (kubectl 1.32) on random
two-layer kustomizations built from the corpus's resources (tools/kustomize_cases.py): namespace, prefixes,
suffixes, commonLabels, labels (selectors/templates), annotations, images, replicas, generators, strategic merge
and JSON 6902 patches. Prints the seeds whose stdout, stderr or exit differ and keeps their trees; a difference
found here becomes a recorded case in tools/kustomize_cases.py once understood.

Usage: python tools/kustomize_differential.py FIRST_SEED LAST_SEED [--work DIR] [--pykubectl PATH]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import kustomize_cases as C  # noqa: E402
from record_kustomize import kubectl  # noqa: E402

RESOURCES = {"d.yaml": C.DEPLOY, "s.yaml": C.SVC, "cm.yaml": C.CM, "refs.yaml": C.DEPLOY_REFS, "rbac.yaml": C.RBAC,
             "sts.yaml": C.STS, "cron.yaml": C.CRONJOB, "mixed.yaml": C.MIXED,
             "two.yaml": C.TWO_CONTAINERS.replace("name: web\n", "name: two\n", 1)}
SMP_TWO = ("patchesStrategicMerge:\n- |-\n  apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: two\n"
           "  spec:\n    template:\n      spec:\n        containers:\n        - name: log\n          env:\n"
           "          - name: Z\n            value: z\n        - name: web\n          image: nginx:2\n")
JSON_PATCH = ("patches:\n- target:\n    kind: Deployment\n  patch: |-\n    - op: add\n      path: /metadata/annotations\n"
              "      value: {patched: \"yes\"}\n")


def layer(rng: random.Random, resources: list[str], tag: str) -> str:
    """One kustomization; generator names carry the layer's tag (a generator of a name a lower layer has is an
    error whose text holds a Go pointer, so it cannot be compared)."""
    k = ["resources:\n" + "".join(f"- {r}\n" for r in resources)]
    pick = rng.random
    if pick() < .4:
        k.append(f"namespace: ns{rng.randint(1, 3)}\n")
    if pick() < .4:
        k.append(f"namePrefix: p{rng.randint(1, 3)}-\n")
    if pick() < .3:
        k.append(f"nameSuffix: -s{rng.randint(1, 3)}\n")
    if pick() < .3:
        k.append(f"commonLabels:\n  team: t{rng.randint(1, 3)}\n")
    if pick() < .3:
        k.append(f"labels:\n- pairs:\n    env: e{rng.randint(1, 3)}\n  includeSelectors: {rng.choice(['true', 'false'])}\n"
                 f"  includeTemplates: {rng.choice(['true', 'false'])}\n")
    if pick() < .3:
        k.append(f"commonAnnotations:\n  note: x{rng.randint(1, 3)}\n")
    if pick() < .3:
        k.append(f"images:\n- name: nginx\n  newTag: \"{rng.randint(1, 9)}\"\n- name: busybox\n  newName: mirror/busybox\n")
    if pick() < .5:
        k.append(f"configMapGenerator:\n- name: {tag}app-config\n  literals: [mode=m{rng.randint(1, 5)}, k=v]\n")
    if pick() < .4:
        k.append(f"secretGenerator:\n- name: {tag}app-secret\n  literals: [password=p{rng.randint(1, 5)}]\n")
    if pick() < .3 and ("d.yaml" in resources or "../base" in resources):
        k.append(f"replicas:\n- name: web\n  count: {rng.randint(2, 5)}\n")
    if pick() < .3 and ("two.yaml" in resources or "../base" in resources):
        k.append(SMP_TWO)
    if pick() < .3:
        k.append(JSON_PATCH)
    return "".join(k)


def tree(seed: int) -> tuple[dict[str, str], str]:
    rng = random.Random(seed)
    base = rng.sample(sorted(RESOURCES), rng.randint(1, 4))
    files = {f"base/{r}": RESOURCES[r] for r in base}
    files["base/kustomization.yaml"] = layer(rng, base, "")
    if rng.random() < .6:
        files["overlay/kustomization.yaml"] = layer(rng, ["../base"], "ov-")
        return files, "overlay"
    return files, "base"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("first", type=int)
    ap.add_argument("last", type=int)
    ap.add_argument("--work", default="/tmp/kustomize-differential")
    ap.add_argument("--pykubectl", default=shutil.which("pykubectl") or "pykubectl")
    args = ap.parse_args()
    exe = kubectl()
    env = dict(os.environ, KUBECONFIG="/dev/null")
    differ = 0
    for seed in range(args.first, args.last + 1):
        files, target = tree(seed)
        d = Path(args.work) / f"seed-{seed}"
        shutil.rmtree(d, ignore_errors=True)
        for rel, text in files.items():
            (d / rel).parent.mkdir(parents=True, exist_ok=True)
            (d / rel).write_text(text)
        want = subprocess.run([exe, "kustomize", target], cwd=d, capture_output=True, text=True, env=env)
        got = subprocess.run([args.pykubectl, "kustomize", target], cwd=d, capture_output=True, text=True, env=env)
        if (want.stdout, want.stderr, want.returncode) != (got.stdout, got.stderr, got.returncode):
            differ += 1
            print(f"differs: seed {seed} ({d})")
        else:
            shutil.rmtree(d)
    print(f"{args.last - args.first + 1 - differ} of {args.last - args.first + 1} agree")


if __name__ == "__main__":
    main()
