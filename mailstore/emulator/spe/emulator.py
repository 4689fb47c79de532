"""The :class:`SpeEmulator` facade: an emulated MailStore SPE on HTTPS."""

from __future__ import annotations

from typing import Any, Mapping, Optional

from ..archive import Source
from ..server import EmulatorBase, PathLike
from .api import SpeApi
from .context import Quirks
from .dataset import START_FAILURE
from .state import SpeState

DEFAULT_PORT = 8474


class SpeEmulator(EmulatorBase):
    """A MailStore SPE emulator: the Management API with instance hosts and instances.

    It is used like :class:`~mailstore.emulator.Emulator` (context manager or
    :meth:`start`/:meth:`stop`, ``restart()``, ``faults``, ``stats``, ``tasks``,
    ``client_kwargs()`` for ``mailstore.mgmt.SPEClient``) and takes the same arguments,
    except that ``dataset`` is an SPE dataset (None: the default one, a dict, or a JSON file
    path), ``users`` adds system administrators, and get-metadata needs credentials unless
    ``anonymous_metadata=True``.

    ``state`` is the live :class:`~mailstore.emulator.spe.state.SpeState`; ``quirks`` the
    failures of real SPE servers it reproduces (see :class:`~.context.Quirks`).
    """

    api: SpeApi

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        dataset: Source = None,
        users: Optional[Mapping[str, str]] = None,
        invoke_wait: float = 0.05,
        anonymous_metadata: bool = False,
        quirks: Optional[Quirks] = None,
        **options: Any,
    ) -> None:
        self.state = SpeState.from_source(dataset)
        for name, secret in (users or {}).items():
            self.state.add_admin(name, secret)
        super().__init__(host, port, lock=self.state.lock, **options)
        self.quirks = quirks if quirks is not None else Quirks()
        self.api = SpeApi(
            self.state,
            self.tasks,
            self.quirks,
            invoke_wait=invoke_wait,
            anonymous_metadata=anonymous_metadata,
        )

    def save(self, path: PathLike) -> None:
        """Write the SPE, every instance with its archive, to ``path`` as JSON."""
        self.state.save(path)

    def fail_start(self, instance_id: str, message: Optional[str] = START_FAILURE) -> None:
        """Make every start of an instance fail with ``message`` (None: starts work again)."""
        with self.state.lock:
            record = self.state.find_instance(instance_id)
            if record is None:
                raise KeyError(instance_id)
            record["startFailure"] = message
