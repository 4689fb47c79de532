"""The scripts in examples/spe/ run unchanged against the SPE emulator, each in its own process.

They get the connection settings through MAILSTORE_* environment variables, as the SPE
emulator prints them (``run`` of test_examples).
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path
from typing import Dict, Iterator, List

import pytest
from test_examples import run

import mailstore
from mailstore.emulator.spe import SpeEmulator, default_spe_dataset

RUNNING = ["acme", "bluesky", "contoso", "fabrikam", "globex", "initech", "wayne",
           "wideworld", "woodgrove"]  # fmt: skip


def statuses(emu: SpeEmulator) -> Dict[str, str]:
    with mailstore.SPEClient(**emu.client_kwargs()) as client:
        return {i["instanceID"]: i["status"] for i in client.GetInstances("*")["result"]}


# -- instance_users.py -----------------------------------------------------------------------


def test_instance_users_lists_instances_then_users(spe: SpeEmulator) -> None:
    out = run("spe/instance_users.py", spe, ok=1).stdout.splitlines()  # wayne refuses
    assert out[:3] == [
        "acme (ACME Corporation): running",
        "bluesky (Blue Sky Travel GmbH): running",
        "contoso (Contoso Ltd.): running",
    ]
    assert "tailspin (Tailspin Toys): stopped" in out
    assert "wayne: Service provider access is disabled for instance 'wayne'." in out
    asked = [args["instanceID"] for args in spe.stats.calls("GetUsers")]
    assert asked == RUNNING  # one after the other, running instances only
    with mailstore.SPEClient(**spe.client_kwargs()) as client:
        acme = [u["userName"] for u in client.GetUsers(instanceID="acme")["result"]]
    at = out.index(f"acme: {len(acme)} user(s)")
    assert out[at + 1 : at + 1 + len(acme)] == [f"  {name}" for name in acme]
    assert "  jürgen.müller" in out


def test_instance_users_of_one_host(spe: SpeEmulator) -> None:
    out = run("spe/instance_users.py", spe, "*instancehost01").stdout
    assert "initech: " in out and "wayne" not in out


# -- instance_inventory.py -------------------------------------------------------------------


def test_inventory_has_a_row_per_instance(spe: SpeEmulator) -> None:
    done = run("spe/instance_inventory.py", spe, ok=1)  # wayne refuses GetUsers
    rows = {r["instanceID"]: r for r in csv.DictReader(io.StringIO(done.stdout))}
    assert list(rows) == sorted(rows) and len(rows) == 12
    acme = rows["acme"]
    assert acme["users"] == str(len(spe.state.archive("acme").data["users"]))
    assert acme["stores"] == "4" and int(acme["messages"]) > 0 and acme["error"] == ""
    assert rows["tailspin"]["status"] == "stopped" and rows["tailspin"]["users"] == ""
    assert rows["umbrella"]["startStopError"].startswith("The instance process exited")
    wayne = rows["wayne"]  # stores and statistics need no service provider access
    assert wayne["users"] == "" and wayne["stores"] == "4"
    assert wayne["error"] == "Service provider access is disabled for instance 'wayne'."


def test_inventory_to_a_file_with_bom(spe: SpeEmulator, tmp_path: Path) -> None:
    target = tmp_path / "instances.csv"
    done = run("spe/instance_inventory.py", spe, "--filter", "acme initech", "-o", str(target))
    assert done.stdout == "" and done.stderr.strip() == f"2 instances written to {target}"
    assert target.read_bytes().startswith(b"\xef\xbb\xbfinstanceID,alias,")


# -- backup_freeze.py ------------------------------------------------------------------------

#: A backup command that prints the instances frozen while it runs, and exits with argv[1].
PROBE = (
    "import sys, mailstore; c = mailstore.SPEClient(); "
    "print(' '.join(i['instanceID'] for i in c.GetInstances('*')['result'] "
    "if i['status'] == 'frozen')); sys.exit(int(sys.argv[1]))"
)


@pytest.mark.parametrize("exit_code", [0, 3])
def test_backup_freezes_the_running_instances_and_thaws_them(
    spe: SpeEmulator, exit_code: int
) -> None:
    before = statuses(spe)
    done = run(
        "spe/backup_freeze.py", spe, "--", sys.executable, "-c", PROBE, str(exit_code), ok=None
    )
    assert done.returncode == exit_code, done.stderr
    assert done.stdout.split() == sorted(RUNNING + ["northwind"])  # frozen during the command
    assert statuses(spe) == before  # thawed again; northwind, frozen before, stays frozen
    (thawed,) = spe.stats.calls("ThawInstances")
    assert thawed["instanceFilter"].split() == RUNNING
    assert f"backup command ended with exit code {exit_code}" in done.stderr


def test_backup_does_not_run_when_freezing_fails(spe: SpeEmulator, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    spe.faults.http_error(500, function="FreezeInstances")
    command = [sys.executable, "-c", f"open({str(marker)!r}, 'w')"]
    done = run("spe/backup_freeze.py", spe, "--filter", "acme bluesky", "--", *command, ok=1)
    assert not marker.exists()
    assert "FreezeInstances: the server failed with HTTP 500" in done.stderr
    assert spe.stats.calls("ThawInstances") == []  # nothing froze


# -- health_summary.py -----------------------------------------------------------------------


def test_health_summary_of_the_default_spe(spe: SpeEmulator) -> None:
    done = run("spe/health_summary.py", spe, ok=2)
    lines = done.stdout.splitlines()
    assert lines[0] == (
        "SPE CRITICAL - 12 instances (1 frozen, 9 running, 2 stopped), 6 finding(s)"
    )
    assert lines[1:3] == [
        "[CRITICAL] service: Instance globex on instancehost01: One or more search indexes "
        "have to be rebuilt.",
        "[CRITICAL] service: Instance umbrella on instancehost02: The instance process exited "
        "during startup: the archive store database "
        "'E:\\Instances\\umbrella\\MasterDatabase.fdb' is locked by another process.",
    ]
    assert lines[3].startswith("[CRITICAL] globex: store 5 (Imported 2019): ")
    assert lines[4:] == [
        "[WARNING] globex: store 5 (Imported 2019): needs an upgrade",
        "[WARNING] globex: store 5 (Imported 2019): search indexes need a rebuild",
        "[WARNING] northwind: frozen (a backup running, or a thaw forgotten?)",
    ]
    assert sorted(a["instanceID"] for a in spe.stats.calls("GetStores")) == RUNNING


@pytest.fixture
def healthy(mailstore_emulator_data_dir: Path) -> Iterator[SpeEmulator]:
    data = default_spe_dataset()
    data["instances"] = [i for i in data["instances"] if i["instanceID"] in ("acme", "initech")]
    with SpeEmulator(data_dir=mailstore_emulator_data_dir, dataset=data) as emu:
        yield emu


def test_health_summary_ok_and_a_stopped_instance(healthy: SpeEmulator) -> None:
    done = run("spe/health_summary.py", healthy, ok=0)
    assert done.stdout.splitlines() == ["SPE OK - 2 instances (2 running), 0 finding(s)"]
    with healthy.state.lock:
        healthy.state.find_instance("initech")["status"] = "stopped"  # type: ignore[index]
    lines: List[str] = run("spe/health_summary.py", healthy, ok=2).stdout.splitlines()
    assert lines == [
        "SPE CRITICAL - 2 instances (1 running, 1 stopped), 1 finding(s)",
        "[CRITICAL] initech: stopped, although it starts automatically",
    ]


def test_health_summary_unknown_without_a_server(healthy: SpeEmulator) -> None:
    healthy.stop()
    lines = run("spe/health_summary.py", healthy, ok=3).stdout.splitlines()
    assert lines[0].startswith("SPE UNKNOWN - get-metadata: cannot connect to")
