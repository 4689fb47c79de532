"""Shared fixtures: a clean environment and a running emulator with trusted TLS."""

from __future__ import annotations

import os
import signal
from typing import Any, Iterator

import pytest

CLIENT_VARIABLES = (
    "MAILSTORE_USERNAME",
    "MAILSTORE_PASSWORD",
    "MAILSTORE_HOST",
    "MAILSTORE_PORT",
    "MAILSTORE_FINGERPRINT",
    "MAILSTORE_CA_BUNDLE",
    "REQUESTS_CA_BUNDLE",
    "CURL_CA_BUNDLE",
    "HTTPS_PROXY",
    "https_proxy",
    "ALL_PROXY",
    "all_proxy",
)


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never see the developer's own MAILSTORE_* settings or proxies."""
    for name in CLIENT_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost,::1")


@pytest.fixture
def python_sigint() -> Iterator[None]:
    """SIGINT with Python's own handler for the test (pytest may run with it ignored)."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


@pytest.fixture(scope="session")
def emulator_home(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("emulator-home"))


@pytest.fixture(scope="session")
def emu(emulator_home: str) -> Iterator[Any]:
    """One emulator for the whole session (state may be changed by tests: reset it)."""
    from mailstore.emulator import Emulator

    with Emulator(data_dir=emulator_home) as server:
        yield server


@pytest.fixture
def fresh_emu(emulator_home: str) -> Iterator[Any]:
    """An emulator of its own for tests that change state or inject faults."""
    from mailstore.emulator import Emulator

    with Emulator(data_dir=emulator_home) as server:
        yield server


@pytest.fixture
def new_client(emu: Any) -> Iterator[Any]:
    """A factory of ServerClients that trust the emulator's CA (``server=`` picks another).

    ``MAILSTORE_TEST_LOGLEVEL`` sets the logLevel of clients that do not choose one
    (tests/reliability reruns the client tests with 4 and checks the output for secrets).
    """
    import mailstore

    made: list[Any] = []

    def make(server: Any = None, **kw: Any) -> Any:
        server = server or emu
        kw.setdefault("host", server.host)
        kw.setdefault("port", server.port)
        kw.setdefault("caBundle", server.ca_file)
        if os.environ.get("MAILSTORE_TEST_LOGLEVEL"):  # e.g. 4: rerun everything at DEBUG
            kw.setdefault("logLevel", int(os.environ["MAILSTORE_TEST_LOGLEVEL"]))
        made.append(mailstore.mgmt.ServerClient(**kw))
        return made[-1]

    yield make
    for c in made:
        c.close()


@pytest.fixture
def client(new_client: Any) -> Any:
    return new_client()


def pytest_report_header() -> str:
    return f"mailstore tests; MAILSTORE_LIVE_HOST={'set' if os.environ.get('MAILSTORE_LIVE_HOST') else 'unset'}"
