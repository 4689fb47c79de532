"""Zabbix output: low-level discovery and item values in one JSON document.

``discovery`` holds one LLD list each for ``profiles``, ``stores`` and ``instances``
(objects of ``{#MACRO}`` strings) for dependent discovery rules; ``values`` the report's
state, summary and counts and, per service key, its state, summary and metrics, for
dependent items (JSONPath ``$.values.services.profile_3.state``). On SPE, each row names
its instance too (``{#INSTANCE.ID}``), and an instance's keys begin with its ID
(``acme_instance``, ``acme_profile_3``). States are numbers:
0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN. When the check cannot get through to the server,
``discovery`` is left out, so that Zabbix keeps what it discovered before. The command
exits 0: the states are in the values.
"""

from __future__ import annotations

import json
from typing import Any, Dict, List

from ._model import Report, Service

#: LLD list name and macro prefix for each kind of service that Zabbix discovers.
DISCOVERED = {
    "profile": ("profiles", "PROFILE"),
    "store": ("stores", "STORE"),
    "instance": ("instances", "INSTANCE"),
}


def render(report: Report) -> str:
    document: Dict[str, Any] = {}
    if report.reached:
        document["discovery"] = _discovery(report.services)
    document["values"] = {
        "state": int(report.state),
        "summary": report.summary,
        "checked_at": report.timestamp,
        "counts": {state.name.lower(): n for state, n in report.counts().items()},
        "services": {service.key: _values(service) for service in report.services},
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def _discovery(services: Any) -> Dict[str, List[Dict[str, str]]]:
    lists: Dict[str, List[Dict[str, str]]] = {"profiles": [], "stores": [], "instances": []}
    for service in services:
        if service.kind in DISCOVERED:
            name, macro = DISCOVERED[service.kind]
            row = {} if service.instance is None else {"{#INSTANCE.ID}": service.instance}
            if service.item is not None:
                row[f"{{#{macro}.ID}}"] = service.item
            row[f"{{#{macro}.NAME}}"] = str(service.label or service.item or service.instance)
            lists[name].append(row)
    return lists


def _values(service: Service) -> Dict[str, Any]:
    return {
        "name": service.name,
        "state": int(service.state),
        "summary": service.summary,
        "metrics": {metric.name: metric.value for metric in service.metrics},
    }
