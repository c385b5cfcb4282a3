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



def test_server_side_apply_errors_have_no_file_context(run, tmp_path) -> None:
    """apply.go returns a server-side apply's error as it is: with two refused objects real kubectl 1.32 printed no
    'error when patching "FILE"' (through serve), while a client-side apply names the file."""
    path = tmp_path / "bad.yaml"
    svc = "apiVersion: v1\nkind: Service\nmetadata: {{name: {}}}\nspec: {{ports: [{{port: 80, protocol: BAD}}]}}\n"
    path.write_text(svc.format("s1") + "---\n" + svc.format("s2"))
    why = 'is invalid: spec.ports[0].protocol: Unsupported value: "BAD": supported values: "SCTP", "TCP", "UDP"'
    res = run(["apply", "--server-side", "-f", str(path)])
    assert (res.code, res.err) == (1, f'Error from server (Invalid): Service "s1" {why}\n'
                                      f'Error from server (Invalid): Service "s2" {why}\n')
    res = run(["apply", "-f", str(path)])
    assert res.err.startswith(f'Error from server (Invalid): error when creating "{path}": Service "s1" {why}\n')
