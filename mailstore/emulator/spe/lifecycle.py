"""Instances: listing, configuration, statistics and the status transitions.

Create, Delete, Start, Stop, Restart, Freeze and Thaw run as long-running tasks, one step per
status change, so a client sees ``running`` with progress and log lines and GetInstances
shows the intermediate statuses (``starting``, ``stopping``).  An instance a filter selects
that cannot make the transition is logged and skipped; the task then ends ``failed`` naming
those instances; a cancelled task completes the transition of the instance it is at.  A
start fails when the instance's ``startFailure`` is set: the instance stays ``stopped`` with
that message as its ``startStopError``.
"""

from __future__ import annotations

import hashlib
import re
import time
import uuid
from typing import Any, Callable, Dict, Iterator, List, Optional

from ..errors import ApiError
from ..functions import Args, merge_config
from ..tasks import Done, Plan, Update
from .context import SpeContext, keyed_config, spe_api
from .dataset import make_instance

JsonDict = Dict[str, Any]
Step = Callable[[SpeContext, JsonDict], Iterator[Update]]

LIST_KEYS = (
    "instanceID",
    "alias",
    "displayName",
    "instanceHost",
    "startMode",
    "processID",
    "status",
    "startStopError",
)
CONFIG_KEYS = (
    "instanceID",
    "alias",
    "displayName",
    "instanceHost",
    "startMode",
    "baseDirectory",
    "debugLogEnabled",
    "imapServerConnectionLogEnabled",
    "vssWriterEnabled",
    "vssWriterExcludeIndexes",
)
START_MODES = ("automatic", "manual")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_MB = 1024 * 1024


def _view(record: JsonDict, keys: tuple[str, ...]) -> JsonDict:
    return {key: record.get(key) for key in keys}


# -- listing and configuration -------------------------------------------------------------------


@spe_api("GetInstances")
def get_instances(ctx: SpeContext, args: Args) -> Any:
    return [_view(r, LIST_KEYS) for r in ctx.spe.select(args["instanceFilter"])]


@spe_api("GetInstanceConfiguration")
def get_instance_configuration(ctx: SpeContext, args: Args) -> Any:
    return _view(ctx.record, CONFIG_KEYS)


@spe_api("SetInstanceConfiguration")
def set_instance_configuration(ctx: SpeContext, args: Args) -> Any:
    config = keyed_config(args["config"], "instanceID", "instance")
    record = ctx.spe.require_instance(str(config["instanceID"]))
    settable = {k: record[k] for k in CONFIG_KEYS if k not in ("instanceID", "instanceHost")}
    merge_config(settable, config, "instance configuration")
    if settable["startMode"] not in START_MODES:
        raise ApiError(f"Invalid start mode '{settable['startMode']}'.")
    record.update(settable)
    return None


# -- statistics -------------------------------------------------------------------------------------


@spe_api("GetInstanceStatistics")
def get_instance_statistics(ctx: SpeContext, args: Args) -> Any:
    """Sizes and message count from the instance's stores; nothing for an instance not running."""
    if ctx.record["status"] != "running":
        return None
    stores = ctx.archive_context().state.stores
    total = sum(int(s["statisticsSize"]) for s in stores) // _MB
    database, index = total * 2 // 100, total * 3 // 100
    return {
        "totalSizeMB": total,
        "databaseFileSizeMB": database,
        "contentFileSizeMB": total - database - index,
        "indexFileSizeMB": index,
        "numberOfMessages": sum(int(s["statisticsCount"]) for s in stores),
    }


@spe_api("GetInstanceProcessLiveStatistics")
def get_instance_process_live_statistics(ctx: SpeContext, args: Args) -> Any:
    record = ctx.record
    key = f"{record['instanceID']}:{record['processID']}"
    seed = int(hashlib.sha256(key.encode()).hexdigest()[:8], 16)
    archive = ctx.archive_context().state
    archived = sum(int(w.get("itemsArchived", 0)) for w in archive.data["workerResults"])
    return {
        "processUniqueID": str(uuid.uuid5(uuid.NAMESPACE_URL, key)),
        "timestamp": int(time.time() * 1000),
        "totalProcessorMilliseconds": 50_000_000 + seed % 500_000_000,
        "totalIOReadBytes": 10**11 + seed * 1000,
        "totalIOWriteBytes": 10**10 + seed * 100,
        "totalIOOtherBytes": 10**9 + seed,
        "totalRemoteProcedureCalls": 1000 + seed % 50_000,
        "totalMessagesArchived": archived,
        "totalMessagesChecked": archived * 40 + seed % 1000,
        "currentPrivateMemoryBytes": 400 * _MB + seed % (300 * _MB),
    }


# -- transitions --------------------------------------------------------------------------------------


def _each(ctx: SpeContext, instance_filter: str, step: Step) -> Plan:
    """Run ``step`` on each selected instance; log failures and fail the task at the end."""
    selected = ctx.spe.select(instance_filter)
    if not selected:
        yield Update([f"No instance matches the filter '{instance_filter}'."], 50)
    failed: List[str] = []
    for done, record in enumerate(selected):
        steps = step(ctx, record)
        try:
            for update in steps:
                yield Update(update.lines, (done * 100 + 50) // len(selected))
        except ApiError as exc:
            failed.append(record["instanceID"])
            yield Update([exc.message])
        except GeneratorExit:  # cancelled: this instance ends its transition, the rest wait
            _finish(steps)
            raise
    if failed:
        raise ApiError(
            f"{len(failed)} of {len(selected)} instance(s) failed: {', '.join(failed)}.",
            "System.InvalidOperationException",
        )
    return Done(None, [f"Finished. {len(selected)} instance(s) processed."])


def _finish(steps: Iterator[Update]) -> None:
    """Run the rest of an instance's transition at once (none is left half-way)."""
    try:
        for _ in steps:
            pass
    except ApiError:
        pass


def _refuse(record: JsonDict, action: str) -> ApiError:
    return ApiError(
        f"Instance '{record['instanceID']}' cannot be {action}: it is {record['status']}.",
        "System.InvalidOperationException",
    )


def _start(ctx: SpeContext, record: JsonDict) -> Iterator[Update]:
    name = record["instanceID"]
    if record["status"] == "running":
        yield Update([f"Instance '{name}' is already running."])
        return
    if record["status"] != "stopped":
        raise _refuse(record, "started")
    record.update(status="starting", startStopError=None)
    yield Update([f"Starting instance '{name}'..."])
    failure = record.get("startFailure")
    if failure:
        record.update(status="stopped", startStopError=failure, processID=None)
        raise ApiError(f"Instance '{name}' could not be started: {failure}")
    record.update(status="running", processID=ctx.spe.next_process_id())
    yield Update([f"Instance '{name}' started."])


def _stop(ctx: SpeContext, record: JsonDict) -> Iterator[Update]:
    name = record["instanceID"]
    if record["status"] == "stopped":
        yield Update([f"Instance '{name}' is already stopped."])
        return
    if record["status"] not in ("running", "frozen"):
        raise _refuse(record, "stopped")
    record["status"] = "stopping"
    yield Update([f"Stopping instance '{name}'..."])
    record.update(status="stopped", processID=None)
    yield Update([f"Instance '{name}' stopped."])


def _restart(ctx: SpeContext, record: JsonDict) -> Iterator[Update]:
    if record["status"] == "running":
        yield from _stop(ctx, record)
    yield from _start(ctx, record)


def _switch(record: JsonDict, source: str, target: str, doing: str, done: str) -> Iterator[Update]:
    """Take a ``source`` instance to ``target`` (freeze and thaw)."""
    name = record["instanceID"]
    if record["status"] == target:
        yield Update([f"Instance '{name}' is already {target}."])
        return
    if record["status"] != source:
        raise _refuse(record, done)
    yield Update([f"{doing} instance '{name}'..."])
    record["status"] = target
    yield Update([f"Instance '{name}' {done}."])


def _freeze(ctx: SpeContext, record: JsonDict) -> Iterator[Update]:
    return _switch(record, "running", "frozen", "Freezing", "frozen")


def _thaw(ctx: SpeContext, record: JsonDict) -> Iterator[Update]:
    return _switch(record, "frozen", "running", "Thawing", "thawed")


def _delete(ctx: SpeContext, record: JsonDict) -> Iterator[Update]:
    if record["status"] != "stopped":
        raise _refuse(record, "deleted")
    yield Update([f"Deleting instance '{record['instanceID']}'..."])
    ctx.spe.remove_instance(record)
    yield Update([f"Instance '{record['instanceID']}' deleted."])


def _transition(step: Step) -> Callable[[SpeContext, Args], Plan]:
    """The handler of a transition function: ``step`` on every instance the filter selects."""

    def handler(ctx: SpeContext, args: Args) -> Plan:
        return (yield from _each(ctx, args["instanceFilter"], step))

    return handler


for _name, _step in {
    "StartInstances": _start,
    "StopInstances": _stop,
    "RestartInstances": _restart,
    "FreezeInstances": _freeze,
    "ThawInstances": _thaw,
    "DeleteInstances": _delete,
}.items():
    spe_api(_name)(_transition(_step))


@spe_api("CreateInstance")
def create_instance(ctx: SpeContext, args: Args) -> Plan:
    record = _new_record(ctx, args["config"])
    yield Update([f"Creating instance '{record['instanceID']}' on {record['instanceHost']}..."])
    ctx.spe.add_instance(record)
    yield Update([f"Instance '{record['instanceID']}' created."], 50)
    if record["startMode"] == "automatic":
        yield from _start(ctx, record)
    return Done(None, ["Finished."])


def _new_record(ctx: SpeContext, config: Any) -> JsonDict:
    """The record of a new instance from CreateInstance's ``config``, checked."""
    if not isinstance(config, dict):
        raise ApiError("The instance configuration must be a JSON object.")
    instance_id = str(config.get("instanceID") or "")
    if not _ID.match(instance_id):
        raise ApiError(
            f"Invalid instance ID '{instance_id}': use letters, digits, '.', '_' and '-', "
            "starting with a letter or digit.",
            "System.ArgumentException",
        )
    if ctx.spe.find_instance(instance_id) is not None:
        raise ApiError(f"An instance with the ID '{instance_id}' already exists.")
    host = ctx.spe.require_host(str(config.get("instanceHost") or ""))
    start_mode = config.get("startMode") or "automatic"
    if start_mode not in START_MODES:
        raise ApiError(f"Invalid start mode '{start_mode}'.")
    record = make_instance(
        instance_id,
        host["serverName"],
        alias=_text(config.get("alias")),
        display_name=_text(config.get("displayName")),
        status="stopped",
        start_mode=start_mode,
        base_directory=_text(config.get("baseDirectory"))
        or f"{host['baseDirectory']}\\{instance_id}",
    )
    return record


def _text(value: Any) -> Optional[str]:
    return None if value is None else str(value)
