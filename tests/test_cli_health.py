"""``mailstore health`` against the emulator: every state, every format, exact output.

Each state starts from the healthy archive of ``health_data`` and breaks one thing. The
whole output of every format is compared with ``tests/data/health/<state>.txt`` (the
emulator's port written as PORT); ``MAILSTORE_UPDATE_SNAPSHOTS=1`` rewrites those files
(the tests then skip, so that a rewrite is never a pass). The PRTG and Zabbix outputs are
also checked against the structure their documentation gives.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable, Dict, List

import pytest
from cli_helpers import Result, cli, cli_env
from health_data import IMAP, M365, NOW_TEXT, add_runs, drop_runs, healthy, named_users, run
from health_formats import assert_outputs, every_format, health

SNAPSHOTS = Path(__file__).parent / "data" / "health"


@pytest.fixture
def emu(mailstore_emulator: Any) -> Any:
    """The plugin's emulator, holding the healthy archive."""
    with mailstore_emulator.state.lock:
        mailstore_emulator.state.data.update(healthy())
    return mailstore_emulator


# -- the states -------------------------------------------------------------------------------


def failed_run(emu: Any) -> None:
    add_runs(emu, run(504, IMAP, "failed", 0.5))


def run_with_errors(emu: Any) -> None:
    add_runs(emu, run(504, M365, "completedWithErrors", 0.25, items=37))


def overdue_profile(emu: Any) -> None:
    drop_runs(emu, IMAP[0])


def store_error(emu: Any) -> None:
    store = emu.state.require_store(2)
    store["error"] = "The file D:\\Stores\\2024\\Content is not accessible."
    emu.state.require_store(3)["searchIndexesNeedRebuild"] = True


def licence_95(emu: Any) -> None:
    named_users(emu, 19, 20)


def licence_100(emu: Any) -> None:
    named_users(emu, 20, 20)


def unreachable(emu: Any) -> None:
    emu.stop()  # the port is closed now


def garbage(emu: Any) -> None:
    emu.faults.truncated_json(count=None)


STATES: Dict[str, Callable[[Any], None]] = {
    "healthy": lambda emu: None,
    "failed-run": failed_run,
    "run-with-errors": run_with_errors,
    "overdue-profile": overdue_profile,
    "store-error": store_error,
    "licence-95": licence_95,
    "licence-100": licence_100,
    "unreachable": unreachable,
    "wrong-password": lambda emu: None,
    "garbage": garbage,
}

#: The first line of the nagios output, and the exit code of nagios and json, per state.
HEADLINES = {
    "healthy": (0, "MAILSTORE OK - 11 services OK: MailStore Server 25.3.1.23021 on "
                "MAILSTORE-EMU, 3 stores, 23,203 messages, 1.7 GB"),
    "failed-run": (2, "MAILSTORE CRITICAL - 1 critical: profile IMAP info@example.com: failed "
                   "at 2026-05-03 11:30 UTC: Error: the connection to the server could not be "
                   "established."),
    "run-with-errors": (1, "MAILSTORE WARNING - 1 warning: profile Microsoft 365 Mailboxes: "
                        "completedWithErrors at 2026-05-03 11:45 UTC, 37 items archived"),
    "overdue-profile": (1, "MAILSTORE WARNING - 1 warning: profile IMAP info@example.com: "
                        "overdue: no run in the last 26 h"),
    "store-error": (2, "MAILSTORE CRITICAL - 1 critical, 1 warning: store Archive 2024: error: "
                    "The file D:\\Stores\\2024\\Content is not accessible.; store Archive 2026: "
                    "search indexes need a rebuild"),
    "licence-95": (1, "MAILSTORE WARNING - 1 warning: licence: 19 of 20 named users in use "
                   "(95 %)"),
    "licence-100": (2, "MAILSTORE CRITICAL - 1 critical: licence: 20 of 20 named users in use "
                    "(100 %)"),
    "unreachable": (2, "MAILSTORE CRITICAL - 1 critical: connection: GetServerInfo: cannot "
                    "connect to 127.0.0.1:PORT ([Errno 111] Connection refused)."),
    "wrong-password": (3, "MAILSTORE UNKNOWN - 1 unknown: connection: GetServerInfo: "
                       "127.0.0.1:PORT rejected the credentials of user 'admin' (HTTP 401). "
                       "Server says: Invalid user name or password."),
    "garbage": (3, "MAILSTORE UNKNOWN - 1 unknown: connection: GetServerInfo: the reply is not "
                "valid JSON (HTTP 200); expected the API's JSON. Check host and port (MailStore "
                "Server: 8463, SPE: 8474) and any proxy in between."),
}  # fmt: skip


def outputs(capsys: Any, emu: Any, state: str) -> Dict[str, Result]:
    STATES[state](emu)
    password = "wrong" if state == "wrong-password" else "admin"
    return every_format(capsys, emu, password=password)


@pytest.mark.parametrize("state", list(STATES))
def test_every_format_of_every_state(capsys: Any, emu: Any, state: str) -> None:
    results = outputs(capsys, emu, state)
    assert_outputs(results, *HEADLINES[state], SNAPSHOTS / f"{state}.txt")


def test_zabbix_items_find_what_discovery_names(capsys: Any, emu: Any) -> None:
    """Every discovered profile and store has its values under the key a prototype builds."""
    document = json.loads(health(capsys, emu, "--format", "zabbix").stdout)
    services = document["values"]["services"]
    for row in document["discovery"]["profiles"]:
        assert services["profile_" + row["{#PROFILE.ID}"]]["name"].endswith(row["{#PROFILE.NAME}"])
    for row in document["discovery"]["stores"]:
        assert services["store_" + row["{#STORE.ID}"]]["name"].endswith(row["{#STORE.NAME}"])
    assert len(document["discovery"]["stores"]) == 3


# -- options, config files and problems that stop the check ------------------------------------


def test_completed_with_errors_can_count_as_ok(capsys: Any, emu: Any) -> None:
    run_with_errors(emu)
    result = health(capsys, emu, "--completed-with-errors-ok")
    assert result.returncode == 0
    assert (
        "[OK] profile Microsoft 365 Mailboxes: completedWithErrors at 2026-05-03 11:45 UTC, "
        "37 items archived" in result.stdout.splitlines()
    )


def test_options_from_a_config_file_and_the_command_line(
    capsys: Any, emu: Any, tmp_path: Path
) -> None:
    failed_run(emu)
    licence_95(emu)
    ini = tmp_path / "health.ini"
    ini.write_text("[health]\nexclude_profiles = 1,\n  IMAP info@example.com\n"
                   "licence-warning = 96\n", encoding="utf-8")  # fmt: skip
    result = health(capsys, emu, "--config", str(ini))
    assert result.returncode == 0, result.stdout
    assert "profile IMAP" not in result.stdout and "profile Microsoft" not in result.stdout
    result = health(capsys, emu, "--config", str(ini), "--licence-warning", "95")
    assert result.stdout.startswith("MAILSTORE WARNING - 1 warning: licence: 19 of 20")
    config = tmp_path / "health.json"
    config.write_text(json.dumps({"automatic_only": True, "report_lines": 0}), encoding="utf-8")
    lines = health(capsys, emu, "--config", str(config)).stdout.splitlines()
    assert "[CRITICAL] profile IMAP info@example.com: failed at 2026-05-03 11:30 UTC" in lines
    assert not [line for line in lines if "Exchange Journal" in line or "Outlook" in line]


@pytest.mark.parametrize(
    "args, problem",
    [
        (["--licence-warning", "abc"], "monitoring option licence_warning: unusable value 'abc'"),
        (["--lookback-hours", "0"], "monitoring option lookback_hours must be more than 0"),
        (["--min-version", "latest"], "min_version 'latest' is not a version like 25.3.1"),
        (["--config", "missing.ini"], "cannot read the config file missing.ini: No such file"),
    ],
)
def test_a_bad_option_is_unknown_in_every_format(
    capsys: Any, emu: Any, args: List[str], problem: str
) -> None:
    result = health(capsys, emu, *args)
    assert result.returncode == 3
    assert result.stdout.startswith(f"MAILSTORE UNKNOWN - 1 unknown: check: {problem}")
    prtg = json.loads(health(capsys, emu, "--format", "prtg", *args).stdout)
    assert prtg["prtg"]["error"] == 1 and problem in prtg["prtg"]["text"]
    checkmk = health(capsys, emu, "--format", "checkmk", *args)
    assert checkmk.returncode == 0 and checkmk.stdout.startswith(f'3 "MailStore check" - {problem}')
    assert emu.stats.calls("GetServerInfo") == []  # nothing was asked


def test_no_password_is_unknown(capsys: Any, emu: Any) -> None:
    result = cli(capsys, "health", "--port", str(emu.port), password=None)
    assert result.returncode == 3 and result.stderr == ""
    assert result.stdout.splitlines()[0].startswith(
        "MAILSTORE UNKNOWN - 1 unknown: check: no password: set the environment variable "
        "MAILSTORE_PASSWORD"
    )


@pytest.mark.parametrize("args", [["--bogus"], ["--format", "xml"], ["--lookback-hours"]])
def test_usage_errors_exit_unknown(capsys: Any, emu: Any, args: List[str]) -> None:
    result = cli(capsys, "health", "--port", str(emu.port), *args)
    assert result.returncode == 3 and result.stdout == ""
    assert "usage: mailstore health" in result.stderr


def test_the_other_commands_keep_exit_code_2_for_usage_errors(capsys: Any) -> None:
    assert cli(capsys, "check", "--bogus").returncode == 2


def test_no_privilege_is_unknown_with_the_fix(capsys: Any, emu: Any) -> None:
    result = health(capsys, emu, "--user", "monitoring", password="monitor")
    assert result.returncode == 3
    lines = result.stdout.splitlines()
    assert "(HTTP 403)" in lines[0]
    assert lines[2] == "    Give the user administrator rights and the 'api' login privilege."


def test_the_command_as_a_process(emu: Any) -> None:
    env = cli_env(MAILSTORE_PORT=str(emu.port), MAILSTORE_CA_BUNDLE=emu.ca_file)
    done = subprocess.run(
        [sys.executable, "-m", "mailstore", "health", "--now", NOW_TEXT, "--format", "checkmk"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines()[0] == f'0 "MailStore connection" - 127.0.0.1:{emu.port}'


def test_a_bug_is_reported_as_unknown(capsys: Any, emu: Any, monkeypatch: Any) -> None:
    def broken(client: Any, options: Any) -> Any:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("mailstore.monitoring._check.licence_services", broken)
    result = health(capsys, emu)
    assert result.returncode == 3
    assert result.stdout.startswith(
        "MAILSTORE UNKNOWN - 1 unknown: check: unexpected ZeroDivisionError: division by zero"
    )
