"""Where each emulated result shape comes from, read from ``provenance.json``.

Every function of a catalog kind (``"server"``, ``"spe"``) has an entry: its ``strength``
(``doc``, ``code``, ``wrapper`` or ``guess``), its ``source`` and, where only part of the shape
is known, a ``note``.  An entry ``{"same_as": "server"}`` stands for the Server entry of the
same function (an SPE instance function that answers as MailStore Server does).  This module
uses the standard library only, so that the command line can show an entry without loading
the emulator.

``python -m mailstore.emulator.provenance`` prints the Markdown table of docs/emulator.md;
``--write FILE`` replaces the table between its markers in FILE.
"""

from __future__ import annotations

import argparse
import json
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Optional, Sequence

STRENGTHS = ("doc", "code", "wrapper", "guess")
DATA_FILE = Path(__file__).with_name("provenance.json")


@lru_cache(maxsize=1)
def _data() -> Dict[str, Any]:
    with open(DATA_FILE, encoding="utf-8") as f:
        data: Dict[str, Any] = json.load(f)
    return data


def kinds() -> Sequence[str]:
    """The catalog kinds that have provenance data."""
    return tuple(_data()["functions"])


def sources() -> Dict[str, str]:
    """The sources by key, with their descriptions."""
    return dict(_data()["sources"])


def _entries(kind: str) -> Dict[str, Dict[str, str]]:
    """The entries of ``kind`` as stored, each ``same_as`` replaced by the entry it names."""
    functions = _data()["functions"]
    return {
        name: functions[entry["same_as"]][name] if "same_as" in entry else entry
        for name, entry in functions.get(kind, {}).items()
    }


def _resolved(entry: Dict[str, str]) -> Dict[str, str]:
    """A copy of ``entry`` whose ``source`` is the text, not the key."""
    return dict(entry, source=_data()["sources"][entry["source"]])


def table(kind: str) -> Dict[str, Dict[str, str]]:
    """Every function of ``kind`` with its entry (``strength``, ``source``, maybe ``note``)."""
    return {name: _resolved(e) for name, e in _entries(kind).items()}


def lookup(kind: str, function: str) -> Optional[Dict[str, str]]:
    """The entry of one function, or None when there is none."""
    entry = _entries(kind).get(function)
    return None if entry is None else _resolved(entry)


def markdown(kind: str) -> str:
    """The provenance of ``kind`` as Markdown: the sources, then one row per function."""
    entries = _entries(kind)
    used = sorted({e["source"] for e in entries.values()})
    rows = ["| source | what it is |", "|---|---|"]
    rows += [_row(key, _data()["sources"][key]) for key in used]
    rows += ["", "| function | strength | source | note |", "|---|---|---|---|"]
    for name, entry in sorted(entries.items()):
        rows.append(_row(name, entry["strength"], entry["source"], entry.get("note", "")))
    return "\n".join(rows) + "\n"


def _row(*cells: str) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def markers(kind: str) -> Sequence[str]:
    """The comment lines around the generated table in a Markdown page."""
    return (
        f"<!-- provenance table: {kind} (generated) -->",
        f"<!-- end of provenance table: {kind} -->",
    )


def replace_table(text: str, kind: str) -> str:
    """``text`` with the table between the markers of ``kind`` regenerated."""
    begin, end = markers(kind)
    head, found, rest = text.partition(begin + "\n")
    _, found_end, tail = rest.partition(end)
    if not found or not found_end:
        raise ValueError(f"the markers of the {kind} provenance table are missing")
    return head + begin + "\n" + markdown(kind) + end + tail


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m mailstore.emulator.provenance",
        description="Print (or write into a page) the provenance table of the emulated results.",
    )
    parser.add_argument("--kind", default="server", choices=kinds())
    parser.add_argument("--write", metavar="FILE", help="replace the table in this Markdown file")
    options = parser.parse_args(argv)
    if options.write is None:
        sys.stdout.write(markdown(options.kind))
        return 0
    page = Path(options.write)
    page.write_text(replace_table(page.read_text(encoding="utf-8"), options.kind), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
