"""The live archive of one emulated server: a dataset, its lock and the look-ups on it.

An :class:`ArchiveState` owns everything it needs (no module-level state), so one process
can hold several independent archives, e.g. one per emulated instance.
"""

from __future__ import annotations

import copy
import json
import os
import tempfile
import threading
from functools import lru_cache
from typing import Any, Iterator, List, Mapping, Optional, Tuple, Union

from .dataset import DATASET_FORMAT, JsonDict, default_dataset, make_user
from .errors import ApiError

PathLike = Union[str, "os.PathLike[str]"]
Source = Union[None, PathLike, Mapping[str, Any]]


class ArchiveState:
    """The live archive of a running emulator.

    ``data`` is the JSON-able dataset; ``lock`` must be held while reading or changing it (the
    API functions run under it).  Tests may inspect and modify ``data`` directly.  Several
    archives may share one ``lock`` (the SPE emulator's instances do).
    """

    def __init__(
        self, data: Optional[JsonDict] = None, *, lock: Optional[threading.RLock] = None
    ) -> None:
        self.lock = lock if lock is not None else threading.RLock()
        if data is None:
            data = default_dataset()
        elif any(key not in data for key in _sections()):  # partial datasets (e.g. users only)
            for key, value in default_dataset().items():
                data.setdefault(key, value)
        self.data: JsonDict = data

    # -- loading and saving

    @classmethod
    def from_source(cls, source: Source = None) -> ArchiveState:
        """Build a state from ``None`` (default dataset), a dict, or a JSON file path."""
        return cls(source_data(source, DATASET_FORMAT))

    @classmethod
    def load(cls, path: PathLike) -> ArchiveState:
        """Load a dataset previously written by :meth:`save` (or written by hand)."""
        return cls(read_dataset(path, DATASET_FORMAT))

    def to_dict(self) -> JsonDict:
        """A deep copy of the current dataset."""
        with self.lock:
            return copy.deepcopy(self.data)

    def save(self, path: PathLike) -> None:
        """Write the dataset as UTF-8 JSON (atomically: temp file, then rename)."""
        write_dataset(path, self.to_dict())

    # -- users

    @property
    def users(self) -> List[JsonDict]:
        result: List[JsonDict] = self.data["users"]
        return result

    def find_user(self, name: str) -> Optional[JsonDict]:
        """The user called ``name`` (case-insensitive), or None."""
        key = name.casefold()
        for user in self.users:
            if user["userName"].casefold() == key:
                return user
        return None

    def require_user(self, name: str) -> JsonDict:
        user = self.find_user(name)
        if user is None:
            raise ApiError(f"User '{name}' not found.")
        return user

    def add_api_user(self, name: str, password: str) -> None:
        """Give ``name`` the password ``password``, creating it as an API administrator."""
        with self.lock:
            user = self.find_user(name)
            if user is None:
                user = make_user(name, privileges=("admin",))
                self.users.append(user)
            user["password"] = password

    # -- stores

    @property
    def stores(self) -> List[JsonDict]:
        result: List[JsonDict] = self.data["stores"]
        return result

    def require_store(self, store_id: int) -> JsonDict:
        for store in self.stores:
            if store["id"] == store_id:
                return store
        raise ApiError(f"Archive store with ID {store_id} not found.")

    # -- folders and messages

    @property
    def folders(self) -> List[str]:
        result: List[str] = self.data["folders"]
        return result

    @property
    def messages(self) -> List[JsonDict]:
        result: List[JsonDict] = self.data["messages"]
        return result

    def folder_exists(self, folder: str) -> bool:
        key = folder.casefold()
        return any(f.casefold() == key for f in self.folders)

    def subtree(self, folder: str) -> Iterator[str]:
        """``folder`` and every folder below it."""
        key = folder.casefold()
        prefix = key + "/"
        for f in self.folders:
            k = f.casefold()
            if k == key or k.startswith(prefix):
                yield f

    # -- generic helpers

    def section(self, key: str) -> Any:
        return self.data[key]

    def next_id(self, items: List[JsonDict], key: str = "id") -> int:
        return max((int(item[key]) for item in items), default=0) + 1

    def time_zone_offset(self, zone_id: str) -> int:
        """Minutes east of UTC for ``zone_id``; unknown ids raise like .NET does."""
        for zone in self.data["timeZones"]:
            if zone["id"] == zone_id:
                return int(zone.get("_offsetMinutes", 0))
        raise ApiError(
            f"The time zone ID '{zone_id}' was not found on the local computer.",
            "System.TimeZoneNotFoundException",
        )


def source_data(source: Source, fmt: str) -> Optional[JsonDict]:
    """The dataset ``source`` names: None stays None, a dict is copied, a path is read."""
    if source is None:
        return None
    if isinstance(source, Mapping):
        return copy.deepcopy(dict(source))
    return read_dataset(source, fmt)


@lru_cache(maxsize=1)
def _sections() -> Tuple[str, ...]:
    """The top-level keys of a complete dataset."""
    return tuple(default_dataset())


def read_dataset(path: PathLike, fmt: str) -> JsonDict:
    """A JSON dataset file's content; it must be an object of format ``fmt`` (or say none)."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: a dataset must be a JSON object")
    found = data.get("format", fmt)
    if found != fmt:
        raise ValueError(f"{path}: not a {fmt} file (format {found!r})")
    return data


def write_dataset(path: PathLike, data: JsonDict) -> None:
    """Write ``data`` as UTF-8 JSON, atomically (a temporary file, then a rename)."""
    text = json.dumps(data, indent=2, ensure_ascii=False)
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".dataset-", suffix=".json", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text + "\n")
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
