"""`describe` for RBAC's kinds — Role, ClusterRole, RoleBinding, ClusterRoleBinding — in the layouts of kubectl's
describers: a role's rules are broken down to one (group, resource, verb[, name]) each, rules of one resource are
compacted again, and the result is sorted by the rule's Go string form, as kubectl does."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Callable

from . import describe as d


def _breakdown(rule: dict[str, Any]) -> list[dict[str, list[str]]]:
    out = []
    verbs = rule.get("verbs") or []
    names = rule.get("resourceNames") or []
    for group in rule.get("apiGroups") or []:
        for resource in rule.get("resources") or []:
            for verb in verbs:
                if names:
                    out.extend({"apiGroups": [group], "resources": [resource], "verbs": [verb],
                                "resourceNames": [n]} for n in names)
                else:
                    out.append({"apiGroups": [group], "resources": [resource], "verbs": [verb]})
    for url in rule.get("nonResourceURLs") or []:
        out.extend({"nonResourceURLs": [url], "verbs": [verb]} for verb in verbs)
    return out


def _compact(rules: list[dict[str, list[str]]]) -> list[dict[str, list[str]]]:
    """Rules naming one group, one resource and at most one name, merged with their verbs in order met."""
    compacted: list[dict[str, list[str]]] = []
    simple: dict[tuple, dict[str, list[str]]] = {}
    for rule in rules:
        names = rule.get("resourceNames") or []
        if (len(names) <= 1 and not rule.get("nonResourceURLs") and len(rule.get("apiGroups") or []) == 1
                and len(rule.get("resources") or []) == 1):
            key = (rule["apiGroups"][0], rule["resources"][0], bool(names), names[0] if names else "")
            have = simple.get(key)
            if have is None:
                simple[key] = {k: list(v) for k, v in rule.items()}
            else:
                have["verbs"].extend(v for v in rule["verbs"] if v not in have["verbs"])
        else:
            compacted.append(rule)
    return compacted + list(simple.values())


def _go_string(rule: dict[str, list[str]]) -> str:
    """rbacv1.PolicyRule.String(), the key kubectl sorts the rules by."""
    return ("&PolicyRule{" + "".join(f"{field}:[{' '.join(rule.get(key) or [])}],"
                                     for field, key in (("Verbs", "verbs"), ("APIGroups", "apiGroups"),
                                                        ("Resources", "resources"),
                                                        ("ResourceNames", "resourceNames"),
                                                        ("NonResourceURLs", "nonResourceURLs"))) + "}")


def _resource_group(resources: list[str], groups: list[str]) -> str:
    if not resources:
        return ""
    resource, _, sub = resources[0].partition("/")
    if groups and groups[0]:
        resource += "." + groups[0]
    return resource + ("/" + sub if sub else "")


def _role(role: dict[str, Any], events: list[dict[str, Any]], lookup: Any, now: datetime) -> str:
    meta = role.get("metadata") or {}
    rules = [sub for rule in role.get("rules") or [] for sub in _breakdown(rule)]
    rules = sorted(_compact(rules), key=_go_string)

    def fill(w: Any) -> None:
        w.write(0, f"Name:\t{meta.get('name', '')}\n")
        d._labels_multiline(w, "Labels", meta.get("labels"))
        d._annotations_multiline(w, "Annotations", meta.get("annotations"))
        w.write(0, "PolicyRule:\n")
        w.write(1, "Resources\tNon-Resource URLs\tResource Names\tVerbs\n")
        w.write(1, "---------\t-----------------\t--------------\t-----\n")
        for r in rules:
            w.write(1, f"{_resource_group(r.get('resources') or [], r.get('apiGroups') or [])}\t"
                       f"[{' '.join(r.get('nonResourceURLs') or [])}]\t[{' '.join(r.get('resourceNames') or [])}]\t"
                       f"[{' '.join(r.get('verbs') or [])}]\n")

    return d._tabbed(fill)


def _binding(binding: dict[str, Any], events: list[dict[str, Any]], lookup: Any, now: datetime) -> str:
    meta = binding.get("metadata") or {}
    ref = binding.get("roleRef") or {}

    def fill(w: Any) -> None:
        w.write(0, f"Name:\t{meta.get('name', '')}\n")
        d._labels_multiline(w, "Labels", meta.get("labels"))
        d._annotations_multiline(w, "Annotations", meta.get("annotations"))
        w.write(0, "Role:\n")
        w.write(1, f"Kind:\t{ref.get('kind', '')}\n")
        w.write(1, f"Name:\t{ref.get('name', '')}\n")
        w.write(0, "Subjects:\n")
        w.write(1, "Kind\tName\tNamespace\n")
        w.write(1, "----\t----\t---------\n")
        for s in binding.get("subjects") or []:
            w.write(1, f"{s.get('kind', '')}\t{s.get('name', '')}\t{s.get('namespace', '')}\n")

    return d._tabbed(fill)


DESCRIBERS: dict[str, Callable[[dict[str, Any], list[dict[str, Any]], Any, datetime], str]] = {
    "Role": _role,
    "ClusterRole": _role,
    "RoleBinding": _binding,
    "ClusterRoleBinding": _binding,
}
