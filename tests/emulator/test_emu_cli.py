"""``python -m mailstore.emulator`` in a subprocess, and the pytest plugin."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, Iterator, List

import pytest

from mailstore.emulator import Emulator
from mailstore.emulator.__main__ import main

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="uses SIGINT")


def clean_env(home: Path) -> Dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILSTORE_")}
    env["MAILSTORE_EMULATOR_HOME"] = str(home)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def read_banner(process: subprocess.Popen[str], lines: int = 6) -> List[str]:
    assert process.stdout is not None
    banner = []
    deadline = time.monotonic() + 20
    while len(banner) < lines and time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        banner.append(line.rstrip("\n"))
    return banner


@pytest.fixture
def cli(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "mailstore.emulator", "--port", "0", "--speed", "4",
         "--save-on-exit", str(tmp_path / "saved.json")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=clean_env(tmp_path / "home"),
    )  # fmt: skip
    yield process
    if process.poll() is None:
        process.kill()
        process.wait()


def test_cli_serves_prints_and_stops_on_sigint(cli: subprocess.Popen[str], tmp_path: Path) -> None:
    import http.client
    import ssl

    banner = read_banner(cli)
    text = "\n".join(banner)
    url = re.search(r"listening on (https://127\.0\.0\.1:(\d+))", text)
    assert url, text
    assert "admin" in text
    fingerprint = re.search(r"fingerprint: ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})", text)
    assert fingerprint, text
    ca_file = re.search(r"CA certificate .*: (.+)$", text, re.M)
    assert ca_file and Path(ca_file.group(1)).is_file()
    assert Path(ca_file.group(1)).is_relative_to(tmp_path / "home")
    context = ssl.create_default_context(cafile=ca_file.group(1))
    conn = http.client.HTTPSConnection("127.0.0.1", int(url.group(2)), context=context)
    conn.request(
        "POST",
        "/api/invoke/CreateUser",
        body="userName=cli.user&privileges=login",
        headers={"Authorization": "Basic YWRtaW46YWRtaW4=",
                 "Content-Type": "application/x-www-form-urlencoded"},
    )  # fmt: skip
    reply = json.loads(conn.getresponse().read().decode("utf-8-sig"))
    assert reply["statusCode"] == "succeeded"
    conn.close()
    cli.send_signal(signal.SIGINT)
    out, err = cli.communicate(timeout=15)
    assert cli.returncode == 0, err
    assert "stopped" in out.lower()
    saved = json.loads((tmp_path / "saved.json").read_text(encoding="utf-8"))
    assert any(u["userName"] == "cli.user" for u in saved["users"])


def test_cli_reuses_its_certificate(tmp_path: Path) -> None:
    prints = []
    for _ in range(2):
        process = subprocess.Popen(
            [sys.executable, "-m", "mailstore.emulator", "--port", "0"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env=clean_env(tmp_path / "home"),
        )  # fmt: skip
        prints.append([line for line in read_banner(process) if "fingerprint" in line])
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=15)
        assert process.returncode == 0
    assert prints[0] and prints[0] == prints[1]


def test_main_rejects_bad_options(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (
        ["--user", "nopassword"],
        ["--speed", "0"],
        ["--key", "k.pem"],
        ["--save-on-exit"],
    ):
        with pytest.raises(SystemExit) as exc:
            main(argv)
        assert exc.value.code == 2
    assert "error" in capsys.readouterr().err


def test_main_reports_a_busy_port(cert_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = signal.getsignal(signal.SIGINT)
    with Emulator(data_dir=cert_dir) as srv:
        code = main(["--port", str(srv.port), "--data-dir", str(cert_dir)])
    assert code == 1
    assert signal.getsignal(signal.SIGINT) is before  # main() restores the handlers
    assert "cannot start" in capsys.readouterr().err


def test_plugin_fixture(mailstore_emulator: Emulator) -> None:
    assert mailstore_emulator.running
    assert mailstore_emulator.url == f"https://127.0.0.1:{mailstore_emulator.port}"
    kwargs = mailstore_emulator.client_kwargs()
    assert kwargs["caBundle"] == mailstore_emulator.ca_file
    assert kwargs["port"] == mailstore_emulator.port


def test_plugin_import_is_cheap() -> None:
    code = (
        "import sys, mailstore.emulator.pytest_plugin; "
        "print(sorted(m for m in ('cryptography', 'mailstore.emulator.server') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
