"""Checkmk local check output: one line per service, ``<state> "<service>" <metrics> <text>``.

Metrics are ``name=value;warn;crit;min;max`` joined by ``|`` (``-`` for none); the text's
further lines (a service's details) are joined with a literal ``\\n``, which Checkmk shows
as the service's long output; backslashes in the server's texts (Windows paths) are shown
as ``/``, so that none can be read as such a line break. The server service (on SPE: the
service) also carries the report's counts of services per state. On SPE, the names of an
instance's services begin with its ID (``MailStore acme: profile Mailboxes``). The command exits 0: the states are in the
lines.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from ._model import Metric, Report
from ._text import measurement, one_line

PREFIX = "MailStore"


def render(report: Report) -> str:
    taken = Counter(service.name for service in report.services)
    overview = report.overview()
    lines = []
    for service in report.services:
        name = f"{PREFIX} {service.name}"
        if taken[service.name] > 1:  # two profiles or stores of the same name
            name += f" #{service.item}"
        metrics = list(service.metrics)
        if service is overview:
            metrics += report.metrics()
        texts = (one_line(text).replace("\\", "/") for text in (service.summary, *service.details))
        text = "\\n".join(texts)  # Checkmk shows each \\n as a line break
        lines.append(
            f'{int(service.state)} "{name.replace(chr(34), chr(39))}" {_metrics(metrics)} {text}'
        )
    return "\n".join(lines)


def _metrics(metrics: Iterable[Metric]) -> str:
    return "|".join(f"{m.name}={measurement(m, with_unit=False)}" for m in metrics) or "-"
