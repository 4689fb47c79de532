"""``mailstore check``: connection, TLS, credentials, version and catalog, step by step."""

from __future__ import annotations

import argparse
import socket
from typing import Any, Dict, List, Optional

from ..errors import (
    AuthenticationError,
    ConnectError,
    MailStoreError,
    PermissionDeniedError,
    TLSError,
)
from ._connect import connect
from ._console import error
from ._exit import EXIT_FAILED, EXIT_OK, error_message, exit_code, failure
from ._output import Output, cell


class _Report:
    """The steps done so far, printed as they happen (table) or at the end (JSON)."""

    def __init__(self, output: Output) -> None:
        self.output = output
        self.checks: List[Dict[str, Any]] = []
        self.data: Dict[str, Any] = {"ok": False, "checks": self.checks}

    def step(self, name: str, ok: bool, detail: str) -> None:
        self.checks.append({"check": name, "ok": ok, "detail": detail})
        self.output.check_line(name, ok, detail)

    def fail(self, name: str, exc: MailStoreError) -> int:
        """A failed step: what went wrong on its line, what to do in the error message."""
        self.step(name, False, exc.problem or str(exc))
        message = error_message(exc)
        if self.output.mode == "table":  # the FAIL line above says what went wrong
            advice = exc.cli_hint or exc.hint
            shown = f"the {name} check failed" + (f". {advice}" if advice else "")
            return self.stop(message, exit_code(exc), shown)
        return self.stop(message, exit_code(exc))

    def stop(self, message: str, code: int, shown: Optional[str] = None) -> int:
        """End the report with ``message`` (stderr: ``shown``, if given) and ``code``."""
        self.data["error"] = message
        self.output.check_done(self.data)
        error(shown or message)
        return code

    def done(self) -> int:
        self.data["ok"] = True
        self.output.check_done(self.data)
        return EXIT_OK


def run(options: argparse.Namespace) -> int:
    report = _Report(Output(options.output))
    with connect(options) as client:
        where = f"{client.host}:{client.port}"
        try:
            socket.create_connection((client.host, client.port), timeout=10).close()
        except OSError as exc:
            return report.fail("connection", ConnectError(f"cannot connect to {where}: {exc}"))
        report.step("connection", True, where)
        function = "GetEnvironmentInfo" if options.spe else "GetServerInfo"
        try:
            info = client.call(function)
        except TLSError as exc:
            return report.fail("tls", exc)
        except (AuthenticationError, PermissionDeniedError) as exc:
            report.step("tls", True, _tls_mode(client))
            return report.fail("credentials", exc)
        except MailStoreError as exc:
            return report.fail("server", exc)
        report.step("tls", True, _tls_mode(client))
        report.step("credentials", True, f"user {client.username}")
        result = info.get("result") if isinstance(info.get("result"), dict) else {}
        report.data["version"] = result.get("version")
        report.data["machineName"] = result.get("machineName")
        if info.get("statusCode") != "succeeded":
            report.step("version", False, failure(info, function))
            return report.stop(failure(info, function), EXIT_FAILED)
        found = (
            f"{result['version']} on {result.get('machineName')}" if result.get("version") else ""
        )
        report.step("version", True, found or cell(info.get("result")))
        try:
            compared = client.compare_catalog()
        except MailStoreError as exc:  # the server works; only the comparison is unavailable
            report.step("catalog", False, f"get-metadata failed: {error_message(exc)}")
            return report.done()
        report.data["catalog"] = compared
        differences = sum(
            len(compared[key]) for key in ("missing_in_catalog", "missing_on_server", "arguments")
        )
        detail = "no differences" if compared["identical"] else f"{differences} difference(s)"
        report.step("catalog", True, detail)
        return report.done()


def _tls_mode(client: Any) -> str:
    if client.fingerprint:
        return f"certificate pinned ({client.fingerprint[:23]}...)"
    if client.caBundle:
        return f"certificate verified with {client.caBundle}"
    if client.ignoreInvalidSSLCerts:
        return "certificate NOT verified (--insecure)"
    return "certificate verified"
