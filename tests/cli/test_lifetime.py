"""How the console script ends (pykubectl/lifetime.py): it closes its stores (no WAL file left beside a SQLite
store), writes all its output, keeps its exit code, and leaves without interpreter shutdown only when nothing was
registered to run at exit; called in-process, nothing is kept."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pykubectl import lifetime

ROOT = Path(__file__).resolve().parents[2]


def run_script(tmp_path: Path, *args: str, pre: str = "") -> subprocess.CompletedProcess:
    code = (f"import sys\n{pre}\nsys.argv = ['pykubectl', *{list(args)!r}]\n"
            "from pykubectl.cli.entry import run\nrun()\n")
    env = dict(os.environ, PYKUBECTL_STORE=str(tmp_path / "store.db"), PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)


def test_the_script_closes_its_store_and_writes_all_output(tmp_path: Path) -> None:
    manifest = tmp_path / "cms.yaml"
    manifest.write_text("---\n".join(f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-{i:04d}\n"
                                     for i in range(400)))
    r = run_script(tmp_path, "apply", "-f", str(manifest))
    assert r.returncode == 0 and r.stderr == ""
    assert r.stdout.splitlines() == [f"configmap/cm-{i:04d} created" for i in range(400)]
    assert not (tmp_path / "store.db-wal").exists()
    r = run_script(tmp_path, "get", "configmaps", "--no-headers", "-o", "name")
    assert r.stdout.count("\n") == 401  # and kube-root-ca.crt
    r = run_script(tmp_path, "get", "configmap", "nope")
    assert r.returncode == 1
    assert r.stderr == 'Error from server (NotFound): configmaps "nope" not found\n'
    assert not (tmp_path / "store.db-wal").exists()


def test_work_registered_for_the_exit_still_runs(tmp_path: Path) -> None:
    r = run_script(tmp_path, "version", "--client",
                   pre="import atexit\natexit.register(lambda: print('exit hook ran'))")
    assert r.returncode == 0
    assert r.stdout.startswith("Client Version:") and r.stdout.endswith("exit hook ran\n")


def test_in_process_runs_keep_nothing() -> None:
    assert lifetime._kept is None
    lifetime.keep(object())
    lifetime.opened(object())
    assert lifetime._kept is None and lifetime._dbs == []


def test_no_cycle_collection_changes_nothing_in_process() -> None:
    import gc

    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    with lifetime.no_cycle_collection():
        assert gc.isenabled()
    assert gc.isenabled() and gc.get_freeze_count() == frozen


def test_the_script_reconciles_without_the_collector_and_freezes_after(tmp_path: Path) -> None:
    # A reconcile runs with the collector off; after it, in the console script, what exists is frozen (the
    # reconcile's objects are kept to the end) and the collector is on again.
    pre = ("import gc\nfrom pykubectl.controllers import reconciler\n_r = reconciler._reconcile\n"
           "def spy(store):\n    print('enabled during', gc.isenabled())\n    return _r(store)\n"
           "reconciler._reconcile = spy\n"
           "import pykubectl.lifetime as lt\n_end = lt.end\n"
           "def end(code):\n    print('enabled after', gc.isenabled(), 'frozen', gc.get_freeze_count() > 0)\n"
           "    _end(code)\nlt.end = end\n")
    manifest = tmp_path / "d.yaml"
    manifest.write_text("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n"
                        "  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n"
                        "    spec:\n      containers:\n      - name: c\n        image: nginx\n")
    r = run_script(tmp_path, "apply", "-f", str(manifest), pre=pre)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("enabled during False\ndeployment.apps/web created\n")
    assert "enabled during True" not in r.stdout
    assert r.stdout.endswith("enabled after True frozen True\n")
    # and with an error in the block the collector is on again (nested blocks: the outer one decides)
    pre = ("import gc\nimport pykubectl.lifetime as lt\nlt.begin()\n"
           "try:\n    with lt.no_cycle_collection():\n        with lt.no_cycle_collection():\n"
           "            print('inner', gc.isenabled())\n        print('outer', gc.isenabled())\n"
           "        raise KeyError('x')\nexcept KeyError:\n    print('after', gc.isenabled())\n")
    r = run_script(tmp_path, "version", "--client", pre=pre)
    assert r.stdout.startswith("inner False\nouter False\nafter True\n"), r.stdout
    r = run_script(tmp_path, "get", "pods", "--no-headers")
    assert r.stdout.count("Running") == 2
