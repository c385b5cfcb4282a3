"""Pod Security admission (the PodSecurity plugin with the v1.32 policy): a namespace's
pod-security.kubernetes.io/enforce level refuses pods that break it; warn levels, and the enforce level applied to
workload templates, become warnings. Checks and texts follow the policy's check list, reported in its order."""

from __future__ import annotations

from typing import Any

LEVELS = ("privileged", "baseline", "restricted")
PREFIX = "pod-security.kubernetes.io/"
_BASELINE_CAPS = {"AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE",
                  "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"}
_RESTRICTED_VOLUMES = ("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim",
                       "projected", "secret", "image")
_VOLUME_TYPES = ("hostPath", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "nfs", "iscsi", "glusterfs",
                 "rbd", "flexVolume", "cinder", "cephfs", "flocker", "fc", "azureFile", "vsphereVolume", "quobyte",
                 "azureDisk", "photonPersistentDisk", "portworxVolume", "scaleIO", "storageos")


def _d(v: Any) -> dict:
    return v if isinstance(v, dict) else {}


def _l(v: Any) -> list:
    return v if isinstance(v, list) else []


def _quote(names: list[str]) -> str:
    return ", ".join(f'"{n}"' for n in names)


def _who(names: list[str], one: str = "container", many: str = "containers") -> str:
    return f"{one if len(names) == 1 else many} {_quote(names)}"


def label_errors(labels: dict) -> list[tuple[str, str, str]]:
    """(label, value, detail) for pod-security labels a namespace may not carry."""
    out = []
    for mode in ("enforce", "audit", "warn"):
        key = PREFIX + mode
        if key in labels and labels[key] not in LEVELS:
            out.append((key, str(labels[key]), "must be one of privileged, baseline, restricted"))
        vkey = key + "-version"
        if vkey in labels:
            v = str(labels[vkey])
            import re

            if v != "latest" and not re.fullmatch(r"v1\.(0|[1-9][0-9]*)", v):
                out.append((vkey, v, 'must be "latest" or "v1.x"'))
    return out


def _containers(spec: dict) -> list[dict]:
    return [_d(c) for c in _l(spec.get("initContainers")) + _l(spec.get("containers"))
            + _l(spec.get("ephemeralContainers"))]


def violations(spec: dict, level: str) -> list[str]:
    """'reason (detail)' texts of the checks ``spec`` fails at ``level``, in the policy's order."""
    if level not in ("baseline", "restricted"):
        return []
    out: list[tuple[str, str]] = []
    cs = _containers(spec)
    psc = _d(spec.get("securityContext"))

    def csc(c: dict) -> dict:
        return _d(c.get("securityContext"))

    restricted = level == "restricted"
    if restricted:
        bad = [c.get("name", "") for c in cs if csc(c).get("allowPrivilegeEscalation") is not False]
        if bad:
            out.append(("allowPrivilegeEscalation", f"allowPrivilegeEscalation != false ({_who(bad)} must set "
                                                    "securityContext.allowPrivilegeEscalation=false)"))
    added: dict[str, list[str]] = {}
    for c in cs:
        for cap in _l(_d(csc(c).get("capabilities")).get("add")):
            if cap not in _BASELINE_CAPS:
                added.setdefault(str(cap), []).append(c.get("name", ""))
    if added:
        names = sorted({n for ns in added.values() for n in ns})
        out.append(("capabilities_baseline", f"non-default capabilities ({_who(names)} must not include "
                                             f"{_quote(sorted(added))} in securityContext.capabilities.add)"))
    if restricted:
        details = []
        no_drop = [c.get("name", "") for c in cs if "ALL" not in _l(_d(csc(c).get("capabilities")).get("drop"))]
        if no_drop:
            details.append(f'{_who(no_drop)} must set securityContext.capabilities.drop=["ALL"]')
        extra: dict[str, list[str]] = {}
        for c in cs:
            for cap in _l(_d(csc(c).get("capabilities")).get("add")):
                if cap != "NET_BIND_SERVICE":
                    extra.setdefault(str(cap), []).append(c.get("name", ""))
        if extra:
            names = sorted({n for ns in extra.values() for n in ns})
            details.append(f"{_who(names)} must not include {_quote(sorted(extra))} in securityContext.capabilities.add")
        if details:
            out.append(("capabilities_restricted", f"unrestricted capabilities ({'; '.join(details)})"))
    hostns = [f"{f}=true" for f in ("hostNetwork", "hostPID", "hostIPC") if spec.get(f)]
    if hostns:
        out.append(("hostNamespaces", f"host namespaces ({', '.join(hostns)})"))
    hp = [str(_d(v).get("name") or "") for v in _l(spec.get("volumes")) if _d(v).get("hostPath") is not None]
    if hp:
        out.append(("hostPathVolumes", f"hostPath volumes ({_who(hp, 'volume', 'volumes')})"))
    port_users, ports = [], []
    for c in cs:
        used = [str(p.get("hostPort")) for p in map(_d, _l(c.get("ports"))) if p.get("hostPort")]
        if used:
            port_users.append(c.get("name", ""))
            ports += used
    if ports:
        out.append(("hostPorts", f"hostPort ({_who(port_users)} {'uses' if len(port_users) == 1 else 'use'} "
                                 f"{'hostPort' if len(ports) == 1 else 'hostPorts'} {', '.join(ports)})"))
    priv = [c.get("name", "") for c in cs if csc(c).get("privileged") is True]
    if priv:
        out.append(("privileged", f"privileged ({_who(priv)} must not set securityContext.privileged=true)"))
    if restricted:
        vols = []
        for v in map(_d, _l(spec.get("volumes"))):
            kind = next((t for t in _VOLUME_TYPES if v.get(t) is not None), None)
            if kind is not None:
                vols.append((str(v.get("name") or ""), kind))
        if vols:
            names = [n for n, _ in vols]
            kinds = sorted({k for _, k in vols})
            out.append(("restrictedVolumes", f"restricted volume types ({_who(names, 'volume', 'volumes')} "
                                             f"{'uses' if len(vols) == 1 else 'use'} restricted volume "
                                             f"{'type' if len(kinds) == 1 else 'types'} {_quote(kinds)})"))
        pod_nonroot = psc.get("runAsNonRoot")
        details = []
        if pod_nonroot is False:
            details.append("pod must not set securityContext.runAsNonRoot=false")
        explicit_false = [c.get("name", "") for c in cs if csc(c).get("runAsNonRoot") is False]
        if explicit_false:
            details.append(f"{_who(explicit_false)} must not set securityContext.runAsNonRoot=false")
        if pod_nonroot is not True:
            unset = [c.get("name", "") for c in cs if csc(c).get("runAsNonRoot") is None]
            if unset:
                details.append(f"pod or {_who(unset)} must set securityContext.runAsNonRoot=true")
        if details:
            out.append(("runAsNonRoot", f"runAsNonRoot != true ({'; '.join(details)})"))
        root = [c.get("name", "") for c in cs if csc(c).get("runAsUser") == 0]
        if psc.get("runAsUser") == 0 or root:
            parts = (["pod"] if psc.get("runAsUser") == 0 else []) + ([_who(root)] if root else [])
            out.append(("runAsUser", f"runAsUser=0 ({' and '.join(parts)} must not set runAsUser=0)"))
        pod_type = _d(psc.get("seccompProfile")).get("type")
        if pod_type not in ("RuntimeDefault", "Localhost"):
            unset = [c.get("name", "") for c in cs if _d(csc(c).get("seccompProfile")).get("type") is None]
            if unset:
                who = ("pod or " if pod_type is None else "") + _who(unset)
                out.append(("seccompProfile_restricted", f'seccompProfile ({who} must set '
                                                         'securityContext.seccompProfile.type to "RuntimeDefault" or '
                                                         '"Localhost")'))
    return [text for _, text in sorted(out, key=lambda x: x[0])]


def _level(labels: dict, mode: str) -> tuple[str, str] | None:
    level = labels.get(PREFIX + mode)
    if level not in ("baseline", "restricted"):
        return None
    return str(level), str(labels.get(PREFIX + mode + "-version") or "latest")


def namespace_labels(tx: Any, ns: str) -> dict:
    nsobj = tx.peek(("", "Namespace", "", ns))
    return _d(_d((nsobj or {}).get("metadata")).get("labels"))


def pod_template(obj: dict) -> dict | None:
    kind = obj.get("kind")
    spec = _d(obj.get("spec"))
    if kind in ("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "ReplicationController"):
        return _d(_d(spec.get("template")).get("spec"))
    if kind == "CronJob":
        return _d(_d(_d(_d(spec.get("jobTemplate")).get("spec")).get("template")).get("spec"))
    if kind == "PodTemplate":
        return _d(_d(obj.get("template")).get("spec"))
    return None


def check(tx: Any, obj: dict) -> tuple[str | None, list[str]]:
    """(the enforce refusal text or None, warnings) for creating ``obj``."""
    ns = _d(obj.get("metadata")).get("namespace")
    if not ns:
        return None, []
    labels = namespace_labels(tx, ns)
    if not any(k.startswith(PREFIX) for k in labels):
        return None, []
    is_pod = obj.get("kind") == "Pod" and obj.get("apiVersion") == "v1"
    spec = _d(obj.get("spec")) if is_pod else pod_template(obj)
    if spec is None:
        return None, []
    refusal = None
    warnings: list[str] = []
    enforce = _level(labels, "enforce")
    if enforce is not None:
        found = violations(spec, enforce[0])
        if found:
            if is_pod:
                refusal = f'violates PodSecurity "{enforce[0]}:{enforce[1]}": ' + ", ".join(found)
            else:
                warnings.append(f'would violate PodSecurity "{enforce[0]}:{enforce[1]}": ' + ", ".join(found))
    warn = _level(labels, "warn")
    if warn is not None and refusal is None:
        found = violations(spec, warn[0])
        text = f'would violate PodSecurity "{warn[0]}:{warn[1]}": ' + ", ".join(found)
        if found and text not in warnings:
            warnings.append(text)
    return refusal, warnings
