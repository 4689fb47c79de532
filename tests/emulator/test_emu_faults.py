"""Fault injection through ``emulator.faults`` (and ``restart``)."""

from __future__ import annotations

import http.client
import json
import time

import pytest
from emu_helpers import ApiClient

from mailstore.emulator import Emulator

DROPPED = (http.client.HTTPException, OSError)


def test_latency_delays_matching_calls_only(srv: Emulator, api: ApiClient) -> None:
    srv.faults.latency(0.3, function="GetServerInfo", count=2)
    for _ in range(2):
        started = time.monotonic()
        api.ok("GetServerInfo")
        assert time.monotonic() - started >= 0.3
    started = time.monotonic()
    api.ok("GetServerInfo")  # the count is used up
    api.ok("GetUsers")
    assert time.monotonic() - started < 0.3


def test_drop_before_read_does_not_execute(srv: Emulator, api: ApiClient) -> None:
    srv.faults.drop_before_read(function="CreateUser")
    srv.stats.reset()
    with pytest.raises(DROPPED):
        api.post("/api/invoke/CreateUser", {"userName": "ghost", "privileges": "login"})
    assert srv.state.find_user("ghost") is None
    assert srv.stats.calls("CreateUser") == []
    api.ok("CreateUser", userName="ghost", privileges="login")  # count=1 was used up
    assert srv.state.find_user("ghost") is not None


def test_drop_after_read_executes_but_never_answers(srv: Emulator, api: ApiClient) -> None:
    srv.faults.drop_after_read(function="CreateUser")
    with pytest.raises(DROPPED):
        api.post("/api/invoke/CreateUser", {"userName": "half", "privileges": "login"})
    assert srv.state.find_user("half") is not None
    assert srv.stats.calls("CreateUser") == [{"userName": "half", "privileges": "login"}]
    again = api.invoke("CreateUser", userName="half", privileges="login")
    assert again["statusCode"] == "failed"  # a blind retry would now fail


def test_drop_after_read_starts_the_task(srv: Emulator, api: ApiClient) -> None:
    srv.step_interval = 0.05
    srv.faults.drop_after_read(function="VerifyStore")
    with pytest.raises(DROPPED):
        api.post("/api/invoke/VerifyStore", {"id": 3, "includeIndexes": "false"})
    assert [t.function for t in srv.tasks.running()] == ["VerifyStore"]


@pytest.mark.parametrize("status", [500, 502, 503])
def test_http_error_sends_an_html_page(srv: Emulator, api: ApiClient, status: int) -> None:
    srv.faults.http_error(status, function="GetUsers")
    response = api.post("/api/invoke/GetUsers")
    assert response.status == status
    assert response.headers["content-type"].startswith("text/html")
    assert f"HTTP Error {status}".encode() in response.body
    assert api.post("/api/invoke/GetUsers").status == 200


def test_http_error_targets_only_the_named_function(srv: Emulator, api: ApiClient) -> None:
    srv.faults.http_error(500, function=["GetUsers", "get-metadata"], count=None)
    assert api.post("/api/invoke/GetServerInfo").status == 200
    assert api.post("/api/invoke/GetUsers").status == 500
    assert api.post("/api/get-metadata").status == 500
    srv.faults.clear()
    assert api.post("/api/get-metadata").status == 200


def test_truncated_json(srv: Emulator, api: ApiClient) -> None:
    srv.faults.truncated_json()
    response = api.post("/api/invoke/GetUsers")
    assert response.status == 200
    assert int(response.headers["content-length"]) == len(response.body)
    with pytest.raises(ValueError):
        json.loads(response.body.decode("utf-8-sig"))
    assert api.post("/api/invoke/GetUsers").json()["statusCode"] == "succeeded"


def test_no_bom(srv: Emulator, api: ApiClient) -> None:
    srv.faults.no_bom()
    body = api.post("/api/invoke/GetServerInfo").body
    assert body.startswith(b"{")
    assert json.loads(body)["statusCode"] == "succeeded"
    srv.faults.clear()
    assert api.post("/api/invoke/GetServerInfo").body.startswith(b"\xef\xbb\xbf")


def test_expire_tokens(slow_srv: Emulator) -> None:
    api = ApiClient(slow_srv)
    status = api.invoke("VerifyStore", id=3, includeIndexes=False)
    slow_srv.faults.expire_tokens()
    response = api.post(
        "/api/get-status",
        {"token": status["token"], "lastKnownStatusVersion": status["statusVersion"]},
    )
    assert response.status == 404
    assert api.cancel(status["token"]).status == 404
    api.close()


def test_slow_status(slow_srv: Emulator) -> None:
    api = ApiClient(slow_srv)
    status = api.invoke("VerifyStore", id=3, includeIndexes=False)
    slow_srv.faults.slow_status(0.4, count=1)
    started = time.monotonic()
    api.get_status(status["token"], 0, 0)
    assert time.monotonic() - started >= 0.4
    started = time.monotonic()
    api.get_status(status["token"], 0, 0)
    assert time.monotonic() - started < 0.4
    api.cancel(status["token"])
    api.close()


def test_unauthorized_for_a_while(srv: Emulator, api: ApiClient) -> None:
    srv.faults.unauthorized(duration=0.4)
    response = api.post("/api/invoke/GetServerInfo")
    assert response.status == 401 and "www-authenticate" in response.headers
    time.sleep(0.5)
    assert api.post("/api/invoke/GetServerInfo").status == 200


def test_unauthorized_count(srv: Emulator, api: ApiClient) -> None:
    srv.faults.unauthorized(count=2)
    statuses = [api.post("/api/invoke/GetServerInfo").status for _ in range(3)]
    assert statuses == [401, 401, 200]


def test_api_error_answers_a_failed_envelope_without_executing(
    srv: Emulator, api: ApiClient
) -> None:
    srv.faults.api_error("Nullable object must have a value.", function="CreateUser", count=2)
    for _ in range(2):
        reply = api.invoke("CreateUser", userName="ghost", privileges="login")
        assert reply["statusCode"] == "failed" and reply["result"] is None
        assert reply["error"]["message"] == "Nullable object must have a value."
        assert reply["error"]["details"].startswith("System.InvalidOperationException: Nullable")
    assert srv.state.find_user("ghost") is None
    assert api.invoke("GetUsers")["statusCode"] == "succeeded"  # other functions answer
    api.ok("CreateUser", userName="ghost", privileges="login")  # count=2 was used up
    assert srv.state.find_user("ghost") is not None


def test_rules_are_listed_removed_and_validated(srv: Emulator) -> None:
    rule = srv.faults.latency(1.0)
    srv.faults.no_bom(function="GetUsers", count=3)
    assert len(srv.faults.rules) == 2
    srv.faults.remove(rule)
    assert [r.kind for r in srv.faults.rules] == ["no_bom"]
    srv.faults.clear()
    assert srv.faults.rules == []
    with pytest.raises(ValueError):
        srv.faults.http_error(500, count=0)


def test_restart_forgets_tasks_and_keeps_the_port(slow_srv: Emulator) -> None:
    api = ApiClient(slow_srv)
    port = slow_srv.port
    status = api.invoke("VerifyStore", id=3, includeIndexes=False)
    slow_srv.restart()
    assert slow_srv.port == port
    with pytest.raises(DROPPED):  # the kept-alive connection was dropped
        api.post("/api/invoke/GetServerInfo")
    response = api.post(
        "/api/get-status",
        {"token": status["token"], "lastKnownStatusVersion": status["statusVersion"]},
    )
    assert response.status == 404
    assert api.ok("GetServerInfo")["machineName"] == "MAILSTORE-EMU"
    api.close()
