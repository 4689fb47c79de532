"""Helpers for the emulator's own tests: a minimal keep-alive API client on http.client.

These tests talk to the emulator with ``http.client``/``ssl`` directly, never through the
``mailstore`` client, so they check the emulator independently of it.
"""

from __future__ import annotations

import base64
import http.client
import json
import socket
import ssl
import time
import urllib.parse
from typing import Any, Dict, List, Mapping, Optional, Tuple

from mailstore._status import STATUS_KEYS
from mailstore.emulator import Emulator

Json = Dict[str, Any]

ENVELOPE_KEYS = list(STATUS_KEYS)


def connect(srv: Emulator, timeout: float = 3.0) -> ssl.SSLSocket:
    """A raw TLS socket to the emulator, trusting its CA."""
    context = ssl.create_default_context(cafile=srv.ca_file)
    sock = socket.create_connection(("127.0.0.1", srv.port), timeout=timeout)
    return context.wrap_socket(sock, server_hostname="127.0.0.1")


def read_reply(tls: ssl.SSLSocket) -> bytes:
    """Everything the server sends until it closes or stays silent for the socket's timeout."""
    chunks: List[bytes] = []
    try:
        while True:
            chunk = tls.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    except (socket.timeout, ssl.SSLError, OSError):
        pass
    return b"".join(chunks)


def basic(user: str, password: str) -> str:
    token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    return f"Basic {token}"


def encode(args: Optional[Mapping[str, Any]]) -> bytes:
    """Form-encode ``args`` the way the API expects (bools as true/false, None omitted)."""
    if not args:
        return b""
    pairs = []
    for key, value in args.items():
        if value is None:
            continue
        if isinstance(value, bool):
            value = "true" if value else "false"
        elif isinstance(value, (dict, list)):
            value = json.dumps(value)
        pairs.append((key, str(value)))
    return urllib.parse.urlencode(pairs).encode("ascii")


def decode(body: bytes) -> Any:
    assert body.startswith(b"\xef\xbb\xbf"), body[:20]
    return json.loads(body.decode("utf-8-sig"))


class Response:
    def __init__(self, status: int, headers: List[Tuple[str, str]], body: bytes) -> None:
        self.status = status
        self.header_list = headers
        self.headers = {k.lower(): v for k, v in headers}
        self.body = body

    def json(self) -> Any:
        return decode(self.body)


class ApiClient:
    """A minimal keep-alive API client on ``http.client`` for the emulator tests."""

    def __init__(
        self,
        emu: Emulator,
        user: str = "admin",
        password: str = "admin",
        timeout: float = 30.0,
    ) -> None:
        self.emu = emu
        self.context = ssl.create_default_context(cafile=emu.ca_file)
        self.timeout = timeout
        self.auth = basic(user, password)
        self.conn = self._connect()

    def _connect(self) -> http.client.HTTPSConnection:
        return http.client.HTTPSConnection(
            "127.0.0.1", self.emu.port, context=self.context, timeout=self.timeout
        )

    def close(self) -> None:
        self.conn.close()

    def raw(
        self,
        path: str,
        body: bytes = b"",
        *,
        method: str = "POST",
        headers: Optional[Mapping[str, str]] = None,
        auth: Optional[str] = "default",
    ) -> Response:
        all_headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if auth == "default":
            all_headers["Authorization"] = self.auth
        elif auth is not None:
            all_headers["Authorization"] = auth
        all_headers.update(headers or {})
        try:
            self.conn.request(method, path, body=body, headers=all_headers)
            response = self.conn.getresponse()
        except (http.client.HTTPException, OSError):
            self.conn.close()
            self.conn = self._connect()
            raise
        data = response.read()
        result = Response(response.status, response.getheaders(), data)
        if response.will_close:
            self.conn.close()
            self.conn = self._connect()
        return result

    def post(self, path: str, args: Optional[Mapping[str, Any]] = None, **kw: Any) -> Response:
        return self.raw(path, encode(args), **kw)

    def invoke(self, function: str, **args: Any) -> Json:
        response = self.post(f"/api/invoke/{function}", args)
        assert response.status == 200, (response.status, response.body[:300])
        data: Json = response.json()
        assert list(data) == ENVELOPE_KEYS
        return data

    def ok(self, function: str, **args: Any) -> Any:
        """Invoke and return the result of a succeeded synchronous call."""
        data = self.invoke(function, **args)
        assert data["statusCode"] == "succeeded", data["error"]
        return data["result"]

    def get_status(self, token: str, last: int, timeout_ms: int = 1000) -> Json:
        args = {"token": token, "lastKnownStatusVersion": last, "millisecondsTimeout": timeout_ms}
        response = self.post("/api/get-status", args)
        assert response.status == 200, (response.status, response.body[:300])
        data: Json = response.json()
        return data

    def cancel(self, token: str) -> Response:
        return self.post("/api/cancel-async", {"token": token})

    def run(self, function: str, **args: Any) -> Tuple[Json, str, List[Json]]:
        """Invoke and follow a task to its end: (final status, whole log, all statuses)."""
        status = self.invoke(function, **args)
        seen = [status]
        log = status["logOutput"] or ""
        deadline = time.monotonic() + 30
        while status["statusCode"] == "running":
            assert time.monotonic() < deadline, "task did not finish"
            status = self.get_status(status["token"], status["statusVersion"], 1000)
            seen.append(status)
            log += status["logOutput"] or ""
        return status, log, seen
