"""Reading the API's results for the check: calls, shapes checked, dates, sizes, versions.

A result the check cannot read raises ProtocolError, which makes the service UNKNOWN.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Dict, List, Optional, Tuple

from .._outcome import result_of
from ..dates import parse_date
from ..errors import ProtocolError
from ._model import State

Item = Dict[str, Any]

#: How the outcome of a profile run or a job run is judged.
RUN_STATES = {
    "succeeded": State.OK,
    "completedWithErrors": State.WARNING,
    "completedWithWarnings": State.WARNING,
    "cancelled": State.WARNING,
    "failed": State.CRITICAL,
    "disconnected": State.CRITICAL,
    "threadAbort": State.CRITICAL,
}
#: Outcomes the option completed_with_errors_ok makes OK.
COMPLETED = ("completedWithErrors", "completedWithWarnings")


def run_state(result: str, completed_ok: bool) -> State:
    """The state of a run's outcome; an outcome not known here is UNKNOWN."""
    if completed_ok and result in COMPLETED:
        return State.OK
    return RUN_STATES.get(result, State.UNKNOWN)


def call(client: Any, function: str, **arguments: Any) -> Any:
    """The result of calling ``function``; APIError if the call did not succeed."""
    return result_of(getattr(client, function)(**arguments), function)


def record(client: Any, function: str, **arguments: Any) -> Item:
    """The result of a function that answers one object."""
    result = call(client, function, **arguments)
    if not isinstance(result, dict):
        raise ProtocolError(f"{function}: the result is not an object", function=function)
    return result


def records(client: Any, function: str, **arguments: Any) -> List[Item]:
    """The result of a function that answers a list of objects, each with a whole ``id``.

    The id is ``jobResultId`` for GetJobResults.
    """
    result = call(client, function, **arguments)
    key = "jobResultId" if function == "GetJobResults" else "id"
    if not isinstance(result, list) or not all(
        isinstance(item, dict) and _whole(item.get(key)) for item in result
    ):
        raise ProtocolError(
            f"{function}: the result is not a list of objects with an {key}", function=function
        )
    return result


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def count(item: Item, key: str) -> Optional[int]:
    """A whole number the item holds under ``key``, or None."""
    value = item.get(key)
    return value if _whole(value) else None


def moment(item: Item, key: str) -> Optional[_dt.datetime]:
    """The UTC date the item holds under ``key`` (requested in UTC), or None."""
    value = item.get(key)
    if not isinstance(value, str):
        return None
    try:
        return parse_date(value)
    except ValueError:
        return None


def when(moment: _dt.datetime) -> str:
    """A moment as people read it in a status line: ``2026-11-30 06:00 UTC``."""
    return moment.astimezone(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def hours(value: float) -> str:
    """A window's length: ``24 h``, or whole days from two days on (``8 days``)."""
    if value >= 48 and value % 24 == 0:
        return f"{value / 24:g} days"
    return f"{value:g} h"


def plural(number: int, word: str) -> str:
    return f"{number} {word}" if number == 1 else f"{number} {word}s"


def size(value: int) -> str:
    """Bytes as ``265.2 MB`` (powers of 1000)."""
    if value < 1000:
        return f"{value} B"
    amount = value / 1000
    for unit in ("kB", "MB", "GB"):
        if amount < 1000:
            return f"{amount:.1f} {unit}"
        amount /= 1000
    return f"{amount:.1f} TB"


def version_key(text: str) -> Optional[Tuple[int, ...]]:
    """``"25.3.1.23021"`` as (25, 3, 1, 23021), for comparing versions; None if not one."""
    parts = text.strip().split(".")
    if not all(part.isascii() and part.isdigit() for part in parts):
        return None
    key = [int(part) for part in parts]
    while len(key) > 1 and key[-1] == 0:
        key.pop()  # 25.3 == 25.3.0
    return tuple(key)
