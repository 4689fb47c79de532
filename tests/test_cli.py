"""The ``mailstore`` command against the emulator: usage, output, connection errors, exit codes.

Tasks are in test_cli_tasks.py, secrets in test_cli_secrets.py, ``functions`` and ``check``
in test_cli_functions.py.
"""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any, List

import pytest
from cli_helpers import TOKEN, cli, cli_env, conn, free_port, one_error_line, run

POSIX = sys.platform != "win32"


# -- help, usage, output -----------------------------------------------------------------


def test_help_documents_commands_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    result = cli(capsys, "--help")
    assert result.returncode == 0
    for word in ("call", "functions", "status", "cancel", "check", "emulator", "exit codes"):
        assert word in result.stdout
    for code in ("0 ", "1 ", "2 ", "3 ", "4 ", "5 ", "130"):
        assert f"\n  {code}" in result.stdout
    assert "--password" not in result.stdout
    assert cli(capsys, "--version").stdout.startswith("mailstore ")
    assert "NAME=@FILE" in cli(capsys, "call", "--help").stdout


def test_no_command_is_a_usage_error_of_the_process() -> None:
    result = run()
    assert result.returncode == 2
    assert result.stderr.startswith("usage: mailstore")
    assert result.stdout == ""


@pytest.mark.parametrize(
    "args, message",
    [
        (["call", "GetUserInfo", "nosuch=1"], "has no argument 'nosuch'"),
        (["call", "GetUserInfo", "username=x"], "did you mean userName?"),
        (["call", "VerifyStore", "id=abc"], "takes a number, not 'abc'"),
        (["call", "VerifyStore", "3", "includeIndexes=maybe"], "takes true or false"),
        (["call", "VerifyStore"], "VerifyStore needs id"),
        (["call", "VerifyStore", "1", "true", "x"], "at most 2 value(s)"),
        (["call", "GetUserInfo", "userName=a", "b"], "expected name=value"),
        (["call", "SetSmtpSettings", "settings={bad"], "not valid JSON"),
        (["call", "SetSmtpSettings", "settings=@/nonexistent.json"], "cannot read"),
        (["functions", "VerifyStor"], "did you mean VerifyStore"),
        (
            ["call", "GetServerInfo", "--ca-file", "/nonexistent.pem"],
            "'/nonexistent.pem' does not exist. Give --ca-file the path",
        ),
        (["call", "GetServerInfo", "--instance", "x"], "--instance needs --spe"),
        (["nosuchcommand"], "invalid choice"),
        (["call"], "required"),
        (["check", "--output", "xml"], "invalid choice"),
    ],
)
def test_usage_errors_exit_2(
    capsys: pytest.CaptureFixture[str], args: List[str], message: str
) -> None:
    result = cli(capsys, *args, "--port", str(free_port()))
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_no_password_and_no_terminal_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    result = cli(capsys, "call", "GetServerInfo", password=None)
    assert result.returncode == 2
    assert "MAILSTORE_PASSWORD" in one_error_line(result.stderr)


def test_json_when_piped_and_options_before_or_after_the_command(
    capsys: pytest.CaptureFixture[str], mailstore_emulator_session: Any
) -> None:
    emu = mailstore_emulator_session
    result = cli(capsys, "call", "GetServerInfo", *conn(emu))
    assert result.returncode == 0, result.stderr
    status = json.loads(result.stdout)
    assert status["statusCode"] == "succeeded"
    assert status["result"]["version"] == "25.3.1.23021"
    assert result.stderr == ""
    before = cli(capsys, *conn(emu), "-o", "result", "call", "GetServerInfo")
    assert json.loads(before.stdout) == status["result"]


def test_table_output(capsys: pytest.CaptureFixture[str], mailstore_emulator_session: Any) -> None:
    emu = mailstore_emulator_session
    users = cli(capsys, "call", "GetUsers", "-o", "table", *conn(emu))
    assert users.returncode == 0
    header, rule, *rows = users.stdout.splitlines()
    assert header.split()[:2] == ["userName", "fullName"]
    assert set(rule) <= {"-", " "}
    assert any(row.startswith("jürgen.müller ") for row in rows)
    info = cli(capsys, "call", "GetServerInfo", "-o", "table", *conn(emu)).stdout
    assert re.search(r"^version +25\.3\.1\.23021$", info, re.M)
    user = cli(capsys, "call", "GetUserInfo", "admin", "-o", "table", *conn(emu)).stdout
    assert re.search(r"^emailAddresses +admin@example\.com, ", user, re.M)


def test_failed_function_exits_1(
    capsys: pytest.CaptureFixture[str], mailstore_emulator_session: Any
) -> None:
    result = cli(
        capsys, "call", "GetUserInfo", "userName=john.doe", *conn(mailstore_emulator_session)
    )
    assert result.returncode == 1
    assert json.loads(result.stdout)["statusCode"] == "failed"
    line = one_error_line(result.stderr)
    assert line == "mailstore: error: GetUserInfo failed: User 'john.doe' not found."


def test_values_are_typed_by_the_catalog(
    capsys: pytest.CaptureFixture[str], mailstore_emulator_session: Any
) -> None:
    emu = mailstore_emulator_session
    result = cli(capsys, "call", "VerifyStore", "3", "includeIndexes=no", "--no-wait", *conn(emu))
    assert result.returncode == 0, result.stderr
    assert emu.stats.calls("VerifyStore")[-1] == {"id": "3", "includeIndexes": "false"}
    # the generated method's defaults apply: includeIndexes=True when left out
    cli(capsys, "call", "VerifyStore", "id=2", "--no-wait", *conn(emu))
    assert emu.stats.calls("VerifyStore")[-1] == {"id": "2", "includeIndexes": "true"}


def test_comma_lists_and_json_from_a_file(
    capsys: pytest.CaptureFixture[str], mailstore_emulator: Any, tmp_path: Path
) -> None:
    emu = mailstore_emulator
    args = ["SetUserPrivileges", "userName=anna.schmidt", "privileges=login,archive"]
    assert cli(capsys, "call", *args, *conn(emu)).returncode == 0
    assert emu.stats.calls("SetUserPrivileges")[-1]["privileges"] == "login,archive"

    got = cli(capsys, "call", "GetStoreAutoCreateConfiguration", "-o", "result", *conn(emu))
    config = tmp_path / "config.json"
    config.write_text(got.stdout, encoding="utf-8")
    result = cli(capsys, "call", "SetStoreAutoCreateConfiguration", f"config=@{config}", *conn(emu))
    assert result.returncode == 0, result.stderr
    sent = emu.stats.calls("SetStoreAutoCreateConfiguration")[-1]["config"]
    assert json.loads(sent) == json.loads(got.stdout)

    piped = cli(
        capsys, "call", "SetStoreAutoCreateConfiguration", "config=@-", *conn(emu), stdin=got.stdout
    )
    assert piped.returncode == 0, piped.stderr
    assert emu.stats.calls("SetStoreAutoCreateConfiguration")[-1]["config"] == got.stdout


def test_unknown_function_is_sent_anyway(
    capsys: pytest.CaptureFixture[str], mailstore_emulator_session: Any
) -> None:
    emu = mailstore_emulator_session
    result = cli(capsys, "call", "GetServerInf", "a=b", *conn(emu))
    assert result.returncode == 1
    assert "not in the server catalog (did you mean GetServerInfo?)" in result.stderr
    line = one_error_line(result.stderr)
    assert "no such function" in line and "'mailstore functions --server' lists" in line
    assert emu.stats.log[-1][1:] == ("GetServerInf", {"a": "b"})


# -- connection problems and timeouts ------------------------------------------------------


def test_connection_tls_and_credential_errors_exit_3(
    capsys: pytest.CaptureFixture[str], mailstore_emulator_session: Any
) -> None:
    emu = mailstore_emulator_session
    refused = cli(capsys, "call", "GetServerInfo", "--port", str(free_port()))
    assert refused.returncode == 3
    assert "cannot connect to 127.0.0.1:" in one_error_line(refused.stderr)

    wrong = cli(capsys, "call", "GetServerInfo", *conn(emu), password="wrong")
    assert wrong.returncode == 3
    assert "rejected the credentials of user 'admin'" in one_error_line(wrong.stderr)

    untrusted = cli(capsys, "call", "GetServerInfo", *conn(emu, ca=False))
    assert untrusted.returncode == 3
    line = one_error_line(untrusted.stderr)
    assert emu.fingerprint in line and "--fingerprint" in line and "--insecure" in line
    assert "fingerprint='" not in line and "ignoreInvalidSSLCerts" not in line

    pinned = cli(
        capsys, "call", "GetServerInfo", *conn(emu, ca=False), "--fingerprint", emu.fingerprint
    )
    assert pinned.returncode == 0, pinned.stderr
    insecure = cli(capsys, "call", "GetServerInfo", *conn(emu, ca=False), "--insecure")
    assert insecure.returncode == 0
    assert "mailstore: warning: TLS certificate checks are off" in insecure.stderr


def test_timeout_and_deadline_exit_4(
    capsys: pytest.CaptureFixture[str], mailstore_emulator: Any
) -> None:
    emu = mailstore_emulator
    emu.faults.latency(3, function="GetServerInfo", count=1)
    slow = cli(capsys, "call", "GetServerInfo", "--timeout", "0.5", *conn(emu))
    assert slow.returncode == 4
    line = one_error_line(slow.stderr)
    assert "did not send its whole answer within 0.5 s" in line and "--timeout" in line

    emu.step_interval = 0.1
    late = cli(capsys, "--deadline", "0.5", "call", "VerifyStore", "3", *conn(emu))
    assert late.returncode == 4
    line = one_error_line(late.stderr)
    token = TOKEN.search(line)
    assert token and f"mailstore cancel {token.group(1)}" in line
    assert cli(capsys, "cancel", token.group(1), *conn(emu)).returncode == 0


def test_debug_logs_requests_without_secrets(
    capsys: pytest.CaptureFixture[str], mailstore_emulator_session: Any
) -> None:
    emu = mailstore_emulator_session
    password = "Backup-2026!"
    result = cli(
        capsys,
        "--debug",
        "--user",
        "backup.admin",
        "call",
        "SetUserPassword",
        "userName=nobody.here",
        "password=env:NEW_PASSWORD",
        *conn(emu),
        password=password,
        env={"NEW_PASSWORD": password},
    )
    assert result.returncode == 1  # unknown user
    assert emu.stats.calls("SetUserPassword")[-1]["password"] == password
    assert "mailstore: debug: POST https://127.0.0.1:" in result.stderr
    assert password not in result.stderr
    assert "Authorization" not in result.stderr
    assert "System.Exception" in result.stderr  # --debug adds the server's details

    refused = cli(capsys, "--debug", "call", "GetServerInfo", "--port", str(free_port()))
    assert refused.returncode == 3
    assert "Traceback" in refused.stderr


# -- the process: entry point, imports, emulator ----------------------------------------------


def test_import_does_not_load_the_emulator() -> None:
    code = "import sys, mailstore.cli; print(sorted(m for m in sys.modules if 'emulator' in m))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_emulator_help_names_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    result = cli(capsys, "emulator", "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: mailstore emulator ")
    assert "Run a MailStore Server emulator" in result.stdout


@pytest.mark.skipif(not POSIX, reason="signals")
def test_emulator_command(mailstore_emulator_data_dir: Path) -> None:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mailstore",
            "emulator",
            "--port",
            "0",
            "--data-dir",
            str(mailstore_emulator_data_dir),
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(),
    )
    assert process.stderr is not None and process.stdout is not None
    banner = process.stderr.readline()  # the banner is for the reader: stderr
    for line in process.stderr:
        if line.startswith("Press Ctrl-C"):
            break
    exports = process.stdout.readline()  # the output: MAILSTORE_* lines (signals handled by now)
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=20)
    assert banner.startswith("MailStore Server emulator listening on https://127.0.0.1:")
    assert exports.startswith("export MAILSTORE_HOST=127.0.0.1 MAILSTORE_PORT=")
    assert process.returncode == 0
    assert "Emulator stopped." in err
