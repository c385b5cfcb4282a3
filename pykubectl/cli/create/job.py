"""create job, create cronjob: the object kubectl's generator builds from flags."""

from __future__ import annotations

import copy
from typing import Any

import click

from ... import errors
from .. import common
from . import CTX, common_options, emit, meta, one_name, required


def _container(name: str, image: str, command: list[str] | None = None) -> dict:
    c: dict = {"name": name, "image": image}
    if command:
        c["command"] = list(command)
    c["resources"] = {}
    return c


def _jt_meta(name: str, env: Any) -> dict:
    md: dict = {"name": name}
    if env.namespace:
        md["namespace"] = env.namespace
    md["creationTimestamp"] = None
    return md


def _job_from(env: Any, name: str, from_: str) -> dict:
    from ...api import registry

    rtype, sep, src = from_.partition("/")
    if not sep or not src:
        raise errors.ClientError(f"error: from must be of the form <resource>/<name>")
    try:
        kind = registry.resolve(rtype)
    except errors.ResourceTypeError as e:
        raise errors.ClientError(str(e).removeprefix("error: ")) from None
    store = common.open_store(env)
    ns = common.namespace(env)
    with store.transaction() as tx:
        src_obj = tx.get(kind.group, kind.kind, ns if kind.namespaced else "", src)
    if src_obj is None:
        raise errors.NotFound(f'{kind.group_resource} "{src}" not found')
    if (kind.group, kind.kind) != ("batch", "CronJob"):
        raise errors.ClientError(f"error: unknown object type *{kind.version}.{kind.kind}")
    jt = copy.deepcopy((src_obj.get("spec") or {}).get("jobTemplate") or {})
    jt_md = jt.get("metadata") or {}
    ann = {"cronjob.kubernetes.io/instantiate": "manual"}
    ann.update(jt_md.get("annotations") or {})
    md: dict = {"name": name}
    if env.namespace:
        md["namespace"] = env.namespace
    md["creationTimestamp"] = None
    if jt_md.get("labels"):
        md["labels"] = jt_md["labels"]
    md["annotations"] = ann
    md["ownerReferences"] = [{"apiVersion": "batch/v1", "kind": "CronJob", "name": src,
                              "uid": src_obj["metadata"].get("uid", ""), "controller": True}]
    spec = _go_order_job_spec(jt.get("spec") or {})
    return {"kind": "Job", "apiVersion": "batch/v1", "metadata": md, "spec": spec, "status": {}}


# Go struct field orders, for `-o json` of objects copied from the server.
_ORDER = {
    "job": ["parallelism", "completions", "activeDeadlineSeconds", "podFailurePolicy", "successPolicy",
            "backoffLimit", "backoffLimitPerIndex", "maxFailedIndexes", "selector", "manualSelector", "template",
            "ttlSecondsAfterFinished", "completionMode", "suspend", "podReplacementPolicy", "managedBy"],
    "podspec": ["volumes", "initContainers", "containers", "ephemeralContainers", "restartPolicy",
                "terminationGracePeriodSeconds", "activeDeadlineSeconds", "dnsPolicy", "nodeSelector",
                "serviceAccountName", "serviceAccount", "automountServiceAccountToken", "nodeName", "hostNetwork",
                "hostPID", "hostIPC", "shareProcessNamespace", "securityContext", "imagePullSecrets", "hostname",
                "subdomain", "affinity", "schedulerName", "tolerations", "hostAliases", "priorityClassName",
                "priority", "dnsConfig", "readinessGates", "runtimeClassName", "enableServiceLinks",
                "preemptionPolicy", "overhead", "topologySpreadConstraints", "setHostnameAsFQDN", "os", "hostUsers",
                "schedulingGates", "resourceClaims", "resources"],
    "container": ["name", "image", "command", "args", "workingDir", "ports", "envFrom", "env", "resources",
                  "resizePolicy", "restartPolicy", "volumeMounts", "volumeDevices", "livenessProbe",
                  "readinessProbe", "startupProbe", "lifecycle", "terminationMessagePath",
                  "terminationMessagePolicy", "imagePullPolicy", "securityContext", "stdin", "stdinOnce", "tty"],
    "meta": ["name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation",
             "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations",
             "ownerReferences", "finalizers", "managedFields"],
}


def _ordered(d: dict, order: list[str]) -> dict:
    out = {k: d[k] for k in order if k in d}
    out.update({k: v for k, v in d.items() if k not in out})
    return out


def _go_order_job_spec(spec: dict) -> dict:
    spec = _ordered(spec, _ORDER["job"])
    tpl = spec.get("template")
    if isinstance(tpl, dict):
        tmd = _ordered(tpl.get("metadata") or {}, _ORDER["meta"])
        tmd.setdefault("creationTimestamp", None)
        tmd = _ordered(tmd, _ORDER["meta"])
        ps = _ordered(tpl.get("spec") or {}, _ORDER["podspec"])
        for key in ("initContainers", "containers"):
            if isinstance(ps.get(key), list):
                ps[key] = [_ordered(c, _ORDER["container"]) for c in ps[key]]
        spec["template"] = {"metadata": tmd, "spec": ps}
    return spec


def register(create: click.Group) -> None:
    """Add job and cronjob to the create group."""
    @create.command("job", context_settings=CTX)
    @click.argument("args", nargs=-1, type=click.UNPROCESSED)
    @click.option("--image", default="", help="Image name to run.")
    @click.option("--from", "from_", default="", help="The name of the resource to create a Job from (only cronjob is supported).")
    @common_options
    def create_job(args: tuple[str, ...], image: str, from_: str, dry_run: str | None, output: str | None,
                   save_config: bool, **_: Any) -> None:
        """Create a job with the specified name.

        \b
        Examples:
          # Create a job
          pykubectl create job my-job --image=busybox
        \b
          # Create a job with a command
          pykubectl create job my-job --image=busybox -- date
        \b
          # Create a job from a cron job named "a-cronjob"
          pykubectl create job test-job --from=cronjob/a-cronjob
        """
        name = one_name(tuple(args))
        command = list(args[1:])
        env = common.env_of()
        if bool(image) == bool(from_):
            raise errors.ClientError("error: either --image or --from must be specified")
        if command and from_:
            raise errors.ClientError("error: cannot specify --from and command")
        if image:
            obj = {"kind": "Job", "apiVersion": "batch/v1", "metadata": meta(name, env),
                   "spec": {"template": {"metadata": {"creationTimestamp": None},
                                         "spec": {"containers": [_container(name, image, command)],
                                                  "restartPolicy": "Never"}}},
                   "status": {}}
            emit(env, obj, dry_run, output, save_config)
            return
        obj = _job_from(env, name, from_)
        emit(env, obj, dry_run, output, save_config)

    @create.command("cronjob", context_settings=CTX)
    @click.argument("args", nargs=-1, type=click.UNPROCESSED)
    @click.option("--image", default="", help="Image name to run.")
    @click.option("--schedule", default="", help="A schedule in the Cron format the job should be run with.")
    @click.option("--restart", default="", help="job's restart policy. supported values: OnFailure, Never")
    @common_options
    def create_cronjob(args: tuple[str, ...], image: str, schedule: str, restart: str, dry_run: str | None,
                       output: str | None, save_config: bool, **_: Any) -> None:
        """Create a cron job with the specified name.

        \b
        Examples:
          # Create a cron job
          pykubectl create cronjob my-job --image=busybox --schedule="*/1 * * * *"
        \b
          # Create a cron job with a command
          pykubectl create cronjob my-job --image=busybox --schedule="*/1 * * * *" -- date
        """
        required(image, "image", (schedule, "schedule"))
        name = one_name(tuple(args))
        command = list(args[1:])
        env = common.env_of()
        obj = {"kind": "CronJob", "apiVersion": "batch/v1", "metadata": meta(name, env),
               "spec": {"schedule": schedule,
                        "jobTemplate": {"metadata": _jt_meta(name, env),
                                        "spec": {"template": {"metadata": {"creationTimestamp": None},
                                                              "spec": {"containers": [_container(name, image, command)],
                                                                       "restartPolicy": restart or "OnFailure"}}}}},
               "status": {}}
        emit(env, obj, dry_run, output, save_config)
