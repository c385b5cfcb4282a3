"""apply edit-last-applied, with EDITOR set to a script as edit is tested: real kubectl 1.32 through `pykubectl
serve` and pykubectl on a store of its own print the same, show the editor the same file (header, YAML or JSON,
syntax-error and validation reasons), and leave the same annotation. Temporary file names are masked."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.conftest import FROZEN_NOW
from tests.serve.test_serve_kubectl import KUBECTL, ROOT, Served, needs_kubectl, serving

EDITOR = """\
#!{python}
import os, re, sys
from pathlib import Path
log = Path(os.environ["EDIT_LOG"])
log.mkdir(exist_ok=True)
n = len(list(log.glob("seen-*")))
text = Path(sys.argv[1]).read_text()
(log / f"seen-{{n}}").write_text(text)
steps = [s.split("=>") for s in os.environ.get("EDIT_STEPS", "").split(";;") if s]
if n < len(steps):
    Path(sys.argv[1]).write_text(re.sub(steps[n][0], steps[n][1], text, flags=re.M))
"""
LAST_APPLIED = "{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}"
# (command, the editor's substitutions per run, joined by ";;")
CASES = [
    ("apply -f {fixtures}/web.yaml", ""),
    ("apply edit-last-applied deploy/web", "replicas: 2=>replicas: 3"),
    (f"get deploy web -o jsonpath={LAST_APPLIED}", ""),
    ("apply edit-last-applied deploy/web", ""),
    ("apply edit-last-applied deploy/web -o json", '"replicas": 3=>"replicas": 4'),
    ("apply edit-last-applied deploy/web -o yaml", "replicas: 4=>replicas: 5"),
    ("apply edit-last-applied deploy/web -o name", "replicas: 5=>replicas: 6"),
    ("apply edit-last-applied deploy/web", "replicas: 5=>replicas: [;;replicas: \\[=>replicas: 7"),
    ("apply edit-last-applied deploy/web", "replicas: 7=>replicas: [;;"),
    ("apply edit-last-applied deploy/web", "(?s).*=>"),
    ("apply edit-last-applied deploy/web --validate=false", "(?s).*=>"),
    ("create configmap plain --from-literal=a=b", ""),
    ("apply edit-last-applied configmap/plain", ""),
    ("apply -f {fixtures}/cm.yaml", ""),
    ("apply edit-last-applied deploy/web configmap/settings", "replicas: 7=>replicas: 8"),
    ("apply edit-last-applied deploy/web configmap/plain configmap/settings -o yaml", "mode: fast=>mode: slow"),
    ("apply edit-last-applied deploy/web", "name: web=>name: other"),
    ("apply edit-last-applied configmap/settings", "namespace: default=>namespace: kube-system"),
    ("apply edit-last-applied deploy/nope", ""),
    ("apply edit-last-applied -f {fixtures}/web.yaml", "replicas: 8=>replicas: 9"),
    (f"get deploy web -o jsonpath={LAST_APPLIED}", ""),
    (f"get cm settings -o jsonpath={LAST_APPLIED}", ""),
]


EDIT_CASES = [
    ("apply -f {fixtures}/cm.yaml", ""),
    ("edit cm settings", "mode: (\\w+)=>mode: ["),
    ("edit cm settings --validate=false", "mode: (\\w+)=>mode: ["),
    ("edit cm settings", "^kind: ConfigMap\\n=>"),
    ("edit cm settings", "^kind: ConfigMap\\n=>;;^apiVersion: v1\\n=>"),
    ("edit cm settings", "(?s).*=>"),
    ("edit cm settings --validate=false", "(?s).*=>"),
    ("edit cm settings", "^data:\\n=>data: 3\\n"),
    ("edit cm settings", "mode: (\\w+)=>mode: [;;mode: \\[=>mode: quick"),
    ("get cm settings -o jsonpath={.data.mode}", ""),
]


def _mask(text: str) -> str:
    text = re.sub(r"uid: [0-9a-f-]{36}", "uid: UID", text)
    return re.sub(r"/tmp/\S*edit-\w+\.(yaml|json)", "TMP", text)


@pytest.fixture
def served():
    yield from serving("pykubectl-edit-last-applied-test-")


@needs_kubectl
@pytest.mark.parametrize("cases", [CASES, EDIT_CASES], ids=["edit-last-applied", "edit"])
def test_kubectl_through_serve_and_pykubectl_edit_the_same(served: Served, cases: list) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        editor = Path(tmp) / "editor.py"
        editor.write_text(EDITOR.format(python=sys.executable))
        editor.chmod(0o755)
        base = {"PATH": os.environ.get("PATH", ""), "HOME": tmp, "EDITOR": str(editor)}
        clients = {"kubectl": ([KUBECTL], {"KUBECONFIG": served.kubeconfig}),
                   "pykubectl": ([sys.executable, "-c", "from pykubectl.cli.entry import run; run()"],
                                 {"PYKUBECTL_STORE": str(Path(tmp) / "store.db"), "PYKUBECTL_NOW": FROZEN_NOW,
                                  "PYKUBECTL_SEED": "7", "KUBECONFIG": str(Path(tmp) / "none")})}
        for n, (cmd, steps) in enumerate(cases):
            got = {}
            for who, (argv, extra) in clients.items():
                log = Path(tmp) / f"{who}-{n}"
                p = subprocess.run([*argv, *shlex.split(cmd.replace("{fixtures}", str(ROOT / "fixtures" / "golden")))],
                                   capture_output=True, text=True, timeout=120, cwd=tmp,
                                   env={**base, **extra, "EDIT_LOG": str(log), "EDIT_STEPS": steps})
                seen = [_mask(f.read_text()) for f in sorted(log.glob("seen-*"))] if log.is_dir() else []
                got[who] = (_mask(p.stdout), _mask(p.stderr), p.returncode, seen)
            assert got["pykubectl"] == got["kubectl"], (cmd, steps, got)
