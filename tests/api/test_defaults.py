"""Server-side defaults on create, as `kubectl get -o yaml` shows them on a v1.32 cluster."""

from pykubectl.api.defaults import (apply_defaults, job_defaults, job_labels_from_template, pod_admission,
                                    pod_spec_defaults, service_allocate)


def _containers(image: str = "nginx:1.27") -> list:
    return [{"name": "c", "image": image, "ports": [{"containerPort": 80}]}]


def test_deployment() -> None:
    d = {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "web"},
        "spec": {
            "selector": {"matchLabels": {"app": "web"}},
            "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": _containers()}},
        },
    }
    apply_defaults(d)
    spec = d["spec"]
    assert spec["replicas"] == 1
    assert spec["revisionHistoryLimit"] == 10
    assert spec["progressDeadlineSeconds"] == 600
    assert spec["strategy"] == {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}}
    assert spec["template"]["metadata"] == {"creationTimestamp": None, "labels": {"app": "web"}}
    pod = spec["template"]["spec"]
    assert pod["restartPolicy"] == "Always"
    assert pod["dnsPolicy"] == "ClusterFirst"
    assert pod["schedulerName"] == "default-scheduler"
    assert pod["securityContext"] == {}
    assert pod["terminationGracePeriodSeconds"] == 30
    assert "enableServiceLinks" not in pod  # only Pods get it
    c = pod["containers"][0]
    assert c["imagePullPolicy"] == "IfNotPresent"
    assert c["terminationMessagePath"] == "/dev/termination-log"
    assert c["terminationMessagePolicy"] == "File"
    assert c["resources"] == {}
    assert c["ports"] == [{"containerPort": 80, "protocol": "TCP"}]


def test_recreate_strategy_gets_no_rolling_update() -> None:
    d = {"apiVersion": "apps/v1", "kind": "Deployment", "spec": {"strategy": {"type": "Recreate"}, "template": {}}}
    apply_defaults(d)
    assert d["spec"]["strategy"] == {"type": "Recreate"}


def test_image_pull_policy() -> None:
    for image, policy in [
        ("nginx", "Always"),
        ("nginx:latest", "Always"),
        ("registry:5000/nginx", "Always"),
        ("registry:5000/nginx:1.0", "IfNotPresent"),
        ("nginx@sha256:abc", "IfNotPresent"),
    ]:
        spec = {"containers": [{"name": "c", "image": image}]}
        pod_spec_defaults(spec)
        assert spec["containers"][0]["imagePullPolicy"] == policy, image


def test_statefulset_daemonset() -> None:
    s = {"apiVersion": "apps/v1", "kind": "StatefulSet", "spec": {"template": {"spec": {"containers": _containers()}}}}
    apply_defaults(s)
    assert s["spec"]["podManagementPolicy"] == "OrderedReady"
    assert s["spec"]["updateStrategy"] == {"type": "RollingUpdate", "rollingUpdate": {"partition": 0}}
    assert s["spec"]["persistentVolumeClaimRetentionPolicy"] == {"whenDeleted": "Retain", "whenScaled": "Retain"}
    assert s["spec"]["revisionHistoryLimit"] == 10
    assert s["spec"]["replicas"] == 1
    ds = {"apiVersion": "apps/v1", "kind": "DaemonSet", "spec": {"template": {"spec": {"containers": _containers()}}}}
    apply_defaults(ds)
    assert ds["spec"]["updateStrategy"] == {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 0, "maxUnavailable": 1}}
    assert ds["spec"]["revisionHistoryLimit"] == 10


def test_job_and_generated_selector() -> None:
    j = {
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": {"name": "pi"},
        "spec": {"template": {"spec": {"containers": _containers(), "restartPolicy": "Never"}}},
    }
    apply_defaults(j)
    job_defaults(j, "uid-1")
    spec = j["spec"]
    assert (spec["backoffLimit"], spec["completions"], spec["parallelism"]) == (6, 1, 1)
    assert spec["completionMode"] == "NonIndexed"
    assert spec["suspend"] is False
    assert spec["podReplacementPolicy"] == "TerminatingOrFailed"
    assert spec["selector"] == {"matchLabels": {"batch.kubernetes.io/controller-uid": "uid-1"}}
    labels = {
        "batch.kubernetes.io/controller-uid": "uid-1",
        "batch.kubernetes.io/job-name": "pi",
        "controller-uid": "uid-1",
        "job-name": "pi",
    }
    assert spec["template"]["metadata"]["labels"] == labels
    # A template without labels of its own: the Job's labels stay empty through validation (recorded case 490)
    # and are the template's once the object is read back.
    assert "labels" not in j["metadata"]
    job_labels_from_template(j)
    assert j["metadata"]["labels"] == labels


def test_cronjob() -> None:
    cj = {
        "apiVersion": "batch/v1",
        "kind": "CronJob",
        "spec": {"schedule": "* * * * *", "jobTemplate": {"spec": {"template": {"spec": {"containers": _containers()}}}}},
    }
    apply_defaults(cj)
    spec = cj["spec"]
    assert (spec["concurrencyPolicy"], spec["suspend"]) == ("Allow", False)
    assert (spec["successfulJobsHistoryLimit"], spec["failedJobsHistoryLimit"]) == (3, 1)
    assert spec["jobTemplate"]["metadata"] == {"creationTimestamp": None}
    assert "backoffLimit" not in spec["jobTemplate"]["spec"]


def test_pod_with_admission() -> None:
    p = {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "p"},
        "spec": {"containers": [{"name": "c", "image": "nginx", "resources": {"limits": {"cpu": "0.5"}}}]},
    }
    apply_defaults(p)
    pod_admission(p, "x2x4k")
    spec = p["spec"]
    assert spec["enableServiceLinks"] is True
    assert spec["serviceAccountName"] == spec["serviceAccount"] == "default"
    assert spec["priority"] == 0
    assert spec["preemptionPolicy"] == "PreemptLowerPriority"
    assert spec["tolerations"][0] == {
        "effect": "NoExecute",
        "key": "node.kubernetes.io/not-ready",
        "operator": "Exists",
        "tolerationSeconds": 300,
    }
    assert spec["tolerations"][1]["key"] == "node.kubernetes.io/unreachable"
    c = spec["containers"][0]
    assert c["resources"] == {"limits": {"cpu": "500m"}, "requests": {"cpu": "500m"}}
    assert c["volumeMounts"] == [
        {"mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "name": "kube-api-access-x2x4k", "readOnly": True}
    ]
    assert spec["volumes"][0]["name"] == "kube-api-access-x2x4k"
    assert spec["volumes"][0]["projected"]["sources"][0] == {
        "serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}
    }
    assert p["status"] == {"phase": "Pending", "qosClass": "Burstable"}


def test_service() -> None:
    s = {"apiVersion": "v1", "kind": "Service", "spec": {"type": "NodePort", "ports": [{"port": 80}]}}
    apply_defaults(s)
    spec = s["spec"]
    assert spec["sessionAffinity"] == "None"
    assert spec["ports"] == [{"port": 80, "protocol": "TCP", "targetPort": 80}]
    assert spec["ipFamilies"] == ["IPv4"]
    assert spec["ipFamilyPolicy"] == "SingleStack"
    assert spec["internalTrafficPolicy"] == "Cluster"
    assert spec["externalTrafficPolicy"] == "Cluster"
    assert "allocateLoadBalancerNodePorts" not in spec
    ports = iter([30001])
    service_allocate(s, lambda: "10.96.0.10", lambda: next(ports))
    assert spec["clusterIP"] == "10.96.0.10" and spec["clusterIPs"] == ["10.96.0.10"]
    assert spec["ports"][0]["nodePort"] == 30001
    lb = {"apiVersion": "v1", "kind": "Service", "spec": {"type": "LoadBalancer", "ports": [{"port": 80}]}}
    apply_defaults(lb)
    assert lb["spec"]["allocateLoadBalancerNodePorts"] is True


def test_namespace_secret_pvc() -> None:
    ns = {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "dev"}}
    apply_defaults(ns)
    assert ns["metadata"]["labels"] == {"kubernetes.io/metadata.name": "dev"}
    assert ns["spec"] == {"finalizers": ["kubernetes"]}
    assert ns["status"] == {"phase": "Active"}
    sec = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"}}
    apply_defaults(sec)
    assert sec["type"] == "Opaque"
    pvc = {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "spec": {"resources": {"requests": {"storage": "1024Mi"}}}}
    apply_defaults(pvc)
    assert pvc["spec"]["volumeMode"] == "Filesystem"
    assert pvc["spec"]["resources"]["requests"]["storage"] == "1Gi"
    assert pvc["status"] == {"phase": "Pending"}


def test_hpa_v2() -> None:
    h = {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "spec": {"maxReplicas": 5}}
    apply_defaults(h)
    assert h["spec"]["minReplicas"] == 1
    assert h["spec"]["metrics"] == [
        {"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 80}}}
    ]
