"""Every Python snippet in README.md and docs/*.md runs, and the site builds in strict mode.

Snippets are the fenced blocks marked ```python (or ```py). The blocks of one page run in
order, in one fresh Python process and one namespace (like a notebook), with MAILSTORE_*
pointing at an emulator of the page's own. Functions named ``test_*`` that a page defines are
then called, with a fresh emulator for a ``mailstore_emulator`` (or ``mailstore_spe_emulator``)
parameter, the way the pytest plugin would.

A block that must not run (pseudo-code, a real server's address) is marked by the line
``<!-- no-test -->`` right before its fence. Other fences (console, text, ...) are not run.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any, Dict, List

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
NO_TEST = "<!-- no-test -->"
RUNNABLE = {"python", "py"}
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<lang>[\w+-]*)")

RUNNER = r"""
import inspect, json, sys

page, blocks_file = sys.argv[1], sys.argv[2]
with open(blocks_file, encoding="utf-8") as handle:
    blocks = json.load(handle)
namespace = {"__name__": "__main__"}
for block in blocks:
    code = compile("\n" * (block["line"] - 1) + block["code"], page, "exec")
    exec(code, namespace)

def emulator(fixture):
    if fixture == "mailstore_spe_emulator":
        from mailstore.emulator.spe import SpeEmulator

        return SpeEmulator()
    from mailstore.emulator import Emulator

    return Emulator()


for name, value in list(namespace.items()):
    if not name.startswith("test_") or not inspect.isfunction(value):
        continue
    params = list(inspect.signature(value).parameters)
    if set(params) - {"mailstore_emulator", "mailstore_spe_emulator"}:
        print(f"SKIPPED {name}{tuple(params)}", file=sys.stderr)
        continue
    if params:
        with emulator(params[0]) as fixture:
            value(fixture)
    else:
        value()
    print(f"RAN {name}", file=sys.stderr)
"""


def snippets(path: Path) -> List[Dict[str, Any]]:
    """The runnable blocks of a Markdown page: code (dedented), first line number, flags."""
    lines = path.read_text(encoding="utf-8").splitlines()
    blocks: List[Dict[str, Any]] = []
    i = 0
    while i < len(lines):
        match = FENCE.match(lines[i])
        if not match:
            i += 1
            continue
        fence, indent = match["fence"], match["indent"]
        start = i + 1
        end = start
        while end < len(lines) and not lines[end].strip().startswith(fence):
            end += 1
        previous = next((lines[j].strip() for j in range(i - 1, -1, -1) if lines[j].strip()), "")
        if match["lang"].lower() in RUNNABLE and previous != NO_TEST:
            body = [
                line[len(indent) :] if line.startswith(indent) else line
                for line in lines[start:end]
            ]
            code = textwrap.dedent("\n".join(body)) + "\n"
            blocks.append({"code": code, "line": start + 1})
        i = end + 1
    return blocks


def page_id(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_the_convention_finds_blocks() -> None:
    sample = ROOT / "docs" / "quickstart.md"
    assert len(snippets(sample)) >= 4
    assert all(p.exists() for p in PAGES)


@pytest.mark.parametrize("page", [p for p in PAGES if snippets(p)], ids=page_id)
def test_python_snippets_run(page: Path, mailstore_emulator_data_dir: str, tmp_path: Path) -> None:
    from mailstore.emulator import Emulator

    blocks = snippets(page)
    blocks_file = tmp_path / "blocks.json"
    blocks_file.write_text(json.dumps(blocks), encoding="utf-8")
    runner = tmp_path / "run_snippets.py"
    runner.write_text(RUNNER, encoding="utf-8")
    with Emulator(
        data_dir=mailstore_emulator_data_dir, step_interval=0.01
    ) as emu:  # tasks in ~0.7 s
        env = {k: v for k, v in os.environ.items() if not k.startswith("MAILSTORE_")}
        env.update(
            MAILSTORE_HOST=emu.host,
            MAILSTORE_PORT=str(emu.port),
            MAILSTORE_USERNAME="admin",
            MAILSTORE_PASSWORD="admin",
            MAILSTORE_CA_BUNDLE=emu.ca_file,
            MAILSTORE_EMULATOR_HOME=mailstore_emulator_data_dir,
            PYTHONIOENCODING="utf-8",
            PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        )
        done = subprocess.run(
            [sys.executable, str(runner), page_id(page), str(blocks_file)],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
        )
    assert done.returncode == 0, f"{page_id(page)}:\n{done.stdout}\n{done.stderr}"


def test_readme_keeps_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in (
        "python3 -m venv .venv && . .venv/bin/activate && pip install '.[emulator]' && "
        "python examples/run_examples.py",
        "python3 -m venv .venv && . .venv/bin/activate && pip install '.[test]' && "
        "python -m pytest -q",
    ):
        assert f"```sh\n{command}\n```" in readme


def test_pages_link_to_the_shared_pages() -> None:
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for page in ("cli.md", "emulator.md", "performance.md", "reliability.md"):
        assert page in nav


@pytest.mark.skipif(importlib.util.find_spec("mkdocs") is None, reason="mkdocs is not installed")
def test_mkdocs_build_strict(tmp_path: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    reference = (tmp_path / "site" / "reference" / "server-client" / "index.html").read_text(
        encoding="utf-8"
    )
    for name in ("GetUserInfo", "SetUserPrivilegesOnFolder", "VerifyStore", "userName"):
        assert name in reference


def test_pydoc_is_named_as_a_venv_has_it() -> None:
    """A virtual environment has no pydoc3: every command line says python -m pydoc."""
    sources = [*PAGES, *sorted((ROOT / "mailstore").rglob("*.py"))]
    offending = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sources
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"(?<!-m )\bpydoc3? +mailstore", line)
    ]
    assert offending == []
    assert "python -m pydoc mailstore.mgmt.ServerClient" in (ROOT / "README.md").read_text(
        encoding="utf-8"
    )
