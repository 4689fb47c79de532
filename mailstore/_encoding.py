"""Argument encoding for requests and JSON decoding of replies.

The API takes form fields (``application/x-www-form-urlencoded``, UTF-8). The
rules, in order:

* ``None`` leaves the argument out; ``0``, ``False`` and ``""`` are sent.
* ``True``/``False`` become ``true``/``false``.
* Arguments named in ``json_args`` take a dict or list (sent as JSON text) or
  a str (sent as it is).
* A list or tuple becomes one comma-separated value (privileges, addresses ...).
* Numbers become decimal text; strings are sent as they are.
* A naive ``datetime`` or a ``date`` becomes ``YYYY-MM-DDThh:mm:ss`` (see
  :mod:`mailstore.dates`, which also says how aware datetimes are sent).
"""

from __future__ import annotations

import datetime
import json
import math
from typing import Any, Collection, Dict, List, Mapping, Tuple
from urllib.parse import quote

from .dates import api_date
from .errors import ArgumentError, ProtocolError

Fields = List[Tuple[str, str]]


def encode_value(name: str, value: Any, as_json: bool = False) -> str:
    """Turn one argument value into the text the API expects."""
    if as_json:
        if isinstance(value, str):
            return value
        if isinstance(value, (dict, list, tuple)):
            return _json_text(name, value)
        raise ArgumentError(
            f"argument {name!r} takes JSON: give a dict, a list or a JSON string, "
            f"not {type(value).__name__}"
        )
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        try:
            return str(value)
        except ValueError:  # more digits than Python converts (sys.set_int_max_str_digits)
            raise ArgumentError(
                f"argument {name!r} is a number too large to send ({value.bit_length()} bits)"
            ) from None
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ArgumentError(f"argument {name!r} must be a finite number, not {value!r}")
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (list, tuple)):
        return ",".join(encode_value(name, item) for item in value)
    if isinstance(value, (set, frozenset)) and all(isinstance(item, str) for item in value):
        return ",".join(sorted(value))  # a set of names: sorted, so a request is always the same
    if isinstance(value, dict):
        return _json_text(name, value)
    if isinstance(value, datetime.date):
        return api_date(name, value)
    raise ArgumentError(
        f"argument {name!r} has type {type(value).__name__}; "
        "give a str, int, bool, list of str, or (for JSON arguments) a dict"
    )


def _json_text(name: str, value: Any) -> str:
    """JSON text of a dict or list argument; ArgumentError if it cannot be JSON."""
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError, RecursionError) as exc:
        reason = "it is nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise ArgumentError(
            f"argument {name!r} cannot be sent as JSON: {reason}. Give plain dicts, lists, "
            "strings, finite numbers, booleans and None."
        ) from None


def encode_arguments(arguments: Mapping[str, Any], json_args: Collection[str] = ()) -> Fields:
    """Return the form fields for ``arguments``, leaving out those that are None."""
    return [
        (name, encode_value(name, value, name in json_args))
        for name, value in arguments.items()
        if value is not None
    ]


def form_body(fields: Fields) -> bytes:
    """URL-encode form fields as UTF-8 bytes (spaces as %20, everything else escaped)."""
    return "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in fields).encode("ascii")


def reply_text(content: Any, *, function: str, status_code: int) -> str:
    """Decode a reply's bytes as UTF-8, with or without the byte order mark."""
    try:
        # utf-8-sig drops one leading BOM while decoding; stripping it afterwards would
        # copy the whole text (and a str that starts with U+FEFF takes 2 bytes a character).
        return str(content.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ProtocolError(
            f"{function}: the reply is not UTF-8 text; is this a MailStore API port?",
            function=function,
            status_code=status_code,
            body=bytes(content[:300]).decode("latin-1"),
        ) from exc


def parse_json(text: str, *, function: str, status_code: int) -> Any:
    """Parse a reply's text as JSON; anything else is a ProtocolError."""
    try:
        return json.loads(text)
    except RecursionError:
        raise ProtocolError(
            f"{function}: the reply is JSON nested too deeply to read (HTTP {status_code}); "
            "a MailStore server does not send that. Check host, port and any proxy in between.",
            function=function,
            status_code=status_code,
            body=text[:300],
        ) from None
    except ValueError as exc:
        kind = "an HTML page" if text.lstrip().startswith("<") else "not valid JSON"
        if not text.strip():
            kind = "empty"
        raise ProtocolError(
            f"{function}: the reply is {kind} (HTTP {status_code}); expected the API's JSON. "
            "Check host and port (MailStore Server: 8463, SPE: 8474) and any proxy in between.",
            function=function,
            status_code=status_code,
            body=text[:300],
        ) from exc


def decode_json(content: Any, *, function: str, status_code: int) -> Any:
    """Parse a JSON reply given as bytes, with or without the UTF-8 byte order mark."""
    text = reply_text(content, function=function, status_code=status_code)
    return parse_json(text, function=function, status_code=status_code)


def check_envelope(data: Any, *, function: str, status_code: int) -> Dict[str, Any]:
    """Make sure a reply is a status dict (has a statusCode), and return it."""
    if isinstance(data, dict) and "statusCode" in data:
        return data
    kind = type(data).__name__
    raise ProtocolError(
        f"{function}: the reply is JSON but not an API status (a {kind} without statusCode).",
        function=function,
        status_code=status_code,
    )
