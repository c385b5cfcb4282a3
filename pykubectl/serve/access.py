"""Who may do what, at the API: the authorization attributes of a request (RequestInfo's verb, resource,
subresource, name, namespace), the RBAC authorizer's verdict (apiserver/rbac.py) as the 403 Status the real server
sends, impersonation (Impersonate-User/-Group/-Uid, itself authorized), and the review resources kubectl's `auth`
commands create: SelfSubjectAccessReview (`auth can-i`), SelfSubjectRulesReview (`auth can-i --list`) and
SelfSubjectReview (`auth whoami`)."""

from __future__ import annotations

from typing import Any, Callable

from .. import errors
from ..apiserver import rbac


class Forbidden(errors.ServerError):
    reason = "Forbidden"

    def __init__(self, message: str, details: dict):
        super().__init__(message)
        self.details = details


def attributes(req: Any, kind: Any, ns: str | None, name: str | None, sub: str | None) -> rbac.Request:
    """RequestInfo's attributes of a resource request."""
    m = req.method
    if m == "GET" or m == "HEAD":
        if req.query.get("watch") not in (None, "", "0", "false"):
            verb = "watch"
        else:
            verb = "get" if name else "list"
    elif m == "POST":
        verb = "create"
    elif m == "PUT":
        verb = "update"
    elif m == "PATCH":
        verb = "patch"
    elif m == "DELETE":
        verb = "delete" if name else "deletecollection"
    else:
        verb = m.lower()
    if verb in ("list", "watch") and name is None:
        # GET …?fieldSelector=metadata.name=NAME names the object too (RequestInfo reads it for list and watch).
        sel = req.query.get("fieldSelector") or ""
        for term in sel.split(","):
            if term.startswith("metadata.name="):
                name = term[len("metadata.name="):]
    return rbac.Request(verb, kind.plural, kind.group, sub or "", name or "", ns or "")


def authorize(api: Any, user: rbac.User, attrs: rbac.Request) -> None:
    if rbac.MASTERS in user.groups:
        return
    with api.store.read() as tx:
        decision = rbac.authorize(tx, user, attrs)
    if not decision.allowed:
        raise forbidden(user, attrs, decision.reason)


def forbidden(user: rbac.User, attrs: rbac.Request, reason: str = "") -> Forbidden:
    details: dict[str, Any] = {}
    if attrs.is_resource:
        if attrs.name:
            details["name"] = attrs.name
        if attrs.group:
            details["group"] = attrs.group
        details["kind"] = attrs.resource
    return Forbidden(rbac.forbidden_message(user, attrs, reason), details)


def impersonate(api: Any, user: rbac.User, wanted: tuple[str, tuple[str, ...], str]) -> rbac.User:
    """The impersonation filter: the requester must be allowed to impersonate each of the user (or service
    account), its groups and its uid; the request then runs as that user."""
    name, groups, uid = wanted
    if not name:
        raise errors.BadRequest("requested Impersonate-Group without Impersonate-User")  # derived; recordings wanted
    checks = []
    if name.startswith("system:serviceaccount:") and name.count(":") == 3:
        _, _, ns, sa = name.split(":")
        checks.append(rbac.Request("impersonate", "serviceaccounts", "", "", sa, ns))
    else:
        checks.append(rbac.Request("impersonate", "users", "", "", name))
    checks += [rbac.Request("impersonate", "groups", "", "", g) for g in groups]
    if uid:
        checks.append(rbac.Request("impersonate", "uids", "authentication.k8s.io", "", uid))
    for attrs in checks:
        authorize(api, user, attrs)
    return rbac.impersonated(name, groups, uid)


def _body(api: Any, req: Any) -> dict:
    body = api._body(req)
    if not isinstance(body, dict):
        raise errors.BadRequest("the body of the request was in an unknown format - accepted media types include: "
                                "application/json, application/yaml")
    return body


def _user(req: Any) -> rbac.User:
    from ..apiserver.authn import ADMIN

    return req.user if req.user is not None else ADMIN


def self_subject_access_review(api: Any, req: Any, kind: Any) -> Any:
    from .api import _json

    spec = _body(api, req).get("spec") or {}
    with api.store.read() as tx:
        status = rbac.review_access(tx, _user(req), spec)
    return _json({"kind": kind.kind, "apiVersion": kind.api_version,
                  "metadata": {"creationTimestamp": None}, "spec": spec, "status": status}, 201)


def self_subject_rules_review(api: Any, req: Any, kind: Any) -> Any:
    from .api import _json

    spec = _body(api, req).get("spec") or {}
    with api.store.read() as tx:
        status = rbac.review_rules(tx, _user(req), spec.get("namespace") or "")
    return _json({"kind": kind.kind, "apiVersion": kind.api_version, "metadata": {"creationTimestamp": None},
                  "spec": spec, "status": status}, 201)


def self_subject_review(api: Any, req: Any, kind: Any) -> Any:
    from .api import _json

    return _json({"kind": kind.kind, "apiVersion": kind.api_version, "metadata": {"creationTimestamp": None},
                  "status": {"userInfo": _user(req).user_info()}}, 201)


def token_request(api: Any, req: Any, ns: str, name: str) -> Any:
    """serviceaccounts/NAME/token (`kubectl create token`)."""
    from ..apiserver import authn
    from .api import _json

    body = _body(api, req) if req.body else {}
    with api.store.transaction() as tx:
        sa = tx.must_get("", "ServiceAccount", ns, name)
        out = authn.token_request(tx, sa, body.get("spec") or {})
    return _json(out, 201)


REVIEWS: dict[tuple[str, str], Callable[[Any, Any, Any], Any]] = {
    ("authorization.k8s.io", "SelfSubjectAccessReview"): self_subject_access_review,
    ("authorization.k8s.io", "SelfSubjectRulesReview"): self_subject_rules_review,
    ("authentication.k8s.io", "SelfSubjectReview"): self_subject_review,
}
