"""Turning ``name=value`` words into the arguments of an API function.

A catalogued function is called through its generated method, so the command line
sends what ``client.VerifyStore(...)`` would (compat defaults included); its
arguments are typed from the catalog and checked by name. A function the catalog
does not know is sent through ``call()`` with its values as strings.
"""

from __future__ import annotations

import difflib
import inspect
import json
import re
import sys
from typing import Any, Dict, List, Optional, Sequence

from ..catalog import by_name

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*$")
_TRUE = ("true", "yes", "on", "1")
_FALSE = ("false", "no", "off", "0")
_SKIP = ("self", "autoHandleToken")


class UsageError(Exception):
    """A command line mistake: exit code 2, message on stderr."""


class Call:
    """A prepared call: the function, its typed arguments and how to send them."""

    def __init__(self, function: str, arguments: Dict[str, Any], generated: bool) -> None:
        self.function = function
        self.arguments = arguments
        self.generated = generated
        self.warning: Optional[str] = None

    def run(self, client: Any) -> Dict[str, Any]:
        """Send the call with ``client`` and return the status dict."""
        if self.generated:
            result: Dict[str, Any] = getattr(client, self.function)(**self.arguments)
        else:
            result = client.call(self.function, self.arguments)
        return result


def build_call(client_class: Any, kind: str, function: str, words: Sequence[str]) -> Call:
    """Parse ``words`` (``name=value`` or bare values) for ``function``.

    Raises UsageError for unknown arguments, bad values, or missing required ones.
    """
    catalog = by_name(kind)
    entry = catalog.get(function)
    method = getattr(client_class, function, None) if entry else None
    named, bare = _split(words)
    if entry is None or method is None:
        if bare:
            raise UsageError(
                f"{function} is not in the catalog: give its arguments as name=value "
                f"(not {bare[0]!r})"
            )
        call = Call(function, dict(named), generated=False)
        if entry is None:
            close = difflib.get_close_matches(function, list(catalog), n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            call.warning = f"{function} is not in the {kind} catalog{hint}; calling it anyway"
        return call

    parameters = [p for p in inspect.signature(method).parameters.values() if p.name not in _SKIP]
    names = [p.name for p in parameters]
    positional = [p.name for p in parameters if p.kind is p.POSITIONAL_OR_KEYWORD]
    types = {a["name"]: a.get("type", "string") for a in entry.get("args", ())}

    given: Dict[str, str] = {}
    if len(bare) > len(positional):
        raise UsageError(
            f"{function} takes at most {len(positional)} value(s) without a name "
            f"({', '.join(positional) or 'none'}); got {len(bare)}"
        )
    for name, value in zip(positional, bare):
        given[name] = value
    for name, value in named:
        if name not in names:
            raise UsageError(_unknown_argument(function, name, names))
        if name in given:
            raise UsageError(f"argument {name} of {function} is given twice")
        given[name] = value

    missing = [
        p.name for p in parameters if p.default is inspect.Parameter.empty and p.name not in given
    ]
    if missing:
        raise UsageError(
            f"{function} needs {', '.join(missing)}: mailstore call {function} "
            + " ".join(f"{n}=..." for n in missing)
        )
    arguments = {
        name: convert(function, name, types.get(name, "string"), value)
        for name, value in given.items()
    }
    return Call(function, arguments, generated=True)


def convert(function: str, name: str, type_: str, text: str) -> Any:
    """Turn the text of one argument into a value of its catalog type."""
    if type_ == "number":
        for number in (int, float):
            try:
                return number(text)
            except ValueError:
                pass
        raise UsageError(f"argument {name} of {function} takes a number, not {text!r}")
    if type_ == "bool":
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        raise UsageError(f"argument {name} of {function} takes true or false, not {text!r}")
    if type_ == "json":
        source = text
        if text.startswith("@"):
            source = _read(text[1:], name)
        try:
            json.loads(source)
        except ValueError as exc:
            where = f"file {text[1:]}" if text.startswith("@") else "text"
            raise UsageError(
                f"argument {name} of {function} takes JSON (text or @file.json); "
                f"the {where} is not valid JSON: {exc}"
            ) from None
        return source
    return text


def _read(path: str, name: str) -> str:
    try:
        if path == "-":
            return sys.stdin.read()
        with open(path, encoding="utf-8-sig") as f:
            return f.read()
    except OSError as exc:
        raise UsageError(f"cannot read the JSON for {name} from {path}: {exc.strerror}") from None


def _split(words: Sequence[str]) -> tuple[List[tuple[str, str]], List[str]]:
    """Split words into (name, value) pairs and bare values; names come after bare values."""
    named: List[tuple[str, str]] = []
    bare: List[str] = []
    for word in words:
        name, sep, value = word.partition("=")
        if sep and _NAME.match(name):
            named.append((name, value))
        elif named:
            raise UsageError(
                f"expected name=value, got {word!r} (bare values must come before named ones)"
            )
        else:
            bare.append(word)
    return named, bare


def _unknown_argument(function: str, name: str, names: List[str]) -> str:
    close = difflib.get_close_matches(name, names, n=1)
    hint = f"did you mean {close[0]}? " if close else ""
    takes = ", ".join(names) or "no arguments"
    return f"{function} has no argument {name!r} ({hint}it takes: {takes})"
