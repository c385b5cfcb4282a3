"""Ages against the branches of k8s.io/apimachinery/pkg/util/duration."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from pykubectl.printers.durations import human_duration, short_human_duration, translate_timestamp_since

M, H, D, Y = 60, 3600, 86400, 365 * 86400


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (-5, "<invalid>"), (-1.9, "0s"), (-1, "0s"), (-0.5, "0s"), (0, "0s"), (59, "59s"), (119, "119s"),
        (120, "2m"), (182, "3m2s"), (9 * M + 59, "9m59s"), (10 * M + 30, "10m"), (179 * M, "179m"),
        (3 * H, "3h"), (3 * H + 5 * M, "3h5m"), (7 * H + 59 * M, "7h59m"), (8 * H + 30 * M, "8h"),
        (47 * H, "47h"), (48 * H, "2d"), (2 * D + 3 * H, "2d3h"), (7 * D + 23 * H, "7d23h"), (8 * D, "8d"),
        (45 * D, "45d"), (729 * D, "729d"), (2 * Y, "2y"), (2 * Y + 10 * D, "2y10d"), (8 * Y, "8y"), (20 * Y, "20y"),
    ],
)  # fmt: skip
def test_human_duration(seconds: float, expected: str) -> None:
    assert human_duration(seconds) == expected


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [(-3, "<invalid>"), (-1, "0s"), (59, "59s"), (60, "1m"), (3599, "59m"), (3600, "1h"), (23 * H, "23h"),
     (D, "1d"), (364 * D, "364d"), (Y, "1y"), (3 * Y + 5, "3y")],
)  # fmt: skip
def test_short_human_duration(seconds: float, expected: str) -> None:
    assert short_human_duration(seconds) == expected


def test_translate_timestamp_since() -> None:
    now = datetime(2024, 5, 1, 12, 0, 0, tzinfo=timezone.utc)
    assert translate_timestamp_since("2024-05-01T11:56:58Z", now) == "3m2s"
    assert translate_timestamp_since(None, now) == "<unknown>"
