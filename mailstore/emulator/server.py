"""The emulator's HTTPS server, its shared facade and the Server :class:`Emulator`.

The transport is a ``socketserver`` threading TCP server with one thread per connection,
HTTP/1.1 keep-alive and TLS (1.2 or newer).  Every reply – status line, headers and body – is
written with a single ``sendall`` and accepted sockets have ``TCP_NODELAY`` set, so keep-alive
clients never wait for Nagle's algorithm and delayed ACKs.

The protocol itself (auth, routing, envelopes, tasks) lives in :mod:`.protocol`; fault
injection hooks in here, around it.
"""

from __future__ import annotations

import email.utils
import errno
import io
import os
import re
import select
import selectors
import socket
import socketserver
import ssl
import sys
import threading
import time
from typing import IO, Any, Dict, List, Mapping, Optional, Tuple, TypeVar, Union
from urllib.parse import unquote

from . import faults as fault_kinds
from .archive import ArchiveState, Source
from .certs import ensure_default_certificates, fingerprint_of
from .faults import Faults
from .logs import log_exception, log_line
from .protocol import (
    BOM,
    HTML_TYPE,
    Admission,
    Api,
    BaseApi,
    Reply,
    error_object,
    failed,
    html_page,
    parse_form,
    target_of,
    unauthorized,
)
from .tasks import TaskManager

PathLike = Union[str, "os.PathLike[str]"]
E = TypeVar("E", bound="EmulatorBase")

CACHE_CONTROL = "no-cache,private,no-store,must-revalidate,max-stale=0,post-check=0,pre-check=0"
SERVER_HEADER = "Microsoft-HTTPAPI/2.0"
HANDSHAKE_TIMEOUT = 10.0
IDLE_TIMEOUT = 120.0
MAX_BODY = 16 * 1024 * 1024
MAX_HEADERS = 100
MAX_LINE = 65536
#: How often the accept loop looks for connections that overran their deadline.
REAP_INTERVAL = 0.25
_CONTENT_LENGTH = re.compile(r"[0-9]{1,12}")
_CHUNK_SIZE = re.compile(rb"[0-9A-Fa-f]{1,8}")

REASONS = {
    100: "Continue",
    200: "OK",
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    411: "Length Required",
    413: "Request Entity Too Large",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}

_ERROR_TEXTS = {
    500: "The server encountered an internal error.",
    502: "The gateway received an invalid response.",
    503: "The service is unavailable.",
    504: "The gateway did not receive a timely response.",
}


class _BadRequest(Exception):
    """The request cannot be parsed; answer 400 (or the given status) and close."""

    def __init__(self, status: int = 400, text: str = "The request is badly formed.") -> None:
        super().__init__(text)
        self.status = status
        self.text = text


class Stats:
    """Thread-safe counters of what the emulator received.

    ``log`` holds ``(path, function, args)`` for every request, with ``args`` exactly as
    decoded from the form body (empty for a refused request, whose body is never read); it
    keeps the newest ``max_log`` entries.
    """

    def __init__(self, max_log: int = 10000) -> None:
        self._lock = threading.Lock()
        self.max_log = max_log
        self.connections = 0
        self.requests = 0
        self.requests_by_path: Dict[str, int] = {}
        self.log: List[Tuple[str, str, Dict[str, str]]] = []

    def reset(self) -> None:
        """Zero all counters and empty the log."""
        with self._lock:
            self.connections = 0
            self.requests = 0
            self.requests_by_path = {}
            self.log = []

    def calls(self, function: str) -> List[Dict[str, str]]:
        """The arguments of every logged request for ``function``, oldest first."""
        with self._lock:
            return [dict(args) for _, name, args in self.log if name == function]

    def count_connection(self) -> None:
        with self._lock:
            self.connections += 1

    def count_request(self, path: str, function: str, args: Mapping[str, str]) -> None:
        with self._lock:
            self.requests += 1
            self.requests_by_path[path] = self.requests_by_path.get(path, 0) + 1
            self.log.append((path, function, dict(args)))
            if len(self.log) > self.max_log:
                del self.log[: len(self.log) - self.max_log]


class _DateCache:
    """``Date``/``Expires`` header values, formatted at most once per second."""

    def __init__(self) -> None:
        self._second = -1
        self._value = ""

    def headers(self) -> str:
        now = int(time.time())
        if now != self._second:
            date = email.utils.formatdate(now, usegmt=True)
            expires = email.utils.formatdate(now - 86400, usegmt=True)
            self._value = f"Expires: {expires}\r\nServer: {SERVER_HEADER}\r\nDate: {date}\r\n"
            self._second = now
        return self._value


_DATES = _DateCache()


def render(
    reply: Reply, *, keep_alive: bool, body: Optional[bytes] = None, head_only: bool = False
) -> bytes:
    """Status line, headers and body as one bytes object (to be sent with one write)."""
    payload = reply.body if body is None else body
    head = [
        f"HTTP/1.1 {reply.status} {REASONS.get(reply.status, 'Unknown')}\r\n"
        f"Cache-Control: {CACHE_CONTROL}\r\nPragma: no-cache\r\n"
        f"Content-Length: {len(payload)}\r\nContent-Type: {reply.content_type}\r\n",
        _DATES.headers(),
    ]
    for name, value in reply.headers:
        head.append(f"{name}: {value}\r\n")
    if not keep_alive:
        head.append("Connection: close\r\n")
    head.append("\r\n")
    return "".join(head).encode("latin-1") + (b"" if head_only else payload)


class _Request:
    """The parsed head of one HTTP request."""

    __slots__ = ("method", "path", "version", "headers", "target")

    def __init__(self, method: str, path: str, version: str, headers: Dict[str, str]) -> None:
        self.method = method
        self.path = path
        self.version = version
        self.headers = headers
        self.target = target_of(path)

    @property
    def keep_alive(self) -> bool:
        connection = self.headers.get("connection", "").lower()
        if self.version == "HTTP/1.0":
            return "keep-alive" in connection
        return "close" not in connection


def _read_head(rfile: IO[bytes]) -> Optional[_Request]:
    """Read a request line and headers; None at a clean end of the connection."""
    line = rfile.readline(MAX_LINE + 1)
    while line in (b"\r\n", b"\n"):  # tolerate stray empty lines between requests
        line = rfile.readline(MAX_LINE + 1)
    if not line:
        return None
    if len(line) > MAX_LINE:
        raise _BadRequest(400, "The request line is too long.")
    parts = line.decode("latin-1").split()
    if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
        raise _BadRequest()
    method, target, version = parts
    headers: Dict[str, str] = {}
    for _ in range(MAX_HEADERS + 1):
        raw = rfile.readline(MAX_LINE + 1)
        if raw in (b"\r\n", b"\n", b""):
            break
        name, sep, value = raw.decode("latin-1").partition(":")
        if not sep:
            raise _BadRequest()
        key = name.strip().lower()
        value = value.strip()
        headers[key] = f"{headers[key]}, {value}" if key in headers else value
    else:
        raise _BadRequest(400, "Too many request headers.")
    path = target.split("?", 1)[0]
    if path.startswith(("http://", "https://")):  # absolute form
        path = "/" + path.split("/", 3)[-1] if path.count("/") >= 3 else "/"
    return _Request(method.upper(), unquote(path), version, headers)


def _read_body(rfile: IO[bytes], request: _Request) -> bytes:
    headers = request.headers
    if "chunked" in headers.get("transfer-encoding", "").lower():
        return _read_chunked(rfile)
    length = headers.get("content-length")
    if length is None:
        if request.method == "POST":
            raise _BadRequest(411, "The request must be chunked or have a content length.")
        return b""
    if not _CONTENT_LENGTH.fullmatch(length):
        raise _BadRequest(400, "The Content-Length header is invalid.")
    size = int(length)
    if size > MAX_BODY:
        raise _BadRequest(413, "The request body is too large.")
    body = rfile.read(size) if size else b""
    if len(body) != size:
        raise ConnectionError("connection closed in the middle of a request body")
    return body


def _read_chunked(rfile: IO[bytes]) -> bytes:
    """A chunked body; sizes are hex digits only (no sign, prefix or underscores)."""
    body = bytearray()
    while True:
        line = rfile.readline(MAX_LINE + 1)
        size_text = line.split(b";", 1)[0].rstrip(b" \t\r\n")
        if not line.endswith(b"\n") or not _CHUNK_SIZE.fullmatch(size_text):
            raise _BadRequest(400, "Invalid chunked encoding.")
        size = int(size_text, 16)
        if size == 0:
            _skip_trailers(rfile)
            return bytes(body)
        if len(body) + size > MAX_BODY:
            raise _BadRequest(413, "The request body is too large.")
        data = rfile.read(size)
        if len(data) != size or rfile.readline(3) not in (b"\r\n", b"\n"):
            raise _BadRequest(400, "Invalid chunked encoding.")
        body += data


def _skip_trailers(rfile: IO[bytes]) -> None:
    for _ in range(MAX_HEADERS + 1):
        if rfile.readline(MAX_LINE + 1) in (b"\r\n", b"\n", b""):
            return
    raise _BadRequest(400, "Too many trailer lines.")


def _body_follows(request: _Request) -> bool:
    """Whether the request announces a body (which then must be read or the connection closed)."""
    headers = request.headers
    if "chunked" in headers.get("transfer-encoding", "").lower():
        return True
    return headers.get("content-length", "0").strip() not in ("0", "")


class _Handler(socketserver.BaseRequestHandler):
    """Serves one TCP connection: TLS handshake, then requests until it closes.

    The TLS handshake, and each request from its first byte to the end of its body, must be
    done within the emulator's ``request_timeout``; the server's accept loop closes
    connections that take longer.  Between requests a connection may idle ``IDLE_TIMEOUT``.
    """

    server: _HTTPSServer

    def handle(self) -> None:
        server = self.server
        emu = server.emulator
        emu.stats.count_connection()
        raw: socket.socket = self.request
        try:
            raw.settimeout(HANDSHAKE_TIMEOUT)
            # wrap_socket takes over the descriptor: track the TLS socket, then shake hands
            conn = server.ssl_context.wrap_socket(
                raw, server_side=True, do_handshake_on_connect=False
            )
            server.track(self, conn, time.monotonic() + emu.request_timeout)
            try:
                conn.do_handshake()
            except (OSError, ValueError):
                _close(conn)
                return  # failed handshake (e.g. the client rejected our certificate)
            server.set_deadline(self, None)
            conn.settimeout(IDLE_TIMEOUT)
            rfile = conn.makefile("rb")
            try:
                while not server.stopping and self._serve_one(conn, rfile):
                    pass
            except (OSError, ValueError, ConnectionError):
                pass
            finally:
                rfile.close()
                _close(conn)
        finally:
            server.untrack(self)

    def _serve_one(self, conn: socket.socket, rfile: io.BufferedReader) -> bool:
        """Serve one request; return whether the connection stays open."""
        emu = self.server.emulator
        try:
            if not rfile.peek(1):  # idle until the next request starts (or the peer closes)
                return False
            self.server.set_deadline(self, time.monotonic() + emu.request_timeout)
            request = _read_head(rfile)
            if request is None:
                return False
            return self._dispatch(conn, rfile, request, emu)
        except _BadRequest as exc:
            reason = REASONS.get(exc.status, "Bad Request")
            reply = Reply(exc.status, html_page(exc.status, reason, exc.text), HTML_TYPE)
            conn.sendall(render(reply, keep_alive=False))
            return False

    def _dispatch(
        self, conn: socket.socket, rfile: io.BufferedReader, request: _Request, emu: EmulatorBase
    ) -> bool:
        faults = emu.faults
        name = request.target
        rule = faults.take(fault_kinds.LATENCY, name)
        if rule is not None:
            time.sleep(rule.seconds)
        if faults.take(fault_kinds.DROP_BEFORE_READ, name) is not None:
            _abort(conn)
            return False
        peer = str(self.client_address[0])
        admission = emu.api.admit(request.method, request.path, request.headers, peer)
        if admission.reply is not None:  # refused: its body is never read
            emu.stats.count_request(request.path, name, {})
            keep = request.keep_alive and not _body_follows(request)
            return self._send(conn, request, admission.reply, keep, emu, time.perf_counter())
        if request.headers.get("expect", "").lower() == "100-continue":
            conn.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")
        body = _read_body(rfile, request)
        self.server.set_deadline(self, None)
        try:
            args = parse_form(body)
        except UnicodeDecodeError:
            raise _BadRequest(400, "The request body is not valid UTF-8.") from None
        emu.stats.count_request(request.path, name, args)
        started = time.perf_counter()
        reply = self._reply_for(admission, args, emu)
        if faults.take(fault_kinds.DROP_AFTER_READ, name) is not None:
            _abort(conn)
            return False
        return self._send(conn, request, reply, request.keep_alive, emu, started)

    def _send(
        self,
        conn: socket.socket,
        request: _Request,
        reply: Reply,
        keep_alive: bool,
        emu: EmulatorBase,
        started: float,
    ) -> bool:
        """Write ``reply`` (with the BOM faults applied); return whether to keep the connection."""
        keep = keep_alive and not reply.close and not self.server.stopping
        payload = reply.body
        faults = emu.faults
        if reply.content_type != HTML_TYPE and payload.startswith(BOM):
            if faults.take(fault_kinds.NO_BOM, request.target) is not None:
                payload = payload[len(BOM) :]
            if faults.take(fault_kinds.TRUNCATED_JSON, request.target) is not None:
                payload = payload[: max(1, len(payload) // 2)]
        head_only = request.method == "HEAD"
        conn.sendall(render(reply, keep_alive=keep, body=payload, head_only=head_only))
        if emu.verbose:
            took = (time.perf_counter() - started) * 1000
            log_line(
                f"{self.client_address[0]} {request.method} {request.path} "
                f"{reply.status} {took:.1f} ms"
            )
        return keep

    def _reply_for(self, admission: Admission, args: Mapping[str, str], emu: EmulatorBase) -> Reply:
        faults = emu.faults
        name = admission.target
        rule = faults.take(fault_kinds.HTTP_ERROR, name)
        if rule is not None:
            status = rule.status
            reason = REASONS.get(status, "Error")
            text = _ERROR_TEXTS.get(status, "The request failed.")
            return Reply(status, html_page(status, reason, text), HTML_TYPE)
        if faults.take(fault_kinds.UNAUTHORIZED, name) is not None:
            return unauthorized("Authentication failed (injected fault).")
        rule = faults.take(fault_kinds.API_ERROR, name)
        if rule is not None:
            return Reply.json(failed(rule.message, rule.exception, name))
        if name == "get-status":
            rule = faults.take(fault_kinds.SLOW_STATUS, name)
            if rule is not None:
                time.sleep(rule.seconds)
        try:
            return emu.api.answer(admission, args)
        except Exception:  # an emulator bug: show it, answer like a crashing server would
            log_exception()
            text = _ERROR_TEXTS[500]
            return Reply(500, html_page(500, REASONS[500], text), HTML_TYPE, close=True)


def _close(sock: socket.socket) -> None:
    try:
        sock.close()
    except OSError:
        pass


def _abort(sock: socket.socket) -> None:
    """Close the TCP connection abruptly, without a TLS close_notify."""
    _shutdown(sock)
    _close(sock)


class _HTTPSServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    block_on_close = False
    # Lets restart() listen again at once on POSIX; on Windows SO_REUSEADDR would let a second
    # process take over the port, so it stays off there.
    allow_reuse_address = sys.platform != "win32"
    request_queue_size = 128

    def __init__(
        self, address: Tuple[str, int], emulator: EmulatorBase, context: ssl.SSLContext
    ) -> None:
        self.emulator = emulator
        self.ssl_context = context
        self.stopping = False
        self._connections: Dict[int, socket.socket] = {}
        self._deadlines: Dict[int, float] = {}
        self._conn_lock = threading.Lock()
        self._backoff = 0.0
        self._wake_r, self._wake_w = socket.socketpair()
        # Made here, not in serve(): start() then fails, not the serving thread, if it cannot.
        self._selector = selectors.DefaultSelector()
        self._selector.register(self._wake_r, selectors.EVENT_READ)
        super().__init__(address, _Handler)  # on failure it calls server_close()
        self._selector.register(self.socket, selectors.EVENT_READ)

    def serve(self) -> None:
        """Accept connections until :meth:`stop_serving` (which returns at once).

        The loop also wakes every ``REAP_INTERVAL`` to close connections that overran their
        deadline.
        """
        while not self.stopping:
            for key, _ in self._selector.select(REAP_INTERVAL):
                if key.fileobj is self._wake_r or self.stopping:
                    return
                pause = self._accept_one()
                if pause:  # out of file descriptors: wait instead of spinning
                    select.select([self._wake_r], [], [], pause)
            self._reap()

    def _accept_one(self) -> float:
        """Accept one connection; return how long to wait before the next accept."""
        try:
            request, client_address = self.get_request()
        except OSError as exc:
            if exc.errno in (errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM):
                self._backoff = min(1.0, max(0.05, self._backoff * 2))
                return self._backoff
            return 0.0
        self._backoff = 0.0
        try:
            self.process_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
            self.shutdown_request(request)
        return 0.0

    def stop_serving(self) -> None:
        self.stopping = True
        try:
            self._wake_w.send(b"x")
        except OSError:
            pass

    def server_close(self) -> None:
        super().server_close()
        self._selector.close()
        self._wake_r.close()
        self._wake_w.close()

    def get_request(self) -> Tuple[Any, Any]:
        sock, address = self.socket.accept()
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:  # pragma: no cover - e.g. AF_UNIX
            pass
        return sock, address

    def handle_error(self, request: Any, client_address: Any) -> None:
        if self.emulator.verbose:
            log_exception()

    def track(self, handler: _Handler, sock: socket.socket, deadline: Optional[float]) -> None:
        """Register ``handler``'s socket, to be closed at ``deadline`` (monotonic) if given."""
        with self._conn_lock:
            self._connections[id(handler)] = sock
        self.set_deadline(handler, deadline)

    def set_deadline(self, handler: _Handler, deadline: Optional[float]) -> None:
        with self._conn_lock:
            if deadline is None:
                self._deadlines.pop(id(handler), None)
            else:
                self._deadlines[id(handler)] = deadline

    def untrack(self, handler: _Handler) -> None:
        with self._conn_lock:
            self._connections.pop(id(handler), None)
            self._deadlines.pop(id(handler), None)

    def _reap(self) -> None:
        """Close the connections whose handshake or request overran its deadline."""
        now = time.monotonic()
        with self._conn_lock:
            late = [key for key, deadline in self._deadlines.items() if deadline <= now]
            sockets = [self._connections[key] for key in late if key in self._connections]
            for key in late:
                del self._deadlines[key]
        for sock in sockets:
            _shutdown(sock)

    def drop_connections(self) -> None:
        """Abort every open connection (their handler threads then end)."""
        with self._conn_lock:
            sockets = list(self._connections.values())
        for sock in sockets:
            _shutdown(sock)


def _shutdown(sock: socket.socket) -> None:
    """End a TCP connection at once (no TLS close_notify); its reader sees end of file."""
    try:
        socket.socket.shutdown(sock, socket.SHUT_RDWR)
    except OSError:
        pass


class _HTTPSServer6(_HTTPSServer):
    address_family = socket.AF_INET6


def make_ssl_context(certfile: str, keyfile: Optional[str]) -> ssl.SSLContext:
    """A server-side TLS context (TLS 1.2 or newer) for ``certfile``/``keyfile``."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(certfile, keyfile)
    return context


class EmulatorBase:
    """What every emulator has: HTTPS, faults, stats, tasks, the life cycle.

    A subclass builds its state and sets :attr:`api` (a
    :class:`~mailstore.emulator.protocol.BaseApi`) after calling ``__init__``.
    """

    username = "admin"
    password = "admin"
    api: BaseApi

    def __init__(
        self,
        host: str,
        port: int,
        *,
        lock: threading.RLock,
        certfile: Optional[PathLike] = None,
        keyfile: Optional[PathLike] = None,
        cafile: Optional[PathLike] = None,
        step_interval: float = 0.02,
        data_dir: Optional[PathLike] = None,
        verbose: bool = False,
        task_retention: float = 600.0,
        request_timeout: float = 30.0,
    ) -> None:
        self.host = host
        self.port = port
        self.verbose = verbose
        #: Seconds a client may take for the TLS handshake, and for one request from its
        #: first byte to the end of its body; slower connections are closed.
        self.request_timeout = request_timeout
        self.tasks = TaskManager(
            step_interval=step_interval,
            make_error=_task_error,
            state_lock=lock,
            keep_seconds=task_retention,
        )
        self.faults = Faults(expire_tokens=self.tasks.expire_all)
        self.stats = Stats()
        if certfile is None:
            defaults = ensure_default_certificates(data_dir)
            self.certfile, self.keyfile = defaults.certfile, defaults.keyfile
            self.ca_file: Optional[str] = defaults.ca_file
        else:
            self.certfile = os.fspath(certfile)
            self.keyfile = os.fspath(keyfile) if keyfile is not None else self.certfile
            self.ca_file = os.fspath(cafile) if cafile is not None else None
        self.fingerprint = fingerprint_of(self.certfile)
        self._context = make_ssl_context(self.certfile, self.keyfile)
        self._server: Optional[_HTTPSServer] = None
        self._thread: Optional[threading.Thread] = None
        self._lifecycle = threading.RLock()

    # -- properties

    @property
    def step_interval(self) -> float:
        return self.tasks.step_interval

    @step_interval.setter
    def step_interval(self, value: float) -> None:
        self.tasks.step_interval = value

    @property
    def local_host(self) -> str:
        """The address a client on this machine connects to (loopback for a wildcard)."""
        return {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "::": "::1"}.get(self.host, self.host)

    @property
    def url(self) -> str:
        """``https://HOST:PORT`` of the running server, for a client on this machine."""
        host = self.local_host
        if ":" in host:
            host = f"[{host}]"
        return f"https://{host}:{self.port}"

    @property
    def running(self) -> bool:
        return self._server is not None

    def client_kwargs(self) -> Dict[str, Any]:
        """Keyword arguments for a ``mailstore.mgmt`` client to reach this emulator."""
        kwargs: Dict[str, Any] = {
            "username": self.username,
            "password": self.password,
            "host": self.local_host,
            "port": self.port,
        }
        if self.ca_file:
            kwargs["caBundle"] = self.ca_file
        else:
            kwargs["fingerprint"] = self.fingerprint
        return kwargs

    # -- life cycle

    def start(self: E) -> E:
        """Start listening and serving in a background thread; return self."""
        with self._lifecycle:
            if self._server is None:
                self._serve(self.port)
        return self

    def stop(self) -> None:
        """Stop serving, close all connections and cancel running tasks."""
        with self._lifecycle:
            self._shutdown()
            self.tasks.close()

    close = stop

    def replay(self, path: PathLike) -> None:
        """Answer the calls recorded in ``path`` (``record=`` of a client) as recorded.

        Calls not in the recording go on to the emulator; each request's line on stderr
        says which answered it. See :mod:`mailstore.emulator.replay`.
        """
        from .replay import Recording

        self.api.recording = Recording.load(os.fspath(path))

    def restart(self) -> None:
        """Simulate a server restart: drop connections, forget all tasks, listen again."""
        with self._lifecycle:
            self._shutdown()
            self.tasks.close()
            self.tasks.expire_all()
            self.tasks.reopen()
            self._serve(self.port)

    def _serve(self, port: int) -> None:
        server_class = _HTTPSServer6 if ":" in self.host else _HTTPSServer
        server = server_class((self.host, port), self, self._context)
        self._server = server
        self.port = int(server.server_address[1])
        self.tasks.reopen()
        thread = threading.Thread(
            target=server.serve,
            name=f"mailstore-emulator-{self.port}",
            daemon=True,
        )
        self._thread = thread
        thread.start()

    def _shutdown(self) -> None:
        server, thread = self._server, self._thread
        if server is None:
            return
        self._server = self._thread = None
        server.stop_serving()
        if thread is not None:
            thread.join(timeout=5)
        server.server_close()
        server.drop_connections()

    def __enter__(self: E) -> E:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = "running" if self.running else "stopped"
        return f"<{type(self).__name__} {self.url} {state}>"

    def save(self, path: PathLike) -> None:
        """Write the emulator's state to ``path`` as JSON (loadable with ``dataset=``)."""
        raise NotImplementedError


class Emulator(EmulatorBase):
    """A MailStore Server emulator: HTTPS, Basic auth, the Server catalog, a stateful archive.

    Use it as a context manager (``with Emulator() as emu: ...``) or call :meth:`start` and
    :meth:`stop`.  ``port=0`` picks a free port; read the chosen one from :attr:`port`.

    Without ``certfile`` the emulator uses a leaf certificate signed by a private CA kept in
    ``data_dir`` (created once); :attr:`ca_file` is that CA, for a client's CA bundle, and
    :attr:`fingerprint` the leaf's SHA-256 fingerprint for pinning.  With ``certfile`` (and
    ``keyfile``, unless the key is in the same file) those are served as they are and
    ``cafile`` is reported as :attr:`ca_file`.

    ``dataset`` is None (the default dataset), a dict, or the path of a JSON file.  ``users``
    maps extra API user names to passwords; they are created as administrators with the
    ``api`` login privilege.  ``step_interval`` is the time between two progress versions of
    a long-running task; ``invoke_wait`` how long an invoke waits for a task to finish before
    answering ``running``; ``task_retention`` how many seconds a finished task's status stays
    available to get-status (afterwards its token answers 404).  ``anonymous_metadata``
    lets get-metadata answer without credentials, as MailStore Server does.
    ``request_timeout`` bounds the TLS handshake and the sending of each request.
    ``replay`` is a recording (``record=`` of a client) whose calls are answered as recorded.
    """

    api: Api

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        certfile: Optional[PathLike] = None,
        keyfile: Optional[PathLike] = None,
        cafile: Optional[PathLike] = None,
        dataset: Source = None,
        step_interval: float = 0.02,
        invoke_wait: float = 0.05,
        users: Optional[Mapping[str, str]] = None,
        data_dir: Optional[PathLike] = None,
        verbose: bool = False,
        task_retention: float = 600.0,
        anonymous_metadata: bool = True,
        request_timeout: float = 30.0,
        replay: Optional[PathLike] = None,
    ) -> None:
        self.state = ArchiveState.from_source(dataset)
        for name, secret in (users or {}).items():
            self.state.add_api_user(name, secret)
        super().__init__(
            host,
            port,
            lock=self.state.lock,
            certfile=certfile,
            keyfile=keyfile,
            cafile=cafile,
            step_interval=step_interval,
            data_dir=data_dir,
            verbose=verbose,
            task_retention=task_retention,
            request_timeout=request_timeout,
        )
        self.api = Api(
            self.state,
            self.tasks,
            invoke_wait=invoke_wait,
            anonymous_metadata=anonymous_metadata,
        )
        if replay is not None:
            self.replay(replay)

    def save(self, path: PathLike) -> None:
        """Write the current archive to ``path`` as JSON (see ``dataset=``)."""
        self.state.save(path)


def _task_error(message: str, exception: str, function: str) -> Dict[str, Any]:
    return error_object(message, exception, function)
