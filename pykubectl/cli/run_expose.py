"""run, expose and autoscale: generators that build a Pod, a Service or a HorizontalPodAutoscaler from flags (and,
for expose/autoscale, from an object in the store), printed with --dry-run=client or created through the API
server path. The printing/creating half is shared with the create subcommands (create.emit)."""

from __future__ import annotations

import re
from typing import Any

import click

from .. import errors
from . import common
from .create import (CTX, OVERRIDE_TYPE_HELP, OVERRIDES_HELP, KubectlCommand, apply_overrides, check_override_type,
                     common_options, emit, meta)
from .printflags import kustomize_option
from .set_cmd import RECURSIVE_HELP

_SEE_RUN = "\nSee 'kubectl run -h' for help and examples"


def _parse_labels(text: str) -> dict:
    """generate.ParseLabels: comma-separated key=value."""
    out: dict = {}
    for item in text.split(","):
        k, sep, v = item.partition("=")
        if not sep or not k:
            raise errors.ClientError(f"error: unexpected label spec: {item}")
        out[k] = v
    return out


def _target(args: tuple[str, ...], verb: str) -> tuple[Any, str]:
    """TYPE NAME or TYPE/NAME, with kubectl's resource-builder messages."""
    from ..api import registry

    if not args:
        raise errors.ClientError(
            "error: You must provide one or more resources by argument or filename.\n"
            "Example resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n"
            "   '<resource> <name>'\n   '<resource>'")
    if "/" in args[0]:
        if len(args) > 1:
            raise errors.ClientError(
                "error: there is no need to specify a resource type as a separate argument when passing arguments "
                f"in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get "
                "resource resource/<resource_name>'")
        t, _, name = args[0].partition("/")
    else:
        t = args[0]
        if len(args) < 2:
            raise errors.ClientError("error: resource(s) were provided, but no name was specified")
        if len(args) > 2:
            raise errors.ClientError(f"error: multiple resources provided: {', '.join(args[1:])}")
        name = args[1]
    try:
        kind = registry.resolve(t)
    except errors.ResourceTypeError as e:
        raise errors.ClientError(str(e)) from None
    return kind, name


def _fetch(env: Any, kind: Any, name: str) -> dict:
    store = common.open_store(env)
    ns = common.namespace(env) if kind.namespaced else ""
    with store.transaction() as tx:
        obj = tx.get(kind.group, kind.kind, ns, name)
    if obj is None:
        raise errors.NotFound(f'{kind.group_resource} "{name}" not found')
    return obj


# ---------------------------------------------------------------------------------------------------------------

@click.command("run", cls=KubectlCommand, context_settings=CTX)
@click.argument("args", nargs=-1, type=click.UNPROCESSED, metavar="NAME [-- COMMAND] [args...]")
@click.option("--image", default="", help="The image for the container to run.")
@click.option("--port", default="", help="The port that this container exposes.")
@click.option("-l", "--labels", default="", help="Comma separated labels to apply to the pod. Will override previous values.")
@click.option("--env", "envs", multiple=True, help="Environment variables to set in the container.")
@click.option("--annotations", multiple=True, help="Annotations to apply to the pod.")
@click.option("--restart", default="Always", help="The restart policy for this Pod.  Legal values [Always, OnFailure, Never].")
@click.option("--command", "use_command", is_flag=True, help="If true and extra arguments are present, use them as the 'command' field in the container, rather than the 'args' field which is the default.")
@click.option("--image-pull-policy", "pull_policy", default="", help="The image pull policy for the container.  If left empty, this value will not be specified by the client and defaulted by the server.")
@click.option("--privileged", is_flag=True, help="If true, run the container in privileged mode.")
@click.option("--expose", is_flag=True, help="If true, create a ClusterIP service associated with the pod.  Requires `--port`.")
@click.option("-i", "--stdin", is_flag=True, help="Keep stdin open on the container in the pod, even if nothing is attached.")
@click.option("-t", "--tty", is_flag=True, help="Allocate a TTY for the container in the pod.")
@click.option("--attach", is_flag=True, help="If true, wait for the Pod to start running, and then attach to the Pod as if 'kubectl attach ...' were called.  Default false, unless '-i/--stdin' is set, in which case the default is true. With '--restart=Never' the exit code of the container process is returned.")
@click.option("--rm", is_flag=True, help="If true, delete the pod after it exits.  Only valid when attaching to the container, e.g. with '--attach' or with '-i/--stdin'.")
@click.option("--overrides", default="", help=OVERRIDES_HELP)
@click.option("--override-type", default="merge", help=OVERRIDE_TYPE_HELP)
@click.option("-q", "--quiet", is_flag=True, help="If true, suppress prompt messages.")
@click.option("--leave-stdin-open", is_flag=True, help="If the pod is started in interactive mode or with stdin, leave stdin open after the first attach completes. By default, stdin will be closed after the first attach completes.")
@click.option("--pod-running-timeout", default="1m0s", show_default="1m0s", help="The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running")
# The deletion flags --rm uses (kubectl's DeleteFlags): read, and checked as kubectl checks them.
@click.option("-f", "--filename", "files", multiple=True, help="to use to replace the resource.")
@click.option("-k", "--kustomize", default=None, show_default="''", help="Process a kustomization directory. This flag can't be used together with -f or -R.")
@click.option("-R", "--recursive", is_flag=True, help=RECURSIVE_HELP)
@click.option("--cascade", default="background", help='Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.')
@click.option("--force", is_flag=True, help="If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.")
@click.option("--grace-period", type=int, default=-1, help="Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).")
@click.option("--timeout", default="0s", show_default="0s", help="The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object")
@click.option("--wait", type=click.BOOL, default=False, help="If true, wait for resources to be gone before returning. This waits for finalizers.")
@common_options(field_manager="kubectl-run", validate=False)
def run_cmd(args: tuple[str, ...], image: str, port: str, labels: str, envs: tuple[str, ...],
            annotations: tuple[str, ...], restart: str, use_command: bool, pull_policy: str, privileged: bool,
            expose: bool, stdin: bool, tty: bool, attach: bool, rm: bool, dry_run: str | None, output: str | None,
            save_config: bool, overrides: str = "", override_type: str = "merge", cascade: str = "background",
            pod_running_timeout: str = "1m0s", timeout: str = "0s", quiet: bool = False,
            leave_stdin_open: bool = False, **_: Any) -> None:
    """Create and run a particular image in a pod.

    \b
    Examples:
      # Start a nginx pod
      pykubectl run nginx --image=nginx
    \b
      # Start a hazelcast pod and let the container expose port 5701
      pykubectl run hazelcast --image=hazelcast/hazelcast --port=5701
    \b
      # Start a hazelcast pod and set environment variables "DNS_DOMAIN=cluster" and "POD_NAMESPACE=default" in the container
      pykubectl run hazelcast --image=hazelcast/hazelcast --env="DNS_DOMAIN=cluster" --env="POD_NAMESPACE=default"
    \b
      # Start a hazelcast pod and set labels "app=hazelcast" and "env=prod" in the container
      pykubectl run hazelcast --image=hazelcast/hazelcast --labels="app=hazelcast,env=prod"
    \b
      # Dry run; print the corresponding API objects without creating them
      pykubectl run nginx --image=nginx --dry-run=client
    \b
      # Start a busybox pod and keep it in the foreground, don't restart it if it exits
      pykubectl run busybox --image=busybox --restart=Never -- sleep 3600
    \b
      # Start the nginx pod using a different command and custom arguments
      pykubectl run nginx --image=nginx --command -- /bin/sh -c "sleep 10"
    """
    from .create import required
    from .debug import valid_image
    from .wait import parse_duration

    for flag, value in (("--pod-running-timeout", pod_running_timeout), ("--timeout", timeout)):
        try:
            parse_duration(value)
        except ValueError as e:
            raise errors.UsageError(f'error: invalid argument "{value}" for "{flag}" flag: {e}\n'
                                    "See 'kubectl run --help' for usage.") from None
    ctx = click.get_current_context()

    def given(param: str) -> bool:
        return ctx.get_parameter_source(param) == click.core.ParameterSource.COMMANDLINE

    if not given("image"):
        required(image, "image")  # cobra's check: the flag never given (an empty --image= passes it)
    # Complete's, then Run()'s checks, in kubectl 1.32's order (recorded through serve); Complete has turned
    # --attach on for -i unless --attach was given.
    if cascade not in ("background", "orphan", "foreground", "true", "false"):
        raise errors.ClientError(f'error: invalid cascade value ({cascade}). Must be "background", "foreground", or '
                                 '"orphan"')
    if not args:
        raise errors.UsageError("error: NAME is required for run" + _SEE_RUN)
    if parse_duration(pod_running_timeout) <= 0:
        raise errors.UsageError("error: --pod-running-timeout must be higher than zero" + _SEE_RUN)
    if not image:
        raise errors.ClientError("error: --image is required")
    if not valid_image(image):
        raise errors.ClientError(f'error: Invalid image name "{image}": invalid reference format')
    if tty and not stdin:
        raise errors.UsageError("error: -i/--stdin is required for containers with -t/--tty=true" + _SEE_RUN)
    if expose and not port:
        raise errors.UsageError("error: --port must be set when exposing a service" + _SEE_RUN)
    name, rest = args[0], list(args[1:])
    env = common.env_of()
    mode = common.dry_run_mode(dry_run)
    if restart not in ("Always", "OnFailure", "Never"):
        raise errors.UsageError(f"error: invalid restart policy: {restart}" + _SEE_RUN)
    attach = attach or (stdin and not given("attach"))
    if rm and not attach:
        raise errors.UsageError("error: --rm should only be used for attached containers" + _SEE_RUN)
    if mode and attach:
        raise errors.UsageError("error: --dry-run=[server|client] can't be used with attached containers options "
                                "(--attach, --stdin, or --tty)" + _SEE_RUN)
    if pull_policy not in ("", "Always", "IfNotPresent", "Never"):
        raise errors.UsageError(f"error: invalid image pull policy: {pull_policy}" + _SEE_RUN)
    container: dict = {"name": name, "image": image}
    if rest:
        container["command" if use_command else "args"] = rest
    if port:
        try:
            n = int(port, 10)
        except ValueError:
            raise errors.ClientError(f'error: strconv.Atoi: parsing "{port}": invalid syntax') from None
        container["ports"] = [{"containerPort": n}]
    env_list = []
    for e in envs:
        k, sep, v = e.partition("=")
        if not sep or not k:
            raise errors.ClientError(f"error: invalid env: {e}")
        env_list.append({"name": k, "value": v})
    if env_list:
        container["env"] = env_list
    container["resources"] = {}
    if pull_policy:
        container["imagePullPolicy"] = pull_policy
    if privileged:
        container["securityContext"] = {"privileged": True}
    pod_labels = _parse_labels(labels) if labels else {"run": name}
    ann: dict = {}
    for a in annotations:
        k, sep, v = a.partition("=")
        if not sep:
            raise errors.ClientError(f"error: invalid annotation spec: {a}")
        ann[k] = v
    pod = {"kind": "Pod", "apiVersion": "v1", "metadata": meta(name, env, pod_labels, ann or None),
           "spec": {"containers": [container], "restartPolicy": restart, "dnsPolicy": "ClusterFirst"},
           "status": {}}
    if overrides:  # the override type matters only with overrides (recorded with kubectl 1.32)
        check_override_type(override_type)
    pod = apply_overrides(pod, overrides, override_type)  # the Pod only: kubectl's generated Service keeps its own
    if attach:
        _run_attached(env, pod, pod_labels, port if expose else "", dry_run, output, save_config, restart=restart,
                      timeout=parse_duration(pod_running_timeout), tty=tty, quiet=quiet, rm=rm,
                      leave_stdin_open=leave_stdin_open, cascade=cascade)
        return
    if not expose:
        emit(env, pod, dry_run, output, save_config, generator=False)
        return
    # kubectl creates the pod, then creates and reports the service, then reports the pod: a pod the server
    # refuses leaves no service behind.
    report_pod = emit(env, pod, dry_run, output, save_config, generator=False, report_later=True)
    svc = _service(env, name, port, pod_labels)
    if mode == "client" and output and output.partition("=")[0] == "yaml":
        # kubectl's YAML printer starts the second object with "---" after run wrote its own separator.
        emit(env, svc, dry_run, output, save_config, generator=False)
        env.stdout.write("---\n---\n")
    else:
        emit(env, svc, dry_run, output, save_config, generator=False)
    report_pod()


def _service(env: Any, name: str, port: str, pod_labels: dict) -> dict:
    """The Service `run --expose` generates for the pod."""
    svc_ports = [{"protocol": "TCP", "port": int(port), "targetPort": int(port)}]
    return {"kind": "Service", "apiVersion": "v1", "metadata": meta(name, env),
            "spec": {"ports": svc_ports, "selector": dict(pod_labels)}, "status": {"loadBalancer": {}}}


def _run_attached(env: Any, pod: dict, pod_labels: dict, expose_port: str, dry_run: str | None, output: str | None,
                  save_config: bool, *, restart: str, timeout: float, tty: bool, quiet: bool, rm: bool,
                  leave_stdin_open: bool, cascade: str) -> None:
    """run with --attach (or -i): the pod is created without being reported, the --expose Service is created and
    reported, then kubectl attaches (cli/run_attach.py); --rm deletes both at the end, the pod first."""
    from ..api import registry
    from .run_attach import attach_to_pod, remove_created

    name = pod["metadata"]["name"]
    ns = common.namespace(env)
    emit(env, pod, dry_run, output, save_config, generator=False, report_later=True)
    created = [(registry.resolve("pods"), ns, name)]
    store = common.open_store(env)
    try:
        if expose_port:
            try:
                emit(env, _service(env, name, expose_port, pod_labels), dry_run, output, save_config,
                     generator=False)
                created.append((registry.resolve("services"), ns, name))
            except errors.ServerError:
                pass  # run.go keeps a Service error for the unattached report only (derived from its source)
        common.settle(store)
        attach_to_pod(env, store, ns, name, restart=restart, timeout=timeout, tty=tty, quiet=quiet,
                      leave_stdin_open=leave_stdin_open)
    finally:
        if rm:
            env.stdout.flush()
            remove_created(env, store, created, quiet, cascade)


# ---------------------------------------------------------------------------------------------------------------

_EXPOSABLE = {("", "Pod"), ("", "Service"), ("", "ReplicationController"), ("apps", "Deployment"),
              ("apps", "ReplicaSet"), ("extensions", "Deployment"), ("extensions", "ReplicaSet")}


def _group_kind(kind: Any) -> str:
    return f"{kind.kind}.{kind.group}" if kind.group else kind.kind


def _selector_of(obj: dict) -> dict:
    k = obj.get("kind")
    spec = obj.get("spec") or {}
    if k == "Pod":
        labels = (obj.get("metadata") or {}).get("labels") or {}
        if not labels:
            raise ValueError("the pod has no labels and cannot be exposed")
        return dict(labels)
    if k in ("Service", "ReplicationController"):
        sel = spec.get("selector") or {}
        if not sel:
            raise ValueError(f"the {'service' if k == 'Service' else 'replication controller'} has no pod selector set")
        return dict(sel)
    sel = spec.get("selector") or {}
    if sel.get("matchExpressions"):
        raise ValueError(f"couldn't convert expressions - \"{sel['matchExpressions']}\" to map-based selector format")
    return dict(sel.get("matchLabels") or {})


def _ports_of(obj: dict) -> tuple[list[str], dict[str, list[str]]]:
    """Ports (as strings, in order) and the protocols of each, as kubectl's PortsForObject/MultiProtocols do."""
    ports: list[str] = []
    protos: dict[str, list[str]] = {}
    if obj.get("kind") == "Service":
        for p in (obj.get("spec") or {}).get("ports") or []:
            s = str(p.get("port"))
            ports.append(s)
            protos.setdefault(s, []).append(p.get("protocol") or "TCP")
        return ports, protos
    spec = obj.get("spec") or {}
    pod_spec = spec if obj.get("kind") == "Pod" else ((spec.get("template") or {}).get("spec") or {})
    for c in pod_spec.get("containers") or []:
        for p in c.get("ports") or []:
            s = str(p.get("containerPort"))
            ports.append(s)
            lst = protos.setdefault(s, [])
            proto = p.get("protocol") or "TCP"
            if proto not in lst:
                lst.append(proto)
    return ports, protos


@click.command("expose", cls=KubectlCommand, context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("--port", default="", help="The port that the service should serve on. Copied from the resource being exposed, if unspecified")
@click.option("--target-port", "target_port", default="", help="Name or number for the port on the container that the service should direct traffic to. Optional.")
@click.option("--protocol", default="", help="The network protocol for the service to be created. Default is 'TCP'.")
@click.option("--type", "stype", default="", help="Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'.")
@click.option("--name", default="", help="The name for the newly created object.")
@click.option("--selector", default="", help="A label selector to use for this service. Only equality-based selector requirements are supported. If empty (the default) infer the selector from the replication controller or replica set.)")
@click.option("-l", "--labels", default="", help="Labels to apply to the service created by this call.")
@click.option("--cluster-ip", "cluster_ip", default="", help="ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to create a headless service.")
@click.option("--external-ip", "external_ip", default="", help="Additional external IP address (not managed by Kubernetes) to accept for the service. If this IP is routed to a node, the service can be accessed by this IP in addition to its generated service IP.")
@click.option("--load-balancer-ip", "lb_ip", default="", help="IP to assign to the LoadBalancer. If empty, an ephemeral IP will be created and used (cloud-provider specific).")
@click.option("--session-affinity", "session_affinity", default="", help="If non-empty, set the session affinity for the service to this; legal values: 'None', 'ClientIP'")
@click.option("-f", "--filename", "files", multiple=True, help="Filename, directory, or URL to files identifying the resource to expose a service")
@click.option("-R", "--recursive", is_flag=True, help=RECURSIVE_HELP)
@click.option("--overrides", default="", help=OVERRIDES_HELP)
@click.option("--override-type", default="merge", help=OVERRIDE_TYPE_HELP)
@kustomize_option
@common_options(field_manager="kubectl-expose", validate=False)
def expose_cmd(args: tuple[str, ...], port: str, target_port: str, protocol: str, stype: str, name: str,
               selector: str, labels: str, cluster_ip: str, external_ip: str, lb_ip: str, session_affinity: str,
               dry_run: str | None, output: str | None, save_config: bool, files: tuple[str, ...] = (),
               recursive: bool = False, overrides: str = "", override_type: str = "merge", **_: Any) -> None:
    """Expose a resource as a new Kubernetes service.

    Looks up a deployment, service, replica set, replication controller or pod by name and uses the selector for
    that resource as the selector for a new service on the specified port.

    \b
    Examples:
      # Create a service for an nginx deployment, which serves on port 80 and connects to the containers on port 8000
      pykubectl expose deployment nginx --port=80 --target-port=8000
    \b
      # Create a service for a pod valid-pod, which serves on port 444 with the name "frontend"
      pykubectl expose pod valid-pod --port=444 --name=frontend
    \b
      # Create a second service based on the above service, exposing the container port 8443 as port 443 with the name "nginx-https"
      pykubectl expose service nginx --port=443 --target-port=8443 --name=nginx-https
    \b
      # Create a service for a replicated streaming application on port 4100 balancing UDP traffic and named 'video-stream'.
      pykubectl expose rs streamer --port=4100 --protocol=UDP --name=video-stream
    """
    common.dry_run_mode(dry_run)
    check_override_type(override_type)
    if files:
        # -f: expose each object the files name, as `expose TYPE/NAME` would.
        from ..api.manifests import iter_documents

        common.check_file_namespaces(common.env_of(), files, recursive)
        for doc in iter_documents(list(files), recursive):
            target = f"{doc.obj.get('kind', '')}/{(doc.obj.get('metadata') or {}).get('name', '')}"
            expose_cmd.callback(args=(target,), port=port, target_port=target_port, protocol=protocol, stype=stype,
                                name=name, selector=selector, labels=labels, cluster_ip=cluster_ip,
                                external_ip=external_ip, lb_ip=lb_ip, session_affinity=session_affinity,
                                dry_run=dry_run, output=output, save_config=save_config, overrides=overrides,
                                override_type=override_type)
        return
    env = common.env_of()
    kind, obj_name = _target(args, "expose")
    obj = _fetch(env, kind, obj_name)
    if (kind.group, kind.kind) not in _EXPOSABLE:
        raise errors.ClientError(f"error: cannot expose a {_group_kind(kind)}")
    try:
        sel = _parse_labels(selector) if selector else _selector_of(obj)
    except (ValueError, errors.ClientError) as e:
        msg = str(e).removeprefix("error: ")
        raise errors.ClientError(f"error: couldn't retrieve selectors via --selector flag or introspection: {msg}") \
            from None
    intro_ports, protos = _ports_of(obj)
    port_list = [p for p in port.split(",") if p] if port else intro_ports
    if not port_list:
        raise errors.ClientError("error: couldn't find port via --port flag or introspection")
    svc_labels = _parse_labels(labels) if labels else dict((obj.get("metadata") or {}).get("labels") or {})
    ports: list[dict] = []
    for i, ps in enumerate(port_list):
        try:
            pnum = int(ps, 10)
        except ValueError:
            raise errors.ClientError(f'error: strconv.Atoi: parsing "{ps}": invalid syntax') from None
        pname = f"port-{i + 1}" if len(port_list) > 1 else ""
        proto = protocol
        if not proto:
            proto = "TCP"
            found = protos.get(ps)
            if found and len(found) > 1:
                for pr in found:
                    ports.append({"name": f"port-{i + 1}-{pr.lower()}", "protocol": pr, "port": pnum})
                continue
            if found:
                proto = found[0]
        p: dict = {}
        if pname:
            p["name"] = pname
        p["protocol"] = proto
        p["port"] = pnum
        ports.append(p)
    for p in ports:
        if target_port:
            p["targetPort"] = int(target_port) if re.fullmatch(r"[0-9]+", target_port) else target_port
        else:
            p["targetPort"] = p["port"]
    spec: dict = {"ports": ports, "selector": sel}
    if cluster_ip:
        spec["clusterIP"] = cluster_ip
    if stype:
        spec["type"] = stype
    if external_ip:
        spec["externalIPs"] = [external_ip]
    if session_affinity:
        spec["sessionAffinity"] = session_affinity
    if lb_ip:
        spec["loadBalancerIP"] = lb_ip
    svc = {"kind": "Service", "apiVersion": "v1", "metadata": meta(name or obj_name, env, svc_labels or None),
           "spec": spec, "status": {"loadBalancer": {}}}
    svc = apply_overrides(svc, overrides, override_type)
    emit(env, svc, dry_run, output, save_config, verb="exposed", generator=False)


# ---------------------------------------------------------------------------------------------------------------

_SCALABLE = {("apps", "Deployment"), ("apps", "ReplicaSet"), ("apps", "StatefulSet"), ("", "ReplicationController")}


@click.command("autoscale", cls=KubectlCommand, context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("--min", "min_", default="-1", show_default="-1", help="The lower limit for the number of pods that can be set by the autoscaler. If it's not specified or negative, the server will apply a default value.")
@click.option("--max", "max_", default="-1", show_default="-1", help="The upper limit for the number of pods that can be set by the autoscaler. Required.")
@click.option("--cpu-percent", "cpu_percent", default="-1", show_default="-1", help="The target average CPU utilization (represented as a percent of requested CPU) over all the pods. If it's not specified or negative, a default autoscaling policy will be used.")
@click.option("--name", default="", help="The name for the newly created object. If not specified, the name of the input resource will be used.")
@click.option("-f", "--filename", "files", multiple=True,
              help="Filename, directory, or URL to files identifying the resource to autoscale.")
@click.option("-R", "--recursive", is_flag=True, help=RECURSIVE_HELP)
@kustomize_option
@common_options(field_manager="kubectl-autoscale", validate=False)
def autoscale_cmd(args: tuple[str, ...], min_: str, max_: str, cpu_percent: str, name: str, dry_run: str | None,
                  output: str | None, save_config: bool, files: tuple[str, ...] = (), recursive: bool = False,
                  **_: Any) -> None:
    """Creates an autoscaler that automatically chooses and sets the number of pods that run in a Kubernetes cluster.

    Looks up a deployment, replica set, stateful set, or replication controller by name and creates an autoscaler
    that uses the given resource as a reference. An autoscaler can automatically increase or decrease number of
    pods deployed within the system as needed.

    \b
    Examples:
      # Auto scale a deployment "foo", with the number of pods between 2 and 10, no target CPU utilization specified so a default autoscaling policy will be used
      pykubectl autoscale deployment foo --min=2 --max=10
    \b
      # Auto scale a replication controller "foo", with the number of pods between 1 and 5, target CPU utilization at 80%
      pykubectl autoscale rc foo --max=5 --cpu-percent=80
    """
    from .create import _int_flag

    n_min = _int_flag(min_, "--min")
    n_max = _int_flag(max_, "--max")
    n_cpu = _int_flag(cpu_percent, "--cpu-percent")
    if max_ == "-1":
        raise errors.UsageError('error: required flag(s) "max" not set')
    common.dry_run_mode(dry_run)
    if n_max < 1:
        raise errors.ClientError(f"error: --max=MAXPODS is required and must be at least 1, max: {n_max}")
    if n_max < n_min:
        raise errors.ClientError(f"error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: {n_max}, "
                                 f"min: {n_min}")
    env = common.env_of()
    if files:
        if args:
            raise errors.ClientError("error: when paths, URLs, or stdin is provided as input, you may not specify "
                                     "resource arguments as well")
        _each_file_object(env, files, recursive, lambda kind, obj_name: _autoscale(
            env, kind, obj_name, n_min, n_max, n_cpu, name, dry_run, output, save_config))
        return
    kind, obj_name = _target(args, "autoscale")
    _fetch(env, kind, obj_name)
    _autoscale(env, kind, obj_name, n_min, n_max, n_cpu, name, dry_run, output, save_config)


def _each_file_object(env: Any, files: tuple[str, ...], recursive: bool, fn: Any) -> None:
    """The objects of -f/-k one after another, as the builder gives them (the file's object: no read from the
    cluster); an object fn refuses is reported after the others, as kubectl aggregates the errors (one: ``error:
    …``; several: a line each)."""
    from ..api import registry
    from ..api.manifests import iter_documents

    common.check_file_namespaces(env, files, recursive)
    failures: list[str] = []
    for doc in iter_documents(list(files), recursive):
        kind = registry.by_api_version_kind(doc.obj.get("apiVersion", ""), doc.obj.get("kind", ""))
        try:
            fn(kind, (doc.obj.get("metadata") or {}).get("name", ""))
        except errors.ClientError as e:
            failures.append(str(e).removeprefix("error: "))
    if failures:
        env.stdout.flush()
        common.err(env, f"error: {failures[0]}" if len(failures) == 1 else "\n".join(failures))
        raise errors.PykubectlError("")


def _autoscale(env: Any, kind: Any, obj_name: str, n_min: int, n_max: int, n_cpu: int, name: str,
               dry_run: str | None, output: str | None, save_config: bool) -> None:
    if (kind.group, kind.kind) not in _SCALABLE:
        raise errors.ClientError(f"error: cannot autoscale a {kind.kind}: could not find scale subresource for "
                                 f"{kind.group}/{kind.version}, Resource={kind.plural} in discovery information")
    spec: dict = {"scaleTargetRef": {"kind": kind.kind, "name": obj_name, "apiVersion": kind.api_version}}
    if n_min > 0:
        spec["minReplicas"] = n_min
    spec["maxReplicas"] = n_max
    if n_cpu >= 0:
        spec["targetCPUUtilizationPercentage"] = n_cpu
    hpa = {"kind": "HorizontalPodAutoscaler", "apiVersion": "autoscaling/v1",
           # autoscale.go builds the object without a namespace (a client dry run prints none); it is sent to -n's.
           "metadata": meta(name or obj_name, env, namespaced=False), "spec": spec,
           "status": {"currentReplicas": 0, "desiredReplicas": 0}}
    if common.dry_run_mode(dry_run) != "client":
        hpa = _hpa_v2(hpa, n_cpu)
    # kubectl's client dry run reports "created", the real request "autoscaled".
    emit(env, hpa, dry_run, output, save_config, verb="autoscaled", dry_verb="created",
         generator=False)


def _hpa_v2(hpa: dict, cpu: int) -> dict:
    """The API server keeps HPAs as autoscaling/v2 (what `get -o yaml` returns): the v1 CPU target becomes a
    Resource metric; without one, v2 defaulting adds the 80% CPU target."""
    spec = dict(hpa["spec"])
    spec.pop("targetCPUUtilizationPercentage", None)
    if cpu >= 0:
        spec["metrics"] = [{"type": "Resource", "resource": {"name": "cpu", "target": {
            "type": "Utilization", "averageUtilization": cpu}}}]
    return {"kind": hpa["kind"], "apiVersion": "autoscaling/v2", "metadata": hpa["metadata"], "spec": spec}


COMMANDS = {"run": run_cmd, "expose": expose_cmd, "autoscale": autoscale_cmd}
