"""Writes pykubectl/api/protobuf_fields.json: the protobuf wire layout of the API's built-in types (what
`pykubectl serve` needs to read the protobuf bodies kubectl's typed clients send: `create namespace`, `auth can-i`,
`create token`, drain's evictions), as facts read from a checkout of the Kubernetes API types:

    python tools/protobuf_schema.py K8S_API_CHECKOUT APIMACHINERY_CHECKOUT

For each message: field number -> [JSON name, type, label, flags]. The type is a scalar name or a message's full
name; label "" (optional), "r" (repeated) or "m:<key type>" (a map); flags: "p" the Go field is a pointer (a zero
value is kept), "o" it has omitempty (a zero value is dropped, as encoding/json drops it), "i" its fields are inlined
into the parent's JSON. The field numbers and names come from generated.proto, the flags from the Go struct tags.
"order": for each message, its field numbers in the Go struct's order, the order in which encoding/json writes the
fields and so the API server's JSON (api/goorder.py); a struct's order of existing fields never changes between
versions, new fields are inserted.
"""

from __future__ import annotations

import json
import os
import re
import sys

GROUPS = {"core": "", "apps": "apps", "batch": "batch", "policy": "policy", "rbac": "rbac.authorization.k8s.io",
          "authorization": "authorization.k8s.io", "authentication": "authentication.k8s.io",
          "networking": "networking.k8s.io", "scheduling": "scheduling.k8s.io",
          "certificates": "certificates.k8s.io", "coordination": "coordination.k8s.io",
          "discovery": "discovery.k8s.io", "storage": "storage.k8s.io", "node": "node.k8s.io",
          "events": "events.k8s.io", "admissionregistration": "admissionregistration.k8s.io",
          "autoscaling": "autoscaling", "flowcontrol": "flowcontrol.apiserver.k8s.io"}
VERSIONS = {"autoscaling": ["v1", "v2"]}
MACHINERY = ["pkg/apis/meta/v1", "pkg/runtime", "pkg/util/intstr", "pkg/api/resource"]

SCALARS = {"string", "bytes", "bool", "int32", "int64", "uint32", "uint64", "sint32", "sint64", "fixed32",
           "fixed64", "sfixed32", "sfixed64", "double", "float"}
_MSG = re.compile(r"^message (\w+) \{")
_FIELD = re.compile(r"^\s*(optional|repeated)?\s*(map<(\w+),\s*([\w.]+)>|[\w.]+)\s+(\w+)\s*=\s*(\d+)")
_STRUCT = re.compile(r"^type (\w+) struct \{")
_GOFIELD = re.compile(r'^\s*(?:(\w+)\s+)?(\S+)\s+`(.*)`')


def proto_messages(path: str) -> tuple[str, dict[str, dict[int, list]]]:
    pkg, out, cur, depth = "", {}, None, 0
    for line in open(path, encoding="utf-8"):
        s = line.strip()
        if s.startswith("package "):
            pkg = s[len("package "):].rstrip(";")
        m = _MSG.match(line)
        if m and depth == 0:
            cur = out.setdefault(m.group(1), {})
            depth = 1
            continue
        if cur is None or s.startswith("//"):
            continue
        if s.startswith("message ") or s.startswith("enum "):
            depth += 1
        if s == "}":
            depth -= 1
            if depth == 0:
                cur = None
            continue
        f = _FIELD.match(line)
        if f and depth == 1:
            label = "r" if f.group(1) == "repeated" else ""
            typ = f.group(2)
            if f.group(3):
                label, typ = "m:" + f.group(3), f.group(4)
            cur[int(f.group(6))] = [f.group(5), typ, label, ""]
    for fields in out.values():  # message types by their full names
        for f in fields.values():
            if f[1].startswith("."):
                f[1] = f[1][1:]
            elif f[1] not in SCALARS:
                f[1] = f"{pkg}.{f[1]}"
    return pkg, out


def go_flags(directory: str) -> dict[str, dict[int, tuple[str, str]]]:
    """struct -> protobuf field number -> (JSON name, flags), in the struct's order of fields."""
    out: dict[str, dict[int, tuple[str, str]]] = {}
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".go") or name.endswith("_test.go") or name.startswith("zz_") or \
                name.startswith("generated"):
            continue
        cur = None
        for line in open(os.path.join(directory, name), encoding="utf-8"):
            m = _STRUCT.match(line)
            if m:
                cur = out.setdefault(m.group(1), {})
                continue
            if cur is None:
                continue
            if line.startswith("}"):
                cur = None
                continue
            f = _GOFIELD.match(line)
            if not f:
                continue
            tags = dict(re.findall(r'(\w+):"([^"]*)"', f.group(3)))
            if "protobuf" not in tags or len(tags["protobuf"].split(",")) < 2:
                continue
            num = int(tags["protobuf"].split(",")[1])
            jname, *opts = tags.get("json", "").split(",")
            flags = ("p" if f.group(2).startswith("*") else "") + ("o" if "omitempty" in opts else "") + \
                    ("i" if "inline" in opts or (f.group(1) is None and not jname) else "")
            cur[num] = (jname, flags)
    return out


def main(api: str, machinery: str) -> None:
    messages: dict[str, dict] = {}
    order: dict[str, list[int]] = {}
    kinds: dict[str, str] = {}
    dirs = [(os.path.join(machinery, d), None) for d in MACHINERY]
    for g, group in GROUPS.items():
        for v in VERSIONS.get(g, ["v1"]):
            dirs.append((os.path.join(api, g, v), (group, v)))
    for d, gv in dirs:
        pkg, msgs = proto_messages(os.path.join(d, "generated.proto"))
        flags = go_flags(d)
        for name, fields in msgs.items():
            for num, f in fields.items():
                jf = flags.get(name, {}).get(num)
                if jf is not None:
                    if jf[0]:
                        f[0] = jf[0]
                    f[3] = jf[1]
            messages[f"{pkg}.{name}"] = {str(k): v for k, v in sorted(fields.items())}
            # The Go struct's order (dicts keep the order the fields were read in), then any field of the message
            # the struct did not tag, by number.
            in_struct = [n for n in flags.get(name, {}) if n in fields]
            order[f"{pkg}.{name}"] = in_struct + sorted(n for n in fields if n not in in_struct)
            if gv is not None and "metadata" in {f[0] for f in fields.values()}:
                kinds[f"{gv[0] + '/' if gv[0] else ''}{gv[1]}/{name}"] = f"{pkg}.{name}"
    target = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "pykubectl", "api",
                          "protobuf_fields.json")
    with open(target, "w", encoding="utf-8") as fh:
        json.dump({"kinds": dict(sorted(kinds.items())), "messages": dict(sorted(messages.items())),
                   "order": dict(sorted(order.items()))}, fh, separators=(",", ":"), sort_keys=False)
        fh.write("\n")
    print(f"{target}: {len(messages)} messages, {len(kinds)} kinds")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
