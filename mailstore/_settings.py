"""Constructor arguments checked and resolved, before anything is sent.

Every value a client is built with passes through here: bad types, non-finite or
absurd numbers and malformed host names raise ArgumentError at once. Arguments left
at their defaults may come from the environment; an argument given explicitly always
wins over every ``MAILSTORE_*`` variable (for TLS: any explicit ``fingerprint``,
``caBundle`` or ``ignoreInvalidSSLCerts=True`` makes the TLS variables ignored).
"""

from __future__ import annotations

import ipaddress
import math
import os
import re
from typing import Any, Optional

from ._tls import Trust, normalize_fingerprint
from .errors import ArgumentError


class EnvDefault(str):
    """A default that an environment variable may replace (shown as the plain value)."""

    __slots__ = ()


class EnvPort(int):
    """A default port that an environment variable may replace."""

    __slots__ = ()


USERNAME = EnvDefault("admin")
PASSWORD = EnvDefault("admin")
HOST = EnvDefault("127.0.0.1")
SERVER_PORT = EnvPort(8463)
SPE_PORT = EnvPort(8474)

# Upper bounds: larger values are mistakes (or overflow the operating system's timers).
MAX_CONNECT_TIMEOUT = 600.0
MAX_READ_TIMEOUT = 86400.0
MAX_DEADLINE = 30 * 86400.0
MAX_WAIT_MS = 3600 * 1000
MAX_POOL_SIZE = 1000
MAX_RETRIES = 100

_HOST_NAME = re.compile(r"^[^\s/\\?#@:\[\]%\x00-\x1f\x7f]+$")


def from_env(value: Any, variable: str) -> Any:
    """Replace a default marker by the environment variable, if that is set."""
    if isinstance(value, (EnvDefault, EnvPort)):
        env = os.environ.get(variable)
        if env:
            return env
        return str(value) if isinstance(value, str) else int(value)
    return value


def flag(value: Any, name: str) -> bool:
    """Read a yes/no option, also from the strings "True"/"False" that old scripts pass."""
    if isinstance(value, str):
        text = value.strip().lower()
        if text in ("1", "true", "yes", "on"):
            return True
        if text in ("", "0", "false", "no", "off"):
            return False
        raise ArgumentError(f"{name} must be True or False, not {value!r}")
    return bool(value)


def port(value: Any) -> int:
    """A TCP port number from an int or a digit string."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = -1
    if isinstance(value, bool) or not 0 < number < 65536:
        raise ArgumentError(f"port must be a number from 1 to 65535, not {value!r}")
    return number


def seconds(value: Any, name: str, upper: float) -> float:
    """A positive, finite number of seconds no larger than ``upper``."""
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not math.isfinite(value)
        or not 0 < value <= upper
    ):
        raise ArgumentError(
            f"{name} must be a number of seconds above 0 and at most {upper:g}, not {value!r}"
        )
    return float(value)


def whole(value: Any, name: str, lower: int, upper: int, unit: str = "") -> int:
    """A whole number from ``lower`` to ``upper``."""
    if isinstance(value, bool) or not isinstance(value, int) or not lower <= value <= upper:
        raise ArgumentError(
            f"{name} must be a whole number{unit} from {lower} to {upper}, not {value!r}"
        )
    return value


def host(value: Any) -> str:
    """A host name or IP address: no scheme, path, user info, port or spaces.

    The message of a rejected value never repeats what stands before an ``@``
    (user info may hold a password).
    """
    text = str(value).strip() if isinstance(value, str) else None
    if not text:
        raise ArgumentError("host must be a non-empty host name or IP address")
    shown = repr(text.rsplit("@", 1)[-1]) if "@" in text else repr(text)
    if "@" in text:
        raise ArgumentError(
            f"host must be a host name or IP address without user info (got '...@' + {shown}); "
            "give username= and password= separately"
        )
    if "://" in text or "/" in text:
        raise ArgumentError(
            f"host must be a bare host name or IP address, not a URL ({shown}); "
            "e.g. host='archive.example.com', port=8463"
        )
    bare = text[1:-1] if text.startswith("[") and text.endswith("]") else text
    try:
        return str(ipaddress.ip_address(bare))
    except ValueError:
        pass
    if not _HOST_NAME.match(text) or text.startswith(("-", ".")) or ".." in text:
        raise ArgumentError(
            f"host {shown} is not a valid host name or IP address (a port goes in port=)"
        )
    return text


def trust(
    *,
    fingerprint: Optional[str],
    ca_bundle: Optional[str],
    ignore_invalid: bool,
) -> Trust:
    """How to check the server's certificate, from explicit arguments or else the environment."""
    if not (fingerprint or ca_bundle or ignore_invalid):
        fingerprint = os.environ.get("MAILSTORE_FINGERPRINT") or None
        ca_bundle = os.environ.get("MAILSTORE_CA_BUNDLE") or None
        where = "MAILSTORE_FINGERPRINT", "MAILSTORE_CA_BUNDLE"
    else:
        where = "fingerprint", "caBundle"
    pin = None
    if fingerprint:
        try:
            pin = normalize_fingerprint(fingerprint)
        except ValueError as exc:
            raise ArgumentError(f"{where[0]}: {exc}") from None
    if ca_bundle and not os.path.isfile(ca_bundle):
        fix = f"Give {where[1]} the path of a PEM file."
        raise ArgumentError(
            f"the CA bundle {ca_bundle!r} does not exist.",
            hint=fix,
            cli_hint=fix.replace("caBundle", "--ca-file"),
        )
    if pin:
        return Trust(verify=bool(ca_bundle), ca_file=ca_bundle, pin=pin)
    if ca_bundle:
        return Trust(verify=True, ca_file=ca_bundle)
    return Trust(verify=not ignore_invalid)
