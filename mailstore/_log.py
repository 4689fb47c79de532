"""Per-client logging and the redaction of secrets.

Each client gets its own logger object, a child of the ``mailstore`` logger that
is not registered with the logging module, so two clients with different log
levels never interfere and nothing is left behind when a client goes away.

``logLevel`` 0..4 (NONE, ERROR, WARNING, INFO, DEBUG) prints to stderr, as
MailStore's wrappers (2018 to 2024) did through ``logging``: a script's stdout stays
its own output. ``logLevel=None`` hands records to the ``mailstore`` logger and so
to the application's own logging configuration.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from typing import Any, Optional

from .errors import ArgumentError

LOGGER_NAME = "mailstore"
REDACTED = "***"

_LEVELS = {
    0: logging.CRITICAL + 10,  # NONE: nothing passes
    1: logging.ERROR,
    2: logging.WARNING,
    3: logging.INFO,
    4: logging.DEBUG,
}

# Argument and JSON key names whose values are never logged (anywhere in the name).
_SECRET_NAME = re.compile(r"pass|pwd|secret|token|pin|key|credential|auth|cookie", re.IGNORECASE)
# How deep redaction looks into nested JSON; anything deeper is not shown at all.
MAX_DEPTH = 20
TOO_DEEP = "<nested too deep to show>"

logging.getLogger(LOGGER_NAME).addHandler(logging.NullHandler())


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """A stream handler that looks up sys.stderr at each record (so redirection works)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        super().emit(record)


class _ClientLogger(logging.Logger):
    """A logger outside the logging module's registry that always asks its parents.

    A registered logger's answer to isEnabledFor is cached and the cache cleared when
    any level changes; this one is not registered, so it must not cache, or a level
    the application sets later would be missed.
    """

    def isEnabledFor(self, level: int) -> bool:
        if self.disabled or self.manager.disable >= level:
            return False
        return level >= self.getEffectiveLevel()


def client_logger(log_level: Optional[int]) -> logging.Logger:
    """Create the logger of one client for a ``logLevel`` of 0..4 or None."""
    logger = _ClientLogger(f"{LOGGER_NAME}.client")
    logger.parent = logging.getLogger(LOGGER_NAME)
    if log_level is None:
        return logger  # level NOTSET: the application's configuration decides
    if isinstance(log_level, bool) or log_level not in _LEVELS:
        raise ArgumentError(
            f"logLevel must be 0..4 (NONE, ERROR, WARNING, INFO, DEBUG) or None, not {log_level!r}"
        )
    logger.setLevel(_LEVELS[log_level])
    logger.propagate = False
    handler = _StderrHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logger.addHandler(handler)
    return logger


def is_secret(name: str) -> bool:
    """True for argument or key names that hold a secret."""
    return bool(_SECRET_NAME.search(name))


def redact(value: Any, depth: int = 0) -> Any:
    """Return a copy of a JSON-like value with the values of secret keys masked."""
    if depth >= MAX_DEPTH and isinstance(value, (dict, list)):
        return TOO_DEEP
    if isinstance(value, dict):
        return {
            k: (REDACTED if is_secret(str(k)) and v not in (None, "") else redact(v, depth + 1))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [redact(item, depth + 1) for item in value]
    return value


def redact_fields(fields: list[tuple[str, str]]) -> dict[str, Any]:
    """Form fields as a dict for logging, with secret values (also inside JSON) masked."""
    shown: dict[str, Any] = {}
    for name, text in fields:
        if is_secret(name):
            shown[name] = REDACTED
        elif text[:1] in "{[":
            try:
                shown[name] = redact(json.loads(text))
            except (ValueError, RecursionError):
                shown[name] = REDACTED  # unreadable JSON might still hold a secret
        else:
            shown[name] = text
    return shown


def short(value: Any, limit: int = 2000) -> str:
    """``repr`` of a value for a log line, cut after ``limit`` characters."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + f"... ({len(text)} chars)"
