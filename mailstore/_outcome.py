"""The result of a call, or an APIError when the function did not succeed.

A call's ``statusCode`` says whether the API function itself succeeded; it is not the
outcome of whatever the function reports on (a profile run's ``result``, say).
"""

from __future__ import annotations

from typing import Any, Dict

from ._status import failure_message
from .errors import APIError


def result_of(status: Dict[str, Any], function: str) -> Any:
    """``status["result"]`` of a succeeded call; APIError for any other statusCode."""
    if status.get("statusCode") == "succeeded":
        return status.get("result")
    raise APIError(
        f"{function} failed: {failure_message(status)}", function=function, status=status
    )
