"""Nagios plugin output (also Icinga, Naemon, Centreon, Shinken).

The first line is ``MAILSTORE <STATE> - <summary> | <perfdata>``; every service follows
on a line of its own, worst first, with its details indented below it. The exit code is
the state's (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN).

On SPE, the services of the SPE as a whole come first; then each instance gets one line,
the worst instance first: the state of its worst service, and its instance service's
name and summary; below it, indented, the services of the instance that are not OK.
The performance data holds the SPE's own figures only. So the output grows by about a
line per instance, and stays within what Nagios reads (8 KB) for a few dozen of them.
"""

from __future__ import annotations

import re
from typing import Dict, List

from ._model import Metric, Report, Service, State, worst
from ._read import plural
from ._text import measurement, one_line

_PLAIN_LABEL = re.compile(r"[A-Za-z0-9_.-]+")


def render(report: Report) -> str:
    labelled = report.labelled_metrics(lambda service: service.instance is None)
    perfdata = " ".join(_perfdata(label, metric) for label, metric in labelled)
    lines = [f"MAILSTORE {report.state.name} - {_text(report.summary)} | {perfdata}"]
    for service in report.by_severity():
        if service.instance is None:
            lines.append(_line(service.state, service, service.summary))
            lines.extend(f"    {_text(detail)}" for detail in service.details)
    for services in _instances(report):
        lines.extend(_instance_lines(services))
    return "\n".join(lines)


def _instances(report: Report) -> List[List[Service]]:
    """The services of each SPE instance, the instance with the worst state first."""
    groups: Dict[str, List[Service]] = {}
    for service in report.services:
        if service.instance is not None:
            groups.setdefault(service.instance, []).append(service)
    return sorted(groups.values(), key=lambda group: -worst(s.state for s in group).severity)


def _instance_lines(services: List[Service]) -> List[str]:
    """An instance's line (its instance service comes first) and its problems below it."""
    instance, archive = services[0], services[1:]
    fine = sum(service.state == State.OK for service in archive)
    summary = instance.summary + (f"; {plural(fine, 'other service')} OK" if fine else "")
    lines = [_line(worst(s.state for s in services), instance, summary)]
    lines.extend(f"    {_text(detail)}" for detail in instance.details)
    lines.extend(
        "    " + _line(service.state, service, service.summary)
        for service in archive
        if service.state != State.OK
    )
    return lines


def _line(state: State, service: Service, summary: str) -> str:
    return f"[{state.name}] {_text(service.name)}: {_text(summary)}"


def _text(text: str) -> str:
    """Plugin output text: one line, and no ``|``, which would start performance data."""
    return one_line(text).replace("|", "/")


def _perfdata(label: str, metric: Metric) -> str:
    if not _PLAIN_LABEL.fullmatch(label):
        label = "'" + label.replace("'", "''") + "'"
    return f"{label}={measurement(metric, with_unit=True)}"
