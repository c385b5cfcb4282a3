"""HTTPS transport: TLS with client-certificate or bearer-token authentication, HTTP/1.1 keep-alive, one thread per
connection; every API request runs on one worker thread that owns the store's connection, one at a time (the
store serialises writers anyway, and kubectl's parallel discovery needs concurrent connections, not concurrent
writes).

Time passes in the served cluster while no request comes: a timekeeper thread sleeps until the next wake-up comes
due (or TIME_LOOK has passed: another process may have scheduled earlier work, or left some unfinished) and has the
worker run it (``Api.run_due_work``), so its writes go through the store's connection the watch cache records, in
the store's transactions that CLI commands on the same store queue with.

The standard library's server is used: no dependency, requests are small, and a watch is a chunked response
written by its connection's thread."""

from __future__ import annotations

import hmac
import select
import socket
import ssl
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from .. import errors
from . import api as apimod
from ..apiserver.authn import ADMIN, certificate_user

MAX_BODY = 3 * 1024 * 1024  # the real API server's request size limit for JSON bodies (3 MiB)
DRAIN_LIMIT = 16 * 1024 * 1024
# What Go's TLS server answers to a plain-HTTP request on its port (net/http, server.go).
WATCH_WAKE = 0.5  # the longest a watch waits before it looks for writes by other processes
WATCH_FAILURES = 20  # looks in a row that failed before a watch gives up
# The longest the timekeeper goes without looking at the store's wake-ups: work scheduled by another process (a CLI
# command on the same store) is found within this.
TIME_LOOK = 0.5
# The shortest gap between two looks (a burst of writes asks for one each; a wake-up that stays due is not spun on).
TIME_GAP = 0.02
PLAIN_HTTP_ANSWER = (b"HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "pykubectl"
    sys_version = ""
    server: "ApiServer"

    def version_string(self) -> str:
        return self.server_version  # no trailing space for the empty sys_version

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        if self.server.verbose:
            sys.stderr.write("%s %s\n" % (self.address_string(), format % args))

    def _authenticate(self) -> Any:
        """The user of the request: the admin's token, a ServiceAccount token signed with the cluster's key, or a
        client certificate the cluster CA signed (CN the user, O's the groups); None: not authenticated."""
        auth = self.headers.get("Authorization", "")
        if auth.startswith("Bearer "):
            token = auth[len("Bearer "):].strip()
            if hmac.compare_digest(token.encode(), self.server.token.encode()):
                return ADMIN
            return self.server.call(lambda: self.server.api.token_user(token))
        cert = getattr(self.connection, "getpeercert", lambda binary_form=False: None)()
        if cert:
            cn, orgs = "", []
            for rdn in cert.get("subject", ()):
                for key, value in rdn:
                    if key == "commonName":
                        cn = value
                    elif key == "organizationName":
                        orgs.append(value)
            der = self.connection.getpeercert(binary_form=True) or b""  # type: ignore[attr-defined]
            return certificate_user(cn, orgs, der)
        return None

    def _send(self, resp: apimod.Response) -> None:
        self.send_response(resp.code)
        self.send_header("Content-Type", resp.content_type)
        self.send_header("Cache-Control", "no-cache, private")
        for k, v in resp.headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(resp.body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(resp.body)

    def _read_body(self) -> bytes | None:
        """The request body (Content-Length or chunked); None when it is over the size limit."""
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            parts, size = [], 0
            while True:
                line = self.rfile.readline(1024)
                n = int(line.split(b";")[0].strip() or b"0", 16)
                if n == 0:
                    while self.rfile.readline(1024) not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    return b"".join(parts)
                size += n
                if size > MAX_BODY:
                    return None
                parts.append(self.rfile.read(n))
                self.rfile.readline(1024)
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            # Read (and drop) what a client still sends, up to a bound, so it sees the 413 rather than a reset.
            left = min(length, DRAIN_LIMIT)
            while left > 0:
                got = self.rfile.read(min(left, 65536))
                if not got:
                    break
                left -= len(got)
            return None
        return self.rfile.read(length) if length else b""

    def _handle(self) -> None:
        try:
            body = self._read_body()
        except ValueError:
            self.close_connection = True
            self._send(apimod._fail(400, "BadRequest", "malformed request body"))
            return
        if body is None:
            self.close_connection = True
            self._send(apimod._fail(413, "RequestEntityTooLarge", "Request entity too large: limit is 3145728"))
            return
        try:
            user = self._authenticate()
        except Exception as e:  # noqa: BLE001
            self._send(self._internal_error(e))
            return
        if user is None:
            self._send(apimod._fail(401, "Unauthorized", "Unauthorized"))
            return
        req = apimod.Request(self.command, self.path, self.headers, body, user)
        try:
            resp = self.server.run(req)
        except Exception as e:  # noqa: BLE001 - one request's bug must not stop the server
            resp = self._internal_error(e)
        if isinstance(resp, apimod.WatchStream):
            self._stream(resp)
            return
        if isinstance(resp, apimod.WebSocketStatus):
            self._websocket_status(resp)
            return
        self._send(resp)

    def _websocket_status(self, ws: apimod.WebSocketStatus) -> None:
        """Accept the WebSocket (RFC 6455), send the Status as one binary message, close (status 1000)."""
        self.send_response(101)
        self.send_header("Upgrade", "websocket")
        self.send_header("Connection", "Upgrade")
        self.send_header("Sec-WebSocket-Accept", ws.accept)
        self.send_header("Sec-WebSocket-Protocol", ws.protocol or "")
        self.end_headers()
        self.close_connection = True
        try:
            self.wfile.write(_ws_frame(0x2, ws.message()) + _ws_frame(0x8, (1000).to_bytes(2, "big")))
            self.wfile.flush()
        except OSError:
            pass

    def _internal_error(self, e: Exception) -> apimod.Response:
        if self.server.verbose:
            import traceback

            traceback.print_exc()
        return apimod._fail(500, "InternalError", f"Internal error occurred: {type(e).__name__}: {e}")

    def _stream(self, watch: apimod.WatchStream) -> None:
        """A watch: chunked JSON lines until its timeout, the client leaving, or the server stopping. Between two
        looks at the watch cache the thread sleeps until a change is published (or WATCH_WAKE has passed: writes
        by other processes are found by looking)."""
        try:
            first = self.server.call(watch.start)
        except errors.PykubectlError as e:
            self._send(apimod._error(e, watch.kind))
            return
        except Exception as e:  # noqa: BLE001
            self._send(self._internal_error(e))
            return
        self.send_response(200)
        self.send_header("Content-Type", watch.content_type)
        self.send_header("Cache-Control", "no-cache, private")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        deadline = time.monotonic() + watch.timeout
        cache = watch.api.cache
        lines = first
        failures = 0
        try:
            while True:
                for line in lines:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(line), line))
                self.wfile.flush()
                left = deadline - time.monotonic()
                if watch.done or left <= 0 or self._client_gone() or self.server.stopping:
                    break
                cache.wait(watch.seq, min(WATCH_WAKE, left))
                try:
                    lines = self.server.call(watch.poll)
                    failures = 0
                except Exception:  # noqa: BLE001 - the store busy (another process writing): look again
                    failures += 1
                    if failures > WATCH_FAILURES:
                        raise
                    lines = []
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
        except Exception:  # noqa: BLE001 - the client left, or the server is stopping
            if self.server.verbose:
                import traceback

                traceback.print_exc()
            self.close_connection = True

    def _client_gone(self) -> bool:
        sock = self.connection
        try:
            if not select.select([sock], [], [], 0)[0]:
                return False
            sock.settimeout(0.01)
            try:
                return sock.recv(1) == b""
            except (ssl.SSLWantReadError, socket.timeout, BlockingIOError):
                return False
            finally:
                sock.settimeout(None)
        except (OSError, ValueError):
            return True

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _handle


def _ws_frame(opcode: int, payload: bytes) -> bytes:
    """One final, unmasked WebSocket frame (a server's)."""
    n = len(payload)
    if n < 126:
        head = bytes([0x80 | opcode, n])
    elif n < 65536:
        head = bytes([0x80 | opcode, 126]) + n.to_bytes(2, "big")
    else:
        head = bytes([0x80 | opcode, 127]) + n.to_bytes(8, "big")
    return head + payload


class ApiServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # an idle keep-alive connection must not hold up Ctrl-C
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], ssl_context: ssl.SSLContext, make_api: Any, token: str,
                 verbose: bool = False):
        self.ssl_context = ssl_context
        self.token = token
        self.stopping = False
        self.verbose = verbose
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, _Handler)
        # The store's connection belongs to this one thread: it opens it, serves every request and closes it.
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pykubectl-api")
        try:
            self.api = self.worker.submit(make_api).result()
        except BaseException:
            self.worker.shutdown()
            super().server_close()
            raise
        # Set after each write (it may have scheduled work sooner than the timekeeper's next look) and at stop.
        self.time_news = threading.Event()
        self.timekeeper = threading.Thread(target=self._keep_time, name="pykubectl-time", daemon=True)
        self.timekeeper.start()

    def run(self, req: apimod.Request) -> Any:
        try:
            return self.worker.submit(self.api.handle, req).result()
        finally:
            if req.method not in ("GET", "HEAD"):
                self.time_news.set()

    def _keep_time(self) -> None:
        """Runs the cluster's time-driven work when it comes due, on the worker (see the module's docstring)."""
        wait, looked = 0.0, float("-inf")
        while True:
            self.time_news.wait(wait)
            if self.stopping:
                return
            # No two looks closer than TIME_GAP, whatever asked for them.
            time.sleep(max(0.0, TIME_GAP - (time.monotonic() - looked)))
            self.time_news.clear()
            looked = time.monotonic()
            try:
                due_in = self.call(self.api.run_due_work)
            except RuntimeError:  # the worker has stopped: the server is closing
                if self.stopping:
                    return
                due_in = None
            except Exception:  # noqa: BLE001 - the store busy or broken for a moment: look again later
                if self.verbose:
                    import traceback

                    traceback.print_exc()
                due_in = None
            wait = TIME_LOOK if due_in is None else min(max(due_in, 0.0), TIME_LOOK)

    def call(self, fn: Any) -> Any:
        return self.worker.submit(fn).result()

    def finish_request(self, request: Any, client_address: Any) -> None:
        # The TLS handshake runs in the connection's thread, so a slow client holds no one else up. A client
        # speaking plain HTTP gets Go's answer, as from the real API server.
        try:
            # Headers and body go out as two writes: without TCP_NODELAY, Nagle's algorithm holds the second until
            # the client's delayed ACK (40 ms a request for a client that keeps its connection).
            request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            request.settimeout(30)
            head = request.recv(8, socket.MSG_PEEK)
            if head[:1].isalpha():
                request.sendall(PLAIN_HTTP_ANSWER)
                return
            tls = self.ssl_context.wrap_socket(request, server_side=True)
        except (OSError, ssl.SSLError):
            return
        try:
            tls.settimeout(None)
            self.RequestHandlerClass(tls, client_address, self)
        finally:
            try:
                tls.close()
            except OSError:
                pass

    def handle_error(self, request: Any, client_address: Any) -> None:
        if self.verbose:
            super().handle_error(request, client_address)

    def server_close(self) -> None:
        self.stopping = True
        super().server_close()
        if not hasattr(self, "worker"):  # the bind failed: socketserver closes before the worker exists
            return
        if hasattr(self, "timekeeper"):
            self.time_news.set()
            self.timekeeper.join()
        try:
            self.worker.submit(self.api.close).result()
        finally:
            self.worker.shutdown(wait=True)


def ssl_context(ca_file: str, cert_file: str, key_file: str) -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(cert_file, key_file)
    ctx.load_verify_locations(ca_file)
    ctx.verify_mode = ssl.CERT_OPTIONAL  # a client certificate, or a bearer token
    ctx.set_alpn_protocols(["http/1.1"])
    return ctx
