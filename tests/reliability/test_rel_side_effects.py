"""No global side effects: a fresh interpreter imports and uses mailstore heavily, and the
default SSL context, logging, warnings filters, urllib opener, socket/http defaults and
signal handlers are exactly as before (see rel_side_effects_probe.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent


def probe(data_dir: str) -> Dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILSTORE_")}
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")])
    env["NO_PROXY"] = "127.0.0.1,localhost"
    proc = subprocess.run(
        [sys.executable, str(HERE / "rel_side_effects_probe.py"), data_dir],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def test_import_and_heavy_use_change_no_global_state(mailstore_emulator_data_dir: str) -> None:
    result = probe(mailstore_emulator_data_dir)
    assert result["calls"] >= 400
    assert result["mailstore"] == {}
