"""create ingress: the object kubectl's generator builds from flags."""

from __future__ import annotations

import re
from typing import Any

import click

from ... import errors
from .. import common
from . import CTX, common_options, emit, meta, one_name

_RULE_RE = re.compile(r"^(?P<host>[\w\*\-\.]*)(?P<path>/.*)=(?P<svcname>[\w\-]+):(?P<svcport>[\w\-]+)"
                      r"(,tls[=]?(?P<secret>[\w\-]+)?)?$")
_BACKEND_RE = re.compile(r"^(?P<svcname>[\w\-]+):(?P<svcport>[\w\-]+)$")


def _backend(svc: str, port: str) -> dict:
    p: dict = {"number": int(port)} if port.isdigit() else {"name": port}
    return {"service": {"name": svc, "port": p}}


def register(create: click.Group) -> None:
    """Add ingress to the create group."""
    @create.command("ingress", context_settings=CTX)
    @click.argument("names", nargs=-1, metavar="NAME")
    @click.option("--rule", "rules", multiple=True, help="Rule in format host/path=service:port[,tls=secretname].")
    @click.option("--class", "class_", default="", help="Ingress Class to be used")
    @click.option("--default-backend", "default_backend", default="", help="Default service for backend, in format of svcname:port")
    @click.option("--annotation", "annotations", multiple=True, help="Annotation to insert in the ingress object, in the format annotation=value")
    @common_options
    def create_ingress(names: tuple[str, ...], rules: tuple[str, ...], class_: str, default_backend: str,
                       annotations: tuple[str, ...], dry_run: str | None, output: str | None, save_config: bool,
                       **_: Any) -> None:
        """Create an ingress with the specified name.

        \b
        Examples:
          # Create a single ingress called 'simple' that directs requests to foo.com/bar to svc
          # svc1:8080 with a TLS secret "my-cert"
          pykubectl create ingress simple --rule="foo.com/bar=svc1:8080,tls=my-cert"
        \b
          # Create an ingress with a default backend
          pykubectl create ingress ingdefault --class=default --default-backend=defaultsvc:http --rule="foo.com/*=svc:8080,tls=secret1"
        """
        name = one_name(names)
        env = common.env_of()
        ann: dict = {}
        for a in annotations:
            k, sep, v = a.partition("=")
            if not sep:
                raise errors.ClientError(f"error: annotation {a} is invalid and should be in format key=[value]")
            ann[k] = v
        if default_backend and not _BACKEND_RE.match(default_backend):
            raise errors.ClientError("error: default-backend should be in format servicename:serviceport")
        parsed = []
        for r in rules:
            m = _RULE_RE.match(r)
            if not m:
                raise errors.ClientError(f"error: rule {r} is invalid and should be in format "
                                         "host/path=svcname:svcport[,tls[=secret]]")
            parsed.append((r, m))
        spec: dict = {}
        if class_:
            spec["ingressClassName"] = class_
        if default_backend:
            m = _BACKEND_RE.match(default_backend)
            assert m
            spec["defaultBackend"] = _backend(m["svcname"], m["svcport"])
        tls: list[dict] = []
        seen_hosts: set[str] = set()
        for r, m in parsed:
            if ",tls" not in r:
                continue
            host, secret = m["host"], m["secret"] or ""
            if host in seen_hosts:
                # kubectl accepts a host into the TLS section once
                continue
            seen_hosts.add(host)
            same = next((t for t in tls if t.get("secretName", "") == secret), None)
            if same is not None:
                same.setdefault("hosts", []).append(host)
                continue
            entry: dict = {}
            if host:
                entry["hosts"] = [host]
            if secret:
                entry["secretName"] = secret
            if entry:
                tls.append(entry)
        if tls:
            spec["tls"] = tls
        ing_rules: list[dict] = []
        by_host: dict[str, dict] = {}
        for r, m in parsed:
            path = m["path"]
            ptype = "Exact"
            if path.endswith("*"):
                ptype, path = "Prefix", path[:-1]
            p = {"path": path, "pathType": ptype, "backend": _backend(m["svcname"], m["svcport"])}
            rule = by_host.get(m["host"])
            if rule is None:
                rule = {"host": m["host"]} if m["host"] else {}
                rule["http"] = {"paths": []}
                by_host[m["host"]] = rule
                ing_rules.append(rule)
            rule["http"]["paths"].append(p)
        if ing_rules:
            spec["rules"] = ing_rules
        obj = {"kind": "Ingress", "apiVersion": "networking.k8s.io/v1", "metadata": meta(name, env, None, ann),
               "spec": spec, "status": {"loadBalancer": {}}}
        emit(env, obj, dry_run, output, save_config)
