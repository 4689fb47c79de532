"""Recording a server's exchanges, replaying them with the emulator, and fidelity reports."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any, Dict, List

import pytest

import mailstore
from mailstore import fidelity
from mailstore._record import read
from mailstore.emulator import Emulator

SECRETS = ("N3w-Secret!", "Sm7p-Pass", "tok-4711-secret", "R3c0rder-admin")


def record_a_session(emu: Any, path: Path) -> Dict[str, Any]:
    """Calls of every kind against ``emu``, recorded; returns what the client saw."""
    emu.state.add_api_user("recorder", "R3c0rder-admin")
    c = mailstore.mgmt.ServerClient(
        host=emu.host,
        port=emu.port,
        caBundle=emu.ca_file,
        username="recorder",
        password="R3c0rder-admin",
        record=str(path),
        anonymize=["userName", "emailAddresses", "folder"],
    )
    seen: Dict[str, Any] = {
        "users": c.GetUsers(),
        "anna": c.GetUserInfo("anna.schmidt"),
        "verify": c.VerifyStore(1),
        "licence": c.GetLicenseInformation(),
    }
    c.SetUserPassword("anna.schmidt", "N3w-Secret!")
    c.SetSmtpSettings(
        {
            "serverName": "smtp.example.com",
            "password": "Sm7p-Pass",
            "oauth": {"accessToken": "tok-4711-secret"},
        }
    )
    c.close()
    return seen


def test_a_recording_holds_no_secret_and_anonymises_the_named_fields(
    mailstore_emulator: Any, tmp_path: Path
) -> None:
    path = tmp_path / "exchanges.jsonl"
    record_a_session(mailstore_emulator, path)
    text = path.read_text(encoding="utf-8")
    for secret in SECRETS:
        assert secret not in text
    assert "anna.schmidt" not in text and "@" not in json.dumps(
        [e.get("statuses") for e in read(path) if e["function"] == "GetUsers"]
    )
    functions = [e["function"] for e in read(path)]
    assert functions == [
        "get-metadata",
        "GetServerInfo",
        "GetUsers",
        "GetUserInfo",
        "VerifyStore",
        "GetLicenseInformation",
        "SetUserPassword",
        "SetSmtpSettings",
    ]
    verify = next(e for e in read(path) if e["function"] == "VerifyStore")
    versions = [s["status"]["statusVersion"] for s in verify["statuses"]]
    assert versions == sorted(versions) and len(versions) > 2
    assert verify["statuses"][0]["status"]["token"] == "recorded-1"
    assert verify["statuses"][-1]["status"]["statusCode"] == "succeeded"
    times = [s["ms"] for s in verify["statuses"]]
    assert times == sorted(times) and times[-1] > 0


def test_replay_answers_recorded_calls_as_recorded_and_the_rest_statefully(
    tmp_path: Path, mailstore_emulator_data_dir: str, capfd: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "exchanges.jsonl"
    with Emulator(data_dir=mailstore_emulator_data_dir, step_interval=0.01) as real:
        recorded = record_a_session(real, path)
    # A replaying emulator whose own state differs: licence numbers changed on purpose.
    with Emulator(data_dir=mailstore_emulator_data_dir, replay=path) as replaying:
        replaying.state.section("licenseInformation")["namedUsers"] = 999
        c = mailstore.mgmt.ServerClient(**replaying.client_kwargs(), logLevel=0)
        assert c.GetLicenseInformation() == recorded["licence"]  # as recorded, not 999
        users = c.GetUsers()
        assert users == json.loads(json.dumps(users))  # plain data
        assert users["result"][0]["userName"] == "userName-1"  # the recorded stand-ins
        assert c.GetUserInfo("userName-2")["result"]["fullName"] == "Anna Schmidt"
        seen: List[Dict[str, Any]] = []
        c.callback = seen.append
        started = time.monotonic()
        final = c.VerifyStore(1)
        took = time.monotonic() - started
        entry = next(e for e in read(path) if e["function"] == "VerifyStore")
        assert [s["statusVersion"] for s in seen][-1] == entry["statuses"][-1]["status"][
            "statusVersion"
        ]
        assert final["statusCode"] == "succeeded"
        assert took >= entry["statuses"][-1]["ms"] / 1000 * 0.8  # paced as recorded
        assert c.GetStores()["statusCode"] == "succeeded"  # not recorded: the emulator
        assert c.SetUserPassword("userName-2", "Any-0ther")["statusCode"] == "succeeded"
    err = capfd.readouterr().err
    assert "replay: GetLicenseInformation answered from the recording" in err
    assert "replay: GetStores not recorded: the emulator answers" in err


def test_the_fixture_takes_a_recording(tmp_path: Path, mailstore_emulator_data_dir: str) -> None:
    path = tmp_path / "exchanges.jsonl"
    with Emulator(data_dir=mailstore_emulator_data_dir) as real:
        recorded = record_a_session(real, path)
    pytest_file = tmp_path / "test_replayed.py"
    pytest_file.write_text(
        "import pytest, mailstore\n"
        f"@pytest.mark.mailstore_emulator(replay={str(path)!r})\n"
        "def test_it(mailstore_emulator):\n"
        "    mailstore_emulator.state.section('licenseInformation')['namedUsers'] = 999\n"
        "    c = mailstore.mgmt.ServerClient(**mailstore_emulator.client_kwargs())\n"
        f"    assert c.GetLicenseInformation()['result'] == {recorded['licence']['result']!r}\n",
        encoding="utf-8",
    )
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(pytest_file)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_fidelity_reports_shapes_without_values(mailstore_emulator: Any) -> None:
    c = mailstore.mgmt.ServerClient(**mailstore_emulator.client_kwargs(), logLevel=0)
    report = fidelity.probe(c)
    text = json.dumps(report)
    assert "anna.schmidt" not in text and "MAILSTORE-EMU" not in text
    licence = report["functions"]["GetLicenseInformation"]["result"]["object"]
    assert licence["namedUsers"] == "int" and licence["maxNamedUsers"] == "int"
    workers = report["functions"]["GetWorkerResults"]["result"]["array"]["object"]
    assert workers["startTime"] == "string:datetime"
    assert fidelity.differences(report, report) == []


def test_fidelity_differences_name_the_path() -> None:
    real = {
        "functions": {
            "GetLicenseInformation": {
                "result": fidelity.shape_of(
                    {"namedUsers": 3, "maxNamedUsers": 10, "product": {"edition": "Server"}}
                )
            }
        }
    }
    emulated = {
        "functions": {
            "GetLicenseInformation": {
                "result": fidelity.shape_of({"namedUsers": "3", "usedNamedUsers": 3, "product": {}})
            }
        }
    }
    assert fidelity.differences(real, emulated) == [
        "GetLicenseInformation.maxNamedUsers: only in the report",
        "GetLicenseInformation.usedNamedUsers: only in the emulator",
        "GetLicenseInformation.namedUsers: int (the report) vs string:integer-text (the emulator)",
        "GetLicenseInformation.product.edition: only in the report",
    ]


def test_the_command_line_records_and_compares(
    capsys: pytest.CaptureFixture[str], mailstore_emulator: Any, tmp_path: Path
) -> None:
    from cli_helpers import cli, conn

    emu = mailstore_emulator
    recording, report = tmp_path / "cli.jsonl", tmp_path / "report.json"
    done = cli(
        capsys,
        "--record",
        str(recording),
        "--anonymize",
        "userName",
        "call",
        "GetUserInfo",
        "anna.schmidt",
        *conn(emu),
    )
    assert done.returncode == 0
    [entry] = read(recording)
    assert entry["function"] == "GetUserInfo" and entry["arguments"] == {"userName": "userName-1"}
    assert cli(capsys, "fidelity", "--out", str(report), *conn(emu)).returncode == 0
    shapes = json.loads(report.read_text(encoding="utf-8"))
    assert shapes["functions"]["GetServerInfo"]["statusCode"] == "succeeded"
    same = cli(capsys, "fidelity", "--diff", str(report), "--against", str(report))
    assert same.returncode == 0 and same.stdout == ""
    shapes["functions"]["GetServerInfo"]["result"]["object"]["edition"] = "string:text"
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(shapes), encoding="utf-8")
    differs = cli(capsys, "fidelity", "--diff", str(changed), "--against", str(report))
    assert differs.returncode == 1
    assert differs.stdout == f"GetServerInfo.edition: only in {changed}\n"
