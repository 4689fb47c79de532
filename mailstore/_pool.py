"""The default transport: urllib3 connection pools, through urllib3's public API only.

One pool of keep-alive HTTPS connections to the server, direct or through the proxy
the environment names (``HTTPS_PROXY``/``ALL_PROXY``/``NO_PROXY``, read once when the
client is built). The same TLS settings, fingerprint pin included, apply on both
paths. Requests are never retried here (the client decides), redirects never
followed, and a reply is bounded in time (see :mod:`mailstore._watchdog`) and in size
(``maxReplyBytes``, checked while reading).

At most ``poolSize`` requests run at once; further threads wait their turn in arrival
order (:class:`FairGate`), so the pool itself never blocks or overflows.
"""

from __future__ import annotations

import logging
import threading
import weakref
from collections import deque
from http.client import HTTPException
from typing import Any, Dict, List, Mapping, Optional

import urllib3
from urllib3.connection import HTTPSConnection
from urllib3.exceptions import (
    ConnectTimeoutError,
    NameResolutionError,
    NewConnectionError,
    ProxyError,
    ReadTimeoutError,
)
from urllib3.exceptions import HTTPError as Urllib3Error
from urllib3.exceptions import SSLError as Urllib3SSLError

from ._proxy import Proxy
from ._tls import Trust, format_fingerprint, peer_fingerprint
from ._transport import (
    Reply,
    Target,
    chain,
    failure,
    function_of,
    interrupt_behind,
    read_body,
    stdlib_kind,
    timed_out,
)
from ._watchdog import Watch, Watchdog
from .errors import MailStoreError

_calls = threading.local()
_NO_RETRIES = urllib3.Retry(total=False, redirect=False)  # the client decides on retries


class _Call:
    """One request in flight: its time limit, and what the connection reported of it."""

    __slots__ = ("sent", "timeout", "watch", "watchdog")

    def __init__(self, timeout: float, watchdog: Watchdog) -> None:
        self.timeout = timeout
        self.watchdog = watchdog
        self.watch: Optional[Watch] = None
        self.sent = False

    def begin(self, sock: Any) -> None:
        """The request starts going out on ``sock``: start the clock."""
        self.sent = True
        self.watch = self.watchdog.start(sock, self.timeout)

    def end(self) -> bool:
        """Stop the clock; True if the watchdog had cut the request off."""
        return self.watch is not None and self.watchdog.stop(self.watch)


class _WatchedConnection(HTTPSConnection):
    """An HTTPS connection that tells the current call when its request starts going out."""

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> None:
        call: Optional[_Call] = getattr(_calls, "current", None)
        if call is not None:
            call.begin(self.sock)
        super().request(method, url, *args, **kwargs)


class _WatchedPool(urllib3.HTTPSConnectionPool):
    """An HTTPS pool of watched connections."""

    ConnectionCls = _WatchedConnection


class FairGate:
    """Lets at most ``size`` threads through at once, the waiting ones in arrival order."""

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


def urllib3_kind(reasons: List[BaseException], sent: bool) -> str:
    """Classify a failure from urllib3's exceptions (one of ``_transport.KINDS``)."""

    def seen(*kinds: type) -> bool:
        return any(isinstance(e, kinds) for e in reasons)

    if seen(Urllib3SSLError):
        return "tls"
    if seen(NameResolutionError):
        return "dns"
    if seen(ProxyError) or any("Tunnel connection failed" in str(e) for e in reasons):
        return "proxy"
    if seen(NewConnectionError):
        return "connect"
    if seen(ConnectTimeoutError):
        return "connect-timeout"
    if seen(ReadTimeoutError):
        return "read-timeout"
    return stdlib_kind(reasons, sent) or ("lost" if sent else "connect")


class _CertificateChanged(Exception):
    """A first-use pin no longer matches: the server presents another certificate."""


class PoolTransport:
    """Sends requests through a urllib3 HTTPS connection pool (see the module's notes).

    With no certificate check at all (``ignoreInvalidSSLCerts``) and no proxy, the
    transport pins the certificate the server presents when the pool opens, so every
    connection is still checked against something; if the server later presents
    another one, that is logged and accepted.
    """

    def __init__(
        self,
        target: Target,
        *,
        pool_size: int,
        max_reply_bytes: Optional[int],
        proxy: Optional[Proxy],
        logger: Optional[logging.Logger] = None,
    ) -> None:
        self.target = target._replace(proxied=proxy is not None)
        self._proxy = proxy
        self._max_reply_bytes = max_reply_bytes
        self._log = logger or logging.getLogger("mailstore")
        self._first_use = not target.trust.checked and proxy is None
        self._settings: Dict[str, Any] = {
            "maxsize": pool_size,
            "block": False,  # the gate keeps the number of requests within maxsize
            "retries": _NO_RETRIES,
        }
        self._gate = FairGate(pool_size)
        self._watchdog = Watchdog()
        weakref.finalize(self, self._watchdog.close)  # no thread outlives the transport
        self._lock = threading.Lock()
        self._pool: Optional[urllib3.HTTPSConnectionPool] = None
        self._manager: Optional[urllib3.PoolManager] = None
        self._pin: Optional[str] = None
        self._timeouts: Dict[float, urllib3.Timeout] = {}

    def _open(self) -> urllib3.HTTPSConnectionPool:
        """The connection pool, created on first use (and again after close)."""
        with self._lock:
            if self._pool is None:
                host, port = self.target.host, self.target.port
                trust = self.target.trust
                if self._first_use:
                    seen = peer_fingerprint(host, port, self.target.connect_timeout)
                    if self._pin is not None and seen != self._pin:
                        self._log.warning(
                            "the certificate of %s changed (SHA-256 %s); accepted because "
                            "ignoreInvalidSSLCerts=True",
                            self.target.where,
                            format_fingerprint(seen),
                        )
                    self._pin = seen
                    trust = Trust(verify=False, pin=seen)
                settings = {**self._settings, **trust.pool_settings()}
                if self._proxy is None:
                    self._pool = _WatchedPool(host, port, **settings)
                else:
                    headers = None
                    if self._proxy.auth:
                        headers = urllib3.util.make_headers(proxy_basic_auth=self._proxy.auth)
                    manager = urllib3.ProxyManager(
                        self._proxy.url, num_pools=1, proxy_headers=headers, **settings
                    )
                    manager.pool_classes_by_scheme = {
                        **manager.pool_classes_by_scheme,
                        "https": _WatchedPool,
                    }
                    pool = manager.connection_from_host(host, port, scheme="https")
                    assert isinstance(pool, urllib3.HTTPSConnectionPool)
                    self._manager, self._pool = manager, pool
            return self._pool

    def _timeout(self, read: float) -> urllib3.Timeout:
        timeout = self._timeouts.get(read)
        if timeout is None:
            timeout = urllib3.Timeout(connect=self.target.connect_timeout, read=read)
            if len(self._timeouts) < 64:
                self._timeouts[read] = timeout
        return timeout

    def send(
        self,
        path: str,
        body: bytes,
        headers: Mapping[str, str],
        *,
        timeout: float,
        replayable: bool,
    ) -> Reply:
        """POST ``body`` to ``/api/<path>``; see :class:`mailstore._transport.Transport`."""
        with self._gate:
            try:
                return self._send(path, body, headers, timeout)
            except _CertificateChanged:  # nothing was sent: open anew and send once more
                self._close_pool()
                return self._send(path, body, headers, timeout)

    def _send(self, path: str, body: bytes, headers: Mapping[str, str], timeout: float) -> Reply:
        call = _Call(timeout, self._watchdog)
        response = None
        _calls.current = call
        try:
            pool = self._pool or self._open()
            response = pool.urlopen(
                "POST",
                "/api/" + path,
                body=body,
                headers=headers,
                retries=_NO_RETRIES,
                redirect=False,
                assert_same_host=False,
                timeout=self._timeout(timeout),
                preload_content=False,
            )
            content = read_body(
                response,
                self._max_reply_bytes,
                function=function_of(path),
                where=self.target.where,
            )
        except BaseException as exc:
            fired = call.end()
            if response is not None:
                response.close()
                response.release_conn()
            error = self._error(exc, path, call, fired, timeout)
            if error is exc:
                raise
            raise error from (exc if isinstance(error, MailStoreError) else None)
        finally:
            _calls.current = None
        if call.end():  # cut off: what was read is incomplete (or just too late)
            response.close()
            response.release_conn()
            raise timed_out(function_of(path), self.target.where, timeout)
        response.release_conn()
        return Reply(response.status, content, response.headers.get("Content-Type", ""))

    def _error(
        self, exc: BaseException, path: str, call: _Call, fired: bool, timeout: float
    ) -> BaseException:
        """The exception to raise for ``exc``: interrupts and our own errors as they are."""
        if not isinstance(exc, Exception):
            return exc
        interrupt = interrupt_behind(exc)
        if interrupt is not None:
            return interrupt
        if isinstance(exc, MailStoreError):
            return exc
        function = function_of(path)
        if fired:
            return timed_out(function, self.target.where, timeout)
        if not isinstance(exc, (Urllib3Error, OSError, HTTPException)):
            return exc
        reasons = chain(exc)
        kind = urllib3_kind(reasons, call.sent)
        if kind == "tls" and self._first_use and "fingerprint" in str(reasons[-1]).lower():
            return _CertificateChanged()
        return failure(kind, exc, function=function, target=self.target, timeout=timeout)

    def _close_pool(self) -> None:
        with self._lock:
            pool, manager = self._pool, self._manager
            self._pool = self._manager = None
        if manager is not None:
            manager.clear()
        elif pool is not None:
            pool.close()

    def close(self) -> None:
        """Close the pooled connections; the next request opens new ones."""
        self._close_pool()
        self._watchdog.close()
