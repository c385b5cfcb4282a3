"""``validate --simulate``: would these manifests come up?

The documents that passed validation are created, in dependency order (namespaces and CRDs, then configuration
and storage, services, workloads, and what points at workloads), in a fresh default simulated cluster kept in a
temporary SQLite file (``--nodes N --node-cpu C --node-memory M`` replace its workers); the reconciler settles it,
and every workload that would not become ready is reported with the reason:

- pods the scheduler cannot place (the scheduler's ``FailedScheduling`` message),
- ConfigMaps, Secrets, PersistentVolumeClaims and ServiceAccounts a pod template references that exist nowhere
  (neither in the inputs nor in the cluster; references marked ``optional`` are skipped),
- Services whose selector matches no pod template, and named ``targetPort``s (and probe ports) no container names,
- Ingresses whose backend Service does not exist, HPAs whose scale target does not exist,
- objects the simulated API server rejects at creation (a namespace that does not exist, a name taken, ...).
"""

from __future__ import annotations

import copy
import io
import os
import random
import tempfile
from typing import Any, Iterator

from .core import DocResult, Finding
from . import loader

_ORDER = {
    "Namespace": 0, "CustomResourceDefinition": 0, "PriorityClass": 1, "StorageClass": 1,
    "ServiceAccount": 2, "Role": 2, "ClusterRole": 2, "RoleBinding": 3, "ClusterRoleBinding": 3,
    "ConfigMap": 4, "Secret": 4, "LimitRange": 4, "ResourceQuota": 4, "PersistentVolume": 5,
    "PersistentVolumeClaim": 6, "Service": 7, "Endpoints": 7,
    "DaemonSet": 8, "Deployment": 8, "ReplicaSet": 8, "StatefulSet": 8, "Job": 8, "CronJob": 8, "Pod": 8,
    "Ingress": 9, "HorizontalPodAutoscaler": 9, "PodDisruptionBudget": 9, "NetworkPolicy": 9,
}
WORKLOADS = ("Pod", "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "CronJob")


def template_of(obj: dict) -> tuple[dict, str] | None:
    """(pod template {metadata, spec}, its path) of a workload."""
    kind = obj.get("kind")
    spec = obj.get("spec") or {}
    if kind == "Pod":
        return {"metadata": obj.get("metadata") or {}, "spec": spec}, ""
    if kind == "CronJob":
        t = (((spec.get("jobTemplate") or {}).get("spec") or {}).get("template")) or {}
        return t, "spec.jobTemplate.spec.template"
    if kind in WORKLOADS:
        return spec.get("template") or {}, "spec.template"
    return None


def _p(base: str, rest: str) -> str:
    return f"{base}.{rest}" if base else rest


def pod_references(tmpl: dict, base: str) -> Iterator[tuple[str, str, str]]:
    """(kind, name, field path) of each required ConfigMap/Secret/PVC/ServiceAccount a pod template names."""
    spec = tmpl.get("spec") or {}
    sp = _p(base, "spec")
    sa = spec.get("serviceAccountName") or spec.get("serviceAccount")
    if sa and sa != "default":
        yield "ServiceAccount", sa, _p(sp, "serviceAccountName" if spec.get("serviceAccountName") else
                                       "serviceAccount")
    for i, v in enumerate(spec.get("volumes") or []):
        if not isinstance(v, dict):
            continue
        vp = f"{sp}.volumes[{i}]"
        cm, sec, pvc = v.get("configMap"), v.get("secret"), v.get("persistentVolumeClaim")
        if isinstance(cm, dict) and cm.get("name") and not cm.get("optional"):
            yield "ConfigMap", cm["name"], f"{vp}.configMap.name"
        if isinstance(sec, dict) and sec.get("secretName") and not sec.get("optional"):
            yield "Secret", sec["secretName"], f"{vp}.secret.secretName"
        if isinstance(pvc, dict) and pvc.get("claimName"):
            yield "PersistentVolumeClaim", pvc["claimName"], f"{vp}.persistentVolumeClaim.claimName"
        proj = v.get("projected")
        if isinstance(proj, dict):
            for j, src in enumerate(proj.get("sources") or []):
                for key, kind in (("configMap", "ConfigMap"), ("secret", "Secret")):
                    ref = (src or {}).get(key)
                    if isinstance(ref, dict) and ref.get("name") and not ref.get("optional"):
                        yield kind, ref["name"], f"{vp}.projected.sources[{j}].{key}.name"
    for group in ("initContainers", "containers"):
        for ci, c in enumerate(spec.get(group) or []):
            if not isinstance(c, dict):
                continue
            cp = f"{sp}.{group}[{ci}]"
            for ei, e in enumerate(c.get("env") or []):
                vf = (e or {}).get("valueFrom") or {}
                for key, kind in (("configMapKeyRef", "ConfigMap"), ("secretKeyRef", "Secret")):
                    ref = vf.get(key)
                    if isinstance(ref, dict) and ref.get("name") and not ref.get("optional"):
                        yield kind, ref["name"], f"{cp}.env[{ei}].valueFrom.{key}.name"
            for ei, e in enumerate(c.get("envFrom") or []):
                for key, kind in (("configMapRef", "ConfigMap"), ("secretRef", "Secret")):
                    ref = (e or {}).get(key)
                    if isinstance(ref, dict) and ref.get("name") and not ref.get("optional"):
                        yield kind, ref["name"], f"{cp}.envFrom[{ei}].{key}.name"


_GR = {"ConfigMap": "configmaps", "Secret": "secrets", "PersistentVolumeClaim": "persistentvolumeclaims",
       "ServiceAccount": "serviceaccounts", "Service": "services", "Deployment": "deployments.apps",
       "StatefulSet": "statefulsets.apps", "ReplicaSet": "replicasets.apps"}


class _Input:
    __slots__ = ("obj", "result", "node", "line0")

    def __init__(self, obj: dict, result: DocResult, node: Any, line0: int):
        self.obj, self.result, self.node, self.line0 = obj, result, node, line0

    @property
    def kind(self) -> str:
        return str(self.obj.get("kind"))

    @property
    def name(self) -> str:
        return str((self.obj.get("metadata") or {}).get("name") or "")

    @property
    def namespace(self) -> str:
        return str((self.obj.get("metadata") or {}).get("namespace") or "default")


def _finding(inp: _Input, path: str, message: str) -> Finding:
    line, col, _ = loader.position(inp.node, path, inp.line0) if path else (inp.result.line, 1, "")
    return Finding(inp.result.file, inp.result.document, line, col, path, message, "simulate", inp.kind, inp.name)


def _add(inp: _Input, path: str, message: str) -> None:
    inp.result.findings.append(_finding(inp, path, message))
    inp.result.status = "invalid"


def _inputs(files: list[str], texts: dict[str, str], results: list[DocResult]) -> list[_Input]:
    by_doc: dict[tuple[str, int], DocResult] = {}
    for r in results:
        by_doc.setdefault((r.file, r.document), r)
    out: list[_Input] = []
    for f in files:
        text = texts.get(f)
        if text is None:
            continue
        name = "STDIN" if f == "-" else f
        docs, _ = loader.load(text, name)
        for d in docs:
            r = by_doc.get((name, d.number))
            if r is None or not isinstance(d.obj, dict) or str(d.obj.get("kind", "")).endswith("List"):
                continue
            out.append(_Input(d.obj, r, d.node, d.line0))
    return out


def simulate(files: list[str], texts: dict[str, str], results: list[DocResult], *, nodes: int | None = None,
             node_cpu: str | None = None, node_memory: str | None = None, now: Any = None,
             base_store: str | None = None) -> list[DocResult]:
    """Adds ``simulate`` findings to ``results`` (in place) and returns the extra results (none). With
    ``base_store`` (a store URL) the throw-away cluster starts as a copy of that store's cluster; the store itself
    is only read."""
    inputs = _inputs(files, texts, results)
    declared = {(i.kind, i.namespace if i.kind not in ("Namespace",) else "", i.name) for i in inputs}
    with tempfile.TemporaryDirectory(prefix="pykubectl-simulate-") as tmp:
        path = os.path.join(tmp, "cluster.db")
        if base_store:
            _copy_store(base_store, path)
        _run(inputs, declared, path, nodes, node_cpu, node_memory, now)
    return []


def _copy_store(url: str, path: str) -> None:
    """The cluster of the store at ``url`` into a new SQLite file, through `store export`'s reader and `store
    import`'s writer (so any backend, PostgreSQL included, can be the source)."""
    from ..cli.storecmd import export_documents, import_into
    from ..store import db as dbmod

    src = dbmod.connect(url)
    try:
        docs = list(export_documents(src))
    finally:
        src.close()
    header = docs[0]
    n = int(header.get("objects") or 0)
    dst = dbmod.connect(path)
    try:
        import_into(dst, header, docs[1:1 + n], docs[1 + n:], overwrite=False, target=path)
    finally:
        dst.close()


def _run(inputs: list[_Input], declared: set[tuple[str, str, str]], path: str, nodes: int | None,
         node_cpu: str | None, node_memory: str | None, now: Any) -> None:
    from ..controllers import bootstrap, reconciler
    from ..env import Env
    from ..errors import PykubectlError
    from ..apiserver import pipeline
    from ..store.store import Store, group_of

    # Deterministic, and seeded by the node settings: the scheduler caches node capacity by uid+resourceVersion
    # process-wide, so two simulated clusters of different shapes must not draw the same node uids.
    seed = f"pykubectl-simulate/{nodes}/{node_cpu}/{node_memory}"
    env = Env(store_url=path, frozen_now=now, rand=random.Random(seed), stdout=io.StringIO(), stderr=io.StringIO())
    store = Store.open(env)
    if nodes is not None or node_cpu or node_memory:
        with store.transaction() as tx:
            workers = [n for n in tx.list("", "Node") if "node-role.kubernetes.io/control-plane" not in
                       ((n.get("metadata") or {}).get("labels") or {})]
            count = nodes if nodes is not None else len(workers)
            for n in workers:
                tx.delete("", "Node", "", n["metadata"]["name"])
            names = bootstrap.node_names(max(count, 1))[1:count + 1] if count else []
            for i, name in enumerate(names, 1):
                tx.create(bootstrap.make_node(tx, name, i, cpu=node_cpu or bootstrap.NODE_CPU,
                                              memory=node_memory or bootstrap.NODE_MEMORY))
        reconciler.reconcile(store)

    valid = [i for i in inputs if i.result.status == "valid"]
    valid.sort(key=lambda i: _ORDER.get(i.kind, 8))
    created: dict[tuple[str, str, str], _Input] = {}
    for inp in valid:
        obj = copy.deepcopy(inp.obj)
        md = obj.setdefault("metadata", {})
        try:
            with store.transaction() as tx:
                if pipeline.namespaced(group_of(obj.get("apiVersion", "")), inp.kind):
                    md["namespace"] = md.get("namespace") or "default"
                live = tx.get(group_of(obj.get("apiVersion", "")), inp.kind, md.get("namespace") or "", md.get("name", ""))
                if live is None:
                    pipeline.create(tx, obj)
                else:
                    # Already in the copied cluster: the manifest replaces it (as `replace` would).
                    md["resourceVersion"] = live["metadata"]["resourceVersion"]
                    pipeline.update(tx, obj, live)
            created[(inp.kind, inp.namespace, inp.name)] = inp
        except PykubectlError as e:
            _add(inp, "", f"{inp.kind} \"{inp.name}\" was not created: {e}")
    reconciler.reconcile(store)

    with store.transaction() as tx:
        def exists(kind: str, ns: str, name: str) -> bool:
            if (kind, ns, name) in declared:
                return True
            group = {"Deployment": "apps", "StatefulSet": "apps", "ReplicaSet": "apps", "DaemonSet": "apps"}.get(kind, "")
            return tx.get(group, kind, ns, name) is not None

        templates: list[tuple[_Input, dict, str]] = []
        for inp in valid:
            t = template_of(inp.obj)
            if t is not None:
                templates.append((inp, t[0], t[1]))
        # references that exist nowhere
        for inp, tmpl, base in templates:
            for kind, name, fpath in pod_references(tmpl, base):
                if not exists(kind, inp.namespace, name):
                    _add(inp, fpath, f'{inp.kind} "{inp.name}" would not become ready: {kind.lower()} "{name}" '
                                     "not found")
            # probe ports that name no container port
            for ci, c in enumerate((tmpl.get("spec") or {}).get("containers") or []):
                if not isinstance(c, dict):
                    continue
                names = {p.get("name") for p in c.get("ports") or [] if isinstance(p, dict)}
                for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
                    pr = c.get(probe) or {}
                    for action in ("httpGet", "tcpSocket", "grpc"):
                        port = (pr.get(action) or {}).get("port")
                        if isinstance(port, str) and port not in names:
                            _add(inp, _p(base, f"spec.containers[{ci}].{probe}.{action}.port"),
                                 f'{inp.kind} "{inp.name}" would not become ready: {probe} port "{port}" names no '
                                 f'port of container "{c.get("name")}"')
        # services
        for inp in valid:
            if inp.kind != "Service":
                continue
            spec = inp.obj.get("spec") or {}
            sel = spec.get("selector") or {}
            if not sel or spec.get("type") == "ExternalName":
                continue
            matching = [t for i2, t, _ in templates if i2.namespace == inp.namespace and
                        all(((t.get("metadata") or {}).get("labels") or {}).get(k) == v for k, v in sel.items())]
            if not matching:
                text = ",".join(f"{k}={v}" for k, v in sorted(sel.items()))
                _add(inp, "spec.selector", f'Service "{inp.name}" has no endpoints: selector {text} matches no pod '
                                           "template")
                continue
            port_names = {p.get("name") for t in matching for c in (t.get("spec") or {}).get("containers") or []
                          if isinstance(c, dict) for p in c.get("ports") or [] if isinstance(p, dict)}
            for pi, port in enumerate(spec.get("ports") or []):
                tp = (port or {}).get("targetPort")
                if isinstance(tp, str) and tp not in port_names:
                    _add(inp, f"spec.ports[{pi}].targetPort",
                         f'Service "{inp.name}" has no endpoints for port {port.get("port")}: targetPort "{tp}" names '
                         "no container port of the selected pod templates")
        # ingresses and HPAs
        for inp in valid:
            spec = inp.obj.get("spec") or {}
            if inp.kind == "Ingress":
                backends = []
                if (spec.get("defaultBackend") or {}).get("service"):
                    backends.append(("spec.defaultBackend.service.name", spec["defaultBackend"]["service"].get("name")))
                for ri, rule in enumerate(spec.get("rules") or []):
                    for pi, path in enumerate(((rule or {}).get("http") or {}).get("paths") or []):
                        svc = ((path or {}).get("backend") or {}).get("service") or {}
                        if svc.get("name"):
                            backends.append((f"spec.rules[{ri}].http.paths[{pi}].backend.service.name", svc["name"]))
                for fpath, name in backends:
                    if not exists("Service", inp.namespace, name):
                        _add(inp, fpath, f'Ingress "{inp.name}" points at a missing backend: service "{name}" not '
                                         "found")
            elif inp.kind == "HorizontalPodAutoscaler":
                ref = spec.get("scaleTargetRef") or {}
                kind, name = ref.get("kind", ""), ref.get("name", "")
                if kind and name and not exists(kind, inp.namespace, name):
                    gr = _GR.get(kind, kind.lower() + "s")
                    _add(inp, "spec.scaleTargetRef.name", f'HorizontalPodAutoscaler "{inp.name}" cannot scale: '
                                                          f'{gr} "{name}" not found')
        # unschedulable pods, reported on the workload that owns them
        reported: set[tuple[str, str, str]] = set()
        for pod in tx.list("", "Pod"):
            cond = next((c for c in (pod.get("status") or {}).get("conditions") or []
                         if c.get("type") == "PodScheduled" and c.get("status") == "False"), None)
            if cond is None:
                continue
            owner = _top_owner(tx, pod)
            inp = created.get(owner)
            if inp is None or owner in reported:
                continue
            reported.add(owner)
            _add(inp, "", f'{inp.kind} "{inp.name}" would not become ready: pod unschedulable: {cond.get("message")}')


def _top_owner(tx: Any, obj: dict) -> tuple[str, str, str]:
    md = obj.get("metadata") or {}
    ns = md.get("namespace") or ""
    for _ in range(4):
        refs = md.get("ownerReferences") or []
        if not refs:
            break
        ref = refs[0]
        group = ref.get("apiVersion", "").rpartition("/")[0]
        parent = tx.get(group, ref.get("kind", ""), ns, ref.get("name", ""))
        if parent is None:
            return ref.get("kind", ""), ns, ref.get("name", "")
        obj, md = parent, parent.get("metadata") or {}
    return str(obj.get("kind")), ns, str(md.get("name"))
