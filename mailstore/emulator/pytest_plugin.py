"""pytest fixtures that run the MailStore Server emulator for your tests.

Installed with the package (entry point ``pytest11``), so any project that has ``mailstore``
installed can use::

    def test_report(mailstore_emulator):
        client = mailstore.mgmt.ServerClient(**mailstore_emulator.client_kwargs())
        ...

``mailstore_emulator`` gives each test a fresh emulator (default dataset, its own port);
``mailstore_emulator_session`` shares one emulator across the whole session. A test marked
``@pytest.mark.mailstore_emulator(replay="exchanges.jsonl")`` (or any other keyword of
``Emulator``, e.g. ``dataset=``) gets its emulator made with those keywords: with
``replay=``, the calls recorded from a real server are answered as recorded.
``mailstore_spe_emulator`` and ``mailstore_spe_emulator_session`` do the same for the SPE
emulator (use ``mailstore.mgmt.SPEClient``).  All reuse one certificate set per session,
created in pytest's temporary directory.

This module only imports the emulator inside the fixtures, so loading the plugin costs next
to nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterator

import pytest

if TYPE_CHECKING:  # pragma: no cover
    from .server import Emulator
    from .spe import SpeEmulator


@pytest.fixture(scope="session")
def mailstore_emulator_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A per-session folder holding the emulator's generated certificates."""
    return tmp_path_factory.mktemp("mailstore-emulator")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "mailstore_emulator(**keywords): keywords for the mailstore_emulator fixture's "
        "Emulator, e.g. replay='exchanges.jsonl'",
    )


@pytest.fixture
def mailstore_emulator(
    mailstore_emulator_data_dir: Path, request: pytest.FixtureRequest
) -> Iterator[Emulator]:
    """A started MailStore Server emulator with the default dataset, stopped afterwards.

    Attributes: ``host``, ``port``, ``url``, ``username``/``password`` (admin/admin),
    ``ca_file``, ``fingerprint``, ``state``, ``faults``, ``stats``.
    """
    from .server import Emulator

    marker = request.node.get_closest_marker("mailstore_emulator")
    keywords = dict(marker.kwargs) if marker else {}
    with Emulator(data_dir=mailstore_emulator_data_dir, **keywords) as emulator:
        yield emulator


@pytest.fixture(scope="session")
def mailstore_emulator_session(mailstore_emulator_data_dir: Path) -> Iterator[Emulator]:
    """One emulator for the whole session (its state carries over between tests)."""
    from .server import Emulator

    with Emulator(data_dir=mailstore_emulator_data_dir) as emulator:
        yield emulator


@pytest.fixture
def mailstore_spe_emulator(mailstore_emulator_data_dir: Path) -> Iterator[SpeEmulator]:
    """A started MailStore SPE emulator with the default dataset, stopped afterwards.

    Attributes as ``mailstore_emulator``'s; ``state`` is the SPE (instances, hosts, ...),
    ``quirks`` the reproduced failures of real SPE servers.
    """
    from .spe import SpeEmulator

    with SpeEmulator(data_dir=mailstore_emulator_data_dir) as emulator:
        yield emulator


@pytest.fixture(scope="session")
def mailstore_spe_emulator_session(mailstore_emulator_data_dir: Path) -> Iterator[SpeEmulator]:
    """One SPE emulator for the whole session (its state carries over between tests)."""
    from .spe import SpeEmulator

    with SpeEmulator(data_dir=mailstore_emulator_data_dir) as emulator:
        yield emulator
