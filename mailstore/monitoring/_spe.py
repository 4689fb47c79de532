"""MailStore SPE: its service status, its licences, and each instance with its archive.

After the connection (GetServiceStatus), an SPE has these services:

* ``service``: CRITICAL for an error among the SPE's messages, WARNING for a warning (or
  for a version older than ``min_version``); its summary names the version, the number of
  instances in each status and the size of their archives;
* ``licence``: the named users of all instances (``usedLicenseCount`` of
  CreateLicenseRequest), for information: the SPE does not say how many are licensed. An
  SPE that does not answer the call leaves the service OK, saying so;
* one per instance, ``acme: instance NAME``: CRITICAL with a ``startStopError``; else OK
  when it runs, WARNING when it is frozen, and CRITICAL in any other status (stopped,
  starting ...) unless the option ``expected_stopped`` names it;
* per running instance, the services a MailStore Server has of its archive: ``acme: store
  NAME`` (one per store), ``acme: profile NAME`` (one per profile) and ``acme: jobs``.

The instances are those that GetInstances(``instance_filter``) lists, checked up to
``workers`` at a time (SPEClient.forEachInstance). When the check of an instance fails (it
stopped after it was listed, GetStores answers an error), its instance service is UNKNOWN
and says why; the other instances are not affected.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from dataclasses import replace
from typing import Any, Dict, List, Optional, Sequence, Tuple

from .._fanout import InstanceOutcome
from ..errors import MailStoreError, ProtocolError
from ._archive import older, read_stores, store_services
from ._groups import archiving_groups, failure, run_groups
from ._model import Metric, Service, State, worst
from ._options import Options
from ._read import Item, call, count, plural, record, size

#: How the SPE's messages are judged, by their ``type`` (others are information).
MESSAGE_STATES = {"error": State.CRITICAL, "warning": State.WARNING}
#: Bytes in one of GetInstanceStatistics' MB.
MEGABYTE = 1024 * 1024

#: What checking a running instance gives: its figures and the services of its archive.
Checked = Tuple[Optional[Item], List[Service]]
Outcome = InstanceOutcome[Checked]


def spe_services(
    client: Any, status: Item, options: Options, now: _dt.datetime, command_line: bool
) -> List[Service]:
    """Every service of an SPE after the connection (``status``: GetServiceStatus)."""
    licence, used = _licence(client)
    try:
        outcomes = client.forEachInstance(
            lambda view, instance: _check_archive(view, options, now, command_line),
            options.instance_filter,
            workers=options.workers,
        )
    except MailStoreError as exc:  # GetInstances failed
        unlisted = failure("instances", exc, State.UNKNOWN, command_line)
        return [_service(status, None, options), licence, unlisted]
    instances = [s for o in outcomes for s in _instance(o, used, options, command_line)]
    return [_service(status, outcomes, options), licence, *instances]


def _check_archive(client: Any, options: Options, now: _dt.datetime, command_line: bool) -> Checked:
    """A running instance's figures and the services of its archive.

    Its first call, GetStores, raises when the instance does not answer.
    """
    stores = read_stores(client)
    figures = call(client, "GetInstanceStatistics")
    services = store_services(stores) + run_groups(
        archiving_groups(client, options, now), command_line
    )
    return (figures if isinstance(figures, dict) else None), services


def _service(status: Item, outcomes: Optional[Sequence[Outcome]], options: Options) -> Service:
    """The SPE as a whole: its messages, its version, its instances and their archives."""
    environment = status.get("environmentInfo")
    environment = environment if isinstance(environment, dict) else {}
    version = str(environment.get("version"))
    about = f"MailStore SPE {version} on {environment.get('serverName')}"
    metrics: Tuple[Metric, ...] = ()
    if outcomes is not None:
        tally, metrics = _tally(outcomes)
        about += ", " + tally
    states, problems, notes = [State.OK], [], []
    for message in status.get("messages") or []:
        if isinstance(message, dict):
            kind = str(message.get("type")).lower()
            notes.append(f"{kind}: {message.get('text')}")
            if kind in MESSAGE_STATES:
                states.append(MESSAGE_STATES[kind])
                problems.append(notes[-1])
    if older(version, options):
        states.append(State.WARNING)
        problems.append(f"version {version} is older than {options.min_version}")
    details = [about] if problems else []
    if environment.get("webClientVersion"):
        details.append(f"web client {environment['webClientVersion']}")
    summary = "; ".join(problems) or about
    return Service(
        "service", worst(states), summary, details=tuple(details + notes), metrics=metrics
    )


def _tally(outcomes: Sequence[Outcome]) -> Tuple[str, Tuple[Metric, ...]]:
    """The instances in each status, and the messages and size of those checked: as text
    (``12 instances: 9 running, 1 frozen, 2 stopped, 647,097 messages, 47.8 GB``) and
    as metrics."""
    statuses = Counter(str(o.instance.get("status")) for o in outcomes)
    text = plural(len(outcomes), "instance")
    if statuses:
        ordered = sorted(statuses.items(), key=lambda item: (item[0] != "running", item[0]))
        text += ": " + ", ".join(f"{n} {status}" for status, n in ordered)
    metrics = [
        Metric("instances", len(outcomes), min=0),
        Metric("instances_running", statuses["running"], min=0),
    ]
    figures = [_figures(o.value[0]) for o in outcomes if o.value is not None]
    messages = [m for m, _ in figures if m is not None]
    stored = [b for _, b in figures if b is not None]
    if messages:
        text += f", {sum(messages):,} messages"
        metrics.append(Metric("archive_messages", sum(messages), min=0))
    if stored:
        text += f", {size(sum(stored))}"
        metrics.append(Metric("archive_size", sum(stored), unit="B", min=0))
    return text, tuple(metrics)


def _licence(client: Any) -> Tuple[Service, Dict[str, int]]:
    """The licence service, and the named users of each instance by instance ID."""
    function = "CreateLicenseRequest"
    try:
        rows = record(client, function).get("instanceData")
        if not isinstance(rows, list):
            raise ProtocolError(
                f"{function}: the result has no instanceData list", function=function
            )
    except MailStoreError as exc:
        problem = getattr(exc, "problem", None) or str(exc)
        return Service("licence", State.OK, f"not known: {problem}"), {}
    used: Dict[str, int] = {}
    for row in rows:
        named = count(row, "usedLicenseCount") if isinstance(row, dict) else None
        if named is not None:
            used[str(row.get("instanceID"))] = named
    total = sum(used.values())
    summary = f"{total} named users in use in {plural(len(used), 'instance')}"
    metrics = (Metric("named_users", total, min=0),)
    return Service("licence", State.OK, summary, metrics=metrics), used


def _instance(
    outcome: Outcome, used: Dict[str, int], options: Options, command_line: bool
) -> List[Service]:
    """The instance's service, then those of its archive, each naming the instance."""
    figures, archive = outcome.value or (None, [])
    state, summary, details = _judge(outcome, options, command_line)
    metrics = []
    if outcome.instanceID in used:
        metrics.append(Metric("named_users", used[outcome.instanceID], min=0))
    messages, stored = _figures(figures)
    if messages is not None:
        summary += f", {messages:,} messages"
        metrics.append(Metric("messages", messages, min=0))
    if stored is not None:
        summary += f", {size(stored)}"
        metrics.append(Metric("size", stored, unit="B", min=0))
    name = outcome.instance.get("displayName")
    service = Service(
        "instance",
        state,
        summary,
        label=str(name) if name else None,
        details=details,
        metrics=tuple(metrics),
    )
    return [replace(s, instance=outcome.instanceID) for s in (service, *archive)]


def _judge(
    outcome: Outcome, options: Options, command_line: bool
) -> Tuple[State, str, Tuple[str, ...]]:
    """An instance's state, summary and details, from its status and its check."""
    status = str(outcome.instance.get("status"))
    host = outcome.instance.get("instanceHost")
    where = f"{status} on {host}" if host else status
    error = outcome.instance.get("startStopError")
    if error:
        return State.CRITICAL, f"{where}: {error}", ()
    if outcome.error is not None:
        lost = _lost(outcome.error, command_line)
        return State.UNKNOWN, f"not checked: {lost.summary}", lost.details
    if status == "running":
        return State.OK, where, ()
    if outcome.instanceID.casefold() in {name.casefold() for name in options.expected_stopped}:
        return State.OK, f"{where}, as expected", ()
    if status == "frozen":
        return State.WARNING, f"{where}: nothing is archived until it is thawed", ()
    return State.CRITICAL, where, ()


def _lost(exc: BaseException, command_line: bool) -> Service:
    """Why an instance's check failed: an API or connection error, or a bug."""
    if isinstance(exc, MailStoreError):
        return failure("instance", exc, State.UNKNOWN, command_line)
    return Service("instance", State.UNKNOWN, f"unexpected {type(exc).__name__}: {exc}")


def _figures(figures: Optional[Item]) -> Tuple[Optional[int], Optional[int]]:
    """The messages and bytes GetInstanceStatistics gave (None where it gave none)."""
    if figures is None:
        return None, None
    megabytes = count(figures, "totalSizeMB")
    return count(figures, "numberOfMessages"), None if megabytes is None else megabytes * MEGABYTE
