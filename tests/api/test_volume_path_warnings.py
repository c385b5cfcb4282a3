"""Pod warnings for volumes whose keys land on the same path, and projected sources left empty (v1.32's
warningsForOverlappingVirtualPaths, read from pkg/api/pod/warnings.go: derived, except the empty projected source,
which recorded case 095 shows)."""

from __future__ import annotations

from pykubectl.api.warnings import pod_spec_warnings


def _pod(volumes: list) -> list[str]:
    spec = {"containers": [{"name": "c", "image": "nginx"}], "volumes": volumes}
    return pod_spec_warnings("", spec, {})


def test_nested_and_equal_paths_in_one_source() -> None:
    assert _pod([{"name": "v", "configMap": {"name": "c", "items": [{"key": "a", "path": "x"},
                                                                   {"key": "b", "path": "x/y/"}]}}]) == [
        'volume "v" (ConfigMap "c"): overlapping paths: "x/y" with "x"']
    assert _pod([{"name": "v", "secret": {"secretName": "s", "items": [{"key": "a", "path": "p"},
                                                                      {"key": "b", "path": "p"}]}}]) == [
        'volume "v" (Secret "s"): overlapping paths: "p" with "p"']
    # The server compares plain prefixes of "path/": "xy" counts as overlapping "x" there too.
    assert _pod([{"name": "v", "configMap": {"name": "c", "items": [{"key": "a", "path": "x"},
                                                                   {"key": "b", "path": "xy"}]}}]) == [
        'volume "v" (ConfigMap "c"): overlapping paths: "xy" with "x"']
    assert _pod([{"name": "v", "configMap": {"name": "c", "items": [{"key": "a", "path": "ab"},
                                                                   {"key": "b", "path": "b"}]}}]) == []


def test_projected_sources_share_their_paths() -> None:
    assert _pod([{"name": "p", "projected": {"sources": [
        {"configMap": {"name": "a", "items": [{"key": "k", "path": "same"}]}},
        {"serviceAccountToken": {"path": "same"}}]}}]) == [
        'volume "p" (Projected ServiceAccountToken): overlapping paths: "same" with "same"']


def test_a_source_left_empty_once_disabled_fields_are_dropped() -> None:
    # clusterTrustBundle needs a feature gate v1.32 leaves off: the server drops it, leaving the source empty.
    assert _pod([{"name": "p", "projected": {"sources": [
        {"configMap": {"name": "a"}}, {"clusterTrustBundle": {"path": "ctb", "signerName": "x/y"}}]}}]) == [
        'volume "p" (Projected) has no sources provided']
    assert _pod([{"name": "p", "projected": {"sources": []}}]) == []
