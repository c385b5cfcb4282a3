"""scale, set image|env|resources, rollout status|history|undo|pause|resume|restart."""

from __future__ import annotations

import copy
from typing import Any, Callable

import click

from .. import errors
from . import common

CTX = {"help_option_names": ["-h", "--help"]}
POD_TEMPLATE_KINDS = {("apps", "Deployment"), ("apps", "ReplicaSet"), ("apps", "StatefulSet"), ("apps", "DaemonSet"),
                      ("batch", "Job"), ("", "Pod"), ("", "ReplicationController"), ("batch", "CronJob")}


def collect(env: Any, tx: Any, args: list[str], files: tuple[str, ...], selector: str | None, all_: bool,
            recursive: bool = False) -> list[tuple[Any, dict | None, str]]:
    """(kind, object or None, name) for TYPE NAME…, TYPE/NAME…, -f, -l, --all."""
    from ..api import registry
    from .get import parse_selector

    ns = common.namespace(env)
    out: list[tuple[Any, dict | None, str]] = []
    if files:
        from ..api.manifests import iter_documents

        for doc in iter_documents(list(files), recursive):
            k = registry.by_api_version_kind(doc.obj["apiVersion"], doc.obj["kind"])
            md = doc.obj.get("metadata") or {}
            name = md.get("name", "")
            out.append((k, tx.get(k.group, k.kind, (md.get("namespace") or ns) if k.namespaced else "", name), name))
        return out
    targets = common.parse_targets(args)
    sel = parse_selector(selector)
    for t in targets:
        use_ns = ns if t.kind.namespaced else ""
        if t.names:
            for n in t.names:
                out.append((t.kind, tx.get(t.kind.group, t.kind.kind, use_ns, n), n))
        elif sel is not None or all_:
            for o in tx.list(t.kind.group, t.kind.kind, use_ns):
                if sel is None or sel.matches(o["metadata"].get("labels") or {}):
                    out.append((t.kind, o, o["metadata"]["name"]))
        else:
            raise errors.UsageError("error: resource(s) were provided, but no name was specified")
    return out


def mutate_each(env: Any, args: list[str], files: tuple[str, ...], selector: str | None, all_: bool,
                fn: Callable[[Any, Any, dict], str | None], settle: bool = True) -> None:
    """Apply fn to each object in its own transaction (kubectl sends one request per object). fn returns the
    message to print, or raises."""
    from ..client.rest import resource_name as group_resource

    store = common.open_store(env)
    with store.read() as tx:
        found = collect(env, tx, args, files, selector, all_)
    failed = False
    for kind, obj, name in found:
        try:
            if obj is None:
                raise errors.NotFound(f'{group_resource(kind.group, kind.kind)} "{name}" not found')
            msg = _update_with_retries(store, kind, obj["metadata"].get("namespace", ""), name, fn)
            if msg:
                common.echo(env, msg)
        except errors.ServerError as e:
            env.stdout.flush()
            common.err(env, str(e))
            failed = True
        except errors.ClientError as e:
            env.stdout.flush()
            common.err(env, str(e))
            failed = True
    if settle:
        common.settle(store)
    if failed:
        raise errors.PykubectlError("")


# How often a read-modify-write is retried on a resourceVersion conflict, as client-go's retry.RetryOnConflict
# (DefaultRetry: 5 steps) around kubectl's scale, set, label, annotate and rollout updates.
CONFLICT_RETRIES = 5


def _update_with_retries(store: Any, kind: Any, ns: str, name: str, fn: Callable[[Any, Any, dict], str | None]) -> str | None:
    """Read the live object and apply fn to it in one transaction; on a resourceVersion conflict (another writer
    got in between the read and the write) read again and re-apply, as kubectl does. The transaction holds the
    store's write lock from its first statement, so on this store the retry is a safety net, not the usual path."""
    from ..client.rest import resource_name as group_resource

    for attempt in range(CONFLICT_RETRIES):
        try:
            with store.transaction() as tx:
                cur = tx.get(kind.group, kind.kind, ns, name)
                if cur is None:
                    raise errors.NotFound(f'{group_resource(kind.group, kind.kind)} "{name}" not found')
                return fn(tx, kind, cur)
        except errors.Conflict:
            if attempt == CONFLICT_RETRIES - 1:
                raise
    return None  # pragma: no cover


# ---- scale --------------------------------------------------------------------------------------------------------
@click.command("scale", context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("--replicas", type=int, default=None, help="The new desired number of replicas. Required.")
@click.option("--current-replicas", type=int, default=-1, help="Precondition for current size.")
@click.option("--resource-version", default="", help="Precondition for resource version.")
@click.option("-f", "--filename", "files", multiple=True, help="Filename, directory, or URL to a file identifying the resource to set a new size")
@click.option("-l", "--selector", default=None, help="Selector (label query) to filter on.")
@click.option("--all", "all_", is_flag=True, help="Select all resources in the namespace of the specified resource types")
@click.option("--timeout", default="0s", help="The length of time to wait before giving up on a scale operation.")
@click.option("--dry-run", "dry_run", default=None, is_flag=False, flag_value="unchanged")
@click.option("-o", "--output", default=None, help=common.OUTPUT_HELP)
def scale_cmd(args: tuple[str, ...], replicas: int | None, current_replicas: int, resource_version: str,
              files: tuple[str, ...], selector: str | None, all_: bool, timeout: str, dry_run: str | None,
              output: str | None) -> None:
    """Set a new size for a deployment, replica set, replication controller, or stateful set.

    Scale also allows users to specify one or more preconditions for the scale action.

    \b
    Examples:
      # Scale a replica set named 'foo' to 3
      pykubectl scale --replicas=3 rs/foo
    \b
      # Scale a resource identified by type and name specified in "foo.yaml" to 3
      pykubectl scale --replicas=3 -f foo.yaml
    \b
      # If the deployment named mysql's current size is 2, scale mysql to 3
      pykubectl scale --current-replicas=2 --replicas=3 deployment/mysql
    """
    env = common.env_of()
    if replicas is None:
        raise errors.UsageError('error: required flag(s) "replicas" not set')
    if replicas < 0:
        raise errors.UsageError("error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0")
    if not args and not files:
        raise errors.UsageError("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'")

    def fn(tx: Any, kind: Any, obj: dict) -> str:
        from ..client import rest

        cur = int(rest.get_scale(obj)["spec"]["replicas"])
        if current_replicas >= 0 and cur != current_replicas:
            raise errors.ClientError(f"error: Expected replicas to be {current_replicas}, was {cur}")
        if resource_version and obj["metadata"].get("resourceVersion") != resource_version:
            # kubectl checks its preconditions on the object it read (ScalePrecondition.validate): client-side.
            raise errors.ClientError(f"error: Expected resource version to be {resource_version}, was "
                                     f"{obj['metadata'].get('resourceVersion')}")
        if dry_run in (None, "none"):
            rest.update_scale(tx, obj, replicas)
        sfx = " (dry run)" if dry_run in ("client", "unchanged") else (" (server dry run)" if dry_run == "server" else "")
        return f"{common.display_kind(kind)}/{obj['metadata']['name']} scaled{sfx}"

    mutate_each(env, list(args), files, selector, all_, fn)


# ---- set ----------------------------------------------------------------------------------------------------------
@click.group("set", context_settings=CTX)
def set_group() -> None:
    """Configure application resources.

    These commands help you make changes to existing application resources.

    \b
    Examples:
      pykubectl set image deployment/nginx nginx=nginx:1.9.1
    """


def _pod_spec(obj: dict) -> dict:
    if obj["kind"] == "Pod":
        return obj.setdefault("spec", {})
    if obj["kind"] == "CronJob":
        return obj["spec"]["jobTemplate"]["spec"]["template"].setdefault("spec", {})
    return obj["spec"]["template"].setdefault("spec", {})


def _split_pairs(args: list[str]) -> tuple[list[str], dict[str, str]]:
    res, pairs = [], {}
    for a in args:
        if "=" in a:
            k, v = a.split("=", 1)
            pairs[k] = v
        else:
            res.append(a)
    return res, pairs


@set_group.command("image", context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("-f", "--filename", "files", multiple=True, help="Filename, directory, or URL to files identifying the resource to get from a server.")
@click.option("-l", "--selector", default=None, help="Selector (label query) to filter on.")
@click.option("--all", "all_", is_flag=True, help="Select all resources, in the namespace of the specified resource types")
@click.option("--local", is_flag=True, help="If true, set image will NOT contact api-server but run locally.")
@click.option("--dry-run", "dry_run", default=None, is_flag=False, flag_value="unchanged")
@click.option("-o", "--output", default=None, help=common.OUTPUT_HELP)
def set_image_cmd(args: tuple[str, ...], files: tuple[str, ...], selector: str | None, all_: bool, local: bool,
                  dry_run: str | None, output: str | None) -> None:
    """Update existing container image(s) of resources.

    Possible resources include (case insensitive): pod (po), replicationcontroller (rc), deployment (deploy),
    daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)

    \b
    Examples:
      # Set a deployment's nginx container image to 'nginx:1.9.1', and its busybox container image to 'busybox'
      pykubectl set image deployment/nginx busybox=busybox nginx=nginx:1.9.1
    \b
      # Update all deployments' and rc's nginx container's image to 'nginx:1.9.1'
      pykubectl set image deployments,rc nginx=nginx:1.9.1 --all
    \b
      # Update image of all containers of daemonset abc to 'nginx:1.9.1'
      pykubectl set image daemonset abc *=nginx:1.9.1
    """
    env = common.env_of()
    res, pairs = _split_pairs(list(args))
    if not pairs:
        raise errors.UsageError("error: at least one image update is required")

    def change(obj: dict) -> None:
        spec = _pod_spec(obj)
        for cname, image in pairs.items():
            found = False
            for c in (spec.get("initContainers") or []) + (spec.get("containers") or []):
                if cname == "*" or c.get("name") == cname:
                    c["image"] = image
                    found = True
            if not found:
                raise errors.ClientError(f'error: unable to find container named "{cname}"')

    if local:
        from ..api.manifests import iter_documents

        objs = []
        for doc in iter_documents(list(files)):
            change(doc.obj)
            objs.append(doc.obj)
        env.stdout.write(common.render_objects(env, objs, output or "yaml", single=len(objs) == 1))
        return

    def fn(tx: Any, kind: Any, obj: dict) -> str:
        from ..client import rest

        if (kind.group, kind.kind) not in POD_TEMPLATE_KINDS:
            raise errors.ClientError(f"error: {common.display_kind(kind)}/{obj['metadata']['name']} the object does not contain a pod template")
        new = copy.deepcopy(obj)
        change(new)
        if dry_run in (None, "none"):
            rest.update(tx, new, obj)
        return f"{common.display_kind(kind)}/{obj['metadata']['name']} image updated"

    mutate_each(env, res, files, selector, all_, fn)


@set_group.command("env", context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("-c", "--containers", default="*", help="The names of containers in the selected pod templates to change")
@click.option("-l", "--selector", default=None)
@click.option("--all", "all_", is_flag=True)
def set_env_cmd(args: tuple[str, ...], containers: str, selector: str | None, all_: bool) -> None:
    """Update environment variables on a pod template.

    \b
    Examples:
      # Update deployment 'registry' with a new environment variable
      pykubectl set env deployment/registry STORAGE_DIR=/local
    """
    env = common.env_of()
    res, pairs = [], {}
    removals = []
    for a in args:
        if "=" in a:
            k, v = a.split("=", 1)
            pairs[k] = v
        elif a.endswith("-") and "/" not in a and res:
            removals.append(a[:-1])
        else:
            res.append(a)

    def fn(tx: Any, kind: Any, obj: dict) -> str:
        from ..client import rest

        new = copy.deepcopy(obj)
        for c in _pod_spec(new).get("containers") or []:
            if containers != "*" and c.get("name") != containers:
                continue
            envs = [e for e in c.get("env") or [] if e.get("name") not in removals]
            for k, v in pairs.items():
                for e in envs:
                    if e.get("name") == k:
                        e.clear()
                        e.update({"name": k, "value": v})
                        break
                else:
                    envs.append({"name": k, "value": v})
            if envs:
                c["env"] = envs
            else:
                c.pop("env", None)
        rest.update(tx, new, obj)
        return f"{common.display_kind(kind)}/{obj['metadata']['name']} env updated"

    mutate_each(env, res, (), selector, all_, fn)


@set_group.command("resources", context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("-c", "--containers", default="*")
@click.option("--limits", default="")
@click.option("--requests", default="")
def set_resources_cmd(args: tuple[str, ...], containers: str, limits: str, requests: str) -> None:
    """Specify compute resource requirements (CPU, memory) for any resource that defines a pod template.

    \b
    Examples:
      # Set the deployment nginx container cpu limits to "200m" and memory to "512Mi"
      pykubectl set resources deployment nginx -c=nginx --limits=cpu=200m,memory=512Mi
    """
    env = common.env_of()
    if not limits and not requests:
        raise errors.UsageError("error: you must specify an update to requests or limits (in the form of --requests/--limits)")

    def parse(s: str) -> dict[str, str]:
        return dict(p.split("=", 1) for p in s.split(",") if "=" in p)

    def fn(tx: Any, kind: Any, obj: dict) -> str:
        from ..client import rest

        new = copy.deepcopy(obj)
        for c in _pod_spec(new).get("containers") or []:
            if containers != "*" and c.get("name") != containers:
                continue
            r = c.setdefault("resources", {})
            if limits:
                r.setdefault("limits", {}).update(parse(limits))
            if requests:
                r.setdefault("requests", {}).update(parse(requests))
        rest.update(tx, new, obj)
        return f"{common.display_kind(kind)}/{obj['metadata']['name']} resource requirements updated"

    mutate_each(env, list(args), (), None, False, fn)


# ---- rollout ------------------------------------------------------------------------------------------------------
@click.group("rollout", context_settings=CTX)
def rollout_group() -> None:
    """Manage the rollout of one or many resources.

    \b
    Examples:
      # Rollback to the previous deployment
      pykubectl rollout undo deployment/abc
    \b
      # Check the rollout status of a daemonset
      pykubectl rollout status daemonset/foo
    """


def _owned_rs(tx: Any, d: dict) -> list[dict]:
    return [r for r in tx.list_owned(d["metadata"]["uid"]) if r.get("kind") == "ReplicaSet"]


def _rev(rs: dict) -> int:
    try:
        return int((rs["metadata"].get("annotations") or {}).get("deployment.kubernetes.io/revision", "0"))
    except ValueError:
        return 0


@rollout_group.command("history", context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("--revision", type=int, default=0, help="See the details, including podTemplate of the revision specified")
@click.option("-l", "--selector", default=None)
@click.option("-o", "--output", default=None)
def history_cmd(args: tuple[str, ...], revision: int, selector: str | None, output: str | None) -> None:
    """View previous rollout revisions and configurations.

    \b
    Examples:
      # View the rollout history of a deployment
      pykubectl rollout history deployment/abc
    \b
      # View the details of daemonset revision 3
      pykubectl rollout history daemonset/abc --revision=3
    """
    env = common.env_of()
    store = common.open_store(env)
    with store.read() as tx:
        found = collect(env, tx, list(args), (), selector, False)
        for kind, obj, name in found:
            if obj is None:
                from ..client.rest import resource_name as group_resource

                raise errors.NotFound(f'{group_resource(kind.group, kind.kind)} "{name}" not found')
            if (kind.group, kind.kind) in (("apps", "StatefulSet"), ("apps", "DaemonSet")):  # (helper H5)
                from .rollout_apps import history as revision_history

                revision_history(env, tx, kind, obj, revision, output)
                continue
            if (kind.group, kind.kind) != ("apps", "Deployment"):
                raise errors.ClientError(f'error: no history viewer has been implemented for "{kind.kind}"')
            history = {}
            for rs in _owned_rs(tx, obj):
                history[_rev(rs)] = rs
            prefix = f"{common.display_kind(kind)}/{name}"
            if revision:
                rs = history.get(revision)
                if rs is None:
                    raise errors.ClientError(f"error: unable to find the specified revision")
                if output:
                    t = copy.deepcopy(rs["spec"]["template"])
                    env.stdout.write(common.render_objects(env, [t], output, single=True))
                    continue
                from ..printers.describe import describe_pod_template

                common.echo(env, f"{prefix} with revision #{revision}")
                env.stdout.write(describe_pod_template(rs["spec"]["template"]) + "\n")
                continue
            from .rollout_apps import history_table

            env.stdout.write(history_table(prefix, history))


@rollout_group.command("undo", context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("--to-revision", type=int, default=0, help="The revision to rollback to. Default to 0 (last revision).")
@click.option("-l", "--selector", default=None)
@click.option("--dry-run", "dry_run", default=None, is_flag=False, flag_value="unchanged")
def undo_cmd(args: tuple[str, ...], to_revision: int, selector: str | None, dry_run: str | None) -> None:
    """Roll back to a previous rollout.

    \b
    Examples:
      # Roll back to the previous deployment
      pykubectl rollout undo deployment/abc
    \b
      # Roll back to deployment revision 3
      pykubectl rollout undo deployment/abc --to-revision=3
    """
    env = common.env_of()

    def fn(tx: Any, kind: Any, obj: dict) -> str:
        from ..client import rest

        if (kind.group, kind.kind) in (("apps", "StatefulSet"), ("apps", "DaemonSet")):  # (helper H5)
            from .rollout_apps import undo as revision_undo

            return revision_undo(tx, kind, obj, to_revision, dry_run)
        name = obj["metadata"]["name"]
        history = {_rev(rs): rs for rs in _owned_rs(tx, obj)}
        if to_revision:
            rs = history.get(to_revision)
            if rs is None:
                raise errors.ClientError(f"error: unable to find specified revision {to_revision} in history")
        else:
            revs = sorted(history)
            if len(revs) < 2:
                raise errors.ClientError(f'error: no rollout history found for deployment "{name}"')
            rs = history[revs[-2]]
        tmpl = copy.deepcopy(rs["spec"]["template"])
        (tmpl.get("metadata") or {}).get("labels", {}).pop("pod-template-hash", None)
        cur = copy.deepcopy(obj["spec"]["template"])
        if _strip(tmpl) == _strip(cur):
            return f"{common.display_kind(kind)}/{name} skipped rollback (current template already matches revision {_rev(rs)})"
        new = copy.deepcopy(obj)
        new["spec"]["template"] = tmpl
        if dry_run in (None, "none"):
            rest.update(tx, new, obj)
        return f"{common.display_kind(kind)}/{name} rolled back"

    mutate_each(env, list(args), (), selector, False, fn)


def _strip(t: dict) -> dict:
    t = copy.deepcopy(t)
    (t.get("metadata") or {}).pop("creationTimestamp", None)
    return t


def _toggle(field: str, value: Any, word: str, already: str) -> Callable[[Any, Any, dict], str]:
    def fn(tx: Any, kind: Any, obj: dict) -> str:
        from ..client import rest

        cur = bool(obj.get("spec", {}).get(field))
        if cur == value:
            raise errors.ClientError(f'error: {kind.group_resource} "{obj["metadata"]["name"]}" {already}')
        new = copy.deepcopy(obj)
        if value:
            new["spec"][field] = True
        else:
            new["spec"].pop(field, None)
        rest.update(tx, new, obj)
        return f"{common.display_kind(kind)}/{obj['metadata']['name']} {word}"

    return fn


@rollout_group.command("pause", context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("-l", "--selector", default=None)
def pause_cmd(args: tuple[str, ...], selector: str | None) -> None:
    """Mark the provided resource as paused.

    \b
    Examples:
      # Mark the nginx deployment as paused
      pykubectl rollout pause deployment/nginx
    """
    mutate_each(common.env_of(), list(args), (), selector, False, _toggle("paused", True, "paused", "is already paused"))


@rollout_group.command("resume", context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("-l", "--selector", default=None)
def resume_cmd(args: tuple[str, ...], selector: str | None) -> None:
    """Resume a paused resource.

    \b
    Examples:
      # Resume an already paused deployment
      pykubectl rollout resume deployment/nginx
    """
    mutate_each(common.env_of(), list(args), (), selector, False, _toggle("paused", False, "resumed", "is not paused"))


@rollout_group.command("restart", context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("-l", "--selector", default=None)
def restart_cmd(args: tuple[str, ...], selector: str | None) -> None:
    """Restart a resource.

    \b
    Examples:
      # Restart a deployment
      pykubectl rollout restart deployment/nginx
    """
    env = common.env_of()

    def fn(tx: Any, kind: Any, obj: dict) -> str:
        from ..client import rest

        new = copy.deepcopy(obj)
        tmd = new["spec"]["template"].setdefault("metadata", {})
        tmd.setdefault("annotations", {})["kubectl.kubernetes.io/restartedAt"] = env.now().strftime("%Y-%m-%dT%H:%M:%SZ")
        rest.update(tx, new, obj)
        return f"{common.display_kind(kind)}/{obj['metadata']['name']} restarted"

    mutate_each(env, list(args), (), selector, False, fn)


@rollout_group.command("status", context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("-w", "--watch", type=click.BOOL, default=True, is_flag=False, flag_value=True)  # --watch=false
@click.option("--timeout", default="0s")
@click.option("--revision", type=int, default=0)
@click.option("-l", "--selector", default=None)
def status_cmd(args: tuple[str, ...], watch: bool, timeout: str, revision: int, selector: str | None) -> None:
    """Show the status of the rollout.

    \b
    Examples:
      # Watch the rollout status of a deployment
      pykubectl rollout status deployment/nginx
    """
    env = common.env_of()
    store = common.open_store(env)
    with store.read() as tx:
        found = collect(env, tx, list(args), (), selector, False)
    for kind, obj, name in found:
        if obj is None:
            from ..client.rest import resource_name as group_resource

            raise errors.NotFound(f'{group_resource(kind.group, kind.kind)} "{name}" not found')
        from .rollout_apps import status_of  # (helper H5) StatefulSet and DaemonSet status viewers

        msg, done, failed = status_of(kind, obj) or deployment_status(obj)
        if not failed:  # a timed-out rollout is only an error on stderr, as kubectl's status viewer returns it
            common.echo(env, msg)
        if failed:
            raise errors.ClientError(f'error: deployment "{name}" exceeded its progress deadline')
        if not done and watch:  # --watch=false: kubectl prints the status once and exits 0 (helper H4)
            raise errors.ClientError(f'error: deployment "{name}" exceeded its progress deadline')


def deployment_status(d: dict) -> tuple[str, bool, bool]:
    """kubectl's DeploymentStatusViewer: (message, done, failed)."""
    name = d["metadata"]["name"]
    spec, st = d.get("spec") or {}, d.get("status") or {}
    if d["metadata"].get("generation", 0) > st.get("observedGeneration", 0):
        return "Waiting for deployment spec update to be observed...", False, False
    for c in st.get("conditions") or []:
        if c.get("type") == "Progressing" and c.get("reason") == "ProgressDeadlineExceeded":
            return f'error: deployment "{name}" exceeded its progress deadline', False, True
    replicas = spec.get("replicas", 1)
    updated = st.get("updatedReplicas", 0)
    total = st.get("replicas", 0)
    available = st.get("availableReplicas", 0)
    if updated < replicas:
        return (f'Waiting for deployment "{name}" rollout to finish: {updated} out of {replicas} new replicas have '
                "been updated..."), False, False
    if total > updated:
        return (f'Waiting for deployment "{name}" rollout to finish: {total - updated} old replicas are pending '
                "termination..."), False, False
    if available < updated:
        return (f'Waiting for deployment "{name}" rollout to finish: {available} of {updated} updated replicas are '
                "available..."), False, False
    return f'deployment "{name}" successfully rolled out', True, False


COMMANDS = {"scale": scale_cmd, "set": set_group, "rollout": rollout_group}
