"""The scheduler's heap (scheduler._pick) chooses exactly the node a full least-allocated scan chooses, pod after
pod, as usage grows."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pykubectl.controllers import scheduler


class _FakeTx:
    pass


def _scan(feasible, usage, cpu, mem):
    best = None
    for node in feasible:
        e = scheduler._entry(node, usage, cpu, mem, 0)
        if e is not None and (best is None or e[:3] < best[:3]):
            best = e
    return best[2] if best else None


nodes_st = st.lists(st.tuples(st.integers(500, 8000), st.integers(1 << 28, 1 << 34), st.integers(1, 12)),
                    min_size=1, max_size=12)
pods_st = st.lists(st.tuples(st.sampled_from([0, 100, 250, 1000]), st.sampled_from([0, 1 << 26, 1 << 28])),
                   min_size=1, max_size=60)


@settings(max_examples=150, deadline=None)
@given(nodes_st, pods_st)
def test_heap_choice_equals_full_scan(nodes, pods) -> None:
    tx = _FakeTx()
    feasible = [(f"n{i}", c, m, p) for i, (c, m, p) in enumerate(nodes)]
    usage: dict[str, list[int]] = {}
    for cpu, mem in pods:
        want = _scan(feasible, usage, cpu, mem)
        got = scheduler._pick(tx, feasible, usage, cpu, mem)
        assert got == want
        if got is None:
            continue
        u = usage.setdefault(got, [0, 0, 0])
        u[0] += cpu
        u[1] += mem
        u[2] += 1
        scheduler._touched(tx, got)
