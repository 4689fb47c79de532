"""``mailstore functions`` (catalog and server) and ``mailstore check``."""

from __future__ import annotations

import json
import re
from typing import Any, Dict

import pytest
from cli_helpers import cli, conn, one_error_line

from mailstore.catalog import load


def test_functions_from_the_catalog_and_the_server(
    capsys: pytest.CaptureFixture[str], mailstore_emulator_session: Any
) -> None:
    emu = mailstore_emulator_session
    listed = json.loads(cli(capsys, "functions").stdout)
    assert [e["name"] for e in listed] == [e["name"] for e in load("server")]
    assert len(json.loads(cli(capsys, "--spe", "functions").stdout)) == len(load("spe"))
    table = cli(capsys, "functions", "-o", "table").stdout.splitlines()
    assert table[0].split() == ["name", "task", "summary"]
    assert any(re.match(r"VerifyStore +yes +Check", line) for line in table)

    text = cli(capsys, "functions", "VerifyStore", "-o", "table").stdout
    assert text.startswith("mailstore call VerifyStore id=NUMBER [includeIndexes=BOOL]\n")
    assert "Python: client.VerifyStore(id, includeIndexes=True)" in text
    assert re.search(r"includeIndexes +bool, default true", text)

    server = cli(capsys, "functions", "--server", *conn(emu))
    assert server.returncode == 0
    assert "GetUserInfo" in {e["name"] for e in json.loads(server.stdout)}
    one = json.loads(cli(capsys, "functions", "--server", "GetUserInfo", *conn(emu)).stdout)
    assert one["args"][0]["name"] == "userName"


def test_the_json_view_says_what_may_be_left_out_and_its_default(
    capsys: pytest.CaptureFixture[str],
) -> None:
    verify = json.loads(cli(capsys, "functions", "VerifyStore").stdout)
    assert verify["args"] == [
        {"name": "id", "type": "number", "optional": False, "doc": "Id of the archive store (see GetStores)."},
        {"name": "includeIndexes", "type": "bool", "optional": True, "default": True,
         "doc": "Also check the search index files."},
    ]  # fmt: skip
    password = json.loads(cli(capsys, "functions", "SetUserPassword").stdout)["args"][1]
    assert password["name"] == "password" and password["secret"] is True
    assert "password=@FILE" in cli(capsys, "functions", "SetUserPassword", "-o", "table").stdout


@pytest.mark.parametrize("kind", ["server", "spe"])
def test_the_text_and_json_views_agree_on_every_argument(
    capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    spe = ["--spe"] if kind == "spe" else []
    listed: Dict[str, Any] = {
        e["name"]: e for e in json.loads(cli(capsys, *spe, "functions").stdout)
    }
    for name, entry in listed.items():
        text = cli(capsys, *spe, "functions", name, "-o", "table").stdout
        usage = text.splitlines()[0]
        for arg in entry["args"]:
            word = f"{arg['name']}={arg['type'].upper()}"
            assert word in usage and (f"[{word}]" in usage) is arg["optional"], (name, usage)
            line = re.search(rf"^  {arg['name']} +{arg['type']}, (.+)$", text, re.M)
            assert line, (name, arg["name"])
            if "default" in arg:
                assert line.group(1) == f"default {json.dumps(arg['default']).strip(chr(34))}"
            else:
                assert line.group(1) == ("optional" if arg["optional"] else "required")


def test_check(capsys: pytest.CaptureFixture[str], mailstore_emulator_session: Any) -> None:
    emu = mailstore_emulator_session
    result = cli(capsys, "check", *conn(emu))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] is True and report["version"] == "25.3.1.23021"
    assert [c["check"] for c in report["checks"]] == [
        "connection",
        "tls",
        "credentials",
        "version",
        "catalog",
    ]
    assert report["catalog"]["identical"] is True

    table = cli(capsys, "check", "-o", "table", *conn(emu)).stdout
    assert re.search(r"^ok +version +25\.3\.1\.23021 on MAILSTORE-EMU$", table, re.M)


def test_check_says_why_a_step_failed(
    capsys: pytest.CaptureFixture[str], mailstore_emulator_session: Any
) -> None:
    emu = mailstore_emulator_session
    wrong = cli(capsys, "check", *conn(emu), password="wrong")
    assert wrong.returncode == 3
    failed = json.loads(wrong.stdout)
    assert failed["ok"] is False
    last = failed["checks"][-1]
    assert last["check"] == "credentials" and last["ok"] is False
    assert "rejected the credentials of user 'admin' (HTTP 401)" in last["detail"]
    assert failed["error"].startswith(last["detail"])

    untrusted = cli(capsys, "check", "-o", "table", *conn(emu, ca=False))
    assert untrusted.returncode == 3
    line = re.search(r"^FAIL +tls +(.+)$", untrusted.stdout, re.M)
    assert line and "could not be verified" in line.group(1)
    assert emu.fingerprint in line.group(1)
    # on stderr: what to do (as options), not the FAIL line once more
    advice = one_error_line(untrusted.stderr)
    assert advice.startswith("mailstore: error: the tls check failed. Ways out: (1)")
    assert "--fingerprint" in advice and "could not be verified" not in advice

    refused = cli(capsys, "check", "-o", "table", "--port", "1")
    assert refused.returncode == 3
    assert re.search(
        r"^FAIL +connection +cannot connect to 127\.0\.0\.1:1: .*refused", refused.stdout, re.M
    )


def test_functions_says_where_the_emulators_answer_comes_from(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from mailstore.emulator import provenance

    as_json = json.loads(cli(capsys, "functions", "GetLicenseInformation", "-o", "json").stdout)
    assert as_json["emulatorShape"] == provenance.lookup("server", "GetLicenseInformation")
    assert as_json["emulatorShape"]["strength"] == "code"
    text = cli(capsys, "functions", "GetLicenseInformation", "-o", "table").stdout
    assert "emulator's result shape: code (a public Checkmk local check" in text
    assert "maxNamedUsers = licensed limit" in text
