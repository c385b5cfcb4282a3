"""Dry runs as real kubectl 1.32 printed them through pykubectl serve: taint --dry-run prints no "(dry run)" (taint.go
sets its printer's operation after the suffix was added) and changes nothing; autoscale's client dry run shows no
namespace; a --template alone means a Go template;
--server-print=false prints NAME and AGE."""

from __future__ import annotations


def test_dry_run_taint_prints_the_plain_operation(run) -> None:
    node = run(["get", "nodes", "-o", "name"]).out.split()[0].split("/", 1)[1]
    for mode in ("client", "server"):
        res = run(["taint", "node", node, "a=b:NoExecute", f"--dry-run={mode}"])
        assert (res.code, res.out) == (0, f"node/{node} tainted\n"), mode
    assert "a" not in run(["get", "node", node, "-o", "jsonpath={.spec.taints[*].key}"]).out.split()


def test_autoscale_client_dry_run_has_no_namespace(run) -> None:
    """autoscale.go builds the HPA without a namespace: real kubectl 1.32's client dry run with -n printed none."""
    assert run(["create", "namespace", "team"]).code == 0
    assert run(["create", "deployment", "web", "--image=nginx", "-n", "team"]).code == 0
    out = run(["autoscale", "deployment", "web", "--max=3", "-n", "team", "--dry-run=client", "-o", "yaml"]).out
    assert "namespace:" not in out and "  name: web\n" in out
    assert run(["autoscale", "deployment", "web", "--max=3", "-n", "team"]).code == 0
    assert run(["get", "hpa", "web", "-n", "team", "-o", "name"]).out == "horizontalpodautoscaler.autoscaling/web\n"


def test_a_template_alone_is_a_go_template(run) -> None:
    """kubectl get --template TEMPLATE without -o prints the Go template (real kubectl 1.32 through serve printed
    the pod count for --template='{{len .items}}'); -o jsonpath with --template still uses JSONPath."""
    assert run(["run", "alpha", "--image=nginx"]).code == 0
    assert run(["get", "pods", "--template={{len .items}}"]).out == "1"
    assert run(["get", "pods", "-o", "jsonpath", "--template={.items[0].metadata.name}"]).out == "alpha"


def test_server_print_false_prints_name_and_age(run) -> None:
    """get --server-print=false: kubectl prints without the server's columns (real kubectl 1.32 through serve
    printed NAME and AGE, NAMESPACE first with -A, the label columns after)."""
    assert run(["run", "alpha", "--image=nginx", "--labels=app=a"]).code == 0
    out = run(["get", "pods", "--server-print=false", "-L", "app"]).out
    assert out.splitlines()[0].split() == ["NAME", "AGE", "APP"] and out.splitlines()[1].split()[::2] == ["alpha", "a"]
    assert run(["get", "pods", "-A", "--server-print=false"]).out.splitlines()[0].split() == ["NAMESPACE", "NAME", "AGE"]
