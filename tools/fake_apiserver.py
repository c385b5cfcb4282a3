"""A read-only stand-in for a v1.32 API server's discovery and OpenAPI v3 endpoints, so that real kubectl's
`explain` (which needs a server) can be run offline to record golden output:

    python tools/fake_apiserver.py 8099 ../shared/k8s-openapi/v1.32 &
    kubectl --server=http://127.0.0.1:8099 explain deployment.spec.replicas

Discovery comes from pykubectl's kinds registry (itself generated from a real server); the OpenAPI documents are
the ones captured from a real server in ../shared/k8s-openapi/v1.32/v3.
"""

from __future__ import annotations

import json
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from pykubectl.api import registry  # noqa: E402

V3 = ""


def _resource_lists() -> dict[str, dict]:
    out: dict[str, dict] = {}
    for k in registry.all_kinds():
        for v in k.versions:
            gv = f"{k.group}/{v}" if k.group else v
            lst = out.setdefault(gv, {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": gv,
                                      "resources": []})
            r = {"name": k.plural, "singularName": k.singular, "namespaced": k.namespaced, "kind": k.kind,
                 "verbs": list(k.verbs)}
            if k.short_names:
                r["shortNames"] = list(k.short_names)
            if k.categories:
                r["categories"] = list(k.categories)
            lst["resources"].append(r)
    return out


def _groups() -> dict:
    groups: dict[str, dict] = {}
    for k in registry.all_kinds():
        if not k.group:
            continue
        g = groups.setdefault(k.group, {"name": k.group, "versions": [], "preferredVersion": None})
        for v in k.versions:
            gv = {"groupVersion": f"{k.group}/{v}", "version": v}
            if gv not in g["versions"]:
                g["versions"].append(gv)
        if g["preferredVersion"] is None:
            g["preferredVersion"] = {"groupVersion": f"{k.group}/{k.version}", "version": k.version}
    return {"kind": "APIGroupList", "apiVersion": "v1", "groups": list(groups.values())}


class Handler(BaseHTTPRequestHandler):
    lists = _resource_lists()
    groups = _groups()

    def log_message(self, *a: object) -> None:  # quiet
        pass

    def _send(self, obj: object) -> None:
        body = json.dumps(obj).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802
        path = self.path.split("?", 1)[0].rstrip("/")
        if path == "/api":
            return self._send({"kind": "APIVersions", "versions": ["v1"],
                               "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0",
                                                               "serverAddress": "127.0.0.1:6443"}]})
        if path == "/apis":
            return self._send(self.groups)
        if path.startswith("/api/") or path.startswith("/apis/"):
            gv = path[len("/api/"):] if path.startswith("/api/") else path[len("/apis/"):]
            if gv in self.lists:
                return self._send(self.lists[gv])
        if path == "/openapi/v3":
            paths = {}
            for name in os.listdir(V3):
                p = name[: -len("_openapi.json")].replace("__", "/")
                paths[p] = {"serverRelativeURL": f"/openapi/v3/{p}?hash=X"}
            return self._send({"paths": paths})
        if path.startswith("/openapi/v3/"):
            f = os.path.join(V3, path[len("/openapi/v3/"):].replace("/", "__") + "_openapi.json")
            if os.path.exists(f):
                with open(f, "rb") as fh:
                    body = fh.read()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
        if path == "/version":
            return self._send({"major": "1", "minor": "32", "gitVersion": "v1.32.0"})
        self.send_response(404)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404}')


def main() -> None:
    global V3
    port = int(sys.argv[1])
    V3 = os.path.join(sys.argv[2], "v3")
    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()


if __name__ == "__main__":
    main()
