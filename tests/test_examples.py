"""The scripts in examples/ run against the emulator, each in its own process, output checked.

Every test starts an emulator of its own on a free port and hands the scripts the connection
settings through MAILSTORE_* environment variables, as a user would. The scripts in
examples/spe/ are tested in test_spe_examples.py.
"""

from __future__ import annotations

import ast
import csv
import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple

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
def server(mailstore_emulator_data_dir: str) -> Iterator[Any]:
    from mailstore.emulator import Emulator

    with Emulator(data_dir=mailstore_emulator_data_dir, step_interval=0.004) as emu:
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


@pytest.fixture
def monitored(mailstore_emulator_data_dir: str) -> Iterator[Tuple[Any, str]]:
    """The healthy test archive, jobs off, the IMAP profile's newest run failed 30 min ago
    (the time, as the check shows it, comes with the emulator)."""
    from health_data import IMAP, M365, healthy
    from health_data import run as profile_run

    from mailstore.emulator import Emulator

    now = dt.datetime.now(dt.timezone.utc).replace(second=0, microsecond=0)
    data = healthy()
    data["workerResults"] = [
        profile_run(601, M365, "succeeded", 2, items=120, now=now),
        profile_run(602, IMAP, "failed", 0.5, now=now),
    ]
    for job in data["jobs"]:
        job["enabled"] = False
    with Emulator(data_dir=mailstore_emulator_data_dir, dataset=data) as emu:
        yield emu, (now - dt.timedelta(minutes=30)).strftime("%Y-%m-%d %H:%M UTC")


def check(emu: Any, *args: str, ok: int, password: str = "admin") -> List[str]:
    done = run("check_mailstore.py", emu, *args, ok=ok, password=password)
    assert done.stderr == ""
    return done.stdout.splitlines()


FAILED = "Error: the connection to the server could not be established."


def test_check_nagios_output(monitored: Tuple[Any, str]) -> None:
    emu, failed_at = monitored
    lines = check(emu, ok=2)
    failed = f"profile IMAP info@example.com: failed at {failed_at}: {FAILED}"
    assert lines[0].startswith(f"MAILSTORE CRITICAL - 1 critical: {failed} | services_ok=10;;;0 ")
    assert lines[1] == f"[CRITICAL] {failed}"
    sent = emu.stats.calls("GetWorkerResults")
    assert [call["timeZoneID"] for call in sent] == ["UTC"]
    start, end = (dt.datetime.fromisoformat(sent[0][k]) for k in ("fromIncluding", "toExcluding"))
    assert end - start == dt.timedelta(hours=26)  # the overdue window, longer than --hours 24


def test_check_hours_narrow_the_window(monitored: Tuple[Any, str]) -> None:
    lines = check(monitored[0], "--hours", "0.25", ok=0)
    assert lines[0].startswith("MAILSTORE OK - 11 services OK: MailStore Server 25.3.1.23021")
    assert "[OK] profile IMAP info@example.com: no run in the last 0.25 h" in lines


def test_check_checkmk_local_check_lines(monitored: Tuple[Any, str]) -> None:
    emu, failed_at = monitored
    lines = check(emu, "--format", "checkmk", ok=0)
    assert (
        f'2 "MailStore profile IMAP info@example.com" runs=1;;;0|items=0;;;0 failed at '
        f"{failed_at}: {FAILED}\\nruns automatically on the server\\n"
        "1 run in the last 24 h: 1 failed"
    ) in lines
    assert lines[0] == f'0 "MailStore connection" - 127.0.0.1:{emu.port}'


def test_check_unknown_when_the_login_fails(monitored: Tuple[Any, str]) -> None:
    lines = check(monitored[0], ok=3, password="wrong")
    assert lines[0].startswith("MAILSTORE UNKNOWN - 1 unknown: connection: GetServerInfo: ")
    assert "HTTP 401" in lines[0] and "wrong" not in "\n".join(lines)


def test_check_critical_when_the_server_is_down(mailstore_emulator_data_dir: str) -> None:
    from mailstore.emulator import Emulator

    emu = Emulator(data_dir=mailstore_emulator_data_dir).start()
    emu.stop()  # its port is now closed
    lines = check(emu, ok=2)  # the client contacts the server when made: get-metadata first
    assert lines[0].startswith(
        "MAILSTORE CRITICAL - 1 critical: connection: get-metadata: cannot connect to"
    )


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


def test_verify_deadline_cancels_the_task(mailstore_emulator_data_dir: str) -> None:
    from mailstore.emulator import Emulator

    with Emulator(data_dir=mailstore_emulator_data_dir, step_interval=0.05) as emu:
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
