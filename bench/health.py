"""``mailstore health --format nagios`` from process start to exit, next to ``import requests``.

    python bench/health.py            # 21 rounds
    python bench/health.py --quick    # 3 rounds: checks that it works (figures meaningless)

The check runs against the emulator with its default dataset, in a child process. Each
round starts both commands as fresh processes (``python -m mailstore health --format
nagios`` and ``python -c "import requests"``), in alternating order; every figure is the
median over the rounds and the ratio the median of the per-round ratios, as in
``bench/run.py``. The target is a check that takes at most 2.5 times as long as importing
requests.
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
COMMANDS = {
    "health": [sys.executable, "-m", "mailstore", "health", "--format", "nagios"],
    "requests": [sys.executable, "-c", "import requests"],
}


def wall_time(command: List[str], env: Dict[str, str], check_output: bool) -> float:
    """Seconds from starting ``command`` to its exit."""
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    took = time.perf_counter() - started
    if check_output and not done.stdout.startswith("MAILSTORE "):
        raise RuntimeError(f"the check printed no status line: {done.stdout!r} {done.stderr!r}")
    return took


def bench_health(emu: EmulatorProcess, rounds: int) -> Row:
    env = dict(
        os.environ,
        MAILSTORE_HOST=emu.host,
        MAILSTORE_PORT=str(emu.port),
        MAILSTORE_USERNAME="admin",
        MAILSTORE_PASSWORD="admin",
        MAILSTORE_CA_BUNDLE=emu.ca_file,
    )
    times: Dict[str, List[float]] = {name: [] for name in COMMANDS}
    for number in range(rounds):
        order = list(COMMANDS) if number % 2 == 0 else list(reversed(COMMANDS))
        for name in order:
            times[name].append(wall_time(COMMANDS[name], env, check_output=name == "health"))
    ratio = median([a / b for a, b in zip(times["health"], times["requests"])])
    return Row(
        "mailstore health --format nagios (process start to exit) vs python -c 'import requests'",
        ms(median(times["health"])),
        ms(median(times["requests"])),
        f"{ratio:.2f}x",
        f"<= {TARGET}x",
        ratio <= TARGET,
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
        row = bench_health(emu, rounds)
    print()
    print(table([row], options.quick))
    return 0


if __name__ == "__main__":
    sys.exit(main())
