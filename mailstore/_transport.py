"""HTTPS transport: one pooled keep-alive session per client.

The session and its adapter set everything up once: TLS settings, the
connection pool, proxies from the environment. The hot path then sends each
request straight through the adapter's urllib3 connection pool, skipping the
per-call work of ``Session.request`` and ``HTTPAdapter.send``. A session given
by the caller, or a proxy, is used through ``HTTPAdapter.send`` instead. This module owns TLS
(verification, CA bundles, fingerprint pinning), timeouts, retries and the
mapping of transport and HTTP failures to :mod:`mailstore.errors`.

Retries: a request that failed to connect is retried for every endpoint (it never
reached the server). Idempotent requests (get-status, get-metadata) are also
retried after any transient failure. An invoke that may have reached the server
is never sent twice.
"""

from __future__ import annotations

import base64
import logging
import socket
import ssl
import threading
import time
from collections import deque
from typing import Any, Optional, Union

import requests
import urllib3
from requests.adapters import HTTPAdapter
from requests.structures import CaseInsensitiveDict
from requests.utils import select_proxy
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import (
    ConnectTimeoutError,
    NameResolutionError,
    NewConnectionError,
    ReadTimeoutError,
)

from ._encoding import Fields, decode_json, form_body
from ._log import redact, redact_fields
from ._version import __version__
from .errors import (
    ArgumentError,
    AuthenticationError,
    ConnectError,
    ConnectionLostError,
    HTTPStatusError,
    LengthRequiredError,
    MailStoreError,
    NotFoundError,
    PermissionDeniedError,
    ProtocolError,
    RequestTimeout,
    ServerError,
    TLSError,
    TokenNotFoundError,
    TransportError,
)

Verify = Union[bool, str]

USER_AGENT = f"mailstore-python/{__version__}"
TOKEN_PATHS = ("get-status", "cancel-async")


def normalize_fingerprint(fingerprint: str) -> str:
    """Return a SHA-256 fingerprint as 64 lowercase hex digits, or raise ValueError."""
    digits = fingerprint.replace(":", "").replace(" ", "").lower()
    if len(digits) != 64 or any(c not in "0123456789abcdef" for c in digits):
        raise ValueError(
            "fingerprint must be the certificate's SHA-256 fingerprint: 64 hex digits, "
            "with or without colons (e.g. 'AB:CD:...'); SHA-1 thumbprints are not accepted"
        )
    return digits


def format_fingerprint(digits: str) -> str:
    """Format hex digits as uppercase pairs joined by colons."""
    digits = digits.upper()
    return ":".join(digits[i : i + 2] for i in range(0, len(digits), 2))


class _QuietHTTPSPool(HTTPSConnectionPool):
    """An HTTPS pool that does not warn about unverified connections.

    Used when the user pinned a fingerprint (the certificate is checked, just not
    against a CA) or chose ignoreInvalidSSLCerts (the client logs one warning
    itself), so that no global warnings filter needs to change.
    """

    def _validate_conn(self, conn: Any) -> None:
        HTTPConnectionPool._validate_conn(self, conn)
        if conn.is_closed:
            conn.connect()


class _Adapter(HTTPAdapter):
    """The client's adapter: a bounded, blocking pool; optional fingerprint pinning."""

    def __init__(self, pool_size: int, fingerprint: Optional[str], quiet: bool) -> None:
        self._fingerprint = fingerprint
        self._quiet = quiet
        super().__init__(pool_connections=1, pool_maxsize=pool_size, pool_block=True, max_retries=0)

    def init_poolmanager(
        self, connections: int, maxsize: int, block: bool = False, **kw: Any
    ) -> None:
        if self._fingerprint:
            kw["assert_fingerprint"] = self._fingerprint
        super().init_poolmanager(connections, maxsize, block, **kw)
        if self._quiet:
            classes = dict(self.poolmanager.pool_classes_by_scheme)
            classes["https"] = _QuietHTTPSPool
            self.poolmanager.pool_classes_by_scheme = classes


class _FairGate:
    """Lets at most ``size`` threads through at once, the waiting ones in arrival order.

    urllib3's blocking pool lets a thread that has just returned a connection take it
    again at once, ahead of threads already waiting: with more threads than connections
    one call could wait many seconds while others made thousands (measured by the
    reliability suite). Here a freed place is handed to the longest-waiting thread.
    """

    def __init__(self, size: int) -> None:
        self._lock = threading.Lock()
        self._free = size
        self._waiting: deque[threading.Event] = deque()

    def __enter__(self) -> None:
        with self._lock:
            if self._free and not self._waiting:
                self._free -= 1
                return
            turn = threading.Event()
            self._waiting.append(turn)
        try:
            turn.wait()
        except BaseException:  # e.g. KeyboardInterrupt while waiting: give the place back
            with self._lock:
                if turn in self._waiting:
                    self._waiting.remove(turn)
                    raise
            self.__exit__()
            raise

    def __exit__(self, *exc_info: object) -> None:
        with self._lock:
            if self._waiting:
                self._waiting.popleft().set()  # hand the place over directly
            else:
                self._free += 1


def _basic_auth(username: str, password: str) -> str:
    raw = f"{username}:{password}".encode()
    return "Basic " + base64.b64encode(raw).decode("ascii")


def _interrupt_behind(exc: BaseException) -> Optional[BaseException]:
    """The KeyboardInterrupt or SystemExit that ``exc`` was raised while handling, if any.

    An interrupt while urllib3 waits for a pooled connection makes its clean-up raise
    FullPoolError in the interrupt's place; the interrupt must reach the caller.
    """
    seen = exc.__context__
    for _ in range(6):
        if seen is None:
            return None
        if not isinstance(seen, Exception):
            return seen
        seen = seen.__context__
    return None


def _chain(exc: BaseException) -> list[BaseException]:
    """The exception and the reasons behind it (urllib3 ``reason``, first argument), outermost first."""
    chain = [exc]
    for _ in range(6):
        seen = chain[-1]
        inner = getattr(seen, "reason", None)
        if not isinstance(inner, BaseException):
            inner = seen.args[0] if seen.args and isinstance(seen.args[0], BaseException) else None
        if inner is None or inner in chain:
            break
        chain.append(inner)
    return chain


class Transport:
    """Sends form-encoded POSTs to ``https://host:port/api/...`` and decodes the JSON."""

    def __init__(
        self,
        *,
        host: str,
        port: int,
        username: str,
        password: str,
        verify: Verify,
        fingerprint: Optional[str],
        connect_timeout: float,
        read_timeout: float,
        session: Optional[requests.Session],
        pool_size: int,
        connect_retries: int,
        logger: logging.Logger,
    ) -> None:
        self.host = host
        self.port = port
        self.username = username
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.connect_retries = connect_retries
        self.fingerprint = fingerprint
        self._log = logger
        netloc = f"[{host}]" if ":" in host and not host.startswith("[") else host
        self.base_url = f"https://{netloc}:{port}/api/"
        self._own_session = session is None
        self.session = session if session is not None else requests.Session()
        if self._own_session or fingerprint:  # pinning needs our adapter, even on a given session
            adapter = _Adapter(
                pool_size, fingerprint, quiet=fingerprint is not None or verify is False
            )
            self.session.mount(self.base_url, adapter)
        # Read the environment (proxies, REQUESTS_CA_BUNDLE) once, not per call.
        settings = self.session.merge_environment_settings(self.base_url, {}, False, verify, None)
        self._proxies = settings["proxies"]
        env_verify: Verify = settings["verify"] if settings["verify"] is not None else verify
        self._verify: Verify = False if fingerprint else env_verify
        self._adapter = self.session.get_adapter(self.base_url)
        # The direct path needs our own adapter and no proxy for this URL.
        own = self._adapter if isinstance(self._adapter, _Adapter) else None
        self._direct_adapter = None if select_proxy(self.base_url, self._proxies) else own
        # Our pool blocks when all connections are busy; the gate makes waiting threads get
        # a connection in arrival order (see _FairGate).
        self._gate = _FairGate(pool_size) if own is not None else None
        self._pool: Optional[HTTPConnectionPool] = None
        self._path_prefix = urllib3.util.parse_url(self.base_url).path or "/api/"
        self._headers = {
            "Authorization": _basic_auth(username, password),
            "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
            "Accept": "application/json",
            "User-Agent": USER_AGENT,
        }

    def close(self) -> None:
        """Close pooled connections (only those of a session this transport created)."""
        self._pool = None
        if self._own_session:
            self.session.close()

    def _connection_pool(self, adapter: _Adapter) -> HTTPConnectionPool:
        """The adapter's urllib3 pool for the server, set up once (again after close)."""
        pool = self._pool
        if pool is None or pool.pool is None:
            probe = requests.PreparedRequest()
            probe.url = self.base_url
            new = adapter.get_connection_with_tls_context(probe, self._verify, proxies=None)
            if not isinstance(new, HTTPConnectionPool):
                raise TypeError(f"unexpected connection pool {type(new).__name__}")
            adapter.cert_verify(new, self.base_url, self._verify, None)  # type: ignore[no-untyped-call]
            self._pool = pool = new
        return pool

    # -- sending ---------------------------------------------------------------

    def post(
        self,
        path: str,
        fields: Fields,
        *,
        function: str,
        read_timeout: Optional[float] = None,
        idempotent: bool = False,
        retries: int = 3,
    ) -> Any:
        """POST ``fields`` to ``/api/<path>`` and return the decoded JSON reply.

        ``function`` names the call in errors and logs. Idempotent requests are
        retried up to ``retries`` times after a transient failure.
        """
        try:
            body = form_body(fields)
        except UnicodeEncodeError as exc:
            bad = next((k for k, v in fields if not _utf8_ok(k) or not _utf8_ok(v)), "?")
            raise ArgumentError(
                f"{function}: argument {bad!r} holds text that cannot be sent as UTF-8 "
                f"({exc.reason}: {exc.object[exc.start : exc.end]!r}); lone surrogates usually "
                "come from bytes decoded with errors='surrogateescape': decode them properly",
                function=function,
            ) from None
        timeout = (self.connect_timeout, read_timeout or self.read_timeout)
        if self._log.isEnabledFor(logging.DEBUG):
            self._log.debug("POST %s%s %s", self.base_url, path, redact_fields(fields))
        attempt = 0
        while True:
            try:
                if self._gate is None:
                    return self._send(path, body, function, timeout)
                with self._gate:
                    return self._send(path, body, function, timeout)
            except MailStoreError as exc:
                limit = retries if idempotent else self.connect_retries
                if attempt >= limit or not self._retryable(exc, idempotent):
                    raise
                attempt += 1
                delay = min(0.1 * 2 ** (attempt - 1), 2.0)
                self._log.info(
                    "%s: %s; retry %d/%d in %.1f s", function, exc, attempt, limit, delay
                )
                time.sleep(delay)

    @staticmethod
    def _retryable(exc: MailStoreError, idempotent: bool) -> bool:
        if isinstance(exc, ConnectError):
            cause = exc.__cause__
            return cause is None or not any(_unknown_host(e) for e in _chain(cause))
        if not idempotent:
            return False
        return isinstance(exc, (TransportError, ServerError, ProtocolError)) and not isinstance(
            exc, TLSError
        )

    def _send(self, path: str, body: bytes, function: str, timeout: tuple[float, float]) -> Any:
        headers = dict(self._headers)
        headers["Content-Length"] = str(len(body))
        started = time.perf_counter()
        try:
            if self._direct_adapter is not None:
                code, content = self._send_direct(
                    self._direct_adapter, path, body, headers, timeout
                )
            else:
                code, content = self._send_adapter(path, body, headers, timeout)
        except (requests.RequestException, urllib3.exceptions.HTTPError) as exc:
            interrupt = _interrupt_behind(exc)
            if interrupt is not None:
                raise interrupt from None
            raise self._transport_error(exc, function, timeout) from exc
        if self._log.isEnabledFor(logging.DEBUG):
            elapsed = (time.perf_counter() - started) * 1000
            self._log.debug(
                "%s: HTTP %d, %d bytes in %.1f ms", function, code, len(content), elapsed
            )
        if code != 200:
            raise self._status_error(code, content, path, function)
        data = decode_json(content, function=function, status_code=code)
        if self._log.isEnabledFor(logging.DEBUG):
            self._log.debug("%s: reply %s", function, _short(redact(data)))
        return data

    def _send_direct(
        self,
        adapter: _Adapter,
        path: str,
        body: bytes,
        headers: dict[str, str],
        timeout: tuple[float, float],
    ) -> tuple[int, bytes]:
        response = self._connection_pool(adapter).urlopen(
            "POST",
            self._path_prefix + path,
            body=body,
            headers=headers,
            retries=False,
            redirect=False,
            assert_same_host=False,
            timeout=urllib3.Timeout(connect=timeout[0], read=timeout[1]),
            preload_content=True,
        )
        return response.status, response.data

    def _send_adapter(
        self, path: str, body: bytes, headers: dict[str, str], timeout: tuple[float, float]
    ) -> tuple[int, bytes]:
        request = requests.PreparedRequest()
        request.method = "POST"
        request.url = self.base_url + path
        request.headers = CaseInsensitiveDict(headers)
        request.body = body
        response = self._adapter.send(
            request, timeout=timeout, verify=self._verify, proxies=self._proxies
        )
        return response.status_code, response.content

    # -- error mapping -----------------------------------------------------------

    def _where(self) -> str:
        return f"{self.host}:{self.port}"

    def _transport_error(
        self, exc: Exception, function: str, timeout: tuple[float, float]
    ) -> MailStoreError:
        """Map a requests or urllib3 exception to ours, by the chain of reasons behind it."""
        chain = _chain(exc)
        reason = chain[-1]
        where = self._where()

        def seen(*kinds: type) -> bool:
            return any(isinstance(e, kinds) for e in chain)

        if seen(requests.exceptions.SSLError, urllib3.exceptions.SSLError, ssl.SSLError):
            problem, hint, cli_hint = self._tls_message(function, reason)
            return TLSError(problem, function=function, hint=hint, cli_hint=cli_hint)
        if seen(ConnectTimeoutError) and not seen(NewConnectionError):
            return ConnectError(
                f"{function}: could not connect to {where} within {timeout[0]:g} s. Check that the "
                "server is up, that the API is enabled in MailStore's Service Configuration, and "
                "that no firewall drops the port.",
                function=function,
            )
        if seen(ReadTimeoutError, requests.exceptions.ReadTimeout):
            return RequestTimeout(
                f"{function}: {where} sent no answer within {timeout[1]:g} s. The request may still "
                "be running on the server.",
                function=function,
                hint="Raise readTimeout if the function is slow.",
                cli_hint="Raise --timeout if the function is slow.",
            )
        if any(_unknown_host(e) for e in chain):
            return ConnectError(
                f"{function}: the host name {self.host!r} could not be resolved. Check the spelling "
                "or use the server's IP address.",
                function=function,
            )
        if seen(NewConnectionError, ConnectionRefusedError):
            return ConnectError(
                f"{function}: cannot connect to {where} ({_plain(reason)}). Check that MailStore "
                "Server is running, that the Administration API is enabled in its Service "
                "Configuration, and the host and port (Server: 8463, SPE: 8474).",
                function=function,
            )
        return ConnectionLostError(
            f"{function}: the connection to {where} broke before an answer arrived "
            f"({_plain(reason)}). The server may have received the request; check the result "
            "before calling again.",
            function=function,
        )

    def _tls_message(self, function: str, reason: BaseException) -> tuple[str, str, str]:
        """Problem, Python hint and command-line hint for a failed TLS handshake."""
        where = self._where()
        text = _plain(reason)
        if any(s in text.lower() for s in _VERSION_FAILURES):
            advice = (
                "Enable TLS 1.2/1.3 on the server, and check that host and port are the API's "
                "HTTPS port (Server: 8463, SPE: 8474)."
            )
            problem = (
                f"{function}: no TLS 1.2 or newer connection with {where} ({text}). The client "
                "refuses older TLS versions."
            )
            return problem, advice, advice
        presented = self.server_fingerprint()
        if self.fingerprint and "fingerprint" in text.lower():
            problem = (
                f"{function}: the certificate of {where} does not match the pinned fingerprint "
                f"{format_fingerprint(self.fingerprint)}"
                + (f"; the server presents {presented}." if presented else ".")
            )
            advice = "If the server's certificate was changed on purpose, pin the new fingerprint."
            return problem, advice, advice
        problem = f"{function}: the TLS certificate of {where} could not be verified ({text})." + (
            f" The server presents a certificate with SHA-256 fingerprint {presented}."
            if presented
            else ""
        )
        steps = (
            "Ways out: (1) pin the certificate: {pin} (compare it with the certificate on the "
            "server first); (2) trust the CA that issued it: {ca}; (3) switch verification off "
            "for this client: {off} (not recommended)."
        )
        hint = steps.format(
            pin="fingerprint='<SHA-256 fingerprint>'",
            ca="caBundle='/path/to/ca.pem'",
            off="ignoreInvalidSSLCerts=True",
        )
        cli_hint = steps.format(
            pin="--fingerprint <SHA-256 fingerprint>",
            ca="--ca-file /path/to/ca.pem",
            off="--insecure",
        )
        return problem, hint, cli_hint

    def server_fingerprint(self) -> Optional[str]:
        """Fetch the server's certificate (unverified) and return its SHA-256 fingerprint."""
        import hashlib

        try:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
            with socket.create_connection(
                (self.host, self.port), timeout=self.connect_timeout
            ) as raw:
                with context.wrap_socket(raw, server_hostname=self.host) as tls:
                    der = tls.getpeercert(binary_form=True)
        except (OSError, ValueError):
            return None
        return format_fingerprint(hashlib.sha256(der).hexdigest()) if der else None

    def _status_error(self, code: int, content: bytes, path: str, function: str) -> MailStoreError:
        text = content.decode("utf-8", "replace").lstrip("\ufeff")
        detail = _server_message(text)
        suffix = f" Server says: {detail}" if detail else ""
        kw: dict[str, Any] = {"function": function, "status_code": code, "body": text}
        if code == 401:
            return AuthenticationError(
                f"{function}: {self._where()} rejected the credentials of user {self.username!r} "
                "(HTTP 401). Check user name and password. The user must be a MailStore "
                "administrator with the 'api' login privilege; admin/admin works only from the "
                "MailStore server itself (127.0.0.1) - to connect from elsewhere, change the admin "
                "password first. With MFA, use the user's API/app password." + suffix,
                **kw,
            )
        if code == 403:
            return PermissionDeniedError(
                f"{function}: user {self.username!r} may not use the API (HTTP 403). Give the user "
                "administrator rights and the 'api' login privilege." + suffix,
                **kw,
            )
        if code == 404 and path in TOKEN_PATHS:
            return TokenNotFoundError(
                f"{function}: the server does not know this status token (HTTP 404): it is wrong, "
                "or it expired because the task ended a while ago or the server restarted. Check "
                "the task's outcome on the server (e.g. GetWorkerResults or the job results)."
                + suffix,
                **kw,
            )
        if code == 404:
            return NotFoundError(
                f"{function}: the server has no such function (HTTP 404)." + suffix,
                hint="Check the spelling; GetMetadata() lists what this server offers, and newer "
                "functions need a newer MailStore version.",
                cli_hint="Check the spelling; 'mailstore functions --server' lists what this "
                "server offers, and newer functions need a newer MailStore version.",
                **kw,
            )
        if code == 411:
            return LengthRequiredError(
                f"{function}: the server wants a Content-Length header (HTTP 411); a proxy in "
                "between may have removed it." + suffix,
                **kw,
            )
        if code >= 500:
            return ServerError(
                f"{function}: the server failed with HTTP {code}."
                + suffix
                + " If it persists, check the MailStore service and its logs.",
                **kw,
            )
        return HTTPStatusError(f"{function}: unexpected HTTP {code}." + suffix, **kw)


# OpenSSL texts of a failed version negotiation (server too old, or not TLS at all).
_VERSION_FAILURES = ("protocol version", "unsupported protocol", "wrong version number")


def _utf8_ok(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _unknown_host(reason: BaseException) -> bool:
    """True when a name lookup failed (a retry will not help)."""
    return isinstance(reason, (NameResolutionError, socket.gaierror))


def _plain(reason: BaseException) -> str:
    text = str(reason) or type(reason).__name__
    return text.split(": ", 1)[-1] if text.startswith("<") else text


def _server_message(text: str) -> Optional[str]:
    """The error message inside a JSON error body, or a short excerpt of any other body."""
    import json

    try:
        data = json.loads(text)
    except ValueError:
        return None if text.lstrip().startswith("<") or not text.strip() else text[:200]
    if isinstance(data, dict) and isinstance(data.get("error"), dict):
        message = data["error"].get("message")
        return str(message) if message else None
    return None


def _short(value: Any, limit: int = 2000) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + f"... ({len(text)} chars)"
