"""Holding Ctrl-C until a request's answer is in.

Python raises KeyboardInterrupt wherever the main thread happens to be. Inside
urllib3's connection pool that can leave a lock taken (the process hangs in the
pool's clean-up) or let a pool error take the interrupt's place (the request is
then retried as if the connection had broken). During the invoke of a
long-running function it would also lose the token of the task the server has
just started.

The client therefore holds the first Ctrl-C while such a request is out (a task's
invoke, each status poll, which lasts at most waitTime) and raises it as soon as
the answer is in, when the task can still be cancelled. A second Ctrl-C raises
at once. This applies in the main thread, and only while SIGINT has Python's own
handler: a program that installed its own handler keeps it.
"""

from __future__ import annotations

import signal
import threading
from types import FrameType, TracebackType
from typing import Any, Optional, Type


class HeldInterrupt:
    """Context manager: hold the first Ctrl-C until the block ends.

    ``pressed`` tells afterwards whether one came. If the block ends with an
    error while an interrupt is held, KeyboardInterrupt is raised in its place
    (the error is its context), so the interrupt is never dropped. With
    ``active`` false it does nothing.
    """

    def __init__(self, active: bool = True) -> None:
        self.active = active
        self.presses = 0
        self._previous: Any = None

    @property
    def pressed(self) -> bool:
        """Whether Ctrl-C was pressed inside the block."""
        return self.presses > 0

    def _handler(self, signum: int, frame: Optional[FrameType]) -> None:
        self.presses += 1
        if self.presses > 1:  # asked twice: stop now
            raise KeyboardInterrupt

    def __enter__(self) -> HeldInterrupt:
        if (
            self.active
            and threading.current_thread() is threading.main_thread()
            and signal.getsignal(signal.SIGINT) is signal.default_int_handler
        ):
            self._previous = signal.signal(signal.SIGINT, self._handler)
        return self

    def __exit__(
        self,
        kind: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)
            self._previous = None
        if self.presses == 1 and isinstance(exc, Exception):
            raise KeyboardInterrupt
