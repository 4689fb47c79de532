"""The server service (version, machine, the archive's size) and one service per store."""

from __future__ import annotations

from typing import Any, List, Optional

from ._model import Metric, Service, State, worst
from ._options import Options
from ._read import Item, count, records, size, version_key


def archive_services(client: Any, info: Item, options: Options) -> List[Service]:
    """The server service, then the archive stores by id."""
    stores = read_stores(client)
    return [_server(info, stores, options)] + store_services(stores)


def read_stores(client: Any) -> List[Item]:
    """The archive stores with their figures, by id."""
    return sorted(records(client, "GetStores", includeSize=True), key=lambda s: int(s["id"]))


def store_services(stores: List[Item]) -> List[Service]:
    """One service per store."""
    return [_store(store) for store in stores]


def older(version: str, options: Options) -> bool:
    """Whether ``version`` is older than the option min_version (or is no version at all)."""
    if options.min_version is None:
        return False
    current = version_key(version)
    return current is None or current < (version_key(options.min_version) or ())


def _server(info: Item, stores: List[Item], options: Options) -> Service:
    version, machine = str(info.get("version")), str(info.get("machineName"))
    messages = _total(stores, "statisticsCount")
    stored = _total(stores, "statisticsSize")
    summary = f"MailStore Server {version} on {machine}, {len(stores)} stores"
    if messages is not None:
        summary += f", {messages:,} messages"
    if stored is not None:
        summary += f", {size(stored)}"
    state = State.OK
    if older(version, options):
        state = State.WARNING
        summary = f"version {version} is older than {options.min_version}; {summary}"
    metrics = [Metric("stores", len(stores), min=0)]
    if messages is not None:
        metrics.append(Metric("archive_messages", messages, min=0))
    if stored is not None:
        metrics.append(Metric("archive_size", stored, unit="B", min=0))
    return Service("server", state, summary, metrics=tuple(metrics))


def _total(stores: List[Item], key: str) -> Optional[int]:
    values = [count(store, key) for store in stores]
    known = [value for value in values if value is not None]
    return sum(known) if known else None


def _store(store: Item) -> Service:
    problems = []
    if store.get("error"):
        problems.append((State.CRITICAL, f"error: {store['error']}"))
    if store.get("needsUpgrade") is True:
        problems.append((State.WARNING, "needs an upgrade"))
    if store.get("searchIndexesNeedRebuild") is True:
        problems.append((State.WARNING, "search indexes need a rebuild"))
    messages, stored = count(store, "statisticsCount"), count(store, "statisticsSize")
    about = [str(store.get("requestedState"))]
    metrics = []
    if messages is not None:
        about.append(f"{messages:,} messages")
        metrics.append(Metric("messages", messages, min=0))
    if stored is not None:
        about.append(size(stored))
        metrics.append(Metric("size", stored, unit="B", min=0))
    return Service(
        "store",
        worst(state for state, _ in problems),
        "; ".join(text for _, text in problems) or ", ".join(about),
        item=str(store["id"]),
        label=str(store.get("name") or f"#{store['id']}"),
        details=(", ".join(about),) if problems else (),
        metrics=tuple(metrics),
    )
