"""Dates for the API: what its date arguments take, and the dates in its results.

The API reads a date argument as ``YYYY-MM-DDThh:mm:ss`` (no fraction, no zone) in the
time zone its time zone argument names (``timeZoneID`` in GetWorkerResults,
``timeZoneId`` elsewhere; ``"$Local"``, the server's own zone, by default). Every date
argument of the generated methods takes, besides such a string:

* a naive ``datetime``: sent as it reads, microseconds dropped, in the call's time zone
  (by default the server's local time);
* a ``date``: midnight at the start of that day, in the call's time zone;
* an aware ``datetime``: converted to UTC and sent with the time zone argument ``"UTC"``
  (a zone every MailStore server lists in GetTimeZones), so the caller never needs to
  know the server's zone. The time zone argument must then be left at its default or be
  ``"UTC"``, and every date argument of the call must be aware. The times in the result
  are then UTC as well: ``parse_date(text)`` reads them.

Results name their times in the zone the request asked for (fields ending in ``Utc``,
such as a job's ``lastStartDateTimeUtc``, are always UTC); `parse_date` turns them
into aware datetimes. `worker_results` lists the runs of a long time range in
chunks, splitting a chunk again when the server fails with "Nullable object must have a
value.", as it does for long ranges.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import TYPE_CHECKING, Any, Collection, Dict, List, Mapping, Optional, Union

from ._outcome import result_of
from .errors import APIError, ArgumentError

if TYPE_CHECKING:  # pragma: no cover
    from ._client import BaseClient

__all__ = ["UTC_ZONE", "DateArg", "api_date", "parse_date", "with_dates", "worker_results"]

#: What a date argument takes: a ``YYYY-MM-DDThh:mm:ss`` string, a datetime or a date.
DateArg = Union[str, _dt.date]

#: The time zone id sent with aware datetimes.
UTC_ZONE = "UTC"
#: The time zone arguments' default: the server's own zone.
LOCAL_ZONE = "$Local"
#: The server's message when a GetWorkerResults range is too long for it.
NULLABLE = "Nullable object must have a value."

_RESULT_DATE = re.compile(
    r"(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?)?"
    r"(Z|[+-]\d{2}:?\d{2})?"
)


def _aware(value: object) -> bool:
    return isinstance(value, _dt.datetime) and value.utcoffset() is not None


def api_date(name: str, value: _dt.date) -> str:
    """The text of a naive datetime or a date for argument ``name``.

    An aware datetime raises ArgumentError here: only a call with a time zone argument
    can send one (see the module's docs).
    """
    if _aware(value):
        raise ArgumentError(
            f"argument {name!r} is an aware datetime, and the call has no time zone "
            "argument to go with it",
            hint="Give a naive datetime in the server's time zone, or a string.",
        )
    if isinstance(value, _dt.datetime):
        return value.replace(microsecond=0).isoformat()
    return value.isoformat() + "T00:00:00"


def with_dates(
    arguments: Mapping[str, Any], dates: Collection[str], zone: Optional[str]
) -> Dict[str, Any]:
    """The arguments of a call, its aware datetimes moved to UTC and its zone set to UTC.

    ``dates`` names the call's date arguments and ``zone`` its time zone argument (None:
    it has none). Calls without an aware datetime are returned unchanged (as a new dict).
    """
    sent = dict(arguments)
    aware = [name for name in dates if _aware(sent.get(name))]
    if not aware:
        return sent
    mixed = [name for name in dates if sent.get(name) is not None and name not in aware]
    if mixed:
        raise ArgumentError(
            f"{', '.join(aware)} {'is' if len(aware) == 1 else 'are'} aware and "
            f"{', '.join(mixed)} not: give every date of the call with a time zone, or none",
        )
    if zone is None:
        return sent  # api_date says why an aware datetime cannot go
    if sent.get(zone) not in (None, LOCAL_ZONE, UTC_ZONE):
        raise ArgumentError(
            f"aware datetimes are sent in UTC with {zone}='UTC', not {sent[zone]!r}",
            hint=f"Leave {zone} out, or give naive datetimes in that zone.",
        )
    for name in aware:
        sent[name] = sent[name].astimezone(_dt.timezone.utc).replace(tzinfo=None)
    sent[zone] = UTC_ZONE
    return sent


def parse_date(text: str, zone: _dt.tzinfo = _dt.timezone.utc) -> _dt.datetime:
    """An aware datetime from a date in a result, read in ``zone`` unless it names its own.

    Takes ``YYYY-MM-DD``, ``YYYY-MM-DDThh:mm[:ss]``, any fraction of a second (.NET sends up
    to seven digits) and a trailing ``Z`` or ``+hh:mm``. ``zone`` is the zone the request
    asked for (UTC by default, as for calls made with aware datetimes). Raises ValueError
    for anything else.
    """
    match = _RESULT_DATE.fullmatch(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f"not a date the API sends: {text!r}")
    day, clock, fraction, offset = match.groups()
    moment = _dt.datetime.fromisoformat(f"{day}T{clock or '00:00'}")
    if fraction:
        moment += _dt.timedelta(microseconds=int(fraction[:6].ljust(6, "0")))
    if offset is None:
        return moment.replace(tzinfo=zone)
    if offset == "Z":
        return moment.replace(tzinfo=_dt.timezone.utc)
    sign = -1 if offset[0] == "-" else 1
    digits = offset[1:].replace(":", "")
    delta = _dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return moment.replace(tzinfo=_dt.timezone(sign * delta))


def worker_results(
    client: BaseClient,
    start: _dt.datetime,
    end: _dt.datetime,
    *,
    chunk: _dt.timedelta = _dt.timedelta(days=7),
    smallest: _dt.timedelta = _dt.timedelta(minutes=1),
    **filters: Any,
) -> List[Dict[str, Any]]:
    """Every profile run from ``start`` (inclusive) to ``end`` (exclusive), oldest range first.

    Asks GetWorkerResults for ``chunk`` at a time; a range the server refuses with
    "Nullable object must have a value." is split in halves, down to ``smallest``.
    ``filters`` are GetWorkerResults' other arguments (profileID, userName, timeZoneID).
    Any other failure, or one that persists at ``smallest``, raises APIError.
    """
    if chunk <= _dt.timedelta(0) or smallest <= _dt.timedelta(0):
        raise ArgumentError("chunk and smallest must be positive lengths of time")
    runs: List[Dict[str, Any]] = []
    begin = start
    while begin < end:
        stop = min(begin + chunk, end)
        runs.extend(_runs_between(client, begin, stop, smallest, filters))
        begin = stop
    return runs


def _runs_between(
    client: BaseClient,
    start: _dt.datetime,
    end: _dt.datetime,
    smallest: _dt.timedelta,
    filters: Mapping[str, Any],
) -> List[Dict[str, Any]]:
    try:
        status = client.GetWorkerResults(start, end, **filters)  # type: ignore[attr-defined]
        result = result_of(status, "GetWorkerResults")
    except APIError as exc:
        middle = (start + (end - start) / 2).replace(microsecond=0)
        if exc.error_message != NULLABLE or end - start <= smallest or middle <= start:
            raise
        return _runs_between(client, start, middle, smallest, filters) + _runs_between(
            client, middle, end, smallest, filters
        )
    return list(result or [])
