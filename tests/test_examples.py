"""The scripts in examples/ run against the emulator, each in its own process, output checked.

Every test starts an emulator of its own on a free port and hands the scripts the connection
settings through MAILSTORE_* environment variables, as a user would. The scripts in
examples/spe/ are tested in test_spe_examples.py.
"""

from __future__ import annotations

import ast
import csv
import io
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SCRIPTS = sorted(
    p.relative_to(EXAMPLES).as_posix()
    for p in [*EXAMPLES.glob("*.py"), *EXAMPLES.glob("spe/*.py")]
    if p.name != "run_examples.py"
)
TESTED = {"check_mailstore.py", "sync_folder_permissions.py", "verify_stores.py", "export_users.py"}
TESTED |= {  # in tests/test_spe_examples.py
    "spe/instance_users.py",
    "spe/instance_inventory.py",
    "spe/backup_freeze.py",
    "spe/health_summary.py",
}


@pytest.fixture
def server(emulator_home: str) -> Iterator[Any]:
    from mailstore.emulator import Emulator

    with Emulator(data_dir=emulator_home, step_interval=0.004) as emu:
        yield emu


def run(
    script: str, emu: Any, *args: str, password: str = "admin", ok: Optional[int] = 0
) -> subprocess.CompletedProcess:  # type: ignore[type-arg]
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILSTORE_")}
    env.update(
        MAILSTORE_PORT=str(emu.port),
        MAILSTORE_CA_BUNDLE=emu.ca_file,
        MAILSTORE_PASSWORD=password,
        PYTHONIOENCODING="utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / script), *args],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    if ok is not None:
        assert done.returncode == ok, (done.stdout, done.stderr)
    return done


# -- every example ---------------------------------------------------------------------------


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_example_has_a_docstring_and_a_test(script: str) -> None:
    doc = ast.get_docstring(ast.parse((EXAMPLES / script).read_text(encoding="utf-8")))
    assert doc and "MAILSTORE_" in doc, f"{script}: say in the docstring how it connects"
    assert script in TESTED, f"{script} has no test in tests/test_examples.py"


# -- check_mailstore.py ----------------------------------------------------------------------


def profile(pid: int, name: str, automatic: Optional[bool]) -> Dict[str, Any]:
    """A raw profile as real servers return it: string values in serverSideExecution."""
    execution = None
    if automatic is not None:
        execution = {"automatic": "true" if automatic else "false",
                     "automaticPauseBetweenExecutions": "300"}  # fmt: skip
    return {"id": pid, "version": 1, "name": name, "owner": "admin", "type": "I",
            "connector": "IMAP", "details": {"host": "imap.example.com"},
            "serverSideExecution": execution}  # fmt: skip


def run_result(
    rid: int, pid: int, name: str, result: str, start: str, items: int
) -> Dict[str, Any]:
    return {"id": rid, "userName": "admin", "profileId": pid, "profileName": name,
            "result": result, "itemsArchived": items, "startTime": start,
            "completeTime": start, "machineName": "MAILSTORE-EMU"}  # fmt: skip


MONITORING = {
    "profiles": [
        profile(1, "Mailboxes", True),
        profile(2, "Journal", False),
        profile(3, "Shared IMAP", True),
        profile(4, "Outlook (client-side)", None),
    ],
    "workerResults": [
        run_result(1, 3, "Shared IMAP", "failed", "2026-06-09T13:00:00", 0),
        run_result(2, 2, "Journal", "completedWithErrors", "2026-06-09T10:00:00", 7),
        run_result(3, 1, "Mailboxes", "succeeded", "2026-06-10T08:00:00", 100),
        run_result(4, 3, "Shared IMAP", "succeeded", "2026-06-10T09:00:00", 20),
    ],
}

PERFDATA = re.compile(r"^(\w+=\d+;;;0 ?)+$")


@pytest.fixture
def monitored(emulator_home: str) -> Iterator[Any]:
    from mailstore.emulator import Emulator

    with Emulator(data_dir=emulator_home, dataset=MONITORING) as emu:
        yield emu


def check(emu: Any, *args: str, ok: int, password: str = "admin") -> List[str]:
    base = ["--time-zone", "UTC"]
    done = run("check_mailstore.py", emu, *base, *args, ok=ok, password=password)
    assert done.stderr == ""
    return done.stdout.splitlines()


def test_check_ok_when_the_newest_runs_succeeded(monitored: Any) -> None:
    lines = check(monitored, "--now", "2026-06-10T12:00:00", "--hours", "24", ok=0)
    head, perf = lines[0].split(" | ")
    assert head == "MAILSTORE OK - 2 profiles: 2 ok, 0 warning, 0 critical (MailStore 25.3.1.23021)"
    assert PERFDATA.match(perf)
    assert "runs=3;;;0" in perf and "items_archived=120;;;0" in perf
    assert lines[1:] == [
        "[OK] Mailboxes (profile 1): succeeded at 2026-06-10T08:00:00, 100 items archived (1 run in 24 h)",
        "[OK] Shared IMAP (profile 3): succeeded at 2026-06-10T09:00:00, 20 items archived (2 runs in 24 h)",
    ]
    sent = monitored.stats.calls("GetWorkerResults")
    assert sent == [
        {
            "fromIncluding": "2026-06-09T12:00:00",
            "toExcluding": "2026-06-10T12:00:00",
            "timeZoneID": "UTC",
        }
    ]
    assert monitored.stats.calls("GetProfiles") == [{"raw": "true"}]


def test_check_warns_about_automatic_profiles_that_did_not_run(monitored: Any) -> None:
    lines = check(monitored, "--now", "2026-06-10T12:00:00", "--hours", "2", ok=1)
    assert lines[0].startswith("MAILSTORE WARNING - 2 profiles: 0 ok, 2 warning, 0 critical")
    assert "[WARNING] Mailboxes (profile 1): no run in the last 2 hours" in lines
    assert "[WARNING] Shared IMAP (profile 3): no run in the last 2 hours" in lines
    assert not any("Outlook" in line or "Journal" in line for line in lines)


def test_check_critical_for_a_failed_run_worst_state_first(monitored: Any) -> None:
    lines = check(monitored, "--now", "2026-06-09T20:00:00", "--hours", "24", ok=2)
    assert lines[0].startswith("MAILSTORE CRITICAL - 3 profiles: 0 ok, 2 warning, 1 critical")
    assert lines[1].startswith("[CRITICAL] Shared IMAP (profile 3): failed at 2026-06-09T13:00:00")
    assert sorted(lines[2:]) == [
        "[WARNING] Journal (profile 2): completedWithErrors at 2026-06-09T10:00:00, 7 items archived (1 run in 24 h)",
        "[WARNING] Mailboxes (profile 1): no run in the last 24 hours",
    ]


def test_check_unknown_when_the_login_fails(monitored: Any) -> None:
    lines = check(monitored, ok=3, password="wrong")
    assert lines[0].startswith("MAILSTORE UNKNOWN - GetServerInfo: ")
    assert "HTTP 401" in lines[0] and "wrong" not in lines[0]


def test_check_unknown_when_the_server_is_down(emulator_home: str) -> None:
    from mailstore.emulator import Emulator

    emu = Emulator(data_dir=emulator_home).start()
    emu.stop()  # its port is now closed
    lines = check(emu, ok=3)
    assert lines[0].startswith("MAILSTORE UNKNOWN - get-metadata: cannot connect to")


def test_check_checkmk_local_check_lines(monitored: Any) -> None:
    lines = check(monitored, "--now", "2026-06-09T20:00:00", "--format", "checkmk", ok=2)
    assert lines == [
        '1 "MailStore profile Mailboxes" items_archived=0 no run in the last 24 hours (MailStore 25.3.1.23021)',
        '1 "MailStore profile Journal" items_archived=7 completedWithErrors at 2026-06-09T10:00:00, 7 items archived (1 run in 24 h) (MailStore 25.3.1.23021)',
        '2 "MailStore profile Shared IMAP" items_archived=0 failed at 2026-06-09T13:00:00, 0 items archived (1 run in 24 h) (MailStore 25.3.1.23021)',
    ]


# -- sync_folder_permissions.py --------------------------------------------------------------


def privileges(emu: Any, user: str) -> Dict[str, List[str]]:
    import mailstore

    with mailstore.mgmt.ServerClient(**emu.client_kwargs()) as client:
        info = client.GetUserInfo(user)["result"]
    return {p["folder"]: p["privileges"] for p in info.get("privilegesOnFolders", [])}


MAPPING = """userName,folder,privileges
anna.schmidt,info,read write
jürgen.müller,info,read
karen.obrien,anna.schmidt,none
"""


@pytest.fixture
def mapping(tmp_path: Path) -> Path:
    path = tmp_path / "mapping.csv"
    path.write_text(MAPPING, encoding="utf-8")
    return path


def test_sync_dry_run_changes_nothing(server: Any, mapping: Path) -> None:
    before = privileges(server, "anna.schmidt")
    out = run("sync_folder_permissions.py", server, str(mapping), "--dry-run").stdout
    assert out.splitlines() == [
        "grant  anna.schmidt on info: none -> read,write",
        "grant  jürgen.müller on info: none -> read",
        "2 change(s) would be made (dry run: nothing changed); 0 problem(s)",
    ]
    assert server.stats.calls("SetUserPrivilegesOnFolder") == []
    assert privileges(server, "anna.schmidt") == before


def test_sync_applies_the_mapping_once(server: Any, mapping: Path) -> None:
    out = run("sync_folder_permissions.py", server, str(mapping)).stdout
    assert out.splitlines()[-1] == "2 change(s) made; 0 problem(s)"
    assert server.stats.calls("SetUserPrivilegesOnFolder") == [
        {"userName": "anna.schmidt", "folder": "info", "privileges": "read,write"},
        {"userName": "jürgen.müller", "folder": "info", "privileges": "read"},
    ]
    assert privileges(server, "anna.schmidt")["info"] == ["read", "write"]
    assert privileges(server, "jürgen.müller")["info"] == ["read"]
    again = run("sync_folder_permissions.py", server, str(mapping)).stdout
    assert again.splitlines() == ["0 change(s) made; 0 problem(s)"]


def test_sync_remove_unlisted_keeps_the_own_archive(server: Any, tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("userName,folder,privileges\nanna.schmidt,info,read\n", encoding="utf-8")
    run("sync_folder_permissions.py", server, str(path))
    path.write_text("userName,folder,privileges\nanna.schmidt,ben.carter,read\n", encoding="utf-8")
    out = run("sync_folder_permissions.py", server, str(path), "--remove-unlisted").stdout
    assert out.splitlines() == [
        "grant  anna.schmidt on ben.carter: none -> read",
        "revoke anna.schmidt on info: read -> none",
        "2 change(s) made; 0 problem(s)",
    ]
    assert privileges(server, "anna.schmidt") == {"anna.schmidt": ["read"], "ben.carter": ["read"]}


def test_sync_reports_unknown_users_and_bad_files(server: Any, tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("userName,folder,privileges\njohn.doe,info,read\n", encoding="utf-8")
    done = run("sync_folder_permissions.py", server, str(path), ok=1)
    assert done.stdout.splitlines()[0] == "skip john.doe: User 'john.doe' not found."
    path.write_text("userName,folder,privileges\nanna.schmidt,info,admin\n", encoding="utf-8")
    done = run("sync_folder_permissions.py", server, str(path), ok=2)
    assert "line 2: unknown privilege(s) admin" in done.stderr
    assert server.stats.calls("SetUserPrivilegesOnFolder") == []


# -- verify_stores.py ------------------------------------------------------------------------


def test_verify_one_store_with_progress_and_log(server: Any) -> None:
    out = run("verify_stores.py", server, "3", "--log", "--step", "50").stdout.splitlines()
    assert out[0] == "store 3 (Archive 2026): starting"
    assert [line for line in out if "%" in line] == [
        "store 3 (Archive 2026):   0%",
        "store 3 (Archive 2026):  50%",
        "store 3 (Archive 2026): 100%",
    ]
    assert "1249 messages are about to be verified." in out
    assert "Finished. No errors have been found." in out
    assert out[-2:] == [
        "store 3 (Archive 2026): verified",
        "1 of 1 store(s) verified without errors",
    ]
    assert server.stats.calls("VerifyStore") == [{"id": "3", "includeIndexes": "true"}]


def test_verify_all_enabled_stores_reports_the_failure(server: Any) -> None:
    out = run("verify_stores.py", server, "--no-indexes", ok=1).stdout.splitlines()
    assert [c["id"] for c in server.stats.calls("VerifyStore")] == ["1", "2", "3", "5"]
    assert {c["includeIndexes"] for c in server.stats.calls("VerifyStore")} == {"false"}
    assert out.count("store 1 (Archive 2025): verified") == 1
    assert any(line.startswith("store 5 (Imported 2019): failed: ") for line in out)
    assert out[-1] == "3 of 4 store(s) verified without errors"


def test_verify_deadline_cancels_the_task(emulator_home: str) -> None:
    from mailstore.emulator import Emulator

    with Emulator(data_dir=emulator_home, step_interval=0.05) as emu:
        out = run("verify_stores.py", emu, "1", "--deadline", "0.3", ok=1).stdout.splitlines()
        assert "store 1 (Archive 2025): stopped (TaskDeadlineError), cancelled" in out
        assert len(emu.stats.calls("cancel-async")) == 1
        assert out[-1] == "0 of 1 store(s) verified without errors"


# -- export_users.py -------------------------------------------------------------------------


def expected_users(emu: Any) -> List[str]:
    import mailstore

    with mailstore.mgmt.ServerClient(**emu.client_kwargs()) as client:
        return [u["userName"] for u in client.GetUsers()["result"]]


def test_export_users_to_stdout(server: Any) -> None:
    out = run("export_users.py", server, "--threads", "4").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["userName"] for r in rows] == expected_users(server)
    anna = next(r for r in rows if r["userName"] == "anna.schmidt")
    assert anna["emailAddresses"] == "anna.schmidt@example.com; a.schmidt@example.de"
    assert anna["folders"] == "anna.schmidt (read)"
    assert any(r["userName"] == "jürgen.müller" for r in rows)
    assert len(server.stats.calls("GetUserInfo")) == len(rows)


def test_export_users_to_a_file_with_bom(server: Any, tmp_path: Path) -> None:
    target = tmp_path / "users.csv"
    done = run("export_users.py", server, "-o", str(target))
    assert done.stdout == ""
    assert done.stderr.strip() == f"{len(expected_users(server))} users written to {target}"
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfuserName,fullName,")
    assert "jürgen.müller" in raw.decode("utf-8-sig")
