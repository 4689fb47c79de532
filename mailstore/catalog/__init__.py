"""The function catalogs of the MailStore APIs, as shipped with this package.

``server.json`` describes the MailStore Server Administration API and ``spe.json``
the MailStore SPE Management API: every function with its arguments, their types
(``string``, ``number``, ``bool``, ``json``), whether they are optional, and the
values they accept where the API lists them, with short descriptions in our own words
(``summary``, ``details``, ``returns`` per function, ``doc`` per argument).

``overrides.json`` holds what makes the generated methods compatible with MailStore's own
wrapper (positional order, defaults, values sent for None, excluded entries); the generator
``python -m mailstore.catalog.generate`` turns all of it into ``mailstore/mgmt.py``.
``compare(metadata, kind)`` checks a server's get-metadata answer against a catalog.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any, Dict, List

from .compare import compare, format_report

__all__ = ["KINDS", "by_name", "compare", "format_report", "load"]

_HERE = Path(__file__).resolve().parent

KINDS = ("server", "spe")


@cache
def load(kind: str = "server") -> List[Dict[str, Any]]:
    """Return the catalog ``kind`` ("server" or "spe") as a list of function entries."""
    if kind not in KINDS:
        raise ValueError(f"unknown catalog {kind!r}; expected one of {', '.join(KINDS)}")
    with open(_HERE / f"{kind}.json", encoding="utf-8") as f:
        data: List[Dict[str, Any]] = json.load(f)
    return data


def by_name(kind: str = "server") -> Dict[str, Dict[str, Any]]:
    """Return the catalog ``kind`` as a dict keyed by function name."""
    return {entry["name"]: entry for entry in load(kind)}
