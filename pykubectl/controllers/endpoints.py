"""Endpoints and EndpointSlice controllers: a Service with a selector lists the IPs of its pods, ready ones as
addresses and the rest as notReadyAddresses."""

from __future__ import annotations

from ..api.podutil import is_active, is_ready
from ..store.store import Key, Tx

SLICE_LABEL = "kubernetes.io/service-name"
MANAGED_BY = "endpointslice.kubernetes.io/managed-by"


def notify_services(tx: Tx, k: Key) -> None:
    """A pod changed: the Services of its namespace that select it must recompute (deleted pods too)."""
    pod = tx.peek(k)
    if tx.on_change is None:
        return
    by_pair, all_selecting = _services(tx, k[2])
    if pod is None:
        candidates = all_selecting
    else:
        labels = pod.get("metadata", {}).get("labels") or {}
        candidates = [c for pair in labels.items() for c in by_pair.get(pair, ())]
    for name, sel in candidates:
        if pod is None or all(labels.get(a) == b for a, b in sel.items()):
            tx.on_change(("", "Service", k[2], name))


def _services(tx: Tx, ns: str) -> tuple[dict[tuple[str, str], list[tuple[str, dict]]], list[tuple[str, dict]]]:
    """The Services of a namespace that have a selector, indexed by one (key, value) pair of each selector, so that
    a pod change looks up its candidates instead of testing every Service."""
    cache: dict[str, tuple] = tx.__dict__.setdefault("_svc_cache", {})
    services = tx.list_cached("", "Service", ns)  # the same list until a Service is written
    if ns not in cache or cache[ns][2] is not services:
        by_pair: dict[tuple[str, str], list[tuple[str, dict]]] = {}
        selecting: list[tuple[str, dict]] = []
        for svc in services:
            sel = (svc.get("spec") or {}).get("selector")
            if not sel:
                continue
            entry = (svc["metadata"]["name"], sel)
            selecting.append(entry)
            by_pair.setdefault(min(sel.items()), []).append(entry)
        cache[ns] = (by_pair, selecting, services)
    return cache[ns][0], cache[ns][1]


def _resolve_port(pod: dict, target: object, port: int) -> int | None:
    if target is None:
        return port
    if isinstance(target, int):
        return target
    if isinstance(target, str) and target.isdigit():
        return int(target)
    for c in (pod.get("spec") or {}).get("containers") or []:
        for p in c.get("ports") or []:
            if p.get("name") == target:
                return int(p["containerPort"])
    return None


def sync(tx: Tx, k: Key) -> None:
    tx.__dict__.pop("_svc_cache", None)
    svc = tx.get_key(k)
    ns, name = k[2], k[3]
    if svc is None:
        for kind, grp in (("Endpoints", ""), ("EndpointSlice", "discovery.k8s.io")):
            objs = [tx.get(grp, kind, ns, name)] if kind == "Endpoints" else tx.list(grp, kind, ns, {SLICE_LABEL: name})
            for o in objs:
                if o is not None and (kind == "EndpointSlice" or not _is_system(o)):
                    tx.delete(grp, kind, ns, o["metadata"]["name"])
        return
    spec = svc.get("spec") or {}
    sel = spec.get("selector")
    if not sel or spec.get("type") == "ExternalName":
        return
    pods = [p for p in tx.list("", "Pod", ns, match_labels=sel) if is_active(p) and (p.get("status") or {}).get("podIP")]
    ports = spec.get("ports") or []
    _sync_endpoints(tx, svc, pods, ports)
    _sync_slice(tx, svc, pods, ports)


def _is_system(o: dict) -> bool:
    return (o["metadata"].get("labels") or {}).get("endpointslice.kubernetes.io/skip-mirror") == "true"


def _hostname(pod: dict, svc: dict) -> str | None:
    """A pod with a hostname whose subdomain is the Service's name (a StatefulSet's pods behind its headless
    Service) is listed with that hostname, which is what its DNS name web-0.nginx.default.svc resolves through."""
    spec = pod.get("spec") or {}
    if spec.get("hostname") and spec.get("subdomain") == svc["metadata"]["name"]:
        return spec["hostname"]
    return None


def _sync_endpoints(tx: Tx, svc: dict, pods: list[dict], ports: list[dict]) -> None:
    md = svc["metadata"]
    ready, not_ready = [], []
    for p in sorted(pods, key=lambda p: p["status"]["podIP"]):
        addr = {"ip": p["status"]["podIP"], "nodeName": p["spec"].get("nodeName"),
                "targetRef": {"kind": "Pod", "name": p["metadata"]["name"], "namespace": md["namespace"],
                              "uid": p["metadata"]["uid"]}}
        if _hostname(p, svc):
            addr["hostname"] = _hostname(p, svc)
        (ready if is_ready(p) else not_ready).append(addr)
    subsets = []
    if ready or not_ready:
        eports = []
        for sp in ports:
            tp = _resolve_port(pods[0], sp.get("targetPort"), sp.get("port"))
            if tp is None:
                continue
            ep = {"port": tp, "protocol": sp.get("protocol", "TCP")}
            if sp.get("name"):
                ep["name"] = sp["name"]
            if sp.get("appProtocol"):
                ep["appProtocol"] = sp["appProtocol"]
            eports.append(ep)
        subset: dict = {}
        if ready:
            subset["addresses"] = ready
        if not_ready:
            subset["notReadyAddresses"] = not_ready
        subset["ports"] = eports
        subsets.append(subset)
    labels = dict(md.get("labels") or {})
    body = {"apiVersion": "v1", "kind": "Endpoints",
            "metadata": {"name": md["name"], "namespace": md["namespace"]}}
    if labels:
        body["metadata"]["labels"] = labels
    if subsets:
        body["subsets"] = subsets
    cur = tx.get("", "Endpoints", md["namespace"], md["name"])
    now = tx.env.now_str()
    if cur is None:
        body["metadata"]["annotations"] = {"endpoints.kubernetes.io/last-change-trigger-time": now}
        tx.create(body)
        return
    if cur.get("subsets") != body.get("subsets") or (cur["metadata"].get("labels") or {}) != labels:
        cur["subsets"] = subsets
        if not subsets:
            cur.pop("subsets", None)
        if labels:
            cur["metadata"]["labels"] = labels
        cur["metadata"].setdefault("annotations", {})["endpoints.kubernetes.io/last-change-trigger-time"] = now
        tx.update(cur)


def _sync_slice(tx: Tx, svc: dict, pods: list[dict], ports: list[dict]) -> None:
    md = svc["metadata"]
    endpoints = []
    for p in sorted(pods, key=lambda p: p["status"]["podIP"]):
        r = is_ready(p)
        endpoints.append({"addresses": [p["status"]["podIP"]],
                          "conditions": {"ready": r, "serving": r, "terminating": False},
                          "nodeName": p["spec"].get("nodeName"),
                          "targetRef": {"kind": "Pod", "name": p["metadata"]["name"], "namespace": md["namespace"],
                                        "uid": p["metadata"]["uid"]}})
        if _hostname(p, svc):
            endpoints[-1]["hostname"] = _hostname(p, svc)
    sports = []
    for sp in ports:
        tp = _resolve_port(pods[0], sp.get("targetPort"), sp.get("port")) if pods else None
        e = {"name": sp.get("name", ""), "port": tp, "protocol": sp.get("protocol", "TCP")}
        if tp is None:
            e.pop("port")
        sports.append(e)
    existing = tx.list("discovery.k8s.io", "EndpointSlice", md["namespace"], {SLICE_LABEL: md["name"]})
    labels = dict(md.get("labels") or {})
    labels[SLICE_LABEL] = md["name"]
    labels[MANAGED_BY] = "endpointslice-controller.k8s.io"
    from ..api.podutil import owner_ref

    if existing:
        cur = existing[0]
        if cur.get("endpoints") != (endpoints or None) or cur.get("ports") != (sports or None):
            cur["endpoints"] = endpoints or None
            cur["ports"] = sports or None
            if cur["endpoints"] is None:
                cur.pop("endpoints")
            if cur["ports"] is None:
                cur.pop("ports")
            tx.update(cur)
        return
    ref = owner_ref(svc)
    body = {"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice", "addressType": "IPv4",
            "metadata": {"generateName": md["name"] + "-", "labels": labels,
                         "name": md["name"] + "-" + tx.env.suffix(5), "namespace": md["namespace"],
                         "ownerReferences": [ref]}}
    if endpoints:
        body["endpoints"] = endpoints
    if sports:
        body["ports"] = sports
    tx.create(body)
