"""Kubelet: a pod bound to a Ready node gets an IP from the node's pod CIDR, pulls its images and runs: phase
Running, containers started and ready, the Ready conditions, and the events a kubelet records."""

from __future__ import annotations

import hashlib

from ..store.store import Key, Tx

KUBELET = "kubelet"


def qos_class(pod: dict) -> str:
    from ..api.defaults import qos_class as spec_qos

    return spec_qos(pod.get("spec") or {})


def normalize_image(image: str) -> str:
    """What containerd reports for an image reference: docker.io/library/nginx:latest."""
    name = image
    if "@" not in name and ":" not in name.rsplit("/", 1)[-1]:
        name += ":latest"
    first = name.split("/", 1)[0]
    if "/" not in name:
        name = "docker.io/library/" + name
    elif "." not in first and ":" not in first and first != "localhost":
        name = "docker.io/" + name
    return name


def _digest(s: str) -> str:
    return hashlib.sha256(s.encode()).hexdigest()


def _pod_ip(tx: Tx, node: dict, pod: dict) -> str:
    cidr = (node.get("spec") or {}).get("podCIDR") or "10.244.1.0/24"
    base = cidr.split("/")[0].rsplit(".", 1)[0]
    nname = node["metadata"]["name"]
    owner = f"{pod['metadata']['namespace']}/{pod['metadata']['name']}"
    start = int(tx.meta_get("podip-next/" + nname, "2") or 2)
    for i in range(253):
        host = (start - 2 + i) % 253 + 2
        ip = f"{base}.{host}"
        if tx.meta_get("alloc/podip/" + ip) is None:
            tx.meta_set("alloc/podip/" + ip, owner)
            tx.meta_set("podip-next/" + nname, str(host % 254 + 1))
            return ip
    return f"{base}.254"


def release_ip(tx: Tx, pod: dict) -> None:
    ip = (pod.get("status") or {}).get("podIP")
    if ip:
        tx.db.execute("DELETE FROM meta WHERE k = :k", {"k": "alloc/podip/" + ip})


def sync(tx: Tx, k: Key) -> None:
    pod = tx.get_key(k)
    if pod is None:
        return
    spec = pod.get("spec") or {}
    status = pod.setdefault("status", {})
    node_name = spec.get("nodeName")
    if not node_name or status.get("phase") in ("Running", "Succeeded", "Failed") or status.get("podIP"):
        return
    node = tx.get("", "Node", "", node_name)
    from .node import node_ready

    if node is None or not node_ready(node):
        return
    run_pod(tx, pod, node)


def run_pod(tx: Tx, pod: dict, node: dict) -> None:
    now = tx.env.now_str()
    spec = pod["spec"]
    status = pod["status"]
    host_ip = next((a["address"] for a in node["status"].get("addresses") or [] if a.get("type") == "InternalIP"), "")
    ip = spec.get("hostNetwork") and host_ip or _pod_ip(tx, node, pod)
    statuses = []
    for c in spec.get("containers") or []:
        image = normalize_image(c.get("image", ""))
        statuses.append({
            "containerID": "containerd://" + _digest(pod["metadata"]["uid"] + c["name"]),
            "image": image,
            "imageID": image.rsplit(":", 1)[0] + "@sha256:" + _digest(image),
            "lastState": {},
            "name": c["name"],
            "ready": True,
            "restartCount": 0,
            "started": True,
            "state": {"running": {"startedAt": now}},
            "volumeMounts": [
                {"mountPath": m["mountPath"], "name": m["name"], **({"readOnly": True} if m.get("readOnly") else {}),
                 **({"recursiveReadOnly": "Disabled"} if m.get("readOnly") else {})}
                for m in c.get("volumeMounts") or []
            ],
        })
    scheduled = next((c for c in status.get("conditions") or [] if c.get("type") == "PodScheduled"),
                     {"lastProbeTime": None, "lastTransitionTime": now, "status": "True", "type": "PodScheduled"})

    def cond(t: str) -> dict:
        return {"lastProbeTime": None, "lastTransitionTime": now, "status": "True", "type": t}

    status.update({
        "conditions": [cond("PodReadyToStartContainers"), cond("Initialized"), cond("Ready"),
                       cond("ContainersReady"), scheduled],
        "containerStatuses": sorted(statuses, key=lambda s: s["name"]),
        "hostIP": host_ip,
        "hostIPs": [{"ip": host_ip}],
        "phase": "Running",
        "podIP": ip,
        "podIPs": [{"ip": ip}],
        "qosClass": qos_class(pod),
        "startTime": now,
    })
    tx.update(pod)
    for c in spec.get("containers") or []:
        fp = f"spec.containers{{{c['name']}}}"
        image = c.get("image", "")
        if c.get("imagePullPolicy") == "Always" or not _pulled(tx, node, image):
            tx.record_event(pod, "Normal", "Pulling", f'Pulling image "{image}"', KUBELET, node["metadata"]["name"], fp)
            tx.record_event(pod, "Normal", "Pulled", f'Successfully pulled image "{image}" in 1.2s (1.2s including waiting). Image size: 72099501 bytes.',
                            KUBELET, node["metadata"]["name"], fp)
        else:
            tx.record_event(pod, "Normal", "Pulled", f'Container image "{image}" already present on machine',
                            KUBELET, node["metadata"]["name"], fp)
        tx.record_event(pod, "Normal", "Created", f"Created container: {c['name']}", KUBELET, node["metadata"]["name"], fp)
        tx.record_event(pod, "Normal", "Started", f"Started container {c['name']}", KUBELET, node["metadata"]["name"], fp)


def _pulled(tx: Tx, node: dict, image: str) -> bool:
    key = "pulled/" + node["metadata"]["name"] + "/" + image
    if tx.meta_get(key) is not None:
        return True
    tx.meta_set(key, "1")
    return False
