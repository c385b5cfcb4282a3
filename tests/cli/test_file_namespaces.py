"""Objects read from files (-f) are found in the namespace their manifest names, and an explicit --namespace that
differs is refused before anything is done, as real kubectl 1.32 did through pykubectl serve (2026-12-06): one
object -> "error: the namespace from the provided object ...", several -> one line each (an aggregate), exit 1;
diff and scale stop at the first."""

from __future__ import annotations

MANIFEST = """apiVersion: v1
kind: ConfigMap
metadata: {name: one, namespace: other}
data: {a: "1"}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: two, namespace: other}
"""
PROBLEM = ('the namespace from the provided object "other" does not match the namespace "default". You must pass '
           "'--namespace=other' to perform this operation.")


def _setup(run, tmp_path):
    assert run(["create", "namespace", "other"]).code == 0
    path = tmp_path / "cms.yaml"
    path.write_text(MANIFEST)
    assert run(["apply", "-f", str(path)]).code == 0
    one = tmp_path / "one.yaml"
    one.write_text(MANIFEST.split("---\n")[0])
    return str(path), str(one)


def test_get_and_describe_use_the_manifests_namespace(run, tmp_path) -> None:
    both, _ = _setup(run, tmp_path)
    assert run(["get", "-f", both, "-o", "name"]).out == "configmap/one\nconfigmap/two\n"
    out = run(["describe", "-f", both]).out
    assert out.startswith("Name:         one\nNamespace:    other\n") and "Name:         two\n" in out


def test_an_explicit_other_namespace_is_refused_for_every_verb(run, tmp_path) -> None:
    both, one = _setup(run, tmp_path)
    for verb in (["get"], ["describe"], ["label", "x=y"], ["annotate", "x=y"], ["delete"], ["apply"], ["replace"],
                 ["create"]):
        res = run([*verb, "-f", one, "-n", "default"])
        assert (res.code, res.out, res.err) == (1, "", f"error: {PROBLEM}\n"), verb
        res = run([*verb, "-f", both, "-n", "default"])
        assert (res.code, res.out, res.err) == (1, "", f"{PROBLEM}\n{PROBLEM}\n"), verb
    assert run(["get", "cm", "one", "two", "-n", "other", "-o", "name"]).code == 0  # nothing was deleted
    res = run(["diff", "-f", both, "-n", "default"])
    assert (res.code, res.err) == (2, f"error: {PROBLEM}\n")
    assert run(["get", "-f", both, "-n", "other", "-o", "name"]).out == "configmap/one\nconfigmap/two\n"
