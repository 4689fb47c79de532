"""The tutorial's examples, verbatim in examples/seed, run against the emulator.

Each script runs unchanged in its own process; the emulator listens on
127.0.0.1:8463 (the address the scripts use) and MAILSTORE_CA_BUNDLE makes the
client trust its certificate.
"""

from __future__ import annotations

import ast
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest

from mailstore._status import STATUS_KEYS

SEED = Path(__file__).resolve().parent.parent / "examples" / "seed"

TRANSCRIPT = (
    [
        "Verifying file group #3...",
        "Creating a list of messages to be verified...",
        "1249 messages are about to be verified.",
        "Verifying...",
    ]
    + [f"  {n} messages verified..." for n in range(100, 1249, 100)]
    + ["  1249 messages verified.", "Finished. No errors have been found."]
)


def port_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@pytest.fixture(scope="module")
def seed_emu(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from mailstore.emulator import Emulator

    if not port_free(8463):
        pytest.skip("port 8463 is in use; the tutorial's scripts need it")
    with Emulator(port=8463, data_dir=str(tmp_path_factory.mktemp("seed-home"))) as emu:
        yield emu


def run(script: str, emu: Any) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILSTORE_")}
    env.update(MAILSTORE_CA_BUNDLE=emu.ca_file, PYTHONIOENCODING="utf-8")
    done = subprocess.run(
        [sys.executable, str(SEED / script)], env=env, capture_output=True, timeout=60
    )
    out = done.stdout.decode("utf-8")
    assert done.returncode == 0, done.stderr.decode()
    assert done.stderr == b""
    return out


def last_dict(out: str) -> Dict[str, Any]:
    value = ast.literal_eval(out.strip().splitlines()[-1])
    assert isinstance(value, dict)
    return value


@pytest.fixture(scope="module")
def truth(seed_emu: Any) -> Dict[str, Any]:
    """What the archive holds, read through the library itself."""
    import mailstore

    c = mailstore.mgmt.ServerClient(caBundle=seed_emu.ca_file)
    users = [u["userName"] for u in c.GetUsers()["result"]]
    infos = {u: c.GetUserInfo(u)["result"] for u in users}
    return {"users": users, "infos": infos}


def test_01_server_info(seed_emu: Any) -> None:
    status = last_dict(run("01_server_info.py", seed_emu))
    assert status["statusCode"] == "succeeded" and status["token"] is None
    assert set(status["result"]) >= {"machineName", "version"}
    assert tuple(status) == STATUS_KEYS


def test_02_user_info_failure_branch(seed_emu: Any) -> None:
    out = run("02_user_info.py", seed_emu)
    assert "john.doe" in out and out.count("\n") == 1


def test_03_email_addresses(seed_emu: Any, truth: Dict[str, Any]) -> None:
    expected = sorted({a for info in truth["infos"].values() for a in info["emailAddresses"]})
    assert run("03_email_addresses.py", seed_emu).splitlines() == expected
    assert len(expected) > 20


def test_04_folder_privileges(seed_emu: Any, truth: Dict[str, Any]) -> None:
    expected: List[str] = []
    folders: Dict[str, Dict[str, List[str]]] = {}
    for user in truth["users"]:
        for p in truth["infos"][user].get("privilegesOnFolders", []):
            folders.setdefault(p["folder"], {})[user] = p["privileges"]
    for folder, users in folders.items():
        expected.append(f"Archive: {folder}")
        expected += [f"\tUser: {u}: {', '.join(p)}" for u, p in users.items()]
    out = run("04_folder_privileges.py", seed_emu)
    assert out.splitlines() == expected and len(folders) > 10


def test_05_admin_users(seed_emu: Any, truth: Dict[str, Any]) -> None:
    expected = [u for u in truth["users"] if "admin" in truth["infos"][u]["privileges"]]
    assert run("05_admin_users.py", seed_emu).splitlines() == expected
    assert "admin" in expected


def test_06_verify_store_automatic(seed_emu: Any) -> None:
    status = last_dict(run("06_verify_store_auto.py", seed_emu))
    assert status["statusCode"] == "succeeded" and status["percentProgress"] == 100
    assert isinstance(status["token"], str) and status["statusVersion"] > 10


def test_07_verify_store_callback(seed_emu: Any) -> None:
    out = run("07_verify_store_callback.py", seed_emu)
    *progress, final = out.split("\r\n")
    assert progress == TRANSCRIPT
    status = ast.literal_eval(final.strip())
    assert status["statusCode"] == "succeeded" and status["percentProgress"] == 100
    assert status["logOutput"].endswith("Finished. No errors have been found.\r\n")


def test_08_manual_token_handling(seed_emu: Any) -> None:
    lines = run("08_verify_store_manual.py", seed_emu).split("\r\n")
    assert lines[-1] == ""
    assert lines[:-1] == TRANSCRIPT[: len(lines) - 1] and len(lines) > 2


def test_09_cancel(seed_emu: Any) -> None:
    lines = run("09_cancel.py", seed_emu).split("\r\n")
    assert lines[:-1] == TRANSCRIPT[: len(lines) - 1] and len(lines) > 2
    assert "Finished. No errors have been found." not in lines
