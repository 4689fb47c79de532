"""Turning ``name=value`` words into the arguments of an API function.

A catalogued function is called through its generated method, so the command line
sends what ``client.VerifyStore(...)`` would (compat defaults included); its
arguments are typed from the catalog and checked by name. A function the catalog
does not know is sent through ``call()`` with its values as strings.

Secrets (password, passphrase, encryptionKey ...) never come from the command line,
where the process list and the shell history would show them: ``name=@FILE``,
``name=@-`` (standard input), ``name=env:VARIABLE``, or asked for on the terminal.
"""

from __future__ import annotations

import difflib
import functools
import inspect
import json
import os
import re
import sys
from typing import Any, Dict, FrozenSet, List, Optional, Sequence

from .._log import is_secret
from ..catalog import KINDS, by_name, load
from ._exit import UsageError
from ._prompt import ask_secret

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*$")
_TRUE = ("true", "yes", "on", "1")
_FALSE = ("false", "no", "off", "0")
_SKIP = ("self", "autoHandleToken")


@functools.cache
def _enumerated() -> FrozenSet[str]:
    """Argument names whose values the catalogs list: a choice, never a secret."""
    return frozenset(
        arg["name"]
        for kind in KINDS
        for entry in load(kind)
        for arg in entry.get("args", ())
        if arg.get("values")
    )


def secret_argument(name: str) -> bool:
    """True for an argument that holds a secret to send (never taken from argv)."""
    return is_secret(name) and name not in _enumerated()


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

    Raises UsageError for unknown arguments, bad values, missing required ones, or a
    secret given on the command line. Secrets are read last, so nothing is asked for
    when another argument is wrong.
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
        _refuse_literal_secrets(function, dict(named))
        call = Call(function, _typed(function, dict(named), {}), generated=False)
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
    _refuse_literal_secrets(function, given)

    missing = [
        p.name for p in parameters if p.default is inspect.Parameter.empty and p.name not in given
    ]
    needed = [name for name in missing if not secret_argument(name)]  # secrets are asked for
    if needed:
        raise UsageError(
            f"{function} needs {', '.join(needed)}: mailstore call {function} "
            + " ".join(f"{n}=..." for n in needed)
        )
    given.update((name, "") for name in missing)
    return Call(function, _typed(function, given, types), generated=True)


def _refuse_literal_secrets(function: str, given: Dict[str, str]) -> None:
    for name, text in given.items():
        if secret_argument(name) and _literal(text):
            raise UsageError(refusal(function, name))


def _typed(function: str, given: Dict[str, str], types: Dict[str, str]) -> Dict[str, Any]:
    """The values of ``given`` typed by ``types``; secrets read after all the others."""
    values = {
        name: convert(function, name, types.get(name, "string"), text)
        for name, text in given.items()
        if not secret_argument(name)
    }
    for name, text in given.items():
        if secret_argument(name):
            values[name] = secret(function, name, text)
    return {name: values[name] for name in given}


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
        source = _read(text[1:], f"the JSON for {name}") if text.startswith("@") else text
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


def secret(function: str, name: str, text: str) -> str:
    """The value of a secret argument, from ``@FILE``, ``@-``, ``env:VARIABLE`` or the terminal.

    An empty ``text`` asks on the terminal; any other text is refused, since the process
    list and the shell history would show it. An empty secret is refused too.
    """
    what = f"{name} for {function}"
    if text == "":
        return ask_secret(f"{what}: ", what, f"give {_forms(name)}")
    if text.startswith("@"):
        value = _read(text[1:], f"the {what}")
        value = value.removesuffix("\n")  # the line end of `echo ... > FILE`
        source = "standard input" if text == "@-" else f"the file {text[1:]}"
    elif text.startswith("env:"):
        variable = text[4:]
        if variable not in os.environ:
            raise UsageError(
                f"cannot read the {what}: the environment variable {variable} is not set"
            )
        value = os.environ[variable]
        source = f"the environment variable {variable}"
    else:
        raise UsageError(refusal(function, name))
    if not value:
        raise UsageError(f"the {what} from {source} is empty: nothing was sent")
    return value


def refusal(function: str, name: str) -> str:
    """Why a secret's value is not taken from the command line, and how to give it."""
    return (
        f"{name} of {function} is a secret, never given on the command line (the process "
        f"list and the shell history would show it): give {_forms(name)}, or {name}= to be "
        "asked for it on the terminal"
    )


def _forms(name: str) -> str:
    return f"{name}=@FILE, {name}=@- (standard input) or {name}=env:VARIABLE"


def _literal(text: str) -> bool:
    """Whether the text of a secret is its value (not a way to get it)."""
    return text != "" and not text.startswith(("@", "env:"))


def _read(path: str, what: str) -> str:
    """The text of the file ``path`` (``-``: standard input)."""
    try:
        if path == "-":
            return sys.stdin.read()
        with open(path, encoding="utf-8-sig") as f:
            return f.read()
    except OSError as exc:
        raise UsageError(f"cannot read {what} from {path}: {exc.strerror}") from None


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
