"""--sort-by's comparer (kubectl/pkg/cmd/get/sorter.go as its source states it)."""

from __future__ import annotations

import pytest

from pykubectl.printers.sorting import SortError, is_less, natural_less, sort_objects


@pytest.mark.parametrize("a,b,want", [
    ("pod-9", "pod-10", True), ("pod-10", "pod-9", False), ("a", "b", True), ("b", "a", False),
    ("a", "a", False), ("a", "ab", True), ("x01", "x1", False), ("x1", "x01", True), ("x2", "x010", True),
    ("1a", "a", True), ("a", "1a", False), ("web-2", "web-10b", True), ("", "a", True),
])
def test_natural_less(a: str, b: str, want: bool) -> None:
    assert natural_less(a, b) is want


@pytest.mark.parametrize("a,b,want", [
    (1, 2, True), (2, 1, False), (1.5, 2.5, True), ("100m", "1", True), ("1Gi", "500Mi", False),
    ("100M", "500Mi", True), ("2026-01-02T00:00:00Z", "2026-01-10T00:00:00Z", True), (None, "a", True),
    ("a", None, False), (None, None, False),
])
def test_is_less(a: object, b: object, want: bool) -> None:
    assert is_less(a, b) is want


@pytest.mark.parametrize("a,b", [(1, 1.5), ("a", 1), ({"a": 1}, {"b": 2}), (True, False)])
def test_unsortable(a: object, b: object) -> None:
    with pytest.raises(SortError):
        is_less(a, b)


def _cm(name: str, **data: str) -> dict:
    return {"kind": "ConfigMap", "metadata": {"name": name}, "data": data}


def test_sort_objects_missing_first_as_go_sorts_them() -> None:
    # kubectl's Less answers True for an object without the field whatever the other one is (True both ways for two
    # such objects), and sort.Sort's insertion sort then moves the later one in front: d before a.
    objs = [_cm("c", size="1Gi"), _cm("a"), _cm("b", size="10Mi"), _cm("d")]
    got = [o["metadata"]["name"] for o in sort_objects(objs, ".data.size")]
    assert got == ["d", "a", "b", "c"]


def test_sort_objects_errors_when_no_object_has_the_field() -> None:
    with pytest.raises(SortError, match=r'couldn\'t find any field with path "\{\.foo\}" in the list of objects'):
        sort_objects([_cm("a"), _cm("b")], "foo")
    # A single object printed by a non-table printer is not sorted (RuntimeSorter), so no error.
    assert sort_objects([_cm("a")], "foo", table=False) == [_cm("a")]
    assert sort_objects([], "foo") == []
