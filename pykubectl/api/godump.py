"""Go's ``%#v`` of the API server's internal types, as a few of its messages print a whole value (a Job's
``spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable``).

Each struct is a table of (Go field, JSON field, type) in the internal type's field order (pkg/apis/core/types.go);
a type is a Go type spelling: ``string``, ``int64``, ``bool``, ``*T`` (printed as Go prints a pointer: its type and
an address, which says nothing about the value), ``[]T``, ``map[string]string``, ``core.ResourceList`` or the name
of another table. Values are the object's JSON (v1) fields, which the internal types mirror.
"""

from __future__ import annotations

from typing import Any

from .corevalidation import go_quantity
from .schema import go_quote

_STRUCTS: dict[str, list[tuple[str, str, str]]] = {}


def _table(name: str, fields: str) -> None:
    rows = []
    for spec in fields.split(";"):
        spec = spec.strip()
        if not spec:
            continue
        go_name, json_name, typ = spec.split(" ", 2)
        rows.append((go_name, json_name, typ))
    _STRUCTS[name] = rows


_table("v1.ObjectMeta", """
    Name name string; GenerateName generateName string; Namespace namespace string; SelfLink selfLink string;
    UID uid types.UID; ResourceVersion resourceVersion string; Generation generation int64;
    CreationTimestamp creationTimestamp v1.Time; DeletionTimestamp deletionTimestamp *v1.Time;
    DeletionGracePeriodSeconds deletionGracePeriodSeconds *int64; Labels labels map[string]string;
    Annotations annotations map[string]string; OwnerReferences ownerReferences []v1.OwnerReference;
    Finalizers finalizers []string; ManagedFields managedFields []v1.ManagedFieldsEntry""")
_table("core.PodTemplateSpec", "ObjectMeta metadata v1.ObjectMeta; Spec spec core.PodSpec")
_table("core.PodSpec", """
    Volumes volumes []core.Volume; InitContainers initContainers []core.Container;
    Containers containers []core.Container; EphemeralContainers ephemeralContainers []core.EphemeralContainer;
    RestartPolicy restartPolicy string; TerminationGracePeriodSeconds terminationGracePeriodSeconds *int64;
    ActiveDeadlineSeconds activeDeadlineSeconds *int64; DNSPolicy dnsPolicy string;
    NodeSelector nodeSelector map[string]string; ServiceAccountName serviceAccountName string;
    AutomountServiceAccountToken automountServiceAccountToken *bool; NodeName nodeName string;
    SecurityContext securityContext *core.PodSecurityContext; ImagePullSecrets imagePullSecrets []core.LocalObjectReference;
    Hostname hostname string; Subdomain subdomain string; SetHostnameAsFQDN setHostnameAsFQDN *bool;
    Affinity affinity *core.Affinity; SchedulerName schedulerName string; Tolerations tolerations []core.Toleration;
    HostAliases hostAliases []core.HostAlias; PriorityClassName priorityClassName string; Priority priority *int32;
    PreemptionPolicy preemptionPolicy *core.PreemptionPolicy; DNSConfig dnsConfig *core.PodDNSConfig;
    ReadinessGates readinessGates []core.PodReadinessGate; RuntimeClassName runtimeClassName *string;
    Overhead overhead core.ResourceList; EnableServiceLinks enableServiceLinks *bool;
    TopologySpreadConstraints topologySpreadConstraints []core.TopologySpreadConstraint; OS os *core.PodOS;
    SchedulingGates schedulingGates []core.PodSchedulingGate; ResourceClaims resourceClaims []core.PodResourceClaim;
    Resources resources *core.ResourceRequirements""")
_table("core.Container", """
    Name name string; Image image string; Command command []string; Args args []string; WorkingDir workingDir string;
    Ports ports []core.ContainerPort; EnvFrom envFrom []core.EnvFromSource; Env env []core.EnvVar;
    Resources resources core.ResourceRequirements; ResizePolicy resizePolicy []core.ContainerResizePolicy;
    RestartPolicy restartPolicy *core.ContainerRestartPolicy; VolumeMounts volumeMounts []core.VolumeMount;
    VolumeDevices volumeDevices []core.VolumeDevice; LivenessProbe livenessProbe *core.Probe;
    ReadinessProbe readinessProbe *core.Probe; StartupProbe startupProbe *core.Probe;
    Lifecycle lifecycle *core.Lifecycle; TerminationMessagePath terminationMessagePath string;
    TerminationMessagePolicy terminationMessagePolicy string; ImagePullPolicy imagePullPolicy string;
    SecurityContext securityContext *core.SecurityContext; Stdin stdin bool; StdinOnce stdinOnce bool; TTY tty bool""")
_table("core.ResourceRequirements", "Limits limits core.ResourceList; Requests requests core.ResourceList; "
                                    "Claims claims []core.ResourceClaim")
_table("core.ResourceClaim", "Name name string; Request request string")
_table("core.ContainerPort", "Name name string; HostPort hostPort int32; ContainerPort containerPort int32; "
                             "Protocol protocol string; HostIP hostIP string")
_table("core.EnvVar", "Name name string; Value value string; ValueFrom valueFrom *core.EnvVarSource")
_table("core.EnvFromSource", "Prefix prefix string; ConfigMapRef configMapRef *core.ConfigMapEnvSource; "
                             "SecretRef secretRef *core.SecretEnvSource")
_table("core.VolumeMount", "Name name string; ReadOnly readOnly bool; "
                           "RecursiveReadOnly recursiveReadOnly *core.RecursiveReadOnlyMode; MountPath mountPath string; "
                           "SubPath subPath string; MountPropagation mountPropagation *core.MountPropagationMode; "
                           "SubPathExpr subPathExpr string")
_table("core.VolumeDevice", "Name name string; DevicePath devicePath string")
_table("core.ContainerResizePolicy", "ResourceName resourceName string; RestartPolicy restartPolicy string")
_table("core.LocalObjectReference", "Name name string")
_table("core.Toleration", "Key key string; Operator operator string; Value value string; Effect effect string; "
                          "TolerationSeconds tolerationSeconds *int64")
_table("core.HostAlias", "IP ip string; Hostnames hostnames []string")
_table("core.PodReadinessGate", "ConditionType conditionType string")
_table("core.PodSchedulingGate", "Name name string")
_table("core.PodResourceClaim", "Name name string; ResourceClaimName resourceClaimName *string; "
                                "ResourceClaimTemplateName resourceClaimTemplateName *string")
_table("core.TopologySpreadConstraint", """
    MaxSkew maxSkew int32; TopologyKey topologyKey string; WhenUnsatisfiable whenUnsatisfiable string;
    LabelSelector labelSelector *v1.LabelSelector; MinDomains minDomains *int32;
    NodeAffinityPolicy nodeAffinityPolicy *core.NodeInclusionPolicy;
    NodeTaintsPolicy nodeTaintsPolicy *core.NodeInclusionPolicy; MatchLabelKeys matchLabelKeys []string""")
_VOLUME_SOURCES = (
    ("HostPath", "hostPath", "HostPathVolumeSource"), ("EmptyDir", "emptyDir", "EmptyDirVolumeSource"),
    ("GCEPersistentDisk", "gcePersistentDisk", "GCEPersistentDiskVolumeSource"),
    ("AWSElasticBlockStore", "awsElasticBlockStore", "AWSElasticBlockStoreVolumeSource"),
    ("GitRepo", "gitRepo", "GitRepoVolumeSource"), ("Secret", "secret", "SecretVolumeSource"),
    ("NFS", "nfs", "NFSVolumeSource"), ("ISCSI", "iscsi", "ISCSIVolumeSource"),
    ("Glusterfs", "glusterfs", "GlusterfsVolumeSource"),
    ("PersistentVolumeClaim", "persistentVolumeClaim", "PersistentVolumeClaimVolumeSource"),
    ("RBD", "rbd", "RBDVolumeSource"), ("Quobyte", "quobyte", "QuobyteVolumeSource"),
    ("FlexVolume", "flexVolume", "FlexVolumeSource"), ("Cinder", "cinder", "CinderVolumeSource"),
    ("CephFS", "cephfs", "CephFSVolumeSource"), ("Flocker", "flocker", "FlockerVolumeSource"),
    ("DownwardAPI", "downwardAPI", "DownwardAPIVolumeSource"), ("FC", "fc", "FCVolumeSource"),
    ("AzureFile", "azureFile", "AzureFileVolumeSource"), ("ConfigMap", "configMap", "ConfigMapVolumeSource"),
    ("VsphereVolume", "vsphereVolume", "VsphereVirtualDiskVolumeSource"),
    ("AzureDisk", "azureDisk", "AzureDiskVolumeSource"),
    ("PhotonPersistentDisk", "photonPersistentDisk", "PhotonPersistentDiskVolumeSource"),
    ("Projected", "projected", "ProjectedVolumeSource"), ("PortworxVolume", "portworxVolume", "PortworxVolumeSource"),
    ("ScaleIO", "scaleIO", "ScaleIOVolumeSource"), ("StorageOS", "storageos", "StorageOSVolumeSource"),
    ("CSI", "csi", "CSIVolumeSource"), ("Ephemeral", "ephemeral", "EphemeralVolumeSource"),
    ("Image", "image", "ImageVolumeSource"))
_STRUCTS["core.VolumeSource"] = [(g, j, f"*core.{t}") for g, j, t in _VOLUME_SOURCES]
# core.Volume embeds VolumeSource: its fields come from the volume's own JSON object.
_STRUCTS["core.Volume"] = [("Name", "name", "string"), ("VolumeSource", "", "core.VolumeSource")]

_INTS = {"int", "int32", "int64", "uint32", "uint64"}


class _Pointers:
    """Distinct made-up addresses for the non-nil pointers of one value (Go prints where they point)."""

    def __init__(self) -> None:
        self.next = 0xc000010000

    def take(self) -> str:
        self.next += 0x18
        return f"0x{self.next:x}"


def go_value(value: Any, typ: str, ptrs: _Pointers | None = None) -> str:
    """``value`` (JSON) printed as Go's %#v prints a value of the Go type ``typ``."""
    return _fmt(value, typ, ptrs or _Pointers())


def _fmt(v: Any, typ: str, ptrs: _Pointers) -> str:
    if typ.startswith("*"):
        if v is None:
            return "<nil>" if typ == "*v1.Time" else f"({typ})(nil)"
        return f"({typ})({ptrs.take()})"
    if typ.startswith("[]"):
        if v is None:
            return f"{typ}(nil)"
        elem = typ[2:]
        return typ + "{" + ", ".join(_fmt(x, elem, ptrs) for x in (v if isinstance(v, list) else [])) + "}"
    if typ.startswith("map["):
        if v is None:
            return f"{typ}(nil)"
        items = v if isinstance(v, dict) else {}
        return typ + "{" + ", ".join(f"{go_quote(str(k))}:{go_quote(str(items[k]))}" for k in sorted(items)) + "}"
    if typ == "core.ResourceList":
        if v is None:
            return "core.ResourceList(nil)"
        items = v if isinstance(v, dict) else {}
        return "core.ResourceList{" + ", ".join(f"{go_quote(str(k))}:{go_quantity(items[k])}" for k in sorted(items)) + "}"
    if typ in ("string", "types.UID"):
        return go_quote("" if v is None else str(v))
    if typ in _INTS:
        return str(v) if isinstance(v, int) and not isinstance(v, bool) else "0"
    if typ == "bool":
        return "true" if v else "false"
    if typ == "v1.Time":
        if not v:
            return "time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC)"
        return _go_time(str(v))
    table = _STRUCTS.get(typ)
    if table is None:
        return typ + "{}"
    obj = v if isinstance(v, dict) else {}
    parts = []
    for go_name, json_name, ftyp in table:
        fv = obj if not json_name else obj.get(json_name)
        parts.append(f"{go_name}:{_fmt(fv, ftyp, ptrs)}")
    return typ + "{" + ", ".join(parts) + "}"


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def _go_time(text: str) -> str:
    import re

    m = re.match(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)", text)
    if not m:
        return "time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC)"
    y, mo, d, h, mi, s = (int(x) for x in m.groups())
    return f"time.Date({y}, time.{_MONTHS[mo - 1]}, {d}, {h}, {mi}, {s}, 0, time.Local)"


def go_pod_template_spec(template: Any) -> str:
    return go_value(template if isinstance(template, dict) else {}, "core.PodTemplateSpec")
