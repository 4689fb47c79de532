"""Every Server function's result shape says where it comes from; the docs table is the data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mailstore.catalog import load
from mailstore.emulator import provenance

ROOT = Path(__file__).resolve().parents[2]
SERVER_NAMES = sorted(entry["name"] for entry in load("server"))


def test_every_server_function_has_an_entry_and_no_other_does() -> None:
    assert sorted(provenance.table("server")) == SERVER_NAMES


@pytest.mark.parametrize("function", SERVER_NAMES)
def test_entries_are_well_formed(function: str) -> None:
    entry = provenance.lookup("server", function)
    assert entry is not None
    assert set(entry) <= {"strength", "source", "note"}
    assert entry["strength"] in provenance.STRENGTHS
    assert entry["source"] in provenance.sources().values()
    assert entry.get("note", "x").strip()


def test_lookup_of_unknown_names() -> None:
    assert provenance.lookup("server", "NoSuchFunction") is None
    assert provenance.lookup("server", "GetInstances") is None  # an SPE function
    assert provenance.lookup("nokind", "GetUsers") is None
    assert provenance.table("nokind") == {}


def test_lookup_hands_out_copies() -> None:
    entry = provenance.lookup("server", "GetServerInfo")
    assert entry is not None and entry["strength"] == "doc"
    entry["strength"] = "guess"
    assert provenance.lookup("server", "GetServerInfo")["strength"] == "doc"  # type: ignore[index]


def test_evidence_backed_shapes_are_marked_so() -> None:
    strengths = {name: e["strength"] for name, e in provenance.table("server").items()}
    assert strengths["GetLicenseInformation"] == "code"
    assert strengths["GetProfiles"] == "code"
    assert strengths["VerifyStore"] == "doc"
    assert strengths["GetTimeZones"] == "guess"


def test_the_docs_table_is_generated_from_the_data() -> None:
    page = (ROOT / "docs" / "emulator.md").read_text(encoding="utf-8")
    assert provenance.replace_table(page, "server") == page, (
        "docs/emulator.md is out of date: "
        "python -m mailstore.emulator.provenance --write docs/emulator.md"
    )


def test_write_replaces_only_the_table(tmp_path: Path) -> None:
    begin, end = provenance.markers("server")
    page = tmp_path / "page.md"
    page.write_text(f"# Title\n\n{begin}\n| stale |\n{end}\n\nAfter.\n", encoding="utf-8")
    assert provenance.main(["--write", str(page)]) == 0
    text = page.read_text(encoding="utf-8")
    assert text == f"# Title\n\n{begin}\n{provenance.markdown('server')}{end}\n\nAfter.\n"
    page.write_text("no markers\n", encoding="utf-8")
    with pytest.raises(ValueError):
        provenance.main(["--write", str(page)])


def test_import_loads_neither_the_server_nor_cryptography() -> None:
    code = (
        "import sys, mailstore.emulator.provenance as p; p.lookup('server', 'GetUsers'); "
        "print(sorted(m for m in sys.modules if m.startswith('cryptography') "
        "or m in ('mailstore.emulator.server', 'mailstore.emulator.functions')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
