"""rbac.authorization.k8s.io: Role, ClusterRole, RoleBinding, ClusterRoleBinding (pkg/apis/rbac/validation)."""

from __future__ import annotations

from typing import Any

from pykubectl.api.validation import (
    FieldError, GoRepr, Obj, _as_selector, _dict, _list, go_string_slice, invalid, is_valid_path_segment_name,
    name_is_dns_subdomain, not_supported, required, validate_label_selector,
)

GROUP = "rbac.authorization.k8s.io"


def _rbac_name(name: str, prefix: bool) -> list[str]:
    return is_valid_path_segment_name(name)


def _validate_rule(rule: Obj, namespaced: bool, path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    if not _list(rule.get("verbs")):
        errs.append(required(f"{path}.verbs", "verbs must contain at least one value"))
    urls = rule.get("nonResourceURLs")
    if _list(urls):
        value = GoRepr(go_string_slice(urls))
        if namespaced:
            errs.append(invalid(f"{path}.nonResourceURLs", value, "namespaced rules cannot apply to non-resource URLs"))
        if _list(rule.get("apiGroups")) or _list(rule.get("resources")) or _list(rule.get("resourceNames")):
            errs.append(invalid(f"{path}.nonResourceURLs", value,
                                "rules cannot apply to both regular resources and non-resource URLs"))
        return errs
    if not _list(rule.get("apiGroups")):
        errs.append(required(f"{path}.apiGroups", "resource rules must supply at least one api group"))
    if not _list(rule.get("resources")):
        errs.append(required(f"{path}.resources", "resource rules must supply at least one resource"))
    return errs


def _validate_role(obj: Obj) -> list[FieldError]:
    errs: list[FieldError] = []
    for i, rule in enumerate(_list(obj.get("rules"))):
        errs += _validate_rule(_dict(rule), True, f"rules[{i}]")
    return errs


def _validate_cluster_role(obj: Obj) -> list[FieldError]:
    errs: list[FieldError] = []
    for i, rule in enumerate(_list(obj.get("rules"))):
        errs += _validate_rule(_dict(rule), False, f"rules[{i}]")
    agg = obj.get("aggregationRule")
    if isinstance(agg, dict):
        selectors = _list(agg.get("clusterRoleSelectors"))
        if not selectors:
            errs.append(required("aggregationRule.clusterRoleSelectors",
                                 "at least one clusterRoleSelector required if aggregationRule is non-nil"))
        for i, sel in enumerate(selectors):
            p = f"aggregationRule.clusterRoleSelectors[{i}]"
            errs += validate_label_selector(sel, p)
            if _as_selector(sel) is None:
                errs.append(invalid(p, "null", "invalid label selector."))
    return errs


def _validate_subject(s: Obj, namespaced: bool, path: str) -> list[FieldError]:
    errs: list[FieldError] = []
    name = str(s.get("name") or "")
    if not name:
        errs.append(required(f"{path}.name"))
    kind = s.get("kind") or ""
    group = s.get("apiGroup") or ""
    if kind == "ServiceAccount":
        if name:
            errs += [invalid(f"{path}.name", name, m) for m in name_is_dns_subdomain(name, False)]
        if group:
            errs.append(not_supported(f"{path}.apiGroup", group, [""]))
        if not namespaced and not s.get("namespace"):
            errs.append(required(f"{path}.namespace"))
    elif kind in ("User", "Group"):
        if group != GROUP:
            errs.append(not_supported(f"{path}.apiGroup", group, [GROUP]))
    else:
        errs.append(not_supported(f"{path}.kind", kind, ["ServiceAccount", "User", "Group"]))
    return errs


def _validate_binding(obj: Obj, cluster: bool) -> list[FieldError]:
    errs: list[FieldError] = []
    ref = _dict(obj.get("roleRef"))
    group = ref.get("apiGroup") or ""
    if group != GROUP:
        errs.append(not_supported("roleRef.apiGroup", group, [GROUP]))
    kind = ref.get("kind") or ""
    allowed = ["ClusterRole"] if cluster else ["Role", "ClusterRole"]
    if kind not in allowed:
        errs.append(not_supported("roleRef.kind", kind, allowed))
    name = str(ref.get("name") or "")
    if not name:
        errs.append(required("roleRef.name"))
    else:
        errs += [invalid("roleRef.name", name, m) for m in is_valid_path_segment_name(name)]
    for i, s in enumerate(_list(obj.get("subjects"))):
        errs += _validate_subject(_dict(s), not cluster, f"subjects[{i}]")
    return errs


def _go_role_ref(ref: Any) -> GoRepr:
    ref = _dict(ref)
    return GoRepr(f'rbac.RoleRef{{APIGroup:"{ref.get("apiGroup") or ""}", Kind:"{ref.get("kind") or ""}", '
                  f'Name:"{ref.get("name") or ""}"}}')


def _binding_update(cluster: bool) -> Any:
    def check(new: Obj, old: Obj) -> list[FieldError]:
        errs = _validate_binding(new, cluster)
        if _dict(new.get("roleRef")) != _dict(old.get("roleRef")):
            errs.append(invalid("roleRef", _go_role_ref(new.get("roleRef")), "cannot change roleRef"))
        return errs

    return check


CREATE = {
    (GROUP, "Role"): (True, _rbac_name, _validate_role),
    (GROUP, "ClusterRole"): (False, _rbac_name, _validate_cluster_role),
    (GROUP, "RoleBinding"): (True, _rbac_name, lambda o: _validate_binding(o, False)),
    (GROUP, "ClusterRoleBinding"): (False, _rbac_name, lambda o: _validate_binding(o, True)),
}
UPDATE = {(GROUP, "RoleBinding"): _binding_update(False), (GROUP, "ClusterRoleBinding"): _binding_update(True)}
