"""Monitoring check for MailStore Server in a few lines of Python (Nagios, Icinga, Checkmk ...).

`mailstore health` is the same check with every option (see docs/monitoring.md); this
script shows how little it takes on top of mailstore.monitoring, as a start for a check of
your own (other thresholds, other output, a service of your own):

    python check_mailstore.py                    # Nagios plugin output, runs of the last 24 hours
    python check_mailstore.py --hours 6
    python check_mailstore.py --format checkmk   # Checkmk local check, a service per profile

Connection settings come from the environment: MAILSTORE_HOST, MAILSTORE_PORT,
MAILSTORE_USERNAME, MAILSTORE_PASSWORD, and MAILSTORE_FINGERPRINT or MAILSTORE_CA_BUNDLE.
Runs are asked for in UTC, so the server's time zone does not matter. The exit code is the
state's (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN) for nagios and json, else 0.
"""

from __future__ import annotations

import argparse
import sys
from typing import List, Optional

import mailstore
from mailstore import monitoring


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=24, help="look-back window (24)")
    parser.add_argument("--format", choices=list(monitoring.FORMATS), default="nagios")
    args = parser.parse_args(argv)
    report = monitoring.check(
        lambda: mailstore.mgmt.ServerClient(logLevel=0, readTimeout=30),
        lookback_hours=args.hours,
    )
    print(monitoring.render(report, args.format))
    return monitoring.exit_code(report, args.format)


if __name__ == "__main__":
    sys.exit(main())
