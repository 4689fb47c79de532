"""Every function's result shape (Server and SPE) says where it comes from; the docs tables
are the data."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mailstore.catalog import load
from mailstore.emulator import provenance

ROOT = Path(__file__).resolve().parents[2]
KINDS = ("server", "spe")
NAMES = {kind: sorted(entry["name"] for entry in load(kind)) for kind in KINDS}


@pytest.mark.parametrize("kind", KINDS)
def test_every_function_has_an_entry_and_no_other_does(kind: str) -> None:
    assert sorted(provenance.table(kind)) == NAMES[kind]


@pytest.mark.parametrize(("kind", "function"), [(k, name) for k in KINDS for name in NAMES[k]])
def test_entries_are_well_formed(kind: str, function: str) -> None:
    entry = provenance.lookup(kind, function)
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


def test_shared_spe_functions_stand_for_their_server_entry() -> None:
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
    entry = provenance.lookup("spe", "TransferStores")
    assert entry is not None and "unknown function" in entry["note"]


@pytest.mark.parametrize("kind", KINDS)
def test_the_docs_table_is_generated_from_the_data(kind: str) -> None:
    page = (ROOT / "docs" / "emulator.md").read_text(encoding="utf-8")
    assert provenance.replace_table(page, kind) == page, (
        "docs/emulator.md is out of date: "
        f"python -m mailstore.emulator.provenance --kind {kind} --write docs/emulator.md"
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
