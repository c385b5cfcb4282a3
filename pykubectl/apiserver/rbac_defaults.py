"""The ClusterRoles a v1.32 cluster has from its start: the API server's bootstrap policy (ClusterRoles() and the
controllers' roles, ControllerRoles(), with the default feature gates), as facts derived from the bootstrap policy's
expected-output files (plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/cluster-roles.yaml and
controller-roles.yaml). The roles of controllers that v1.32 runs only behind a feature gate that is off by default
are left out (resource-claim, selinux-warning, service-cidrs, device-taint-eviction, volumeattributesclass-
protection). Derived, not recorded: a recording of `kubectl get clusterroles -o yaml` on the reference cluster is
wanted.

A rule is written (groups, resources, verbs) or (groups, resources, verbs, resourceNames), a non-resource rule
("URL", paths, verbs); verbs in the files' order. admin, edit and view carry an aggregationRule; their rules are what
the clusterrole-aggregation controller writes (``aggregated``)."""

from __future__ import annotations

from typing import Any

RBAC_GROUP = "rbac.authorization.k8s.io"
AGG = "rbac.authorization.k8s.io/aggregate-to-"
RO = ("get", "list", "watch")
RW = ("create", "delete", "deletecollection", "patch", "update")
ALL = ("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch")
CPU = ("create", "patch", "update")
EVENTS = (("", "events.k8s.io"), ("events",), CPU)
URL = "URL"

# name -> (extra labels, aggregated by (None: not aggregated), rules)
CLUSTER_ROLES: dict[str, tuple[dict, str | None, list[tuple]]] = {
    "admin": ({}, "admin", []),
    "cluster-admin": ({}, None, [(("*",), ("*",), ("*",)), (URL, ("*",), ("*",))]),
    "edit": ({f"{AGG}admin": "true"}, "edit", []),
    "system:aggregate-to-admin": ({f"{AGG}admin": "true"}, None, [
        (("authorization.k8s.io",), ("localsubjectaccessreviews",), ("create",)),
        ((RBAC_GROUP,), ("rolebindings", "roles"), ALL)]),
    "system:aggregate-to-edit": ({f"{AGG}edit": "true"}, None, [
        (("",), ("pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "secrets", "services/proxy"), RO),
        (("",), ("serviceaccounts",), ("impersonate",)),
        (("",), ("pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy"), RW),
        (("",), ("pods/eviction",), ("create",)),
        (("",), ("configmaps", "events", "persistentvolumeclaims", "replicationcontrollers",
                 "replicationcontrollers/scale", "secrets", "serviceaccounts", "services", "services/proxy"), RW),
        (("",), ("serviceaccounts/token",), ("create",)),
        (("apps",), ("daemonsets", "deployments", "deployments/rollback", "deployments/scale", "replicasets",
                     "replicasets/scale", "statefulsets", "statefulsets/scale"), RW),
        (("autoscaling",), ("horizontalpodautoscalers",), RW),
        (("batch",), ("cronjobs", "jobs"), RW),
        (("extensions",), ("daemonsets", "deployments", "deployments/rollback", "deployments/scale", "ingresses",
                           "networkpolicies", "replicasets", "replicasets/scale", "replicationcontrollers/scale"), RW),
        (("policy",), ("poddisruptionbudgets",), RW),
        (("networking.k8s.io",), ("ingresses", "networkpolicies"), RW),
        (("coordination.k8s.io",), ("leases",), ALL)]),
    "system:aggregate-to-view": ({f"{AGG}view": "true"}, None, [
        (("",), ("configmaps", "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status", "pods",
                 "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services",
                 "services/status"), RO),
        (("",), ("bindings", "events", "limitranges", "namespaces/status", "pods/log", "pods/status",
                 "replicationcontrollers/status", "resourcequotas", "resourcequotas/status"), RO),
        (("",), ("namespaces",), RO),
        (("discovery.k8s.io",), ("endpointslices",), RO),
        (("apps",), ("controllerrevisions", "daemonsets", "daemonsets/status", "deployments", "deployments/scale",
                     "deployments/status", "replicasets", "replicasets/scale", "replicasets/status", "statefulsets",
                     "statefulsets/scale", "statefulsets/status"), RO),
        (("autoscaling",), ("horizontalpodautoscalers", "horizontalpodautoscalers/status"), RO),
        (("batch",), ("cronjobs", "cronjobs/status", "jobs", "jobs/status"), RO),
        (("extensions",), ("daemonsets", "daemonsets/status", "deployments", "deployments/scale",
                           "deployments/status", "ingresses", "ingresses/status", "networkpolicies", "replicasets",
                           "replicasets/scale", "replicasets/status", "replicationcontrollers/scale"), RO),
        (("policy",), ("poddisruptionbudgets", "poddisruptionbudgets/status"), RO),
        (("networking.k8s.io",), ("ingresses", "ingresses/status", "networkpolicies"), RO)]),
    "system:auth-delegator": ({}, None, [
        (("authentication.k8s.io",), ("tokenreviews",), ("create",)),
        (("authorization.k8s.io",), ("subjectaccessreviews",), ("create",))]),
    "system:basic-user": ({}, None, [
        (("authorization.k8s.io",), ("selfsubjectaccessreviews", "selfsubjectrulesreviews"), ("create",)),
        (("authentication.k8s.io",), ("selfsubjectreviews",), ("create",))]),
    "system:certificates.k8s.io:certificatesigningrequests:nodeclient": ({}, None, [
        (("certificates.k8s.io",), ("certificatesigningrequests/nodeclient",), ("create",))]),
    "system:certificates.k8s.io:certificatesigningrequests:selfnodeclient": ({}, None, [
        (("certificates.k8s.io",), ("certificatesigningrequests/selfnodeclient",), ("create",))]),
    "system:certificates.k8s.io:kube-apiserver-client-approver": ({}, None, [
        (("certificates.k8s.io",), ("signers",), ("approve",), ("kubernetes.io/kube-apiserver-client",))]),
    "system:certificates.k8s.io:kube-apiserver-client-kubelet-approver": ({}, None, [
        (("certificates.k8s.io",), ("signers",), ("approve",), ("kubernetes.io/kube-apiserver-client-kubelet",))]),
    "system:certificates.k8s.io:kubelet-serving-approver": ({}, None, [
        (("certificates.k8s.io",), ("signers",), ("approve",), ("kubernetes.io/kubelet-serving",))]),
    "system:certificates.k8s.io:legacy-unknown-approver": ({}, None, [
        (("certificates.k8s.io",), ("signers",), ("approve",), ("kubernetes.io/legacy-unknown",))]),
    "system:discovery": ({}, None, [
        (URL, ("/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz",
               "/version", "/version/"), ("get",))]),
    "system:heapster": ({}, None, [
        (("",), ("events", "namespaces", "nodes", "pods"), RO),
        (("extensions",), ("deployments",), RO)]),
    "system:kube-aggregator": ({}, None, [(("",), ("endpoints", "services"), RO)]),
    "system:kube-controller-manager": ({}, None, [
        (("", "events.k8s.io"), ("events",), CPU),
        (("coordination.k8s.io",), ("leases",), ("create",)),
        (("coordination.k8s.io",), ("leases",), ("get", "update"), ("kube-controller-manager",)),
        (("",), ("secrets", "serviceaccounts"), ("create",)),
        (("",), ("secrets",), ("delete",)),
        (("",), ("configmaps", "namespaces", "secrets", "serviceaccounts"), ("get",)),
        (("",), ("secrets", "serviceaccounts"), ("update",)),
        (("authentication.k8s.io",), ("tokenreviews",), ("create",)),
        (("authorization.k8s.io",), ("subjectaccessreviews",), ("create",)),
        (("*",), ("*",), ("list", "watch")),
        (("",), ("serviceaccounts/token",), ("create",))]),
    "system:kube-dns": ({}, None, [(("",), ("endpoints", "services"), ("list", "watch"))]),
    "system:kube-scheduler": ({}, None, [
        (("", "events.k8s.io"), ("events",), CPU),
        (("coordination.k8s.io",), ("leases",), ("create",)),
        (("coordination.k8s.io",), ("leases",), ("get", "update"), ("kube-scheduler",)),
        (("",), ("nodes",), RO),
        (("",), ("pods",), ("delete", "get", "list", "watch")),
        (("",), ("bindings", "pods/binding"), ("create",)),
        (("",), ("pods/status",), ("patch", "update")),
        (("",), ("replicationcontrollers", "services"), RO),
        (("apps", "extensions"), ("replicasets",), RO),
        (("apps",), ("statefulsets",), RO),
        (("policy",), ("poddisruptionbudgets",), RO),
        (("",), ("persistentvolumeclaims", "persistentvolumes"), RO),
        (("authentication.k8s.io",), ("tokenreviews",), ("create",)),
        (("authorization.k8s.io",), ("subjectaccessreviews",), ("create",)),
        (("storage.k8s.io",), ("csinodes",), RO),
        (("",), ("namespaces",), RO),
        (("storage.k8s.io",), ("csidrivers",), RO),
        (("storage.k8s.io",), ("csistoragecapacities",), RO)]),
    "system:kubelet-api-admin": ({}, None, [
        (("",), ("nodes",), RO),
        (("",), ("nodes",), ("proxy",)),
        (("",), ("nodes/log", "nodes/metrics", "nodes/proxy", "nodes/stats"), ("*",))]),
    "system:monitoring": ({}, None, [
        (URL, ("/healthz", "/healthz/*", "/livez", "/livez/*", "/metrics", "/metrics/slis", "/readyz", "/readyz/*"),
         ("get",))]),
    "system:node": ({}, None, [
        (("authentication.k8s.io",), ("tokenreviews",), ("create",)),
        (("authorization.k8s.io",), ("localsubjectaccessreviews", "subjectaccessreviews"), ("create",)),
        (("",), ("services",), RO),
        (("",), ("nodes",), ("create", "get", "list", "watch")),
        (("",), ("nodes/status",), ("patch", "update")),
        (("",), ("nodes",), ("patch", "update")),
        (("",), ("events",), CPU),
        (("",), ("pods",), RO),
        (("",), ("pods",), ("create", "delete")),
        (("",), ("pods/status",), ("patch", "update")),
        (("",), ("pods/eviction",), ("create",)),
        (("",), ("configmaps", "secrets"), RO),
        (("",), ("persistentvolumeclaims", "persistentvolumes"), ("get",)),
        (("",), ("endpoints",), ("get",)),
        (("certificates.k8s.io",), ("certificatesigningrequests",), ("create", "get", "list", "watch")),
        (("coordination.k8s.io",), ("leases",), ("create", "delete", "get", "patch", "update")),
        (("storage.k8s.io",), ("volumeattachments",), ("get",)),
        (("",), ("serviceaccounts/token",), ("create",)),
        (("",), ("persistentvolumeclaims/status",), ("get", "patch", "update")),
        (("storage.k8s.io",), ("csidrivers",), RO),
        (("storage.k8s.io",), ("csinodes",), ("create", "delete", "get", "patch", "update")),
        (("node.k8s.io",), ("runtimeclasses",), RO)]),
    "system:node-bootstrapper": ({}, None, [
        (("certificates.k8s.io",), ("certificatesigningrequests",), ("create", "get", "list", "watch"))]),
    "system:node-problem-detector": ({}, None, [
        (("",), ("nodes",), ("get",)),
        (("",), ("nodes/status",), ("patch",)),
        EVENTS]),
    "system:node-proxier": ({}, None, [
        (("",), ("endpoints", "services"), ("list", "watch")),
        (("",), ("nodes",), RO),
        EVENTS,
        (("discovery.k8s.io",), ("endpointslices",), ("list", "watch"))]),
    "system:persistent-volume-provisioner": ({}, None, [
        (("",), ("persistentvolumes",), ("create", "delete", "get", "list", "watch")),
        (("",), ("persistentvolumeclaims",), ("get", "list", "update", "watch")),
        (("storage.k8s.io",), ("storageclasses",), RO),
        (("",), ("events",), ("watch",)),
        EVENTS]),
    "system:public-info-viewer": ({}, None, [
        (URL, ("/healthz", "/livez", "/readyz", "/version", "/version/"), ("get",))]),
    "system:service-account-issuer-discovery": ({}, None, [
        (URL, ("/.well-known/openid-configuration", "/openid/v1/jwks"), ("get",))]),
    "system:volume-scheduler": ({}, None, [
        (("",), ("persistentvolumes",), ("get", "list", "patch", "update", "watch")),
        (("storage.k8s.io",), ("storageclasses",), RO),
        (("",), ("persistentvolumeclaims",), ("get", "list", "patch", "update", "watch"))]),
    "view": ({f"{AGG}edit": "true"}, "view", []),
}

_C = "system:controller:"
CONTROLLER_ROLES: dict[str, list[tuple]] = {
    f"{_C}attachdetach-controller": [
        (("",), ("persistentvolumeclaims", "persistentvolumes"), ("list", "watch")),
        (("",), ("nodes",), RO),
        (("",), ("nodes/status",), ("patch", "update")),
        (("",), ("pods",), ("list", "watch")),
        EVENTS,
        (("storage.k8s.io",), ("volumeattachments",), ("create", "delete", "get", "list", "watch")),
        (("storage.k8s.io",), ("csidrivers",), RO),
        (("storage.k8s.io",), ("csinodes",), RO)],
    f"{_C}certificate-controller": [
        (("certificates.k8s.io",), ("certificatesigningrequests",), ("delete", "get", "list", "watch")),
        (("certificates.k8s.io",), ("certificatesigningrequests/approval", "certificatesigningrequests/status"),
         ("update",)),
        (("certificates.k8s.io",), ("signers",), ("approve",), ("kubernetes.io/kube-apiserver-client-kubelet",)),
        (("certificates.k8s.io",), ("signers",), ("sign",),
         ("kubernetes.io/kube-apiserver-client", "kubernetes.io/kube-apiserver-client-kubelet",
          "kubernetes.io/kubelet-serving", "kubernetes.io/legacy-unknown")),
        (("authorization.k8s.io",), ("subjectaccessreviews",), ("create",)),
        EVENTS],
    f"{_C}clusterrole-aggregation-controller": [
        ((RBAC_GROUP,), ("clusterroles",), ("escalate", "get", "list", "patch", "update", "watch"))],
    f"{_C}cronjob-controller": [
        (("batch",), ("cronjobs",), ("get", "list", "update", "watch")),
        (("batch",), ("jobs",), ("create", "delete", "get", "list", "patch", "update", "watch")),
        (("batch",), ("cronjobs/status",), ("update",)),
        (("batch",), ("cronjobs/finalizers",), ("update",)),
        (("",), ("pods",), ("delete", "list", "watch")),
        EVENTS],
    f"{_C}daemon-set-controller": [
        (("apps", "extensions"), ("daemonsets",), RO),
        (("apps", "extensions"), ("daemonsets/status",), ("update",)),
        (("apps", "extensions"), ("daemonsets/finalizers",), ("update",)),
        (("",), ("nodes",), ("list", "watch")),
        (("",), ("pods",), ("create", "delete", "list", "patch", "watch")),
        (("",), ("pods/binding",), ("create",)),
        (("apps",), ("controllerrevisions",), ("create", "delete", "get", "list", "patch", "update", "watch")),
        EVENTS],
    f"{_C}deployment-controller": [
        (("apps", "extensions"), ("deployments",), ("get", "list", "update", "watch")),
        (("apps", "extensions"), ("deployments/status",), ("update",)),
        (("apps", "extensions"), ("deployments/finalizers",), ("update",)),
        (("apps", "extensions"), ("replicasets",), ("create", "delete", "get", "list", "patch", "update", "watch")),
        (("",), ("pods",), ("get", "list", "update", "watch")),
        EVENTS],
    f"{_C}disruption-controller": [
        (("apps", "extensions"), ("deployments",), RO),
        (("apps", "extensions"), ("replicasets",), RO),
        (("",), ("replicationcontrollers",), RO),
        (("policy",), ("poddisruptionbudgets",), RO),
        (("apps",), ("statefulsets",), RO),
        (("policy",), ("poddisruptionbudgets/status",), ("update",)),
        (("",), ("pods/status",), ("patch", "update")),
        (("*",), ("*/scale",), ("get",)),
        EVENTS],
    f"{_C}endpoint-controller": [
        (("",), ("pods", "services"), RO),
        (("",), ("endpoints",), ("create", "delete", "get", "list", "update", "watch")),
        (("",), ("endpoints/restricted",), ("create",)),
        EVENTS],
    f"{_C}endpointslice-controller": [
        (("",), ("nodes", "pods", "services"), RO),
        (("",), ("services/finalizers",), ("update",)),
        (("discovery.k8s.io",), ("endpointslices",), ("create", "delete", "get", "list", "update", "watch")),
        EVENTS],
    f"{_C}endpointslicemirroring-controller": [
        (("",), ("endpoints", "services"), RO),
        (("",), ("services/finalizers",), ("update",)),
        (("",), ("endpoints/finalizers",), ("update",)),
        (("discovery.k8s.io",), ("endpointslices",), ("create", "delete", "get", "list", "update", "watch")),
        EVENTS],
    f"{_C}ephemeral-volume-controller": [
        (("",), ("pods",), RO),
        (("",), ("pods/finalizers",), ("update",)),
        (("",), ("persistentvolumeclaims",), ("create", "get", "list", "watch")),
        EVENTS],
    f"{_C}expand-controller": [
        (("",), ("persistentvolumes",), ("get", "list", "patch", "update", "watch")),
        (("",), ("persistentvolumeclaims/status",), ("patch", "update")),
        (("",), ("persistentvolumeclaims",), RO),
        EVENTS],
    f"{_C}generic-garbage-collector": [
        (("*",), ("*",), ("delete", "get", "list", "patch", "update", "watch")),
        EVENTS],
    f"{_C}horizontal-pod-autoscaler": [
        (("autoscaling",), ("horizontalpodautoscalers",), RO),
        (("autoscaling",), ("horizontalpodautoscalers/status",), ("update",)),
        (("*",), ("*/scale",), ("get", "update")),
        (("",), ("pods",), ("list", "watch")),
        (("metrics.k8s.io",), ("pods",), ("list", "watch")),
        (("custom.metrics.k8s.io",), ("*",), RO),
        (("external.metrics.k8s.io",), ("*",), RO),
        EVENTS],
    f"{_C}job-controller": [
        (("batch",), ("jobs",), ("get", "list", "patch", "update", "watch")),
        (("batch",), ("jobs/status",), ("update",)),
        (("batch",), ("jobs/finalizers",), ("update",)),
        (("",), ("pods",), ("create", "delete", "list", "patch", "watch")),
        EVENTS],
    f"{_C}legacy-service-account-token-cleaner": [
        (("",), ("configmaps",), ("get",), ("kube-apiserver-legacy-service-account-token-tracking",)),
        (("",), ("secrets",), ("delete", "patch"))],
    f"{_C}namespace-controller": [
        (("",), ("namespaces",), ("delete", "get", "list", "watch")),
        (("",), ("namespaces/finalize", "namespaces/status"), ("update",)),
        (("*",), ("*",), ("delete", "deletecollection", "get", "list", "watch"))],
    f"{_C}node-controller": [
        (("",), ("nodes",), ("delete", "get", "list", "patch", "update", "watch")),
        (("",), ("nodes/status",), ("patch", "update")),
        (("",), ("pods/status",), ("patch", "update")),
        (("",), ("pods",), ("delete", "get", "list", "watch")),
        EVENTS],
    f"{_C}persistent-volume-binder": [
        (("",), ("persistentvolumes",), ("create", "delete", "get", "list", "update", "watch")),
        (("",), ("persistentvolumes/status",), ("update",)),
        (("",), ("persistentvolumeclaims",), ("get", "list", "update", "watch")),
        (("",), ("persistentvolumeclaims/status",), ("update",)),
        (("",), ("pods",), ("create", "delete", "get", "list", "watch")),
        (("storage.k8s.io",), ("storageclasses",), RO),
        (("",), ("nodes",), ("list", "watch")),
        EVENTS,
        (("",), ("events",), ("watch",))],
    f"{_C}pod-garbage-collector": [
        (("",), ("pods",), ("delete", "list", "watch")),
        (("",), ("nodes",), RO),
        (("",), ("pods/status",), ("patch",))],
    f"{_C}pv-protection-controller": [
        (("",), ("persistentvolumes",), ("get", "list", "update", "watch")),
        EVENTS],
    f"{_C}pvc-protection-controller": [
        (("",), ("persistentvolumeclaims",), ("get", "list", "update", "watch")),
        (("",), ("persistentvolumeclaims/status",), ("update",)),
        (("",), ("pods",), RO),
        EVENTS],
    f"{_C}replicaset-controller": [
        (("apps", "extensions"), ("replicasets",), ("get", "list", "update", "watch")),
        (("apps", "extensions"), ("replicasets/status",), ("update",)),
        (("apps", "extensions"), ("replicasets/finalizers",), ("update",)),
        (("",), ("pods",), ("create", "delete", "list", "patch", "watch")),
        EVENTS],
    f"{_C}replication-controller": [
        (("",), ("replicationcontrollers",), ("get", "list", "update", "watch")),
        (("",), ("replicationcontrollers/status",), ("update",)),
        (("",), ("replicationcontrollers/finalizers",), ("update",)),
        (("",), ("pods",), ("create", "delete", "list", "patch", "watch")),
        EVENTS],
    f"{_C}resourcequota-controller": [
        (("*",), ("*",), ("list", "watch")),
        (("",), ("resourcequotas/status",), ("update",)),
        EVENTS],
    f"{_C}root-ca-cert-publisher": [
        (("",), ("configmaps",), ("create", "update")),
        EVENTS],
    f"{_C}route-controller": [
        (("",), ("nodes",), ("list", "watch")),
        (("",), ("nodes/status",), ("patch",)),
        EVENTS],
    f"{_C}service-account-controller": [
        (("",), ("serviceaccounts",), ("create",)),
        EVENTS],
    f"{_C}service-controller": [
        (("",), ("services",), RO),
        (("",), ("services/status",), ("patch", "update")),
        (("",), ("nodes",), ("list", "watch")),
        EVENTS],
    f"{_C}statefulset-controller": [
        (("",), ("pods",), ("list", "watch")),
        (("apps",), ("statefulsets",), RO),
        (("apps",), ("statefulsets/status",), ("update",)),
        (("apps",), ("statefulsets/finalizers",), ("update",)),
        (("",), ("pods",), ("create", "delete", "get", "patch", "update")),
        (("apps",), ("controllerrevisions",), ("create", "delete", "get", "list", "patch", "update", "watch")),
        (("",), ("persistentvolumeclaims",), ("create", "get", "list", "watch")),
        (("",), ("persistentvolumeclaims",), ("delete", "update")),
        (("",), ("pods/finalizers",), ("update",)),
        EVENTS],
    f"{_C}ttl-after-finished-controller": [
        (("batch",), ("jobs",), ("delete", "get", "list", "watch")),
        EVENTS],
    f"{_C}ttl-controller": [
        (("",), ("nodes",), ("list", "patch", "update", "watch")),
        EVENTS],
    f"{_C}validatingadmissionpolicy-status-controller": [
        (("admissionregistration.k8s.io",), ("validatingadmissionpolicies",), RO),
        (("admissionregistration.k8s.io",), ("validatingadmissionpolicies/status",), ("get", "patch", "update")),
        EVENTS],
}


def rule(spec: tuple) -> dict:
    if spec[0] == URL:
        return {"verbs": list(spec[2]), "nonResourceURLs": list(spec[1])}
    out: dict[str, Any] = {"verbs": list(spec[2]), "apiGroups": list(spec[0]), "resources": list(spec[1])}
    if len(spec) > 3:
        out["resourceNames"] = list(spec[3])
    return out


def cluster_roles() -> list[dict]:
    """Every default ClusterRole as stored, sorted by name; aggregated roles with the rules the aggregation
    controller gives them (the union, in name order of the roles their selector matches, without repeats)."""
    roles: dict[str, dict] = {}
    specs = {**{n: (labels, agg, rules) for n, (labels, agg, rules) in CLUSTER_ROLES.items()},
             **{n: ({}, None, rules) for n, rules in CONTROLLER_ROLES.items()}}
    for name, (labels, agg, rules) in sorted(specs.items()):
        md: dict[str, Any] = {"name": name, "labels": {"kubernetes.io/bootstrapping": "rbac-defaults", **labels},
                              "annotations": {"rbac.authorization.kubernetes.io/autoupdate": "true"}}
        role: dict[str, Any] = {"apiVersion": f"{RBAC_GROUP}/v1", "kind": "ClusterRole", "metadata": md,
                                "rules": [rule(r) for r in rules]}
        if agg:
            role["aggregationRule"] = {"clusterRoleSelectors": [{"matchLabels": {f"{AGG}{agg}": "true"}}]}
        roles[name] = role
    # view first, then edit (which takes view's), then admin (which takes edit's): each aggregated role's rules come
    # from roles whose own rules are already final.
    for name in ("view", "edit", "admin"):
        selector = roles[name]["aggregationRule"]["clusterRoleSelectors"][0]["matchLabels"]
        merged: list[dict] = []
        for other_name, other in sorted(roles.items()):
            labels = other["metadata"]["labels"]
            if other_name != name and all(labels.get(k) == v for k, v in selector.items()):
                merged.extend(r for r in other["rules"] if r not in merged)
        roles[name]["rules"] = merged
    return [roles[n] for n in sorted(roles)]
