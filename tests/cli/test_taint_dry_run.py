"""taint --dry-run prints no "(dry run)" (taint.go sets its printer's operation after the suffix was added; real
kubectl 1.32 through serve printed "node/node-1 tainted" for a client dry run) and changes nothing."""

from __future__ import annotations


def test_dry_run_taint_prints_the_plain_operation(run) -> None:
    node = run(["get", "nodes", "-o", "name"]).out.split()[0].split("/", 1)[1]
    for mode in ("client", "server"):
        res = run(["taint", "node", node, "a=b:NoExecute", f"--dry-run={mode}"])
        assert (res.code, res.out) == (0, f"node/{node} tainted\n"), mode
    assert "a" not in run(["get", "node", node, "-o", "jsonpath={.spec.taints[*].key}"]).out.split()
