"""Read the packaged catalogs and their overrides (the JSON files in this directory)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any, Dict, List

HERE = Path(__file__).resolve().parent

KINDS = ("server", "spe")


@cache
def _read(name: str) -> Any:
    with open(HERE / name, encoding="utf-8") as f:
        return json.load(f)


def load(kind: str = "server") -> List[Dict[str, Any]]:
    """Return the catalog ``kind`` ("server" or "spe") as a list of function entries."""
    if kind not in KINDS:
        raise ValueError(f"unknown catalog {kind!r}; expected one of {', '.join(KINDS)}")
    data: List[Dict[str, Any]] = _read(f"{kind}.json")
    return data


def by_name(kind: str = "server") -> Dict[str, Dict[str, Any]]:
    """Return the catalog ``kind`` as a dict keyed by function name."""
    return {entry["name"]: entry for entry in load(kind)}


def overrides() -> Dict[str, Any]:
    """Return ``overrides.json``: how the Python methods take each function's arguments."""
    data: Dict[str, Any] = _read("overrides.json")
    return data
