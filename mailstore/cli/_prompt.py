"""Asking for a secret on the terminal, without echo."""

from __future__ import annotations

import getpass
import sys

from ._exit import UsageError


def ask_secret(prompt: str, what: str, otherwise: str) -> str:
    """Ask for ``what`` with ``prompt``; an empty answer is refused.

    Without a terminal, a UsageError says how to give it instead (``otherwise``).
    """
    if not sys.stdin.isatty():
        raise UsageError(f"no {what}: {otherwise} (or run on a terminal to be asked for it)")
    try:
        value = getpass.getpass(prompt)
    except EOFError:
        raise UsageError(f"no {what} given") from None
    if not value:
        raise UsageError(f"the {what} typed is empty: nothing was sent")
    return value
