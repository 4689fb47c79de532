"""The function catalogs, their overrides, the generator and the get-metadata comparison."""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List

import pytest

from mailstore import catalog
from mailstore.catalog import generate
from mailstore.catalog.spec import CatalogError

PACKAGE = Path(catalog.__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
# MailStore's own descriptions of its functions, to check that ours are not copies.
REFERENCE = json.loads((DATA / "mailstore-descriptions.json").read_text(encoding="utf-8"))
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


@pytest.mark.parametrize("kind", catalog.KINDS)
def test_catalog_has_every_function_of_the_reference(kind: str) -> None:
    """Every function MailStore's reference lists is catalogued, with the same arguments."""
    ours = {e["name"]: {a["name"] for a in e["args"]} for e in catalog.load(kind)}
    theirs = {name: set(entry["args"]) for name, entry in REFERENCE[kind].items()}
    assert sorted(ours) == sorted(theirs)
    assert {n: a for n, a in ours.items() if a != theirs[n]} == {}


def test_create_credential_is_catalogued_for_server() -> None:
    entry = catalog.by_name("server")["CreateCredential"]
    assert [a["name"] for a in entry["args"]][:2] == ["type", "description"]


def _words(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _copied(kind: str, entries: List[Dict[str, Any]]) -> List[str]:
    """The summaries and argument docs of ``entries`` that repeat MailStore's sentence."""
    theirs = REFERENCE[kind]
    copied = []
    for e in entries:
        ref = theirs[e["name"]]
        if ref["description"] and _words(ref["description"]) == _words(e["summary"]):
            copied.append(e["name"])
        for a in e["args"]:
            desc = ref["args"].get(a["name"]) or ""
            if desc and _words(desc) == _words(a["doc"]):
                copied.append(f"{e['name']}.{a['name']}")
    return copied


@pytest.mark.parametrize("kind", catalog.KINDS)
def test_docs_are_in_our_own_words(kind: str) -> None:
    """No summary or argument doc repeats MailStore's reference sentence."""
    assert _copied(kind, catalog.load(kind)) == []


def test_a_copied_sentence_is_found() -> None:
    entries = copy.deepcopy(catalog.load("server"))
    user_info = next(e for e in entries if e["name"] == "GetUserInfo")
    user_info["summary"] = REFERENCE["server"]["GetUserInfo"]["description"].upper() + "."
    user_info["args"][0]["doc"] = REFERENCE["server"]["GetUserInfo"]["args"]["userName"]
    assert _copied("server", entries) == ["GetUserInfo", "GetUserInfo.userName"]


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


def test_generated_modules_are_current() -> None:
    """mgmt.py, server.py and spe.py are what the generator writes; regenerate after a change."""
    for name, expected in generate.render().items():
        actual = (PACKAGE / name).read_bytes()
        assert actual == expected.encode("utf-8"), (
            f"mailstore/{name} is stale: run python -m mailstore.catalog.generate"
        )


RENDER = """
import hashlib, json
from mailstore.catalog import generate
files = generate.render()
print(json.dumps({n: hashlib.sha256(t.encode()).hexdigest() for n, t in files.items()}))
"""


def test_generation_does_not_depend_on_hash_order() -> None:
    """Two interpreters with different string hashing render the same bytes."""
    digests = []
    for seed in ("1", "4242"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        out = subprocess.run(
            [sys.executable, "-c", RENDER], env=env, capture_output=True, text=True, check=True
        )
        digests.append(json.loads(out.stdout))
    assert digests[0] == digests[1]
    assert sorted(digests[0]) == ["mgmt.py", "server.py", "spe.py"]


def test_generated_modules_have_the_do_not_edit_header() -> None:
    for name in generate.render():
        head = (PACKAGE / name).read_text(encoding="utf-8").splitlines()[:3]
        assert "generated — do not edit" in head[0]
        assert "python -m mailstore.catalog.generate" in "\n".join(head)


def test_a_line_too_long_is_an_error() -> None:
    inputs = _inputs()
    inputs["overrides"]["server"]["GetStores"]["defaults"]["includeSize"] = "x" * 120
    with pytest.raises(CatalogError, match="too long"):
        generate.render(inputs)


def test_check_mode(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert generate.main(["--dir", str(tmp_path)]) == 0
    for name, text in generate.render().items():
        assert (tmp_path / name).read_text(encoding="utf-8") == text
    assert generate.main(["--check", "--dir", str(tmp_path)]) == 0
    spe = tmp_path / "spe.py"
    spe.write_text(spe.read_text(encoding="utf-8").replace("instanceID: str", "x: str"), "utf-8")
    assert generate.main(["--check", "--dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "out of date" in err and "spe.py" in err and "mgmt.py" not in err.split("out of")[1]


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


# --------------------------------------------------------------------------- structure


def _catalog_imports() -> Dict[str, List[str]]:
    """``{module: [catalog modules it imports]}`` for the modules of mailstore/catalog."""
    import ast

    folder = Path(catalog.__file__).resolve().parent
    modules = {path.stem: path for path in folder.glob("*.py")}
    graph: Dict[str, List[str]] = {}
    for name, path in modules.items():
        targets = []
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                if node.module:
                    targets.append(node.module.split(".")[0])
                else:  # from . import x: a module, or a name of the package itself
                    targets += [a.name if a.name in modules else "__init__" for a in node.names]
        graph[name] = targets
    return graph


def test_no_import_cycle_inside_the_catalog_package() -> None:
    graph = _catalog_imports()
    assert "compare" in graph and "spec" in graph and "__init__" in graph

    def visit(name: str, path: List[str]) -> None:
        assert name not in path, " -> ".join(path + [name])
        for target in graph.get(name, []):
            visit(target, path + [name])

    for module in graph:
        visit(module, [])
