"""auth reconcile: RBAC Roles, ClusterRoles and their bindings from files, reconciled with the live ones as kubectl's
client does it (pkg/cmd/auth/reconcile.go over component-helpers' auth/rbac/reconciliation, read as facts): missing
objects are created (a Role's or RoleBinding's namespace too), missing rules and subjects are added, extra ones
removed only when asked, a binding whose roleRef changed is deleted and created again, and an object annotated
``rbac.authorization.kubernetes.io/autoupdate: "false"`` is left alone. The requests go through client/ as kubectl's
go to the API server.
"""

from __future__ import annotations

import copy
from typing import Any

from .. import errors
from . import common

RBAC = "rbac.authorization.k8s.io"
AUTOUPDATE = "rbac.authorization.kubernetes.io/autoupdate"
OUTPUT_FORMATS = ("go-template", "go-template-file", "json", "jsonpath", "jsonpath-as-json", "jsonpath-file", "name",
                  "template", "templatefile", "yaml")


# --- rules (validation.Covers) -----------------------------------------------------------------------------------

def _rule(r: dict) -> dict[str, list[str]]:
    return {k: [str(x) for x in (r.get(k) or [])]
            for k in ("verbs", "apiGroups", "resources", "resourceNames", "nonResourceURLs")}


def breakdown(rule: dict[str, list[str]]) -> list[dict[str, list[str]]]:
    """One rule as the single-verb, single-resource rules it grants (BreakdownRule)."""
    out = []
    for g in rule["apiGroups"]:
        for res in rule["resources"]:
            for v in rule["verbs"]:
                names = rule["resourceNames"] or [None]
                for n in names:
                    out.append({"verbs": [v], "apiGroups": [g], "resources": [res],
                                "resourceNames": [n] if n is not None else [], "nonResourceURLs": []})
    for u in rule["nonResourceURLs"]:
        for v in rule["verbs"]:
            out.append({"verbs": [v], "apiGroups": [], "resources": [], "resourceNames": [], "nonResourceURLs": [u]})
    return out


def _resources_cover(owner: list[str], wanted: list[str]) -> bool:
    if "*" in owner or set(wanted) <= set(owner):
        return True
    for path in wanted:
        if path in owner:
            continue
        if "/" not in path or "*/" + path.split("/", 1)[1] not in owner:
            return False
    return True


def _url_covers(owner: str, path: str) -> bool:
    return owner == path or (owner.endswith("*") and path.startswith(owner.rstrip("*")))


def _rule_covers(owner: dict[str, list[str]], sub: dict[str, list[str]]) -> bool:
    verbs = "*" in owner["verbs"] or set(sub["verbs"]) <= set(owner["verbs"])
    groups = "*" in owner["apiGroups"] or set(sub["apiGroups"]) <= set(owner["apiGroups"])
    resources = _resources_cover(owner["resources"], sub["resources"])
    urls = all(any(_url_covers(o, p) for o in owner["nonResourceURLs"]) for p in sub["nonResourceURLs"])
    if not sub["resourceNames"]:
        names = not owner["resourceNames"]
    else:
        names = not owner["resourceNames"] or set(sub["resourceNames"]) <= set(owner["resourceNames"])
    return verbs and groups and resources and names and urls


def uncovered(owner_rules: list[dict], servant_rules: list[dict]) -> list[dict[str, list[str]]]:
    """The pieces of ``servant_rules`` no rule of ``owner_rules`` grants (Covers' second result)."""
    owners = [_rule(r) for r in owner_rules]
    return [sub for r in servant_rules for sub in breakdown(_rule(r))
            if not any(_rule_covers(o, sub) for o in owners)]


def _rule_json(r: dict[str, list[str]]) -> dict[str, list[str]]:
    """A PolicyRule as the API writes it: empty lists left out, fields in the v1 type's order."""
    return {k: r[k] for k in ("verbs", "apiGroups", "resources", "resourceNames", "nonResourceURLs") if r[k]}


def go_rule(r: dict[str, list[str]]) -> str:
    """Go's %+v of a PolicyRule."""
    return (f"{{Verbs:[{' '.join(r['verbs'])}] APIGroups:[{' '.join(r['apiGroups'])}] "
            f"Resources:[{' '.join(r['resources'])}] ResourceNames:[{' '.join(r['resourceNames'])}] "
            f"NonResourceURLs:[{' '.join(r['nonResourceURLs'])}]}}")


# --- subjects ------------------------------------------------------------------------------------------------------

def _subject(s: dict) -> tuple[str, str, str, str]:
    return (str(s.get("kind") or ""), str(s.get("apiGroup") or ""), str(s.get("name") or ""),
            str(s.get("namespace") or ""))


def _subject_json(s: tuple[str, str, str, str]) -> dict[str, str]:
    out = {"kind": s[0]}
    if s[1]:
        out["apiGroup"] = s[1]
    out["name"] = s[2]
    if s[3]:
        out["namespace"] = s[3]
    return out


def go_subject(s: tuple[str, str, str, str]) -> str:
    return f"{{Kind:{s[0]} APIGroup:{s[1]} Name:{s[2]} Namespace:{s[3]}}}"


def _only_in(a: list[tuple], b: list[tuple]) -> list[tuple]:
    out: list[tuple] = []
    for x in a:
        if x not in b and x not in out:
            out.append(x)
    return out


def _role_ref(o: dict) -> tuple[str, str, str]:
    r = o.get("roleRef") or {}
    return (str(r.get("apiGroup") or ""), str(r.get("kind") or ""), str(r.get("name") or ""))


# --- labels and annotations --------------------------------------------------------------------------------------

def _merge(expected: dict | None, existing: dict | None) -> dict | None:
    """component-helpers' merge(expected, existing): nil if both are; the existing values win."""
    if expected is None and existing is None:
        return None
    return {**(expected or {}), **(existing or {})}


def _merge_metadata(result: dict, expected: dict, existing: dict) -> bool:
    """Labels and annotations of ``expected`` added to ``result`` (a copy of ``existing``); True if that changed
    either."""
    changed = False
    md, emd, xmd = result.setdefault("metadata", {}), expected.get("metadata") or {}, existing.get("metadata") or {}
    for field in ("annotations", "labels"):
        merged = _merge(emd.get(field), xmd.get(field))
        if merged is None:
            md.pop(field, None)
        else:
            md[field] = merged
        if merged != xmd.get(field):
            changed = True
    return changed


# --- one object -----------------------------------------------------------------------------------------------------

class Result:
    def __init__(self, obj: dict, operation: str) -> None:
        self.obj = obj
        self.operation = operation
        self.protected = False
        self.missing_rules: list[dict[str, list[str]]] = []
        self.extra_rules: list[dict[str, list[str]]] = []
        self.missing_subjects: list[tuple[str, str, str, str]] = []
        self.extra_subjects: list[tuple[str, str, str, str]] = []


def _protected(existing: dict) -> bool:
    return ((existing.get("metadata") or {}).get("annotations") or {}).get(AUTOUPDATE) == "false"


def compute_role(existing: dict, expected: dict, remove_extra: bool) -> Result:
    res = Result(copy.deepcopy(existing), "none")
    res.protected = _protected(existing)
    if _merge_metadata(res.obj, expected, existing):
        res.operation = "update"
    exp_agg, live_agg = expected.get("aggregationRule"), existing.get("aggregationRule")
    exp_rules, live_rules = expected.get("rules") or [], existing.get("rules") or []
    if exp_agg is None or live_agg is None:
        res.extra_rules = uncovered(exp_rules, live_rules)
    res.missing_rules = uncovered(live_rules, exp_rules)
    if not remove_extra and res.missing_rules:
        res.obj["rules"] = list(live_rules) + [_rule_json(r) for r in res.missing_rules]
        res.operation = "update"
    elif remove_extra and (res.missing_rules or res.extra_rules):
        res.obj["rules"] = copy.deepcopy(exp_rules)
        res.operation = "update"
    exp_sel = (exp_agg or {}).get("clusterRoleSelectors") or []
    live_sel = (live_agg or {}).get("clusterRoleSelectors") or []
    extra_sel = [s for s in live_sel if s not in exp_sel] if exp_agg is not None or live_agg is not None else []
    missing_sel = [s for s in exp_sel if s not in live_sel]
    if exp_agg is None and live_agg is not None:
        res.obj.pop("aggregationRule", None)
        res.operation = "update"
    elif not remove_extra and missing_sel:
        agg = res.obj.setdefault("aggregationRule", {})
        agg["clusterRoleSelectors"] = list(agg.get("clusterRoleSelectors") or []) + missing_sel
        res.operation = "update"
    elif remove_extra and (missing_sel or extra_sel):
        res.obj["aggregationRule"] = copy.deepcopy(exp_agg)
        res.operation = "update"
    return res


def compute_binding(existing: dict, expected: dict, remove_extra: bool) -> Result:
    if _role_ref(expected) != _role_ref(existing):
        res = Result(expected, "recreate")
        res.protected = _protected(existing)
        return res
    res = Result(copy.deepcopy(existing), "none")
    res.protected = _protected(existing)
    if _merge_metadata(res.obj, expected, existing):
        res.operation = "update"
    want = [_subject(s) for s in expected.get("subjects") or []]
    have = [_subject(s) for s in existing.get("subjects") or []]
    res.missing_subjects, res.extra_subjects = _only_in(want, have), _only_in(have, want)
    if not remove_extra and res.missing_subjects:
        res.obj["subjects"] = list(existing.get("subjects") or []) + [_subject_json(s) for s in res.missing_subjects]
        res.operation = "update"
    elif remove_extra and (res.missing_subjects or res.extra_subjects):
        res.obj["subjects"] = copy.deepcopy(expected.get("subjects") or [])
        res.operation = "update"
    return res


def _ensure_namespace(tx: Any, namespace: str) -> None:
    """tryEnsureNamespace: create the namespace if it is missing (already there, or forbidden: fine)."""
    from ..api import registry
    from ..client import rest

    if not namespace:
        raise errors.ClientError("resource name may not be empty")  # client-go refuses a GET of no name
    ns_kind = registry.by_api_version_kind("v1", "Namespace")
    if rest.get_object(tx, ns_kind, "", namespace) is not None:
        return
    try:
        rest.create(tx, {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": namespace}})
    except (errors.AlreadyExists, errors.Forbidden):
        pass


def reconcile_one(store: Any, kind: Any, obj: dict, dry_run: bool, remove_permissions: bool,
                  remove_subjects: bool) -> Result:
    from ..client import rest

    binding = obj["kind"].endswith("Binding")
    md = obj.get("metadata") or {}
    namespace = str(md.get("namespace") or "") if kind.namespaced else ""
    name = str(md.get("name") or "")
    with store.transaction() as tx:
        live = rest.get_object(tx, kind, namespace, name) if (namespace or not kind.namespaced) else None
        if live is None:
            res = Result(obj, "create")
            if binding:
                res.missing_subjects = [_subject(s) for s in obj.get("subjects") or []]
            else:
                res.missing_rules = [_rule(r) for r in obj.get("rules") or []]
        elif binding:
            res = compute_binding(live, obj, remove_subjects)
        else:
            res = compute_role(live, obj, remove_permissions)
        if res.protected or dry_run:
            return res
        if res.operation == "recreate":
            assert live is not None
            rest.delete(tx, live)
        if res.operation in ("create", "recreate"):
            if kind.namespaced:
                _ensure_namespace(tx, namespace)
            new = copy.deepcopy(res.obj)
            res.obj = rest.create(tx, new)
        elif res.operation == "update":
            assert live is not None
            res.obj = rest.replace(tx, kind, res.obj, live)  # a PUT: decoded and defaulted as the server does
    return res


def report(env: Any, res: Result, remove_permissions: bool, remove_subjects: bool) -> None:
    """What kubectl writes on stderr about one object (printResults)."""
    lines: list[str] = []
    caveat = (", but object opted out (rbac.authorization.kubernetes.io/autoupdate: false)" if res.protected else "")
    if res.operation == "none":
        return
    lines.append(f"\treconciliation required {res.operation}{caveat}")
    if res.missing_subjects:
        lines += ["\tmissing subjects added:"] + [f"\t\t{go_subject(s)}" for s in res.missing_subjects]
    if remove_subjects and res.extra_subjects:
        lines += ["\textra subjects removed:"] + [f"\t\t{go_subject(s)}" for s in res.extra_subjects]
    if res.missing_rules:
        lines += ["\tmissing rules added:"] + [f"\t\t{go_rule(r)}" for r in res.missing_rules]
    if remove_permissions and res.extra_rules:
        lines += ["\textra rules removed:"] + [f"\t\t{go_rule(r)}" for r in res.extra_rules]
    env.stdout.flush()
    env.stderr.write("".join(ln + "\n" for ln in lines))


def run(env: Any, files: list[str], recursive: bool, output: str, dry_run: bool, remove_permissions: bool,
        remove_subjects: bool) -> None:
    from ..api import registry
    from ..api.manifests import iter_documents

    # Each failure as kubectl's CheckErr shows it: the server's errors as they are, the others after "error: " when
    # alone and bare in a list of several (an aggregate).
    failures: list[tuple[str, bool]] = []
    store = common.open_store(env)

    def fail(e: errors.PykubectlError) -> None:
        if isinstance(e, errors.ServerError):
            failures.append((str(e), True))
        else:
            failures.append((str(e).removeprefix("error: "), False))

    try:
        docs = iter_documents(files, recursive)
        while True:
            try:
                doc = next(docs)
            except StopIteration:
                break
            except errors.ClientError as e:
                fail(e)
                break
            obj = doc.obj
            api_version, kind_name = str(obj.get("apiVersion") or ""), str(obj.get("kind") or "")
            group, _, version = api_version.rpartition("/")
            if group != RBAC or kind_name not in ("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"):
                continue  # kubectl reconciles RBAC objects only and passes over the rest
            if version != "v1":
                failures.append((f"only {RBAC}/v1 is supported: not *{version}.{kind_name}", False))
                continue
            kind = registry.by_api_version_kind(api_version, kind_name)
            ns = str((obj.get("metadata") or {}).get("namespace") or "")
            if kind.namespaced and ns and getattr(env, "namespace_flag", False) and env.namespace != ns:
                failures.append((f'the namespace from the provided object "{ns}" does not match the namespace '
                                 f'"{env.namespace}". You must pass \'--namespace={ns}\' to perform this operation.',
                                 False))
                continue
            try:
                res = reconcile_one(store, kind, copy.deepcopy(obj), dry_run, remove_permissions, remove_subjects)
            except errors.PykubectlError as e:
                fail(e)
                continue
            _print(env, kind, res.obj, output, dry_run)
            report(env, res, remove_permissions, remove_subjects)
    finally:
        if not dry_run:
            common.settle(store)
        store.close()
    if len(failures) == 1:
        text, from_server = failures[0]
        raise errors.ClientError(text if from_server else f"error: {text}")
    if failures:
        raise errors.ClientError("\n".join(text for text, _ in failures))


def _print(env: Any, kind: Any, obj: dict, output: str, dry_run: bool) -> None:
    name = (obj.get("metadata") or {}).get("name", "")
    if not output:
        common.echo(env, f"{common.display_kind(kind)}/{name} reconciled{' (dry run)' if dry_run else ''}")
        return
    if output == "name":
        common.echo(env, f"{common.display_kind(kind)}/{name}")
        return
    shown = copy.deepcopy(obj)
    shown["apiVersion"], shown["kind"] = f"{RBAC}/v1", kind.kind
    shown.setdefault("metadata", {}).setdefault("creationTimestamp", None)
    env.stdout.write(common.render_objects(env, [shown], output, single=True))
