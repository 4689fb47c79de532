"""Exit codes, and how exceptions and final statuses map to them."""

from __future__ import annotations

import sys
from typing import Any, Dict

from ..errors import (
    ArgumentError,
    AuthenticationError,
    MailStoreError,
    NoTokenError,
    PermissionDeniedError,
    ProtocolError,
    RequestTimeout,
    TaskDeadlineError,
    TLSError,
    TransportError,
)
from ._console import error
from ._output import Output

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_CONNECTION = 3
EXIT_TIMEOUT = 4
EXIT_CANCELLED = 5
EXIT_INTERRUPTED = 130
UNKNOWN = 3  # health: a usage error, as monitoring plugins report it

EXIT_CODES = """\
exit codes:
  0    succeeded (also: a task still running after --no-wait or status)
  1    the function failed (statusCode failed or another one), or the server
       refused the request (unknown function or token, HTTP 5xx, ...); with
       --each-instance: the call failed on at least one instance
  2    usage error: bad option, bad name=value, unknown argument, no password,
       a secret given on the command line
  3    cannot talk to the server: connection refused or lost, host unknown,
       TLS certificate not trusted, wrong user or password, no API permission,
       not a MailStore API on that port
  4    timeout: no answer within --timeout, or a task outlived --deadline
  5    the task was cancelled (statusCode cancelled): by 'mailstore cancel',
       another client or the server
  130  interrupted (Ctrl-C); a task being followed is cancelled on the server

environment: MAILSTORE_HOST, MAILSTORE_PORT, MAILSTORE_USERNAME,
MAILSTORE_PASSWORD, MAILSTORE_FINGERPRINT, MAILSTORE_CA_BUNDLE
(the password is read from MAILSTORE_PASSWORD or asked for on the terminal)
"""


HEALTH_EXIT_CODES = """\
exit codes (--format nagios and json; checkmk, prtg and zabbix exit 0):
  0    OK
  1    WARNING
  2    CRITICAL: a service is critical, or the server cannot be reached
  3    UNKNOWN: the check could not judge (credentials, privileges, a bad
       option or config file, an answer it cannot read)

environment: MAILSTORE_HOST, MAILSTORE_PORT, MAILSTORE_USERNAME,
MAILSTORE_PASSWORD, MAILSTORE_FINGERPRINT, MAILSTORE_CA_BUNDLE
(without MAILSTORE_PASSWORD the check is UNKNOWN unless run on a terminal)
"""


class UsageError(Exception):
    """A command line mistake: exit code 2, its message on stderr."""


def exit_code(exc: BaseException) -> int:
    """The exit code for an exception of the library."""
    if isinstance(exc, (RequestTimeout, TaskDeadlineError)):
        return EXIT_TIMEOUT
    if isinstance(
        exc,
        (TransportError, TLSError, AuthenticationError, PermissionDeniedError, ProtocolError),
    ):
        return EXIT_CONNECTION
    if isinstance(exc, (ArgumentError, NoTokenError)):
        return EXIT_USAGE
    return EXIT_FAILED


def error_message(exc: MailStoreError) -> str:
    """What went wrong and what to do, the fix phrased for the command line."""
    advice = exc.cli_hint or exc.hint
    return f"{exc.problem} {advice}" if advice else exc.problem or str(exc)


def status_exit_code(status: Dict[str, Any]) -> int:
    """0 for a succeeded or running status, 5 for a cancelled task, 1 otherwise."""
    code = status.get("statusCode")
    if code in ("succeeded", "running"):
        return EXIT_OK
    return EXIT_CANCELLED if code == "cancelled" else EXIT_FAILED


def failure(status: Dict[str, Any], function: str) -> str:
    """Why a final status is not a success, in one line."""
    error = status.get("error")
    message = error.get("message") if isinstance(error, dict) else None
    code = status.get("statusCode")
    if code == "cancelled":
        return f"{function} was cancelled: {message}" if message else f"{function} was cancelled"
    if code == "failed" and message:
        return f"{function} failed: {message}"
    detail = f"{message} (statusCode {code})" if message else f"statusCode {code}"
    return f"{function} failed: {detail}"


def report(output: Output, status: Dict[str, Any], function: str, debug: bool) -> int:
    """Print a status, say on stderr why it is not a success, and return its exit code."""
    output.status(status)
    code = status_exit_code(status)
    if code != EXIT_OK:
        error(failure(status, function))
        details = status.get("error")
        if debug and isinstance(details, dict) and details.get("details"):
            print(details["details"], file=sys.stderr)
    return code
