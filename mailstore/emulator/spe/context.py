"""What an SPE function handler gets, and where SPE-only handlers are registered.

An SPE handler receives a :class:`SpeContext` and the validated arguments, like a Server
handler receives a :class:`~mailstore.emulator.functions.Context`.  Functions the SPE
shares with MailStore Server have no SPE handler: they run the Server handler on the
instance's archive (:meth:`SpeContext.archive_context`).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Optional

from ..errors import ApiError
from ..functions import Args, Context, registrar
from .dataset import ARCHIVE_ADMIN
from .state import SpeState

JsonDict = Dict[str, Any]
SpeHandler = Callable[["SpeContext", Args], Any]

#: The handlers of SPE functions MailStore Server does not have (or has differently).
SPE_HANDLERS: Dict[str, SpeHandler] = {}

#: ``@spe_api("GetInstances")`` registers an SPE handler.
spe_api = registrar(SPE_HANDLERS)


@dataclass
class Quirks:
    """Known failures of real SPE servers that the emulator reproduces (changeable at run time).

    ``worker_results_max_days``: a GetWorkerResults window longer than this many days fails
    with "Nullable object must have a value." (None: never).  ``folder_statistics_fails``:
    GetFolderStatistics fails that way too, as it did on every instance of one SPE 25.3.
    """

    worker_results_max_days: Optional[float] = 31.0
    folder_statistics_fails: bool = True


@dataclass
class SpeContext:
    """What an SPE handler may use besides its arguments."""

    spe: SpeState
    caller: str
    quirks: Quirks
    #: The instance record, for a function that takes an instanceID.
    instance: Optional[JsonDict] = None
    clock: Callable[[], _dt.datetime] = field(
        default=lambda: _dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None)
    )

    def now(self) -> _dt.datetime:
        """The current time in UTC (naive)."""
        return self.clock()

    @property
    def record(self) -> JsonDict:
        """The instance record of an instance function."""
        assert self.instance is not None, "not an instance function"
        return self.instance

    def archive_context(self) -> Context:
        """A Server handler's context on this instance's archive, acting as $archiveadmin."""
        archive = self.spe.archive(self.record["instanceID"])
        return Context(archive, ARCHIVE_ADMIN, self.clock)


def keyed_config(config: Any, key: str, what: str) -> JsonDict:
    """A ``config`` argument that must be an object naming its subject under ``key``."""
    if not isinstance(config, dict) or not str(config.get(key) or "").strip():
        raise ApiError(f"The {what} configuration must be an object with a {key}.")
    return config
