"""Short names for the plugin's emulator fixtures, as the emulator's own tests use them."""

from __future__ import annotations

from typing import Iterator

import pytest
from emu_helpers import ApiClient

import mailstore
from mailstore.emulator import Emulator
from mailstore.emulator.spe import SpeEmulator


@pytest.fixture
def srv(mailstore_emulator: Emulator) -> Emulator:
    """The plugin's fresh emulator; tasks step quickly so tests stay fast."""
    mailstore_emulator.step_interval = 0.002
    return mailstore_emulator


@pytest.fixture
def slow_srv(mailstore_emulator: Emulator) -> Emulator:
    """The plugin's fresh emulator, its tasks advancing slowly enough to watch them running."""
    mailstore_emulator.step_interval = 0.05
    return mailstore_emulator


@pytest.fixture
def api(srv: Emulator) -> Iterator[ApiClient]:
    """An admin client of ``srv``."""
    c = ApiClient(srv)
    yield c
    c.close()


@pytest.fixture
def spe_client(spe: SpeEmulator) -> Iterator[mailstore.mgmt.SPEClient]:
    """An SPEClient of ``spe`` (admin/admin)."""
    client = mailstore.mgmt.SPEClient(**spe.client_kwargs())
    yield client
    client.close()
