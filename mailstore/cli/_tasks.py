"""``mailstore status TOKEN`` and ``mailstore cancel TOKEN``: look after a long-running task."""

from __future__ import annotations

import argparse
import sys

from ._connect import connect
from ._console import error, note
from ._exit import EXIT_INTERRUPTED, report
from ._output import Output
from ._progress import Progress, merge_log


def status(options: argparse.Namespace) -> int:
    output = Output(options.output)
    client = connect(options)
    progress = Progress("task", sys.stderr)
    token = options.token
    try:
        current = client.GetStatus(
            {"token": token, "statusVersion": options.version, "statusCode": "running"}
        )
        if options.wait:
            try:
                for update in client.YieldStatus(current):
                    progress(update)
                    current = update
            except KeyboardInterrupt:
                progress.done()
                error(f"stopped watching; the task goes on (mailstore cancel {token} stops it)")
                return EXIT_INTERRUPTED
            current = merge_log(current, progress.log)
    finally:
        progress.done()
        client.close()
    progress.echo_log(current)
    return report(output, current, "task", options.debug)


def cancel(options: argparse.Namespace) -> int:
    output = Output(options.output)
    with connect(options) as client:
        reply = client.CancelAsync({"token": options.token})
    if sys.stderr.isatty():
        note(f"cancel requested; 'mailstore status {options.token} --wait' shows the end")
    return report(output, reply, "cancel-async", options.debug)
