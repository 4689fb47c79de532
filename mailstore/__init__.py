"""Python client for the MailStore Server Administration API and the SPE Management API.

    import mailstore
    client = mailstore.mgmt.ServerClient(username="admin", password="admin", host="127.0.0.1")
    print(client.GetServerInfo())

``mailstore.mgmt.ServerClient`` and ``mailstore.mgmt.SPEClient`` have one method per
API function (see ``python -m pydoc mailstore.mgmt.ServerClient``); the exceptions live in
``mailstore.errors``. ``SPEClient.forEachInstance`` returns an :class:`InstanceResults` of
:class:`InstanceOutcome` objects.
"""

from typing import Any

from . import errors, mgmt
from ._fanout import InstanceOutcome, InstanceResults
from ._transport import Reply, Transport
from ._version import __version__
from .errors import (
    APIError,
    ArgumentError,
    AuthenticationError,
    ConnectError,
    MailStoreBaseError,
    MailStoreError,
    MailStoreNoTokenError,
    NoTokenError,
    TaskDeadlineError,
    TLSError,
)
from .mgmt import ServerClient, SPEClient

__all__ = [
    "APIError",
    "ArgumentError",
    "AuthenticationError",
    "ConnectError",
    "InstanceOutcome",
    "InstanceResults",
    "MailStoreBaseError",
    "MailStoreError",
    "MailStoreNoTokenError",
    "NoTokenError",
    "Reply",
    "SPEClient",
    "ServerClient",
    "TLSError",
    "TaskDeadlineError",
    "Transport",
    "__version__",
    "errors",
    "mgmt",
]

#: Modules loaded on first use (``mailstore.monitoring`` after a bare ``import mailstore``).
_ON_DEMAND = ("dates", "fidelity", "monitoring", "results")


def __getattr__(name: str) -> Any:
    if name in _ON_DEMAND:
        from importlib import import_module

        return import_module(f".{name}", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
