"""`cluster create --config` / `cluster reset --config`: kind's Cluster config (kind.x-k8s.io/v1alpha4) with
pykubectl's per-node extension, and clear errors for bad configs (exit 1, nothing written).

The configs in TestKindDocumentedExamples have the shapes of the examples in kind's configuration guide (multi-node,
HA control plane, port mappings, API server address, subnets, CNI and kube-proxy settings, feature gates, runtime
config, node labels, kubeadm patches, extra mounts, node images). Node names, subnets' defaults, the control-plane
taint's removal in clusters without workers and the checks (cluster name, roles, one control plane at least) follow
kind's v1alpha4 types and config validation. Derived, not recorded: the error texts are pykubectl's own in the API
server's field-error form (kind has no kubectl-visible texts for them)."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from pykubectl.controllers import clusterconfig
from tests.conftest import Runner

HEADER = "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n"
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "clusters"


def _config(tmp_path: Path, body: str, name: str = "cluster.yaml") -> str:
    p = tmp_path / name
    p.write_text(HEADER + textwrap.dedent(body))
    return str(p)


def _nodes(run: Runner) -> dict[str, dict]:
    r = run("get nodes -o json")
    assert r.code == 0, r.err
    return {n["metadata"]["name"]: n for n in json.loads(r.out)["items"]}


class TestKindDocumentedExamples:
    def test_minimal_config_is_one_untainted_control_plane(self, run: Runner, tmp_path: Path) -> None:
        r = run(f"cluster create --config {_config(tmp_path, '')}")
        assert (r.code, r.out, r.err) == (0, 'cluster "pykubectl" created with 1 node\n', "")
        nodes = _nodes(run)
        assert list(nodes) == ["pykubectl-control-plane"]
        assert "taints" not in nodes["pykubectl-control-plane"]["spec"]  # kind removes it: nothing else can run pods
        assert nodes["pykubectl-control-plane"]["spec"]["podCIDR"] == "10.244.0.0/24"
        # kind's default service subnet, and the kubernetes Service takes its first address
        assert run("get svc kubernetes -o jsonpath={.spec.clusterIP}").out == "10.96.0.1"

    def test_multi_node(self, run: Runner, tmp_path: Path) -> None:
        cfg = _config(tmp_path, """\
            nodes:
            - role: control-plane
            - role: worker
            - role: worker
            """)
        assert run(f"cluster create --config {cfg}").code == 0
        nodes = _nodes(run)
        assert sorted(nodes) == ["pykubectl-control-plane", "pykubectl-worker", "pykubectl-worker2"]
        cp = nodes["pykubectl-control-plane"]
        assert cp["spec"]["taints"] == [{"effect": "NoSchedule", "key": "node-role.kubernetes.io/control-plane"}]
        assert [nodes[n]["spec"]["podCIDR"] for n in ("pykubectl-control-plane", "pykubectl-worker",
                                                       "pykubectl-worker2")] == \
            ["10.244.0.0/24", "10.244.1.0/24", "10.244.2.0/24"]

    def test_three_control_planes_three_workers(self, run: Runner, tmp_path: Path) -> None:
        cfg = _config(tmp_path, """\
            name: ha
            nodes:
            - role: control-plane
            - role: control-plane
            - role: control-plane
            - role: worker
            - role: worker
            - role: worker
            """)
        r = run(f"cluster create --config {cfg}")
        assert r.out == 'cluster "ha" created with 6 nodes\n'
        assert sorted(_nodes(run)) == ["ha-control-plane", "ha-control-plane2", "ha-control-plane3",
                                       "ha-worker", "ha-worker2", "ha-worker3"]
        assert run("get nodes ha-worker3 -o jsonpath={.spec.providerID}").out == "kind://docker/ha/ha-worker3"

    @pytest.mark.parametrize("body, ignored", [
        ("""\
            nodes:
            - role: control-plane
              extraPortMappings:
              - containerPort: 80
                hostPort: 80
                listenAddress: "0.0.0.0"
                protocol: udp
            """, "nodes[0].extraPortMappings"),
        ("""\
            networking:
              apiServerAddress: "127.0.0.1"
              apiServerPort: 6443
            """, "networking.apiServerAddress, networking.apiServerPort"),
        ("""\
            networking:
              disableDefaultCNI: true
              kubeProxyMode: "ipvs"
            """, "networking.disableDefaultCNI, networking.kubeProxyMode"),
        ("""\
            featureGates:
              "CSIMigration": true
            runtimeConfig:
              "api/alpha": "false"
            """, "featureGates, runtimeConfig"),
        ("""\
            nodes:
            - role: control-plane
              kubeadmConfigPatches:
              - |
                kind: InitConfiguration
                nodeRegistration:
                  kubeletExtraArgs:
                    node-labels: "ingress-ready=true"
            """, "nodes[0].kubeadmConfigPatches"),
        ("""\
            nodes:
            - role: control-plane
              image: kindest/node:v1.16.4@sha256:b91a2c2317a000f3a783489dfb755064177dbc3a0b2f4147d50f04825d016f55
              extraMounts:
              - hostPath: /path/to/my/files
                containerPath: /files
            """, "nodes[0].image, nodes[0].extraMounts"),
        ("""\
            containerdConfigPatches:
            - |-
              [plugins."io.containerd.grpc.v1.cri".registry.mirrors."localhost:5000"]
                endpoint = ["http://kind-registry:5000"]
            """, "containerdConfigPatches"),
    ])
    def test_container_only_fields_are_accepted_with_a_note(self, run: Runner, tmp_path: Path, body: str,
                                                            ignored: str) -> None:
        cfg = _config(tmp_path, body)
        r = run(f"cluster create --config {cfg}")
        assert r.code == 0, r.err
        assert r.err == (f'note: cluster config "{cfg}": ignoring fields that only concern kind\'s node containers: '
                         f"{ignored}\n")
        assert "pykubectl-control-plane" in _nodes(run)

    def test_subnets_and_node_labels(self, run: Runner, tmp_path: Path) -> None:
        cfg = _config(tmp_path, """\
            networking:
              podSubnet: "10.240.0.0/14"
              serviceSubnet: "10.0.0.0/16"
            nodes:
            - role: control-plane
            - role: worker
              labels:
                tier: frontend
            - role: worker
              labels:
                tier: backend
            """)
        assert run(f"cluster create --config {cfg}").code == 0
        nodes = _nodes(run)
        assert nodes["pykubectl-worker"]["metadata"]["labels"]["tier"] == "frontend"
        assert nodes["pykubectl-worker2"]["metadata"]["labels"]["tier"] == "backend"
        assert nodes["pykubectl-worker2"]["spec"]["podCIDRs"] == ["10.240.2.0/24"]
        assert run("get svc kubernetes -o jsonpath={.spec.clusterIP}").out == "10.0.0.1"
        r = run("create service clusterip web --tcp=80:8080")
        assert r.code == 0, r.err
        ip = run("get svc web -o jsonpath={.spec.clusterIP}").out
        assert ip.startswith("10.0.") and ip != "10.0.0.1"
        # pods take addresses from their node's /24 of the configured pod subnet
        assert run("create deployment web --image=nginx --replicas=2").code == 0
        ips = run("get pods -o jsonpath={.items[*].status.podIP}").out.split()
        assert len(ips) == 2 and all(ip.startswith("10.240.") for ip in ips)


class TestExtension:
    def test_gpu_pool_fixture(self, run: Runner) -> None:
        cfg = FIXTURES / "gpu-pool.yaml"
        r = run(f"cluster create --config {cfg}")
        assert r.out == 'cluster "pykubectl" created with 6 nodes\n'
        assert "nodes[0].extraPortMappings" in r.err
        gpu = _nodes(run)["pykubectl-worker5"]
        assert gpu["metadata"]["labels"]["pool"] == "gpu"
        assert gpu["spec"]["taints"] == [{"effect": "NoSchedule", "key": "nvidia.com/gpu", "value": "present"}]
        assert gpu["status"]["capacity"]["nvidia.com/gpu"] == "8"
        assert gpu["status"]["allocatable"]["cpu"] == "32"
        assert gpu["status"]["allocatable"]["memory"] == "256Gi"
        assert gpu["status"]["nodeInfo"]["osImage"] == "Ubuntu 22.04.4 LTS"
        assert gpu["status"]["nodeInfo"]["kernelVersion"] == "5.15.0-105-generic"
        assert gpu["status"]["nodeInfo"]["containerRuntimeVersion"] == "containerd://1.7.13"
        # a pod that does not tolerate the taint stays off the GPU nodes
        assert run("create deployment web --image=nginx --replicas=6").code == 0
        placed = run("get pods -o jsonpath={.items[*].spec.nodeName}").out.split()
        assert len(placed) == 6 and not {"pykubectl-worker4", "pykubectl-worker5"} & set(placed)

    def test_three_zones_fixture(self, run: Runner) -> None:
        assert run(f"cluster create --config {FIXTURES / 'three-zones.yaml'}").code == 0
        r = run("get nodes -L topology.kubernetes.io/zone --no-headers")
        zones = [line.split()[-1] for line in r.out.splitlines() if "worker" in line]
        assert sorted(zones) == ["eu-west-1a"] * 4 + ["eu-west-1b"] * 4 + ["eu-west-1c"] * 4
        assert run("get nodes prod-worker12 -o jsonpath={.status.capacity.cpu}").out == "8"

    def test_kind_default_fixture(self, run: Runner) -> None:
        r = run(f"cluster create --config {FIXTURES / 'kind-default.yaml'}")
        assert (r.code, r.out, r.err) == (0, 'cluster "kind" created with 1 node\n', "")
        assert list(_nodes(run)) == ["kind-control-plane"]

    def test_count_names_nodes_as_kind_numbers_them(self, run: Runner, tmp_path: Path) -> None:
        cfg = _config(tmp_path, """\
            name: big
            networking:
              podSubnet: 10.0.0.0/12
            nodes:
            - role: control-plane
            - role: worker
              pykubectl: {count: 999}
            """)
        r = run(f"cluster create --config {cfg}")
        assert r.out == 'cluster "big" created with 1000 nodes\n'
        names = run("get nodes -o name").out.split()
        assert len(names) == 1000 and "node/big-worker999" in names and "node/big-worker1000" not in names
        last = _nodes(run)["big-worker999"]
        assert last["spec"]["podCIDR"] == "10.3.231.0/24"  # the 1000th /24 of 10.0.0.0/12
        assert last["status"]["addresses"][0] == {"address": "172.18.3.233", "type": "InternalIP"}
        # the pool follows the config: nodes added later take the next free /24s
        assert run("cluster nodes add").code == 0
        assert run("get node big-worker1000 -o jsonpath={.spec.podCIDR}").out == "10.3.232.0/24"

    def test_reset_with_a_config(self, run: Runner, tmp_path: Path) -> None:
        assert run("create deployment web --image=nginx").code == 0
        cfg = _config(tmp_path, "name: fresh\nnodes:\n- role: control-plane\n- role: worker\n")
        r = run(f"cluster reset --config {cfg}")
        assert (r.code, r.out) == (0, 'cluster "fresh" reset with 2 nodes\n')
        assert sorted(_nodes(run)) == ["fresh-control-plane", "fresh-worker"]
        assert run("get deploy").err == "No resources found in default namespace.\n"
        # a plain reset brings the default cluster back, with its defaults
        assert run("cluster reset").out == "cluster reset\n"
        assert sorted(_nodes(run)) == ["pykubectl-control-plane", "pykubectl-worker", "pykubectl-worker2"]
        assert run("get svc kubernetes -o jsonpath={.spec.clusterIP}").out == "10.96.0.1"

    def test_create_refuses_a_store_that_holds_a_cluster(self, run: Runner, tmp_path: Path) -> None:
        assert run("get nodes").code == 0
        r = run(f"cluster create --config {_config(tmp_path, 'name: other')}")
        assert r.code == 1
        assert r.err == (f"error: the store {run.store} already holds a cluster: use "
                         "`pykubectl cluster reset --config FILE` to replace it\n")
        assert "pykubectl-worker2" in _nodes(run)


BAD = [
    ("nodes:\n- role: control-plane\n  rol: worker\n", 'unknown field "nodes[0].rol"'),
    ("nodes:\n- role: master\n",
     '[nodes[0].role: Unsupported value: "master": supported values: "control-plane", "worker", '
     "nodes: Required value: must have at least one control-plane node]"),
    ("nodes:\n- role: worker\n", "nodes: Required value: must have at least one control-plane node"),
    ("name: My_Cluster\n", 'name: Invalid value: "My_Cluster": a cluster name must match `^[a-z0-9.-]+$`'),
    ("networking:\n  podSubnet: 10.244.0.0/33\n",
     'networking.podSubnet: Invalid value: "10.244.0.0/33": must be a CIDR (e.g. 10.244.0.0/16)'),
    ("networking:\n  podSubnet: 10.96.0.0/12\n",
     'networking.serviceSubnet: Invalid value: "10.96.0.0/16": overlaps networking.podSubnet "10.96.0.0/12"'),
    ("networking:\n  podSubnet: 10.244.0.0/25\n",
     'networking.podSubnet: Invalid value: "10.244.0.0/25": must be at least a /24 (each node takes a /24 of it)'),
    ("networking:\n  serviceSubnet: 10.0.0.0/8\n",
     'networking.serviceSubnet: Invalid value: "10.0.0.0/8": the mask must be between /12 and /30'),
    ("networking:\n  ipFamily: ipv6\n",
     'networking.ipFamily: Unsupported value: "ipv6": supported values: "ipv4"'),
    ("networking:\n  apiServerPort: high\n", 'networking.apiServerPort: Invalid value: "high": must be an integer'),
    ("nodes:\n- role: control-plane\n  labels: [a]\n",
     'nodes[0].labels: Invalid value: "[\\"a\\"]": must be a map of strings'),
    ("nodes:\n- role: control-plane\n  pykubectl: {count: 0}\n",
     "nodes[0].pykubectl.count: Invalid value: 0: must be greater than or equal to 1"),
    ("nodes:\n- role: control-plane\n  pykubectl: {count: two}\n",
     'nodes[0].pykubectl.count: Invalid value: "two": must be an integer'),
    ("nodes:\n- role: control-plane\n  pykubectl: {size: 3}\n", 'unknown field "nodes[0].pykubectl.size"'),
    ("nodes:\n- role: control-plane\n  pykubectl: {capacity: {cpu: lots}}\n",
     "nodes[0].pykubectl.capacity.cpu: Invalid value: \"lots\": quantities must match the regular expression "
     "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"),
    ("nodes:\n- role: control-plane\n  pykubectl: {capacity: {gpu: 1}}\n",
     'nodes[0].pykubectl.capacity.gpu: Invalid value: "gpu": must be cpu, memory, pods, ephemeral-storage, '
     "hugepages-<size> or a domain-qualified extended resource (example.com/gpu)"),
    ("nodes:\n- role: control-plane\n  pykubectl: {taints: [{key: gpu, effect: NoPlace}]}\n",
     'nodes[0].pykubectl.taints[0].effect: Unsupported value: "NoPlace": supported values: "NoSchedule", '
     '"PreferNoSchedule", "NoExecute"'),
    ("nodes:\n- role: control-plane\n  pykubectl: {taints: [{key: gpu}]}\n",
     "nodes[0].pykubectl.taints[0].effect: Required value"),
    ("nodes:\n- role: control-plane\n  pykubectl: {zone: eu west}\n",
     'nodes[0].pykubectl.zone: Invalid value: "eu west": a valid label must be an empty string or consist of '
     "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. "
     "'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?"
     "[A-Za-z0-9])?')"),
    ("pykubectl: {controlPlaneNodes: false}\nnodes:\n- role: control-plane\n- role: worker\n",
     'nodes[0].role: Invalid value: "control-plane": the cluster has no control-plane nodes '
     "(pykubectl.controlPlaneNodes: false): every node is a worker"),
    ("pykubectl: {controlPlaneNodes: false}\n",
     "nodes: Required value: must list the nodes when pykubectl.controlPlaneNodes is false"),
    ("pykubectl: {metricsServer: no-thanks}\n", 'pykubectl.metricsServer: Invalid value: "no-thanks": must be a boolean'),
    ("pykubectl: {loadBalancer: false}\n", 'unknown field "pykubectl.loadBalancer"'),
    ("nodes:\n- role: control-plane\n  pykubectl: {name: Node_1}\n",
     'nodes[0].pykubectl.name: Invalid value: "Node_1": a lowercase RFC 1123 subdomain must consist of lower case '
     "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. "
     "'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"),
    ("nodes:\n- role: control-plane\n  pykubectl: {name: n, count: 2}\n",
     'nodes[0].pykubectl.name: Invalid value: "n": names one node: count must be 1'),
    ("nodes:\n- role: control-plane\n  pykubectl: {name: n}\n- role: worker\n  pykubectl: {name: n}\n",
     'duplicate node name "n"'),
    ("nodes:\n- role: control-plane\n- role: worker\n  pykubectl: {name: pykubectl-control-plane}\n",
     'duplicate node name "pykubectl-control-plane"'),
    ("nodes:\n- role: control-plane\n- role: worker\n  pykubectl: {count: 256}\n",
     'networking.podSubnet: Invalid value: "10.244.0.0/16": 257 nodes need 257 /24 pod CIDRs; it holds 256'),
    ("nodes:\n- role: control-plane\n  pykubectl: {count: 5001}\nnetworking: {podSubnet: 11.0.0.0/8}\n",
     "nodes: Invalid value: 5001: a cluster holds at most 5000 nodes"),
]


@pytest.mark.parametrize("body, expected", BAD, ids=[f"bad{i}" for i in range(len(BAD))])
def test_bad_configs_are_clear_errors_and_write_nothing(run: Runner, tmp_path: Path, body: str,
                                                        expected: str) -> None:
    cfg = _config(tmp_path, body)
    r = run(f"cluster create --config {cfg}")
    assert (r.code, r.out) == (1, "")
    assert r.err == f'error: cluster config "{cfg}" is invalid: {expected}\n'
    assert not Path(run.store).exists()  # nothing written: not even a default cluster


def test_wrong_kind_and_api_version(run: Runner, tmp_path: Path) -> None:
    p = tmp_path / "c.yaml"
    p.write_text("kind: Config\napiVersion: kind.x-k8s.io/v1alpha3\n")
    r = run(f"cluster create --config {p}")
    assert r.err == (f'error: cluster config "{p}" is invalid: [kind: Unsupported value: "Config": supported values: '
                     '"Cluster", apiVersion: Unsupported value: "kind.x-k8s.io/v1alpha3": supported values: '
                     '"kind.x-k8s.io/v1alpha4"]\n')


def test_unreadable_configs(run: Runner, tmp_path: Path) -> None:
    r = run(f"cluster create --config {tmp_path / 'missing.yaml'}")
    assert (r.code, r.err) == (1, f'error: the path "{tmp_path / "missing.yaml"}" does not exist\n')
    p = tmp_path / "bad.yaml"
    p.write_text("kind: Cluster\nnodes: [\n")
    r = run(f"cluster create --config {p}")
    assert r.code == 1 and r.err.startswith(f'error: cluster config "{p}": error parsing YAML: ')
    p.write_text("- just\n- a list\n")
    r = run(f"cluster create --config {p}")
    assert r.err.startswith(f'error: cluster config "{p}" is invalid: <root>: Invalid value: ')


def test_a_bad_config_leaves_the_cluster_to_reset_as_it_was(run: Runner, tmp_path: Path) -> None:
    assert run("create deployment web --image=nginx").code == 0
    r = run(f"cluster reset --config {_config(tmp_path, 'nodes: [{role: boss}]')}")
    assert r.code == 1 and "nodes[0].role" in r.err
    assert run("get deploy web -o name").out == "deployment.apps/web\n"


def test_the_default_shape_is_the_default_cluster() -> None:
    plan = clusterconfig.DEFAULT.plan()
    assert [(p.name, p.index, p.control_plane, p.tainted) for p in plan] == [
        ("pykubectl-control-plane", 0, True, True), ("pykubectl-worker", 1, False, False),
        ("pykubectl-worker2", 2, False, False)]
    # a config that spells out the default cluster's nodes plans the same nodes
    shape = clusterconfig.parse({"kind": "Cluster", "apiVersion": clusterconfig.API_VERSION,
                                 "nodes": [{"role": "control-plane"}, {"role": "worker", "pykubectl": {"count": 2}}]})
    assert [(p.name, p.index, p.tainted) for p in shape.plan()] == [(p.name, p.index, p.tainted) for p in plan]


def test_the_reference_clusters_shape(run: Runner) -> None:
    """fixtures/clusters/k8s-reference.yaml: the cluster the scenario recordings were made on (their README): nodes
    node-1..3, workers only, 8Gi, zone-N, its node strings; no default StorageClass, ingress controller or metrics
    server (the scenario replays shape their cluster with it)."""
    r = run(f"cluster create --config {FIXTURES / 'k8s-reference.yaml'}")
    assert (r.code, r.err) == (0, ""), r.err
    nodes = _nodes(run)
    assert sorted(nodes) == ["node-1", "node-2", "node-3"]
    for i, (name, n) in enumerate(sorted(nodes.items()), 1):
        labels = n["metadata"]["labels"]
        assert labels["topology.kubernetes.io/zone"] == f"zone-{i}" and labels["kubernetes.io/hostname"] == name
        assert not any(k.startswith("node-role.kubernetes.io/") for k in labels) and "taints" not in n["spec"]
        assert {k: n["status"]["capacity"][k] for k in ("cpu", "memory", "pods", "ephemeral-storage")} == \
            {"cpu": "4", "memory": "8Gi", "pods": "110", "ephemeral-storage": "100Gi"}
        info = n["status"]["nodeInfo"]
        assert (info["osImage"], info["kernelVersion"], info["containerRuntimeVersion"], info["kubeletVersion"]) == \
            ("Debian GNU/Linux 12 (bookworm)", "6.18.44-fc-v1300", "containerd://1.7.24", "v1.32.6")
    assert run("get storageclass").err == "No resources found\n"
    assert (run("top nodes").code, run("top pods").err) == (1, "error: Metrics API not available\n")
    pvc = (
        "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data}\nspec:\n  accessModes: [ReadWriteOnce]\n"
        "  resources: {requests: {storage: 1Gi}}\n")
    assert run("apply -f -", stdin=pvc).code == 0
    assert run("get pvc data -o jsonpath={.status.phase}").out == "Pending"
    assert run("create ingress web --rule=web.example.com/=web:80").code == 0
    assert run("get ingress web -o jsonpath={.status.loadBalancer}").out == "{}"


def test_the_default_cluster_runs_every_part(run: Runner, tmp_path: Path) -> None:
    # A config that leaves nothing out keeps kind's StorageClass, the ingress controller and the metrics server.
    assert run(f"cluster create --config {_config(tmp_path, 'nodes: [{role: control-plane}, {role: worker}]')}").code == 0
    assert run("get storageclass -o name").out == "storageclass.storage.k8s.io/standard\n"
    assert run("top nodes").code == 0
    assert run("create ingress web --rule=web.example.com/=web:80").code == 0
    assert run("get ingress web -o jsonpath={.status.loadBalancer.ingress[0].ip}").out != ""
