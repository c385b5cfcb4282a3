"""Behaviour of the create subcommands / run / expose / autoscale beyond what the dry-run comparison with real
kubectl (test_create_dry_run.py) and the golden transcripts cover."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_group_without_subcommand_prints_help_on_stderr(run) -> None:  # type: ignore[no-untyped-def]
    # kubectl 1.32: `kubectl create secret` prints the group's help on stderr and exits 1.
    res = run("create secret")
    assert res.code == 1 and res.out == ""
    assert res.err.startswith("Create a secret with specified type.")
    assert "docker-registry" in res.err and "generic" in res.err and "tls" in res.err


def test_save_config_writes_the_sent_object_as_last_applied(run) -> None:  # type: ignore[no-untyped-def]
    assert run("create configmap cfg --from-literal=a=b --save-config").code == 0
    ann = json.loads(run("get cm cfg -o json").out)["metadata"]["annotations"]
    text = ann["kubectl.kubernetes.io/last-applied-configuration"]
    assert text.endswith("\n")
    assert json.loads(text) == {"kind": "ConfigMap", "apiVersion": "v1",
                                "metadata": {"name": "cfg", "creationTimestamp": None}, "data": {"a": "b"}}
    # apply then sees it as its own: changing data configures, no missing-annotation warning
    res = run("apply -f -", stdin="apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: c\n")
    assert (res.out, res.err, res.code) == ("configmap/cfg configured\n", "", 0)


def test_real_create_prints_the_stored_object(run) -> None:  # type: ignore[no-untyped-def]
    res = run("create sa builder -o json")
    obj = json.loads(res.out)
    assert obj["metadata"]["uid"] and obj["metadata"]["creationTimestamp"] == "2026-11-22T10:00:00Z"
    assert obj["metadata"]["namespace"] == "default"


def test_server_dry_run_validates_but_writes_nothing(run) -> None:  # type: ignore[no-untyped-def]
    res = run("create deployment Bad_Name --image=nginx --dry-run=server")
    # kubectl's generator prefixes the bare Status message (recorded: k8s-scenarios/16-errors-common, step 20).
    assert res.code == 1 and res.err.startswith('error: failed to create deployment: Deployment.apps "Bad_Name" is '
                                                'invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC')
    assert run("create deployment web --image=nginx --dry-run=server").out == \
        "deployment.apps/web created (server dry run)\n"
    assert run("get deploy web").code == 1
    assert run("get pods").err == "No resources found in default namespace.\n"


def test_env_file_key_without_value_reads_the_environment(run, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "x.env"
    f.write_text("\ufeffFROM_ENV\n  # indented comment\nPLAIN=1=2\n")
    monkeypatch.setenv("FROM_ENV", "hello")
    res = run(["create", "cm", "c", f"--from-env-file={f}", "--dry-run=client", "-o", "jsonpath={.data}"])
    assert res.out == '{"FROM_ENV":"hello","PLAIN":"1=2"}'


def test_env_file_bad_key(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "x.env"
    f.write_text("1BAD=x\n")
    res = run(["create", "secret", "generic", "s", f"--from-env-file={f}", "--dry-run=client"])
    assert res.code == 1 and res.err.startswith('error: "1BAD" is not a valid key name')


def test_run_expose_creates_pod_and_service(run) -> None:  # type: ignore[no-untyped-def]
    res = run("run web --image=nginx --port=80 --expose")
    assert res.out == "service/web created\npod/web created\n"
    eps = json.loads(run("get endpoints web -o json").out)
    assert [p["port"] for s in eps["subsets"] for p in s["ports"]] == [80]


def test_run_expose_creates_the_pod_first_and_a_refused_pod_leaves_no_service(run) -> None:  # type: ignore[no-untyped-def]
    # kubectl 1.32 (run.go): the pod is created first; the service is created and reported only after it. Seen
    # through `pykubectl serve` with real kubectl: a quota that refuses the pod leaves no service.
    assert run("create quota q --hard=memory=1G").code == 0
    res = run("run web --image=nginx --port=80 --expose")
    assert (res.out, res.code) == ("", 1)
    assert res.err == ('Error from server (Forbidden): pods "web" is forbidden: failed quota: q: '
                       "must specify memory for: web\n")
    assert run("get svc web").code == 1


def test_autoscale_stores_v2_with_default_cpu_target(run) -> None:  # type: ignore[no-untyped-def]
    assert run("create deployment web --image=nginx").code == 0
    assert run("autoscale deploy web --max=3").out == "horizontalpodautoscaler.autoscaling/web autoscaled\n"
    hpa = json.loads(run("get hpa web -o json").out)
    assert hpa["apiVersion"] == "autoscaling/v2"
    assert hpa["spec"]["minReplicas"] == 1 and hpa["spec"]["maxReplicas"] == 3
    assert hpa["spec"]["metrics"][0]["resource"]["target"] == {"type": "Utilization", "averageUtilization": 80}


def test_failed_create_leaves_the_store_unchanged(run) -> None:  # type: ignore[no-untyped-def]
    before = run("get all -A -o name").out
    for cmd in ("create service clusterip x --tcp=abc", "create configmap c --from-file=nope",
                "expose deploy nope --port=80", "create job j --from=cronjob/nope",
                "create ns Bad_NS", "run p --image=nginx --restart=Sometimes"):
        assert run(cmd).code == 1, cmd
    assert run("get all -A -o name").out == before
    assert run("get cm c").code == 1 and run("get ns Bad_NS").code == 1
