"""taint's errors as real kubectl 1.32 printed them through pykubectl serve: the builder visits every node with
ContinueOnError and the errors are reported together after the last node — one alone as "error: …", several one
per line without "error: " — while the nodes without an error are tainted and printed."""

from __future__ import annotations

EXISTS = "node {} already has k taint(s) with same effect(s) and --overwrite is false"


def _nodes(run) -> list[str]:
    return [n.split("/", 1)[1] for n in run(["get", "nodes", "-o", "name"]).out.split()]


def test_one_node_that_already_has_the_taint(run) -> None:
    a = _nodes(run)[0]
    assert run(["taint", "nodes", a, "k=v:NoSchedule"]).code == 0
    res = run(["taint", "nodes", a, "k=v:NoSchedule"])
    assert (res.code, res.out, res.err) == (1, "", "error: " + EXISTS.format(a) + "\n")


def test_several_errors_are_listed_without_the_prefix(run) -> None:
    nodes = _nodes(run)
    assert len(nodes) >= 2
    assert run(["taint", "nodes", "--all", "k=v:NoSchedule"]).code == 0
    res = run(["taint", "nodes", "--all", "k=v:NoSchedule"])
    assert res.code == 1 and res.out == ""
    assert res.err == "".join(EXISTS.format(n) + "\n" for n in nodes)


def test_the_other_nodes_are_still_tainted(run) -> None:
    a, b = _nodes(run)[:2]
    assert run(["taint", "nodes", a, "k=v:NoSchedule"]).code == 0
    res = run(["taint", "nodes", a, b, "k=v:NoSchedule"])
    assert (res.code, res.out, res.err) == (1, f"node/{b} tainted\n", "error: " + EXISTS.format(a) + "\n")
    assert run(["get", "node", b, "-o", "jsonpath={.spec.taints[*].key}"]).out == "k"
