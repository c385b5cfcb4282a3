"""Kubelet: a pod bound to a Ready node gets an IP from the node's pod CIDR, pulls its images and runs its
containers, with the states, conditions and events a real kubelet reports.

What a container does is read from its spec (pykubectl's simulation conventions, documented in
docs/SIMULATION.md):
- a container *terminates* when its pod's restartPolicy is Never/OnFailure (it runs to completion), or when its
  command/args declare an exit: the program ``true``/``false`` or a shell script containing ``exit N``;
- its run time is the sum of the ``sleep N`` (``N``, ``Ns``, ``Nm``, ``Nh``) found in its command/args, else
  ``DEFAULT_RUN_SECONDS``;
- its exit code is 1 for ``false``, N for the last ``exit N``, else 0;
- an image matching a pattern of the simulated registry's deny list (``pykubectl cluster images deny``) cannot be
  pulled: ErrImagePull, then ImagePullBackOff, retried with the kubelet's back-off (10s doubling to 5m);
- a readiness probe whose exec command declares a non-zero exit (``false``, ``exit 1``) fails: the container runs
  but is never ready;
- env/envFrom/volumes referencing a missing ConfigMap/Secret/key leave the container waiting
  (CreateContainerConfigError, or ContainerCreating for volumes) until the object appears.

Time-driven steps (a container exiting, a back-off expiring) are scheduled as wake-ups of the pod's key; each sync
replays every step that has come due, in time order, and schedules the next.
"""

from __future__ import annotations

import fnmatch
import json
import re
from datetime import datetime, timedelta

from ..env import format_time, parse_time
from ..store.store import Key, Tx

KUBELET = "kubelet"
DEFAULT_RUN_SECONDS = 5
BACKOFF_INITIAL = 10
BACKOFF_MAX = 300
# flowcontrol.Backoff forgets an entry not updated for twice the maximum.
BACKOFF_RESET = 2 * BACKOFF_MAX
DENY_KEY = "registry/deny"
CFG_WAIT = "cfgwait/"  # index: cfgwait/<ns>/<Kind>/<name>/<pod> -> pod waiting for that ConfigMap/Secret


def qos_class(pod: dict) -> str:
    from ..api.defaults import qos_class as spec_qos

    return spec_qos(pod.get("spec") or {})


def normalize_image(image: str) -> str:
    """What containerd reports for an image reference: docker.io/library/nginx:latest."""
    name = image
    if "@" not in name and ":" not in name.rsplit("/", 1)[-1]:
        name += ":latest"
    first = name.split("/", 1)[0]
    if "/" not in name:
        name = "docker.io/library/" + name
    elif "." not in first and ":" not in first and first != "localhost":
        name = "docker.io/" + name
    return name


def _digest(s: str) -> str:
    import hashlib  # not at import: OpenSSL's module is ~3 ms of every command that reconciles

    return hashlib.sha256(s.encode()).hexdigest()


def _pod_ip(tx: Tx, node: dict, pod: dict) -> str:
    cidr = (node.get("spec") or {}).get("podCIDR") or "10.244.1.0/24"
    base = cidr.split("/")[0].rsplit(".", 1)[0]
    nname = node["metadata"]["name"]
    owner = f"{pod['metadata']['namespace']}/{pod['metadata']['name']}"
    start = int(tx.meta_get("podip-next/" + nname, "2") or 2)
    for i in range(253):
        host = (start - 2 + i) % 253 + 2
        ip = f"{base}.{host}"
        if tx.meta_get("alloc/podip/" + ip) is None:
            tx.meta_set("alloc/podip/" + ip, owner)
            tx.meta_set("podip-next/" + nname, str(host % 254 + 1))
            return ip
    return f"{base}.254"


def release_ip(tx: Tx, pod: dict) -> None:
    ip = (pod.get("status") or {}).get("podIP")
    if ip:
        tx.meta_delete("alloc/podip/" + ip)


def go_duration(seconds: int) -> str:
    """time.Duration's String() for whole seconds: 10s, 1m20s, 5m0s, 1h0m0s."""
    h, rest = divmod(int(seconds), 3600)
    m, s = divmod(rest, 60)
    if h:
        return f"{h}h{m}m{s}s"
    if m:
        return f"{m}m{s}s"
    return f"{s}s"


# ---- the simulated registry ------------------------------------------------------------------------------------

def deny_list(tx: Tx) -> list[str]:
    raw = tx.meta_get(DENY_KEY)
    return list(json.loads(raw)) if raw else []


def set_deny_list(tx: Tx, patterns: list[str]) -> None:
    if patterns:
        tx.meta_set(DENY_KEY, json.dumps(sorted(set(patterns))))
    else:
        tx.meta_delete(DENY_KEY)


def image_denied(image: str, patterns: list[str]) -> bool:
    full = normalize_image(image)
    return any(fnmatch.fnmatchcase(image, p) or fnmatch.fnmatchcase(full, p) for p in patterns)


def pull_error(image: str) -> str:
    """containerd's answer for a reference that does not resolve, as the CRI returns it."""
    full = normalize_image(image)
    return (f'rpc error: code = NotFound desc = failed to pull and unpack image "{full}": failed to resolve '
            f'reference "{full}": {full}: not found')


# ---- what a container does ---------------------------------------------------------------------------------------

_SLEEP = re.compile(r"\bsleep\s+(\d+)([smhd]?)\b")
_EXIT = re.compile(r"\bexit\s+(\d+)\b|\bexit\b")
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def _words(c: dict) -> list[str]:
    return [str(w) for w in (c.get("command") or []) + (c.get("args") or [])]


def declared_exit(words: list[str]) -> int | None:
    """The exit code a command declares (``false``, ``true``, ``exit N``), or None when it runs until stopped."""
    if not words:
        return None
    prog = words[0].rsplit("/", 1)[-1]
    if prog == "false":
        return 1
    if prog == "true":
        return 0
    code = None
    for m in _EXIT.finditer(" ".join(words)):
        code = int(m.group(1)) if m.group(1) else 0
    return code


def run_seconds(c: dict) -> int:
    total = sum(int(n) * _UNIT[u] for n, u in _SLEEP.findall(" ".join(_words(c))))
    return total if total else DEFAULT_RUN_SECONDS


def behaviour(c: dict, restart_policy: str) -> tuple[bool, int, int]:
    """(terminates, run seconds, exit code) of a container."""
    code = declared_exit(_words(c))
    terminates = restart_policy in ("Never", "OnFailure") or code is not None
    run = run_seconds(c)
    killed_after = liveness_kill_after(c)
    if killed_after is not None and (not terminates or killed_after < run):
        return True, killed_after, LIVENESS_EXIT
    return terminates, run, code or 0


def _probe_fails(probe: dict | None) -> bool:
    cmd = ((probe or {}).get("exec") or {}).get("command")
    if not cmd:
        return False
    return bool(declared_exit([str(w) for w in cmd]))


def readiness_fails(c: dict) -> bool:
    return _probe_fails(c.get("readinessProbe"))


LIVENESS_EXIT = 137  # SIGKILL after the failed liveness probe's grace period


def liveness_kill_after(c: dict) -> int | None:
    """Seconds after start when a failing liveness probe gets the container killed: its initial delay plus
    failureThreshold periods (defaults 0, 10s, 3)."""
    probe = c.get("livenessProbe")
    if not _probe_fails(probe):
        return None
    return (int(probe.get("initialDelaySeconds") or 0)  # type: ignore[union-attr]
            + int(probe.get("periodSeconds") or 10) * int(probe.get("failureThreshold") or 3))  # type: ignore[union-attr]


# ---- config references -------------------------------------------------------------------------------------------

def _config_error(tx: Tx, pod: dict, c: dict) -> tuple[str, str, str] | None:
    """The first env/envFrom reference that cannot be resolved: (message, kind, name)."""
    ns = pod["metadata"]["namespace"]

    def lookup(kind: str, name: str) -> dict | None:
        return tx.get("", kind, ns, name)

    for ef in c.get("envFrom") or []:
        for field, kind in (("configMapRef", "ConfigMap"), ("secretRef", "Secret")):
            ref = ef.get(field)
            if ref is None or ref.get("optional"):
                continue
            if lookup(kind, ref.get("name", "")) is None:
                return f'{kind.lower()} "{ref.get("name", "")}" not found', kind, ref.get("name", "")
    for e in c.get("env") or []:
        vf = e.get("valueFrom") or {}
        for field, kind in (("configMapKeyRef", "ConfigMap"), ("secretKeyRef", "Secret")):
            ref = vf.get(field)
            if ref is None:
                continue
            name, key = ref.get("name", ""), ref.get("key", "")
            obj = lookup(kind, name)
            if obj is None:
                if ref.get("optional"):
                    continue
                return f'{kind.lower()} "{name}" not found', kind, name
            data = dict(obj.get("data") or {})
            if kind == "ConfigMap":
                data.update(obj.get("binaryData") or {})
            else:
                data.update(obj.get("stringData") or {})
            if key not in data and not ref.get("optional"):
                return f"couldn't find key {key} in {kind} {ns}/{name}", kind, name
    return None


def _volume_error(tx: Tx, pod: dict) -> tuple[str, str, str, str] | None:
    """The first configMap/secret volume that cannot be set up: (volume, message, kind, name)."""
    ns = pod["metadata"]["namespace"]
    for v in (pod.get("spec") or {}).get("volumes") or []:
        sources = []
        if "configMap" in v:
            sources.append(("ConfigMap", v["configMap"].get("name", ""), v["configMap"]))
        if "secret" in v:
            sources.append(("Secret", v["secret"].get("secretName", ""), v["secret"]))
        for proj in (v.get("projected") or {}).get("sources") or []:
            if "configMap" in proj:
                sources.append(("ConfigMap", proj["configMap"].get("name", ""), proj["configMap"]))
            if "secret" in proj:
                sources.append(("Secret", proj["secret"].get("name", ""), proj["secret"]))
        for kind, name, src in sources:
            if src.get("optional"):
                continue
            obj = tx.get("", kind, ns, name)
            if obj is None:
                return v["name"], f'{kind.lower()} "{name}" not found', kind, name
            keys = set((obj.get("data") or {})) | set((obj.get("binaryData") or obj.get("stringData") or {}))
            for item in src.get("items") or []:
                if item.get("key") not in keys:
                    word = "configmap" if kind == "ConfigMap" else "secret"
                    return (v["name"], f"{word} references non-existent config key: {item.get('key')}", kind, name)
    return None


def _wait_for(tx: Tx, pod: dict, kind: str, name: str) -> None:
    md = pod["metadata"]
    tx.meta_set(f"{CFG_WAIT}{md['namespace']}/{kind}/{name}/{md['name']}", md.get("uid", ""))


def config_changed(tx: Tx, k: Key) -> None:
    """A ConfigMap or Secret was written: pods waiting for it get another look (an index, not a scan)."""
    prefix = f"{CFG_WAIT}{k[2]}/{k[1]}/{k[3]}/"
    for key, _ in tx.meta_prefixed(prefix):
        tx.meta_delete(key)
        if tx.on_change is not None:
            tx.on_change(("", "Pod", k[2], key[len(prefix):]))


# ---- kubelet state kept outside the pod (back-off records) --------------------------------------------------------

def _state_key(ns: str, name: str) -> str:
    return f"kubelet/{ns}/{name}"


def _load_state(tx: Tx, pod: dict) -> dict:
    md = pod["metadata"]
    raw = tx.meta_get(_state_key(md["namespace"], md["name"]))
    st = json.loads(raw) if raw else {}
    # A record left by an earlier pod of the same name (a StatefulSet's) is not this pod's.
    return st if st.get("uid") == md.get("uid") else {}


def _save_state(tx: Tx, pod: dict, st: dict) -> None:
    md = pod["metadata"]
    key = _state_key(md["namespace"], md["name"])
    if any(v for k, v in st.items() if k != "uid"):
        tx.meta_set(key, json.dumps({**st, "uid": md.get("uid")}, sort_keys=True))
    else:
        tx.meta_delete(key)


def forget(tx: Tx, k: Key) -> None:
    """A pod is gone: drop the kubelet's records of it."""
    tx.meta_delete(_state_key(k[2], k[3]))


# ---- sync --------------------------------------------------------------------------------------------------------

def sync(tx: Tx, k: Key) -> None:
    pod = tx.get_key(k)
    if pod is None:
        forget(tx, k)
        return
    spec = pod.get("spec") or {}
    status = pod.setdefault("status", {})
    node_name = spec.get("nodeName")
    if not node_name or status.get("phase") in ("Succeeded", "Failed") or pod["metadata"].get("deletionTimestamp"):
        return
    if status.get("podIP") and status.get("phase") == "Running" and _steady(pod):
        return
    node = tx.peek(("", "Node", "", node_name))  # read only: the kubelet never writes its Node here
    from .node import node_ready

    if node is None or not node_ready(node):
        return
    Kubelet(tx, pod, node).run()


def _steady(pod: dict) -> bool:
    """Every container runs and never exits: nothing for the kubelet to do (the common case, kept cheap)."""
    spec = pod.get("spec") or {}
    policy = spec.get("restartPolicy") or "Always"
    running = {s.get("name") for s in pod["status"].get("containerStatuses") or [] if "running" in (s.get("state") or {})}
    return all(c.get("name") in running and not behaviour(c, policy)[0] for c in spec.get("containers") or [])


def run_pod(tx: Tx, pod: dict, node: dict) -> None:
    Kubelet(tx, pod, node).run()


class Kubelet:
    """One pod's worker: brings the pod's status up to the present and schedules its next step."""

    def __init__(self, tx: Tx, pod: dict, node: dict):
        self.tx = tx
        self.pod = pod
        self.node = node
        self.node_name = node["metadata"]["name"]
        self.spec = pod["spec"]
        self.status = pod["status"]
        self.now = tx.env.now()
        self.policy = self.spec.get("restartPolicy") or "Always"
        self.state = _load_state(tx, pod)
        self.state_before = json.dumps(self.state, sort_keys=True)

    # -- helpers
    def event(self, type_: str, reason: str, message: str, c: dict | None = None) -> None:
        fp = f"spec.containers{{{c['name']}}}" if c is not None else ""
        self.tx.record_event(self.pod, type_, reason, message, KUBELET, self.node_name, fp)

    def statuses(self) -> dict[str, dict]:
        return {s["name"]: s for s in self.status.get("containerStatuses") or []}

    def _mounts(self, c: dict) -> list[dict]:
        return [
            {"mountPath": m["mountPath"], "name": m["name"], **({"readOnly": True} if m.get("readOnly") else {}),
             **({"recursiveReadOnly": "Disabled"} if m.get("readOnly") else {})}
            for m in c.get("volumeMounts") or []
        ]

    def _waiting(self, c: dict, reason: str, message: str | None, cs: dict | None = None) -> dict:
        cs = dict(cs) if cs else {
            "image": c.get("image", ""), "imageID": "", "lastState": {}, "name": c["name"], "ready": False,
            "restartCount": 0, "started": False, "volumeMounts": self._mounts(c),
        }
        if not cs.get("volumeMounts"):
            cs.pop("volumeMounts", None)
        cs["ready"] = False
        cs["started"] = False
        cs["state"] = {"waiting": {**({"message": message} if message else {}), "reason": reason}}
        return cs

    # -- the pod's life
    def run(self) -> None:
        tx = self.tx
        now_s = format_time(self.now)
        started = bool(self.status.get("podIP"))
        if not started:
            verr = _volume_error(tx, self.pod)
            if verr is not None:
                vol, msg, kind, name = verr
                if self._pending_volume(vol, msg):
                    self.event("Warning", "FailedMount", f'MountVolume.SetUp failed for volume "{vol}" : {msg}')
                _wait_for(tx, self.pod, kind, name)
                self._finish(None)
                return
            self._start_sandbox(now_s)
        statuses = self.statuses()
        next_at: datetime | None = None
        for c in self.spec.get("containers") or []:
            cs = statuses.get(c["name"])
            cs, at = self._advance(c, cs)
            statuses[c["name"]] = cs
            if at is not None and (next_at is None or at < next_at):
                next_at = at
        self.status["containerStatuses"] = sorted(statuses.values(), key=lambda s: s["name"])
        self._pod_phase()
        self._finish(next_at)

    def _pending_volume(self, vol: str, msg: str) -> bool:
        """Mark the pod ContainerCreating (no IP yet); True when this is news."""
        st = self.status
        new = []
        for c in self.spec.get("containers") or []:
            new.append(self._waiting(c, "ContainerCreating", None))
        changed = st.get("containerStatuses") != sorted(new, key=lambda s: s["name"])
        now = format_time(self.now)
        st["containerStatuses"] = sorted(new, key=lambda s: s["name"])
        st.setdefault("phase", "Pending")
        st["hostIP"] = self._host_ip()
        st["hostIPs"] = [{"ip": st["hostIP"]}]
        st["qosClass"] = qos_class(self.pod)
        st.setdefault("startTime", now)
        names = " ".join(c["name"] for c in self.spec.get("containers") or [])
        self._conditions(ready_to_start=False, ready=False, reason="ContainersNotReady",
                         message=f"containers with unready status: [{names}]")
        return changed

    def _host_ip(self) -> str:
        return next((a["address"] for a in self.node["status"].get("addresses") or [] if a.get("type") == "InternalIP"), "")

    def _start_sandbox(self, now_s: str) -> None:
        host_ip = self._host_ip()
        ip = self.spec.get("hostNetwork") and host_ip or _pod_ip(self.tx, self.node, self.pod)
        self.status.update({
            "hostIP": host_ip,
            "hostIPs": [{"ip": host_ip}],
            "phase": "Pending",
            "podIP": ip,
            "podIPs": [{"ip": ip}],
            "qosClass": qos_class(self.pod),
            "startTime": self.status.get("startTime") or now_s,
        })
        self.status["containerStatuses"] = []

    def _advance(self, c: dict, cs: dict | None) -> tuple[dict, datetime | None]:
        """Replay this container's due steps; return its status and when it next needs a look."""
        terminates, run_s, code = behaviour(c, self.policy)
        for _ in range(10_000):
            at = self._next_step(c, cs, terminates, run_s)
            if at is None or at > self.now:
                return cs, at  # type: ignore[return-value]
            cs = self._step(c, cs, at, code)
        raise RuntimeError("kubelet: container did not settle")

    def _next_step(self, c: dict, cs: dict | None, terminates: bool, run_s: int) -> datetime | None:
        if cs is None:
            return self.now
        state = cs.get("state") or {}
        name = c["name"]
        if "running" in state:
            if not terminates:
                return None
            return parse_time(state["running"]["startedAt"]) + timedelta(seconds=run_s)
        if "terminated" in state:
            return None
        reason = (state.get("waiting") or {}).get("reason")
        if reason == "CreateContainerConfigError":
            err = _config_error(self.tx, self.pod, c)
            if err is None or err[0] != (state.get("waiting") or {}).get("message"):
                return self.now
            _wait_for(self.tx, self.pod, err[1], err[2])
            return None
        if reason in ("ErrImagePull", "ImagePullBackOff"):
            pull = (self.state.get("pull") or {}).get(name) or {}
            at = parse_time(pull["at"])
            if reason == "ErrImagePull":
                return at + timedelta(seconds=1)
            return at + timedelta(seconds=int(pull["d"]))
        if reason == "CrashLoopBackOff":
            bo = (self.state.get("backoff") or {}).get(name) or {}
            finished = parse_time(cs["lastState"]["terminated"]["finishedAt"])
            return finished + timedelta(seconds=int(bo.get("d", BACKOFF_INITIAL)))
        return self.now

    def _step(self, c: dict, cs: dict | None, at: datetime, code: int) -> dict:
        at_s = format_time(at)
        state = (cs or {}).get("state") or {}
        if "running" in state:
            return self._exit(c, cs, at, code)  # type: ignore[arg-type]
        reason = (state.get("waiting") or {}).get("reason") if state else None
        if reason == "ErrImagePull":
            self.event("Normal", "BackOff", f'Back-off pulling image "{c.get("image", "")}"', c)
            self.event("Warning", "Failed", "Error: ImagePullBackOff", c)
            return self._waiting(c, "ImagePullBackOff", f'Back-off pulling image "{c.get("image", "")}"', cs)
        if reason == "CrashLoopBackOff":
            bo = self.state.setdefault("backoff", {}).get(c["name"]) or {}
            self.state["backoff"][c["name"]] = {"d": int(bo.get("next", BACKOFF_INITIAL)), "last": at_s}
            return self._start_container(c, cs, at_s, restart=True)
        # A first start, a pull retry, or a config error that may have cleared.
        return self._create(c, cs, at)

    def _create(self, c: dict, cs: dict | None, at: datetime) -> dict:
        at_s = format_time(at)
        image = c.get("image", "")
        name = c["name"]
        pulls = self.state.setdefault("pull", {})
        waiting = ((cs or {}).get("state") or {}).get("waiting") or {}
        if waiting.get("reason") != "CreateContainerConfigError":
            if image_denied(image, deny_list(self.tx)):
                err = pull_error(image)
                self.event("Normal", "Pulling", f'Pulling image "{image}"', c)
                self.event("Warning", "Failed", f'Failed to pull image "{image}": {err}', c)
                self.event("Warning", "Failed", "Error: ErrImagePull", c)
                prev = pulls.get(name)
                d = BACKOFF_INITIAL if prev is None else min(int(prev["d"]) * 2, BACKOFF_MAX)
                pulls[name] = {"at": at_s, "d": d}
                return self._waiting(c, "ErrImagePull", err, cs)
            if c.get("imagePullPolicy") != "Always" and self._pulled(image):
                self.event("Normal", "Pulled", f'Container image "{image}" already present on machine', c)
            else:
                self._mark_pulled(image)
                self.event("Normal", "Pulling", f'Pulling image "{image}"', c)
                self.event("Normal", "Pulled", f'Successfully pulled image "{image}" in 1.2s (1.2s including '
                           "waiting). Image size: 72099501 bytes.", c)
        pulls.pop(name, None)
        if not pulls:
            self.state.pop("pull", None)
        err = _config_error(self.tx, self.pod, c)
        if err is not None:
            msg, kind, ref = err
            _wait_for(self.tx, self.pod, kind, ref)
            if waiting.get("reason") != "CreateContainerConfigError" or waiting.get("message") != msg:
                self.event("Warning", "Failed", f"Error: {msg}", c)
            return self._waiting(c, "CreateContainerConfigError", msg, cs)
        return self._start_container(c, cs, at_s, restart=False)

    def _start_container(self, c: dict, cs: dict | None, at_s: str, restart: bool) -> dict:
        image = normalize_image(c.get("image", ""))
        restarts = int((cs or {}).get("restartCount", 0)) + (1 if restart else 0)
        if restart:
            self.event("Normal", "Pulled", f'Container image "{c.get("image", "")}" already present on machine', c)
        self.event("Normal", "Created", f"Created container: {c['name']}", c)
        self.event("Normal", "Started", f"Started container {c['name']}", c)
        ready = not readiness_fails(c)
        if not ready:
            # The kubelet appends the probe command's output, which a simulated command does not have.
            self.event("Warning", "Unhealthy", "Readiness probe failed: ", c)
        out = {
            "containerID": "containerd://" + _digest(self.pod["metadata"]["uid"] + c["name"] + (str(restarts) if restarts else "")),
            "image": image,
            "imageID": image.rsplit(":", 1)[0] + "@sha256:" + _digest(image),
            "lastState": (cs or {}).get("lastState") or {},
            "name": c["name"],
            "ready": ready,
            "restartCount": restarts,
            "started": True,
            "state": {"running": {"startedAt": at_s}},
            "volumeMounts": self._mounts(c),
        }
        if not out["volumeMounts"]:
            del out["volumeMounts"]
        return out

    def _exit(self, c: dict, cs: dict, at: datetime, code: int) -> dict:
        at_s = format_time(at)
        if code == LIVENESS_EXIT and liveness_kill_after(c) is not None:
            self.event("Warning", "Unhealthy", "Liveness probe failed: ", c)
            self.event("Normal", "Killing", f"Container {c['name']} failed liveness probe, will be restarted", c)
        term = {
            "containerID": cs.get("containerID"),
            "exitCode": code,
            "finishedAt": at_s,
            "reason": "Completed" if code == 0 else "Error",
            "startedAt": cs["state"]["running"]["startedAt"],
        }
        restart = self.policy == "Always" or (self.policy == "OnFailure" and code != 0)
        if not restart:
            out = dict(cs)
            out.update(ready=False, started=False, state={"terminated": term})
            return out
        name = c["name"]
        backoffs = self.state.setdefault("backoff", {})
        bo = backoffs.get(name)
        last = {"terminated": term}
        if bo is None or (at - parse_time(bo["last"])).total_seconds() > BACKOFF_RESET:
            # No back-off yet: the kubelet restarts at once and starts counting.
            backoffs[name] = {"d": BACKOFF_INITIAL, "last": at_s}
            out = dict(cs)
            out["lastState"] = last
            return self._start_container(c, out, at_s, restart=True)
        d = int(bo["d"])
        pod_ref = f"{self.pod['metadata']['name']}_{self.pod['metadata']['namespace']}({self.pod['metadata']['uid']})"
        self.event("Warning", "BackOff", f"Back-off restarting failed container {name} in pod {pod_ref}", c)
        out = dict(cs)
        out["lastState"] = last
        out = self._waiting(c, "CrashLoopBackOff", f"back-off {go_duration(d)} restarting failed container={name} pod={pod_ref}",
                            out)
        # When the back-off expires the container restarts and the next back-off doubles.
        backoffs[name] = {"d": d, "last": at_s, "next": min(d * 2, BACKOFF_MAX)}
        return out

    def _pod_phase(self) -> None:
        st = self.status
        css = st.get("containerStatuses") or []
        names_unready = [s["name"] for s in css if not s.get("ready")]
        terminated = [s for s in css if "terminated" in (s.get("state") or {})]
        ever_started = any(s.get("started") or s.get("restartCount") or "terminated" in (s.get("state") or {})
                           or s.get("lastState") for s in css)
        if css and len(terminated) == len(css):
            ok = all(s["state"]["terminated"].get("exitCode") == 0 for s in terminated)
            st["phase"] = "Succeeded" if ok else "Failed"
            reason = "PodCompleted" if ok else "PodFailed"
            self._conditions(ready_to_start=False, ready=False, reason=reason, message=None, init_reason=reason if ok else None)
            return
        st["phase"] = "Running" if ever_started else "Pending"
        ready = not names_unready
        self._conditions(ready_to_start=True, ready=ready, reason=None if ready else "ContainersNotReady",
                         message=None if ready else f"containers with unready status: [{' '.join(names_unready)}]")

    def _conditions(self, ready_to_start: bool, ready: bool, reason: str | None, message: str | None,
                    init_reason: str | None = None) -> None:
        now = format_time(self.now)
        old = {c["type"]: c for c in self.status.get("conditions") or []}
        scheduled = old.get("PodScheduled") or {"lastProbeTime": None, "lastTransitionTime": now, "status": "True",
                                                "type": "PodScheduled"}

        def cond(t: str, ok: bool, reason: str | None = None, message: str | None = None) -> dict:
            status = "True" if ok else "False"
            prev = old.get(t)
            ltt = prev["lastTransitionTime"] if prev and prev.get("status") == status else now
            out: dict = {"lastProbeTime": None, "lastTransitionTime": ltt}
            if message:
                out["message"] = message
            if reason:
                out["reason"] = reason
            out.update(status=status, type=t)
            return out

        self.status["conditions"] = [
            cond("PodReadyToStartContainers", ready_to_start),
            cond("Initialized", True, init_reason),
            cond("Ready", ready, reason, message),
            cond("ContainersReady", ready, reason, message),
            scheduled,
        ]

    def _finish(self, next_at: datetime | None) -> None:
        tx = self.tx
        if self.status.get("phase") in ("Succeeded", "Failed"):
            self.state = {}
        if json.dumps(self.state, sort_keys=True) != self.state_before:
            _save_state(tx, self.pod, self.state)
        tx.update(self.pod)  # a no-op when nothing changed (Tx.update compares the serialised body)
        if next_at is not None:
            tx.wake_at(("", "Pod", self.pod["metadata"]["namespace"], self.pod["metadata"]["name"]), format_time(next_at))

    def _pulled(self, image: str) -> bool:
        return self.tx.meta_get("pulled/" + self.node_name + "/" + image) is not None

    def _mark_pulled(self, image: str) -> None:
        self.tx.meta_set("pulled/" + self.node_name + "/" + image, "1")
