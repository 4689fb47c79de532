"""``mailstore health --format nagios`` from process start to exit, next to ``import requests``.

    python bench/health.py            # 21 rounds
    python bench/health.py --quick    # 3 rounds: checks that it works (figures meaningless)

The check runs against the emulator with its default dataset, in a child process. Each
round starts both commands as fresh processes (``python -m mailstore health --format
nagios`` and ``python -c "import requests"``), in alternating order; every figure is the
median over the rounds and the ratio the median of the per-round ratios, as in
``bench/run.py``. The target is a check that takes at most 2.5 times as long as importing
requests. A second row does the same with ``--spe`` against an SPE emulator with 100
running instances (no target: it shows what checking many instances adds).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from typing import Dict, List, Optional

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from emuserver import EmulatorProcess  # noqa: E402
from run import Row, machine, median, ms, table  # noqa: E402

TARGET = 2.5
SPE_INSTANCES = 100
HEALTH = [sys.executable, "-m", "mailstore", "health", "--format", "nagios"]
REQUESTS = [sys.executable, "-c", "import requests"]


def wall_time(command: List[str], env: Dict[str, str], check_output: bool) -> float:
    """Seconds from starting ``command`` to its exit."""
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    took = time.perf_counter() - started
    if check_output and not done.stdout.startswith("MAILSTORE "):
        raise RuntimeError(f"the check printed no status line: {done.stdout!r} {done.stderr!r}")
    return took


def bench_health(
    emu: EmulatorProcess, rounds: int, name: str, options: List[str], target: Optional[float]
) -> Row:
    """The row of ``mailstore health --format nagios OPTIONS`` against ``emu``."""
    commands = {"health": HEALTH + options, "requests": REQUESTS}
    env = dict(
        os.environ,
        MAILSTORE_HOST=emu.host,
        MAILSTORE_PORT=str(emu.port),
        MAILSTORE_USERNAME="admin",
        MAILSTORE_PASSWORD="admin",
        MAILSTORE_CA_BUNDLE=emu.ca_file,
    )
    times: Dict[str, List[float]] = {command: [] for command in commands}
    for number in range(rounds):
        order = list(commands) if number % 2 == 0 else list(reversed(commands))
        for command in order:
            times[command].append(wall_time(commands[command], env, command == "health"))
    ratio = median([a / b for a, b in zip(times["health"], times["requests"])])
    return Row(
        name,
        ms(median(times["health"])),
        ms(median(times["requests"])),
        f"{ratio:.2f}x",
        f"<= {target}x" if target else "",
        ratio <= target if target else None,
    )


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 rounds (a smoke run)")
    parser.add_argument("--rounds", type=int, default=21, help="rounds (21)")
    options = parser.parse_args(argv)
    rounds = 3 if options.quick else options.rounds
    os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")
    print(f"# mailstore health{' (quick mode: figures are not meaningful)' * options.quick}")
    print(f"command: python bench/health.py {' '.join(sys.argv[1:] if argv is None else argv)}")
    print(f"machine: {machine()}")
    with EmulatorProcess() as emu:
        print(f"emulator: {emu.where}, https://{emu.host}:{emu.port}, default dataset", flush=True)
        name = "mailstore health --format nagios (process start to exit) vs python -c 'import requests'"
        rows = [bench_health(emu, rounds, name, [], TARGET)]
    with EmulatorProcess(spe_instances=SPE_INSTANCES) as spe:
        print(f"SPE emulator: {spe.where}, {SPE_INSTANCES} running instances", flush=True)
        name = f"SPE, {SPE_INSTANCES} instances: the same with --spe"
        rows.append(bench_health(spe, rounds, name, ["--spe"], None))
    print()
    print(table(rows, options.quick))
    return 0


if __name__ == "__main__":
    sys.exit(main())
