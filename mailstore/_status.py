"""Following a long-running task: the polling loop as plain logic.

Nothing here does HTTP. The loop is given a ``poll(token, last_version, wait_ms,
budget)`` function that asks the server for a status newer than ``last_version`` (a
long poll) and must give up after ``budget`` seconds if that is not None, a clock and
a sleep function, so it can be tested with fakes.

Rules:

* A status whose ``statusCode`` is ``running`` is followed; any other code
  (``succeeded``, ``failed``, ``cancelled``, ...) is final.
* A poll that brings no newer ``statusVersion`` is not reported again.
* The deadline (seconds, optional) bounds the whole wait, a poll in flight
  included; when it passes, :class:`~mailstore.errors.TaskDeadlineError` carries
  the last status.
* Every :class:`~mailstore.errors.MailStoreError` leaving the loop carries the
  last status seen, so the task's token is never lost.
"""

from __future__ import annotations

import sys
import time
from typing import Any, Callable, Dict, Iterator, Optional

from .errors import MailStoreError, NoTokenError, RequestTimeout, TaskDeadlineError

Status = Dict[str, Any]
Poll = Callable[[str, int, int, Optional[float]], Status]
Clock = Callable[[], float]
Sleep = Callable[[float], None]

RUNNING = "running"

#: The keys of every status dict the API sends, in the server's order.
STATUS_KEYS = (
    "error",
    "token",
    "statusVersion",
    "statusCode",
    "percentProgress",
    "statusText",
    "result",
    "logOutput",
)


def is_running(status: Any) -> bool:
    """True if ``status`` is a status dict of a task that is still running."""
    return isinstance(status, dict) and status.get("statusCode") == RUNNING


def token_of(status: Any, action: str) -> str:
    """Return the status token of ``status``, or raise NoTokenError naming ``action``."""
    token = status.get("token") if isinstance(status, dict) else None
    if not isinstance(token, str) or not token:
        code = status.get("statusCode") if isinstance(status, dict) else None
        raise NoTokenError(
            f"{action} needs the status of a long-running task, i.e. a dict with a 'token' "
            f"(this one has statusCode {code!r} and no token). Only calls answered with "
            "statusCode 'running' have one; pass the dict that such a call returned.",
            function=action,
            status=status if isinstance(status, dict) else None,
        )
    return token


def version_of(status: Status) -> int:
    """The statusVersion of a status, or -1 if it has none."""
    version = status.get("statusVersion")
    return version if isinstance(version, int) else -1


def failure_message(status: Status) -> str:
    """Why a status is not a success: the server's error message, or else its statusCode."""
    error = status.get("error")
    message = error.get("message") if isinstance(error, dict) else None
    return str(message) if message else f"statusCode {status.get('statusCode')!r}"


def describe(status: Status) -> str:
    """A short text for messages: token and progress of a task.

    The status token is named on purpose: it is what a caller needs to follow or
    cancel the task, and it is useless without the API's credentials. (Logs still
    mask values under keys named ``token``, by the one redaction rule.)
    """
    parts = [f"token {status.get('token')}"]
    if status.get("percentProgress") is not None:
        parts.append(f"{status['percentProgress']}% done")
    if status.get("statusText"):
        parts.append(str(status["statusText"]))
    return ", ".join(parts)


def follow(
    first: Status,
    poll: Poll,
    *,
    wait_ms: int,
    deadline: Optional[float] = None,
    function: str = "task",
    clock: Clock = time.monotonic,
    sleep: Sleep = time.sleep,
) -> Iterator[Status]:
    """Yield ``first`` and then every newer status of its task, up to the final one."""
    yield first
    if not is_running(first):
        return
    token = token_of(first, function)
    status = first
    end = None if deadline is None else clock() + deadline
    quiet = 0  # polls in a row that came back early without news
    while is_running(status):
        wait, budget = wait_ms, None
        if end is not None:
            budget = end - clock()
            if budget <= 0:
                raise _past_deadline(function, deadline, status)
            wait = min(wait_ms, max(1, int(budget * 1000)))
        started = clock()
        try:
            new = poll(token, version_of(status), wait, budget)
        except RequestTimeout as exc:
            if end is not None and clock() >= end:
                raise _past_deadline(function, deadline, status) from exc
            exc.status = exc.status or status
            raise
        except MailStoreError as exc:
            if exc.status is None:
                exc.status = status
            raise
        if is_running(new) and version_of(new) <= version_of(status):
            # No news. A server that ignores the wait would make this spin: back off.
            quiet = quiet + 1 if clock() - started < wait / 10000 else 0
            if quiet:
                sleep(min(0.05 * quiet, 1.0, wait / 1000))
            continue
        quiet = 0
        if new.get("token") is None:
            new = {**new, "token": token}
        status = new
        yield status


def _past_deadline(function: str, deadline: Any, status: Status) -> TaskDeadlineError:
    token = status.get("token")
    return TaskDeadlineError(
        f"{function} is still running after the client's deadline of {deadline:g} s "
        f"({describe(status)}). It goes on on the server.",
        function=function,
        status=status,
        hint="Follow it with GetStatus(error.status) or stop it with CancelAsync(error.status).",
        cli_hint=f"Follow it with 'mailstore status {token} --wait' or stop it with "
        f"'mailstore cancel {token}'.",
    )


def wait(
    first: Status,
    poll: Poll,
    *,
    wait_ms: int,
    callback: Optional[Callable[[Status], Any]] = None,
    cancel: Optional[Callable[[Status], Any]] = None,
    deadline: Optional[float] = None,
    function: str = "task",
    clock: Clock = time.monotonic,
    sleep: Sleep = time.sleep,
) -> Status:
    """Follow a task to its final status, reporting each status to ``callback``.

    On KeyboardInterrupt the task is cancelled with ``cancel`` (best effort) and
    the interrupt is raised again. An exception from ``callback`` propagates with
    a note that names the task's token (the task keeps running on the server).
    """
    last = first
    statuses = follow(
        first, poll, wait_ms=wait_ms, deadline=deadline, function=function, clock=clock, sleep=sleep
    )
    try:
        for status in statuses:
            last = status
            if callback is not None:
                try:
                    callback(status)
                except Exception as exc:
                    if is_running(status):
                        add_note(
                            exc,
                            f"mailstore: the task is still running on the server ({describe(status)})",
                        )
                    raise
    except KeyboardInterrupt as exc:
        cancel_on_interrupt(exc, last, cancel)
        raise
    return last


def cancel_on_interrupt(
    exc: KeyboardInterrupt, last: Status, cancel: Optional[Callable[[Status], Any]]
) -> None:
    """After Ctrl-C: cancel ``last``'s task if it is running, and say so in a note on ``exc``."""
    if cancel is not None and is_running(last):
        cancel(last)
        add_note(
            exc,
            f"mailstore: interrupted; asked the server to cancel the task ({describe(last)}). "
            "Check its final status with GetStatus.",
        )


def add_note(exc: BaseException, note: str) -> None:
    """Add ``note`` to ``exc`` (``__notes__``, also before Python 3.11)."""
    if sys.version_info >= (3, 11):
        exc.add_note(note)
    else:  # the same attribute, so callers can read it on older Pythons too
        notes = getattr(exc, "__notes__", None)
        if not isinstance(notes, list):
            notes = []
        notes.append(note)
        exc.__notes__ = notes  # type: ignore[attr-defined]
