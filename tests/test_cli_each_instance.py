"""``mailstore call --spe --each-instance FILTER FUNCTION``: one JSON line per instance."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import time
from typing import Any, Dict, List

import pytest
from cli_helpers import WITH_CTRL_C, Result, cli, cli_env, conn

from mailstore.emulator.spe import SpeEmulator

ALL = ["acme", "bluesky", "contoso", "fabrikam", "globex", "initech", "northwind",
       "tailspin", "umbrella", "wayne", "wideworld", "woodgrove"]  # fmt: skip


def each(capsys: pytest.CaptureFixture[str], spe: SpeEmulator, *args: str) -> Result:
    return cli(capsys, "call", "--spe", *conn(spe), "--each-instance", *args)


def lines(result: Result) -> List[Dict[str, Any]]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_one_line_per_instance_in_order_and_exit_1_when_one_fails(
    capsys: pytest.CaptureFixture[str], spe: SpeEmulator
) -> None:
    done = each(capsys, spe, "*", "GetUsers")
    assert done.returncode == 1
    out = lines(done)
    assert [line["instanceID"] for line in out] == ALL
    by_id = {line["instanceID"]: line for line in out}
    assert {k for k, v in by_id.items() if "skipped" in v} == {"northwind", "tailspin", "umbrella"}
    assert by_id["northwind"] == {"instanceID": "northwind", "skipped": "frozen"}
    assert by_id["wayne"]["status"]["statusCode"] == "failed"
    assert by_id["acme"]["status"]["statusCode"] == "succeeded"
    assert "$archiveadmin" in [u["userName"] for u in by_id["acme"]["status"]["result"]]
    assert done.stderr.splitlines() == [
        "mailstore: error: wayne: GetUsers failed: Service provider access is disabled for "
        "instance 'wayne'.",
        "mailstore: GetUsers on 9 instance(s): 8 succeeded, 1 failed; 3 skipped (not running)",
    ]
    called = sorted(args["instanceID"] for args in spe.stats.calls("GetUsers"))
    assert called == sorted(set(ALL) - {"northwind", "tailspin", "umbrella"})


def test_result_mode_and_exit_0_when_all_succeed(
    capsys: pytest.CaptureFixture[str], spe: SpeEmulator
) -> None:
    done = each(capsys, spe, "*instancehost02", "GetStores", "includeSize=false", "-o", "result")
    assert done.returncode == 0, done.stderr
    out = lines(done)
    assert [list(line) for line in out if line["instanceID"] == "wayne"] == [
        ["instanceID", "result"]
    ]
    assert [line["instanceID"] for line in out if "result" in line] == [
        "wayne",
        "wideworld",
        "woodgrove",
    ]
    assert {a["includeSize"] for a in spe.stats.calls("GetStores")} == {"false"}


def test_include_not_running_and_a_task_keeps_its_whole_log(
    capsys: pytest.CaptureFixture[str], spe: SpeEmulator
) -> None:
    done = each(capsys, spe, "tailspin acme", "GetInstanceStatistics", "--include-not-running")
    assert done.returncode == 0, done.stderr
    assert [line["status"]["result"] is None for line in lines(done)] == [False, True]
    done = each(capsys, spe, "acme initech", "VerifyStore", "1", "--workers", "2")
    assert done.returncode == 0, done.stderr
    for line in lines(done):
        log = line["status"]["logOutput"]
        assert log.startswith("Verifying file group #1...") and "No errors have been found" in log


def test_an_error_is_a_line_of_its_own(
    capsys: pytest.CaptureFixture[str], spe: SpeEmulator
) -> None:
    done = each(capsys, spe, "acme bluesky", "GetUsersNext", "scope=all")
    assert done.returncode == 1
    out = lines(done)
    assert [line["instanceID"] for line in out] == ["acme", "bluesky"]
    assert all("has no such function (HTTP 404)" in line["error"] for line in out)
    assert "not in the spe catalog" in done.stderr
    sent = spe.stats.calls("GetUsersNext")  # the instance is named for an unknown function
    assert sorted(a["instanceID"] for a in sent) == ["acme", "bluesky"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--each-instance", "*", "GetUsers"], "--each-instance needs --spe"),
        (["--spe", "--instance", "acme", "--each-instance", "*", "GetUsers"], "exclude each other"),
        (["--spe", "--each-instance", "*", "GetServiceStatus"], "does not act on an instance"),
        (["--spe", "--each-instance", "*", "GetUsers", "-o", "table"], "prints JSON lines"),
    ],
)
def test_usage_errors(
    capsys: pytest.CaptureFixture[str], spe: SpeEmulator, args: List[str], message: str
) -> None:
    done = cli(capsys, "call", *conn(spe), *args)
    assert done.returncode == 2 and message in done.stderr and done.stdout == ""
    assert spe.stats.calls("GetInstances") == []


@pytest.mark.skipif(sys.platform == "win32", reason="signals")
def test_ctrl_c_cancels_the_tasks_on_every_instance(mailstore_spe_emulator: SpeEmulator) -> None:
    spe = mailstore_spe_emulator
    spe.step_interval = 0.05  # a VerifyStore takes about 3.5 s
    args = ["call", "--spe", *conn(spe), "--each-instance", "*", "VerifyStore", "1"]
    process = subprocess.Popen(
        [sys.executable, "-c", WITH_CTRL_C, *args, "--workers", "3"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(),
    )
    deadline = time.monotonic() + 20
    while len(spe.tasks.running()) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)  # until three workers follow a task
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=20)
    assert process.returncode == 130, err
    assert out == ""
    tokens = re.findall(r"asked the server to cancel task ([0-9a-f]{32})", err)
    assert len(tokens) == 3, err
    assert sorted(c["token"] for c in spe.stats.calls("cancel-async")) == sorted(tokens)
    assert len(spe.stats.calls("VerifyStore")) == 3  # no instance started after Ctrl-C
