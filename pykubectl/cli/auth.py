"""auth can-i, auth whoami: what the cluster's RBAC lets a user do, and who the CLI is. The reviews are those the
API server answers (client/auth.py, answered by apiserver/rbac.py), evaluated on the store's Roles and bindings;
what kubectl prints of them (the warnings, yes/no, the rules table, the whoami table) is kubectl's client side.

The CLI acts as the cluster's admin (kubernetes-admin, in system:masters), as kubectl with kubeadm's admin.conf;
--as and --as-group ask for another user, as impersonation does."""

from __future__ import annotations

import hashlib
from typing import Any

import click

from .. import errors
from . import common
from .printflags import printer_options

CTX = {"help_option_names": ["-h", "--help"]}

# kubectl's lists of the verbs it knows (auth/cani.go): others get a warning, the review is still made.
RESOURCE_VERBS = ("get", "list", "watch", "create", "update", "patch", "delete", "deletecollection", "use", "bind",
                  "impersonate", "*", "approve", "sign", "escalate", "attest")
NON_RESOURCE_VERBS = ("get", "put", "post", "head", "options", "delete", "patch", "*")


def _user(env: Any, store: Any) -> Any:
    """The CLI's user, or the one the global --as/--as-group flags name (cli/boundary.py)."""
    from ..client import auth as client_auth

    as_user, as_groups = env.as_user, env.as_groups
    if as_user:
        return client_auth.impersonated(as_user, as_groups)
    if as_groups:
        raise errors.ClientError("error: requesting uid, groups or user-extra for  without impersonating a user")
    # The admin's credential id: kubeadm's admin.conf authenticates with a client certificate; the CLI has the
    # cluster's own identity (its kube-system namespace's uid) stand for that certificate's hash.
    with store.read() as tx:
        ks = tx.get("", "Namespace", "", "kube-system") or {}
    cert_id = hashlib.sha256(((ks.get("metadata") or {}).get("uid") or "").encode()).hexdigest()
    admin = client_auth.admin()
    return client_auth.user(admin.name, admin.groups, "",
                            (("authentication.kubernetes.io/credential-id", (f"X509SHA256={cert_id}",)),))


def _review(env: Any, review: Any) -> dict:
    """A review's status for the CLI's user (or the one --as names), read from the store."""
    store = common.open_store(env)
    try:
        user = _user(env, store)
        with store.read() as tx:
            return review(tx, user)
    finally:
        store.close()


@click.group("auth", context_settings=CTX, invoke_without_command=True)
@click.pass_context
def auth(ctx: click.Context) -> None:
    """Inspect authorization.

    \b
    Examples:
      # Check whether I can create pods in the current namespace
      pykubectl auth can-i create pods
    """
    common.help_without_subcommand(ctx)


@auth.command("can-i", context_settings=CTX)
@click.argument("args", nargs=-1)
@click.option("-A", "--all-namespaces", "all_namespaces", is_flag=True,
              help="If true, check the specified action in all namespaces.")
@click.option("--list", "list_", is_flag=True, help="If true, prints all allowed actions.")
@click.option("--no-headers", is_flag=True, help="If true, prints allowed actions without headers")
@click.option("-q", "--quiet", is_flag=True, help="If true, suppress output and just return the exit code.")
@click.option("--subresource", default="", help="SubResource such as pod/log or deployment/scale")
def can_i(args: tuple[str, ...], all_namespaces: bool, list_: bool, no_headers: bool, quiet: bool,
          subresource: str) -> None:
    """Check whether an action is allowed.

    VERB is a logical Kubernetes API verb like 'get', 'list', 'watch', 'delete', etc. TYPE is a Kubernetes resource.
    Shortcuts and groups will be resolved. NONRESOURCEURL is a partial URL that starts with "/". NAME is the name of
    a particular Kubernetes resource.

    \b
    Examples:
      # Check to see if I can create pods in any namespace
      pykubectl auth can-i create pods --all-namespaces
    \b
      # List all allowed actions in namespace "foo"
      pykubectl auth can-i --list --namespace=foo
    """
    from ..client import auth as client_auth

    env = common.env_of()
    namespace = "" if all_namespaces else common.namespace(env)
    if list_:
        if args:
            raise errors.UsageError("error: list option must be specified with no arguments")  # cani.go
        status = _review(env, lambda tx, user: client_auth.rules_review(tx, user, namespace))
        env.stdout.write(rules_table(status, no_headers))
        return
    if len(args) != 2:
        # kubectl 1.32's can-i takes VERB and TYPE[/NAME] only (seen through serve; cani.go's text).
        raise errors.UsageError("error: you must specify two arguments: verb resource or verb resource/resourceName."
                                "\nSee 'kubectl auth can-i -h' for help and examples.")
    verb, target = args[0], args[1]
    name = ""
    warnings: list[str] = []
    if target.startswith("/"):
        if subresource:
            raise errors.ClientError("error: --subresource can not be used with NonResourceURL")
        if verb not in NON_RESOURCE_VERBS:
            warnings.append(f"verb '{verb}' is not a known verb")
        spec: dict = {"nonResourceAttributes": {"path": target, "verb": verb}}
    else:
        target, _, named = target.partition("/")  # TYPE/NAME, as kubectl splits it
        name = named or name
        resource, group, namespaced, warning = _resource_for(target)
        if warning:
            warnings.append(warning)
        if namespace and not namespaced and resource != "*":
            warnings.append(f"resource '{resource}' is not namespace scoped" +
                            (f" in group '{group}'" if group else ""))
        if verb not in RESOURCE_VERBS:
            warnings.append(f"verb '{verb}' is not a known verb")
        spec = {"resourceAttributes": {"namespace": namespace, "verb": verb, "group": group, "resource": resource,
                                       "subresource": subresource, "name": name}}
    if not quiet:
        for w in warnings:
            env.stderr.write(f"Warning: {w}\n\n")
    status = _review(env, lambda tx, user: client_auth.access_review(tx, user, spec))
    if not quiet:
        if status["allowed"]:
            env.stdout.write("yes\n")
        elif status.get("reason"):
            env.stdout.write(f"no - {status['reason']}\n")
        else:
            env.stdout.write("no\n")
    if not status["allowed"]:
        raise errors.PykubectlError("")


def _resource_for(target: str) -> tuple[str, str, bool, str]:
    """(resource, group, namespaced, warning) of a TYPE as kubectl's RESTMapper resolves it; an unknown type is
    checked as typed, with kubectl's warning."""
    from ..api import registry

    if target == "*":
        return "*", "", True, ""
    resource, _, group = target.partition(".")
    if resource == "*":
        return "*", group, True, ""
    try:
        k = registry.resolve(target)
    except errors.PykubectlError:
        return resource, group, True, f"the server doesn't have a resource type '{resource}'"
    return k.plural, k.group, k.namespaced, ""


def rules_table(status: dict, no_headers: bool) -> str:
    """What kubectl prints of a SelfSubjectRulesReview: each rule broken down to one group, resource and name,
    the simple ones' verbs joined, sorted as the rules' Go String() sort."""
    from ..api.registry import tabwrite

    broken: list[dict] = []
    for r in status.get("resourceRules") or []:
        for g in r.get("apiGroups") or [""]:
            for res in r.get("resources") or []:
                for n in r.get("resourceNames") or [None]:
                    broken.append({"verbs": list(r.get("verbs") or []), "apiGroups": [g], "resources": [res],
                                   "resourceNames": [n] if n is not None else [], "nonResourceURLs": []})
    for r in status.get("nonResourceRules") or []:
        for u in r.get("nonResourceURLs") or []:
            broken.append({"verbs": list(r.get("verbs") or []), "apiGroups": [], "resources": [],
                           "resourceNames": [], "nonResourceURLs": [u]})
    simple: dict[tuple, dict] = {}
    compact: list[dict] = []
    for r in broken:
        if len(r["resourceNames"]) <= 1 and not r["nonResourceURLs"] and len(r["apiGroups"]) == 1 and \
                len(r["resources"]) == 1:
            key = (r["apiGroups"][0], r["resources"][0], tuple(r["resourceNames"]))
            if key in simple:  # verbs joined as a set (sorted)
                simple[key]["verbs"] = sorted(set(simple[key]["verbs"]) | set(r["verbs"]))
                continue
            simple[key] = r
        compact.append(r)

    def go_string(r: dict) -> str:
        return ("&PolicyRule{" + ",".join(f"{k}:[{' '.join(r[f])}]" for k, f in (
            ("Verbs", "verbs"), ("APIGroups", "apiGroups"), ("Resources", "resources"),
            ("ResourceNames", "resourceNames"), ("NonResourceURLs", "nonResourceURLs"))) + ",}")

    compact.sort(key=go_string)
    rows = [] if no_headers else [["Resources", "Non-Resource URLs", "Resource Names", "Verbs"]]
    for r in compact:
        rows.append([_combine(r["resources"], r["apiGroups"]), f"[{' '.join(r['nonResourceURLs'])}]",
                     f"[{' '.join(r['resourceNames'])}]", f"[{' '.join(r['verbs'])}]"])
    return tabwrite(rows, minwidth=6, padding=3)


def _combine(resources: list[str], groups: list[str]) -> str:
    if not resources:
        return ""
    resource, _, sub = resources[0].partition("/")
    out = resource + (f".{groups[0]}" if groups and groups[0] else "")
    return out + (f"/{sub}" if sub else "")


@auth.command("whoami", context_settings=CTX)
@click.option("-o", "--output", default=None, help=common.PRINT_OUTPUT_HELP)
@printer_options(template_alone=False)
@click.argument("ignored_args", nargs=-1)
def whoami(output: str | None, ignored_args: tuple[str, ...] = ()) -> None:
    """Experimental: Check who you are and your attributes (groups, extra).

    \b
    Examples:
      # Get your subject attributes
      pykubectl auth whoami
    """
    from ..api.registry import tabwrite

    env = common.env_of()
    store = common.open_store(env)
    try:
        user = _user(env, store)
    finally:
        store.close()
    review = {"kind": "SelfSubjectReview", "apiVersion": "authentication.k8s.io/v1",
              "metadata": {"creationTimestamp": None}, "status": {"userInfo": user.user_info()}}
    if output == "json":  # a typed object: its fields in the Go struct's order
        import json

        env.stdout.write(json.dumps(review, indent=4, ensure_ascii=False) + "\n")
        return
    if output:
        env.stdout.write(common.render_objects(env, [review], output, True))
        return
    rows = [["ATTRIBUTE", "VALUE"], ["Username", user.name]]
    if user.uid:
        rows.append(["UID", user.uid])
    if user.groups:
        rows.append(["Groups", f"[{' '.join(user.groups)}]"])
    for k, v in sorted(user.extra):
        rows.append([f"Extra: {k}", f"[{' '.join(v)}]"])
    env.stdout.write(tabwrite(rows, minwidth=6, padding=3))


@auth.command("reconcile", context_settings=CTX, short_help="Reconciles rules for RBAC role, role binding, cluster "
              "role, and cluster role binding objects")
@click.argument("args", nargs=-1)
@click.option("--allow-missing-template-keys", type=bool, is_flag=True, default=True,
              help="If true, ignore any errors in templates when a field or map key is missing in the template. "
                   "Only applies to golang and jsonpath output formats.")
@click.option("--dry-run", "dry_run", default="none", is_flag=False, flag_value="unchanged",
              help='Must be "none", "server", or "client". If client strategy, only print the object that would be '
                   "sent, without sending it. If server strategy, submit server-side request without persisting the "
                   "resource.")
@click.option("-f", "--filename", "files", multiple=True,
              help="Filename, directory, or URL to files identifying the resource to reconcile.")
@click.option("-k", "--kustomize", default=None, help=common.KUSTOMIZE_HELP)
@click.option("-o", "--output", default="", help="Output format. One of: (json, yaml, name, go-template, "
              "go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).")
@click.option("-R", "--recursive", is_flag=True, help="Process the directory used in -f, --filename recursively. "
              "Useful when you want to manage related manifests organized within the same directory.")
@click.option("--remove-extra-permissions", is_flag=True, help="If true, removes extra permissions added to roles")
@click.option("--remove-extra-subjects", is_flag=True, help="If true, removes extra subjects added to rolebindings")
@click.option("--show-managed-fields", is_flag=True,
              help="If true, keep the managedFields when printing objects in JSON or YAML format.")
@click.option("--template", default="", help="Template string or path to template file to use when "
              "-o=go-template, -o=go-template-file. The template format is golang templates "
              "[http://golang.org/pkg/text/template/#pkg-overview].")
def reconcile(args: tuple[str, ...], allow_missing_template_keys: bool, dry_run: str, files: tuple[str, ...],
              kustomize: str | None, output: str, recursive: bool, remove_extra_permissions: bool,
              remove_extra_subjects: bool, show_managed_fields: bool, template: str) -> None:
    from . import auth_reconcile

    env = common.env_of()
    paths = common.manifest_paths(env, files, kustomize)
    if not paths:
        raise errors.ClientError("error: must specify one of -f and -k")
    if args:
        raise errors.ClientError("error: no arguments are allowed")
    mode = common.dry_run_mode(dry_run)
    if dry_run == "unchanged":
        common.klog_warning(env, "helpers.go:702", "--dry-run is deprecated and can be replaced with --dry-run=client.")
    if mode == "server":
        raise errors.ClientError("error: --dry-run=server for command reconcile is not supported yet")
    if template and not output:
        output = f"go-template={template}"
    if output and output.partition("=")[0] not in auth_reconcile.OUTPUT_FORMATS:
        raise errors.ClientError(f'error: unable to match a printer suitable for the output format "{output}", '
                                 f"allowed formats are: {','.join(auth_reconcile.OUTPUT_FORMATS)}")
    auth_reconcile.run(env, list(paths), recursive, output, mode == "client", remove_extra_permissions,
                       remove_extra_subjects)


COMMANDS = {"auth": auth}
