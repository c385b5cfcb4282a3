"""The fast paths of `get` and `apply -f` (cli/fastget.py, cli/fastapply.py: no click) print exactly what the
click commands print, leave the same store behind, and hand everything they do not understand to click."""

from __future__ import annotations

import shlex

import pytest

from pykubectl.cli import entry, fastapply, fastget, main as click_main
from pykubectl.cli.boundary import split_globals
from pykubectl.env import Env

FAST = [
    "get pods", "get po -o wide", "get deploy,svc", "get deployments.apps web", "get deploy/web svc/web",
    "get pods -A", "get pods --all-namespaces --no-headers", "get pods -l app=web", "get pods -lapp=web --show-labels",
    "get pods --selector=app!=web", "get svc -o yaml", "get deploy web -o json", "get pods -o name", "get -o name pods",
    "get ns", "get nodes -o wide", "get pods -n kube-system", "-n default get deploy web", "get pods --show-kind",
    "get pods --field-selector=status.phase=Running", "get deploy missing", "get deploy missing --ignore-not-found",
    "get nosuchtype", "get pods -l 'a in (b'", "get pods --field-selector=foo=bar", "get cm -o=yaml",
    "get deploy web other",
    # Every flag of the table is read on the fast path too, with pflag's grammar.
    "get", "get pods -w=false", "get pods -L app", "get pods -Lapp,tier", "get pods -o wide -o yaml",
    "get pods --show-labels=true", "get pods --show-labels=false", "get pods --show_labels=1", "get pods -A=f",
    "get pods --no-headers=T --show-kind=TRUE", "get deploy,svc --no-headers", "get pods -Aw=false",
    "get deploy web -o yaml --show-managed-fields=false", "get -- pods", "get pods --chunk-size=0x10",
    "get pods --ignore-not-found=False", "get pods -o=name", "get deploy web -ojson",
    "get pods -o jsonpath={.items}", "get pods --sort-by=.metadata.name", "get pods -",
    "get pods -o custom-columns=N:.metadata.name", "get pods --server-print=false",
]
# Help and lines the parser rejects go through click, which reports them with the same parser and table.
SLOW = ["get pods -h", "get pods --help=true", "get pods -x", "get pods -o", "get pods --show-labels=maybe",
        "get pods -R=yes", "get pods --chunk-size=x", "get pods ---x", "get pods --bogus", "describe pods",
        "-o name get pods"]


@pytest.fixture
def store(run, tmp_path, monkeypatch):
    assert run("apply -f fixtures/golden/web.yaml").code == 0
    assert run("apply -f fixtures/golden/web-svc.yaml").code == 0
    monkeypatch.setenv("PYKUBECTL_STORE", run.store)
    monkeypatch.setenv("PYKUBECTL_NOW", "2026-11-22T10:00:00Z")
    return run.store


@pytest.mark.parametrize("cmd", FAST)
def test_fast_path_taken_and_identical(cmd, store, capsys) -> None:
    argv = shlex.split(cmd)
    assert fastget.parse(split_globals(list(argv), Env())) is not None
    code_fast = entry._fast(list(argv))
    fast = capsys.readouterr()
    code_slow = click_main.main(list(argv))
    slow = capsys.readouterr()
    assert (code_fast, fast.out, fast.err) == (code_slow, slow.out, slow.err)


@pytest.mark.parametrize("cmd", SLOW)
def test_other_commands_go_through_click(cmd) -> None:
    assert fastget.parse(split_globals(shlex.split(cmd), Env())) is None


APPLY_FAST = ["apply -f fixtures/golden/web.yaml", "apply -f fixtures/golden/dir", "apply -R -f fixtures/golden/dir",
              "apply --filename=fixtures/golden/web.yaml -f fixtures/golden/web-svc.yaml", "apply -ffixtures/golden/cm.yaml",
              "-n team-b apply -f fixtures/golden/cm.yaml", "apply -f fixtures/golden/invalid-value.yaml",
              "apply -f fixtures/golden/multi-invalid-middle.yaml", "apply -f fixtures/golden/syntax-error-first.yaml",
              "apply -f nosuchfile.yaml", "apply -f fixtures/golden/unknown-field.yaml",
              "apply -f fixtures/golden/web.yaml,fixtures/golden/web-svc.yaml", "apply -R=false -f fixtures/golden/dir",
              "apply -Rf fixtures/golden/dir", "apply -f fixtures/golden/web.yaml -o name", "apply -f fixtures/golden/web.yaml extra",
              "apply -f fixtures/golden/web.yaml --dry-run=client -o yaml", "apply -f fixtures/golden/web.yaml --validate",
              "apply -f fixtures/golden/unknown-field.yaml --validate=false", "apply", "apply --server-side=false -f fixtures/golden/cm.yaml"]
APPLY_SLOW = ["apply -f", "apply -h", "apply -k dir", "apply -f x -R=maybe", "apply --bogus",
              "-R apply -f x"]


@pytest.mark.parametrize("cmd", APPLY_FAST)
def test_fast_apply_identical(cmd, tmp_path, monkeypatch, capsys) -> None:
    from tests.conftest import Runner

    argv = shlex.split(cmd)
    assert fastapply.parse(split_globals(list(argv), Env())) is not None
    monkeypatch.setenv("PYKUBECTL_NOW", "2026-11-22T10:00:00Z")
    monkeypatch.setenv("PYKUBECTL_SEED", "7")
    results = []
    for path, fn in (("fast.db", entry._fast), ("slow.db", click_main.main)):
        store = str(tmp_path / path)
        monkeypatch.setenv("PYKUBECTL_STORE", store)
        code = fn(list(argv))
        out = capsys.readouterr()
        state = Runner(store)("get all,cm -A -o yaml").out
        results.append((code, out.out, out.err, state))
    assert results[0] == results[1]


@pytest.mark.parametrize("cmd", APPLY_SLOW)
def test_other_applies_go_through_click(cmd) -> None:
    assert fastapply.parse(split_globals(shlex.split(cmd), Env())) is None


def test_apply_of_one_object_imports_no_module_it_does_not_need(tmp_path) -> None:
    """`apply -f` of one object runs without click, without orjson (the first objects' nulls are screened with the
    json module) and without dataclasses and inspect: together about a quarter of such a command."""
    import os
    import subprocess
    import sys

    heavy = ("click", "orjson", "dataclasses", "inspect")
    # Modules the interpreter loaded before (an editable install's path hook) are not counted.
    code = ("import io, sys\nbefore = set(sys.modules)\nfrom pykubectl.cli.entry import main\n"
            "sys.stdout = out = io.StringIO()\nrc = main(['apply', '-f', 'fixtures/golden/web.yaml'])\n"
            "sys.stdout = sys.__stdout__\n"
            f"print(rc, repr(out.getvalue()), [m for m in {heavy!r} if m in sys.modules and m not in before])")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYKUBECTL_")}
    env["PYKUBECTL_STORE"] = str(tmp_path / "store.db")
    # A store made beforehand: its first command bootstraps it (controllers/clusterconfig.py has dataclasses).
    subprocess.run([sys.executable, "-c", "from pykubectl.cli.entry import main; main(['get', 'ns'])"], env=env,
                   capture_output=True, check=True)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out == "0 'deployment.apps/web created\\n' []\n"
