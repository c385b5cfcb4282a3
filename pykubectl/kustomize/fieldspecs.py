"""Which fields kustomize's built-in transformers touch, per kind (facts from kustomize v5.5's default transformer
configuration, written as tables), and the walk that reaches them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .resources import Gvk


@dataclass(frozen=True)
class FieldSpec:
    path: tuple[str, ...]
    kind: str = ""
    group: str = ""
    version: str = ""
    create: bool = False

    def selects(self, gvk: Gvk) -> bool:
        return gvk.selected_by(self.group, self.version, self.kind)


def split_path(path: str) -> tuple[str, ...]:
    parts, cur, i = [], "", 0
    while i < len(path):
        ch = path[i]
        if ch == "\\" and i + 1 < len(path) and path[i + 1] == "/":
            cur += "/"
            i += 2
            continue
        if ch == "/":
            parts.append(cur)
            cur = ""
        else:
            cur += ch
        i += 1
    parts.append(cur)
    return tuple(p[:-2] if p.endswith("[]") else p for p in parts)


def fs(path: str, kind: str = "", group: str = "", version: str = "", create: bool = False) -> FieldSpec:
    return FieldSpec(split_path(path), kind, group, version, create)


_POD_LIKE = {"Deployment": "", "ReplicaSet": "", "DaemonSet": "", "StatefulSet": "", "Job": ""}

_AFFINITY = ("spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/"
             "podAffinityTerm/labelSelector/matchLabels",
             "spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/"
             "matchLabels",
             "spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/"
             "podAffinityTerm/labelSelector/matchLabels",
             "spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/"
             "labelSelector/matchLabels",
             "spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels")

METADATA_LABELS = [
    fs("metadata/labels", create=True),
    fs("spec/template/metadata/labels", "ReplicationController", version="v1", create=True),
    fs("spec/template/metadata/labels", "Deployment", create=True),
    fs("spec/template/metadata/labels", "ReplicaSet", create=True),
    fs("spec/template/metadata/labels", "DaemonSet", create=True),
    fs("spec/template/metadata/labels", "StatefulSet", "apps", create=True),
    fs("spec/volumeClaimTemplates/metadata/labels", "StatefulSet", "apps", create=True),
    fs("spec/template/metadata/labels", "Job", "batch", create=True),
    fs("spec/jobTemplate/metadata/labels", "CronJob", "batch", create=True),
    fs("spec/jobTemplate/spec/template/metadata/labels", "CronJob", "batch", create=True),
]

COMMON_LABELS = [
    fs("spec/selector", "Service", version="v1", create=True),
    fs("spec/selector", "ReplicationController", version="v1", create=True),
    fs("spec/selector/matchLabels", "Deployment", create=True),
    *[fs(p, "Deployment", "apps") for p in _AFFINITY],
    fs("spec/selector/matchLabels", "ReplicaSet", create=True),
    fs("spec/selector/matchLabels", "DaemonSet", create=True),
    fs("spec/selector/matchLabels", "StatefulSet", "apps", create=True),
    *[fs(p, "StatefulSet", "apps") for p in _AFFINITY],
    fs("spec/selector/matchLabels", "Job", "batch"),
    fs("spec/jobTemplate/spec/selector/matchLabels", "CronJob", "batch"),
    fs("spec/selector/matchLabels", "PodDisruptionBudget", "policy"),
    fs("spec/podSelector/matchLabels", "NetworkPolicy", "networking.k8s.io"),
    fs("spec/ingress/from/podSelector/matchLabels", "NetworkPolicy", "networking.k8s.io"),
    fs("spec/egress/to/podSelector/matchLabels", "NetworkPolicy", "networking.k8s.io"),
    *METADATA_LABELS,
]

COMMON_ANNOTATIONS = [
    fs("metadata/annotations", create=True),
    fs("spec/template/metadata/annotations", "ReplicationController", version="v1", create=True),
    fs("spec/template/metadata/annotations", "Deployment", create=True),
    fs("spec/template/metadata/annotations", "ReplicaSet", create=True),
    fs("spec/template/metadata/annotations", "DaemonSet", create=True),
    fs("spec/template/metadata/annotations", "StatefulSet", create=True),
    fs("spec/template/metadata/annotations", "Job", "batch", create=True),
    fs("spec/jobTemplate/metadata/annotations", "CronJob", "batch", create=True),
    fs("spec/jobTemplate/spec/template/metadata/annotations", "CronJob", "batch", create=True),
]

REPLICAS = [fs("spec/replicas", k, create=True) for k in
            ("Deployment", "ReplicationController", "ReplicaSet", "StatefulSet")]
# The order kustomize lists them in its "does not match" error.
REPLICA_KINDS_IN_ERROR = ("Deployment", "StatefulSet", "ReplicaSet", "ReplicationController")

NAMESPACE_EXTRA = [
    fs("spec/service/namespace", "APIService", "apiregistration.k8s.io", create=True),
    fs("spec/conversion/webhook/clientConfig/service/namespace", "CustomResourceDefinition", "apiextensions.k8s.io"),
]

PREFIX_SKIP = (("", "CustomResourceDefinition"), ("apiregistration.k8s.io", "APIService"), ("", "Namespace"))


# --- name references: (referenced kind, group, version) -> field specs in referrers
def _pod_paths(prefix: str, what: str) -> list[str]:
    out = []
    if what == "configmap":
        out = ["spec/volumes/configMap/name", "spec/containers/env/valueFrom/configMapKeyRef/name",
               "spec/initContainers/env/valueFrom/configMapKeyRef/name",
               "spec/containers/envFrom/configMapRef/name", "spec/initContainers/envFrom/configMapRef/name",
               "spec/volumes/projected/sources/configMap/name"]
    elif what == "secret":
        out = ["spec/volumes/secret/secretName", "spec/containers/env/valueFrom/secretKeyRef/name",
               "spec/initContainers/env/valueFrom/secretKeyRef/name", "spec/containers/envFrom/secretRef/name",
               "spec/initContainers/envFrom/secretRef/name", "spec/imagePullSecrets/name",
               "spec/volumes/projected/sources/secret/name"]
    return [prefix + p for p in out]


def _workloads(what: str) -> list[FieldSpec]:
    out = [fs(p, "Pod", version="v1") for p in _pod_paths("", what)]
    out += [fs(p, "PodTemplate") for p in _pod_paths("template/", what)]
    for kind in ("Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "Job"):
        out += [fs(p, kind) for p in _pod_paths("spec/template/", what)]
    out += [fs(p, "CronJob") for p in _pod_paths("spec/jobTemplate/spec/template/", what)]
    return out


def _pod_field(field: str) -> list[FieldSpec]:
    return [fs("spec/" + field, "Pod"), fs("spec/template/spec/" + field, "StatefulSet"),
            fs("spec/template/spec/" + field, "Deployment"), fs("spec/template/spec/" + field, "ReplicationController"),
            fs("spec/jobTemplate/spec/template/spec/" + field, "CronJob"), fs("spec/template/spec/" + field, "Job"),
            fs("spec/template/spec/" + field, "DaemonSet")]


_HPA = [fs("spec/scaleTargetRef/name", "HorizontalPodAutoscaler")]
RBAC = "rbac.authorization.k8s.io"
NAME_REFERENCES: list[tuple[Gvk, list[FieldSpec]]] = [
    (Gvk("", "", "Deployment"), _HPA),
    (Gvk("", "", "ReplicationController"), _HPA),
    (Gvk("", "", "ReplicaSet"), _HPA),
    (Gvk("", "", "StatefulSet"), _HPA),
    (Gvk("", "v1", "ConfigMap"), _workloads("configmap") + [
        fs("spec/configSource/configMap", "Node"), fs("rules/resourceNames", "Role"),
        fs("rules/resourceNames", "ClusterRole"),
        fs("metadata/annotations/nginx.ingress.kubernetes.io\\/fastcgi-params-configmap", "Ingress")]),
    (Gvk("", "v1", "Secret"), _workloads("secret") + [
        fs("spec/tls/secretName", "Ingress"),
        fs("metadata/annotations/ingress.kubernetes.io\\/auth-secret", "Ingress"),
        fs("metadata/annotations/nginx.ingress.kubernetes.io\\/auth-secret", "Ingress"),
        fs("metadata/annotations/nginx.ingress.kubernetes.io\\/auth-tls-secret", "Ingress"),
        fs("imagePullSecrets/name", "ServiceAccount"),
        fs("parameters/secretName", "StorageClass"), fs("parameters/adminSecretName", "StorageClass"),
        fs("parameters/userSecretName", "StorageClass"), fs("parameters/secretRef", "StorageClass"),
        fs("rules/resourceNames", "Role"), fs("rules/resourceNames", "ClusterRole"),
        fs("spec/template/spec/containers/env/valueFrom/secretKeyRef/name", "Service", "serving.knative.dev", "v1"),
        fs("spec/azureFile/secretName", "PersistentVolume")]),
    (Gvk("", "v1", "Service"), [
        fs("spec/serviceName", "StatefulSet", "apps"),
        fs("spec/rules/http/paths/backend/serviceName", "Ingress"), fs("spec/backend/serviceName", "Ingress"),
        fs("spec/rules/http/paths/backend/service/name", "Ingress"),
        fs("spec/defaultBackend/service/name", "Ingress"),
        fs("spec/service/name", "APIService", "apiregistration.k8s.io"),
        fs("webhooks/clientConfig/service", "ValidatingWebhookConfiguration", "admissionregistration.k8s.io"),
        fs("webhooks/clientConfig/service", "MutatingWebhookConfiguration", "admissionregistration.k8s.io")]),
    (Gvk(RBAC, "", "Role"), [fs("roleRef/name", "RoleBinding", RBAC)]),
    (Gvk(RBAC, "", "ClusterRole"), [fs("roleRef/name", "RoleBinding", RBAC), fs("roleRef/name", "ClusterRoleBinding", RBAC)]),
    (Gvk("", "v1", "ServiceAccount"), [fs("subjects", "RoleBinding", RBAC), fs("subjects", "ClusterRoleBinding", RBAC)]
     + [f for f in _pod_field("serviceAccountName")]),
    (Gvk("", "v1", "PersistentVolumeClaim"), _pod_field("volumes/persistentVolumeClaim/claimName")),
    (Gvk("", "v1", "PersistentVolume"), [fs("spec/volumeName", "PersistentVolumeClaim"),
                                         fs("rules/resourceNames", "ClusterRole")]),
    (Gvk("storage.k8s.io", "v1", "StorageClass"), [
        fs("spec/storageClassName", "PersistentVolume"), fs("spec/storageClassName", "PersistentVolumeClaim"),
        fs("spec/volumeClaimTemplates/spec/storageClassName", "StatefulSet")]),
    (Gvk("scheduling.k8s.io", "v1", "PriorityClass"), _pod_field("priorityClassName")),
    (Gvk("networking.k8s.io/v1", "v1", "IngressClass"), [fs("spec/ingressClassName", "Ingress")]),
    (Gvk("admissionregistration.k8s.io", "", "ValidatingAdmissionPolicy"), [
        fs("spec/policyName", "ValidatingAdmissionPolicyBinding", "admissionregistration.k8s.io")]),
]

VAR_REFERENCES: list[FieldSpec] = []
for _kind, _pre in (("CronJob", "spec/jobTemplate/spec/template/spec/"), ("DaemonSet", "spec/template/spec/"),
                    ("Deployment", "spec/template/spec/"), ("Job", "spec/template/spec/"), ("Pod", "spec/"),
                    ("ReplicaSet", "spec/template/spec/"), ("StatefulSet", "spec/template/spec/")):
    for _c in ("containers", "initContainers"):
        for _f in ("args", "command", "env/value", "volumeMounts/mountPath"):
            VAR_REFERENCES.append(fs(_pre + _c + "/" + _f, _kind))
    VAR_REFERENCES.append(fs("spec/jobTemplate/spec/template/volumes/nfs/server" if _kind == "CronJob"
                             else _pre + "volumes/nfs/server", _kind))
VAR_REFERENCES += [fs("spec/template/metadata/annotations", "Deployment"), fs("spec/rules/host", "Ingress"),
                   fs("spec/tls/hosts", "Ingress"), fs("spec/tls/secretName", "Ingress"),
                   fs("spec/ports/port", "Service"), fs("spec/ports/targetPort", "Service"),
                   fs("spec/volumeClaimTemplates/spec/nfs/server", "StatefulSet"), fs("spec/nfs/server", "PersistentVolume"),
                   fs("metadata/labels"), fs("metadata/annotations")]


@dataclass
class Config:
    """Field specs added by `configurations:` files (kustomize's transformer config), on top of the defaults."""

    name_references: list = None  # type: ignore[assignment]
    common_labels: list = None  # type: ignore[assignment]
    common_annotations: list = None  # type: ignore[assignment]
    var_references: list = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        for f in ("name_references", "common_labels", "common_annotations", "var_references"):
            if getattr(self, f) is None:
                setattr(self, f, [])

    def add(self, doc: Any) -> None:
        if not isinstance(doc, dict):
            return

        def specs(entries: Any) -> list[FieldSpec]:
            return [fs(str(e["path"]), str(e.get("kind") or ""), str(e.get("group") or ""),
                       str(e.get("version") or ""), bool(e.get("create")))
                    for e in entries or [] if isinstance(e, dict) and e.get("path")]

        for e in doc.get("nameReference") or []:
            if isinstance(e, dict):
                target = Gvk(str(e.get("group") or ""), str(e.get("version") or ""), str(e.get("kind") or ""))
                self.name_references.append((target, specs(e.get("fieldSpecs"))))
        self.common_labels.extend(specs(doc.get("commonLabels")))
        self.common_annotations.extend(specs(doc.get("commonAnnotations")))
        self.var_references.extend(specs(doc.get("varReference")))


def walk(node: Any, path: tuple[str, ...], create: bool, visit: Callable[[dict, str], None]) -> None:
    """Call ``visit(parent, key)`` for every field the path reaches (sequences on the way are walked element by
    element). With ``create``, missing maps on the way are created and the last field is visited even if absent."""
    if isinstance(node, list):
        for item in node:
            walk(item, path, create, visit)
        return
    if not isinstance(node, dict) or not path:
        return
    head, rest = path[0], path[1:]
    if not rest:
        if head in node or create:
            visit(node, head)
        return
    child = node.get(head)
    if child is None:
        if not create:
            return
        child = node[head] = {}
    walk(child, rest, create, visit)
