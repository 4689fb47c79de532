"""The result of a call, or an APIError when the function did not succeed.

A call's ``statusCode`` says whether the API function itself succeeded; it is not the
outcome of whatever the function reports on (a profile run's ``result``, say).
"""

from __future__ import annotations

from typing import Any, Dict

from .errors import APIError


def result_of(status: Dict[str, Any], function: str) -> Any:
    """``status["result"]`` of a succeeded call; APIError for any other statusCode."""
    code = status.get("statusCode")
    if code == "succeeded":
        return status.get("result")
    error = status.get("error")
    message = error.get("message") if isinstance(error, dict) else None
    raise APIError(
        f"{function} failed: {message or f'statusCode {code!r}'}", function=function, status=status
    )
