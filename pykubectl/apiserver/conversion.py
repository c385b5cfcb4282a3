"""Conversion on read: the object in the API version a request named."""

from __future__ import annotations

from typing import Any


def served_version(kind: Any, obj: Any) -> Any:
    """The object in the version the request named, when it is stored in another: an autoscaling/v1
    HorizontalPodAutoscaler from the stored v2 one (its CPU utilization target; derived from the API's conversion,
    recordings wanted); a custom resource under another served version of its CRD (conversion strategy None: only
    apiVersion changes, as real kubectl 1.32 showed through serve); other kinds have one stored shape for all their
    versions."""
    if not isinstance(obj, dict) or obj.get("kind") != kind.kind or obj.get("apiVersion") in (None, kind.api_version):
        return obj
    out = dict(obj, apiVersion=kind.api_version)
    if (kind.group, kind.kind, kind.version) == ("autoscaling", "HorizontalPodAutoscaler", "v1"):
        spec, status = obj.get("spec") or {}, obj.get("status") or {}
        v1spec = {k: spec[k] for k in ("scaleTargetRef", "minReplicas", "maxReplicas") if k in spec}
        for m in spec.get("metrics") or []:
            target = ((m.get("resource") or {}).get("target") or {})
            if m.get("type") == "Resource" and (m.get("resource") or {}).get("name") == "cpu" and \
                    target.get("type") == "Utilization":
                v1spec["targetCPUUtilizationPercentage"] = target.get("averageUtilization")
        v1status = {k: status[k] for k in ("observedGeneration", "lastScaleTime", "currentReplicas",
                                           "desiredReplicas") if k in status}
        for m in status.get("currentMetrics") or []:
            current = (m.get("resource") or {}).get("current") or {}
            if (m.get("resource") or {}).get("name") == "cpu" and "averageUtilization" in current:
                v1status["currentCPUUtilizationPercentage"] = current["averageUtilization"]
        out["spec"], out["status"] = v1spec, v1status
    return out
