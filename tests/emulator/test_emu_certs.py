"""Certificates: the default CA + leaf (created once, reused), custom and broken certificates."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import socket
import ssl
import stat
import sys
import threading
from pathlib import Path
from typing import List

import pytest
from emu_helpers import ApiClient

from mailstore.emulator import Emulator
from mailstore.emulator.certs import (
    HOME_ENV,
    default_data_dir,
    ensure_default_certificates,
    fingerprint_of,
    make_self_signed,
)


def served_certificate(srv: Emulator) -> bytes:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    with socket.create_connection(("127.0.0.1", srv.port), timeout=5) as sock:
        with context.wrap_socket(sock) as tls:
            der = tls.getpeercert(binary_form=True)
    assert der is not None
    return der


def colon_hex(der: bytes) -> str:
    digest = hashlib.sha256(der).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, 64, 2))


def test_default_certificates_are_created_once_and_reused(tmp_path: Path) -> None:
    first = ensure_default_certificates(tmp_path)
    mtime = os.path.getmtime(first.certfile)
    second = ensure_default_certificates(tmp_path)
    assert first == second and os.path.getmtime(second.certfile) == mtime
    with Emulator(data_dir=tmp_path) as a, Emulator(data_dir=tmp_path) as b:
        assert a.fingerprint == b.fingerprint == fingerprint_of(first.certfile)
        assert a.ca_file == first.ca_file


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_private_key_is_only_readable_by_the_owner(mailstore_emulator_data_dir: Path) -> None:
    certs = ensure_default_certificates(mailstore_emulator_data_dir)
    assert stat.S_IMODE(os.stat(certs.keyfile).st_mode) == 0o600


def test_leaf_verifies_strictly_against_the_ca(srv: Emulator) -> None:
    context = ssl.create_default_context(cafile=srv.ca_file)
    context.verify_flags |= ssl.VERIFY_X509_STRICT  # Python 3.13's default
    for host in ("127.0.0.1", "localhost"):
        with socket.create_connection(("127.0.0.1", srv.port), timeout=5) as sock:
            with context.wrap_socket(sock, server_hostname=host) as tls:
                assert tls.version() in ("TLSv1.2", "TLSv1.3")


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_tls_below_1_2_is_refused(srv: Emulator) -> None:
    context = ssl.create_default_context(cafile=srv.ca_file)
    try:
        context.maximum_version = ssl.TLSVersion.TLSv1_1
        context.minimum_version = ssl.TLSVersion.TLSv1
    except (ValueError, ssl.SSLError):
        pytest.skip("this OpenSSL cannot even offer TLS 1.1")
    with socket.create_connection(("127.0.0.1", srv.port), timeout=5) as sock:
        with pytest.raises((ssl.SSLError, OSError)):
            context.wrap_socket(sock, server_hostname="127.0.0.1")


def test_fingerprint_is_the_sha256_of_the_served_certificate(srv: Emulator) -> None:
    assert srv.fingerprint == colon_hex(served_certificate(srv))
    assert len(srv.fingerprint) == 95 and srv.fingerprint == srv.fingerprint.upper()


def test_concurrent_creation_gives_one_consistent_set(tmp_path: Path) -> None:
    results: List[object] = []
    errors: List[BaseException] = []

    def create() -> None:
        try:
            results.append(ensure_default_certificates(tmp_path))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=create) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(set(results)) == 1
    certs = ensure_default_certificates(tmp_path)
    context = ssl.create_default_context(cafile=certs.ca_file)
    context.load_cert_chain(certs.certfile, certs.keyfile)  # key matches the certificate
    assert [p.name for p in tmp_path.iterdir()] == ["certs"]  # no leftovers


def test_data_dir_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(HOME_ENV, str(tmp_path / "home"))
    assert default_data_dir() == tmp_path / "home"
    monkeypatch.delenv(HOME_ENV)
    if sys.platform != "win32":
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
        assert default_data_dir() == tmp_path / "xdg" / "mailstore-emulator"


def test_custom_self_signed_certificate(tmp_path: Path) -> None:
    certfile, keyfile = make_self_signed(tmp_path, ["localhost", "127.0.0.1"])
    with Emulator(certfile=certfile, keyfile=keyfile) as srv:
        assert srv.ca_file is None
        assert srv.fingerprint == fingerprint_of(certfile) == colon_hex(served_certificate(srv))
        # Trusting the self-signed certificate itself works ...
        context = ssl.create_default_context(cafile=certfile)
        with socket.create_connection(("127.0.0.1", srv.port), timeout=5) as sock:
            with context.wrap_socket(sock, server_hostname="127.0.0.1"):
                pass
        # ... the system trust store does not know it.
        with socket.create_connection(("127.0.0.1", srv.port), timeout=5) as sock:
            with pytest.raises(ssl.SSLCertVerificationError):
                ssl.create_default_context().wrap_socket(sock, server_hostname="127.0.0.1")


def test_expired_certificate_fails_verification(tmp_path: Path) -> None:
    now = dt.datetime.now(dt.timezone.utc)
    certfile, keyfile = make_self_signed(
        tmp_path, ["127.0.0.1"], not_before=now - dt.timedelta(days=400),
        not_after=now - dt.timedelta(days=1), name="expired",
    )  # fmt: skip
    with Emulator(certfile=certfile, keyfile=keyfile, cafile=certfile) as srv:
        context = ssl.create_default_context(cafile=certfile)
        with socket.create_connection(("127.0.0.1", srv.port), timeout=5) as sock:
            with pytest.raises(ssl.SSLCertVerificationError, match="expired"):
                context.wrap_socket(sock, server_hostname="127.0.0.1")
        assert srv.ca_file == certfile


def test_trustme_certificate_for_another_host(tmp_path: Path) -> None:
    trustme = pytest.importorskip("trustme")
    ca = trustme.CA()
    leaf = ca.issue_cert("wrong.example")
    certfile, cafile = tmp_path / "leaf.pem", tmp_path / "ca.pem"
    leaf.private_key_and_cert_chain_pem.write_to_path(str(certfile))
    ca.cert_pem.write_to_path(str(cafile))
    with Emulator(certfile=certfile, cafile=cafile) as srv:
        context = ssl.create_default_context(cafile=str(cafile))
        with socket.create_connection(("127.0.0.1", srv.port), timeout=5) as sock:
            with pytest.raises(ssl.SSLCertVerificationError, match="match|mismatch"):
                context.wrap_socket(sock, server_hostname="127.0.0.1")
        client = ApiClient(srv)
        client.context.check_hostname = False
        client.conn = client._connect()
        assert client.ok("GetServerInfo")["version"]
        client.close()
