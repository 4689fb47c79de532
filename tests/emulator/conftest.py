"""Fixtures for the emulator's own tests (names chosen not to clash with tests/conftest.py)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import pytest
from emu_helpers import ApiClient

import mailstore
from mailstore.emulator import Emulator
from mailstore.emulator.spe import SpeEmulator


@pytest.fixture(autouse=True)
def _no_mailstore_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The developer's MAILSTORE_* variables must not influence these tests."""
    for name in list(os.environ):
        if name.startswith("MAILSTORE_"):
            monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def cert_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One default certificate set for the whole test session."""
    return tmp_path_factory.mktemp("emulator-certs")


@pytest.fixture
def srv(cert_dir: Path) -> Iterator[Emulator]:
    """A fresh emulator; tasks step quickly so tests stay fast."""
    with Emulator(data_dir=cert_dir, step_interval=0.002) as emulator:
        yield emulator


@pytest.fixture
def slow_srv(cert_dir: Path) -> Iterator[Emulator]:
    """An emulator whose tasks advance slowly enough to watch them running."""
    with Emulator(data_dir=cert_dir, step_interval=0.05) as emulator:
        yield emulator


@pytest.fixture
def api(srv: Emulator) -> Iterator[ApiClient]:
    """An admin client of ``srv``."""
    c = ApiClient(srv)
    yield c
    c.close()


@pytest.fixture
def spe(mailstore_spe_emulator: SpeEmulator) -> SpeEmulator:
    """The plugin's fresh SPE emulator, its tasks stepping quickly."""
    mailstore_spe_emulator.step_interval = 0.002
    return mailstore_spe_emulator


@pytest.fixture
def spe_client(spe: SpeEmulator) -> Iterator[mailstore.mgmt.SPEClient]:
    """An SPEClient of ``spe`` (admin/admin)."""
    client = mailstore.mgmt.SPEClient(**spe.client_kwargs())
    yield client
    client.close()
