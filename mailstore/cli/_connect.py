"""The client the commands talk through, made from the connection options."""

from __future__ import annotations

import argparse
import os
from typing import Any, Dict

from ._prompt import ask_secret

# option -> keyword of the client; the library reads MAILSTORE_* for what is not given
_KEYWORDS = (
    ("host", "host"),
    ("port", "port"),
    ("user", "username"),
    ("fingerprint", "fingerprint"),
    ("ca_file", "caBundle"),
    ("deadline", "deadline"),
    ("record", "record"),
    ("anonymize", "anonymize"),
)


def kind(options: argparse.Namespace) -> str:
    """The catalog the options choose: "spe" or "server"."""
    return "spe" if options.spe else "server"


def client_class(options: argparse.Namespace) -> Any:
    """SPEClient with --spe, else ServerClient (imported only when needed)."""
    from ..mgmt import ServerClient, SPEClient

    return SPEClient if options.spe else ServerClient


def connect(options: argparse.Namespace, **extra: Any) -> Any:
    """Create the client; ``extra`` are more keywords.

    The client is made without contacting the server: each command's own first
    request tells whether the server answers (``check`` does it step by step).
    """
    kwargs: Dict[str, Any] = {"logLevel": None, "connect": False, **extra}
    for option, keyword in _KEYWORDS:
        if getattr(options, option) is not None:
            kwargs[keyword] = getattr(options, option)
    if options.insecure:
        kwargs["ignoreInvalidSSLCerts"] = True
    if options.timeout is not None:
        kwargs["connectTimeout"] = kwargs["readTimeout"] = options.timeout
    if options.spe and options.instance is not None:
        kwargs["instanceID"] = options.instance
    if not os.environ.get("MAILSTORE_PASSWORD"):
        user = options.user or os.environ.get("MAILSTORE_USERNAME") or "admin"
        host = options.host or os.environ.get("MAILSTORE_HOST") or "127.0.0.1"
        kwargs["password"] = ask_secret(
            f"Password for {user} at {host}: ",
            "password",
            "set the environment variable MAILSTORE_PASSWORD",
        )
    return client_class(options)(**kwargs)
