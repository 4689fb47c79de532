"""A MailStore Server emulator for developing and testing scripts without a real server.

``python -m mailstore.emulator`` serves it on https://127.0.0.1:8463; in Python, use
:class:`Emulator` as a context manager.  ``--spe`` and :class:`SpeEmulator` emulate a
MailStore SPE instead (port 8474).  The names below are imported lazily so that
importing the package (for example through the pytest plugin) stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs
    from .archive import ArchiveState
    from .dataset import default_dataset
    from .errors import ApiError
    from .faults import Faults
    from .server import Emulator, Stats
    from .spe import SpeEmulator

__all__ = [
    "ApiError",
    "ArchiveState",
    "Emulator",
    "Faults",
    "SpeEmulator",
    "Stats",
    "default_dataset",
]

_EXPORTS = {
    "Emulator": "server",
    "Stats": "server",
    "Faults": "faults",
    "ApiError": "errors",
    "ArchiveState": "archive",
    "default_dataset": "dataset",
    "SpeEmulator": "spe",
}


def __getattr__(name: str) -> Any:
    module_name = _EXPORTS.get(name)
    if module_name is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module_name}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
