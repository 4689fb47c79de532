"""Servers that misbehave on purpose, over real TLS sockets on 127.0.0.1.

* :class:`HostileServer` answers each request with a behaviour of the test's choice:
  a reply dripped byte by byte, a reply of a gigabyte, JSON nested 100,000 deep ...
* :class:`ConnectProxy` is an HTTP CONNECT proxy: it tunnels to the requested server,
  or, as a man in the middle, answers the TLS handshake itself with its own certificate.

Certificates come from ``trustme``: one CA for the servers under test, another for the
man in the middle.
"""

from __future__ import annotations

import base64
import socket
import ssl
import threading
import time
from typing import Callable, Dict, List, Optional, Tuple

import trustme

Request = Tuple[str, str, Dict[str, str], bytes]  # method, path, headers, body
Behaviour = Callable[[ssl.SSLSocket, Request], None]


def read_request(conn: socket.socket) -> Optional[Request]:
    """Read one HTTP request (head and Content-Length body); None if the peer closed."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    method, path, _ = lines[0].split(" ", 2)
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        body += chunk
    return method, path, headers, body


def response(body: bytes, status: str = "200 OK", extra: str = "") -> bytes:
    """A complete HTTP/1.1 response with Content-Length."""
    head = (
        f"HTTP/1.1 {status}\r\nContent-Type: application/json; charset=utf-8\r\n"
        f"Content-Length: {len(body)}\r\n{extra}\r\n"
    )
    return head.encode("latin-1") + body


def status_body(code: str = "succeeded", token: Optional[str] = None, version: int = 2) -> bytes:
    """A status envelope as the API sends it."""
    tok = "null" if token is None else f'"{token}"'
    return (
        f'{{"error":null,"token":{tok},"statusVersion":{version},"statusCode":"{code}",'
        '"percentProgress":null,"statusText":null,"result":null,"logOutput":null}'
    ).encode()


class Certificates:
    """A CA, a server certificate for 127.0.0.1/localhost, and the CA as a PEM file."""

    def __init__(self, directory: str, name: str) -> None:
        self.ca = trustme.CA()
        self.cert = self.ca.issue_cert("127.0.0.1", "localhost")
        self.ca_file = f"{directory}/{name}-ca.pem"
        self.ca.cert_pem.write_to_path(self.ca_file)
        der = ssl.PEM_cert_to_DER_cert(self.cert.cert_chain_pems[0].bytes().decode())
        import hashlib

        self.fingerprint = hashlib.sha256(der).hexdigest()

    def server_context(self) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.cert.configure_cert(context)
        return context


class _Listener:
    """Accepts connections on a free port and serves each in a thread."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(50)
        self.host = "127.0.0.1"
        self.port: int = self.sock.getsockname()[1]
        self._threads: List[threading.Thread] = []
        self._conns: List[socket.socket] = []
        self._stop = False
        self._accepter = threading.Thread(target=self._accept, daemon=True)
        self._accepter.start()

    def _accept(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self._conns.append(conn)
            worker = threading.Thread(target=self._guarded, args=(conn,), daemon=True)
            worker.start()
            self._threads.append(worker)

    def _guarded(self, conn: socket.socket) -> None:
        try:
            self.serve(conn)
        except (OSError, ValueError):
            pass
        finally:
            conn.close()

    def serve(self, conn: socket.socket) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def close(self) -> None:
        self._stop = True
        self.sock.close()
        for conn in self._conns:  # wake workers waiting on keep-alive connections
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        for worker in self._threads:
            worker.join(5)


class HostileServer(_Listener):
    """A TLS server whose answer to each request is ``behaviour(connection, request)``."""

    def __init__(self, certs: Certificates, behaviour: Behaviour) -> None:
        self.context = certs.server_context()
        self.ca_file = certs.ca_file
        self.behaviour = behaviour
        self.requests: List[Request] = []
        self.bytes_sent = 0
        super().__init__()

    def paths(self) -> List[str]:
        return [path for _, path, _, _ in self.requests]

    def serve(self, conn: socket.socket) -> None:
        with self.context.wrap_socket(conn, server_side=True) as tls:
            self._conns.append(tls)  # the TLS socket now owns the descriptor
            while True:
                request = read_request(tls)
                if request is None:
                    return
                self.requests.append(request)
                self.behaviour(tls, request)

    # -- behaviours -------------------------------------------------------------------

    @staticmethod
    def reply(body: bytes, status: str = "200 OK") -> Behaviour:
        def act(conn: ssl.SSLSocket, request: Request) -> None:
            conn.sendall(response(body, status))

        return act

    @staticmethod
    def drip(data: bytes, interval: float) -> Behaviour:
        """Send ``data`` one byte at a time, ``interval`` seconds apart."""

        def act(conn: ssl.SSLSocket, request: Request) -> None:
            for i in range(len(data)):
                conn.sendall(data[i : i + 1])
                time.sleep(interval)

        return act

    @staticmethod
    def task_with_dripped_polls(token: str) -> Behaviour:
        """Start a task (status running, ``token``) at once; drip every status poll's answer."""
        running = response(status_body("running", token=token, version=1))

        def act(conn: ssl.SSLSocket, request: Request) -> None:
            if request[1].endswith("/get-status"):
                HostileServer.drip(running, 0.05)(conn, request)
            else:
                conn.sendall(running)

        return act

    def flood(self, total: int, chunked: bool) -> Behaviour:
        """Announce (or chunk) a reply of ``total`` bytes and send it as fast as possible."""

        def act(conn: ssl.SSLSocket, request: Request) -> None:
            if chunked:
                conn.sendall(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
            else:
                conn.sendall(f"HTTP/1.1 200 OK\r\nContent-Length: {total}\r\n\r\n".encode())
            piece = b"[" + b"0," * 32767 + b"0"
            frame = f"{len(piece):x}\r\n".encode() + piece + b"\r\n" if chunked else piece
            sent = 0
            while sent < total:
                conn.sendall(frame)
                sent += len(piece)
                self.bytes_sent = sent

        return act


class ConnectProxy(_Listener):
    """An HTTP CONNECT proxy: a tunnel, or with ``mitm`` a man in the middle.

    ``connects`` lists the requested ``host:port`` targets; ``intercepted`` the
    requests the man in the middle read (credentials included, if any were sent).
    With ``credentials`` ("user:password") the proxy demands Basic proxy auth.
    """

    def __init__(
        self, mitm: Optional[Certificates] = None, credentials: Optional[str] = None
    ) -> None:
        self.mitm = mitm.server_context() if mitm else None
        self.credentials = credentials
        self.connects: List[str] = []
        self.intercepted: List[Request] = []
        super().__init__()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def serve(self, conn: socket.socket) -> None:
        request = read_request(conn)
        if request is None or request[0] != "CONNECT":
            conn.sendall(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
            return
        if self.credentials is not None:
            expected = "Basic " + base64.b64encode(self.credentials.encode()).decode()
            if request[2].get("proxy-authorization") != expected:
                conn.sendall(
                    b"HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n"
                )
                return
        self.connects.append(request[1])
        conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        if self.mitm is not None:
            with self.mitm.wrap_socket(conn, server_side=True) as tls:
                self._conns.append(tls)
                seen = read_request(tls)
                if seen is not None:
                    self.intercepted.append(seen)
                    tls.sendall(response(status_body()))
            return
        host, _, port = request[1].rpartition(":")
        with socket.create_connection((host, int(port))) as upstream:
            _relay(conn, upstream)


def _relay(a: socket.socket, b: socket.socket) -> None:
    """Copy bytes both ways until either side closes."""

    def pump(src: socket.socket, dst: socket.socket) -> None:
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                dst.sendall(data)
        except OSError:
            pass
        finally:
            try:
                dst.shutdown(socket.SHUT_WR)
            except OSError:
                pass

    other = threading.Thread(target=pump, args=(b, a), daemon=True)
    other.start()
    pump(a, b)
    other.join(10)
