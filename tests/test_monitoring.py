"""mailstore.monitoring.check() against the emulator: how each service judges what it reads."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, Dict

import pytest
from health_data import IMAP, JOURNAL, M365, NOW, add_runs, check, drop_runs, healthy, run, services

import mailstore
from mailstore import monitoring
from mailstore.errors import ArgumentError
from mailstore.monitoring import State


@pytest.fixture
def emu(mailstore_emulator: Any) -> Any:
    with mailstore_emulator.state.lock:
        mailstore_emulator.state.data.update(healthy())
    return mailstore_emulator


def test_a_healthy_server(emu: Any) -> None:
    report = check(emu)
    assert (report.state, report.exit_code, report.reached) == (State.OK, 0, True)
    assert [s.key for s in report.services] == [
        "connection", "server", "store_1", "store_2", "store_3",
        "profile_1", "profile_2", "profile_3", "profile_5", "jobs", "licence",
    ]  # fmt: skip
    assert report.checked_at == NOW


def test_a_client_instead_of_a_factory(emu: Any) -> None:
    with mailstore.mgmt.ServerClient(**emu.client_kwargs(), raiseOnFailure=True) as client:
        report = monitoring.check(client, now=NOW)
    assert report.state == State.OK


def test_runs_are_asked_for_in_utc_whatever_the_servers_zone(emu: Any) -> None:
    """The emulated server's own zone is UTC+1: a run 20 minutes ago is found all the same."""
    add_runs(emu, run(504, IMAP, "failed", 1 / 3))
    profile = services(check(emu))["profile_3"]
    assert profile.summary.startswith("failed at 2026-05-03 11:40 UTC")
    assert emu.stats.calls("GetWorkerResults") == [
        {"fromIncluding": "2026-05-02T10:00:00", "toExcluding": "2026-05-03T12:00:00",
         "timeZoneID": "UTC"}
    ]  # fmt: skip
    assert emu.stats.calls("GetJobResults") == [
        {"fromIncluding": "2026-04-25T12:00:00", "toExcluding": "2026-05-03T12:00:00",
         "timeZoneId": "UTC"}
    ]  # fmt: skip


@pytest.mark.parametrize(
    "result, state",
    [
        ("succeeded", State.OK),
        ("completedWithErrors", State.WARNING),
        ("completedWithWarnings", State.WARNING),
        ("cancelled", State.WARNING),
        ("failed", State.CRITICAL),
        ("threadAbort", State.CRITICAL),
        ("somethingNew", State.UNKNOWN),
    ],
)
def test_the_newest_run_decides(emu: Any, result: str, state: State) -> None:
    add_runs(emu, run(504, M365, result, 0.5, items=3))
    assert services(check(emu))["profile_1"].state == state


def test_an_api_failure_is_not_a_failed_run(emu: Any) -> None:
    """statusCode failed (the call) makes the profiles UNKNOWN; result failed (a run) CRITICAL."""
    emu.faults.api_error("Access to the database failed.", "GetWorkerResults")
    report = check(emu)
    found = services(report)
    assert "profile_1" not in found
    assert (found["profiles"].state, found["profiles"].summary) == (
        State.UNKNOWN,
        "GetWorkerResults failed: Access to the database failed.",
    )
    assert found["jobs"].state == State.OK  # the other services still ran
    assert report.state == State.UNKNOWN


def test_a_failed_run_quotes_its_report(emu: Any) -> None:
    add_runs(emu, run(504, IMAP, "failed", 0.5))
    assert services(check(emu))["profile_3"].summary == (
        "failed at 2026-05-03 11:30 UTC: Error: the connection to the server could not be "
        "established."
    )
    assert emu.stats.calls("GetWorkerResultReport") == [{"id": "504"}]
    emu.stats.reset()
    assert services(check(emu, report_lines=0))["profile_3"].summary == (
        "failed at 2026-05-03 11:30 UTC"
    )
    assert emu.stats.calls("GetWorkerResultReport") == []


def test_a_report_that_cannot_be_read_leaves_the_state(emu: Any) -> None:
    add_runs(emu, run(504, IMAP, "failed", 0.5))
    emu.faults.http_error(500, "GetWorkerResultReport")
    profile = services(check(emu))["profile_3"]
    assert (profile.state, profile.summary) == (State.CRITICAL, "failed at 2026-05-03 11:30 UTC")


def test_completed_with_errors_can_be_ok(emu: Any) -> None:
    add_runs(emu, run(504, M365, "completedWithErrors", 0.5, items=37))
    assert services(check(emu, completed_with_errors_ok=True))["profile_1"].state == State.OK


def test_overdue_only_for_automatic_profiles(emu: Any) -> None:
    drop_runs(emu, IMAP[0])
    drop_runs(emu, JOURNAL[0])
    found = services(check(emu))
    assert (found["profile_3"].state, found["profile_3"].summary) == (
        State.WARNING,
        "overdue: no run in the last 26 h",
    )
    assert (found["profile_2"].state, found["profile_2"].summary) == (
        State.OK,
        "no run in the last 24 h",
    )


def test_an_overdue_window_shorter_than_the_look_back(emu: Any) -> None:
    profile = services(check(emu, overdue_hours=0.5))["profile_3"]  # its run was 1 h ago
    assert (profile.state, profile.summary) == (
        State.WARNING,
        "overdue: no run in the last 0.5 h; newest: succeeded at 2026-05-03 11:00 UTC, "
        "20 items archived",
    )


def test_a_run_between_the_windows_is_not_overdue(emu: Any) -> None:
    drop_runs(emu, IMAP[0])
    add_runs(emu, run(504, IMAP, "failed", 25))  # outside 24 h, inside 26 h
    profile = services(check(emu))["profile_3"]
    assert (profile.state, profile.summary) == (State.OK, "no run in the last 24 h")


def test_which_profiles_are_watched(emu: Any) -> None:
    keys = [s.key for s in check(emu).services if s.kind == "profile"]
    assert keys == ["profile_1", "profile_2", "profile_3", "profile_5"]  # 4 is an export
    report = check(emu, exclude_profiles=[1, "imap INFO@example.com"])
    assert [s.key for s in report.services if s.kind == "profile"] == ["profile_2", "profile_5"]
    report = check(emu, automatic_only=True, exclude_profiles="3")
    assert [s.key for s in report.services if s.kind == "profile"] == ["profile_1"]


def test_a_long_look_back_is_asked_for_in_chunks(emu: Any) -> None:
    emu.faults.api_error("Nullable object must have a value.", "GetWorkerResults")
    report = check(emu, lookback_hours=24 * 20)
    assert report.state == State.OK
    asked = [(c["fromIncluding"], c["toExcluding"]) for c in emu.stats.calls("GetWorkerResults")]
    assert asked == [
        ("2026-04-13T12:00:00", "2026-04-20T12:00:00"),  # refused, then split
        ("2026-04-13T12:00:00", "2026-04-17T00:00:00"),
        ("2026-04-17T00:00:00", "2026-04-20T12:00:00"),
        ("2026-04-20T12:00:00", "2026-04-27T12:00:00"),
        ("2026-04-27T12:00:00", "2026-05-03T12:00:00"),
    ]


def test_jobs_failed_overdue_and_disabled(emu: Any) -> None:
    with emu.state.lock:
        results = emu.state.data["jobResults"]
        results.insert(0, dict(results[0], jobResultId=9001, startTime="2026-05-03T00:30:04",
                               result="failed"))  # fmt: skip
        job = next(j for j in emu.state.data["jobs"] if j["name"] == "Refresh Store Statistics")
        job["nextStartDateTimeUtc"] = "2026-05-03T10:30:00"  # 1.5 h ago
        for disabled in emu.state.data["jobs"]:
            if not disabled["enabled"]:
                disabled["nextStartDateTimeUtc"] = "2026-01-01T00:00:00"  # not looked at
    jobs = services(check(emu))["jobs"]
    assert jobs.state == State.CRITICAL
    first_job = emu.state.data["jobs"][results[0]["jobId"] - 1]["name"]
    assert jobs.summary == (
        f"{first_job}: failed at 2026-05-03 00:30 UTC; "
        "Refresh Store Statistics: overdue, due at 2026-05-03 10:30 UTC"
    )
    assert [(m.name, m.value) for m in jobs.metrics] == [
        ("enabled", 4),
        ("failed", 1),
        ("overdue", 1),
    ]
    late = services(check(emu, job_grace_hours=2))["jobs"]
    assert "overdue" not in late.summary


def test_store_flags(emu: Any) -> None:
    with emu.state.lock:
        emu.state.require_store(1)["needsUpgrade"] = True
        emu.state.require_store(3)["searchIndexesNeedRebuild"] = True
    found = services(check(emu))
    assert (found["store_1"].state, found["store_1"].summary) == (State.WARNING, "needs an upgrade")
    assert found["store_3"].summary == "search indexes need a rebuild"
    assert found["store_1"].details == ("normal, 3,612 messages, 266.2 MB",)
    server = found["server"]
    assert [(m.name, m.value) for m in server.metrics] == [
        ("stores", 3), ("archive_messages", 23203), ("archive_size", 1709670092)
    ]  # fmt: skip


@pytest.mark.parametrize(
    "limit, state, summary",
    [
        (34, State.OK, "30 of 34 named users in use (88.2 %)"),
        (33, State.WARNING, "30 of 33 named users in use (90.9 %)"),
        (30, State.CRITICAL, "30 of 30 named users in use (100 %)"),
        (None, State.OK, "30 named users in use; the licence states no limit"),
    ],
)
def test_licence(emu: Any, limit: Any, state: State, summary: str) -> None:
    emu.state.data["licenseInformation"]["maxNamedUsers"] = limit
    licence = services(check(emu))["licence"]
    assert (licence.state, licence.summary) == (state, summary)


def test_licence_thresholds_are_options(emu: Any) -> None:
    emu.state.data["licenseInformation"]["maxNamedUsers"] = 40  # 75 %
    licence = services(check(emu, licence_warning=70, licence_critical=75))["licence"]
    assert licence.state == State.CRITICAL
    named = licence.metrics[0]
    assert (named.name, named.value, named.warn, named.crit, named.max) == (
        "named_users", 30, 28, 30, 40
    )  # fmt: skip


@pytest.mark.parametrize(
    "minimum, state",
    [("25.3.1.23021", State.OK), ("25.3.1", State.OK), ("9.9", State.OK),
     ("25.10", State.WARNING), ("25.3.1.23022", State.WARNING)],
)  # fmt: skip
def test_versions_are_compared_as_numbers(emu: Any, minimum: str, state: State) -> None:
    assert services(check(emu, min_version=minimum))["server"].state == state


# -- options ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "options, message",
    [
        ({"lookback": 24}, "unknown monitoring option 'lookback'"),
        ({"lookback_hours": "a day"}, "lookback_hours: unusable value 'a day'"),
        ({"report_lines": 1.5}, "report_lines: unusable value 1.5"),
        ({"automatic_only": "maybe"}, "automatic_only: unusable value 'maybe'"),
        ({"licence_warning": 95, "licence_critical": 90}, "at most licence_critical"),
        ({"now": "tomorrow"}, "now: unusable value 'tomorrow'"),
    ],
)
def test_bad_options_raise(options: Dict[str, Any], message: str) -> None:
    with pytest.raises(ArgumentError, match=message):
        monitoring.Options.from_mapping(options)


def test_options_from_text(tmp_path: Path) -> None:
    ini = tmp_path / "health.ini"
    ini.write_text(
        "[health]\nlookback-hours = 12\nautomatic_only = yes\nexclude_profiles = 4, Journal\n"
        "now = 2026-05-03T14:00:00+02:00\n",
        encoding="utf-8",
    )
    options = monitoring.Options.from_mapping(monitoring.load_config(ini))
    assert (options.lookback_hours, options.automatic_only) == (12.0, True)
    assert options.exclude_profiles == ("4", "Journal")
    assert options.now == NOW
    data = tmp_path / "health.json"
    data.write_text(json.dumps({"overdue_hours": 30, "exclude_profiles": [1, "x"]}), "utf-8")
    options = monitoring.Options.from_mapping(monitoring.load_config(data))
    assert (options.overdue_hours, options.exclude_profiles) == (30.0, ("1", "x"))


@pytest.mark.parametrize(
    "name, text, message",
    [
        ("a.ini", "[other]\nx = 1\n", r"has no \[health\] section"),
        ("a.ini", "lookback = 1\n", "is not a valid INI file"),
        ("a.json", "[1, 2]", "must hold a JSON object"),
        ("a.json", "{", "is not valid JSON"),
    ],
)
def test_bad_config_files(tmp_path: Path, name: str, text: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ArgumentError, match=message):
        monitoring.load_config(path)


def test_the_report_as_data(emu: Any) -> None:
    data = check(emu).to_dict()
    assert data["state"] == "OK" and data["counts"] == {
        "OK": 11, "WARNING": 0, "CRITICAL": 0, "UNKNOWN": 0
    }  # fmt: skip
    licence = data["services"][-1]
    assert licence == {
        "key": "licence",
        "kind": "licence",
        "item": None,
        "instance": None,
        "name": "licence",
        "state": "OK",
        "summary": "30 of 50 named users in use (60 %)",
        "details": [],
        "metrics": [
            {"name": "named_users", "value": 30, "unit": "", "warn": 45.0, "crit": 50.0,
             "min": 0, "max": 50},
            {"name": "use", "value": 60.0, "unit": "%", "warn": 90.0, "crit": 100.0,
             "min": 0, "max": 100},
        ],
    }  # fmt: skip
    assert dt.datetime.fromisoformat(data["checked_at"].replace("Z", "+00:00")) == NOW
