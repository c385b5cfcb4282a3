"""label, annotate, patch and taint: the printer flags and -k as real kubectl 1.32 has them (client-side with
KUBECONFIG=/dev/null and --local; taint and the server-side lines through pykubectl serve)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("verb", ["label", "annotate"])
def test_label_and_annotate_templates(run, kz, verb) -> None:
    dep = str(kz / "dep.yaml")
    assert run([verb, "--local", "-f", dep, "a=b", "--template={{.metadata.name}}"]).out == "web"
    assert run([verb, "--local", "-f", dep, "a=b", "-o", "go-template", "--template={{.metadata.name}}"]).out == "web"
    res = run([verb, "--local", "-k", str(kz), "a=b", "-o", "name"])
    assert (res.code, res.out) == (0, "service/kz-websvc\ndeployment.apps/kz-web\n")
    # --list refuses only an -o given: a template alone leaves the listing as it is.
    res = run([verb, "--local", "-f", dep, "--list", "--template={{.metadata.name}}"])
    assert (res.code, res.out, res.err) == (0, "", "")
    res = run([verb, "--local", "-f", dep, "--list", "-o", "name"])
    assert (res.code, res.err) == (1, "error: --list and --output may not be specified together\n")


def test_label_kustomize_against_the_cluster(run, kz) -> None:
    assert run(["apply", "-k", str(kz)]).code == 0
    res = run(["label", "-k", str(kz), "c=d"])
    assert res.out == "service/kz-websvc labeled\ndeployment.apps/kz-web labeled\n"
    assert run(["label", "deploy", "kz-web", "a=b", "--template={{.metadata.labels}}"]).out == "map[a:b c:d]"


def test_patch_template_and_kustomize(run, kz) -> None:
    res = run(["patch", "--local", "-f", str(kz / "dep.yaml"), "-p", '{"spec":{"replicas":3}}',
               "--template={{.spec.replicas}}"])
    assert (res.code, res.out) == (0, "3")
    res = run(["patch", "--local", "-k", str(kz), "-p", '{"metadata":{"labels":{"x":"y"}}}', "-o", "name"])
    assert (res.code, res.out) == (0, "service/kz-websvc\ndeployment.apps/kz-web\n")
    assert run(["apply", "-k", str(kz)]).code == 0
    res = run(["patch", "-k", str(kz), "-p", '{"metadata":{"labels":{"x":"y"}}}', "--template={{.metadata.name}} "])
    assert (res.code, res.out) == (0, "kz-websvc kz-web ")


def test_taint_template(run) -> None:
    res = run(["taint", "node", "pykubectl-worker", "k=v:NoSchedule",
               "--template={{range .spec.taints}}{{.key}} {{end}}"])
    assert (res.code, res.out) == (0, "k ")
    assert run(["taint", "node", "pykubectl-worker", "k-", "-o", "name"]).out == "node/pykubectl-worker\n"
