"""Long-running tasks on the command line: progress, status, cancel, Ctrl-C, exit codes."""

from __future__ import annotations

import io
import json
import re
import signal
import subprocess
import sys
import threading
import time
from typing import Any, Optional

import pytest
from cli_helpers import WITH_CTRL_C, cli, cli_env, conn, one_error_line, run, run_on_terminal

from mailstore.cli._progress import Progress

POSIX = sys.platform != "win32"


@pytest.fixture
def emu(mailstore_emulator: Any) -> Any:
    """An emulator of its own whose tasks take about a third of a second."""
    mailstore_emulator.step_interval = 0.005
    return mailstore_emulator


def test_plain_progress_and_whole_log_when_not_a_terminal(
    capsys: pytest.CaptureFixture[str], emu: Any
) -> None:
    result = cli(capsys, "call", "VerifyStore", "3", *conn(emu))
    assert result.returncode == 0
    status = json.loads(result.stdout)
    assert status["statusCode"] == "succeeded"
    log = status["logOutput"]
    assert log.startswith("Verifying file group #3...\r\n")
    assert log.endswith("Finished. No errors have been found.\r\n")
    assert "  600 messages verified...\r\n" in log
    lines = result.stderr.splitlines()
    assert lines[0] == "Verifying file group #3..."
    shown = re.findall(r"^VerifyStore: (\d+)% Verifying file group #3$", result.stderr, re.M)
    tenths = [int(p) // 10 for p in shown]
    assert tenths == sorted(set(tenths)) and 5 in tenths  # one line per tenth passed
    assert shown[-1] == "100"
    assert lines[-1] == "Finished. No errors have been found."


def test_no_wait_then_status_and_a_cancelled_task(
    capsys: pytest.CaptureFixture[str], emu: Any
) -> None:
    emu.step_interval = 0.2
    started = cli(capsys, "call", "VerifyStore", "3", "--no-wait", *conn(emu))
    assert started.returncode == 0
    first = json.loads(started.stdout)
    token = first["token"]
    assert first["statusCode"] == "running" and re.fullmatch("[0-9a-f]{32}", token)
    assert f"'mailstore status {token} --wait' follows it" in started.stderr

    now = cli(capsys, "status", token, *conn(emu))
    assert now.returncode == 0
    assert json.loads(now.stdout)["statusCode"] == "running"
    assert "Verifying file group #3..." in json.loads(now.stdout)["logOutput"]

    assert cli(capsys, "cancel", token, *conn(emu)).returncode == 0
    end = cli(capsys, "status", token, "--wait", *conn(emu))
    assert end.returncode == 5
    assert json.loads(end.stdout)["statusCode"] == "cancelled"
    line = one_error_line(end.stderr)
    assert line.startswith("mailstore: error: task was cancelled")
    assert "failed" not in line

    unknown = cli(capsys, "status", "0" * 32, *conn(emu))
    assert unknown.returncode == 1
    assert "does not know this status token" in one_error_line(unknown.stderr)


def test_a_task_cancelled_elsewhere_while_followed_exits_5(
    capsys: pytest.CaptureFixture[str], emu: Any
) -> None:
    import mailstore

    emu.step_interval = 0.05

    def cancel_once_running() -> None:  # another client, with the token the server knows
        deadline = time.monotonic() + 10
        while not emu.tasks.running() and time.monotonic() < deadline:
            time.sleep(0.01)
        with mailstore.mgmt.ServerClient(**emu.client_kwargs()) as other:
            other.CancelAsync({"token": emu.tasks.running()[0].token})

    other = threading.Thread(target=cancel_once_running)
    other.start()
    result = cli(capsys, "call", "VerifyStore", "1", "-o", "table", *conn(emu))
    other.join()
    assert result.returncode == 5
    assert result.stdout == ""
    assert one_error_line(result.stderr) == (
        "mailstore: error: VerifyStore was cancelled: The operation has been cancelled."
    )


def test_status_wait_follows_a_task_to_its_end(
    capsys: pytest.CaptureFixture[str], emu: Any
) -> None:
    started = json.loads(cli(capsys, "call", "VerifyStore", "1", "--no-wait", *conn(emu)).stdout)
    end = cli(capsys, "status", started["token"], "--wait", *conn(emu))
    assert end.returncode == 0, end.stderr
    status = json.loads(end.stdout)
    assert status["statusCode"] == "succeeded"
    assert status["logOutput"].startswith("Verifying file group #1...")
    assert status["logOutput"].endswith("Finished. No errors have been found.\r\n")


class _Terminal(io.StringIO):
    """A stream that says it is a terminal (its width: COLUMNS, set by the test)."""

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    "value, shown",
    [(1e308, "100%"), (1e9, "100%"), (10**400, None), (-5, "0%"), (float("inf"), None),
     (float("-inf"), None), (float("nan"), None), ("50", None)],
    ids=["1e308", "1e9", "10**400", "-5", "inf", "-inf", "nan", "text"],
)  # fmt: skip
def test_the_progress_survives_any_percentage(
    monkeypatch: pytest.MonkeyPatch, value: Any, shown: Optional[str]
) -> None:
    """Out of range: drawn at the nearest end; not a finite number: shown as unknown."""
    monkeypatch.setenv("COLUMNS", "80")
    running = {"statusCode": "running", "percentProgress": value, "statusText": "Verifying"}
    bar, plain = _Terminal(), io.StringIO()
    for stream in (bar, plain):
        progress = Progress("VerifyStore", stream)
        progress(running)
        progress(dict(running, percentProgress=50))
        progress.done()
    assert Progress.visible is False

    drawn = bar.getvalue().split("\r")
    assert max(len(line) for line in drawn) == 79
    first = re.fullmatch(r"VerifyStore \[([#.]{30})\] +(\S+) +Verifying *", drawn[1])
    assert first, drawn
    expected = {"100%": ("#" * 30, "100%"), "0%": ("." * 30, "0%"), None: ("." * 30, "...")}
    assert first.groups() == expected[shown]
    assert re.fullmatch(r"VerifyStore \[#{15}\.{15}\]  50% Verifying *", drawn[2])

    lines = plain.getvalue().splitlines()
    assert lines == [f"VerifyStore: {shown or 'running'} Verifying", "VerifyStore: 50% Verifying"]


@pytest.mark.skipif(not POSIX, reason="signals")
def test_ctrl_c_cancels_the_task_on_the_server(mailstore_emulator: Any) -> None:
    emu = mailstore_emulator
    emu.step_interval = 0.2
    process = subprocess.Popen(
        [sys.executable, "-c", WITH_CTRL_C, "call", "VerifyStore", "3", *conn(emu)],
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
    assert emu.stats.calls("cancel-async")[-1] == {"token": match.group(1)}
    after = json.loads(run("status", match.group(1), *conn(emu)).stdout)
    assert after["statusCode"] == "cancelled"


@pytest.mark.skipif(not POSIX, reason="pseudo-terminals")
def test_progress_bar_and_table_on_a_terminal(mailstore_emulator_session: Any) -> None:
    code, screen = run_on_terminal(
        ["call", "VerifyStore", "3", *conn(mailstore_emulator_session)], cli_env()
    )
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
