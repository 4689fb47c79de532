"""How each API function is taken by its Python method: the catalog with the overrides applied.

:func:`build_methods` turns a catalog (``server.json`` or ``spe.json``) and ``overrides.json``
into one :class:`Method` per function: parameters in their positional order, defaults, the
values sent for None or an empty value, JSON and comma-list arguments, long-running or not.
The generator renders these into ``mailstore/mgmt.py``; ``call()`` applies the same specs
at run time (:func:`method_spec`), so a call by name sends what the method sends.
"""

from __future__ import annotations

import json
import keyword
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, Dict, List, Mapping, Optional, Sequence, Set, Tuple

from ..dates import with_dates
from . import data

# Names the hand-written core defines: a generated method must never shadow them.
CORE_NAMES = frozenset(
    {"call", "GetStatus", "CancelAsync", "HandleToken", "YieldStatus", "GetMetadata"}
)
TYPES = frozenset({"string", "number", "bool", "json"})
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
        "was_autoHandleToken",
        "2014",
        "why",
    }
)
# The keys a "2014" entry may replace: the positional order and defaults of the 2014 wrapper.
GENERATION_KEYS = frozenset({"order", "defaults", "required", "why"})
# A comma-list argument whose values include this one sends it for an empty list.
NO_PRIVILEGES = "none"


class CatalogError(ValueError):
    """The catalog or the overrides are inconsistent; the message says where."""


class _NoDefault:
    def __repr__(self) -> str:
        return "NO_DEFAULT"


NO_DEFAULT: Any = _NoDefault()


@dataclass(frozen=True)
class Param:
    """One parameter of a method: what the API takes and how the method takes it."""

    name: str
    type: str  # catalog type: string, number, bool, json
    doc: str
    api_optional: bool
    values: Tuple[str, ...] = ()
    comma_list: bool = False
    date: bool = False  # also takes a datetime or date (mailstore.dates)
    keyword_only: bool = False
    default: Any = NO_DEFAULT
    if_none: Any = None  # sent when the caller gives None (None: left out)
    if_empty: Any = None  # sent for an empty list, set or str (None: sent as it is)

    @property
    def has_default(self) -> bool:
        return self.default is not NO_DEFAULT

    def apply(self, value: Any) -> Any:
        """The value the request carries when the caller gives ``value``."""
        if value is None:
            return self.if_none
        if self.if_empty is not None and not value:
            return self.if_empty
        return value

    def value_expr(self) -> str:
        """:meth:`apply` as a Python expression over the parameter (for the generator)."""
        name, if_none, if_empty = self.name, self.if_none, self.if_empty
        if if_empty is not None and if_none == if_empty:
            return f"{name} or {literal(if_empty)}"
        if if_empty is not None:
            return f"{literal(if_none)} if {name} is None else {name} or {literal(if_empty)}"
        if if_none is not None:
            return f"{literal(if_none)} if {name} is None else {name}"
        return name


@dataclass(frozen=True)
class Method:
    """One API function as a Python method."""

    name: str
    summary: str
    details: str
    returns: str
    long_running: bool
    params: Tuple[Param, ...]  # signature order: positional first, then keyword-only
    api_order: Tuple[str, ...]  # order of the request's arguments
    instance: bool = False  # SPE: takes instanceID
    instance_first: bool = False  # the 2014 form: instanceID is the first positional argument
    was_autoHandleToken: Optional[str] = None  # a bool given here is autoHandleToken
    zone_arg: Optional[str] = None  # the time zone argument that goes with the date arguments

    @property
    def json_args(self) -> Tuple[str, ...]:
        return tuple(p.name for p in self.params if p.type == "json")

    @property
    def date_args(self) -> Tuple[str, ...]:
        return tuple(p.name for p in self.params if p.date)

    def request(self, given: Mapping[str, Any]) -> Dict[str, Any]:
        """The arguments a call with ``given`` (by name) sends, as the method would send them.

        Defaults and the values for None or empty arguments apply; arguments the catalog
        does not know are passed on as they are.
        """
        params = {p.name: p for p in self.params}
        sent: Dict[str, Any] = {}
        for name in self.api_order:
            p = params.get(name)
            if p is None:  # instanceID
                sent[name] = given.get(name)
            else:
                default = p.default if p.has_default else None
                sent[name] = p.apply(given.get(name, default))
        sent.update((name, value) for name, value in given.items() if name not in sent)
        return with_dates(sent, self.date_args, self.zone_arg) if self.date_args else sent


def literal(value: Any) -> str:
    """Python source for a JSON-loaded value, in ruff's preferred quoting."""
    if value is None or isinstance(value, (bool, int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    raise CatalogError(f"unsupported default value {value!r}")


def load_inputs() -> Dict[str, Any]:
    """The catalogs and the overrides, as :func:`build_methods` takes them."""
    return {"server": data.load("server"), "spe": data.load("spe"), "overrides": data.overrides()}


def build_methods(
    kind: str, inputs: Optional[Mapping[str, Any]] = None, generation: Optional[str] = None
) -> List[Method]:
    """Apply the overrides to catalog ``kind`` and return its methods, sorted by name.

    ``generation="2014"`` gives the methods as the 2014 wrapper took them: its positional
    order and defaults where an override's "2014" entry says so, and on SPE ``instanceID``
    as the first positional argument of every function that acts on an instance.
    """
    inputs = inputs if inputs is not None else load_inputs()
    catalog = {entry["name"]: entry for entry in inputs[kind]}
    server = {entry["name"]: entry for entry in inputs["server"]}
    all_overrides = inputs["overrides"]
    overrides: Dict[str, Dict[str, Any]] = all_overrides.get(kind, {})
    comma_lists = set(all_overrides.get("comma_list_args", []))
    date_args = set(all_overrides.get("date_args", []))

    for fn, ov in overrides.items():
        if fn not in catalog:
            raise CatalogError(f"overrides.json: {kind}.{fn} is not in {kind}.json")
        unknown = set(ov) - OVERRIDE_KEYS
        if unknown:
            raise CatalogError(f"overrides.json: {kind}.{fn}: unknown keys {sorted(unknown)}")
        unknown = set(ov.get("2014", {})) - GENERATION_KEYS
        if unknown:
            raise CatalogError(f"overrides.json: {kind}.{fn}.2014: unknown keys {sorted(unknown)}")

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
        if generation == "2014":
            ov = {**ov, **ov.get("2014", {})}
        elif generation is not None:
            raise ValueError(f"unknown generation {generation!r}")
        method = _build_method(kind, fn, entry, ov, server, comma_lists, date_args)
        if generation == "2014" and method.instance:
            method = replace(method, instance_first=True)
        methods.append(method)
    return methods


@cache
def _specs(kind: str) -> Dict[str, Method]:
    return {m.name: m for m in build_methods(kind)}


def method_spec(kind: str, function: str) -> Optional[Method]:
    """The method spec of API function ``function`` of ``kind``, or None if it has no method."""
    return _specs(kind).get(function)


def _build_method(
    kind: str,
    fn: str,
    entry: Dict[str, Any],
    ov: Dict[str, Any],
    server: Dict[str, Dict[str, Any]],
    comma_lists: Set[str],
    date_args: Set[str],
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
    was_auto: Optional[str] = ov.get("was_autoHandleToken")
    for key, items in (
        ("order", order),
        ("defaults", list(defaults)),
        ("required", required),
        ("send_if_none", list(send_if_none)),
        ("send_if_falsy", list(send_if_falsy)),
        ("was_autoHandleToken", [was_auto] if was_auto else []),
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
        if a["type"] not in TYPES:
            raise CatalogError(f"{where}.{name}: unknown type {a['type']!r}")
        if not a.get("doc"):
            raise CatalogError(f"{where}.{name}: no doc")
        values = tuple(str(v) for v in a.get("values", []))
        comma_list = name in comma_lists
        date = name in date_args
        if date and a["type"] != "string":
            raise CatalogError(f"{where}.{name}: a date argument must have type string")
        if name in defaults:
            default = defaults[name]
        elif name in required or not a["optional"]:
            default = NO_DEFAULT
        else:
            default = None
        keyword_only = name not in order
        if keyword_only and default is NO_DEFAULT:
            raise CatalogError(
                f"{where}.{name} is keyword-only (not in order) and needs a default in overrides"
            )
        falsy = send_if_falsy.get(name)
        empty = NO_PRIVILEGES if comma_list and NO_PRIVILEGES in values else None
        params.append(
            Param(
                name=name,
                type=a["type"],
                doc=a["doc"],
                api_optional=bool(a["optional"]),
                values=values,
                comma_list=comma_list,
                date=date,
                keyword_only=keyword_only,
                default=default,
                if_none=falsy if falsy is not None else send_if_none.get(name),
                if_empty=falsy if falsy is not None else empty,
            )
        )

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
    if was_auto and by_name[was_auto]["type"] == "bool":
        raise CatalogError(f"{where}.was_autoHandleToken: {was_auto!r} takes a bool itself")

    zones = [n for n in names if n.lower() == "timezoneid"]
    zone_arg = zones[0] if zones and any(p.date for p in params) else None

    if not entry.get("summary"):
        raise CatalogError(f"{where}: no summary")
    return Method(
        name=fn,
        summary=entry["summary"],
        details=entry.get("details", ""),
        returns=entry.get("returns", ""),
        long_running=bool(ov.get("long_running", entry.get("long_running", False))),
        params=tuple(params),
        api_order=tuple(a["name"] for a in raw_args),
        instance=instance,
        was_autoHandleToken=was_auto if was_auto in order else None,
        zone_arg=zone_arg,
    )
