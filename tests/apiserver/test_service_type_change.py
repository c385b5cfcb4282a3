"""A Service changed to type ExternalName: the update drops the allocated cluster IPs (and IP families) the client
left as they were, and the address is free again. (The recorded case 869 shows the accepted update; the release of
the address is derived from the Service registry's update, which frees the IPs the new object no longer has.)"""

from __future__ import annotations

from pathlib import Path

SVC = """apiVersion: v1
kind: Service
metadata: {name: %s}
spec:
  clusterIP: 10.96.0.50
  ports: [{port: 80}]
"""

EXTERNAL = """apiVersion: v1
kind: Service
metadata: {name: a}
spec:
  type: ExternalName
  externalName: x.example.com
  ports: [{port: 80}]
"""


def test_external_name_frees_the_cluster_ip(run, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(SVC % "a")
    (tmp_path / "b.yaml").write_text(SVC % "b")
    (tmp_path / "ext.yaml").write_text(EXTERNAL)
    assert run(["apply", "-f", str(tmp_path / "a.yaml")]).code == 0
    res = run(["apply", "-f", str(tmp_path / "b.yaml")])
    assert res.code == 1 and "provided IP is already allocated" in res.err, res.err
    res = run(["apply", "-f", str(tmp_path / "ext.yaml")])
    assert (res.code, res.out) == (0, "service/a configured\n"), res.err
    spec = run("get svc a -o jsonpath={.spec}").out
    assert "clusterIP" not in spec and "ipFamilies" not in spec and "ipFamilyPolicy" not in spec, spec
    res = run(["apply", "-f", str(tmp_path / "b.yaml")])
    assert (res.code, res.out) == (0, "service/b created\n"), res.err
