"""TLS certificates for the emulator.

By default the emulator serves a leaf certificate signed by a small private CA that is created
once per user and kept in a data folder (see :func:`default_data_dir`).  Clients trust the
emulator by passing the CA file (``ca.pem``) as their CA bundle or by pinning the leaf
certificate's SHA-256 fingerprint.

``cryptography`` is imported lazily, inside the functions that need it, so that importing this
module (and the pytest plugin) stays cheap.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import ipaddress
import os
import shutil
import socket
import ssl
import sys
import tempfile
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, List, NamedTuple, Optional, Sequence, Tuple, Union

if TYPE_CHECKING:  # pragma: no cover - typing only
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import rsa

PathLike = Union[str, "os.PathLike[str]"]

#: Environment variable that overrides the per-user data folder.
HOME_ENV = "MAILSTORE_EMULATOR_HOME"

_CERT_DIR_NAME = "certs"
_LEAF_DAYS = 825
_CA_DAYS = 3650
_RENEW_BEFORE = _dt.timedelta(days=30)


class CertificateSet(NamedTuple):
    """Paths of the emulator's default certificates."""

    ca_file: str
    certfile: str
    keyfile: str


def default_data_dir() -> Path:
    """Return the per-user folder in which the emulator keeps its certificates."""
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "mailstore-emulator"
    xdg = os.environ.get("XDG_DATA_HOME")
    base_path = Path(xdg) if xdg else Path.home() / ".local" / "share"
    return base_path / "mailstore-emulator"


def default_hostnames() -> List[str]:
    """Names the default leaf certificate is valid for."""
    names = ["localhost", "127.0.0.1", "::1"]
    try:
        host = socket.gethostname()
    except OSError:  # pragma: no cover - exotic platforms
        host = ""
    for candidate in (host, host.split(".")[0] if host else ""):
        if candidate and candidate not in names:
            names.append(candidate)
    return names


def fingerprint_of(certfile: PathLike) -> str:
    """SHA-256 fingerprint of the first certificate in a PEM file, as ``AB:CD:...``."""
    with open(certfile, encoding="ascii") as f:
        pem = f.read()
    begin, end = "-----BEGIN CERTIFICATE-----", "-----END CERTIFICATE-----"
    start = pem.index(begin)  # the file may start with the private key
    first = pem[start : pem.index(end, start) + len(end)]
    der = ssl.PEM_cert_to_DER_cert(first)
    return format_fingerprint(hashlib.sha256(der).hexdigest())


def format_fingerprint(hex_digest: str) -> str:
    """Format a hex digest as uppercase pairs joined by colons."""
    h = hex_digest.upper()
    return ":".join(h[i : i + 2] for i in range(0, len(h), 2))


def ensure_default_certificates(data_dir: Optional[PathLike] = None) -> CertificateSet:
    """Return the default CA and leaf certificate, creating them on first use.

    The files live in ``<data_dir>/certs``.  They are generated in a temporary folder that is
    then renamed into place, so two processes racing to create them end up sharing one
    consistent set.  A leaf certificate that expires within 30 days is replaced.
    """
    base = Path(data_dir) if data_dir is not None else default_data_dir()
    target = base / _CERT_DIR_NAME
    current = _existing_set(target)
    if current is not None:
        return current
    base.mkdir(parents=True, exist_ok=True)
    if target.exists():
        _retire(target)
    staging = Path(tempfile.mkdtemp(prefix=".certs-", dir=str(base)))
    try:
        make_ca_and_leaf(staging, default_hostnames())
        try:
            os.rename(staging, target)
        except OSError:
            pass  # another process won the race; use its files
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    result = _existing_set(target)
    if result is None:  # pragma: no cover - only if the winner's files are broken
        raise RuntimeError(f"could not create emulator certificates in {target}")
    return result


def _existing_set(folder: Path) -> Optional[CertificateSet]:
    paths = CertificateSet(
        str(folder / "ca.pem"), str(folder / "server.pem"), str(folder / "server.key")
    )
    if not all(os.path.isfile(p) for p in paths):
        return None
    try:
        not_after = _not_after(paths.certfile)
    except (OSError, ValueError):
        return None
    if not_after - _RENEW_BEFORE < _dt.datetime.now(_dt.timezone.utc):
        return None
    return paths


def _retire(folder: Path) -> None:
    """Move an outdated certificate folder out of the way (best effort)."""
    aside = folder.with_name(f".certs-old-{uuid.uuid4().hex}")
    try:
        os.rename(folder, aside)
    except OSError:
        return
    shutil.rmtree(aside, ignore_errors=True)


def _not_after(certfile: str) -> _dt.datetime:
    from cryptography import x509

    with open(certfile, "rb") as f:
        cert = x509.load_pem_x509_certificate(f.read())
    value = getattr(cert, "not_valid_after_utc", None)
    if value is None:  # cryptography < 42
        value = cert.not_valid_after.replace(tzinfo=_dt.timezone.utc)
    result: _dt.datetime = value
    return result


def make_ca_and_leaf(path_dir: PathLike, hostnames: Sequence[str]) -> Tuple[str, str, str]:
    """Create ``ca.pem``, ``server.pem`` and ``server.key`` in ``path_dir``.

    The CA's private key is not kept: it is only needed once to sign the leaf.  Returns
    ``(ca_file, certfile, keyfile)``.
    """
    from cryptography import x509
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    folder = Path(path_dir)
    folder.mkdir(parents=True, exist_ok=True)
    now = _dt.datetime.now(_dt.timezone.utc) - _dt.timedelta(minutes=5)
    ca_key = _new_key()
    ca_name = _name(f"MailStore Emulator Local CA {uuid.uuid4().hex[:8]}")
    ca_ski = x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key())
    ca_cert = (
        _builder(ca_name, ca_name, ca_key, now, now + _dt.timedelta(days=_CA_DAYS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(ca=True), critical=True)
        .add_extension(ca_ski, critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski),
            critical=False,
        )
        .sign(ca_key, _sha256())
    )
    leaf_key = _new_key()
    leaf_name = x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "MailStore Emulator"),
            x509.NameAttribute(NameOID.COMMON_NAME, hostnames[0] if hostnames else "localhost"),
        ]
    )
    leaf_cert = (
        _builder(leaf_name, ca_name, leaf_key, now, now + _dt.timedelta(days=_LEAF_DAYS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(ca=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(_san(hostnames), critical=False)
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(leaf_key.public_key()), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski),
            critical=False,
        )
        .sign(ca_key, _sha256())
    )
    ca_file = folder / "ca.pem"
    certfile = folder / "server.pem"
    keyfile = folder / "server.key"
    _write(ca_file, _cert_pem(ca_cert), private=False)
    _write(certfile, _cert_pem(leaf_cert), private=False)
    _write(keyfile, _key_pem(leaf_key), private=True)
    return str(ca_file), str(certfile), str(keyfile)


def make_self_signed(
    path_dir: PathLike,
    hostnames: Iterable[str] = ("localhost", "127.0.0.1"),
    not_before: Optional[_dt.datetime] = None,
    not_after: Optional[_dt.datetime] = None,
    *,
    name: str = "selfsigned",
) -> Tuple[str, str]:
    """Create a self-signed server certificate, like the one MailStore Server generates.

    ``not_before``/``not_after`` allow expired or not-yet-valid certificates for tests.
    Returns ``(certfile, keyfile)`` (``<name>.pem`` and ``<name>.key`` in ``path_dir``).
    """
    from cryptography import x509
    from cryptography.x509.oid import ExtendedKeyUsageOID

    names = list(hostnames) or ["localhost"]
    folder = Path(path_dir)
    folder.mkdir(parents=True, exist_ok=True)
    now = _dt.datetime.now(_dt.timezone.utc)
    start = not_before or now - _dt.timedelta(minutes=5)
    end = not_after or start + _dt.timedelta(days=_LEAF_DAYS)
    key = _new_key()
    subject = _name(names[0])
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    cert = (
        _builder(subject, subject, key, start, end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(ca=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(_san(names), critical=False)
        .add_extension(ski, critical=False)
        .sign(key, _sha256())
    )
    certfile = folder / f"{name}.pem"
    keyfile = folder / f"{name}.key"
    _write(certfile, _cert_pem(cert), private=False)
    _write(keyfile, _key_pem(key), private=True)
    return str(certfile), str(keyfile)


# -- small building blocks ---------------------------------------------------------------


def _new_key() -> rsa.RSAPrivateKey:
    from cryptography.hazmat.primitives.asymmetric import rsa

    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _sha256() -> hashes.SHA256:
    from cryptography.hazmat.primitives import hashes

    return hashes.SHA256()


def _name(common_name: str) -> x509.Name:
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _builder(
    subject: x509.Name,
    issuer: x509.Name,
    key: rsa.RSAPrivateKey,
    start: _dt.datetime,
    end: _dt.datetime,
) -> x509.CertificateBuilder:
    from cryptography import x509

    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
    )


def _key_usage(*, ca: bool) -> x509.KeyUsage:
    from cryptography import x509

    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=False,
        key_encipherment=not ca,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


def _san(hostnames: Iterable[str]) -> x509.SubjectAlternativeName:
    from cryptography import x509

    entries: List[x509.GeneralName] = []
    for host in hostnames:
        try:
            entries.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            entries.append(x509.DNSName(host))
    return x509.SubjectAlternativeName(entries)


def _cert_pem(cert: x509.Certificate) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return cert.public_bytes(serialization.Encoding.PEM)


def _key_pem(key: rsa.RSAPrivateKey) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )


def _write(path: Path, data: bytes, *, private: bool) -> None:
    """Write ``data`` to ``path`` atomically (temp file + rename); keys get mode 0600."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", dir=str(path.parent))
    try:
        if private:
            os.chmod(tmp, 0o600)
        else:
            os.chmod(tmp, 0o644)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
