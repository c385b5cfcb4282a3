"""The HTTP front of ``pykubectl proxy`` (kubectl proxy): plain HTTP on loopback (or a Unix socket) in front of the
same request handler as ``pykubectl serve``, acting as the CLI's user.

What kubectl's proxy does around the API, and so this front does too (kubectl's pkg/proxy, read as facts):
- a request filter first: a path matching a reject pattern, a method matching a reject-methods pattern, or a Host
  (without its port) no accept-hosts pattern matches gets Go's plain ``403 Forbidden``;
- the API under ``--api-prefix`` (a prefix not starting with ``/api`` is cut off the path before the request goes on,
  and a path without it gets Go's ``404 page not found``), and with ``--www`` a directory's files under
  ``--www-prefix``, as Go's ``http.FileServer`` serves them (directory listings, ``index.html``, the redirect that
  adds a directory's slash);
- Go's ServeMux redirects a path that is not clean, and a prefix asked for without its trailing slash, with a 301.
The rest is the API server's own answer, passed on unchanged."""

from __future__ import annotations

import email.utils
import html
import mimetypes
import os
import posixpath
import re
import socket
import socketserver
from typing import Any
from urllib.parse import quote, unquote

from ..apiserver.authn import ADMIN
from . import api as apimod
from . import server as srv

DEFAULT_ACCEPT_HOSTS = r"^localhost$,^127\.0\.0\.1$,^\[::1\]$"
DEFAULT_ACCEPT_PATHS = r"^.*"
DEFAULT_REJECT_PATHS = r"^/api/.*/pods/.*/exec,^/api/.*/pods/.*/attach"
DEFAULT_REJECT_METHODS = r"^$"

_GO_TEXT = "text/plain; charset=utf-8"
_NOSNIFF = [("X-Content-Type-Options", "nosniff")]


def regexp_list(text: str) -> list[re.Pattern]:
    """kubectl's MakeRegexpArray: comma-separated patterns, each matched anywhere (Go's MatchString); empty: none.
    A pattern Python cannot compile raises re.error."""
    return [re.compile(part) for part in text.split(",")] if text else []


class Filter:
    """kubectl's FilterServer: reject paths and methods first, then accept a path and a host."""

    def __init__(self, accept_paths: str, reject_paths: str, accept_hosts: str, reject_methods: str):
        self.accept_paths = regexp_list(accept_paths)
        self.reject_paths = regexp_list(reject_paths)
        self.accept_hosts = regexp_list(accept_hosts)
        self.reject_methods = regexp_list(reject_methods)

    def accepts(self, method: str, path: str, host: str) -> bool:
        if any(r.search(path) for r in self.reject_paths) or any(r.search(method) for r in self.reject_methods):
            return False
        return any(r.search(path) for r in self.accept_paths) and any(r.search(host) for r in self.accept_hosts)


def host_of(header: str) -> str:
    """Go's net.SplitHostPort on the Host header, or the whole header when it has no port."""
    if header.startswith("["):
        end = header.find("]")
        if end != -1 and header[end + 1:end + 2] == ":" and header[end + 2:].isdigit():
            return header[1:end]
        return header
    host, sep, port = header.rpartition(":")
    if sep and ":" not in host and port.isdigit():
        return host
    return header


def clean_path(path: str) -> str:
    """Go's path.Clean as ServeMux applies it (a trailing slash kept)."""
    if not path.startswith("/"):
        path = "/" + path
    cleaned = posixpath.normpath(path)
    if cleaned.startswith("//"):
        cleaned = "/" + cleaned.lstrip("/")
    if path.endswith("/") and cleaned != "/":
        cleaned += "/"
    return cleaned


def _text(code: int, text: str, headers: list | None = None) -> apimod.Response:
    return apimod.Response(code, text.encode(), _GO_TEXT, list(_NOSNIFF) + (headers or []))


def forbidden() -> apimod.Response:
    return _text(403, "Forbidden\n")


def not_found() -> apimod.Response:
    return _text(404, "404 page not found\n")


def moved(location: str) -> apimod.Response:
    """Go's http.Redirect for a GET: 301 with its small HTML body."""
    body = f'<a href="{html.escape(location, quote=True)}">Moved Permanently</a>.\n\n'
    return apimod.Response(301, body.encode(), "text/html; charset=utf-8", [("Location", location)])


class Routes:
    """Where a path goes: (``"api"``, the path the API server sees) or (``"static"``, the file's path under the
    directory) or a finished response (filter refusal, redirect, not found)."""

    def __init__(self, api_prefix: str, static_dir: str, static_prefix: str, filter_: Filter | None):
        self.api_prefix = api_prefix if api_prefix.endswith("/") else api_prefix + "/"
        self.static_prefix = static_prefix if static_prefix.endswith("/") else static_prefix + "/"
        self.static_dir = static_dir
        self.filter = filter_

    def route(self, method: str, path: str, host_header: str) -> tuple[str, str] | apimod.Response:
        clean = clean_path(path)
        if clean != path and method != "CONNECT":
            return moved(clean)
        patterns = [self.api_prefix] + ([self.static_prefix] if self.static_dir else [])
        # ServeMux: the longest pattern that is a prefix of the path; "/x/" also answers "/x" with a redirect.
        best = max((p for p in patterns if path.startswith(p)), key=len, default=None)
        if best is None:
            if any(path + "/" == p for p in patterns):
                return moved(path + "/")
            return not_found()
        if best == self.static_prefix and self.static_dir and best != self.api_prefix:
            return ("static", path[len(best):])
        if self.filter is not None and not self.filter.accepts(method, path, host_of(host_header)):
            return forbidden()
        if not self.api_prefix.startswith("/api"):
            rest = path[len(self.api_prefix):]
            if len(rest) >= len(path):
                return not_found()
            path = rest if rest.startswith("/") or not rest else "/" + rest
        return ("api", path or "/")


def directory_listing(folder: str) -> bytes:
    """Go's http.FileServer listing of a directory: names sorted, directories with a slash."""
    lines = ["<!doctype html>", '<meta name="viewport" content="width=device-width">', "<pre>"]
    for name in sorted(os.listdir(folder)):
        shown = name + ("/" if os.path.isdir(os.path.join(folder, name)) else "")
        lines.append(f'<a href="{html.escape(quote(shown), quote=True)}">{html.escape(shown)}</a>')
    lines.append("</pre>")
    return ("\n".join(lines) + "\n").encode()


def static_file(base: str, rel: str, request_path: str) -> apimod.Response:
    """Go's http.FileServer over ``base`` for the path ``rel`` (after the prefix is cut)."""
    name = "/" + unquote(rel)
    if name.endswith("/index.html"):  # FileServer sends index.html's directory instead
        return moved("./")
    target = os.path.join(os.path.abspath(base), clean_path(name).lstrip("/"))
    if not os.path.exists(target):
        return not_found()
    last = os.path.basename(request_path.rstrip("/"))
    if os.path.isdir(target):
        if not request_path.endswith("/"):
            return moved(last + "/")
        index = os.path.join(target, "index.html")
        if os.path.isfile(index):
            target = index
        else:
            return apimod.Response(200, directory_listing(target), "text/html; charset=utf-8",
                                   [("Last-Modified", _http_date(os.path.getmtime(target)))])
    elif request_path.endswith("/"):
        return moved("../" + last)
    try:
        with open(target, "rb") as fh:
            data = fh.read()
    except OSError:
        return _text(500, "500 Internal Server Error\n")
    ctype = mimetypes.guess_type(target)[0]
    if ctype is None:
        ctype = _sniff(data)
    elif ctype.startswith("text/") and "charset" not in ctype:
        ctype += "; charset=utf-8"
    return apimod.Response(200, data, ctype, [("Accept-Ranges", "bytes"),
                                             ("Last-Modified", _http_date(os.path.getmtime(target)))])


def _sniff(data: bytes) -> str:
    """A small part of Go's http.DetectContentType: HTML, plain UTF-8 text, or bytes."""
    head = data[:512].lstrip(b"\t\n\x0c\r ").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<p", b"<h1", b"<div", b"<table")):
        return "text/html; charset=utf-8"
    if not any(b < 0x09 or 0x0e <= b < 0x20 and b != 0x1b for b in data[:512]):
        return "text/plain; charset=utf-8"
    return "application/octet-stream"


def _http_date(ts: float) -> str:
    return email.utils.formatdate(ts, usegmt=True)


class _Handler(srv._Handler):
    server: "ProxyServer"

    def _authenticate(self) -> Any:
        """The proxy sends every request with the CLI user's credentials: the cluster's admin."""
        return ADMIN

    def _handle(self) -> None:
        path, sep, query = self.path.partition("?")
        routed = self.server.routes.route(self.command, path, self.headers.get("Host") or "")
        if isinstance(routed, apimod.Response):
            self._read_body()
            self._send_own(routed)
            return
        where, rest = routed
        if where == "static":
            self._read_body()
            self._send_own(static_file(self.server.routes.static_dir, rest, path))
            return
        if self.server.impersonation:  # kubectl's transport sets them on every request it sends
            for header in ("Impersonate-User", "Impersonate-Group", "Impersonate-Uid"):
                del self.headers[header]
            for header, value in self.server.impersonation:
                self.headers[header] = value
        self.path = rest + sep + query
        super()._handle()

    def _send_own(self, resp: apimod.Response) -> None:
        """An answer of the proxy itself (Go's net/http): no Server or Cache-Control header, as the API's have."""
        self.send_response_only(resp.code)
        self.send_header("Content-Type", resp.content_type)
        for k, v in resp.headers:
            self.send_header(k, v)
        self.send_header("Date", self.date_time_string())
        self.send_header("Content-Length", str(len(resp.body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(resp.body)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _handle


class ProxyServer(srv.ApiServer):
    """serve's threading server and store worker, plain HTTP, with the proxy's routes; ``unix_socket``: listen on
    that path (made with umask 077, an old socket there removed first) instead of a TCP address."""

    def __init__(self, address: tuple[str, int], make_api: Any, routes: Routes, unix_socket: str = "",
                 impersonation: list[tuple[str, str]] | None = None, verbose: bool = False):
        self.routes = routes
        self.unix_socket = unix_socket
        self.impersonation = impersonation or []
        if unix_socket:
            self.address_family = socket.AF_UNIX
            address = unix_socket  # type: ignore[assignment]
        super().__init__(address, None, make_api, token="", verbose=verbose)  # type: ignore[arg-type]
        self.RequestHandlerClass = _Handler

    def server_bind(self) -> None:
        if not self.unix_socket:
            super().server_bind()
            return
        try:
            if os.path.exists(self.unix_socket) and socket_file(self.unix_socket):
                os.remove(self.unix_socket)
        except OSError:
            pass
        old = os.umask(0o077)
        try:
            socketserver.TCPServer.server_bind(self)
        finally:
            os.umask(old)
        self.server_name, self.server_port = "localhost", 0

    def listening_on(self) -> str:
        """What kubectl prints after "Starting to serve on": the listener's address (Go's net.Addr String)."""
        if self.unix_socket:
            return self.unix_socket
        host, port = self.server_address[:2]
        return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"

    def finish_request(self, request: Any, client_address: Any) -> None:
        if not self.unix_socket:
            request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        socketserver.BaseServer.finish_request(self, request, client_address or ("", 0))

    def server_close(self) -> None:
        super().server_close()
        if self.unix_socket:
            try:
                os.remove(self.unix_socket)
            except OSError:
                pass


def socket_file(path: str) -> bool:
    import stat

    return stat.S_ISSOCK(os.stat(path).st_mode)
