"""The hot path of the semantic rules: a yes/no check of the common kinds' specs, specialised from ``api.validation``.

``api.validation`` reproduces the API server's field errors, which costs it a path string, a list and a call per
rule and field, also for the many fields a manifest does not have. Most documents are valid, so ``validate`` first
asks this module, which answers only "the kind's spec rules certainly find nothing" (``True``) or "ask the exact
rules" (``False``). On ``True`` the exact rules still check the metadata (``validation.validate_create`` with
``spec_valid``); on ``False`` they check everything, so every message comes from them by construction.

Kinds: Deployments (the pod template is most of the rules' cost) and Services. How it stays sound: each check
mirrors one rule of ``validation.validate_pod_spec`` and ``_validate_deployment``, or of ``_validate_service``
and ``corevalidation.service_extra`` (in their order), and either proves that rule finds nothing, for the shapes manifests usually have, or calls the
exact rule (a rarer field: affinity, tolerations, volume sources), or gives up. Only the fields listed here may be
present (``_POD_SPEC_KEYS``, ``_CONTAINER_KEYS`` ...): a field any rule reads that this module does not reason
about sends the document to the exact rules. Pure string checks (DNS labels, port names, label pairs) are called
through a memo of the strings they accepted. ``tests/validate/test_fastrules.py`` perturbs every field of
written and real Deployments and Services and checks that `validate` reports the same with and without this
module, and that it never says ``True`` where the exact rules find an error.
"""

from __future__ import annotations

from typing import Any, Callable

from ..api import validation as V

# Strings a pure check accepted, per check (bounded: cleared when full).
_ACCEPTED: dict[Callable[..., list[str]], set[str]] = {}
_ACCEPTED_MAX = 4096


def _accepts(check: Callable[..., list[str]], value: Any, *args: Any) -> bool:
    """Whether ``check(value, *args)`` returns ``[]`` (``value`` a str; the checks are pure functions)."""
    if value.__class__ is not str:
        return False
    seen = _ACCEPTED.get(check)
    if seen is None:
        seen = _ACCEPTED[check] = set()
    elif value in seen:
        return True
    if check(value, *args):
        return False
    if len(seen) >= _ACCEPTED_MAX:
        seen.clear()
    seen.add(value)
    return True


def _labels_ok(labels: dict) -> bool:
    """``validation.validate_labels(labels, path)`` finds nothing: every pair is in its memo of valid pairs, or the
    rule itself (which remembers them) accepts them."""
    ok = V._LABELS_OK
    for pair in labels.items():
        if pair not in ok:
            return not V.validate_labels(labels, "")
    return True


def _subdomain(name: str) -> list[str]:
    return V.name_is_dns_subdomain(name, False)


def _nonneg_int(v: Any) -> bool:
    """``v`` absent or a non-negative int: ``validation._nonneg`` finds nothing."""
    return v is None or (v.__class__ is int and v >= 0)


# ------------------------------------------------------------------------------------------------ containers

# Fields of a container this module reasons about; the rules read none of command, args, workingDir,
# terminationMessagePath, stdin, stdinOnce, tty.
_CONTAINER_KEYS = frozenset({
    "name", "image", "imagePullPolicy", "terminationMessagePolicy", "terminationMessagePath", "ports", "env",
    "envFrom", "volumeMounts", "resources", "livenessProbe", "readinessProbe", "startupProbe", "securityContext",
    "command", "args", "workingDir", "stdin", "stdinOnce", "tty",
})
_PORT_KEYS = frozenset({"name", "containerPort", "protocol"})
_ENV_KEYS = frozenset({"name", "value", "valueFrom"})
_MOUNT_KEYS = frozenset({"name", "mountPath", "readOnly"})
_RESOURCE_NAMES = frozenset({"cpu", "memory", "ephemeral-storage"})
_PROBE_KEYS = frozenset({"httpGet", "tcpSocket", "exec", "initialDelaySeconds", "timeoutSeconds", "periodSeconds",
                         "successThreshold", "failureThreshold"})
_PROBE_NUMBERS = ("initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold")
_HTTP_GET_KEYS = frozenset({"path", "port", "scheme", "host"})
# A container securityContext's fields whose rules are proved here: container_security_context reads runAsUser,
# runAsGroup, seccompProfile, allowPrivilegeEscalation with privileged and capabilities.add, windowsOptions and
# appArmorProfile; pod_os and windows_host_process read windowsOptions (and more only for a pod with spec.os).
_CONTAINER_SC_KEYS = frozenset({"runAsNonRoot", "runAsUser", "runAsGroup", "readOnlyRootFilesystem",
                                "allowPrivilegeEscalation", "privileged", "capabilities"})


def _port_ok(port: Any) -> bool:
    """A port of ``_validate_ports``: port number in range, protocol one of the three (the name is checked by the
    caller, with uniqueness)."""
    n = port.get("containerPort")
    return n.__class__ is int and 1 <= n <= 65535 and port.get("protocol") in ("TCP", "UDP", "SCTP")


def _env_ok(env: Any) -> bool:
    """``_validate_env`` and ``podvalidation.env_value_from``: a printable name without '=', and either no
    ``valueFrom`` or one field reference / key selector with an empty ``value``."""
    if env.__class__ is not list:
        return False
    bad = V._ENV_NAME_BAD.search
    for var in env:
        if var.__class__ is not dict or not var.keys() <= _ENV_KEYS:
            return False
        name = var.get("name")
        if name.__class__ is not str or not name or bad(name) is not None:
            return False
        vf = var.get("valueFrom")
        if vf is None:
            continue
        if vf.__class__ is not dict or len(vf) != 1 or var.get("value"):
            return False
        (which, ref), = vf.items()
        if ref.__class__ is not dict:
            return False
        if which == "fieldRef":
            if V._podv().object_field_selector(ref, V._podv()._ENV_FIELD_PATHS, ""):
                return False
        elif which in ("configMapKeyRef", "secretKeyRef"):
            if V._podv()._key_selector(ref, ""):
                return False
        else:
            return False
    return True


def _env_from_ok(sources: Any) -> bool:
    return sources.__class__ is list and not V._podv().env_from(sources, "")


def _probe_ok(probe: Any, liveness_or_startup: bool) -> bool:
    """``podvalidation.probe``: exactly one handler (httpGet with a path, a valid port and scheme; tcpSocket with a
    valid port; exec with a command), non-negative numbers, successThreshold 1 for liveness and startup probes."""
    if probe.__class__ is not dict or not probe.keys() <= _PROBE_KEYS:
        return False
    http, tcp, exe = probe.get("httpGet"), probe.get("tcpSocket"), probe.get("exec")
    if (http is not None) + (tcp is not None) + (exe is not None) != 1:
        return False
    if http is not None:
        if http.__class__ is not dict or not http.keys() <= _HTTP_GET_KEYS or not http.get("path") \
                or http.get("scheme") not in ("HTTP", "HTTPS") or not _port_ref_ok(http.get("port")):
            return False
    elif tcp is not None:
        if tcp.__class__ is not dict or tcp.keys() != {"port"} or not _port_ref_ok(tcp["port"]):
            return False
    elif exe.__class__ is not dict or exe.keys() != {"command"} or exe["command"].__class__ is not list \
            or not exe["command"]:
        return False
    for field in _PROBE_NUMBERS:
        v = probe.get(field)
        if v is not None and not (v.__class__ is int and v >= 0):
            return False
    return not liveness_or_startup or probe.get("successThreshold") in (None, 1)


def _port_ref_ok(port: Any) -> bool:
    """``podvalidation._port_num_or_name`` finds nothing."""
    if port.__class__ is int:
        return 1 <= port <= 65535
    return _accepts(V.is_valid_port_name, port)


def _container_sc_ok(sc: Any) -> bool:
    if sc is None:
        return True
    if sc.__class__ is not dict or not sc.keys() <= _CONTAINER_SC_KEYS:
        return False
    for field in ("runAsUser", "runAsGroup"):
        v = sc.get(field)
        if v is not None and not (v.__class__ is int and 0 <= v <= 2147483647):
            return False
    if sc.get("allowPrivilegeEscalation") is False:
        if sc.get("privileged") is True:
            return False
        caps = sc.get("capabilities")
        if caps is not None and (caps.__class__ is not dict or "CAP_SYS_ADMIN" in (caps.get("add") or ())):
            return False
    return True


def _container_ok(c: Any, volumes: dict[str, str], names: set[str]) -> bool:
    """``_validate_container`` (with ``volume_mounts_extra`` and ``volume_devices``, no devices here), the
    duplicate-name check, lifecycle (absent), probes and restartPolicy (absent) of ``validate_pod_spec``."""
    if c.__class__ is not dict or not c.keys() <= _CONTAINER_KEYS:
        return False
    name = c.get("name")
    if not name or name in names or not _accepts(V.is_dns1123_label, name):
        return False
    names.add(name)
    if not c.get("image") or c.get("terminationMessagePolicy") not in ("File", "FallbackToLogsOnError") \
            or c.get("imagePullPolicy") not in ("Always", "IfNotPresent", "Never"):
        return False
    ports = c.get("ports")
    if ports is not None:
        if ports.__class__ is not list:
            return False
        port_names: set[str] = set()
        for port in ports:
            if port.__class__ is not dict or not port.keys() <= _PORT_KEYS or not _port_ok(port):
                return False
            pname = port.get("name")
            if pname:
                if pname in port_names or not _accepts(V.is_valid_port_name, pname):
                    return False
                port_names.add(pname)
    env = c.get("env")
    if env is not None and not _env_ok(env):
        return False
    env_from = c.get("envFrom")
    if env_from is not None and not _env_from_ok(env_from):
        return False
    mounts = c.get("volumeMounts")
    if mounts is not None:
        if mounts.__class__ is not list:
            return False
        paths: set[str] = set()
        for m in mounts:
            if m.__class__ is not dict or not m.keys() <= _MOUNT_KEYS:
                return False
            mp = m.get("mountPath")
            if not m.get("name") or m["name"] not in volumes or not mp or mp in paths:
                return False
            paths.add(mp)
    res = c.get("resources")
    if res is not None:
        if res.__class__ is not dict or not res.keys() <= {"limits", "requests"}:
            return False
        for section in res.values():
            if section is not None and (section.__class__ is not dict or not section.keys() <= _RESOURCE_NAMES):
                return False  # no hugepages, no extended resources: _hugepages_need_cpu_or_memory holds
        if V._validate_resources(res, ""):
            return False
    for field, strict_threshold in (("livenessProbe", True), ("readinessProbe", False), ("startupProbe", True)):
        probe = c.get(field)
        if probe is not None and not _probe_ok(probe, strict_threshold):
            return False
    return _container_sc_ok(c.get("securityContext"))


# ------------------------------------------------------------------------------------------------ pod spec

# Fields of a pod spec this module reasons about. Of the others the rules read, initContainers,
# ephemeralContainers, hostNetwork (it adds host ports), hostPID/hostIPC/shareProcessNamespace, dnsConfig, os,
# readinessGates, schedulingGates, topologySpreadConstraints, nodeName, hostname, subdomain, hostAliases and
# activeDeadlineSeconds send the spec to the exact rules. The rules read none of schedulerName, serviceAccount,
# automountServiceAccountToken, priorityClassName, imagePullSecrets, enableServiceLinks.
_POD_SPEC_KEYS = frozenset({
    "containers", "volumes", "restartPolicy", "dnsPolicy", "terminationGracePeriodSeconds", "securityContext",
    "nodeSelector", "serviceAccountName", "tolerations", "affinity", "schedulerName", "serviceAccount",
    "automountServiceAccountToken", "priorityClassName", "imagePullSecrets", "enableServiceLinks",
})
# Volume sources whose exact rule (podvalidation.volume_source) is called here: the others go to the exact rules.
_VOLUME_SOURCES = frozenset({"configMap", "secret", "emptyDir", "persistentVolumeClaim", "hostPath", "downwardAPI",
                             "projected"})
_POD_SC_INT_FIELDS = ("fsGroup", "runAsUser", "runAsGroup")
_POD_SC_KEYS = frozenset({"runAsNonRoot", "fsGroup", "runAsUser", "runAsGroup"})


def _volumes_ok(volumes: Any, out: dict[str, str]) -> bool:
    """``_validate_volumes``: a valid, unique name and exactly one source that its rule accepts; fills ``out``
    (name -> source) as the exact rule does."""
    if volumes.__class__ is not list:
        return False
    for vol in volumes:
        if vol.__class__ is not dict or len(vol) != 2:
            return False
        name = vol.get("name")
        if not name or name in out or not _accepts(V.is_dns1123_label, name):
            return False
        for src, value in vol.items():
            if src != "name":
                break
        if src not in _VOLUME_SOURCES or value is None or value.__class__ is not dict:
            return False
        if V._validate_volume_source(src, value, ""):
            return False
        out[name] = src
    return True


def pod_spec_ok(spec: Any) -> bool:
    """``True`` only if ``validation.validate_pod_spec(spec, path)`` returns ``[]`` (``spec`` defaulted)."""
    if spec.__class__ is not dict or not spec.keys() <= _POD_SPEC_KEYS:
        return False
    volumes: dict[str, str] = {}
    vols = spec.get("volumes")
    if vols is not None and not _volumes_ok(vols, volumes):
        return False
    containers = spec.get("containers")
    if containers.__class__ is not list or not containers:
        return False
    names: set[str] = set()
    for c in containers:
        if not _container_ok(c, volumes, names):
            return False
    if spec.get("restartPolicy") not in ("Always", "OnFailure", "Never") \
            or spec.get("dnsPolicy") not in ("ClusterFirstWithHostNet", "ClusterFirst", "Default"):
        return False  # dnsPolicy None needs dnsConfig: the exact rules
    node_selector = spec.get("nodeSelector")
    if node_selector is not None and (node_selector.__class__ is not dict or not _labels_ok(node_selector)):
        return False
    sc = spec.get("securityContext")
    if sc is not None:
        if sc.__class__ is not dict or not sc.keys() <= _POD_SC_KEYS:
            return False
        for field in _POD_SC_INT_FIELDS:
            v = sc.get(field)
            if v is not None and not (v.__class__ is int and 0 <= v <= 2147483647):
                return False
    if spec.get("affinity") is not None and V._podv().affinity(spec, ""):
        return False
    sa = spec.get("serviceAccountName")
    if sa and not _accepts(_subdomain, sa):
        return False
    tolerations = spec.get("tolerations")
    if tolerations is not None:
        if tolerations.__class__ is not list:
            return False
        for t in tolerations:
            if not _toleration_ok(t):
                return False
    return True


_TOLERATION_KEYS = frozenset({"key", "operator", "value", "effect", "tolerationSeconds"})


def _toleration_ok(t: Any) -> bool:
    """``validation._validate_tolerations`` for one toleration: a qualified key (or none with Exists), Equal with
    a label value or Exists with none, tolerationSeconds only with NoExecute, a known effect."""
    if t.__class__ is not dict or not t.keys() <= _TOLERATION_KEYS:
        return False
    key = t.get("key")
    op = t.get("operator") or ""
    if key:
        if not _accepts(V.is_qualified_name, key):
            return False
    elif op != "Exists":
        return False
    effect = t.get("effect")
    if t.get("tolerationSeconds") is not None and effect != "NoExecute":
        return False
    if effect and effect not in ("NoSchedule", "PreferNoSchedule", "NoExecute"):
        return False
    value = t.get("value")
    if op == "" or op == "Equal":
        return not value or _accepts(V.is_valid_label_value, value)
    return op == "Exists" and not value


# ------------------------------------------------------------------------------------------------ kinds

_TEMPLATE_META_KEYS = frozenset({"labels", "annotations", "name", "namespace", "creationTimestamp"})
# Annotations podvalidation.pod_specific_annotations reads (exact keys, then prefixes).
_POD_ANNOTATIONS = frozenset({"kubernetes.io/config.mirror", "controller.kubernetes.io/pod-deletion-cost",
                              "seccomp.security.alpha.kubernetes.io/pod"})
_POD_ANNOTATION_PREFIXES = ("container.seccomp.security.alpha.kubernetes.io/",
                            "container.apparmor.security.beta.kubernetes.io/")
_DEPLOYMENT_SPEC_KEYS = frozenset({"replicas", "selector", "template", "strategy", "minReadySeconds",
                                   "revisionHistoryLimit", "progressDeadlineSeconds", "paused"})
_selectors: dict[tuple, Any] = {}


def _selector(ml: dict) -> Any:
    """``validation._as_selector`` of a matchLabels-only selector, remembered by its exact pairs (None: refused)."""
    key = tuple(ml.items())
    try:
        sel = _selectors.get(key, False)
    except TypeError:  # a value that is not a string: the exact rules
        return None
    if sel is False:
        sel = V._as_selector({"matchLabels": ml})
        if len(_selectors) >= _ACCEPTED_MAX:
            _selectors.clear()
        _selectors[key] = sel
    return sel


def _replicaset_template_ok(spec: dict) -> bool:
    """``_validate_selector_required`` and ``_template_for_controller(..., "replicaset")`` for a matchLabels
    selector: valid, non-empty, matching the template's labels; the template's labels, annotations and pod spec;
    restartPolicy Always, no activeDeadlineSeconds, no ephemeral containers."""
    sel = spec.get("selector")
    if sel.__class__ is not dict or sel.keys() != {"matchLabels"}:
        return False
    ml = sel["matchLabels"]
    if ml.__class__ is not dict or not ml or not _labels_ok(ml):
        return False
    template = spec.get("template")
    if template.__class__ is not dict or not template.keys() <= {"metadata", "spec"}:
        return False
    meta = template.get("metadata")
    if meta.__class__ is not dict or not meta.keys() <= _TEMPLATE_META_KEYS:
        return False
    labels = meta.get("labels")
    if labels.__class__ is not dict:
        return False
    parsed = _selector(ml)
    if parsed is None or parsed.empty() or not parsed.matches(labels) or not _labels_ok(labels):
        return False
    annotations = meta.get("annotations")
    if annotations is not None:
        if annotations.__class__ is not dict or V.validate_annotations(annotations, ""):
            return False
        for k in annotations:
            if k in _POD_ANNOTATIONS or k.startswith(_POD_ANNOTATION_PREFIXES):
                return False
    tspec = template.get("spec")
    return pod_spec_ok(tspec) and tspec.get("restartPolicy") == "Always"


def _deployment_ok(obj: dict) -> bool:
    spec = obj.get("spec")
    if spec.__class__ is not dict or not spec.keys() <= _DEPLOYMENT_SPEC_KEYS:
        return False
    if not _nonneg_int(spec.get("replicas")) or not _replicaset_template_ok(spec):
        return False
    strategy = spec.get("strategy")
    if strategy.__class__ is not dict or not strategy.keys() <= {"type", "rollingUpdate"}:
        return False
    stype = strategy.get("type")
    if stype == "Recreate":
        if strategy.get("rollingUpdate") is not None:
            return False
    elif stype == "RollingUpdate":
        ru = strategy.get("rollingUpdate")
        if ru.__class__ is not dict:
            return False
        mu, ms = ru.get("maxUnavailable"), ru.get("maxSurge")
        if V._positive_int_or_percent(mu, "") or V._positive_int_or_percent(ms, "") \
                or (V._int_or_percent_value(mu) == 0 and V._int_or_percent_value(ms) == 0) \
                or V._not_more_than_100_percent(mu, ""):
            return False
    else:
        return False
    mrs = spec.get("minReadySeconds")
    if not _nonneg_int(mrs) or not _nonneg_int(spec.get("revisionHistoryLimit")):
        return False
    pds = spec.get("progressDeadlineSeconds")
    if pds is not None and not (pds.__class__ is int and pds > (mrs or 0) and pds >= 0):
        return False
    return True


# Fields of a Service spec this module reasons about (defaulted: type, sessionAffinity, trafficPolicies, families);
# clusterIP(s), externalIPs, externalName, nodePort, sessionAffinityConfig, loadBalancer*, healthCheckNodePort,
# trafficDistribution and the rest send it to the exact rules. publishNotReadyAddresses is read by no rule.
_SERVICE_SPEC_KEYS = frozenset({"type", "selector", "ports", "sessionAffinity", "externalTrafficPolicy",
                                "internalTrafficPolicy", "ipFamilyPolicy", "ipFamilies", "publishNotReadyAddresses",
                                "allocateLoadBalancerNodePorts"})
_SERVICE_PORT_KEYS = frozenset({"name", "port", "targetPort", "protocol"})


def _service_ok(obj: dict) -> bool:
    """``validation._validate_service`` and ``corevalidation.service_extra`` on create: ports with valid, unique
    names (required when there are several), numbers, protocols and target ports, unique (protocol, port); no
    cluster IPs (so not headless); a valid selector; sessionAffinity None; traffic policies and IPv4 single-stack
    families as the defaults set them."""
    spec = obj.get("spec")
    if spec.__class__ is not dict or not spec.keys() <= _SERVICE_SPEC_KEYS:
        return False
    stype = spec.get("type")
    if stype == "ClusterIP":
        if spec.get("externalTrafficPolicy"):
            return False
    elif stype == "NodePort" or stype == "LoadBalancer":
        if spec.get("externalTrafficPolicy") not in (None, "", "Cluster", "Local"):
            return False
    else:
        return False  # ExternalName, or no valid type: the exact rules
    if stype != "LoadBalancer" and spec.get("allocateLoadBalancerNodePorts") is not None:
        return False
    ports = spec.get("ports")
    if ports.__class__ is not list or not ports:
        return False
    several = len(ports) > 1
    names: set[str] = set()
    seen: set[tuple[str, int]] = set()
    for port in ports:
        if port.__class__ is not dict or not port.keys() <= _SERVICE_PORT_KEYS:
            return False
        name = port.get("name")
        if name:
            if name in names or not _accepts(V.is_dns1123_label, name):
                return False
            names.add(name)
        elif several:
            return False
        number, protocol = port.get("port"), port.get("protocol")
        if number.__class__ is not int or not 1 <= number <= 65535 or protocol not in ("TCP", "UDP", "SCTP"):
            return False
        if stype == "LoadBalancer" and number == 10250:
            return False
        if (protocol, number) in seen:
            return False
        seen.add((protocol, number))
        target = port.get("targetPort")
        if target.__class__ is int:
            if not 1 <= target <= 65535:
                return False
        elif not _accepts(V.is_valid_port_name, target):
            return False
    selector = spec.get("selector")
    if selector is not None and (selector.__class__ is not dict or not _labels_ok(selector)):
        return False
    if spec.get("sessionAffinity") != "None":
        return False
    if spec.get("internalTrafficPolicy") not in (None, "Cluster", "Local"):
        return False
    if spec.get("ipFamilyPolicy") not in (None, "SingleStack", "PreferDualStack"):
        return False
    families = spec.get("ipFamilies")
    return families is None or families == ["IPv4"]


_KINDS: dict[tuple[str, str], Callable[[dict], bool]] = {
    ("apps/v1", "Deployment"): _deployment_ok,
    ("v1", "Service"): _service_ok,
}


def spec_certainly_valid(obj: dict) -> bool:
    """``True`` only if the spec rules ``validation.validate_create`` runs for ``obj`` (defaulted) find nothing:
    the caller may then pass ``spec_valid=True`` and have only the metadata checked."""
    check = _KINDS.get((obj.get("apiVersion"), obj.get("kind")))  # type: ignore[arg-type]
    return check is not None and check(obj)


# ------------------------------------------------------------------------------------------------ raw Deployments
# One walk over a Deployment as written (before decoding nulls and before defaults) that answers "certainly
# valid": the schema check would find it clean with no null anywhere (every field below is one the schema has,
# with the type checked as ``fastcheck`` checks it, or with ``fastcheck``'s own checker for the field), and once
# defaulted (``defaults._deployment``: the values a missing field takes are written out below) ``_deployment_ok``
# would answer yes. Only the metadata rules are then left to run, and the defaults need not be applied (they
# change nothing those rules read). Anything else answers no and the usual path (schema check, defaults, the
# checks above, the exact rules) runs on the untouched object.

_M = object()  # a field that is absent
_INT32_MAX = 2147483647
_INT64_MIN, _INT64_MAX = -(1 << 63), (1 << 63) - 1
_RAW_TEMPLATE_META_KEYS = frozenset({"labels", "annotations", "name", "namespace"})  # creationTimestamp: the schema
_RAW_POD_SPEC_KEYS = _POD_SPEC_KEYS - {"affinity"}
_RAW_VOLUME_SOURCES = frozenset({"configMap", "secret", "emptyDir", "persistentVolumeClaim"})
_KEY_SELECTOR_KEYS = frozenset({"name", "key", "optional"})
_CAPABILITY_KEYS = frozenset({"add", "drop"})
_FILE_MODE_0644 = 420  # defaults.volume_defaults' defaultMode of configMap and secret volumes

# The fields this walk accepts, with the schema type it checks them for: (definition, {field: node prefix}). At
# first use with each schema version the schema is asked whether it agrees; if not, the walk always answers no.
_STR, _BOOL, _STRUCT, _ARRAY, _MAP, _IOS = ("str",), ("bool",), ("struct",), ("array",), ("map",), ("ios",)
_I32, _I64 = ("int", 32), ("int", 64)
_CORE = "io.k8s.api.core.v1."
_RAW_SCHEMA: tuple[tuple[str, dict[str, tuple]], ...] = (
    ("io.k8s.api.apps.v1.Deployment", {"apiVersion": _STR, "kind": _STR, "metadata": _STRUCT, "spec": _STRUCT}),
    ("io.k8s.api.apps.v1.DeploymentSpec", {
        "replicas": _I32, "minReadySeconds": _I32, "revisionHistoryLimit": _I32, "progressDeadlineSeconds": _I32,
        "paused": _BOOL, "selector": _STRUCT, "template": _STRUCT, "strategy": _STRUCT}),
    ("io.k8s.api.apps.v1.DeploymentStrategy", {"type": _STR, "rollingUpdate": _STRUCT}),
    ("io.k8s.api.apps.v1.RollingUpdateDeployment", {"maxSurge": _IOS, "maxUnavailable": _IOS}),
    ("io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector", {"matchLabels": _MAP}),
    ("io.k8s.api.core.v1.PodTemplateSpec", {"metadata": _STRUCT, "spec": _STRUCT}),
    ("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", {"labels": _MAP, "annotations": _MAP, "name": _STR,
                                                         "namespace": _STR}),
    (_CORE + "PodSpec", {
        "containers": _ARRAY, "volumes": _ARRAY, "restartPolicy": _STR, "dnsPolicy": _STR,
        "terminationGracePeriodSeconds": _I64, "securityContext": _STRUCT, "nodeSelector": _MAP,
        "serviceAccountName": _STR, "tolerations": _ARRAY, "schedulerName": _STR, "serviceAccount": _STR,
        "automountServiceAccountToken": _BOOL, "priorityClassName": _STR, "imagePullSecrets": _ARRAY,
        "enableServiceLinks": _BOOL}),
    (_CORE + "LocalObjectReference", {"name": _STR}),
    (_CORE + "PodSecurityContext", {"runAsNonRoot": _BOOL, "fsGroup": _I64, "runAsUser": _I64, "runAsGroup": _I64}),
    (_CORE + "Toleration", {"key": _STR, "operator": _STR, "value": _STR, "effect": _STR, "tolerationSeconds": _I64}),
    (_CORE + "Volume", {"name": _STR, **{src: _STRUCT for src in _RAW_VOLUME_SOURCES}}),
    (_CORE + "Container", {
        "name": _STR, "image": _STR, "imagePullPolicy": _STR, "terminationMessagePolicy": _STR,
        "terminationMessagePath": _STR, "ports": _ARRAY, "env": _ARRAY, "envFrom": _ARRAY, "volumeMounts": _ARRAY,
        "resources": _STRUCT, "livenessProbe": _STRUCT, "readinessProbe": _STRUCT, "startupProbe": _STRUCT,
        "securityContext": _STRUCT, "command": _ARRAY, "args": _ARRAY, "workingDir": _STR, "stdin": _BOOL,
        "stdinOnce": _BOOL, "tty": _BOOL}),
    (_CORE + "ContainerPort", {"name": _STR, "containerPort": _I32, "protocol": _STR}),
    (_CORE + "EnvVar", {"name": _STR, "value": _STR, "valueFrom": _STRUCT}),
    (_CORE + "EnvVarSource", {"fieldRef": _STRUCT, "configMapKeyRef": _STRUCT, "secretKeyRef": _STRUCT}),
    (_CORE + "ObjectFieldSelector", {"apiVersion": _STR, "fieldPath": _STR}),
    (_CORE + "ConfigMapKeySelector", {"name": _STR, "key": _STR, "optional": _BOOL}),
    (_CORE + "SecretKeySelector", {"name": _STR, "key": _STR, "optional": _BOOL}),
    (_CORE + "VolumeMount", {"name": _STR, "mountPath": _STR, "readOnly": _BOOL}),
    (_CORE + "ResourceRequirements", {"limits": _MAP, "requests": _MAP}),
    (_CORE + "Probe", {"httpGet": _STRUCT, "tcpSocket": _STRUCT, "exec": _STRUCT, "initialDelaySeconds": _I32,
                       "timeoutSeconds": _I32, "periodSeconds": _I32, "successThreshold": _I32,
                       "failureThreshold": _I32}),
    (_CORE + "HTTPGetAction", {"path": _STR, "port": _IOS, "scheme": _STR, "host": _STR}),
    (_CORE + "TCPSocketAction", {"port": _IOS}),
    (_CORE + "ExecAction", {"command": _ARRAY}),
    (_CORE + "SecurityContext", {"runAsNonRoot": _BOOL, "runAsUser": _I64, "runAsGroup": _I64,
                                 "readOnlyRootFilesystem": _BOOL, "allowPrivilegeEscalation": _BOOL,
                                 "privileged": _BOOL, "capabilities": _STRUCT}),
    (_CORE + "Capabilities", {"add": _ARRAY, "drop": _ARRAY}),
    (_CORE + "Service", {"apiVersion": _STR, "kind": _STR, "metadata": _STRUCT, "spec": _STRUCT}),
    (_CORE + "ServiceSpec", {
        "type": _STR, "selector": _MAP, "ports": _ARRAY, "sessionAffinity": _STR, "externalTrafficPolicy": _STR,
        "internalTrafficPolicy": _STR, "ipFamilyPolicy": _STR, "ipFamilies": _ARRAY,
        "publishNotReadyAddresses": _BOOL, "allocateLoadBalancerNodePorts": _BOOL}),
    (_CORE + "ServicePort", {"name": _STR, "port": _I32, "targetPort": _IOS, "protocol": _STR}),
    (_CORE + "ConfigMap", {"apiVersion": _STR, "kind": _STR, "metadata": _STRUCT, "data": _MAP, "immutable": _BOOL}),
)
_raw_state: dict[str, Any] = {}  # "agrees": whether the schema agrees; the fastcheck checkers the walk borrows
_fastcheck: Any = None  # the module (imported on first use)


def _raw_setup() -> bool:
    """Whether the schema in use has every field of ``_RAW_SCHEMA`` with the type written there (and the string
    arrays and maps hold strings; the quantities' maps hold quantities); also fetches the ``fastcheck`` checkers
    the walk calls."""
    global _fastcheck
    from ..api import schema as S
    from . import fastcheck

    if _raw_reset not in S._RESET_HOOKS:
        S._RESET_HOOKS.append(_raw_reset)  # another --kubernetes-version: ask its schema again
    _fastcheck = fastcheck
    names = {S._STR: "str", S._BOOL: "bool", S._STRUCT: "struct", S._ARRAY: "array", S._MAP: "map",
             S._IOS: "ios", S._INT: "int"}
    try:
        for defname, fields in _RAW_SCHEMA:
            _, have = S._struct(defname)
            for field, want in fields.items():
                node = have.get(field)
                if node is None or (names.get(node[0]),) + tuple(node[1:len(want)]) != want:
                    return False
        pairs = (("Container", "command"), ("Container", "args"), ("ExecAction", "command"),
                 ("Capabilities", "add"), ("Capabilities", "drop"), ("ServiceSpec", "ipFamilies"),
                 ("ServiceSpec", "selector"), ("ConfigMap", "data"))
        for defname, field in pairs:
            if S._struct(_CORE + defname)[1][field][1][0] != S._STR:
                return False
        for defname, field in (("PodSpec", "nodeSelector"),):
            if S._struct(_CORE + defname)[1][field][1][0] != S._STR:
                return False
        if S._struct("io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector")[1]["matchLabels"][1][0] != S._STR:
            return False
        for field in ("labels", "annotations"):
            if S._struct("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")[1][field][1][0] != S._STR:
                return False
        for field in ("limits", "requests"):
            if S._struct(_CORE + "ResourceRequirements")[1][field][1][0] != S._QTY:
                return False
    except (KeyError, IndexError, TypeError):
        return False
    meta = fastcheck.table("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")
    _raw_state["meta"] = lambda v, strict: fastcheck._ok(v, meta, strict)
    _raw_state["volume"] = fastcheck.table(_CORE + "Volume")
    _raw_state["envFrom"] = fastcheck.table(_CORE + "Container")["envFrom"]
    return True


def _raw_reset() -> None:
    _raw_state.clear()


def _checked_clean(check: Callable[[Any, bool], bool], value: Any) -> bool:
    """``fastcheck``'s checker of one field says clean, with no null inside."""
    may_hold_null = _fastcheck._may_hold_null
    may_hold_null[0] = False
    return check(value, True) and not may_hold_null[0]


def _str_values(d: Any) -> bool:
    if d.__class__ is not dict:
        return False
    for v in d.values():
        if v.__class__ is not str:
            return False
    return True


def _str_list(v: Any) -> bool:
    if v.__class__ is not list:
        return False
    for x in v:
        if x.__class__ is not str:
            return False
    return True


def _i32(v: Any) -> bool:
    return v.__class__ is int and -2147483648 <= v <= _INT32_MAX


def _i64(v: Any) -> bool:
    return v.__class__ is int and _INT64_MIN <= v <= _INT64_MAX


def _nonneg_i32(v: Any) -> bool:
    return v.__class__ is int and 0 <= v <= _INT32_MAX


# The scalar fields of a container and a pod spec with their type (list: a list of strings, checked item by item).
_CONTAINER_SCALARS: dict[str, type] = {
    "imagePullPolicy": str, "terminationMessagePolicy": str, "terminationMessagePath": str, "workingDir": str,
    "stdin": bool, "stdinOnce": bool, "tty": bool, "command": list, "args": list}
_POD_SPEC_SCALARS: dict[str, type] = {
    "restartPolicy": str, "dnsPolicy": str, "schedulerName": str, "serviceAccount": str, "priorityClassName": str,
    "serviceAccountName": str, "automountServiceAccountToken": bool, "enableServiceLinks": bool}
_RESOURCES_SEEN: set[tuple] = set()
_ROLLING_OK: set[tuple] = set()  # (maxUnavailable, maxSurge) pairs the rolling update rules accepted
_canonicalize: list[Any] = []


def _raw_resources_ok(res: Any) -> bool:
    """Clean quantities of cpu, memory and ephemeral-storage (``fastcheck._qty``), which once canonicalized (as
    ``defaults._canonical_resources`` does) ``validation._validate_resources`` accepts; remembered by content."""
    if res.__class__ is not dict or not res.keys() <= {"limits", "requests"}:
        return False
    limits, requests = res.get("limits", _M), res.get("requests", _M)
    try:
        key = (tuple(limits.items()) if limits is not _M else None,
               tuple(requests.items()) if requests is not _M else None)
        if key in _RESOURCES_SEEN:
            return True
    except (AttributeError, TypeError):
        return False
    if not _canonicalize:
        from ..api import quantity

        _canonicalize.append(quantity.canonicalize)
    canonicalize = _canonicalize[0]
    defaulted = {}
    for section, values in res.items():
        if values.__class__ is not dict or not values.keys() <= _RESOURCE_NAMES:
            return False
        out = {}
        for name, value in values.items():
            if not _fastcheck._qty(value, True):
                return False
            try:
                out[name] = canonicalize(value)
            except Exception:  # noqa: BLE001 - a quantity the defaults leave as written: the usual path
                return False
        defaulted[section] = out
    if V._validate_resources(defaulted, ""):
        return False
    if len(_RESOURCES_SEEN) >= _ACCEPTED_MAX:
        _RESOURCES_SEEN.clear()
    _RESOURCES_SEEN.add(key)
    return True


def _raw_probe_ok(probe: Any, liveness_or_startup: bool) -> bool:
    """``_probe_ok`` of the probe as ``defaults._probe_defaults`` fills it (numbers 1, 10, 1, 3; an httpGet's path
    "/" and scheme HTTP when absent)."""
    if probe.__class__ is not dict or not probe.keys() <= _PROBE_KEYS:
        return False
    http, tcp, exe = probe.get("httpGet", _M), probe.get("tcpSocket", _M), probe.get("exec", _M)
    if (http is not _M) + (tcp is not _M) + (exe is not _M) != 1:
        return False
    if http is not _M:
        if http.__class__ is not dict or not http.keys() <= _HTTP_GET_KEYS:
            return False
        path = http.get("path", "/")
        if path.__class__ is not str or not path or http.get("scheme", "HTTP") not in ("HTTP", "HTTPS"):
            return False
        host = http.get("host", _M)
        if host is not _M and host.__class__ is not str:
            return False
        if not _port_ref_ok(http.get("port")):
            return False
    elif tcp is not _M:
        if tcp.__class__ is not dict or tcp.keys() != {"port"} or not _port_ref_ok(tcp["port"]):
            return False
    elif exe.__class__ is not dict or exe.keys() != {"command"} or not _str_list(exe["command"]) \
            or not exe["command"]:
        return False
    for field in _PROBE_NUMBERS:
        v = probe.get(field, _M)
        if v is not _M and not _nonneg_i32(v):
            return False
    return not liveness_or_startup or probe.get("successThreshold", 1) == 1


def _raw_env_ok(env: Any) -> bool:
    """``_env_ok`` of the variables as the defaults leave them (a fieldRef's apiVersion "v1" when absent)."""
    if env.__class__ is not list:
        return False
    bad = V._ENV_NAME_BAD.search
    for var in env:
        if var.__class__ is not dict or not var.keys() <= _ENV_KEYS:
            return False
        name = var.get("name")
        if name.__class__ is not str or not name or bad(name) is not None:
            return False
        value = var.get("value", _M)
        if value is not _M and value.__class__ is not str:
            return False
        vf = var.get("valueFrom", _M)
        if vf is _M:
            continue
        if vf.__class__ is not dict or len(vf) != 1 or (value is not _M and value):
            return False
        (which, ref), = vf.items()
        if ref.__class__ is not dict:
            return False
        if which == "fieldRef":
            if not ref.keys() <= {"apiVersion", "fieldPath"} or not _str_values(ref):
                return False
            if not ref.get("apiVersion"):
                ref = {**ref, "apiVersion": "v1"}
            if V._podv().object_field_selector(ref, V._podv()._ENV_FIELD_PATHS, ""):
                return False
        elif which == "configMapKeyRef" or which == "secretKeyRef":
            if not ref.keys() <= _KEY_SELECTOR_KEYS:
                return False
            for k, v in ref.items():
                if v.__class__ is not (bool if k == "optional" else str):
                    return False
            if V._podv()._key_selector(ref, ""):
                return False
        else:
            return False
    return True


def _raw_container_ok(c: Any, volumes: dict[str, str], names: set[str]) -> bool:
    """``_container_ok`` of the container as ``defaults.container_defaults`` fills it (imagePullPolicy,
    terminationMessagePath and -Policy when empty, resources {}, ports' protocol TCP, probes)."""
    if c.__class__ is not dict or not c.keys() <= _CONTAINER_KEYS:
        return False
    name = c.get("name")
    if name.__class__ is not str or not name or name in names or not _accepts(V.is_dns1123_label, name):
        return False
    names.add(name)
    image = c.get("image")
    if image.__class__ is not str or not image:
        return False
    scalars = _CONTAINER_SCALARS
    for field, v in c.items():
        want = scalars.get(field)
        if want is not None and (v.__class__ is not want or (want is list and not _str_list(v))):
            return False
    if c.get("imagePullPolicy") not in (None, "", "Always", "IfNotPresent", "Never") \
            or c.get("terminationMessagePolicy") not in (None, "", "File", "FallbackToLogsOnError"):
        return False
    ports = c.get("ports", _M)
    if ports is not _M:
        if ports.__class__ is not list:
            return False
        port_names: set[str] = set()
        for port in ports:
            if port.__class__ is not dict or not port.keys() <= _PORT_KEYS:
                return False
            n = port.get("containerPort")
            if n.__class__ is not int or not 1 <= n <= 65535 \
                    or port.get("protocol", "") not in ("", "TCP", "UDP", "SCTP"):
                return False
            pname = port.get("name", _M)
            if pname is not _M:
                if pname.__class__ is not str:
                    return False
                if pname:
                    if pname in port_names or not _accepts(V.is_valid_port_name, pname):
                        return False
                    port_names.add(pname)
    env = c.get("env", _M)
    if env is not _M and not _raw_env_ok(env):
        return False
    env_from = c.get("envFrom", _M)
    if env_from is not _M and (not _checked_clean(_raw_state["envFrom"], env_from)
                               or V._podv().env_from(env_from, "")):
        return False
    mounts = c.get("volumeMounts", _M)
    if mounts is not _M:
        if mounts.__class__ is not list:
            return False
        paths: set[str] = set()
        for m in mounts:
            if m.__class__ is not dict or not m.keys() <= _MOUNT_KEYS:
                return False
            mname, mp, ro = m.get("name"), m.get("mountPath"), m.get("readOnly", False)
            if mname.__class__ is not str or mname not in volumes or mp.__class__ is not str or not mp \
                    or mp in paths or ro.__class__ is not bool:
                return False
            paths.add(mp)
    if not _raw_resources_ok(c.get("resources", {})):
        return False
    for field, strict_threshold in (("livenessProbe", True), ("readinessProbe", False), ("startupProbe", True)):
        probe = c.get(field, _M)
        if probe is not _M and not _raw_probe_ok(probe, strict_threshold):
            return False
    sc = c.get("securityContext", _M)
    if sc is _M:
        return True
    if sc.__class__ is not dict or not sc.keys() <= _CONTAINER_SC_KEYS:
        return False
    for field, v in sc.items():
        if field == "runAsUser" or field == "runAsGroup":
            if not _nonneg_i32(v):
                return False
        elif field == "capabilities":
            if v.__class__ is not dict or not v.keys() <= _CAPABILITY_KEYS:
                return False
            for caps in v.values():
                if not _str_list(caps):
                    return False
        elif v.__class__ is not bool:
            return False
    return _container_sc_ok(sc)


def _raw_volumes_ok(volumes: Any, out: dict[str, str]) -> bool:
    """``_volumes_ok`` of configMap, secret, emptyDir and persistentVolumeClaim volumes as
    ``defaults.volume_defaults`` fills them (defaultMode 0644 of configMap and secret sources)."""
    if volumes.__class__ is not list:
        return False
    table = _raw_state["volume"]
    for vol in volumes:
        if vol.__class__ is not dict or len(vol) != 2:
            return False
        name = vol.get("name")
        if name.__class__ is not str or not name or name in out or not _accepts(V.is_dns1123_label, name):
            return False
        for src, value in vol.items():
            if src != "name":
                break
        if src not in _RAW_VOLUME_SOURCES or value.__class__ is not dict or not _checked_clean(table[src], value):
            return False
        if (src == "configMap" or src == "secret") and "defaultMode" not in value:
            value = {**value, "defaultMode": _FILE_MODE_0644}
        if V._validate_volume_source(src, value, ""):
            return False
        out[name] = src
    return True


def _raw_pod_spec_ok(spec: Any) -> bool:
    """``pod_spec_ok`` of the pod spec as ``defaults.pod_spec_defaults`` fills it (dnsPolicy ClusterFirst,
    restartPolicy Always, securityContext {}, ...), and restartPolicy Always (a controller's template)."""
    if spec.__class__ is not dict or not spec.keys() <= _RAW_POD_SPEC_KEYS:
        return False
    scalars = _POD_SPEC_SCALARS
    for field, v in spec.items():
        want = scalars.get(field)
        if want is not None and v.__class__ is not want:
            return False
    if spec.get("restartPolicy", "") not in ("", "Always") \
            or spec.get("dnsPolicy", "") not in ("", "ClusterFirstWithHostNet", "ClusterFirst", "Default"):
        return False
    v = spec.get("terminationGracePeriodSeconds", _M)
    if v is not _M and not _i64(v):
        return False
    secrets = spec.get("imagePullSecrets", _M)
    if secrets is not _M:
        if secrets.__class__ is not list:
            return False
        for ref in secrets:
            if ref.__class__ is not dict or not ref.keys() <= {"name"} or not _str_values(ref):
                return False
    volumes: dict[str, str] = {}
    vols = spec.get("volumes", _M)
    if vols is not _M and not _raw_volumes_ok(vols, volumes):
        return False
    containers = spec.get("containers")
    if containers.__class__ is not list or not containers:
        return False
    names: set[str] = set()
    for c in containers:
        if not _raw_container_ok(c, volumes, names):
            return False
    node_selector = spec.get("nodeSelector", _M)
    if node_selector is not _M and (not _str_values(node_selector) or not _labels_ok(node_selector)):
        return False
    sc = spec.get("securityContext", _M)
    if sc is not _M:
        if sc.__class__ is not dict or not sc.keys() <= _POD_SC_KEYS:
            return False
        for field, v in sc.items():
            if not (v.__class__ is bool if field == "runAsNonRoot" else _nonneg_i32(v)):
                return False
    sa = spec.get("serviceAccountName")
    if sa and not _accepts(_subdomain, sa):
        return False
    tolerations = spec.get("tolerations", _M)
    if tolerations is not _M:
        if tolerations.__class__ is not list:
            return False
        for t in tolerations:
            if t.__class__ is not dict:
                return False
            for field, v in t.items():
                if not (_i64(v) if field == "tolerationSeconds" else v.__class__ is str):
                    return False
            if not _toleration_ok(t):
                return False
    return True


def _raw_template_ok(spec: dict) -> bool:
    """``_replicaset_template_ok`` of the spec as written (the defaults add only the template's
    creationTimestamp, which no rule reads, and the pod spec's fields)."""
    sel = spec.get("selector")
    if sel.__class__ is not dict or sel.keys() != {"matchLabels"}:
        return False
    ml = sel["matchLabels"]
    if not _str_values(ml) or not ml or not _labels_ok(ml):
        return False
    template = spec.get("template")
    if template.__class__ is not dict or not template.keys() <= {"metadata", "spec"}:
        return False
    meta = template.get("metadata")
    if meta.__class__ is not dict or not meta.keys() <= _RAW_TEMPLATE_META_KEYS:
        return False
    for field in ("name", "namespace"):
        v = meta.get(field, _M)
        if v is not _M and v.__class__ is not str:
            return False
    labels = meta.get("labels")
    if not _str_values(labels):
        return False
    parsed = _selector(ml)
    if parsed is None or parsed.empty() or not parsed.matches(labels) or not _labels_ok(labels):
        return False
    annotations = meta.get("annotations", _M)
    if annotations is not _M:
        if not _str_values(annotations) or V.validate_annotations(annotations, ""):
            return False
        for k in annotations:
            if k in _POD_ANNOTATIONS or k.startswith(_POD_ANNOTATION_PREFIXES):
                return False
    return _raw_pod_spec_ok(template.get("spec"))


def raw_deployment_certainly_valid(obj: dict) -> bool:
    """``True`` only if ``obj`` (an apps/v1 Deployment as written, its namespace not yet defaulted) decodes cleanly
    with no null anywhere, and once defaulted ``_deployment_ok`` answers yes: then only the metadata rules
    (``validation.validate_create(obj, spec_valid=True)``) are left, and they read nothing the defaults change."""
    agrees = _raw_state.get("agrees")
    if agrees is None:
        agrees = _raw_state["agrees"] = _raw_setup()
    if not agrees or not obj.keys() <= {"apiVersion", "kind", "metadata", "spec"}:
        return False
    md = obj.get("metadata")
    if md.__class__ is not dict or not _checked_clean(_raw_state["meta"], md):
        return False
    spec = obj.get("spec")
    if spec.__class__ is not dict or not spec.keys() <= _DEPLOYMENT_SPEC_KEYS:
        return False
    replicas = spec.get("replicas", 0)
    mrs = spec.get("minReadySeconds", 0)
    if not _nonneg_i32(replicas) or not _nonneg_i32(mrs) or not _nonneg_i32(spec.get("revisionHistoryLimit", 10)):
        return False
    pds = spec.get("progressDeadlineSeconds", 600)
    if not _nonneg_i32(pds) or not pds > mrs:
        return False
    paused = spec.get("paused", _M)
    if paused is not _M and paused.__class__ is not bool:
        return False
    strategy = spec.get("strategy", {})
    if strategy.__class__ is not dict or not strategy.keys() <= {"type", "rollingUpdate"}:
        return False
    stype = strategy.get("type", "")
    if stype.__class__ is not str:
        return False
    if stype == "Recreate":
        if "rollingUpdate" in strategy:
            return False
    elif stype == "RollingUpdate" or stype == "":
        ru = strategy.get("rollingUpdate", {})
        if ru.__class__ is not dict or not ru.keys() <= {"maxUnavailable", "maxSurge"}:
            return False
        mu, ms = ru.get("maxUnavailable", "25%"), ru.get("maxSurge", "25%")
        for v in (mu, ms):
            if v.__class__ is not str and not _i32(v):
                return False
        if (mu, ms) not in _ROLLING_OK:  # (strings and ints only: no True == 1 here)
            if V._positive_int_or_percent(mu, "") or V._positive_int_or_percent(ms, "") \
                    or (V._int_or_percent_value(mu) == 0 and V._int_or_percent_value(ms) == 0) \
                    or V._not_more_than_100_percent(mu, ""):
                return False
            if len(_ROLLING_OK) >= _ACCEPTED_MAX:
                _ROLLING_OK.clear()
            _ROLLING_OK.add((mu, ms))
    else:
        return False
    return _raw_template_ok(spec)


def _raw_service_ok(obj: dict) -> bool:
    """``_service_ok`` of the Service as ``defaults._service`` fills it: type ClusterIP, sessionAffinity None,
    ports' protocol TCP and targetPort the port when empty, externalTrafficPolicy Cluster (NodePort and
    LoadBalancer), internalTrafficPolicy Cluster, allocateLoadBalancerNodePorts true (LoadBalancer), ipFamilyPolicy
    SingleStack and ipFamilies [IPv4] when empty; the status it adds is read by no rule."""
    spec = obj.get("spec")
    if spec.__class__ is not dict or not spec.keys() <= _SERVICE_SPEC_KEYS:
        return False
    for field, v in spec.items():
        if field == "ports" or field == "selector":
            continue
        if field == "ipFamilies":
            if not _str_list(v):
                return False
        elif v.__class__ is not (bool if field == "publishNotReadyAddresses"
                                 or field == "allocateLoadBalancerNodePorts" else str):
            return False
    stype = spec.get("type") or "ClusterIP"
    etp = spec.get("externalTrafficPolicy")
    if stype == "ClusterIP":
        if etp:
            return False
    elif stype == "NodePort" or stype == "LoadBalancer":
        if etp not in (None, "", "Cluster", "Local"):
            return False
    else:
        return False
    if stype != "LoadBalancer" and "allocateLoadBalancerNodePorts" in spec:
        return False
    ports = spec.get("ports")
    if ports.__class__ is not list or not ports:
        return False
    several = len(ports) > 1
    names: set[str] = set()
    seen: set[tuple[str, int]] = set()
    for port in ports:
        if port.__class__ is not dict or not port.keys() <= _SERVICE_PORT_KEYS:
            return False
        name = port.get("name", "")
        if name.__class__ is not str:
            return False
        if name:
            if name in names or not _accepts(V.is_dns1123_label, name):
                return False
            names.add(name)
        elif several:
            return False
        number, protocol = port.get("port"), port.get("protocol", "")
        if protocol.__class__ is not str:
            return False
        protocol = protocol or "TCP"
        if number.__class__ is not int or not 1 <= number <= 65535 or protocol not in ("TCP", "UDP", "SCTP"):
            return False
        if stype == "LoadBalancer" and number == 10250:
            return False
        if (protocol, number) in seen:
            return False
        seen.add((protocol, number))
        target = port.get("targetPort", _M)  # absent, 0 and "": the port's number
        if target is _M:
            continue
        if target.__class__ is int:
            if target != 0 and not 1 <= target <= 65535:
                return False
        elif target.__class__ is not str or (target and not _accepts(V.is_valid_port_name, target)):
            return False
    selector = spec.get("selector", _M)
    if selector is not _M and (not _str_values(selector) or not _labels_ok(selector)):
        return False
    if spec.get("sessionAffinity") not in (None, "", "None"):
        return False
    if spec.get("internalTrafficPolicy") not in (None, "Cluster", "Local"):
        return False
    if spec.get("ipFamilyPolicy") not in (None, "", "SingleStack", "PreferDualStack"):
        return False
    families = spec.get("ipFamilies")
    return not families or families == ["IPv4"]


def raw_service_certainly_valid(obj: dict) -> bool:
    """``raw_deployment_certainly_valid`` for a v1 Service."""
    agrees = _raw_state.get("agrees")
    if agrees is None:
        agrees = _raw_state["agrees"] = _raw_setup()
    if not agrees or not obj.keys() <= {"apiVersion", "kind", "metadata", "spec"}:
        return False
    md = obj.get("metadata")
    return md.__class__ is dict and _checked_clean(_raw_state["meta"], md) and _raw_service_ok(obj)


def raw_configmap_certainly_valid(obj: dict) -> bool:
    """``raw_deployment_certainly_valid`` for a v1 ConfigMap (no defaults): string data under keys
    ``validation.is_config_map_key`` accepts, within the size limit, no binaryData."""
    agrees = _raw_state.get("agrees")
    if agrees is None:
        agrees = _raw_state["agrees"] = _raw_setup()
    if not agrees or not obj.keys() <= {"apiVersion", "kind", "metadata", "data", "immutable"}:
        return False
    md = obj.get("metadata")
    if md.__class__ is not dict or not _checked_clean(_raw_state["meta"], md):
        return False
    immutable = obj.get("immutable", _M)
    if immutable is not _M and immutable.__class__ is not bool:
        return False
    data = obj.get("data", _M)
    if data is _M:
        return True
    if data.__class__ is not dict:
        return False
    size = 0
    for key, value in data.items():
        if value.__class__ is not str or not _accepts(V.is_config_map_key, key):
            return False
        size += len(value) if value.isascii() else len(value.encode())
    return size <= V.MAX_SECRET_SIZE


_RAW_KINDS: dict[tuple[str, str], Callable[[dict], bool]] = {
    ("apps/v1", "Deployment"): raw_deployment_certainly_valid,
    ("v1", "Service"): raw_service_certainly_valid,
    ("v1", "ConfigMap"): raw_configmap_certainly_valid,
}


def raw_certainly_valid(obj: dict) -> bool:
    """``True`` only if ``obj`` as written decodes cleanly with no null anywhere and, once defaulted, its spec rules
    find nothing: ``pipeline.create_errors_offline(..., spec_prechecked=True)`` then runs only the metadata rules."""
    try:
        check = _RAW_KINDS.get((obj.get("apiVersion"), obj.get("kind")))  # type: ignore[arg-type]
    except TypeError:  # not strings (validate refuses those before)
        return False
    return check is not None and check(obj)


# ------------------------------------------------------------------------------------------------ metadata
# After raw_certainly_valid's yes only the metadata rules are left (create_errors_offline(spec_prechecked=True):
# the namespace default, the name requirement, validate_create(spec_valid=True)); this answers "they find
# nothing" for the usual metadata (name, namespace, labels, annotations), else the exact rules run.

_META_KEYS = frozenset({"name", "namespace", "labels", "annotations"})
_meta_entries: dict[tuple[str, str], Any] = {}  # (apiVersion, kind) -> validation's create entry
_name_checks: dict[Any, Callable[[str], list[str]]] = {}  # a name rule with prefix=False, one object per rule


def _namespace_check(ns: str) -> list[str]:
    return V.name_is_dns_label(ns, False)


def metadata_certainly_valid(obj: dict, namespaced: bool) -> bool:
    """``True`` only if ``pipeline.create_errors_offline(obj, kind, spec_prechecked=True)`` returns ``[]`` for
    ``obj`` (its metadata already found clean and null-free by ``raw_certainly_valid``) of a namespaced kind."""
    md = obj.get("metadata")
    if not namespaced or md.__class__ is not dict or not md.keys() <= _META_KEYS:
        return False
    key = (obj.get("apiVersion"), obj.get("kind"))
    entry = _meta_entries.get(key, _M)  # type: ignore[arg-type]
    if entry is _M:
        entry = _meta_entries[key] = V._create_entry(V._kind_key(obj))  # type: ignore[index]
    if entry is None or not entry[0] or entry[1] is None:
        return False
    name_fn = entry[1]
    check = _name_checks.get(name_fn)
    if check is None:
        check = _name_checks[name_fn] = lambda name: name_fn(name, False)
    name = md.get("name")
    if name.__class__ is not str or not name or not _accepts(check, name):
        return False
    if not _accepts(_namespace_check, md.get("namespace") or "default"):
        return False
    labels = md.get("labels")
    if labels and (labels.__class__ is not dict or not _labels_ok(labels)):
        return False
    annotations = md.get("annotations")
    if annotations:
        if annotations.__class__ is not dict:
            return False
        known = V._ANNOTATION_KEYS_OK
        total = 0
        for k, v in annotations.items():
            if k not in known or v.__class__ is not str:
                return not V.validate_annotations(annotations, "")
            total += len(k) + len(v)
        if total > V.TOTAL_ANNOTATION_SIZE:
            return False
    return True
