"""Run a MailStore emulator for the benchmarks, in this process or in a child process.

It runs a MailStore Server emulator, or with ``spe_instances`` an SPE emulator with
that many instances. The throughput benchmarks run the emulator in a child process by
default, so that the client and the server do not take turns on one GIL (see
docs/performance.md for the measurement behind that choice). The child is this file run as a script: it
prints one JSON line with its address and then obeys one JSON command per line on
stdin (add latency, clear faults, tell when a task ended or how much CPU it used, stop).

:class:`EmulatorProcess` and :class:`EmulatorInProcess` offer the same small
interface to ``bench/run.py``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from typing import Any, Dict, List, Optional

DATA_DIR = os.path.join(tempfile.gettempdir(), "mailstore-bench-certs")


def dataset_with_users(extra_users: int) -> Optional[Dict[str, Any]]:
    """The default dataset plus ``extra_users`` generated users (None: just the default)."""
    if not extra_users:
        return None
    from mailstore.emulator import default_dataset

    data = default_dataset()
    template = data["users"][-1]  # an ordinary user with no privileges
    users: List[Dict[str, Any]] = data["users"]
    for number in range(extra_users):
        name = f"user{number:06d}"
        user = dict(template)
        user.update(
            userName=name,
            fullName=f"Generated User {number}",
            distinguishedName=f"CN=Generated User {number},OU=Bench,DC=example,DC=com",
            emailAddresses=[f"{name}@example.com"],
            privileges=["login"],
            privilegesOnFolders=[{"folder": name, "privileges": ["read"]}],
        )
        users.append(user)
    return data


def spe_dataset(instances: int) -> Dict[str, Any]:
    """The default SPE dataset with ``instances`` running instances in place of its twelve."""
    from mailstore.emulator.spe import default_spe_dataset
    from mailstore.emulator.spe.dataset import HOSTS, make_instance, new_instance_archive

    data = default_spe_dataset()
    data["instances"] = []
    for number in range(instances):
        host = HOSTS[number % len(HOSTS)]
        record = make_instance(f"customer{number:03d}", host, process_id=5000 + number)
        record["archive"] = new_instance_archive(host)
        data["instances"].append(record)
    return data


def make_emulator(extra_users: int = 0, step_interval: float = 0.02, spe_instances: int = 0) -> Any:
    """A started emulator: Server with the default dataset plus generated users, or SPE."""
    if spe_instances:
        from mailstore.emulator.spe import SpeEmulator

        spe = SpeEmulator(
            data_dir=DATA_DIR, dataset=spe_dataset(spe_instances), step_interval=step_interval
        )
        return spe.start()
    from mailstore.emulator import Emulator

    emu = Emulator(
        data_dir=DATA_DIR, dataset=dataset_with_users(extra_users), step_interval=step_interval
    )
    return emu.start()


def _answer(emu: Any, command: Dict[str, Any]) -> Any:
    """Carry out one control command on the emulator; return a JSON-able answer."""
    name = command["cmd"]
    if name == "latency":
        emu.faults.latency(command["seconds"], function=command.get("function"))
        return None
    if name == "clear":
        emu.faults.clear()
        return None
    if name == "finished_at":
        task = emu.tasks.get(command["token"])
        return None if task is None else task.finished_at
    if name == "stats":
        return {"connections": emu.stats.connections, "requests": emu.stats.requests}
    if name == "cpu":  # CPU seconds of the emulator's process so far
        return time.process_time()
    raise ValueError(f"unknown command {name!r}")


def serve(extra_users: int, step_interval: float, spe_instances: int) -> None:
    """The child process: start the emulator, report its address, obey commands."""
    emu = make_emulator(extra_users, step_interval, spe_instances)
    info = {"host": emu.host, "port": emu.port, "ca_file": emu.ca_file, "pid": os.getpid()}
    print(json.dumps(info), flush=True)
    try:
        for line in sys.stdin:
            command = json.loads(line)
            if command["cmd"] == "stop":
                break
            print(json.dumps({"answer": _answer(emu, command)}), flush=True)
    finally:
        emu.stop()


class EmulatorInProcess:
    """An emulator running on threads of this process."""

    where = "in-process"

    def __init__(
        self, extra_users: int = 0, step_interval: float = 0.02, spe_instances: int = 0
    ) -> None:
        self.emu = make_emulator(extra_users, step_interval, spe_instances)
        self.host, self.port, self.ca_file = self.emu.host, self.emu.port, self.emu.ca_file

    def command(self, cmd: str, **kw: Any) -> Any:
        return _answer(self.emu, dict(kw, cmd=cmd))

    def close(self) -> None:
        self.emu.stop()

    def __enter__(self) -> EmulatorInProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class EmulatorProcess:
    """An emulator running in a child Python process, driven over its stdin/stdout.

    ``finished_at`` answers are ``time.monotonic()`` readings of the child; on Linux,
    Windows and macOS that clock is system-wide, so they compare with the parent's.
    """

    where = "separate process"

    def __init__(
        self, extra_users: int = 0, step_interval: float = 0.02, spe_instances: int = 0
    ) -> None:
        script = os.path.abspath(__file__)
        self.proc = subprocess.Popen(
            [sys.executable, script, str(extra_users), str(step_interval), str(spe_instances)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("the emulator process did not start")
        info = json.loads(line)
        self.host, self.port, self.ca_file = info["host"], info["port"], info["ca_file"]

    def command(self, cmd: str, **kw: Any) -> Any:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps(dict(kw, cmd=cmd)) + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())["answer"]

    def close(self) -> None:
        if self.proc.poll() is None:
            assert self.proc.stdin is not None
            try:
                self.proc.stdin.write(json.dumps({"cmd": "stop"}) + "\n")
                self.proc.stdin.close()
            except OSError:
                pass
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def __enter__(self) -> EmulatorProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


if __name__ == "__main__":
    serve(int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]))
