"""The function catalogs, their overrides, the generator and the get-metadata comparison."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any, Dict, List

import pytest

from mailstore import catalog
from mailstore.catalog import generate
from mailstore.catalog.generate import CatalogError

PACKAGE = Path(catalog.__file__).resolve().parent.parent
MGMT = PACKAGE / "mgmt.py"
SHARED_API = PACKAGE.parent.parent / "shared" / "api"
TYPES = {"string", "number", "bool", "json"}


# --------------------------------------------------------------------------- catalogs


@pytest.mark.parametrize("kind", catalog.KINDS)
def test_catalog_entries_are_complete(kind: str) -> None:
    entries = catalog.load(kind)
    names = [e["name"] for e in entries]
    assert len(names) == len(set(names))
    for e in entries:
        # The keys other code (the emulator, the core) relies on keep their meaning.
        assert isinstance(e["name"], str) and e["name"].isidentifier()
        assert isinstance(e["long_running"], bool)
        assert isinstance(e["summary"], str) and e["summary"].strip(), e["name"]
        assert len(e["summary"]) <= 90, e["name"]
        for a in e["args"]:
            assert a["type"] in TYPES, (e["name"], a)
            assert isinstance(a["optional"], bool)
            assert isinstance(a.get("doc"), str) and a["doc"].strip(), (e["name"], a["name"])
            assert all(isinstance(v, str) for v in a.get("values", []))


def test_catalog_sizes() -> None:
    assert len(catalog.load("server")) == 90
    spe = catalog.load("spe")
    assert len(spe) == 129
    assert sum(1 for e in spe if e.get("verified") is not False) == 122


def test_create_credential_is_catalogued_for_server() -> None:
    entry = catalog.by_name("server")["CreateCredential"]
    assert [a["name"] for a in entry["args"]][:2] == ["type", "description"]


def _words(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


@pytest.mark.parametrize("kind", catalog.KINDS)
def test_docs_are_in_our_own_words(kind: str) -> None:
    """No summary or argument doc repeats MailStore's reference sentence."""
    path = SHARED_API / f"{kind}-functions.json"
    if not path.exists():
        pytest.skip("MailStore's reference catalog is not available here")
    theirs = {e["name"]: e for e in json.loads(path.read_text(encoding="utf-8"))}
    copied = []
    for e in catalog.load(kind):
        ref = theirs.get(e["name"])
        if not ref:
            continue
        if ref.get("description") and _words(ref["description"]) == _words(e["summary"]):
            copied.append(e["name"])
        ref_args = {a["name"]: a for a in ref.get("args", [])}
        for a in e["args"]:
            desc = ref_args.get(a["name"], {}).get("description") or ""
            if desc and _words(desc) == _words(a["doc"]):
                copied.append(f"{e['name']}.{a['name']}")
    assert copied == []


# --------------------------------------------------------------------------- overrides


def test_overrides_are_consistent() -> None:
    for kind in catalog.KINDS:
        assert generate.build_methods(kind)


def test_unverified_spe_entries_are_included_only_with_known_arguments() -> None:
    methods = {m.name for m in generate.build_methods("spe")}
    for e in catalog.load("spe"):
        if e.get("verified") is False:
            assert (e["name"] in methods) == bool(e["args"]), e["name"]
    assert {"GetMessages", "DeleteMessage"} <= methods
    assert "CreateCredential" not in methods
    assert "CreateCredential" in {m.name for m in generate.build_methods("server")}


def _inputs() -> Dict[str, Any]:
    return copy.deepcopy(generate.load_inputs())


def test_override_for_an_unknown_function_is_an_error() -> None:
    inputs = _inputs()
    inputs["overrides"]["server"]["NoSuchFunction"] = {"required": []}
    with pytest.raises(CatalogError, match="NoSuchFunction"):
        generate.build_methods("server", inputs)


def test_override_for_an_unknown_argument_is_an_error() -> None:
    inputs = _inputs()
    inputs["overrides"]["server"]["GetUserInfo"] = {"defaults": {"username": None}}
    with pytest.raises(CatalogError, match="username"):
        generate.build_methods("server", inputs)


def test_required_after_default_is_an_error() -> None:
    inputs = _inputs()
    inputs["overrides"]["server"]["MoveFolder"] = {"defaults": {"fromFolder": None}}
    with pytest.raises(CatalogError, match="toFolder"):
        generate.build_methods("server", inputs)


def test_unverified_entry_without_arguments_must_be_excluded() -> None:
    inputs = _inputs()
    del inputs["overrides"]["spe"]["TransferStores"]
    with pytest.raises(CatalogError, match="TransferStores"):
        generate.build_methods("spe", inputs)


def test_keyword_only_argument_needs_a_default() -> None:
    inputs = _inputs()
    inputs["overrides"]["server"]["MoveFolder"] = {"order": ["fromFolder"]}
    with pytest.raises(CatalogError, match="toFolder"):
        generate.build_methods("server", inputs)


# --------------------------------------------------------------------------- generator


def test_generated_module_is_current() -> None:
    """mgmt.py is exactly what the generator writes; regenerate after changing the catalog."""
    expected = generate.render()
    actual = MGMT.read_bytes().decode("utf-8")
    assert actual == expected, (
        "mailstore/mgmt.py is stale: run python -m mailstore.catalog.generate"
    )
    assert MGMT.read_bytes() == expected.encode("utf-8")


def test_generation_is_deterministic() -> None:
    assert generate.render() == generate.render(_inputs())


def test_generated_module_has_the_do_not_edit_header() -> None:
    head = MGMT.read_text(encoding="utf-8").splitlines()[:3]
    assert "generated — do not edit" in head[0]
    assert "python -m mailstore.catalog.generate" in "\n".join(head)


def test_generated_lines_fit(tmp_path: Path) -> None:
    for line in generate.render().splitlines():
        assert len(line) <= generate.LINE_LENGTH
        assert line == line.rstrip()


def test_check_mode(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "mgmt.py"
    assert generate.main(["--output", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == generate.render()
    assert generate.main(["--check", "--output", str(out)]) == 0
    out.write_text(out.read_text(encoding="utf-8").replace("List all users.", "x"), "utf-8")
    assert generate.main(["--check", "--output", str(out)]) == 1
    assert "out of date" in capsys.readouterr().err


def test_methods_are_sorted() -> None:
    for kind in catalog.KINDS:
        names = [m.name for m in generate.build_methods(kind)]
        assert names == sorted(names)


# --------------------------------------------------------------------------- compare


def _metadata(kind: str) -> List[Dict[str, Any]]:
    """What a server whose functions match the catalog exactly would answer."""
    data: List[Dict[str, Any]] = [
        {"name": "get-status", "args": [], "path": "api/"},
        {"name": "get-metadata", "args": [], "path": "api/"},
    ]
    for e in catalog.load(kind):
        data.append(
            {
                "name": e["name"],
                "args": [
                    {"name": a["name"], "type": a["type"], "nullable": a["optional"]}
                    for a in e["args"]
                ],
            }
        )
    return data


@pytest.mark.parametrize("kind", catalog.KINDS)
def test_compare_identical(kind: str) -> None:
    report = catalog.compare(_metadata(kind), kind)
    assert report["identical"] is True
    assert report["missing_in_catalog"] == []
    assert report["missing_on_server"] == []
    assert report["arguments"] == {}
    assert "no differences" in catalog.format_report(report)


def test_compare_reports_functions_and_arguments() -> None:
    meta = _metadata("server")
    meta = [m for m in meta if m["name"] != "GetJobs"]
    meta.append({"name": "GetNewThing", "args": [{"name": "x", "type": "string"}]})
    for m in meta:
        if m["name"] == "GetUserInfo":
            m["args"].append({"name": "includeMfa", "type": "bool", "nullable": True})
        if m["name"] == "VerifyStore":
            m["args"] = [
                {"name": "id", "type": "string", "nullable": False},
                {"name": "includeIndexes", "type": "bool", "nullable": True},
            ]
        if m["name"] == "MoveFolder":
            m["args"] = [{"name": "fromFolder", "type": "string", "nullable": False}]
    report = catalog.compare(meta, "server")
    assert report["identical"] is False
    assert report["missing_in_catalog"] == ["GetNewThing"]
    assert report["missing_on_server"] == ["GetJobs"]
    assert report["arguments"] == {
        "GetUserInfo": {"missing_in_catalog": ["includeMfa"]},
        "MoveFolder": {"missing_on_server": ["toFolder"]},
        "VerifyStore": {
            "type": {"id": {"catalog": "number", "server": "string"}},
            "optional": {"includeIndexes": {"catalog": False, "server": True}},
        },
    }
    text = catalog.format_report(report)
    for word in ("GetNewThing", "GetJobs", "includeMfa", "toFolder", "VerifyStore"):
        assert word in text


def test_compare_confirms_unverified_spe_entries() -> None:
    meta = _metadata("spe")
    report = catalog.compare(meta, "spe")
    assert "GetMessages" in report["unverified_confirmed"]
    meta = [m for m in meta if m["name"] != "TransferStores"]
    assert catalog.compare(meta, "spe")["missing_on_server"] == ["TransferStores"]


def test_compare_accepts_other_shapes() -> None:
    meta = _metadata("server")
    envelope = {"statusCode": "succeeded", "result": meta}
    keyed = {m["name"]: {"args": m["args"]} for m in meta}
    assert catalog.compare(envelope)["identical"]
    assert catalog.compare(keyed)["identical"]
    with pytest.raises(TypeError):
        catalog.compare("nonsense")
    with pytest.raises(TypeError):
        catalog.compare([{"args": []}])


def test_compare_with_a_given_catalog() -> None:
    mine = [{"name": "Ping", "args": []}]
    report = catalog.compare([{"name": "Ping", "args": []}], "spe", catalog=mine)
    assert report["identical"]
