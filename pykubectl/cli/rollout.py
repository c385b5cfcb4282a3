"""rollout status|history|undo|pause|resume|restart (StatefulSet and DaemonSet status: rollout_apps.py)."""

from __future__ import annotations

import copy
from typing import Any, Callable

import click

from .. import errors
from . import common
from .objectupdate import collect, mutate_each, report_errors
from .printflags import kustomize_option, printer_options
from .set_cmd import SELECTOR_HELP

CTX = {"help_option_names": ["-h", "--help"]}


@click.group("rollout", context_settings=CTX, invoke_without_command=True)
@click.pass_context
def rollout_group(ctx: click.Context) -> None:
    """Manage the rollout of one or many resources.

    \b
    Examples:
      # Rollback to the previous deployment
      pykubectl rollout undo deployment/abc
    \b
      # Check the rollout status of a daemonset
      pykubectl rollout status daemonset/foo
    """
    common.help_without_subcommand(ctx, to_stdout=True)


def _requires_resource(f: Any) -> Any:
    """kubectl's rollout Validate: no resource and no file is "required resource not specified"."""
    import functools

    @functools.wraps(f)
    def wrapper(*a: Any, **kw: Any) -> Any:
        if not kw.get("args") and not kw.get("files") and not kw.get("kustomize"):
            raise errors.ClientError("error: required resource not specified")
        return f(*a, **kw)

    return wrapper


def _owned_rs(tx: Any, d: dict) -> list[dict]:
    return [r for r in tx.list_owned(d["metadata"]["uid"]) if r.get("kind") == "ReplicaSet"]


CHANGE_CAUSE = "kubernetes.io/change-cause"
WORKLOADS = (("apps", "Deployment"), ("apps", "StatefulSet"), ("apps", "DaemonSet"))


def _no_visitor(what: str, kind: Any) -> str:
    """kubectl's polymorphic helpers' refusal of a kind they have no visitor for (a GroupKind printed with %v)."""
    return f'error retrieving {what} for "{kind.kind}", no visitor method exists for {{{kind.group} {kind.kind}}}'


def _unsupported(kind: Any, name: str, doing: str) -> errors.ClientError:
    """The pauser's, resumer's and restarter's refusal: ``services "x" pausing is not supported``."""
    from ..client.rest import resource_name as group_resource

    return errors.ClientError(f'error: {group_resource(kind.group, kind.kind)} "{name}" {doing} is not supported')


def _aggregate(problems: list[str]) -> None:
    """kubectl's aggregate of the objects' errors, after the others were done: one reads ``error: …``, several
    take a line each."""
    if len(problems) == 1:
        raise errors.ClientError(f"error: {problems[0]}")
    if problems:
        raise errors.ClientError("\n".join(problems))
# What a rollback keeps of the Deployment's own annotations; the others come from the revision's ReplicaSet.
ANNOTATIONS_KEPT_ON_ROLLBACK = ("kubectl.kubernetes.io/last-applied-configuration", "deployment.kubernetes.io/revision",
                                "deployment.kubernetes.io/revision-history", "deployment.kubernetes.io/desired-replicas",
                                "deployment.kubernetes.io/max-replicas", "deprecated.deployment.rollback.to")


def _template_with_change_cause(rs: dict) -> dict:
    """A revision's pod template as kubectl's history viewer shows it: with its ReplicaSet's change-cause."""
    template = copy.deepcopy(rs["spec"]["template"])
    cause = (rs["metadata"].get("annotations") or {}).get(CHANGE_CAUSE)
    if cause:
        template.setdefault("metadata", {}).setdefault("annotations", {})[CHANGE_CAUSE] = cause
    return template


def _rev(rs: dict) -> int:
    try:
        return int((rs["metadata"].get("annotations") or {}).get("deployment.kubernetes.io/revision", "0"))
    except ValueError:
        return 0


@rollout_group.command("history", context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("-f", "--filename", "files", multiple=True,
              help="Filename, directory, or URL to files identifying the resource to get from a server.")
@click.option("-R", "--recursive", is_flag=True,
              help="Process the directory used in -f, --filename recursively. Useful when you want to manage related "
                   "manifests organized within the same directory.")
@click.option("--revision", type=int, default=0, help="See the details, including podTemplate of the revision specified")
@click.option("-l", "--selector", default=None, help=SELECTOR_HELP)
@click.option("-o", "--output", default=None, help=common.PRINT_OUTPUT_HELP)
@printer_options
@kustomize_option
@_requires_resource
def history_cmd(args: tuple[str, ...], files: tuple[str, ...], recursive: bool, revision: int, selector: str | None, output: str | None) -> None:
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
    # A template without -o is printed over the object itself, where the history would be described (history.go
    # prints revisions only when -o is given).
    template_only = bool(output) and not env.__dict__.get("output_flag")
    store = common.open_store(env)
    errs: list[Exception] = []
    with store.read() as tx:
        found = collect(env, tx, list(args), files, selector, False, recursive)
        for kind, obj, name in found:
            try:
                _history_of(env, tx, kind, obj, name, revision, output, template_only)
            except (errors.ServerError, errors.ClientError) as e:
                errs.append(e)  # kubectl's ContinueOnError visit: reported after the others
    report_errors(env, errs)
    if errs:
        raise errors.PykubectlError("")


def _history_of(env: Any, tx: Any, kind: Any, obj: dict | None, name: str, revision: int,
                output: str | None, template_only: bool = False) -> None:
    if obj is not None and (kind.group, kind.kind) not in WORKLOADS:
        raise errors.bare_client_error(_no_visitor("history", kind))
    if obj is None:
        from ..client.rest import resource_name as group_resource

        raise errors.NotFound(f'{group_resource(kind.group, kind.kind)} "{name}" not found')
    if template_only:
        if revision and kind.kind == "Deployment" and revision not in {_rev(rs) for rs in _owned_rs(tx, obj)}:
            raise errors.bare_client_error("unable to find the specified revision")
        env.stdout.write(common.render_objects(env, [obj], output or "", single=True))
        return
    if (kind.group, kind.kind) in (("apps", "StatefulSet"), ("apps", "DaemonSet")):
        from .rollout_apps import history as revision_history

        revision_history(env, tx, kind, obj, revision, output)
        return
    history = {}
    for rs in _owned_rs(tx, obj):
        history[_rev(rs)] = rs
    prefix = f"{common.display_kind(kind)}/{name}"
    if revision:
        rs = history.get(revision)
        if rs is None:
            raise errors.bare_client_error("unable to find the specified revision")
        if output:  # the revision's ReplicaSet (kubectl's GetHistory)
            env.stdout.write(common.render_objects(env, [rs], output, single=True))
            return
        from ..printers.describe import describe_pod_template

        common.echo(env, f"{prefix} with revision #{revision}")
        env.stdout.write(describe_pod_template(_template_with_change_cause(rs)) + "\n")
        return
    if output:  # every revision's ReplicaSet, oldest first
        for rev in sorted(history):
            env.stdout.write(common.render_objects(env, [history[rev]], output, single=True))
        return
    from .rollout_apps import history_table

    env.stdout.write(history_table(prefix, history))


@rollout_group.command("undo", context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("-f", "--filename", "files", multiple=True,
              help="Filename, directory, or URL to files identifying the resource to get from a server.")
@click.option("-R", "--recursive", is_flag=True,
              help="Process the directory used in -f, --filename recursively. Useful when you want to manage related "
                   "manifests organized within the same directory.")
@click.option("--to-revision", type=int, default=0, help="The revision to rollback to. Default to 0 (last revision).")
@click.option("-l", "--selector", default=None, help=SELECTOR_HELP)
@click.option("--dry-run", "dry_run", default=None, is_flag=False, flag_value="unchanged", show_default="'none'",
              help=common.DRY_RUN_HELP)
@click.option("-o", "--output", default=None, help=common.PRINT_OUTPUT_HELP)
@printer_options
@kustomize_option
@_requires_resource
def undo_cmd(args: tuple[str, ...], files: tuple[str, ...], recursive: bool, to_revision: int, selector: str | None,
             dry_run: str | None, output: str | None = None) -> None:
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
    problems: list[str] = []

    def fn(tx: Any, kind: Any, obj: dict) -> str | None:
        message = roll_back(tx, kind, obj)
        if message is None:
            return None
        # With -o: the object as it was read (undo.go prints info.Object, not the rollback's result).
        return _shown(env, output, obj, message)

    def roll_back(tx: Any, kind: Any, obj: dict) -> str | None:
        from ..client import rest

        if (kind.group, kind.kind) not in WORKLOADS:
            problems.append(_no_visitor("rollbacker", kind))  # reported with the others' at the end
            return None
        if (kind.group, kind.kind) in (("apps", "StatefulSet"), ("apps", "DaemonSet")):
            from .rollout_apps import undo as revision_undo

            return revision_undo(tx, kind, obj, to_revision, dry_run)
        from .rollout_apps import revision_to_restore

        name = obj["metadata"]["name"]
        rs = revision_to_restore({_rev(rs): rs for rs in _owned_rs(tx, obj)}, to_revision,
                                 f'error: no rollout history found for deployment "{name}"')
        if dry_run in ("client", "unchanged"):
            from ..printers.describe import describe_pod_template

            return f"{common.display_kind(kind)}/{name} {describe_pod_template(rs['spec']['template'])} (dry run)"
        if (obj.get("spec") or {}).get("paused"):
            raise errors.ClientError("error: you cannot rollback a paused deployment; resume it first with "
                                     "'kubectl rollout resume' and try again")
        tmpl = copy.deepcopy(rs["spec"]["template"])
        (tmpl.get("metadata") or {}).get("labels", {}).pop("pod-template-hash", None)
        cur = copy.deepcopy(obj["spec"]["template"])
        if _strip(tmpl) == _strip(cur):
            return f"{common.display_kind(kind)}/{name} skipped rollback (current template already matches revision {_rev(rs)})"
        new = copy.deepcopy(obj)
        new["spec"]["template"] = tmpl
        kept = obj["metadata"].get("annotations") or {}
        annotations = {k: kept[k] for k in ANNOTATIONS_KEPT_ON_ROLLBACK if k in kept}
        annotations.update({k: v for k, v in (rs["metadata"].get("annotations") or {}).items()
                            if k not in ANNOTATIONS_KEPT_ON_ROLLBACK})
        new["metadata"]["annotations"] = annotations
        if dry_run in (None, "none"):
            rest.update(tx, new, obj)
        suffix = " (server dry run)" if dry_run == "server" else ""
        return f"{common.display_kind(kind)}/{name} rolled back{suffix}"

    mutate_each(env, list(args), files, selector, False, fn, recursive=recursive, as_written=True)
    _aggregate(problems)


def _strip(t: dict) -> dict:
    t = copy.deepcopy(t)
    (t.get("metadata") or {}).pop("creationTimestamp", None)
    return t


def _shown(env: Any, output: str | None, obj: dict, message: str) -> str:
    """What a rollout verb prints for one object: its message, or with -o the object it wrote in that format."""
    if output:
        return common.render_objects(env, [obj], output, single=True)
    return message + "\n"


def _toggle(field: str, value: Any, word: str, already: str, env: Any = None,
            output: str | None = None) -> Callable[[Any, Any, dict], str]:
    def fn(tx: Any, kind: Any, obj: dict) -> str:
        from ..client import rest

        if (kind.group, kind.kind) != ("apps", "Deployment"):
            raise _unsupported(kind, obj["metadata"]["name"], "pausing" if value else "resuming")
        cur = bool(obj.get("spec", {}).get(field))
        if cur == value:
            raise errors.ClientError(f'error: {kind.group_resource} "{obj["metadata"]["name"]}" {already}')
        new = copy.deepcopy(obj)
        if value:
            new["spec"][field] = True
        else:
            new["spec"].pop(field, None)
        result = rest.update(tx, new, obj)
        return _shown(env, output, result, f"{common.display_kind(kind)}/{obj['metadata']['name']} {word}")

    return fn


def _pause_options(f: Any) -> Any:
    """pause's and resume's flags, as kubectl 1.32 lists them (the same for both)."""
    for deco in reversed([
        click.argument("args", nargs=-1),
        click.option("-f", "--filename", "files", multiple=True,
                     help="Filename, directory, or URL to files identifying the resource to get from a server."),
        click.option("-R", "--recursive", is_flag=True,
                     help="Process the directory used in -f, --filename recursively. Useful when you want to manage "
                          "related manifests organized within the same directory."),
        click.option("-l", "--selector", default=None, help=SELECTOR_HELP),
        click.option("--field-manager", default="kubectl-rollout", help=common.FIELD_MANAGER_HELP),
        click.option("-o", "--output", default=None, help=common.PRINT_OUTPUT_HELP),
        printer_options,
        kustomize_option,
        _requires_resource,
    ]):
        f = deco(f)
    return f


@rollout_group.command("pause", context_settings=CTX)
@_pause_options
def pause_cmd(args: tuple[str, ...], files: tuple[str, ...], recursive: bool, selector: str | None,
              field_manager: str = "kubectl-rollout", output: str | None = None) -> None:
    """Mark the provided resource as paused.

    \b
    Examples:
      # Mark the nginx deployment as paused
      pykubectl rollout pause deployment/nginx
    """
    env = common.env_of()
    mutate_each(env, list(args), files, selector, False, recursive=recursive, as_written=True,
                fn=_toggle("paused", True, "paused", "is already paused", env, output))


@rollout_group.command("resume", context_settings=CTX)
@_pause_options
def resume_cmd(args: tuple[str, ...], files: tuple[str, ...], recursive: bool, selector: str | None,
               field_manager: str = "kubectl-rollout", output: str | None = None) -> None:
    """Resume a paused resource.

    \b
    Examples:
      # Resume an already paused deployment
      pykubectl rollout resume deployment/nginx
    """
    env = common.env_of()
    mutate_each(env, list(args), files, selector, False, recursive=recursive, as_written=True,
                fn=_toggle("paused", False, "resumed", "is not paused", env, output))


@rollout_group.command("restart", context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("-f", "--filename", "files", multiple=True,
              help="Filename, directory, or URL to files identifying the resource to get from a server.")
@click.option("-R", "--recursive", is_flag=True,
              help="Process the directory used in -f, --filename recursively. Useful when you want to manage related "
                   "manifests organized within the same directory.")
@click.option("-l", "--selector", default=None, help=SELECTOR_HELP)
@click.option("--field-manager", default="kubectl-rollout", help=common.FIELD_MANAGER_HELP)
@click.option("-o", "--output", default=None, help=common.PRINT_OUTPUT_HELP)
@printer_options
@kustomize_option
@_requires_resource
def restart_cmd(args: tuple[str, ...], files: tuple[str, ...], recursive: bool, selector: str | None,
                field_manager: str = "kubectl-rollout", output: str | None = None) -> None:
    """Restart a resource.

    \b
    Examples:
      # Restart a deployment
      pykubectl rollout restart deployment/nginx
    """
    env = common.env_of()

    def fn(tx: Any, kind: Any, obj: dict) -> str:
        from ..client import rest

        if (kind.group, kind.kind) not in WORKLOADS:
            raise _unsupported(kind, obj["metadata"]["name"], "restarting")
        new = copy.deepcopy(obj)
        tmd = new["spec"]["template"].setdefault("metadata", {})
        tmd.setdefault("annotations", {})["kubectl.kubernetes.io/restartedAt"] = env.now().strftime("%Y-%m-%dT%H:%M:%SZ")
        result = rest.update(tx, new, obj)
        return _shown(env, output, result, f"{common.display_kind(kind)}/{obj['metadata']['name']} restarted")

    mutate_each(env, list(args), files, selector, False, fn, recursive=recursive, as_written=True)


@rollout_group.command("status", context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("-f", "--filename", "files", multiple=True,
              help="Filename, directory, or URL to files identifying the resource to get from a server.")
@click.option("-R", "--recursive", is_flag=True,
              help="Process the directory used in -f, --filename recursively. Useful when you want to manage related "
                   "manifests organized within the same directory.")
@click.option("-w", "--watch", type=click.BOOL, default=True, is_flag=False, flag_value=True,  # --watch=false
              help="Watch the status of the rollout until it's done.")
@click.option("--timeout", default="0s", show_default="0s",
              help="The length of time to wait before ending watch, zero means never. Any other values should contain "
                   "a corresponding time unit (e.g. 1s, 2m, 3h).")
@click.option("--revision", type=int, default=0,
              help="Pin to a specific revision for showing its status. Defaults to 0 (last revision).")
@click.option("-l", "--selector", default=None, help=SELECTOR_HELP)
@kustomize_option
@_requires_resource
def status_cmd(args: tuple[str, ...], files: tuple[str, ...], recursive: bool, watch: bool, timeout: str, revision: int, selector: str | None) -> None:
    """Show the status of the rollout.

    \b
    Examples:
      # Watch the rollout status of a deployment
      pykubectl rollout status deployment/nginx
    """
    from ..client.rest import resource_name as group_resource
    from .wait import timeout_flag
    from .waiting import Waiter

    env = common.env_of()
    seconds = timeout_flag(timeout, "rollout status")
    store = common.open_store(env)
    with store.read() as tx:
        found = collect(env, tx, list(args), files, selector, False, recursive)
    # --timeout=0 (the default) waits as long as it takes (kubectl: a week).
    waiter = Waiter(env, store, seconds if seconds > 0 else -1)
    problems: list[str] = []
    for kind, obj, name in found:
        if obj is None:
            raise errors.NotFound(f'{group_resource(kind.group, kind.kind)} "{name}" not found')
        if (kind.group, kind.kind) not in WORKLOADS:
            problems.append(f"no status viewer has been implemented for {kind.kind}")
            continue
        from .rollout_apps import status_of  # StatefulSet and DaemonSet status viewers

        if revision > 0 and kind.kind == "Deployment":
            # DeploymentStatusViewer: --revision must be the Deployment's own revision.
            running = int((obj["metadata"].get("annotations") or {}).get("deployment.kubernetes.io/revision") or 0)
            if running != revision:
                raise errors.ClientError(f"error: desired revision ({revision}) is different from the running "
                                         f"revision ({running})")
        shown = None
        while True:
            msg, done, failed = status_of(kind, obj) or deployment_status(obj)
            if failed:  # a timed-out rollout is only an error on stderr, as kubectl's status viewer returns it
                raise errors.ClientError(f'error: deployment "{name}" exceeded its progress deadline')
            if msg != shown:
                common.echo(env, msg)
                env.stdout.flush()
                shown = msg
            if done or not watch:  # --watch=false: kubectl prints the status once and exits 0
                break
            if not waiter.pause():
                raise errors.ClientError("error: timed out waiting for the condition")
            with store.read() as tx:
                obj = tx.get(kind.group, kind.kind, obj["metadata"].get("namespace", ""), name)
            if obj is None:
                raise errors.NotFound(f'{group_resource(kind.group, kind.kind)} "{name}" not found')
    _aggregate(problems)


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


COMMANDS = {"rollout": rollout_group}
