#!/usr/bin/env python3
"""Record golden cases for the template printers from the real kubectl on PATH (run by hand, offline).

Two sources of objects:
- ``kubectl create … --dry-run=client -o FORMAT``: kubectl evaluates its typed object. JSONPath then sees
  numbers as float64 (json.Unmarshal into interface{}), go-template as int64. The exact object, in the
  typed field order, is captured from kubectl's own go-template debugging dump ("raw data was").
- ``kubectl get`` against a throw-away local HTTP server serving fixed objects (custom-columns exists only
  on ``get``); several objects come back as kubectl's List.

Each case is written to tests/printers/template_cases/<group>.json as
{"name", "command", "input_file", "template", "printer", "allow_missing", "source", "object", "raw_json",
 "stdout", "stderr", "exit"}.

Usage: python tools/record_template_cases.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "printers" / "template_cases"

CREATES: dict[str, list[str]] = {
    "deploy": ["create", "deployment", "web", "--image=nginx:1.25", "--image=redis:7", "--replicas=3",
               "--port=80", "--dry-run=client"],
    "cm": ["create", "configmap", "cfg", "--from-literal=app.kubernetes.io.name=shop",
           "--from-literal=mode=fast", "--from-literal=count=3", "--dry-run=client"],
    "svc": ["create", "service", "nodeport", "front", "--tcp=80:8080", "--tcp=443:8443", "--dry-run=client"],
    "secret": ["create", "secret", "generic", "s1", "--from-literal=user=admin", "--from-literal=pass=s3cr3t",
               "--dry-run=client"],
}

# Objects the fake API server serves (as the API server would: unstructured, int64 numbers).
PODS = [
    {"apiVersion": "v1", "kind": "Pod",
     "metadata": {"name": "web-1", "namespace": "default", "labels": {"app": "web", "tier": "front"},
                  "annotations": {"kubectl.kubernetes.io/restartedAt": "2024-01-01T00:00:00Z"},
                  "uid": "11111111-1111-1111-1111-111111111111", "resourceVersion": "101",
                  "creationTimestamp": "2024-05-01T10:00:00Z"},
     "spec": {"nodeName": "node-a", "containers": [
         {"name": "nginx", "image": "nginx:1.25", "ports": [{"containerPort": 80, "protocol": "TCP"}],
          "resources": {"limits": {"cpu": "500m", "memory": "128Mi"}}},
         {"name": "sidecar", "image": "busybox:1.36", "command": ["sh", "-c", "sleep 3600"]}]},
     "status": {"phase": "Running", "podIP": "10.244.0.5", "startTime": "2024-05-01T10:00:01Z",
                "conditions": [{"type": "Ready", "status": "True"}, {"type": "PodScheduled", "status": "True"}],
                "containerStatuses": [{"name": "nginx", "ready": True, "restartCount": 2},
                                      {"name": "sidecar", "ready": False, "restartCount": 0}]}},
    {"apiVersion": "v1", "kind": "Pod",
     "metadata": {"name": "db-0", "namespace": "default", "labels": {"app": "db"},
                  "uid": "22222222-2222-2222-2222-222222222222", "resourceVersion": "102",
                  "creationTimestamp": "2024-05-02T11:00:00Z"},
     "spec": {"nodeName": "node-b", "containers": [
         {"name": "postgres", "image": "postgres:16", "ports": [{"containerPort": 5432, "protocol": "TCP"}]}]},
     "status": {"phase": "Pending", "conditions": [{"type": "PodScheduled", "status": "True"}],
                "containerStatuses": [{"name": "postgres", "ready": False, "restartCount": 7}]}},
    {"apiVersion": "v1", "kind": "Pod",
     "metadata": {"name": "job-x", "namespace": "default", "uid": "33333333-3333-3333-3333-333333333333",
                  "resourceVersion": "103", "creationTimestamp": "2024-05-03T12:00:00Z"},
     "spec": {"containers": [{"name": "run", "image": "alpine:3.20"}]},
     "status": {"phase": "Succeeded"}},
]


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep the recorder quiet
        pass

    def _send(self, body: object, code: int = 200) -> None:
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        path = self.path.split("?")[0]
        if path == "/api":
            return self._send({"kind": "APIVersions", "versions": ["v1"],
                               "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": "x"}]})
        if path == "/apis":
            return self._send({"kind": "APIGroupList", "apiVersion": "v1", "groups": []})
        if path == "/api/v1":
            return self._send({"kind": "APIResourceList", "groupVersion": "v1", "resources": [
                {"name": "pods", "singularName": "pod", "namespaced": True, "kind": "Pod",
                 "verbs": ["get", "list"], "shortNames": ["po"]}]})
        if path == "/version":
            return self._send({"major": "1", "minor": "32", "gitVersion": "v1.32.0"})
        if path == "/api/v1/namespaces/default/pods":
            return self._send({"apiVersion": "v1", "kind": "PodList", "metadata": {"resourceVersion": "200"},
                               "items": PODS})
        prefix = "/api/v1/namespaces/default/pods/"
        if path.startswith(prefix):
            for p in PODS:
                if p["metadata"]["name"] == path[len(prefix):]:
                    return self._send(p)
        return self._send({"kind": "Status", "apiVersion": "v1", "status": "Failure", "reason": "NotFound",
                           "message": "not found", "code": 404}, 404)


def run(args: list[str], env: dict[str, str]) -> tuple[str, str, int]:
    p = subprocess.run(["kubectl", *args], capture_output=True, env=env, timeout=60)
    # Output that is not UTF-8 (a template slicing bytes) cannot be stored in JSON; such cases are skipped.
    return (p.stdout.decode("utf-8", "surrogateescape"), p.stderr.decode("utf-8", "surrogateescape"),
            p.returncode)


def typed_object(create: list[str], env: dict[str, str]) -> tuple[dict, str]:
    """The object kubectl's printers see for a dry-run create, in typed field order, and its raw JSON."""
    out, _, _ = run([*create, "-o", "go-template={{.zzNoSuchKey}}", "--allow-missing-template-keys=false"], env)
    lines = out.splitlines()
    raw = lines[lines.index("\traw data was:") + 1].strip("\t")
    return json.loads(raw), raw


JSONPATH_TEMPLATES = [
    "{.metadata.name}", "{.kind}/{.metadata.name}", "{.spec.replicas}", "{.spec}", "{.metadata}",
    "{.metadata.labels}", "{.metadata.labels.app}", "{.metadata.creationTimestamp}", "{.status}",
    "{.spec.template.spec.containers[*].image}", "{.spec.template.spec.containers[0].name}",
    "{.spec.template.spec.containers[-1].name}", "{.spec.template.spec.containers[0:1].image}",
    "{.spec.template.spec.containers[::2].name}", "{.spec.template.spec.containers[1:].name}",
    "{.spec.template.spec.containers[0,1].name}", "{.spec.template.spec.containers[*]['name','image']}",
    "{range .spec.template.spec.containers[*]}{.name}={.image}{\"\\n\"}{end}",
    "{range .spec.template.spec.containers[*]}[{.name}]{end}tail",
    "{range .spec.template.spec.containers[*]}{range .ports[*]}{.containerPort}{end};{end}",
    "{.spec.template.spec.containers[?(@.name==\"nginx\")].image}",
    "{.spec.template.spec.containers[?(@.name!='nginx')].image}",
    "{.spec.template.spec.containers[?(@.ports)].name}",
    "{.spec.template.spec.containers[?(@.ports[0].containerPort==80)].name}",
    "{.spec.template.spec.containers[?(@.ports[0].containerPort==80.0)].name}",
    "{.spec.template.spec.containers[?(@.ports[0].containerPort>=80.0)].name}",
    "{..image}", "{$.metadata.name}", "{@.metadata.name}", "{.metadata.name.*}", "{.}", "{ .metadata.name }",
    "name: {.metadata.name}\n", "plain text", "{'x'}{\"y\\tz\"}", "{.data}", "{.data.mode}",
    "{.data.app\\.kubernetes\\.io\\.name}", "{.data['app.kubernetes.io.name']}", "{.data.count}",
    "{.spec.ports[*].port}", "{.spec.ports[*].targetPort}", "{.spec.type}", "{.spec.ports[?(@.port>100.0)].name}",
    "{range .spec.ports[*]}{.name}:{.port}->{.targetPort} {end}", "{.data.user}", "{.type}",
    "{.metadata.name} {.metadata.name}", "{.spec.replicas}{.spec.replicas}", "{.missing}", "{.spec.missing.deeper}",
    "{.metadata.labels.*}", "{range .metadata.labels}{@}{end}", "{1}{2.5}{true}", "{.spec.selector.matchLabels}",
    # errors
    "{.foo", "{.spec.template.spec.containers[5]}", "{.metadata.labels[0]}", "{end}", "{range .spec}x{.replicas}",
    "{.spec.template.spec.containers[?(@.name==\"nginx\")}", "{.a[x]}", "{.spec...}", "{#}", "{.spec.replicas[0]}",
    "{.spec.template.spec.containers[*].ports[?(@.containerPort==1)]}", "{.spec.template.spec.containers[2:1]}",
    "{.spec.template.spec.containers[::0]}", "{.spec.template.spec.containers[?(@.name<1)].name}",
    "{\"unterminated}", "{foo}",
]

JSONPATH_STRICT = ["{.foo}", "{.metadata.name}", "{.spec.missing.x}", "{range .spec.template.spec.containers[*]}{.nope}{end}",
                   "{.spec.template.spec.containers[?(@.ports)].name}", "{..nope}"]

JSONPATH_AS_JSON = ["{.spec.replicas}{.metadata.name}", "{.metadata}", "{.spec.template.spec.containers[*].name}",
                    "{.missing}", "{range .spec.template.spec.containers[*]}{.name}{end}", "x{.kind}"]

GO_TEMPLATES = [
    "{{.metadata.name}}", "{{.foo}}", "{{.foo.bar}}", "{{.spec.replicas}}", "{{.metadata}}",
    "{{.spec.template.spec.containers}}", "{{.metadata.creationTimestamp}}", "{{.status}}",
    "{{range .spec.template.spec.containers}}{{.name}}:{{.image}}{{\"\\n\"}}{{end}}",
    "{{range $i, $c := .spec.template.spec.containers}}{{$i}}={{$c.name}} {{end}}",
    "{{range $k, $v := .metadata.labels}}{{$k}}={{$v}};{{end}}", "{{range .nope}}x{{else}}empty{{end}}",
    "{{index .metadata.labels \"app\"}}", "{{index .metadata.labels \"zz\"}}",
    "{{index .spec.template.spec.containers 1 \"image\"}}", "{{index .metadata \"creationTimestamp\"}}",
    "{{if eq .kind \"Pod\"}}pod{{else if eq .kind \"Deployment\"}}deploy{{else}}other{{end}}",
    "{{if .spec.paused}}paused{{else}}running{{end}}", "{{with .spec}}{{.replicas}}{{end}}",
    "{{with .nope}}x{{else}}none{{end}}", "{{len .spec.template.spec.containers}}", "{{len .metadata.name}}",
    "{{printf \"%s/%s\" .kind .metadata.name}}", "{{printf \"%d|%v|%5.1f|%x\" .spec.replicas .spec.replicas .spec.replicas 255}}",
    "{{printf \"%-10s|%10s|\" .metadata.name .kind}}", "{{printf \"%q\" .metadata.name}}", "{{printf \"%v\" .metadata.labels}}",
    "{{printf \"%s %s\" \"a\"}}", "{{printf \"%s\" \"a\" \"b\"}}", "{{printf \"%d\" \"x\"}}", "{{printf \"%05d\" 42}}",
    "{{printf \"%T %T %T\" 1 1.5 .spec.replicas}}", "{{printf \"%t\" true}}", "{{printf \"%6.2f%%\" 12.345}}",
    "{{.metadata.name | printf \"%q\"}}", "{{\"a\" | len}}", "{{$x := .metadata.name}}{{$x}}-{{$x}}",
    "{{$n := 0}}{{range .spec.template.spec.containers}}{{$n = .name}}{{end}}{{$n}}",
    "{{- \"x\" -}} {{- 3 }}", "a {{- /* comment */ -}} b", "{{/* c */}}ok", "{{and .spec.replicas .kind}}",
    "{{or .nope \"fallback\"}}", "{{not .spec.paused}}", "{{eq .spec.replicas 3}}", "{{ne .kind \"Pod\"}}",
    "{{lt .spec.replicas 5}}", "{{ge .spec.replicas 3}}", "{{gt 1.5 1.2}}", "{{le \"a\" \"b\"}}", "{{eq .kind \"A\" \"Deployment\"}}",
    "{{exists . \"spec\" \"replicas\"}} {{exists . \"x\"}}", "{{print 1 2 \"a\" 3}}", "{{println \"a\" 1}}",
    "{{1.0}} {{1e3}} {{0x10}} {{'a'}} {{true}}", "{{range .spec.template.spec.containers}}{{if eq .name \"redis\"}}{{break}}{{end}}{{.name}}{{end}}",
    "{{range .spec.template.spec.containers}}{{if eq .name \"nginx\"}}{{continue}}{{end}}{{.name}}{{end}}",
    "{{range $i, $c := .spec.template.spec.containers}}{{if $i}},{{end}}{{$c.name}}{{end}}", "{{$.kind}}",
    "{{range .spec.template.spec.containers}}{{$.metadata.name}}/{{.name}} {{end}}", "{{(index .spec.template.spec.containers 0).name}}",
    "{{html \"<a&b>\"}}", "{{js \"it's\"}}", "{{urlquery \"a b&c\"}}", "{{slice .metadata.name 1 2}}",
    "{{.data.user | base64decode}}", "{{range $k, $v := .data}}{{$k}}={{$v | base64decode}} {{end}}",
    "{{.data}}", "{{.spec.ports}}", "{{range .spec.ports}}{{.port}}/{{.protocol}} {{end}}",
    "{{range 3}}{{.}}{{end}}",
    # errors
    "{{.foo", "{{.foo}}{{end}}", "{{range .x}}", "{{foo .x}}", "{{index .spec 3}}", "{{len .foo}}",
    "{{.spec.replicas.x}}", "{{if}}{{end}}", "{{$x := 1}}{{$y}}", "{{eq .spec.replicas 3.0}}", "{{lt \"a\" 1}}",
    "{{nil}}", "{{index .spec.template.spec.containers 9}}", "{{.metadata.creationTimestamp.x}}", "{{range .kind}}{{end}}",
    "{{printf 3}}", "{{len 3}}", "{{not}}", "{{break}}", "{{else}}", "{{.metadata.name 1}}", "ab{{.kind.x}}cd",
    "{{template \"x\"}}", "{{)}}", "{{.a | }}",
]

GO_STRICT = ["{{.foo}}", "{{.metadata.name}}", "{{.foo.bar}}", "{{range .spec.template.spec.containers}}{{.nope}}{{end}}",
             "pre-{{.spec.nope}}-post"]

GET_JSONPATH = ["{.kind}", "{.items[*].metadata.name}", "{range .items[*]}{.metadata.name}{\"\\t\"}{.status.phase}{\"\\n\"}{end}",
                "{.metadata}", "{.items[?(@.status.phase==\"Running\")].metadata.name}",
                "{.items[*].spec.containers[?(@.ports[0].containerPort==5432)].name}",
                "{.items[0].metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}",
                "{range .items[*]}{.metadata.name}:{range .status.containerStatuses[*]}{.restartCount},{end} {end}",
                "{.items[*].status.containerStatuses[?(@.restartCount>1)].name}", "{.items[-1:].metadata.name}",
                "{.items[*].spec.nodeName}", "{.items[?(@.spec.nodeName)].metadata.name}"]

GET_SINGLE_JSONPATH = ["{.metadata.name}", "{.spec.containers[*].name}", "{.status.containerStatuses[0].restartCount}",
                       "{.spec.containers[?(@.name==\"nginx\")].resources.limits}", "{.status.conditions[?(@.type==\"Ready\")].status}"]

CUSTOM_COLUMNS = [
    "NAME:.metadata.name,PHASE:.status.phase", "NAME:metadata.name,NODE:{.spec.nodeName}",
    "NAME:{.metadata.name},IMAGES:.spec.containers[*].image", "N:.metadata.name,RESTARTS:.status.containerStatuses[*].restartCount",
    "LABELS:.metadata.labels,C:.spec.containers[0].ports", "NAME:.metadata.name,READY:.status.conditions[?(@.type==\"Ready\")].status",
    "X:.nope", "A:.metadata.name", "NAME:.metadata.name,PORTS:.spec.containers[*].ports[*].containerPort,IP:.status.podIP",
    "CMD:.spec.containers[1].command", "VERY-LONG-HEADER-NAME:.metadata.uid,S:.status.startTime",
    "ANN:.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt",
    # errors
    "", "NAME", "NAME:.metadata.name,BAD", "N:.a{", "N:.spec.containers[5].name", "N:.metadata.name[0]",
]

CC_FILES = ["NAME   PHASE\n.metadata.name   .status.phase\n", "NAME\tIMG\n{.metadata.name}\tspec.containers[*].image\n",
            "ONLY\n", "A B\n.x\n", ""]


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="record-templates-"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    kubeconfig = tmp / "kubeconfig"
    kubeconfig.write_text(f"""apiVersion: v1
kind: Config
clusters: [{{name: fake, cluster: {{server: "http://127.0.0.1:{server.server_port}"}}}}]
contexts: [{{name: fake, context: {{cluster: fake, user: u, namespace: default}}}}]
current-context: fake
users: [{{name: u, user: {{}}}}]
""")
    env = dict(os.environ, KUBECONFIG=str(kubeconfig), KUBECACHEDIR=str(tmp / "cache"), HOME=str(tmp))
    groups: dict[str, list[dict]] = {"jsonpath": [], "gotemplate": [], "custom_columns": []}

    def record(group: str, name: str, args: list[str], printer: str, template: str, allow_missing: bool,
               source: str, obj: object, raw: str | None, input_file: str | None = None) -> None:
        out, err, code = run(args, env)
        try:
            (out + err).encode("utf-8")
        except UnicodeEncodeError:
            print(f"skipped (output is not UTF-8): {name} {template!r}", file=sys.stderr)
            return
        groups[group].append({"name": name, "command": ["kubectl", *args], "input_file": input_file,
                              "template": template, "printer": printer, "allow_missing": allow_missing,
                              "source": source, "object": obj, "raw_json": raw,
                              "stdout": out, "stderr": err, "exit": code})

    for key, create in CREATES.items():
        obj, raw = typed_object(create, env)
        for t in JSONPATH_TEMPLATES:
            record("jsonpath", key, [*create, "-o", f"jsonpath={t}"], "jsonpath", t, True, "typed", obj, raw)
        for t in JSONPATH_STRICT:
            record("jsonpath", key, [*create, "-o", f"jsonpath={t}", "--allow-missing-template-keys=false"],
                   "jsonpath", t, False, "typed", obj, raw)
        for t in JSONPATH_AS_JSON:
            record("jsonpath", key, [*create, "-o", f"jsonpath-as-json={t}"], "jsonpath-as-json", t, True,
                   "typed", obj, raw)
        for t in GO_TEMPLATES:
            record("gotemplate", key, [*create, "-o", f"go-template={t}"], "go-template", t, True, "typed", obj, raw)
        for t in GO_STRICT:
            record("gotemplate", key, [*create, "-o", f"go-template={t}", "--allow-missing-template-keys=false"],
                   "go-template", t, False, "typed", obj, raw)

    for t in GET_JSONPATH:
        record("jsonpath", "get-pods", ["get", "pods", "-o", f"jsonpath={t}"], "jsonpath", t, True, "server-list",
               PODS, None)
    for t in GET_SINGLE_JSONPATH:
        record("jsonpath", "get-pod", ["get", "pod", "web-1", "-o", f"jsonpath={t}"], "jsonpath", t, True,
               "server", PODS[0], None)
    record("jsonpath", "get-pods-as-json", ["get", "pods", "-o", "jsonpath-as-json={.items[*].metadata.name}"],
           "jsonpath-as-json", "{.items[*].metadata.name}", True, "server-list", PODS, None)
    for t in ["{{range .items}}{{.metadata.name}} {{end}}", "{{.kind}} {{len .items}}", "{{.metadata}}"]:
        record("gotemplate", "get-pods", ["get", "pods", "-o", f"go-template={t}"], "go-template", t, True,
               "server-list", PODS, None)
    for spec in CUSTOM_COLUMNS:
        record("custom_columns", "get-pods", ["get", "pods", "-o", f"custom-columns={spec}"], "custom-columns",
               spec, True, "server-list", PODS, None)
        record("custom_columns", "get-pods-nh", ["get", "pods", "--no-headers", "-o", f"custom-columns={spec}"],
               "custom-columns-no-headers", spec, True, "server-list", PODS, None)
    record("custom_columns", "get-pod", ["get", "pod", "web-1", "-o", "custom-columns=NAME:.metadata.name,IP:.status.podIP"],
           "custom-columns", "NAME:.metadata.name,IP:.status.podIP", True, "server", PODS[0], None)
    for i, text in enumerate(CC_FILES):
        f = tmp / f"cols{i}.txt"
        f.write_text(text)
        record("custom_columns", "get-pods-file", ["get", "pods", "-o", f"custom-columns-file={f}"],
               "custom-columns-file", text, True, "server-list", PODS, None, input_file=text)

    server.shutdown()
    total = 0
    for group, cases in groups.items():
        for c in cases:
            # The temp dir differs per run; keep the golden files stable.
            c["command"] = [a.replace(str(tmp), "TMP") for a in c["command"]]
            c["stderr"] = c["stderr"].replace(str(tmp), "TMP")
        (OUT / f"{group}.json").write_text(json.dumps(cases, indent=1, ensure_ascii=False) + "\n")
        total += len(cases)
    print(f"recorded {total} cases into {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
