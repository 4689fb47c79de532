"""``python -m mailstore.emulator`` in a subprocess, and the pytest plugin."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path
from typing import Dict, Iterator, List

import pytest

from mailstore.emulator import Emulator
from mailstore.emulator.__main__ import environment_lines, main

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="uses SIGINT")


def clean_env(home: Path) -> Dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILSTORE_")}
    env["MAILSTORE_EMULATOR_HOME"] = str(home)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def read_banner(process: subprocess.Popen[str]) -> List[str]:
    """The lines for the reader, on stderr, up to the one that says how to stop."""
    assert process.stderr is not None
    banner = []
    for line in process.stderr:
        banner.append(line.rstrip("\n"))
        if line.startswith("Press Ctrl-C"):
            break
    return banner


def read_exports(process: subprocess.Popen[str]) -> List[str]:
    """The program's output on stdout: the lines that set MAILSTORE_*."""
    assert process.stdout is not None
    return [process.stdout.readline().rstrip("\n") for _ in range(3)]


def exported(lines: List[str]) -> Dict[str, str]:
    """What a POSIX shell sets when it runs ``lines``."""
    script = "\n".join(lines) + '\nenv | grep "^MAILSTORE_"'
    out = subprocess.run(["sh", "-c", script], capture_output=True, text=True, check=True)
    return dict(line.split("=", 1) for line in out.stdout.splitlines())


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

    text = "\n".join(read_banner(cli))
    url = re.search(r"listening on (https://127\.0\.0\.1:(\d+))", text)
    assert url, text
    assert "admin" in text
    fingerprint = re.search(r"fingerprint: ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})", text)
    assert fingerprint, text
    ca_file = re.search(r"CA certificate .*: (.+)$", text, re.M)
    assert ca_file and Path(ca_file.group(1)).is_file()
    assert Path(ca_file.group(1)).is_relative_to(tmp_path / "home")
    assert exported(read_exports(cli)) == {
        "MAILSTORE_HOST": "127.0.0.1",
        "MAILSTORE_PORT": url.group(2),
        "MAILSTORE_USERNAME": "admin",
        "MAILSTORE_PASSWORD": "admin",
        "MAILSTORE_CA_BUNDLE": ca_file.group(1),
        "MAILSTORE_FINGERPRINT": fingerprint.group(1),
    }
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
    assert out == ""  # stdout carries the MAILSTORE_* lines and nothing else
    assert "Emulator stopped." in err and "Archive saved to" in err
    saved = json.loads((tmp_path / "saved.json").read_text(encoding="utf-8"))
    assert any(u["userName"] == "cli.user" for u in saved["users"])


def test_cli_on_all_interfaces_says_which_address_to_use(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "mailstore.emulator", "--host", "0.0.0.0", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=clean_env(tmp_path / "home"),
    )  # fmt: skip
    try:
        text = "\n".join(read_banner(process))
        exports = exported(read_exports(process))
    finally:
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=15)
    port = exports["MAILSTORE_PORT"]
    assert f"listening on all IPv4 addresses (0.0.0.0), port {port}" in text
    assert "listening on https://127.0.0.1" not in text
    assert f"from this machine: https://127.0.0.1:{port}" in text
    assert exports["MAILSTORE_HOST"] == "127.0.0.1"
    assert process.returncode == 0


def test_environment_lines_quote_for_each_shell(srv: Emulator) -> None:
    srv.ca_file = "/tmp/it's a folder/ca.pem"
    lines = environment_lines(srv, "sh")
    assert exported(lines)["MAILSTORE_CA_BUNDLE"] == "/tmp/it's a folder/ca.pem"
    assert exported(lines)["MAILSTORE_PORT"] == str(srv.port)
    powershell = environment_lines(srv, "powershell")
    assert "$env:MAILSTORE_CA_BUNDLE = '/tmp/it''s a folder/ca.pem'" in powershell
    assert f"$env:MAILSTORE_FINGERPRINT = '{srv.fingerprint}'" in powershell


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


def test_main_reports_a_busy_port(
    mailstore_emulator_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = signal.getsignal(signal.SIGINT)
    with Emulator(data_dir=mailstore_emulator_data_dir) as srv:
        code = main(["--port", str(srv.port), "--data-dir", str(mailstore_emulator_data_dir)])
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
