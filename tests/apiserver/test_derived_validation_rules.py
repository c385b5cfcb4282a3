"""Validation rules of the v1.32 API server that the recorded corpus (test_recorded_validation) does not exercise,
derived from v1.32 source (each case names the Go file and function it comes from; no server recorded these).

Table-driven: each case is a manifest (and, for an update, the object applied before it) and the exact exit code,
stdout and stderr of `pykubectl apply --dry-run=server -f` on it; `pykubectl validate -f` must agree on the verdict
(exit 1 for a refused manifest, 0 for an accepted one) except where the rule lives outside validation (an
allocator, marked None) or the case is an update (validate sees one object)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

Obj = dict


def pod(spec: Obj | None = None, c: Obj | None = None, name: str = "d", meta: Obj | None = None) -> Obj:
    con = {"name": "c", "image": "nginx:1.27"}
    con.update(c or {})
    s = {"containers": [con]}
    s.update(spec or {})
    m = {"name": name}
    m.update(meta or {})
    return {"apiVersion": "v1", "kind": "Pod", "metadata": m, "spec": s}


def vol(v: Obj) -> Obj:
    return pod({"volumes": [dict({"name": "v"}, **v)]})


def job(spec: Obj | None = None, name: str = "j") -> Obj:
    s = {"template": {"spec": {"restartPolicy": "Never", "containers": [{"name": "c", "image": "busybox:1.36"}]}}}
    s.update(spec or {})
    return {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": name}, "spec": s}


def cron(spec: Obj | None = None, jspec: Obj | None = None) -> Obj:
    j = job(jspec)["spec"]
    s = {"schedule": "*/5 * * * *", "jobTemplate": {"spec": j}}
    s.update(spec or {})
    return {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "cj"}, "spec": s}


def svc(spec: Obj | None = None) -> Obj:
    s = {"selector": {"app": "a"}, "ports": [{"port": 80}]}
    s.update(spec or {})
    return {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"}, "spec": s}


def pv(spec: Obj | None = None) -> Obj:
    s = {"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"], "hostPath": {"path": "/tmp/x"}}
    s.update(spec or {})
    s = {k: v for k, v in s.items() if v is not None}
    return {"apiVersion": "v1", "kind": "PersistentVolume", "metadata": {"name": "pv1"}, "spec": s}


def ing(backend: Obj | None = None, extra: Obj | None = None) -> Obj:
    s = {
        "rules": [
            {
                "host": "a.example.com",
                "http": {
                    "paths": [
                        {
                            "path": "/",
                            "pathType": "Prefix",
                            "backend": backend or {"service": {"name": "web", "port": {"number": 80}}},
                        }
                    ]
                },
            }
        ]
    }
    s.update(extra or {})
    return {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": "i"}, "spec": s}


def sts(tspec: Obj | None = None, c: Obj | None = None, meta_ann: Obj | None = None) -> Obj:
    con = {"name": "c", "image": "nginx:1.27"}
    con.update(c or {})
    t = {"metadata": {"labels": {"app": "a"}}, "spec": {"containers": [con]}}
    t["spec"].update(tspec or {})
    if meta_ann:
        t["metadata"]["annotations"] = meta_ann
    return {
        "apiVersion": "apps/v1",
        "kind": "StatefulSet",
        "metadata": {"name": "st"},
        "spec": {"serviceName": "st", "selector": {"matchLabels": {"app": "a"}}, "template": t},
    }


def crd(schema: Obj | None = None, version_extra: Obj | None = None, spec: Obj | None = None) -> Obj:
    v = {"name": "v1", "served": True, "storage": True, "schema": {"openAPIV3Schema": schema or {"type": "object"}}}
    v.update(version_extra or {})
    s = {
        "group": "x.example.com",
        "scope": "Namespaced",
        "names": {"plural": "widgets", "singular": "widget", "kind": "Widget", "listKind": "WidgetList"},
        "versions": [v],
    }
    s.update(spec or {})
    return {
        "apiVersion": "apiextensions.k8s.io/v1",
        "kind": "CustomResourceDefinition",
        "metadata": {"name": "widgets.x.example.com"},
        "spec": s,
    }


def spec_props(props: Obj) -> Obj:
    return {"type": "object", "properties": {"spec": {"type": "object", "properties": props}}}


def vwc(hook: Obj | None = None) -> Obj:
    h = {
        "name": "check.example.com",
        "sideEffects": "None",
        "admissionReviewVersions": ["v1"],
        "clientConfig": {"service": {"name": "s", "namespace": "default", "path": "/validate"}},
        "rules": [{"operations": ["CREATE"], "apiGroups": [""], "apiVersions": ["v1"], "resources": ["pods"]}],
    }
    h.update(hook or {})
    h = {k: v for k, v in h.items() if v is not None}
    return {
        "apiVersion": "admissionregistration.k8s.io/v1",
        "kind": "ValidatingWebhookConfiguration",
        "metadata": {"name": "vw"},
        "webhooks": [h],
    }


# Where the rules come from (v1.32 source files); a case is (id, source function, manifest, object applied first).
V = "pkg/apis/core/validation/validation.go"
B = "pkg/apis/batch/validation/validation.go"
N = "pkg/apis/networking/validation/validation.go"
W = "pkg/api/pod/warnings.go"
A = "pkg/apis/apps/validation/validation.go"
X = "staging/src/k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/validation/validation.go"
XS = "staging/src/k8s.io/apiextensions-apiserver/pkg/apiserver/schema/validation.go"
AR = "pkg/apis/admissionregistration/validation/validation.go"
SW = "pkg/api/service/warnings.go"
CASES = [
    (
        "gitrepo-dotdot",
        V + " validateGitRepoVolumeSource",
        vol({"gitRepo": {"repository": "r", "directory": "../a"}}),
        None,
    ),
    (
        "gce-partition",
        V + " validateGCEPersistentDiskVolumeSource (errors under persistentDisk)",
        vol({"gcePersistentDisk": {"pdName": "", "partition": 300}}),
        None,
    ),
    ("secret-volume-no-name", V + " validateSecretVolumeSource", vol({"secret": {"secretName": ""}}), None),
    (
        "iscsi-iqn-format",
        V + " validateISCSIVolumeSource",
        vol({"iscsi": {"targetPortal": "1.2.3.4:3260", "iqn": "foo", "lun": 0}}),
        None,
    ),
    (
        "iscsi-chap-secret",
        V + " validateISCSIVolumeSource",
        vol(
            {
                "iscsi": {
                    "targetPortal": "1.2.3.4:3260",
                    "iqn": "iqn.2001-04.com.example:storage",
                    "lun": 0,
                    "chapAuthSession": True,
                }
            }
        ),
        None,
    ),
    (
        "fc-wwns-and-wwids",
        V + " validateFCVolumeSource",
        vol({"fc": {"targetWWNs": ["500a0982991b8dc5"], "lun": 1, "wwids": ["x"]}}),
        None,
    ),
    ("fc-lun-required", V + " validateFCVolumeSource", vol({"fc": {"targetWWNs": ["500a0982991b8dc5"]}}), None),
    ("rbd-no-monitors", V + " validateRBDVolumeSource", vol({"rbd": {"monitors": [], "image": "x"}}), None),
    (
        "flex-reserved-option",
        V + " validateFlexVolumeSource",
        vol({"flexVolume": {"driver": "x/y", "options": {"kubernetes.io/x": "1"}}}),
        None,
    ),
    (
        "azuredisk-enums",
        V + " validateAzureDisk",
        vol({"azureDisk": {"diskName": "d", "diskURI": "u", "cachingMode": "Bad", "kind": "Bad"}}),
        None,
    ),
    ("quobyte-empty", V + " validateQuobyteVolumeSource", vol({"quobyte": {"registry": "", "volume": ""}}), None),
    (
        "csi-secret-ref-no-name",
        V + " validateCSIVolumeSource",
        vol({"csi": {"driver": "a.b", "nodePublishSecretRef": {"name": ""}}}),
        None,
    ),
    (
        "projected-default-mode",
        V + " validateProjectedVolumeSource",
        vol({"projected": {"defaultMode": 1000, "sources": [{"configMap": {"name": "x"}}]}}),
        None,
    ),
    (
        "projected-token-no-path",
        V + " validateProjectionSources (reports the projected volume's path)",
        vol({"projected": {"sources": [{"serviceAccountToken": {"path": ""}}]}}),
        None,
    ),
    (
        "two-sources-downward",
        V + " validateVolumeSource (the 'downwarAPI' path)",
        vol({"emptyDir": {}, "downwardAPI": {"items": []}}),
        None,
    ),
    (
        "windows-container-privileged",
        V + " validateWindows",
        pod({"os": {"name": "windows"}}, c={"securityContext": {"privileged": True}}),
        None,
    ),
    (
        "linux-windows-options",
        V + " validateLinux",
        pod({"os": {"name": "linux"}}, c={"securityContext": {"windowsOptions": {"runAsUserName": "x"}}}),
        None,
    ),
    ("os-name-empty", V + " validateOS", pod({"os": {"name": ""}}), None),
    (
        "windows-user-two-backslashes",
        V + " validateWindowsSecurityContextOptions",
        pod(c={"securityContext": {"windowsOptions": {"runAsUserName": "a\\b\\c"}}}),
        None,
    ),
    (
        "windows-gmsa-spec-empty",
        V + " validateWindowsSecurityContextOptions",
        pod({"securityContext": {"windowsOptions": {"gmsaCredentialSpec": ""}}}),
        None,
    ),
    (
        "sysctl-host-network",
        V + " ValidateHostSysctl",
        pod({"hostNetwork": True, "securityContext": {"sysctls": [{"name": "net.ipv4.ip_forward", "value": "1"}]}}),
        None,
    ),
    (
        "sysctl-host-ipc",
        V + " ValidateHostSysctl",
        pod({"hostIPC": True, "securityContext": {"sysctls": [{"name": "kernel.shmmax", "value": "1"}]}}),
        None,
    ),
    (
        "seccomp-type-empty",
        V + " validateSeccompProfileType",
        pod(c={"securityContext": {"seccompProfile": {"localhostProfile": "x"}}}),
        None,
    ),
    (
        "apparmor-type-empty",
        V + " ValidateAppArmorProfileField",
        pod(c={"securityContext": {"appArmorProfile": {"localhostProfile": "x"}}}),
        None,
    ),
    ("pv-node-affinity-required", V + " validateVolumeNodeAffinity", pv({"nodeAffinity": {}}), None),
    (
        "pv-csi-secret-ref-namespace",
        V + " validatePVSecretReference",
        pv({"hostPath": None, "csi": {"driver": "a.b", "volumeHandle": "h", "nodePublishSecretRef": {"name": "s"}}}),
        None,
    ),
    (
        "job-indexed-parallelism-cap",
        B + " validateJobSpec",
        job({"completionMode": "Indexed", "completions": 10, "parallelism": 100001}),
        None,
    ),
    ("job-managed-by-length", B + " validateJobSpec", job({"managedBy": "example.com/" + "a" * 60}), None),
    (
        "job-too-many-failure-rules",
        B + " validatePodFailurePolicy",
        job(
            {
                "podFailurePolicy": {
                    "rules": [{"action": "Ignore", "onPodConditions": [{"type": "DisruptionTarget"}]}] * 21
                }
            }
        ),
        None,
    ),
    (
        "job-high-completions",
        B + " validateJobSpec",
        job({"completionMode": "Indexed", "completions": 200000, "parallelism": 20000, "backoffLimitPerIndex": 1}),
        None,
    ),
    (
        "cron-template-selector",
        B + " ValidateJobTemplateSpec",
        cron(jspec={"selector": {"matchLabels": {"a": "b"}}}),
        None,
    ),
    ("cron-template-manual-selector", B + " ValidateJobTemplateSpec", cron(jspec={"manualSelector": True}), None),
    (
        "cron-every-bad-duration",
        B + " validateScheduleFormat (robfig/cron ParseStandard, time.ParseDuration)",
        cron({"schedule": "@every 5x"}),
        None,
    ),
    (
        "svc-node-port-range",
        "pkg/registry/core/service/portallocator (ErrNotInRange), before validation",
        svc({"type": "NodePort", "ports": [{"port": 80, "nodePort": 20000}]}),
        None,
    ),
    (
        "svc-cluster-ips-mismatch",
        V + " ValidateServiceClusterIPsRelatedFields (the allocator's pre-validation)",
        svc({"clusterIP": "10.96.100.100", "clusterIPs": ["10.96.100.101"]}),
        None,
    ),
    (
        "svc-lb-class-format",
        V + " validateLoadBalancerClassField",
        svc({"type": "LoadBalancer", "loadBalancerClass": "example.com/" + "a" * 70}),
        None,
    ),
    (
        "ing-resource-backend",
        N + " validateIngressTypedLocalObjectReference",
        ing({"resource": {"kind": "X", "apiGroup": "Bad Group"}}),
        None,
    ),
    (
        "ing-tls-secret-name",
        N + " validateIngressTLS / validateTLSSecretName",
        ing(extra={"tls": [{"hosts": ["a.example.com"], "secretName": "Bad_Name"}]}),
        None,
    ),
    (
        "ingclass-params-kind",
        N + " validateIngressClassParametersReference (scope defaulted to Cluster)",
        {
            "apiVersion": "networking.k8s.io/v1",
            "kind": "IngressClass",
            "metadata": {"name": "ic"},
            "spec": {"controller": "example.com/x", "parameters": {"name": "p"}},
        },
        None,
    ),
    (
        "warn-critical-pod",
        W + " deprecatedAnnotations",
        pod(meta={"annotations": {"scheduler.alpha.kubernetes.io/critical-pod": ""}}),
        None,
    ),
    (
        "warn-duplicate-host-alias",
        W + " duplicate hostAliases",
        pod({"hostAliases": [{"ip": "1.2.3.4", "hostnames": ["a"]}, {"ip": "1.2.3.4", "hostnames": ["b"]}]}),
        None,
    ),
    (
        "warn-hostip-without-hostport",
        W + " hostIP set without hostPort",
        pod(c={"ports": [{"containerPort": 80, "hostIP": "1.2.3.4"}]}),
        None,
    ),
    (
        "warn-null-pod-affinity-selector",
        W + " warningsForPodAffinityTerms",
        pod(
            {
                "affinity": {
                    "podAffinity": {
                        "requiredDuringSchedulingIgnoredDuringExecution": [{"topologyKey": "kubernetes.io/hostname"}]
                    }
                }
            }
        ),
        None,
    ),
    (
        "warn-env-redefined-from-previous",
        W + " duplicate containers[*].env (a $(X) reference is fine)",
        pod(c={"env": [{"name": "A", "value": "x"}, {"name": "A", "value": "$(A)y"}, {"name": "A", "value": "z"}]}),
        None,
    ),
    (
        "update-pod-add-container",
        V + " ValidateContainerUpdates",
        pod({"containers": [{"name": "c", "image": "nginx:1.27"}, {"name": "d", "image": "nginx:1.27"}]}),
        pod(),
    ),
    (
        "update-pod-remove-toleration",
        V + " validateOnlyAddedTolerations",
        pod(),
        pod({"tolerations": [{"key": "a", "operator": "Exists", "effect": "NoSchedule"}]}),
    ),
    ("update-job-managed-by", B + " ValidateJobSpecUpdate", job({"managedBy": "example.com/x"}), job()),
    (
        "update-job-backoff-per-index",
        B + " ValidateJobSpecUpdate",
        job({"completionMode": "Indexed", "completions": 2, "backoffLimitPerIndex": 2}),
        job({"completionMode": "Indexed", "completions": 2, "backoffLimitPerIndex": 1}),
    ),
    (
        "update-svc-lb-class",
        V + " validateLoadBalancerClassField",
        svc({"type": "LoadBalancer", "loadBalancerClass": "example.com/b"}),
        svc({"type": "LoadBalancer", "loadBalancerClass": "example.com/a"}),
    ),
    (
        "update-pc-preemption-policy",
        "pkg/apis/scheduling/validation/validation.go ValidatePriorityClassUpdate",
        {
            "apiVersion": "scheduling.k8s.io/v1",
            "kind": "PriorityClass",
            "metadata": {"name": "pc1"},
            "value": 10,
            "preemptionPolicy": "Never",
        },
        {"apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass", "metadata": {"name": "pc1"}, "value": 10},
    ),
    (
        "update-quota-scopes",
        V + " ValidateResourceQuotaUpdate",
        {
            "apiVersion": "v1",
            "kind": "ResourceQuota",
            "metadata": {"name": "q"},
            "spec": {"hard": {"pods": "1"}, "scopes": ["BestEffort"]},
        },
        {"apiVersion": "v1", "kind": "ResourceQuota", "metadata": {"name": "q"}, "spec": {"hard": {"pods": "1"}}},
    ),
    (
        "update-csidriver-lifecycle",
        "pkg/apis/storage/validation/validation.go ValidateCSIDriverUpdate",
        {
            "apiVersion": "storage.k8s.io/v1",
            "kind": "CSIDriver",
            "metadata": {"name": "d.example.com"},
            "spec": {"attachRequired": True, "volumeLifecycleModes": ["Ephemeral"]},
        },
        {
            "apiVersion": "storage.k8s.io/v1",
            "kind": "CSIDriver",
            "metadata": {"name": "d.example.com"},
            "spec": {"attachRequired": True},
        },
    ),
    (
        "toleration-equal-bad-value",
        V + " ValidateTolerations (value reported at operator)",
        pod({"tolerations": [{"key": "a", "operator": "Equal", "value": "bad value"}]}),
        None,
    ),
    (
        "node-affinity-required-bad-value",
        V + " ValidateNodeSelectorRequirement (required terms)",
        pod(
            {
                "affinity": {
                    "nodeAffinity": {
                        "requiredDuringSchedulingIgnoredDuringExecution": {
                            "nodeSelectorTerms": [
                                {"matchExpressions": [{"key": "a", "operator": "In", "values": ["bad value"]}]}
                            ]
                        }
                    }
                }
            }
        ),
        None,
    ),
    (
        "node-affinity-preferred-bad-value-ok",
        V + " ValidatePreferredSchedulingTerms (values not checked)",
        pod(
            {
                "affinity": {
                    "nodeAffinity": {
                        "preferredDuringSchedulingIgnoredDuringExecution": [
                            {
                                "weight": 1,
                                "preference": {
                                    "matchExpressions": [{"key": "a", "operator": "In", "values": ["bad value"]}]
                                },
                            }
                        ]
                    }
                }
            }
        ),
        None,
    ),
    (
        "extended-request-without-limit",
        V + " ValidateResourceRequirements",
        pod(c={"resources": {"requests": {"example.com/gpu": "1"}}}),
        None,
    ),
    (
        "hugepages-not-whole-pages",
        V + " validateResourceQuantityHugePageValue",
        pod(c={"resources": {"limits": {"hugepages-2Mi": "1Mi", "memory": "1Gi"}}}),
        None,
    ),
    (
        "deletion-cost-not-int32",
        V + " ValidatePodSpecificAnnotations",
        pod(meta={"annotations": {"controller.kubernetes.io/pod-deletion-cost": "abc"}}),
        None,
    ),
    (
        "seccomp-annotation-bad",
        V + " ValidateSeccompProfile (fldPath.Child: dotted key)",
        pod(meta={"annotations": {"seccomp.security.alpha.kubernetes.io/pod": "bogus"}}),
        None,
    ),
    (
        "apparmor-annotation-no-container",
        V + " ValidateAppArmorPodAnnotations",
        pod(meta={"annotations": {"container.apparmor.security.beta.kubernetes.io/x": "runtime/default"}}),
        None,
    ),
    (
        "sts-template-pod-spec-not-validated",
        A + " ValidatePodTemplateSpecForStatefulSet (no ValidatePodSpec in v1.32)",
        sts(c={"imagePullPolicy": "Sometimes"}),
        None,
    ),
    (
        "sts-template-annotations-validated",
        A + " ValidatePodTemplateSpecForStatefulSet",
        sts(meta_ann={"controller.kubernetes.io/pod-deletion-cost": "x"}),
        None,
    ),
    (
        "pv-node-affinity-immutable",
        V + " validatePvNodeAffinity",
        pv(
            {
                "hostPath": None,
                "local": {"path": "/x"},
                "nodeAffinity": {
                    "required": {
                        "nodeSelectorTerms": [{"matchExpressions": [{"key": "a", "operator": "In", "values": ["c"]}]}]
                    }
                },
            }
        ),
        pv(
            {
                "hostPath": None,
                "local": {"path": "/x"},
                "nodeAffinity": {
                    "required": {
                        "nodeSelectorTerms": [{"matchExpressions": [{"key": "a", "operator": "In", "values": ["b"]}]}]
                    }
                },
            }
        ),
    ),
    (
        "crd-schema-type-unknown",
        X + " specStandardValidatorV3.validate",
        crd(spec_props({"a": {"type": "bogus"}})),
        None,
    ),
    (
        "crd-schema-id",
        X + " specStandardValidatorV3.validate",
        crd(spec_props({"a": {"type": "string", "id": "x"}})),
        None,
    ),
    (
        "crd-default-in-metadata",
        X + " specStandardValidatorV3.validate (withForbiddenDefaults in top-level metadata)",
        crd(
            {
                "type": "object",
                "properties": {
                    "metadata": {"type": "object", "properties": {"name": {"type": "string", "default": "x"}}}
                },
            }
        ),
        None,
    ),
    (
        "crd-preserve-unknown-false",
        X + " ValidateCustomResourceDefinitionOpenAPISchema",
        crd(spec_props({"a": {"type": "object", "x-kubernetes-preserve-unknown-fields": False}})),
        None,
    ),
    (
        "crd-map-type-unknown",
        X + " ValidateCustomResourceDefinitionOpenAPISchema",
        crd(spec_props({"a": {"type": "object", "x-kubernetes-map-type": "bogus"}})),
        None,
    ),
    (
        "crd-list-map-key-optional",
        X + " validateMapListKeysMapSet",
        crd(
            spec_props(
                {
                    "a": {
                        "type": "array",
                        "x-kubernetes-list-type": "map",
                        "x-kubernetes-list-map-keys": ["k"],
                        "items": {"type": "object", "properties": {"k": {"type": "string"}}},
                    }
                }
            )
        ),
        None,
    ),
    (
        "crd-list-map-key-missing",
        X + " ValidateCustomResourceDefinitionOpenAPISchema",
        crd(
            spec_props(
                {
                    "a": {
                        "type": "array",
                        "x-kubernetes-list-type": "map",
                        "x-kubernetes-list-map-keys": ["k"],
                        "items": {"type": "object", "required": ["j"], "properties": {"j": {"type": "string"}}},
                    }
                }
            )
        ),
        None,
    ),
    (
        "crd-rule-empty",
        X + " ValidateCustomResourceDefinitionOpenAPISchema (x-kubernetes-validations)",
        crd(spec_props({"a": {"type": "string", "x-kubernetes-validations": [{"rule": " "}]}})),
        None,
    ),
    (
        "crd-rule-message-line-break",
        X + " ValidateCustomResourceDefinitionOpenAPISchema (x-kubernetes-validations)",
        crd(
            spec_props(
                {"a": {"type": "string", "x-kubernetes-validations": [{"rule": "self.size() > 1", "message": "a\nb"}]}}
            )
        ),
        None,
    ),
    (
        "crd-default-outside-enum",
        "k8s.io/apiextensions-apiserver structuraldefaulting.ValidateDefaults",
        crd(spec_props({"a": {"type": "string", "enum": ["x"], "default": "y"}})),
        None,
    ),
    ("crd-array-without-items", XS + " validateStructuralInvariants", crd(spec_props({"a": {"type": "array"}})), None),
    (
        "crd-int-or-string-preserve",
        XS + " validateExtensions",
        crd(spec_props({"a": {"x-kubernetes-int-or-string": True, "x-kubernetes-preserve-unknown-fields": True}})),
        None,
    ),
    (
        "crd-scale-label-selector-path",
        X + " ValidateCustomResourceDefinitionSubresources",
        crd(
            version_extra={
                "subresources": {
                    "scale": {
                        "specReplicasPath": ".spec.replicas",
                        "statusReplicasPath": ".status.replicas",
                        "labelSelectorPath": ".metadata.labels",
                    }
                }
            }
        ),
        None,
    ),
    (
        "crd-printer-column-format",
        X + " ValidateCustomResourceColumnDefinition",
        crd(
            version_extra={
                "additionalPrinterColumns": [{"name": "A", "type": "string", "format": "bogus", "jsonPath": ".spec.x"}]
            }
        ),
        None,
    ),
    (
        "crd-conversion-http-url",
        X + " validateCustomResourceConversion / webhook.ValidateWebhookURL",
        crd(
            spec={
                "conversion": {
                    "strategy": "Webhook",
                    "webhook": {"conversionReviewVersions": ["v1"], "clientConfig": {"url": "http://x.example.com"}},
                }
            }
        ),
        None,
    ),
    (
        "crd-conversion-review-versions",
        X + " validateConversionReviewVersions",
        crd(
            spec={
                "conversion": {
                    "strategy": "Webhook",
                    "webhook": {"conversionReviewVersions": ["v2"], "clientConfig": {"url": "https://x.example.com"}},
                }
            }
        ),
        None,
    ),
    (
        "crd-conversion-none-with-webhook",
        X + " validateCustomResourceConversion",
        crd(
            spec={
                "conversion": {
                    "strategy": "None",
                    "webhook": {"conversionReviewVersions": ["v1"], "clientConfig": {"url": "https://x.example.com"}},
                }
            }
        ),
        None,
    ),
    (
        "rc-selector-mismatch",
        V + " ValidatePodTemplateSpecForRC",
        {
            "apiVersion": "v1",
            "kind": "ReplicationController",
            "metadata": {"name": "rc"},
            "spec": {
                "replicas": 1,
                "selector": {"app": "x"},
                "template": {
                    "metadata": {"labels": {"app": "y"}},
                    "spec": {"containers": [{"name": "c", "image": "nginx:1.27"}]},
                },
            },
        },
        None,
    ),
    (
        "podtemplate-container-name",
        V + " ValidatePodTemplate",
        {
            "apiVersion": "v1",
            "kind": "PodTemplate",
            "metadata": {"name": "pt"},
            "template": {
                "metadata": {"labels": {"a": "b"}},
                "spec": {"containers": [{"name": "Bad", "image": "nginx:1.27"}]},
            },
        },
        None,
    ),
    (
        "webhook-name-two-segments",
        AR + " validateValidatingWebhook (IsFullyQualifiedName)",
        vwc({"name": "check.example"}),
        None,
    ),
    ("webhook-side-effects-missing", AR + " validateValidatingWebhook", vwc({"sideEffects": None}), None),
    (
        "webhook-review-versions-unknown",
        AR + " validateAdmissionReviewVersions",
        vwc({"admissionReviewVersions": ["v2"]}),
        None,
    ),
    ("webhook-timeout-too-long", AR + " validateValidatingWebhook", vwc({"timeoutSeconds": 31}), None),
    (
        "webhook-operation-unknown",
        AR + " validateRuleWithOperations",
        vwc({"rules": [{"operations": ["PATCH"], "apiGroups": [""], "apiVersions": ["v1"], "resources": ["pods"]}]}),
        None,
    ),
    (
        "webhook-url-and-service",
        AR + " validateValidatingWebhook (clientConfig)",
        vwc({"clientConfig": {"url": "https://x.example.com", "service": {"name": "s", "namespace": "default"}}}),
        None,
    ),
    ("svc-warn-external-name-ignored", SW + " GetWarningsForService", svc({"externalName": "a.example.com"}), None),
    ("svc-warn-ipv6-not-canonical", SW + " getWarningsForIP", svc({"externalIPs": ["2001:db8:0:0::1"]}), None),
    (
        "svc-warn-topology-hints-annotation",
        SW + " GetWarningsForService",
        dict(svc(), metadata={"name": "s", "annotations": {"service.kubernetes.io/topology-aware-hints": "auto"}}),
        None,
    ),
]

EXPECTED = {
    "gitrepo-dotdot": (
        1,
        "",
        1,
        'The Pod "d" is invalid: spec.volumes[0].gitRepo.directory: Invalid value: "../a": must not contain \'..\'\n',
    ),
    "gce-partition": (
        1,
        "",
        1,
        'The Pod "d" is invalid: \n* spec.volumes[0].persistentDisk.pdName: Required value\n* spec.volumes[0].persistentDisk.partition: Invalid value: 300: must be between 1 and 255, inclusive\n',
    ),
    "secret-volume-no-name": (1, "", 1, 'The Pod "d" is invalid: spec.volumes[0].secret.secretName: Required value\n'),
    "iscsi-iqn-format": (
        1,
        "",
        1,
        'The Pod "d" is invalid: spec.volumes[0].iscsi.iqn: Invalid value: "foo": must be valid format starting with iqn, eui, or naa\n',
    ),
    "iscsi-chap-secret": (1, "", 1, 'The Pod "d" is invalid: spec.volumes[0].iscsi.secretRef: Required value\n'),
    "fc-wwns-and-wwids": (
        1,
        "",
        1,
        'The Pod "d" is invalid: spec.volumes[0].fc.targetWWNs: Invalid value: []string{"500a0982991b8dc5"}: targetWWNs and wwids can not be specified simultaneously\n',
    ),
    "fc-lun-required": (
        1,
        "",
        1,
        'The Pod "d" is invalid: spec.volumes[0].fc.lun: Required value: lun is required if targetWWNs is specified\n',
    ),
    "rbd-no-monitors": (1, "", 1, 'The Pod "d" is invalid: spec.volumes[0].rbd.monitors: Required value\n'),
    "flex-reserved-option": (
        1,
        "",
        1,
        'The Pod "d" is invalid: spec.volumes[0].flexVolume.options[kubernetes.io/x]: Invalid value: "kubernetes.io/x": kubernetes.io and k8s.io namespaces are reserved\n',
    ),
    "azuredisk-enums": (
        1,
        "",
        1,
        'The Pod "d" is invalid: \n* spec.volumes[0].azureDisk.cachingMode: Unsupported value: "Bad": supported values: "None", "ReadOnly", "ReadWrite"\n* spec.volumes[0].azureDisk.kind: Unsupported value: "Bad": supported values: "Dedicated", "Managed", "Shared"\n* spec.volumes[0].azureDisk.diskURI: Unsupported value: "u": supported values: "https://{account-name}.blob.core.windows.net/{container-name}/{disk-name}.vhd"\n',
    ),
    "quobyte-empty": (
        1,
        "",
        1,
        'The Pod "d" is invalid: \n* spec.volumes[0].quobyte.registry: Required value: must be a host:port pair or multiple pairs separated by commas\n* spec.volumes[0].quobyte.volume: Required value\n',
    ),
    "csi-secret-ref-no-name": (
        1,
        "",
        1,
        'The Pod "d" is invalid: spec.volumes[0].csi.nodePublishSecretRef.name: Required value\n',
    ),
    "projected-default-mode": (
        1,
        "",
        1,
        'The Pod "d" is invalid: spec.volumes[0].projected.defaultMode: Invalid value: 1000: must be a number between 0 and 0777 (octal), both inclusive\n',
    ),
    "projected-token-no-path": (1, "", 1, 'The Pod "d" is invalid: spec.volumes[0].projected.path: Required value\n'),
    "two-sources-downward": (
        1,
        "",
        1,
        'The Pod "d" is invalid: spec.volumes[0].downwarAPI: Forbidden: may not specify more than 1 volume type\n',
    ),
    "windows-container-privileged": (
        1,
        "",
        1,
        'The Pod "d" is invalid: spec.containers[0].securityContext.privileged: Forbidden: cannot be set for a windows pod\n',
    ),
    "linux-windows-options": (
        1,
        "",
        1,
        'The Pod "d" is invalid: spec.containers[0].securityContext.windowsOptions: Forbidden: windows options cannot be set for a linux pod\n',
    ),
    "os-name-empty": (1, "", 1, 'The Pod "d" is invalid: spec.os.name: Required value: cannot be empty\n'),
    "windows-user-two-backslashes": (
        1,
        "",
        1,
        'The Pod "d" is invalid: spec.containers[0].securityContext.windowsOptions.runAsUserName: Invalid value: "a\\\\b\\\\c": runAsUserName cannot contain more than one backslash\n',
    ),
    "windows-gmsa-spec-empty": (
        1,
        "",
        1,
        'The Pod "d" is invalid: spec.securityContext.windowsOptions.gmsaCredentialSpec: Invalid value: "": gmsaCredentialSpec cannot be an empty string\n',
    ),
    "sysctl-host-network": (
        1,
        "",
        1,
        'The Pod "d" is invalid: spec.securityContext.sysctls[0].name: Invalid value: "net.ipv4.ip_forward": may not be specified when \'hostNetwork\' is true\n',
    ),
    "sysctl-host-ipc": (
        1,
        "",
        1,
        'The Pod "d" is invalid: spec.securityContext.sysctls[0].name: Invalid value: "kernel.shmmax": may not be specified when \'hostIPC\' is true\n',
    ),
    "seccomp-type-empty": (
        1,
        "",
        1,
        'The Pod "d" is invalid: \n* spec.containers[0].securityContext.seccompProfile.type: Required value: type is required when seccompProfile is set\n* spec.containers[0].securityContext.seccompProfile.localhostProfile: Invalid value: core.SeccompProfile{Type:"", LocalhostProfile:(*string)(0xc000000000)}: can only be set when seccomp type is Localhost\n',
    ),
    "apparmor-type-empty": (
        1,
        "",
        1,
        'The Pod "d" is invalid: spec.containers[0].securityContext.appArmorProfile.type: Required value: type is required when appArmorProfile is set\n',
    ),
    "pv-node-affinity-required": (
        1,
        "",
        1,
        'The PersistentVolume "pv1" is invalid: spec.nodeAffinity.required: Required value: must specify required node constraints\n',
    ),
    "pv-csi-secret-ref-namespace": (
        1,
        "",
        1,
        'The PersistentVolume "pv1" is invalid: spec.csi.nodePublishSecretRef.namespace: Required value\n',
    ),
    "job-indexed-parallelism-cap": (
        1,
        "",
        1,
        'The Job "j" is invalid: spec.parallelism: Invalid value: 100001: must be less than or equal to 100000 when completion mode is Indexed\n',
    ),
    "job-managed-by-length": (
        1,
        "",
        1,
        'The Job "j" is invalid: spec.managedBy: Too long: may not be more than 63 bytes\n',
    ),
    "job-too-many-failure-rules": (
        1,
        "",
        1,
        'The Job "j" is invalid: spec.podFailurePolicy.rules: Too many: 21: must have at most 20 items\n',
    ),
    "job-high-completions": (
        1,
        "",
        1,
        'The Job "j" is invalid: \n* spec.maxFailedIndexes: Required value: must be specified when completions is above 100000\n* spec.parallelism: Invalid value: 20000: must be less than or equal to 10000 when completions are above 100000 and used with backoff limit per index\n',
    ),
    "cron-template-selector": (
        1,
        "",
        1,
        'The CronJob "cj" is invalid: spec.jobTemplate.spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"a":"b"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` will be auto-generated\n',
    ),
    "cron-template-manual-selector": (
        1,
        "",
        1,
        'The CronJob "cj" is invalid: spec.jobTemplate.spec.manualSelector: Unsupported value: true: supported values: "nil", "false"\n',
    ),
    "cron-every-bad-duration": (
        1,
        "",
        1,
        'The CronJob "cj" is invalid: spec.schedule: Invalid value: "@every 5x": failed to parse duration @every 5x: time: unknown unit "x" in duration "5x"\n',
    ),
    "svc-node-port-range": (
        1,
        "",
        None,
        'The Service "s" is invalid: spec.ports[0].nodePort: Invalid value: 20000: provided port is not in the valid range. The range of valid ports is 30000-32767\n',
    ),
    "svc-cluster-ips-mismatch": (
        1,
        "",
        1,
        'The Service "s" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.100.101"}: first value must match `clusterIP`\n',
    ),
    "svc-lb-class-format": (
        1,
        "",
        1,
        'The Service "s" is invalid: spec.loadBalancerClass: Invalid value: "example.com/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa": name part must be no more than 63 characters\n',
    ),
    "ing-resource-backend": (
        1,
        "",
        1,
        "The Ingress \"i\" is invalid: \n* spec.rules[0].http.paths[0].backend.resource.apiGroup: Invalid value: \"Bad Group\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n* spec.rules[0].http.paths[0].backend.resource.name: Required value: name is required\n",
    ),
    "ing-tls-secret-name": (
        1,
        "",
        1,
        "The Ingress \"i\" is invalid: spec.tls[0].secretName: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n",
    ),
    "ingclass-params-kind": (
        1,
        "",
        1,
        'The IngressClass "ic" is invalid: spec.parameters.kind: Required value: kind is required\n',
    ),
    "warn-critical-pod": (
        0,
        "pod/d created (server dry run)\n",
        0,
        'Warning: metadata.annotations[scheduler.alpha.kubernetes.io/critical-pod]: non-functional in v1.16+; use the "priorityClassName" field instead\n',
    ),
    "warn-duplicate-host-alias": (
        0,
        "pod/d created (server dry run)\n",
        0,
        'Warning: spec.hostAliases[1].ip: duplicate ip "1.2.3.4"\n',
    ),
    "warn-hostip-without-hostport": (
        0,
        "pod/d created (server dry run)\n",
        0,
        "Warning: spec.containers[0].ports[0]: hostIP set without hostPort: {Name: HostPort:0 ContainerPort:80 Protocol:TCP HostIP:1.2.3.4}\n",
    ),
    "warn-null-pod-affinity-selector": (
        0,
        "pod/d created (server dry run)\n",
        0,
        "Warning: spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector: a null labelSelector results in matching no pod\n",
    ),
    "warn-env-redefined-from-previous": (
        0,
        "pod/d created (server dry run)\n",
        0,
        'Warning: spec.containers[0].env[2]: hides previous definition of "A", which may be dropped when using apply\n',
    ),
    "update-pod-add-container": (
        1,
        "",
        None,
        'The Pod "d" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers\n',
    ),
    "update-pod-remove-toleration": (
        1,
        "",
        None,
        'The Pod "d" is invalid: spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds\n',
    ),
    "update-job-managed-by": (
        1,
        "",
        None,
        'The Job "j" is invalid: spec.managedBy: Invalid value: "example.com/x": field is immutable\n',
    ),
    "update-job-backoff-per-index": (
        1,
        "",
        None,
        'The Job "j" is invalid: spec.backoffLimitPerIndex: Invalid value: 2: field is immutable\n',
    ),
    "update-svc-lb-class": (
        1,
        "",
        None,
        'The Service "s" is invalid: spec.loadBalancerClass: Invalid value: "example.com/b": may not change once set\n',
    ),
    "update-pc-preemption-policy": (
        1,
        "",
        None,
        'The PriorityClass "pc1" is invalid: preemptionPolicy: Invalid value: "Never": field is immutable\n',
    ),
    "update-quota-scopes": (
        1,
        "",
        None,
        'The ResourceQuota "q" is invalid: spec.scopes: Invalid value: []core.ResourceQuotaScope{"BestEffort"}: field is immutable\n',
    ),
    "update-csidriver-lifecycle": (
        1,
        "",
        None,
        'The CSIDriver "d.example.com" is invalid: spec.volumeLifecycleModes: Invalid value: []storage.VolumeLifecycleMode{"Ephemeral"}: field is immutable\n',
    ),
    "toleration-equal-bad-value": (
        1,
        "",
        1,
        "The Pod \"d\" is invalid: spec.tolerations[0].operator: Invalid value: \"bad value\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')\n",
    ),
    "node-affinity-required-bad-value": (
        1,
        "",
        1,
        "The Pod \"d\" is invalid: spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values[0]: Invalid value: \"bad value\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')\n",
    ),
    "node-affinity-preferred-bad-value-ok": (0, "pod/d created (server dry run)\n", 0, ""),
    "extended-request-without-limit": (
        1,
        "",
        1,
        'The Pod "d" is invalid: spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources\n',
    ),
    "hugepages-not-whole-pages": (
        1,
        "",
        1,
        'The Pod "d" is invalid: \n* spec.containers[0].resources.limits[hugepages-2Mi]: Invalid value: "1Mi": 1Mi is not positive integer multiple of hugepages-2Mi\n* spec.containers[0].resources.requests[hugepages-2Mi]: Invalid value: "1Mi": 1Mi is not positive integer multiple of hugepages-2Mi\n',
    ),
    "deletion-cost-not-int32": (
        1,
        "",
        1,
        'The Pod "d" is invalid: metadata.annotations[controller.kubernetes.io/pod-deletion-cost]: Invalid value: "abc": must be a 32bit integer\n',
    ),
    "seccomp-annotation-bad": (
        1,
        "",
        1,
        'The Pod "d" is invalid: metadata.annotations.seccomp.security.alpha.kubernetes.io/pod: Invalid value: "bogus": must be a valid seccomp profile\n',
    ),
    "apparmor-annotation-no-container": (
        1,
        "",
        1,
        'The Pod "d" is invalid: metadata.annotations[container.apparmor.security.beta.kubernetes.io/x]: Invalid value: "x": container not found\n',
    ),
    "sts-template-pod-spec-not-validated": (0, "statefulset.apps/st created (server dry run)\n", 0, ""),
    "sts-template-annotations-validated": (
        1,
        "",
        1,
        'The StatefulSet "st" is invalid: spec.template.annotations[controller.kubernetes.io/pod-deletion-cost]: Invalid value: "x": must be a 32bit integer\n',
    ),
    "pv-node-affinity-immutable": (
        1,
        "",
        None,
        'The PersistentVolume "pv1" is invalid: nodeAffinity: Invalid value: core.VolumeNodeAffinity{Required:(*core.NodeSelector)(0xc000000000)}: field is immutable, except for updating from beta label to GA\n',
    ),
    "crd-schema-type-unknown": (
        1,
        "",
        1,
        'The CustomResourceDefinition "widgets.x.example.com" is invalid: spec.validation.openAPIV3Schema.properties[spec].properties[a].type: Unsupported value: "bogus": supported values: "array", "boolean", "integer", "number", "object", "string"\n',
    ),
    "crd-schema-id": (
        1,
        "",
        1,
        'The CustomResourceDefinition "widgets.x.example.com" is invalid: spec.validation.openAPIV3Schema.properties[spec].properties[a].id: Forbidden: id is not supported\n',
    ),
    "crd-default-in-metadata": (
        1,
        "",
        1,
        'The CustomResourceDefinition "widgets.x.example.com" is invalid: spec.validation.openAPIV3Schema.properties[metadata].properties[name].default: Forbidden: must not be set in top-level metadata\n',
    ),
    "crd-preserve-unknown-false": (
        1,
        "",
        1,
        'The CustomResourceDefinition "widgets.x.example.com" is invalid: spec.validation.openAPIV3Schema.properties[spec].properties[a].x-kubernetes-preserve-unknown-fields: Invalid value: false: must be true or undefined\n',
    ),
    "crd-map-type-unknown": (
        1,
        "",
        1,
        'The CustomResourceDefinition "widgets.x.example.com" is invalid: spec.validation.openAPIV3Schema.properties[spec].properties[a].x-kubernetes-map-type: Unsupported value: "bogus": supported values: "atomic", "granular"\n',
    ),
    "crd-list-map-key-optional": (
        1,
        "",
        1,
        'The CustomResourceDefinition "widgets.x.example.com" is invalid: spec.validation.openAPIV3Schema.properties[spec].properties[a].items.properties[k].default: Required value: this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property\n',
    ),
    "crd-list-map-key-missing": (
        1,
        "",
        1,
        'The CustomResourceDefinition "widgets.x.example.com" is invalid: spec.validation.openAPIV3Schema.properties[spec].properties[a].x-kubernetes-list-map-keys: Invalid value: []string{"k"}: entries must all be names of item properties\n',
    ),
    "crd-rule-empty": (
        1,
        "",
        1,
        'The CustomResourceDefinition "widgets.x.example.com" is invalid: spec.validation.openAPIV3Schema.properties[spec].properties[a].x-kubernetes-validations[0].rule: Required value: rule is not specified\n',
    ),
    "crd-rule-message-line-break": (
        1,
        "",
        1,
        'The CustomResourceDefinition "widgets.x.example.com" is invalid: spec.validation.openAPIV3Schema.properties[spec].properties[a].x-kubernetes-validations[0].message: Invalid value: "a\nb": message must not contain line breaks\n',
    ),
    "crd-default-outside-enum": (
        1,
        "",
        1,
        'The CustomResourceDefinition "widgets.x.example.com" is invalid: spec.validation.openAPIV3Schema.properties[spec].properties[a].default: Unsupported value: "y": supported values: "x"\n',
    ),
    "crd-array-without-items": (
        1,
        "",
        1,
        'The CustomResourceDefinition "widgets.x.example.com" is invalid: spec.validation.openAPIV3Schema.properties[spec].properties[a].items: Required value: must be specified\n',
    ),
    "crd-int-or-string-preserve": (
        1,
        "",
        1,
        'The CustomResourceDefinition "widgets.x.example.com" is invalid: spec.validation.openAPIV3Schema.properties[spec].properties[a].x-kubernetes-preserve-unknown-fields: Invalid value: true: must be false if x-kubernetes-int-or-string is true\n',
    ),
    "crd-scale-label-selector-path": (
        1,
        "",
        1,
        'The CustomResourceDefinition "widgets.x.example.com" is invalid: spec.subresources.scale.labelSelectorPath: Invalid value: ".metadata.labels": should be a json path under either .spec or .status\n',
    ),
    "crd-printer-column-format": (
        1,
        "",
        1,
        'The CustomResourceDefinition "widgets.x.example.com" is invalid: spec.additionalPrinterColumns[0].format: Invalid value: "bogus": must be one of byte,date,date-time,double,float,int32,int64,password\n',
    ),
    "crd-conversion-http-url": (
        1,
        "",
        1,
        'The CustomResourceDefinition "widgets.x.example.com" is invalid: spec.conversion.webhookClientConfig.url: Invalid value: "http": \'https\' is the only allowed URL scheme; desired format: https://host[/path]\n',
    ),
    "crd-conversion-review-versions": (
        1,
        "",
        1,
        'The CustomResourceDefinition "widgets.x.example.com" is invalid: spec.conversion.conversionReviewVersions: Invalid value: []string{"v2"}: must include at least one of v1, v1beta1\n',
    ),
    "crd-conversion-none-with-webhook": (
        1,
        "",
        1,
        'The CustomResourceDefinition "widgets.x.example.com" is invalid: \n* spec.conversion.webhookClientConfig: Forbidden: should not be set when strategy is not set to Webhook\n* spec.conversion.conversionReviewVersions: Forbidden: should not be set when strategy is not set to Webhook\n',
    ),
    "rc-selector-mismatch": (
        1,
        "",
        1,
        'The ReplicationController "rc" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"y"}: `selector` does not match template `labels`\n',
    ),
    "podtemplate-container-name": (
        1,
        "",
        1,
        "The PodTemplate \"pt\" is invalid: template.spec.containers[0].name: Invalid value: \"Bad\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')\n",
    ),
    "webhook-name-two-segments": (
        1,
        "",
        1,
        'The ValidatingWebhookConfiguration "vw" is invalid: webhooks[0].name: Invalid value: "check.example": should be a domain with at least three segments separated by dots\n',
    ),
    "webhook-side-effects-missing": (
        1,
        "",
        1,
        'The ValidatingWebhookConfiguration "vw" is invalid: webhooks[0].sideEffects: Required value: must specify one of None, NoneOnDryRun\n',
    ),
    "webhook-review-versions-unknown": (
        1,
        "",
        1,
        'The ValidatingWebhookConfiguration "vw" is invalid: webhooks[0].admissionReviewVersions: Invalid value: []string{"v2"}: must include at least one of v1, v1beta1\n',
    ),
    "webhook-timeout-too-long": (
        1,
        "",
        1,
        'The ValidatingWebhookConfiguration "vw" is invalid: webhooks[0].timeoutSeconds: Invalid value: 31: the timeout value must be between 1 and 30 seconds\n',
    ),
    "webhook-operation-unknown": (
        1,
        "",
        1,
        'The ValidatingWebhookConfiguration "vw" is invalid: webhooks[0].rules[0].operations[0]: Unsupported value: "PATCH": supported values: "*", "CONNECT", "CREATE", "DELETE", "UPDATE"\n',
    ),
    "webhook-url-and-service": (
        1,
        "",
        1,
        'The ValidatingWebhookConfiguration "vw" is invalid: webhooks[0].clientConfig: Required value: exactly one of url or service is required\n',
    ),
    "svc-warn-external-name-ignored": (
        0,
        "service/s created (server dry run)\n",
        0,
        'Warning: spec.externalName is ignored when spec.type is not "ExternalName"\n',
    ),
    "svc-warn-ipv6-not-canonical": (
        0,
        "service/s created (server dry run)\n",
        0,
        'Warning: spec.externalIPs[0]: IPv6 address "2001:db8:0:0::1" is not in RFC 5952 canonical format ("2001:db8::1"), which may cause controller apply-loops\n',
    ),
    "svc-warn-topology-hints-annotation": (
        0,
        "service/s created (server dry run)\n",
        0,
        "Warning: annotation service.kubernetes.io/topology-aware-hints is deprecated, please use service.kubernetes.io/topology-mode instead\n",
    ),
}


@pytest.mark.parametrize("case_id,source,manifest,base", CASES, ids=[c[0] for c in CASES])
def test_derived_rule(run, tmp_path: Path, case_id: str, source: str, manifest: dict, base: dict | None) -> None:
    code, out, validate_code, err = EXPECTED[case_id]
    if base is not None:
        (tmp_path / "base.yaml").write_text(json.dumps(base))
        setup = run(["apply", "-f", str(tmp_path / "base.yaml")])
        assert setup.code == 0, setup.err
    path = tmp_path / "case.yaml"
    path.write_text(json.dumps(manifest))
    res = run(["apply", "--dry-run=server", "-f", str(path)])
    assert (res.code, res.out, res.err) == (code, out, err), f"{source}\n{res.err}"
    if base is None and validate_code is not None:
        verdict = run(["validate", "-f", str(path)])
        assert verdict.code == validate_code, verdict.out + verdict.err


def test_every_case_has_an_expectation() -> None:
    assert sorted(c[0] for c in CASES) == sorted(EXPECTED)
