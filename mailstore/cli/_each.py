"""``mailstore call --spe --each-instance FILTER FUNCTION``: call a function on every instance.

The instances are those ``GetInstances(FILTER)`` lists, handled several at a time
(``SPEClient.forEachInstance``). stdout gets one JSON line per instance, in instance
order; stderr a line per failed instance and a summary.
"""

from __future__ import annotations

import argparse
from typing import Any, Dict, List, Optional

from ..errors import MailStoreError
from ._args import Call, build_call
from ._connect import client_class, connect
from ._console import error, note, warn
from ._exit import EXIT_FAILED, EXIT_OK, UsageError, error_message, failure, status_exit_code
from ._output import Output
from ._progress import merge_log

Status = Dict[str, Any]


def run(options: argparse.Namespace) -> int:
    if options.output == "table":
        raise UsageError("--each-instance prints JSON lines: use -o json or -o result")
    spe = client_class(options)
    call = build_call(spe, "spe", options.function, options.arguments)
    if call.generated and options.function not in spe._instance_functions:
        raise UsageError(
            f"{options.function} does not act on an instance: call it without --each-instance"
        )
    if call.warning:
        warn(call.warning)
    output = Output("result" if options.output == "result" else "json")
    client = connect(options, autoHandleToken=not options.no_wait, poolSize=max(options.workers, 1))
    with client:
        outcomes = client.forEachInstance(
            lambda view, instance: _call_on(view, call),
            options.each_instance,
            workers=options.workers,
            skipNotRunning=not options.include_not_running,
        )
    failed = 0
    for outcome in outcomes:
        line: Dict[str, Any] = {"instanceID": outcome.instanceID}
        problem = _problem(outcome.value, outcome.error, options.function)
        if outcome.skipped:
            line["skipped"] = outcome.instance.get("status")
        elif outcome.error is not None:
            line["error"] = problem
        elif output.mode == "result":
            line["result"] = outcome.value.get("result")
        else:
            line["status"] = outcome.value
        output.line(line)
        if problem:
            failed += 1
            error(f"{outcome.instanceID}: {problem}")
    called = len(outcomes) - len(outcomes.skipped)
    note(
        f"{options.function} on {called} instance(s): {called - failed} succeeded, "
        f"{failed} failed; {len(outcomes.skipped)} skipped (not running)"
    )
    return EXIT_FAILED if failed else EXIT_OK


def _call_on(client: Any, call: Call) -> Status:
    """One instance's call; the status keeps the log lines of every status of its task."""
    log: List[str] = []
    client.callback = lambda status: log.append(status.get("logOutput") or "")
    if call.generated:
        status = call.run(client)
    else:  # not in the catalog: the instance must be named explicitly
        status = client.call(call.function, {**call.arguments, "instanceID": client.instanceID})
    return merge_log(status, log)


def _problem(value: Any, exc: Optional[BaseException], function: str) -> Optional[str]:
    """Why an instance's call did not succeed, or None."""
    if isinstance(exc, MailStoreError):
        return error_message(exc)
    if exc is not None:
        return f"{type(exc).__name__}: {exc}"
    if isinstance(value, dict) and status_exit_code(value) != EXIT_OK:
        return failure(value, function)
    return None
