"""Write ``mailstore/mgmt.py`` from the function catalogs and their overrides.

Usage::

    python -m mailstore.catalog.generate            # (re)write mailstore/mgmt.py
    python -m mailstore.catalog.generate --check    # exit 1 if mailstore/mgmt.py is not current
    python -m mailstore.catalog.generate --output PATH

Inputs, all in this directory: ``server.json`` and ``spe.json`` (what the API takes, with our
short docs) and ``overrides.json`` (how the Python methods take it: positional order and
defaults of MailStore's own wrapper, values sent for ``None``, excluded entries).

The output is plain, already formatted Python (ruff format and ruff check clean, mypy --strict
clean), sorted by function name and free of timestamps, so the same inputs always give the
same bytes. Standard library only.
"""

from __future__ import annotations

import argparse
import difflib
import json
import keyword
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Set

HERE = Path(__file__).resolve().parent
TARGET = HERE.parent / "mgmt.py"
LINE_LENGTH = 100

KINDS = ("server", "spe")
CLASS_NAMES = {"server": "ServerClient", "spe": "SPEClient"}
BASE_NAMES = {"server": "ServerCore", "spe": "SPECore"}

# Names the hand-written core defines: a generated method must never shadow them.
CORE_NAMES = frozenset(
    {"call", "GetStatus", "CancelAsync", "HandleToken", "YieldStatus", "GetMetadata"}
)

PY_TYPES = {"string": "str", "number": "int", "bool": "bool", "json": "JSONValue"}
DOC_TYPES = {"string": "str", "number": "int", "bool": "bool", "json": "dict, list or JSON str"}
COMMA_LIST_PY = "StrList"
DOC_WIDTH = LINE_LENGTH - 8  # method docstrings are indented by 8 spaces
COMMA_LIST_DOC = "str or list of str"

OVERRIDE_KEYS = frozenset(
    {
        "order",
        "defaults",
        "required",
        "send_if_none",
        "send_if_falsy",
        "server_args",
        "long_running",
        "exclude",
        "why",
    }
)


class CatalogError(ValueError):
    """The catalog or the overrides are inconsistent; the message says where."""


class _NoDefault:
    def __repr__(self) -> str:
        return "NO_DEFAULT"


NO_DEFAULT: Any = _NoDefault()


@dataclass
class Param:
    """One parameter of a generated method."""

    name: str
    type: str  # catalog type: string, number, bool, json
    doc: str
    api_optional: bool
    values: List[str] = field(default_factory=list)
    comma_list: bool = False
    keyword_only: bool = False
    default: Any = NO_DEFAULT
    send_if_none: Any = NO_DEFAULT
    send_if_falsy: Any = NO_DEFAULT

    @property
    def has_default(self) -> bool:
        return self.default is not NO_DEFAULT

    def annotation(self) -> str:
        base = COMMA_LIST_PY if self.comma_list else PY_TYPES[self.type]
        if self.has_default and (self.default is None or self.api_optional):
            return f"Optional[{base}]"
        return base

    def source(self) -> str:
        text = f"{self.name}: {self.annotation()}"
        if self.has_default:
            text += f" = {py_literal(self.default)}"
        return text

    def value_expr(self) -> str:
        if self.send_if_falsy is not NO_DEFAULT:
            return f"{self.name} or {py_literal(self.send_if_falsy)}"
        if self.send_if_none is not NO_DEFAULT:
            return f"{py_literal(self.send_if_none)} if {self.name} is None else {self.name}"
        return self.name


@dataclass
class Method:
    """One generated method: an API function as the Python client exposes it."""

    name: str
    summary: str
    details: str
    returns: str
    long_running: bool
    params: List[Param]  # signature order (positional first, then keyword-only)
    api_order: List[str]  # order of the request arguments
    instance: bool = False  # SPE: takes instanceID

    @property
    def json_args(self) -> List[str]:
        return [p.name for p in self.params if p.type == "json"]


def py_literal(value: Any) -> str:
    """Python source for a JSON-loaded default value, in ruff's preferred quoting."""
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    raise CatalogError(f"unsupported default value {value!r}")


def _load_json(name: str) -> Any:
    with open(HERE / name, encoding="utf-8") as f:
        return json.load(f)


def load_inputs() -> Dict[str, Any]:
    """Read the catalogs and overrides from this directory."""
    return {
        "server": _load_json("server.json"),
        "spe": _load_json("spe.json"),
        "overrides": _load_json("overrides.json"),
    }


def build_methods(kind: str, inputs: Optional[Dict[str, Any]] = None) -> List[Method]:
    """Apply the overrides to catalog ``kind`` and return its methods, sorted by name."""
    inputs = inputs or load_inputs()
    catalog = {entry["name"]: entry for entry in inputs[kind]}
    server = {entry["name"]: entry for entry in inputs["server"]}
    all_overrides = inputs["overrides"]
    overrides: Dict[str, Dict[str, Any]] = all_overrides.get(kind, {})
    comma_lists = set(all_overrides.get("comma_list_args", []))

    for fn, ov in overrides.items():
        if fn not in catalog:
            raise CatalogError(f"overrides.json: {kind}.{fn} is not in {kind}.json")
        unknown = set(ov) - OVERRIDE_KEYS
        if unknown:
            raise CatalogError(f"overrides.json: {kind}.{fn}: unknown keys {sorted(unknown)}")

    methods = []
    for fn in sorted(catalog):
        entry = catalog[fn]
        ov = overrides.get(fn, {})
        if "exclude" in ov:
            continue
        if fn in CORE_NAMES or keyword.iskeyword(fn) or not fn.isidentifier():
            raise CatalogError(f"{kind}.{fn}: not usable as a method name")
        if entry.get("verified") is False and not entry["args"]:
            raise CatalogError(
                f"{kind}.{fn} is unverified and its arguments are unknown: exclude it in "
                "overrides.json or add its arguments"
            )
        methods.append(_build_method(kind, fn, entry, ov, server, comma_lists))
    return methods


def _build_method(
    kind: str,
    fn: str,
    entry: Dict[str, Any],
    ov: Dict[str, Any],
    server: Dict[str, Dict[str, Any]],
    comma_lists: Set[str],
) -> Method:
    where = f"{kind}.{fn}"
    raw_args = list(entry["args"])
    for name in ov.get("server_args", []):
        source = {a["name"]: a for a in server.get(fn, {}).get("args", [])}
        if name not in source:
            raise CatalogError(f"{where}: server_args {name!r} is not an argument of server.{fn}")
        raw_args.append(source[name])

    instance = any(a["name"] == "instanceID" for a in raw_args)
    args = [a for a in raw_args if a["name"] != "instanceID"]
    names = [a["name"] for a in args]
    if len(set(names)) != len(names):
        raise CatalogError(f"{where}: duplicate argument names {names}")

    def check(key: str, items: Sequence[str]) -> None:
        for name in items:
            if name not in names:
                raise CatalogError(f"overrides.json: {where}.{key} names unknown argument {name!r}")

    order: List[str] = ov.get("order", names)
    defaults: Dict[str, Any] = ov.get("defaults", {})
    required: List[str] = ov.get("required", [])
    send_if_none: Dict[str, Any] = ov.get("send_if_none", {})
    send_if_falsy: Dict[str, Any] = ov.get("send_if_falsy", {})
    for key, items in (
        ("order", order),
        ("defaults", list(defaults)),
        ("required", required),
        ("send_if_none", list(send_if_none)),
        ("send_if_falsy", list(send_if_falsy)),
    ):
        check(key, items)
    if len(set(order)) != len(order):
        raise CatalogError(f"overrides.json: {where}.order repeats a name")
    if set(defaults) & set(required):
        raise CatalogError(f"overrides.json: {where}: an argument is both required and defaulted")

    by_name = {a["name"]: a for a in args}
    params: List[Param] = []
    for name in order + [n for n in names if n not in order]:
        a = by_name[name]
        if keyword.iskeyword(name) or name in ("self", "autoHandleToken", "instanceID"):
            raise CatalogError(f"{where}: argument name {name!r} cannot be a parameter")
        if a["type"] not in PY_TYPES:
            raise CatalogError(f"{where}.{name}: unknown type {a['type']!r}")
        if not a.get("doc"):
            raise CatalogError(f"{where}.{name}: no doc")
        p = Param(
            name=name,
            type=a["type"],
            doc=a["doc"],
            api_optional=bool(a["optional"]),
            values=[str(v) for v in a.get("values", [])],
            comma_list=name in comma_lists,
            keyword_only=name not in order,
        )
        if name in defaults:
            p.default = defaults[name]
        elif name in required:
            pass
        elif p.api_optional:
            p.default = None
        if p.keyword_only and not p.has_default:
            raise CatalogError(
                f"{where}.{name} is keyword-only (not in order) and needs a default in overrides"
            )
        p.send_if_none = send_if_none.get(name, NO_DEFAULT)
        p.send_if_falsy = send_if_falsy.get(name, NO_DEFAULT)
        params.append(p)

    seen_default = False
    for p in params:
        if p.keyword_only:
            continue
        if p.has_default:
            seen_default = True
        elif seen_default:
            raise CatalogError(
                f"{where}: required parameter {p.name!r} follows one with a default; "
                "fix the order or the defaults in overrides.json"
            )

    if not entry.get("summary"):
        raise CatalogError(f"{where}: no summary")
    return Method(
        name=fn,
        summary=entry["summary"],
        details=entry.get("details", ""),
        returns=entry.get("returns", ""),
        long_running=bool(ov.get("long_running", entry.get("long_running", False))),
        params=params,
        api_order=[a["name"] for a in raw_args],
        instance=instance,
    )


# --------------------------------------------------------------------------- rendering


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


def _paragraph(text: str, indent: int) -> List[str]:
    return _wrap(text, indent, hanging=0)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _param_doc(p: Param) -> str:
    kind = COMMA_LIST_DOC if p.comma_list else DOC_TYPES[p.type]
    if p.has_default:
        kind += ", optional"
    text = f"{p.name} ({kind}): {_sentence(p.doc)}"
    if p.values:
        lead = "Any of" if p.comma_list else "One of"
        text += f" {lead}: {', '.join(p.values)}."
    if p.has_default and p.default is not None:
        text += f" Defaults to {py_literal(p.default)}."
    if p.send_if_falsy is not NO_DEFAULT:
        text += f" An empty value sends {py_literal(p.send_if_falsy)}."
    elif p.send_if_none is not NO_DEFAULT:
        text += f" None sends {py_literal(p.send_if_none)}."
    if p.keyword_only:
        text += " Keyword-only."
    return text


AUTO_HANDLE_TOKEN_DOC = (
    "autoHandleToken (bool, optional): For a long-running task, wait for its end (True) or "
    "return its first status (False); None uses the client's setting."
)
INSTANCE_ID_DOC = (
    "instanceID (str, optional): Instance to run this in; defaults to the instanceID given to "
    "the client. Keyword-only."
)
LONG_RUNNING_NOTE = (
    "This may run as a long-running task. With autoHandleToken (the client's default) the call "
    "waits for the task to end and returns the final status; with autoHandleToken=False it returns "
    'the first "running" status: poll it with GetStatus(), or stop it with CancelAsync().'
)


def _docstring(m: Method, indent: int) -> List[str]:
    pad = " " * indent
    body: List[str] = []
    body.extend(_wrap(_sentence(m.summary), 0, hanging=0, width=DOC_WIDTH - 3))
    if m.details:
        body.append("")
        body.extend(_paragraph(m.details, 0))
    body.append("")
    body.append("Args:")
    for p in m.params:
        if not p.keyword_only:
            body.extend(_wrap(_param_doc(p), 4))
    body.extend(_wrap(AUTO_HANDLE_TOKEN_DOC, 4))
    for p in m.params:
        if p.keyword_only:
            body.extend(_wrap(_param_doc(p), 4))
    if m.instance:
        body.extend(_wrap(INSTANCE_ID_DOC, 4))
    body.append("")
    body.append("Returns:")
    if m.returns:
        ret = f"Status: The server's status dict; on success its result is {_sentence(m.returns)}"
    else:
        ret = "Status: The server's status dict; the function's data, if any, is in result."
    body.extend(_wrap(ret, 4))
    if m.long_running:
        body.append("")
        body.append("Note:")
        body.extend(_wrap(LONG_RUNNING_NOTE, 4, hanging=0))
    return _triple_quoted(body, pad)


def _triple_quoted(body: List[str], pad: str) -> List[str]:
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
    for line in lines:
        if len(line) > LINE_LENGTH:
            raise CatalogError(f"docstring line too long ({len(line)}): {line}")
    return lines


def _joined(open_: str, items: List[str], close: str, indent: int) -> List[str]:
    """``open_ item, item close`` on one line if it fits, else one item per line (ruff style)."""
    pad = " " * indent
    one = f"{pad}{open_}{', '.join(items)}{close}"
    if len(one) <= LINE_LENGTH:
        return [one]
    inner = " " * (indent + 4)
    return [f"{pad}{open_}"] + [f"{inner}{item}," for item in items] + [f"{pad}{close.lstrip()}"]


def _signature(m: Method) -> List[str]:
    items = ["self"]
    items += [p.source() for p in m.params if not p.keyword_only]
    items.append("autoHandleToken: Optional[bool] = None")
    keyword_only = [p.source() for p in m.params if p.keyword_only]
    if m.instance:
        keyword_only.append("instanceID: Optional[str] = None")
    if keyword_only:
        items += ["*"] + keyword_only
    return _joined(f"def {m.name}(", items, ") -> Status:", 4)


def _body(m: Method) -> List[str]:
    by_name = {p.name: p for p in m.params}
    entries = []
    for name in m.api_order:
        value = "instanceID" if name == "instanceID" else by_name[name].value_expr()
        entries.append(f'"{name}": {value}')
    call_args = [f'"{m.name}"', "{" + ", ".join(entries) + "}", "autoHandleToken"]
    if m.json_args:
        call_args.append("json_args=(" + ", ".join(f'"{n}"' for n in m.json_args) + ",)")
    if m.long_running:
        call_args.append("long_running=True")
    one = f"        return self._invoke({', '.join(call_args)})"
    if len(one) <= LINE_LENGTH:
        return [one]
    lines = ["        return self._invoke("]
    for arg in call_args:
        if arg.startswith("{"):
            lines += _joined("{", entries, "},", 12)
        else:
            lines.append(f"            {arg},")
    lines.append("        )")
    return lines


def render_method(m: Method) -> List[str]:
    return _signature(m) + _docstring(m, 8) + _body(m)


MODULE_HEADER = '''\
# mailstore/mgmt.py: generated — do not edit.
# Generated from mailstore/catalog (server.json, spe.json, overrides.json) by
# `python -m mailstore.catalog.generate`; change those files and regenerate.
"""Clients for the MailStore Server Administration API and the MailStore SPE Management API.

ServerClient and SPEClient have one method per API function, with MailStore's function and
argument names, generated from the function catalogs in mailstore/catalog. Every method returns
the server's status dict; the function's data is in its "result" key.

Reference: pydoc3 mailstore.mgmt.ServerClient and pydoc3 mailstore.mgmt.SPEClient.
"""

from typing import Any, Dict, List, Optional, Sequence, Union

from ._client import ServerCore, SPECore, Status

__all__ = ["SPEClient", "ServerClient"]

#: A ``json`` argument: a dict or list (sent JSON-encoded) or a str (sent as it is).
JSONValue = Union[Dict[str, Any], List[Any], str]
#: A comma-list argument: a str, or a sequence of str (sent joined with commas).
StrList = Union[str, Sequence[str]]
'''

SERVER_DOC = """\
Client for the MailStore Server Administration API.

One method per API function, named like the function, with the function's arguments:
required ones positional, optional ones defaulting to None (left out of the request).
Every call returns the server's status dict (statusCode, result, error, token,
statusVersion, percentProgress, statusText, logOutput); the function's data is in result.

Create it with the arguments of MailStore's own Python wrapper (username, password, host,
port=8463, autoHandleToken, waitTime, callback, logLevel, ignoreInvalidSSLCerts), e.g.::

    import mailstore
    client = mailstore.mgmt.ServerClient(username="admin", password="secret",
                                         host="archive.example.com")
    print(client.GetServerInfo()["result"]["version"])

A function not listed here is reachable with call("FunctionName", {"argument": value}).
Read this reference with: pydoc3 mailstore.mgmt.ServerClient"""

SPE_DOC = """\
Client for the MailStore Service Provider Edition (SPE) Management API.

One method per API function, named like the function, with the function's arguments:
required ones positional, optional ones defaulting to None (left out of the request).
Every call returns the server's status dict (statusCode, result, error, token,
statusVersion, percentProgress, statusText, logOutput); the function's data is in result.

Create it with the arguments of MailStore's own Python wrapper (username, password, host,
port=8474, autoHandleToken, waitTime, callback, logLevel, ignoreInvalidSSLCerts,
instanceID). Functions that work on one instance take a keyword-only instanceID; when a
call leaves it out, the instanceID given to the constructor is used::

    import mailstore
    client = mailstore.mgmt.SPEClient(username="admin", password="secret",
                                      host="spe.example.com", instanceID="customer1")
    client.GetUsers()                         # users of instance customer1
    client.GetUsers(instanceID="customer2")   # a per-call value wins

A function not listed here is reachable with call("FunctionName", {"argument": value}).
Read this reference with: pydoc3 mailstore.mgmt.SPEClient"""

CLASS_DOCS = {"server": SERVER_DOC, "spe": SPE_DOC}


def render_class(kind: str, methods: List[Method]) -> List[str]:
    lines = [f"class {CLASS_NAMES[kind]}({BASE_NAMES[kind]}):"]
    lines += _triple_quoted(CLASS_DOCS[kind].split("\n"), " " * 4)
    instance = sorted(m.name for m in methods if m.instance)
    if kind == "spe":
        lines.append("")
        lines.append("    _instance_functions = frozenset(")
        lines.append("        {")
        lines += [f'            "{name}",' for name in instance]
        lines.append("        }")
        lines.append("    )")
    for m in methods:
        lines.append("")
        lines += render_method(m)
    return lines


def render(inputs: Optional[Dict[str, Any]] = None) -> str:
    """Return the source text of ``mailstore/mgmt.py``."""
    inputs = inputs or load_inputs()
    out = [MODULE_HEADER.rstrip("\n")]
    for kind in KINDS:
        out.append("")
        out.append("")
        out += render_class(kind, build_methods(kind, inputs))
    text = "\n".join(out) + "\n"
    for number, line in enumerate(text.splitlines(), 1):
        if len(line) > LINE_LENGTH:
            raise CatalogError(f"generated line {number} is too long: {line}")
    return text


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m mailstore.catalog.generate",
        description="Write mailstore/mgmt.py from mailstore/catalog.",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="do not write; exit 1 if the file differs from what would be generated",
    )
    parser.add_argument("--output", type=Path, default=TARGET, help=f"default: {TARGET}")
    args = parser.parse_args(argv)
    try:
        text = render()
    except CatalogError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    path: Path = args.output
    if args.check:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current == text:
            print(f"{path} is current")
            return 0
        diff = difflib.unified_diff(
            current.splitlines(keepends=True),
            text.splitlines(keepends=True),
            fromfile=f"{path} (committed)",
            tofile=f"{path} (generated)",
        )
        sys.stderr.writelines(list(diff)[:200])
        print(f"{path} is out of date: run python -m mailstore.catalog.generate", file=sys.stderr)
        return 1
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
