"""The exceptions raised by the mailstore client.

Every exception derives from :class:`MailStoreError`, and each message says what
went wrong and what to do about it. The tree::

    MailStoreError (alias MailStoreBaseError)
    +-- ArgumentError            a bad argument or option (also TypeError, ValueError)
    +-- NoTokenError             GetStatus/CancelAsync on a status without a token
    |                            (alias MailStoreNoTokenError; also a ValueError)
    +-- TransportError           the request did not get an HTTP answer
    |   +-- ConnectError         no connection: refused, network down, proxy refused;
    |   |   |                    nothing was sent
    |   |   +-- HostNotFoundError the host name could not be resolved
    |   +-- TLSError             certificate not trusted or not the pinned one
    |   +-- RequestTimeout       no answer within the client's timeout
    |   +-- ConnectionLostError  connection dropped after the request was sent
    +-- HTTPStatusError          the server answered with an HTTP error status
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
        super().__init__(self.message)
        self.function = function
        self.status_code = status_code
        self.body = excerpt(body)
        self.status = status

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


class TransportError(MailStoreError):
    """The request did not get an HTTP answer from the server."""


class ConnectError(TransportError):
    """No connection could be made (refused, unknown host, network unreachable)."""


class HostNotFoundError(ConnectError):
    """The server's host name could not be resolved."""


class TLSError(TransportError):
    """The TLS handshake failed, usually because the certificate is not trusted."""


class RequestTimeout(TransportError):
    """The server did not answer within the client's timeout."""


class ConnectionLostError(TransportError):
    """The connection broke after the request was sent; the server may have acted on it."""


class HTTPStatusError(MailStoreError):
    """The server answered with an HTTP error status."""


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
