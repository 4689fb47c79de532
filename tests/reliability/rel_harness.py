"""Reliability harness: an emulator in a separate process, load and soak runs.

Used by the tests in this folder and by ``bench/reliability_report.py``.

The load and soak runs measure the *client*: the emulator then runs in a child process
(``python rel_harness.py serve ...``) so that its threads, memory and sockets do not mix
with the client's. The child prints one JSON line with its address and then answers
commands on stdin, one per line: ``stats``, ``reset``, ``quit``.

``--lockstep`` makes every long-running task wait, after each status version, until a
reply has delivered that version to a client: the client then sees *every* version, so a
task of N updates really means N statuses through the client's polling loop.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import threading
import time
import tracemalloc
from typing import Any, Dict, List, Optional

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


# -- the emulator child process -------------------------------------------------------------


def _install_lockstep(emu: Any) -> None:
    """Each task step waits until its version was sent to a client (see module doc)."""
    tasks = emu.tasks
    original_start, original_apply = tasks.start, tasks._apply

    def start(function: str, plan: Any) -> Any:
        task = original_start(function, plan)
        raw_envelope = task.envelope

        def envelope(last_version: int) -> Dict[str, Any]:
            env = raw_envelope(last_version)
            with task.cond:
                task.delivered = max(getattr(task, "delivered", 0), env["statusVersion"])
                task.cond.notify_all()
            return env

        task.envelope = envelope
        return task

    def apply(task: Any, update: Any) -> None:
        original_apply(task, update)
        with task.cond:
            task.cond.wait_for(
                lambda: (
                    getattr(task, "delivered", 0) >= task.version
                    or task.cancel_requested
                    or tasks._closed
                ),
                timeout=30,
            )

    tasks.start, tasks._apply = start, apply


def serve_main(argv: List[str]) -> int:
    import argparse

    from mailstore.emulator import Emulator

    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--step-interval", type=float, default=0.02)
    parser.add_argument("--directory-users", type=int, default=0)
    parser.add_argument("--lockstep", action="store_true")
    options = parser.parse_args(argv)
    dataset: Optional[Dict[str, Any]] = None
    if options.directory_users:
        dataset = {
            "directoryUsers": [
                {
                    "userName": f"soak.user{i:05d}",
                    "fullName": f"Soak User {i}",
                    "emailAddresses": [f"soak.user{i:05d}@example.com"],
                    "distinguishedName": f"CN=Soak User {i},OU=Soak,DC=example,DC=com",
                }
                for i in range(options.directory_users)
            ]
        }
    emu = Emulator(
        data_dir=options.data_dir, step_interval=options.step_interval, dataset=dataset
    ).start()
    if options.lockstep:
        _install_lockstep(emu)
    print(json.dumps({"host": emu.host, "port": emu.port, "ca_file": emu.ca_file}), flush=True)
    for line in sys.stdin:
        command = line.strip()
        if command == "stats":
            stats = emu.stats
            reply = {
                "connections": stats.connections,
                "requests": stats.requests,
                "by_path": dict(stats.requests_by_path),
            }
            print(json.dumps(reply), flush=True)
        elif command == "reset":
            emu.stats.reset()
            print("{}", flush=True)
        else:
            break
    emu.stop()
    return 0


class EmuProcess:
    """An emulator in a child process (``with EmuProcess(dir) as srv: srv.port ...``)."""

    def __init__(self, data_dir: str, **options: Any) -> None:
        args = [sys.executable, os.path.abspath(__file__), "serve", "--data-dir", data_dir]
        for name, value in options.items():
            flag = "--" + name.replace("_", "-")
            if value is True:
                args.append(flag)
            elif value is not None and value is not False:
                args += [flag, str(value)]
        env = dict(os.environ, PYTHONPATH=REPO + os.pathsep + os.environ.get("PYTHONPATH", ""))
        self._proc = subprocess.Popen(
            args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
        )
        assert self._proc.stdout is not None
        first = self._proc.stdout.readline()
        if not first:
            self._proc.kill()
            raise RuntimeError("the emulator process did not start")
        info = json.loads(first)
        self.host, self.port, self.ca_file = info["host"], info["port"], info["ca_file"]

    def _ask(self, command: str) -> Dict[str, Any]:
        assert self._proc.stdin is not None and self._proc.stdout is not None
        self._proc.stdin.write(command + "\n")
        self._proc.stdin.flush()
        return dict(json.loads(self._proc.stdout.readline()))

    def stats(self) -> Dict[str, Any]:
        return self._ask("stats")

    def reset(self) -> None:
        self._ask("reset")

    def close(self) -> None:
        if self._proc.poll() is None:
            try:
                assert self._proc.stdin is not None
                self._proc.stdin.write("quit\n")
                self._proc.stdin.flush()
                self._proc.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                self._proc.kill()
                self._proc.wait()
        for stream in (self._proc.stdin, self._proc.stdout):
            if stream is not None:
                stream.close()

    def client(self, **kw: Any) -> Any:
        import mailstore

        kw.setdefault("logLevel", 0)
        return mailstore.mgmt.ServerClient(
            host=self.host, port=self.port, caBundle=self.ca_file, **kw
        )

    def __enter__(self) -> EmuProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# -- measurements ---------------------------------------------------------------------------


def count_fds() -> Optional[int]:
    """Open file descriptors of this process (None where /proc is missing)."""
    try:
        return len(os.listdir("/proc/self/fd"))
    except OSError:
        return None


def rss_bytes() -> Optional[int]:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def run_load(
    data_dir: str, threads: int = 16, calls: int = 1000, pool_size: Optional[int] = 16
) -> Dict[str, Any]:
    """``threads`` threads share one client; each makes ``calls`` GetUserInfo calls.

    Returns the figures; ``errors`` and ``mismatches`` list what went wrong (a reply that
    is not the requested user's is a mismatch).
    """
    with EmuProcess(data_dir) as srv:
        options = {} if pool_size is None else {"poolSize": pool_size}
        client = srv.client(**options)
        users = [u["userName"] for u in client.GetUsers()["result"]]
        client.close()
        srv.reset()
        errors: List[str] = []
        mismatches: List[str] = []
        latencies: List[float] = []
        lock = threading.Lock()
        barrier = threading.Barrier(threads + 1)

        def work(offset: int) -> None:
            mine: List[float] = []
            barrier.wait()
            for k in range(calls):
                name = users[(offset + k) % len(users)]
                started = time.perf_counter()
                try:
                    status = client.GetUserInfo(name)
                    got = (status.get("result") or {}).get("userName")
                    if got != name:
                        with lock:
                            mismatches.append(f"{name} -> {got}")
                except Exception as exc:  # noqa: BLE001 - every failure is a finding
                    with lock:
                        errors.append(repr(exc))
                mine.append(time.perf_counter() - started)
            with lock:
                latencies.extend(mine)

        workers = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
        for w in workers:
            w.start()
        barrier.wait()
        started = time.perf_counter()
        for w in workers:
            w.join()
        seconds = time.perf_counter() - started
        stats = srv.stats()
        client.close()
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000

    return {
        "threads": threads,
        "calls_per_thread": calls,
        "calls": threads * calls,
        "pool_size": pool_size if pool_size is not None else 10,
        "errors": errors,
        "mismatches": mismatches,
        "seconds": seconds,
        "calls_per_second": threads * calls / seconds,
        "p50_ms": pct(0.50),
        "p99_ms": pct(0.99),
        "max_ms": latencies[-1] * 1000,
        "connections": stats["connections"],
        "server_invokes": stats["by_path"].get("/api/invoke/GetUserInfo", 0),
    }


def run_soak(data_dir: str, updates: int = 10000, warmup: int = 500) -> Dict[str, Any]:
    """Follow one task of ``updates`` status versions; measure the client's memory and fds.

    The task is SyncUsersWithDirectoryServices(dryRun=True) over a directory of
    ``updates - 2`` new users (two more versions come before the first user), run in
    lockstep so that the client's callback sees every version.
    """
    with EmuProcess(
        data_dir, directory_users=max(1, updates - 2), lockstep=True, step_interval=0
    ) as srv:
        gc.collect()
        fds_before = count_fds()
        seen = {"count": 0, "last": 0, "gaps": 0}
        marks: Dict[str, Any] = {}

        def callback(status: Dict[str, Any]) -> None:
            seen["count"] += 1
            version = status["statusVersion"]
            if seen["last"] and version != seen["last"] + 1:
                seen["gaps"] += 1
            seen["last"] = version
            if seen["count"] == warmup:
                gc.collect()
                marks["traced_warm"] = tracemalloc.get_traced_memory()[0]
                marks["rss_warm"] = rss_bytes()
                marks["fds_warm"] = count_fds()

        client = srv.client(callback=callback, waitTime=5000)
        tracemalloc.start()
        try:
            started = time.perf_counter()
            final = client.call("SyncUsersWithDirectoryServices", {"dryRun": True})
            seconds = time.perf_counter() - started
            gc.collect()
            traced_end, traced_peak = tracemalloc.get_traced_memory()
            rss_end = rss_bytes()
            fds_end = count_fds()
        finally:
            tracemalloc.stop()
        stats = srv.stats()
        client.close()
        gc.collect()
        fds_closed = count_fds()
    return {
        "updates_seen": seen["count"],
        "version_gaps": seen["gaps"],
        "final_status": final["statusCode"],
        "final_version": final["statusVersion"],
        "seconds": seconds,
        "polls": stats["by_path"].get("/api/get-status", 0),
        "connections": stats["connections"],
        "traced_growth_bytes": traced_end - marks.get("traced_warm", traced_end),
        "traced_peak_bytes": traced_peak,
        "rss_growth_bytes": (rss_end or 0) - (marks.get("rss_warm") or rss_end or 0),
        "fds_before": fds_before,
        "fds_during": marks.get("fds_warm"),
        "fds_end": fds_end,
        "fds_after_close": fds_closed,
    }


if __name__ == "__main__":
    if sys.argv[1:2] == ["serve"]:
        sys.exit(serve_main(sys.argv[2:]))
    print("usage: rel_harness.py serve --data-dir DIR [--step-interval S] [--lockstep]")
    sys.exit(2)
