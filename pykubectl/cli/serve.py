"""serve: the simulated cluster's Kubernetes API over HTTPS, for real kubectl and client libraries
(pykubectl/serve/). Its imports (TLS, certificates, the HTTP server) are made here, when the verb runs."""

from __future__ import annotations

import os
from typing import Any

import click

from .. import errors
from . import common

CTX = {"help_option_names": ["-h", "--help"]}

DEFAULT_KUBECONFIG = os.path.join("~", ".pykubectl", "serve.kubeconfig")


@click.command("serve", context_settings=CTX)
@click.option("--address", default="127.0.0.1", help="The address to listen on (loopback unless asked).")
@click.option("--port", default=6443, type=int, help="The port to listen on (0: any free port).")
@click.option("--write-kubeconfig", "kubeconfig_out", default=None,
              help=f"Where to write the kubeconfig for real kubectl (default {DEFAULT_KUBECONFIG}).")
@click.option("-v", "--verbose", is_flag=True, help="Log each request on stderr.")
def serve_cmd(address: str, port: int, kubeconfig_out: str | None, verbose: bool) -> None:
    """Serve the store's cluster as a Kubernetes API server over HTTPS.

    A CA, a serving certificate and the admin's client certificate (group system:masters) are generated at each
    start and written, with the server's address, into a kubeconfig that real kubectl and client libraries use
    unchanged. Every write goes through the same server-side checks as pykubectl's own commands, and the
    controllers settle after each one. Time passes in the served cluster between requests: work that comes due
    (a container ending after its run time, a back-off, a CronJob's schedule) runs when it does, and watchers see
    it. With a frozen clock (PYKUBECTL_NOW) it moves only by `pykubectl cluster advance`. Ctrl-C stops the server.

    \b
    Examples:
      # Serve the default store on https://127.0.0.1:6443 and use real kubectl against it
      pykubectl serve --write-kubeconfig /tmp/pk.kubeconfig &
      KUBECONFIG=/tmp/pk.kubeconfig kubectl get pods -A
    """
    import tempfile

    env = common.env_of()
    if not 0 <= port <= 65535:
        raise errors.UsageError(f"error: invalid port {port}: must be between 0 and 65535")
    try:
        from ..serve import credentials
    except ImportError:  # pragma: no cover - cryptography is a dependency; a broken install says what is missing
        raise errors.ClientError("error: pykubectl serve needs the 'cryptography' package: pip install cryptography")
    from ..serve import server as srv
    from ..serve.api import Api

    store_ready = common.open_store(env)  # finish pending work and report a store problem before listening
    store_ready.close()
    creds = credentials.generate([address] if address not in ("0.0.0.0", "::") else [])
    path = os.path.expanduser(kubeconfig_out or DEFAULT_KUBECONFIG)
    with tempfile.TemporaryDirectory(prefix="pykubectl-serve-") as tls_dir:
        ca, cert, key = creds.write_tls_files(tls_dir)
        ctx = srv.ssl_context(ca, cert, key)
        try:
            server = srv.ApiServer((address, port), ctx, lambda: Api(env), creds.token, verbose=verbose)
        except OSError as e:
            raise errors.ClientError(f"error: cannot listen on {address}:{port}: {e.strerror or e}") from None
    bound_port = server.server_address[1]
    host = f"[{address}]" if ":" in address else address
    url = f"https://{host}:{bound_port}"
    _write_private(path, credentials.kubeconfig_text(creds, url))

    def announce() -> None:
        common.echo(env, f"Serving the cluster of {_store_name(env)} at {url}")
        common.echo(env, f"kubeconfig: {path}   (KUBECONFIG={path} kubectl get pods -A; Ctrl-C stops)")

    serve_until_stopped(env, server, announce)


def serve_until_stopped(env: Any, server: Any, announce: Any) -> None:
    """Run an HTTP server of serve, dashboard or proxy until Ctrl-C or SIGTERM, then close it. The announcement is
    made once serving is certain to follow, so a Ctrl-C right after it is a clean stop too."""
    import signal

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        announce()
        env.stdout.flush()
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def _store_name(env: object) -> str:
    from ..store import db

    return db._redact(env.resolved_store_url())  # type: ignore[attr-defined]


def _write_private(path: str, text: str) -> None:
    """The kubeconfig holds the admin's key: written owner-only, replaced in one rename."""
    d = os.path.dirname(os.path.abspath(path))
    os.makedirs(d, exist_ok=True)
    tmp = f"{path}.tmp{os.getpid()}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)


COMMANDS = {"serve": serve_cmd}
