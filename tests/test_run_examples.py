"""examples/run_examples.py: what it says when it cannot start the emulator."""

from __future__ import annotations

import importlib.util
import socket
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "examples" / "run_examples.py"


def load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("run_examples", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_port_in_use_is_explained_in_one_message(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    mailstore_emulator_data_dir: Path,
) -> None:
    monkeypatch.setenv("MAILSTORE_EMULATOR_HOME", str(mailstore_emulator_data_dir))
    run_examples = load()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = run_examples.main([str(SCRIPT)], port=port)
    out, err = capsys.readouterr()
    assert code == 1
    assert out == ""
    assert err.splitlines() == [
        f"run_examples: port {port} on 127.0.0.1 is already in use, and the examples connect to "
        f"port {port}. Stop what listens there (another emulator, or a MailStore Server on this "
        f"machine) and run this again; 'ss -ltnp' (Linux), 'lsof -i :{port}' (macOS) or "
        f"'netstat -ano | findstr {port}' (Windows) shows which process it is."
    ]
    assert run_examples.PORT == 8463  # the port the tutorial's scripts connect to
