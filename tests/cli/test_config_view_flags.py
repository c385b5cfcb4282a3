"""config view --merge and the printer flags, as real kubectl 1.32 behaved (KUBECONFIG pointing at a file): --merge=false
needs an explicit --kubeconfig; -o defaults to yaml, yet a --template alone prints the Go template."""

from __future__ import annotations


def test_merge_false_needs_a_file(run, tmp_path) -> None:
    res = run(["config", "view", "--merge=false"])
    assert (res.code, res.err) == (1, "error: if merge==false a precise file must be specified\n")
    res = run(["config", "view", "--merge=false", "--kubeconfig", str(tmp_path / "kc"), "--template", "{{.kind}}"])
    assert (res.code, res.out) == (0, "Config")


def test_template(run) -> None:
    assert run(["config", "view", "--template", "{{.kind}}"]).out == "Config"
    assert run(["config", "view", "-o", "go-template", "--template", "{{.kind}}"]).out == "Config"
    assert run(["config", "view"]).out.startswith("apiVersion: v1\nclusters: null\n")
