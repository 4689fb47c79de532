"""Running the ``mailstore`` command in tests: in-process through ``main()``, or as a process.

In-process runs are the default (a process start costs ~0.3 s); a process is used where the
behaviour needs one: the entry point, signals, a terminal.
"""

from __future__ import annotations

import io
import os
import re
import socket
import subprocess
import sys
import time
from typing import Any, Dict, List, NamedTuple, Optional
from unittest import mock

import pytest

from mailstore.cli import main

TOKEN = re.compile(r"mailstore status ([0-9a-f]{32}) --wait")
#: ``python -c`` code that runs the command with Python's own Ctrl-C handling, even if the
#: test process ignores SIGINT.
WITH_CTRL_C = (
    "import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "sys.argv[0] = 'mailstore'; runpy.run_module('mailstore', run_name='__main__')"
)


class Result(NamedTuple):
    returncode: int
    stdout: str
    stderr: str


def cli(
    capsys: pytest.CaptureFixture[str],
    *args: str,
    password: Optional[str] = "admin",
    stdin: str = "",
    env: Optional[Dict[str, str]] = None,
) -> Result:
    """Run ``mailstore ARGS`` through ``main()``: stdin is ``stdin`` (not a terminal)."""
    variables = dict(env or {})
    if password is not None:
        variables["MAILSTORE_PASSWORD"] = password
    capsys.readouterr()
    with (
        mock.patch.dict(os.environ, variables),
        mock.patch.object(sys, "stdin", io.StringIO(stdin)),
    ):
        if password is None:
            os.environ.pop("MAILSTORE_PASSWORD", None)
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse: --help, --version, usage errors
            code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return Result(code, out, err)


def cli_env(password: Optional[str] = "admin", **extra: str) -> Dict[str, str]:
    """The test process's environment without MAILSTORE_* settings or proxies."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("MAILSTORE_")
        and k.lower() not in ("https_proxy", "all_proxy", "requests_ca_bundle", "curl_ca_bundle")
    }
    env["NO_PROXY"] = "127.0.0.1,localhost,::1"
    env["PYTHONUTF8"] = "1"
    if password is not None:
        env["MAILSTORE_PASSWORD"] = password
    env.update(extra)
    return env


def run(
    *args: str, env: Optional[Dict[str, str]] = None, timeout: float = 30
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m mailstore ARGS`` as a process (stdin: /dev/null)."""
    return subprocess.run(
        [sys.executable, "-m", "mailstore", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env or cli_env(),
        timeout=timeout,
    )


def conn(server: Any, ca: bool = True) -> List[str]:
    """The options that connect to ``server`` (trusting its CA unless ``ca`` is False)."""
    options = ["--host", "127.0.0.1", "--port", str(server.port)]
    return options + ["--ca-file", server.ca_file] if ca else options


def one_error_line(stderr: str) -> str:
    """The stderr of a failed command: exactly one error line, no traceback."""
    assert "Traceback" not in stderr
    errors = [line for line in stderr.splitlines() if line.startswith("mailstore: error: ")]
    assert len(errors) == 1, stderr
    return errors[0]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


def run_on_terminal(
    args: List[str], env: Dict[str, str], answers: Optional[Dict[bytes, bytes]] = None
) -> tuple[int, str]:
    """Run the command with stdin, stdout and stderr on a pseudo-terminal (100 columns).

    ``answers`` maps a prompt to the keys typed once it shows.
    """
    import fcntl
    import struct
    import termios

    pending = dict(answers or {})
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "mailstore", *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,  # no controlling terminal: getpass reads the pty on stdin
    )
    os.close(slave)
    output = b""
    deadline = time.monotonic() + 30
    try:
        while time.monotonic() < deadline:
            try:
                data = os.read(master, 4096)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            output += data
            for prompt in [p for p in pending if p in output]:
                os.write(master, pending.pop(prompt))
    finally:
        os.close(master)
        code = process.wait(timeout=10)
    return code, output.decode("utf-8", "replace")
