"""apply's flags kubectl 1.32 has beyond the ones pykubectl read: --force (delete and create again what the server
refuses to patch), the deletion flags it uses (--cascade, --grace-period, --timeout, --wait), --subresource,
--openapi-patch, --overwrite, the printer flags. Texts: real kubectl 1.32 through pykubectl serve."""

from __future__ import annotations

import pytest

D1 = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: fx
spec:
  replicas: 1
  selector:
    matchLabels: {app: fx}
  template:
    metadata:
      labels: {app: fx}
    spec:
      containers:
      - name: c
        image: nginx
"""


@pytest.fixture
def manifests(tmp_path):
    (tmp_path / "d1.yaml").write_text(D1)
    (tmp_path / "d2.yaml").write_text(D1.replace("app: fx}", "app: fx2}"))
    return tmp_path


def test_force_replaces_what_cannot_be_patched(run, manifests) -> None:
    d1, d2 = str(manifests / "d1.yaml"), str(manifests / "d2.yaml")
    assert run(["apply", "-f", d1]).code == 0
    uid = run(["get", "deploy", "fx", "-o", "jsonpath={.metadata.uid}"]).out
    res = run(["apply", "-f", d2])
    assert res.code == 1 and "field is immutable" in res.err
    res = run(["apply", "-f", d2, "--force"])
    assert (res.code, res.out, res.err) == (0, "deployment.apps/fx configured\n", "")
    assert run(["get", "deploy", "fx", "-o", "jsonpath={.spec.selector}"]).out == '{"matchLabels":{"app":"fx2"}}'
    assert run(["get", "deploy", "fx", "-o", "jsonpath={.metadata.uid}"]).out != uid
    res = run(["apply", "-f", d1, "--force", "--dry-run=client"])
    assert (res.code, res.out) == (0, "deployment.apps/fx configured (dry run)\n")
    res = run(["apply", "-f", d1, "--force", "--grace-period=5", "--timeout=1s", "-o", "name"])
    assert (res.code, res.out) == (0, "deployment.apps/fx\n")


def test_flag_checks(run, manifests) -> None:
    d1 = str(manifests / "d1.yaml")
    cases = [
        (["--force", "--dry-run=server"], "error: --dry-run=server cannot be used with --force\n"),
        (["--subresource=status"], "error: --subresource can only be specified for --server-side\n"),
        (["--cascade=bogus"], 'error: invalid cascade value (bogus). Must be "background", "foreground", or '
                              '"orphan"\n'),
        (["--force", "--server-side"], "error: --force cannot be used with --server-side\n"),
        (["--force", "--prune", "--all"], "error: --force cannot be used with --prune\n"),
    ]
    for flags, err in cases:
        res = run(["apply", "-f", d1, *flags])
        assert (res.code, res.err) == (1, err), flags


def test_accepted_flags_and_template(run, manifests) -> None:
    d1 = str(manifests / "d1.yaml")
    res = run(["apply", "-f", d1, "--openapi-patch=false", "--wait", "--cascade=orphan",
               "--template={{.metadata.name}}"])
    assert (res.code, res.out) == (0, "fx")
    res = run(["apply", "-f", d1, "-o", "jsonpath", "--template={.kind}"])
    assert (res.code, res.out) == (0, "Deployment")
