from __future__ import annotations

import random

import pytest

from pykubectl.env import Env, parse_time
from pykubectl.store.store import Store


def open_store(path: str, seed: str = "1") -> Store:
    env = Env(store_url=path, frozen_now=parse_time("2026-11-22T10:00:00Z"), rand=random.Random(seed))
    return Store.open(env)



@pytest.fixture
def store(tmp_path) -> Store:  # type: ignore[no-untyped-def]
    s = open_store(str(tmp_path / "store.db"))
    yield s
    s.close()
