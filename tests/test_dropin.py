"""Scripts written for MailStore's wrappers, as their authors wrote them, run unchanged.

The wrappers contact the server in the constructor, raise urllib's exceptions, and log
to stderr; scripts wrap the constructor in ``try/except (URLError, ...)`` and print
their own output on stdout.
"""

from __future__ import annotations

import io
import json
import logging
import socket
import urllib.error
from contextlib import redirect_stderr, redirect_stdout
from typing import Any, List

import pytest
from fakes import RecordingTransport

import mailstore
from mailstore import errors


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def check_script(**settings: Any) -> str:
    """A monitoring check in the wrappers' style: what it prints (its stdout)."""
    try:
        client = mailstore.mgmt.ServerClient(**settings)
    except urllib.error.HTTPError as e:
        return f"UNKNOWN login failed (HTTP {e.code})"
    except (urllib.error.URLError, ConnectionRefusedError) as e:
        return f"CRITICAL cannot reach the server: {e.reason}"
    version = client.GetServerInfo()["result"]["version"]
    return f"OK MailStore {version}"


def test_a_wrappers_check_script_gets_its_own_messages(emu: Any) -> None:
    good = {"host": emu.host, "port": emu.port, "caBundle": emu.ca_file}
    assert check_script(**good).startswith("OK MailStore ")
    assert check_script(**good, password="wrong") == "UNKNOWN login failed (HTTP 401)"
    refused = check_script(host="127.0.0.1", port=free_port(), retries=0)
    assert refused.startswith("CRITICAL cannot reach the server: [Errno")  # the OSError
    untrusted = check_script(host=emu.host, port=emu.port)  # no trust in the emulator's CA
    assert untrusted.startswith("CRITICAL cannot reach the server: [SSL: CERTIFICATE_VERIFY")


def test_refused_is_also_a_connection_refused_error() -> None:
    with pytest.raises(ConnectionRefusedError) as info:
        mailstore.mgmt.ServerClient(port=free_port(), retries=0)
    assert isinstance(info.value, urllib.error.URLError)
    assert isinstance(info.value, errors.ConnectError)


def test_http_errors_read_like_urllibs(emu: Any) -> None:
    with pytest.raises(urllib.error.HTTPError) as info:
        mailstore.mgmt.ServerClient(**{**emu.client_kwargs(), "password": "wrong"})
    err = info.value
    assert err.code == 401 and err.reason == "Unauthorized"
    assert b"Invalid user name or password" in err.read()  # the start of the body
    assert isinstance(err, errors.AuthenticationError) and "'api' login privilege" in str(err)


def test_a_timeout_is_also_a_socket_timeout(fresh_emu: Any) -> None:
    c = mailstore.mgmt.ServerClient(**fresh_emu.client_kwargs(), readTimeout=0.3)
    fresh_emu.faults.latency(1.0, function="GetUsers", count=1)
    with pytest.raises(socket.timeout):
        c.GetUsers()


@pytest.mark.parametrize("level", [0, 1, 2, 3, 4, None])
def test_nothing_reaches_stdout_at_any_log_level(fresh_emu: Any, level: Any) -> None:
    out, err = io.StringIO(), io.StringIO()
    fresh_emu.step_interval = 0.002
    with redirect_stdout(out), redirect_stderr(err):
        c = mailstore.mgmt.ServerClient(
            host=fresh_emu.host, port=fresh_emu.port, ignoreInvalidSSLCerts=True, logLevel=level
        )
        c.GetUserInfo("no.such.user")  # a failed function: logged at INFO
        c.VerifyStore(1)  # a task followed to its end
        with pytest.raises(errors.AuthenticationError):
            wrong = {**fresh_emu.client_kwargs(), "password": "x"}
            mailstore.mgmt.ServerClient(**wrong, logLevel=level)
        c.close()
    assert out.getvalue() == ""
    if level in (2, 3, 4):
        assert "TLS certificate checks are off" in err.getvalue()
    if level == 4:
        assert "DEBUG POST" in err.getvalue()


def test_metadata_lists_the_low_level_endpoints_then_the_servers_functions(emu: Any) -> None:
    c = mailstore.mgmt.ServerClient(**emu.client_kwargs())
    names = [entry["name"] for entry in c.metadata]
    assert names[:3] == ["get-status", "cancel-async", "get-metadata"]
    assert names[3:] == [entry["name"] for entry in c.GetMetadata()]
    status_args = [a["name"] for a in c.metadata[0]["args"]]
    assert status_args == ["token", "lastKnownStatusVersion", "millisecondsTimeout"]


def test_the_catalog_comparison_is_logged_at_info(caplog: pytest.LogCaptureFixture) -> None:
    from mailstore.catalog import load

    served = [
        {"name": entry["name"], "args": [{"name": a["name"]} for a in entry.get("args", ())]}
        for entry in load("server")
        if entry["name"] != "VerifyStore"  # an older server, say
    ]
    served.append({"name": "NewerFunction", "args": []})
    replies: List[Any] = [served]  # then GetServerInfo: the recorder's default status
    recorder = RecordingTransport(replies)
    with caplog.at_level(logging.INFO, logger="mailstore"):
        mailstore.mgmt.ServerClient(logLevel=None, transport=recorder)
    text = caplog.text
    assert "VerifyStore" in text and "NewerFunction" in text
    assert [path for path, _ in recorder.posts] == ["get-metadata", "invoke/GetServerInfo"]


def test_a_failed_server_info_at_construction_is_an_authentication_error() -> None:
    failed = {
        "error": {"message": "Invalid credentials.", "details": ""},
        "token": None,
        "statusVersion": 2,
        "statusCode": "failed",
        "percentProgress": None,
        "statusText": None,
        "result": None,
        "logOutput": None,
    }
    recorder = RecordingTransport([[], failed])
    with pytest.raises(errors.AuthenticationError, match="Invalid credentials"):
        mailstore.mgmt.ServerClient(logLevel=0, transport=recorder)


def test_spe_client_checks_with_get_metadata_only(emu: Any) -> None:
    recorder = RecordingTransport([[{"name": "GetInstances", "args": []}]])
    spe = mailstore.mgmt.SPEClient(logLevel=0, transport=recorder)
    assert [path for path, _ in recorder.posts] == ["get-metadata"]
    assert spe.metadata[-1]["name"] == "GetInstances"


def test_connect_false_sends_nothing_and_fetches_metadata_on_first_use() -> None:
    recorder = RecordingTransport([[{"name": "GetServerInfo", "args": []}]])
    c = mailstore.mgmt.ServerClient(logLevel=0, transport=recorder, connect=False)
    assert recorder.posts == []
    assert c.metadata[-1]["name"] == "GetServerInfo"
    assert [path for path, _ in recorder.posts] == ["get-metadata"]
    json.dumps(c.metadata)  # plain data
