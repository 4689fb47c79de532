"""The failure an emulated API function reports to its caller."""

from __future__ import annotations


class ApiError(Exception):
    """A function-level failure, reported to the client as a ``failed`` envelope.

    ``exception`` is the .NET exception type shown at the start of the error's ``details``.
    """

    def __init__(self, message: str, exception: str = "System.Exception") -> None:
        super().__init__(message)
        self.message = message
        self.exception = exception
