"""Pod subresources through the API in-process: eviction honours PodDisruptionBudgets with the eviction
subresource's 429 (texts derived from pkg/registry/core/pod/storage/eviction.go; recordings wanted), log serves the
simulated container output with the API server's errors, exec/attach/port-forward refuse with the simulation's
reason, and discovery lists the subresources kubectl looks for (drain checks pods/eviction)."""

from __future__ import annotations

import json


from pykubectl.serve import api as apimod
from tests.serve.test_serve_api import api  # noqa: F401 - the fixture
from tests.serve.test_serve_api import DEPLOY, _Headers, call

PODS = "/api/v1/namespaces/default/pods"


def _pods(api: apimod.Api) -> list[str]:
    return sorted(p["metadata"]["name"] for p in call(api, "GET", f"{PODS}?labelSelector=app%3Dweb")[1]["items"])


def test_eviction_honours_the_disruption_budget(api: apimod.Api) -> None:
    call(api, "POST", "/apis/apps/v1/namespaces/default/deployments", DEPLOY)
    pdb = {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": {"name": "web"},
           "spec": {"minAvailable": 2, "selector": {"matchLabels": {"app": "web"}}}}
    assert call(api, "POST", "/apis/policy/v1/namespaces/default/poddisruptionbudgets", pdb)[0] == 201
    first = _pods(api)[0]
    eviction = {"apiVersion": "policy/v1", "kind": "Eviction", "metadata": {"name": first, "namespace": "default"}}
    code, st = call(api, "POST", f"{PODS}/{first}/eviction", eviction)
    assert (code, st) == (429, {
        "kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
        "message": "Cannot evict pod as it would violate the pod's disruption budget.", "reason": "TooManyRequests",
        "details": {"causes": [{"reason": "DisruptionBudget",
                                "message": "The disruption budget web needs 2 healthy pods and has 2 currently"}]},
        "code": 429})
    assert first in _pods(api)
    pdb_path = "/apis/policy/v1/namespaces/default/poddisruptionbudgets/web"
    assert call(api, "PATCH", pdb_path, {"spec": {"minAvailable": 1}},
                Content_Type="application/merge-patch+json")[0] == 200
    code, st = call(api, "POST", f"{PODS}/{first}/eviction", eviction)
    assert (code, st["status"]) == (201, "Success")
    after = _pods(api)
    assert first not in after and len(after) == 2  # the ReplicaSet replaced it
    # A dry run evicts nothing.
    code, _ = call(api, "POST", f"{PODS}/{after[0]}/eviction?dryRun=All", dict(eviction, metadata={"name": after[0]}))
    assert code == 201 and _pods(api) == after


def test_log_serves_the_simulated_output_and_the_servers_errors(api: apimod.Api) -> None:
    pod = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "once"},
           "spec": {"restartPolicy": "Never", "containers": [
               {"name": "c", "image": "busybox", "command": ["sh", "-c", "echo started; echo finished"]}]}}
    assert call(api, "POST", PODS, pod)[0] == 201
    resp = api.handle(apimod.Request("GET", f"{PODS}/once/log", _Headers(), b""))
    assert (resp.code, resp.content_type, resp.body) == (200, "text/plain", b"started\nfinished\n")
    resp = api.handle(apimod.Request("GET", f"{PODS}/once/log?tailLines=1", _Headers(), b""))
    assert resp.body == b"finished\n"
    code, st = call(api, "GET", f"{PODS}/once/log?container=nope")
    assert (code, st["message"]) == (400, "container nope is not valid for pod once")
    code, st = call(api, "GET", f"{PODS}/nope/log")
    assert (code, st["message"]) == (404, 'pods "nope" not found')


def test_exec_attach_and_port_forward_say_the_simulation_runs_no_processes(api: apimod.Api) -> None:
    call(api, "POST", PODS, {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "srv"},
                             "spec": {"containers": [{"name": "c", "image": "nginx"}]}})
    for sub, what in (("exec", "exec"), ("attach", "attach"), ("portforward", "port-forward")):
        code, st = call(api, "POST", f"{PODS}/srv/{sub}?command=ls")
        assert (code, st["reason"], st["message"]) == (
            500, "InternalError", "Internal error occurred: unable to upgrade connection: the simulated kubelet of "
                                  f"pykubectl does not run containers; {what} is not supported")


def test_exec_and_attach_check_the_container_first(api: apimod.Api) -> None:
    """The registry's ExecLocation/AttachLocation refuse a container the pod lacks with a 400 before any upgrade
    (derived from pkg/registry/core/pod/strategy.go; kubectl 1.32 then printed "Error from server (BadRequest): …"
    for exec and cp)."""
    call(api, "POST", PODS, {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "srv"},
                             "spec": {"containers": [{"name": "c", "image": "nginx"}]}})
    for sub in ("exec", "attach"):
        code, st = call(api, "POST", f"{PODS}/srv/{sub}?command=ls&container=nope")
        assert (code, st["reason"], st["message"]) == (400, "BadRequest", "container nope is not valid for pod srv")
        assert call(api, "POST", f"{PODS}/srv/{sub}?command=ls&container=c")[0] == 500


def test_discovery_lists_the_pod_subresources(api: apimod.Api) -> None:
    code, doc = call(api, "GET", "/api/v1")
    names = [r["name"] for r in doc["resources"] if r["name"].startswith("pods")]
    assert names == ["pods", "pods/attach", "pods/binding", "pods/ephemeralcontainers", "pods/eviction",
                     "pods/exec", "pods/log", "pods/portforward", "pods/proxy", "pods/status"]
    eviction = next(r for r in doc["resources"] if r["name"] == "pods/eviction")
    assert (eviction["group"], eviction["version"], eviction["kind"], eviction["verbs"]) == (
        "policy", "v1", "Eviction", ["create"])
