"""What a check finds: states, metrics, services and the report that holds them."""

from __future__ import annotations

import datetime as _dt
import enum
from dataclasses import dataclass
from typing import Any, Callable, Dict, Iterable, List, Optional, Tuple


class State(enum.IntEnum):
    """A service's state; the value is the monitoring plugin exit code."""

    OK = 0
    WARNING = 1
    CRITICAL = 2
    UNKNOWN = 3

    @property
    def severity(self) -> int:
        """How bad the state is: OK < WARNING < UNKNOWN < CRITICAL."""
        return _SEVERITY[self]


_SEVERITY = {State.OK: 0, State.WARNING: 1, State.UNKNOWN: 2, State.CRITICAL: 3}
#: The states from the worst to the best.
BY_SEVERITY = (State.CRITICAL, State.UNKNOWN, State.WARNING, State.OK)
#: The kinds of the service that describes the whole server: MailStore Server's, the SPE's.
OVERVIEW = ("server", "service")
#: How many services that are not OK the report's summary names (the worst).
NAMED_PROBLEMS = 5


def worst(states: Iterable[State]) -> State:
    """The most severe of ``states`` (OK for none)."""
    return max(states, key=lambda state: state.severity, default=State.OK)


@dataclass(frozen=True)
class Metric:
    """A measured value: ``unit`` is "" (a count), "B" (bytes) or "%".

    ``warn``/``crit`` are the thresholds the service judged the value by (at or above
    them), ``min``/``max`` its range, where known.
    """

    name: str
    value: float
    unit: str = ""
    warn: Optional[float] = None
    crit: Optional[float] = None
    min: Optional[float] = None
    max: Optional[float] = None

    def to_dict(self) -> Dict[str, Any]:
        return {
            "name": self.name,
            "value": self.value,
            "unit": self.unit,
            "warn": self.warn,
            "crit": self.crit,
            "min": self.min,
            "max": self.max,
        }


@dataclass(frozen=True)
class Service:
    """One thing the check looks at: the connection, a profile, a store, the licence ...

    ``kind`` says what it is; ``item`` and ``label`` are the id and the name of the profile
    or store it is about (None for the others); ``instance`` is the ID of the SPE instance
    it belongs to (None outside one). ``key`` is a stable identifier made of letters,
    digits and underscores, and of the instance ID (``profile_3``, ``acme_profile_3``);
    ``name`` the readable one (``acme: profile Mailboxes``).
    """

    kind: str
    state: State
    summary: str
    item: Optional[str] = None
    label: Optional[str] = None
    details: Tuple[str, ...] = ()
    metrics: Tuple[Metric, ...] = ()
    instance: Optional[str] = None

    @property
    def key(self) -> str:
        return "_".join(part for part in (self.instance, self.kind, self.item) if part is not None)

    @property
    def name(self) -> str:
        name = self.kind if self.label is None else f"{self.kind} {self.label}"
        return name if self.instance is None else f"{self.instance}: {name}"

    def to_dict(self) -> Dict[str, Any]:
        return {
            "key": self.key,
            "kind": self.kind,
            "item": self.item,
            "instance": self.instance,
            "name": self.name,
            "state": self.state.name,
            "summary": self.summary,
            "details": list(self.details),
            "metrics": [metric.to_dict() for metric in self.metrics],
        }


@dataclass(frozen=True)
class Report:
    """The outcome of a check: its services, in a stable order, and when it ran."""

    services: Tuple[Service, ...]
    checked_at: _dt.datetime

    @property
    def state(self) -> State:
        """The worst state of the services."""
        return worst(service.state for service in self.services)

    @property
    def reached(self) -> bool:
        """Whether the check got through to the server (its connection service is OK)."""
        return any(s.kind == "connection" and s.state == State.OK for s in self.services)

    @property
    def exit_code(self) -> int:
        """The monitoring plugin exit code: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN."""
        return int(self.state)

    def counts(self) -> Dict[State, int]:
        """How many services are in each state."""
        counts = {state: 0 for state in State}
        for service in self.services:
            counts[service.state] += 1
        return counts

    def metrics(self) -> Tuple[Metric, ...]:
        """The report's own metrics: the number of services in each state."""
        return tuple(
            Metric(f"services_{state.name.lower()}", count, min=0)
            for state, count in self.counts().items()
        )

    def labelled_metrics(self, wanted: Callable[[Service], bool]) -> List[Tuple[str, Metric]]:
        """Every metric under a name unique in the report: the report's own, then
        ``<service key>_<metric>`` (``licence_use``, ``store_3_size``) of the services
        ``wanted`` accepts."""
        labelled = [(metric.name, metric) for metric in self.metrics()]
        for service in self.services:
            if wanted(service):
                labelled += [(f"{service.key}_{m.name}", m) for m in service.metrics]
        return labelled

    def overview(self) -> Optional[Service]:
        """The service that describes the whole server (``server``, or ``service`` on SPE)."""
        return next((s for s in self.services if s.kind in OVERVIEW and s.instance is None), None)

    @property
    def timestamp(self) -> str:
        """When the check ran, as ``2026-11-30T07:00:00Z``."""
        return self.checked_at.astimezone(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

    def by_severity(self) -> List[Service]:
        """The services, the worst first (the check's order within a state)."""
        return sorted(self.services, key=lambda service: -service.state.severity)

    @property
    def summary(self) -> str:
        """One line: the services that are not OK, worst first (the first NAMED_PROBLEMS
        of them), or that all are."""
        problems = [service for service in self.by_severity() if service.state != State.OK]
        if not problems:
            overview = self.overview()
            tail = f": {overview.summary}" if overview else ""
            return f"{len(self.services)} services OK{tail}"
        counts = self.counts()
        head = ", ".join(
            f"{counts[state]} {state.name.lower()}" for state in BY_SEVERITY[:-1] if counts[state]
        )
        named = [f"{s.name}: {s.summary}" for s in problems[:NAMED_PROBLEMS]]
        if len(problems) > NAMED_PROBLEMS:
            named.append(f"and {len(problems) - NAMED_PROBLEMS} more")
        return head + ": " + "; ".join(named)

    def to_dict(self) -> Dict[str, Any]:
        """The whole report as JSON-able data, with stable keys."""
        return {
            "state": self.state.name,
            "exit_code": self.exit_code,
            "summary": self.summary,
            "checked_at": self.timestamp,
            "counts": {state.name: count for state, count in self.counts().items()},
            "services": [service.to_dict() for service in self.services],
        }
