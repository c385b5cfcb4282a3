#!/usr/bin/env python3
"""Record what real kubectl prints for `create <sub>`, `run`, `expose` and `autoscale` with --dry-run=client.

Each line of tests/data/create_cases/cases.txt is `NAME: ARGS…` (shell quoting, paths relative to the repository
root). The recorder builds a fresh pykubectl store (frozen clock, seed SEED) holding
fixtures/create/server-objects.yaml, serves it to real kubectl through a throw-away local HTTP server (discovery
from pykubectl's kinds registry, GET of single objects: what `expose`, `autoscale`, `create role` and
`create job --from` look up), runs `kubectl ARGS…` from the repository root, and writes per case
{"name", "args", "stdout", "stderr", "exit"} to tests/data/create_cases/recorded.json.
tests/cli/test_create_dry_run.py builds the same store and replays the same ARGS through pykubectl.

Usage: python tools/record_create_cases.py   (needs kubectl v1.32 on PATH; run by hand, offline)
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT / "tests" / "data" / "create_cases"
SEED = "create-cases"
SERVER_OBJECTS = "fixtures/create/server-objects.yaml"
SCALABLE = ("deployments", "replicasets", "statefulsets", "replicationcontrollers")


def load_cases() -> list[tuple[str, list[str]]]:
    out = []
    for ln in (DATA / "cases.txt").read_text().splitlines():
        if not ln.strip() or ln.startswith("#"):
            continue
        name, _, cmd = ln.partition(":")
        out.append((name.strip(), shlex.split(cmd)))
    return out


def build_store(run) -> None:  # type: ignore[no-untyped-def]
    """The store both sides start from (the test calls this too)."""
    res = run(["create", "-f", SERVER_OBJECTS])
    assert res.code == 0, res.err


def _discovery() -> tuple[dict, dict[str, dict]]:
    from pykubectl.api import registry

    groups: dict[str, list[str]] = {}
    lists: dict[str, dict] = {}
    for k in registry.all_kinds():
        gv = k.api_version
        if k.group and k.version not in groups.setdefault(k.group, []):
            groups[k.group].append(k.version)
        lst = lists.setdefault(gv, {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": gv,
                                    "resources": []})
        res = {"name": k.plural, "singularName": k.singular, "namespaced": k.namespaced, "kind": k.kind,
               "verbs": list(k.verbs)}
        if k.short_names:
            res["shortNames"] = list(k.short_names)
        if k.categories:
            res["categories"] = list(k.categories)
        lst["resources"].append(res)
        if k.plural in SCALABLE:
            lst["resources"].append({"name": f"{k.plural}/scale", "singularName": "", "namespaced": True,
                                     "group": "autoscaling", "version": "v1", "kind": "Scale",
                                     "verbs": ["get", "patch", "update"]})
    group_list = {"kind": "APIGroupList", "apiVersion": "v1", "groups": [
        {"name": g, "versions": [{"groupVersion": f"{g}/{v}", "version": v} for v in vs],
         "preferredVersion": {"groupVersion": f"{g}/{vs[0]}", "version": vs[0]}} for g, vs in groups.items()]}
    return group_list, lists


def serve(objects: dict[str, dict]) -> ThreadingHTTPServer:
    group_list, lists = _discovery()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _send(self, body: object, code: int = 200) -> None:
            data = json.dumps(body).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:  # noqa: N802
            path = self.path.split("?")[0]
            if path == "/api":
                return self._send({"kind": "APIVersions", "versions": ["v1"], "serverAddressByClientCIDRs": [
                    {"clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1"}]})
            if path == "/apis":
                return self._send(group_list)
            if path == "/version":
                return self._send({"major": "1", "minor": "32", "gitVersion": "v1.32.0"})
            gv = path[len("/api/"):] if path.startswith("/api/") else path[len("/apis/"):]
            if gv in lists:
                return self._send(lists[gv])
            if path in objects:
                return self._send(objects[path])
            parts = path.strip("/").split("/")
            name, plural = parts[-1], parts[-2] if len(parts) >= 2 else ""
            if parts[0] == "apis" and len(parts) > 1:
                plural = f"{plural}.{parts[1]}"
            return self._send({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
                               "message": f'{plural} "{name}" not found', "reason": "NotFound",
                               "details": {"name": name, "kind": plural}, "code": 404}, 404)

    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


def object_paths(run) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    from pykubectl.api import registry

    out: dict[str, dict] = {}
    for t in ("deployments", "replicasets", "pods", "services", "statefulsets", "cronjobs"):
        items = json.loads(run(["get", t, "-A", "-o", "json"]).out)["items"]
        for o in items:
            k = registry.by_api_version_kind(o["apiVersion"], o["kind"])
            base = f"/apis/{k.api_version}" if k.group else "/api/v1"
            md = o["metadata"]
            out[f"{base}/namespaces/{md['namespace']}/{k.plural}/{md['name']}"] = o
    return out


def main() -> int:
    from tests.conftest import Runner

    ver = subprocess.run(["kubectl", "version", "--client"], capture_output=True, text=True).stdout
    print(ver.strip(), file=sys.stderr)
    if "v1.32." not in ver:
        print("kubectl v1.32 is required", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(ROOT)
        run = Runner(str(Path(tmp) / "store.db"), seed=SEED)
        build_store(run)
        served = object_paths(run)
        srv = serve(served)
        cfg = Path(tmp) / "config"
        cfg.write_text(
            "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n"
            f"    server: http://127.0.0.1:{srv.server_address[1]}\n"
            "contexts:\n- name: c\n  context:\n    cluster: c\n    user: u\nusers:\n- name: u\n  user: {}\n"
            "current-context: c\n")
        env = {k: v for k, v in os.environ.items() if not k.startswith("KUBE")}
        env["KUBECONFIG"] = str(cfg)
        env["HOME"] = tmp
        recorded = []
        for name, args in load_cases():
            p = subprocess.run(["kubectl", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
            case = {"name": name, "args": args, "stdout": p.stdout, "stderr": p.stderr, "exit": p.returncode}
            # uids of served objects the output mentions (job --from's ownerReference): the test maps them to
            # the uids of its own store, since generated uids depend on how much randomness the store used.
            uids = {o["metadata"]["uid"]: f"{o['kind']}/{o['metadata']['name']}" for o in served.values()
                    if o["metadata"].get("uid") and o["metadata"]["uid"] in p.stdout}
            if uids:
                case["uids"] = uids
            recorded.append(case)
        srv.shutdown()
    (DATA / "recorded.json").write_text(json.dumps(recorded, indent=1, ensure_ascii=False) + "\n")
    print(f"recorded {len(recorded)} cases", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
