"""Long-running functions: tokens, versions, long polls, logOutput, cancel and expiry."""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path
from typing import Any, Dict, Iterator

import pytest
from emu_helpers import ENVELOPE_KEYS, ApiClient

from mailstore.emulator import Emulator
from mailstore.emulator.errors import ApiError
from mailstore.emulator.tasks import Update

SEED_TRANSCRIPT = (
    "Verifying file group #3...\r\n"
    "Creating a list of messages to be verified...\r\n"
    "1249 messages are about to be verified.\r\n"
    "Verifying...\r\n"
    + "".join(f"  {n} messages verified...\r\n" for n in range(100, 1300, 100))
    + "  1249 messages verified.\r\n"
    "Finished. No errors have been found.\r\n"
)


def test_verify_store_reproduces_the_seed_transcript(api: ApiClient) -> None:
    final, log, statuses = api.run("VerifyStore", id=3, includeIndexes=True)
    assert log == SEED_TRANSCRIPT
    assert final["statusCode"] == "succeeded"
    assert final["statusVersion"] == 71
    assert final["percentProgress"] == 100
    assert final["result"] is None and final["error"] is None and final["statusText"] is None
    first = statuses[0]
    assert first["statusCode"] == "running"
    assert re.fullmatch(r"[0-9a-f]{32}", first["token"])
    assert all(s["token"] == first["token"] for s in statuses)
    versions = [s["statusVersion"] for s in statuses]
    assert versions == sorted(set(versions))  # strictly growing
    for status in statuses:
        assert list(status) == ENVELOPE_KEYS
        assert isinstance(status["logOutput"], str)
        assert isinstance(status["percentProgress"], int)


def test_store_1_has_another_count_but_also_about_71_versions(api: ApiClient) -> None:
    final, log, _ = api.run("VerifyStore", id=1, includeIndexes=False)
    assert log.startswith("Verifying file group #1...\r\n")
    assert "1249" not in log
    assert 60 <= final["statusVersion"] <= 75


def test_progress_and_status_text_move(slow_srv: Emulator) -> None:
    api = ApiClient(slow_srv)
    status = api.invoke("VerifyStore", id=3, includeIndexes=False)
    percents = []
    texts = set()
    while status["statusCode"] == "running":
        percents.append(status["percentProgress"])
        texts.add(status["statusText"])
        status = api.get_status(status["token"], status["statusVersion"], 2000)
        if len(percents) > 12:
            api.cancel(status["token"])
    api.close()
    assert percents[-1] > percents[0]
    assert percents == sorted(percents)
    assert "Verifying file group #3" in texts


def test_log_output_carries_only_new_lines(slow_srv: Emulator) -> None:
    api = ApiClient(slow_srv)
    first = api.invoke("VerifyStore", id=3, includeIndexes=False)
    time.sleep(0.3)
    # Asking again from the same version repeats nothing older than that version.
    again = api.get_status(first["token"], first["statusVersion"], 0)
    assert not again["logOutput"].startswith("Verifying file group")
    # From version 0 the whole log so far is returned.
    everything = api.get_status(first["token"], 0, 0)
    assert everything["logOutput"].startswith(first["logOutput"])
    # Polling with the current version and no wait gives the same version and no lines.
    same = api.get_status(first["token"], everything["statusVersion"], 0)
    if same["statusVersion"] == everything["statusVersion"]:
        assert same["logOutput"] == ""
    api.cancel(first["token"])
    api.close()


def test_long_poll_returns_at_once_when_a_newer_version_exists(slow_srv: Emulator) -> None:
    api = ApiClient(slow_srv)
    status = api.invoke("VerifyStore", id=3, includeIndexes=False)
    time.sleep(0.2)
    started = time.monotonic()
    newer = api.get_status(status["token"], status["statusVersion"], 5000)
    assert time.monotonic() - started < 0.5
    assert newer["statusVersion"] > status["statusVersion"]
    api.cancel(status["token"])
    api.close()


def test_long_poll_waits_for_the_next_version(mailstore_emulator_data_dir: Path) -> None:
    with Emulator(data_dir=mailstore_emulator_data_dir, step_interval=0.6) as srv:
        api = ApiClient(srv)
        status = api.invoke("VerifyStore", id=3, includeIndexes=False)
        latest = api.get_status(status["token"], 0, 0)
        started = time.monotonic()
        newer = api.get_status(status["token"], latest["statusVersion"], 3000)
        waited = time.monotonic() - started
        assert newer["statusVersion"] == latest["statusVersion"] + 1
        assert 0.1 < waited < 1.5
        api.cancel(status["token"])
        api.close()


def test_long_poll_times_out_with_the_same_version(mailstore_emulator_data_dir: Path) -> None:
    with Emulator(data_dir=mailstore_emulator_data_dir, step_interval=5) as srv:
        api = ApiClient(srv)
        status = api.invoke("VerifyStore", id=3, includeIndexes=False)
        started = time.monotonic()
        same = api.get_status(status["token"], status["statusVersion"], 300)
        waited = time.monotonic() - started
        assert 0.25 < waited < 1.5
        assert same["statusVersion"] == status["statusVersion"]
        assert same["statusCode"] == "running" and same["logOutput"] == ""
        # Without millisecondsTimeout the answer comes at once.
        started = time.monotonic()
        response = api.post(
            "/api/get-status", {"token": status["token"], "lastKnownStatusVersion": 99}
        )
        assert response.status == 200 and time.monotonic() - started < 0.5
        api.cancel(status["token"])
        api.close()


def test_final_status_wakes_waiters_promptly(mailstore_emulator_data_dir: Path) -> None:
    with Emulator(data_dir=mailstore_emulator_data_dir, step_interval=0.1) as srv:
        api = ApiClient(srv)
        status = api.invoke("CompactMasterDatabase")
        while status["statusCode"] == "running":
            started = time.monotonic()
            status = api.get_status(status["token"], status["statusVersion"], 10000)
            assert time.monotonic() - started < 1.0
        assert status["statusCode"] == "succeeded"
        api.close()


def test_cancel_during_a_blocked_long_poll(mailstore_emulator_data_dir: Path) -> None:
    with Emulator(data_dir=mailstore_emulator_data_dir, step_interval=30) as srv:
        poller, canceller = ApiClient(srv), ApiClient(srv)
        status = poller.invoke("VerifyStore", id=3, includeIndexes=False)
        token = status["token"]
        result: Dict[str, Any] = {}

        def poll() -> None:
            result["status"] = poller.get_status(token, status["statusVersion"], 20000)

        thread = threading.Thread(target=poll)
        started = time.monotonic()
        thread.start()
        time.sleep(0.3)
        response = canceller.cancel(token)
        assert response.status == 200
        cancel_reply = response.json()
        assert cancel_reply["statusCode"] == "succeeded" and cancel_reply["result"] is None
        thread.join(5)
        assert not thread.is_alive()
        assert time.monotonic() - started < 3
        final = result["status"]
        assert final["statusCode"] == "cancelled"
        assert final["error"]["message"] == "The operation has been cancelled."
        assert final["token"] == token
        # The final status stays readable afterwards.
        again = canceller.get_status(token, 0, 0)
        assert again["statusCode"] == "cancelled"
        assert again["statusVersion"] == final["statusVersion"]
        poller.close()
        canceller.close()


def test_cancelled_profile_run_leaves_a_cancelled_worker_result(
    mailstore_emulator_data_dir: Path,
) -> None:
    with Emulator(data_dir=mailstore_emulator_data_dir, step_interval=0.2) as srv:
        api = ApiClient(srv)
        status = api.invoke("RunProfile", id=1)
        assert status["statusCode"] == "running"
        api.cancel(status["token"])
        final = api.get_status(status["token"], status["statusVersion"], 3000)
        assert final["statusCode"] == "cancelled"
        assert srv.state.data["workerResults"][-1]["result"] == "cancelled"
        api.close()


def test_unknown_token_is_404(api: ApiClient) -> None:
    response = api.post(
        "/api/get-status",
        {"token": "0" * 32, "lastKnownStatusVersion": 1, "millisecondsTimeout": 10},
    )
    assert response.status == 404
    assert response.json()["statusCode"] == "failed"
    assert api.cancel("f" * 32).status == 404


def test_finished_tasks_are_forgotten_after_a_while(mailstore_emulator_data_dir: Path) -> None:
    with Emulator(
        data_dir=mailstore_emulator_data_dir, step_interval=0.05, task_retention=0.3
    ) as srv:
        api = ApiClient(srv)
        final, _, _ = api.run("CompactMasterDatabase")
        assert final["token"] is not None
        assert api.get_status(final["token"], 0, 0)["statusCode"] == "succeeded"
        time.sleep(0.6)
        response = api.post(
            "/api/get-status", {"token": final["token"], "lastKnownStatusVersion": 0}
        )
        assert response.status == 404
        api.close()


def test_get_status_needs_a_token(api: ApiClient) -> None:
    data = api.post("/api/get-status", {"lastKnownStatusVersion": 1}).json()
    assert data["statusCode"] == "failed"
    assert data["error"]["message"] == "Missing API argument token."


def test_task_failing_at_once_answers_synchronously(api: ApiClient) -> None:
    unknown = api.invoke("VerifyStore", id=42, includeIndexes=False)
    assert unknown["statusCode"] == "failed"
    assert unknown["token"] is None and unknown["statusVersion"] == 2
    assert "42" in unknown["error"]["message"]
    disabled = api.invoke("VerifyStore", id=4, includeIndexes=False)
    assert disabled["statusCode"] == "failed" and "disabled" in disabled["error"]["message"]


def test_short_task_finishing_within_invoke_wait_is_synchronous(
    mailstore_emulator_data_dir: Path,
) -> None:
    with Emulator(
        data_dir=mailstore_emulator_data_dir, step_interval=0.001, invoke_wait=2.0
    ) as srv:
        api = ApiClient(srv)
        data = api.invoke("CompactMasterDatabase")
        assert data["statusCode"] == "succeeded"
        assert data["token"] is None and data["statusVersion"] == 2
        assert data["logOutput"].endswith("Finished.\r\n")
        api.close()


def test_task_failing_midway_reports_failed_with_its_log(srv: Emulator, api: ApiClient) -> None:
    def plan() -> Iterator[Update]:
        yield Update(["Step one done."], 40, "Working")
        raise ApiError("The disk is full.", "System.IO.IOException")

    task = srv.tasks.start("CreateBackup", plan())
    final = api.get_status(task.token, 0, 3000)
    log = final["logOutput"]
    while final["statusCode"] == "running":
        final = api.get_status(task.token, final["statusVersion"], 3000)
        log += final["logOutput"]
    assert final["statusCode"] == "failed"
    assert final["token"] == task.token and final["result"] is None
    assert final["error"]["message"] == "The disk is full."
    assert final["error"]["details"].startswith("System.IO.IOException: The disk is full.\r\n")
    assert log == "Step one done.\r\n"


@pytest.mark.parametrize(
    "function,args",
    [
        ("CreateBackup", {"path": "E:\\Backup"}),
        ("SyncUsersWithDirectoryServices", {}),
        ("RebuildStoreIndex", {"id": 3, "folder": "anna.schmidt"}),
        ("VerifyStores", {"includeIndexes": True}),
    ],
)
def test_other_long_running_functions_run_as_tasks(
    slow_srv: Emulator, function: str, args: Dict[str, Any]
) -> None:
    api = ApiClient(slow_srv)
    first = api.invoke(function, **args)
    assert first["statusCode"] == "running" and first["token"]
    api.cancel(first["token"])
    final = api.get_status(first["token"], first["statusVersion"], 3000)
    while final["statusCode"] == "running":
        final = api.get_status(first["token"], final["statusVersion"], 3000)
    assert final["statusCode"] in ("cancelled", "succeeded")
    api.close()


def test_double_slash_paths_of_the_2014_wrapper(slow_srv: Emulator) -> None:
    api = ApiClient(slow_srv)
    try:
        status = api.invoke("VerifyStore", id=3, includeIndexes=False)
        args = {"token": status["token"], "lastKnownStatusVersion": status["statusVersion"],
                "millisecondsTimeout": 2000}  # fmt: skip
        polled = api.post("/api//get-status", args)
        assert polled.status == 200
        assert polled.json()["statusVersion"] > status["statusVersion"]
        cancelled = api.post("/api//cancel-async", {"token": status["token"]})
        assert cancelled.status == 200 and cancelled.json()["statusCode"] == "succeeded"
        args["lastKnownStatusVersion"] = 0
        final = api.post("/api//get-status", args).json()
        while final["statusCode"] == "running":
            args["lastKnownStatusVersion"] = final["statusVersion"]
            final = api.post("/api//get-status", args).json()
        assert final["statusCode"] == "cancelled"
        assert api.post("/api///get-status", args).status == 404
        assert api.post("/api//GetServerInfo").status == 404
    finally:
        api.close()
