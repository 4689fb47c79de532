"""Nagios plugin output (also Icinga, Naemon, Centreon, Shinken).

The first line is ``MAILSTORE <STATE> - <summary> | <perfdata>``; every service follows
on a line of its own, worst first, with its details indented below it. The exit code is
the state's (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN).
"""

from __future__ import annotations

import re

from ._model import Metric, Report
from ._text import measurement, one_line

_PLAIN_LABEL = re.compile(r"[A-Za-z0-9_.-]+")


def render(report: Report) -> str:
    perfdata = " ".join(_perfdata(label, metric) for label, metric in report.labelled_metrics())
    lines = [f"MAILSTORE {report.state.name} - {_text(report.summary)} | {perfdata}"]
    for service in report.by_severity():
        lines.append(f"[{service.state.name}] {_text(service.name)}: {_text(service.summary)}")
        lines.extend(f"    {_text(detail)}" for detail in service.details)
    return "\n".join(lines)


def _text(text: str) -> str:
    """Plugin output text: one line, and no ``|``, which would start performance data."""
    return one_line(text).replace("|", "/")


def _perfdata(label: str, metric: Metric) -> str:
    if not _PLAIN_LABEL.fullmatch(label):
        label = "'" + label.replace("'", "''") + "'"
    return f"{label}={measurement(metric, with_unit=True)}"
