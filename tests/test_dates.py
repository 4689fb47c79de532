"""Dates: what the date arguments send, how result dates are read, long ranges in chunks."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from mailstore.dates import parse_date, worker_results
from mailstore.errors import APIError, ArgumentError

UTC = dt.timezone.utc
PLUS_2 = dt.timezone(dt.timedelta(hours=2))
NULLABLE = "Nullable object must have a value."


def sent(emu: Any, function: str) -> Any:
    return emu.stats.calls(function)[-1]


@pytest.mark.parametrize(
    "start, end, fields",
    [
        (  # naive: as written, microseconds dropped, the server's zone
            dt.datetime(2026, 5, 1, 6, 30, 15, 999999),
            dt.datetime(2026, 5, 2),
            ("2026-05-01T06:30:15", "2026-05-02T00:00:00", "$Local"),
        ),
        (  # dates: their midnight
            dt.date(2026, 5, 1),
            dt.date(2026, 5, 3),
            ("2026-05-01T00:00:00", "2026-05-03T00:00:00", "$Local"),
        ),
        (  # aware: in UTC, with the zone UTC
            dt.datetime(2026, 5, 1, 2, 0, 0, 500, tzinfo=PLUS_2),
            dt.datetime(2026, 5, 2, 0, 0, tzinfo=UTC),
            ("2026-05-01T00:00:00", "2026-05-02T00:00:00", "UTC"),
        ),
        (  # strings: as they are
            "2026-05-01T00:00",
            "2026-05-02",
            ("2026-05-01T00:00", "2026-05-02", "$Local"),
        ),
    ],
)
def test_what_the_date_arguments_send(
    client: Any, emu: Any, start: Any, end: Any, fields: Any
) -> None:
    status = client.GetWorkerResults(start, end)
    assert status["statusCode"] == "succeeded"
    names = ("fromIncluding", "toExcluding", "timeZoneID")
    assert sent(emu, "GetWorkerResults") == dict(zip(names, fields))


def test_aware_dates_find_what_naive_local_dates_find(client: Any) -> None:
    """The emulated server's zone is UTC+1: the same hours asked both ways give the same runs."""
    local = client.GetWorkerResults(dt.datetime(2026, 4, 1, 1), dt.datetime(2026, 5, 1, 1))
    aware = client.GetWorkerResults(
        dt.datetime(2026, 4, 1, tzinfo=UTC), dt.datetime(2026, 5, 1, tzinfo=UTC)
    )
    assert [r["id"] for r in aware["result"]] == [r["id"] for r in local["result"]]
    assert aware["result"], "the range holds runs"
    first_local, first_utc = local["result"][0]["startTime"], aware["result"][0]["startTime"]
    assert parse_date(first_utc) == parse_date(first_local, dt.timezone(dt.timedelta(hours=1)))


def test_aware_dates_in_the_other_date_functions(fresh_emu: Any, new_client: Any) -> None:
    emu, client = fresh_emu, new_client(fresh_emu)
    start = dt.datetime(2026, 5, 1, tzinfo=UTC)
    client.GetJobResults(start, start + dt.timedelta(days=1))
    assert sent(emu, "GetJobResults")["timeZoneId"] == "UTC"
    status = client.CreateJob(
        "Once",
        "RefreshAllStoreStatistics",
        "admin",
        "$Local",
        date=dt.datetime(2030, 1, 1, 3, tzinfo=PLUS_2),
    )
    assert status["statusCode"] == "succeeded"
    fields = sent(emu, "CreateJob")
    assert (fields["date"], fields["timeZoneId"]) == ("2030-01-01T01:00:00", "UTC")
    assert status["result"]["nextStartDateTimeUtc"] == "2030-01-01T01:00:00"


def test_call_by_name_sends_what_the_method_sends(client: Any, emu: Any) -> None:
    start = dt.datetime(2026, 5, 1, 2, tzinfo=PLUS_2)
    client.call("GetWorkerResults", {"fromIncluding": start, "toExcluding": start})
    assert sent(emu, "GetWorkerResults") == {
        "fromIncluding": "2026-05-01T00:00:00",
        "toExcluding": "2026-05-01T00:00:00",
        "timeZoneID": "UTC",
    }


@pytest.mark.parametrize(
    "arguments, message",
    [
        (
            {"fromIncluding": dt.datetime(2026, 5, 1, tzinfo=UTC), "toExcluding": "2026-05-02"},
            "fromIncluding is aware and toExcluding not",
        ),
        (
            {
                "fromIncluding": dt.datetime(2026, 5, 1, tzinfo=UTC),
                "toExcluding": dt.datetime(2026, 5, 2, tzinfo=UTC),
                "timeZoneID": "W. Europe Standard Time",
            },
            "aware datetimes are sent in UTC with timeZoneID='UTC', not 'W. Europe Standard Time'",
        ),
    ],
)
def test_aware_dates_that_cannot_be_sent(
    client: Any, emu: Any, arguments: Any, message: str
) -> None:
    emu.stats.reset()
    with pytest.raises(ArgumentError, match=message):
        client.GetWorkerResults(**arguments)
    assert emu.stats.calls("GetWorkerResults") == []


def test_an_aware_date_without_a_time_zone_argument(client: Any) -> None:
    with pytest.raises(ArgumentError, match="aware datetime, and the call has no time zone"):
        client.call("SomeFutureFunction", {"since": dt.datetime(2026, 5, 1, tzinfo=UTC)})


@pytest.mark.parametrize(
    "text, zone, expected",
    [
        ("2026-05-02T01:30:04", UTC, dt.datetime(2026, 5, 2, 1, 30, 4, tzinfo=UTC)),
        ("2026-05-02T01:30:04", PLUS_2, dt.datetime(2026, 5, 1, 23, 30, 4, tzinfo=UTC)),
        ("2026-05-02T01:30", UTC, dt.datetime(2026, 5, 2, 1, 30, tzinfo=UTC)),
        ("2026-05-02", UTC, dt.datetime(2026, 5, 2, tzinfo=UTC)),
        ("2027-03-15T10:58:01Z", PLUS_2, dt.datetime(2027, 3, 15, 10, 58, 1, tzinfo=UTC)),
        ("2026-05-02T01:30:04.1234567", UTC, dt.datetime(2026, 5, 2, 1, 30, 4, 123456, tzinfo=UTC)),
        ("2026-05-02T07:00:04+05:30", UTC, dt.datetime(2026, 5, 2, 1, 30, 4, tzinfo=UTC)),
        ("2026-05-02T01:30:04-0100", UTC, dt.datetime(2026, 5, 2, 2, 30, 4, tzinfo=UTC)),
    ],
)
def test_parse_date(text: str, zone: dt.tzinfo, expected: dt.datetime) -> None:
    parsed = parse_date(text, zone)
    assert parsed == expected and parsed.utcoffset() is not None


@pytest.mark.parametrize("text", ["", "yesterday", "2026-13-01", "02.05.2026", "2026-05-02T25:00"])
def test_parse_date_refuses_what_the_api_does_not_send(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)


def test_worker_results_in_chunks_equal_one_call(client: Any, emu: Any) -> None:
    start, end = dt.datetime(2026, 1, 1, tzinfo=UTC), dt.datetime(2026, 6, 1, tzinfo=UTC)
    whole = client.GetWorkerResults(start, end)["result"]
    emu.stats.reset()
    chunked = worker_results(client, start, end, chunk=dt.timedelta(days=30))
    assert chunked == whole and len(whole) > 100
    assert len(emu.stats.calls("GetWorkerResults")) == 6  # 151 days in 30-day chunks


def test_worker_results_split_a_range_the_server_refuses(fresh_emu: Any, new_client: Any) -> None:
    client = new_client(fresh_emu)
    start, end = dt.datetime(2026, 4, 1, tzinfo=UTC), dt.datetime(2026, 5, 1, tzinfo=UTC)
    whole = client.GetWorkerResults(start, end)["result"]
    fresh_emu.faults.api_error(NULLABLE, "GetWorkerResults", count=2)
    fresh_emu.stats.reset()
    assert worker_results(client, start, end, chunk=dt.timedelta(days=30)) == whole
    asked = [
        (c["fromIncluding"], c["toExcluding"]) for c in fresh_emu.stats.calls("GetWorkerResults")
    ]
    assert asked == [
        ("2026-04-01T00:00:00", "2026-05-01T00:00:00"),  # refused
        ("2026-04-01T00:00:00", "2026-04-16T00:00:00"),  # refused
        ("2026-04-01T00:00:00", "2026-04-08T12:00:00"),
        ("2026-04-08T12:00:00", "2026-04-16T00:00:00"),
        ("2026-04-16T00:00:00", "2026-05-01T00:00:00"),
    ]


def test_worker_results_give_up_at_the_smallest_range(fresh_emu: Any, new_client: Any) -> None:
    client = new_client(fresh_emu, raiseOnFailure=True)
    fresh_emu.faults.api_error(NULLABLE, "GetWorkerResults", count=None)
    start = dt.datetime(2026, 4, 1, tzinfo=UTC)
    with pytest.raises(APIError, match="Nullable object") as caught:
        worker_results(client, start, start + dt.timedelta(hours=4), smallest=dt.timedelta(hours=1))
    assert caught.value.error_message == NULLABLE
    assert len(fresh_emu.stats.calls("GetWorkerResults")) == 3  # 4 h, 2 h, 1 h


def test_worker_results_raise_other_failures_at_once(fresh_emu: Any, new_client: Any) -> None:
    client = new_client(fresh_emu)
    fresh_emu.faults.api_error("Access denied.", "GetWorkerResults")
    with pytest.raises(APIError, match="GetWorkerResults failed: Access denied."):
        worker_results(client, dt.datetime(2026, 4, 1), dt.datetime(2026, 5, 1))
    assert len(fresh_emu.stats.calls("GetWorkerResults")) == 1
