"""scale -k, -R and the printer flags, as real kubectl 1.32 did through pykubectl serve."""

from __future__ import annotations


def test_scale_kustomize_and_recursive(run, kz, tmp_path) -> None:
    assert run(["apply", "-k", str(kz)]).code == 0
    res = run(["scale", "-k", str(kz), "--replicas=2", "--dry-run=client"])
    # A client dry run reads no scale subresource: the Service is "scaled" too, as kubectl prints it.
    assert (res.code, res.out) == (0, "service/kz-websvc scaled (dry run)\ndeployment.apps/kz-web scaled (dry run)\n")
    sub = tmp_path / "tree" / "sub"
    sub.mkdir(parents=True)
    (sub / "dep.yaml").write_text((kz / "dep.yaml").read_text())
    assert run(["apply", "-f", str(sub / "dep.yaml")]).code == 0
    res = run(["scale", "-f", str(tmp_path / "tree"), "-R", "--replicas=2", "--dry-run=client"])
    assert (res.code, res.out) == (0, "deployment.apps/web scaled (dry run)\n")


def test_scale_template(run, kz) -> None:
    assert run(["apply", "-f", str(kz / "dep.yaml")]).code == 0
    res = run(["scale", "deploy", "web", "--replicas=2", "--template={{.metadata.name}}", "--dry-run=server"])
    assert (res.code, res.out) == (0, "web")
