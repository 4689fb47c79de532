"""Load (threads sharing one client) and soak (one very long task), measured on the client.

The default run uses reduced sizes; ``MAILSTORE_RELIABILITY_FULL=1`` (or
``bench/reliability_report.py``) runs the full ones: 16 threads x 1,000 calls and a task
of 10,000 status updates.
"""

from __future__ import annotations

import os
import sys

import pytest
from rel_harness import run_load, run_soak

FULL = os.environ.get("MAILSTORE_RELIABILITY_FULL") == "1"
CALLS = 1000 if FULL else 100
UPDATES = 10000 if FULL else 1000
MB = 1024 * 1024


@pytest.mark.parametrize("pool_size", [16, None], ids=["poolSize=16", "default-pool-10"])
def test_sixteen_threads_share_one_client(mailstore_emulator_data_dir: str, pool_size: int) -> None:
    r = run_load(mailstore_emulator_data_dir, threads=16, calls=CALLS, pool_size=pool_size)
    assert r["errors"] == [] and r["mismatches"] == []
    assert r["server_invokes"] == 16 * CALLS  # each call reached the server exactly once
    assert 1 <= r["connections"] <= r["pool_size"], r


def test_threads_waiting_for_a_connection_are_served_in_turn(
    mailstore_emulator_data_dir: str,
) -> None:
    # 16 threads, 2 connections: a waiting thread must not be overtaken again and again by
    # threads that just returned a connection (urllib3's pool alone let one call wait for
    # the whole run, ~2 s here; in turn the longest wait is a few tens of ms).
    r = run_load(mailstore_emulator_data_dir, threads=16, calls=200, pool_size=2)
    assert r["errors"] == [] and r["mismatches"] == [] and r["connections"] <= 2
    assert r["max_ms"] < 1000, r


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="counts /proc/self/fd")
def test_long_task_memory_and_descriptors_stay_flat(mailstore_emulator_data_dir: str) -> None:
    r = run_soak(mailstore_emulator_data_dir, updates=UPDATES)
    assert r["final_status"] == "succeeded"
    assert r["updates_seen"] >= UPDATES and r["version_gaps"] == 0, r
    assert r["traced_growth_bytes"] < 5 * MB, r
    assert r["rss_growth_bytes"] < 5 * MB, r
    assert r["connections"] == 1, r  # one keep-alive connection for every poll
    assert r["fds_during"] == r["fds_end"] == r["fds_before"] + 1, r  # that connection
    assert r["fds_after_close"] == r["fds_before"], r


def test_fair_gate_hands_places_over_in_arrival_order() -> None:
    import threading
    import time

    from mailstore._pool import FairGate

    gate = FairGate(1)
    order: list = []
    gate.__enter__()  # the one place is taken
    threads = []
    for n in range(5):
        t = threading.Thread(
            target=lambda n=n: (gate.__enter__(), order.append(n), gate.__exit__())
        )
        t.start()
        threads.append(t)
        time.sleep(0.05)  # each thread is waiting before the next one arrives
    gate.__exit__()
    for t in threads:
        t.join(5)
    assert order == [0, 1, 2, 3, 4]
    with gate:  # the place is free again
        pass
