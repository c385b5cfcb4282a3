"""At 1,000 nodes the scheduler's heap (scheduler._pick) chooses, pod after pod, exactly the node a full scan of every
node chooses: the feasible node with the most free CPU and memory (NodeResourcesFit's least-allocated score), then
the fewest pods, then the name. The nodes come in pools as a cluster config makes them (same shapes, different
names), the pods in mixed sizes, and some nodes start partly used."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pykubectl.controllers import scheduler

NODES = 1000


class _Tx:
    """What _pick keeps per transaction (its heaps and node versions) lives in the transaction's __dict__."""


def _full_scan(feasible, usage, cpu, mem):
    best = None
    for name, acpu, amem, apods in feasible:
        ucpu, umem, upods = usage.get(name, (0, 0, 0))
        if upods + 1 > apods or (cpu and ucpu + cpu > acpu) or (mem and umem + mem > amem):
            continue
        free = ((acpu - ucpu - cpu) / acpu if acpu else 0) + ((amem - umem - mem) / amem if amem else 0)
        score = (-free / 2, upods, name)
        if best is None or score < best:
            best = score
    return best[2] if best else None


pools_st = st.lists(st.tuples(st.sampled_from([2000, 4000, 8000, 32000]), st.sampled_from([1 << 32, 1 << 33, 1 << 35]),
                              st.sampled_from([4, 30, 110])), min_size=1, max_size=4)
pods_st = st.lists(st.tuples(st.sampled_from([0, 100, 250, 1000, 3000]), st.sampled_from([0, 1 << 26, 1 << 28, 1 << 31])),
                   min_size=40, max_size=150)


@settings(max_examples=15, deadline=None)
@given(pools=pools_st, pods=pods_st, preused=st.lists(st.integers(0, NODES - 1), max_size=50))
def test_choices_at_1000_nodes_equal_a_full_scan(pools, pods, preused) -> None:
    feasible = [(f"big-worker{i + 1}", *pools[i % len(pools)]) for i in range(NODES)]
    usage: dict[str, list[int]] = {}
    for i in preused:
        name, acpu, amem, apods = feasible[i]
        u = usage.setdefault(name, [0, 0, 0])
        if u[2] < apods:
            u[0] += acpu // 4
            u[1] += amem // 4
            u[2] += 1
    tx = _Tx()
    for cpu, mem in pods:
        want = _full_scan(feasible, usage, cpu, mem)
        got = scheduler._pick(tx, feasible, usage, cpu, mem)
        assert got == want
        if got is None:
            continue
        u = usage.setdefault(got, [0, 0, 0])
        u[0] += cpu
        u[1] += mem
        u[2] += 1
        scheduler._touched(tx, got)
