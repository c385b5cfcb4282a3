"""cluster-info dump and its flags, as real kubectl 1.32 printed them through pykubectl serve (byte for byte but the
lists' resourceVersions): nodes, then per namespace events, replication controllers, services, daemon sets,
deployments, replica sets, pods and each pod's container logs; -A, --namespaces, -o, --output-directory, the printer
flags."""

from __future__ import annotations

import json
import os


def _kinds(text: str) -> list[str]:
    return [ln.split('"')[3] for ln in text.splitlines() if ln.startswith('    "kind": ')]


def test_dump_to_stdout(run) -> None:
    assert run(["run", "p", "--image=busybox", "--", "echo", "hello"]).code == 0
    res = run(["cluster-info", "dump"])
    assert res.code == 0 and res.out.startswith('{\n    "kind": "NodeList",\n    "apiVersion": "v1",\n')
    per_ns = ["EventList", "ReplicationControllerList", "ServiceList", "DaemonSetList", "DeploymentList",
              "ReplicaSetList", "PodList"]
    assert _kinds(res.out) == ["NodeList"] + per_ns * 2  # kube-system, then the current namespace
    assert res.out.endswith("==== START logs for container p of pod default/p ====\nhello\n"
                            "==== END logs for container p of pod default/p ====\n")
    assert '"images": []' not in res.out  # typed Nodes drop an empty images list


def test_dump_flags(run, tmp_path) -> None:
    assert run(["run", "p", "--image=busybox", "--", "echo", "hello"]).code == 0
    out = run(["cluster-info", "dump", "--namespaces", "default", "--template", "{{.kind}} "]).out
    assert out.startswith("NodeList EventList ReplicationControllerList ServiceList DaemonSetList DeploymentList "
                          "ReplicaSetList PodList ==== START logs for container p of pod default/p ====\n")
    yaml_out = run(["cluster-info", "dump", "-o", "yaml", "--namespaces", "default"]).out
    assert yaml_out.startswith("apiVersion: v1\nitems:\n") and yaml_out.count("\n---\n") == 7
    nss = json.loads(run(["get", "ns", "-o", "json"]).out)["items"]
    assert _kinds(run(["cluster-info", "dump", "-A"]).out).count("PodList") == len(nss)
    dest = tmp_path / "dump"
    res = run(["cluster-info", "dump", "--output-directory", str(dest), "--namespaces", "default"])
    assert (res.code, res.out) == (0, f"Cluster info dumped to {dest}\n")
    files = sorted(os.path.relpath(os.path.join(d, f), dest) for d, _, fs in os.walk(dest) for f in fs)
    assert files == ["default/daemonsets.json", "default/deployments.json", "default/events.json",
                     "default/p/logs.txt", "default/pods.json", "default/replicasets.json",
                     "default/replication-controllers.json", "default/services.json", "nodes.json"]
    res = run(["cluster-info", "dump", "--pod-running-timeout=x"])
    assert (res.code, res.err) == (1, 'error: invalid argument "x" for "--pod-running-timeout" flag: time: invalid '
                                      "duration \"x\"\nSee 'kubectl cluster-info dump --help' for usage.\n")
