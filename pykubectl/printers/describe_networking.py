"""`describe` for NetworkPolicy (the pod selector, the ingress and egress rules: ports, then peers, and the policy
types), IngressClass and EndpointSlice, in the layouts of kubectl 1.32's describers for them."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Callable

from . import describe as d


def _go_time(ts: str | None) -> str:
    """metav1.Time printed with %s (Go's time.Time.String in UTC): ``2026-12-06 00:18:58 +0000 UTC``."""
    if not ts:
        return "0001-01-01 00:00:00 +0000 UTC"
    return ts.replace("T", " ").replace("Z", "") + " +0000 UTC"


def _ports(w: Any, ports: list[dict[str, Any]], indent: str) -> None:
    if not ports:
        w.write(0, f"{indent}To Port: <any> (traffic allowed to all ports)\n")
    for port in ports:
        proto = port.get("protocol") or "TCP"
        number = port.get("port")
        number = "<nil>" if number is None else number
        if port.get("endPort") is None:
            w.write(0, f"{indent}To Port: {number}/{proto}\n")
        else:
            w.write(0, f"{indent}To Port Range: {number}-{port['endPort']}/{proto}\n")


def _peers(w: Any, peers: list[dict[str, Any]], indent: str, word: str) -> None:
    for peer in peers:
        w.write(0, f"{indent}{word}:\n")
        pods, namespaces, block = peer.get("podSelector"), peer.get("namespaceSelector"), peer.get("ipBlock")
        if pods is not None and namespaces is not None:
            w.write(1, f"{indent}NamespaceSelector: {d._format_label_selector(namespaces)}\n")
            w.write(1, f"{indent}PodSelector: {d._format_label_selector(pods)}\n")
        elif pods is not None:
            w.write(1, f"{indent}PodSelector: {d._format_label_selector(pods)}\n")
        elif namespaces is not None:
            w.write(1, f"{indent}NamespaceSelector: {d._format_label_selector(namespaces)}\n")
        elif block is not None:
            w.write(1, f"{indent}IPBlock:\n")
            w.write(2, f"{indent}CIDR: {block.get('cidr', '')}\n")
            w.write(2, f"{indent}Except: {', '.join(block.get('except') or [])}\n")


def _rules(w: Any, rules: list[dict[str, Any]], peer_key: str, word: str, direction: str, target: str) -> None:
    indent = "    "
    if not rules:
        w.write(0, f"{indent}<none> (Selected pods are isolated for {direction} connectivity)\n")
        return
    for i, rule in enumerate(rules):
        _ports(w, rule.get("ports") or [], indent)
        peers = rule.get(peer_key) or []
        if peers:
            _peers(w, peers, indent, word)
        else:
            w.write(0, f"{indent}{word}: <any> (traffic not restricted by {target})\n")
        if i != len(rules) - 1:
            w.write(0, f"{indent}----------\n")


def _network_policy(np: dict[str, Any], events: list[dict[str, Any]], lookup: Any, now: datetime) -> str:
    meta, spec = np.get("metadata") or {}, np.get("spec") or {}
    types = spec.get("policyTypes") or []

    def fill(w: Any) -> None:
        w.write(0, f"Name:\t{meta.get('name', '')}\n")
        w.write(0, f"Namespace:\t{meta.get('namespace', '')}\n")
        w.write(0, f"Created on:\t{_go_time(meta.get('creationTimestamp'))}\n")
        d._labels_multiline(w, "Labels", meta.get("labels"))
        d._annotations_multiline(w, "Annotations", meta.get("annotations"))
        w.write(0, "Spec:\n")
        w.write(1, "PodSelector: ")
        selector = spec.get("podSelector") or {}
        if not selector.get("matchLabels") and not selector.get("matchExpressions"):
            w.write(2, "<none> (Allowing the specific traffic to all pods in this namespace)\n")
        else:
            w.write(2, f"{d._format_label_selector(selector)}\n")
        if "Ingress" in types:
            w.write(1, "Allowing ingress traffic:\n")
            _rules(w, spec.get("ingress") or [], "from", "From", "ingress", "source")
        else:
            w.write(1, "Not affecting ingress traffic\n")
        if "Egress" in types:
            w.write(1, "Allowing egress traffic:\n")
            _rules(w, spec.get("egress") or [], "to", "To", "egress", "destination")
        else:
            w.write(1, "Not affecting egress traffic\n")
        w.write(1, f"Policy Types: {', '.join(types)}\n")

    return d._tabbed(fill)


def _ingress_class(ic: dict[str, Any], events: list[dict[str, Any]], lookup: Any, now: datetime) -> str:
    meta, spec = ic.get("metadata", {}), ic.get("spec") or {}

    def fill(w: Any) -> None:
        w.write(0, f"Name:\t{meta.get('name', '')}\n")
        d._labels_multiline(w, "Labels", meta.get("labels"))
        d._annotations_multiline(w, "Annotations", meta.get("annotations"))
        w.write(0, f"Controller:\t{spec.get('controller', '')}\n")
        params = spec.get("parameters")
        if params is not None:
            w.write(0, "Parameters:\n")
            if params.get("apiGroup") is not None:
                w.write(1, f"APIGroup:\t{params['apiGroup']}\n")
            w.write(1, f"Kind:\t{params.get('kind', '')}\n")
            w.write(1, f"Name:\t{params.get('name', '')}\n")
        d.describe_events(events, w, now)

    return d._tabbed(fill)


def _endpoint_slice(eps: dict[str, Any], events: list[dict[str, Any]], lookup: Any, now: datetime) -> str:
    meta = eps.get("metadata", {})

    def fill(w: Any) -> None:
        w.write(0, f"Name:\t{meta.get('name', '')}\n")
        w.write(0, f"Namespace:\t{meta.get('namespace', '')}\n")
        d._labels_multiline(w, "Labels", meta.get("labels"))
        d._annotations_multiline(w, "Annotations", meta.get("annotations"))
        w.write(0, f"AddressType:\t{eps.get('addressType', '')}\n")
        ports = eps.get("ports") or []
        if not ports:
            w.write(0, "Ports: <unset>\n")
        else:
            w.write(0, "Ports:\n")
            w.write(1, "Name\tPort\tProtocol\n")
            w.write(1, "----\t----\t--------\n")
            for p in ports:
                number = p.get("port")
                w.write(1, f"{p.get('name') or '<unset>'}\t{'<unset>' if number is None else number}\t"
                           f"{p.get('protocol', 'TCP')}\n")
        endpoints = eps.get("endpoints") or []
        if not endpoints:
            w.write(0, "Endpoints: <none>\n")
        else:
            w.write(0, "Endpoints:\n")
            for ep in endpoints:
                w.write(1, f"- Addresses:\t{', '.join(ep.get('addresses') or []) or '<none>'}\n")
                w.write(2, "Conditions:\n")
                ready = (ep.get("conditions") or {}).get("ready")
                w.write(3, f"Ready:\t{'<unset>' if ready is None else ('true' if ready else 'false')}\n")
                w.write(2, f"Hostname:\t{ep['hostname'] if ep.get('hostname') is not None else '<unset>'}\n")
                ref = ep.get("targetRef")
                if ref is not None:
                    w.write(2, f"TargetRef:\t{ref.get('kind', '')}/{ref.get('name', '')}\n")
                w.write(2, f"NodeName:\t{ep['nodeName'] if ep.get('nodeName') is not None else '<unset>'}\n")
                w.write(2, f"Zone:\t{ep['zone'] if ep.get('zone') is not None else '<unset>'}\n")
        d.describe_events(events, w, now)

    return d._tabbed(fill)


DESCRIBERS: dict[str, Callable[[dict[str, Any], list[dict[str, Any]], Any, datetime], str]] = {
    "NetworkPolicy": _network_policy,
    "IngressClass": _ingress_class,
    "EndpointSlice": _endpoint_slice,
}
