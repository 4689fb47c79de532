"""PRTG output: the JSON an EXE/Script Advanced sensor reads.

Channels: ``State`` (the report's state, 0-3, with limits that make 1 a warning and 2 or
3 an error), the number of services in each state, and the metrics of the server (on
SPE: the service), jobs and licence services. Per-profile, per-store and per-instance
figures stay out, so that the sensor keeps well below PRTG's 50 channels however many
there are; the text is the report's summary (the services that are not OK). When
the check cannot get through to the server, the sensor gets ``error: 1`` and the reason.
The command exits 0: PRTG takes the state from the JSON.
"""

from __future__ import annotations

import json
from typing import Any, Dict, List

from ._model import Metric, Report, Service, State
from ._text import one_line

#: Services whose metrics become channels (one of each per server, outside any instance).
CHANNEL_SERVICES = ("server", "service", "jobs", "licence")
UNITS = {"": "Count", "%": "Percent", "B": "BytesDisk"}
TEXT_LIMIT = 2000  # characters PRTG shows of the text


def render(report: Report) -> str:
    if report.reached:
        text = one_line(report.summary)
        body: Dict[str, Any] = {"result": _channels(report), "text": text[:TEXT_LIMIT]}
    else:  # the reason, and what to do about it
        advice = [detail for service in report.services for detail in service.details]
        text = one_line(" ".join([report.summary, *advice]))
        body = {"error": 1, "text": text[:TEXT_LIMIT]}
    return json.dumps({"prtg": body}, indent=2)


def _channels(report: Report) -> List[Dict[str, Any]]:
    state = {
        "channel": "State",
        "value": int(report.state),
        "unit": "Custom",
        "customunit": "",
        "limitmode": 1,
        "limitmaxwarning": int(State.OK),
        "limitmaxerror": int(State.WARNING),
        "limitwarningmsg": "a MailStore service is in WARNING",
        "limiterrormsg": "a MailStore service is CRITICAL or UNKNOWN",
    }
    measured = [
        _channel(label.replace("_", " ").capitalize(), metric)
        for label, metric in report.labelled_metrics(_channelled)
    ]
    return [state, *measured]


def _channelled(service: Service) -> bool:
    return service.instance is None and service.kind in CHANNEL_SERVICES


def _channel(name: str, metric: Metric) -> Dict[str, Any]:
    whole = float(metric.value).is_integer()  # PRTG takes a fraction only with float: 1
    value = int(metric.value) if whole else metric.value
    channel: Dict[str, Any] = {"channel": name, "value": value, "unit": UNITS[metric.unit]}
    if not whole:
        channel["float"] = 1
    return channel
