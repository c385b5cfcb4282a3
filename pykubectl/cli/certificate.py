"""certificate approve|deny: add the Approved or Denied condition to CertificateSigningRequests through their
approval subresource, as kubectl's certificates command does.

kubectl's behaviour (pkg/cmd/certificates, v0.32.0, read as facts): the printer is checked first, then that a name
or -f is given; each CSR is read again; one holding the opposite condition fails (`certificate signing request "x"
is already Denied`, also with --force); one already holding the condition is left alone unless --force sends it
again; the printed object is the one read before the update (so -o yaml shows it without the new condition).
Errors of one CSR do not stop the others; none found at all prints "No resources found".
"""

from __future__ import annotations

import copy
from typing import Any

import click

from .. import errors
from . import common
from .click_grammar import options_from
from .pflag import Flag

CTX = {"help_option_names": ["-h", "--help"]}
CSR_GROUP, CSR_KIND = "certificates.k8s.io", "CertificateSigningRequest"


def _flags(force_usage: str) -> tuple[Flag, ...]:
    return (
        Flag("allow-missing-template-keys", kind="bool", default=True,
             usage="If true, ignore any errors in templates when a field or map key is missing in the template. Only "
                   "applies to golang and jsonpath output formats."),
        Flag("filename", "f", "stringSlice", dest="files",
             usage="Filename, directory, or URL to files identifying the resource to update"),
        Flag("force", kind="bool", default=False, usage=force_usage),
        Flag("kustomize", "k", usage=common.KUSTOMIZE_HELP),
        Flag("output", "o", usage="Output format. One of: (json, yaml, name, go-template, go-template-file, template, "
                                  "templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
        Flag("recursive", "R", "bool", default=False,
             usage="Process the directory used in -f, --filename recursively. Useful when you want to manage related "
                   "manifests organized within the same directory."),
        Flag("show-managed-fields", kind="bool", default=False,
             usage="If true, keep the managedFields when printing objects in JSON or YAML format."),
        Flag("template", dest="template_flag", default="",
             usage="Template string or path to template file to use when -o=go-template, -o=go-template-file. The "
                   "template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
    )


APPROVE_FLAGS = _flags("Update the CSR even if it is already approved.")
DENY_FLAGS = _flags("Update the CSR even if it is already denied.")


class _Certificate(click.Group):
    """kubectl certificate runs its help for any argument that is not a subcommand (exit 0)."""

    def resolve_command(self, ctx: click.Context, args: list[str]):  # type: ignore[override]
        if args and args[0] not in self.commands:
            common.echo(common.env_of(), ctx.get_help())
            ctx.exit(0)
        return super().resolve_command(ctx, args)


@click.group("certificate", cls=_Certificate, context_settings=CTX, invoke_without_command=True)
@click.pass_context
def certificate_group(ctx: click.Context) -> None:
    """Modify certificate resources.

    \b
    Examples:
      # Approve CSR 'csr-sqgzp'
      pykubectl certificate approve csr-sqgzp
    """
    if ctx.invoked_subcommand is None:
        common.echo(common.env_of(), ctx.get_help())


def _targets(env: Any, names: tuple[str, ...], files: tuple[str, ...], kustomize: str | None,
             recursive: bool) -> list[tuple[Any, str, str]]:
    """(kind, name, namespace) in the builder's order: -f documents (their own namespace, none by default), then
    the names."""
    from ..api import registry

    out: list[tuple[Any, str, str]] = []
    paths = common.manifest_paths(env, files, kustomize)
    if paths:
        from ..api.manifests import iter_documents

        for doc in iter_documents(paths, recursive):
            k = registry.by_api_version_kind(doc.obj["apiVersion"], doc.obj["kind"])
            md = doc.obj.get("metadata") or {}
            out.append((k, str(md.get("name", "")), str(md.get("namespace") or "")))
    csr = registry.resolve("certificatesigningrequests")
    out.extend((csr, n, "") for n in names)
    return out


def _decide(csr: dict, refuse: str, want: str, reason: str, message: str, now: str) -> tuple[dict, bool]:
    """kubectl's addConditionIfNeeded: (the CSR with the condition added, whether it had it already)."""
    name = csr["metadata"]["name"]
    out = copy.deepcopy(csr)
    conditions = (out.get("status") or {}).get("conditions") or []
    has = False
    for c in conditions:
        if c.get("type") == refuse:
            raise errors.ClientError(f'error: certificate signing request "{name}" is already {refuse}')
        if c.get("type") == want:
            has = True
    if has:
        return out, True
    conditions.append({"type": want, "status": "True", "reason": reason, "message": message,
                       "lastUpdateTime": now})
    out.setdefault("status", {})["conditions"] = conditions
    return out, False


def _run(operation: str, refuse: str, want: str, reason: str, message: str, names: tuple[str, ...],
         files: tuple[str, ...], kustomize: str | None, recursive: bool, output: str | None, template_flag: str,
         show_managed_fields: bool, force: bool) -> None:
    from ..client import rest
    from ..client.rest import resource_name

    env = common.env_of()
    fmt = output or ""
    if fmt:
        from .create import check_output_format

        if template_flag and "=" not in fmt:
            fmt = f"{fmt}={template_flag}"
        check_output_format(fmt)
    if not names and not files and not kustomize:
        raise errors.ClientError("error: one or more CSRs must be specified as <name> or -f <filename>")
    store = common.open_store(env)
    targets = _targets(env, names, files, kustomize, recursive)
    found = 0
    failed = False
    for kind, name, ns in targets:
        try:
            if kind.namespaced and not ns:
                # The builder reads files without a namespace default (cli-runtime's RetrieveLatest).
                gv = f"{kind.group}/{kind.version}" if kind.group else f"/{kind.version}"
                raise errors.ClientError(f'error: no namespace set on resource {gv}, Resource={kind.plural} "{name}"')
            with store.transaction() as tx:
                live = rest.get_object(tx, kind, ns, name)
                if live is None:
                    raise errors.NotFound(f'{resource_name(kind.group, kind.kind)} "{name}" not found')
                if (kind.group, kind.kind) != (CSR_GROUP, CSR_KIND):
                    got = f"{kind.kind}.{kind.group}" if kind.group else kind.kind
                    raise errors.ClientError(f"error: can only handle {CSR_KIND}.{CSR_GROUP} objects, got {got}")
                changed, had = _decide(live, refuse, want, reason, message, env.now_str())
                if not had or force:
                    rest.update_approval(tx, changed, live)
        except errors.PykubectlError as e:
            env.stdout.flush()
            common.err(env, str(e))
            failed = True
            continue
        found += 1
        if fmt:
            env.stdout.write(common.render_objects(env, [live], fmt, single=True,
                                                   show_managed_fields=show_managed_fields))
        else:
            common.echo(env, f"{common.display_kind(kind)}/{name} {operation}")
    common.settle(store)
    if failed:
        raise errors.PykubectlError("")
    if not found:
        env.stdout.write("No resources found\n")


@certificate_group.command("approve", context_settings=CTX)
@click.argument("names", nargs=-1)
@options_from(APPROVE_FLAGS)
def approve_cmd(names: tuple[str, ...], files: tuple[str, ...], kustomize: str | None, recursive: bool,
                output: str | None, template_flag: str, show_managed_fields: bool, force: bool,
                allow_missing_template_keys: bool) -> None:
    """Approve a certificate signing request.

    kubectl certificate approve allows a cluster admin to approve a certificate signing request (CSR). This action
    tells a certificate signing controller to issue a certificate to the requester with the attributes requested in
    the CSR.

    SECURITY NOTICE: Depending on the requested attributes, the issued certificate can potentially grant a
    requester access to cluster resources or to authenticate as a requested identity. Before approving a CSR,
    ensure you understand what the signed certificate can do.

    \b
    Examples:
      # Approve CSR 'csr-sqgzp'
      pykubectl certificate approve csr-sqgzp
    """
    _run("approved", "Denied", "Approved", "KubectlApprove", "This CSR was approved by kubectl certificate approve.",
         names, files, kustomize, recursive, output, template_flag, show_managed_fields, force)


@certificate_group.command("deny", context_settings=CTX)
@click.argument("names", nargs=-1)
@options_from(DENY_FLAGS)
def deny_cmd(names: tuple[str, ...], files: tuple[str, ...], kustomize: str | None, recursive: bool,
             output: str | None, template_flag: str, show_managed_fields: bool, force: bool,
             allow_missing_template_keys: bool) -> None:
    """Deny a certificate signing request.

    kubectl certificate deny allows a cluster admin to deny a certificate signing request (CSR). This action tells
    a certificate signing controller to not to issue a certificate to the requester.

    \b
    Examples:
      # Deny CSR 'csr-sqgzp'
      pykubectl certificate deny csr-sqgzp
    """
    _run("denied", "Approved", "Denied", "KubectlDeny", "This CSR was denied by kubectl certificate deny.",
         names, files, kustomize, recursive, output, template_flag, show_managed_fields, force)


COMMANDS = {"certificate": certificate_group}
