"""The transport over a caller's ``requests.Session``.

The session's adapters, proxies, headers and certificate settings apply; the client
adds its credentials per request. Three promises hold whatever the session holds:

* an invoke reaches the server at most once: its body can be read through once and
  not rewound, so an adapter that would retry it (``max_retries``, a
  ``status_forcelist``) fails instead of sending it again;
* no redirect is followed;
* the whole exchange is bounded in time (it runs in a helper thread the caller
  stops waiting for: connecting within the connect timeout, the answer within the
  read timeout from the moment the request goes out) and the reply in size.

Fingerprint pinning is not offered here: the session's adapters decide how TLS is
checked, so the client refuses a pin together with a session (see ``_settings``).
"""

from __future__ import annotations

import threading
from typing import Any, List, Mapping, Optional

import requests
import urllib3

from ._pool import urllib3_kind
from ._transport import Reply, Target, chain, failure, function_of, read_body, timed_out
from .errors import ConnectionLostError, MailStoreError

# Extra seconds to wait for the helper thread beyond the request's own limits.
_SLACK = 0.25


class Body:
    """A request body that tells when it starts going out; unless replayable, sent once.

    A body that is not replayable can be read through once and never rewound, so
    whatever would send it again (an adapter's retry, a redirect) fails instead.
    """

    def __init__(self, data: bytes, replayable: bool, news: threading.Event) -> None:
        self._data = data
        self._replayable = replayable
        self._position = 0
        self._finished = False
        self._news = news
        self.started = threading.Event()

    def __len__(self) -> int:
        return len(self._data)

    def __bool__(self) -> bool:  # an empty body is still a body (Content-Length: 0)
        return True

    def read(self, size: Optional[int] = -1) -> bytes:
        if self._finished:
            raise OSError("this request may be sent only once")
        if not self.started.is_set():
            self.started.set()
            self._news.set()
        end = len(self._data) if size is None or size < 0 else self._position + size
        piece = self._data[self._position : end]
        self._position += len(piece)
        if not piece and not self._replayable:
            self._finished = True
        return piece

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = 0) -> int:
        if not self._replayable:
            raise OSError("this request may be sent only once")
        self._position = offset if whence == 0 else len(self._data) + offset
        return self._position


class _Outcome:
    """What the helper thread hands back; ``news`` is set when it starts sending or ends."""

    def __init__(self) -> None:
        self.news = threading.Event()
        self.done = threading.Event()
        self.reply: Optional[Reply] = None
        self.error: Optional[BaseException] = None


def requests_kind(reasons: List[BaseException], sent: bool) -> str:
    """Classify a failure from requests' (and urllib3's) exceptions."""
    exceptions = requests.exceptions
    if any(isinstance(e, exceptions.SSLError) for e in reasons):
        return "tls"
    if any(isinstance(e, exceptions.ProxyError) for e in reasons):
        return "proxy"
    if any(isinstance(e, exceptions.ConnectTimeout) for e in reasons):
        return "connect-timeout"
    if any(isinstance(e, exceptions.ReadTimeout) for e in reasons):
        return "read-timeout"
    return urllib3_kind(reasons, sent)


class SessionTransport:
    """Sends requests through a caller's requests.Session (see the module's notes)."""

    def __init__(
        self, session: requests.Session, target: Target, *, max_reply_bytes: Optional[int]
    ) -> None:
        self.target = target
        self._session = session
        self._max_reply_bytes = max_reply_bytes
        self._verify = target.trust.session_verify()

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
        outcome = _Outcome()
        data = Body(body, replayable, outcome.news)
        worker = threading.Thread(
            target=self._exchange,
            args=(path, data, headers, timeout, outcome),
            name="mailstore-request",
            daemon=True,
        )
        worker.start()
        function = function_of(path)
        # Bounds: connecting within connectTimeout, then the whole answer within timeout.
        if not outcome.news.wait(self.target.connect_timeout + _SLACK):
            raise failure(
                "connect-timeout",
                TimeoutError(),
                function=function,
                target=self.target,
                timeout=timeout,
            )
        if not outcome.done.wait(timeout + _SLACK):
            raise timed_out(function, self.target.where, timeout)
        if outcome.error is not None:
            raise self._error(outcome.error, path, data, timeout) from outcome.error
        assert outcome.reply is not None
        return outcome.reply

    def _exchange(
        self, path: str, data: Body, headers: Mapping[str, str], timeout: float, outcome: _Outcome
    ) -> None:
        try:
            options: dict[str, Any] = {}
            if self._verify is not None:
                options["verify"] = self._verify
            response = self._session.post(
                self.target.base_url + path,
                data=data,
                headers=dict(headers),
                timeout=(self.target.connect_timeout, timeout),
                allow_redirects=False,
                stream=True,
                **options,
            )
            with response:
                content = read_body(
                    response.raw,
                    self._max_reply_bytes,
                    function=function_of(path),
                    where=self.target.where,
                )
            ctype = response.headers.get("Content-Type", "")
            outcome.reply = Reply(response.status_code, content, ctype)
        except BaseException as exc:  # handed to the waiting thread
            outcome.error = exc
        finally:
            outcome.done.set()
            outcome.news.set()

    def _error(self, exc: BaseException, path: str, data: Body, timeout: float) -> BaseException:
        if isinstance(exc, MailStoreError) or not isinstance(exc, Exception):
            return exc
        function = function_of(path)
        if _unrewindable(exc):
            if not data.started.is_set():
                return failure("connect", exc, function=function, target=self.target, timeout=0)
            return ConnectionLostError(
                f"{function}: the session's adapter tried to send the request a second time, "
                "which the client never does for a function call. The first attempt reached "
                f"{self.target.where}; the server may have run it:",
                function=function,
                hint="check the result before calling again, and mount an adapter without "
                f"retries for {self.target.base_url} to see the server's own answer.",
            )
        sent = data.started.is_set()
        kind = requests_kind(chain(exc), sent)
        return failure(kind, exc, function=function, target=self.target, timeout=timeout)

    def close(self) -> None:
        """Nothing to release: the session and its connections belong to the caller."""


def _unrewindable(exc: BaseException) -> bool:
    """True if a retry or redirect below failed because the body cannot be sent again."""
    kinds = (requests.exceptions.UnrewindableBodyError, urllib3.exceptions.UnrewindableBodyError)
    return any(isinstance(e, kinds) or "sent only once" in str(e) for e in chain(exc))
