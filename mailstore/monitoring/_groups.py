"""Groups of services: each is read by one function, and its failure is a service of its own.

A group that fails (an API error, an answer the check cannot read) becomes one UNKNOWN
service named after the group, and the other groups still run.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Callable, List, Tuple

from ..errors import MailStoreError
from ._jobs import job_services
from ._model import Service, State
from ._options import Options
from ._profiles import profile_services

#: A group: the kind of its failure service, and the function that reads its services.
Group = Tuple[str, Callable[[], List[Service]]]


def run_groups(groups: List[Group], command_line: bool) -> List[Service]:
    """The services of every group, in order; a failed group as an UNKNOWN service."""
    services: List[Service] = []
    for kind, group in groups:
        try:
            services.extend(group())
        except MailStoreError as exc:
            services.append(failure(kind, exc, State.UNKNOWN, command_line))
    return services


def archiving_groups(client: Any, options: Options, now: _dt.datetime) -> List[Group]:
    """The groups every archive has, a MailStore Server's or an SPE instance's: the
    profiles and the jobs."""
    return [
        ("profiles", lambda: profile_services(client, options, now)),
        ("jobs", lambda: job_services(client, options, now)),
    ]


def failure(kind: str, exc: Exception, state: State, command_line: bool) -> Service:
    """A service that could not be checked: what went wrong, and what to do as its detail."""
    cli_hint = getattr(exc, "cli_hint", None) if command_line else None
    advice = cli_hint or getattr(exc, "hint", None)
    problem = getattr(exc, "problem", None) or str(exc)
    return Service(kind, state, problem, details=(advice,) if advice else ())
