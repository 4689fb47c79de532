"""The output formats: each renders a report, and says which exit code the command gives."""

from __future__ import annotations

import json
from typing import Callable, Dict, NamedTuple

from . import _checkmk, _nagios, _prtg, _zabbix
from ._model import Report


class Format(NamedTuple):
    render: Callable[[Report], str]
    #: Whether the command exits with the report's state (else 0: the output holds it).
    exits_with_state: bool


def _json(report: Report) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False)


FORMATS: Dict[str, Format] = {
    "nagios": Format(_nagios.render, True),
    "checkmk": Format(_checkmk.render, False),
    "prtg": Format(_prtg.render, False),
    "zabbix": Format(_zabbix.render, False),
    "json": Format(_json, True),
}


def render(report: Report, format: str) -> str:
    """The report in ``format`` (nagios, checkmk, prtg, zabbix or json)."""
    return FORMATS[format].render(report)


def exit_code(report: Report, format: str) -> int:
    """The exit code of ``mailstore health --format FORMAT`` for the report."""
    return report.exit_code if FORMATS[format].exits_with_state else 0
