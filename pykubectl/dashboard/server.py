"""The dashboard's HTTP server: plain HTTP on loopback, the page's static files, and three kinds of request.

- Kubernetes REST (``/api``, ``/apis``): handed as they are to serve/'s request handler (``serve.api.Api``) and
  its worker thread (``serve.server.ApiServer``), so every read and write obeys the API server's rules exactly as
  for ``pykubectl serve`` and real kubectl.
- Actions that are not REST (``POST /dashboard/v1/actions``): rollout status/undo/restart/pause/resume, cordon,
  drain, node fail/recover, cluster advance, apply of a pasted manifest run the CLI's own verbs in-process
  (``actions.py``), with their messages.
- Page helpers (``/dashboard/v1/…``): the store's resourceVersion as a long poll (live updates), an object as
  kubectl's YAML, the kinds the page may address, what the scheduler counts as requested on each node, and the
  line of a YAML text that a validation cause names.

No TLS and no credentials: the server listens on loopback only unless told otherwise. Requests that change
anything must carry the ``X-Pykubectl-Dashboard`` header (a page on another origin cannot add it without a CORS
preflight, which this server never grants) and a Host naming the address served (no DNS rebinding)."""

from __future__ import annotations

import json
import mimetypes
import os
import socketserver
import time
from typing import Any

from .. import errors
from ..apiserver.authn import ADMIN
from ..serve import api as apimod
from ..serve import server as srv

STATIC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "static")
CHANGES_POLL = 0.1  # seconds between two looks at the store's resourceVersion during a long poll
CHANGES_TIMEOUT = 25.0  # the longest a long poll waits before answering "no change"
WRITE_HEADER = "X-Pykubectl-Dashboard"
_PAGES = {"/": "index.html", "/index.html": "index.html"}


class _Handler(srv._Handler):
    server: "DashboardServer"

    def _authenticated(self) -> bool:
        """Loopback only and no credentials: reads need a Host we serve, writes also the dashboard's header."""
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]").lower()
        if host not in self.server.hosts and not self.server.any_host:
            return False
        if self.command in ("GET", "HEAD"):
            return True
        return self.headers.get(WRITE_HEADER) == "1"

    def _authenticate(self) -> Any:
        """serve's hook: Kubernetes REST from the dashboard's own page acts as the cluster's admin (loopback, no
        credentials: the same checks as the dashboard's own endpoints)."""
        return ADMIN if self._authenticated() else None

    def _handle(self) -> None:
        path = self.path.split("?", 1)[0]
        if path.startswith("/dashboard/v1/") or path in _PAGES or path.startswith("/static/"):
            if not self._authenticated():
                self.close_connection = True
                self._send(apimod._fail(403, "Forbidden", "the dashboard answers requests from its own page only"))
                return
            body = self._read_body()
            if body is None:
                self.close_connection = True
                self._send(apimod._fail(413, "RequestEntityTooLarge", "Request entity too large: limit is 3145728"))
                return
            try:
                self._send(self._dashboard(path, body))
            except errors.PykubectlError as e:
                self._send(apimod._error(e))
            except Exception as e:  # noqa: BLE001 - one request's bug must not stop the server
                self._send(self._internal_error(e))
            return
        super()._handle()

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _handle

    def _dashboard(self, path: str, body: bytes) -> apimod.Response:
        if path in _PAGES or path.startswith("/static/"):
            return _static(_PAGES.get(path) or path[len("/static/"):])
        query = apimod.Request("GET", self.path, self.headers, b"").query
        name = path[len("/dashboard/v1/"):]
        if name == "changes" and self.command == "GET":
            return self._changes(query.get("since") or "", query.get("timeout"))
        if name == "kinds" and self.command == "GET":
            from . import views

            return _ok(views.kinds())
        if name == "yaml" and self.command == "GET":
            from . import views

            return self.server.call(lambda: views.yaml_of(self.server.api, query.get("path") or "", self.headers))
        if name == "usage" and self.command == "GET":
            from . import views

            return _ok(self.server.call(lambda: views.node_usage(self.server.api)))
        if name == "locate" and self.command == "POST":
            from . import views

            return _ok(views.locate(_json_body(body)))
        if name == "actions" and self.command == "POST":
            from . import actions

            req = _json_body(body)
            return _ok(self.server.call(lambda: actions.run(self.server.api.env, req, self.server.run_command)))
        return apimod._not_found_path()

    def _changes(self, since: str, timeout: str | None) -> apimod.Response:
        """Answers as soon as the store's resourceVersion differs from ``since`` (another process's command, an
        action of this page), or after the timeout: the page then reloads what it shows."""
        try:
            wait = min(max(float(timeout or CHANGES_TIMEOUT), 0.0), CHANGES_TIMEOUT)
        except ValueError:
            wait = CHANGES_TIMEOUT
        deadline = time.monotonic() + wait
        while True:
            state = self.server.call(self.server.state)
            if state["version"] != since or time.monotonic() >= deadline or self._client_gone():
                return _ok(state)
            time.sleep(CHANGES_POLL)


def _ok(obj: Any) -> apimod.Response:
    return apimod._json(obj)


def _json_body(body: bytes) -> Any:
    try:
        return json.loads(body or b"null")
    except ValueError as e:
        raise errors.BadRequest(f"error decoding request body: {e}") from None


def _static(name: str) -> apimod.Response:
    """A file shipped in the package's static/ directory; nothing outside it."""
    path = os.path.normpath(os.path.join(STATIC, name))
    if not path.startswith(STATIC + os.sep) or not os.path.isfile(path):
        return apimod._not_found_path()
    ctype = mimetypes.guess_type(path)[0] or "application/octet-stream"
    if ctype.startswith("text/") or ctype in ("application/javascript", "image/svg+xml"):
        ctype += "; charset=utf-8"
    with open(path, "rb") as fh:
        data = fh.read()
    headers = [("X-Content-Type-Options", "nosniff")]
    if path.endswith(".html"):
        # Only the package's own script runs, nothing is loaded from elsewhere, and no other site may frame the page
        # (its buttons change the cluster).
        headers += [("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' "
                     "'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'"),
                    ("X-Frame-Options", "DENY")]
    return apimod.Response(200, data, ctype, headers)


class DashboardServer(srv.ApiServer):
    """serve's threading server and store worker, without TLS, with the dashboard's handler."""

    def __init__(self, address: tuple[str, int], make_api: Any, run_command: Any, verbose: bool = False):
        """``run_command(argv, env) -> exit code`` runs a pykubectl command line (the CLI's entry) for actions."""
        self.hosts = {"localhost", "127.0.0.1", "::1", address[0].lower()}
        # Served on every interface on purpose (--address 0.0.0.0): any name of the machine may be in Host.
        self.any_host = address[0] in ("0.0.0.0", "::")
        self.run_command = run_command
        super().__init__(address, None, make_api, token="", verbose=verbose)  # type: ignore[arg-type]
        self.RequestHandlerClass = _Handler
        self.hosts.add(self.server_address[0])

    def finish_request(self, request: Any, client_address: Any) -> None:
        socketserver.BaseServer.finish_request(self, request, client_address)

    def state(self) -> dict:
        """What the long poll compares: the store's resourceVersion, and the cluster clock (cluster advance
        moves it without always writing an object)."""
        store = self.api.store
        with store.read() as tx:
            rv = tx.meta_get("rv") or "1"
            off = tx.meta_get("clock_offset") or "0"
        env = self.api.env
        env.clock_offset = float(off)
        return {"version": f"{rv}/{off}", "now": env.now_str()}
