"""The jobs service: enabled jobs whose newest result is not a success, or that are overdue.

A job is overdue when its next start (``nextStartDateTimeUtc``, UTC) lies more than the
grace time in the past: the server should have started it by then.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Dict, List, Tuple

from ._model import Metric, Service, State, worst
from ._options import Options
from ._read import Item, count, hours, moment, records, run_state, when

Dated = Tuple[_dt.datetime, Item]


def job_services(client: Any, options: Options, now: _dt.datetime) -> List[Service]:
    """One service for all enabled jobs."""
    jobs = [job for job in records(client, "GetJobs") if job.get("enabled") is True]
    since = now - _dt.timedelta(hours=options.job_lookback_hours)
    newest: Dict[int, Dated] = {}
    if jobs:
        for result in records(client, "GetJobResults", fromIncluding=since, toExcluding=now):
            started, job_id = moment(result, "startTime"), count(result, "jobId")
            if started is not None and job_id is not None:
                if job_id not in newest or started > newest[job_id][0]:
                    newest[job_id] = (started, result)
    grace = now - _dt.timedelta(hours=options.job_grace_hours)
    states, problems, details, failed, overdue = [State.OK], [], [], 0, 0
    for job in sorted(jobs, key=lambda job: int(job["id"])):
        name = str(job.get("name") or f"#{job['id']}")
        line = [f"{name}: no result in the last {hours(options.job_lookback_hours)}"]
        if job["id"] in newest:
            started, result = newest[job["id"]]
            outcome = str(result.get("result"))
            line = [f"{name}: {outcome} at {when(started)}"]
            state = run_state(outcome, options.completed_with_errors_ok)
            if state != State.OK:
                states.append(state)
                problems.append(line[0])
                failed += 1
        next_start = moment(job, "nextStartDateTimeUtc")
        if next_start is not None:
            line.append(f"next start {when(next_start)}")
            if next_start < grace:
                states.append(State.WARNING)
                problems.append(f"{name}: overdue, due at {when(next_start)}")
                overdue += 1
        details.append(", ".join(line))
    summary = "; ".join(problems) or (f"{len(jobs)} enabled jobs OK" if jobs else "no enabled jobs")
    metrics = (
        Metric("enabled", len(jobs), min=0),
        Metric("failed", failed, min=0),
        Metric("overdue", overdue, min=0),
    )
    return [Service("jobs", worst(states), summary, details=tuple(details), metrics=metrics)]
