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


# Memos of pure functions of a spec fragment, keyed on its full content (repr of the JSON values) and bounded.
_MEMO_MAX = 4096


def _remember(memo: dict, key: object, value: object) -> object:
    if len(memo) >= _MEMO_MAX:
        memo.clear()
    memo[key] = value
    return value


_QOS: dict = {}


def qos_class(pod: dict) -> str:
    spec = (pod["spec"] if "spec" in pod else None) or {}
    if not ("initContainers" in spec and spec["initContainers"]):
        containers = spec["containers"] if "containers" in spec else None
        if containers.__class__ is list:
            for c in containers:
                if c.__class__ is not dict or ("resources" in c and c["resources"]):
                    break
            else:
                return "BestEffort"  # no requests nor limits anywhere (most pods)
    try:
        key = repr([[c.get("resources") if isinstance(c, dict) else ("skipped",) for c in spec.get(g) or []]
                    for g in ("initContainers", "containers")])
    except AttributeError:
        key = None
    hit = _QOS.get(key) if key is not None else None
    if hit is None:
        from ..api.defaults import qos_class as spec_qos

        hit = spec_qos(spec)
        if key is not None:
            _remember(_QOS, key, hit)
    return hit


_NORMALIZED: dict = {}


def normalize_image(image: str) -> str:
    """What containerd reports for an image reference: docker.io/library/nginx:latest."""
    hit = _NORMALIZED.get(image)
    if hit is None:
        hit = _remember(_NORMALIZED, image, _normalize_image(image))
    return hit  # type: ignore[return-value]


def _normalize_image(image: str) -> str:
    name = image
    if "@" not in name and ":" not in name.rsplit("/", 1)[-1]:
        name += ":latest"
    first = name.split("/", 1)[0]
    if "/" not in name:
        name = "docker.io/library/" + name
    elif "." not in first and ":" not in first and first != "localhost":
        name = "docker.io/" + name
    return name


_SHA256 = None


def _sha256():  # type: ignore[no-untyped-def]
    global _SHA256
    if _SHA256 is None:
        import hashlib  # not at import: OpenSSL's module is ~3 ms of every command that reconciles

        _SHA256 = hashlib.sha256
    return _SHA256


def _digest(s: str) -> str:
    return (_SHA256 or _sha256())(s.encode()).hexdigest()


_IMAGE_IDS: dict = {}


def _image_id(image: str) -> str:
    """The imageID containerd reports for a normalised image reference."""
    hit = _IMAGE_IDS.get(image)
    if hit is None:
        hit = _remember(_IMAGE_IDS, image, image.rsplit(":", 1)[0] + "@sha256:" + _digest(image))
    return hit  # type: ignore[return-value]


# ---- per-pod meta rows ------------------------------------------------------------------------------------------
# Looking up a pod IP allocation or back-off record that does not exist costs a query; once a transaction has
# looked up ``after`` keys under such a prefix, its rows are read at once (Tx.meta_preload) and absent keys cost
# nothing.
_KNOWN_AFTER = 4


def _preload(tx: Tx, prefix: str, after: int = _KNOWN_AFTER) -> None:
    counts = tx.__dict__.setdefault("_kubelet_lookups", {})
    n = counts.get(prefix, 0)
    if n >= after:
        tx.meta_preload(prefix)
    else:
        counts[prefix] = n + 1


def _node_base(node: dict) -> str:
    """The first three octets of the node's pod CIDR."""
    spec = node.get("spec") or {}
    cidr = spec.get("podCIDR") or "10.244.1.0/24"
    return cidr.split("/")[0].rsplit(".", 1)[0]


def _pod_ip(tx: Tx, node: dict, pod: dict, base: str | None = None) -> str:
    if base is None:
        base = _node_base(node)
    nname = node["metadata"]["name"]
    md = pod["metadata"]
    owner = f"{md['namespace']}/{md['name']}"
    start = int(tx.meta_get("podip-next/" + nname, "2") or 2)
    # At most 253 rows under a node's prefix: read them at the first allocation.
    tx.meta_preload(f"alloc/podip/{base}.")
    for i in range(253):
        host = (start - 2 + i) % 253 + 2
        ip = f"{base}.{host}"
        key = "alloc/podip/" + ip
        if tx.meta_get(key) is None:
            tx.meta_set(key, owner)
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

_DENY_PARSED: list = [None, ()]  # [raw meta value, its patterns]: the row rarely changes, every pod start reads it


def _deny_patterns(tx: Tx) -> tuple[str, ...]:
    raw = tx.meta_get(DENY_KEY)
    if not raw:
        return ()
    if raw != _DENY_PARSED[0]:
        _DENY_PARSED[1] = tuple(json.loads(raw))
        _DENY_PARSED[0] = raw
    return _DENY_PARSED[1]


def deny_list(tx: Tx) -> list[str]:
    return list(_deny_patterns(tx))


def set_deny_list(tx: Tx, patterns: list[str]) -> None:
    if patterns:
        tx.meta_set(DENY_KEY, json.dumps(sorted(set(patterns))))
    else:
        tx.meta_delete(DENY_KEY)


# References that no registry has: the simulated registry answers "not found" for them as a real one would (and as
# the reference cluster's recordings show for `nginx:does-not-exist`).
_MISSING_IMAGE = re.compile(r"does-not-exist|nonexistent")


def image_denied(image: str, patterns: list[str] | tuple[str, ...]) -> bool:
    if not patterns:
        return False
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


_BEHAVIOUR: dict = {}
_ENDS_DEFAULT = (True, DEFAULT_RUN_SECONDS, 0)
_RUNS_FOREVER = (False, DEFAULT_RUN_SECONDS, 0)


# Images whose default process is a shell or an interpreter's prompt: without a terminal (`tty` and `stdin`) it
# reads end-of-input and exits 0 about a second after it starts, so under restartPolicy Always the container
# restarts into CrashLoopBackOff (as `kubectl create deployment x --image=busybox` does on a real node).
BASE_IMAGES = frozenset((
    "busybox", "alpine", "ubuntu", "debian", "centos", "fedora", "rockylinux", "almalinux", "amazonlinux",
    "archlinux", "opensuse/leap", "oraclelinux", "bash", "python", "pypy", "perl", "node", "golang", "ruby", "php",
    "openjdk", "eclipse-temurin", "amazoncorretto", "rust", "gcc", "erlang", "elixir", "julia", "haskell", "swift",
))
_BASE_IMAGE_EXITS = (True, 1, 0)
_BASE_IMAGE: dict = {}


def base_image_exits(c: dict) -> bool:
    if c.get("tty") and c.get("stdin"):
        return False
    image = c["image"] if "image" in c else ""
    hit = _BASE_IMAGE.get(image)
    if hit is None:
        repo = image.split("@", 1)[0]
        if ":" in repo.rsplit("/", 1)[-1]:
            repo = repo.rsplit(":", 1)[0]
        for prefix in ("docker.io/", "library/"):
            if repo.startswith(prefix):
                repo = repo[len(prefix):]
        hit = _remember(_BASE_IMAGE, image, repo in BASE_IMAGES)
    return hit  # type: ignore[return-value]


def behaviour(c: dict, restart_policy: str) -> tuple[bool, int, int]:
    """(terminates, run seconds, exit code) of a container."""
    cmd = c["command"] if "command" in c else None
    args = c["args"] if "args" in c else None
    live = c["livenessProbe"] if "livenessProbe" in c else None
    if not cmd and not args and not live:
        # No command, no probe: runs DEFAULT_RUN_SECONDS if the policy lets it end, else for ever (most pods); the
        # default process of a shell or language base image ends at once when no terminal keeps it waiting, and restarts.
        if restart_policy in ("Never", "OnFailure"):
            return _ENDS_DEFAULT
        return _BASE_IMAGE_EXITS if base_image_exits(c) else _RUNS_FOREVER
    key = (restart_policy, repr(cmd), repr(args), repr(live))
    hit = _BEHAVIOUR.get(key)
    if hit is None:
        hit = _remember(_BEHAVIOUR, key, _behaviour(c, restart_policy))
    return hit  # type: ignore[return-value]


def _behaviour(c: dict, restart_policy: str) -> tuple[bool, int, int]:
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


_READINESS: dict = {}


def readiness_fails(c: dict) -> bool:
    probe = c["readinessProbe"] if "readinessProbe" in c else None
    if not probe:
        return False
    key = repr(probe)
    hit = _READINESS.get(key)
    if hit is None:
        hit = _remember(_READINESS, key, _probe_fails(probe))
    return hit  # type: ignore[return-value]


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
        return tx.peek(("", kind, ns or "", name))  # read only

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


def _config_sources(holder: dict, secret_name: str) -> list[tuple[str, str, dict]]:
    """The ConfigMap and Secret a volume (secret name in ``secretName``) or a projection (in ``name``) reads:
    (kind, name, source)."""
    out = []
    if "configMap" in holder:
        src = holder["configMap"]
        out.append(("ConfigMap", src.get("name", ""), src))
    if "secret" in holder:
        src = holder["secret"]
        out.append(("Secret", src.get(secret_name, ""), src))
    return out


def _volume_error(tx: Tx, pod: dict) -> tuple[str, str, str, str] | None:
    """The first configMap/secret volume that cannot be set up: (volume, message, kind, name)."""
    ns = pod["metadata"]["namespace"]
    spec = pod["spec"] if "spec" in pod else None
    volumes = spec["volumes"] if spec and "volumes" in spec else None
    if not volumes:
        return None
    for v in volumes:
        sources = _config_sources(v, "secretName")
        projected = v["projected"] if "projected" in v else None
        projs = projected["sources"] if projected and "sources" in projected else None
        if projs:
            for proj in projs:
                sources += _config_sources(proj, "name")
        for kind, name, src in sources:
            if "optional" in src and src["optional"]:
                continue
            obj = tx.peek(("", kind, ns or "", name))  # read only
            if obj is None:
                return v["name"], f'{kind.lower()} "{name}" not found', kind, name
            items = src["items"] if "items" in src else None
            if not items:
                continue
            data = (obj["data"] if "data" in obj else None) or {}
            more = ((obj["binaryData"] if "binaryData" in obj else None)
                    or (obj["stringData"] if "stringData" in obj else None) or {})
            for item in items:
                key = item["key"] if "key" in item else None
                if key not in data and key not in more:
                    word = "configmap" if kind == "ConfigMap" else "secret"
                    return (v["name"], f"{word} references non-existent config key: {key}", kind, name)
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
    if not raw:
        return {}
    st = json.loads(raw)
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

_DONE = ("Succeeded", "Failed")
_NOTHING: dict = {}  # an empty mapping to read from (never changed)


def sync(tx: Tx, k: Key) -> None:
    # Decided on the shared read-only object (Tx.peek); only a pod the kubelet acts on gets a writable copy. Written
    # for the common case, a pod started once and then seen again after its own update: few calls.
    pod = tx.peek(k)
    if pod is None:
        forget(tx, k)
        return
    spec = pod["spec"] if "spec" in pod else None
    node_name = spec["nodeName"] if spec and "nodeName" in spec else None
    if not node_name:
        return
    status = pod["status"] if "status" in pod else None
    phase = status["phase"] if status and "phase" in status else None
    md = pod["metadata"]
    if phase in _DONE or ("deletionTimestamp" in md and md["deletionTimestamp"]):
        return
    if phase == "Running" and "podIP" in status and status["podIP"] and _steady(spec, status):  # type: ignore[operator]
        return
    node = tx.peek(("", "Node", "", node_name))  # read only: the kubelet never writes its Node here
    if node is None:
        return
    facts = _NODE_FACTS[node_name] if node_name in _NODE_FACTS else None
    if facts is None or facts[0] is not node:
        facts = _node_facts(node_name, node)
    if not facts[1]:
        return
    # A copy of the shared pod that the kubelet may change: it only assigns top-level fields of status (nested
    # values it replaces, never changes in place) and Tx.update sets fields of metadata; the rest stays shared.
    mine = {**pod}
    mine["metadata"] = {**md}
    mine["status"] = {**status} if status else {}
    Kubelet(tx, mine, node, handoff=True, facts=facts).run()


# node name -> (node, ready, host IP, pod CIDR base) of the last shared read-only Node object seen by that name:
# valid while peek() returns that very object (a written Node is a new object).
_NODE_FACTS: dict[str, tuple] = {}


def _node_facts(name: str, node: dict) -> tuple:
    global _node_ready
    if _node_ready is None:
        from .node import node_ready

        _node_ready = node_ready
    addresses = (node.get("status") or {}).get("addresses") or []
    host_ip = next((a["address"] for a in addresses if a.get("type") == "InternalIP"), "")
    facts = (node, _node_ready(node), host_ip, _node_base(node))
    if len(_NODE_FACTS) >= _MEMO_MAX:
        _NODE_FACTS.clear()
    _NODE_FACTS[name] = facts
    return facts


_node_ready = None


def _steady(spec: dict, status: dict) -> bool:
    """Every container runs and never exits: nothing for the kubelet to do (the common case, kept cheap)."""
    policy = (spec["restartPolicy"] if "restartPolicy" in spec else None) or "Always"
    if "ephemeralContainers" in spec and len(spec["ephemeralContainers"] or ()) != len(
            (status["ephemeralContainerStatuses"] if "ephemeralContainerStatuses" in status else None) or ()):
        return False  # a debug container was added: the kubelet starts it
    css = (status["containerStatuses"] if "containerStatuses" in status else None) or []
    containers = (spec["containers"] if "containers" in spec else None) or []
    try:
        (c,), (cs,) = containers, css  # one container, one status (most pods)
    except ValueError:
        pass
    else:
        state = cs["state"] if "state" in cs else None
        return (bool(state) and "running" in state
                and (c["name"] if "name" in c else None) == (cs["name"] if "name" in cs else None)
                and not behaviour(c, policy)[0])
    running = {s.get("name") for s in css if "running" in (s.get("state") or {})}
    return all(c.get("name") in running and not behaviour(c, policy)[0] for c in containers)


def run_pod(tx: Tx, pod: dict, node: dict) -> None:
    Kubelet(tx, pod, node).run()


def _by_name(s: dict) -> str:
    return s["name"]


class Kubelet:
    """One pod's worker: brings the pod's status up to the present and schedules its next step."""

    def __init__(self, tx: Tx, pod: dict, node: dict, handoff: bool = False, facts: tuple | None = None):
        self.tx = tx
        self.pod = pod
        self.node = node
        # The pod is the kubelet's own copy: once written, the store may share it with readers (Tx.peek), which
        # saves parsing it again on the next sync.
        self.handoff = handoff
        self.started = False  # run() gave the pod its sandbox (an IP): its status changed
        self.facts = facts  # _node_facts(node), when the node is a shared read-only object
        self.node_name = node["metadata"]["name"]
        spec = self.spec = pod["spec"]
        self.status = pod["status"]
        self.now = tx.env.now()
        self.now_s = format_time(self.now)
        self.policy = (spec["restartPolicy"] if "restartPolicy" in spec else None) or "Always"
        _preload(tx, f"kubelet/{pod['metadata']['namespace']}/")
        self.state: dict = _load_state(tx, pod)
        self.state_before = json.dumps(self.state, sort_keys=True) if self.state else "{}"

    # -- helpers
    def event(self, type_: str, reason: str, message: str, c: dict | None = None) -> None:
        fp = f"spec.containers{{{c['name']}}}" if c is not None else ""
        self.tx.record_event(self.pod, type_, reason, message, KUBELET, self.node_name, fp)

    def _mounts(self, c: dict) -> list[dict]:
        mounts = c["volumeMounts"] if "volumeMounts" in c else None
        if not mounts:
            return []
        return [{"mountPath": m["mountPath"], "name": m["name"], "readOnly": True, "recursiveReadOnly": "Disabled"}
                if "readOnly" in m and m["readOnly"] else {"mountPath": m["mountPath"], "name": m["name"]}
                for m in mounts]

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
        status = self.status
        if not ("podIP" in status and status["podIP"]):
            verr = _volume_error(tx, self.pod)
            if verr is not None:
                vol, msg, kind, name = verr
                if self._pending_volume(vol, msg):
                    self.event("Warning", "FailedMount", f'MountVolume.SetUp failed for volume "{vol}" : {msg}')
                _wait_for(tx, self.pod, kind, name)
                self._finish(None)
                return
            self._start_sandbox(self.now_s)
            self.started = True  # the pod had no IP and has one now: certainly a change
        statuses: dict[str, dict] = {}
        css = status["containerStatuses"] if "containerStatuses" in status else None
        if css:
            for s in css:
                statuses[s["name"]] = s
        next_at: datetime | None = None
        containers = self.spec["containers"] if "containers" in self.spec else None
        if containers:
            for c in containers:
                name = c["name"]
                cs, at = self._advance(c, statuses[name] if name in statuses else None)
                statuses[name] = cs
                if at is not None and (next_at is None or at < next_at):
                    next_at = at
        out = [*statuses.values()]
        if len(out) > 1:
            out.sort(key=_by_name)
        status["containerStatuses"] = out
        ephemeral = self.spec["ephemeralContainers"] if "ephemeralContainers" in self.spec else None
        if ephemeral:
            self._run_ephemeral(ephemeral)
        self._pod_phase()
        self._finish(next_at)

    def _run_ephemeral(self, ephemeral: list) -> None:
        """Debug containers (kubectl debug) start once and are never restarted; their image is pulled as any other.
        The simulated node runs no processes, so one started stays running."""
        have = {s["name"]: s for s in (self.status.get("ephemeralContainerStatuses") or [])}
        for c in ephemeral:
            name = c["name"]
            if name in have:
                continue
            image = c.get("image", "")
            fp = f"spec.ephemeralContainers{{{name}}}"
            for reason, msg in (("Pulling", f'Pulling image "{image}"'),
                                ("Pulled", f'Successfully pulled image "{image}" in 1.2s (1.2s including waiting). '
                                           "Image size: 72099501 bytes."),
                                ("Created", f"Created container: {name}"), ("Started", f"Started container {name}")):
                self.tx.record_event(self.pod, "Normal", reason, msg, KUBELET, self.node_name, fp)
            norm = normalize_image(image)
            have[name] = {
                "containerID": "containerd://" + (_SHA256 or _sha256())(
                    bytes(self.pod["metadata"]["uid"] + name, "utf-8")).hexdigest(),
                "image": norm, "imageID": _image_id(norm), "lastState": {}, "name": name, "ready": False,
                "restartCount": 0, "state": {"running": {"startedAt": self.now_s}},
            }
        self.status["ephemeralContainerStatuses"] = sorted(have.values(), key=_by_name)

    def _pending_volume(self, vol: str, msg: str) -> bool:
        """Mark the pod ContainerCreating (no IP yet); True when this is news."""
        st = self.status
        new = []
        for c in self.spec.get("containers") or []:
            new.append(self._waiting(c, "ContainerCreating", None))
        changed = st.get("containerStatuses") != sorted(new, key=lambda s: s["name"])
        now = self.now_s
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
        if self.facts is not None:
            return self.facts[2]
        return next((a["address"] for a in self.node["status"].get("addresses") or [] if a.get("type") == "InternalIP"), "")

    def _start_sandbox(self, now_s: str) -> None:
        facts = self.facts
        host_ip = facts[2] if facts is not None else self._host_ip()
        spec = self.spec
        ip = ("hostNetwork" in spec and spec["hostNetwork"]) and host_ip or _pod_ip(
            self.tx, self.node, self.pod, facts[3] if facts is not None else None)
        st = self.status
        qos = qos_class(self.pod)
        start = (st["startTime"] if "startTime" in st else None) or now_s
        # Assigned in this order: the fields the pod did not have yet are added in it.
        st["hostIP"] = host_ip
        st["hostIPs"] = [{"ip": host_ip}]
        st["phase"] = "Pending"
        st["podIP"] = ip
        st["podIPs"] = [{"ip": ip}]
        st["qosClass"] = qos
        st["startTime"] = start
        st["containerStatuses"] = []

    def _advance(self, c: dict, cs: dict | None) -> tuple[dict, datetime | None]:
        """Replay this container's due steps; return its status and when it next needs a look."""
        terminates, run_s, code = behaviour(c, self.policy)
        now = self.now
        for _ in range(10_000):
            if cs is None:
                at: datetime | None = now
            else:
                st = cs["state"] if "state" in cs else None
                if not terminates and st and "running" in st:
                    return cs, None  # runs until stopped (what _next_step says, without the call)
                at = self._next_step(c, cs, terminates, run_s)
            if at is None or at > now:
                return cs, at  # type: ignore[return-value]
            cs = self._create(c, None, at, self.now_s) if cs is None else self._step(c, cs, at, code)
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
                # The kubelet's next sync of the pod turns a failed pull into the back-off at once: a cluster at
                # rest shows ImagePullBackOff (the reference recordings, 29-pod-failure-states).
                return at
            return at + timedelta(seconds=int(pull["d"]))
        if reason == "CrashLoopBackOff":
            bo = (self.state.get("backoff") or {}).get(name) or {}
            finished = parse_time(cs["lastState"]["terminated"]["finishedAt"])
            return finished + timedelta(seconds=int(bo.get("d", BACKOFF_INITIAL)))
        return self.now

    def _step(self, c: dict, cs: dict | None, at: datetime, code: int) -> dict:
        at_s = self.now_s if at is self.now else format_time(at)
        if cs is None:
            return self._create(c, None, at, at_s)  # a first start
        state = cs.get("state") or {}
        if "running" in state:
            return self._exit(c, cs, at, code)
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
        return self._create(c, cs, at, at_s)

    def _create(self, c: dict, cs: dict | None, at: datetime, at_s: str | None = None) -> dict:
        if at_s is None:
            at_s = format_time(at)
        tx = self.tx
        image = c["image"] if "image" in c else ""
        name = c["name"]
        fp = f"spec.containers{{{name}}}"
        state = self.state
        pulls = state["pull"] if "pull" in state else None
        waiting = (((cs.get("state") or {}).get("waiting") or {}) if cs else None) or _NOTHING
        config_wait = ("reason" in waiting and waiting["reason"]) == "CreateContainerConfigError"
        pulled: tuple = ()  # the image's events, recorded with the container's start (_start_container)
        if not config_wait:
            if _MISSING_IMAGE.search(image) or (tx.meta_get(DENY_KEY) and image_denied(image, _deny_patterns(tx))):
                if pulls is None:
                    pulls = state["pull"] = {}
                err = pull_error(image)
                self.event("Normal", "Pulling", f'Pulling image "{image}"', c)
                self.event("Warning", "Failed", f'Failed to pull image "{image}": {err}', c)
                self.event("Warning", "Failed", "Error: ErrImagePull", c)
                prev = pulls.get(name)
                d = BACKOFF_INITIAL if prev is None else min(int(prev["d"]) * 2, BACKOFF_MAX)
                pulls[name] = {"at": at_s, "d": d}
                return self._waiting(c, "ErrImagePull", err, cs)
            pulled_key = "pulled/" + self.node_name + "/" + image
            if ((c["imagePullPolicy"] if "imagePullPolicy" in c else None) != "Always"
                    and tx.meta_get(pulled_key) is not None):
                pulled = (("Pulled", f'Container image "{image}" already present on machine'),)
            else:
                tx.meta_set(pulled_key, "1")
                pulled = (("Pulling", f'Pulling image "{image}"'),
                          ("Pulled", f'Successfully pulled image "{image}" in 1.2s (1.2s including waiting). '
                                     "Image size: 72099501 bytes."))
        if pulls is not None:
            pulls.pop(name, None)
            if not pulls:
                state.pop("pull", None)
        if ("envFrom" in c and c["envFrom"]) or ("env" in c and c["env"]):
            if pulled:
                tx.record_events(self.pod, "Normal", pulled, KUBELET, self.node_name, fp)
                pulled = ()
            err = _config_error(tx, self.pod, c)
            if err is not None:
                msg, kind, ref = err
                _wait_for(tx, self.pod, kind, ref)
                if not config_wait or waiting.get("message") != msg:
                    self.event("Warning", "Failed", f"Error: {msg}", c)
                return self._waiting(c, "CreateContainerConfigError", msg, cs)
        return self._start_container(c, cs, at_s, restart=False, pulled=pulled)

    def _start_container(self, c: dict, cs: dict | None, at_s: str, restart: bool, pulled: tuple = ()) -> dict:
        """The container started (its Created and Started events recorded after ``pulled``, the image's)."""
        tx = self.tx
        pod = self.pod
        raw_image = c["image"] if "image" in c else ""
        try:
            image = _NORMALIZED[raw_image]
        except KeyError:
            image = normalize_image(raw_image)
        name = c["name"]
        fp = f"spec.containers{{{name}}}"
        restarts = (int(cs["restartCount"]) if cs and "restartCount" in cs else 0) + (1 if restart else 0)
        if restart:
            pulled = (*pulled, ("Pulled", f'Container image "{raw_image}" already present on machine'))
        tx.record_events(pod, "Normal", (*pulled, ("Created", f"Created container: {name}"),
                                         ("Started", f"Started container {name}")), KUBELET, self.node_name, fp)
        ready = not ("readinessProbe" in c and c["readinessProbe"] and readiness_fails(c))
        if not ready:
            # The kubelet appends the probe command's output, which a simulated command does not have.
            tx.record_event(pod, "Warning", "Unhealthy", "Readiness probe failed: ", KUBELET, self.node_name, fp)
        try:
            image_id = _IMAGE_IDS[image]
        except KeyError:
            image_id = _image_id(image)
        out = {
            "containerID": "containerd://" + (_SHA256 or _sha256())(
                bytes(pod["metadata"]["uid"] + name + (str(restarts) if restarts else ""), "utf-8")).hexdigest(),
            "image": image,
            "imageID": image_id,
            "lastState": (cs["lastState"] if cs and "lastState" in cs else None) or {},
            "name": name,
            "ready": ready,
            "restartCount": restarts,
            "started": True,
            "state": {"running": {"startedAt": at_s}},
            "volumeMounts": None,
        }
        mounts = c["volumeMounts"] if "volumeMounts" in c else None
        if mounts:
            out["volumeMounts"] = [
                {"mountPath": m["mountPath"], "name": m["name"], "readOnly": True, "recursiveReadOnly": "Disabled"}
                if "readOnly" in m and m["readOnly"] else {"mountPath": m["mountPath"], "name": m["name"]}
                for m in mounts]  # as _mounts()
        else:
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
        css = (st["containerStatuses"] if "containerStatuses" in st else None) or []
        names_unready = []
        terminated = []
        ever_started = False
        n = n_ended = 0
        for s in css:
            n += 1
            if not ("ready" in s and s["ready"]):
                names_unready.append(s["name"])
            state = s["state"] if "state" in s else None
            ended = "terminated" in state if state else False
            if ended:
                terminated.append(s)
                n_ended += 1
            if not ever_started and (("started" in s and s["started"]) or ("restartCount" in s and s["restartCount"])
                                     or ended or ("lastState" in s and s["lastState"])):
                ever_started = True
        if n and n_ended == n:
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
        now = self.now_s
        old: dict[str, dict] = {}
        conds = self.status["conditions"] if "conditions" in self.status else None
        if conds:
            for c in conds:
                old[c["type"]] = c
        scheduled = (old["PodScheduled"] if "PodScheduled" in old else None) or {
            "lastProbeTime": None, "lastTransitionTime": now, "status": "True", "type": "PodScheduled"}
        out: list[dict] = [scheduled, scheduled, scheduled, scheduled, scheduled]
        i = 0
        for t, ok, why, message_ in (("PodReadyToStartContainers", ready_to_start, None, None),
                                     ("Initialized", True, init_reason, None),
                                     ("Ready", ready, reason, message),
                                     ("ContainersReady", ready, reason, message)):
            status = "True" if ok else "False"
            prev = old[t] if t in old else None
            ltt = prev["lastTransitionTime"] if prev and (prev["status"] if "status" in prev else None) == status else now
            if message_ or why:
                cond: dict = {"lastProbeTime": None, "lastTransitionTime": ltt}
                if message_:
                    cond["message"] = message_
                if why:
                    cond["reason"] = why
                cond["status"] = status
                cond["type"] = t
            else:
                cond = {"lastProbeTime": None, "lastTransitionTime": ltt, "status": status, "type": t}
            out[i] = cond
            i += 1
        self.status["conditions"] = out

    def _finish(self, next_at: datetime | None) -> None:
        tx = self.tx
        st = self.status
        if "phase" in st and st["phase"] in _DONE:
            self.state = {}
        if (json.dumps(self.state, sort_keys=True) if self.state else "{}") != self.state_before:
            _save_state(tx, self.pod, self.state)
        # A no-op when nothing changed (Tx.update compares the serialised body).
        if self.handoff:
            # Written by the kubelet's own sync (kubelet.sync): a pod left running steadily is one that sync, and
            # the scheduler's before it (the pod is bound), would leave alone, so neither need run again for this
            # write (Tx.settled).
            if "phase" in st and st["phase"] == "Running" and "podIP" in st and st["podIP"] and \
                    _steady(self.spec, st):
                md = self.pod["metadata"]
                tx.settled = ("", "Pod", md["namespace"], md["name"])
            try:
                tx.update(self.pod, handoff=True, changed=self.started)
            finally:
                tx.settled = None
        else:
            tx.update(self.pod)
        if next_at is not None:
            md = self.pod["metadata"]
            tx.wake_at(("", "Pod", md["namespace"], md["name"]), format_time(next_at))
