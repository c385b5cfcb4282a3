"""The RBAC authorizer: whether a user may do a request, from the cluster's Roles, ClusterRoles and their bindings,
as kube-apiserver's RBAC authorizer decides it (plugin/pkg/auth/authorizer/rbac), with the aggregation of
ClusterRoles (aggregationRule: the union of the rules of the ClusterRoles its selectors match) and the default
roles and bindings of the bootstrap policy (cluster-admin for the group system:masters; system:discovery,
system:basic-user and system:public-info-viewer for every authenticated user; admin, edit and view aggregated from
the system:aggregate-to-* roles). The defaults are those of a kubeadm cluster; a stored object of the same name
takes their place.

Used by `pykubectl serve` for every request and by `pykubectl auth can-i` (evaluated on the store's objects), so
both answer alike. The texts of a denial (forbidden_message) are the API server's
(endpoints/handlers/responsewriters: forbiddenMessage), derived from its source."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

MASTERS = "system:masters"
AUTHENTICATED = "system:authenticated"
UNAUTHENTICATED = "system:unauthenticated"
RBAC_GROUP = "rbac.authorization.k8s.io"


@dataclass(frozen=True)
class User:
    name: str
    groups: tuple[str, ...] = ()
    uid: str = ""
    extra: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def user_info(self) -> dict:
        """The UserInfo of a review's status (authentication.k8s.io/v1)."""
        out: dict[str, Any] = {"username": self.name}
        if self.uid:
            out["uid"] = self.uid
        if self.groups:
            out["groups"] = list(self.groups)
        if self.extra:
            out["extra"] = {k: list(v) for k, v in self.extra}
        return out


def service_account_user(namespace: str, name: str, uid: str = "",
                         extra: tuple[tuple[str, tuple[str, ...]], ...] = ()) -> User:
    """The user a ServiceAccount's token authenticates as (serviceaccount.UserInfo)."""
    return User(f"system:serviceaccount:{namespace}:{name}",
                ("system:serviceaccounts", f"system:serviceaccounts:{namespace}", AUTHENTICATED), uid, extra)


def impersonated(name: str, groups: Iterable[str] = (), uid: str = "") -> User:
    """The user an Impersonate-User header names: a service account's user gets its groups when none are given;
    every user but system:anonymous is in system:authenticated (the impersonation filter's rules)."""
    groups = list(groups)
    if name.startswith("system:serviceaccount:") and not groups:
        parts = name.split(":")
        if len(parts) == 4:
            groups = ["system:serviceaccounts", f"system:serviceaccounts:{parts[2]}"]
    if name != "system:anonymous" and AUTHENTICATED not in groups:
        groups.append(AUTHENTICATED)
    return User(name, tuple(groups), uid)


@dataclass(frozen=True)
class Request:
    """authorizer.Attributes: a resource request (verb on group/resource[/subresource] [name] [in namespace]) or a
    non-resource one (verb on path)."""
    verb: str
    resource: str = ""
    group: str = ""
    subresource: str = ""
    name: str = ""
    namespace: str = ""
    path: str = ""

    @property
    def is_resource(self) -> bool:
        return not self.path


@dataclass
class Decision:
    allowed: bool
    reason: str = ""  # the RBAC reason of a denial: errors met while resolving roles ("RBAC: …"), or ""
    evaluation_errors: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------------------------
# The bootstrap policy (derived from plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go, v1.32)

_RO = ["get", "list", "watch"]
_RW = ["create", "delete", "deletecollection", "patch", "update"]


def _rule(groups: list[str], resources: list[str], verbs: list[str]) -> dict:
    return {"verbs": verbs, "apiGroups": groups, "resources": resources}


def _role(name: str, rules: list[dict], labels: dict | None = None, aggregate: str | None = None) -> dict:
    md: dict[str, Any] = {"name": name,
                          "labels": {"kubernetes.io/bootstrapping": "rbac-defaults", **(labels or {})},
                          "annotations": {"rbac.authorization.kubernetes.io/autoupdate": "true"}}
    role: dict[str, Any] = {"apiVersion": f"{RBAC_GROUP}/v1", "kind": "ClusterRole", "metadata": md, "rules": rules}
    if aggregate:
        role["aggregationRule"] = {"clusterRoleSelectors": [
            {"matchLabels": {f"rbac.authorization.k8s.io/aggregate-to-{aggregate}": "true"}}]}
        role["rules"] = []
    return role


def _binding(name: str, role: str, groups: list[str]) -> dict:
    return {"apiVersion": f"{RBAC_GROUP}/v1", "kind": "ClusterRoleBinding",
            "metadata": {"name": name, "labels": {"kubernetes.io/bootstrapping": "rbac-defaults"},
                         "annotations": {"rbac.authorization.kubernetes.io/autoupdate": "true"}},
            "roleRef": {"apiGroup": RBAC_GROUP, "kind": "ClusterRole", "name": role},
            "subjects": [{"apiGroup": RBAC_GROUP, "kind": "Group", "name": g} for g in groups]}


_VIEW = [
    _rule([""], ["pods", "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services",
                 "services/status", "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status",
                 "configmaps"], _RO),
    _rule([""], ["limitranges", "resourcequotas", "bindings", "events", "pods/status", "resourcequotas/status",
                 "namespaces/status", "replicationcontrollers/status", "pods/log"], _RO),
    _rule([""], ["namespaces"], _RO),
    _rule(["discovery.k8s.io"], ["endpointslices"], _RO),
    _rule(["apps"], ["controllerrevisions", "statefulsets", "statefulsets/scale", "statefulsets/status",
                     "daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status",
                     "replicasets", "replicasets/scale", "replicasets/status"], _RO),
    _rule(["autoscaling"], ["horizontalpodautoscalers", "horizontalpodautoscalers/status"], _RO),
    _rule(["batch"], ["cronjobs", "cronjobs/status", "jobs", "jobs/status"], _RO),
    _rule(["extensions"], ["daemonsets", "daemonsets/status", "deployments", "deployments/scale",
                           "deployments/status", "ingresses", "ingresses/status", "networkpolicies", "replicasets",
                           "replicasets/scale", "replicasets/status", "replicationcontrollers/scale"], _RO),
    _rule(["policy"], ["poddisruptionbudgets", "poddisruptionbudgets/status"], _RO),
    _rule(["networking.k8s.io"], ["ingresses", "ingresses/status", "networkpolicies"], _RO),
]
_EDIT = [
    _rule([""], ["pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "secrets", "services/proxy"], _RO),
    _rule([""], ["serviceaccounts"], ["impersonate"]),
    _rule([""], ["pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy"], _RW),
    _rule([""], ["pods/eviction"], ["create"]),
    _rule([""], ["configmaps", "events", "persistentvolumeclaims", "replicationcontrollers",
                 "replicationcontrollers/scale", "secrets", "serviceaccounts", "services", "services/proxy"], _RW),
    _rule([""], ["serviceaccounts/token"], ["create"]),
    _rule(["apps"], ["daemonsets", "deployments", "deployments/rollback", "deployments/scale", "replicasets",
                     "replicasets/scale", "statefulsets", "statefulsets/scale"], _RW),
    _rule(["autoscaling"], ["horizontalpodautoscalers"], _RW),
    _rule(["batch"], ["cronjobs", "jobs"], _RW),
    _rule(["extensions"], ["daemonsets", "deployments", "deployments/rollback", "deployments/scale", "ingresses",
                           "networkpolicies", "replicasets", "replicasets/scale", "replicationcontrollers/scale"],
          _RW),
    _rule(["policy"], ["poddisruptionbudgets"], _RW),
    _rule(["networking.k8s.io"], ["ingresses", "networkpolicies"], _RW),
    _rule(["coordination.k8s.io"], ["leases"], _RO + _RW),
]
_ADMIN = [
    _rule(["authorization.k8s.io"], ["localsubjectaccessreviews"], ["create"]),
    _rule([RBAC_GROUP], ["rolebindings", "roles"], _RO + _RW),
]
_AGG = "rbac.authorization.k8s.io/aggregate-to-"

BOOTSTRAP_CLUSTER_ROLES: dict[str, dict] = {r["metadata"]["name"]: r for r in [
    _role("cluster-admin", [_rule(["*"], ["*"], ["*"]), {"verbs": ["*"], "nonResourceURLs": ["*"]}]),
    _role("admin", [], aggregate="admin"),
    _role("edit", [], {f"{_AGG}admin": "true"}, aggregate="edit"),
    _role("view", [], {f"{_AGG}edit": "true"}, aggregate="view"),
    _role("system:aggregate-to-admin", _ADMIN, {f"{_AGG}admin": "true"}),
    _role("system:aggregate-to-edit", _EDIT, {f"{_AGG}edit": "true"}),
    _role("system:aggregate-to-view", _VIEW, {f"{_AGG}view": "true"}),
    _role("system:discovery", [{"verbs": ["get"], "nonResourceURLs": [
        "/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version",
        "/version/"]}]),
    _role("system:public-info-viewer", [{"verbs": ["get"], "nonResourceURLs": [
        "/healthz", "/livez", "/readyz", "/version", "/version/"]}]),
    _role("system:basic-user", [
        _rule(["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"], ["create"]),
        _rule(["authentication.k8s.io"], ["selfsubjectreviews"], ["create"])]),
]}
BOOTSTRAP_CLUSTER_ROLE_BINDINGS: dict[str, dict] = {b["metadata"]["name"]: b for b in [
    _binding("cluster-admin", "cluster-admin", [MASTERS]),
    _binding("system:discovery", "system:discovery", [AUTHENTICATED]),
    _binding("system:basic-user", "system:basic-user", [AUTHENTICATED]),
    _binding("system:public-info-viewer", "system:public-info-viewer", [AUTHENTICATED, UNAUTHENTICATED]),
]}


# ---------------------------------------------------------------------------------------------------------------
# Evaluation

class Policy:
    """The roles and bindings of one read of the store (the bootstrap defaults under the stored objects)."""

    def __init__(self, tx: Any):
        self.tx = tx
        self._cluster_roles: dict[str, dict] | None = None

    def cluster_roles(self) -> dict[str, dict]:
        if self._cluster_roles is None:
            roles = dict(BOOTSTRAP_CLUSTER_ROLES)
            for r in self.tx.list(RBAC_GROUP, "ClusterRole", None):
                roles[r["metadata"]["name"]] = r
            self._cluster_roles = roles
        return self._cluster_roles

    def cluster_role_bindings(self) -> list[dict]:
        found = dict(BOOTSTRAP_CLUSTER_ROLE_BINDINGS)
        for b in self.tx.list(RBAC_GROUP, "ClusterRoleBinding", None):
            found[b["metadata"]["name"]] = b
        return list(found.values())

    def role_bindings(self, namespace: str) -> list[dict]:
        return self.tx.list(RBAC_GROUP, "RoleBinding", namespace)

    def rules_of(self, ref: dict, namespace: str) -> tuple[list[dict], str | None]:
        """The rules a roleRef grants, or the error of a role that is not there."""
        kind, name = ref.get("kind"), ref.get("name", "")
        if kind == "Role":
            role = self.tx.get(RBAC_GROUP, "Role", namespace, name)
            if role is None:
                return [], f'role.{RBAC_GROUP} "{name}" not found'
            return list(role.get("rules") or []), None
        role = self.cluster_roles().get(name)
        if role is None:
            return [], f'clusterrole.{RBAC_GROUP} "{name}" not found'
        return self.aggregated_rules(role), None

    def aggregated_rules(self, role: dict) -> list[dict]:
        agg = role.get("aggregationRule")
        if not agg:
            return list(role.get("rules") or [])
        from ..api import selectors

        rules: list[dict] = []
        me = role["metadata"]["name"]
        for sel in agg.get("clusterRoleSelectors") or []:
            for name, other in sorted(self.cluster_roles().items()):
                if name != me and selectors.matches(sel, (other.get("metadata") or {}).get("labels") or {}):
                    for r in other.get("rules") or []:
                        if r not in rules:
                            rules.append(r)
        return rules

    def visit(self, user: User, namespace: str) -> Iterable[tuple[list[dict], str | None]]:
        """The rules of each binding that names the user: cluster-wide ones, then those of the namespace."""
        for b in self.cluster_role_bindings():
            if _binds(b, user, ""):
                yield self.rules_of(b.get("roleRef") or {}, "")
        if namespace:
            for b in self.role_bindings(namespace):
                if _binds(b, user, namespace):
                    yield self.rules_of(b.get("roleRef") or {}, namespace)


def authorize(tx: Any, user: User, req: Request, policy: Policy | None = None) -> Decision:
    if MASTERS in user.groups:
        return Decision(True)
    policy = policy or Policy(tx)
    errs: list[str] = []
    for rules, err in policy.visit(user, req.namespace if req.is_resource else ""):
        if err:
            errs.append(err)
            continue
        if any(rule_allows(r, req) for r in rules):
            return Decision(True)
    reason = ""
    if errs:
        reason = "RBAC: " + (errs[0] if len(errs) == 1 else "[" + ", ".join(errs) + "]")
    return Decision(False, reason, errs)


def review_access(tx: Any, user: User, spec: dict) -> dict:
    """A SelfSubjectAccessReview's status for its spec (`kubectl auth can-i`)."""
    ra, nra = spec.get("resourceAttributes"), spec.get("nonResourceAttributes")
    if ra:
        attrs = Request(ra.get("verb", ""), ra.get("resource", ""), ra.get("group", ""), ra.get("subresource", ""),
                        ra.get("name", ""), ra.get("namespace", ""))
    elif nra:
        attrs = Request(nra.get("verb", ""), path=nra.get("path", "") or "/")
    else:
        from .. import errors

        # Derived from pkg/apis/authorization/validation; recordings wanted.
        raise errors.Invalid("SelfSubjectAccessReview", "", [errors.FieldError(
            "spec.resourceAttributes", "Invalid value", "exactly one of nonResourceAttributes or "
            "resourceAttributes must be specified", "null", True)])
    decision = authorize(tx, user, attrs)
    status: dict[str, Any] = {"allowed": decision.allowed}
    if decision.reason:
        status["reason"] = decision.reason
    if decision.evaluation_errors:
        status["evaluationError"] = "; ".join(decision.evaluation_errors)
    return status


def review_rules(tx: Any, user: User, namespace: str) -> dict:
    """A SelfSubjectRulesReview's status (`kubectl auth can-i --list`)."""
    res, nonres, errs = rules_for(tx, user, namespace)
    status: dict[str, Any] = {"resourceRules": res, "nonResourceRules": nonres, "incomplete": bool(errs)}
    if errs:
        status["evaluationError"] = "; ".join(errs)
    return status


def rules_for(tx: Any, user: User, namespace: str) -> tuple[list[dict], list[dict], list[str]]:
    """What SelfSubjectRulesReview reports: (resource rules, non-resource rules, evaluation errors)."""
    rules: list[dict] = []
    errs: list[str] = []
    for found, err in Policy(tx).visit(user, namespace):
        if err:
            errs.append(err)
        rules.extend(found)
    res = [{k: r[k] for k in ("verbs", "apiGroups", "resources", "resourceNames") if r.get(k)}
           for r in rules if r.get("resources")]
    nonres = [{"verbs": r["verbs"], "nonResourceURLs": r["nonResourceURLs"]} for r in rules
              if r.get("nonResourceURLs")]
    for r in res:
        r.setdefault("apiGroups", [])
    return res, nonres, errs


def _binds(binding: dict, user: User, namespace: str) -> bool:
    for s in binding.get("subjects") or []:
        kind, name = s.get("kind"), s.get("name", "")
        if kind == "User" and name == user.name:
            return True
        if kind == "Group" and name in user.groups:
            return True
        if kind == "ServiceAccount":
            ns = s.get("namespace") or namespace
            if user.name == f"system:serviceaccount:{ns}:{name}":
                return True
    return False


def rule_allows(rule: dict, req: Request) -> bool:
    if not _has(rule.get("verbs"), req.verb):
        return False
    if not req.is_resource:
        return any(u == "*" or u == req.path or (u.endswith("*") and req.path.startswith(u[:-1]))
                   for u in rule.get("nonResourceURLs") or [])
    if not _has(rule.get("apiGroups"), req.group):
        return False
    resources = rule.get("resources") or []
    combined = f"{req.resource}/{req.subresource}" if req.subresource else req.resource
    if not any(r == "*" or r == combined or (req.subresource and r == f"*/{req.subresource}") for r in resources):
        return False
    names = rule.get("resourceNames") or []
    return not names or req.name in names


def _has(values: Any, want: str) -> bool:
    values = values or []
    return "*" in values or want in values


def forbidden_message(user: User, req: Request, reason: str = "") -> str:
    """responsewriters.forbiddenMessage, then ": reason" when the authorizer gave one."""
    if not req.is_resource:
        msg = f'forbidden: User "{user.name}" cannot {req.verb} path "{req.path}"'
    else:
        resource = f"{req.resource}/{req.subresource}" if req.subresource else req.resource
        named = f'{req.resource} "{req.name}"' if req.name else req.resource
        where = f'in the namespace "{req.namespace}"' if req.namespace else "at the cluster scope"
        qualified = f"{named[:len(req.resource)]}.{req.group}{named[len(req.resource):]}" if req.group else named
        msg = (f'{qualified} is forbidden: User "{user.name}" cannot {req.verb} resource "{resource}" in API group '
               f'"{req.group}" {where}')
    return f"{msg}: {reason}" if reason else msg
