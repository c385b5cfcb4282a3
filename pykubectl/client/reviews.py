"""The access reviews kubectl's `auth` commands send: SelfSubjectAccessReview (can-i), SelfSubjectRulesReview
(can-i --list) and the user they are asked for (the CLI's admin, or the one impersonated with --as/--as-group)."""

from __future__ import annotations

from typing import Any


def impersonated(user: str, groups: tuple[str, ...]) -> Any:
    from ..apiserver import rbac

    return rbac.impersonated(user, groups)


def admin(credential_id: str) -> Any:
    """The cluster admin as the CLI's credentials authenticate it (``credential_id``: the certificate's hash)."""
    from ..apiserver import authn, rbac

    return rbac.User(authn.ADMIN.name, authn.ADMIN.groups, "",
                     (("authentication.kubernetes.io/credential-id", (f"X509SHA256={credential_id}",)),))


def access(tx: Any, user: Any, spec: dict) -> dict:
    """A SelfSubjectAccessReview's status for ``spec`` (resourceAttributes or nonResourceAttributes)."""
    from ..apiserver import rbac

    return rbac.review_access(tx, user, spec)


def rules(tx: Any, user: Any, namespace: str) -> dict:
    """A SelfSubjectRulesReview's status in ``namespace``."""
    from ..apiserver import rbac

    return rbac.review_rules(tx, user, namespace)
