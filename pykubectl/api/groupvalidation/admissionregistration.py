"""admissionregistration.k8s.io: ValidatingWebhookConfiguration and MutatingWebhookConfiguration
(pkg/apis/admissionregistration/validation, v1.32): webhook names, rules, policies, client configs and
AdmissionReview versions. matchConditions (CEL) are not checked here."""

from __future__ import annotations

from typing import Any

from pykubectl.api.validation import (
    FieldError, GoRepr, Obj, _dict, _int, _list, duplicate, go_string_slice, invalid, is_dns1035_label,
    is_dns1123_subdomain, name_is_dns_subdomain, not_supported, required, validate_label_selector,
)

GROUP = "admissionregistration.k8s.io"
_OPERATIONS = ["*", "CONNECT", "CREATE", "DELETE", "UPDATE"]
_SCOPES = ["*", "Cluster", "Namespaced"]
_FAILURE_POLICIES = ["Fail", "Ignore"]
_MATCH_POLICIES = ["Equivalent", "Exact"]
_SIDE_EFFECTS = ["None", "NoneOnDryRun"]  # what a create may name (requireNoSideEffects)
_REINVOCATION = ["IfNeeded", "Never"]


def _fully_qualified(name: str, path: str) -> list[FieldError]:
    """utilvalidation.IsFullyQualifiedName."""
    if not name:
        return [required(path)]
    msgs = is_dns1123_subdomain(name)
    if msgs:
        return [invalid(path, name, ",".join(msgs))]
    if len(name.split(".")) < 3:
        return [invalid(path, name, "should be a domain with at least three segments separated by dots")]
    return []


def _strings(values: list) -> GoRepr:
    return GoRepr(go_string_slice([str(v) for v in values]))


def _resources(resources: list, path: str) -> list[FieldError]:
    """validateResources (subresources allowed)."""
    errs: list[FieldError] = []
    if not resources:
        errs.append(required(path))
    wildcard_sub: set[str] = set()
    wildcard_res: set[str] = set()
    double = single = plain = False
    for i, rs in enumerate(resources):
        rs = str(rs)
        if not rs:
            errs.append(required(f"{path}[{i}]"))
            continue
        double = double or rs == "*/*"
        single = single or rs == "*"
        if "/" not in rs:
            plain = rs != "*"
            continue
        res, sub = rs.split("/", 1)
        if res in wildcard_sub:
            errs.append(invalid(f"{path}[{i}]", rs, f"if '{res}/*' is present, must not specify {rs}"))
        if sub in wildcard_res:
            errs.append(invalid(f"{path}[{i}]", rs, f"if '*/{sub}' is present, must not specify {rs}"))
        if sub == "*":
            wildcard_sub.add(res)
        if res == "*":
            wildcard_res.add(sub)
    if len(resources) > 1 and double:
        errs.append(invalid(path, _strings(resources), "if '*/*' is present, must not specify other resources"))
    if single and plain:
        errs.append(invalid(path, _strings(resources), "if '*' is present, must not specify other resources without "
                                                        "subresources"))
    return errs


def _rule(rule: Obj, path: str) -> list[FieldError]:
    """validateRuleWithOperations and validateRule."""
    errs: list[FieldError] = []
    ops = _list(rule.get("operations"))
    if not ops:
        errs.append(required(f"{path}.operations"))
    if len(ops) > 1 and "*" in ops:
        shown = GoRepr("[]admissionregistration.OperationType{" + ", ".join(f'"{o}"' for o in ops) + "}")
        errs.append(invalid(f"{path}.operations", shown, "if '*' is present, must not specify other operations"))
    for i, op in enumerate(ops):
        if op not in _OPERATIONS:
            errs.append(not_supported(f"{path}.operations[{i}]", op, _OPERATIONS))
    groups, versions = _list(rule.get("apiGroups")), _list(rule.get("apiVersions"))
    if not groups:
        errs.append(required(f"{path}.apiGroups"))
    if len(groups) > 1 and "*" in groups:
        errs.append(invalid(f"{path}.apiGroups", _strings(groups), "if '*' is present, must not specify other API "
                                                                   "groups"))
    if not versions:
        errs.append(required(f"{path}.apiVersions"))
    if len(versions) > 1 and "*" in versions:
        errs.append(invalid(f"{path}.apiVersions", _strings(versions), "if '*' is present, must not specify other "
                                                                       "API versions"))
    for i, v in enumerate(versions):
        if not v:
            errs.append(required(f"{path}.apiVersions[{i}]"))
    errs += _resources(_list(rule.get("resources")), f"{path}.resources")
    scope = rule.get("scope")
    if scope is not None and scope not in _SCOPES:
        errs.append(not_supported(f"{path}.scope", scope, _SCOPES))
    return errs


def _review_versions(versions: Any, path: str) -> list[FieldError]:
    """validateAdmissionReviewVersions (a recognized version is required)."""
    from .apiextensions import review_versions

    return review_versions(versions, path, "must specify one of v1, v1beta1")


def _webhook(hook: Obj, path: str, mutating: bool) -> list[FieldError]:
    from pykubectl.api.groupvalidation.apiextensions import webhook_client_config

    errs = _fully_qualified(str(hook.get("name") or ""), f"{path}.name")
    for i, rule in enumerate(_list(hook.get("rules"))):
        errs += _rule(_dict(rule), f"{path}.rules[{i}]")
    fp, mp = hook.get("failurePolicy"), hook.get("matchPolicy")
    if fp is not None and fp not in _FAILURE_POLICIES:
        errs.append(not_supported(f"{path}.failurePolicy", fp, _FAILURE_POLICIES))
    if mp is not None and mp not in _MATCH_POLICIES:
        errs.append(not_supported(f"{path}.matchPolicy", mp, _MATCH_POLICIES))
    se = hook.get("sideEffects")
    if se is None:
        errs.append(required(f"{path}.sideEffects", "must specify one of None, NoneOnDryRun"))
    elif se not in _SIDE_EFFECTS:
        errs.append(not_supported(f"{path}.sideEffects", se, _SIDE_EFFECTS))
    timeout = _int(hook.get("timeoutSeconds"))
    if timeout is not None and not 1 <= timeout <= 30:
        errs.append(invalid(f"{path}.timeoutSeconds", timeout, "the timeout value must be between 1 and 30 seconds"))
    for sel in ("namespaceSelector", "objectSelector"):
        if hook.get(sel) is not None:
            errs += validate_label_selector(hook[sel], f"{path}.{sel}")
    if mutating:
        rp = hook.get("reinvocationPolicy")
        if rp is not None and rp not in _REINVOCATION:
            errs.append(not_supported(f"{path}.reinvocationPolicy", rp, _REINVOCATION))
    errs += webhook_client_config(_dict(hook.get("clientConfig")), f"{path}.clientConfig")
    return errs


def _configuration(mutating: bool) -> Any:
    def validate(obj: Obj) -> list[FieldError]:
        errs: list[FieldError] = []
        names: set[str] = set()
        for i, hook in enumerate(_list(obj.get("webhooks"))):
            hook = _dict(hook)
            path = f"webhooks[{i}]"
            errs += _webhook(hook, path, mutating)
            errs += _review_versions(hook.get("admissionReviewVersions"), f"{path}.admissionReviewVersions")
            name = str(hook.get("name") or "")
            if name:
                if name in names:
                    errs.append(duplicate(f"{path}.name", name))
                names.add(name)
        return errs
    return validate


CREATE = {
    (GROUP, "ValidatingWebhookConfiguration"): (False, name_is_dns_subdomain, _configuration(False)),
    (GROUP, "MutatingWebhookConfiguration"): (False, name_is_dns_subdomain, _configuration(True)),
}
