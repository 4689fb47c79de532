"""An emulated MailStore SPE (Service Provider Edition): the Management API on port 8474.

``python -m mailstore.emulator --spe`` serves it; in Python, use :class:`SpeEmulator` like
the Server :class:`~mailstore.emulator.Emulator`.  Two instance hosts run twelve instances,
each with an archive of its own built on the Server emulator's archive model.

The modules: ``dataset`` (the default content), ``state`` (the live SPE), ``filters``
(``instanceFilter``), ``context`` (what handlers get), ``lifecycle`` (instances and their
transitions), ``instance_functions`` (instance functions that differ from Server's),
``management`` (the SPE-wide functions), ``api`` (the protocol's SPE decisions) and
``emulator`` (the facade).
"""

from __future__ import annotations

from .context import Quirks
from .dataset import default_spe_dataset
from .emulator import SpeEmulator
from .state import SpeState

__all__ = ["Quirks", "SpeEmulator", "SpeState", "default_spe_dataset"]
