"""TLS: expired, wrong-host and untrusted certificates, pinning, and TLS < 1.2 refused."""

from __future__ import annotations

import datetime as dt
import socket
import ssl
import threading
import warnings
from pathlib import Path
from typing import Any, Iterator, List, Tuple

import pytest

import mailstore
from mailstore import errors
from mailstore.emulator import Emulator
from mailstore.emulator.certs import fingerprint_of, make_self_signed

NOW = dt.datetime.now(dt.timezone.utc)
WAYS_OUT = ("fingerprint=", "caBundle=", "ignoreInvalidSSLCerts=True")


def serve(
    tmp: Path, mailstore_emulator_data_dir: str, hosts: List[str], **validity: Any
) -> Emulator:
    cert, key = make_self_signed(str(tmp), hosts, **validity)
    return Emulator(certfile=cert, keyfile=key, cafile=cert, data_dir=mailstore_emulator_data_dir)


def client(emu: Emulator, **kw: Any) -> Any:
    kw.setdefault("logLevel", 0)
    return mailstore.mgmt.ServerClient(host="127.0.0.1", port=emu.port, **kw)


def test_expired_certificate_is_refused(tmp_path: Path, mailstore_emulator_data_dir: str) -> None:
    validity = {"not_before": NOW - dt.timedelta(days=400), "not_after": NOW - dt.timedelta(days=1)}
    with serve(
        tmp_path, mailstore_emulator_data_dir, ["127.0.0.1", "localhost"], **validity
    ) as emu:
        with pytest.raises(errors.TLSError) as info:
            client(emu, caBundle=emu.ca_file).GetServerInfo()
        assert "expired" in str(info.value)
        assert emu.fingerprint in str(info.value)
        assert emu.stats.requests == 0
        # A pin trusts that one certificate as it is (expiry included), like ignoring checks.
        assert client(emu, fingerprint=emu.fingerprint).GetServerInfo()["statusCode"] == "succeeded"


def test_wrong_host_name_is_refused(tmp_path: Path, mailstore_emulator_data_dir: str) -> None:
    with serve(tmp_path, mailstore_emulator_data_dir, ["archive.example.com"]) as emu:
        with pytest.raises(errors.TLSError) as info:
            client(emu, caBundle=emu.ca_file).GetServerInfo()
        text = str(info.value)
        assert "127.0.0.1" in text and ("match" in text or "mismatch" in text), text
        # The fix is the name, not another CA: say which names the certificate holds.
        assert "issued for archive.example.com, not for '127.0.0.1'" in text, text
        assert "Connect by a name the certificate holds (host='archive.example.com')" in text
        assert "caBundle=" not in text
        assert info.value.cli_hint and "--host archive.example.com" in info.value.cli_hint
        assert emu.stats.requests == 0
        # Pinning checks the certificate itself, not the name it was issued for.
        assert client(emu, fingerprint=emu.fingerprint).GetServerInfo()["statusCode"] == "succeeded"


def test_untrusted_self_signed_is_refused_with_the_ways_out(
    tmp_path: Path, mailstore_emulator_data_dir: str
) -> None:
    with serve(tmp_path, mailstore_emulator_data_dir, ["127.0.0.1", "localhost"]) as emu:
        with pytest.raises(errors.TLSError) as info:
            client(emu).GetServerInfo()
        text = str(info.value)
        assert all(way in text for way in WAYS_OUT) and emu.fingerprint in text
        assert emu.stats.requests == 0


def test_good_and_bad_pins(tmp_path: Path, mailstore_emulator_data_dir: str) -> None:
    with serve(tmp_path, mailstore_emulator_data_dir, ["MAILSTORE01"]) as emu:
        pin = fingerprint_of(emu.certfile)
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # pinning needs no InsecureRequestWarning
            for form in (pin, pin.replace(":", "").lower(), pin.replace(":", " ")):
                assert client(emu, fingerprint=form).GetServerInfo()["statusCode"] == "succeeded"
        served = emu.stats.requests
        flipped = ("00" if pin[:2] != "00" else "11") + pin[2:]
        with pytest.raises(errors.TLSError) as info:
            client(emu, fingerprint=flipped).GetServerInfo()
        assert "does not match" in str(info.value) and pin in str(info.value)
        assert emu.stats.requests == served  # nothing (no credentials) went to that server
        # A pin wins over ignoreInvalidSSLCerts: the certificate is still checked.
        with pytest.raises(errors.TLSError):
            client(emu, fingerprint=flipped, ignoreInvalidSSLCerts=True).GetServerInfo()


# -- TLS older than 1.2 ---------------------------------------------------------------------


@pytest.fixture
def tls11_server(tmp_path: Path) -> Iterator[Tuple[int, str, List[str]]]:
    """A bare TLS server that speaks at most TLS 1.1 (and answers one JSON envelope)."""
    cert, key = make_self_signed(str(tmp_path), ["127.0.0.1", "localhost"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # TLSVersion.TLSv1/TLSv1_1
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.minimum_version = ssl.TLSVersion.TLSv1
        context.maximum_version = ssl.TLSVersion.TLSv1_1
    context.set_ciphers("DEFAULT:@SECLEVEL=0")
    context.load_cert_chain(cert, key)
    listener = socket.create_server(("127.0.0.1", 0))
    handshakes: List[str] = []
    body = b'{"error":null,"token":null,"statusVersion":2,"statusCode":"succeeded","result":{}}'
    reply = b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s" % (
        len(body),
        body,
    )

    def run() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            conn.settimeout(5)
            try:
                with context.wrap_socket(conn, server_side=True) as tls:
                    handshakes.append(str(tls.version()))
                    tls.recv(65536)
                    tls.sendall(reply)
            except (OSError, ssl.SSLError) as exc:
                handshakes.append(f"refused: {exc}")
            finally:
                conn.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    yield listener.getsockname()[1], fingerprint_of(cert), handshakes
    try:
        listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept()
    except OSError:
        pass
    listener.close()
    thread.join(5)


def tls11_works_here(port: int) -> bool:
    """Whether this machine's OpenSSL can speak TLS 1.1 at all (else the test proves nothing)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.minimum_version = ssl.TLSVersion.TLSv1_1
        context.maximum_version = ssl.TLSVersion.TLSv1_1
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    context.set_ciphers("DEFAULT:@SECLEVEL=0")
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
            with context.wrap_socket(raw) as tls:
                ok = tls.version() == "TLSv1.1"
                tls.sendall(b"POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n")
                tls.recv(65536)
                return ok
    except (OSError, ssl.SSLError):
        return False


@pytest.mark.parametrize(
    "trust", ["fingerprint", "ignoreInvalidSSLCerts", "caBundle"], ids=lambda t: t
)
def test_tls_below_1_2_is_refused(tls11_server: Tuple[int, str, List[str]], trust: str) -> None:
    port, pin, handshakes = tls11_server
    if not tls11_works_here(port):
        pytest.skip("this OpenSSL cannot speak TLS 1.1, so refusing it proves nothing")
    assert handshakes[-1] == "TLSv1.1"  # the server really speaks TLS 1.1
    options = {
        "fingerprint": {"fingerprint": pin},
        "ignoreInvalidSSLCerts": {"ignoreInvalidSSLCerts": True},
        "caBundle": {},
    }[trust]
    with pytest.raises(errors.TLSError) as info:
        mailstore.mgmt.ServerClient(port=port, logLevel=0, retries=0, **options)
    text = str(info.value)
    assert "TLS 1.2" in text, text  # says what is wrong, not "pin the certificate"
    assert all(h.startswith("refused") for h in handshakes[1:]), handshakes
