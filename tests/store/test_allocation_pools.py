"""Every allocation pool that runs out says so in kubectl's words (exit 1, nothing written), never as an
internal error: pod CIDRs for new nodes, ClusterIPs and node ports (the API server's InternalError texts), and the
simulated load-balancer pool (the Service stays <pending> with a warning event, as with a cloud that has no
address left).

Derived, not recorded: the InternalError texts come from the API server's Service registry (its allocators' ErrFull
wrapped as 'failed to allocate a serviceIP/nodePort: %v'); the node-CIDR and load-balancer texts are pykubectl's own
(no real kubectl verb adds nodes; the load-balancer event uses the service controller's SyncLoadBalancerFailed)."""

from __future__ import annotations

import random

from pykubectl.env import Env, parse_time
from pykubectl.apiserver import pipeline
from pykubectl.store.store import Store
from tests.conftest import FROZEN_NOW, Runner


def _fill(run: Runner, pool: str, values: list[str]) -> None:
    """Mark every value of a pool as held, as the allocator records a Service's IP or port."""
    env = Env(store_url=run.store, frozen_now=parse_time(FROZEN_NOW), rand=random.Random(1))
    store = Store.open(env)
    with store.transaction() as tx:
        for v in values:
            tx.meta_set(f"alloc/{pool}/{v}", "other/holder")


def test_adding_more_nodes_than_pod_cidrs_is_a_clear_error(run: Runner) -> None:
    assert run("get nodes").code == 0
    r = run("cluster nodes add --count 997")
    assert (r.code, r.out) == (1, "")
    assert r.err == ("error: cannot add 997 nodes: the pod network 10.244.0.0/16 has 253 free /24 pod CIDRs left "
                     "(one per node)\n")
    assert len(run("get nodes --no-headers").out.splitlines()) == 3  # nothing added
    assert run("cluster nodes add --count 253").code == 0
    r = run("cluster nodes add")
    assert r.code == 1 and "has 0 free /24 pod CIDRs left" in r.err and "internal error" not in r.err
    nodes = run("get nodes --no-headers").out.splitlines()
    assert len(nodes) == 256
    cidrs = run("get nodes -o jsonpath={.items[*].spec.podCIDR}").out.split()
    assert len(set(cidrs)) == 256  # each its own /24


def test_node_count_must_be_positive(run: Runner) -> None:
    r = run("cluster nodes add --count 0")
    assert (r.code, r.err) == (1, "error: --count must be at least 1, got 0\n")


def test_exhausted_node_ports_are_the_api_servers_internal_error(run: Runner, tmp_path) -> None:
    lo, hi = pipeline.NODE_PORT_RANGE
    run("get ns")
    _fill(run, "nodeport", [str(p) for p in range(lo, hi + 1)])
    manifest = tmp_path / "svc.yaml"
    manifest.write_text("apiVersion: v1\nkind: Service\nmetadata: {name: web}\n"
                        "spec: {type: NodePort, ports: [{port: 80}], selector: {app: web}}\n")
    r = run(f"apply -f {manifest}")
    assert r.code == 1
    assert r.err == (f'Error from server (InternalError): error when creating "{manifest}": Internal error occurred: '
                     "failed to allocate a nodePort: range is full\n")
    # a ClusterIP Service still gets its address: only the node-port pool is used up
    r = run("create service clusterip inner --tcp=80:8080")
    assert r.code == 0, r.err


def test_exhausted_cluster_ips_are_the_api_servers_internal_error(run: Runner, tmp_path, monkeypatch) -> None:
    run("get ns")
    # The real range holds a million addresses: narrow the candidates instead of filling it.
    monkeypatch.setattr(pipeline, "_random_cluster_ips", lambda tx: iter(["10.96.0.20", "10.96.0.21"]))
    _fill(run, "clusterip", ["10.96.0.20", "10.96.0.21"])
    manifest = tmp_path / "svc.yaml"
    manifest.write_text("apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{port: 80}]}\n")
    r = run(f"apply -f {manifest}")
    assert (r.code, r.out) == (1, "")
    assert r.err == (f'Error from server (InternalError): error when creating "{manifest}": Internal error occurred: '
                     "failed to allocate a serviceIP: range is full\n")
    assert "not found" in run("get service web").err


def test_exhausted_load_balancer_pool_leaves_the_service_pending(run: Runner, tmp_path) -> None:
    run("get ns")
    _fill(run, "lbip", [f"172.18.255.{i}" for i in range(pipeline.LB_FIRST, 251)])
    manifest = tmp_path / "lb.yaml"
    manifest.write_text("apiVersion: v1\nkind: Service\nmetadata: {name: web}\n"
                        "spec: {type: LoadBalancer, ports: [{port: 80}], selector: {app: web}}\n")
    r = run(f"apply -f {manifest}")
    assert (r.code, r.err) == (0, "")
    row = run("get service web --no-headers").out.split()
    assert row[1] == "LoadBalancer" and row[3] == "<pending>"
    events = run("get events").out
    assert ("Warning   SyncLoadBalancerFailed   service/web   Error syncing load balancer: failed to ensure load "
            "balancer: no address left in the simulated pool 172.18.255.200-172.18.255.250\n") in events
