"""The health endpoints (/healthz, /livez, /readyz, each check under them) and the root's list of paths, as
kube-apiserver v1.32 answers them (k8s.io/apiserver/pkg/server/healthz).

``ok`` alone; with ``?verbose`` one ``[+]<check> ok`` line per check, then ``<name> check passed``; ``?exclude=C``
(repeatable) turns C's line into ``[+]C excluded: ok`` and names excludes that match no check in a ``warn:`` line.
Each check answers ``ok`` at its own path. The checks and their order are those of a default v1.32 kube-apiserver
(derived from its post-start hooks as a real server's verbose output lists them; recordings wanted): /readyz adds
etcd-readiness, informer-sync and shutdown to the /livez and /healthz ones.

The root (``/``) lists every path the server serves as ``{"paths": [...]}``, sorted, written as the server's raw
JSON writer writes it (two-space indent, no final newline)."""

from __future__ import annotations

import json
from typing import Any

_HOOKS = (
    "poststarthook/start-apiserver-admission-initializer", "poststarthook/generic-apiserver-start-informers",
    "poststarthook/priority-and-fairness-config-consumer", "poststarthook/priority-and-fairness-filter",
    "poststarthook/storage-object-count-tracker-hook", "poststarthook/start-apiextensions-informers",
    "poststarthook/start-apiextensions-controllers", "poststarthook/crd-informer-synced",
    "poststarthook/start-system-namespaces-controller", "poststarthook/start-cluster-authentication-info-controller",
    "poststarthook/start-kube-apiserver-identity-lease-controller",
    "poststarthook/start-kube-apiserver-identity-lease-garbage-collector",
    "poststarthook/start-legacy-token-tracking-controller", "poststarthook/start-service-ip-repair-controllers",
    "poststarthook/rbac/bootstrap-roles", "poststarthook/scheduling/bootstrap-system-priority-classes",
    "poststarthook/priority-and-fairness-config-producer", "poststarthook/bootstrap-controller",
    "poststarthook/aggregator-reload-proxy-client-cert", "poststarthook/start-kube-aggregator-informers",
    "poststarthook/apiservice-status-local-available-controller",
    "poststarthook/apiservice-status-remote-available-controller",
    "poststarthook/apiservice-registration-controller", "poststarthook/apiservice-wait-for-first-sync",
    "poststarthook/apiservice-discovery-controller", "poststarthook/kube-apiserver-autoregistration",
    "autoregister-completion", "poststarthook/apiservice-openapi-controller",
    "poststarthook/apiservice-openapiv3-controller",
)
CHECKS = {
    "healthz": ("ping", "log", "etcd") + _HOOKS,
    "livez": ("ping", "log", "etcd") + _HOOKS,
    "readyz": ("ping", "log", "etcd", "etcd-readiness", "informer-sync") + _HOOKS + ("shutdown",),
}
TEXT = "text/plain; charset=utf-8"


def is_health_path(path: str) -> bool:
    root, _, check = path.lstrip("/").partition("/")
    return root in CHECKS and (not check or check in CHECKS[root])


def answer(path: str, query: dict[str, Any], raw_query: str) -> bytes:
    """The body of a health endpoint (``is_health_path(path)`` holds)."""
    root, _, check = path.lstrip("/").partition("/")
    if check or "verbose" not in query:
        return b"ok"
    from urllib.parse import parse_qs

    excluded = []
    for name in parse_qs(raw_query, keep_blank_values=True).get("exclude", []):
        if name not in excluded:  # a set of the values as given (no splitting at commas)
            excluded.append(name)
    lines = []
    for name in CHECKS[root]:
        if name in excluded:
            excluded.remove(name)
            lines.append(f"[+]{name} excluded: ok\n")
        else:
            lines.append(f"[+]{name} ok\n")
    if excluded:
        lines.append("warn: some health checks cannot be excluded: no matches for "
                     + ",".join(json.dumps(n) for n in sorted(excluded)) + "\n")
    lines.append(f"{root} check passed\n")
    return "".join(lines).encode()


def root_paths(groups: list[tuple[str, list[str]]]) -> bytes:
    """``/``'s body: the API paths of the served ``groups`` ((group, versions), core first) and the others."""
    paths = {"/.well-known/openid-configuration", "/api", "/apis", "/apis/", "/logs", "/metrics", "/metrics/slis",
             "/openapi/v2", "/openapi/v3", "/openapi/v3/", "/openid/v1/jwks", "/version"}
    for group, versions in groups:
        if not group:
            paths.update(f"/api/{v}" for v in versions)
            continue
        paths.add(f"/apis/{group}")
        paths.update(f"/apis/{group}/{v}" for v in versions)
    for root, checks in CHECKS.items():
        paths.add(f"/{root}")
        paths.update(f"/{root}/{c}" for c in checks)
    return json.dumps({"paths": sorted(paths)}, indent=2).encode()
