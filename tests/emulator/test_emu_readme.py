"""The README's "A first script", done the way the README says: start the emulator, paste the
lines it prints into a shell, run the script there."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path
from typing import List

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pastes into a POSIX shell")


def first_script() -> str:
    """The first Python block under the README's heading "A first script"."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## A first script", 1)[1].split("\n## ", 1)[0]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match, "the README's first script has moved"
    return match.group(1)


def pasted_lines(emulator: subprocess.Popen[str]) -> List[str]:
    """What the emulator prints on stdout, up to its last MAILSTORE_* line (or another line)."""
    assert emulator.stdout is not None
    lines = []
    for line in emulator.stdout:
        lines.append(line)
        if "MAILSTORE_FINGERPRINT=" in line or not line.startswith("export "):
            break
    return lines


def test_the_first_script_runs_with_the_lines_the_emulator_prints(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILSTORE_")}
    env.update(PYTHONIOENCODING="utf-8", PYTHONUNBUFFERED="1")
    (tmp_path / "first.py").write_text(first_script(), encoding="utf-8")
    emulator = subprocess.Popen(
        [sys.executable, "-m", "mailstore.emulator", "--port", "0", "--speed", "4"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(env, MAILSTORE_EMULATOR_HOME=str(tmp_path / "home")),
    )
    try:
        lines = pasted_lines(emulator)
        shell = "".join(lines) + f'exec "{sys.executable}" first.py\n'
        done = subprocess.run(
            ["sh", "-c", shell], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
        )
    finally:
        emulator.send_signal(signal.SIGTERM)
        emulator.communicate(timeout=15)
    assert all(line.startswith("export MAILSTORE_") for line in lines), lines
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    out = done.stdout.splitlines()
    assert out[0].startswith(
        "{'error': None, 'token': None, 'statusVersion': 2, 'statusCode': 'succeeded'"
    )
    assert "admin" in out and "jürgen.müller" in out
    assert out[-1] == "succeeded"
