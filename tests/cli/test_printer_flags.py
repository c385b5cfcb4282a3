"""kubectl's printer flags (--template, --allow-missing-template-keys, --show-managed-fields) on the commands that
print objects. The expected texts are what real kubectl 1.32 printed (client-side: KUBECONFIG=/dev/null and
--dry-run=client; the others through pykubectl serve)."""

from __future__ import annotations

import pytest

CM = ["create", "configmap", "cm", "--dry-run=client"]

# (flags, stdout, stderr, exit code) of `kubectl create configmap cm --dry-run=client FLAGS`, recorded.
RECORDED = [
    (["--template={{.metadata.name}}"], "cm", "", 0),
    (["-o", "go-template", "--template={{.kind}}"], "ConfigMap", "", 0),
    (["-o", "jsonpath", "--template={.kind}"], "ConfigMap", "", 0),
    (["-o", "name", "--template=x"], "configmap/cm\n", "", 0),
    (["--template={{.nope}}"], "<no value>", "", 0),
    (["-o", "jsonpath={.nope}"], "", "", 0),
    (["-o", "go-template={{.kind}}", "--template={{.metadata.name}}"], "",
     'error: unable to match a printer suitable for the output format "go-template={{.kind}}", allowed formats '
     "are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,"
     "yaml\n", 1),
    (["-o", "go-template"], "", "error: template format specified but no template given\n", 1),
    (["-o", "templatefile", "--template=/nonexistent-template"], "",
     "error: error reading --template /nonexistent-template, open /nonexistent-template: no such file or "
     "directory\n", 1),
    (["-o", "jsonpath={.nope}", "--allow-missing-template-keys=false"],
     "", 'error: error executing jsonpath "{.nope}": Error executing template: nope is not found. Printing more '
     'information for debugging the template:\n'
     '\ttemplate was:\n\t\t{.nope}\n'
     '\tobject given to jsonpath engine was:\n'
     '\t\tmap[string]interface {}{"apiVersion":"v1", "kind":"ConfigMap", "metadata":map[string]interface {}'
     '{"creationTimestamp":interface {}(nil), "name":"cm"}}\n\n\n', 1),
]


@pytest.mark.parametrize("flags,out,err,code", RECORDED, ids=[" ".join(r[0]) for r in RECORDED])
def test_create_printer_flags_as_kubectl(run, flags, out, err, code) -> None:
    res = run(CM + flags)
    assert (res.out, res.err, res.code) == (out, err, code)


def test_missing_key_with_allow_false_fails_go_template(run) -> None:
    res = run(CM + ["--template={{.nope}}", "--allow-missing-template-keys=false"])
    assert res.code == 1
    assert res.err.endswith('error: error executing template "{{.nope}}": template: output:1:2: executing "output" '
                            'at <.nope>: map has no entry for key "nope"\n')
    assert res.out.startswith("Error executing template: template: output:1:2:")


@pytest.mark.parametrize("cmd", [
    ["create", "namespace", "n1"], ["create", "deployment", "d", "--image=nginx"],
    ["create", "secret", "generic", "s"], ["create", "service", "clusterip", "s", "--tcp=80"],
    ["create", "serviceaccount", "sa"], ["create", "job", "j", "--image=busybox"],
])
def test_every_create_generator_takes_a_template(run, cmd) -> None:
    res = run(cmd + ["--dry-run=client", "--template={{.metadata.name}}"])
    assert (res.code, res.out) == (0, cmd[-2] if cmd[-1].startswith("--") else cmd[-1])


def test_token_and_whoami_take_a_template_with_o(run) -> None:
    """Through serve, real kubectl 1.32 printed TokenRequest and kubernetes-admin with -o go-template; a template
    without -o changed nothing (the token, the table): these commands print an object only for -o."""
    assert run(["create", "token", "default", "-o", "go-template", "--template={{.kind}}"]).out == "TokenRequest"
    assert run(["auth", "whoami", "-o", "go-template", "--template={{.status.userInfo.username}}"]).out == \
        "kubernetes-admin"
    assert run(["create", "token", "default", "--template={{.kind}}"]).out.startswith("eyJ")
    assert run(["auth", "whoami", "--template={{.kind}}"]).out.startswith("ATTRIBUTE ")
    res = run(["auth", "whoami", "-o", "go-template"])
    assert (res.code, res.err) == (1, "error: template format specified but no template given\n")
