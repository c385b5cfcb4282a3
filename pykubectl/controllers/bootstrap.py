"""What a fresh v1.32 cluster holds before anyone applies anything: system namespaces, the kubernetes Service,
and three nodes (one tainted control plane, two workers)."""

from __future__ import annotations

import ipaddress

from ..apiserver import pipeline
from ..store.store import Tx
from . import clusterconfig

SYSTEM_NAMESPACES = ("default", "kube-node-lease", "kube-public", "kube-system")
NODE_PREFIX = "pykubectl"
KUBELET_VERSION = "v1.32.6"
NODE_CPU = "4"
NODE_MEMORY = "8148552Ki"
NODE_PODS = "110"
NODE_EPHEMERAL = "102626232Ki"

# A self-signed CA of the shape kubeadm writes; nothing verifies it in a simulated cluster.
ROOT_CA = (
    "-----BEGIN CERTIFICATE-----\n"
    "MIIDBTCCAe2gAwIBAgIIPYkxQ3hZ2NUwDQYJKoZIhvcNAQELBQAwFTETMBEGA1UE\n"
    "AxMKa3ViZXJuZXRlczAeFw0yNjAxMDEwMDAwMDBaFw0zNjAxMDEwMDAwMDBaMBUx\n"
    "EzARBgNVBAMTCmt1YmVybmV0ZXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEK\n"
    "AoIBAQCweXB5a3ViZWN0bCBzaW11bGF0ZWQgY2x1c3RlciByb290IENBIC0gbm90\n"
    "IGEgcmVhbCBrZXkgLSBwbGFjZWhvbGRlciBmb3IgdGhlIHNpbXVsYXRpb24uLi4u\n"
    "-----END CERTIFICATE-----\n"
)


def node_names(count_workers: int = 2) -> list[str]:
    names = [f"{NODE_PREFIX}-control-plane", f"{NODE_PREFIX}-worker"]
    names += [f"{NODE_PREFIX}-worker{i}" for i in range(2, count_workers + 1)]
    return names


POD_NETWORK = "10.244.0.0/16"  # each node's podCIDR is the /24 of its index


NODE_NETWORK = ipaddress.ip_network("172.18.0.0/16")  # kind's docker network: node i has its (i + 2)th address


def node_address(index: int) -> str:
    return str(NODE_NETWORK.network_address + index + 2)


def make_node(tx: Tx, name: str, index: int, control_plane: bool = False, cpu: str = NODE_CPU,
              memory: str = NODE_MEMORY, pods: str = NODE_PODS, *, pod_cidr: str | None = None,
              cluster: str = NODE_PREFIX, group: clusterconfig.NodeGroup | None = None,
              tainted: bool | None = None) -> dict:
    """A Ready node as kind's kubelet registers it. ``group``: the config's labels, capacity, taints, zone and
    node info strings over the defaults; ``tainted``: whether a control-plane node keeps its NoSchedule taint."""
    now = tx.env.now_str()
    labels = {
        "beta.kubernetes.io/arch": "amd64",
        "beta.kubernetes.io/os": "linux",
        "kubernetes.io/arch": "amd64",
        "kubernetes.io/hostname": name,
        "kubernetes.io/os": "linux",
    }
    cidr = pod_cidr or f"10.244.{index}.0/24"
    spec: dict = {"podCIDR": cidr, "podCIDRs": [cidr], "providerID": f"kind://docker/{cluster}/{name}"}
    if control_plane:
        labels["node-role.kubernetes.io/control-plane"] = ""
        labels["node.kubernetes.io/exclude-from-external-load-balancers"] = ""
        if tainted is not False:
            spec["taints"] = [{"effect": "NoSchedule", "key": "node-role.kubernetes.io/control-plane"}]
    resources = {"cpu": cpu, "ephemeral-storage": NODE_EPHEMERAL, "hugepages-1Gi": "0", "hugepages-2Mi": "0",
                 "memory": memory, "pods": pods}
    info = {"containerRuntimeVersion": "containerd://2.1.1", "kernelVersion": "6.1.0-28-amd64",
            "osImage": "Debian GNU/Linux 12 (bookworm)"}
    if group is not None:
        labels.update(group.labels)
        if group.zone is not None:
            labels[clusterconfig.ZONE_LABEL] = group.zone
        labels = dict(sorted(labels.items()))
        resources = dict(sorted({**resources, **group.capacity}.items()))
        if group.taints:
            spec["taints"] = [*spec.get("taints", []), *(dict(t) for t in group.taints)]
        for k, v in (("containerRuntimeVersion", group.container_runtime_version),
                     ("kernelVersion", group.kernel_version), ("osImage", group.os_image)):
            if v is not None:
                info[k] = v

    def cond(type_: str, status: str, reason: str, message: str) -> dict:
        return {"lastHeartbeatTime": now, "lastTransitionTime": now, "message": message, "reason": reason,
                "status": status, "type": type_}

    return {
        "apiVersion": "v1",
        "kind": "Node",
        "metadata": {
            "annotations": {
                "kubeadm.alpha.kubernetes.io/cri-socket": "unix:///run/containerd/containerd.sock",
                "node.alpha.kubernetes.io/ttl": "0",
                "volumes.kubernetes.io/controller-managed-attach-detach": "true",
            },
            "labels": labels,
            "name": name,
        },
        "spec": spec,
        "status": {
            "addresses": [{"address": node_address(index), "type": "InternalIP"},
                          {"address": name, "type": "Hostname"}],
            "allocatable": dict(resources),
            "capacity": dict(resources),
            "conditions": [
                cond("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                cond("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                cond("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                cond("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
            ],
            "daemonEndpoints": {"kubeletEndpoint": {"Port": 10250}},
            "images": [],
            "nodeInfo": {
                "architecture": "amd64",
                "bootID": tx.env.uid(),
                "containerRuntimeVersion": info["containerRuntimeVersion"],
                "kernelVersion": info["kernelVersion"],
                "kubeProxyVersion": KUBELET_VERSION,
                "kubeletVersion": KUBELET_VERSION,
                "machineID": tx.env.uid().replace("-", ""),
                "operatingSystem": "linux",
                "osImage": info["osImage"],
                "systemUUID": tx.env.uid(),
            },
        },
    }


def namespace_content(tx: Tx, ns: str) -> None:
    """What the control plane adds to every namespace: its default ServiceAccount and the root CA ConfigMap."""
    if tx.get("", "ServiceAccount", ns, "default") is None:
        pipeline.create(tx, {"apiVersion": "v1", "kind": "ServiceAccount",
                              "metadata": {"name": "default", "namespace": ns}})
    if tx.get("", "ConfigMap", ns, "kube-root-ca.crt") is None:
        pipeline.create(tx, {
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": {"annotations": {"kubernetes.io/description": (
                "Contains a CA bundle that can be used to verify the kube-apiserver when using internal "
                "endpoints such as the internal service IPs or kubernetes.default.svc. No other usage is "
                "guaranteed across distributions of Kubernetes clusters.")},
                "name": "kube-root-ca.crt", "namespace": ns},
            "data": {"ca.crt": ROOT_CA},
        })


def system_namespace_fields(tx: Tx) -> list[dict]:
    """The managedFields of a namespace the API server creates for itself (default, kube-system, kube-public,
    kube-node-lease): one Update by kube-apiserver owning the name label its defaulting adds (the finalizer and the
    phase are set by the strategy after the field manager has run). Recorded: k8s-recordings scenario
    17-auth-and-discovery step 16 (`get --raw /api/v1/namespaces/default`)."""
    return [{"manager": "kube-apiserver", "operation": "Update", "apiVersion": "v1", "time": tx.env.now_str(),
             "fieldsType": "FieldsV1",
             "fieldsV1": {"f:metadata": {"f:labels": {".": {}, "f:kubernetes.io/metadata.name": {}}}}}]


def seed_cluster(tx: Tx, shape: clusterconfig.ClusterShape = clusterconfig.DEFAULT) -> None:
    """A new cluster of the given shape (the default: one tainted control plane and two workers)."""
    clusterconfig.record(tx, shape)
    for ns in SYSTEM_NAMESPACES:
        pipeline.create(tx, {"apiVersion": "v1", "kind": "Namespace",
                             "metadata": {"name": ns, "managedFields": system_namespace_fields(tx)}})
    for ns in SYSTEM_NAMESPACES:
        namespace_content(tx, ns)
    plan = shape.plan()
    custom = shape != clusterconfig.DEFAULT
    for p in plan:
        cap = p.group.capacity
        tx.create(make_node(tx, p.name, p.index, control_plane=p.control_plane,
                            cpu=cap.get("cpu", NODE_CPU), memory=cap.get("memory", NODE_MEMORY),
                            pods=cap.get("pods", NODE_PODS),
                            pod_cidr=clusterconfig.node_pod_cidr(shape.pod_subnet, p.index), cluster=shape.name,
                            group=p.group if custom else None, tainted=p.tainted))
    if shape.default_storage_class:
        from .storage import standard_class  # kind's default StorageClass

        # Its uid comes from a side generator, so the names and addresses drawn after it stay as they were.
        import random

        main_rand = tx.env.rand
        tx.env.rand = random.Random("storageclass/" + ",".join(map(str, main_rand.getstate()[1][:8])))
        try:
            tx.create(standard_class())
        finally:
            tx.env.rand = main_rand
    pipeline.create(tx, {
        "apiVersion": "v1", "kind": "Service",
        "metadata": {"labels": {"component": "apiserver", "provider": "kubernetes"},
                     "name": "kubernetes", "namespace": "default"},
        "spec": {"clusterIP": pipeline.kubernetes_service_ip(shape.service_subnet),
                 "ports": [{"name": "https", "port": 443, "protocol": "TCP", "targetPort": 6443}],
                 "sessionAffinity": "None", "type": "ClusterIP"},
    })
    # The first control plane's API server (a cluster whose control plane runs off the nodes: the first node's
    # address stands for it, derived — no recording shows that endpoint).
    cp_ip = node_address(plan[0].index)
    tx.create({
        "apiVersion": "v1", "kind": "Endpoints",
        "metadata": {"labels": {"endpointslice.kubernetes.io/skip-mirror": "true"},
                     "name": "kubernetes", "namespace": "default"},
        "subsets": [{"addresses": [{"ip": cp_ip}], "ports": [{"name": "https", "port": 6443, "protocol": "TCP"}]}],
    })
    tx.create({
        "apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
        "addressType": "IPv4",
        "endpoints": [{"addresses": [cp_ip], "conditions": {"ready": True, "serving": True, "terminating": False}}],
        "metadata": {"labels": {"kubernetes.io/service-name": "kubernetes"}, "name": "kubernetes",
                     "namespace": "default"},
        "ports": [{"name": "https", "port": 6443, "protocol": "TCP"}],
    })
    default_cluster_roles(tx)


def default_cluster_roles(tx: Tx) -> None:
    """The ClusterRoles the API server's bootstrap policy creates (apiserver/rbac_defaults.py). Their uids come from
    a side generator, so the names and uids drawn after them stay as they were."""
    import random

    from ..apiserver import rbac_defaults

    main_rand = tx.env.rand
    tx.env.rand = random.Random("clusterroles/" + ",".join(map(str, main_rand.getstate()[1][:8])))
    try:
        for role in rbac_defaults.cluster_roles():
            tx.create(role)
    finally:
        tx.env.rand = main_rand
