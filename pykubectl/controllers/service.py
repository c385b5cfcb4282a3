"""Service controller: a LoadBalancer Service gets an ingress IP from the simulated pool."""

from __future__ import annotations

from ..store import apiserver
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
        ip = apiserver.allocate_lb_ip(tx, svc)
        lb["ingress"] = [{"ip": ip, "ipMode": "VIP"}]
        tx.update(svc)
        tx.record_event(svc, "Normal", "EnsuredLoadBalancer", "Ensured load balancer", COMPONENT)
    elif lb.get("ingress"):
        for ing in lb["ingress"]:
            if ing.get("ip"):
                apiserver.release(tx, "lbip", ing["ip"])
        status["loadBalancer"] = {}
        tx.update(svc)
        tx.record_event(svc, "Normal", "DeletedLoadBalancer", "Deleted load balancer", COMPONENT)
