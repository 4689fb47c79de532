"""Running the check: the connection first, then each group of services.

A group that fails (an API error, an answer the check cannot read) becomes one UNKNOWN
service and the others still run. When the connection itself fails, the report holds the
connection service alone: CRITICAL when the server cannot be reached (no connection, TLS,
timeout, HTTP 5xx), UNKNOWN when it refuses the check (credentials, privileges) or does
not answer as MailStore does.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Callable, List, Tuple, Union

from ..errors import ArgumentError, MailStoreError, ServerError, TransportError
from ._archive import archive_services
from ._jobs import job_services
from ._licence import licence_services
from ._model import Report, Service, State
from ._options import Options
from ._profiles import profile_services
from ._read import record

#: A client, or a function that makes one (so that a failing constructor is reported too).
ClientSource = Union[Any, Callable[[], Any]]


def check(client: ClientSource, *, command_line: bool = False, **options: Any) -> Report:
    """Check a MailStore Server and return the report.

    ``client`` is a ``ServerClient``, or a function without arguments that makes one.
    ``options`` are those of `Options` (``lookback_hours=24``, ...); bad ones raise
    ArgumentError. ``command_line`` picks the advice phrased for the ``mailstore`` command.
    """
    settings = Options.from_mapping(options)
    now = settings.now or _dt.datetime.now(_dt.timezone.utc)
    return Report(tuple(server_services(client, settings, now, command_line)), now)


def server_services(
    client: ClientSource, options: Options, now: _dt.datetime, command_line: bool = False
) -> List[Service]:
    """Every service of one MailStore Server (the unit that later runs per SPE instance)."""
    try:
        if callable(client) and not hasattr(client, "GetServerInfo"):
            client = client()
        if getattr(client, "_catalog_kind", "server") != "server":
            raise ArgumentError(
                "monitoring takes a ServerClient; MailStore SPE is not supported yet"
            )
        info = record(client, "GetServerInfo")
    except MailStoreError as exc:
        unreachable = isinstance(exc, (TransportError, ServerError))
        state = State.CRITICAL if unreachable else State.UNKNOWN
        return [failure("connection", exc, state, command_line)]
    services = [Service("connection", State.OK, _connected(client))]
    groups: List[Tuple[str, Callable[[], List[Service]]]] = [
        ("server", lambda: archive_services(client, info, options)),
        ("profiles", lambda: profile_services(client, options, now)),
        ("jobs", lambda: job_services(client, options, now)),
        ("licence", lambda: licence_services(client, options)),
    ]
    for kind, group in groups:
        try:
            services.extend(group())
        except MailStoreError as exc:
            services.append(failure(kind, exc, State.UNKNOWN, command_line))
    return services


def stopped(exc: Exception, *, command_line: bool = False) -> Report:
    """The report of a check that could not start (a bad option, no password ...): one
    UNKNOWN service, ``check``, saying why."""
    service = failure("check", exc, State.UNKNOWN, command_line)
    return Report((service,), _dt.datetime.now(_dt.timezone.utc))


def failure(kind: str, exc: Exception, state: State, command_line: bool) -> Service:
    """A service that could not be checked: what went wrong, and what to do as its detail."""
    cli_hint = getattr(exc, "cli_hint", None) if command_line else None
    advice = cli_hint or getattr(exc, "hint", None)
    problem = getattr(exc, "problem", None) or str(exc)
    return Service(kind, state, problem, details=(advice,) if advice else ())


def _connected(client: Any) -> str:
    where = f"{client.host}:{client.port}"
    if getattr(client, "ignoreInvalidSSLCerts", False):
        return where + ", certificate not checked"
    return where
