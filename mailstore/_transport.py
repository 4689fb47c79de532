"""The transport seam: how a client's requests reach the server.

A transport sends one HTTPS POST to ``/api/<path>`` and returns the HTTP status and
body; it knows nothing of the API. Two implementations exist, chosen once when a
client is built:

* :class:`mailstore._pool.PoolTransport` (the default): urllib3 connection pools,
  a proxy from the environment, TLS pinning, a whole-reply time limit;
* :class:`mailstore._session.SessionTransport`: through a caller's ``requests.Session``.

Tests and special set-ups can pass any object with the methods of :class:`Transport`
as ``transport=`` to a client. This module also turns the exceptions of urllib3,
requests and the socket layer into :mod:`mailstore.errors`.
"""

from __future__ import annotations

import socket
import ssl
from typing import TYPE_CHECKING, Any, List, Mapping, NamedTuple, Optional, Protocol

from ._tls import Trust, explain_failure, plain

if TYPE_CHECKING:  # pragma: no cover
    import logging

    import requests
from .errors import (
    ArgumentError,
    ConnectError,
    ConnectionLostError,
    HostNotFoundError,
    MailStoreError,
    RefusedError,
    RequestTimeout,
    TLSError,
)

#: Default of ``maxReplyBytes``: replies larger than this are refused.
MAX_REPLY_BYTES = 256 * 1024 * 1024


class Reply(NamedTuple):
    """An HTTP answer: status code, body (bytes or bytearray) and Content-Type."""

    status: int
    body: Any
    content_type: str = ""


class Transport(Protocol):
    """What a client needs from a transport.

    ``send`` posts ``body`` to ``/api/<path>`` with ``headers`` and returns the
    :class:`Reply`. ``timeout`` bounds the whole exchange once the request starts
    going out. ``replayable`` is False for requests that must reach the server at
    most once (a function's invoke): such a body is never sent a second time, whatever
    retry settings lie below. Failures are raised as :mod:`mailstore.errors`
    (``ConnectError`` when nothing was sent). ``close`` releases connections; the
    transport must still work afterwards.
    """

    def send(
        self,
        path: str,
        body: bytes,
        headers: Mapping[str, str],
        *,
        timeout: float,
        replayable: bool,
    ) -> Reply: ...

    def close(self) -> None: ...


class Target(NamedTuple):
    """Where and how a transport connects: used in messages and for TLS probes."""

    host: str
    port: int
    trust: Trust
    connect_timeout: float
    proxied: bool = False

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        netloc = f"[{self.host}]" if ":" in self.host else self.host
        return f"https://{netloc}:{self.port}/api/"


def chain(exc: BaseException) -> List[BaseException]:
    """The exception and the reasons behind it (``reason``, first argument, cause), outermost first."""
    found = [exc]
    for _ in range(8):
        seen = found[-1]
        inner = getattr(seen, "reason", None)
        if not isinstance(inner, BaseException):
            first = seen.args[0] if seen.args else None
            inner = first if isinstance(first, BaseException) else seen.__cause__
        if inner is None or inner in found:
            break
        found.append(inner)
    return found


#: The kinds of network failure, as the transports classify them.
KINDS = ("tls", "dns", "proxy", "connect-timeout", "connect", "read-timeout", "lost")


def stdlib_kind(reasons: List[BaseException], sent: bool) -> Optional[str]:
    """The kind of failure the standard library's exceptions in ``reasons`` show, if any."""
    if any(isinstance(e, ssl.SSLError) for e in reasons):
        return "tls"
    if any(isinstance(e, socket.gaierror) for e in reasons):
        return "dns"
    if any(isinstance(e, (socket.timeout, TimeoutError)) for e in reasons):
        return "read-timeout" if sent else "connect-timeout"
    return None


def failure(
    kind: str,
    exc: BaseException,
    *,
    function: str,
    target: Target,
    timeout: float,
) -> MailStoreError:
    """Turn a network failure of ``kind`` (one of :data:`KINDS`) into a mailstore error."""
    reason = chain(exc)[-1]
    where = target.where
    if kind == "tls":
        probe = None if target.proxied else min(target.connect_timeout, 3.0)
        advice = explain_failure(
            reason,
            function=function,
            host=target.host,
            port=target.port,
            trust=target.trust,
            probe_timeout=probe,
        )
        return TLSError(
            advice.problem, function=function, hint=advice.hint, cli_hint=advice.cli_hint
        )
    if kind == "dns":
        return HostNotFoundError(
            f"{function}: the host name {target.host!r} could not be resolved.",
            function=function,
            hint="Check the spelling or use the server's IP address.",
        )
    if kind == "proxy":
        return ConnectError(
            f"{function}: the proxy did not open a connection to {where} ({plain(reason)}).",
            function=function,
            hint="Check the proxy settings (HTTPS_PROXY, ALL_PROXY, NO_PROXY) or the proxy's "
            "logs; add the server to NO_PROXY to connect directly.",
        )
    if kind == "connect-timeout":
        return ConnectError(
            f"{function}: could not connect to {where} within {target.connect_timeout:g} s.",
            function=function,
            hint="Check that the server is up, that the API is enabled in MailStore's "
            "Service Configuration, and that no firewall drops the port.",
        )
    if kind == "connect":
        refused = any(isinstance(e, ConnectionRefusedError) for e in chain(exc))
        return (RefusedError if refused else ConnectError)(
            f"{function}: cannot connect to {where} ({plain(reason)}).",
            function=function,
            hint="Check that MailStore Server is running, that the Administration API is "
            "enabled in its Service Configuration, and the host and port (Server: 8463, "
            "SPE: 8474).",
        )
    if kind == "read-timeout":
        return timed_out(function, where, timeout)
    return ConnectionLostError(
        f"{function}: the connection to {where} broke before an answer arrived "
        f"({plain(reason)}). The server may have received the request;",
        function=function,
        hint="check the result before calling again.",
    )


def function_of(path: str) -> str:
    """The name to use in messages for a request to ``/api/<path>``."""
    return path[len("invoke/") :] if path.startswith("invoke/") else path


def read_body(raw: Any, limit: Optional[int], *, function: str, where: str) -> Any:
    """Read the body of urllib3 response ``raw``, refusing more than ``limit`` bytes.

    A body of announced length and no content coding is read in one go; any other
    (chunked, compressed) in pieces, counting the decoded bytes. Returns bytes or a
    bytearray: one copy of the body either way.
    """
    length = raw.length_remaining
    coded = raw.headers.get("Content-Encoding", "identity").strip().lower() != "identity"
    if length is not None and not coded:
        if limit is not None and length > limit:
            raise too_large(function, where, limit)
        return raw.read(decode_content=True)
    body = bytearray()
    while True:
        piece = raw.read(_PIECE, decode_content=True)
        if not piece:
            return body
        body += piece
        if limit is not None and len(body) > limit:
            raise too_large(function, where, limit)


_PIECE = 64 * 1024


def timed_out(function: str, where: str, timeout: float) -> RequestTimeout:
    """The error for a reply that did not arrive in full within ``timeout`` seconds."""
    return RequestTimeout(
        f"{function}: {where} did not send its whole answer within {timeout:g} s. The request "
        "may still be running on the server.",
        function=function,
        hint="Raise readTimeout if the function is slow.",
        cli_hint="Raise --timeout if the function is slow.",
    )


def too_large(function: str, where: str, limit: int) -> MailStoreError:
    """The error for a reply over ``maxReplyBytes``."""
    from .errors import ReplyTooLargeError

    return ReplyTooLargeError(
        f"{function}: the answer of {where} is larger than maxReplyBytes ({limit:,} bytes); "
        "it was not read.",
        function=function,
        hint="If the answer is expected to be that large, raise maxReplyBytes (None: no limit).",
        cli_hint="If the answer is expected to be that large, raise --max-reply-bytes.",
    )


def interrupt_behind(exc: BaseException) -> Optional[BaseException]:
    """The KeyboardInterrupt or SystemExit that ``exc`` was raised while handling, if any."""
    seen = exc.__context__
    for _ in range(8):
        if seen is None:
            return None
        if not isinstance(seen, Exception):
            return seen
        seen = seen.__context__
    return None


def open_transport(
    target: Target,
    session: Optional[requests.Session],
    pool_size: int,
    max_reply_bytes: Optional[int],
    logger: logging.Logger,
) -> Transport:
    """The client's transport, chosen once: over the caller's session, or its own pool."""
    if session is not None:
        if target.trust.pin:
            raise ArgumentError(
                "a fingerprint cannot be pinned through a caller's requests.Session: its "
                "adapters decide how TLS is checked.",
                hint="Leave out session= (the client's own transport pins the certificate, "
                "through proxies too), or trust the server's certificate with caBundle= instead.",
            )
        if getattr(session, "auth", None) is not None:
            raise ArgumentError(
                "the requests.Session has its own auth, which would replace the client's "
                "credentials.",
                hint="Remove session.auth; the client sends username and password itself.",
            )
        from ._session import SessionTransport

        return SessionTransport(session, target, max_reply_bytes=max_reply_bytes)
    from ._pool import PoolTransport
    from ._proxy import proxy_for

    try:
        proxy = proxy_for(target.host, target.port)
    except ValueError:
        raise ArgumentError(
            "the proxy in HTTPS_PROXY/ALL_PROXY is not a valid URL.",
            hint="Fix the variable, or add the server to NO_PROXY.",
        ) from None
    if proxy is not None and not proxy.url.startswith(("http://", "https://")):
        raise ArgumentError(
            f"the environment's proxy {proxy.shown} is not an HTTP or HTTPS proxy.",
            hint="Use an http:// or https:// proxy, add the server to NO_PROXY, or pass a "
            "requests.Session set up for it (session=).",
        )
    return PoolTransport(
        target, pool_size=pool_size, max_reply_bytes=max_reply_bytes, proxy=proxy, logger=logger
    )
