"""Robustness fixtures: a store URL on SQLite and on PostgreSQL (skipped with a visible reason when PostgreSQL does
not answer), an in-process runner on it, and a subprocess runner for tests that kill or interrupt pykubectl."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Iterator

import pytest

from tests.conftest import Runner
from tests.store.conftest import new_store_url

PYKUBECTL = os.path.join(os.path.dirname(sys.executable), "pykubectl")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture(params=["sqlite", "postgresql"])
def any_url(request: pytest.FixtureRequest, tmp_path: "os.PathLike[str]") -> Iterator[str]:
    yield from new_store_url(request.param, tmp_path)


@pytest.fixture
def pg_url(tmp_path: "os.PathLike[str]") -> Iterator[str]:
    yield from new_store_url("postgresql", tmp_path)


@pytest.fixture
def krun(any_url: str) -> Runner:
    return Runner(any_url)


def sub_env(url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYKUBECTL_")}
    env.update({"PYKUBECTL_STORE": url, "PYKUBECTL_NOW": "2026-11-22T10:00:00Z"})
    env.update(extra)
    return env


def pk(url: str, args: list[str], timeout: float = 120, **extra: str) -> subprocess.CompletedProcess:
    """Run pykubectl in a subprocess on the store at ``url``."""
    return subprocess.run([PYKUBECTL, *args], env=sub_env(url, **extra), capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)
