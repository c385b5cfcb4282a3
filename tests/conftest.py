"""Shared test helpers: run pykubectl in-process against a throw-away store, with a frozen clock and seed."""

from __future__ import annotations

import io
import os
import shlex
from dataclasses import dataclass

import pytest

from pykubectl.cli.main import main
from pykubectl.env import Env, parse_time

FROZEN_NOW = "2026-11-22T10:00:00Z"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/*.txt from actual output")
    parser.addoption("--update-known-failing", action="store_true",
                     help="rewrite tests/golden/k8s-validation/known-failing.txt from a full replay's results")


@dataclass
class Result:
    out: str
    err: str
    code: int


class Runner:
    def __init__(self, store: str, now: str = FROZEN_NOW, seed: str = "1"):
        self.store = store
        self.now = now
        self.seed = seed
        self._n = 0

    def __call__(self, cmd: str | list[str], stdin: str | None = None) -> Result:
        import random
        import sys

        args = shlex.split(cmd) if isinstance(cmd, str) else list(cmd)
        out, err = io.StringIO(), io.StringIO()
        self._n += 1
        env = Env(store_url=self.store, frozen_now=parse_time(self.now), rand=random.Random(f"{self.seed}/{self._n}"),
                  stdout=out, stderr=err)
        old_stdin = sys.stdin
        if stdin is not None:
            sys.stdin = _Stdin(stdin)
        try:
            code = main(args, env)
        finally:
            sys.stdin = old_stdin
        return Result(out.getvalue(), err.getvalue(), code)


class _Stdin(io.StringIO):
    def __init__(self, text: str):
        super().__init__(text)
        self.buffer = io.BytesIO(text.encode())


@pytest.fixture
def run(tmp_path: "os.PathLike[str]") -> Runner:
    return Runner(str(tmp_path / "store.db"))


@pytest.fixture(autouse=True)
def _isolated_kubeconfig(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Contexts are read from ~/.pykubectl/config: give every test an empty home, so a developer's own contexts
    (or KUBECONFIG) never change what a test sees."""
    monkeypatch.setenv("HOME", str(tmp_path_factory.mktemp("home")))
    monkeypatch.delenv("KUBECONFIG", raising=False)
