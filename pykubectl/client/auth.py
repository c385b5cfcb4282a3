"""The authentication and authorization requests of kubectl's `auth can-i`, `auth whoami` and `create token`
(SelfSubjectAccessReview, SelfSubjectRulesReview, SelfSubjectReview, TokenRequest), over the in-process transport:
answered by the server's code (apiserver/rbac.py, apiserver/authn.py) on the connection's transaction."""

from __future__ import annotations

from typing import Any


def admin() -> Any:
    """The user the CLI is: the cluster's admin (kubernetes-admin, in system:masters)."""
    from ..apiserver import authn

    return authn.ADMIN


def user(name: str, groups: tuple[str, ...], uid: str = "", extra: tuple = ()) -> Any:
    from ..apiserver import rbac

    return rbac.User(name, groups, uid, extra)


def impersonated(name: str, groups: tuple[str, ...]) -> Any:
    """The user --as/--as-group name (the impersonation filter's groups)."""
    from ..apiserver import rbac

    return rbac.impersonated(name, groups)


def access_review(tx: Any, as_user: Any, spec: dict) -> dict:
    from ..apiserver import rbac

    return rbac.review_access(tx, as_user, spec)


def rules_review(tx: Any, as_user: Any, namespace: str) -> dict:
    from ..apiserver import rbac

    return rbac.review_rules(tx, as_user, namespace)


def token_request(tx: Any, namespace: str, name: str, spec: dict) -> dict:
    """serviceaccounts/NAME/token: the TokenRequest answered (NotFound when the account does not exist)."""
    from ..apiserver import authn

    return authn.token_request(tx, tx.must_get("", "ServiceAccount", namespace, name), spec)
