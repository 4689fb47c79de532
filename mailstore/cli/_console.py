"""Messages on stderr: errors, warnings, notes and the library's log records."""

from __future__ import annotations

import logging
import sys
from contextlib import contextmanager
from typing import Iterator

from ._progress import Progress


def error(message: str) -> None:
    Progress.clear_line(sys.stderr)
    print(f"mailstore: error: {message}", file=sys.stderr, flush=True)


def warn(message: str) -> None:
    print(f"mailstore: warning: {message}", file=sys.stderr, flush=True)


def note(message: str) -> None:
    print(f"mailstore: {message}", file=sys.stderr, flush=True)


@contextmanager
def log_to_stderr(debug: bool) -> Iterator[None]:
    """Send the library's log records to stderr (warnings; everything with ``debug``)."""
    logger = logging.getLogger("mailstore")
    level = logger.level
    handler = _StderrHandler()
    logger.setLevel(logging.DEBUG if debug else logging.WARNING)
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to the current sys.stderr, first clearing a progress bar on a terminal."""

    def format(self, record: logging.LogRecord) -> str:
        text = f"mailstore: {record.levelname.lower()}: {record.getMessage()}"
        if record.exc_info:
            text += "\n" + logging.Formatter().formatException(record.exc_info)
        return text

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        Progress.clear_line(sys.stderr)
        super().emit(record)
