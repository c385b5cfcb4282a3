"""The order Go's ``sort.Sort`` leaves a sequence in, for kubectl's --sort-by.

kubectl sorts rows with ``sort.Sort``, which is not stable: Go 1.23's pattern-defeating quicksort (insertion sort up
to 12 elements, median-of-three or Tukey-ninther pivots, a partition that moves equal elements, heapsort after too
many unbalanced partitions, a fixed xorshift (13, 17, 5) to break patterns). Rows that compare equal (events of the same second,
pods on the same node) therefore come out in an order that depends on every step of that algorithm, and matching
kubectl's output means taking the same steps with the same ``Less`` answers. ``less(a, b)`` here is kubectl's Less
on two items (it may answer True both ways, as kubectl's does when both values are missing)."""

from __future__ import annotations

from typing import Callable, TypeVar

T = TypeVar("T")
_MASK64 = (1 << 64) - 1
_INSERTION_MAX = 12
_NINTHER_MIN = 50
_SWAPS_MAX = 12  # choosing a pivot makes at most 4 * 3 exchanges; all of them means the input runs downwards
_UNKNOWN, _INCREASING, _DECREASING = 0, 1, 2


def go_sorted(items: list[T], less: Callable[[T, T], bool]) -> list[T]:
    """A new list: ``items`` in the order sort.Sort leaves them with this Less."""
    data = list(items)
    _Sorter(data, less).sort()
    return data


class _Sorter:
    def __init__(self, data: list, less: Callable) -> None:
        self.data = data
        self.item_less = less

    def less(self, i: int, j: int) -> bool:
        return self.item_less(self.data[i], self.data[j])

    def swap(self, i: int, j: int) -> None:
        d = self.data
        d[i], d[j] = d[j], d[i]

    def sort(self) -> None:
        n = len(self.data)
        if n > 1:
            self.pdq(0, n, n.bit_length())

    # -- building blocks ---------------------------------------------------------------------------------------
    def insertion(self, lo: int, hi: int) -> None:
        for i in range(lo + 1, hi):
            j = i
            while j > lo and self.less(j, j - 1):
                self.swap(j, j - 1)
                j -= 1

    def _sift_down(self, root: int, end: int, base: int) -> None:
        while True:
            child = 2 * root + 1
            if child >= end:
                return
            if child + 1 < end and self.less(base + child, base + child + 1):
                child += 1
            if not self.less(base + root, base + child):
                return
            self.swap(base + root, base + child)
            root = child

    def heap(self, lo: int, hi: int) -> None:
        size = hi - lo
        for i in range((size - 1) // 2, -1, -1):
            self._sift_down(i, size, lo)
        for i in range(size - 1, -1, -1):
            self.swap(lo, lo + i)
            self._sift_down(0, i, lo)

    def _order2(self, a: int, b: int, swaps: list[int]) -> tuple[int, int]:
        if self.less(b, a):
            swaps[0] += 1
            return b, a
        return a, b

    def _median(self, a: int, b: int, c: int, swaps: list[int]) -> int:
        a, b = self._order2(a, b, swaps)
        b, c = self._order2(b, c, swaps)
        a, b = self._order2(a, b, swaps)
        return b

    def choose_pivot(self, lo: int, hi: int) -> tuple[int, int]:
        length = hi - lo
        swaps = [0]
        quarter = length // 4
        i, j, k = lo + quarter, lo + quarter * 2, lo + quarter * 3
        if length >= 8:
            if length >= _NINTHER_MIN:
                i = self._median(i - 1, i, i + 1, swaps)
                j = self._median(j - 1, j, j + 1, swaps)
                k = self._median(k - 1, k, k + 1, swaps)
            j = self._median(i, j, k, swaps)
        if swaps[0] == 0:
            return j, _INCREASING
        if swaps[0] == _SWAPS_MAX:
            return j, _DECREASING
        return j, _UNKNOWN

    def reverse(self, lo: int, hi: int) -> None:
        i, j = lo, hi - 1
        while i < j:
            self.swap(i, j)
            i += 1
            j -= 1

    def nearly_sorted(self, lo: int, hi: int) -> bool:
        """Fixes up to five neighbouring pairs out of order (in runs of 50 or more); True when the range is sorted."""
        i = lo + 1
        for _ in range(5):
            while i < hi and not self.less(i, i - 1):
                i += 1
            if i == hi:
                return True
            if hi - lo < 50:
                return False
            self.swap(i, i - 1)
            if i - lo >= 2:
                j = i - 1
                while j >= 1 and self.less(j, j - 1):
                    self.swap(j, j - 1)
                    j -= 1
            if hi - i >= 2:
                j = i + 1
                while j < hi and self.less(j, j - 1):
                    self.swap(j, j - 1)
                    j += 1
        return False

    def scatter(self, lo: int, hi: int) -> None:
        """Swaps three elements around the middle with pseudo-random others (xorshift seeded with the length)."""
        length = hi - lo
        if length < 8:
            return
        state = length
        span = 1 << length.bit_length()
        middle = lo + (length // 4) * 2
        for idx in range(middle - 1, middle + 2):
            state ^= (state << 13) & _MASK64
            state ^= state >> 17
            state ^= (state << 5) & _MASK64
            other = state & (span - 1)
            if other >= length:
                other -= length
            self.swap(idx, lo + other)

    def partition(self, lo: int, hi: int, pivot: int) -> tuple[int, bool]:
        """Puts the pivot at lo, smaller elements left of its final place, the rest right; its place, and whether
        nothing had to move."""
        self.swap(lo, pivot)
        i, j = lo + 1, hi - 1
        while i <= j and self.less(i, lo):
            i += 1
        while i <= j and not self.less(j, lo):
            j -= 1
        if i > j:
            self.swap(j, lo)
            return j, True
        self.swap(i, j)
        i += 1
        j -= 1
        while True:
            while i <= j and self.less(i, lo):
                i += 1
            while i <= j and not self.less(j, lo):
                j -= 1
            if i > j:
                break
            self.swap(i, j)
            i += 1
            j -= 1
        self.swap(j, lo)
        return j, False

    def partition_equal(self, lo: int, hi: int, pivot: int) -> int:
        """Elements equal to the pivot first, then the greater ones (none is smaller); where the greater begin."""
        self.swap(lo, pivot)
        i, j = lo + 1, hi - 1
        while True:
            while i <= j and not self.less(lo, i):
                i += 1
            while i <= j and self.less(lo, j):
                j -= 1
            if i > j:
                return i
            self.swap(i, j)
            i += 1
            j -= 1

    # -- the sort ----------------------------------------------------------------------------------------------
    def pdq(self, lo: int, hi: int, limit: int) -> None:
        balanced = partitioned = True
        while True:
            length = hi - lo
            if length <= _INSERTION_MAX:
                self.insertion(lo, hi)
                return
            if limit == 0:
                self.heap(lo, hi)
                return
            if not balanced:
                self.scatter(lo, hi)
                limit -= 1
            pivot, hint = self.choose_pivot(lo, hi)
            if hint == _DECREASING:
                self.reverse(lo, hi)
                pivot = (hi - 1) - (pivot - lo)
                hint = _INCREASING
            if balanced and partitioned and hint == _INCREASING and self.nearly_sorted(lo, hi):
                return
            if lo > 0 and not self.less(lo - 1, pivot):
                lo = self.partition_equal(lo, hi, pivot)
                continue
            mid, partitioned = self.partition(lo, hi, pivot)
            left, right = mid - lo, hi - mid
            threshold = length // 8
            if left < right:
                balanced = left >= threshold
                self.pdq(lo, mid, limit)
                lo = mid + 1
            else:
                balanced = right >= threshold
                self.pdq(mid + 1, hi, limit)
                hi = mid
