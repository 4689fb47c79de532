"""The ``mailstore`` command: call API functions from a shell.

``mailstore call GetServerInfo`` calls a function; ``mailstore functions`` lists them;
``status``/``cancel`` look after long-running tasks; ``check`` tests the connection;
``emulator`` starts the emulator. See ``mailstore --help`` and docs/cli.md.

The command is a thin layer over :mod:`mailstore.mgmt`: it turns ``name=value`` words
into typed arguments (from the catalog), prints what comes back (JSON for programs,
tables for people) and maps exceptions to exit codes.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
import textwrap
import traceback
from typing import Any, Dict, List, Optional, Sequence

from .._version import __version__
from ..catalog import by_name, load
from ..errors import (
    ArgumentError,
    AuthenticationError,
    ConnectError,
    MailStoreError,
    NoTokenError,
    PermissionDeniedError,
    ProtocolError,
    RequestTimeout,
    TaskDeadlineError,
    TLSError,
    TransportError,
)
from ._args import UsageError, build_call
from ._output import Output, Progress, cell, describe_function, describe_metadata, merge_log

__all__ = ["main"]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_CONNECTION = 3
EXIT_TIMEOUT = 4
EXIT_INTERRUPTED = 130

EXIT_CODES = """\
exit codes:
  0    succeeded (also: a task still running after --no-wait or status)
  1    the function failed (statusCode other than succeeded), or the server
       refused the request (unknown function or token, HTTP 5xx, ...)
  2    usage error: bad option, bad name=value, unknown argument, no password
  3    cannot talk to the server: connection refused or lost, host unknown,
       TLS certificate not trusted, wrong user or password, no API permission,
       not a MailStore API on that port
  4    timeout: no answer within --timeout, or a task outlived --deadline
  130  interrupted (Ctrl-C); a task being followed is cancelled on the server

environment: MAILSTORE_HOST, MAILSTORE_PORT, MAILSTORE_USERNAME,
MAILSTORE_PASSWORD, MAILSTORE_FINGERPRINT, MAILSTORE_CA_BUNDLE
(the password is read from MAILSTORE_PASSWORD or asked for on the terminal)
"""

# Library messages name Python options; on the command line the fix is an option.
_HINTS = (
    ("fingerprint='<SHA-256 fingerprint>'", "--fingerprint <SHA-256 fingerprint>"),
    ("caBundle='/path/to/ca.pem'", "--ca-file /path/to/ca.pem"),
    ("ignoreInvalidSSLCerts=True", "--insecure"),
    ("fingerprint='<SHA-256>'", "--fingerprint <SHA-256>"),
    ("caBundle ", "--ca-file "),
    ("raise readTimeout", "raise --timeout"),
    ("GetMetadata() lists", "'mailstore functions --server' lists"),
    ("pass instanceID='...' to SPEClient(...) or to this call", "pass --instance ID"),
)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the ``mailstore`` command with ``argv`` (default: sys.argv[1:]); return the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["emulator"]:
        return _emulator(args[1:])
    parser = build_parser()
    options = parser.parse_args(args)
    if options.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    if options.command == "emulator":
        return _emulator(args[args.index("emulator") + 1 :])
    for name, default in _DEFAULTS.items():
        if not hasattr(options, name):
            setattr(options, name, default)
    if options.instance is not None and not options.spe:
        parser.error("--instance needs --spe (instances exist in MailStore SPE only)")
    logger = logging.getLogger("mailstore")
    level = logger.level
    handler = _log_to_stderr(options.debug)
    try:
        return int(options.run(options))
    except UsageError as exc:
        _error(str(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:
        _error("interrupted")
        return EXIT_INTERRUPTED
    except MailStoreError as exc:
        if options.debug:
            traceback.print_exc()
        _error(cli_message(exc))
        return exit_code(exc)
    except BrokenPipeError:  # the reader went away (e.g. `| head`): stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILED
    except Exception as exc:  # a bug: one line, the traceback with --debug
        if options.debug:
            traceback.print_exc()
        _error(f"unexpected {type(exc).__name__}: {exc} (run with --debug for details)")
        return EXIT_FAILED
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


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


def cli_message(exc: MailStoreError) -> str:
    """The exception's message, with the fixes phrased as command line options."""
    if exc.cli_hint:
        return f"{exc.problem} {exc.cli_hint}"
    return _cli_hints(str(exc))


def _cli_hints(text: str) -> str:
    for python, option in _HINTS:
        text = text.replace(python, option)
    return text


# -- the parser ---------------------------------------------------------------------------

# Options shared by every command; they may come before or after the command name.
_DEFAULTS: Dict[str, Any] = {
    "host": None,
    "port": None,
    "user": None,
    "spe": False,
    "instance": None,
    "insecure": False,
    "fingerprint": None,
    "ca_file": None,
    "timeout": None,
    "deadline": None,
    "output": None,
    "debug": False,
}


def _common_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    s = argparse.SUPPRESS  # unset options stay unset, so a later parser cannot reset them
    c = common.add_argument_group("connection")
    c.add_argument("--host", default=s, help="server name or address (127.0.0.1)")
    c.add_argument("--port", type=int, default=s, help="API port (8463; SPE 8474)")
    c.add_argument("--user", default=s, help="API user name (admin)")
    c.add_argument("--spe", action="store_true", default=s, help="use the SPE Management API")
    c.add_argument("--instance", metavar="ID", default=s, help="SPE instance to act on")
    c.add_argument(
        "--fingerprint", metavar="SHA256", default=s, help="accept the certificate with this hash"
    )
    c.add_argument("--ca-file", metavar="PEM", default=s, help="trust the CA(s) in this file")
    c.add_argument(
        "--insecure", action="store_true", default=s, help="do not check the TLS certificate"
    )
    c.add_argument(
        "--timeout", type=float, metavar="SECONDS", default=s, help="connect/read timeout (10/120)"
    )
    c.add_argument(
        "--deadline",
        type=float,
        metavar="SECONDS",
        default=s,
        help="stop following a task after this long (exit code 4; the task goes on)",
    )
    o = common.add_argument_group("output")
    o.add_argument(
        "-o",
        "--output",
        choices=("json", "table", "result"),
        default=s,
        help="json (default when piped), table (default on a terminal), result (its JSON only)",
    )
    o.add_argument(
        "--debug", action="store_true", default=s, help="log requests; tracebacks on errors"
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``mailstore`` command."""
    common = _common_options()
    parser = argparse.ArgumentParser(
        prog="mailstore",
        description="Call the MailStore Server Administration API (or the SPE Management API).",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common],
    )
    parser.add_argument("-V", "--version", action="version", version=f"mailstore {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, run: Any, help: str, description: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name,
            parents=[common],
            help=help,
            description=textwrap.fill(description, 78),
            epilog=EXIT_CODES,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.set_defaults(run=run)
        return sub

    call = command(
        "call",
        _cmd_call,
        "call an API function",
        "Call FUNCTION with arguments given as name=value (or as bare values in the "
        "function's positional order). Values are typed by the catalog: numbers, "
        "bools (true/false/yes/no/1/0), comma lists as given, JSON as text or @file.json.",
    )
    call.add_argument("function", metavar="FUNCTION")
    call.add_argument("arguments", nargs="*", metavar="name=value")
    call.add_argument(
        "--no-wait",
        action="store_true",
        help="do not follow a long-running task: print its first status (with the token)",
    )

    functions = command(
        "functions",
        _cmd_functions,
        "list or describe the API functions",
        "List the API functions, or describe one, from the catalog (or the server's get-metadata).",
    )
    functions.add_argument("name", nargs="?", metavar="NAME")
    functions.add_argument(
        "--server", action="store_true", help="ask the server (get-metadata), not the catalog"
    )

    status = command(
        "status",
        _cmd_status,
        "show the status of a long-running task",
        "Show the status of a long-running task by its token.",
    )
    status.add_argument("token", metavar="TOKEN")
    status.add_argument("--wait", action="store_true", help="follow the task to its end")
    status.add_argument(
        "--version",
        type=int,
        default=-1,
        metavar="N",
        help="the statusVersion already known: wait (briefly) for a newer one",
    )

    cancel = command(
        "cancel",
        _cmd_cancel,
        "ask the server to cancel a long-running task",
        "Ask the server to cancel a long-running task; 'status TOKEN --wait' shows its end.",
    )
    cancel.add_argument("token", metavar="TOKEN")

    command(
        "check",
        _cmd_check,
        "check connection, TLS, credentials, version and catalog",
        "Check that the server is reachable, its certificate trusted, the credentials "
        "accepted; show its version and how its functions differ from the catalog.",
    )
    commands.add_parser(
        "emulator",
        help="run the MailStore Server emulator (see 'mailstore emulator --help')",
        add_help=False,
    )
    return parser


# -- the commands ---------------------------------------------------------------------------


def _cmd_call(options: argparse.Namespace) -> int:
    kind = "spe" if options.spe else "server"
    client_class = _client_class(options)
    call = build_call(client_class, kind, options.function, options.arguments)
    if call.warning:
        _warn(call.warning)
    output = Output(options.output)
    progress = Progress(options.function, sys.stderr)
    client = _client(options, callback=progress, autoHandleToken=not options.no_wait)
    try:
        status = call.run(client)
    finally:
        progress.done()
        client.close()
    if not options.no_wait:
        status = merge_log(status, progress.log)
    progress.echo_log(status)
    if status.get("statusCode") == "running" and status.get("token"):
        token = status["token"]
        _note(
            f"task {token} is running: 'mailstore status {token} --wait' follows it, "
            f"'mailstore cancel {token}' stops it"
        )
    return _report(output, status, options.function, options.debug)


def _cmd_status(options: argparse.Namespace) -> int:
    output = Output(options.output)
    client = _client(options)
    progress = Progress("task", sys.stderr)
    token = options.token
    try:
        status = client.GetStatus(
            {"token": token, "statusVersion": options.version, "statusCode": "running"}
        )
        if options.wait:
            try:
                for update in client.YieldStatus(status):
                    progress(update)
                    status = update
            except KeyboardInterrupt:
                progress.done()
                _error(f"stopped watching; the task goes on (mailstore cancel {token} stops it)")
                return EXIT_INTERRUPTED
            status = merge_log(status, progress.log)
    finally:
        progress.done()
        client.close()
    progress.echo_log(status)
    return _report(output, status, "task", options.debug)


def _cmd_cancel(options: argparse.Namespace) -> int:
    output = Output(options.output)
    with _client(options) as client:
        reply = client.CancelAsync({"token": options.token})
    if sys.stderr.isatty():
        _note(f"cancel requested; 'mailstore status {options.token} --wait' shows the end")
    return _report(output, reply, "cancel-async", options.debug)


def _cmd_functions(options: argparse.Namespace) -> int:
    kind = "spe" if options.spe else "server"
    output = Output(options.output)
    if options.server:
        with _client(options) as client:
            metadata = client.GetMetadata()
        entries = {str(e.get("name")): e for e in metadata if isinstance(e, dict)}
        if options.name is None:
            output.listing(metadata, [_metadata_row(e) for e in metadata if isinstance(e, dict)])
            return EXIT_OK
        entry = entries.get(options.name)
        if entry is None:
            raise UsageError(_unknown(options.name, entries, "the server has no function"))
        output.describe(entry, describe_metadata(entry, by_name(kind).get(options.name)))
        return EXIT_OK
    catalog = load(kind)
    if options.name is None:
        rows = [
            {
                "name": e["name"],
                "task": "yes" if e.get("long_running") else "",
                "summary": e.get("summary", ""),
            }
            for e in catalog
        ]
        output.listing(catalog, rows)
        return EXIT_OK
    entries = by_name(kind)
    if options.name not in entries:
        raise UsageError(_unknown(options.name, entries, "the catalog has no function"))
    method = getattr(_client_class(options), options.name, None)
    output.describe(entries[options.name], describe_function(entries[options.name], method))
    return EXIT_OK


def _cmd_check(options: argparse.Namespace) -> int:
    import socket

    output = Output(options.output)
    checks: List[Dict[str, Any]] = []
    report: Dict[str, Any] = {"ok": False, "checks": checks}

    def step(name: str, ok: bool, detail: str) -> None:
        checks.append({"check": name, "ok": ok, "detail": detail})
        output.check_line(name, ok, detail)

    def fail(name: str, exc: MailStoreError) -> int:
        step(name, False, type(exc).__name__)
        report["error"] = cli_message(exc)
        output.check_done(report)
        _error(report["error"])
        return exit_code(exc)

    client = _client(options)
    with client:
        where = f"{client.host}:{client.port}"
        try:
            socket.create_connection((client.host, client.port), timeout=10).close()
        except OSError as exc:
            return fail("connection", ConnectError(f"cannot connect to {where}: {exc}"))
        step("connection", True, where)
        function = "GetEnvironmentInfo" if options.spe else "GetServerInfo"
        try:
            info = client.call(function)
        except TLSError as exc:
            return fail("tls", exc)
        except (AuthenticationError, PermissionDeniedError) as exc:
            step("tls", True, _tls_mode(client))
            return fail("credentials", exc)
        except MailStoreError as exc:
            return fail("server", exc)
        step("tls", True, _tls_mode(client))
        step("credentials", True, f"user {client.username}")
        result = info.get("result") if isinstance(info.get("result"), dict) else {}
        report["version"] = result.get("version")
        report["machineName"] = result.get("machineName")
        if info.get("statusCode") != "succeeded":
            step("version", False, f"{function} failed: {_failure(info)}")
            report["error"] = f"{function} failed: {_failure(info)}"
            output.check_done(report)
            return EXIT_FAILED
        found = (
            f"{result['version']} on {result.get('machineName')}" if result.get("version") else ""
        )
        step("version", True, found or cell(info.get("result")))
        try:
            compared = client.compare_catalog()
        except MailStoreError as exc:
            step("catalog", False, f"get-metadata failed: {cli_message(exc)}")
            report["ok"] = True  # the server works; only the comparison is unavailable
            output.check_done(report)
            return EXIT_OK
        report["catalog"] = compared
        differences = sum(
            len(compared[key]) for key in ("missing_in_catalog", "missing_on_server", "arguments")
        )
        step(
            "catalog",
            True,
            "no differences" if compared["identical"] else f"{differences} difference(s)",
        )
        report["ok"] = True
        output.check_done(report)
    return EXIT_OK


def _emulator(argv: List[str]) -> int:
    """Delegate to ``python -m mailstore.emulator`` (imported only now)."""
    try:
        from ..emulator.__main__ import main as emulator_main
    except ImportError as exc:
        _error(
            f"the emulator needs the 'emulator' extra: pip install 'mailstore[emulator]' ({exc})"
        )
        return EXIT_FAILED
    return emulator_main(argv)


# -- helpers ----------------------------------------------------------------------------------


def _client_class(options: argparse.Namespace) -> Any:
    from ..mgmt import ServerClient, SPEClient

    return SPEClient if options.spe else ServerClient


def _client(options: argparse.Namespace, **extra: Any) -> Any:
    """Create the client from the options; the library reads MAILSTORE_* for the rest."""
    kwargs: Dict[str, Any] = {"logLevel": None, **extra}
    for option, name in (
        ("host", "host"),
        ("port", "port"),
        ("user", "username"),
        ("fingerprint", "fingerprint"),
        ("ca_file", "caBundle"),
        ("deadline", "deadline"),
    ):
        if getattr(options, option) is not None:
            kwargs[name] = getattr(options, option)
    if options.insecure:
        kwargs["ignoreInvalidSSLCerts"] = True
    if options.timeout is not None:
        kwargs["connectTimeout"] = kwargs["readTimeout"] = options.timeout
    if options.spe and options.instance is not None:
        kwargs["instanceID"] = options.instance
    if not os.environ.get("MAILSTORE_PASSWORD"):
        kwargs["password"] = _ask_password(options)
    return _client_class(options)(**kwargs)


def _ask_password(options: argparse.Namespace) -> str:
    user = options.user or os.environ.get("MAILSTORE_USERNAME") or "admin"
    host = options.host or os.environ.get("MAILSTORE_HOST") or "127.0.0.1"
    if not sys.stdin.isatty():
        raise UsageError(
            "no password: set the environment variable MAILSTORE_PASSWORD "
            "(or run on a terminal to be asked for it)"
        )
    try:
        return getpass.getpass(f"Password for {user} at {host}: ")
    except EOFError:
        raise UsageError("no password given") from None


def _report(output: Output, status: Dict[str, Any], function: str, debug: bool) -> int:
    """Print a status and return its exit code (1 for a failed function)."""
    output.status(status)
    code = status.get("statusCode")
    if code in ("succeeded", "running"):
        return EXIT_OK
    _error(f"{function} failed: {_failure(status)}")
    error = status.get("error")
    if debug and isinstance(error, dict) and error.get("details"):
        print(error["details"], file=sys.stderr)
    return EXIT_FAILED


def _failure(status: Dict[str, Any]) -> str:
    error = status.get("error")
    message = error.get("message") if isinstance(error, dict) else None
    code = status.get("statusCode")
    if code == "failed" and message:
        return str(message)
    return f"{message} (statusCode {code})" if message else f"statusCode {code}"


def _tls_mode(client: Any) -> str:
    if client.fingerprint:
        return f"certificate pinned ({client.fingerprint[:23]}...)"
    if client.caBundle:
        return f"certificate verified with {client.caBundle}"
    if client.ignoreInvalidSSLCerts:
        return "certificate NOT verified (--insecure)"
    return "certificate verified"


def _metadata_row(entry: Dict[str, Any]) -> Dict[str, Any]:
    args = entry.get("args") or []
    return {"name": entry.get("name"), "arguments": ", ".join(str(a.get("name")) for a in args)}


def _unknown(name: str, known: Any, what: str) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(known), n=3)
    hint = f" (did you mean {' or '.join(close)}?)" if close else ""
    return f"{what} {name!r}{hint}; 'mailstore functions' lists them"


def _log_to_stderr(debug: bool) -> logging.Handler:
    """Send the library's log records to stderr (stdout carries the output)."""
    handler = _StderrHandler()
    logger = logging.getLogger("mailstore")
    logger.setLevel(logging.DEBUG if debug else logging.WARNING)
    logger.addHandler(handler)
    return handler


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to the current sys.stderr, first clearing a progress bar on a terminal."""

    def format(self, record: logging.LogRecord) -> str:
        text = f"mailstore: {record.levelname.lower()}: {record.getMessage()}"
        if record.exc_info:
            text += "\n" + logging.Formatter().formatException(record.exc_info)
        return _cli_hints(text)

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        Progress.clear_line(sys.stderr)
        super().emit(record)


def _error(message: str) -> None:
    Progress.clear_line(sys.stderr)
    print(f"mailstore: error: {message}", file=sys.stderr, flush=True)


def _warn(message: str) -> None:
    print(f"mailstore: warning: {message}", file=sys.stderr, flush=True)


def _note(message: str) -> None:
    print(f"mailstore: {message}", file=sys.stderr, flush=True)
