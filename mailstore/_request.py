"""One API request: encode, send through the transport, retry where safe, decode.

:class:`Endpoint` stands for the ``/api/`` of one server. ``post`` turns form fields
into a request with the client's credentials, hands it to the transport, maps HTTP
error statuses to :mod:`mailstore.errors` and decodes the JSON answer.

Retries (one policy, ``retries`` attempts more at most, exponential backoff with
jitter): a request that could not connect is retried whatever it is, since nothing
was sent; get-status and get-metadata, which change nothing, are also retried after
a lost connection, a timeout, an HTTP 5xx or an unreadable answer. A function's
invoke that may have reached the server is never sent again.
"""

from __future__ import annotations

import base64
import logging
import random
import time
from typing import Any, Callable, Dict, Optional

from ._encoding import Fields, form_body, parse_json, reply_text
from ._log import redact, redact_fields, short
from ._record import Recorder
from ._transport import Transport
from ._version import __version__
from .errors import (
    ArgumentError,
    AuthenticationError,
    ConnectError,
    HostNotFoundError,
    HTTPStatusError,
    LengthRequiredError,
    MailStoreError,
    NotFoundError,
    PermissionDeniedError,
    ProtocolError,
    ReplyTooLargeError,
    ServerError,
    TLSError,
    TokenNotFoundError,
    TransportError,
)

USER_AGENT = f"mailstore-python/{__version__}"
TOKEN_PATHS = ("get-status", "cancel-async")
BACKOFF_FIRST = 0.1
BACKOFF_MAX = 2.0


def backoff(attempt: int, rng: Callable[[], float] = random.random) -> float:
    """Seconds to wait before retry number ``attempt`` (1, 2, ...): doubling, with jitter."""
    ceiling = min(BACKOFF_FIRST * 2.0 ** (attempt - 1), BACKOFF_MAX)
    return ceiling * (0.5 + rng() / 2)


def retryable(exc: MailStoreError, idempotent: bool) -> bool:
    """Whether a failed request may be sent again (see the module's notes)."""
    if isinstance(exc, HostNotFoundError):
        return False  # a retry will not make the name resolvable
    if isinstance(exc, ConnectError):
        return True
    if not idempotent or isinstance(exc, (TLSError, ReplyTooLargeError)):
        return False
    return isinstance(exc, (TransportError, ServerError, ProtocolError))


class Endpoint:
    """The API of one server, reached through a transport."""

    def __init__(
        self,
        transport: Transport,
        *,
        base_url: str,
        where: str,
        username: str,
        password: str,
        read_timeout: float,
        retries: int,
        logger: logging.Logger,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.transport = transport
        self.base_url = base_url
        self.where = where
        self.username = username
        self.read_timeout = read_timeout
        self.retries = retries
        #: Where exchanges are recorded (see mailstore._record), if anywhere.
        self.recorder: Optional[Recorder] = None
        self._log = logger
        self._sleep = sleep
        self._clock = clock
        credentials = base64.b64encode(f"{username}:{password}".encode()).decode("ascii")
        self._headers: Dict[str, str] = {
            "Authorization": "Basic " + credentials,
            "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
            "User-Agent": USER_AGENT,
        }

    def post(
        self,
        path: str,
        fields: Fields,
        *,
        function: str,
        idempotent: bool = False,
        timeout: Optional[float] = None,
        end: Optional[float] = None,
    ) -> Any:
        """POST ``fields`` to ``/api/<path>`` and return the decoded JSON answer.

        ``timeout`` bounds each attempt (default: the read timeout); ``end`` (a
        ``time.monotonic()`` value) bounds all attempts together.
        """
        if self.recorder is None:
            return self._post(path, fields, function, idempotent, timeout, end)
        started = time.monotonic()
        try:
            answer = self._post(path, fields, function, idempotent, timeout, end)
        except MailStoreError as exc:
            self.recorder.exchange(path, fields, started, error=exc)
            raise
        self.recorder.exchange(path, fields, started, answer=answer)
        return answer

    def _post(
        self,
        path: str,
        fields: Fields,
        function: str,
        idempotent: bool,
        timeout: Optional[float],
        end: Optional[float],
    ) -> Any:
        body = _encoded(fields, function)
        if self._log.isEnabledFor(logging.DEBUG):
            self._log.debug("POST %s%s %s", self.base_url, path, redact_fields(fields))
        limit = self.read_timeout if timeout is None else timeout
        attempt = 0
        while True:
            started = self._clock()
            attempt_limit = limit if end is None else max(min(limit, end - started), 0.001)
            try:
                return self._exchange(path, body, function, attempt_limit, idempotent, started)
            except MailStoreError as exc:
                if attempt >= self.retries or not retryable(exc, idempotent):
                    raise
                attempt += 1
                delay = backoff(attempt)
                if end is not None and self._clock() + delay >= end:
                    raise
                self._log.info(
                    "%s: %s; retry %d/%d in %.2f s", function, exc, attempt, self.retries, delay
                )
                self._sleep(delay)

    def _exchange(
        self,
        path: str,
        body: bytes,
        function: str,
        timeout: float,
        idempotent: bool,
        started: float,
    ) -> Any:
        reply = self.transport.send(
            path, body, self._headers, timeout=timeout, replayable=idempotent
        )
        if self._log.isEnabledFor(logging.DEBUG):
            elapsed = (self._clock() - started) * 1000
            self._log.debug(
                "%s: HTTP %d, %d bytes in %.1f ms", function, reply.status, len(reply.body), elapsed
            )
        if reply.status != 200:
            raise self._status_error(reply.status, reply.body, path, function)
        text = reply_text(reply.body, function=function, status_code=200)
        del reply  # the body's bytes go before the JSON objects come
        data = parse_json(text, function=function, status_code=200)
        if self._log.isEnabledFor(logging.DEBUG):
            self._log.debug("%s: reply %s", function, short(redact(data)))
        return data

    def close(self) -> None:
        """Release the transport's connections (and note unfinished recorded tasks)."""
        if self.recorder is not None:
            self.recorder.close()
        self.transport.close()

    def _status_error(self, code: int, content: Any, path: str, function: str) -> HTTPStatusError:
        text = bytes(content[:4096]).decode("utf-8", "replace").lstrip("\ufeff")
        detail = _server_message(text)
        says = f" Server says: {detail}" if detail else ""
        kw: Dict[str, Any] = {"function": function, "status_code": code, "body": text}
        if code == 401:
            return AuthenticationError(
                f"{function}: {self.where} rejected the credentials of user {self.username!r} "
                "(HTTP 401)." + says,
                hint="Check user name and password. The user must be a MailStore administrator "
                "with the 'api' login privilege; admin/admin works only from the MailStore "
                "server itself (127.0.0.1) - to connect from elsewhere, change the admin "
                "password first. With MFA, use the user's API/app password.",
                **kw,
            )
        if code == 403:
            return PermissionDeniedError(
                f"{function}: user {self.username!r} may not use the API (HTTP 403)." + says,
                hint="Give the user administrator rights and the 'api' login privilege.",
                **kw,
            )
        if code == 404 and path in TOKEN_PATHS:
            return TokenNotFoundError(
                f"{function}: the server does not know this status token (HTTP 404): it is "
                "wrong, or it expired because the task ended a while ago or the server "
                "restarted." + says,
                hint="Check the task's outcome on the server (e.g. GetWorkerResults or the job "
                "results).",
                **kw,
            )
        if code == 404:
            return NotFoundError(
                f"{function}: the server has no such function (HTTP 404)." + says,
                hint="Check the spelling; GetMetadata() lists what this server offers, and newer "
                "functions need a newer MailStore version.",
                cli_hint="Check the spelling; 'mailstore functions --server' lists what this "
                "server offers, and newer functions need a newer MailStore version.",
                **kw,
            )
        if code == 411:
            return LengthRequiredError(
                f"{function}: the server wants a Content-Length header (HTTP 411)." + says,
                hint="A proxy in between may have removed it.",
                **kw,
            )
        if code >= 500:
            return ServerError(
                f"{function}: the server failed with HTTP {code}." + says,
                hint="If it persists, check the MailStore service and its logs.",
                **kw,
            )
        return HTTPStatusError(f"{function}: unexpected HTTP {code}." + says, **kw)


def _encoded(fields: Fields, function: str) -> bytes:
    try:
        return form_body(fields)
    except UnicodeEncodeError as exc:
        bad = next((k for k, v in fields if not _utf8_ok(k) or not _utf8_ok(v)), "?")
        raise ArgumentError(
            f"{function}: argument {bad!r} holds text that cannot be sent as UTF-8 "
            f"({exc.reason}: {exc.object[exc.start : exc.end]!r}).",
            function=function,
            hint="Lone surrogates usually come from bytes decoded with "
            "errors='surrogateescape': decode them properly.",
        ) from None


def _utf8_ok(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _server_message(text: str) -> Optional[str]:
    """The error message inside a JSON error body, or a short excerpt of any other body."""
    import json

    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None if text.lstrip().startswith("<") or not text.strip() else text[:200]
    if isinstance(data, dict) and isinstance(data.get("error"), dict):
        message = data["error"].get("message")
        return str(message)[:500] if message else None
    return None
