"""Objects as kubectl prints them after decoding them into its typed Go structs (the set commands, the create
generators' `--dry-run=client -o json`): fields in the structs' order, and the parts a typed object always carries
that an unstructured one does not — `creationTimestamp: null` (a zero metav1.Time), `{}` for struct fields that are
values rather than pointers (`strategy`, `resources`, `status`), `0` for a zero IntOrString (`targetPort`).

STRUCTS lists, per Go struct of k8s.io/api v1.32, its JSON fields in declaration order with the struct each field
holds: ``"X"`` a pointer or omitted-when-empty value of struct X, ``"=X"`` a value struct X printed even when empty,
``"[]X"`` a list of X, ``"time"`` a metav1.Time (null when zero), ``"intstr"`` an IntOrString value (0 when zero),
``""`` anything else. Fields the table does not name keep their place after the known ones."""

from __future__ import annotations

from typing import Any

STRUCTS: dict[str, tuple[tuple[str, str], ...]] = {
    "ObjectMeta": (("name", ""), ("generateName", ""), ("namespace", ""), ("selfLink", ""), ("uid", ""),
                   ("resourceVersion", ""), ("generation", ""), ("creationTimestamp", "time"),
                   ("deletionTimestamp", ""), ("deletionGracePeriodSeconds", ""), ("labels", ""), ("annotations", ""),
                   ("ownerReferences", ""), ("finalizers", ""), ("managedFields", "")),
    "LabelSelector": (("matchLabels", ""), ("matchExpressions", "[]LabelSelectorRequirement")),
    "LabelSelectorRequirement": (("key", ""), ("operator", ""), ("values", "")),
    "PodTemplateSpec": (("metadata", "=ObjectMeta"), ("spec", "=PodSpec")),
    "PodSpec": (("volumes", ""), ("initContainers", "[]Container"), ("containers", "[]Container"),
                ("ephemeralContainers", ""), ("restartPolicy", ""), ("terminationGracePeriodSeconds", ""),
                ("activeDeadlineSeconds", ""), ("dnsPolicy", ""), ("nodeSelector", ""), ("serviceAccountName", ""),
                ("serviceAccount", ""), ("automountServiceAccountToken", ""), ("nodeName", ""), ("hostNetwork", ""),
                ("hostPID", ""), ("hostIPC", ""), ("shareProcessNamespace", ""), ("securityContext", ""),
                ("imagePullSecrets", ""), ("hostname", ""), ("subdomain", ""), ("affinity", ""),
                ("schedulerName", ""), ("tolerations", ""), ("hostAliases", ""), ("priorityClassName", ""),
                ("priority", ""), ("dnsConfig", ""), ("readinessGates", ""), ("runtimeClassName", ""),
                ("enableServiceLinks", ""), ("preemptionPolicy", ""), ("overhead", ""),
                ("topologySpreadConstraints", ""), ("setHostnameAsFQDN", ""), ("os", ""), ("hostUsers", ""),
                ("schedulingGates", ""), ("resourceClaims", ""), ("resources", "")),
    "Container": (("name", ""), ("image", ""), ("command", ""), ("args", ""), ("workingDir", ""),
                  ("ports", "[]ContainerPort"), ("envFrom", "[]EnvFromSource"), ("env", "[]EnvVar"),
                  ("resources", "=ResourceRequirements"), ("resizePolicy", ""), ("restartPolicy", ""),
                  ("volumeMounts", ""), ("volumeDevices", ""), ("livenessProbe", ""), ("readinessProbe", ""),
                  ("startupProbe", ""), ("lifecycle", ""), ("terminationMessagePath", ""),
                  ("terminationMessagePolicy", ""), ("imagePullPolicy", ""), ("securityContext", ""), ("stdin", ""),
                  ("stdinOnce", ""), ("tty", "")),
    "ContainerPort": (("name", ""), ("hostPort", ""), ("containerPort", ""), ("protocol", ""), ("hostIP", "")),
    "EnvFromSource": (("prefix", ""), ("configMapRef", "Optional"), ("secretRef", "Optional")),
    "EnvVar": (("name", ""), ("value", ""), ("valueFrom", "EnvVarSource")),
    "EnvVarSource": (("fieldRef", ""), ("resourceFieldRef", ""), ("configMapKeyRef", "KeySelector"),
                     ("secretKeyRef", "KeySelector")),
    "KeySelector": (("name", ""), ("key", ""), ("optional", "")),
    "Optional": (("name", ""), ("optional", "")),
    "ResourceRequirements": (("limits", ""), ("requests", ""), ("claims", "")),
    "Deployment": (("kind", ""), ("apiVersion", ""), ("metadata", "=ObjectMeta"), ("spec", "=DeploymentSpec"),
                   ("status", "=Status")),
    "DeploymentSpec": (("replicas", ""), ("selector", "LabelSelector"), ("template", "=PodTemplateSpec"),
                       ("strategy", "=DeploymentStrategy"), ("minReadySeconds", ""), ("revisionHistoryLimit", ""),
                       ("paused", ""), ("progressDeadlineSeconds", "")),
    "DeploymentStrategy": (("type", ""), ("rollingUpdate", "RollingUpdate")),
    "RollingUpdate": (("maxUnavailable", ""), ("maxSurge", "")),
    "ReplicaSet": (("kind", ""), ("apiVersion", ""), ("metadata", "=ObjectMeta"), ("spec", "=ReplicaSetSpec"),
                   ("status", "=Status")),
    "ReplicaSetSpec": (("replicas", ""), ("minReadySeconds", ""), ("selector", "LabelSelector"),
                       ("template", "=PodTemplateSpec")),
    "ReplicationController": (("kind", ""), ("apiVersion", ""), ("metadata", "=ObjectMeta"),
                              ("spec", "=ReplicationControllerSpec"), ("status", "=Status")),
    "ReplicationControllerSpec": (("replicas", ""), ("minReadySeconds", ""), ("selector", ""),
                                  ("template", "PodTemplateSpec")),
    "StatefulSet": (("kind", ""), ("apiVersion", ""), ("metadata", "=ObjectMeta"), ("spec", "=StatefulSetSpec"),
                    ("status", "=Status")),
    "StatefulSetSpec": (("replicas", ""), ("selector", "LabelSelector"), ("template", "=PodTemplateSpec"),
                        ("volumeClaimTemplates", ""), ("serviceName", ""), ("podManagementPolicy", ""),
                        ("updateStrategy", "=UpdateStrategy"), ("revisionHistoryLimit", ""), ("minReadySeconds", ""),
                        ("persistentVolumeClaimRetentionPolicy", ""), ("ordinals", "")),
    "UpdateStrategy": (("type", ""), ("rollingUpdate", "")),
    "DaemonSet": (("kind", ""), ("apiVersion", ""), ("metadata", "=ObjectMeta"), ("spec", "=DaemonSetSpec"),
                  ("status", "=Status")),
    "DaemonSetSpec": (("selector", "LabelSelector"), ("template", "=PodTemplateSpec"),
                      ("updateStrategy", "=UpdateStrategy"), ("minReadySeconds", ""), ("revisionHistoryLimit", "")),
    "Job": (("kind", ""), ("apiVersion", ""), ("metadata", "=ObjectMeta"), ("spec", "=JobSpec"),
            ("status", "=Status")),
    "JobSpec": (("parallelism", ""), ("completions", ""), ("activeDeadlineSeconds", ""), ("podFailurePolicy", ""),
                ("successPolicy", ""), ("backoffLimit", ""), ("backoffLimitPerIndex", ""), ("maxFailedIndexes", ""),
                ("selector", "LabelSelector"), ("manualSelector", ""), ("template", "=PodTemplateSpec"),
                ("ttlSecondsAfterFinished", ""), ("completionMode", ""), ("suspend", ""),
                ("podReplacementPolicy", ""), ("managedBy", "")),
    "CronJob": (("kind", ""), ("apiVersion", ""), ("metadata", "=ObjectMeta"), ("spec", "=CronJobSpec"),
                ("status", "=Status")),
    "CronJobSpec": (("schedule", ""), ("timeZone", ""), ("startingDeadlineSeconds", ""), ("concurrencyPolicy", ""),
                    ("suspend", ""), ("jobTemplate", "=JobTemplateSpec"), ("successfulJobsHistoryLimit", ""),
                    ("failedJobsHistoryLimit", "")),
    "JobTemplateSpec": (("metadata", "=ObjectMeta"), ("spec", "=JobSpec")),
    "Pod": (("kind", ""), ("apiVersion", ""), ("metadata", "=ObjectMeta"), ("spec", "=PodSpec"),
            ("status", "=Status")),
    "Service": (("kind", ""), ("apiVersion", ""), ("metadata", "=ObjectMeta"), ("spec", "=ServiceSpec"),
                ("status", "=ServiceStatus")),
    "ServiceSpec": (("ports", "[]ServicePort"), ("selector", ""), ("clusterIP", ""), ("clusterIPs", ""),
                    ("type", ""), ("externalIPs", ""), ("sessionAffinity", ""), ("loadBalancerIP", ""),
                    ("loadBalancerSourceRanges", ""), ("externalName", ""), ("externalTrafficPolicy", ""),
                    ("healthCheckNodePort", ""), ("publishNotReadyAddresses", ""), ("sessionAffinityConfig", ""),
                    ("ipFamilies", ""), ("ipFamilyPolicy", ""), ("allocateLoadBalancerNodePorts", ""),
                    ("loadBalancerClass", ""), ("internalTrafficPolicy", ""), ("trafficDistribution", "")),
    "ServicePort": (("name", ""), ("protocol", ""), ("appProtocol", ""), ("port", ""), ("targetPort", "intstr"),
                    ("nodePort", "")),
    "ServiceStatus": (("loadBalancer", "=Status"), ("conditions", "")),
    "RoleBinding": (("kind", ""), ("apiVersion", ""), ("metadata", "=ObjectMeta"), ("subjects", "[]Subject"),
                    ("roleRef", "=RoleRef")),
    "Subject": (("kind", ""), ("apiGroup", ""), ("name", ""), ("namespace", "")),
    "RoleRef": (("apiGroup", ""), ("kind", ""), ("name", "")),
    # A status struct is kept as it came; absent, it prints as {}.
    "Status": (),
}

# (group, kind) -> its top-level struct.
KINDS = {("apps", "Deployment"): "Deployment", ("apps", "ReplicaSet"): "ReplicaSet",
         ("apps", "StatefulSet"): "StatefulSet", ("apps", "DaemonSet"): "DaemonSet", ("batch", "Job"): "Job",
         ("batch", "CronJob"): "CronJob", ("", "Pod"): "Pod", ("", "ReplicationController"): "ReplicationController",
         ("", "Service"): "Service", ("rbac.authorization.k8s.io", "RoleBinding"): "RoleBinding",
         ("rbac.authorization.k8s.io", "ClusterRoleBinding"): "RoleBinding"}


def ordered(d: dict, struct: str) -> dict:
    """d's keys in STRUCTS[struct]'s order (unknown keys after them, as they came); no values added."""
    fields = STRUCTS[struct]
    out = {k: d[k] for k, _ in fields if k in d}
    out.update({k: v for k, v in d.items() if k not in out})
    return out


def typed(obj: dict) -> dict:
    """obj as kubectl's typed decode and encode returns it; an object of a kind the table does not know is
    returned as it is."""
    from ..api import registry

    group = str(obj.get("apiVersion", "")).rpartition("/")[0]
    try:
        group = registry.by_api_version_kind(obj.get("apiVersion", ""), obj.get("kind", "")).group
    except Exception:  # noqa: BLE001 - an unknown kind is simply not typed here
        pass
    struct = KINDS.get((group, obj.get("kind", "")))
    return _struct(obj, struct) if struct else obj


def _struct(d: dict, struct: str) -> dict:
    fields = STRUCTS[struct]
    if not fields:
        return d
    out: dict = {}
    for name, typ in fields:
        value = d.get(name, _MISSING)
        if value is _MISSING:
            if typ == "time":
                out[name] = None
            elif typ.startswith("="):
                out[name] = _struct({}, typ[1:])
            elif typ == "intstr":
                out[name] = 0
            continue
        out[name] = _value(value, typ)
    out.update({k: v for k, v in d.items() if k not in out})
    return out


def _value(v: Any, typ: str) -> Any:
    if typ.startswith("[]") and isinstance(v, list):
        return [_struct(x, typ[2:]) if isinstance(x, dict) else x for x in v]
    name = typ.lstrip("=")
    if name in STRUCTS and isinstance(v, dict):
        return _struct(v, name)
    return v


_MISSING = object()
