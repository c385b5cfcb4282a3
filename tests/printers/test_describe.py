"""describe output checked against the rules of k8s.io/kubectl/pkg/describe (release-1.32).

Objects are written as a v1.32 API server returns them (defaults and status filled in). The expected texts follow
the Go source: PrefixWriter levels, the tabwriter (padding 2) aligning each block of tab-bearing lines, and the
Events table; their layout matches what kubectl prints for the same objects on a kind cluster.
"""

from __future__ import annotations

import copy
from datetime import datetime, timezone
from typing import Any

import pytest

from pykubectl.printers.describe import (
    _TabWriter,
    _format_endpoint_slices,
    describe,
    describe_many,
)

NOW = datetime(2025, 3, 10, 12, 0, 0, tzinfo=timezone.utc)
DEPLOY_UID = "5b1e3c1a-8a0e-4c55-9d1b-1f2a3b4c5d6e"
RS_UID = "0c9d8e7f-6a5b-4c3d-2e1f-0a9b8c7d6e5f"
TEMPLATE = {"metadata": {"creationTimestamp": None, "labels": {"app": "web"}},
            "spec": {"containers": [{"name": "nginx", "image": "nginx:1.27", "ports": [{"containerPort": 80, "protocol": "TCP"}],
                     "resources": {}, "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File", "imagePullPolicy": "IfNotPresent"}],
                     "restartPolicy": "Always", "terminationGracePeriodSeconds": 30, "dnsPolicy": "ClusterFirst", "securityContext": {}, "schedulerName": "default-scheduler"}}
def rs_template():
    t = copy.deepcopy(TEMPLATE); t["metadata"]["labels"]["pod-template-hash"] = "7d4b9c8f6b"; return t
DEPLOYMENT = {"apiVersion": "apps/v1", "kind": "Deployment",
  "metadata": {"name": "web", "namespace": "default", "uid": DEPLOY_UID, "resourceVersion": "1234", "generation": 1,
     "creationTimestamp": "2025-03-10T11:58:00Z", "labels": {"app": "web"},
     "annotations": {"deployment.kubernetes.io/revision": "1",
        "kubectl.kubernetes.io/last-applied-configuration": "{\"apiVersion\":\"apps/v1\"}\n"}},
  "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web"}}, "template": TEMPLATE,
     "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": "25%", "maxSurge": "25%"}},
     "revisionHistoryLimit": 10, "progressDeadlineSeconds": 600},
  "status": {"observedGeneration": 1, "replicas": 3, "updatedReplicas": 3, "readyReplicas": 3, "availableReplicas": 3,
     "conditions": [
       {"type": "Available", "status": "True", "lastUpdateTime": "2025-03-10T11:58:05Z", "lastTransitionTime": "2025-03-10T11:58:05Z", "reason": "MinimumReplicasAvailable", "message": "Deployment has minimum availability."},
       {"type": "Progressing", "status": "True", "lastUpdateTime": "2025-03-10T11:58:05Z", "lastTransitionTime": "2025-03-10T11:58:00Z", "reason": "NewReplicaSetAvailable", "message": "ReplicaSet \"web-7d4b9c8f6b\" has successfully progressed."}]}}
RS = {"apiVersion": "apps/v1", "kind": "ReplicaSet",
  "metadata": {"name": "web-7d4b9c8f6b", "namespace": "default", "uid": RS_UID, "creationTimestamp": "2025-03-10T11:58:00Z",
     "labels": {"app": "web", "pod-template-hash": "7d4b9c8f6b"},
     "annotations": {"deployment.kubernetes.io/desired-replicas": "3", "deployment.kubernetes.io/max-replicas": "4", "deployment.kubernetes.io/revision": "1"},
     "ownerReferences": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": "web", "uid": DEPLOY_UID, "controller": True, "blockOwnerDeletion": True}]},
  "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web", "pod-template-hash": "7d4b9c8f6b"}}, "template": rs_template()},
  "status": {"replicas": 3, "fullyLabeledReplicas": 3, "readyReplicas": 3, "availableReplicas": 3, "observedGeneration": 1}}
def pod(name, ip, node="worker", host_ip="172.18.0.3", phase="Running"):
    return {"apiVersion": "v1", "kind": "Pod",
      "metadata": {"name": name, "generateName": "web-7d4b9c8f6b-", "namespace": "default", "uid": "u-" + name,
         "creationTimestamp": "2025-03-10T11:58:00Z", "labels": {"app": "web", "pod-template-hash": "7d4b9c8f6b"},
         "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-7d4b9c8f6b", "uid": RS_UID, "controller": True, "blockOwnerDeletion": True}]},
      "spec": {"volumes": [{"name": "kube-api-access-x2x4k", "projected": {"sources": [
                 {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                 {"configMap": {"name": "kube-root-ca.crt", "items": [{"key": "ca.crt", "path": "ca.crt"}]}},
                 {"downwardAPI": {"items": [{"path": "namespace", "fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}}]}}],
                 "defaultMode": 420}}],
         "containers": [{"name": "nginx", "image": "nginx:1.27", "ports": [{"containerPort": 80, "protocol": "TCP"}], "resources": {},
             "volumeMounts": [{"name": "kube-api-access-x2x4k", "readOnly": True, "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount"}],
             "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File", "imagePullPolicy": "IfNotPresent"}],
         "restartPolicy": "Always", "terminationGracePeriodSeconds": 30, "dnsPolicy": "ClusterFirst", "serviceAccountName": "default", "serviceAccount": "default",
         "nodeName": node, "securityContext": {}, "schedulerName": "default-scheduler",
         "tolerations": [{"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300},
                         {"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300}],
         "priority": 0, "enableServiceLinks": True, "preemptionPolicy": "PreemptLowerPriority"},
      "status": {"phase": phase, "conditions": [
           {"type": "PodReadyToStartContainers", "status": "True", "lastProbeTime": None, "lastTransitionTime": "2025-03-10T11:58:03Z"},
           {"type": "Initialized", "status": "True", "lastProbeTime": None, "lastTransitionTime": "2025-03-10T11:58:00Z"},
           {"type": "Ready", "status": "True", "lastProbeTime": None, "lastTransitionTime": "2025-03-10T11:58:03Z"},
           {"type": "ContainersReady", "status": "True", "lastProbeTime": None, "lastTransitionTime": "2025-03-10T11:58:03Z"},
           {"type": "PodScheduled", "status": "True", "lastProbeTime": None, "lastTransitionTime": "2025-03-10T11:58:00Z"}],
         "hostIP": host_ip, "hostIPs": [{"ip": host_ip}], "podIP": ip, "podIPs": [{"ip": ip}], "startTime": "2025-03-10T11:58:00Z",
         "containerStatuses": [{"name": "nginx", "state": {"running": {"startedAt": "2025-03-10T11:58:02Z"}}, "lastState": {}, "ready": True, "restartCount": 0,
             "image": "docker.io/library/nginx:1.27", "imageID": "docker.io/library/nginx@sha256:0123456789abcdef", "containerID": "containerd://abc123", "started": True}],
         "qosClass": "BestEffort"}}
PODS = [pod("web-7d4b9c8f6b-x2x4k", "10.244.1.5"), pod("web-7d4b9c8f6b-8kq2m", "10.244.2.3", node="worker2", host_ip="172.18.0.4"), pod("web-7d4b9c8f6b-zt9wn", "10.244.1.6")]
def event(reason, message, component, count=1, first="2025-03-10T11:58:00Z", last=None, type_="Normal"):
    return {"apiVersion": "v1", "kind": "Event", "metadata": {"name": "x", "namespace": "default"},
            "involvedObject": {}, "reason": reason, "message": message, "source": {"component": component},
            "firstTimestamp": first, "lastTimestamp": last or first, "count": count, "type": type_}
def make_lookup(objs):
    def lookup(kind, ns, sel):
        out = []
        for o in objs:
            if o["kind"] != kind: continue
            if ns is not None and o["metadata"].get("namespace") != ns: continue
            if sel and any(o["metadata"].get("labels", {}).get(k) != v for k, v in sel.items()): continue
            out.append(o)
        return out
    return lookup
SERVICE = {"apiVersion": "v1", "kind": "Service",
  "metadata": {"name": "web", "namespace": "default", "uid": "svc-uid", "creationTimestamp": "2025-03-10T11:58:00Z", "labels": {"app": "web"}},
  "spec": {"ports": [{"protocol": "TCP", "port": 80, "targetPort": 80}], "selector": {"app": "web"}, "clusterIP": "10.96.123.45",
           "clusterIPs": ["10.96.123.45"], "type": "ClusterIP", "sessionAffinity": "None", "ipFamilies": ["IPv4"],
           "ipFamilyPolicy": "SingleStack", "internalTrafficPolicy": "Cluster"},
  "status": {"loadBalancer": {}}}
ENDPOINTS = {"apiVersion": "v1", "kind": "Endpoints", "metadata": {"name": "web", "namespace": "default", "labels": {"app": "web"}},
  "subsets": [{"addresses": [{"ip": "10.244.1.5", "nodeName": "worker"}, {"ip": "10.244.2.3", "nodeName": "worker2"}, {"ip": "10.244.1.6"}, {"ip": "10.244.2.9"}],
               "ports": [{"port": 80, "protocol": "TCP"}]}]}
# The Service's EndpointSlice as the endpointslice controller writes it (kubectl 1.32's describe reads slices).
ENDPOINT_SLICE = {"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice", "addressType": "IPv4",
  "metadata": {"name": "web-abcde", "namespace": "default", "labels": {"kubernetes.io/service-name": "web"}},
  "endpoints": [{"addresses": [ip], "conditions": {"ready": True, "serving": True, "terminating": False}}
                for ip in ("10.244.1.5", "10.244.2.3", "10.244.1.6", "10.244.2.9")],
  "ports": [{"name": "", "port": 80, "protocol": "TCP"}]}
NODE = {"apiVersion": "v1", "kind": "Node",
  "metadata": {"name": "worker", "uid": "node-uid", "creationTimestamp": "2025-03-01T09:00:00Z",
    "labels": {"beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64",
               "kubernetes.io/hostname": "worker", "kubernetes.io/os": "linux"},
    "annotations": {"kubeadm.alpha.kubernetes.io/cri-socket": "unix:///run/containerd/containerd.sock",
                    "node.alpha.kubernetes.io/ttl": "0", "volumes.kubernetes.io/controller-managed-attach-detach": "true"}},
  "spec": {"podCIDR": "10.244.1.0/24", "podCIDRs": ["10.244.1.0/24"], "providerID": "kind://docker/kind/worker"},
  "status": {"capacity": {"cpu": "8", "ephemeral-storage": "102626232Ki", "hugepages-1Gi": "0", "hugepages-2Mi": "0", "memory": "16329692Ki", "pods": "110"},
    "allocatable": {"cpu": "8", "ephemeral-storage": "102626232Ki", "hugepages-1Gi": "0", "hugepages-2Mi": "0", "memory": "16329692Ki", "pods": "110"},
    "conditions": [
      {"type": "MemoryPressure", "status": "False", "lastHeartbeatTime": "2025-03-10T11:59:00Z", "lastTransitionTime": "2025-03-01T09:00:00Z", "reason": "KubeletHasSufficientMemory", "message": "kubelet has sufficient memory available"},
      {"type": "Ready", "status": "True", "lastHeartbeatTime": "2025-03-10T11:59:00Z", "lastTransitionTime": "2025-03-01T09:00:20Z", "reason": "KubeletReady", "message": "kubelet is posting ready status"}],
    "addresses": [{"type": "InternalIP", "address": "172.18.0.3"}, {"type": "Hostname", "address": "worker"}],
    "nodeInfo": {"machineID": "m1", "systemUUID": "s1", "bootID": "b1", "kernelVersion": "6.8.0", "osImage": "Debian GNU/Linux 12 (bookworm)",
       "containerRuntimeVersion": "containerd://1.7.18", "kubeletVersion": "v1.32.0", "kubeProxyVersion": "v1.32.0", "operatingSystem": "linux", "architecture": "amd64"}}}
LEASE = {"apiVersion": "coordination.k8s.io/v1", "kind": "Lease", "metadata": {"name": "worker", "namespace": "kube-node-lease"},
         "spec": {"holderIdentity": "worker", "leaseDurationSeconds": 40, "renewTime": "2025-03-10T11:59:55.123456Z"}}

DEPLOYMENT_OUT = (
    'Name:                   web\n'
    'Namespace:              default\n'
    'CreationTimestamp:      Mon, 10 Mar 2025 11:58:00 +0000\n'
    'Labels:                 app=web\n'
    'Annotations:            deployment.kubernetes.io/revision: 1\n'
    'Selector:               app=web\n'
    'Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable\n'
    'StrategyType:           RollingUpdate\n'
    'MinReadySeconds:        0\n'
    'RollingUpdateStrategy:  25% max unavailable, 25% max surge\n'
    'Pod Template:\n'
    '  Labels:  app=web\n'
    '  Containers:\n'
    '   nginx:\n'
    '    Image:         nginx:1.27\n'
    '    Port:          80/TCP\n'
    '    Host Port:     0/TCP\n'
    '    Environment:   <none>\n'
    '    Mounts:        <none>\n'
    '  Volumes:         <none>\n'
    '  Node-Selectors:  <none>\n'
    '  Tolerations:     <none>\n'
    'Conditions:\n'
    '  Type           Status  Reason\n'
    '  ----           ------  ------\n'
    '  Available      True    MinimumReplicasAvailable\n'
    '  Progressing    True    NewReplicaSetAvailable\n'
    'OldReplicaSets:  <none>\n'
    'NewReplicaSet:   web-7d4b9c8f6b (3/3 replicas created)\n'
    'Events:\n'
    '  Type    Reason             Age   From                   Message\n'
    '  ----    ------             ----  ----                   -------\n'
    '  Normal  ScalingReplicaSet  2m    deployment-controller  Scaled up replica set web-7d4b9c8f6b from 0 to 3\n'
)

RS_OUT = (
    'Name:           web-7d4b9c8f6b\n'
    'Namespace:      default\n'
    'Selector:       app=web,pod-template-hash=7d4b9c8f6b\n'
    'Labels:         app=web\n'
    '                pod-template-hash=7d4b9c8f6b\n'
    'Annotations:    deployment.kubernetes.io/desired-replicas: 3\n'
    '                deployment.kubernetes.io/max-replicas: 4\n'
    '                deployment.kubernetes.io/revision: 1\n'
    'Controlled By:  Deployment/web\n'
    'Replicas:       3 current / 3 desired\n'
    'Pods Status:    3 Running / 0 Waiting / 0 Succeeded / 0 Failed\n'
    'Pod Template:\n'
    '  Labels:  app=web\n'
    '           pod-template-hash=7d4b9c8f6b\n'
    '  Containers:\n'
    '   nginx:\n'
    '    Image:         nginx:1.27\n'
    '    Port:          80/TCP\n'
    '    Host Port:     0/TCP\n'
    '    Environment:   <none>\n'
    '    Mounts:        <none>\n'
    '  Volumes:         <none>\n'
    '  Node-Selectors:  <none>\n'
    '  Tolerations:     <none>\n'
    'Events:            <none>\n'
)

POD_OUT = (
    'Name:             web-7d4b9c8f6b-x2x4k\n'
    'Namespace:        default\n'
    'Priority:         0\n'
    'Service Account:  default\n'
    'Node:             worker/172.18.0.3\n'
    'Start Time:       Mon, 10 Mar 2025 11:58:00 +0000\n'
    'Labels:           app=web\n'
    '                  pod-template-hash=7d4b9c8f6b\n'
    'Annotations:      <none>\n'
    'Status:           Running\n'
    'IP:               10.244.1.5\n'
    'IPs:\n'
    '  IP:           10.244.1.5\n'
    'Controlled By:  ReplicaSet/web-7d4b9c8f6b\n'
    'Containers:\n'
    '  nginx:\n'
    '    Container ID:   containerd://abc123\n'
    '    Image:          nginx:1.27\n'
    '    Image ID:       docker.io/library/nginx@sha256:0123456789abcdef\n'
    '    Port:           80/TCP\n'
    '    Host Port:      0/TCP\n'
    '    State:          Running\n'
    '      Started:      Mon, 10 Mar 2025 11:58:02 +0000\n'
    '    Ready:          True\n'
    '    Restart Count:  0\n'
    '    Environment:    <none>\n'
    '    Mounts:\n'
    '      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-x2x4k (ro)\n'
    'Conditions:\n'
    '  Type                        Status\n'
    '  PodReadyToStartContainers   True \n'
    '  Initialized                 True \n'
    '  Ready                       True \n'
    '  ContainersReady             True \n'
    '  PodScheduled                True \n'
    'Volumes:\n'
    '  kube-api-access-x2x4k:\n'
    '    Type:                    Projected (a volume that contains injected data from multiple sources)\n'
    '    TokenExpirationSeconds:  3607\n'
    '    ConfigMapName:           kube-root-ca.crt\n'
    '    ConfigMapOptional:       <nil>\n'
    '    DownwardAPI:             true\n'
    'QoS Class:                   BestEffort\n'
    'Node-Selectors:              <none>\n'
    'Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n'
    '                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n'
    'Events:\n'
    '  Type    Reason     Age                From               Message\n'
    '  ----    ------     ----               ----               -------\n'
    '  Normal  Scheduled  2m                 default-scheduler  Successfully assigned default/web-7d4b9c8f6b-x2x4k to worker\n'
    '  Normal  Pulled     10s (x3 over 10m)  kubelet            Container image "nginx:1.27" already present on machine\n'
)

SERVICE_OUT = (
    'Name:                     web\n'
    'Namespace:                default\n'
    'Labels:                   app=web\n'
    'Annotations:              <none>\n'
    'Selector:                 app=web\n'
    'Type:                     ClusterIP\n'
    'IP Family Policy:         SingleStack\n'
    'IP Families:              IPv4\n'
    'IP:                       10.96.123.45\n'
    'IPs:                      10.96.123.45\n'
    'Port:                     <unset>  80/TCP\n'
    'TargetPort:               80/TCP\n'
    'Endpoints:                10.244.1.5:80,10.244.2.3:80,10.244.1.6:80 + 1 more...\n'
    'Session Affinity:         None\n'
    'Internal Traffic Policy:  Cluster\n'
    'Events:                   <none>\n'
)

NODE_OUT = (
    'Name:               worker\n'
    'Roles:              <none>\n'
    'Labels:             beta.kubernetes.io/arch=amd64\n'
    '                    beta.kubernetes.io/os=linux\n'
    '                    kubernetes.io/arch=amd64\n'
    '                    kubernetes.io/hostname=worker\n'
    '                    kubernetes.io/os=linux\n'
    'Annotations:        kubeadm.alpha.kubernetes.io/cri-socket: unix:///run/containerd/containerd.sock\n'
    '                    node.alpha.kubernetes.io/ttl: 0\n'
    '                    volumes.kubernetes.io/controller-managed-attach-detach: true\n'
    'CreationTimestamp:  Sat, 01 Mar 2025 09:00:00 +0000\n'
    'Taints:             <none>\n'
    'Unschedulable:      false\n'
    'Lease:\n'
    '  HolderIdentity:  worker\n'
    '  AcquireTime:     <unset>\n'
    '  RenewTime:       Mon, 10 Mar 2025 11:59:55 +0000\n'
    'Conditions:\n'
    '  Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message\n'
    '  ----             ------  -----------------                 ------------------                ------                       -------\n'
    '  MemoryPressure   False   Mon, 10 Mar 2025 11:59:00 +0000   Sat, 01 Mar 2025 09:00:00 +0000   KubeletHasSufficientMemory   kubelet has sufficient memory available\n'
    '  Ready            True    Mon, 10 Mar 2025 11:59:00 +0000   Sat, 01 Mar 2025 09:00:20 +0000   KubeletReady                 kubelet is posting ready status\n'
    'Addresses:\n'
    '  InternalIP:  172.18.0.3\n'
    '  Hostname:    worker\n'
    'Capacity:\n'
    '  cpu:                8\n'
    '  ephemeral-storage:  102626232Ki\n'
    '  hugepages-1Gi:      0\n'
    '  hugepages-2Mi:      0\n'
    '  memory:             16329692Ki\n'
    '  pods:               110\n'
    'Allocatable:\n'
    '  cpu:                8\n'
    '  ephemeral-storage:  102626232Ki\n'
    '  hugepages-1Gi:      0\n'
    '  hugepages-2Mi:      0\n'
    '  memory:             16329692Ki\n'
    '  pods:               110\n'
    'System Info:\n'
    '  Machine ID:                 m1\n'
    '  System UUID:                s1\n'
    '  Boot ID:                    b1\n'
    '  Kernel Version:             6.8.0\n'
    '  OS Image:                   Debian GNU/Linux 12 (bookworm)\n'
    '  Operating System:           linux\n'
    '  Architecture:               amd64\n'
    '  Container Runtime Version:  containerd://1.7.18\n'
    '  Kubelet Version:            v1.32.0\n'
    '  Kube-Proxy Version:         v1.32.0\n'
    'PodCIDR:                      10.244.1.0/24\n'
    'PodCIDRs:                     10.244.1.0/24\n'
    'ProviderID:                   kind://docker/kind/worker\n'
    'Non-terminated Pods:          (3 in total)\n'
    '  Namespace                   Name                    CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age\n'
    '  ---------                   ----                    ------------  ----------  ---------------  -------------  ---\n'
    '  default                     web-7d4b9c8f6b-x2x4k    0 (0%)        0 (0%)      0 (0%)           0 (0%)         2m\n'
    '  default                     web-7d4b9c8f6b-zt9wn    0 (0%)        0 (0%)      0 (0%)           0 (0%)         2m\n'
    '  kube-system                 kindnet-abcde           100m (1%)     100m (1%)   50Mi (0%)        50Mi (0%)      2m\n'
    'Allocated resources:\n'
    '  (Total limits may be over 100 percent, i.e., overcommitted.)\n'
    '  Resource           Requests   Limits\n'
    '  --------           --------   ------\n'
    '  cpu                100m (1%)  100m (1%)\n'
    '  memory             50Mi (0%)  50Mi (0%)\n'
    '  ephemeral-storage  0 (0%)     0 (0%)\n'
    '  hugepages-1Gi      0 (0%)     0 (0%)\n'
    '  hugepages-2Mi      0 (0%)     0 (0%)\n'
    'Events:              <none>\n'
)



def _lookup_with_node_pods() -> Any:
    system_pod = copy.deepcopy(PODS[2])
    system_pod["metadata"]["namespace"] = "kube-system"
    system_pod["metadata"]["name"] = "kindnet-abcde"
    system_pod["spec"]["containers"][0]["resources"] = {
        "requests": {"cpu": "100m", "memory": "50Mi"},
        "limits": {"cpu": "100m", "memory": "50Mi"},
    }
    return make_lookup([RS, ENDPOINTS, ENDPOINT_SLICE, LEASE, system_pod] + PODS)


# --- the tabwriter ------------------------------------------------------------------------------------------


def _tab(text: str) -> str:
    tw = _TabWriter()
    tw.write(text)
    return tw.render()


def test_tabwriter_aligns_a_block_to_the_widest_cell_plus_two() -> None:
    assert _tab("a:\tx\nlonger:\ty\n") == "a:       x\nlonger:  y\n"


def test_tabwriter_line_without_tab_ends_the_block() -> None:
    assert _tab("a:\tx\ntitle\nlonger:\ty\n") == "a:  x\ntitle\nlonger:  y\n"


def test_tabwriter_text_after_the_last_tab_does_not_widen_a_column() -> None:
    assert _tab("k:\tvery-long-value\nkk:\tv\n") == "k:   very-long-value\nkk:  v\n"


def test_tabwriter_nested_columns_and_empty_cells() -> None:
    # Node's "Name\t\t" leaves an empty column that still gets its two spaces of padding.
    assert _tab("ns\tname\t\tcpu\nkube-system\tp\t\t1\n") == "ns           name    cpu\nkube-system  p       1\n"


# --- kinds --------------------------------------------------------------------------------------------------


def test_deployment() -> None:
    events = [
        event("ScalingReplicaSet", "Scaled up replica set web-7d4b9c8f6b from 0 to 3", "deployment-controller"),
    ]
    out = describe(DEPLOYMENT, now=NOW, events=events, lookup=make_lookup([RS] + PODS))
    assert out == DEPLOYMENT_OUT


def test_deployment_skips_last_applied_annotation_and_lists_old_replicasets() -> None:
    old = copy.deepcopy(RS)
    old["metadata"]["name"] = "web-5c6d7e8f9a"
    old["metadata"]["creationTimestamp"] = "2025-03-09T10:00:00Z"
    old["spec"]["template"]["spec"]["containers"][0]["image"] = "nginx:1.26"
    old["spec"]["replicas"] = 0
    old["status"]["replicas"] = 0
    out = describe(DEPLOYMENT, now=NOW, events=[], lookup=make_lookup([old, RS]))
    assert "last-applied-configuration" not in out
    assert "OldReplicaSets:  web-5c6d7e8f9a (0/0 replicas created)\n" in out
    assert "NewReplicaSet:   web-7d4b9c8f6b (3/3 replicas created)\n" in out


def test_deployment_without_replicasets_omits_both_lines() -> None:
    out = describe(DEPLOYMENT, now=NOW, events=[], lookup=make_lookup([]))
    assert "OldReplicaSets:" not in out and "NewReplicaSet:" not in out
    # No title line separates the conditions table from Events, so they share one column block.
    assert out.endswith("  Progressing   True    NewReplicaSetAvailable\nEvents:         <none>\n")


def test_replicaset_counts_only_its_own_pods() -> None:
    orphan = copy.deepcopy(PODS[0])
    orphan["metadata"]["name"] = "stray"
    orphan["metadata"]["ownerReferences"] = []
    pending = copy.deepcopy(PODS[1])
    pending["status"]["phase"] = "Pending"
    out = describe(RS, now=NOW, events=[], lookup=make_lookup([orphan, pending, PODS[0], PODS[2]]))
    assert out == RS_OUT.replace("3 Running / 0 Waiting", "2 Running / 1 Waiting")


def test_pod_with_repeated_event() -> None:
    events = [
        event("Scheduled", "Successfully assigned default/web-7d4b9c8f6b-x2x4k to worker", "default-scheduler"),
        event(
            "Pulled",
            'Container image "nginx:1.27" already present on machine',
            "kubelet",
            count=3,
            first="2025-03-10T11:50:00Z",
            last="2025-03-10T11:59:50Z",
        ),
    ]
    assert describe(PODS[0], now=NOW, events=events, lookup=make_lookup([])) == POD_OUT


def test_pod_without_events_aligns_events_with_the_last_block() -> None:
    out = describe(PODS[0], now=NOW, events=[], lookup=make_lookup([]))
    assert out.endswith(
        "QoS Class:                   BestEffort\n"
        "Node-Selectors:              <none>\n"
        "Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n"
        "                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n"
        "Events:                      <none>\n"
    )


def test_pending_pod_without_node_or_statuses() -> None:
    p = copy.deepcopy(PODS[0])
    del p["spec"]["nodeName"]
    p["status"] = {"phase": "Pending", "qosClass": "BestEffort", "conditions": [
        {"type": "PodScheduled", "status": "False", "lastProbeTime": None,
         "lastTransitionTime": "2025-03-10T11:58:00Z", "reason": "Unschedulable"}]}
    out = describe(p, now=NOW, events=[], lookup=make_lookup([]))
    assert "Node:             <none>\n" in out
    assert "Status:           Pending\nIP:               \nIPs:              <none>\n" in out
    assert "Container ID" not in out and "State:" not in out
    assert "  PodScheduled   False \n" in out


def test_pod_environment_resources_and_probes() -> None:
    p = copy.deepcopy(PODS[0])
    c = p["spec"]["containers"][0]
    c["env"] = [
        {"name": "MODE", "value": "prod"},
        {"name": "POD_NAME", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.name"}}},
        {"name": "PASSWORD", "valueFrom": {"secretKeyRef": {"name": "db", "key": "password"}}},
    ]
    c["resources"] = {"limits": {"memory": "128Mi"}, "requests": {"cpu": "250m", "memory": "64Mi"}}
    c["readinessProbe"] = {"httpGet": {"path": "/healthz", "port": 8080, "scheme": "HTTP"}, "timeoutSeconds": 1,
                           "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3}
    out = describe(p, now=NOW, events=[], lookup=make_lookup([]))
    assert (
        "    Limits:\n      memory:  128Mi\n    Requests:\n      cpu:      250m\n      memory:   64Mi\n"
        "    Readiness:  http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3\n"
        "    Environment:\n"
        "      MODE:      prod\n"
        "      POD_NAME:  web-7d4b9c8f6b-x2x4k (v1:metadata.name)\n"
        "      PASSWORD:  <set to the key 'password' in secret 'db'>  Optional: false\n"
    ) in out


def test_service_endpoints_are_capped_at_three() -> None:
    assert describe(SERVICE, now=NOW, events=[], lookup=_lookup_with_node_pods()) == SERVICE_OUT


def test_service_without_endpoints_and_with_node_port() -> None:
    svc = copy.deepcopy(SERVICE)
    svc["spec"]["type"] = "NodePort"
    svc["spec"]["externalTrafficPolicy"] = "Cluster"
    svc["spec"]["ports"][0].update({"name": "http", "nodePort": 30080, "targetPort": "web"})
    out = describe(svc, now=NOW, events=[], lookup=make_lookup([]))
    assert (
        "Port:                     http  80/TCP\n"
        "TargetPort:               web/TCP\n"
        "NodePort:                 http  30080/TCP\n"
        "Endpoints:                <none>\n"
        "Session Affinity:         None\n"
        "External Traffic Policy:  Cluster\n"
        "Internal Traffic Policy:  Cluster\n"
    ) in out


def test_format_endpoint_slices_counts_hidden_addresses() -> None:
    assert _format_endpoint_slices([ENDPOINT_SLICE], "") == "10.244.1.5:80,10.244.2.3:80,10.244.1.6:80 + 1 more..."
    assert _format_endpoint_slices([ENDPOINT_SLICE], "http") == ""
    assert _format_endpoint_slices([], "") == "<none>"
    # A slice with no ready endpoint (a selector matching no ready pod): empty, not <none> (observed with kubectl 1.32).
    not_ready = copy.deepcopy(ENDPOINT_SLICE)
    for ep in not_ready["endpoints"]:
        ep["conditions"]["ready"] = False
    assert _format_endpoint_slices([not_ready], "") == ""
    assert _format_endpoint_slices([dict(ENDPOINT_SLICE, endpoints=[])], "") == ""
    headless = {"endpoints": [{"addresses": ["10.244.1.5"]}, {"addresses": ["10.244.1.6"], "conditions": {}}]}
    assert _format_endpoint_slices([headless], "") == "10.244.1.5,10.244.1.6"


def test_node() -> None:
    assert describe(NODE, now=NOW, events=[], lookup=_lookup_with_node_pods()) == NODE_OUT


def test_node_roles_taints_and_missing_lease() -> None:
    node = copy.deepcopy(NODE)
    node["metadata"]["labels"]["node-role.kubernetes.io/control-plane"] = ""
    node["spec"]["taints"] = [
        {"key": "node-role.kubernetes.io/control-plane", "effect": "NoSchedule"},
        {"key": "dedicated", "value": "gpu", "effect": "NoExecute"},
    ]
    out = describe(node, now=NOW, events=[], lookup=make_lookup([]))
    assert "Roles:              control-plane\n" in out
    assert (
        "Taints:             dedicated=gpu:NoExecute\n"
        "                    node-role.kubernetes.io/control-plane:NoSchedule\n"
    ) in out
    assert 'Lease:              Failed to get lease: leases.coordination.k8s.io "worker" not found\n' in out
    assert "Non-terminated Pods:          (0 in total)\n" in out


def test_namespace() -> None:
    ns = {"apiVersion": "v1", "kind": "Namespace",
          "metadata": {"name": "default", "creationTimestamp": "2025-03-01T09:00:00Z",
                       "labels": {"kubernetes.io/metadata.name": "default"}},
          "spec": {"finalizers": ["kubernetes"]}, "status": {"phase": "Active"}}
    assert describe(ns, now=NOW, events=[], lookup=make_lookup([])) == (
        "Name:         default\n"
        "Labels:       kubernetes.io/metadata.name=default\n"
        "Annotations:  <none>\n"
        "Status:       Active\n"
        "\n"
        "No resource quota.\n"
        "\n"
        "No LimitRange resource.\n"
    )


def test_configmap() -> None:
    cm = {"apiVersion": "v1", "kind": "ConfigMap",
          "metadata": {"name": "app", "namespace": "default", "creationTimestamp": "2025-03-10T11:00:00Z"},
          "data": {"mode": "prod", "app.properties": "a=1\nb=2"}, "binaryData": {"logo.png": "iVBORw0KGgo="}}
    assert describe(cm, now=NOW, events=[], lookup=make_lookup([])) == (
        "Name:         app\n"
        "Namespace:    default\n"
        "Labels:       <none>\n"
        "Annotations:  <none>\n"
        "\n"
        "Data\n"
        "====\n"
        "app.properties:\n"
        "----\n"
        "a=1\n"
        "b=2\n"
        "\n"
        "mode:\n"
        "----\n"
        "prod\n"
        "\n"
        "\n"
        "BinaryData\n"
        "====\n"
        "logo.png: 8 bytes\n"
        "\n"
        "Events:  <none>\n"
    )


def test_long_annotation_is_wrapped_and_cut() -> None:
    cm = {"kind": "ConfigMap", "metadata": {"name": "c", "namespace": "default",
                                             "annotations": {"note": "x" * 150, "short": "y"}}}
    out = describe(cm, now=NOW, events=[], lookup=make_lookup([]))
    assert "Annotations:  note:\n                " + "x" * 138 + "...\n              short: y\n" in out


def test_secret_prints_sizes_never_values() -> None:
    secret = {"apiVersion": "v1", "kind": "Secret",
              "metadata": {"name": "db", "namespace": "default", "labels": {"app": "web"}},
              "type": "Opaque", "data": {"username": "YWRtaW4=", "password": "czNjcjN0"}}
    out = describe(secret, now=NOW, events=[event("X", "y", "z")], lookup=make_lookup([]))
    assert out == (
        "Name:         db\n"
        "Namespace:    default\n"
        "Labels:       app=web\n"
        "Annotations:  <none>\n"
        "\n"
        "Type:  Opaque\n"
        "\n"
        "Data\n"
        "====\n"
        "password:  6 bytes\n"
        "username:  5 bytes\n"
    )
    assert "s3cr3t" not in out and "admin" not in out


# --- events ---------------------------------------------------------------------------------------------------


def test_events_none() -> None:
    cm = {"kind": "ConfigMap", "metadata": {"name": "c", "namespace": "default"}}
    assert describe(cm, now=NOW, events=[], lookup=make_lookup([])).endswith("\n\nEvents:  <none>\n")


def test_events_sorted_by_last_timestamp_with_repeat_count() -> None:
    cm = {"kind": "ConfigMap", "metadata": {"name": "c", "namespace": "default"}}
    events = [
        event("BackOff", "Back-off restarting failed container", "kubelet", count=12,
              first="2025-03-09T12:00:00Z", last="2025-03-10T11:59:30Z", type_="Warning"),
        event("Created", "  Created container nginx\n", "kubelet", first="2025-03-10T11:57:00Z"),
    ]
    out = describe(cm, now=NOW, events=events, lookup=make_lookup([]))
    assert out.endswith(
        "Events:\n"
        "  Type     Reason   Age                 From     Message\n"
        "  ----     ------   ----                ----     -------\n"
        "  Normal   Created  3m                  kubelet  Created container nginx\n"
        "  Warning  BackOff  30s (x12 over 24h)  kubelet  Back-off restarting failed container\n"
    )


def test_event_series_and_reporting_controller_fallback() -> None:
    cm = {"kind": "ConfigMap", "metadata": {"name": "c", "namespace": "default"}}
    e = {"type": "Normal", "reason": "Synced", "message": "ok", "eventTime": "2025-03-10T11:00:00.000000Z",
         "series": {"count": 4, "lastObservedTime": "2025-03-10T11:59:00.000000Z"},
         "reportingComponent": "my-controller", "source": {}}
    out = describe(cm, now=NOW, events=[e], lookup=make_lookup([]))
    assert "  Normal  Synced  60s (x4 over 60m)  my-controller  ok\n" in out


# --- several objects and unknown kinds --------------------------------------------------------------------------


def test_describe_many_separates_objects_with_two_newlines() -> None:
    cm = {"kind": "ConfigMap", "metadata": {"name": "c", "namespace": "default"}}
    one = describe(cm, now=NOW, events=[], lookup=make_lookup([]))
    both = describe_many([cm, cm], now=NOW, events_for=lambda o: [], lookup=make_lookup([]))
    assert both == one + "\n\n" + one


def test_a_kind_without_a_describer_gets_the_generic_one() -> None:
    # Derived from kubectl 1.32's genericDescriber/printUnstructuredContent (pkg/describe/describe.go), not recorded.
    widget = {"apiVersion": "example.com/v1", "kind": "Widget",
              "metadata": {"name": "w", "namespace": "default", "uid": "u-1", "labels": {"a": "b"},
                           "managedFields": [{"manager": "kubectl"}], "creationTimestamp": "2026-01-01T00:00:00Z"},
              "spec": {"size": 3, "ratio": 1.5, "enabled": True, "tags": ["x", "y"], "ipv4": "10.0.0.1",
                       "ports": [{"name": "http", "containerPort": 80}]}}
    assert describe(widget, now=NOW, events=[], lookup=make_lookup([])) == (
        "Name:         w\n"
        "Namespace:    default\n"
        "Labels:       a=b\n"
        "Annotations:  <none>\n"
        "API Version:  example.com/v1\n"
        "Kind:         Widget\n"
        "Metadata:\n"
        "  Creation Timestamp:  2026-01-01T00:00:00Z\n"
        "  UID:                 u-1\n"
        "Spec:\n"
        "  Enabled:  true\n"
        "  ipv4:     10.0.0.1\n"
        "  Ports:\n"
        "    Container Port:  80\n"
        "    Name:            http\n"
        "  Ratio:             1.5\n"
        "  Size:              3\n"
        "  Tags:\n"
        "    x\n"
        "    y\n"
        "Events:  <none>\n")


def test_role_rules_are_broken_down_compacted_and_sorted_as_kubectl_does() -> None:
    # Derived from kubectl 1.32's RoleDescriber and pkg/util/rbac (BreakdownRule, CompactRules, sorted by the
    # rule's String()); the single-rule layout is recorded (k8s-scenarios 22-describe-kinds, step 12).
    role = {"kind": "ClusterRole", "metadata": {"name": "r"},
            "rules": [{"apiGroups": ["", "apps"], "resources": ["pods", "deployments/scale"], "verbs": ["get", "list"]},
                      {"apiGroups": [""], "resources": ["pods"], "verbs": ["watch", "get"]},
                      {"apiGroups": [""], "resources": ["secrets"], "verbs": ["get"], "resourceNames": ["a", "b"]},
                      {"nonResourceURLs": ["/healthz"], "verbs": ["get"]}]}
    rows = describe(role, now=NOW, events=[], lookup=make_lookup([])).splitlines()[6:]
    assert [" ".join(r.split()) for r in rows] == [
        "pods [] [] [get list watch]",
        "deployments/scale [] [] [get list]",
        "deployments.apps/scale [] [] [get list]",
        "pods.apps [] [] [get list]",
        "[/healthz] [] [get]",
        "secrets [] [a] [get]",
        "secrets [] [b] [get]",
    ]


@pytest.mark.parametrize("kind", ["Job", "CronJob", "DaemonSet", "StatefulSet"])
def test_workload_kinds_render_pod_template_and_events(kind: str) -> None:
    spec: dict[str, Any] = {"selector": {"matchLabels": {"app": "web"}}, "template": copy.deepcopy(TEMPLATE)}
    if kind == "CronJob":
        spec = {"schedule": "*/5 * * * *", "concurrencyPolicy": "Allow", "suspend": False,
                "jobTemplate": {"spec": {"template": copy.deepcopy(TEMPLATE)}}}
    if kind == "StatefulSet":
        spec.update({"replicas": 1, "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"partition": 0}}})
    obj = {"kind": kind, "metadata": {"name": "w", "namespace": "default", "uid": "w-uid",
                                      "creationTimestamp": "2025-03-10T11:00:00Z"}, "spec": spec, "status": {}}
    out = describe(obj, now=NOW, events=[], lookup=make_lookup([]))
    assert out.startswith("Name:")
    assert "Pod Template:\n  Labels:  app=web\n  Containers:\n   nginx:\n" in out
    assert out.endswith("<none>\n") and "\nEvents:" in out


def test_old_replicasets_are_listed_by_creation_time_then_name() -> None:
    # FindNewReplicaSet sorts the listed ReplicaSets in place (ReplicaSetsByCreationTimestamp) and the old ones are
    # read from that list: real kubectl 1.32 through serve listed web-75b848c98f (older) before web-69bd887d84.
    olds = []
    for name, created in (("web-0aaaaaaaaa", "2025-03-10T11:59:00Z"), ("web-zzzzzzzzzz", "2025-03-09T10:00:00Z"),
                          ("web-mmmmmmmmmm", "2025-03-09T10:00:00Z")):
        old = copy.deepcopy(RS)
        old["metadata"].update(name=name, creationTimestamp=created, uid=name)
        old["spec"]["template"]["spec"]["containers"][0]["image"] = "nginx:1.26"
        old["spec"]["replicas"] = old["status"]["replicas"] = 0
        olds.append(old)
    out = describe(DEPLOYMENT, now=NOW, events=[], lookup=make_lookup(olds + [RS]))
    assert ("OldReplicaSets:  web-mmmmmmmmmm (0/0 replicas created), web-zzzzzzzzzz (0/0 replicas created), "
            "web-0aaaaaaaaa (0/0 replicas created)\n") in out


def test_events_of_the_same_second_end_where_go_sort_leaves_the_listed_order() -> None:
    # kubectl lists the object's events (by name, the server's order) and sort.Sort's them on lastTimestamp: not
    # stable. Keys and order from tests/printers/go_sort_orders.json case 22 (recorded from Go's sort.Sort).
    keys = [0, 0, 0, 1, 1, 0, 1, 0, 0, 0, 0, 1, 0]
    go_order = [9, 1, 2, 0, 12, 5, 10, 7, 8, 3, 6, 11, 4]
    events = []
    for i, k in enumerate(keys):
        e = event("Reason", f"message {i:02d}", "kubelet")
        e["metadata"] = {"name": f"web.{i:016x}", "namespace": "default"}
        e["lastTimestamp"] = e["firstTimestamp"] = f"2025-03-10T11:5{k}:00Z"
        e["count"] = 1
        events.append(e)
    shuffled = events[7:] + events[:7]  # the store's order is not the listing's
    out = describe(DEPLOYMENT, now=NOW, events=shuffled, lookup=make_lookup([RS]))
    shown = [int(line.rsplit(" ", 1)[1]) for line in out.splitlines() if "message " in line]
    assert shown == go_order
