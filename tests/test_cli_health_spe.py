"""``mailstore health --spe`` against the SPE emulator: every state, every format, exact output.

Each state starts from the emulator's twelve instances made healthy (``healthy_spe``) and
breaks one thing. The snapshots (``tests/data/health/spe-<state>.txt``) check three of the
instances (``--instance-filter``), which keeps them readable; the whole default SPE, as
the emulator starts, is checked in every format as well. The PRTG and Zabbix outputs are
checked against their documented structure.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Dict

import pytest
from cli_helpers import Result, cli
from health_data import IMAP, check, healthy_spe, run, set_instance
from health_formats import (
    assert_outputs,
    assert_snapshot,
    check_prtg,
    check_zabbix,
    every_format,
    health,
)

from mailstore import monitoring
from mailstore.emulator.spe.context import SPE_HANDLERS
from mailstore.emulator.spe.dataset import START_FAILURE, make_instance

SNAPSHOTS = Path(__file__).parent / "data" / "health"
CHECKED = ["--spe", "--instance-filter", "acme tailspin umbrella"]


@pytest.fixture
def emu(spe: Any) -> Any:
    """A fresh SPE emulator, every instance healthy."""
    healthy_spe(spe)
    return spe


# -- the states -------------------------------------------------------------------------------


def stopped(emu: Any, monkeypatch: Any) -> None:
    set_instance(emu, "tailspin", status="stopped", processID=None)


def start_error(emu: Any, monkeypatch: Any) -> None:
    set_instance(emu, "umbrella", status="stopped", processID=None, startStopError=START_FAILURE)


def service_message(kind: str, text: str) -> Callable[[Any, Any], None]:
    def add(emu: Any, monkeypatch: Any) -> None:
        with emu.state.lock:
            emu.state.data["serviceMessages"].append({"type": kind, "text": text})

    return add


def failed_run(emu: Any, monkeypatch: Any) -> None:
    with emu.state.lock:
        emu.state.archive("acme").data["workerResults"].append(run(504, IMAP, "failed", 0.5))


def lost_instance(emu: Any, monkeypatch: Any) -> None:
    """acme is running when the instances are listed, and stopped right after."""
    listing = SPE_HANDLERS["GetInstances"]

    def listed_then_stopped(ctx: Any, args: Any) -> Any:
        ctx.spe.require_instance("acme")["status"] = "running"
        instances = listing(ctx, args)
        ctx.spe.require_instance("acme")["status"] = "stopped"
        return instances

    monkeypatch.setitem(SPE_HANDLERS, "GetInstances", listed_then_stopped)


def unreachable(emu: Any, monkeypatch: Any) -> None:
    emu.stop()


def nothing(emu: Any, monkeypatch: Any) -> None:
    pass


STATES: Dict[str, Callable[[Any, Any], None]] = {
    "healthy": nothing,
    "stopped": stopped,
    "stopped-expected": stopped,
    "start-error": start_error,
    "service-error": service_message(
        "error", "The Management Server cannot reach Instance Host 'instancehost03'."
    ),
    "service-warning": service_message(
        "warning", "The service provider license expires in 12 days."
    ),
    "failed-run": failed_run,
    "lost-instance": lost_instance,
    "unreachable": unreachable,
    "wrong-password": nothing,
}
OPTIONS = {"stopped-expected": ["--expected-stopped", "tailspin"]}

#: The first line of the nagios output, and the exit code of nagios and json, per state.
HEADLINES = {
    "healthy": (0, "MAILSTORE OK - 30 services OK: MailStore SPE 25.3.1.23021 on spe.example.com, "
                "3 instances: 3 running, 141,537 messages, 10.4 GB"),
    "stopped": (2, "MAILSTORE CRITICAL - 1 critical: tailspin: instance Tailspin Toys: stopped on "
                "instancehost02"),
    "stopped-expected": (0, "MAILSTORE OK - 22 services OK: MailStore SPE 25.3.1.23021 on "
                         "spe.example.com, 3 instances: 2 running, 1 stopped, 116,015 messages, "
                         "8.5 GB"),
    "start-error": (2, "MAILSTORE CRITICAL - 2 critical: service: error: Instance umbrella on "
                    f"instancehost02: {START_FAILURE}; umbrella: instance Umbrella Health "
                    f"Services: stopped on instancehost02: {START_FAILURE}"),
    "service-error": (2, "MAILSTORE CRITICAL - 1 critical: service: error: The Management Server "
                      "cannot reach Instance Host 'instancehost03'."),
    "service-warning": (1, "MAILSTORE WARNING - 1 warning: service: warning: The service provider "
                        "license expires in 12 days."),
    "failed-run": (2, "MAILSTORE CRITICAL - 1 critical: acme: profile IMAP info@example.com: "
                   "failed at 2026-05-03 11:30 UTC: Error: the connection to the server could not "
                   "be established."),
    "lost-instance": (3, "MAILSTORE UNKNOWN - 1 unknown: acme: instance ACME Corporation: not "
                      "checked: GetStores failed: Instance 'acme' is not running."),
    "unreachable": (2, "MAILSTORE CRITICAL - 1 critical: connection: GetServiceStatus: cannot "
                    "connect to 127.0.0.1:PORT ([Errno 111] Connection refused)."),
    "wrong-password": (3, "MAILSTORE UNKNOWN - 1 unknown: connection: GetServiceStatus: "
                       "127.0.0.1:PORT rejected the credentials of user 'admin' (HTTP 401). "
                       "Server says: Invalid user name or password."),
}  # fmt: skip


def outputs(capsys: Any, emu: Any, monkeypatch: Any, state: str) -> Dict[str, Result]:
    STATES[state](emu, monkeypatch)
    password = "wrong" if state == "wrong-password" else "admin"
    return every_format(capsys, emu, *CHECKED, *OPTIONS.get(state, []), password=password)


@pytest.mark.parametrize("state", list(STATES))
def test_every_format_of_every_state(capsys: Any, emu: Any, monkeypatch: Any, state: str) -> None:
    results = outputs(capsys, emu, monkeypatch, state)
    assert_outputs(results, *HEADLINES[state], SNAPSHOTS / f"spe-{state}.txt")


def test_the_default_spe_in_every_format(capsys: Any, spe: Any) -> None:
    """The emulator as it starts, all twelve instances: nagios exactly, the others by shape."""
    results = every_format(capsys, spe, "--spe")
    assert {name: r.returncode for name, r in results.items()} == {
        "nagios": 2, "checkmk": 0, "prtg": 0, "zabbix": 0, "json": 2
    }  # fmt: skip
    assert_snapshot(SNAPSHOTS / "spe-default.txt", {"nagios": results["nagios"]})
    report = json.loads(results["json"].stdout)
    keys = [service["key"] for service in report["services"]]
    assert len(keys) == len(set(keys)) == 94
    checkmk = results["checkmk"].stdout.splitlines()
    names = [line.split('"')[1] for line in checkmk]
    assert len(names) == len(set(names)) == len(keys)
    prtg = json.loads(results["prtg"].stdout)
    check_prtg(prtg)
    assert [channel["channel"] for channel in prtg["prtg"]["result"]] == PRTG_CHANNELS
    zabbix = json.loads(results["zabbix"].stdout)
    check_zabbix(zabbix)
    assert_discovered(zabbix)
    assert [row["{#INSTANCE.ID}"] for row in zabbix["discovery"]["instances"]] == [
        "acme", "bluesky", "contoso", "fabrikam", "globex", "initech", "northwind", "tailspin",
        "umbrella", "wayne", "wideworld", "woodgrove",
    ]  # fmt: skip


PRTG_CHANNELS = [
    "State", "Services ok", "Services warning", "Services critical", "Services unknown",
    "Service instances", "Service instances running", "Service archive messages",
    "Service archive size", "Licence named users",
]  # fmt: skip


def assert_discovered(document: Dict[str, Any]) -> None:
    """Every row of the SPE's discovery has its values under the key a prototype builds."""
    services = document["values"]["services"]
    for row in document["discovery"]["instances"]:
        instance = services[row["{#INSTANCE.ID}"] + "_instance"]
        assert instance["name"] == f"{row['{#INSTANCE.ID}']}: instance {row['{#INSTANCE.NAME}']}"
    for kind, macro in (("profile", "PROFILE"), ("store", "STORE")):
        for row in document["discovery"][kind + "s"]:
            key = f"{row['{#INSTANCE.ID}']}_{kind}_{row['{#' + macro + '.ID}']}"
            assert services[key]["name"].endswith(row["{#" + macro + ".NAME}"])


def test_prtg_keeps_its_channels_with_many_instances(spe: Any) -> None:
    """72 instances: the same ten PRTG channels, and a nagios line per instance."""
    healthy_spe(spe)
    with spe.state.lock:
        for number in range(60):
            spe.state.add_instance(make_instance(f"extra{number:02}", "instancehost02"))
    report = check(spe)
    prtg = json.loads(monitoring.render(report, "prtg"))
    check_prtg(prtg)
    assert [channel["channel"] for channel in prtg["prtg"]["result"]] == PRTG_CHANNELS
    assert prtg["prtg"]["result"][5]["value"] == 72
    nagios = monitoring.render(report, "nagios").splitlines()
    assert len(nagios[0]) < 600 and len(nagios) == 1 + 5 + 72  # a line per instance
    assert_discovered(json.loads(monitoring.render(report, "zabbix")))


def test_spe_options_from_a_config_file_and_the_command_line(
    capsys: Any, emu: Any, tmp_path: Path
) -> None:
    set_instance(emu, "tailspin", status="stopped", processID=None)
    ini = tmp_path / "health.ini"
    ini.write_text("[health]\ninstance_filter = *instancehost02\nexpected_stopped = tailspin\n"
                   "workers = 2\n", encoding="utf-8")  # fmt: skip
    result = health(capsys, emu, "--spe", "--config", str(ini))
    assert result.returncode == 0
    instances = [line for line in result.stdout.splitlines() if ": instance " in line]
    assert [line.split(":")[0] for line in instances] == [
        "[OK] tailspin", "[OK] umbrella", "[OK] wayne", "[OK] wideworld", "[OK] woodgrove"
    ]  # fmt: skip
    result = health(capsys, emu, "--spe", "--config", str(ini), "--expected-stopped", "umbrella")
    assert result.stdout.startswith(
        "MAILSTORE CRITICAL - 1 critical: tailspin: instance Tailspin Toys: stopped on "
        "instancehost02 |"
    )
    result = health(capsys, emu, "--spe", "--workers", "0")
    assert result.returncode == 3
    assert result.stdout.startswith(
        "MAILSTORE UNKNOWN - 1 unknown: check: monitoring option workers must be from 1 to 1000"
    )


def test_instance_is_refused(capsys: Any, emu: Any) -> None:
    result = cli(capsys, "health", "--spe", "--port", str(emu.port), "--instance", "acme")
    assert (result.returncode, result.stdout) == (3, "")
    assert "health checks the instances --instance-filter lists, not --instance" in result.stderr
