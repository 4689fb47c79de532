"""Shared fixtures: a clean environment and a running emulator with trusted TLS."""

from __future__ import annotations

import os
import signal
from typing import Any, Iterator

import pytest

# Besides every MAILSTORE_* variable: settings of requests and urllib that a client reads.
OTHER_VARIABLES = (
    "REQUESTS_CA_BUNDLE",
    "CURL_CA_BUNDLE",
    "SSL_CERT_FILE",
    "SSL_CERT_DIR",
    "HTTPS_PROXY",
    "https_proxy",
    "ALL_PROXY",
    "all_proxy",
)

#: How fast the tests' emulators step through tasks (seconds between two versions).
FAST_STEPS = 0.005


#: MAILSTORE_* variables that steer the tests themselves, not a client: they stay.
TEST_SETTINGS = (
    "MAILSTORE_TEST_",
    "MAILSTORE_RELIABILITY_",
    "MAILSTORE_LIVE_",
    "MAILSTORE_SECRETS_",
    "MAILSTORE_UPDATE_SNAPSHOTS",
)


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never see the developer's own MAILSTORE_* settings or proxies."""
    settings = [
        name
        for name in os.environ
        if name.startswith("MAILSTORE_") and not name.startswith(TEST_SETTINGS)
    ]
    for name in [*OTHER_VARIABLES, *settings]:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost,::1")


@pytest.fixture
def python_sigint() -> Iterator[None]:
    """SIGINT with Python's own handler for the test (pytest may run with it ignored)."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


# Short names for the emulator fixtures of mailstore's pytest plugin (the only place that
# makes emulators), with tasks stepping fast.


@pytest.fixture
def emu(mailstore_emulator_session: Any) -> Any:
    """The plugin's session-wide emulator (state may be changed by tests: reset it)."""
    mailstore_emulator_session.step_interval = FAST_STEPS
    return mailstore_emulator_session


@pytest.fixture
def fresh_emu(mailstore_emulator: Any) -> Any:
    """The plugin's emulator of this test, for tests that change state or inject faults."""
    mailstore_emulator.step_interval = FAST_STEPS
    return mailstore_emulator


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


@pytest.fixture
def spe(mailstore_spe_emulator: Any) -> Any:
    """The plugin's fresh SPE emulator, its tasks stepping quickly."""
    mailstore_spe_emulator.step_interval = 0.002
    return mailstore_spe_emulator


def pytest_report_header() -> str:
    return f"mailstore tests; MAILSTORE_LIVE_HOST={'set' if os.environ.get('MAILSTORE_LIVE_HOST') else 'unset'}"
