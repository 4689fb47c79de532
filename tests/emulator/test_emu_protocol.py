"""The wire protocol: verbs, auth, status codes, headers, BOM, envelope and metadata."""

from __future__ import annotations

import json
import ssl
import threading
import time
from typing import Any, List

import pytest
from emu_helpers import ENVELOPE_KEYS, ApiClient, basic, connect, decode, read_reply

from mailstore.catalog import load
from mailstore.emulator import Emulator


def raw_exchange(srv: Emulator, data: bytes, timeout: float = 5.0) -> bytes:
    """Send raw bytes over TLS and read until the server closes (or the timeout)."""
    with connect(srv, timeout) as tls:
        tls.sendall(data)
        return read_reply(tls)


def auth_header() -> bytes:
    return f"Authorization: {basic('admin', 'admin')}\r\n".encode()


# -- verbs, paths and status codes ---------------------------------------------------------------


def test_get_server_info_envelope_headers_and_bom(api: ApiClient) -> None:
    response = api.post("/api/invoke/GetServerInfo")
    assert response.status == 200
    assert response.body.startswith(b'\xef\xbb\xbf{\r\n  "error": null,\r\n')
    assert response.headers["content-type"] == "application/json"  # as in the documented example
    assert response.headers["cache-control"] == (
        "no-cache,private,no-store,must-revalidate,max-stale=0,post-check=0,pre-check=0"
    )
    assert response.headers["pragma"] == "no-cache"
    assert response.headers["server"] == "Microsoft-HTTPAPI/2.0"
    assert int(response.headers["content-length"]) == len(response.body)
    assert "date" in response.headers and "expires" in response.headers
    data = response.json()
    assert list(data) == ENVELOPE_KEYS
    assert data["token"] is None and data["statusVersion"] == 2
    assert data["statusCode"] == "succeeded"
    assert data["result"] == {"version": "25.3.1.23021", "machineName": "MAILSTORE-EMU"}


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "HEAD"])
def test_only_post_is_allowed(api: ApiClient, method: str) -> None:
    response = api.raw("/api/invoke/GetServerInfo", method=method)
    assert response.status == 405
    assert response.headers["allow"] == "POST"
    if method != "HEAD":
        assert response.json()["statusCode"] == "failed"


@pytest.mark.parametrize("method", ["PUT", "DELETE"])
def test_get_metadata_allows_get_and_post_only(api: ApiClient, method: str) -> None:
    response = api.raw("/api/get-metadata", method=method)
    assert response.status == 405
    assert response.headers["allow"] == "GET, POST"


def test_get_metadata_answers_get(api: ApiClient) -> None:
    response = api.raw("/api/get-metadata", method="GET")
    assert response.status == 200
    assert [m["name"] for m in response.json()] == [e["name"] for e in load("server")]


@pytest.mark.parametrize("header", [None, basic("admin", "wrong"), "Bearer abc"])
def test_get_metadata_needs_no_credentials_on_server(api: ApiClient, header: Any) -> None:
    response = api.raw("/api/get-metadata", auth=header)
    assert response.status == 200
    assert isinstance(response.json(), list)
    assert api.raw("/api/invoke/GetServerInfo", auth=header).status == 401


def test_get_metadata_can_require_credentials(mailstore_emulator_data_dir: Any) -> None:
    with Emulator(data_dir=mailstore_emulator_data_dir, anonymous_metadata=False) as srv:
        client = ApiClient(srv)
        try:
            assert client.raw("/api/get-metadata", auth=None).status == 401
            assert client.raw("/api/get-metadata", auth=basic("admin", "x")).status == 401
            assert client.raw("/api/get-metadata").status == 200
        finally:
            client.close()


def test_missing_credentials_give_401_with_challenge(api: ApiClient) -> None:
    response = api.raw("/api/invoke/GetServerInfo", auth=None)
    assert response.status == 401
    assert response.headers["www-authenticate"] == 'Basic realm="MailStore Server"'
    data = response.json()
    assert list(data) == ENVELOPE_KEYS and data["statusCode"] == "failed"


@pytest.mark.parametrize(
    "header",
    [
        basic("admin", "wrong"),
        basic("nobody", "admin"),
        basic("anna.schmidt", ""),  # a user without a password cannot log in
        "Basic !!!not-base64!!!",
        "Bearer abc",
    ],
)
def test_bad_credentials_give_401(api: ApiClient, header: str) -> None:
    response = api.raw("/api/invoke/GetServerInfo", auth=header)
    assert response.status == 401
    assert "www-authenticate" in response.headers


@pytest.mark.parametrize("user,password", [("helpdesk", "helpdesk"), ("monitoring", "monitor")])
def test_users_without_admin_or_api_privilege_get_403(
    srv: Emulator, user: str, password: str
) -> None:
    client = ApiClient(srv, user, password)
    try:
        response = client.post("/api/invoke/GetServerInfo")
    finally:
        client.close()
    assert response.status == 403
    assert "api" in response.json()["error"]["message"]


def test_default_admin_password_only_from_loopback(srv: Emulator, api: ApiClient) -> None:
    srv.api.is_loopback = lambda address: False  # pretend every peer is remote
    assert api.post("/api/invoke/GetServerInfo").status == 401
    other = ApiClient(srv, "backup.admin", "Backup-2026!")
    try:
        assert other.post("/api/invoke/GetServerInfo").status == 200
    finally:
        other.close()
    # Once admin has another password, it is accepted from anywhere.
    srv.state.find_user("admin")["password"] = "S3cret!"  # type: ignore[index]
    remote_admin = ApiClient(srv, "admin", "S3cret!")
    try:
        assert remote_admin.post("/api/invoke/GetServerInfo").status == 200
    finally:
        remote_admin.close()


def test_extra_users_and_utf8_credentials(mailstore_emulator_data_dir: Any) -> None:
    with Emulator(data_dir=mailstore_emulator_data_dir, users={"jörg.api": "pässwörd"}) as srv:
        client = ApiClient(srv, "jörg.api", "pässwörd")
        try:
            assert client.ok("GetUserInfo", userName="jörg.api")["privileges"] == ["admin"]
        finally:
            client.close()


def test_unknown_path_is_404_html(api: ApiClient) -> None:
    response = api.raw("/nothing/here")
    assert response.status == 404
    assert response.headers["content-type"].startswith("text/html")
    assert b"HTTP Error 404" in response.body


def test_unknown_function_is_404_with_failed_envelope(api: ApiClient) -> None:
    response = api.post("/api/invoke/NoSuchFunction")
    assert response.status == 404
    data = response.json()
    assert list(data) == ENVELOPE_KEYS
    assert data["statusCode"] == "failed"
    assert data["error"]["message"] == "Unknown API function 'NoSuchFunction'."


def test_spe_function_is_unknown_with_a_hint(api: ApiClient) -> None:
    response = api.post("/api/invoke/GetInstances", {"instanceFilter": "*"})
    assert response.status == 404
    error = response.json()["error"]
    assert error["message"] == "Unknown API function 'GetInstances'."
    assert "SPE" in error["details"]


def test_function_names_are_case_sensitive(api: ApiClient) -> None:
    assert api.post("/api/invoke/getserverinfo").status == 404


def test_post_without_content_length_gives_411(srv: Emulator) -> None:
    request = b"POST /api/invoke/GetServerInfo HTTP/1.1\r\nHost: x\r\n" + auth_header() + b"\r\n"
    reply = raw_exchange(srv, request)
    assert reply.startswith(b"HTTP/1.1 411 Length Required\r\n")
    assert b"Connection: close" in reply


def test_chunked_body_is_accepted(srv: Emulator) -> None:
    body = b"userName=anna.schmidt"
    request = (
        b"POST /api/invoke/GetUserInfo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        + auth_header()
        + b"Transfer-Encoding: chunked\r\n\r\n"
        + f"{len(body):x}\r\n".encode()
        + body
        + b"\r\n0\r\n\r\n"
    )
    reply = raw_exchange(srv, request)
    head, _, payload = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200 OK")
    assert decode(payload)["result"]["userName"] == "anna.schmidt"


def test_expect_100_continue(srv: Emulator) -> None:
    request = (
        b"POST /api/invoke/GetServerInfo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        + auth_header()
        + b"Expect: 100-continue\r\nContent-Length: 0\r\n\r\n"
    )
    reply = raw_exchange(srv, request)
    assert reply.startswith(b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n")


def test_http_10_closes_the_connection(srv: Emulator) -> None:
    request = (
        b"POST /api/invoke/GetServerInfo HTTP/1.0\r\n"
        + auth_header()
        + b"Content-Length: 0\r\n\r\n"
    )
    reply = raw_exchange(srv, request)
    assert reply.startswith(b"HTTP/1.1 200 OK") and b"Connection: close" in reply


def test_garbage_request_line_gives_400(srv: Emulator) -> None:
    assert raw_exchange(srv, b"HELLO\r\n\r\n").startswith(b"HTTP/1.1 400 Bad Request")


def test_body_must_be_utf8(api: ApiClient) -> None:
    response = api.raw("/api/invoke/GetUserInfo", b"userName=j\xfcrgen")
    assert response.status == 400


def test_keep_alive_reuses_one_connection_and_is_fast(srv: Emulator, api: ApiClient) -> None:
    api.post("/api/invoke/GetServerInfo")
    srv.stats.reset()
    started = time.perf_counter()
    for _ in range(60):
        assert api.post("/api/invoke/GetServerInfo").status == 200
    elapsed = time.perf_counter() - started
    assert srv.stats.connections == 0  # no new connection was needed
    assert srv.stats.requests == 60
    assert elapsed < 1.5, f"60 keep-alive calls took {elapsed:.2f}s (Nagle/delayed ACK?)"


def test_each_reply_is_written_with_one_sendall(
    srv: Emulator, api: ApiClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: List[int] = []
    original = ssl.SSLSocket.sendall

    def counting(self: ssl.SSLSocket, data: Any, flags: int = 0) -> None:
        if threading.current_thread() is not threading.main_thread():
            calls.append(len(data))
        original(self, data, flags)

    monkeypatch.setattr(ssl.SSLSocket, "sendall", counting)
    for function in ("GetServerInfo", "GetUsers", "GetStores"):
        api.post(f"/api/invoke/{function}")
    api.post("/api/get-metadata")
    assert len(calls) == 4


# -- bodies and arguments --------------------------------------------------------------------


def test_utf8_form_arguments_and_results(api: ApiClient) -> None:
    info = api.ok("GetUserInfo", userName="ÅSA.ÖBERG")  # case-insensitive, non-ASCII
    assert info["fullName"] == "Åsa Öberg"
    response = api.post("/api/invoke/GetUserInfo", {"userName": "jürgen.müller"})
    assert "Jürgen Müller".encode() in response.body  # UTF-8, not \\u escapes


def test_repeated_form_fields_are_joined_with_commas(srv: Emulator, api: ApiClient) -> None:
    api.raw(
        "/api/invoke/SetUserPrivileges",
        b"userName=anna.schmidt&privileges=login&privileges=export",
    )
    assert api.ok("GetUserInfo", userName="anna.schmidt")["privileges"] == ["login", "export"]
    assert srv.stats.calls("SetUserPrivileges")[-1]["privileges"] == "login,export"


def test_stats_log_records_decoded_arguments(srv: Emulator, api: ApiClient) -> None:
    srv.stats.reset()
    api.post("/api/invoke/GetUserInfo", {"userName": "jürgen.müller", "extra": "a b&c"})
    api.post("/api/get-metadata")
    assert srv.stats.log == [
        ("/api/invoke/GetUserInfo", "GetUserInfo", {"userName": "jürgen.müller", "extra": "a b&c"}),
        ("/api/get-metadata", "get-metadata", {}),
    ]
    assert srv.stats.requests_by_path == {"/api/invoke/GetUserInfo": 1, "/api/get-metadata": 1}


def test_metadata_is_the_catalog_as_a_bare_array(api: ApiClient) -> None:
    response = api.post("/api/get-metadata")
    assert response.status == 200
    metadata = response.json()
    catalog = load("server")
    assert isinstance(metadata, list)
    assert [m["name"] for m in metadata] == [e["name"] for e in catalog]
    for entry, function in zip(metadata, catalog):
        assert list(entry) == ["name", "args"]
        assert entry["args"] == [
            {"name": a["name"], "type": a["type"], "nullable": a["optional"]}
            for a in function["args"]
        ]
    names = {m["name"] for m in metadata}
    assert not names & {"get-status", "get-metadata", "cancel-async"}


def test_result_json_is_indented_with_crlf(api: ApiClient) -> None:
    body = api.post("/api/invoke/GetStores").body.decode("utf-8-sig")
    assert "\r\n" in body and "\n" not in body.replace("\r\n", "")
    assert json.loads(body)["statusCode"] == "succeeded"
