"""replace --raw, --subresource, --field-manager, --timeout and the printer flags, with replace.go's checks; as real
kubectl 1.32 printed them through pykubectl serve."""

from __future__ import annotations

import json


def test_flag_checks(run, kz) -> None:
    dep = str(kz / "dep.yaml")
    cases = [
        ([], "error: must specify one of -f and -k\n"),
        (["-f", dep, "--grace-period=3"], "error: --grace-period must have --force specified\n"),
        (["-f", dep, "--timeout=3s"], "error: --timeout must have --force specified\n"),
        (["--raw=/x", "-f", "a", "-f", "b"], "error: --raw can only use a single local file or stdin\n"),
        (["--raw=/x", "-f", "a", "-o", "name"], "error: --raw and --output are mutually exclusive\n"),
        (["--raw=x", "-f", "a"], 'error: --raw must be a valid URL path: parse "x": invalid URI for request\n'),
    ]
    for flags, err in cases:
        res = run(["replace", *flags])
        assert (res.code, res.err) == (1, err), flags


def test_raw_puts_the_file(run) -> None:
    assert run(["create", "cm", "c2"]).code == 0
    body = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c2"},"data":{"a":"b"}}\n'
    res = run(["replace", "--raw", "/api/v1/namespaces/default/configmaps/c2", "-f", "-"], stdin=body)
    assert res.code == 0 and json.loads(res.out)["data"] == {"a": "b"}
    assert res.out.startswith('{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"c2","namespace":"default"')
    assert run(["get", "cm", "c2", "-o", "jsonpath={.data.a}"]).out == "b"


def test_subresource_scale_and_template(run, kz, tmp_path) -> None:
    assert run(["apply", "-f", str(kz / "dep.yaml")]).code == 0
    live = tmp_path / "live.yaml"
    live.write_text(run(["get", "deploy", "web", "-o", "yaml"]).out)
    res = run(["replace", "-f", str(live), "--subresource=scale"])
    assert (res.code, res.out) == (0, "scale.autoscaling/web replaced\n")
    live.write_text(run(["get", "deploy", "web", "-o", "yaml"]).out)
    res = run(["replace", "-f", str(live), "--template", "{{.kind}}", "--field-manager=mine"])
    assert (res.code, res.out) == (0, "Deployment")
