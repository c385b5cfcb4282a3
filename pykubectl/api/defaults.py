"""What the v1.32 API server fills in on create, so ``get -o yaml`` after ``apply`` shows what a real cluster shows.

Three sources are folded together here, in the order the server runs them: the versioned defaulting functions
(pkg/apis/*/v1/defaults.go, run when the request body is decoded), the registry strategies' PrepareForCreate
(Namespace finalizers, Job selectors) and the admission plugins that always run on a default cluster
(ServiceAccount, DefaultTolerationSeconds, Priority). Pieces that need a uid, a random suffix or an allocator
(clusterIP, nodePort) are separate functions the store calls with those values.
"""

from __future__ import annotations

import marshal
from typing import Any, Callable

from pykubectl.api import quantity

Obj = dict[str, Any]

SERVICE_ACCOUNT_MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount"
_FILE_MODE_0644 = 420


def _d(parent: Obj, key: str) -> Obj:
    """The dict at ``parent[key]``, created if missing or null."""
    val = parent.get(key)
    if not isinstance(val, dict):
        val = {}
        parent[key] = val
    return val


def _image_tag(image: str) -> str:
    """The tag kubelet would pull: ``latest`` when neither a tag nor a digest is given."""
    if "@" in image:
        name, _, _digest = image.partition("@")
        last = name.rsplit("/", 1)[-1]
        return last.split(":", 1)[1] if ":" in last else ""
    last = image.rsplit("/", 1)[-1]
    if ":" in last:
        return last.split(":", 1)[1]
    return "latest" if image else ""


def _probe_defaults(probe: Any) -> None:
    if not isinstance(probe, dict):
        return
    probe.setdefault("timeoutSeconds", 1)
    probe.setdefault("periodSeconds", 10)
    probe.setdefault("successThreshold", 1)
    probe.setdefault("failureThreshold", 3)
    http = probe.get("httpGet")
    if isinstance(http, dict):
        http.setdefault("path", "/")
        http.setdefault("scheme", "HTTP")


def _lifecycle_defaults(lifecycle: Any) -> None:
    if not isinstance(lifecycle, dict):
        return
    for hook in ("postStart", "preStop"):
        http = (lifecycle.get(hook) or {}).get("httpGet") if isinstance(lifecycle.get(hook), dict) else None
        if isinstance(http, dict):
            http.setdefault("path", "/")
            http.setdefault("scheme", "HTTP")


def _canonical_resources(res: Obj) -> None:
    # Quantities are decoded and re-encoded by the server, so stored text is canonical ("0.5" -> "500m").
    for section in ("limits", "requests"):
        vals = res.get(section)
        if isinstance(vals, dict):
            for name, val in list(vals.items()):
                try:
                    vals[name] = quantity.canonicalize(val)
                except quantity.QuantityError:
                    pass  # validation (decode) reports it


def container_defaults(c: Obj, host_network: bool = False) -> None:
    if not c.get("imagePullPolicy"):
        c["imagePullPolicy"] = "Always" if _image_tag(str(c.get("image") or "")) == "latest" else "IfNotPresent"
    if not c.get("terminationMessagePath"):
        c["terminationMessagePath"] = "/dev/termination-log"
    if not c.get("terminationMessagePolicy"):
        c["terminationMessagePolicy"] = "File"
    # ResourceRequirements is a struct, never omitted: the server always writes "resources: {}".
    res = _d(c, "resources")
    _canonical_resources(res)
    for port in c.get("ports") or []:
        if isinstance(port, dict):
            if not port.get("protocol"):
                port["protocol"] = "TCP"
            if host_network and not port.get("hostPort") and port.get("containerPort"):
                port["hostPort"] = port["containerPort"]
    for env in c.get("env") or []:
        if isinstance(env, dict) and isinstance(env.get("valueFrom"), dict):
            ref = env["valueFrom"].get("fieldRef")
            if isinstance(ref, dict) and not ref.get("apiVersion"):
                ref["apiVersion"] = "v1"
    for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
        _probe_defaults(c.get(probe))
    _lifecycle_defaults(c.get("lifecycle"))


def _field_ref_items(items: Any) -> None:
    for item in items or []:
        if isinstance(item, dict) and isinstance(item.get("fieldRef"), dict):
            item["fieldRef"].setdefault("apiVersion", "v1")


def volume_defaults(v: Obj) -> None:
    sources = set(v) - {"name"}
    if not sources:
        v["emptyDir"] = {}
    for key in ("configMap", "secret", "downwardAPI", "projected"):
        src = v.get(key)
        if isinstance(src, dict) and src.get("defaultMode") is None:
            src["defaultMode"] = _FILE_MODE_0644
    if isinstance(v.get("downwardAPI"), dict):
        _field_ref_items(v["downwardAPI"].get("items"))
    if isinstance(v.get("projected"), dict):
        for src in v["projected"].get("sources") or []:
            if isinstance(src, dict):
                if isinstance(src.get("downwardAPI"), dict):
                    _field_ref_items(src["downwardAPI"].get("items"))
                if isinstance(src.get("serviceAccountToken"), dict):
                    src["serviceAccountToken"].setdefault("expirationSeconds", 3600)
    if isinstance(v.get("hostPath"), dict):
        v["hostPath"].setdefault("type", "")
    if isinstance(v.get("iscsi"), dict):
        v["iscsi"].setdefault("iscsiInterface", "default")
    if isinstance(v.get("rbd"), dict):
        v["rbd"].setdefault("pool", "rbd")
        v["rbd"].setdefault("user", "admin")
        v["rbd"].setdefault("keyring", "/etc/ceph/keyring")
    if isinstance(v.get("azureDisk"), dict):
        v["azureDisk"].setdefault("cachingMode", "ReadWrite")
        v["azureDisk"].setdefault("fsType", "ext4")
        v["azureDisk"].setdefault("readOnly", False)
        v["azureDisk"].setdefault("kind", "Shared")


def pod_spec_defaults(spec: Obj) -> None:
    """SetDefaults_PodSpec plus its containers and volumes: shared by Pods and every pod template."""
    if not spec.get("dnsPolicy"):
        spec["dnsPolicy"] = "ClusterFirst"
    if not spec.get("restartPolicy"):
        spec["restartPolicy"] = "Always"
    if not isinstance(spec.get("securityContext"), dict):
        spec["securityContext"] = {}
    if spec.get("terminationGracePeriodSeconds") is None:
        spec["terminationGracePeriodSeconds"] = 30
    if not spec.get("schedulerName"):
        spec["schedulerName"] = "default-scheduler"
    host_network = bool(spec.get("hostNetwork"))
    for group in ("initContainers", "containers", "ephemeralContainers"):
        for c in spec.get(group) or []:
            if isinstance(c, dict):
                container_defaults(c, host_network)
    for v in spec.get("volumes") or []:
        if isinstance(v, dict):
            volume_defaults(v)


def _template_defaults(template: Any) -> None:
    if not isinstance(template, dict):
        return
    meta = _d(template, "metadata")
    # v1.32 encodes the zero metav1.Time of an embedded ObjectMeta as an explicit null.
    meta.setdefault("creationTimestamp", None)
    pod_spec_defaults(_d(template, "spec"))


def _pod_defaults(obj: Obj) -> None:
    spec = _d(obj, "spec")
    pod_spec_defaults(spec)
    # SetDefaults_Pod: requests default to limits, on Pods only (templates keep what the user wrote).
    for group in ("initContainers", "containers"):
        for c in spec.get(group) or []:
            if not isinstance(c, dict):
                continue
            res = _d(c, "resources")
            limits = res.get("limits")
            if isinstance(limits, dict) and limits:
                requests = res.get("requests") if isinstance(res.get("requests"), dict) else {}
                for name, val in limits.items():
                    requests.setdefault(name, val)
                res["requests"] = requests
    if spec.get("enableServiceLinks") is None:
        spec["enableServiceLinks"] = True
    # Admission: Priority (no PriorityClass in a fresh cluster) and DefaultTolerationSeconds.
    if spec.get("priority") is None and not spec.get("priorityClassName"):
        spec["priority"] = 0
    if not spec.get("preemptionPolicy"):
        spec["preemptionPolicy"] = "PreemptLowerPriority"
    tolerations = spec.get("tolerations") or []
    for key in ("node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"):
        if not any(_tolerates(t, key) for t in tolerations if isinstance(t, dict)):
            tolerations.append(
                {"effect": "NoExecute", "key": key, "operator": "Exists", "tolerationSeconds": 300}
            )
    spec["tolerations"] = tolerations
    sa = spec.get("serviceAccountName") or spec.get("serviceAccount") or "default"
    spec["serviceAccountName"] = sa
    spec["serviceAccount"] = sa
    # Pod PrepareForCreate discards any status sent by the client.
    obj["status"] = {"phase": "Pending", "qosClass": qos_class(spec)}


def _tolerates(t: Obj, key: str) -> bool:
    if t.get("effect") not in (None, "", "NoExecute"):
        return False
    if not t.get("key"):
        return t.get("operator") == "Exists"
    return t.get("key") == key


def qos_class(spec: Obj) -> str:
    """BestEffort / Guaranteed / Burstable, as the server computes status.qosClass on create (GetPodQOS)."""
    requests: dict[str, Any] = {}
    limits: dict[str, Any] = {}
    guaranteed = True
    for group in ("initContainers", "containers"):
        for c in spec.get(group) or []:
            if not isinstance(c, dict):
                continue
            res = c.get("resources") or {}
            for name, val in (res.get("requests") or {}).items():
                if name in ("cpu", "memory") and _q(val) != 0:
                    requests[name] = requests.get(name, 0) + _q(val)
            found = set()
            for name, val in (res.get("limits") or {}).items():
                if name in ("cpu", "memory") and _q(val) != 0:
                    found.add(name)
                    limits[name] = limits.get(name, 0) + _q(val)
            if found != {"cpu", "memory"}:
                guaranteed = False
    if not requests and not limits:
        return "BestEffort"
    if guaranteed and all(limits.get(k) == v for k, v in requests.items()) and len(requests) == len(limits):
        return "Guaranteed"
    return "Burstable"


def _q(v: Any) -> Any:
    try:
        return quantity.parse_quantity(v)
    except quantity.QuantityError:
        return v


def pod_admission(obj: Obj, token_volume_suffix: str, service_account_automount: bool = True) -> str | None:
    """ServiceAccount admission: the service account and the projected token volume mounted in each container.

    ``token_volume_suffix`` is the random 5-character suffix of ``kube-api-access-xxxxx``. Returns the name of the
    volume added (appended to ``spec.volumes``, and its mount to each container's ``volumeMounts``), or None.
    """
    spec = _d(obj, "spec")
    sa = spec.get("serviceAccountName") or spec.get("serviceAccount") or "default"
    spec["serviceAccountName"] = sa
    spec["serviceAccount"] = sa
    automount = spec.get("automountServiceAccountToken")
    if automount is False or (automount is None and not service_account_automount):
        return None
    # (Plain loops: this runs for every pod a controller creates.)
    containers = []
    for g in ("initContainers", "containers"):
        for c in spec.get(g) or []:
            if isinstance(c, dict):
                containers.append(c)
    for c in containers:
        for m in c.get("volumeMounts") or []:
            if isinstance(m, dict) and m.get("mountPath") == SERVICE_ACCOUNT_MOUNT_PATH:
                return None
    name = f"kube-api-access-{token_volume_suffix}"
    spec.setdefault("volumes", []).append(
        {
            "name": name,
            "projected": {
                "defaultMode": _FILE_MODE_0644,
                "sources": [
                    {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                    {"configMap": {"items": [{"key": "ca.crt", "path": "ca.crt"}], "name": "kube-root-ca.crt"}},
                    {
                        "downwardAPI": {
                            "items": [
                                {
                                    "fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"},
                                    "path": "namespace",
                                }
                            ]
                        }
                    },
                ],
            },
        }
    )
    for c in containers:
        c.setdefault("volumeMounts", []).append(
            {"mountPath": SERVICE_ACCOUNT_MOUNT_PATH, "name": name, "readOnly": True}
        )
    return name


def _deployment(obj: Obj) -> None:
    spec = _d(obj, "spec")
    spec.setdefault("replicas", 1)
    strategy = _d(spec, "strategy")
    if not strategy.get("type"):
        strategy["type"] = "RollingUpdate"
    if strategy["type"] == "RollingUpdate":
        ru = _d(strategy, "rollingUpdate")
        ru.setdefault("maxUnavailable", "25%")
        ru.setdefault("maxSurge", "25%")
    if spec.get("revisionHistoryLimit") is None:
        spec["revisionHistoryLimit"] = 10
    if spec.get("progressDeadlineSeconds") is None:
        spec["progressDeadlineSeconds"] = 600
    _template_defaults(spec.get("template"))


def _replicaset(obj: Obj) -> None:
    spec = _d(obj, "spec")
    spec.setdefault("replicas", 1)
    _template_defaults(spec.get("template"))


def _replication_controller(obj: Obj) -> None:
    spec = _d(obj, "spec")
    template = spec.get("template")
    # SetDefaults_ReplicationController: an absent selector and labels come from the template's labels.
    tlabels = ((template or {}).get("metadata") or {}).get("labels") if isinstance(template, dict) else None
    if tlabels:
        if not spec.get("selector"):
            spec["selector"] = dict(tlabels)
        meta = _d(obj, "metadata")
        if not meta.get("labels"):
            meta["labels"] = dict(tlabels)
    spec.setdefault("replicas", 1)
    _template_defaults(template)


def _statefulset(obj: Obj) -> None:
    spec = _d(obj, "spec")
    if not spec.get("podManagementPolicy"):
        spec["podManagementPolicy"] = "OrderedReady"
    strategy = _d(spec, "updateStrategy")
    if not strategy.get("type"):
        strategy["type"] = "RollingUpdate"
    if strategy["type"] == "RollingUpdate":
        _d(strategy, "rollingUpdate").setdefault("partition", 0)
    policy = _d(spec, "persistentVolumeClaimRetentionPolicy")
    if not policy.get("whenDeleted"):
        policy["whenDeleted"] = "Retain"
    if not policy.get("whenScaled"):
        policy["whenScaled"] = "Retain"
    spec.setdefault("replicas", 1)
    if spec.get("revisionHistoryLimit") is None:
        spec["revisionHistoryLimit"] = 10
    _template_defaults(spec.get("template"))
    for pvc in spec.get("volumeClaimTemplates") or []:
        if isinstance(pvc, dict):
            pvc.setdefault("apiVersion", "v1")
            pvc.setdefault("kind", "PersistentVolumeClaim")
            _d(pvc, "metadata").setdefault("creationTimestamp", None)
            _pvc(pvc)


def _daemonset(obj: Obj) -> None:
    spec = _d(obj, "spec")
    strategy = _d(spec, "updateStrategy")
    if not strategy.get("type"):
        strategy["type"] = "RollingUpdate"
    if strategy["type"] == "RollingUpdate":
        ru = _d(strategy, "rollingUpdate")
        ru.setdefault("maxUnavailable", 1)
        ru.setdefault("maxSurge", 0)
    if spec.get("revisionHistoryLimit") is None:
        spec["revisionHistoryLimit"] = 10
    _template_defaults(spec.get("template"))


def _job_spec_defaults(obj: Obj) -> None:
    spec = _d(obj, "spec")
    if spec.get("completions") is None and spec.get("parallelism") is None:
        spec["completions"] = 1
        spec["parallelism"] = 1
    if spec.get("parallelism") is None:
        spec["parallelism"] = 1
    if spec.get("backoffLimit") is None:
        spec["backoffLimit"] = 2147483647 if spec.get("backoffLimitPerIndex") is not None else 6
    if not spec.get("completionMode"):
        spec["completionMode"] = "NonIndexed"
    if spec.get("suspend") is None:
        spec["suspend"] = False
    pfp = spec.get("podFailurePolicy")
    if isinstance(pfp, dict):
        for rule in pfp.get("rules") or []:
            for pattern in (rule or {}).get("onPodConditions") or []:
                if isinstance(pattern, dict) and not pattern.get("status"):
                    pattern["status"] = "True"
    if not spec.get("podReplacementPolicy"):
        spec["podReplacementPolicy"] = "Failed" if isinstance(pfp, dict) else "TerminatingOrFailed"
    if spec.get("manualSelector") is None:
        spec["manualSelector"] = False
    _template_defaults(spec.get("template"))


def _job(obj: Obj) -> None:
    _job_spec_defaults(obj)
    template = _d(_d(obj, "spec"), "template")
    tlabels = _d(template, "metadata").get("labels")
    meta = _d(obj, "metadata")
    if tlabels and not meta.get("labels"):
        meta["labels"] = dict(tlabels)


def job_defaults(obj: Obj, uid: str) -> None:
    """Job PrepareForCreate: the generated selector and pod labels that need the Job's uid."""
    spec = _d(obj, "spec")
    if spec.get("manualSelector"):
        return
    template = _d(spec, "template")
    tmeta = _d(template, "metadata")
    labels = tmeta.get("labels")
    meta = _d(obj, "metadata")
    # Job labels copied from the template end up with the generated ones too: in Go the defaulter made them the
    # template's own map. A template without labels gets a new map here, so the Job's labels stay empty through
    # validation and are copied only when the object is defaulted again on its way out of storage
    # (job_labels_from_template, after validation).
    follows_template = isinstance(labels, dict) and (not meta.get("labels") or meta.get("labels") == labels)
    if not isinstance(labels, dict):
        labels = {}
        tmeta["labels"] = labels
    name = str((obj.get("metadata") or {}).get("name") or "")
    labels["controller-uid"] = uid
    labels["batch.kubernetes.io/controller-uid"] = uid
    labels["job-name"] = name
    labels["batch.kubernetes.io/job-name"] = name
    spec["selector"] = {"matchLabels": {"batch.kubernetes.io/controller-uid": uid}}
    if follows_template:
        meta["labels"] = dict(labels)


def job_labels_from_template(obj: Obj) -> None:
    """SetDefaults_Job as it runs on the object read back from storage (a dry run's answer too): a Job still
    without labels takes its pod template's, the generated ones included."""
    meta = _d(obj, "metadata")
    tlabels = _d(_d(_d(obj, "spec"), "template"), "metadata").get("labels")
    if isinstance(tlabels, dict) and tlabels and not meta.get("labels"):
        meta["labels"] = dict(tlabels)


def _cronjob(obj: Obj) -> None:
    spec = _d(obj, "spec")
    if not spec.get("concurrencyPolicy"):
        spec["concurrencyPolicy"] = "Allow"
    if spec.get("suspend") is None:
        spec["suspend"] = False
    if spec.get("successfulJobsHistoryLimit") is None:
        spec["successfulJobsHistoryLimit"] = 3
    if spec.get("failedJobsHistoryLimit") is None:
        spec["failedJobsHistoryLimit"] = 1
    jt = _d(spec, "jobTemplate")
    _d(jt, "metadata").setdefault("creationTimestamp", None)
    # The Job defaulters do not run on a JobTemplateSpec: only the pod template inside gets defaults.
    _template_defaults(_d(jt, "spec").get("template"))


def _service(obj: Obj) -> None:
    spec = _d(obj, "spec")
    if not spec.get("type"):
        spec["type"] = "ClusterIP"
    svc_type = spec["type"]
    if not spec.get("sessionAffinity"):
        spec["sessionAffinity"] = "None"
    if spec["sessionAffinity"] == "ClientIP":
        cfg = _d(spec, "sessionAffinityConfig")
        _d(cfg, "clientIP").setdefault("timeoutSeconds", 10800)
    for port in spec.get("ports") or []:
        if not isinstance(port, dict):
            continue
        if not port.get("protocol"):
            port["protocol"] = "TCP"
        if port.get("targetPort") in (None, 0, ""):
            port["targetPort"] = port.get("port")
    if svc_type in ("NodePort", "LoadBalancer") and not spec.get("externalTrafficPolicy"):
        spec["externalTrafficPolicy"] = "Cluster"
    if spec.get("internalTrafficPolicy") is None and svc_type in ("ClusterIP", "NodePort", "LoadBalancer"):
        spec["internalTrafficPolicy"] = "Cluster"
    if svc_type == "LoadBalancer" and spec.get("allocateLoadBalancerNodePorts") is None:
        spec["allocateLoadBalancerNodePorts"] = True
    if svc_type != "ExternalName":
        # The REST storage, not the defaulters, sets families; a single-stack IPv4 cluster always picks these.
        if not spec.get("ipFamilyPolicy"):
            spec["ipFamilyPolicy"] = "SingleStack"
        if not spec.get("ipFamilies"):
            spec["ipFamilies"] = ["IPv4"]
    _d(_d(obj, "status"), "loadBalancer")


def service_allocate(obj: Obj, cluster_ip: Callable[[], str], node_port: Callable[[], int]) -> None:
    """The store's hook for what Service REST allocates on create: clusterIP(s) and nodePorts."""
    spec = _d(obj, "spec")
    svc_type = spec.get("type")
    if svc_type == "ExternalName":
        return
    if not spec.get("clusterIP"):
        spec["clusterIP"] = cluster_ip()
    if not spec.get("clusterIPs"):
        spec["clusterIPs"] = [spec["clusterIP"]]
    needs_node_ports = svc_type == "NodePort" or (
        svc_type == "LoadBalancer" and spec.get("allocateLoadBalancerNodePorts", True)
    )
    if needs_node_ports:
        for port in spec.get("ports") or []:
            if isinstance(port, dict) and not port.get("nodePort"):
                port["nodePort"] = node_port()
    if svc_type == "LoadBalancer" and spec.get("externalTrafficPolicy") == "Local" and not spec.get(
        "healthCheckNodePort"
    ):
        spec["healthCheckNodePort"] = node_port()


def _secret(obj: Obj) -> None:
    if not obj.get("type"):
        obj["type"] = "Opaque"


def _namespace(obj: Obj) -> None:
    meta = _d(obj, "metadata")
    name = meta.get("name")
    if name:
        _d(meta, "labels")["kubernetes.io/metadata.name"] = name
    spec = _d(obj, "spec")
    # Namespace PrepareForCreate adds the "kubernetes" finalizer to those sent.
    finalizers = spec.get("finalizers") if isinstance(spec.get("finalizers"), list) else []
    if "kubernetes" not in finalizers:
        finalizers = [*finalizers, "kubernetes"]
    spec["finalizers"] = finalizers
    status = _d(obj, "status")
    if not status.get("phase"):
        status["phase"] = "Active"


def _pvc(obj: Obj) -> None:
    spec = _d(obj, "spec")
    if not spec.get("volumeMode"):
        spec["volumeMode"] = "Filesystem"
    # EnsureDataSourceConsistency: each of dataSource / dataSourceRef given alone fills in the other.
    ds, dsr = spec.get("dataSource"), spec.get("dataSourceRef")
    if isinstance(ds, dict) and dsr is None:
        spec["dataSourceRef"] = {k: ds[k] for k in ("apiGroup", "kind", "name") if k in ds}
    elif isinstance(dsr, dict) and ds is None and not dsr.get("namespace"):
        spec["dataSource"] = {k: dsr[k] for k in ("apiGroup", "kind", "name") if k in dsr}
    _canonical_resources(_d(spec, "resources"))
    status = _d(obj, "status")
    if not status.get("phase"):
        status["phase"] = "Pending"


def _pv(obj: Obj) -> None:
    spec = _d(obj, "spec")
    if not spec.get("persistentVolumeReclaimPolicy"):
        spec["persistentVolumeReclaimPolicy"] = "Retain"
    if not spec.get("volumeMode"):
        spec["volumeMode"] = "Filesystem"
    cap = spec.get("capacity")
    if isinstance(cap, dict):
        for k, v in list(cap.items()):
            try:
                cap[k] = quantity.canonicalize(v)
            except quantity.QuantityError:
                pass
    if isinstance(spec.get("hostPath"), dict):
        spec["hostPath"].setdefault("type", "")
    status = _d(obj, "status")
    if not status.get("phase"):
        status["phase"] = "Pending"


def _hpa(obj: Obj) -> None:
    import copy  # here, not at import: only HPAs need it

    spec = _d(obj, "spec")
    if obj.get("apiVersion") == "autoscaling/v1":
        # The API server stores HPAs as autoscaling/v2 (and `get` returns that version): the v1 CPU target
        # becomes a Resource metric, as the conversion does; none means the default 80% (added below).
        obj["apiVersion"] = "autoscaling/v2"
        cpu = spec.pop("targetCPUUtilizationPercentage", None)
        if cpu is not None:
            spec["metrics"] = [{"type": "Resource", "resource": {"name": "cpu", "target": {
                "type": "Utilization", "averageUtilization": cpu}}}]
    if spec.get("minReplicas") is None:
        spec["minReplicas"] = 1
    if not spec.get("metrics") and obj.get("apiVersion") == "autoscaling/v2":
        spec["metrics"] = [
            {"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 80}}}
        ]
    behavior = spec.get("behavior")
    if isinstance(behavior, dict):
        up_default = {
            "stabilizationWindowSeconds": 0,
            "selectPolicy": "Max",
            "policies": [
                {"type": "Pods", "value": 4, "periodSeconds": 15},
                {"type": "Percent", "value": 100, "periodSeconds": 15},
            ],
        }
        down_default = {"selectPolicy": "Max", "policies": [{"type": "Percent", "value": 100, "periodSeconds": 15}]}
        for key, default in (("scaleUp", up_default), ("scaleDown", down_default)):
            rules = behavior.get(key)
            if not isinstance(rules, dict):
                behavior[key] = copy.deepcopy(default)
                continue
            for field, val in default.items():
                if rules.get(field) is None:
                    rules[field] = copy.deepcopy(val)


def _ingress(obj: Obj) -> None:
    for rule in _d(obj, "spec").get("rules") or []:
        for path in ((rule or {}).get("http") or {}).get("paths") or []:
            if isinstance(path, dict) and not path.get("pathType"):
                # networking/v1 requires pathType; nothing to default, validation reports it.
                pass
    _d(_d(obj, "status"), "loadBalancer")


def _webhooks(mutating: bool) -> Callable[[Obj], None]:
    """admissionregistration/v1 defaults of each webhook (SetDefaults_ValidatingWebhook / _MutatingWebhook, _Rule,
    _ServiceReference)."""
    def apply(obj: Obj) -> None:
        for hook in obj.get("webhooks") or []:
            if not isinstance(hook, dict):
                continue
            hook.setdefault("failurePolicy", "Fail")
            hook.setdefault("matchPolicy", "Equivalent")
            hook.setdefault("namespaceSelector", {})
            hook.setdefault("objectSelector", {})
            hook.setdefault("timeoutSeconds", 10)
            if mutating:
                hook.setdefault("reinvocationPolicy", "Never")
            for rule in hook.get("rules") or []:
                if isinstance(rule, dict):
                    rule.setdefault("scope", "*")
            service = (hook.get("clientConfig") or {}).get("service") if isinstance(hook.get("clientConfig"), dict) \
                else None
            if isinstance(service, dict):
                service.setdefault("port", 443)
    return apply


def _ingress_class(obj: Obj) -> None:
    params = (obj.get("spec") or {}).get("parameters")
    if isinstance(params, dict) and params.get("scope") is None:
        params["scope"] = "Cluster"  # SetDefaults_IngressClass


def _endpoints(obj: Obj) -> None:
    for subset in obj.get("subsets") or []:
        for port in (subset or {}).get("ports") or []:
            if isinstance(port, dict) and not port.get("protocol"):
                port["protocol"] = "TCP"


def _pod_template(obj: Obj) -> None:
    _template_defaults(obj.get("template"))


def _limit_range(obj: Obj) -> None:
    for item in _d(obj, "spec").get("limits") or []:
        if not isinstance(item, dict) or item.get("type") != "Container":
            continue
        # A max without a default makes the max the default; a default without a request makes it the request.
        default = item.get("default") or {}
        for k, v in (item.get("max") or {}).items():
            default.setdefault(k, v)
        if default:
            item["default"] = default
        request = item.get("defaultRequest") or {}
        for k, v in default.items():
            request.setdefault(k, v)
        for k, v in (item.get("min") or {}).items():
            request.setdefault(k, v)
        if request:
            item["defaultRequest"] = request


def _storage_class(obj: Obj) -> None:
    obj.setdefault("reclaimPolicy", "Delete")
    obj.setdefault("volumeBindingMode", "Immediate")


def _csi_driver(obj: Obj) -> None:
    spec = obj.get("spec")
    if not isinstance(spec, dict):
        return
    spec.setdefault("attachRequired", True)
    spec.setdefault("podInfoOnMount", False)
    spec.setdefault("storageCapacity", False)
    spec.setdefault("fsGroupPolicy", "ReadWriteOnceWithFSType")
    spec.setdefault("requiresRepublish", False)
    spec.setdefault("volumeLifecycleModes", ["Persistent"])


def _endpoint_slice(obj: Obj) -> None:
    for port in obj.get("ports") or []:
        if isinstance(port, dict):
            port.setdefault("name", "")
            port.setdefault("protocol", "TCP")


def _role_binding(obj: Obj) -> None:
    for s in obj.get("subjects") or []:
        if isinstance(s, dict) and s.get("kind") in ("User", "Group") and not s.get("apiGroup"):
            s["apiGroup"] = "rbac.authorization.k8s.io"


def _priority_class(obj: Obj) -> None:
    obj.setdefault("preemptionPolicy", "PreemptLowerPriority")


_BY_KIND: dict[tuple[str, str], Callable[[Obj], None]] = {
    ("apps", "Deployment"): _deployment,
    ("apps", "ReplicaSet"): _replicaset,
    ("apps", "StatefulSet"): _statefulset,
    ("apps", "DaemonSet"): _daemonset,
    ("batch", "Job"): _job,
    ("batch", "CronJob"): _cronjob,
    ("", "Pod"): _pod_defaults,
    ("", "PodTemplate"): _pod_template,
    ("", "ReplicationController"): _replication_controller,
    ("", "Service"): _service,
    ("", "Secret"): _secret,
    ("", "Namespace"): _namespace,
    ("", "PersistentVolumeClaim"): _pvc,
    ("", "PersistentVolume"): _pv,
    ("", "Endpoints"): _endpoints,
    ("", "LimitRange"): _limit_range,
    ("autoscaling", "HorizontalPodAutoscaler"): _hpa,
    ("networking.k8s.io", "Ingress"): _ingress,
    ("networking.k8s.io", "IngressClass"): _ingress_class,
    ("admissionregistration.k8s.io", "ValidatingWebhookConfiguration"): _webhooks(False),
    ("admissionregistration.k8s.io", "MutatingWebhookConfiguration"): _webhooks(True),
    ("storage.k8s.io", "StorageClass"): _storage_class,
    ("storage.k8s.io", "CSIDriver"): _csi_driver,
    ("discovery.k8s.io", "EndpointSlice"): _endpoint_slice,
    ("rbac.authorization.k8s.io", "RoleBinding"): _role_binding,
    ("rbac.authorization.k8s.io", "ClusterRoleBinding"): _role_binding,
    ("scheduling.k8s.io", "PriorityClass"): _priority_class,
}


def apply_defaults(obj: Obj) -> None:
    """Fill in, in place, what the API server defaults on create for this object's kind.

    Pods additionally need ``pod_admission`` (token volume suffix), Jobs ``job_defaults`` (uid) and Services
    ``service_allocate`` (clusterIP / nodePort allocators); the store calls those with its own values.
    """
    group = str(obj.get("apiVersion") or "").rpartition("/")[0]
    fn = _BY_KIND.get((group, str(obj.get("kind") or "")))
    if fn is not None:
        fn(obj)


# ---- memoized Pod defaulting (the API server path: controllers create many pods of one template) ----------------

_POD_MEMO: dict[bytes, tuple[bytes, str]] = {}
_MEMO_MAX = 256


def apply_pod_defaults(obj: Obj) -> bytes | None:
    """``apply_defaults`` for a Pod (``apiVersion: v1``), remembering the result by the spec's full content.

    Pod defaulting is a pure function of ``spec`` (it also sets ``status``), so the defaulted spec of a spec seen
    before is rebuilt from its marshal image instead of being recomputed. ``marshal`` is an exact key: it
    distinguishes every built-in type (list/tuple, int/bool/float, str keys) and keeps key order and the sharing of
    objects inside the spec, so equal images mean equal inputs; values it cannot encode fall back to the plain path.
    The spec dict stays the same object (filled in place); the objects in it are new on a hit.

    Returns the marshal image of the defaulted spec (an exact key for its content), or None when not memoized.
    """
    spec = obj.get("spec")
    if type(spec) is not dict:
        _pod_defaults(obj)
        return None
    try:
        key = marshal.dumps(spec)
    except ValueError:  # a type marshal does not encode exactly (subclasses, objects): no memo
        _pod_defaults(obj)
        return None
    hit = _POD_MEMO.get(key)
    if hit is not None:
        out, qos = hit
        spec.clear()
        spec.update(marshal.loads(out))
        obj["status"] = {"phase": "Pending", "qosClass": qos}
        return out
    _pod_defaults(obj)
    try:
        out = marshal.dumps(spec)
    except ValueError:
        return None
    if len(_POD_MEMO) >= _MEMO_MAX:
        _POD_MEMO.clear()
    _POD_MEMO[key] = (out, obj["status"]["qosClass"])
    return out
