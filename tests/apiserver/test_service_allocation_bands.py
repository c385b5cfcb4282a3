"""Values the API server draws for Services keep clear of the static bands (ServiceNodePortStaticSubrange and
ServiceIPStaticSubrange, GA before v1.32): node ports 30000-30085 and the first 256 addresses of the service range
are left to values users ask for, so `--node-port=30080` after other NodePort services never finds it taken by
chance. Derived from the allocators' offset rule (min(max(16, size/step), max): 86 ports, 256 addresses)."""

from __future__ import annotations

import ipaddress
import json


def test_drawn_node_ports_and_cluster_ips_avoid_the_static_bands(run) -> None:  # type: ignore[no-untyped-def]
    for i in range(40):
        assert run(f"create service nodeport np{i} --tcp=80:80").code == 0
    services = json.loads(run("get svc -o json").out)["items"]
    ports = [p["nodePort"] for s in services for p in s["spec"].get("ports", []) if "nodePort" in p]
    assert len(ports) == 40 and all(30086 <= p <= 32767 for p in ports)
    first = int(ipaddress.ip_address("10.96.0.0"))
    drawn = [s["spec"]["clusterIP"] for s in services if s["metadata"]["name"] != "kubernetes"]
    assert all(int(ipaddress.ip_address(ip)) - first >= 257 for ip in drawn)
    # A port in the static band is still the user's to name.
    assert run("create service nodeport fixed --tcp=80:80 --node-port=30080").code == 0
