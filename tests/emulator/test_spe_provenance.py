"""Every SPE function's result shape says where it comes from; the docs table is the data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mailstore.catalog import load
from mailstore.emulator import provenance

ROOT = Path(__file__).resolve().parents[2]
SPE_NAMES = sorted(entry["name"] for entry in load("spe"))


def test_every_spe_function_has_an_entry_and_no_other_does() -> None:
    assert sorted(provenance.table("spe")) == SPE_NAMES


@pytest.mark.parametrize("function", SPE_NAMES)
def test_entries_are_well_formed(function: str) -> None:
    entry = provenance.lookup("spe", function)
    assert entry is not None
    assert set(entry) <= {"strength", "source", "note"}
    assert entry["strength"] in provenance.STRENGTHS
    assert entry["source"] in provenance.sources().values()


def test_shared_functions_stand_for_their_server_entry() -> None:
    stored = json.loads(provenance.DATA_FILE.read_text(encoding="utf-8"))["functions"]["spe"]
    shared = [name for name, entry in stored.items() if "same_as" in entry]
    assert "GetUsers" in shared and "GetInstances" not in shared
    for name in shared:
        assert provenance.lookup("spe", name) == provenance.lookup("server", name)


def test_evidence_backed_spe_shapes_are_marked_so() -> None:
    strengths = {name: e["strength"] for name, e in provenance.table("spe").items()}
    assert strengths["GetEnvironmentInfo"] == "doc"
    assert strengths["CreateLicenseRequest"] == "doc"
    assert strengths["GetInstances"] == "code"
    assert strengths["GetServiceStatus"] == "code"
    assert strengths["StartInstances"] == "guess"
    assert strengths["GetSystemAdministrators"] == "guess"
    note = provenance.lookup("spe", "TransferStores")
    assert note is not None and "unknown function" in note["note"]


def test_the_docs_table_is_generated_from_the_data() -> None:
    page = (ROOT / "docs" / "emulator.md").read_text(encoding="utf-8")
    assert provenance.replace_table(page, "spe") == page, (
        "docs/emulator.md is out of date: "
        "python -m mailstore.emulator.provenance --kind spe --write docs/emulator.md"
    )
