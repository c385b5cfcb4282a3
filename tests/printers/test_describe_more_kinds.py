"""describe for the kinds whose describers kubectl 1.32 has and pykubectl lacked (PriorityClass, IngressClass,
EndpointSlice), and the HPA metric types besides Resource. Each case in describe_cases/ holds an object as
pykubectl serves it and what real kubectl 1.32 printed describing that very object through `pykubectl serve`
(recorded 2026-12-06); none of these objects has events. The TARGETS cell cases are derived from the v1.32 table
printer's formatHPAMetrics (pkg/printers/internalversion/printers.go), read as facts."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from pykubectl.printers.describe import describe
from pykubectl.printers.table import _hpa_targets

CASES = Path(__file__).parent / "describe_cases"
NOW = datetime(2026, 12, 6, 12, 0, 0, tzinfo=timezone.utc)


def _no_lookup(kind, ns, sel):
    return []


@pytest.mark.parametrize("name", ["priorityclass", "ingressclass", "endpointslices"])
def test_describe_is_what_kubectl_printed(name: str) -> None:
    case = json.loads((CASES / f"{name}.json").read_text())
    assert describe(case["object"], now=NOW, events=[], lookup=_no_lookup) == case["kubectl_1_32"]


def test_a_pods_metric_is_described_by_name_with_its_average_target() -> None:
    case = json.loads((CASES / "hpa-pods-metric.json").read_text())
    out = describe(case["object"], now=NOW, events=[], lookup=_no_lookup)
    assert case["kubectl_1_32_metrics_line"] in out


def _hpa(metrics, current=None):
    return {"spec": {"metrics": metrics}, "status": {"currentMetrics": current or []}}


def test_targets_cell_per_metric_type() -> None:
    pods = {"type": "Pods", "pods": {"metric": {"name": "rps"}, "target": {"type": "AverageValue", "averageValue": "4"}}}
    ext_avg = {"type": "External", "external": {"metric": {"name": "q"},
                                                "target": {"type": "AverageValue", "averageValue": "30"}}}
    ext_val = {"type": "External", "external": {"metric": {"name": "q"}, "target": {"type": "Value", "value": "7"}}}
    obj = {"type": "Object", "object": {"metric": {"name": "hits"}, "describedObject": {"kind": "Service", "name": "s"},
                                        "target": {"type": "Value", "value": "10k"}}}
    assert _hpa_targets(_hpa([pods])) == "<unknown>/4"
    assert _hpa_targets(_hpa([pods], [{"type": "Pods", "pods": {"current": {"averageValue": "3"}}}])) == "3/4"
    assert _hpa_targets(_hpa([ext_avg])) == "<unknown>/30 (avg)"
    assert _hpa_targets(_hpa([ext_val])) == "<unknown>/7"
    assert _hpa_targets(_hpa([obj])) == "<unknown>/10k"
    cpu_value = {"type": "Resource", "resource": {"name": "cpu", "target": {"type": "AverageValue", "averageValue": "500m"}}}
    assert _hpa_targets(_hpa([cpu_value])) == "cpu: <unknown>/500m"
    no_target = {"type": "Resource", "resource": {"name": "memory", "target": {"type": "Utilization"}}}
    assert _hpa_targets(_hpa([no_target])) == "memory: <unknown>/<auto>"
    assert _hpa_targets(_hpa([pods, ext_avg, obj])) == "<unknown>/4, <unknown>/30 (avg) + 1 more..."
