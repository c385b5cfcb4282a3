"""The requests kubectl sends, over the in-process transport: each takes the connection's transaction (``tx``) and
returns the server's answer (an object) or raises its Status error (errors.ServerError: reason, code, causes).

kubectl's own work (three-way merge, last-applied, the resource builder, printers) stays in cli/; what a real
server does with a request (decoding, defaulting, admission, validation, storage, subresources) happens behind
these calls, in apiserver/."""

from __future__ import annotations

from typing import Any


def authorize(tx: Any, verb: str, kind: Any, namespace: str | None, name: str = "", subresource: str = "") -> None:
    """The API server's authorization of a request. The CLI's own user is the cluster's admin (system:masters,
    allowed everything); a command run with the global --as/--as-group flags is another user, whose requests the
    RBAC authorizer decides: Forbidden with the server's text when it denies."""
    env = tx.env
    if not env.as_user:
        return
    from .. import errors
    from ..apiserver import rbac

    user = rbac.impersonated(env.as_user, env.as_groups, env.as_uid)
    req = rbac.Request(verb, kind.plural, kind.group, subresource, name or "",
                       (namespace or "") if kind.namespaced else "")
    decision = rbac.authorize(tx, user, req)
    if not decision.allowed:
        raise errors.Forbidden(rbac.forbidden_message(user, req, decision.reason))


def _served(kind: Any, name: str = "") -> None:
    """A custom kind the client still maps (its discovery cache) after its CustomResourceDefinition was deleted:
    the server has no such resource (404), in kubectl's words for a get or a list."""
    from .. import errors
    from ..api import registry

    if kind.verbs is registry.CUSTOM_VERBS and registry.definition_for(kind.group, kind.kind) is None:
        resource = f"{kind.plural}.{kind.group}" if kind.group else kind.plural
        if name:
            raise errors.NotFound(f"the server could not find the requested resource (get {resource} {name})")
        gvr = f"{kind.group}/{kind.version}" if kind.group else kind.version
        raise errors.NotFound(f'Unable to list "{gvr}, Resource={kind.plural}": the server could not find the '
                              f"requested resource (get {resource})")


def _kind_of(obj: dict) -> Any:
    from ..api import registry

    group, _, _ = (obj.get("apiVersion") or "").rpartition("/")
    return registry.kind_for(group, obj.get("kind") or "")


def _authorize_object(tx: Any, verb: str, obj: dict, name: str = "", subresource: str = "") -> None:
    if tx.env.as_user:
        md = obj.get("metadata") or {}
        authorize(tx, verb, _kind_of(obj), md.get("namespace") or tx.env.namespace or "default", name, subresource)


def decode(obj: dict, kind: Any, field_validation: str = "strict") -> list[str]:
    """The body as the server's decoder reads it (fieldValidation strict, warn or ignore): BadRequest when it does
    not decode; the unknown-field warnings under "warn"."""
    from ..apiserver import pipeline

    return pipeline.decode(obj, kind, field_validation)


CHANGE_CAUSE = "kubernetes.io/change-cause"


def _record(tx: Any, obj: dict) -> None:
    """--record: the command line as the object's kubernetes.io/change-cause (kubectl's ChangeCauseRecorder)."""
    cause = getattr(tx.env, "change_cause", "")
    if cause and isinstance(obj.get("metadata"), dict):
        md = obj["metadata"]
        md["annotations"] = {**(md.get("annotations") or {}), CHANGE_CAUSE: cause}


def create(tx: Any, obj: dict, dry_run: bool = False, warnings: list[str] | None = None) -> dict:
    """POST: the created object (``warnings`` receives the server's Warning texts)."""
    from ..apiserver import pipeline

    _record(tx, obj)
    _authorize_object(tx, "create", obj)
    return pipeline.create(tx, obj, dry_run=dry_run, warnings=warnings)


def update(tx: Any, new: dict, old: dict, dry_run: bool = False, expect_rv: str | None = None,
           subresource: str = "") -> dict:
    """PUT of ``new`` over the stored ``old`` (``subresource`` "status" for the status subresource)."""
    from ..apiserver import pipeline

    if not subresource:
        _record(tx, new)
    _authorize_object(tx, "update", old, old.get("metadata", {}).get("name", ""), subresource)
    return pipeline.update(tx, new, old, dry_run=dry_run, expect_rv=expect_rv, subresource=subresource)


def replace(tx: Any, kind: Any, new: dict, live: dict, dry_run: str = "", decoded: bool = False) -> dict:
    """PUT of a whole object as kubectl replace/patch/edit send it (decoded, defaulted, the live status kept;
    ``dry_run`` "server" or "client")."""
    from ..apiserver import pipeline

    md = live.get("metadata") or {}
    authorize(tx, "update", kind, md.get("namespace"), md.get("name", ""))
    _record(tx, new)
    return pipeline.update_object(tx, kind, new, live, dry_run, decoded=decoded)


def delete(tx: Any, obj: dict, propagation: str = "Background") -> None:
    """DELETE of the stored ``obj`` with a propagationPolicy (Background, Foreground or Orphan)."""
    from ..apiserver import pipeline

    _authorize_object(tx, "delete", obj, obj.get("metadata", {}).get("name", ""))
    pipeline.delete_object(tx, obj, propagation)


def patch(live: dict, body: Any, patch_type: str) -> Any:
    """The server applying a PATCH body (json, merge or strategic) to ``live``: the patched object, or the Status
    error of a patch that does not apply."""
    from ..apiserver import pipeline

    return pipeline.apply_patch(live, body, patch_type)


def has_scale(obj: dict) -> bool:
    """Whether the object's kind serves the scale subresource (discovery)."""
    from ..apiserver import pipeline

    return pipeline.has_scale(obj)


def get_scale(obj: dict) -> dict:
    """GET of the scale subresource: the autoscaling/v1 Scale (NotFound without the subresource)."""
    from .. import errors
    from ..apiserver import pipeline

    if not pipeline.has_scale(obj):
        raise errors.NotFound("the server could not find the requested resource")
    return pipeline.scale_of(obj)


def set_replicas(obj: dict, replicas: int) -> None:
    """Set the replica count where the kind's scale subresource keeps it."""
    from ..apiserver import pipeline

    pipeline.set_replicas(obj, replicas)


def update_scale(tx: Any, obj: dict, replicas: int, dry_run: bool = False) -> dict:
    """PUT of the scale subresource: the object with its new replica count."""
    from ..apiserver import pipeline

    _authorize_object(tx, "patch", obj, obj.get("metadata", {}).get("name", ""), "scale")
    result = pipeline.update_scale(tx, obj, replicas, dry_run=dry_run)
    if getattr(tx.env, "change_cause", "") and not dry_run:
        # kubectl scale --record patches the change-cause onto the object after scaling it (a second request).
        import copy

        new = copy.deepcopy(result)
        _record(tx, new)
        result = pipeline.update(tx, new, result)
    return result


def patch_error(e: Exception, patch_type: str) -> Any:
    """The Status error the server answers a patch that cannot be applied with."""
    from ..apiserver import pipeline

    return pipeline.patch_error(e, patch_type)


def round_trip(v: Any, node: Any) -> Any:
    """What the server's typed round trip keeps of ``v`` (undeclared fields and empty optional lists dropped)."""
    from ..apiserver import pipeline

    return pipeline.prune_undeclared(v, node)


def decode_nulls(obj: dict) -> dict:
    """A JSON null in a typed field is the field left out, as the server decodes a body."""
    from ..apiserver import pipeline

    return pipeline.decode_nulls(obj)


def resource_name(group: str, kind: str) -> str:
    """The group-qualified resource the server names in its messages (``deployments.apps``)."""
    from ..store.store import group_resource

    return group_resource(group, kind)


def tracks_generation(group: str, kind: str) -> bool:
    """Whether the server keeps metadata.generation for the kind (built-in strategies; custom resources always)."""
    from ..api import registry
    from ..store.store import GENERATION_KINDS

    if (group, kind) in GENERATION_KINDS:
        return True
    try:
        return registry.kind_for(group, kind).verbs is registry.CUSTOM_VERBS
    except KeyError:
        return False


def get_object(tx: Any, kind: Any, namespace: str, name: str) -> dict | None:
    """GET of one object (None: not found)."""
    from ..apiserver.listing import get_one

    from ..apiserver.conversion import served_version

    authorize(tx, "get", kind, namespace, name)
    _served(kind, name)
    return served_version(kind, get_one(tx, kind, namespace, name))


def list_objects(tx: Any, kind: Any, namespace: str | None, selector: Any, field_selector: Any,
                 lazy: bool = False) -> Any:
    """LIST with label and field selectors (api/listquery.py); ``lazy``: an iterator to use within the read."""
    from ..apiserver.listing import list_matching

    from ..apiserver.conversion import served_version

    authorize(tx, "list", kind, namespace)
    _served(kind)
    objs = list_matching(tx, kind, namespace, selector, field_selector, lazy=lazy)
    if _stored_api_version(kind) == kind.api_version:
        return objs
    converted = (served_version(kind, o) for o in objs)
    return converted if lazy else list(converted)


def _stored_api_version(kind: Any) -> str:
    """The apiVersion objects of this kind are stored in (the kind's registered version)."""
    from ..api import registry

    try:
        return registry.kind_for(kind.group, kind.kind).api_version
    except KeyError:
        return kind.api_version


def list_pod_table_rows(tx: Any, kind: Any, namespace: str | None, selector: Any) -> Any:
    """LIST of pods (label selector only) for a table: printers.table.PodTableRows over the store's cursor."""
    from ..apiserver.listing import pod_table_rows

    authorize(tx, "list", kind, namespace)
    _served(kind)
    return pod_table_rows(tx, namespace, selector)


def server_side_apply(tx: Any, kind: Any, cfg: dict, manager: str, force: bool, dry_run: bool) -> dict:
    """PATCH application/apply-patch+yaml: the object created or merged (fieldmanager.ApplyConflict, a Conflict,
    when another manager owns a field the configuration changes)."""
    from ..apiserver import fieldmanager

    md = cfg.get("metadata") or {}
    authorize(tx, "patch", kind, md.get("namespace") or tx.env.namespace or "default", md.get("name", ""))
    return fieldmanager.apply_request(tx, kind, cfg, manager, force, dry_run)[0]



def update_approval(tx: Any, new: dict, old: dict, dry_run: bool = False) -> dict:
    """PUT .../certificatesigningrequests/NAME/approval: the CSR's conditions as ``new`` holds them."""
    from ..apiserver import certificates

    return certificates.update_approval(tx, new, old, dry_run=dry_run)


def update_ephemeral_containers(tx: Any, new: dict, old: dict, dry_run: bool = False) -> dict:
    """PATCH .../pods/NAME/ephemeralcontainers, as the patched pod ``new``: only its ephemeral containers count."""
    from ..apiserver import ephemeral

    return ephemeral.update(tx, new, old, dry_run=dry_run)


def container_log(tx: Any, pod: dict, container: str, previous: bool = False) -> list[str] | None:
    """GET .../pods/NAME/log?container=C: the simulated kubelet's log lines, or None when the container has not
    run (or, with ``previous``, has no earlier run)."""
    from ..controllers import podlogs

    return podlogs.container_log(tx, pod, container, previous)
