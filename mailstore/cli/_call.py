"""``mailstore call FUNCTION [name=value ...]``: call an API function.

With ``--each-instance``, :mod:`._each` calls it on every SPE instance a filter selects.
"""

from __future__ import annotations

import argparse
import sys

from . import _each
from ._args import build_call
from ._connect import client_class, connect, kind
from ._console import note, warn
from ._exit import report
from ._output import Output
from ._progress import Progress, merge_log


def run(options: argparse.Namespace) -> int:
    if options.each_instance is not None:
        return _each.run(options)
    call = build_call(client_class(options), kind(options), options.function, options.arguments)
    if call.warning:
        warn(call.warning)
    output = Output(options.output)
    progress = Progress(options.function, sys.stderr)
    client = connect(options, callback=progress, autoHandleToken=not options.no_wait)
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
        note(
            f"task {token} is running: 'mailstore status {token} --wait' follows it, "
            f"'mailstore cancel {token}' stops it"
        )
    return report(output, status, options.function, options.debug)
