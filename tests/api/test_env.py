"""Env's generators: the names they make must not depend on how they are computed, or seeded runs (goldens,
recorded transcripts) would change."""

from __future__ import annotations

import random

from pykubectl.env import SAFE_ALPHABET, Env


def test_suffix_draws_what_random_choice_draws() -> None:
    for seed in range(100):
        env, ref = Env(rand=random.Random(seed)), random.Random(seed)
        for n in (1, 5, 10):
            assert env.suffix(n) == "".join(ref.choice(SAFE_ALPHABET) for _ in range(n))


def test_now_follows_the_clock_offset() -> None:
    from pykubectl.env import parse_time

    env = Env(frozen_now=parse_time("2026-11-22T10:00:00Z"))
    assert env.now_str() == "2026-11-22T10:00:00Z"
    env.clock_offset = 90.0
    assert env.now_str() == "2026-11-22T10:01:30Z"
    env.frozen_now = parse_time("2026-11-22T11:00:00Z")
    assert env.now_str() == "2026-11-22T11:01:30Z"


def test_uid_is_the_version_4_uuid_of_the_drawn_bits() -> None:
    import uuid

    for seed in range(50):
        env, ref = Env(rand=random.Random(seed)), random.Random(seed)
        for _ in range(20):
            want = uuid.UUID(bytes=ref.getrandbits(128).to_bytes(16, "big"), version=4)
            assert env.uid() == str(want)
