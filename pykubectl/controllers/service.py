"""Service controller: a LoadBalancer Service gets an ingress IP from the simulated pool."""

from __future__ import annotations

from ..apiserver import pipeline
from ..store.store import Key, Tx

COMPONENT = "service-controller"


def sync(tx: Tx, k: Key) -> None:
    svc = tx.get_key(k)
    if svc is None:
        return
    spec = svc.get("spec") or {}
    status = svc.setdefault("status", {})
    lb = status.setdefault("loadBalancer", {})
    if spec.get("type") == "LoadBalancer":
        if lb.get("ingress"):
            return
        tx.record_event(svc, "Normal", "EnsuringLoadBalancer", "Ensuring load balancer", COMPONENT)
        try:
            ip = pipeline.allocate_lb_ip(tx, svc)
        except pipeline.RangeFull:
            # The pool is used up: the Service stays <pending>, as with a cloud that has no address left; the
            # next change of the Service (or a deleted one's address) tries again.
            tx.record_event(svc, "Warning", "SyncLoadBalancerFailed",
                            "Error syncing load balancer: failed to ensure load balancer: no address left in the "
                            f"simulated pool {pipeline.lb_pool_text()}", COMPONENT)
            return
        lb["ingress"] = [{"ip": ip, "ipMode": "VIP"}]
        tx.update(svc)
        tx.record_event(svc, "Normal", "EnsuredLoadBalancer", "Ensured load balancer", COMPONENT)
    elif lb.get("ingress"):
        for ing in lb["ingress"]:
            if ing.get("ip"):
                pipeline.release(tx, "lbip", ing["ip"])
        status["loadBalancer"] = {}
        tx.update(svc)
        tx.record_event(svc, "Normal", "DeletedLoadBalancer", "Deleted load balancer", COMPONENT)
