"""The progress of a long-running task, shown on stderr while the command follows it."""

from __future__ import annotations

import math
from typing import Any, List, Optional, Sequence, TextIO

from ._output import Status, isatty, terminal_width

BAR_WIDTH = 30


def percent(value: Any) -> Optional[float]:
    """``percentProgress`` as a number from 0 to 100, or None when it is not a finite number."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        number = float(value)
    except OverflowError:  # an int too large for a float
        return None
    return min(max(number, 0.0), 100.0) if math.isfinite(number) else None


def merge_log(status: Status, log: Sequence[str]) -> Status:
    """Return ``status`` with ``logOutput`` holding every log line seen of its task."""
    if not log:
        return status
    return {**status, "logOutput": "".join(log)}


class Progress:
    """The callback that shows a task's progress on stderr.

    On a terminal: a bar (percentProgress, statusText) redrawn in place, with the
    task's log lines printed above it. Otherwise: the log lines, and a line each
    time the task passes another tenth or changes its status text.
    """

    #: Whether a bar is on the screen (errors and log records clear it first).
    visible = False

    def __init__(self, function: str, stream: TextIO) -> None:
        self.function = function
        self.stream = stream
        self.tty = isatty(stream)
        self.log: List[str] = []
        self.seen = False
        self._last: Optional[tuple[Any, Any]] = None

    def __call__(self, status: Status) -> None:
        self.seen = True
        text = status.get("logOutput")
        if isinstance(text, str) and text:
            self.log.append(text)
            self.clear_line(self.stream)
            for line in text.splitlines():
                print(line, file=self.stream)
        if status.get("statusCode") == "running":
            self._show(percent(status.get("percentProgress")), status.get("statusText"))
        else:
            self.done()
        self.stream.flush()

    def _show(self, pct: Optional[float], text: Any) -> None:
        label = " ".join(str(text or "").split())
        if self.tty:
            width = terminal_width(self.stream)
            filled = int(BAR_WIDTH * (pct or 0) / 100)
            bar = "#" * filled + "." * (BAR_WIDTH - filled)
            shown = f"{pct:3.0f}%" if pct is not None else " ...  "
            line = f"{self.function} [{bar}] {shown} {label}"
            self.stream.write("\r" + line[: width - 1].ljust(width - 1))
            Progress.visible = True
            return
        key = ((pct or 0) // 10, label)
        if key != self._last:
            self._last = key
            shown = f"{pct:.0f}%" if pct is not None else "running"
            print(f"{self.function}: {shown} {label}".rstrip(), file=self.stream)

    def done(self) -> None:
        """Remove the bar (the task has ended, or the command stops following it)."""
        self.clear_line(self.stream)

    def echo_log(self, status: Status) -> None:
        """Print the log of a status no progress was shown for (a task that ended at once)."""
        text = status.get("logOutput")
        if not self.seen and isinstance(text, str) and text:
            for line in text.splitlines():
                print(line, file=self.stream)
            self.stream.flush()

    @staticmethod
    def clear_line(stream: TextIO) -> None:
        """Remove the bar, if one is shown: blank the terminal's current line."""
        if Progress.visible:
            Progress.visible = False
            stream.write("\r" + " " * (terminal_width(stream) - 1) + "\r")
            stream.flush()
