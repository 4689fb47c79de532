"""The command line: options shared by every command, and the commands themselves."""

from __future__ import annotations

import argparse
import sys
import textwrap
from typing import Any, Callable, Dict, NoReturn, Optional, Sequence

from .._version import __version__
from . import _call, _check, _fidelity, _functions, _health, _tasks
from ._exit import EXIT_CODES, EXIT_USAGE, HEALTH_EXIT_CODES, UNKNOWN

# Options shared by every command; they may come before or after the command name.
DEFAULTS: Dict[str, Any] = {
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
    "record": None,
    "anonymize": None,
}

SECRETS = """\
Secret arguments (password, passphrase, encryptionKey) never come from the command line:
give NAME=@FILE, NAME=@- (standard input) or NAME=env:VARIABLE, or leave a required one out
(or write NAME=) to be asked for it on the terminal.
"""


def parse(argv: Sequence[str]) -> argparse.Namespace:
    """The options of ``argv``, every shared option set (to its default if not given).

    Exits (SystemExit 2, as argparse does for usage errors) when no command is given.
    """
    parser = build_parser()
    options, unknown = parser.parse_known_args(argv)
    if unknown:  # said by the command's parser, so that `health` exits as a plugin does
        getattr(options, "parser", parser).error(f"unrecognized arguments: {' '.join(unknown)}")
    if options.command is None:
        parser.print_help(sys.stderr)
        parser.exit(EXIT_USAGE)
    for name, default in DEFAULTS.items():
        if not hasattr(options, name):
            setattr(options, name, default)
    if options.instance is not None and not options.spe:
        parser.error("--instance needs --spe (instances exist in MailStore SPE only)")
    if options.command == "health" and options.instance is not None:
        options.parser.error("health checks the instances --instance-filter lists, not --instance")
    if getattr(options, "each_instance", None) is not None:
        if not options.spe:
            parser.error("--each-instance needs --spe (instances exist in MailStore SPE only)")
        if options.instance is not None:
            parser.error("--each-instance and --instance exclude each other")
    return options


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors exit with ``usage_exit``.

    That is 2, except for ``health``: monitoring plugins exit 3 (UNKNOWN) for a usage
    error, since 2 would read as CRITICAL.
    """

    usage_exit = EXIT_USAGE

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(self.usage_exit, f"{self.prog}: error: {message}\n")


def _common_options() -> _Parser:
    common = _Parser(add_help=False)
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
    o.add_argument(
        "--record",
        metavar="FILE",
        default=s,
        help="append every exchange to FILE, secrets masked (for the emulator's --replay)",
    )
    o.add_argument(
        "--anonymize",
        metavar="NAMES",
        default=s,
        help="with --record: fields whose values are replaced, e.g. userName,emailAddresses",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``mailstore`` command."""
    common = _common_options()
    parser = _Parser(
        prog="mailstore",
        description="Call the MailStore Server Administration API (or the SPE Management API).",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common],
    )
    parser.add_argument("-V", "--version", action="version", version=f"mailstore {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(
        name: str,
        run: Callable[[argparse.Namespace], int],
        help: str,
        description: str,
        epilog: Optional[str] = None,
        exit_codes: str = EXIT_CODES,
    ) -> _Parser:
        sub = commands.add_parser(
            name,
            parents=[common],
            help=help,
            description=textwrap.fill(description, 78),
            epilog=(epilog or "") + exit_codes,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.set_defaults(run=run, parser=sub)
        return sub

    call = command(
        "call",
        _call.run,
        "call an API function",
        "Call FUNCTION with arguments given as name=value (or as bare values in the "
        "function's positional order). Values are typed by the catalog: numbers, "
        "bools (true/false/yes/no/1/0), comma lists as given, JSON as text or @file.json.",
        SECRETS + "\n",
    )
    call.add_argument("function", metavar="FUNCTION")
    call.add_argument("arguments", nargs="*", metavar="name=value")
    call.add_argument(
        "--no-wait",
        action="store_true",
        help="do not follow a long-running task: print its first status (with the token)",
    )
    each = call.add_argument_group("SPE instances")
    each.add_argument(
        "--each-instance",
        metavar="FILTER",
        help="with --spe: call FUNCTION on each instance GetInstances(FILTER) lists ('*': all), "
        "several at a time; one JSON line per instance (exit code 1 if any failed)",
    )
    each.add_argument(
        "--workers",
        type=int,
        default=8,
        metavar="N",
        help="with --each-instance: instances handled at once (8)",
    )
    each.add_argument(
        "--include-not-running",
        action="store_true",
        help="with --each-instance: call instances that are not running too (default: skip them)",
    )

    functions = command(
        "functions",
        _functions.run,
        "list or describe the API functions",
        "List the API functions, or describe one, from the catalog (or the server's get-metadata).",
    )
    functions.add_argument("name", nargs="?", metavar="NAME")
    functions.add_argument(
        "--server", action="store_true", help="ask the server (get-metadata), not the catalog"
    )

    status = command(
        "status",
        _tasks.status,
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
        _tasks.cancel,
        "ask the server to cancel a long-running task",
        "Ask the server to cancel a long-running task; 'status TOKEN --wait' shows its end.",
    )
    cancel.add_argument("token", metavar="TOKEN")

    command(
        "check",
        _check.run,
        "check connection, TLS, credentials, version and catalog",
        "Check that the server is reachable, its certificate trusted, the credentials "
        "accepted; show its version and how its functions differ from the catalog.",
    )
    shapes = command(
        "fidelity",
        _fidelity.run,
        "record the shapes of a server's answers, or compare them with the emulator",
        "Call read-only functions of the server and write the shapes of their results "
        "(keys, types, kinds of values; no values), e.g. to attach to an issue; or, with "
        "--diff, compare such a report with the emulator (or another report).",
    )
    shapes.add_argument("--out", metavar="FILE", help="write the report to FILE (not stdout)")
    shapes.add_argument("--diff", metavar="REPORT", help="compare REPORT with the emulator")
    shapes.add_argument(
        "--against", metavar="REPORT", help="with --diff: compare with this report instead"
    )
    health = command(
        "health",
        _health.run,
        "check archiving health, for Nagios, Icinga, Checkmk, PRTG or Zabbix",
        "Check the connection, the server, every archive store and archiving profile, the "
        "jobs and the licence, and print the outcome in the format a monitoring system "
        "reads. With --spe, check a MailStore SPE: its service status, every instance, and "
        "the stores, profiles and jobs of each running one. Only that output goes to stdout; "
        "a problem that stops the check is reported in it too.",
        exit_codes=HEALTH_EXIT_CODES,
    )
    health.usage_exit = UNKNOWN
    _health.add_options(health)

    commands.add_parser(
        "emulator",
        help="run the MailStore Server emulator, or with --spe the SPE one "
        "(see 'mailstore emulator --help')",
        add_help=False,
    )
    return parser
