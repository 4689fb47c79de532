"""Type checkers see every generated method with its real signature."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import mailstore

REPO = Path(mailstore.__file__).resolve().parents[1]

SCRIPT = textwrap.dedent(
    """
    import mailstore

    client = mailstore.mgmt.ServerClient(host="archive.example.com")
    client.GetUserInfo()
    client.SetUserPrivileges("jdoe", privilges="login")
    client.VerifyStore(1, True, False)
    client.GetWorkerResults("2026-01-01T00:00:00", "2026-02-01T00:00:00", userName="jdoe")
    users = client.GetUsers()["result"]
    spe = mailstore.mgmt.SPEClient(instanceID="customer1")
    spe.GetUsers(instanceID="customer2")
    spe.SetUserPrivileges("jdoe", ["login", "archive"])
    spe.SetSmtpSettings({"serverName": "smtp.example.com"})
    spe.SetUserPrivileges("jdoe", {"login", "archive"})
    import mailstore.server
    old = mailstore.server.Client(callbackStatus=print)
    old.GetStores(False)
    old.VerifyStore(1, False, includeIndexes=False)
    import datetime
    from typing import List, cast
    from mailstore.results import WorkerResult
    start = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    status = client.GetWorkerResults(start, datetime.date(2026, 2, 1), profileID=3)
    runs = cast(List[WorkerResult], status["result"])
    print(runs[0]["itemsArchived"] + 1, runs[0].get("profileId"))
    print(runs[0]["profileID"])
    """
)


def test_mypy_reports_missing_and_misspelled_arguments(tmp_path: Path) -> None:
    if importlib.util.find_spec("mypy") is None:
        pytest.skip("mypy is not installed")
    script = tmp_path / "uses_mailstore.py"
    script.write_text(SCRIPT, encoding="utf-8")
    env = dict(os.environ, MYPYPATH=str(REPO))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-error-summary",
            "--show-error-codes",
            "--follow-imports=silent",
            "--cache-dir",
            str(tmp_path / ".mypy_cache"),
            str(script),
        ],
        capture_output=True,
        text=True,
        cwd=str(tmp_path),
        env=env,
        timeout=600,
    )
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert any(':5: error: Missing positional argument "userName"' in line for line in errors), (
        result.stdout + result.stderr
    )
    assert any(':6: error: Unexpected keyword argument "privilges"' in line for line in errors), (
        result.stdout + result.stderr
    )
    assert any(
        ':26: error: TypedDict "WorkerResult" has no key "profileID"' in line for line in errors
    ), result.stdout + result.stderr
    # The correct calls on the other lines type-check (datetimes and dates included).
    assert {line.split(":")[1] for line in errors} == {"5", "6", "26"}, errors
