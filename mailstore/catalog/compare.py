"""Compare a server's ``get-metadata`` answer with this package's catalog.

After a MailStore update, this tells which functions or arguments the server has that the
catalog lacks (and so have no generated method yet: ``call()`` still reaches them), and
which catalogued ones the server does not know. No I/O besides reading the packaged
catalog.
"""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional

from .data import by_name

# Protocol endpoints that get-metadata may list next to the API functions.
ENDPOINTS = frozenset({"get-status", "get-metadata", "cancel-async"})


def _functions(metadata: Any) -> Dict[str, Dict[str, Dict[str, Any]]]:
    """``{function: {argument: {"type": str, "optional": bool or None}}}`` of the server."""
    if isinstance(metadata, Mapping) and "result" in metadata and "statusCode" in metadata:
        metadata = metadata["result"]  # a status envelope around the list
    if isinstance(metadata, Mapping):
        entries: List[Any] = [
            dict(value, name=value.get("name", key)) if isinstance(value, Mapping) else value
            for key, value in metadata.items()
        ]
    elif isinstance(metadata, (list, tuple)):
        entries = list(metadata)
    else:
        raise TypeError(
            f"metadata must be the list that get-metadata returns, not {type(metadata).__name__}"
        )
    functions: Dict[str, Dict[str, Dict[str, Any]]] = {}
    for entry in entries:
        if not isinstance(entry, Mapping) or not isinstance(entry.get("name"), str):
            raise TypeError(f"metadata entry without a function name: {entry!r}")
        name = entry["name"]
        if name in ENDPOINTS:
            continue
        args: Dict[str, Dict[str, Any]] = {}
        for arg in entry.get("args") or ():
            nullable = arg.get("nullable")
            args[str(arg["name"])] = {
                "type": str(arg.get("type") or "").lower() or None,
                "optional": nullable if isinstance(nullable, bool) else None,
            }
        functions[name] = args
    return functions


def compare(
    metadata: Any,
    kind: str = "server",
    catalog: Optional[List[Dict[str, Any]]] = None,
) -> Dict[str, Any]:
    """Compare ``get-metadata`` output with the catalog ``kind`` ("server" or "spe").

    Args:
        metadata (list): What the server's get-metadata returns: a list of
            ``{"name", "args": [{"name", "type", "nullable"}]}`` entries (a dict keyed by
            function name, or a status dict around the list, is accepted too).
        kind (str, optional): Which catalog to compare with. Defaults to "server".
        catalog (list, optional): Catalog entries to use instead of the packaged ones.

    Returns:
        dict: ``missing_in_catalog`` (functions the server has and the catalog lacks),
        ``missing_on_server`` (catalogued functions the server lacks),
        ``unverified_confirmed`` (catalog entries marked unverified that the server has),
        ``arguments`` (per function present on both sides: ``missing_in_catalog``,
        ``missing_on_server``, and ``type`` / ``optional`` differences as
        ``{argument: {"catalog": ..., "server": ...}}``), ``kind``, and ``identical``
        (True when nothing differs).
    """
    server = _functions(metadata)
    ours = {entry["name"]: entry for entry in catalog} if catalog is not None else by_name(kind)
    arguments: Dict[str, Dict[str, Any]] = {}
    for name in sorted(set(server) & set(ours)):
        theirs = server[name]
        mine = {a["name"]: a for a in ours[name].get("args", ())}
        diff: Dict[str, Any] = {}
        only_server = sorted(set(theirs) - set(mine))
        only_catalog = sorted(set(mine) - set(theirs))
        if only_server:
            diff["missing_in_catalog"] = only_server
        if only_catalog:
            diff["missing_on_server"] = only_catalog
        types: Dict[str, Dict[str, Any]] = {}
        optional: Dict[str, Dict[str, Any]] = {}
        for arg in sorted(set(theirs) & set(mine)):
            server_type, catalog_type = theirs[arg]["type"], mine[arg].get("type")
            if server_type is not None and server_type != catalog_type:
                types[arg] = {"catalog": catalog_type, "server": server_type}
            server_optional = theirs[arg]["optional"]
            catalog_optional = bool(mine[arg].get("optional"))
            if server_optional is not None and server_optional != catalog_optional:
                optional[arg] = {"catalog": catalog_optional, "server": server_optional}
        if types:
            diff["type"] = types
        if optional:
            diff["optional"] = optional
        if diff:
            arguments[name] = diff
    missing_in_catalog = sorted(set(server) - set(ours))
    missing_on_server = sorted(set(ours) - set(server))
    return {
        "kind": kind,
        "missing_in_catalog": missing_in_catalog,
        "missing_on_server": missing_on_server,
        "unverified_confirmed": sorted(
            name for name in set(server) & set(ours) if ours[name].get("verified") is False
        ),
        "arguments": arguments,
        "identical": not (missing_in_catalog or missing_on_server or arguments),
    }


def format_report(report: Mapping[str, Any]) -> str:
    """Render the result of :func:`compare` as short plain text (for the command line)."""
    lines = [f"catalog {report.get('kind', '?')!s} vs. server get-metadata:"]
    if report.get("identical"):
        lines.append("  no differences")
    for key, label in (
        ("missing_in_catalog", "functions on the server, not in the catalog"),
        ("missing_on_server", "functions in the catalog, not on the server"),
        ("unverified_confirmed", "unverified catalog entries the server has"),
    ):
        names = report.get(key) or []
        if names:
            lines.append(f"  {label} ({len(names)}): {', '.join(names)}")
    for function, diff in sorted((report.get("arguments") or {}).items()):
        parts = []
        if diff.get("missing_in_catalog"):
            parts.append("not in catalog: " + ", ".join(diff["missing_in_catalog"]))
        if diff.get("missing_on_server"):
            parts.append("not on server: " + ", ".join(diff["missing_on_server"]))
        for arg, values in sorted((diff.get("type") or {}).items()):
            parts.append(f"{arg} type {values['catalog']} (catalog) vs {values['server']} (server)")
        for arg, values in sorted((diff.get("optional") or {}).items()):
            ours = "optional" if values["catalog"] else "required"
            theirs = "optional" if values["server"] else "required"
            parts.append(f"{arg} {ours} (catalog) vs {theirs} (server)")
        lines.append(f"  {function}: " + "; ".join(parts))
    return "\n".join(lines)
