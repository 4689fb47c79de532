"""``mailstore functions [NAME]``: list the API functions, or describe one.

Both views, text and JSON, say the same about every argument: whether the command
(and the Python method) may leave it out, and the default the method sends then.
"""

from __future__ import annotations

import argparse
import difflib
import inspect
from typing import Any, Dict, List, Optional

from ..catalog import by_name, load
from ._args import secret_argument
from ._connect import client_class, connect, kind
from ._exit import EXIT_OK, UsageError
from ._output import Output, cell


def run(options: argparse.Namespace) -> int:
    output = Output(options.output)
    if options.server:
        return _from_server(options, output)
    entries = by_name(kind(options))
    methods = client_class(options)
    if options.name is None:
        catalog = [
            reference(e, getattr(methods, e["name"], None), kind(options))
            for e in load(kind(options))
        ]
        rows = [
            {
                "name": e["name"],
                "task": "yes" if e.get("long_running") else "",
                "summary": e.get("summary", ""),
            }
            for e in catalog
        ]
        output.listing(catalog, rows)
        return EXIT_OK
    if options.name not in entries:
        raise UsageError(unknown_function(options.name, entries, "the catalog has no function"))
    entry = entries[options.name]
    method = getattr(methods, options.name, None)
    output.describe(reference(entry, method, kind(options)), describe(entry, method, kind(options)))
    return EXIT_OK


def _from_server(options: argparse.Namespace, output: Output) -> int:
    with connect(options) as client:
        metadata = client.GetMetadata()
    entries = {str(e.get("name")): e for e in metadata if isinstance(e, dict)}
    if options.name is None:
        rows = [
            {"name": name, "arguments": ", ".join(str(a.get("name")) for a in e.get("args") or ())}
            for name, e in entries.items()
        ]
        output.listing(metadata, rows)
        return EXIT_OK
    entry = entries.get(options.name)
    if entry is None:
        raise UsageError(unknown_function(options.name, entries, "the server has no function"))
    output.describe(entry, describe_metadata(entry, by_name(kind(options)).get(options.name)))
    return EXIT_OK


def unknown_function(name: str, known: Any, what: str) -> str:
    close = difflib.get_close_matches(name, list(known), n=3)
    hint = f" (did you mean {' or '.join(close)}?)" if close else ""
    return f"{what} {name!r}{hint}; 'mailstore functions' lists them"


def arguments(entry: Dict[str, Any], method: Any) -> List[Dict[str, Any]]:
    """The catalog's arguments as the command takes them.

    ``optional`` says whether the argument may be left out, ``default`` (when there is
    one) what the method sends then, and ``secret`` marks values never taken from argv.
    """
    params = inspect.signature(method).parameters if method is not None else {}
    facts: List[Dict[str, Any]] = []
    for arg in entry.get("args", ()):
        param = params.get(arg["name"])
        fact = {"name": arg["name"], "type": arg.get("type", "string")}
        if method is None:
            fact["optional"] = bool(arg.get("optional"))
        else:
            fact["optional"] = param is None or param.default is not inspect.Parameter.empty
        if param is not None and param.default not in (inspect.Parameter.empty, None):
            fact["default"] = param.default
        if secret_argument(arg["name"]):
            fact["secret"] = True
        facts.append({**fact, **{k: v for k, v in arg.items() if k not in fact}})
    return facts


def reference(entry: Dict[str, Any], method: Any, catalog: str) -> Dict[str, Any]:
    """A catalog entry whose arguments say what the command takes (the JSON view).

    ``emulatorShape`` tells where the emulator's answer for the function comes from.
    """
    from ..emulator import provenance

    return {
        **entry,
        "args": arguments(entry, method),
        "emulatorShape": provenance.lookup(catalog, entry["name"]),
    }


def describe(entry: Dict[str, Any], method: Any, catalog: str) -> str:
    """A catalog entry as text: usage, summary, arguments with types and values."""
    name = entry["name"]
    args = arguments(entry, method)
    usage = " ".join(
        f"[{a['name']}={a['type'].upper()}]"
        if a.get("optional")
        else f"{a['name']}={a['type'].upper()}"
        for a in args
    )
    lines = [f"mailstore call {name} {usage}".rstrip()]
    if method is not None:
        lines.append(f"Python: client.{name}{_python_signature(method)}")
    if entry.get("long_running"):
        lines.append("Runs as a long-running task (progress shown; --no-wait returns its token).")
    lines.append("")
    for key, label in (("summary", ""), ("details", ""), ("returns", "Returns: ")):
        if entry.get(key):
            lines.append(label + str(entry[key]))
    if args:
        lines += ["", "arguments:"]
        size = max(len(a["name"]) for a in args)
        for a in args:
            if "default" in a:
                given = f"default {cell(a['default'])}"
            else:
                given = "optional" if a.get("optional") else "required"
            lines.append(f"  {a['name']:{size}}  {a['type']}, {given}")
            pad = f"  {'':{size}}  "
            if a.get("doc"):
                lines.append(pad + a["doc"])
            if a.get("values"):
                lines.append(pad + f"values: {', '.join(map(str, a['values']))}")
            if a.get("secret"):
                n = a["name"]
                lines.append(pad + f"secret: {n}=@FILE, {n}=@- (stdin), {n}=env:VARIABLE, or")
                lines.append(pad + f"{n}= to be asked for it (never the value itself)")
    from ..emulator import provenance

    shape = provenance.lookup(catalog, name)
    if shape is not None:
        lines += ["", f"emulator's result shape: {shape['strength']} ({shape['source']})"]
        if shape.get("note"):
            lines.append(f"  {shape['note']}")
    return "\n".join(lines)


def _python_signature(method: Any) -> str:
    params = inspect.signature(method).parameters.values()
    text = ", ".join(
        p.name if p.default is inspect.Parameter.empty else f"{p.name}={p.default!r}"
        for p in params
        if p.name not in ("self", "autoHandleToken") and p.kind is p.POSITIONAL_OR_KEYWORD
    )
    return f"({text})"


def describe_metadata(entry: Dict[str, Any], catalog: Optional[Dict[str, Any]]) -> str:
    """A get-metadata entry as text (with the catalog's summary when known)."""
    lines = [str(entry.get("name"))]
    if catalog and catalog.get("summary"):
        lines.append(str(catalog["summary"]))
    elif catalog is None:
        lines.append("(not in the catalog: 'mailstore call' sends its values as text)")
    for a in entry.get("args") or ():
        nullable = "optional" if a.get("nullable") else "required"
        lines.append(f"  {a.get('name')}  {a.get('type')}, {nullable}")
    return "\n".join(lines)
