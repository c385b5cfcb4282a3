"""The fast path of `validate` (cli/fastvalidate.py: no click) prints exactly what the click command prints, and
hands every line it does not read to click."""

from __future__ import annotations

import shlex

import pytest

from pykubectl.cli import entry, fastvalidate, main as click_main
from pykubectl.cli.boundary import split_globals
from pykubectl.env import Env

V = "fixtures/validate"
FAST = [
    f"validate {V}", f"validate --summary {V}", f"validate -R {V}", f"validate --recursive --summary {V}",
    f"validate -o json {V}/corpus-valid-deployments.yaml", f"validate -o=tap {V}", f"validate --output junit {V}",
    f"validate --output=github {V}", f"validate --strict=false {V}", f"validate --strict {V}",
    f"validate --strict=maybe {V}", f"validate -j 2 {V}", f"validate --jobs=2 --summary {V}", f"validate --jobs 0 {V}",
    f"validate -o yaml {V}", f"validate {V}/no-such-file.yaml", f"validate {V} fixtures/golden/web.yaml",
    f"validate --summary -o json --strict=false -R -j 2 {V}", f"-n default validate {V}",
    "validate fixtures/golden/web.yaml", "validate --jobs 007 fixtures/golden/web.yaml",
]
SLOW = ["validate", "validate -h", "validate --help", f"validate -f {V}", f"validate -x {V}", f"validate -o {V}",
        f"validate -o -x {V}", f"validate --summary --summary {V}", f"validate -j two {V}", f"validate -j -1 {V}",
        f"validate -- {V}", f"validate --skip ConfigMap {V}", f"validate - {V}", f"validate -Ro json {V}",
        f"validate --kubernetes-version 1.31 {V}", "get pods"]


@pytest.fixture
def fresh(run, monkeypatch):
    monkeypatch.setenv("PYKUBECTL_STORE", run.store)
    monkeypatch.setenv("PYKUBECTL_NOW", "2026-11-22T10:00:00Z")


@pytest.mark.parametrize("cmd", FAST)
def test_fast_path_taken_and_identical(cmd, fresh, capsys) -> None:
    argv = shlex.split(cmd)
    assert fastvalidate.parse(split_globals(list(argv), Env())) is not None
    code_fast = entry._fast(list(argv))
    fast = capsys.readouterr()
    code_slow = click_main.main(list(argv))
    slow = capsys.readouterr()
    assert (code_fast, fast.out, fast.err) == (code_slow, slow.out, slow.err)
    assert fast.out or fast.err or code_fast == 0


@pytest.mark.parametrize("cmd", SLOW)
def test_other_lines_go_through_click(cmd) -> None:
    assert fastvalidate.parse(split_globals(shlex.split(cmd), Env())) is None


def test_fast_path_imports_no_module_it_does_not_need() -> None:
    """A valid file's check runs without click and without the standard modules the start-up once paid for
    (dataclasses with inspect, ipaddress, random, datetime): they cost about a quarter of such a run."""
    import os
    import subprocess
    import sys

    heavy = ("click", "dataclasses", "inspect", "ipaddress", "random", "datetime")
    # Modules the interpreter loaded before (an editable install's path hook imports ipaddress) are not counted.
    code = ("import io, sys\nbefore = set(sys.modules)\nfrom pykubectl.cli.entry import main\n"
            "sys.stdout = out = io.StringIO()\nrc = main(['validate', 'fixtures/golden/web.yaml'])\n"
            "sys.stdout = sys.__stdout__\n"
            f"print(rc, repr(out.getvalue()), [m for m in {heavy!r} if m in sys.modules and m not in before])")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYKUBECTL_")}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out == "0 '' []\n"
