"""The shapes of a server's answers, to compare the emulator with real servers.

:func:`probe` calls read-only functions of a MailStore Server (nothing is changed on it)
and describes each answer's shape: keys, types and classes of values (``datetime``,
``guid``, ``email``, ...), never the values themselves. The report is JSON, ready to
attach to an issue. :func:`differences` compares two reports, e.g. a real server's with
the emulator's (``mailstore fidelity diff REPORT``).

A shape is ``"null"``, ``"bool"``, ``"int"``, ``"number"``, ``"string:<class>"``,
``{"array": <shape of the items or null>}``, ``{"object": {key: shape}, "optional":
[keys missing in some items]}`` or ``{"anyOf": [shapes]}``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Callable, Dict, List, Tuple

from .errors import MailStoreError

FORMAT = 1
Shape = Any

_CLASSES: List[Tuple[str, re.Pattern[str]]] = [
    (
        "datetime",
        re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$"),
    ),
    ("date", re.compile(r"^\d{4}-\d{2}-\d{2}$")),
    ("guid", re.compile(r"^\{?[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}\}?$")),
    ("email", re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")),
    ("integer-text", re.compile(r"^[+-]?\d+$")),
    ("decimal-text", re.compile(r"^[+-]?\d+\.\d+$")),
    ("bool-text", re.compile(r"^(true|false|True|False)$")),
    ("version", re.compile(r"^\d+(\.\d+){2,3}$")),
    ("path", re.compile(r"^([A-Za-z]:\\|\\\\|/)|[\\/]")),
]


def shape_of(value: Any) -> Shape:
    """The shape of a JSON value (no values kept)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string:" + _class_of(value)
    if isinstance(value, list):
        item: Shape = None
        for element in value:
            item = shape_of(element) if item is None else merge(item, shape_of(element))
        return {"array": item}
    if isinstance(value, dict):
        return {"object": {str(k): shape_of(v) for k, v in value.items()}, "optional": []}
    return "string:text"


def _class_of(text: str) -> str:
    if not text:
        return "empty"
    for name, pattern in _CLASSES:
        if pattern.search(text) if name == "path" else pattern.match(text):
            return name
    return "text"


def merge(a: Shape, b: Shape) -> Shape:
    """One shape covering both ``a`` and ``b`` (e.g. two items of one list)."""
    if a == b:
        return a
    if _is(a, "object") and _is(b, "object"):
        keys = list(dict.fromkeys([*a["object"], *b["object"]]))
        optional = {k for k in keys if k not in a["object"] or k not in b["object"]}
        optional |= set(a["optional"]) | set(b["optional"])
        merged = {
            k: merge(a["object"][k], b["object"][k])
            if k in a["object"] and k in b["object"]
            else a["object"].get(k, b["object"].get(k))
            for k in keys
        }
        return {"object": merged, "optional": sorted(optional)}
    if _is(a, "array") and _is(b, "array"):
        if a["array"] is None or b["array"] is None:
            return {"array": a["array"] if b["array"] is None else b["array"]}
        return {"array": merge(a["array"], b["array"])}
    options: List[Shape] = []
    for shape in [*_options(a), *_options(b)]:
        if shape not in options:
            options.append(shape)
    return {"anyOf": options}


def _is(shape: Shape, kind: str) -> bool:
    return isinstance(shape, dict) and kind in shape


def _options(shape: Shape) -> List[Shape]:
    return list(shape["anyOf"]) if _is(shape, "anyOf") else [shape]


# -- probing a server ---------------------------------------------------------------------

#: Per function: what was seen so far -> the argument sets to try (the first that gives
#: a non-empty list wins), or an empty list to skip the function.
Plan = List[Tuple[str, Callable[[Dict[str, Any]], List[Dict[str, Any]]]]]


def _window(timezone: str) -> Callable[[Dict[str, Any]], List[Dict[str, Any]]]:
    """The last 7 days, else the last 90, else the last 365 (short windows first: long
    ones can fail on busy servers)."""

    def arguments(_: Dict[str, Any]) -> List[Dict[str, Any]]:
        end = dt.datetime.now().replace(microsecond=0)
        return [
            {
                "fromIncluding": (end - dt.timedelta(days=days)).isoformat(),
                "toExcluding": end.isoformat(),
                timezone: "$Local",
            }
            for days in (7, 90, 365)
        ]

    return arguments


def _first(function: str, key: str, argument: str) -> Callable[[Dict[str, Any]], Any]:
    """Arguments taken from the first item of an earlier answer (none: skip the call)."""

    def arguments(seen: Dict[str, Any]) -> List[Dict[str, Any]]:
        items = seen.get(function)
        if isinstance(items, list) and items and isinstance(items[0], dict) and key in items[0]:
            return [{argument: items[0][key]}]
        return []

    return arguments


def _none(_: Dict[str, Any]) -> List[Dict[str, Any]]:
    return [{}]


#: The read-only functions probed, in order, with how their arguments are found.
PLAN: Plan = [
    ("GetServerInfo", _none),
    ("GetLicenseInformation", _none),
    ("GetServiceConfiguration", _none),
    ("GetTimeZones", _none),
    ("GetUsers", _none),
    ("GetUserInfo", _first("GetUsers", "userName", "userName")),
    ("GetStores", lambda _: [{"includeSize": True}]),
    ("GetStoreIndexes", _first("GetStores", "id", "id")),
    ("GetProfiles", lambda _: [{"raw": True}]),
    ("GetJobs", _none),
    ("GetJobResults", _window("timeZoneId")),
    ("GetWorkerResults", _window("timeZoneID")),
    ("GetWorkerResultReport", _first("GetWorkerResults", "id", "id")),
    ("GetActiveSessions", _none),
    ("GetChildFolders", lambda _: [{"maxLevels": 1}]),
    ("GetComplianceConfiguration", _none),
    ("GetDirectoryServicesConfiguration", _none),
    ("GetSmtpSettings", _none),
    ("GetRetentionPolicies", _none),
    ("GetStoreAutoCreateConfiguration", _none),
    ("GetCredentials", _none),
]


def probe(client: Any, plan: Plan = PLAN) -> Dict[str, Any]:
    """Call the read-only functions of ``plan`` and return the report of their shapes."""
    seen: Dict[str, Any] = {}
    functions: Dict[str, Any] = {}
    for function, arguments in plan:
        candidates = arguments(seen)
        if not candidates:
            functions[function] = {"skipped": "no item to ask about"}
        for args in candidates:
            try:
                status = client.call(function, args)
            except MailStoreError as exc:
                functions[function] = {"arguments": sorted(args), "error": type(exc).__name__}
                break
            seen[function] = status.get("result")
            entry = {"arguments": sorted(args), "statusCode": status.get("statusCode")}
            if status.get("statusCode") == "succeeded":
                entry["result"] = shape_of(status.get("result"))
            functions[function] = entry
            if status.get("result") != []:
                break
    info = seen.get("GetServerInfo") if isinstance(seen.get("GetServerInfo"), dict) else {}
    return {
        "format": FORMAT,
        "product": "MailStore Server",
        "serverVersion": (info or {}).get("version"),
        "functions": functions,
    }


# -- comparing reports --------------------------------------------------------------------


def differences(
    expected: Dict[str, Any],
    actual: Dict[str, Any],
    names: Tuple[str, str] = ("the report", "the emulator"),
) -> List[str]:
    """Where two reports' shapes differ, one line each; ``names`` says which is which.

    Results are compared where both reports have one; otherwise the outcomes are.
    """
    lines: List[str] = []
    theirs, ours = expected.get("functions", {}), actual.get("functions", {})
    for function in sorted(set(theirs) | set(ours)):
        a, b = theirs.get(function, {}), ours.get(function, {})
        if "result" in a and "result" in b:
            lines += _compare(a["result"], b["result"], function, names)
        elif a.get("statusCode") != b.get("statusCode") or a.get("error") != b.get("error"):
            lines.append(f"{function}: {_outcome(a)} ({names[0]}) vs {_outcome(b)} ({names[1]})")
    return lines


def _outcome(entry: Dict[str, Any]) -> str:
    if not entry:
        return "not probed"
    return str(entry.get("error") or entry.get("skipped") or entry.get("statusCode"))


def _compare(a: Shape, b: Shape, path: str, names: Tuple[str, str]) -> List[str]:
    if a == b:
        return []
    if _is(a, "object") and _is(b, "object"):
        lines = [f"{path}.{k}: only in {names[0]}" for k in a["object"] if k not in b["object"]]
        lines += [f"{path}.{k}: only in {names[1]}" for k in b["object"] if k not in a["object"]]
        for key in a["object"]:
            if key in b["object"]:
                lines += _compare(a["object"][key], b["object"][key], f"{path}.{key}", names)
        return lines
    if _is(a, "array") and _is(b, "array"):
        if a["array"] is None or b["array"] is None:
            return []  # an empty list says nothing about its items
        return _compare(a["array"], b["array"], f"{path}[]", names)
    return [f"{path}: {_brief(a)} ({names[0]}) vs {_brief(b)} ({names[1]})"]


def _brief(shape: Shape) -> str:
    if isinstance(shape, str):
        return shape
    if _is(shape, "anyOf"):
        return " | ".join(_brief(option) for option in shape["anyOf"])
    return "array" if _is(shape, "array") else "object"
