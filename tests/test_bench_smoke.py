"""Smoke test of the benchmarks: ``bench/run.py --quick`` and ``bench/health.py --quick`` run
and print every row.

No timing is checked here: CI machines are too noisy for that. The figures are in
docs/performance.md.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RUN = ROOT / "bench" / "run.py"
HEALTH = ROOT / "bench" / "health.py"

ROWS = (
    "GetServerInfo calls/s: ours vs urllib, new connection per call",
    "GetServerInfo time per call: ours vs requests.Session().post",
    "GetServerInfo calls/s: ours vs raw http.client keep-alive (the floor)",
    "emulator ceiling: raw http.client keep-alive loop",
    "task end -> client returns (waitTime=1000)",
    "GetUserInfo (+5 ms each): ours 8 threads vs ours sequential",
    "fan-out ceiling: ours 8 threads vs 8 raw http.client connections",
    "forEachInstance 8 workers vs the serial loop",
    "forEachInstance vs a plain ThreadPoolExecutor(8) on the client",
    "SPE fan-out ceiling: forEachInstance vs 8 raw http.client connections",
    "SPE fan-out: client CPU per call, forEachInstance vs raw http.client threads",
    "decode, ours vs json.loads",
    "whole call, ours vs raw http.client + json.loads",
    "peak memory (tracemalloc), ours vs raw http.client",
    "import time (fresh interpreter): import mailstore vs import requests",
)


def quick(script: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """Run a benchmark script with --quick; it must succeed."""
    pytest.importorskip("cryptography")  # the emulator needs it
    env = dict(os.environ, NO_PROXY="127.0.0.1,localhost", TMPDIR=str(tmp_path))
    done = subprocess.run(
        [sys.executable, str(script), "--quick"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=str(ROOT),
        env=env,
    )
    assert done.returncode == 0, done.stderr
    return done


@pytest.mark.skipif(not RUN.exists(), reason="bench/ is not part of this checkout")
def test_quick_run_prints_every_row(tmp_path: Path) -> None:
    done = quick(RUN, tmp_path)
    table = [line for line in done.stdout.splitlines() if line.startswith("| ")]
    for row in ROWS:
        matches = [line for line in table if row in line]
        assert len(matches) == 1, f"row {row!r} missing from:\n{done.stdout}"
        cells = [cell.strip() for cell in matches[0].strip("|").split("|")]
        assert len(cells) == 6
        assert cells[2], f"row {row!r} has no baseline figure"
    assert "machine:" in done.stdout and "emulator:" in done.stdout


@pytest.mark.skipif(not HEALTH.exists(), reason="bench/ is not part of this checkout")
def test_quick_health_run_prints_its_row(tmp_path: Path) -> None:
    done = quick(HEALTH, tmp_path)
    [row] = [line for line in done.stdout.splitlines() if line.startswith("| mailstore health")]
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert len(cells) == 6 and cells[1].endswith(" ms") and cells[2].endswith(" ms")
    assert cells[3].endswith("x") and cells[4] == "<= 2.5x"
    [spe] = [line for line in done.stdout.splitlines() if line.startswith("| SPE, 100 instances")]
    cells = [cell.strip() for cell in spe.strip("|").split("|")]
    assert len(cells) == 6 and cells[1].endswith(" ms") and cells[3].endswith("x")
