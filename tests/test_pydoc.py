"""pydoc is the users' reference: every API function shows up with its signature and doc."""

from __future__ import annotations

import inspect
import pydoc
import re
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, Type

import pytest

import mailstore
from mailstore.catalog import generate
from mailstore.mgmt import ServerClient, SPEClient

CLASSES: Dict[str, Type[Any]] = {"server": ServerClient, "spe": SPEClient}


def _render(cls: Type[Any]) -> str:
    return _unwrap(pydoc.render_doc(cls, renderer=pydoc.plaintext))


def _unwrap(text: str) -> str:
    """Undo the wrapping of long signatures (pydoc 3.13+), one line per signature as before."""
    out: list[str] = []
    params: list[str] | None = None
    for line in text.split("\n"):
        if params is not None:
            body = line[len(" |  ") :]
            if body.startswith(")"):
                out[-1] += ", ".join(params) + body
                params = None
            else:
                params.append(body.strip().rstrip(","))
            continue
        if line.startswith(" |  ") and line.endswith("(") and " " not in line[4:]:
            out.append(line)
            params = []
            continue
        out.append(line)
    return "\n".join(out)


def _section(text: str, header: str) -> str:
    """The lines pydoc prints for one method: its header line and the indented doc below."""
    start = text.index("\n |  " + header + "\n") + 1
    following = re.compile(r"\n \|  \S").search(text, start + len(header) + 5)
    return text[start : following.start() if following else len(text)]


@pytest.mark.parametrize("kind", list(CLASSES))
def test_every_function_appears_with_signature_and_doc(kind: str) -> None:
    cls = CLASSES[kind]
    text = _render(cls)
    for method in generate.build_methods(kind):
        func = getattr(cls, method.name)
        header = f"{method.name}{inspect.signature(func)}"
        assert f"\n |  {header}\n" in text, f"pydoc lacks the signature of {method.name}"
        section = _section(text, header)
        first_line = method.summary.split(". ")[0]
        assert first_line[:40] in section, method.name
        assert "Args:" in section and "Returns:" in section, method.name
        assert "autoHandleToken (bool, optional)" in section, method.name
        for p in method.params:
            assert f"{p.name} (" in section, (method.name, p.name)
        if method.long_running:
            assert "long-running" in section, method.name


def test_signatures_read_well_in_pydoc() -> None:
    text = _render(ServerClient)
    assert (
        "GetUserInfo(self, userName: str, autoHandleToken: Optional[bool] = None) -> Dict[str, Any]"
    ) in text
    assert "VerifyStore(self, id: int, includeIndexes: bool = True, " in text
    spe = _render(SPEClient)
    assert (
        "GetUsers(self, autoHandleToken: Optional[bool] = None, *, instanceID: Optional[str] = None)"
        in spe
    )


def test_class_docs_say_how_to_start() -> None:
    server = _render(ServerClient)
    assert "Client for the MailStore Server Administration API" in server
    assert "python -m pydoc mailstore.mgmt.ServerClient" in server
    assert "pydoc3" not in server  # a venv has no pydoc3; the global one sees another Python
    assert "port=8463" in server
    spe = _render(SPEClient)
    assert "Management API" in spe and "instanceID" in spe and "port=8474" in spe
    assert "python -m pydoc mailstore.mgmt.SPEClient" in spe
    for cls in CLASSES.values():  # Markdown on the reference pages: no reST "::" markers
        assert "::" not in (cls.__doc__ or "")
    # The hand-written core methods are documented too (inherited).
    for name in ("call", "GetStatus", "CancelAsync", "HandleToken", "YieldStatus", "GetMetadata"):
        assert f"\n |  {name}(" in server, name


def _doc(func: Any) -> str:
    return " ".join((inspect.getdoc(func) or "").split())


def test_allowed_values_and_returns_are_documented() -> None:
    doc = _doc(ServerClient.SetUserPrivileges)
    assert "privileges (str or list of str)" in doc
    assert "Any of: none, admin, login" in doc
    doc = _doc(ServerClient.AttachStore)
    assert "One of: FileSystemInternal, SQLServer, PostgreSQL" in doc
    doc = _doc(ServerClient.GetServerInfo)
    assert "version and machineName" in doc
    doc = _doc(ServerClient.VerifyStore)
    assert "GetStatus()" in doc and "CancelAsync()" in doc and "Defaults to True" in doc


@pytest.mark.parametrize("kind", list(CLASSES))
def test_class_doc_names_every_default_other_than_none(kind: str) -> None:
    """The class doc says optional arguments default to None: it names every exception."""
    doc = " ".join((CLASSES[kind].__doc__ or "").split())
    assert "None is left out of the request" in doc
    for method in generate.build_methods(kind):
        for p in method.params:
            if p.has_default and p.default is not None:
                named = f"{p.name}={generate.literal(p.default)} ("
                assert named in doc, (method.name, p.name)
                assert method.name in doc.split(named, 1)[1].split(")")[0], (method.name, p.name)


def test_pydoc_command_line() -> None:
    """What the docs tell users to run: ``python -m pydoc mailstore.mgmt.ServerClient``."""
    out = subprocess.run(
        [sys.executable, "-m", "pydoc", "mailstore.mgmt.ServerClient"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        cwd=str(Path(mailstore.__file__).resolve().parents[1]),
        env={"PAGER": "cat", "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"},
    ).stdout
    assert "class ServerClient" in out
    assert "GetUserInfo(self, userName: str" in out
