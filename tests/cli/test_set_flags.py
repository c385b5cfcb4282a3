"""The set subcommands' printer flags and -k, and the flags kubectl 1.32 gives them (set selector and set
serviceaccount have no -l). Expected texts: real kubectl 1.32 with KUBECONFIG=/dev/null (--local)."""

from __future__ import annotations

import pytest

def test_template_on_set_image(run, kz) -> None:
    res = run(["set", "image", "--local", "-f", str(kz / "dep.yaml"), "web=nginx:2",
               "--template={{range .spec.template.spec.containers}}{{.image}}{{end}}"])
    assert (res.code, res.out) == (0, "nginx:2")


def test_kustomize_on_set_and_errors_after_the_objects(run, kz) -> None:
    """The Service cannot take an image: kubectl prints the Deployment first and the error after it."""
    res = run(["set", "image", "--local", "-k", str(kz), "web=nginx:2", "-o", "jsonpath", "--template={.metadata.name} "])
    assert (res.code, res.out, res.err) == (1, "kz-web ", "error: service/kz-websvc the object is not a pod or does not "
                                                         "have a pod template: *v1.Service\n")
    res = run(["set", "resources", "--local", "-k", str(kz), "--limits=cpu=1", "-o", "name"])
    assert (res.code, res.out) == (1, "deployment.apps/kz-web\n")
    res = run(["set", "serviceaccount", "--local", "-k", str(kz), "sa1", "--template",
               "{{.spec.template.spec.serviceAccountName}}"])
    assert (res.code, res.out) == (1, "sa1")


def test_kustomize_against_the_cluster(run, kz) -> None:
    assert run(["apply", "-k", str(kz)]).code == 0
    res = run(["set", "image", "-k", str(kz), "web=nginx:3"])
    assert (res.code, res.out) == (1, "deployment.apps/kz-web image updated\n")
    assert run(["get", "deploy", "kz-web", "-o", "jsonpath={.spec.template.spec.containers[0].image}"]).out == "nginx:3"


@pytest.mark.parametrize("sub,arg", [("selector", "app=x"), ("serviceaccount", "sa1")])
def test_no_selector_flag_on_set_selector_and_serviceaccount(run, kz, sub, arg) -> None:
    res = run(["set", sub, "--local", "-f", str(kz / "svc.yaml"), arg, "-l", "a=b"])
    assert (res.code, res.err) == (1, f"error: unknown shorthand flag: 'l' in -l\nSee 'kubectl set {sub} --help' "
                                      "for usage.\n")
    res = run(["set", sub, "--local", "-f", str(kz / "svc.yaml"), arg, "--selector=a=b"])
    assert (res.code, res.err) == (1, f"error: unknown flag: --selector\nSee 'kubectl set {sub} --help' for usage.\n")


def test_set_selector_template(run, kz) -> None:
    res = run(["set", "selector", "--local", "-f", str(kz / "svc.yaml"), "app=x", "--template={{.spec.selector}}"])
    assert (res.code, res.out) == (0, "map[app:x]")
