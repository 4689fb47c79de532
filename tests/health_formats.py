"""Running ``mailstore health`` in tests: its outputs, snapshot files of them, and the
structures PRTG and Zabbix read.

A snapshot file holds the output of every format (the emulator's port written as PORT):
``=== <format>: exit <code>`` and the output, the JSON ones on one line.
``MAILSTORE_UPDATE_SNAPSHOTS=1`` (read when the tests are collected, before the fixtures
clear the ``MAILSTORE_*`` variables) rewrites the files instead; those tests then skip,
so that a rewrite is never a pass.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any, Dict, List

import pytest
from cli_helpers import Result, cli
from health_data import NOW_TEXT

FORMATS = ("nagios", "checkmk", "prtg", "zabbix", "json")
JSON_FORMATS = ("prtg", "zabbix", "json")
UPDATE_SNAPSHOTS = bool(os.environ.get("MAILSTORE_UPDATE_SNAPSHOTS"))


def health(capsys: Any, emu: Any, *args: str, password: str = "admin") -> Result:
    """Run ``mailstore health`` in-process against ``emu`` at NOW; stderr must stay empty.

    ``emu`` is a MailStore Server emulator, or an SPE one with ``--spe`` in ``args``.
    """
    options = ["--port", str(emu.port), "--ca-file", emu.ca_file, "--now", NOW_TEXT]
    result = cli(capsys, "health", *options, *args, password=password)
    assert result.stderr == ""
    return result


def every_format(capsys: Any, emu: Any, *args: str, password: str = "admin") -> Dict[str, Result]:
    """The output of each format, the emulator's port written as PORT."""
    port = str(emu.port)
    results = {}
    for name in FORMATS:
        result = health(capsys, emu, *args, "--format", name, password=password)
        results[name] = result._replace(stdout=result.stdout.replace(f":{port}", ":PORT"))
    return results


def assert_outputs(results: Dict[str, Result], code: int, headline: str, path: Path) -> None:
    """Every format's output of one state: the nagios headline, the exit codes (``code`` for
    nagios and json), the PRTG and Zabbix structures, the json report, and the snapshot."""
    assert results["nagios"].stdout.splitlines()[0].split(" | ")[0] == headline
    assert {name: r.returncode for name, r in results.items()} == {
        "nagios": code, "checkmk": 0, "prtg": 0, "zabbix": 0, "json": code
    }  # fmt: skip
    check_prtg(json.loads(results["prtg"].stdout))
    check_zabbix(json.loads(results["zabbix"].stdout))
    report = json.loads(results["json"].stdout)
    assert list(report) == ["state", "exit_code", "summary", "checked_at", "counts", "services"]
    assert (report["exit_code"], report["checked_at"]) == (code, NOW_TEXT)
    assert "MAILSTORE " + report["state"] + " - " + report["summary"] == headline
    assert_snapshot(path, results)


def assert_snapshot(path: Path, results: Dict[str, Result]) -> None:
    """The outputs are those ``path`` holds (or, when updating, are written there)."""
    if UPDATE_SNAPSHOTS:
        path.parent.mkdir(exist_ok=True)
        path.write_text(snapshot(results), encoding="utf-8", newline="\n")
        pytest.skip(f"wrote {path}")
    assert results == expected(path)


def snapshot(results: Dict[str, Result]) -> str:
    """The outputs as a snapshot file holds them: the JSON ones on one line each."""
    parts = []
    for name, result in results.items():
        text = result.stdout
        if name in JSON_FORMATS:
            text = json.dumps(json.loads(text), ensure_ascii=False) + "\n"
        parts.append(f"=== {name}: exit {result.returncode}\n{text}")
    return "".join(parts)


def expected(path: Path) -> Dict[str, Result]:
    """The outputs a snapshot file holds, the JSON ones printed as the command prints them."""
    results = {}
    for part in path.read_text(encoding="utf-8").split("=== ")[1:]:
        head, text = part.split("\n", 1)
        name, code = head.split(": exit ")
        if name in JSON_FORMATS:
            ascii = name == "prtg"  # PRTG's probe may not read UTF-8
            text = json.dumps(json.loads(text), indent=2, ensure_ascii=ascii) + "\n"
        results[name] = Result(int(code), text, "")
    return results


# -- the documented structures

PRTG_UNITS = {
    "BytesBandwidth", "BytesDisk", "Temperature", "Percent", "TimeResponse", "TimeSeconds",
    "Custom", "Count", "CPU", "BytesFile", "SpeedDisk", "SpeedNet", "TimeHours",
}  # fmt: skip
PRTG_CHANNEL_KEYS = {
    "channel", "value", "unit", "customunit", "speedsize", "volumesize", "speedtime", "mode",
    "float", "decimalmode", "warning", "showchart", "showtable", "limitmaxerror",
    "limitmaxwarning", "limitminwarning", "limitminerror", "limiterrormsg", "limitwarningmsg",
    "limitmode", "valuelookup", "notifychanged",
}  # fmt: skip
LLD_MACRO = re.compile(r"\{#[A-Z0-9_.]+\}")


def check_prtg(document: Any) -> None:
    """The EXE/Script Advanced sensor's JSON: ``prtg`` holding channels, or an error."""
    assert list(document) == ["prtg"]
    body = document["prtg"]
    assert isinstance(body["text"], str) and 0 < len(body["text"]) <= 2000
    if body.get("error") == 1:
        assert set(body) == {"error", "text"}
        return
    assert set(body) == {"result", "text"}
    channels: List[Dict[str, Any]] = body["result"]
    assert 0 < len(channels) <= 50
    names = [channel["channel"] for channel in channels]
    assert len(set(names)) == len(names) and all(isinstance(n, str) and n for n in names)
    for channel in channels:
        assert set(channel) <= PRTG_CHANNEL_KEYS, channel
        assert channel["unit"] in PRTG_UNITS
        value = channel["value"]
        assert isinstance(value, int) or (isinstance(value, float) and channel.get("float") == 1)
        assert channel.get("limitmode", 1) in (0, 1)
        if "customunit" in channel:
            assert channel["unit"] == "Custom"
        for key in ("limitmaxerror", "limitmaxwarning", "limitminwarning", "limitminerror"):
            assert isinstance(channel.get(key, 0), (int, float))


def check_zabbix(document: Any) -> None:
    """Low-level discovery lists (``{#MACRO}``: string) and the item values."""
    assert set(document) in ({"discovery", "values"}, {"values"})
    for name, rows in document.get("discovery", {}).items():
        assert name in ("profiles", "stores", "instances")
        for row in rows:
            assert row and all(
                LLD_MACRO.fullmatch(k) and isinstance(v, str) for k, v in row.items()
            )
    values = document["values"]
    assert values["state"] in (0, 1, 2, 3)
    for service in values["services"].values():
        assert service["state"] in (0, 1, 2, 3)
        assert all(isinstance(v, (int, float)) for v in service["metrics"].values())
