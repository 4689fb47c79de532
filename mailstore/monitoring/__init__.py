"""Is archiving healthy? A check of MailStore Server or MailStore SPE for monitoring systems.

    import mailstore
    from mailstore import monitoring

    report = monitoring.check(lambda: mailstore.mgmt.ServerClient(host="archive.example.com"))
    print(monitoring.render(report, "nagios"))
    raise SystemExit(report.exit_code)

`check` looks at one MailStore Server (or SPE) and returns a `Report`: an
overall `State` (OK, WARNING, CRITICAL, UNKNOWN) and one `Service` per thing it
judged, each with a state, a one-line summary, detail lines and `Metric` values:

* ``connection``: CRITICAL when the server cannot be reached (refused, TLS, timeout,
  HTTP 5xx); UNKNOWN when it refuses the check (user name, password, privileges) or does
  not answer as MailStore does, with the library's advice as the detail;
* ``server``: version and machine name, the archive's size and message count (WARNING
  when older than ``min_version``);
* ``store <name>``, one per archive store: CRITICAL with an error, WARNING when it needs
  an upgrade or a search index rebuild;
* ``profile <name>``, one per archiving profile: its newest run of the look-back window
  (failed CRITICAL; cancelled WARNING; completedWithErrors WARNING, or OK with
  ``completed_with_errors_ok``; succeeded OK), quoting a failed run's report; an
  automatic profile without a run in the overdue window is WARNING;
* ``jobs``: CRITICAL when an enabled job's newest result failed, WARNING when one is
  overdue (or was cancelled);
* ``licence``: named users in use against the licensed number, WARNING from 90 % and
  CRITICAL from 100 % by default.

Given an ``SPEClient``, it checks the SPE instead: the connection, the ``service`` (the
SPE's messages and version), the ``licence`` (named users, for information), one
``instance`` service per instance (stopped, frozen, a start error) and, for each running
instance, its stores, profiles and jobs as above, each named after its instance
(``acme: profile Mailboxes``).

The options (keywords of `check`, or a config file read by `load_config`)
are listed in `HELP`. Times are asked for in UTC, so neither the server's time
zone nor the monitoring host's matters. `render` writes a report as ``nagios``,
``checkmk``, ``prtg``, ``zabbix`` or ``json``; ``mailstore health`` on the command line
does both. docs/monitoring.md shows how to set each monitoring system up.
"""

from __future__ import annotations

from ._check import check, stopped
from ._formats import FORMATS, exit_code, render
from ._model import Metric, Report, Service, State
from ._options import HELP, Options, load_config

__all__ = [
    "FORMATS",
    "HELP",
    "Metric",
    "Options",
    "Report",
    "Service",
    "State",
    "check",
    "exit_code",
    "load_config",
    "render",
    "stopped",
]
