"""proxy: kubectl proxy, the store's cluster API over plain HTTP on loopback (or a Unix socket), acting as the
CLI's user, with kubectl's request filter, API prefix and static files (pykubectl/serve/proxy.py)."""

from __future__ import annotations

import re

import click

from .. import errors
from . import common
from .wait import parse_duration

CTX = {"help_option_names": ["-h", "--help"]}
DEFAULT_PORT = 8001


@click.command("proxy", context_settings={**CTX, "ignore_unknown_options": False, "allow_extra_args": True})
@click.option("--accept-hosts", default=r"^localhost$,^127\.0\.0\.1$,^\[::1\]$",
              help="Regular expression for hosts that the proxy should accept.")
@click.option("--accept-paths", default="^.*", help="Regular expression for paths that the proxy should accept.")
@click.option("--address", default="127.0.0.1", help="The IP address on which to serve on.")
@click.option("--api-prefix", default="/", help="Prefix to serve the proxied API under.")
@click.option("--append-server-path", type=bool, default=False,
              help="If true, enables automatic path appending of the kube context server path to each request.")
@click.option("--disable-filter", type=bool, default=False,
              help="If true, disable request filtering in the proxy. This is dangerous, and can leave you vulnerable "
                   "to XSRF attacks, when used with an accessible port.")
@click.option("--keepalive", default="0s",
              help="keepalive specifies the keep-alive period for an active network connection. Set to 0 to disable "
                   "keepalive.")
@click.option("--port", "-p", type=int, default=DEFAULT_PORT,
              help="The port on which to run the proxy. Set to 0 to pick a random port.")
@click.option("--reject-methods", default="^$",
              help="Regular expression for HTTP methods that the proxy should reject (example "
                   "--reject-methods='POST,PUT,PATCH'). ")
@click.option("--reject-paths", default="^/api/.*/pods/.*/exec,^/api/.*/pods/.*/attach",
              help="Regular expression for paths that the proxy should reject. Paths specified here will be rejected "
                   "even accepted by --accept-paths.")
@click.option("--unix-socket", "-u", default="", help="Unix socket on which to run the proxy.")
@click.option("--www", "-w", default="", help="Also serve static files from the given directory under the specified "
                                               "prefix.")
@click.option("--www-prefix", "-P", default="/static/",
              help="Prefix to serve static files under, if static file directory is specified.")
def proxy_cmd(accept_hosts: str, accept_paths: str, address: str, api_prefix: str, append_server_path: bool,
              disable_filter: bool, keepalive: str, port: int, reject_methods: str, reject_paths: str,
              unix_socket: str, www: str, www_prefix: str) -> None:
    """Creates a proxy server or application-level gateway between localhost and the Kubernetes API server. It also
    allows serving static content over specified HTTP path. All incoming data enters through one port and gets
    forwarded to the remote Kubernetes API server port, except for the path matching the static content path.

    \b
    Examples:
      # To proxy all of the Kubernetes API and nothing else
      pykubectl proxy --api-prefix=/
    \b
      # To proxy only part of the Kubernetes API and also some static files
      # You can get pods info with 'curl localhost:8001/api/v1/pods'
      pykubectl proxy --www=/my/files --www-prefix=/static/ --api-prefix=/api/
    \b
      # To proxy the entire Kubernetes API at a different root
      # You can get pods info with 'curl localhost:8001/custom/api/v1/pods'
      pykubectl proxy --api-prefix=/custom/
    \b
      # Run a proxy to the Kubernetes API server on port 8011, serving static content from ./local/www/
      pykubectl proxy --port=8011 --www=./local/www/
    \b
      # Run a proxy to the Kubernetes API server on an arbitrary local port
      # The chosen port for the server will be output to stdout
      pykubectl proxy --port=0
    \b
      # Run a proxy to the Kubernetes API server, changing the API prefix to k8s-api
      # This makes e.g. the pods API available at localhost:8001/k8s-api/v1/pods/
      pykubectl proxy --api-prefix=/k8s-api
    """
    import os

    from .. import lifetime

    env = common.env_of()
    try:
        parse_duration(keepalive)
    except ValueError as e:
        raise errors.UsageError(f'error: invalid argument "{keepalive}" for "--keepalive" flag: {e}\n'
                                "See 'kubectl proxy --help' for usage.") from None
    from ..serve import proxy as px

    filter_ = None
    if disable_filter:
        if not unix_socket:
            common.klog_warning(env, "proxy.go:175", "Request filter disabled, your proxy is vulnerable to XSRF "
                                                     "attacks, please be cautious")
    else:
        try:
            filter_ = px.Filter(accept_paths, reject_paths, accept_hosts, reject_methods)
        except re.error as e:
            raise errors.ClientError(f"error: Error compiling re: error parsing regexp: {e}") from None
    if port != DEFAULT_PORT and unix_socket:
        raise errors.ClientError("error: cannot set --unix-socket and --port at the same time")
    if not 0 <= port <= 65535:
        raise errors.ClientError(f"error: listen tcp: address {port}: invalid port")
    if www:
        if not os.path.exists(www):
            common.klog_warning(env, "proxy.go:197", f"Failed to stat static file directory {www}: stat {www}: "
                                                     "no such file or directory")
        elif not os.path.isdir(www):
            common.klog_warning(env, "proxy.go:199", f"Static file directory {www} is not a directory")
    routes = px.Routes(api_prefix, www, www_prefix, filter_)
    impersonation = [("Impersonate-User", env.as_user)] if env.as_user else []
    impersonation += [("Impersonate-Group", g) for g in env.as_groups]
    if env.as_uid:
        impersonation.append(("Impersonate-Uid", env.as_uid))

    from ..serve.api import Api

    store_ready = common.open_store(env)  # finish pending work and report a store problem before listening
    store_ready.close()
    lifetime.serving()
    try:
        server = px.ProxyServer((address, port), lambda: Api(env), routes, unix_socket, impersonation)
    except OSError as e:
        where = f"unix {unix_socket}" if unix_socket else f"tcp {address}:{port}"
        reason = {98: "bind: address already in use", 13: "bind: permission denied",
                  99: "bind: cannot assign requested address"}.get(e.errno or 0, e.strerror or str(e))
        raise errors.ClientError(f"error: listen {where}: {reason}") from None

    from .serve import serve_until_stopped

    serve_until_stopped(env, server, lambda: common.echo(env, f"Starting to serve on {server.listening_on()}"))


COMMANDS = {"proxy": proxy_cmd}
