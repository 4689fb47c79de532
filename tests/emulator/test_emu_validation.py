"""Arguments are checked against the catalog; failures come back as ``failed`` envelopes."""

from __future__ import annotations

from typing import Any, Dict

import pytest
from emu_helpers import ApiClient


def failure(api: ApiClient, function: str, **args: Any) -> Dict[str, Any]:
    response = api.post(f"/api/invoke/{function}", args)
    assert response.status == 200
    data: Dict[str, Any] = response.json()
    assert data["statusCode"] == "failed"
    assert data["token"] is None and data["result"] is None
    assert set(data["error"]) == {"message", "details"}
    return data["error"]  # type: ignore[no-any-return]


def test_missing_required_argument(api: ApiClient) -> None:
    error = failure(api, "GetUserInfo")
    assert error["message"] == "Missing API argument userName."
    assert error["details"].startswith("System.Exception: Missing API argument userName.\r\n   at ")


def test_first_missing_argument_in_catalog_order_is_reported(api: ApiClient) -> None:
    error = failure(api, "SetUserPrivilegesOnFolder", folder="info")
    assert error["message"] == "Missing API argument userName."


def test_argument_names_are_case_sensitive(api: ApiClient) -> None:
    error = failure(
        api,
        "GetWorkerResults",
        fromIncluding="2026-01-01T00:00:00",
        toExcluding="2026-02-01T00:00:00",
        timeZoneId="$Local",  # this one function spells it timeZoneID
    )
    assert error["message"] == "Missing API argument timeZoneID."


@pytest.mark.parametrize("value", ["True", "1", "yes", ""])
def test_bool_accepts_only_lowercase_true_false(api: ApiClient, value: str) -> None:
    error = failure(api, "GetStores", includeSize=value)
    assert "includeSize" in error["message"] and "true or false" in error["message"]


@pytest.mark.parametrize("value", ["abc", "", "1e3", "0x10"])
def test_number_must_be_numeric(api: ApiClient, value: str) -> None:
    error = failure(api, "VerifyStore", id=value, includeIndexes=False)
    assert "'id'" not in error["message"] and "API argument id" in error["message"]
    assert "number" in error["message"]


def test_enum_value_must_be_listed(api: ApiClient) -> None:
    error = failure(api, "SetUserAuthentication", userName="anna.schmidt", authentication="ldap")
    assert "authentication" in error["message"]
    assert "integrated, directoryServices" in error["message"]


def test_comma_list_enums_accept_several_values(api: ApiClient) -> None:
    api.ok("SetUserPrivileges", userName="anna.schmidt", privileges="login,export,delete")
    info = api.ok("GetUserInfo", userName="anna.schmidt")
    assert info["privileges"] == ["login", "export", "delete"]
    error = failure(api, "SetUserPrivileges", userName="anna.schmidt", privileges="login,root")
    assert "'root'" in error["message"]


def test_none_privilege_clears_and_cannot_be_combined(api: ApiClient) -> None:
    api.ok("SetUserLoginPrivileges", userName="anna.schmidt", loginPrivileges="none")
    assert api.ok("GetUserInfo", userName="anna.schmidt")["loginPrivileges"] == []
    failure(api, "SetUserPrivileges", userName="anna.schmidt", privileges="none,login")


@pytest.mark.parametrize(
    "day,ok",
    [("1", True), ("31", True), ("Last", True), ("last", True), ("0", False), ("32", False)],
)
def test_day_of_month_range(api: ApiClient, day: str, ok: bool) -> None:
    args = {"id": 3, "timeZoneId": "$Local", "time": "02:00", "dayOfMonth": day}
    data = api.invoke("SetJobSchedule", **args)
    assert (data["statusCode"] == "succeeded") is ok


@pytest.mark.parametrize("interval,ok", [("15", True), ("720", True), ("7", False)])
def test_interval_must_be_listed(api: ApiClient, interval: str, ok: bool) -> None:
    data = api.invoke("SetJobSchedule", id=5, timeZoneId="UTC", interval=interval)
    assert (data["statusCode"] == "succeeded") is ok


def test_json_argument_must_parse(api: ApiClient) -> None:
    response = api.raw("/api/invoke/SetSmtpSettings", b"settings=%7Bnot+json")
    error = response.json()["error"]
    assert "settings" in error["message"] and "JSON" in error["message"]


def test_unknown_extra_arguments_are_ignored(api: ApiClient) -> None:
    result = api.ok("GetUserInfo", userName="anna.schmidt", bogus="1", instanceID="x")
    assert result["userName"] == "anna.schmidt"


def test_application_errors_are_failed_envelopes(api: ApiClient) -> None:
    assert (
        failure(api, "GetUserInfo", userName="john.doe")["message"] == "User 'john.doe' not found."
    )
    assert "not found" in failure(api, "GetMessages", folder="no/such/folder")["message"]
    date = failure(
        api,
        "GetJobResults",
        fromIncluding="2026-01-01T00:00:00Z",
        toExcluding="2026-02-01T00:00:00",
        timeZoneId="$Local",
    )
    assert date["message"] == "String was not recognized as a valid DateTime."
    zone = failure(
        api,
        "GetJobResults",
        fromIncluding="2026-01-01T00:00:00",
        toExcluding="2026-02-01T00:00:00",
        timeZoneId="Mars/Olympus",
    )
    assert "Mars/Olympus" in zone["message"]
    assert zone["details"].startswith("System.TimeZoneNotFoundException: ")


def test_worker_results_reject_zero_profile_and_empty_user(api: ApiClient) -> None:
    base = {
        "fromIncluding": "2026-01-01T00:00:00",
        "toExcluding": "2027-01-01T00:00:00",
        "timeZoneID": "$Local",
    }
    error = failure(api, "GetWorkerResults", profileID=0, **base)
    assert error["message"].startswith("Specified argument was out of the range")
    failure(api, "GetWorkerResults", userName="", **base)


def test_get_profiles_needs_raw_true(api: ApiClient) -> None:
    assert "raw" in failure(api, "GetProfiles", raw=False)["message"]
