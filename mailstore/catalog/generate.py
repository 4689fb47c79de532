"""Write the generated client modules from the function catalogs and their overrides.

Usage::

    python -m mailstore.catalog.generate            # (re)write the modules
    python -m mailstore.catalog.generate --check    # exit 1 if one is not current
    python -m mailstore.catalog.generate --dir DIR  # write them into DIR instead

The modules, all in the ``mailstore`` package:

* ``mgmt.py``: ``BaseClient`` with the functions both APIs have (once), ``ServerClient``
  with the Server's own functions, and ``SPEClient`` with the SPE's own functions. SPE
  functions that act on one instance take a per-call ``instanceID``, so ``SPEClient``
  re-declares each shared one with that extra keyword (signature and body only: the doc is
  inherited from ``BaseClient``).
* ``server.py`` and ``spe.py``: ``Client``, the 2014 wrapper's class, as a subclass of
  ``ServerClient`` / ``SPEClient`` that re-declares only the methods whose 2014 signature
  differs (on SPE: ``instanceID`` first).

The method specs come from :mod:`mailstore.catalog.spec`. The output is plain Python that
``ruff check``, ``ruff format --check`` and ``mypy --strict`` accept as it is, sorted by
function name and free of timestamps and of anything that depends on hash order, so the
same inputs always give the same bytes. Standard library only.
"""

from __future__ import annotations

import argparse
import difflib
import sys
import textwrap
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence

from .spec import (
    CatalogError,
    Method,
    Param,
    build_methods,
    literal,
    load_inputs,
)

PACKAGE = Path(__file__).resolve().parent.parent
LINE_LENGTH = 100
DOC_WIDTH = LINE_LENGTH - 8  # method docstrings are indented by 8 spaces

PY_TYPES = {"string": "str", "number": "int", "bool": "bool", "json": "JSONValue"}
DOC_TYPES = {"string": "str", "number": "int", "bool": "bool", "json": "dict, list or JSON str"}
COMMA_LIST_PY = "StrList"
COMMA_LIST_DOC = "str or list of str"
DATE_PY = "DateArg"
DATE_DOC = "str, datetime or date"

HEADER = """\
# mailstore/{module}.py: generated — do not edit.
# Generated from mailstore/catalog (server.json, spe.json, overrides.json) by
# `python -m mailstore.catalog.generate`; change those files and regenerate.
"""

# --------------------------------------------------------------------------- source pieces


def annotation(p: Param) -> str:
    base = COMMA_LIST_PY if p.comma_list else DATE_PY if p.date else PY_TYPES[p.type]
    if p.has_default and (p.default is None or p.api_optional):
        return f"Optional[{base}]"
    return base


def param_source(p: Param) -> str:
    text = f"{p.name}: {annotation(p)}"
    if p.has_default:
        text += f" = {literal(p.default)}"
    return text


def _joined(open_: str, items: List[str], close: str, indent: int) -> List[str]:
    """``open_ item, item close`` on one line if it fits, else one item per line (ruff style)."""
    pad = " " * indent
    one = f"{pad}{open_}{', '.join(items)}{close}"
    if len(one) <= LINE_LENGTH:
        return [one]
    inner = " " * (indent + 4)
    return [f"{pad}{open_}"] + [f"{inner}{item}," for item in items] + [f"{pad}{close.lstrip()}"]


def signature(m: Method, *, instance: bool, ignore: str = "") -> List[str]:
    """The ``def`` line(s); ``instance``: the method takes instanceID (keyword-only or first)."""
    items = ["self"]
    if instance and m.instance_first:
        items.append("instanceID: str")
    items += [param_source(p) for p in m.params if not p.keyword_only]
    items.append("autoHandleToken: Optional[bool] = None")
    keyword_only = [param_source(p) for p in m.params if p.keyword_only]
    if instance and not m.instance_first:
        keyword_only.append("instanceID: Optional[str] = None")
    if keyword_only:
        items += ["*"] + keyword_only
    close = ") -> Status:" + (f"  # type: ignore[{ignore}]" if ignore else "")
    lines = _joined(f"def {m.name}(", items, close, 4)
    if ignore and len(lines) > 1:  # mypy reports an override on the def's first line
        lines[0] += f"  # type: ignore[{ignore}]"
        lines[-1] = lines[-1].split("  #")[0]
    return lines


def body(m: Method, *, instance: bool) -> List[str]:
    by_name = {p.name: p for p in m.params}
    entries = []
    for name in m.api_order:
        if name == "instanceID":
            if instance:
                entries.append('"instanceID": instanceID')
        else:
            entries.append(f'"{name}": {by_name[name].value_expr()}')
    mapping = "{" + ", ".join(entries) + "}"
    dates: List[str] = []
    if m.date_args:
        names = ", ".join(f'"{n}"' for n in m.date_args)
        dates = [f"({names}{',' if len(m.date_args) == 1 else ''})", literal(m.zone_arg)]
    arguments = f"with_dates({', '.join([mapping, *dates])})" if dates else mapping
    call_args = [f'"{m.name}"', arguments, "autoHandleToken"]
    if m.json_args:
        call_args.append("json_args=(" + ", ".join(f'"{n}"' for n in m.json_args) + ",)")
    if m.long_running:
        call_args.append("long_running=True")
    lines = []
    if m.was_autoHandleToken:
        name = m.was_autoHandleToken
        lines += [
            f"        if isinstance({name}, bool):  # the 2018-2021 wrappers' autoHandleToken",
            f"            {name}, autoHandleToken = None, {name}",
        ]
    one = f"        return self._invoke({', '.join(call_args)})"
    if len(one) <= LINE_LENGTH:
        return lines + [one]
    lines.append("        return self._invoke(")
    for arg in call_args:
        if arg == arguments:
            lines += _arguments_lines(arguments, entries, dates)
        else:
            lines.append(f"            {arg},")
    lines.append("        )")
    return lines


def _arguments_lines(one: str, entries: List[str], dates: List[str]) -> List[str]:
    """The request's arguments as an argument of ``_invoke`` (indent 12), split as ruff does."""
    if not dates:
        return _joined("{", entries, "},", 12)
    if len(f"{' ' * 12}{one},") <= LINE_LENGTH:
        return [f"{' ' * 12}{one},"]
    inner = ", ".join(["{" + ", ".join(entries) + "}", *dates])
    if len(" " * 16 + inner) <= LINE_LENGTH:
        return ["            with_dates(", " " * 16 + inner, "            ),"]
    items = _joined("{", entries, "},", 16) + [f"{' ' * 16}{d}," for d in dates]
    return ["            with_dates(", *items, "            ),"]


# --------------------------------------------------------------------------- docstrings


def _wrap(text: str, indent: int, hanging: int = 4, width: int = DOC_WIDTH) -> List[str]:
    """Wrap ``text`` for a docstring body whose lines get 8 more spaces in the file."""
    prefix = " " * indent
    return textwrap.wrap(
        text,
        width=width,
        initial_indent=prefix,
        subsequent_indent=prefix + " " * hanging,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def param_doc(p: Param) -> str:
    kind = COMMA_LIST_DOC if p.comma_list else DATE_DOC if p.date else DOC_TYPES[p.type]
    if p.has_default:
        kind += ", optional"
    text = f"{p.name} ({kind}): {_sentence(p.doc)}"
    if p.values:
        lead = "Any of" if p.comma_list else "One of"
        text += f" {lead}: {', '.join(p.values)}."
    if p.has_default and p.default is not None:
        text += f" Defaults to {literal(p.default)}."
    if p.if_none is not None and p.if_none == p.if_empty:
        text += f" None or an empty value sends {p.if_none}."
    elif p.if_none is not None:
        text += f" None sends {p.if_none}."
    elif p.if_empty is not None:
        text += f" An empty value sends {p.if_empty}."
    if p.keyword_only:
        text += " Keyword-only."
    return text


AUTO_HANDLE_TOKEN_DOC = (
    "autoHandleToken (bool, optional): Wait for a task's end; None: the client's setting."
)
LONG_RUNNING_NOTE = (
    "Can run as a long-running task: see autoHandleToken, GetStatus() and CancelAsync()."
)


def docstring(m: Method) -> List[str]:
    body: List[str] = _wrap(_sentence(m.summary), 0, hanging=0, width=DOC_WIDTH - 3)
    if m.details:
        body += [""] + _wrap(m.details, 0, hanging=0)
    body += ["", "Args:"]
    body += [line for p in m.params if not p.keyword_only for line in _wrap(param_doc(p), 4)]
    body += _wrap(AUTO_HANDLE_TOKEN_DOC, 4)
    body += [line for p in m.params if p.keyword_only for line in _wrap(param_doc(p), 4)]
    body += ["", "Returns:"]
    if m.returns:
        body += _wrap(f"Status: On success, result is {_sentence(m.returns)}", 4)
    else:
        body += _wrap("Status: The server's status dict; the data, if any, is in result.", 4)
    if m.long_running:
        body += ["", "Note:"] + _wrap(LONG_RUNNING_NOTE, 4, hanging=0)
    return triple_quoted(body, " " * 8)


def triple_quoted(body: Sequence[str], pad: str) -> List[str]:
    lines = []
    for i, line in enumerate(body):
        if '"""' in line or "\\" in line:
            raise CatalogError(f"docstring text may not hold triple quotes or backslashes: {line}")
        text = line.rstrip()
        if i == 0:
            lines.append(f'{pad}"""{text}')
        else:
            lines.append(f"{pad}{text}" if text else "")
    lines.append(f'{pad}"""')
    return lines


# --------------------------------------------------------------------------- mgmt.py

MGMT_DOC = '''\
"""Clients for the MailStore Server Administration API and the MailStore SPE Management API.

ServerClient and SPEClient have one method per API function, with MailStore's function and
argument names, generated from the function catalogs in mailstore/catalog. BaseClient holds
the functions both APIs have, as in MailStore's own wrappers since 2018. Every method returns
the server's status dict; the function's data is in its "result" key.

Reference: python -m pydoc mailstore.mgmt.ServerClient (or mailstore.mgmt.SPEClient).
"""

from typing import AbstractSet, Any, Dict, List, Optional, Sequence, Union

from ._arguments import friendly_arguments
from ._client import BaseClient as _Core
from ._client import ServerCore, SPECore, Status
from .dates import DateArg, with_dates

__all__ = ["BaseClient", "DateArg", "SPEClient", "ServerClient"]

#: A ``json`` argument: a dict or list (sent JSON-encoded) or a str (sent as it is).
JSONValue = Union[Dict[str, Any], List[Any], str]
#: A comma-list argument: a str, or a sequence or set of str (sent joined with commas).
StrList = Union[str, Sequence[str], AbstractSet[str]]
'''

ARGUMENTS_DOC = """\
One method per API function, named like the function, with the function's arguments under
MailStore's names: required ones first (by position or by name), then the optional ones. An
optional argument that is None is left out of the request. {defaults}

A date argument also takes a datetime or a date: a naive one is read in the call's time
zone (the server's own by default), an aware one is sent in UTC with the time zone argument
"UTC", whatever the server's zone (see mailstore.dates).

Every method also takes autoHandleToken. A function that starts a long-running task answers
"running" with a token: with autoHandleToken (the client's default) the call follows the
task and returns its final status; with autoHandleToken=False it returns the first status,
to follow with GetStatus() or stop with CancelAsync().

Every call returns the server's status dict (statusCode, result, error, token,
statusVersion, percentProgress, statusText, logOutput); the function's data is in result.
A wrong argument name or count raises mailstore.errors.ArgumentError (a TypeError)."""

BASE_DOC = """\
The API functions that MailStore Server and SPE both have.

Use ServerClient or SPEClient, which have these methods and their own.

{arguments}"""

SERVER_DOC = """\
Client for the MailStore Server Administration API.

{arguments}

Create it with the arguments of MailStore's own Python wrapper (username, password, host,
port=8463, autoHandleToken, waitTime, callback, logLevel, ignoreInvalidSSLCerts). For
example:

    import mailstore
    client = mailstore.mgmt.ServerClient(username="admin", password="secret",
                                         host="archive.example.com")
    print(client.GetServerInfo()["result"]["version"])

A function not listed here is reachable with call("FunctionName", {{"argument": value}}).
Read this reference with: python -m pydoc mailstore.mgmt.ServerClient"""

SPE_DOC = """\
Client for the MailStore Service Provider Edition (SPE) Management API.

{arguments}

Create it with the arguments of MailStore's own Python wrapper (username, password, host,
port=8474, autoHandleToken, waitTime, callback, logLevel, ignoreInvalidSSLCerts,
instanceID). Functions that act on one instance take a keyword-only instanceID; when a call
leaves it out, the instanceID given to the constructor is used. For example:

    import mailstore
    client = mailstore.mgmt.SPEClient(username="admin", password="secret",
                                      host="spe.example.com", instanceID="customer1")
    client.GetUsers()                         # users of instance customer1
    client.GetUsers(instanceID="customer2")   # a per-call value wins

A function not listed here is reachable with call("FunctionName", {{"argument": value}}).
Read this reference with: python -m pydoc mailstore.mgmt.SPEClient"""


def _defaults_sentence(methods: Sequence[Method]) -> str:
    """Name every parameter whose default is not None, with the methods that have it."""
    uses: Dict[str, List[str]] = {}
    for m in methods:
        for p in m.params:
            if p.has_default and p.default is not None:
                uses.setdefault(f"{p.name}={literal(p.default)}", []).append(m.name)
    if not uses:
        return ""
    items = [f"{arg} ({', '.join(sorted(names))})" for arg, names in sorted(uses.items())]
    return "These default to the value of MailStore's wrapper instead: " + "; ".join(items) + "."


def class_doc(template: str, methods: Sequence[Method]) -> List[str]:
    arguments = ARGUMENTS_DOC.format(defaults=_defaults_sentence(methods))
    text = template.format(arguments=arguments)
    lines: List[str] = []
    for paragraph in text.split("\n\n"):
        if lines:
            lines.append("")
        if paragraph.startswith("    ") or "\n    " in paragraph:
            lines += paragraph.split("\n")  # a code example: as it is
        else:
            lines += _wrap(" ".join(paragraph.split()), 0, hanging=0)
    return triple_quoted(lines, " " * 4)


def shared_methods(server: Sequence[Method], spe: Sequence[Method]) -> Dict[str, Method]:
    """The methods that are the same on both APIs, apart from SPE's instanceID."""
    spe_by_name = {m.name: m for m in spe}
    shared = {}
    for m in server:
        other = spe_by_name.get(m.name)
        if other is not None and _same(m, other):
            shared[m.name] = m
    return shared


def _same(server: Method, spe: Method) -> bool:
    def key(m: Method) -> Any:
        return (
            m.summary,
            m.details,
            m.returns,
            m.long_running,
            m.params,
            m.was_autoHandleToken,
            tuple(a for a in m.api_order if a != "instanceID"),
        )

    return key(server) == key(spe) and spe.instance


def method_source(m: Method, *, instance: bool, doc: bool = True, ignore: str = "") -> List[str]:
    lines = signature(m, instance=instance, ignore=ignore)
    if doc:
        lines += docstring(m)
    return lines + body(m, instance=instance)


def render_mgmt(server: Sequence[Method], spe: Sequence[Method]) -> str:
    shared = shared_methods(server, spe)
    out = [HEADER.format(module="mgmt") + MGMT_DOC.rstrip("\n")]

    def add_class(head: str, doc: List[str], extra: List[str], methods: List[List[str]]) -> None:
        out.extend(["", "", "@friendly_arguments", head])
        out.extend(doc)
        if extra:
            out.append("")
            out.extend(extra)
        for lines in methods:
            out.append("")
            out.extend(lines)

    add_class(
        "class BaseClient(_Core):",
        class_doc(BASE_DOC, list(shared.values())),
        [],
        [method_source(m, instance=False) for m in shared.values()],
    )
    add_class(
        "class ServerClient(BaseClient, ServerCore):",
        class_doc(SERVER_DOC, server),
        [],
        [method_source(m, instance=False) for m in server if m.name not in shared],
    )
    instance_functions = [m.name for m in spe if m.instance]
    add_class(
        "class SPEClient(BaseClient, SPECore):",
        class_doc(SPE_DOC, spe),
        ["    _instance_functions = frozenset(", "        {"]
        + [f'            "{name}",' for name in instance_functions]
        + ["        }", "    )"],
        [method_source(m, instance=m.instance, doc=m.name not in shared) for m in spe],
    )
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- server.py, spe.py

LEGACY_DOC = (
    "Client is {parent} (see python -m pydoc mailstore.mgmt.{parent}) with the constructor "
    "of MailStore's 2014 wrapper, whose callback argument is called callbackStatus, and the "
    "positional arguments of its methods{instance}. Arguments that came after 2014 are "
    "keyword-only here."
)

LEGACY_MODULE = '''\
"""The 2014 wrapper's module: ``mailstore.{module}.Client``, for scripts written for it.

{doc}
"""

from typing import Any, Optional

from ._arguments import friendly_arguments
from ._client import Callback, Status
from ._settings import HOST, PASSWORD, {port}, USERNAME
{dates}from .mgmt import {imports}

__all__ = ["Client"]


@friendly_arguments
class Client({parent}):
    """{parent} with the constructor and positional arguments of the 2014 wrapper."""

    def __init__(
        self,
        username: str = USERNAME,
        password: str = PASSWORD,
        host: str = HOST,
        port: int = {port},
        autoHandleToken: bool = True,
        waitTime: int = 1000,
        callbackStatus: Optional[Callback] = None,
        logLevel: Optional[int] = 2,
        **options: Any,
    ) -> None:
        """Create a client; callbackStatus is {parent}'s callback, options are its others."""
        super().__init__(
            username,
            password,
            host,
            port,
            autoHandleToken,
            waitTime,
            callbackStatus,
            logLevel,
            **options,
        )
'''

LEGACY = {
    "server": ("server", "ServerClient", "SERVER_PORT", ""),
    "spe": ("spe", "SPEClient", "SPE_PORT", ", with instanceID first where a function takes one"),
}


def _positional(m: Method) -> List[str]:
    return [p.name for p in m.params if not p.keyword_only]


def render_legacy(kind: str, current: Sequence[Method], legacy: Sequence[Method]) -> str:
    """``mailstore/server.py`` or ``mailstore/spe.py``: the 2014 class."""
    module, parent, port, instance = LEGACY[kind]
    now = {m.name: m for m in current}
    changed = [m for m in legacy if m != now[m.name]]
    types = sorted(
        {
            t
            for m in changed
            for t in ("DateArg", "JSONValue", "StrList")
            if any(t in annotation(p) for p in m.params)
        }
    )
    imports = ", ".join(sorted([parent, *types], key=str.lower))
    doc = "\n".join(_wrap(LEGACY_DOC.format(parent=parent, instance=instance), 0, 0, 96))
    dates = "from .dates import with_dates\n" if any(m.date_args for m in changed) else ""
    text = LEGACY_MODULE.format(
        module=module, doc=doc, parent=parent, port=port, imports=imports, dates=dates
    )
    out = [HEADER.format(module=module) + text.rstrip("\n")]
    for m in changed:
        incompatible = m.instance_first or _positional(m) != _positional(now[m.name])
        out.append("")
        out.extend(
            method_source(
                m, instance=m.instance, doc=False, ignore="override" if incompatible else ""
            )
        )
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- all modules


def render(inputs: Optional[Mapping[str, Any]] = None) -> Dict[str, str]:
    """Return ``{module file name: source text}`` of every generated module."""
    inputs = inputs if inputs is not None else load_inputs()
    server = build_methods("server", inputs)
    spe = build_methods("spe", inputs)
    files = {
        "mgmt.py": render_mgmt(server, spe),
        "server.py": render_legacy("server", server, build_methods("server", inputs, "2014")),
        "spe.py": render_legacy("spe", spe, build_methods("spe", inputs, "2014")),
    }
    for name, text in files.items():
        for number, line in enumerate(text.splitlines(), 1):
            if len(line) > LINE_LENGTH:
                raise CatalogError(f"{name}:{number} is too long: {line}")
    return files


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m mailstore.catalog.generate",
        description="Write mailstore/mgmt.py, server.py and spe.py from mailstore/catalog.",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="do not write; exit 1 if a file differs from what would be generated",
    )
    parser.add_argument("--dir", type=Path, default=PACKAGE, help=f"default: {PACKAGE}")
    args = parser.parse_args(argv)
    try:
        files = render()
    except CatalogError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    stale = []
    for name, text in files.items():
        path: Path = args.dir / name
        if args.check:
            current = path.read_text(encoding="utf-8") if path.exists() else ""
            if current != text:
                stale.append(path)
                diff = difflib.unified_diff(
                    current.splitlines(keepends=True),
                    text.splitlines(keepends=True),
                    fromfile=f"{path} (committed)",
                    tofile=f"{path} (generated)",
                )
                sys.stderr.writelines(list(diff)[:200])
        else:
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
            print(f"wrote {path}")
    if stale:
        names = ", ".join(str(p) for p in stale)
        print(f"out of date: {names}; run python -m mailstore.catalog.generate", file=sys.stderr)
        return 1
    if args.check:
        print("generated modules are current")
    return 0


if __name__ == "__main__":
    sys.exit(main())
