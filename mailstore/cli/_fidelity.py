"""``mailstore fidelity``: the shapes of a server's answers, and how the emulator differs.

``mailstore fidelity --out report.json`` calls read-only functions of the server the
connection options name and writes their result shapes (no values). ``mailstore fidelity
--diff report.json`` compares such a report with the emulator's answers (or with
``--against`` another report) and lists every difference.
"""

from __future__ import annotations

import argparse
import json
from typing import Any, Dict

from .. import fidelity
from ._connect import connect
from ._console import note
from ._exit import EXIT_FAILED, EXIT_OK, UsageError


def run(options: argparse.Namespace) -> int:
    if options.diff:
        return _diff(options)
    with connect(options) as client:
        report = fidelity.probe(client)
    text = json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    if options.out:
        with open(options.out, "w", encoding="utf-8") as out:
            out.write(text)
        note(f"wrote the shapes of {len(report['functions'])} functions to {options.out}")
    else:
        print(text, end="")
    return EXIT_OK


def _diff(options: argparse.Namespace) -> int:
    expected = _read(options.diff)
    if options.against:
        actual = _read(options.against)
        what = options.against
    else:
        actual = _emulator_report()
        what = "the emulator"
    lines = fidelity.differences(expected, actual, (options.diff, what))
    for line in lines:
        print(line)
    note(f"{len(lines)} difference(s) between {options.diff} and {what}")
    return EXIT_FAILED if lines else EXIT_OK


def _read(path: str) -> Dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as f:
            report: Dict[str, Any] = json.load(f)
    except (OSError, ValueError) as exc:
        raise UsageError(f"cannot read the report {path!r}: {exc}") from None
    if not isinstance(report, dict) or "functions" not in report:
        raise UsageError(f"{path!r} is not a report of 'mailstore fidelity'")
    return report


def _emulator_report() -> Dict[str, Any]:
    """The report of a fresh emulator with its default dataset (needs the emulator extra)."""
    from ..emulator import Emulator
    from ..mgmt import ServerClient

    with Emulator() as emulator:
        with ServerClient(**emulator.client_kwargs(), logLevel=0) as client:
            return fidelity.probe(client)
