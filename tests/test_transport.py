"""The transport under attack: proxies, retrying sessions, slow and huge replies, bad input.

Every test here runs over real sockets: the emulator, a hostile TLS server or a CONNECT
proxy on 127.0.0.1 (see ``hostile.py``).
"""

from __future__ import annotations

import logging
import math
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable, Iterator, List

import pytest
from fakes import RecordingTransport
from hostile import Certificates, ConnectProxy, HostileServer, response, status_body

import mailstore
from mailstore import errors

HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def certs(tmp_path_factory: pytest.TempPathFactory) -> Certificates:
    return Certificates(str(tmp_path_factory.mktemp("certs")), "server")


@pytest.fixture(scope="module")
def mitm_certs(tmp_path_factory: pytest.TempPathFactory) -> Certificates:
    return Certificates(str(tmp_path_factory.mktemp("mitm")), "mitm")


@pytest.fixture
def hostile(certs: Certificates) -> Iterator[Callable[..., HostileServer]]:
    made: List[HostileServer] = []

    def make(behaviour: Any) -> HostileServer:
        made.append(HostileServer(certs, behaviour))
        return made[-1]

    yield make
    for server in made:
        server.close()


@pytest.fixture
def proxy() -> Iterator[Callable[..., ConnectProxy]]:
    made: List[ConnectProxy] = []

    def make(**kw: Any) -> ConnectProxy:
        made.append(ConnectProxy(**kw))
        return made[-1]

    yield make
    for p in made:
        p.close()


@pytest.fixture
def via_proxy(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """Route the client through a proxy named in the environment, as a site would."""

    def route(url: str) -> None:
        monkeypatch.setenv("HTTPS_PROXY", url)
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)

    return route


def client_for(server: Any, certs: Certificates, **kw: Any) -> Any:
    """A client of a hostile server, made without contacting it (each test sends its own)."""
    kw.setdefault("logLevel", 0)
    kw.setdefault("caBundle", certs.ca_file)
    kw.setdefault("connect", False)
    return mailstore.mgmt.ServerClient(host="127.0.0.1", port=server.port, **kw)


# -- 1. the pin holds on every path -------------------------------------------------------


def test_pin_holds_through_an_environment_proxy(
    emu: Any, proxy: Any, via_proxy: Any, certs: Certificates
) -> None:
    tunnel = proxy()
    via_proxy(tunnel.url)
    pinned = mailstore.mgmt.ServerClient(
        host=emu.host, port=emu.port, fingerprint=emu.fingerprint, logLevel=0
    )
    assert pinned.GetServerInfo()["statusCode"] == "succeeded"
    assert tunnel.connects == [f"{emu.host}:{emu.port}"]

    before = dict(emu.stats.requests_by_path)
    with pytest.raises(errors.TLSError, match="does not match the pinned fingerprint"):
        mailstore.mgmt.ServerClient(
            host=emu.host, port=emu.port, fingerprint=certs.fingerprint, logLevel=0, retries=0
        )
    assert len(tunnel.connects) == 2  # it did go through the proxy ...
    assert emu.stats.requests_by_path == before  # ... and was refused there


def test_pin_and_ca_refuse_a_man_in_the_middle_proxy(
    emu: Any, proxy: Any, via_proxy: Any, mitm_certs: Certificates
) -> None:
    mitm = proxy(mitm=mitm_certs)
    via_proxy(mitm.url)
    for trust in ({"fingerprint": emu.fingerprint}, {"caBundle": emu.ca_file}):
        with pytest.raises(errors.TLSError):
            mailstore.mgmt.ServerClient(
                host=emu.host, port=emu.port, password="S3cret-pw", logLevel=0, **trust
            )
    assert len(mitm.connects) == 2
    assert mitm.intercepted == []  # no request, so no password, reached the man in the middle


def test_proxy_credentials_are_sent_to_the_proxy_and_never_shown(
    emu: Any, proxy: Any, via_proxy: Any
) -> None:
    guarded = proxy(credentials="proxyuser:Pr0xy-S3cret")
    via_proxy(f"http://proxyuser:Pr0xy-S3cret@127.0.0.1:{guarded.port}")
    c = mailstore.mgmt.ServerClient(**emu.client_kwargs(), logLevel=0)
    assert c.GetServerInfo()["statusCode"] == "succeeded"
    via_proxy(f"http://proxyuser:wrong-S3cret@127.0.0.1:{guarded.port}")
    with pytest.raises(errors.ConnectError) as info:
        mailstore.mgmt.ServerClient(**emu.client_kwargs(), logLevel=0, retries=0)
    assert "S3cret" not in str(info.value) and "proxy" in str(info.value).lower()


def test_no_proxy_networks_and_names_bypass_the_proxy(
    emu: Any, proxy: Any, via_proxy: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    tunnel = proxy()
    via_proxy(tunnel.url)
    for entry in ("127.0.0.0/8", "127.0.0.1", "*"):
        monkeypatch.setenv("NO_PROXY", entry)
        c = mailstore.mgmt.ServerClient(**emu.client_kwargs(), logLevel=0)
        assert c.GetServerInfo()["statusCode"] == "succeeded"
    assert tunnel.connects == []


def test_a_pin_with_a_callers_session_is_refused_at_construction(emu: Any) -> None:
    import requests

    session = requests.Session()
    session.proxies = {"https": "http://127.0.0.1:9"}
    with pytest.raises(errors.ArgumentError, match="requests.Session"):
        mailstore.mgmt.ServerClient(
            host=emu.host, port=emu.port, fingerprint=emu.fingerprint, session=session
        )


# -- 2. exactly one invoke, whatever the caller's session does ------------------------


@pytest.mark.parametrize(
    "retry",
    [
        {"total": 3, "allowed_methods": None},
        {"total": 3, "allowed_methods": None, "status_forcelist": [503]},
    ],
    ids=["retry-on-connection-errors", "retry-on-503"],
)
def test_a_retrying_session_sends_an_invoke_once(fresh_emu: Any, retry: Any) -> None:
    import requests
    from requests.adapters import HTTPAdapter
    from urllib3.util.retry import Retry

    session = requests.Session()
    session.mount("https://", HTTPAdapter(max_retries=Retry(backoff_factor=0, **retry)))
    if "status_forcelist" in retry:
        fresh_emu.faults.http_error(503, function="SetUserPassword", count=None)
    else:
        fresh_emu.faults.drop_after_read("SetUserPassword", count=None)
    c = mailstore.mgmt.ServerClient(
        host=fresh_emu.host, port=fresh_emu.port, caBundle=fresh_emu.ca_file, session=session
    )
    with pytest.raises(errors.MailStoreError):
        c.SetUserPassword("admin", "N3w-Secret")
    time.sleep(0.2)
    assert fresh_emu.stats.requests_by_path.get("/api/invoke/SetUserPassword") == 1


def test_a_retrying_session_still_retries_status_polls(fresh_emu: Any) -> None:
    import requests
    from requests.adapters import HTTPAdapter
    from urllib3.util.retry import Retry

    session = requests.Session()
    retry = Retry(total=3, allowed_methods=None, status_forcelist=[503], backoff_factor=0)
    session.mount("https://", HTTPAdapter(max_retries=retry))
    fresh_emu.step_interval = 0.002
    c = mailstore.mgmt.ServerClient(
        host=fresh_emu.host,
        port=fresh_emu.port,
        caBundle=fresh_emu.ca_file,
        session=session,
        retries=0,
    )
    running = c.VerifyStore(1, autoHandleToken=False)
    fresh_emu.faults.http_error(503, function="get-status", count=2)
    assert c.HandleToken(running)["statusCode"] == "succeeded"
    assert fresh_emu.stats.requests_by_path["/api/invoke/VerifyStore"] == 1


def test_retries_governs_every_retried_request(fresh_emu: Any) -> None:
    c = mailstore.mgmt.ServerClient(
        **fresh_emu.client_kwargs(), retries=0, logLevel=0, connect=False
    )
    fresh_emu.faults.http_error(503, function="get-metadata", count=1)
    with pytest.raises(errors.ServerError):
        c.GetMetadata()
    assert fresh_emu.stats.requests_by_path["/api/get-metadata"] == 1
    fresh_emu.faults.http_error(503, function="get-metadata", count=2)
    c2 = mailstore.mgmt.ServerClient(
        **fresh_emu.client_kwargs(), retries=2, logLevel=0, connect=False
    )
    assert isinstance(c2.GetMetadata(), list)
    assert fresh_emu.stats.requests_by_path["/api/get-metadata"] == 4


# -- 3. bounded in time ---------------------------------------------------------------------


@pytest.mark.parametrize("where", ["body", "headers"])
@pytest.mark.parametrize("path", ["pool", "session"])
def test_a_dripped_reply_is_cut_off_at_read_timeout(
    hostile: Any, certs: Certificates, where: str, path: str
) -> None:
    reply = response(status_body())
    head, _, body = reply.partition(b"\r\n\r\n")

    def behaviour(conn: Any, request: Any) -> None:
        if where == "headers":
            HostileServer.drip(reply, 0.05)(conn, request)
        else:
            conn.sendall(head + b"\r\n\r\n")
            HostileServer.drip(body, 0.05)(conn, request)

    server = hostile(behaviour)
    kw: dict = {}
    if path == "session":
        import requests

        kw["session"] = requests.Session()
    c = client_for(server, certs, readTimeout=0.5, **kw)
    started = time.monotonic()
    with pytest.raises(errors.RequestTimeout, match="whole answer within 0.5 s"):
        c.GetServerInfo()
    took = time.monotonic() - started
    assert 0.45 < took < 1.3, took  # the drip alone would take about 10 s


def test_a_dripped_status_poll_is_cut_off_at_the_deadline(
    hostile: Any, certs: Certificates
) -> None:
    server = hostile(HostileServer.task_with_dripped_polls("t-drip"))
    c = client_for(server, certs, readTimeout=30, deadline=1.0, waitTime=200)
    started = time.monotonic()
    with pytest.raises(errors.TaskDeadlineError) as info:
        c.VerifyStore(1)
    assert time.monotonic() - started < 1.8
    assert info.value.token == "t-drip"


# -- 4. bounded in size ---------------------------------------------------------------------


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_a_reply_over_max_reply_bytes_is_refused(
    hostile: Any, certs: Certificates, chunked: bool
) -> None:
    server = hostile(None)
    server.behaviour = server.flood(1 << 30, chunked)
    c = client_for(server, certs, maxReplyBytes=1 << 20, retries=0)
    with pytest.raises(errors.ReplyTooLargeError, match="maxReplyBytes") as info:
        c.GetUsers()
    assert isinstance(info.value, errors.ProtocolError)
    assert server.bytes_sent < 64 << 20  # the client stopped reading long before 1 GiB


def test_a_gigabyte_reply_keeps_memory_bounded(hostile: Any, certs: Certificates) -> None:
    server = hostile(None)
    server.behaviour = server.flood(1 << 30, chunked=True)
    script = f"""
import resource, mailstore
c = mailstore.mgmt.ServerClient(host="127.0.0.1", port={server.port}, caBundle={certs.ca_file!r},
                                maxReplyBytes=32 << 20, retries=0, logLevel=0, connect=False)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    c.GetUsers()
except mailstore.errors.ReplyTooLargeError:
    print(before, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    before, after = (int(kib) / 1024 for kib in done.stdout.split())
    grew = after - before
    assert grew < 3 * 32, grew  # the 32 MiB allowed, with room for buffers; not a gigabyte


# -- 5. every failure is a MailStoreError --------------------------------------------------


def test_deeply_nested_json_is_a_protocol_error_and_keeps_the_token(
    hostile: Any, certs: Certificates
) -> None:
    deep = b"[" * 100_000 + b"]" * 100_000

    def behaviour(conn: Any, request: Any) -> None:
        if request[1].endswith("/get-status"):
            conn.sendall(response(deep))
        elif request[1].endswith("/GetUsers"):
            conn.sendall(response(deep))
        else:
            conn.sendall(response(status_body("running", token="t-deep", version=1)))

    server = hostile(behaviour)
    c = client_for(server, certs, retries=0)
    with pytest.raises(errors.ProtocolError, match="nested too deeply"):
        c.GetUsers()
    with pytest.raises(errors.ProtocolError) as info:
        c.VerifyStore(1)
    assert info.value.token == "t-deep"


@pytest.mark.parametrize(
    "option",
    [
        {"readTimeout": math.inf},
        {"readTimeout": math.nan},
        {"connectTimeout": -1},
        {"connectTimeout": 1e9},
        {"deadline": math.inf},
        {"waitTime": 10**12},
        {"poolSize": 10**9},
        {"retries": 10**6},
        {"maxReplyBytes": 0},
        {"readTimeout": "30"},
    ],
    ids=lambda o: f"{next(iter(o))}={next(iter(o.values()))!r}",
)
def test_absurd_settings_are_refused_before_anything_is_sent(
    hostile: Any, certs: Certificates, option: Any
) -> None:
    server = hostile(HostileServer.reply(status_body()))
    with pytest.raises(errors.ArgumentError, match=next(iter(option))):
        client_for(server, certs, **option)
    assert server.requests == []


def _nested(depth: int) -> Any:
    value: Any = []
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.SetSmtpSettings({"a": object()}),
        lambda c: c.SetSmtpSettings({"port": math.nan}),
        lambda c: c.SetSmtpSettings(_nested(50_000)),
        lambda c: c.VerifyStore(10**5000),
        lambda c: c.GetUserInfo(b"bytes"),
    ],
    ids=["object", "nan", "deep", "huge-int", "bytes"],
)
def test_unencodable_arguments_are_refused_before_sending(
    hostile: Any, certs: Certificates, call: Any
) -> None:
    server = hostile(HostileServer.reply(status_body()))
    c = client_for(server, certs)
    with pytest.raises(errors.ArgumentError):
        call(c)
    assert server.requests == []


@pytest.mark.parametrize(
    "host",
    [
        "admin:S3cret@archive.example.com",
        "https://archive.example.com",
        "archive.example.com/api",
        "archive example.com",
        "archive.example.com:8463",
        "",
        "bad\r\nhost",
    ],
)
def test_host_is_validated_without_echoing_user_info(host: str) -> None:
    with pytest.raises(errors.ArgumentError) as info:
        mailstore.mgmt.ServerClient(host=host, logLevel=0)
    assert "S3cret" not in str(info.value)


@pytest.mark.parametrize("host", ["archive.example.com", "10.0.0.5", "::1", "[::1]", "srv_01"])
def test_plain_host_names_and_addresses_are_accepted(host: str) -> None:
    mailstore.mgmt.ServerClient(host=host, logLevel=0, connect=False).close()


@pytest.mark.parametrize(
    "name",
    ["../get-metadata", "GetServerInfo?x=1", "invoke/GetUsers", "Get Users", "", "get-Status"],
)
def test_call_takes_function_names_and_the_low_level_endpoints_only(
    hostile: Any, certs: Certificates, name: str
) -> None:
    server = hostile(HostileServer.reply(status_body()))
    c = client_for(server, certs)
    with pytest.raises(errors.ArgumentError):
        c.call(name)
    assert server.requests == []
    assert c.call("GetServerInfo")["statusCode"] == "succeeded"
    assert server.paths() == ["/api/invoke/GetServerInfo"]


# -- 6. precedence: an explicit argument beats the environment -------------------------------


@pytest.mark.parametrize(
    "env, kw, expect",
    [
        ({"MAILSTORE_FINGERPRINT": "wrong"}, {"caBundle": "ca"}, "ca"),
        ({"MAILSTORE_CA_BUNDLE": "missing.pem"}, {"fingerprint": "pin"}, "pin"),
        ({"MAILSTORE_FINGERPRINT": "wrong"}, {"ignoreInvalidSSLCerts": True}, "none"),
        ({"MAILSTORE_FINGERPRINT": "pin"}, {}, "pin"),
        ({"MAILSTORE_CA_BUNDLE": "ca"}, {}, "ca"),
        ({"MAILSTORE_FINGERPRINT": "pin", "MAILSTORE_CA_BUNDLE": "ca"}, {}, "pin+ca"),
        ({}, {"fingerprint": "pin", "caBundle": "ca"}, "pin+ca"),
    ],
)
def test_explicit_tls_arguments_beat_the_environment(
    emu: Any, monkeypatch: pytest.MonkeyPatch, env: Any, kw: Any, expect: str
) -> None:
    values = {"wrong": "00" * 32, "pin": emu.fingerprint, "ca": emu.ca_file}
    for name, value in env.items():
        monkeypatch.setenv(name, values.get(value, value))
    args = {k: values.get(v, v) if isinstance(v, str) else v for k, v in kw.items()}
    c = mailstore.mgmt.ServerClient(host=emu.host, port=emu.port, logLevel=0, **args)
    shown = {
        "ca": (None, emu.ca_file),
        "pin": (emu.fingerprint, None),
        "pin+ca": (emu.fingerprint, emu.ca_file),
        "none": (None, None),
    }[expect]
    assert (c.fingerprint, c.caBundle) == shown
    assert c.GetServerInfo()["statusCode"] == "succeeded"


def test_explicit_connection_arguments_beat_the_environment(
    emu: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MAILSTORE_HOST", "nowhere.invalid")
    monkeypatch.setenv("MAILSTORE_PORT", "1")
    monkeypatch.setenv("MAILSTORE_USERNAME", "nobody")
    monkeypatch.setenv("MAILSTORE_PASSWORD", "wrong")
    c = mailstore.mgmt.ServerClient(**emu.client_kwargs(), logLevel=0)
    assert c.GetServerInfo()["statusCode"] == "succeeded"


# -- 7. redaction ---------------------------------------------------------------------------


def test_debug_logs_mask_every_secret_name(caplog: pytest.LogCaptureFixture) -> None:
    secrets = {
        "accessToken": "tok-AAA111",
        "bindPwd": "pwd-BBB222",
        "pin": "pin-CCC333",
        "apiKey": "key-DDD444",
        "Cookie": "cookie-EEE555",
        "clientCredential": "cred-FFF666",
        "AUTHORIZATION": "auth-GGG777",
        "passphrase": "pass-HHH888",
        "clientSecret": "sec-III999",
    }
    nested: Any = {"level": 0, **secrets}
    for depth in range(1, 40):  # deeper than redaction looks: not shown at all
        nested = {"level": depth, "inner": nested}
    recorder = RecordingTransport()
    c = mailstore.mgmt.ServerClient(logLevel=None, transport=recorder, connect=False)
    with caplog.at_level(logging.DEBUG, logger="mailstore"):
        c.SetSmtpSettings({"serverName": "smtp.example.com", "outer": secrets})
        c.call("SetDirectoryServicesConfiguration", {"config": nested})
        c.CreateUser("jdoe", password="pw-JJJ000")
    text = caplog.text
    assert "smtp.example.com" in text and "jdoe" in text  # the rest is shown
    for value in [*secrets.values(), "pw-JJJ000"]:
        assert value not in text
    assert len(recorder.sent) == 3


def test_the_transport_seam_sees_credentials_and_replayability() -> None:
    recorder = RecordingTransport()
    c = mailstore.mgmt.ServerClient(
        username="u", password="p", logLevel=0, transport=recorder, connect=False
    )
    c.GetServerInfo()
    sent = recorder.sent[0]
    assert sent["path"] == "invoke/GetServerInfo" and sent["body"] == b""
    assert sent["replayable"] is False and sent["timeout"] == 120.0
    assert sent["headers"]["Authorization"] == "Basic dTpw"
    c.GetMetadata()
    assert recorder.sent[1]["path"] == "get-metadata" and recorder.sent[1]["replayable"] is True


# -- import time: requests only where a session is involved -------------------------------


def test_importing_and_using_the_client_does_not_import_requests() -> None:
    script = (
        "import sys, mailstore\n"
        "assert 'urllib3' not in sys.modules, 'imported at import time'\n"
        "mailstore.mgmt.ServerClient(logLevel=0, connect=False).close()\n"
        "print('requests' in sys.modules)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILSTORE_")}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_ignore_invalid_certs_pins_the_first_certificate_and_accepts_a_new_one_loudly(
    tmp_path: Path, mailstore_emulator_data_dir: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """Without checks, a direct client still pins what it first saw; a renewal is logged."""
    import warnings

    from mailstore._tls import format_fingerprint
    from mailstore.emulator import Emulator

    renewed = Certificates(str(tmp_path), "renewed")
    cert_file, key_file = tmp_path / "renewed.pem", tmp_path / "renewed.key"
    renewed.cert.cert_chain_pems[0].write_to_path(str(cert_file))
    renewed.cert.private_key_pem.write_to_path(str(key_file))
    first = Emulator(data_dir=mailstore_emulator_data_dir).start()
    port = first.port
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no InsecureRequestWarning: every connection pinned
        c = mailstore.mgmt.ServerClient(
            host="127.0.0.1", port=port, ignoreInvalidSSLCerts=True, logLevel=None
        )
        first.stop()
        with Emulator(
            port=port, certfile=cert_file, keyfile=key_file, data_dir=mailstore_emulator_data_dir
        ):
            with caplog.at_level(logging.WARNING, logger="mailstore"):
                assert c.GetServerInfo()["statusCode"] == "succeeded"
    assert f"certificate of 127.0.0.1:{port} changed" in caplog.text
    assert format_fingerprint(renewed.fingerprint) in caplog.text
