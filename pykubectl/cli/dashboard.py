"""dashboard: the simulated cluster as a web page on loopback (pykubectl/dashboard/). The HTTP server and the page
are imported here, when the verb runs."""

from __future__ import annotations

import click

from .. import errors
from . import common

CTX = {"help_option_names": ["-h", "--help"]}


@click.command("dashboard", context_settings=CTX)
@click.option("--address", default="127.0.0.1",
              help="The address to listen on (loopback unless asked; the page has no login, so 0.0.0.0 shares the "
                   "cluster with everyone who can reach this machine).")
@click.option("--port", default=8001, type=int, help="The port to listen on (0: any free port).")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the default web browser.")
@click.option("-v", "--verbose", is_flag=True, help="Log each request on stderr.")
def dashboard_cmd(address: str, port: int, open_browser: bool, verbose: bool) -> None:
    """Serve a web page that shows the store's cluster and acts on it (pykubectl only).

    The page draws the nodes with their pods, lists workloads, pods, Services, configuration, Jobs, storage and
    events, and shows any object's YAML. It scales, rolls back, restarts, edits, applies pasted manifests, cordons,
    drains, fails and recovers nodes and advances the cluster clock. Reads and writes go through the same
    Kubernetes API as `pykubectl serve`; the other actions run the pykubectl command a user would type, which the
    page shows. It follows changes made by pykubectl commands in other terminals within a second. Ctrl-C stops it.

    \b
    Examples:
      # Serve the default store's dashboard on http://127.0.0.1:8001 and open it
      pykubectl dashboard --open
    \b
      # Any free port, on a given store
      pykubectl --store /tmp/demo.db dashboard --port 0
    """

    from .. import lifetime
    from .serve import _store_name, serve_until_stopped

    env = common.env_of()
    if not 0 <= port <= 65535:
        raise errors.UsageError(f"error: invalid port {port}: must be between 0 and 65535")
    from ..dashboard.server import DashboardServer
    from ..serve.api import Api

    store_ready = common.open_store(env)  # finish pending work and report a store problem before listening
    store_ready.close()
    lifetime.serving()  # a server frees what each request built, as a library does
    try:
        from .main import main

        server = DashboardServer((address, port), lambda: Api(env), main, verbose=verbose)
    except OSError as e:
        raise errors.ClientError(f"error: cannot listen on {address}:{port}: {e.strerror or e}") from None
    host = f"[{address}]" if ":" in address else address
    url = f"http://{host}:{server.server_address[1]}/"

    def announce() -> None:
        common.echo(env, f"Dashboard of {_store_name(env)} at {url}   (Ctrl-C stops)")
        env.stdout.flush()
        if open_browser:
            import webbrowser

            webbrowser.open(url)

    serve_until_stopped(env, server, announce)


COMMANDS = {"dashboard": dashboard_cmd}
