"""The ``mailstore`` command, run as a subprocess against the emulator."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest

from mailstore.catalog import load

POSIX = sys.platform != "win32"
TOKEN = re.compile(r"mailstore status ([0-9a-f]{32}) --wait")


def cli_env(password: Optional[str] = "admin", **extra: str) -> Dict[str, str]:
    """The test process's environment without MAILSTORE_* settings or proxies."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("MAILSTORE_")
        and k.lower() not in ("https_proxy", "all_proxy", "requests_ca_bundle", "curl_ca_bundle")
    }
    env["NO_PROXY"] = "127.0.0.1,localhost,::1"
    env["PYTHONUTF8"] = "1"
    if password is not None:
        env["MAILSTORE_PASSWORD"] = password
    env.update(extra)
    return env


def conn(server: Any, ca: bool = True) -> List[str]:
    options = ["--host", "127.0.0.1", "--port", str(server.port)]
    return options + ["--ca-file", server.ca_file] if ca else options


def run(
    *args: str, env: Optional[Dict[str, str]] = None, timeout: float = 30
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mailstore", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env or cli_env(),
        timeout=timeout,
    )


def one_error_line(stderr: str) -> str:
    """The stderr of a failed command: exactly one line, no traceback."""
    assert "Traceback" not in stderr
    errors = [line for line in stderr.splitlines() if line.startswith("mailstore: error: ")]
    assert len(errors) == 1, stderr
    return errors[0]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


# -- help, usage, output -----------------------------------------------------------------


def test_help_documents_commands_and_exit_codes() -> None:
    result = run("--help")
    assert result.returncode == 0
    for word in ("call", "functions", "status", "cancel", "check", "emulator", "exit codes"):
        assert word in result.stdout
    for code in ("0 ", "1 ", "2 ", "3 ", "4 ", "130"):
        assert f"\n  {code}" in result.stdout
    assert "--password" not in result.stdout
    assert run("--version").stdout.startswith("mailstore ")
    assert run().returncode == 2


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
        (["nosuchcommand"], "invalid choice"),
        (["call"], "required"),
        (["check", "--output", "xml"], "invalid choice"),
    ],
)
def test_usage_errors_exit_2(args: List[str], message: str) -> None:
    result = run(*args, "--port", str(free_port()))
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_no_password_and_no_terminal_is_a_usage_error() -> None:
    result = run("call", "GetServerInfo", env=cli_env(password=None))
    assert result.returncode == 2
    assert "MAILSTORE_PASSWORD" in one_error_line(result.stderr)


def test_json_when_piped_and_options_before_or_after_the_command(emu: Any) -> None:
    result = run("call", "GetServerInfo", *conn(emu))
    assert result.returncode == 0, result.stderr
    status = json.loads(result.stdout)
    assert status["statusCode"] == "succeeded"
    assert status["result"]["version"] == "25.3.1.23021"
    assert result.stderr == ""
    before = run(*conn(emu), "-o", "result", "call", "GetServerInfo")
    assert json.loads(before.stdout) == status["result"]


def test_table_output(emu: Any) -> None:
    users = run("call", "GetUsers", "-o", "table", *conn(emu))
    assert users.returncode == 0
    header, rule, *rows = users.stdout.splitlines()
    assert header.split()[:2] == ["userName", "fullName"]
    assert set(rule) <= {"-", " "}
    assert any(row.startswith("jürgen.müller ") for row in rows)
    info = run("call", "GetServerInfo", "-o", "table", *conn(emu)).stdout
    assert re.search(r"^version +25\.3\.1\.23021$", info, re.M)
    user = run("call", "GetUserInfo", "admin", "-o", "table", *conn(emu)).stdout
    assert re.search(r"^emailAddresses +admin@example\.com, ", user, re.M)


def test_failed_function_exits_1(emu: Any) -> None:
    result = run("call", "GetUserInfo", "userName=john.doe", *conn(emu))
    assert result.returncode == 1
    assert json.loads(result.stdout)["statusCode"] == "failed"
    line = one_error_line(result.stderr)
    assert line == "mailstore: error: GetUserInfo failed: User 'john.doe' not found."


def test_values_are_typed_by_the_catalog(emu: Any) -> None:
    result = run("call", "VerifyStore", "3", "includeIndexes=no", "--no-wait", *conn(emu))
    assert result.returncode == 0, result.stderr
    assert emu.stats.calls("VerifyStore")[-1] == {"id": "3", "includeIndexes": "false"}
    # the generated method's defaults apply: includeIndexes=True when left out
    run("call", "VerifyStore", "id=2", "--no-wait", *conn(emu))
    assert emu.stats.calls("VerifyStore")[-1] == {"id": "2", "includeIndexes": "true"}


def test_comma_lists_and_json_from_a_file(fresh_emu: Any, tmp_path: Path) -> None:
    args = ["SetUserPrivileges", "userName=anna.schmidt", "privileges=login,archive"]
    assert run("call", *args, *conn(fresh_emu)).returncode == 0
    assert fresh_emu.stats.calls("SetUserPrivileges")[-1]["privileges"] == "login,archive"

    got = run("call", "GetStoreAutoCreateConfiguration", "-o", "result", *conn(fresh_emu))
    config = tmp_path / "config.json"
    config.write_text(got.stdout, encoding="utf-8")
    result = run("call", "SetStoreAutoCreateConfiguration", f"config=@{config}", *conn(fresh_emu))
    assert result.returncode == 0, result.stderr
    sent = fresh_emu.stats.calls("SetStoreAutoCreateConfiguration")[-1]["config"]
    assert json.loads(sent) == json.loads(got.stdout)


def test_unknown_function_is_sent_anyway(emu: Any) -> None:
    result = run("call", "GetServerInf", "a=b", *conn(emu))
    assert result.returncode == 1
    assert "not in the server catalog (did you mean GetServerInfo?)" in result.stderr
    assert "no such function" in one_error_line(result.stderr)
    assert emu.stats.log[-1][1:] == ("GetServerInf", {"a": "b"})


# -- connection problems and timeouts ------------------------------------------------------


def test_connection_tls_and_credential_errors_exit_3(emu: Any) -> None:
    refused = run("call", "GetServerInfo", "--port", str(free_port()))
    assert refused.returncode == 3
    assert "cannot connect to 127.0.0.1:" in one_error_line(refused.stderr)

    wrong = run("call", "GetServerInfo", *conn(emu), env=cli_env(password="wrong"))
    assert wrong.returncode == 3
    assert "rejected the credentials of user 'admin'" in one_error_line(wrong.stderr)

    untrusted = run("call", "GetServerInfo", *conn(emu, ca=False))
    assert untrusted.returncode == 3
    line = one_error_line(untrusted.stderr)
    assert emu.fingerprint in line and "--fingerprint" in line and "--insecure" in line

    pinned = run("call", "GetServerInfo", *conn(emu, ca=False), "--fingerprint", emu.fingerprint)
    assert pinned.returncode == 0, pinned.stderr
    insecure = run("call", "GetServerInfo", *conn(emu, ca=False), "--insecure")
    assert insecure.returncode == 0
    assert "mailstore: warning: TLS certificate checks are off" in insecure.stderr


def test_timeout_and_deadline_exit_4(fresh_emu: Any) -> None:
    fresh_emu.faults.latency(3, function="GetServerInfo", count=1)
    slow = run("call", "GetServerInfo", "--timeout", "0.5", *conn(fresh_emu))
    assert slow.returncode == 4
    assert "did not send its whole answer within 0.5 s" in one_error_line(slow.stderr)

    fresh_emu.step_interval = 0.1
    late = run("--deadline", "0.5", "call", "VerifyStore", "3", *conn(fresh_emu))
    assert late.returncode == 4
    line = one_error_line(late.stderr)
    token = TOKEN.search(line)
    assert token and f"mailstore cancel {token.group(1)}" in line
    assert run("cancel", token.group(1), *conn(fresh_emu)).returncode == 0


# -- long-running tasks -------------------------------------------------------------------------


def test_plain_progress_and_whole_log_when_not_a_terminal(emu: Any) -> None:
    result = run("call", "VerifyStore", "3", *conn(emu))
    assert result.returncode == 0
    status = json.loads(result.stdout)
    assert status["statusCode"] == "succeeded"
    log = status["logOutput"]
    assert log.startswith("Verifying file group #3...\r\n")
    assert log.endswith("Finished. No errors have been found.\r\n")
    assert "  600 messages verified...\r\n" in log
    lines = result.stderr.splitlines()
    assert lines[0] == "Verifying file group #3..."
    assert "VerifyStore: 50% Verifying file group #3" in lines
    assert lines[-1] == "Finished. No errors have been found."


def test_no_wait_then_status_and_cancel(fresh_emu: Any) -> None:
    fresh_emu.step_interval = 0.2
    started = run("call", "VerifyStore", "3", "--no-wait", *conn(fresh_emu))
    assert started.returncode == 0
    first = json.loads(started.stdout)
    token = first["token"]
    assert first["statusCode"] == "running" and re.fullmatch("[0-9a-f]{32}", token)
    assert f"'mailstore status {token} --wait' follows it" in started.stderr

    now = run("status", token, *conn(fresh_emu))
    assert now.returncode == 0
    assert json.loads(now.stdout)["statusCode"] == "running"
    assert "Verifying file group #3..." in json.loads(now.stdout)["logOutput"]

    assert run("cancel", token, *conn(fresh_emu)).returncode == 0
    end = run("status", token, "--wait", *conn(fresh_emu))
    assert end.returncode == 1
    assert json.loads(end.stdout)["statusCode"] == "cancelled"
    assert "(statusCode cancelled)" in one_error_line(end.stderr)

    unknown = run("status", "0" * 32, *conn(fresh_emu))
    assert unknown.returncode == 1
    assert "does not know this status token" in one_error_line(unknown.stderr)


def test_status_wait_follows_a_task_to_its_end(emu: Any) -> None:
    started = json.loads(run("call", "VerifyStore", "1", "--no-wait", *conn(emu)).stdout)
    end = run("status", started["token"], "--wait", *conn(emu))
    assert end.returncode == 0, end.stderr
    status = json.loads(end.stdout)
    assert status["statusCode"] == "succeeded"
    assert status["logOutput"].startswith("Verifying file group #1...")
    assert status["logOutput"].endswith("Finished. No errors have been found.\r\n")


@pytest.mark.skipif(not POSIX, reason="signals")
def test_ctrl_c_cancels_the_task_on_the_server(fresh_emu: Any) -> None:
    fresh_emu.step_interval = 0.2
    # Start Python with the default Ctrl-C handling even if this process ignores SIGINT.
    code = (
        "import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
        "sys.argv[0] = 'mailstore'; runpy.run_module('mailstore', run_name='__main__')"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code, "call", "VerifyStore", "3", *conn(fresh_emu)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(),
    )
    assert process.stderr is not None
    for line in process.stderr:
        if line.startswith("Verifying..."):
            break
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=20)
    assert process.returncode == 130, err  # the child's stderr explains any other outcome
    assert out == ""
    match = re.search(r"asked the server to cancel task ([0-9a-f]{32})", err)
    assert match, err
    assert fresh_emu.stats.calls("cancel-async")[-1] == {"token": match.group(1)}
    after = json.loads(run("status", match.group(1), *conn(fresh_emu)).stdout)
    assert after["statusCode"] == "cancelled"


def _run_on_terminal(
    args: List[str], env: Dict[str, str], answer: Optional[bytes] = None
) -> tuple[int, str]:
    """Run the command with stdin, stdout and stderr on a pseudo-terminal (100 columns)."""
    import fcntl
    import struct
    import termios

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "mailstore", *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,  # no controlling terminal: getpass reads the pty on stdin
    )
    os.close(slave)
    output = b""
    deadline = time.monotonic() + 30
    try:
        while time.monotonic() < deadline:
            try:
                data = os.read(master, 4096)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            output += data
            if answer is not None and b"Password for" in output:
                os.write(master, answer)
                answer = None
    finally:
        os.close(master)
        code = process.wait(timeout=10)
    return code, output.decode("utf-8", "replace")


@pytest.mark.skipif(not POSIX, reason="pseudo-terminals")
def test_progress_bar_and_table_on_a_terminal(emu: Any) -> None:
    code, screen = _run_on_terminal(["call", "VerifyStore", "3", *conn(emu)], cli_env())
    assert code == 0, screen
    # the bar is redrawn in place with percentages and the status text
    bars = re.findall(r"\rVerifyStore \[[#.]{30}\] +(\d+)% Verifying file group #3", screen)
    assert len(bars) > 10 and bars[0] == "0" and bars[-1] == "100"
    assert [int(p) for p in bars] == sorted(int(p) for p in bars)
    # log lines are printed above the bar, each on a line of its own
    lines = [line.split("\r")[-1] for line in screen.split("\r\n")]
    for text in (
        "Verifying file group #3...",
        "  500 messages verified...",
        "  1249 messages verified.",
    ):
        assert text in lines
    assert "Finished. No errors have been found." in lines
    assert lines[-2:] == ["succeeded", ""]
    assert "{" not in screen  # a table/text, not JSON


@pytest.mark.skipif(not POSIX, reason="pseudo-terminals")
def test_password_prompt_on_a_terminal(emu: Any) -> None:
    args = ["call", "GetServerInfo", "-o", "result", *conn(emu)]
    code, screen = _run_on_terminal(args, cli_env(password=None), answer=b"admin\n")
    assert code == 0, screen
    assert "Password for admin at 127.0.0.1: " in screen
    assert "admin\r\n" not in screen.split("Password for", 1)[1].split('"version"')[0]
    assert '"version": "25.3.1.23021"' in screen


# -- functions, check, debug, emulator --------------------------------------------------------


def test_functions_from_the_catalog_and_the_server(emu: Any) -> None:
    listed = json.loads(run("functions").stdout)
    assert [e["name"] for e in listed] == [e["name"] for e in load("server")]
    assert len(json.loads(run("--spe", "functions").stdout)) == len(load("spe"))
    table = run("functions", "-o", "table").stdout.splitlines()
    assert table[0].split() == ["name", "task", "summary"]
    assert any(re.match(r"VerifyStore +yes +Check", line) for line in table)

    text = run("functions", "VerifyStore", "-o", "table").stdout
    assert text.startswith("mailstore call VerifyStore id=NUMBER [includeIndexes=BOOL]\n")
    assert "Python: client.VerifyStore(id, includeIndexes=True)" in text
    assert re.search(r"includeIndexes +bool, default true", text)

    server = run("functions", "--server", *conn(emu))
    assert server.returncode == 0
    assert "GetUserInfo" in {e["name"] for e in json.loads(server.stdout)}
    one = json.loads(run("functions", "--server", "GetUserInfo", *conn(emu)).stdout)
    assert one["args"][0]["name"] == "userName"


def test_check(emu: Any) -> None:
    result = run("check", *conn(emu))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] is True and report["version"] == "25.3.1.23021"
    assert [c["check"] for c in report["checks"]] == [
        "connection",
        "tls",
        "credentials",
        "version",
        "catalog",
    ]
    assert report["catalog"]["identical"] is True

    table = run("check", "-o", "table", *conn(emu)).stdout
    assert re.search(r"^ok +version +25\.3\.1\.23021 on MAILSTORE-EMU$", table, re.M)

    wrong = run("check", *conn(emu), env=cli_env(password="wrong"))
    assert wrong.returncode == 3
    failed = json.loads(wrong.stdout)
    assert failed["ok"] is False
    assert failed["checks"][-1] == {
        "check": "credentials",
        "ok": False,
        "detail": "AuthenticationError",
    }
    untrusted = run("check", "-o", "table", *conn(emu, ca=False))
    assert untrusted.returncode == 3
    assert re.search(r"^FAIL +tls ", untrusted.stdout, re.M)


def test_debug_logs_requests_without_secrets(emu: Any) -> None:
    password = "Backup-2026!"
    result = run(
        "--debug",
        "--user",
        "backup.admin",
        "call",
        "SetUserPassword",
        "userName=nobody.here",
        f"password={password}",
        *conn(emu),
        env=cli_env(password=password),
    )
    assert result.returncode == 1  # unknown user
    assert "mailstore: debug: POST https://127.0.0.1:" in result.stderr
    assert password not in result.stderr
    assert "Authorization" not in result.stderr
    assert "System.Exception" in result.stderr  # --debug adds the server's details

    refused = run("--debug", "call", "GetServerInfo", "--port", str(free_port()))
    assert refused.returncode == 3
    assert "Traceback" in refused.stderr


def test_import_does_not_load_the_emulator() -> None:
    code = "import sys, mailstore.cli; print(sorted(m for m in sys.modules if 'emulator' in m))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.skipif(not POSIX, reason="signals")
def test_emulator_command(emulator_home: str) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "mailstore", "emulator", "--port", "0", "--data-dir", emulator_home],
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
    assert "Run a MailStore Server emulator" in run("emulator", "--help").stdout
