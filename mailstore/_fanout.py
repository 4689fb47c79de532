"""Running one function for every SPE instance, side by side, over one client's connections.

:meth:`SPEClient.forEachInstance <mailstore._client.SPECore.forEachInstance>` lists the
instances and hands them to :func:`run`. Each instance gets a client of its own made by
the caller (a view of the SPE client: same connections, that instance's ID), and its own
outcome: what ``fn`` returned, or what it raised. One instance's failure never stops the
others, and the outcomes keep the order of the instances.

Threads: at most ``workers`` daemon threads take the instances in order from a shared
iterator. Their requests share the client's connection pool; with more workers than
``poolSize`` the extra ones wait for a free connection in turn.

Ctrl-C: the main thread only waits. When Ctrl-C reaches it, it sets the stop event that
every view checks before each request: instances not yet started are never started, and
a worker's next request raises KeyboardInterrupt in that worker, as if Ctrl-C had been
pressed there (a task being followed is then cancelled on the server). The main thread
waits for the workers to get there, a second Ctrl-C ends that wait, and the interrupt is
raised again with a note on what was done.
"""

from __future__ import annotations

import logging
import threading
import traceback
from typing import Any, Callable, Dict, Generic, Iterator, List, Optional, TypeVar, cast

from ._status import add_note
from .errors import APIError, MailStoreError

T = TypeVar("T")
Instance = Dict[str, Any]

#: How often the waiting main thread wakes (where a lock wait cannot be interrupted).
_TICK = 0.25


class InstanceOutcome(Generic[T]):
    """What happened on one instance: its ``value``, its ``error``, or that it was ``skipped``.

    ``instance`` is the instance's dict as GetInstances listed it. ``error`` is the
    exception ``fn`` raised (its ``__traceback__`` kept; :attr:`traceback` formats it).
    """

    __slots__ = ("error", "instance", "skipped", "value")

    def __init__(self, instance: Instance, *, skipped: bool = False) -> None:
        self.instance = instance
        self.skipped = skipped
        self.value: Optional[T] = None
        self.error: Optional[BaseException] = None

    @property
    def instanceID(self) -> str:
        """The instance's ID."""
        return str(self.instance.get("instanceID"))

    @property
    def ok(self) -> bool:
        """True if ``fn`` ran on this instance and returned."""
        return not self.skipped and self.error is None

    @property
    def traceback(self) -> str:
        """The error's traceback as text ("" without an error)."""
        if self.error is None:
            return ""
        return "".join(traceback.format_exception(None, self.error, self.error.__traceback__))

    def __repr__(self) -> str:
        if self.skipped:
            what = f"skipped (status {self.instance.get('status')!r})"
        elif self.error is not None:
            what = f"error={self.error!r}"
        else:
            what = f"value={self.value!r}"
        return f"InstanceOutcome({self.instanceID!r}, {what})"


class InstanceResults(List[InstanceOutcome[T]]):
    """The outcomes of a fan-out, one per listed instance, in the order of the instances."""

    @property
    def results(self) -> Dict[str, T]:
        """instanceID -> value, for the instances where ``fn`` returned."""
        return {o.instanceID: cast(T, o.value) for o in self if o.ok}

    @property
    def errors(self) -> Dict[str, BaseException]:
        """instanceID -> exception, for the instances where ``fn`` raised."""
        return {o.instanceID: o.error for o in self if o.error is not None}

    @property
    def skipped(self) -> List[str]:
        """The IDs of the instances skipped because they were not running."""
        return [o.instanceID for o in self if o.skipped]

    @property
    def ok(self) -> bool:
        """True if ``fn`` raised on no instance."""
        return not any(o.error is not None for o in self)


def instances_of(status: Dict[str, Any]) -> List[Instance]:
    """The instance list of a GetInstances status; APIError if there is none."""
    result = status.get("result")
    if status.get("statusCode") == "succeeded" and isinstance(result, list):
        return [i for i in result if isinstance(i, dict)]
    error = status.get("error") if isinstance(status.get("error"), dict) else None
    message = (error or {}).get("message") or f"statusCode {status.get('statusCode')!r}"
    raise APIError(
        f"forEachInstance: GetInstances failed: {message}", function="GetInstances", status=status
    )


def run(
    instances: List[Instance],
    fn: Callable[[Any, Instance], T],
    client_for: Callable[[str, threading.Event], Any],
    *,
    workers: int,
    skip_not_running: bool,
    log: logging.Logger,
) -> InstanceResults[T]:
    """Run ``fn(client_for(instanceID, stop), instance)`` for each instance (see the module)."""
    outcomes: InstanceResults[T] = InstanceResults(
        InstanceOutcome(i, skipped=skip_not_running and i.get("status") != "running")
        for i in instances
    )
    todo = [o for o in outcomes if not o.skipped]
    started: List[InstanceOutcome[T]] = []
    ended: List[InstanceOutcome[T]] = []
    lock = threading.Lock()
    stop = threading.Event()

    def work(finished: threading.Event) -> None:
        try:
            while not stop.is_set():
                with lock:
                    if len(started) == len(todo):
                        return
                    outcome = todo[len(started)]
                    started.append(outcome)
                try:
                    outcome.value = fn(client_for(outcome.instanceID, stop), outcome.instance)
                except BaseException as exc:  # collected: one instance never stops the others
                    outcome.error = exc
                    _log_failure(log, outcome.instanceID, exc)
                ended.append(outcome)
        finally:
            finished.set()

    finished: List[threading.Event] = []
    try:
        for number in range(min(workers, len(todo))):
            event = threading.Event()
            name = f"mailstore-fanout-{number}"
            threading.Thread(target=work, args=(event,), name=name, daemon=True).start()
            finished.append(event)  # only once started: a thread that never ran is not awaited
        _wait(finished)
    except KeyboardInterrupt as interrupt:
        stop.set()
        _wait_for_workers(finished, log)
        add_note(interrupt, _interrupt_note(todo, started, ended))
        raise
    except BaseException:  # e.g. a thread could not be started: the others stop as well
        stop.set()
        raise
    return outcomes


def _wait(finished: List[threading.Event]) -> None:
    # Events, not Thread.join: a join that Ctrl-C interrupts can mark a running thread ended.
    for event in finished:
        while not event.wait(_TICK):
            pass


def _wait_for_workers(finished: List[threading.Event], log: logging.Logger) -> None:
    """After Ctrl-C: let the workers reach their next request (a second Ctrl-C: stop waiting)."""
    busy = sum(not event.is_set() for event in finished)
    if busy:
        log.warning(
            "interrupted: waiting for %d worker(s) to finish their request in progress "
            "(a task they follow is cancelled on the server); Ctrl-C again to stop at once",
            busy,
        )
    try:
        _wait(finished)
    except KeyboardInterrupt:
        pass


def _interrupt_note(
    todo: List[InstanceOutcome[Any]],
    started: List[InstanceOutcome[Any]],
    ended: List[InstanceOutcome[Any]],
) -> str:
    stopped = [o for o in ended if isinstance(o.error, KeyboardInterrupt)]
    busy = len(started) - len(ended)
    counts = [
        f"{len(ended) - len(stopped)} of {len(todo)} instance(s) done",
        f"{len(stopped)} stopped at their next request",
    ]
    if busy:
        counts.append(f"{busy} still in a request (not waited for after a second Ctrl-C)")
    counts.append(f"{len(todo) - len(started)} not started")
    lines = [f"mailstore: forEachInstance interrupted: {', '.join(counts)}."]
    lines += [f"{o.instanceID}: {note}" for o in stopped for note in _notes(o.error)]
    return "\n".join(lines)


def _log_failure(log: logging.Logger, instance_id: str, exc: BaseException) -> None:
    if isinstance(exc, MailStoreError) or not isinstance(exc, Exception):
        log.info("forEachInstance: %s: %s: %s", instance_id, type(exc).__name__, exc)
    else:  # most likely a bug in fn: say so, once per instance
        log.warning(
            "forEachInstance: fn raised %s on instance %s: %s (the outcome keeps the traceback)",
            type(exc).__name__,
            instance_id,
            exc,
        )


def _notes(exc: Optional[BaseException]) -> Iterator[str]:
    notes = getattr(exc, "__notes__", None)
    return iter(notes if isinstance(notes, list) else ())
