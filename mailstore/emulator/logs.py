"""The emulator's lines on stderr, with control characters escaped.

Request paths and other client-sent text reach these lines; escaping CR, LF and the other
control characters keeps one request to one line, so no client can forge log lines.
"""

from __future__ import annotations

import re
import sys
import traceback

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """``text`` with every control character written as ``\\xNN`` (or ``\\uNNNN``)."""
    return _CONTROL.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def log_line(text: str) -> None:
    """Write ``text`` as one line to stderr."""
    print(printable(text), file=sys.stderr, flush=True)


def log_exception() -> None:
    """Write the traceback of the exception being handled, each of its lines escaped."""
    for line in traceback.format_exc().splitlines():
        log_line(line)
