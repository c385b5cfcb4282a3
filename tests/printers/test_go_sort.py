"""--sort-by leaves equal rows where Go's sort.Sort leaves them (kubectl sorts with it, and it is not stable).

go_sort_orders.json: integer keys and the order Go's sort.Sort (pdqsort, Go 1.19 — the same algorithm and constants
as the Go that builds kubectl 1.32) put their indexes in, produced on this machine by a Go program sorting
(key, index) pairs by key. The same algorithm reproduced real kubectl 1.32's `get events --sort-by=.lastTimestamp`
over 433 events with many equal timestamps, row for row (through pykubectl serve, 2026-12-06)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pykubectl.printers.gosort import go_sorted

CASES = json.loads((Path(__file__).parent / "go_sort_orders.json").read_text())


@pytest.mark.parametrize("case", CASES, ids=[f"{len(c['keys'])}-{i}" for i, c in enumerate(CASES)])
def test_equal_keys_end_where_go_leaves_them(case: dict) -> None:
    keys = case["keys"]
    assert go_sorted(list(range(len(keys))), lambda i, j: keys[i] < keys[j]) == case["order"]


def test_the_result_is_sorted_and_a_permutation() -> None:
    keys = [5, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4] * 5
    order = go_sorted(list(range(len(keys))), lambda i, j: keys[i] < keys[j])
    assert sorted(order) == list(range(len(keys)))
    assert [keys[i] for i in order] == sorted(keys)
