"""``mailstore health``: the monitoring check, in the format a monitoring system reads.

Only the formatted report goes to stdout. Whatever stops the check (no password, a bad
option or config file, an unreachable server, even a bug) is reported in that format too,
as an UNKNOWN or CRITICAL service, so that the monitoring system shows why. Exit codes follow
the monitoring plugin guidelines for ``nagios`` and ``json`` (0 OK, 1 WARNING,
2 CRITICAL, 3 UNKNOWN); ``checkmk``, ``prtg`` and ``zabbix`` exit 0, their output holding
the states.
"""

from __future__ import annotations

import argparse
import dataclasses
import traceback
from typing import Any, Dict

from .. import monitoring
from ..errors import MailStoreError
from ._connect import connect
from ._exit import UsageError

#: Seconds to wait for an answer unless --timeout says otherwise (plugins run under a limit).
READ_TIMEOUT = 30.0
METAVARS = {
    "licence_warning": "PERCENT",
    "licence_critical": "PERCENT",
    "expected_stopped": "ID,...",
    "instance_filter": "FILTER",
    "workers": "N",
    "now": "TIME",
}


def add_options(parser: argparse.ArgumentParser) -> None:
    """The command's options: the format, a config file, and one per monitoring option."""
    parser.add_argument(
        "--format",
        choices=list(monitoring.FORMATS),
        default="nagios",
        help="output for: Nagios/Icinga (default), Checkmk, PRTG, Zabbix, or JSON",
    )
    parser.add_argument(
        "--config", metavar="FILE", help="read options from an INI ([health]) or .json file"
    )
    group = parser.add_argument_group("check options (they win over the config file)")
    for field in dataclasses.fields(monitoring.Options):
        flag = "--" + field.name.replace("_", "-")
        text = monitoring.HELP[field.name]
        if field.default is False:
            group.add_argument(flag, action="store_const", const=True, help=text)
        elif field.name == "exclude_profiles":
            group.add_argument(
                "--exclude-profile", dest=field.name, action="append", metavar="ID|NAME", help=text
            )
        else:
            metavar = METAVARS.get(field.name) or field.name.split("_")[-1].upper()
            group.add_argument(flag, metavar=metavar, help=text)


def run(options: argparse.Namespace) -> int:
    output = monitoring.FORMATS[options.format]
    try:
        settings = _settings(options)
        pool = monitoring.Options.from_mapping(settings).workers  # a connection per worker
        report = monitoring.check(
            lambda: connect(options, readTimeout=READ_TIMEOUT, poolSize=pool),
            command_line=True,
            **settings,
        )
    except (UsageError, MailStoreError) as exc:
        report = monitoring.stopped(exc, command_line=True)
    except Exception as exc:  # a bug: still a report (UNKNOWN), the traceback with --debug
        if options.debug:
            traceback.print_exc()
        report = monitoring.stopped(RuntimeError(f"unexpected {type(exc).__name__}: {exc}"))
    print(output.render(report))
    return monitoring.exit_code(report, options.format)


def _settings(options: argparse.Namespace) -> Dict[str, Any]:
    """The monitoring options: the config file's, then those given on the command line."""
    settings = monitoring.load_config(options.config) if options.config else {}
    for field in dataclasses.fields(monitoring.Options):
        given = getattr(options, field.name)
        if given is not None:
            settings[field.name] = given
    return settings
