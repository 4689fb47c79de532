"""The licence service: named users in use (``namedUsers``) against the licensed number."""

from __future__ import annotations

import math
from typing import Any, List

from ..errors import ProtocolError
from ._model import Metric, Service, State
from ._options import Options
from ._read import count, record


def licence_services(client: Any, options: Options) -> List[Service]:
    info = record(client, "GetLicenseInformation")
    used, limit = count(info, "namedUsers"), count(info, "maxNamedUsers")
    if used is None:
        raise ProtocolError(
            "GetLicenseInformation: the result has no namedUsers", function="GetLicenseInformation"
        )
    if limit is None or limit <= 0:
        summary = f"{used} named users in use; the licence states no limit"
        return [
            Service("licence", State.OK, summary, metrics=(Metric("named_users", used, min=0),))
        ]
    share = used * 100 / limit
    state = State.OK
    if share >= options.licence_critical:
        state = State.CRITICAL
    elif share >= options.licence_warning:
        state = State.WARNING
    percent = math.floor(share * 10) / 10  # never shown above a threshold it is under
    summary = f"{used} of {limit} named users in use ({percent:g} %)"
    metrics = (
        Metric(
            "named_users",
            used,
            warn=limit * options.licence_warning / 100,
            crit=limit * options.licence_critical / 100,
            min=0,
            max=limit,
        ),
        Metric(
            "use",
            percent,
            unit="%",
            warn=options.licence_warning,
            crit=options.licence_critical,
            min=0,
            max=100,
        ),
    )
    return [Service("licence", state, summary, metrics=metrics)]
