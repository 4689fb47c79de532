"""How the client checks the server's certificate, and what to say when the check fails.

A :class:`Trust` is one of four modes: the system's CA store (default), a CA bundle
file, a pinned SHA-256 fingerprint (optionally on top of a CA bundle), or no check at
all (``ignoreInvalidSSLCerts``). Both transports read it: the urllib3 one as
connection-pool settings, the one over a caller's ``requests.Session`` as ``verify=``.
"""

from __future__ import annotations

import hashlib
import socket
import ssl
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple

# OpenSSL texts of a failed version negotiation (server too old, or not TLS at all).
_VERSION_FAILURES = ("protocol version", "unsupported protocol", "wrong version number")
# OpenSSL verification codes (X509_V_ERR_*).
_EXPIRED = 10
_NAME_MISMATCH = (62, 64)  # host name, IP address


def normalize_fingerprint(fingerprint: str) -> str:
    """Return a SHA-256 fingerprint as 64 lowercase hex digits, or raise ValueError."""
    digits = fingerprint.replace(":", "").replace(" ", "").lower()
    if len(digits) != 64 or any(c not in "0123456789abcdef" for c in digits):
        raise ValueError(
            "fingerprint must be the certificate's SHA-256 fingerprint: 64 hex digits, "
            "with or without colons (e.g. 'AB:CD:...'); SHA-1 thumbprints are not accepted"
        )
    return digits


def format_fingerprint(digits: str) -> str:
    """Format hex digits as uppercase pairs joined by colons."""
    digits = digits.upper()
    return ":".join(digits[i : i + 2] for i in range(0, len(digits), 2))


@dataclass(frozen=True)
class Trust:
    """What makes a server certificate acceptable.

    ``verify``: the chain must lead to a trusted CA and name the host;
    ``ca_file``: the CAs to trust (None: the system's store);
    ``pin``: the certificate's SHA-256 fingerprint (64 hex digits), checked in any mode.
    """

    verify: bool = True
    ca_file: Optional[str] = None
    pin: Optional[str] = None

    @property
    def checked(self) -> bool:
        """Whether the certificate is checked at all."""
        return self.verify or self.pin is not None

    def describe(self) -> str:
        """A short text for messages: how the certificate is checked."""
        if self.pin:
            extra = f" and the CAs in {self.ca_file}" if self.verify and self.ca_file else ""
            return f"pinned fingerprint {format_fingerprint(self.pin)}{extra}"
        if not self.verify:
            return "no certificate check (ignoreInvalidSSLCerts)"
        return f"the CAs in {self.ca_file}" if self.ca_file else "the system's CA store"

    def pool_settings(self) -> Dict[str, Any]:
        """Keyword arguments for urllib3's HTTPS connection pools."""
        settings: Dict[str, Any] = {"ssl_minimum_version": ssl.TLSVersion.TLSv1_2}
        if self.verify and not self.pin:
            settings["cert_reqs"] = "CERT_REQUIRED"
        elif self.verify:  # a pin on top of a CA: the chain is checked, the pin names the host
            settings["cert_reqs"] = "CERT_REQUIRED"
            settings["assert_hostname"] = False
        else:
            settings["cert_reqs"] = "CERT_NONE"
            settings["assert_hostname"] = False
        if self.ca_file:
            settings["ca_certs"] = self.ca_file
        if self.pin:
            settings["assert_fingerprint"] = self.pin
        return settings

    def session_verify(self) -> Optional[Any]:
        """``verify=`` for a caller's requests.Session (None: the session's own setting)."""
        if not self.verify:
            return False
        return self.ca_file  # None when the system store is meant: the session decides


def _peer_certificate(
    host: str, port: int, timeout: float, trust: Optional[Trust]
) -> Tuple[bytes, Dict[str, Any]]:
    """Connect directly; return the server's certificate as DER and, if checked, parsed."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.minimum_version = ssl.TLSVersion.TLSv1_2  # as the client's own connections
    context.check_hostname = False
    if trust is None:
        context.verify_mode = ssl.CERT_NONE
    elif trust.ca_file:
        context.load_verify_locations(trust.ca_file)
    else:
        context.load_default_certs()
    with socket.create_connection((host, port), timeout=timeout) as raw:
        with context.wrap_socket(raw, server_hostname=host) as tls:
            return tls.getpeercert(binary_form=True) or b"", tls.getpeercert() or {}


def peer_fingerprint(host: str, port: int, timeout: float) -> str:
    """The SHA-256 fingerprint (hex digits) of the certificate the server presents.

    Raises OSError (ssl.SSLError included) when no TLS connection can be made.
    """
    der, _ = _peer_certificate(host, port, timeout, None)
    return hashlib.sha256(der).hexdigest()


def presented_fingerprint(host: str, port: int, timeout: float) -> Optional[str]:
    """The server certificate's fingerprint for messages (None if it cannot be had)."""
    try:
        return format_fingerprint(peer_fingerprint(host, port, timeout))
    except (OSError, ValueError):
        return None


def certificate_names(host: str, port: int, timeout: float, trust: Trust) -> List[str]:
    """The host names and addresses in the server's certificate, if ``trust`` accepts its chain."""
    try:
        _, parsed = _peer_certificate(host, port, timeout, trust)
    except (OSError, ValueError):
        return []
    entries: Any = parsed.get("subjectAltName", ())
    return [str(value) for kind, value in entries if kind in ("DNS", "IP Address")]


@dataclass(frozen=True)
class Advice:
    """A failed handshake explained: what went wrong, and what to do in Python and on the CLI."""

    problem: str
    hint: str
    cli_hint: Optional[str] = None


def explain_failure(
    reason: BaseException,
    *,
    function: str,
    host: str,
    port: int,
    trust: Trust,
    probe_timeout: Optional[float],
) -> Advice:
    """Explain a TLS failure; ``probe_timeout`` None means the server cannot be probed directly."""
    where = f"{host}:{port}"
    text = plain(reason)
    if any(s in text.lower() for s in _VERSION_FAILURES):
        return Advice(
            f"{function}: no TLS 1.2 or newer connection with {where} ({text}). The client "
            "refuses older TLS versions.",
            "Enable TLS 1.2/1.3 on the server, and check that host and port are the API's HTTPS "
            "port (Server: 8463, SPE: 8474).",
        )
    presented = None
    if probe_timeout is not None:
        presented = presented_fingerprint(host, port, probe_timeout)
    shows = f" The server presents SHA-256 fingerprint {presented}." if presented else ""
    if trust.pin and "fingerprint" in text.lower():
        return Advice(
            f"{function}: the certificate of {where} does not match the pinned fingerprint "
            f"{format_fingerprint(trust.pin)}.{shows}",
            "If the server's certificate was changed on purpose, check the new fingerprint on "
            "the server and pin it.",
        )
    code = getattr(reason, "verify_code", None)
    if code in _NAME_MISMATCH or "doesn't match" in text or "mismatch" in text.lower():
        names = []
        if probe_timeout is not None:
            names = certificate_names(host, port, probe_timeout, trust)
        held = ", ".join(names) if names else "other names"
        first = names[0] if names else "<a name in the certificate>"
        return Advice(
            f"{function}: the certificate of {where} is issued for {held}, not for {host!r} "
            f"({text})." + shows,
            f"Connect by a name the certificate holds (host={first!r}), or pin the "
            "certificate: fingerprint='<SHA-256 fingerprint>'.",
            f"Connect by a name the certificate holds (--host {first}), or pin the "
            "certificate: --fingerprint <SHA-256 fingerprint>.",
        )
    if code == _EXPIRED or "expired" in text.lower():
        return Advice(
            f"{function}: the certificate of {where} has expired ({text}).{shows}",
            "Renew the certificate on the server; until then, pinning its fingerprint "
            "(fingerprint='<SHA-256 fingerprint>') accepts it.",
            "Renew the certificate on the server; until then, pinning its fingerprint "
            "(--fingerprint <SHA-256 fingerprint>) accepts it.",
        )
    ways = (
        "Ways out: (1) pin the certificate: {pin} (compare it with the certificate on the server "
        "first); (2) trust the CA that issued it: {ca}; (3) switch verification off for this "
        "client: {off} (not recommended)."
    )
    if trust.ca_file:
        ways = (
            "The certificate is not issued by a CA in {bundle}. Ways out: (1) pin the "
            "certificate: {pin}; (2) add the issuing CA to that file."
        )
    python = dict(
        pin="fingerprint='<SHA-256 fingerprint>'",
        ca="caBundle='/path/to/ca.pem'",
        off="ignoreInvalidSSLCerts=True",
        bundle=repr(trust.ca_file),
    )
    cli = dict(
        pin="--fingerprint <SHA-256 fingerprint>",
        ca="--ca-file /path/to/ca.pem",
        off="--insecure",
        bundle=repr(trust.ca_file),
    )
    return Advice(
        f"{function}: the TLS certificate of {where} could not be verified ({text}).{shows}",
        ways.format(**python),
        ways.format(**cli),
    )


def plain(reason: BaseException) -> str:
    """The text of an exception, without urllib3's '<object at 0x...>: ' prefix."""
    text = str(reason) or type(reason).__name__
    return text.split(": ", 1)[-1] if text.startswith("<") else text
