"""An archive for the monitoring tests: healthy at NOW, and the changes that break it.

Times in the emulator's dataset are UTC. The checks run with ``now=NOW`` (``--now``), so
every output is the same whatever the clock says. ``healthy_spe`` makes an SPE emulator's
default instances healthy in the same way; ``check`` runs the check against an emulator.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Dict, List

import mailstore
from mailstore import monitoring
from mailstore.emulator import default_dataset
from mailstore.emulator.spe import SpeEmulator

UTC = dt.timezone.utc
NOW = dt.datetime(2026, 5, 3, 12, 0, tzinfo=UTC)
NOW_TEXT = "2026-05-03T12:00:00Z"

M365, JOURNAL, IMAP = (
    (1, "Microsoft 365 Mailboxes"),
    (2, "Exchange Journal"),
    (3, "IMAP info@example.com"),
)
NEXT_STARTS = {1: "2026-05-04T02:30:00", 2: "2026-05-04T00:30:00", 3: "2026-05-10T01:00:00",
               5: "2026-05-03T13:00:00"}  # fmt: skip


def check(emu: Any, **options: Any) -> monitoring.Report:
    """monitoring.check() of the emulator (an SPE one with an SPEClient) at NOW."""
    options.setdefault("now", NOW)
    kind = mailstore.mgmt.SPEClient if isinstance(emu, SpeEmulator) else mailstore.mgmt.ServerClient
    return monitoring.check(lambda: kind(**emu.client_kwargs(), logLevel=None), **options)


def services(report: monitoring.Report) -> Dict[str, monitoring.Service]:
    """The report's services by key."""
    return {service.key: service for service in report.services}


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")


def run(
    run_id: int, profile: Any, result: str, hours_ago: float, items: int = 0, now: dt.datetime = NOW
) -> Dict[str, Any]:
    """A worker result of ``profile`` (id, name) that started ``hours_ago`` before ``now``."""
    start = now - dt.timedelta(hours=hours_ago)
    return {
        "id": run_id,
        "userName": "admin",
        "profileId": profile[0],
        "profileName": profile[1],
        "result": result,
        "itemsArchived": items,
        "startTime": iso(start),
        "completeTime": iso(start + dt.timedelta(minutes=4)),
        "machineName": "MAILSTORE-EMU",
    }


def healthy() -> Dict[str, Any]:
    """The default dataset, healthy at NOW: three stores without problems, the automatic
    profiles ran in the last hours, the enabled jobs are due in the future."""
    data = default_dataset()
    heal(data)
    return data


def heal(data: Dict[str, Any]) -> None:
    """Make an archive of the default dataset healthy at NOW (see healthy)."""
    data["stores"] = data["stores"][:3]
    data["workerResults"] = [
        run(501, M365, "succeeded", 2, items=120),
        run(502, IMAP, "succeeded", 1, items=20),
        run(503, JOURNAL, "succeeded", 30, items=7),  # before the look-back window
    ]
    for job in data["jobs"]:
        if job["enabled"]:
            job["nextStartDateTimeUtc"] = NEXT_STARTS[job["id"]]


def healthy_spe(emu: Any) -> None:
    """Make the SPE emulator's default instances healthy at NOW: all twelve running, with
    service provider access, no start error, and each archive healed."""
    with emu.state.lock:
        for number, record in enumerate(emu.state.instances):
            record.update(status="running", processID=4100 + 97 * number, startStopError=None)
            record.update(startFailure=None, serviceProviderAccess=True)
            heal(emu.state.archive(record["instanceID"]).data)


def set_instance(emu: Any, instance_id: str, **fields: Any) -> None:
    """Change the record of an SPE instance (status, startStopError ...)."""
    with emu.state.lock:
        emu.state.require_instance(instance_id).update(fields)


def add_runs(emu: Any, *runs: Dict[str, Any]) -> None:
    with emu.state.lock:
        emu.state.data["workerResults"].extend(runs)


def drop_runs(emu: Any, profile_id: int) -> None:
    with emu.state.lock:
        results: List[Dict[str, Any]] = emu.state.data["workerResults"]
        results[:] = [r for r in results if r.get("profileId") != profile_id]


def named_users(emu: Any, used: int, licensed: int) -> None:
    """Make ``used`` users hold privileges (named users in use) out of ``licensed``."""
    with emu.state.lock:
        privileged = [user for user in emu.state.users if user["privileges"]]
        assert len(privileged) >= used
        for user in privileged[used:]:
            user["privileges"] = []
        emu.state.data["licenseInformation"]["maxNamedUsers"] = licensed
