"""diff -l/--selector, --prune and --prune-allowlist, as real kubectl 1.32 did through pykubectl serve: -l filters
the files' objects; --prune shows what a prune would delete as removed (live file, no merged one), with prune.go's
deprecation warning under the default allowlist."""

from __future__ import annotations

import pytest


def _cm(name: str, group: str, value: str = "v") -> str:
    return (f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n  labels: {{grp: {group}}}\n"
            f"data: {{k: {value}}}\n")


@pytest.fixture
def cms(tmp_path):
    for name, group, value in (("pa", "p", "v"), ("pb", "p", "v"), ("pc", "q", "v2")):
        (tmp_path / f"{name}.yaml").write_text(_cm(name, group, value))
    return tmp_path


def _diff_files(out: str) -> list[str]:
    return [line.split()[-1].rsplit("/", 1)[1] for line in out.splitlines() if line.startswith("diff ")]


def test_prune_shows_what_would_be_deleted(run, cms) -> None:
    assert run(["apply", "-f", str(cms / "pa.yaml"), "-f", str(cms / "pb.yaml")]).code == 0
    res = run(["diff", "-f", str(cms / "pa.yaml"), "--prune", "-l", "grp=p"])
    assert res.code == 1 and _diff_files(res.out) == ["v1.ConfigMap.default.pb"]
    assert "@@ -1,15 +0,0 @@\n-apiVersion: v1\n-data:\n-  k: v\n-kind: ConfigMap\n" in res.out
    assert "prune.go:71] Deprecated: kubectl apply will no longer prune non-namespaced resources" in res.err
    res = run(["diff", "-f", str(cms / "pa.yaml"), "--prune", "-l", "grp=p", "--prune-allowlist=core/v1/Secret"])
    assert (res.code, res.out, res.err) == (0, "", "")
    res = run(["diff", "-f", str(cms / "pa.yaml"), "--prune-allowlist=core/v1/Secret"])
    assert (res.code, res.out) == (0, "")


def test_selector_filters_the_files(run, cms) -> None:
    assert run(["apply", "-f", str(cms / "pa.yaml")]).code == 0
    res = run(["diff", "-f", str(cms / "pa.yaml"), "-f", str(cms / "pc.yaml"), "-l", "grp=q"])
    assert res.code == 1 and _diff_files(res.out) == ["v1.ConfigMap.default.pc"]


def test_bad_allowlist_entry(run, cms) -> None:
    res = run(["diff", "-f", str(cms / "pa.yaml"), "--prune", "--prune-allowlist=bad"])
    assert (res.code, res.err) == (2, "error: invalid GroupVersionKind format: bad, please follow "
                                      "<group/version/kind>\n")
