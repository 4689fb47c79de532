"""Secrets: the client tests rerun at logLevel=4 never print a password or secret value.

A child pytest runs tests/test_client.py with ``MAILSTORE_TEST_LOGLEVEL=4`` (so every
client made by the ``new_client`` fixture logs at DEBUG) and ``-s`` (nothing captured,
all output reaches us), with ``rel_secrets_plugin`` recording every secret sent and
every log record and error message. Nothing of it may contain a secret.
``MAILSTORE_RELIABILITY_FULL=1`` adds the fault matrix to the rerun.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
MIN_LENGTH = 4  # shorter "secrets" (e.g. "pw") would match ordinary text
# Passwords that are plain words ("admin", "wrong") occur in ordinary messages; they are
# checked through their Authorization header value (base64 of user:password), which is
# recorded as a secret of its own.
PLAIN_WORD = re.compile(r"[a-z]+")


def rerun_at_debug(tmp_path: Path, targets: List[str]) -> Dict[str, Any]:
    report = tmp_path / "secrets.json"
    env = dict(
        os.environ,
        MAILSTORE_TEST_LOGLEVEL="4",
        MAILSTORE_SECRETS_REPORT=str(report),
        PYTHONPATH=os.pathsep.join([str(HERE), str(REPO), os.environ.get("PYTHONPATH", "")]),
    )
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-s",
            "-p",
            "rel_secrets_plugin",
            "-p",
            "no:cacheprovider",
            "-n",
            "0",  # one process: the plugin must see every log record and error
            *targets,
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    data = json.loads(report.read_text(encoding="utf-8"))
    data.update(returncode=proc.returncode, stdout=proc.stdout, stderr=proc.stderr)
    return data


def checkable(data: Dict[str, Any]) -> List[str]:
    public = set(data["public"])
    return [
        s
        for s in data["secrets"]
        if len(s) >= MIN_LENGTH and s not in public and not PLAIN_WORD.fullmatch(s)
    ]


def leaks(data: Dict[str, Any]) -> List[str]:
    texts = [data["stdout"], data["stderr"], *data["log"], *data["errors"]]
    found = []
    for secret in checkable(data):
        for text in texts:
            if secret in text:
                start = text.index(secret)
                found.append(f"{secret!r} in ...{text[max(0, start - 80) : start + 40]!r}")
                break
    return found


@pytest.mark.slow  # reruns a whole test file in a child process: run once, in CI
def test_client_suite_at_debug_level_prints_no_secret(tmp_path: Path) -> None:
    targets = ["tests/test_client.py"]
    if os.environ.get("MAILSTORE_RELIABILITY_FULL") == "1":
        targets.append("tests/reliability/test_rel_faults.py")
    data = rerun_at_debug(tmp_path, targets)
    assert data["returncode"] == 0, data["stdout"][-3000:]
    assert " passed" in data["stdout"]
    debug_lines = [line for line in data["log"] if line.startswith("DEBUG ")]
    assert len(debug_lines) > 2000  # logLevel=4 was in effect for the clients of the rerun
    assert "DEBUG" in data["stderr"]  # and printed to stderr
    assert "DEBUG" not in data["stdout"]  # never to stdout
    checked = checkable(data)
    assert len(checked) >= 8, data["secrets"]  # the suite's secrets were seen and checked
    assert leaks(data) == []


def test_the_leak_check_itself_finds_a_leak() -> None:
    data = {
        "secrets": ["S3cret-Pw", "pw", "admin", "YWRtaW46YWRtaW4="],
        "public": ["admin"],
        "log": ["DEBUG POST ... {'password': '***'}"],
        "errors": ["boom YWRtaW46YWRtaW4="],
        "stdout": "x S3cret-Pw y",
        "stderr": "",
    }
    assert checkable(data) == ["S3cret-Pw", "YWRtaW46YWRtaW4="]
    assert [leak.split(" in ")[0] for leak in leaks(data)] == ["'S3cret-Pw'", "'YWRtaW46YWRtaW4='"]
