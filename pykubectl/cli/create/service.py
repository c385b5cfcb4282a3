"""create service clusterip|nodeport|loadbalancer|externalname: the object kubectl's generator builds from flags."""

from __future__ import annotations

import re
from typing import Any

import click

from ... import errors
from .. import common
from . import CTX, _AliasGroup, _help_without_subcommand, _int_flag, common_options, emit, meta, one_name, required


def _parse_port(text: str) -> int:
    """utilnet.ParsePort(text, allowZero=true)."""
    if not re.fullmatch(r"[0-9]+", text or ""):
        raise errors.ClientError(f'error: strconv.ParseUint: parsing "{text}": invalid syntax')
    n = int(text)
    if n > 65535:
        raise errors.ClientError(f'error: strconv.ParseUint: parsing "{text}": value out of range')
    return n


def _service_port(spec: str, node_port: int) -> dict:
    from ...api import validation

    parts = spec.split(":")
    port = _parse_port(parts[0])
    target: int | str
    if len(parts) == 1:
        target = port
    else:
        t = parts[1]
        if re.fullmatch(r"[+-]?[0-9]+", t):
            target = int(t)
            errs = validation.is_valid_port_num(target)
        else:
            target = t
            errs = validation.is_valid_port_name(t)
        if errs:
            raise errors.ClientError("error: " + ",".join(errs))
    p: dict = {"name": spec.replace(":", "-"), "protocol": "TCP", "port": port, "targetPort": target}
    if node_port:
        p["nodePort"] = node_port
    return p


def register(create: click.Group) -> None:
    """Add service to the create group."""
    @create.group("service", cls=_AliasGroup, invoke_without_command=True, context_settings=CTX)
    @click.pass_context
    def create_service(ctx: click.Context) -> None:
        """Create a service using a specified subcommand.

        \b
        Examples:
          # Create a new ClusterIP service named my-cs
          pykubectl create service clusterip my-cs --tcp=5678:8080
        """
        _help_without_subcommand(ctx)

    def _service(names: tuple[str, ...], stype: str, tcp: tuple[str, ...], cluster_ip: str, node_port: int,
                 external_name: str, dry_run: str | None, output: str | None, save_config: bool) -> None:
        name = one_name(names)
        env = common.env_of()
        if not tcp and cluster_ip != "None" and stype != "ExternalName":
            raise errors.ClientError("error: at least one tcp port specifier must be provided")
        if stype == "ExternalName":
            from ...api import selectors

            if selectors.is_dns1123_subdomain(external_name):
                raise errors.ClientError(f"error: invalid service external name {external_name}")
        ports = [_service_port(t, node_port) for t in tcp]
        labels = {"app": name}
        spec: dict = {}
        if ports:
            spec["ports"] = ports
        spec["selector"] = dict(labels)
        if cluster_ip:
            spec["clusterIP"] = cluster_ip
        spec["type"] = stype
        if external_name:
            spec["externalName"] = external_name
        obj = {"kind": "Service", "apiVersion": "v1", "metadata": meta(name, env, dict(labels)), "spec": spec,
               "status": {"loadBalancer": {}}}
        emit(env, obj, dry_run, output, save_config)

    tcp_opt = click.option("--tcp", multiple=True, help="Port pairs can be specified as '<port>:<targetPort>'.")

    @create_service.command("clusterip", context_settings=CTX)
    @click.argument("names", nargs=-1, metavar="NAME")
    @tcp_opt
    @click.option("--clusterip", default="", help="Assign your own ClusterIP or set to 'None' for a 'headless' service (no loadbalancing).")
    @common_options
    def svc_clusterip(names: tuple[str, ...], tcp: tuple[str, ...], clusterip: str, dry_run: str | None,
                      output: str | None, save_config: bool, **_: Any) -> None:
        """Create a ClusterIP service with the specified name.

        \b
        Examples:
          # Create a new ClusterIP service named my-cs
          pykubectl create service clusterip my-cs --tcp=5678:8080
        \b
          # Create a new ClusterIP service named my-cs (in headless mode)
          pykubectl create service clusterip my-cs --clusterip="None"
        """
        _service(names, "ClusterIP", tcp, clusterip, 0, "", dry_run, output, save_config)

    @create_service.command("nodeport", context_settings=CTX)
    @click.argument("names", nargs=-1, metavar="NAME")
    @tcp_opt
    @click.option("--node-port", "node_port", default="0", help="Port used to expose the service on each node in a cluster.")
    @common_options
    def svc_nodeport(names: tuple[str, ...], tcp: tuple[str, ...], node_port: str, dry_run: str | None,
                     output: str | None, save_config: bool, **_: Any) -> None:
        """Create a NodePort service with the specified name.

        \b
        Examples:
          # Create a new NodePort service named my-ns
          pykubectl create service nodeport my-ns --tcp=5678:8080
        """
        _service(names, "NodePort", tcp, "", _int_flag(node_port, "--node-port"), "", dry_run, output, save_config)

    @create_service.command("loadbalancer", context_settings=CTX)
    @click.argument("names", nargs=-1, metavar="NAME")
    @tcp_opt
    @common_options
    def svc_loadbalancer(names: tuple[str, ...], tcp: tuple[str, ...], dry_run: str | None, output: str | None,
                         save_config: bool, **_: Any) -> None:
        """Create a LoadBalancer service with the specified name.

        \b
        Examples:
          # Create a new LoadBalancer service named my-lbs
          pykubectl create service loadbalancer my-lbs --tcp=5678:8080
        """
        _service(names, "LoadBalancer", tcp, "", 0, "", dry_run, output, save_config)

    @create_service.command("externalname", context_settings=CTX)
    @click.argument("names", nargs=-1, metavar="NAME")
    @tcp_opt
    @click.option("--external-name", "external_name", default="", help="External name of service.")
    @common_options
    def svc_externalname(names: tuple[str, ...], tcp: tuple[str, ...], external_name: str, dry_run: str | None,
                         output: str | None, save_config: bool, **_: Any) -> None:
        """Create an ExternalName service with the specified name.

        \b
        Examples:
          # Create a new ExternalName service named my-ns
          pykubectl create service externalname my-ns --external-name bar.com
        """
        required(external_name, "external-name")
        _service(names, "ExternalName", tcp, "", 0, external_name, dry_run, output, save_config)
