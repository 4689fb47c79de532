"""The core client against the emulator over real HTTPS sockets."""

from __future__ import annotations

import inspect
import io
import logging
import socket
import subprocess
import sys
import threading
import time
import warnings
from contextlib import redirect_stderr
from typing import Any, Callable, Dict, Iterator, List, Tuple

import pytest

import mailstore
from mailstore import errors
from mailstore._status import STATUS_KEYS

Status = Dict[str, Any]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def invoked(emu: Any, function: str) -> List[Dict[str, str]]:
    """The argument dicts the emulator received for ``function``."""
    return [args for path, name, args in list(emu.stats.log) if name == function]


# -- constructor ---------------------------------------------------------------------


def test_constructor_signature_is_the_tutorials() -> None:
    params = list(inspect.signature(mailstore.mgmt.ServerClient.__init__).parameters.values())[1:10]
    assert [(p.name, p.default) for p in params] == [
        ("username", "admin"),
        ("password", "admin"),
        ("host", "127.0.0.1"),
        ("port", 8463),
        ("autoHandleToken", True),
        ("waitTime", 1000),
        ("callback", None),
        ("logLevel", 2),
        ("ignoreInvalidSSLCerts", False),
    ]
    spe = inspect.signature(mailstore.mgmt.SPEClient.__init__).parameters
    assert spe["port"].default == 8474 and list(spe)[10] == "instanceID"


def test_constructor_contacts_the_server_as_the_wrappers_do(emu: Any) -> None:
    port = free_port()  # nothing listens here
    with pytest.raises(errors.ConnectError) as info:
        mailstore.mgmt.ServerClient(port=port, retries=0)
    assert f"127.0.0.1:{port}" in str(info.value) and "8463" in str(info.value)
    lazy = mailstore.mgmt.ServerClient(port=port, connect=False)  # no request at all
    assert lazy.port == port
    before = dict(emu.stats.requests_by_path)
    c = mailstore.mgmt.ServerClient(**emu.client_kwargs())
    after = emu.stats.requests_by_path
    assert after["/api/get-metadata"] == before.get("/api/get-metadata", 0) + 1
    assert after["/api/invoke/GetServerInfo"] == before.get("/api/invoke/GetServerInfo", 0) + 1
    names = [f["name"] for f in c.metadata]
    assert names[:3] == ["get-status", "cancel-async", "get-metadata"]
    assert "GetServerInfo" in names and "VerifyStore" in names


def test_environment_variables_fill_in_missing_arguments(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAILSTORE_USERNAME", "envuser")
    monkeypatch.setenv("MAILSTORE_PASSWORD", "envpass")
    monkeypatch.setenv("MAILSTORE_HOST", "archive.example")
    monkeypatch.setenv("MAILSTORE_PORT", "9999")
    c = mailstore.mgmt.ServerClient(connect=False)
    assert (c.username, c.host, c.port) == ("envuser", "archive.example", 9999)
    explicit = mailstore.mgmt.ServerClient("admin", "admin", "127.0.0.1", 8463, connect=False)
    assert (explicit.username, explicit.host, explicit.port) == ("admin", "127.0.0.1", 8463)


def test_repr_never_shows_the_password() -> None:
    c = mailstore.mgmt.ServerClient(password="Sup3r-Secret", connect=False)
    assert "Sup3r-Secret" not in repr(c) and "Sup3r-Secret" not in str(vars(c))
    assert repr(c) == "ServerClient(host='127.0.0.1', port=8463, username='admin')"


@pytest.mark.parametrize(
    "kw",
    [
        {"port": 0},
        {"port": "http"},
        {"logLevel": 7},
        {"waitTime": -1},
        {"callback": "not callable"},
        {"fingerprint": "AB:CD"},
        {"caBundle": "/no/such/file.pem"},
        {"ignoreInvalidSSLCerts": "maybe"},
        {"connectTimeout": 0},
    ],
)
def test_bad_options_raise_argument_error(kw: Dict[str, Any]) -> None:
    with pytest.raises(errors.ArgumentError):
        mailstore.mgmt.ServerClient(**kw)


# -- requests on the wire ----------------------------------------------------------


def test_server_info_envelope(client: Any) -> None:
    status = client.GetServerInfo()
    assert type(status) is dict
    assert list(status) == list(STATUS_KEYS)
    assert status["statusCode"] == "succeeded" and status["statusVersion"] == 2
    assert set(status["result"]) >= {"machineName", "version"}


ENCODING_CASES = [
    (0, "0"),
    (False, "false"),
    (True, "true"),
    ("", ""),
    ("jürgen.müller", "jürgen.müller"),
    ("a&b=c+d%e f", "a&b=c+d%e f"),
    (["read", "write"], "read,write"),
]


@pytest.mark.parametrize("value, received", ENCODING_CASES)
def test_encoding_reaches_the_server_exactly(
    emu: Any, client: Any, value: Any, received: str
) -> None:
    emu.stats.reset()
    client.call("GetUserInfo", {"userName": value, "extra": None})
    [args] = invoked(emu, "GetUserInfo")
    assert args == {"userName": received}


def test_json_arguments_from_dict_and_string(emu: Any, client: Any) -> None:
    emu.stats.reset()
    config = {"legalHoldEnabled": True, "logSuccessfulUserActivities": ["UserAdd", "Zoë"]}
    assert (
        client.call("SetComplianceConfiguration", {"config": config})["statusCode"] == "succeeded"
    )
    assert client.call("GetComplianceConfiguration")["result"]["logSuccessfulUserActivities"] == [
        "UserAdd",
        "Zoë",
    ]
    text = '{"legalHoldEnabled": false, "logSuccessfulUserActivities": []}'
    client.call("SetComplianceConfiguration", {"config": text})
    sent = invoked(emu, "SetComplianceConfiguration")
    assert sent[-1] == {"config": text}
    assert client.call("GetComplianceConfiguration")["result"]["legalHoldEnabled"] is False


def test_non_ascii_credentials_are_sent_as_utf8(fresh_emu: Any, new_client: Any) -> None:
    admin = new_client(fresh_emu)
    created = admin.call(
        "CreateUser",
        {
            "userName": "zoë.ångström",
            "privileges": "admin",
            "password": "pässwörd€",
            "loginPrivileges": ["windows", "api"],
        },
    )
    assert created["statusCode"] == "succeeded", created
    other = new_client(fresh_emu, username="zoë.ångström", password="pässwörd€")
    assert other.GetServerInfo()["statusCode"] == "succeeded"


@pytest.mark.parametrize("bom", [True, False])
def test_replies_with_and_without_bom(fresh_emu: Any, new_client: Any, bom: bool) -> None:
    if not bom:
        fresh_emu.faults.no_bom()
    assert new_client(fresh_emu).GetUsers()["statusCode"] == "succeeded"


def test_failed_function_is_returned_not_raised(client: Any) -> None:
    status = client.GetUserInfo("john.doe")
    assert status["statusCode"] == "failed"
    assert status["error"]["message"]


def test_raise_on_failure_is_opt_in(new_client: Any) -> None:
    c = new_client(raiseOnFailure=True)
    with pytest.raises(errors.APIError) as info:
        c.GetUserInfo("john.doe")
    err = info.value
    assert err.function == "GetUserInfo" and err.status is not None
    assert err.error_message and err.error_message in str(err)


def test_missing_argument_failure_envelope(client: Any) -> None:
    status = client.call("GetUserInfo")
    assert status["statusCode"] == "failed"
    assert status["error"]["message"] == "Missing API argument userName."


# -- long-running tasks ------------------------------------------------------------


def test_callback_gets_every_status_once_in_order(new_client: Any) -> None:
    seen: List[Status] = []
    c = new_client(callback=seen.append)
    final = c.VerifyStore(3)
    assert final["statusCode"] == "succeeded"
    assert seen[0]["statusCode"] == "running" and seen[-1] is final
    versions = [s["statusVersion"] for s in seen]
    assert versions == sorted(set(versions))
    log = "".join(s["logOutput"] or "" for s in seen)
    lines = log.split("\r\n")
    assert lines[0] == "Verifying file group #3..."
    assert "  1249 messages verified." in lines
    assert lines[-2] == "Finished. No errors have been found." and lines[-1] == ""
    assert len(lines) == len(set(lines))  # each line exactly once


def test_callback_may_be_any_callable(new_client: Any) -> None:
    import functools

    calls: List[int] = []

    class Recorder:
        def __call__(self, status: Status) -> None:
            calls.append(status["statusVersion"])

    def record(tag: str, status: Status) -> None:
        calls.append(-1)

    assert new_client(callback=Recorder()).VerifyStore(1)["statusCode"] == "succeeded"
    assert (
        new_client(callback=functools.partial(record, "x")).VerifyStore(1)["statusCode"]
        == "succeeded"
    )
    assert calls.count(-1) >= 2 and len(calls) > 4


def test_task_end_is_noticed_at_once_not_after_wait_time(new_client: Any) -> None:
    c = new_client(waitTime=20000)  # a long poll may block up to 20 s
    started = time.monotonic()
    final = c.VerifyStore(1)
    elapsed = time.monotonic() - started
    assert final["statusCode"] == "succeeded"
    assert elapsed < 10, elapsed  # the task takes ~1-2 s; a missed wake-up would cost 20 s


def test_wait_time_is_sent_as_milliseconds_timeout(emu: Any, new_client: Any) -> None:
    emu.stats.reset()
    c = new_client(waitTime=1234)
    c.VerifyStore(1)
    polls = [args for path, name, args in list(emu.stats.log) if path.endswith("get-status")]
    assert polls and all(p["millisecondsTimeout"] == "1234" for p in polls)
    assert all(int(p["lastKnownStatusVersion"]) >= 1 for p in polls)


def test_manual_token_handling(new_client: Any) -> None:
    c = new_client(autoHandleToken=False)
    status = c.VerifyStore(3)
    assert status["statusCode"] == "running" and status["token"]
    versions = [status["statusVersion"]]
    while status["statusCode"] == "running":
        status = c.GetStatus(status)
        versions.append(status["statusVersion"])
    assert status["statusCode"] == "succeeded"
    assert versions == sorted(versions)
    # per-call override wins over the client's setting
    assert c.VerifyStore(1, autoHandleToken=True)["statusCode"] == "succeeded"


def test_yield_status_iterates_to_the_end(new_client: Any) -> None:
    c = new_client(autoHandleToken=False)
    statuses = list(c.YieldStatus(c.VerifyStore(1)))
    assert statuses[0]["statusCode"] == "running" and statuses[-1]["statusCode"] == "succeeded"


def test_handle_token_finishes_a_manual_call(new_client: Any) -> None:
    c = new_client(autoHandleToken=False)
    assert c.HandleToken(c.VerifyStore(1))["statusCode"] == "succeeded"


def test_cancel_then_poll_to_final_status(new_client: Any) -> None:
    c = new_client(autoHandleToken=False)
    status = c.VerifyStore(3)
    reply = c.CancelAsync(status)
    assert isinstance(reply, dict)
    while status["statusCode"] == "running":
        status = c.GetStatus(status)
    assert status["statusCode"] not in ("running", "succeeded")
    assert "Finished. No errors" not in (status["logOutput"] or "")


@pytest.mark.parametrize("method", ["GetStatus", "CancelAsync"])
def test_status_calls_without_token_raise(client: Any, method: str) -> None:
    done = client.GetServerInfo()
    with pytest.raises(errors.MailStoreNoTokenError) as info:
        getattr(client, method)(done)
    assert method in str(info.value)


def test_deadline_raises_with_the_token_and_the_task_can_be_resumed(new_client: Any) -> None:
    c = new_client(deadline=0.3)
    with pytest.raises(errors.TaskDeadlineError) as info:
        c.VerifyStore(3)
    err = info.value
    assert err.token and err.status["statusCode"] == "running"
    c.deadline = None
    assert c.HandleToken(err.status)["statusCode"] == "succeeded"


def test_ctrl_c_during_automatic_handling_cancels_the_task(emu: Any, new_client: Any) -> None:
    seen: List[Status] = []

    def interrupt(status: Status) -> None:
        seen.append(status)
        if len(seen) == 2:
            raise KeyboardInterrupt

    emu.stats.reset()
    c = new_client(callback=interrupt)
    with pytest.raises(KeyboardInterrupt):
        c.VerifyStore(3)
    cancels = [args for path, name, args in list(emu.stats.log) if path.endswith("cancel-async")]
    assert cancels == [{"token": seen[-1]["token"]}]
    checker = new_client(autoHandleToken=False)
    final = checker.HandleToken(seen[-1])
    assert final["statusCode"] != "succeeded"


@pytest.mark.parametrize("own_session", [False, True], ids=["pool", "callers-session"])
def test_ctrl_c_while_waiting_for_a_free_connection_is_not_lost(
    emu: Any, new_client: Any, monkeypatch: pytest.MonkeyPatch, own_session: bool
) -> None:
    # urllib3 answers an interrupt in its wait for a pooled connection by putting a
    # connection back into the full pool, which raises FullPoolError from its clean-up:
    # the interrupt must still reach the caller, not be retried as a broken connection.
    import requests
    from urllib3.connectionpool import HTTPConnectionPool

    armed: List[bool] = []
    original = HTTPConnectionPool._get_conn

    def get_conn(pool: Any, timeout: Any = None) -> Any:
        if armed:
            armed.clear()
            raise KeyboardInterrupt
        return original(pool, timeout)

    monkeypatch.setattr(HTTPConnectionPool, "_get_conn", get_conn)
    seen: List[Status] = []

    def arm(status: Status) -> None:  # the next request is interrupted
        seen.append(status)
        armed.append(True)

    emu.stats.reset()
    extra = {"session": requests.Session()} if own_session else {}
    c = new_client(callback=arm, **extra)
    with pytest.raises(KeyboardInterrupt):
        c.VerifyStore(3)
    assert invoked(emu, "cancel-async") == [{"token": seen[-1]["token"]}]
    assert len(invoked(emu, "get-status")) == 0  # the interrupted poll was not sent again
    assert c.GetServerInfo()["statusCode"] == "succeeded"  # the pool still works


@pytest.fixture
def ctrl_c_after(python_sigint: None) -> Iterator[Callable[..., None]]:
    """``ctrl_c_after(*delays)``: send SIGINT to this process after each delay (seconds).

    A signal still due when the test ends is stopped or absorbed, so it cannot hit pytest.
    """
    import os
    import signal

    if sys.platform == "win32":
        pytest.skip("sends SIGINT to itself")
    timers: List[threading.Timer] = []

    def start(*delays: float) -> None:
        for delay in delays:
            timers.append(threading.Timer(delay, os.kill, (os.getpid(), signal.SIGINT)))
            timers[-1].start()

    yield start
    signal.signal(signal.SIGINT, lambda signum, frame: None)  # python_sigint restores it
    for timer in timers:
        timer.cancel()
        timer.join()
    time.sleep(0.05)  # let a signal sent just now reach the absorbing handler


def verify_with_ctrl_c_in_a_poll(
    emu: Any, new_client: Any, ctrl_c_after: Callable[..., None], latency: float, *presses: float
) -> Tuple[List[Status], float]:
    """Run VerifyStore(3) and press Ctrl-C while its first poll is out.

    The poll answers ``latency`` s late; Ctrl-C comes ``presses`` seconds after the
    first status. Returns the statuses seen and the seconds until KeyboardInterrupt.
    """
    emu.step_interval = 0.05  # the task must outlast the late poll, to be cancelled
    emu.faults.latency(latency, function="get-status", count=1)
    seen: List[Status] = []

    def on_status(status: Status) -> None:
        seen.append(status)
        if len(seen) == 1:  # Ctrl-C while the next poll is out
            ctrl_c_after(*presses)

    c = new_client(emu, callback=on_status)
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        c.VerifyStore(3)
    return seen, time.monotonic() - started


def test_ctrl_c_during_a_status_poll_is_raised_when_the_poll_answers(
    fresh_emu: Any, new_client: Any, ctrl_c_after: Callable[..., None]
) -> None:
    seen, took = verify_with_ctrl_c_in_a_poll(fresh_emu, new_client, ctrl_c_after, 0.8, 0.2)
    assert took >= 0.8  # the poll was allowed to finish
    assert len(invoked(fresh_emu, "get-status")) == 1  # and was not sent twice
    assert invoked(fresh_emu, "cancel-async") == [{"token": seen[0]["token"]}]
    final = new_client(fresh_emu).HandleToken(seen[0])
    assert final["statusCode"] == "cancelled"


def test_second_ctrl_c_does_not_wait_for_the_poll(
    fresh_emu: Any, new_client: Any, ctrl_c_after: Callable[..., None]
) -> None:
    _, took = verify_with_ctrl_c_in_a_poll(fresh_emu, new_client, ctrl_c_after, 6, 0.2, 0.4)
    assert took < 5  # well before the poll's answer
    assert len(invoked(fresh_emu, "cancel-async")) == 1


@pytest.mark.parametrize("by_name", [False, True], ids=["method", "call"])
def test_ctrl_c_during_a_tasks_invoke_cancels_the_task_it_started(
    fresh_emu: Any, new_client: Any, ctrl_c_after: Callable[..., None], by_name: bool
) -> None:
    fresh_emu.faults.latency(0.8, function="VerifyStore", count=1)
    c = new_client(fresh_emu)
    ctrl_c_after(0.2)
    with pytest.raises(KeyboardInterrupt) as info:
        if by_name:
            c.call("VerifyStore", {"id": 3, "includeIndexes": True}, autoHandleToken=False)
        else:
            c.VerifyStore(3, autoHandleToken=False)
    cancels = invoked(fresh_emu, "cancel-async")
    assert len(cancels) == 1
    token = cancels[0]["token"]
    assert token in "\n".join(getattr(info.value, "__notes__", []))
    final = new_client(fresh_emu).HandleToken(
        {"token": token, "statusVersion": 0, "statusCode": "running"}
    )
    assert final["statusCode"] == "cancelled"


def test_unknown_token_gives_token_not_found(fresh_emu: Any, new_client: Any) -> None:
    c = new_client(fresh_emu, autoHandleToken=False)
    status = c.VerifyStore(3)
    fresh_emu.faults.expire_tokens()
    with pytest.raises(errors.TokenNotFoundError) as info:
        c.GetStatus(status)
    assert info.value.status_code == 404 and "expired" in str(info.value)


# -- HTTP and transport failures -----------------------------------------------------


def test_wrong_password_gives_authentication_error_with_hint(new_client: Any) -> None:
    with pytest.raises(errors.AuthenticationError) as info:
        new_client(password="wrong")  # raised when the client is made, as the wrappers do
    assert info.value.code == 401  # what `except urllib.error.HTTPError as e: e.code` reads
    text = str(info.value)
    assert info.value.status_code == 401
    assert "'api' login privilege" in text and "127.0.0.1" in text
    assert "wrong" not in text


def test_user_without_api_privilege_gets_403(fresh_emu: Any, new_client: Any) -> None:
    admin = new_client(fresh_emu)
    made = admin.call(
        "CreateUser",
        {"userName": "clerk", "privileges": "admin", "password": "pw", "loginPrivileges": "web"},
    )
    assert made["statusCode"] == "succeeded"
    with pytest.raises(errors.PermissionDeniedError) as info:
        new_client(fresh_emu, username="clerk", password="pw").GetUsers()
    assert info.value.status_code == 403 and "'api' login privilege" in str(info.value)


@pytest.mark.parametrize("status_code", [500, 502])
def test_html_error_page_gives_server_error(
    fresh_emu: Any, new_client: Any, status_code: int
) -> None:
    fresh_emu.faults.http_error(status=status_code, function="GetUsers")
    with pytest.raises(errors.ServerError) as info:
        new_client(fresh_emu).GetUsers()
    assert info.value.status_code == status_code and f"HTTP {status_code}" in str(info.value)


def test_truncated_json_gives_protocol_error(fresh_emu: Any, new_client: Any) -> None:
    fresh_emu.faults.truncated_json(function="GetUsers")
    with pytest.raises(errors.ProtocolError) as info:
        new_client(fresh_emu).GetUsers()
    assert "not valid JSON" in str(info.value)


def test_unknown_function_is_a_clear_error(client: Any) -> None:
    with pytest.raises(errors.NotFoundError) as info:
        client.call("NoSuchFunction")
    assert "NoSuchFunction" in str(info.value) and "GetMetadata" in str(info.value)


def test_connection_refused(new_client: Any, emu: Any) -> None:
    started = time.monotonic()
    with pytest.raises(errors.ConnectError) as info:
        new_client(port=free_port(), retries=1)
    assert "cannot connect" in str(info.value)
    assert isinstance(info.value, ConnectionRefusedError)  # as the wrappers' callers catch it
    assert time.monotonic() - started < 5


def test_unknown_host(new_client: Any) -> None:
    with pytest.raises(errors.ConnectError) as info:
        new_client(host="no-such-host.invalid")
    assert "could not be resolved" in str(info.value)


# -- TLS ----------------------------------------------------------------------------


def test_untrusted_certificate_names_the_ways_out(emu: Any) -> None:
    with pytest.raises(errors.TLSError) as info:
        mailstore.mgmt.ServerClient(host=emu.host, port=emu.port)
    text = str(info.value)
    for way in ("fingerprint=", "caBundle=", "ignoreInvalidSSLCerts=True"):
        assert way in text
    assert emu.fingerprint in text


def test_pinned_fingerprint_is_accepted(emu: Any) -> None:
    c = mailstore.mgmt.ServerClient(host=emu.host, port=emu.port, fingerprint=emu.fingerprint)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert c.GetServerInfo()["statusCode"] == "succeeded"
    plain = emu.fingerprint.replace(":", "").lower()
    assert mailstore.mgmt.ServerClient(host=emu.host, port=emu.port, fingerprint=plain).GetUsers()


def test_wrong_pin_is_rejected(emu: Any) -> None:
    wrong = ":".join(["AB"] * 32)
    with pytest.raises(errors.TLSError) as info:
        mailstore.mgmt.ServerClient(host=emu.host, port=emu.port, fingerprint=wrong)
    assert "does not match" in str(info.value) and emu.fingerprint in str(info.value)


def test_pinned_self_signed_certificate(tmp_path: Any, mailstore_emulator_data_dir: str) -> None:
    from mailstore.emulator import Emulator
    from mailstore.emulator.certs import fingerprint_of, make_self_signed

    certfile, keyfile = make_self_signed(str(tmp_path), ["MAILSTORE-SRV"])
    with Emulator(certfile=certfile, keyfile=keyfile, data_dir=mailstore_emulator_data_dir) as emu:
        pin = fingerprint_of(certfile)
        ok = mailstore.mgmt.ServerClient(host=emu.host, port=emu.port, fingerprint=pin)
        assert ok.GetServerInfo()["statusCode"] == "succeeded"
        with pytest.raises(errors.TLSError):
            mailstore.mgmt.ServerClient(host=emu.host, port=emu.port).GetServerInfo()


def test_ignore_invalid_certs_warns_once_and_touches_no_filters(emu: Any) -> None:
    out = io.StringIO()
    filters = list(warnings.filters)
    with redirect_stderr(out), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        c = mailstore.mgmt.ServerClient(host=emu.host, port=emu.port, ignoreInvalidSSLCerts=True)
        for _ in range(3):
            assert c.GetServerInfo()["statusCode"] == "succeeded"
    assert caught == []
    assert out.getvalue().count("WARNING") == 1 and "ignoreInvalidSSLCerts" in out.getvalue()
    assert warnings.filters == filters


# -- threads, logging, side effects ---------------------------------------------------


def test_one_client_shared_by_many_threads(emu: Any, client: Any) -> None:
    users = [u["userName"] for u in client.GetUsers()["result"]]
    errors_seen: List[BaseException] = []
    mismatches: List[str] = []

    def work(offset: int) -> None:
        try:
            for i in range(30):
                name = users[(offset + i) % len(users)]
                result = client.GetUserInfo(name)["result"]
                if result["userName"] != name:
                    mismatches.append(name)
        except BaseException as exc:  # noqa: BLE001
            errors_seen.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors_seen == [] and mismatches == []


def test_no_secret_in_output_at_debug_level(fresh_emu: Any, new_client: Any) -> None:
    import base64

    secrets = ["Adm1n-S3cret", "N3w-Us3r-Pw", "Sm7p-Pw", "K3y-Of-Store"]
    out = io.StringIO()
    with redirect_stderr(out):
        admin = new_client(fresh_emu)
        admin.call("SetUserPassword", {"userName": "admin", "password": secrets[0]})
        c = new_client(fresh_emu, password=secrets[0], logLevel=4)
        c.call("CreateUser", {"userName": "n", "privileges": "login", "password": secrets[1]})
        c.call("SetSmtpSettings", {"settings": {"hostname": "smtp", "password": secrets[2]}})
        c.call("RecoverStore", {"id": 1, "encryptionKey": secrets[3]})
        c.call("GetSmtpSettings")
        with pytest.raises(errors.AuthenticationError):
            new_client(fresh_emu, password="Wr0ng-" + secrets[0], logLevel=4).GetUsers()
    text = out.getvalue()
    assert "DEBUG" in text and "CreateUser" in text
    for secret in secrets + [base64.b64encode(f"admin:{secrets[0]}".encode()).decode()]:
        assert secret not in text


def test_log_levels_are_per_client(client: Any, new_client: Any) -> None:
    out = io.StringIO()
    quiet = new_client(logLevel=0)
    loud = new_client(logLevel=4)
    with redirect_stderr(out):
        quiet.GetServerInfo()
        marker = out.getvalue()
        loud.GetServerInfo()
    assert marker == "" and "GetServerInfo" in out.getvalue()


def test_log_level_none_uses_the_application_logging(new_client: Any, caplog: Any) -> None:
    c = new_client(logLevel=None)
    with caplog.at_level(logging.DEBUG, logger="mailstore"):
        c.GetServerInfo()
    assert any("GetServerInfo" in r.getMessage() for r in caplog.records)


def test_no_global_side_effects(new_client: Any) -> None:
    import ssl
    import urllib.request

    root = logging.getLogger()
    before = (list(root.handlers), root.level, list(warnings.filters), urllib.request._opener)
    context = ssl.create_default_context()
    c = new_client(logLevel=4, ignoreInvalidSSLCerts=True, caBundle=None)
    with redirect_stderr(io.StringIO()):
        c.GetUsers()
        c.VerifyStore(1)
    after = (list(root.handlers), root.level, list(warnings.filters), urllib.request._opener)
    assert before == after
    assert ssl.create_default_context().verify_mode == context.verify_mode == ssl.CERT_REQUIRED
    assert ssl._create_default_https_context is ssl.create_default_context


def test_context_manager_closes_connections(emu: Any) -> None:
    with mailstore.mgmt.ServerClient(host=emu.host, port=emu.port, caBundle=emu.ca_file) as c:
        assert c.GetServerInfo()["statusCode"] == "succeeded"
    assert c.GetServerInfo()["statusCode"] == "succeeded"  # usable again after close


# -- a caller's own requests.Session (sent through HTTPAdapter.send) -------------------


def test_callers_session_is_used(emu: Any) -> None:
    import requests
    from requests.adapters import HTTPAdapter

    class CountingAdapter(HTTPAdapter):
        sends = 0

        def send(self, request: Any, *args: Any, **kwargs: Any) -> Any:
            CountingAdapter.sends += 1
            return super().send(request, *args, **kwargs)

    session = requests.Session()
    session.mount("https://", CountingAdapter())
    c = mailstore.mgmt.ServerClient(
        host=emu.host, port=emu.port, caBundle=emu.ca_file, session=session
    )
    assert c.GetServerInfo()["statusCode"] == "succeeded"
    assert c.VerifyStore(1)["statusCode"] == "succeeded"
    assert CountingAdapter.sends >= 3  # the invoke and at least one get-status
    c.close()  # a caller's session stays open
    assert c.GetUsers()["statusCode"] == "succeeded"


def test_callers_session_maps_errors_the_same_way(emu: Any) -> None:
    import requests

    with pytest.raises(errors.TLSError, match="caBundle="):
        mailstore.mgmt.ServerClient(host=emu.host, port=emu.port, session=requests.Session())
    with pytest.raises(errors.RefusedError, match="cannot connect"):
        mailstore.mgmt.ServerClient(port=free_port(), session=requests.Session(), retries=0)
    # A pin cannot be enforced through adapters the caller chose: refused, naming the path.
    with pytest.raises(errors.ArgumentError, match="cannot be pinned through a caller's requests"):
        mailstore.mgmt.ServerClient(
            host=emu.host, port=emu.port, fingerprint=emu.fingerprint, session=requests.Session()
        )


def test_the_helper_modules_load_on_first_use() -> None:
    script = (
        "import sys, mailstore\n"
        "assert 'mailstore.monitoring' not in sys.modules\n"
        "print(mailstore.monitoring.check.__module__, mailstore.dates.parse_date.__module__)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["mailstore.monitoring._check", "mailstore.dates"]
