"""create role|clusterrole|rolebinding|clusterrolebinding: the object kubectl's generator builds from flags."""

from __future__ import annotations

from typing import Any, Callable

import click

from ... import errors
from .. import common
from . import CTX, _kv_list, common_options, emit, meta, one_name, required

_VALID_VERBS = ("*", "get", "delete", "list", "create", "update", "patch", "watch", "proxy", "deletecollection",
                "use", "bind", "escalate", "impersonate", "approve", "sign")


# Verbs that only make sense on some resources (group, resource), as kubectl's specialVerbs.
_SPECIAL_VERBS = {
    "use": [("policy", "podsecuritypolicies"), ("extensions", "podsecuritypolicies")],
    "bind": [("rbac.authorization.k8s.io", "roles"), ("rbac.authorization.k8s.io", "clusterroles")],
    "escalate": [("rbac.authorization.k8s.io", "roles"), ("rbac.authorization.k8s.io", "clusterroles")],
    "impersonate": [("", "users"), ("", "serviceaccounts"), ("", "groups"), ("authentication.k8s.io", "userextras"),
                    ("authentication.k8s.io", "uids")],
}


def _policy_rules(env: Any, verbs_in: tuple[str, ...], resources_in: tuple[str, ...], names: tuple[str, ...],
                  urls: tuple[str, ...], cluster: bool) -> list[dict]:
    from ...api import registry

    verbs: list[str] = []
    for v in [x for s in verbs_in for x in s.split(",") if x]:
        if v == "*":
            verbs = ["*"]
            break
        if v not in verbs:
            verbs.append(v)
    res_specs = [x for s in resources_in for x in s.split(",") if x]
    names_l = [x for s in names for x in s.split(",") if x]
    urls_l = [x for s in urls for x in s.split(",") if x]
    if not verbs:
        raise errors.ClientError("error: at least one verb must be specified")
    if not cluster and not res_specs:
        raise errors.ClientError("error: at least one resource must be specified")
    if cluster and not res_specs and not urls_l:
        raise errors.ClientError("error: one of resource or nonResourceURL must be specified")
    for v in verbs:
        if v not in _VALID_VERBS:
            common.err(env, f"Warning: '{v}' is not a standard resource verb")
    parsed = []
    for r in res_specs:
        base, _, sub = r.partition("/")
        resource, _, group = base.partition(".")
        if resource == "*":
            parsed.append(("*", group, sub))
            continue
        try:
            k = registry.resolve(base if group else resource)
            if not group or k.group == group:
                resource, group = k.plural, k.group
            else:
                raise errors.ResourceTypeError(base)
        except errors.ResourceTypeError as e:
            raise errors.ClientError(str(e).removeprefix("error: ")) from None
        for v in verbs:
            allowed = _SPECIAL_VERBS.get(v)
            if allowed is not None and (group, resource) not in allowed:
                raise errors.ClientError(f"error: can not perform '{v}' on '{resource}' in group '{group}'")
        parsed.append((resource, group, sub))
    for u in urls_l:
        if not u.startswith("/"):
            raise errors.ClientError("error: nonResourceURL should start with /")
    by_group: dict[str, list[str]] = {}
    for resource, group, sub in parsed:
        name = f"{resource}/{sub}" if sub else resource
        lst = by_group.setdefault(group, [])
        if name not in lst:
            lst.append(name)
    rules = []
    for g in sorted(by_group):
        rule: dict = {"verbs": verbs, "apiGroups": [g], "resources": by_group[g]}
        if names_l:
            rule["resourceNames"] = names_l
        rules.append(rule)
    if urls_l:
        rules.append({"verbs": verbs, "nonResourceURLs": urls_l})
    return rules


def _subjects(users: tuple[str, ...], groups: tuple[str, ...], sas: tuple[str, ...]) -> list[dict]:
    out: list[dict] = []
    for u in [x for s in users for x in s.split(",") if x]:
        out.append({"kind": "User", "apiGroup": "rbac.authorization.k8s.io", "name": u})
    for g in [x for s in groups for x in s.split(",") if x]:
        out.append({"kind": "Group", "apiGroup": "rbac.authorization.k8s.io", "name": g})
    for sa in [x for s in sas for x in s.split(",") if x]:
        ns, sep, name = sa.partition(":")
        if not sep or not ns or not name or ":" in name:
            raise errors.ClientError("error: serviceaccount must be <namespace>:<name>")
        out.append({"kind": "ServiceAccount", "name": name, "namespace": ns})
    return out


def register(create: click.Group) -> None:
    """Add role|clusterrole|rolebinding|clusterrolebinding to the create group."""
    role_opts = [
        click.option("--verb", "verbs", multiple=True, help="Verb that applies to the resources contained in the rule"),
        click.option("--resource", "resources", multiple=True, help="Resource that the rule applies to"),
        click.option("--resource-name", "resource_names", multiple=True, help="Resource in the white list that the rule applies to, repeat this flag for multiple items"),
    ]

    def _with(opts: list[Callable[..., Any]]) -> Callable[..., Any]:
        def deco(f: Callable[..., Any]) -> Callable[..., Any]:
            for o in reversed(opts):
                f = o(f)
            return f
        return deco

    @create.command("role", context_settings=CTX)
    @click.argument("names", nargs=-1, metavar="NAME")
    @_with(role_opts)
    @common_options
    def create_role(names: tuple[str, ...], verbs: tuple[str, ...], resources: tuple[str, ...],
                    resource_names: tuple[str, ...], dry_run: str | None, output: str | None, save_config: bool,
                    **_: Any) -> None:
        """Create a role with single rule.

        \b
        Examples:
          # Create a role named "pod-reader" that allows user to perform "get", "watch" and "list" on pods
          pykubectl create role pod-reader --verb=get --verb=list --verb=watch --resource=pods
        \b
          # Create a role named "foo" with API Group specified
          pykubectl create role foo --verb=get,list,watch --resource=rs.apps
        """
        name = one_name(names)
        env = common.env_of()
        rules = _policy_rules(env, verbs, resources, resource_names, (), cluster=False)
        emit(env, {"kind": "Role", "apiVersion": "rbac.authorization.k8s.io/v1", "metadata": meta(name, env),
                   "rules": rules}, dry_run, output, save_config)

    @create.command("clusterrole", context_settings=CTX)
    @click.argument("names", nargs=-1, metavar="NAME")
    @_with(role_opts)
    @click.option("--non-resource-url", "urls", multiple=True, help="A partial url that user should have access to.")
    @click.option("--aggregation-rule", "aggregation", default="", help="An aggregation label selector for combining ClusterRoles.")
    @common_options
    def create_clusterrole(names: tuple[str, ...], verbs: tuple[str, ...], resources: tuple[str, ...],
                           resource_names: tuple[str, ...], urls: tuple[str, ...], aggregation: str,
                           dry_run: str | None, output: str | None, save_config: bool, **_: Any) -> None:
        """Create a cluster role.

        \b
        Examples:
          # Create a cluster role named "pod-reader" that allows user to perform "get", "watch" and "list" on pods
          pykubectl create clusterrole pod-reader --verb=get,list,watch --resource=pods
        \b
          # Create a cluster role named "foo" with NonResourceURL specified
          pykubectl create clusterrole "foo" --verb=get --non-resource-url=/logs/*
        \b
          # Create a cluster role name "monitoring" with AggregationRule specified
          pykubectl create clusterrole monitoring --aggregation-rule="rbac.example.com/aggregate-to-monitoring=true"
        """
        name = one_name(names)
        env = common.env_of()
        md = meta(name, env, namespaced=False)
        if aggregation:
            if verbs or resources or resource_names or urls:
                raise errors.ClientError("error: aggregation rule must be specified without nonResourceURLs, verbs, "
                                         "resources or resourceNames")
            sel = _kv_list(aggregation, "key")
            obj = {"kind": "ClusterRole", "apiVersion": "rbac.authorization.k8s.io/v1", "metadata": md,
                   "rules": None, "aggregationRule": {"clusterRoleSelectors": [{"matchLabels": sel}]}}
        else:
            if urls and resource_names:
                raise errors.ClientError("error: resource-name is not allowed with non-resource-url")
            rules = _policy_rules(env, verbs, resources, resource_names, urls, cluster=True)
            obj = {"kind": "ClusterRole", "apiVersion": "rbac.authorization.k8s.io/v1", "metadata": md,
                   "rules": rules}
        emit(env, obj, dry_run, output, save_config)

    binding_opts = [
        click.option("--clusterrole", default="", help="ClusterRole this binding should reference"),
        click.option("--user", "users", multiple=True, help="Usernames to bind to the role."),
        click.option("--group", "groups", multiple=True, help="Groups to bind to the role."),
        click.option("--serviceaccount", "serviceaccounts", multiple=True, help="Service accounts to bind to the role, in the format <namespace>:<name>."),
    ]

    @create.command("rolebinding", context_settings=CTX)
    @click.argument("names", nargs=-1, metavar="NAME")
    @_with(binding_opts)
    @click.option("--role", default="", help="Role this RoleBinding should reference")
    @common_options
    def create_rolebinding(names: tuple[str, ...], clusterrole: str, users: tuple[str, ...],
                           groups: tuple[str, ...], serviceaccounts: tuple[str, ...], role: str,
                           dry_run: str | None, output: str | None, save_config: bool, **_: Any) -> None:
        """Create a role binding for a particular role or cluster role.

        \b
        Examples:
          # Create a role binding for user1, user2, and group1 using the admin cluster role
          pykubectl create rolebinding admin --clusterrole=admin --user=user1 --user=user2 --group=group1
        \b
          # Create a role binding for service account monitoring:sa-dev using the admin role
          pykubectl create rolebinding admin-binding --role=admin --serviceaccount=monitoring:sa-dev
        """
        name = one_name(names)
        env = common.env_of()
        if bool(role) == bool(clusterrole):
            raise errors.ClientError("error: exactly one of clusterrole or role must be specified")
        subjects = _subjects(users, groups, serviceaccounts)
        obj: dict = {"kind": "RoleBinding", "apiVersion": "rbac.authorization.k8s.io/v1", "metadata": meta(name, env)}
        if subjects:
            obj["subjects"] = subjects
        obj["roleRef"] = {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role" if role else "ClusterRole",
                          "name": role or clusterrole}
        emit(env, obj, dry_run, output, save_config)

    @create.command("clusterrolebinding", context_settings=CTX)
    @click.argument("names", nargs=-1, metavar="NAME")
    @_with(binding_opts)
    @common_options
    def create_clusterrolebinding(names: tuple[str, ...], clusterrole: str, users: tuple[str, ...],
                                  groups: tuple[str, ...], serviceaccounts: tuple[str, ...], dry_run: str | None,
                                  output: str | None, save_config: bool, **_: Any) -> None:
        """Create a cluster role binding for a particular cluster role.

        \b
        Examples:
          # Create a cluster role binding for user1, user2, and group1 using the cluster-admin cluster role
          pykubectl create clusterrolebinding cluster-admin --clusterrole=cluster-admin --user=user1 --user=user2 --group=group1
        """
        required(clusterrole, "clusterrole")
        name = one_name(names)
        env = common.env_of()
        subjects = _subjects(users, groups, serviceaccounts)
        obj: dict = {"kind": "ClusterRoleBinding", "apiVersion": "rbac.authorization.k8s.io/v1",
                     "metadata": meta(name, env, namespaced=False)}
        if subjects:
            obj["subjects"] = subjects
        obj["roleRef"] = {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": clusterrole}
        emit(env, obj, dry_run, output, save_config)
