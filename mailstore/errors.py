"""The exceptions raised by the mailstore client.

Every exception derives from :class:`MailStoreError`, and each message says what
went wrong and what to do about it. The tree::

    MailStoreError (alias MailStoreBaseError)
    +-- ArgumentError            a bad argument or option (also TypeError, ValueError)
    +-- NoTokenError             GetStatus/CancelAsync on a status without a token
    |                            (alias MailStoreNoTokenError; also a ValueError)
    +-- TransportError           the request did not get an HTTP answer (a URLError)
    |   +-- ConnectError         no connection: refused, network down, proxy refused;
    |   |   |                    nothing was sent
    |   |   +-- RefusedError     nothing listens on the port (a ConnectionRefusedError)
    |   |   +-- HostNotFoundError the host name could not be resolved
    |   +-- TLSError             certificate not trusted or not the pinned one
    |   +-- RequestTimeout       no answer within the client's timeout (a socket.timeout)
    |   +-- ConnectionLostError  connection dropped after the request was sent
    +-- HTTPStatusError          the server answered with an HTTP error status (an HTTPError)
    |   +-- AuthenticationError  401: wrong user name or password
    |   +-- PermissionDeniedError 403: the user may not use the API
    |   +-- NotFoundError        404: unknown path or function
    |   |   +-- TokenNotFoundError 404 on get-status/cancel-async: unknown or expired token
    |   +-- LengthRequiredError  411
    |   +-- ServerError          5xx
    +-- ProtocolError            the answer is not the JSON the API sends
    |   +-- ReplyTooLargeError   the answer is larger than maxReplyBytes
    +-- APIError                 the function failed (only with raiseOnFailure=True)
    +-- TaskDeadlineError        a long-running task outlived the client's deadline

Every exception has the attributes ``message`` (the whole text: ``problem``, what
went wrong, followed by ``hint``, what to do about it, in Python terms;
``cli_hint`` is the same advice for the ``mailstore`` command where it differs),
``function`` (API function or endpoint, or None), ``status_code`` (HTTP status or None), ``body`` (start of the response
body or None), ``status`` (the last status dict seen, or None) and ``token``
(the task's status token where one is known). The original exception, if any,
is chained as ``__cause__``.
"""

from __future__ import annotations

import http
import io
import socket
import urllib.error
from typing import Any, Dict, Optional

__all__ = [
    "APIError",
    "ArgumentError",
    "AuthenticationError",
    "ConnectError",
    "ConnectionLostError",
    "HTTPStatusError",
    "HostNotFoundError",
    "LengthRequiredError",
    "MailStoreBaseError",
    "MailStoreError",
    "MailStoreNoTokenError",
    "NoTokenError",
    "NotFoundError",
    "PermissionDeniedError",
    "ProtocolError",
    "RefusedError",
    "ReplyTooLargeError",
    "RequestTimeout",
    "ServerError",
    "TLSError",
    "TaskDeadlineError",
    "TokenNotFoundError",
    "TransportError",
]

BODY_EXCERPT = 300


def excerpt(body: Optional[str], limit: int = BODY_EXCERPT) -> Optional[str]:
    """Shorten a response body for messages: one line, at most ``limit`` characters."""
    if body is None:
        return None
    text = " ".join(body.replace("\ufeff", "").split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


class MailStoreError(Exception):
    """Base class of every exception this package raises."""

    def __init__(
        self,
        message: Optional[str] = None,
        *,
        function: Optional[str] = None,
        status_code: Optional[int] = None,
        body: Optional[str] = None,
        status: Optional[Dict[str, Any]] = None,
        hint: Optional[str] = None,
        cli_hint: Optional[str] = None,
    ) -> None:
        self.problem = message or ""
        self.hint = hint
        self.cli_hint = cli_hint
        self.message = f"{self.problem} {hint}" if hint else self.problem
        # Only BaseException's own set-up: the urllib bases of some subclasses take other
        # arguments and are set up by those subclasses.
        Exception.__init__(self, self.message)
        self.function = function
        self.status_code = status_code
        self.body = excerpt(body)
        self.status = status

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r})"

    @property
    def status(self) -> Optional[Dict[str, Any]]:
        """The last status dict of the task concerned, if any."""
        return self._status

    @status.setter
    def status(self, value: Optional[Dict[str, Any]]) -> None:
        self._status = value

    @property
    def token(self) -> Optional[str]:
        """The status token of the task concerned, if known."""
        if self.status is None:
            return None
        token = self.status.get("token")
        return token if isinstance(token, str) else None


class ArgumentError(MailStoreError, TypeError, ValueError):
    """An argument or option is unusable: wrong type, bad value, or missing."""


class NoTokenError(MailStoreError, ValueError):
    """GetStatus or CancelAsync was given a status that carries no token."""


class TransportError(MailStoreError, urllib.error.URLError):
    """The request did not get an HTTP answer from the server.

    Also a ``urllib.error.URLError`` (and so an ``OSError``), as MailStore's wrappers
    raised: ``reason`` is the underlying error (e.g. a ``ConnectionRefusedError``).
    """

    @property
    def reason(self) -> Any:
        """The innermost cause of the failure, or the message if there is none."""
        cause: Any = self.__cause__
        for _ in range(8):
            inner = getattr(cause, "reason", None)
            if not isinstance(inner, BaseException):
                inner = cause.__cause__ if isinstance(cause, BaseException) else None
            if inner is None:
                break
            cause = inner
        return cause if cause is not None else self.message

    @reason.setter
    def reason(self, value: Any) -> None:  # urllib's URLError sets it; it is derived here
        pass


class ConnectError(TransportError):
    """No connection could be made (refused, unknown host, network unreachable)."""


class RefusedError(ConnectError, ConnectionRefusedError):
    """Nothing accepts connections on the server's port; also a ConnectionRefusedError."""


class HostNotFoundError(ConnectError):
    """The server's host name could not be resolved."""


class TLSError(TransportError):
    """The TLS handshake failed, usually because the certificate is not trusted."""


class RequestTimeout(TransportError, socket.timeout):
    """The server did not answer within the client's timeout; also a ``socket.timeout``."""


class ConnectionLostError(TransportError):
    """The connection broke after the request was sent; the server may have acted on it."""


class HTTPStatusError(MailStoreError, urllib.error.HTTPError):  # type: ignore[misc]
    """The server answered with an HTTP error status.

    Also a ``urllib.error.HTTPError``, as MailStore's wrappers raised: ``code`` is the
    HTTP status, ``read()`` gives the start of the body.
    """

    def __init__(self, message: Optional[str] = None, **kw: Any) -> None:
        MailStoreError.__init__(self, message, **kw)
        code = self.status_code or 0
        try:
            phrase = http.HTTPStatus(code).phrase
        except ValueError:
            phrase = ""
        body = io.BytesIO((self.body or "").encode("utf-8"))
        headers: Any = None  # the reply's headers are not kept
        urllib.error.HTTPError.__init__(self, self.function or "", code, phrase, headers, body)

    def __str__(self) -> str:
        return self.message


class AuthenticationError(HTTPStatusError):
    """401: the server rejected the user name or password."""


class PermissionDeniedError(HTTPStatusError):
    """403: the user is known but may not use the API."""


class NotFoundError(HTTPStatusError):
    """404: the server does not know the path or function."""


class TokenNotFoundError(NotFoundError):
    """404 on get-status or cancel-async: the token is unknown or has expired."""


class LengthRequiredError(HTTPStatusError):
    """411: the request lacked a Content-Length header."""


class ServerError(HTTPStatusError):
    """5xx: the server (or a proxy in front of it) failed."""


class ProtocolError(MailStoreError):
    """The answer is not the JSON the API sends (HTML page, truncated body, ...)."""


class ReplyTooLargeError(ProtocolError):
    """The answer was larger than the client's ``maxReplyBytes``; it was not read."""


class APIError(MailStoreError):
    """The API function failed; raised only when raiseOnFailure=True.

    ``error_message`` and ``details`` hold the server's ``error`` object and
    ``status`` the whole status dict.
    """

    @property
    def error_message(self) -> Optional[str]:
        """The server's error message, if any."""
        error = (self.status or {}).get("error")
        return error.get("message") if isinstance(error, dict) else None

    @property
    def details(self) -> Optional[str]:
        """The server's error details, if any."""
        error = (self.status or {}).get("error")
        return error.get("details") if isinstance(error, dict) else None


class TaskDeadlineError(MailStoreError):
    """A long-running task was still running when the client's deadline passed.

    The task goes on on the server: ``status`` holds its last status and ``token``
    its token, so it can be polled again (GetStatus) or cancelled (CancelAsync).
    """


# Names of MailStore's 2014 example wrapper, kept so that old scripts still work.
MailStoreBaseError = MailStoreError
MailStoreNoTokenError = NoTokenError
