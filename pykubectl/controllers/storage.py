"""Storage: the persistent-volume controller (binding claims to volumes, static matching, reclaim policies) and
the simulated `rancher.io/local-path` provisioner that kind ships as its default StorageClass `standard`.

Binding modes behave as on kind: a claim of a WaitForFirstConsumer class stays Pending until the scheduler picks a
node for a pod that uses it; an Immediate class (or a static volume with no class) binds as soon as it can."""

from __future__ import annotations

from fractions import Fraction

from ..api.quantity import parse_quantity
from ..apiserver import pipeline
from ..store.store import Key, Tx

PV_CONTROLLER = "persistentvolume-controller"
PROVISIONER = "rancher.io/local-path"
PROVISIONER_COMPONENT = "rancher.io/local-path_local-path-provisioner-7dc846544d-9wb5c"
DEFAULT_CLASS_ANNOTATION = "storageclass.kubernetes.io/is-default-class"
BETA_DEFAULT_CLASS_ANNOTATION = "storageclass.beta.kubernetes.io/is-default-class"
SELECTED_NODE = "volume.kubernetes.io/selected-node"


def standard_class() -> dict:
    """The StorageClass kind installs: default, local-path, WaitForFirstConsumer, Delete."""
    return {
        "apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
        "metadata": {"annotations": {DEFAULT_CLASS_ANNOTATION: "true"}, "name": "standard"},
        "provisioner": PROVISIONER, "reclaimPolicy": "Delete", "volumeBindingMode": "WaitForFirstConsumer",
    }


def default_class(tx: Tx) -> dict | None:
    """The newest class marked default (the DefaultStorageClass admission plugin's choice)."""
    best = None
    for sc in tx.list("storage.k8s.io", "StorageClass"):
        ann = sc["metadata"].get("annotations") or {}
        if ann.get(DEFAULT_CLASS_ANNOTATION) == "true" or ann.get(BETA_DEFAULT_CLASS_ANNOTATION) == "true":
            if best is None or sc["metadata"].get("creationTimestamp", "") > best["metadata"].get("creationTimestamp", ""):
                best = sc
    return best


def _storage(obj_res: dict | None) -> Fraction:
    try:
        return parse_quantity(str((obj_res or {}).get("storage", "0")))
    except Exception:  # noqa: BLE001 - validation has rejected bad quantities
        return Fraction(0)


def _class_of(pvc: dict) -> str:
    spec = pvc.get("spec") or {}
    cls = spec.get("storageClassName")
    if cls is None:
        cls = (pvc["metadata"].get("annotations") or {}).get("volume.beta.kubernetes.io/storage-class", "")
    return cls or ""


def _pv_class(pv: dict) -> str:
    return (pv.get("spec") or {}).get("storageClassName") or ""


def _selector_ok(sel: dict | None, labels: dict) -> bool:
    if not sel:
        return True
    from .scheduler import _match_expr

    if any(labels.get(k) != v for k, v in (sel.get("matchLabels") or {}).items()):
        return False
    return all(_match_expr(labels, e) for e in sel.get("matchExpressions") or [])


def _matches(pvc: dict, pv: dict) -> bool:
    spec, pspec = pvc.get("spec") or {}, pv.get("spec") or {}
    if (pv.get("status") or {}).get("phase") != "Available" or pspec.get("claimRef"):
        ref = pspec.get("claimRef") or {}
        # A volume pre-bound to this claim by name is its match even before it is Available.
        if not (ref.get("name") == pvc["metadata"]["name"] and ref.get("namespace") == pvc["metadata"]["namespace"]
                and not ref.get("uid") and (pv.get("status") or {}).get("phase") in ("Available", "Pending")):
            return False
    if _pv_class(pv) != _class_of(pvc):
        return False
    if (pspec.get("volumeMode") or "Filesystem") != (spec.get("volumeMode") or "Filesystem"):
        return False
    if not set(spec.get("accessModes") or []) <= set(pspec.get("accessModes") or []):
        return False
    if _storage(pspec.get("capacity")) < _storage((spec.get("resources") or {}).get("requests")):
        return False
    return _selector_ok(spec.get("selector"), pv["metadata"].get("labels") or {})


def _find_static(tx: Tx, pvc: dict) -> dict | None:
    want = (pvc.get("spec") or {}).get("volumeName")
    if want:
        pv = tx.get("", "PersistentVolume", "", want)
        return pv if pv is not None and _matches(pvc, pv) else None
    fits = [pv for pv in tx.list("", "PersistentVolume") if _matches(pvc, pv)]
    fits.sort(key=lambda pv: (_storage(pv["spec"].get("capacity")), pv["metadata"]["name"]))
    return fits[0] if fits else None


def _binding_mode(tx: Tx, cls: str) -> tuple[str, dict | None]:
    if not cls:
        return "Immediate", None
    sc = tx.get("storage.k8s.io", "StorageClass", "", cls)
    if sc is None:
        return "Immediate", None
    return sc.get("volumeBindingMode") or "Immediate", sc


def _bind(tx: Tx, pvc: dict, pv: dict, by_controller: bool = True) -> None:
    now = tx.env.now_str()
    md = pvc["metadata"]
    pv["spec"]["claimRef"] = {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "name": md["name"],
                              "namespace": md["namespace"], "resourceVersion": md.get("resourceVersion", ""),
                              "uid": md["uid"]}
    pv.setdefault("status", {})
    if pv["status"].get("phase") != "Bound":
        pv["status"]["phase"] = "Bound"
        pv["status"]["lastPhaseTransitionTime"] = now
    if by_controller and not (pv["metadata"].get("annotations") or {}).get("pv.kubernetes.io/provisioned-by"):
        pv["metadata"].setdefault("annotations", {})["pv.kubernetes.io/bound-by-controller"] = "yes"
    tx.update(pv)
    ann = md.setdefault("annotations", {})
    ann["pv.kubernetes.io/bind-completed"] = "yes"
    if not pvc["spec"].get("volumeName"):
        ann["pv.kubernetes.io/bound-by-controller"] = "yes"
    pvc["spec"]["volumeName"] = pv["metadata"]["name"]
    pvc["status"] = {"accessModes": list(pv["spec"].get("accessModes") or []),
                     "capacity": dict(pv["spec"].get("capacity") or {}), "phase": "Bound"}
    tx.update(pvc)
    _retry_pods(tx, md["namespace"])


def _retry_pods(tx: Tx, ns: str) -> None:
    """Pods the scheduler left Pending in this namespace get another try now that a claim is bound."""
    if tx.on_change is None:
        return
    for k, _ in tx.meta_prefixed(f"pending-pods/{ns}/"):
        tx.on_change(("", "Pod", ns, k.split("/", 2)[2]))


def provision(tx: Tx, pvc: dict, sc: dict, node: str | None) -> dict:
    """What the local-path provisioner creates: a hostPath volume pinned to the chosen node."""
    md = pvc["metadata"]
    name = "pvc-" + md["uid"]
    ann = md.setdefault("annotations", {})
    ann["volume.beta.kubernetes.io/storage-provisioner"] = sc.get("provisioner", "")
    ann["volume.kubernetes.io/storage-provisioner"] = sc.get("provisioner", "")
    tx.update(pvc)
    tx.record_event(pvc, "Normal", "ExternalProvisioning",
                    "Waiting for a volume to be created either by the external provisioner "
                    f"'{sc.get('provisioner')}' or manually by the system administrator. If volume creation is "
                    "delayed, please verify that the provisioner is running and correctly registered.",
                    PV_CONTROLLER)
    tx.record_event(pvc, "Normal", "Provisioning",
                    f'External provisioner is provisioning volume for claim "{md["namespace"]}/{md["name"]}"',
                    PROVISIONER_COMPONENT)
    spec = pvc["spec"]
    pv: dict = {
        "apiVersion": "v1", "kind": "PersistentVolume",
        "metadata": {"annotations": {"pv.kubernetes.io/provisioned-by": sc.get("provisioner", "")}, "name": name},
        "spec": {
            "accessModes": list(spec.get("accessModes") or []),
            "capacity": {"storage": ((spec.get("resources") or {}).get("requests") or {}).get("storage", "0")},
            "hostPath": {"path": f"/var/local-path-provisioner/{name}_{md['namespace']}_{md['name']}",
                         "type": "DirectoryOrCreate"},
            "persistentVolumeReclaimPolicy": sc.get("reclaimPolicy") or "Delete",
            "storageClassName": sc["metadata"]["name"],
            "volumeMode": spec.get("volumeMode") or "Filesystem",
        },
    }
    if node:
        pv["metadata"]["annotations"]["local.path.provisioner/selected-node"] = node
        pv["spec"]["nodeAffinity"] = {"required": {"nodeSelectorTerms": [{"matchExpressions": [
            {"key": "kubernetes.io/hostname", "operator": "In", "values": [node]}]}]}}
    pv = pipeline.create(tx, pv)
    pv["status"] = {"phase": "Available", "lastPhaseTransitionTime": tx.env.now_str()}
    tx.update(pv)
    tx.record_event(pvc, "Normal", "ProvisioningSucceeded", f"Successfully provisioned volume {name}",
                    PROVISIONER_COMPONENT)
    return pv


def sync_pvc(tx: Tx, k: Key) -> None:
    pvc = tx.get_key(k)
    if pvc is None:
        _release_claimed(tx, k[2], k[3])
        return
    if (pvc.get("status") or {}).get("phase") == "Bound" or pvc["metadata"].get("deletionTimestamp"):
        return
    cls = _class_of(pvc)
    mode, sc = _binding_mode(tx, cls)
    node = (pvc["metadata"].get("annotations") or {}).get(SELECTED_NODE)
    if mode == "WaitForFirstConsumer" and not node and not pvc["spec"].get("volumeName"):
        tx.record_event(pvc, "Normal", "WaitForFirstConsumer",
                        "waiting for first consumer to be created before binding", PV_CONTROLLER)
        return
    pv = _find_static(tx, pvc)
    if pv is not None:
        _bind(tx, pvc, pv)
        return
    if sc is not None and sc.get("provisioner") and sc.get("provisioner") != "kubernetes.io/no-provisioner":
        pv = provision(tx, pvc, sc, node)
        pvc = tx.get_key(k) or pvc
        _bind(tx, pvc, pv)
        return
    if not cls:
        msg = "no persistent volumes available for this claim and no storage class is set"
    elif sc is None:
        msg = f'storageclass.storage.k8s.io "{cls}" not found'
    else:
        msg = "no persistent volumes available for this claim and no storage class is set"
    tx.record_event(pvc, "Warning" if sc is None and cls else "Normal",
                    "ProvisioningFailed" if sc is None and cls else "FailedBinding", msg, PV_CONTROLLER)


def _release_claimed(tx: Tx, ns: str, name: str) -> None:
    """A deleted claim releases its volume: Delete removes it, Retain leaves it Released."""
    for pv in tx.list("", "PersistentVolume"):
        ref = pv["spec"].get("claimRef") or {}
        if ref.get("namespace") != ns or ref.get("name") != name or not ref.get("uid"):
            continue
        if pv["status"].get("phase") == "Released":
            continue
        if (pv["spec"].get("persistentVolumeReclaimPolicy") or "Retain") == "Delete":
            pipeline.delete(tx, "", "PersistentVolume", "", pv["metadata"]["name"])
        else:
            pv["status"] = {"lastPhaseTransitionTime": tx.env.now_str(), "phase": "Released"}
            tx.update(pv)


def sync_pv(tx: Tx, k: Key) -> None:
    pv = tx.get_key(k)
    if pv is None:
        return
    status = pv.setdefault("status", {})
    if status.get("phase") in (None, "", "Pending"):
        ref = pv["spec"].get("claimRef") or {}
        status["phase"] = "Available"
        status["lastPhaseTransitionTime"] = tx.env.now_str()
        tx.update(pv)
        if ref.get("name"):
            if tx.on_change:
                tx.on_change(("", "PersistentVolumeClaim", ref.get("namespace", ""), ref["name"]))
            return
        # A new volume may satisfy claims that are waiting.
        for pvc in tx.list("", "PersistentVolumeClaim"):
            if (pvc.get("status") or {}).get("phase") != "Bound" and tx.on_change:
                tx.on_change(("", "PersistentVolumeClaim", pvc["metadata"]["namespace"], pvc["metadata"]["name"]))


# ---- the scheduler's VolumeBinding plugin ------------------------------------------------------------------------

def pod_claims(pod: dict) -> list[str]:
    return [v["persistentVolumeClaim"]["claimName"] for v in (pod.get("spec") or {}).get("volumes") or []
            if isinstance(v.get("persistentVolumeClaim"), dict) and v["persistentVolumeClaim"].get("claimName")]


def check_pod(tx: Tx, pod: dict) -> tuple[str | None, set[str] | None]:
    """PreFilter: an error message that makes every node infeasible, or the nodes the pod's bound volumes allow
    (None: any)."""
    claims = pod_claims(pod)
    if not claims:
        return None, None
    ns = pod["metadata"]["namespace"]
    allowed: set[str] | None = None
    unbound_immediate = False
    for name in claims:
        pvc = tx.get("", "PersistentVolumeClaim", ns, name)
        if pvc is None:
            return f'persistentvolumeclaim "{name}" not found', None
        if pvc["metadata"].get("deletionTimestamp"):
            return f'persistentvolumeclaim "{name}" is being deleted', None
        if (pvc.get("status") or {}).get("phase") != "Bound":
            mode, _ = _binding_mode(tx, _class_of(pvc))
            if mode != "WaitForFirstConsumer":
                unbound_immediate = True
            continue
        pv = tx.get("", "PersistentVolume", "", pvc["spec"].get("volumeName", ""))
        terms = (((pv or {}).get("spec") or {}).get("nodeAffinity") or {}).get("required", {}).get("nodeSelectorTerms")
        if terms:
            nodes = set()
            for n in tx.list("", "Node"):
                from .scheduler import _affinity_ok

                fake = {"spec": {"affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {
                    "nodeSelectorTerms": terms}}}}}
                if _affinity_ok(fake, n):
                    nodes.add(n["metadata"]["name"])
            allowed = nodes if allowed is None else allowed & nodes
    if unbound_immediate:
        return "pod has unbound immediate PersistentVolumeClaims", None
    return None, allowed


def bind_for_pod(tx: Tx, pod: dict, node: str) -> None:
    """The scheduler chose ``node``: delayed-binding claims of the pod get it as their selected node and are
    provisioned or matched now (the PreBind step)."""
    ns = pod["metadata"]["namespace"]
    for name in pod_claims(pod):
        pvc = tx.get("", "PersistentVolumeClaim", ns, name)
        if pvc is None or (pvc.get("status") or {}).get("phase") == "Bound":
            continue
        ann = pvc["metadata"].setdefault("annotations", {})
        if ann.get(SELECTED_NODE) != node:
            ann[SELECTED_NODE] = node
            tx.update(pvc)
        sync_pvc(tx, ("", "PersistentVolumeClaim", ns, name))


def unschedulable(tx: Tx, pod: dict, total: int, reason: str) -> None:
    """FailedScheduling for a PreFilter rejection: the reason once, every node unhelpful for preemption."""
    msg = (f"0/{total} nodes are available: {reason}. preemption: 0/{total} nodes are available: "
           f"{total} Preemption is not helpful for scheduling.")
    tx.meta_set("pending-pods/" + pod["metadata"]["namespace"] + "/" + pod["metadata"]["name"], "1")
    status = pod.setdefault("status", {})
    old = next((c for c in status.get("conditions") or [] if c.get("type") == "PodScheduled"), None)
    if old and old.get("message") == msg:
        return
    conds = [c for c in status.get("conditions") or [] if c.get("type") != "PodScheduled"]
    conds.append({"lastProbeTime": None, "lastTransitionTime": tx.env.now_str(), "message": msg,
                  "reason": "Unschedulable", "status": "False", "type": "PodScheduled"})
    status["conditions"] = conds
    status["phase"] = "Pending"
    from .kubelet import qos_class

    status.setdefault("qosClass", qos_class(pod))
    tx.update(pod)
    tx.record_event(pod, "Warning", "FailedScheduling", msg, "default-scheduler")
