"""Many clients and long polls at once."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Dict, List

from emu_helpers import ApiClient

from mailstore.emulator import Emulator


def test_twenty_long_polls_and_calls_at_once(mailstore_emulator_data_dir: Path) -> None:
    with Emulator(data_dir=mailstore_emulator_data_dir, step_interval=30) as srv:
        starter = ApiClient(srv)
        tasks = [starter.invoke("CompactMasterDatabase") for _ in range(20)]
        starter.close()
        assert all(t["statusCode"] == "running" for t in tasks)

        def long_poll(task: Dict[str, Any]) -> Dict[str, Any]:
            client = ApiClient(srv)
            try:
                return client.get_status(task["token"], task["statusVersion"], 2500)
            finally:
                client.close()

        def calls(_: int) -> List[int]:
            client = ApiClient(srv)
            try:
                return [client.post("/api/invoke/GetUsers").status for _ in range(10)]
            finally:
                client.close()

        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=30) as pool:
            polls = [pool.submit(long_poll, t) for t in tasks]
            workers = [pool.submit(calls, i) for i in range(8)]
            call_statuses = [s for w in workers for s in w.result(timeout=20)]
            call_time = time.monotonic() - started
            poll_results = [p.result(timeout=20) for p in polls]
        assert call_statuses == [200] * 80
        assert call_time < 2.0  # the blocked long polls (2.5 s) do not hold up other clients
        assert all(r["statusCode"] == "running" for r in poll_results)
        assert time.monotonic() - started < 6.0  # the polls ran side by side, not in a row


def test_parallel_clients_change_state_consistently(srv: Emulator) -> None:
    def create(index: int) -> str:
        client = ApiClient(srv)
        try:
            return str(
                client.invoke("CreateUser", userName=f"bulk{index}", privileges="login")[
                    "statusCode"
                ]
            )
        finally:
            client.close()

    with ThreadPoolExecutor(max_workers=16) as pool:
        outcomes = list(pool.map(create, range(48)))
    assert outcomes == ["succeeded"] * 48
    names = {u["userName"] for u in srv.state.users}
    assert {f"bulk{i}" for i in range(48)} <= names


def test_stop_releases_blocked_long_polls(mailstore_emulator_data_dir: Path) -> None:
    srv = Emulator(data_dir=mailstore_emulator_data_dir, step_interval=30).start()
    client = ApiClient(srv)
    task = client.invoke("CompactMasterDatabase")
    done = threading.Event()

    def poll() -> None:
        try:
            client.get_status(task["token"], task["statusVersion"], 20000)
        except Exception:
            pass
        done.set()

    thread = threading.Thread(target=poll)
    thread.start()
    time.sleep(0.2)
    started = time.monotonic()
    srv.stop()
    assert done.wait(5)
    assert time.monotonic() - started < 2
    thread.join()
    client.close()
