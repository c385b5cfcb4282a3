"""`-k DIR` on the verbs: `apply -k` creates exactly what `apply -f` of the built output creates; the flag's
usage errors are kubectl's; `validate -k` names the source file and line; errors kubectl cannot reproduce here
(remote resources, helm) are clear."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Runner

CORPUS = Path(__file__).resolve().parents[2] / "fixtures" / "kustomize"
_VALID = sorted(p.name for p in CORPUS.iterdir()
                if (p / "golden.json").is_file() and json.loads((p / "golden.json").read_text())["exit"] == 0)
# A spread of the corpus's valid cases (every seventh), plus ones with generators, references and overlays.
APPLY_CASES = sorted(set(_VALID[::7]) | {"024-prefix-suffix-refs", "051-generator-refs-propagate",
                                          "041-images-name-and-tag", "119-generator-pull-secret-and-sts"})
KINDS = "deployments,statefulsets,services,configmaps,secrets,serviceaccounts,roles,rolebindings,pvc,cronjobs"


def _target(name: str) -> Path:
    case = CORPUS / name
    return case / "tree" / json.loads((case / "golden.json").read_text())["target"]


@pytest.mark.parametrize("name", APPLY_CASES)
def test_apply_k_creates_what_apply_f_of_the_build_creates(name: str, tmp_path: Path) -> None:
    target = _target(name)
    by_k, by_f = Runner(str(tmp_path / "k.db")), Runner(str(tmp_path / "f.db"))
    built = by_f(["kustomize", str(target)])
    assert built.code == 0
    assert by_k(["kustomize", str(target)]).out == built.out  # (both runners now seed their next commands alike)
    manifest = tmp_path / "built.yaml"
    manifest.write_text(built.out)

    applied_k = by_k(["apply", "-k", str(target)])
    applied_f = by_f(["apply", "-f", str(manifest)])
    assert applied_k.code == applied_f.code, applied_k.err
    assert applied_k.out == applied_f.out
    # -k prints the build's warnings first, then the same refusals as -f (a namespace that does not exist...),
    # named after the directory instead of the file
    assert applied_k.err.startswith(built.err)
    rest = applied_k.err[len(built.err):]
    assert rest.replace(f'"{target}"', '"F"') == applied_f.err.replace(f'"{manifest}"', '"F"')
    if applied_k.code == 0:
        assert applied_k.out.count(" created\n") == built.out.count("\nkind: ")  # one per built object
    got_k = by_k(["get", KINDS, "-o", "yaml"])
    got_f = by_f(["get", KINDS, "-o", "yaml"])
    assert got_k.out == got_f.out
    # and the objects read back by -k are the ones just applied
    if applied_k.code == 0:
        listed = by_k(["get", "-k", str(target), "-o", "name"])
        assert sorted(listed.out.split()) == sorted(line.split()[0] for line in applied_k.out.splitlines())


def test_delete_k_removes_what_apply_k_created(run, tmp_path: Path) -> None:
    target = _target("024-prefix-suffix-refs")
    assert run(["apply", "-k", str(target)]).code == 0
    deleted = run(["delete", "-k", str(target)])
    assert deleted.code == 0
    assert "deployment.apps \"p-api-s\" deleted" in deleted.out
    assert run(["get", "deployment", "p-api-s"]).code == 1


def test_create_k_and_replace_k(run) -> None:
    target = _target("001-resources-single-file")
    assert run(["create", "-k", str(target)]).out == "deployment.apps/web created\n"
    assert run(["replace", "-k", str(target)]).out == "deployment.apps/web replaced\n"


@pytest.mark.parametrize("verb,code", [("apply", 1), ("create", 1), ("delete", 1), ("get", 1), ("replace", 1),
                                       ("diff", 2)])
def test_f_and_k_together_is_refused_as_kubectl_does(run, verb: str, code: int) -> None:
    # kubectl 1.32: "error: only one of -f or -k can be specified"; diff exits 2 on its own errors
    got = run([verb, "-f", "x.yaml", "-k", "."])
    assert (got.out, got.err, got.code) == ("", "error: only one of -f or -k can be specified\n", code)


def test_apply_k_build_error_is_kustomizes(run, tmp_path: Path) -> None:
    (tmp_path / "kustomization.yaml").write_text("resourcez: []\n")
    got = run(["apply", "-k", str(tmp_path)])
    assert (got.out, got.err, got.code) == ("", 'error: invalid Kustomization: json: unknown field "resourcez"\n', 1)


def test_apply_k_prints_deprecation_warnings(run) -> None:
    got = run(["apply", "-k", str(_target("029-commonlabels-basic"))])
    assert got.code == 0
    assert got.err == ("# Warning: 'commonLabels' is deprecated. Please use 'labels' instead. Run 'kustomize edit "
                       "fix' to update your Kustomization automatically.\n")


def test_validate_k_points_at_the_source_file_and_line(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "kustomization.yaml").write_text("namePrefix: x-\nresources:\n- app.yaml\n")
    (tmp_path / "app.yaml").write_text(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n---\napiVersion: v1\nkind: Service\nmetadata:\n"
        "  name: s\nspec:\n  ports:\n  - port: 80\n    bogus: true\n")
    monkeypatch.chdir(tmp_path)
    got = run(["validate", "-k", "."])
    assert got.code == 1
    assert got.out.startswith("app.yaml:13:5: document 2: spec.ports[0].bogus: ")
    assert "unknown field" in got.out


def test_validate_k_reports_a_build_error_at_its_file(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "kustomization.yaml").write_text("resources:\n- app.yaml\n")
    (tmp_path / "app.yaml").write_text("apiVersion: v1\nmetadata:\n  name: x\n")
    monkeypatch.chdir(tmp_path)
    got = run(["validate", "-k", "."])
    assert got.code == 1
    assert got.out.startswith("app.yaml:1:1: document 0: accumulating resources: accumulation err='accumulating "
                              "resources from 'app.yaml': missing kind in object")


def test_remote_resources_and_helm_give_clear_errors(run, tmp_path: Path) -> None:
    (tmp_path / "kustomization.yaml").write_text("resources:\n- https://github.com/example/repo//app?ref=v1\n")
    got = run(["kustomize", str(tmp_path)])
    assert got.code == 1
    assert "remote resources are not supported" in got.err and "without network access" in got.err
    (tmp_path / "kustomization.yaml").write_text("helmCharts:\n- name: nginx\n")
    got = run(["kustomize", str(tmp_path)])
    assert (got.err, got.code) == ("error: trouble configuring builtin HelmChartInflationGenerator with config: "
                                   "`\nname: nginx\n`: must specify --enable-helm\n", 1)


def test_validate_k_points_at_the_patch_that_wrote_the_field(run, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "kustomization.yaml").write_text(
        "resources:\n- d.yaml\npatches:\n- path: p.yaml\n- patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n"
        "    metadata:\n      name: web\n    spec:\n      replicas: -3\n")
    (tmp_path / "d.yaml").write_text(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  selector:\n"
        "    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n"
        "      containers:\n      - name: web\n        image: nginx\n")
    (tmp_path / "p.yaml").write_text(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n"
        "      containers:\n      - name: web\n        imagePullPolicy: Sometimes\n")
    monkeypatch.chdir(tmp_path)
    got = run(["validate", "-k", "."])
    assert got.code == 1
    lines = got.out.splitlines()
    # the replica count the inline patch set (line 11 of the kustomization), not the 1 of d.yaml
    assert lines[0].startswith("kustomization.yaml:11:7: document 1: spec.replicas: ")
    assert lines[1].startswith("p.yaml:10:9: document 1: spec.template.spec.containers[0].imagePullPolicy: ")
