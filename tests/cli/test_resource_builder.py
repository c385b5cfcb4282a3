"""What kubectl's resource builder does before the server sees a request: the YAML it reads (go-yaml v2 via
sigs.k8s.io/yaml) and the NotFound it reports for a named object (cli-runtime's Info.Get)."""

from __future__ import annotations

from pathlib import Path


def test_a_named_object_in_a_missing_namespace_reports_the_namespace(run) -> None:
    # cli-runtime's Info.Get asks for the namespace (other than default) after a NotFound (recorded:
    # k8s-recordings 16-errors-common step 3)
    res = run("get deployment web -n no-such-namespace")
    assert (res.code, res.err) == (1, 'Error from server (NotFound): namespaces "no-such-namespace" not found\n')
    res = run("get deployment web")
    assert res.err == 'Error from server (NotFound): deployments.apps "web" not found\n'
    res = run("delete configmap x -n no-such-namespace")
    assert res.err == 'Error from server (NotFound): namespaces "no-such-namespace" not found\n'
    assert run("get deployment web -n no-such-namespace --ignore-not-found").code == 0


def test_y_and_n_are_booleans_to_kubectl(run, tmp_path: Path) -> None:
    # go-yaml v2 resolves y/Y/n/N as booleans (recorded: k8s-recordings 16-errors-common step 11)
    f = tmp_path / "cm.yaml"
    f.write_text("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels:\n    app: y\n")
    res = run(f"apply -f {f}")
    assert res.code == 1
    assert res.err == (f'Error from server (BadRequest): error when creating "{f}": ConfigMap in version "v1" cannot '
                       "be handled as a ConfigMap: json: cannot unmarshal bool into Go struct field "
                       "ObjectMeta.metadata.labels of type string\n")
    f.write_text("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: \"y\"\n  b: yy\n")
    assert run(f"apply -f {f}").code == 0
