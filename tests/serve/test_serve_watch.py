"""Watches served from the watch cache, in-process: every state the controllers produce reaches a watcher in
resourceVersion order, a watch resumes from a resourceVersion, an object leaving a selector is DELETED for that
watcher, bookmarks come when asked, a version the cache no longer holds gets the 410 ERROR event, writes by another
process (pykubectl's CLI on the same store) are seen, and a dry run is not."""

from __future__ import annotations

import json


from pykubectl.serve import api as apimod
from tests.conftest import Runner
from tests.serve.test_serve_api import api  # noqa: F401 - the fixture
from tests.serve.test_serve_api import DEPLOY, _Headers, call

PODS = "/api/v1/namespaces/default/pods"
DEPLOYS = "/apis/apps/v1/namespaces/default/deployments"


def watch(api: apimod.Api, path: str, **query: str) -> apimod.WatchStream:
    qs = "&".join(f"{k}={v}" for k, v in {"watch": "true", **query}.items())
    w = api.handle(apimod.Request("GET", f"{path}?{qs}", _Headers(), b""))
    assert isinstance(w, apimod.WatchStream)
    return w


def events(lines: list[bytes]) -> list[tuple[str, str, str]]:
    out = []
    for line in lines:
        e = json.loads(line)
        o = e["object"]
        out.append((e["type"], o["metadata"].get("name", ""), o["metadata"]["resourceVersion"]))
    return out


def listed_rv(api: apimod.Api, path: str) -> str:
    return call(api, "GET", path)[1]["metadata"]["resourceVersion"]


def test_a_rollout_reaches_watchers_state_by_state(api: apimod.Api) -> None:
    rv = listed_rv(api, DEPLOYS)
    deploys, pods = watch(api, DEPLOYS, resourceVersion=rv), watch(api, PODS, resourceVersion=rv)
    rss = watch(api, "/apis/apps/v1/namespaces/default/replicasets", resourceVersion=rv)
    assert deploys.start() == pods.start() == rss.start() == []
    assert call(api, "POST", DEPLOYS, DEPLOY)[0] == 201
    d = [json.loads(x) for x in deploys.poll()]
    # the object as created: an empty status (a Go struct is never left out) until the controller writes one
    assert d[0]["type"] == "ADDED" and d[0]["object"]["status"] == {}
    assert [e["type"] for e in d[1:]] == ["MODIFIED"] * (len(d) - 1) and len(d) >= 3
    assert d[-1]["object"]["status"]["availableReplicas"] == 2
    r = [json.loads(x) for x in rss.poll()]
    assert r[0]["type"] == "ADDED" and r[-1]["object"]["status"]["readyReplicas"] == 2
    p = [json.loads(x) for x in pods.poll()]
    names = {e["object"]["metadata"]["name"] for e in p}
    assert len(names) == 2
    for name in names:  # each pod: added Pending and unbound, then bound, then running
        mine = [e for e in p if e["object"]["metadata"]["name"] == name]
        assert mine[0]["type"] == "ADDED" and mine[0]["object"]["status"]["phase"] == "Pending"
        assert "nodeName" not in mine[0]["object"]["spec"]
        assert any(e["object"]["spec"].get("nodeName") and e["object"]["status"]["phase"] == "Pending" for e in mine)
        assert mine[-1]["object"]["status"]["phase"] == "Running"
    # The ReplicaSet is created before its pods, the pods before the Deployment reports them available.
    assert int(r[0]["object"]["metadata"]["resourceVersion"]) < int(p[0]["object"]["metadata"]["resourceVersion"])
    assert int(p[-1]["object"]["metadata"]["resourceVersion"]) < int(d[-1]["object"]["metadata"]["resourceVersion"])
    every = [int(e["object"]["metadata"]["resourceVersion"]) for e in p]
    assert every == sorted(every)


def test_a_watch_resumes_from_a_resource_version(api: apimod.Api) -> None:
    call(api, "POST", "/api/v1/namespaces/default/configmaps", {"metadata": {"name": "a"}, "data": {"v": "1"}})
    rv = listed_rv(api, "/api/v1/namespaces/default/configmaps")
    call(api, "PATCH", "/api/v1/namespaces/default/configmaps/a", {"data": {"v": "2"}},
         Content_Type="application/merge-patch+json")
    call(api, "POST", "/api/v1/namespaces/default/configmaps", {"metadata": {"name": "b"}})
    call(api, "DELETE", "/api/v1/namespaces/default/configmaps/a")
    w = watch(api, "/api/v1/namespaces/default/configmaps", resourceVersion=rv)
    got = events(w.start())
    assert [(t, n) for t, n, _ in got] == [("MODIFIED", "a"), ("ADDED", "b"), ("DELETED", "a")]
    assert [int(v) for _, _, v in got] == sorted(int(v) for _, _, v in got) and int(got[0][2]) > int(rv)
    # From the version of the patch on: only what came after it.
    again = watch(api, "/api/v1/namespaces/default/configmaps", resourceVersion=got[0][2])
    assert [(t, n) for t, n, _ in events(again.start())] == [("ADDED", "b"), ("DELETED", "a")]


def test_no_resource_version_starts_with_the_current_state(api: apimod.Api) -> None:
    w = watch(api, "/api/v1/namespaces")
    assert [(t, n) for t, n, _ in events(w.start())] == [
        ("ADDED", "default"), ("ADDED", "kube-node-lease"), ("ADDED", "kube-public"), ("ADDED", "kube-system")]
    assert w.poll() == []


def test_an_object_leaving_the_selector_is_deleted_for_that_watch(api: apimod.Api) -> None:
    cm = {"metadata": {"name": "c", "labels": {"tier": "web"}}}
    path = "/api/v1/namespaces/default/configmaps"
    w = watch(api, path, labelSelector="tier%3Dweb", resourceVersion=listed_rv(api, path))
    w.start()
    call(api, "POST", path, cm)
    call(api, "PATCH", f"{path}/c", {"metadata": {"labels": {"tier": "db"}}}, Content_Type="application/merge-patch+json")
    call(api, "PATCH", f"{path}/c", {"metadata": {"labels": {"tier": "web"}}}, Content_Type="application/merge-patch+json")
    lines = [json.loads(x) for x in w.poll()]
    assert [e["type"] for e in lines] == ["ADDED", "DELETED", "ADDED"]
    # The DELETED one carries the object as it last matched, at the version of the change that took it out.
    assert lines[1]["object"]["metadata"]["labels"] == {"tier": "web"}
    assert lines[0]["object"]["metadata"]["resourceVersion"] < lines[1]["object"]["metadata"]["resourceVersion"]


def test_a_version_the_cache_no_longer_holds_is_410_expired(api: apimod.Api) -> None:
    # Derived from the cacher (watch_cache.go: NewResourceExpired "too old resource version: %d (%d)" with the
    # newest version no longer held, sent as the watch's one ERROR event); recordings wanted.
    api.cache.capacity = 2
    path = "/api/v1/namespaces/default/configmaps"
    rv = listed_rv(api, path)
    for name in "abc":
        call(api, "POST", path, {"metadata": {"name": name}})
    w = watch(api, path, resourceVersion=rv)
    [line] = w.start()
    assert w.done and json.loads(line) == {"type": "ERROR", "object": {
        "kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
        "message": f"too old resource version: {rv} ({api.cache.floor})", "reason": "Expired", "code": 410}}
    assert api.cache.floor > int(rv)
    ok = watch(api, path, resourceVersion=str(api.cache.floor))
    assert [n for _, n, _ in events(ok.start())] == ["b", "c"]


def test_bookmarks_when_asked(api: apimod.Api) -> None:
    path = "/api/v1/namespaces/default/configmaps"
    rv = listed_rv(api, path)
    plain, marked = watch(api, path, resourceVersion=rv), watch(api, path, resourceVersion=rv,
                                                                allowWatchBookmarks="true")
    for w in (plain, marked):
        w.bookmark_interval = 0
        w.start()
    call(api, "POST", "/api/v1/namespaces/default/secrets", {"metadata": {"name": "s"}})  # not a config map
    assert plain.poll() == []
    [line] = marked.poll()
    e = json.loads(line)
    assert (e["type"], e["object"]["kind"], e["object"]["apiVersion"]) == ("BOOKMARK", "ConfigMap", "v1")
    assert int(e["object"]["metadata"]["resourceVersion"]) == api.cache.rv > int(rv)
    assert marked.poll() == []  # nothing new: no second bookmark


def test_writes_by_the_cli_on_the_same_store_are_seen(api: apimod.Api) -> None:
    cli = Runner(api.env.store_url)
    path = "/apis/apps/v1/namespaces/default/deployments"
    call(api, "POST", path, DEPLOY)
    w = watch(api, path, resourceVersion=listed_rv(api, path))
    w.start()
    assert cli("scale deploy web --replicas=3").code == 0
    got = [json.loads(x) for x in w.poll()]
    assert [e["type"] for e in got] == ["MODIFIED"] and got[0]["object"]["status"]["availableReplicas"] == 3
    assert cli("delete deploy web").code == 0
    assert [t for t, _, _ in events(w.poll())] == ["DELETED"]
    # A write through the server after the CLI's: the CLI's changes come first.
    cms = watch(api, "/api/v1/namespaces/default/configmaps", resourceVersion=str(api.cache.rv))
    cms.start()
    assert cli("create configmap late").code == 0
    call(api, "POST", "/api/v1/namespaces/default/configmaps", {"metadata": {"name": "after"}})
    assert [(t, n) for t, n, _ in events(cms.poll())] == [("ADDED", "late"), ("ADDED", "after")]


def test_a_dry_run_is_not_seen(api: apimod.Api) -> None:
    path = "/api/v1/namespaces/default/configmaps"
    w = watch(api, path, resourceVersion=listed_rv(api, path))
    w.start()
    assert call(api, "POST", f"{path}?dryRun=All", {"metadata": {"name": "dry"}})[0] == 201
    assert w.poll() == []


def test_send_initial_events_ends_them_with_the_annotated_bookmark(api: apimod.Api) -> None:
    # Derived from the watch-list protocol (k8s.io/initial-events-end); recordings wanted.
    w = watch(api, "/api/v1/namespaces", sendInitialEvents="true", allowWatchBookmarks="true",
              resourceVersionMatch="NotOlderThan")
    lines = [json.loads(x) for x in w.start()]
    assert [e["type"] for e in lines] == ["ADDED"] * 4 + ["BOOKMARK"]
    assert lines[-1]["object"]["metadata"]["annotations"] == {"k8s.io/initial-events-end": "true"}
    assert lines[-1]["object"]["metadata"]["resourceVersion"] == str(api.cache.rv)
