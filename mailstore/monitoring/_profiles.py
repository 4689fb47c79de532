"""One service per archiving profile: its newest run, and whether an automatic one is overdue.

The runs come from GetWorkerResults asked in UTC, so the server's time zone plays no part.
A run's ``result`` (succeeded, failed ...) is judged, never the call's ``statusCode``.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from typing import Any, Dict, List, Tuple

from ..dates import worker_results
from ..errors import MailStoreError
from ._model import Metric, Service, State, worst
from ._options import Options
from ._read import Item, count, hours, moment, plural, record, records, run_state, when

EXPORT = "E"  # profile type of an export; the others archive
_TELLING = re.compile(r"\b(error|errors|exception|could not|cannot|unable|failed to)\b", re.I)
_CHUNK = _dt.timedelta(days=7)

Dated = Tuple[_dt.datetime, Item]


def profile_services(client: Any, options: Options, now: _dt.datetime) -> List[Service]:
    """The services of the archiving profiles the options watch, by profile id."""
    profiles = [p for p in records(client, "GetProfiles", raw=True) if _watched(p, options)]
    if not profiles:
        return []
    span = _dt.timedelta(hours=max(options.lookback_hours, options.overdue_hours))
    runs: Dict[int, List[Dated]] = {}
    for run in worker_results(client, now - span, now, chunk=_CHUNK):
        started = moment(run, "startTime")
        profile_id = count(run, "profileId")
        if started is not None and profile_id is not None:
            runs.setdefault(profile_id, []).append((started, run))
    return [
        _service(client, profile, runs.get(profile["id"], []), options, now)
        for profile in sorted(profiles, key=lambda p: int(p["id"]))
    ]


def automatic(profile: Item) -> bool:
    """Whether the server runs the profile on its own (``automatic`` is "true" or True)."""
    execution = profile.get("serverSideExecution")
    return isinstance(execution, dict) and str(execution.get("automatic")).lower() == "true"


def _watched(profile: Item, options: Options) -> bool:
    if profile.get("type") == EXPORT:
        return False
    excluded = {name.casefold() for name in options.exclude_profiles}
    if {str(profile["id"]), str(profile.get("name", "")).casefold()} & excluded:
        return False
    return automatic(profile) or not options.automatic_only


def _service(
    client: Any, profile: Item, runs: List[Dated], options: Options, now: _dt.datetime
) -> Service:
    lookback = now - _dt.timedelta(hours=options.lookback_hours)
    recent = sorted((run for run in runs if run[0] >= lookback), key=lambda run: run[0])
    state, summary = State.OK, f"no run in the last {hours(options.lookback_hours)}"
    if recent:
        started, run = recent[-1]
        result = str(run.get("result"))
        state = run_state(result, options.completed_with_errors_ok)
        summary = f"{result} at {when(started)}"
        if state == State.CRITICAL:
            quoted = _report(client, run, options.report_lines)
            if quoted:
                summary += ": " + " / ".join(quoted)
        else:
            summary += f", {count(run, 'itemsArchived') or 0} items archived"
    overdue = now - _dt.timedelta(hours=options.overdue_hours)
    if automatic(profile) and not any(started >= overdue for started, _ in runs):
        state = worst([state, State.WARNING])
        late = f"overdue: no run in the last {hours(options.overdue_hours)}"
        summary = f"{late}; newest: {summary}" if recent else late
    return Service(
        "profile",
        state,
        summary,
        item=str(profile["id"]),
        label=str(profile.get("name") or f"#{profile['id']}"),
        details=tuple(_details(profile, recent, options)),
        metrics=(
            Metric("runs", len(recent), min=0),
            Metric("items", sum(count(run, "itemsArchived") or 0 for _, run in recent), min=0),
        ),
    )


def _details(profile: Item, recent: List[Dated], options: Options) -> List[str]:
    how = (
        "runs automatically on the server"
        if automatic(profile)
        else "runs on a client machine"
        if profile.get("serverSideExecution") is None
        else "runs when started"
    )
    if not recent:
        return [how]
    tally = Counter(str(run.get("result")) for _, run in recent)
    outcomes = ", ".join(f"{n} {result}" for result, n in sorted(tally.items()))
    runs = plural(len(recent), "run")
    return [how, f"{runs} in the last {hours(options.lookback_hours)}: {outcomes}"]


def _report(client: Any, run: Item, lines: int) -> List[str]:
    """Up to ``lines`` lines of the run's report that say what went wrong (else its first)."""
    run_id = count(run, "id")
    if lines == 0 or run_id is None:
        return []
    try:
        text = record(client, "GetWorkerResultReport", id=run_id).get("report")
    except MailStoreError:
        return []  # the run's state stands without its report
    found = [line.strip() for line in str(text or "").splitlines() if line.strip()]
    telling = [line for line in found if _TELLING.search(line)]
    return (telling or found)[:lines]
