"""Running the check: the connection first, then each group of services.

``check`` takes a client of MailStore Server (ServerClient) or of MailStore SPE
(SPEClient). When the connection fails, the report holds the connection service alone:
CRITICAL when the server cannot be reached (no connection, TLS, timeout, HTTP 5xx),
UNKNOWN when it refuses the check (credentials, privileges) or does not answer as
MailStore does. After that, a group of services that fails becomes one UNKNOWN service
and the others still run (see ``_groups``).
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Callable, List, Union

from ..errors import MailStoreError, ServerError, TransportError
from ..mgmt import SPEClient
from ._archive import archive_services
from ._groups import archiving_groups, failure, run_groups
from ._licence import licence_services
from ._model import Report, Service, State
from ._options import Options
from ._read import Item, record
from ._spe import spe_services

#: A client, or a function that makes one (so that a failing constructor is reported too).
ClientSource = Union[Any, Callable[[], Any]]


def check(client: ClientSource, *, command_line: bool = False, **options: Any) -> Report:
    """Check a MailStore Server or SPE and return the report.

    ``client`` is a ``ServerClient`` or an ``SPEClient``, or a function without arguments
    that makes one. ``options`` are those of `Options` (``lookback_hours=24``, ...); bad
    ones raise ArgumentError. ``command_line`` picks the advice phrased for the
    ``mailstore`` command.
    """
    settings = Options.from_mapping(options)
    now = settings.now or _dt.datetime.now(_dt.timezone.utc)
    return Report(tuple(_services(client, settings, now, command_line)), now)


def _services(
    client: ClientSource, options: Options, now: _dt.datetime, command_line: bool
) -> List[Service]:
    """The connection service, then those of the MailStore Server or SPE it reached.

    The first call (GetServerInfo; on SPE GetServiceStatus) tells whether it answers.
    """
    try:
        if callable(client) and not hasattr(client, "GetServerInfo"):
            client = client()
        spe = isinstance(client, SPEClient)
        first = record(client, "GetServiceStatus" if spe else "GetServerInfo")
    except MailStoreError as exc:
        unreachable = isinstance(exc, (TransportError, ServerError))
        state = State.CRITICAL if unreachable else State.UNKNOWN
        return [failure("connection", exc, state, command_line)]
    services = [Service("connection", State.OK, _connected(client))]
    if spe:
        return services + spe_services(client, first, options, now, command_line)
    return services + server_services(client, first, options, now, command_line)


def server_services(
    client: Any, info: Item, options: Options, now: _dt.datetime, command_line: bool
) -> List[Service]:
    """Every service of one MailStore Server after the connection (``info``: GetServerInfo)."""
    groups = [
        ("server", lambda: archive_services(client, info, options)),
        *archiving_groups(client, options, now),
        ("licence", lambda: licence_services(client, options)),
    ]
    return run_groups(groups, command_line)


def stopped(exc: Exception, *, command_line: bool = False) -> Report:
    """The report of a check that could not start (a bad option, no password ...): one
    UNKNOWN service, ``check``, saying why."""
    service = failure("check", exc, State.UNKNOWN, command_line)
    return Report((service,), _dt.datetime.now(_dt.timezone.utc))


def _connected(client: Any) -> str:
    where = f"{client.host}:{client.port}"
    if getattr(client, "ignoreInvalidSSLCerts", False):
        return where + ", certificate not checked"
    return where
