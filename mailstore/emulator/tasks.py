"""Long-running API calls: tasks with tokens, status versions, long polls and cancellation.

A task runs a *plan* – a generator that yields :class:`Update` objects – on its own worker
thread, one step per ``step_interval`` seconds.  Each update raises the task's status version
by one and may add log lines, a percentage and a status text.  The generator's return value
is the result (or a :class:`Done` carrying the result and last log lines); raising
:class:`~mailstore.emulator.errors.ApiError` ends the task as ``failed``.

Readers wait on the task's condition variable, so a long poll returns as soon as a newer
version exists – including the final one and the one produced by a cancellation.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Generator, List, Optional, Sequence, Tuple

from .errors import ApiError
from .logs import log_exception

JsonDict = Dict[str, Any]

#: A step-by-step plan of a long-running function.
Plan = Generator["Update", None, Any]

CANCELLED_MESSAGE = "The operation has been cancelled."

_KEEP = object()


@dataclass
class Update:
    """One status change of a running task."""

    lines: Sequence[str] = ()
    percent: Optional[int] = None
    text: Any = _KEEP  # statusText; leave unchanged unless given (None clears it)


@dataclass
class Done:
    """A plan's final value: the function result plus log lines for the final status."""

    result: Any = None
    lines: Sequence[str] = ()


@dataclass
class Task:
    """The status of one long-running call."""

    token: str
    function: str
    version: int = 1
    status_code: str = "running"
    percent: Optional[int] = 0
    status_text: Optional[str] = None
    result: Any = None
    error: Optional[JsonDict] = None
    lines: List[Tuple[int, str]] = field(default_factory=list)
    finished_at: Optional[float] = None
    cancel_requested: bool = False
    cond: threading.Condition = field(default_factory=threading.Condition, repr=False)
    wake: threading.Event = field(default_factory=threading.Event, repr=False)

    @property
    def finished(self) -> bool:
        return self.status_code != "running"

    def log_since(self, last_version: int) -> str:
        """The log lines added after ``last_version``, each ending with CRLF."""
        return "".join(line + "\r\n" for version, line in self.lines if version > last_version)

    def envelope(self, last_version: int) -> JsonDict:
        """The status as the API reports it to a client that knows ``last_version``."""
        return {
            "error": self.error,
            "token": self.token,
            "statusVersion": self.version,
            "statusCode": self.status_code,
            "percentProgress": self.percent,
            "statusText": self.status_text,
            "result": self.result,
            "logOutput": self.log_since(last_version),
        }


ErrorFactory = Callable[[str, str, str], JsonDict]


class TaskManager:
    """Creates, runs, finds, cancels and forgets tasks.

    Finished tasks are kept for ``keep_seconds`` (and at most ``keep_count`` of them), then an
    access by token answers 404.
    """

    def __init__(
        self,
        *,
        step_interval: float = 0.02,
        make_error: ErrorFactory,
        state_lock: Optional[threading.RLock] = None,
        keep_seconds: float = 600.0,
        keep_count: int = 1000,
    ) -> None:
        self.step_interval = step_interval
        self._make_error = make_error
        self._state_lock = state_lock if state_lock is not None else threading.RLock()
        self._keep_seconds = keep_seconds
        self._keep_count = keep_count
        self._tasks: OrderedDict[str, Task] = OrderedDict()
        self._lock = threading.Lock()
        self._closed = False
        self._last_purge = 0.0

    # -- creating and running

    def start(self, function: str, plan: Plan) -> Task:
        """Register a task for ``plan`` and start its worker thread."""
        task = Task(token=secrets.token_hex(16), function=function)
        with self._lock:
            self._purge()
            self._tasks[task.token] = task
        worker = threading.Thread(
            target=self._run, args=(task, plan), name=f"mailstore-emulator-task-{function}"
        )
        worker.daemon = True
        worker.start()
        return task

    def _run(self, task: Task, plan: Plan) -> None:
        first = True
        while True:
            if not first:
                task.wake.wait(self.step_interval)
            first = False
            if task.cancel_requested:
                with self._state_lock:
                    plan.close()
                self._finish_cancelled(task)
                return
            try:
                with self._state_lock:
                    update = next(plan)
            except StopIteration as stop:
                self._finish_succeeded(task, stop.value)
                return
            except ApiError as exc:
                self._finish_failed(task, exc.message, exc.exception)
                return
            except Exception as exc:  # a bug in a plan: report it like an unhandled .NET error
                log_exception()
                self._finish_failed(task, str(exc) or type(exc).__name__, "System.Exception")
                return
            self._apply(task, update)

    def _apply(self, task: Task, update: Update) -> None:
        with task.cond:
            task.version += 1
            for line in update.lines:
                task.lines.append((task.version, line))
            if update.percent is not None:
                task.percent = max(0, min(100, int(update.percent)))
            if update.text is not _KEEP:
                task.status_text = update.text
            task.cond.notify_all()

    def _finish(self, task: Task, code: str, lines: Sequence[str] = ()) -> None:
        """Publish the final status (caller has set result/error) and wake all waiters."""
        task.version += 1
        for line in lines:
            task.lines.append((task.version, line))
        task.status_code = code
        task.status_text = None
        task.finished_at = time.monotonic()
        task.cond.notify_all()

    def _finish_succeeded(self, task: Task, value: Any) -> None:
        done = value if isinstance(value, Done) else Done(result=value)
        with task.cond:
            task.result = done.result
            task.percent = 100
            self._finish(task, "succeeded", done.lines)

    def _finish_failed(self, task: Task, message: str, exception: str) -> None:
        with task.cond:
            task.error = self._make_error(message, exception, task.function)
            self._finish(task, "failed")

    def _finish_cancelled(self, task: Task) -> None:
        with task.cond:
            task.error = self._make_error(
                CANCELLED_MESSAGE, "System.OperationCanceledException", task.function
            )
            self._finish(task, "cancelled")

    # -- reading

    def get(self, token: str) -> Optional[Task]:
        with self._lock:
            self._purge()
            return self._tasks.get(token)

    def wait_finished(self, task: Task, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds for ``task`` to finish; return whether it did."""
        with task.cond:
            return task.cond.wait_for(lambda: task.finished or self._closed, timeout)

    def poll(self, task: Task, last_version: int, timeout: float) -> JsonDict:
        """Long poll: the status as soon as its version exceeds ``last_version``.

        Without a newer version, wait up to ``timeout`` seconds and answer the current status.
        """
        with task.cond:
            if task.version <= last_version and timeout > 0:
                task.cond.wait_for(lambda: task.version > last_version or self._closed, timeout)
            return task.envelope(last_version)

    # -- cancelling and forgetting

    def cancel(self, task: Task) -> None:
        """Ask the task to stop; its worker finishes it as ``cancelled`` at once."""
        with task.cond:
            if task.finished:
                return
            task.cancel_requested = True
            task.wake.set()

    def forget(self, task: Task) -> None:
        with self._lock:
            self._tasks.pop(task.token, None)

    def expire_all(self) -> None:
        """Forget every task (their tokens answer 404 from now on); running ones are cancelled."""
        with self._lock:
            tasks = list(self._tasks.values())
            self._tasks.clear()
        for task in tasks:
            self.cancel(task)

    def running(self) -> List[Task]:
        with self._lock:
            return [t for t in self._tasks.values() if not t.finished]

    def close(self) -> None:
        """Cancel all tasks and release every waiting long poll."""
        self._closed = True
        with self._lock:
            tasks = list(self._tasks.values())
        for task in tasks:
            self.cancel(task)
            with task.cond:
                task.cond.notify_all()

    def reopen(self) -> None:
        self._closed = False

    def _purge(self) -> None:
        """Drop finished tasks that are too old or too many (caller holds ``_lock``)."""
        now = time.monotonic()
        throttle = min(1.0, self._keep_seconds / 2)
        if now - self._last_purge < throttle and len(self._tasks) <= self._keep_count:
            return
        self._last_purge = now
        finished = [t for t in self._tasks.values() if t.finished_at is not None]
        excess = len(finished) - self._keep_count
        for task in finished:
            assert task.finished_at is not None
            if excess > 0 or now - task.finished_at > self._keep_seconds:
                del self._tasks[task.token]
                excess -= 1
