"""Read-only checks against a real MailStore Server (opt-in).

Set MAILSTORE_LIVE_HOST (and MAILSTORE_LIVE_PORT, MAILSTORE_LIVE_USERNAME,
MAILSTORE_LIVE_PASSWORD, and one of MAILSTORE_LIVE_FINGERPRINT,
MAILSTORE_LIVE_CA_BUNDLE or MAILSTORE_LIVE_INSECURE=1) to run them; without
MAILSTORE_LIVE_HOST they are skipped. Nothing here changes the server.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any, Dict

import pytest

import mailstore
from mailstore import errors

LIVE = {
    k[len("MAILSTORE_LIVE_") :].lower(): v
    for k, v in os.environ.items()
    if k.startswith("MAILSTORE_LIVE_")
}

pytestmark = [
    pytest.mark.live,
    pytest.mark.skipif(
        "host" not in LIVE, reason="set MAILSTORE_LIVE_HOST to run checks against a real server"
    ),
]


def live_options(**overrides: Any) -> Dict[str, Any]:
    options: Dict[str, Any] = {
        "host": LIVE.get("host"),
        "port": int(LIVE.get("port", "8463")),
        "username": LIVE.get("username", "admin"),
        "password": LIVE.get("password", "admin"),
        "fingerprint": LIVE.get("fingerprint"),
        "caBundle": LIVE.get("ca_bundle"),
        "ignoreInvalidSSLCerts": LIVE.get("insecure", "") in ("1", "true", "yes"),
        "logLevel": 1,
    }
    options.update(overrides)
    return options


@pytest.fixture(scope="module")
def live() -> Any:
    with mailstore.mgmt.ServerClient(**live_options()) as c:
        yield c


def ok(status: Dict[str, Any]) -> Any:
    assert status["statusCode"] == "succeeded", status.get("error")
    return status["result"]


def test_server_info(live: Any) -> None:
    result = ok(live.GetServerInfo())
    assert result["version"] and result["machineName"]


def test_metadata_matches_the_catalog(live: Any) -> None:
    report = live.compare_catalog()
    print(report)  # shown with -s: what this server version adds or lacks
    assert isinstance(report, dict)


def test_users_and_user_info(live: Any) -> None:
    users = ok(live.GetUsers())
    assert users and "userName" in users[0]
    info = ok(live.GetUserInfo(users[0]["userName"]))
    assert info["userName"] == users[0]["userName"] and "privileges" in info


def test_stores_profiles_jobs(live: Any) -> None:
    assert isinstance(ok(live.GetStores(includeSize=False)), list)
    assert isinstance(ok(live.GetProfiles(raw=True)), list)
    assert isinstance(ok(live.GetJobs()), list)


def test_worker_results_of_the_last_day(live: Any) -> None:
    now = dt.datetime.now().replace(microsecond=0)
    start = (now - dt.timedelta(days=1)).isoformat()
    assert isinstance(ok(live.GetWorkerResults(start, now.isoformat(), "$Local")), list)


def test_unknown_token_is_not_found(live: Any) -> None:
    bogus = {"token": "0" * 32, "statusVersion": 1, "statusCode": "running"}
    with pytest.raises(errors.TokenNotFoundError):
        live.GetStatus(bogus, waitTime=0)


def test_wrong_password_is_reported_clearly() -> None:
    c = mailstore.mgmt.ServerClient(**live_options(password="wrong-" + LIVE.get("password", "")))
    try:
        status = c.GetServerInfo()
    except errors.AuthenticationError:
        return
    assert status["statusCode"] == "failed"  # the other answer the API may give
