"""debug: debugging sessions on pods and nodes, as kubectl debug makes them on a cluster whose kubelet runs no
container processes.

What kubectl does (pkg/cmd/debug, v0.32.0, read as facts) is done for real through the API: an ephemeral container
added to the pod through its ephemeralcontainers subresource, or with --copy-to a copy of the pod (with the debug
container added, or a container's command, image or environment changed), or for node/NAME a pod on that node in
the host's namespaces with the node's root at /host. The kubelet starts the container; what cannot be had is a
session in it: with -i/--attach the command ends with pykubectl's answer that the pod has no container processes.
The profiles (legacy, general, baseline, restricted, netadmin, sysadmin) change the pod as kubectl's do; --custom
merges a partial container spec into the debug container.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import click

from .. import errors
from . import common
from .attachable import attach_or_logs
from .click_grammar import options_from
from .pflag import Flag

CTX = {"help_option_names": ["-h", "--help"]}
PROFILES = ("legacy", "general", "baseline", "restricted", "netadmin", "sysadmin")
LEGACY_WARNING = ('--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly '
                  'specify a profile, for example "--profile=general".')

FLAGS = (
    Flag("arguments-only", kind="bool", default=False,
         usage="If specified, everything after -- will be passed to the new container as Args instead of Command."),
    Flag("attach", kind="bool", default=False,
         usage="If true, wait for the container to start running, and then attach as if 'kubectl attach ...' were "
               "called.  Default false, unless '-i/--stdin' is set, in which case the default is true."),
    Flag("container", "c", usage="Container name to use for debug container."),
    Flag("copy-to", usage="Create a copy of the target Pod with this name."),
    Flag("custom", usage="Path to a JSON or YAML file containing a partial container spec to customize built-in "
                         "debug profiles."),
    Flag("env", kind="stringToString", usage="Environment variables to set in the container."),
    Flag("filename", "f", "stringSlice", dest="files", usage="identifying the resource to debug"),
    Flag("image", usage="Container image to use for debug container."),
    Flag("image-pull-policy", usage="The image pull policy for the container. If left empty, this value will not be "
                                    "specified by the client and defaulted by the server."),
    Flag("keep-annotations", kind="bool", default=False,
         usage="If true, keep the original pod annotations.(This flag only works when used with '--copy-to')"),
    Flag("keep-init-containers", kind="bool", default=True,
         usage="Run the init containers for the pod. Defaults to true.(This flag only works when used with "
               "'--copy-to')"),
    Flag("keep-labels", kind="bool", default=False,
         usage="If true, keep the original pod labels.(This flag only works when used with '--copy-to')"),
    Flag("keep-liveness", kind="bool", default=False,
         usage="If true, keep the original pod liveness probes.(This flag only works when used with '--copy-to')"),
    Flag("keep-readiness", kind="bool", default=False,
         usage="If true, keep the original pod readiness probes.(This flag only works when used with '--copy-to')"),
    Flag("keep-startup", kind="bool", default=False,
         usage="If true, keep the original startup probes.(This flag only works when used with '--copy-to')"),
    Flag("profile", default="legacy",
         usage='Options are "legacy", "general", "baseline", "netadmin", "restricted" or "sysadmin".'),
    Flag("quiet", "q", "bool", default=False, usage="If true, suppress informational messages."),
    Flag("replace", kind="bool", default=False, usage="When used with '--copy-to', delete the original Pod."),
    Flag("same-node", kind="bool", default=False,
         usage="When used with '--copy-to', schedule the copy of target Pod on the same node."),
    Flag("set-image", kind="stringToString",
         usage="When used with '--copy-to', a list of name=image pairs for changing container images, similar to "
               "how 'kubectl set image' works."),
    Flag("share-processes", kind="bool", default=True,
         usage="When used with '--copy-to', enable process namespace sharing in the copy."),
    Flag("stdin", "i", "bool", default=False,
         usage="Keep stdin open on the container(s) in the pod, even if nothing is attached."),
    Flag("target", usage="When using an ephemeral container, target processes in this container name."),
    Flag("tty", "t", "bool", default=False, usage="Allocate a TTY for the debugging container."),
)

# The docker reference grammar (distribution/reference): [domain/]path[:tag][@digest].
_DOMAIN_COMPONENT = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
_DOMAIN = rf"(?:{_DOMAIN_COMPONENT}(?:\.{_DOMAIN_COMPONENT})*|\[[a-fA-F0-9:]+\])(?::[0-9]+)?"
_PATH_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*"
_REFERENCE = re.compile(rf"(?:{_DOMAIN}/)?{_PATH_COMPONENT}(?:/{_PATH_COMPONENT})*(?::[\w][\w.-]{{0,127}})?"
                        r"(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?")


def valid_image(image: str) -> bool:
    return _REFERENCE.fullmatch(image) is not None


class _Options:
    def __init__(self, **kw: Any):
        self.__dict__.update(kw)


def _env_list(env: dict[str, str]) -> list[dict]:
    # kubectl ranges over a Go map: several variables come in no fixed order; here they are sorted by name.
    return [{"name": k, "value": v} for k, v in sorted(env.items())]


def _security(c: dict) -> dict:
    return c.setdefault("securityContext", {})


def _add_capability(c: dict, cap: str) -> None:
    _security(c).setdefault("capabilities", {}).setdefault("add", []).append(cap)


def _containers(spec: dict) -> list[dict]:
    return [c for g in ("initContainers", "containers", "ephemeralContainers") for c in (spec.get(g) or [])]


def _apply_profile(o: _Options, pod: dict, name: str, style: str) -> None:
    """kubectl's profile appliers (profiles.go): ``style`` is ephemeral, podCopy or node."""
    spec = pod["spec"]
    target = next((c for c in _containers(spec) if c.get("name") == name), {})
    p = o.profile
    md = pod.setdefault("metadata", {})

    def copy_cleanup(keep_labels: bool) -> None:
        if not keep_labels:
            md.pop("labels", None)
        if not o.keep_annotations:
            md.pop("annotations", None)
        for c in spec.get("containers") or []:
            for probe, keep in (("livenessProbe", o.keep_liveness), ("readinessProbe", o.keep_readiness),
                                ("startupProbe", o.keep_startup)):
                if not keep:
                    c.pop(probe, None)
        if not o.keep_init_containers:
            spec.pop("initContainers", None)

    def mount_root() -> None:
        spec.setdefault("volumes", []).append({"name": "host-root", "hostPath": {"path": "/"}})
        for c in spec.get("containers") or []:
            if c.get("name") == name:
                c.setdefault("volumeMounts", []).append({"mountPath": "/host", "name": "host-root"})
                break

    def host_namespaces() -> None:
        spec.update(hostNetwork=True, hostPID=True, hostIPC=True)

    def share_processes() -> None:
        spec.setdefault("shareProcessNamespace", True)

    if p == "legacy":
        if style == "node":
            mount_root()
            host_namespaces()
        elif style == "podCopy":
            md.pop("labels", None)
    elif p == "general":
        if style == "node":
            mount_root()
            target.pop("securityContext", None)
            host_namespaces()
        elif style == "podCopy":
            copy_cleanup(o.keep_labels)
            _add_capability(target, "SYS_PTRACE")
            share_processes()
        else:
            _add_capability(target, "SYS_PTRACE")
    elif p in ("baseline", "restricted"):
        target.pop("securityContext", None)
        if p == "restricted":
            sc = _security(target)
            sc["runAsNonRoot"] = True
            sc["capabilities"] = {"drop": ["ALL"]}
            sc["allowPrivilegeEscalation"] = False
            sc["seccompProfile"] = {"type": "RuntimeDefault"}
        if style == "podCopy":
            copy_cleanup(o.keep_labels)
            share_processes()
    elif p == "netadmin":
        _add_capability(target, "NET_ADMIN")
        _add_capability(target, "NET_RAW")
        if style == "node":
            host_namespaces()
        elif style == "podCopy":
            copy_cleanup(o.keep_labels)
            share_processes()
    elif p == "sysadmin":
        _security(target)["privileged"] = True
        if style == "node":
            host_namespaces()
            mount_root()
        elif style == "podCopy":
            copy_cleanup(o.keep_labels)
            share_processes()
    if o.custom_profile is not None and target:
        _merge_custom(target, o.custom_profile)


def _merge_custom(c: dict, custom: dict) -> None:
    """--custom: the partial container spec is merged into the debug container (a strategic merge of the
    container)."""
    from ..api.patch import SchemaNode, strategic_merge

    node = SchemaNode({"$ref": "#/components/schemas/io.k8s.api.core.v1.Container"})
    merged = strategic_merge(c, custom, node)
    c.clear()
    c.update(merged)


def _container_name(env: Any, o: _Options, pod: dict) -> str:
    if o.container:
        return o.container
    taken = {c.get("name") for c in _containers(pod.get("spec") or {})}
    name = ""
    while not name or name in taken:
        name = f"debugger-{env.suffix(5)}"
    if not o.quiet:
        common.echo(env, f"Defaulting debug container name to {name}.")
    return name


def _debug_container(o: _Options, name: str, ephemeral: bool) -> dict:
    c: dict[str, Any] = {"name": name}
    if o.env:
        c["env"] = _env_list(o.env)
    c["image"] = o.image
    if o.image_pull_policy:
        c["imagePullPolicy"] = o.image_pull_policy
    if o.interactive:
        c["stdin"] = True
    c["terminationMessagePolicy"] = "File"
    if o.tty:
        c["tty"] = True
    if ephemeral and o.target:
        c["targetContainerName"] = o.target
    if o.args:
        c["args" if o.arguments_only else "command"] = list(o.args)
    return c


def _by_ephemeral(env: Any, o: _Options, tx: Any, pod: dict) -> tuple[dict, str]:
    from ..client import rest

    name = _container_name(env, o, pod)
    debug_pod = copy.deepcopy(pod)
    debug_pod["spec"].setdefault("ephemeralContainers", []).append(_debug_container(o, name, True))
    _apply_profile(o, debug_pod, name, "ephemeral")
    # kubectl sends the two-way strategic merge patch from the pod to debug_pod: the new container, merged by name
    # into the pod's list (a name already taken changes that container, which the server then refuses).
    wanted = debug_pod["spec"]["ephemeralContainers"]
    added = dict(wanted[-1])
    for c in wanted[:-1]:
        if c.get("name") == added.get("name"):
            # The diff against the container of that name: what the new one lacks is removed (null).
            added = {**{k: None for k in c if k not in added}, **added}
    patch = {"spec": {"$setElementOrder/ephemeralContainers": [{"name": c.get("name")} for c in wanted],
                      "ephemeralContainers": [added]}}
    patched = rest.patch(pod, patch, "strategic")
    return rest.update_ephemeral_containers(tx, patched, pod), name


def _by_copy(env: Any, o: _Options, tx: Any, pod: dict) -> tuple[dict, str]:
    md = pod["metadata"]
    copied: dict[str, Any] = {"apiVersion": "v1", "kind": "Pod",
                              "metadata": {"name": o.copy_to, "namespace": md.get("namespace", "")},
                              "spec": copy.deepcopy(pod.get("spec") or {})}
    for key in ("annotations", "labels"):
        if md.get(key):
            copied["metadata"][key] = copy.deepcopy(md[key])
    spec = copied["spec"]
    spec.pop("ephemeralContainers", None)
    if o.share_processes_changed:
        spec["shareProcessNamespace"] = o.share_processes
    if not o.same_node:
        spec.pop("nodeName", None)
    for c in spec.get("containers") or []:
        override = o.set_image.get(c.get("name"), o.set_image.get("*", ""))
        if override:
            c["image"] = override
    name = o.container
    by_name = {c.get("name"): c for c in _containers(spec)}
    c = by_name.get(name) if name else None
    if c is None:
        if not o.image:
            if o.set_image:
                return _create_copy(tx, o, pod, copied), ""
            raise errors.ClientError("error: you must specify image when creating new container")
        if not name:
            name = _container_name(env, o, copied)
        c = {"name": name, "terminationMessagePolicy": "File"}
        spec.setdefault("containers", []).append(c)
    if o.args:
        if o.arguments_only:
            c["args"] = list(o.args)
        else:
            c["command"] = list(o.args)
            c.pop("args", None)
    if o.env:
        c["env"] = _env_list(o.env)
    if o.image:
        c["image"] = o.image
    if o.image_pull_policy:
        c["imagePullPolicy"] = o.image_pull_policy
    c.pop("stdin", None)
    c.pop("tty", None)
    if o.interactive:
        c["stdin"] = True
    if o.tty:
        c["tty"] = True
    _apply_profile(o, copied, c["name"], "podCopy")
    return _create_copy(tx, o, pod, copied), name


def _create_copy(tx: Any, o: _Options, pod: dict, copied: dict) -> dict:
    from ..client import rest

    created = rest.create(tx, copied)
    if o.replace:
        rest.delete(tx, pod)
    return created


def _by_node(env: Any, o: _Options, tx: Any, node: dict) -> tuple[dict, str]:
    from ..client import rest

    name = o.container or "debugger"
    node_name = node["metadata"]["name"]
    pod_name = f"node-debugger-{node_name}-{env.suffix(5)}"
    if not o.quiet:
        common.echo(env, f"Creating debugging pod {pod_name} with container {name} on node {node_name}.")
    c = _debug_container(o, name, False)
    pod = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": pod_name, "namespace": common.namespace(env)},
           "spec": {"containers": [c], "nodeName": node_name, "restartPolicy": "Never",
                    "tolerations": [{"operator": "Exists"}]}}
    _apply_profile(o, pod, name, "node")
    return rest.create(tx, pod), name


def _read_custom(path: str) -> dict:
    import yaml

    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except OSError as e:
        raise errors.ClientError(f"error: must pass a container spec json file for custom profile: open {path}: "
                                 f"{'no such file or directory' if isinstance(e, FileNotFoundError) else e.strerror}")
    try:
        value = json.loads(text)
    except ValueError:
        try:
            value = yaml.safe_load(text)
        except yaml.YAMLError as e:
            raise errors.ClientError(f"error: {path} does not contain a valid container spec: {e}") from None
    if not isinstance(value, dict):
        raise errors.ClientError(f"error: {path} does not contain a valid container spec")
    return value


@click.command("debug", context_settings=CTX)
@click.argument("args", nargs=-1)
@options_from(FLAGS)
@click.pass_context
def debug_cmd(ctx: click.Context, args: tuple[str, ...], **flags: Any) -> None:
    """Debug cluster resources using interactive debugging containers.

    'debug' provides automation for common debugging tasks for cluster objects identified by resource and name.
    Pods will be used by default if no resource is specified.

    The action taken by 'debug' varies depending on what resource is specified. Supported actions include:

    \b
      *  Workload: Create a copy of an existing pod with certain attributes changed, for example changing the image
    tag to a new version.
      *  Workload: Add an ephemeral container to an already running pod, for example to add debugging utilities
    without restarting the pod.
      *  Node: Create a new pod that runs in the node's host namespaces and can access the node's filesystem.

    The simulated cluster runs no container processes: the containers are created and reported running, and an
    attached session (-i, --attach) ends with pykubectl saying so.

    \b
    Examples:
      # Create an interactive debugging session in pod mypod and immediately attach to it.
      pykubectl debug mypod -it --image=busybox
    \b
      # Create a debug container named debugger using a custom automated debugging image.
      pykubectl debug --image=myproj/debug-tools -c debugger mypod
    \b
      # Create a copy of mypod adding a debug container and attach to it
      pykubectl debug mypod -it --image=busybox --copy-to=my-debugger
    \b
      # Create an interactive debugging session on a node and immediately attach to it.
      # The container will run in the host namespaces and the host's filesystem will be mounted at /host
      pykubectl debug node/mynode -it --image=busybox
    """
    from ..client import rest

    env = common.env_of()
    given = {f.dest for f in FLAGS if ctx.get_parameter_source(f.dest) == click.core.ParameterSource.COMMANDLINE}
    dash = ctx.meta.get("pflag.dash")
    names, cmd_args = (list(args), []) if dash is None else (list(args[:dash]), list(args[dash:]))
    flags.update(env=flags["env"] or {}, set_image=flags["set_image"] or {})
    o = _Options(**flags, args=cmd_args, interactive=flags["stdin"],
                 share_processes_changed="share_processes" in given, custom_profile=None)
    if not o.attach and "attach" not in given and o.interactive:
        o.attach = True
    # Complete
    if o.profile not in PROFILES:
        raise errors.ClientError(f"error: unknown profile: {o.profile}")
    if o.custom:
        o.custom_profile = _read_custom(o.custom)
    # Validate, in kubectl's order
    if o.attach and "attach" in given and not o.image and not o.container:
        raise errors.ClientError("error: you must specify --container or create a new container using --image in "
                                 "order to attach.")
    if o.copy_to:
        if not o.image and not o.set_image and not o.args:
            raise errors.ClientError("error: you must specify --image, --set-image or command arguments.")
        if o.args and not o.container and not o.image:
            raise errors.ClientError("error: you must specify an existing container or a new image when specifying "
                                     "args.")
    elif o.replace:
        raise errors.ClientError("error: --replace may only be used with --copy-to.")
    elif o.same_node:
        raise errors.ClientError("error: --same-node may only be used with --copy-to.")
    elif o.set_image:
        raise errors.ClientError("error: --set-image may only be used with --copy-to.")
    elif not o.image:
        raise errors.ClientError("error: you must specify --image when not using --copy-to.")
    if o.image and not valid_image(o.image):
        raise errors.ClientError(f'error: invalid image name "{o.image}": invalid reference format')
    if not names and not o.files:
        raise errors.ClientError("error: NAME or filename is required for debug")
    if o.image_pull_policy not in ("Always", "IfNotPresent", "Never", "", None):
        raise errors.ClientError(f"error: invalid image pull policy: {o.image_pull_policy}")
    for cname, image in o.set_image.items():
        if not valid_image(image):
            raise errors.ClientError(f'error: invalid image name "{image}" for container "{cname}": invalid '
                                     "reference format")
    if o.target:
        if o.copy_to:
            raise errors.ClientError("error: --target is incompatible with --copy-to. Use --share-processes instead.")
        if not o.quiet:
            common.echo(env, f'Targeting container "{o.target}". If you don\'t see processes from this container it '
                             "may be because the container runtime doesn't support this feature.")
    if o.tty and not o.interactive:
        raise errors.ClientError("error: -i/--stdin is required for containers with -t/--tty=true")
    if o.custom_profile is not None and any(o.custom_profile.get(k) for k in ("name", "command", "image", "lifecycle",
                                                                                "volumeDevices")):
        raise errors.ClientError("error: name, command, image, lifecycle and volume devices are not modifiable via "
                                 "custom profile")
    if o.profile == "legacy":
        common.err(env, LEGACY_WARNING)
    # Run: the builder's objects (pods by default), one at a time; the first error stops.
    store = common.open_store(env)
    try:
        for kind, ref_ns, name in _targets(env, names, o.files):
            with store.transaction() as tx:
                obj = rest.get_object(tx, kind, ref_ns, name)
                if obj is None:
                    raise errors.NotFound(f'{rest.resource_name(kind.group, kind.kind)} "{name}" not found')
                if (kind.group, kind.kind) == ("", "Node"):
                    pod, container = _by_node(env, o, tx, obj)
                elif (kind.group, kind.kind) == ("", "Pod"):
                    pod, container = _by_copy(env, o, tx, obj) if o.copy_to else _by_ephemeral(env, o, tx, obj)
                else:
                    gvk = f"{kind.group}/{kind.version}" if kind.group else kind.version
                    raise errors.ClientError(f'error: "{gvk}, Kind={kind.kind}" not supported by debug')
            common.settle(store)
            if o.attach and container:
                attach_or_logs(env, store, pod, container, tty=o.tty, quiet=o.quiet)
    finally:
        common.settle(store)


def _targets(env: Any, names: list[str], files: tuple[str, ...]) -> list[tuple[Any, str, str]]:
    """(kind, namespace, name): -f documents, then NAME (a pod) or TYPE/NAME."""
    from ..api import registry

    out: list[tuple[Any, str, str]] = []
    ns = common.namespace(env)
    if files:
        from ..api.manifests import iter_documents

        for doc in iter_documents(list(files), False):
            k = registry.by_api_version_kind(doc.obj["apiVersion"], doc.obj["kind"])
            md = doc.obj.get("metadata") or {}
            out.append((k, (md.get("namespace") or ns) if k.namespaced else "", str(md.get("name", ""))))
    for n in names:
        if "/" in n:
            kind = registry.resolve(n.split("/", 1)[0])
            n = n.split("/", 1)[1]
        else:
            kind = registry.resolve("pods")
        out.append((kind, ns if kind.namespaced else "", n))
    return out


COMMANDS = {"debug": debug_cmd}
